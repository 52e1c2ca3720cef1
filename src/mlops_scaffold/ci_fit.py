"""The CI workflow `mlops add ci` writes where the full one would not run: what the repo has.

The full workflow calls `make setup`, `make test`, `make train` and `make docker-build`,
installs the hash-locked requirements, builds and load-tests the template's images: it needs
the makefile, lock, docker and dvc components (`mlops add ci --with-deps`). Added without
them, the workflow is fitted to the repository (the `ci_*` answers of copier.yml, rendered
by templates/project/includes/ci_fitted.yml.jinja) by the rules a careful engineer follows:

- install: the lock's hash-locked `requirements/dev.txt` where `lock` is in place (and the
  package, without its dependencies); else `uv sync --locked` beside a uv.lock; `poetry
  install` in a Poetry project; a conda environment file into the runner's Miniconda; else
  pip: `requirements.txt` and the root requirements files named for dev or tests, and the
  package itself (with its dev/test extras) where its packaging builds it;
- a Makefile target runs where the repo's own Makefile has it, after its `setup` or
  `install` target when it has one; the template's Makefile counts where the lock its
  `make setup` installs is in place;
- lint: `make lint`, else ruff, pinned, run by pipx (nothing to install);
- tests: `make test`, else pytest, only where the repo has tests (no job where it has none:
  a green test job that tests nothing is a lie); pytest is installed, pinned, where the
  repo does not declare it;
- pipeline: `make train` where the template's Makefile, lock and dvc are in place (the
  repo's own training may need data CI cannot reach: it is not run);
- images: the repo's own Dockerfiles are built, never pushed (no release workflow);
- Dependabot: pip or uv where the dependency files are, docker where the Dockerfiles are.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any

from mlops_scaffold import merge, vcs
from mlops_scaffold.errors import MlopsError
from mlops_scaffold.repo.dependencies import CONDA_FILES, PACKAGING_FILES
from mlops_scaffold.repo.facts import RepoFacts
from mlops_scaffold.repo.parsers import Dockerfile, table
from mlops_scaffold.repo.view import Repo
from mlops_scaffold.template import template_dir

FULL_NEEDS = frozenset({"makefile", "lock", "docker", "dvc"})
"""What the full workflow calls: with all of them in place, it is the one written."""
CI_ANSWERS = (
    "ci_form",
    "ci_branch",
    "ci_install",
    "ci_install_args",
    "ci_make_setup",
    "ci_lint",
    "ci_tests",
    "ci_add_pytest",
    "ci_train",
    "ci_images",
    "ci_dependabot",
)
"""The template's answers that describe the repo to its fitted workflow."""
TEMPLATE_DOCKERFILES = ("docker/train.Dockerfile", "docker/serve.Dockerfile")
TEST_FILE = re.compile(r"(?:^|/)(?:test_[^/]*|[^/]*_test)\.py$")
DEV_REQUIREMENTS = re.compile(
    r"(?i)^(?:requirements[-_.]?(?:dev|test|tests|testing|ci)|(?:dev|test|tests|testing|ci)"
    r"[-_.]?requirements)\.txt$"
)
FOLDER_REQUIREMENTS = ("requirements/dev.txt", "requirements/test.txt", "requirements/tests.txt")
TEST_EXTRAS = ("dev", "test", "tests", "testing")
# `pytest` as a requirement (`pytest>=8`, `"pytest"`, `- pytest`), not pytest-cov nor tool.pytest.
PYTEST_REQUIREMENT = re.compile(r"""(?im)(?:^|["'\s,\[])pytest\s*(?:[<>=!~;\[,"']|$)""")
PLAIN_PATH = re.compile(r"^[\w./-]+$")  # written into the workflow as they are: no quoting


@dataclass(frozen=True)
class CiFit:
    """The answers of a fitted workflow ({} for the full one), and what the plan says of it."""

    answers: dict[str, Any] = field(default_factory=dict)
    note: str | None = None


