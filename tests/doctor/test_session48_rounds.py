"""Session 48, from rounds 47 and 48 and K27-K28.

Kinds: a README that says it builds one application keeps its folders that application's
parts; a byline under the title makes a blog post's code; READMEs meant to demonstrate,
exploring approaches or "just a showcase", a demo's title over several projects and a
course of one project make examples; work "solved by me while passing a course" is a
learner's monorepo. Checks: a README of data, results and limitations sections is a model
card (DOCS002); modules a test puts on `sys.path` are imported code (CODE001); a Cloud
Build trigger a README tells its reader to create declares none (CI001); a key header over
no key material is a placeholder and an example env file's issued key a leak (SEC001);
`requirements-app.txt` is the app's own set (ENV004); a pydantic `BaseModel` names no
model of a service's (SERVE002 and the service checks); a poetry.lock with empty file
lists records no hashes (ENV003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import API, FIT
from tests.doctor.helpers import Tree, committed_kind, committed_status

# -- kinds: a README that says it builds one application over its folders -------------------


def _segmentation(opening: str) -> Tree:
    """A pipeline and a GUI, each folder with its README and pinned requirements, under a
    README that opens with `opening`."""
    tree: Tree = {"README.md": f"# Project Ra\n{opening}\n"}
    for folder, code in (("Ipy", FIT), ("Bastet", FIT), ("EyeOfRa", API)):
        tree[f"{folder}/README.md"] = f"# {folder}\n\nInstall with pip.\n"
        tree[f"{folder}/requirements.txt"] = "scikit-learn==1.5.2\n"
        tree[f"{folder}/main.py"] = code
    return tree


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "Project Ra is focused on trying to build an application that can annotate "
            "electron microscopy images based on user input.",
            "application",
        ),
        ("Electron microscopy experiments, one folder each.", "monorepo"),
    ],
    ids=["one-application", "folders"],
)
def test_a_readme_that_builds_one_application_makes_its_folders_parts(
    tmp_path: Path, opening: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _segmentation(opening)) == kind


def _post(byline: str) -> Tree:
    """A Flask service deployed to Cloud Run, whose README has `byline` under its title."""
    readme = (
        f"# Machine Learning deployment pipeline on Cloud Run\n{byline}\n\n"
        "Deploy a regression model on Cloud Run, built on every push.\n"
    )
    return {
        "README.md": readme,
        "app.py": API,
        "train.py": FIT,
        "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nCMD python app.py\n",
    }


@pytest.mark.parametrize(
    ("byline", "kind"),
    [
        ("_Joao Araujo, May 04, 2020_", "example"),
        ("*By Jane Doe - 2021-03-04*", "example"),
        ("Last Updated - May 4, 2020", "application"),
    ],
    ids=["written-date", "iso-date", "update-note"],
)
def test_a_byline_under_the_title_makes_a_readme_a_blog_post(
    tmp_path: Path, byline: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _post(byline)) == kind


def _churn_service(opening: str) -> Tree:
    """A churn model trained and served from one image, under a README that opens with
    `opening`."""
    return {
        "README.md": f"# e2e-mlops\n\n{opening}\n\n## Setup\n\npip install -r requirements.txt\n",
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
        "app.py": API,
        "train.py": FIT,
        "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nCMD python app.py\n",
    }


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("This repo is intended to demonstrate an end-to-end MLOps workflow.", "example"),
        ("This project is designed to showcase the integration of MLflow and Prefect.", "example"),
        ("This repository explores the different approaches to serve a model.", "example"),
        ("This repository is just a showcase of a machine learning pipeline.", "example"),
        (
            "The goals of this repo are:\n* To provide a minimal example to showcase pants.",
            "example",
        ),
        ("This project is designed to showcase production-minded ML engineering.", "application"),
        ("This service scores churn risk for the retention team.", "application"),
    ],
    ids=[
        "intended",
        "integration",
        "explores",
        "just-a-showcase",
        "to-showcase",
        "portfolio",
        "product",
    ],
)
def test_a_readme_meant_to_demonstrate_makes_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _churn_service(opening)) == kind


def _talk_demo(title: str) -> Tree:
    """A model folder and a toolkit folder, each its own Poetry project, under a README
    titled `title`."""
    tree: Tree = {"README.md": f"# {title}\n\nTrains a wine model and registers it.\n"}
    for folder, code in (("model", FIT), ("toolkit", API)):
        tree[f"{folder}/pyproject.toml"] = (
            f'[tool.poetry]\nname = "{folder}"\nversion = "0.1.0"\ndescription = ""\n'
            'authors = ["A <a@b.c>"]\n'
        )
        tree[f"{folder}/main.py"] = code
    return tree


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Demo for the talk: Model Registry is not just for pickles", "example"),
        ("Wine quality platform", "application"),  # a model and the service using it
    ],
    ids=["demo-title", "plain-title"],
)
def test_a_title_naming_a_demo_makes_its_projects_one_example(
    tmp_path: Path, title: str, kind: str
) -> None:
    assert committed_kind(tmp_path, _talk_demo(title)) == kind


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("Tasks and projects solved by me while passing a Machine Learning course.", "monorepo"),
        ("Tasks and projects of a Machine Learning course, one folder per lesson.", "example"),
    ],
    ids=["solved-by-me", "course-material"],
)
def test_work_solved_by_a_learner_along_a_course_is_their_monorepo(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree: Tree = {"README.md": f"# Machine Learning Engineer Course\n\n{opening}\n"}
    for lesson, code in (("01_ml", FIT), ("02_serving", API), ("03_mlops", FIT)):
        tree[f"{lesson}/project/requirements.txt"] = "scikit-learn==1.5.2\n"
        tree[f"{lesson}/project/README.md"] = f"# {lesson}\n\nRun it with python.\n"
        tree[f"{lesson}/project/main.py"] = code
    assert committed_kind(tmp_path, tree) == kind


def test_a_course_of_one_project_is_a_course(tmp_path: Path) -> None:
    tree: Tree = {
        "README.md": (
            "# MLOps Course\n\nThis repository contains a series of hands-on projects "
            "designed to help DevOps engineers understand the fundamentals of MLOps.\n\n"
            "## Lessons\n\nEach module teaches one step: ingestion, training, serving.\n"
        ),
        "animal-classifier/requirements.txt": "scikit-learn==1.5.2\n",
        "animal-classifier/README.md": "# Animal classifier\n",
        "animal-classifier/src/model_pipeline/01-training.py": FIT,
    }
    assert committed_kind(tmp_path, tree) == "example"


# -- DOCS002: a card in all but name ---------------------------------------------------------


def _triage_readme(limits: str) -> Tree:
    """A ticket-triage service whose README reports its results and its data, and has the
    section `limits` (a heading and its text, or nothing)."""
    readme = (
        "# Ticket triage\n\nPredicts the queue of a support ticket from its text.\n\n"
        "## Results\n\n| Task | Macro F1 |\n| --- | --- |\n| Queue | 0.68 |\n\n"
        "Queue macro F1: English `0.78`, German `0.53`.\n\n"
        f"{limits}"
        "## License And Data\n\nThe public multilingual tickets dataset, CC BY-NC 4.0.\n"
    )
    return {"README.md": readme, "app.py": API, "train.py": FIT}


@pytest.mark.parametrize(
    ("limits", "status"),
    [
        ("## Limitations\n\n- German tickets score far lower than English ones.\n\n", "passed"),
        ("", "failed"),
    ],
    ids=["limitations-section", "no-limits"],
)
def test_results_data_and_limitations_sections_make_a_readme_a_card(
    tmp_path: Path, limits: str, status: str
) -> None:
    assert committed_status(tmp_path, _triage_readme(limits), "DOCS002") == status


# -- CODE001: folders a test puts on sys.path -------------------------------------------------

_PATH_TEST = (
    "import sys\nfrom pathlib import Path\n\nROOT = Path(__file__).resolve().parent.parent\n"
    'sys.path.insert(0, str(ROOT / "ml-pipeline" / "training"))\n\n\n'
    "def test_train():\n    from {module} import train\n\n    assert train() is not None\n"
)


@pytest.mark.parametrize(
    ("module", "status"), [("train", "passed"), ("elsewhere", "failed")], ids=["own", "other"]
)
def test_a_module_a_test_puts_on_sys_path_is_imported_code(
    tmp_path: Path, module: str, status: str
) -> None:
    tree: Tree = {
        "ml-pipeline/training/train.py": FIT,
        "ml-pipeline/pipeline.py": "print('pipeline')\n",
        "tests/test_train.py": _PATH_TEST.format(module=module),
    }
    assert committed_status(tmp_path, tree, "CODE001") == status


# -- SEC001: a key's header over no key material; issued keys in an example env file --------

_CHART_VALUES = (
    "database:\n  sslKey:\n    # value: |\n    #   -----BEGIN PRIVATE KEY-----\n"
    "    #   {body}\n    #   -----END PRIVATE KEY-----\n"
)
_KEY_LINE = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"


@pytest.mark.parametrize(
    ("body", "status"), [("...", "passed"), (_KEY_LINE, "failed")], ids=["dots", "base64"]
)
def test_a_private_key_header_over_no_key_material_is_a_placeholder(
    tmp_path: Path, body: str, status: str
) -> None:
    tree: Tree = {"chart/values.yaml": _CHART_VALUES.format(body=body), "train.py": FIT}
    assert committed_status(tmp_path, tree, "SEC001") == status


@pytest.mark.parametrize(
    ("secret", "status"),
    [("SyefC39fqdUZ0z0Tx7WujIWZRssJSLfkk0M4otyCohEvdzXnww", "failed"), ("change-me", "passed")],
    ids=["issued", "placeholder"],
)
def test_an_example_env_file_holding_an_issued_key_leaks_it(
    tmp_path: Path, secret: str, status: str
) -> None:
    env = f'CLEARML_API_HOST="https://api.clear.ml"\nCLEARML_API_SECRET_KEY="{secret}"\n'
    tree: Tree = {"docker/example.env": env, "train.py": FIT}
    assert committed_status(tmp_path, tree, "SEC001") == status


# -- ENV004: the app's own requirements file ---------------------------------------------------

_TRAIN_WITH_MLFLOW = "import mlflow\n" + FIT


@pytest.mark.parametrize(
    ("app_set", "status"), [("requirements-app.txt", "passed"), ("requirements.txt", "failed")]
)
def test_an_image_installing_the_app_s_requirements_keeps_serving_apart(
    tmp_path: Path, app_set: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "mlflow==2.20.3\nfastapi==0.115.0\nscikit-learn==1.5.2\n",
        "app.py": API,
        "train.py": _TRAIN_WITH_MLFLOW,
        "Dockerfile": (
            f"FROM python:3.12-slim\nCOPY {app_set} ./\nRUN pip install -r {app_set}\n"
            'COPY . .\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n'
        ),
    }
    tree.setdefault(app_set, "fastapi==0.115.0\nscikit-learn==1.5.2\n")  # the app's own set
    assert committed_status(tmp_path, tree, "ENV004") == status


# -- a FastAPI app's pydantic schemas name no model ----------------------------------------------

_GEOCODER = (
    "from fastapi import FastAPI\nfrom pydantic import BaseModel\n\nfrom geo import lookup\n\n"
    "app = FastAPI()\n\n\nclass Address(BaseModel):\n    text: str\n\n\n"
    "@app.post('/geocode', response_model=dict)\ndef geocode(address: Address) -> dict:\n"
    "    return {{'point': {call}}}\n"
)


@pytest.mark.parametrize(
    ("call", "status"),
    [("lookup(address.text)", "not-applicable"), ("model.predict([address.text])", "failed")],
    ids=["geocoder", "model"],
)
def test_a_service_whose_only_model_is_a_schema_serves_none(
    tmp_path: Path, call: str, status: str
) -> None:
    tree: Tree = {
        "app.py": _GEOCODER.format(call=call),
        "geo.py": "def lookup(text):\n    return text.split(',')\n",
        "requirements.txt": "fastapi==0.115.0\n",
    }
    assert committed_status(tmp_path, tree, "SERVE002") == status


# -- ENV003: a poetry.lock with empty file lists records no hashes --------------------------------

_POETRY_LOCK = (
    '[[package]]\nname = "anyio"\nversion = "4.4.0"\n\n'
    '[[package]]\nname = "fastapi"\nversion = "0.115.0"\n\n'
    '[metadata]\nlock-version = "1.1"\npython-versions = "^3.11"\ncontent-hash = "abc"\n\n'
    "[metadata.files]\nanyio = {files}\nfastapi = {files}\n"
)


@pytest.mark.parametrize(
    ("files", "status"),
    [("[]", "failed"), ('[\n    {file = "a-1.0.whl", hash = "sha256:abc"},\n]', "passed")],
    ids=["empty", "hashed"],
)
def test_a_poetry_lock_with_empty_file_lists_records_no_hashes(
    tmp_path: Path, files: str, status: str
) -> None:
    tree: Tree = {
        "pyproject.toml": (
            '[tool.poetry]\nname = "svc"\nversion = "0.1.0"\ndescription = ""\n'
            'authors = ["A <a@b.c>"]\n[tool.poetry.dependencies]\npython = "^3.11"\n'
            'fastapi = "^0.115"\n'
        ),
        "poetry.lock": _POETRY_LOCK.format(files=files),
        "app.py": API,
        "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nRUN pip install poetry && poetry install\n",
    }
    assert committed_status(tmp_path, tree, "ENV003") == status
