"""From an HTTP request to the features to score: content type, body size, JSON, schema.

A well-formed body is decoded by orjson into one NumPy array (a few C passes over the whole
batch); anything unusual about it goes to pydantic, which validates every value and names each
problem. Both accept exactly the same requests: the fast path only takes bodies it can prove valid.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

import numpy as np
import orjson
from pydantic import ValidationError
from starlette.requests import ClientDisconnect, Request

from ..features import FEATURES
from .errors import IncompleteBody, InvalidInput, NotJson, PayloadTooLarge, UnsupportedMediaType
from .schemas import FLOAT32_MAX, PredictRequest

FEATURE_NAMES = frozenset(FEATURES)
# Reads every feature of a row in one C call, in FEATURES order.
ROW_VALUES = itemgetter(*FEATURES)
# JSON literals that are never a valid feature value (the strict schema refuses booleans and null).
LITERALS = (b"true", b"false", b"null")
NOT_IN_NUMBERS = (b'"', b"{", b"t", b"f", b"n")


def check_content_type(content_type: str | None) -> None:
    """Accept application/json (with or without a charset) and any +json media type."""
    media_type = (content_type or "").partition(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise UnsupportedMediaType(f"send the body as JSON with Content-Type: application/json, not {media_type!r}")


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"the body is {declared} bytes; the limit is {limit}")
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            # A chunked body has no Content-Length: count while reading instead.
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"the body exceeds the limit of {limit} bytes")
            chunks.append(chunk)
    except ClientDisconnect:
        # The caller's mistake or its network's, not the service's: no stack trace in the logs.
        raise IncompleteBody("the client disconnected before sending the whole body") from None
    return b"".join(chunks)


def parse_features(body: bytes) -> np.ndarray:
    """The rows of a JSON body as float32, shape (rows, len(FEATURES)); 400 or 422 says what is wrong."""
    features = _decode_well_formed(body)
    if features is None:
        features = _validate_every_value(body).to_array()
    return features


def _decode_well_formed(body: bytes) -> np.ndarray | None:
    """The body's rows when it is plainly valid, else None (pydantic then decides and explains)."""
    try:
        document = orjson.loads(body)
        (form, rows), *others = document.items()
        if others or not rows:
            return None
        if form == "instances" and _only_numbers_after_the_key(body):
            values = np.array(rows, dtype=np.float64)
        elif form == "rows" and _only_features_as_strings(body, rows):
            values = np.array([ROW_VALUES(row) for row in rows], dtype=np.float64)
        else:
            return None
    except (ValueError, TypeError, AttributeError):  # not JSON, not an object, a ragged or nested batch
        return None
    if values.ndim != 2 or values.shape[1] != len(FEATURES):
        return None
    # NaN fails this comparison too; orjson already refuses NaN and Infinity literals.
    if not float(np.abs(values).max()) <= FLOAT32_MAX:
        return None
    return values.astype(np.float32)


def _only_numbers_after_the_key(body: bytes) -> bool:
    """True when nothing after the body's one key is a string, an object, true, false or null."""
    start = body.index(b"[")
    # One memchr scan per character: a number never holds a quote, a brace, or t, f, n.
    return all(body.find(char, start) == -1 for char in NOT_IN_NUMBERS)


def _only_features_as_strings(body: bytes, rows: list[Any]) -> bool:
    """True when every row is an object of exactly the features and the body has no other string or literal."""
    if not all(isinstance(row, dict) and row.keys() == FEATURE_NAMES for row in rows):
        return False
    if any(literal in body for literal in LITERALS):
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
