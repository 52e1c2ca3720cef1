"""Session 34's fixes of DOCS and CODE false results: helm install / kubectl apply set a
project up (DOCS001); a monorepo has a model card and a linter when one of its projects
has them (DOCS002, CODE003); a README that says what a card says is a model card
(DOCS002); a pre-commit `exclude: |` block is read as YAML reads it (CODE003); dotted
imports found from a folder above the importer, and the distribution's folder a build
backend installs, are packages (CODE001); any drive letter's path is hard-coded, not
Program Files or a folder filled from configuration (CODE002); tasks named for what they
act on count by their last word (DOCS003)."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Report, Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, committed_status, git_commit

TRAIN = "def main(model, x, y):\n    model.fit(x, y)\n"
# Two products, each with its own package and pins: a monorepo.
MONOREPO = {
    "README.md": "# Our services\n",
    "scoring/pyproject.toml": "[project]\nname = 'scoring'\ndependencies = ['fastapi']\n",
    "scoring/scoring/__init__.py": "",
    "scoring/scoring/app.py": "from fastapi import FastAPI\napp = FastAPI()\n",
    "scoring/scoring/fit.py": TRAIN,
    "training/pyproject.toml": "[project]\nname = 'training'\ndependencies = ['numpy']\n",
    "training/training/__init__.py": "",
    "training/training/train.py": TRAIN,
}


def _monorepo(tmp_path: Path, extra: dict[str, str]) -> Report:
    build_file_tree(tmp_path, {**MONOREPO, **extra})
    git_commit(tmp_path)
    report = audit(tmp_path)
    assert report.projects == ("scoring", "training")
    return report


def _failed_in(report: Report, check_id: str) -> set[str]:
    return {r.project for r in report.results if r.id == check_id and r.status is Status.FAILED}


# -- a nested project's card and linter count for the monorepo (DOCS002, CODE003) ---------


def test_a_model_card_of_one_project_counts_for_the_monorepo(tmp_path: Path) -> None:
    report = _monorepo(tmp_path, {"training/reports/model_card.md": "# Model card\n"})
    assert not _failed_in(report, "DOCS002")


def test_a_monorepo_whose_projects_have_no_card_is_reported(tmp_path: Path) -> None:
    assert _failed_in(_monorepo(tmp_path, {}), "DOCS002")


def test_a_linter_one_project_configures_counts_for_the_monorepo(tmp_path: Path) -> None:
    ruff = "[project]\nname = 'training'\n\n[tool.ruff]\nline-length = 100\n"
    report = _monorepo(tmp_path, {"training/pyproject.toml": ruff})
    assert not _failed_in(report, "CODE003")


def test_a_monorepo_whose_projects_configure_no_linter_is_reported(tmp_path: Path) -> None:
    assert _failed_in(_monorepo(tmp_path, {}), "CODE003")


# -- a README that is a model card in all but name (DOCS002) -----------------------------

README_CARD = """# Ticket router

## Data

12,000 support tickets labelled by the help desk, 2021-2023.

## Model architecture

A fine-tuned DistilBERT classifier over four queues.

## Evaluation

| split | accuracy | macro F1 |
|-------|----------|----------|
| test  | 0.91     | 0.88     |

Test F1: 0.88. The model struggles with billing tickets written in French.
"""


def test_a_readme_with_the_model_its_data_metrics_and_limits_is_a_card(tmp_path: Path) -> None:
    tree = {"README.md": README_CARD, "src/router/__init__.py": "", "src/router/train.py": TRAIN}
    assert committed_status(tmp_path, tree, "DOCS002") == "passed"


def test_a_readme_with_metrics_alone_is_no_card(tmp_path: Path) -> None:
    metrics_only = README_CARD.replace(" The model struggles with", " Most errors are")
    tree = {"README.md": metrics_only, "src/router/__init__.py": "", "src/router/train.py": TRAIN}
    assert committed_status(tmp_path, tree, "DOCS002") == "failed"


# -- a pre-commit exclude written as a block scalar (CODE003) -----------------------------

HOOKS = """exclude: |
  (?x)^(
    docs/.*|
    .*\\.copier-answers\\.ya?ml
  )$
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.6.0
    hooks:
      - id: ruff
