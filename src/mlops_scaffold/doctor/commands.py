"""The command graph: what CI and the task runners really run, found by following them.

A CI job's shell lines are followed through Makefile targets (and their
prerequisites), justfile recipes, mise / pixi / poe / hatch / pdm tasks, Pipenv
scripts, tox environments, nox sessions, behave steps and shell scripts down to the programs they
start. Each program found carries the chain that leads to it (`ci.yml:22 → mise.toml:104
→ pytest`), so a check can say why it passed. Comments and `echo` text are never commands, and a
reference that leads nowhere (`make test` with no target `test`) is a dead end, not a
command. A program whose failure is ignored (`pytest || echo failed`, a step with
`continue-on-error: true`) is marked so: it runs, but decides nothing.
"""

from __future__ import annotations

import ast
import json
import re
import shlex
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from mlops_scaffold.doctor.pycode import (
    calls,
    dotted,
    first_string,
    import_names,
    parse,
    resolved,
    walked,
)
from mlops_scaffold.doctor.shell_scripts import (
    Line,
    ShellProgram,
    numbered_lines,
    shell_program,
)
from mlops_scaffold.doctor.tasks import (
    JOB_KEYS,
    MAKEFILES,
    Source,
    Task,
    all_tasks,
    ci_shell_texts,
    gh_actions_factors,
    line_of_command,
    normalise,
    tox_tasks,
    values_under,
)
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.parsers import (
    Instruction,
    console_scripts,
    declared_builds,
    docker_build,
    image_reference,
)

MAX_DEPTH = 12  # a chain longer than this is a loop nobody meant
MAX_FOLLOWED = 5_000  # commands followed per graph, whatever the Makefiles do
# Files no shell runs: requirements, locks, configuration, data and prose.
NOT_A_SCRIPT = re.compile(r"(?i)\.(?:txt|lock|in|cfg|ini|toml|ya?ml|json|csv|md|rst)$")

# Programs that run a test suite, and programs that lint (one line per alternative).
# nbdev's `nbdev_test` (v1's `nbdev_test_nbs`) runs the tests its notebooks hold.
TEST_PROGRAMS = frozenset(
    {"pytest", "py.test", "unittest", "nose2", "nosetests", "ward", "nbdev_test", "nbdev_test_nbs"}
)
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
        "basedpyright",  # pyright's fork: `basedpyright` checks types as pyright does
        "pytype",  # Google's type checker: `pytype src/`
        "pycodestyle",
        "pyflakes",
        "pylama",
        "blue",
        "yapf",
        "pysen",  # Preferred Networks' runner of black, flake8, isort, mypy: `pysen run lint`
        "prospector",  # Landscape's runner of pylint, pycodestyle, pyflakes, mccabe
    }
)


class Step(NamedTuple):
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
    cwd: str = "."
    """The folder it runs in, relative to the root (a step's working-directory, a `cd`)."""
    may_fail: bool = False
    """Its failure fails nothing: `|| true` after it or a task that runs it, or a CI step
    allowed to fail."""
    module: str = ""
    """The dotted module `python -m` runs (`src.train`), or the one a console script of
    the project runs (`[project.scripts] train = "pkg.training:main"`), when it runs one."""
    in_checkout: bool = True
    """It runs in the repository's checkout, where its paths name the repository's files;
    not in a container (`docker run app pytest app/tests`, an image's RUN or CMD) nor in a
    project a behave step generates."""

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


# A Python file that starts a test runner in code.
TEST_RUNNER_CALLS = frozenset(
    {"pytest.main", "unittest.main", "unittest.TestLoader", "unittest.TextTestRunner"}
)
ENTRY_POINT = lazy_pattern(r"^\s*([\w.]+)\s*:\s*[\w.]+\s*$")


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
PYTHON = lazy_pattern(r"^(?:python|python3(?:\.\d+)?|py|pypy3?)$")
SHELLS = frozenset({"bash", "sh", "zsh", "source", "."})
# Modules run with `python -m X` under another program name.
MODULE_PROGRAMS = {"pre_commit": "pre-commit"}


def _basename(word: str) -> str:
    """`.venv/bin/pytest` -> `pytest`; `{envbindir}/ruff` -> `ruff`."""
    return word.rstrip("/").rsplit("/", 1)[-1]


def program_words(words: list[str]) -> list[str]:
    """The words of the program really run: prefixes, env runners and `python -m` peeled."""
    return _peeled(words)[0]


def _peeled(words: list[str]) -> tuple[list[str], str]:
    """`program_words`, and the dotted module the last `python -m` names ("" for none)."""
    module = ""
    for _ in range(MAX_DEPTH):
        while words and (re.match(r"^[A-Za-z_]\w*=", words[0]) or words[0] in PREFIXES):
            words = words[1:]
        if not words:
            return [], module
        first = _basename(words[0])
        for runner, takes_value in ENV_RUNNERS.items():
            if tuple(_basename(w) for w in words[: len(runner)]) == runner:
                words = _after_options(words[len(runner) :], takes_value)
                break
        else:
            # an interpreter a variable holds: `$(PY) -m pytest` in a Makefile's recipe
            held = words[0].startswith("$") and words[1:2] == ["-m"]
            if PYTHON.match(first) or first in ("{envpython}", "$(PYTHON)", "${PYTHON}") or held:
                rest = _after_options(words[1:], frozenset({"-W", "-X"}))
                if len(rest) < 2 or rest[0] != "-m":
                    return ["python", *rest], module
                module = rest[1]
                top = module.split(".", 1)[0]  # `python -m coverage run -m pytest`
                words = [MODULE_PROGRAMS.get(top, top), *rest[2:]]
            elif words[0] == "-m" and len(words) >= 2:  # `coverage run -m pytest`
                words, module = words[1:], words[1]
            else:
                return words, module
    return [], module


def _after_options(words: list[str], takes_value: frozenset[str]) -> list[str]:
    index = 0
    while index < len(words) and words[index].startswith("-") and words[index] != "-m":
        if words[index] == "--":
            return words[index + 1 :]
        index += 2 if words[index] in takes_value else 1
    return words[index:]


SEPARATORS = frozenset({"&&", "||", ";", "|", "&", ";;", "(", ")", "|&"})


# Separators that end an and-or list (`a && b || c`): what follows runs whatever it did.
LIST_ENDS = frozenset({";", "&", ";;"})


def simple_commands(script: str) -> Iterator[list[str]]:
    """The simple commands of a shell text: lines joined at `\\`, comments dropped, split
    at `&&`, `||`, `;` and pipes."""
    for words, _ in shell_commands(script):
        yield words


