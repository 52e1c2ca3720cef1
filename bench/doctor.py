"""Time `mlops doctor` against `sp-repo-review`, or score it on the labelled corpus.

    .venv/bin/python bench/doctor.py [--runs 5] [--files 100000] [--before REF]
                                     [--corpus-tree NAME]
    .venv/bin/python bench/doctor.py corpus [--mirror /work/.mirror] [--repo NAME ...]
                                            [--show-held-out] [--save F] [--compare F]
                                            [--fetched-only]

Corpus mode rebuilds each repository of bench/corpus/repos.yml from its snapshot
(checksum verified, see bench/corpus.py), runs the doctor through its library API
(`find_findings`, JSON shape) and prints, per repository and overall (held-out
repositories apart), true positives, false positives, false negatives, precision and
recall, then every false result of the tuning set with the label's evidence (the
held-out ones only with --show-held-out). A session fetches at most 500 repositories,
fewer than the corpus holds: `--fetched-only` scores those whose snapshot is here and
says how many it left out. One verdict per check id per repository,
however many findings the doctor prints for it. `--save F` writes every verdict (TP, FP,
FN, TN per repository and check) to F; `--compare F` lists the verdicts that moved since.

Speed mode:

Trees (built once under .cache/bench/, each a git repository with one commit):
- `ml-libraries`: the installed sources of scikit-learn, pandas and scipy (wheels
  from PyPI, unpacked: Python, Cython leftovers, data files and shared libraries);
- `synthetic`: a generated tree of `--files` files (Python, Markdown, YAML, CSV,
  notebooks) spread over nested folders;
- with `--corpus-tree NAME`, only the corpus repository NAME as rebuilt for corpus mode
  (zenml-projects is the ~1,000-file one).

sp-repo-review runs from its own virtual environment (.cache/bench/sp-venv). Both
environments are byte-compiled first, so neither pays for compiling at import time.
With `--before REF`, the doctor's sources at that git revision (extracted under
.cache/bench/) run too, in the same session, and the script fails unless they report
exactly what the current sources report on every tree.

The commands take turns, `--runs` rounds, so a machine whose load changes treats them
alike. The script prints the median and fastest wall time, the median CPU time (user +
system, git's included), the peak resident memory of the process (all from wait4's
rusage), and the ratio of medians against sp-repo-review.

`mlops doctor` is the cold audit (MLOPS_NO_CACHE=1: what a changed repository costs);
`doctor warm` answers from its report cache (a fresh cache folder per tree, filled once
before the timed rounds, its report checked identical to the cold one).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import corpus  # bench/corpus.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
MIRROR = Path("/work/.mirror")  # where the search tool's `fetch` puts snapshots
CACHE = ROOT / ".cache" / "bench"
SP_VENV = CACHE / "sp-venv"
WHEELS = ("scikit-learn", "pandas", "scipy")
GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def run_quiet(*command: str | Path, cwd: Path | None = None) -> None:
    """Run a setup command; fail loudly with its output if it fails."""
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=GIT_ENV, capture_output=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{result.stderr.decode()[-2000:]}")


def commit_tree(tree: Path) -> None:
    """Make `tree` a git repository with everything committed."""
    run_quiet("git", "init", "-q", "-b", "main", cwd=tree)
    run_quiet("git", "add", "-A", cwd=tree)
    run_quiet(
        "git", "-c", "user.name=bench", "-c", "user.email=bench@example.com",
        "commit", "-qm", "tree", cwd=tree,
    )  # fmt: skip


def ml_libraries_tree() -> Path:
    """scikit-learn, pandas and scipy as installed, in one git repository."""
    tree = CACHE / "ml-libraries"
    if (tree / ".git").is_dir():
        return tree
    wheels = CACHE / "wheels"
    run_quiet(
        sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
        "-d", wheels, *WHEELS,
    )  # fmt: skip
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    for wheel in sorted(wheels.glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(tree)
    commit_tree(tree)
    return tree


def synthetic_tree(count: int) -> Path:
    """`count` small files over nested folders, a mix of what ML repositories hold."""
    tree = CACHE / f"synthetic-{count}"
    if (tree / ".git").is_dir():
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    contents = {
        ".py": "import numpy as np\n\n\ndef f(x):\n    return np.mean(x)\n",
        ".md": "# Notes\n\nSome text about the experiment.\n",
        ".yaml": "name: thing\nvalues: [1, 2, 3]\n",
        ".csv": "a,b,c\n1,2,3\n",
        ".ipynb": json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}),
    }
    suffixes = list(contents)
    for number in range(count):
        folder = tree / f"pkg{number % 50}" / f"mod{number % 997}" / f"sub{number % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        suffix = suffixes[number % len(suffixes)]
        (folder / f"file{number}{suffix}").write_text(contents[suffix])
    (tree / "pyproject.toml").write_text('[project]\nname = "synthetic"\nversion = "0"\n')
    commit_tree(tree)
    return tree


def sp_repo_review() -> Path:
    """The sp-repo-review executable, installed in its own virtual environment."""
    executable = SP_VENV / "bin" / "sp-repo-review"
    if not executable.exists():
        run_quiet(sys.executable, "-m", "venv", SP_VENV)
        run_quiet(SP_VENV / "bin" / "python", "-m", "pip", "install", "-q", "sp-repo-review[cli]")
    return executable


def compile_environment(python: Path, sources: Path = ROOT / "src") -> None:
    """Byte-compile an environment's site-packages and `sources` so imports compile nothing
    (PYTHONDONTWRITEBYTECODE may be set: a run would otherwise compile on every start)."""
    code = "import site, sys; print(site.getsitepackages()[0])"
    site_packages = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run([str(python), "-m", "compileall", "-q", "-j", "0", site_packages], check=False)
    subprocess.run([str(python), "-m", "compileall", "-q", str(sources)], check=False)


@dataclass
class Tool:
    """A command to time, the exit codes that mean "ran and reported", what it measured."""

    command: list[str]
    ok: set[int]
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)

    def run_once(self) -> None:
        """Run the command once and record its wall time, CPU time and peak memory."""
        start = time.perf_counter()
        process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env
        )
        _, status, usage = os.wait4(process.pid, 0)
        self.times.append(time.perf_counter() - start)
        self.cpu.append(usage.ru_utime + usage.ru_stime)  # the waited-for git processes too
        self.peaks.append(usage.ru_maxrss / 1024)  # KiB on Linux
        if os.waitstatus_to_exitcode(status) not in self.ok:
            sys.exit(f"{' '.join(self.command)} exited with {os.waitstatus_to_exitcode(status)}")

    def check_reports(self) -> None:
        """Exit unless one run prints a JSON report: a tool that fails to start is not timed."""
        result = subprocess.run(self.command, capture_output=True, text=True, env=self.env)
        try:
            json.loads(result.stdout)
        except json.JSONDecodeError:
            sys.exit(f"{' '.join(self.command)} printed no JSON report:\n{result.stderr[-2000:]}")

    def report(self) -> str:
        """Median s, fastest s, median CPU s, peak MiB, as table cells."""
        median, cpu = statistics.median(self.times), statistics.median(self.cpu)
        return f"{median:>9.2f}{min(self.times):>8.2f}{cpu:>8.2f}{round(max(self.peaks)):>9}"


def before_sources(ref: str) -> Path:
    """The doctor's `src/` at git revision `ref`, extracted once under .cache/bench/."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", ref],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    target = CACHE / f"before-{sha}"
    if not (target / "src").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", sha, "src"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "src"


