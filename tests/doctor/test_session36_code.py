"""Session 36's fixes of the code, test and repository checks: a linter configured in the
folder a project lives in (CODE003), a template's render in CI is its test (TEST001,
CI002)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, TEST
from tests.doctor.helpers import Tree, audit, committed_status, git_commit, status_of

TRAIN = "import pandas as pd\n\n\ndef load(path):\n    return pd.read_csv(path)\n"


def _ci(command: str) -> str:
    return (
        "name: ci\non: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n"
        f"      - uses: actions/checkout@v4\n      - run: {command}\n"
    )


# -- CODE003: a linter configured in the project's own folder -----------------------------

NESTED_PROJECT = {
    "README.md": "# Demand\n\nForecasts demand.\n",
    "pipeline/src/demand/__init__.py": "",
    "pipeline/src/demand/load.py": TRAIN,
}


@pytest.mark.parametrize(
    ("path", "content"),
    [
        (
            "pipeline/pyproject.toml",
            '[project]\nname = "demand"\n\n[tool.ruff.lint]\nselect = ["E"]\n',
        ),
        ("pipeline/tox.ini", "[tox]\nenvlist = py311\n\n[flake8]\nmax-line-length = 100\n"),
        ("pipeline/.flake8", "[flake8]\nmax-line-length = 100\n"),
        (".github/ci/.pylintrc", "[MASTER]\njobs=1\n"),
    ],
)
def test_a_linter_configured_in_the_projects_folder_passes(
    tmp_path: Path, path: str, content: str
) -> None:
    assert committed_status(tmp_path, {**NESTED_PROJECT, path: content}, "CODE003") == "passed"


def test_a_nested_pyproject_without_a_linter_table_fails(tmp_path: Path) -> None:
    tree = {**NESTED_PROJECT, "pipeline/pyproject.toml": '[project]\nname = "demand"\n'}
    assert committed_status(tmp_path, tree, "CODE003") == "failed"


@pytest.mark.parametrize(
    "path", ["third_party/fastlib/pyproject.toml", "node_modules/pkg/pyproject.toml"]
)
def test_a_vendored_projects_linter_is_not_the_repositorys(tmp_path: Path, path: str) -> None:
    tree = {**NESTED_PROJECT, path: "[tool.black]\nline-length = 100\n"}
    assert committed_status(tmp_path, tree, "CODE003") == "failed"


# -- TEST001, CI002: a template is tested by rendering it ----------------------------------

TEMPLATE: Tree = {
    "README.md": "# ML template\n\nA cookiecutter template for ML projects.\n",
    "cookiecutter.json": '{"project_slug": "demo"}\n',
    "{{cookiecutter.project_slug}}/src/demo/__init__.py": "",
    "{{cookiecutter.project_slug}}/src/demo/load.py": TRAIN,
}


@pytest.mark.parametrize(
    "command",
    ["cookiecutter . --no-input -o out project_slug=demo", "copier copy --defaults . out/demo"],
)
def test_a_template_ci_renders_has_a_test(tmp_path: Path, command: str) -> None:
    tree = {**TEMPLATE, ".github/workflows/ci.yml": _ci(command)}
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


def test_a_ci_render_of_the_template_is_ci_running_its_test(tmp_path: Path) -> None:
    tree = {**TEMPLATE, ".github/workflows/ci.yml": _ci("cookiecutter . --no-input -o out")}
    assert committed_status(tmp_path, tree, "CI002") == "passed"


@pytest.mark.parametrize(
    "command",
    [
        "cookiecutter gh:someone/other-template --no-input",
        "cookiecutter . --no-input || true",
        "cookiecutter .",
    ],
)
def test_a_render_of_another_template_or_that_cannot_fail_is_no_test(
    tmp_path: Path, command: str
) -> None:
    tree = {**TEMPLATE, ".github/workflows/ci.yml": _ci(command)}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


def test_a_template_with_tests_still_passes_by_them(tmp_path: Path) -> None:
    assert committed_status(tmp_path, {**TEMPLATE, **TEST, **PACKAGE}, "TEST001") == "passed"


# -- REPO001: Helm templates parsed by other readers; nested pyproject.toml -----------------

HELM_SECRET = (
    "{{- if .Values.envRenderSecret }}\napiVersion: v1\nkind: Secret\nmetadata:\n"
    '  name: {{ include "chart.fullname" . }}-env\ntype: Opaque\n{{- end }}\n'
)
CHART = "apiVersion: v2\nname: demo\nversion: 0.1.0\n"


def _status_in_full_audit(root: Path, tree: Tree, check_id: str) -> str:
    """A check's status when every check runs (other readers parse files first)."""
    build_file_tree(root, tree)
    git_commit(root)
    return str(status_of(audit(root), check_id).value)


