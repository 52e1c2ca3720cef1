"""git calls: create a repository and record the pristine render as its first commit."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from mlops_scaffold.errors import StepFailedError, ToolMissingError

FIRST_COMMIT_SUBJECT = "Initial project from mlops-scaffold"
"""How the commit holding `mlops new`'s pristine render begins (`mlops update` looks for it)."""


def git_available() -> bool:
    return shutil.which("git") is not None


def run_git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run one git command in `repo`; return its stdout or raise StepFailedError."""
    if not git_available():
        raise ToolMissingError("git is not installed", hint="install git, or pass --no-git")
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        verb = next(arg for arg in args if not arg.startswith("-") and "=" not in arg)
        first = (done.stderr.strip().splitlines() or ["no message"])[0]
        raise StepFailedError(f"git {verb} failed: {first}", done.stderr)
    return done.stdout


def has_identity(repo: Path) -> bool:
    """Whether git knows who commits (user.name and user.email set somewhere)."""
    try:
        return all(run_git(repo, "config", key).strip() for key in ("user.name", "user.email"))
    except StepFailedError:  # `git config KEY` exits 1 when the key is unset
        return False


def author_identity() -> dict[str, str]:
    """`author_name` and `author_email` from `git config user.name/user.email`, those that are set.

    A value the template would refuse (an e-mail without a dot in its domain, a name on several
    lines) is left out, so the template's own default applies instead.
    """
    if not git_available():
        return {}
    found: dict[str, str] = {}
    for answer, key, usable in (
        ("author_name", "user.name", r"[^\x00-\x1f\x7f]+"),
        ("author_email", "user.email", r"[^@\s]+@[^@\s]+[.][^@\s]+"),
    ):
        try:  # `git config KEY` exits 1 when the key is unset
            value = run_git(Path.cwd(), "config", "--get", key).strip()
        except StepFailedError:
            continue
        if re.fullmatch(usable, value):
            found[answer] = value
    return found


def initial_commit(
    repo: Path, message: str, author: tuple[str, str], paths: Sequence[str] = ()
) -> str:
    """`git init` (unless a repository exists) and commit `paths` (all when empty).

    The author answers stand in for a git identity only where the user has none.
    Returns the new commit's hash.
    """
    if not (repo / ".git").exists():
        run_git(repo, "init", "--quiet", "--initial-branch=main")
    run_git(repo, "add", "--", *(paths or ["."]))
    identity: list[str] = []
    if not has_identity(repo):
        identity = ["-c", f"user.name={author[0]}", "-c", f"user.email={author[1]}"]
    only = ["--", *paths] if paths else []  # never sweep in what the user had staged
    run_git(repo, *identity, "commit", "--quiet", "--no-verify", "-m", message, *only)
    return run_git(repo, "rev-parse", "HEAD").strip()


def head(repo: Path) -> str | None:
    """The commit HEAD points to, or None on a branch with no commit yet (or without git)."""
    try:
        return run_git(repo, "rev-parse", "--verify", "--quiet", "HEAD").strip() or None
    except (StepFailedError, ToolMissingError):
        return None


def take_back_commit(repo: Path, head_before: str | None, paths: Sequence[str]) -> None:
    """Undo an `initial_commit` of `paths` into an existing repo, made or only staged.

    HEAD goes back to `head_before` (softly: no file is touched) and `paths` leave the index;
    whatever else the user had staged stays.
    """
    with suppress(StepFailedError, ToolMissingError):
        if head(repo) != head_before:  # stopped just after committing
            if head_before is None:
                run_git(repo, "update-ref", "-d", "HEAD")
            else:
                run_git(repo, "reset", "--soft", "--quiet", head_before)
        try:
            run_git(repo, "reset", "--quiet", "--", *paths)
        except StepFailedError:  # no commit yet, so nothing to reset to
            run_git(repo, "rm", "--cached", "--quiet", "--ignore-unmatch", "--", *paths)
