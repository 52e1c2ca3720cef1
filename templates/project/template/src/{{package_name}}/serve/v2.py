"""The Open Inference Protocol (KServe v2) beside /predict: what KServe, Triton and their clients speak.

One model, named after the package, with one input tensor `features` (FP32, shape [rows,
len(FEATURES)]) and the answers of /predict as output tensors, one per prediction field. Tensors
travel as JSON or, with the binary tensor data extension, as raw little-endian bytes after the
JSON header (its length in the `Inference-Header-Content-Length` header): the fast form for
large batches. Ask for binary outputs with the request parameter `binary_data_output` or an
output's `binary_data`.
"""

import struct
import time
from enum import Enum
from typing import Annotated, Any

import numpy as np
import orjson
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from ..features import FEATURES
from .model import INPUT_NAME, OnnxModel
from .rules import decide
from .service import PredictionService, request_id

MODEL_NAME = __name__.partition(".")[0]
HEADER_LENGTH = "inference-header-content-length"
# The input datatypes taken, and the datatype of each output array's dtype.
INPUT_TYPES: dict[str, np.dtype[Any]] = {"FP32": np.dtype("<f4"), "FP64": np.dtype("<f8")}
OUTPUT_TYPES = {np.dtype(np.int64): "INT64", np.dtype(np.float32): "FP32", np.dtype(np.float64): "FP64"}

Number = Annotated[float, Field(strict=True)]


class InputTensor(BaseModel):
    """One input: its values in `data` (flat, row-major) or, with `binary_data_size`, as bytes after the header."""

    name: str
    shape: list[int]
    datatype: str
    parameters: dict[str, Any] = {}
    data: list[Number] | None = None


class RequestedOutput(BaseModel):
    """An output to return; `"parameters": {"binary_data": true}` returns it as raw bytes."""

    name: str
    parameters: dict[str, Any] = {}


class InferenceRequest(BaseModel):
    """$inference_request of the protocol; fields it does not use (e.g. `model_name`) are ignored."""

    id: str | None = None
    parameters: dict[str, Any] = {}
    inputs: list[InputTensor] = Field(min_length=1)
    outputs: list[RequestedOutput] | None = None


def features_of(inference: InferenceRequest, binary: memoryview) -> np.ndarray:
    """The `features` input as float32 (rows, len(FEATURES)); 400 says what is wrong with it."""
    if len(inference.inputs) != 1 or inference.inputs[0].name != INPUT_NAME:
        raise HTTPException(400, f"expected one input named {INPUT_NAME!r}")
    tensor = inference.inputs[0]
    dtype = INPUT_TYPES.get(tensor.datatype)
    if dtype is None or len(tensor.shape) != 2 or tensor.shape[1] != len(FEATURES) or tensor.shape[0] < 1:
        found = f"datatype {tensor.datatype} and shape {tensor.shape}"
        raise HTTPException(400, f"input {INPUT_NAME!r} has {found}; expected FP32 (or FP64), [rows, {len(FEATURES)}]")
    size = tensor.parameters.get("binary_data_size")
    if size is not None:
        if size != len(binary) or size != tensor.shape[0] * len(FEATURES) * dtype.itemsize:
            raise HTTPException(400, f"binary_data_size {size} does not match the shape or the {len(binary)} bytes")
        values = np.frombuffer(binary, dtype=dtype)
    elif tensor.data is None or len(binary):
        raise HTTPException(400, f"input {INPUT_NAME!r} has no data, or bytes follow the header unannounced")
    else:
        values = np.asarray(tensor.data, dtype=np.float64)
    if values.size != tensor.shape[0] * len(FEATURES):
        raise HTTPException(400, f"input {INPUT_NAME!r} holds {values.size} values, its shape says {tensor.shape}")
    with np.errstate(over="ignore"):  # a value beyond float32 becomes infinite, and is refused below
        features = values.reshape(tensor.shape).astype(np.float32, copy=False)  # FP32 is used in place
    if not np.isfinite(features).all():
        raise HTTPException(400, "every value must be a finite number within float32's range")
    return features


def tensor_bytes(array: np.ndarray) -> bytes:
    """An output as the binary extension sends it: little-endian; BYTES as a 4-byte length before each element."""
    if array.dtype.kind in "US":
        return b"".join(struct.pack("<I", len(item)) + item for item in (str(value).encode() for value in array))
    return array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes()


def datatype(array: np.ndarray) -> str:
    """The protocol's name for an output array's type."""
    return "BYTES" if array.dtype.kind in "US" else OUTPUT_TYPES[array.dtype]


