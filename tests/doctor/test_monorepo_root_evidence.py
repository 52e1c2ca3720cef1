"""Session 33's monorepo fixes: what the repository's root keeps (a task runner, a model
card, an image, a model gate) counts for the projects below it; a uv workspace's one
uv.lock holds the hashes of its members' pins (ENV003); the projects of a repository its
README calls a playground are its author's examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Report
from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit

TRAIN = (
    "import joblib\nfrom sklearn.linear_model import LogisticRegression\n\n\n"
    "def main(x, y):\n    model = LogisticRegression().fit(x, y)\n"
    "    joblib.dump(model, 'model.joblib')\n"
)
APP = (
    "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
    "model = joblib.load('model.joblib')\n\n\n"
    "@app.post('/predict')\ndef predict(x: float) -> float:\n"
    "    return float(model.predict([[x]])[0])\n"
)
DEPLOYED = "Its API runs in production."
TEST = "def test_ok():\n    assert sum([1, 1]) == 2\n"


def _two_models(readme: str = "# Models\n\nTwo models of the team.\n") -> Tree:
    """A monorepo of two projects that each train a model of their own and serve it in
    production."""
    tree: Tree = {"README.md": readme}
    for name in ("churn", "vision"):
        tree[f"{name}/pyproject.toml"] = (
            f'[project]\nname = "{name}"\nversion = "1"\ndependencies = ["scikit-learn>=1.5"]\n'
        )
        tree[f"{name}/README.md"] = f"# {name}\n\nRun `pip install -e .`. {DEPLOYED}\n"
        tree[f"{name}/{name}/__init__.py"] = ""
        tree[f"{name}/{name}/train.py"] = TRAIN
        tree[f"{name}/{name}/app.py"] = APP
        tree[f"{name}/tests/test_{name}.py"] = TEST
    return tree


def _reported(tmp_path: Path, tree: Tree, check_id: str) -> set[str | None]:
    """The projects `check_id` is reported in, the tree being a monorepo."""
    build_file_tree(tmp_path, tree)
    report: Report = audit(tmp_path, check_id)
    assert report.projects == ("churn", "vision")
    return {finding.project for finding in report.findings if finding.id == check_id}


# -- the root's own files count for the projects below it ---------------------------------

ROOT_EVIDENCE: dict[str, Tree] = {
    "DOCS003": {"Makefile": "train:\n\tpython churn/churn/train.py\n"},
    "DOCS002": {"docs/model-card.md": "# Model card\n\n## Intended use\n\nChurn scores.\n"},
    "IMG001": {"infra/docker/api/Dockerfile": "FROM python:3.12-slim\nCOPY . /app\n"},
    "TEST002": {
        "scripts/gate.py": (
            "import sys\n\n\ndef gate(auc: float, min_auc: float = 0.8) -> None:\n"
            "    if auc < min_auc:\n        sys.exit(1)\n"
        ),
        ".github/workflows/ci.yml": (
            "on: push\njobs:\n  gate:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n      - run: python scripts/gate.py\n"
        ),
    },
}


@pytest.mark.parametrize("check_id", sorted(ROOT_EVIDENCE))
def test_what_the_root_keeps_counts_for_every_project(tmp_path: Path, check_id: str) -> None:
    assert _reported(tmp_path, {**_two_models(), **ROOT_EVIDENCE[check_id]}, check_id) == set()


@pytest.mark.parametrize("check_id", sorted(ROOT_EVIDENCE))
def test_without_it_at_the_root_each_project_is_reported(tmp_path: Path, check_id: str) -> None:
    assert _reported(tmp_path, _two_models(), check_id) == {"churn", "vision"}


def test_a_tracker_at_the_root_tracks_no_project(tmp_path: Path) -> None:
    # What a project trains on and tracks is its own: a root notebook's tracker is not it.
    tracked = {"notes/explore.py": "import mlflow\n\nmlflow.log_metric('auc', 0.9)\n"}
    assert _reported(tmp_path, {**_two_models(), **tracked}, "EXP001") == {"churn", "vision"}


# -- a uv workspace's lock holds its members' hashes (ENV003) -----------------------------

WORKSPACE_LOCK = "version = 1\nrequires-python = '>=3.12'\n"


def _pinned_members(workspace: str) -> Tree:
    # A workspace whose one lock resolves every folder is one product unless its README
    # calls it a monorepo (kinds._locked_as_one): this one does, so its projects stay apart.
    tree = _two_models("# Models monorepo\n\nTwo models of the team.\n")
    for name in ("churn", "vision"):
        tree[f"{name}/pyproject.toml"] = (
            f'[project]\nname = "{name}"\nversion = "1"\ndependencies = ["scikit-learn==1.5.2"]\n'
        )
    return {**tree, "pyproject.toml": workspace, "uv.lock": WORKSPACE_LOCK}


def test_a_uv_workspace_lock_holds_the_hashes_of_its_members_pins(tmp_path: Path) -> None:
    workspace = '[tool.uv.workspace]\nmembers = ["churn", "vision"]\n'
    assert _reported(tmp_path, _pinned_members(workspace), "ENV003") == set()


def test_the_pins_of_a_project_outside_the_workspace_are_in_no_lock(tmp_path: Path) -> None:
    workspace = '[tool.uv.workspace]\nmembers = ["churn"]\n'
    assert _reported(tmp_path, _pinned_members(workspace), "ENV003") == {"vision"}


# -- a playground's projects are its author's examples ------------------------------------


@pytest.mark.parametrize(
    "readme",
    ["# ml-playground\n\nSmall projects.\n", "# Data science\n\nMy playground for models.\n"],
)
def test_the_projects_of_a_playground_are_examples(tmp_path: Path, readme: str) -> None:
    build_file_tree(tmp_path, _two_models(readme))
    report = audit(tmp_path, "DOCS002", "MON001")
    assert report.kind == "monorepo"
    ids = {(finding.id, finding.project) for finding in report.findings}
    # no lifecycle practice is asked of an example; the service it has is judged
    assert ids == {("MON001", "churn"), ("MON001", "vision")}


@pytest.mark.parametrize(
    "readme",
    [
        "# Models\n\nTwo models of the team.\n",
        "# Kaggle Playground Series\n\nTwo entries.\n",
        "# Models\n\nTwo models; try them in the playground.\n",
    ],
)
def test_the_projects_of_a_monorepo_are_judged_as_products(tmp_path: Path, readme: str) -> None:
    assert _reported(tmp_path, _two_models(readme), "DOCS002") == {"churn", "vision"}
