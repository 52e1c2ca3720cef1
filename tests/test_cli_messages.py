"""What a user reads when the command line is used wrongly: one `error:` line and one `hint:`
line, in the same words whatever went wrong, through the real `mlops` program."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_mlops


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (("nope",), ["error: no such command 'nope'", "hint: see: mlops --help"]),
        (
            ("doctor", "--bogus"),
            ["error: no such option: --bogus", "hint: see: mlops doctor --help"],
        ),
        (("new",), ["error: missing argument 'DEST'", "hint: see: mlops new --help"]),
        (
            ("new", "x", "--defaults", "-d", "tracking=foo"),
            ["error: tracking cannot be 'foo': choose one of dvc, mlflow", "hint: -d tracking=dvc"],
        ),
        (
            ("doctor", "--explain", "NOPE"),
            ["error: unknown check 'NOPE'", "hint: list them: mlops doctor --list-checks"],
        ),
        (
            ("doctor", "absent"),
            ["error: cannot read absent: no such folder", "hint: pass the repository's folder"],
        ),
        (
            ("doctor", ".", "--format", "xml"),
            [
                "error: unknown format 'xml'",
                "hint: choose one of table, json, sarif, markdown, github",
            ],
        ),
    ],
)
def test_usage_errors_are_one_error_line_and_one_hint(
    tmp_path: Path, args: tuple[str, ...], lines: list[str]
) -> None:
    done = run_mlops(*args, cwd=tmp_path)
    assert (done.returncode, done.stderr.splitlines()) == (2, lines)
    assert not (tmp_path / "x").exists()


def test_an_error_under_json_is_json_on_stdout(tmp_path: Path) -> None:
    done = run_mlops("new", "x", "--json", "-d", "license=GPL", cwd=tmp_path)
    assert done.returncode == 2
    assert json.loads(done.stdout) == {
        "error": "license cannot be 'GPL': choose one of "
        "MIT, Apache-2.0, BSD-3-Clause, Proprietary",
        "hint": "-d license=MIT",
    }


@pytest.mark.parametrize(
    ("args", "answer"),
    [
        (
            ("doctor", "absent", "--format", "json"),
            {"error": "cannot read absent: no such folder", "hint": "pass the repository's folder"},
        ),
        (
            ("doctor", "--explain", "NOPE", "--format", "json"),
            {"error": "unknown check 'NOPE'", "hint": "list them: mlops doctor --list-checks"},
        ),
    ],
)
def test_a_doctor_error_under_format_json_is_json_on_stdout(
    tmp_path: Path, args: tuple[str, ...], answer: dict[str, str]
) -> None:
    done = run_mlops(*args, cwd=tmp_path)
    assert (done.returncode, json.loads(done.stdout), done.stderr) == (2, answer, "")


def test_flags_show_no_value_type_in_help(tmp_path: Path) -> None:
    help_text = run_mlops("new", "--help", cwd=tmp_path, env={"COLUMNS": "120"}).stdout
    assert "<bool>" not in help_text
    assert "--defaults" in help_text


def test_new_help_lists_every_question_with_its_choices_and_default(tmp_path: Path) -> None:
    help_text = run_mlops("new", "--help", cwd=tmp_path, env={"COLUMNS": "200"}).stdout
    assert "tracking=dvc|mlflow (default: dvc)" in help_text
    assert "deployment=none|kubernetes|kserve (default: none)" in help_text
    assert "project_name=str" in help_text


def test_doctor_help_names_the_formats_and_the_fail_on_default(tmp_path: Path) -> None:
    help_text = run_mlops("doctor", "--help", cwd=tmp_path, env={"COLUMNS": "200"}).stdout
    assert "table|json|sarif|markdown|github" in help_text
    assert "error|warning|info" in help_text
    assert "else info: any finding" in help_text
