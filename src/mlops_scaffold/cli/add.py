"""`mlops add`: parse the arguments, call `add_components`, print the plan it made."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mlops_scaffold.cli.app import app, out, parse_data

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


def complete_component(incomplete: str) -> list[str]:
    """Shell completion: the component names that start with what was typed."""
    from mlops_scaffold.components import COMPONENTS

    return [name for name in COMPONENTS if name.startswith(incomplete)]


@app.command()
def add(
    components: list[str] = typer.Argument(
        None,
        help="Components to add (see --list).",
        show_default=False,
        autocompletion=complete_component,
    ),
    path: Path = typer.Option(Path("."), "--path", "-p", help="The repo to add to."),
    data: list[str] = typer.Option(
        [], "--data", "-d", metavar="KEY=VALUE", help="Answer a template question (repeatable)."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", "-n", help="Print the plan with diffs; write nothing."
    ),
    force: bool = typer.Option(
        False, "--force", help="Replace existing files, keeping a backup of each first."
    ),
    with_deps: bool = typer.Option(
        False, "--with-deps", help="Also add the components these need (see --list)."
    ),
    list_components: bool = typer.Option(
        False, "--list", help="List the components, what each adds and the checks it resolves."
    ),
) -> None:
    """Bring pieces of the template into an existing repo; never overwrite what is there.

    Example: [bold]mlops add docker ci --dry-run[/]
    """
    if list_components:
        _print_list()
        return
    from mlops_scaffold.add import AddRequest, add_components

    request = AddRequest(path, tuple(components or ()), parse_data(data), force, with_deps)
    plan = add_components(request, dry_run=dry_run)
    if plan.pulled_in:
        out.print(f"Also adding what they need (--with-deps): {', '.join(plan.pulled_in)}")
    print_plan(plan.changes, plan.skipped, dry_run=dry_run)
    for name, needs in plan.missing_needs.items():
        out.print(
            f"  [yellow]needs:[/] {name} needs {', '.join(needs)}, not added here: "
            "add them with --with-deps (or keep your own)"
        )
    for note in plan.notes:
        out.print(f"  [dim]note:[/] {note}")
    if plan.backup_dir is not None and plan.backup_dir.exists():
        out.print(f"Backups of the replaced files are in {plan.backup_dir}")
    if not dry_run and not plan.written:
        recorded = " (only recorded in .mlops.yml)" if plan.changes else ""
        out.print(f"Nothing to add: {', '.join(plan.components)} already in place{recorded}.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _print_list() -> None:
    from mlops_scaffold.add import describe_components

    for name, summary, checks, needs in describe_components():
        resolves = f" [dim](resolves {', '.join(checks)})[/]" if checks else ""
        needed = f" [dim](needs {', '.join(needs)})[/]" if needs else ""
        out.print(f"  [bold]{name:<11}[/] {summary}{resolves}{needed}")


def print_plan(changes: Sequence[FileChange], skipped: Sequence[Skipped], *, dry_run: bool) -> None:
    """One line per file (what happens to it), and with `dry_run` the diff of each change."""
    verb = "Would write" if dry_run else "Wrote"
    out.print(f"{verb} {_count(len(changes), 'file')}, left {len(skipped)} alone:")
    for change in changes:
        kind = change.kind.value
        note = f" [dim]({change.note})[/]" if change.note else ""
        out.print(f"  [{_STYLE[kind]}]{kind:<8}[/] {change.path}{note}")
    for skip in skipped:
        out.print(f"  [dim]{'skip':<8}[/] {skip.path} [dim]({skip.reason})[/]")
    if dry_run:
        for change in changes:
            out.print(change.diff(), markup=False, end="")
