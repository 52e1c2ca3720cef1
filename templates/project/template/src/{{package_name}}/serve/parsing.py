"""From an HTTP request to the features to score: content type, body size, JSON, schema.

A well-formed body takes a fast path: `instances` (rows of numbers) is parsed by simdjson straight
into one float64 buffer, with no Python object per value; named `rows` are decoded by orjson.
Anything unusual about a body goes to pydantic, which validates every value and names each problem.
Both accept exactly the same requests: the fast paths only take bodies they can prove valid.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Any

import numpy as np
import orjson
import simdjson
from pydantic import ValidationError
from starlette.types import Receive

from ..features import FEATURES
from .errors import IncompleteBody, InvalidInput, NotJson, PayloadTooLarge, UnsupportedMediaType
from .schemas import FLOAT32_MAX, ROW_VALUES, PredictRequest

FEATURE_NAMES = frozenset(FEATURES)
N_FEATURES = len(FEATURES)
# The start of an `instances` body, up to the bracket that opens its rows (JSON white space only).
INSTANCES_KEY = re.compile(rb'[ \t\r\n]*\{[ \t\r\n]*"instances"[ \t\r\n]*:[ \t\r\n]*\[')
# Every byte a JSON number or the white space between tokens can hold.
NUMBER_CHARACTERS = b"0123456789+-.eE \t\r\n"
# What one row of `instances` leaves once its numbers are deleted.
INSTANCE_ROW_SKELETON = b"[" + b"," * (N_FEATURES - 1) + b"]"


def check_content_type(content_type: bytes | None) -> None:
    """Accept application/json (with or without a charset) and any +json media type."""
    media_type = (content_type or b"").partition(b";")[0].strip().lower().decode("latin-1")
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise UnsupportedMediaType(f"send the body as JSON with Content-Type: application/json, not {media_type!r}")


async def read_body(receive: Receive, content_length: bytes | None, limit: int) -> bytes:
    """The request body from the ASGI channel, refused as soon as it is known to exceed `limit` bytes."""
    if content_length is not None and content_length.isdigit() and int(content_length) > limit:
        raise PayloadTooLarge(f"the body is {content_length.decode()} bytes; the limit is {limit}")
    chunks: list[bytes] = []
    size = 0
    more_body = True
    while more_body:
        message = await receive()
        if message["type"] == "http.disconnect":
            # The caller's mistake or its network's, not the service's: no stack trace in the logs.
            raise IncompleteBody("the client disconnected before sending the whole body")
        chunk = message.get("body", b"")
        # A chunked body has no Content-Length: count while reading instead.
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"the body exceeds the limit of {limit} bytes")
        chunks.append(chunk)
        more_body = message.get("more_body", False)
    return b"".join(chunks)


def parse_features(body: bytes) -> np.ndarray:
    """The rows of a JSON body as float32, shape (rows, len(FEATURES)); 400 or 422 says what is wrong."""
    values = _decode_instances(body)
    if values is None:
        values = _decode_named_rows(body)
    # Out of float32's range (NaN fails the comparison too): pydantic names the value.
    if values is None or not float(np.abs(values).max()) <= FLOAT32_MAX:
        return _validate_every_value(body).to_array()
    return values.astype(np.float32).reshape(-1, N_FEATURES)


def _decode_instances(body: bytes) -> np.ndarray | None:
    """`{"instances": [[numbers], ...]}` as a flat float64 array when plainly valid, else None.

    Its shape is proven on the bytes first: with the digits, signs, points, exponents and white
    space of numbers deleted, a valid body leaves exactly `[[,,,],[,,,]]}` (len(FEATURES) - 1 commas
    a row), so no string, object, literal, nested or ragged row gets through. simdjson then checks
    the whole document is JSON and converts every number in one C pass.
    """
    key = INSTANCES_KEY.match(body)
    if key is None:
        return None
    skeleton = body[key.end() - 1 :].translate(None, NUMBER_CHARACTERS)
    n_rows = skeleton.count(b"[") - 1
    # The length first: a body of brackets alone must not make us build a skeleton of its size.
    if n_rows < 1 or len(skeleton) != n_rows * (N_FEATURES + 2) + 2 or skeleton != _instances_skeleton(n_rows):
        return None
    try:
        values = np.frombuffer(_INSTANCES_PARSER.numbers(body), dtype=np.float64)
    except (ValueError, TypeError, RuntimeError):  # not JSON, a number simdjson cannot hold
        return None
    # With a single feature an empty row `[]` has the skeleton of a full one: count the numbers too.
    return values if values.size == n_rows * N_FEATURES else None


class _InstancesParser:
    """simdjson's parser, reused across requests (it keeps its buffers), replaced after a RuntimeError."""

    def __init__(self) -> None:
        self._parser = simdjson.Parser()

    def numbers(self, body: bytes) -> Any:
        """The numbers of the body's `instances`, flattened, as a buffer of float64."""
        try:
            document = self._parser.parse(body)
        except RuntimeError:
            # An integer beyond 64 bits, or a document of an earlier parse still alive somewhere (the
            # parser then refuses every body): pydantic judges this body, a fresh parser the next.
            self._parser = simdjson.Parser()
            raise
        try:
            # simdjson types a document as any JSON value; a body of another shape fails here, as it should.
            return document["instances"].as_buffer(of_type="d")  # type: ignore[index, union-attr]
        finally:
            # The parser refuses to parse again while a view into its last document lives.
            del document


_INSTANCES_PARSER = _InstancesParser()


def _instances_skeleton(n_rows: int) -> bytes:
    return b"[" + b",".join([INSTANCE_ROW_SKELETON] * n_rows) + b"]}"


def _decode_named_rows(body: bytes) -> np.ndarray | None:
    """`{"rows": [{feature: number, ...}, ...]}` as a flat float64 array when plainly valid, else None."""
    try:
        document = orjson.loads(body)
        (form, rows), *others = document.items()
        if others or form != "rows" or not rows or not _only_features_as_strings(body, rows):
            return None
        # One C loop from Python floats to a flat array: no shape discovery over nested lists.
        return np.fromiter(chain.from_iterable(map(ROW_VALUES, rows)), np.float64, len(rows) * N_FEATURES)
    except (ValueError, TypeError, AttributeError):  # not JSON, not an object, a value not a number
        return None


def _only_features_as_strings(body: bytes, rows: list[Any]) -> bool:
    """True when every row is an object of exactly the features and the body has no other string or literal."""
    if not all(isinstance(row, dict) and row.keys() == FEATURE_NAMES for row in rows):
        return False
    # JSON literals are never a valid feature value (the strict schema refuses booleans and null).
    if b"true" in body or b"false" in body or b"null" in body:
        return False
    # Keys are then the only strings; one quote more means a string value.
    return body.count(b'"') == 2 + 2 * len(FEATURES) * len(rows)


def _validate_every_value(body: bytes) -> PredictRequest:
    """Parse and validate the JSON body in one pass (pydantic reads the bytes directly)."""
    try:
        return PredictRequest.model_validate_json(body)
    except ValidationError as error:
        problems = error.errors(include_url=False, include_context=False, include_input=False)
        if problems and problems[0]["type"] == "json_invalid":
            raise NotJson(f"the body is not valid JSON: {problems[0]['msg']}") from None
        raise InvalidInput([{"loc": list(p["loc"]), "msg": p["msg"], "type": p["type"]} for p in problems]) from None