def fit_ci(repo: Repo, facts: RepoFacts, in_place: Set[str], recorded: Set[str]) -> CiFit:
    """The workflow for a repo with the components `in_place` (recorded or added in this run;
    `recorded` those an earlier run added)."""
    if in_place >= FULL_NEEDS:
        return CiFit()
    targets = _usable_targets(repo, in_place, recorded)
    has_tests = bool({"tests", "serve"} & in_place) or any(map(TEST_FILE.search, repo.files))
    install, args = _install(repo, facts, in_place)
    tests = "none" if not has_tests else "make" if "test" in targets else "pytest"
    lint = "make" if "lint" in targets else "ruff"
    setup = next((name for name in ("setup", "install") if name in targets), "")
    images = _images(repo, in_place)
    answers: dict[str, Any] = {
        "ci_form": "fitted",
        "ci_branch": _default_branch(repo),
        "ci_install": install,
        "ci_install_args": args,
        "ci_make_setup": setup,
        "ci_lint": lint,
        "ci_tests": tests,
        "ci_add_pytest": tests == "pytest" and not _declares_pytest(repo, install, args, recorded),
        "ci_train": "train" in targets,
        "ci_images": " ".join(f"{path}:{context}" for path, context in images),
        "ci_dependabot": " ".join(_dependabot(repo, install, in_place, images)),
    }
    return CiFit(answers, _note(answers))


def _note(answers: dict[str, Any]) -> str:
    """What the fitted workflow runs, for the plan."""
    install = answers["ci_install"]
    how = f"pip install {answers['ci_install_args']}" if install == "pip" else install
    if answers["ci_make_setup"]:
        how = f"`make {answers['ci_make_setup']}`"
    tests = answers["ci_tests"]
    installs = tests != "none" or answers["ci_lint"] == "make" or answers["ci_train"]
    runs = [f"installs with {how}"] if installs and install != "none" else []
    runs.append("lints with `make lint`" if answers["ci_lint"] == "make" else "lints with ruff")
    runs.append(
        "runs no tests (the repo has none yet: no test job)"
        if tests == "none"
        else f"tests with `{'make test' if tests == 'make' else 'python -m pytest'}`"
    )
    if answers["ci_train"]:
        runs.append("re-runs the DVC pipeline")
    if answers["ci_images"]:
        built = (image.rsplit(":", 1)[0] for image in answers["ci_images"].split())
        runs.append("builds " + ", ".join(built))
    return (
        "ci fitted to what the repo has: the workflow " + ", ".join(runs) + "; "
        "`mlops add ci --with-deps` brings the makefile, lock, docker and dvc it lacks and the "
        "full workflow (pipeline, both images, load test, release)"
    )


def _usable_targets(repo: Repo, in_place: Set[str], recorded: Set[str]) -> set[str]:
    """The Makefile targets the workflow may call: the repo's own, and the template's where
    what they run is in place (`make setup` installs the lock, `make train` runs dvc.yaml)."""
    text = next((blob for name in merge.MAKEFILES if (blob := _bytes(repo, name))), None)
    own = merge.make_targets(text) if text is not None else set()
    ours = _template_targets()
    if "makefile" in recorded:  # the targets an earlier `add makefile` appended are judged below
        own -= ours
    # the repo's own training may need data or machines CI has not got: not run
    usable = own - {"train"}
    if {"makefile", "lock"} <= in_place:
        usable |= {"setup", "test"}
        if "dvc" in in_place and "train" not in own:
            usable.add("train")
    return usable


def _template_targets() -> set[str]:
    makefile = template_dir() / "template" / "Makefile.jinja"
    return merge.make_targets(makefile.read_bytes())


def _install(repo: Repo, facts: RepoFacts, in_place: Set[str]) -> tuple[str, str]:
    """How the workflow installs the repo's dependencies, and the install step's arguments."""
    files = repo.file_set
    package = _package(repo, facts)
    if "lock" in in_place:
        return "lock", "-e ." if package else ""
    if facts.dependency_tool == "uv" and "uv.lock" in files:
        return "uv", ""
    if facts.dependency_tool == "poetry":
        return "poetry", ""
    conda = next((name for name in CONDA_FILES if name in files), None)
    if facts.dependency_tool == "conda" and conda:
        return "conda", conda
    requirements = _requirement_files(repo)
    args = [f"-r {name}" for name in requirements]
    if package:
        extras = [name for name in table(repo.pyproject, "project", "optional-dependencies")
                  if name in TEST_EXTRAS]  # fmt: skip
        args.append(f'-e ".[{",".join(extras)}]"' if extras else "-e .")
    return ("pip", " ".join(args)) if args else ("none", "")


def _package(repo: Repo, facts: RepoFacts) -> bool:
    """Whether `pip install -e .` installs the repo's package: packaging files, a package
    folder, and nothing in the packaging that says no wheel holds it."""
    packaged = any(name in repo.file_set for name in PACKAGING_FILES)
    return packaged and facts.package_exists and facts.not_in_a_wheel is None


