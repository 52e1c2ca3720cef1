"""Where a repository names the Python it runs on, read for ENV006.

One table per family of declaration sites, so that supporting a new site is one line:
- `VERSION_FILES`: files whose whole purpose is to name a Python (`.python-version`,
  Heroku's `runtime.txt`, a Pipfile's `[requires]`, tox's envlist, direnv's `layout
  pyenv 3.7.7`), in any folder;
- `SETTING_FILES`: files where a variable or key named for the Python holds its version
  (a Makefile's `PYTHON_VERSION ?= 3.8`, CI's `python-version:` or `python: [3.7, 3.8]`,
  CodeBuild's `runtime-versions: python: 3.7`, a compose build argument), and the
  images such files run jobs in (`image: python:3.7`);
- `COMMAND_FILES`: files whose commands are run to set the project up, where a command
  that creates an environment names its Python (`conda create -n x python=3.7`), read
  with `_created_pythons` of the ENV006 check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from mlops_scaffold.doctor.checks.base import TextOf
from mlops_scaffold.doctor.checks.images import image_python
from mlops_scaffold.doctor.checks.notebooks import code_cells
from mlops_scaffold.lazy_pattern import lazy_pattern

# (file, line, what is declared, python)
Declared = tuple[str, int, str, str]


class VersionFile(NamedTuple):
    """A file that names a Python: its path, where the Pythons are written in it (each
    match's first group, read by `pythons_in`), how a finding says it, and whether what
    reads it installs the project (tox does: an env older than the project's
    `requires-python` allows fails to install it, a stale line that runs nothing)."""

    path: re.Pattern[str]
    declaration: re.Pattern[str]
    what: str
    installs_project: bool = False


# A Python in a declaration: `3.8`, `3.8.10`, `python3.8`, `cpython-3.8`, tox's `py38`,
# `py{37,38}` and `py3{7,8}`.
PYTHON = lazy_pattern(r"(?<![\w.])(?:c?python-?)?3\.(\d+)")
TOX_ENV = lazy_pattern(r"\bpy3(\d{1,2})\b|\bpy\{([\d, ]+)\}|\bpy3\{([\d, ]+)\}")

VERSION_FILES: tuple[VersionFile, ...] = tuple(
    VersionFile(lazy_pattern(path), lazy_pattern(declaration), what, what.startswith("tests"))
    for path, declaration, what in (
        # pyenv, and uv's and rye's `.python-version`, in any project folder
        (r"(?:^|/)\.python-version$", r"\A\s*(3\.\d+)", "pins {python}"),
        # asdf's and mise's `.tool-versions` (the first version is the one used)
        (r"(?:^|/)\.tool-versions$", r"(?m)^[ \t]*python[ \t]+(3\.\d+)", "pins python {python}"),
        # the Python a platform builds the app on: Heroku, Binder, Streamlit Cloud
        (r"(?:^|/)runtime\.txt$", r"\A\s*python-(3\.\d+)", "asks its platform for Python {python}"),
        # Pipenv's `[requires] python_version = "3.7"`
        (
            r"(?:^|/)Pipfile$",
            r"(?m)^[ \t]*python_(?:full_)?version[ \t]*=[ \t]*[\"'](3\.\d+)",
            "requires Python {python}",
        ),
        # tox's envlist (`py37, py38`, `py{37,38}-django`), one line or continued ones
        (
            r"(?:^|/)(?:tox\.ini|setup\.cfg)$",
            r"(?m)^[ \t]*envlist[ \t]*=([^\n]*(?:\n[ \t]+[^\n]+)*)",
            "tests on Python {python}",
        ),
        # mise's `[tools] python = "3.8"`
        (
            r"(?:^|/)\.?mise\.toml$",
            r"(?m)^[ \t]*python[ \t]*=[ \t]*[\"'](3\.\d+)",
            "pins python {python}",
        ),
        # direnv's `.envrc`: `layout pyenv 3.7.7`, `layout python python3.8` (the
        # environment direnv creates and enters in the folder)
        (
            r"(?:^|/)\.envrc$",
            r"(?m)^[ \t]*layout[ \t]+(?:pyenv|python3?)[ \t]+(?:python)?(3\.\d+)",
            "creates its environment on Python {python}",
        ),
    )
)


def pythons_in(value: str) -> list[str]:
    """The Pythons a declared value names (`3.8`, `python3.7`, `[3.7, "3.8"]`, tox's
    `py37`, `py{37,38}`), in order, each once."""
    found = [f"3.{m[1]}" for m in PYTHON.finditer(value)]
    for match in TOX_ENV.finditer(value):
        if match[1]:
            found.append(f"3.{match[1]}")
        elif match[2]:  # `py{37,38}`: each a whole version
            found += [f"3.{d[1:]}" for d in re.findall(r"\d+", match[2]) if d[:1] == "3"]
        else:  # `py3{7,8}`: each a minor
            found += [f"3.{d}" for d in re.findall(r"\d+", match[3])]
    return list(dict.fromkeys(found))


def version_files(files: Iterable[str], text: TextOf, oldest: str | None = None) -> list[Declared]:
    """Each Python the files of `VERSION_FILES` name, as (file, line, what, python);
    where what reads the file installs the project, not the Pythons older than `oldest`,
    the oldest the project allows."""
    found: list[Declared] = []
    for rel in files:
        for site in (site for site in VERSION_FILES if site.path.search(rel)):
            content = text(rel) or ""
            for match in site.declaration.finditer(content):
                line = content.count("\n", 0, match.start()) + 1
                found += [
                    (rel, line, site.what.format(python=python), python)
                    for python in pythons_in(match[1])
                    if not (site.installs_project and oldest and _older(python, oldest))
                ]
    return found


def _older(python: str, than: str) -> bool:
    """Whether Python `3.X` is older than `3.Y`."""
    return tuple(map(int, python.split("."))) < tuple(map(int, than.split(".")[:2]))


# Task runners' files: make's, just's, Task's.
TASK_RUNNER_FILES = (
    r"(?:^|/)(?:GNUmakefile|[Mm]akefile|[^/]+\.mk|\.?[Jj]ustfile|[Tt]askfile\.ya?ml)$"
)
# Files where a variable or a key named for the Python sets its version: task runners,
# scripts and .env files, compose files (an image's build argument), and CI (passed in).
SETTING_FILES = lazy_pattern(
    TASK_RUNNER_FILES + r"|\.(?:sh|bash|zsh|ps1|bat|cmd)$|(?:^|/)\.env(?:\.[\w-]+)?$"
    r"|(?:^|/)(?:docker-)?compose[\w.-]*\.ya?ml$"
    # AWS CodeBuild's buildspec, whether or not the repository declares what runs it
    r"|(?:^|/)[^/]*buildspec[^/]*\.ya?ml$"
)
# `PYTHON_VERSION ?= 3.8`, `export PY_VERSION=3.7`, `python-version: "3.8"`, `python:
# [3.7, 3.8]` (a CI matrix, Travis, CodeBuild's `runtime-versions:`), Azure's
# `python.version: '3.7'` and `versionSpec: '3.7'`, `PYTHON = python3.8`,
# `DEFAULT_PYTHON_VERSION: "3.8"`: the key, then what is on its line.
SETTING = lazy_pattern(
    r"^([ \t]*)(?:-[ \t]+)?(?:export[ \t]+|set[ \t]+|\$env:)?[\"']?"
    r"(?i:(?:[a-z0-9]+[_-])*(?:python|py)(?:[-_.]?(?:version|ver|interpreter|bin|exe))?s?"
    r"|versionSpec)[\"']?[ \t]*(?:[?:+]?=|:)[ \t]*(.*)$",
    re.MULTILINE,
)
# What a setting holds when it names Pythons: a version first (`3.8`, `"3.8"`,
# `python3.8`, `[3.7, 3.8]`), not a path, a command or a reference (`$(PYTHON)`).
SETTING_VALUE = lazy_pattern(r"^[\[\"' ]*(?:c?python-?)?3\.\d+")
# A YAML list item under a key left empty (Travis's `python:` then `- "3.6"`).
LIST_ITEM = lazy_pattern(r"^([ \t]*)-[ \t]+([^\n#]*)")
# An image a job or a service runs in: `image: python:3.7`, GitHub's `container:`,
# Jenkins' `docker { image 'python:3.7' }`, `docker run python:3.7 ...`; an image
# compose takes from a variable is its default (`image: ${AIRFLOW_IMAGE_NAME:-apache/
# airflow:2.7.2}`): what runs when the variable is not set.
IMAGE_REFERENCE = lazy_pattern(
    r"""(?:\bimage|\bcontainer)[\"']?[ \t]*[: \t][ \t]*[\"']?(?:\$\{\w+:?-)?"""
    r"""([\w./-]+:[\w.-]+)"""
    r"|\bdocker[ \t]+run\b[^\n]*?[ \t]((?:[\w.-]+/)*python:[\w.-]+)"
)


def setting_pythons(rel: str, content: str) -> list[Declared]:
    """The Pythons a file's settings name (see SETTING), and the Pythons of the images
    its jobs run in, as (file, line, what, python); a commented-out line sets nothing."""
    found: list[Declared] = []
    lines = content.splitlines()
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(("#", "//", "REM ", "rem ")):
            continue
        setting = SETTING.match(line)
        if setting is not None:
            value = setting[2].split(" #")[0].strip()
            values = [value] if value else list(_listed(lines, number, len(setting[1])))
            for item in (v for v in values if SETTING_VALUE.match(v)):
                found += [(rel, number, f"sets up Python {p}", p) for p in pythons_in(item)]
        for image in IMAGE_REFERENCE.finditer(line):
            python = image_python(image[1] or image[2])
            if python is not None:
                found.append((rel, number, f"runs in {image[1] or image[2]}", python))
    return found


def _listed(lines: list[str], number: int, indent: int) -> Iterator[str]:
    """The YAML list items written under the key of line `number` (1-based)."""
    for line in lines[number:]:
        item = LIST_ITEM.match(line)
        if item is None or len(item[1]) < indent:
            return
        yield item[2].strip()


def settings(files: Iterable[str], ci_files: Iterable[str], text: TextOf) -> list[Declared]:
    """The Pythons set by the settings of task runners, scripts, .env and compose files,
    buildspecs and CI configurations (see `setting_pythons`)."""
    chosen = dict.fromkeys([*ci_files, *(rel for rel in files if SETTING_FILES.search(rel))])
    found: list[Declared] = []
    for rel in chosen:
        content = text(rel) or ""
        if "3." in content or "image" in content:  # a version, or an image's default
            found += setting_pythons(rel, content)
    return list(dict.fromkeys(found))


# Files whose commands someone runs to set the project up, besides shell scripts, READMEs
# and setup guides: task runners (a Makefile's `conda create` recipe), Windows scripts.
COMMAND_FILES = lazy_pattern(TASK_RUNNER_FILES + r"|\.(?:ps1|bat|cmd)$")
# A notebook's shell line (`!conda create ...`, `%conda ...`).
NOTEBOOK_SHELL = lazy_pattern(r"(?m)^[ \t]*[!%]+([^\n]*)")


def command_lines(
    files: Iterable[str], ci_files: Iterable[str], text: TextOf, notebooks: dict[str, Any]
) -> Iterator[tuple[str, int | None, str]]:
    """The command lines of task runners, Windows scripts, CI configurations and
    notebooks' shell lines, as (file, line, command); comments are left out. A notebook's
    lines have no number (its cells are named instead)."""
    for rel in dict.fromkeys([*ci_files, *(r for r in files if COMMAND_FILES.search(r))]):
        content = text(rel) or ""
        if "3." not in content:
            continue
        for number, line in enumerate(content.splitlines(), 1):
            if "3." in line and not line.lstrip().startswith(("#", "REM ", "rem ")):
                yield rel, number, line
    for rel, notebook in notebooks.items():
        for _, source in code_cells(notebook):
            for match in NOTEBOOK_SHELL.finditer(source):
                if "3." in match[1]:
                    yield rel, None, match[1]