def shell_commands(script: str) -> Iterator[tuple[list[str], bool]]:
    """The simple commands of a shell text (see `simple_commands`), each with whether its
    failure is ignored: it comes before `||` in its and-or list and what runs instead
    ends in no failure (`pytest || echo failed`, `|| true`, but not `|| exit 1`)."""
    script = CI_EXPRESSION.sub(_one_word, script)
    for line in script.replace("\\\n", " ").splitlines():
        if "$(" in line:  # the substitutions' commands run first, then the line's
            for inner in SUBSTITUTION.findall(line):
                yield from shell_commands(inner)
            line = SUBSTITUTION.sub(_substituted_word, line)
        for words, ignored in _line_commands(line):
            yield list(words), ignored


# A CI system's template expression, replaced before the shell reads the line:
# `pixi run -e ${{ matrix.env }} test` is one word where GitHub runs it.
CI_EXPRESSION = lazy_pattern(r"\$\{\{[^{}\n]*\}\}")


def _one_word(expression: re.Match[str]) -> str:
    """`${{ matrix.env }}` -> `${{matrix.env}}`: the spaces inside are the expression's."""
    return "".join(expression.group(0).split())


# A command substitution (`$(pwd)`) or a Make variable in a recipe (`$(PYTHON)`): its
# output is part of the word it sits in (`-v $(pwd):/app`, `source=$(pwd),target=/app`),
# which it does not split; the commands inside still run (`ID=$(python train.py)`).
SUBSTITUTION = lazy_pattern(r"\$\(([^()\n]*)\)")


def _substituted_word(substitution: re.Match[str]) -> str:
    """`$(git rev-parse HEAD)` -> `${git_rev-parse_HEAD}`: one piece of its word, with
    nothing the shell would split it at."""
    return "${" + SPLITS_A_WORD.sub("_", substitution.group(1).strip()) + "}"


SPLITS_A_WORD = lazy_pattern(r"[^\w./:=+-]+")


