"""Session 47, from round 45 and K25: a uv workspace with one member's leftover lock is still
one product, a Poetry package shipped from a folder with no `__init__.py` is a library, a
README that showcases a tool's use or calls the repository "this demo" is an example and
one whose opening line calls it a "Base template for" something a template, a portfolio's
title names a product (kinds); `*Test.py` modules that run their own TestCases are tests
(TEST001), a release candidate's image tag is read (IMG006), a version that starts with a
dot is no requirement (REPO001), a record writer handed to FastAPI's background tasks logs
the prediction (MON001) and Grafana's and Prometheus' images run as non-root (IMG003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import API, FIT
from tests.doctor.helpers import Tree, committed_kind, committed_status

# -- kinds ----------------------------------------------------------------------------------


def _workspace(leftover_locks: int) -> Tree:
    """A uv workspace of four apps locked by the root's uv.lock, `leftover_locks` of which
    keep a uv.lock of their own."""
    member = '[project]\nname = "{0}"\nversion = "0.1.0"\ndependencies = ["fastapi"]\n'
    tree: Tree = {
        "README.md": "# Running style\n\nScores a runner's style from a photo.\n",
        "pyproject.toml": (
            '[project]\nname = "image-ranking"\nversion = "0.1.0"\n'
            '[tool.uv.workspace]\nmembers = ["apps/*"]\n'
        ),
        "uv.lock": 'version = 1\n[[package]]\nname = "fastapi"\nversion = "0.115.0"\n',
    }
    for index, app in enumerate(("api", "train", "prepare", "evaluate")):
        tree[f"apps/{app}/pyproject.toml"] = member.format(app)
        tree[f"apps/{app}/main.py"] = API if app == "api" else FIT
        if index < leftover_locks:
            tree[f"apps/{app}/uv.lock"] = "version = 1\n"
    return tree


@pytest.mark.parametrize(
    ("leftover_locks", "kind"), [(1, "application"), (2, "monorepo")], ids=["one", "half"]
)
def test_a_member_s_leftover_lock_keeps_a_workspace_one_product(
    tmp_path: Path, leftover_locks: int, kind: str
) -> None:
    assert committed_kind(tmp_path, _workspace(leftover_locks)) == kind


def _poetry_package(packages: str) -> Tree:
    """A Poetry package published from src/featurestorebundle, a folder with no
    `__init__.py`, whose pyproject.toml ships `packages`."""
    return {
        "README.md": "# Feature Store bundle\n\nStores features with their metadata.\n",
        "pyproject.toml": (
            '[tool.poetry]\nname = "feature-store-bundle"\nversion = "2.11.3"\n'
            f'description = "Feature Store"\n{packages}\n'
            '[tool.poetry.dependencies]\npython = "^3.10"\n'
        ),
        "src/featurestorebundle/FeatureStore.py": "class FeatureStore:\n    pass\n",
        "src/featurestorebundle/writer.py": "def write(df):\n    df.write.save('x')\n",
    }


@pytest.mark.parametrize(
    ("packages", "kind"),
    [
        ('packages = [{ include = "featurestorebundle", from = "src" }]', "library"),
        ('packages = [{ include = "elsewhere", from = "src" }]', "application"),
    ],
    ids=["its-folder", "another"],
)
def test_a_poetry_package_s_included_folder_is_its_package(
    tmp_path: Path, packages: str, kind: str
) -> None:
    tree = {**_poetry_package(packages), "train.py": FIT}
    assert committed_kind(tmp_path, tree) == kind


SERVED: Tree = {"requirements.txt": "fastapi==0.115.0\n", "app.py": API, "train.py": FIT}


@pytest.mark.parametrize(
    ("readme", "kind"),
    [
        (
            "# Heart disease MLP\n\nThis repo showcases the usage of ClearML Pipeline.\n",
            "example",
        ),
        (
            "# Heart disease MLP\n\nThis project is designed to showcase production-minded ML.\n",
            "application",
        ),
        ("# mlops-on-vertex-ai\n\nVertex AI Pipeline Base template for MLOps.\n", "template"),
        ("# mlops-on-vertex-ai\n\nVertex AI Pipeline for demand forecasting.\n", "application"),
        (
            "# MLOps Portfolio — Crash Severity Classification\n\nClassifies crashes.\n",
            "application",
        ),
        ("# MLOps Demo — Crash Severity Classification\n\nClassifies crashes.\n", "example"),
        (
            "# Iris on k3s\n\nServes iris.\n\n## Notes\n\nThis demo purposefully uses k3s.\n",
            "example",
        ),
        (
            "# Iris on k3s\n\nServes iris.\n\n## Notes\n\nTry this demo on our page.\n",
            "application",
        ),
        ("# Iris on k3s\n\nServes iris.\n\n## Notes\n\nWatch this demo video.\n", "application"),
    ],
    ids=[
        "showcases-a-tool-s-use",
        "showcases-the-author-s-skills",
        "base-template",
        "a-pipeline",
        "portfolio-title",
        "demo-title",
        "this-demo",
        "try-this-demo",
        "a-demo-video",
    ],
)
def test_what_a_readme_says_the_repository_is(tmp_path: Path, readme: str, kind: str) -> None:
    assert committed_kind(tmp_path, {**SERVED, "README.md": readme}) == kind


# -- TEST001: modules that run their own TestCases ----------------------------------------

SELF_RUN_TEST = (
    "import unittest\n\nfrom featurestorebundle.writer import write\n\n\n"
    "class WriterTest(unittest.TestCase):\n    def test_write(self):\n"
    "        self.assertIsNone(write(None))\n\n\n"
    "if __name__ == '__main__':\n{main}"
)


@pytest.mark.parametrize(
    ("main", "status"),
    [("    unittest.main()\n", "passed"), ("    pass\n", "failed")],
    ids=["runs-its-tests", "runs-nothing"],
)
def test_test001_a_test_suffixed_module_running_its_test_cases_is_a_test(
    tmp_path: Path, main: str, status: str
) -> None:
    tree = {
        "requirements.txt": "pandas==2.2.3\n",
        "src/featurestorebundle/writer.py": "def write(df):\n    return None\n",
        "src/featurestorebundle/WriterTest.py": SELF_RUN_TEST.format(main=main),
    }
    assert committed_status(tmp_path, tree, "TEST001") == status


# -- IMG006 and REPO001 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "status"), [("2.5.0rc3", "failed"), ("2.15.0", "passed")], ids=["rc", "supported"]
)
def test_img006_reads_a_release_candidate_s_tag(tmp_path: Path, tag: str, status: str) -> None:
    tree = {
        "requirements.txt": "tensorflow==2.15.0\n",
        "train.py": FIT,
        "Dockerfile": f"FROM tensorflow/tensorflow:{tag}\nCOPY train.py .\nCMD python train.py\n",
    }
    assert committed_status(tmp_path, tree, "IMG006") == status


@pytest.mark.parametrize(
    ("line", "status"), [("dvc==.1.0", "failed"), ("dvc==3.1.0", "passed")], ids=["dot", "version"]
)
def test_repo001_a_version_starting_with_a_dot_is_no_requirement(
    tmp_path: Path, line: str, status: str
) -> None:
    tree = {"requirements.txt": f"numpy==1.26.4\n{line}\n", "train.py": FIT}
    assert committed_status(tmp_path, tree, "REPO001") == status


# -- MON001: a record writer handed to FastAPI's background tasks --------------------------

BACKGROUND_UPLOAD = """import json

