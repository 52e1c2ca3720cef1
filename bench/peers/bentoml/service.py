"""BentoML serving the ONNX model with onnxruntime (bench/serve.py's peer).

    ONNX_MODEL=models/model.onnx bentoml serve service:OnnxModel --port PORT

One worker, an async API (no thread pool hop), access log off.
"""

from __future__ import annotations

import os

import bentoml
import numpy as np
import onnxruntime as ort


@bentoml.service(workers=1, logging={"access": {"enabled": False}})
class OnnxModel:
    """`{"instances": [[...], ...]}` in, `{"labels": [...], "probabilities": [...]}` out."""

    def __init__(self) -> None:
        self.session = ort.InferenceSession(
            os.environ["ONNX_MODEL"], providers=["CPUExecutionProvider"]
        )
        self.input_name = self.session.get_inputs()[0].name

    @bentoml.api
    async def predict(self, instances: list[list[float]]) -> dict[str, list]:
        features = np.asarray(instances, dtype=np.float32)
        label, probabilities = self.session.run(None, {self.input_name: features})
        return {"labels": label.tolist(), "probabilities": probabilities.tolist()}
