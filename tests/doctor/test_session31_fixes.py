"""Session 31's fixes of round 22's false results: a monorepo's folders that share the
root's declaration (ENV001, ENV002); a service's imports of a training module resolved as
Python resolves them, relative ones included (IMG002); a template's rendered Python is
code to test (TEST001); an Airflow DAG that imports a name its module does not define
cannot load, and one that takes only a helper of the training module runs no training
(DATA004)."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import FIT, notebook
from tests.doctor.helpers import Tree, audit, git_commit, status_of

POETRY = (
    '[tool.poetry]\nname = "kit"\nversion = "0.1.0"\n\n'
    '[tool.poetry.dependencies]\npython = "^3.11"\nlightgbm = "^4.0"\n'
)


def _competitions(root: Tree) -> Tree:
    """A README titled a monorepo, a shared package and two competition folders of
    scripts and notebooks that declare nothing of their own, beside the `root` files."""
    return {
        "README.md": "# ds-monorepo\n\n`poetry install`\n",
        "kit/models/__init__.py": "",
        "kit/models/gbm.py": FIT,
        "projects/house/process.py": "import kit\n",
        "projects/house/eda.ipynb": notebook("import pandas"),
        "projects/airbnb/run.py": "import kit\n",
        "projects/airbnb/main.ipynb": notebook("import pandas"),
        **root,
    }


def _project_statuses(tmp_path: Path, tree: Tree, check_id: str) -> dict[str, Status]:
    """How `check_id` ends at the root ("") and in each nested project."""
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    report = audit(tmp_path, check_id)
    assert report.projects == ("projects/airbnb", "projects/house")
    return {r.project or "": r.status for r in report.results if r.id == check_id}


def test_env001_passes_projects_sharing_the_root_s_declaration(tmp_path: Path) -> None:
    tree = _competitions({"pyproject.toml": POETRY, "poetry.lock": "# locked\n"})
    statuses = _project_statuses(tmp_path, tree, "ENV001")
    assert statuses["projects/house"] is Status.PASSED
    assert statuses["projects/airbnb"] is Status.PASSED


def test_env001_fires_on_projects_when_nothing_above_declares(tmp_path: Path) -> None:
    tree = _competitions({"pyproject.toml": '[tool.poetry]\nname = "kit"\nversion = "0.1"\n'})
    statuses = _project_statuses(tmp_path, tree, "ENV001")
    assert statuses["projects/house"] is Status.FAILED


def test_env002_passes_projects_sharing_the_root_s_lock(tmp_path: Path) -> None:
    tree = _competitions({"pyproject.toml": POETRY, "poetry.lock": "# locked\n"})
    statuses = _project_statuses(tmp_path, tree, "ENV002")
    assert set(statuses.values()) == {Status.PASSED}


def test_env002_leaves_a_shared_unpinned_declaration_to_the_root(tmp_path: Path) -> None:
    tree = _competitions({"requirements.txt": "lightgbm>=4\n"})
    statuses = _project_statuses(tmp_path, tree, "ENV002")
    assert statuses[""] is Status.FAILED
    assert statuses["projects/house"] is Status.NOT_APPLICABLE


def test_env002_fires_on_a_project_s_own_unpinned_image_install(tmp_path: Path) -> None:
    image = "FROM python:3.12-slim\nRUN pip install lightgbm\n"
    tree = _competitions(
        {"pyproject.toml": POETRY, "poetry.lock": "# locked\n", "projects/house/Dockerfile": image}
    )
    statuses = _project_statuses(tmp_path, tree, "ENV002")
    assert statuses["projects/house"] is Status.FAILED
    assert statuses["projects/airbnb"] is Status.PASSED


TRAINING_MODULE = (
    "from sklearn.ensemble import IsolationForest\n\n\n"
    "def get_encoder(columns):\n    return {'cols': columns}\n\n\n"
    "def train(df):\n    return IsolationForest().fit(df)\n\n\n"
    "if __name__ == '__main__':\n    train(None)\n"
)
IMAGE = {
    "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nEXPOSE 8000\n"
    'CMD ["uvicorn", "service.app:app", "--host", "0.0.0.0"]\n',
    "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
    "service/__init__.py": "",
    "service/train_anomaly.py": TRAINING_MODULE,
}


def _relative_service(imports: str) -> str:
    return (
        f"from fastapi import FastAPI\n\n{imports}\n\napp = FastAPI()\n\n\n"
        "@app.post('/predict')\ndef predict(row: dict) -> dict:\n    return {}\n"
    )


def test_img002_passes_a_relative_import_of_a_training_module_s_helper(tmp_path: Path) -> None:
    service = _relative_service("from .train_anomaly import get_encoder")
    build_file_tree(tmp_path, {**IMAGE, "service/app.py": service})
    report = audit(tmp_path, "IMG002")
    assert next(r for r in report.results if r.id == "IMG002").status is not Status.FAILED


def test_img002_fires_on_a_relative_import_of_the_training_module(tmp_path: Path) -> None:
    service = _relative_service("from . import train_anomaly")
    build_file_tree(tmp_path, {**IMAGE, "service/app.py": service})
    report = audit(tmp_path, "IMG002")
    assert next(r for r in report.results if r.id == "IMG002").status is Status.FAILED


RENDERED = "{{ cookiecutter.repo_name }}"


def _template(extra: Tree) -> Tree:
    """A cookiecutter template whose root holds only its README and cookiecutter.json, and
    the project it renders: a package, a module of code and the project's own test."""
    return {
        "README.md": "# Cookiecutter for ML projects\n\n`cookiecutter gh:acme/ml`\n",
        "cookiecutter.json": '{"repo_name": "demo"}\n',
        f"{RENDERED}/src/__init__.py": "",
        f"{RENDERED}/src/utils.py": "def scale(x):\n    return x / 2\n",
        f"{RENDERED}/tests/test_utils.py": "def test_scale():\n    assert sum([1, 1]) == 2\n",
        **extra,
    }


