"""What the servers under bench/serve.py answer, read back and compared with in-process ONNX.

Pure Python (no NumPy): it runs in the tool's own venv, the servers each run in theirs.
Open Inference Protocol requests and answers, JSON tensors and the binary tensor data
extension (`Inference-Header-Content-Length`, raw little-endian tensors after the JSON), are
built and read here too.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# The Open Inference Protocol's binary extension: the length of the JSON part, in a header.
HEADER_LENGTH = "Inference-Header-Content-Length"
# Tensor datatypes of the protocol and their little-endian struct codes.
STRUCT_CODES = {
    "BOOL": "?",
    "INT8": "b",
    "INT16": "h",
    "INT32": "i",
    "INT64": "q",
    "UINT8": "B",
    "UINT16": "H",
    "UINT32": "I",
    "UINT64": "Q",
    "FP32": "f",
    "FP64": "d",
}
# A probability may differ between float32 (ONNX) and float64 (scikit-learn) arithmetic.
PROBABILITY_TOLERANCE = 1e-4
# How each server answers (a scenario names one): service /predict, Open Inference Protocol,
# the {"labels", "probabilities"} lists the LitServe and BentoML peers return, MLflow's list.
ANSWER_FORMATS = ("predict", "v2", "lists", "mlflow")


class AnswerError(ValueError):
    """An answer that is malformed or differs from in-process onnxruntime; says where."""


@dataclass(frozen=True)
class Expected:
    """In-process onnxruntime's answer for a batch: each row's label, its positive probability."""

    labels: list[int]
    probabilities: list[float]


@dataclass(frozen=True)
class Answer:
    """What a server said, reduced to what can be compared: labels, positive probabilities."""

    labels: list[Any]
    probabilities: list[float] | None = None


def v2_binary_request(
    input_name: str, rows: Sequence[Sequence[float]], outputs: Sequence[str]
) -> tuple[bytes, int]:
    """An inference request with the rows as one raw FP32 tensor, every output asked for in
    binary; returns the body and the length of its JSON header."""
    width = len(rows[0])
    tensor = struct.pack(f"<{len(rows) * width}f", *(value for row in rows for value in row))
    header = {
        "inputs": [
            {
                "name": input_name,
                "shape": [len(rows), width],
                "datatype": "FP32",
                "parameters": {"binary_data_size": len(tensor)},
            }
        ],
        "outputs": [{"name": name, "parameters": {"binary_data": True}} for name in outputs],
    }
    head = json.dumps(header, separators=(",", ":")).encode()
    return head + tensor, len(head)


def v2_json_request(input_name: str, rows: Sequence[Sequence[float]]) -> dict[str, Any]:
    """An inference request with the rows as one JSON FP32 tensor (row-major, flat)."""
    return {
        "inputs": [
            {
                "name": input_name,
                "shape": [len(rows), len(rows[0])],
                "datatype": "FP32",
                "data": [value for row in rows for value in row],
            }
        ]
    }


def v2_outputs(headers: Mapping[str, str], body: bytes) -> dict[str, tuple[list[int], list[Any]]]:
    """Each output of an inference response by name: its shape and its values, flat.

    Reads JSON tensors and binary ones (the JSON part's length in `Inference-Header-Content-Length`,
    each binary output's bytes in order after it).
    """
    length = next((int(v) for k, v in headers.items() if k.lower() == HEADER_LENGTH.lower()), None)
    head, rest = (body, b"") if length is None else (body[:length], body[length:])
    try:
        outputs = json.loads(head)["outputs"]
    except (ValueError, KeyError, TypeError) as error:
        raise AnswerError(f"not an inference response: {head[:200]!r}") from error
    found = {}
    offset = 0
    for output in outputs:
        shape = [int(n) for n in output["shape"]]
        size = (output.get("parameters") or {}).get("binary_data_size")
        if size is None:
            values = list(_flat(output["data"]))
        else:
            code = STRUCT_CODES.get(output["datatype"])
            if code is None:
                datatype = output["datatype"]
                raise AnswerError(f"output {output['name']}: no binary reading of {datatype}")
            count = size // struct.calcsize(code)
            values = list(struct.unpack_from(f"<{count}{code}", rest, offset))
            offset += size
        if math.prod(shape) != len(values):
            raise AnswerError(f"output {output['name']}: shape {shape}, {len(values)} values")
        found[output["name"]] = (shape, values)
    return found


def _flat(data: Any) -> Any:
    for item in data:
        if isinstance(item, list):
            yield from _flat(item)
        else:
            yield item


def positive_column(shape: list[int], values: list[Any], rows: int) -> list[float]:
    """The positive class's probabilities: the second column of (rows, 2), or (rows,) as is."""
    if shape in ([rows, 2],):
        return [float(v) for v in values[1::2]]
    if shape in ([rows], [rows, 1]):
        return [float(v) for v in values]
    raise AnswerError(f"probabilities of shape {shape} for {rows} rows")


def read_answer(answer_format: str, headers: Mapping[str, str], body: bytes, rows: int) -> Answer:
    """The labels (and positive probabilities, where given) a server answered for `rows` rows."""
    if answer_format == "v2":
        outputs = v2_outputs(headers, body)
        labels = next((o for n, o in outputs.items() if "label" in n or n == "predict"), None)
        if labels is None:
            raise AnswerError(f"no label output among {sorted(outputs)}")
        probabilities = next((o for name, o in outputs.items() if "prob" in name), None)
        return Answer(
            labels=labels[1],
            probabilities=positive_column(*probabilities, rows) if probabilities else None,
        )
    try:
        document = json.loads(body)
        if answer_format == "predict":
            predictions = document["predictions"]
            return Answer(
                labels=[p["label"] for p in predictions],
                probabilities=[float(p["probability"]) for p in predictions],
            )
        if answer_format == "lists":
            probabilities = document["probabilities"]
            flat = list(_flat(probabilities))
            shape = [len(probabilities), len(flat) // max(len(probabilities), 1)]
            positive = positive_column(shape, flat, rows)
            return Answer(labels=document["labels"], probabilities=positive)
        if answer_format == "mlflow":
            return Answer(labels=list(_flat(document["predictions"])))
    except (ValueError, KeyError, TypeError) as error:
        raise AnswerError(f"unexpected {answer_format} answer: {body[:200]!r}") from error
    raise ValueError(f"unknown answer format {answer_format!r}; known: {ANSWER_FORMATS}")


def _same_label(said: Any, expected: int) -> bool:
    if isinstance(said, bool) or not isinstance(said, int | float | str):
        return False
    try:
        return float(said) == expected
    except ValueError:
        return False


def compare(answer: Answer, expected: Expected) -> None:
    """Raise AnswerError naming the first row whose label or probability differs."""
    if len(answer.labels) != len(expected.labels):
        raise AnswerError(f"{len(answer.labels)} labels for {len(expected.labels)} rows")
    for row, (said, label) in enumerate(zip(answer.labels, expected.labels, strict=True)):
        if not _same_label(said, label):
            raise AnswerError(f"row {row}: label {said!r}, in-process onnxruntime says {label}")
    if answer.probabilities is None:
        return
    if len(answer.probabilities) != len(expected.probabilities):
        raise AnswerError(
            f"{len(answer.probabilities)} probabilities for {len(expected.probabilities)} rows"
        )
    pairs = zip(answer.probabilities, expected.probabilities, strict=True)
    for row, (said, probability) in enumerate(pairs):
        if not abs(said - probability) <= PROBABILITY_TOLERANCE:
            raise AnswerError(
                f"row {row}: probability {said!r}, in-process onnxruntime says {probability:.6f}"
            )
