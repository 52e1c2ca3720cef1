"""What a repo someone else wrote already is, read off the repo view: the facts `mlops add`
and `mlops update` fit the template to."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Literal

from mlops_scaffold.repo.dependencies import PACKAGING_FILES
from mlops_scaffold.repo.packaging import why_not_in_a_wheel
from mlops_scaffold.repo.parsers import (
    declared_readme,
    first_author,
    normalise_package_name,
    oldest_allowed,
    string_constants,
    table,
    text_value,
)
from mlops_scaffold.repo.view import Repo
from mlops_scaffold.versions import SUPPORTED_PYTHONS, load

Layout = Literal["src", "flat"]
DependencyTool = Literal["pip", "uv", "poetry", "pdm", "conda"]


# Every Python the versions table knows, end-of-life ones included, oldest first.
KNOWN_PYTHONS = tuple(sorted(load().pythons, key=lambda v: tuple(map(int, v.split(".")))))
_NOT_PACKAGES = {"tests", "test", "docs", "scripts", "notebooks", "build", "dist", "src"}
_CONDA_FILES = ("environment.yml", "environment.yaml")


@dataclass(frozen=True)
class RepoFacts:
    """What a repo already is: the template is rendered to fit it."""

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
    readme: str | None = None
    build_files: tuple[str, ...] = ("pyproject.toml",)
    """The root files a build of the package reads: its packaging files and the root files a
    setup.py names (the README it reads for the description, say); the readme apart."""
    declared_python: str | None = None
    """The oldest Python the repo declares, end-of-life ones included (3.9 for `>=3.9`)."""
    not_in_a_wheel: str | None = None
    """Why the repo's packaging builds no wheel holding its package folder (the images then
    run the folder from source), None when it may."""
    allows_supported: bool = True
    """Whether the repo's requires-python allows a supported Python (`>=3.10,<3.11` does not:
    its package cannot install in what `add` targets)."""
    has_data_folder: bool = False
    """Whether the repo has a `data` of its own (the added pipeline then keeps out of it)."""

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

    def package_dir(self, name: str | None = None) -> str:
        """Where the package called `name` (by default the repo's own) lives or goes, relative
        to the root: the repo's own in its layout (`src/pkg` or `pkg`), another in `src/`."""
        name = name or self.package_name
        return name if self.layout == "flat" and name == self.package_name else f"src/{name}"


def repo_facts(repo: Repo) -> RepoFacts:
    """Package name and layout, Python version, dependency tool, CI files and Dockerfiles."""
    project = table(repo.pyproject, "project")
    poetry = table(repo.pyproject, "tool", "poetry")
    project_name = text_value(project, "name") or text_value(poetry, "name") or repo.root.name
    package, layout, exists = _find_package(repo, project_name)
    author = first_author(project.get("authors") or poetry.get("authors"))
    return RepoFacts(
        project_name=project_name,
        package_name=package,
        layout=layout,
        package_exists=exists,
        python_version=_python_version(repo, project, poetry, SUPPORTED_PYTHONS),
        declared_python=_python_version(repo, project, poetry, KNOWN_PYTHONS),
        allows_supported=_allows_supported(project, poetry),
        dependency_tool=_dependency_tool(repo),
        ci_files=tuple(repo.ci_files),
        dockerfiles=tuple(dockerfile.path for dockerfile in repo.dockerfiles),
        description=text_value(project, "description") or text_value(poetry, "description"),
        author_name=author.get("name"),
        author_email=author.get("email"),
        readme=declared_readme(project, poetry),
        build_files=_build_files(repo, declared_readme(project, poetry)),
        # on disk, not in the listing: a data/ that git ignores is the user's all the same
        has_data_folder=os.path.lexists(repo.root / "data"),
        not_in_a_wheel=why_not_in_a_wheel(repo, package if layout == "flat" else f"src/{package}"),
    )


def _build_files(repo: Repo, readme: str | None) -> tuple[str, ...]:
    """The packaging files the repo has (pyproject.toml, which mlops writes, when none), and the
    root files its setup.py names in a string (`open("README.rst")`): the build reads them.
    The template's answer is a space-separated string, so a name with a space is left out."""
    present = [name for name in PACKAGING_FILES if name in repo.file_set] or ["pyproject.toml"]
    named = string_constants(repo.text("setup.py") or "") if "setup.py" in present else set()
    read = sorted(
        name
        for name in named
        if name in repo.file_set and not set(name) & set("/ ") and name != readme
    )
    return tuple(dict.fromkeys([*present, *read]))


def _find_package(repo: Repo, project_name: str) -> tuple[str, Layout, bool]:
    wanted = normalise_package_name(project_name)
    layouts: tuple[tuple[Layout, str], ...] = (("src", "src/"), ("flat", ""))
    for layout, prefix in layouts:
        found = sorted(
            {
                rel[len(prefix) :].split("/", 1)[0]
                for rel in repo.files
                if rel.startswith(prefix)
                and rel.count("/") == prefix.count("/") + 1
                and rel.endswith("/__init__.py")
            }
            - _NOT_PACKAGES
        )
        found = [name for name in found if name.isidentifier()]
        if found:
            return (wanted if wanted in found else found[0]), layout, True
    return wanted, "src", False


def _python_version(
    repo: Repo, project: dict[str, object], poetry: dict[str, object], among: tuple[str, ...]
) -> str | None:
    """The Python the repo is on, among `among`: its .python-version, else the oldest its
    requires-python (or Poetry's `python`) allows."""
    pinned = repo.text(".python-version") if ".python-version" in repo.file_set else None
    match = re.match(r"\s*(3\.\d+)", pinned or "")
    if match and match.group(1) in among:
        return match.group(1)
    spec = project.get("requires-python") or table(poetry, "dependencies").get("python")
    return oldest_allowed(str(spec), among) if isinstance(spec, str) else None


def _allows_supported(project: dict[str, object], poetry: dict[str, object]) -> bool:
    """False only when the declared Python range is readable and allows no supported Python."""
    spec = project.get("requires-python") or table(poetry, "dependencies").get("python")
    if not isinstance(spec, str) or oldest_allowed(spec, KNOWN_PYTHONS) is None:
        return True
    return oldest_allowed(spec, SUPPORTED_PYTHONS) is not None


def _dependency_tool(repo: Repo) -> DependencyTool:
    tool = table(repo.pyproject, "tool")
    if "uv.lock" in repo.file_set or "uv" in tool:
        return "uv"
    if "poetry.lock" in repo.file_set or "poetry" in tool:
        return "poetry"
    if "pdm.lock" in repo.file_set or "pdm" in tool:
        return "pdm"
    if any(name in repo.file_set for name in _CONDA_FILES):
        return "conda"
    return "pip"
