"""Every option combination renders files that parse and pass ruff with the project's config."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.versions import SUPPORTED_PYTHONS
from tests.generated.conftest import run, validator
from tests.parse_generated import parse_problems, parsed_files


def test_every_yaml_toml_json_and_python_file_parses(project: Path) -> None:
    assert parsed_files(project), "the render produced no structured files"
    assert parse_problems(project) == []


def test_ruff_check_passes_on_the_generated_code(project: Path) -> None:
    result = run([validator("ruff"), "check", "--no-cache", "."], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_the_generated_code_unchanged(project: Path) -> None:
    result = run([validator("ruff"), "format", "--check", "--no-cache", "."], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_lock_resolves_for_the_oldest_python_the_shipped_locks_cover(project: Path) -> None:
    # Whatever the project's own Python, the locks it ships cover the oldest supported one on;
    # `make lock` resolving for a later one would rewrite them all at the first edit of a .in file.
    planned = run(["make", "-n", "lock", "UV=uv"], cwd=project)  # -n: print the commands only
    assert planned.returncode == 0, planned.stderr
    assert planned.stdout.count(f"--python-version {SUPPORTED_PYTHONS[0]} ") == 1
