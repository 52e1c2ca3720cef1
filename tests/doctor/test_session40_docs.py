"""Session 40's fixes of fit-set false results on DOCS001: a compose command that only
works on a stack already up sets nothing up, a CDK app deployed with its parameters is
set up, and a command that installs from a file the repository lacks, or that updates
conda's base environment, cannot set the project up; a monorepo is set up by a README
below its projects' own (a tools folder's)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import Tree, audit, committed_status

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


# -- A monorepo set up in a README below its projects' own ---------------------------------


def _monorepo(tools_readme: str) -> Tree:
    """A monorepo of two projects whose own READMEs and root README set nothing up; a
    tools folder inside one project keeps a README of its own."""
    tree: Tree = {"README.md": "# Models\n\nTwo models of the team.\n"}
    for name in ("churn", "vision"):
        tree[f"{name}/pyproject.toml"] = f'[project]\nname = "{name}"\nversion = "1"\n'
        tree[f"{name}/{name}/__init__.py"] = ""
    return {
        **tree,
        "vision/README.md": "# Vision\n\nThe image model.\n",
        "vision/tools/README.md": tools_readme,
    }


def test_a_monorepo_set_up_in_a_readme_inside_a_project_is_set_up(tmp_path: Path) -> None:
    tools = "# Tools\n\n```bash\npip install -r requirements.txt\n```\n"
    tree = {**_monorepo(tools), "vision/tools/requirements.txt": "kfp\n"}
    build_file_tree(tmp_path, tree)
    assert not {f.project for f in audit(tmp_path).findings if f.id == "DOCS001"}


def test_a_monorepo_whose_nested_readmes_set_nothing_up_is_reported(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _monorepo("# Tools\n\nScripts that talk to the cluster.\n"))
    assert {f.project for f in audit(tmp_path).findings if f.id == "DOCS001"} == {
        "churn",
        "vision",
    }
