"""The generated GitHub workflows and Dependabot config pass three layers of validators, in order:
the JSON schemas, then actionlint, then zizmor (which skips files that fail the schema).

Each validator runs once over the renders of every option combination.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.generated.conftest import (
    COMBINATIONS,
    VERSIONS,
    actionlint,
    answers_of,
    combination_id,
    in_every_project,
    run,
    validator,
)

# owner/repo[/path]@<full commit SHA> # v1.2.3: a SHA cannot be moved, the comment says what it is.
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+){0,2}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(.+?)\s*$")


def workflow_files(project: Path) -> list[Path]:
    return sorted((project / ".github/workflows").glob("*.yml"))


def action_references(project: Path) -> list[str]:
    """Every `uses:` value in the project's workflows, comment included."""
    return [
        match.group(1)
        for path in workflow_files(project)
        for line in path.read_text(encoding="utf-8").splitlines()
        if (match := USES_LINE.match(line))
    ]


def test_workflows_match_the_github_workflow_schema(every_project: Path) -> None:
    files = in_every_project(every_project, ".github/workflows/*.yml")
    assert len(files) >= 2 * len(COMBINATIONS)
    command = [validator("check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
    result = run(command + files, cwd=every_project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_config_matches_the_dependabot_schema(every_project: Path) -> None:
    files = in_every_project(every_project, ".github/dependabot.yml")
    assert len(files) == len(COMBINATIONS)
    command = [validator("check-jsonschema"), "--builtin-schema", "vendor.dependabot"]
    result = run(command + files, cwd=every_project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_nothing(every_project: Path) -> None:
    result = run([*actionlint(), "*/.github/workflows/*.yml"], cwd=every_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checking {2 * len(COMBINATIONS)} workflow file(s)" in result.stdout
    assert "passed lint checks" in result.stdout


def test_zizmor_offline_reports_no_findings(every_project: Path) -> None:
    projects = [combination_id(answers) for answers in COMBINATIONS]
    result = run([validator("zizmor"), "--offline", *projects], cwd=every_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_every_action_is_pinned_to_a_commit_sha_with_its_version_beside_it(project: Path) -> None:
    remote = [ref for ref in action_references(project) if not ref.startswith("./")]
    assert remote, "no action references found"
    assert [ref for ref in remote if not PINNED_ACTION.match(ref)] == []


def test_each_action_is_pinned_to_one_sha_across_workflows(project: Path) -> None:
    pins: dict[str, set[str]] = {}
    for ref in action_references(project):
        if "@" in ref:
            action, pin = ref.split("@", 1)
            pins.setdefault(action, set()).add(pin)
    assert {action: pin for action, pin in pins.items() if len(pin) > 1} == {}


def test_workflows_grant_only_read_access_at_the_top(project: Path) -> None:
    for path in workflow_files(project):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["permissions"] == {"contents": "read"}, path.name


def test_every_action_is_pinned_to_the_versions_tables_sha_for_its_tag(project: Path) -> None:
    remote = [ref for ref in action_references(project) if not ref.startswith("./")]
    assert remote
    assert [ref for ref in remote if not VERSIONS.pins_current(ref)] == []


def test_ci_tests_the_oldest_supported_the_image_and_the_newest_python(project: Path) -> None:
    ci = yaml.safe_load((project / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    versions = ci["jobs"]["test"]["strategy"]["matrix"]["python-version"]
    answers = answers_of(project)
    floor = re.search(r'requires-python = ">=(3\.\d+)"', (project / "pyproject.toml").read_text())
    assert floor is not None and versions[0] == floor.group(1) == VERSIONS.oldest
    assert answers["python_version"] in versions
    assert versions[-1] == VERSIONS.newest
    assert len(versions) >= 2


def test_release_pushes_images_only_after_ci_passes(default_project: Path) -> None:
    text = (default_project / ".github/workflows/release.yml").read_text(encoding="utf-8")
    release = yaml.safe_load(text)
    assert release["jobs"]["ci"]["uses"] == "./.github/workflows/ci.yml"
    assert release["jobs"]["publish"]["needs"] == "ci"
    assert release["jobs"]["publish"]["permissions"]["packages"] == "write"


def test_ci_runs_the_serve_image_that_make_docker_build_tags(project: Path) -> None:
    makefile = (project / "Makefile").read_text(encoding="utf-8")
    image = re.search(r"^IMAGE \?= (\S+)$", makefile, re.M)
    assert image is not None
    ci = (project / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    assert f" {image.group(1)}-serve\n" in ci
