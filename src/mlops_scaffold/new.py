"""`mlops new`: render the template next to DEST, commit it, then move it into place.

Rendering happens in a staging folder beside DEST, so an interrupted or failed run
leaves nothing half-written: DEST appears whole, or not at all.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlops_scaffold import __version__, vcs
from mlops_scaffold.answers import suggestions_for_new
from mlops_scaffold.errors import DestinationError
from mlops_scaffold.project_setup import (
    TRAINING_OUTPUTS,
    commit_training_run,
    python_warning,
    run_setup,
    without_git,
)
from mlops_scaffold.template import render_project

StepReporter = Callable[[str], AbstractContextManager[object]]
"""Called with a step's description; the context it returns spans the step."""


@dataclass(frozen=True)
class NewRequest:
    """What the user asked `mlops new` for."""

    dest: Path
    data: Mapping[str, Any] = field(default_factory=dict)
    interactive: bool = False
    force: bool = False
    git: bool = True
    setup: bool = False


@dataclass
class NewResult:
    """What `mlops new` made."""

    path: Path
    answers: dict[str, Any]
    files: list[str]
    kept: list[str] = field(default_factory=list)  # files already in DEST, left untouched
    commit: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # facts of this machine the user should know


def no_progress(_description: str) -> AbstractContextManager[object]:
    return nullcontext()


def create_project(request: NewRequest, progress: StepReporter = no_progress) -> NewResult:
    """Render, commit and (optionally) set up a new project at `request.dest`."""
    dest = request.dest.expanduser().absolute()
    check_destination(dest, force=request.force)
    timings: dict[str, float] = {}
    made_parents = _make_parents(dest.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".mlops-new", dir=dest.parent))
    undo: _Undo | None = None
    try:
        render_dir = staging / dest.name
        # A spinner would draw over Copier's prompts, so interactive runs go without one.
        rendering = nullcontext() if request.interactive else progress("Rendering the template")
        with rendering, _timed(timings, "render"):
            answers = render_project(
                render_dir,
                request.data,
                defaults=not request.interactive,
                suggestions=suggestions_for_new(dest),
            )
        if not request.git:
            without_git(render_dir)
        files = sorted(_relative_files(render_dir))
        kept = [name for name in files if _occupied(dest, name)]
        commit = None
        added = [name for name in files if name not in kept]
        into_empty = not dest.exists() or not any(dest.iterdir())
        # What an interrupted run must take back from a DEST that already existed.
        undo = _Undo(dest, added, was_empty=into_empty) if dest.exists() else None
        if request.git and into_empty:  # commit before the move, so the move is the last step
            with progress("Recording the first commit"), _timed(timings, "git"):
                commit = _commit(render_dir, answers, [])
        with progress("Moving the project into place"):
            _move_into_place(render_dir, dest, files, kept)
        if request.git and not into_empty:
            with progress("Recording the first commit"), _timed(timings, "git"):
                commit = _commit(dest, answers, added)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if undo is not None:
            undo.take_back()
        for parent in made_parents:
            _remove_empty(parent)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    result = NewResult(dest, answers, files, kept, commit, timings)
    if warning := python_warning(str(answers.get("python_version", ""))):
        result.warnings.append(warning)
    if request.setup:
        with _timed(timings, "setup"):
            run_setup(dest, progress)
        if commit is not None:  # the README says these are committed: so is the first run's
            with progress(f"Committing the training run ({', '.join(TRAINING_OUTPUTS)})"):
                commit_training_run(dest, _author(answers))
    return result


class _Undo:
    """Puts an existing DEST back as it was found, after a run stopped while filling it."""

    def __init__(self, dest: Path, placed: list[str], *, was_empty: bool) -> None:
        self.dest = dest
        self.placed = placed  # the files this run adds: nothing stood at these paths
        self.was_empty = was_empty
        self.had_repo = (dest / ".git").exists()
        self.head = vcs.head(dest) if self.had_repo else None
        self.new_folders = sorted(
            {folder for name in placed for folder in (dest / name).parents if not folder.exists()},
            key=lambda folder: len(folder.parts),
            reverse=True,
        )

    def take_back(self) -> None:
        if self.was_empty:  # everything in it is this run's, its .git included
            for child in self.dest.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
            return
        if not self.had_repo:
            shutil.rmtree(self.dest / ".git", ignore_errors=True)
        elif self.placed:
            vcs.take_back_commit(self.dest, self.head, self.placed)
        for name in self.placed:
            (self.dest / name).unlink(missing_ok=True)
        for folder in self.new_folders:
            _remove_empty(folder)


def check_destination(dest: Path, *, force: bool) -> None:
    """Refuse a destination that is a file, or a non-empty folder without --force."""
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        raise DestinationError(f"{dest} exists and is not a folder")
    if dest.is_dir() and any(dest.iterdir()) and not force:
        raise DestinationError(
            f"{dest} is not empty",
            hint="pick a new folder, or pass --force to add the project beside what is there "
            "(existing files are kept, never overwritten)",
        )
    for ancestor in dest.parents:
        if ancestor.exists() and not ancestor.is_dir():
            raise DestinationError(f"{ancestor} is a file, so {dest} cannot be created")


def _commit(repo: Path, answers: Mapping[str, Any], paths: list[str]) -> str:
    message = f"{vcs.FIRST_COMMIT_SUBJECT} {__version__}"
    return vcs.initial_commit(repo, message, _author(answers), paths)


def _author(answers: Mapping[str, Any]) -> tuple[str, str]:
    """The author answers, the identity commits use where git has none."""
    return (str(answers.get("author_name", "")), str(answers.get("author_email", "")))


def _occupied(dest: Path, name: str) -> bool:
    """Whether DEST already has something at `name`, or a file where one of its folders goes."""
    target = dest / name
    if target.exists() or target.is_symlink():
        return True
    folders = [dest / part for part in Path(name).parents if part != Path(".")]
    return any(f.is_symlink() or (f.exists() and not f.is_dir()) for f in folders)


def _move_into_place(render_dir: Path, dest: Path, files: list[str], kept: list[str]) -> None:
    """Rename the render into place in one step, or add its new files beside existing ones."""
    if not dest.exists():
        os.rename(render_dir, dest)
        return
    if not any(dest.iterdir()):  # an empty folder (maybe the cwd): move its future children in
        for child in render_dir.iterdir():
            os.rename(child, dest / child.name)
        return
    keep = set(kept)
    for name in files:
        if name in keep:
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(render_dir / name, target)


def _relative_files(root: Path) -> Iterator[str]:
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.relative_to(root).parts:
            yield path.relative_to(root).as_posix()


def _make_parents(parent: Path) -> list[Path]:
    """Create missing parents; return the ones created, deepest first, to undo on failure."""
    missing = [p for p in [parent, *parent.parents] if not p.exists()]
    parent.mkdir(parents=True, exist_ok=True)
    return missing


def _remove_empty(folder: Path) -> None:
    with suppress(OSError):
        folder.rmdir()


@contextmanager
def _timed(timings: dict[str, float], key: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[key] = round(time.perf_counter() - start, 3)
