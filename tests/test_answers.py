"""The precedence of template answers, written once in answers.resolve and tested here."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from mlops_scaffold.answers import for_new, resolve
from mlops_scaffold.errors import AnswerError, UsageError
from mlops_scaffold.repo.facts import RepoFacts

FACTS = RepoFacts(
    project_name="Churn",
    package_name="churn",
    layout="src",
    package_exists=True,
    python_version="3.12",
    dependency_tool="pip",
    ci_files=(),
    dockerfiles=(),
    author_name="Ana",
    readme="README.md",
)


def test_in_a_foreign_repo_given_beats_recorded_beats_facts_and_fitted_fill_the_rest() -> None:
    resolved = resolve({"python_version": "3.13"}, {}, None, FACTS)
    assert resolved.answers == {
        "project_name": "Churn",
        "package_name": "churn",
        "python_version": "3.13",
        "author_name": "Ana",
        "readme": "README.md",
        "build_files": "pyproject.toml",
        "package_install": "wheel",
        "lock_python": "3.13",
        "dvc_remote": "",
        "tool_bin": "",
        "data_dir": "data",  # the repo has no data/ of its own
    }
    # recorded so that `mlops update` renders what `mlops add` rendered
    assert resolved.to_record == resolved.answers


def test_recorded_answers_replace_the_facts_of_a_foreign_repo() -> None:
    recorded = {"project_name": "Old", "package_name": "old", "lock_python": "3.11"}
    resolved = resolve({"package_name": "new"}, recorded, None, FACTS)
    assert resolved.answers["project_name"] == "Old"  # the facts are not read again
    assert resolved.answers["package_name"] == "new"  # --data wins over the record
    assert resolved.answers["lock_python"] == "3.11"  # a recorded fitted answer stays
    assert "author_name" not in resolved.answers


def test_a_package_no_wheel_holds_is_run_from_source_unless_recorded_before() -> None:
    unbuilt = dataclasses.replace(FACTS, not_in_a_wheel="uv never builds it")
    assert resolve({}, {}, None, unbuilt).answers["package_install"] == "source"
    # a record from before the answer existed keeps the images it rendered: wheels
    recorded = {"project_name": "Churn", "package_name": "churn"}
    assert resolve({}, recorded, None, unbuilt).answers.get("package_install") is None


def test_in_a_project_from_new_the_record_keeps_only_what_differs() -> None:
    from_new = {"project_name": "demo", "tracking": "dvc", "python_version": "3.11"}
    resolved = resolve({"tracking": "mlflow", "python_version": "3.11"}, {}, from_new, FACTS)
    assert resolved.answers == {
        "project_name": "demo",
        "tracking": "mlflow",
        "python_version": "3.11",
    }
    assert resolved.to_record == {"tracking": "mlflow"}


def test_for_new_the_command_line_beats_the_data_file(tmp_path: Path) -> None:
    data_file = tmp_path / "answers.yml"
    data_file.write_text("tracking: mlflow\nproblem_type: regression\n")
    answers = for_new(data_file, ["tracking=dvc", "description=a=b"])
    assert answers == {"tracking": "dvc", "problem_type": "regression", "description": "a=b"}


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("python_version: 3.10\n", AnswerError, "read as a number"),
        ("- a\n- b\n", AnswerError, "must hold a mapping"),
        ("a: [\n", AnswerError, "is not valid YAML"),
    ],
)
def test_a_bad_data_file_is_a_one_line_answer_error(
    tmp_path: Path, text: str, error: type[Exception], message: str
) -> None:
    data_file = tmp_path / "answers.yml"
    data_file.write_text(text)
    with pytest.raises(error, match=message):
        for_new(data_file, [])


def test_data_without_an_equals_sign_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="expects KEY=VALUE"):
        for_new(None, ["tracking"])
