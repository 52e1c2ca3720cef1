"""Session 39's IMG005 fixes: a folder holding only placeholders (`data/.gitkeep`) has
nothing to leak; a .dockerignore that keeps every file of data/ out (subfolder by
subfolder, re-including files by name on purpose) keeps data/ out; a service folder's
models/ that its own code loads is the model the image serves."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import Tree, committed_status

DOCKERFILE = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER app\n"
COMPOSE = "services:\n  api:\n    build:\n      context: ./api\n"


def _status(root: Path, tree: Tree) -> str:
    return committed_status(root, tree, "IMG005")


def test_img005_is_silent_on_a_service_folder_whose_models_hold_only_a_placeholder(
    tmp_path: Path,
) -> None:
    tree = {
        "docker-compose.yml": COMPOSE,
        "api/Dockerfile": DOCKERFILE,
        "api/app.py": "print(1)\n",
        "api/models/.gitkeep": "",
    }
    assert _status(tmp_path, tree) == "passed"


def test_img005_fires_on_a_service_folder_whose_data_holds_files(tmp_path: Path) -> None:
    tree = {
        "docker-compose.yml": COMPOSE,
        "api/Dockerfile": DOCKERFILE,
        "api/app.py": "print(1)\n",
        "api/data/rows.csv": "a\n1\n",
    }
    assert _status(tmp_path, tree) == "failed"


def test_img005_is_silent_when_the_ignore_file_keeps_every_data_file_out(
    tmp_path: Path,
) -> None:
    tree = {
        "Dockerfile": DOCKERFILE,
        ".dockerignore": ".git\ndata/raw\ndata/*.parquet\n!data/reference.parquet\n",
        "data/raw/a.csv": "a\n1\n",
        "data/b.parquet": "x",
        "data/reference.parquet": "x",
    }
    assert _status(tmp_path, tree) == "passed"


def test_img005_fires_when_a_data_file_is_left_in(tmp_path: Path) -> None:
    tree = {
        "Dockerfile": DOCKERFILE,
        ".dockerignore": ".git\ndata/raw\n",
        "data/raw/a.csv": "a\n1\n",
        "data/extra.csv": "a\n1\n",
    }
    assert _status(tmp_path, tree) == "failed"


def test_img005_is_silent_on_the_models_a_service_folder_loads(tmp_path: Path) -> None:
    tree = {
        "docker-compose.yml": COMPOSE,
        "api/Dockerfile": DOCKERFILE,
        "api/serve.py": "import joblib\nmodel = joblib.load('models/clf.pkl')\n",
        "api/models/clf.pkl": "x",
    }
    assert _status(tmp_path, tree) == "passed"


def test_img005_fires_on_models_a_service_folder_does_not_load(tmp_path: Path) -> None:
    tree = {
        "docker-compose.yml": COMPOSE,
        "api/Dockerfile": DOCKERFILE,
        "api/serve.py": "print('no model')\n",
        "api/models/clf.pkl": "x",
    }
    assert _status(tmp_path, tree) == "failed"


README_BUILD = "# pkg\n\n```bash\ncd {folder}\ndocker build -t pkg:local .\n```\n"


def test_img005_reads_the_folder_a_readme_cds_into_before_docker_build(tmp_path: Path) -> None:
    tree = {
        "README.md": README_BUILD.format(folder="src/pkg"),
        "src/pkg/Dockerfile": DOCKERFILE,
        "src/pkg/setup.py": "from setuptools import setup\nsetup()\n",
    }
    assert _status(tmp_path, tree) == "passed"


def test_img005_ignores_a_cd_into_a_folder_the_repository_lacks(tmp_path: Path) -> None:
    tree = {
        "README.md": "git clone https://example.com/x.git\n" + README_BUILD.format(folder="x"),
        "Dockerfile": DOCKERFILE,
        "data/rows.csv": "a\n1\n",
    }
    assert _status(tmp_path, tree) == "failed"


def test_img005_is_silent_on_models_an_ignore_file_keeping_git_and_data_out_leaves_in(
    tmp_path: Path,
) -> None:
    tree = {
        "Dockerfile": DOCKERFILE,
        ".dockerignore": ".git\ndata\nnotebooks\n",
        "data/rows.csv": "a\n1\n",
        "models/clf.joblib": "x",
    }
    assert _status(tmp_path, tree) == "passed"


def test_img005_fires_on_models_an_ignore_file_keeping_only_git_out_leaves_in(
    tmp_path: Path,
) -> None:
    tree = {
        "Dockerfile": DOCKERFILE,
        ".dockerignore": ".git\n__pycache__\n",
        "models/clf.joblib": "x",
    }
    assert _status(tmp_path, tree) == "failed"
