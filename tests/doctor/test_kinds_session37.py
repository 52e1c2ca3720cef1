"""Kinds by what a reviewer of teaching material sees (session 37, kind37): a README that
tells its reader what they will learn or do, anywhere in it, and a course's worked
solutions kept beside its exercises. Each rule has a tree it fires on and a near one it
leaves."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import FIT, model_service
from tests.doctor.helpers import committed_kind


def _service_kind(tmp_path: Path, readme: str, extra: dict[str, str] | None = None) -> str:
    """The kind of a small model service (training code and an API) under `readme`."""
    return committed_kind(tmp_path, {**model_service(readme, image=False), **(extra or {})})


def test_a_readme_saying_what_you_will_learn_is_an_example(tmp_path: Path) -> None:
    readme = (
        "# Wine quality service\n\nA scorer for wines.\n\n## Setup\n\npip install -r x\n\n"
        "## What you'll learn\n\n- serving a model\n"
    )
    assert _service_kind(tmp_path, readme) == "example"


def test_a_readme_saying_what_you_will_need_stays_an_application(tmp_path: Path) -> None:
    readme = (
        "# Wine quality service\n\nA scorer for wines.\n\n## Setup\n\n"
        "You will need Python 3.11. Then you will see the scores on port 8000.\n"
    )
    assert _service_kind(tmp_path, readme) == "application"


def test_a_readme_saying_by_the_end_of_this_lab_is_an_example(tmp_path: Path) -> None:
    readme = "# Wine quality service\n\nBy the end of this lab the model answers requests.\n"
    assert _service_kind(tmp_path, readme) == "example"


def test_worked_solutions_beside_the_code_make_an_example(tmp_path: Path) -> None:
    solutions = {"solutions/train.py": FIT, "solutions/README.md": "# Answers\n"}
    readme = "# Wine quality service\n\nA scorer for wines.\n"
    assert _service_kind(tmp_path, readme, solutions) == "example"


def test_a_homework_answer_makes_no_example(tmp_path: Path) -> None:
    answers = {
        "homework/solution.ipynb": "{}",
        "homework/week2_solution.py": FIT,
    }
    readme = "# Wine quality service\n\nA scorer for wines.\n"
    assert _service_kind(tmp_path, readme, answers) == "application"


def test_one_file_named_for_a_solution_makes_no_example(tmp_path: Path) -> None:
    readme = "# Wine quality service\n\nA scorer for wines.\n"
    assert _service_kind(tmp_path, readme, {"docs/storage-solution.md": "# S3\n"}) == (
        "application"
    )
