"""Benchmark the generated service side by side with the serving frameworks users would pick.

    python bench/serve.py [--duration 8] [--rounds 5] [--quick] [--peers mlserver,litserve,...]
                          [--sustained 300] [--relock]

Generates a default project with `mlops new`, installs it from its own lock, trains it, and
serves its ONNX model with the generated service (uvicorn, one worker) and with each peer, each
in its own venv built with uv from a hash-locked file under bench/peers/: MLServer (its
scikit-learn runtime and a custom onnxruntime runtime), LitServe + onnxruntime, BentoML +
onnxruntime, and `mlflow models serve` of the same scikit-learn pipeline. Before any load,
every scenario's answer is checked against in-process onnxruntime on the same rows.
wrk (one thread, 16 connections) drives each scenario for `--duration` seconds, round-robin,
`--rounds` times; with one worker and two CPUs the servers run on CPU 0 and wrk on CPU 1.
Each target ratio is taken within each round (its scenarios ran minutes apart at most, under
the same outside load) and the median of those per-round ratios is reported with their range.
Venvs, the project and the locks' venvs are cached under .cache/bench-serve.
Only ever sends traffic to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.answers import (
    HEADER_LENGTH,
    AnswerError,
    Expected,
    compare,
    read_answer,
    v2_binary_request,
    v2_json_request,
)
from bench.cpu_time import tree_cpu_seconds
from scripts.service_probe import stop_process_group

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
PEERS_DIR = BENCH / "peers"
CACHE = REPO / ".cache" / "bench-serve"
PROJECT_VENV = CACHE / "project-venv"
PACKAGE = "bench_demo"
HOST = "127.0.0.1"
LOG_TAIL_BYTES = 1 << 20
BATCH = 100
BIG_BATCH = 1000
# Ports on 127.0.0.1, one per server (MLServer also opens its gRPC and metrics ports).
PORTS = {
    "service": 8791,
    "mlflow": 8792,
    "minimal": 8793,
    "mlserver": 8795,
    "litserve": 8798,
    "bentoml": 8799,
}
PEERS = ("mlserver", "litserve", "bentoml", "mlflow")
# Not a peer: the smallest FastAPI service on the same model (bench/minimal_fastapi.py), the floor
# of the service's own stack. In every table, in no target.
MINIMAL = "minimal"
# How the peers' locks are made: every platform, from the oldest Python the peers' pins allow.
LOCK_OPTIONS = ("--universal", "--python-version", "3.11", "--generate-hashes", "--quiet")
# The scenario kinds every server runs, and the one only the service's v2 route runs.
ONE, HUNDRED, V2_BINARY = "1 row (JSON)", f"{BATCH} rows (JSON)", "1,000 rows (v2 binary)"
IN_PROCESS = "in-process onnxruntime, 1,000 rows"
# Issue 16's targets: the service >= 2x the best peer (JSON), >= 0.3x in-process (v2 binary).
PEER_TARGET = 2.0
IN_PROCESS_TARGET = 0.3

# wrk prints one JSON line at the end of a run: throughput, latency percentiles, every error.
WRK_SCRIPT = r"""
local body_file = os.getenv("BODY_FILE")
if body_file then
  local f = assert(io.open(body_file, "rb")); wrk.body = f:read("*a"); f:close()
  wrk.method = "POST"; wrk.headers["Content-Type"] = os.getenv("CONTENT_TYPE")
  local header = os.getenv("EXTRA_HEADER")
  if header then wrk.headers[header] = os.getenv("EXTRA_HEADER_VALUE") end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50_ms": %f, "p99_ms": %f, "errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


class BenchError(RuntimeError):
    """A step of the benchmark failed; the message says which."""


@dataclass(frozen=True)
class Scenario:
    """One load: a server, what it is sent (a body file and its headers), how to read the answer."""

    server: str
    kind: str
    url: str
    body: Path
    rows: int
    answer_format: str
    content_type: str = "application/json"
    header: tuple[str, str] | None = None

    @property
    def name(self) -> str:
        return f"{self.server}: {self.kind}"


@dataclass(frozen=True)
class Server:
    """A server process to start: its command, environment, and the URL that says it is up."""

    name: str
    command: list[str]
    ready_url: str
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path = REPO


@dataclass
class Result:
    """The median round of a scenario, and every round's requests/s."""

    name: str
    rps: float
    rows_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    rows: int = 0
    rounds: list[float] = field(default_factory=list)
    # The server's CPU time per request (all its processes, user + system), each round; empty
    # where it cannot be read (no /proc, or the in-process floor).
    cpu_us: list[float] = field(default_factory=list)


