"""Equivalents the eighth corpus round's repositories use: a home-grown dataset snapshot
whose manifest is logged to the tracker, dbt data tests, tests of a promotion gate's
decisions, a serving image's own pinned packages, a tool's server image beside the one
project image, and the members of a uv workspace locked by the root's uv.lock."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE, TEST, TRAINING
from tests.doctor.helpers import Tree, audit, found_ids, git_commit, status_of, status_on

# DATA001: a run copies its data to a versioned snapshot and logs the manifest with it.
SNAPSHOT = (
    "import json\n\nimport mlflow\n\n\n"
    "def log_dataset_manifest(manifest: dict) -> None:\n"
    '    mlflow.log_param("rows", manifest["rows"])\n'
    "    mlflow.log_text(\n"
    "        json.dumps(manifest, indent=2),\n"
    "        f\"dataset_manifest/{manifest['dataset_version']}.json\",\n"
    "    )\n"
)
PARAMS_ONLY = (
    "import mlflow\n\n\ndef log_run(manifest: dict) -> None:\n"
    '    mlflow.log_param("rows", manifest["rows"])\n'
    '    mlflow.log_text("trained", "notes.txt")\n'
)
MLFLOW_INPUT = (
    "import mlflow\nimport pandas as pd\n\n\ndef train(path: str) -> None:\n"
    "    frame = pd.read_csv(path)\n"
    "    mlflow.log_input(mlflow.data.from_pandas(frame, source=path), context='training')\n"
)


def _data001(root: Path, tree: Tree) -> Status:
    build_file_tree(root, {**TRAINING, **tree})
    git_commit(root)
    return status_of(audit(root, "DATA001"), "DATA001")


def test_a_dataset_manifest_logged_to_the_tracker_versions_the_data(tmp_path: Path) -> None:
    assert _data001(tmp_path / "manifest", {"src/demo/versioning.py": SNAPSHOT}) is Status.PASSED
    assert _data001(tmp_path / "input", {"src/demo/data.py": MLFLOW_INPUT}) is Status.PASSED


def test_run_parameters_and_other_logged_texts_version_no_data(tmp_path: Path) -> None:
    assert _data001(tmp_path, {"src/demo/versioning.py": PARAMS_ONLY}) is Status.FAILED


def test_committed_samples_and_reports_are_not_the_training_data(tmp_path: Path) -> None:
    tree = {
        "data/samples/station_status.sample.json": '{"stations": []}\n',
        "reports/2025-09-04/feature_importance.csv": "feature,gain\nhour,0.4\n",
    }
    assert _data001(tmp_path / "samples", tree) is Status.FAILED
    read = {"src/demo/data.py": 'PATH = "data/train.csv"\n', "data/train.csv": "x,y\n1,2\n"}
    assert _data001(tmp_path / "data", read) is Status.PASSED


# DATA005: a dbt project's singular and generic tests.
DBT_PROJECT = "name: shop\nprofile: shop\n"
SCHEMA_TESTS = (
    "version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: order_id\n"
    "        data_tests:\n          - not_null\n          - unique\n"
)
SCHEMA_WITHOUT_TESTS = "version: 2\nmodels:\n  - name: orders\n    description: one row per order\n"


def _data005(root: Path, tree: Tree) -> Status:
    build_file_tree(root, {**TRAINING, **TEST, "dbt/shop/dbt_project.yml": DBT_PROJECT, **tree})
    return status_of(audit(root, "DATA005"), "DATA005")


def test_dbt_data_tests_validate_the_data(tmp_path: Path) -> None:
    singular = {"dbt/shop/tests/orders_have_no_gaps.sql": "select * from orders where 1 = 0\n"}
    generic = {"dbt/shop/models/schema.yml": SCHEMA_TESTS}
    assert _data005(tmp_path / "singular", singular) is Status.PASSED
    assert _data005(tmp_path / "generic", generic) is Status.PASSED


def test_a_dbt_project_without_tests_validates_nothing(tmp_path: Path) -> None:
    tree = {"dbt/shop/tests/.gitkeep": "", "dbt/shop/models/schema.yml": SCHEMA_WITHOUT_TESTS}
    assert _data005(tmp_path, tree) is Status.FAILED


def test_sql_outside_a_dbt_projects_test_paths_is_no_data_test(tmp_path: Path) -> None:
    tree = {"dbt/shop/models/orders.sql": "select 1\n", "tests/sql/check.sql": "select 1\n"}
    assert _data005(tmp_path, tree) is Status.FAILED


# TEST002: tests that assert the decisions of a promotion gate.
GATE_TEST = (
    "from demo.promotion import evaluate_promotion_policy\n\n\n"
    "def test_rejects_a_candidate_without_enough_gain():\n"
    "    decision = evaluate_promotion_policy(\n"
    '        candidate_metrics={"overall_rmse": 998.0},\n'
    '        champion_metrics={"overall_rmse": 1000.0},\n'
    "    )\n"
    "    assert decision.accepted is False\n"
)
POLICY_TEST = (
    "from demo.policy import should_refresh_api\n\n\n"
    "def test_refreshes_for_a_new_champion():\n"
    "    assert should_refresh_api(True) is True\n"
)


def test_tests_of_a_promotion_gate_are_model_quality_tests(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**TRAINING, "tests/test_promotion.py": GATE_TEST})
    result = next(r for r in audit(tmp_path, "TEST002").results if r.id == "TEST002")
    assert result.status is Status.PASSED
    assert result.reason == "tests/test_promotion.py:5 decision = evaluate_promotion_policy("


def test_a_gate_word_without_metrics_is_no_model_quality_test(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**TRAINING, "tests/test_policy.py": POLICY_TEST})
    assert found_ids(audit(tmp_path, "TEST002")) == {"TEST002"}


# ENV004: the serving image pins its own packages.
SERVING_IMAGE = (
    "FROM python:3.11-slim\nRUN pip install --no-cache-dir \\\n"
    "      mlflow==3.10.1 \\\n      gunicorn==22.0.0 \\\n      xgboost==3.2.0\n"
    'COPY src/ /app/src/\nEXPOSE 8080\nCMD ["gunicorn", "demo.app:app"]\n'
)


def _env004(root: Path, dockerfile: str) -> set[str]:
    tree = {**SERVICE, **TRAINING, "requirements.txt": "numpy==2.1.0\n", "Dockerfile": dockerfile}
    build_file_tree(root, tree)
    return found_ids(audit(root, "ENV004"))


def test_a_serving_image_that_pins_its_own_packages_is_a_serving_set(tmp_path: Path) -> None:
    assert _env004(tmp_path, SERVING_IMAGE) == set()


def test_pins_added_to_the_projects_requirements_are_no_serving_set(tmp_path: Path) -> None:
    added = SERVING_IMAGE.replace("--no-cache-dir", "--no-cache-dir -r requirements.txt")
    assert _env004(tmp_path / "added", added) == {"ENV004"}
    batch = SERVING_IMAGE.replace('EXPOSE 8080\nCMD ["gunicorn", "demo.app:app"]', "CMD batch")
    assert _env004(tmp_path / "batch", batch) == {"ENV004"}


# IMG002: a tool's server image is no second image of the project.
PROJECT_IMAGE = (
    "FROM python:3.12-slim\nCOPY pyproject.toml uv.lock ./\nRUN pip install uv && uv sync\n"
    'COPY src/ /app/src/\nCOPY flows/ /app/flows/\nEXPOSE 8080\nCMD ["uvicorn", "demo.app:app"]\n'
)
MLFLOW_SERVER = (
    'FROM python:3.12-slim\nRUN pip install "mlflow==3.15.1" "psycopg2-binary==2.9.10"\n'
    'EXPOSE 5000\nCMD ["sh", "-c", "exec mlflow server --host 0.0.0.0"]\n'
)
COMPOSE = (
    "services:\n  worker:\n    build: .\n    command: [uv, run, prefect, worker, start]\n"
    "  api:\n    build: .\n    ports: ['8000:8080']\n"
    "  mlflow:\n    build:\n      context: .\n      dockerfile: Dockerfile.mlflow\n"
)


def _img002(root: Path, tree: Tree) -> set[str]:
    build_file_tree(root, {**SERVICE, **TRAINING, "Dockerfile": PROJECT_IMAGE, **tree})
    return found_ids(audit(root, "IMG002"))


def test_one_image_for_the_pipeline_worker_and_the_api_is_reported(tmp_path: Path) -> None:
    tree = {"Dockerfile.mlflow": MLFLOW_SERVER, "docker-compose.yml": COMPOSE}
    build_file_tree(tmp_path, {**SERVICE, **TRAINING, "Dockerfile": PROJECT_IMAGE, **tree})
    (finding,) = audit(tmp_path, "IMG002").findings
    assert finding.path == "Dockerfile"
    assert "`uv run prefect worker start` in the serving image" in finding.message


def test_a_training_image_beside_the_serving_one_passes(tmp_path: Path) -> None:
    training = PROJECT_IMAGE.replace('EXPOSE 8080\nCMD ["uvicorn", "demo.app:app"]', "CMD train")
    tree = {"Dockerfile.train": training, "docker-compose.yml": COMPOSE}
    assert _img002(tmp_path / "train", tree) == set()
    # a tool's server image beside an image that only serves: nothing trains in it
    assert _img002(tmp_path / "serves", {"Dockerfile.mlflow": MLFLOW_SERVER}) == set()


def test_a_tool_image_that_copies_the_projects_code_is_a_project_image(tmp_path: Path) -> None:
    code = MLFLOW_SERVER.replace("EXPOSE", "COPY src/ /app/src/\nEXPOSE")
    assert _img002(tmp_path, {"Dockerfile.mlflow": code, "docker-compose.yml": COMPOSE}) == set()


# ENV002: the members of a uv workspace are locked by the root's uv.lock (a workspace its
# README names a monorepo: the services of one product locked as one are an application).
def _workspace(root: Path, root_pyproject: str) -> set[tuple[str, str | None]]:
    member = "[project]\nname = '{name}'\nversion = '0.1.0'\ndependencies = ['pandas>=2']\n"
    tree = {
        "pyproject.toml": root_pyproject,
        "uv.lock": "version = 1\n",
        "services/api/pyproject.toml": member.format(name="api"),
        "services/api/app.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
        "services/batch/pyproject.toml": member.format(name="batch"),
        "services/batch/predict.py": "def main(model, x):\n    return model.predict(x)\n",
        "README.md": "# Services monorepo\n\nRun `uv sync`.\n",
    }
    build_file_tree(root, tree)
    report = audit(root, "ENV002")
    assert report.kind == "monorepo"
    return {(finding.id, finding.project) for finding in report.findings}


def test_uv_workspace_members_are_locked_by_the_root_lock(tmp_path: Path) -> None:
    workspace = "[tool.uv.workspace]\nmembers = ['services/*']\n"
    assert _workspace(tmp_path, workspace) == set()


def test_projects_outside_the_uv_workspace_are_not_locked_by_it(tmp_path: Path) -> None:
    workspace = "[tool.uv.workspace]\nmembers = ['services/*']\nexclude = ['services/batch']\n"
    assert _workspace(tmp_path / "excluded", workspace) == {("ENV002", "services/batch")}
    no_workspace = "[tool.ruff]\nline-length = 100\n"
    assert _workspace(tmp_path / "none", no_workspace) == {
        ("ENV002", "services/api"),
        ("ENV002", "services/batch"),
    }


EVALUATE = (
    "def promote(new_f1, production_f1, margin, client):\n"
    "    if new_f1 >= {bound}:\n        client.transition('model', stage='Production')\n"
)


def test_a_new_model_against_production_plus_a_margin_is_a_promotion_gate(
    tmp_path: Path,
) -> None:
    tree = {
        **TRAINING,
        **TEST,
        "src/demo/evaluate.py": EVALUATE.format(bound="production_f1 + margin"),
    }
    assert status_on(tmp_path, tree, "TEST002") is Status.PASSED


def test_a_metric_against_an_unnamed_sum_is_no_promotion_gate(tmp_path: Path) -> None:
    tree = {**TRAINING, **TEST, "src/demo/evaluate.py": EVALUATE.format(bound="margin + 0.5")}
    assert status_on(tmp_path, tree, "TEST002") is Status.FAILED
