"""Stacks of the fourth corpus round: demos and proofs of concept, scientific workflows,
Ray Serve without a web framework, Azure ML data assets, nested GitLab CI, per-step
conda environments, and the service of an example."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import HEALTHY_SERVICE, PACKAGE, SERVICE, TRAINING
from tests.doctor.helpers import audit, found_ids, git_commit, status_of

RAY_APP = (
    "import ray\nimport ray.serve\n\n\n@ray.serve.deployment\nclass Predictor:\n"
    "    async def __call__(self, request):\n        return []\n\n\napp = Predictor.bind()\n"
)


def test_a_readme_that_calls_the_repository_a_demo_makes_it_an_example(tmp_path: Path) -> None:
    readme = "# Scoring with Ray\n\nThis is a demo of how registry models can be served.\n"
    build_file_tree(tmp_path, {**SERVICE, **TRAINING, "README.md": readme})
    assert audit(tmp_path).kind == "example"


def test_a_proof_of_concept_is_an_example(tmp_path: Path) -> None:
    readme = "#### Purpose\nThis is a Proof of Concept (POC) demonstrating a deployment.\n"
    build_file_tree(tmp_path, {**SERVICE, "README.md": readme})
    assert audit(tmp_path).kind == "example"


def test_an_example_request_further_down_the_readme_leaves_an_application(
    tmp_path: Path,
) -> None:
    readme = (
        "# Churn scoring service\n\nScores customers every night.\n\n## Usage\n\n"
        "Here is an example of how to call it:\n"
    )
    build_file_tree(tmp_path, {**SERVICE, **TRAINING, "README.md": readme})
    assert audit(tmp_path).kind == "application"


def test_a_snakemake_workflow_is_research_code(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            "workflow/snakefile": "include: 'rules/train.smk'\n",
            "workflow/rules/train.smk": "rule train:\n    shell: 'python train.py'\n",
            "workflow/scripts/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        },
    )
    assert audit(tmp_path).kind == "example"


def test_a_snakemake_workflow_that_serves_is_an_application(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path, {"workflow/Snakefile": "rule train:\n    shell: 'python t.py'\n", **SERVICE}
    )
    assert audit(tmp_path).kind == "application"


def test_ray_serve_under_its_package_name_gives_health_and_metrics(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**PACKAGE, "src/demo/app.py": RAY_APP})
    git_commit(tmp_path)
    report = audit(tmp_path, "SERVE001", "SERVE002", "MON002")
    assert status_of(report, "SERVE001") is Status.PASSED
    assert found_ids(report) == set()


def test_a_ray_deployment_named_in_a_comment_is_no_service(tmp_path: Path) -> None:
    code = "import ray\n# TODO: wrap it in @ray.serve.deployment\n"
    build_file_tree(tmp_path, {**PACKAGE, **TRAINING, "src/demo/app.py": code})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "SERVE001"), "SERVE001") is not Status.PASSED


AZURE_STEP = (
    "from azureml.data import OutputFileDatasetConfig\n\n"
    "clean = OutputFileDatasetConfig(name='clean')\n{register}\n"
)


def test_azure_ml_datasets_registered_by_a_pipeline_version_data(tmp_path: Path) -> None:
    step = AZURE_STEP.format(register="clean = clean.register_on_complete(name='clean')")
    build_file_tree(tmp_path, {**TRAINING, "azureml/pipeline.py": step})
    git_commit(tmp_path)
    assert status_of(audit(tmp_path, "DATA001"), "DATA001") is Status.PASSED


def test_azure_ml_outputs_never_registered_version_nothing(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**TRAINING, "azureml/pipeline.py": AZURE_STEP.format(register="")})
    git_commit(tmp_path)
    assert found_ids(audit(tmp_path, "DATA001")) == {"DATA001"}


NESTED_GITLAB = "image: python:3.11\n\ncheck:\n  script:\n    - {command}\n"


def test_a_nested_project_s_gitlab_ci_is_ci_and_its_lint_counts(tmp_path: Path) -> None:
    gitlab = NESTED_GITLAB.format(command="ruff check .")
    build_file_tree(tmp_path, {**PACKAGE, "poc/.gitlab-ci.yml": gitlab})
    assert found_ids(audit(tmp_path, "CI001", "CI003")) == set()


def test_a_nested_gitlab_ci_that_only_deploys_does_not_lint(tmp_path: Path) -> None:
    gitlab = NESTED_GITLAB.format(command="python deploy.py")
    build_file_tree(tmp_path, {**PACKAGE, "poc/.gitlab-ci.yml": gitlab})
    assert found_ids(audit(tmp_path, "CI001", "CI003")) == {"CI003"}


STEP_ENV = "channels:\n  - conda-forge\ndependencies:\n  - pandas{pin}\n  - scikit-learn{pin}\n"


def test_a_workflow_s_per_step_conda_envs_declare_dependencies(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**TRAINING, "workflow/envs/train.yaml": STEP_ENV.format(pin="")})
    report = audit(tmp_path, "ENV001", "ENV002")
    assert status_of(report, "ENV001") is Status.PASSED
    assert found_ids(report) == {"ENV002"}


def test_pinned_per_step_conda_envs_pass(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path, {**TRAINING, "workflow/envs/train.yaml": STEP_ENV.format(pin="=1.5.3")}
    )
    assert found_ids(audit(tmp_path, "ENV001", "ENV002")) == set()


def test_an_envs_folder_of_settings_declares_nothing(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**TRAINING, "deploy/envs/prod.yaml": "replicas: 2\n"})
    assert found_ids(audit(tmp_path, "ENV001")) == {"ENV001"}


DEMO = {"README.md": "# Serving demo\n\nThis is a demo of how a model is served.\n"}


def test_the_service_of_an_example_is_judged(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**SERVICE, **DEMO})
    report = audit(tmp_path, "SERVE002", "MON002")
    assert report.kind == "example"
    assert found_ids(report) == {"SERVE002", "MON002"}


def test_an_example_with_a_healthy_service_passes_and_one_without_a_service_is_not_judged(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path / "healthy", {**HEALTHY_SERVICE, **DEMO})
    assert "SERVE002" not in found_ids(audit(tmp_path / "healthy", "SERVE002"))
    build_file_tree(tmp_path / "none", {**TRAINING, **DEMO})
    report = audit(tmp_path / "none", "SERVE002", "MON001")
    assert status_of(report, "SERVE002") is Status.NOT_APPLICABLE
    assert found_ids(report) == set()


def test_a_snakemake_workflow_over_a_package_of_its_own_is_an_application(
    tmp_path: Path,
) -> None:
    build_file_tree(
        tmp_path,
        {"Snakefile": "rule train:\n    shell: 'python -m demo.train'\n", **PACKAGE, **TRAINING},
    )
    assert audit(tmp_path).kind == "application"


SMOKE = (
    "import snowflake.connector\n\n\ndef test_connection():\n"
    "    snowflake.connector.connect().close()\n\n\n"
    'if __name__ == "__main__":\n    {main}\n'
)


def test_a_script_that_runs_its_own_test_function_is_no_test_suite(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**PACKAGE, "test_con.py": SMOKE.format(main="test_connection()")})
    assert found_ids(audit(tmp_path, "TEST001")) == {"TEST001"}


def test_a_test_module_that_hands_itself_to_pytest_is_a_suite(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path, {**PACKAGE, "test_con.py": SMOKE.format(main="pytest.main([__file__])")}
    )
    assert found_ids(audit(tmp_path, "TEST001")) == set()


MODEL_PACKAGE = {
    "setup.py": "from setuptools import setup\n\nsetup(name='house_model', packages=['house'])\n",
    "house/__init__.py": "",
    "house/train_pipeline.py": "def run_training(model, x, y):\n    model.fit(x, y)\n",
    "house/trained_models/__init__.py": "",
}


def test_a_package_that_ships_its_trained_model_is_an_application(tmp_path: Path) -> None:
    build_file_tree(tmp_path, MODEL_PACKAGE)
    assert audit(tmp_path).kind == "application"


def test_pickles_in_a_manifest_make_a_model_package(tmp_path: Path) -> None:
    tree = {k: v for k, v in MODEL_PACKAGE.items() if "trained_models" not in k}
    build_file_tree(tmp_path, {**tree, "MANIFEST.in": "include house/*.pkl\n"})
    assert audit(tmp_path).kind == "application"


def test_a_package_that_ships_no_model_stays_a_library(tmp_path: Path) -> None:
    tree = {k: v for k, v in MODEL_PACKAGE.items() if "trained_models" not in k}
    build_file_tree(tmp_path, {**tree, "MANIFEST.in": "include README.md\n"})
    assert audit(tmp_path).kind == "library"


LOCKED = {
    **PACKAGE,
    "pyproject.toml": "[project]\nname = 'demo'\ndependencies = ['mlflow']\n",
    "uv.lock": "version = 1\n",
}


def test_an_image_that_pip_installs_bare_names_beside_a_lock_is_unpinned(tmp_path: Path) -> None:
    dockerfile = "FROM python:3.12-slim\nRUN pip install --no-cache-dir mlflow \\\n    boto3\n"
    build_file_tree(tmp_path, {**LOCKED, "Dockerfile": dockerfile})
    findings = audit(tmp_path, "ENV002").findings
    assert [(f.path, f.line) for f in findings] == [("Dockerfile", 2)]
    assert "`mlflow`, `boto3`" in findings[0].message


def test_an_image_that_installs_its_installer_and_files_is_pinned(tmp_path: Path) -> None:
    dockerfile = (
        "FROM python:3.12-slim\nRUN pip install --upgrade pip && pip install poetry\n"
        "RUN pip install -r requirements.txt . ./dist/demo-0.1-py3-none-any.whl torch==2.4.0\n"
    )
    build_file_tree(tmp_path, {**LOCKED, "Dockerfile": dockerfile})
    assert audit(tmp_path, "ENV002").findings == ()


def test_a_script_that_pip_installs_a_bare_name_is_unpinned(tmp_path: Path) -> None:
    script = "#!/bin/sh\nset -e\npip install kaggle --upgrade\nkaggle datasets download x\n"
    build_file_tree(tmp_path, {**LOCKED, "scripts/get_data.sh": script})
    findings = audit(tmp_path, "ENV002").findings
    assert [(f.path, f.line) for f in findings] == [("scripts/get_data.sh", 3)]
    assert "the script pip installs `kaggle`" in findings[0].message


def test_a_script_that_installs_files_pins_or_comments_is_pinned(tmp_path: Path) -> None:
    script = (
        "#!/bin/sh\n# pip install kaggle\npip install -r requirements.txt -e .\n"
        "python -m pip install --upgrade pip && pip install kaggle==1.6.17\n"
    )
    build_file_tree(tmp_path, {**LOCKED, "scripts/get_data.sh": script})
    assert audit(tmp_path, "ENV002").findings == ()


def test_a_script_that_installs_pip_tools_to_compile_pins_is_pinned(tmp_path: Path) -> None:
    script = "#!/bin/sh\npip install pip-tools > /dev/null\npip-compile requirements.in\n"
    build_file_tree(tmp_path, {**LOCKED, "scripts/compile.sh": script})
    assert audit(tmp_path, "ENV002").findings == ()


def test_a_readme_titled_template_for_is_a_template_even_with_a_service(tmp_path: Path) -> None:
    readme = "[![CI](badge.svg)](ci)\n\n## Template for MLOps projects with GPU\n\nIncluded:\n"
    build_file_tree(tmp_path, {**SERVICE, "README.md": readme})
    assert audit(tmp_path).kind == "template"


def test_a_section_titled_template_further_down_leaves_an_application(tmp_path: Path) -> None:
    readme = "# Churn service\n\nScores customers.\n\n## Usage\n\n## Template for requests\n"
    build_file_tree(tmp_path, {**SERVICE, **TRAINING, "README.md": readme})
    assert audit(tmp_path).kind == "application"


SETUP = "from setuptools import setup\n\nsetup(name='fraud', description='{description}')\n"


def test_a_package_that_describes_itself_as_an_example_is_one(tmp_path: Path) -> None:
    setup = SETUP.format(description="KServe example with Iris dataset")
    build_file_tree(tmp_path, {**SERVICE, **TRAINING, "setup.py": setup})
    assert audit(tmp_path).kind == "example"


def test_a_package_described_by_what_it_does_is_an_application(tmp_path: Path) -> None:
    setup = SETUP.format(description="Fraud scoring service")
    build_file_tree(tmp_path, {**SERVICE, **TRAINING, "setup.py": setup})
    assert audit(tmp_path).kind == "application"


ROOT_IMAGE = "FROM python:3.12-slim\nCOPY . /app\n"


def test_a_dev_container_image_is_not_judged_for_its_user(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**SERVICE, ".devcontainer/Dockerfile": ROOT_IMAGE})
    assert "IMG003" not in found_ids(audit(tmp_path, "IMG001", "IMG003"))


def test_a_service_image_without_a_user_still_is(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**SERVICE, "docker/Dockerfile": ROOT_IMAGE})
    assert "IMG003" in found_ids(audit(tmp_path, "IMG001", "IMG003"))


BUILD_AND_RUN = (
    "# Scoring\n\n```\ndocker build --tag scorer .\ndocker run --rm -it {user}\\\n"
    "    -v `pwd`:/work scorer \\\n    python score.py\n```\n"
)


def test_an_image_its_readme_runs_as_the_calling_user_is_not_root(tmp_path: Path) -> None:
    readme = BUILD_AND_RUN.format(user="--user $(id -u):$(id -g) ")
    build_file_tree(tmp_path, {**SERVICE, "Dockerfile": ROOT_IMAGE, "README.md": readme})
    assert "IMG003" not in found_ids(audit(tmp_path, "IMG001", "IMG003"))


@pytest.mark.parametrize("user", ["", "-u root "])
def test_an_image_its_readme_runs_as_root_is_reported(tmp_path: Path, user: str) -> None:
    readme = BUILD_AND_RUN.format(user=user)
    build_file_tree(tmp_path, {**SERVICE, "Dockerfile": ROOT_IMAGE, "README.md": readme})
    assert "IMG003" in found_ids(audit(tmp_path, "IMG001", "IMG003"))


def test_a_recording_over_a_megabyte_is_data_in_git(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**PACKAGE, "samples/speech.wav": "x" * 1_200_000})
    assert found_ids(audit(tmp_path, "DATA003")) == {"DATA003"}


def test_a_short_recording_is_a_sample_git_can_keep(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**PACKAGE, "samples/speech.wav": "x" * 200_000})
    assert audit(tmp_path, "DATA003").findings == ()


def test_a_setup_py_floor_past_its_end_of_life_is_reported(tmp_path: Path) -> None:
    setup = (
        "from setuptools import setup\n\nsetup(\n    name='demo',\n"
        "    python_requires='>=3.7',\n)\n"
    )
    build_file_tree(tmp_path, {**TRAINING, "setup.py": setup})
    findings = audit(tmp_path, "ENV006").findings
    assert [(f.path, f.line) for f in findings] == [("setup.py", 5)]


def test_a_supported_setup_py_floor_passes(tmp_path: Path) -> None:
    setup = "from setuptools import setup\n\nsetup(name='demo', python_requires='>=3.12')\n"
    build_file_tree(tmp_path, {**TRAINING, "setup.py": setup})
    assert audit(tmp_path, "ENV006").findings == ()
