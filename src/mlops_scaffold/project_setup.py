"""`mlops new --setup`: the new project's own `make setup` and `make train`, why one failed, and
the commit of what the training run wrote for git.

Each target runs quietly into a log file; on failure the error names the command, carries the
last lines it printed and the path of the full log, and the hint is the command that retries.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from mlops_scaffold import vcs
from mlops_scaffold.errors import StepFailedError, ToolMissingError

TAIL_LINES = 20

STEPS: tuple[tuple[str, str], ...] = (
    ("setup", "Installing the hash-locked environment (make setup)"),
    ("train", "Running the pipeline: prepare -> train -> evaluate (make train)"),
)
"""The project's make targets `--setup` runs, in order, with what the user sees meanwhile."""

TRAINING_OUTPUTS = ("dvc.lock", "metrics", "plots")
"""What `make train` writes for git to keep (data and models go to DVC's cache): the paths the
generated README's retrain step commits."""
TRAINING_COMMIT_MESSAGE = "Train the model (make train): dvc.lock, metrics and plots"


def run_setup(project: Path, progress: Callable[[str], AbstractContextManager[object]]) -> None:
    """`make setup` then `make train` in `project`, one progress step each.

    `make setup` gets the uv this tool runs with (SETUP_UV): the project's Makefile would
    otherwise install a second copy from its requirements/uv.txt with pip first.
    """
    targets = [target for target, _ in STEPS]
    if shutil.which("make") is None:
        raise ToolMissingError(
            "make is not installed", hint=f"install make, then run: make {' '.join(targets)}"
        )
    uv = _own_uv()
    for index, (target, description) in enumerate(STEPS):
        variables = [f"SETUP_UV={uv}"] if target == "setup" and uv else []
        with progress(description):
            run_target(project, target, retry=targets[index:], variables=variables)


def commit_training_run(project: Path, author: tuple[str, str]) -> list[str]:
    """Commit what `make train` wrote for git (dvc.lock, metrics/, plots/) and nothing else, as
    the project's README says to after each run, so `git status` is clean after a training run.

    `author` stands in for a git identity only where the user has none. Returns the paths
    committed; none when the pipeline changed nothing git tracks (or the project has no git).
    """
    outputs = [name for name in TRAINING_OUTPUTS if (project / name).exists()]
    if not outputs or not vcs.is_git_repo(project):
        return []
    if not vcs.git_text(project, "status", "--porcelain", "--untracked-files=all", "--", *outputs):
        return []
    vcs.commit(project, TRAINING_COMMIT_MESSAGE, author, outputs)
    return outputs


def _own_uv() -> str | None:
    """The uv on PATH or installed beside this Python (a dependency of mlops-scaffold), if any."""
    # Imported here: `mlops new` without --setup does not load the lock machinery.
    from mlops_scaffold.lock import find_uv

    try:
        return find_uv()
    except ToolMissingError:
        return None


def run_target(project: Path, target: str, retry: list[str], variables: Sequence[str] = ()) -> None:
    """Run `make TARGET`, its output in a log file kept only when it fails.

    `retry` are the targets that finish the job from this one on, for the hint; `variables`
    (NAME=value) go to make's command line.
    """
    with tempfile.NamedTemporaryFile(
        "w+", prefix=f"mlops-{target}-", suffix=".log", delete=False, encoding="utf-8"
    ) as log:
        done = subprocess.run(
            ["make", "--no-print-directory", target, *variables],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        log.seek(0)
        lines = log.read().splitlines()
    if done.returncode == 0:
        Path(log.name).unlink(missing_ok=True)
        return
    raise StepFailedError(
        f"`make {target}` failed in {project} (exit {done.returncode}); its last lines:",
        "\n".join(lines[-TAIL_LINES:]),
        hint=f"full log: {log.name}; once fixed, retry: cd {project} && make {' '.join(retry)}",
    )


def python_warning(version: str) -> str | None:
    """Why `make setup` will not find a Python `version` on this machine (and what it uses
    instead), or None when it will.

    The generated Makefile runs `pythonX.Y` when it exists, else `python3` if that is new enough.
    """
    if not re.fullmatch(r"\d+\.\d+", version):
        return None
    if _runs(f"python{version}"):
        return None
    found = _version_of("python3")
    wanted = tuple(int(part) for part in version.split("."))
    if found is not None and found >= wanted:
        return None
    fix = f"install it, or run `make setup PYTHON=/path/to/python{version}`"
    if found is None:
        missing = f"python{version} is not on PATH; no python3 either"
        return f"no Python {version} on this machine ({missing}): {fix}"
    found_text = ".".join(map(str, found))
    return (
        f"no Python {version} on this machine (python{version} is not on PATH; python3 is "
        f"{found_text}): `make setup` will build the venvs with python3 {found_text}, while the "
        f"images and CI use {version}; {fix}"
    )


def _runs(command: str) -> bool:
    return _version_of(command) is not None


def _version_of(command: str) -> tuple[int, ...] | None:
    path = shutil.which(command)
    if path is None:
        return None
    try:
        done = subprocess.run(
            [path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.fullmatch(r"(\d+)\.(\d+)", done.stdout.strip())
    return tuple(int(part) for part in match.groups()) if done.returncode == 0 and match else None


DVC_WITHOUT_GIT = """\
# Written by `mlops new --no-git`: this copy has no git repository, so DVC runs without one.
# Delete this file after `git init` to let DVC use git (dvc.lock and .gitignore handling).
[core]
    no_scm = true
"""


def without_git(project: Path) -> None:
    """Let DVC run in a project with no git repository (`dvc init --no-scm` does the same).

    The setting goes to .dvc/config.local, this machine's own DVC settings, so a repository
    made later from this folder does not carry it.
    """
    if (project / ".dvc").is_dir():
        (project / ".dvc" / "config.local").write_text(DVC_WITHOUT_GIT, encoding="utf-8")
