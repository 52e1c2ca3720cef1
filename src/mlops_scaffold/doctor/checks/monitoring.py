"""MON: a service logs structured records, exposes metrics, and is watched for drift."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from mlops_scaffold.doctor.checks.base import (
    Check,
    FilesContaining,
    Outcome,
    Passed,
    TextOf,
    TreeOf,
    line_of,
    mentions,
)
from mlops_scaffold.doctor.checks.llm_proxy import YamlOf, recording_proxy
from mlops_scaffold.doctor.checks.model_services import Handler, routes
from mlops_scaffold.doctor.content_hints import content_hints
from mlops_scaffold.doctor.pycode import (
    dotted,
    first_string,
    import_names,
    keyword_is_present,
    own_nodes,
    resolved,
    values_by_name,
    walked,
)
from mlops_scaffold.doctor.recognisers import azure_ml_v1_deployments
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.view import is_test_path

STRUCTURED_LOGGING = lazy_pattern(
    r"\b(?:structlog|pythonjsonlogger|json_log_formatter|ecs_logging)\b|serialize\s*=\s*True"
)
JSON_FORMATTER = lazy_pattern(r"logging\.Formatter|\(Formatter\)")
JSON_DUMPS = lazy_pattern(r"\b(?:json|orjson|ujson)\.dumps\b")
# `json.dump(record, file)`: a record written to a file as JSON, as `dumps` written by hand.
JSON_DUMP = lazy_pattern(r"\b(?:json|ujson|simplejson)\.dump\b")
JSON_WRITES = lazy_pattern(r"\b(?:json|orjson|ujson|simplejson)\.dumps?\b")
# A function or object named for logging predictions: `log_prediction`, `prediction_logger`.
PREDICTION_LOGGER = lazy_pattern(
    r"(?i)(?:^|[._])(?:log(?:ger|s)?_predictions?|predictions?_log(?:ger|s)?)(?:[._]|$)"
)
# A JSON object's keys in a message template (`'{{"RequestId":"{0}", ...}}'.format(...)`).
JSON_KEY = lazy_pattern(r'"(\w+)"\s*:')
LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "critical", "exception", "log", "msg", "bind"}
)
# Metrics clients and endpoints; CloudWatch's API (`put_metric_data`) and its embedded
# metric format (a log line whose `"CloudWatchMetrics"` key declares metrics, written by
# hand or by aws-embedded-metrics), which CloudWatch turns into metrics.
METRICS = lazy_pattern(
    r"\b(?:prometheus_client|prometheus_fastapi_instrumentator|starlette_exporter"
    r"|prometheus_flask_exporter"
    r"|opentelemetry|aioprometheus|aws_embedded_metrics)\b"
    r"|\.put_metric_data\s*\(|['\"]CloudWatchMetrics['\"]\s*:"
)
# A `/metrics` route the service declares (`@app.get("/metrics")`, `add_url_rule(...)`).
METRICS_PATH = "/metrics"
ROUTE_ADDERS = frozenset({"add_url_rule", "add_route", "add_api_route", "mount"})
# What answers a JSON object: the model's scores or its name, not metrics a scraper reads.
JSON_ANSWERS = frozenset({"jsonify", "JSONResponse", "ORJSONResponse", "dict", "load", "loads"})
# Service metrics kept in the service's own database: a column for each request's latency
# (`latency_ms: Mapped[int] = mapped_column(...)`, `Column(Float)`, SQL's `latency_ms
# INTEGER`) and a query that aggregates it for a chart (`percentile_cont(0.95) WITHIN
# GROUP (ORDER BY latency_ms)`, `avg(latency)`): both must be there.
LATENCY_COLUMN = lazy_pattern(
    r"(?im)^[ \t]*\w*latency\w*[ \t]*(?::[^=\n]*)?=[ \t]*(?:\w+\.)?(?:mapped_column|Column|Field)"
    r"[ \t]*\(|\b\w*latency\w*[ \t]+(?:INTEGER|INT|BIGINT|REAL|FLOAT|DOUBLE|NUMERIC)\b"
)
LATENCY_AGGREGATE = lazy_pattern(
    r"(?i)\bwithin\s+group\s*\(\s*order\s+by\s+\w*latency"
    r"|\b(?:avg|percentile_cont|percentile_disc|quantile)\s*\(\s*\w*latency"
)
# Calls that write a record to a store: a database (MongoDB, DynamoDB), a bucket (S3, GCS,
# Azure Blob) or an ML tracker's metadata; and SQL statements run by `execute` that insert.
RECORD_WRITES = frozenset(
    {
        "insert_one",
        "insert_many",
        "bulk_write",
        "put_item",
        "update_item",  # DynamoDB's write of an item's attributes (`SET prediction = :p`)
        "put_object",
        "put_record",  # Kinesis and Firehose: a stream that keeps each record it is sent
        "put_records",
        "put_record_batch",
        "upload_fileobj",
        "upload_from_string",
        "upload_blob",
        "log_metadata",
        "log_dict",
        "log_table",
        "add_all",  # SQLAlchemy's session, with the two bulk writes below
        "bulk_save_objects",
        "bulk_insert_mappings",
        "to_sql",  # pandas' DataFrame.to_sql
        "set_outputs",  # a tracer's span (MLflow's `span.set_outputs(result)`), kept in a trace
    }
)
# A message broker's producer (kafka-python's `producer.send(topic, value)`, confluent-kafka's
# `producer.produce(...)`): the topic keeps each record it is sent. `send` alone is generic
# (a socket's, a mail's), so it writes a record only on a receiver named for a producer.
PRODUCER_SENDS = frozenset({"send", "produce", "send_and_wait"})
PRODUCER = lazy_pattern(r"(?i)producer")
# A message broker's publish (RabbitMQ through pika, `channel.basic_publish(exchange,
# routing_key, body)`, or aio-pika, `exchange.publish(message, routing_key=...)`): the
# queue keeps the record for its consumer (a worker writing it to a bucket).
BROKER_PUBLISHES = frozenset({"basic_publish", "publish"})
BROKER = lazy_pattern(r"(?i)exchange|channel")
# A tracker's artifact upload (MLflow, W&B): a record when what it uploads names a
# prediction (`log_artifact(predictions_csv, "predictions")`), not a plot or a model.
ARTIFACT_LOGS = frozenset({"log_artifact", "log_artifacts", "upload_artifact"})
# A tracker's run used as a prediction store (a run per request, MLflow's
# `log_metric("predicted_label", prediction)`): a record when the value it logs is the
# prediction itself, not a score computed from predictions (`accuracy(y_test, y_pred)`).
RUN_LOGS = frozenset({"log_param", "log_metric", "set_tag"})
# Casts around the value logged (`float(prediction)`) leave it the prediction.
CASTS = frozenset({"int", "float", "str", "bool", "round"})
# pandas' file writes: a record of each call when the file is named for the moment it is
# written (`f"data/predictions_{datetime.now():%Y%m%d_%H%M%S}.csv"`), one file per call
# kept beside the others, not one file overwritten.
FRAME_WRITES = frozenset({"to_csv", "to_parquet", "to_json"})
# ...and a file that keeps every call's rows: appended to (`to_csv(path, mode="a")`), or
# read and written back with the new row (`items = pd.read_csv(path)`, then
# `pd.DataFrame(items).to_csv(path)`).
FRAME_READS = frozenset({"read_csv", "read_parquet", "read_json"})
APPEND_MODES = frozenset({"a", "a+"})
TIMESTAMP_CALLS = frozenset({"now", "utcnow", "today", "strftime", "time", "time_ns", "timestamp"})
SQL_RUNS = frozenset({"execute", "executemany"})
# An SQL statement that writes a row: an insert, an upsert, or an update that sets a
# column of a row the service keeps (`UPDATE bookings SET prediction = ? WHERE id = ?`).
SQL_WRITE = lazy_pattern(
    r"(?i)^\s*(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|merge\s+into|upsert"
    r"|update\s+[\w.\"`\[\]]+\s+set)\b"
)
# SQLAlchemy Core's builders of such a statement: `insert(table)`, `update(table)`,
# `table.insert()`, `postgresql.insert(...)`, `pg_upsert(...)`.
SQL_BUILDS_WRITE = lazy_pattern(r"(?:[\w.]+\.)?(?:\w+_)?(?:insert|update|upsert)")
WRITES_A_RECORD = lazy_pattern(
    r"(?i)\b(?:" + "|".join(sorted(RECORD_WRITES)) + r")\b|\binsert\s+into\b|insert\s*\("
    r"|\bupdate\s+[\w.\"`\[\]]+\s+set\b|(?<![\w.])(?<!def )update\s*\(|\.update\(\s*\)|upsert"
    r"|\.add\s*\(|\.(?:flush|commit)\s*\(\s*\)|\.writerows?\s*\("
    r"|producer\w*\.(?:" + "|".join(sorted(PRODUCER_SENDS)) + r")\s*\("
    r"|\.(?:basic_)?publish\s*\("
    r"|\b(?:"
    + "|".join(sorted(ARTIFACT_LOGS))
    + r")\b|\bwrite\s*\((?:[^()]|\([^()]*\))*?\brecord\s*="
    + r"|\.(?:"
    + "|".join(sorted(RUN_LOGS))
    + r")\s*\("
    + r"|(?:"
    + "|".join(rf"\.{write}" for write in sorted(FRAME_WRITES))  # each starts with a literal
    + r")\s*\("
)
# A time-series database's write of a point (InfluxDB's `write_api.write(bucket=...,
# record=point)`): `write` alone is a file's, so the `record` keyword (or a receiver named
# for the write API) says it is one.
POINT_WRITER = lazy_pattern(r"(?i)write_api|influx")
# The receiver of an ORM `add(row)`: an SQLAlchemy / SQLModel session (`session`,
# `db_session`, `self.session`) or FastAPI's customary `db` dependency. `add` alone is
# generic (`seen.add(pred)` fills a set), so it writes a record only on such a receiver.
ORM_SESSION = lazy_pattern(r"(?i)session|^db$")
# A session's write of the rows it holds (`session.flush()`, `db.commit()`): a record where
# the function gave a row the prediction (`orm = session.get(Job, job_id)`, then
# `orm.predictions = predictions`).
SESSION_WRITES = frozenset({"flush", "commit"})
# The standard library's csv writers (`csv.writer(f)`, `csv.DictWriter(f, fieldnames)`).
CSV_WRITERS = frozenset({"writer", "DictWriter"})
RECORD_HINTS = (
    "insert",
    "update",
    "upsert",
    "bulk_",
    "put_",
    "upload_",
    "log_metadata",
    "log_dict",
    "log_table",
    "add_all",
    "to_sql",
    ".add(",
    ".flush(",
    ".commit(",
    ".writerow",
    "_artifact",
    "record",
    "producer",
    "publish(",
    "set_outputs",
    *(f".{write}(" for write in sorted(FRAME_WRITES)),
    *(f".{log}(" for log in sorted(RUN_LOGS)),
)
# A name or key that holds a prediction (`prediction`, `pred_result`, `y_pred`, `preds`).
PREDICTION_NAME = lazy_pattern(r"(?i)prediction|(?:^|_)preds?(?:_|$)")
# The truth predictions are scored against: a record that reads it holds metrics.
TRUTH_NAME = lazy_pattern(r"(?i)^(?:y_?true|y_?test|ground_?truths?|truths?|actuals?|targets?)$")
# A model's own prediction methods: what a call of one returns is a prediction
# (`appearances = int(model.predict([features]))`), whatever the name it is bound to; not
# a call on a split of the data (`model.predict(X_train)` infers a logged model's
# signature, `model.predict(X_test)` scores it): a fit's checks, no served answer.
PREDICT_METHODS = frozenset({"predict", "predict_proba"})
DATA_SPLIT = lazy_pattern(r"(?i)(?:^|_)(?:train|test|val|valid|validation|eval)(?:_|$)")
# A string that names the prediction route (`if "predict" not in response["urlPath"]`):
# a function that writes a record for that route's responses writes predictions.
PREDICTION_ROUTE = lazy_pattern(r"(?i)^/?predict$")
# What PREDICTION_NAME, PREDICTION_ROUTE and PREDICTION_LOGGER all contain: a module
# whose text lacks it names no prediction, so it neither logs nor stores one.
NAMES_A_PREDICTION = lazy_pattern(r"(?i)pred|answer|completion")
# A generative service's exchange kept as one record: a row built with the question
# (prompt, query) and the answer (completion, response) the model gave to it
# (`ChatHistory(question=q, answer=a)`, `{"prompt": p, "completion": c}`).
ASKED = lazy_pattern(r"(?i)^(?:user_)?(?:question|prompt|query)s?$")
ANSWERED = lazy_pattern(r"(?i)^(?:model_|llm_)?(?:answer|completion|response)s?$")
WORD = lazy_pattern(r"[\w.-]+")
LOGGING_HINTS = ("structlog", "pythonjsonlogger", "json_log_formatter", "ecs_logging", "serialize")
METRICS_HINTS = (
    "prometheus",
    "starlette_exporter",
    "opentelemetry",
    "put_metric_data",
    "CloudWatchMetrics",
    "aws_embedded_metrics",
)
# boxkite (`ModelMonitoringService`) exports the training distributions as a baseline and
# compares the live ones with it (KL divergence in PromQL): a drift monitor.
DRIFT_LIBRARIES = (
    "evidently",
    "nannyml",
    "alibi_detect",
    "whylogs",
    "deepchecks",
    "frouros",
    "boxkite",
    "popmon",  # `df.pm_stability_report(reference=...)`: shifts against a reference
    "arize",  # predictions logged to Arize, whose monitors compare them with a baseline
    "superwise",  # predictions sent to Superwise, which tracks their drift from training's
)
# Libraries whose prediction logger (`log_prediction(...)`) emits each prediction as a
# structured record: boxkite's `ModelMonitoringService.log_prediction(request_body,
# features, output)` sends a record with an id and a timestamp to fluentd.
RECORDING_LIBRARIES = ("boxkite",)


class Collector(NamedTuple):
    """A platform or library that records each prediction a service makes by itself."""

    name: str
    code: re.Pattern[str]
    """What shows it is used, in a file holding one of `hints`."""
    hints: frozenset[bytes]


def _collector(
    name: str, code: str, *literals: str, within: tuple[str, ...] = ("*.py",)
) -> Collector:
    """A `Collector` shown by `code` in the files `within` that hold one of `literals`."""
    hints = content_hints(*literals, within=within)
    return Collector(name, lazy_pattern(code, re.MULTILINE), hints)


DEPLOYMENT_CONFIGS = ("*.tf", "*.hcl", "*.yml", "*.yaml", "*.json")
DATA_CAPTURE = r"\bDataCaptureConfig\b|\bdata_capture_config\b"
CAPTURE_NAMES = ("DataCaptureConfig", "data_capture_config")
V1_COLLECTOR = "Azure ML's ModelDataCollector"
# A v1 web service's deployment that turns model data collection on (AKS only): the SDK's
# keyword (or a key of its kwargs), a deployment config's `collectModelData: true` or its
# `dataCollection:` block's `storageEnabled: true`.
MODEL_DATA_COLLECTION = lazy_pattern(
    r"\bcollect_model_data[\"']?\s*[:=]\s*True\b"
    r"|\b(?:collectModelData|storageEnabled)[\"']?[ \t]*:[ \t]*[\"']?[Tt]rue\b"
)
COLLECTORS = (
    # Azure ML's data collector keeps what a scoring script hands it in blob storage (v1:
    # where the web service's deployment enables model data collection)
    _collector(V1_COLLECTOR, r"\bModelDataCollector\s*\(", "ModelDataCollector"),
    _collector(
        "Azure ML's data collector",
        r"^[ \t]*from[ \t]+azureml\.ai\.monitoring[ \t]+import\b[^\n]*\bCollector\b",
        "azureml.ai.monitoring",
    ),
    # BentoML 0.x's API server writes each request and its answer to prediction.log as JSON
    _collector(
        "BentoML 0.x's prediction log",
        r"^[ \t]*class[ \t]+\w+[ \t]*\([^)]*\bBentoService\b",
        "BentoService",
    ),
    # An Azure ML online deployment's data collector (the spec's `data_collector:`, the
    # SDK's `DataCollector(collections=...)`) keeps the model's inputs and outputs
    _collector(
        "Azure ML's data collector",
        r"^[ \t]*data_collector[ \t]*:",
        "data_collector",
        within=("*.yml", "*.yaml"),
    ),
    _collector(
        "Azure ML's data collector",
        r"\bDataCollector\s*\(\s*collections\s*=",
        "DataCollector",
    ),
    # SageMaker's data capture keeps each request to an endpoint and its answer in S3: set
    # by the SDK (`DataCaptureConfig(enable_capture=True)`) or a template (CloudFormation,
    # Terraform's `data_capture_config`)
    _collector("SageMaker's data capture", DATA_CAPTURE, *CAPTURE_NAMES),
    # a notebook that deploys the endpoint with it (its code cells, as JSON strings)
    _collector(
        "SageMaker's data capture",
        r"\bDataCaptureConfig\s*\(",
        "DataCaptureConfig",
        within=("*.ipynb",),
    ),
    _collector("SageMaker's data capture", DATA_CAPTURE, *CAPTURE_NAMES, within=DEPLOYMENT_CONFIGS),
    # a CDK app in TypeScript or JavaScript (`new sagemaker.CfnEndpointConfig(this, ..., {
    # dataCaptureConfig: {...} })`)
    _collector(
        "SageMaker's data capture",
        r"\bdataCaptureConfig[ \t]*:",
        "dataCaptureConfig",
        within=("*.ts", "*.js"),
    ),
    # a model-monitoring platform that keeps each prediction sent to it with its inputs
    # (Superwise's `sw.transaction.log_records(model_id=..., records=df)`)
    _collector("Superwise", r"\.transaction\.log_records?\s*\(", "log_record"),
)
# LLM tracers whose decorator records each call of the function it wraps, its inputs and
# its output, as a trace: one line a tracer, by the name it is imported from.
TRACING_DECORATORS = {
    "opik.track": "Opik",
    "langfuse.observe": "Langfuse",
    "langfuse.decorators.observe": "Langfuse",
    "langsmith.traceable": "LangSmith",
    "langsmith.run_helpers.traceable": "LangSmith",
    "weave.op": "W&B Weave",
}
TRACING_HINTS = ("opik", "langfuse", "langsmith", "weave")
# LangChain's tracing switched on for the deployed service (`LANGSMITH_TRACING: "true"`,
# `LANGCHAIN_TRACING_V2=true`) in what deploys it: a workflow, a compose file, a manifest,
# a Dockerfile; not an `.env.example` a reader may copy or not.
TRACING_SWITCH = lazy_pattern(
    r"""(?im)^[^#\n]*\b(?:LANGSMITH_TRACING|LANGCHAIN_TRACING_V2)["']?[ \t]*[:=][ \t]*["']?true\b"""
)
TRACING_SWITCH_HINTS = content_hints(
    "LANGSMITH_TRACING",
    "LANGCHAIN_TRACING_V2",
    within=("*.yml", "*.yaml", "*.json", "*.tf", "*Dockerfile*", "*.toml"),
)
# What LangChain's tracing traces: a module importing LangChain, LangGraph or LangSmith.
TRACED_FRAMEWORK = lazy_pattern(r"(?m)^[ \t]*(?:from|import)[ \t]+lang(?:chain|graph|smith)\w*\b")
# A function named for drift, or for the population stability index that measures it
# (`calculate_psi`, `psi_status`, `population_stability_index`; not `epsilon`, nor a
# setting such as `psi_threshold`, which compares nothing).
DRIFT_CODE = lazy_pattern(
    r"\bdef\s+(?:\w*drift\w*|(?:\w*_)?psi(?!_(?:threshold|limit|cutoff|max|min)\b)(?:_\w*)?"
    r"|\w*population_stability\w*)\s*\(",
    re.IGNORECASE,
)
# A managed drift monitor the code creates: Databricks Lakehouse Monitoring's inference
# profile (`MonitorInferenceLog(...)`) computes drift against a baseline table; SageMaker
# Model Monitor's monitors compare an endpoint's captured data with the baseline they
# suggest (`DefaultModelMonitor(...)`, `ModelQualityMonitor(...)`); Vertex AI's model
# monitoring job compares an endpoint's requests with the training data.
MANAGED_DRIFT = lazy_pattern(
    r"\bMonitorInferenceLog\s*\(|\b(?:DefaultModelMonitor|ModelQualityMonitor)\s*\("
    r"|\bModelDeploymentMonitoringJob\.create\s*\("
)
MANAGED_DRIFT_HINTS = (
    "MonitorInferenceLog",
    "DefaultModelMonitor",
    "ModelQualityMonitor",
    "ModelDeploymentMonitoringJob",
)
# Azure ML model monitoring declared as a schedule (`az ml schedule create -f`): its
# `create_monitor:` with a drift signal (`type: data_drift`, `prediction_drift`) compares
# the deployment's data with a reference.
AZURE_MONITOR_HINTS = content_hints("create_monitor:", within=("*.yml", "*.yaml"))
# A Grafana alert rule provisioned with the stack (`grafana/provisioning/alerting/*.json`)
# whose title names drift or the population stability index (`daily_psi_sex`): its query
# compares served data with the training data's and alerts when they part.
GRAFANA_ALERT_FILE = lazy_pattern(r"(?:^|/)provisioning/alerting/[^/]+\.(?:json|ya?ml)$")
DRIFT_ALERT_TITLE = lazy_pattern(
    r"""(?im)["']?title["']?[ \t]*:[ \t]*["']?[^"'\n]*(?<![a-z])(?:psi|drift)(?![a-z])"""
)
AZURE_DRIFT_SIGNAL = lazy_pattern(
    r"(?m)^[ \t]+type:[ \t]*['\"]?(?:data_drift|prediction_drift|feature_attribution_drift)\b"
)


