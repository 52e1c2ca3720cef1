"""`mlops doctor --fix` on corpus repositories of different shapes: the score before and after,
what is left and why, and whether what was added works where it landed.

    .venv/bin/python bench/fix.py [--repo NAME ...] [--no-run] [--mlops PATH] [--save F]
                                  [--load F]

The trees are those `bench/doctor.py corpus` rebuilds (.cache/bench/corpus/<name>, each a git
repository with one commit). Each is copied to .cache/bench/fix/<name>, then:

1. `mlops doctor --format json`: the score and the findings before;
2. `mlops doctor --fix` without a terminal: it must be a dry run that writes nothing (its
   output is kept in .cache/bench/fix/<name>.dry-run.txt);
3. `mlops doctor --fix --yes`;
4. `mlops doctor --format json` again: the score after, and why each finding is left: no
   component fixes it (the doctor's manual fix), its component was not added (why), or it
   was added and the finding stays (a gap of `--fix`);
5. unless `--no-run`, what was added is run:
   - every file git tracked keeps its bytes (unchanged, or as an exact prefix);
   - each new or changed `requirements/*.txt` installs with `uv pip sync --require-hashes` into
     a fresh venv (a `--dry-run` for sets with torch, TensorFlow or CUDA wheels);
   - the added tests run in a venv built from what the repo and the fix declare: the dev lock
     (its torch/CUDA lines left out, said so) and the repo's package (`pip install -e .`); in
     a repo that got the template's Makefile, `make setup` builds it when the lock is light;
   - `make help`, and `make -n` of every target the fix added (no network, nothing run);
   - `pre-commit run -a` with pre-commit from PyPI (the hooks install their own tools): the
     hooks run (they may fail on the repo's own files: named) or break;
   - the added Dockerfiles: hadolint errors, and their COPY sources exist;
   - the added workflows parse, and each `make X` they run is a target of the Makefile.

`--mlops` runs another installation's `mlops` (another worktree's .venv/bin/mlops: the
figures before a change); `--save F` keeps the results as JSON, `--load F` prints their tables.
Then it prints the before/after table, the component x repo table (works / refused: reason /
broken: what failed) and every finding left, with its reason. Nothing here is timed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".cache" / "bench" / "corpus"
SCRATCH = ROOT / ".cache" / "bench" / "fix"
MLOPS = [ROOT / ".venv" / "bin" / "mlops"]  # --mlops replaces it
UV = ROOT / ".venv" / "bin" / "uv"
TOOLS = SCRATCH / "_tools"  # pre-commit, installed from PyPI once
ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "COLUMNS": "200",
    "PRE_COMMIT_HOME": str(SCRATCH / "_pre-commit"),
    # uv for the bench and for the added Makefile's `make setup` (last: python3 stays the system's)
    "PATH": f"{os.environ['PATH']}:{ROOT / '.venv' / 'bin'}",
}
ENV.pop("VIRTUAL_ENV", None)

# One repository per shape the issue names, and a uv and a PDM one.
SHAPES = {
    "fastapi-ml-skeleton": "Poetry (flat package, own service)",
    "mlops-hw-fastapi": "Poetry (app folder, no tests)",
    "medicalpro": "conda env.yml (research, src/)",
    "pytorch-unet": "requirements-only scripts",
    "mlops-python-package": "uv, src-layout package",
    "mental-disorders-classification": "uv, src-layout app",
    "eternity-rl": "PDM (pdm.lock)",
    "testingmlops": "monorepo (packages/*)",
}
HEAVY = re.compile(r"^(torch|tensorflow|tensorflow-cpu|jax|jaxlib|nvidia-[\w-]+|triton)==", re.M)
COMPONENT_ORDER = (
    "lock", "makefile", "precommit", "dvc", "tests", "serve", "monitoring", "docker", "ci",
    "docs", "k8s",
)  # fmt: skip


@dataclass
class Check:
    """One thing run on what was added: ok, or what failed."""

    name: str
    ok: bool
    detail: str = ""


@dataclass
class Result:
    name: str
    shape: str
    score_before: int = 0
    score_after: int | None = None
    findings_before: list[str] = field(default_factory=list)
    left: list[tuple[str, str]] = field(default_factory=list)  # (finding, why it is left)
    dry_run_ok: bool = False
    dry_run_rc: int = 0
    fix_rc: int | None = None
    fix_error: str = ""
    grouped: dict[str, list[str]] = field(default_factory=dict)  # component -> finding ids
    added: list[str] = field(default_factory=list)
    kept: bool | None = None
    checks: dict[str, list[Check]] = field(default_factory=dict)  # component -> checks


def run(
    command: Sequence[str | Path], cwd: Path, timeout: int = 1800, env: dict[str, str] = ENV
) -> subprocess.CompletedProcess[str]:
    """Run without a terminal (stdin closed), capturing text output."""
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def tail(text: str, lines: int = 3) -> str:
    """The last non-empty lines of an output, on one line."""
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    return " | ".join(kept[-lines:])[:300]


def files(tree: Path) -> dict[str, bytes]:
    """Every file outside .git, by relative path."""
    out: dict[str, bytes] = {}
    for path in sorted(tree.rglob("*")):
        rel = path.relative_to(tree)
        if rel.parts[0] != ".git" and path.is_file() and not path.is_symlink():
            out[rel.as_posix()] = path.read_bytes()
    return out


def tracked(tree: Path) -> dict[str, bytes]:
    """The files git tracks, with their bytes at HEAD."""
    names = run(["git", "ls-files", "-z"], tree).stdout.split("\0")
    return {name: (tree / name).read_bytes() for name in names if name and (tree / name).is_file()}


def doctor(tree: Path) -> dict:
    done = run([*MLOPS, "doctor", "--format", "json", tree], tree)
    return json.loads(done.stdout)


def prepare(name: str) -> Path:
    """A scratch copy of the corpus tree, its one commit included, with nothing uncommitted."""
    source = CORPUS / name
    if not (source / ".git").is_dir():
        sys.exit(f"{source} is missing: run `.venv/bin/python bench/doctor.py corpus` first")
    tree = SCRATCH / name
    shutil.rmtree(tree, ignore_errors=True)
    shutil.rmtree(SCRATCH / f"{name}.venvs", ignore_errors=True)
    shutil.copytree(source, tree, symlinks=True)
    if run(["git", "status", "--porcelain"], tree).stdout.strip():
        sys.exit(f"{tree}: uncommitted changes in the copy")
    return tree


def grouped(dry_run: str) -> dict[str, list[str]]:
    """`mlops add X fixes A, B` lines of the dry run."""
    return {
        match.group(1): match.group(2).split(", ")
        for match in re.finditer(r"^\s+mlops add (\S+) fixes (.+)$", dry_run, re.M)
    }


def left_reason(finding: dict, result: Result, fix_output: str) -> str:
    """Why a finding is left: as the fix said it (a component it cannot add, or a finding
    adding changes nothing about), else from the catalogue (an older `mlops`)."""
    from mlops_scaffold.catalogue import practice

    where = f" ({finding['path']})" if finding.get("path") else ""
    said = re.search(rf"^  {finding['id']}{re.escape(where)}: (.+)$", fix_output, re.M)
    refused = re.findall(r"^  cannot add (\S+) \(it would fix (.*?)\): (.+)$", fix_output, re.M)
    for component, ids, reason in refused:
        if finding["id"] in ids.split(", "):
            return f"cannot add {component}: {reason[:160]}"
    if said:
        return f"left, with its manual fix: {said.group(1)[:160]}"
    try:
        fixed_by = practice(finding["id"]).fixed_by
    except KeyError:
        fixed_by = None
    where = f" {finding['path']}" if finding.get("path") else ""
    if not fixed_by:
        return f"manual{where}: {finding['fix']}"
    if fixed_by not in result.added:
        why = result.fix_error or "not in the plan"
        return f"{fixed_by} not added ({why})"
    return f"{fixed_by} added, still reported{where}: {finding['message'][:140]}"


def measure(name: str, *, execute: bool) -> Result:
    result = Result(name, SHAPES.get(name, "?"))
    tree = prepare(name)
    before_files = files(tree)
    before_tracked = tracked(tree)
    report = doctor(tree)
    result.score_before = report["score"]
    result.findings_before = sorted({f["id"] for f in report["findings"]})

    dry = run([*MLOPS, "doctor", "--fix", tree], tree)
    (SCRATCH / f"{name}.dry-run.txt").write_text(dry.stdout + dry.stderr)
    result.dry_run_rc = dry.returncode
    result.dry_run_ok = (
        files(tree) == before_files
        and not run(["git", "status", "--porcelain"], tree).stdout.strip()
    )
    result.grouped = grouped(dry.stdout)

    done = run([*MLOPS, "doctor", "--fix", "--yes", tree], tree)
    (SCRATCH / f"{name}.fix.txt").write_text(done.stdout + done.stderr)
    result.fix_rc = done.returncode
    if done.returncode != 0:
        result.fix_error = tail(done.stderr or done.stdout, 2)
    record = tree / ".mlops.yml"
    if record.is_file():
        result.added = list(yaml.safe_load(record.read_text()).get("components", []))
    after = doctor(tree)
    result.score_after = after["score"]
    result.left = [(f["id"], left_reason(f, result, done.stdout)) for f in after["findings"]]
    result.kept = all(
        (tree / path).is_file() and (tree / path).read_bytes().startswith(blob)
        for path, blob in before_tracked.items()
    )
    if execute and result.added:
        try:
            result.checks = run_added(tree, result, before_tracked)
        except (OSError, subprocess.SubprocessError, ValueError) as failure:
            result.checks = {"bench": [Check("running what was added", False, repr(failure))]}
    return result


def changed_files(tree: Path, before: dict[str, bytes]) -> list[str]:
    now = files(tree)
    return sorted(path for path, blob in now.items() if before.get(path) != blob)


def run_added(tree: Path, result: Result, before: dict[str, bytes]) -> dict[str, list[Check]]:
    """Run what the fix added; the checks by the component they judge."""
    changed = changed_files(tree, before)
    checks: dict[str, list[Check]] = {}
    venvs = SCRATCH / f"{tree.name}.venvs"
    locks = [p for p in changed if re.fullmatch(r"requirements/[^/]+\.txt", p)]
    if locks:
        checks["lock"] = [check_lock(tree, venvs / "lock", lock) for lock in locks]
    if any(p.startswith("tests/") for p in changed):
        checks["tests"] = [check_tests(tree, venvs / "dev", changed, "makefile" in result.added)]
    if "Makefile" in changed:
        checks["makefile"] = check_make(tree, before.get("Makefile"))
    if ".pre-commit-config.yaml" in changed:
        checks["precommit"] = [check_precommit(tree)]
    dockerfiles = [p for p in changed if p.startswith("docker/") and p.endswith("Dockerfile")]
    if dockerfiles:
        checks["docker"] = [check_dockerfile(tree, path) for path in dockerfiles]
    workflows = [p for p in changed if p.startswith(".github/workflows/")]
    if workflows:
        checks["ci"] = [check_workflow(tree, path) for path in workflows]
    if "dvc.yaml" in changed:
        dag = run([ROOT / ".venv" / "bin" / "dvc", "dag"], tree)
        checks["dvc"] = [Check("dvc dag", dag.returncode == 0, tail(dag.stderr))]
    return checks


def new_venv(path: Path) -> Path:
    if not (path / "bin" / "python").exists():
        run([UV, "venv", "--quiet", "--python", "python3.11", path], ROOT)
    return path / "bin" / "python"


def check_lock(tree: Path, venv: Path, lock: str) -> Check:
    python = new_venv(venv)
    heavy = bool(HEAVY.search((tree / lock).read_text()))
    command = [UV, "pip", "sync", "--require-hashes", "--python", python, lock]
    if heavy:
        command.insert(3, "--dry-run")
    done = run(command, tree)
    how = " (dry run: torch/CUDA set)" if heavy else ""
    return Check(f"{lock} installs{how}", done.returncode == 0, tail(done.stderr))


def light_copy(tree: Path, lock: str) -> tuple[Path, bool]:
    """The lock without its torch/TensorFlow/CUDA entries (each a requirement and its hash
    lines), written beside it; and whether any was left out."""
    text = (tree / lock).read_text()
    blocks = re.split(r"\n(?=\S)", text)
    kept = [block for block in blocks if not HEAVY.match(block)]
    target = SCRATCH / f"{tree.name}.light.txt"
    target.write_text("\n".join(kept) + "\n")
    return target, len(kept) != len(blocks)


def check_tests(tree: Path, venv: Path, changed: list[str], has_makefile: bool) -> Check:
    depth = {True: 3, False: 2}  # tests/mlops/<kind>/ when namespaced, else tests/<kind>/
    tests = sorted(
        {
            "/".join(p.split("/")[: depth[p.startswith("tests/mlops/")]])
            for p in changed
            if p.startswith("tests/") and p.endswith(".py")
        }
    )
    tests = [t for t in tests if (tree / t).is_dir()]
    dev = "requirements/dev.txt"
    if not (tree / dev).is_file():
        return Check("added tests", False, "no requirements/dev.txt to build an env from")
    heavy = bool(HEAVY.search((tree / dev).read_text()))
    note = ""
    if has_makefile and not heavy:
        setup = run(["make", "setup"], tree)
        if setup.returncode != 0:
            return Check("make setup", False, tail(setup.stderr or setup.stdout))
        python = tree / ".venv" / "bin" / "python"
    else:
        python = new_venv(venv)
        lock, dropped = light_copy(tree, dev) if heavy else (tree / dev, False)
        note = " (torch/CUDA left out of the env)" if dropped else ""
        sync = run([UV, "pip", "sync", "--require-hashes", "--python", python, lock], tree)
        if sync.returncode != 0:
            return Check("dev env", False, tail(sync.stderr))
        if any((tree / name).is_file() for name in ("pyproject.toml", "setup.py")):
            install = run([UV, "pip", "install", "--python", python, "--no-deps", "-e", "."], tree)
            if install.returncode != 0:
                return Check("pip install -e .", False, tail(install.stderr))
    if (tree / ".env.example").is_file() and not (tree / ".env").exists():
        shutil.copy(tree / ".env.example", tree / ".env")  # the repo's own setup step
        note += " (.env from .env.example)"
    done = run([python, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider", *tests], tree)
    (SCRATCH / f"{tree.name}.pytest.txt").write_text(done.stdout + done.stderr)
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", done.stdout, re.M)
    summary = tail(done.stdout, 1) + (f" ({', '.join(failed[:3])})" if failed else "")
    errors = re.findall(r"^E\s+(.+)$", done.stdout, re.M)
    if errors and not failed:  # a collection error: the line that says why
        summary = f"{summary} {errors[-1]}".strip()
    missing = re.search(r"No module named '(torch|tensorflow)'", done.stdout + done.stderr)
    if missing and note:
        summary = f"not run: the repo's package imports {missing.group(1)}, left out of the env"
    return Check(f"pytest {' '.join(tests)}{note}", done.returncode == 0, summary)


MAKE_TARGET = re.compile(r"^([A-Za-z][\w-]*):", re.M)


def check_make(tree: Path, old: bytes | None) -> list[Check]:
    text = (tree / "Makefile").read_text()
    had = set(MAKE_TARGET.findall(old.decode(errors="replace"))) if old else set()
    added = [t for t in dict.fromkeys(MAKE_TARGET.findall(text)) if t not in had]
    checks = []
    helped = run(["make", "help"], tree) if "help" in added else None
    if helped is not None:
        checks.append(Check("make help", helped.returncode == 0, tail(helped.stderr)))
    for target in added:
        dry = run(["make", "-n", target], tree)
        if dry.returncode != 0:
            checks.append(Check(f"make -n {target}", False, tail(dry.stderr)))
    checks.append(Check(f"make -n of {len(added)} added targets", all(c.ok for c in checks)))
    return checks


def pre_commit() -> Path:
    program = TOOLS / "bin" / "pre-commit"
    if not program.exists():
        new_venv(TOOLS)
        python = TOOLS / "bin" / "python"
        run([UV, "pip", "install", "--quiet", "--python", python, "pre-commit"], ROOT)
    return program


def check_precommit(tree: Path) -> Check:
    run(["git", "add", "-A"], tree)  # pre-commit runs on the files git knows
    done = run([pre_commit(), "run", "-a"], tree, timeout=3600)
    out = done.stdout + done.stderr
    if done.returncode == 0:
        return Check("pre-commit run -a", True, "passes")
    broken = re.search(r"(Executable .* not found|An unexpected error.*|InvalidConfigError.*)", out)
    if broken:
        return Check("pre-commit run -a", False, broken.group(1)[:200])
    failed = re.findall(r"^(.+?)\.{3,}.*Failed$", out, re.M)
    return Check(
        "pre-commit run -a",
        True,
        f"hooks run; fail on the repo's own files: {', '.join(h.strip() for h in failed)}",
    )


def check_dockerfile(tree: Path, path: str) -> Check:
    lint = run([ROOT / ".venv" / "bin" / "hadolint", "--failure-threshold", "error", path], tree)
    missing = []
    for line in (tree / path).read_text().splitlines():
        words = line.split()
        if words[:1] == ["COPY"] and not any(w.startswith("--from") for w in words):
            sources = [w for w in words[1:-1] if not w.startswith("--")]
            # models/ is what `make train` writes before the image is built
            missing += [
                s
                for s in sources
                if not s.startswith("models/")
                and s.strip("./")
                and not list(tree.glob(s.rstrip("/")))
            ]
    ok = lint.returncode == 0 and not missing
    detail = tail(lint.stdout) + (f" COPY sources missing: {missing}" if missing else "")
    return Check(f"{path}: hadolint, COPY sources", ok, detail)


def check_workflow(tree: Path, path: str) -> Check:
    try:
        workflow = yaml.safe_load((tree / path).read_text())
    except yaml.YAMLError as error:
        return Check(path, False, f"does not parse: {error}")
    makefile = tree / "Makefile"
    targets = set(MAKE_TARGET.findall(makefile.read_text())) if makefile.is_file() else set()
    runs = re.findall(r"\bmake ([a-z][\w-]*)", json.dumps(workflow))
    missing = sorted({t for t in runs if t not in targets})
    detail = f"missing: {missing}" if missing else ""
    return Check(f"{path}: make targets exist", not missing, detail)


def component_status(result: Result, component: str) -> str:
    if component in result.added:
        checks = result.checks.get(component, [])
        bad = [c for c in checks if not c.ok]
        if bad:
            return "broken: " + "; ".join(f"{c.name}: {c.detail}" for c in bad)[:200]
        return "works" if checks else "added (nothing to run)"
    if component in result.grouped:
        return f"refused: {result.fix_error or 'not in the plan'}"
    return ""


def print_tables(results: list[Result]) -> None:
    print(
        "\n| repo | shape | score before | after | findings before | left "
        "| dry run wrote nothing | bytes kept |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r.name} | {r.shape} | {r.score_before} | {r.score_after} | "
            f"{len(r.findings_before)} | {len(r.left)} | {'yes' if r.dry_run_ok else 'NO'} | "
            f"{'yes' if r.kept else 'NO'} |"
        )
    used = [c for c in COMPONENT_ORDER if any(component_status(r, c) for r in results)]
    print("\n| component | " + " | ".join(r.name for r in results) + " |")
    print("|---|" + "---|" * len(results))
    for component in used:
        cells = [component_status(r, component) or "-" for r in results]
        print(f"| {component} | " + " | ".join(cells) + " |")
    print("\nChecks run:")
    for r in results:
        for component, checks in r.checks.items():
            for c in checks:
                print(f"  {r.name} {component}: {'ok' if c.ok else 'FAILED'} {c.name} {c.detail}")
    print("\nFindings left after --fix:")
    for r in results:
        for finding, why in r.left:
            print(f"  {r.name} {finding}: {why}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", action="append", help="corpus repository (repeatable)")
    parser.add_argument("--no-run", action="store_true", help="skip running what was added")
    parser.add_argument("--save", type=Path, help="write the results as JSON here")
    parser.add_argument("--load", type=Path, help="print the tables of saved results")
    parser.add_argument("--mlops", type=Path, help="the mlops program to measure")
    parser.add_argument("--scratch", type=Path, help="where the copies go (default: %(default)s)")
    args = parser.parse_args()
    if args.scratch:
        global SCRATCH
        SCRATCH = args.scratch.resolve()
    if args.mlops:
        MLOPS[0] = args.mlops.resolve()
    sys.path.insert(0, str(ROOT / "src"))
    if args.load:
        raw = json.loads(args.load.read_text())
        results = []
        for entry in raw:
            entry["checks"] = {k: [Check(**c) for c in v] for k, v in entry["checks"].items()}
            entry["left"] = [tuple(x) for x in entry["left"]]
            results.append(Result(**entry))
        print_tables(results)
        return
    SCRATCH.mkdir(parents=True, exist_ok=True)
    results = []
    for name in args.repo or list(SHAPES):
        print(f"... {name}", file=sys.stderr, flush=True)
        results.append(measure(name, execute=not args.no_run))
        if args.save:
            args.save.write_text(json.dumps([asdict(r) for r in results], indent=1))
    print_tables(results)


if __name__ == "__main__":
    main()
