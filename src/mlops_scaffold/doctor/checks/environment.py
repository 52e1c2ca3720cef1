"""ENV: dependencies are declared, pinned (with hashes), split, and kept up to date."""

from __future__ import annotations

import ast
import fnmatch
import posixpath
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, NamedTuple

from mlops_scaffold import versions
from mlops_scaffold.doctor.checks.base import (
    TRAINING_CODE,
    Check,
    FilesContaining,
    FilesMatching,
    Hit,
    NamesTaken,
    NotApplicable,
    Outcome,
    Passed,
    TextOf,
    TreeOf,
    service_training,
)
from mlops_scaffold.doctor.checks.image_roles import (
    SERVER_COMMAND,
    TOOL,
    TOOL_SERVER,
    Role,
)
from mlops_scaffold.doctor.checks.images import image_python, release_of
from mlops_scaffold.doctor.checks.notebooks import SOURCE_NOTEBOOK
from mlops_scaffold.doctor.checks.serving import answered_by_platform
from mlops_scaffold.doctor.checks.serving_sets import (
    BENTO_FILE,
    DependencyFiles,
    TomlOf,
    YamlOf,
    bento_packages,
    missing_training_package,
    space_requirements,
    trains_in_own_environments,
    unbuilt_services,
)
from mlops_scaffold.doctor.commands import Command, CommandGraph
from mlops_scaffold.doctor.content_hints import content_hints, line_hint
from mlops_scaffold.doctor.other_languages import OtherCode
from mlops_scaffold.doctor.pycode import calls, dotted, import_names, walked
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Dockerfile, Requirement
from mlops_scaffold.repo.dependencies import is_serving_set
from mlops_scaffold.repo.facts import KNOWN_PYTHONS
from mlops_scaffold.repo.parsers import (
    Instruction,
    normalise_package_name,
    oldest_allowed,
    parse_requirements,
    requirement_lines,
    table,
)
from mlops_scaffold.repo.view import REQUIREMENTS_NAME, RYE_LOCK

SHOWN_LINES = 3  # unpinned requirements named in a finding; the rest are counted
DECLARATION_FILES = (
    "environment.yml",
    "environment.yaml",
    "Pipfile",
    "setup.py",
    "setup.cfg",
    "pixi.toml",
)


# How ENV001 and ENV002 pass a folder of other languages' code: no Python to declare.
NO_PYTHON_HERE = "no Python here"


class ENV001(Check):
    """Passes when pyproject.toml declares dependencies (PEP 621, Poetry or dependency groups) or
    the repository has a requirements file, a conda explicit spec file (`conda list --explicit`
    saved as a .txt, its `@EXPLICIT` line), a Pipfile, pixi.toml, setup.py or setup.cfg in any
    folder (the code may live in a subfolder with its own), a pyproject.toml in a subfolder with a
    dependency list or table (a pipeline step's own project), a conda environment file
    (environment.yml, one per machine or use, environment_hpc.yaml, conda.yaml,
    conda_dependencies.yml, train_dependencies.yml, training_env.yml, train-conda.yml, one under
    envs/ or environments/, the one an MLproject names, or any YAML in conda's format whatever its
    name: `channels` and a `dependencies` list, `ml_workshop.yaml`); for a template, one of these
    among the files of the project it renders (`{{ cookiecutter.name }}/requirements.txt`, copier's
    `template/pyproject.toml.jinja`, `[[ project_slug ]]/pyproject.toml`: see `doctor/rendered.py`).
    A requirements file or a rendered declaration with nothing but blank lines and comments declares
    nothing, nor does a setup.py whose `setup()` gives no dependency (`install_requires=[]`) or
    that neither calls `setup()` nor imports setuptools or distutils (a Databricks notebook
    saved as `config/setup.py`), and neither does a rendered pyproject.toml with no dependency
    list or table (one that only configures tools, `[tool.ruff]`). A BentoML build file's
    package list (`bentofile.yaml`'s `python: packages:`) declares what `bentoml build`
    installs into the service's image. A repository with no Python code (no `.py` file,
    notebook or rendered code) is judged by its own languages' manifests: a `package.json`,
    R's `DESCRIPTION` or `renv.lock` declares its code's dependencies; with no code in any
    language (Markdown labs, manifests and Terraform alone) there is nothing to declare."""

    @staticmethod
    def check(
        pyproject: dict[str, Any],
        requirement_files: list[str],
        conda_files: list[str],
        conda_explicit_specs: list[str],
        file_set: frozenset[str],
        rendered_files: dict[str, str],
        text: TextOf,
        bento_requirements: list[Requirement],
        non_python_code: OtherCode | None,
    ) -> Outcome:
        if conda_files or conda_explicit_specs or bento_requirements:
            return True
        requirement_files = [rel for rel in requirement_files if _lists_something(rel, text)]
        project = table(pyproject, "project")
        declared = (
            "dependencies" in project
            or "dependencies" in project.get("dynamic", [])
            or "dependency-groups" in pyproject
            or "dependencies" in table(pyproject, "tool", "poetry")
        )
        declarations = [
            rel for rel in file_set if _is_declaration_file(rel) and not _empty_setup(rel, text)
        ]
        declarations += [  # a step's or a service's own project (`src/training/pyproject.toml`)
            rel
            for rel in file_set
            if rel.endswith("/pyproject.toml") and PYPROJECT_DEPENDENCIES.search(text(rel) or "")
        ]
        if declared or requirement_files or declarations:
            return True
        rendered = next(
            (rel for rel, name in rendered_files.items() if _declares_something(rel, name, text)),
            None,
        )
        if rendered:
            return Passed(f"the project it renders declares them ({rendered})")
        if non_python_code is not None:
            if non_python_code.declared:
                names = ", ".join(sorted(non_python_code.declared))
                return Passed(f"{NO_PYTHON_HERE}: its {names} code's manifest declares them")
            if not non_python_code.languages:
                return NotApplicable("no code whose dependencies to declare")
        return False


# An exact pin in a rendered declaration: `numpy==1.26.4` (a requirements line, a quoted
# pyproject entry) or conda's `- pytorch=1.9.0` in an environment file.
RENDERED_PIN = lazy_pattern(
    r"""(?m)^[ \t]*(?:-[ \t]*)?["']?[A-Za-z0-9][\w.\[\],-]*[ \t]*===?[ \t]*\d"""
    r"|^[ \t]*-[ \t]*(?!python=)[A-Za-z0-9][\w.-]*=\d[\w.]*[ \t]*(?:#.*)?$"
)


def image_pins(dockerfiles: list[Dockerfile], image_roles: dict[str, Role]) -> list[str]:
    """The project's Dockerfiles (not a tool's image) that pip install a package at an exact
    version (`RUN pip install torch==2.4.1`): a pin that goes stale as a requirements
    file's does."""
    return [
        dockerfile.path
        for dockerfile in dockerfiles
        if image_roles.get(dockerfile.path) != TOOL
        and any(
            i.keyword == "RUN" and _pinned_image_installs(i.arguments)
            for i in dockerfile.instructions
        )
    ]


def pyproject_pins(pyproject: dict[str, Any]) -> bool:
    """Whether pyproject.toml pins a version exactly beyond `[project].dependencies`: in
    an optional dependency, a dependency group or a Hatch environment's dependencies, or
    in Poetry's tables, whose bare version (`black = "22.3.0"`) is an exact one."""
    if poetry_pins(pyproject):
        return True
    lists: list[Any] = [
        *table(pyproject, "project", "optional-dependencies").values(),
        *table(pyproject, "dependency-groups").values(),
    ]
    for environment in table(pyproject, "tool", "hatch", "envs").values():
        if isinstance(environment, dict):
            lists += [environment.get("dependencies"), environment.get("extra-dependencies")]
    return any(
        requirement.valid and requirement.pinned
        for entries in lists
        if isinstance(entries, list)
        for entry in entries
        if isinstance(entry, str)
        for requirement in parse_requirements("pyproject.toml", entry)
    )


# A Poetry constraint that allows one version: `"22.3.0"`, `"==22.3.0"` (not `^`, `~`, `*`,
# ranges or a wildcard `1.2.*`).
POETRY_EXACT = lazy_pattern(r"^\s*(?:==?)?\s*\d+(?:\.\d+)*(?:[a-z]+\d*|\.post\d+)?\s*$")


def poetry_pins(pyproject: dict[str, Any]) -> bool:
    """Whether Poetry's dependencies (main, the old `dev-dependencies`, any group) pin a
    package to one version, written bare or as a table's `version` (Python itself aside)."""
    poetry = table(pyproject, "tool", "poetry")
    tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
    groups = table(poetry, "group").values()
    tables += [group.get("dependencies") for group in groups if isinstance(group, dict)]
    for dependencies in tables:
        for name, constraint in (dependencies if isinstance(dependencies, dict) else {}).items():
            version = constraint.get("version") if isinstance(constraint, dict) else constraint
            if name != "python" and isinstance(version, str) and POETRY_EXACT.match(version):
                return True
    return False


def rendered_pins(rendered_files: dict[str, str], text: TextOf) -> list[str]:
    """The declarations a template renders (`{{ cookiecutter.name }}/requirements.txt`,
    its pyproject.toml or environment.yml) that pin a version exactly: every generated
    project inherits those versions, which go stale as the template's own do."""
    return [
        rel
        for rel, name in rendered_files.items()
        if _declares(name) and RENDERED_PIN.search(text(rel) or "")
    ]


def _is_declaration_file(rel: str) -> bool:
    """Whether a file is a declaration by its name, in any folder: the project's code may
    live in a subfolder with its own setup.py (`pipelines/setup.py`)."""
    return rel.rsplit("/", 1)[-1] in DECLARATION_FILES


# The keyword arguments of `setup()` that declare what a package needs to run.
SETUP_DEPENDENCIES = frozenset({"install_requires", "extras_require"})


def _empty_setup(rel: str, text: TextOf) -> bool:
    """Whether a setup.py calls `setup()` with no dependency given: no `install_requires`
    or `extras_require`, or only empty ones (`install_requires=[]`), and no `**options`
    that may hold them. A setup.py that cannot be parsed, or calls no `setup()` but
    imports setuptools or distutils, may declare anything; one that does neither is no
    packaging script (a Databricks notebook saved as `config/setup.py`)."""
    if rel.rsplit("/", 1)[-1] != "setup.py":
        return False
    source = text(rel) or ""
    if SOURCE_NOTEBOOK.match(source):  # a Databricks notebook: its `%pip` cells parse as none
        return True
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    setups = [call for call in calls(tree) if dotted(call.func).rpartition(".")[2] == "setup"]
    if not setups:  # a packaging script imports what it builds with
        return not any(
            name.split(".")[0] in ("setuptools", "distutils")
            for name in import_names(tree).values()
        )
    return all(
        keyword.arg is not None
        and (keyword.arg not in SETUP_DEPENDENCIES or _empty_literal(keyword.value))
        for call in setups
        for keyword in call.keywords
    )


def _empty_literal(node: ast.expr) -> bool:
    """Whether an expression is an empty list, tuple or dict written out (`[]`, `{}`)."""
    if isinstance(node, ast.List | ast.Tuple):
        return not node.elts
    return isinstance(node, ast.Dict) and not node.keys


def _lists_something(rel: str, text: TextOf) -> bool:
    """Whether a declaration file has a line that is not blank or a comment: an empty
    requirements.txt declares nothing."""
    content = text(rel)
    return content is None or any(
        line.strip() and not line.lstrip().startswith("#") for line in content.splitlines()
    )


# A pyproject.toml line that declares dependencies, read as text (a template's may hold
# Jinja): a `dependencies = [` key (PEP 621, a Hatch environment, `dynamic`), a table of them
# (`[tool.poetry.dependencies]`, `[dependency-groups]`, `[tool.pixi.dependencies]`).
PYPROJECT_DEPENDENCIES = lazy_pattern(
    r"(?m)^[ \t]*(?:\[[\w.\"-]*dependenc[\w.\"-]*\]|[\w-]*dependencies[ \t]*="
    r"|dynamic[ \t]*=.*dependencies)"
)


def _declares_something(rel: str, rendered: str, text: TextOf) -> bool:
    """Whether a rendered file declares dependencies: a declaration by its rendered name
    that lists something, and, for a pyproject.toml, a list or table of dependencies."""
    if not _declares(rendered) or not _lists_something(rel, text):
        return False
    return not rendered.endswith("pyproject.toml") or bool(
        PYPROJECT_DEPENDENCIES.search(text(rel) or "")
    )


def _declares(rendered: str) -> bool:
    """Whether a rendered file is a dependency declaration, by the name it takes once
    rendered (`pyproject.toml.j2` -> `pyproject.toml`; any Jinja around its name), or a
    requirements file by its path (`requirements/base.txt`)."""
    name = rendered.rsplit("/", 1)[-1]
    return name in (*DECLARATION_FILES, "pyproject.toml") or bool(
        re.fullmatch(r"requirements[\w.-]*\.txt", name) or REQUIREMENTS_NAME.search(rendered)
    )


