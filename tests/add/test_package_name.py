"""A repo whose name is not a usable package name (`tests`, `dvc`: it would shadow a module the
project imports) gets one error line and a hint that says how to name the package; the named
package is then where the added code goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.add.trees import build_tree, snapshot
from tests.conftest import run_mlops

SCRIPTS = {"requirements.txt": "numpy\n", "train.py": "print('training')\n"}


@pytest.mark.parametrize(("folder", "components"), [("tests", ["dvc"]), ("dvc", ["dvc", "serve"])])
def test_a_repo_named_like_an_imported_module_gets_an_error_and_a_hint(
    tmp_path: Path, folder: str, components: list[str]
) -> None:
    repo = build_tree(tmp_path / folder, SCRIPTS)
    done = run_mlops("add", *components, "--path", str(repo))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: Validation error for question 'package_name': package name '{folder}' would "
        "shadow a module the project imports",
        f"hint: the package_name '{folder}' comes from the repo; choose one with "
        f"`mlops add {' '.join(components)} --data package_name=NAME`",
    ]
    assert snapshot(repo) == {path: text.encode() for path, text in SCRIPTS.items()}


def test_the_package_named_with_data_is_where_the_code_goes(tmp_path: Path) -> None:
    repo = build_tree(tmp_path / "tests", SCRIPTS)
    done = run_mlops("add", "dvc", "--data", "package_name=churn", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert "  note: no package found; files for it go to src/churn/" in done.stdout.splitlines()
    assert (repo / "src/churn/pipeline.py").is_file() and not (repo / "src/tests").exists()
    assert 'packages = ["src/churn"]' in (repo / "pyproject.toml").read_text()
    assert "cmd: python -m churn.train" in (repo / "dvc.yaml").read_text()


def test_new_with_a_shadowing_package_name_says_how_to_give_another(tmp_path: Path) -> None:
    done = run_mlops("new", str(tmp_path / "p"), "--data", "package_name=tests")
    assert done.returncode == 2
    assert done.stderr.splitlines()[1] == "hint: give another with --data package_name=VALUE"
