"""Task runners' files and CI files read as tables of commands: pure parsers.

Makefiles (targets, prerequisites, variables), justfiles, go-task's Taskfile, mise / pixi /
poe / taskipy / pdm / hatch tasks, Rye and Pipenv scripts, devbox.json and package.json
scripts, tox environments, nox sessions, invoke tasks, dvc.yaml stages, MLproject entry
points, and the shell lines of every CI system's jobs. The command graph (`commands`)
follows them; nothing here decides what a command means.
"""

from __future__ import annotations

import ast
import posixpath
import re
import shlex
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import PurePosixPath
from typing import Any, NamedTuple, Protocol

from mlops_scaffold.doctor.pycode import walked
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.parsers import JENKINSFILE_NAME, Dockerfile, table
from mlops_scaffold.repo.view import (
    CDK_SOURCES,
    CLOUD_BUILD_CONFIG,
    CODEBUILD_SPEC,
    is_azure_pipeline,
)


class Task(NamedTuple):
    """A named task of a task runner: where it is declared, what it runs, what it needs."""

    runner: str
    name: str
    path: str
    lines: tuple[tuple[int | None, str], ...]
    """(line, shell text) of each command it runs."""
    needs: tuple[str, ...] = ()
    """Other tasks of the same runner that run first (prerequisites, `depends`)."""


class Source(Protocol):
    """What the graph reads from a repository view."""

    @property
    def file_set(self) -> frozenset[str]: ...

    @property
    def pyproject(self) -> dict[str, Any]: ...

    def text(self, rel: str) -> str | None: ...

    def load_yaml(self, rel: str) -> Any: ...

    def yaml_documents(self, rel: str) -> list[Any] | None: ...

    def syntax_tree(self, rel: str) -> ast.Module | None: ...

    @property
    def dockerfiles(self) -> list[Dockerfile]: ...

    @property
    def image_builds(self) -> dict[str, tuple[str, str | None]]: ...


# -- task tables --------------------------------------------------------------------------

MAKE_RULE = lazy_pattern(r"^([^\s:=#][^:=#]*?)\s*::?(?![=])\s*([^;#]*?)\s*(?:;\s*(.*))?$")
MAKE_VARIABLE = lazy_pattern(r"^(?:export\s+|override\s+)?([A-Za-z_][\w.]*)\s*[:?+!]?=\s*(.*)$")
JUST_RECIPE = lazy_pattern(r"^@?([A-Za-z_][\w-]*)((?:\s+[^:=\s][^:=]*)?)\s*:(?!=)\s*(.*)$")


def _is_argv(value: list[str]) -> bool:
    """Whether a TOML list is one command's words (`["pytest", "-x"]`) rather than commands."""
    return all(" " not in v or v.startswith("-") for v in value)


def makefile_tasks(rel: str, text: str) -> dict[str, Task]:
    """Targets of a Makefile -> their recipe lines and prerequisites."""
    variables: dict[str, str] = {}
    rules: dict[str, tuple[int, list[tuple[int | None, str]], list[str]]] = {}
    current: list[str] = []
    lines = text.replace("\\\n", " \n").splitlines()
    for number, raw in enumerate(lines, start=1):
        if raw.startswith("\t"):
            recipe = _ignoring_errors(raw.strip())
            if recipe and current:
                for target in current:
                    rules[target][1].append((number, recipe))
            continue
        raw = re.sub(r"(?<!\\)#.*", "", raw).rstrip()
        stripped = raw.strip()
        if not stripped:
            continue
        variable = MAKE_VARIABLE.match(stripped)
        if variable:
            variables.setdefault(variable.group(1), variable.group(2).split("#", 1)[0].strip())
            current = []
            continue
        rule = MAKE_RULE.match(raw)
        if not rule or raw.startswith((" ", "ifeq", "ifdef", "ifndef", "else", "endif", "include")):
            current = []
            continue
        current = [t for t in rule.group(1).split() if not t.startswith(".") and "%" not in t]
        for target in current:
            entry = rules.setdefault(target, (number, [], []))
            entry[2].extend(rule.group(2).split())
            if rule.group(3):
                entry[1].append((number, rule.group(3)))
    return {
        name: Task(
            "make",
            name,
            rel,
            tuple((line, _expand(command, variables)) for line, command in recipes),
            tuple(needs),
        )
        for name, (_, recipes, needs) in rules.items()
    }


def _ignoring_errors(line: str) -> str:
    """A recipe line without make's or just's prefixes (`@` quiet, `+` always run, `-`
    ignore errors); one marked `-` written as the shell says the same: `cmd || true`, its
    failure fails nothing (`-pytest ./tests` never fails `make test`)."""
    recipe = line.lstrip("@-+ ")
    ignored = "-" in line[: len(line) - len(recipe)]
    return f"{recipe} || true" if recipe and ignored else recipe


def _expand(command: str, variables: Mapping[str, str]) -> str:
    """Make variables substituted (twice, for one level of nesting)."""
    for _ in range(2):
        command = re.sub(
            r"\$[({]([A-Za-z_][\w.]*)[)}]",
            lambda m: variables.get(m.group(1), m.group(0)),
            command,
        )
    return command.replace("$(MAKE)", "make").replace("${MAKE}", "make")


def justfile_tasks(rel: str, text: str) -> dict[str, Task]:
    """Recipes of a justfile -> their body lines and dependencies."""
    tasks: dict[str, Task] = {}
    name = ""
    body: list[tuple[int | None, str]] = []
    needs: list[str] = []
    for number, raw in enumerate([*text.splitlines(), "<end>"], start=1):
        if raw[:1] in (" ", "\t"):
            if name and raw.strip():
                body.append((number, _ignoring_errors(raw.strip())))
            continue
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if name:
            tasks[name] = Task("just", name, rel, tuple(body), tuple(needs))
        recipe = JUST_RECIPE.match(raw)
        name, body = "", []
        if recipe and not raw.startswith(("set ", "export ", "alias ", "import ", "mod ")):
            name = recipe.group(1)
            words = [re.sub(r"\(.*", "", w).lstrip("(") for w in recipe.group(3).split()]
            needs = [w for w in words if re.fullmatch(r"[A-Za-z_][\w-]*", w)]
    return tasks


def line_of_command(text: str, command: str, start: int = 1) -> int | None:
    """The line where `command`'s first line is written in `text`, from line `start` on."""
    first = next((line.strip() for line in command.splitlines() if line.strip()), "")
    if not first:
        return None
    lines = text.splitlines()
    order: list[int] = list(range(start, len(lines) + 1)) + list(range(1, start))
    return next((number for number in order if first in lines[number - 1]), None)


