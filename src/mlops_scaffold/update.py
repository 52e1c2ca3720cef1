"""`mlops update`: bring the installed template's changes into a project, keeping the user's.

Three versions of each file meet: the base (what mlops last rendered here, a git
commit: the first commit of a project from `mlops new`, later the commit recorded in
.mlops.yml), the user's file, and the template rendered now with the same answers.
The template's change from base to now is merged into the user's file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mlops_scaffold import answers as template_answers
from mlops_scaffold import merge, vcs
from mlops_scaffold.components import (
    RECORD_FILE,
    TESTS_NAMESPACE,
    Record,
    component_files,
    read_record,
    render_files,
)
from mlops_scaffold.errors import MlopsError
from mlops_scaffold.merge import ChangeKind, FileChange, Skipped
from mlops_scaffold.repo.facts import repo_facts
from mlops_scaffold.repo.view import Repo
from mlops_scaffold.template import ANSWERS_FILE


class UpdateError(MlopsError):
    """The project cannot be updated as it is."""


@dataclass
class UpdatePlan:
    """What `mlops update` will write, what conflicts, and whether the project is behind."""

    root: Path
    changes: list[FileChange]
    skipped: list[Skipped] = field(default_factory=list)
    behind: list[str] = field(default_factory=list)
    """Files the update would change (the answers file aside): empty when up to date."""
    pristine: str | None = None

    @property
    def conflicts(self) -> list[str]:
        """Files written with conflict markers (or kept, if binary) for the user to resolve."""
        return [change.path for change in self.changes if change.kind is ChangeKind.CONFLICT]


def plan_update(path: Path, *, keep_objects: bool = False) -> UpdatePlan:
    """Render the template with the recorded answers and plan the merge; write nothing.

    With `keep_objects` the next pristine commit's git objects are stored in the repo, for
    `apply_update`; without, they go to a scratch store (a check, a dry run).
    """
    root = path.resolve()
    if not vcs.is_git_repo(root):
        raise UpdateError(
            f"{root} is not the top of a git repository",
            hint="mlops update merges against git history; run it at the repo's root",
        )
    record = read_record(root)
    recorded = template_answers.recorded_by_new(root)
    if recorded is None and not record.components:
        raise UpdateError(
            f"nothing to update in {root}: it has no {ANSWERS_FILE} and no components "
            f"in {RECORD_FILE}",
            hint="`mlops add COMPONENT` brings pieces of the template into any repo",
        )
    new = _render(root, record, recorded)
    base_commit = vcs.find_pristine(root, record.pristine, recorded is not None)
    base = vcs.read_tree(root, base_commit) if base_commit else {}
    if recorded is None and ".gitignore" in new:  # fitted as `mlops add` fitted it
        new[".gitignore"] = merge.without_lines_hiding_tracked(
            root, new[".gitignore"], base.get(".gitignore", b"")
        )
    plan = UpdatePlan(root, [])
    owned: dict[str, bytes] = {}
    for name in sorted(set(new) | set(base)):
        _plan_file(plan, owned, name, base.get(name), new.get(name))
    plan.behind = [c.path for c in plan.changes if c.path != ANSWERS_FILE]
    if plan.changes:
        plan.pristine = vcs.store_pristine(root, owned, base_commit, keep=keep_objects)
        updated = replace(record, pristine=plan.pristine)
        plan.changes.append(merge.record_change(root, updated))
    return plan


def update_project(path: Path, *, dry_run: bool = False) -> UpdatePlan:
    """Plan and, unless `dry_run`, apply the update; refuses a dirty working tree."""
    root = path.resolve()
    if not dry_run:
        refuse_dirty(root)
    plan = plan_update(root, keep_objects=not dry_run)
    if not dry_run:
        apply_update(plan)
    return plan


def apply_update(plan: UpdatePlan) -> None:
    """Write the plan: all of it, or (interrupted) none of it. Nothing is committed."""
    merge.apply_changes(plan.root, plan.changes)
    if plan.pristine is not None:
        vcs.set_pristine_ref(plan.root, plan.pristine)


def refuse_dirty(root: Path) -> None:
    """Raise when the work tree has uncommitted or untracked changes."""
    if not vcs.is_git_repo(root):
        return  # plan_update says why it cannot run
    dirty = vcs.dirty_paths(root)
    if dirty:
        raise UpdateError(
            f"{root} has uncommitted changes ({dirty[0]}"
            + (f" and {len(dirty) - 1} more)" if len(dirty) > 1 else ")"),
            hint="commit or stash them first, so the update can be reviewed and undone with git",
        )


def _render(root: Path, record: Record, recorded: dict[str, Any] | None) -> dict[str, bytes]:
    """The template now: the whole project (from `mlops new`) and the added components."""
    facts = repo_facts(Repo.open(root)) if recorded is None else None
    answers = template_answers.resolve({}, record.answers, recorded, facts).answers
    files = render_files(answers) if recorded is not None else {}
    package_dir = facts.package_dir(answers.get("package_name")) if facts is not None else None
    # tests added beside a conftest.py of the repo's own stay in their namespace
    tests_dir = TESTS_NAMESPACE if (root / TESTS_NAMESPACE / "conftest.py").is_file() else "tests"
    for name, (_component, blob) in component_files(
        answers, record.components, package_dir, tests_dir
    ).items():
        files.setdefault(name, blob)
    return files


def _plan_file(
    plan: UpdatePlan, owned: dict[str, bytes], name: str, base: bytes | None, new: bytes | None
) -> None:
    """Decide one file; `owned` collects the template's version of files mlops keeps merging."""
    target = plan.root / name
    ours = target.read_bytes() if target.is_file() and not target.is_symlink() else None
    present = ours is not None or target.exists() or target.is_symlink()
    if new is not None and (base is not None or ours is None or ours == new):
        owned[name] = new
    if new is None:  # the template dropped the file
        if ours is not None and ours == base:
            plan.changes.append(FileChange(name, ChangeKind.DELETE, None, ours))
        elif ours is not None:
            plan.skipped.append(Skipped(name, "the template dropped it; kept (you edited it)"))
    elif base is None:  # new in the template, or never rendered here
        if not present:
            plan.changes.append(FileChange(name, ChangeKind.CREATE, new))
        elif ours != new:
            owned.pop(name, None)
            plan.skipped.append(Skipped(name, "exists and mlops did not write it; kept"))
    elif not present:
        if new != base:
            plan.skipped.append(Skipped(name, "you deleted it; not recreated"))
    elif ours is None:
        plan.skipped.append(Skipped(name, "is not a regular file; kept"))
    elif new != base and ours != new:
        _merge_into(plan, name, base, ours, new)


def _merge_into(plan: UpdatePlan, name: str, base: bytes, ours: bytes, new: bytes) -> None:
    if ours == base:
        plan.changes.append(FileChange(name, ChangeKind.REPLACE, new, ours))
        return
    outcome = merge.three_way_merge(base, ours, new, name)
    kind = ChangeKind.CONFLICT if outcome.conflicted else ChangeKind.MERGE
    if kind is ChangeKind.CONFLICT and outcome.content == ours:  # binary: keep yours, show theirs
        plan.changes.append(FileChange(f"{name}.rej", ChangeKind.CONFLICT, new, None, name))
        return
    plan.changes.append(FileChange(name, kind, outcome.content, ours))
