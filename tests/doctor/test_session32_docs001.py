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


@pytest.mark.parametrize(
    ("target", "status"),
    [("docs/guide/installation", Status.PASSED), ("docs/guide/installation.md", Status.FAILED)],
)
def test_a_link_without_the_extension_reaches_the_page(
    tmp_path: Path, target: str, status: Status
) -> None:
    readme = f"# Shapes\n\n* Install it as [Installation]({target}) says.\n"
    pages = {"docs/guide/installation.rst": CONDA_PAGE, "docs/guide/usage.rst": PROSE_PAGE}
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
@pytest.mark.parametrize("page", ["", "/install/#with-pip", "/install/?tab=pip"])
def test_a_pages_site_is_the_projects_when_mkdocs_builds_it_there(
    tmp_path: Path, site_url: str, status: Status, page: str
) -> None:
    readme = (
        f"# Shapes lab\n\nThe manual lives [here](https://someone.github.io/shapes-lab{page}).\n"
    )
    tree = {
        "README.md": readme,
        "mkdocs.yml": f"site_name: shapes lab\nsite_url: {site_url}\nnav:\n  - install.md\n",
        "docs/index.md": "# Shapes lab\n\nSee the install page.\n",
        "docs/install.md": "# Steps\n\n```shell\npip install shapes-lab\n```\n",
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
    readme = "# Shapes\n\nThe guides are in the `/Documentation` folder.\n"
    tree = {
        "README.md": readme,
        "Documentation/source/developer/main.tex": guide or "\\chapter{Intro}\n",
        "requirements.txt": "numpy\n",
    }
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


# -- what a link leads to, and what it does not (review of the link-following) ------------

UNOPENABLE = (
    "http://[your-server-ip]:5000",
    "http://[::1]:8000/docs",
    "http://localhost\uff1a8501",  # a full-width colon after the host
    "https://example.com\uff1f",  # a full-width question mark
)
SETUP_NOTES = {"notes/env.md": "# Env\n\n```\nuv sync\n```\n"}


@pytest.mark.parametrize("address", UNOPENABLE)
@pytest.mark.parametrize(("linked", "status"), [(True, Status.PASSED), (False, Status.FAILED)])
def test_an_address_no_browser_opens_leads_nowhere(
    tmp_path: Path, address: str, linked: bool, status: Status
) -> None:
    notes = "See [the setup notes](notes/env.md).\n" if linked else ""
    readme = f"# Shapes\n\nOpen [the app]({address}) or {address} once it runs.\n{notes}"
    assert _docs001(tmp_path, {"README.md": readme, **SETUP_NOTES}) is status


@pytest.mark.parametrize(
    ("folder", "status"),
    [("guide", Status.PASSED), ("guide-old", Status.FAILED), ("guide_v2", Status.FAILED)],
)
def test_a_linked_folder_gives_its_own_pages_not_a_neighbours(
    tmp_path: Path, folder: str, status: Status
) -> None:
    tree = {
        "README.md": "# Shapes\n\nRead [the guide](guide/).\n",
        "guide/README.md": "# Guide\n\nThe pages below.\n",
        f"{folder}/environment-notes.md": "# Notes\n\n```\nuv sync\n```\n",
    }
    assert _docs001(tmp_path, tree) is status


@pytest.mark.parametrize(
    ("named", "status"),
    [("scripts/instal_deps.sh", Status.PASSED), ("tools/instal_deps.sh", Status.FAILED)],
)
def test_a_misspelt_script_is_looked_for_in_the_folder_named(
    tmp_path: Path, named: str, status: Status
) -> None:
    readme = f"# Shapes\n\n```shell\nbash {named}\n```\n"
    tree = {"README.md": readme, "scripts/install_deps.sh": DEPENDENCIES, "tools/run.sh": "ls\n"}
    assert _docs001(tmp_path, tree) is status


PROSE_INSTALL = "# Install\n\nAsk the maintainers for access to the cluster.\n"
PIP_INSTALL = "# Install\n\n```\npip install -e .\n```\n"


@pytest.mark.parametrize(
    ("repository", "page", "status"),
    [
        ("someone/shapes", PROSE_INSTALL, Status.PASSED),
        ("otherlab/detector", PROSE_INSTALL, Status.FAILED),
        ("otherlab/detector", PIP_INSTALL, Status.PASSED),
    ],
)
def test_a_setup_page_by_its_forge_address_counts_by_name_in_this_repository_only(
    tmp_path: Path, repository: str, page: str, status: Status
) -> None:
    address = f"https://github.com/{repository}/blob/main/INSTALL.md"
    readme = f"# Shapes\n\nInstall it as [the guide]({address}) says.\n"
    assert _docs001(tmp_path, {"README.md": readme, "INSTALL.md": page}) is status


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("https://shapes.readthedocs.io/en/latest/installation/", Status.PASSED),
        ("https://otherlib.readthedocs.io/en/latest/installation/", Status.FAILED),
        ("https://docs.astral.sh/uv/getting-started/installation/", Status.FAILED),
    ],
)
def test_a_hosted_page_is_looked_up_on_the_projects_own_site_only(
    tmp_path: Path, address: str, status: Status
) -> None:
    readme = f"# Shapes\n\nInstall uv first: {address}\n"
    assert _docs001(tmp_path, {"README.md": readme, "docs/installation.md": PIP_INSTALL}) is status


