"""Talk to a generated project's running service: start it, wait for /ready, send its example.

Shared by `scripts/demo.py` and the end-to-end tests, so both exercise the service
exactly as a user would: over real HTTP on the loopback interface.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def http(url: str, body: Any = None) -> tuple[int, Any]:
    """GET (or POST `body` as JSON); return the status and the decoded JSON answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, _decode(response.read())
    except urllib.error.HTTPError as error:
        return error.code, _decode(error.read())


def _decode(raw: bytes) -> Any:
    try:
        return json.loads(raw or b"null")
    except ValueError:
        return raw.decode(errors="replace")


def project_env() -> dict[str, str]:
    """The environment for the project's own Makefile: not the tool's venv, nor an outer make's."""
    outer = {"VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
    return {k: v for k, v in os.environ.items() if k not in outer}


@contextmanager
def running_service(project: Path, timeout: float = 90) -> Iterator[str]:
    """`make serve` on a free loopback port; yields the base URL once /ready answers 200."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        ["make", "serve", f"PORT={port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=project_env(),
        start_new_session=True,
    )
    try:
        _wait_ready(base, server, timeout)
        yield base
    finally:
        stop_process_group(server)


def stop_process_group(process: subprocess.Popen[Any], timeout: float = 30) -> None:
    """SIGTERM a server started with start_new_session=True and its children; SIGKILL if slow."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def _wait_ready(base: str, server: subprocess.Popen[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = server.stdout.read() if server.stdout else ""
            raise RuntimeError(f"the service exited:\n{output}")
        try:
            if http(f"{base}/ready")[0] == 200:
                return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the service at {base} was not ready after {timeout:.0f}s")


def example_request(openapi: dict[str, Any]) -> Any:
    """The example request that /docs shows for POST /predict."""
    content = openapi["paths"]["/predict"]["post"]["requestBody"]["content"]["application/json"]
    if "example" in content:
        return content["example"]
    if "examples" in content:
        return next(iter(content["examples"].values()))["value"]
    schema = content["schema"]
    if "$ref" in schema:
        schema = openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    examples = schema.get("examples") or [schema.get("example")]
    if examples[0] is None:
        raise LookupError("POST /predict shows no example request")
    return examples[0]
