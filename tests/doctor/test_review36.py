"""Session 36's review: a dated snapshot of a release channel is pinned (IMG004); a
script's pinned install is reported on the line it starts on (ENV003); a test fixture's
broken pyproject.toml is no configuration of the project (REPO001); a render in CI that
would stop at its first question tests no template (TEST001)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, committed_status, git_commit
from tests.doctor.test_session36_code import NESTED_PROJECT, _status_in_full_audit
from tests.doctor.test_session36_docs import CI, _template, _workflow
from tests.doctor.test_session36_env import APP

# -- IMG004: a channel's dated snapshot never moves ---------------------------------------


@pytest.mark.parametrize(
    "base", ["debian:stable-20240110-slim", "rustlang/rust:nightly-2024-01-05"]
)
def test_a_dated_snapshot_of_a_channel_is_pinned(tmp_path: Path, base: str) -> None:
    image = f"FROM {base}\nCOPY . .\n"
    assert committed_status(tmp_path, {**APP, "Dockerfile": image}, "IMG004") == "passed"


@pytest.mark.parametrize("base", ["debian:stable-slim", "rustlang/rust:nightly-bookworm"])
def test_an_undated_channel_tag_still_moves(tmp_path: Path, base: str) -> None:
    image = f"FROM {base}\nCOPY . .\n"
    assert committed_status(tmp_path, {**APP, "Dockerfile": image}, "IMG004") == "failed"


# -- ENV003: the line a script's install starts on -----------------------------------------


def test_a_scripts_pinned_install_is_reported_on_its_own_line(tmp_path: Path) -> None:
    script = (
        "#!/bin/sh\napt-get install -y \\\n  curl \\\n  git\n"
        "pip install \\\n  scikit-learn==1.5.2\n"
    )
    build_file_tree(tmp_path, {**APP, "scripts/setup.sh": script})
    git_commit(tmp_path)
    [finding] = [f for f in audit(tmp_path, "ENV003").findings if f.path == "scripts/setup.sh"]
    assert finding.line == 5
    assert "`scikit-learn==1.5.2`" in finding.message


# -- REPO001: a nested pyproject.toml, not a test fixture's --------------------------------

BROKEN_TOML = "[project\nname = 'x'\n"
PROJECT: Tree = {"README.md": "# Churn\n", "train.py": "print('fit')\n"}


def test_a_nested_projects_broken_pyproject_is_reported(tmp_path: Path) -> None:
    tree = {**PROJECT, "pipeline/pyproject.toml": BROKEN_TOML}
    assert committed_status(tmp_path, tree, "REPO001") == "failed"


def test_a_test_fixtures_broken_pyproject_is_not(tmp_path: Path) -> None:
    tree = {**PROJECT, "tests/fixtures/broken/pyproject.toml": BROKEN_TOML}
    assert committed_status(tmp_path, tree, "REPO001") == "passed"


# -- TEST001: only a render that asks nothing tests the template ---------------------------


def test_a_cookiecutter_render_that_only_overwrites_still_asks(tmp_path: Path) -> None:
    tree = _template({CI: _workflow("cookiecutter -f . -o /tmp/out")})
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


def test_a_copier_render_forced_asks_nothing(tmp_path: Path) -> None:
    tree = _template({CI: _workflow("copier copy -f . /tmp/out")})
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


# -- CODE003: a test fixture's linter table configures no linter of the project ------------


def test_a_test_fixtures_linter_table_is_not_the_projects(tmp_path: Path) -> None:
    tree = {**NESTED_PROJECT, "tests/data/demo/pyproject.toml": "[tool.black]\nline-length = 88\n"}
    assert committed_status(tmp_path, tree, "CODE003") == "failed"


def test_a_nested_projects_linter_table_still_counts(tmp_path: Path) -> None:
    tree = {**NESTED_PROJECT, "pipeline/pyproject.toml": "[tool.black]\nline-length = 88\n"}
    assert committed_status(tmp_path, tree, "CODE003") == "passed"


# -- REPO001: a GitHub workflow is no template, whatever `{{` it holds ---------------------

INSPECT = "docker inspect --format '{{json .State}}' app"


def test_a_broken_workflow_with_a_docker_format_is_reported(tmp_path: Path) -> None:
    broken = f"name: ci\non: [push]\njobs:\n  run:\n    steps: [\n      - run: {INSPECT}\n"
    tree = {**PROJECT, ".github/workflows/ci.yml": broken}
    assert _status_in_full_audit(tmp_path, tree, "REPO001") == "failed"


def test_a_workflow_with_a_docker_format_parses(tmp_path: Path) -> None:
    workflow = (
        "name: ci\non: [push]\njobs:\n  run:\n    runs-on: ubuntu-latest\n    steps:\n"
        f'      - run: "{INSPECT}"\n'
    )
    tree = {**PROJECT, ".github/workflows/ci.yml": workflow}
    assert _status_in_full_audit(tmp_path, tree, "REPO001") == "passed"
