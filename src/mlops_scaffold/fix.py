"""`mlops doctor --fix`: the doctor's findings, grouped by the component that owns them, fixed
by one `mlops add` of those components (same plan, same all-or-nothing writing).

What the fix leaves is known before anything is written: the doctor audits a copy of the repo
with the plan applied (hard links, in a temporary folder). Findings on the user's own files
(a Dockerfile running as root, a pickle load) stay whatever is added; they are listed with the
fix a user makes by hand, as are those no component fixes. A component whose lock cannot be
resolved in this repo (a floor of its code against a pin of the repo's, say) is left out with
the reason, with every component that needs it; the others are still added.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mlops_scaffold import vcs
from mlops_scaffold.add import AddPlan, AddRequest, plan_add
from mlops_scaffold.catalogue import practice
from mlops_scaffold.components import COMPONENTS, with_needs
from mlops_scaffold.doctor.report import Finding, Report
from mlops_scaffold.doctor.run import find_findings
from mlops_scaffold.lock import LockCompileError, LockConflictError, Progress
from mlops_scaffold.repo.view import Repo


@dataclass
class FixPlan:
    """What `--fix` would add, for which findings, and what is left to the user."""

    by_component: dict[str, list[Finding]]
    """The findings each component fixes, by component name."""
    manual: list[Finding] = field(default_factory=list)
    """Findings no component fixes here: by hand, or in a monorepo's nested project (a fix
    at the root does not change a project's own files: `--fix` is run in the project)."""
    score: int = 100
    """The doctor's score before the fix."""
    add: AddPlan | None = None
    """The plan of the one `mlops add` that fixes the grouped findings (None: nothing to add)."""
    refused: dict[str, str] = field(default_factory=dict)
    """Components of `by_component` left out, with why (their findings stay)."""
    before: Report = field(default_factory=lambda: Report("", (), ()))
    """The doctor's report on the repo as it is."""
    after: Report | None = None
    """The doctor's report on the repo as the plan leaves it (None: nothing to add)."""

    @property
    def left(self) -> list[Finding]:
        """The findings the fix leaves: every one of the report after it."""
        return list((self.after or self.before).findings)

    def fixed(self, component: str) -> list[Finding]:
        """The findings grouped under `component` that the fix resolves."""
        if self.after is None or component in self.refused:
            return []
        staying = {_key(finding) for finding in self.after.findings}
        return [f for f in self.by_component.get(component, []) if _key(f) not in staying]

    def is_new(self, finding: Finding) -> bool:
        """Whether a finding left comes with the added files (absent before the fix)."""
        return _key(finding) not in {_key(f) for f in self.before.findings}


def plan_fix(
    path: Path,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    kind: str | None = None,
    keep_objects: bool = False,
    progress: Progress | None = None,
) -> FixPlan:
    """Audit the repo, group its findings by fixing component, and plan adding them.

    `select`, `ignore` and `kind` choose the checks as they do for the doctor (the repo
    as the plan leaves it is audited as the same kind).
    """
    report = find_findings(path, select=select, ignore=ignore, kind=kind)
    plan = FixPlan({}, score=report.score, before=report)
    for finding in report.findings:
        component = fixing_component(finding)
        if component:
            plan.by_component.setdefault(component, []).append(finding)
        else:
            plan.manual.append(finding)
    wanted = sorted(plan.by_component)
    dropped: set[str] = set()  # added, fixed nothing: never tried again
    while wanted:
        # with what they need, so every added piece works where it lands
        request = AddRequest(path, tuple(wanted), with_deps=True)
        try:
            plan.add = plan_add(request, keep_objects=keep_objects, progress=progress)
        except LockCompileError as failure:
            blocked = blocked_by_lock(failure, wanted)
            if not blocked:
                raise
            plan.refused.update(dict.fromkeys(blocked, lock_reason(failure)))
            wanted = [name for name in wanted if name not in blocked]
            continue
        plan.after = findings_after(plan.add, select=select, ignore=ignore, kind=kind)
        # a component whose findings all stay (they are about the user's own files) is not added
        useless = [name for name in wanted if not plan.fixed(name)]
        # what the added files bring (a pipeline makes ENV004 apply) and another component fixes
        brought = {
            finding: component
            for finding in plan.after.findings
            if plan.is_new(finding)
            and (component := fixing_component(finding))
            and component not in {*plan.add.components, *plan.refused, *dropped}
        }
        if not useless and not brought:
            break
        dropped.update(useless)
        for finding, component in brought.items():
            plan.by_component.setdefault(component, []).append(finding)
        wanted = sorted({*wanted, *brought.values()} - dropped)
        plan.add = plan.after = None
    return plan


def fixing_component(finding: Finding) -> str | None:
    """The component that fixes a finding here: its practice's, unless the finding is a
    monorepo's nested project's (the fix is run in the project)."""
    try:
        component = practice(finding.id).fixed_by
    except KeyError:
        return None
    return None if finding.project else component


def findings_after(
    add: AddPlan,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    kind: str | None = None,
) -> Report:
    """The doctor's report on a copy of the repo with the plan applied.

    The copy holds the files the doctor reads (git's list), hard-linked where it can be (a
    change replaces the link, never writes through it), in a temporary folder; in a git
    repo it is a git repo too, everything added, as the user's is after committing.
    """
    source = Repo.open(add.root)
    with tempfile.TemporaryDirectory(prefix="mlops-fix-") as scratch:
        copy = Path(scratch) / add.root.name  # a check may read the folder's name
        for rel in source.files:
            target = copy / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(add.root / rel, target)
            except OSError:
                shutil.copy2(add.root / rel, target)
        for change in add.changes:
            target = copy / change.path
            target.unlink(missing_ok=True)
            if change.new is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(change.new)
        if source.is_git:
            # the user's global filters (git-lfs) and hooks have no business in the copy
            quiet = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
            vcs.git(copy, "init", "--quiet", env=quiet)
            if source.origin is not None:  # the kind its name or owner says stays the same
                vcs.git(copy, "remote", "add", "origin", source.origin.url, env=quiet)
            # --force: a file the repo tracks although its .gitignore matches it stays audited
            vcs.git(copy, "add", "--all", "--force", env=quiet)
        return find_findings(copy, select=select, ignore=ignore, kind=kind)


def _key(finding: Finding) -> tuple[str, str, str | None]:
    """What identifies a finding across two audits (its message may count things)."""
    return finding.id, finding.project, finding.path


def blocked_by_lock(failure: LockCompileError, wanted: Sequence[str]) -> list[str]:
    """The wanted components that cannot be added while the lock fails: those that need the
    component whose requirement clashes with the repo's, else (the repo's own requirements do
    not resolve) every one that needs the lock."""
    named = set()
    if isinstance(failure, LockConflictError):
        named = {name for name in failure.components if name in COMPONENTS}
    culprits = named or {"lock"}
    return [name for name in wanted if culprits & set(with_needs((name,)))]


def lock_reason(failure: LockCompileError) -> str:
    """The failure and its way out, in one line (the other components are still added)."""
    hint = (failure.hint or "").removesuffix("; nothing was written")
    return f"{failure.message}; {hint}" if hint else failure.message
