"""The prediction service's HTTP API: `uvicorn <package>.serve.app:app`.

Endpoints: POST /predict, GET /health (alive), /ready (model loaded), /metadata (model version and
lineage), /metrics (Prometheus), /docs (OpenAPI with a working example request).
Settings come from the environment (MODEL_DIR, PARAMS_FILE, LOG_LEVEL) and params.yaml `serve:`.
"""

from __future__ import annotations

import random
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi_offline import FastAPIOffline
from pydantic.json_schema import models_json_schema
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..features import FEATURES, PROBLEM_TYPE
from .errors import ModelUnavailable, PayloadTooLarge, RequestRefusedError
from .logs import PredictionLog, configure_logging, get_logger
from .metrics import MetricsMiddleware, ServiceMetrics
from .model import ModelNotReadyError, OnnxModel, load_model
from .parsing import check_content_type, parse_features, read_body
from .rules import BatchTooLargeError, check_batch_size, decide
from .schemas import PredictRequest, PredictResponse, example_request
from .settings import ServeSettings

PACKAGE = __name__.partition(".")[0]
ROUTES = ("/predict", "/health", "/ready", "/metadata", "/metrics", "/docs", "/openapi.json")


class JsonResponse(Response):
    """A JSON response serialised by orjson (NumPy values included)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_SERIALIZE_NUMPY)


class PredictionService:
    """The endpoints, over one model loaded at start-up (or the reason it could not be)."""

    def __init__(self, settings: ServeSettings, metrics: ServiceMetrics) -> None:
        self.settings = settings
        self.metrics = metrics
        self.body_limit = settings.body_limit(len(FEATURES))
        self.prediction_log = PredictionLog()
        self.model: OnnxModel | None = None
        self.not_ready_reason = ""
        try:
            self.model = load_model(settings.model_dir)
        except ModelNotReadyError as reason:
            self.not_ready_reason = str(reason)

    @property
    def threshold(self) -> float | None:
        """The decision threshold in force (binary classification only)."""
        if self.model is not None and len(self.model.classes) == 2:
            return self.settings.threshold
        return None

    def _loaded_model(self) -> OnnxModel:
        if self.model is None:
            raise ModelUnavailable(f"model not loaded: {self.not_ready_reason}")
        return self.model

    async def health(self) -> Response:
        """Liveness: answers 200 while the process runs, model or not."""
        return JsonResponse({"status": "alive"})

    async def ready(self) -> Response:
        """Readiness: 200 with the model version once the model is loaded, else 503 with the reason."""
        if self.model is None:
            return JsonResponse({"status": "not ready", "reason": self.not_ready_reason}, status_code=503)
        return JsonResponse({"status": "ready", "model_version": self.model.version})

    async def metadata(self) -> Response:
        """The model's version and lineage (metadata.json) and the business rules in force."""
        model = self._loaded_model()
        rules = {
            "threshold": self.threshold,
            "max_batch_rows": self.settings.max_batch_rows,
            "max_body_bytes": self.body_limit,
            "log_inputs": self.settings.log_inputs,
        }
        return JsonResponse({**model.metadata, "serving": rules})

    async def metrics_text(self) -> Response:
        """Prometheus metrics in the text exposition format."""
        body, content_type = self.metrics.exposition()
        return Response(body, media_type=content_type)

    async def predict(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Score one or many rows; every answer carries the model version and the threshold used."""
        # A bare ASGI endpoint: the hot path builds no Request or Response object, and its refusals
        # are exceptions the app's handlers turn into 4xx answers.
        start = time.perf_counter()
        model = self._loaded_model()
        headers = dict(scope["headers"])  # ASGI servers give header names in lower case
        check_content_type(headers.get(b"content-type"))
        body = await read_body(receive, headers.get(b"content-length"), self.body_limit)
        features = parse_features(body)
        n_rows = len(features)
        try:
            check_batch_size(n_rows, self.settings.max_batch_rows)
        except BatchTooLargeError as error:
            raise PayloadTooLarge(str(error)) from None
        decisions = decide(model.run(features), model.classes, self.settings.threshold)
        threshold = self.threshold
        # The predictions are serialised once, for the answer and for the log line alike.
        predictions = orjson.Fragment(orjson.dumps(decisions.predictions))
        answer = orjson.dumps({"model_version": model.version, "threshold": threshold, "predictions": predictions})
        # A caller's own id is echoed; otherwise 64 random bits (no system call, unlike secrets).
        request_id = headers.get(b"x-request-id") or b"%016x" % random.getrandbits(64)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", b"%d" % len(answer)),
                    (b"x-request-id", request_id),
                ],
            }
        )
        await send({"type": "http.response.body", "body": answer})
        self.metrics.observe_predictions(decisions.label_counts, n_rows)
        fields = {
            "request_id": request_id.decode("latin-1"),
            "model_version": model.version,
            "rows": n_rows,
            "latency_ms": round((time.perf_counter() - start) * 1000, 3),
            "threshold": threshold,
            "outputs": predictions,
        }
        self.prediction_log.record(fields, request_json=body if self.settings.log_inputs else None)


class _AsgiEndpoint:
    """Wraps an ASGI callable so Starlette's Route serves it as is (a bound method it would wrap)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """Build the service; with no settings, read them from the environment and params.yaml."""
    settings = settings or ServeSettings.from_env()
    logger = configure_logging(settings.log_level)
    metrics = ServiceMetrics()
    service = PredictionService(settings, metrics)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Said when the server starts, not when the module is imported (by a test run, say).
        if service.model is None:
            logger.warning("model not ready", extra={"fields": {"reason": service.not_ready_reason}})
        else:
            logger.info("model loaded", extra={"fields": {"model_version": service.model.version}})
        yield
        service.prediction_log.flush()

    # FastAPI's own /docs and /redoc load their scripts from a CDN: these serve them from the package.
    app = FastAPIOffline(
        lifespan=lifespan,
        title=f"{PACKAGE} prediction service",
        description=f"Predicts `{PROBLEM_TYPE}` outcomes from {len(FEATURES)} features.",
        version=service.model.version if service.model else "no model",
    )
    app.state.service = service
    app.add_middleware(MetricsMiddleware, metrics=metrics, routes=ROUTES)
    app.add_exception_handler(RequestRefusedError, _refused)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _server_error)
    # A bare ASGI route: /predict parses its own body, so FastAPI's per-request parameter resolution
    # and Starlette's Request and Response objects would only add cost; OpenAPI documents it below.
    # First in the list: the router tries routes in order, and /predict is the one under load.
    app.router.routes.insert(0, Route("/predict", _AsgiEndpoint(service.predict), methods=["POST"]))
    app.add_api_route("/health", service.health, methods=["GET"], summary="Liveness")
    app.add_api_route("/ready", service.ready, methods=["GET"], summary="Readiness", responses={503: {}})
    app.add_api_route("/metadata", service.metadata, methods=["GET"], summary="Model lineage", responses={503: {}})
    app.add_api_route("/metrics", service.metrics_text, methods=["GET"], summary="Prometheus metrics")
    example = example_request(service.model.feature_stats if service.model else [])
    app.openapi = lambda: _openapi_with_predict(app, example)  # type: ignore[method-assign]
    return app


