"""The requirements a repo declares, sorted into the lock sets `mlops add lock` compiles.

Read from pyproject.toml (PEP 621 dependencies, optional dependencies and dependency
groups, Poetry, PDM), the root requirements files (`-r` includes followed) and the pip
section of a conda environment file.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.parsers import (
    conda_environment,
    include_of,
    normalise_package_name,
    poetry_requirements,
    requirement_lines,
    table,
    text_value,
)
from mlops_scaffold.repo.view import Repo

LockSet = Literal["train", "serve", "dev"]

# Dependency sets named for serving: serve, server, inference, predict, api...
# A set named for serving: its words (`requirements-serve.txt`, an `inference` extra), or
# the app's own set as a whole word (`requirements-app.txt`, `requirements_app.in`).
SERVING_SET = lazy_pattern(r"(?i)serv|infer|predict|api|scor|(?:^|[-_.])app(?:[-_.]|$)")
_DEV_SET = lazy_pattern(
    r"(?i)^(dev|develop|test|tests|testing|lint|docs?|typing|types|style|qa|ci)$"
)
ROOT_REQUIREMENTS = lazy_pattern(r"(?i)^[^/]*requirements[^/]*\.(?:txt|in)$")
# Where pip looks for packages: kept, so the lock resolves (and installs) from the same indexes.
INDEX_OPTION = lazy_pattern(r"(?:--index-url|--extra-index-url|--find-links|-i|-f)(?:[=\s]|$)")
# A URL or a path instead of a registry requirement (git+https://..., ./local, name @ url).
_NOT_FROM_AN_INDEX = lazy_pattern(r"^[^;]*(?:://|@\s*\S+:)|^[.~/\\]")
CONDA_FILES = ("environment.yml", "environment.yaml")
PACKAGING_FILES = ("pyproject.toml", "setup.py", "setup.cfg")
"""Files that make a repo's code installable (`pip install .`)."""


@dataclass(frozen=True)
class DeclaredDependencies:
    """The requirements a repo declares, sorted into the lock sets they belong to."""

    train: tuple[str, ...] = ()
    serve: tuple[str, ...] = ()
    dev: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    """Where they were read, as a user names them (`pyproject.toml [project.dependencies]`)."""
    left_out: tuple[str, ...] = ()
    """Entries that are not registry requirements (paths, git URLs, editable installs)."""
    origins: tuple[tuple[str, str], ...] = ()
    """Each requirement and where it was read: `requirements.txt:4`, `pyproject.toml [...]`."""
    index_options: tuple[str, ...] = ()
    """`--index-url`, `--extra-index-url` and `--find-links` lines of the requirements files."""
    build: tuple[str, ...] | None = None
    """What builds the repo's package (`[build-system] requires`, else pip's setuptools);
    None when the repo has nothing to build it with (mlops then brings a hatchling one)."""

    def for_set(self, name: str) -> tuple[str, ...]:
        """The requirements declared for one lock set (`train`, `serve` or `dev`)."""
        found: tuple[str, ...] = getattr(self, name, ())
        return found

    @property
    def build_source(self) -> str:
        """Where `build` was read, as a user finds it."""
        if self.build == SETUPTOOLS_FALLBACK:
            return "pip's default backend: the repo's packaging names none"
        return "pyproject.toml [build-system] requires"

    def origin(self, requirement: str) -> str:
        """Where a declared requirement was read, as a user finds it."""
        return dict(self.origins).get(requirement, "declared by this repo")


def is_serving_set(name: str) -> bool:
    """Whether a dependency set's name says it is for serving (serve, inference, api...)."""
    return bool(SERVING_SET.search(name))


def set_for(group: str) -> LockSet:
    """The lock set a named group of requirements goes to: serving, development, or training."""
    if is_serving_set(group):
        return "serve"
    return "dev" if _DEV_SET.match(group) else "train"


