"""Session 45, from rounds 38 to 40: a served model's known answer checked against the
whole reply and a champion's metric read at its key (TEST002), a CDK app deployed with all
its stacks (DOCS001), the Airflow image's home (CODE002), `.dat` files in a data folder
(DATA001), NVIDIA's registry's CUDA image as a workbench (IMG003), SageMaker's data capture
in a TypeScript CDK stack (MON001); kinds: a package described as a lecture series, a
sample app, an example of a pipeline and a book's companion code; and a path a docstring
shows (CODE002)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import PACKAGE, TEST, notebook
from tests.doctor.helpers import Tree, committed_status
from tests.doctor.test_fifteenth_round_kinds import SERVED_MODEL, _kind
from tests.doctor.test_session32_data001 import data001
from tests.doctor.test_session32_prediction_records import SAGEMAKER_DEPLOY, _mon001
from tests.doctor.test_session40_docs import CDK_APP
from tests.doctor.test_session44_tests import SERVICE

WHOLE_REPLY = (
    "from fastapi.testclient import TestClient\nfrom app import app\n\n"
    "client = TestClient(app)\n\n\ndef test_predict_known_sample():\n"
    "    reply = client.post('/predict', params={{'x': 3.0}})\n"
    "    assert reply.status_code == 200\n"
    "{check}"
)


@pytest.mark.parametrize(
    ("check", "status"),
    [
        ("    assert reply.json() == {'prediction': 1}\n", "passed"),
        ("    body = reply.json()\n    assert body == {'Income Prediction': '<=50K'}\n", "passed"),
        # the reply's shape, not the model's answer: a worse model passes it
        ("    assert reply.json() == {'status': 'ok'}\n", "failed"),
        ("    assert reply.json() == {'prediction': reply.json()['prediction']}\n", "failed"),
    ],
)
def test_test002_reads_a_known_answer_written_as_the_whole_reply(
    tmp_path: Path, check: str, status: str
) -> None:
    tree = {**SERVICE, "tests/test_app.py": WHOLE_REPLY.format(check=check)}
    assert committed_status(tmp_path, tree, "TEST002") == status


# -- TEST002: the champion's metric read from its record at a key ---------------------------

SELECTION = (
    "def select(champion_dict, champion_model, best_model, f1_test_score):\n"
    "    if {record} < f1_test_score:\n"
    "        return best_model\n"
    "    return champion_model\n"
)


@pytest.mark.parametrize(
    ("record", "status"),
    [
        ("champion_dict.get('test_f1', 0.0)", "passed"),
        ("champion_dict['test_f1']", "passed"),
        # a record that is no model in production, or a key that is no metric
        ("history.get('test_f1', 0.0)", "failed"),
        ("champion_dict.get('created_at')", "failed"),
    ],
)
def test_test002_reads_the_champions_metric_at_its_key(
    tmp_path: Path, record: str, status: str
) -> None:
    code = SELECTION.format(record=record)
    tree = {**PACKAGE, **TEST, "pipeline/model_selection.py": code}
    assert committed_status(tmp_path, tree, "TEST002") == status


# -- DOCS001: a CDK app deployed with every one of its stacks -------------------------------


@pytest.mark.parametrize(
    ("command", "status"), [('cdk deploy "*"', "passed"), ("cdk deploy", "failed")]
)
def test_docs001_reads_a_cdk_deploy_of_all_stacks_as_setting_up(
    tmp_path: Path, command: str, status: str
) -> None:
    readme = f"# Pipelines\n\n## Deploy\n\n```bash\nnpm install\n{command}\n```\n"
    tree = {**PACKAGE, **CDK_APP, "README.md": readme}
    assert committed_status(tmp_path, tree, "DOCS001") == status


# -- CODE002: the Airflow image's home is a container path ----------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [("/home/airflow/models/model.joblib", "passed"), ("/home/ana/models/model.joblib", "failed")],
)
def test_code002_leaves_the_airflow_images_home_alone(
    tmp_path: Path, path: str, status: str
) -> None:
    dag = f'import joblib\n\n\ndef save(model):\n    joblib.dump(model, "{path}")\n'
    tree = {
        "src/train.py": "from sklearn.linear_model import LinearRegression\n",
        "dags/train.py": dag,
    }
    assert committed_status(tmp_path, tree, "CODE002") == status


# -- DATA001: MovieLens' `.dat` files in a data folder are data ----------------------------


@pytest.mark.parametrize(
    ("committed", "status"),
    [("data/raw/ratings.dat", Status.PASSED), ("config/ratings.dat", Status.FAILED)],
)
def test_data001_reads_dat_files_in_a_data_folder_as_data(
    tmp_path: Path, committed: str, status: Status
) -> None:
    load = (
        "import os\n\nimport pandas as pd\n\n"
        'RATINGS = os.path.join(DATA_DIR, "ratings.dat")\n'
        'frame = pd.read_csv(RATINGS, sep="::")\n'
    )
    files = {committed: "1::1193::5::978300760\n", "src/demo/prepare.py": load}
    assert data001(tmp_path, files) is status


# -- kinds: a package its description calls a lecture series -------------------------------


def _lecture_package(description: str) -> Tree:
    pyproject = (
        f'[tool.poetry]\nname = "bytes"\nversion = "0.1.0"\ndescription = "{description}"\n'
        'authors = ["A <a@example.com>"]\n\n[tool.poetry.dependencies]\npython = ">=3.9"\n'
        'zenml = "0.35.1"\n'
    )
    return {
        "README.md": "# Bytes\n\nSee the notebooks.\n",
        "pyproject.toml": pyproject,
        "pipelines/__init__.py": "",
        "pipelines/training_pipeline.py": "from zenml import pipeline\n",
        "steps/__init__.py": "",
        "steps/trainer.py": "def train(model, x, y):\n    return model.fit(x, y)\n",
        "1-1_Pipelines.ipynb": notebook('["from pipelines import training_pipeline"]'),
    }


@pytest.mark.parametrize(
    ("description", "kind"),
    # without the word, what the rest of the tree says (a pipeline that trains)
    [("ZenML's MLOps lecture series.", "example"), ("ZenML pipelines for digits.", "application")],
)
def test_a_package_described_as_a_lecture_series_is_an_example(
    tmp_path: Path, description: str, kind: str
) -> None:
    assert _kind(tmp_path, _lecture_package(description)) == kind


# -- IMG003: NVIDIA's own registry's CUDA image keeps its shell, as Docker Hub's does ------


@pytest.mark.parametrize(
    ("command", "status"), [("", "passed"), ('CMD ["python", "serve.py"]\n', "failed")]
)
def test_img003_reads_an_nvcr_cuda_image_without_a_command_as_a_workbench(
    tmp_path: Path, command: str, status: str
) -> None:
    dockerfile = (
        "FROM nvcr.io/nvidia/cuda:12.8.1-cudnn-devel-ubuntu20.04\n"
        "COPY pyproject.toml .\nRUN pip install uv && uv sync --no-install-project\n" + command
    )
    tree = {**PACKAGE, "Dockerfile": dockerfile, "serve.py": "print('serving')\n"}
    assert committed_status(tmp_path, tree, "IMG003") == status


# -- MON001: SageMaker's data capture set in a CDK app written in TypeScript ----------------

CDK_STACK = """import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';

