"""What each component of the template brings to a repo, and the record of what a repo has.

A component is a subset of the files the full template renders, plus the safe
additive edits it may make to files a repo already has. The template stays the one
source of the files: `mlops add` renders it whole and keeps only a component's part.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import posixpath
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from mlops_scaffold.errors import MlopsError, UsageError
from mlops_scaffold.template import read_yaml_mapping
from mlops_scaffold.versions import SUPPORTED_PYTHONS

RECORD_FILE = ".mlops.yml"
"""Where `mlops add` and `mlops update` record answers, components and the pristine base."""


class SafeEdit(str, Enum):
    """An additive edit to a file that already exists: nothing of it is removed or rewritten."""

    LINES = "lines"  # append the missing lines (.gitignore, .dockerignore)
    TARGETS = "targets"  # add the missing Makefile targets and variables
    JOBS = "jobs"  # add the missing jobs to a GitHub Actions workflow


@dataclass(frozen=True)
class Component:
    """One piece of the catalogue that `mlops add NAME` brings into a repo."""

    name: str
    summary: str
    files: tuple[str, ...]
    """Glob patterns over the rendered project; `{pkg}` is the package folder."""
    edits: Mapping[str, SafeEdit] = field(default_factory=dict)
    """Existing files this component may extend additively instead of skipping."""
    data: Mapping[str, str] = field(default_factory=dict)
    """Answers the template needs for this component to be rendered at all."""
    needs: tuple[str, ...] = ()
    """Other components whose files this one's files use (the plan says so when absent)."""

    def patterns(self, package: str) -> list[str]:
        """The component's glob patterns with the package name filled in."""
        return [pattern.replace("{pkg}", package) for pattern in (*self.files, *self.edits)]

    def owns(self, rendered_path: str, package: str) -> bool:
        """Whether a path of the rendered project belongs to this component."""
        return any(_matches(rendered_path, pattern) for pattern in self.patterns(package))

    def edit_for(self, rendered_path: str) -> SafeEdit | None:
        """The additive edit allowed on this path when the repo already has it."""
        return self.edits.get(rendered_path)


SHARED_FIXTURES = "tests/conftest.py"  # params and the pipeline run, for model and service tests
_PACKAGE_INIT = "src/{pkg}/__init__.py"  # a module folder needs its package to be importable
_MODEL_SETTINGS = ("src/{pkg}/config.py", "src/{pkg}/features.py")  # params and feature list
# The modules the dvc.yaml stages run: the place to plug a repo's own model code in.
_PIPELINE = tuple(
    f"src/{{pkg}}/{name}.py" for name in ("data", "train", "evaluate", "artifact", "pipeline")
)

