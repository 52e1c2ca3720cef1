"""`mlops add`: bring components of the template into a repo without touching what is there.

The plan is computed first and is all a dry run shows. Applying it stages every file,
then moves them in at once; files that exist are skipped unless the change is a safe
addition, or `--force` was given (then a backup is kept first).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from pathspec import GitIgnoreSpec

from mlops_scaffold import answers as template_answers
from mlops_scaffold import merge, vcs, versions
from mlops_scaffold.ci_fit import CI_ANSWERS, fit_ci
from mlops_scaffold.components import (
    COMPONENTS,
    RECORD_FILE,
    SHARED_FIXTURES,
    TESTS_NAMESPACE,
    Component,
    Record,
    SafeEdit,
    checks_resolved,
    component_files,
    digest,
    get_component,
    minimal_pyproject,
    namespaced,
    read_record,
    with_needs,
)
from mlops_scaffold.data_tracking import (
    ExistingData,
    find_existing_data,
    pipeline_outputs,
    track_with_dvc,
)
from mlops_scaffold.errors import AnswerError, RepoReadError, ToolMissingError, UsageError
from mlops_scaffold.lock import (
    POINTER,
    Progress,
    Recompile,
    lock_requirements,
    unlocked_requirement_files,
)
from mlops_scaffold.merge import ChangeKind, FileChange, Skipped
from mlops_scaffold.repo.dependencies import PACKAGING_FILES, declared_dependencies
from mlops_scaffold.repo.facts import RepoFacts, repo_facts
from mlops_scaffold.repo.view import Repo
from mlops_scaffold.versions import SUPPORTED_PYTHONS

BACKUP_ROOT = ".mlops-backup"
"""Where `--force` keeps the files it replaces, one timestamped folder per run."""
AS_WRITTEN = "mlops wrote it and it is unchanged since: brought up to date"
"""Why a file that exists is replaced without --force."""


@dataclass(frozen=True)
class AddRequest:
    """What the user asked `mlops add` for."""

    path: Path
    components: tuple[str, ...]
    data: Mapping[str, Any] = field(default_factory=dict)
    force: bool = False
    with_deps: bool = False
    """Also add the components the named ones need (and the repo does not have yet)."""
    track_data: bool = False
    """Put the repo's existing data under DVC (`git rm -r --cached`, `dvc add`)."""


@dataclass
class AddPlan:
    """Everything `mlops add` will write, and everything it leaves alone."""

    root: Path
    components: tuple[str, ...]
    answers: dict[str, Any]
    facts: RepoFacts
    changes: list[FileChange]
    skipped: list[Skipped]
    notes: list[str]
    backup_dir: Path | None = None
    pristine: str | None = None
    missing_needs: dict[str, list[str]] = field(default_factory=dict)
    """Per component added, the components it needs that the repo does not have."""
    pulled_in: tuple[str, ...] = ()
    """Components added because `--with-deps` asked for what the named ones need."""
    data: ExistingData = field(default_factory=ExistingData)
    """The repo's data that DVC does not track yet (found when dvc is added)."""
    track_data: bool = False
    """Whether applying the plan puts `data` under DVC."""
    not_added: tuple[str, ...] = ()
    """Components left out whole: git ignores every file they bring (not recorded either)."""

    @property
    def written(self) -> list[FileChange]:
        """The changes to files other than mlops's own record."""
        return [change for change in self.changes if change.path != RECORD_FILE]


