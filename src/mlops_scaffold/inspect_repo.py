"""Read a repo someone else wrote: what `mlops add` needs to fit the template to it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from mlops_scaffold.errors import RepoReadError
from mlops_scaffold.versions import SUPPORTED_PYTHONS

Layout = Literal["src", "flat"]
DependencyTool = Literal["pip", "uv", "poetry", "pdm", "conda"]


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
    readme: str | None = None

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


def fitted_answers(root: Path, facts: RepoFacts, python_version: str | None) -> dict[str, str]:
    """Hidden template answers that fit what `mlops add` renders to a repo mlops did not make."""
    return {
        # The images copy the readme pyproject.toml declares (the build backend reads it), or none.
        "readme": facts.readme or "",
        # `make lock` and `add lock` resolve for the repo's own oldest Python (a new project's
        # default, the oldest supported one, is the floor of the locks the template ships).
        "lock_python": python_version or SUPPORTED_PYTHONS[0],
        # The pre-commit hooks run the tools of the repo's .venv when it has one, else PATH's.
        "tool_bin": ".venv/bin/" if (root / ".venv" / "bin").is_dir() else "",
    }


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
        readme=_declared_readme(project, poetry),
    )


def _declared_readme(project: dict[str, Any], poetry: dict[str, Any]) -> str | None:
    """The readme file pyproject.toml names (the build backend reads it), or None."""
    declared = project.get("readme") or poetry.get("readme")
    if isinstance(declared, dict):
        declared = declared.get("file")
    elif isinstance(declared, list):  # Poetry allows several
        declared = declared[0] if declared else None
    return declared if isinstance(declared, str) and declared else None


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


# -- declared dependencies ----------------------------------------------------------------

LockSet = Literal["train", "serve", "dev"]

# Dependency sets named for serving: serve, server, inference, predict, api...
SERVING_SET = re.compile(r"(?i)serv|infer|predict|api")
_DEV_SET = re.compile(r"(?i)^(dev|develop|test|tests|testing|lint|docs?|typing|types|style|qa|ci)$")
_ROOT_REQUIREMENTS = ("*requirements*.txt", "*requirements*.in")


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

    def for_set(self, name: str) -> tuple[str, ...]:
        """The requirements declared for one lock set (`train`, `serve` or `dev`)."""
        return tuple(getattr(self, name, ()))


def is_serving_set(name: str) -> bool:
    """Whether a dependency set's name says it is for serving (serve, inference, api...)."""
    return bool(SERVING_SET.search(name))


def set_for(group: str) -> LockSet:
    """The lock set a named group of requirements goes to: serving, development, or training."""
    if is_serving_set(group):
        return "serve"
    return "dev" if _DEV_SET.match(group) else "train"


def declared_dependencies(root: Path) -> DeclaredDependencies:
    """Read pyproject (PEP 621, dependency groups, Poetry, PDM) and root requirements files."""
    pyproject = _read_pyproject(root)
    own_name = normalise_package_name(
        str(pyproject.get("project", {}).get("name") or root.resolve().name)
    )
    found = _Collected(own_name)
    _read_pep621(pyproject, found)
    _read_poetry(pyproject.get("tool", {}).get("poetry", {}), found)
    for group, entries in (
        pyproject.get("tool", {}).get("pdm", {}).get("dev-dependencies") or {}
    ).items():
        found.add("dev", entries, f"pyproject.toml [tool.pdm.dev-dependencies.{group}]")
    for path in _requirement_files(root):
        entries = list(requirement_lines(root, path, set()))
        group = re.sub(r"(?i)[-_.]?requirements[-_.]?", "", path.stem)  # requirements-dev: dev
        found.add(set_for(group), entries, path.relative_to(root).as_posix())
    return found.result()


class _Collected:
    """Requirements gathered per set, in order, without duplicates or self-references."""

    def __init__(self, own_name: str) -> None:
        self.own_name = own_name
        self.sets: dict[str, dict[str, None]] = {"train": {}, "serve": {}, "dev": {}}
        self.sources: list[str] = []
        self.left_out: list[str] = []

    def add(self, lock_set: str, entries: Any, source: str) -> None:
        kept = 0
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, str) or not entry.strip():
                continue  # `{include-group = ...}` tables: the included group is read on its own
            text = entry.strip()
            if not re.match(r"[A-Za-z0-9]", text) or re.match(r"[^;]*@\s*\S+:", text):
                self.left_out.append(f"{text} ({source})")
                continue
            if normalise_package_name(re.split(r"[\s\[<>=!~;@(]", text)[0]) == self.own_name:
                continue  # `demo[extra]`: the project itself
            self.sets[lock_set][text] = None
            kept += 1
        if kept:
            self.sources.append(source)

    def result(self) -> DeclaredDependencies:
        return DeclaredDependencies(
            train=tuple(self.sets["train"]),
            serve=tuple(self.sets["serve"]),
            dev=tuple(self.sets["dev"]),
            sources=tuple(dict.fromkeys(self.sources)),
            left_out=tuple(self.left_out),
        )


