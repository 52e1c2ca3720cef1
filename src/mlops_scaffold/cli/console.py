"""The consoles every verb prints to, and errors printed as one line plus a hint.

Typer-free, so that the quick `mlops doctor` path (`cli.quick`) prints exactly what the
Typer command prints without importing Typer."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, cast

from mlops_scaffold.errors import MlopsError, StepFailedError

if TYPE_CHECKING:
    from rich.console import Console


class LazyConsole:
    """A rich Console built on first use: a run that prints JSON never imports rich
    (about 50 ms of start-up)."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


out = cast("Console", LazyConsole(highlight=False, soft_wrap=True))
err = cast("Console", LazyConsole(stderr=True, highlight=False, soft_wrap=True))


def escape(text: str) -> str:
    """Text with rich's markup escaped, to print as it is."""
    from rich.markup import escape as escape_markup

    return escape_markup(text)


def print_error(error: MlopsError) -> None:
    """An error as one red line, what the failed command said, and a hint."""
    err.print(f"[bold red]error:[/] {escape(error.message)}")
    if isinstance(error, StepFailedError) and error.output.strip():  # what the command said
        err.print(escape(textwrap.indent(error.output.rstrip("\n"), "  ")), highlight=False)
    if error.hint:
        err.print(f"[dim]hint:[/] {escape(error.hint)}")


def describe_os_error(error: OSError) -> str:
    """`Permission denied: /path` from an OSError, without its errno prefix."""
    reason = error.strerror or str(error)
    return f"{reason}: {error.filename}" if error.filename else reason
