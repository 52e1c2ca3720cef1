"""Images built FROM another image the repository builds itself, and prediction records
a service writes to a database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE
from tests.doctor.helpers import audit, found_ids

# The repository's own base image: a build stage without a USER, a runtime stage with one.
BASE_IMAGE = (
    "FROM python:3.12-slim AS build\nRUN pip install --prefix /install scorer\n"
    "FROM python:3.12-slim AS runtime\nCOPY --from=build /install /usr/local\n"
    "RUN useradd app\nUSER app\n"
)
# An image layered on it, with no USER of its own.
LAYERED = "ARG BASE=scorer-base:local\nFROM ${BASE}\nRUN pip install psycopg2-binary==2.9.10\n"
COMPOSE = (
    "services:\n  base:\n    build:\n      context: .\n      target: {target}\n"
    "    image: scorer-base:local\n"
)


def _layered_tree(target: str) -> dict[str, str]:
    return {
        **SERVICE,
        "Dockerfile": BASE_IMAGE,
        "docker/db/Dockerfile": LAYERED,
        "docker-compose.yml": COMPOSE.format(target=target),
    }


def test_an_image_built_from_the_repositorys_non_root_image_inherits_its_user(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _layered_tree("runtime"))
    assert "IMG003" not in found_ids(audit(tmp_path, "IMG001", "IMG003"))


def test_an_image_built_from_a_stage_without_user_still_runs_as_root(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _layered_tree("build"))
    (finding,) = audit(tmp_path, "IMG001", "IMG003").findings
    assert (finding.id, finding.path, finding.line) == ("IMG003", "docker/db/Dockerfile", 2)


@pytest.mark.parametrize(("base", "reported"), [("USER app\n", False), ("", True)])
def test_an_image_named_by_docker_build_is_followed_too(
    tmp_path: Path, base: str, reported: bool
) -> None:
    makefile = "image:\n\tdocker build -t scorer-base:local .\n"
    tree = {
        **SERVICE,
        "Dockerfile": "FROM python:3.12-slim\nRUN useradd app\n" + base,
        "docker/db/Dockerfile": LAYERED,
        "Makefile": makefile,
    }
    build_file_tree(tmp_path, tree)
    paths = {f.path for f in audit(tmp_path, "IMG001", "IMG003").findings}
    assert ("docker/db/Dockerfile" in paths) is reported


MONGO_SERVICE = """import joblib
from fastapi import FastAPI
from pymongo import MongoClient

app = FastAPI()
model = joblib.load("model.joblib")
collection = MongoClient("mongodb://localhost:27017/")["scoring"]["requests"]


def save(record: dict, {argument}: float) -> None:
    row = dict(record)
    {store}
    collection.insert_one(row)
"""
SQL_SERVICE = """import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.post("/predict")
def predict():
    result = model.predict([request.json["features"]])[0]
    with sqlite3.connect("scores.db") as db:
        db.execute({statement!r}, (str(request.json), float(result)))
    return {{"result": float(result)}}
"""


def _service(tmp_path: Path, app: str) -> set[str]:
    build_file_tree(tmp_path, {**SERVICE, "src/demo/app.py": app})
    return found_ids(audit(tmp_path, "SERVE001", "MON001"))


def test_a_service_that_stores_each_prediction_in_a_database_logs_them(tmp_path: Path) -> None:
    app = MONGO_SERVICE.format(argument="prediction", store='row["prediction"] = prediction')
    assert "MON001" not in _service(tmp_path, app)


def test_a_service_that_stores_only_its_requests_logs_no_prediction(tmp_path: Path) -> None:
    app = MONGO_SERVICE.format(argument="latency", store='row["latency"] = latency')
    assert "MON001" in _service(tmp_path, app)


@pytest.mark.parametrize(
    ("statement", "logged"),
    [
        ("INSERT INTO predictions (request, result) VALUES (?, ?)", True),
        ("SELECT request, result FROM predictions WHERE ? AND ?", False),
    ],
)
def test_an_sql_insert_of_predictions_logs_them(
    tmp_path: Path, statement: str, logged: bool
) -> None:
    app = SQL_SERVICE.format(statement=statement)
    assert ("MON001" not in _service(tmp_path, app)) is logged
