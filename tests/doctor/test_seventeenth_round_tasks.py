"""Round 17's task runners: a Python script whose subcommands name common tasks (argparse,
click, Fire), Pipenv's [scripts], and a Kedro project kept as a library's example; a
README that runs a Python setup script."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import PACKAGE, TEST, TRAINING
from tests.doctor.helpers import status_on
from tests.doctor.test_commands import workflow


def workflow_tree(*runs: str) -> dict[str, str]:
    return {".github/workflows/ci.yml": workflow(*runs)}


README = "# Demo\n\nA model.\n"

FIRE_TASKS = (
    "import fire\n\n\ndef train():\n    print('train')\n\n\n"
    "def run_server():\n    print('serve')\n\n\nif __name__ == '__main__':\n    fire.Fire()\n"
)
FIRE_ONE = "import fire\n\n\ndef main(epochs=3):\n    print(epochs)\n\n\nfire.Fire(main)\n"
ARGPARSE_TASKS = (
    "import argparse\nimport subprocess\n\n\ndef main():\n"
    "    parser = argparse.ArgumentParser()\n"
    "    sub = parser.add_subparsers(dest='command')\n"
    "    sub.add_parser('setup', help='install')\n"
    "    sub.add_parser('test', help='run the tests')\n"
    "    sub.add_parser('dev')\n"
    "    args = parser.parse_args()\n"
    "    if args.command == 'setup':\n"
    "        subprocess.run(['.venv/bin/pip', 'install', '-r', 'requirements.txt'], check=True)\n"
)
ARGPARSE_OTHER = (
    "import argparse\n\nparser = argparse.ArgumentParser()\n"
    "sub = parser.add_subparsers()\nsub.add_parser('plot')\nsub.add_parser('export')\n"
)
CLICK_TASKS = (
    "import click\n\n\n@click.group()\ndef cli():\n    pass\n\n\n"
    "@cli.command()\ndef train():\n    pass\n\n\n"
    "@cli.command(name='evaluate')\ndef evaluate_model():\n    pass\n"
)
CLICK_LONE = "import click\n\n\n@click.command()\ndef train():\n    pass\n"


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"commands.py": FIRE_TASKS}, Status.PASSED),
        ({"scripts/cli.py": ARGPARSE_TASKS}, Status.PASSED),
        ({"cli.py": CLICK_TASKS}, Status.PASSED),
        ({"commands.py": FIRE_ONE}, Status.FAILED),
        ({"scripts/cli.py": ARGPARSE_OTHER}, Status.FAILED),
        ({"cli.py": CLICK_LONE}, Status.FAILED),
        ({"src/demo/cli.py": CLICK_TASKS}, Status.FAILED),  # a package's module, not a script
    ],
)
def test_docs003_a_python_script_with_task_subcommands_is_a_task_runner(
    tmp_path: Path, files: dict[str, str], status: Status
) -> None:
    tree = {"README.md": README, **PACKAGE, **files}
    assert status_on(tmp_path, tree, "DOCS003") is status


PIPFILE = '[packages]\nrequests = "*"\n\n[dev-packages]\npylint = "*"\n'


@pytest.mark.parametrize(
    ("pipfile", "status"),
    [
        (PIPFILE + '\n[scripts]\nlint = "pylint src"\n', Status.PASSED),
        (PIPFILE, Status.FAILED),
    ],
)
def test_docs003_pipenv_scripts_are_tasks(tmp_path: Path, pipfile: str, status: Status) -> None:
    tree = {"README.md": README, **PACKAGE, "Pipfile": pipfile}
    assert status_on(tmp_path, tree, "DOCS003") is status


KEDRO = '[project]\nname = "planets"\nversion = "0.1"\n\n[tool.kedro]\npackage_name = "planets"\n'


@pytest.mark.parametrize(
    ("folder", "status"),
    [("pipelines", Status.PASSED), ("examples/planets", Status.FAILED)],
)
def test_docs003_an_examples_kedro_project_is_not_the_repositorys_entry_point(
    tmp_path: Path, folder: str, status: Status
) -> None:
    tree = {
        "README.md": README,
        **PACKAGE,
        f"{folder}/pyproject.toml": KEDRO,
        f"{folder}/src/planets/__init__.py": "",
    }
    assert status_on(tmp_path, tree, "DOCS003") is status


@pytest.mark.parametrize(
    ("script", "status"),
    [(ARGPARSE_TASKS, Status.PASSED), (ARGPARSE_TASKS.rsplit("    if", 1)[0], Status.FAILED)],
)
def test_docs001_a_python_script_the_readme_runs_that_installs_sets_up(
    tmp_path: Path, script: str, status: Status
) -> None:
    readme = "# Demo\n\n```sh\npython scripts/cli.py setup\nsource .venv/bin/activate\n```\n"
    tree = {"README.md": readme, "scripts/cli.py": script}
    assert status_on(tmp_path, tree, "DOCS001") is status


DOCTESTED = (
    '"""Sizes."""\n\n\ndef double(x):\n    """Twice x.\n\n    >>> double(2)\n    4\n    """\n'
    "    return 2 * x\n"
)
ADDOPTS = '[project]\nname = "demo"\nversion = "0.1"\n\n[tool.pytest.ini_options]\n'


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"pyproject.toml": ADDOPTS + 'addopts = ["--doctest-modules"]\n'}, Status.PASSED),
        ({"pytest.ini": "[pytest]\naddopts = --doctest-modules -q\n"}, Status.PASSED),
        ({"pyproject.toml": ADDOPTS + 'addopts = ["-q"]\n'}, Status.FAILED),
    ],
)
def test_test001_doctests_pytest_is_told_to_collect_are_a_suite(
    tmp_path: Path, files: dict[str, str], status: Status
) -> None:
    tree = {"README.md": README, "src/demo/__init__.py": "", "src/demo/sizes.py": DOCTESTED}
    assert status_on(tmp_path, {**tree, **files}, "TEST001") is status


def test_test001_doctest_text_outside_a_docstring_is_no_doctest(tmp_path: Path) -> None:
    code = "# >>> double(2)\nPROMPT = '>>> '\n"
    tree = {
        "README.md": README,
        "src/demo/__init__.py": "",
        "src/demo/sizes.py": code,
        "pytest.ini": "[pytest]\naddopts = --doctest-modules\n",
    }
    assert status_on(tmp_path, tree, "TEST001") is Status.FAILED


@pytest.mark.parametrize(
    ("module", "status"),
    [
        # Python 2 code: pytest on Python 3 cannot read it, but it is a suite
        ('import demo\n\n\ndef test_size():\n    print "size"\n    assert demo\n', Status.PASSED),
        # an import no Python reads (a module name starting with a digit): nothing to collect
        ("from 1_etl.assets import load\n\n\ndef test_load():\n    assert load()\n", Status.FAILED),
    ],
)
def test_test001_a_module_that_stops_at_an_import_collects_nothing(
    tmp_path: Path, module: str, status: Status
) -> None:
    tree = {"README.md": README, **PACKAGE, "tests/test_demo.py": module}
    assert status_on(tmp_path, tree, "TEST001") is status


@pytest.mark.parametrize(
    ("addopts", "status"),
    [('["--doctest-modules"]', Status.PASSED), ('["-q"]', Status.FAILED)],
)
def test_ci002_a_pytest_run_that_collects_doctests_runs_the_suite(
    tmp_path: Path, addopts: str, status: Status
) -> None:
    tree = {
        **workflow_tree("uv run pytest"),
        "pyproject.toml": ADDOPTS + f"addopts = {addopts}\n",
        "src/demo/__init__.py": "",
        "src/demo/sizes.py": DOCTESTED,
    }
    assert status_on(tmp_path, tree, "CI002") is status


EVALUATE = (
    "from model import load, score\n\n\ndef test_performance():\n"
    "    r2 = score(load('model.pkl'))\n    assert r2 > 0.5\n"
)
SMOKE_TEST = {"tests/test_app.py": "def test_home():\n    assert sum([1, 1]) == 2\n"}


@pytest.mark.parametrize(
    ("runs", "status"),
    [
        (["pytest app/evaluate.py"], Status.PASSED),
        (["docker run $IMAGE python -m pytest evaluate.py"], Status.PASSED),
        (["pytest tests"], Status.FAILED),
    ],
)
def test_test002_a_module_ci_hands_pytest_is_a_test_module(
    tmp_path: Path, runs: list[str], status: Status
) -> None:
    tree = {**workflow_tree(*runs), **SMOKE_TEST, "app/evaluate.py": EVALUATE}
    assert status_on(tmp_path, tree, "TEST002") is status


PREPROCESS = (
    "import numpy as np\n\n\ndef preprocess(images, split):\n"
    "    if {test}:\n        raise ValueError('bad input')\n    return images / 255.0\n\n\n"
    "def main():\n    preprocess(np.load('data/images.npy'), 0.2)\n"
)


@pytest.mark.parametrize(
    ("test", "status"),
    [
        ("np.any(images < 0) or np.any(images > 255)", Status.PASSED),
        ("(images > 255).any()", Status.PASSED),
        ("images.max() > 255", Status.PASSED),
        ("split < 0 or split > 1", Status.FAILED),  # a parameter's check, not the data's
    ],
)
def test_data005_a_pipeline_step_that_raises_on_values_out_of_range_checks_the_data(
    tmp_path: Path, test: str, status: Status
) -> None:
    tree = {
        **PACKAGE,
        **TRAINING,
        **TEST,
        "src/demo/preprocess.py": PREPROCESS.replace("{test}", test),
        "Makefile": "prepare:\n\tpython src/demo/preprocess.py\n",
    }
    assert status_on(tmp_path, tree, "DATA005") is status


FLOW_BASE = "from metaflow import FlowSpec\n\n\nclass Pipeline(FlowSpec):\n    seed = 42\n"
FLOW = (
    "import pandas as pd\nfrom metaflow import current, step\nfrom sklearn.svm import SVC\n\n"
    "from common.base import Pipeline\n\n\nclass Training(Pipeline):\n"
    "    {decorator}\n    def train(self):\n"
    "        data = pd.read_csv('data/penguins.csv')\n"
    "        self.model = SVC().fit(data[['a']], data['b'])\n        print(current.run_id)\n"
)


@pytest.mark.parametrize(
    ("decorator", "status"),
    [("@step", Status.PASSED), ("@staticmethod", Status.FAILED)],
)
def test_data004_a_metaflow_flow_on_the_projects_own_flowspec_class_is_a_pipeline(
    tmp_path: Path, decorator: str, status: Status
) -> None:
    tree = {
        **PACKAGE,
        "src/common/__init__.py": "",
        "src/common/base.py": FLOW_BASE,
        "src/flows/training.py": FLOW.replace("{decorator}", decorator),
    }
    assert status_on(tmp_path, tree, "DATA004") is status


TRAIN_SCRIPT = (
    "import joblib\nimport pandas as pd\nfrom sklearn.linear_model import LinearRegression\n\n"
    "data = pd.read_csv('data/train.csv')\n"
    "joblib.dump(LinearRegression().fit(data[['x']], data['y']), 'model.pkl')\n"
)


@pytest.mark.parametrize(
    ("then", "status"),
    [("pytest evaluate.py", Status.PASSED), ("pytest tests/test_app.py", Status.FAILED)],
)
def test_data004_training_then_a_test_run_of_an_evaluation_module_is_a_pipeline(
    tmp_path: Path, then: str, status: Status
) -> None:
    tree = {
        **workflow_tree("python app/train.py", then),
        **SMOKE_TEST,
        "app/train.py": TRAIN_SCRIPT,
        "app/evaluate.py": EVALUATE,
    }
    assert status_on(tmp_path, tree, "DATA004") is status


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({".pep8speaks.yml": "pycodestyle:\n  max-line-length: 100\n"}, Status.PASSED),
        ({".hound.yml": "flake8:\n  enabled: true\n"}, Status.PASSED),
        ({".hound.yml": "eslint:\n  enabled: true\n"}, Status.FAILED),
    ],
)
def test_code003_a_hosted_pull_request_linter_configured_in_the_repository(
    tmp_path: Path, files: dict[str, str], status: Status
) -> None:
    tree = {"README.md": README, **PACKAGE, **files}
    assert status_on(tmp_path, tree, "CODE003") is status
