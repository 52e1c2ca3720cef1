"""`mlops update`: parse the arguments, call `update_project`, print the merge it made."""

from __future__ import annotations

from pathlib import Path

import typer

from mlops_scaffold.cli.output import print_plan
from mlops_scaffold.cli.typer_app import EdgeCommand, app, err, out


@app.command(cls=EdgeCommand)
def update(
    path: Path = typer.Option(Path("."), "--path", "-p", help="The project to update."),
    dry_run: bool = typer.Option(
        False, "--dry-run", "-n", help="Print what would change, with diffs; write nothing."
    ),
    check: bool = typer.Option(
        False, "--check", help="Exit 1 when the project is behind the installed template (CI)."
    ),
) -> None:
    """Merge the installed template's changes into a project, keeping your edits.

    Conflicts are left as markers (or .rej files) and listed; nothing is committed.
    """
    from mlops_scaffold.update import plan_update, update_project

    if check:
        behind = plan_update(path).behind
        if behind:
            out.print(f"Behind the installed template in {len(behind)} files:")
            for name in behind:
                out.print(f"  {name}")
            out.print("Run `mlops update` to merge the changes.")
            raise typer.Exit(1)
        out.print("Up to date with the installed template.")
        return
    plan = update_project(path, dry_run=dry_run)
    if not plan.changes:
        out.print("Up to date with the installed template.")
        return
    print_plan(plan.changes, plan.skipped, dry_run=dry_run)
    if plan.conflicts:
        err.print(f"[bold red]Conflicts in {len(plan.conflicts)} files[/], to resolve by hand:")
        for name in plan.conflicts:
            err.print(f"  {name}")
        if not dry_run:
            raise typer.Exit(1)
    elif not dry_run:
        out.print("Review with `git diff`, then commit.")
