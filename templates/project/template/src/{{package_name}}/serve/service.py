"""One model, its business rules, metrics and prediction log: what every route of the service shares."""

from __future__ import annotations

import random
import time
from typing import Any

import numpy as np
import pybase64
from fastapi import HTTPException

from .logs import PredictionLog
from .metrics import ServiceMetrics
from .model import ModelNotReadyError, OnnxModel, load_model
from .rules import Decisions, decide
from .settings import ServeSettings


class PredictionService:
    """The model loaded at start-up (or the reason it could not be), the business rules, metrics and logs."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.metrics = ServiceMetrics()
        self.prediction_log = PredictionLog()
        self.model: OnnxModel | None = None
        self.not_ready_reason = ""
        try:
            self.model = load_model(settings.model_dir)
        except ModelNotReadyError as reason:
            self.not_ready_reason = str(reason)

    @property
    def threshold(self) -> float | None:
        """The decision threshold in force (binary classification only)."""
        if self.model is not None and len(self.model.classes) == 2:
            return self.settings.threshold
        return None

    def loaded_model(self) -> OnnxModel:
        """The model, or 503 with the reason there is none."""
        if self.model is None:
            raise HTTPException(503, f"model not loaded: {self.not_ready_reason}")
        return self.model

    def decide(self, model: OnnxModel, features: np.ndarray) -> Decisions:
        """Score a batch and apply the business rules; 413 above serve.max_batch_rows."""
        limit = self.settings.max_batch_rows
        if len(features) > limit:
            raise HTTPException(413, f"{len(features)} rows in one request, over serve.max_batch_rows ({limit})")
        output = model.run(features)
        if not np.isfinite(output).all():
            # Inputs far outside the training data can push a float32 output to infinity: no number to answer.
            raise HTTPException(
                422, "the model's output is not a finite number for these inputs (far outside its training data)"
            )
        decisions = decide(output, model.classes, self.settings.threshold)
        self.metrics.observe_predictions(decisions.label_counts, len(features))
        return decisions

    def log_prediction(self, request_id: str, features: np.ndarray, decisions: Decisions, start: float) -> None:
        """One JSON line per request: its size, the labels given, by which model; its rows for a share of requests.

        serve.log_inputs is that share (a sample is enough for the drift report, and a 1,000-row batch logs 160 kB).
        The answers are not logged row by row: the inputs, the model version and the threshold give them back.
        """
        fields: dict[str, Any] = {
            "request_id": request_id,
            "model_version": self.model.version if self.model else None,
            "rows": len(features),
            "latency_ms": round((time.perf_counter() - start) * 1000, 3),
            "threshold": self.threshold,
        }
        if decisions.label_counts:
            fields["labels"] = decisions.label_counts
        if random.random() < self.settings.log_inputs:
            # float32 values in FEATURES order, little-endian, base64 (SIMD-encoded): monitoring/drift.py reads them.
            fields["inputs"] = pybase64.b64encode_as_string(np.ascontiguousarray(features, dtype="<f4").data)
        self.prediction_log.record(fields)


def request_id(x_request_id: str | None) -> str:
    """The caller's own id, echoed; otherwise 64 random bits (no system call, unlike secrets)."""
    return x_request_id or f"{random.getrandbits(64):016x}"
