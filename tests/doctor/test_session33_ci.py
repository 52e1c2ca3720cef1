"""Session 33: one reader of `docker build` commands; the command graph follows a script's
`case` dispatch and its functions' arguments, what CI builds and runs in a container, and
a Jenkins `dir()` block to its folder's tox.ini (CI002, CI003); a runner given only what
the repository lacks checks nothing; a monorepo's root task runner counts for its projects
(DOCS003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.repo.parsers import DockerBuild, docker_builds
from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, TEST
from tests.doctor.helpers import Tree, audit, committed_status


def _passes(root: Path, tree: Tree, check_id: str) -> bool:
    return committed_status(root, tree, check_id) == "passed"


# -- one reader of `docker build` ---------------------------------------------------------


def test_a_docker_build_is_read_with_its_file_target_tags_and_context() -> None:
    text = "docker buildx build -f docker/Dockerfile --target test -t api:dev -t api ./svc\n"
    assert docker_builds(text) == [
        DockerBuild("./svc", "docker/Dockerfile", "test", ("api:dev", "api"))
    ]


def test_a_docker_build_continued_over_lines_with_make_variables_is_one_command() -> None:
    text = (
        "build:\n\t@$(DOCKER) build \\\n\t\t-t $(IMAGE):$$(git rev-parse HEAD) \\\n\t\tapps/api\n"
    )
    (build,) = docker_builds(text)
    assert build.tags == ("$(IMAGE):$$(git rev-parse HEAD)",)
    assert build.dockerfile == "apps/api/Dockerfile"


def test_the_context_is_no_option_value() -> None:
    (build,) = docker_builds("docker build -f docker/Dockerfile . -t app --build-arg A=1\n")
    assert (build.context, build.tags) == (".", ("app",))


def test_a_docker_build_ends_at_the_shell_command_and_a_comment_is_marked() -> None:
    text = "docker build -t app . && docker run app\n# docker build -t old ./legacy\n"
    first, second = docker_builds(text)
    assert (first.context, first.commented) == (".", False)
    assert (second.context, second.commented) == ("./legacy", True)


def test_other_docker_commands_are_no_builds() -> None:
    assert docker_builds("docker run -t app .\ndocker compose build\n") == []


# The image's Dockerfile kept in a folder of Dockerfiles, copying its whole context.
NAMED_DOCKERFILE = {
    **PACKAGE,
    "containers/app_Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "-m", "demo"]\n',
    "data/train.csv": "x,y\n1,2\n",
    ".dockerignore": "models\n",
}


@pytest.mark.parametrize(
    ("command", "leaks"),
    [
        ("docker build -f containers/app_Dockerfile . -t app", True),
        ("docker build -t app -f containers/app_Dockerfile containers", False),
    ],
)
def test_a_tag_after_the_context_is_no_context(tmp_path: Path, command: str, leaks: bool) -> None:
    # `-t app` written last names the image: the build still sends the root, data/ too.
    tree = {**NAMED_DOCKERFILE, "README.md": f"# App\n\n```\n{command}\n```\n"}
    assert (committed_status(tmp_path, tree, "IMG005") == "failed") is leaks


# -- the command graph: redirections, `bash -lc` ------------------------------------------


def _workflow(run: str) -> str:
    """A GitHub workflow whose one step runs `run` (a block of lines)."""
    block = "".join(f"          {line}\n" for line in run.splitlines())
    return (
        "name: ci\non: push\npermissions:\n  contents: read\njobs:\n  check:\n"
        "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - run: |\n" + block
    )


MAKEFILE = "test:\n\tpytest tests\n\nlint:\n\truff check src\n"


@pytest.mark.parametrize(
    ("run", "tests"),
    [
        ("make test > test_output.txt 2>&1", True),
        ("make check > test_output.txt 2>&1", False),  # no target check: a dead end
    ],
)
def test_a_redirection_is_no_make_target(tmp_path: Path, run: str, tests: bool) -> None:
    tree = {**PACKAGE, **TEST, "Makefile": MAKEFILE, ".github/workflows/ci.yml": _workflow(run)}
    assert _passes(tmp_path, tree, "CI002") is tests


@pytest.mark.parametrize(
    ("run", "lints"), [('bash -lc "make lint"', True), ('bash -l "make lint"', False)]
)
def test_a_login_shell_given_a_command_runs_it(tmp_path: Path, run: str, lints: bool) -> None:
    tree = {**PACKAGE, **TEST, "Makefile": MAKEFILE, ".github/workflows/ci.yml": _workflow(run)}
    assert _passes(tmp_path, tree, "CI003") is lints


# -- a script's `case` dispatch and its functions' arguments ------------------------------

CHECK_SCRIPT = """#!/usr/bin/env bash
set -euo pipefail