def plan_add(
    request: AddRequest, *, keep_objects: bool = False, progress: Progress | None = None
) -> AddPlan:
    """Work out what adding the components would do; write nothing.

    With `keep_objects` the next pristine commit's git objects are stored in the repo, for
    `apply_add`; without, they go to a scratch store (a dry run). `progress` is told each
    long step (the lock's resolution).
    """
    if not request.components:
        raise UsageError("name at least one component", hint="see: mlops add --list")
    asked = tuple(dict.fromkeys(get_component(name).name for name in request.components))
    repo = _open(request.path)
    root = repo.root
    facts = repo_facts(repo)
    record = read_record(root)
    recorded = template_answers.recorded_by_new(root)
    from_new = recorded is not None
    written = _written_before(root, record, from_new)
    present = set(COMPONENTS) if from_new else {*record.components, *asked}
    pulled_in: tuple[str, ...] = ()
    if request.with_deps:
        pulled_in = tuple(name for name in with_needs(asked) if name not in present)
    names = (*asked, *pulled_in)
    resolved = template_answers.resolve(request.data, record.answers, recorded, facts)
    answers = resolved.answers
    ci_note = None
    if "ci" in names and not from_new:
        ci_note = _fit_ci(repo, facts, resolved, {*present, *pulled_in}, record, request.data)
    package_dir = None if from_new else facts.package_dir(answers.get("package_name"))
    try:
        rendered = component_files(answers, names, package_dir)
    except AnswerError as invalid:
        read_off = {} if from_new or record.answers else facts.answers()
        raise _read_off_answer_error(invalid, read_off, request.data, asked) from None
    namespace_note = None
    if not from_new and (namespace_note := _tests_namespace(repo, rendered, written.unchanged)):
        rendered = namespaced(rendered)
    lock_skipped: list[Skipped] = []
    derived: set[str] = set()
    lock_notes: list[str] = []
    if "lock" in names:
        components = None if from_new else {*record.components, *names}
        fitted = _fit_locks(
            repo,
            answers,
            rendered,
            request.force,
            components,
            progress,
            written.unchanged,
            make_lock=from_new or "makefile" in names or _has_make_lock(root),
        )
        lock_skipped, derived, lock_notes = fitted.skipped, fitted.derived, fitted.notes
        if fitted.python != answers.get("lock_python", fitted.python):
            # `make lock` resolves for the Python the lock was made for, and update renders it
            answers["lock_python"] = resolved.to_record["lock_python"] = fitted.python
            if redone := [name for name in ("makefile", "ci") if name in names]:
                rendered.update(component_files(answers, redone, package_dir))
    installable_note = None
    if package_dir and (user := _needs_installing(repo, rendered, package_dir)):
        blob = minimal_pyproject(answers, package_dir)
        rendered["pyproject.toml"] = (get_component(user), blob)
        derived.add("pyproject.toml")  # the repo's from now on: update never rewrites it
        installable_note = (
            f"the repo has no pyproject.toml: a minimal one makes {package_dir}/ "
            f"installable (`pip install -e .`), as the {user} component's code and images need"
        )
    data = ExistingData()
    if "dvc" in names:
        data = _existing_data(repo, rendered, request.force, written.unchanged)
    if request.track_data:
        _check_can_track(root, names, data)
    owner = {path: component.name for path, (component, _) in rendered.items()}
    ignored = _ignored_by_git(root, rendered)
    left = {component.name for component, _ in rendered.values()}
    not_added = tuple(
        dict.fromkeys(owner[skip.path] for skip in ignored if owner[skip.path] not in left)
    )
    data_files = {rel for target in data.targets for rel in target.files}
    gitignore_notes = _fit_gitignore(
        root, rendered, data.dvc_files(), data_files, track=request.track_data
    )
    backup_dir = _backup_dir(root) if request.force else None
    changes, skipped, based = _plan_files(root, rendered, request.force, written.unchanged)
    skipped.extend(ignored)
    skipped.extend(lock_skipped)
    based = {path: blob for path, blob in based.items() if path not in derived}
    notes = [*_notes(repo, facts, names, package_dir, set(rendered)), *lock_notes]
    notes.extend(gitignore_notes)
    notes.extend(_data_notes(data, request.track_data))
    if "dvc.yaml" in rendered and (folder := answers.get("data_dir", "data")) != "data":
        notes.append(
            f"the added pipeline keeps its data in {folder}/, not in your data/: its prepare "
            f"stage writes scikit-learn's sample dataset and the splits there; point "
            f"{package_dir}/data.py's load_dataset at your data to train on it"
        )
    if installable_note:
        notes.append(installable_note)
    if "docker" in names and answers.get("package_install") == "source":
        notes.append(
            f"the images run {package_dir}/ from source (PYTHONPATH), not as a wheel: "
            f"{facts.not_in_a_wheel or 'recorded in .mlops.yml'}"
        )
    if namespace_note and any(path.startswith(f"{TESTS_NAMESPACE}/") for path in rendered):
        notes.append(namespace_note)
    notes.extend(
        f"{skip.path} is not hash-pinned (doctor: ENV002, ENV003); its requirements are in "
        "requirements/*.in now: --force makes it `-r requirements/<set>.txt`, keeping a backup"
        for skip in skipped
        if skip.path in derived and "/" not in skip.path and skip.path.endswith(".txt")
    )
    missing = _missing_needs(names, {*present, *pulled_in})
    if ci_note:  # the workflow runs what the repo has: it needs nothing more to work
        missing.pop("ci", None)
        notes.append(ci_note)

    pristine = _next_pristine(root, written, based, keep_objects)
    new_record = Record(
        answers=resolved.to_record,
        components=sorted({*record.components, *(n for n in names if n not in not_added)}),
        pristine=pristine,
        generated={**record.generated, **_generated(root, rendered, derived, changes)},
    )
    nothing_added = set(names) <= set(not_added)  # no record of a run that added nothing
    if changes or (new_record != record and not nothing_added):
        changes.append(merge.record_change(root, new_record))
    return AddPlan(
        root,
        names,
        answers,
        facts,
        changes,
        skipped,
        notes,
        backup_dir,
        pristine,
        missing,
        pulled_in,
        data,
        request.track_data and bool(data.targets),
        not_added,
    )