def _requirement_files(repo: Repo) -> list[str]:
    """`requirements.txt`, the root requirements files for dev or tests, else the dev or test
    ones of a requirements/ folder (each usually `-r` includes the base set)."""
    root = sorted(name for name in repo.file_set if DEV_REQUIREMENTS.match(name))
    base = ["requirements.txt"] if "requirements.txt" in repo.file_set else []
    folder = [name for name in FOLDER_REQUIREMENTS if name in repo.file_set][:1]
    return [*base, *root] if base or root else folder


def _declares_pytest(repo: Repo, install: str, args: str, recorded: Set[str]) -> bool:
    """Whether the install step installs pytest: the files it installs from name it (the
    lock's dev set has it where ci is added with the lock: mlops_scaffold.lock_needs)."""
    if install == "lock":
        return "lock" not in recorded or _names_pytest(_text(repo, "requirements/dev.txt"))
    installs_pyproject = install in ("uv", "poetry") or "-e " in args
    if installs_pyproject and _names_pytest(_text(repo, "pyproject.toml")):
        return True
    sources = shlex.split(args)
    return any(_names_pytest(_text(repo, name)) for name in sources if name in repo.file_set)


def _names_pytest(text: str) -> bool:
    return bool(PYTEST_REQUIREMENT.search(text))


def _images(repo: Repo, in_place: Set[str]) -> list[tuple[str, str]]:
    """The repo's own Dockerfiles (not the docker component's) and the context each builds in."""
    ours = TEMPLATE_DOCKERFILES if "docker" in in_place else ()
    return [
        (dockerfile.path, _context(repo, dockerfile))
        for dockerfile in repo.dockerfiles
        if dockerfile.path not in ours and PLAIN_PATH.match(dockerfile.path)
    ]


def _context(repo: Repo, dockerfile: Dockerfile) -> str:
    """The root, unless what the Dockerfile copies is found beside it and not at the root."""
    folder = posixpath.dirname(dockerfile.path)
    if not folder or not PLAIN_PATH.match(folder):
        return "."
    sources = [
        source.rstrip("/")
        for instruction in dockerfile.instructions
        for source in instruction.copied_sources
        if source.strip("./") and "$" not in source and "://" not in source
    ]
    if (
        sources
        and all(_exists(repo, f"{folder}/{s}") for s in sources)
        and not all(_exists(repo, s) for s in sources)
    ):
        return folder
    return "."


def _exists(repo: Repo, path: str) -> bool:
    """A file or folder of the repo (up to the first glob character)."""
    path = posixpath.normpath(re.split(r"[*?\[]", path, maxsplit=1)[0].rstrip("/"))
    return path in repo.file_set or any(rel.startswith(f"{path}/") for rel in repo.files)


def _dependabot(
    repo: Repo, install: str, in_place: Set[str], images: list[tuple[str, str]]
) -> list[str]:
    """ECOSYSTEM:DIRECTORY for each place Dependabot can move pins forward."""
    files = repo.file_set
    found: list[str] = []
    if install == "uv":
        found.append("uv:/")
    elif any(name in files for name in PACKAGING_FILES) or any(
        "/" not in name and name.endswith(".txt") and "requirements" in name.lower()
        for name in files
    ):
        found.append("pip:/")
    if "lock" in in_place or any(
        name.startswith("requirements/") and name.endswith(".txt") for name in files
    ):
        found.append("pip:/requirements")
    folders = [posixpath.dirname(path) for path, _context in images]
    if "docker" in in_place:
        folders.append("docker")
    found.extend(f"docker:/{folder}" for folder in dict.fromkeys(folders))
    return found


def _default_branch(repo: Repo) -> str:
    """The branch pushes to which run CI: origin's default, else main or master if checked
    out (a feature branch is not where pushes go), else main."""
    origin = _git_ref(repo, "refs/remotes/origin/HEAD").removeprefix("origin/")
    if origin:
        return origin
    checked_out = _git_ref(repo, "HEAD")
    return checked_out if checked_out in ("main", "master") else "main"


def _git_ref(repo: Repo, ref: str) -> str:
    """The short name a symbolic ref points to ("" when none, or not plain)."""
    try:
        name = vcs.git_text(repo.root, "symbolic-ref", "--quiet", "--short", ref).strip()
    except MlopsError:
        return ""
    return name if PLAIN_PATH.match(name) else ""


def _bytes(repo: Repo, rel: str) -> bytes | None:
    text = repo.text(rel) if rel in repo.file_set else None
    return text.encode() if text is not None else None


def _text(repo: Repo, rel: str) -> str:
    return (repo.text(rel) if rel in repo.file_set else None) or ""
