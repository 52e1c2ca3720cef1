"""The command graph: what CI and the task runners really run, found by following them.

A CI job's shell lines are followed through Makefile targets (and their
prerequisites), justfile recipes, mise / pixi / poe / hatch / pdm tasks, tox
environments, nox sessions and shell scripts down to the programs they start. Each
program found carries the chain that leads to it (`ci.yml:22 → mise.toml:104 → pytest`),
so a check can say why it passed. Comments and `echo` text are never commands, and a
reference that leads nowhere (`make test` with no target `test`) is a dead end, not a
command.
"""

from __future__ import annotations

import ast
import configparser
import re
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Protocol

from mlops_scaffold.doctor.pycode import calls, dotted, import_names, parse, resolved
from mlops_scaffold.repo.parsers import table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_DEPTH = 12  # a chain longer than this is a loop nobody meant

# Programs that run a test suite, and programs that lint (one line per alternative).
TEST_PROGRAMS = frozenset({"pytest", "py.test", "unittest", "nose2", "ward"})
LINT_PROGRAMS = frozenset(
    {
        "ruff",
        "flake8",
        "pylint",
        "black",
        "isort",
        "pre-commit",
        "prek",
        "mypy",
        "pyright",
        "pycodestyle",
        "pyflakes",
        "pylama",
        "blue",
        "yapf",
    }
)


@dataclass(frozen=True)
class Step:
    """One link of a chain: where a command is written, and what is written there."""

    path: str
    line: int | None
    text: str

    def __str__(self) -> str:
        name = PurePosixPath(self.path).name
        return f"{name}:{self.line}" if self.line else name or self.text


@dataclass(frozen=True)
class Command:
    """A program that is really started, and the chain of files that leads to it."""

    words: tuple[str, ...]
    chain: tuple[Step, ...]

    @property
    def program(self) -> str:
        """The program's name (`pytest`, `ruff`, `echo`)."""
        return _basename(self.words[0]) if self.words else ""

    def shown(self) -> str:
        """`ci.yml:22 → mise.toml:104 → pytest -x`: the chain, then the command."""
        return " → ".join([*map(str, self.chain), " ".join(self.words[:4])])


@dataclass(frozen=True)
class DeadEnd:
    """A reference to a task or script that does not exist: `make test` without a target."""

    chain: tuple[Step, ...]
    reason: str

    def shown(self) -> str:
        """`ci.yml:12 → make test: no target test in Makefile`."""
        return " → ".join(map(str, self.chain)) + f": {self.reason}"


@dataclass(frozen=True)
class Task:
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


# -- programs -----------------------------------------------------------------------------

# Words that start something else, which is the real program.
PREFIXES = frozenset(
    {"sudo", "time", "exec", "env", "nice", "command", "xvfb-run", "!", "then", "do", "else"}
)
PREFIXES |= {"if", "elif", "while", "until", "{", "("}
# Environment runners: `uv run pytest` runs pytest. Options that take a value are listed.
ENV_RUNNERS: dict[tuple[str, ...], frozenset[str]] = {
    ("uv", "run"): frozenset(
        {"--extra", "--group", "--only-group", "--with", "--python", "-p", "--package"}
        | {"--directory", "--project", "--env-file", "--index", "--with-requirements"}
    ),
    ("uvx",): frozenset({"--from", "--with", "--python", "-p"}),
    ("uv", "tool", "run"): frozenset({"--from", "--with", "--python", "-p"}),
    ("pipx", "run"): frozenset({"--spec"}),
    ("poetry", "run"): frozenset(),
    ("pipenv", "run"): frozenset(),
    ("rye", "run"): frozenset(),
    ("conda", "run"): frozenset({"-n", "--name", "-p", "--prefix"}),
    ("mamba", "run"): frozenset({"-n", "--name", "-p", "--prefix"}),
    ("micromamba", "run"): frozenset({"-n", "--name", "-p", "--prefix"}),
    ("coverage", "run"): frozenset({"--rcfile", "--source", "--omit", "--include", "--data-file"}),
    ("timeout",): frozenset(),
}
PYTHON = re.compile(r"^(?:python|python3(?:\.\d+)?|py|pypy3?)$")
SHELLS = frozenset({"bash", "sh", "zsh", "source", "."})
# Modules run with `python -m X` under another program name.
MODULE_PROGRAMS = {"pre_commit": "pre-commit"}


