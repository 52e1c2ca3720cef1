"""CI: a pipeline that tests and lints, with pinned actions and least-privilege tokens."""

from __future__ import annotations

import re
from typing import Any

from mlops_scaffold.doctor.checks.base import Check, Hit, Outcome, TextOf, line_of

RUNS_TESTS = re.compile(
    r"\bpytest\b|\btox\b|\bnox\b|\bmake\s+test|\bunittest\b|\bhatch\s+test|\bpixi\s+run\s+test"
)
RUNS_LINT = re.compile(
    r"\bruff\b|\bflake8\b|\bpylint\b|\bblack\b|\bpre-commit\b|\bmake\s+lint|\blint\b"
)
USES = re.compile(r"""^[ \t]*(?:-[ \t]*)?uses:[ \t]*['"]?([^\s'"#]+)""", re.MULTILINE)
FIRST_PARTY_OWNERS = ("actions/", "github/")
COMMIT_SHA = re.compile(r"@[0-9a-f]{40}$")


def _unpinned(reference: str) -> bool:
    if reference.startswith(("./", "docker://")) or reference.startswith(FIRST_PARTY_OWNERS):
        return False
    return not COMMIT_SHA.search(reference)


class CI001(Check):
    """Passes when the repository has a CI configuration: GitHub Actions workflows,
    .gitlab-ci.yml, CircleCI, Azure Pipelines, Jenkinsfile, Bitbucket, Travis,
    Woodpecker, Drone or Buildkite."""

    @staticmethod
    def check(ci_files: list[str]) -> Outcome:
        return bool(ci_files)


class CI002(Check):
    """Passes when a CI configuration runs pytest (directly or through tox, nox,
    `make test`, `hatch test` or unittest)."""

    requires = frozenset({"CI001"})

    @staticmethod
    def check(ci_text: dict[str, str]) -> Outcome:
        return any(RUNS_TESTS.search(content) for content in ci_text.values())


class CI003(Check):
    """Passes when a CI configuration runs ruff, flake8, pylint, black, pre-commit or a
    lint job/target."""

    requires = frozenset({"CI001"})

    @staticmethod
    def check(ci_text: dict[str, str]) -> Outcome:
        return any(RUNS_LINT.search(content) for content in ci_text.values())


class CI004(Check):
    """Reports `uses:` references in workflows and composite actions that are not pinned to
    a 40-character commit SHA. Local actions (`./...`), `docker://` images and GitHub's own
    `actions/*` and `github/*` may use tags."""

    @staticmethod
    def check(action_files: list[str], text: TextOf) -> Outcome:
        hits = []
        for rel in action_files:
            content = text(rel) or ""
            hits += [
                Hit(rel, line_of(content, m.start()), f"{m.group(1)} is not pinned to a commit")
                for m in USES.finditer(content)
                if _unpinned(m.group(1))
            ]
        return hits


class CI005(Check):
    """Reports GitHub workflows that have no top-level `permissions:` while some job has
    none either, or that grant `write-all`."""

    @staticmethod
    def check(workflows: dict[str, dict[str, Any]]) -> Outcome:
        hits = []
        for rel, workflow in workflows.items():
            jobs = workflow.get("jobs")
            jobs = jobs if isinstance(jobs, dict) else {}
            top = workflow.get("permissions")
            if top == "write-all":
                hits.append(Hit(rel, None, "grants permissions: write-all"))
            elif top is None:
                bare = [
                    name
                    for name, job in jobs.items()
                    if not (isinstance(job, dict) and "permissions" in job)
                ]
                if bare:
                    hits.append(
                        Hit(rel, None, f"no permissions: for job {', '.join(map(str, bare))}")
                    )
        return hits
