"""Stacks of the sixth corpus round: uv's dependency groups that include other groups and
its older `[tool.uv] dev-dependencies`, pip run by a notebook's own Python, conda files
named for their job, and a README's `just setup`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, TRAINING, notebook
from tests.doctor.helpers import audit, found_ids

UV_PROJECT = '[project]\nname = "demo"\nversion = "0.1.0"\ndependencies = ["numpy>=2"]\n'


def _uv_lock(dev: str) -> str:
    """A uv.lock of UV_PROJECT whose `dev` group records `dev`."""
    return (
        'version = 1\nrequires-python = ">=3.11"\n\n[[package]]\nname = "demo"\n'
        'version = "0.1.0"\nsource = { editable = "." }\n\n[package.metadata]\n'
        'requires-dist = [{ name = "numpy", specifier = ">=2" }]\n\n'
        f"[package.metadata.requires-dev]\ndev = [{dev}]\n"
    )


def test_a_uv_group_that_includes_another_is_locked_with_its_members(tmp_path: Path) -> None:
    groups = '\n[dependency-groups]\ntest = ["pytest>=8"]\ndev = [{ include-group = "test" }]\n'
    test_group = '\ntest = [{ name = "pytest", specifier = ">=8" }]\n'
    in_sync = _uv_lock('{ name = "pytest", specifier = ">=8" }') + test_group
    build_file_tree(
        tmp_path / "in-sync", {"pyproject.toml": UV_PROJECT + groups, "uv.lock": in_sync}
    )
    assert "ENV007" not in found_ids(audit(tmp_path / "in-sync", "ENV007"))
    stale = _uv_lock('{ name = "pytest", specifier = ">=7" }') + test_group
    build_file_tree(tmp_path / "stale", {"pyproject.toml": UV_PROJECT + groups, "uv.lock": stale})
    findings = audit(tmp_path / "stale", "ENV007").findings
    assert [f.message for f in findings] == [
        "Lock file out of date: pytest>=8 [group dev] is declared in pyproject.toml, "
        "locked as pytest>=7; run `uv lock`"
    ]


def test_uv_older_dev_dependencies_are_the_dev_group_of_the_lock(tmp_path: Path) -> None:
    legacy = UV_PROJECT + '\n[tool.uv]\ndev-dependencies = ["ruff>=0.6"]\n'
    locked = _uv_lock('{ name = "ruff", specifier = ">=0.6" }')
    build_file_tree(tmp_path / "in-sync", {"pyproject.toml": legacy, "uv.lock": locked})
    assert "ENV007" not in found_ids(audit(tmp_path / "in-sync", "ENV007"))
    build_file_tree(tmp_path / "dropped", {"pyproject.toml": UV_PROJECT, "uv.lock": locked})
    findings = audit(tmp_path / "dropped", "ENV007").findings
    assert [f.message for f in findings] == [
        "Lock file out of date: ruff>=0.6 [group dev] is locked but no longer declared; "
        "run `uv lock`"
    ]


def test_pip_run_by_the_notebooks_own_python_is_an_install_in_a_notebook(tmp_path: Path) -> None:
    install = notebook('["import sys\\n", "!{sys.executable} -m pip install -e .[extras]"]')
    build_file_tree(tmp_path / "installs", {"explore.ipynb": install})
    findings = audit(tmp_path / "installs", "NB002").findings
    assert [f.message for f in findings] == [
        "`pip install` inside a notebook: cell 1: !{sys.executable} -m pip install"
    ]
    runs_tests = notebook('["import sys\\n", "!{sys.executable} -m pytest tests"]')
    build_file_tree(tmp_path / "tests", {"explore.ipynb": runs_tests})
    assert "NB002" not in found_ids(audit(tmp_path / "tests", "NB002"))


CONDA_ENV = (
    "name: train_env\nchannels:\n  - conda-forge\n"
    "dependencies:\n  - python=3.11\n  - pandas=2.2.*\n"
)


def test_conda_files_named_for_their_job_declare_the_dependencies(tmp_path: Path) -> None:
    for rel in ("environments/train.yml", "aml/train_dependencies.yml"):
        build_file_tree(
            tmp_path / rel.replace("/", "-"), {"train.py": "print(1)\n", rel: CONDA_ENV}
        )
        assert "ENV001" not in found_ids(audit(tmp_path / rel.replace("/", "-"), "ENV001"))
    # a YAML of the same name that is no environment declares nothing
    other = {"train.py": "print(1)\n", "environments/dev.yml": "region: westeurope\n"}
    build_file_tree(tmp_path / "settings", other)
    assert "ENV001" in found_ids(audit(tmp_path / "settings", "ENV001"))


JUST_README = "# Models\n\n## Setup\n\n```bash\nnix develop\njust setup\n```\n"


def test_a_readme_recipe_that_syncs_through_the_recipe_it_needs_sets_up(tmp_path: Path) -> None:
    justfile = "sync:\n    uv sync --locked\n\nsetup: sync\n    prek install\n"
    build_file_tree(
        tmp_path, {"train.py": "print(1)\n", "README.md": JUST_README, "justfile": justfile}
    )
    assert "DOCS001" not in found_ids(audit(tmp_path, "DOCS001"))


def test_a_readme_recipe_that_only_installs_hooks_sets_nothing_up(tmp_path: Path) -> None:
    justfile = "setup:\n    prek install\n"
    build_file_tree(
        tmp_path, {"train.py": "print(1)\n", "README.md": JUST_README, "justfile": justfile}
    )
    findings = audit(tmp_path, "DOCS001").findings
    assert [(f.path, f.message) for f in findings] == [
        ("README.md", "No README with setup instructions: no setup commands")
    ]


TEST_OK = "def test_ok():\n    assert sum([1, 1]) == 2\n"
SPEED_TEST = (
    '"""Benchmark: compiled against eager, wall-clock time per forward pass."""\n'
    "import time\n\n\ndef test_compiled_is_not_slower(model, batch):\n"
    "    start = time.perf_counter()\n    model(batch)\n"
    "    assert time.perf_counter() - start < 1.0\n"
)


CONFTEST_OPTION = (
    "def pytest_addoption(parser):\n"
    '    parser.addoption("--backends", help="compile backends to benchmark")\n'
)
COMPARED = (
    "def test_model_quality(model, x, y):\n    benchmark = 0.8\n"
    "    assert model.score(x, y) > benchmark\n"
)
# test files -> whether TEST002 reports them (no model quality test among them)
BENCHMARKS: dict[str, tuple[dict[str, str], bool]] = {
    "speed": ({"tests/test_speed.py": SPEED_TEST}, True),
    "conftest-option": ({"tests/conftest.py": CONFTEST_OPTION, "tests/test_ok.py": TEST_OK}, True),
    "compared-to-a-benchmark": ({"tests/test_model.py": COMPARED}, False),
}


@pytest.mark.parametrize("case", sorted(BENCHMARKS))
def test_only_a_benchmark_the_model_is_compared_with_is_a_quality_test(
    tmp_path: Path, case: str
) -> None:
    tests, reported = BENCHMARKS[case]
    build_file_tree(
        tmp_path, {**PACKAGE, **TRAINING, "requirements.txt": "torch==2.5.0\n", **tests}
    )
    assert ("TEST002" in found_ids(audit(tmp_path, "TEST002"))) is reported