def _basename(word: str) -> str:
    """`.venv/bin/pytest` -> `pytest`; `{envbindir}/ruff` -> `ruff`."""
    return word.rstrip("/").rsplit("/", 1)[-1]


def program_words(words: list[str]) -> list[str]:
    """The words of the program really run: prefixes, env runners and `python -m` peeled."""
    for _ in range(MAX_DEPTH):
        while words and (re.match(r"^[A-Za-z_]\w*=", words[0]) or words[0] in PREFIXES):
            words = words[1:]
        if not words:
            return []
        first = _basename(words[0])
        for runner, takes_value in ENV_RUNNERS.items():
            if tuple(_basename(w) for w in words[: len(runner)]) == runner:
                words = _after_options(words[len(runner) :], takes_value)
                break
        else:
            if PYTHON.match(first) or first in ("{envpython}", "$(PYTHON)", "${PYTHON}"):
                rest = _after_options(words[1:], frozenset({"-W", "-X"}))
                if len(rest) >= 2 and rest[0] == "-m":
                    module = rest[1].split(".", 1)[0]
                    return [MODULE_PROGRAMS.get(module, module), *rest[2:]]
                return ["python", *rest]
            if words[0] == "-m" and len(words) >= 2:  # `coverage run -m pytest`
                return [words[1], *words[2:]]
            return words
    return []


def _after_options(words: list[str], takes_value: frozenset[str]) -> list[str]:
    index = 0
    while index < len(words) and words[index].startswith("-") and words[index] != "-m":
        if words[index] == "--":
            return words[index + 1 :]
        index += 2 if words[index] in takes_value else 1
    return words[index:]


SEPARATORS = frozenset({"&&", "||", ";", "|", "&", ";;", "(", ")", "|&"})


def simple_commands(script: str) -> Iterator[list[str]]:
    """The simple commands of a shell text: lines joined at `\\`, comments dropped, split
    at `&&`, `||`, `;` and pipes."""
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        try:
            tokens = list(lexer)
        except ValueError:  # an unclosed quote: take the words as they are
            tokens = line.split("#", 1)[0].split()
        current: list[str] = []
        for token in tokens:
            if token in SEPARATORS:
                if current:
                    yield current
                current = []
            else:
                current.append(token)
        if current:
            yield current


# -- task tables --------------------------------------------------------------------------

MAKE_RULE = re.compile(r"^([^\s:=#][^:=#]*?)\s*::?(?![=])\s*([^;#]*?)\s*(?:;\s*(.*))?$")
MAKE_VARIABLE = re.compile(r"^(?:export\s+|override\s+)?([A-Za-z_][\w.]*)\s*[:?+!]?=\s*(.*)$")
JUST_RECIPE = re.compile(r"^@?([A-Za-z_][\w-]*)((?:\s+[^:=\s][^:=]*)?)\s*:(?!=)\s*(.*)$")


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
            recipe = raw.strip().lstrip("@-+ ")
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
                body.append((number, raw.strip().lstrip("@-")))
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


def _locate(text: str, command: str, start: int = 1) -> int | None:
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
            return _locate(text, command, start)

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


def tox_tasks(rel: str, text: str) -> dict[str, Task]:
    """tox environments of tox.ini / setup.cfg (`[testenv]`, `[testenv:NAME]`) -> commands."""
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
            (_locate(text, line), line.strip())
            for line in commands.splitlines()
            if line.strip() and not line.strip().startswith("#")
        ]
        name = section.partition(":")[2] or "testenv"
        tasks[name] = Task("tox", name, rel, tuple(lines))
    return tasks


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
            (_locate(text, str(words[0])), " ".join(map(shlex.quote, map(str, words))))
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
    for node in ast.walk(tree):
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
    """dvc.yaml stages -> their `cmd` (a string or a list of commands)."""
    stages = table(document, "stages") if isinstance(document, Mapping) else {}
    tasks: dict[str, Task] = {}
    for name, stage in stages.items():
        command = stage.get("cmd") if isinstance(stage, Mapping) else None
        commands = [command] if isinstance(command, str) else _list(command)
        lines = tuple((_locate(text, c), c) for c in commands if isinstance(c, str))
        if lines:
            tasks[str(name)] = Task("dvc", str(name), rel, lines)
    return tasks


