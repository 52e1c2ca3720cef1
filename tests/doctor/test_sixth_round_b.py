"""Stacks of the sixth round's second batch: requirements written by Windows tools in
UTF-16, CI test steps whose failure cannot fail the build, metrics asserted against a
number in tests, and whole project folders copied into an image."""

from __future__ import annotations

import codecs
from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import TEST
from tests.doctor.helpers import Tree, audit, found_ids, status_of

FROZEN = "mlflow==2.2.2\r\npandas==1.5.3\r\n"  # what `pip freeze` prints on Windows


def test_a_utf16_requirements_file_is_read_as_pip_reads_it(tmp_path: Path) -> None:
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        root = tmp_path / codec
        build_file_tree(root, {"requirements.txt": bom + FROZEN.encode(codec)})
        report = audit(root, "ENV003", "REPO001")
        (finding,) = report.findings
        assert (finding.id, finding.path, finding.line) == ("ENV003", "requirements.txt", 1)
        assert "`mlflow`" in finding.message


def test_a_utf8_bom_does_not_hide_the_first_requirement(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"requirements.txt": codecs.BOM_UTF8 + b"mlflow==2.2.2\n"})
    (finding,) = audit(tmp_path, "ENV003", "REPO001").findings
    assert (finding.id, finding.line) == ("ENV003", 1)
    assert "`mlflow`" in finding.message


def test_a_binary_file_that_starts_like_utf16_stays_binary(tmp_path: Path) -> None:
    # NUL characters after the mark: not text in any codec, so not a requirements file
    junk = codecs.BOM_UTF16_LE + b"\x00\x00\x01\x02" * 40
    build_file_tree(tmp_path, {"requirements.txt": junk})
    assert not found_ids(audit(tmp_path, "ENV003"))


def _ci(step: str) -> str:
    """A workflow with one job whose steps are `step` (YAML lines at step indentation)."""
    return (
        "name: ci\non: push\npermissions:\n  contents: read\njobs:\n"
        "  test:\n    runs-on: ubuntu-latest\n    steps:\n" + step
    )


SWALLOWED = {  # name -> (steps, line of the test command)
    "or-echo": ('      - run: pytest tests -v || echo "Tests completed"\n', 9),
    "or-true": ("      - run: |\n          make test || true\n", 10),
    "continue": ("      - run: pytest\n        continue-on-error: true\n", 9),
}
GATING = {
    "plain": "      - run: pytest tests -v\n",
    "or-exit": '      - run: pytest || (echo "tests failed"; exit 1)\n',
    "other-step-may-fail": "      - run: pytest\n      - run: ruff check .\n"
    "        continue-on-error: true\n",
}


def test_a_ci_test_run_whose_failure_is_ignored_is_reported(tmp_path: Path) -> None:
    for name, (step, line) in SWALLOWED.items():
        tree = {**TEST, "Makefile": "test:\n\tpytest\n", ".github/workflows/ci.yml": _ci(step)}
        build_file_tree(tmp_path / name, tree)
        (finding,) = audit(tmp_path / name, "CI002").findings
        assert "cannot fail CI" in finding.message, name
        assert (finding.path, finding.line) == (".github/workflows/ci.yml", line)


GUARDED = (
    "      - run: |\n"
    '          if [ -d "tests" ]; then\n'
    "            uv run pytest tests/\n"
    "          else\n"
    '            echo "No tests found, skipping"\n'
    "          fi\n"
)


def test_a_ci_test_step_guarded_by_a_missing_test_folder_runs_nothing(tmp_path: Path) -> None:
    tree = {
        "src/test_model.py": "def test_fit():\n    assert sum([1, 1]) == 2\n"
    }  # a suite elsewhere
    build_file_tree(tmp_path, {**tree, ".github/workflows/ci.yml": _ci(GUARDED)})
    assert "CI002" in found_ids(audit(tmp_path, "CI002"))


def test_a_ci_test_step_guarded_by_its_test_folder_runs_the_tests(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**TEST, ".github/workflows/ci.yml": _ci(GUARDED)})
    assert status_of(audit(tmp_path, "CI002"), "CI002") is Status.PASSED


def test_a_ci_test_run_that_fails_the_job_passes(tmp_path: Path) -> None:
    for name, step in GATING.items():
        build_file_tree(tmp_path / name, {**TEST, ".github/workflows/ci.yml": _ci(step)})
        assert status_of(audit(tmp_path / name, "CI002"), "CI002") is Status.PASSED, name


