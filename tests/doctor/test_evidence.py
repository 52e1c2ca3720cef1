"""A pass needs evidence from content: what a test asserts, what a notebook holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE, SERVICE_WITH_MODEL, TEST, TRAINING, notebook
from tests.doctor.helpers import Tree, audit

# SERVE003 asks how a service loads its model: it applies where there is a service.
TRAINED = {**TEST, **TRAINING}  # DATA005 asks for data tests of a repository that trains
WITH_SERVICE = SERVICE_WITH_MODEL


def ids(tree: Tree, check_id: str, root: Path) -> list[str]:
    build_file_tree(root, tree)
    return [f.id for f in audit(root, check_id).findings]


DATA_TESTS_THAT_DO_NOT_COUNT = {
    "file-name-only": {"tests/data/test_schema.py": "def test_columns():\n    pass\n"},
    "assert-false-placeholder": {
        "tests/test_data_quality.py": "def test_data():\n    assert False\n"
    },
    "schema-fuzz": {
        "tests/service/test_schema_fuzz.py": (
            "from hypothesis import given\nfrom pydantic import ValidationError\n\n"
            "from demo.schemas import Request\n\n\n@given(...)\ndef test_rows(row):\n"
            "    assert Request(rows=[row]).rows\n"
        )
    },
    "reads-but-asserts-nothing-about-data": {
        "tests/test_io.py": (
            "import pandas as pd\n\n\ndef test_reads():\n"
            "    frame = pd.read_csv('x.csv')\n    assert frame is not None\n"
        )
    },
}
DATA_TESTS_THAT_COUNT = {
    "reads-and-asserts": {
        "tests/test_raw.py": (
            "import pandas as pd\n\n\ndef test_columns():\n"
            "    frame = pd.read_parquet('data/raw.parquet')\n"
            "    assert list(frame.columns) == ['a', 'b']\n"
        )
    },
    "fixture-in-conftest": {
        "tests/conftest.py": (
            "import pandas as pd\nimport pytest\n\n\n@pytest.fixture\ndef train():\n"
            "    return pd.read_csv('data/train.csv')\n"
        ),
        "tests/data/test_train.py": (
            "def test_no_duplicates(train):\n    assert not train.duplicated().any()\n"
        ),
    },
    "pandera": {"tests/test_schema.py": "import pandera as pa\n"},
}


@pytest.mark.parametrize("name", sorted(DATA_TESTS_THAT_DO_NOT_COUNT))
def test_data005_fires_without_a_test_that_asserts_on_data(tmp_path: Path, name: str) -> None:
    assert ids({**TRAINED, **DATA_TESTS_THAT_DO_NOT_COUNT[name]}, "DATA005", tmp_path) == [
        "DATA005"
    ]


@pytest.mark.parametrize("name", sorted(DATA_TESTS_THAT_COUNT))
def test_data005_passes_on_a_test_that_asserts_on_data(tmp_path: Path, name: str) -> None:
    build_file_tree(tmp_path, {**TRAINED, **DATA_TESTS_THAT_COUNT[name]})
    report = audit(tmp_path, "DATA005")
    assert report.findings == ()
    assert report.results[-1].reason.startswith("tests/")


def test_data005_pass_names_the_assertion(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**TRAINED, **DATA_TESTS_THAT_COUNT["reads-and-asserts"]})
    reason = audit(tmp_path, "DATA005").results[-1].reason
    assert reason == "tests/test_raw.py:6 assert list(frame.columns) == ['a', 'b']"


CLIENT = (
    "from fastapi.testclient import TestClient\n\nfrom demo.app import app\n\n"
    "client = TestClient(app)\n\n\n"
)


@pytest.mark.parametrize(
    "body",
    [
        'def test_root():\n    assert client.get("/").status_code == 200\n',
        'def test_health():\n    assert client.get("/health").status_code == 200\n',
    ],
    ids=["get-root", "get-health"],
)
def test_test003_fires_on_tests_that_never_call_a_prediction(tmp_path: Path, body: str) -> None:
    tree = {**SERVICE, **TEST, "tests/test_api.py": CLIENT + body}
    assert ids(tree, "TEST003", tmp_path) == ["TEST003"]


@pytest.mark.parametrize(
    "body",
    [
        'def test_predict():\n    assert client.post("/predict", json={}).status_code == 422\n',
        'def test_score():\n    assert client.get(f"/v1/score?x={1}").status_code == 200\n',
        "def test_post(url):\n    assert client.post(url, json={}).status_code == 200\n",
    ],
    ids=["post-predict", "get-score", "post-to-a-variable"],
)
def test_test003_passes_on_a_request_to_a_prediction_route(tmp_path: Path, body: str) -> None:
    tree = {**SERVICE, **TEST, "tests/test_api.py": CLIENT + body}
    assert ids(tree, "TEST003", tmp_path) == []


CONFTEST_CLIENT = (
    "import pytest\nfrom fastapi.testclient import TestClient\n\nfrom demo.app import app\n\n\n"
    "@pytest.fixture()\ndef client():\n    return TestClient(app)\n"
)
PREDICT_WITH_FIXTURE = (
    "def test_predict(client):\n"
    '    assert client.post("/api/predict", json={}).status_code == 422\n'
)


def test_test003_follows_a_client_fixture_from_conftest(tmp_path: Path) -> None:
    tree = {
        **SERVICE,
        "tests/conftest.py": CONFTEST_CLIENT,
        "tests/api/test_predict.py": PREDICT_WITH_FIXTURE,
    }
    assert ids(tree, "TEST003", tmp_path) == []


def test_test003_needs_the_fixture_above_the_test(tmp_path: Path) -> None:
    tree = {
        **SERVICE,
        "tests/api/conftest.py": CONFTEST_CLIENT,
        "tests/other/test_predict.py": PREDICT_WITH_FIXTURE,
    }
    assert ids(tree, "TEST003", tmp_path) == ["TEST003"]


def test_nb003_reads_notebooks_over_2_mb(tmp_path: Path) -> None:
    outputs = json.dumps([{"output_type": "stream", "name": "stdout", "text": "x" * 2_500_000}])
    build_file_tree(tmp_path, {"big.ipynb": notebook('["df"]', outputs)})
    (finding,) = audit(tmp_path, "NB003").findings
    assert (finding.path, finding.message.rsplit(": ", 1)[1]) == ("big.ipynb", "2500 kB of outputs")


def test_nb003_is_silent_on_a_large_notebook_whose_size_is_code(tmp_path: Path) -> None:
    source = json.dumps(["x = 1\n"] * 400_000)
    build_file_tree(tmp_path, {"big.ipynb": notebook(source)})
    assert audit(tmp_path, "NB003").findings == ()


SAFE_LOADS = {
    "docstring-and-comment": (
        '"""Load with torch.load(path) or pickle.load(f)."""\n\n'
        "# joblib.load(path) would run code\nimport torch\n"
    ),
    "weights-only-after-a-nested-call": (
        "import io\n\nimport torch\n\n\ndef load(b):\n"
        "    return torch.load(io.BytesIO(b), weights_only=True)\n"
    ),
    "feature-matrix-by-path": (
        "import pandas as pd\n\nfeatures = pd.read_pickle('data/processed/features.pkl')\n"
    ),
    "feature-matrix-by-target": (
        "import pickle\n\nwith open(path, 'rb') as f:\n    X_train, y_train = pickle.load(f)\n"
    ),
    "feature-matrix-through-a-helper": (
        "import os\nimport pickle\n\n\ndef load_pickle(filename):\n"
        "    with open(filename, 'rb') as f_in:\n        return pickle.load(f_in)\n\n\n"
        "X_val, y_val = load_pickle(os.path.join(data_path, 'val.pkl'))\n"
    ),
    "hash-verified-where-it-loads": (
        "import hashlib\nimport joblib\n\n\ndef load(path, digest):\n"
        "    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest\n"
        "    return joblib.load(path)\n"
    ),
}
UNSAFE_LOADS = {
    "imported-name": "from joblib import load\n\nmodel = load('models/model.joblib')\n",
    "aliased-module": (
        "import pickle as pkl\n\nwith open('m.pkl', 'rb') as f:\n    m = pkl.load(f)\n"
    ),
    "torch-load-with-map-location": (
        "import torch\n\nstate = torch.load('models/model.pt', map_location='cpu')\n"
    ),
    "hash-computed-elsewhere": (
        "import hashlib\nimport pickle\n\n\ndef digest(p):\n"
        "    return hashlib.sha256(p).hexdigest()\n\n\ndef load(p):\n"
        "    with open(p, 'rb') as f:\n        return pickle.load(f)\n"
    ),
}


@pytest.mark.parametrize("name", sorted(SAFE_LOADS))
def test_serve003_is_silent_on_loads_that_cannot_run_a_models_code(
    tmp_path: Path, name: str
) -> None:
    assert ids({**WITH_SERVICE, "src/demo/model.py": SAFE_LOADS[name]}, "SERVE003", tmp_path) == []


@pytest.mark.parametrize("name", sorted(UNSAFE_LOADS))
def test_serve003_reports_a_model_load_in_code(tmp_path: Path, name: str) -> None:
    tree = {**WITH_SERVICE, "src/demo/model.py": UNSAFE_LOADS[name]}
    assert ids(tree, "SERVE003", tmp_path) == ["SERVE003"]


NON_ROOT_IMAGES = {
    "inherits-user-from-its-base-stage": (
        "FROM python:3.12-slim AS base\nRUN useradd app\nUSER app\n\n"
        "FROM base AS serve\nCOPY app.py .\n"
    ),
    "distroless-nonroot": "FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY app.py .\n",
    "vendor-base-that-runs-as-non-root": (
        "FROM quay.io/astronomer/ap-airflow:2.5.0-onbuild\nCOPY dags/ dags/\n"
    ),
}
ROOT_IMAGES = {
    "base-stage-without-user": "FROM python:3.12-slim AS base\n\nFROM base\nCOPY app.py .\n",
    "distroless-default-user": "FROM gcr.io/distroless/python3-debian12\nCOPY app.py .\n",
    "back-to-root-after-the-base": (
        "FROM python:3.12-slim AS base\nUSER app\n\nFROM base\nUSER root\n"
    ),
}


@pytest.mark.parametrize("name", sorted(NON_ROOT_IMAGES))
def test_img003_is_silent_on_an_image_that_runs_as_non_root(tmp_path: Path, name: str) -> None:
    assert ids({"Dockerfile": NON_ROOT_IMAGES[name]}, "IMG003", tmp_path) == []


@pytest.mark.parametrize("name", sorted(ROOT_IMAGES))
def test_img003_reports_an_image_that_runs_as_root(tmp_path: Path, name: str) -> None:
    assert ids({"Dockerfile": ROOT_IMAGES[name]}, "IMG003", tmp_path) == ["IMG003"]


def test_img004_reports_copy_from_an_unpinned_image(tmp_path: Path) -> None:
    dockerfile = (
        "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\nUSER app\n"
    )
    build_file_tree(tmp_path, {"Dockerfile": dockerfile})
    (finding,) = audit(tmp_path, "IMG004").findings
    assert (finding.line, finding.message.rsplit(": ", 1)[1]) == (
        2,
        "COPY --from=ghcr.io/astral-sh/uv:latest is not pinned",
    )


def test_img004_is_silent_on_copy_from_a_stage_or_a_pinned_image(tmp_path: Path) -> None:
    dockerfile = (
        "FROM python:3.12-slim AS build\nRUN pip wheel .\n\nFROM python:3.12-slim\n"
        "COPY --from=build /wheels /wheels\nCOPY --from=0 /x /x\n"
        "COPY --from=ghcr.io/astral-sh/uv:0.5.4 /uv /bin/\nUSER app\n"
    )
    assert ids({"Dockerfile": dockerfile}, "IMG004", tmp_path) == []


def test_img005_names_only_the_folders_the_repository_has(tmp_path: Path) -> None:
    tree = {
        "Dockerfile": "FROM python:3.12\nCOPY . .\nUSER app\n",
        ".dockerignore": "*.pyc\n",
        "models/m.onnx": "x",
    }
    build_file_tree(tmp_path, tree)
    (finding,) = audit(tmp_path, "IMG005").findings
    assert finding.message.endswith(".dockerignore lets .git, models/ in")


def test_img005_is_silent_without_an_ignore_file_when_nothing_whole_is_copied(
    tmp_path: Path,
) -> None:
    tree = {"Dockerfile": "FROM python:3.12\nCOPY app.py .\nUSER app\n", "data/x.csv": "a\n"}
    assert ids(tree, "IMG005", tmp_path) == []


def test_img005_reports_copy_of_the_whole_context_without_an_ignore_file(tmp_path: Path) -> None:
    tree = {"Dockerfile": "FROM python:3.12\nCOPY . .\nUSER app\n", "data/x.csv": "a\n"}
    assert ids(tree, "IMG005", tmp_path) == ["IMG005"]


def test_data003_is_silent_on_a_250_kb_sample(tmp_path: Path) -> None:
    assert ids({"data/sample.csv": "a,b\n" * 62_500}, "DATA003", tmp_path) == []


def test_data003_reports_a_data_file_over_1_mb(tmp_path: Path) -> None:
    assert ids({"data/train.csv": "a,b\n" * 260_000}, "DATA003", tmp_path) == ["DATA003"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (".env.default", "OPENAI_API_KEY=<your-api-key>\nDB_PASSWORD=changeme\n"),
        (".env", "API_TOKEN=<your-token>\nSECRET_KEY=${SECRET_KEY}\n"),
        (
            "src/demo/settings.py",
            'DB_PASSWORD = os.environ["DB_PASSWORD"]\nTOKEN_URL = "https://x.io/token/v1"\n',
        ),
        ("src/demo/settings.py", 'API_KEY = "your-api-key-goes-here-1234"\n'),
    ],
    ids=[
        "env-default-placeholders",
        "env-placeholders",
        "read-from-the-environment",
        "placeholder",
    ],
)
def test_sec001_is_silent_on_placeholders(tmp_path: Path, name: str, content: str) -> None:
    assert ids({name: content}, "SEC001", tmp_path) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # mlops: ignore[SEC001] made-up secrets the check must find in the test's tree
        ("src/demo/db.py", 'DB_PASSWORD = "q8Vw2rT5zLx9Kp3NfY7bHc4MdJ6sGe1AuZ0tWi2o"\n'),
        (
            "scripts/export.py",
            # mlops: ignore[SEC001] made-up
            'client = Client(url, api_key="78afe31b9c2d4e5f60718293a4b5c6d7e8f90a1b")\n',
        ),
        (".env", "API_TOKEN=abc\n"),
    ],
    ids=["high-entropy-literal", "keyword-argument", "env-file-value"],
)
def test_sec001_reports_a_literal_secret(tmp_path: Path, name: str, content: str) -> None:
    assert ids({name: content}, "SEC001", tmp_path) == ["SEC001"]


def test_env002_reports_unpinned_lines_once_per_file_with_the_count(tmp_path: Path) -> None:
    lines = "numpy\npandas>=2\nscikit-learn~=1.5\ntorch\nrequests==2.32.3\n"
    build_file_tree(tmp_path, {"requirements.txt": lines, "docs/requirements.txt": "sphinx\n"})
    findings = audit(tmp_path, "ENV002").findings
    assert [(f.path, f.line, f.message.split(": ", 1)[1]) for f in findings] == [
        (
            "requirements.txt",
            1,
            "4 requirements are not pinned to one version: "
            "`numpy`, `pandas>=2`, `scikit-learn~=1.5` and 1 more",
        ),
        ("docs/requirements.txt", 1, "`sphinx` is not pinned to one version"),
    ]


def test_img005_is_silent_when_the_final_stage_copies_only_from_a_build_stage(
    tmp_path: Path,
) -> None:
    dockerfile = (
        "FROM python:3.12 AS build\nCOPY . .\nRUN pip install --prefix /venv .\n\n"
        "FROM python:3.12-slim\nCOPY --from=build /venv /venv\nCOPY models/ models/\nUSER app\n"
    )
    tree = {"Dockerfile": dockerfile, ".dockerignore": "*.pyc\n", "data/x.csv": "a\n"}
    assert ids(tree, "IMG005", tmp_path) == []


def test_img005_reports_adding_the_git_folder(tmp_path: Path) -> None:
    tree = {"Dockerfile": "FROM python:3.12\nADD .git .git\nUSER app\n", ".dockerignore": ".git\n"}
    build_file_tree(tmp_path, tree)
    (finding,) = audit(tmp_path, "IMG005").findings
    assert (finding.line, finding.message.rsplit(": ", 1)[1]) == (
        2,
        "ADD .git puts the repository's history in",
    )


def test_data005_passes_on_an_assertion_through_a_derived_name(tmp_path: Path) -> None:
    test = (
        "import pandas as pd\n\n\ndef test_schema():\n    dataset = pd.read_csv('d.csv')\n"
        "    actual_columns = dataset.shape[1]\n    assert actual_columns == 10\n"
    )
    assert ids({**TRAINED, "data/data_test.py": test}, "DATA005", tmp_path) == []


def test_data005_passes_on_a_source_module_that_validates_data(tmp_path: Path) -> None:
    schema = "import pandera as pa\n\nInputs = pa.DataFrameSchema({})\n"
    assert ids({**TRAINED, "src/demo/schemas.py": schema}, "DATA005", tmp_path) == []


def test_data003_treats_any_file_under_a_data_folder_as_data(tmp_path: Path) -> None:
    tree = {"examples/data/penn/train.txt": "word " * 260_000}
    assert ids(tree, "DATA003", tmp_path) == ["DATA003"]


def test_sec001_reports_a_secret_key_in_a_config_file(tmp_path: Path) -> None:
    config = "['remote \"minio\"']\n    secret_access_key = fClXvko0ckQ7rT2mZp9LwX4sVb8NyH3gJd6K\n"
    assert ids({".dvc/config_example.local": config}, "SEC001", tmp_path) == ["SEC001"]


def test_sec001_is_silent_on_a_secret_name_in_a_config_file(tmp_path: Path) -> None:
    manifest = "env:\n  - name: API_TOKEN\n    secretName: my-secret-name-12345678\n"
    assert ids({"k8s/deploy.yaml": manifest}, "SEC001", tmp_path) == []


def test_docs003_passes_on_dvc_stages(tmp_path: Path) -> None:
    stages = "stages:\n  train:\n    cmd: python src/train.py\n"
    tree = {"dvc.yaml": stages, "src/train.py": "print('train')\n"}
    assert ids(tree, "DOCS003", tmp_path) == []


def test_data005_fires_on_a_validation_library_used_for_annotations_only(tmp_path: Path) -> None:
    nodes = (
        "from pandera.typing import Series\n\n\n"
        "def clean(x: Series[float]) -> Series[float]:\n    return x\n"
    )
    assert ids({**TRAINED, "src/demo/nodes.py": nodes}, "DATA005", tmp_path) == ["DATA005"]


def test_data005_passes_on_a_schema_class_of_a_validation_library(tmp_path: Path) -> None:
    schemas = "import pandera as pa\n\n\nclass Inputs(pa.DataFrameModel):\n    age: int\n"
    assert ids({**TRAINED, "src/demo/schemas.py": schemas}, "DATA005", tmp_path) == []


def test_code002_reports_a_disk_mounted_on_one_machine(tmp_path: Path) -> None:
    code = 'RUNS = f"/media/ML/mlflow/artifacts/{run_id}/"\n'
    assert ids({"src/demo/evaluate.py": code}, "CODE002", tmp_path) == ["CODE002"]


def test_code002_leaves_a_media_url_alone(tmp_path: Path) -> None:
    code = 'MEDIA_URL = "/media/"\nROUTE = "/media/<path:name>"\n'
    assert ids({"src/demo/settings.py": code}, "CODE002", tmp_path) == []


BENTO_SERVICE = {
    "service.py": (
        "import bentoml\n\nsvc = bentoml.Service('clf')\n\n\n"
        "@svc.api(input=bentoml.io.JSON(), output=bentoml.io.JSON())\n"
        "def classify(rows):\n    return rows\n"
    )
}
BENTO_TEST = (
    "import bentoml\n\n\ndef test_served(bento):\n"
    "    with bentoml.HTTPServer(bento, port=3000).start() as client:\n"
)


def test_test003_fires_on_a_bento_test_that_only_checks_health(tmp_path: Path) -> None:
    body = "        assert client.health().status == 200\n"
    tree = {**BENTO_SERVICE, **TEST, "tests/test_bento.py": BENTO_TEST + body}
    assert ids(tree, "TEST003", tmp_path) == ["TEST003"]


def test_test003_passes_on_a_bento_test_that_calls_its_api(tmp_path: Path) -> None:
    body = '        assert client.async_classify([1.0]) or client.call("classify", [1.0])\n'
    tree = {**BENTO_SERVICE, **TEST, "tests/test_bento.py": BENTO_TEST + body}
    assert ids(tree, "TEST003", tmp_path) == []


SCRIPTS_ONLY = {"app/main.py": "VALUE = 1\n", "train.py": "print('training')\n"}


def test_code001_fires_when_the_tests_import_none_of_the_code(tmp_path: Path) -> None:
    tree = {
        **SCRIPTS_ONLY,
        "tests/test_numbers.py": "import math\n\n\ndef test_pi():\n    assert math.pi > 3\n",
    }
    assert ids(tree, "CODE001", tmp_path) == ["CODE001"]


@pytest.mark.parametrize(
    "statement", ["from app.main import VALUE", "import train"], ids=["namespace", "root-module"]
)
def test_code001_passes_when_the_tests_import_the_code(tmp_path: Path, statement: str) -> None:
    tree = {**SCRIPTS_ONLY, "tests/test_app.py": f"{statement}\n\n\ndef test_it():\n    pass\n"}
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, "CODE001")
    assert report.findings == ()
    assert report.results[-1].reason.startswith("tests/test_app.py imports")


FLAT_FOLDER = {"model/train.py": "def fit():\n    return 1\n", "serve.py": "print('up')\n"}


@pytest.mark.parametrize(
    ("test", "reported"),
    [("model/test_train.py", False), ("tests/test_train.py", True)],
    ids=["beside-the-module", "elsewhere"],
)
def test_code001_follows_a_test_to_the_modules_of_its_own_folder(
    tmp_path: Path, test: str, reported: bool
) -> None:
    tree = {**FLAT_FOLDER, test: "from train import fit\n\n\ndef test_fit():\n    assert fit()\n"}
    assert ids(tree, "CODE001", tmp_path) == (["CODE001"] if reported else [])


RENDERS_SCRIPTS = {
    "cookiecutter.json": '{"name": "demo"}\n',
    "{{ cookiecutter.name }}/pipeline/train.py": "print('training')\n",
}


@pytest.mark.parametrize(
    ("package", "reported"), [({}, True), ({"{{ cookiecutter.name }}/src/__init__.py": ""}, False)]
)
def test_code001_judges_the_scripts_a_template_renders(
    tmp_path: Path, package: Tree, reported: bool
) -> None:
    tree = {**RENDERS_SCRIPTS, **package}
    assert ids(tree, "CODE001", tmp_path) == (["CODE001"] if reported else [])


PACKAGE_ONLY = {"src/demo/__init__.py": ""}
TEST_OF_OUR_OWN = "from demo import features\n\n\ndef test_scale():\n    assert features\n"
GENERATED_TESTS = {
    "tests/pipelines/train/test_pipeline.py": '"""Please add your pipeline tests here."""\n',
    "tests/test_run.py": (
        '"""Example tests."""\n# The tests below are here for the demonstration purpose\n'
        "# and should be replaced\n\n\nclass TestRun:\n    def test_run(self):\n"
        "        assert True\n"
    ),
}


def test_test001_fires_on_a_generators_placeholders_only(tmp_path: Path) -> None:
    assert ids({**PACKAGE_ONLY, **GENERATED_TESTS}, "TEST001", tmp_path) == ["TEST001"]


def test_test001_passes_once_a_module_defines_a_test_of_its_own(tmp_path: Path) -> None:
    tree = {**PACKAGE_ONLY, **GENERATED_TESTS, "tests/test_features.py": TEST_OF_OUR_OWN}
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, "TEST001")
    assert report.findings == ()
    assert report.results[-1].reason == "tests/test_features.py defines tests"


POETRY_PLACEHOLDER = (
    'from demo import __version__\n\n\ndef test_version():\n    assert __version__ == "0.1.0"\n'
)


def test_test001_fires_on_poetrys_version_placeholder_alone(tmp_path: Path) -> None:
    tree = {**PACKAGE_ONLY, "tests/test_demo.py": POETRY_PLACEHOLDER}
    assert ids(tree, "TEST001", tmp_path) == ["TEST001"]


def test_test001_passes_once_the_placeholders_module_tests_something_else(
    tmp_path: Path,
) -> None:
    module = POETRY_PLACEHOLDER + "\n\ndef test_scale():\n    assert features\n"
    build_file_tree(tmp_path, {**PACKAGE_ONLY, "tests/test_demo.py": module})
    assert audit(tmp_path, "TEST001").findings == ()
