"""The command graph: CI followed through task runners and scripts to what really runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.commands import shell_commands
from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, status_of, status_on


def workflow(*runs: str) -> str:
    """A GitHub workflow whose one job runs `runs`, one step each."""
    steps = "".join(f"      - run: {run}\n" for run in runs)
    return (
        "name: ci\non: push\npermissions:\n  contents: read\njobs:\n  test:\n"
        "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n" + steps
    )


def ci(*runs: str, **files: str) -> Tree:
    """A repository whose CI runs `runs`, with `files` (`Makefile=...`) beside it."""
    return {
        ".github/workflows/ci.yml": workflow(*runs),
        # a test suite, so that running it is CI002's question (without one it does not apply)
        "tests/test_demo.py": "def test_demo():\n    assert sum([1, 1]) == 2\n",
        **{k.replace("__", "."): v for k, v in files.items()},
    }


STEPS = (
    "import subprocess\n\nfrom behave import when\n\n\n"
    '@when("I lint the project")\ndef lint(context):\n'
    '    subprocess.run(["ruff", "check", "src"], check=True)\n\n\n'
    '@when("I run pytest in {folder}")\ndef run_tests(context, folder):\n'
    '    context.result = subprocess.run([context.python, "-m", "pytest", "-x"])\n'
)


def behave(scenario_step: str) -> Tree:
    """A CI that runs `behave features/check.feature`, whose one scenario takes `scenario_step`."""
    feature = f"Feature: checks\n  Scenario: one\n    Given a project\n    When {scenario_step}\n"
    return {
        **ci("behave features/check.feature"),
        "features/check.feature": feature,
        "features/steps/steps.py": STEPS,
    }


# runner -> (a CI that reaches no test run through it, one that reaches pytest through it)
RUNNERS: dict[str, tuple[Tree, Tree]] = {
    "behave": (behave("I lint the project"), behave("I run pytest in the project")),
    "make": (
        ci("make test", Makefile="lint:\n\truff check .\n"),
        ci(
            "make check",
            Makefile="check: lint test\nlint:\n\truff check .\ntest:\n\t$(PY) -m pytest\n",
        ),
    ),
    "make-C": (
        ci("make -C service test", Makefile="test:\n\tpytest\n"),
        {**ci("make -C service test"), "service/Makefile": "test:\n\tpytest -x\n"},
    ),
    "just": (
        ci("just test", justfile="test:\n    echo pytest\n"),
        ci(
            "just test",
            justfile=(
                "set shell := ['bash', '-c']\n\ntest: lint\n"
                "    uv run pytest\n\nlint:\n    ruff check\n"
            ),
        ),
    ),
    "mise": (
        ci("mise run test", mise__toml="[tasks.lint]\nrun = 'ruff check'\n"),
        ci("mise run test", mise__toml="[tasks.test]\nrun = ['ruff check', 'pytest -q']\n"),
    ),
    "pixi": (
        ci("pixi run test", pixi__toml="[tasks]\ntest = 'echo todo'\n"),
        ci(
            "pixi run test",
            pixi__toml=(
                "[tasks]\ntest = { cmd = 'pytest', depends-on = ['fmt'] }\nfmt = 'ruff format'\n"
            ),
        ),
    ),
    "poe": (
        ci("poe test", pyproject__toml="[tool.poe.tasks]\nlint = 'ruff check'\n"),
        ci(
            "poetry run poe check",
            pyproject__toml=(
                "[tool.poe.tasks]\ntest = 'pytest'\ncheck = ['lint', 'test']\nlint = 'ruff check'\n"
            ),
        ),
    ),
    "pipenv": (
        ci("pipenv run test", Pipfile="[scripts]\ntest = 'echo todo'\n"),
        ci("pipenv run test", Pipfile="[scripts]\ntest = 'pytest -q'\n"),
    ),
    "hatch": (
        ci(
            "hatch run test:all",
            pyproject__toml="[tool.hatch.envs.test.scripts]\nlint = 'ruff check'\n",
        ),
        ci(
            "hatch run test:all",
            pyproject__toml=(
                "[tool.hatch.envs.test.scripts]\nunit = 'pytest {args}'\nall = ['unit']\n"
            ),
        ),
    ),
    "hatch matrix": (
        ci(
            "hatch run +py=${{ matrix.python-version }} test:all",
            pyproject__toml="[tool.hatch.envs.test.scripts]\nlint = 'ruff check'\n",
        ),
        ci(
            "hatch run +py=${{ matrix.python-version }} test:all",
            pyproject__toml=(
                "[[tool.hatch.envs.test.matrix]]\npython = ['3.11', '3.12']\n\n"
                "[tool.hatch.envs.test.scripts]\nall = 'pytest'\n"
            ),
        ),
    ),
    "tox": (
        ci("tox -e py312"),
        ci(
            "pip install tox && tox -e py312",
            tox__ini="[tox]\nenvlist = py312\n\n[testenv]\ncommands =\n    pytest {posargs}\n",
        ),
    ),
    "nox": (
        ci(
            "nox -s tests",
            noxfile__py=(
                "import nox\n\n@nox.session\ndef lint(session):\n    session.run('ruff', 'check')\n"
            ),
        ),
        ci(
            "nox -s tests",
            noxfile__py=(
                "import nox\n\n@nox.session(python=['3.12'])\n"
                "def tests(session):\n    session.install('.')\n"
                "    session.run('pytest', '-x')\n"
            ),
        ),
    ),
    "script": (
        ci("./scripts/test.sh"),
        {
            **ci("./scripts/test.sh"),
            "scripts/test.sh": (
                '#!/bin/sh\nset -e\ncd "$(dirname "$0")/.."\npython -m pytest tests\n'
            ),
        },
    ),
    "bash-script": (
        {**ci("bash ci/run.sh"), "ci/run.sh": "ruff check .\n"},
        {**ci("bash ci/run.sh"), "ci/run.sh": 'if [ -n "$CI" ]; then\n  uv run pytest\nfi\n'},
    ),
    "echo-not-a-run": (ci('echo "pytest soon"'), ci('echo "testing" && pytest')),
    "comment-not-a-run": (
        ci("|\n          # pytest is next\n          ruff check ."),
        ci("|\n          # lint first\n          pytest"),
    ),
}


@pytest.mark.parametrize("runner", sorted(RUNNERS))
def test_ci002_fires_when_no_chain_from_ci_reaches_pytest(tmp_path: Path, runner: str) -> None:
    build_file_tree(tmp_path, RUNNERS[runner][0])
    report = audit(tmp_path, "CI002")
    assert [f.id for f in report.findings] == ["CI002"]


@pytest.mark.parametrize("runner", sorted(RUNNERS))
def test_ci002_passes_on_the_chain_from_ci_to_pytest(tmp_path: Path, runner: str) -> None:
    build_file_tree(tmp_path, RUNNERS[runner][1])
    report = audit(tmp_path, "CI002")
    assert report.findings == ()
    (result,) = report.results
    assert result.reason.startswith("ci.yml:")
    assert result.reason.endswith(
        ("pytest", "pytest -x", "pytest -q", "pytest tests", "pytest {posargs}", "pytest {args}")
    )


def test_a_pass_shows_each_file_of_the_chain(tmp_path: Path) -> None:
    build_file_tree(tmp_path, RUNNERS["mise"][1])
    (result,) = audit(tmp_path, "CI002").results
    assert result.reason == "ci.yml:10 → mise.toml:2 → pytest -q"


@pytest.mark.parametrize(("task", "passes"), [("coverage", True), ("docs", False)])
def test_a_ci_expression_in_a_task_runners_options_is_one_word(
    tmp_path: Path, task: str, passes: bool
) -> None:
    # `-e ${{ matrix.env }}` takes one value where GitHub runs it, so the task is `coverage`.
    pixi = "[feature.dev.tasks]\ncoverage = 'pytest tests --cov'\ndocs = 'sphinx-build docs out'\n"
    build_file_tree(tmp_path, ci(f"pixi run -e ${{{{ matrix.env }}}} {task}", pixi__toml=pixi))
    (result,) = audit(tmp_path, "CI002").results
    assert (result.status is Status.PASSED) is passes


def test_a_ci_expression_stays_one_word_in_the_shell_commands() -> None:
    line = "pixi run -e ${{ matrix.env }} coverage && echo ${{ github.sha }}\n"
    assert [words for words, _ in shell_commands(line)] == [
        ["pixi", "run", "-e", "${{matrix.env}}", "coverage"],
        ["echo", "${{github.sha}}"],
    ]


def test_make_target_missing_from_the_makefile_is_named_in_the_finding(tmp_path: Path) -> None:
    build_file_tree(tmp_path, RUNNERS["make"][0])
    (finding,) = audit(tmp_path, "CI002").findings
    assert "ci.yml:10 → make test: no target test in Makefile" in finding.message
    assert finding.path == ".github/workflows/ci.yml"


def test_make_in_ci_without_a_makefile_does_not_pass(tmp_path: Path) -> None:
    build_file_tree(tmp_path, ci("make test", "make lint"))
    report = audit(tmp_path, "CI002", "CI003")
    assert {f.id for f in report.findings} == {"CI002", "CI003"}
    assert "no Makefile in the repository" in report.findings[0].message


@pytest.mark.parametrize(
    "tree",
    [
        {**ci("make lint", Makefile="lint:\n\t@uv run ruff check src\n"), "src/app.py": "x = 1\n"},
        {
            ".gitlab-ci.yml": (
                "lint:\n  script:\n    - pip install pre-commit\n    - pre-commit run -a\n"
            )
        },
        {
            "azure-pipelines.yml": "steps:\n  - bash: |\n      python -m flake8 src\n",
            "src/app.py": "x = 1\n",
        },
        {".pipelines/ci.yml": "jobs:\n- job: lint\n  steps:\n  - script: ruff check .\n"},
        {
            ".circleci/config.yml": (
                "jobs:\n  lint:\n    steps:\n      - run:\n          command: black --check .\n"
            )
        },
        {"Jenkinsfile": "pipeline { stages { stage('lint') { steps { sh 'ruff check .' } } } }\n"},
        {
            ".github/workflows/lint.yml": (
                "on: push\njobs:\n  l:\n    steps:\n      - uses: astral-sh/ruff-action@v3\n"
            )
        },
    ],
    ids=["make", "gitlab", "azure", "azure-.pipelines", "circleci", "jenkins", "action"],
)
def test_ci003_passes_on_a_linter_each_ci_system_runs(tmp_path: Path, tree: Tree) -> None:
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, "CI003")
    assert report.findings == ()
    assert status_of(report, "CI003") is Status.PASSED


def test_ci003_fires_on_a_lint_job_that_only_echoes(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {".gitlab-ci.yml": "lint:\n  script:\n    - echo ruff check\n"})
    assert [f.id for f in audit(tmp_path, "CI003").findings] == ["CI003"]


@pytest.mark.parametrize(
    "tree",
    [
        {"mise.toml": "[tasks.train]\nrun = 'python -m demo.train'\n"},
        {"pixi.toml": "[project]\nname = 'demo'\n\n[tasks]\ntest = 'pytest'\n"},
        {
            "MLproject": "name: demo\nentry_points:\n  main:\n    command: python train.py\n",
            "train.py": "print('train')\n",
        },
        {"justfile": "test:\n    pytest\n"},
        {"pyproject.toml": "[tool.poe.tasks]\ntest = 'pytest'\n"},
        {"noxfile.py": "import nox\n\n@nox.session\ndef tests(s):\n    s.run('pytest')\n"},
    ],
    ids=["mise", "pixi", "mlproject", "just", "poe", "nox"],
)
def test_docs003_passes_on_a_task_that_runs_a_command(tmp_path: Path, tree: Tree) -> None:
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, "DOCS003")
    assert report.findings == ()
    assert report.results[0].reason


@pytest.mark.parametrize(
    "tree",
    [
        {"Makefile": "# nothing yet\nPYTHON := python3\n"},
        {"pyproject.toml": "[tool.poe]\nverbosity = 1\n"},
        {"mise.toml": "[tools]\npython = '3.12'\n"},
    ],
    ids=["makefile-without-targets", "poe-without-tasks", "mise-without-tasks"],
)
def test_docs003_fires_on_a_task_file_without_tasks(tmp_path: Path, tree: Tree) -> None:
    build_file_tree(tmp_path, tree)
    assert [f.id for f in audit(tmp_path, "DOCS003").findings] == ["DOCS003"]


def test_code003_passes_on_a_linter_a_makefile_runs_without_a_config(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"Makefile": "lint:\n\tflake8 src\n", "src/demo/__init__.py": ""})
    report = audit(tmp_path, "CODE003")
    assert report.findings == ()
    assert report.results[0].reason == "Makefile:2 → flake8 src"


def test_code003_fires_when_the_makefile_runs_no_linter(tmp_path: Path) -> None:
    tree = {"Makefile": "lint:\n\techo flake8 src\n", "src/train.py": "print(1)\n"}
    build_file_tree(tmp_path, tree)
    assert [f.id for f in audit(tmp_path, "CODE003").findings] == ["CODE003"]


def test_ci002_follows_a_submitted_job_spec_to_its_entrypoint(tmp_path: Path) -> None:
    tree = {
        **ci("anyscale jobs submit deploy/job.yaml --wait"),
        "deploy/job.yaml": "name: workloads\nentrypoint: bash deploy/run.sh\n",
        "deploy/run.sh": "python -m pytest tests/code\n",
        "tests/code/test_job.py": "def test_job():\n    assert sum([1, 1]) == 2\n",
    }
    build_file_tree(tmp_path, tree)
    (result,) = audit(tmp_path, "CI002").results
    assert result.reason == "ci.yml:10 → job.yaml:2 → run.sh:1 → pytest tests/code"


def test_ci002_follows_nox_to_a_console_script_that_runs_unittest(tmp_path: Path) -> None:
    tree = {
        **ci("poetry run nox"),
        "noxfile.py": (
            "import nox\n\n@nox.session\ndef tests(s):\n    s.run('poetry', 'run', 'ut')\n"
        ),
        "pyproject.toml": "[tool.poetry.scripts]\nut = 'tests.runner:start'\n",
        "tests/runner.py": "import unittest\n\n\ndef start():\n    unittest.TestLoader()\n",
    }
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path, "CI002").findings == ()


NOXFILE = (
    "import nox\n\n\n@nox.session(name='lint')\ndef lint(s):\n    s.run('ruff', 'check', '.')\n"
    "\n\n@nox.session(name='docs')\ndef docs(s):\n    s.run('mkdocs', 'build')\n"
)


@pytest.mark.parametrize("flag", ["-s", "--session", "-e"])
def test_ci002_follows_a_matrix_nox_session_to_every_session(tmp_path: Path, flag: str) -> None:
    tests = "\n\n@nox.session(name='unit')\ndef unit(s):\n    s.run('pytest', '--cov')\n"
    tree = {
        **ci(f"nox --force-python python {flag} ${{{{ matrix.session }}}}"),
        "noxfile.py": NOXFILE + tests,
    }
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path, "CI002").findings == ()
    assert audit(tmp_path, "CI003").findings == ()


def test_ci002_fires_when_no_session_a_matrix_may_name_runs_tests(tmp_path: Path) -> None:
    tree = {**ci("nox -s ${{ matrix.session }}"), "noxfile.py": NOXFILE}
    build_file_tree(tmp_path, tree)
    assert [f.id for f in audit(tmp_path, "CI002").findings] == ["CI002"]


def test_ci002_follows_a_matrix_tox_environment_to_every_environment(tmp_path: Path) -> None:
    tox = "[tox]\nenv_list = lint, unit\n\n[testenv:lint]\ncommands = ruff check .\n\n"
    tox += "[testenv:unit]\ncommands = pytest\n"
    build_file_tree(tmp_path, {**ci("tox -e ${{ matrix.env }}"), "tox.ini": tox})
    assert audit(tmp_path, "CI002").findings == ()


TASKIPY = (
    '[tool.taskipy.tasks]\ntest = "uv run pytest"\nclean = {cmd = "rm -rf logs", help = "x"}\n'
)


def test_ci002_follows_taskipy_to_pytest(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**ci("uv run task test"), "pyproject.toml": TASKIPY})
    assert audit(tmp_path, "CI002").findings == ()


def test_ci002_fires_on_a_taskipy_task_that_runs_no_tests(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**ci("uv run task clean"), "pyproject.toml": TASKIPY})
    assert [f.id for f in audit(tmp_path, "CI002").findings] == ["CI002"]


def test_ci002_fires_on_a_console_script_that_runs_no_tests(tmp_path: Path) -> None:
    tree = {
        **ci("poetry run ut"),
        "pyproject.toml": "[tool.poetry.scripts]\nut = 'demo.cli:main'\n",
        "src/demo/cli.py": "def main():\n    print('unittest.main() is not called here')\n",
    }
    build_file_tree(tmp_path, tree)
    assert [f.id for f in audit(tmp_path, "CI002").findings] == ["CI002"]


@pytest.mark.parametrize(
    "makefile",
    [
        "style:\n\tblack .\nclean:\n\trm -rf build\n",
        "install-test-requirements:\n\tpip install x\n",
    ],
    ids=["style-and-clean", "install-test-requirements"],
)
def test_docs003_fires_on_a_makefile_without_a_common_task(tmp_path: Path, makefile: str) -> None:
    build_file_tree(tmp_path, {"Makefile": makefile})
    assert [f.id for f in audit(tmp_path, "DOCS003").findings] == ["DOCS003"]


def test_docs003_ignores_the_sphinx_makefile(tmp_path: Path) -> None:
    sphinx = "help:\n\t@$(SPHINXBUILD) -M help\n\n%: Makefile\n\t@$(SPHINXBUILD) -M $@\n"
    build_file_tree(tmp_path, {"docs/Makefile": sphinx})
    assert [f.id for f in audit(tmp_path, "DOCS003").findings] == ["DOCS003"]


def scripts_of(name: str) -> str:
    project = '[project]\nname = "demo"\nversion = "0.1"\n'
    return f'{project}\n[project.scripts]\n{name} = "demo.cli:main"\n'


def test_docs003_passes_on_console_scripts_named_for_tasks(tmp_path: Path) -> None:
    two = scripts_of("run-pipeline") + 'train = "demo.cli:train"\n'
    build_file_tree(tmp_path, {"pyproject.toml": two})
    report = audit(tmp_path, "DOCS003")
    assert report.findings == ()
    assert status_of(report, "DOCS003") is Status.PASSED


def test_docs003_fires_on_a_console_script_that_is_the_package_command(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"pyproject.toml": scripts_of("demo")})
    assert [f.id for f in audit(tmp_path, "DOCS003").findings] == ["DOCS003"]


def test_code003_passes_on_a_pycodestyle_section(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"setup.cfg": "[pycodestyle]\nmax-line-length = 100\n"})
    assert audit(tmp_path, "CODE003").findings == ()


def test_ci002_follows_dvc_repro_to_a_stage_that_runs_pytest(tmp_path: Path) -> None:
    stages = "stages:\n  test:\n    cmd: pytest tests/data\n  train:\n    cmd: python train.py\n"
    checks = {"tests/data/test_schema.py": "def test_schema():\n    assert sum([1, 1]) == 2\n"}
    build_file_tree(tmp_path, {**ci("dvc repro test"), "dvc.yaml": stages, **checks})
    (result,) = audit(tmp_path, "CI002").results
    assert result.reason == "ci.yml:10 → dvc.yaml:3 → pytest tests/data"


def test_make_targets_that_call_each_other_end(tmp_path: Path) -> None:
    makefile = "".join(
        f"t{i}: t{(i + 1) % 8} t{(i + 2) % 8}\n\t$(MAKE) t{(i + 3) % 8}\n" for i in range(8)
    )
    build_file_tree(tmp_path, ci("make t0", Makefile=makefile))
    assert [f.id for f in audit(tmp_path, "CI002").findings] == ["CI002"]


def test_ci002_follows_cd_into_a_folder_with_its_own_makefile(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path, {**ci("cd service && make test"), "service/Makefile": "test:\n\tpytest\n"}
    )
    (result,) = audit(tmp_path, "CI002").results
    assert result.reason == "ci.yml:10 → Makefile:2 → pytest"


def test_ci002_runs_a_step_in_its_working_directory(tmp_path: Path) -> None:
    workflow_text = workflow("make test").replace(
        "    runs-on: ubuntu-latest\n",
        "    runs-on: ubuntu-latest\n    defaults:\n      run:\n        working-directory: api\n",
    )
    tree = {
        ".github/workflows/ci.yml": workflow_text,
        "api/Makefile": "test:\n\tpytest\n",
        "api/tests/test_api.py": "def test_ok():\n    assert sum([1, 1]) == 2\n",
    }
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path, "CI002").findings == ()


@pytest.mark.parametrize(
    ("run", "passes"),
    [
        ("docker compose -f compose.test.yml run --rm -e CI=1 app pytest -x", True),
        ("docker run --rm -v $PWD:/src -w /src python:3.12 python -m pytest", True),
        ("docker run --rm myimage", False),
        ("docker build -t pytest .", False),
        ("docker run --gpus all img bash -c nvidia-smi; docker run img bash -c pytest", True),
        ("docker run --gpus all img bash -c nvidia-smi; docker run img bash -c ls", False),
    ],
    ids=[
        "compose-run",
        "docker-run",
        "default-command",
        "build-tagged-pytest",
        "second-shell-in-a-container",
        "no-shell-in-a-container-tests",
    ],
)
def test_ci002_follows_a_command_run_in_a_container(tmp_path: Path, run: str, passes: bool) -> None:
    build_file_tree(tmp_path, ci(run))
    assert [f.id for f in audit(tmp_path, "CI002").findings] == ([] if passes else ["CI002"])


@pytest.mark.parametrize(
    "run",
    ["python -m coverage run -m pytest", 'bash -c "uv run pytest -q"', "bash -ex ci/test.sh"],
    ids=["coverage-module", "shell-inline", "shell-options"],
)
def test_ci002_peels_wrappers_down_to_pytest(tmp_path: Path, run: str) -> None:
    build_file_tree(tmp_path, {**ci(run), "ci/test.sh": "pytest\n"})
    assert audit(tmp_path, "CI002").findings == ()


@pytest.mark.parametrize(("step", "passes"), [("pytest -q", True), ("echo pytest", False)])
def test_a_suffixed_jenkinsfile_is_read_as_groovy(tmp_path: Path, step: str, passes: bool) -> None:
    groovy = f"pipeline {{\n  stages {{\n    stage('t') {{ steps {{ sh '{step}' }} }}\n  }}\n}}\n"
    build_file_tree(
        tmp_path, {"Jenkinsfile-nightly": groovy, "tests/test_x.py": "def test_x(): ...\n"}
    )
    found = [f.id for f in audit(tmp_path, "CI002", "REPO001").findings]
    assert found == ([] if passes else ["CI002"])


TOX_LINT = "[tox]\nenvlist = style\n\n[testenv:style]\ncommands =\n    {posargs}\n"


def test_ci003_fires_when_tox_runs_only_the_arguments_it_is_given(tmp_path: Path) -> None:
    build_file_tree(tmp_path, ci("tox", tox__ini=TOX_LINT))
    assert status_of(audit(tmp_path, "CI003"), "CI003") is Status.FAILED


def test_ci003_follows_tox_to_a_default_posargs_linter(tmp_path: Path) -> None:
    tox = TOX_LINT.replace("{posargs}", "{posargs:flake8 \\\n        src tests}")
    build_file_tree(tmp_path, ci("tox", tox__ini=tox))
    result = audit(tmp_path, "CI003").results[-1]
    assert result.status is Status.PASSED
    assert "flake8 src tests" in result.reason


def test_a_shell_line_read_again_gives_its_commands_whatever_the_first_reader_did() -> None:
    """A line's tokens are kept for the process (a monorepo's views follow the same CI
    steps): each reader gets its own words to change."""
    line = "cd app && pytest -x || echo failed"
    first = list(shell_commands(line))
    for words, _ in first:
        words.clear()
    assert list(shell_commands(line)) == [
        (["cd", "app"], True),
        (["pytest", "-x"], True),
        (["echo", "failed"], False),
    ]


def circleci(job_directory: str, step_directory: str = "") -> Tree:
    """A CircleCI lint job checked out into `job_directory` whose one step runs
    `make lint` (in `step_directory` when given), with a Makefile at the root."""
    step = f"          working_directory: {step_directory}\n" if step_directory else ""
    config = (
        "version: 2.1\njobs:\n  lint:\n    docker:\n      - image: python:3.12\n"
        f"    working_directory: {job_directory}\n    steps:\n      - checkout\n"
        f"      - run:\n          command: make lint\n{step}"
    )
    return {".circleci/config.yml": config, "Makefile": "lint:\n\truff check .\n"}


@pytest.mark.parametrize(
    "tree",
    [circleci("~/proj5"), circleci("/home/circleci/app", "/home/circleci/app")],
    ids=["job-directory", "step-in-the-checkout"],
)
def test_ci003_reads_a_circleci_job_in_the_folder_it_checks_out_into(
    tmp_path: Path, tree: Tree
) -> None:
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path, "CI003")
    assert report.findings == ()
    assert status_of(report, "CI003") is Status.PASSED


def test_ci003_follows_a_circleci_step_into_a_folder_without_the_makefile(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, circleci("~/proj5", "docs"))
    [finding] = audit(tmp_path, "CI003").findings
    assert "no Makefile in docs" in finding.message


# A script listing files in an array, one a line: a line that names a text file runs nothing.
LISTING_SCRIPT = "#!/usr/bin/env bash\nset -euo pipefail\nLISTED=(\n  {listed}\n)\n"


def test_a_text_file_a_script_lists_is_not_run(tmp_path: Path) -> None:
    tree = ci(
        "./scripts/audit.sh",
        **{
            "scripts/audit__sh": LISTING_SCRIPT.format(listed="docs/commands.txt"),
            "docs/commands__txt": "pytest -x\n",
        },
    )
    assert status_on(tmp_path, tree, "CI002") is not Status.PASSED


def test_a_shell_script_a_script_names_is_run(tmp_path: Path) -> None:
    tree = ci(
        "./scripts/audit.sh",
        **{
            "scripts/audit__sh": LISTING_SCRIPT.format(listed="scripts/commands.sh"),
            "scripts/commands__sh": "pytest -x\n",
        },
    )
    assert status_on(tmp_path, tree, "CI002") is Status.PASSED
