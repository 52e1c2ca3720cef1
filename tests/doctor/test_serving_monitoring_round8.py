"""The code a service runs, followed through the repository's own imports (SERVE003), and
predictions logged or stored for real (MON001)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import notebook
from tests.doctor.helpers import audit

MODEL_SETUP = (
    "from setuptools import setup\n\nsetup(name='titanic-model', packages=['titanic_model'])\n"
)
LOADER = (
    "import joblib\n\n\ndef load_pipeline(*, file_name):\n"
    "    return joblib.load(filename=TRAINED / file_name)\n"
)
PREDICT = (
    "from titanic_model.processing.data_manager import load_pipeline\n\n"
    "_pipe = load_pipeline(file_name='pipeline.pkl')\n\n\n"
    "def make_prediction(*, input_data):\n    return _pipe.predict(input_data)\n"
)
# A course of two projects: the model package (installed with its setup.py) and the API.
MODEL_PACKAGE = {
    "classification_model/setup.py": MODEL_SETUP,
    "classification_model/requirements.txt": "joblib==1.4.2\n",
    "classification_model/titanic_model/__init__.py": "",
    "classification_model/titanic_model/predict.py": PREDICT,
    "classification_model/titanic_model/processing/__init__.py": "",
    "classification_model/titanic_model/processing/data_manager.py": LOADER,
}
API = (
    "from fastapi import APIRouter\n\n{imports}\n\napi_router = APIRouter()\n\n\n"
    "@api_router.post('/predict')\ndef predict(rows: list) -> dict:\n"
    "    return {{'predictions': {call}}}\n"
)


def _api(imports: str, call: str) -> dict[str, str]:
    return {
        "titanic-api/requirements.txt": "fastapi==0.115.0\n",
        "titanic-api/app/__init__.py": "",
        "titanic-api/app/api.py": API.format(imports=imports, call=call),
    }


def _serve003(root: Path) -> list[str]:
    return [f"{f.path}:{f.line}" for f in audit(root, "SERVE003").findings]


# Read as one application, and as a course whose projects are audited apart (the API's
# project then reaches its sibling's files).
LAYOUTS = pytest.mark.parametrize("readme", ["", "# Deploying a model: a course\n"])


@LAYOUTS
def test_serve003_follows_the_service_into_the_repositorys_model_package(
    tmp_path: Path, readme: str
) -> None:
    imports = "from titanic_model.predict import make_prediction"
    api = _api(imports, "make_prediction(input_data=rows)")
    build_file_tree(tmp_path, {**MODEL_PACKAGE, **api, "README.md": readme})
    assert _serve003(tmp_path) == [
        "classification_model/titanic_model/processing/data_manager.py:5"
    ]


@LAYOUTS
def test_serve003_leaves_a_package_the_service_does_not_import(tmp_path: Path, readme: str) -> None:
    api = _api("import json", "json.loads('[]')")
    build_file_tree(tmp_path, {**MODEL_PACKAGE, **api, "README.md": readme})
    assert _serve003(tmp_path) == []


@pytest.mark.parametrize(
    ("project_file", "reported"),
    [("scorer/pyproject.toml", True), ("scorer/NOTES.md", False)],
)
def test_serve003_follows_an_import_into_an_installed_projects_src_layout(
    tmp_path: Path, project_file: str, reported: bool
) -> None:
    """A module found only in a folder that is neither above the service nor a project
    installed from the repository is another package of the same name: not followed."""
    tree = {
        project_file: "[project]\nname = 'scorer'\n",
        "scorer/src/scorer_model/__init__.py": "",
        "scorer/src/scorer_model/load.py": "import joblib\n\nMODEL = joblib.load('m.joblib')\n",
        "api/main.py": (
            "from fastapi import FastAPI\n\nfrom scorer_model.load import MODEL\n\n"
            "app = FastAPI()\n"
        ),
    }
    build_file_tree(tmp_path, tree)
    assert _serve003(tmp_path) == (["scorer/src/scorer_model/load.py:3"] if reported else [])


def test_serve003_follows_a_relative_import_of_the_services_package(tmp_path: Path) -> None:
    tree = {
        "src/scorer/__init__.py": "",
        "src/scorer/app.py": (
            "from flask import Flask\n\nfrom .model import MODEL\n\napp = Flask(__name__)\n"
        ),
        "src/scorer/model.py": (
            "import pickle\n\nwith open('models/model.pkl', 'rb') as f:\n"
            "    MODEL = pickle.load(f)\n"
        ),
    }
    build_file_tree(tmp_path, tree)
    assert _serve003(tmp_path) == ["src/scorer/model.py:4"]


# A collection of examples: one service, and research scripts that unpickle what they made.
RESEARCH = {
    "README.md": "# Code for my videos\n",
    "bentoml_demo/requirements.txt": "bentoml==1.3.0\n",
    "bentoml_demo/service.py": (
        "import bentoml\n\nmodel = bentoml.onnx.get('iris_clf:latest').to_runner()\n"
        "svc = bentoml.Service('iris', runners=[model])\n"
    ),
    "neuron/requirements.txt": "torch==2.4.1\n",
    "neuron/evaluate_noise.py": (
        "import pickle\n\nwith open('results/solver.pkl', 'rb') as f:\n"
        "    solver = pickle.load(f)\n"
    ),
}


def test_serve003_does_not_judge_research_scripts_beside_a_service(tmp_path: Path) -> None:
    build_file_tree(tmp_path, RESEARCH)
    report = audit(tmp_path, "SERVE003")
    assert report.findings == ()
    assert Status.PASSED in {r.status for r in report.results if r.id == "SERVE003"}


def test_serve003_judges_a_script_the_service_imports(tmp_path: Path) -> None:
    service = "import bentoml\n\nfrom evaluate_noise import solver\n\nsvc = bentoml.Service('x')\n"
    tree = {**RESEARCH, "neuron/service.py": service}
    build_file_tree(tmp_path, tree)
    assert _serve003(tmp_path) == ["neuron/evaluate_noise.py:4"]


def _mon001(root: Path, tree: dict[str, str]) -> bool:
    """Whether MON001 reports the service of `tree`."""
    build_file_tree(root, tree)
    return "MON001" in {f.id for f in audit(root, "SERVE001", "MON001").findings}


SCORING = (
    "import json\nimport logging\n\nfrom flask import Flask, request\n\n"
    "app = Flask(__name__)\nlogger = logging.getLogger(__name__)\n\n\n"
    "@app.post('/predict')\ndef predict():\n    result = MODEL.predict(request.json['rows'])\n"
    "    {log}\n    return {{'result': result.tolist()}}\n"
)
JSON_LOGS = {
    "dumped-dict": "print(json.dumps({'request_id': request.id, 'prediction': result.tolist()}))",
    "dumped-name": (
        "entry = {'input': request.json, 'predictions': result.tolist()}\n"
        "    logger.info(json.dumps(entry))"
    ),
    "json-template": (
        'print((\'{{"RequestId":"{0}", "NumberOfPredictions":{1}}}\')'
        ".format(request.id, len(result)))"
    ),
}
NOT_JSON_LOGS = {
    "dumped-without-prediction": "print(json.dumps({'status': 'ok'}))",
    "free-text": "logger.info(f'prediction={result}')",
}


@pytest.mark.parametrize("name", sorted(JSON_LOGS))
def test_mon001_passes_on_predictions_printed_or_logged_as_json(tmp_path: Path, name: str) -> None:
    tree = {"scoring/score.py": SCORING.format(log=JSON_LOGS[name])}
    assert not _mon001(tmp_path, tree)


@pytest.mark.parametrize("name", sorted(NOT_JSON_LOGS))
def test_mon001_reports_json_without_a_prediction_and_free_text(tmp_path: Path, name: str) -> None:
    tree = {"scoring/score.py": SCORING.format(log=NOT_JSON_LOGS[name])}
    assert _mon001(tmp_path, tree)


def test_mon001_does_not_count_json_printed_by_a_script_the_service_does_not_run(
    tmp_path: Path,
) -> None:
    client = (
        "import json\n\nprediction = post_rows()\nprint(json.dumps({'prediction': prediction}))\n"
    )
    tree = {"scoring/score.py": SCORING.format(log="pass"), "scripts/call_api.py": client}
    assert _mon001(tmp_path, tree)


JSON_FORMATTER = (
    "import json\nimport logging\n\n\nclass JSONFormatter(logging.Formatter):\n"
    "    def format(self, record):\n"
    "        return json.dumps({'message': record.getMessage(), **getattr(record, 'fields', {})})\n"
)


@pytest.mark.parametrize(
    ("log", "reported"),
    [
        ("logger.info('scored', extra={'fields': {}, 'prediction': result.tolist()})", False),
        ("PREDICTIONS.log_prediction(request.id, result)", False),  # the service's own
        ("logger.error('prediction failed')", True),  # the formatter logs no prediction
        ("logger.info(f'prediction={result}')", True),  # free text inside the JSON envelope
    ],
)
def test_mon001_with_a_json_formatter_needs_the_prediction_logged_as_a_field(
    tmp_path: Path, log: str, reported: bool
) -> None:
    tree = {"scoring/score.py": SCORING.format(log=log), "scoring/logs.py": JSON_FORMATTER}
    assert _mon001(tmp_path, tree) is reported


def test_mon001_a_prediction_logger_without_a_structured_logger_is_not_one(
    tmp_path: Path,
) -> None:
    tree = {"scoring/score.py": SCORING.format(log="log_prediction(request.id, result)")}
    assert _mon001(tmp_path, tree)


# A batch predictor that a Lambda handler runs: the write is in a helper of its module.
PREDICTOR = (
    "import boto3\n\n\ndef _write_parquet_s3(df, bucket, key):\n"
    "    boto3.client('s3').put_object(Bucket=bucket, Key=key, Body=df.to_parquet())\n\n\n"
    "def main(bucket):\n    predictions = score(load_features())\n"
    "    for day, shard in predictions.groupby('dt'):\n"
    "        {write}\n"
)
HANDLER = (
    "from predictor import main\n\n\ndef handler(event, context):\n    main(event['bucket'])\n"
)


@pytest.mark.parametrize(
    ("write", "reported"),
    [
        ("_write_parquet_s3(shard, bucket, prediction_key(day))", False),
        ("print(len(shard))", True),
    ],
)
def test_mon001_follows_a_prediction_write_into_a_helper_of_the_module(
    tmp_path: Path, write: str, reported: bool
) -> None:
    tree = {"lambda/predictor.py": PREDICTOR.format(write=write), "lambda/handler.py": HANDLER}
    assert _mon001(tmp_path, tree) is reported


GRADIO_PAGE = (
    "import gradio as gr\nimport joblib\n\nmodel = joblib.load('models/model.joblib')\n\n\n"
    "def classify(text):\n    return {predict}\n\n\n"
    "demo = gr.Interface(fn=classify, inputs='text', outputs='label')\ndemo.launch()\n"
)


def test_a_gradio_app_that_predicts_is_a_judged_service(tmp_path: Path) -> None:
    page = GRADIO_PAGE.format(predict="model.predict([text])[0]")
    build_file_tree(tmp_path, {"train.ipynb": notebook('["model.fit(X, y)"]'), "demo/app.py": page})
    report = audit(tmp_path)
    assert {"SERVE003", "MON001", "MON002"} <= {f.id for f in report.findings}
    assert report.kind != "application"  # a demo page does not make a product


def test_a_gradio_page_that_predicts_nothing_is_no_service(tmp_path: Path) -> None:
    page = GRADIO_PAGE.format(predict="text.upper()")
    build_file_tree(tmp_path, {"train.ipynb": notebook('["model.fit(X, y)"]'), "demo/app.py": page})
    assert not {"SERVE002", "SERVE003", "MON001", "MON002"} & {
        f.id for f in audit(tmp_path).findings
    }


# A batch job that saves its predictions through SQLAlchemy or pandas, not raw SQL.
BATCH_JOB = (
    "from sqlalchemy.orm import Session\n\n\n"
    "def run(engine, rows):\n    predictions = MODEL.predict(rows)\n"
    "    with Session(engine) as session:\n        {write}\n"
)
BATCH_HANDLER = (
    "from job import run\n\n\ndef handler(event, context):\n    run(ENGINE, event['rows'])\n"
)


@pytest.mark.parametrize(
    ("write", "reported"),
    [
        ("session.bulk_save_objects([Prediction(value=p) for p in predictions])", False),
        ("session.add_all([Prediction(value=p) for p in predictions])", False),
        ("predictions.to_sql('predictions', engine, if_exists='append')", False),
        ("session.commit()", True),  # nothing written
    ],
)
def test_mon001_counts_prediction_rows_saved_through_an_orm_or_pandas(
    tmp_path: Path, write: str, reported: bool
) -> None:
    tree = {"batch/job.py": BATCH_JOB.format(write=write), "batch/handler.py": BATCH_HANDLER}
    assert _mon001(tmp_path, tree) is reported


# A service that appends each prediction to a JSON-lines journal through a helper.
JOURNAL = (
    "import json\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
    "def _write_event(payload):\n    with open('events.jsonl', 'a') as f:\n"
    "        f.write(json.dumps(payload) + '\\n')\n\n\n"
    "def _describe(payload):\n    return json.dumps(payload)\n\n\n"
    "@app.post('/predict')\ndef predict(rows: list[float]):\n"
    "    result = MODEL.predict([rows])\n    {call}\n    return {{'result': result.tolist()}}\n"
)


@pytest.mark.parametrize(
    ("call", "reported"),
    [
        ("_write_event({'endpoint': '/predict', 'prediction': int(result[0])})", False),
        ("_write_event({'endpoint': '/predict'})", True),  # no prediction in the record
        ("_describe({'prediction': int(result[0])})", True),  # serialised, never written
    ],
)
def test_mon001_follows_a_prediction_into_the_modules_json_lines_writer(
    tmp_path: Path, call: str, reported: bool
) -> None:
    assert _mon001(tmp_path, {"api/app.py": JOURNAL.format(call=call)}) is reported


# Rows inserted with SQLAlchemy Core rather than SQL text.
CORE_INSERT = (
    "from sqlalchemy import insert\n\n\n"
    "def save_prediction(session, row):\n    session.execute({statement})\n"
)


@pytest.mark.parametrize(
    ("statement", "reported"),
    [
        ("insert(Prediction).values(label=row.label)", False),
        ("pg_insert(Prediction).values(label=row.label).on_conflict_do_nothing()", False),
        ("select(Prediction).where(Prediction.id == row.id)", True),  # reads, writes nothing
    ],
)
def test_mon001_counts_a_prediction_row_inserted_with_sqlalchemy_core(
    tmp_path: Path, statement: str, reported: bool
) -> None:
    tree = {
        "batch/job.py": CORE_INSERT.format(statement=statement),
        "batch/handler.py": BATCH_HANDLER.replace("run", "save_prediction"),
    }
    assert _mon001(tmp_path, tree) is reported
