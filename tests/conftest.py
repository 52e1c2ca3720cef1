"""Fixtures shared by the tool's tests: run the real `mlops` command, render the template once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mlops_scaffold.cli import app
from mlops_scaffold.template import render_project

REPO_ROOT = Path(__file__).resolve().parents[1]


def run_mlops(
    *args: str,
    cwd: Path | None = None,
    input: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed `mlops` command as a user would, without a terminal."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mlops_scaffold", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=input if input is not None else "",
        env=env,
        check=False,
        timeout=600,
    )


def invoke(*args: str) -> tuple[int, str]:
    """Run `mlops ARGS` in this process; return the exit code and the output."""
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "200"})
    return result.exit_code, result.output


def build_file_tree(root: Path, tree: Mapping[str, str | bytes]) -> Path:
    """Write `{relative path: contents}` under root (text or bytes); return root."""
    for rel, content in tree.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def render_once(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Render the template once per set of answers per test run; callers must not modify it."""
    cache: dict[tuple[tuple[str, Any], ...], Path] = {}

    def render(**answers: Any) -> Path:
        key = tuple(sorted(answers.items()))
        if key not in cache:
            dest = tmp_path_factory.mktemp("render") / "demo-project"
            render_project(dest, {"project_name": "Demo Project", **answers})
            cache[key] = dest
        return cache[key]

    return render


@pytest.fixture(autouse=True)
def doctor_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own doctor cache folder: no test reads a report another one stored."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder
