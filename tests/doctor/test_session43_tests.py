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


def _ci(run: str) -> dict[str, str]:
    workflow = (
        "on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        f"      - uses: actions/checkout@v4\n      - run: {run}\n"
    )
    return {".github/workflows/unit.yml": workflow}


def test_ci002_does_not_apply_when_ci_tests_a_folder_nobody_wrote(tmp_path: Path) -> None:
    # pytest stops on the missing path: the build is red, no green tick over nothing.
    tree = {**CODE, **_ci("pytest tests")}
    assert committed_status(tmp_path, tree, "CI002") == "not-applicable"


def test_ci002_still_fires_when_the_missing_tests_cannot_fail_ci(tmp_path: Path) -> None:
    tree = {**CODE, **_ci("pytest tests || true")}
    assert committed_status(tmp_path, tree, "CI002") == "failed"


UNIT_TEST = "from src import etl\n\n\ndef test_clean():\n    assert etl.clean([1]) == [1]\n"
TESTED = {**CODE, "tests/test_etl.py": UNIT_TEST}


def _azure(publish: str) -> dict[str, str]:
    pipeline = (
        "trigger:\n  - main\npool:\n  vmImage: ubuntu-latest\nsteps:\n"
        "  - script: python -m pytest --junitxml=junit/results.xml tests || true\n"
        "    displayName: Run tests\n"
        f"  - task: PublishTestResults@2\n    inputs:\n      testResultsFiles: junit/*.xml\n"
        f"      failTaskOnFailedTests: {publish}\n"
    )
    return {"azure-pipelines.yml": pipeline}


def test_ci002_passes_when_a_published_junit_report_fails_the_job(tmp_path: Path) -> None:
    tree = {**TESTED, **_azure("true")}
    assert committed_status(tmp_path, tree, "CI002") == "passed"


def test_ci002_fires_when_the_published_report_fails_nothing(tmp_path: Path) -> None:
    tree = {**TESTED, **_azure("false")}
    assert committed_status(tmp_path, tree, "CI002") == "failed"


def _make_test(recipe: str) -> dict[str, str]:
    return {**TESTED, **_ci("make test"), "Makefile": f"test:\n\t{recipe}\n"}


def test_ci002_reads_makes_dash_as_a_failure_ignored(tmp_path: Path) -> None:
    tree = _make_test("-python -m pytest ./tests")
    assert committed_status(tmp_path, tree, "CI002") == "failed"


def test_ci002_passes_a_make_recipe_whose_failure_fails_the_target(tmp_path: Path) -> None:
    tree = _make_test("@python -m pytest ./tests")
    assert committed_status(tmp_path, tree, "CI002") == "passed"