import joblib
from fastapi import BackgroundTasks, FastAPI
from google.cloud import storage

app = FastAPI()
model = joblib.load("model.joblib")


def upload_to_gcs(bucket: str, name: str, data: str) -> None:
    storage.Client().bucket(bucket).blob(name).{upload}(data)


@app.post("/predict")
def predict(rows: list[list[float]], background_tasks: BackgroundTasks):
    predicted = model.predict(rows).tolist()
    record = {{"input": rows, "predictions": predicted}}
    background_tasks.add_task(upload_to_gcs, "bucket", "predictions/p.json", json.dumps(record))
    return {{"predictions": predicted}}
"""


@pytest.mark.parametrize(
    ("upload", "status"),
    [("upload_from_string", "passed"), ("reload", "failed")],
    ids=["uploads", "does-not-write"],
)
def test_mon001_a_record_writer_handed_to_background_tasks_logs_predictions(
    tmp_path: Path, upload: str, status: str
) -> None:
    tree = {
        "requirements.txt": "fastapi==0.115.0\ngoogle-cloud-storage==2.18.2\n",
        "app.py": BACKGROUND_UPLOAD.format(upload=upload),
        "train.py": FIT,
    }
    assert committed_status(tmp_path, tree, "MON001") == status


# -- IMG003: bases whose default user is not root ------------------------------------------


@pytest.mark.parametrize(
    ("base", "status"),
    [
        ("grafana/k6:0.54.0", "passed"),
        ("prom/prometheus:v2.55.0", "passed"),
        ("grafana/promtail:3.2.0", "failed"),
    ],
    ids=["k6", "prometheus", "promtail-runs-as-root"],
)
def test_img003_a_base_whose_default_user_is_not_root(
    tmp_path: Path, base: str, status: str
) -> None:
    tree = {
        "requirements.txt": "fastapi==0.115.0\n",
        "app.py": API,
        "train.py": FIT,
        "load-test/Dockerfile": f"FROM {base}\nCOPY script.js /scripts/\n",
        "load-test/script.js": "export default function () {}\n",
    }
    assert committed_status(tmp_path, tree, "IMG003") == status


# -- ENV006: the Python a Databricks Runtime ships -----------------------------------------


@pytest.mark.parametrize(
    ("spark_version", "status"),
    [
        ("11.3.x-cpu-ml-scala2.12", "failed"),
        ("15.4.x-cpu-ml-scala2.12", "passed"),
        ("18.0.x-scala2.13", "passed"),
    ],
    ids=["python-3.9", "python-3.11", "unknown-release"],
)
def test_env006_reads_a_job_cluster_s_databricks_runtime(
    tmp_path: Path, spark_version: str, status: str
) -> None:
    bundle = (
        "bundle:\n  name: churn\nresources:\n  jobs:\n    train:\n      job_clusters:\n"
        "        - job_cluster_key: main\n          new_cluster:\n"
        f"            spark_version: {spark_version}\n            num_workers: 1\n"
    )
    tree = {
        "pyproject.toml": '[project]\nname = "churn"\nrequires-python = ">=3.11"\n',
        "databricks.yml": bundle,
        "train.py": FIT,
    }
    assert committed_status(tmp_path, tree, "ENV006") == status


# -- SERVE003: MLflow's own server unpickles what the code logs as a pickle -----------------

TRAIN_AND_LOG = """import mlflow
{imports}