class ENV002(Check):
    """Passes when a lock file is committed (uv.lock, poetry.lock, pdm.lock, Pipfile.lock,
    pixi.lock, *.conda-lock.yml, PEP 751's pylock.toml) or compiled requirements .txt files
    exist (rye's `requirements.lock` and `requirements-dev.lock` are such files, in pip's
    format), and every requirement line of every requirements .txt file is pinned with `==` (or
    is a direct reference), as is every package of a conda environment file (`name=1.2.3`, a
    version with a build string `name=1.1=build`, or its pip section's `==`) and of a
    bentofile.yaml's `python.packages` (the Bento installs them as written), and so is every
    package of a Pipfile with no Pipfile.lock beside it (`pandas = "*"` resolves afresh on each
    `pipenv install`); a requirements line that installs a branch's code (`-e
    git+https://host/owner/repo#egg=name`, a VCS URL with no commit or tag, or one at `@main`)
    is unpinned too. Unpinned lines are reported once per file, with their count and the first
    of them; `.in` files may use ranges, and so may a requirements file whose every package
    another of its folder, one a `pip freeze > FILE` of the repository writes, pins with `==`
    (`requirements-base.txt` beside the `requirements.txt` frozen from it). A Dockerfile's or a
    shell script's `pip install <package>` is a requirement too (a lock does not pin what the
    image or the script installs beside it; not in the image of a tool's server the project
    runs, an MLflow tracking server's `pip install mlflow boto3`, started by its command or by
    the `entrypoint.sh` it copies in, see `image_roles`), and so is
    an install of a branch's code (a VCS URL with no commit or tag, `@main`, a
    `.../archive/master.zip`), and so is an image's `pip install .` (`uv pip install
    ".[serve]"`) of the project it copies in when that pyproject.toml gives ranges, no lock is
    in its folder or one above it, and the image installs from no requirements file or lock
    tool, and an image's `poetry install`, `uv sync`, `pdm install` or `pipenv install` on a
    declaration of ranges it copies in without the lock the repository keeps for it (`COPY
    pyproject.toml ./` alone, or `COPY . .` from a folder below a workspace's lock): the tool
    then resolves the ranges afresh; and so is an install Python code runs as a
    process (`subprocess.run(["python", "-m", "pip", "install", "dvc"])`, `os.system("pip
    install ...")`, when the packages are written in the call); installs from files, paths and
    other URLs, and of the installers themselves (pip, poetry, uv, pip-tools...), are not. A lock
    pins nothing when nothing installs from it: a uv, poetry, pdm, pipenv or pixi lock no file
    ever names its tool's install for (`uv sync`, `uv run`, `poetry install`...), while CI or a task
    installs with pip or `uv pip`, is reported. Where nothing declares the dependencies (ENV001
    fails), an image or a script that installs packages is still judged: its unpinned installs
    are reported, and so is the first of its pinned ones (the rest of what the code imports is
    pinned nowhere); with no such install nothing is pinned at all, and that is reported too
    (the practice is missing where its prerequisite is: ENV001 reports the declaration), except
    at the root of a monorepo or a course, whose projects declare theirs and are judged each;
    so is such a root whose pyproject.toml declares no package (`dependencies = []`)."""

    @staticmethod
    def check(
        lock_files: list[str],
        requirements: list[Requirement],
        conda_requirements: list[Requirement],
        dockerfiles: list[Dockerfile],
        files: tuple[str, ...],
        commands: CommandGraph,
        files_containing: FilesContaining,
        text: TextOf,
        requirement_files: list[str],
        file_set: frozenset[str],
        pyproject: dict[str, Any],
        conda_files: list[str],
        conda_explicit_specs: list[str],
        rendered_files: dict[str, str],
        bento_requirements: list[Requirement],
        load_toml: TomlOf,
        syntax_tree: TreeOf,
        left_out: tuple[str, ...],
        image_roles: dict[str, Role],
        build_contexts: dict[str, str],
        non_python_code: OtherCode | None,
    ) -> Outcome:
        own_images = [d for d in dockerfiles if image_roles.get(d.path) != TOOL]
        hits, compiled = unpinned_installs(
            requirements,
            conda_requirements,
            requirement_files,
            bento_requirements,
            load_toml,
            own_images,
            files,
            file_set,
            files_containing,
            syntax_tree,
            lock_files,
            build_contexts,
            text,
        )
        declared = ENV001.check(
            pyproject,
            requirement_files,
            conda_files,
            conda_explicit_specs,
            file_set,
            rendered_files,
            text,
            bento_requirements,
            None,  # Python's declarations only: other languages' are judged below
        )
        if non_python_code is not None and not (declared or hits or lock_files or compiled):
            if not non_python_code.languages:
                return NotApplicable("no code whose dependencies to pin")
            if non_python_code.all_locked:
                names = ", ".join(sorted(non_python_code.locked))
                return Passed(f"{NO_PYTHON_HERE}: its {names} code is locked")
        if not declared:
            if not hits and left_out:  # a monorepo's root: its projects declare their own
                return NotApplicable("the projects declare their dependencies, each judged")
            return hits or _pinned_installs_alone(own_images)
        if hits:
            return hits
        # a monorepo's root whose pyproject.toml declares nothing (`dependencies = []`)
        unlisted = not (lock_files or requirements or conda_requirements)
        if left_out and unlisted and not _declares_packages(pyproject):
            return NotApplicable("the root declares no package; its projects are judged")
        if lock_files and not compiled:
            unused = _lock_nothing_installs_from(lock_files, commands, files_containing, text)
            if unused is not None:
                return [unused]
        return bool(lock_files or compiled)


def _declares_packages(pyproject: dict[str, Any]) -> bool:
    """Whether a pyproject.toml declares a package to install: in `[project]`'s
    dependencies or extras, its dependency groups, or Poetry's tables (Python aside)."""
    project = table(pyproject, "project")
    extras = table(project, "optional-dependencies").values()
    groups = table(pyproject, "dependency-groups").values()
    poetry = table(pyproject, "tool", "poetry")
    poetry_groups = [table(group, "dependencies") for group in table(poetry, "group").values()]
    tables = [table(poetry, "dependencies"), table(poetry, "dev-dependencies"), *poetry_groups]
    return bool(
        project.get("dependencies")
        or any(extras)
        or any(groups)
        or any(name != "python" for found in tables for name in found)
    )


def unpinned_installs(
    requirements: list[Requirement],
    conda_requirements: list[Requirement],
    requirement_files: list[str],
    bento_requirements: list[Requirement],
    load_toml: TomlOf,
    dockerfiles: list[Dockerfile],
    files: tuple[str, ...],
    file_set: frozenset[str],
    files_containing: FilesContaining,
    syntax_tree: TreeOf,
    lock_files: list[str],
    build_contexts: dict[str, str],
    text: TextOf,
) -> tuple[list[Hit], list[Requirement]]:
    """What is installed without a version (each requirements file's unpinned lines, its
    lines installing a branch's code, the unpinned installs of images and shell scripts),
    and the requirements that are compiled rather than ranges to compile."""
    inputs = compile_inputs(requirement_files, file_set, files_containing, text)
    inputs |= frozen_inputs(requirements, files_containing, text)
    compiled = [
        r for r in requirements if _resolved(r.path) and r.path not in inputs
    ] + conda_requirements
    compiled += bento_requirements
    compiled += unlocked_pipfile_requirements(files, file_set, load_toml, text)
    moving = _moving_sources([r for r in requirement_files if r not in inputs], text)
    by_file: dict[str, list[Requirement]] = {}
    for requirement in [*compiled, *moving]:
        if not requirement.pinned:
            by_file.setdefault(requirement.path, []).append(requirement)
    hits = [_unpinned_hit(sorted(found, key=lambda r: r.line)) for found in by_file.values()]
    for dockerfile in dockerfiles:
        for instruction in dockerfile.instructions:
            loose = (
                _unpinned_image_installs(instruction.arguments)
                if (instruction.keyword == "RUN")
                else []
            )
            if loose:
                named = _first_named(loose)
                detail = f"the image pip installs {named} without a version"
                hits.append(Hit(dockerfile.path, instruction.line, detail))
        context = build_contexts.get(dockerfile.path, "")
        locked = file_set | set(lock_files)  # a workspace's lock, its members' too
        hits += _unlocked_project_install(dockerfile, context, file_set, locked, load_toml)
        hits += _lock_left_behind(dockerfile, context, file_set, load_toml)
    for rel in (rel for rel in files if rel.endswith(".sh")):
        lines = (text(rel) or "").replace("\\\n", " ").splitlines()
        for number, line in enumerate(lines, 1):
            loose = [] if line.lstrip().startswith("#") else _unpinned_image_installs(line)
            if loose:
                named = _first_named(loose)
                hits.append(Hit(rel, number, f"the script pip installs {named} without a version"))
    return hits + _process_installs(files_containing, syntax_tree, text), compiled


def _first_named(names: list[str]) -> str:
    """The first `SHOWN_LINES` names as a finding shows them: `` `dvc`, `mlflow` ``."""
    return ", ".join(f"`{name}`" for name in names[:SHOWN_LINES])


# An image's `pip install .` (`-e .`, `".[serve]"`, `uv pip install --system .`): the
# project of its working folder, with whatever its pyproject.toml's ranges resolve to (pip
# reads no uv.lock or poetry.lock).
PROJECT_PIP_INSTALL = lazy_pattern(
    r"\bpip3?[ \t]+install\b[^;&|\n]*?[ \t](?:-e[ \t]+|--editable[ \t=]+)?[\"']?\.(?:\[[\w,.-]+\])?"
    r"[\"']?(?=[ \t;&|]|$)"
)
# What else an image may install the project's versions from: a requirements or constraints
# file, or a lock through its tool.
IMAGE_PIN_SOURCE = lazy_pattern(
    r"\bpip3?[ \t]+install\b[^;&|\n]*[ \t](?:-r|-c|--requirement|--constraint)\b"
    r"|\buv[ \t]+sync\b|\b(?:poetry|pdm|pipenv)[ \t]+(?:install|sync)\b"
)


def _unlocked_project_install(
    dockerfile: Dockerfile,
    context: str,
    file_set: frozenset[str],
    locked: frozenset[str],
    load_toml: TomlOf,
) -> list[Hit]:
    """An image that pip installs its project (`pip install .`, `uv pip install ".[api]"`)
    whose pyproject.toml gives ranges, with no lock in that folder or above it (a
    workspace's; the lock then pins the project where it is installed from it) and nothing
    else in the image to install pinned versions from."""
    runs = [i for i in dockerfile.instructions if i.keyword == "RUN"]
    if any(IMAGE_PIN_SOURCE.search(i.arguments) for i in runs):
        return []
    for instruction, workdir, copies in image_runs(dockerfile):
        if not PROJECT_PIP_INSTALL.search(instruction.arguments):
            continue
        beside = posixpath.join(posixpath.dirname(dockerfile.path), "pyproject.toml")
        pyproject = copied_file("pyproject.toml", workdir, copies, context, file_set) or beside
        if pyproject not in file_set or _locked_above(posixpath.dirname(pyproject), locked):
            return []
        loose = _declared_ranges(pyproject, load_toml)
        if not loose:
            return []
        named = _first_named(loose)
        detail = f"the image pip installs {pyproject}, whose {named} no lock pins"
        return [Hit(dockerfile.path, instruction.line, detail)]
    return []


def _locked_above(folder: str, file_set: frozenset[str]) -> bool:
    """Whether a lock of a project tool is in `folder` or a folder above it."""
    return any(_lock_above(folder, lock, file_set) for lock in LOCK_INSTALLS)


def _declared_ranges(declaration: str, load_toml: TomlOf) -> list[str]:
    """What a pyproject.toml (`[project].dependencies`, Poetry's main dependencies) or a
    Pipfile (`[packages]`) asks for without one exact version: what an install resolves."""
    document = load_toml(declaration) or {}
    entries = table(document, "project").get("dependencies")
    loose = [
        r.text
        for entry in (entries if isinstance(entries, list) else [])
        for r in parse_requirements(declaration, str(entry))
        if r.valid and not r.pinned
    ]
    named = {**table(document, "tool", "poetry", "dependencies"), **table(document, "packages")}
    for name, constraint in named.items():
        version = constraint.get("version") if isinstance(constraint, dict) else constraint
        if name != "python" and isinstance(version, str) and not POETRY_EXACT.match(version):
            loose.append(f"{name}{'' if version == '*' else version}")
    return loose


# A project tool's install: it reads the lock when the lock is there, and resolves the
# declaration afresh (writing a new lock) when it is not.
LOCK_TOOL_INSTALL = lazy_pattern(
    r"\b(poetry|pdm|pipenv)[ \t]+(install|sync)\b|\b(uv)[ \t]+(sync)\b"
)
# Each tool's declaration and lock.
TOOL_FILES = {
    "poetry": ("pyproject.toml", "poetry.lock"),
    "pdm": ("pyproject.toml", "pdm.lock"),
    "pipenv": ("Pipfile", "Pipfile.lock"),
    "uv": ("pyproject.toml", "uv.lock"),
}
# Options that refuse to run without the lock (the build fails rather than resolves).
LOCK_DEMANDED = lazy_pattern(r"--(?:frozen|locked|deploy|ignore-pipfile)\b")


def _lock_left_behind(
    dockerfile: Dockerfile, context: str, file_set: frozenset[str], load_toml: TomlOf
) -> list[Hit]:
    """An image that runs its project tool's install (`poetry install`, `uv sync`) on a
    declaration it copies in without the lock the repository keeps for it (`COPY
    pyproject.toml ./` alone; `COPY . .` from a folder below the lock): the tool resolves
    the ranges afresh, so the image is not the locked environment (unless the declaration
    gives every version exactly)."""
    for instruction, workdir, copies in image_runs(dockerfile):
        for found in LOCK_TOOL_INSTALL.finditer(instruction.arguments):
            tool, verb = found[1] or found[3], found[2] or found[4]
            rest = instruction.arguments[found.end() :].split(";")[0].split("&&")[0]
            if LOCK_DEMANDED.search(rest) or any(not w.startswith("-") for w in rest.split()[:1]):
                continue  # the lock is demanded, or a package is named (`pipenv install x`)
            declaration, lock = TOOL_FILES[tool]
            declared = copied_file(declaration, workdir, copies, context, file_set)
            if declared is None or copied_file(lock, workdir, copies, context, file_set):
                continue
            kept = _lock_above(posixpath.dirname(declared), lock, file_set)
            if kept is None or not _declared_ranges(declared, load_toml):
                continue  # no lock left behind, or nothing to resolve: every version exact
            detail = (
                f"the image runs `{tool} {verb}` on {declared} without copying in {kept}: "
                "it resolves the ranges afresh"
            )
            return [Hit(dockerfile.path, instruction.line, detail)]
    return []


def _lock_above(folder: str, lock: str, file_set: frozenset[str]) -> str | None:
    """The lock of that name in `folder` or the nearest folder above it (a workspace's)."""
    while True:
        if (rel := posixpath.join(folder, lock)) in file_set:
            return rel
        if not folder:
            return None
        folder = posixpath.dirname(folder)


# Python code that may start `pip install` as a process: its words are quoted strings.
PROCESS_INSTALL_HINT = content_hints("'install'", '"install"', "pip install", within=("*.py",))
PROCESS_MODULES = ("subprocess", "os.system")
PROCESS_CALLS = frozenset(
    {
        "subprocess.run",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.Popen",
        "os.system",
    }
)


def _process_installs(
    files_containing: FilesContaining, syntax_tree: TreeOf, text: TextOf
) -> list[Hit]:
    """The unpinned `pip install`s Python code runs as a process (`subprocess.run([sys.
    executable, "-m", "pip", "install", "dvc"])`, `os.system("pip install dvc")`): what
    the code installs at run time is a requirement as a script's install is. Only modules
    that name pip and a way to start a process are parsed."""
    hits: list[Hit] = []
    for rel in (r for r in files_containing(PROCESS_INSTALL_HINT) if r.endswith(".py")):
        if not any(module in (text(rel) or "") for module in PROCESS_MODULES):
            continue
        tree = syntax_tree(rel)
        for call in calls(tree) if tree is not None else ():
            if dotted(call.func) not in PROCESS_CALLS or not call.args:
                continue
            command = _command_text(call.args[0])
            loose = _unpinned_image_installs(command) if command else []
            if loose:
                named = _first_named(loose)
                detail = f"the code pip installs {named} without a version"
                hits.append(Hit(rel, call.lineno, detail))
    return hits


