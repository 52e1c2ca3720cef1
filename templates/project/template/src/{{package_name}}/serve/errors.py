"""Requests the service refuses, each with the HTTP status and the message the caller reads."""

from __future__ import annotations

from typing import Any


class RequestRefusedError(Exception):
    """A request the service answers with an error status and a `detail`, never a stack trace."""

    status_code = 400

    def __init__(self, detail: str | list[dict[str, Any]]) -> None:
        super().__init__(detail)
        self.detail = detail


class NotJson(RequestRefusedError):
    """The body is not valid JSON."""

    status_code = 400


class IncompleteBody(RequestRefusedError):
    """The client went away before the body was complete."""

    status_code = 400


class PayloadTooLarge(RequestRefusedError):
    """The body or the batch is larger than the configured limit."""

    status_code = 413


class UnsupportedMediaType(RequestRefusedError):
    """The body is not declared as application/json."""

    status_code = 415


class InvalidInput(RequestRefusedError):
    """The JSON does not match the request schema (types, fields, finite numbers, batch shape)."""

    status_code = 422


class ModelUnavailable(RequestRefusedError):
    """No model is loaded; the detail says why."""

    status_code = 503