def test_a_helm_template_a_reader_parses_is_not_reported(tmp_path: Path) -> None:
    # named as a conda environment file is (`*-env.yaml`): that reader parses it
    tree = {
        **PACKAGE,
        "charts/demo/Chart.yaml": CHART,
        "charts/demo/templates/secret-env.yaml": HELM_SECRET,
    }
    assert _status_in_full_audit(tmp_path, tree, "REPO001") == "passed"


def test_a_broken_manifest_without_templating_is_still_reported(tmp_path: Path) -> None:
    broken = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: [x\n"
    tree = {**PACKAGE, "charts/demo/Chart.yaml": CHART, "k8s/secret-env.yaml": broken}
    assert _status_in_full_audit(tmp_path, tree, "REPO001") == "failed"


TWICE = '[tool.ruff]\nline-length = 100\n\n[project]\nname = "x"\n\n[tool.ruff]\nfix = true\n'


@pytest.mark.parametrize(
    "path", ["pipeline/pyproject.toml", "{{cookiecutter.project_slug}}/pyproject.toml"]
)
def test_a_nested_pyproject_that_is_not_toml_is_reported(tmp_path: Path, path: str) -> None:
    assert committed_status(tmp_path, {**PACKAGE, path: TWICE}, "REPO001") == "failed"


def test_a_rendered_pyproject_with_jinja_is_not_parsed(tmp_path: Path) -> None:
    jinja = TWICE + "{% if cookiecutter.cli %}\n[project.scripts]\n{% endif %}\n"
    tree = {**PACKAGE, "{{cookiecutter.project_slug}}/pyproject.toml": jinja}
    assert committed_status(tmp_path, tree, "REPO001") == "passed"


# -- EXP001: ZenML metadata logged on a run ------------------------------------------------

ZENML_STEP = (
    "from zenml import step{extra}\n\n\n@step\ndef evaluate(model, x, y) -> float:\n"
    "    model.fit(x, y)\n    mae = float(abs(model.predict(x) - y).mean())\n{log}"
    "    return mae\n"
)


def test_zenml_metadata_logged_on_a_run_is_tracking(tmp_path: Path) -> None:
    log = '    log_metadata(metadata={"mae": mae})\n'
    step = ZENML_STEP.format(extra=", log_metadata", log=log)
    tree = {**PACKAGE, "src/demo/train.py": step}
    assert committed_status(tmp_path, tree, "EXP001") == "passed"


def test_a_zenml_step_that_logs_nothing_is_no_tracking(tmp_path: Path) -> None:
    tree = {**PACKAGE, "src/demo/train.py": ZENML_STEP.format(extra="", log="")}
    assert committed_status(tmp_path, tree, "EXP001") == "failed"


# -- SEC001: a notebook's Markdown cells are documentation ---------------------------------


def _notebook(markdown: str) -> str:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [markdown]},
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": [],
            "source": ["import mlflow\n"],
        },
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_a_password_in_a_notebooks_markdown_url_is_a_secret(tmp_path: Path) -> None:
    url = "postgresql://mlflow:Qw7rTz9KpL2mXv4N@tracking-db.c1x2y3.eu-west-1.rds.amazonaws.com/db"
    tree = {
        **PACKAGE,
        "notebooks/tracking.ipynb": _notebook(f"Run `mlflow gc --backend-store-uri {url}`"),
    }
    assert committed_status(tmp_path, tree, "SEC001") == "failed"


def test_a_placeholder_in_a_notebooks_markdown_url_is_none(tmp_path: Path) -> None:
    url = "postgresql://mlflow:{password}@tracking-db.c1x2y3.eu-west-1.rds.amazonaws.com/db"
    tree = {**PACKAGE, "notebooks/tracking.ipynb": _notebook(f"Set `{url}`")}
    assert committed_status(tmp_path, tree, "SEC001") == "passed"


# -- EXP001: a tracker imported only inside a string --------------------------------------

OLD_TRAINING = (
    '''"""\nimport mlflow\n\nwith mlflow.start_run():\n    mlflow.log_metric("acc", 1.0)\n"""\n\n'''
)
TRAINING_NOW = "def main(model, x, y):\n    model.fit(x, y)\n    print(model.score(x, y))\n"


def test_a_tracker_imported_only_in_a_string_tracks_nothing(tmp_path: Path) -> None:
    tree = {**PACKAGE, "src/demo/train.py": OLD_TRAINING + TRAINING_NOW}
    assert committed_status(tmp_path, tree, "EXP001") == "failed"


def test_a_tracker_imported_in_code_tracks(tmp_path: Path) -> None:
    code = "import mlflow\n\n\n" + TRAINING_NOW + "    mlflow.log_metric('acc', 1.0)\n"
    tree = {**PACKAGE, "src/demo/train.py": code}
    assert committed_status(tmp_path, tree, "EXP001") == "passed"