def apply_add(plan: AddPlan) -> None:
    """Write the plan: all of it, or (interrupted) none of it.

    With `track_data`, DVC tracks the existing data once the files are in; when it fails,
    the files are taken back out too.
    """
    with merge.changes_applied(plan.root, plan.changes, plan.backup_dir):
        if plan.track_data:
            track_with_dvc(plan.root, plan.data)
    # outside git the recorded pristine commit is only kept in the record (a copy without .git)
    if plan.pristine is not None and vcs.is_git_repo(plan.root):
        vcs.set_pristine_ref(plan.root, plan.pristine)


def add_components(
    request: AddRequest,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    ask_to_track: Callable[[ExistingData], bool] | None = None,
) -> AddPlan:
    """Plan, and unless `dry_run`, apply: the one call the CLI makes.

    `ask_to_track` (a question at a terminal) is asked whether the existing data the plan
    found goes under DVC, when `--track-data` did not say so already.
    """
    plan = plan_add(request, keep_objects=not dry_run, progress=progress)
    if dry_run:
        return plan
    if ask_to_track and plan.data.targets and not request.track_data and ask_to_track(plan.data):
        plan = plan_add(replace(request, track_data=True), keep_objects=True, progress=progress)
    apply_add(plan)
    return plan


def _plan_files(
    root: Path, rendered: Mapping[str, tuple[Any, bytes]], force: bool, as_written: Set[str]
) -> tuple[list[FileChange], list[Skipped], dict[str, bytes]]:
    """Per file: create, extend, replace (--force, or still `as_written` by mlops) or skip;
    and the files mlops now owns."""
    changes: list[FileChange] = []
    skipped: list[Skipped] = []
    based: dict[str, bytes] = {}  # written whole from the template: the base of later updates
    for path, (component, blob) in sorted(rendered.items()):
        target = root / path
        blocker = _blocked_by(root, path)
        edit = component.edit_for(path)
        if blocker:
            skipped.append(Skipped(path, blocker))
        elif not target.exists() and not target.is_symlink():
            changes.append(FileChange(path, ChangeKind.CREATE, blob))
            based[path] = blob
        elif not target.is_file() or target.is_symlink():
            skipped.append(Skipped(path, "exists and is not a regular file; kept"))
        elif target.read_bytes() == blob:
            skipped.append(Skipped(path, "already the same as the template"))
            based[path] = blob
        elif path in as_written:  # mlops's own output, not the user's: redone, not extended
            changes.append(
                FileChange(path, ChangeKind.REPLACE, blob, target.read_bytes(), AS_WRITTEN)
            )
            based[path] = blob
        elif edit is not None:  # additive beats --force: the user's lines stay where they are
            extension, reason = _extension(path, target.read_bytes(), blob, edit, component.name)
            changes.extend(extension)
            if reason:
                skipped.append(Skipped(path, reason))
        elif force:
            changes.append(FileChange(path, ChangeKind.REPLACE, blob, target.read_bytes()))
            based[path] = blob
        else:
            skipped.append(Skipped(path, "exists; kept (--force replaces it, keeping a backup)"))
    return changes, skipped, based


@dataclass
class _FittedLocks:
    skipped: list[Skipped]
    """The lock files left to the user."""
    derived: set[str]
    """Paths holding the repo's own declarations (not the template's: `update` leaves them)."""
    notes: list[str]
    python: str