def same_findings(tree: Path, now: Tool, before: Tool) -> None:
    """Fail unless both runs of the doctor (two versions, or cold and warm) print the same
    JSON report for `tree`."""
    outputs = [
        subprocess.run(tool.command, capture_output=True, env=tool.env).stdout
        for tool in (now, before)
    ]
    if outputs[0] != outputs[1]:
        sys.exit(f"the doctor's reports on {tree} differ (against --before, or warm and cold)")


def doctor_api() -> Callable[[Path], dict]:
    """tree -> the doctor's JSON report, through the library API; exits if it cannot load."""
    try:
        from mlops_scaffold.doctor.reporting.as_json import to_dict
        from mlops_scaffold.doctor.run import find_findings
    except ImportError as error:
        sys.exit(f"cannot load the doctor's library API: {error}")
    return lambda tree: to_dict(find_findings(tree))


def corpus_main(argv: list[str]) -> None:
    """Score the doctor on the labelled corpus and print the table and every false result."""
    parser = argparse.ArgumentParser(prog="bench/doctor.py corpus")
    parser.add_argument("--mirror", type=Path, default=MIRROR, help="where the snapshots are")
    parser.add_argument("--repo", action="append", help="only this repository (repeatable)")
    parser.add_argument(
        "--show-held-out", action="store_true", help="also list the held-out false results"
    )
    parser.add_argument("--save", type=Path, help="write every verdict to this JSON file")
    parser.add_argument(
        "--compare", type=Path, help="list the verdicts that moved since a --save file"
    )
    parser.add_argument(
        "--fetched-only",
        action="store_true",
        help="score only the repositories whose snapshot is here, and count the others",
    )
    args = parser.parse_args(argv)

    repos = [r for r in corpus.load_repos() if not args.repo or r.name in args.repo]
    unknown = sorted(set(args.repo or ()) - {r.name for r in repos})
    if unknown:
        sys.exit(f"not in bench/corpus/repos.yml: {', '.join(unknown)}")
    if args.fetched_only:
        repos, unfetched = corpus.fetched_only(repos, args.mirror)
        total = len(repos) + len(unfetched)
        print(f"{len(unfetched)} of {total} repositories have no snapshot here")
    audit = doctor_api()
    scores: dict[str, corpus.Score] = {}
    print(
        f"{'repository':<34}{'kind':<12}{'files':>6}{'TP':>5}{'FP':>5}{'FN':>5}{'prec':>7}{'rec':>7}"
    )
    for repo in repos:
        rebuilt = corpus.rebuild(repo, args.mirror, CACHE / "corpus")
        try:
            reported = corpus.reported_checks(audit(rebuilt.tree))
        except Exception as error:  # a crash is a result: every labelled finding is missed
            reported = {}
            print(f"{repo.name}: the doctor crashed: {type(error).__name__}: {error}")
        result = corpus.score(repo.name, corpus.load_labels(repo.name), reported)
        scores[repo.name] = result
        name = repo.name + (" (held out)" if repo.held_out else "")
        print(
            f"{name:<34}{repo.kind:<12}{repo.files:>6}{result.tp:>5}{result.fp:>5}{result.fn:>5}"
            f"{result.precision:>7.2f}{result.recall:>7.2f}"
        )
    totals = {held_out: corpus.Score() for held_out in (False, True)}
    for repo in repos:
        totals[repo.held_out].add(scores[repo.name])
    for title, held_out in (("overall (tuning set)", False), ("overall (held out)", True)):
        total = totals[held_out]
        print(
            f"{title:<52}{total.tp:>5}{total.fp:>5}{total.fn:>5}"
            f"{total.precision:>7.2f}{total.recall:>7.2f}"
        )
    print("\nChecks with false results on the tuning set (TP FP FN):")
    tuning = totals[False].by_check
    for check_id in sorted({check_id for check_id, _ in tuning}):
        tp, fp, fn = (tuning[check_id, kind] for kind in ("TP", "FP", "FN"))
        if fp or fn:
            print(f"  {check_id:<9}{tp:>4}{fp:>4}{fn:>4}")
    print("\nFalse results (label and its evidence; the doctor's first finding for the id):")
    for repo in repos:
        if repo.held_out and not args.show_held_out:
            continue  # fixes are tuned without looking at the held-out repositories
        for line in scores[repo.name].false:
            print(f"  {line}")
    verdicts = {**totals[False].verdicts, **totals[True].verdicts}
    if args.save:
        args.save.write_text(json.dumps(verdicts, indent=1, sort_keys=True) + "\n")
    if args.compare:
        # Held-out names from the whole corpus, not this run's: a repository left out of
        # this run but in the saved file must not have its verdicts listed either.
        held_out = {repo.name for repo in corpus.load_repos() if repo.held_out}
        saved = json.loads(args.compare.read_text())
        print(f"\nVerdicts that moved since {args.compare} (tuning set; held out only counted):")
        run = {repo.name for repo in repos}
        for line in corpus.moved_verdicts(saved, verdicts, run, held_out, args.show_held_out):
            print(f"  {line}")


