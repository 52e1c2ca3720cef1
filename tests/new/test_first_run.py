"""What a new user sees on a first run: a failing setup step's cause, warnings, author, --no-git."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path

import pytest

from mlops_scaffold.errors import StepFailedError
from mlops_scaffold.project_setup import TAIL_LINES, run_setup, run_target
from tests.conftest import build_file_tree, run_mlops


def git_home(tmp_path: Path, name: str, email: str) -> dict[str, str]:
    """An environment whose only git configuration is a ~/.gitconfig with this identity."""
    home = build_file_tree(
        tmp_path / "home", {".gitconfig": f"[user]\n\tname = {name}\n\temail = {email}\n"}
    )
    return {"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "XDG_CONFIG_HOME": str(home)}


def test_a_failing_setup_step_shows_its_command_output_log_and_a_retry(tmp_path: Path) -> None:
    dest = tmp_path / "p"
    # The project's Makefile runs $(PYTHON): one that does not exist fails `make setup` at once.
    result = run_mlops("new", str(dest), "-y", "--setup", env={"PYTHON": str(tmp_path / "nopy")})

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert f"error: `make setup` failed in {dest} (exit 2); its last lines:" in lines
    assert any(line.startswith("  ") and "nopy" in line for line in lines)
    hint = next(line for line in lines if line.startswith("hint: "))
    log = Path(hint.removeprefix("hint: full log: ").split(";")[0])
    assert hint.endswith(f"once fixed, retry: cd {dest} && make setup train")
    assert "nopy" in log.read_text(encoding="utf-8")
    assert (dest / "Makefile").is_file()  # the project stays, so the retry has something to run
    log.unlink()


def test_only_the_last_lines_of_a_failing_step_are_shown_and_the_log_keeps_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS"):  # under `make test`, as a user runs it
        monkeypatch.delenv(name, raising=False)
    makefile = "fail:\n\t@for n in $$(seq 1 30); do echo line $$n; done; exit 3\n"
    project = build_file_tree(tmp_path / "p", {"Makefile": makefile})

    with pytest.raises(StepFailedError) as failure:
        run_target(project, "fail", retry=["fail"])

    shown = failure.value.output.splitlines()
    assert len(shown) == TAIL_LINES
    assert shown[:-1] == [f"line {n}" for n in range(32 - TAIL_LINES, 31)]
    assert shown[-1].startswith("make: *** [Makefile:2: fail] Error 3")
    assert failure.value.message.endswith("(exit 2); its last lines:")  # make exits 2
    log = Path(failure.value.hint.removeprefix("full log: ").split(";")[0])
    assert log.read_text(encoding="utf-8").splitlines()[0] == "line 1"
    log.unlink()


def test_setup_installs_with_the_uv_mlops_runs_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS"):
        monkeypatch.delenv(name, raising=False)
    makefile = (
        "setup:\n\t@echo '$(SETUP_UV)' > setup.uv\ntrain:\n\t@echo '$(SETUP_UV)' > train.uv\n"
    )
    project = build_file_tree(tmp_path / "p", {"Makefile": makefile})

    run_setup(project, lambda _: nullcontext())

    uv = (project / "setup.uv").read_text(encoding="utf-8").strip()
    # mlops-scaffold depends on uv: it is on PATH or beside this Python, never a second download.
    assert uv in (shutil.which("uv"), str(Path(sys.executable).parent / "uv"))
    assert subprocess.run([uv, "--version"], capture_output=True, check=True).stdout.startswith(
        b"uv "
    )
    assert (project / "train.uv").read_text(encoding="utf-8").strip() == ""


FAKE_MAKE = """#!/bin/sh
# Stands in for the project's make: `train` writes what the real pipeline writes for git.
for target in "$@"; do
  if [ "$target" = train ]; then
    mkdir -p metrics plots && echo "schema: '2.0'" > dvc.lock
    echo '{}' > metrics/evaluate.json && echo 'fpr,tpr' > plots/roc.csv
  fi
