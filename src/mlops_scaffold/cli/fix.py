"""`mlops doctor --fix`: print the findings by the component that fixes them, the plan and its
diffs; apply it after a confirmation, or with --yes."""

from __future__ import annotations

from pathlib import Path

import typer

from mlops_scaffold.cli.add import show_step
from mlops_scaffold.cli.console import escape, out
from mlops_scaffold.cli.output import print_plan
from mlops_scaffold.doctor.report import Finding


def fix_repo(
    path: Path,
    *,
    yes: bool,
    dry_run: bool,
    interactive: bool,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    kind: str | None = None,
) -> int:
    """Plan the fix, show it, and apply it when asked to; the exit code."""
    from mlops_scaffold.add import apply_add
    from mlops_scaffold.doctor.run import find_findings
    from mlops_scaffold.fix import plan_fix

    applying = not dry_run and (yes or interactive)
    plan = plan_fix(
        path,
        select=select,
        ignore=ignore,
        kind=kind,
        keep_objects=applying,
        progress=show_step,
    )
    after = f"; after the fix: {plan.after.score}" if plan.after is not None else ""
    out.print(f"Score now: {plan.score}{after}")
    for component, findings in sorted(plan.by_component.items()):
        ids = ", ".join(dict.fromkeys(finding.id for finding in findings))
        if component in plan.refused:
            reason = escape(plan.refused[component])
            out.print(f"  [red]cannot add {component}[/] (it would fix {ids}): {reason}")
        elif fixed := plan.fixed(component):
            ids = ", ".join(dict.fromkeys(finding.id for finding in fixed))
            out.print(f"  [bold]mlops add {component}[/] fixes {ids}")
    if plan.left:
        out.print("Left to you (the fix does not change these):")
        for finding in plan.left:
            where = f" ({finding.path})" if finding.path else ""
            new = " [dim](new: the added files make it apply)[/]" if plan.is_new(finding) else ""
            out.print(f"  {finding.id}{escape(where)}: {escape(manual_fix(finding))}{new}")
    if plan.add is None or not plan.add.changes:
        out.print("Nothing to add.")
        return 0
    if not yes or dry_run:
        print_plan(plan.add.changes, plan.add.skipped, dry_run=True)
    for name, needs in plan.add.missing_needs.items():
        out.print(
            f"  [yellow]needs:[/] {name} needs {', '.join(needs)}, which no finding asked for"
        )
    for note in plan.add.notes:
        out.print(f"  [dim]note:[/] {escape(note)}")
    if dry_run or not (yes or interactive):
        how = "drop --dry-run" if dry_run else "pass --yes, or run it in a terminal,"
        out.print(f"Dry run: nothing written ({how} to apply).")
        return 0
    if not yes and not typer.confirm("Apply this plan?", default=False):
        out.print("Nothing written.")
        return 0
    apply_add(plan.add)
    if yes:
        print_plan(plan.add.changes, plan.add.skipped, dry_run=False)
    score = find_findings(path, select=select, ignore=ignore, kind=kind).score
    out.print(f"Score after: {score}")
    return 0


def manual_fix(finding: Finding) -> str:
    """What the user does about a finding the fix leaves: the practice's remedy by hand, or,
    in a monorepo's nested project, the fix run in that project."""
    from mlops_scaffold.catalogue import practice

    try:
        known = practice(finding.id)
    except KeyError:
        return finding.fix or finding.title
    remedy = known.remedy or finding.fix or finding.title
    if finding.project and known.fixed_by:
        return f"`mlops doctor --fix {finding.project}` (its own project); or {remedy}"
    return remedy
