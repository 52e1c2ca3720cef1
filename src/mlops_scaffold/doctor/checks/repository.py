"""REPO: every configuration file the doctor reads can be parsed."""

from __future__ import annotations

from mlops_scaffold.doctor.checks.base import Check, Hit, Outcome, TextOf
from mlops_scaffold.repo import ParseProblem
from mlops_scaffold.repo.parsers import yaml_syntax_problem
from mlops_scaffold.repo.view import is_test_path

YAML_FILE = (".yml", ".yaml")
MAX_YAML_BYTES = 1_000_000  # larger YAML is data, not configuration
TEMPLATING = ("{{", "{%")  # a Helm or Jinja template is YAML only once rendered


class REPO001(Check):
    """Parses pyproject.toml, GitHub workflows, dependabot.yml, dvc.yaml, .dvc/config,
    .gitlab-ci.yml, .pre-commit-config.yaml, params.yaml, MLproject and every notebook,
    and reports each that fails with the parser's message and line; every other YAML file
    (Kubernetes or Argo manifests, compose files, configs) is checked for its syntax, but
    Helm and Jinja templates and test fixtures are not."""

    @staticmethod
    def check(malformed: list[ParseProblem], sizes: dict[str, int], text: TextOf) -> Outcome:
        hits = [Hit(problem.path, problem.line, problem.message) for problem in malformed]
        reported = {problem.path for problem in malformed}
        for rel, size in sizes.items():
            if not rel.endswith(YAML_FILE) or rel in reported or size > MAX_YAML_BYTES:
                continue
            content = text(rel)
            if content is None or is_test_path(rel) or any(t in content for t in TEMPLATING):
                continue
            problem = yaml_syntax_problem(content)
            if problem is not None:
                hits.append(Hit(rel, problem[0], f"invalid YAML: {problem[1]}"))
        return hits
