"""What round 10's repositories write that the doctor misread: a committed MLflow store
whose logged models looked like projects, a project tree's note "(pip install -e .)" read
as a setup command, a lesson README's `make` target that sets up through a script, and a
README that sends the reader to a setup script."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, found_ids, status_of, status_on

# -- a committed MLflow store: logged models are a run's record, not projects ------------

MLMODEL = "artifact_path: model\nflavors:\n  sklearn:\n    sklearn_version: 1.1.3\n"
GENERATED_CONDA = (
    "channels:\n- conda-forge\ndependencies:\n- python=3.12.4\n- pip<=23.0\n"
    "- pip:\n  - mlflow\n  - scikit-learn==1.1.3\nname: mlflow-env\n"
)
SERVICE = (
    "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/predict', methods=['POST'])\ndef predict() -> str:\n    return 'ok'\n"
)


def _logged_model(folder: str) -> Tree:
    """The files `mlflow.sklearn.log_model` writes into a model's folder."""
    return {
        f"{folder}/MLmodel": MLMODEL,
        f"{folder}/conda.yaml": GENERATED_CONDA,
        f"{folder}/python_env.yaml": "python: 3.12.4\ndependencies:\n- -r requirements.txt\n",
        f"{folder}/requirements.txt": "mlflow\nscikit-learn==1.1.3\n",
    }


def _with_store(**extra: str) -> Tree:
    """An application (a Flask service, pinned requirements) that committed six runs of
    its MLflow store under src/mlflow/mlruns/; its README says "example", which lets a
    folder with only a requirements.txt count as a project."""
    tree: Tree = {
        "README.md": "# House prices\n\nThe code, with an example request.\n\n    pip install .\n",
        "requirements.txt": "flask==3.0.0\nmlflow==2.0.1\n",
        "src/api/main.py": SERVICE,
        "src/mlflow/train.py": "import mlflow\n\nmlflow.sklearn.log_model(model, 'model')\n",
    }
    for run in range(6):
        tree.update(_logged_model(f"src/mlflow/mlruns/0/{run:032x}/artifacts/model"))
    tree.update(extra)
    return tree


def test_logged_models_in_an_mlruns_store_are_no_nested_projects(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _with_store())
    report = audit(tmp_path, "ENV002", "SERVE002")
    assert report.kind == "application"
    assert report.projects == ()
    assert status_of(report, "SERVE002") is Status.FAILED


def test_folders_that_declare_projects_beside_the_store_are_still_projects(
    tmp_path: Path,
) -> None:
    tree = _with_store()
    for name in ("training", "serving"):
        tree[f"{name}/pyproject.toml"] = f'[project]\nname = "{name}"\nversion = "1"\n'
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path, "ENV002").projects == ("serving", "training")


def test_a_model_saved_outside_mlruns_is_no_project_either(tmp_path: Path) -> None:
    tree: Tree = {"README.md": "# Models\n\nExamples of models.\n", "train.py": "x = 1\n"}
    tree.update(_logged_model("models/churn"))
    tree.update(_logged_model("models/price"))
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path, "ENV001").projects == ()


def test_the_unpinned_mlflow_line_mlflow_generated_is_silent(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _with_store())
    assert "ENV002" not in found_ids(audit(tmp_path, "ENV002"))


def test_an_unpinned_line_the_project_wrote_is_still_reported(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _with_store(**{"requirements.txt": "flask\nmlflow==2.0.1\n"}))
    findings = [f for f in audit(tmp_path, "ENV002").findings if f.id == "ENV002"]
    assert [(f.path, f.line) for f in findings] == [("requirements.txt", 1)]


def test_generated_environments_mlflow_builds_an_image_from_are_reported(
    tmp_path: Path,
) -> None:
    makefile = "image:\n\tmlflow models build-docker -m runs:/$(RUN)/model -n price\n"
    build_file_tree(tmp_path, _with_store(Makefile=makefile))
    paths = {f.path for f in audit(tmp_path, "ENV002").findings if f.id == "ENV002"}
    assert paths and all(p.startswith("src/mlflow/mlruns/0/") for p in paths)


def test_the_python_of_a_logged_model_still_counts_for_end_of_life(tmp_path: Path) -> None:
    old = GENERATED_CONDA.replace("python=3.12.4", "python=3.7.3")
    tree = _with_store(**{"src/mlflow/mlruns/0/run/artifacts/model/conda.yaml": old})
    tree["src/mlflow/mlruns/0/run/artifacts/model/MLmodel"] = MLMODEL
    build_file_tree(tmp_path, tree)
    assert "ENV006" in found_ids(audit(tmp_path, "ENV006"))


# -- DOCS001: a setup command is written as a command, not as a note in a tree ----------

COOKIECUTTER_TREE = (
    "Project Organization\n------------\n\n"
    "    ├── Makefile           <- Makefile with commands like `make data`\n"
    "    ├── requirements.txt   <- generated with `pip freeze > requirements.txt`\n"
    "    ├── setup.py           <- makes project pip installable (pip install -e .)\n"
    "    └── src                <- Source code for use in this project.\n\n"
    '<p><small>Project based on the <a href="https://drivendata.github.io/'
    'cookiecutter-data-science/">cookiecutter data science project template</a>.'
    "</small></p>\n"
)


