"""The singular `requirement.txt` is a requirements file like any other."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import committed_status

SERVICE = {
    "app.py": "from flask import Flask\n\napp = Flask(__name__)\n",
    "train.py": "from sklearn.linear_model import LogisticRegression\n",
}
HASH = "a" * 64


def test_pins_without_hashes_in_requirement_txt_are_reported(tmp_path: Path) -> None:
    tree = {**SERVICE, "requirement.txt": "flask==2.0.1\nscikit-learn==1.0.2\n"}
    assert committed_status(tmp_path, tree, "ENV003") == "failed"


def test_hashed_pins_in_requirement_txt_pass(tmp_path: Path) -> None:
    pins = f"flask==2.0.1 --hash=sha256:{HASH}\nscikit-learn==1.0.2 --hash=sha256:{HASH}\n"
    tree = {**SERVICE, "requirement.txt": pins}
    assert committed_status(tmp_path, tree, "ENV003") == "passed"
