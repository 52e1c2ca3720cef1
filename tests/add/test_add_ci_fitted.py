"""`mlops add ci` in a repo without the pieces the full workflow calls: it runs what the repo has.

Each shape of repo is built bare in a tmp dir; the workflow written there must only call what
exists (make targets of its Makefile, files it names), pass actionlint and zizmor, and leave
`mlops doctor` with nothing to say about CI.
"""

from __future__ import annotations

import itertools
import shlex
from pathlib import Path

import pytest
import yaml

from mlops_scaffold.add import AddRequest, add_components
from mlops_scaffold.ci_fit import CiFit, fit_ci
from mlops_scaffold.components import component_files
from mlops_scaffold.doctor.run import find_findings
from mlops_scaffold.merge import make_targets
from mlops_scaffold.repo.facts import repo_facts
from mlops_scaffold.repo.view import Repo
from tests.add.trees import build_tree, commit_all
from tests.generated.conftest import actionlint, run, validator

CI = ".github/workflows/ci.yml"
RELEASE = ".github/workflows/release.yml"
DEPENDABOT = ".github/dependabot.yml"
TRAIN = "print('train')\n"
# a real test (a placeholder's `assert True` is no suite for the doctor)
TEST = (
    "import json\n\n\ndef test_round_trip() -> None:\n"
    "    assert json.loads(json.dumps({'rows': 3})) == {'rows': 3}\n"
)
UV_PYPROJECT = (
    '[project]\nname = "demo"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n'
    'dependencies = ["scikit-learn"]\n\n[dependency-groups]\ndev = ["pytest>=8"]\n\n'
    '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
)
MAKEFILE = "install:\n\tpip install -r requirements.txt\n\ntest:\n\tpytest -q\n"

REQUIREMENTS_ONLY = {"requirements.txt": "scikit-learn==1.5.0\n", "train.py": TRAIN}
UV_WITH_TESTS = {
    "pyproject.toml": UV_PYPROJECT,
    "uv.lock": "version = 1\n",
    "src/demo/__init__.py": "",
    "tests/test_demo.py": TEST,
}
MAKEFILE_WITH_TESTS = {**REQUIREMENTS_ONLY, "Makefile": MAKEFILE, "tests/test_train.py": TEST}
WITH_DOCKERFILE = {
    **REQUIREMENTS_ONLY,
    "test_train.py": TEST,
    "Dockerfile": 'FROM python:3.12-slim\nCOPY train.py .\nCMD ["python", "train.py"]\n',
    "serve/Dockerfile": "FROM python:3.12-slim\nCOPY app.py .\n",
    "serve/app.py": "print('serve')\n",
}
SHAPES = {
    "requirements-only": REQUIREMENTS_ONLY,
    "uv-with-tests": UV_WITH_TESTS,
    "makefile-with-tests": MAKEFILE_WITH_TESTS,
    "with-dockerfile": WITH_DOCKERFILE,
}


def added(tmp_path: Path, tree: dict[str, str]) -> Path:
    repo = build_tree(tmp_path / "repo", tree)
    commit_all(repo)
    add_components(AddRequest(repo, ("ci",)))
    commit_all(repo, "mlops add ci")
    return repo


def workflow(repo: Path, path: str = CI) -> dict:
    return yaml.safe_load((repo / path).read_text())


def runs(repo: Path) -> list[str]:
    """Every `run:` command of the CI workflow, a line each."""
    return [
        line.strip()
        for job in workflow(repo)["jobs"].values()
        for step in job["steps"]
        for line in step.get("run", "").splitlines()
        if line.strip()
    ]


def missing_references(repo: Path) -> list[str]:
    """What the run commands call that the repo does not have: make targets, named files."""
    makefile = repo / "Makefile"
    targets = make_targets(makefile.read_bytes()) if makefile.is_file() else set()
    missing = []
    for command in runs(repo):
        words = shlex.split(command)
        if words[0] == "make":
            missing += [f"make {word}" for word in words[1:] if word not in targets]
        for flag, value in itertools.pairwise(words):
            if flag in ("-r", "--file") and not (repo / value).exists():
                missing.append(value)
        if words[:2] == ["uv", "sync"] and not (repo / "uv.lock").is_file():
            missing.append("uv.lock")
        if words[:2] == ["docker", "build"] and not (repo / words[-1]).is_dir():
            missing.append(f"context {words[-1]}")
    return missing


def ci_findings(repo: Path) -> list[str]:
    ids = ("CI001", "CI002", "CI003")
    return sorted(f"{f.id} {f.message}" for f in find_findings(repo).findings if f.id in ids)


@pytest.mark.parametrize("shape", SHAPES)
def test_the_workflow_calls_only_what_the_repo_has(tmp_path: Path, shape: str) -> None:
    repo = added(tmp_path, SHAPES[shape])
    assert missing_references(repo) == []
    assert not (repo / RELEASE).exists()  # no image of the template's to push
    assert ci_findings(repo) == []


