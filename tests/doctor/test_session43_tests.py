"""Session 43: a tests folder's module named for testing (`etl_tests.py`) whose test
functions assert, as pytest's do, is a test suite a runner is handed by name (TEST001)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import committed_status

CODE = {
    "src/__init__.py": "",
    "src/etl.py": "def clean(rows):\n    return [row for row in rows if row]\n",
}


def test_test001_counts_a_tests_folder_module_whose_tests_assert(tmp_path: Path) -> None:
    tests = "from src import etl\n\n\ndef test_clean():\n    assert etl.clean([1, 0]) == [1]\n"
    tree = {**CODE, "src/tests/__init__.py": "", "src/tests/etl_tests.py": tests}
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


def test_test001_still_fires_on_such_a_module_that_only_prints(tmp_path: Path) -> None:
    tests = "from src import etl\n\n\ndef test_clean():\n    print(etl.clean([1, 0]))\n"
    tree = {**CODE, "src/tests/__init__.py": "", "src/tests/etl_tests.py": tests}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"
