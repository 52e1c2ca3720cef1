"""Session 40's fixes of fit-set false results on DOCS001: a compose command that only
works on a stack already up sets nothing up, a CDK app deployed with its parameters is
set up, and a command that installs from a file the repository lacks, or that updates
conda's base environment, cannot set the project up."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import Tree, committed_status

COMPOSE = {"compose.yaml": "services:\n  api:\n    build: .\n", "Dockerfile": "FROM python\n"}


def _passes(root: Path, tree: Tree) -> bool:
    return committed_status(root, tree, "DOCS001") == "passed"


def _readme(*commands: str) -> str:
    block = "\n".join(commands)
    return f"# Question answering service\n\n## Quick start\n\n```bash\n{block}\n```\n"


# -- Compose commands on a running stack ------------------------------------------------


def test_a_readme_that_brings_the_stack_up_with_the_compose_plugin_sets_up(
    tmp_path: Path,
) -> None:
    readme = _readme("docker compose --env-file .env up -d")
    assert _passes(tmp_path, {**PACKAGE, **COMPOSE, "README.md": readme})


def test_a_readme_that_only_runs_commands_in_a_stack_already_up_sets_nothing_up(
    tmp_path: Path,
) -> None:
    # The API is "already running": exec, logs and down set nothing up.
    readme = _readme(
        "docker compose exec api python /workspace/scripts/evaluate.py",
        "docker compose logs -f api",
        "docker compose down",
    )
    assert not _passes(tmp_path, {**PACKAGE, **COMPOSE, "README.md": readme})


# -- A CDK app deployed with its parameters ------------------------------------------------

CDK_APP = {"app.py": "import aws_cdk as cdk\n\napp = cdk.App()\napp.synth()\n"}


def test_a_cdk_deploy_with_its_parameters_sets_the_app_up(tmp_path: Path) -> None:
    readme = _readme("cdk deploy \\", "    --parameters SecretName=<name of the secret>")
    assert _passes(tmp_path, {**PACKAGE, **CDK_APP, "README.md": readme})


def test_cdk_inits_boilerplate_list_of_commands_sets_nothing_up(tmp_path: Path) -> None:
    readme = (
        "# Welcome to your CDK project!\n\n## Useful commands\n\n"
        " * `cdk ls`          list all stacks in the app\n"
        " * `cdk synth`       emits the synthesized CloudFormation template\n"
        " * `cdk deploy`      deploy this stack to your default AWS account/region\n"
        " * `cdk diff`        compare deployed stack with current state\n"
    )
    assert not _passes(tmp_path, {**PACKAGE, **CDK_APP, "README.md": readme})


# -- Installing from a file the repository lacks ------------------------------------------


def test_a_conda_environment_created_from_the_repositorys_file_sets_up(tmp_path: Path) -> None:
    readme = _readme("conda env create -f environment_local.yaml", "conda activate lakes")
    tree = {**PACKAGE, "environment_local.yaml": "name: lakes\n", "README.md": readme}
    assert _passes(tmp_path, tree)


def test_a_conda_environment_created_from_a_file_the_repository_lacks_sets_nothing_up(
    tmp_path: Path,
) -> None:
    # Only environment_local.yaml is committed; conda's own update touches its base.
    readme = _readme(
        "conda update -n base conda", "conda env create -f environment.yaml", "conda activate x"
    )
    tree = {**PACKAGE, "environment_local.yaml": "name: lakes\n", "README.md": readme}
    assert not _passes(tmp_path, tree)


def test_requirements_in_a_subfolder_the_readme_names_by_path_set_up(tmp_path: Path) -> None:
    readme = _readme("cd api", "pip install -r requirements.txt")
    tree = {**PACKAGE, "api/requirements.txt": "fastapi\n", "README.md": readme}
    assert _passes(tmp_path, tree)


def test_requirements_named_by_a_windows_path_set_up(tmp_path: Path) -> None:
    readme = "# Accidents\n\n### Install the packages\n\n    `pip install -r .\\requirements.txt`\n"
    tree = {**PACKAGE, "requirements.txt": "pandas\n", "README.md": readme}
    assert _passes(tmp_path, tree)


def test_compose_watch_builds_and_starts_the_stack(tmp_path: Path) -> None:
    readme = _readme("cp .env.sample .env", "docker compose watch")
    assert _passes(tmp_path, {**PACKAGE, **COMPOSE, "README.md": readme})