def _fit_locks(
    repo: Repo,
    answers: Mapping[str, Any],
    rendered: dict[str, tuple[Component, bytes]],
    force: bool,
    components: set[str] | None,
    progress: Progress | None,
    as_written: Set[str],
    make_lock: bool,
) -> _FittedLocks:
    """Put the repo's declared dependencies into the lock files `rendered` holds, compiled.

    `components` (None in a project `mlops new` made) are those whose requirements the
    template's part of the lock keeps; files still `as_written` by mlops are fitted again.
    Without `make_lock` (a Makefile `lock` target), the files and notes name the uv command.
    """
    root = repo.root
    component = get_component("lock")
    ours = {path: blob for path, (owner, blob) in rendered.items() if owner is component}
    # a .txt that stays (exists, no --force) is not compiled: it would be skipped anyway
    kept = {
        path: (root / path).read_bytes()
        for path in ours
        if (root / path).is_file() and path not in as_written
    }
    existing = {path: blob for path, blob in kept.items() if path.endswith(".in") or not force}
    # The Python the Makefile's `make lock` resolves for, too.
    python = str(answers.get("lock_python") or SUPPORTED_PYTHONS[0])
    declared = declared_dependencies(repo)
    result = lock_requirements(
        ours, declared, python, existing, components, progress, make_lock=make_lock
    )
    recompile = Recompile(make_lock, bool(declared.index_options))
    for path in ours:
        rendered.pop(path)
    rendered.update({path: (component, blob) for path, blob in result.files.items()})
    stale = _stale_locks(root, result.files, existing, result.derived, recompile, result.python)
    for path in stale:
        rendered.pop(path, None)
    for path, lock_set in unlocked_requirement_files(repo).items():
        if f"requirements/{lock_set}.txt" in result.files:
            command = recompile.command(lock_set, result.python)
            pointer = POINTER.format(name=lock_set, command=command)
            rendered[path] = (component, pointer.encode("utf-8"))
            result.derived.add(path)
    notes = [*result.notes]
    if declared.left_out:
        notes.append(
            f"left out of the lock (not from a package index): {', '.join(declared.left_out)}"
        )
    return _FittedLocks(
        [Skipped(path, reason) for path, reason in {**result.skipped, **stale}.items()],
        result.derived,
        notes,
        result.python,
    )


def _fit_ci(
    repo: Repo,
    facts: RepoFacts,
    resolved: template_answers.ResolvedAnswers,
    in_place: set[str],
    record: Record,
    given: Mapping[str, Any],
) -> str | None:
    """Fit the CI workflow's answers to the repo (none: the full workflow); its plan note.

    They describe the repo as it is now, so they replace those an earlier `add` recorded;
    `--data` still wins.
    """
    fit = fit_ci(repo, facts, in_place, set(record.components))
    for key in CI_ANSWERS:
        if key not in given:
            resolved.answers.pop(key, None)
            resolved.to_record.pop(key, None)
    fitted = {key: value for key, value in fit.answers.items() if key not in given}
    resolved.answers.update(fitted)
    resolved.to_record.update(fitted)
    return fit.note if resolved.answers.get("ci_form") == "fitted" else None


def _has_make_lock(root: Path) -> bool:
    """Whether the repo's Makefile has a `lock` target, for the messages to name."""
    return any(
        "lock" in merge.make_targets(text)
        for name in merge.MAKEFILES
        if (text := _regular_bytes(root / name)) is not None
    )


def _stale_locks(
    root: Path,
    files: Mapping[str, bytes],
    existing: Mapping[str, bytes],
    compiled: Set[str],
    recompile: Recompile,
    python: str,
) -> dict[str, str]:
    """The repo's own `.txt` locks, kept, whose `.in` the plan rewrites: why each is left."""
    rewritten = [  # mlops's own .in (so not in `existing`), with new content
        path
        for path, blob in files.items()
        if path.endswith(".in")
        and path not in existing
        and _regular_bytes(root / path) not in (None, blob)
    ]
    return {
        lock: f"yours; {path} changes now, so compile this again from it with "
        f"`{recompile.command(path[len('requirements/') : -len('.in')], python)}` "
        "(--force replaces it, keeping a backup)"
        for path in rewritten
        if (lock := path.removesuffix(".in") + ".txt") in existing and lock not in compiled
    }