"""


def test_a_block_scalar_exclude_leaves_the_project_linted(tmp_path: Path) -> None:
    tree = {".pre-commit-config.yaml": HOOKS, "src/demo/__init__.py": ""}
    assert committed_status(tmp_path, tree, "CODE003") == "passed"


def test_a_block_scalar_exclude_that_covers_everything_leaves_it_unlinted(
    tmp_path: Path,
) -> None:
    hooks = HOOKS.replace("docs/.*|", ".*|")
    tree = {".pre-commit-config.yaml": hooks, "src/demo/__init__.py": ""}
    assert committed_status(tmp_path, tree, "CODE003") == "failed"


# -- namespace packages found from a folder above the importer (CODE001) ------------------


def _steps(importer: str) -> dict[str, str]:
    """A pipeline whose steps folder has no __init__.py, run from churn/."""
    return {
        "churn/main.py": "from pipeline.run import run\n\nrun()\n",
        "churn/pipeline/run.py": f"{importer}\n\n\ndef run():\n    train()\n",
        "churn/steps/train.py": "def train():\n    return 1\n",
    }


def test_a_dotted_import_found_from_the_projects_folder_is_a_package(tmp_path: Path) -> None:
    tree = _steps("from steps.train import train")
    assert committed_status(tmp_path, tree, "CODE001") == "passed"


def test_modules_put_on_the_path_by_extending_it_are_loose(tmp_path: Path) -> None:
    importer = "import sys\nsys.path.extend(['..'])\nfrom steps.train import train"
    assert committed_status(tmp_path, _steps(importer), "CODE001") == "failed"


POETRY = '[tool.poetry]\nname = "price-model"\n\n[build-system]\nrequires = ["poetry-core"]\n'


def test_the_folder_a_build_backend_installs_is_a_package(tmp_path: Path) -> None:
    tree = {
        "pyproject.toml": POETRY,
        "price_model/train.py": TRAIN,
        "price_model/infer.py": "def predict(model, x):\n    return model.predict(x)\n",
    }
    assert committed_status(tmp_path, tree, "CODE001") == "passed"


def test_an_installed_folder_whose_scripts_import_each_other_flat_is_loose(
    tmp_path: Path,
) -> None:
    tree = {
        "pyproject.toml": POETRY,
        "price_model/train.py": "from model import build\n\nbuild()\n",
        "price_model/model.py": "def build():\n    return 1\n",
    }
    assert committed_status(tmp_path, tree, "CODE001") == "failed"


# -- a README that installs the project on a cluster sets it up (DOCS001) -----------------

CLUSTER_README = """# Demand forecast

```bash
gcloud container clusters get-credentials forecast --zone europe-west1-b
{command}
```
"""


def test_a_readme_that_installs_the_chart_sets_up(tmp_path: Path) -> None:
    readme = CLUSTER_README.format(command="helm install forecast ./charts/forecast")
    tree = {"README.md": readme, "charts/forecast/Chart.yaml": "name: forecast\n"}
    assert committed_status(tmp_path, tree, "DOCS001") == "passed"


def test_a_readme_that_only_reads_the_cluster_sets_nothing_up(tmp_path: Path) -> None:
    readme = CLUSTER_README.format(command="helm list")
    tree = {"README.md": readme, "charts/forecast/Chart.yaml": "name: forecast\n"}
    assert committed_status(tmp_path, tree, "DOCS001") == "failed"


# -- hard-coded paths: any drive letter, not Program Files or placeholders (CODE002) -------


def _path_status(tmp_path: Path, literal: str) -> str:
    code = f'import pandas as pd\n\n\ndef load():\n    return pd.read_csv(f"{literal}")\n'
    return committed_status(
        tmp_path, {"src/demo/__init__.py": "", "src/demo/io.py": code}, "CODE002"
    )


def test_a_forward_slash_drive_path_is_hard_coded(tmp_path: Path) -> None:
    assert _path_status(tmp_path, "D:/churn/data/train.csv") == "failed"


def test_where_windows_installs_a_tool_is_no_data_path(tmp_path: Path) -> None:
    assert _path_status(tmp_path, "C:/Program Files/Azure CLI/az.cmd") == "passed"


def test_a_volume_named_by_configuration_is_no_machine(tmp_path: Path) -> None:
    assert _path_status(tmp_path, "/Volumes/{catalog}/{schema}/raw/data.csv") == "passed"


def test_a_named_volume_is_a_machine(tmp_path: Path) -> None:
    assert _path_status(tmp_path, "/Volumes/External/raw/data.csv") == "failed"


def test_a_workbench_notebook_home_is_the_platforms(tmp_path: Path) -> None:
    assert _path_status(tmp_path, "/home/jupyter/scratch/data.csv") == "passed"


# -- tasks named for what they act on, by their last word (DOCS003) ------------------------

STACK_MAKEFILE = "{name}:\n\tdocker compose -f {compose} up -d\n"


def test_a_target_ending_with_up_is_a_common_task(tmp_path: Path) -> None:
    makefile = STACK_MAKEFILE.format(name="mlflow_up", compose="mlflow.yml")
    tree = {"Makefile": makefile, "mlflow.yml": "services: {}\n", **_package()}
    assert committed_status(tmp_path, tree, "DOCS003") == "passed"


def test_a_target_named_for_neither_task_nor_verb_is_none(tmp_path: Path) -> None:
    makefile = STACK_MAKEFILE.format(name="mlflow_stack", compose="mlflow.yml")
    tree = {"Makefile": makefile, "mlflow.yml": "services: {}\n", **_package()}
    assert committed_status(tmp_path, tree, "DOCS003") == "failed"


def _package() -> dict[str, str]:
    return {"src/demo/__init__.py": "", "src/demo/train.py": TRAIN}


def _console_scripts(*names: str) -> dict[str, str]:
    scripts = "".join(f'{name} = "demo.train:main"\n' for name in names)
    pyproject = f'[project]\nname = "demo"\n\n[project.scripts]\n{scripts}'
    return {"pyproject.toml": pyproject, **_package()}


def test_console_scripts_named_by_their_last_word_are_tasks(tmp_path: Path) -> None:
    tree = _console_scripts("demo_project_train", "demo_project_eval")
    assert committed_status(tmp_path, tree, "DOCS003") == "passed"


def test_one_console_script_named_for_a_task_is_the_program(tmp_path: Path) -> None:
    tree = _console_scripts("demo_project_train", "demo_project_report")
    assert committed_status(tmp_path, tree, "DOCS003") == "failed"
