"""Serving dependency sets a platform installs by its own rules, without a Dockerfile
(ENV004): a Bento's python packages, a Hugging Face Space's requirements.txt; and training
that runs in environments of its own (MLflow project steps). A Bento's packages are
requirements to pin too (ENV002)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from mlops_scaffold.doctor.checks.base import TextOf
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Requirement
from mlops_scaffold.repo.parsers import parse_requirements

YamlOf = Callable[[str], Any]

# A Hugging Face Space's README front matter: `---`, then `sdk: gradio` among its keys.
SPACE_FRONT_MATTER = lazy_pattern(r"\A---[ \t]*\n(?:(?!---)[^\n]*\n)*?sdk:[ \t]*\w", re.MULTILINE)
# An MLproject that declares the environment its entry points run in.
PROJECT_ENVIRONMENT = lazy_pattern(r"^(?:conda_env|python_env|docker_env)[ \t]*:[ \t]*\S", re.M)


def bento_packages(bento_files: list[str], training: list[str], load_yaml: YamlOf) -> str | None:
    """The first bentofile.yaml that lists python packages of its own: `bentoml build`
    installs them in the Bento, apart from whatever the project's training installs. Not
    one whose service module (`service: "service.py:svc"`) trains itself."""
    for rel in bento_files:
        document = load_yaml(rel)
        if not isinstance(document, dict):
            continue
        python = document.get("python")
        packages = python.get("packages") if isinstance(python, dict) else None
        service = str(document.get("service", "")).partition(":")[0]
        module = posixpath.join(posixpath.dirname(rel), service.removesuffix(".py") + ".py")
        if isinstance(packages, list) and packages and module not in training:
            return rel
    return None


def bento_requirements(
    bento_files: list[str], load_yaml: YamlOf, text: TextOf
) -> list[Requirement]:
    """The python packages each bentofile.yaml lists, as requirements at their lines:
    `bentoml build` installs them as written, like a requirements file."""
    found: list[Requirement] = []
    for rel in bento_files:
        document = load_yaml(rel)
        python = document.get("python") if isinstance(document, dict) else None
        packages = python.get("packages") if isinstance(python, dict) else None
        lines = (text(rel) or "").splitlines()
        for package in packages if isinstance(packages, list) else []:
            entry = str(package)
            line = next((n for n, written in enumerate(lines, 1) if entry in written), 1)
            found += [replace(r, line=line) for r in parse_requirements(rel, entry) if r.valid]
    return found


def space_requirements(
    serving_files: list[str], training_files: list[str], file_set: frozenset[str], text: TextOf
) -> str | None:
    """The requirements.txt of a Hugging Face Space's folder that serves (its README's
    front matter names an `sdk:`; the Space installs the requirements.txt beside it),
    when no training code sits in that folder. A Space at the root is left out: its
    requirements.txt is the project's."""
    for folder in sorted({posixpath.dirname(rel) for rel in serving_files} - {""}):
        requirements = f"{folder}/requirements.txt"
        readme = f"{folder}/README.md"
        if requirements not in file_set or readme not in file_set:
            continue
        if any(rel.startswith(f"{folder}/") for rel in training_files):
            continue
        if SPACE_FRONT_MATTER.match(text(readme) or ""):
            return requirements
    return None


def trains_in_own_environments(training: list[str], file_set: frozenset[str], text: TextOf) -> bool:
    """Whether every file that trains is a step of an MLflow project below the root whose
    MLproject declares its own environment (`conda_env: conda.yml`): `mlflow run` builds
    that environment for the step, so the root's set is not what training installs."""
    return bool(training) and all(_step_environment(rel, file_set, text) for rel in training)


def _step_environment(rel: str, file_set: frozenset[str], text: TextOf) -> bool:
    folder = posixpath.dirname(rel)
    while folder:
        project = f"{folder}/MLproject"
        if project in file_set:
            return bool(PROJECT_ENVIRONMENT.search(text(project) or ""))
        folder = posixpath.dirname(folder)
    return False