@pytest.mark.parametrize("shape", SHAPES)
def test_the_fitted_workflows_pass_actionlint_zizmor_and_the_schemas(
    tmp_path: Path, shape: str
) -> None:
    repo = added(tmp_path, SHAPES[shape])
    linted = run([*actionlint(), CI], cwd=repo)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    audited = run([validator("zizmor"), "--offline", "."], cwd=repo)
    assert audited.returncode == 0, audited.stdout + audited.stderr
    schema = [validator("check-jsonschema"), "--builtin-schema", "vendor.dependabot", DEPENDABOT]
    checked = run(schema, cwd=repo)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_repo_without_tests_gets_lint_and_no_test_job(tmp_path: Path) -> None:
    repo = added(tmp_path, REQUIREMENTS_ONLY)
    assert list(workflow(repo)["jobs"]) == ["lint"]
    assert runs(repo) == ["pipx run --spec ruff==0.17.6 ruff check ."]
    updates = workflow(repo, DEPENDABOT)["updates"]
    assert [(u["package-ecosystem"], u["directory"]) for u in updates] == [
        ("pip", "/"),
        ("github-actions", "/"),
    ]


def test_plan_says_what_the_workflow_runs_instead_of_what_it_needs(tmp_path: Path) -> None:
    repo = build_tree(tmp_path, REQUIREMENTS_ONLY)
    plan = add_components(AddRequest(repo, ("ci",)), dry_run=True)
    assert "ci" not in plan.missing_needs
    assert any(note.startswith("ci fitted to what the repo has") for note in plan.notes)


def test_a_uv_project_syncs_its_lock_and_runs_pytest_through_uv(tmp_path: Path) -> None:
    repo = added(tmp_path, UV_WITH_TESTS)
    assert runs(repo)[-3:] == [
        "pipx install uv==0.13.9",
        "uv sync --locked --python 3.12",
        "uv run --locked python -m pytest",  # pytest is in its dev group: not added
    ]
    assert workflow(repo)["jobs"]["test"]["name"] == "Tests (Python 3.12)"
    assert workflow(repo, DEPENDABOT)["updates"][0]["package-ecosystem"] == "uv"


def test_the_repo_makefile_targets_run_after_its_install_target(tmp_path: Path) -> None:
    repo = added(tmp_path, MAKEFILE_WITH_TESTS)
    steps = workflow(repo)["jobs"]["test"]["steps"]
    assert [step["run"] for step in steps if "run" in step] == ["make install", "make test"]
    assert workflow(repo)["jobs"]["lint"]["name"] == "Lint (ruff)"  # it has no lint target


def test_pytest_is_installed_pinned_where_the_repo_does_not_declare_it(tmp_path: Path) -> None:
    repo = added(tmp_path, WITH_DOCKERFILE)
    assert runs(repo)[1:4] == [
        "python -m pip install -r requirements.txt",
        "python -m pip install pytest==9.2.0",
        "python -m pytest",
    ]


def test_the_repo_dockerfiles_are_built_each_in_its_context(tmp_path: Path) -> None:
    repo = added(tmp_path, WITH_DOCKERFILE)
    built = [command for command in runs(repo) if command.startswith("docker")]
    assert built == [
        "docker build --file Dockerfile .",
        "docker build --file serve/Dockerfile serve",  # it copies app.py from beside it
    ]
    updates = workflow(repo, DEPENDABOT)["updates"]
    docker = [u["directory"] for u in updates if u["package-ecosystem"] == "docker"]
    assert docker == ["/", "/serve"]


def test_the_workflow_runs_on_pushes_to_the_default_branch(tmp_path: Path) -> None:
    repo = build_tree(tmp_path / "repo", REQUIREMENTS_ONLY)
    commit_all(repo)  # on main
    (repo / ".git/refs/remotes/origin").mkdir(parents=True)
    (repo / ".git/refs/remotes/origin/HEAD").write_text("ref: refs/remotes/origin/trunk\n")
    add_components(AddRequest(repo, ("ci",)))
    assert workflow(repo)[True]["push"]["branches"] == ["trunk"]


def test_a_conda_repo_installs_its_environment_into_the_runner_miniconda(tmp_path: Path) -> None:
    tree = {
        "environment.yml": "name: demo\ndependencies:\n  - python=3.11\n  - pytest\n",
        "tests/test_demo.py": TEST,
    }
    repo = added(tmp_path, tree)
    assert runs(repo)[1:] == [
        '"${CONDA}/bin/conda" env update --quiet --file environment.yml --name base',
        '"${CONDA}/bin/python" -m pytest',
    ]
    assert missing_references(repo) == []
    assert ci_findings(repo) == []


def test_with_every_piece_in_place_the_workflow_is_the_full_one(tmp_path: Path) -> None:
    repo = Repo.open(build_tree(tmp_path, REQUIREMENTS_ONLY))
    in_place = {"ci", "makefile", "lock", "docker", "dvc"}
    assert fit_ci(repo, repo_facts(repo), in_place, set()) == CiFit()
    files = component_files({"project_name": "demo"}, ["ci"])
    assert set(files) == {CI, RELEASE, DEPENDABOT}
    assert b"      - run: make setup\n      - run: make test\n" in files[CI][1]


def test_adding_the_pieces_later_brings_the_full_workflow(tmp_path: Path) -> None:
    repo = added(tmp_path, MAKEFILE_WITH_TESTS)
    assert "ci_form: fitted" in (repo / ".mlops.yml").read_text()
    fit = fit_ci(
        Repo.open(repo),
        repo_facts(Repo.open(repo)),
        {"ci", "makefile", "lock", "docker", "dvc"},
        {"ci"},
    )
    assert fit.answers == {}
