"""The Typer application and the one place errors become messages."""

from __future__ import annotations

import signal
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from mlops_scaffold import __version__
from mlops_scaffold.errors import MlopsError


class EdgeGroup(TyperGroup):
    """The command group: every command's typed errors become one line here, whoever runs it
    (the `mlops` script or a test's CliRunner)."""

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

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


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
    err.print(f"[bold red]error:[/] {escape(error.message)}")
    if error.hint:
        err.print(f"[dim]hint:[/] {escape(error.hint)}")
    return typer.Exit(error.exit_code)


def _stop_as_ctrl_c(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def describe_os_error(error: OSError) -> str:
    """`Permission denied: /path` from an OSError, without its errno prefix."""
    reason = error.strerror or str(error)
    return f"{reason}: {error.filename}" if error.filename else reason


def run() -> None:
    """Run the app (errors become messages in `EdgeGroup`)."""
    # A `kill`, a closed terminal or `timeout` stop the run as Ctrl-C does, so the same clean-up
    # runs: staging folders removed, a half-done change taken back.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop_as_ctrl_c)
    app()  # standalone mode: usage errors exit 2, Ctrl-C exits 130