def requirements_set(path: str) -> LockSet:
    """The lock set a requirements file is for, by its name (`requirements-dev.txt`: dev)."""
    stem = posixpath.basename(path).rsplit(".", 1)[0]
    return set_for(re.sub(r"(?i)[-_.]?requirements[-_.]?", "", stem))


def root_requirement_files(repo: Repo) -> list[str]:
    """Root requirements files; a pip-tools `.in` stands for the `.txt` compiled from it."""
    found = set(repo.matching(ROOT_REQUIREMENTS, hint="rement"))
    return sorted(
        rel for rel in found if rel.endswith(".in") or f"{rel[: -len('.txt')]}.in" not in found
    )


def declared_dependencies(repo: Repo) -> DeclaredDependencies:
    """Every dependency the repo declares, per lock set, with where each was read."""
    pyproject = repo.pyproject
    name = text_value(table(pyproject, "project"), "name") or repo.root.name
    found = _Collected(normalise_package_name(name), _uv_sources_elsewhere(pyproject))
    _read_pep621(pyproject, found)
    _read_poetry(table(pyproject, "tool", "poetry"), found)
    for group, entries in table(pyproject, "tool", "pdm", "dev-dependencies").items():
        found.add("dev", entries, f"pyproject.toml [tool.pdm.dev-dependencies.{group}]")
    for rel in root_requirement_files(repo):
        entries = _requirement_entries(repo, rel, set(), found.index_options)
        found.add(requirements_set(rel), [entry for entry, _ in entries], rel, entries)
    for rel in CONDA_FILES:
        if rel in repo.file_set:
            pip = conda_environment(repo.load_yaml(rel)).pip
            found.add("train", [_pip_line(line) for line in pip], f"{rel} (pip section)")
    return found.result(build_requirements(repo))


SETUPTOOLS_FALLBACK = ("setuptools>=40.8.0", "wheel")
"""What pip builds a package with when its pyproject.toml names no backend (PEP 517)."""


def build_requirements(repo: Repo) -> tuple[str, ...] | None:
    """What builds the repo's package: its `[build-system] requires`, or pip's setuptools
    fallback for a setup.py, setup.cfg or a pyproject.toml without one; None without any."""
    requires = table(repo.pyproject, "build-system").get("requires")
    if isinstance(requires, list) and requires and all(isinstance(r, str) for r in requires):
        return tuple(requirement.strip() for requirement in requires)
    if any(name in repo.file_set for name in PACKAGING_FILES):
        return SETUPTOOLS_FALLBACK
    return None


def _pip_line(line: str) -> str:
    """A line of a conda file's pip section, as its requirements-file parser reads it."""
    return next((parsed.content for parsed in requirement_lines(line)), "")


def _requirement_entries(
    repo: Repo, rel: str, seen: set[str], index_options: dict[str, None]
) -> list[tuple[str, str]]:
    """The requirements of one file and their `file:line`, `-r` includes followed.

    Index options go to `index_options`; other options but `-e` are dropped.
    """
    seen.add(rel)
    entries: list[tuple[str, str]] = []
    for line in requirement_lines(repo.text(rel) or ""):
        included = include_of(line)
        if included is not None:
            child = posixpath.normpath(posixpath.join(posixpath.dirname(rel), included))
            if child in repo.file_set and child not in seen:
                entries.extend(_requirement_entries(repo, child, seen, index_options))
        elif INDEX_OPTION.match(line.content):
            index_options[line.content] = None
        elif not line.content.startswith("-") or line.content.startswith(("-e", "--editable")):
            entries.append((line.content, f"{rel}:{line.line}"))  # -e: reported as left out
    return entries


