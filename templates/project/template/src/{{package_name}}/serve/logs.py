"""Structured logs: one JSON object per line on stdout, ready for a log collector.

Service events (start-up, refused requests, errors) go through `logging` with JsonFormatter.
Predictions, one per request, go through PredictionLog: the request only queues its fields and
its body; a background thread writes them as JSON lines in batches. The validated request body
is copied into the line as it came (`request`), so inputs are logged without re-formatting
thousands of numbers.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from typing import Any

import orjson

LOGGER_NAME = __name__.rpartition(".")[0]
PREDICTION_LOGGER = f"{LOGGER_NAME}.predictions"
# Waiting a little between writes lets records pile up: one write per batch, fewer thread wake-ups.
WRITE_INTERVAL_SECONDS = 0.05
MAX_QUEUED_RECORDS = 100_000


def _timestamp(seconds: float) -> str:
    """ISO 8601 in UTC with milliseconds, e.g. 2024-05-01T12:00:00.123Z."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{int(seconds % 1 * 1000):03d}Z"


def json_line(created: float, level: str, logger: str, event: str, fields: dict[str, Any]) -> bytes:
    """One log line: time, level, logger, event, then the event's own fields (NumPy arrays as lists)."""
    entry = {"time": _timestamp(created), "level": level, "logger": logger, "event": event, **fields}
    return orjson.dumps(entry, default=str, option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_APPEND_NEWLINE)


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON line; a traceback appears only for records logged with exc_info."""

    def format(self, record: logging.LogRecord) -> str:
        fields = dict(getattr(record, "fields", {}))
        if record.exc_info:
            fields["exception"] = self.formatException(record.exc_info)
        line = json_line(record.created, record.levelname, record.name, record.getMessage(), fields)
        return line.decode().rstrip("\n")


def configure_logging(level: str = "INFO") -> logging.Logger:
    """Send the service's events as JSON lines to stdout; calling it again only changes the level."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    logger.propagate = False
    if not any(isinstance(handler.formatter, JsonFormatter) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
    return logger


def get_logger(name: str) -> logging.Logger:
    """A child of the service's logger, e.g. `requests`."""
    return logging.getLogger(f"{LOGGER_NAME}.{name}")


def _one_line(request_json: bytes) -> orjson.Fragment:
    # Raw new lines in valid JSON can only be whitespace between tokens: spaces keep it one line.
    if b"\n" in request_json or b"\r" in request_json:
        request_json = request_json.replace(b"\n", b" ").replace(b"\r", b" ")
    return orjson.Fragment(request_json)


def _write_stdout(data: bytes) -> None:
    """Write bytes to stdout without decoding and re-encoding them (large batches log ~60 kB each)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stdout, e.g. under some test runners
        sys.stdout.write(data.decode())
        sys.stdout.flush()
        return
    # Lines the logging handler wrote to the text layer go out first.
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


class PredictionLog:
    """Writes one JSON line per prediction to stdout from a background thread, off the request path."""

    def __init__(self) -> None:
        self.enabled = logging.getLogger(PREDICTION_LOGGER).isEnabledFor(logging.INFO)
        self.dropped = 0
        # SimpleQueue.put is one C call; a flush request travels through the queue as an Event.
        self._queue: queue.SimpleQueue[tuple[float, dict[str, Any], bytes] | threading.Event] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write_forever, name="prediction-log", daemon=True)
        self._writer.start()

    def record(self, fields: dict[str, Any], request_json: bytes) -> None:
        """Queue one prediction and its (already validated) JSON request body; never blocks."""
        if not self.enabled:
            return
        if self._queue.qsize() >= MAX_QUEUED_RECORDS:
            # The writer has fallen far behind: count the loss rather than grow without bound.
            self.dropped += 1
            return
        self._queue.put((time.time(), fields, request_json))

    def flush(self, timeout: float = 5.0) -> None:
        """Wait until every prediction queued so far is written."""
        written = threading.Event()
        self._queue.put(written)
        written.wait(timeout)

    def _write_forever(self) -> None:
        while True:
            batch = [self._queue.get()]
            time.sleep(WRITE_INTERVAL_SECONDS)
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            lines = [
                json_line(created, "INFO", PREDICTION_LOGGER, "prediction", {**fields, "request": _one_line(body)})
                for created, fields, body in (item for item in batch if not isinstance(item, threading.Event))
            ]
            if self.dropped:
                dropped, self.dropped = self.dropped, 0
                lines.append(json_line(time.time(), "WARNING", PREDICTION_LOGGER, "dropped", {"records": dropped}))
            if lines:
                _write_stdout(b"".join(lines))
            for item in batch:
                if isinstance(item, threading.Event):
                    item.set()
