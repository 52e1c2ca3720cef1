"""Settings and file locations: params.yaml holds every setting, ProjectPaths every file the stages share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .features import DATASET

PARAMS_FILE = Path("params.yaml")


class ParamsError(ValueError):
    """params.yaml is missing, unreadable or lacks a section the pipeline needs."""


def load_params(path: Path = PARAMS_FILE) -> dict[str, Any]:
    """The parsed params file; raises ParamsError naming the file when it cannot be used."""
    try:
        params = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ParamsError(f"cannot read {path}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise ParamsError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(params, dict):
        raise ParamsError(f"{path} must hold a mapping of sections, not {type(params).__name__}")
    return params


def section(params: dict[str, Any], name: str) -> dict[str, Any]:
    """One section of params.yaml (e.g. `train`); raises ParamsError when it is missing."""
    value = params.get(name)
    if not isinstance(value, dict):
        raise ParamsError(f"params.yaml has no `{name}:` section")
    return value


@dataclass(frozen=True)
class ProjectPaths:
    """Where each stage reads and writes, relative to one root (the project, or a test's tmp dir).

    dvc.yaml declares the same paths as stage dependencies and outputs.
    """

    root: Path = Path()

    @property
    def raw_snapshot(self) -> Path:
        """The dataset as bundled with scikit-learn, before any split."""
        return self.root / "data" / "raw" / f"{DATASET}.csv"

    @property
    def train(self) -> Path:
        return self.root / "data" / "processed" / "train.csv"

    @property
    def test(self) -> Path:
        return self.root / "data" / "processed" / "test.csv"

    @property
    def models(self) -> Path:
        return self.root / "models"

    @property
    def model(self) -> Path:
        return self.models / "model.onnx"

    @property
    def metadata(self) -> Path:
        return self.models / "metadata.json"

    @property
    def train_metrics(self) -> Path:
        """Cross-validation score and the hyper-parameters it chose."""
        return self.root / "metrics" / "train.json"

    @property
    def evaluate_metrics(self) -> Path:
        """Test-split metrics of the model and of the dummy baseline."""
        return self.root / "metrics" / "evaluate.json"

    @property
    def plots(self) -> Path:
        return self.root / "plots"
