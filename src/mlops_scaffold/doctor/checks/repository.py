"""REPO: every configuration file the doctor reads can be parsed."""

from __future__ import annotations

from mlops_scaffold.doctor.checks.base import Check, Hit, Outcome
from mlops_scaffold.repo import ParseProblem


class REPO001(Check):
    """Parses pyproject.toml, GitHub workflows, dependabot.yml, dvc.yaml, .dvc/config,
    .gitlab-ci.yml, .pre-commit-config.yaml, params.yaml, MLproject and every notebook,
    and reports each that fails with the parser's message and line."""

    @staticmethod
    def check(malformed: list[ParseProblem]) -> Outcome:
        return [Hit(problem.path, problem.line, problem.message) for problem in malformed]
