"""What the tenth corpus round's repositories write that the doctor misread: a
multi-document Kubernetes manifest CI applies, a prediction row added to an ORM session, a
unittest threshold held in a variable, serving requirements named for Lambda or copied by a
Dockerfile kept in a `dockerfiles/` folder, IPython's `_ = !pip install`, and Jenkins test
stages that only echo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE, TRAINING
from tests.doctor.helpers import Tree, audit, found_ids, git_commit, status_of


def _status(root: Path, tree: Tree, check_id: str) -> Status:
    build_file_tree(root, tree)
    git_commit(root)
    return status_of(audit(root, check_id), check_id)


# REPO001: a multi-document manifest applied by CI is valid YAML, not "another document".
MANIFEST = (
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n---\n"
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n"
    "  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1\n"
)
DEPLOY = "deploy:\n  script:\n    - kubectl apply -f k8s/all-services.yml\n"


def test_a_multi_document_manifest_ci_applies_is_valid_yaml(tmp_path: Path) -> None:
    tree = {**TRAINING, ".gitlab-ci.yml": DEPLOY, "k8s/all-services.yml": MANIFEST}
    build_file_tree(tmp_path, tree)
    assert "REPO001" not in found_ids(audit(tmp_path))


def test_a_broken_manifest_ci_applies_is_still_reported(tmp_path: Path) -> None:
    broken = MANIFEST.replace("name: api\n---", "name: [api\n---")
    tree = {**TRAINING, ".gitlab-ci.yml": DEPLOY, "k8s/all-services.yml": broken}
    build_file_tree(tmp_path, tree)
    findings = [f for f in audit(tmp_path).findings if f.id == "REPO001"]
    assert [f.path for f in findings] == ["k8s/all-services.yml"]


def test_a_job_spec_in_a_later_document_is_followed(tmp_path: Path) -> None:
    spec = "kind: Namespace\n---\nkind: Job\nentrypoint: pytest tests\n"
    tree = {
        **TRAINING,
        "tests/test_basic.py": "def test_ok():\n    assert sum([1, 1]) == 2\n",
        ".gitlab-ci.yml": "test:\n  script:\n    - anyscale jobs submit job.yaml\n",
        "job.yaml": spec,
    }
    assert _status(tmp_path, tree, "CI002") is Status.PASSED


# MON001: a session's `add` of a prediction row writes a record; `add` alone is generic.
ORM_SERVICE = """from fastapi import FastAPI
from sqlmodel import Session

from demo.models import PredictionRow

app = FastAPI()


@app.post("/predict")
def predict(features: dict, session: Session) -> dict:
    prediction = model.predict([features])[0]
    {store}
    session.commit()
    return {{"prediction": prediction}}
"""


@pytest.mark.parametrize(
    ("store", "logged"),
    [
        ("session.add(PredictionRow(features=features, output=prediction))", True),
        ("db.add(PredictionRow(output=prediction))", True),
        (
            "new_prediction = PredictionRow(output=prediction)\n    session.add(new_prediction)",
            True,
        ),
        ("seen = set()\n    seen.add(prediction)", False),
        ("session.add(features)", False),
    ],
)
def test_a_prediction_row_added_to_a_session_logs_predictions(
    tmp_path: Path, store: str, logged: bool
) -> None:
    app = ORM_SERVICE.format(store=store)
    build_file_tree(tmp_path, {**SERVICE, "src/demo/app.py": app})
    assert ("MON001" not in found_ids(audit(tmp_path, "SERVE001", "MON001"))) is logged


# TEST002: a unittest threshold held in a variable is a quality gate.
MODEL_TEST = """import unittest


class TestModel(unittest.TestCase):
    def test_performance(self):
        accuracy_new = evaluate()
        expected_accuracy = {bound}
        self.assertGreaterEqual(accuracy_new, expected_accuracy)
"""


@pytest.mark.parametrize(("bound", "gated"), [("0.8", True), ("0", False), ("load()", False)])
def test_a_threshold_held_in_a_variable_gates_the_model(
    tmp_path: Path, bound: str, gated: bool
) -> None:
    tree = {**TRAINING, "tests/test_model.py": MODEL_TEST.format(bound=bound)}
    expected = Status.PASSED if gated else Status.FAILED
    assert _status(tmp_path, tree, "TEST002") is expected


SCORE_TEST = """\
def test_model_accuracy(trained_model, data):
    X, y = data
    score = {metric}
    assert score > 0.65
