"""Benchmark `mlops new`: start-up, rendering, and the way from nothing to a green `make test`.

    python bench/new.py [--runs 9] [--skip-setup | --only-setup] [--setup-runs 3]
                        [--whole-runs 1] [--test-runs 3] [--baseline REV]

Peers, measured in the same run on the same machine:
- start-up: `copier --version` and `cookiecutter --version` (what users would run
  instead), each from its own virtual environment under .cache/bench/, bytecode
  compiled on every side first (these machines set PYTHONDONTWRITEBYTECODE=1);
- rendering: plain `copier copy --defaults` of the same template, so the ratio is
  the cost of what `mlops new` adds (answer checks, staging, the atomic move).
- setup: the generated project's `make setup` alone and `mlops new --setup` followed by
  `make test`, on the uv path (the default) against the pip path (`INSTALLER=pip`), warm
  caches on both sides; then that green `make test` alone, `--test-runs` times in each project.
  `--baseline REV` runs the whole way with REV's `mlops` and template too (its src/ and templates/
  from git, with this venv's libraries), interleaved with this checkout's: before and after a
  change in one run, under the same load.
  The projects' runs get a TMPDIR of their own: pytest's session-end clean-up of the shared
  /tmp/pytest-of-<user> would otherwise delete other sessions' leftovers on our clock. They
  run without PYTHONDONTWRITEBYTECODE too, as on a user's machine (with it, `make setup` has
  uv compile the whole venv at install, as pip always does; see bench/new.md).
Prints medians (and min-max) in seconds and the load average; `--skip-setup` leaves out the
setup measurements, `--only-setup` runs only them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.service_probe import project_env

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "bench"
TEMPLATE = ROOT / "templates" / "project"
TOOL_BIN = Path(sys.executable).parent


def peer_venv(name: str, package: str) -> Path:
    """A virtual environment holding one peer tool, made once and reused."""
    venv = CACHE / f"{name}-venv"
    if not (venv / "bin" / name).exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", package], check=True
        )
    return venv / "bin"


def compile_bytecode(bin_dir: Path) -> None:
    site = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run(
        [str(bin_dir / "python"), "-m", "compileall", "-q", "-j", "0", site, str(ROOT / "src")],
        capture_output=True,
        check=False,
    )


def timed(
    command: Sequence[str],
    runs: int,
    cwd: Path | None = None,
    fresh: Path | None = None,
    env: dict[str, str] | None = None,
) -> list[float]:
    """Wall-clock seconds of `runs` runs; `fresh` is deleted before each one.

    Without `env`: this environment less PYTHONDONTWRITEBYTECODE (start-up runs with bytecode).
    """
    if env is None:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for _ in range(runs):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def row(label: str, times: list[float], reference: float | None = None) -> str:
    median = statistics.median(times)
    ratio = f"{median / reference:6.2f}x" if reference else "       "
    return f"  {label:<44} {median:7.3f}s  ({min(times):.3f}-{max(times):.3f})  {ratio}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument("--only-setup", action="store_true", help="only the setup measurements")
    parser.add_argument("--setup-runs", type=int, default=3, help="runs of `make setup` alone")
    parser.add_argument("--test-runs", type=int, default=3, help="runs of a green `make test`")
    parser.add_argument(
        "--whole-runs", type=int, default=1, help="runs of `mlops new --setup` -> green `make test`"
    )
    parser.add_argument(
        "--baseline", metavar="REV", help="also run the whole way with this git revision's mlops"
    )
    args = parser.parse_args()
    setup_runs = SetupRuns(args.setup_runs, args.whole_runs, args.test_runs, args.baseline)
    if args.only_setup:
        setup_paths(setup_runs)
        return 0

    copier_bin = peer_venv("copier", "copier")
    cookiecutter_bin = peer_venv("cookiecutter", "cookiecutter")
    for bin_dir in (TOOL_BIN, copier_bin, cookiecutter_bin):
        compile_bytecode(bin_dir)

    print(f"mlops-scaffold benchmarks: `mlops new` ({args.runs} runs each, median and range)")
    print("\nStart-up (--version), ratio to mlops:")
    mlops = timed([str(TOOL_BIN / "mlops"), "--version"], args.runs)
    print(row("mlops --version", mlops, statistics.median(mlops)))
    for name, bin_dir in (("copier", copier_bin), ("cookiecutter", cookiecutter_bin)):
        peer = timed([str(bin_dir / name), "--version"], args.runs)
        print(row(f"{name} --version", peer, statistics.median(mlops)))
    helped = timed([str(TOOL_BIN / "mlops"), "--help"], args.runs)
    print(row("mlops --help", helped, statistics.median(mlops)))

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "p"
        print("\nRendering the default project (no git), ratio to plain copier copy:")
        plain = timed(
            [
                str(copier_bin / "copier"),
                "copy",
                "--defaults",
                "--quiet",
                "--data",
                "project_name=p",
                str(TEMPLATE),
                str(out),
            ],
            args.runs,
            fresh=out,
        )
        print(row("copier copy --defaults (same template)", plain, statistics.median(plain)))
        ours = timed(
            [str(TOOL_BIN / "mlops"), "new", str(out), "-y", "--no-git"], args.runs, fresh=out
        )
        print(row("mlops new -y --no-git", ours, statistics.median(plain)))
        with_git = timed([str(TOOL_BIN / "mlops"), "new", str(out), "-y"], args.runs, fresh=out)
        print(
            row("mlops new -y (with git init + first commit)", with_git, statistics.median(plain))
        )

    if not args.skip_setup:
        setup_paths(setup_runs)
    return 0


INSTALLERS = ("pip", "uv")


@dataclass(frozen=True)
class SetupRuns:
    """How many runs of each setup measurement, and the revision to compare with (if any)."""

    setup: int
    whole: int
    test: int
    baseline: str | None


def setup_paths(runs: SetupRuns) -> None:
    """`make setup` alone, then `mlops new --setup` -> green `make test`, pip path against uv path.

    Caches are warm on both sides: one `make setup` per installer runs first, unmeasured.
    """
    print(f"Load average at the start (1, 5, 15 min): {load_average()}")
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch) / "tmp"
        tmp.mkdir()
        # Not this venv, nor `make bench`'s own make flags; bytecode written as on a user's machine.
        env = {**project_env(), "TMPDIR": str(tmp)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        tools = {"this checkout": [str(TOOL_BIN / "mlops")]}
        if runs.baseline:
            tools[runs.baseline] = baseline_mlops(runs.baseline, Path(scratch) / "baseline")
        project = Path(scratch) / "setup-only"
        subprocess.run(
            [str(TOOL_BIN / "mlops"), "new", str(project), "-y"],
            env=env,
            check=True,
            capture_output=True,
        )
        alone: dict[str, list[float]] = {}
        for installer in INSTALLERS:  # warm-up: fills pip's or uv's cache
            make_setup(project, installer, env)
        for installer in INSTALLERS:
            alone[installer] = [make_setup(project, installer, env) for _ in range(runs.setup)]
            print(f"  (make setup INSTALLER={installer}: {alone[installer]})", flush=True)
        if runs.setup:
            print(f"\n`make setup` alone, warm caches ({runs.setup} runs each), ratio to pip:")
            pip_setup = statistics.median(alone["pip"])
            for installer in INSTALLERS:
                print(row(f"make setup INSTALLER={installer}", alone[installer], pip_setup))

        print(f"\nFrom nothing to a green `make test` ({runs.whole} runs each), ratio to pip:")
        made: dict[tuple[str, str], list[float]] = {}
        totals: dict[tuple[str, str], list[float]] = {}
        projects: dict[tuple[str, str], Path] = {}
        for run in range(runs.whole):  # interleaved, so a burst of load hits every side alike
            for number, (tool, mlops) in enumerate(tools.items()):
                for installer in INSTALLERS:
                    key = (tool, installer)
                    dest = Path(scratch) / f"new-{number}-{installer}-{run}"
                    shutil.rmtree(projects.get(key, dest), ignore_errors=True)
                    projects[key] = dest
                    setup, total = whole_way(mlops, dest, {**env, "INSTALLER": installer})
                    made.setdefault(key, []).append(setup)
                    totals.setdefault(key, []).append(total)
                    print(
                        f"  ({tool}, {installer}: mlops new --setup {setup:6.1f}s, "
                        f"make test green at {total:6.1f}s; load {load_average()})",
                        flush=True,
                    )
        for tool in tools:
            pip_total = statistics.median(totals[(tool, "pip")])
            for installer in INSTALLERS:
                key = (tool, installer)
                print(row(f"{tool}, {installer}: mlops new --setup", made[key]))
                print(
                    row(f"{tool}, {installer}: ... then make test, total", totals[key], pip_total)
                )

        if runs.test:
            print(f"\nThat `make test` alone ({runs.test} runs each), ratio to the pip project:")
        tests: dict[tuple[str, str], list[float]] = {key: [] for key in projects}
        for _ in range(runs.test):
            for key, dest in projects.items():
                tests[key] += timed(["make", "test"], 1, dest, env=env)
        for tool in tools if runs.test else ():
            pip_test = statistics.median(tests[(tool, "pip")])
            for installer in INSTALLERS:
                print(row(f"{tool}: make test ({installer})", tests[(tool, installer)], pip_test))
    print(f"Load average at the end (1, 5, 15 min): {load_average()}")


def whole_way(mlops: list[str], dest: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds to `mlops new --setup` and, from the same start, to a green `make test` after it."""
    start = time.perf_counter()
    subprocess.run(
        [*mlops, "new", str(dest), "-y", "--setup"], env=env, check=True, capture_output=True
    )
    made = time.perf_counter() - start
    subprocess.run(["make", "test"], cwd=dest, env=env, check=True, capture_output=True)
    return made, time.perf_counter() - start


def baseline_mlops(revision: str, folder: Path) -> list[str]:
    """A command running `mlops` as of `revision`: its src/ and templates/, this venv's libraries.

    The path goes in with sys.path, not PYTHONPATH, so the project's make targets never see it.
    """
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", revision, "src", "templates"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    launcher = (
        f"import sys; sys.path.insert(0, {str(folder / 'src')!r}); "
        "from mlops_scaffold.cli import main; sys.argv[0] = 'mlops'; main()"
    )
    return [sys.executable, "-c", launcher]


def load_average() -> str:
    return ", ".join(f"{load:.2f}" for load in os.getloadavg())


def make_setup(project: Path, installer: str, env: dict[str, str]) -> float:
    """Seconds of one `make setup` into a fresh .venv with this installer."""
    shutil.rmtree(project / ".venv", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        ["make", "setup", f"INSTALLER={installer}"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
