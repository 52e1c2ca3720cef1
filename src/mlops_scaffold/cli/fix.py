"""`mlops doctor --fix`: print the findings by the component that fixes them, the plan and its
diffs; apply it after a confirmation, or with --yes."""

from __future__ import annotations

from pathlib import Path

import typer

from mlops_scaffold.cli.add import show_step
from mlops_scaffold.cli.app import escape, out
from mlops_scaffold.cli.output import print_plan


def fix_repo(path: Path, *, yes: bool, interactive: bool) -> int:
    """Plan the fix, show it, and apply it when asked to; the exit code."""
    from mlops_scaffold.add import apply_add
    from mlops_scaffold.doctor.run import find_findings
    from mlops_scaffold.fix import plan_fix

    plan = plan_fix(path, keep_objects=yes or interactive, progress=show_step)
    out.print(f"Score now: {plan.score}")
    for component, findings in sorted(plan.by_component.items()):
        ids = ", ".join(dict.fromkeys(finding.id for finding in findings))
        out.print(f"  [bold]mlops add {component}[/] fixes {ids}")
    if plan.manual:
        out.print("Left to you (no component fixes these):")
        for finding in plan.manual:
            where = f" ({finding.path})" if finding.path else ""
            out.print(f"  {finding.id}{escape(where)}: {escape(finding.fix or finding.title)}")
    if plan.add is None or not plan.add.changes:
        out.print("Nothing to add.")
        return 0
    if not yes:
        print_plan(plan.add.changes, plan.add.skipped, dry_run=True)
    for name, needs in plan.add.missing_needs.items():
        out.print(
            f"  [yellow]needs:[/] {name} needs {', '.join(needs)}, which no finding asked for"
        )
    for note in plan.add.notes:
        out.print(f"  [dim]note:[/] {escape(note)}")
    if not (yes or (interactive and typer.confirm("Apply this plan?", default=False))):
        out.print("Dry run: nothing written (pass --yes to apply, or run it in a terminal).")
        return 0
    apply_add(plan.add)
    if yes:
        print_plan(plan.add.changes, plan.add.skipped, dry_run=False)
    out.print(f"Score after: {find_findings(path).score}")
    return 0
