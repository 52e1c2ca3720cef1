"""bench/serve.py's answer check: each server's answer is read back and compared with in-process
onnxruntime's. Run here on hand-sized answers in each server's format, right and wrong, and
through the bench's own request path against a loopback HTTP server."""

from __future__ import annotations

import json
import struct
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from bench.answers import (
    HEADER_LENGTH,
    Answer,
    AnswerError,
    Expected,
    compare,
    read_answer,
    v2_binary_request,
    v2_outputs,
)
from bench.serve import BenchError, Scenario, check_answer

EXPECTED = Expected(labels=[1, 0], probabilities=[0.875, 0.125])


def v2_binary_response(outputs: list[tuple[str, str, list[int], list]]) -> tuple[dict, bytes]:
    """An inference response with every output as a raw little-endian tensor after the JSON."""
    codes = {"INT64": "q", "FP32": "f"}
    tensors = [struct.pack(f"<{len(v)}{codes[t]}", *v) for _, t, _, v in outputs]
    header = {
        "model_name": "demo",
        "outputs": [
            {
                "name": name,
                "datatype": datatype,
                "shape": shape,
                "parameters": {"binary_data_size": len(tensor)},
            }
            for (name, datatype, shape, _), tensor in zip(outputs, tensors, strict=True)
        ],
    }
    head = json.dumps(header).encode()
    return {HEADER_LENGTH: str(len(head))}, head + b"".join(tensors)


@pytest.mark.parametrize(
    ("answer_format", "body"),
    [
        (
            "predict",
            {
                "model_version": "1",
                "predictions": [
                    {"label": 1, "probability": 0.875},
                    {"label": 0, "probability": 0.125},
                ],
            },
        ),
        ("lists", {"labels": [1, 0], "probabilities": [[0.125, 0.875], [0.875, 0.125]]}),
        ("mlflow", {"predictions": [1, 0]}),
        (
            "v2",
            {
                "model_name": "onnx",
                "outputs": [
                    {"name": "label", "datatype": "INT64", "shape": [2], "data": [1, 0]},
                    {
                        "name": "probabilities",
                        "datatype": "FP32",
                        "shape": [2, 2],
                        "data": [0.125, 0.875, 0.875, 0.125],
                    },
                ],
            },
        ),
        (
            "v2",
            {
                "model_name": "sklearn",
                "outputs": [
                    {"name": "predict", "datatype": "INT64", "shape": [2, 1], "data": [1, 0]}
                ],
            },
        ),
    ],
    ids=["service", "litserve-bentoml", "mlflow", "mlserver-onnx", "mlserver-sklearn"],
)
def test_a_right_json_answer_passes(answer_format: str, body: dict) -> None:
    compare(read_answer(answer_format, {}, json.dumps(body).encode(), 2), EXPECTED)


def test_a_binary_v2_answer_is_read_after_its_json_header() -> None:
    headers, body = v2_binary_response(
        [
            ("label", "INT64", [2], [1, 0]),
            ("probabilities", "FP32", [2, 2], [0.125, 0.875, 0.875, 0.125]),
        ]
    )
    answer = read_answer("v2", headers, body, 2)
    assert answer == Answer(labels=[1, 0], probabilities=[0.875, 0.125])
    compare(answer, EXPECTED)


def test_a_flipped_label_names_its_row() -> None:
    with pytest.raises(AnswerError, match="row 1: label 1, in-process onnxruntime says 0"):
        compare(Answer(labels=[1, 1], probabilities=[0.875, 0.125]), EXPECTED)


def test_a_probability_off_by_more_than_float32_noise_names_its_row() -> None:
    with pytest.raises(AnswerError, match=r"row 0: probability 0\.876"):
        compare(Answer(labels=[1, 0], probabilities=[0.876, 0.125]), EXPECTED)


def test_float32_noise_in_a_probability_passes() -> None:
    compare(Answer(labels=[1.0, 0.0], probabilities=[0.87500003, 0.12499997]), EXPECTED)


def test_a_missing_row_fails() -> None:
    with pytest.raises(AnswerError, match="1 labels for 2 rows"):
        compare(Answer(labels=[1]), EXPECTED)