done
"""


def fake_make_on_path(tmp_path: Path) -> dict[str, str]:
    """An environment whose `make` only writes the training run's outputs (no install, no DVC)."""
    bin_dir = build_file_tree(tmp_path / "bin", {"make": FAKE_MAKE})
    (bin_dir / "make").chmod(0o755)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def test_setup_commits_the_training_run_so_git_status_is_clean(tmp_path: Path) -> None:
    dest = tmp_path / "p"

    result = run_mlops("new", str(dest), "-y", "--setup", env=fake_make_on_path(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "✓ Committing the training run (dvc.lock, metrics, plots)" in result.stderr
    git = ["git", "-C", str(dest)]
    status = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""
    log = subprocess.run(
        [*git, "log", "--format=%s", "--name-only", "-1"], capture_output=True, text=True
    )
    assert log.stdout.splitlines() == [
        "Train the model (make train): dvc.lock, metrics and plots",
        "",
        "dvc.lock",
        "metrics/evaluate.json",
        "plots/roc.csv",
    ]


def test_setup_without_git_commits_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "p"

    result = run_mlops(
        "new", str(dest), "-y", "--no-git", "--setup", env=fake_make_on_path(tmp_path)
    )

    assert result.returncode == 0, result.stderr
    assert "Committing" not in result.stderr
    assert (dest / "dvc.lock").is_file() and not (dest / ".git").exists()


def test_a_python_version_missing_on_the_machine_is_a_warning_at_render(tmp_path: Path) -> None:
    # Only /usr/bin on PATH: its python3 is the machine's; the chosen version must be newer.
    python3 = Path("/usr/bin/python3")
    if not python3.exists() or Path("/usr/bin/python3.13").exists():
        pytest.skip("this machine has no /usr/bin/python3, or has /usr/bin/python3.13")
    version = subprocess.run(
        [python3, "-c", "import sys; print(sys.version_info[:2] >= (3, 13))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if version == "True":
        pytest.skip("/usr/bin/python3 is 3.13 or newer on this machine")

    result = run_mlops(
        "new", str(tmp_path / "p"), "-y", "-d", "python_version=3.13", env={"PATH": "/usr/bin"}
    )

    assert result.returncode == 0, result.stderr
    warning = next(line for line in result.stderr.splitlines() if line.startswith("warning:"))
    assert warning.startswith("warning: no Python 3.13 on this machine (python3.13 is not on PATH")
    assert "`make setup` will build the venvs with python3 3." in warning
    assert "while the images and CI use 3.13" in warning
    assert warning.endswith("install it, or run `make setup PYTHON=/path/to/python3.13`")


def test_the_interpreter_on_path_means_no_warning(tmp_path: Path) -> None:
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    if shutil.which(f"python{version}") is None:
        pytest.skip(f"python{version} is not on PATH on this machine")

    result = run_mlops("new", str(tmp_path / "p"), "-y", "-d", f"python_version={version}")

    assert result.returncode == 0, result.stderr
    assert "warning:" not in result.stderr


def test_author_comes_from_git_config_when_not_given(tmp_path: Path) -> None:
    env = git_home(tmp_path, "Ada Lovelace", "ada@analytical.example.org")

    result = run_mlops("new", str(tmp_path / "p"), "-y", env=env)

    assert result.returncode == 0, result.stderr
    pyproject = (tmp_path / "p" / "pyproject.toml").read_text(encoding="utf-8")
    assert '{ name = "Ada Lovelace", email = "ada@analytical.example.org" }' in pyproject
    assert "Ada Lovelace" in (tmp_path / "p" / "LICENSE").read_text(encoding="utf-8")


def test_an_author_answer_wins_over_git_config(tmp_path: Path) -> None:
    env = git_home(tmp_path, "Ada Lovelace", "ada@analytical.example.org")

    result = run_mlops("new", str(tmp_path / "p"), "-y", "-d", "author_name=Grace", env=env)

    assert result.returncode == 0, result.stderr
    pyproject = (tmp_path / "p" / "pyproject.toml").read_text(encoding="utf-8")
    assert '{ name = "Grace", email = "ada@analytical.example.org" }' in pyproject


def test_a_git_email_the_template_refuses_falls_back_to_the_default(tmp_path: Path) -> None:
    env = git_home(tmp_path, "Ada Lovelace", "ada@localhost")

    result = run_mlops("new", str(tmp_path / "p"), "-y", env=env)

    assert result.returncode == 0, result.stderr
    pyproject = (tmp_path / "p" / "pyproject.toml").read_text(encoding="utf-8")
    assert '{ name = "Ada Lovelace", email = "you@example.com" }' in pyproject


def test_no_git_lets_dvc_run_without_a_repository(tmp_path: Path) -> None:
    result = run_mlops("new", str(tmp_path / "p"), "-y", "--no-git")

    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "p" / ".git").exists()
    local = (tmp_path / "p" / ".dvc" / "config.local").read_text(encoding="utf-8")
    assert "[core]\n    no_scm = true\n" in local


def test_with_git_dvc_uses_it(tmp_path: Path) -> None:
    result = run_mlops("new", str(tmp_path / "p"), "-y")

    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "p" / ".dvc" / "config.local").exists()