@dataclass(frozen=True)
class _Written:
    """What mlops wrote into the repo before this run."""

    pristine: str | None
    """The recorded pristine commit (kept as it is outside git)."""
    base: dict[str, bytes]
    """The files of the pristine render, by path (empty outside git)."""
    unchanged: frozenset[str]
    """The files whose bytes are still what mlops wrote: its own, not the user's."""


def _written_before(root: Path, record: Record, from_new: bool) -> _Written:
    """The pristine render and the generated files of earlier runs, and which are untouched."""
    if not vcs.is_git_repo(root):
        commit, base = record.pristine, {}
    else:
        commit = vcs.find_pristine(root, record.pristine, from_new)
        base = vcs.read_tree(root, commit) if commit else {}
    current = {path: _regular_bytes(root / path) for path in {*base, *record.generated}}
    unchanged = {path for path, blob in base.items() if current[path] == blob} | {
        path
        for path, sha in record.generated.items()
        if (blob := current[path]) is not None and digest(blob) == sha
    }
    return _Written(commit, base, frozenset(unchanged))


def _regular_bytes(path: Path) -> bytes | None:
    """A regular file's bytes; None for anything else (absent, a link, a folder)."""
    return path.read_bytes() if path.is_file() and not path.is_symlink() else None


def _generated(
    root: Path,
    rendered: Mapping[str, tuple[Component, bytes]],
    derived: Set[str],
    changes: Sequence[FileChange],
) -> dict[str, str]:
    """The digest of each file fitted to the repo's declarations that holds mlops's bytes now."""
    written = {change.path: change.new for change in changes if change.kind in _WHOLE}
    found: dict[str, str] = {}
    for path in sorted(derived & set(rendered)):
        blob = rendered[path][1]
        if written.get(path, _regular_bytes(root / path)) == blob:
            found[path] = digest(blob)
    return found


_WHOLE = (ChangeKind.CREATE, ChangeKind.REPLACE)
"""The changes that write a file whole (the others keep the user's bytes)."""


def _next_pristine(
    root: Path, written: _Written, based: dict[str, bytes], keep_objects: bool
) -> str | None:
    """The pristine base plus the files written whole now, stored as a new git commit."""
    previous, base = written.pristine, written.base
    if not based or not vcs.is_git_repo(root):
        return previous
    if previous and all(base.get(path) == blob for path, blob in based.items()):
        return previous  # nothing new for the base: keep the commit (and the record) as they are
    return vcs.store_pristine(root, {**base, **based}, previous, keep=keep_objects)


def _extension(
    path: str, old: bytes, rendered: bytes, edit: SafeEdit, name: str
) -> tuple[list[FileChange], str]:
    """The additive edit of an existing file, or no change and the reason why."""
    try:
        existing, template = old.decode("utf-8"), rendered.decode("utf-8")
    except UnicodeDecodeError:
        return [], "exists and is not UTF-8 text; kept"
    try:
        extended = merge.extend_file(edit, existing, template, f"mlops add {name}")
    except merge.WorkflowMergeError as problem:
        return [], f"kept: {problem.message}"
    if extended is None:
        return [], "already has everything the template adds"
    return [FileChange(path, ChangeKind.EXTEND, extended.encode("utf-8"), old)], ""


def _ignored_by_git(root: Path, rendered: dict[str, tuple[Component, bytes]]) -> list[Skipped]:
    """Take out of `rendered` the new files git would ignore: they would never be committed."""
    new = [path for path in rendered if not (root / path).exists()]
    rules = vcs.ignore_rules(root, new)
    for path in rules:
        rendered.pop(path)
    return [
        Skipped(path, f"git ignores it ({rule}), so it would never be committed; not written: "
                "un-ignore it and add again")
        for path, rule in sorted(rules.items())
    ]  # fmt: skip