export function endpointConfig(scope: Construct) {
  return new sagemaker.CfnEndpointConfig(scope, 'Config', {
    productionVariants: [{ modelName: 'scorer', variantName: 'main' }],
{capture}  });
}
"""
TS_CAPTURE = (
    "    dataCaptureConfig: {\n      enableCapture: true,\n      initialSamplingPercentage: 30,\n"
    "      destinationS3Uri: 's3://captures/scorer',\n    },\n"
)


@pytest.mark.parametrize(("capture", "status"), [(TS_CAPTURE, "passed"), ("", "failed")])
def test_mon001_reads_data_capture_set_in_a_typescript_cdk_stack(
    tmp_path: Path, capture: str, status: str
) -> None:
    tree = {
        "src/demo/app.py": SAGEMAKER_DEPLOY,
        "lib/serving-stack.ts": CDK_STACK.replace("{capture}", capture),
    }
    assert _mon001(tmp_path, tree) == status


# -- kinds: an example, a sample app, a book's companion code, in the README's opening -----


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("A sample Flask application to showcase the Azure Pipeline.", "example"),
        ("End to end example of Metaflow pipeline (Python)", "example"),
        (
            "Code repository accompanying the O'Reilly [*MLOps in Practice*](https://x.io) book.",
            "example",
        ),
        # the product's own words: a sample of data, a pipeline it runs, a book it sells
        ("A Flask application that prices houses from a sample of listings.", "application"),
        ("The training pipeline runs every night.", "application"),
        ("Recommends the next book a reader will enjoy.", "application"),
    ],
)
def test_the_readmes_opening_says_the_repository_is_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    readme = f"# Pricing\n\n{opening}\n\n## Run\n\n```bash\npip install -r requirements.txt\n```\n"
    assert _kind(tmp_path, {**SERVED_MODEL, "README.md": readme}) == kind


# -- CODE002: a path a docstring shows is prose, not code -----------------------------------


@pytest.mark.parametrize(
    ("module", "status"),
    [
        (
            'def load():\n    """Read the data (e.g. "/Users/ana/data.csv" on a laptop)."""\n',
            "passed",
        ),
        ('"""\nDATA = "/Users/ana/data.csv"\n"""\nDATA = "data.csv"\n', "passed"),  # switched off
        ('def load():\n    """Read the data."""\n    return "/Users/ana/data.csv"\n', "failed"),
    ],
)
def test_code002_reads_code_not_docstrings(tmp_path: Path, module: str, status: str) -> None:
    tree = {
        "src/train.py": "from sklearn.linear_model import LinearRegression\n",
        "src/data.py": module,
    }
    assert committed_status(tmp_path, tree, "CODE002") == status