def run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """Run a command, raise BenchError with its output tail when it fails."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"{' '.join(command)} failed:\n{(done.stdout + done.stderr)[-3000:]}")
    return done.stdout


def digest(*paths: Path) -> str:
    """A short hash of the files under `paths`, to know when a cached step is stale."""
    sha = hashlib.sha256()
    for root in paths:
        for path in sorted(root.rglob("*") if root.is_dir() else [root]):
            if path.is_file() and "__pycache__" not in path.parts:
                sha.update(str(path.relative_to(root)).encode() + path.read_bytes())
    return sha.hexdigest()[:16]


def cached(step: Path, key: str) -> bool:
    """True when `step` was completed with the same key."""
    return (step / ".bench-key").is_file() and (step / ".bench-key").read_text() == key


def mark_done(step: Path, key: str) -> None:
    (step / ".bench-key").write_text(key)


def ensure_wrk() -> str:
    """wrk from Debian's packages, installed when missing."""
    if shutil.which("wrk") is None:
        run(["apt-get", "update", "-qq"])
        run(["apt-get", "install", "-y", "-qq", "wrk"])
    return shutil.which("wrk") or "wrk"


def uv() -> str:
    """uv from the tool's own venv (a pinned test dependency), else from PATH."""
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if found is None:
        raise BenchError("uv is not installed: make setup")
    return found


def project_venv() -> Path:
    """A venv from the dev lock the project ships (train, serve, tests); rebuilt when it changes."""
    requirements = REPO / "templates" / "project" / "template" / "requirements"
    lock = next(requirements.glob("*dvc*dev.txt*"))
    return locked_venv(PROJECT_VENV, lock, digest(requirements))


def locked_venv(venv: Path, lock: Path, key: str) -> Path:
    """A venv holding exactly `lock` (hash-checked, by uv); rebuilt only when `key` changes."""
    if not cached(venv, key):
        shutil.rmtree(venv, ignore_errors=True)
        run([uv(), "venv", "--quiet", "--python", sys.executable, str(venv)])
        install = [uv(), "pip", "install", "--quiet", "--require-hashes", "-r", str(lock)]
        run([*install, "--python", str(venv / "bin" / "python")])
        mark_done(venv, key)
    return venv


def pins(requirements_in: Path) -> dict[str, str]:
    """The `name==version` pins of a lock input, by name."""
    found = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", requirements_in.read_text(), re.MULTILINE)
    return {name.lower(): version for name, version in found}


def peer_venv(peer: str, relock: bool) -> Path:
    """The peer's venv from its hash-locked bench/peers/PEER/requirements.txt.

    The lock is (re)made with uv from requirements.in when asked, when it is missing, or when
    a pin of the input is not in it; the venv is rebuilt whenever the lock changes.
    """
    folder = PEERS_DIR / peer
    source, lock = folder / "requirements.in", folder / "requirements.txt"
    stale = not lock.is_file() or any(
        f"{name}=={version}" not in lock.read_text().lower()
        for name, version in pins(source).items()
    )
    if relock or stale:
        run(
            [uv(), "pip", "compile", "requirements.in", "-o", "requirements.txt", *LOCK_OPTIONS],
            cwd=folder,
        )
    return locked_venv(CACHE / f"peer-{peer}", lock, digest(lock))


def trained_project(venv: Path) -> Path:
    """A default project from `mlops new`, installed into `venv` (editable), trained."""
    project = CACHE / "project"
    key = digest(REPO / "templates" / "project") + digest(venv / ".bench-key")
    if cached(project, key):
        return project
    shutil.rmtree(project, ignore_errors=True)
    mlops = Path(sys.executable).with_name("mlops")
    run([str(mlops), "new", str(project), "--defaults", "--data", f"project_name={PACKAGE}"])
    python = str(venv / "bin" / "python")
    install = [uv(), "pip", "install", "--quiet", "--no-deps", "--python", python]
    run([*install, "-e", "."], cwd=project)
    run([python, "-m", f"{PACKAGE}.pipeline"], cwd=project)
    mark_done(project, key)
    return project


def sklearn_pipeline(project: Path) -> Path:
    """The project's scikit-learn pipeline refitted with the hyper-parameters the train stage
    chose (`metrics/train.json`): the model model.onnx holds, pickled for the sklearn peers."""
    pickled = CACHE / "pipeline.pkl"
    key = digest(project / "models" / "model.onnx")
    if pickled.is_file() and cached(CACHE, key):
        return pickled
    refit = f"""
        import json, pickle
        from {PACKAGE}.config import ProjectPaths, load_params, section
        from {PACKAGE}.data import read_split
        from {PACKAGE}.train import refit
        paths = ProjectPaths()
        best = json.loads(paths.train_metrics.read_text())["best_params"]
        pipeline = refit(read_split(paths.train), section(load_params(), "train"), best)
        pickle.dump(pipeline, open({str(pickled)!r}, "wb"))
    """
    run([str(PROJECT_VENV / "bin/python"), "-c", textwrap.dedent(refit)], cwd=project)
    mark_done(CACHE, key)
    return pickled