def _fit_gitignore(
    root: Path,
    rendered: dict[str, tuple[Component, bytes]],
    dvc_files: Sequence[str],
    data_files: Set[str],
    *,
    track: bool,
) -> list[str]:
    """Drop the template's .gitignore lines that would ignore files the repo tracks in git,
    or the `.dvc` files that tracking its existing data writes (`dvc_files`).

    `/data/` in a repo that commits its data would hide every new data file from git; those
    files are the user's to move to DVC (`data_files` are those the data note covers).
    """
    if ".gitignore" not in rendered:
        return []
    component, blob = rendered[".gitignore"]
    outputs = pipeline_outputs(rendered["dvc.yaml"][1]) if "dvc.yaml" in rendered else {}
    path = root / ".gitignore"
    present = set(path.read_text(errors="replace").splitlines()) if path.is_file() else set()
    kept: list[str] = []
    notes: list[str] = []
    for line in blob.decode("utf-8").splitlines(keepends=True):
        pattern = line.strip()
        tracked: list[str] = []
        hidden: list[str] = []
        if pattern and not pattern.startswith("#") and pattern not in present:
            matching = vcs.tracked_matching(root, pattern)
            spec = GitIgnoreSpec.from_lines([pattern])
            hidden = [name for name in dvc_files if spec.match_file(name)]
            hidden += [rel for rel in matching if _kept_by_dvc(rel)]  # DVC's files, in git
            tracked = [rel for rel in matching if not _kept_by_dvc(rel)]
        if not tracked and not hidden:
            kept.append(line)
            continue
        if not tracked:
            notes.append(
                f"`{pattern}` not added to .gitignore: it would hide {_some(hidden)}, which "
                "tracks your data (DVC ignores the data it tracks itself)"
            )
            continue
        how = (
            "DVC ignores the data it tracks itself"
            if track and set(tracked) <= data_files
            else "see below to version them with DVC"
            if set(tracked) <= data_files
            else f"to version them with DVC instead (mlops never moves your data): "
            f"{_to_dvc(pattern, outputs)}"
        )
        notes.append(
            f"`{pattern}` not added to .gitignore: git tracks {_some(tracked)} there; {how}"
        )
    rendered[".gitignore"] = (component, "".join(kept).encode("utf-8"))
    return notes


def _kept_by_dvc(rel: str) -> bool:
    """A file DVC writes beside the data it tracks: a `.dvc` file, or its ignore file."""
    return rel.endswith(".dvc") or rel.rpartition("/")[2] == ".gitignore"


def _some(paths: Sequence[str]) -> str:
    """The first three paths, and how many more."""
    return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _existing_data(
    repo: Repo, rendered: Mapping[str, tuple[Component, bytes]], force: bool, as_written: Set[str]
) -> ExistingData:
    """The repo's data DVC does not track yet, split around what the added pipeline writes."""
    root = repo.root
    current = _regular_bytes(root / "dvc.yaml")
    tracked = pipeline_outputs(current)
    ours = rendered.get("dvc.yaml")
    replaced = ours is not None and (current is None or force or "dvc.yaml" in as_written)
    new = pipeline_outputs(ours[1]) if ours is not None and replaced else {}
    return find_existing_data(root, tracked, new, repo.listed_sizes)


def _check_can_track(root: Path, names: Sequence[str], data: ExistingData) -> None:
    """Refuse `--track-data` before anything is written when it cannot be done."""
    if "dvc" not in names:
        raise UsageError(
            "--track-data puts your data under DVC: it goes with the dvc component",
            hint="mlops add dvc --track-data",
        )
    if data.targets and vcs.git_top(root) is None:
        raise UsageError(
            "--track-data needs a git repository: DVC keeps its .dvc files in git",
            hint="git init, commit, then add again",
        )
    if data.targets and vcs.dvc_program() is None:
        raise ToolMissingError(
            "dvc is not installed; --track-data runs `dvc add`",
            hint="pip install dvc (requirements/dev.txt has it), then add again",
        )


def _data_notes(data: ExistingData, track: bool) -> list[str]:
    """What happens to the repo's existing data, and the commands when it is left as it is."""
    notes = [f"data kept as it is: {refused.path}: {refused.reason}" for refused in data.refused]
    if not data.targets:
        return notes
    shown = "; ".join(target.describe() for target in data.targets[:5])
    more = f" and {len(data.targets) - 5} more" if len(data.targets) > 5 else ""
    commit = f"commit {_some(data.dvc_files())} and the .gitignore files DVC writes"
    if track:
        notes.append(
            f"data DVC tracks (your files stay where they are, a copy goes to .dvc/cache): "
            f"{shown}{more}, with `{data.command()}`; then {commit}"
        )
    else:
        notes.append(
            f"data DVC does not track yet: {shown}{more}. `--track-data` puts it under DVC "
            f"(your files stay where they are), or run `{data.command()}`, then {commit}"
        )
    return notes