"""


@pytest.mark.parametrize(
    ("metric", "gated"),
    [
        ("trained_model.score(X, y)", True),  # sklearn's score: accuracy or R2
        ("accuracy_score(y, trained_model.predict(X))", True),
        ("len(trained_model.classes_)", False),  # a count, not a metric
    ],
)
def test_a_metric_held_in_a_name_is_ordered_against_its_bound(
    tmp_path: Path, metric: str, gated: bool
) -> None:
    tree = {**TRAINING, "tests/test_model.py": SCORE_TEST.format(metric=metric)}
    expected = Status.PASSED if gated else Status.FAILED
    assert _status(tmp_path, tree, "TEST002") is expected


# ENV004: a set named for the serving platform; a `dockerfiles/` image copying `../src/...`.
API_APP = "from fastapi import FastAPI\n\napp = FastAPI()\n"
TRAIN_SET = {**TRAINING, "requirements.txt": "scikit-learn==1.5.2\nmlflow==2.16.0\n"}
LAMBDA_IMAGE = (
    "FROM public.ecr.aws/lambda/python:3.12\nCOPY {name} .\nRUN pip install -r {name}\n"
    'COPY app.py .\nEXPOSE 8080\nCMD ["app.handler"]\n'
)


@pytest.mark.parametrize(
    ("name", "split"),
    [
        ("lambda_requirements.txt", True),
        ("requirements-lambda.txt", True),
        ("requirements-base.txt", False),
    ],
)
def test_serving_requirements_named_for_lambda_are_the_serving_set(
    tmp_path: Path, name: str, split: bool
) -> None:
    tree = {
        **TRAIN_SET,
        "app.py": API_APP,
        "Dockerfile": LAMBDA_IMAGE.format(name=name),
        name: "fastapi==0.115.0\nmangum==0.19.0\n",
    }
    assert _status(tmp_path, tree, "ENV004") is (Status.PASSED if split else Status.FAILED)


DOCKERFILES_IMAGE = (
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY ../src/{folder}/requirements.txt ./\n"
    "RUN pip install -r requirements.txt\nCOPY ../src/client/app ./app\nEXPOSE 8000\n"
    'CMD ["uvicorn", "app.app:app"]\n'
)


@pytest.mark.parametrize(("folder", "split"), [("client", True), ("pipeline", False)])
def test_a_dockerfiles_folder_image_copying_a_service_set_is_the_serving_set(
    tmp_path: Path, folder: str, split: bool
) -> None:
    tree = {
        **TRAIN_SET,
        "src/client/app/app.py": API_APP,
        "src/client/requirements.txt": "fastapi==0.115.0\n",
        "src/pipeline/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        "src/pipeline/requirements.txt": "scikit-learn==1.5.2\n",
        "dockerfiles/Dockerfile.app": DOCKERFILES_IMAGE.format(folder=folder),
    }
    assert _status(tmp_path, tree, "ENV004") is (Status.PASSED if split else Status.FAILED)


# NB002: IPython's assignment form of a shell escape installs too.
def _notebook(line: str) -> str:
    cell = {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": []}
    return json.dumps({"cells": [{**cell, "source": [line]}], "nbformat": 4, "metadata": {}})


@pytest.mark.parametrize(
    ("line", "installs"),
    [
        ("_ = !pip install -r ../requirements.txt", True),
        ("out = %pip install pandas", True),
        ("files = !ls data", False),
        ("x = 'pip install pandas'", False),
    ],
)
def test_an_assigned_shell_escape_installs(tmp_path: Path, line: str, installs: bool) -> None:
    tree = {**TRAINING, "notebooks/model.ipynb": _notebook(line)}
    expected = Status.FAILED if installs else Status.PASSED
    assert _status(tmp_path, tree, "NB002") is expected


# CI002 / CI001: Jenkins test stages that only echo; `Jenkinsfile_<name>` is a Jenkinsfile.
def _jenkinsfile(test_step: str) -> str:
    return (
        "pipeline {\n  agent any\n  stages {\n    stage('Test') {\n"
        f"      steps {{\n        {test_step}\n      }}\n    }}\n  }}\n}}\n"
    )


@pytest.mark.parametrize(
    ("step", "status"),
    [
        ("echo 'Testing data pipeline..'", Status.FAILED),
        ("echo 'Building..'", Status.NOT_APPLICABLE),
        ("echo 'Testing model..'\n        sh 'python check_model.py'", Status.NOT_APPLICABLE),
    ],
)
def test_an_echo_only_jenkins_test_stage_runs_no_tests(
    tmp_path: Path, step: str, status: Status
) -> None:
    tree = {**TRAINING, "Jenkinsfile_data_pipeline": _jenkinsfile(step)}
    assert _status(tmp_path, tree, "CI002") is status


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("Jenkinsfile_model_serving", Status.PASSED),
        ("Jenkinsfile.nightly", Status.PASSED),
        ("Jenkins_notes.txt", Status.FAILED),
    ],
)
def test_a_named_jenkinsfile_is_ci(tmp_path: Path, name: str, status: Status) -> None:
    tree = {**TRAINING, name: _jenkinsfile("sh 'python train.py'")}
    assert _status(tmp_path, tree, "CI001") is status
