"""EXP: every run records its parameters and metrics."""

from __future__ import annotations

from mlops_scaffold.doctor.checks.base import Check, Outcome


class EXP001(Check):
    """Passes when dvc.yaml declares params, or metrics that are kept (a stage's metrics
    file marked `cache: false` is git's to keep: none is kept when the .gitignore drops
    it), or the code (not tests) uses an experiment tracker: MLflow, Weights & Biases,
    TensorBoard's SummaryWriter or Keras' `TensorBoard` callback, Lightning loggers,
    Neptune, Comet, Aim, ClearML, DVCLive, Azure ML `Run.get_context()`, Sacred, a Metaflow
    flow that trains (a `FlowSpec`: Metaflow keeps each run's parameters and artifacts),
    Vertex AI Experiments (`aiplatform.start_run`, `log_metrics`, `autolog()`), a Kubeflow
    Pipelines component's `Output[Metrics]` artifact (each run's metrics kept in the
    pipeline's ML Metadata), SageMaker
    Experiments (`sagemaker.experiments.Run`), or a model registry that records each
    version with its metrics (Hopsworks `create_model(..., metrics=...)`, SageMaker
    `ModelMetrics`), ZenML metadata logged on a run or a model version
    (`log_metadata(metadata={"mae": ...})`, `log_model_metadata`), SwanLab, Polyaxon's
    tracking client, Determined, Ray Tune (`tune.run`, `Tuner`: each trial's config and
    reported metrics are kept), kedro-mlflow's datasets in a Kedro catalog (`type:
    kedro_mlflow.io.metrics.MlflowMetricsHistoryDataset`: the plugin logs each run's
    parameters beside them), or a Hugging Face Trainer
    whose `report_to` names one (`report_to="wandb"`) or is left to transformers 4's
    default ("all": every tracker installed) where the project declares transformers
    below 5 and a tracker's package (`tensorboard`); the table is recognisers.TRACKERS.
    Code is read as code: a line commented out, in a script or a notebook's cell, uses no
    tracker, nor does old code kept in a string (a module's first lines between triple
    quotes, `import mlflow` among them), and `import os, mlflow` imports MLflow. A
    tracker only an app uses (a web service, a Streamlit or Gradio page, or a module the
    service runs, its prediction service, when none of the service's code trains and no
    training code imports that module) that trains nothing records no experiment: it
    reads the model registry or logs requests.
    Training code no program runs is none: a fit only in methods of classes that no code
    or configuration of the project calls or names (prose aside: a `ModelService.train` left
    behind when training moved elsewhere), or a script that fits a model only to write a
    fixture for the tests (`tests/fixtures/model.joblib`). A file named for training
    (`train.py`) still trains whatever its fits: its name says what it is for."""

    @staticmethod
    def check(trackers: list[str]) -> Outcome:
        return bool(trackers)