COMPONENTS: dict[str, Component] = {
    component.name: component
    for component in (
        Component(
            "ci",
            "GitHub Actions: lint, tests, pipeline, images and release (in a repo without the "
            "pieces they call, what it has of them); Dependabot",
            (".github/workflows/ci.yml", ".github/workflows/release.yml", ".github/dependabot.yml"),
            {
                ".github/workflows/ci.yml": SafeEdit.JOBS,
                ".github/workflows/release.yml": SafeEdit.JOBS,
            },
            # the full workflow calls make setup/test/train; without them, ci_fit fits it
            needs=("makefile", "lock", "docker", "dvc"),
        ),
        Component(
            "docker",
            "separate train and serve images (pinned base, non-root) and a .dockerignore",
            ("docker/train.Dockerfile", "docker/serve.Dockerfile"),
            {".dockerignore": SafeEdit.LINES},
            # the images install requirements/*.txt, run the pipeline and serve the service
            needs=("lock", "dvc", "serve"),
        ),
        Component(
            "dvc",
            "DVC initialised, a dvc.yaml pipeline skeleton (and the modules it runs), params.yaml",
            ("dvc.yaml", "params.yaml", ".dvc/config", _PACKAGE_INIT, *_MODEL_SETTINGS, *_PIPELINE),
            {
                ".dvc/.gitignore": SafeEdit.LINES,
                ".dvcignore": SafeEdit.LINES,
                ".gitignore": SafeEdit.LINES,
            },
        ),
        Component(
            "serve",
            "a FastAPI service (health, readiness, typed predict) and its contract tests",
            # the service reads the feature list and params from the package's own modules
            (
                _PACKAGE_INIT,
                *_MODEL_SETTINGS,
                "src/{pkg}/serve/**",
                "tests/service/**",
                SHARED_FIXTURES,
                "load/**",
            ),
            # it serves the pipeline's model; tests/service/test_drift.py runs the drift report
            needs=("dvc", "lock", "monitoring"),
        ),
        Component(
            "tests",
            "pytest layout split by what it tests: unit, data and model tests",
            ("tests/unit/**", "tests/data/**", "tests/model/**", SHARED_FIXTURES),
            needs=("dvc",),  # the tests run the pipeline modules
        ),
        Component(
            "lock",
            "separate train and serve requirements, fully pinned with hashes",
            ("requirements/*.in", "requirements/*.txt"),
        ),
        Component(
            "precommit",
            "pre-commit hooks: ruff, YAML/TOML/JSON checks, large files, private keys; in a repo "
            "mlops did not make, notebook output stripping too, each hook installing its tool",
            (".pre-commit-config.yaml",),
        ),
        Component(
            "k8s",
            "Kubernetes manifests (kustomize) for the serving image",
            ("deploy/k8s/**",),
            data={"deployment": "kubernetes"},
            needs=("docker",),
        ),
        Component(
            "makefile",
            "a Makefile with one command per step: setup, lint, test, train, serve",
            (),
            {"Makefile": SafeEdit.TARGETS},
            needs=("lock",),  # `make setup` (and so lint and test) installs requirements/dev.txt
        ),
        Component(
            "monitoring",
            "structured prediction logs, Prometheus metrics and a drift report",
            (_PACKAGE_INIT, "src/{pkg}/monitoring/**", "tests/service/test_drift.py"),
            needs=("serve",),  # the drift report reads the service's prediction log
        ),
        Component(
            "docs",
            "a model card: intended use, data, metrics, limits",
            ("docs/model_card.md",),
        ),
    )
}


class UnknownComponentError(UsageError):
    """A component name that the catalogue does not have."""


def with_needs(names: Iterable[str]) -> tuple[str, ...]:
    """The named components followed by every component they need, directly or not."""
    chosen = list(dict.fromkeys(names))
    for name in chosen:  # grows while it is walked: each need's own needs come after it
        chosen.extend(need for need in get_component(name).needs if need not in chosen)
    return tuple(chosen)


def get_component(name: str) -> Component:
    """The component called `name`, or a usage error listing the real names."""
    try:
        return COMPONENTS[name]
    except KeyError:
        raise UnknownComponentError(
            f"unknown component {name!r}",
            hint="components: " + ", ".join(COMPONENTS) + " (see: mlops add --list)",
        ) from None


@dataclass(frozen=True)
class ResolvedCheck:
    """A doctor check that a component makes pass."""

    id: str
    title: str


def checks_resolved(name: str) -> list[ResolvedCheck]:
    """The doctor checks that adding this component makes pass (the catalogue's `fixed_by`)."""
    from mlops_scaffold.catalogue import practices_fixed_by

    return [ResolvedCheck(practice.id, practice.title) for practice in practices_fixed_by(name)]


def _matches(path: str, pattern: str) -> bool:
    if pattern.endswith("/**"):
        return path.startswith(pattern[:-2])
    return fnmatch.fnmatchcase(path, pattern) and path.count("/") == pattern.count("/")


# -- rendering ----------------------------------------------------------------------------


def render_files(data: Mapping[str, Any]) -> dict[str, bytes]:
    """Every file the installed template renders for these answers, by path."""
    from mlops_scaffold.template import render_project

    with tempfile.TemporaryDirectory(prefix="mlops-render-") as scratch:
        dest = Path(scratch) / "project"
        render_project(dest, data)
        return {
            path.relative_to(dest).as_posix(): path.read_bytes()
            for path in sorted(dest.rglob("*"))
            if path.is_file() and ".git" not in path.relative_to(dest).parts
        }


