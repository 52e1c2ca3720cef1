"""bench/kind_features.py: the named features the learned kind model reads (session 35's
experiment, bench/kind_model.py)."""

from __future__ import annotations

from pathlib import Path

from bench.kind_features import bucket, kind_features
from mlops_scaffold.repo import Repo
from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, git_commit

COURSE: Tree = {
    "README.md": "# Hands-on MLOps course\n\nLessons on tracking and serving.\n",
    "week1/README.md": "Lesson one\n",
    "week1/train.ipynb": "{}",
    "week2/README.md": "Lesson two\n",
    "week2/requirements.txt": "mlflow\n",
    "week2/serve.py": "print('serve')\n",
}
PACKAGE: Tree = {
    "README.md": "# fastfeat\n\nA library for features.\n",
    "pyproject.toml": (
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
        '[project]\nname = "fastfeat"\nclassifiers = ["Typing :: Typed"]\n'
    ),
    "src/fastfeat/__init__.py": "",
    "tests/test_fastfeat.py": "def test_it():\n    pass\n",
    ".github/workflows/ci.yml": "on: push\n",
}


def _features(root: Path, tree: Tree, opening: str = "") -> frozenset[str]:
    build_file_tree(root, tree)
    git_commit(root)
    return kind_features(Repo.open(root), opening)


def test_numbered_lesson_folders_and_their_readmes_are_features(tmp_path: Path) -> None:
    found = _features(tmp_path, COURSE, "Hands-on MLOps course")
    assert {"top:weekN", "numbered_folders:2+", "folder_readmes:2+", "nested_deps:1+"} <= found
    assert {"w:course", "b:hands-on_mlops", "notebooks:1+"} <= found


def test_a_package_has_no_lesson_features(tmp_path: Path) -> None:
    found = _features(tmp_path, PACKAGE, "fastfeat A library for features")
    assert "numbered_folders:0" in found and "folder_readmes:0" in found
    assert "w:course" not in found


def test_a_package_with_a_build_backend_is_a_feature(tmp_path: Path) -> None:
    found = _features(tmp_path, PACKAGE)
    assert {"pyproject:build-system", "project:classifiers", "tests", "ci"} <= found


def test_loose_scripts_declare_no_package(tmp_path: Path) -> None:
    found = _features(tmp_path, COURSE)
    assert not {f for f in found if f.startswith(("pyproject:", "project:"))}
    assert "tests" not in found and "ci" not in found


def test_counts_fall_into_buckets() -> None:
    assert [bucket(n) for n in (0, 1, 3, 4, 40)] == ["0", "1+", "2+", "4+", "4+"]
