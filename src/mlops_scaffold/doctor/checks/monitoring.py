"""MON: a service logs structured records, exposes metrics, and is watched for drift."""

from __future__ import annotations

import ast
import re

from mlops_scaffold.doctor.checks.base import Check, Outcome, Passed, TextOf, TreeOf, mentions
from mlops_scaffold.doctor.pycode import dotted, first_string

STRUCTURED_LOGGING = re.compile(
    r"\b(?:structlog|pythonjsonlogger|json_log_formatter|ecs_logging)\b|serialize\s*=\s*True"
)
JSON_FORMATTER = re.compile(r"logging\.Formatter|\(Formatter\)")
JSON_DUMPS = re.compile(r"\b(?:json|orjson|ujson)\.dumps\b")
METRICS = re.compile(
    r"\b(?:prometheus_client|prometheus_fastapi_instrumentator|starlette_exporter"
    r"|opentelemetry|aioprometheus)\b|['\"]/metrics\b"
)
# Calls that write a record to a store: a database (MongoDB, DynamoDB), a bucket (S3, GCS,
# Azure Blob) or an ML tracker's metadata; and SQL statements run by `execute` that insert.
RECORD_WRITES = frozenset(
    {
        "insert_one",
        "insert_many",
        "bulk_write",
        "put_item",
        "put_object",
        "upload_fileobj",
        "upload_from_string",
        "upload_blob",
        "log_metadata",
        "log_dict",
        "log_table",
    }
)
SQL_RUNS = frozenset({"execute", "executemany"})
SQL_INSERT = re.compile(r"(?i)^\s*insert\s+into\b")
WRITES_A_RECORD = re.compile(
    r"(?i)\b(?:" + "|".join(sorted(RECORD_WRITES)) + r")\b|\binsert\s+into\b"
)
RECORD_HINTS = ("insert", "bulk_write", "put_", "upload_", "log_metadata", "log_dict", "log_table")
# A name or key that holds a prediction (`prediction`, `pred_result`, `y_pred`, `preds`).
PREDICTION_NAME = re.compile(r"(?i)prediction|(?:^|_)preds?(?:_|$)")
WORD = re.compile(r"[\w.-]+")
LOGGING_HINTS = ("structlog", "pythonjsonlogger", "json_log_formatter", "ecs_logging", "serialize")
METRICS_HINTS = ("prometheus", "starlette_exporter", "opentelemetry", "/metrics")
DRIFT_LIBRARIES = ("evidently", "nannyml", "alibi_detect", "whylogs", "deepchecks")
DRIFT_CODE = re.compile(r"\bdef\s+\w*drift\w*\s*\(", re.IGNORECASE)


class MON001(Check):
    """Applies when there is a service. Passes when a source module uses structlog,
    python-json-logger, ecs-logging or loguru's `serialize=True`, or defines a
    `logging.Formatter` that writes JSON (json/orjson `dumps`), or writes prediction
    records to a store: a function that names a prediction (a `prediction` key, a
    `pred_result` variable) and writes a record to a database (`insert_one`, an SQL
    `INSERT INTO` run by `execute`, DynamoDB's `put_item`), a bucket (`put_object`,
    `upload_from_string`) or a tracker's metadata (`log_metadata`, `log_dict`)."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(source_files: list[str], text: TextOf, syntax_tree: TreeOf) -> Outcome:
        if any(mentions(STRUCTURED_LOGGING, source_files, text, LOGGING_HINTS)):
            return True
        formatters = mentions(JSON_FORMATTER, source_files, text, ("Formatter",))
        if any(mentions(JSON_DUMPS, formatters, text)):
            return True
        for rel in mentions(WRITES_A_RECORD, source_files, text, RECORD_HINTS):
            tree = syntax_tree(rel)
            call = _prediction_record(tree) if tree is not None else None
            if call is not None:
                writes = dotted(call.func) or "a store"
                return Passed(f"{rel}:{call.lineno} writes each prediction as a record ({writes})")
        return False


def _prediction_record(tree: ast.Module) -> ast.Call | None:
    """The first call that writes a record to a store in a function that names a
    prediction, if any."""
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        nodes = list(ast.walk(function))
        if not any(PREDICTION_NAME.search(name) for name in map(_name_of, nodes) if name):
            continue
        for node in nodes:
            if isinstance(node, ast.Call) and _writes_a_record(node):
                return node
    return None


def _name_of(node: ast.AST) -> str | None:
    """The name a node gives: a variable, an attribute, a keyword argument, a string
    that is one word (a key) or an SQL insert (its table and columns); prose, such as a
    docstring, names no record."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.keyword):
        return node.arg
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        keeps = WORD.fullmatch(node.value) or SQL_INSERT.match(node.value)
        return node.value if keeps else None
    return None


def _writes_a_record(call: ast.Call) -> bool:
    method = dotted(call.func).rpartition(".")[2]
    if method in RECORD_WRITES:
        return True
    return method in SQL_RUNS and bool(SQL_INSERT.match(first_string(call) or ""))


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
