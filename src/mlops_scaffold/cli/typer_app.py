"""The Typer application and the one place its errors become messages."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer._click.exceptions import ClickException
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperCommand, TyperGroup, TyperOption

from mlops_scaffold import __version__
from mlops_scaffold.cli.console import describe_os_error, err, escape, out, print_error
from mlops_scaffold.cli.signals import stop_as_ctrl_c
from mlops_scaffold.errors import MlopsError

__all__ = ["EdgeCommand", "EdgeGroup", "app", "describe_os_error", "err", "escape", "fail", "out"]


def _without_bool_metavar(command: TyperCommand | TyperGroup, ctx: Any) -> None:
    """On/off flags take no value: show none (Typer would print `<bool>`)."""
    for param in [*command.params, command.get_help_option(ctx)]:
        if isinstance(param, TyperOption) and param.is_flag:
            param.metavar = ""


class EdgeCommand(TyperCommand):
    """Every `mlops` command: flags shown without a value type in `--help`."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _without_bool_metavar(self, ctx)
        super().format_help(ctx, formatter)


class EdgeGroup(TyperGroup):
    """The command group: every command's typed errors become one line here, whoever runs it
    (the `mlops` script or a test's CliRunner)."""

    def main(  # type: ignore[override]
        self, args: list[str] | None = None, *, standalone_mode: bool = True, **kwargs: Any
    ) -> Any:
        """Click's own usage errors (a missing argument, an unknown command or option, an
        invalid choice) in the same `error:` + `hint:` form as ours, not in a box."""
        try:
            code = super().main(args, standalone_mode=False, **kwargs)
        except ClickUsageError as error:
            if not error.format_message().strip():  # `mlops` alone: the help was the answer
                return _exit(error.exit_code, standalone_mode)
            err.print(f"[bold red]error:[/] {escape(_sentence(error.format_message()))}")
            where = error.ctx.command_path if error.ctx is not None else "mlops"
            err.print(f"[dim]hint:[/] see: {escape(where)} --help")
            code = error.exit_code
        except ClickException as error:
            err.print(f"[bold red]error:[/] {escape(_sentence(error.format_message()))}")
            code = error.exit_code
        except typer.Abort:  # end of input at a question
            err.print("[bold red]error:[/] aborted")
            code = 1
        return _exit(code, standalone_mode)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _without_bool_metavar(self, ctx)
        super().format_help(ctx, formatter)

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click.Context
        try:
            return super().invoke(ctx)
        except MlopsError as error:
            raise fail(error) from None
        except OSError as error:  # a file or folder the run could not read or write
            err.print(f"[bold red]error:[/] {escape(describe_os_error(error))}")
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=EdgeGroup,
    name="mlops",
    help="Scaffold, audit and retrofit production-shaped ML projects.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        out.print(f"mlops-scaffold {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        help="Show the version and exit.",
        callback=_version,
        is_eager=True,
    ),
) -> None:
    """Scaffold ([bold]new[/]), audit ([bold]doctor[/]) and retrofit ([bold]add[/]) ML projects."""


def fail(error: MlopsError) -> typer.Exit:
    """Print an error as one red line plus a hint and return the Exit to raise."""
    print_error(error)
    return typer.Exit(error.exit_code)


def _exit(code: Any, standalone_mode: bool) -> Any:
    if not standalone_mode:
        return code
    sys.exit(code if isinstance(code, int) else 0)


def _sentence(message: str) -> str:
    """Click's `No such command 'x'.` as our lines read: `no such command 'x'`."""
    message = message.strip().rstrip(".")
    return message[:1].lower() + message[1:] if message[1:2].islower() else message


def run() -> None:
    """Run the app (errors become messages in `EdgeGroup`)."""
    stop_as_ctrl_c()
    app(prog_name="mlops")  # standalone: usage errors exit 2, Ctrl-C exits 130
