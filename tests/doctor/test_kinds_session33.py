"""Kinds by the written labelling rules, said in general terms (session 33): services a
repository builds into one stack are one product; a student's homework folders are a
monorepo however bare; a README saying it holds a collection of projects is a monorepo;
a package its README calls a proof of concept is an example; folders whose own READMEs
call them tutorial exercises are lessons."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import API, FIT, notebook
from tests.doctor.helpers import Tree, committed_kind

PYPROJECT = '[project]\nname = "{name}"\nversion = "0.1.0"\ndependencies = ["fastapi"]\n'
IMAGE = 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "main.py"]\n'


def _two_services(readme: str = "# Scan reader\n\nReads scans and flags lesions.\n") -> Tree:
    """An API and a worker that scores with a model, each a project with its image."""
    return {
        "README.md": readme,
        "api/pyproject.toml": PYPROJECT.format(name="api"),
        "api/Dockerfile": IMAGE,
        "api/main.py": API,
        "worker/pyproject.toml": PYPROJECT.format(name="worker"),
        "worker/Dockerfile": IMAGE,
        "worker/main.py": "import joblib\n\nmodel = joblib.load('m.pkl')\nmodel.predict([[1]])\n",
        "worker/train.py": FIT,
        "api/train.py": FIT,
    }


COMPOSE = (
    "services:\n  api:\n    build:\n      context: ./api\n"
    "  worker:\n    build: ./worker\n  db:\n    image: postgres:16\n"
)


def test_projects_a_compose_file_builds_together_are_one_application(tmp_path: Path) -> None:
    tree = {**_two_services(), "docker-compose.yml": COMPOSE}
    assert committed_kind(tmp_path, tree) == "application"


def test_projects_built_by_a_makefile_variable_are_one_application(tmp_path: Path) -> None:
    makefile = (
        "DOCKER := docker\n\nimages:\n"
        "\t$(DOCKER) build -t api api/\n\t$(DOCKER) build -t scorer worker\n"
    )
    tree = {**_two_services(), "Makefile": makefile}
    assert committed_kind(tmp_path, tree) == "application"


def test_projects_built_by_a_script_over_continued_lines_are_one_application(
    tmp_path: Path,
) -> None:
    script = (
        "#!/bin/sh\nset -e\n"
        "docker build \\\n  --tag api:dev \\\n  --file api/Dockerfile \\\n  api\n"
        "docker build -t scorer:dev \\\n  ./worker/\n"
    )
    tree = {**_two_services(), "scripts/build.sh": script}
    assert committed_kind(tmp_path, tree) == "application"


def test_variables_in_a_build_line_leave_the_folder_it_builds(tmp_path: Path) -> None:
    makefile = (
        "REG := me\nimages:\n\tdocker build -t $(REG)/api:$$(git rev-parse HEAD) api\n"
        "\tdocker build --build-arg V=${VERSION} -t $(REG)/scorer worker\n"
    )
    tree = {**_two_services(), "Makefile": makefile}
    assert committed_kind(tmp_path, tree) == "application"


def test_a_tag_named_like_a_project_builds_nothing_there(tmp_path: Path) -> None:
    # `-t worker` tags the image; only `api` is built, so the worker stays a project apart.
    makefile = "images:\n\tdocker build -t worker api\n"
    tree = {**_two_services(), "Makefile": makefile}
    assert committed_kind(tmp_path, tree) == "monorepo"


def test_projects_a_compose_file_builds_only_in_part_stay_a_monorepo(tmp_path: Path) -> None:
    compose = "services:\n  api:\n    build: ./api\n"
    tree = {**_two_services(), "docker-compose.yml": compose}
    assert committed_kind(tmp_path, tree) == "monorepo"


def _homework(prefix: str, readme: str = "My solutions to the course's assignments.") -> Tree:
    tree: Tree = {"README.md": f"# ML course\n\n{readme}\n"}
    for number in (1, 2, 3):
        tree[f"{prefix}{number}/solution.ipynb"] = notebook('["x = 1"]')
        tree[f"{prefix}{number}/helpers.py"] = FIT
    return tree


def test_a_students_bare_homework_folders_are_a_monorepo(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _homework("homework_")) == "monorepo"


def test_numbered_lesson_folders_without_homework_stay_a_course(tmp_path: Path) -> None:
    # "my solutions" over them would say a learner's (session 46, written rule)
    tree = _homework("week_", readme="The course's weekly notebooks, with their solutions.")
    assert committed_kind(tmp_path, tree) == "example"


def _folders(readme: str) -> Tree:
    tree: Tree = {"README.md": readme}
    for folder in ("House prices", "Spam filter/app", "Spam filter/model", "Churn"):
        tree[f"{folder}/main.py"] = FIT
    return tree


def test_a_readme_holding_a_collection_of_projects_is_a_monorepo(tmp_path: Path) -> None:
    readme = "# Projects\n\nThis repository holds a set of small ML projects, one per folder.\n"
    assert committed_kind(tmp_path, _folders(readme)) == "monorepo"


def test_a_readme_describing_one_project_in_folders_is_no_monorepo(tmp_path: Path) -> None:
    readme = "# Price model\n\nThis repository predicts house prices from listings.\n"
    assert committed_kind(tmp_path, _folders(readme)) != "monorepo"


def _package(readme: str) -> Tree:
    """A package published by name, with tests: a library's shape."""
    return {
        "README.md": readme,
        "pyproject.toml": (
            '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
            '[project]\nname = "shelfstore"\nversion = "0.1.0"\n'
            'keywords = ["features"]\ndependencies = ["pandas"]\n'
        ),
        "shelfstore/__init__.py": "",
        "shelfstore/store.py": "def put(frame):\n    return frame\n",
        "tests/test_store.py": "def test_put():\n    assert sum([1, 1]) == 2\n",
    }