GATES = {
    "plain": "    accuracy = model.evaluate(x, y)\n    assert accuracy > 0.7\n",
    "key": '    scores = model.evaluate(x, y)\n    assert scores["val_f1"] >= 0.8\n',
    "call": "    assert accuracy_score(y, model.predict(x)) > 0.9\n",
    "unittest": "    self.assertGreater(model.score(x, y), 0.75)\n",
}
NO_GATES = {
    "bounds": "    accuracy = model.evaluate(x, y)\n    assert 0 <= accuracy <= 1.0\n",
    "not-negative": "    rmse = model.evaluate(x, y)\n    assert rmse >= 0\n",
    "no-metric": "    rows = model.predict(x)\n    assert len(rows) > 10\n",
    "equality": "    accuracy = model.evaluate(x, y)\n    assert accuracy == 0.7\n",
}


def _model_test(body: str) -> dict[str, str]:
    return {"tests/test_model.py": f"def test_model(self, model, x, y):\n{body}"}


def test_a_metric_asserted_against_a_number_is_a_quality_gate(tmp_path: Path) -> None:
    for name, body in GATES.items():
        build_file_tree(tmp_path / name, _model_test(body))
        report = audit(tmp_path / name, "TEST002")
        assert status_of(report, "TEST002") is Status.PASSED, name


def test_a_metric_checked_only_within_its_bounds_is_no_quality_gate(tmp_path: Path) -> None:
    for name, body in NO_GATES.items():
        build_file_tree(tmp_path / name, _model_test(body))
        assert "TEST002" in found_ids(audit(tmp_path / name, "TEST002")), name


def _image(copy: str, then: str = "RUN pip install -r /app/requirements/base.txt") -> Tree:
    """A service whose Dockerfile copies with `copy`, then runs `then` in /app."""
    dockerfile = f"FROM python:3.12-slim\nRUN useradd app\nWORKDIR /app\n{copy}\n{then}\nUSER app\n"
    return {
        "Dockerfile": dockerfile,
        ".dockerignore": "data/\n",
        "requirements/base.txt": "fastapi==0.115.0\n",
        "run.sh": "uvicorn app.main:app\n",
        "data/raw/customers.csv": "id,churn\n1,0\n",
    }


def test_copying_the_repository_from_its_parent_folder_sends_it_whole(tmp_path: Path) -> None:
    for name, then in (
        ("absolute", "RUN pip install -r /app/requirements/base.txt"),
        ("relative", 'CMD ["bash", "./run.sh"]'),
    ):
        build_file_tree(tmp_path / name, _image("ADD churn_project .", then))
        (finding,) = audit(tmp_path / name, "IMG005").findings
        assert (finding.path, finding.line) == ("Dockerfile", 4)
        assert "parent folder" in finding.message
        assert "data/" in finding.message


def test_copying_a_folder_the_repository_has_or_builds_is_no_parent_context(
    tmp_path: Path,
) -> None:
    for name, tree in (
        ("present", _image("COPY requirements requirements")),
        ("built", _image("COPY dist/ .", 'RUN pip install wheels/*.whl\nCMD ["serve"]')),
    ):
        build_file_tree(tmp_path / name, tree)
        assert not found_ids(audit(tmp_path / name, "IMG005")), name


UV_PROJECT = (
    '[project]\nname = "scoring"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n'
    'dependencies = ["scikit-learn>=1.5"]\n'
)
UV_LOCK = 'version = 1\nrequires-python = ">=3.11"\n'


def _locked(install: str, readme: str = "# Scoring\n") -> Tree:
    """A uv project whose CI runs `make install`, which runs `install`."""
    return {
        "pyproject.toml": UV_PROJECT,
        "uv.lock": UV_LOCK,
        "README.md": readme,
        "Makefile": f"install:\n\tpython -m pip install -U uv\n\t{install}\n",
        ".github/workflows/ci.yml": _ci("      - run: make install\n"),
    }


def test_a_lock_nothing_installs_from_pins_nothing(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _locked("uv pip install -e '.[dev]'"))
    (finding,) = audit(tmp_path, "ENV002").findings
    assert finding.path == "uv.lock"
    assert "nothing installs from it" in finding.message
    assert "uv pip install" in finding.message


def test_a_lock_its_tool_installs_from_pins(tmp_path: Path) -> None:
    for name, tree in (
        ("make", _locked("uv sync --frozen")),
        ("readme", _locked("uv pip install -e .", "Set up with `uv sync`.\n")),
        ("no-pip", _locked("uv venv")),
    ):
        build_file_tree(tmp_path / name, tree)
        assert status_of(audit(tmp_path / name, "ENV002"), "ENV002") is Status.PASSED, name
