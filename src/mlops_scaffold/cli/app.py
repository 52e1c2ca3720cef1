"""The Typer application and the one place errors become messages."""

from __future__ import annotations

import signal
import textwrap

import typer
from rich.console import Console
from rich.markup import escape

from mlops_scaffold import __version__
from mlops_scaffold.errors import MlopsError, StepFailedError, UsageError

app = typer.Typer(
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
    if isinstance(error, StepFailedError) and error.output.strip():  # what the command said
        err.print(escape(textwrap.indent(error.output.rstrip("\n"), "  ")), highlight=False)
    if error.hint:
        err.print(f"[dim]hint:[/] {escape(error.hint)}")
    return typer.Exit(error.exit_code)


def parse_data(pairs: list[str]) -> dict[str, str]:
    """`--data KEY=VALUE` strings as a mapping; the first `=` separates."""
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--data expects KEY=VALUE, got {pair!r}")
        answers[key.strip()] = value
    return answers


def _stop_as_ctrl_c(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def describe_os_error(error: OSError) -> str:
    """`Permission denied: /path` from an OSError, without its errno prefix."""
    reason = error.strerror or str(error)
    return f"{reason}: {error.filename}" if error.filename else reason


def run() -> None:
    """Run the app; turn typed errors into one red line and an exit code."""
    # A `kill`, a closed terminal or `timeout` stop the run as Ctrl-C does, so the same clean-up
    # runs: staging folders removed, a half-done change taken back.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop_as_ctrl_c)
    try:
        app()  # standalone mode: usage errors exit 2, Ctrl-C exits 130
    except MlopsError as error:
        raise SystemExit(fail(error).exit_code) from None
    except OSError as error:  # a file or folder the run could not read or write
        err.print(f"[bold red]error:[/] {escape(describe_os_error(error))}")
        raise SystemExit(1) from None
