"""Prometheus metrics for the service: requests, latency, errors and predictions by label.

With several uvicorn workers, set PROMETHEUS_MULTIPROC_DIR to an empty folder so /metrics adds
up every worker's counts (prometheus_client's multiprocess mode).
"""

from __future__ import annotations

import os
import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No `*_created` series beside each counter and histogram: Prometheus needs none, they double the output.
disable_created_metrics()

LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
BATCH_BUCKETS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000)


class ServiceMetrics:
    """The service's metrics in their own registry, so each app instance counts alone."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "http_requests_total",
            "HTTP requests by route, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.errors = Counter(
            "http_request_errors_total",
            "HTTP requests answered with a 4xx or 5xx status.",
            ["route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "http_request_duration_seconds",
            "Time from request to response, by route.",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.predictions = Counter(
            "predictions_total",
            "Rows scored, by the label decided (empty for regression).",
            ["label"],
            registry=self.registry,
        )
        self.batch_rows = Histogram(
            "prediction_batch_rows",
            "Rows per prediction request.",
            buckets=BATCH_BUCKETS,
            registry=self.registry,
        )
        self._children: dict[tuple[str, str, int], tuple[Any, Any, Any]] = {}
        self._label_counters: dict[str, Any] = {}

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        """Count one answered request."""
        key = (route, method, status)
        children = self._children.get(key)
        if children is None:
            # Looking up labelled children costs more than using them: do it once per combination.
            children = self._children[key] = (
                self.requests.labels(route, method, str(status)),
                self.latency.labels(route),
                self.errors.labels(route, str(status)) if status >= 400 else None,
            )
        requests, latency, errors = children
        requests.inc()
        latency.observe(seconds)
        if errors is not None:
            errors.inc()

    def observe_predictions(self, label_counts: dict[str, int], n_rows: int) -> None:
        """Count the rows of one prediction request by decided label."""
        self.batch_rows.observe(n_rows)
        for label, count in label_counts.items() or [("", n_rows)]:
            counter = self._label_counters.get(label)
            if counter is None:
                counter = self._label_counters[label] = self.predictions.labels(label)
            counter.inc(count)

    def exposition(self) -> tuple[bytes, str]:
        """The text /metrics serves and its content type."""
        if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class MetricsMiddleware:
    """Time and count every HTTP request (pure ASGI: no per-request task or body copy)."""

    def __init__(self, app: ASGIApp, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            # Labelled by the route's template (/v2/models/{model_name}/infer), unknown paths by "other",
            # so a scanner cannot blow up the metric's cardinality.
            route = getattr(scope.get("route"), "path", "other")
            self.metrics.observe_request(route, scope["method"], status, time.perf_counter() - start)
