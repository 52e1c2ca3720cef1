"""An MLServer custom runtime serving the ONNX model with onnxruntime (bench/serve.py's peer).

Written the way MLServer's custom-runtime guide shows: `load` opens the session, `predict`
decodes the one input tensor with NumpyCodec and returns the model's two outputs.
"""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
from mlserver import MLModel
from mlserver.codecs import NumpyCodec
from mlserver.types import InferenceRequest, InferenceResponse
from mlserver.utils import get_model_uri


class OnnxRuntimeModel(MLModel):
    """The ONNX model behind the Open Inference Protocol: outputs `label` and `probabilities`."""

    async def load(self) -> bool:
        path = await get_model_uri(self.settings)
        self._session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        self._input = self._session.get_inputs()[0].name
        self._outputs = [output.name for output in self._session.get_outputs()]
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        features = NumpyCodec.decode_input(payload.inputs[0]).astype(np.float32, copy=False)
        results = self._session.run(self._outputs, {self._input: features})
        return InferenceResponse(
            model_name=self.name,
            outputs=[
                NumpyCodec.encode_output(name, result)
                for name, result in zip(self._outputs, results, strict=True)
            ],
        )