class MON001(Check):
    """Applies when a service serves a model: a web app or a function handler whose code neither
    loads, runs nor names one (in its identifiers: a model, a prediction, an LLM, an answer...) and
    does other work (a viewer that plots a run's saved tensors, an HTTP trigger or a bucket's event
    that starts a pipeline) serves none, nor does a batch job (a function the repository's
    infrastructure starts on a schedule or from a state machine, EventBridge Scheduler, Step
    Functions, SAM's `Schedule` events, where no API Gateway, Function URL or `http` event routes
    requests to a function; an Azure ML batch deployment's scoring script, whose `run` takes a
    mini-batch, `def run(mini_batch)`); a bare app, or routes that only answer fixed messages, is
    the model's service still to be written. Passes when the code a service runs (its modules, the
    programs its images start, `CMD ["python", "consumer.py"]`, and the repository's own modules
    they import) logs each prediction as a structured record: a JSON object holding a prediction (a
    key that names it, or a value read from one, `{"label": response["prediction"]}`, or bound to
    what the model's `predict` returned, whatever its name, `model_output =
    model.predict_proba(df)`; not metrics that score the predictions against the truth) printed,
    logged or written to a JSON file, in the call or through a function of the service's code that
    writes its argument as JSON (`print(json.dumps({..., "prediction": y}))`,
    `_write_event({"prediction": y})`, `log_json("done", prediction=y)` whose body dumps `{"event":
    event, **kwargs}`, an imported `append_telemetry(entry)` that appends the entry to the list it
    writes back with `json.dump`, a JSON template's `"NumberOfPredictions"`), or, with structlog,
    python-json-logger, ecs-logging, loguru's `serialize=True` or a `logging.Formatter` that writes
    JSON, a log call that passes the prediction as a field (`extra={"prediction": y}`,
    `log.info("scored", prediction=y)`, a dict holding it handed as keywords, `logger.info("logged",
    **entry)`, a message that is a dict holding it, `logger.info({"event": "predict", "classes":
    counts(preds)})`) or a call of the service's own prediction logger (`log_prediction(...)`), or
    of a monitoring library's that emits a record (boxkite's
    `ModelMonitoringService.log_prediction(...)`, to fluentd): a JSON envelope around a free-text
    message is not one, nor is a bare `print()` or an access log. Passes too when a platform or
    library records each prediction by itself (Azure ML's `ModelDataCollector`, unless the
    repository deploys v1 web services (ACI, AKS) and none enables model data collection,
    `collect_model_data=True`; an online deployment's data collector, the spec's `data_collector:`
    or the SDK's `DataCollector(collections=...)`, BentoML 0.x's prediction log of a `BentoService`,
    SageMaker's data capture, `DataCaptureConfig`, in code or in a notebook that deploys the
    endpoint, a monitoring platform the service sends each prediction to, Superwise's
    `transaction.log_records`), or when a function (or a module's top-level code, a consumer's loop)
    that names a prediction (a `prediction` key, a `pred_result` variable, a call of the model's
    `predict`, not on a split of the data, `predict(X_train)`, the `"/predict"` route whose
    responses it keeps) writes a record, itself or through a helper of its module, to a database
    (`insert_one`, a table client's `supabase.table("model_logs").insert(row)`, an SQL `INSERT INTO`
    or `UPDATE ... SET` run by `execute`, written in the call or bound to a name it runs in the same
    function or at the module's top level, or SQLAlchemy's `insert(...)` or `update(...)`, a
    session's `add_all` or `bulk_save_objects`, a session's `add` of an object that names a
    prediction (`session.add(PredictionRow(...))`, or of a name bound to a row that holds one,
    `entry.prediction = p`), a session's `flush()` or `commit()` of a row it gave the prediction
    (`orm = session.get(Job, id)`, `orm.predictions = predictions`), pandas' `to_sql`, DynamoDB's
    `put_item` or `update_item`, a time-series point written by InfluxDB's
    `write_api.write(bucket=..., record=point)`), a stream (Kinesis' `put_record`, a Kafka
    producer's `send`, a RabbitMQ exchange's `publish`), a bucket (`put_object`,
    `upload_from_string`), a tracker's metadata (`log_metadata`, `log_dict`), a trace's span
    (MLflow's `span.set_outputs(result)`), a tracker's run that logs the prediction as its value
    (`mlflow.log_metric("predicted_label", prediction)`, a run per request) or a tracker's artifact
    that names the predictions (`mlflow.log_artifact(predictions_csv, "predictions")`), or a file of
    its own for each call, named for the moment it is written (pandas' `to_csv`, `to_parquet`,
    `to_json` of `f"predictions_{datetime.now():%Y%m%d}.csv"`) or one file that keeps every call's
    rows, appended to (`to_csv(path, mode="a")`, a `csv.writer` over `open(path, "a")` or
    `path.open("a")` writing a row) or read by the function and written back with the new row
    (`pd.read_csv(path)`, then `to_csv(path)`; the service's own file, not a path its caller hands
    the function, a batch's output); the helper may be a function of another module it imports by
    name (`from helpers.influx import write_record`) or a method it calls on an object of another
    module (`storage.store_row(features, label=prediction)` whose body runs an `INSERT`, or calls a
    method of its class that does: `save(row)` buffering rows, then `cls.flush()` inserting them),
    called or handed to a runner that calls it later (FastAPI's
    `background_tasks.add_task(upload_to_gcs, bucket, name, json.dumps(record))`, an executor's
    `submit`). Such a record counts when the code the service runs writes it (with a platform that
    serves the model, Triton or KServe, that code alone): a batch job's records of its own
    predictions leave the service's answers unrecorded. A service whose code neither loads nor runs
    a model serves predictions made elsewhere: the records any module writes count. A generative
    service's row built with the question and the answer (`session.add(ChatHistory(question=q,
    answer=a))`) is such a record too, and so are the traces of an LLM proxy the repository runs (a
    compose service, a script) whose config records every call it relays (LiteLLM's
    `litellm_settings.success_callback: ["langfuse"]`, or a bucket, a table, another tracer; not
    `prometheus` counts), the traces an LLM tracer's decorator keeps of a function of the service's
    code (`@opik.track`, Langfuse's `@observe`, LangSmith's `@traceable`, W&B Weave's `@weave.op`),
    and those of LangChain's tracing when what deploys a service built on LangChain switches it on
    (`LANGSMITH_TRACING: "true"` in a workflow, a compose file, a manifest or a Dockerfile; not an
    `.env.example` a reader may copy)."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(
        source_files: list[str],
        service_code: list[str],
        service_uses_a_model: bool,
        text: TextOf,
        syntax_tree: TreeOf,
        files_containing: FilesContaining,
        load_yaml: YamlOf,
        imports: dict[str, list[str]],
    ) -> Outcome:
        code = service_code
        logged = _logged(code, source_files, text, syntax_tree, imports)
        if logged is not None:
            return Passed(logged)
        # A platform that serves the model (Triton, KServe, a Lambda handler) predicts as
        # the service's code does: a batch job's records are not the service's.
        written = (
            _collected(files_containing, text)
            or _stored(code if service_uses_a_model else source_files, text, syntax_tree)
            or recording_proxy(files_containing, text, load_yaml)
            or _traced(code, text, syntax_tree)
            or _tracing_switched_on(code, files_containing, text)
        )
        return Passed(written) if written is not None else False


def _traced(code: list[str], text: TextOf, syntax_tree: TreeOf) -> str | None:
    """The first function of the service's code an LLM tracer's decorator wraps
    (`@opik.track`, Langfuse's `@observe`, LangSmith's `@traceable`): each call is kept
    as a trace with its inputs and its answer."""
    for rel in code:
        content = text(rel) or ""
        tree = syntax_tree(rel) if any(hint in content for hint in TRACING_HINTS) else None
        if tree is None:
            continue
        names = import_names(tree)
        for node in walked(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for decorator in node.decorator_list:
                wrapped = decorator.func if isinstance(decorator, ast.Call) else decorator
                tracer = TRACING_DECORATORS.get(resolved(dotted(wrapped), names))
                if tracer is not None:
                    return f"{rel}:{decorator.lineno} traces each call ({tracer})"
    return None


def _tracing_switched_on(
    code: list[str], files_containing: FilesContaining, text: TextOf
) -> str | None:
    """Where the deployment of a service built on LangChain switches its tracing on
    (`LANGSMITH_TRACING: "true"`): LangSmith then keeps every chain run, its question
    and its answer."""
    if not any(mentions(TRACED_FRAMEWORK, code, text, ("lang",))):
        return None
    for rel in files_containing(TRACING_SWITCH_HINTS):
        content = text(rel) or ""
        found = TRACING_SWITCH.search(content) if not is_test_path(rel) else None
        if found is not None:
            return f"{rel}:{line_of(content, found.start())} traces each call (LangSmith)"
    return None


def _logged(
    code: list[str],
    source_files: list[str],
    text: TextOf,
    syntax_tree: TreeOf,
    imports: dict[str, list[str]],
) -> str | None:
    """How the service's code logs each prediction as a structured record, if it does: a
    JSON object, or a field of a structured logger's (or a recording library's) record."""
    # Every way of logging a prediction names it in the module's text (a key, a
    # field, a variable, the route): a module that never says "pred" is not parsed.
    naming = [rel for rel in code if NAMES_A_PREDICTION.search(text(rel) or "")]
    trees = [(rel, tree) for rel in naming if (tree := syntax_tree(rel)) is not None]
    writers = _json_writers_in(code, text, syntax_tree)
    logged = _first_json_log(trees, writers)
    if logged is not None:
        return f"{logged} logs each prediction as a JSON object"
    # The service's few modules first: the search of every source file for a
    # structured logger is only worth its time when one logs a prediction field.
    fielded = _first(trees, _prediction_fields)
    if fielded is not None and _structured_logger(source_files, text):
        return f"{fielded} logs the prediction as a field"
    recorder = next((lib for lib in RECORDING_LIBRARIES if lib in imports), None)
    if fielded is not None and recorder is not None:
        return f"{fielded} logs each prediction as a record ({recorder})"
    return None


def _json_writers_in(code: list[str], text: TextOf, syntax_tree: TreeOf) -> dict[str, set[str]]:
    """Each module of the service's code -> its functions that write a parameter as JSON
    (`_json_writers`): only modules that dump JSON are parsed."""
    found: dict[str, set[str]] = {}
    for rel in code:
        tree = syntax_tree(rel) if JSON_WRITES.search(text(rel) or "") else None
        writers = _json_writers(tree) if tree is not None else set()
        if writers:
            found[rel] = writers
    return found


def _first_json_log(
    trees: list[tuple[str, ast.Module]], writers: dict[str, set[str]]
) -> str | None:
    """`path:line` of the first JSON record of a prediction the modules write, if any:
    through their own JSON writers, or another module's they import by name (`from
    src.utils import append_telemetry`)."""
    for rel, tree in trees:
        others = {name for other, names in writers.items() if other != rel for name in names}
        usable = writers.get(rel, set()) | (others & _imported_names(tree) if others else set())
        call = next(_json_prediction_logs(tree, usable), None)
        if call is not None:
            return f"{rel}:{call.lineno}"
    return None


def _stored(modules: list[str], text: TextOf, syntax_tree: TreeOf) -> str | None:
    """What the first of `modules` that writes each prediction to a store writes, if one
    does (see `_prediction_record`)."""
    # A store's own calls first, module by module, stopping at the first record; the
    # helpers that write records (a walk of every function of every store) only when
    # no store writes one directly.
    stores: list[str] = []
    found = mentions(WRITES_A_RECORD, modules, text, RECORD_HINTS)
    written = _first_record(_kept(found, stores), frozenset(), text, syntax_tree)
    if written is None:
        writers = _record_writers(stores, syntax_tree)
        importing = _importing(writers, modules, stores, text)
        written = _first_record([*stores, *importing], writers, text, syntax_tree)
    return written


def _collected(files_containing: FilesContaining, text: TextOf) -> str | None:
    """The first platform or library that records each prediction by itself (`COLLECTORS`),
    as `path:line name`. Azure ML v1's `ModelDataCollector` records nothing on a web
    service whose deployment does not enable model data collection."""
    for collector in COLLECTORS:
        holding = files_containing(collector.hints)
        if not holding:
            continue
        if collector.name == V1_COLLECTOR and _v1_collection_off(files_containing, text):
            continue
        for rel in holding:
            content = text(rel) or ""
            found = collector.code.search(content) if not is_test_path(rel) else None
            if found is not None:
                line = line_of(content, found.start())
                return f"{rel}:{line} records each prediction ({collector.name})"
    return None


def _v1_collection_off(files_containing: FilesContaining, text: TextOf) -> bool:
    """Whether the repository deploys Azure ML v1 web services (ACI, AKS) and none of its
    deployments enables model data collection (`collect_model_data=True`,
    `collectModelData: true`): the scoring script's `ModelDataCollector` then keeps nothing."""
    texts = azure_ml_v1_deployments(files_containing, text)
    return bool(texts) and not any(map(MODEL_DATA_COLLECTION.search, texts))


def _kept(paths: Iterator[str], kept: list[str]) -> Iterator[str]:
    """`paths`, each also appended to `kept` as it is handed on."""
    for rel in paths:
        kept.append(rel)
        yield rel


def _first_record(
    modules: Iterable[str], writers: AbstractSet[str], text: TextOf, syntax_tree: TreeOf
) -> str | None:
    """What the first module that writes each prediction as a record writes, if one does:
    a store's call, or a call of one of `writers` (the functions that write records)."""
    for rel in modules:
        if not NAMES_A_PREDICTION.search(text(rel) or ""):
            continue
        tree = syntax_tree(rel)
        record = _prediction_record(tree, writers) if tree is not None else None
        if record is not None:
            writes = dotted(record.func) or "a store"
            return f"{rel}:{record.lineno} writes each prediction as a record ({writes})"
    return None


def _record_writers(stores: list[str], syntax_tree: TreeOf) -> set[str]:
    """The names of the functions of the repository's modules that write a record to a
    store (`write_record(record)` whose body writes an InfluxDB point)."""
    writers: set[str] = set()
    for rel in stores:
        tree = syntax_tree(rel)
        writers |= _writers_of(tree) if tree is not None else set()
    return writers


def _importing(
    writers: set[str], source_files: list[str], done: list[str], text: TextOf
) -> Iterator[str]:
    """The modules beside `done` that import one of the record writers by name (`from
    helpers.influx import write_record`) or call one as a method of an object of the
    service's code (`storage.store_features(..., label=prediction)`): their functions may
    write through it."""
    if not writers:
        return iter(())
    names = "|".join(sorted(re.escape(name) for name in writers))
    pattern = re.compile(
        rf"^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+[^\n]*\b(?:{names})\b|\.(?:{names})[ \t]*\(",
        re.M,
    )
    seen = set(done)
    hints = ("import", *(f".{name}" for name in writers))
    return mentions(pattern, [rel for rel in source_files if rel not in seen], text, hints)


def _writers_of(tree: ast.Module) -> set[str]:
    """The module's functions whose body writes a record to a store (a function holding
    one that does writes through it too, and so does a method that calls such a method of
    its class: `save` buffering a row, then `cls.flush()` inserting the buffer). One
    walk of the module: each call is judged once, and credited to every function around
    it."""
    writers: set[str] = set()
    # `query = f"INSERT INTO {table} ..."` run later by `cursor.execute(query, row)`: a
    # name bound at the module's top level, or in the function that runs it (a `query`
    # that inserts in one function is not the `query` that selects in another).
    module = _bound_to(tree.body, _writes_a_row)
    pending: list[tuple[ast.AST, tuple[str, ...], set[str]]] = [(tree, (), module)]
    while pending:
        node, around, statements = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            around = (*around, node.name)
            statements = module | _bound_to(walked(node), _writes_a_row)
            appending = _appending_csv_writers(walked(node))
            if appending and any(
                isinstance(call, ast.Call) and _appends_a_row(call, appending)
                for call in walked(node)
            ):  # `_append_csv(path, row)`: a csv writer over `path.open("a")`
                writers.update(around)
        elif (
            around
            and isinstance(node, ast.Call)
            and _writes_a_record(node, frozenset(), statements)
        ):
            writers.update(around)
        pending.extend((child, around, statements) for child in ast.iter_child_nodes(node))
    return _calling_writers(tree, writers)


def _calling_writers(tree: ast.Module, writers: set[str]) -> set[str]:
    """`writers` and the module's methods that call one of them on `self` or `cls`
    (`cls.flush()`), until no more are found."""
    functions = [
        node for node in walked(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    found = set(writers)
    while True:
        more = {
            function.name
            for function in functions
            if function.name not in found
            and any(_own_call(call) in found for call in _calls(function))
        }
        if not more:
            return found
        found |= more


def _own_call(call: ast.Call) -> str:
    """The name of the class's method a call calls (`self.flush()`, `cls.flush()`), else
    "": a module's helpers (`put_bytes` under `put_pickle`) write whatever they are given,
    a model's pickle as often as a record."""
    receiver, _, name = dotted(call.func).rpartition(".")
    return name if receiver in ("self", "cls") else ""


def _first(
    trees: list[tuple[str, ast.Module]], found: Callable[[ast.Module], Iterator[ast.Call]]
) -> str | None:
    """`path:line` of the first call `found` finds in the modules, if any."""
    return next((f"{rel}:{call.lineno}" for rel, tree in trees for call in found(tree)), None)


def _structured_logger(source_files: list[str], text: TextOf) -> bool:
    """Whether the code logs JSON records: a structured logging library, or a
    `logging.Formatter` that writes JSON."""
    if any(mentions(STRUCTURED_LOGGING, source_files, text, LOGGING_HINTS)):
        return True
    formatters = mentions(JSON_FORMATTER, source_files, text, ("Formatter",))
    return any(mentions(JSON_DUMPS, formatters, text))


def _calls(tree: ast.AST) -> Iterator[ast.Call]:
    """Every call in `tree`, in `ast.walk`'s order (the module's three questions, a
    prediction logged as JSON, as a field or as a record, share one walk)."""
    return (node for node in walked(tree) if isinstance(node, ast.Call))


def _log_calls(tree: ast.AST) -> Iterator[ast.Call]:
    """Calls that print, log or write a line: `print`, a logger's methods, a file's or
    `sys.stdout`'s `write`."""
    return filter(_logs, _calls(tree))


def _logs(call: ast.Call) -> bool:
    name = dotted(call.func)
    method = name.rpartition(".")[2]
    return name == "print" or ("." in name and (method in LOG_METHODS or method == "write"))


def _json_prediction_logs(
    tree: ast.Module, writers: AbstractSet[str] = frozenset()
) -> Iterator[ast.Call]:
    """Print, log or write calls whose message is a JSON object holding a prediction: a
    dumped dict (written in the call, or bound to the name dumped) whose keys or values
    name one, or a JSON template whose keys do; and calls of a JSON writer (`writers`, see
    `_json_writers`) with such a dict (`_write_event({..., "prediction": y})`, whose body
    writes `json.dumps(payload)` to a JSON-lines file)."""
    module_calls = list(_calls(tree))
    dumps = any(_is_dumps(call) for call in module_calls)  # else only templates can be JSON
    called = [c for c in module_calls if dotted(c.func).rpartition(".")[2] in writers]
    assigned = _dicts_assigned(tree) if dumps or called else {}
    predicted = _predicted_names(tree) if dumps or called else set()
    for call in filter(_logs, module_calls):
        if _holds_a_prediction(_logged_names(call, assigned, dumps), predicted):
            yield call
    for call in called:
        names = [n for arg in call.args for n in _record_names(arg, assigned)]
        names += [k.arg for k in call.keywords if k.arg]  # `log_json("done", prediction=y)`
        if _holds_a_prediction(names, predicted):
            yield call


def _holds_a_prediction(names: Iterable[str], predicted: AbstractSet[str] = frozenset()) -> bool:
    """Whether one of the names names a prediction, or is bound to what a model's
    `predict` returned (`predicted`)."""
    return any(PREDICTION_NAME.search(name) or name in predicted for name in names)


def _predicted_names(tree: ast.Module) -> set[str]:
    """The names the module binds to what a model's `predict` returns, whatever they are
    called (`model_output = MODEL.predict_proba(df)[:, 1].tolist()`), not on a split of
    the data (`predict(X_test)` scores a fit)."""
    return {
        target.id
        for node in walked(tree)
        if isinstance(node, ast.Assign)
        and any(
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in PREDICT_METHODS
            and not _on_a_data_split(call)
            for call in ast.walk(node.value)
        )
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _logged_names(
    call: ast.Call, assigned: dict[str, list[ast.expr]], dumps_in_module: bool
) -> list[str]:
    """The names the JSON objects a print, log or write call writes hold (see
    `_record_names`), or a JSON template's keys."""
    names: list[str] = []
    for argument in call.args:
        walked = ast.walk(argument) if dumps_in_module else ()
        dumps = [node for node in walked if _is_dumps(node)]
        for dumped in dumps:
            if isinstance(dumped, ast.Call) and dumped.args:
                names += _record_names(dumped.args[0], assigned)
        if not dumps:
            names += JSON_KEY.findall(_template(argument))
    return names


def _record_names(node: ast.AST, assigned: dict[str, list[ast.expr]]) -> list[str]:
    """The names a record holds, written in place or bound to the name given: a dict's
    literal keys, and the names its values are read from (`{"label":
    response["prediction"]}`, `{"counts": count(preds)}`), not the words of a message
    (an f-string's text is free text, not a field), nor those of metrics that compare the
    predictions with the truth (`{"f1": f1_score(y_true, y_pred)}`)."""
    if isinstance(node, ast.Name):
        return [name for record in assigned.get(node.id, []) for name in _record_names(record, {})]
    if isinstance(node, ast.Dict):
        values = list(node.values)
    elif isinstance(node, ast.Call) and _is_dict(node):
        values = [k.value for k in node.keywords]
    else:
        return []
    read = [name for value in values for name in _value_names(value)]
    # predictions scored against the truth (`f1(y_true, y_pred)`) are an evaluation's metrics
    return [*_dict_keys(node), *(read if not any(TRUTH_NAME.match(n) for n in read) else ())]


def _value_names(value: ast.AST) -> Iterator[str]:
    """The variables, attributes and string subscripts a value is read from, outside the
    f-strings it formats."""
    pending = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.JoinedStr):
            continue
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            yield str(node.slice.value)
        pending.extend(ast.iter_child_nodes(node))


def _is_dumps(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and bool(JSON_DUMPS.fullmatch(dotted(node.func)))


def _is_dump(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and bool(JSON_DUMP.fullmatch(dotted(node.func)))


def _json_writers(tree: ast.Module) -> set[str]:
    """The module's functions that write one of their parameters as JSON: printed, logged
    or written as `json.dumps(record)`, or dumped to a file by `json.dump`, itself or in
    the list it is appended to (`history.append(record)`, then `json.dump(history, f)`),
    or in a dict built from them (`payload = {"event": event, **kwargs}`)."""
    writers: set[str] = set()
    for function in walked(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        parameters = {argument.arg for argument in function.args.args}
        if function.args.kwarg is not None:  # `def log_json(event, **kwargs)`
            parameters.add(function.args.kwarg.arg)
        carried = parameters | _appended_to(walked(function), parameters)
        carried |= _dicts_of(walked(function), carried)
        dumped = [
            *(node for call in _log_calls(function) for node in ast.walk(call) if _is_dumps(node)),
            *(node for node in walked(function) if _is_dump(node)),
        ]
        if any(
            isinstance(call, ast.Call)
            and call.args
            and isinstance(call.args[0], ast.Name)
            and call.args[0].id in carried
            for call in dumped
        ):
            writers.add(function.name)
    return writers


def _dicts_of(nodes: Sequence[ast.AST], names: AbstractSet[str]) -> set[str]:
    """The names bound to a dict built from one of `names` (`payload = {"event": event,
    **kwargs}`)."""
    return {
        target.id
        for node in nodes
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Dict)
        and any(isinstance(v, ast.Name) and v.id in names for v in node.value.values)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _appended_to(nodes: Sequence[ast.AST], names: AbstractSet[str]) -> set[str]:
    """The lists one of `names` is appended to (`history.append(record)`)."""
    return {
        node.func.value.id
        for node in nodes
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "append"
        and isinstance(node.func.value, ast.Name)
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id in names
    }


def _prediction_fields(tree: ast.Module) -> Iterator[ast.Call]:
    """Log calls that pass a prediction as a field: a keyword (structlog's
    `log.info("scored", prediction=y)`, loguru's `bind`), a key of a dict handed as keywords
    (`logger.info("prediction_logged", **log_entry)`), a key of `extra`, or a logger's
    message that is a dict holding one (python-json-logger's `logger.info({"event":
    "predict", "classes": count(preds)})`, whose keys become the record's fields); and
    calls of the service's own prediction logger (`service.log_prediction(...)`,
    `self.prediction_log.record(fields)`)."""
    for call in _calls(tree):
        if PREDICTION_LOGGER.search(dotted(call.func)):
            yield call
    assigned: dict[str, list[ast.expr]] | None = None
    for call in _log_calls(tree):
        for keyword in call.keywords:
            if keyword.arg is None and _logs_to_a_logger(call):  # `**log_entry`: its keys
                assigned = _dicts_assigned(tree) if assigned is None else assigned
                names = _record_names(keyword.value, assigned)
            else:
                names = _dict_keys(keyword.value) if keyword.arg == "extra" else [keyword.arg or ""]
            if any(PREDICTION_NAME.search(name) for name in names):
                yield call
                break
        else:
            message = call.args[0] if call.args else None
            if not isinstance(message, (ast.Dict, ast.Name)) or not _logs_to_a_logger(call):
                continue
            assigned = _dicts_assigned(tree) if assigned is None else assigned
            if _holds_a_prediction(_record_names(message, assigned)):
                yield call


def _logs_to_a_logger(call: ast.Call) -> bool:
    """Whether the call is a logger's (`logger.info(...)`), not a print or a file write."""
    return dotted(call.func).rpartition(".")[2] in LOG_METHODS


def _dicts_assigned(tree: ast.Module) -> dict[str, list[ast.expr]]:
    """Each name bound to a dict in the module -> the dicts (displays or `dict(...)`)."""
    bound = values_by_name(walked(tree))
    dicts = {name: [value for value in values if _is_dict(value)] for name, values in bound.items()}
    return {name: values for name, values in dicts.items() if values}


def _is_dict(node: ast.AST) -> bool:
    return isinstance(node, ast.Dict) or (
        isinstance(node, ast.Call) and dotted(node.func) == "dict"
    )


def _dict_keys(node: ast.AST) -> list[str]:
    """The literal keys of a dict display or a `dict(key=...)` call."""
    if isinstance(node, ast.Dict):
        return [
            k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]
    if isinstance(node, ast.Call) and dotted(node.func) == "dict":
        return [k.arg for k in node.keywords if k.arg]
    return []


def _template(node: ast.AST) -> str:
    """The literal text of a message written as a string, an f-string or a template
    filled by `.format(...)` / `%`; "" for anything else."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "format":
            node = node.func.value
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        node = node.left
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    return ""


def _prediction_record(
    tree: ast.Module, imported: AbstractSet[str] = frozenset()
) -> ast.Call | None:
    """The first call that writes a record to a store in a function (or the module's own
    top-level code, a consumer's loop under `if __name__ == "__main__":`) that names a
    prediction or builds a question-and-answer row, if any: a write itself, or a call of a
    function that writes one, of the module (`_write_parquet_s3(shard, bucket, key)` whose
    body calls `put_object`) or of another module it imports by name (`imported`)."""
    writers: set[str] | None = None  # found once a function names a prediction
    for nodes in _scopes(tree):
        exchanges = _exchanges(nodes)
        if not exchanges and not any(_names_a_prediction(node) for node in nodes):
            continue
        if writers is None:
            writers = _writers_of(tree) | (imported & _names_used(tree))
        stamped = _bound_to(nodes, _stamped)
        statements = _bound_to(nodes, _writes_a_row)
        rows = exchanges | _rows_holding_a_prediction(nodes)
        read = _frames_read(nodes)
        given = _parameters(nodes)
        appending = _appending_csv_writers(nodes)
        for node in nodes:
            if isinstance(node, ast.Call) and (
                _writes_a_record(node, rows, statements)
                or dotted(node.func).rpartition(".")[2] in writers
                or _deferred_writer(node, writers)
                or _writes_a_kept_file(node, stamped, read, given)
                or _appends_a_row(node, appending)
            ):
                return node
    return None


# The runners a function is handed to, to be called later with the arguments after it:
# FastAPI's and Starlette's `background_tasks.add_task(upload, bucket, name, record)`, an
# executor's `submit(write, row)`.
DEFERRED_CALLS = frozenset({"add_task", "submit"})


def _deferred_writer(call: ast.Call, writers: AbstractSet[str]) -> bool:
    """Whether the call hands one of the record writers to a runner that calls it later
    (`background_tasks.add_task(upload_file_to_gcs, BUCKET, name, json.dumps(record))`,
    session 47: a response is not held up by the upload)."""
    method = dotted(call.func).rpartition(".")[2]
    return (
        method in DEFERRED_CALLS
        and bool(call.args)
        and dotted(call.args[0]).rpartition(".")[2] in writers
    )


def _scopes(tree: ast.Module) -> Iterator[Sequence[ast.AST]]:
    """The nodes of each function of the module, then those of its own top-level code."""
    for node in walked(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield walked(node)
    yield tuple(own_nodes(tree))


def _bound_to(nodes: Sequence[ast.AST], value_is: Callable[[ast.AST], bool]) -> set[str]:
    """The names bound to a value `value_is` accepts: a path built with the time it is
    written (`output_file = f"predictions_{datetime.now():%Y%m%d}.csv"`), an SQL statement
    that writes a row (`stmt = update(table).values(score=p)`, run by `execute(stmt)`)."""
    return {
        target.id
        for node in nodes
        if isinstance(node, ast.Assign) and value_is(node.value)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _rows_holding_a_prediction(nodes: Sequence[ast.AST]) -> set[str]:
    """The names bound to an object that holds a prediction, a row to add to a session:
    built with a keyword that names one (`row = ScoreLog(features=f, prediction=p)`), or
    given one afterwards (`log_entry = RequestLog(...)`, then `log_entry.prediction = p`).
    The class's name alone says nothing: `PredictionRequest(...)` holds the request."""
    built = {
        target.id: node.value
        for node in nodes
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    given = {
        target.value.id
        for node in nodes
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and PREDICTION_NAME.search(target.attr)
    }
    return {
        name
        for name, call in built.items()
        if name in given or any(PREDICTION_NAME.search(k.arg or "") for k in call.keywords)
    }


def _stamped(node: ast.AST) -> bool:
    """Whether a path is an f-string holding the current time."""
    return isinstance(node, ast.JoinedStr) and any(
        isinstance(call, ast.Call) and dotted(call.func).rpartition(".")[2] in TIMESTAMP_CALLS
        for value in node.values
        for call in ast.walk(value)
    )


def _writes_a_kept_file(
    call: ast.Call,
    stamped: AbstractSet[str],
    read: AbstractSet[str],
    parameters: AbstractSet[str],
) -> bool:
    """Whether a pandas write (`df.to_csv(path)`) keeps the rows of every call: in a file
    named for the moment of the call, one file a call; or in the service's own file (not
    one its caller names, `parameters`: a batch's output), appended to (`mode="a"`) or
    written back after the same function read it (`read`), the new row added."""
    if dotted(call.func).rpartition(".")[2] not in FRAME_WRITES:
        return False
    paths = [*call.args[:1], *(k.value for k in call.keywords if k.arg == "path_or_buf")]
    if any(_stamped(path) or (isinstance(path, ast.Name) and path.id in stamped) for path in paths):
        return True
    own = [path for path in paths if not (isinstance(path, ast.Name) and path.id in parameters)]
    appends = any(
        k.arg == "mode" and isinstance(k.value, ast.Constant) and k.value.value in APPEND_MODES
        for k in call.keywords
    )
    return any(appends or (isinstance(path, ast.Name) and path.id in read) for path in own)


def _appending_csv_writers(nodes: Sequence[ast.AST]) -> set[str]:
    """The names bound to a csv writer over a file opened for appending (`with open(path,
    "a") as f:` then `writer = csv.writer(f)` or `csv.DictWriter(f, fieldnames)`): each row
    it writes is kept beside the earlier ones."""
    files: set[str] = set()
    for node in nodes:
        pairs: list[tuple[ast.expr, ast.expr | None]] = []
        if isinstance(node, (ast.With, ast.AsyncWith)):
            pairs = [(item.context_expr, item.optional_vars) for item in node.items]
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            pairs = [(node.value, node.targets[0])]
        for opened, name in pairs:
            if isinstance(name, ast.Name) and _opens_to_append(opened):
                files.add(name.id)
    return {
        target.id
        for node in nodes
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and dotted(node.value.func).rpartition(".")[2] in CSV_WRITERS
        and node.value.args
        and isinstance(node.value.args[0], ast.Name)
        and node.value.args[0].id in files
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _opens_to_append(call: ast.expr) -> bool:
    """Whether an expression is `open(path, "a")` (or `mode="a"`, `"a+"`, `"ab"`), or a
    pathlib path's `path.open("a")`."""
    if not isinstance(call, ast.Call):
        return False
    name = dotted(call.func)
    if name in ("open", "io.open"):
        given = call.args[1:2]
    elif name.endswith(".open"):
        given = call.args[:1]
    else:
        return False
    modes = [*given, *(k.value for k in call.keywords if k.arg == "mode")]
    return any(isinstance(mode, ast.Constant) and str(mode.value).startswith("a") for mode in modes)


def _appends_a_row(call: ast.Call, appending: AbstractSet[str]) -> bool:
    """Whether the call writes a row with one of the `appending` csv writers."""
    receiver, _, method = dotted(call.func).rpartition(".")
    return method in ("writerow", "writerows") and receiver in appending


def _parameters(nodes: Sequence[ast.AST]) -> set[str]:
    """The parameters of the function whose nodes these are (none for a module's code)."""
    function = nodes[0] if nodes else None
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return set()
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    return {argument.arg for argument in every}


def _frames_read(nodes: Sequence[ast.AST]) -> set[str]:
    """The names of the paths pandas reads a table from (`pd.read_csv(path)`)."""
    return {
        node.args[0].id
        for node in nodes
        if isinstance(node, ast.Call)
        and dotted(node.func).rpartition(".")[2] in FRAME_READS
        and node.args
        and isinstance(node.args[0], ast.Name)
    }


def _names_used(tree: ast.Module) -> set[str]:
    """The names a module imports from others and the methods it calls on objects
    (`storage.store_features(...)`): another module's writer reached either way."""
    called = {
        node.func.attr
        for node in walked(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    return _imported_names(tree) | called


def _imported_names(tree: ast.Module) -> set[str]:
    """The names a module imports from others (`from helpers.influx import write_record`)."""
    return {
        alias.asname or alias.name
        for node in walked(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def _exchanges(nodes: Sequence[ast.AST]) -> set[str]:
    """The names bound to a row built with a question and its answer
    (`rec = ChatHistory(question=q, answer=a)`): "" stands for such a row built in place."""
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, (ast.Call, ast.Dict)) and _asks_and_answers(node):
            found.add("")
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, (ast.Call, ast.Dict))
            and _asks_and_answers(node.value)
        ):
            found |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return found


def _asks_and_answers(node: ast.Call | ast.Dict) -> bool:
    keys = [k.arg or "" for k in node.keywords] if isinstance(node, ast.Call) else _dict_keys(node)
    return any(ASKED.match(k) for k in keys) and any(ANSWERED.match(k) for k in keys)


def _names_a_prediction(node: ast.AST) -> bool:
    """Whether the node names a prediction (`prediction`, `y_pred`), is a call of a
    model's `predict` (its result is one, whatever it is named) or, as a string, names the
    prediction route (`"predict"`, `"/predict"`)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in PREDICT_METHODS and not _on_a_data_split(node)
    value = node.value if isinstance(node, ast.Constant) else None
    if isinstance(value, str) and PREDICTION_ROUTE.match(value):
        return True
    name = _name_of(node)
    return bool(name and PREDICTION_NAME.search(name))


def _on_a_data_split(call: ast.Call) -> bool:
    """Whether a `predict` call's input is a split of the data (`X_train`, `x_test`)."""
    given = call.args[0] if call.args else None
    name = _name_of(given) if given is not None else None
    return bool(name and DATA_SPLIT.search(name))


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
        keeps = WORD.fullmatch(node.value) or SQL_WRITE.match(node.value)
        return node.value if keeps else None
    return None


def _writes_a_record(
    call: ast.Call,
    rows: AbstractSet[str] = frozenset(),
    statements: AbstractSet[str] = frozenset(),
) -> bool:
    """Whether the call writes a record to a store; `rows`: the names bound to a
    prediction row or a question-and-answer row in the calling function (`_exchanges`);
    `statements`: those bound to an SQL statement that writes a row (`_bound_to`)."""
    receiver, _, method = dotted(call.func).rpartition(".")
    if method in RECORD_WRITES or _table_insert(call):
        return True
    if method == "write":
        return keyword_is_present(call, "record") or bool(POINT_WRITER.search(receiver))
    if method == "add":
        return _session_adds_prediction(call, rows)
    if method in SESSION_WRITES:  # a row fetched and given the prediction, then written
        return bool(rows) and not (call.args or call.keywords)
    if method in PRODUCER_SENDS:
        return bool(PRODUCER.search(receiver.rpartition(".")[2]))
    if method in BROKER_PUBLISHES:
        named = BROKER.search(receiver.rpartition(".")[2])
        return method == "basic_publish" or bool(named) or keyword_is_present(call, "routing_key")
    if method in ARTIFACT_LOGS:
        given = [*call.args, *(k.value for k in call.keywords)]
        names = (_name_of(node) for argument in given for node in ast.walk(argument))
        return any(PREDICTION_NAME.search(name) for name in names if name)
    if method in RUN_LOGS:
        return _logs_the_prediction(call)
    if method not in SQL_RUNS or not call.args:
        return False
    statement = call.args[0]
    if isinstance(statement, ast.Name) and statement.id in statements:
        return True
    return _writes_a_row(statement)


# A table client's row writes (Supabase's and PostgREST's `client.table("logs").insert(row)`,
# `.from_("logs").upsert(row)`): the table keeps each row it is given.
TABLE_CLIENT_WRITES = frozenset({"insert", "upsert"})
TABLE_CLIENT_TABLES = frozenset({"table", "from_"})


def _table_insert(call: ast.Call) -> bool:
    """Whether the call inserts a row through a table client (`supabase.table("model_logs")
    .insert(record)`): an `insert` or `upsert` on what `.table(name)` returned."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in TABLE_CLIENT_WRITES):
        return False
    table = func.value
    return (
        isinstance(table, ast.Call)
        and isinstance(table.func, ast.Attribute)
        and table.func.attr in TABLE_CLIENT_TABLES
        and bool(table.args)
    )


def _logs_the_prediction(call: ast.Call) -> bool:
    """Whether a tracker's `log_param`/`log_metric`/`set_tag` logs a prediction as its
    value: a name or attribute that names one (`prediction`, `float(result.prediction)`)."""
    values = [*call.args[1:2], *(k.value for k in call.keywords if k.arg == "value")]
    for value in values:
        while isinstance(value, ast.Call) and dotted(value.func) in CASTS and value.args:
            value = value.args[0]
        name = _name_of(value) if isinstance(value, (ast.Name, ast.Attribute)) else None
        if name and PREDICTION_NAME.search(name):
            return True
    return False


def _writes_a_row(statement: ast.AST) -> bool:
    """Whether an SQL statement writes a row: its text (`INSERT INTO`, `UPDATE ... SET`,
    written in place or wrapped in SQLAlchemy's `text(...)`) or SQLAlchemy Core's builder
    (`insert(Prediction).values(...)`, `update(table).where(...)`)."""
    return any(_is_row_write(node) for node in ast.walk(statement))


def _is_row_write(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        return bool(SQL_BUILDS_WRITE.fullmatch(dotted(node.func)))
    return isinstance(node, ast.Constant) and bool(SQL_WRITE.match(str(node.value)))


def _session_adds_prediction(call: ast.Call, rows: AbstractSet[str] = frozenset()) -> bool:
    """Whether `call` (an `add(...)`) adds a prediction row to an ORM session: the
    receiver is a session and its one argument names a prediction, as a class
    (`Predictions(...)`) or a variable (`new_prediction`), or is a question-and-answer
    row (`ChatHistory(question=q, answer=a)`); or a name in `rows`, bound to either
    (`log_entry = PredictionLog(...)`)."""
    receiver = dotted(call.func).rpartition(".")[0].rpartition(".")[2]
    if not ORM_SESSION.search(receiver) or len(call.args) != 1:
        return False
    argument = call.args[0]
    if isinstance(argument, ast.Call) and _asks_and_answers(argument):
        return True
    if isinstance(argument, ast.Name) and argument.id in rows:
        return True
    added = dotted(argument).rpartition(".")[2]
    return bool(PREDICTION_NAME.search(added))


class MON002(Check):
    """Applies when a service serves a model (see MON001). Passes when a module of the code
    the service runs (its modules and the repository's modules they import; any source
    module where a platform runs no code of the repository's) uses prometheus-client (or an
    instrumentator, starlette-exporter, prometheus-flask-exporter, OpenTelemetry), publishes
    CloudWatch metrics (`put_metric_data`, or the embedded metric format: a
    `"CloudWatchMetrics"` log record, aws-embedded-metrics): metrics a module defines that
    no service imports are exposed by nothing. Passes too when a source module declares a
    `/metrics` route that may answer metrics (one added by `add_url_rule`, or a handler
    whose answers are not all JSON objects: a route that returns the model's name and
    version as a dict, or its evaluation scores read from `metrics.json`, itself or through
    a function of its module or of the code the service runs whose every answer is a dict
    (`return get_latest_metrics()`, the latest run's scores), gives no request rate, latency
    or errors), or the framework exposes metrics itself (BentoML, KServe, MLServer, Triton,
    TorchServe, Ray Serve, Azure ML's scoring script, unless the repository deploys it as a
    v1 web service, ACI or AKS, and no deployment enables Application Insights
    (`enable_app_insights=True`, `appInsightsEnabled: true`), where its metrics go; a model
    an Azure ML online deployment serves, by its spec
    (`managedOnlineDeployment.schema.json`), `az ml online-deployment create` or
    `ManagedOnlineDeployment(...)`, a SageMaker endpoint's CloudWatch metrics, a Vertex AI
    endpoint's or Databricks Model Serving's, the model deployed to either by the SDK:
    `model.deploy(endpoint=..., machine_type=...)`, `serving_endpoints.create(...)`); an AWS
    Lambda handler alone does not (its invocation counts are the platform's). The platform's
    metrics count what it serves and every request a relay forwards to it (a proxy asking
    the endpoint for predictions), not a model server of the repository's own beside it: a
    service or a program an image starts, outside the platform's folders, whose code loads a
    model artefact itself (`joblib.load`, `dill.load`, `from_pretrained`) is judged by its
    own metrics (a web app or a program an image starts, not a Streamlit or Gradio page; not
    the container the platform runs, which answers its contract: SageMaker's `/invocations`,
    Vertex AI's `AIP_PREDICT_ROUTE`). Passes too when the service keeps its metrics in its
    own database: a column holds each request's latency (`latency_ms = mapped_column(...)`,
    SQL's `latency_ms INTEGER`) and a query aggregates it for a chart
    (`percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)`,
    `avg(latency_ms)`)."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(
        source_files: list[str],
        service_code: list[str],
        platform_gives: frozenset[str],
        own_model_servers: list[str],
        text: TextOf,
        syntax_tree: TreeOf,
    ) -> Outcome:
        # A platform's metrics count the requests a relay forwards to it, not those a
        # model server of the repository's own answers beside it.
        if "MON002" in platform_gives and not own_model_servers:
            return True
        # Metrics a module defines that no service runs nor imports are exposed by nothing.
        if any(mentions(METRICS, service_code or source_files, text, METRICS_HINTS)):
            return True
        route = _metrics_route(source_files, service_code, text, syntax_tree)
        if route is not None:
            return Passed(route)
        stored = next(mentions(LATENCY_COLUMN, source_files, text, ("latency",)), None)
        charted = next(mentions(LATENCY_AGGREGATE, source_files, text, ("latency",)), None)
        if stored and charted:
            return Passed(f"{stored} stores each request's latency; {charted} aggregates it")
        return False


def _metrics_route(
    source_files: list[str], service_code: list[str], text: TextOf, syntax_tree: TreeOf
) -> str | None:
    """Where a module declares a `/metrics` route that may answer metrics: a handler that
    answers anything but a JSON object (`generate_latest()`, a text body), or a route added
    by a call (`add_url_rule("/metrics", ...)`) whose handler is not read. A handler that
    answers the model's evaluation scores from a file (`json.load(f)`) or its name and
    version (a dict, a `response_model`), itself or through a function of the module or of
    the code the service runs (`return get_latest_metrics()`), gives no request rate,
    latency or errors."""
    for rel in source_files:
        tree = syntax_tree(rel) if METRICS_PATH in (text(rel) or "") else None
        for node in walked(tree) if tree is not None else ():
            if (
                isinstance(node, ast.Call)
                and dotted(node.func).rpartition(".")[2] in ROUTE_ADDERS
                and first_string(node) == METRICS_PATH
            ):
                return f"{rel}:{node.lineno} adds a {METRICS_PATH} route"
        for handler, decorator in _metrics_handlers(tree) if tree is not None else ():
            if keyword_is_present(decorator, "response_model"):
                continue
            answering = _answering_functions(handler, [rel, *service_code], text, syntax_tree)
            if not _answers_json(handler, answering):
                return f"{rel}:{handler.lineno} declares {METRICS_PATH}"
    return None


def _metrics_handlers(tree: ast.Module) -> Iterator[tuple[Handler, ast.Call]]:
    """Each function a route decorator declares as the `/metrics` route, with it."""
    for handler, declared in routes(tree):
        for decorator in declared:
            if first_string(decorator) == METRICS_PATH:
                yield handler, decorator


def _answering_functions(
    handler: Handler, modules: list[str], text: TextOf, syntax_tree: TreeOf
) -> dict[str, Handler]:
    """The functions, defined in `modules`, whose result the handler returns as it is
    (`return get_latest_metrics()`), by name: what the route answers is what they return."""
    called = {
        dotted(node.value.func).rpartition(".")[2]
        for node in walked(handler)
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Call)
    } - JSON_ANSWERS
    found: dict[str, Handler] = {}
    for rel in dict.fromkeys(modules) if called else ():
        content = text(rel) or ""
        if not any(f"def {name}(" in content for name in called - found.keys()):
            continue
        tree = syntax_tree(rel)
        for node in walked(tree) if tree is not None else ():
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in called:
                found.setdefault(node.name, node)
    return found


def _answers_json(handler: Handler, answering: dict[str, Handler] | None = None) -> bool:
    """Whether every answer of a handler is a JSON object: a dict, a JSON file or string
    loaded (`json.load(f)`), `jsonify(...)`, or the result of one of the `answering`
    functions that answers only JSON objects itself."""
    answers = [node.value for node in walked(handler) if isinstance(node, ast.Return)]
    return bool(answers) and all(
        isinstance(value, ast.Dict)
        or (isinstance(value, ast.Call) and _json_call(value, handler, answering or {}))
        for value in answers
    )


def _json_call(call: ast.Call, handler: Handler, answering: dict[str, Handler]) -> bool:
    """Whether a call answers a JSON object: a builder or loader of one, or a function of
    `answering` (not the handler itself) whose every answer is a JSON object."""
    name = dotted(call.func).rpartition(".")[2]
    function = answering.get(name)
    return name in JSON_ANSWERS or (
        function is not None and function is not handler and _answers_json(function)
    )


def _only_stubs(tree: ast.Module | None) -> bool:
    """Whether every function of a module named for drift is a stub (False when the file
    is not Python that parses: its text is the evidence then)."""
    if tree is None:
        return False
    functions = [
        node
        for node in walked(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and "drift" in node.name.lower()
    ]
    return bool(functions) and all(_stub(function.body) for function in functions)


def _stub(body: list[ast.stmt]) -> bool:
    """Whether a function body does nothing: a docstring, `pass`, `...`, `raise
    NotImplementedError`, or a `return` of a constant (a literal, None)."""
    for statement in body:
        if isinstance(statement, ast.Pass):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # a docstring, `...`
        if isinstance(statement, ast.Raise) and statement.exc is not None:
            raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
            if dotted(raised) == "NotImplementedError":
                continue
        if isinstance(statement, ast.Return) and _constant(statement.value):
            continue
        return False
    return True


def _constant(value: ast.expr | None) -> bool:
    """Whether an expression is a literal (`{"status": "not_implemented"}`, `0.0`, None)."""
    if value is None:
        return True
    try:
        ast.literal_eval(value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


class MON003(Check):
    """Applies when a service serves a model (see MON001). Passes when the code imports a
    drift library (Evidently, NannyML, alibi-detect, whylogs, deepchecks, Frouros, boxkite,
    popmon, Arize, Superwise), defines a function whose name mentions drift or the
    population stability index that measures it (`calculate_psi`), or creates a
    managed drift monitor (Databricks Lakehouse Monitoring's inference profile,
    `MonitorInferenceLog(...)`; SageMaker Model Monitor, `DefaultModelMonitor(...)`,
    `ModelQualityMonitor(...)`; Vertex AI's `ModelDeploymentMonitoringJob.create(...)`), or
    declares one (an Azure ML schedule's `create_monitor:` with a `data_drift` or
    `prediction_drift` signal; a Grafana alert rule provisioned with the stack,
    `provisioning/alerting/*.json`, titled for drift or PSI, `daily_psi_sex`). A
    module's name is no evidence: a `monitoring.py` that computes an error rate, or an empty
    `drift.py`, compares no data with a reference; nor is a drift function that is a stub,
    whose body is only a docstring, `pass`, `...`, `raise NotImplementedError` or returns a
    constant (`return {"status": "not_implemented"}`)."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(
        source_files: list[str],
        imports: dict[str, list[str]],
        text: TextOf,
        syntax_tree: TreeOf,
        files_containing: FilesContaining,
        files: tuple[str, ...],
    ) -> Outcome:
        if any(name in imports for name in DRIFT_LIBRARIES):
            return True
        alerts = [rel for rel in files if GRAFANA_ALERT_FILE.search(rel)]
        alerted = next(mentions(DRIFT_ALERT_TITLE, alerts, text), None)
        if alerted is not None:
            return Passed(f"{alerted} alerts on drift")
        drift_files = mentions(DRIFT_CODE, source_files, text, ("drift", "psi", "stability"))
        if any(not _only_stubs(syntax_tree(rel)) for rel in drift_files):
            return True
        if any(mentions(MANAGED_DRIFT, source_files, text, MANAGED_DRIFT_HINTS)):
            return True
        schedules = files_containing(AZURE_MONITOR_HINTS)
        return any(AZURE_DRIFT_SIGNAL.search(text(rel) or "") for rel in schedules)
