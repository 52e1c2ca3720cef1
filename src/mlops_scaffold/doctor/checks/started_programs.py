"""Training programs a service starts as a process of its own: its Python code runs
`subprocess.check_call([sys.executable, "scripts/train.py"])` at startup, or the image's
entrypoint script runs `python scripts/run_pipeline.py` before the server (IMG002)."""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Callable, Iterable

from mlops_scaffold.doctor.checks.base import TRAINING_CODE, TextOf, TreeOf
from mlops_scaffold.doctor.pycode import calls, dotted
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Dockerfile

# Calls that start a program: `subprocess.run(...)`, `os.system("python train.py")`.
PROCESS_CALL = lazy_pattern(
    r"^(?:subprocess\.)?(?:run|call|check_call|check_output|Popen)$|^os\.(?:system|popen)$"
)
# A Python script a shell line runs: `python scripts/train.py`, `python3 -u /app/fit.py`.
SHELL_PYTHON = lazy_pattern(r"\bpython(?:3(?:\.\d+)?)?(?:[ \t]+-\w+)*[ \t]+([\w./-]+\.py)\b")
PY_PATH = lazy_pattern(r"^[\w./-]+\.py$")


def started_by_code(
    serving_path: Iterable[str],
    training_files: list[str],
    syntax_tree: TreeOf,
    text: TextOf,
    file_set: frozenset[str],
    launches_training: Callable[[str], bool] = lambda script: False,
) -> str | None:
    """The first training program (see `training_program`) a module of the service runs
    as a process (`subprocess.check_call([sys.executable, "scripts/train.py"])`), or the
    first script it runs that `launches_training` (what the script imports trains:
    `os.system("python main.py")`, main.py running each stage of a training pipeline)."""
    for rel in sorted(r for r in serving_path if r.endswith(".py")):
        tree = syntax_tree(rel)
        for call in calls(tree) if tree is not None else ():
            if not PROCESS_CALL.search(dotted(call.func)):
                continue
            for word in _words(call):
                script = resolve(word, file_set)
                if script is not None and (
                    training_program(script, training_files, text) or launches_training(script)
                ):
                    return script
    return None


def _words(call: ast.Call) -> Iterable[str]:
    """The script paths a call's string arguments name (`"scripts/train.py"`, or the
    script of `"python scripts/train.py --fast"`)."""
    for node in (n for arg in call.args for n in ast.walk(arg)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if PY_PATH.match(node.value):
                yield node.value
            yield from (m[1] for m in SHELL_PYTHON.finditer(node.value))


def started_by_entrypoint(
    dockerfile: Dockerfile,
    context: str,
    training_files: list[str],
    text: TextOf,
    file_set: frozenset[str],
) -> tuple[str, str] | None:
    """(the script, the training program) when the final stage's ENTRYPOINT or CMD runs a
    shell script the image copies from the repository (`COPY docker/entrypoint.sh
    /app/entrypoint.sh`) that runs a training program (`python scripts/run_pipeline.py`),
    whatever condition guards it: the image trains when it starts."""
    for script in entrypoint_scripts(dockerfile, context, file_set):
        for match in SHELL_PYTHON.finditer(text(script) or ""):
            program = resolve(match[1], file_set)
            if program is not None and training_program(program, training_files, text):
                return script, program
    return None


def entrypoint_scripts(dockerfile: Dockerfile, context: str, file_set: frozenset[str]) -> list[str]:
    """The shell scripts of the repository the final stage's ENTRYPOINT or CMD runs, as
    the image copies them in (`COPY docker/entrypoint.sh /app/entrypoint.sh`, then
    `ENTRYPOINT ["/app/entrypoint.sh"]`)."""
    if not dockerfile.stages:
        return []
    final = dockerfile.stages[-1]
    started = [
        word.strip("\"',[]")
        for i in final
        if i.keyword in ("ENTRYPOINT", "CMD")
        for word in i.arguments.split()
        if word.strip("\"',[]").endswith(".sh")
    ]
    sources = [
        posixpath.normpath(posixpath.join(context, s)) for i in final for s in i.copied_sources
    ]
    copied = {posixpath.basename(source): source for source in sources}
    found = []
    for word in started:
        script = copied.get(posixpath.basename(word))
        if script is None:  # in a folder copied whole (`COPY scripts/ ./scripts/`)
            named = resolve(word, file_set)
            inside = named is not None and any(
                s == "." or named.startswith(f"{s}/") for s in sources
            )
            script = named if inside else None
        if script is not None and script in file_set:
            found.append(script)
    return found


def resolve(path: str, file_set: frozenset[str]) -> str | None:
    """The repository file a script path names: the path itself, or the one file whose
    path ends with it (`/app/scripts/train.py` in the image is scripts/train.py)."""
    clean = posixpath.normpath(path).lstrip("/")
    if clean in file_set:
        return clean
    parts = clean.split("/")
    for start in range(len(parts)):
        tail = "/".join(parts[start:])
        found = [rel for rel in file_set if rel == tail or rel.endswith(f"/{tail}")]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def training_program(rel: str, training_files: list[str], text: TextOf) -> bool:
    """Whether a script is a training program: a training file of the repository that
    fits a model itself (`.fit(`, `.train(`, `Trainer(`)."""
    return rel in training_files and bool(TRAINING_CODE.search(text(rel) or ""))


ARG_DECLARATION = lazy_pattern(r"^([A-Za-z_]\w*)(?:=(\S*))?")


def built_both_ways(
    dockerfile: Dockerfile,
    scripts: dict[str, str],
    training_files: list[str],
    service_files: list[str],
    text: TextOf,
    file_set: frozenset[str],
) -> tuple[str, str, str] | None:
    """(the argument, a training value, a serving value) when one Dockerfile builds both
    images through a build argument its instructions use (`ARG entry=preprocessing`, `CMD
    python -m $entry`): among its default and the values builds pass (`docker build
    --build-arg entry=test`, in a script, CI or a Makefile), one names a training program
    of the repository and another a service's module."""
    declared: dict[str, str] = {}
    for instruction in dockerfile.instructions:
        found = ARG_DECLARATION.match(instruction.arguments.strip())
        if instruction.keyword == "ARG" and found:
            declared[found[1]] = (found[2] or "").strip("\"'")
    for name, default in declared.items():
        use = re.compile(rf"\$\{{?{name}\b")
        if not any(i.keyword != "ARG" and use.search(i.arguments) for i in dockerfile.instructions):
            continue
        passed = re.compile(rf"--build-arg[ =]+[\"']?{name}=([\w./-]+)")
        values = [default, *(m[1] for body in scripts.values() for m in passed.finditer(body))]
        training = serving = None
        for value in (v for v in values if v):
            module = resolve(value.replace(".", "/").removesuffix("/py") + ".py", file_set)
            if module is None:
                continue
            if training is None and training_program(module, training_files, text):
                training = value
            elif serving is None and module in service_files:
                serving = value
        if training is not None and serving is not None:
            return name, training, serving
    return None
