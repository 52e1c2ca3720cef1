"""LitServe serving the ONNX model with onnxruntime (bench/serve.py's peer).

    python server.py MODEL_ONNX PORT

One API server process and one inference worker, ZeroMQ between them (`fast_queue`), uvicorn's
access log off: LitServe's own advice for throughput.
"""

import sys

import litserve as ls
import numpy as np
import onnxruntime as ort


class OnnxAPI(ls.LitAPI):
    """`{"instances": [[...], ...]}` in, `{"labels": [...], "probabilities": [...]}` out."""

    def __init__(self, model_path: str) -> None:
        super().__init__()
        self.model_path = model_path

    def setup(self, device: str) -> None:
        self.session = ort.InferenceSession(self.model_path, providers=["CPUExecutionProvider"])
        self.input_name = self.session.get_inputs()[0].name

    # No annotations on `request` and on the answer: LitServe reads them to build its route, and
    # without them it takes the JSON body as is and returns the dict as JSON (its fast path).
    def decode_request(self, request):
        return np.asarray(request["instances"], dtype=np.float32)

    def predict(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        label, probabilities = self.session.run(None, {self.input_name: features})
        return label, probabilities

    def encode_response(self, output: tuple[np.ndarray, np.ndarray]):
        label, probabilities = output
        return {"labels": label.tolist(), "probabilities": probabilities.tolist()}


if __name__ == "__main__":
    model_path, port = sys.argv[1], int(sys.argv[2])
    server = ls.LitServer(
        OnnxAPI(model_path), accelerator="cpu", workers_per_device=1, fast_queue=True
    )
    server.run(
        host="127.0.0.1",
        port=port,
        num_api_servers=1,
        log_level="warning",
        generate_client_file=False,
        access_log=False,
    )