run_step() {
    local name="$1"
    local command="$2"
    echo "== $name"
    bash -c "$command" > "$name.log" 2>&1
}

case "${1:-all}" in
    test|unit)
        run_step tests "pytest tests"
        ;;
    lint)
        run_step lint "echo linting is done by the editor"
        ;;
    *)
        echo "usage: $0 test|lint" >&2
        exit 2
        ;;
esac
"""


@pytest.mark.parametrize(
    ("argument", "tests"),
    [("test", True), ("unit", True), ("${{ matrix.check }}", True), ("lint", False)],
)
def test_ci002_follows_a_script_to_the_case_branch_its_argument_selects(
    tmp_path: Path, argument: str, tests: bool
) -> None:
    # The branch its argument selects runs, every branch when CI fills it in (a matrix);
    # the function it calls runs the command it is given (`bash -c "$command"`).
    tree = {
        **PACKAGE,
        **TEST,
        "scripts/ci/check.sh": CHECK_SCRIPT,
        ".github/workflows/ci.yml": _workflow(f'./scripts/ci/check.sh "{argument}"'),
    }
    assert _passes(tmp_path, tree, "CI002") is tests


@pytest.mark.parametrize(("command", "lints"), [("ruff check src", True), ("echo ok", False)])
def test_ci003_follows_a_function_to_the_command_it_is_given(
    tmp_path: Path, command: str, lints: bool
) -> None:
    step = f'checked() {{ echo "== $1"; eval "$1"; }}\nchecked "{command}"'
    tree = {**PACKAGE, **TEST, ".github/workflows/ci.yml": _workflow(step)}
    assert _passes(tmp_path, tree, "CI003") is lints


# -- what CI builds and runs in a container -----------------------------------------------

STAGED_DOCKERFILE = """FROM python:3.12-slim AS base
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e .

FROM base AS test
RUN pip install --no-cache-dir pytest
{test_stage}

FROM base AS runtime
CMD ["python", "-m", "demo"]
"""
RUNS_THE_TESTS = 'ENTRYPOINT []\nCMD ["python", "-m", "pytest", "-q"]'


@pytest.mark.parametrize(("stage", "tests"), [("test", True), ("runtime", False)])
def test_ci002_runs_the_command_of_the_stage_ci_builds_and_runs(
    tmp_path: Path, stage: str, tests: bool
) -> None:
    # `docker run IMAGE` without a command runs the CMD of the stage the image is built to.
    run = f"docker build --target {stage} -t demo:ci .\ndocker run --rm demo:ci"
    tree = {
        **PACKAGE,
        **TEST,
        "Dockerfile": STAGED_DOCKERFILE.format(test_stage=RUNS_THE_TESTS),
        ".github/workflows/ci.yml": _workflow(run),
    }
    assert _passes(tmp_path, tree, "CI002") is tests


@pytest.mark.parametrize(("target", "tests"), [("--target test ", True), ("", False)])
def test_ci002_runs_the_run_lines_of_the_stages_ci_builds(
    tmp_path: Path, target: str, tests: bool
) -> None:
    # Without --target the build stops at the last stage, which never runs the tests.
    tree = {
        **PACKAGE,
        **TEST,
        "Dockerfile": STAGED_DOCKERFILE.format(test_stage="RUN python -m pytest -q"),
        ".github/workflows/ci.yml": _workflow(f"docker build {target}-t demo:ci ."),
    }
    assert _passes(tmp_path, tree, "CI002") is tests


COMPOSE = """services:
  api:
    build:
      context: .
      target: runtime
  tests:
    build:
      context: .
      target: test
