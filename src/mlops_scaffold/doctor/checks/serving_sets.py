"""Which dependency set a serving entry installs, and whether training installs it too
(ENV004): a Bento's python packages, a Hugging Face Space's requirements.txt, the set of
the folder a service runs from, the packages a dependency file names; and training that
runs in environments of its own (MLflow project steps). A Bento's packages are
requirements to pin too (ENV002)."""

from __future__ import annotations

import ast
import posixpath
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from mlops_scaffold.doctor.checks.base import TextOf, TreeOf
from mlops_scaffold.doctor.pycode import walked
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Requirement
from mlops_scaffold.repo.parsers import (
    conda_environment,
    include_of,
    normalise_package_name,
    parse_requirements,
    requirement_lines,
    table,
)

YamlOf = Callable[[str], Any]
TomlOf = Callable[[str], "dict[str, Any] | None"]

# A Hugging Face Space's README front matter: `---`, then `sdk: gradio` among its keys.
SPACE_FRONT_MATTER = lazy_pattern(r"\A---[ \t]*\n(?:(?!---)[^\n]*\n)*?sdk:[ \t]*\w", re.MULTILINE)
# An MLproject that declares the environment its entry points run in.
PROJECT_ENVIRONMENT = lazy_pattern(r"^(?:conda_env|python_env|docker_env)[ \t]*:[ \t]*\S", re.M)


def bento_packages(
    bento_files: list[str], training: list[str], load_yaml: YamlOf, text: TextOf
) -> str | None:
    """The first bentofile.yaml that lists python packages of its own (`packages:`, or the
    `requirements_txt:` file it names): `bentoml build` installs them in the Bento, apart
    from whatever the project's training installs. Not
    one whose service module (`service: "service.py:svc"`) trains itself, nor one that
    lacks the framework its service module loads the model with (`import tensorflow`,
    `bentoml.tensorflow.load_model(...)` beside `packages: [openai]`): that Bento cannot
    serve the model, so the set it lists is not the service's."""
    for rel in bento_files:
        document = load_yaml(rel)
        if not isinstance(document, dict):
            continue
        python = document.get("python")
        packages = python.get("packages") if isinstance(python, dict) else None
        listing = python.get("requirements_txt") if isinstance(python, dict) else None
        if not packages and isinstance(listing, str):  # `requirements_txt: ./requirements.txt`
            packages = _listed_packages(posixpath.join(posixpath.dirname(rel), listing), text)
        service = str(document.get("service", "")).partition(":")[0]
        module = posixpath.join(posixpath.dirname(rel), service.removesuffix(".py") + ".py")
        if not (isinstance(packages, list) and packages) or module in training:
            continue
        listed = {normalise_package_name(NAME_END.split(str(p).strip())[0]) for p in packages}
        if not _frameworks_missing(text(module) or "", listed):
            return rel
    return None


def _listed_packages(path: str, text: TextOf) -> list[str]:
    """The packages a requirements file names (`scikit-learn`, `bentoml >= 1.0.0`)."""
    path = posixpath.normpath(path)
    return [r.name for r in parse_requirements(path, text(path) or "") if r.valid]


# The frameworks a service loads a model with, by the name its code imports (or BentoML's
# module for it, `bentoml.pytorch`), and the packages that provide each: one a line.
MODEL_FRAMEWORKS = {
    "tensorflow": ("tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tensorflow-macos"),
    "keras": ("keras", "tensorflow", "tensorflow-cpu", "tensorflow-gpu"),
    "torch": ("torch",),
    "pytorch": ("torch",),
    "sklearn": ("scikit-learn",),
    "xgboost": ("xgboost",),
    "lightgbm": ("lightgbm",),
    "catboost": ("catboost",),
    "transformers": ("transformers",),
    "onnxruntime": ("onnxruntime", "onnxruntime-gpu"),
}
FRAMEWORK_USE = lazy_pattern(
    rf"^[ \t]*(?:import|from)[ \t]+({'|'.join(MODEL_FRAMEWORKS)})\b"
    rf"|\bbentoml\.({'|'.join(MODEL_FRAMEWORKS)})\.",
    re.MULTILINE,
)


def _frameworks_missing(code: str, listed: set[str]) -> list[str]:
    """The model frameworks a service's code imports or loads through BentoML that none
    of the `listed` packages (normalised names) provides."""
    used = {match.group(1) or match.group(2) for match in FRAMEWORK_USE.finditer(code)}
    return sorted(
        name
        for name in used
        if not any(normalise_package_name(p) in listed for p in MODEL_FRAMEWORKS[name])
    )


# BentoML's build file: its `python: packages:` list is what `bentoml build` installs.
BENTO_FILE = lazy_pattern(r"(?:^|/)bentofile\.ya?ml$")


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


# The files that declare a folder's dependencies besides requirements and conda files.
PROJECT_DECLARATIONS = ("pyproject.toml", "Pipfile", "setup.py", "setup.cfg")
# Where a requirement's name ends: extras, a version, a marker, a URL.
NAME_END = lazy_pattern(r"[\s\[<>=!~;@(]")