def add_open_inference_routes(app: FastAPI, service: PredictionService) -> None:
    """The protocol's health, metadata and inference endpoints, over one service."""
    tags: list[str | Enum] = ["Open Inference Protocol (KServe v2)"]

    # First: the router tries routes in order, and this is the one under load.
    @app.post("/v2/models/{model_name}/infer", tags=tags, summary="Inference (JSON or binary tensors)")
    async def infer(model_name: str, request: Request) -> Response:
        start = time.perf_counter()
        check_name(model_name)
        model = service.loaded_model()
        body = await request.body()
        header_length = request.headers.get(HEADER_LENGTH, str(len(body)))
        if not header_length.isdigit() or int(header_length) > len(body):
            raise HTTPException(400, f"{HEADER_LENGTH} {header_length!r} is not a length within the body")
        try:
            inference = InferenceRequest.model_validate(orjson.loads(body[: int(header_length)]))
        except orjson.JSONDecodeError as error:
            raise HTTPException(400, f"the inference header is not JSON: {error}") from None
        except ValidationError as error:
            problem = error.errors(include_url=False)[0]
            raise HTTPException(400, f"{'/'.join(map(str, problem['loc'])) or 'body'}: {problem['msg']}") from None
        features = features_of(inference, memoryview(body)[int(header_length) :])
        decisions = service.decide(model, features)
        rid = request_id(inference.id or request.headers.get("x-request-id"))
        service.log_prediction(rid, features, decisions, start)
        return inference_response(inference, model_name, model.version, rid, decisions.columns)

    @app.get("/v2", tags=tags, summary="Server metadata")
    async def server_metadata() -> dict[str, Any]:
        return {"name": MODEL_NAME, "version": "2", "extensions": ["binary_tensor_data"]}

    @app.get("/v2/health/live", tags=tags, summary="Server live")
    async def live() -> dict[str, bool]:
        return {"live": True}

    @app.get("/v2/health/ready", tags=tags, summary="Server ready")
    async def ready() -> JSONResponse:
        return JSONResponse({"ready": service.model is not None}, status_code=200 if service.model else 503)

    @app.get("/v2/models/{model_name}/ready", tags=tags, summary="Model ready")
    async def model_ready(model_name: str) -> JSONResponse:
        check_name(model_name)
        return JSONResponse({"name": model_name, "ready": service.model is not None}, 200 if service.model else 503)

    @app.get("/v2/models/{model_name}", tags=tags, summary="Model metadata")
    async def model_metadata(model_name: str) -> dict[str, Any]:
        check_name(model_name)
        model = service.loaded_model()
        outputs = output_examples(model, service.settings.threshold)
        return {
            "name": model_name,
            "versions": [model.version],
            "platform": "onnxruntime_onnx",
            "inputs": [{"name": INPUT_NAME, "datatype": "FP32", "shape": [-1, len(FEATURES)]}],
            "outputs": [{"name": name, "datatype": datatype(array), "shape": [-1]} for name, array in outputs.items()],
        }


def check_name(model_name: str) -> None:
    """404 for any model but this package's."""
    if model_name != MODEL_NAME:
        raise HTTPException(404, f"no model {model_name!r}; this server serves {MODEL_NAME!r}")


def output_examples(model: OnnxModel, threshold: float) -> dict[str, np.ndarray]:
    """The outputs for one row of zeros: their names and types, for the metadata endpoint."""
    return decide(model.run(np.zeros((1, len(FEATURES)), dtype=np.float32)), model.classes, threshold).columns


def inference_response(
    inference: InferenceRequest, model_name: str, version: str, rid: str, columns: dict[str, np.ndarray]
) -> Response:
    """$inference_response: the requested outputs (all by default), each as JSON or raw bytes."""
    requested = inference.outputs or [RequestedOutput(name=name) for name in columns]
    unknown = [output.name for output in requested if output.name not in columns]
    if unknown:
        raise HTTPException(400, f"unknown outputs {unknown}; this model has {list(columns)}")
    all_binary = bool(inference.parameters.get("binary_data_output"))
    outputs, binary = [], []
    for output in requested:
        array = columns[output.name]
        tensor: dict[str, Any] = {"name": output.name, "datatype": datatype(array), "shape": list(array.shape)}
        if output.parameters.get("binary_data", all_binary):
            binary.append(tensor_bytes(array))
            tensor["parameters"] = {"binary_data_size": len(binary[-1])}
        else:
            tensor["data"] = array
        outputs.append(tensor)
    header = orjson.dumps(
        {"model_name": model_name, "model_version": version, "id": rid, "outputs": outputs},
        option=orjson.OPT_SERIALIZE_NUMPY,
    )
    if not binary:
        return Response(header, media_type="application/json")
    return Response(
        b"".join([header, *binary]),
        media_type="application/octet-stream",
        headers={HEADER_LENGTH: str(len(header))},
    )
