"""Session 43: tests import a module from the folder pytest puts on the path for them,
the first above their package (CODE001)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import committed_status

HANDLER = "import json\n\n\ndef handler(event, context):\n    return json.dumps(event)\n"
TEST = (
    "import lambda_predict\n\n\ndef test_handler():\n    assert lambda_predict.handler({}, None)\n"
)


def test_code001_passes_when_a_test_package_imports_the_module_above_it(tmp_path: Path) -> None:
    tree = {
        "app/predict/lambda_predict.py": HANDLER,
        "app/predict/test/__init__.py": "",
        "app/predict/test/lambda_test.py": TEST,
    }
    assert committed_status(tmp_path, tree, "CODE001") == "passed"


def test_code001_fires_when_the_tests_import_no_module_of_the_repository(
    tmp_path: Path,
) -> None:
    tree = {
        "app/predict/lambda_predict.py": HANDLER,
        "app/predict/test/__init__.py": "",
        "app/predict/test/lambda_test.py": TEST.replace("lambda_predict", "json"),
    }
    assert committed_status(tmp_path, tree, "CODE001") == "failed"
