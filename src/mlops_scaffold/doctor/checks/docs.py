"""DOCS: a README that gets a newcomer running, a model card, one-command tasks."""

from __future__ import annotations

import re

from mlops_scaffold.doctor.checks.base import Check, Hit, Outcome, Passed, TextOf
from mlops_scaffold.doctor.commands import CommandGraph
from mlops_scaffold.doctor.tasks import Task

SETUP_COMMAND = re.compile(
    r"\b(?:pip\s+install|uv\s+(?:sync|pip|run)|poetry\s+install|pdm\s+install|pixi\s+install"
    r"|conda\s+env\s+create|mamba\s+env\s+create|make\s+(?:setup|install|init)|docker\s+(?:build|run|compose))"
)
MODEL_CARD = re.compile(r"(?i)(?:^|/)model[_-]?card[^/]*$")
MODEL_CARD_HEADING = re.compile(r"(?im)^#+\s*(?:model\s+card|intended\s+use)\b")
# Names of the tasks a newcomer looks for (a task named `test-unit` counts as test).
COMMON_TASKS = frozenset(
    {"setup", "install", "init", "bootstrap", "dev", "env", "venv", "deps", "sync"}
    | {"test", "tests", "check", "lint", "format", "fmt", "typecheck", "qa", "quality", "ci"}
    | {"train", "training", "pipeline", "repro", "run", "main", "all", "evaluate", "predict"}
    | {"serve", "server", "api", "start", "app", "build", "docker", "deploy", "docs"}
)
TASKFILES = ("Taskfile.yml", "Taskfile.yaml", "Taskfile.dist.yml")


class DOCS001(Check):
    """Passes when the root README (README.md, .rst, .txt) contains a setup command: pip
    install, uv sync, poetry/pdm/pixi install, conda env create, make setup, docker build."""

    @staticmethod
    def check(readme: str | None, text: TextOf) -> Outcome:
        if readme is None:
            return False
        return (
            True
            if SETUP_COMMAND.search(text(readme) or "")
            else [Hit(readme, None, "no setup commands")]
        )


class DOCS002(Check):
    """Passes when a file named model_card / model-card / modelcard exists anywhere, or the
    README has a "Model card" or "Intended use" heading."""

    @staticmethod
    def check(files: tuple[str, ...], readme: str | None, text: TextOf) -> Outcome:
        if any(MODEL_CARD.search(rel) for rel in files if "card" in rel.lower()):
            return True
        return readme is not None and bool(MODEL_CARD_HEADING.search(text(readme) or ""))


class DOCS003(Check):
    """Passes when a task runner declares a common task (setup, install, test, lint,
    train, serve, build...) that runs a command: a Makefile target, a justfile recipe,
    mise, pixi, poe, pdm or hatch tasks, tox environments, nox sessions, dvc.yaml stages
    (`dvc repro`) or MLproject entry points; or a Taskfile exists. A Makefile with only
    `clean` or `style`, or Sphinx's docs/Makefile, does not count."""

    @staticmethod
    def check(commands: CommandGraph, file_set: frozenset[str]) -> Outcome:
        task = next((t for t in commands.entry_points() if _common(t)), None)
        if task is not None:
            line, command = task.lines[0]
            where = f"{task.path}:{line}" if line else task.path
            return Passed(f"{where} {task.name} → {command.splitlines()[0][:60]}")
        return any(name in file_set for name in TASKFILES)


def _common(task: Task) -> bool:
    """A task a newcomer would run: named for a common task, or any MLproject entry point."""
    if task.runner in ("mlflow", "dvc", "tox", "nox"):
        return True
    first = re.split(r"[-_:.]", task.name.lower())[0]
    return task.name.lower() in COMMON_TASKS or (
        first in COMMON_TASKS and first not in ("install", "setup", "init")
    )
