"""`mlops add`: parse the arguments, call `add_components`, print the plan it made."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mlops_scaffold.cli.output import print_plan
from mlops_scaffold.cli.typer_app import EdgeCommand, app, err, escape, out

if TYPE_CHECKING:
    from mlops_scaffold.data_tracking import ExistingData


def complete_component(incomplete: str) -> list[str]:
    """Shell completion: the component names that start with what was typed."""
    from mlops_scaffold.components import COMPONENTS

    return [name for name in COMPONENTS if name.startswith(incomplete)]


@app.command(cls=EdgeCommand)
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
    track_data: bool = typer.Option(
        False,
        "--track-data",
        help="With dvc: put the repo's existing data under DVC (git rm --cached, dvc add); "
        "the files stay where they are.",
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
    from mlops_scaffold.answers import parse_data

    request = AddRequest(
        path, tuple(components or ()), parse_data(data), force, with_deps, track_data
    )
    ask = _ask_to_track if sys.stdin.isatty() and not track_data else None
    plan = add_components(request, dry_run=dry_run, progress=show_step, ask_to_track=ask)
    if plan.pulled_in:
        out.print(f"Also adding what they need (--with-deps): {', '.join(plan.pulled_in)}")
    print_plan(plan.changes, plan.skipped, dry_run=dry_run)
    if plan.track_data:
        verb = "would dvc add" if dry_run else "dvc add"
        for target in plan.data.targets:
            out.print(f"  [green]{verb}[/] {target.describe()}")
    for name, needs in plan.missing_needs.items():
        out.print(
            f"  [yellow]needs:[/] {name} needs {', '.join(needs)}, not added here: "
            "add them with --with-deps (or keep your own)"
        )
    for note in plan.notes:
        out.print(f"  [dim]note:[/] {escape(note)}")
    if plan.backup_dir is not None and plan.backup_dir.exists():
        out.print(f"Backups of the replaced files are in {plan.backup_dir}")
    in_place = [name for name in plan.components if name not in plan.not_added]
    if not dry_run and not plan.written and in_place:
        recorded = " (only recorded in .mlops.yml)" if plan.changes else ""
        out.print(f"Nothing to add: {', '.join(in_place)} already in place{recorded}.")
    if plan.not_added:
        err.print(
            f"[red]{'would not add' if dry_run else 'not added'}:[/] "
            f"{', '.join(plan.not_added)}: git ignores every file "
            f"{'it brings' if len(plan.not_added) == 1 else 'they bring'} (see the skip lines)"
        )
        raise typer.Exit(1)


def _ask_to_track(data: ExistingData) -> bool:
    """At a terminal: whether the data the plan found goes under DVC now (no, by default)."""
    out.print("The repo has data that DVC does not track yet:")
    for target in data.targets:
        out.print(f"  {escape(target.describe())}")
    out.print(f"  [dim]runs:[/] {escape(data.command())}")
    return typer.confirm(
        "Put it under DVC now? Your files stay where they are; git stops tracking them",
        default=False,
    )


def show_step(step: str) -> None:
    """A long step as it starts and ends (on stderr: the plan on stdout stays clean)."""
    err.print(f"[dim]... {step}[/]")


def _print_list() -> None:
    from mlops_scaffold.add import describe_components

    for line in describe_components():
        resolves = f" [dim](resolves {', '.join(line.resolves)})[/]" if line.resolves else ""
        needed = f" [dim](needs {', '.join(line.needs)})[/]" if line.needs else ""
        out.print(f"  [bold]{line.name:<11}[/] {line.summary}{resolves}{needed}")