{autolog}
with mlflow.start_run():
    model = {estimator}.fit(X, y)
    {log}
"""


@pytest.mark.parametrize(
    ("imports", "autolog", "estimator", "log", "status"),
    [
        (
            "from sklearn.ensemble import RandomForestClassifier",
            "",
            "RandomForestClassifier()",
            'mlflow.sklearn.log_model(model, "model")',
            "failed",
        ),
        (
            "from sklearn.ensemble import RandomForestClassifier",
            "mlflow.sklearn.autolog()",
            "RandomForestClassifier()",
            "",
            "failed",
        ),
        (
            "from xgboost import XGBClassifier",
            "",
            "XGBClassifier()",
            'mlflow.xgboost.log_model(model, "model")',
            "passed",
        ),
    ],
    ids=["sklearn-logged", "sklearn-autologged", "xgboost-own-format"],
)
def test_serve003_mlflow_s_server_unpickles_a_model_logged_as_a_pickle(
    tmp_path: Path, imports: str, autolog: str, estimator: str, log: str, status: str
) -> None:
    train = TRAIN_AND_LOG.format(imports=imports, autolog=autolog, estimator=estimator, log=log)
    tree = {
        "requirements.txt": "mlflow==2.16.2\nscikit-learn==1.5.2\nxgboost==2.1.1\n",
        "train.py": train,
        "serve.sh": "#!/bin/sh\nmlflow models serve -m models:/churn/Production -p 5000\n",
    }
    assert committed_status(tmp_path, tree, "SERVE003") == status


# -- ENV001, ENV003, ENV005, ENV006: a BentoML build file declares its service's packages -----

BENTO_SERVICE = (
    "import bentoml\n\n\n@bentoml.service\nclass Iris:\n"
    "    model = bentoml.models.get('iris:latest')\n"
)


def _bento(packages: str, python: str = "3.12") -> Tree:
    bentofile = (
        'service: "service:Iris"\ninclude:\n  - "*.py"\npython:\n  packages:\n'
        f'{packages}docker:\n  python_version: "{python}"\n'
    )
    return {"service.py": BENTO_SERVICE, "bentofile.yaml": bentofile}


@pytest.mark.parametrize(
    ("check", "packages", "status"),
    [
        ("ENV001", "    - scikit-learn\n", "passed"),
        ("ENV001", "    []\n", "failed"),
        ("ENV003", "    - scikit-learn==1.5.2\n", "failed"),
        ("ENV003", "    - scikit-learn\n", "not-applicable"),
        ("ENV005", "    - scikit-learn==1.5.2\n", "failed"),
    ],
    ids=["declares", "declares-nothing", "pin-without-hash", "nothing-pinned", "pin-not-updated"],
)
def test_a_bentofile_s_packages_are_a_declaration(
    tmp_path: Path, check: str, packages: str, status: str
) -> None:
    assert committed_status(tmp_path, _bento(packages), check) == status


@pytest.mark.parametrize(("python", "status"), [("3.10", "failed"), ("3.12", "passed")])
def test_env006_reads_the_python_of_a_bento_s_image(
    tmp_path: Path, python: str, status: str
) -> None:
    tree = _bento("    - scikit-learn==1.5.2\n", python)
    assert committed_status(tmp_path, tree, "ENV006") == status


# -- CODE003: Python's linters on a repository with no Python ------------------------------


@pytest.mark.parametrize(
    ("extra", "status"),
    [({}, "not-applicable"), ({"client.py": "import requests\n"}, "failed")],
    ids=["manifests-only", "python"],
)
def test_code003_needs_python_code_to_lint(
    tmp_path: Path, extra: dict[str, str], status: str
) -> None:
    tree = {
        "README.md": "# vLLM on EKS\n\nDeploy a model server with Ray Serve.\n",
        "deploy/rayservice.yaml": "apiVersion: ray.io/v1\nkind: RayService\nmetadata:\n"
        "  name: llm\n",
        "scripts/setup.sh": "#!/bin/sh\nkubectl apply -f deploy/\n",
        **extra,
    }
    assert committed_status(tmp_path, tree, "CODE003") == status
