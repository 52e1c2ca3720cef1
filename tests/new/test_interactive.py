"""`mlops new` at a real terminal: Copier's prompts, driven through a pseudo-terminal."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pexpect
import yaml

CLEAR_LINE = "\x15"  # Ctrl-U: drop the pre-filled default
DOWN = "\x1b[B"


def spawn_new(dest: Path) -> pexpect.spawn:
    """`mlops new DEST` at a pseudo-terminal, wide enough that prompts are not wrapped."""
    return pexpect.spawn(
        sys.executable,
        ["-m", "mlops_scaffold", "new", str(dest)],
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )


def test_prompts_ask_every_question_and_record_the_answers(tmp_path: Path) -> None:
    dest = tmp_path / "spam-filter"
    child = spawn_new(dest)
    answers = [
        ("Project name", "\r"),  # the default: the folder's name
        ("Python package name", "\r"),
        ("One-line description", CLEAR_LINE + "Flags spam\r"),
        ("Author name", CLEAR_LINE + "Ada\r"),
        ("Author e-mail", CLEAR_LINE + "ada@example.org\r"),
        ("Python version", "\r"),
        ("Kind of model", DOWN + "\r"),  # the second choice: regression
        ("Experiment tracking", "\r"),
        ("Deployment manifests", "\r"),
        ("License", "\r"),
    ]
    for prompt, keys in answers:
        child.expect(prompt)
        time.sleep(0.2)  # let the prompt finish drawing before typing
        child.send(keys)
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 0
    recorded = yaml.safe_load((dest / ".copier-answers.yml").read_text())
    assert recorded["project_name"] == "spam-filter"
    assert recorded["package_name"] == "spam_filter"
    assert recorded["description"] == "Flags spam"
    assert (recorded["author_name"], recorded["author_email"]) == ("Ada", "ada@example.org")
    assert recorded["problem_type"] == "regression"


def test_ctrl_c_at_a_question_stops_quietly_and_leaves_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "spam-filter"
    child = spawn_new(dest)
    child.expect("Project name")
    time.sleep(0.2)
    child.sendintr()
    child.expect(pexpect.EOF)
    output = child.before
    child.close()

    assert child.exitstatus == 130  # as a shell reports a command stopped by Ctrl-C
    assert "error" not in output and "AnswersMap" not in output and "Traceback" not in output
    assert list(tmp_path.iterdir()) == []
