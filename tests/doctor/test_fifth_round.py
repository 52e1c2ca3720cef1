"""Stacks of the fifth corpus round: a Poetry library without a `packages` key, courses
in day and homework folders, folders of scripts beside real projects, build contexts in
subfolders, images the repository builds itself, datasets a library ships, and CI
pipelines that declare the training as a stage."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import PACKAGE, TEST, TRAINING
from tests.doctor.helpers import audit, found_ids, git_commit, status_of

POETRY_APP = (
    '[tool.poetry]\nname = "scoring"\nversion = "0.1.0"\ndescription = ""\n'
    'authors = ["A <a@example.org>"]\n\n[tool.poetry.dependencies]\npython = "^3.11"\n\n'
    '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n'
)
POETRY_LIBRARY = POETRY_APP.replace(
    'description = ""\n', 'description = "Helpers"\nrepository = "https://example.org/h"\n'
)
LOCK = '[metadata]\nlock-version = "2.0"\ncontent-hash = "x"\n'


def test_a_poetry_package_that_says_where_it_lives_is_a_library(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**PACKAGE, "pyproject.toml": POETRY_LIBRARY, "poetry.lock": LOCK})
    report = audit(tmp_path)
    assert report.kind == "library"
    assert status_of(report, "ENV005") is Status.NOT_APPLICABLE  # its users pin, not it


def test_a_poetry_project_with_only_poetry_init_metadata_stays_an_application(
    tmp_path: Path,
) -> None:
    tree = {**PACKAGE, **TRAINING, "pyproject.toml": POETRY_APP, "poetry.lock": LOCK}
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path)
    assert report.kind == "application"
    assert "ENV005" in found_ids(report)


def _course(first: str, second: str) -> dict[str, str]:
    """Two lessons with a project file each, and a service in one of them."""
    tree = {"README.md": "# Machine learning in production\n\nOur notes.\n"}
    for folder in (first, second):
        tree[f"{folder}/requirements.txt"] = "scikit-learn>=1\n"
        tree[f"{folder}/README.md"] = "Run `pip install -r requirements.txt`.\n"
        tree[f"{folder}/train.py"] = "def main(model, x, y):\n    model.fit(x, y)\n"
    return tree


def test_day_and_homework_folders_are_the_lessons_of_a_course(tmp_path: Path) -> None:
    build_file_tree(tmp_path / "days", _course("Day1/mlflow_project", "Day2/components"))
    build_file_tree(tmp_path / "homework", _course("hw1", "hw2"))
    for tree, kind in (("days", "example"), ("homework", "monorepo")):
        report = audit(tmp_path / tree)
        assert report.kind == kind  # a course's material is an example, homework is not
        assert ("ENV002", report.projects[0]) in {(f.id, f.project) for f in report.findings}
        assert not found_ids(report) & {"DOCS002", "DATA004", "EXP001"}


def test_projects_in_plain_folders_are_audited_as_projects(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _course("churn", "vision"))
    report = audit(tmp_path)
    assert report.kind == "monorepo"
    assert "EXP001" in found_ids(report)


TOX = "[tox]\nenvlist = py\n\n[flake8]\nmax-line-length = 100\n"


def _packages_with_a_script_folder(tests: bool) -> dict[str, str]:
    """Two packaged projects (tests, a linter, a task runner) and a folder of scripts."""
    tree: dict[str, str] = {"README.md": "# Models\n"}
    for name in ("model", "api"):
        tree[f"packages/{name}/setup.py"] = f"from setuptools import setup\nsetup(name='{name}')\n"
        tree[f"packages/{name}/{name}/__init__.py"] = ""
        tree[f"packages/{name}/tox.ini"] = TOX
        tree[f"packages/{name}/tests/test_{name}.py"] = (
            "def test_ok():\n    assert sum([1, 1]) == 2\n"
        )
    tree["packages/cloud/requirements.txt"] = "google-cloud-storage>=2\n"
    tree["packages/cloud/pull_model.py"] = "print('pulling')\n"
    if tests:
        tree["packages/cloud/tests/test_pull.py"] = (
            "def test_pull():\n    assert sum([1, 1]) == 2\n"
        )
    return tree


def test_a_folder_of_scripts_beside_projects_is_no_project_of_its_own(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _packages_with_a_script_folder(tests=False))
    report = audit(tmp_path)
    assert report.projects == ("packages/api", "packages/model")
    assert not found_ids(report) & {"TEST001", "CODE003"}


def test_a_requirements_folder_with_tests_is_a_project(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _packages_with_a_script_folder(tests=True))
    report = audit(tmp_path)
    assert "packages/cloud" in report.projects
    # judged as a project of its own: no linter of its own, its siblings' counts (session 34)
    linted = next(r for r in report.results if r.id == "CODE003" and r.project == "packages/cloud")
    assert linted.reason is not None and linted.reason.startswith("packages/")


APP = {**PACKAGE, "src/demo/app.py": "from fastapi import FastAPI\n\napp = FastAPI()\n"}
COPY_ALL = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER nobody\n"


def test_a_build_context_in_a_subfolder_sends_no_git_history(tmp_path: Path) -> None:
    tree = {
        **APP,
        "components/train/Dockerfile": COPY_ALL,
        "components/train/train.py": "print('train')\n",
        "skaffold.yaml": (
            "apiVersion: skaffold/v2beta29\nkind: Config\nbuild:\n  artifacts:\n"
            "    - image: train\n      context: components/train\n"
        ),
        "service/Dockerfile": COPY_ALL,
        "service/.dockerignore": "./data\n",
        "service/data/rows.csv": "a,b\n1,2\n",
    }
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    assert "IMG005" not in found_ids(audit(tmp_path, "IMG005"))


def test_copying_the_root_context_without_a_dockerignore_sends_git_history(
    tmp_path: Path,
) -> None:
    tree = {**APP, "components/train/Dockerfile": COPY_ALL, "README.md": "# x\n"}
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    report = audit(tmp_path, "IMG005")
    assert [f.message for f in report.findings if f.id == "IMG005"] == [
        "Build context lets data, models or .git in: no .dockerignore, and COPY . sends .git in"
    ]


def test_a_dockerignore_path_with_a_leading_dot_slash_still_keeps_data_out(
    tmp_path: Path,
) -> None:
    tree = {**APP, "Dockerfile": COPY_ALL, "data/rows.csv": "a\n1\n"}
    build_file_tree(tmp_path, {**tree, ".dockerignore": ".git\n./data\n"})
    git_commit(tmp_path)
    assert "IMG005" not in found_ids(audit(tmp_path, "IMG005"))


def test_a_dockerignore_that_misses_data_lets_it_in(tmp_path: Path) -> None:
    tree = {**APP, "Dockerfile": COPY_ALL, "data/rows.csv": "a\n1\n"}
    build_file_tree(tmp_path, {**tree, ".dockerignore": ".git\n./notebooks\n"})
    git_commit(tmp_path)
    assert "IMG005" in found_ids(audit(tmp_path, "IMG005"))


COMPOSE_BASE = (
    "services:\n  base:\n    build:\n      context: images/base\n    image: ml-base\n"
    "  train:\n    build:\n      context: images/train\n    image: ml-train\n"
)


def test_an_image_the_repository_builds_itself_needs_no_registry_pin(tmp_path: Path) -> None:
    tree = {
        **APP,
        "docker-compose.yml": COMPOSE_BASE,
        "images/base/Dockerfile": "FROM python:3.12-slim\n",
        "images/train/Dockerfile": "FROM ml-base:latest\nCOPY train.py /train.py\n",
        "images/score/Dockerfile": "FROM my-scorer\n",
        "Makefile": "build:\n\tdocker build -t my-scorer:dev images/score-base\n",
    }
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    assert "IMG004" not in found_ids(audit(tmp_path, "IMG004"))


def test_an_untagged_image_from_a_registry_is_reported(tmp_path: Path) -> None:
    tree = {
        **APP,
        "docker-compose.yml": COMPOSE_BASE,
        "images/base/Dockerfile": "FROM python:3.12-slim\n",
        "images/train/Dockerfile": "FROM ml-base:latest\n",
        "images/score/Dockerfile": "FROM ghcr.io/acme/scorer:latest\n",
    }
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    report = audit(tmp_path, "IMG004")
    assert [f.path for f in report.findings] == ["images/score/Dockerfile"]


PROJECT_NAMED = '[project]\nname = "Acme-Vision"\nversion = "1.0"\n'


def test_an_image_named_after_the_project_is_its_own_dockerfile(tmp_path: Path) -> None:
    tree = {
        **APP,
        "pyproject.toml": PROJECT_NAMED,
        "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\n",
        "examples/demo/Dockerfile": "FROM acme-vision:latest\nRUN pip install jupyter\n",
    }
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    assert "IMG004" not in found_ids(audit(tmp_path, "IMG004"))


def test_an_image_named_after_the_project_with_no_dockerfile_to_build_it_is_reported(
    tmp_path: Path,
) -> None:
    tree = {
        **APP,
        "pyproject.toml": PROJECT_NAMED,
        "examples/demo/Dockerfile": "FROM acme-vision:latest\nRUN pip install jupyter\n",
    }
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    report = audit(tmp_path, "IMG004")
    assert [f.path for f in report.findings] == ["examples/demo/Dockerfile"]


def test_training_on_a_dataset_the_library_ships_needs_no_data_versioning(
    tmp_path: Path,
) -> None:
    train = (
        "from sklearn.datasets import load_iris\nfrom sklearn.svm import SVC\n\n"
        "x, y = load_iris(return_X_y=True)\nSVC().fit(x, y)\n"
    )
    build_file_tree(tmp_path, {**APP, "train.py": train})
    report = audit(tmp_path, "DATA001")
    assert status_of(report, "DATA001") is Status.NOT_APPLICABLE


def test_training_that_also_reads_a_file_needs_data_versioning(tmp_path: Path) -> None:
    train = (
        "import pandas as pd\nfrom sklearn.datasets import load_iris\n\n"
        "extra = pd.read_csv('customers.csv')\nx, y = load_iris(return_X_y=True)\n"
        "model.fit(x, y)\n"
    )
    build_file_tree(tmp_path, {**APP, "train.py": train})
    assert "DATA001" in found_ids(audit(tmp_path, "DATA001"))


GITLAB_STAGES = (
    "stages:\n  - prepare\n  - train\n\nprepare:\n  stage: prepare\n  script:\n"
    "    - python prepare_data.py\n\ntrain:\n  stage: train\n  script:\n"
    "    - python train.py\n  artifacts:\n    paths:\n      - model/\n"
)
ONE_JOB = (
    "name: train\non: workflow_dispatch\njobs:\n  train:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: python prepare_data.py\n      - run: python train.py\n"
)


def test_a_gitlab_pipeline_with_a_training_stage_declares_the_pipeline(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**APP, **TRAINING, ".gitlab-ci.yml": GITLAB_STAGES})
    assert status_of(audit(tmp_path, "DATA004"), "DATA004") is Status.PASSED


def test_steps_of_one_ci_job_declare_no_pipeline(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**APP, **TRAINING, ".github/workflows/train.yml": ONE_JOB})
    assert "DATA004" in found_ids(audit(tmp_path, "DATA004"))


def test_github_jobs_linked_by_needs_declare_the_pipeline(tmp_path: Path) -> None:
    linked = ONE_JOB.replace(
        "      - run: python train.py\n",
        "  fit:\n    needs: train\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: python -m src.train\n",
    )
    build_file_tree(tmp_path, {**APP, **TRAINING, **TEST, ".github/workflows/train.yml": linked})
    assert status_of(audit(tmp_path, "DATA004"), "DATA004") is Status.PASSED


BUILD_IMAGE = (
    "import mlflow\n\n\nif __name__ == '__main__':\n"
    "    mlflow.models.build_docker(model_uri='models:/churn@champion', name='churn')\n"
)
MLFLOW_TRAIN = (
    "import mlflow\nimport pandas as pd\n\n\ndef main(model):\n"
    "    x = pd.read_csv('data/train.csv')\n    model.fit(x, x.pop('y'))\n"
    "    mlflow.sklearn.log_model(model, 'model', registered_model_name='churn')\n"
)


def test_an_mlflow_built_image_is_a_service_with_health_routes_but_no_metrics(
    tmp_path: Path,
) -> None:
    tree = {
        "requirements.txt": "mlflow==2.12.1\n",
        "code/build_image.py": BUILD_IMAGE,
        "code/train.py": MLFLOW_TRAIN,
    }
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    report = audit(tmp_path, "SERVE001", "SERVE002", "MON002", "IMG001", "ENV004")
    for check_id in ("SERVE001", "SERVE002", "IMG001", "ENV004"):
        assert status_of(report, check_id) is Status.PASSED, check_id
    assert found_ids(report) == {"MON002"}


def test_training_that_only_logs_to_mlflow_serves_nothing(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"requirements.txt": "mlflow==2.12.1\n", "train.py": MLFLOW_TRAIN})
    git_commit(tmp_path)
    report = audit(tmp_path, "SERVE001", "IMG001")
    assert status_of(report, "SERVE001") is not Status.PASSED
    assert status_of(report, "IMG001") is not Status.PASSED


def test_the_python_a_ci_job_runs_in_is_judged(tmp_path: Path) -> None:
    gitlab = "image: python:3.8\n\ntrain:\n  script:\n    - python train.py\n"
    github = ONE_JOB.replace(
        "    steps:\n",
        "    steps:\n      - uses: actions/setup-python@v5\n"
        "        with:\n          python-version: '3.7'\n",
    )
    for name, files in (
        ("gitlab", {".gitlab-ci.yml": gitlab}),
        ("github", {".github/workflows/train.yml": github}),
    ):
        build_file_tree(tmp_path / name, {"requirements.txt": "numpy==2.1.0\n", **files})
        assert "ENV006" in found_ids(audit(tmp_path / name, "ENV006")), name


def test_a_ci_job_on_a_supported_python_passes(tmp_path: Path) -> None:
    gitlab = "image: python:3.13-slim\n\ntrain:\n  script:\n    - python train.py\n"
    build_file_tree(tmp_path, {"requirements.txt": "numpy==2.1.0\n", ".gitlab-ci.yml": gitlab})
    assert status_of(audit(tmp_path, "ENV006"), "ENV006") is Status.PASSED


AZURE_ENVIRONMENT = (
    "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\n"
    "name: train-env\nimage: {image}\nconda_file: conda.yml\n"
)


def test_an_azure_ml_environment_on_an_ended_ubuntu_is_reported(tmp_path: Path) -> None:
    image = "mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04"
    build_file_tree(tmp_path, {"aml/env.yml": AZURE_ENVIRONMENT.format(image=image)})
    git_commit(tmp_path)
    report = audit(tmp_path, "IMG006")
    assert [(f.path, f.line) for f in report.findings] == [("aml/env.yml", 3)]


def test_an_azure_ml_environment_on_a_supported_ubuntu_passes(tmp_path: Path) -> None:
    image = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04"
    build_file_tree(tmp_path, {"aml/env.yml": AZURE_ENVIRONMENT.format(image=image)})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "IMG006"), "IMG006") is Status.PASSED


CLUSTER_ENVIRONMENT = (
    "base_image: anyscale/ray:2.9.0-py311\ndebian_packages:\n  - curl\n"
    "post_build_cmds:\n  - pip install -r requirements.txt\n"
)


def test_an_anyscale_cluster_environment_defines_the_image(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**APP, **TRAINING, "deploy/cluster_env.yaml": CLUSTER_ENVIRONMENT})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "IMG001"), "IMG001") is Status.PASSED


def test_a_config_naming_a_base_image_defines_none(tmp_path: Path) -> None:
    config = "base_image: anyscale/ray:2.9.0-py311\nlearning_rate: 0.01\n"
    readme = "# Demo\n\nThe API is deployed to production.\n"
    build_file_tree(tmp_path, {**APP, **TRAINING, "configs/run.yaml": config, "README.md": readme})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "IMG001"), "IMG001") is Status.FAILED


PYTORCH_JOB = (
    "apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata:\n  name: mnist\nspec:\n"
    "  pytorchReplicaSpecs:\n    Master:\n      replicas: 1\n      template:\n        spec:\n"
    "          containers:\n            - name: pytorch\n              image: acme/mnist:1.0\n"
    "{resources}"
)
RESOURCES = "              resources:\n                limits:\n                  cpu: 1\n" + (
    "                requests:\n                  cpu: 1\n"
)


def test_a_training_job_whose_containers_ask_for_nothing_is_reported(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"k8s/job.yaml": PYTORCH_JOB.format(resources="")})
    git_commit(tmp_path)
    report = audit(tmp_path, "KUBE001")
    assert [f.message for f in report.findings] == [
        "Kubernetes containers without resources or probes: "
        "PyTorchJob mnist, container pytorch: no resource requests or limits"
    ]


def test_a_training_job_with_resources_needs_no_probe(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"k8s/job.yaml": PYTORCH_JOB.format(resources=RESOURCES)})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "KUBE001"), "KUBE001") is Status.PASSED


SMOKE_SCRIPT = (
    "import sys\n\nimport requests\n\n\ndef main(url):\n"
    "    assert requests.post(url + '/invocations', json={}).ok\n\n\n"
    "if __name__ == '__main__':\n    main(sys.argv[1])\n"
)


def _deploy_workflow(run: str) -> str:
    return (
        "name: deploy\non: workflow_dispatch\npermissions:\n  contents: read\njobs:\n"
        "  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
        f"      - run: {run}\n"
    )


def test_ci_running_a_smoke_script_with_no_test_suite_is_not_judged(tmp_path: Path) -> None:
    tree = {
        "code/smoke_test.py": SMOKE_SCRIPT,
        ".github/workflows/deploy.yml": _deploy_workflow("python code/smoke_test.py $URL"),
    }
    build_file_tree(tmp_path, tree)
    assert status_of(audit(tmp_path, "CI002"), "CI002") is Status.NOT_APPLICABLE


def test_a_ci_test_step_that_runs_nothing_is_reported_without_a_suite(tmp_path: Path) -> None:
    for name, run, extra in (
        ("make", "make test", {"Makefile": "test:\n\t# poetry run pytest .\n"}),
        ("echo", 'echo "Running tests"', {}),
    ):
        tree = {**extra, ".github/workflows/ci.yml": _deploy_workflow(run)}
        build_file_tree(tmp_path / name, tree)
        assert "CI002" in found_ids(audit(tmp_path / name, "CI002")), name


def _cookiecutter(rendered: dict[str, str]) -> dict[str, str]:
    tree = {
        "cookiecutter.json": '{"project_name": "demo"}\n',
        "hooks/post_gen_project.py": "import os\n\nos.remove('LICENSE')\n",
    }
    return {**tree, **{f"{{{{cookiecutter.project_name}}}}/{k}": v for k, v in rendered.items()}}


def test_a_template_is_credited_with_the_project_it_renders(tmp_path: Path) -> None:
    rendered = {"requirements.txt": "hydra-core>=1.3\n", "src/__init__.py": ""}
    build_file_tree(tmp_path, _cookiecutter(rendered))
    report = audit(tmp_path, "ENV001", "CODE001")
    assert report.kind == "template"
    assert found_ids(report) == set()


def test_a_template_that_renders_no_package_or_declaration_is_reported(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _cookiecutter({"src/process.py": "print('x')\n"}))
    assert found_ids(audit(tmp_path, "ENV001", "CODE001")) == {"ENV001", "CODE001"}


def test_a_script_that_runs_the_tests_is_a_one_command_entry_point(tmp_path: Path) -> None:
    script = "#!/bin/bash\nset -e\nflake8 src/ tests/ || status=1\npytest --cov=src\n"
    build_file_tree(tmp_path, {**PACKAGE, **TEST, "scripts/report.bash": script})
    assert status_of(audit(tmp_path, "DOCS003"), "DOCS003") is Status.PASSED


def test_a_script_that_only_deploys_is_no_entry_point_for_common_tasks(tmp_path: Path) -> None:
    script = "#!/bin/bash\n# pytest runs in CI\ndocker push acme/model:latest\n"
    build_file_tree(tmp_path, {**PACKAGE, **TEST, "scripts/push.sh": script})
    assert "DOCS003" in found_ids(audit(tmp_path, "DOCS003"))


COMPOSE_README = "# Churn\n\n## Set up\n\n```\ndocker compose --env-file config.env up -d\n```\n"


def test_a_readme_that_composes_a_file_the_repository_lacks_sets_nothing_up(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, {**APP, "README.md": COMPOSE_README})
    assert "DOCS001" in found_ids(audit(tmp_path, "DOCS001"))


def test_a_readme_that_composes_the_repositorys_compose_file_sets_it_up(tmp_path: Path) -> None:
    compose = "services:\n  api:\n    build: .\n"
    build_file_tree(tmp_path, {**APP, "README.md": COMPOSE_README, "compose.yaml": compose})
    assert status_of(audit(tmp_path, "DOCS001"), "DOCS001") is Status.PASSED


def test_a_readme_that_fetches_the_compose_file_it_runs_sets_it_up(tmp_path: Path) -> None:
    readme = COMPOSE_README.replace(
        "```\ndocker", "```\ncurl -LfO https://example.org/docker-compose.yaml\ndocker"
    )
    build_file_tree(tmp_path, {**APP, "README.md": readme})
    assert status_of(audit(tmp_path, "DOCS001"), "DOCS001") is Status.PASSED