def test_a_boolean_is_not_a_label() -> None:
    with pytest.raises(AnswerError, match="row 0: label True"):
        compare(Answer(labels=[True, 0]), EXPECTED)


def test_an_error_body_is_not_an_answer() -> None:
    with pytest.raises(AnswerError, match="unexpected predict answer"):
        read_answer("predict", {}, b'{"detail": "model not ready"}', 2)


def test_a_v2_answer_without_labels_fails() -> None:
    body = {"outputs": [{"name": "variable", "datatype": "FP32", "shape": [2], "data": [1, 2]}]}
    with pytest.raises(AnswerError, match=r"no label output among \['variable'\]"):
        read_answer("v2", {}, json.dumps(body).encode(), 2)


def test_a_tensor_whose_shape_does_not_match_its_data_fails() -> None:
    body = {"outputs": [{"name": "label", "datatype": "INT64", "shape": [3], "data": [1, 0]}]}
    with pytest.raises(AnswerError, match=r"output label: shape \[3\], 2 values"):
        v2_outputs({}, json.dumps(body).encode())


def test_the_binary_request_holds_the_rows_as_float32_after_its_header() -> None:
    rows = [[1.5, -2.0, 3.25], [0.0, 4.0, 5.5]]
    body, length = v2_binary_request("features", rows, ["label", "probabilities"])
    header = json.loads(body[:length])
    assert header["inputs"] == [
        {
            "name": "features",
            "shape": [2, 3],
            "datatype": "FP32",
            "parameters": {"binary_data_size": 24},
        }
    ]
    assert [o["parameters"] for o in header["outputs"]] == [{"binary_data": True}] * 2
    assert list(struct.unpack("<6f", body[length:])) == [1.5, -2.0, 3.25, 0.0, 4.0, 5.5]


class Recorded(BaseHTTPRequestHandler):
    """Answers every POST with the status, headers and body the test gave it; keeps the request."""

    reply: ClassVar[tuple[int, dict[str, str], bytes]] = (200, {}, b"")
    seen: ClassVar[list[tuple[dict[str, str], bytes]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append((dict(self.headers), body))
        status, headers, answer = type(self).reply
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(answer))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 for the bench's request-and-check path."""
    Recorded.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorded)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def binary_scenario(base: str, tmp_path: Path) -> Scenario:
    body, length = v2_binary_request("features", [[1.0, 2.0], [3.0, 4.0]], ["label"])
    (tmp_path / "body").write_bytes(body)
    return Scenario(
        "service",
        "2 rows (v2 binary)",
        f"{base}/v2/models/demo/infer",
        tmp_path / "body",
        2,
        "v2",
        content_type="application/octet-stream",
        header=(HEADER_LENGTH, str(length)),
    )


def test_check_answer_sends_the_binary_request_and_reads_the_binary_answer(
    loopback: str, tmp_path: Path
) -> None:
    headers, body = v2_binary_response(
        [("label", "INT64", [2], [1, 0]), ("probability", "FP32", [2], [0.875, 0.125])]
    )
    Recorded.reply = (200, headers, body)
    scenario = binary_scenario(loopback, tmp_path)
    check_answer(scenario, EXPECTED)
    ((sent_headers, sent_body),) = Recorded.seen
    assert sent_headers[HEADER_LENGTH] == scenario.header[1]
    assert sent_headers["Content-Type"] == "application/octet-stream"
    assert sent_body == scenario.body.read_bytes()


def test_check_answer_stops_the_bench_on_a_wrong_label(loopback: str, tmp_path: Path) -> None:
    Recorded.reply = (200, *v2_binary_response([("label", "INT64", [2], [0, 0])]))
    with pytest.raises(BenchError, match="2 rows \\(v2 binary\\): row 0: label 0"):
        check_answer(binary_scenario(loopback, tmp_path), EXPECTED)


def test_check_answer_stops_the_bench_on_a_refusal(loopback: str, tmp_path: Path) -> None:
    Recorded.reply = (400, {}, b'{"error": "binary_data_size does not match"}')
    with pytest.raises(BenchError, match="HTTP 400"):
        check_answer(binary_scenario(loopback, tmp_path), EXPECTED)
