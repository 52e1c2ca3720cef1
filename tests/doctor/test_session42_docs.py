"""Session 42's readings of DOCS002 and DOCS003: a README says what a card says whatever
the language of its headings and however it writes its limits (a "Challenges" section)
or its figures (`95% accuracy`); MLflow finds its project file in any case (`MLProject`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import committed_status

TRAIN = "def main(model, x, y):\n    model.fit(x, y)\n"
PACKAGE = {"src/forecast/__init__.py": "", "src/forecast/train.py": TRAIN}

# -- a README that documents the model as a card does (DOCS002) ---------------------------

CARD_README = """# Air quality forecasts

## Overview

Hourly air-quality forecasts for one city, 24 to 72 hours ahead.

## Data

Weather and pollutant readings of a public API, collected every hour.

## Model

A gradient-boosted regressor per horizon.

## Model performance

MAE of 0.42 and R2 of 0.81 on the last month, held out.

{limits}
"""
CHALLENGES = """## Challenges

Stations go offline for days, and sparse readings make the first hours unreliable.
"""
NO_LIMITS = "## Deployment\n\nA workflow retrains the models every night.\n"


@pytest.mark.parametrize(("limits", "status"), [(CHALLENGES, "passed"), (NO_LIMITS, "failed")])
def test_a_readme_card_may_state_its_limits_under_a_challenges_heading(
    tmp_path: Path, limits: str, status: str
) -> None:
    tree = {"README.md": CARD_README.format(limits=limits), **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS002") == status


RUSSIAN_CARD = """# Кредитный скоринг

## Данные

Архив соревнования Home Credit: заявки и история платежей.

## Архитектура

Градиентный бустинг на признаках заявки.

## Метрики

ROC-AUC 0.76 на отложенной выборке.

{limits}
"""
RUSSIAN_LIMITS = "## Ограничения\n\nМодель не учитывает стоимость ошибок.\n"  # noqa: RUF001
RUSSIAN_PLAN = "## Дальнейшее развитие\n\nДобавить новые признаки.\n"  # noqa: RUF001


@pytest.mark.parametrize(
    ("limits", "status"), [(RUSSIAN_LIMITS, "passed"), (RUSSIAN_PLAN, "failed")]
)
def test_a_readme_card_in_another_language_is_read_by_its_headings(
    tmp_path: Path, limits: str, status: str
) -> None:
    tree = {"README.md": RUSSIAN_CARD.format(limits=limits), **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS002") == status


PERCENT_FIRST = """# Spam spotter

The tool is not 100% accurate: expect some false alarms.

## The model

A logistic regression trained on the public SMS spam collection; {figure}.
"""


@pytest.mark.parametrize(
    ("figure", "status"),
    [
        ("it reaches 95% validation accuracy", "passed"),
        ("we report accuracy on validation data", "failed"),
    ],
)
def test_a_percentage_before_its_metric_is_a_measured_figure(
    tmp_path: Path, figure: str, status: str
) -> None:
    tree = {"README.md": PERCENT_FIRST.format(figure=figure), **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS002") == status


# -- an MLflow project file in any case (DOCS003) ------------------------------------------

MLPROJECT = """name: forecast
entry_points:
  main:
    command: "python -m forecast.train"
"""


@pytest.mark.parametrize(
    ("name", "status"),
    [("MLProject", "passed"), ("MLproject", "passed"), ("MLproject.txt", "failed")],
)
def test_mlflow_finds_its_project_file_in_any_case(tmp_path: Path, name: str, status: str) -> None:
    tree = {"README.md": "# Forecast\n", name: MLPROJECT, **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS003") == status


CHAIN = (
    "create-group:\n\taz group create --name demo\n\n"
    "init-staging:\n\tcd infra && terraform init\n\n"
    "run-all: {needs}\n"
)


@pytest.mark.parametrize(
    ("needs", "status"),
    [("create-group init-staging", "passed"), ("create-group", "failed")],
)
def test_a_common_task_that_runs_the_tasks_it_needs_is_an_entry_point(
    tmp_path: Path, needs: str, status: str
) -> None:
    tree = {"README.md": "# Forecast\n", "Makefile": CHAIN.format(needs=needs), **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS003") == status
