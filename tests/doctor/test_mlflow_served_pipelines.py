"""Models MLflow's scoring server serves (session 44): a README's command that sets a
shell variable before `mlflow models serve` starts it too, and a Kedro pipeline bound into
the served pyfunc model (kedro-mlflow's `pipeline_ml_factory`, which MLflow cloudpickles)
is unpickled by the server with no hash checked."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit

PROJECT = {
    "pyproject.toml": '[project]\nname = "texts"\nversion = "0.1"\n',
    "src/texts/__init__.py": "",
    "src/texts/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
}
README = (
    "# Texts\n\nTrain, then serve the logged pipeline:\n\n```bash\n"
    "model_id=0a1b2c; mlflow models serve -m ./mlruns/1/${model_id}/artifacts/model --no-conda\n"
    "```\n"
)
PROSE = "# Texts\n\nThe logged pipeline could later be served with `mlflow models serve`.\n"
KEDRO_REGISTRY = (
    "from kedro_mlflow.pipeline import pipeline_ml_factory\n\n"
    "from texts.pipelines import inference, training\n\n\n"
    "def register_pipelines():\n"
    "    bound = pipeline_ml_factory(\n"
    "        training=training.create_pipeline(),\n"
    "        inference=inference.create_pipeline(),\n"
    '        input_name="texts",\n    )\n'
    '    return {"training": bound}\n'
)
SKLEARN_LOG = (
    "import mlflow.sklearn\n\n\n"
    "def log(model):\n"
    '    mlflow.sklearn.log_model(model, "model", registered_model_name="texts")\n'
)
SERVE_TARGET = "serve:\n\tmlflow models serve -m models:/texts/1 -p 5001\n"


def _status(tmp_path: Path, files: dict[str, str], check_id: str) -> Status:
    build_file_tree(tmp_path, {**PROJECT, **files})
    return next(r.status for r in audit(tmp_path, check_id).results if r.id == check_id)


def test_a_readme_command_after_a_shell_variable_serves_the_model(tmp_path: Path) -> None:
    assert _status(tmp_path, {"README.md": README}, "MON002") is Status.FAILED


def test_a_readme_naming_the_command_in_prose_serves_nothing(tmp_path: Path) -> None:
    assert _status(tmp_path, {"README.md": PROSE}, "MON002") is Status.NOT_APPLICABLE


def test_a_served_kedro_mlflow_pipeline_is_unpickled_unchecked(tmp_path: Path) -> None:
    files = {"src/texts/pipeline_registry.py": KEDRO_REGISTRY, "Makefile": SERVE_TARGET}
    assert _status(tmp_path, files, "SERVE003") is Status.FAILED


def test_a_served_flavour_model_that_pickles_is_unpickled_unchecked(tmp_path: Path) -> None:
    # session 47: MLflow's server loading a model logged with a pickling flavour is a
    # pickle load (six corpus labels to two)
    files = {"src/texts/log.py": SKLEARN_LOG, "Makefile": SERVE_TARGET}
    assert _status(tmp_path, files, "SERVE003") is Status.FAILED
