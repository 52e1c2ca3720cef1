"""Kinds read from what round 17 misread: a README whose title section links its paper
presents the code of that paper, whatever viewer or setup.py it also has."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import FIT
from tests.doctor.helpers import Tree, committed_kind

# A paper's code: it trains, installs itself with a bare setup.py, and has a FastAPI
# viewer of its training runs.
PAPER_CODE: Tree = {
    "setup.py": "from setuptools import setup, find_packages\n\nsetup(name='fires')\n",
    "fires/run_train.py": FIT,
    "fires/vis/server.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
    "notebooks/plots.ipynb": "{}",
}


def _readme(top: str) -> Tree:
    install = "## Installation\n\n```\npip install -e .\n```\n"
    return {**PAPER_CODE, "README.md": f"{top}\n{install}"}


def test_a_readme_that_opens_with_its_arxiv_paper_is_research_code(tmp_path: Path) -> None:
    top = "## Links\n* [Arxiv Paper](https://arxiv.org/abs/2503.08580)\n* [Dataset](x)\n"
    assert committed_kind(tmp_path, _readme(top)) == "example"


def test_a_paper_cited_below_what_the_service_does_makes_no_research(tmp_path: Path) -> None:
    top = (
        "# Fire watch\n\nA service that maps active fires.\n\n## Installation\n\n"
        "Run it.\n\n## References\n\nThe model follows https://arxiv.org/abs/2503.08580.\n"
    )
    assert committed_kind(tmp_path, {**PAPER_CODE, "README.md": top}) == "application"
