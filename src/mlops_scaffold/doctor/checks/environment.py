"""ENV: dependencies are declared, pinned (with hashes), split, and kept up to date."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from mlops_scaffold import versions
from mlops_scaffold.doctor.checks.base import Check, Hit, NotApplicable, Outcome, TextOf
from mlops_scaffold.repo import Dockerfile, Requirement
from mlops_scaffold.repo.dependencies import is_serving_set
from mlops_scaffold.repo.facts import KNOWN_PYTHONS
from mlops_scaffold.repo.parsers import oldest_allowed, table

SHOWN_LINES = 3  # unpinned requirements named in a finding; the rest are counted
DECLARATION_FILES = (
    "environment.yml",
    "environment.yaml",
    "Pipfile",
    "setup.py",
    "setup.cfg",
    "pixi.toml",
)


class ENV001(Check):
    """Passes when pyproject.toml declares dependencies (PEP 621, Poetry or dependency
    groups) or the repository has a requirements file, a conda environment file
    (environment.yml, conda.yaml, conda_dependencies.yml, or the one an MLproject names),
    Pipfile, pixi.toml, setup.py or setup.cfg."""

    @staticmethod
    def check(
        pyproject: dict[str, Any],
        requirement_files: list[str],
        conda_files: list[str],
        file_set: frozenset[str],
    ) -> Outcome:
        if conda_files:
            return True
        project = table(pyproject, "project")
        declared = (
            "dependencies" in project
            or "dependencies" in project.get("dynamic", [])
            or "dependency-groups" in pyproject
            or "dependencies" in table(pyproject, "tool", "poetry")
        )
        return declared or bool(requirement_files) or any(f in file_set for f in DECLARATION_FILES)


class ENV002(Check):
    """Passes when a lock file is committed (uv.lock, poetry.lock, pdm.lock, Pipfile.lock,
    pixi.lock, *.conda-lock.yml) or compiled requirements .txt files exist, and every
    requirement line of every requirements .txt file is pinned with `==` (or is a direct
    reference), as is every package of a conda environment file (`name=1.2.3` or its pip
    section's `==`). Unpinned lines are reported once per file, with their count and the
    first of them; `.in` files may use ranges."""

    requires = frozenset({"ENV001"})

    @staticmethod
    def check(
        lock_files: list[str],
        requirements: list[Requirement],
        conda_requirements: list[Requirement],
    ) -> Outcome:
        compiled = [r for r in requirements if r.path.endswith(".txt")] + conda_requirements
        unpinned: dict[str, list[Requirement]] = {}
        for requirement in compiled:
            if not requirement.pinned:
                unpinned.setdefault(requirement.path, []).append(requirement)
        if unpinned:
            return [_unpinned_hit(found) for found in unpinned.values()]
        return bool(lock_files or compiled)


def _unpinned_hit(unpinned: list[Requirement]) -> Hit:
    """One finding per file: how many lines are unpinned, and the first few of them."""
    shown = ", ".join(f"`{r.name}{r.spec}`" for r in unpinned[:SHOWN_LINES])
    more = f" and {len(unpinned) - SHOWN_LINES} more" if len(unpinned) > SHOWN_LINES else ""
    if len(unpinned) == 1:
        return Hit(unpinned[0].path, unpinned[0].line, f"{shown} is not pinned to one version")
    detail = f"{len(unpinned)} requirements are not pinned to one version: {shown}{more}"
    return Hit(unpinned[0].path, unpinned[0].line, detail)


class ENV003(Check):
    """Passes when every pinned requirements .txt line carries `--hash=` options (lock
    files of uv, poetry, pdm and pipenv always record hashes). Reports the first
    pinned, unhashed line of each file, whether or not other lines are unpinned."""

    requires = frozenset({"ENV001"})

    @staticmethod
    def check(requirements: list[Requirement]) -> Outcome:
        first_unhashed: dict[str, Requirement] = {}
        for requirement in requirements:
            if requirement.path.endswith(".txt") and requirement.pinned and not requirement.hashed:
                first_unhashed.setdefault(requirement.path, requirement)
        return [
            Hit(r.path, r.line, f"`{r.name}` and the lines after it have no --hash")
            for r in first_unhashed.values()
        ]


class ENV004(Check):
    """Applies when the repository has both a service and training code. Passes when a
    dependency set is meant for serving: a requirements file, optional-dependency extra,
    dependency group or pixi feature whose name mentions serve, inference, predict or api."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(training_files: list[str], dependency_sets: list[str]) -> Outcome:
        if not training_files:
            return NotApplicable("no training code in the repository")
        return any(is_serving_set(name) for name in dependency_sets)


class ENV005(Check):
    """Passes when `.github/dependabot.yml` lists at least one update or a Renovate
    configuration (renovate.json, .renovaterc, .github/renovate.json...) exists."""

    @staticmethod
    def check(dependabot: dict[str, Any], renovate_files: list[str]) -> Outcome:
        return bool(dependabot.get("updates")) or bool(renovate_files)


# `FROM python:3.9-slim` (any registry prefix, any tag suffix): the Python of a base image.
PYTHON_IMAGE = re.compile(r"(?:^|/)python:(3\.\d+)(?:[.\-]|$)")
# `- python=3.7.*` / `- python=3.6.10=h0371630_0` / `- python >= 3.8` (its oldest) in a
# conda environment file.
CONDA_PYTHON = re.compile(r"^[ \t]*-[ \t]*python[ \t]*(?:>=|=+)[ \t]*(3\.\d+)", re.MULTILINE)
# `python-version: '3.10'` or a matrix `python-version: ["3.9", "3.12"]` in CI.
CI_PYTHON = re.compile(r"^[ \t-]*python-version:[ \t]*([^\n#]*)", re.MULTILINE)


class ENV006(Check):
    """Passes when no Python the repository runs on is past its end of life by the versions
    table shipped with the tool: the oldest Python `requires-python` (or Poetry's `python`)
    allows, `.python-version`, each Dockerfile's `python:3.X` base image, the `python=3.X` of
    conda environment files, and the `python-version:` CI sets up."""

    @staticmethod
    def check(
        pyproject: dict[str, Any],
        file_set: frozenset[str],
        text: TextOf,
        dockerfiles: list[Dockerfile],
        conda_files: list[str],
        ci_text: dict[str, str],
    ) -> Outcome:
        found: list[tuple[str, int | None, str, str]] = []  # path, line, what, python
        poetry = table(pyproject, "tool", "poetry", "dependencies")
        spec = table(pyproject, "project").get("requires-python") or poetry.get("python")
        if isinstance(spec, str) and (oldest := oldest_allowed(spec, KNOWN_PYTHONS)):
            found.append(("pyproject.toml", None, f"requires-python allows {oldest}", oldest))
        if ".python-version" in file_set:
            pinned = re.match(r"\s*(3\.\d+)", text(".python-version") or "")
            if pinned:
                found.append((".python-version", 1, f"pins {pinned[1]}", pinned[1]))
        for dockerfile in dockerfiles:
            for stage in dockerfile.stages:
                base = next((word for word in stage[0].arguments.split() if "--" not in word), "")
                image = PYTHON_IMAGE.search(base)
                if image:
                    found.append((dockerfile.path, stage[0].line, f"runs on {base}", image[1]))
        for rel in [*conda_files, *ci_text]:
            content = ci_text.get(rel) or text(rel) or ""
            pattern = CI_PYTHON if rel in ci_text else CONDA_PYTHON
            for match in pattern.finditer(content):
                for python in re.findall(r"3\.\d+", match[1]):
                    line = content.count("\n", 0, match.start()) + 1
                    found.append((rel, line, f"sets up Python {python}", python))
        return [hit for where in found if (hit := _past_end_of_life(*where)) is not None]


def _past_end_of_life(path: str, line: int | None, what: str, python: str) -> Hit | None:
    end = versions.end_of_life(python)
    if end is None or end >= date.today():
        return None
    return Hit(path, line, f"{what} (Python {python}: end of life {end})")
