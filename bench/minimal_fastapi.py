"""The smallest correct FastAPI service for the bench's model: bench/serve.py's reference point.

    ONNX_MODEL=models/model.onnx BENCH_PACKAGE=bench_demo uvicorn minimal_fastapi:app

One route with the generated project's own request and response models (so the same bodies, the
same validation and the same answer) and its route class (orjson decodes the body: FastAPI's
default, the json module, takes 10x as long on 100 rows), onnxruntime with the service's session
options, and the 0.5 threshold on the positive class; none of the service's production features:
no prediction log, no metrics, no body limit, no request id, no error handlers. What uvicorn +
FastAPI + pydantic + onnxruntime cost by themselves, so the service's figures can be read against
that floor, and the peers' against what any FastAPI service would reach.
"""

import importlib
import os
from typing import Any

import onnxruntime as ort
from fastapi import FastAPI

schemas = importlib.import_module(f"{os.environ['BENCH_PACKAGE']}.serve.schemas")
body = importlib.import_module(f"{os.environ['BENCH_PACKAGE']}.serve.body")

options = ort.SessionOptions()
options.intra_op_num_threads = 1
options.inter_op_num_threads = 1
session = ort.InferenceSession(
    os.environ["ONNX_MODEL"], options, providers=["CPUExecutionProvider"]
)

# FastAPI's OpenTelemetry hooks off, as in the service (no provider is configured).
app = FastAPI(telemetry={"tracing": False, "metrics": False, "logs": False})
app.router.route_class = body.JsonRoute


@app.post("/predict", response_model=schemas.PredictResponse)
async def predict(request: schemas.PredictRequest) -> Any:  # type: ignore[name-defined]
    (probabilities,) = session.run(["probabilities"], {"features": request.to_array()})
    scores = probabilities[:, 1]
    labels = (scores >= 0.5).astype(int)
    predictions = [
        {"label": label, "probability": score}
        for label, score in zip(labels.tolist(), scores.tolist(), strict=True)
    ]
    return {"model_version": "minimal", "threshold": 0.5, "predictions": predictions}
