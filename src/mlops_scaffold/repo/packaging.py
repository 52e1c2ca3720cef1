"""Whether the repo's own packaging builds a wheel that holds its package folder.

The images `mlops add docker` brings install the package as a wheel its own build backend
builds (`pip wheel --no-build-isolation .`); the runtime image keeps only that venv, so the
wheel must hold the folder where the pipeline and the service go. Some repos' packaging says
plainly, in its files, that it does not: those images run the folder from source instead
(PYTHONPATH), and the plan says why. Each rule here reads files only: nothing is built.
"""

from __future__ import annotations

import ast
import json
import posixpath

from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.parsers import normalise_package_name, table, text_value
from mlops_scaffold.repo.view import Repo

UV_MARKERS = ("uv.lock",)
ADDED_SUBPACKAGES = ("serve", "monitoring")
"""The subpackages the serve and monitoring components add under the package folder."""
POETRY_AUTHOR = lazy_pattern(r"^(?P<name>[- .,\w\d'\u2019\"():&]+)(?: <(?P<email>.+?)>)?$")
"""poetry-core's form of an author: a name, and an email in angle brackets if any."""


def why_not_in_a_wheel(repo: Repo, package_dir: str) -> str | None:
    """Why the repo's packaging builds no wheel holding `package_dir`, or None when it may.

    None is no promise that the build succeeds: only the causes the files state are read.
    """
    listed = _setup_py_lists(repo, package_dir)
    if listed or "pyproject.toml" not in repo.file_set:
        return listed  # without any packaging, mlops writes a minimal pyproject.toml
    return (
        _uv_virtual_project(repo)
        or _poetry_leaves_out(repo.pyproject, package_dir)
        or _hatch_leaves_out(repo.pyproject, package_dir)
    )


def _hatch_leaves_out(pyproject: dict[str, object], package_dir: str) -> str | None:
    """Hatch's wheel target keeps only what its `packages` or `only-include` list names."""
    if "hatchling" not in str(table(pyproject, "build-system").get("build-backend")):
        return None
    wheel = table(pyproject, "tool", "hatch", "build", "targets", "wheel")
    for key in ("only-include", "packages"):
        listed = wheel.get(key)
        if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
            continue
        paths = [posixpath.normpath(str(path).strip("/")) for path in listed]
        if not any(_covers(path, package_dir) for path in paths):
            named = ", ".join(paths)
            return f"[tool.hatch.build.targets.wheel] {key} lists {named}, not {package_dir}/"
    return None


def _setup_py_lists(repo: Repo, package_dir: str) -> str | None:
    """setup.py's `packages=[...]` written out: the wheel holds those packages only, not the
    subpackages mlops adds (`pkg.serve`, `pkg.monitoring`) unless the list names them."""
    if "setup.py" not in repo.file_set:
        return None
    try:
        tree = ast.parse(repo.text("setup.py") or "")
    except (SyntaxError, ValueError):
        return None
    package = posixpath.basename(package_dir)
    wanted = [package, *(f"{package}.{sub}" for sub in ADDED_SUBPACKAGES)]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg != "packages" or not isinstance(keyword.value, ast.List | ast.Tuple):
                continue
            names = {
                str(item.value) for item in keyword.value.elts if isinstance(item, ast.Constant)
            }
            if not set(wanted) <= names:
                return (
                    f"setup.py lists packages={sorted(names)!r}: the wheel holds those only, "
                    f"not all of {', '.join(wanted)}, where mlops adds its code"
                )
    return None


def _uv_virtual_project(repo: Repo) -> str | None:
    """A uv project without `[build-system]`: uv installs its dependencies only, never the
    project itself (unless `[tool.uv] package = true`), so nothing here ever built it."""
    pyproject = repo.pyproject
    uv = table(pyproject, "tool", "uv")
    uses_uv = "uv" in table(pyproject, "tool") or any(m in repo.file_set for m in UV_MARKERS)
    if not uses_uv or "build-system" in pyproject or uv.get("package") is True:
        return None
    return (
        "pyproject.toml has no [build-system]: uv treats the project as not a package "
        "(it installs its dependencies only, never builds it)"
    )


def _poetry_leaves_out(pyproject: dict[str, object], package_dir: str) -> str | None:
    """Poetry builds what `[tool.poetry] packages` includes, else the folder named after the
    project: a package folder elsewhere is left out of the wheel."""
    poetry = table(pyproject, "tool", "poetry")
    if not poetry or "poetry" not in str(table(pyproject, "build-system").get("build-backend")):
        return None
    authors = poetry.get("authors")
    listed = authors if isinstance(authors, list) else []
    unreadable = [author for author in listed if not POETRY_AUTHOR.match(str(author))]
    if unreadable:
        return (
            f"[tool.poetry] authors has {json.dumps(str(unreadable[0]))}, which poetry-core "
            "refuses to build with (`Name <email>` is its form)"
        )
    packages = poetry.get("packages")
    if isinstance(packages, list):
        included = [
            poetry_included(entry) if isinstance(entry, dict) else None for entry in packages
        ]
        if any(path is None for path in included):
            return None  # a glob or an unread entry: not ours to judge
        if any(_covers(str(path), package_dir) for path in included):
            return None
        names = ", ".join(str(path) for path in included) or "nothing"
        return f"[tool.poetry] packages includes {names}, not {package_dir}/"
    name = normalise_package_name(text_value(poetry, "name") or "")
    if posixpath.basename(package_dir) == name:
        return None
    return (
        f"Poetry builds the package named after the project ({name}), not {package_dir}/; "
        "[tool.poetry] packages does not name it"
    )


def poetry_included(entry: dict[str, object]) -> str | None:
    """The folder one `packages` entry includes (`from` joined), None for a glob or a value
    of the wrong type."""
    include, source = entry.get("include"), entry.get("from", "")
    if not isinstance(include, str) or not isinstance(source, str) or set(include) & set("*?["):
        return None
    return posixpath.normpath(posixpath.join(source, include))


def _covers(included: str, package_dir: str) -> bool:
    return package_dir == included or package_dir.startswith(f"{included}/")
