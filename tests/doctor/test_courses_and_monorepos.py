"""Courses and monorepos (sixth corpus round): a course is judged on its own linter, tests
and README when its projects are lessons; a pipeline step named `test` is no test; a
course's homework package is an example, not a product; a linter the repository's CI
runs over every project counts for each of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Report, Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, found_ids

LESSON_README = "Run `pip install -r requirements.txt`.\n"


def _lessons() -> dict[str, str]:
    """A course in day folders: two lessons that set themselves up, an empty root README."""
    tree = {"readme.md": ""}
    for folder in ("Day1/mlflow_project", "Day2/components"):
        tree[f"{folder}/requirements.txt"] = "mlflow\n"
        tree[f"{folder}/readme.md"] = LESSON_README
        tree[f"{folder}/train.py"] = "def main(model, x, y):\n    model.fit(x, y)\n"
    return tree


def _root_findings(report: Report) -> set[str]:
    return {finding.id for finding in report.findings if not finding.project}


def test_a_course_of_lessons_is_judged_on_its_own_linter_tests_and_readme(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _lessons())
    report = audit(tmp_path)
    assert report.kind == "example"  # a course, its lessons audited apart
    assert report.projects == ("Day1/mlflow_project", "Day2/components")
    assert {"CODE003", "TEST001", "DOCS001"} <= _root_findings(report)


def test_a_course_whose_readme_says_what_it_is_is_set_up_by_its_lessons(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**_lessons(), "readme.md": "# Course\n\nFour days of MLOps.\n"})
    report = audit(tmp_path)
    assert "DOCS001" not in found_ids(report)
    assert {"CODE003", "TEST001"} <= _root_findings(report)


def test_a_course_with_a_linter_tests_and_a_setup_readme_passes_them(tmp_path: Path) -> None:
    tree = {
        **_lessons(),
        "readme.md": "# Course\n\nRun `pip install -r Day1/mlflow_project/requirements.txt`.\n",
        "ruff.toml": "line-length = 100\n",
        "Day1/mlflow_project/test_train.py": "def test_trains():\n    assert sum([1, 1]) == 2\n",
    }
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path)
    assert report.kind == "example"
    assert not found_ids(report) & {"CODE003", "TEST001", "DOCS001"}


STEP = "def test(data_dir: str, model_dir: str) -> str:\n    return data_dir + model_dir\n"


def _pipeline(importer: str) -> dict[str, str]:
    """A pipeline whose evaluation step lives in components/test_model.py."""
    return {
        "requirements.txt": "kfp==1.8.16\n",
        "components/__init__.py": "",
        "components/test_model.py": STEP,
        importer: (
            "from kfp import components\nfrom components.test_model import test\n\n"
            "test_op = components.func_to_container_op(test)\n"
        ),
    }


def test_a_pipeline_step_named_test_that_the_code_imports_is_no_test(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _pipeline("pipeline.py"))
    assert "TEST001" in found_ids(audit(tmp_path, "TEST001"))


def test_a_test_module_only_the_tests_import_from_is_a_test(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _pipeline("tests/test_pipeline.py"))
    report = audit(tmp_path, "TEST001")
    assert report.results[0].status is Status.PASSED


COURSE = ("# ML in production, homework\n", "hw1", "hw2")
GALLERY = ("# Showcases\n\nA gallery of end-to-end projects.\n", "churn", "vision")


def _homework(setup_extra: str, repo: tuple[str, str, str] = COURSE) -> dict[str, str]:
    """A course in hw folders (or a gallery, `repo`: its README and two folders): a
    training package and a service package, each with a setup.py, tests and a README;
    the service logs nothing."""
    readme, first, second = repo
    tree = {"README.md": readme}
    for folder, package in ((first, "training"), (second, "serving")):
        tree[f"{folder}/setup.py"] = (
            f"from setuptools import setup\nsetup(name='{package}', packages=['{package}']"
            f"{setup_extra})\n"
        )
        tree[f"{folder}/{package}/__init__.py"] = ""
        tree[f"{folder}/README.md"] = "Run `pip install -e .`.\n"
        tree[f"{folder}/ruff.toml"] = "line-length = 100\n"
        tree[f"{folder}/tests/test_{package}.py"] = "def test_ok():\n    assert sum([1, 1]) == 2\n"
    tree[f"{first}/training/train.py"] = "def main(model, x, y):\n    model.fit(x, y)\n"
    tree[f"{second}/serving/app.py"] = (
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        "@app.post('/predict')\ndef predict(x: float) -> float:\n    return x\n"
    )
    return tree


def _project_findings(report: Report) -> set[tuple[str, str | None]]:
    return {(finding.id, finding.project) for finding in report.findings}


def test_a_homework_package_is_an_example_whose_service_is_judged(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _homework(""))
    report = audit(tmp_path)
    assert report.kind == "monorepo"
    found = _project_findings(report)
    assert ("MON001", "hw2") in found  # the service is judged
    assert not {check for check, _ in found} & {"DOCS002", "DOCS003", "TEST002", "EXP001"}
    docs002 = next(r for r in report.results if r.id == "DOCS002" and r.project == "hw1")
    assert docs002.reason == "does not apply to an example"


PUBLISHED_SETUP = ", url='https://example.org/training', classifiers=['Typing :: Typed']"


def test_a_published_package_in_a_gallery_of_examples_is_judged_as_a_product(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _homework(PUBLISHED_SETUP, GALLERY))
    assert ("DOCS003", "churn") in _project_findings(audit(tmp_path))


def test_a_package_a_course_publishes_is_course_material(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _homework(PUBLISHED_SETUP))
    report = audit(tmp_path)
    found = _project_findings(report)
    assert not {check for check, _ in found} & {"DOCS002", "DOCS003", "EXP001"}
    assert ("MON001", "hw2") in found  # its service is still judged
    docs002 = next(r for r in report.results if r.id == "DOCS002" and r.project == "hw1")
    assert docs002.reason == "does not apply to an example"


def _two_services(lint: str) -> dict[str, str]:
    """A monorepo of two projects without a linter configuration, and a root workflow."""
    tree = {
        ".github/workflows/ci.yml": (
            "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
            f"      - uses: actions/checkout@v4\n      - run: {lint}\n"
        )
    }
    for name in ("churn", "vision"):
        tree[f"{name}/pyproject.toml"] = f'[project]\nname = "{name}"\nversion = "1"\n'
        tree[f"{name}/{name}/__init__.py"] = ""
    return tree


def test_a_linter_the_root_ci_runs_over_the_repository_lints_every_project(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _two_services("flake8 . --count"))
    report = audit(tmp_path, "CODE003")
    assert report.projects == ("churn", "vision")
    assert "CODE003" not in found_ids(report)


def test_a_linter_the_root_ci_runs_over_one_project_counts_for_the_monorepo(
    tmp_path: Path,
) -> None:
    # Session 34: a practice a nested project satisfies counts for the repository (the
    # corpus rule); vision passes through churn, which CI lints.
    build_file_tree(tmp_path, _two_services("flake8 churn"))
    report = audit(tmp_path, "CODE003")
    assert not _project_findings(report)
    vision = next(r for r in report.results if r.id == "CODE003" and r.project == "vision")
    assert vision.reason is not None and vision.reason.startswith("churn has it")


def test_a_root_task_that_lints_the_repository_lints_every_project(tmp_path: Path) -> None:
    tree = {**_two_services("echo no lint here"), "Makefile": "lint:\n\truff check . --fix\n"}
    build_file_tree(tmp_path, tree)
    assert "CODE003" not in found_ids(audit(tmp_path, "CODE003"))


@pytest.mark.parametrize(
    "config",
    [
        {"ruff.toml": "line-length = 100\n"},
        {"pyproject.toml": '[tool.uv.workspace]\nmembers = ["churn", "vision"]\n\n[tool.ruff]\n'},
    ],
    ids=["ruff.toml", "pyproject"],
)
def test_ruff_configured_at_the_root_configures_every_project(
    tmp_path: Path, config: dict[str, str]
) -> None:
    build_file_tree(tmp_path, {**_two_services("echo no lint here"), **config})
    assert "CODE003" not in found_ids(audit(tmp_path, "CODE003"))


def test_a_root_flake8_config_does_not_lint_nested_projects(tmp_path: Path) -> None:
    tree = {**_two_services("echo no lint here"), ".flake8": "[flake8]\nmax-line-length = 100\n"}
    build_file_tree(tmp_path, tree)
    assert {project for _, project in _project_findings(audit(tmp_path, "CODE003"))} == {
        "churn",
        "vision",
    }


PDM_INIT = (
    '[project]\nname = "puzzle-rl"\nversion = "1.0.0"\ndescription = "Solve a puzzle with RL."\n'
    'authors = [{name = "A"}]\ndependencies = ["torch>=2"]\nrequires-python = ">=3.8"\n'
    'readme = "README.md"\nlicense = {text = "MIT"}\n\n'
    '[build-system]\nrequires = ["pdm-backend"]\nbuild-backend = "pdm.backend"\n'
)
PUBLISHED = PDM_INIT.replace(
    'license = {text = "MIT"}\n',
    'license = {text = "MIT"}\nclassifiers = ["Typing :: Typed"]\n'
    'urls = {Homepage = "https://example.org/puzzle-rl"}\n',
)
SWEEP = (
    "program: main.py\nmethod: bayes\nmetric:\n  name: reward\n  goal: maximize\n"
    "parameters:\n  lr:\n    min: 0.0001\n    max: 0.1\n"
)


def _experiments(pyproject: str, run: str = "python main.py") -> dict[str, str]:
    """A package under src/, a training script at the root and W&B sweeps of its runs."""
    return {
        "README.md": f"# Puzzle RL\n\nI train an agent: `{run}`.\n",
        "pyproject.toml": pyproject,
        "src/agent/__init__.py": "",
        "main.py": "from src.agent import train\n\ndef main(model, x, y):\n    model.fit(x, y)\n",
        "sweeps/sweep-1.yaml": SWEEP,
    }


def test_runs_searched_by_sweeps_with_a_package_that_publishes_nothing_are_research(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _experiments(PDM_INIT))
    report = audit(tmp_path)
    assert report.kind == "example"
    assert "sweeps/sweep-1.yaml" in report.kind_evidence
    assert "ENV006" in found_ids(report)  # requires-python >=3.8 is judged
    assert not found_ids(report) & {"DATA004", "DOCS002", "TEST002"}


def test_runs_searched_by_sweeps_and_shipped_in_an_image_are_an_application(
    tmp_path: Path,
) -> None:
    image = 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "main.py"]\n'
    build_file_tree(tmp_path, {**_experiments(PDM_INIT), "Dockerfile": image})
    assert audit(tmp_path).kind == "application"


def test_a_package_that_says_where_it_lives_stays_a_library_beside_its_sweeps(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _experiments(PUBLISHED, run="pip install puzzle-rl"))
    report = audit(tmp_path)
    assert report.kind == "library"
    assert "ENV006" not in found_ids(report)


def _two_projects(readme: str, vision: str) -> dict[str, str]:
    """A monorepo of a model package (its README is `vision`) and a service without a
    README of its own; the root README is `readme`."""
    return {**_two_services("echo none"), "README.md": readme, "vision/README.md": vision}


def _docs001_projects(tmp_path: Path, readme: str, vision: str) -> set[str | None]:
    build_file_tree(tmp_path, _two_projects(readme, vision))
    return {f.project for f in audit(tmp_path).findings if f.id == "DOCS001"}


SETS_UP = "Run `pip install tox`, then `tox` in each folder.\n"
PROSE = "Two models of the team.\n"


@pytest.mark.parametrize(
    ("readme", "vision"), [(SETS_UP, PROSE), (PROSE, SETS_UP), (SETS_UP, SETS_UP)]
)
def test_a_monorepo_set_up_in_one_readme_is_set_up(
    tmp_path: Path, readme: str, vision: str
) -> None:
    assert _docs001_projects(tmp_path, "# Models\n\n" + readme, vision) == set()


def test_a_monorepo_whose_readmes_set_nothing_up_is_reported(tmp_path: Path) -> None:
    assert _docs001_projects(tmp_path, "# Models\n\n" + PROSE, PROSE) == {"churn", "vision"}
