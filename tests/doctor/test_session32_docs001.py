"""Session 32: DOCS001 reads the setup a README gives or links, one hop away: a page linked
without its extension, the project's hosted manual whose source the repository holds, a
linked folder's pages, a script it runs by its raw address or misspelt; a `sudo` before a
command; and an image build that sets up a tool's server, not the project. A file nothing
links is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.helpers import Tree, status_on

PACKAGE = {"shapes/__init__.py": "", "shapes/area.py": "def area(r):\n    return 3.14 * r * r\n"}
CONDA_PAGE = "Installation\n============\n\n.. code-block:: console\n\n   conda create -n shapes\n"
PROSE_PAGE = "Usage\n=====\n\nCall ``area`` with a radius.\n"


def _docs001(root: Path, tree: Tree) -> Status:
    return status_on(root, {**PACKAGE, **tree}, "DOCS001")


# -- a page linked without its extension ---------------------------------------------------


@pytest.mark.parametrize(("page", "status"), [(CONDA_PAGE, Status.PASSED), (None, Status.FAILED)])
def test_a_link_without_the_extension_reaches_the_page(
    tmp_path: Path, page: str | None, status: Status
) -> None:
    readme = "# Shapes\n\n* Install it as [Installation](docs/guide/installation) says.\n"
    pages = {"docs/guide/installation.rst": page} if page else {"docs/guide/usage.rst": PROSE_PAGE}
    assert _docs001(tmp_path, {"README.md": readme, **pages}) is status


# -- the project's hosted manual ------------------------------------------------------------


@pytest.mark.parametrize(
    ("site", "status"),
    [("shapes.readthedocs.io", Status.PASSED), ("otherlib.readthedocs.io", Status.FAILED)],
)
def test_a_link_to_the_front_page_of_the_own_manual_reads_its_pages(
    tmp_path: Path, site: str, status: Status
) -> None:
    readme = f"Shapes\n======\n\nThe documentation is at https://{site}\n"
    tree = {
        "README.rst": readme,
        "docs/source/index.rst": "Shapes\n======\n\n.. toctree::\n\n   usage\n",
        "docs/source/usage.rst": CONDA_PAGE,
    }
    assert _docs001(tmp_path, tree) is status


@pytest.mark.parametrize(
    ("site_url", "status"),
    [("https://someone.github.io/shapes-lab/", Status.PASSED), ("", Status.FAILED)],
)
def test_a_pages_site_is_the_projects_when_mkdocs_builds_it_there(
    tmp_path: Path, site_url: str, status: Status
) -> None:
    readme = "# Shapes lab\n\nThe manual lives [here](https://someone.github.io/shapes-lab).\n"
    tree = {
        "README.md": readme,
        "mkdocs.yml": f"site_name: shapes lab\nsite_url: {site_url}\n",
        "docs/index.md": "# Shapes lab\n\n```shell\npip install shapes-lab\n```\n",
    }
    assert _docs001(tmp_path, tree) is status


# -- a linked folder's pages -----------------------------------------------------------------

LATEX_GUIDE = (
    "\\chapter{Installation}\n\n\\begin{verbatim}\npip install -r requirements.txt\n"
    "\\end{verbatim}\n"
)


@pytest.mark.parametrize(("guide", "status"), [(LATEX_GUIDE, Status.PASSED), ("", Status.FAILED)])
def test_a_documentation_folder_the_readme_names_is_read(
    tmp_path: Path, guide: str, status: Status
) -> None:
    readme = "# Shapes\n\nThe guides are in the `/Manual` folder.\n"
    tree = {"README.md": readme, "Manual/source/developer/main.tex": guide or "\\chapter{Intro}\n"}
    assert _docs001(tmp_path, tree) is status


@pytest.mark.parametrize(
    ("command", "status"),
    [("docker build -t trainer .", Status.PASSED), ("echo train", Status.FAILED)],
)
def test_the_readme_of_a_project_inside_a_linked_folder_is_read(
    tmp_path: Path, command: str, status: Status
) -> None:
    readme = "# Posts\n\nThe code of the second post: see [production](production/).\n"
    tree = {
        "README.md": readme,
        "production/README.md": "# Production\n\nSee the post.\n",
        "production/job/README.md": f"# Job\n\n```bash\n{command}\n```\n",
        "production/job/Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nCMD python /app/run.py\n",
    }
    assert _docs001(tmp_path, tree) is status


@pytest.mark.parametrize(("linked", "status"), [(True, Status.PASSED), (False, Status.FAILED)])
def test_a_page_nothing_links_is_not_read(tmp_path: Path, linked: bool, status: Status) -> None:
    link = "See [the setup notes](notes/env.md).\n" if linked else "Enjoy.\n"
    tree = {"README.md": f"# Shapes\n\n{link}", "notes/env.md": "# Env\n\n```\nuv sync\n```\n"}
    assert _docs001(tmp_path, tree) is status


# -- a script the README runs ------------------------------------------------------------------

DEPENDENCIES = "#!/bin/bash\nconda env create -f environment.yml\n"


@pytest.mark.parametrize(
    ("named", "status"), [("./dependecies.sh", Status.PASSED), ("./unrelated.sh", Status.FAILED)]
)
def test_a_misspelt_script_is_the_one_closest_in_spelling(
    tmp_path: Path, named: str, status: Status
) -> None:
    readme = f"# Shapes\n\n## Installation\n\n```shell\n{named}\n```\n"
    assert _docs001(tmp_path, {"README.md": readme, "dependencies.sh": DEPENDENCIES}) is status


@pytest.mark.parametrize(
    ("script", "status"),
    [("scripts/quick_install.sh", Status.PASSED), ("scripts/setup_cluster.sh", Status.FAILED)],
)
def test_a_script_run_by_its_raw_address_counts_when_named_for_installing(
    tmp_path: Path, script: str, status: Status
) -> None:
    address = f"https://raw.githubusercontent.com/someone/shapes/main/{script}"
    readme = f"# Shapes template\n\n    bash <(curl -s {address}) --name mine\n"
    body = '#!/bin/bash\ngit clone https://github.com/someone/shapes.git "$1"\n'
    assert _docs001(tmp_path, {"README.md": readme, script: body}) is status


# -- what a line starts with, and what an image sets up ------------------------------------


@pytest.mark.parametrize(
    ("line", "status"),
    [("> sudo docker build -t shapes .", Status.PASSED), ("> sudo docker ps", Status.FAILED)],
)
def test_a_command_after_sudo_is_read(tmp_path: Path, line: str, status: Status) -> None:
    readme = f"# Shapes\n\nCommand lines:\n{line}\n"
    dockerfile = "FROM python:3.12-slim\nCOPY shapes /app/shapes\nCMD python -m shapes\n"
    assert _docs001(tmp_path, {"README.md": readme, "Dockerfile": dockerfile}) is status


@pytest.mark.parametrize(
    ("dockerfile", "status"),
    [
        ("FROM python:3.12-slim\nCOPY shapes /app/shapes\nCMD python -m shapes\n", Status.PASSED),
        (
            'FROM python:3.12-slim\nRUN pip install mlflow\nCMD ["mlflow", "server"]\n',
            Status.FAILED,
        ),
    ],
)
def test_building_a_tools_server_image_sets_up_the_tool_not_the_project(
    tmp_path: Path, dockerfile: str, status: Status
) -> None:
    readme = "# Shapes\n\n```bash\npython main.py --help\ndocker build . -t local\n```\n"
    assert _docs001(tmp_path, {"README.md": readme, "Dockerfile": dockerfile}) is status
