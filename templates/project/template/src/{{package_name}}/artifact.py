"""The model artifact: ONNX export, a parity check against scikit-learn, and metadata.json.

ONNX runs no code when loaded (unlike a pickle), and the service needs only onnxruntime to run it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import time
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import pandas as pd
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType
from sklearn.pipeline import Pipeline

from .features import FEATURES, PROBLEM_TYPE, TARGET

INPUT_NAME = "features"
GRAPH_NAME = __name__.partition(".")[0]
# Opsets every supported onnxruntime runs; newer ones gain nothing for a linear model.
TARGET_OPSET = {"": 17, "ai.onnx.ml": 3}
PARITY_TOLERANCE = 1e-4


class ParityError(RuntimeError):
    """The ONNX model's predictions differ from scikit-learn's: the export is not trustworthy."""


def export_onnx(model: Pipeline) -> bytes:
    """The fitted pipeline as ONNX: one float32 input `features` of shape [None, len(FEATURES)].

    Classifiers output `label` and `probabilities` (a plain tensor, no zipmap); regressors `variable`.
    """
    options = {id(model): {"zipmap": False}} if PROBLEM_TYPE == "classification" else None
    onnx_model = convert_sklearn(
        model,
        # A fixed graph name (skl2onnx draws a random one): the same pipeline exports the same
        # bytes, so a retrain on the same data, code and params keeps the model's version.
        name=GRAPH_NAME,
        initial_types=[(INPUT_NAME, FloatTensorType([None, len(FEATURES)]))],
        options=options,
        target_opset=TARGET_OPSET,
    )
    return onnx_model.SerializeToString()


def as_model_input(frame: pd.DataFrame) -> np.ndarray:
    """The feature columns, in model order, as the float32 array the ONNX model takes."""
    return frame[list(FEATURES)].to_numpy(dtype=np.float32)


def onnx_scores(onnx_bytes: bytes, features: np.ndarray) -> np.ndarray:
    """Positive-class probability (classification) or predicted value (regression) per row."""
    session = ort.InferenceSession(onnx_bytes, providers=["CPUExecutionProvider"])
    if PROBLEM_TYPE == "classification":
        (probabilities,) = session.run(["probabilities"], {INPUT_NAME: features})
        return probabilities[:, 1]
    (values,) = session.run(["variable"], {INPUT_NAME: features})
    return values.reshape(-1)


def sklearn_scores(model: Pipeline, features: np.ndarray) -> np.ndarray:
    """The same scores as onnx_scores, from the scikit-learn pipeline."""
    frame = pd.DataFrame(features, columns=list(FEATURES))
    if PROBLEM_TYPE == "classification":
        return model.predict_proba(frame)[:, 1]
    return model.predict(frame)


def check_parity(model: Pipeline, onnx_bytes: bytes, frame: pd.DataFrame) -> float:
    """Largest difference between ONNX and scikit-learn scores on these rows; ParityError if too large."""
    features = as_model_input(frame)
    expected = sklearn_scores(model, features)
    actual = onnx_scores(onnx_bytes, features)
    # Relative for regression targets in the hundreds, absolute for probabilities.
    scale = np.maximum(1.0, np.abs(expected))
    difference = float(np.max(np.abs(actual - expected) / scale))
    if difference > PARITY_TOLERANCE:
        raise ParityError(f"ONNX and scikit-learn disagree by {difference:.2e} (tolerance {PARITY_TOLERANCE:.0e})")
    return difference


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def git_commit(root: Path) -> str:
    """The commit the model was trained from, or "unknown" outside a git checkout."""
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return result.stdout.strip()


def feature_statistics(train: pd.DataFrame) -> list[dict[str, Any]]:
    """Per-feature min, max, mean and std of the training rows: the reference for drift checks."""
    return [
        {
            "name": name,
            "min": float(train[name].min()),
            "max": float(train[name].max()),
            "mean": float(train[name].mean()),
            "std": float(train[name].std()),
        }
        for name in FEATURES
    ]


def build_metadata(
    *,
    onnx_path: Path,
    train_path: Path,
    test_path: Path,
    params: dict[str, Any],
    metrics: dict[str, Any],
    classes: list[int] | None,
    root: Path,
) -> dict[str, Any]:
    """metadata.json: what the model is, what it was trained on, from which code, and how it scored."""
    onnx_sha256 = sha256_file(onnx_path)
    metadata: dict[str, Any] = {
        # Content-addressed: the same model bytes always get the same version.
        "model_version": onnx_sha256[:12],
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "problem_type": PROBLEM_TYPE,
        "target": TARGET,
        "features": feature_statistics(pd.read_csv(train_path)),
        "params": params,
        "metrics": metrics,
        "data": {"train_sha256": sha256_file(train_path), "test_sha256": sha256_file(test_path)},
        "git_commit": git_commit(root),
        "onnx_sha256": onnx_sha256,
    }
    if classes is not None:
        metadata["classes"] = classes
    return metadata


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
