"""The prediction service's HTTP API: `uvicorn <package>.serve.app:app`.

Endpoints: POST /predict, GET /health (alive), /ready (model loaded), /metadata (model version and
lineage), /metrics (Prometheus), /docs (OpenAPI with a working example request), and the Open
Inference Protocol under /v2 (v2.py). Settings come from the environment (MODEL_DIR, PARAMS_FILE,
LOG_LEVEL) and params.yaml `serve:`.
"""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Body, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..features import FEATURES, PROBLEM_TYPE
from .body import BodyLimitMiddleware, JsonRoute
from .logs import configure_logging, get_logger
from .metrics import MetricsMiddleware
from .schemas import PredictRequest, PredictResponse, example_request
from .service import PredictionService, request_id
from .settings import ServeSettings
from .v2 import add_open_inference_routes

PACKAGE = __name__.partition(".")[0]

REFUSALS: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body is not JSON"},
    413: {"description": "Too many rows (serve.max_batch_rows) or too large a body (serve.max_body_bytes)"},
    415: {"description": "The body is not sent as application/json"},
    422: {"description": "The JSON does not match the request schema; `detail` lists each problem"},
    503: {"description": "No model is loaded; `detail` says why"},
}


def add_service_routes(app: FastAPI, service: PredictionService) -> None:
    """/predict and the operational endpoints, over one service."""
    example = example_request(service.model.feature_stats if service.model else [])

    @app.post("/predict", response_model=PredictResponse, response_model_exclude_none=True, responses=REFUSALS)
    async def predict(
        body: Annotated[PredictRequest, Body(openapi_examples={"a typical row": {"value": example}})],
        request: Request,
        response: Response,
    ) -> dict[str, Any]:
        """Predict one or many rows; every answer carries the model version and the threshold used.

        An `X-Request-ID` header is echoed back (else one is made up); it names the prediction's log line.
        """
        start = time.perf_counter()
        model = service.loaded_model()
        features = body.to_array()
        decisions = service.decide(model, features)
        # Read here, not as a Header() parameter: FastAPI resolves each parameter on every request.
        response.headers["x-request-id"] = rid = request_id(request.headers.get("x-request-id"))
        service.log_prediction(rid, features, decisions, start)
        return {"model_version": model.version, "threshold": service.threshold, "predictions": decisions.rows()}

    @app.get("/health", summary="Liveness")
    async def health() -> dict[str, str]:
        """Answers 200 while the process runs, model or not."""
        return {"status": "alive"}

    @app.get("/ready", summary="Readiness", responses={503: {"description": "No model; `reason` says why"}})
    async def ready() -> JSONResponse:
        """200 with the model version once the model is loaded, else 503 with the reason."""
        if service.model is None:
            return JSONResponse({"status": "not ready", "reason": service.not_ready_reason}, status_code=503)
        return JSONResponse({"status": "ready", "model_version": service.model.version})

    @app.get("/metadata", summary="Model lineage", responses={503: REFUSALS[503]})
    async def metadata() -> dict[str, Any]:
        """The model's version and lineage (metadata.json) and the business rules in force."""
        model = service.loaded_model()
        rules = {
            "threshold": service.threshold,
            "max_batch_rows": service.settings.max_batch_rows,
            "max_body_bytes": service.settings.body_limit(len(FEATURES)),
            "log_inputs": service.settings.log_inputs,
        }
        return {**model.metadata, "serving": rules}

    @app.get("/metrics", summary="Prometheus metrics", response_class=PlainTextResponse)
    async def metrics() -> Response:
        """Requests, errors, latency and predictions in Prometheus' text format."""
        body, content_type = service.metrics.exposition()
        return Response(body, media_type=content_type)


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """Build the service; with no settings, read them from the environment and params.yaml."""
    settings = settings or ServeSettings.from_env()
    logger = configure_logging(settings.log_level)
    service = PredictionService(settings)

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
        # Its telemetry is the Prometheus metrics and JSON logs: FastAPI's OpenTelemetry hooks, with no provider
        # configured, would look for one on every request (~4 % of a one-row request). Turn them on with one.
        telemetry={"tracing": False, "metrics": False, "logs": False},
        title=f"{PACKAGE} prediction service",
        description=f"Predicts `{PROBLEM_TYPE}` outcomes from {len(FEATURES)} features.",
        version=service.model.version if service.model else "no model",
    )
    app.state.service = service
    app.add_middleware(BodyLimitMiddleware, limit=settings.body_limit(len(FEATURES)))
    app.add_middleware(MetricsMiddleware, metrics=service.metrics)
    app.add_exception_handler(StarletteHTTPException, _refused)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _server_error)
    # Routes read JSON bodies with orjson; each is the app's own (an included router costs a lookup per request).
    app.router.route_class = JsonRoute
    add_service_routes(app, service)
    add_open_inference_routes(app, service)
    return app


def _refusal(request: Request, status: int, detail: Any) -> JSONResponse:
    # A client mistake is one warning line: the status and what was wrong, no stack trace.
    get_logger("requests").warning(
        "request refused", extra={"fields": {"path": request.url.path, "status": status, "detail": detail}}
    )
    # The Open Inference Protocol's error body is {"error": message}.
    body = {"error": str(detail)} if request.url.path.startswith("/v2/") else {"detail": detail}
    return JSONResponse(body, status_code=status)


async def _refused(request: Request, error: StarletteHTTPException) -> JSONResponse:
    return _refusal(request, error.status_code, error.detail)


async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
    # Each problem with its location, never the input itself (a batch can be large, or personal).
    problems = [{"loc": list(p["loc"]), "msg": p["msg"], "type": p["type"]} for p in error.errors()]
    status = 400 if any(p["type"] == "json_invalid" for p in problems) else 422
    return _refusal(request, status, problems)


async def _server_error(request: Request, error: Exception) -> JSONResponse:
    get_logger("requests").error("internal error", exc_info=error, extra={"fields": {"path": request.url.path}})
    return JSONResponse({"detail": "internal error; see the service logs"}, status_code=500)


app = create_app()