def _command_text(node: ast.expr) -> str | None:
    """A process's command line as written: a string, or a list of strings whose first
    word may be computed (`sys.executable`, a virtual environment's pip); None when a
    later word is computed (a package named at run time has nothing to read)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if not isinstance(node, (ast.List, ast.Tuple)):
        return None
    words: list[str] = []
    for element in node.elts:
        if isinstance(element, ast.Constant) and isinstance(element.value, str):
            words.append(element.value)
        elif words:
            return None
        else:
            words.append("python")  # the interpreter, however the code finds it
    return " ".join(words)


def unlocked_pipfile_requirements(
    files: tuple[str, ...], file_set: frozenset[str], load_toml: TomlOf, text: TextOf
) -> list[Requirement]:
    """The packages of each Pipfile with no Pipfile.lock beside it, as requirements: with
    no lock, `pipenv install` resolves what the Pipfile says (`"*"`, `">=1.0"`) afresh. A
    package from a path, a file or a VCS checkout names no version to pin and is left out."""
    found: list[Requirement] = []
    for rel in files:
        if rel.rsplit("/", 1)[-1] != "Pipfile" or f"{rel}.lock" in file_set:
            continue
        pipfile = load_toml(rel) or {}
        lines = (text(rel) or "").splitlines()
        for section in ("packages", "dev-packages"):
            for name, value in table(pipfile, section).items():
                if isinstance(value, dict) and value.keys() & PIPFILE_SOURCES:
                    continue
                version = value.get("version", "*") if isinstance(value, dict) else value
                spec = "" if version == "*" else str(version)
                line = next((n for n, t in enumerate(lines, 1) if _names(t, name)), 1)
                found.append(Requirement(rel, line, name, spec, False, f"{name}{spec}"))
    return found


# A Pipfile package installed from somewhere else than an index: no version to pin.
PIPFILE_SOURCES = frozenset({"path", "file", "git", "hg", "svn", "bzr"})


def _names(line: str, name: str) -> bool:
    """Whether a TOML line is the key `name` (`pandas = "*"`, `"scikit-learn" = ...`)."""
    return bool(re.match(rf"""\s*["']?{re.escape(name)}["']?\s*=""", line))


def _moving_sources(requirement_files: list[str], text: TextOf) -> list[Requirement]:
    """The lines of requirements .txt files that install a branch's code: a VCS URL with
    no commit or tag (`-e git+https://host/owner/repo#egg=name`, `git+http://...git`),
    or one at a branch. Each time it is installed it takes whatever the branch holds."""
    found: list[Requirement] = []
    for rel in (r for r in requirement_files if _resolved(r)):
        for line in requirement_lines(text(rel) or ""):
            word = re.sub(r"^(?:-e|--editable)(?:\s+|=)", "", line.content).split()
            if word and MOVING_SOURCE.search(word[0]):
                found.append(Requirement(rel, line.line, word[0], "", line.hashed, word[0]))
    return found


def _pinned_installs_alone(dockerfiles: list[Dockerfile]) -> Outcome:
    """With nothing declared: the first image install, pinned, that pins only what it
    names; with none, nothing records a version of what the code imports."""
    for dockerfile in dockerfiles:
        for instruction in dockerfile.instructions:
            pinned = _pinned_image_installs(instruction.arguments)
            if instruction.keyword == "RUN" and pinned:
                detail = (
                    f"the image pins `{pinned[0]}` and nothing declares the rest of what "
                    "the code imports"
                )
                return [Hit(dockerfile.path, instruction.line, detail)]
    return False


# Lock file -> what installs from it (or exports it for an install), as any file may
# write it; conda-lock's installers are many, so its lock is not judged.
LOCK_INSTALLS = {
    "uv.lock": ("uv sync", "uv run", "uv export"),
    "poetry.lock": ("poetry install", "poetry sync", "poetry export"),
    "pdm.lock": ("pdm install", "pdm sync", "pdm export"),
    "Pipfile.lock": ("pipenv install", "pipenv sync"),
    "pixi.lock": ("pixi install", "pixi run", "pixi shell"),
}
LOCK_INSTALL_HINTS = content_hints(*(p for phrases in LOCK_INSTALLS.values() for p in phrases))


def _lock_nothing_installs_from(
    lock_files: list[str],
    commands: CommandGraph,
    files_containing: FilesContaining,
    text: TextOf,
) -> Hit | None:
    """A finding when no file names an install from any of the locks while CI or a task
    installs with pip: those installs resolve the ranges, not the lock."""
    names = {rel.rsplit("/", 1)[-1] for rel in lock_files}
    if not names <= LOCK_INSTALLS.keys():
        return None
    pip = next((c for c in (*commands.ci, *commands.from_tasks) if _pip_installs(c)), None)
    if pip is None:
        return None
    phrases = [p for name in names for p in LOCK_INSTALLS[name]]
    for rel in files_containing(LOCK_INSTALL_HINTS):
        if any(phrase in (text(rel) or "") for phrase in phrases):
            return None
    detail = f"{lock_files[0]} is committed but nothing installs from it: {pip.shown()}"
    return Hit(lock_files[0], None, detail)


def _pip_installs(command: Command) -> bool:
    """Whether a command is `pip install` or `uv pip install` of more than the installers
    (`pip install -U uv` installs no dependency)."""
    words = [w.rsplit("/", 1)[-1] for w in command.words]
    start = 3 if words[:3] == ["uv", "pip", "install"] else 2
    if start == 2 and words[:2] not in (["pip", "install"], ["pip3", "install"]):
        return False
    targets = [w for w in command.words[start:] if not w.startswith("-")]
    return any(w.split("[", 1)[0].lower() not in INSTALLERS for w in targets)


# `pip install ...` in a shell line (also `pip3`, `python -m pip`, `uv pip`), up to the
# next command separator.
PIP_INSTALL_COMMAND = lazy_pattern(r"\bpip3?[ \t]+install\b([^;&|]*)")
# Options of pip install that take a value (the value is no package).
PIP_VALUE_OPTIONS = frozenset(
    {
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "-t",
        "--target",
        "--prefix",
        "--root",
        "--python",
        "--platform",
        "--python-version",
        "--only-binary",
        "--no-binary",
    }
)
# Installers and build tools an image installs to install the project: not its dependencies.
INSTALLERS = frozenset(
    {
        "pip",
        "setuptools",
        "wheel",
        "poetry",
        "pipenv",
        "uv",
        "pdm",
        "hatch",
        "tox",
        "nox",
        "virtualenv",
        "pipx",
        "build",
        "twine",
        "pip-tools",  # pip-compile and pip-sync: they write and install the pins
        "conda-lock",
        "poetry-plugin-export",
    }
)
# A URL install of a branch: a VCS URL with no `@commit` or `@v1.2` tag, one at a branch
# (`git+https://...@main`), or a branch's archive (`.../archive/master.zip`).
MOVING_SOURCE = lazy_pattern(
    r"^(?:git|hg|svn|bzr)\+[^@\s]+(?:://[^@/\s]+@[^@\s]+)?$"
    r"|^(?:git|hg|svn|bzr)\+\S+@(?:main|master|develop|dev|trunk|HEAD)(?:#\S*)?$"
    r"|^https?://\S+/archive/(?:refs/heads/)?(?:main|master|develop|dev|trunk)\.(?:zip|tar\.gz)$"
)
PACKAGE_NAME = lazy_pattern(r"^([A-Za-z0-9][\w.-]*)(\[[\w,.-]+\])?$")
# `name==1.2.3`, not a prefix match (`hopsworks[python]==4.7.*`: a range, whatever moves in it).
PINNED_PACKAGE = lazy_pattern(r"^([A-Za-z0-9][\w.-]*)(?:\[[\w,.-]+\])?===?[^*,\s]+$")
NAMED_PACKAGE = lazy_pattern(r"^([A-Za-z0-9][\w.-]*)(?:\[[\w,.-]+\])?(?:(?:[=<>!~]=|[<>])\S*)?$")


def _unpinned_image_installs(shell: str) -> list[str]:
    """Packages a Dockerfile RUN line pip installs by bare name or with a range."""
    loose: list[str] = []
    for word in _pip_install_words(shell):
        if MOVING_SOURCE.search(word):
            loose.append(word)  # a branch's code: what it installs changes under the same line
            continue
        if word.startswith(("-", "$", "{", ".")) or "==" in word or "@" in word:
            continue
        if "/" in word or word.endswith((".whl", ".tar.gz", ".zip")):
            continue  # a path, a URL or an archive: no name to pin
        bare = PACKAGE_NAME.match(word)
        if bare and bare.group(1).lower() not in INSTALLERS:
            loose.append(word)
        elif not bare and re.match(r"^[A-Za-z0-9][\w.\[\],-]*(?:>=|<=|~=|>|<|!=)", word):
            loose.append(word)  # a range: `torch>=2`
    return loose


def _pinned_image_installs(shell: str) -> list[str]:
    """Packages a Dockerfile RUN line pip installs pinned with `==` (installers apart)."""
    return [
        word
        for word in _pip_install_words(shell)
        if (pinned := PINNED_PACKAGE.match(word)) and pinned.group(1).lower() not in INSTALLERS
    ]


def _named_image_installs(shell: str) -> list[str]:
    """Packages a Dockerfile RUN line pip installs by name, pinned or not (installers
    apart): `pip install pandas fastapi==0.110.0`, not a file, a path or a URL."""
    return [
        word
        for word in _pip_install_words(shell)
        if (named := NAMED_PACKAGE.match(word)) and named.group(1).lower() not in INSTALLERS
    ]


def _pip_install_words(shell: str) -> list[str]:
    """The words of a shell line's `pip install` commands, unquoted, without the options
    that take a value and their values."""
    words: list[str] = []
    if "{{" in shell:
        return words  # a template's placeholder, filled in when the project is generated
    for command in PIP_INSTALL_COMMAND.finditer(shell):
        skip = False
        for token in command.group(1).replace("\\\n", " ").split():
            word = token.strip("'\"")
            if skip or word in PIP_VALUE_OPTIONS:
                skip = not skip
                continue
            words.append(word)
    return words


def _unpinned_hit(unpinned: list[Requirement]) -> Hit:
    """One finding per file: how many lines are unpinned, and the first few of them."""
    shown = ", ".join(f"`{r.name}{r.spec}`" for r in unpinned[:SHOWN_LINES])
    more = f" and {len(unpinned) - SHOWN_LINES} more" if len(unpinned) > SHOWN_LINES else ""
    if len(unpinned) == 1:
        return Hit(unpinned[0].path, unpinned[0].line, f"{shown} is not pinned to one version")
    detail = f"{len(unpinned)} requirements are not pinned to one version: {shown}{more}"
    return Hit(unpinned[0].path, unpinned[0].line, detail)


class ENV003(Check):
    """Passes when every pinned requirements .txt line (and rye's `requirements.lock`, pip's
    format) carries `--hash=` options (lock files of uv, poetry, pdm and pipenv record hashes; a
    poetry.lock whose file lists are empty for half its packages or more, `anyio = []`, records
    none, and is reported). Reports the first pinned, unhashed line of each file, whether or not
    other lines are unpinned, and the first `==` pin of pyproject.toml's
    `[project].dependencies` (and of a setup.py's `install_requires`, any folder, where no
    requirements, conda or pyproject file declares dependencies: setup.py is then the
    declaration) when no lock file records hashes for them. A .txt file that is pip-compile's
    input, not what it writes, is a declaration like an `.in` file: named `*.in.txt`, read by a
    `pip-compile` or `uv pip compile` written in any file (Makefile, CI, a script), included by
    an `.in` file (`-r base.txt`), or beside the lock compiled from it (`dev.txt` and
    `dev.lock`). A member of a uv workspace (`[tool.uv.workspace] members` of the root
    pyproject.toml) has its pins in the workspace's one uv.lock at the root, hashes included.
    Where the project records hashes (a lock file, hashed requirements), an image's or a shell
    script's `pip install torch==2.1.0` installs a pinned version beside them with no hash to
    check it by (not in the image of a tool's server the project runs, see `image_roles`): the
    first such install of each file is reported. Conda environment files are not judged
    (environment.yml, conda.yaml, their `pip:` section too): they have no field for a hash;
    nor are requirements files only conda installs (`conda install --file requirements.txt`,
    conda's match specs). A
    conda explicit spec (`@EXPLICIT`, one package URL a line, as `conda list --explicit` writes)
    pins every package and has one, `#md5` or `#sha256` after each URL: one whose URLs carry
    none is reported. A BentoML build file's pinned packages (`bentofile.yaml`'s `python:
    packages: ["mlflow==2.8.0"]`) are installed as written, with no hash: the first
    is reported, lock or not."""

    requires = frozenset({"ENV001"})

    @staticmethod
    def check(
        requirements: list[Requirement],
        pyproject_requirements: list[Requirement],
        setup_requirements_alone: list[Requirement],
        lock_files: list[str],
        requirement_files: list[str],
        dockerfiles: list[Dockerfile],
        image_roles: dict[str, Role],
        files: tuple[str, ...],
        file_set: frozenset[str],
        files_containing: FilesContaining,
        text: TextOf,
        bento_requirements: list[Requirement],
        conda_spec_files: frozenset[str],
    ) -> Outcome:
        first_unhashed: dict[str, Requirement] = {}
        inputs = compile_inputs(requirement_files, file_set, files_containing, text)
        text_files = [
            r
            for r in requirements
            if _resolved(r.path) and r.path not in inputs and r.path not in conda_spec_files
        ]
        text_files += bento_requirements  # installed as written, like a requirements file
        declared = [*pyproject_requirements, *setup_requirements_alone]
        for requirement in [*text_files, *([] if lock_files else declared)]:
            if requirement.pinned and not requirement.hashed:
                first_unhashed.setdefault(requirement.path, requirement)
        hits = [
            Hit(r.path, r.line, f"`{r.name}` and the lines after it have no --hash")
            if _resolved(r.path) or BENTO_FILE.search(r.path)
            else Hit(r.path, r.line, f"`{r.name}` and the pins after it are in no lock file")
            for r in first_unhashed.values()
        ]
        hits += _explicit_specs_unhashed(files_containing(EXPLICIT_SPEC), text)
        hits += [hit for rel in lock_files if (hit := _poetry_lock_unhashed(rel, text))]
        if not (lock_files or any(r.hashed for r in requirements)):
            return hits  # nothing records hashes: the image's pins bypass no check
        own_images = [d for d in dockerfiles if image_roles.get(d.path) != TOOL]
        return hits + _pinned_installs_unhashed(own_images, files, text)


# A Poetry lock's record of each package's files and their hashes: the old format's
# `[metadata.files]` table, one `name = [...]` a package, or the new format's `files = [...]`
# in each `[[package]]`; an empty list records no hash (a lock written with hashes off, or
# edited by hand).
POETRY_FILES_TABLE = "[metadata.files]"
POETRY_FILES_ENTRY = lazy_pattern(r"^[\w.-]+[ \t]*=[ \t]*\[")
POETRY_PACKAGE_FILES = lazy_pattern(r"^files[ \t]*=[ \t]*\[")
EMPTY_LIST = lazy_pattern(r"=[ \t]*\[[ \t]*\][ \t]*$")


def _poetry_lock_unhashed(rel: str, text: TextOf) -> Hit | None:
    """A poetry.lock that records no hash for half its packages or more: `poetry install`
    then checks nothing it downloads (31 of 37 packages with `anyio = []`)."""
    if rel.rpartition("/")[2] != "poetry.lock":
        return None
    lines = (text(rel) or "").splitlines()
    if POETRY_FILES_TABLE in lines:  # the old format: a table of every package's files
        start = lines.index(POETRY_FILES_TABLE) + 1
        entries = [
            (number, line)
            for number, line in enumerate(lines[start:], start + 1)
            if POETRY_FILES_ENTRY.match(line)
        ]
    else:
        entries = [(n, line) for n, line in enumerate(lines, 1) if POETRY_PACKAGE_FILES.match(line)]
    empty = [number for number, line in entries if EMPTY_LIST.search(line)]
    if not entries or 2 * len(empty) < len(entries):
        return None
    detail = f"the lock records no hash for {len(empty)} of its {len(entries)} packages"
    return Hit(rel, empty[0], detail)


# A conda explicit spec: its `@EXPLICIT` line, then one package URL a line.
EXPLICIT_SPEC = content_hints("@EXPLICIT", within=("*.txt",))
PACKAGE_URL = lazy_pattern(r"^[ \t]*(?:https?|file)://\S+")


def _explicit_specs_unhashed(candidates: list[str], text: TextOf) -> list[Hit]:
    """The first package URL of each conda explicit spec that carries no hash (`#md5` or
    `#sha256` after it): conda installs that build as written, unchecked."""
    hits: list[Hit] = []
    for rel in candidates:
        lines = (text(rel) or "").splitlines()
        if "@EXPLICIT" not in (line.strip() for line in lines):
            continue
        urls = [(n, line.strip()) for n, line in enumerate(lines, 1) if PACKAGE_URL.match(line)]
        unhashed = [(n, url) for n, url in urls if "#" not in url]
        if unhashed:
            number, url = unhashed[0]
            package = url.rpartition("/")[2]
            detail = f"the conda explicit spec pins `{package}` and {len(unhashed) - 1} more"
            hits.append(Hit(rel, number, f"{detail} with no #md5 or #sha256"))
    return hits


def _pinned_installs_unhashed(
    dockerfiles: list[Dockerfile], files: tuple[str, ...], text: TextOf
) -> list[Hit]:
    """The first `pip install name==version` of each image and shell script: a version
    named on the command line is installed with no hash to check it by."""
    hits: list[Hit] = []
    for dockerfile in dockerfiles:
        for instruction in (i for i in dockerfile.instructions if i.keyword == "RUN"):
            pinned = _pinned_image_installs(instruction.arguments)
            if pinned:
                detail = f"the image pip installs `{pinned[0]}` with no hash"
                hits.append(Hit(dockerfile.path, instruction.line, detail))
                break
    for rel in (rel for rel in files if rel.endswith(".sh")):
        for number, line in _shell_lines(text(rel) or ""):
            pinned = [] if line.lstrip().startswith("#") else _pinned_image_installs(line)
            if pinned:
                hits.append(Hit(rel, number, f"the script pip installs `{pinned[0]}` with no hash"))
                break
    return hits


def _shell_lines(script: str) -> Iterator[tuple[int, str]]:
    """A shell script's commands, each with the number of the line it starts on, the lines
    a trailing backslash continues joined to it."""
    start, pending = 1, ""
    for number, line in enumerate(script.splitlines(), 1):
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        yield start, pending + line
        pending = ""
    if pending:
        yield start, pending


# `pip-compile ... FILE` / `uv pip compile ... FILE`, up to the end of the shell command.
COMPILE_HINT = content_hints("pip-compile", "pip compile")
COMPILE_COMMAND = lazy_pattern(r"(?:\bpip-compile|\buv[ \t]+pip[ \t]+compile)\b([^\n;&|]*)")
COMPILE_OUTPUT_OPTIONS = ("-o", "--output-file")
# `-r base.txt` in a requirements file (a `-c` constraint is a lock more often than not).
INCLUDED_FILE = lazy_pattern(r"^[ \t]*(?:-r|--requirement)[ \t=]+(\S+)", re.MULTILINE)
INPUT_NAME = lazy_pattern(r"[._-]in\.txt$")


def _resolved(rel: str) -> bool:
    """Whether a requirements file is a resolution to install from: a `.txt` file (unless
    it is pip-compile's input, see compile_inputs) or rye's `requirements.lock`."""
    return rel.endswith(".txt") or bool(RYE_LOCK.search(rel))


def compile_inputs(
    requirement_files: list[str],
    file_set: frozenset[str],
    files_containing: FilesContaining,
    text: TextOf,
) -> frozenset[str]:
    """Requirements .txt files that pip-compile reads rather than writes (see ENV003).
    What it writes (a file beside its `.in`, or with `# via` lines) is never one."""
    sources = {rel.removesuffix(".in") for rel in requirement_files if rel.endswith(".in")}
    texts = [
        rel
        for rel in requirement_files
        if rel.endswith(".txt")
        and rel.removesuffix(".txt") not in sources
        and "# via" not in (text(rel) or "")
    ]
    inputs = {rel for rel in texts if INPUT_NAME.search(rel)}
    inputs |= {rel for rel in texts if f"{rel.removesuffix('.txt')}.lock" in file_set}
    named: set[str] = set()
    for rel in (r for r in requirement_files if r.endswith(".in")):
        folder = rel.rpartition("/")[0]
        named |= {_joined(folder, found) for found in INCLUDED_FILE.findall(text(rel) or "")}
    for rel in files_containing(COMPILE_HINT):
        content = (text(rel) or "").replace("\\\n", " ")
        for command in COMPILE_COMMAND.finditer(content):
            words = command[1].split()
            for index, word in enumerate(words):
                output = index > 0 and words[index - 1] in COMPILE_OUTPUT_OPTIONS
                if word.endswith(".txt") and not output and not word.startswith("-"):
                    named |= {_joined("", word), _joined(rel.rpartition("/")[0], word)}
    return frozenset(inputs | (named & set(texts)))


def frozen_inputs(
    requirements: list[Requirement], files_containing: FilesContaining, text: TextOf
) -> frozenset[str]:
    """Requirements .txt files with ranges whose every package another .txt file of the
    same folder, one the repository's commands write with `pip freeze`, pins with `==`
    (`pip install -r requirements-base.txt`, then `pip freeze > requirements.txt`): the
    input of that resolution, as a `.in` file is."""
    frozen_files = {
        _joined("", match[1])
        for rel in files_containing(FREEZE_HINT)
        for match in FREEZE_OUTPUT.finditer(text(rel) or "")
    }
    by_file: dict[str, list[Requirement]] = {}
    for requirement in requirements:
        if requirement.path.endswith(".txt"):
            by_file.setdefault(requirement.path, []).append(requirement)
    pinned = {
        rel: {_package(r.name) for r in found if r.pinned}
        for rel, found in by_file.items()
        if rel in frozen_files
    }
    inputs = set()
    for rel, found in by_file.items():
        if all(r.pinned for r in found):
            continue
        names = {_package(r.name) for r in found}
        folder = posixpath.dirname(rel)
        if any(
            other != rel and posixpath.dirname(other) == folder and names <= frozen
            for other, frozen in pinned.items()
        ):
            inputs.add(rel)
    return frozenset(inputs)


# `pip freeze > requirements.txt` (`>>`, `uv pip freeze`): the file a freeze writes.
FREEZE_HINT = content_hints(
    "freeze", within=("*.md", "*.rst", "*.sh", "*Makefile", "*justfile", "*.yml", "*.yaml")
)
FREEZE_OUTPUT = lazy_pattern(r"\bpip3?[ \t]+freeze\b[^\n|;&>]*>>?[ \t]*([\w./-]+\.txt)\b")


def _package(name: str) -> str:
    """A package's name as pip compares them (`Scikit_Learn` is `scikit-learn`)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _joined(folder: str, path: str) -> str:
    """A path written in a file of `folder`, relative to the repository's root."""
    return posixpath.normpath(posixpath.join(folder, path.strip("'\"")))


# A requirements file's line that includes another (`-r train-requirements.txt`).
INCLUDED_FILE = lazy_pattern(r"(?m)^[ \t]*(?:-r|--requirement)[ \t=]+(\S+)")


def _includes_training_set(name: str, requirement_files: list[str], text: TextOf) -> bool:
    """Whether the requirements file of the set `name` includes a set named for training
    (`deployment-requirements.txt` beginning `-r train-requirements.txt`): the serving set
    is the training set and more, nothing apart."""
    return any(
        "train" in posixpath.basename(included).lower()
        for rel in requirement_files
        if posixpath.splitext(posixpath.basename(rel))[0] == name
        for included in INCLUDED_FILE.findall(text(rel) or "")
    )


class ENV004(Check):
    """Applies when the repository has both training code and a service that serves a
    model (a web app whose code neither loads, runs nor names one and does other work, a
    viewer or an HTTP trigger of a pipeline, serves none, nor does a batch job a schedule
    or a state machine starts: see MON001). Asks of every
    serving entry what it installs, and whether that is the set training installs. Passes
    when a dependency set is meant for serving by its name: a requirements file, conda
    environment file, optional-dependency extra, dependency group or pixi feature whose
    name mentions serve, inference, predict, api, deploy (Azure ML's `deployment_env.yml`)
    or the serving platform (`lambda_requirements.txt`), unless it includes the set named
    for training (`-r train-requirements.txt`) or a serving image installs training's set
    beside it, holding a tuner, notebooks, plots or a pipeline tool (`requirements.txt`
    with jupyterlab and kedro, then `requirements-api.txt`); or a Hugging Face Space's
    requirements.txt (a folder below the root whose README.md front matter names an
    `sdk:`, holding no training code). Otherwise each serving entry answers. A serving
    platform that installs the model's own environment answers for the services and the
    serving images in its own folders: MLflow's scoring server (`mlflow models serve`,
    `build-docker`; not with `--no-conda` or `--env-manager local`, which serve with the
    environment they are started in), a SageMaker or Vertex AI endpoint, one of KServe's
    own runtimes (an InferenceService whose predictor names a model format, not a
    container or a runtime of the repository's); a SageMaker endpoint a CI file deploys
    does not answer for a FastAPI app beside it, and a service that only forwards requests
    to the platform's endpoint (`invoke_endpoint(...)` with nothing but the standard
    library and boto3, as a Lambda handler does) installs no set. A bentofile.yaml that
    lists the Bento's own python packages (`packages:`, or a `requirements_txt:` file; its
    service module training nothing, and the
    list holding the framework that module loads the model with: not `packages: [openai]`
    beside `bentoml.tensorflow.load_model`) answers for the services in its folder. A
    service no serving image builds (a web app, or a Streamlit or Gradio page that loads
    the model) runs with the set of the nearest folder at or above it that declares
    dependencies (a requirements or conda file,
    pyproject.toml, Pipfile, setup.py): apart from training when training runs with
    another folder's (`service/requirements.txt` beside `modeling/requirements.txt`),
    reported when training runs with the same (the root's set, as `poetry run mlflow
    models serve --no-conda` in a script serves). A serving image (it exposes a port or
    starts a server, `python serving/model_server.py` too, or a compose file starts it
    with one; not one that only packages a tool's server, an MLflow tracking server or
    Dagster's webserver, as for IMG002, nor one built from a folder that holds no back-end
    service, a user interface that calls it) installs a set apart when it installs the
    environment logged with the model (MLflow: an image copying a folder that holds an
    MLmodel and installing from it); a requirements or conda file, or a Pipfile or
    pyproject.toml (`pipenv install`, `poetry install`, `uv sync`, `pip install .`), of
    its own folder (`api/requirements.txt`, resolved through the image's build context
    and COPY lines, a `../` source kept inside the context as Docker keeps it:
    `dockerfiles/Dockerfile.app` copying `../src/client/requirements.txt`; or, wherever it
    sits, one named for serving or for its web framework, `requirements-Flask.txt`; not
    another at the root or in a shared requirements/ folder, nor one beside training
    code, unless it lacks a package the training code imports that another file of
    training's folder declares: `wandb` in the pyproject.toml beside the requirements.txt
    the image installs, and holds no tuner, notebook, plotting or pipeline package:
    `requirements-minimal.txt` keeping optuna and matplotlib is training's set trimmed);
    or packages it installs by name (`pip install fastapi pandas`, pinned or
    not), not the project's requirements; or the project's main dependencies only, its
    other groups left out (`uv sync --no-dev`, `poetry install --only main`), when they
    hold no package only training needs (a tracker or tuner, a fine-tuning kit, notebooks
    or plots: mlflow, optuna, deepspeed, jupyter, matplotlib). A serving image that
    installs the set training does, or one a job's image installs too, is reported
    whatever another image installs; one whose installs are not traced counts neither
    way. When every module that trains
    is a step of an MLflow project below the root whose MLproject declares its own
    environment (`conda_env: conda.yml`), even the root's set is apart from training. A
    module only named for training (`train.py` calling no `.fit(`) is no training code in
    a serving image's folder. Training code is a module or a notebook that trains; when
    the code a service runs imports a module named for training (`train.py`,
    `model_training.py`), the service trains too and whatever set it installs is the
    training set: reported (a module named so that calls no `.fit(`, `.train(` or
    `Trainer(` trains nothing), unless another serving image, built from a folder below
    the root that holds no training code, installs a set of that folder
    (`services/serving/requirements.txt` beside `services/training/`)."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(
        training_files: list[str],
        training_notebooks: list[str],
        service_files: list[str],
        serving_path: list[str],
        dependency_sets: list[str],
        requirement_files: list[str],
        conda_files: list[str],
        requirements: list[Requirement],
        platform_covers: dict[str, tuple[str, ...]],
        dockerfiles: list[Dockerfile],
        serving_evidence: list[str],
        compose_commands: dict[str, list[str]],
        build_contexts: dict[str, str],
        file_set: frozenset[str],
        image_roles: dict[str, Role],
        back_end_files: list[str],
        bento_files: list[str],
        load_yaml: YamlOf,
        load_toml: TomlOf,
        syntax_tree: TreeOf,
        text: TextOf,
        names_taken: NamesTaken,
    ) -> Outcome:
        if not (training_files or training_notebooks):
            return NotApplicable("no training code in the repository")
        own = [rel for rel in back_end_files if not _relays_to_endpoint(text(rel) or "")]
        serving = [
            d
            for d in dockerfiles
            if d.path in serving_evidence
            and image_roles.get(d.path) != TOOL
            and _runs_a_back_end(build_contexts.get(d.path, ""), back_end_files)
        ]
        # a platform answers for the services and the serving images in its own folders
        if answered_by_platform("ENV004", [*own, *(d.path for d in serving)], platform_covers):
            return Passed("the serving platform installs the model's own environment")
        training = [rel for rel in training_files if TRAINING_CODE.search(text(rel) or "")]
        # Training steps that build environments of their own share no set with the image.
        stepped = not training_notebooks and trains_in_own_environments(training, file_set, text)
        bento = bento_packages(bento_files, training, load_yaml, text)
        files = DependencyFiles(
            requirement_files, conda_files, requirements, file_set, load_toml, load_yaml, text
        )
        # services no image builds, no platform serves and no Bento packs: their folder's set
        runs = set(serving_path)  # not the files that hand the model to a tool's server
        services = [rel for rel in service_files if rel in runs]
        folders = {
            rel: files.folder_of(rel)
            for rel in unbuilt_services(
                [rel for rel in services if rel in own or rel not in back_end_files],
                [build_contexts.get(d.path, "") for d in serving],
                platform_covers.get("ENV004", ()),
            )
            if bento is None or not _below(rel, posixpath.dirname(bento))
        }
        trained_with = {files.folder_of(rel) for rel in [*training, *training_notebooks]}
        shared = [rel for rel, folder in folders.items() if not stepped and folder in trained_with]
        if bento is not None and not shared:  # what the Bento installs, whatever else imports it
            return Passed(f"{bento} lists the Bento's own python packages")
        trains = service_training(serving_path, training_files, text, names_taken)
        if trains:  # whatever set the service installs, it is the one training needs
            apart = _serves_apart(serving, build_contexts, file_set, training_files)
            if apart:  # unless another service is built with a set of its own
                return Passed(apart)
            detail = f"the service runs the training code ({trains}): one set for both"
            return [Hit(trains, None, detail)]
        image = _images_apart(
            serving,
            dockerfiles,
            serving_evidence,
            compose_commands,
            build_contexts,
            training,
            stepped,
            files,
            syntax_tree,
        )
        serving_sets = [
            name for name in dependency_sets if is_serving_set(name) or DEPLOYMENT_SET.search(name)
        ]
        # a set named for serving, but the serving image installs training's beside it, its
        # tools and notebooks too (not a bootstrap set of build tools both share)
        if (
            serving_sets
            and image is not None
            and image.apart is False
            and files.names(image.installed) & TRAINING_TOOLS
        ):
            return [Hit(image.path, image.line, f"the serving image installs {image.why}")]
        if any(not _includes_training_set(name, requirement_files, text) for name in serving_sets):
            return True
        space = space_requirements(serving_evidence, training, file_set, text)
        if space is not None:
            return Passed(f"the Hugging Face Space installs {space}")
        if shared:  # a service no image builds runs with the set training uses
            where = f"{folders[shared[0]]}/" if folders[shared[0]] else "the root"
            detail = f"no image installs a set for it: it runs with {where}'s, as training does"
            return [Hit(shared[0], None, detail)]
        if image is not None and image.apart:
            return Passed(f"{image.path}:{image.line} {image.why}")
        if image is not None:
            return [Hit(image.path, image.line, f"the serving image installs {image.why}")]
        declared = {rel: folder for rel, folder in folders.items() if folder is not None}
        if declared and len(declared) == len(folders) and not serving:
            rel, apart = next(iter(declared.items()))
            return Passed(
                f"{rel} runs with the dependency set of {apart or 'the root'}, apart from training"
            )
        return False


def _started_as_server(path: str, compose_commands: dict[str, list[str]]) -> bool:
    """Whether a compose file runs an image with a command that starts a server (`command:
    uvicorn src.main:app`): a service, though its Dockerfile neither exposes a port nor
    starts one; not a job whose set is its own."""
    return any(
        SERVER_COMMAND.search(command) and not TOOL_SERVER.search(command)
        for command in compose_commands.get(path, [])
    )


def _below(rel: str, folder: str) -> bool:
    """Whether `rel` sits in `folder` or below it (the root "" holds everything)."""
    return not folder or rel.startswith(f"{folder}/")


def _images_apart(
    serving: list[Dockerfile],
    dockerfiles: list[Dockerfile],
    serving_evidence: list[str],
    compose_commands: dict[str, list[str]],
    build_contexts: dict[str, str],
    training: list[str],
    stepped: bool,
    files: DependencyFiles,
    syntax_tree: TreeOf,
) -> ImageSet | None:
    """What the serving images install (`_image_set`): the first that installs the set
    training does, else the first that installs a set of its own; None when neither is
    traced. An image whose installs are not traced counts neither way."""
    others = {
        rel
        for d in dockerfiles
        if d.path not in serving_evidence and not _started_as_server(d.path, compose_commands)
        for _, rel in image_installs(d, build_contexts.get(d.path, ""), files.file_set)
    }
    found = [
        _image_set(d, build_contexts.get(d.path, ""), others, training, stepped, files, syntax_tree)
        for d in serving
    ]
    shared = [image for image in found if image.apart is False]
    return shared[0] if shared else next((image for image in found if image.apart), None)


class ImageSet(NamedTuple):
    """What a serving image installs: a set apart from training (True), the set training
    installs (False) or nothing traced (None); where (its Dockerfile, the RUN line) and
    why."""

    apart: bool | None
    path: str = ""
    line: int | None = None
    why: str = ""
    installed: str = ""
    """The dependency file shared with training, when not apart."""


def _image_set(
    dockerfile: Dockerfile,
    context: str,
    others: set[str],
    training: list[str],
    stepped: bool,
    files: DependencyFiles,
    syntax_tree: TreeOf,
) -> ImageSet:
    """Whether a serving image installs a set apart from training: the environment logged
    with the model, a file of its own folder (not the root's or a shared requirements/
    folder's, not one beside training code unless it lacks a package training imports
    from another file there and holds none of TRAINING_TOOLS), or packages it installs by
    name, not the project's. A shared file, or one a job's image installs too, is the set
    training installs."""
    reasons: list[ImageSet] = []
    for line, rel in image_installs(dockerfile, context, files.file_set):
        folder = rel.rpartition("/")[0]
        if rel.endswith("/MLmodel"):  # what the model needs to predict, by design
            detail = f"the serving image installs the environment logged with {folder}"
            reasons.append(ImageSet(True, dockerfile.path, line, detail))
            continue
        if rel in others:  # a job's image installs it too: a set for both
            return ImageSet(
                False, dockerfile.path, line, f"{rel}, which a job's image installs too", rel
            )
        shared = (
            (not folder or folder.split("/")[-1].lower() == "requirements")
            and not stepped
            and not _named_for_serving(rel)
        )
        if not (shared or any(t.startswith(f"{folder}/") for t in training)):
            reasons.append(
                ImageSet(True, dockerfile.path, line, f"the serving image installs {rel}")
            )
            continue
        missing = missing_training_package(rel, training, files, syntax_tree)
        if missing is None and _installs_production_set(dockerfile, line, rel, files):
            detail = (
                f"the serving image installs {rel}'s main dependencies only, its other groups"
                " left out, and none of them is for training alone"
            )
            reasons.append(ImageSet(True, dockerfile.path, line, detail))
            continue
        if missing is None:
            why = f"{rel}, which training installs too"
            return ImageSet(False, dockerfile.path, line, why, rel)
        tools = sorted(files.names(rel) & TRAINING_TOOLS)
        if tools:  # a trimmed copy of training's set, still holding its tools
            why = f"{rel}, which holds {tools[0]} that only training needs"
            return ImageSet(False, dockerfile.path, line, why, rel)
        detail = f"the serving image installs {rel}, which lacks {missing} that training imports"
        reasons.append(ImageSet(True, dockerfile.path, line, detail))
    if reasons:
        return reasons[0]
    runs = [i for i in dockerfile.instructions if i.keyword == "RUN"]
    if any(PROJECT_INSTALL.search(run.arguments) for run in runs):
        return ImageSet(None)  # the project's own dependencies, from files not traced
    for run in runs:
        named = _named_image_installs(run.arguments)
        if len(named) >= 2:
            shown = ", ".join(named[:SHOWN_LINES])
            why = f"the serving image installs its own set: {shown}"
            return ImageSet(True, dockerfile.path, run.line, why)
    return ImageSet(None)


# A dependency file named for the web framework that serves (`requirements-Flask.txt`,
# `requirements_fastapi.txt`), one line per framework: the service's set, wherever it sits.
SERVING_FRAMEWORKS = ("flask", "fastapi", "django", "gradio", "streamlit", "bentoml")


def _named_for_serving(rel: str) -> bool:
    """Whether a dependency file's name says it is the service's set: named for serving
    (`requirements-api.txt`, `lambda_requirements.txt`) or for its web framework."""
    stem = posixpath.basename(rel).rpartition(".")[0].lower()
    words = set(re.split(r"[^a-z0-9]+", stem))
    return (
        is_serving_set(stem)
        or bool(DEPLOYMENT_SET.search(stem))
        or bool(words & set(SERVING_FRAMEWORKS))
    )


# An install of a project's main dependencies only, its other groups left out (`uv sync
# --no-dev`, `poetry install --only main`, `--without dev`, `pdm install --prod`).
PRODUCTION_ONLY = lazy_pattern(
    r"(?:^|\s)--(?:no-dev|prod(?:uction)?|only[ \t=]+main|without[ \t=]+dev)(?![\w-])"
)
# Packages only training needs, one family a line: trackers and tuners, training
# frameworks and fine-tuning kits, notebooks and plots, pipelines and data versioning. A
# serving set that holds none of them is the service's own, though training shares it.
TRAINING_ONLY = frozenset(
    normalise_package_name(name)
    for name in (
        *("mlflow", "wandb", "tensorboard", "optuna", "optuna-integration", "hyperopt"),
        *("lightning", "pytorch-lightning", "deepspeed", "accelerate", "peft", "trl"),
        *("datasets", "evaluate"),
        *("jupyter", "jupyterlab", "notebook", "ipykernel", "matplotlib", "seaborn", "plotly"),
        *("dvc", "prefect", "apache-airflow", "zenml", "kedro", "metaflow"),
    )
)

# Of TRAINING_ONLY, the packages no service needs: tuners, notebooks, static plots and
# pipelines (a service may load its model with MLflow or W&B, or draw with Plotly).
TRAINING_TOOLS = TRAINING_ONLY - {
    normalise_package_name(name) for name in ("mlflow", "wandb", "datasets", "evaluate", "plotly")
}


def _installs_production_set(
    dockerfile: Dockerfile, line: int, rel: str, files: DependencyFiles
) -> bool:
    """Whether the RUN at `line` installs `rel`'s main dependencies only (`uv sync
    --no-dev`), and they hold no package only training needs (TRAINING_ONLY): the service's
    own set, its development and training groups left out."""
    run = next((i for i in dockerfile.instructions if i.line == line), None)
    if run is None or posixpath.basename(rel) != "pyproject.toml":
        return False
    if not PRODUCTION_ONLY.search(run.arguments):
        return False
    main = files.names(rel)
    return bool(main) and not main & TRAINING_ONLY


# A call that forwards a request to a model a managed platform serves (SageMaker's runtime).
ENDPOINT_CALL = lazy_pattern(r"\.invoke_endpoint(?:_async)?\s*\(")
CLOUD_SDK = frozenset({"boto3", "botocore"})


def _relays_to_endpoint(code: str) -> bool:
    """Whether a service only forwards requests to a model a managed platform serves: it
    calls the endpoint (`runtime.invoke_endpoint(...)`) and imports nothing but the
    standard library and the cloud's SDK (an AWS Lambda handler, whose runtime holds
    boto3). It installs no dependency set: the model runs in the platform's container."""
    if not ENDPOINT_CALL.search(code):
        return False
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    for node in walked(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or not node.module):
            return False  # a module of the project's own
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
        for name in names:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names and top not in CLOUD_SDK:
                return False
    return True


def _serves_apart(
    serving: list[Dockerfile],
    build_contexts: dict[str, str],
    file_set: frozenset[str],
    training_files: list[str],
) -> str | None:
    """A serving image built from a folder below the root that holds no training code
    and installs a set of that folder (`services/serving/requirements.txt`): a service
    apart from the one that trains, with its own set."""
    for dockerfile in serving:
        context = build_contexts.get(dockerfile.path, "")
        if not context or any(t.startswith(f"{context}/") for t in training_files):
            continue
        for line, rel in image_installs(dockerfile, context, file_set):
            if rel.startswith(f"{context}/"):
                return f"{dockerfile.path}:{line} the serving image installs {rel}"
    return None


def _runs_a_back_end(context: str, back_end_files: list[str]) -> bool:
    """Whether an image built from `context` can run a back-end service of the repository:
    its context holds one (the root holds all). An image of a user interface that only
    calls the model's service (a Streamlit client in its own folder) serves no model."""
    if not context or not back_end_files:
        return True
    return any(rel.startswith(f"{context}/") for rel in back_end_files)


# A dependency set for a deployment (Azure ML's `deployment_env.yml`, `requirements-deploy`)
# or named for the platform that serves (`lambda_requirements.txt`: AWS Lambda).
DEPLOYMENT_SET = lazy_pattern(r"(?i)deploy|lambda")
# The file a RUN installs dependencies from: `pip install -r FILE`, `conda env create -f FILE`.
INSTALLED_FILE = lazy_pattern(
    r"\bpip3?[ \t]+install\b[^;&|\n]*?(?:-r|--requirement)(?:[ \t]+|=)([^\s;&|]+)"
    r"|\b(?:conda|mamba|micromamba)[ \t]+(?:env[ \t]+)?(?:create|update|install)\b"
    r"[^;&|\n]*?(?:-f|--file)(?:[ \t]+|=)([^\s;&|]+)"
)


def image_installs(
    dockerfile: Dockerfile, context: str, file_set: frozenset[str]
) -> list[tuple[int, str]]:
    """The repository's requirements, environment and project files an image installs
    from, as (RUN line, path): each `-r FILE` / `-f FILE`, and the Pipfile or pyproject.toml
    of the working folder a `pipenv install`, `poetry install`, `uv sync` or `pip install .`
    reads (not `pip install . --no-deps`, the package's code alone), traced back to the
    COPY that brought it in from the build context (`COPY
    requirements.txt .`, `COPY . .`, `COPY api/ /app/`)."""
    found: list[tuple[int, str]] = []
    for instruction, workdir, copies in image_runs(dockerfile):
        model = _installed_model(instruction.arguments, workdir, copies, context, file_set)
        if model is not None:
            found.append((instruction.line, model))
        named = [
            (m[1] or m[2]).strip("'\"") for m in INSTALLED_FILE.finditer(instruction.arguments)
        ]
        if _installs_project_set(instruction.arguments):
            named += PROJECT_FILES  # the project in the working folder, as its tool reads it
        for written in named:
            rel = copied_file(written, workdir, copies, context, file_set)
            if rel is not None:
                found.append((instruction.line, rel))
    return found


Copy = tuple[str, str, bool]  # a COPY's source, its destination, whether into a folder


def image_runs(dockerfile: Dockerfile) -> Iterator[tuple[Instruction, str, list[Copy]]]:
    """Each RUN of an image with its working folder and the COPYs from the build context
    before it (not `--from` another stage or image)."""
    workdir = "/"
    copies: list[Copy] = []
    for instruction in dockerfile.instructions:
        words = [w.strip("'\"") for w in instruction.arguments.split() if not w.startswith("--")]
        if instruction.keyword == "WORKDIR" and words:
            workdir = posixpath.normpath(posixpath.join(workdir, words[0]))
        elif instruction.keyword in ("COPY", "ADD") and "--from" not in instruction.arguments:
            if len(words) < 2:
                continue
            into = words[-1].endswith("/") or words[-1] in (".", "./") or len(words) > 2
            destination = posixpath.normpath(posixpath.join(workdir, words[-1]))
            copies = [*copies, *((source, destination, into) for source in words[:-1])]
        elif instruction.keyword == "RUN":
            yield instruction, workdir, copies


def copied_file(
    written: str, workdir: str, copies: list[Copy], context: str, file_set: frozenset[str]
) -> str | None:
    """The repository file a path a RUN names (relative to its working folder) was copied
    from, the latest COPY first; None when no COPY brought a file of the repository there."""
    target = posixpath.normpath(posixpath.join(workdir, written))
    return next(
        (
            rel
            for copy in reversed(copies)
            for rel in _copied_from(target, *copy, context)
            if rel in file_set
        ),
        None,
    )


# An install of the project in the working folder: its lock or declaration, read by its
# tool (`pipenv install --system --deploy`, `poetry install`, `uv sync`) or by pip (`pip
# install .`, `pip install -e .`).
PROJECT_INSTALL_HERE = lazy_pattern(
    r"\b(?:pipenv|poetry|pdm)[ \t]+(?:install|sync)\b|\buv[ \t]+sync\b"
    r"|\bpip3?[ \t]+install\b[^;&|\n]*?[ \t]\.(?:\[[\w,-]+\])?(?=[ \t;&|]|$)",
    re.MULTILINE,
)
PROJECT_FILES = ["Pipfile", "pyproject.toml", "setup.py", "setup.cfg"]
COMMAND_END = lazy_pattern(r"[;&|\n]")


def _installs_project_set(arguments: str) -> bool:
    """Whether a RUN line installs the working folder's project with its dependencies:
    `pip install . --no-deps` installs the package's code alone, none of the set it
    declares (the image installed its own requirements file before)."""
    for match in PROJECT_INSTALL_HERE.finditer(arguments):
        end = COMMAND_END.search(arguments, match.end())
        command = arguments[match.start() : end.start() if end else len(arguments)]
        if "--no-deps" not in command:
            return True
    return False


# A path written in a RUN line: words split at spaces, quotes, brackets and commas.
PATH_WORD = lazy_pattern(r"""[^\s'"(),;=]*/[^\s'"(),;=]*""")


def _installed_model(
    run: str,
    workdir: str,
    copies: list[tuple[str, str, bool]],
    context: str,
    file_set: frozenset[str],
) -> str | None:
    """The MLmodel of an MLflow model folder a RUN installs the environment of: a line
    naming an install and a path a COPY brought from a folder holding an MLmodel
    (MLflow's `_install_pyfunc_deps('/opt/ml/model', ...)`, `pip install -r
    model/requirements.txt` being found as a requirements file)."""
    if "install" not in run.lower():
        return None
    for word in PATH_WORD.findall(run):
        target = posixpath.normpath(posixpath.join(workdir, word))
        for copy in reversed(copies):
            for rel in _copied_from(target, *copy, context):
                if f"{rel}/MLmodel" in file_set:
                    return f"{rel}/MLmodel"
    return None


def _copied_from(target: str, source: str, destination: str, into: bool, context: str) -> list[str]:
    """Where in the repository a file at `target` in the image may come from through one
    COPY: the source itself (a file copied in), a file its pattern matches (`poetry.lock*`),
    or a file under it (a folder copied in).
    A destination without a trailing slash may be a folder the image already has (`RUN
    mkdir /api`, then `COPY requirements.txt /api`): the file then lands inside it."""
    source = posixpath.normpath(f"/{source}").lstrip("/")  # Docker keeps `../x` in the context
    if any(c in source for c in "*?["):  # `COPY pyproject.toml poetry.lock* ./`
        folder, pattern = posixpath.split(source)
        name = posixpath.basename(target)
        if posixpath.dirname(target) != destination or not fnmatch.fnmatchcase(name, pattern):
            return []
        return [posixpath.normpath(posixpath.join(context, folder, name))]
    inside = posixpath.join(destination, posixpath.basename(source))
    landed = inside if into else destination
    found = [posixpath.join(context, source)] if target in (landed, inside) else []
    if target.startswith(destination.rstrip("/") + "/"):
        found.append(posixpath.join(context, source, posixpath.relpath(target, destination)))
    return [posixpath.normpath(rel) for rel in found]


# An install of the project's declared dependencies: a requirements or constraints file,
# the project itself, or its lock (`uv sync`, `poetry install`, a conda environment).
PROJECT_INSTALL = lazy_pattern(
    r"\bpip3?[ \t]+install\b[^;&|\n]*?[ \t](?:-r|--requirement|-e|--editable|\.(?=[ \t\[]|$))"
    r"|\buv[ \t]+sync\b|\b(?:poetry|pipenv|pdm)[ \t]+(?:install|sync)\b"
    r"|\b(?:conda|mamba|micromamba)[ \t]+env[ \t]+(?:create|update)\b",
    re.MULTILINE,
)


class ENV005(Check):
    """Applies when something is pinned: a lock file, or one `==` line of a requirements, conda or
    pyproject file (its optional dependencies, dependency groups and Hatch environments too, and
    Poetry's bare versions, `black = "22.3.0"`; a single pin among ranges goes stale too) or of
    a setup.py's `install_requires` (`"sagemaker==2.218.0"`), a project image's `pip install
    torch==2.4.1` where no file declares dependencies (the image is then their declaration) or a
    conda explicit spec (`@EXPLICIT`, exact builds), including those a template renders (`{{
    cookiecutter.repo_name }}/environment.yml`'s `pytorch=1.9.0`: every generated project
    inherits it). Passes when `.github/dependabot.yml` lists at least one update of a package
    ecosystem (`pip`, `uv`, `conda`, `npm`...; not one that moves no package's version:
    `github-actions`, `docker`, `devcontainers` alone, nor a `pip`, `uv` or `npm` update whose
    `directory` holds none of that ecosystem's manifests: Dependabot finds nothing to move
    there) or a Renovate configuration (renovate.json, .renovaterc, .github/renovate.json...)
    exists."""

    @staticmethod
    def check(
        dependabot: dict[str, Any], renovate_files: list[str], file_set: frozenset[str]
    ) -> Outcome:
        updates = dependabot.get("updates")
        packages = [
            update
            for update in (updates if isinstance(updates, list) else [])
            if not isinstance(update, dict)
            or (
                update.get("package-ecosystem") not in NO_PACKAGE_ECOSYSTEMS
                and _finds_manifests(update, file_set)
            )
        ]
        return bool(packages) or bool(renovate_files)


# The manifests Dependabot reads for an ecosystem, in the folder an update names.
# (any .txt or .in: a `requirements/` folder's `train.txt`, `dev.in`)
PYTHON_MANIFESTS = lazy_pattern(
    r"^(?:[^/]+\.(?:txt|in)|pyproject\.toml|setup\.py|setup\.cfg|Pipfile"
    r"|Pipfile\.lock|poetry\.lock|pdm\.lock|uv\.lock)$"
)
ECOSYSTEM_MANIFESTS = {
    "pip": PYTHON_MANIFESTS,
    "uv": PYTHON_MANIFESTS,
    "npm": lazy_pattern(r"^package\.json$"),
}


def _finds_manifests(update: dict[str, Any], file_set: frozenset[str]) -> bool:
    """Whether a Dependabot update finds a manifest of its ecosystem in a folder it names
    (`directory: "/backend"`, or one of `directories`; a glob is taken on trust, and so is
    an ecosystem whose manifests are not listed here)."""
    manifests = ECOSYSTEM_MANIFESTS.get(str(update.get("package-ecosystem")))
    named = update.get("directories") or [update.get("directory", "/")]
    folders = [str(folder).strip("/") for folder in (named if isinstance(named, list) else [])]
    if manifests is None or any(c in folder for folder in folders for c in "*?["):
        return True
    return any(
        manifests.search(name) and folder == parent
        for rel in file_set
        for parent, _, name in [rel.rpartition("/")]
        for folder in folders
    )


# Dependabot's ecosystems that move no package's version: actions, images, submodules,
# infrastructure modules.
NO_PACKAGE_ECOSYSTEMS = frozenset(
    {
        "github-actions",
        "docker",
        "docker-compose",
        "devcontainers",
        "gitsubmodule",
        "terraform",
        "helm",
    }
)


# `- python=3.7.*` / `- python=3.6.10=h0371630_0` / `- python >= 3.8` (its oldest) in a
# conda environment file.
CONDA_PYTHON = lazy_pattern(r"^[ \t]*-[ \t]*python[ \t]*(?:>=|=+)[ \t]*(3\.\d+)", re.MULTILINE)
# A system package manager's install: `apt-get install`, `apk add`, `conda install`...
PACKAGE_INSTALL = lazy_pattern(
    r"\b(?:apt-get|apt|yum|dnf|microdnf|zypper|conda|mamba|micromamba)\b[^\n]*\binstall\b"
    r"|\bapk\b[^\n]*\badd\b"
)
# `python3.8`, `python3.8-dev`, conda's `python=3.7` among what it installs.
SYSTEM_PYTHON = lazy_pattern(r"(?<![\w./-])python(?:=+)?(3\.\d+)(?![\d])")
# An environment a command creates on a named Python: `conda create -n x python=3.10`
# (mamba, micromamba), `uv venv --python 3.9`, `uv python install 3.9`, `pyenv install
# 3.8.10` (or `pyenv local`, `pyenv virtualenv`), `virtualenv -p python3.8` and
# `python3.8 -m venv .venv`.
ENV_CREATE_PYTHON = lazy_pattern(
    r"\b(?:conda|mamba|micromamba)[ \t]+(?:env[ \t]+)?create\b[^\n;&|#]*?"
    r"(?<![\w.-])[\"']?python[ \t]*=+[ \t]*(3\.\d+)(?!\d)"
    r"|\buv[ \t]+(?:venv|init)\b[^\n;&|#]*?(?:--python|-p)(?:[ \t]+|=)[\"']?"
    r"(?:python|cpython-)?(3\.\d+)(?!\d)"
    r"|\buv[ \t]+python[ \t]+install[ \t]+(?:-\S+[ \t]+)*(3\.\d+)(?!\d)"
    r"|\bpyenv[ \t]+(?:install|local|global|virtualenv)(?:[ \t]+-\S+)*[ \t]+(3\.\d+)(?!\d)"
    r"|\bvirtualenv\b[^\n;&|#]*?(?:-p|--python)(?:[ \t]+|=)(?:\S*/)?python(3\.\d+)(?!\d)"
    r"|(?<![\w.-])python(3\.\d+)[ \t]+-m[ \t]+(?:venv|virtualenv)\b"
)
# A README (any folder): its commands are run by whoever sets the project up.
README_NAME = lazy_pattern(r"(?i)(?:^|/)readme(?:\.(?:md|markdown|rst|txt))?$")
# A setup guide (`ubuntu_setup.md`, `docs/INSTALL.md`, `getting-started.rst`): like a
# README, its commands are run by whoever sets the project up.
SETUP_GUIDE = lazy_pattern(
    r"(?i)(?:^|/)[^/]*(?:setup|install|getting[-_ ]?started|quick[-_ ]?start)[^/]*"
    r"\.(?:md|markdown|rst|txt)$"
)


class ENV006(Check):
    """Passes when no Python the repository runs on is past its end of life by the versions
    table shipped with the tool: the oldest Python `requires-python` (or Poetry's `python`, or
    setup.py's `python_requires`, a string or the constant it names) allows any release of
    (`>3.10` allows 3.10.1, so Python 3.10), and so for each package in a subfolder (a shared
    library's `libs/common/setup.py`, a service's pyproject.toml; not a template's rendered
    files nor vendored code under `third_party/` or `vendor/`),
    the files made to name one, in any folder (`.python-version`, the python of asdf's or
    mise's `.tool-versions` or `mise.toml`, Heroku's or Binder's `runtime.txt`, a Pipfile's
    `python_version`, direnv's `layout pyenv 3.7.7`, tox's envlist `py37`, unless the
    project's own `requires-python`
    excludes it: tox could not install it there), a variable or key named for the Python
    (`PYTHON_VERSION ?= 3.8` in a Makefile, a script or a .env file, `python: [3.7, 3.8]`
    or a block list in CI, CodeBuild's `runtime-versions: python: 3.7` in any buildspec,
    Azure's `versionSpec`) and the `python:3.X` image a CI job or a compose service runs in
    (`image: python:3.7`, Jenkins' `image 'python:3.7'`, compose's default of a variable,
    `${AIRFLOW_IMAGE_NAME:-apache/airflow:2.7.2}`; a GitHub Actions workflow kept
    outside `.github/workflows`, each job with its `runs-on`, is read too), each Dockerfile's
    (and each a shell script's here-document or a notebook's `%%writefile` cell writes)
    `python:3.X` base image
    (`mcr.microsoft.com/devcontainers/python:1-3.10` too) or vendor image whose tag names
    its Python (`apache/airflow:2.8.1-python3.10`,
    `rayproject/ray:2.9.0-py310`) or, naming none, ships a default Python the versions
    table lists (`apache/airflow:2.7.2` ships Python 3.8), or a Miniconda image
    whose release fixes it (`continuumio/miniconda3:4.7.12` ships Python 3.7, unless the
    stage creates an environment or installs another Python) and the Python its system
    package manager installs (`apt-get install python3.8`, `conda install python=3.7`; a `$NAME`
    there or in FROM reads the default of the `ARG NAME=...` above it), the `python=3.X` of
    conda environment files (and of the conda file an Azure ML environment specification
    names, `conda_file: conda/train.yml`, whatever its name, and of one a notebook writes,
    `%%writefile env.yml`) and the python package of a
    conda explicit spec file
    (`conda list --explicit > spec-file.txt`: `.../python-3.10.8-h4a9ceb5_0.conda` after
    its `@EXPLICIT` line), the Python an environment is created on by a shell script, a
    README, a setup guide (`ubuntu_setup.md`, `INSTALL.md`, `getting-started.rst`), a
    Makefile's or another task runner's recipe, a CI step, a notebook's `!` line or a
    Dockerfile RUN
    (`conda create -n x python=3.10`, `uv venv --python 3.9`, `pyenv install 3.8.18`, `python3.8
    -m venv .venv`), the one Python a README's requirements list asks for (`* python==3.6`,
    `- Python 3.9`; a floor such as `Python 3.9+`, `3.8 or higher` or `3.7 이상` is not
    read, nor a range, `3.10 — 3.12`, nor a list under a heading naming the tech stack,
    `## Tech stack`, `Built with`), and the
    runtime of a serverless function (AWS Lambda's `Runtime: python3.8` in CloudFormation or
    SAM, the Serverless Framework's `runtime:`, Terraform's `runtime =`, boto3's
    `create_function(Runtime="python3.8")`, CDK's `Runtime.PYTHON_3_8`, Google Cloud
    Functions' `python39`, `--runtime python3.8` in a script, a README, a Makefile, a CI
    step or a notebook: `gcloud functions deploy --runtime python37`), the Python of
    the managed framework container a SageMaker estimator or model runs in (`py_version=
    "py310"`, in code or a notebook), the `python:3.X` base image of a Kubeflow Pipelines
    component (`@dsl.component(base_image="python:3.7")`, `create_component_from_func(f,
    base_image=BASE_IMAGE)`), the one a BentoML build file's image runs
    (`docker: python_version: "3.10"`), and the one the Databricks Runtime of a job cluster
    ships (`spark_version: 11.3.x-cpu-ml-scala2.12`, in a bundle, a job's JSON, Terraform,
    code or a notebook: Python 3.9, by the versions table). Poetry's constraints
    apart by a space are all read (`>=3.9 <3.10` allows 3.9). An image whose base names a
    distribution
    release and no Python (`ubuntu:20.04`, `nvidia/cuda:11.8.0-runtime-ubuntu20.04`,
    `openvino/ubuntu20_runtime`) and that installs the release's own `python3` (`apt-get
    install python3-pip`) runs that release's Python, which the distribution fixes until
    the release's end of support: reported once the release is past it (Ubuntu 20.04's
    Python 3.8), not before (Ubuntu 22.04's Python 3.10 until 2027), unless a stage installs
    another Python (conda, pyenv, deadsnakes, `python3.11`)."""

    @staticmethod
    def check(
        pyproject: dict[str, Any],
        text: TextOf,
        dockerfiles: list[Dockerfile],
        conda_files: list[str],
        declared_pythons: list[tuple[str, int, str, str]],
        setup_python: tuple[str, int, str] | None,
        environments_created: list[tuple[str, int | None, str]],
        readme_pythons: list[tuple[str, int, str]],
        serverless_runtimes: list[tuple[str, int, str]],
        conda_spec_pythons: list[tuple[str, int, str]],
        framework_pythons: list[tuple[str, int, str]],
        databricks_pythons: list[tuple[str, int, str, str]],
        bento_files: list[str],
        written_dockerfiles: list[Dockerfile],
        nested_project_pythons: list[tuple[str, int, str]],
        written_conda_pythons: list[tuple[str, int, str]],
        component_images: list[tuple[str, int, str]],
    ) -> Outcome:
        found: list[tuple[str, int | None, str, str]] = []  # path, line, what, python
        if allowed := oldest_project_python(pyproject, setup_python):
            found.append(allowed)
        for package, number, spec in nested_project_pythons:
            if oldest := oldest_allowed(spec, KNOWN_PYTHONS):
                key = "requires-python" if package.endswith(".toml") else "python_requires"
                found.append((package, number, f"its package's {key} allows {oldest}", oldest))
        found += declared_pythons
        hits: list[Hit] = []
        for dockerfile in map(with_arg_defaults, [*dockerfiles, *written_dockerfiles]):
            found += _image_pythons(dockerfile)
            hits += _release_pythons(dockerfile)
        for rel, line, python in environments_created:
            found.append((rel, line, f"creates an environment on Python {python}", python))
        for rel, line, python in conda_spec_pythons:
            found.append((rel, line, f"its conda spec installs Python {python}", python))
        for rel, cell, python in written_conda_pythons:
            what = f"cell {cell} writes a conda environment on Python {python}"
            found.append((rel, None, what, python))
        for rel, line, python in readme_pythons:
            found.append((rel, line, f"lists Python {python} as a requirement", python))
        for rel, line, runtime in serverless_runtimes:
            python = runtime_python(runtime)
            found.append((rel, line, f"a serverless function runs on {runtime}", python))
        for rel, line, python in framework_pythons:
            found.append((rel, line, f"a managed framework container runs Python {python}", python))
        for rel, line, image in component_images:
            if component_python := image_python(image):
                what = f"a pipeline component runs on {image}"
                found.append((rel, line, what, component_python))
        for rel in bento_files:
            for number, written in enumerate((text(rel) or "").splitlines(), 1):
                if match := BENTO_PYTHON.match(written):
                    what = f"its Bento's image runs Python {match[1]}"
                    found.append((rel, number, what, match[1]))
        for rel, line, runtime, python in databricks_pythons:
            what = f"a Databricks job cluster runs Databricks Runtime {runtime} (Python {python})"
            found.append((rel, line, what, python))
        for rel in conda_files:
            content = text(rel) or ""
            for match in CONDA_PYTHON.finditer(content):
                line = content.count("\n", 0, match.start()) + 1
                found.append((rel, line, f"sets up Python {match[1]}", match[1]))
        return hits + [hit for where in found if (hit := _past_end_of_life(*where)) is not None]


def oldest_project_python(
    pyproject: dict[str, Any], setup_python: tuple[str, int, str] | None
) -> tuple[str, int | None, str, str] | None:
    """The oldest Python the project's own metadata allows (`requires-python`, Poetry's
    `python`, else setup.py's `python_requires`), as (file, line, what, python)."""
    poetry = table(pyproject, "tool", "poetry", "dependencies")
    spec = table(pyproject, "project").get("requires-python") or poetry.get("python")
    if isinstance(spec, str) and (oldest := oldest_allowed(spec, KNOWN_PYTHONS)):
        return "pyproject.toml", None, f"requires-python allows {oldest}", oldest
    if setup_python and (oldest := oldest_allowed(setup_python[2], KNOWN_PYTHONS)):
        rel, line, _ = setup_python
        return rel, line, f"python_requires allows {oldest}", oldest
    return None


def _image_pythons(dockerfile: Dockerfile) -> list[tuple[str, int, str, str]]:
    """The Pythons an image runs, as (path, line, what, python): the one its base image's
    tag names, the `python3.X` its package manager installs, the one an environment is
    created on."""
    found = []
    for index, stage in enumerate(dockerfile.stages):
        base = dockerfile.base_image(index)
        python = image_python(base) or _miniconda_python(base, stage)
        if python:
            found.append((dockerfile.path, stage[0].line, f"runs on {base}", python))
    for instruction in dockerfile.instructions:
        if instruction.keyword != "RUN":
            continue
        installed = _system_pythons(instruction)
        for python in installed:
            found.append((dockerfile.path, instruction.line, f"installs python{python}", python))
        created = _created_pythons(instruction.arguments)
        for python in (p for p in created if p not in installed):
            what = f"creates an environment on Python {python}"
            found.append((dockerfile.path, instruction.line, what, python))
    return found


# A conda explicit spec file (`conda list --explicit > spec-file.txt`, read by `conda
# create --file`): named for conda or a spec; its `@EXPLICIT` line and the python package
# it lists (`.../linux-64/python-3.10.8-h4a9ceb5_0_cpython.conda`).
SPEC_FILE_NAME = lazy_pattern(r"(?i)(?:^|/)[^/]*(?:conda|spec|explicit)[^/]*\.txt$")
EXPLICIT_MARKER = lazy_pattern(r"(?m)^@EXPLICIT[ \t]*$")
EXPLICIT_HINT = content_hints("@EXPLICIT", within=("*.txt",))
EXPLICIT_PYTHON = lazy_pattern(r"(?m)/python-(3\.\d+)\.\d+-[^/\s]+\.(?:conda|tar\.bz2)(?:#\S*)?$")


def explicit_specs(files_containing: FilesContaining, text: TextOf) -> list[str]:
    """Conda explicit spec files, whatever their name (`dev.txt`, `environment.txt`): a
    .txt with an `@EXPLICIT` line, each package after it a URL with its exact build. They
    are conda's lock: `conda create --file` installs exactly those builds."""
    return [
        rel
        for rel in files_containing(EXPLICIT_HINT)
        if rel.endswith(".txt") and EXPLICIT_MARKER.search(text(rel) or "")
    ]


# A notebook cell that writes a YAML file (`%%writefile env.yml`), then what it writes.
WRITEFILE_YAML = lazy_pattern(r"\A[ \t]*%%writefile[ \t]+(?:-a[ \t]+)?\S+\.ya?ml[ \t]*\n")
# A conda environment file's `dependencies:` key.
CONDA_DEPENDENCIES = lazy_pattern(r"(?m)^dependencies[ \t]*:")


def written_conda_pythons(notebooks: dict[str, dict[str, Any]]) -> list[tuple[str, int, str]]:
    """The `python=3.X` of each conda environment file a notebook writes (`%%writefile
    env.yml`, then `dependencies:` and its packages) for an environment to be created from
    it (`mlflow run`, `conda env create -f`): (notebook, cell number, python)."""
    found: list[tuple[str, int, str]] = []
    for rel, notebook in notebooks.items():
        cells = notebook.get("cells")
        for number, cell in enumerate(cells if isinstance(cells, list) else [], 1):
            source = cell.get("source", "") if isinstance(cell, dict) else ""
            source = "".join(source) if isinstance(source, list) else str(source)
            written = WRITEFILE_YAML.match(source)
            if written and CONDA_DEPENDENCIES.search(source, written.end()):
                found += [(rel, number, m[1]) for m in CONDA_PYTHON.finditer(source)]
    return found


def conda_spec_pythons(files: tuple[str, ...], text: TextOf) -> list[tuple[str, int, str]]:
    """The Python each conda explicit spec file installs, as (path, line, python)."""
    found: list[tuple[str, int, str]] = []
    for rel in filter(SPEC_FILE_NAME.search, files):
        content = text(rel) or ""
        if EXPLICIT_MARKER.search(content):
            found += [
                (rel, content.count("\n", 0, match.start()) + 1, match[1])
                for match in EXPLICIT_PYTHON.finditer(content)
            ]
    return found


# The Python each Miniconda release's installer (and `continuumio/miniconda3:TAG`
# image) puts in the base environment, by release: (first release, Python), in order;
# releases from 24.3 on are not read (None).
MINICONDA_PYTHONS: tuple[tuple[tuple[int, int, int], str | None], ...] = (
    ((4, 3, 11), "3.6"),
    ((4, 5, 11), "3.7"),
    ((4, 8, 3), "3.8"),
    ((4, 10, 0), "3.9"),
    ((22, 11, 0), "3.10"),
    ((23, 5, 0), "3.11"),
    ((24, 3, 0), None),
)
MINICONDA_IMAGE = lazy_pattern(r"(?:^|/)miniconda3:(\d+)\.(\d+)\.(\d+)(?![\d.])")
# A RUN line that puts another Python in place of the base environment's.
ANOTHER_CONDA_PYTHON = lazy_pattern(
    r"\b(?:conda|mamba|micromamba)\b[^\n]*\b(?:create|env[ \t]+update)\b|python[ \t]*=+[ \t]*3"
)


def _miniconda_python(base: str, stage: Sequence[Instruction]) -> str | None:
    """The Python of a `continuumio/miniconda3:4.7.12` base image, which its tag fixes
    (Miniconda 4.7 ships Python 3.7), unless the stage creates an environment or
    installs another Python (`conda create`, `conda env update`, `python=3.11`): then
    that one runs, read on its own."""
    match = MINICONDA_IMAGE.search(base)
    if match is None:
        return None
    if any(i.keyword == "RUN" and ANOTHER_CONDA_PYTHON.search(i.arguments) for i in stage):
        return None
    release = tuple(int(part) for part in match.groups())
    return next((p for first, p in reversed(MINICONDA_PYTHONS) if release >= first), None)


# What installs packages of the distribution an image is built on: apt on Debian and
# Ubuntu, apk on Alpine (the releases of the versions table).
DISTRIBUTION_INSTALL = lazy_pattern(r"\bapt(?:-get)?\b[^\n]*\binstall\b|\bapk\b[^\n]*\badd\b")
# A package that brings the distribution's own Python: `python3`, `python3-pip`,
# `python3-dev`, `python-is-python3` (not `python3.8`: that one names its minor).
RELEASE_PYTHON_PACKAGE = lazy_pattern(
    r"(?<![\w.-])(?:python3(?:-[\w+-]+)?|python-is-python3)(?![\w.])"
)
# A stage that puts another Python beside the distribution's: conda (Miniconda, Anaconda),
# mamba, pyenv, uv's own Pythons, the deadsnakes builds; and images that come with one
# (`continuumio/miniconda3`, `mambaorg/micromamba`).
OTHER_PYTHON = lazy_pattern(r"(?i)conda|mamba|pyenv|deadsnakes|\buv[ \t]+python\b")


def _release_pythons(dockerfile: Dockerfile) -> list[Hit]:
    """The distribution's own Python that a stage installs as `python3`, reported when
    the release stopped getting security fixes: the distribution fixes its Python until
    then, whatever the Python's own end of life (`apt-get install python3-pip` on
    `ubuntu:20.04` or `openvino/ubuntu20_runtime` runs Ubuntu 20.04's Python 3.8, unfixed
    since 2025-05-31; on `ubuntu:22.04` Python 3.10, fixed by Ubuntu until 2027). Only
    when the base image names the release and no Python of its own, and the stage
    installs no other Python."""
    hits = []
    for index, stage in enumerate(dockerfile.stages):
        base = dockerfile.base_image(index)
        release = release_of(base)
        if release is None or release.python is None or release.end_of_life >= date.today():
            continue
        if image_python(base) or OTHER_PYTHON.search(base):
            continue
        runs = [instruction for instruction in stage if instruction.keyword == "RUN"]
        if any(
            OTHER_PYTHON.search(run.arguments)
            or _system_pythons(run)
            or _created_pythons(run.arguments)
            for run in runs
        ):
            continue
        run = next((run for run in runs if _installs_release_python(run.arguments)), None)
        if run is not None:
            detail = (
                f"installs python3 on {release}, its Python {release.python}, which the "
                f"distribution stopped fixing on {release.end_of_life}"
            )
            hits.append(Hit(dockerfile.path, run.line, detail))
    return hits


def _installs_release_python(shell: str) -> bool:
    """Whether a RUN line's apt or apk installs the distribution's own `python3`."""
    return any(
        DISTRIBUTION_INSTALL.search(command) and RELEASE_PYTHON_PACKAGE.search(command)
        for command in re.split(r"&&|;|\|\|", shell)
    )


# `$NAME` or `${NAME}` in a Dockerfile instruction.
ARG_REFERENCE = lazy_pattern(r"\$(?:\{(\w+)\}|(\w+))")


def with_arg_defaults(dockerfile: Dockerfile) -> Dockerfile:
    """The Dockerfile with each `$NAME` / `${NAME}` of its FROM and RUN instructions
    replaced by the default of the `ARG NAME=value` declared above it (`ARG
    PYTHON_VERSION=3.7` ... `conda install python=$PYTHON_VERSION`): what a build without
    `--build-arg` runs. Names with no default stay as written."""
    defaults: dict[str, str] = {}
    resolved = []
    for instruction in dockerfile.instructions:
        if instruction.keyword == "ARG":
            name, equals, default = instruction.arguments.partition("=")
            if equals:
                defaults[name.strip()] = default.strip().strip("\"'")
        elif instruction.keyword in ("FROM", "RUN") and "$" in instruction.arguments:
            arguments = ARG_REFERENCE.sub(
                lambda m: defaults.get(m[1] or m[2], m[0]), instruction.arguments
            )
            instruction = replace(instruction, arguments=arguments)
        resolved.append(instruction)
    return replace(dockerfile, instructions=tuple(resolved))


def _system_pythons(instruction: Instruction) -> list[str]:
    """The Pythons a RUN instruction's system package manager installs (`apt-get
    install python3.8`, `conda install python=3.7`): the interpreter the image runs on
    whatever its base image is."""
    pythons: list[str] = []
    for command in re.split(r"&&|;|\|\|", instruction.arguments):
        if PACKAGE_INSTALL.search(command):
            pythons += SYSTEM_PYTHON.findall(command)
    return list(dict.fromkeys(pythons))


def _created_pythons(shell: str) -> list[str]:
    """The Pythons a shell line creates an environment on (`conda create -n x
    python=3.10`, `uv venv --python 3.9`, `pyenv install 3.8.18`)."""
    found = [next(g for g in m.groups() if g) for m in ENV_CREATE_PYTHON.finditer(shell)]
    return list(dict.fromkeys(found))


def environments_created(
    files: tuple[str, ...],
    text: TextOf,
    commands: Iterable[tuple[str, int | None, str]] = (),
) -> list[tuple[str, int | None, str]]:
    """Each line of a shell script, a README or a setup guide (`SETUP_GUIDE`) that creates
    an environment on a named Python, as (path, line, python), and each of `commands`
    (file, line, command: a Makefile's recipe, a CI step, a notebook's `!conda create`)
    that does; a script's comment creates nothing."""
    found: list[tuple[str, int | None, str]] = []
    for rel, number, command in commands:
        found += [(rel, number, python) for python in _created_pythons(command)]
    for rel in files:
        readme = bool(README_NAME.search(rel) or SETUP_GUIDE.search(rel))
        content = text(rel) if readme or rel.endswith((".sh", ".bash")) else None
        if not content or "3." not in content:
            continue
        for number, line in enumerate(content.splitlines(), 1):
            if "3." not in line or (not readme and line.lstrip().startswith("#")):
                continue  # each Python the pattern finds is a `3.X`
            found += [(rel, number, python) for python in _created_pythons(line)]
    return found


# An item of a README's list that asks for one Python (`* python==3.6`, `- Python 3.9`,
# `- **Python 3.10** - runtime`), not a floor or a range (`Python 3.9+`, `Python 3.8 or
# higher`, `Python >= 3.9`, `Python 3.10-3.11`, `Python 3.10 — 3.12`, and in other
# languages `Python 3.7 이상`, `3.8 以上`, `3.9 ou supérieur`, `3.9 o
# superior`): the Python its reader sets up.
README_PYTHON = lazy_pattern(
    r"(?im)^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\*\*|__|`|\[)?python(?:\*\*|__|`|\])?"
    r"[ \t]*(?:==?|:)?[ \t]*(?:\*\*|`)?v?(3\.\d+)(?:\.\d+|\.x)?(?:\*\*|`)?"
    r"(?![\d.]|[ \t]*(?:\+|or\b|and[ \t]+(?:up|above|later|higher|newer)"
    r"|[-\u2013\u2014~][ \t]*3|,|/|\uc774\uc0c1|\u4ee5\u4e0a|ou[ \t]+(?:sup|plus)|o[ \t]+superior))"
)


# A README section that describes what the project is built with ("## Tech stack",
# "Technologies used", "Built with"): its `* **Python 3.10**` names a language, and asks
# the reader to install nothing. A heading that also says requirements still asks.
STACK_HEADING = lazy_pattern(
    r"(?i)\b(?:tech(?:nology|nical)?[ \t-]*stack|stack|technolog(?:y|ies)|built[ \t]+with)\b"
)
ASKING_HEADING = lazy_pattern(r"(?i)requir|prerequis|pr\u00e9requis|install|setup|set[ \t]+up")
MARKDOWN_HEADING = lazy_pattern(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+(.*)$")


def readme_pythons(files: tuple[str, ...], text: TextOf) -> list[tuple[str, int, str]]:
    """Each README list item that asks for one Python (a requirements or prerequisites
    list: `* python==3.6`; not one of a section listing the project's tech stack), as
    (path, line, python)."""
    found = []
    for rel in (rel for rel in files if README_NAME.search(rel)):
        content = text(rel) or ""
        found += [
            (rel, content.count("\n", 0, match.start()) + 1, match[1])
            for match in README_PYTHON.finditer(content)
            if not _describes_stack(content[: match.start()])
        ]
    return found


def _describes_stack(before: str) -> bool:
    """Whether the Markdown heading last opened in `before` names a tech stack, not what
    to install."""
    headings = MARKDOWN_HEADING.findall(before)
    title = headings[-1] if headings else ""
    return bool(STACK_HEADING.search(title)) and not ASKING_HEADING.search(title)


# The runtime a serverless function is declared on, in the files that declare one (each
# pattern joins the `git grep` of other checks' patterns over the same files): AWS Lambda's
# `Runtime: python3.8` (CloudFormation, SAM), the Serverless Framework's `runtime:`,
# Terraform's `runtime =`, Google Cloud Functions' and App Engine's `python39`;
# boto3's `create_function(Runtime="python3.8")` and CDK's `Runtime.PYTHON_3_8` in Python;
# `--runtime python3.8` on a command line (a script, a README, a Makefile's recipe, a CI
# step, a task runner's or a notebook's command: `gcloud functions deploy --runtime python37`).
CONFIG_RUNTIME = line_hint(
    r"[Rr]untime[\"']?[ \t]*[:=][ \t]*[\"']?python3\.?\d+",
    within=("*.tf", "*.hcl", "*.yml", "*.yaml", "*.json"),
)
CODE_RUNTIME = line_hint(
    r"[Rr]untime[ \t]*=[ \t]*(?:[\"']python3\.?\d+|[\w.]*Runtime\.PYTHON_3_\d+)",
    within=("*.py",),
)
COMMAND_RUNTIME = line_hint(
    r"--runtime[\"']?(?:[ \t]*,[ \t]*|[ \t=]+)[\"']?python3\.?\d+|RUNTIME=[\"']?python3\.?\d+",
    within=(
        *("*.md", "*.rst", "*.sh", "*.bash", "*.ps1", "*Makefile", "*.mk", "*justfile"),
        *("*.yml", "*.yaml", "*.py", "*.ipynb"),
    ),
)
RUNTIME_VALUE = lazy_pattern(r"Runtime\.PYTHON_3_(\d+)|python3\.?(\d+)")


def serverless_runtimes(files_matching: FilesMatching, text: TextOf) -> list[tuple[str, int, str]]:
    """Each serverless function's Python runtime, as (path, line, runtime); a commented
    out line declares nothing. (Outside git each pattern is searched in every file: a line
    two of them match is one declaration.)"""
    found: list[tuple[str, int, str]] = []
    for hint in (CONFIG_RUNTIME, CODE_RUNTIME, COMMAND_RUNTIME):
        declaration = re.compile(hint)
        for rel in files_matching(hint):
            for number, line in enumerate((text(rel) or "").splitlines(), 1):
                if line.lstrip().startswith(("#", "//")):
                    continue
                found += [
                    (rel, number, value[0])
                    for declared in declaration.finditer(line)
                    if (value := RUNTIME_VALUE.search(declared[0]))
                ]
    return list(dict.fromkeys(found))


# The Python of a managed framework container a job or a model runs in: SageMaker's
# estimators and models name it (`HuggingFace(..., py_version="py310")`, `PyTorch(...,
# py_version='py38')`), in code or in a notebook cell (whose JSON escapes the quotes).
FRAMEWORK_PY_VERSION = line_hint(
    r"py_version[ \t]*=[ \t]*\\?[\"']py3\d+\\?[\"']", within=("*.py", "*.ipynb")
)
PY_VERSION_VALUE = lazy_pattern(r"py3(\d+)")


def framework_pythons(files_matching: FilesMatching, text: TextOf) -> list[tuple[str, int, str]]:
    """The Python of each managed framework container a file asks for (`py_version=
    "py310"`), as (path, line, python); a commented out line asks for nothing."""
    declaration = re.compile(FRAMEWORK_PY_VERSION)
    found: list[tuple[str, int, str]] = []
    for rel in files_matching(FRAMEWORK_PY_VERSION):
        for number, line in enumerate((text(rel) or "").splitlines(), 1):
            if line.lstrip().lstrip('"').startswith("#"):
                continue
            found += [
                (rel, number, f"3.{value[1]}")
                for declared in declaration.finditer(line)
                if (value := PY_VERSION_VALUE.search(declared[0].partition("=")[2]))
            ]
    return list(dict.fromkeys(found))


# The Databricks Runtime a job cluster runs: `spark_version: 11.3.x-cpu-ml-scala2.12` in a
# bundle's or a job's YAML, `"spark_version": "12.1.x-cpu-ml-scala2.12"` in its JSON or a
# cluster spec in code or a notebook (whose JSON escapes the quotes), Terraform's
# `spark_version = "13.3.x-scala2.12"`. Each release ships one Python, which the versions
# table knows.
SPARK_VERSION = line_hint(
    r"spark_version\\?[\"']?[ \t]*[:=][ \t]*\\?[\"']?[0-9]+\.[0-9]+\.x-",
    within=("*.py", "*.ipynb", "*.yml", "*.yaml", "*.json", "*.tf"),
)
SPARK_VERSION_VALUE = lazy_pattern(r"([0-9]+\.[0-9]+)\.x-")


# The Python of the image `bentoml containerize` builds: a BentoML build file's `docker:
# python_version: "3.10"`, read from the line (YAML reads an unquoted 3.10 as 3.1).
BENTO_PYTHON = lazy_pattern(r"""^[ \t]+python_version[ \t]*:[ \t]*["']?(3\.\d+)""")


def databricks_pythons(
    files_matching: FilesMatching, text: TextOf
) -> list[tuple[str, int, str, str]]:
    """The Databricks Runtime each job cluster spec names and the Python it ships, as (path,
    line, runtime, python); a commented out line names nothing, nor one the table does not
    know."""
    declaration = re.compile(SPARK_VERSION)
    found: list[tuple[str, int, str, str]] = []
    for rel in files_matching(SPARK_VERSION):
        for number, line in enumerate((text(rel) or "").splitlines(), 1):
            if line.lstrip().lstrip('"').startswith(("#", "//")):
                continue
            for declared in declaration.finditer(line):
                value = SPARK_VERSION_VALUE.search(declared[0])
                python = versions.load().databricks_python(value[1]) if value else None
                if value and python:
                    found.append((rel, number, value[1], python))
    return list(dict.fromkeys(found))


def runtime_python(runtime: str) -> str:
    """The Python of a serverless runtime (`python3.8`, `python310`, `Runtime.PYTHON_3_9`)."""
    value = RUNTIME_VALUE.search(runtime)
    return f"3.{value[1] or value[2]}" if value else ""


def _past_end_of_life(path: str, line: int | None, what: str, python: str) -> Hit | None:
    end = versions.end_of_life(python)
    if end is None or end >= date.today():
        return None
    return Hit(path, line, f"{what} (Python {python}: end of life {end})")
