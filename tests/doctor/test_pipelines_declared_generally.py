"""DATA004 reads a pipeline from what declares one whatever the tool: a command line
that offers the stages one by one or all in order, a declarative job file whose steps
depend on the training step, and a Kedro project's pipelines followed to the training."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.pipelines import may_offer_all_stages
from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import FIT, PACKAGE, TRAINING
from tests.doctor.helpers import status_on

TREE = {**PACKAGE, **TRAINING, "src/demo/prepare.py": "def main():\n    return 1\n"}


def pipeline_status(root: Path, files: dict[str, str]) -> Status:
    return status_on(root, {**TREE, **files}, "DATA004")


MENU = (
    "import argparse\n\nfrom demo import prepare, train\n\n\n"
    "def main(step):\n    if step in ('all', 'prepare'):\n        prepare.main()\n"
    "    if step in ('all', 'train'):\n        train.main()\n\n\n"
    "parser = argparse.ArgumentParser()\n"
    "parser.add_argument('--step', choices={choices}, default='{default}')\n"
    "main(parser.parse_args().step)\n"
)


def test_a_command_line_offering_the_stages_or_all_of_them_declares_the_pipeline(
    tmp_path: Path,
) -> None:
    runner = MENU.format(choices="['prepare', 'train', 'all']", default="all")
    assert pipeline_status(tmp_path, {"main.py": runner}) is Status.PASSED


def test_a_command_line_of_separate_commands_declares_no_pipeline(tmp_path: Path) -> None:
    runner = MENU.format(choices="['prepare', 'train', 'serve']", default="train")
    assert pipeline_status(tmp_path, {"main.py": runner}) is Status.FAILED


DATABRICKS_JOB = (
    'resource "databricks_job" "training" {{\n  name = "training"\n'
    '  task {{\n    task_key = "Train"\n'
    '    notebook_task {{\n      notebook_path = "notebooks/Train"\n    }}\n  }}\n'
    '  task {{\n    task_key = "Validate"\n    depends_on {{\n      task_key = "{after}"\n'
    "    }}\n"
    '    notebook_task {{\n      notebook_path = "notebooks/Validate"\n    }}\n  }}\n}}\n'
)


def test_a_job_file_whose_step_depends_on_the_training_declares_the_pipeline(
    tmp_path: Path,
) -> None:
    job = {"infra/training-job.tf": DATABRICKS_JOB.format(after="Train")}
    assert pipeline_status(tmp_path, job) is Status.PASSED


def test_a_job_file_whose_steps_never_follow_a_training_declares_no_pipeline(
    tmp_path: Path,
) -> None:
    job = {"infra/training-job.tf": DATABRICKS_JOB.format(after="Ingest")}
    assert pipeline_status(tmp_path, job) is Status.FAILED


def test_compose_services_that_wait_for_a_trainer_declare_no_pipeline(tmp_path: Path) -> None:
    compose = (
        "services:\n  trainer:\n    build: .\n  api:\n    build: .\n"
        "    depends_on:\n      - trainer\n"
    )
    assert pipeline_status(tmp_path, {"docker-compose.yml": compose}) is Status.FAILED


KEDRO = {
    "pyproject.toml": '[tool.kedro]\npackage_name = "demo"\n',
    "src/demo/pipeline_registry.py": (
        "from kedro.framework.project import find_pipelines\n\n\n"
        "def register_pipelines():\n    return find_pipelines()\n"
    ),
    "src/demo/pipelines/__init__.py": "",
    "src/demo/pipelines/data_processing/__init__.py": "",
    "src/demo/pipelines/data_processing/nodes.py": "def clean(df):\n    return df.dropna()\n",
    "src/demo/pipelines/data_processing/pipeline.py": (
        "from kedro.pipeline import node, pipeline\n\nfrom .nodes import clean\n\n\n"
        "def create_pipeline(**kwargs):\n"
        "    return pipeline([node(clean, 'raw', 'clean')])\n"
    ),
}


def test_a_kedro_project_whose_pipelines_only_process_data_is_reported(
    tmp_path: Path,
) -> None:
    # the model is trained by src/demo/train.py, which no Kedro pipeline runs
    assert pipeline_status(tmp_path, KEDRO) is Status.FAILED


def test_a_kedro_project_whose_pipeline_trains_the_model_declares_it(tmp_path: Path) -> None:
    science = {
        "src/demo/pipelines/data_science/__init__.py": "",
        "src/demo/pipelines/data_science/nodes.py": FIT,
        "src/demo/pipelines/data_science/pipeline.py": (
            "from kedro.pipeline import node, pipeline\n\nfrom .nodes import main\n\n\n"
            "def create_pipeline(**kwargs):\n"
            "    return pipeline([node(main, 'clean', 'model')])\n"
        ),
    }
    # the training lives in the pipeline's nodes only
    assert status_on(tmp_path, {**PACKAGE, **KEDRO, **science}, "DATA004") is Status.PASSED


# The menu's literals are looked for in the text before the module is parsed: in any case
# and either quote, and a module offering no `all` is never parsed for a menu.
UPPER_CASE_MENU = (
    "import argparse\n\nfrom demo import prepare, train\n\n"
    "parser = argparse.ArgumentParser()\n"
    'parser.add_argument("--step", choices=["PREPARE", "TRAIN", "ALL"])\n'
    "step = parser.parse_args().step\n"
    'if step != "TRAIN":\n    prepare.main()\nif step != "PREPARE":\n    train.main()\n'
)


def test_a_menu_offering_all_in_upper_case_declares_the_pipeline(tmp_path: Path) -> None:
    assert pipeline_status(tmp_path, {"main.py": UPPER_CASE_MENU}) is Status.PASSED


def test_only_a_module_quoting_all_pipeline_or_full_may_offer_the_stages() -> None:
    assert may_offer_all_stages("choices=['prepare', 'train', \"Full\"]")
    assert may_offer_all_stages('click.Choice(["ingest", "train", "PIPELINE"])')
    assert not may_offer_all_stages("choices=['adam', 'sgd']  # all optimizers")


def test_only_all_as_an_item_of_a_list_may_offer_the_stages() -> None:
    assert may_offer_all_stages('choices=[\n  "prepare",  # the data\n  "train",\n  "all",\n]')
    assert may_offer_all_stages('STAGES = ("prepare", "train",\n    # both\n    "all")')
    assert not may_offer_all_stages("help='Use `\"all\"` to report to all integrations.'")
    assert not may_offer_all_stages("help=\"a model, 'all' to compare them\"")
    assert not may_offer_all_stages('if args.models == "all":')
