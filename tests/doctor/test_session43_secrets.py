"""Session 43: a token whose characters after its prefix are a few symbols repeated is a
mask typed to fill the shape, not a key (SEC001)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.doctor.helpers import committed_status


def _variables(key_id: str) -> dict[str, str]:
    variables = f'variable "aws_access_key_id" {{\n  type    = string\n  default = "{key_id}"\n}}\n'
    return {"infra/variables.tf": variables}


def test_sec001_is_silent_on_an_aws_key_id_masked_with_a_repeated_pattern(
    tmp_path: Path,
) -> None:
    assert committed_status(tmp_path, _variables("AKIAJX7X7X7X7X7X7X7X"), "SEC001") == "passed"


def test_sec001_still_reports_an_aws_key_id_drawn_at_random(tmp_path: Path) -> None:
    assert committed_status(tmp_path, _variables("AKIA4QJ7ZB2MXRT5WNPL"), "SEC001") == "failed"


def _notebook(source: str) -> str:
    cell = {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": []}
    cell["source"] = [source]
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_sec001_reads_the_env_magics_of_a_notebooks_code_cells(tmp_path: Path) -> None:
    magic = "%env AWS_SECRET_ACCESS_KEY=jyhyd7bxmbax3w3mzfi55tscfk5t34rotzj3nbg2e4nwpof\n"
    tree = {"notebooks/registry.ipynb": _notebook(magic)}
    assert committed_status(tmp_path, tree, "SEC001") == "failed"


def test_sec001_is_silent_on_env_magics_that_set_no_secret(tmp_path: Path) -> None:
    magic = "%env MLFLOW_TRACKING_URI=http://localhost:5000\n%env AWS_SECRET_ACCESS_KEY=<key>\n"
    tree = {"notebooks/registry.ipynb": _notebook(magic)}
    assert committed_status(tmp_path, tree, "SEC001") == "passed"
