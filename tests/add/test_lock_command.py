"""The command that compiles a lock again is one the repo has: `make lock` where its Makefile
has that target, else the uv command itself (in the `.txt` header, the `.in` and the notes).

The compiling tests resolve against the package index with uv (seconds each).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from mlops_scaffold.lock import find_uv
from tests.add.trees import commit_all, foreign_repo
from tests.conftest import run_mlops

UV_COMMAND = (
    "uv pip compile --universal --generate-hashes --python-version 3.11 "
    "requirements/train.in -o requirements/train.txt"
)


def written_text(repo: Path) -> str:
    """Every requirements file and the root requirements.txt, as one text."""
    return "".join(
        path.read_text()
        for path in [*sorted(repo.glob("requirements/*")), repo / "requirements.txt"]
    )


def test_without_a_makefile_the_lock_names_the_uv_command_that_remakes_it(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path / "repo", {"requirements.txt": "six\n"})
    commit_all(repo)
    done = run_mlops("add", "lock", "--force", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert "make lock" not in done.stdout + written_text(repo)
    train_txt = (repo / "requirements/train.txt").read_text()
    assert f"#    {UV_COMMAND}\n" in train_txt
    assert f"run `{UV_COMMAND}`" in (repo / "requirements.txt").read_text()  # the pointer
    # the command named works as it is, and makes the same lock
    (repo / "requirements/train.txt").unlink()
    subprocess.run([find_uv(), *UV_COMMAND.split()[1:], "--quiet"], cwd=repo, check=True)
    assert (repo / "requirements/train.txt").read_text() == train_txt


def test_a_makefile_with_a_lock_target_is_what_the_lock_names(tmp_path: Path) -> None:
    makefile = "lock:\n\tuv pip compile requirements/train.in -o requirements/train.txt\n"
    repo = foreign_repo(tmp_path, {"requirements.txt": "six\n", "Makefile": makefile})
    commit_all(repo)
    done = run_mlops("add", "lock", "--force", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert "#    make lock\n" in (repo / "requirements/train.txt").read_text()
    assert "run `make lock`" in (repo / "requirements.txt").read_text()
    assert "uv pip compile --universal" not in written_text(repo)


def test_a_makefile_without_a_lock_target_is_not_named(tmp_path: Path) -> None:
    repo = foreign_repo(
        tmp_path, {"requirements/train.in": "six\n", "Makefile": "test:\n\tpytest\n"}
    )
    commit_all(repo)
    done = run_mlops("add", "lock", "--dry-run", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert f"compiled from your own requirements/train.in: run `{UV_COMMAND}`" in done.stdout
    assert "make lock" not in done.stdout
