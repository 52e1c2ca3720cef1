"""Structured logs: one JSON object per line on stdout, ready for a log collector.

Service events (start-up, refused requests, errors) go through `logging` with JsonFormatter.
Predictions, one per request, go through PredictionLog: the request formats its line (a few
microseconds: its inputs are one base64 string of float32 values, never formatted number by
number); every 50 ms the lines that piled up are joined into one chunk, and a background thread
writes it.
"""

from __future__ import annotations

import asyncio
import functools
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
# Log lines held in memory, not yet written (a stalled stdout, e.g. a full pipe, or no event loop to
# run the timer); beyond this, new predictions are dropped and counted in a "dropped" line.
MAX_BUFFERED_BYTES = 64 * 1024 * 1024


@functools.lru_cache(maxsize=4)
def _second(whole_seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole_seconds))


def _timestamp(seconds: float) -> str:
    """ISO 8601 in UTC with milliseconds, e.g. 2024-05-01T12:00:00.123Z."""
    # Formatting the date costs more than the rest of a log line: do it once a second.
    return f"{_second(int(seconds))}.{int(seconds % 1 * 1000):03d}Z"


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
    """Writes one JSON line per prediction to stdout, off the request path.

    Lines are formatted on the event loop, as bytes: a thread that formatted them would hold
    the GIL in small slices and make the loop wait for it after each system call (under load that
    cost a third of the throughput), and records kept as Python objects until later would make
    the garbage collector walk them again and again. The writer thread only makes the system
    calls, which release the GIL.
    """

    def __init__(self) -> None:
        self.enabled = get_logger("predictions").isEnabledFor(logging.INFO)
        self.dropped = 0
        # Guards the lines, their byte count and `dropped`: the loop, flush() and the writer all touch them.
        self._lock = threading.Lock()
        self._pending: list[bytes] = []
        self._buffered_bytes = 0
        self._scheduled_on: asyncio.AbstractEventLoop | None = None
        self._chunks: queue.SimpleQueue[tuple[bytes, int] | threading.Event] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write_forever, name="prediction-log", daemon=True)
        self._writer.start()

    def record(self, fields: dict[str, Any]) -> None:
        """Log one prediction; never blocks."""
        if not self.enabled:
            return
        line = json_line(time.time(), "INFO", PREDICTION_LOGGER, "prediction", fields)
        with self._lock:
            if self._buffered_bytes + len(line) > MAX_BUFFERED_BYTES:
                self.dropped += 1
                return
            self._buffered_bytes += len(line)
            self._pending.append(line)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # called outside an event loop: hand the line to the writer now
            self._queue_pending()
            return
        # One timer per loop. A loop that ends before its timer fires (each TestClient request
        # runs in its own) leaves its lines to the next timer or to flush().
        if self._scheduled_on is not loop:
            self._scheduled_on = loop
            loop.call_later(WRITE_INTERVAL_SECONDS, self._on_timer)

    def flush(self, timeout: float = 5.0) -> None:
        """Wait until every prediction logged so far is written."""
        self._queue_pending()
        written = threading.Event()
        self._chunks.put(written)
        written.wait(timeout)

    def _on_timer(self) -> None:
        self._scheduled_on = None
        self._queue_pending()

    def _queue_pending(self) -> None:
        # Under the lock, so chunks reach the writer in the order their lines were logged.
        with self._lock:
            lines, self._pending = self._pending, []
            counted = sum(map(len, lines))  # the bytes the writer gives back once they are out
            if self.dropped:
                lines.append(json_line(time.time(), "WARNING", PREDICTION_LOGGER, "dropped", {"records": self.dropped}))
                self.dropped = 0
            if lines:
                self._chunks.put((b"".join(lines), counted))

    def _write_forever(self) -> None:
        while True:
            item = self._chunks.get()
            if isinstance(item, threading.Event):
                item.set()
                continue
            chunk, counted = item
            try:
                _write_stdout(chunk)
            except (OSError, ValueError):  # stdout closed or gone: nothing more can be logged there
                pass
            finally:
                with self._lock:
                    self._buffered_bytes -= counted