def _read_pep621(pyproject: dict[str, Any], found: _Collected) -> None:
    project = pyproject.get("project", {})
    found.add("train", project.get("dependencies"), "pyproject.toml [project.dependencies]")
    tables = (
        ("project.optional-dependencies", project.get("optional-dependencies")),
        ("dependency-groups", pyproject.get("dependency-groups")),
    )
    for table, groups in tables:
        for group, entries in (groups if isinstance(groups, dict) else {}).items():
            found.add(set_for(group), entries, f"pyproject.toml [{table}.{group}]")


def _read_poetry(poetry: dict[str, Any], found: _Collected) -> None:
    groups = {
        "": ("train", poetry.get("dependencies")),
        "dev": ("dev", poetry.get("dev-dependencies")),
    }
    for group, table in (poetry.get("group") or {}).items():
        groups[group] = (set_for(group), (table or {}).get("dependencies"))
    for group, (lock_set, table) in groups.items():
        where = f"tool.poetry.group.{group}.dependencies" if group else "tool.poetry.dependencies"
        if group == "dev" and table is poetry.get("dev-dependencies"):
            where = "tool.poetry.dev-dependencies"
        entries = [
            _poetry_requirement(name, spec)
            for name, spec in (table or {}).items()
            if name.lower() != "python"
        ]
        found.add(lock_set, entries, f"pyproject.toml [{where}]")


def _poetry_requirement(name: str, spec: Any) -> str:
    """Poetry's `name = "^1.2"` (or `{version, extras}`) as a PEP 508 requirement."""
    extras = ""
    if isinstance(spec, dict):
        if not spec.get("version"):
            return f"{name} @ {next(iter(spec.values()), '?')}:"  # path, git or url: left out
        extras = f"[{','.join(spec['extras'])}]" if spec.get("extras") else ""
        spec = spec["version"]
    return f"{name}{extras}{_poetry_version(str(spec))}"


def _poetry_version(spec: str) -> str:
    """`^1.2` -> `>=1.2,<2`, `~1.2` -> `>=1.2,<1.3`, `1.2.3` -> `==1.2.3`, `*` -> no bound."""
    spec = spec.strip()
    if spec in ("", "*"):
        return ""
    operator, version = re.match(r"([\^~]?)(.*)", spec).groups()  # type: ignore[union-attr]
    if operator:
        numbers = [int(part) for part in re.findall(r"\d+", version)] or [0]
        if operator == "^":
            position = next((i for i, n in enumerate(numbers) if n), len(numbers) - 1)
        else:
            position = min(1, len(numbers) - 1) if len(numbers) > 1 else 0
        upper = [*numbers[:position], numbers[position] + 1]
        return f">={version},<{'.'.join(map(str, upper))}"
    return f"=={spec}" if re.fullmatch(r"\d[\w.]*", spec) else spec.replace(" ", "")


def _requirement_files(root: Path) -> list[Path]:
    """Root requirements files; a pip-tools `.in` stands for the `.txt` compiled from it."""
    found = {
        path for pattern in _ROOT_REQUIREMENTS for path in root.glob(pattern) if path.is_file()
    }
    return sorted(
        path for path in found if path.suffix == ".in" or path.with_suffix(".in") not in found
    )


def requirement_lines(root: Path, path: Path, seen: set[Path]) -> list[str]:
    """The requirements of one file, `-r` includes followed; `-e`, paths and options left out."""
    seen.add(path.resolve())
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    lines: list[str] = []
    for raw in re.sub(r"\\\n", " ", text).splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        line = re.split(r"\s--hash[=\s]", line)[0].strip()
        include = re.match(r"(?:-r|--requirement)[=\s]+(\S+)", line)
        if include:
            child = (path.parent / include.group(1)).resolve()
            if child.is_file() and child not in seen and child.is_relative_to(root.resolve()):
                lines.extend(requirement_lines(root, child, seen))
        elif line and not line.startswith("-"):
            lines.append(line)
        elif line.startswith(("-e", "--editable")):
            lines.append(line)  # reported as left out: not a registry requirement
    return lines
