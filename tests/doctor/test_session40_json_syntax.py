"""Session 40: a JSON file cut short or garbled is reported (REPO001); JSON Lines dumps
and the JSON-with-comments files of editors and TypeScript are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import committed_status

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}


@pytest.mark.parametrize(
    "content",
    ['{\n  "scaler": {\n    "mean": [1.0, 2.0],\n    "scale": ', '{"a": 1}\n]}]}\n'],
    ids=["cut-short", "garbled"],
)
def test_repo001_fires_on_a_json_config_that_does_not_parse(tmp_path: Path, content: str) -> None:
    tree = {**TRAINING, "preprocessing/scaling_config.json": content}
    assert committed_status(tmp_path, tree, "REPO001") == "failed"


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("data/records.json", '{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n'),
        (".vscode/settings.json", '{\n  // the project\'s interpreter\n  "python.x": 1,\n}\n'),
        ("frontend/tsconfig.app.json", '/* app */\n{\n  "extends": "./tsconfig.json"\n}\n'),
        ("config/model.json", '{"layers": [64, 32], "dropout": 0.1}\n'),
    ],
    ids=["json-lines", "vscode-jsonc", "tsconfig", "valid"],
)
def test_repo001_is_silent_on_json_lines_jsonc_and_valid_json(
    tmp_path: Path, path: str, content: str
) -> None:
    assert committed_status(tmp_path, {**TRAINING, path: content}, "REPO001") == "passed"