def _declared_at(text: str, name: str) -> int:
    """The line declaring task `name` (`[tasks.NAME]`, `NAME = ...`), else 1."""
    key = re.escape(name)
    pattern = re.compile(rf"""^\s*(?:\[[\w.-]*\.["']?{key}["']?\]|["']?{key}["']?\s*=)""", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


Locate = Callable[[str], "int | None"]


def toml_tasks(
    runner: str, rel: str, text: str, tasks: Mapping[str, Any], run_keys: tuple[str, ...]
) -> dict[str, Task]:
    """mise / pixi / poe / pdm tasks: `name = "cmd"` or `{run|cmd|shell = ..., depends = [...]}`."""
    found: dict[str, Task] = {}
    for name, spec in tasks.items():
        start = _declared_at(text, str(name))
        commands: list[tuple[int | None, str]] = []
        needs: list[str] = []

        def locate(command: str, start: int = start) -> int | None:
            return line_of_command(text, command, start)

        if isinstance(spec, (str, list)):
            commands = _task_lines(runner, spec, locate)
            if runner == "poe" and isinstance(spec, list):  # a sequence of task names or cmds
                needs, commands = _poe_sequence(spec, tasks, locate)
        elif isinstance(spec, Mapping):
            for key in run_keys:
                if key in spec:
                    commands += _task_lines(runner, spec[key], locate)
            if runner == "poe" and isinstance(spec.get("sequence"), list):
                more_needs, more = _poe_sequence(spec["sequence"], tasks, locate)
                needs += more_needs
                commands += more
            for key in ("depends", "depends-on", "depends_on", "deps", "ref", "composite"):
                value = spec.get(key)
                for item in [value] if isinstance(value, str) else _list(value):
                    if isinstance(item, Mapping) and isinstance(item.get("task"), str):
                        needs.append(item["task"])
                    elif isinstance(item, str) and item.split() and item.split()[0] in tasks:
                        needs.append(item.split()[0])
                    elif isinstance(item, str):
                        commands.append((locate(item), item))
        found[str(name)] = Task(runner, str(name), rel, tuple(commands), tuple(needs))
    return found


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _task_lines(runner: str, value: Any, locate: Locate) -> list[tuple[int | None, str]]:
    if isinstance(value, str):
        return [(locate(value), value)]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        if runner == "pixi" and _is_argv(value):  # pixi's `cmd = ["pytest", "-x"]`
            joined = " ".join(map(shlex.quote, value))
            return [(locate(value[0]), joined)]
        return [(locate(v), v) for v in value]
    return []


def _poe_sequence(
    items: list[Any], tasks: Mapping[str, Any], locate: Locate
) -> tuple[list[str], list[tuple[int | None, str]]]:
    needs: list[str] = []
    commands: list[tuple[int | None, str]] = []
    for item in items:
        if isinstance(item, str) and item in tasks:
            needs.append(item)
        elif isinstance(item, str):
            commands.append((locate(item), item))
        elif isinstance(item, Mapping):
            for key in ("cmd", "shell"):
                if isinstance(item.get(key), str):
                    commands.append((locate(item[key]), item[key]))
            if isinstance(item.get("ref"), str):
                needs.append(item["ref"].split()[0])
    return needs, commands


def taskfile_tasks(rel: str, text: str, document: Any) -> dict[str, Task]:
    """go-task's Taskfile.yml: each task's `cmds` (a shell line, `{cmd: ...}`, or `{task:
    NAME}` calling another task) and `deps`; a task may be one command or a list of them."""
    specs = table(document, "tasks") if isinstance(document, Mapping) else {}
    tasks: dict[str, Task] = {}
    for name, spec in specs.items():
        start = _declared_at_yaml(text, str(name))
        commands: list[tuple[int | None, str]] = []
        needs: list[str] = []
        body = spec if isinstance(spec, (str, list)) else None
        if isinstance(spec, Mapping):
            body = spec.get("cmds", spec.get("cmd"))
            for dep in _list(spec.get("deps")):
                called = dep.get("task") if isinstance(dep, Mapping) else dep
                if isinstance(called, str):
                    needs.append(called)
        for item in [body] if isinstance(body, str) else _list(body):
            if isinstance(item, Mapping) and isinstance(item.get("task"), str):
                needs.append(item["task"])
            command = item.get("cmd") if isinstance(item, Mapping) else item
            if isinstance(command, str):
                commands.append((line_of_command(text, command, start), command))
        tasks[str(name)] = Task("task", str(name), rel, tuple(commands), tuple(needs))
    return tasks


def included_taskfile_tasks(source: Source, rel: str, namespace: str = "") -> dict[str, Task]:
    """A Taskfile's tasks and those of the Taskfiles it `includes` (`ml_server: {taskfile:
    ml_server/Taskfile.yaml}`, or a folder holding one), each named in its namespace as
    `task ml_server:test` calls it; an included task's calls stay in its namespace."""
    document = source.load_yaml(rel)
    own = taskfile_tasks(rel, source.text(rel) or "", document)
    prefix = f"{namespace}:" if namespace else ""
    tasks = {
        prefix + name: task._replace(
            name=prefix + name,
            needs=tuple(n[1:] if n.startswith(":") else prefix + n for n in task.needs),
        )
        for name, task in own.items()
    }
    if namespace.count(":") >= INCLUDE_DEPTH - 1:
        return tasks
    for name, spec in table(document, "includes").items():
        target = spec.get("taskfile") if isinstance(spec, Mapping) else spec
        included = _taskfile_at(source, rel, target) if isinstance(target, str) else None
        if included is not None and included != rel:
            tasks.update(included_taskfile_tasks(source, included, prefix + str(name)))
    return tasks


INCLUDE_DEPTH = 3
"""How deep Taskfiles' `includes` are followed (a Taskfile including one that includes)."""


def _taskfile_at(source: Source, including: str, target: str) -> str | None:
    """The Taskfile an `includes` entry names, relative to the including file's folder:
    the file itself, or go-task's file names inside a folder."""
    folder = PurePosixPath(including).parent
    path = PurePosixPath(posixpath.normpath(folder / target))
    if str(path) in source.file_set:
        return str(path)
    return next((f"{path}/{n}" for n in TASKFILES if f"{path}/{n}" in source.file_set), None)


def _declared_at_yaml(text: str, name: str) -> int:
    """The line of a YAML key `name:` (a task's), else 1."""
    match = re.search(rf"""^\s*["']?{re.escape(name)}["']?\s*:""", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def devbox_tasks(rel: str, text: str, document: Any) -> dict[str, Task]:
    """devbox.json's `shell.scripts`: `devbox run NAME` runs a command or a list of them."""
    scripts = table(document, "shell", "scripts") if isinstance(document, Mapping) else {}
    tasks: dict[str, Task] = {}
    for name, body in scripts.items():
        commands = [body] if isinstance(body, str) else _list(body)
        lines = tuple((line_of_command(text, c), c) for c in commands if isinstance(c, str))
        tasks[str(name)] = Task("devbox", str(name), rel, lines)
    return tasks


def npm_tasks(rel: str, text: str, document: Any) -> dict[str, Task]:
    """package.json's `scripts`: `npm run NAME` (`npm test`, `npm start`) runs a command."""
    scripts = document.get("scripts") if isinstance(document, Mapping) else None
    tasks: dict[str, Task] = {}
    for name, command in scripts.items() if isinstance(scripts, Mapping) else ():
        if isinstance(command, str):
            key = re.search(rf'^\s*"{re.escape(str(name))}"\s*:', text, re.M)
            line = text.count("\n", 0, key.start()) + 1 if key else None
            tasks[str(name)] = Task("npm", str(name), rel, ((line, command),))
    return tasks


def rye_tasks(rel: str, text: str, scripts: Mapping[str, Any]) -> dict[str, Task]:
    """Rye's `[tool.rye.scripts]`: a command (a string, or a list of its words), `{cmd =
    ...}`, or `{chain = [NAME, ...]}` running other scripts one after another."""
    tasks: dict[str, Task] = {}
    for name, spec in scripts.items():
        command = spec.get("cmd") if isinstance(spec, Mapping) else spec
        if isinstance(command, list) and all(isinstance(word, str) for word in command):
            command = shlex.join(command)
        lines: tuple[tuple[int | None, str], ...] = ()
        if isinstance(command, str):
            lines = ((line_of_command(text, command, _declared_at(text, str(name))), command),)
        chain = spec.get("chain") if isinstance(spec, Mapping) else None
        needs = tuple(str(n) for n in _list(chain) if isinstance(n, str))
        tasks[str(name)] = Task("rye", str(name), rel, lines, needs)
    return tasks


def tox_tasks(rel: str, text: str) -> dict[str, Task]:
    """tox environments of tox.ini / setup.cfg (`[testenv]`, `[testenv:NAME]`) -> commands."""
    import configparser  # imported here: most repositories have no INI file to read

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return {}
    tasks: dict[str, Task] = {}
    for section in parser.sections():
        if section != "testenv" and not section.startswith("testenv:"):
            continue
        commands = parser.get(section, "commands", fallback="")
        lines = [
            (line_of_command(text, first), _without_posargs(line))
            for first, line in _joined_lines(commands)
            if line and not line.startswith("#")
        ]
        name = section.partition(":")[2] or "testenv"
        tasks[name] = Task("tox", name, rel, tuple(lines))
    return tasks


# tox-gh-actions' mapping of the Python (and other factors) a GitHub job runs on to the
# environments a bare `tox` then runs: `[gh-actions]` / `[gh-actions:env]` in tox.ini or
# setup.cfg (`3.9: py39`, `ubuntu-latest: linux`).
GH_ACTIONS_SECTION = lazy_pattern(r"(?ms)^\[gh-actions(?::env)?\][ \t]*$(.*?)(?=^\[|\Z)")
GH_ACTIONS_FACTOR = lazy_pattern(r"(?m)^[ \t]+[^\s:=#]+[ \t]*:[ \t]*([^\n#]+)")


def gh_actions_factors(text: str) -> frozenset[str]:
    """The factors tox-gh-actions maps GitHub's jobs to (`py39`, `linux`): under GitHub
    Actions a bare `tox` runs only the environments made of them, not `lint` beside them.
    Empty when the configuration has no mapping."""
    factors: set[str] = set()
    for section in GH_ACTIONS_SECTION.finditer(text):
        for mapped in GH_ACTIONS_FACTOR.finditer(section.group(1)):
            factors.update(f for f in re.split(r"[\s,]+", mapped.group(1)) if f)
    return frozenset(factors)


def _joined_lines(commands: str) -> list[tuple[str, str]]:
    """tox's command lines, a line ending in a backslash continued on the next one:
    (the first line as written, the whole command)."""
    joined: list[tuple[str, str]] = []
    first, pending = "", ""
    for raw in commands.splitlines():
        line = raw.strip()
        first = first or line
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        joined.append((first, " ".join((pending + line).split())))
        first, pending = "", ""
    return joined + ([(first, " ".join(pending.split()))] if pending.strip() else [])


# tox's `{posargs}`, or `{posargs:default words}` run when no arguments are given.
POSARGS = lazy_pattern(r"\{posargs(?::([^{}]*))?\}")


def _without_posargs(line: str) -> str:
    """A tox command as run without arguments: `{posargs:flake8 src}` is `flake8 src`."""
    return POSARGS.sub(lambda m: m.group(1) or "", line).strip()


def tox_toml_tasks(rel: str, text: str, document: Mapping[str, Any]) -> dict[str, Task]:
    """tox's native TOML (`tox.toml`, `[tool.tox]`): `env_run_base` and `env.NAME` commands."""
    legacy = document.get("legacy_tox_ini")
    if isinstance(legacy, str):
        return tox_tasks(rel, legacy)
    environments = {"testenv": table(document, "env_run_base")}
    environments |= {str(k): table(document, "env", str(k)) for k in table(document, "env")}
    tasks: dict[str, Task] = {}
    for name, environment in environments.items():
        commands = environment.get("commands")
        lines = [
            (line_of_command(text, str(words[0])), " ".join(map(shlex.quote, map(str, words))))
            for words in (commands if isinstance(commands, list) else [])
            if isinstance(words, list) and words
        ]
        tasks[name] = Task("tox", name, rel, tuple(lines))
    return tasks


def nox_tasks(rel: str, text: str) -> dict[str, Task]:
    """nox sessions (`@nox.session` functions) -> their `session.run(...)` commands."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return {}
    tasks: dict[str, Task] = {}
    for node in walked(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        name = _session_name(node)
        if name is None:
            continue
        lines: list[tuple[int | None, str]] = []
        needs: list[str] = []
        for call in ast.walk(node):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
                continue
            words = [
                a.value
                for a in call.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            if call.func.attr in ("run", "run_always", "run_install") and words:
                lines.append((call.lineno, " ".join(map(shlex.quote, words))))
            elif call.func.attr == "notify" and words:
                needs.append(words[0])
        tasks[name] = Task("nox", name, rel, tuple(lines), tuple(needs))
    return tasks


def invoke_tasks(rel: str, text: str, collection: str = "") -> dict[str, Task]:
    """invoke's tasks.py: each `@task` function -> its `c.run("...")` commands, and the
    tasks it runs first (`@task(clean)`, `@task(pre=[clean])`). Invoke names a task
    `build-docs` for `def build_docs`; both names are kept. The module of a `tasks/`
    package is a `collection`: its tasks are `checks.code`, and `checks` alone runs the
    one marked `@task(default=True)`."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return {}
    prefix = f"{collection}." if collection else ""
    tasks: dict[str, Task] = {}
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        decorator = next((d for d in node.decorator_list if _names_task(d)), None)
        if decorator is None:
            continue
        needs: list[str] = []
        if isinstance(decorator, ast.Call):
            pre = [k.value for k in decorator.keywords if k.arg == "pre"]
            listed = [e for p in pre if isinstance(p, (ast.List, ast.Tuple)) for e in p.elts]
            needs = [prefix + e.id for e in [*decorator.args, *listed] if isinstance(e, ast.Name)]
        lines = [
            (call.lineno, call.args[0].value)
            for call in ast.walk(node)
            if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in ("run", "sudo")
            and call.args
            and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str)
        ]
        # In this order, not a set's: the first name a command is found under is the one a
        # finding quotes, and a set's order changes from run to run (str hashes are salted).
        names = dict.fromkeys([prefix + node.name, prefix + node.name.replace("_", "-")])
        if collection and _invoke_default(decorator):
            names[collection] = None
        for name in names:
            tasks[name] = Task("invoke", name, rel, tuple(lines), tuple(needs))
    return tasks


def _invoke_default(decorator: ast.expr) -> bool:
    """Whether a `@task(...)` marks its collection's default task (`default=True`)."""
    return isinstance(decorator, ast.Call) and any(
        k.arg == "default" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in decorator.keywords
    )


def _names_task(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    named = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return bool(named == "task")


def _session_name(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        named = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if named != "session":
            continue
        if isinstance(decorator, ast.Call):
            for keyword in decorator.keywords:
                if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
        return node.name
    return None


def dvc_tasks(rel: str, text: str, document: Any) -> dict[str, Task]:
    """dvc.yaml stages -> their `cmd` (a string or a list of commands); a `foreach` stage
    keeps its command under `do` (`do: {cmd: python train.py --dataset ${item}}`)."""
    stages = table(document, "stages") if isinstance(document, Mapping) else {}
    tasks: dict[str, Task] = {}
    for name, stage in stages.items():
        body = stage.get("do", stage) if isinstance(stage, Mapping) else None
        command = body.get("cmd") if isinstance(body, Mapping) else None
        commands = [command] if isinstance(command, str) else _list(command)
        lines = tuple((line_of_command(text, c), c) for c in commands if isinstance(c, str))
        if lines:
            tasks[str(name)] = Task("dvc", str(name), rel, lines)
    return tasks


def mlproject_file(file_set: frozenset[str]) -> str | None:
    """The root's MLflow project file, named as MLflow finds it: `MLproject` in any case
    (`MLProject` runs with `mlflow run .` too)."""
    if "MLproject" in file_set:
        return "MLproject"
    return min((rel for rel in file_set if rel.lower() == "mlproject"), default=None)


def mlproject_tasks(rel: str, text: str, document: Any) -> dict[str, Task]:
    """MLproject entry points -> their `command`."""
    points = table(document, "entry_points") if isinstance(document, Mapping) else {}
    tasks: dict[str, Task] = {}
    for name, point in points.items():
        command = point.get("command") if isinstance(point, Mapping) else None
        if isinstance(command, str):
            tasks[str(name)] = Task(
                "mlflow", str(name), rel, ((line_of_command(text, command), command),)
            )
    return tasks


def kedro_tasks(rel: str, text: str) -> dict[str, Task]:
    """A Kedro project (`[tool.kedro]`): Kedro's CLI runs its registered pipelines."""
    line = next(
        (n for n, row in enumerate(text.splitlines(), 1) if row.strip() == "[tool.kedro]"), None
    )
    return {"run": Task("kedro", "run", rel, ((line, "kedro run"),))}


# -- CI entry points ----------------------------------------------------------------------

# The keys of an Azure Pipelines step that hold shell text: a shell step's, and a task's
# inline script (`AzureCLI@2`'s `inlineScript`) or the script file it runs (`Bash@3`'s
# `filePath`, `AzureCLI@2`'s `scriptPath`), a path the shell runs as a command.
AZURE_SHELL_KEYS = frozenset(
    {"script", "bash", "pwsh", "powershell", "inlineScript", "filePath", "scriptPath"}
)
# CI system (a path pattern) -> the keys whose values are shell text run by a job.
CI_SHELL_KEYS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = tuple(
    (lazy_pattern(pattern), frozenset(keys))
    for pattern, keys in (
        (
            r"^\.(?:github|gitea|forgejo)/workflows/[^/]+\.ya?ml$|(?:^|/)action\.ya?ml$",
            {"run"},
        ),
        (
            r"(?:^|/)\.gitlab-ci\.ya?ml$|^\.gitlab/.+\.ya?ml$",
            {"script", "before_script", "after_script"},
        ),
        # CodeBuild's phases, before Azure's: a buildspec under pipelines/ is no Azure one.
        (CODEBUILD_SPEC.pattern, {"commands"}),
        (
            r"(?:^|/)azure-pipelines[^/]*\.ya?ml$|^\.?(?:azure-)?pipelines/.+\.ya?ml$",
            AZURE_SHELL_KEYS,
        ),
        (r"^\.circleci/[^/]+\.ya?ml$", {"run", "command"}),
        (r"^bitbucket-pipelines\.ya?ml$", {"script"}),
        (r"^\.travis\.ya?ml$", {"script", "install", "before_script", "before_install"}),
        (r"^\.woodpecker\.ya?ml$|^\.woodpecker/[^/]+\.ya?ml$|^\.drone\.ya?ml$", {"commands"}),
        (r"^\.buildkite/[^/]+\.ya?ml$", {"command", "commands"}),
        (r"^\.tekton/[^/]+\.ya?ml$", {"script"}),  # a step's shell script
        (  # AppVeyor's phases, each a list of commands
            r"^\.?appveyor\.ya?ml$",
            {"install", "before_build", "build_script", "after_build"}
            | {"before_test", "test_script", "after_test"},
        ),
        (r"^\.semaphore/[^/]+\.ya?ml$", {"commands"}),  # a job's, a prologue's commands
    )
)
JENKINSFILE = lazy_pattern(rf"(?:^|/){JENKINSFILE_NAME}$")
GITLAB_CI_NAME = lazy_pattern(r"\.gitlab-ci\.ya?ml")
JENKINS_SH = lazy_pattern(
    r"""\b(?:sh|bat)\s*\(?\s*(?:script\s*:\s*)?(?:'''(.*?)'''|\"\"\"(.*?)\"\"\"|'([^'\n]*)'|"([^"\n]*)")""",
    re.S,
)
# GitHub Actions that run a linter or the tests themselves (lower-case name -> the
# command they run).
ACTION_PROGRAMS = {
    "astral-sh/ruff-action": "ruff",
    "chartboost/ruff-action": "ruff",
    # its `options` input defaults to "--check --diff": it checks unless told otherwise
    "psf/black": "black --check --diff",
    "pre-commit/action": "pre-commit",
    "py-actions/flake8": "flake8",
    "truebrain/actions-flake8": "flake8",  # flake8 over `path`, failing on its errors
    "rickstaa/action-black": "black --check",  # `black_args` default "." with --check
    "jamescurtin/isort-action": "isort --check-only",
    "isort/isort-action": "isort",
    "pre-commit-ci/lite-action": "pre-commit",
    "quantco/pre-commit-conda": "pre-commit",  # the hooks, in a conda environment
    # runs pytest (its `custom-pytest` input, `pixi run test`, replaces the command)
    "pavelzw/pytest-action": "pytest",
    # runs `yapf --diff --recursive` over the checkout and fails on a diff
    "alexandermelde/yapf-action": "yapf --diff --recursive .",
}
# Keys of a job specification (Anyscale, Ray, Kubernetes, compose) that hold its command.
JOB_KEYS = frozenset({"entrypoint", "command", "cmd", "args"})
USES_LINE = lazy_pattern(r"""^\s*(?:-\s*)?uses:\s*['"]?([^\s'"@#]+)""", re.M)


class CiShell(NamedTuple):
    """A shell text a CI file runs: where, in which folder, and whether the CI system
    lets it fail (`continue-on-error: true`, `allow_failure: true`)."""

    line: int | None
    text: str
    cwd: str
    may_fail: bool = False


def ci_shell_texts(rel: str, text: str, document: Any) -> Iterator[CiShell]:
    """Every shell text a CI file runs."""
    if JENKINSFILE.search(rel):
        folders = _jenkins_folders(text)
        for match in JENKINS_SH.finditer(text):
            body = next(g for g in match.groups() if g is not None)
            inside = [f for start, end, f in folders if start < match.start() < end]
            cwd = normalise("/".join(inside)) if inside else "."
            yield CiShell(text.count("\n", 0, match.start()) + 1, body, cwd)
        return
    if rel.endswith(CDK_SOURCES):
        yield from _listed_commands(text)
        return
    reader = next((read for pattern, read in ARGV_STEP_READERS if pattern.search(rel)), None)
    if reader is not None:
        line = 0
        for words, cwd, may_fail in reader(document):
            found = line_of_command(text, words[-1], line + 1) or line_of_command(text, words[0])
            line = found or line
            yield CiShell(found, shlex.join(words), cwd, may_fail)
        return
    keys = next((k for p, k in CI_SHELL_KEYS if p.search(rel)), None)
    if keys is None:  # an Azure Pipelines definition kept at any other path
        keys = AZURE_SHELL_KEYS if is_azure_pipeline(document) else frozenset()
    line = 0  # texts come in the file's order: each is looked for after the one before
    checkout = CIRCLECI_CHECKOUT if CIRCLECI_FILE.search(rel) else None
    off = _switched_off(document)
    for value, cwd, may_fail in _shells(document, keys, _ci_root(rel), False, checkout, off):
        found = line_of_command(text, value, line + 1)
        line = found or line
        yield CiShell(found, value, cwd, may_fail)
    for match in USES_LINE.finditer(text):
        program = ACTION_PROGRAMS.get(match.group(1).lower())
        if program:
            yield CiShell(text.count("\n", 0, match.start()) + 1, program, ".")
    if GITHUB_WORKFLOW.search(rel):
        for value, may_fail in _command_inputs(document):
            yield CiShell(line_of_command(text, value), value, ".", may_fail)
        for command, may_fail in _action_builds(document):
            yield CiShell(line_of_command(text, BUILD_PUSH_ACTION), command, ".", may_fail)
        for expression, command, cwd, may_fail in _matrix_runs(document, keys, _ci_root(rel)):
            yield CiShell(line_of_command(text, expression), command, cwd, may_fail)


# A GitHub step's `run:` that names a matrix variable (`run: ${{ matrix.command }}`).
MATRIX_VARIABLE = lazy_pattern(r"\$\{\{\s*matrix\.([\w-]+)\s*\}\}")


def _matrix_runs(
    document: Any, keys: frozenset[str], root: str
) -> Iterator[tuple[str, str, str, bool]]:
    """The commands a GitHub step whose `run:` names one matrix variable runs, one for each
    value the job's matrix gives it (its list, or its `include:` entries: `run: ${{
    matrix.command }}` with `command: make lint` and `command: make test`): the step's
    text, each command, and its folder and whether it may fail (as `_shells` reads them)."""
    jobs = table(document, "jobs") if isinstance(document, Mapping) else {}
    here = _working_directory(document, root, None)[0] if jobs else root
    for job in jobs.values():
        matrix = table(job, "strategy", "matrix")
        for run, cwd, may_fail in _shells(job, keys, here, False) if matrix else ():
            named = set(MATRIX_VARIABLE.findall(run))
            if len(named) == 1:
                for value in _matrix_values(matrix, named.pop()):
                    yield run, MATRIX_VARIABLE.sub(value, run), cwd, may_fail


def _matrix_values(matrix: Mapping[str, Any], key: str) -> list[str]:
    """The text values a GitHub job's matrix gives one variable: its own list, and those its
    `include:` entries set."""
    listed = matrix.get(key)
    values = list(listed) if isinstance(listed, list) else []
    values += [
        entry.get(key) for entry in _list(matrix.get("include")) if isinstance(entry, Mapping)
    ]
    return [value for value in dict.fromkeys(values) if isinstance(value, str)]


# Docker's action that builds an image (`uses: docker/build-push-action@v6` with its
# `context`, `file` and `target` inputs): a `docker build` of that stage.
BUILD_PUSH_ACTION = "docker/build-push-action"


def _action_builds(document: Any) -> Iterator[tuple[str, bool]]:
    """The `docker build` each step using Docker's build-push action runs
    (`docker build --target test -f docker/Dockerfile docker` for `with: {context:
    ./docker, target: test}`), with whether the job or step may fail: the RUN lines of
    the stages it builds run in CI (`RUN python -m pytest` in a test stage)."""
    for step, may_fail in _steps_using(document, False):
        if not str(step["uses"]).lower().startswith(f"{BUILD_PUSH_ACTION}@"):
            continue
        inputs = step.get("with")
        inputs = inputs if isinstance(inputs, Mapping) else {}
        context = str(inputs.get("context") or ".")
        words = ["docker", "build"]
        if inputs.get("target"):
            words += ["--target", str(inputs["target"])]
        dockerfile = inputs.get("file")
        words += ["-f", str(dockerfile) if dockerfile else f"{context}/Dockerfile", context]
        yield shlex.join(words), may_fail


def _steps_using(document: Any, may_fail: bool) -> Iterator[tuple[Mapping[str, Any], bool]]:
    """Every GitHub job or step that `uses:` an action or a reusable workflow, with
    whether it may fail (its own or an enclosing job's `continue-on-error: true`)."""
    if isinstance(document, Mapping):
        may_fail = may_fail or document.get("continue-on-error") is True
        if isinstance(document.get("uses"), str):
            yield document, may_fail
        for value in document.values():
            yield from _steps_using(value, may_fail)
    elif isinstance(document, list):
        for item in document:
            yield from _steps_using(item, may_fail)


ArgvStep = tuple[list[str], str, bool]
"""A CI step given as a program and its arguments: (words, folder, whether it may fail)."""


def _cloud_build_steps(document: Any) -> Iterator[ArgvStep]:
    """Google Cloud Build's steps: a `script`, or the `entrypoint` (else the builder
    image's own program: `gcr.io/cloud-builders/docker` runs docker, `python:3.11` python)
    with its `args`, in the step's `dir` under /workspace, the checkout."""
    for step in _list(document.get("steps")) if isinstance(document, Mapping) else ():
        if not isinstance(step, Mapping):
            continue
        folder = step.get("dir")
        cwd = normalise(folder.removeprefix("/workspace")) if isinstance(folder, str) else "."
        may_fail = step.get("allowFailure") is True
        script = step.get("script")
        if isinstance(script, str) and script.strip():
            yield ["bash", "-c", script], cwd, may_fail
            continue
        program = step.get("entrypoint")
        image = step.get("name")
        if not isinstance(program, str) and isinstance(image, str):
            program = image.rsplit("/", 1)[-1].split(":", 1)[0].split("@", 1)[0]
        args = [str(arg) for arg in _list(step.get("args")) if isinstance(arg, str | int | float)]
        if isinstance(program, str) and program:
            yield [program, *args], cwd, may_fail


def _gocd_tasks(document: Any) -> Iterator[ArgvStep]:
    """GoCD's pipelines as code: every job's `exec` tasks, a `command` and its
    `arguments`, in its `working_directory`; a script executor's `script:` text."""
    if isinstance(document, Mapping):
        task = document.get("exec")
        if isinstance(task, Mapping) and isinstance(task.get("command"), str):
            folder = task.get("working_directory")
            cwd = normalise(folder) if isinstance(folder, str) else "."
            args = [str(arg) for arg in _list(task.get("arguments")) if isinstance(arg, str)]
            yield [task["command"], *args], cwd, False
        script = document.get("script")
        if isinstance(script, str) and script.strip():
            yield ["bash", "-c", script], ".", False
        for key, value in document.items():
            if key not in ("exec", "script"):
                yield from _gocd_tasks(value)
    elif isinstance(document, list):
        for item in document:
            yield from _gocd_tasks(item)


# CI systems whose steps are a program and its arguments (path pattern -> reader).
ARGV_STEP_READERS: tuple[tuple[re.Pattern[str], Callable[[Any], Iterator[ArgvStep]]], ...] = (
    (CLOUD_BUILD_CONFIG, _cloud_build_steps),
    (lazy_pattern(r"\.gocd\.ya?ml$"), _gocd_tasks),
)
# An AWS CDK construct's list of commands (`commands=[...]`, `installCommands: [...]`,
# a build spec's `"commands": [...]`), and each string literal of it in turn (a Python
# prefix, `f"..."`, and comments between them allowed).
COMMAND_LIST = lazy_pattern(r"""["']?\b(?:install_?[Cc]ommands|commands)["']?\s*[=:]\s*\[""")
LISTED_STRING = lazy_pattern(
    r"""(?:\s|,|(?:#|//)[^\n]*)*[rRfFuU]?(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')"""
)


def _listed_commands(text: str) -> Iterator[CiShell]:
    """The commands an AWS CDK app's pipeline steps list (`ShellStep("Synth",
    commands=["pip install -r requirements.txt", "cdk synth"])`, a CodeBuild project's
    `BuildSpec.from_object({... "commands": [...]})`), each a shell line of the pipeline."""
    for match in COMMAND_LIST.finditer(text):
        position = match.end()
        while (literal := LISTED_STRING.match(text, position)) is not None:
            position = literal.end()
            command = literal.group(1) if literal.group(1) is not None else literal.group(2)
            if command.strip():
                line = text.count("\n", 0, literal.end()) + 1
                yield CiShell(line, command, ".")


GITHUB_WORKFLOW = lazy_pattern(r"^\.(?:github|gitea|forgejo)/workflows/[^/]+\.ya?ml$")
# An input of a reusable workflow or an action named as the command it runs
# (`check_command: make check`, `test-cmd: pytest`, nick-fields/retry's `command:`).
COMMAND_INPUT = lazy_pattern(r"^(?:[\w-]*[_-])?(?:command|cmd)$", re.I)


def _command_inputs(document: Any) -> Iterator[tuple[str, bool]]:
    """The string inputs named as commands (`COMMAND_INPUT`) that a GitHub job or step
    which `uses:` a reusable workflow or an action passes it `with:`: the workflow or
    action runs them as shell, so the job does; with whether the job or step may fail."""
    for step, may_fail in _steps_using(document, False):
        inputs = step.get("with")
        for key, value in inputs.items() if isinstance(inputs, Mapping) else ():
            if isinstance(value, str) and value.strip() and COMMAND_INPUT.match(str(key)):
                yield value, may_fail


# A Jenkins pipeline's `dir('folder') {`: the steps of its block run in that folder.
JENKINS_DIR = lazy_pattern(r"""\bdir\s*\(\s*(?:path\s*:\s*)?['"]([^'"$]+)['"]\s*\)\s*\{""")


def _jenkins_folders(text: str) -> list[tuple[int, int, str]]:
    """The `dir('folder') { ... }` blocks of a Jenkinsfile: (start, end, folder), outer
    blocks before the blocks they hold."""
    blocks = []
    for match in JENKINS_DIR.finditer(text):
        depth = 0
        for index in range(match.end() - 1, len(text)):
            depth += {"{": 1, "}": -1}.get(text[index], 0)
            if depth == 0:
                break
        blocks.append((match.end(), index, match.group(1).strip().strip("/")))
    return blocks


def _ci_root(rel: str) -> str:
    """The folder a CI file's jobs start in: the root of the checkout, or, for a
    `.gitlab-ci.yml` kept in a folder (`service/.gitlab-ci.yml`), that folder, the root
    of the project GitLab runs it for."""
    folder, _, name = rel.rpartition("/")
    nested = folder and GITLAB_CI_NAME.fullmatch(name) and not folder.startswith(".")
    return folder if nested else "."


# Keys that set where a CI step's commands run (GitHub, Azure, CircleCI).
WORKING_DIRECTORY_KEYS = ("working-directory", "workingDirectory", "working_directory")
CIRCLECI_FILE = lazy_pattern(r"^\.circleci/[^/]+\.ya?ml$")
# Where CircleCI's `checkout` puts the repository when a job sets no working_directory.
CIRCLECI_CHECKOUT = "~/project"
# Keys that, set to true on a step or job, let it fail without failing the run (GitHub,
# GitLab, Azure).
MAY_FAIL_KEYS = ("continue-on-error", "allow_failure", "continueOnError")


def _shells(
    document: Any,
    keys: frozenset[str],
    cwd: str,
    may_fail: bool,
    checkout: str | None = None,
    off: re.Pattern[str] | None = None,
) -> Iterator[tuple[str, str, bool]]:
    """Shell texts under `keys`, each with the working directory in force there (a
    step's own, else its job's or workflow's `defaults.run.working-directory`) and
    whether the step or job holding it may fail. `checkout` is the absolute folder the
    repository is checked out into, where the CI system says (CircleCI), else None. A
    stage, job or step whose `condition` needs a parameter that is off unless someone
    turns it on (`off`, see `_switched_off`) runs nothing on a change."""
    if isinstance(document, Mapping):
        condition = document.get("condition")
        if off is not None and isinstance(condition, str) and off.search(condition):
            return
        here, checkout = _working_directory(document, cwd, checkout)
        may_fail = may_fail or any(document.get(key) is True for key in MAY_FAIL_KEYS)
        for key, value in document.items():
            if key in keys and not _named_like_a_key(value):
                # CircleCI's `run: {command: ..., working_directory: ...}`
                where = (
                    _working_directory(value, here, checkout)[0]
                    if isinstance(value, Mapping)
                    else here
                )
                yield from ((shell, where, may_fail) for shell in values_under({key: value}, keys))
            else:
                yield from _shells(value, keys, here, may_fail, checkout, off)
    elif isinstance(document, list):
        for item in document:
            yield from _shells(item, keys, cwd, may_fail, checkout, off)


def _switched_off(document: Any) -> re.Pattern[str] | None:
    """A pattern of the Azure Pipelines conditions that need a boolean parameter whose
    default is false to be true (`eq('${{ parameters.runDataValidation }}', 'true')`):
    what they guard runs only when someone starts the pipeline by hand with it on.
    None when the pipeline has no such parameter."""
    declared = document.get("parameters") if isinstance(document, Mapping) else None
    names = [
        re.escape(parameter["name"])
        for parameter in _list(declared)
        if isinstance(parameter, Mapping)
        and isinstance(parameter.get("name"), str)
        and parameter.get("default") is False
    ]
    if not names:
        return None
    named = rf"""['"]?(?:\$\{{\{{\s*)?parameters\.(?:{"|".join(names)})(?:\s*\}}\}})?['"]?"""
    return re.compile(rf"""\beq\(\s*{named}\s*,\s*['"]?true['"]?\s*\)""", re.I)


def _named_like_a_key(value: Any) -> bool:
    """Whether a value under a shell key is a job or a section that only bears the key's
    name (a GitHub job called `run`, with steps of its own), not shell text."""
    return isinstance(value, Mapping) and not isinstance(value.get("command"), str)


def _working_directory(
    mapping: Mapping[str, Any], cwd: str, checkout: str | None
) -> tuple[str, str | None]:
    """The folder of the checkout a mapping's commands run in, and the absolute folder
    the checkout is in (see `_shells`).

    A CircleCI job (a mapping with `steps`) checks the repository out into its own
    `working_directory`: there, whatever the path, is the root, unless its `checkout` step
    names a folder above it (`path: ~/project`, the job in `~/project/api`: api/).
    Elsewhere an absolute path (`/srv/app`, `~/build`) is the checkout's folder below it,
    or, outside the checkout, a folder the repository's files are not in: the folder stays
    as it was."""
    own = next(
        (mapping[k] for k in WORKING_DIRECTORY_KEYS if isinstance(mapping.get(k), str)), None
    )
    default = table(mapping, "defaults", "run").get("working-directory")
    chosen = own if own is not None else default
    if not isinstance(chosen, str) or not chosen or "$" in chosen:
        return cwd, checkout
    chosen = chosen.rstrip("/") or "/"
    if checkout is not None and isinstance(mapping.get("steps"), list):
        into = _checkout_path(mapping["steps"])
        if into is not None and chosen.startswith(into + "/"):
            return normalise(chosen[len(into) :]), into  # `checkout: {path: ~/project}`
        return ".", chosen
    if chosen.startswith(("/", "~")):
        if checkout is not None and (chosen == checkout or chosen.startswith(checkout + "/")):
            return normalise(chosen[len(checkout) :]), checkout
        return cwd, checkout
    return normalise(str(PurePosixPath(cwd, chosen))), checkout


def _checkout_path(steps: list[Any]) -> str | None:
    """The absolute folder a CircleCI job's `checkout` step puts the repository in when it
    names one (`- checkout: {path: ~/project}`), else None: the job's working_directory."""
    for step in steps:
        into = step.get("checkout") if isinstance(step, Mapping) else None
        path = into.get("path") if isinstance(into, Mapping) else None
        if isinstance(path, str) and path.startswith(("/", "~")) and "$" not in path:
            return path.rstrip("/") or "/"
    return None


def normalise(path: str) -> str:
    """A relative POSIX path without `.`, `..` or empty parts (`a/../b/./c` -> `b/c`)."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts) or "."


def values_under(document: Any, keys: frozenset[str], argv: bool = False) -> Iterator[str]:
    """Shell texts under `keys` anywhere in `document`; with `argv`, a list of plain
    words (`command: ["python", "-m", "pytest"]`) is one command."""
    if isinstance(document, Mapping):
        for key, value in document.items():
            if key not in keys:
                yield from values_under(value, keys, argv)
            elif isinstance(value, str):
                yield value
            elif isinstance(value, Mapping) and isinstance(value.get("command"), str):
                yield value["command"]  # CircleCI's `run: {command: ...}`
            elif _named_like_a_key(value):
                yield from values_under(value, keys, argv)
            elif isinstance(value, list):
                words = [v for v in _flatten(value) if isinstance(v, str)]
                if argv and words and len(words) == len(value) and _is_argv(words):
                    yield shlex.join(words)
                else:
                    yield from words
    elif isinstance(document, list):
        for item in document:
            yield from values_under(item, keys, argv)


def _flatten(items: list[Any]) -> Iterator[Any]:
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


# -- reading the task runners' files ------------------------------------------------------

MAKEFILES = ("Makefile", "makefile", "GNUmakefile")
JUSTFILES = ("justfile", "Justfile", ".justfile")
# go-task's file names, in the order it looks for them.
TASKFILES = (
    *("Taskfile.yml", "taskfile.yml", "Taskfile.yaml", "taskfile.yaml"),
    *("Taskfile.dist.yml", "taskfile.dist.yml", "Taskfile.dist.yaml", "taskfile.dist.yaml"),
)
INVOKE_IMPORT = lazy_pattern(r"(?m)^\s*(?:from|import)\s+invoke\b")
# invoke's tasks as a package: tasks/__init__.py gathers a collection per module.
INVOKE_PACKAGE = "tasks/__init__.py"
INVOKE_COLLECTION = lazy_pattern(r"tasks/(?!__init__)\w+\.py")
NPM_FILE = "package.json"
MISE_FILES = ("mise.toml", ".mise.toml", "mise/config.toml", ".config/mise.toml")


def all_tasks(source: Source, files: Iterable[str]) -> dict[str, dict[str, Task]]:
    tasks: dict[str, dict[str, Task]] = {}
    file_set = source.file_set
    for rel in files:
        if rel.endswith(".mk") or (rel.endswith("akefile") and rel.rpartition("/")[2] in MAKEFILES):
            tasks[f"make:{rel}"] = makefile_tasks(rel, source.text(rel) or "")
        elif rel.rpartition("/")[2] == NPM_FILE and "node_modules/" not in rel:
            text = source.text(rel) or ""  # (node_modules/: installed packages' manifests)
            tasks[f"npm:{rel}"] = npm_tasks(rel, text, _json(text))
    for rel in JUSTFILES:
        if rel in file_set:
            tasks["just"] = justfile_tasks(rel, source.text(rel) or "")
    pyproject = source.pyproject
    tools = table(pyproject, "tool")
    for rel in TASKFILES:
        if rel in file_set:
            tasks["task"] = included_taskfile_tasks(source, rel)
            break
    if "devbox.json" in file_set:
        text = source.text("devbox.json") or ""
        tasks["devbox"] = devbox_tasks("devbox.json", text, _json(text))
    for rel, text, document in (found for name in MISE_FILES for found in _toml_file(source, name)):
        tasks.setdefault("mise", {}).update(
            toml_tasks("mise", rel, text, table(document, "tasks"), ("run",))
        )
    pyproject_text = source.text("pyproject.toml") if "pyproject.toml" in file_set else ""
    pyproject_text = pyproject_text or ""
    pixi = [
        ("pyproject.toml", pyproject_text, table(tools, "pixi")),
        *_toml_file(source, "pixi.toml"),
    ]
    for rel, text, document in pixi:
        features = table(document, "feature").values()
        tables = [table(document, "tasks")]
        tables += [table(feature, "tasks") for feature in features if isinstance(feature, Mapping)]
        for tasks_table in tables:
            tasks.setdefault("pixi", {}).update(
                toml_tasks("pixi", rel, text, tasks_table, ("cmd",))
            )
    tasks["poe"] = toml_tasks(
        "poe", "pyproject.toml", pyproject_text, table(tools, "poe", "tasks"), ("cmd", "shell")
    )
    tasks["taskipy"] = toml_tasks(
        "taskipy", "pyproject.toml", pyproject_text, table(tools, "taskipy", "tasks"), ("cmd",)
    )
    tasks["pdm"] = toml_tasks(
        "pdm", "pyproject.toml", pyproject_text, table(tools, "pdm", "scripts"), ("cmd", "shell")
    )
    tasks["rye"] = rye_tasks("pyproject.toml", pyproject_text, table(tools, "rye", "scripts"))
    for rel, text, document in _toml_file(source, "Pipfile"):  # `pipenv run lint`
        tasks["pipenv"] = toml_tasks("pipenv", rel, text, table(document, "scripts"), ())
    hatch = [
        ("pyproject.toml", pyproject_text, table(tools, "hatch")),
        *_toml_file(source, "hatch.toml"),
    ]
    for rel, text, document in hatch:
        for environment, spec in table(document, "envs").items():
            scripts = table(spec, "scripts") if isinstance(spec, Mapping) else {}
            found = toml_tasks(f"hatch:{environment}", rel, text, scripts, ())
            tasks.setdefault(f"hatch:{environment}", {}).update(found)
    for rel in ("tox.ini", "setup.cfg"):
        if rel in file_set:
            tasks.setdefault("tox", {}).update(tox_tasks(rel, source.text(rel) or ""))
    for rel, text, document in _toml_file(source, "tox.toml"):
        tasks.setdefault("tox", {}).update(tox_toml_tasks(rel, text, document))
    if table(tools, "tox"):
        tasks.setdefault("tox", {}).update(
            tox_toml_tasks("pyproject.toml", pyproject_text, table(tools, "tox"))
        )
    if "tasks.py" in file_set:
        text = source.text("tasks.py") or ""
        if INVOKE_IMPORT.search(text):
            tasks["invoke"] = invoke_tasks("tasks.py", text)
    elif INVOKE_PACKAGE in file_set and INVOKE_IMPORT.search(source.text(INVOKE_PACKAGE) or ""):
        tasks["invoke"] = {}
        for rel in sorted(f for f in file_set if INVOKE_COLLECTION.fullmatch(f)):
            name = rel.removeprefix("tasks/").removesuffix(".py")
            tasks["invoke"].update(invoke_tasks(rel, source.text(rel) or "", name))
    if "noxfile.py" in file_set:
        tasks["nox"] = nox_tasks("noxfile.py", source.text("noxfile.py") or "")
    if "dvc.yaml" in file_set:
        tasks["dvc"] = dvc_tasks(
            "dvc.yaml", source.text("dvc.yaml") or "", source.load_yaml("dvc.yaml")
        )
    for rel in files:  # a DVC pipeline in a folder of its own (`dvc repro pipelines/dvc.yaml`)
        if rel.endswith("/dvc.yaml") and "{" not in rel:
            document = source.load_yaml(rel)
            tasks[f"dvc:{rel}"] = dvc_tasks(rel, source.text(rel) or "", document)
    mlproject = mlproject_file(file_set)
    if mlproject is not None:
        tasks["mlflow"] = mlproject_tasks(
            mlproject, source.text(mlproject) or "", source.load_yaml(mlproject)
        )
    for rel in files:  # an MLflow project in a folder of its own (`cd uc2 && mlflow run .`)
        if rel.endswith("/MLproject") and "{" not in rel:
            document = source.load_yaml(rel)
            tasks[f"mlflow:{rel}"] = mlproject_tasks(rel, source.text(rel) or "", document)
    if table(tools, "kedro"):
        tasks["kedro"] = kedro_tasks("pyproject.toml", pyproject_text)
    for rel in files:  # a Kedro project in a folder of its own (not a template's)
        if rel.endswith("/pyproject.toml") and "{" not in rel:
            text = source.text(rel) or ""
            if "[tool.kedro]" in text:
                tasks[f"kedro:{rel}"] = kedro_tasks(rel, text)
    return {runner: found for runner, found in tasks.items() if found}


def _toml_file(source: Source, rel: str) -> list[tuple[str, str, dict[str, Any]]]:
    """[(rel, text, parsed)] when the file exists, else []."""
    if rel not in source.file_set:
        return []
    text = source.text(rel) or ""
    return [(rel, text, _toml(text))]


def _json(text: str) -> Any:
    """A JSON document parsed (devbox.json, package.json), None when malformed."""
    import json

    try:
        return json.loads(text)
    except ValueError:
        return None


def _toml(text: str | None) -> dict[str, Any]:
    try:
        return tomllib.loads(text or "")
    except tomllib.TOMLDecodeError:
        return {}
