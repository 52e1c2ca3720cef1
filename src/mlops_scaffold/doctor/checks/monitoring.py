"""MON: a service logs structured records, exposes metrics, and is watched for drift."""

from __future__ import annotations

import re

from mlops_scaffold.doctor.checks.base import Check, Outcome, TextOf, mentions

STRUCTURED_LOGGING = re.compile(
    r"\b(?:structlog|pythonjsonlogger|json_log_formatter|ecs_logging)\b|serialize\s*=\s*True"
)
JSON_FORMATTER = re.compile(r"logging\.Formatter|\(Formatter\)")
JSON_DUMPS = re.compile(r"\b(?:json|orjson|ujson)\.dumps\b")
METRICS = re.compile(
    r"\b(?:prometheus_client|prometheus_fastapi_instrumentator|starlette_exporter"
    r"|opentelemetry|aioprometheus)\b|['\"]/metrics\b"
)
LOGGING_HINTS = ("structlog", "pythonjsonlogger", "json_log_formatter", "ecs_logging", "serialize")
METRICS_HINTS = ("prometheus", "starlette_exporter", "opentelemetry", "/metrics")
DRIFT_LIBRARIES = ("evidently", "nannyml", "alibi_detect", "whylogs", "deepchecks")
DRIFT_CODE = re.compile(r"\bdef\s+\w*drift\w*\s*\(", re.IGNORECASE)


class MON001(Check):
    """Applies when there is a service. Passes when a source module uses structlog,
    python-json-logger, ecs-logging or loguru's `serialize=True`, or defines a
    `logging.Formatter` that writes JSON (json/orjson `dumps`)."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(source_files: list[str], text: TextOf) -> Outcome:
        if any(mentions(STRUCTURED_LOGGING, source_files, text, LOGGING_HINTS)):
            return True
        formatters = mentions(JSON_FORMATTER, source_files, text, ("Formatter",))
        return any(mentions(JSON_DUMPS, formatters, text))


class MON002(Check):
    """Applies when there is a service. Passes when a source module uses prometheus-client
    (or an instrumentator, starlette-exporter, OpenTelemetry) or declares a `/metrics`
    route, or the framework exposes metrics itself (BentoML, KServe, MLServer)."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(source_files: list[str], platform_gives: frozenset[str], text: TextOf) -> Outcome:
        if "MON002" in platform_gives:
            return True
        return any(mentions(METRICS, source_files, text, METRICS_HINTS))


class MON003(Check):
    """Applies when there is a service. Passes when the code imports a drift library
    (Evidently, NannyML, alibi-detect, whylogs, deepchecks), defines a function whose name
    mentions drift, or has a module named for drift or monitoring."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(source_files: list[str], imports: dict[str, list[str]], text: TextOf) -> Outcome:
        if any(name in imports for name in DRIFT_LIBRARIES):
            return True
        if any(re.search(r"drift|monitoring", rel) for rel in source_files):
            return True
        return any(mentions(DRIFT_CODE, source_files, text, ("drift",)))
