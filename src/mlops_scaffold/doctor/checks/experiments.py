"""EXP: every run records its parameters and metrics."""

from __future__ import annotations

from typing import Any

from mlops_scaffold.doctor.checks.base import Check, Outcome

TRACKERS = ("mlflow", "wandb", "dvclive", "clearml", "neptune", "comet_ml", "aim")


def _dvc_tracks(dvc_yaml: dict[str, Any]) -> bool:
    if dvc_yaml.get("metrics") or dvc_yaml.get("params"):
        return True
    stages = dvc_yaml.get("stages")
    stages = stages.values() if isinstance(stages, dict) else []
    return any(isinstance(s, dict) and (s.get("metrics") or s.get("params")) for s in stages)


class EXP001(Check):
    """Passes when dvc.yaml declares metrics or params, or the code imports an experiment
    tracker (MLflow, Weights & Biases, DVCLive, ClearML, Neptune, Comet, Aim)."""

    @staticmethod
    def check(dvc_yaml: dict[str, Any], imports: dict[str, list[str]]) -> Outcome:
        return _dvc_tracks(dvc_yaml) or any(name in imports for name in TRACKERS)