@lru_cache(maxsize=8192)
def _line_commands(line: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """The simple commands of one line of shell, tokenised once per process: a monorepo's
    root and each project follow the same CI steps and task lines (shlex is slow)."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()<>")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        tokens = _without_redirections(list(lexer))
    except ValueError:  # an unclosed quote: take the words as they are
        tokens = line.split("#", 1)[0].split()
    commands: list[tuple[list[str], str]] = []  # each with the separator after it
    current: list[str] = []
    for token in tokens:
        if token in SEPARATORS:
            if current:
                commands.append((current, token))
            current = []
        else:
            current.append(token)
    if current:
        commands.append((current, ""))
    return tuple((tuple(words), ignored) for words, ignored in _with_ignored_failures(commands))


# A redirection's operator as the lexer gives it (`>`, `>>`, `2>&1`'s `>&`, `&>`, `<`).
REDIRECTION = lazy_pattern(r"[&|]?[<>]+[&|(]?")


def _without_redirections(tokens: list[str]) -> list[str]:
    """The tokens of a line without its redirections (`make test > out.txt 2>&1` is `make
    test`): each operator, the file or descriptor it names, and the descriptor before it."""
    kept: list[str] = []
    skip = False
    for token in tokens:
        if skip:
            skip = False
        elif REDIRECTION.fullmatch(token):
            if kept and kept[-1].isdigit():
                kept.pop()  # `2>`: the descriptor redirected
            skip = True
        else:
            kept.append(token)
    return kept


def _with_ignored_failures(
    commands: list[tuple[list[str], str]],
) -> Iterator[tuple[list[str], bool]]:
    """Each command of one line, and whether a later `||` of its and-or list swallows
    its failure (the rest of the line after `||` exits with no error)."""
    start = 0
    for index, (_, separator) in enumerate(commands):
        if separator not in LIST_ENDS and index < len(commands) - 1:
            continue
        and_or = commands[start : index + 1]
        rescued = next((n for n, (_, sep) in enumerate(and_or) if sep == "||"), None)
        failing = rescued is not None and any(
            _fails(words) for words, _ in commands[start + rescued + 1 :]
        )
        for position, (words, _) in enumerate(and_or):
            yield words, rescued is not None and position <= rescued and not failing
        start = index + 1


# `if [ -d tests ]`, `if test -d tests`, `if [[ -e tests ]]`, `if [ -f setup.cfg ]`: a
# test of a path's existence.
PATH_TEST = lazy_pattern(r"^(?:\[\[?|test) -[def] (\S+)(?: \]\]?)?$")
TEST_FOLDER_NAMES = frozenset({"test", "tests", "testing"})
# Files a repository commits, never a step's output: a condition on them is settled by
# the tree (GitHub's starter workflow's `if [ -f requirements.txt ]`).
DECLARATION_FILE = lazy_pattern(
    r"requirements[\w.-]*\.txt|setup\.(?:cfg|py)|pyproject\.toml|tox\.ini|\.flake8|Pipfile"
)


def _reachable(
    commands: Iterable[tuple[list[str], bool]], lacks: Callable[[str], bool]
) -> Iterator[tuple[list[str], bool]]:
    """The commands that can run: not those of an `if` branch that runs only when test
    folders or declaration files exist (`if [ -d tests ]; then pytest; fi`, `if [ -f
    setup.cfg ] || [ -f pyproject.toml ]; then flake8 .; fi`) which the repository lacks;
    its `else` branch runs."""
    listed = list(commands)
    depth = skipped = 0  # `if` nesting, and the depth whose `then` branch is skipped
    for index, (words, ignored) in enumerate(listed):
        head = words[0]
        if head == "if":
            depth += 1
            if not skipped and _only_missing_paths(_condition(listed, index), lacks):
                skipped = depth
        elif head in ("else", "elif", "fi") and skipped == depth:
            skipped = 0
        if head == "fi":
            depth = max(depth - 1, 0)
        if not skipped:
            yield words, ignored


def _condition(commands: list[tuple[list[str], bool]], start: int) -> list[str]:
    """The tests of the `if` at `start`: its own words, then each command up to `then`
    (`if [ -f a ] || [ -f b ]; then`), each as one line."""
    found = [" ".join(commands[start][0][1:])]
    for words, _ in commands[start + 1 :]:
        if words[0] == "then":
            break
        found.append(" ".join(words))
    return found


def _only_missing_paths(tests: list[str], lacks: Callable[[str], bool]) -> bool:
    """Whether every test of a condition asks for a test folder or a declaration file the
    repository lacks: the condition is false, joined by `||` or `&&`."""
    paths = [match.group(1) if (match := PATH_TEST.match(test)) else "" for test in tests]
    return all(
        (_is_test_folder(path) or DECLARATION_FILE.fullmatch(PurePosixPath(path).name))
        and lacks(path)
        for path in paths
    )


def _is_test_folder(path: str) -> bool:
    return PurePosixPath(path).name in TEST_FOLDER_NAMES


def _fails(words: list[str]) -> bool:
    """Whether a command ends the shell with an error: `exit 1`, `exit $?`, `false`."""
    program = program_words(words)
    if program[:1] in (["exit"], ["return"]):
        return program[1:2] not in ([], ["0"])
    return program[:1] == ["false"]


# -- the graph ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CommandGraph:
    """The repository's CI jobs and tasks, followed down to the programs they run."""

    tasks: dict[str, dict[str, Task]]
    """Runner (`make:PATH`, `just`, `mise`, `pixi`, `poe`, `taskipy`, `pdm`, `pipenv`,
    `hatch:ENV`, `tox`, `nox`, `mlflow`) -> task name -> task."""
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
    follower = _Follower(source, all_tasks(source, files), console_scripts(source.pyproject))
    ci: list[Command] = []
    dead: list[DeadEnd] = []
    for rel in dict.fromkeys(ci_files):
        text = source.text(rel)
        if text is None:
            continue
        # Only a CI file named as YAML is YAML: a Jenkinsfile is Groovy, a CDK app code.
        document = source.load_yaml(rel) if rel.endswith((".yml", ".yaml")) else None
        for step in ci_shell_texts(rel, text, document):
            chain = (Step(rel, step.line, step.text),)
            runs = follower.read_shell(rel, numbered_lines(step.text), None)
            shell = "\n".join(line for _, line in runs)
            follower.follow(shell, chain, step.cwd, ci, dead, may_fail=step.may_fail)
    from_tasks: list[Command] = []
    for tasks in follower.tasks.values():
        for task in tasks.values():
            for line, shell in task.lines:
                chain = (Step(task.path, line, shell),)
                follower.follow(shell, chain, task_folder(task), from_tasks, [], task)
    return CommandGraph(follower.tasks, tuple(ci), tuple(dead), tuple(from_tasks))


def task_folder(task: Task) -> str:
    """Where a task's commands run: a Makefile's, a package.json's, a tox.ini's, an
    MLproject's or a dvc.yaml's folder (one in a folder of its own too), else the root."""
    runner = task.runner.partition(":")[0]
    runs_in_its_folder = runner.startswith("make") or runner in ("npm", "tox", "mlflow", "dvc")
    return str(PurePosixPath(task.path).parent) if runs_in_its_folder else "."


# A shell script that ends on `exit 0` without errexit (`set -e`) succeeds whatever the
# commands before it return: their failures cannot fail the step that runs it.
SWALLOWING = "script ending in exit 0"
ERREXIT = lazy_pattern(
    r"(?m)^[ \t]*set[ \t]+(?:-[a-zA-Z]*e|-o[ \t]+errexit)|^#!.*[ \t]-[a-zA-Z]*e\b"
)
LAST_EXIT_0 = lazy_pattern(r"^exit[ \t]+0[ \t]*;?$")


def ends_in_success(text: str) -> bool:
    """Whether a shell script's last command is `exit 0` and nothing makes it stop on a
    failure before (no `set -e`, `set -o errexit`, `#!/bin/bash -e`)."""
    commands = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    return bool(commands) and bool(LAST_EXIT_0.match(commands[-1])) and not ERREXIT.search(text)


Reached = list[Task] | str | None
"""What a command leads to: tasks to follow, a dead end (why), or None: it is a program."""


@dataclass
class _Follower:
    source: Source
    tasks: dict[str, dict[str, Task]]
    entry_points: dict[str, str]
    """Console scripts the project declares -> `module:function`."""
    budget: int = MAX_FOLLOWED
    """Commands still to follow: Makefiles whose targets call each other stop here."""
    nested_tox: dict[str, dict[str, Task]] = field(default_factory=dict)
    """The environments of tox.ini files below the root, read when CI runs tox there."""
    shells: dict[str, ShellProgram] = field(default_factory=dict)
    """Shell scripts and CI files read so far -> their functions and variables."""

    def read_shell(self, rel: str, lines: list[Line], args: list[str] | None) -> tuple[Line, ...]:
        """The lines a shell text of `rel` runs when called with `args`; the functions
        it calls are kept for the calls (`function_call`)."""
        program = shell_program(lines, args)
        known = self.shells.get(rel)
        if known is not None:
            functions = {**known.functions, **program.functions}
            program = ShellProgram(program.lines, functions, program.variables)
        self.shells[rel] = program
        return program.lines

    def function_call(self, scope: str, words: list[str]) -> list[Task] | None:
        """A call of a function the shell text `scope` defines: its body, read with the
        call's words as its arguments."""
        program = self.shells.get(scope)
        body = program.functions.get(words[0]) if program and words else None
        if program is None or body is None:
            return None
        called = shell_program(body, words[1:], program.variables)
        return [Task("function", words[0], scope, called.lines)]

    def follow(
        self,
        shell: str,
        chain: tuple[Step, ...],
        cwd: str,
        out: list[Command],
        dead: list[DeadEnd],
        within: Task | None = None,
        expanded: set[tuple[str, str, str, str]] | None = None,
        may_fail: bool = False,
        in_checkout: bool = True,
    ) -> None:
        """Append to `out` the programs `shell` starts, to `dead` the references that fail.

        Each task is expanded once per starting line (`expanded`): the programs it leads
        to are the same whichever way it is reached, and targets that call each other end.
        `may_fail`: the shell's failure is ignored where it is run from; `in_checkout`:
        it runs in the repository's checkout (not in a container, see `Command`).
        """
        expanded = set() if expanded is None else expanded
        if len(chain) > MAX_DEPTH:
            return
        lacks = partial(self.lacks, cwd=cwd)
        for words, ignored in _reachable(shell_commands(shell), lacks):
            ignored = ignored or may_fail
            self.budget -= 1
            if self.budget < 0:
                return
            program, module = _peeled(words)
            if not program:
                continue
            if program[0] == "cd":  # `cd service && make test` runs service's Makefile
                target = program[1] if len(program) > 1 else ""
                cwd = normalise(f"{cwd}/{target}") if target and "$" not in target else cwd
                continue
            scope = within.path if within is not None else chain[0].path
            reached = (
                self.function_call(scope, program)
                or self.pipenv_script(words)
                or self.reach(program, cwd, within)
            )
            if reached is None:
                module = module or self.entry_module(program[0])
                out.append(Command(tuple(program), chain, cwd, ignored, module, in_checkout))
            elif isinstance(reached, str):
                dead.append(DeadEnd((*chain, Step("", None, shlex.join(program[:3]))), reached))
            else:
                for task in reached:
                    # A direct command has no name: `bash -c X` inside `docker run` is its own.
                    key = (task.runner, task.path, task.name, repr(task.lines))
                    if key in expanded:
                        continue
                    expanded.add(key)
                    for line, text in task.lines:
                        link = (*chain, Step(task.path, line, text)) if task.path else chain
                        where = task_folder(task) if task.path else cwd
                        inside = in_checkout and task.runner not in RUN_ELSEWHERE
                        swallowed = ignored or task.runner == SWALLOWING
                        self.follow(text, link, where, out, dead, task, expanded, swallowed, inside)

    def reach(self, words: list[str], cwd: str, within: Task | None) -> Reached:
        """The tasks a command invokes, a dead end, or None when it is a plain program."""
        program, args = _basename(words[0]), words[1:]
        hatch = within.runner if within and within.runner.startswith("hatch:") else ""
        if hatch and program in self.tasks[hatch] and within and program != within.name:
            return self.named(within.runner, [program], "hatch scripts")
        if program in ("make", "gmake"):
            return self.make(args, cwd)
        if program == "just":
            names = positional_words(args, {"-f", "--justfile", "-d"})[:1]
            return self.named("just", names, "the justfile", "recipe")
        if program == "mise":
            rest = positional_words(args, {"-C", "--cd", "-E", "--env"})
            if rest[:1] in (["run"], ["r"]):
                return self.named("mise", rest[1:2], "mise.toml tasks")
            if rest and rest[0] in self.tasks.get("mise", {}):
                return self.named("mise", rest[:1], "mise.toml tasks")
            return None
        if program in ("pixi", "pdm") and args[:1] == ["run"]:
            rest = positional_words(args[1:], {"-e", "--environment", "--manifest-path", "-p"})
            if rest and rest[0] in self.tasks.get(program, {}):
                return self.named(program, rest[:1], f"{program} tasks")
            return _direct(rest)
        if program == "poe" or (program == "poetry" and args[:1] == ["poe"]):
            rest = positional_words(args[1:] if program == "poetry" else args, {"-C", "--root"})
            return self.named("poe", rest[:1], "[tool.poe.tasks]")
        if program == "task" and args[:1] and args[0] in self.tasks.get("taskipy", {}):
            return self.named("taskipy", args[:1], "[tool.taskipy.tasks]")  # not go-task's
        if program == "task" and "task" in self.tasks:  # go-task: `task` runs `default`
            words = positional_words(args, {"-d", "--dir", "-t", "--taskfile"})
            names = [a for a in words if "=" not in a]  # not `task build VERSION=1`
            known = self.tasks["task"]
            if any(":" in name and name not in known for name in names):
                return None  # an included Taskfile's (`docs:build`), not read
            return self.named("task", names or ["default"], "the Taskfile")
        if program == "devbox" and args[:1] == ["run"]:
            rest = positional_words(args[1:], {"-c", "--config", "-e", "--env", "--env-file"})
            if rest and rest[0] in self.tasks.get("devbox", {}):
                return self.named("devbox", rest[:1], "devbox.json scripts", "script")
            return _direct(rest)
        if program == "hatch":
            return self.hatch(args)
        if program == "rye" and args[:1] in (["lint"], ["check"], ["fmt"], ["format"]):
            return _rye_ruff(args)
        if program == "dvc" and args[:1] in (["repro"], ["exp"]):
            stages = [a.rpartition(":")[2] for a in positional_words(args[1:], set()) if a != "run"]
            return self.named("dvc", stages or list(self.tasks.get("dvc", {})), "dvc.yaml", "stage")
        if program == "tox":
            return self.tox(args, cwd)
        if program == "behave":
            return self.behave(args, cwd)
        if program in ("invoke", "inv") and "invoke" in self.tasks:
            words = positional_words(args, {"-c", "--collection", "-r", "--search-root", "-f"})
            names = [w for w in words if w in self.tasks["invoke"]]
            if not names or any("." in w and w not in names for w in words):  # not read
                return None
            return self.named("invoke", names, "tasks.py")
        if program == "nox":
            sessions = _values_of(args, {"-s", "--session", "--sessions", "-e"})
            names = sessions or sorted(self.tasks.get("nox", {}))
            return self.named("nox", names, "noxfile.py", "session")
        if program in CONTAINER_TOOLS:
            return self.container(program, args, cwd)
        if program == "eval" and args:  # `eval "$command"`: the words, read as shell again
            return [Task("direct", program, "", ((None, " ".join(args)),))]
        if program in SHELLS and args:
            inline = _inline_command(args)
            if inline is not None:  # `bash -c "pytest -x"`
                return [Task("direct", program, "", ((None, inline),))]
            at = next((i for i, a in enumerate(args) if not a.startswith("-")), None)
            return self.script(args[at], cwd, args[at + 1 :]) if at is not None else None
        if program == "python" and args and args[0].endswith(".py"):
            return self.python_script(args[0], cwd)
        if "/" in words[0] or program.endswith(".sh"):
            return self.script(words[0], cwd, args)
        if program in self.entry_points:
            return self.entry_point(program)
        return self.job_spec(words, cwd)

    def pipenv_script(self, words: list[str]) -> list[Task] | None:
        """`pipenv run NAME` (`rye run NAME`): the Pipfile's [scripts] entry NAME (Rye's
        `[tool.rye.scripts]` one, with the scripts its `chain` runs first), when it has one
        (else it starts the program NAME, peeled like any environment runner)."""
        while words and (re.match(r"^[A-Za-z_]\w*=", words[0]) or words[0] in PREFIXES):
            words = words[1:]
        runner = _basename(words[0]) if words else ""
        if runner not in ("pipenv", "rye") or words[1:2] != ["run"] or len(words) < 3:
            return None
        scripts = self.tasks.get(runner, {})
        return self.with_needs(scripts, words[2], set()) or None

    def named(self, runner: str, names: list[str], where: str, noun: str = "task") -> Reached:
        """The tasks `names` of `runner` (its first task when none is named), needs first."""
        tasks = self.tasks.get(runner, {})
        if not tasks:
            return f"no {where} in the repository"
        if any("$" in name for name in names):  # `nox -s ${{ matrix.session }}`: any of them
            names = list(tasks)
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
        folder = normalise(str(PurePosixPath(cwd, _value_of(args, {"-C", "--directory"}) or "")))
        makefile = _value_of(args, {"-f", "--file", "--makefile"})
        names = [makefile] if makefile else list(MAKEFILES)
        runner = next(
            (
                f"make:{path}"
                for name in names
                if f"make:{(path := normalise(str(PurePosixPath(folder, name))))}" in self.tasks
            ),
            None,
        )
        if runner is None:
            return f"no Makefile in {folder}" if folder != "." else "no Makefile in the repository"
        value_options = {"-C", "--directory", "-f", "--file", "--makefile", "-j", "--jobs"}
        targets = [a for a in positional_words(args, value_options) if "=" not in a]
        return self.named(runner, targets, runner[5:], "target")

    def hatch(self, args: list[str]) -> Reached:
        """`hatch test` (pytest), `hatch fmt` (ruff), `hatch run [ENV:]SCRIPT`, after hatch's
        own options (`hatch -v -e ENV run SCRIPT` runs SCRIPT of ENV, as `hatch run ENV:SCRIPT`)
        and a matrix's filters (`hatch run +py=3.12 test:unit`)."""
        at = next((i for i, a in enumerate(args) if a in ("test", "fmt", "run")), len(args))
        if positional_words(args[:at], HATCH_VALUE_OPTIONS):
            return None  # a subcommand other than these (`hatch env prune`, `hatch build`)
        chosen = _values_of(args[:at], {"-e", "--env"})
        args = args[at:]
        if args[:1] == ["test"]:
            return _direct(["pytest"])
        if args[:1] == ["fmt"]:
            return _direct(["ruff", "check"])
        rest = positional_words(args[1:], {"-e", "--env"}) if args[:1] == ["run"] else []
        # `+py=3.12` picks a matrix's variables (`-py=3.11`, skipped as an option, leaves one out)
        rest = [a for a in rest if not a.startswith("+")]
        if not rest:
            return None
        environment, _, script = rest[0].rpartition(":")
        environment = environment or (chosen[-1] if chosen else "")
        runner = f"hatch:{environment or 'default'}"
        if script in self.tasks.get(runner, {}) or environment:
            where = f"[tool.hatch.envs.{runner[6:]}.scripts]"
            return self.named(runner, [script], where, "script")
        return _direct(rest)

    def tox(self, args: list[str], cwd: str) -> Reached:
        """`tox [-e ENV,...]`: the commands of those environments (of all without -e), in
        the tox.ini of the folder it runs in (`cd api && tox`), else the root's."""
        tasks = self.tasks.get("tox", {})
        nested = normalise(f"{cwd}/tox.ini")
        if nested != "tox.ini" and nested in self.source.file_set:
            if nested not in self.nested_tox:
                self.nested_tox[nested] = tox_tasks(nested, self.source.text(nested) or "")
            tasks = self.nested_tox[nested]
        if not tasks:
            return "no tox configuration in the repository"
        chosen = [e for v in _values_of(args, {"-e", "--env"}) for e in v.split(",") if e]
        every = not chosen or chosen == ["ALL"] or any("$" in e for e in chosen)
        names = list(tasks) if every else chosen
        if not chosen:  # tox-gh-actions, when configured, picks the job's environments
            names = self.gh_actions_environments(names, tasks)
        # An environment without commands of its own (py312, generated ones) runs [testenv]'s.
        found = [tasks[n] if n in tasks and tasks[n].lines else tasks.get("testenv") for n in names]
        reached = list({id(t): t for t in found if t is not None}.values())
        return reached or f"no commands for tox environment {', '.join(chosen)}"

    def gh_actions_environments(self, names: list[str], tasks: dict[str, Task]) -> list[str]:
        """The environments a bare `tox` runs where tox-gh-actions maps the job's Python to
        some (`[gh-actions] python = 3.9: py39`): `[testenv]`'s and those named for a mapped
        factor, not a `lint` environment beside them; all of them without a mapping."""
        rels = {task.path for task in tasks.values()}
        factors = frozenset().union(*(gh_actions_factors(self.source.text(r) or "") for r in rels))
        if not factors:
            return names
        return [n for n in names if n == "testenv" or factors & set(n.split("-"))]

    def behave(self, args: list[str], cwd: str) -> Reached:
        """`behave [FEATURE...]`: the programs the step definitions (`features/steps/*.py`)
        of the feature files' steps start with subprocess."""
        named = [a for a in positional_words(args, BEHAVE_VALUE_OPTIONS) if a.endswith(".feature")]
        features = [rel for a in named if (rel := self.existing(a, cwd))] or [
            rel for rel in sorted(self.source.file_set) if FEATURE_FILE.search(rel)
        ]
        if not features:
            return "no feature files in the repository"
        sentences = {
            m[1].strip()
            for rel in features
            for m in GHERKIN_STEP.finditer(self.source.text(rel) or "")
        }
        folders = {str(PurePosixPath(rel).parent) for rel in features}
        tasks = [
            task
            for rel in sorted(self.source.file_set)
            if rel.endswith(".py") and str(PurePosixPath(rel).parent.parent) in folders
            and PurePosixPath(rel).parent.name == "steps"
            for task in _step_tasks(rel, self.source.text(rel) or "", sentences)
        ]  # fmt: skip
        return tasks or None

    def script(self, path: str, cwd: str, args: list[str]) -> Reached:
        """A shell script the repository holds, called with `args`: the lines it runs
        are followed (see `shell_scripts`). A file named as data or configuration
        (`requirements/dev.lock` on a line of its own, an array's element in a script) is
        no script: a line that names it runs nothing of it."""
        rel = self.existing(path, cwd)
        if rel is None or NOT_A_SCRIPT.search(rel):
            return f"no script {path} in the repository" if path.endswith(".sh") else None
        text = self.source.text(rel) or ""
        lines = self.read_shell(rel, numbered_lines(text), args)
        return [Task(SWALLOWING if ends_in_success(text) else "script", rel, rel, lines)]

    def python_script(self, path: str, cwd: str) -> Reached:
        """A Python script that starts a test runner (`pytest.main(...)`, unittest's
        loader) runs the tests."""
        rel = self.existing(path, cwd)
        return self.python_module(rel) if rel else None

    def python_module(self, rel: str) -> Reached:
        """The test runner a Python file starts in code, as a one-line task."""
        tree = self.source.syntax_tree(rel)
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

    def entry_module(self, name: str) -> str:
        """The dotted module a console script of the project runs (`train` ->
        `pkg.training`), "" when `name` is none."""
        target = ENTRY_POINT.match(self.entry_points.get(name, ""))
        return target.group(1) if target else ""

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
            # A spec may hold several documents (`kubectl apply -f` of a multi-document
            # manifest): each is read, and a multi-document file is no parse problem.
            documents = self.source.yaml_documents(rel) or []
            commands = [
                command
                for document in documents
                for command in values_under(document, JOB_KEYS, argv=True)
            ]
            text = self.source.text(rel) or ""
            if commands:
                return [
                    Task("job", rel, rel, tuple((line_of_command(text, c), c) for c in commands))
                ]
        return None

    def container(self, program: str, args: list[str], cwd: str) -> Reached:
        """What a container tool runs: the command `docker run IMAGE CMD` / `docker compose
        run SERVICE CMD` is given, else the command the image sets (ENTRYPOINT and CMD of
        the stage it is built up to) when the repository builds it, or a compose service's
        `command:`; the RUN lines of the stages `docker build [--target STAGE]` builds, and
        of each service's build for `docker compose build [SERVICE...]`."""
        build = docker_build([program, *args])
        if build is not None:
            dockerfile = normalise(f"{cwd}/{build.dockerfile}")
            return self.image_task(dockerfile, build.target, building=True)
        call = container_call(program, args)
        if call is not None and call.compose and call.verb == "up":
            call = _up_as_run(call, args[args.index("up") + 1 :])
        if call is None or call.verb not in ("run", "exec", "build"):
            return None
        if call.command or call.entrypoint:
            if call.entrypoint:
                entry = [call.entrypoint]
            elif call.compose and call.verb == "run":
                entry = self.service_entrypoint(call, cwd)
            else:
                entry = []
            words = shlex.join([*entry, *call.command])
            return [Task("container", program, "", ((None, words),))]
        if call.verb == "run" and not call.compose:
            image = self.source.image_builds.get(image_reference(call.subjects[0]))
            return self.image_task(*image, building=False) if image else None
        if not call.compose or call.verb == "exec":
            return None
        tasks: list[Task] = []
        for name, service, rel in self.compose_services(call.files, cwd, call.subjects):
            command = service.get("command")
            if call.verb == "run" and isinstance(command, (str, list)):
                shell = command if isinstance(command, str) else shlex.join(map(str, command))
                text = self.source.text(rel) or ""
                tasks.append(Task("compose", name, rel, ((line_of_command(text, shell), shell),)))
                continue
            built = declared_builds(rel, {"services": {name: service}})
            image = service.get("image")
            target = (
                (built[0].dockerfile, built[0].target)
                if built
                else self.source.image_builds.get(image_reference(str(image)))
                if image
                else None
            )
            found = self.image_task(*target, building=call.verb == "build") if target else None
            tasks += found or []
        return tasks or None

    def service_entrypoint(self, call: ContainerCall, cwd: str) -> list[str]:
        """The `entrypoint:` of the compose service `docker compose run SERVICE ARGS`
        gives its ARGS to (`entrypoint: ["pytest"]`); [] when it sets none."""
        for _, service, _ in self.compose_services(call.files, cwd, call.subjects):
            entrypoint = service.get("entrypoint")
            if isinstance(entrypoint, str):  # the shell form, its words
                return entrypoint.split()
            if isinstance(entrypoint, list):
                return [str(word) for word in entrypoint]
        return []

    def image_task(self, path: str, target: str | None, building: bool) -> list[Task] | None:
        """The RUN lines of the stages a build of Dockerfile `path` up to stage `target`
        runs (`building`), else the command that stage sets (ENTRYPOINT and CMD, its own or
        that of a stage it is built FROM), as a task of the Dockerfile."""
        dockerfile = next((d for d in self.source.dockerfiles if d.path == path), None)
        index = dockerfile.stage_index(target) if dockerfile else None
        if dockerfile is None or index is None:
            return None
        stages = [dockerfile.stages[i] for i in dockerfile.stage_chain(index)]
        lines: tuple[Line, ...] = _default_command(stages)
        if building:
            runs = [i for stage in reversed(stages) for i in stage if i.keyword == "RUN"]
            lines = tuple((i.line, _instruction_command(i.arguments)) for i in runs)
        name = target or f"stage {index}"
        return [Task("image", name, path, lines)] if lines else None

    def compose_services(
        self, files: tuple[str, ...], cwd: str, names: tuple[str, ...]
    ) -> Iterator[tuple[str, Mapping[str, Any], str]]:
        """The services `names` (every one when none is named) of the compose files (`-f`,
        else the one Compose reads in `cwd`): (name, service, file), the last file's
        definition of a service winning."""
        paths = [self.existing(f, cwd) for f in files] if files else []
        if not files:
            paths = [next((r for name in COMPOSE_NAMES if (r := self.existing(name, cwd))), None)]
        found: dict[str, tuple[Mapping[str, Any], str]] = {}
        for rel in (r for r in paths if r is not None):
            document = self.source.load_yaml(rel)
            services = document.get("services") if isinstance(document, Mapping) else None
            for name, service in services.items() if isinstance(services, Mapping) else ():
                if isinstance(service, Mapping) and (not names or name in names):
                    found[str(name)] = (service, rel)
        for name, (service, rel) in found.items():
            yield name, service, rel

    def lacks(self, path: str, cwd: str) -> bool:
        """Whether the repository has neither the file `path` nor a file under the folder
        `path` (seen from `cwd`)."""
        if "$" in path or "{" in path or "*" in path:
            return False
        rel = normalise(str(PurePosixPath(cwd, path)))
        inside = rel + "/"
        return rel not in self.source.file_set and not any(
            other.startswith(inside) for other in self.source.file_set
        )

    def existing(self, path: str, cwd: str) -> str | None:
        """`path` as a file of the repository, seen from `cwd` or from the root."""
        if "$" in path or "{" in path:
            return None
        for base in (cwd, "."):
            candidate = normalise(str(PurePosixPath(base, path)))
            if candidate in self.source.file_set:
                return candidate
        return None


# behave: feature files, their steps, and the step definitions that implement them.
# hatch's own options that take a value (before its subcommand).
HATCH_VALUE_OPTIONS = {"-e", "--env", "-p", "--project", "--data-dir", "--cache-dir", "--config"}
BEHAVE_VALUE_OPTIONS = {"-D", "--define", "-f", "--format", "-o", "--outfile", "-i", "-e"}
BEHAVE_VALUE_OPTIONS |= {"--include", "--exclude", "-t", "--tags", "-n", "--name", "-k"}
FEATURE_FILE = lazy_pattern(r"(?:^|/)features/[^/]+\.feature$")
GHERKIN_STEP = lazy_pattern(r"(?m)^\s*(?:Given|When|Then|And|But|\*)\s+(.+)$")
STEP_DECORATORS = frozenset({"given", "when", "then", "step"})
# The calls that start a program from a step: subprocess's, or a helper named like them.
RUN_CALLS = frozenset({"run", "call", "check_call", "check_output", "Popen", "system"})


def _step_tasks(rel: str, text: str, sentences: set[str]) -> Iterator[Task]:
    """One task per step definition of `rel` that one of `sentences` uses: the commands
    it starts (`subprocess.run([context.python, "-m", "ruff", "check"])`)."""
    tree = parse(text)
    functions = (n for n in walked(tree) if isinstance(n, ast.FunctionDef)) if tree else ()
    for function in functions:
        patterns = [
            first_string(decorator)
            for decorator in function.decorator_list
            if isinstance(decorator, ast.Call)
            and dotted(decorator.func).rpartition(".")[2] in STEP_DECORATORS
        ]
        used = [
            p for p in patterns if p and any(re.fullmatch(_step_regex(p), s) for s in sentences)
        ]
        if not used:
            continue
        lines = tuple(
            (call.lineno, words)
            for call in calls(function)
            if dotted(call.func).rpartition(".")[2] in RUN_CALLS and (words := argv_text(call))
        )
        if lines:
            yield Task("behave", function.name, rel, lines)


def _step_regex(pattern: str) -> str:
    """A behave step pattern (`I run {tool} in the project`) as a regular expression."""
    return ".+?".join(re.escape(part) for part in re.split(r"\{[^}]*\}", pattern))


def argv_text(call: ast.Call) -> str:
    """The command line a run call starts: a list of words (`context.python` read as
    `python`) or a shell string; "" when it cannot be told."""
    first = call.args[0] if call.args else None
    if not isinstance(first, (ast.List, ast.Tuple)):
        return first_string(call) or ""
    words = [
        element.value
        if isinstance(element, ast.Constant) and isinstance(element.value, str)
        else dotted(element).rpartition(".")[2]
        for element in first.elts
    ]
    return shlex.join(words) if words and all(words) else ""


# Tasks whose commands run outside the checkout: in a container, or in a project a behave
# step generates.
RUN_ELSEWHERE = frozenset({"container", "image", "compose", "behave"})
# Programs that run a command in a container: `docker compose run --rm app pytest`.
CONTAINER_TOOLS = frozenset({"docker", "podman", "docker-compose", "podman-compose"})
CONTAINER_VALUE_OPTIONS = frozenset(
    {"-e", "--env", "-v", "--volume", "-w", "--workdir", "--name", "--network", "--entrypoint"}
    | {"-p", "--publish", "-u", "--user", "--env-file", "--gpus", "--platform", "--mount"}
    | {"-l", "--label", "--cpus", "-m", "--memory", "--shm-size", "--ulimit", "--add-host"}
    | {"-h", "--hostname", "--device", "--cap-add", "--security-opt", "--pull", "--ipc"}
    | {"-f", "--file", "--project-name", "--profile", "--project-directory", "--runtime"}
)


# The files Compose reads when given none, in its order.
COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")


class ContainerCall(NamedTuple):
    """A container tool's call: `docker run IMAGE CMD`, `docker compose -f F run SERVICE`."""

    compose: bool
    files: tuple[str, ...]
    """The compose files it names (`-f`)."""
    verb: str
    subjects: tuple[str, ...]
    """The image or service run (one), or the services built (any number)."""
    command: tuple[str, ...]
    """The command it runs in the container (empty: the image's or service's own)."""
    entrypoint: str | None = None
    """The entrypoint it sets (`--entrypoint ruff`), that `command` is given to."""


def container_call(program: str, args: list[str]) -> ContainerCall | None:
    """`docker run [OPTIONS] IMAGE [CMD...]`, `docker compose [-f FILE] run|exec [OPTIONS]
    SERVICE [CMD...]` or `docker compose build [SERVICE...]` read; None for a call
    naming no verb."""
    compose = program in ("docker-compose", "podman-compose") or args[:1] == ["compose"]
    words = args[1:] if program in ("docker", "podman") and args[:1] == ["compose"] else args
    files: list[str] = []
    index = 0
    while index < len(words) and words[index].startswith("-"):  # compose's own options
        option, equals, value = words[index].partition("=")
        if option in ("-f", "--file") and (equals or index + 1 < len(words)):
            files.append(value if equals else words[index + 1])
        index += 2 if words[index] in CONTAINER_VALUE_OPTIONS else 1
    if index >= len(words):
        return None
    verb, rest = words[index], words[index + 1 :]
    if verb == "build":
        services = tuple(w for w in rest if not w.startswith("-") and "=" not in w)
        return ContainerCall(compose, tuple(files), verb, services, ())
    index = 0
    entrypoint = None
    while index < len(rest) and rest[index].startswith("-"):
        option, equals, value = rest[index].partition("=")
        has_value = option in CONTAINER_VALUE_OPTIONS and not equals
        if option == "--entrypoint" and (equals or index + 1 < len(rest)):
            entrypoint = value if equals else rest[index + 1]
        index += 2 if has_value else 1
    subject = tuple(rest[index : index + 1])
    if verb in ("run", "exec") and not subject:
        return None
    command = tuple(rest[index + 1 :])
    return ContainerCall(compose, tuple(files), verb, subject, command, entrypoint)


# `docker compose up` options that make its exit status a service's: the first to stop
# stops the others and its status is returned, or the named service's.
UP_ABORTS = frozenset({"--abort-on-container-exit", "--abort-on-container-failure"})


def _up_as_run(call: ContainerCall, words: list[str]) -> ContainerCall | None:
    """`docker compose up --abort-on-container-exit [SERVICE...]` (or `--exit-code-from
    SERVICE`; `words` are those after `up`) read as running those services (every one
    when none is named; only the named one's status counts with --exit-code-from); None
    for an `up` whose services' failures cannot fail it (detached, or neither option)."""
    options = {word.partition("=")[0] for word in words if word.startswith("-")}
    exit_from = _value_of(words, {"--exit-code-from"})
    if (exit_from is None and not options & UP_ABORTS) or options & {"-d", "--detach"}:
        return None
    names = positional_words(words, {"--exit-code-from", *CONTAINER_VALUE_OPTIONS})
    subjects = (exit_from,) if exit_from else tuple(names)
    return call._replace(verb="run", subjects=subjects, command=())


def _instruction_command(arguments: str) -> str:
    """A RUN, CMD or ENTRYPOINT's command as a shell line: the exec form's words joined
    (`["python", "-m", "pytest"]`), the shell form without RUN's options (`--mount=...`)."""
    if arguments.startswith("["):
        try:
            words = json.loads(arguments)
        except ValueError:
            words = None
        if isinstance(words, list) and all(isinstance(word, str) for word in words):
            return shlex.join(words)
    return re.sub(r"^(?:--\S+\s+)*", "", arguments)


def _default_command(stages: list[list[Instruction]]) -> tuple[Line, ...]:
    """The command an image runs when given none: the ENTRYPOINT and CMD of the nearest
    stage that sets either (an emptied `ENTRYPOINT []` sets nothing)."""
    for stage in stages:
        set_to = [i for i in stage if i.keyword in ("ENTRYPOINT", "CMD")]
        if not set_to:
            continue
        entry = [i for i in set_to if i.keyword == "ENTRYPOINT"][-1:]
        cmd = [i for i in set_to if i.keyword == "CMD"][-1:]
        words = [_instruction_command(i.arguments) for i in [*entry, *cmd]]
        command = " ".join(w for w in words if w.strip())
        return ((set_to[-1].line, command),) if command else ()
    return ()


def _inline_command(args: list[str]) -> str | None:
    """The command a shell is given with `-c` (or among other flags: `bash -lc "make
    lint"`, `sh -ec ...`), None when it runs a script or reads its input."""
    for index, arg in enumerate(args[:-1]):
        if not arg.startswith("-"):
            return None
        if not arg.startswith("--") and "c" in arg[1:]:
            return args[index + 1]
    return None


def _rye_ruff(args: list[str]) -> Reached:
    """`rye lint` (`rye check`) runs `ruff check`, `rye fmt` (`rye format`) `ruff format`,
    `--check` kept and the words after `--` handed on (`rye fmt -- --diff`)."""
    own, _, passed = _split_at_dashes(args[1:])
    ruff = ["ruff", "check"] if args[0] in ("lint", "check") else ["ruff", "format"]
    return _direct([*ruff, *(["--check"] if "--check" in own else []), *passed])


def _split_at_dashes(args: list[str]) -> tuple[list[str], str, list[str]]:
    """A command's own words, and those after its `--`, handed to the program it runs."""
    if "--" not in args:
        return args, "", []
    at = args.index("--")
    return args[:at], "--", args[at + 1 :]


def _direct(words: list[str]) -> Reached:
    """`pixi run pytest`, `hatch run pytest`: the program itself, no task in between."""
    return [Task("direct", words[0], "", ((None, shlex.join(words)),))] if words else None


def positional_words(args: Iterable[str], takes_value: AbstractSet[str]) -> list[str]:
    """The words of `args` that are no option nor the value of one of `takes_value`."""
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


# Programs whose words are no paths or modules to check (pre-commit's hook ids, pysen's
# targets: `pysen run lint` checks the paths its [tool.pysen] table lists).
NAMES_NO_TARGETS = frozenset({"pre-commit", "prek", "nose2", "ward", "pysen"})
# Sub-commands written before a program's targets (`ruff check src`).
SUBCOMMANDS = {"ruff": frozenset({"check", "format"})}


def missing_targets(command: Command, file_set: frozenset[str]) -> list[str]:
    """The targets a test runner or linter is given (`pycodestyle data_enrichment`,
    `python -m unittest tests.TestModel`) when the repository has none of them: a run
    that checks nothing of it. Empty when it is given no target (it checks its folder),
    when one exists, or when a word may be an option's value (`pytest -k smoke`). unittest
    imports each target as a module: a folder without `__init__.py` (`python -m unittest
    tests`) is a namespace package it finds no test in."""
    words = list(command.words[1:])
    if not command.in_checkout or command.program in NAMES_NO_TARGETS:
        return []
    if words[:1] == ["discover"]:  # `python -m unittest discover -s tests` finds them
        return []
    if words[:1] and words[0] in SUBCOMMANDS.get(command.program, ()):
        words = words[1:]
    targets: list[str] = []
    previous = command.words[0]
    for word in words:
        after_option = previous.startswith("-") and "=" not in previous
        if not word.startswith("-") and not after_option:
            targets.append(word)
        previous = word
    if any(TEMPLATE_MARK.search(word) for word in command.words):
        return []  # a word the shell or a template fills in may name anything
    as_module = command.program == "unittest"
    if any(_names_something(target, command.cwd, file_set, as_module) for target in targets):
        return []
    return targets


# What a shell, a task runner or a template fills in: `$VAR`, `{posargs}`, `{{ args }}`,
# `%VAR%`, a glob.
TEMPLATE_MARK = lazy_pattern(r"[$*?\[{}%<>]")


def _names_something(
    target: str, cwd: str, file_set: frozenset[str], as_module: bool = False
) -> bool:
    """Whether a target names a file or folder of the repository (seen from `cwd` or the
    root), or a module (`tests.test_model.TestModel`: tests/test_model.py); with `as_module`,
    a bare name is only a module or a package (`tests`: tests.py or tests/__init__.py), as
    unittest imports it."""
    path = target.split("::", 1)[0].rstrip("/")
    bases = dict.fromkeys((cwd, "."))
    if as_module and "/" not in path and "." not in path:  # `tests`: a module or a package
        return any(
            normalise(f"{base}/{path}{suffix}") in file_set
            for base in bases
            for suffix in (".py", "/__init__.py")
        )
    candidates = [normalise(f"{base}/{path}") for base in bases]
    if "/" not in path and not path.endswith(".py") and "." in path.strip("."):
        parts = path.split(".")  # a dotted name: a module file along it, or the package
        modules = ["/".join(parts[:n]) + ".py" for n in range(len(parts), 0, -1)]
        candidates += [normalise(f"{base}/{m}") for base in bases for m in modules]
        candidates += [normalise(f"{base}/{'/'.join(parts)}") for base in bases]
    return any(
        rel == "." or rel in file_set or any(f.startswith(rel + "/") for f in file_set)
        for rel in candidates
    )
