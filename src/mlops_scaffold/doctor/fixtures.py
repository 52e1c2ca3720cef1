"""Views of a repository that only the checks need: services, training code, CI text."""

from __future__ import annotations

import ast
import json
import os
import re
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any

from mlops_scaffold.doctor.checks.base import CONTENT_HINTS
from mlops_scaffold.doctor.checks.data import VALIDATION_LIBRARIES
from mlops_scaffold.doctor.checks.experiments import TRACKERS
from mlops_scaffold.doctor.checks.monitoring import DRIFT_LIBRARIES
from mlops_scaffold.doctor.commands import CommandGraph, command_graph
from mlops_scaffold.doctor.pycode import parse
from mlops_scaffold.repo import Repo

# A notebook over this size is parsed only to measure its outputs (NB003).
MAX_NOTEBOOK_BYTES = 200_000_000
# Imports that make a module a web service.
SERVICE_FRAMEWORKS = (
    "fastapi",
    "flask",
    "starlette",
    "bentoml",
    "litserve",
    "kserve",
    "mlserver",
    "sanic",
    "falcon",
    "tornado",
)
# Frameworks that serve health and metrics endpoints without code of yours.
BATTERIES_INCLUDED = ("bentoml", "kserve", "mlserver")
TRAINING_CALL = re.compile(r"\.fit\(|\.train\(|trainer\.fit|\bTrainer\(")
# The modules whose importers some check asks about.
IMPORTED_MODULES = (
    SERVICE_FRAMEWORKS + TRACKERS + DRIFT_LIBRARIES + tuple(sorted(VALIDATION_LIBRARIES))
)


class AuditView(Repo):
    """A repository as the checks see it: the generic views plus ML-specific ones."""

    imported_modules = IMPORTED_MODULES

    @property
    def grep_literals(self) -> tuple[bytes, ...]:
        """Every literal the checks declared, searched in one `git grep` pass."""
        return tuple(sorted(CONTENT_HINTS))

    @cached_property
    def service_files(self) -> list[str]:
        """Source files (not tests) that import a web framework."""
        found = {rel for name in SERVICE_FRAMEWORKS for rel in self.imports.get(name, [])}
        return sorted(found)

    @cached_property
    def service_has_batteries(self) -> bool:
        """True when the service framework itself provides health and metrics endpoints."""
        return any(name in self.imports for name in BATTERIES_INCLUDED)

    @cached_property
    def training_files(self) -> list[str]:
        """Source files that train a model: named for it, or calling `.fit(`."""
        return [
            rel
            for rel in self.source_files
            if "train" in rel.rsplit("/", 1)[-1] or TRAINING_CALL.search(self.text(rel) or "")
        ]

    @cached_property
    def dependency_sets(self) -> list[str]:
        """Names of dependency sets: requirements file stems, extras, groups, pixi features."""
        names = [PurePosixPath(rel).stem for rel in self.requirement_files]
        project = self.pyproject.get("project", {})
        names += list(_mapping(project.get("optional-dependencies")))
        names += list(_mapping(self.pyproject.get("dependency-groups")))
        tool = _mapping(self.pyproject.get("tool"))
        names += list(_mapping(_mapping(tool.get("poetry")).get("group")))
        names += list(_mapping(_mapping(tool.get("pixi")).get("feature")))
        return names

    def syntax_tree(self, rel: str) -> ast.Module | None:
        """A Python file's syntax tree, parsed once; None when unreadable or invalid."""
        if rel not in self._trees:
            text = self.text(rel)
            self._trees[rel] = parse(text) if text is not None else None
        return self._trees[rel]

    @cached_property
    def _trees(self) -> dict[str, ast.Module | None]:
        return {}

    @cached_property
    def notebook_output_bytes(self) -> dict[str, int]:
        """Every notebook -> the size of its cells' outputs as JSON, large notebooks too."""
        sizes = {rel: _output_bytes(notebook) for rel, notebook in self.notebooks.items()}
        for rel, size in self.sizes.items():
            if rel.endswith(".ipynb") and rel not in sizes and size <= MAX_NOTEBOOK_BYTES:
                try:
                    with open(os.path.join(self.root, rel), "rb") as handle:
                        sizes[rel] = _output_bytes(json.load(handle))
                except (OSError, ValueError, RecursionError):
                    continue  # unreadable or not JSON: REPO001 says so for small ones
        return sizes

    @cached_property
    def commands(self) -> CommandGraph:
        """CI jobs and task runners followed down to the programs they start."""
        return command_graph(self, self.files, [*self.ci_files, *self.action_files])

    @cached_property
    def ci_text(self) -> dict[str, str]:
        """Every CI configuration file -> its text."""
        return {rel: self.text(rel) or "" for rel in self.ci_files}


def _output_bytes(notebook: Any) -> int:
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    return sum(
        len(json.dumps(cell.get("outputs", [])))
        for cell in (cells if isinstance(cells, list) else [])
        if isinstance(cell, dict)
    )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