def mlproject_tasks(rel: str, text: str, document: Any) -> dict[str, Task]:
    """MLproject entry points -> their `command`."""
    points = table(document, "entry_points") if isinstance(document, Mapping) else {}
    tasks: dict[str, Task] = {}
    for name, point in points.items():
        command = point.get("command") if isinstance(point, Mapping) else None
        if isinstance(command, str):
            tasks[str(name)] = Task("mlflow", str(name), rel, ((_locate(text, command), command),))
    return tasks


# -- CI entry points ----------------------------------------------------------------------

# CI system (a path pattern) -> the keys whose values are shell text run by a job.
CI_SHELL_KEYS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = tuple(
    (re.compile(pattern), frozenset(keys))
    for pattern, keys in (
        (r"^\.github/workflows/[^/]+\.ya?ml$|(?:^|/)action\.ya?ml$", {"run"}),
        (r"^\.gitlab-ci\.ya?ml$|^\.gitlab/.+\.ya?ml$", {"script", "before_script", "after_script"}),
        (
            r"(?:^|/)azure-pipelines[^/]*\.ya?ml$|^\.?(?:azure-)?pipelines/.+\.ya?ml$",
            {"script", "bash", "pwsh", "powershell"},
        ),
        (r"^\.circleci/config\.ya?ml$", {"run", "command"}),
        (r"^bitbucket-pipelines\.ya?ml$", {"script"}),
        (r"^\.travis\.ya?ml$", {"script", "install", "before_script", "before_install"}),
        (r"^\.woodpecker\.ya?ml$|^\.woodpecker/[^/]+\.ya?ml$|^\.drone\.ya?ml$", {"commands"}),
        (r"^\.buildkite/[^/]+\.ya?ml$", {"command", "commands"}),
    )
)
JENKINS_SH = re.compile(
    r"""\b(?:sh|bat)\s*\(?\s*(?:script\s*:\s*)?(?:'''(.*?)'''|\"\"\"(.*?)\"\"\"|'([^'\n]*)'|"([^"\n]*)")""",
    re.S,
)
# GitHub Actions that run a linter or the tests themselves.
ACTION_PROGRAMS = {
    "astral-sh/ruff-action": "ruff",
    "chartboost/ruff-action": "ruff",
    "psf/black": "black",
    "pre-commit/action": "pre-commit",
    "py-actions/flake8": "flake8",
    "isort/isort-action": "isort",
    "pre-commit-ci/lite-action": "pre-commit",
}
# Keys of a job specification (Anyscale, Ray, Kubernetes, compose) that hold its command.
JOB_KEYS = frozenset({"entrypoint", "command", "cmd", "args"})
# A Python file that starts a test runner in code.
TEST_RUNNER_CALLS = frozenset(
    {"pytest.main", "unittest.main", "unittest.TestLoader", "unittest.TextTestRunner"}
)
ENTRY_POINT = re.compile(r"^\s*([\w.]+)\s*:\s*[\w.]+\s*$")
USES_LINE = re.compile(r"""^\s*(?:-\s*)?uses:\s*['"]?([^\s'"@#]+)""", re.M)


def ci_shell_texts(rel: str, text: str, document: Any) -> Iterator[tuple[int | None, str]]:
    """(line, shell text) of every command a CI file runs."""
    if PurePosixPath(rel).name == "Jenkinsfile":
        for match in JENKINS_SH.finditer(text):
            body = next(g for g in match.groups() if g is not None)
            yield text.count("\n", 0, match.start()) + 1, body
        return
    keys = next((k for p, k in CI_SHELL_KEYS if p.search(rel)), frozenset())
    for value in _values_under(document, keys):
        yield _locate(text, value), value
    for match in USES_LINE.finditer(text):
        program = ACTION_PROGRAMS.get(match.group(1).lower())
        if program:
            yield text.count("\n", 0, match.start()) + 1, program