def test_a_tree_drawing_note_is_no_setup_command(tmp_path: Path) -> None:
    readme = "# Churn\n\nFirst launch the server:\n\n    $ mlflow server -p 1234\n\n"
    tree = {"README.md": readme + COOKIECUTTER_TREE, "setup.py": ""}
    assert status_on(tmp_path, tree, "DOCS001") is Status.FAILED


def test_an_ascii_tree_note_is_no_setup_command(tmp_path: Path) -> None:
    readme = "# Churn\n\n```\n|-- setup.py   <- pip install -e .\n`-- src\n```\n"
    assert status_on(tmp_path, {"README.md": readme}, "DOCS001") is Status.FAILED


def test_the_same_readme_with_a_command_block_sets_up(tmp_path: Path) -> None:
    readme = "# Churn\n\n```bash\npip install -e .\n```\n\n" + COOKIECUTTER_TREE
    assert status_on(tmp_path, {"README.md": readme}, "DOCS001") is Status.PASSED


def test_a_command_in_a_code_span_or_at_a_line_start_sets_up(tmp_path: Path) -> None:
    for readme in (
        "# Churn\n\nInstall it with `pip install -e .` first.\n",
        "# Churn\n\n- pip install -r requirements.txt\n",
        "Churn\n=====\n\nInstall::\n\n    $ pip install churn\n",
    ):
        build_file_tree(tmp_path, {"README.md": readme, "requirements.txt": "pandas\n"})
        assert status_of(audit(tmp_path, "DOCS001"), "DOCS001") is Status.PASSED, readme


def test_a_setup_command_named_in_prose_is_no_command(tmp_path: Path) -> None:
    readme = "# Churn\n\nMade with the cookiecutter data science template; pip install works.\n"
    assert status_on(tmp_path, {"README.md": readme}, "DOCS001") is Status.FAILED


# -- DOCS001: the Makefile beside a README, followed into the scripts it runs -----------

DEPLOY = "#!/bin/bash\nbuild() {\n    docker build --tag serving -f deployment/Dockerfile .\n}\n"
LESSON_README = "# Model serving\n\n```bash\n# Build\nmake build_image\n```\n"


def _course(deploy: str = DEPLOY) -> Tree:
    """A course whose root README names only Docker's version and whose lessons keep
    their requirements in `<lesson>/deployment/`; each lesson README runs `make
    build_image`, a target of the lesson's Makefile that runs deployment/deploy.sh."""
    tree: Tree = {"README.md": "# mlops-crash-course-code\n\n```bash\nDocker 20.10\n```\n"}
    for lesson in ("data_pipeline", "model_serving"):
        tree[f"{lesson}/README.md"] = LESSON_README
        tree[f"{lesson}/Makefile"] = "build_image:\n\tbash deployment/deploy.sh build\n"
        tree[f"{lesson}/deployment/deploy.sh"] = deploy
        tree[f"{lesson}/deployment/requirements.txt"] = "feast==0.29.0\n"
        tree[f"{lesson}/deployment/Dockerfile"] = "FROM python:3.12-slim\n"
    tree["model_serving/README.md"] = "# Model serving: a lesson of the course\n" + LESSON_README
    return tree


def test_a_lesson_readme_sets_up_through_its_makefile_and_script(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _course())
    report = audit(tmp_path, "DOCS001")
    assert report.kind == "example"
    root = next(r for r in report.results if r.id == "DOCS001" and not r.project)
    assert root.status is Status.PASSED
    assert (root.reason or "").startswith("a lesson's README sets up: ")


def test_a_lesson_makefile_whose_script_sets_nothing_up_is_reported(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _course(deploy="#!/bin/bash\necho 'build'\n"))
    report = audit(tmp_path, "DOCS001")
    assert [f.path for f in report.findings if f.id == "DOCS001"] == ["README.md"]


def test_a_root_readme_runs_the_root_makefile_not_a_lessons(tmp_path: Path) -> None:
    tree: Tree = {
        "README.md": "# Service\n\n```\nmake build_image\n```\n",
        "serving/Makefile": "build_image:\n\tdocker build -t serving .\n",
        "app.py": SERVICE,
    }
    assert status_on(tmp_path, tree, "DOCS001") is Status.FAILED


# -- DOCS001: a README that sends the reader to a setup script ---------------------------

SETUP_SCRIPT = "conda create --name env python=3.11 numpy\nconda activate env\npip install psutil\n"


def test_a_setup_script_the_readme_names_sets_up(tmp_path: Path) -> None:
    readme = "# Code for a paper\n\nCopy and paste the text from `setup_environment.sh`.\n"
    tree = {"README.md": readme, "setup_environment.sh": SETUP_SCRIPT}
    build_file_tree(tmp_path, tree)
    result = next(r for r in audit(tmp_path, "DOCS001").results if r.id == "DOCS001")
    assert result.status is Status.PASSED
    assert result.reason == "README.md names setup_environment.sh, which sets up"


def test_a_named_script_that_sets_nothing_up_is_no_setup(tmp_path: Path) -> None:
    readme = "# Code for a paper\n\nRun `bash plots.sh` to draw the figures.\n"
    tree = {"README.md": readme, "plots.sh": "python plot.py  # pip install matplotlib\n"}
    assert status_on(tmp_path, tree, "DOCS001") is Status.FAILED


def test_a_setup_script_the_readme_never_names_is_no_setup(tmp_path: Path) -> None:
    tree = {"README.md": "# Code for a paper\n", "setup_environment.sh": SETUP_SCRIPT}
    assert status_on(tmp_path, tree, "DOCS001") is Status.FAILED
