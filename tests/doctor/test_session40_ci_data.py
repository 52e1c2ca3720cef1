"""Session 40: black's GitHub action checks by default (CI003), and the videos, pictures
and slides kept to show a project are no data in git (DATA003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import committed_status

TRAINING = {"src/train.py": "from sklearn.linear_model import LinearRegression\n"}
LINT_JOB = (
    "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n"
)


def test_ci003_passes_on_blacks_action_which_checks_by_default(tmp_path: Path) -> None:
    step = "      - uses: psf/black@stable\n        with:\n          src: ./src\n"
    tree = {**TRAINING, ".github/workflows/lint.yml": LINT_JOB + step}
    assert committed_status(tmp_path, tree, "CI003") == "passed"


def test_ci003_fires_on_black_run_without_check(tmp_path: Path) -> None:
    step = "      - run: pip install black && black src\n"
    tree = {**TRAINING, ".github/workflows/lint.yml": LINT_JOB + step}
    assert committed_status(tmp_path, tree, "CI003") == "failed"


# Over 1 MB and under 5 MB: data by its extension or folder, else small enough for git.
MEDIUM = "x" * 2_000_000


@pytest.mark.parametrize(
    "path", ["video_demo/serving.mp4", "images/walkthrough.mov.mp4", "models/slides/deck.pdf"]
)
def test_data003_is_silent_on_media_kept_to_show_the_project(tmp_path: Path, path: str) -> None:
    assert committed_status(tmp_path, {**TRAINING, path: MEDIUM}, "DATA003") == "passed"


@pytest.mark.parametrize(
    "path", ["examples/input.mp4", "data/images/clip.mp4", "models/classifier.bin"]
)
def test_data003_fires_on_videos_fed_to_a_model_and_on_models(tmp_path: Path, path: str) -> None:
    assert committed_status(tmp_path, {**TRAINING, path: MEDIUM}, "DATA003") == "failed"
