"""REPO: every configuration file the doctor reads can be parsed."""

from __future__ import annotations

import json
import re
import tomllib

from mlops_scaffold.doctor.checks.base import Check, Hit, Outcome, TextOf
from mlops_scaffold.doctor.pipelines import COMPOSE_FILE
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import ParseProblem
from mlops_scaffold.repo.parsers import yaml_duplicate_keys, yaml_syntax_problem
from mlops_scaffold.repo.view import is_test_path

YAML_FILE = (".yml", ".yaml")
JSON_FILE = (".json", ".ipynb")  # an empty one is no JSON document
MAX_YAML_BYTES = 1_000_000  # larger YAML is data, not configuration
MAX_JSON_BYTES = 1_000_000  # and so is larger JSON: parsed for its syntax below this
# JSON files their tools read as JSON with comments (JSONC), one tool a line: not judged.
JSONC_FILE = lazy_pattern(
    "(?:^|/)(?:"
    + "|".join(
        [
            r"\.vscode/[^/]+",  # VS Code's settings, launch, tasks, extensions
            r"\.devcontainer/[^/]+|devcontainer\.json",
            r"[tj]sconfig[^/]*",  # TypeScript's and JavaScript's project files
            r"\.eslintrc[^/]*|\.babelrc[^/]*|\.swcrc",
            r"asv\.conf\.json",  # airspeed velocity's benchmarks
            r"renovate\.json|[^/]*\.code-workspace",
        ]
    )
    + r")$"
)
TEMPLATING = ("{{", "{%")  # a Helm or Jinja template is YAML only once rendered
# Helm's or Jinja's markup, not a GitHub expression (`${{ secrets.TOKEN }}`, YAML as it is).
TEMPLATE_MARKUP = lazy_pattern(r"(?<!\$)\{\{|\{%")
# A Kubernetes manifest: a document with `apiVersion:` and `kind:` at its root.
MANIFEST_API_VERSION = lazy_pattern(r"(?m)^apiVersion:[ \t]*\S")
MANIFEST_KIND = lazy_pattern(r"(?m)^kind:[ \t]*\S")


# Files a tool writes to record its runs, committed by accident: a W&B run's folder (its
# pip freeze, config and metadata) and Jupyter's runtime files (a server's connection file).
TOOL_RECORDS = lazy_pattern(
    r"(?:^|/)wandb/(?:(?:offline-)?run-[^/]+|latest-run)/|(?:^|/)jupyter/runtime/"
)


class REPO001(Check):
    """Parses pyproject.toml, requirements files (`requirements.txt`, `requirements-dev.in`,
    `requirements/*.txt`, rye's `requirements.lock`: a line that is neither a PEP 508
    requirement nor a pip option, URL or path fails), GitHub workflows, dependabot.yml,
    dvc.yaml, .dvc/config, .gitlab-ci.yml, .pre-commit-config.yaml, params.yaml, MLproject
    and every notebook, and reports each that fails with the parser's message and line (a
    YAML file in `.github/workflows/` that parses but has no `jobs:`, an MkDocs configuration
    kept there, is no workflow: GitHub reports it invalid);
    every other YAML file (Kubernetes or Argo manifests, compose files, configs) is checked
    for its syntax, but Helm and Jinja templates and test fixtures are not (nor reported
    when another reader of the doctor parsed them: a chart's `templates/` file that opens
    with `{{- if ... }}`; a GitHub workflow is no template, whatever `{{` its commands
    hold); every JSON file up to 1 MB is checked too (one document, or JSON Lines: one a
    line), but not the ones their tools read with comments (VS Code's `.vscode/`, dev containers',
    `tsconfig.json`: JSONC) nor binary ones nor templates of `${name}` placeholders
    (Terraform's `templatefile`); a compose file
    or a Kubernetes manifest (a document with `apiVersion:` and `kind:`) that defines a
    key twice in one mapping is reported with the key and its line (PyYAML keeps the last
    value silently, `docker compose` and `kubectl` reject the file). A file is not
    what its name says when it is empty though named `.json` or `.ipynb` (a template's
    rendered ones included), or binary though named `.yml` or `.yaml` (macOS's
    `._config.yaml` resource forks). A nested project's pyproject.toml is parsed too (not
    a test fixture's), and so is the one a template renders when it holds no Jinja (it is
    rendered as it is). A YAML file a template renders is checked for its syntax when its
    only markup is variables (`user: {{ cookiecutter.user }}`, each read as one word, as any
    answer renders): one that breaks there breaks in every project it generates; one with
    blocks (`{% if %}`) or a Go template's markup (`{{- if .Values.x }}`) is not judged.
    What a tool records of its runs is not configuration and is not judged: a W&B run's
    folder (`wandb/run-20260118_155830-fd8333od/files/requirements.txt`, its pip freeze)
    and Jupyter's runtime files (`.local/share/jupyter/runtime/jpserver-6.json`).
    """

    @staticmethod
    def check(
        malformed: list[ParseProblem],
        sizes: dict[str, int],
        listed_sizes: dict[str, int],
        hollow_files: dict[str, str],
        text: TextOf,
        rendered_files: dict[str, str],
        rendered_yaml: dict[str, str],
    ) -> Outcome:
        parsed = [
            problem
            for problem in malformed
            if not _templated_yaml(problem.path, text) and not TOOL_RECORDS.search(problem.path)
        ]
        hits = [Hit(problem.path, problem.line, problem.message) for problem in parsed]
        reported = {problem.path for problem in malformed}
        for rel, size in listed_sizes.items():
            if TOOL_RECORDS.search(rel):
                continue
            # an empty file is no evidence, so other readers do not see it: here it is a
            # file that is not what its name says
            if rel not in sizes and (rel not in hollow_files or rel in rendered_files):
                continue
            if rel in reported or is_test_path(rel):
                continue
            if rel.endswith(JSON_FILE) and size == 0:
                hits.append(Hit(rel, None, "empty file: not JSON"))
                continue
            if rel.endswith(".json") and size <= MAX_JSON_BYTES and not JSONC_FILE.search(rel):
                hits += _json_problem(rel, text)
                continue
            if not rel.endswith(YAML_FILE) or size > MAX_YAML_BYTES:
                continue
            content = text(rel)
            if content is None:
                hits.append(Hit(rel, None, "binary file: not text"))
            elif not any(t in content for t in TEMPLATING):
                problem = yaml_syntax_problem(content)
                if problem is not None:
                    hits.append(Hit(rel, problem[0], f"invalid YAML: {problem[1]}"))
                elif COMPOSE_FILE.search(rel) or _is_manifest(content):
                    hits += _keys_defined_twice(rel, content)
        for rel, name in rendered_files.items():
            if name.endswith(JSON_FILE) and not is_test_path(name) and text(rel) == "":
                hits.append(Hit(rel, None, "empty file: the project it renders gets no JSON"))
        for rel, filled in rendered_yaml.items():
            if rel in reported or is_test_path(rendered_files.get(rel, rel)):
                continue
            problem = yaml_syntax_problem(filled)
            if problem is not None:
                message = f"invalid YAML in every project it renders: {problem[1]}"
                hits.append(Hit(rel, problem[0], message))
        nested = [
            rel
            for rel, name in (*((rel, rel) for rel in sizes), *rendered_files.items())
            if name.endswith("/pyproject.toml") and rel not in reported and not is_test_path(name)
        ]
        return hits + [hit for rel in nested if (hit := _toml_problem(rel, text)) is not None]