def main() -> None:
    if sys.argv[1:2] == ["corpus"]:
        corpus_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--before", help="also time the doctor at this git revision")
    parser.add_argument(
        "--changed",
        action="store_true",
        help="time --before even where its report differs (the checks changed in between)",
    )
    parser.add_argument(
        "--corpus-tree", help="time on this rebuilt corpus repository instead of the two trees"
    )
    args = parser.parse_args()

    CACHE.mkdir(parents=True, exist_ok=True)
    sp = sp_repo_review()
    compile_environment(Path(sys.executable))
    compile_environment(SP_VENV / "bin" / "python")
    if args.corpus_tree:
        repo = next((r for r in corpus.load_repos() if r.name == args.corpus_tree), None)
        if repo is None:
            sys.exit(f"no corpus repository named {args.corpus_tree}; see bench/corpus/repos.yml")
        trees = {repo.name: corpus.rebuild(repo, MIRROR, CACHE / "corpus").tree}
    else:
        trees = {"ml-libraries": ml_libraries_tree(), "synthetic": synthetic_tree(args.files)}

    before = before_sources(args.before) if args.before else None
    if before is not None:  # the same start-up for both versions: neither compiles
        compile_environment(Path(sys.executable), before)

    header = f"{'tree':<14}{'files':>8}  {'tool':<16}{'median s':>9}{'min s':>8}{'cpu s':>8}"
    print(f"{header}{'peak MiB':>9}")
    for name, tree in trees.items():
        listed = subprocess.run(
            ["git", "-C", str(tree), "ls-files"], capture_output=True, text=True, check=True
        ).stdout.count("\n")
        doctor = [sys.executable, "-m", "mlops_scaffold", "doctor", str(tree), "--format", "json"]
        cold = {
            **os.environ,
            "MLOPS_NO_CACHE": "1",
        }  # the --no-cache flag, which older sources lack
        warm_cache = Path(tempfile.mkdtemp(prefix="doctor-cache-", dir=CACHE))
        warm = {**os.environ, "XDG_CACHE_HOME": str(warm_cache)}
        warm.pop("MLOPS_NO_CACHE", None)
        tools = {
            "mlops doctor": Tool(doctor, {0, 1}, cold),
            "doctor warm": Tool(doctor, {0, 1}, warm),
            "sp-repo-review": Tool([str(sp), str(tree), "--format", "json"], {0, 1, 2, 3}),
        }  # sp-repo-review exits 3 when checks failed
        if before is not None:
            env = {**cold, "PYTHONPATH": str(before)}
            tools["doctor before"] = Tool(doctor, {0, 1}, env)
            if not args.changed:
                same_findings(tree, tools["mlops doctor"], tools["doctor before"])
        for tool in tools.values():
            tool.check_reports()  # the warm one fills its cache here
        same_findings(tree, tools["mlops doctor"], tools["doctor warm"])
        if not any(warm_cache.rglob("*.json")):
            sys.exit(f"the doctor stored no cached report for {tree}: the warm row would be cold")
        for _ in range(args.runs):
            for tool in tools.values():
                tool.run_once()
        for label, tool in tools.items():
            print(f"{name:<14}{listed:>8}  {label:<16}{tool.report()}")
        sp_median = statistics.median(tools["sp-repo-review"].times)
        for label in [label for label in tools if label != "sp-repo-review"]:
            ratio = statistics.median(tools[label].times) / sp_median
            print(f"{name:<14}{'':>8}  {'ratio ' + label:<16}{ratio:>9.2f}")
        shutil.rmtree(warm_cache, ignore_errors=True)


if __name__ == "__main__":
    main()
