"""Run `mlops add lock` and `mlops add docker --with-deps` on real repositories; check the result.

    .venv/bin/python bench/add.py [--set round1|unseen|corpus] [--repo NAME ...]
                                  [--command lock|docker ...] [--before REF] [--json FILE]

Each repository is rebuilt from its snapshot (bench/corpus.py, checksum verified), copied to a
scratch folder that is a fresh one-commit git repository, and the command is run there without
a terminal (stdin from /dev/null). What was added is then checked:

- every file git tracked keeps its bytes as an exact prefix, and none is gone;
- each new or changed `requirements/*.txt` installs with `uv pip sync --require-hashes` into a
  fresh venv of the lock's Python (a `--dry-run` for torch/TensorFlow sets and for a Python
  this machine lacks);
- docker: the Dockerfiles' `COPY` sources exist and are not excluded by `.dockerignore`
  (`models/` is made by `make train` first), the modules their `CMD`s run exist under src/,
  and hadolint reports no error;
- docker: the builder stage run outside Docker: `build.txt` installed with hashes into a fresh
  venv, then `pip wheel --no-deps --no-build-isolation .` in the repo, and the wheel holds the
  modules the images' `CMD`s run (the runtime stage keeps only the venv). Images that run the
  package from source (PYTHONPATH) have no such stage: their modules are checked in the repo.

works: all of that passes; refused: a non-zero exit with an error and nothing written;
broken: something was added but a check fails (or the command failed after writing, or
printed a traceback). `--before REF` runs mlops as it was at that revision (a "before" measurement).

Sets: `round1` is the 26 corpus repositories of bench/add.md's first table; `unseen` the
repositories of bench/corpus/unseen-add.yml, chosen for a round before anything ran on them;
`corpus` every repository of bench/corpus/repos.yml.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import corpus  # bench/corpus.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
MIRROR = Path("/work/.mirror")
CACHE = ROOT / ".cache" / "bench"
UNSEEN = corpus.HERE / "unseen-add.yml"
ROUND1 = (
    "airflow-setup", "cicd-for-modern-ai", "claim-modelling-kedro", "cookiecutter-data-science",
    "copier-ml-template", "crypto-real-time-inference", "dtu-mlops", "dvc-get-started",
    "dvc-sam-train", "fastapi-ml-skeleton", "hypernet", "kaggle-notebooks", "kedro-starters",
    "made-with-ml", "medicalpro", "mental-disorders-classification", "mlops-python",
    "mlops-python-package", "mlops-zoomcamp", "nanogpt", "pytorch-unet", "rsschool-capstone",
    "sklearn-pandas", "skorch", "stylegan3", "zenml-projects",
)  # fmt: skip
COMMANDS = {"lock": ["add", "lock"], "docker": ["add", "docker", "--with-deps"]}
RUN_TIMEOUT = 1200
HEAVY = re.compile(rb"^(torch|tensorflow|tensorflow-cpu|jax|jaxlib)==", re.MULTILINE)
PYENV = Path("/root/.pyenv/versions")
GIT_ENV = corpus.GIT_ENV
UV = str(ROOT / ".venv/bin/uv")


@dataclass
class Outcome:
    """One command on one repository: works, refused or broken, and why."""

    repo: str
    command: str
    verdict: str = "works"
    reasons: list[str] = field(default_factory=list)
    said: str = ""
    """The last line of the command's error output (a refusal's one line)."""

    def fail(self, reason: str) -> None:
        self.verdict = "broken"
        self.reasons.append(reason)


def run(
    command: list[str], cwd: Path, timeout: int = 900, path: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run without a terminal, capturing both outputs; `path` goes first on PATH."""
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb"}
    if path is not None:  # as in the image, whose Python's scripts folder is on PATH
        env["PATH"] = f"{path}{os.pathsep}{env['PATH']}"
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
        timeout=timeout, env=env, check=False,
    )  # fmt: skip


def git(tree: Path, *args: str) -> bytes:
    return subprocess.run(
        ["git", *args], cwd=tree, capture_output=True, check=True, env=GIT_ENV
    ).stdout