def _values_under(document: Any, keys: frozenset[str], argv: bool = False) -> Iterator[str]:
    """Shell texts under `keys` anywhere in `document`; with `argv`, a list of plain
    words (`command: ["python", "-m", "pytest"]`) is one command."""
    if isinstance(document, Mapping):
        for key, value in document.items():
            if key not in keys:
                yield from _values_under(value, keys, argv)
            elif isinstance(value, str):
                yield value
            elif isinstance(value, Mapping) and isinstance(value.get("command"), str):
                yield value["command"]  # CircleCI's `run: {command: ...}`
            elif isinstance(value, list):
                words = [v for v in _flatten(value) if isinstance(v, str)]
                if argv and words and len(words) == len(value) and _is_argv(words):
                    yield shlex.join(words)
                else:
                    yield from words
    elif isinstance(document, list):
        for item in document:
            yield from _values_under(item, keys, argv)


def _flatten(items: list[Any]) -> Iterator[Any]:
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


# -- the graph ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CommandGraph:
    """The repository's CI jobs and tasks, followed down to the programs they run."""

    tasks: dict[str, dict[str, Task]]
    """Runner (`make:PATH`, `just`, `mise`, `pixi`, `poe`, `pdm`, `hatch:ENV`, `tox`, `nox`,
    `mlflow`) -> task name -> task."""
    ci: tuple[Command, ...]
    """Every program a CI job starts, with its chain."""
    ci_dead_ends: tuple[DeadEnd, ...]
    """References from CI to tasks or scripts that do not exist."""
    from_tasks: tuple[Command, ...]
    """Every program some task starts (run by hand or by CI)."""

    def entry_points(self) -> list[Task]:
        """Tasks that run at least one command: the repository's one-command entry points."""
        return [task for tasks in self.tasks.values() for task in tasks.values() if task.lines]


def command_graph(source: Source, files: Iterable[str], ci_files: Iterable[str]) -> CommandGraph:
    """Read the task runners' files and the CI files of `source`, and follow them.

    `files` is every file (Makefiles are found among them), `ci_files` those a CI
    system reads jobs from (workflows, composite actions, pipelines, Jenkinsfile).
    """
    follower = _Follower(source, _all_tasks(source, files), _entry_points(source.pyproject))
    ci: list[Command] = []
    dead: list[DeadEnd] = []
    for rel in dict.fromkeys(ci_files):
        text = source.text(rel)
        if text is None:
            continue
        document = None if PurePosixPath(rel).name == "Jenkinsfile" else source.load_yaml(rel)
        for line, shell in ci_shell_texts(rel, text, document):
            follower.follow(shell, (Step(rel, line, shell),), ".", ci, dead)
    from_tasks: list[Command] = []
    for tasks in follower.tasks.values():
        for task in tasks.values():
            for line, shell in task.lines:
                chain = (Step(task.path, line, shell),)
                follower.follow(shell, chain, _cwd(task), from_tasks, [], task)
    return CommandGraph(follower.tasks, tuple(ci), tuple(dead), tuple(from_tasks))


def _entry_points(pyproject: Mapping[str, Any]) -> dict[str, str]:
    scripts = {
        **table(pyproject, "tool", "poetry", "scripts"),
        **table(pyproject, "project", "scripts"),
    }
    return {str(k): v for k, v in scripts.items() if isinstance(v, str)}


def _cwd(task: Task) -> str:
    """Where a task's commands run: a Makefile's folder, else the root."""
    return str(PurePosixPath(task.path).parent) if task.runner.startswith("make") else "."


Reached = list[Task] | str | None
"""What a command leads to: tasks to follow, a dead end (why), or None: it is a program."""


