"""Session 32's general fixes: Keras' older training calls train (`fit_generator`,
`train_on_batch`), so the checks about training apply to the module that calls them; an
echo about an ML test split ("test data") is no CI step that says tests run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import committed_status

KERAS_MODULE = (
    "from keras.models import Sequential\n\n\n"
    "def main(batches):\n"
    "    model = Sequential()\n"
    '    model.compile(loss="mse")\n'
    "    model.{call}\n"
    '    model.save("model.h5")\n'
)


@pytest.mark.parametrize(
    ("call", "status"),
    [
        ("fit_generator(batches, epochs=3)", "failed"),
        ("train_on_batch(*next(batches))", "failed"),
        ("predict(next(batches))", "not-applicable"),
    ],
)
def test_keras_older_training_calls_train(tmp_path: Path, call: str, status: str) -> None:
    # A module named run.py, not train.py: only its calls say that it trains.
    tree = {
        "requirements.txt": "tensorflow==2.15.0\n",
        "src/model/run.py": KERAS_MODULE.format(call=call),
    }
    assert committed_status(tmp_path, tree, "EXP001") == status


# -- CI002: an echo about a test split names no tests -------------------------------------

WORKFLOW = (
    "name: deploy\non: push\npermissions:\n  contents: read\njobs:\n  evaluate:\n"
    "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
    '      - run: echo "{words}"\n      - run: python scripts/evaluate.py\n'
)
NO_TESTS = {"requirements.txt": "scikit-learn==1.5.0\n", "scripts/evaluate.py": "print(1)\n"}


@pytest.mark.parametrize(
    ("words", "status"),
    [("Generating test data...", "not-applicable"), ("Running the tests...", "failed")],
)
def test_an_echo_about_test_data_names_no_tests(tmp_path: Path, words: str, status: str) -> None:
    # No test suite: CI002 applies only when a CI line says tests run (a green tick lies).
    tree = {**NO_TESTS, ".github/workflows/deploy.yml": WORKFLOW.format(words=words)}
    assert committed_status(tmp_path, tree, "CI002") == status


# -- conda files named for their job: train-conda.yml (ENV001, ENV006) --------------------

CONDA = "name: train\nchannels: [conda-forge]\ndependencies:\n  - python=3.7.9\n  - pip\n"


@pytest.mark.parametrize(
    ("name", "status"),
    [("config/train-conda.yml", "failed"), ("config/train-notes.yml", "not-applicable")],
)
def test_a_conda_file_named_for_its_job_sets_the_python(
    tmp_path: Path, name: str, status: str
) -> None:
    # Without `channels`, only the name says it is a conda file (session 40 reads a YAML in
    # conda's whole format, channels included, whatever its name).
    content = CONDA.replace("channels: [conda-forge]\n", "")
    tree = {"requirements.txt": "scikit-learn==1.5.0\n", name: content}
    assert committed_status(tmp_path, tree, "ENV006") == status


# -- AWS CodeBuild: a buildspec the repository wires to a project is CI --------------------

BUILDSPEC = (
    "version: 0.2\nphases:\n  install:\n    runtime-versions:\n      python: {python}\n"
    "    commands:\n      - pip install -r requirements.txt\n"
    "  build:\n    commands:\n      - {command}\n"
)
TERRAFORM = (
    'resource "aws_codebuild_project" "build" {\n  name = "model-build"\n'
    '  source {\n    type      = "CODEPIPELINE"\n    buildspec = "buildspec.yml"\n  }\n}\n'
)
SUITE = {
    "requirements.txt": "scikit-learn==1.5.0\n",
    "tests/test_model.py": "def test_sum():\n    assert sum([1, 1]) == 2\n",
    "infra/main.tf": TERRAFORM,
}


@pytest.mark.parametrize("path", ["buildspec.yml", "pipelines/modelbuild_buildspec.yml"])
@pytest.mark.parametrize(("command", "status"), [("pytest -q", "passed"), ("echo ok", "failed")])
def test_a_codebuild_buildspec_is_ci_and_its_commands_run(
    tmp_path: Path, path: str, command: str, status: str
) -> None:
    tree = {**SUITE, path: BUILDSPEC.format(python="3.12", command=command)}
    assert committed_status(tmp_path, tree, "CI002") == status


@pytest.mark.parametrize(("python", "status"), [("3.8", "failed"), ("3.12", "passed")])
def test_a_codebuild_runtime_is_a_python_ci_sets_up(
    tmp_path: Path, python: str, status: str
) -> None:
    tree = {**SUITE, "buildspec.yml": BUILDSPEC.format(python=python, command="pytest")}
    assert committed_status(tmp_path, tree, "ENV006") == status


@pytest.mark.parametrize(("declared", "status"), [(True, "passed"), (False, "failed")])
def test_a_buildspec_is_ci_only_where_the_repository_declares_what_runs_it(
    tmp_path: Path, declared: bool, status: str
) -> None:
    # Alone, a buildspec is a recipe someone may start by hand, or not.
    tree = {**SUITE, "buildspec.yml": BUILDSPEC.format(python="3.12", command="pytest")}
    if not declared:
        del tree["infra/main.tf"]
    assert committed_status(tmp_path, tree, "CI001") == status


# -- TEST001: placeholders, smoke scripts and Jupyter's copies are no test suite ----------

PLACEHOLDER = (
    "import pytest\n\n\n@pytest.mark.xfail\ndef test_that_you_wrote_tests():\n"
    '    assert False, "No tests written"\n\n\n'
    "def test_pipelines_importable():\n    import pipelines  # noqa: F401\n"
)
SMOKE = (
    "import sys\n\n\ndef test_endpoint(name):\n    return {'endpoint': name, 'ok': True}\n\n\n"
    'if __name__ == "__main__":\n    results = test_endpoint(sys.argv[1])\n    print(results)\n'
)
REAL = "def test_sum():\n    assert sum([1, 1]) == 2\n"
CODE = {"pipelines/__init__.py": "", "pipelines/run.py": "print('run')\n"}


@pytest.mark.parametrize(
    ("path", "module", "status"),
    [
        ("tests/test_pipelines.py", PLACEHOLDER, "failed"),
        ("test/test.py", SMOKE, "failed"),
        ("tests/.ipynb_checkpoints/test_sum-checkpoint.py", REAL, "failed"),
        ("tests/test_sum.py", REAL, "passed"),
    ],
)
def test_only_a_test_a_runner_collects_makes_a_suite(
    tmp_path: Path, path: str, module: str, status: str
) -> None:
    assert committed_status(tmp_path, {**CODE, path: module}, "TEST001") == status


# -- ENV002: a tool's server image is no environment of the project ----------------------

TRACKING_IMAGE = "FROM python:3.12-slim\nRUN pip install mlflow boto3\nEXPOSE 5000\n{cmd}"
PROJECT = {
    "requirements.txt": "scikit-learn==1.5.2\n",
    "requirements.lock": "scikit-learn==1.5.2\n",
    "train.py": (
        "from sklearn.linear_model import LinearRegression\n\nLinearRegression().fit([[1]], [1])\n"
    ),
}


@pytest.mark.parametrize(
    ("cmd", "status"),
    [
        ('CMD ["mlflow", "server", "--host", "0.0.0.0"]\n', "passed"),
        ('CMD ["python", "train.py"]\n', "failed"),
    ],
)
def test_a_tracking_servers_unpinned_installs_are_not_the_projects(
    tmp_path: Path, cmd: str, status: str
) -> None:
    tree = {**PROJECT, "mlflow/Dockerfile": TRACKING_IMAGE.format(cmd=cmd)}
    assert committed_status(tmp_path, tree, "ENV002") == status


def test_a_real_test_beside_the_placeholders_makes_a_suite(tmp_path: Path) -> None:
    module = (
        PLACEHOLDER + "\n\ndef test_drops_nulls():\n    assert [x for x in [1, None] if x] == [1]\n"
    )
    assert committed_status(tmp_path, {**CODE, "tests/test_pipelines.py": module}, "TEST001") == (
        "passed"
    )


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("ci/BuildSpec-Test.yml", "passed"),  # CodeBuild's names, whatever their case
        (".github/workflows/validate-buildspec.yml", "passed"),  # a workflow stays one
    ],
)
def test_buildspec_names_do_not_hide_a_ci_files_commands(
    tmp_path: Path, path: str, status: str
) -> None:
    if path.startswith(".github"):
        content = (
            "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
            "    steps:\n      - run: pytest -q\n"
        )
    else:
        content = BUILDSPEC.format(python="3.12", command="pytest -q")
    tree = {**SUITE, path: content}
    assert committed_status(tmp_path, tree, "CI002") == status
