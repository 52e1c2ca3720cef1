"""From an HTTP request to a validated PredictRequest: content type, body size, JSON, schema."""

from __future__ import annotations

from pydantic import ValidationError
from starlette.requests import ClientDisconnect, Request

from .errors import IncompleteBody, InvalidInput, NotJson, PayloadTooLarge, UnsupportedMediaType
from .schemas import PredictRequest


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


def parse_predict_request(body: bytes) -> PredictRequest:
    """Parse and validate the JSON body in one pass (pydantic reads the bytes directly)."""
    try:
        return PredictRequest.model_validate_json(body)
    except ValidationError as error:
        problems = error.errors(include_url=False, include_context=False, include_input=False)
        if problems and problems[0]["type"] == "json_invalid":
            raise NotJson(f"the body is not valid JSON: {problems[0]['msg']}") from None
        raise InvalidInput([{"loc": list(p["loc"]), "msg": p["msg"], "type": p["type"]} for p in problems]) from None
