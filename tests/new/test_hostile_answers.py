"""Whatever text a user answers with, the project's YAML, TOML, JSON and Python still parse."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlops_scaffold.template import render_project
from tests.parse_generated import parse_problems, parsed_files

HOSTILE = {
    "project_name": "Détection \"fraude\" : #1 {{ x }} {% raw %} $HOME \\ 'q' 日本",
    "description": (
        "line one: # \"dq\" 'sq'\nline two { } ${x} $(rm -rf /) \\ \\n \t ünïcödé ---\n..."
    ),
    "author_name": 'Ciarán O\'Brien "Bob" \\ # {x}',
    "author_email": "o'brien+ml@example.org",
}


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("hostile") / "p"
    render_project(dest, HOSTILE)
    return dest


def test_every_structured_file_parses(hostile_project: Path) -> None:
    assert len(parsed_files(hostile_project)) > 5
    assert parse_problems(hostile_project) == []


def test_answers_round_trip_through_the_answers_file(hostile_project: Path) -> None:
    answers = yaml.safe_load((hostile_project / ".copier-answers.yml").read_text())
    assert {key: answers[key] for key in HOSTILE} == HOSTILE


def test_pyproject_carries_the_description_and_author_verbatim(hostile_project: Path) -> None:
    pyproject = tomllib.loads((hostile_project / "pyproject.toml").read_text())
    assert pyproject["project"]["description"] == " ".join(HOSTILE["description"].split())
    assert pyproject["project"]["authors"][0]["name"] == HOSTILE["author_name"]


def test_readme_title_is_the_project_name_on_one_line(hostile_project: Path) -> None:
    first_line = (hostile_project / "README.md").read_text().splitlines()[0]
    assert first_line.startswith("# ")
    assert "Détection" in first_line and "日本" in first_line


@pytest.mark.parametrize("answer", ["", "   ", "two\nlines"])
def test_unusable_project_names_are_refused(tmp_path: Path, answer: str) -> None:
    from mlops_scaffold.errors import AnswerError

    with pytest.raises(AnswerError, match="project name"):
        render_project(tmp_path / "p", {"project_name": answer})
    assert not (tmp_path / "p").exists()


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(description=st.text(max_size=80), author=st.text(min_size=1, max_size=30))
def test_any_description_and_author_render_parseable_files_or_a_clean_refusal(
    tmp_path_factory: pytest.TempPathFactory, description: str, author: str
) -> None:
    from mlops_scaffold.errors import AnswerError

    dest = tmp_path_factory.mktemp("fuzz") / "p"
    answers = {"project_name": "Fuzz", "description": description, "author_name": author}
    try:
        render_project(dest, answers)
    except AnswerError as refusal:
        assert "control characters" in refusal.message or "must not be empty" in refusal.message
        assert not dest.exists()
    else:
        assert parse_problems(dest) == []
