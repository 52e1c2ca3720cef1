"""Kinds as a labeller reads them (session 32): a README saying "this example is a
tutorial" is an example; a section heading of usage ("## Example Response") makes no
example of a product's services; a README titled a monorepo holds the projects of its
folder of projects, whether or not each declares its own dependencies."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import API, FIT, notebook
from tests.doctor.helpers import Tree, committed_kind


def _service(readme: str) -> Tree:
    """A training script and the FastAPI service that serves its model, under `readme`."""
    return {
        "README.md": readme,
        "requirements.txt": "fastapi==0.110.0\nscikit-learn==1.4.0\n",
        "train.py": FIT,
        "serve.py": API,
    }


def test_a_readme_calling_this_example_a_tutorial_is_an_example(tmp_path: Path) -> None:
    readme = "# churn\n\nThis example is an end-to-end Acme tutorial on AWS.\n"
    assert committed_kind(tmp_path, _service(readme)) == "example"


def test_a_readme_calling_a_service_for_tutorials_no_tutorial_is_an_application(
    tmp_path: Path,
) -> None:
    readme = "# churn\n\nThis service is an end-to-end churn scorer for tutorials.\n"
    assert committed_kind(tmp_path, _service(readme)) == "application"


def _services(readme: str) -> Tree:
    """Two service folders, each training and serving a model of its own."""
    tree: Tree = {"README.md": readme}
    for folder in ("detector", "tracker"):
        tree[f"{folder}/requirements.txt"] = "fastapi==0.110.0\nscikit-learn==1.4.0\n"
        tree[f"{folder}/train.py"] = FIT
        tree[f"{folder}/main.py"] = API
    return tree


def test_an_example_response_section_makes_no_example(tmp_path: Path) -> None:
    readme = (
        "# Shop watch\n\nTwo services detect shoplifting in videos.\n\n"
        '## Example Response\n\n```json\n{"detected": true}\n```\n'
    )
    assert committed_kind(tmp_path, _services(readme)) == "application"


def test_a_readme_saying_example_in_its_prose_is_one_example(tmp_path: Path) -> None:
    readme = "# Shop watch\n\nAn example: two services detect shoplifting.\n"
    assert committed_kind(tmp_path, _services(readme)) == "example"


def _competitions(title: str) -> Tree:
    """A shared experiment package (subpackages, no top __init__.py) and a folder of
    competition folders of scripts and notebooks, all installed by the root's Poetry."""
    return {
        "README.md": f"# {title}\n\n`poetry install`\n",
        "pyproject.toml": '[tool.poetry]\nname = "kit"\nversion = "0.1.0"\n',
        "kit/models/__init__.py": "",
        "kit/models/gbm.py": FIT,
        "kit/features/__init__.py": "",
        "kit/features/make.py": "def make(df):\n    return df\n",
        "projects/house/process.py": "import kit\n",
        "projects/house/eda.ipynb": notebook("import pandas"),
        "projects/airbnb/run.py": "import kit\n",
        "projects/airbnb/main.ipynb": notebook("import pandas"),
    }


def test_a_readme_titled_a_monorepo_holds_its_project_folders(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _competitions("ds-monorepo")) == "monorepo"


def test_project_folders_under_another_title_make_no_monorepo(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _competitions("ds-kit")) != "monorepo"