def _to_dvc(pattern: str, outputs: Mapping[str, str]) -> str:
    """The commands that move what git tracks under an ignore `pattern` to DVC; file by file
    where the added pipeline writes inside the folder (DVC refuses overlapping outputs)."""
    folder = pattern.strip("/")
    written = next((out for out in outputs if out.startswith(f"{folder}/")), None)
    if written:
        return (
            "`git rm --cached FILE && dvc add FILE` for each file, then commit FILE.dvc "
            f"(not the folder: the added dvc.yaml writes {written} there)"
        )
    if not folder or any(char in folder for char in "*?[!\\"):
        return "`git rm -r --cached PATH && dvc add PATH` for each, then commit PATH.dvc"
    return f"`git rm -r --cached {folder} && dvc add {folder}`, then commit {folder}.dvc"


def _needs_installing(
    repo: Repo, rendered: Mapping[str, tuple[Component, bytes]], package_dir: str
) -> str | None:
    """The component that needs the repo's package installed, in a repo that cannot install it.

    Its files import the package (pipeline, service, tests) or install it (images, Makefile).
    """
    if any(name in repo.file_set for name in PACKAGING_FILES):
        return None
    for path, (component, _blob) in rendered.items():
        if path.startswith((f"{package_dir}/", "docker/", "tests/")) or path == "Makefile":
            return component.name
    return None


def _tests_namespace(
    repo: Repo, rendered: Mapping[str, tuple[Component, bytes]], as_written: Set[str]
) -> str | None:
    """Why the added tests go under `TESTS_NAMESPACE` (a note for the plan), or None.

    A conftest.py of the repo's own would collide with the added tests' fixtures. One that is
    the template's (an earlier `mlops add`, still as mlops wrote it) is not the repo's own;
    a conftest under `TESTS_NAMESPACE` means the tests were namespaced before.
    """
    if SHARED_FIXTURES not in rendered:
        return None
    ours = rendered[SHARED_FIXTURES][1]
    for path in ("conftest.py", SHARED_FIXTURES):
        mine = _regular_bytes(repo.root / path) if path in repo.file_set else None
        if path not in as_written and mine not in (None, ours):
            return (
                f"{path} is yours and kept: the added tests and their fixtures are under "
                f"{TESTS_NAMESPACE}/ (a package of their own), so no fixture or module "
                "name collides"
            )
    if f"{TESTS_NAMESPACE}/conftest.py" in repo.file_set:
        return f"the added tests join those mlops added before, under {TESTS_NAMESPACE}/"
    return None


def _blocked_by(root: Path, path: str) -> str | None:
    """Why `path` cannot be written: a parent that is a file, or a symbolic link.

    A linked folder may lead out of the repo (a shared config folder, say): mlops writes only
    inside the repo's own folders.
    """
    parts = Path(path).parts[:-1]
    for depth in range(1, len(parts) + 1):
        candidate = root.joinpath(*parts[:depth])
        shown = Path(*parts[:depth]).as_posix()
        if candidate.is_symlink():
            return f"{shown} is a symbolic link; kept (mlops writes only in the repo's own folders)"
        if candidate.exists() and not candidate.is_dir():
            return f"{shown} is a file, not a folder"
    return None


def _backup_dir(root: Path) -> Path:
    return root / BACKUP_ROOT / time.strftime("%Y%m%d-%H%M%S")


def _notes(
    repo: Repo, facts: RepoFacts, names: tuple[str, ...], package_dir: str | None, ours: set[str]
) -> list[str]:
    """What the user should know about how the template was fitted to the repo.

    `package_dir` is where the package's files go (None: a project `mlops new` made).
    """
    root = repo.root
    from_new = package_dir is None
    notes: list[str] = []
    package = f"{package_dir}/"
    new_package = not any(path.startswith(package) for path in repo.files)
    if package_dir and new_package and any(path.startswith(package) for path in ours):
        notes.append(f"no package found; files for it go to {package_dir}/")
    dockerfiles = [name for name in facts.dockerfiles if name not in ours]
    if "docker" in names and dockerfiles:
        notes.append(f"existing Dockerfiles kept beside the new ones: {', '.join(dockerfiles)}")
    ci_files = [name for name in facts.ci_files if name not in ours]
    if "ci" in names and ci_files:
        notes.append(f"existing CI kept beside the new workflows: {', '.join(ci_files)}")
    releases = ".github/workflows/release.yml" in ours  # the fitted workflow has no release
    if "ci" in names and releases and (call_note := _reusable_ci_note(repo)):
        notes.append(call_note)
    top = vcs.git_top(root) if {"ci", "precommit"} & set(names) else None
    if top is not None and top != root:
        notes.append(
            f"{root} is inside the git repository at {top}: GitHub runs workflows, and "
            "pre-commit reads its config, only from the repository's top folder"
        )
    if "dvc" in names and not from_new and not (root / ".dvc" / "config").exists():
        notes.append(
            "no DVC remote is set: add your team's with `dvc remote add -d storage URL` "
            "(S3, GCS, Azure, SSH or a shared folder), then `dvc push`"
        )
    if "lock" in names and facts.dependency_tool != "pip":
        notes.append(
            f"this repo uses {facts.dependency_tool}; the lock adds pip-compatible "
            "requirements/*.txt for the images beside it"
        )
    if not from_new and (eol_note := _end_of_life_note(facts)):
        notes.append(eol_note)
    return notes