def changed_paths(tree: Path) -> tuple[list[str], list[str]]:
    """(tracked files modified or deleted, files added) since the one commit."""
    tracked = git(tree, "diff", "--name-only", "-z", "HEAD").decode().split("\0")
    added = git(tree, "ls-files", "--others", "--exclude-standard", "-z").decode().split("\0")
    ignored = git(tree, "ls-files", "--others", "--ignored", "--exclude-standard", "-z")
    return [p for p in tracked if p], sorted(
        {p for p in added if p} | {p for p in ignored.decode().split("\0") if p}
    )


def check_kept(tree: Path, outcome: Outcome, modified: list[str]) -> None:
    """Every tracked file keeps its committed bytes as an exact prefix."""
    for path in modified:
        before = git(tree, "show", f"HEAD:{path}")
        target = tree / path
        if not target.is_file() and not target.is_symlink():
            outcome.fail(f"{path} is gone")
        elif not target.is_symlink() and not target.read_bytes().startswith(before):
            outcome.fail(f"{path}: its bytes were not kept")


def lock_python(text: bytes) -> str:
    match = re.search(rb"--python-version[ =](3\.\d+)", text)
    return match.group(1).decode() if match else "3.11"


def interpreter(version: str) -> Path | None:
    """This machine's Python of that minor version, if it has one."""
    found = sorted(PYENV.glob(f"{version}.*/bin/python{version}"))
    return found[-1] if found else None


def check_installs(tree: Path, outcome: Outcome, locks: list[str], scratch: Path) -> None:
    """Each lock installs with hashes into a fresh venv (a dry run where that is all we can)."""
    for path in locks:
        text = (tree / path).read_bytes()
        version = lock_python(text)
        python = interpreter(version) or interpreter("3.11")
        venv = scratch / f"venv-{Path(path).stem}"
        shutil.rmtree(venv, ignore_errors=True)
        made = run([UV, "venv", "-q", "--python", str(python), str(venv)], tree)
        if made.returncode != 0:
            outcome.fail(f"venv for {path}: {made.stderr.strip()[-200:]}")
            continue
        dry = HEAVY.search(text) is not None or interpreter(version) is None
        command = [UV, "pip", "sync", "--require-hashes", "--python", str(venv / "bin/python")]
        if dry:
            command += ["--dry-run", "--python-version", version]
        done = run([*command, path], tree)
        if done.returncode != 0:
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            outcome.fail(f"{path} does not install{' (dry run)' if dry else ''}: {lines[-1:]}")
        shutil.rmtree(venv, ignore_errors=True)


def dockerignore(tree: Path) -> list[tuple[bool, str]]:
    """(negated, pattern) of the repo's .dockerignore, in order."""
    path = tree / ".dockerignore"
    if not path.is_file():
        return []
    rules = []
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = line.removeprefix("!").strip().strip("/")
        rules.append((negated, os.path.normpath(pattern)))
    return rules


def excluded(rules: list[tuple[bool, str]], path: str) -> bool:
    """Whether .dockerignore leaves `path` out of the build context."""
    verdict = False
    for negated, pattern in rules:
        if _glob_matches(pattern, path):
            verdict = not negated
    return verdict


def _glob_matches(pattern: str, path: str) -> bool:
    """Go's filepath.Match with `**`, applied to the path and each of its parent folders."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
            if pattern.startswith("/", i):
                out, i = out[:-2] + "(?:.*/)?", i + 1
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pattern[i] == "[":
            end = pattern.find("]", i)
            out, i = out + pattern[i : end + 1].replace("[!", "[^"), end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    parts = path.split("/")
    return any(re.fullmatch(out, "/".join(parts[:n])) for n in range(1, len(parts) + 1))


def copy_sources(dockerfile: str) -> list[str]:
    """The context paths each `COPY` (not `--from`) of a Dockerfile reads."""
    sources: list[str] = []
    for line in re.sub(r"\\\n", " ", dockerfile).splitlines():
        words = line.strip().split(maxsplit=1)
        if len(words) < 2 or words[0].upper() != "COPY" or "--from" in words[1]:
            continue
        rest = re.sub(r"--\S+\s+", "", words[1]).strip()
        items = json.loads(rest) if rest.startswith("[") else rest.split()
        sources += [item.rstrip("/") or "." for item in items[:-1]]
    return sources


def cmd_modules(dockerfile: str) -> list[str]:
    """The modules the `CMD` lines run: `uvicorn PKG.serve.app:app`, `python -m PKG.pipeline`."""
    found = []
    for line in dockerfile.splitlines():
        if line.startswith("CMD"):
            found += re.findall(r"uvicorn ([\w.]+):", line)
            found += re.findall(r"\"-m\", \"([\w.]+)\"", line)
    return found


def module_files(module: str) -> set[str]:
    """Where a module's file is, in a src or a flat layout, or in a wheel."""
    relative = module.replace(".", "/")
    return {f"{prefix}{relative}{suffix}" for prefix in ("", "src/")
            for suffix in (".py", "/__init__.py")}  # fmt: skip


