"""Benchmark the generated predict service against its stack's ceiling, its model's floor, MLflow.

    python bench/serve.py [--workers 1] [--duration 10] [--rounds 3] [--sustained 300]
                          [--before REF]

Generates a default project with `mlops new`, installs it from its own lock into a venv, trains,
serves it with uvicorn on 127.0.0.1 and drives it with wrk from a second process. The same
trained scikit-learn pipeline is served by `mlflow models serve --env-manager local` (MLflow in
its own venv) with the same worker count and load. Venvs and the project are cached under
.cache/bench-serve.
Scenarios run round-robin, `--rounds` times each, and the median round is reported: the machine
may be shared, and interleaving spreads any outside load over every scenario alike.
With --before REF, the service code (serve/) as it was at git REF runs beside the current one,
on the same trained model, and its scenarios join the same rounds: a before/after comparison
under the same outside load.
The same service also runs with LOG_LEVEL=WARNING, which turns its prediction log off: what
logging every request and its body costs, measured in the same rounds.
Each ratio is taken within each round, from scenarios run back to back, and the median over
the rounds is reported with its range: the machine's speed drifts between rounds, far less
within one.
Only ever sends traffic to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.service_probe import stop_process_group

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / ".cache" / "bench-serve"
PROJECT_VENV = CACHE / "project-venv"
PACKAGE = "bench_demo"
MLFLOW_REQUIREMENTS = ["mlflow==3.17.2"]
HOST = "127.0.0.1"
SERVICE_PORT = 8791
MLFLOW_PORT = 8792
BEFORE_PORT = 8793
LOG_OFF_PORT = 8794
SERVE_TEMPLATE = "templates/project/template/src/{{package_name}}/serve"
BEFORE = "before: "
LOG_OFF = "prediction log off: "
LOG_TAIL_BYTES = 1 << 20
# The service's scenarios every variant's targets are computed from.
TARGET_SCENARIOS = (
    "service GET /health (empty)",
    "service /predict 1 row",
    "service /predict 100 rows (instances)",
)

# wrk prints one JSON line at the end of a run: throughput, latency percentiles, every error.
WRK_SCRIPT = r"""
local body_file = os.getenv("BODY_FILE")
if body_file then
  local f = assert(io.open(body_file, "rb")); wrk.body = f:read("*a"); f:close()
  wrk.method = "POST"; wrk.headers["Content-Type"] = "application/json"
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
    """One load: a URL, an optional JSON body file, and how many rows each request scores."""

    name: str
    url: str
    body: Path | None = None
    rows: int = 0


# What a target compares, its ratio in each round, and the ratio it must reach.
Target = tuple[str, list[float], float]


@dataclass
class Result:
    """The median round of a scenario."""

    name: str
    rps: float
    rows_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    rows: int = 0
    rounds: list[float] = field(default_factory=list)


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


def project_venv() -> Path:
    """A venv from the dev lock the project ships (train, serve, tests); rebuilt when it changes."""
    requirements = REPO / "templates" / "project" / "template" / "requirements"
    lock = next(requirements.glob("*dvc*dev.txt*"))
    return locked_venv(PROJECT_VENV, lock, digest(requirements))


def locked_venv(venv: Path, lock: Path, key: str) -> Path:
    """A venv holding exactly `lock` (hash-checked); rebuilt only when `key` changes."""
    if not cached(venv, key):
        shutil.rmtree(venv, ignore_errors=True)
        run([sys.executable, "-m", "venv", str(venv)])
        pip = [str(venv / "bin/python"), "-m", "pip", "install", "-q", "--require-hashes"]
        run([*pip, "-r", str(lock)])
        mark_done(venv, key)
    return venv


def trained_project(venv: Path) -> Path:
    """A default project from `mlops new`, installed into `venv` (editable), trained."""
    project = CACHE / "project"
    key = digest(REPO / "templates" / "project") + digest(venv / ".bench-key")
    if cached(project, key):
        return project
    shutil.rmtree(project, ignore_errors=True)
    mlops = Path(sys.executable).with_name("mlops")
    run([str(mlops), "new", str(project), "--defaults", "--data", f"project_name={PACKAGE}"])
    pip = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "-q",
        "--disable-pip-version-check",
    ]
    run([*pip, "--no-deps", "-e", "."], cwd=project)
    run([str(venv / "bin" / "python"), "-m", f"{PACKAGE}.pipeline"], cwd=project)
    mark_done(project, key)
    return project