def _predict_operation(example: dict[str, Any]) -> dict[str, Any]:
    def schema(name: str) -> dict[str, Any]:
        return {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}

    refusals = {
        "400": "The body is not JSON",
        "413": "Too many rows (serve.max_batch_rows) or too large a body",
        "415": "The body is not sent as application/json",
        "422": "The JSON does not match the request schema; `detail` lists each problem",
        "503": "No model is loaded; `detail` says why",
    }
    return {
        "summary": "Predict one or many rows",
        "description": PredictionService.predict.__doc__,
        "operationId": "predict",
        "requestBody": {
            "required": True,
            "content": {"application/json": {**schema("PredictRequest")["application/json"], "example": example}},
        },
        "responses": {
            "200": {"description": "One prediction per row, in request order", "content": schema("PredictResponse")},
            **{status: {"description": text} for status, text in refusals.items()},
        },
    }


def _openapi_with_predict(app: FastAPI, example: dict[str, Any]) -> dict[str, Any]:
    """FastAPI's schema plus /predict and its models (a plain route FastAPI does not document)."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        _, models = models_json_schema(
            [(PredictRequest, "validation"), (PredictResponse, "serialization")],
            ref_template="#/components/schemas/{model}",
        )
        schema.setdefault("components", {}).setdefault("schemas", {}).update(models["$defs"])
        schema["paths"]["/predict"] = {"post": _predict_operation(example)}
        app.openapi_schema = schema
    return app.openapi_schema


async def _refused(request: Request, error: RequestRefusedError) -> Response:
    # A client mistake is one warning line: the status and what was wrong, no stack trace.
    get_logger("requests").warning(
        "request refused",
        extra={"fields": {"path": request.url.path, "status": error.status_code, "detail": error.detail}},
    )
    return JsonResponse({"detail": error.detail}, status_code=error.status_code)


async def _server_error(request: Request, error: Exception) -> Response:
    get_logger("requests").error("internal error", exc_info=error, extra={"fields": {"path": request.url.path}})
    return JsonResponse({"detail": "internal error; see the service logs"}, status_code=500)


app = create_app()
