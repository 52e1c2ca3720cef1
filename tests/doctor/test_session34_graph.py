"""Session 34's fixes of the command graph: hatch's own options before its subcommand
(`hatch -e ENV run SCRIPT`) are read, so a Makefile target running hatch scripts reaches
their programs (CI002, CI003); a reusable workflow's or an action's input named as a
command (`check_command: make check`) is run by the job (CI003); the repository's own
owner's actions may use tags (CI004); tests that only assert about literals are no
suite (TEST001), and CI running only them runs nothing (CI002); Rye's `rye lint` and
`rye fmt` run ruff (CI003); setup guides, conda explicit specs and Miniconda image tags
name a Python (ENV006); `docker compose up --abort-on-container-exit` runs its services
(CI002)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PACKAGE, TEST
from tests.doctor.helpers import Tree, committed_status


def _passes(root: Path, tree: Tree, check_id: str) -> bool:
    return committed_status(root, tree, check_id) == "passed"


def _workflow(step: str) -> str:
    return (
        "name: ci\non: push\npermissions:\n  contents: read\njobs:\n  check:\n"
        "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
        f"      - run: {step}\n"
    )


# -- hatch's own options (CI002, CI003) ---------------------------------------------------

HATCH_PYPROJECT = (
    '[project]\nname = "demo"\nversion = "0"\n\n'
    "[tool.hatch.envs.checks.scripts]\n"
    'unit = "pytest -q tests"\n'
    'lint = "ruff check src"\n'
)
MAKEFILE = "unit:\n\t@hatch -v -e checks run checks:unit\n\nlint:\n\t@hatch -e checks run lint\n"


@pytest.mark.parametrize(("target", "check_id"), [("unit", "CI002"), ("lint", "CI003")])
def test_make_into_hatch_scripts_after_hatch_options(
    tmp_path: Path, target: str, check_id: str
) -> None:
    tree = {
        **PACKAGE,
        **TEST,
        "pyproject.toml": HATCH_PYPROJECT,
        "Makefile": MAKEFILE,
        ".github/workflows/ci.yml": _workflow(f"make {target}"),
    }
    assert _passes(tmp_path, tree, check_id)


def test_another_hatch_subcommand_runs_no_script(tmp_path: Path) -> None:
    # `hatch -e checks env create lint` creates an environment: it runs nothing.
    tree = {
        **PACKAGE,
        **TEST,
        "pyproject.toml": HATCH_PYPROJECT,
        ".github/workflows/ci.yml": _workflow("hatch -e checks env create lint"),
    }
    assert not _passes(tmp_path, tree, "CI003")


# -- inputs named as commands (CI003) -----------------------------------------------------

REUSABLE = (
    "name: ci\non: push\npermissions:\n  contents: read\njobs:\n  quality:\n"
    "    uses: example-org/shared-workflows/.github/workflows/python.yml@v2\n"
    "    with:\n      python_version: '3.12'\n      {key}: make check\n"
)
CHECK_MAKEFILE = "check:\n\tuv run pre-commit run -a\n"
PRE_COMMIT = (
    "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.0\n"
    "    hooks:\n      - id: ruff\n"
)


def test_a_reusable_workflow_runs_its_command_input(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        "Makefile": CHECK_MAKEFILE,
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/ci.yml": REUSABLE.replace("{key}", "check_command"),
    }
    assert _passes(tmp_path, tree, "CI003")


def test_an_input_not_named_as_a_command_is_not_run(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        "Makefile": CHECK_MAKEFILE,
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/ci.yml": REUSABLE.replace("{key}", "description"),
    }
    assert not _passes(tmp_path, tree, "CI003")


# -- the repository's own owner's actions (CI004) -----------------------------------------

OWN_WORKFLOW = (
    "name: ci\non: push\npermissions:\n  contents: read\njobs:\n  quality:\n"
    "    uses: example-org/shared-workflows/.github/workflows/python.yml@v2\n"
)
BADGE = (
    "# demo\n\n[![CI](https://github.com/{owner}/demo/actions/workflows/ci.yml/badge.svg)]"
    "(https://github.com/{owner}/demo/actions/workflows/ci.yml)\n"
)


def test_the_owners_own_reusable_workflow_may_use_a_tag(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        "README.md": BADGE.replace("{owner}", "Example-Org"),
        ".github/workflows/ci.yml": OWN_WORKFLOW,
    }
    assert _passes(tmp_path, tree, "CI004")


def test_the_project_urls_name_the_owner(tmp_path: Path) -> None:
    pyproject = (
        '[project]\nname = "demo"\nversion = "0"\n\n[project.urls]\n'
        'Source = "https://github.com/example-org/demo"\n'
    )
    tree = {**PACKAGE, "pyproject.toml": pyproject, ".github/workflows/ci.yml": OWN_WORKFLOW}
    assert _passes(tmp_path, tree, "CI004")


def test_another_owners_reusable_workflow_on_a_tag_is_reported(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        "README.md": BADGE.replace("{owner}", "someone-else"),
        ".github/workflows/ci.yml": OWN_WORKFLOW,
    }
    assert not _passes(tmp_path, tree, "CI004")


# -- tests that assert only about literals (TEST001, CI002) -------------------------------

LITERAL_TEST = 'def test_example() -> None:\n    name = "example"\n\n    assert name == "example"\n'
REAL_TEST = (
    "from demo import NAME\n\n\ndef test_name() -> None:\n    name = NAME\n\n"
    '    assert name == "example"\n'
)
DEMO = {"src/demo/__init__.py": 'NAME = "example"\n'}


def test_a_test_of_literals_only_is_no_suite(tmp_path: Path) -> None:
    tree = {**DEMO, "tests/unit/test_example.py": LITERAL_TEST}
    assert not _passes(tmp_path, tree, "TEST001")


def test_a_test_that_reads_the_code_is_a_suite(tmp_path: Path) -> None:
    tree = {**DEMO, "tests/unit/test_example.py": REAL_TEST}
    assert _passes(tmp_path, tree, "TEST001")


def test_ci_running_only_tests_of_literals_runs_nothing(tmp_path: Path) -> None:
    tree = {
        **DEMO,
        "tests/unit/test_example.py": LITERAL_TEST,
        ".github/workflows/ci.yml": _workflow("pytest tests"),
    }
    assert committed_status(tmp_path, tree, "CI002") == "failed"


def test_ci_running_a_real_suite_passes(tmp_path: Path) -> None:
    tree = {
        **DEMO,
        "tests/unit/test_example.py": REAL_TEST,
        ".github/workflows/ci.yml": _workflow("pytest tests"),
    }
    assert _passes(tmp_path, tree, "CI002")


# -- more sources of the Python a repository runs on (ENV006) -----------------------------


def test_a_setup_guide_creating_an_old_python_is_reported(tmp_path: Path) -> None:
    guide = "# Setup\n\n```bash\npyenv install 3.7.0\npyenv virtualenv 3.7.0 demo\n```\n"
    tree = {**PACKAGE, "docs/ubuntu_setup.md": guide}
    assert committed_status(tmp_path, tree, "ENV006") == "failed"


def test_a_guide_not_for_setting_up_is_not_read(tmp_path: Path) -> None:
    notes = "# History\n\nWe used to run `pyenv virtualenv 3.7.0 demo`.\n"
    tree = {**PACKAGE, "docs/history.md": notes}
    assert committed_status(tmp_path, tree, "ENV006") != "failed"


SPEC = (
    "# platform: linux-64\n{marker}\n"
    "https://conda.anaconda.org/conda-forge/linux-64/numpy-1.26.0-py310h0.conda\n"
    "https://conda.anaconda.org/conda-forge/linux-64/python-3.8.18-h0_cpython.conda\n"
)


def test_a_conda_explicit_spec_names_its_python(tmp_path: Path) -> None:
    tree = {**PACKAGE, "demo_conda_spec.txt": SPEC.replace("{marker}", "@EXPLICIT")}
    assert committed_status(tmp_path, tree, "ENV006") == "failed"


def test_a_list_of_links_that_is_no_explicit_spec_is_not_read(tmp_path: Path) -> None:
    tree = {**PACKAGE, "demo_conda_spec.txt": SPEC.replace("{marker}", "")}
    assert committed_status(tmp_path, tree, "ENV006") != "failed"


def test_an_old_miniconda_image_runs_its_python(tmp_path: Path) -> None:
    dockerfile = "FROM continuumio/miniconda3:4.7.12\nRUN pip install numpy\n"
    tree = {**PACKAGE, "Dockerfile": dockerfile}
    assert committed_status(tmp_path, tree, "ENV006") == "failed"


def test_a_miniconda_image_creating_its_own_environment_is_not_read(tmp_path: Path) -> None:
    dockerfile = (
        "FROM continuumio/miniconda3:4.7.12\nCOPY environment.yml .\n"
        "RUN conda env create -f environment.yml\n"
    )
    tree = {**PACKAGE, "Dockerfile": dockerfile}
    assert committed_status(tmp_path, tree, "ENV006") != "failed"


# -- Rye's ruff commands (CI003) ----------------------------------------------------------


@pytest.mark.parametrize("step", ["rye lint -- --output-format=github", "rye fmt -- --diff ."])
def test_rye_lint_and_checking_fmt_run_ruff(tmp_path: Path, step: str) -> None:
    tree = {**PACKAGE, ".github/workflows/ci.yml": _workflow(step)}
    assert _passes(tmp_path, tree, "CI003")


def test_rye_fmt_that_rewrites_is_no_lint(tmp_path: Path) -> None:
    tree = {**PACKAGE, ".github/workflows/ci.yml": _workflow("rye fmt")}
    assert not _passes(tmp_path, tree, "CI003")


# -- docker compose up whose services' exit fails it (CI002) ------------------------------

COMPOSE_TEST = (
    'services:\n  tests:\n    build: .\n    command: ["python", "-m", "pytest", "tests"]\n'
)


@pytest.mark.parametrize(
    ("up", "passes"),
    [
        ("--build --abort-on-container-exit", True),
        ("--exit-code-from tests", True),
        ("-d", False),
        ("--build", False),
    ],
)
def test_compose_up_runs_its_services_when_their_exit_counts(
    tmp_path: Path, up: str, passes: bool
) -> None:
    tree = {
        **PACKAGE,
        **TEST,
        "Dockerfile": "FROM python:3.12-slim\nCOPY . .\n",
        "compose.test.yaml": COMPOSE_TEST,
        ".github/workflows/ci.yml": _workflow(f"docker compose -f compose.test.yaml up {up}"),
    }
    assert _passes(tmp_path, tree, "CI002") is passes


def test_the_owners_own_workflow_on_a_branch_is_reported(tmp_path: Path) -> None:
    tree = {
        **PACKAGE,
        "README.md": BADGE.replace("{owner}", "example-org"),
        ".github/workflows/ci.yml": OWN_WORKFLOW.replace("@v2", "@main"),
    }
    assert not _passes(tmp_path, tree, "CI004")