@dataclass
class _Follower:
    source: Source
    tasks: dict[str, dict[str, Task]]
    entry_points: dict[str, str]
    """Console scripts the project declares -> `module:function`."""

    def follow(
        self,
        shell: str,
        chain: tuple[Step, ...],
        cwd: str,
        out: list[Command],
        dead: list[DeadEnd],
        within: Task | None = None,
    ) -> None:
        """Append to `out` the programs `shell` starts, to `dead` the references that fail."""
        if len(chain) > MAX_DEPTH:
            return
        for words in simple_commands(shell):
            program = program_words(words)
            if not program:
                continue
            reached = self.reach(program, cwd, within)
            if reached is None:
                out.append(Command(tuple(program), chain))
            elif isinstance(reached, str):
                dead.append(DeadEnd((*chain, Step("", None, shlex.join(program[:3]))), reached))
            else:
                for task in reached:
                    for line, text in task.lines:
                        link = (*chain, Step(task.path, line, text)) if task.path else chain
                        self.follow(text, link, _cwd(task) if task.path else cwd, out, dead, task)

    def reach(self, words: list[str], cwd: str, within: Task | None) -> Reached:
        """The tasks a command invokes, a dead end, or None when it is a plain program."""
        program, args = _basename(words[0]), words[1:]
        hatch = within.runner if within and within.runner.startswith("hatch:") else ""
        if hatch and program in self.tasks[hatch] and within and program != within.name:
            return self.named(within.runner, [program], "hatch scripts")
        if program in ("make", "gmake"):
            return self.make(args, cwd)
        if program == "just":
            names = _positional(args, {"-f", "--justfile", "-d"})[:1]
            return self.named("just", names, "the justfile", "recipe")
        if program == "mise":
            rest = _positional(args, {"-C", "--cd", "-E", "--env"})
            if rest[:1] in (["run"], ["r"]):
                return self.named("mise", rest[1:2], "mise.toml tasks")
            if rest and rest[0] in self.tasks.get("mise", {}):
                return self.named("mise", rest[:1], "mise.toml tasks")
            return None
        if program in ("pixi", "pdm") and args[:1] == ["run"]:
            rest = _positional(args[1:], {"-e", "--environment", "--manifest-path", "-p"})
            if rest and rest[0] in self.tasks.get(program, {}):
                return self.named(program, rest[:1], f"{program} tasks")
            return _direct(rest)
        if program == "poe" or (program == "poetry" and args[:1] == ["poe"]):
            rest = _positional(args[1:] if program == "poetry" else args, {"-C", "--root"})
            return self.named("poe", rest[:1], "[tool.poe.tasks]")
        if program == "hatch":
            return self.hatch(args)
        if program == "dvc" and args[:1] in (["repro"], ["exp"]):
            stages = [a.rpartition(":")[2] for a in _positional(args[1:], set()) if a != "run"]
            return self.named("dvc", stages or list(self.tasks.get("dvc", {})), "dvc.yaml", "stage")
        if program == "tox":
            return self.tox(args)
        if program == "nox":
            sessions = _values_of(args, {"-s", "--session", "--sessions", "-e"})
            names = sessions or sorted(self.tasks.get("nox", {}))
            return self.named("nox", names, "noxfile.py", "session")
        if program in SHELLS and args:
            return self.script(args[0], cwd)
        if program == "python" and args and args[0].endswith(".py"):
            return self.python_script(args[0], cwd)
        if "/" in words[0] or program.endswith(".sh"):
            return self.script(words[0], cwd)
        if program in self.entry_points:
            return self.entry_point(program)
        return self.job_spec(words, cwd)

    def named(self, runner: str, names: list[str], where: str, noun: str = "task") -> Reached:
        """The tasks `names` of `runner` (its first task when none is named), needs first."""
        tasks = self.tasks.get(runner, {})
        if not tasks:
            return f"no {where} in the repository"
        reached: list[Task] = []
        for name in names or [next(iter(tasks))]:
            if name not in tasks:
                return f"no {noun} {name} in {where}"
            reached += self.with_needs(tasks, name, set())
        return reached

    def with_needs(self, tasks: Mapping[str, Task], name: str, seen: set[str]) -> list[Task]:
        """The task `name` after the tasks it needs (prerequisites first, each once)."""
        if name in seen or name not in tasks:
            return []
        seen.add(name)
        needs = [t for need in tasks[name].needs for t in self.with_needs(tasks, need, seen)]
        return [*needs, tasks[name]]

    def make(self, args: list[str], cwd: str) -> Reached:
        """`make [-C DIR] [-f FILE] [TARGET...]`: the targets of that Makefile."""
        folder = _normalise(str(PurePosixPath(cwd, _value_of(args, {"-C", "--directory"}) or "")))
        makefile = _value_of(args, {"-f", "--file", "--makefile"})
        names = [makefile] if makefile else list(MAKEFILES)
        runner = next(
            (
                f"make:{path}"
                for name in names
                if f"make:{(path := _normalise(str(PurePosixPath(folder, name))))}" in self.tasks
            ),
            None,
        )
        if runner is None:
            return f"no Makefile in {folder}" if folder else "no Makefile in the repository"
        value_options = {"-C", "--directory", "-f", "--file", "--makefile", "-j", "--jobs"}
        targets = [a for a in _positional(args, value_options) if "=" not in a]
        return self.named(runner, targets, runner[5:], "target")

    def hatch(self, args: list[str]) -> Reached:
        """`hatch test` (pytest), `hatch fmt` (ruff), `hatch run [ENV:]SCRIPT`."""
        if args[:1] == ["test"]:
            return _direct(["pytest"])
        if args[:1] == ["fmt"]:
            return _direct(["ruff", "check"])
        rest = _positional(args[1:], {"-e", "--env"}) if args[:1] == ["run"] else []
        if not rest:
            return None
        environment, _, script = rest[0].rpartition(":")
        runner = f"hatch:{environment or 'default'}"
        if script in self.tasks.get(runner, {}) or environment:
            where = f"[tool.hatch.envs.{runner[6:]}.scripts]"
            return self.named(runner, [script], where, "script")
        return _direct(rest)

    def tox(self, args: list[str]) -> Reached:
        """`tox [-e ENV,...]`: the commands of those environments (of all without -e)."""
        tasks = self.tasks.get("tox", {})
        if not tasks:
            return "no tox configuration in the repository"
        chosen = [e for v in _values_of(args, {"-e", "--env"}) for e in v.split(",") if e]
        names = list(tasks) if not chosen or chosen == ["ALL"] else chosen
        # An environment without commands of its own (py312, generated ones) runs [testenv]'s.
        found = [tasks[n] if n in tasks and tasks[n].lines else tasks.get("testenv") for n in names]
        reached = list({id(t): t for t in found if t is not None}.values())
        return reached or f"no commands for tox environment {', '.join(chosen)}"

    def script(self, path: str, cwd: str) -> Reached:
        """A shell script the repository holds: its lines are followed."""
        rel = self.existing(path, cwd)
        if rel is None:
            return f"no script {path} in the repository" if path.endswith(".sh") else None
        text = self.source.text(rel) or ""
        lines = tuple(
            (n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()
        )
        return [Task("script", rel, rel, lines)]

    def python_script(self, path: str, cwd: str) -> Reached:
        """A Python script that starts a test runner (`pytest.main(...)`, unittest's
        loader) runs the tests."""
        rel = self.existing(path, cwd)
        return self.python_module(rel) if rel else None

    def python_module(self, rel: str) -> Reached:
        """The test runner a Python file starts in code, as a one-line task."""
        tree = parse(self.source.text(rel) or "")
        names = import_names(tree) if tree else {}
        starts = (
            (call.lineno, name.split(".")[0])
            for call in (calls(tree) if tree else ())
            if (name := resolved(dotted(call.func), names)) in TEST_RUNNER_CALLS
        )
        line, program = next(starts, (0, ""))
        if not program:
            return None
        return [Task("script", rel, rel, ((line, program),))]

    def entry_point(self, name: str) -> Reached:
        """A `[project.scripts]` / `[tool.poetry.scripts]` command: its module is read."""
        target = ENTRY_POINT.match(self.entry_points.get(name, ""))
        if target is None:
            return None
        module = target.group(1).replace(".", "/")
        for rel in (f"{module}.py", f"src/{module}.py", f"{module}/__init__.py"):
            if rel in self.source.file_set:
                return self.python_module(rel)
        return None

    def job_spec(self, words: list[str], cwd: str) -> Reached:
        """A job submitted from a YAML spec (`anyscale jobs submit job.yaml`, `docker
        compose -f x.yml run`): the spec's entrypoint / command is followed."""
        for word in words[1:]:
            rel = self.existing(word, cwd) if word.endswith((".yaml", ".yml")) else None
            if rel is None:
                continue
            commands = list(_values_under(self.source.load_yaml(rel), JOB_KEYS, argv=True))
            text = self.source.text(rel) or ""
            if commands:
                return [Task("job", rel, rel, tuple((_locate(text, c), c) for c in commands))]
        return None

    def existing(self, path: str, cwd: str) -> str | None:
        """`path` as a file of the repository, seen from `cwd` or from the root."""
        if "$" in path or "{" in path:
            return None
        for base in (cwd, "."):
            candidate = _normalise(str(PurePosixPath(base, path)))
            if candidate in self.source.file_set:
                return candidate
        return None


def _direct(words: list[str]) -> Reached:
    """`pixi run pytest`, `hatch run pytest`: the program itself, no task in between."""
    return [Task("direct", words[0], "", ((None, shlex.join(words)),))] if words else None


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def _positional(args: list[str], takes_value: set[str]) -> list[str]:
    words: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--":
            break
        elif arg.startswith("-"):
            skip = arg in takes_value
        else:
            words.append(arg)
    return words


def _value_of(args: list[str], options: set[str]) -> str | None:
    values = _values_of(args, options)
    return values[0] if values else None


def _values_of(args: list[str], options: set[str]) -> list[str]:
    values: list[str] = []
    for index, arg in enumerate(args):
        name, equals, value = arg.partition("=")
        if name in options and equals:
            values.append(value)
        elif arg in options and index + 1 < len(args):
            values.append(args[index + 1])
    return values


# -- reading the task runners' files ------------------------------------------------------

MAKEFILES = ("Makefile", "makefile", "GNUmakefile")
JUSTFILES = ("justfile", "Justfile", ".justfile")
MISE_FILES = ("mise.toml", ".mise.toml", "mise/config.toml", ".config/mise.toml")


def _all_tasks(source: Source, files: Iterable[str]) -> dict[str, dict[str, Task]]:
    tasks: dict[str, dict[str, Task]] = {}
    file_set = source.file_set
    for rel in files:
        if rel.endswith(".mk") or (rel.endswith("akefile") and rel.rpartition("/")[2] in MAKEFILES):
            tasks[f"make:{rel}"] = makefile_tasks(rel, source.text(rel) or "")
    for rel in JUSTFILES:
        if rel in file_set:
            tasks["just"] = justfile_tasks(rel, source.text(rel) or "")
    pyproject = source.pyproject
    tools = table(pyproject, "tool")
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
    tasks["pdm"] = toml_tasks(
        "pdm", "pyproject.toml", pyproject_text, table(tools, "pdm", "scripts"), ("cmd", "shell")
    )
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
    if "noxfile.py" in file_set:
        tasks["nox"] = nox_tasks("noxfile.py", source.text("noxfile.py") or "")
    if "dvc.yaml" in file_set:
        tasks["dvc"] = dvc_tasks(
            "dvc.yaml", source.text("dvc.yaml") or "", source.load_yaml("dvc.yaml")
        )
    if "MLproject" in file_set:
        tasks["mlflow"] = mlproject_tasks(
            "MLproject", source.text("MLproject") or "", source.load_yaml("MLproject")
        )
    return {runner: found for runner, found in tasks.items() if found}


def _toml_file(source: Source, rel: str) -> list[tuple[str, str, dict[str, Any]]]:
    """[(rel, text, parsed)] when the file exists, else []."""
    if rel not in source.file_set:
        return []
    text = source.text(rel) or ""
    return [(rel, text, _toml(text))]


def _toml(text: str | None) -> dict[str, Any]:
    try:
        return tomllib.loads(text or "")
    except tomllib.TOMLDecodeError:
        return {}