def test_rows(project: Path) -> list[list[float]]:
    """The project's test split as its CSV stores them, in the model's feature order."""
    metadata = json.loads((project / "models" / "metadata.json").read_text())
    names = [f["name"] for f in metadata["features"]]
    with (project / "data" / "processed" / "test.csv").open(newline="") as table:
        rows = [[json.loads(row[name]) for name in names] for row in csv.DictReader(table)]
    if len(rows) < BATCH:
        raise BenchError(f"the test split has {len(rows)} rows, the batch needs {BATCH}")
    return rows


def feature_names(project: Path) -> list[str]:
    metadata = json.loads((project / "models" / "metadata.json").read_text())
    return [f["name"] for f in metadata["features"]]


def in_process(project: Path, mode: str, rows: list[list[float]], *extra: str) -> dict:
    """bench/in_process.py with the project's venv on `rows` (answers, or its rate)."""
    rows_file = CACHE / f"rows-{len(rows)}.json"
    rows_file.write_text(json.dumps(rows))
    model = str(project / "models" / "model.onnx")
    python = str(PROJECT_VENV / "bin" / "python")
    command = [python, str(BENCH / "in_process.py"), model, mode, str(rows_file), *extra]
    return json.loads(run(command).strip().splitlines()[-1])


def expected_answers(project: Path, batches: dict[int, list[list[float]]]) -> dict[int, Expected]:
    """In-process onnxruntime's labels and positive probabilities for each batch, by size."""
    return {
        size: Expected(**in_process(project, "answers", batch)) for size, batch in batches.items()
    }


# -- the servers --------------------------------------------------------------------------------


def url(server: str, path: str) -> str:
    return f"http://{HOST}:{PORTS[server]}{path}"


def service_server(project: Path) -> Server:
    """The generated service as `make serve` runs it, with uvicorn's access log off (the app
    logs each request itself); its prediction log is on, with the project's defaults, as in
    production."""
    command = [str(PROJECT_VENV / "bin/uvicorn"), f"{PACKAGE}.serve.app:app"]
    options = ["--host", HOST, "--port", str(PORTS["service"]), "--workers", "1", "--no-access-log"]
    return Server("service", [*command, *options], url("service", "/ready"), cwd=project)


def minimal_server(project: Path) -> Server:
    """bench/minimal_fastapi.py as the service runs: the project's venv, uvicorn, one worker."""
    command = [str(PROJECT_VENV / "bin/uvicorn"), "minimal_fastapi:app"]
    options = ["--host", HOST, "--port", str(PORTS[MINIMAL]), "--workers", "1", "--no-access-log"]
    env = {"PYTHONPATH": str(BENCH), "BENCH_PACKAGE": PACKAGE}
    env["ONNX_MODEL"] = str(project / "models" / "model.onnx")
    ready = url(MINIMAL, "/openapi.json")
    return Server(MINIMAL, [*command, *options], ready, env=env, cwd=project)


def mlserver_server(pipeline: Path, project: Path, venv: Path) -> Server:
    """One MLServer process serving the pipeline with mlserver-sklearn (model `sklearn`) and the
    ONNX model with bench/peers/mlserver/runtime.py (model `onnx`). In its favour: inference in
    the server process (no worker pool hop), no metrics server, no gzip, no access log."""
    root = CACHE / "mlserver-models"
    shutil.rmtree(root, ignore_errors=True)
    settings = {
        "host": HOST,
        "http_port": PORTS["mlserver"],
        "grpc_port": PORTS["mlserver"] + 1,
        "metrics_port": PORTS["mlserver"] + 2,
        "parallel_workers": 0,
        "metrics_endpoint": None,
        "gzip_enabled": False,
        "debug": False,
    }
    models = {
        "sklearn": ("mlserver_sklearn.SKLearnModel", pipeline, "model.joblib"),
        "onnx": ("runtime.OnnxRuntimeModel", project / "models" / "model.onnx", "model.onnx"),
    }
    for name, (implementation, artifact, filename) in models.items():
        (root / name).mkdir(parents=True)
        shutil.copyfile(artifact, root / name / filename)
        model_settings = {"name": name, "implementation": implementation}
        model_settings["parameters"] = {"uri": f"./{filename}"}
        (root / name / "model-settings.json").write_text(json.dumps(model_settings))
    (root / "settings.json").write_text(json.dumps(settings))
    return Server(
        "mlserver",
        [str(venv / "bin/mlserver"), "start", str(root)],
        url("mlserver", "/v2/models/onnx/ready"),
        env={"PYTHONPATH": str(PEERS_DIR / "mlserver")},
        cwd=root,
    )


def litserve_server(project: Path, venv: Path) -> Server:
    model = str(project / "models" / "model.onnx")
    command = [str(venv / "bin/python"), str(PEERS_DIR / "litserve" / "server.py")]
    return Server("litserve", [*command, model, str(PORTS["litserve"])], url("litserve", "/health"))


def bentoml_server(project: Path, venv: Path) -> Server:
    command = [str(venv / "bin/bentoml"), "serve", "service:OnnxModel", "--host", HOST]
    return Server(
        "bentoml",
        [*command, "--port", str(PORTS["bentoml"])],
        url("bentoml", "/readyz"),
        env={"ONNX_MODEL": str(project / "models" / "model.onnx"), "BENTOML_DO_NOT_TRACK": "1"},
        cwd=PEERS_DIR / "bentoml",
    )


