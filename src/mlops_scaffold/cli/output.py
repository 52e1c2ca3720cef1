"""Printing that several verbs share: the plan of files a change writes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mlops_scaffold.cli.console import out

if TYPE_CHECKING:
    from mlops_scaffold.merge import FileChange, Skipped

_STYLE = {
    "create": "green",
    "extend": "cyan",
    "replace": "yellow",
    "merge": "cyan",
    "conflict": "bold red",
    "delete": "red",
}


def count(n: int, noun: str) -> str:
    """`1 file`, `2 files`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def print_plan(changes: Sequence[FileChange], skipped: Sequence[Skipped], *, dry_run: bool) -> None:
    """One line per file (what happens to it), and with `dry_run` the diff of each change."""
    verb = "Would write" if dry_run else "Wrote"
    out.print(f"{verb} {count(len(changes), 'file')}, left {len(skipped)} alone:")
    for change in changes:
        kind = change.kind.value
        note = f" [dim]({change.note})[/]" if change.note else ""
        out.print(f"  [{_STYLE[kind]}]{kind:<8}[/] {change.path}{note}")
    for skip in skipped:
        out.print(f"  [dim]{'skip':<8}[/] {skip.path} [dim]({skip.reason})[/]")
    if dry_run:
        for change in changes:
            out.print(change.diff(), markup=False, end="")
