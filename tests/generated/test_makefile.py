"""The generated Makefile before `make setup`: each target that needs .venv says so in one line."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.generated.conftest import run

# Each target and the first .venv tool it runs.
NEEDS_VENV = {
    "train": "dvc",
    "serve": "uvicorn",
    "test": "pytest",
    "typecheck": "mypy",
    "format": "ruff",
}


@pytest.mark.parametrize(("target", "tool"), sorted(NEEDS_VENV.items()))
def test_a_target_run_before_setup_says_to_run_setup(
    default_project: Path, target: str, tool: str
) -> None:
    done = run(["make", "--no-print-directory", target], cwd=default_project)

    assert done.returncode == 2
    assert (
        done.stderr.splitlines()[0] == f"error: .venv/bin/{tool} not found: run `make setup` first"
    )
    assert "not found" not in done.stdout


def test_lint_runs_the_type_check(default_project: Path) -> None:
    planned = run(["make", "-n", "--no-print-directory", "lint"], cwd=default_project)

    assert ".venv/bin/mypy" in planned.stdout
    assert ".venv/bin/ruff check ." in planned.stdout


@pytest.mark.parametrize(
    ("flags", "installer"), [([], "uv"), (["INSTALLER=pip"], "pip")], ids=["uv", "pip"]
)
def test_setup_is_quiet_unless_v_is_1(
    default_project: Path, flags: list[str], installer: str
) -> None:
    quiet = run(["make", "-n", "--no-print-directory", "setup", *flags], cwd=default_project)
    loud = run(["make", "-n", "--no-print-directory", "setup", "V=1", *flags], cwd=default_project)

    assert f"into .venv ({installer})..." in quiet.stdout
    assert "--quiet" in quiet.stdout
    assert "--quiet" not in loud.stdout
    assert "requirements/dev.txt" in quiet.stdout
    assert "--no-build-isolation -e ." in quiet.stdout


@pytest.mark.parametrize(
    ("no_bytecode_writes", "compiles"), [("1", True), (None, False)], ids=["set", "unset"]
)
def test_uv_compiles_bytecode_at_install_only_where_python_may_not_write_it(
    default_project: Path, no_bytecode_writes: str | None, compiles: bool
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if no_bytecode_writes is not None:
        env["PYTHONDONTWRITEBYTECODE"] = no_bytecode_writes
    planned = subprocess.run(
        ["make", "-n", "--no-print-directory", "setup"],
        cwd=default_project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    [sync] = [line for line in planned.stdout.splitlines() if "pip sync" in line]
    assert ("--compile-bytecode" in sync) == compiles


def test_setup_installs_with_the_uv_it_is_given_and_installs_no_other(
    default_project: Path, tmp_path: Path
) -> None:
    project = Path(shutil.copytree(default_project, tmp_path / "p"))
    calls = tmp_path / "uv-calls"
    fake_uv = tmp_path / "uv"
    fake_uv.write_text(f'#!/bin/sh\necho "$*" >> {calls}\n', encoding="utf-8")
    fake_uv.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}

    subprocess.run(
        ["make", "--no-print-directory", "setup", f"SETUP_UV={fake_uv}"],
        cwd=project,
        env=env,
        capture_output=True,
        check=True,
    )

    venv, sync, editable = calls.read_text(encoding="utf-8").splitlines()
    assert venv.startswith("venv ")
    assert sync.startswith("pip sync ") and sync.endswith("--require-hashes requirements/dev.txt")
    assert editable.startswith("pip install ") and editable.endswith("-e .")
    assert not (project / ".venv" / "bin" / "uv").exists()  # uv.txt was not installed
