"""doctor/kind_features.py: the named features the learned kind model reads (session 35.s
experiment, bench/kind_model.py)."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.fixtures import AuditView
from mlops_scaffold.doctor.kind_features import bucket, fact_features, kind_features
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


SERVICE: Tree = {
    "README.md": "# Churn service\n\nServes the churn model.\n",
    "app.py": (
        "import joblib\nfrom flask import Flask, request\n\napp = Flask(__name__)\n"
        "model = joblib.load('model.pkl')\n\n\n@app.route('/predict', methods=['POST'])\n"
        "def predict():\n    return {'y': model.predict([request.json['x']]).tolist()}\n"
    ),
    "requirements.txt": "flask\nscikit-learn\n",
}


def _facts(root: Path, tree: Tree) -> frozenset[str]:
    build_file_tree(root, tree)
    git_commit(root)
    return frozenset(fact_features(AuditView.open(root)))


def test_function_words_are_no_features(tmp_path: Path) -> None:
    found = _features(tmp_path, COURSE, "This is the course of the year")
    assert "w:course" in found and "b:this_course" not in found  # "is" stands between
    assert not {"w:the", "w:of", "w:is", "b:of_the"} & found


def test_the_doctors_readers_say_a_service_serves(tmp_path: Path) -> None:
    found = _facts(tmp_path, SERVICE)
    assert {"serves", "serves:back_end", "runs_as_product"} <= found
    assert "package" not in found


def test_a_package_its_tests_import_is_a_fact(tmp_path: Path) -> None:
    tests = {"tests/test_fastfeat.py": "import fastfeat\n\n\ndef test_it():\n    pass\n"}
    found = _facts(tmp_path, {**PACKAGE, **tests})
    assert {"package", "package:metadata", "package:tested"} <= found
    assert "serves" not in found


def test_a_plain_repo_view_says_no_fact(tmp_path: Path) -> None:
    build_file_tree(tmp_path, SERVICE)
    git_commit(tmp_path)
    assert fact_features(Repo.open(tmp_path)) == set()


def test_this_and_the_readers_pronouns_are_no_words(tmp_path: Path) -> None:
    found = _features(tmp_path, COURSE, "Overview this course gives you our labs")
    assert {"w:overview", "w:course", "w:labs", "b:this_course"} <= found
    assert not {"w:this", "w:you", "w:our", "b:overview_this", "b:gives_you"} & found


def test_single_letters_and_markup_tokens_are_no_words(tmp_path: Path) -> None:
    found = _features(tmp_path, COURSE, "Don't miss it: s t nbsp width course r lab")
    assert {"w:course", "w:lab"} <= found
    assert not {"w:s", "w:t", "w:r", "w:don", "w:nbsp", "w:width", "b:course_r"} & found


def test_a_conftest_importing_the_package_is_a_test_importing_it(tmp_path: Path) -> None:
    tests = {"conftest.py": "import pytest\nfrom fastfeat import Frame\n"}
    found = _facts(tmp_path, {**PACKAGE, **tests})
    assert "package:tested" in found


def test_a_notebooks_autosaved_test_copy_is_no_test(tmp_path: Path) -> None:
    saved = {".ipynb_checkpoints/test_fastfeat-checkpoint.py": "import fastfeat\n"}
    found = _facts(tmp_path, {**PACKAGE, **saved})
    assert "package" in found and "package:tested" not in found
