"""Read a repo someone else wrote: what `mlops add` needs to fit the template to it."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from mlops_scaffold.errors import RepoReadError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

Layout = Literal["src", "flat"]
DependencyTool = Literal["pip", "uv", "poetry", "pdm", "conda"]

SUPPORTED_PYTHONS = ("3.10", "3.11", "3.12", "3.13")
"""The versions the template's `python_version` question accepts, oldest first."""

_NOT_PACKAGES = {"tests", "test", "docs", "scripts", "notebooks", "build", "dist", "src"}


@dataclass(frozen=True)
class RepoFacts:
    """What a repo already is: the template is rendered to fit it."""

    root: Path
    project_name: str
    package_name: str
    layout: Layout
    package_exists: bool
    python_version: str | None
    dependency_tool: DependencyTool
    ci_files: tuple[str, ...]
    dockerfiles: tuple[str, ...]
    description: str | None = None
    author_name: str | None = None
    author_email: str | None = None

    def answers(self) -> dict[str, str]:
        """Template answers inferred from the repo (only what it tells; the rest are defaults)."""
        inferred = {
            "project_name": self.project_name,
            "package_name": self.package_name,
            "python_version": self.python_version,
            "description": self.description,
            "author_name": self.author_name,
            "author_email": self.author_email,
        }
        return {key: value for key, value in inferred.items() if value}

    def package_dir(self) -> str:
        """Where the package lives, relative to the root (`src/pkg` or `pkg`)."""
        return f"src/{self.package_name}" if self.layout == "src" else self.package_name


def inspect_repo(root: Path) -> RepoFacts:
    """Read package name and layout, Python version, dependency tool, CI and Dockerfiles."""
    if not root.is_dir():
        raise RepoReadError(f"{root} is not a folder", hint="pass --path DIR of an existing repo")
    pyproject = _read_pyproject(root)
    project = pyproject.get("project", {})
    poetry = pyproject.get("tool", {}).get("poetry", {})
    project_name = str(project.get("name") or poetry.get("name") or root.resolve().name)
    package, layout, exists = _find_package(root, project_name)
    author = _first_author(project.get("authors") or poetry.get("authors") or [])
    return RepoFacts(
        root=root,
        project_name=project_name,
        package_name=package,
        layout=layout,
        package_exists=exists,
        python_version=_python_version(root, project, poetry),
        dependency_tool=_dependency_tool(root, pyproject),
        ci_files=_ci_files(root),
        dockerfiles=_dockerfiles(root),
        description=project.get("description") or poetry.get("description") or None,
        author_name=author.get("name"),
        author_email=author.get("email"),
    )


def normalise_package_name(name: str) -> str:
    """A distribution or folder name as an importable package name."""
    cleaned = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return re.sub(r"^[0-9_]+", "", cleaned) or "model"


def _read_pyproject(root: Path) -> dict[str, Any]:
    path = root / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):  # a broken file tells nothing
        return {}


def _find_package(root: Path, project_name: str) -> tuple[str, Layout, bool]:
    wanted = normalise_package_name(project_name)
    for layout, base in (("src", root / "src"), ("flat", root)):
        found = sorted(
            init.parent.name
            for init in base.glob("*/__init__.py")
            if init.parent.name not in _NOT_PACKAGES and init.parent.name.isidentifier()
        )
        if found:
            return (wanted if wanted in found else found[0]), layout, True  # type: ignore[return-value]
    return wanted, "src", False


def _python_version(root: Path, project: dict[str, Any], poetry: dict[str, Any]) -> str | None:
    pinned = root / ".python-version"
    if pinned.is_file():
        match = re.match(r"\s*(3\.\d+)", pinned.read_text(encoding="utf-8", errors="replace"))
        if match and match.group(1) in SUPPORTED_PYTHONS:
            return match.group(1)
    spec = project.get("requires-python") or poetry.get("dependencies", {}).get("python")
    return _oldest_allowed(str(spec)) if spec else None


def _oldest_allowed(spec: str) -> str | None:
    """The oldest supported Python a version spec allows (`^3.10` is Poetry's `>=3.10,<4`)."""
    spec = re.sub(r"\^\s*(\d+\.\d+)", r">=\1,<4", spec)
    try:
        allowed = SpecifierSet(spec.replace(" ", ""))
    except InvalidSpecifier:
        return None
    return next((v for v in SUPPORTED_PYTHONS if allowed.contains(f"{v}.0")), None)


def _dependency_tool(root: Path, pyproject: dict[str, Any]) -> DependencyTool:
    tool = pyproject.get("tool", {})
    if (root / "uv.lock").is_file() or "uv" in tool:
        return "uv"
    if (root / "poetry.lock").is_file() or "poetry" in tool:
        return "poetry"
    if (root / "pdm.lock").is_file() or "pdm" in tool:
        return "pdm"
    if any((root / name).is_file() for name in ("environment.yml", "environment.yaml")):
        return "conda"
    return "pip"


def _ci_files(root: Path) -> tuple[str, ...]:
    workflows = sorted(
        path.relative_to(root).as_posix()
        for pattern in ("*.yml", "*.yaml")
        for path in (root / ".github" / "workflows").glob(pattern)
    )
    others = [name for name in (".gitlab-ci.yml", "azure-pipelines.yml") if (root / name).is_file()]
    return (*workflows, *others)


def _dockerfiles(root: Path) -> tuple[str, ...]:
    candidates = {
        path.relative_to(root).as_posix()
        for pattern in (
            "Dockerfile",
            "*.Dockerfile",
            "Dockerfile.*",
            "*/Dockerfile",
            "*/*.Dockerfile",
        )
        for path in root.glob(pattern)
        if path.is_file()
    }
    return tuple(sorted(candidates))


def _first_author(authors: list[Any]) -> dict[str, str]:
    """PEP 621's `{name, email}` table, or Poetry's `"Name <email>"` string."""
    first = authors[0] if authors else {}
    if isinstance(first, str):
        match = re.fullmatch(r"\s*([^<]*?)\s*(?:<([^>]+)>)?\s*", first)
        first = {"name": match.group(1), "email": match.group(2)} if match else {}
    if not isinstance(first, dict):
        return {}
    return {key: str(value) for key, value in first.items() if key in ("name", "email") and value}