def check_dockerfiles(tree: Path, outcome: Outcome, dockerfiles: list[str]) -> None:
    rules = dockerignore(tree)
    listed = git(tree, "ls-files", "-co", "--exclude-standard").decode().splitlines()
    for name in dockerfiles:
        text = (tree / name).read_text()
        for source in copy_sources(text):
            if source.startswith("models/"):
                continue  # `make train` makes the model before the serve image is built
            if not (tree / source).exists():
                outcome.fail(f"{name}: COPY {source}: not in the repo")
            elif excluded(rules, source):
                outcome.fail(f"{name}: COPY {source}: excluded by .dockerignore")
        for module in cmd_modules(text):
            if not module_files(module) & set(listed):
                outcome.fail(f"{name}: module {module} is not in the repo")
    lint = run(
        [str(ROOT / ".venv/bin/hadolint"), "--failure-threshold", "error", *dockerfiles], tree
    )
    if lint.returncode != 0:
        outcome.fail(f"hadolint: {lint.stdout.strip().splitlines()[:2]}")


def check_builder(tree: Path, outcome: Outcome, scratch: Path, dockerfiles: list[str]) -> None:
    """The images' builder step: build.txt with hashes, then the repo's wheel without isolation."""
    if not (tree / "requirements/build.txt").is_file():
        outcome.fail("no requirements/build.txt for the builder stage")
        return
    venv = scratch / "venv-builder"
    shutil.rmtree(venv, ignore_errors=True)
    version = lock_python((tree / "requirements/build.txt").read_bytes())
    python = interpreter(version) or interpreter("3.11")
    run([UV, "venv", "-q", "--seed", "--python", str(python), str(venv)], tree)
    pip = [str(venv / "bin/python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    done = run(
        [*pip, "install", "--require-hashes", "--no-deps", "-r", "requirements/build.txt"], tree
    )
    if done.returncode != 0:
        outcome.fail(f"build.txt does not install: {done.stderr.strip().splitlines()[-1:]}")
        return
    wheels = scratch / "wheels"
    done = run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(wheels), "."]
        # a Python this machine lacks (3.14): the image has it; the build is the same
        + ([] if interpreter(version) else ["--ignore-requires-python"]),
        tree,
        path=venv / "bin",  # uv_build finds its binary on PATH
    )
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if "Error" in line or "error:" in line]
        outcome.fail(f"pip wheel . fails: {(errors or lines)[-1:]}")
    else:  # the runtime stage keeps only the venv: the modules its CMD runs must be in the wheel
        names = {n for wheel in wheels.glob("*.whl") for n in zipfile.ZipFile(wheel).namelist()}
        for module in {m for d in dockerfiles for m in cmd_modules((tree / d).read_text())}:
            if not module_files(module) & names:
                outcome.fail(f"the wheel lacks {module}, which the image runs")
    shutil.rmtree(venv, ignore_errors=True)
    shutil.rmtree(wheels, ignore_errors=True)


