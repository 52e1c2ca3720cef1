"""`mlops doctor --fix`: the doctor's findings, grouped by the component that owns them, fixed
by one `mlops add` of those components (same plan, same all-or-nothing writing).

Findings no component fixes are listed with the fix a user makes by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mlops_scaffold.add import AddPlan, AddRequest, plan_add
from mlops_scaffold.catalogue import practice
from mlops_scaffold.doctor.report import Finding
from mlops_scaffold.doctor.run import find_findings
from mlops_scaffold.lock import Progress


@dataclass
class FixPlan:
    """What `--fix` would add, for which findings, and what is left to the user."""

    by_component: dict[str, list[Finding]]
    """The findings each component fixes, by component name."""
    manual: list[Finding] = field(default_factory=list)
    """Findings no component fixes; each one's `fix` says what to do."""
    score: int = 100
    """The doctor's score before the fix."""
    add: AddPlan | None = None
    """The plan of the one `mlops add` that fixes the grouped findings (None: nothing to add)."""


def plan_fix(
    path: Path, *, keep_objects: bool = False, progress: Progress | None = None
) -> FixPlan:
    """Audit the repo, group its findings by fixing component, and plan adding them."""
    report = find_findings(path)
    plan = FixPlan({}, score=report.score)
    for finding in report.findings:
        try:
            component = practice(finding.id).fixed_by
        except KeyError:
            component = None
        if component:
            plan.by_component.setdefault(component, []).append(finding)
        else:
            plan.manual.append(finding)
    if plan.by_component:
        # with what they need, so every added piece works where it lands
        request = AddRequest(path, tuple(sorted(plan.by_component)), with_deps=True)
        plan.add = plan_add(request, keep_objects=keep_objects, progress=progress)
    return plan
