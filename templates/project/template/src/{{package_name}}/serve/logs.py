"""Structured logs: one JSON object per line on stdout, written by a background thread.

Request handlers only put a record on a queue; turning it into JSON (inputs included) and writing
it happens in a listener thread, off the request's critical path.
"""

from __future__ import annotations

import atexit
import copy
import logging
import queue
import sys
from datetime import datetime, timezone
from logging.handlers import QueueHandler, QueueListener
from typing import Any

import orjson

LOGGER_NAME = __name__.rpartition(".")[0]

# The one listener thread of this process, started by the first configure_logging call.
_listeners: list[QueueListener] = []


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON line: time, level, logger, event, then the record's `fields`."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return orjson.dumps(entry, default=str, option=orjson.OPT_SERIALIZE_NUMPY).decode()


class _StructuredQueueHandler(QueueHandler):
    """Queue the record with its fields intact; render only the message and traceback text now."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        record = copy.copy(record)
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info:
            # exc_info holds frames that must not cross threads; their text is enough.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        return record


def configure_logging(level: str = "INFO") -> logging.Logger:
    """Send the service's logs as JSON lines to stdout through a background thread; safe to call twice."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    logger.propagate = False
    if not _listeners:
        records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
        stream = logging.StreamHandler(sys.stdout)
        stream.setFormatter(JsonFormatter())
        listener = QueueListener(records, stream, respect_handler_level=False)
        listener.start()
        atexit.register(listener.stop)
        _listeners.append(listener)
        logger.addHandler(_StructuredQueueHandler(records))
    return logger


def get_logger(name: str) -> logging.Logger:
    """A child of the service's logger, e.g. `predictions`."""
    return logging.getLogger(f"{LOGGER_NAME}.{name}")