@dataclass(frozen=True)
class DependencyFiles:
    """The repository's dependency files, read for which set a program runs with: the
    nearest folder declaring one, and the packages each file names."""

    requirement_files: list[str]
    conda_files: list[str]
    requirements: list[Requirement]
    file_set: frozenset[str]
    load_toml: TomlOf
    load_yaml: YamlOf
    text: TextOf

    @cached_property
    def _folders(self) -> frozenset[str]:
        return frozenset(posixpath.dirname(rel) for rel in self._listed)

    @cached_property
    def _listed(self) -> list[str]:
        return [*self.requirement_files, *self.conda_files]

    def folder_of(self, rel: str) -> str | None:
        """The nearest folder at or above `rel` that declares dependencies: one holding a
        requirements or conda file, a pyproject.toml, Pipfile, setup.py or setup.cfg. A
        program no image installs runs with that folder's set. "" is the root; None when
        no folder up to the root declares any."""
        folder = posixpath.dirname(rel)
        while True:
            if folder in self._folders or any(
                posixpath.join(folder, name) in self.file_set for name in PROJECT_DECLARATIONS
            ):
                return folder
            if not folder:
                return None
            folder = posixpath.dirname(folder)

    def files_in(self, folder: str) -> list[str]:
        """The requirements, conda and pyproject.toml files of one folder."""
        found = [rel for rel in self._listed if posixpath.dirname(rel) == folder]
        pyproject = posixpath.join(folder, "pyproject.toml")
        return [*found, pyproject] if pyproject in self.file_set else found

    def names(self, rel: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        """The packages a dependency file declares, as import names are normalised: a
        requirements file's lines and the files it includes (`-r base.txt`), a conda
        file's packages and pip section, a pyproject.toml's `[project] dependencies` and
        Poetry dependencies, a Pipfile's `[packages]`. Empty for a file whose packages are
        not read (setup.py)."""
        entries: list[str] = []
        included: frozenset[str] = frozenset()
        if rel in self.conda_files:
            environment = conda_environment(self.load_yaml(rel))
            entries = [*environment.conda, *environment.pip]
        elif posixpath.basename(rel) == "pyproject.toml":
            document = self.load_toml(rel) or {}
            listed = table(document, "project").get("dependencies")
            entries = [str(entry) for entry in listed] if isinstance(listed, list) else []
            entries += list(table(document, "tool", "poetry", "dependencies"))
        elif posixpath.basename(rel) == "Pipfile":  # its packages, not its dev-packages
            entries = list(table(self.load_toml(rel) or {}, "packages"))
        elif rel in self.requirement_files:
            entries = [r.name for r in self.requirements if r.path == rel]
            for line in requirement_lines(self.text(rel) or ""):
                child = include_of(line)
                path = posixpath.normpath(posixpath.join(posixpath.dirname(rel), child or ""))
                if child and path not in seen | {rel}:
                    included |= self.names(path, seen | {rel})
        found = {normalise_package_name(NAME_END.split(entry.strip())[0]) for entry in entries}
        return frozenset(found) | included


def missing_training_package(
    installed: str, training: list[str], files: DependencyFiles, syntax_tree: TreeOf
) -> str | None:
    """A package the training code imports that another dependency file of the folder
    training runs with declares and `installed` does not (`wandb` in a pyproject.toml
    beside the requirements.txt a serving image installs): then `installed` is not the set
    training installs. None when there is no such package."""
    have = files.names(installed)
    if not have:
        return None  # a file whose packages are not read (setup.py), or one naming none
    for rel in training:
        folder = files.folder_of(rel)
        if folder is None:
            continue
        others = [other for other in files.files_in(folder) if other != installed]
        declared = frozenset().union(*(files.names(other) for other in others))
        for module in imported_modules(syntax_tree(rel)):
            name = normalise_package_name(module)
            if name in declared and name not in have:
                return module
    return None


def imported_modules(tree: ast.Module | None) -> list[str]:
    """The top-level modules a module imports by absolute name (`import wandb`, `from
    pytorch_lightning import Trainer`), the standard library left out."""
    found: list[str] = []
    for node in walked(tree) if tree is not None else []:
        if isinstance(node, ast.Import):
            found += [alias.name.partition(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.append(node.module.partition(".")[0])
    return [name for name in dict.fromkeys(found) if name not in sys.stdlib_module_names]


def unbuilt_services(
    services: list[str], image_contexts: list[str], covered: tuple[str, ...]
) -> list[str]:
    """The services no serving image is built around (none of `image_contexts`, the root's
    "" holding all, holds them) and no platform serves (`covered`, its folders): each runs
    with the set of the folder it sits in."""
    return [
        rel
        for rel in services
        if not rel.startswith(covered)
        and not any(not context or rel.startswith(f"{context}/") for context in image_contexts)
    ]
