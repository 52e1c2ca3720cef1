"""Images and environments (seventeenth corpus round): what a build context holds, which
image both trains and serves, and what is past its end of life."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, found_ids, status_of

SERVICE = "from fastapi import FastAPI\n\napp = FastAPI()\n"


def _copies(copy: str, then: str) -> str:
    return f"FROM python:3.12-slim\nRUN useradd app\nWORKDIR /app\n{copy}\n{then}\nUSER app\n"


# IMG005: a folder copied by its bare name that the checkout lacks is the repository
# taken from its parent folder; a project of a monorepo, a path or a file is not.
def _lessons(copy: str) -> Tree:
    """A course of two lesson projects whose root image copies one of them."""
    tree: Tree = {
        "readme.md": "",
        "requirements.txt": "fastapi==0.115.0\n",
        "Dockerfile": _copies(copy, "RUN pip install -r /app/requirements.txt"),
    }
    for folder in ("lesson1", "lesson2"):
        tree[f"{folder}/requirements.txt"] = "mlflow\n"
        tree[f"{folder}/readme.md"] = "Run `pip install -r requirements.txt`.\n"
        tree[f"{folder}/train.py"] = "def main(model, x, y):\n    model.fit(x, y)\n"
    return tree


def test_a_folder_neither_the_context_nor_the_checkout_holds_is_the_parent(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _lessons("ADD course_project ."))
    (finding,) = audit(tmp_path, "IMG005").findings
    assert (finding.path, finding.line) == ("Dockerfile", 4)
    assert "parent folder" in finding.message


def test_a_project_of_a_monorepo_copied_by_the_root_image_is_in_the_checkout(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _lessons("ADD ./lesson1 /app/"))
    report = audit(tmp_path, "IMG005")
    assert report.kind == "example"  # a course, its lessons audited apart
    assert report.projects
    assert not found_ids(report)


def test_a_file_kept_out_of_git_or_a_path_is_no_parent_folder(tmp_path: Path) -> None:
    for name, copy in (
        ("dotfile", "COPY .env ./"),
        ("extension", "COPY model.pkl ./"),
        ("path", "ADD ./packages/api /app/"),
    ):
        tree = {
            "Dockerfile": _copies(copy, 'CMD ["bash", "./run.sh"]'),
            "run.sh": "uvicorn app:app\n",
            "app.py": SERVICE,
            "data/raw.csv": "a\n1\n",
        }
        build_file_tree(tmp_path / name, tree)
        assert not found_ids(audit(tmp_path / name, "IMG005")), name


# IMG005: a Makefile's `docker build .` builds from the Makefile's folder.
def _service_folder(makefile: str) -> Tree:
    return {
        "app.py": SERVICE,
        "data/raw.csv": "a\n1\n",
        "services/api/Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nUSER 1000\n",
        "services/api/app.py": SERVICE,
        "services/api/Makefile": makefile,
    }


def test_a_makefile_builds_from_its_own_folder(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _service_folder("build:\n\tdocker build -t api .\n"))
    assert status_of(audit(tmp_path, "IMG005"), "IMG005") is Status.PASSED


def test_a_makefile_that_builds_from_the_root_sends_the_root_in(tmp_path: Path) -> None:
    makefile = "build:\n\tdocker build -t api -f Dockerfile ../..\n"
    build_file_tree(tmp_path, _service_folder(makefile))
    (finding,) = audit(tmp_path, "IMG005").findings
    assert finding.path == "services/api/Dockerfile"
    assert "data/" in finding.message


# IMG002: an image that serves and trains itself is reported beside other images.
TRAIN = "def train_model(model, x, y):\n    model.fit(x, y)\n"


BUILD_TRAINS = (
    "FROM python:3.12-slim\nCOPY . .\n"
    'RUN python -c "import model; model.train_model()"\n'
    'EXPOSE 80\nCMD ["uvicorn", "app:app"]\n'
)
SWITCH_TRAINS = (
    "FROM python:3.12-slim\nCOPY . .\nEXPOSE 80\n"
    'CMD if [ "$MODE" = train ]; then python train.py; else uvicorn app:app; fi\n'
)


def _two_images(serving: str) -> Tree:
    return {
        "app.py": SERVICE,
        "model.py": TRAIN,
        "requirements.txt": "fastapi==0.115.0\n",
        "Dockerfile": serving,
        "Dockerfile.local": 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "app:app"]\n',
    }


def test_an_image_that_trains_at_build_and_serves_is_reported_beside_others(
    tmp_path: Path,
) -> None:
    for name, serving in (("build", BUILD_TRAINS), ("switch", SWITCH_TRAINS)):
        build_file_tree(tmp_path / name, _two_images(serving))
        (finding,) = audit(tmp_path / name, "IMG002").findings
        assert (finding.path, finding.line) == ("Dockerfile", 3 if name == "build" else 4), name


def test_images_that_only_serve_beside_a_training_image_pass(tmp_path: Path) -> None:
    tree = {
        **_two_images('FROM python:3.12-slim\nCOPY . .\nEXPOSE 80\nCMD ["uvicorn", "app:app"]\n'),
        "Dockerfile.train": 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "train.py"]\n',
    }
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "IMG002"), "IMG002") is Status.PASSED


# IMG006: the official node images of an ended Node.js major are frozen.
def test_a_node_image_past_its_end_of_support_is_frozen(tmp_path: Path) -> None:
    tree = {"frontend/Dockerfile": "FROM node:13.12.0-alpine\nUSER node\nCMD npm start\n"}
    build_file_tree(tmp_path, tree)
    (finding,) = audit(tmp_path, "IMG006").findings
    assert (finding.path, finding.line) == ("frontend/Dockerfile", 1)
    assert "Node.js 13" in finding.message


def test_a_supported_node_image_is_not_judged(tmp_path: Path) -> None:
    for name, image in (("lts", "node:24-alpine"), ("moving", "node:lts-slim")):
        tree = {"frontend/Dockerfile": f"FROM {image}\nUSER node\nCMD npm start\n"}
        build_file_tree(tmp_path / name, tree)
        assert not found_ids(audit(tmp_path / name, "IMG006")), name


# ENV006: a range that excludes only a Python's first release still allows that Python.
def test_a_range_above_an_ended_python_still_allows_it(tmp_path: Path) -> None:
    for name, spec in (("above", ">3.9, <3.13"), ("patch", ">=3.9.1")):
        pyproject = f'[tool.poetry.dependencies]\npython = "{spec}"\n'
        build_file_tree(tmp_path / name, {"pyproject.toml": pyproject})
        (finding,) = audit(tmp_path / name, "ENV006").findings
        assert "allows 3.9" in finding.message, name


def test_a_range_above_every_ended_python_passes(tmp_path: Path) -> None:
    pyproject = '[tool.poetry.dependencies]\npython = ">3.13, <3.15"\n'
    build_file_tree(tmp_path, {"pyproject.toml": pyproject})
    assert status_of(audit(tmp_path, "ENV006"), "ENV006") is Status.PASSED