def test_a_package_its_readme_calls_a_proof_of_concept_is_an_example(tmp_path: Path) -> None:
    readme = "# Shelfstore\n\n> Note: this package is a proof of concept, not for production.\n"
    assert committed_kind(tmp_path, _package(readme)) == "example"


def test_a_package_its_readme_calls_a_store_is_a_library(tmp_path: Path) -> None:
    readme = "# Shelfstore\n\nThis package is a feature store for tabular teams.\n"
    assert committed_kind(tmp_path, _package(readme)) == "library"


def _levels(opening: str) -> Tree:
    tree: Tree = {"README.md": "# Serving\n\nI serve models with FastAPI and Docker here.\n"}
    for level in ("basic_api", "onnx_api", "jenkins_api"):
        tree[f"{level}/README.md"] = f"{opening}\n\nRun `uvicorn main:app`.\n"
        tree[f"{level}/requirements.txt"] = "fastapi\n"
        tree[f"{level}/main.py"] = API
        tree[f"{level}/Dockerfile"] = IMAGE
    return tree


def test_folders_whose_readmes_are_tutorial_exercises_are_an_example(tmp_path: Path) -> None:
    tree = _levels("This folder is where I practise the serving tutorial.")
    assert committed_kind(tmp_path, tree) == "example"


def test_folders_whose_readmes_describe_services_are_no_course(tmp_path: Path) -> None:
    tree = _levels("This folder serves the scoring model behind an API.")
    assert committed_kind(tmp_path, tree) != "example"


def _starter(opening: str) -> Tree:
    """A package with a setup.py and a training script: a library's or a starter's shape."""
    return {
        "README.md": f"Project Name\n============\n\n{opening}\n",
        "setup.py": "from setuptools import setup\n\nsetup(name='src', packages=['src'])\n",
        "src/__init__.py": "",
        "src/train.py": FIT,
        "requirements.txt": "scikit-learn\n",
    }


def test_a_readme_calling_it_a_starter_pack_for_projects_is_a_template(tmp_path: Path) -> None:
    tree = _starter("This project is a starter pack for road-safety ML projects.")
    assert committed_kind(tmp_path, tree) == "template"


def test_a_readme_calling_it_a_pack_of_models_is_no_template(tmp_path: Path) -> None:
    tree = _starter("This project is a pack of models for road-safety teams.")
    assert committed_kind(tmp_path, tree) != "template"
