"""Principles drawn from the out-of-sample rounds 12-15 for DOCS001, DOCS003, MON003 and
SERVE002: setup is whatever builds the environment (any tool, options before a compose
subcommand, a page the README links); a lone program is no task runner; a module's name
is no drift monitoring; a root route that answers a fixed message is a liveness check."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import PACKAGE, SERVICE
from tests.doctor.helpers import status_on

COMPOSE = {"compose.prod.yml": "services:\n  api:\n    build: .\n"}


def _readme(commands: str) -> str:
    return f"# Demo\n\nA model.\n\n```bash\n{commands}\n```\n"


@pytest.mark.parametrize(
    "commands",
    [
        "pipenv install --dev",
        "poetry sync",
        "hatch env create",
        "docker-compose -f compose.prod.yml up -d",
        "docker-compose -d --build",
        "cd infra\nterraform init\nterraform apply -var-file=dev.tfvars",
    ],
)
def test_docs001_takes_a_command_that_builds_the_environment(tmp_path: Path, commands: str) -> None:
    tree = {**COMPOSE, "README.md": _readme(commands)}
    assert status_on(tmp_path, tree, "DOCS001") is Status.PASSED


@pytest.mark.parametrize(
    "commands",
    ["python train.py --epochs 3", "docker-compose -f compose.prod.yml down", "git clone x"],
)
def test_docs001_running_scripts_alone_is_no_setup(tmp_path: Path, commands: str) -> None:
    tree = {**COMPOSE, "README.md": _readme(commands)}
    assert status_on(tmp_path, tree, "DOCS001") is Status.FAILED


LESSONS = "# Workshop\n\n* [Step 1: tracking](step-1-tracking.md)\n* [Step 2](docs/step-2.md#run)\n"


@pytest.mark.parametrize(
    ("page", "status"),
    [
        ("# Step 2\n\nInstall the tools:\n\n```\npip install mlflow\n```\n", Status.PASSED),
        ("# Step 2\n\nOpen the notebook and read along.\n", Status.FAILED),
    ],
)
def test_docs001_follows_a_page_the_readme_links(tmp_path: Path, page: str, status: Status) -> None:
    tree = {"README.md": LESSONS, "step-1-tracking.md": "# Step 1\n", "docs/step-2.md": page}
    assert status_on(tmp_path, tree, "DOCS001") is status


def test_docs001_a_linked_page_outside_the_repository_sets_nothing_up(tmp_path: Path) -> None:
    readme = "# Demo\n\nSee [the guide](https://example.org/steps.md).\n"
    assert status_on(tmp_path, {"README.md": readme}, "DOCS001") is Status.FAILED


RUNS = "#!/bin/bash\nset -e\npython -m demo.{}\n"
PYPROJECT = '[project]\nname = "demo"\nversion = "0.1"\n\n[project.scripts]\n{}\n'


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        ({"deploy.sh": RUNS.format("deploy")}, Status.FAILED),
        ({"deploy.sh": RUNS.format("deploy"), "train.sh": RUNS.format("train")}, Status.PASSED),
        ({"pyproject.toml": PYPROJECT.format('run-pipeline = "demo.cli:main"')}, Status.FAILED),
        (
            {"pyproject.toml": PYPROJECT.format('train = "demo.cli:t"\npredict = "demo.cli:p"')},
            Status.PASSED,
        ),
        (
            {
                "pyproject.toml": PYPROJECT.format('train = "demo.cli:train"'),
                "serve.sh": RUNS.format("serve"),
            },
            Status.PASSED,
        ),
    ],
)
def test_docs003_a_lone_program_is_no_set_of_tasks(
    tmp_path: Path, extra: dict[str, str], status: Status
) -> None:
    tree = {**PACKAGE, **extra}
    assert status_on(tmp_path, tree, "DOCS003") is status


ERROR_RATE = (
    "import pandas as pd\n\n\ndef mape(observed: pd.Series, predicted: pd.Series) -> float:\n"
    "    return float(((observed - predicted).abs() / observed).mean())\n"
)
DRIFT_TEST = (
    "from scipy.stats import ks_2samp\n\n\ndef detect_drift(reference, current):\n"
    "    return ks_2samp(reference, current).pvalue < 0.05\n"
)


@pytest.mark.parametrize(
    ("module", "status"), [(ERROR_RATE, Status.FAILED), (DRIFT_TEST, Status.PASSED)]
)
def test_mon003_a_monitoring_module_must_compute_drift(
    tmp_path: Path, module: str, status: Status
) -> None:
    tree = {**SERVICE, "src/demo/monitoring.py": module}
    assert status_on(tmp_path, tree, "MON003") is status


FLASK = "from flask import Flask, jsonify, render_template\n\napp = Flask(__name__)\n\n\n"


@pytest.mark.parametrize(
    ("route", "status"),
    [
        ('@app.route("/")\ndef index():\n    return "Welcome to the prediction API"\n', "passed"),
        ('@app.get("/")\ndef index():\n    return jsonify({"status": "ok"})\n', "passed"),
        ('@app.route("/")\ndef index():\n    return render_template("form.html")\n', "failed"),
        ('@app.route("/")\ndef index():\n    return jsonify(app.config["NAME"])\n', "failed"),
        ('@app.route("/about")\ndef about():\n    return "A prediction API"\n', "failed"),
    ],
)
def test_serve002_a_root_route_answering_a_fixed_message_is_a_liveness_check(
    tmp_path: Path, route: str, status: str
) -> None:
    tree = {**PACKAGE, "src/demo/app.py": FLASK + route}
    assert status_on(tmp_path, tree, "SERVE002").value == status