def _toml_problem(rel: str, text: TextOf) -> Hit | None:
    """A nested project's pyproject.toml (a template's rendered one too) that is not TOML;
    one with Jinja in it is TOML only once rendered."""
    content = text(rel)
    if content is None or any(t in content for t in TEMPLATING):
        return None
    try:
        tomllib.loads(content)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        return Hit(rel, int(line.group(1)) if line else None, f"invalid TOML: {error}")
    return None


# A placeholder a template fills in before the JSON is read (`${subnet_ids}`).
INTERPOLATION = lazy_pattern(r"\$\{[A-Za-z_][\w.]*\}")


def _json_problem(rel: str, text: TextOf) -> list[Hit]:
    """A `.json` file that parses neither as one JSON document nor as JSON Lines (one
    document a line, as `data.json` dumps often are): cut short or garbled. Binary files
    (UBJSON models), Jinja templates and templates of `${name}` placeholders (Terraform's
    `templatefile`, envsubst: `"Subnets": ${subnet_ids}`) are not judged."""
    content = text(rel)
    if content is None:
        return []
    try:  # parsed first: a file that parses is no template to look for (megabytes of data)
        json.loads(content)
    except (json.JSONDecodeError, RecursionError) as error:
        if _holds_template_markup(content) or ("${" in content and INTERPOLATION.search(content)):
            return []
        if isinstance(error, RecursionError):
            raise
        if error.msg == "Extra data" and _json_lines(content):
            return []
        return [Hit(rel, error.lineno, f"invalid JSON: {error.msg} (column {error.colno})")]
    return []


def _json_lines(content: str) -> bool:
    """Whether every non-blank line of `content` is a JSON document of its own."""
    try:
        for line in content.splitlines():
            if line.strip():
                json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _templated_yaml(rel: str, text: TextOf) -> bool:
    """Whether a YAML file another reader parsed is a Helm or Jinja template (a chart's
    `templates/secret.yaml` opening with `{{- if ... }}`): YAML only once rendered. A GitHub
    workflow never is: GitHub reads it as it is (`{{json .}}` is a docker format there)."""
    if not rel.endswith(YAML_FILE) or rel.startswith(".github/workflows/"):
        return False
    return _holds_template_markup(text(rel) or "")


def _holds_template_markup(content: str) -> bool:
    """Whether `content` holds Helm's or Jinja's markup (`TEMPLATE_MARKUP`), whose every
    match holds one of `TEMPLATING`: those are looked for first. The pattern, opening with
    a look-behind, is tried at every character of a text that holds neither, and a
    repository's JSON data files are megabytes of such text."""
    return any(t in content for t in TEMPLATING) and TEMPLATE_MARKUP.search(content) is not None


def _keys_defined_twice(rel: str, content: str) -> list[Hit]:
    """A compose file's or Kubernetes manifest's keys defined twice in one mapping."""
    return [
        Hit(
            rel,
            twice.line,
            f"key `{twice.key}` defined twice in one mapping (first at line {twice.first}):"
            " YAML readers keep the last silently, docker compose and kubectl reject it",
        )
        for twice in yaml_duplicate_keys(content)
    ]


def _is_manifest(content: str) -> bool:
    """Whether a YAML file holds a Kubernetes manifest: `apiVersion:` and `kind:` at the
    root of a document (two searches, each once over the text)."""
    return bool(MANIFEST_API_VERSION.search(content) and MANIFEST_KIND.search(content))
