"""Principles drawn from round 16 for DOCS001 and SEC001: a README's task runner call
sits on one line (`apt install make` runs no task of the next line); cruft create
generates a project from a template as cookiecutter does; a tokenizer is no token."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.helpers import committed_status, status_on

TRAINING = {"train.py": "from sklearn.linear_model import LogisticRegression\n"}
MAKEFILE = "prepare: venv\n\nvenv:\n\tpython3 -m venv .venv\n\tpoetry install\n\nrun:\n\tpython3 train.py\n"


def _readme(*blocks: str) -> str:
    fenced = "".join(f"```bash\n{block}\n```\n\n" for block in blocks)
    return f"# Demo\n\nA model.\n\n{fenced}"


@pytest.mark.parametrize(
    ("task", "status"), [("make prepare", Status.PASSED), ("make run", Status.FAILED)]
)
def test_docs001_reads_the_task_after_a_line_ending_in_make(
    tmp_path: Path, task: str, status: Status
) -> None:
    tree = {"Makefile": MAKEFILE, "README.md": _readme("sudo apt install make", task)}
    assert status_on(tmp_path, tree, "DOCS001") is status


@pytest.mark.parametrize(
    ("command", "status"),
    [
        ("cruft create https://github.com/acme/ml-template.git", Status.PASSED),
        ("cruft check", Status.FAILED),
    ],
)
def test_docs001_takes_cruft_create_as_a_template_command(
    tmp_path: Path, command: str, status: Status
) -> None:
    assert status_on(tmp_path, {"README.md": _readme(command)}, "DOCS001") is status


DIGEST = "5b0c9e41d7a3f28e6c14b97d02af53e8c7d61f4a9e2b80c3d57f16a4e9b2c708"


@pytest.mark.parametrize(
    ("key", "result"), [("tokenizer/tokenizer_config.json", "passed"), ("hub_token", "failed")]
)
def test_sec001_a_tokenizer_is_no_token(tmp_path: Path, key: str, result: str) -> None:
    checksums = f'{{\n  "model.bin": "{DIGEST}",\n  "{key}": "{DIGEST}"\n}}\n'
    tree = {**TRAINING, "bundle/checksums.json": checksums}
    assert committed_status(tmp_path, tree, "SEC001") == result