TESTS_NAMESPACE = "tests/mlops"
"""Where the added tests go in a repo with a conftest.py of its own: a package of their own,
with their fixtures in its conftest, so neither fixture nor module names collide."""
_ROOT_OF_TESTS = b"Path(__file__).resolve().parent.parent"


def namespaced(files: dict[str, tuple[Component, bytes]]) -> dict[str, tuple[Component, bytes]]:
    """The added tests moved under `TESTS_NAMESPACE`, each folder a package (`__init__.py`)."""
    moved: dict[str, tuple[Component, bytes]] = {}
    for path, (component, blob) in files.items():
        if not path.startswith("tests/"):
            moved[path] = (component, blob)
            continue
        if path == SHARED_FIXTURES:  # one folder deeper: the project root is one more up
            blob = blob.replace(_ROOT_OF_TESTS, b"Path(__file__).resolve().parents[2]")
        target = f"{TESTS_NAMESPACE}/{path.removeprefix('tests/')}"
        moved[target] = (component, blob)
        folder = target.rsplit("/", 1)[0]
        while folder != "tests":
            moved.setdefault(f"{folder}/__init__.py", (component, b""))
            folder = folder.rsplit("/", 1)[0]
    return moved


def component_files(
    answers: Mapping[str, Any],
    names: Iterable[str],
    package_dir: str | None = None,
    tests_dir: str = "tests",
) -> dict[str, tuple[Component, bytes]]:
    """What the named components bring, by path in the repo, rendered for `answers`.

    Components that need other answers (k8s: deployment=kubernetes) get their own
    render. `package_dir` moves `src/PKG/...` to where the repo keeps its package;
    `tests_dir` = `TESTS_NAMESPACE` moves the tests there.
    """
    package = str(answers.get("package_name", ""))
    renders: dict[tuple[tuple[str, str], ...], dict[str, bytes]] = {}
    chosen: dict[str, tuple[Component, bytes]] = {}
    for component in map(get_component, names):
        key = tuple(sorted(component.data.items()))
        if key not in renders:
            renders[key] = render_files({**answers, **component.data})
        for path, blob in renders[key].items():
            if component.owns(path, package):
                relocated = relocate_package(blob, package, package_dir)
                chosen.setdefault(repo_path(path, package, package_dir), (component, relocated))
    return namespaced(chosen) if tests_dir == TESTS_NAMESPACE else chosen


def minimal_pyproject(answers: Mapping[str, Any], package_dir: str) -> bytes:
    """A pyproject.toml that only makes `package_dir` installable, for a repo that has none.

    The pipeline, the service, the tests and the images import the package, and the images
    and `make setup` install it with `pip install .`; the dependencies stay in requirements/.
    No tool settings: the repo's own ways of running pytest or ruff are left as they are.
    """
    name = str(answers.get("distribution_name") or answers.get("package_name", "project"))
    # the Python the lock and the images are fitted to: never one past its end of life by default
    python = str(
        answers.get("lock_python") or answers.get("python_version") or SUPPORTED_PYTHONS[0]
    )
    return (
        "# Written by `mlops add`, because the repo had none: it makes the package installable\n"
        "# (`pip install -e .`) for the pipeline, the service, the tests and the images.\n"
        '[build-system]\nrequires = ["hatchling>=1.25"]\nbuild-backend = "hatchling.build"\n\n'
        f'[project]\nname = {json.dumps(name)}\nversion = "0.1.0"\n'
        f'requires-python = ">={python}"\n'
        "# Installed from the hash-locked files in requirements/ (`mlops add lock`).\n"
        "dependencies = []\n\n"
        f"[tool.hatch.build.targets.wheel]\npackages = [{json.dumps(package_dir)}]\n"
    ).encode()


