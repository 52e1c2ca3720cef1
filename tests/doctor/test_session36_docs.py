"""Session 36's fixes of the documentation and CI checks: a template whose CI renders it
is tested by that render (TEST001, CI002), and a rendered declaration keeps its Jinja
suffix (`pyproject.toml.j2`, ENV001), as a conda file named for its machine does
(`environment_hpc.yaml`); a managed platform's CLI creating what the project
runs on, and a PowerShell script that does, set it up (DOCS001); with no test suite,
installing pytest or a step named for tests that runs the analysis is no empty test step
(CI002)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import Tree, committed_status

RENDERED = "template/{{ project_slug }}"


def _template(extra: Tree) -> Tree:
    """A copier template: its settings, and a project it renders with code and a test."""
    return {
        "README.md": "# A copier template for ML projects\n\n`copier copy gh:acme/ml out`\n",
        "copier.yml": "project_slug:\n  type: str\n_subdirectory: template\n",
        f"{RENDERED}/src/demo/__init__.py": "",
        f"{RENDERED}/src/demo/flows.py": "def train(rows):\n    return sum(rows) / len(rows)\n",
        f"{RENDERED}/tests/test_flows.py.j2": (
            "from demo.flows import train\n\n\ndef test_train():\n    assert train([1, 3]) == 2\n"
        ),
        **extra,
    }


def _workflow(*lines: str) -> str:
    steps = "".join(f"      - run: {line}\n" for line in lines)
    return (
        "name: ci\non: [push]\njobs:\n  render:\n    runs-on: ubuntu-latest\n"
        f"    steps:\n      - uses: actions/checkout@v4\n{steps}"
    )


CI = ".github/workflows/ci.yml"


@pytest.mark.parametrize(
    "render",
    [
        "copier copy --defaults --data project_slug=sample . .sandbox/sample",
        "cookiecutter . --no-input -o /tmp/out",
        "uv tool run cookiecutter ./ --no-input",
    ],
)
def test_test001_passes_on_a_template_its_ci_renders(tmp_path: Path, render: str) -> None:
    tree = _template({CI: _workflow("pip install copier cookiecutter", render)})
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


@pytest.mark.parametrize(
    "render",
    [
        "copier copy gh:acme/other-template .",  # someone else's template, into the checkout
        "cookiecutter . --no-input || true",  # a render whose failure fails nothing
        "echo cookiecutter .",
    ],
)
def test_test001_fires_when_ci_renders_no_template_of_its_own(tmp_path: Path, render: str) -> None:
    tree = _template({CI: _workflow(render)})
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


def test_ci002_passes_when_ci_tests_the_project_it_renders(tmp_path: Path) -> None:
    workflow = _workflow("copier copy --defaults . .sandbox/sample", "cd .sandbox/sample && pytest")
    tree = _template({CI: workflow})
    assert committed_status(tmp_path, tree, "CI002") == "passed"


def test_ci002_fires_on_a_template_whose_ci_runs_pytest_without_rendering(
    tmp_path: Path,
) -> None:
    tree = _template({CI: _workflow("pytest -q")})
    assert committed_status(tmp_path, tree, "CI002") == "failed"


def test_env001_reads_a_rendered_declaration_with_a_jinja_suffix(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "{{ project_slug }}"\ndependencies = ["pandas>=2"]\n'
    tree = _template({f"{RENDERED}/pyproject.toml.j2": pyproject})
    assert committed_status(tmp_path, tree, "ENV001") == "passed"


def test_env001_fires_when_the_rendered_files_declare_nothing(tmp_path: Path) -> None:
    tree = _template({f"{RENDERED}/settings.toml.j2": 'name = "{{ project_slug }}"\n'})
    assert committed_status(tmp_path, tree, "ENV001") == "failed"


# -- A managed platform's setup (DOCS001) ---------------------------------------------------

PLATFORM_README = (
    "# Churn on Azure ML\n\n## Getting started\n\n1. Log in: `az login`\n"
    "2. {step}\n3. Run the training pipeline from the Actions tab.\n"
)


@pytest.mark.parametrize(
    "step",
    [
        "Create the cluster: `az ml compute create --name cpu --size Standard_DS3_v2`",
        "Create the deployment identity: `az ad sp create-for-rbac --role contributor --sdk-auth`",
        "Deploy the domain: `aws cloudformation deploy --template-file domain.yaml`",
    ],
)
def test_a_platform_cli_creating_what_the_project_runs_on_sets_up(
    tmp_path: Path, step: str
) -> None:
    tree = {"README.md": PLATFORM_README.format(step=step), **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS001") == "passed"


@pytest.mark.parametrize(
    "step",
    [
        "List the jobs: `az ml job list`",
        "Deploy the stack: `npx cdk deploy`",  # every CDK app's generated README says so
    ],
)
def test_a_platform_cli_creating_nothing_sets_nothing_up(tmp_path: Path, step: str) -> None:
    tree = {"README.md": PLATFORM_README.format(step=step), **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS001") == "failed"


POWERSHELL = "$Workspace = $env:AML_WORKSPACE\n\n{line} -w $Workspace\n"


def test_a_powershell_script_that_creates_the_environment_sets_up(tmp_path: Path) -> None:
    tree = {
        "README.md": PLATFORM_README.format(step="Create the components: `./create.ps1`"),
        "create.ps1": POWERSHELL.format(line="az ml component create -f train.yml"),
        **PACKAGE,
    }
    assert committed_status(tmp_path, tree, "DOCS001") == "passed"


def test_a_powershell_script_that_only_runs_a_job_sets_nothing_up(tmp_path: Path) -> None:
    tree = {
        "README.md": PLATFORM_README.format(step="Train the model: `./train.ps1`"),
        "train.ps1": POWERSHELL.format(line="az ml job create -f train.yml --stream"),
        **PACKAGE,
    }
    assert committed_status(tmp_path, tree, "DOCS001") == "failed"


# -- No test suite, and no empty test step (CI002) -----------------------------------------

NO_TESTS = {**PACKAGE, "src/demo/train.py": "def train(rows):\n    return sum(rows)\n"}


def _named_step(name: str, script: str) -> str:
    lines = "".join(f"          {line}\n" for line in script.splitlines())
    return (
        "name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        f"      - uses: actions/checkout@v4\n      - name: {name}\n        run: |\n{lines}"
    )


@pytest.mark.parametrize(
    "workflow",
    [
        _workflow("pip install flake8 pytest", "flake8 . --select=E9"),
        _named_step("Test with pytest", "cd src\npython demo/train.py"),
    ],
)
def test_ci002_does_not_apply_without_tests_or_an_empty_test_step(
    tmp_path: Path, workflow: str
) -> None:
    tree = {**NO_TESTS, CI: workflow}
    assert committed_status(tmp_path, tree, "CI002") == "not-applicable"


@pytest.mark.parametrize(
    "script",
    ["# pytest tests/", 'echo "no tests yet"'],
)
def test_ci002_fires_on_a_test_step_that_runs_nothing(tmp_path: Path, script: str) -> None:
    tree = {**NO_TESTS, CI: _named_step("Test with pytest", script)}
    assert committed_status(tmp_path, tree, "CI002") == "failed"


# -- A conda file per machine (ENV001) -----------------------------------------------------


def test_env001_reads_a_conda_file_named_for_its_machine(tmp_path: Path) -> None:
    conda = "name: lakes\ndependencies:\n  - python=3.11\n  - pytorch\n"
    tree = {**NO_TESTS, "environment_hpc.yaml": conda}
    assert committed_status(tmp_path, tree, "ENV001") == "passed"


def test_env001_fires_on_an_environment_named_file_without_dependencies(tmp_path: Path) -> None:
    tree = {**NO_TESTS, "environment_settings.yaml": "region: eu-west-1\nworkers: 4\n"}
    assert committed_status(tmp_path, tree, "ENV001") == "failed"