def before_sources(project: Path, ref: str) -> Path:
    """A copy of the project's package with serve/ as the template had it at git `ref`: its src."""
    src = CACHE / "before" / "src"
    shutil.rmtree(src.parent, ignore_errors=True)
    shutil.copytree(project / "src" / PACKAGE, src / PACKAGE)
    serve = src / PACKAGE / "serve"
    shutil.rmtree(serve)
    serve.mkdir()
    for path in run(["git", "ls-tree", "--name-only", f"{ref}:{SERVE_TEMPLATE}"], cwd=REPO).split():
        if not path.endswith(".py"):
            raise BenchError(
                f"{SERVE_TEMPLATE}/{path} at {ref} is not plain Python; render it first"
            )
        (serve / path).write_text(run(["git", "show", f"{ref}:{SERVE_TEMPLATE}/{path}"], cwd=REPO))
    return src


def mlflow_model(project: Path) -> tuple[Path, Path]:
    """The project's trained scikit-learn pipeline saved as an MLflow model, and MLflow's venv."""
    venv = CACHE / "mlflow-venv"
    model = CACHE / "mlflow-model"
    sklearn = run(
        [str(PROJECT_VENV / "bin/python"), "-c", "import sklearn; print(sklearn.__version__)"]
    ).strip()
    key = digest(project / "models" / "model.onnx") + "/" + " ".join(MLFLOW_REQUIREMENTS) + sklearn
    if cached(venv, key) and (model / "MLmodel").is_file():
        return model, venv
    shutil.rmtree(venv, ignore_errors=True)
    shutil.rmtree(model, ignore_errors=True)
    run([sys.executable, "-m", "venv", str(venv)])
    pip = [str(venv / "bin/python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    run([*pip, *MLFLOW_REQUIREMENTS, f"scikit-learn=={sklearn}"])
    pickle_file = CACHE / "pipeline.pkl"
    # Refit with the hyper-parameters the train stage chose: the same model the ONNX file holds.
    refit = f"""
        import json, pickle
        from {PACKAGE}.config import ProjectPaths, load_params, section
        from {PACKAGE}.data import read_split
        from {PACKAGE}.train import refit
        paths = ProjectPaths()
        best = json.loads(paths.train_metrics.read_text())["best_params"]
        pipeline = refit(read_split(paths.train), section(load_params(), "train"), best)
        pickle.dump(pipeline, open({str(pickle_file)!r}, "wb"))
    """
    run([str(PROJECT_VENV / "bin/python"), "-c", textwrap.dedent(refit)], cwd=project)
    save = f"""
        import pickle, mlflow.sklearn
        mlflow.sklearn.save_model(pickle.load(open({str(pickle_file)!r}, "rb")), {str(model)!r})
    """
    run([str(venv / "bin/python"), "-c", textwrap.dedent(save)])
    mark_done(venv, key)
    return model, venv


# The app the service runs, plus an empty route: the ceiling of the stack for the same request.
BENCH_APP = f"""
from starlette.responses import Response
from starlette.routing import Route

from {PACKAGE}.serve.app import app


async def empty(request):
    return Response(b"{{}}", media_type="application/json")


app.router.routes.append(Route("/empty", empty, methods=["POST"]))
"""


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"the server behind {url} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise BenchError(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def server(
    command: list[str], ready_url: str, log: Path, cwd: Path, env: dict[str, str]
) -> Iterator[int]:
    """Start a server in its own process group; yield its pid; stop the whole group afterwards."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_up(ready_url, process)
        yield process.pid
    finally:
        stop_process_group(process, timeout=20)
        keep_tail(log)


def keep_tail(log: Path, keep: int = LOG_TAIL_BYTES) -> None:
    """Cut a server's log to its last `keep` bytes, saying how much it held.

    The service logs every prediction with its request body: several GB per run.
    """
    size = log.stat().st_size
    if size <= keep:
        return
    with log.open("rb") as whole:
        whole.seek(size - keep)
        whole.readline()  # from the first whole line on
        tail = whole.read()
    log.write_bytes(tail)
    print(
        f"{log.name}: {size / 1e9:.1f} GB written, its last {len(tail):,} bytes kept",
        file=sys.stderr,
    )


def on_cpus(command: list[str], cpus: str | None) -> list[str]:
    """`command` confined by taskset to `cpus` (e.g. "0"), or as is when `cpus` is None."""
    return ["taskset", "-c", cpus, *command] if cpus else command


def wrk(
    wrk_bin: str,
    scenario: Scenario,
    seconds: int,
    connections: int,
    script: Path,
    cpus: str | None = None,
) -> dict[str, float]:
    env = {**os.environ, "BODY_FILE": str(scenario.body)} if scenario.body else dict(os.environ)
    command = [
        wrk_bin,
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-s",
        str(script),
        scenario.url,
    ]
    output = run(on_cpus(command, cpus), env=env)
    return json.loads(output.strip().splitlines()[-1])


def measure(
    scenarios: list[Scenario],
    rounds: int,
    seconds: int,
    connections: int,
    wrk_bin: str,
    cpus: str | None = None,
) -> list[Result]:
    """Run every scenario `rounds` times, round-robin; keep each one's median round."""
    script = CACHE / "report.lua"
    script.write_text(WRK_SCRIPT)
    runs: dict[str, list[dict[str, float]]] = {s.name: [] for s in scenarios}
    for _ in range(rounds):
        for scenario in scenarios:
            result = wrk(wrk_bin, scenario, seconds, connections, script, cpus)
            runs[scenario.name].append(result)
    results = []
    for scenario in scenarios:
        by_rps = sorted(runs[scenario.name], key=lambda r: r["requests"] / r["seconds"])
        middle = by_rps[len(by_rps) // 2]
        rps = middle["requests"] / middle["seconds"]
        results.append(
            Result(
                name=scenario.name,
                rps=rps,
                rows_per_s=rps * scenario.rows,
                p50_ms=middle["p50_ms"],
                p99_ms=middle["p99_ms"],
                errors=int(sum(r["errors"] + r["non_2xx"] for r in runs[scenario.name])),
                rows=scenario.rows,
                rounds=[r["requests"] / r["seconds"] for r in runs[scenario.name]],
            )
        )
    return results


def write_bodies(project: Path) -> dict[str, Path]:
    """Request bodies of real rows: the project's own test split, as its CSV stores them.

    `batch_17_digits` is the same 100 rows scaled by 0.9-1.1, so its values carry up to 17
    significant digits (2.5x the bytes, what a client sends after arithmetic on its floats): it
    shows how much of a batch's cost is turning JSON text into numbers.
    """
    metadata = json.loads((project / "models" / "metadata.json").read_text())
    names = [f["name"] for f in metadata["features"]]
    with (project / "data" / "processed" / "test.csv").open(newline="") as table:
        rows = [[json.loads(row[name]) for name in names] for row in csv.DictReader(table)][:100]
    if len(rows) < 100:
        raise BenchError(f"the test split has {len(rows)} rows, the batch needs 100")
    long_rows = [[value * (0.9 + 0.2 * i / 99) for value in row] for i, row in enumerate(rows)]
    bodies = {
        "one": {"rows": [dict(zip(names, rows[0], strict=True))]},
        "batch": {"instances": rows},
        "batch_17_digits": {"instances": long_rows},
        "batch_named": {"rows": [dict(zip(names, row, strict=True)) for row in rows]},
        "mlflow_one": {"dataframe_split": {"columns": names, "data": rows[:1]}},
        "mlflow_batch": {"dataframe_split": {"columns": names, "data": rows}},
    }
    paths = {}
    for name, body in bodies.items():
        paths[name] = CACHE / f"{name}.json"
        paths[name].write_text(json.dumps(body))
    return paths


def in_process_floor(project: Path) -> dict[str, float]:
    """The model's own predict, in-process: onnxruntime (what the service runs), scikit-learn."""
    code = f"""
        import json, pickle, time
        import numpy as np, onnxruntime as ort
        from {PACKAGE}.serve.model import load_model
        model = load_model(__import__("pathlib").Path("models"))
        pipeline = pickle.load(open({str(CACHE / "pipeline.pkl")!r}, "rb"))
        one = np.random.default_rng(0).random((1, len(model.feature_stats)), dtype=np.float32)
        batch = np.repeat(one, 100, axis=0)
        def rate(call, seconds=2.0):
            call(); n = 0; start = time.perf_counter()
            while time.perf_counter() - start < seconds:
                call(); n += 1
            return n / (time.perf_counter() - start)
        import pandas as pd
        frame = pd.DataFrame(one, columns=[f["name"] for f in model.feature_stats])
        print(json.dumps({{
            "onnx_1_row_calls_per_s": rate(lambda: model.run(one)),
            "onnx_100_rows_rows_per_s": 100 * rate(lambda: model.run(batch)),
            "sklearn_1_row_calls_per_s": rate(lambda: pipeline.predict(frame)),
        }}))
    """
    return json.loads(
        run([str(PROJECT_VENV / "bin/python"), "-c", textwrap.dedent(code)], cwd=project)
    )


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
    command = [
        str(venv / "bin/locust"),
        "-f",
        "load/locustfile.py",
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--host",
        f"http://{HOST}:{SERVICE_PORT}",
        "--csv",
        str(stats),
        "--only-summary",
    ]
    locust = subprocess.Popen(
        command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    samples = []
    start = time.monotonic()
    while locust.poll() is None:
        samples.append((round(time.monotonic() - start), round(rss_mb(process_tree(pid)), 1)))
        time.sleep(10)
    rows = (stats.parent / f"{stats.name}_stats.csv").read_text().splitlines()
    header = rows[0].split(",")
    aggregated = dict(zip(header, rows[-1].split(","), strict=False))
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


def table(results: list[Result]) -> str:
    lines = [
        "| scenario | requests/s | rows/s | p50 ms | p99 ms | errors | rounds (rps) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        rows = f"{r.rows_per_s:,.0f}" if r.rows_per_s else ""
        rounds = ", ".join(f"{rps:,.0f}" for rps in r.rounds)
        cells = [
            r.name,
            f"{r.rps:,.0f}",
            rows,
            f"{r.p50_ms:.2f}",
            f"{r.p99_ms:.2f}",
            str(r.errors),
            rounds,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def paired(numerator: Result, denominator: Result) -> list[float]:
    """numerator / denominator in each round, in rows/s where a scenario scores rows."""
    return [
        n * max(numerator.rows, 1) / (d * max(denominator.rows, 1))
        for n, d in zip(numerator.rounds, denominator.rounds, strict=True)
    ]


def ratios(by_name: dict[str, Result], prefix: str = "") -> list[Target]:
    """(what, its ratio in each round, target) for the issue's targets; `prefix` picks a variant."""
    one = by_name[f"{prefix}service /predict 1 row"]
    batch = by_name[f"{prefix}service /predict 100 rows (instances)"]
    health = by_name[f"{prefix}service GET /health (empty)"]
    targets = [
        (f"{prefix}/predict 1 row vs empty endpoint (GET /health)", paired(one, health), 0.7),
        (f"{prefix}rows/s: 100-row batch vs 1-row requests", paired(batch, one), 50.0),
    ]
    if prefix:
        return targets
    return [
        targets[0],
        (
            "/predict 1 row vs empty raw route (POST /empty)",
            paired(one, by_name["service POST /empty (raw route, 1-row body)"]),
            0.7,
        ),
        (
            "/predict 1 row vs MLflow /invocations 1 row",
            paired(one, by_name["mlflow /invocations 1 row"]),
            10.0,
        ),
        targets[1],
    ]


def uvicorn_command(port: int, workers: int) -> list[str]:
    """The generated service under uvicorn, with the bench's extra /empty route."""
    app = ["bench_app:app", "--app-dir", str(CACHE), "--host", HOST, "--port", str(port)]
    options = ["--workers", str(workers), "--no-access-log"]
    return [str(PROJECT_VENV / "bin/uvicorn"), *app, *options]


def all_ratios(by_name: dict[str, Result], before: str | None) -> list[Target]:
    """The targets: the service, then with its prediction log off, then the before-service."""
    return ratios(by_name) + ratios(by_name, LOG_OFF) + (ratios(by_name, BEFORE) if before else [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--sustained", type=int, default=0, help="seconds of Locust load afterwards (0: skip)"
    )
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument(
        "--no-pin",
        action="store_true",
        help="with one worker, do not keep the servers on one CPU and wrk on another",
    )
    parser.add_argument(
        "--before", metavar="REF", help="also serve serve/ as of this git ref, in the same rounds"
    )
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    try:
        wrk_bin = ensure_wrk()
        (CACHE / "bench_app.py").write_text(BENCH_APP)
        project = trained_project(project_venv())
        model, mlflow_venv = mlflow_model(project)
        bodies = write_bodies(project)
        floor = in_process_floor(project)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        # One worker and wrk each get a core of their own, so neither steals the other's: runs
        # repeat more closely. With more workers than that, everything shares every core.
        allowed = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
        pin = (
            args.workers == 1 and len(allowed) >= 2 and not args.no_pin and shutil.which("taskset")
        )
        server_cpus, load_cpus = (str(allowed[0]), str(allowed[1])) if pin else (None, None)
        service = on_cpus(uvicorn_command(SERVICE_PORT, args.workers), server_cpus)
        mlflow = on_cpus(
            [
                str(mlflow_venv / "bin/mlflow"),
                "models",
                "serve",
                "-m",
                str(model),
                "--env-manager",
                "local",
                "--host",
                HOST,
                "--port",
                str(MLFLOW_PORT),
                "--workers",
                str(args.workers),
            ],
            server_cpus,
        )
        mlflow_env = {**env, "PATH": f"{mlflow_venv / 'bin'}:{env['PATH']}"}
        base, peer = f"http://{HOST}:{SERVICE_PORT}", f"http://{HOST}:{MLFLOW_PORT}"
        scenarios = [
            Scenario("service GET /health (empty)", f"{base}/health"),
            Scenario("service POST /empty (raw route, 1-row body)", f"{base}/empty", bodies["one"]),
            Scenario("service /predict 1 row", f"{base}/predict", bodies["one"], 1),
            Scenario(
                "service /predict 100 rows (instances)", f"{base}/predict", bodies["batch"], 100
            ),
            Scenario(
                "service /predict 100 rows (instances, 17 digits)",
                f"{base}/predict",
                bodies["batch_17_digits"],
                100,
            ),
            Scenario(
                "service /predict 100 rows (named)", f"{base}/predict", bodies["batch_named"], 100
            ),
            Scenario("mlflow GET /ping (empty)", f"{peer}/ping"),
            Scenario("mlflow /invocations 1 row", f"{peer}/invocations", bodies["mlflow_one"], 1),
            Scenario(
                "mlflow /invocations 100 rows", f"{peer}/invocations", bodies["mlflow_batch"], 100
            ),
        ]
        # The variants serve the same scenarios on their own ports: the log-off one those the
        # targets need, the before-service every /predict and /health one.
        log_off = f"http://{HOST}:{LOG_OFF_PORT}"
        own = [s for s in scenarios if s.url.startswith(base) and "/empty" not in s.url]
        variants = [(LOG_OFF, log_off, [s for s in own if s.name in TARGET_SCENARIOS])]
        if args.before:
            before = f"http://{HOST}:{BEFORE_PORT}"
            variants.append((BEFORE, before, own))
        scenarios += [
            Scenario(f"{prefix}{s.name}", s.url.replace(base, url), s.body, s.rows)
            for prefix, url, served in variants
            for s in served
        ]
        with ExitStack() as servers:
            service_pid = servers.enter_context(
                server(service, f"{base}/ready", CACHE / "service.log", project, env)
            )
            servers.enter_context(
                server(mlflow, f"{peer}/ping", CACHE / "mlflow.log", project, mlflow_env)
            )
            quiet = on_cpus(uvicorn_command(LOG_OFF_PORT, args.workers), server_cpus)
            quiet_env = {**env, "LOG_LEVEL": "WARNING"}
            log = CACHE / "service-log-off.log"
            servers.enter_context(server(quiet, f"{log_off}/ready", log, project, quiet_env))
            if args.before:
                before_env = {**env, "PYTHONPATH": str(before_sources(project, args.before))}
                before_service = on_cpus(uvicorn_command(BEFORE_PORT, args.workers), server_cpus)
                log = CACHE / "service-before.log"
                servers.enter_context(
                    server(before_service, f"{before}/ready", log, project, before_env)
                )
            results = measure(
                scenarios, args.rounds, args.duration, args.connections, wrk_bin, load_cpus
            )
            sustained = (
                sustained_load(project, service_pid, args.sustained, args.users)
                if args.sustained
                else None
            )
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    by_name = {r.name: r for r in results}
    targets = all_ratios(by_name, args.before)
    report = {
        "workers": args.workers,
        "cpus_servers_wrk": [server_cpus, load_cpus],
        "connections": args.connections,
        "duration_s": args.duration,
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
        "results": [asdict(r) for r in results],
        "in_process": floor,
        "before": args.before,
        "ratios": [
            {
                "what": w,
                "median": round(median(m), 2),
                "rounds": [round(x, 2) for x in m],
                "target": t,
            }
            for w, m, t in targets
        ],
        "sustained": sustained,
    }
    (CACHE / f"results-w{args.workers}.json").write_text(json.dumps(report, indent=2))
    print(f"workers={args.workers} connections={args.connections}", end=" ")
    if server_cpus:
        print(f"servers on CPU {server_cpus}, wrk on CPU {load_cpus}", end=" ")
    print(f"{args.rounds}x{args.duration}s per scenario, {os.cpu_count()} CPUs\n")
    print(table(results))
    print("\n| in-process (the floor) | per second |\n|---|---:|")
    for name, value in floor.items():
        print(f"| {name} | {value:,.0f} |")
    print("\n| target | median of rounds | range | target | met |\n|---|---:|---:|---:|---|")
    for what, per_round, target in targets:
        middle, spread = median(per_round), f"{min(per_round):.2f}-{max(per_round):.2f}x"
        met = "yes" if middle >= target else "NO"
        print(f"| {what} | {middle:.2f}x | {spread} | >= {target}x | {met} |")
    if sustained:
        print(f"\nsustained: {json.dumps(sustained)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
