"""The served model: models/model.onnx run by onnxruntime, checked against models/metadata.json."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

from ..features import FEATURES, PROBLEM_TYPE

INPUT_NAME = "features"


class ModelNotReadyError(Exception):
    """The model cannot be served; the message is the reason /ready reports."""


class OnnxModel:
    """One ONNX inference session, loaded once and shared by every request."""

    def __init__(self, session: ort.InferenceSession, metadata: dict[str, Any]) -> None:
        self.session = session
        self.metadata = metadata
        self.version: str = str(metadata["model_version"])
        self.classes: list[Any] = list(metadata.get("classes") or [])
        self.feature_stats: list[dict[str, Any]] = list(metadata["features"])
        self._output = "probabilities" if PROBLEM_TYPE == "classification" else "variable"

    def run(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities (rows, classes) or values (rows, 1) for a float32 array (rows, len(FEATURES))."""
        (result,) = self.session.run([self._output], {INPUT_NAME: features})
        return result


def load_model(model_dir: Path) -> OnnxModel:
    """Load and check the model in `model_dir`; raises ModelNotReadyError saying what is wrong."""
    metadata = read_metadata(model_dir / "metadata.json")
    onnx_path = model_dir / "model.onnx"
    try:
        onnx_bytes = onnx_path.read_bytes()
    except OSError as error:
        raise ModelNotReadyError(f"cannot read {onnx_path}: {error.strerror} (run `make train`)") from None
    expected_sha = metadata.get("onnx_sha256")
    if expected_sha and hashlib.sha256(onnx_bytes).hexdigest() != expected_sha:
        raise ModelNotReadyError(f"{onnx_path} does not match onnx_sha256 in metadata.json")
    session = _open_session(onnx_bytes, onnx_path)
    _check_signature(session, onnx_path)
    return OnnxModel(session, metadata)


def read_metadata(path: Path) -> dict[str, Any]:
    """Parse metadata.json and check it describes a model for this package's features."""
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ModelNotReadyError(f"cannot read {path}: {error.strerror} (run `make train`)") from None
    except ValueError as error:
        raise ModelNotReadyError(f"{path} is not valid JSON: {error}") from None
    if not isinstance(metadata, dict) or "model_version" not in metadata:
        raise ModelNotReadyError(f"{path} has no model_version")
    names = [feature.get("name") for feature in metadata.get("features", [])]
    if names != list(FEATURES):
        raise ModelNotReadyError(f"{path} lists features {names}, the service expects {list(FEATURES)}")
    if metadata.get("problem_type") != PROBLEM_TYPE:
        raise ModelNotReadyError(f"{path} is a {metadata.get('problem_type')} model, expected {PROBLEM_TYPE}")
    if PROBLEM_TYPE == "classification" and len(metadata.get("classes") or []) < 2:
        raise ModelNotReadyError(f"{path} lists fewer than two classes")
    return metadata


def _open_session(onnx_bytes: bytes, onnx_path: Path) -> ort.InferenceSession:
    options = ort.SessionOptions()
    # Rows are few per call: extra threads cost more to wake than they save, and workers scale instead.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3
    try:
        return ort.InferenceSession(onnx_bytes, options, providers=["CPUExecutionProvider"])
    except Exception as error:  # onnxruntime raises several unrelated types for a bad file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ModelNotReadyError(f"{onnx_path} could not be loaded: {reason}") from None


def _check_signature(session: ort.InferenceSession, onnx_path: Path) -> None:
    inputs = session.get_inputs()
    if len(inputs) != 1 or inputs[0].name != INPUT_NAME or inputs[0].shape[-1] != len(FEATURES):
        found = [(i.name, i.shape) for i in inputs]
        raise ModelNotReadyError(
            f"{onnx_path} takes {found}, expected one input {INPUT_NAME!r} of {len(FEATURES)} columns"
        )
    wanted = "probabilities" if PROBLEM_TYPE == "classification" else "variable"
    if wanted not in {output.name for output in session.get_outputs()}:
        raise ModelNotReadyError(f"{onnx_path} has no output {wanted!r}")
