"""How mlops changes land in a repo without losing a byte.

Three kinds of change: additive edits to files a repo already has (lines appended to
an ignore file, Makefile targets, workflow jobs: the old text is kept verbatim), three-way
merges of template updates (`git merge-file`), and the atomic move that puts every
planned file in place or, when interrupted, none of them.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from mlops_scaffold import vcs
from mlops_scaffold.components import RECORD_FILE, Record, SafeEdit
from mlops_scaffold.errors import MlopsError

Workflow = CommentedMap
"""A workflow as ruamel.yaml reads it: a mapping that knows the line of each key."""


class ChangeKind(str, Enum):
    """What a planned change does to one file, as the plan shows it."""

    CREATE = "create"
    EXTEND = "extend"  # a safe additive edit of an existing file
    REPLACE = "replace"  # --force, or an update of a file the user did not touch
    MERGE = "merge"  # an update merged cleanly with the user's edits
    CONFLICT = "conflict"  # written with conflict markers for the user to resolve
    DELETE = "delete"  # the template dropped a file the user never edited


@dataclass(frozen=True)
class FileChange:
    """One file the plan writes (or deletes), with the bytes it had and will have."""

    path: str
    kind: ChangeKind
    new: bytes | None
    old: bytes | None = None
    note: str = ""

    def diff(self) -> str:
        """A unified diff of the change, or a one-line note for binary files."""
        return unified_diff(self.path, self.old, self.new)


@dataclass(frozen=True)
class Skipped:
    """A file a plan leaves alone, and why."""

    path: str
    reason: str


def record_change(root: Path, record: Record) -> FileChange:
    """The change that writes mlops's record (.mlops.yml), which is mlops's own file."""
    path = root / RECORD_FILE
    old = path.read_bytes() if path.is_file() else None
    kind = ChangeKind.REPLACE if old is not None else ChangeKind.CREATE
    return FileChange(RECORD_FILE, kind, record.to_yaml().encode("utf-8"), old, "mlops record")


def unified_diff(path: str, old: bytes | None, new: bytes | None) -> str:
    """`diff -u` of two versions of a file; binary content is named, not printed."""
    try:
        before = (old or b"").decode("utf-8").splitlines(keepends=True)
        after = (new or b"").decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return f"Binary file {path} differs\n"
    source = f"a/{path}" if old is not None else "/dev/null"
    target = f"b/{path}" if new is not None else "/dev/null"
    lines = difflib.unified_diff(before, after, source, target)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


# -- additive edits -----------------------------------------------------------------------


def extend_file(edit: SafeEdit, existing: str, rendered: str, label: str) -> str | None:
    """`existing` plus what `rendered` has that it lacks, or None when nothing is missing.

    The result always starts with `existing` byte for byte.
    """
    extend = {
        SafeEdit.LINES: append_missing_lines,
        SafeEdit.TARGETS: add_make_targets,
        SafeEdit.JOBS: add_workflow_jobs,
    }[edit]
    addition = extend(existing, rendered)
    if not addition:
        return None
    separator = "" if not existing or existing.endswith("\n") else "\n"
    return f"{existing}{separator}\n# Added by {label}\n{addition}"


def append_missing_lines(existing: str, rendered: str) -> str:
    """The non-comment lines of `rendered` that `existing` does not have."""
    present = {line.strip() for line in existing.splitlines()}
    missing = [
        line.rstrip()
        for line in rendered.splitlines()
        if line.strip() and not line.lstrip().startswith("#") and line.strip() not in present
    ]
    return "".join(f"{line}\n" for line in dict.fromkeys(missing))


_MAKE_PREFIXES = r"^(?:(?:export|override|private)\s+)*"
_MAKE_VARIABLE = re.compile(
    _MAKE_PREFIXES + r"([A-Za-z_][A-Za-z0-9_]*)\s*(\?=|:::=|::=|:=|\+=|!=|=)"
)
_MAKE_DEFINE = re.compile(_MAKE_PREFIXES + r"define\s+([A-Za-z_][A-Za-z0-9_]*)")
_MAKE_ENDEF = re.compile(r"^\s*endef\b")
_MAKE_TARGET = re.compile(r"^([^\s#:=.][^:=]*?)\s*:(?![:=])")


def without_lines_hiding_tracked(root: Path, ignore_file: bytes, base: bytes) -> bytes:
    """A rendered .gitignore without the new lines that would match files git tracks in
    `root` (`/data/` in a repo that commits its data, or DVC's `.dvc` files there): those
    `mlops add` left out, which `mlops update` must not bring back. Lines of `base` (what
    mlops rendered last) stay: dropping one would take it out of the user's file."""
    rendered = set(base.decode("utf-8", errors="replace").splitlines())
    kept = [
        line
        for line in ignore_file.decode("utf-8").splitlines(keepends=True)
        if not (pattern := line.strip())
        or pattern.startswith("#")
        or line.rstrip("\r\n") in rendered
        or not vcs.tracked_matching(root, pattern)
    ]
    return "".join(kept).encode("utf-8")


def add_make_targets(existing: str, rendered: str) -> str:
    """The variables and targets of the `rendered` Makefile that `existing` does not define.

    Both are read as make reads them (see `_logical_lines`), so a variable or a recipe
    line continued with a backslash is added whole.
    """
    have_variables = set(filter(None, map(_make_variable, _logical_lines(existing))))
    have_targets = set(_make_targets(existing))
    variables = [
        line
        for line in _logical_lines(rendered)
        if (name := _make_variable(line)) and name not in have_variables
    ]
    blocks = {
        name: block for name, block in _make_targets(rendered).items() if name not in have_targets
    }
    if not blocks:
        return ""
    phony = [name for name in blocks if "$" not in name and "/" not in name]
    parts = ["\n".join(variables) + "\n" if variables else ""]
    parts.append(f".PHONY: {' '.join(phony)}\n" if phony else "")
    parts.extend(f"\n{block}\n" for block in blocks.values())
    return "".join(parts)


def _logical_lines(makefile: str) -> list[str]:
    """The Makefile's lines as make reads them, each with its physical lines kept as written.

    A line ending in a backslash goes on onto the next one, and a `define` runs to its
    `endef`: each such group is one entry, its physical lines joined by newlines.
    """
    lines = makefile.splitlines()
    logical: list[str] = []
    start = 0
    while start < len(lines):
        end = _logical_line_end(lines, start)
        logical.append("\n".join(lines[start:end]))
        start = end
    return logical


def _logical_line_end(lines: list[str], start: int) -> int:
    """The index just past the last physical line of the logical line that starts at `start`."""
    if _MAKE_DEFINE.match(lines[start]):
        depth = 0
        for end in range(start, len(lines)):
            depth += bool(_MAKE_DEFINE.match(lines[end])) - bool(_MAKE_ENDEF.match(lines[end]))
            if depth == 0:
                return end + 1
        return len(lines)
    end = start
    while end < len(lines) - 1 and _continues(lines[end]):
        end += 1
    return end + 1


def _continues(line: str) -> bool:
    """Whether a physical line ends in a backslash that joins it to the next (an odd count)."""
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


def _make_variable(logical_line: str) -> str | None:
    """The name of the variable a logical line assigns or defines, if it is an assignment."""
    match = _MAKE_VARIABLE.match(logical_line) or _MAKE_DEFINE.match(logical_line)
    return match.group(1) if match else None


MAKEFILES = ("GNUmakefile", "makefile", "Makefile")
"""The names make looks for, in its order."""


def make_targets(makefile: bytes) -> set[str]:
    """The names of the rules a Makefile defines."""
    return set(_make_targets(makefile.decode("utf-8", errors="replace")))


def _make_targets(makefile: str) -> dict[str, str]:
    """Each rule's first target name and its text (rule line plus recipe lines)."""
    targets: dict[str, str] = {}
    lines = _logical_lines(makefile)
    for index, line in enumerate(lines):
        match = _MAKE_TARGET.match(line)
        if not match or _make_variable(line):
            continue
        end = _recipe_end(lines, index + 1)
        targets.setdefault(match.group(1).split()[0], "\n".join(lines[index:end]))
    return targets


def _recipe_end(lines: list[str], start: int) -> int:
    """The index just past a rule's last recipe line (logical lines, from `start`).

    Blank and comment lines between two recipe lines belong to the recipe, as make reads it.
    """
    end = position = start
    while position < len(lines):
        line = lines[position]
        if line.startswith("\t"):
            end = position = position + 1
        elif not line.strip() or line.startswith("#"):
            position += 1
        else:
            break
    return end


class WorkflowMergeError(MlopsError):
    """An existing workflow file is not YAML we can extend safely."""


def add_workflow_jobs(existing: str, rendered: str) -> str:
    """What the `rendered` workflow has that `existing` lacks, as text to append.

    That is the jobs whose ids `existing` lacks and, when `existing` has no top-level
    `permissions:`, the template's (an existing one is never changed). Jobs are only
    appended when `jobs:` is the last top-level key of `existing`, so the user's file is
    kept verbatim; the template's comments travel with its jobs.
    """
    ours, theirs = _load_workflow(existing), _load_workflow(rendered)
    our_jobs, their_jobs = ours.get("jobs"), theirs.get("jobs") or {}
    if not isinstance(our_jobs, dict):
        raise WorkflowMergeError("the existing workflow has no `jobs:` mapping to add to")
    new = [name for name in their_jobs if name not in our_jobs]
    permissions = _missing_permissions(ours, theirs, rendered)
    if not new and not permissions:
        return ""
    jobs = _job_blocks(ours, theirs, rendered, new) if new else ""
    addition = jobs + permissions
    _check_workflow(existing, addition, new, theirs["permissions"] if permissions else None)
    return addition


def _job_blocks(ours: Workflow, theirs: Workflow, rendered: str, new: Sequence[str]) -> str:
    """The text of the template's `new` jobs, indented like the existing workflow's jobs."""
    if list(ours)[-1] != "jobs":
        raise WorkflowMergeError(
            "the existing workflow has keys after `jobs:`, so new jobs cannot be appended",
            hint="move `jobs:` to the end of the file, or add the jobs by hand (see --dry-run)",
        )
    our_jobs, their_jobs = ours["jobs"], theirs["jobs"]
    lines = rendered.splitlines()
    starts = [_with_leading_comments(lines, their_jobs.lc.key(name)[0]) for name in their_jobs]
    ends = [*starts[1:], _block_end(theirs, "jobs", len(lines))]
    chosen = [
        "\n".join(lines[start:end]).rstrip("\n")
        for name, start, end in zip(their_jobs, starts, ends, strict=True)
        if name in new
    ]
    return "\n".join(_reindent(block, their_jobs, our_jobs) for block in chosen) + "\n"


def _missing_permissions(ours: Workflow, theirs: Workflow, rendered: str) -> str:
    """The template's top-level `permissions:` block as written, when `ours` has none.

    A top-level key can go at the end of a workflow whatever key comes last, so the
    block is appended after any new jobs. Any `permissions:` of the user's, even an
    empty one, is theirs: then nothing is returned.
    """
    if "permissions" in ours or "permissions" not in theirs:
        return ""
    lines = rendered.splitlines()
    block = lines[theirs.lc.key("permissions")[0] : _block_end(theirs, "permissions", len(lines))]
    while block and (not block[-1].strip() or block[-1].startswith("#")):
        block.pop()  # blank lines and the comments that open the next top-level key
    return "".join(f"{line}\n" for line in block)


def _load_workflow(text: str) -> Workflow:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        loaded = YAML().load(text)
    except YAMLError as problem:
        first = str(problem).strip().splitlines()[0] if str(problem).strip() else "parse error"
        raise WorkflowMergeError(f"the workflow is not valid YAML ({first})") from None
    if loaded is None:
        return CommentedMap()
    if not isinstance(loaded, CommentedMap):
        raise WorkflowMergeError("a workflow file does not hold a mapping")
    return loaded


def _with_leading_comments(lines: list[str], start: int) -> int:
    """Move a job's first line up over the comment lines written just above it."""
    while start > 0 and lines[start - 1].lstrip().startswith("#") and lines[start - 1][:1] == " ":
        start -= 1
    return start


def _block_end(document: Workflow, key: str, default: int) -> int:
    keys = list(document)
    after = keys.index(key) + 1
    return document.lc.key(keys[after])[0] if after < len(keys) else default


def _reindent(block: str, their_jobs: Workflow, our_jobs: Workflow) -> str:
    their_indent = their_jobs.lc.col if hasattr(their_jobs, "lc") else 2
    our_indent = our_jobs.lc.col if our_jobs and hasattr(our_jobs, "lc") else 2
    shift = our_indent - their_indent
    if shift == 0:
        return block
    if shift > 0:
        return "\n".join(" " * shift + line if line.strip() else line for line in block.split("\n"))
    return "\n".join(
        line[-shift:] if line[:-shift].strip() == "" else line for line in block.split("\n")
    )


def _check_workflow(
    existing: str, addition: str, new_jobs: Sequence[str], permissions: object | None
) -> None:
    """Refuse an extension that would not parse back with the old and new parts intact.

    `permissions` is the template's top-level value when the addition brings it, else None.
    """
    separator = "" if existing.endswith("\n") else "\n"
    merged = _load_workflow(existing + separator + "\n" + addition)
    jobs = merged.get("jobs") or {}
    before = _load_workflow(existing).get("jobs") or {}
    if any(name not in jobs for name in [*before, *new_jobs]):
        raise WorkflowMergeError("adding the jobs would break the workflow's structure")
    if permissions is not None and merged.get("permissions") != permissions:
        raise WorkflowMergeError("adding `permissions:` would break the workflow's structure")


# -- three-way merge ----------------------------------------------------------------------


@dataclass(frozen=True)
class MergeOutcome:
    """The merged bytes and whether they hold conflict markers."""

    content: bytes
    conflicted: bool


def three_way_merge(base: bytes, ours: bytes, theirs: bytes, label: str) -> MergeOutcome:
    """Merge the template's change (base -> theirs) into the user's file (ours).

    Text goes through `git merge-file`; a binary file that both sides changed is a
    conflict that keeps the user's bytes.
    """
    if ours in (base, theirs):
        return MergeOutcome(theirs, False)
    if theirs == base:
        return MergeOutcome(ours, False)
    if any(b"\0" in blob for blob in (base, ours, theirs)):
        return MergeOutcome(ours, True)
    labels = ["yours", f"template (was) {label}", f"template (now) {label}"]
    content, conflicted = vcs.merge_file(ours, base, theirs, labels)
    return MergeOutcome(content, conflicted)


# -- atomic apply -------------------------------------------------------------------------


class InterruptedChangeError(MlopsError):
    """Moving the planned files into place failed; everything was put back as it was."""

    exit_code = 1


def move_into_place(staged: Path, target: Path) -> None:
    """Put one staged file at its place in one step (same file system: os.replace)."""
    os.replace(staged, target)


def apply_changes(
    root: Path, changes: Sequence[FileChange], backup_dir: Path | None = None
) -> None:
    """Write every change, or none: stage all files first, then move them in.

    A failure part way through undoes the moves already made, so the repo is left
    as it was. With `backup_dir`, files that get replaced or deleted are copied
    there first and kept.
    """
    with changes_applied(root, changes, backup_dir):
        pass


@contextlib.contextmanager
def changes_applied(
    root: Path, changes: Sequence[FileChange], backup_dir: Path | None = None
) -> Iterator[None]:
    """`apply_changes`, then the body of the `with`: when the body fails (or is interrupted),
    the changes are undone too, so the files and the body's work land together or not at all."""
    staging = Path(tempfile.mkdtemp(prefix=".mlops-staging-", dir=root)) if changes else None
    undo: list[tuple[Path, Path | None]] = []  # (target, saved copy or None if it was new)
    made_dirs: list[Path] = []
    written = False
    try:
        if staging is not None:
            _move_in(root, changes, backup_dir, staging, undo, made_dirs)
        written = True
        yield
    except BaseException as failure:
        _roll_back(undo, made_dirs)
        if isinstance(failure, OSError) and not written:
            raise InterruptedChangeError(
                f"writing {len(changes)} files failed ({failure}); nothing was changed"
            ) from failure
        raise
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _move_in(
    root: Path,
    changes: Sequence[FileChange],
    backup_dir: Path | None,
    staging: Path,
    undo: list[tuple[Path, Path | None]],
    made_dirs: list[Path],
) -> None:
    """Stage every new file, then move each into place, noting in `undo` how to take it back."""
    for index, change in enumerate(changes):
        if change.new is not None:
            staged = staging / "new" / str(index)
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(change.new)
            _copy_mode(root / change.path, staged)
    if backup_dir is not None:
        _keep_backups(root, changes, backup_dir)
    for index, change in enumerate(changes):
        target = root / change.path
        saved = None
        if target.exists():
            saved = staging / "old" / str(index)
            saved.parent.mkdir(parents=True, exist_ok=True)
            _save(target, saved)
        made_dirs.extend(_make_parents(target.parent))
        undo.append((target, saved))
        if change.new is None:
            target.unlink()
        else:
            move_into_place(staging / "new" / str(index), target)


def _roll_back(undo: list[tuple[Path, Path | None]], made_dirs: list[Path]) -> None:
    for target, saved in reversed(undo):
        if saved is None:
            target.unlink(missing_ok=True)
        else:
            os.replace(saved, target)
    for folder in reversed(made_dirs):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _keep_backups(root: Path, changes: Iterable[FileChange], backup_dir: Path) -> None:
    ignore = backup_dir.parent / ".gitignore"
    if not ignore.exists():  # backups are the user's safety net, never something to commit
        ignore.parent.mkdir(parents=True, exist_ok=True)
        ignore.write_text("# Backups kept by `mlops add --force`: delete when done.\n*\n")
    for change in changes:
        source = root / change.path
        if source.is_file() and change.kind in (ChangeKind.REPLACE, ChangeKind.DELETE):
            copy = backup_dir / change.path
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)


def _save(target: Path, saved: Path) -> None:
    """Keep the current file aside for a roll-back (a hard link costs no copy)."""
    try:
        os.link(target, saved)
    except OSError:
        shutil.copy2(target, saved)


def _copy_mode(source: Path, staged: Path) -> None:
    if source.is_file():
        shutil.copymode(source, staged)


def _make_parents(folder: Path) -> list[Path]:
    missing = [p for p in [folder, *folder.parents] if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    return list(reversed(missing))
