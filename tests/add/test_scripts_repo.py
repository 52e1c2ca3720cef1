"""A repo of scripts and a requirements.txt, with no pyproject.toml: what `add` brings that
imports or installs the package comes with a minimal pyproject.toml that makes it installable."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mlops_scaffold.add import AddRequest, add_components
from mlops_scaffold.doctor.run import find_findings
from mlops_scaffold.versions import SUPPORTED_PYTHONS
from tests.add.trees import build_tree, commit_all
from tests.conftest import run_mlops
from tests.generated.dockerfile import copy_sources, dvc_outs

SCRIPTS = {
    "requirements.txt": "pandas\nscikit-learn\n",
    "train.py": "import pandas as pd\n\nprint(pd.__version__)\n",
    "README.md": "# churn scripts\n",
}


def scripts_repo(root: Path) -> Path:
    repo = build_tree(root / "churn", SCRIPTS)
    commit_all(repo)
    return repo


def test_add_dvc_writes_a_minimal_pyproject_and_says_so(tmp_path: Path) -> None:
    repo = scripts_repo(tmp_path)
    done = run_mlops("add", "dvc", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert (
        "the repo has no pyproject.toml: a minimal one makes src/churn/ installable" in done.stdout
    )
    pyproject = tomllib.loads((repo / "pyproject.toml").read_text())
    assert pyproject["project"]["name"] == "churn"
    assert pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["src/churn"]
    assert set(pyproject["tool"]) == {"hatch"}  # no settings for the repo's pytest or ruff
    assert (repo / "src/churn/__init__.py").is_file()


def test_the_minimal_pyproject_allows_no_python_past_its_end_of_life(tmp_path: Path) -> None:
    # a repo that declares no Python: the written file would otherwise be the doctor's ENV006
    repo = scripts_repo(tmp_path)
    add_components(AddRequest(repo, ("dvc",)))
    pyproject = tomllib.loads((repo / "pyproject.toml").read_text())
    assert pyproject["project"]["requires-python"] == f">={SUPPORTED_PYTHONS[0]}"
    assert not find_findings(repo, select=["ENV006"]).findings


def test_a_repo_with_a_setup_py_gets_no_pyproject(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path / "churn", {**SCRIPTS, "setup.py": "from setuptools import setup\nsetup()\n"}
    )
    add_components(AddRequest(repo, ("dvc",)))
    assert not (repo / "pyproject.toml").exists()


def test_components_that_do_not_import_the_package_bring_no_pyproject(tmp_path: Path) -> None:
    repo = scripts_repo(tmp_path)
    add_components(AddRequest(repo, ("docs", "precommit")))
    assert not (repo / "pyproject.toml").exists()


@pytest.mark.parametrize("image", ["train", "serve"])
def test_every_copy_source_of_the_images_exists_in_a_scripts_repo(
    tmp_path: Path, image: str
) -> None:
    repo = scripts_repo(tmp_path)
    add_components(AddRequest(repo, ("docker", "dvc", "serve", "monitoring")))
    # what the lock component brings (the images build the package with the locked backend)
    outputs = dvc_outs(repo) | {f"requirements/{name}.txt" for name in ("train", "serve", "build")}
    sources = [s.rstrip("/") for s in copy_sources(repo / f"docker/{image}.Dockerfile")]
    assert "pyproject.toml" in sources
    missing = [
        source
        for source in sources
        if not (repo / source).exists()
        and not any(source == out or source.startswith(f"{out}/") for out in outputs)
    ]
    assert missing == []


@pytest.mark.e2e
def test_the_scripts_repo_package_installs_after_add_serve(tmp_path: Path) -> None:
    repo = scripts_repo(tmp_path)
    add_components(AddRequest(repo, ("serve",)))
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path / "dist"),
            ".",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    assert [wheel.name.split("-")[0] for wheel in (tmp_path / "dist").glob("*.whl")] == ["churn"]
