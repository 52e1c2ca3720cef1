"""Kinds as a labeller reads them (session 30): a course, a workshop or its labs is an
example however many projects its lessons keep (its lessons still audited apart), unless
it is a student's homework or a learner's repository built along a course; a README
that names one showcase makes no gallery of its folders; a folder whose code imports the
root's training code (an Airflow DAG) is a part of that product. And a test that checks
a prediction against the sample's `target` tests the model's quality."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import API, FIT, IMAGE, PACKAGE, TEST, TRAINING
from tests.doctor.helpers import Tree, audit, committed_kind, status_of


def _labs(readme: str) -> Tree:
    """Two numbered labs under a workshop folder, each set up from its own README."""
    tree: Tree = {"README.md": readme}
    for lab in ("edge/02-classify", "edge/03-generate"):
        tree[f"{lab}/requirements.txt"] = "torch==2.7.0\n"
        tree[f"{lab}/README.md"] = "Run `pip install -r requirements.txt`.\n"
        tree[f"{lab}/train.py"] = FIT
    return tree


def test_a_repository_of_workshops_is_an_example_of_lessons(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _labs("# ML workshops\n\nThe content of our workshops.\n"))
    report = audit(tmp_path)
    assert report.kind == "example"
    assert report.projects == ("edge/02-classify", "edge/03-generate")
    assert "a course" in report.kind_evidence


def test_labs_a_readme_does_not_call_a_course_are_a_monorepo(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _labs("# ML systems\n\nTwo models we run.\n"))
    assert audit(tmp_path).kind == "monorepo"


def test_a_course_named_in_a_learners_readme_makes_no_course_material(tmp_path: Path) -> None:
    readme = (
        "# Crypto predictor\n\nA learning by doing repository inspired from the course's"
        " repository; credit to the course's instructors.\n"
    )
    assert committed_kind(tmp_path / "learner", _labs(readme)) == "monorepo"
    course = "# Crypto predictor\n\nThe code of the course's lessons.\n"
    assert committed_kind(tmp_path / "course", _labs(course)) == "example"


def _in_two_folders(readme: str) -> Tree:
    """Two folders of scripts, each with a requirements.txt and no README."""
    return {
        "README.md": readme,
        "pipelines/requirements.txt": "sagemaker==2.100.0\n",
        "pipelines/run_pipeline.py": "import sagemaker\n",
        "deploy/requirements.txt": "boto3==1.24.27\n",
        "deploy/build_config.py": "import boto3\n",
    }


def test_a_readme_naming_one_showcase_makes_one_example(tmp_path: Path) -> None:
    readme = "# SageMaker pipelines\n\nA basic showcase of SageMaker's capabilities.\n"
    build_file_tree(tmp_path, _in_two_folders(readme))
    report = audit(tmp_path, "DATA004")
    assert (report.kind, report.projects) == ("example", ())


def test_a_readme_naming_showcases_keeps_its_folders_apart(tmp_path: Path) -> None:
    readme = "# SageMaker pipelines\n\nShowcases of SageMaker's capabilities.\n"
    build_file_tree(tmp_path, _in_two_folders(readme))
    report = audit(tmp_path, "DATA004")
    assert (report.kind, report.projects) == ("monorepo", ("deploy", "pipelines"))


def workflow_scheduled(dag: str) -> Tree:
    """The root trains (pipeline/train.py), deployment/ serves, airflow/ holds a DAG."""
    return {
        "README.md": "# Churn\n\nA churn model trained by Airflow and served by FastAPI.\n",
        "pyproject.toml": "[project]\nname = 'churn'\nversion = '0.1.0'\n",
        "pipeline/__init__.py": "",
        "pipeline/train.py": FIT,
        "deployment/README.md": "# Service\n\nRun `docker compose up`.\n",
        "deployment/requirements.txt": "fastapi==0.115.0\n",
        "deployment/app.py": API,
        "deployment/Dockerfile": IMAGE,
        "airflow/README.md": "# Airflow\n\nRun `docker compose up`.\n",
        "airflow/requirements.txt": "apache-airflow==2.10.2\n",
        "airflow/dags/train_dag.py": dag,
    }


def test_a_dag_that_imports_the_roots_training_code_is_a_part_of_it(tmp_path: Path) -> None:
    dag = "from airflow import DAG\nfrom pipeline.train import main\n"
    assert committed_kind(tmp_path, workflow_scheduled(dag)) == "application"


def test_a_dag_that_runs_images_of_its_own_is_a_project(tmp_path: Path) -> None:
    dag = "from airflow import DAG\nfrom airflow.providers.docker.operators.docker import X\n"
    assert committed_kind(tmp_path, workflow_scheduled(dag)) == "monorepo"


SAMPLE_TEST = (
    "from demo.model import load\n\n\ntarget = 1  # the sample's known class\n\n\n"
    "def test_the_champion_predicts_the_sample():\n"
    "    prediction = load().predict([[8, 99.65]])\n"
    "    assert {compared}\n"
)


def _model_test_status(root: Path, compared: str) -> Status:
    tree = {**PACKAGE, **TRAINING, **TEST}
    tree["tests/test_sample.py"] = SAMPLE_TEST.format(compared=compared)
    build_file_tree(root, tree)
    return status_of(audit(root, "TEST002"), "TEST002")


def test_a_prediction_checked_against_the_samples_target_tests_the_model(
    tmp_path: Path,
) -> None:
    assert _model_test_status(tmp_path, "prediction[0] == target") is Status.PASSED


def test_a_prediction_checked_for_its_length_tests_no_quality(tmp_path: Path) -> None:
    assert _model_test_status(tmp_path, "len(prediction) == 1") is Status.FAILED


def _two_products(readmes: bool) -> Tree:
    """Two products, each of services in folders of scripts with a requirements.txt."""
    tree: Tree = {"README.md": "# ML modelling\n\nMy modelling work.\n"}
    services = {
        "recommender/services/training": ("train.py", FIT),
        "recommender/services/serving": ("app.py", API),
        "agent/services/backend": ("train.py", FIT),
    }
    for folder, (module, code) in services.items():
        tree[f"{folder}/requirements.txt"] = "torch==2.4.0\n"
        tree[f"{folder}/{module}"] = code
    if readmes:
        tree["recommender/README.md"] = tree["agent/README.md"] = "Run `docker compose up`.\n"
    return tree


def test_folders_each_with_a_readme_above_their_services_are_projects(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _two_products(readmes=True))
    report = audit(tmp_path, "DATA004")
    assert (report.kind, report.projects) == ("monorepo", ("agent", "recommender"))


def test_folders_of_scripts_with_no_readme_make_no_project(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _two_products(readmes=False))
    assert audit(tmp_path, "DATA004").kind != "monorepo"


def _package_and_dags(package: bool) -> Tree:
    tree: Tree = {
        "README.md": "# Heart\n\nTraining, and the DAGs that run it.\n",
        "ml_project/README.md": "Run `pip install -r requirements.txt`.\n",
        "ml_project/requirements.txt": "scikit-learn==1.5.2\n",
        "ml_project/src/train.py": FIT,
        "dags/README.md": "Run `docker compose up`.\n",
        "dags/requirements.txt": "apache-airflow==2.10.2\n",
        "dags/train_dag.py": "from airflow import DAG\n",
        "serving/README.md": "Run `docker compose up`.\n",
        "serving/requirements.txt": "fastapi==0.115.0\n",
        "serving/retrain.py": FIT,
    }
    if package:
        tree["ml_project/src/__init__.py"] = ""
    return tree


def test_a_monorepo_has_an_importable_package_when_a_project_has_one(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _package_and_dags(package=True))
    report = audit(tmp_path, "CODE001")
    assert report.kind == "monorepo"
    assert "CODE001" not in {finding.id for finding in report.findings}


def test_a_monorepo_of_scripts_has_no_importable_package(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _package_and_dags(package=False))
    report = audit(tmp_path, "CODE001")
    assert report.kind == "monorepo"
    assert "CODE001" in {finding.id for finding in report.findings}
