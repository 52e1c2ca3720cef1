"""EXP: every run records its parameters and metrics."""

from __future__ import annotations

from mlops_scaffold.doctor.checks.base import Check, Outcome


class EXP001(Check):
    """Passes when dvc.yaml declares metrics or params, or the code (not tests) uses an
    experiment tracker: MLflow, Weights & Biases, TensorBoard's SummaryWriter or Keras'
    `TensorBoard` callback, Lightning loggers, Neptune, Comet, Aim, ClearML, DVCLive, Azure
    ML `Run.get_context()`, Sacred, a Metaflow flow that trains (a `FlowSpec`: Metaflow
    keeps each run's parameters and artifacts), Vertex AI Experiments
    (`aiplatform.start_run`, `log_metrics`, `autolog()`), SageMaker Experiments
    (`sagemaker.experiments.Run`), or a model registry that records each version with its
    metrics (Hopsworks `create_model(..., metrics=...)`, SageMaker `ModelMetrics`),
    SwanLab, Polyaxon's tracking client, Determined, or a Hugging Face Trainer whose
    `report_to` names one (`report_to="wandb"`); the table is recognisers.TRACKERS. A
    tracker only an app uses (a web service, a Streamlit or Gradio page) that trains
    nothing records no experiment: it reads the model registry or logs requests."""

    @staticmethod
    def check(trackers: list[str]) -> Outcome:
        return bool(trackers)