def test_test001_fires_on_a_template_whose_rendered_code_nothing_tests(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _template({}))
    assert status_of(audit(tmp_path, "TEST001"), "TEST001") is Status.FAILED


def test_test001_passes_a_template_that_tests_its_rendering(tmp_path: Path) -> None:
    bake = "def test_bake(cookies):\n    assert cookies.bake().exit_code == 0\n"
    build_file_tree(tmp_path, _template({"tests/test_bake.py": bake}))
    assert status_of(audit(tmp_path, "TEST001"), "TEST001") is Status.PASSED


FRAUD_TRAINING = (
    "import pandas as pd\nfrom sklearn.ensemble import IsolationForest\n\n\n"
    "def get_encoder(columns):\n    return {'cols': columns}\n\n\n"
    "def {trainer}():\n    df = pd.read_csv('data/train.csv')\n"
    "    return IsolationForest().fit(df)\n"
)


def _dag(task: str, imports: str, call: str) -> str:
    return (
        "from airflow import DAG\nfrom airflow.operators.python import PythonOperator\n"
        f"{imports}\n\n\n"
        f'with DAG("fraud_{task}") as dag:\n'
        f'    PythonOperator(task_id="{task}", python_callable={call})\n'
    )


def _fraud(trainer: str, batch_imports: str = "from src.train_anomaly import get_encoder") -> Tree:
    """A training module, an Airflow DAG that retrains through `train_models` and a batch
    DAG that predicts with a helper `batch_imports` brings."""
    return {
        "src/__init__.py": "",
        "src/train_anomaly.py": FRAUD_TRAINING.replace("{trainer}", trainer),
        "src/batch.py": f"{batch_imports}\n\n\ndef predict():\n    return get_encoder([])\n",
        "airflow/dags/training_dag.py": _dag(
            "retrain_models", "from src.train_anomaly import train_models", "train_models"
        ),
        "airflow/dags/batch_dag.py": _dag(
            "batch_predict", "from src.batch import predict", "predict"
        ),
    }


def test_data004_fires_on_a_dag_importing_a_name_its_module_lacks(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _fraud("fit_models"))
    report = audit(tmp_path, "DATA004")
    assert status_of(report, "DATA004") is Status.FAILED
    assert "cannot load: it imports train_models" in report.findings[0].message


def test_data004_passes_the_dag_once_its_module_defines_the_name(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _fraud("train_models"))
    assert status_of(audit(tmp_path, "DATA004"), "DATA004") is Status.PASSED


def test_data004_passes_a_dag_that_imports_the_training_module_whole(tmp_path: Path) -> None:
    tree = _fraud("fit_models", "from src import train_anomaly\n\nget_encoder = None")
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "DATA004"), "DATA004") is Status.PASSED