def _end_of_life_note(facts: RepoFacts) -> str | None:
    """A note when the repo declares a Python past its end of life: the repo keeps its choice
    (add never edits requires-python), the added pieces are fitted to a supported one."""
    declared = facts.declared_python
    end = versions.end_of_life(declared) if declared else None
    if declared is None or end is None or end >= date.today():
        return None
    fitted = facts.python_version or SUPPORTED_PYTHONS[0]
    excluded = (
        ""
        if facts.allows_supported
        else f", which it excludes: the images (and `pip install .` on {fitted}) cannot install "
        f"the package until requires-python allows {fitted}"
    )
    return (
        f"this repo allows Python {declared}, past its end of life ({end}: no security fixes); "
        f"its requires-python is kept, the added files target {fitted}{excluded}"
    )


def _reusable_ci_note(repo: Repo) -> str | None:
    """A note when the repo's own ci.yml cannot be called by the release workflow.

    release.yml runs ci.yml (`uses: ./.github/workflows/ci.yml`) before it publishes, which
    GitHub allows only for a workflow with a `workflow_call` trigger. Adding one to the user's
    `on:` would change what their CI runs on, so it is theirs to do.
    """
    workflow = repo.workflows.get(".github/workflows/ci.yml")
    if workflow is None:  # absent, or not a mapping
        return None
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    if triggers == "workflow_call" or (
        isinstance(triggers, (list, dict)) and "workflow_call" in triggers
    ):
        return None
    return (
        ".github/workflows/ci.yml has no `workflow_call` trigger: release.yml runs it before "
        "publishing, so add `workflow_call:` to its `on:`"
    )


def _missing_needs(names: tuple[str, ...], present: set[str]) -> dict[str, list[str]]:
    """Per component added, the components it needs that the repo did not get from mlops."""
    missing = {
        name: [need for need in get_component(name).needs if need not in present] for name in names
    }
    return {name: needs for name, needs in missing.items() if needs}


@dataclass(frozen=True)
class ComponentSummary:
    """One line of `mlops add --list`."""

    name: str
    summary: str
    resolves: tuple[str, ...]
    """The doctor checks whose findings it resolves."""
    needs: tuple[str, ...]


def describe_components() -> list[ComponentSummary]:
    """Each component's name, what it adds, the doctor checks it resolves, what it needs."""
    return [
        ComponentSummary(
            name,
            component.summary,
            tuple(check.id for check in checks_resolved(name)),
            component.needs,
        )
        for name, component in COMPONENTS.items()
    ]


def _read_off_answer_error(
    invalid: AnswerError,
    read_off: Mapping[str, Any],
    given: Mapping[str, Any],
    names: tuple[str, ...],
) -> AnswerError:
    """An invalid answer read off the repo (its folder's name, say), with how to give one."""
    question = invalid.question
    if question is None or question not in read_off or question in given:
        return invalid
    value = "NAME" if question.endswith("_name") else "VALUE"
    return AnswerError(
        invalid.message,
        hint=f"the {question} {read_off[question]!r} comes from the repo; choose one with "
        f"`mlops add {' '.join(names)} --data {question}={value}`",
        question=question,
    )


def _open(path: Path) -> Repo:
    try:
        return Repo.open(path)
    except RepoReadError as error:
        raise RepoReadError(error.message, hint="pass --path DIR of an existing repo") from None
