"""Fifteenth-round tuning of SERVE002, MON002, DOCS002 and DOCS003: a root route
documented as the availability check, CloudWatch's embedded metric format, a Lambda
handler that exposes no metrics, a model page written as a card, a check script that
wraps its commands in a function, and dvc stages whose scripts are missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import PACKAGE, PREDICTING_SERVICE, SERVICE, TRAINING
from tests.doctor.helpers import status_on

# A FastAPI app whose root route answers probes; its docstring says what it is for or not.
# It returns the version, not a fixed message: its docstring alone decides.
ROOT_ROUTE = (
    'from fastapi import FastAPI\n\napp = FastAPI()\nVERSION = "1.0"\n\n\n'
    '@app.get("/")\ndef index() -> dict:\n    """{doc}"""\n    return {{"version": VERSION}}\n'
)


@pytest.mark.parametrize(
    ("doc", "status"),
    [
        ("Probe this route to test the availability of the service.", Status.PASSED),
        ("Checks that the API is running.", Status.PASSED),
        ("Landing page with the version.", Status.FAILED),
    ],
)
def test_serve002_takes_a_route_documented_as_the_availability_check(
    tmp_path: Path, doc: str, status: Status
) -> None:
    tree = {**PACKAGE, "src/demo/app.py": ROOT_ROUTE.format(doc=doc)}
    assert status_on(tmp_path, tree, "SERVE002") is status


EMF_LOG = (
    "import json\n\n\ndef emit(name, value):\n    print(json.dumps({\n"
    '        "_aws": {"CloudWatchMetrics": [{"Namespace": "Demo", "Metrics": [{"Name": name}]}]},\n'
    "        name: value,\n    }))\n"
)
PLAIN_LOG = "import json\n\n\ndef emit(name, value):\n    print(json.dumps({name: value}))\n"


@pytest.mark.parametrize(
    ("module", "status"), [(EMF_LOG, Status.PASSED), (PLAIN_LOG, Status.FAILED)]
)
def test_mon002_takes_cloudwatch_embedded_metrics(
    tmp_path: Path, module: str, status: Status
) -> None:
    app = "from demo.metrics import emit\n" + PREDICTING_SERVICE["src/demo/app.py"]
    tree = {**PREDICTING_SERVICE, "src/demo/app.py": app, "src/demo/metrics.py": module}
    assert status_on(tmp_path, tree, "MON002") is status


# A handler that names its prediction: one whose code names no model and only emits
# metrics through a helper that does work would serve none (session 43).
LAMBDA = (
    "from demo.metrics import emit\n\n\n"
    "def lambda_handler(event, context):\n    return {'statusCode': 200, 'body': predict(event)}\n"
)


@pytest.mark.parametrize(
    ("extra", "status"),
    [({}, Status.FAILED), ({"src/demo/metrics.py": EMF_LOG}, Status.PASSED)],
)
def test_mon002_a_lambda_handler_alone_exposes_no_metrics(
    tmp_path: Path, extra: dict[str, str], status: Status
) -> None:
    tree = {**PACKAGE, "src/demo/handler.py": LAMBDA, **extra}
    assert status_on(tmp_path, tree, "MON002") is status


def test_serve002_a_lambda_handler_answers_no_health_check_by_itself(tmp_path: Path) -> None:
    # AWS runs the function but polls nothing: the handler must answer one (session 34)
    tree = {**PACKAGE, "src/demo/handler.py": LAMBDA}
    assert status_on(tmp_path, tree, "SERVE002") is Status.FAILED


CARD_LIKE = (
    "# Toxicity classifier\n\n## Training data\n\ntext\n\n## Training process\n\ntext\n\n"
    "## Evaluation\n\ntext\n"
)
NO_EVALUATION = "# Toxicity classifier\n\n## Training data\n\ntext\n\n## Training process\n"


@pytest.mark.parametrize(
    ("path", "page", "status"),
    [
        ("report/methodology/modelling/model1.md", CARD_LIKE, Status.PASSED),
        ("docs/model.md", NO_EVALUATION, Status.FAILED),
        ("docs/training.md", CARD_LIKE, Status.FAILED),
    ],
)
def test_docs002_takes_a_model_page_written_as_a_card(
    tmp_path: Path, path: str, page: str, status: Status
) -> None:
    tree = {**TRAINING, "README.md": "# Demo\n", path: page}
    assert status_on(tmp_path, tree, "DOCS002") is status


# A check script that runs each step through a function of its own.
WRAPPED_CHECKS = (
    '#!/usr/bin/env bash\nset -eu\n\nrun() {\n  echo "== $1"\n  shift\n  "$@"\n}\n\n'
    'run "unit tests" uv run pytest -q\nrun "lint" uv run ruff check .\n'
)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("scripts/tools/ci_local.sh", Status.PASSED),
        ("scripts/tools/check.sh", Status.PASSED),
        ("scripts/release.sh", Status.FAILED),
    ],
)
def test_docs003_follows_a_check_scripts_own_function(
    tmp_path: Path, path: str, status: Status
) -> None:
    tree = {**PACKAGE, path: WRAPPED_CHECKS}
    assert status_on(tmp_path, tree, "DOCS003") is status


def test_docs003_still_takes_a_nested_script_that_runs_the_tests(tmp_path: Path) -> None:
    script = "#!/bin/sh\npython -m pytest tests\nruff check .\n"
    tree = {**PACKAGE, "scripts/dev/all.sh": script}
    assert status_on(tmp_path, tree, "DOCS003") is Status.PASSED


DVC_STAGES = (
    "stages:\n  prepare:\n    cmd: python src/prepare.py data/raw.csv\n"
    "    deps:\n      - src/prepare.py\n"
    "  train:\n    cmd: python src/train.py --out models\n    deps:\n      - src/train.py\n"
)


@pytest.mark.parametrize(
    ("scripts", "status"),
    [
        ({}, Status.FAILED),
        ({"src/train.py": "print('train')\n"}, Status.PASSED),
    ],
)
def test_docs003_leaves_out_stages_whose_scripts_are_missing(
    tmp_path: Path, scripts: dict[str, str], status: Status
) -> None:
    tree = {**PACKAGE, "dvc.yaml": DVC_STAGES, **scripts}
    assert status_on(tmp_path, tree, "DOCS003") is status


def test_docs003_a_makefile_target_runs_its_script_from_its_folder(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        "service/Makefile": "train:\n\tpython train.py\n",
        "service/train.py": "print('train')\n",
    }
    assert status_on(tmp_path, tree, "DOCS003") is Status.PASSED


@pytest.mark.parametrize(
    ("path", "script", "status"),
    [
        (
            "train_local.sh",
            "#!/bin/bash\nset -e\necho training\npython run_local.py\n",
            Status.PASSED,
        ),
        ("train_local.sh", "#!/bin/bash\necho 'see the README'\n", Status.FAILED),
        ("upload_model.sh", "#!/bin/bash\naws s3 cp model.pkl s3://bucket/\n", Status.FAILED),
        ("deploy/train.sh", "#!/bin/bash\npython run_local.py\n", Status.FAILED),
    ],
)
def test_docs003_takes_a_root_script_named_for_a_common_task(
    tmp_path: Path, path: str, script: str, status: Status
) -> None:
    # Beside another one: a lone script is the project's program (see the sixteenth round).
    tree = {**PACKAGE, "run_api.sh": "#!/bin/bash\nuvicorn demo.app:app\n", path: script}
    assert status_on(tmp_path, tree, "DOCS003") is status


LATENCY_TABLE = (
    "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\n"
    "class Base(DeclarativeBase):\n    pass\n\n\nclass Scored(Base):\n"
    '    __tablename__ = "scored"\n    id: Mapped[int] = mapped_column(primary_key=True)\n'
    "    label: Mapped[str] = mapped_column()\n    latency_ms: Mapped[int] = mapped_column()\n"
)
LATENCY_CHART = (
    "def tail(conn):\n    return conn.execute(\n"
    '        "SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) FROM scored"\n'
    "    ).scalar()\n"
)


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        ({"src/demo/db.py": LATENCY_TABLE, "src/demo/charts.py": LATENCY_CHART}, Status.PASSED),
        ({"src/demo/db.py": LATENCY_TABLE}, Status.FAILED),
        ({"src/demo/charts.py": LATENCY_CHART}, Status.FAILED),
    ],
)
def test_mon002_takes_latency_stored_per_request_and_aggregated(
    tmp_path: Path, extra: dict[str, str], status: Status
) -> None:
    tree = {**SERVICE, **extra}
    assert status_on(tmp_path, tree, "MON002") is status