"""


@pytest.mark.parametrize(("service", "tests"), [("tests", True), ("api", False)])
def test_ci002_runs_the_command_of_the_compose_service_ci_runs(
    tmp_path: Path, service: str, tests: bool
) -> None:
    tree = {
        **PACKAGE,
        **TEST,
        "Dockerfile": STAGED_DOCKERFILE.format(test_stage=RUNS_THE_TESTS),
        "docker-compose.yml": COMPOSE,
        ".github/workflows/ci.yml": _workflow(f"docker compose run --rm {service}"),
    }
    assert _passes(tmp_path, tree, "CI002") is tests


# -- a runner given only what the repository lacks checks nothing -------------------------


@pytest.mark.parametrize(
    ("run", "tests"),
    [
        ("python -m unittest tests.test_basic", True),
        ("python -m unittest tests.TestModel.test_train_model", False),
        ("pytest tests/test_basic.py::test_ok", True),
        ("pytest tests/unit", False),
        ("docker run --rm demo pytest app/tests", True),  # the image's path, not the checkout's
    ],
)
def test_ci002_needs_a_runner_given_tests_the_repository_has(
    tmp_path: Path, run: str, tests: bool
) -> None:
    tree = {**PACKAGE, **TEST, "tests/__init__.py": "", ".github/workflows/ci.yml": _workflow(run)}
    assert _passes(tmp_path, tree, "CI002") is tests


@pytest.mark.parametrize(("folder", "lints"), [("src", True), ("data_enrichment", False)])
def test_ci003_needs_a_linter_given_a_folder_the_repository_has(
    tmp_path: Path, folder: str, lints: bool
) -> None:
    makefile = f"check-codestyle:\n\tpycodestyle {folder} --max-line-length=120\n"
    tree = {
        **PACKAGE,
        **TEST,
        "Makefile": makefile,
        ".github/workflows/ci.yml": _workflow("make check-codestyle"),
    }
    assert _passes(tmp_path, tree, "CI003") is lints


JENKINSFILE = """pipeline {{
    agent any
    stages {{
        stage('Lint') {{
            steps {{
                {steps}
            }}
        }}
    }}
}}
"""


@pytest.mark.parametrize(
    ("steps", "lints"),
    [("dir('packages/api') {\n sh 'tox -e lint'\n}", True), ("sh 'tox -e lint'", False)],
)
def test_ci003_runs_tox_in_the_folder_a_jenkins_dir_block_names(
    tmp_path: Path, steps: str, lints: bool
) -> None:
    # The root has a tox.ini too, whose lint names a folder only packages/api holds.
    tox = "[testenv:lint]\ncommands = flake8 api\n"
    tree = {
        **PACKAGE,
        **TEST,
        "tox.ini": tox,
        "packages/api/tox.ini": tox,
        "packages/api/api/__init__.py": "",
        "Jenkinsfile": JENKINSFILE.format(steps=steps),
    }
    assert _passes(tmp_path, tree, "CI003") is lints


# -- DOCS003: a monorepo's root task runner -----------------------------------------------

# Two products in one repository (tests/doctor/test_kinds.py's monorepo), no task runner of
# their own.
TWO_PRODUCTS = {
    "README.md": "# Our services\n",
    "scoring/pyproject.toml": "[project]\nname = 'scoring'\ndependencies = ['fastapi']\n",
    "scoring/scoring/__init__.py": "",
    "scoring/scoring/app.py": "from fastapi import FastAPI\napp = FastAPI()\n",
    "scoring/scoring/fit.py": "def fit(model, x, y):\n    model.fit(x, y)\n",
    "training/pyproject.toml": "[project]\nname = 'training'\ndependencies = ['numpy']\n",
    "training/training/__init__.py": "",
    "training/training/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
    "training/tests/test_train.py": "def test_ok():\n    assert sum([1, 1]) == 2\n",
}


@pytest.mark.parametrize(
    ("makefile", "runs"),
    [
        ("train:\n\tcd training && python -m training.train\n\ntest:\n\tpytest training\n", True),
        ("clean:\n\trm -rf build\n", False),  # only cleans: no common task
    ],
)
def test_docs003_credits_a_monorepo_root_task_runner_to_its_projects(
    tmp_path: Path, makefile: str, runs: bool
) -> None:
    build_file_tree(tmp_path, {**TWO_PRODUCTS, "Makefile": makefile})
    report = audit(tmp_path, "DOCS003")
    assert report.projects == ("scoring", "training")
    assert (not any(f.id == "DOCS003" for f in report.findings)) is runs