def relocate_package(blob: bytes, package: str, package_dir: str | None) -> bytes:
    """A rendered file's references to `src/PKG` (dvc.yaml deps, Dockerfile COPY) made to
    point at `package_dir` instead, so a flat repo's images and pipeline find its package."""
    if not package_dir or package_dir == f"src/{package}":
        return blob
    moved = blob.replace(f"src/{package}/".encode(), f"{package_dir}/".encode())
    parent = posixpath.dirname(package_dir)
    moved = moved.replace(b"PYTHONPATH=/app/src", f"PYTHONPATH=/app/{parent}".rstrip("/").encode())
    return moved.replace(b"COPY src/ src/", f"COPY {package_dir}/ {package_dir}/".encode())


def repo_path(rendered: str, package: str, package_dir: str | None) -> str:
    """Where a rendered path goes in a repo whose package lives at `package_dir`."""
    prefix = f"src/{package}/"
    if package_dir and rendered.startswith(prefix):
        return f"{package_dir}/{rendered[len(prefix) :]}"
    return rendered


# -- the record ---------------------------------------------------------------------------


class RecordError(MlopsError):
    """The repo's .mlops.yml cannot be read."""


@dataclass
class Record:
    """What mlops-scaffold did to a repo, kept in `.mlops.yml` at its root.

    `answers` holds the template answers for repos that have no `.copier-answers.yml`
    (repos `mlops new` did not make), and in those it made, the answers `mlops add --data`
    changed; `components` the names `mlops add` brought;
    `pristine` the git commit holding what mlops last rendered here, the base of the
    next three-way merge (`mlops update`); and `generated` the SHA-256 of each file mlops
    wrote from the repo's own declarations (the fitted `requirements/*.in` and their locks),
    which the pristine render cannot hold: a file still as mlops wrote it is mlops's to redo.
    """

    answers: dict[str, Any] = field(default_factory=dict)
    components: list[str] = field(default_factory=list)
    pristine: str | None = None
    generated: dict[str, str] = field(default_factory=dict)

    def to_yaml(self) -> str:
        """The record as the commented YAML file users see in their repo."""
        body: dict[str, Any] = {}
        if self.answers:
            body["answers"] = dict(sorted(self.answers.items()))
        body["components"] = sorted(set(self.components))
        if self.pristine:
            body["pristine"] = self.pristine
        if self.generated:
            body["generated"] = dict(sorted(self.generated.items()))
        return (
            "# Written by mlops-scaffold (`mlops add`, `mlops update`): commit it.\n"
            "# `pristine` is the commit on refs/mlops/pristine holding what mlops last rendered\n"
            "# here; `mlops update` merges template changes against it.\n"
            + yaml.safe_dump(body, sort_keys=False, allow_unicode=True)
        )


def read_record(root: Path) -> Record:
    """The record in `root/.mlops.yml`, or an empty one when the file is absent."""
    path = root / RECORD_FILE
    if not path.is_file():
        return Record()
    loaded = read_yaml_mapping(path, RecordError)
    answers, components = loaded.get("answers") or {}, loaded.get("components") or []
    pristine, generated = loaded.get("pristine"), loaded.get("generated") or {}
    if not isinstance(answers, dict):
        raise RecordError(f"{path}: `answers` must be a mapping of question: answer")
    if not isinstance(components, list):
        raise RecordError(f"{path}: `components` must be a list of component names")
    if pristine is not None and not isinstance(pristine, str):
        raise RecordError(f"{path}: `pristine` must be a git commit hash")
    if not isinstance(generated, dict) or not all(
        isinstance(value, str) for value in generated.values()
    ):
        raise RecordError(f"{path}: `generated` must be a mapping of file: SHA-256")
    names = [str(name) for name in components]
    return Record(dict(answers), names, pristine, {str(k): v for k, v in generated.items()})


def digest(blob: bytes) -> str:
    """How `Record.generated` names a file's content."""
    return hashlib.sha256(blob).hexdigest()