MODEL_CARD = "# all-MiniLM\n\n```\npip install -U sentence-transformers\n```\n"


@pytest.mark.parametrize(
    ("beside", "status"),
    [({"requirements.txt": "fastapi\n"}, Status.PASSED), ({"config.json": "{}\n"}, Status.FAILED)],
)
def test_a_folder_named_in_a_code_span_gives_the_readmes_of_its_projects(
    tmp_path: Path, beside: dict[str, str], status: Status
) -> None:
    tree = {
        "README.md": "# Shapes\n\nThe model is saved in `models/`.\n",
        "models/minilm/README.md": MODEL_CARD,
        **{f"models/minilm/{name}": body for name, body in beside.items()},
    }
    assert _docs001(tmp_path, tree) is status


@pytest.mark.parametrize(
    ("mention", "status"),
    [("[the models](models/)", Status.PASSED), ("`models/`", Status.FAILED)],
)
def test_only_a_linked_folder_gives_every_page_below_it(
    tmp_path: Path, mention: str, status: Status
) -> None:
    tree = {
        "README.md": f"# Shapes\n\nThe models are in {mention}.\n",
        "models/training-notes.md": "# Notes\n\n```\nconda env create -f env.yml\n```\n",
        "models/env.yml": "name: shapes\n",
    }
    assert _docs001(tmp_path, tree) is status


@pytest.mark.parametrize(
    ("page", "status"),
    [
        ("web/guide/setup-notes.md", Status.PASSED),
        ("web/node_modules/pad/README.md", Status.FAILED),
    ],
)
def test_a_linked_folder_gives_no_page_of_a_third_party_tree(
    tmp_path: Path, page: str, status: Status
) -> None:
    tree = {"README.md": "# Shapes\n\nThe app is in [web](web/).\n", page: MODEL_CARD}
    assert _docs001(tmp_path, tree) is status


@pytest.mark.parametrize(("linked", "status"), [(True, Status.PASSED), (False, Status.FAILED)])
def test_a_long_line_of_unclosed_anchors_is_read_in_time(
    tmp_path: Path, linked: bool, status: Status
) -> None:
    anchor = '<a href="notes/env.md">the setup notes</a>\n' if linked else ""
    readme = f"# Shapes\n\n{'<a ' * 20_000}\n\nSee {anchor}"
    assert _docs001(tmp_path, {"README.md": readme, **SETUP_NOTES}) is status
