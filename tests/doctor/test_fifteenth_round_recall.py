"""Recall fixes tuned on rounds 13 and 14: a monitoring module that is a placeholder
(MON003), a pickle load behind a helper another module calls for the model and SetFit's
own loader (SERVE003), what images and scripts install where nothing is declared
(ENV002), a DVC remote that is a folder on the author's machine (DATA002), `python:3`
(IMG004), a CI test step with no test to run (CI002), Dagster's scaffold test (TEST001),
files copied out of a frozen image (IMG006), a Lambda function's metrics (MON002), a Vertex
AI endpoint and Ludwig's server as services (SERVE001)."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Report, Status
from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE, SERVICE_WITH_MODEL, TRAINING
from tests.doctor.helpers import audit, found_ids, status_of

# A helper module that unpickles whatever it is given; its own names say "data".
PICKLE_HELPER = (
    "import pickle\n\n\ndef read_pickled(filename):\n"
    "    with open(filename, 'rb') as handle:\n        data = pickle.load(handle)\n"
    "    return data\n"
)


def _audit(root: Path, tree: dict[str, str], check_id: str) -> Report:
    build_file_tree(root, tree)
    return audit(root, check_id)


def _findings(root: Path, tree: dict[str, str], check_id: str) -> list[str]:
    build_file_tree(root, tree)
    return [f"{f.path}:{f.line}" for f in audit(root, check_id).findings]


def test_mon003_reports_an_empty_monitoring_module(tmp_path: Path) -> None:
    tree = {**SERVICE, "src/demo/monitoring/evidently_report.py": ""}
    assert "MON003" in found_ids(_audit(tmp_path, tree, "MON003"))


def test_mon003_reports_a_monitoring_module_that_only_prints(tmp_path: Path) -> None:
    placeholder = '"""Drift checks: to do."""\nimport os\n\nprint("Hello from monitor")\n'
    tree = {**SERVICE, "src/demo/drift.py": placeholder}
    assert "MON003" in found_ids(_audit(tmp_path, tree, "MON003"))


def test_mon003_leaves_a_function_named_for_drift(tmp_path: Path) -> None:
    code = "import pandas as pd\n\n\ndef drift(ref, cur):\n    return ref.mean() - cur.mean()\n"
    tree = {**SERVICE, "src/demo/monitoring/compare.py": code}
    assert "MON003" not in found_ids(_audit(tmp_path, tree, "MON003"))


def test_serve003_reports_a_helper_another_module_calls_for_the_model(tmp_path: Path) -> None:
    tree = {
        **SERVICE_WITH_MODEL,
        "src/demo/store.py": PICKLE_HELPER,
        "src/demo/model.py": (
            "from demo.store import read_pickled\n\nmodel = read_pickled('artifacts/model.pkl')\n"
        ),
    }
    assert _findings(tmp_path, tree, "SERVE003") == ["src/demo/store.py:6"]


def test_serve003_leaves_a_helper_called_only_for_data(tmp_path: Path) -> None:
    tree = {
        **SERVICE_WITH_MODEL,
        "src/demo/store.py": PICKLE_HELPER,
        "src/demo/model.py": (
            "import onnxruntime\n\nfrom demo.store import read_pickled\n\n"
            "model = onnxruntime.InferenceSession('model.onnx')\n"
            "features = read_pickled('data/features.pkl')\n"
        ),
    }
    assert _findings(tmp_path, tree, "SERVE003") == []


def test_serve003_reports_setfit_from_pretrained(tmp_path: Path) -> None:
    load = "from setfit import SetFitModel\n\nmodel = SetFitModel.from_pretrained('m')\n"
    tree = {**SERVICE_WITH_MODEL, "src/demo/model.py": load}
    assert _findings(tmp_path, tree, "SERVE003") == ["src/demo/model.py:3"]


def test_serve003_leaves_another_library_s_from_pretrained(tmp_path: Path) -> None:
    load = (
        "from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained('models/latest')\n"
    )
    tree = {**SERVICE_WITH_MODEL, "src/demo/model.py": load}
    assert _findings(tmp_path, tree, "SERVE003") == []


def test_env002_reports_a_script_s_installs_with_nothing_declared(tmp_path: Path) -> None:
    tree = {"train.py": "import torch\n", "setup.sh": "pip install torch einops\n"}
    assert _findings(tmp_path, tree, "ENV002") == ["setup.sh:1"]


def test_env002_reports_an_image_that_pins_only_what_it_names(tmp_path: Path) -> None:
    image = "FROM python:3.12-slim\nRUN pip install torch==2.4.1 timm==1.0.9\n"
    tree = {"train.py": "import torch\nimport pandas\n", "Dockerfile": image}
    assert _findings(tmp_path, tree, "ENV002") == ["Dockerfile:2"]


def test_env002_reports_nothing_pinned_when_nothing_is_declared_or_installed(
    tmp_path: Path,
) -> None:
    # The corpus rule: a practice missing where its prerequisite (ENV001) fails is a finding.
    report = _audit(
        tmp_path, {"train.py": "import torch\n", "README.md": "pip install torch\n"}, "ENV002"
    )
    assert status_of(report, "ENV002") is Status.FAILED


def test_env002_passes_pinned_requirements_with_no_image(tmp_path: Path) -> None:
    report = _audit(
        tmp_path, {"train.py": "import torch\n", "requirements.txt": "torch==2.4.1\n"}, "ENV002"
    )
    assert status_of(report, "ENV002") is Status.PASSED


def _dvc_remote(url: str) -> dict[str, str]:
    config = f"[core]\n    remote = store\n['remote \"store\"']\n    url = {url}\n"
    return {**TRAINING, ".dvc/config": config}


def test_data002_reports_a_remote_on_the_author_s_disk(tmp_path: Path) -> None:
    for number, url in enumerate(("D:\\work\\dvc-store", "dvc-store", "/Users/me/dvc")):
        root = tmp_path / str(number)
        assert _findings(root, _dvc_remote(url), "DATA002") == [".dvc/config:4"], url


def test_data002_leaves_remote_storage_a_shared_mount_and_each_user_s_own(tmp_path: Path) -> None:
    for number, url in enumerate(("s3://team-bucket/dvc", "/mnt/shared/dvc", "~/.cache/dvc")):
        assert _findings(tmp_path / str(number), _dvc_remote(url), "DATA002") == [], url


def test_img004_reports_a_python_image_tagged_with_its_major_version(tmp_path: Path) -> None:
    tree = {"Dockerfile": 'FROM python:3-slim\nCMD ["python", "app.py"]\n'}
    assert _findings(tmp_path, tree, "IMG004") == ["Dockerfile:1"]


def test_img004_leaves_a_python_minor_tag_and_a_node_major_tag(tmp_path: Path) -> None:
    image = 'FROM node:22-alpine AS ui\nFROM python:3.12-slim\nCMD ["python", "app.py"]\n'
    assert _findings(tmp_path, {"Dockerfile": image}, "IMG004") == []


def _workflow(run: str) -> dict[str, str]:
    workflow = (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        f"      - run: {run}\n"
    )
    return {
        "src/demo/__init__.py": "",
        "src/demo/core.py": "X = 1\n",
        ".github/workflows/ci.yml": workflow,
    }


def test_ci002_reports_pytest_with_no_test_to_run(tmp_path: Path) -> None:
    assert _findings(tmp_path, _workflow("pytest"), "CI002") == [".github/workflows/ci.yml:7"]


def test_ci002_leaves_doctests_run_with_no_test_module(tmp_path: Path) -> None:
    tree = _workflow("pytest --doctest-modules src")
    assert _findings(tmp_path, tree, "CI002") == []


def test_ci002_leaves_pytest_beside_a_behaviour_suite(tmp_path: Path) -> None:
    feature = "Feature: run\n  Scenario: it runs\n    When I run pytest\n"
    steps = "from behave import when\n\n\n@when('I run pytest')\ndef step(context):\n    pass\n"
    tree = {
        **_workflow("behave && pytest"),
        "features/run.feature": feature,
        "features/steps/run_steps.py": steps,
    }
    assert _findings(tmp_path, tree, "CI002") == []


def test_test001_reports_dagster_s_quickstart_test_alone(tmp_path: Path) -> None:
    test = "from etl import defs\n\n\ndef test_def_can_load():\n    assert defs.get_job_def('j')\n"
    tree = {"etl/__init__.py": "defs = None\n", "etl_tests/test_defs.py": test}
    assert "TEST001" in found_ids(_audit(tmp_path, tree, "TEST001"))


def test_test001_leaves_dagster_s_quickstart_test_beside_a_real_one(tmp_path: Path) -> None:
    test = "from etl import defs\n\n\ndef test_def_can_load():\n    assert defs.get_job_def('j')\n"
    real = "from etl import double\n\n\ndef test_double():\n    assert double(2) == 4\n"
    tree = {
        "etl/__init__.py": "def double(x):\n    return 2 * x\n",
        "etl_tests/test_defs.py": test,
        "etl_tests/test_double.py": real,
    }
    assert "TEST001" not in found_ids(_audit(tmp_path, tree, "TEST001"))


def test_img006_reports_files_copied_out_of_a_frozen_python_image(tmp_path: Path) -> None:
    image = 'FROM eclipse-temurin:21-jre\nCOPY --from=python:3.8 / /\nCMD ["python3"]\n'
    assert _findings(tmp_path, {"Dockerfile": image}, "IMG006") == ["Dockerfile:2"]


def test_img006_leaves_files_copied_out_of_a_stage_or_a_current_image(tmp_path: Path) -> None:
    image = (
        "FROM python:3.8 AS old\nFROM python:3.12-slim\nCOPY --from=old /wheels /wheels\n"
        "COPY --from=ghcr.io/astral-sh/uv:0.5.1 /uv /bin/uv\n"
    )
    found = _findings(tmp_path, {"Dockerfile": image}, "IMG006")
    assert found == ["Dockerfile:1"]  # the stage's own FROM, not the copy out of it


LAMBDA = (
    "import joblib\n\nmodel = joblib.load('model.joblib')\n\n\n"
    "def lambda_handler(event, context):\n    return {'prediction': model.predict([event])}\n"
)
EMF = (
    "import json\n\n\ndef latency(ms):\n"
    "    record = {'_aws': {'CloudWatchMetrics': [{'Namespace': 'Model'}]}, 'Latency': ms}\n"
    "    print(json.dumps(record))\n"
)


def test_mon002_reports_a_lambda_function_that_publishes_no_metric(tmp_path: Path) -> None:
    tree = {"src/demo/__init__.py": "", "src/demo/handler.py": LAMBDA}
    assert "MON002" in found_ids(_audit(tmp_path, tree, "MON002"))


def test_mon002_leaves_a_lambda_function_that_emits_embedded_metrics(tmp_path: Path) -> None:
    handler = "from demo.emf import latency\n" + LAMBDA  # the handler runs the emitter
    tree = {"src/demo/__init__.py": "", "src/demo/handler.py": handler, "src/demo/emf.py": EMF}
    assert "MON002" not in found_ids(_audit(tmp_path, tree, "MON002"))


def test_a_terraform_vertex_endpoint_is_a_service(tmp_path: Path) -> None:
    terraform = 'resource "google_vertex_ai_endpoint" "prediction" {\n  name = "p"\n}\n'
    tree = {"src/demo/__init__.py": "", "terraform/main.tf": terraform}
    report = _audit(tmp_path, tree, "SERVE001")
    assert status_of(report, "SERVE001") is Status.PASSED


def test_a_vertex_endpoint_named_in_prose_or_a_comment_is_no_service(tmp_path: Path) -> None:
    tree = {
        "src/demo/__init__.py": "",
        "README.md": "Deploy with `gcloud ai endpoints deploy-model`.\n",
        "deploy.sh": "#!/bin/sh\n# gcloud ai endpoints deploy-model later\n",
        "terraform/main.tf": '# resource "google_vertex_ai_endpoint" "p" {}\n',
    }
    report = _audit(tmp_path, tree, "SERVE001")
    assert status_of(report, "SERVE001") is not Status.PASSED


def test_ludwig_serve_in_a_script_is_a_service(tmp_path: Path) -> None:
    tree = {"src/demo/__init__.py": "", "serve.sh": "#!/bin/sh\nludwig serve -m model/\n"}
    report = _audit(tmp_path, tree, "SERVE001")
    assert status_of(report, "SERVE001") is Status.PASSED


def test_ludwig_serve_in_a_comment_is_no_service(tmp_path: Path) -> None:
    tree = {
        "src/demo/__init__.py": "",
        "serve.sh": "#!/bin/sh\n# ludwig serve -m model/ once trained\n",
    }
    report = _audit(tmp_path, tree, "SERVE001")
    assert status_of(report, "SERVE001") is not Status.PASSED