def mlflow_server(pipeline: Path, venv: Path) -> Server:
    """`mlflow models serve` of the pickled pipeline, saved with mlflow.sklearn."""
    model = CACHE / "mlflow-model"
    key = digest(pipeline) + digest(venv / ".bench-key")
    if not cached(CACHE / "mlflow-key", key) or not (model / "MLmodel").is_file():
        shutil.rmtree(model, ignore_errors=True)
        save = f"""
            import pickle, mlflow.sklearn
            mlflow.sklearn.save_model(pickle.load(open({str(pipeline)!r}, "rb")), {str(model)!r})
        """
        run([str(venv / "bin/python"), "-c", textwrap.dedent(save)])
        (CACHE / "mlflow-key").mkdir(exist_ok=True)
        mark_done(CACHE / "mlflow-key", key)
    command = [str(venv / "bin/mlflow"), "models", "serve", "-m", str(model)]
    options = ["--env-manager", "local", "--host", HOST, "--port", str(PORTS["mlflow"])]
    return Server(
        "mlflow",
        [*command, *options, "--workers", "1"],
        url("mlflow", "/ping"),
        env={"PATH": f"{venv / 'bin'}:{os.environ['PATH']}", "MLFLOW_DISABLE_TELEMETRY": "true"},
    )


def wait_until_up(ready_url: str, process: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"the server behind {ready_url} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(ready_url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise BenchError(f"{ready_url} did not answer within {timeout:.0f} s")


@contextmanager
def started(server: Server, cpus: str | None) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server in its own process group on `cpus`; stop the group afterwards."""
    log = CACHE / f"{server.name}.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **server.env}
    with log.open("wb") as output:
        process = subprocess.Popen(
            on_cpus(server.command, cpus),
            cwd=server.cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        stop_process_group(process, timeout=20)
        keep_tail(log)


def keep_tail(log: Path, keep: int = LOG_TAIL_BYTES) -> None:
    """Cut a server's log to its last `keep` bytes, saying how much it held.

    The service logs a line per request, with the rows of a share of them: hundreds of MB per run.
    """
    size = log.stat().st_size
    if size <= keep:
        return
    with log.open("rb") as whole:
        whole.seek(size - keep)
        whole.readline()  # from the first whole line on
        tail = whole.read()
    log.write_bytes(tail)
    kept = f"{log.name}: {size / 1e6:,.0f} MB written, its last {len(tail):,} bytes kept"
    print(kept, file=sys.stderr)


def on_cpus(command: list[str], cpus: str | None) -> list[str]:
    """`command` confined by taskset to `cpus` (e.g. "0"), or as is when `cpus` is None."""
    return ["taskset", "-c", cpus, *command] if cpus else command


# -- what each server is sent -------------------------------------------------------------------


def write_body(name: str, body: object) -> Path:
    path = CACHE / f"{name}.body"
    path.write_bytes(body if isinstance(body, bytes) else json.dumps(body).encode())
    return path


def json_scenarios(peers: list[str], names: list[str], rows: list[list[float]]) -> list[Scenario]:
    """One row and a 100-row batch for the service and each peer, in each one's own JSON form."""
    service_form = (
        "/predict",
        "predict",
        lambda batch: (
            {"rows": [dict(zip(names, row, strict=True)) for row in batch]}
            if len(batch) == 1
            else {"instances": batch}
        ),
    )
    forms = {
        "service": service_form,
        MINIMAL: service_form,
        "mlserver-sklearn": ("/v2/models/sklearn/infer", "v2", lambda b: v2_json_request("x", b)),
        "mlserver-onnx": ("/v2/models/onnx/infer", "v2", lambda b: v2_json_request("x", b)),
        "litserve": ("/predict", "lists", lambda batch: {"instances": batch}),
        "bentoml": ("/predict", "lists", lambda batch: {"instances": batch}),
        "mlflow": (
            "/invocations",
            "mlflow",
            lambda batch: {"dataframe_split": {"columns": names, "data": batch}},
        ),
    }
    chosen = ["service", MINIMAL] + [server for server in forms if server.split("-")[0] in peers]
    scenarios = []
    for server in chosen:
        path, answer_format, make = forms[server]
        process = server.split("-")[0]
        for kind, batch in ((ONE, rows[:1]), (HUNDRED, rows[:BATCH])):
            body = write_body(f"{server}-{len(batch)}", make(batch))
            scenarios.append(
                Scenario(server, kind, url(process, path), body, len(batch), answer_format)
            )
    return scenarios


def http_get(address: str) -> dict | None:
    try:
        with urllib.request.urlopen(address, timeout=5) as response:
            return json.loads(response.read())
    except (OSError, ValueError):
        return None


def v2_scenario(rows: list[list[float]]) -> Scenario | None:
    """1,000 rows over the service's Open Inference Protocol route with binary tensors in and
    out, when the service has that route (its model found by name in /v2/models/NAME)."""
    for name in (PACKAGE, PACKAGE.replace("_", "-"), "model"):
        metadata = http_get(url("service", f"/v2/models/{name}"))
        if metadata and metadata.get("inputs"):
            break
    else:
        return None
    outputs = [output["name"] for output in metadata.get("outputs", [])]
    body, header_length = v2_binary_request(metadata["inputs"][0]["name"], rows, outputs)
    return Scenario(
        "service",
        V2_BINARY,
        url("service", f"/v2/models/{name}/infer"),
        write_body("service-v2-binary", body),
        len(rows),
        "v2",
        content_type="application/octet-stream",
        header=(HEADER_LENGTH, str(header_length)),
    )


def check_answer(scenario: Scenario, expected: Expected) -> None:
    """Send the scenario's request once; raise BenchError unless the answer is 2xx and equal to
    in-process onnxruntime's."""
    headers = {"Content-Type": scenario.content_type}
    if scenario.header:
        headers[scenario.header[0]] = scenario.header[1]
    request = urllib.request.Request(scenario.url, data=scenario.body.read_bytes(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = read_answer(
                scenario.answer_format, dict(response.headers), response.read(), scenario.rows
            )
        compare(answer, expected)
    except urllib.error.HTTPError as error:
        raise BenchError(f"{scenario.name}: HTTP {error.code} {error.read()[:300]!r}") from error
    except AnswerError as error:
        raise BenchError(f"{scenario.name}: {error}") from error


# -- load -----------------------------------------------------------------------------------------


def wrk(
    wrk_bin: str,
    scenario: Scenario,
    seconds: float,
    connections: int,
    cpus: str | None,
    pid: int | None = None,
) -> dict[str, float]:
    """One wrk run: its summary, plus `cpu_s`, the CPU time the server (process `pid` and its
    descendants) spent meanwhile, when `pid` is given and /proc can be read."""
    script = CACHE / "report.lua"
    script.write_text(WRK_SCRIPT)
    env = {**os.environ, "BODY_FILE": str(scenario.body), "CONTENT_TYPE": scenario.content_type}
    if scenario.header:
        env |= {"EXTRA_HEADER": scenario.header[0], "EXTRA_HEADER_VALUE": scenario.header[1]}
    command = [wrk_bin, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script)]
    before = tree_cpu_seconds(pid) if pid else None
    output = run(on_cpus([*command, scenario.url], cpus), env=env)
    after = tree_cpu_seconds(pid) if pid else None
    summary = json.loads(output.strip().splitlines()[-1])
    if before is not None and after is not None:
        summary["cpu_s"] = after - before
    return summary


def measure(
    scenarios: list[Scenario],
    rounds: int,
    seconds: int,
    connections: int,
    wrk_bin: str,
    cpus: tuple[str | None, str | None],
    floor: tuple[Path, list[list[float]]] | None,
    pids: dict[str, int] | None = None,
) -> list[Result]:
    """Every scenario `rounds` times, round-robin, and in each round in-process onnxruntime on
    the big batch (on the servers' CPU); each scenario's median round is kept. `pids` maps a
    server process (`mlserver` for `mlserver-onnx`) to its pid, to read its CPU time."""
    server_cpus, load_cpus = cpus
    runs: dict[str, list[dict[str, float]]] = {s.name: [] for s in scenarios}
    floor_rounds: list[float] = []
    for _ in range(rounds):
        for scenario in scenarios:
            pid = (pids or {}).get(scenario.server.split("-")[0])
            runs[scenario.name].append(wrk(wrk_bin, scenario, seconds, connections, load_cpus, pid))
        if floor:
            project, rows = floor
            rate = in_process_rate(project, rows, len(rows), seconds, server_cpus)
            floor_rounds.append(rate)
    results = [median_round(s.name, s.rows, runs[s.name]) for s in scenarios]
    if floor_rounds:
        middle = median(floor_rounds)
        calls = [rate / BIG_BATCH for rate in floor_rounds]
        results.append(
            Result(IN_PROCESS, median(calls), middle, 0, 0, 0, rows=BIG_BATCH, rounds=calls)
        )
    return results


def median_round(name: str, rows: int, rounds: list[dict[str, float]]) -> Result:
    by_rps = sorted(rounds, key=lambda r: r["requests"] / r["seconds"])
    middle = by_rps[len(by_rps) // 2]
    rps = middle["requests"] / middle["seconds"]
    return Result(
        name=name,
        rps=rps,
        rows_per_s=rps * rows,
        p50_ms=middle["p50_ms"],
        p99_ms=middle["p99_ms"],
        errors=int(sum(r["errors"] + r["non_2xx"] for r in rounds)),
        rows=rows,
        rounds=[r["requests"] / r["seconds"] for r in rounds],
        cpu_us=[r["cpu_s"] / r["requests"] * 1e6 for r in rounds if "cpu_s" in r and r["requests"]],
    )


def in_process_rate(
    project: Path, rows: list[list[float]], batch: int, seconds: float, cpus: str | None
) -> float:
    """Rows/s of onnxruntime's `session.run` on `batch` rows, in a loop for `seconds`."""
    rows_file = CACHE / f"rows-{len(rows)}.json"
    rows_file.write_text(json.dumps(rows))
    python = str(PROJECT_VENV / "bin" / "python")
    model = str(project / "models" / "model.onnx")
    command = [python, str(BENCH / "in_process.py"), model, "rate", str(rows_file), str(batch)]
    output = run(on_cpus([*command, str(seconds)], cpus))
    return float(json.loads(output.strip().splitlines()[-1])["rows_per_s"])


# -- sustained load -------------------------------------------------------------------------------


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next(
            int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
        )
    return total / 1024


def process_tree(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    kids = [int(c) for c in children.read_text().split()] if children.exists() else []
    return [pid, *(p for kid in kids for p in process_tree(kid))]


def sustained_load(project: Path, pid: int, seconds: int, users: int) -> dict[str, object]:
    """The project's own Locust file for `seconds`; RSS of the service sampled every 10 s."""
    load_lock = project / "requirements" / "load.txt"
    venv = locked_venv(CACHE / "locust-venv", load_lock, digest(load_lock))
    stats = CACHE / "locust"
    command = [str(venv / "bin/locust"), "-f", "load/locustfile.py", "--headless"]
    command += ["--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s"]
    command += ["--host", url("service", ""), "--csv", str(stats), "--only-summary"]
    locust = subprocess.Popen(
        command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    samples = []
    start = time.monotonic()
    while locust.poll() is None:
        samples.append((round(time.monotonic() - start), round(rss_mb(process_tree(pid)), 1)))
        time.sleep(10)
    rows = (stats.parent / f"{stats.name}_stats.csv").read_text().splitlines()
    aggregated = dict(zip(rows[0].split(","), rows[-1].split(","), strict=False))
    return {
        "seconds": seconds,
        "users": users,
        "requests": int(aggregated["Request Count"]),
        "failures": int(aggregated["Failure Count"]),
        "rps": float(aggregated["Requests/s"]),
        "p50_ms": float(aggregated["50%"]),
        "p99_ms": float(aggregated["99%"]),
        "rss_mb": samples,
        "locust_exit_code": locust.returncode,
    }


# -- report ---------------------------------------------------------------------------------------


def scenario_table(results: list[Result]) -> str:
    lines = [
        "| scenario | requests/s | rows/s | p50 ms | p99 ms | errors | rounds (rows/s) "
        "| server CPU µs/request: median (range) |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in results:
        rounds = ", ".join(f"{rps * max(r.rows, 1):,.0f}" for rps in r.rounds)
        # In-process calls have no HTTP latency to show.
        latency = [f"{r.p50_ms:.2f}", f"{r.p99_ms:.2f}"] if r.name != IN_PROCESS else ["", ""]
        cpu = (
            f"{median(r.cpu_us):,.0f} ({min(r.cpu_us):,.0f}-{max(r.cpu_us):,.0f})"
            if r.cpu_us
            else ""
        )
        cells = [
            r.name,
            f"{r.rps:,.0f}",
            f"{r.rows_per_s:,.0f}",
            *latency,
            str(r.errors),
            rounds,
            cpu,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def side_by_side(results: list[Result], labels: dict[str, str]) -> str:
    """One line per server: 1 row req/s, 100 rows rows/s, 1,000 rows (v2 binary) rows/s."""
    by_name = {r.name: r for r in results}
    lines = [
        f"| server (1 worker) | {ONE}: req/s | {HUNDRED}: rows/s | {V2_BINARY}: rows/s |",
        "|---|---:|---:|---:|",
    ]
    for server, label in labels.items():
        cells = [label]
        for kind in (ONE, HUNDRED, V2_BINARY):
            found = by_name.get(f"{server}: {kind}")
            cells.append(f"{found.rows_per_s:,.0f}" if found else "")
        lines.append("| " + " | ".join(cells) + " |")
    if IN_PROCESS in by_name:
        floor = by_name[IN_PROCESS].rows_per_s
        lines.append(f"| {IN_PROCESS} (`session.run`) | | | {floor:,.0f} |")
    return "\n".join(lines)


def per_round(result: Result) -> list[float]:
    return [rps * max(result.rows, 1) for rps in result.rounds]


def targets(results: list[Result]) -> list[dict[str, object]]:
    """Issue 16's targets, each as the median and range of its per-round ratio, with the
    service's errors (a peer's are in the scenario table: a timeout there is not ours)."""
    by_name = {r.name: r for r in results}
    found = []
    for kind in (ONE, HUNDRED):
        service = by_name[f"service: {kind}"]
        peers = [r for r in results if r.name.endswith(f": {kind}") and is_peer(r)]
        if not peers:
            continue
        best = [max(values) for values in zip(*map(per_round, peers), strict=True)]
        ratios = [s / b for s, b in zip(per_round(service), best, strict=True)]
        found.append(
            {
                "what": f"service {kind} vs the best peer",
                "ratios": ratios,
                "target": PEER_TARGET,
                "errors": service.errors,
            }
        )
    if f"service: {V2_BINARY}" in by_name and IN_PROCESS in by_name:
        service, floor = by_name[f"service: {V2_BINARY}"], by_name[IN_PROCESS]
        ratios = [s / f for s, f in zip(per_round(service), per_round(floor), strict=True)]
        found.append(
            {
                "what": f"service {V2_BINARY} vs {IN_PROCESS}",
                "ratios": ratios,
                "target": IN_PROCESS_TARGET,
                "errors": service.errors,
            }
        )
    return found


def is_peer(result: Result) -> bool:
    return result.name.split(":")[0] not in ("service", MINIMAL, IN_PROCESS)


def spread(ratios: list[float]) -> str:
    """Per-round ratios as their median and range, e.g. `1.20x (0.90-1.50x)`."""
    return f"{median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f}x)"


def floor_table(results: list[Result]) -> str:
    """Per kind, per-round ratios: the service over the minimal FastAPI service (what the
    production features cost), and the minimal service over the best peer (the most a FastAPI
    service can lead by)."""
    by_name = {r.name: r for r in results}
    lines = [
        "| scenario | service / minimal FastAPI: median (range) "
        "| minimal FastAPI / best peer: median (range) |",
        "|---|---:|---:|",
    ]
    for kind in (ONE, HUNDRED):
        service, minimal = by_name.get(f"service: {kind}"), by_name.get(f"{MINIMAL}: {kind}")
        peers = [r for r in results if r.name.endswith(f": {kind}") and is_peer(r)]
        if service is None or minimal is None or not peers:
            continue
        best = [max(values) for values in zip(*map(per_round, peers), strict=True)]
        cells = [kind]
        for ratios in (
            [s / m for s, m in zip(per_round(service), per_round(minimal), strict=True)],
            [m / b for m, b in zip(per_round(minimal), best, strict=True)],
        ):
            cells.append(spread(ratios))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cpu_table(results: list[Result]) -> str:
    """Per kind, per round: the CPU time per request of the cheapest peer over the service's and
    over the minimal FastAPI service's, i.e. how many times less CPU a request costs them. Read
    from /proc, it moves less than requests/s when other jobs share the servers' CPU."""
    lines = [
        "| scenario | service µs | minimal FastAPI µs | cheapest peer µs "
        "| cheapest peer / service: median (range) | cheapest peer / minimal: median (range) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind in (ONE, HUNDRED):
        names = (f"service: {kind}", f"{MINIMAL}: {kind}")  # in the columns' order
        ours = [r for name in names for r in results if r.name == name]
        peers = [
            r for r in results if r.name.endswith(f": {kind}") and is_peer(r) and any(r.cpu_us)
        ]
        rounds = {len(r.cpu_us) for r in (*ours, *peers)}
        if len(ours) != 2 or not peers or len(rounds) != 1 or 0 in rounds:
            continue  # a server missing, or a round without a reading: nothing to pair
        cheapest = [min(values) for values in zip(*(p.cpu_us for p in peers), strict=True)]
        cells = [kind, *(f"{median(r.cpu_us):,.0f}" for r in ours), f"{median(cheapest):,.0f}"]
        for r in ours:
            cells.append(spread([p / o for p, o in zip(cheapest, r.cpu_us, strict=True)]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def target_table(found: list[dict[str, object]]) -> str:
    lines = [
        "| target | median of rounds | range | target | errors | met |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for t in found:
        ratios, target, errors = t["ratios"], t["target"], t["errors"]
        middle = median(ratios)  # type: ignore[arg-type]
        spread = f"{min(ratios):.2f}-{max(ratios):.2f}x"  # type: ignore[type-var]
        met = "met" if middle >= target and errors == 0 else "NOT met"  # type: ignore[operator]
        cells = [str(t["what"]), f"{middle:.2f}x", spread, f">= {target}x", str(errors), met]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def server_labels(peers: list[str]) -> dict[str, str]:
    """Each server's name in the tables, with the versions its lock input pins."""
    version = {p: pins(PEERS_DIR / p / "requirements.in") for p in peers}
    labels = {
        "service": "the generated service (uvicorn)",
        MINIMAL: "reference: the smallest FastAPI service (bench/minimal_fastapi.py)",
    }
    if "mlserver" in peers:
        v = version["mlserver"]["mlserver"]
        labels["mlserver-sklearn"] = f"MLServer {v} + mlserver-sklearn"
        labels["mlserver-onnx"] = f"MLServer {v} + a custom onnxruntime runtime"
    if "litserve" in peers:
        labels["litserve"] = f"LitServe {version['litserve']['litserve']} + onnxruntime"
    if "bentoml" in peers:
        labels["bentoml"] = f"BentoML {version['bentoml']['bentoml']} + onnxruntime (async)"
    if "mlflow" in peers:
        labels["mlflow"] = f"MLflow {version['mlflow']['mlflow']} `models serve` (scikit-learn)"
    return labels


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 1 round of 2 s per scenario"
    )
    parser.add_argument(
        "--peers", default=",".join(PEERS), help=f"comma-separated, from {', '.join(PEERS)}"
    )
    parser.add_argument("--relock", action="store_true", help="re-make the peers' locks with uv")
    parser.add_argument(
        "--sustained", type=int, default=0, help="seconds of Locust load afterwards (0: skip)"
    )
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument(
        "--no-pin", action="store_true", help="do not keep the servers on CPU 0 and wrk on CPU 1"
    )
    args = parser.parse_args()
    if args.quick:
        args.duration, args.rounds = 2, 1
    args.peers = [p for p in args.peers.split(",") if p]
    unknown = set(args.peers) - set(PEERS)
    if unknown:
        parser.error(f"unknown peer(s) {', '.join(sorted(unknown))}; known: {', '.join(PEERS)}")
    return args


def main() -> int:
    args = parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    allowed = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pin = len(allowed) >= 2 and not args.no_pin and shutil.which("taskset")
    cpus = (str(allowed[0]), str(allowed[1])) if pin else (None, None)
    try:
        wrk_bin = ensure_wrk()
        project = trained_project(project_venv())
        rows = test_rows(project)
        big = [rows[i % len(rows)] for i in range(BIG_BATCH)]
        expected = expected_answers(project, {1: rows[:1], BATCH: rows[:BATCH], BIG_BATCH: big})
        venvs = {peer: peer_venv(peer, args.relock) for peer in args.peers}
        pipeline = sklearn_pipeline(project)
        servers = [service_server(project), minimal_server(project)]
        if "mlserver" in venvs:
            servers.append(mlserver_server(pipeline, project, venvs["mlserver"]))
        if "litserve" in venvs:
            servers.append(litserve_server(project, venvs["litserve"]))
        if "bentoml" in venvs:
            servers.append(bentoml_server(project, venvs["bentoml"]))
        if "mlflow" in venvs:
            servers.append(mlflow_server(pipeline, venvs["mlflow"]))
        scenarios = json_scenarios(args.peers, feature_names(project), rows)
        floor = (
            in_process_rate(project, rows, 1, 1 if args.quick else 2, cpus[0]),
            in_process_rate(project, rows, BATCH, 1 if args.quick else 2, cpus[0]),
        )
        with ExitStack() as stack:
            # All start at once (each takes seconds to import its stack), then each is awaited.
            processes = {s.name: stack.enter_context(started(s, cpus[0])) for s in servers}
            for s in servers:
                wait_until_up(s.ready_url, processes[s.name])
            binary = v2_scenario(big)
            if binary is None:
                print("the service has no /v2/models/NAME route: the v2 binary scenario is skipped")
            else:
                scenarios.append(binary)
            for scenario in scenarios:
                check_answer(scenario, expected[scenario.rows])
            print(f"answers of all {len(scenarios)} scenarios equal in-process onnxruntime's")
            results = measure(
                scenarios,
                args.rounds,
                args.duration,
                args.connections,
                wrk_bin,
                cpus,
                (project, big) if binary else None,
                {name: process.pid for name, process in processes.items()},
            )
            for scenario in scenarios:  # still right after the load
                check_answer(scenario, expected[scenario.rows])
            sustained = (
                sustained_load(project, processes["service"].pid, args.sustained, args.users)
                if args.sustained
                else None
            )
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    found = targets(results)
    labels = server_labels(args.peers)
    report = {
        "cpus_servers_wrk": list(cpus),
        "connections": args.connections,
        "duration_s": args.duration,
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
        "servers": labels,
        "results": [asdict(r) for r in results],
        "in_process_rows_per_s": {"1": floor[0], str(BATCH): floor[1]},
        "targets": [
            {**t, "median": round(median(t["ratios"]), 2)}
            for t in found  # type: ignore[arg-type]
        ],
        "sustained": sustained,
    }
    (CACHE / "results.json").write_text(json.dumps(report, indent=2))
    where = f"servers on CPU {cpus[0]}, wrk on CPU {cpus[1]}, " if cpus[0] else ""
    print(f"\n1 worker each, {where}wrk 1 thread x {args.connections} connections,", end=" ")
    print(f"{args.rounds} round(s) x {args.duration} s per scenario, {os.cpu_count()} CPUs\n")
    print(side_by_side(results, labels))
    print(f"\nin-process onnxruntime `session.run`: 1 row {floor[0]:,.0f} rows/s,", end=" ")
    print(f"{BATCH} rows {floor[1]:,.0f} rows/s\n")
    print(scenario_table(results))
    print()
    print(target_table(found))
    print()
    print(floor_table(results))
    print()
    print(cpu_table(results))
    if sustained:
        print(f"\nsustained: {json.dumps(sustained)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