def before_checkout(ref: str) -> list[str]:
    """The command that runs mlops as it was at git revision `ref` (its src/ and templates/,
    extracted once under .cache/bench/), with this checkout's Python and packages."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", ref], capture_output=True, text=True,
        check=True,
    ).stdout.strip()  # fmt: skip
    target = CACHE / f"before-add-{sha}"
    if not (target / "src").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", sha, "src", "templates"], capture_output=True,
            check=True,
        ).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return ["env", f"PYTHONPATH={target / 'src'}", str(ROOT / ".venv/bin/python"), "-m",
            "mlops_scaffold"]  # fmt: skip


def measure(repo: corpus.Repo, command: str, mlops: list[str]) -> Outcome:
    rebuilt = corpus.rebuild(repo, MIRROR, CACHE / "corpus")
    outcome = Outcome(repo.name, command)
    with tempfile.TemporaryDirectory(prefix="bench-add-") as folder:
        scratch = Path(folder)
        tree = scratch / repo.name
        shutil.copytree(rebuilt.tree, tree, symlinks=True)
        try:
            done = run([*mlops, *COMMANDS[command]], tree, timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            outcome.fail(f"no answer in {RUN_TIMEOUT} s")
            return outcome
        said = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        outcome.said = said[-1].strip() if said else ""
        modified, added = changed_paths(tree)
        if "Traceback (most recent call last)" in done.stderr + done.stdout:
            outcome.fail("traceback")
        if done.returncode != 0:
            if modified or added:
                outcome.fail(f"exit {done.returncode} after writing {len(modified + added)} files")
            elif outcome.verdict == "works":
                outcome.verdict = "refused"
            return outcome
        check_kept(tree, outcome, modified)
        locks = [p for p in [*modified, *added] if re.fullmatch(r"requirements/[^/]+\.txt", p)]
        check_installs(tree, outcome, locks, scratch)
        if command == "docker":
            dockerfiles = [p for p in added if re.fullmatch(r"docker/\w+\.Dockerfile", p)]
            if not dockerfiles:
                outcome.fail("no Dockerfile added")
            else:
                check_dockerfiles(tree, outcome, dockerfiles)
                if any("pip wheel" in (tree / name).read_text() for name in dockerfiles):
                    check_builder(tree, outcome, scratch, dockerfiles)
    return outcome


def chosen(which: str, names: list[str]) -> list[corpus.Repo]:
    repos = corpus.load_repos()
    if which == "unseen":
        repos = corpus.load_repos(UNSEEN)
    elif which == "round1":
        repos = [r for r in repos if r.name in ROUND1]
    if names:
        repos = [r for r in repos if r.name in names]
    return repos


def table(outcomes: list[Outcome], commands: list[str]) -> str:
    by = {(o.repo, o.command): o for o in outcomes}
    repos = list(dict.fromkeys(o.repo for o in outcomes))
    lines = ["| repo | " + " | ".join(commands) + " |", "|---" * (len(commands) + 1) + "|"]
    for name in repos:
        cells = [by[(name, c)].verdict if (name, c) in by else "" for c in commands]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    totals = []
    for command in commands:
        verdicts = [o.verdict for o in outcomes if o.command == command]
        totals.append(" / ".join(str(verdicts.count(v)) for v in ("works", "refused", "broken")))
    lines.append("| **works / refused / broken** | " + " | ".join(totals) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/add.py", description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="round1", choices=("round1", "unseen", "corpus"))
    parser.add_argument("--repo", action="append", default=[])
    parser.add_argument("--command", action="append", choices=tuple(COMMANDS), default=[])
    parser.add_argument("--before", metavar="REF", help="run mlops as it was at this revision")
    parser.add_argument("--json", type=Path, help="also write every outcome here")
    args = parser.parse_args()
    commands = args.command or list(COMMANDS)
    mlops = before_checkout(args.before) if args.before else [str(ROOT / ".venv/bin/mlops")]
    outcomes = []
    for repo in chosen(args.set, args.repo):
        for command in commands:
            outcome = measure(repo, command, mlops)
            outcomes.append(outcome)
            why = "; ".join(outcome.reasons) or (outcome.said if outcome.verdict != "works" else "")
            print(f"{repo.name:<34} {command:<6} {outcome.verdict:<7} {why[:300]}", flush=True)
    print()
    print(table(outcomes, commands))
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in outcomes], indent=1))


if __name__ == "__main__":
    sys.exit(main())