def _uv_sources_elsewhere(pyproject: dict[str, Any]) -> dict[str, str]:
    """The packages `[tool.uv.sources]` takes from git, a path, a URL or the workspace (not
    from an index), by normalised name, with the kind of source."""
    found: dict[str, str] = {}
    for name, source in table(pyproject, "tool", "uv", "sources").items():
        for entry in source if isinstance(source, list) else [source]:
            kind = next(
                (key for key in _NOT_INDEX_SOURCES if isinstance(entry, dict) and key in entry),
                None,
            )
            if kind:
                found[normalise_package_name(name)] = kind
    return found


_NOT_INDEX_SOURCES = ("path", "git", "url", "workspace")
"""The `[tool.uv.sources]` keys of a package that does not come from a package index."""


class _Collected:
    """Requirements gathered per set, in order, without duplicates or self-references."""

    def __init__(self, own_name: str, elsewhere: dict[str, str] | None = None) -> None:
        self.own_name = own_name
        self.elsewhere = elsewhere or {}
        """Packages the repo takes from git, a path or a URL (uv sources), by normalised name."""
        self.sets: dict[str, dict[str, str]] = {"train": {}, "serve": {}, "dev": {}}
        self.sources: list[str] = []
        self.left_out: list[str] = []
        self.index_options: dict[str, None] = {}

    def add(
        self, lock_set: str, entries: Any, source: str, located: Sequence[tuple[str, str]] = ()
    ) -> None:
        """Keep the registry requirements of `entries`; `located` gives each one's `file:line`."""
        where = dict(located)
        kept = 0
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, str) or not entry.strip():
                continue  # `{include-group = ...}` tables: the included group is read on its own
            text = entry.strip()
            if not re.match(r"[A-Za-z0-9]", text) or _NOT_FROM_AN_INDEX.match(text):
                self.left_out.append(f"{text} ({where.get(entry, source)})")
                continue
            name = normalise_package_name(re.split(r"[\s\[<>=!~;@(]", text)[0])
            if name == self.own_name:
                continue  # `demo[extra]`: the project itself
            if name in self.elsewhere:
                kind = self.elsewhere[name]
                self.left_out.append(f"{text} ({kind} in [tool.uv.sources])")
                continue
            self.sets[lock_set].setdefault(text, where.get(entry, source))
            kept += 1
        if kept:
            self.sources.append(source)

    def result(self, build: tuple[str, ...] | None) -> DeclaredDependencies:
        return DeclaredDependencies(
            build=build,
            train=tuple(self.sets["train"]),
            serve=tuple(self.sets["serve"]),
            dev=tuple(self.sets["dev"]),
            sources=tuple(dict.fromkeys(self.sources)),
            left_out=tuple(self.left_out),
            origins=tuple(
                (text, origin) for found in self.sets.values() for text, origin in found.items()
            ),
            index_options=tuple(self.index_options),
        )


def _read_pep621(pyproject: dict[str, Any], found: _Collected) -> None:
    project = table(pyproject, "project")
    found.add("train", project.get("dependencies"), "pyproject.toml [project.dependencies]")
    tables = (
        ("project.optional-dependencies", table(project, "optional-dependencies")),
        ("dependency-groups", table(pyproject, "dependency-groups")),
    )
    for name, groups in tables:
        for group, entries in groups.items():
            found.add(set_for(group), entries, f"pyproject.toml [{name}.{group}]")


def _read_poetry(poetry: dict[str, Any], found: _Collected) -> None:
    groups = {
        "tool.poetry.dependencies": ("train", table(poetry, "dependencies")),
        "tool.poetry.dev-dependencies": ("dev", table(poetry, "dev-dependencies")),
    }
    for group in table(poetry, "group"):
        where = f"tool.poetry.group.{group}.dependencies"
        groups[where] = (set_for(group), table(poetry, "group", group, "dependencies"))
    for where, (lock_set, dependencies) in groups.items():
        entries = [
            requirement
            for name, spec in dependencies.items()
            if name.lower() != "python"
            for requirement in poetry_requirements(name, spec)
        ]
        found.add(lock_set, entries, f"pyproject.toml [{where}]")
