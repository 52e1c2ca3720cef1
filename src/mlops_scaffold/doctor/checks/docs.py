"""DOCS: a README that gets a newcomer running, a model card, one-command tasks."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from mlops_scaffold.doctor.checks.base import Check, Hit, Outcome, Passed, TextOf, TreeOf
from mlops_scaffold.doctor.commands import (
    LINT_PROGRAMS,
    TEST_PROGRAMS,
    CommandGraph,
    program_words,
    simple_commands,
)
from mlops_scaffold.doctor.pipelines import COMPOSE_FILE
from mlops_scaffold.doctor.python_clis import started_commands, subcommands
from mlops_scaffold.doctor.tasks import Task
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.parsers import console_scripts

# Commands that set a project up: they build the environment it runs in, whatever the
# tool (packages, an environment, an image, the infrastructure), one line per tool; a
# template's are the ones that generate a project from it. A compose command may put
# options before its subcommand (`docker-compose -f prod.yml up`, `... -d --build`).
SETUP_COMMANDS = (
    r"pip3?\s+install",
    r"uv\s+(?:sync|pip|run)",
    r"(?:poetry|pdm|pixi)\s+(?:install|sync)",
    r"pipenv\s+(?:install|sync)",
    r"hatch\s+env\s+create",
    r"(?:conda|mamba|micromamba)\s+(?:env\s+)?(?:create|install|update)",
    r"make\s+(?:setup|install|init)",
    r"docker\s+(?:build|run|compose)",
    r"docker-compose\b[^\n]*?(?:\s(?:build|up|run)\b|\s--build\b)",
    r"terraform\s+(?:init|apply)",
    r"copier\s+(?:copy|run)",
    r"cookiecutter\s+\S",
    r"cruft\s+create",
    r"kedro\s+new",
)
SETUP_COMMAND = lazy_pattern(r"\b(?:" + "|".join(SETUP_COMMANDS) + ")")
# Where a README writes a command: a fenced or indented code block, a code span
# (`pip install .`, ``make setup``, <code>), or a line that starts with it after a list
# mark or a prompt (`- pip install -r requirements.txt`, `$ make setup`). A line of a tree
# drawing is no command, even in a code block: its notes describe files
# (`├── setup.py <- makes project pip installable (pip install -e .)`).
FENCE = lazy_pattern(r"^[ \t]{0,3}(?:`{3,}|~{3,})[^`]*$")
INDENTED = lazy_pattern(r"^(?: {4}|\t)")
CODE_SPAN = lazy_pattern(r"(`+)(.+?)\1|<code>(.+?)</code>")
# A code span a line opens and leaves open: its backticks, then the text after them.
OPEN_SPAN = lazy_pattern(r"(?<!`)(`+)(?!`)(.*)$")
LINE_START = lazy_pattern(r"^[ \t]*(?:(?:[-*+>]|\d+[.)]|\$)[ \t]*)*")
TREE_LINE = lazy_pattern(r"[├└│┣┗┃]|^[ \t]*(?:\|[ \t]*)*[|`+](?:--|__)")
# A compose command sets the project up only when the repository has a compose file.
COMPOSE_UP = lazy_pattern(r"docker[ -]compose|docker\s+compose")
FETCHES_COMPOSE = lazy_pattern(r"\b(?:curl|wget)\b[^\n]*compose[\w.-]*\.ya?ml")
# A task the README runs: `make setup` (the Makefile beside the README, where a reader
# runs it), `just setup` (the root justfile's); on one line: a line that ends with the
# word (`sudo apt install make`, a bare `make`) runs no task named by the next line.
RUNNER_TASK = lazy_pattern(r"\b(make|just)[ \t]+([A-Za-z_][\w.-]*)")
# A shell script a README names where it writes commands (`bash setup_env.sh`, "copy the
# text from `setup_environment.sh`"): the reader runs it, or runs its lines by hand.
NAMED_SCRIPT = lazy_pattern(r"(?<![\w.-])((?:\.{1,2}/)?(?:[\w.-]+/)*[\w.-]+\.(?:sh|bash))\b")
# A README that sends the reader to a setup guide in the repository: `[Getting
# started](docs/getting_started.md)`.
SETUP_GUIDE_LINK = lazy_pattern(
    r"\]\(\.?/?((?:[\w.-]+/)*[\w.-]*(?i:install|setup|getting[-_ ]?started|quick[-_ ]?start)"
    r"[\w.-]*\.(?:md|rst|txt))\)"
)
# A README that links a page of the repository (`[Step 1](step-1-tracking.md)`,
# `[Setup](./docs/env.md#conda)`): the reader follows it, so its setup commands count.
PAGE_LINK = lazy_pattern(r"\]\((?![a-z][\w+.-]*:|#)\.?/?([^)\s#?]+\.(?:md|rst))(?:#[^)]*)?\)")
# A README that sends the reader to the hosted build of a setup guide (Read the Docs,
# MkDocs): `[installation guide](https://demo.readthedocs.io/en/latest/installation)`.
HOSTED_GUIDE_LINK = lazy_pattern(
    r"\]\(https?://[^)\s]*/((?i:[\w-]*(?:install|setup|getting[-_]?started|quick[-_]?start)"
    r"[\w-]*))(?:\.html)?/?(?:#[^)]*)?\)"
)
# A README that sends the reader to a folder of the repository, whose own README GitHub
# shows there: a link to it (`[the API](./api/)`) or its name in a code span ("the code is
# in `data_preparation` and `machine_learning`; each folder has its README").
FOLDER_LINK = lazy_pattern(r"\]\((?![a-z][\w+.-]*:|#)\.?/?((?:[\w.-]+/)*[\w.-]+)/?\)")
# A link to a folder or page of the repository by its address on GitHub
# (`[modeling](https://github.com/owner/repo/tree/main/modeling)`): the path after the
# branch, followed when the repository holds it.
GITHUB_PATH_LINK = lazy_pattern(
    r"\]\(https?://github\.com/[\w.-]+/[\w.-]+/(?:tree|blob)/[\w.-]+/"
    r"((?:[\w.-]+/)*[\w.-]+)/?(?:#[^)]*)?\)"
)
FOLDER_SPAN = lazy_pattern(r"`\.?/?((?:[\w.-]+/)*[\w.-]+)/?`")
FOLDER_README_NAMES = ("README.md", "Readme.md", "readme.md", "README.rst", "README.txt")
DOCS_PAGE = lazy_pattern(r"(?:^|/)docs?/(?:[^/]+/)*([^/]+)\.(?:md|rst)$")
MODEL_CARD = lazy_pattern(r"(?i)(?:^|/)model[_-]?card[^/]*$")
MODEL_CARD_HEADING = lazy_pattern(r"(?im)^#+\s*(?:model\s+card|intended\s+use)\b")
# A page documenting one model as a card does, under another name (a technical report's
# `modelling/model1.md`, `docs/model.md`): a Markdown page named for a model whose headings
# cover what a card must say, one pattern each: the data, the training, the evaluation.
MODEL_PAGE = lazy_pattern(r"(?i)(?:^|/)models?(?:[_-]?\w*)?\.md$")
MODEL_PAGE_TOPICS = (
    lazy_pattern(r"(?i)\bdata(?:sets?)?\b"),
    lazy_pattern(r"(?i)\btrain(?:ing|ed)?\b"),
    lazy_pattern(r"(?i)\b(?:evaluation|evaluating|metrics|performance|results)\b"),
)
HEADING = lazy_pattern(r"(?m)^#{1,6}[ \t]+(.+)$")
# Names of the tasks a newcomer looks for (a task named `test-unit` counts as test; `up`
# starts the whole stack, as `docker compose up` does).
COMMON_TASKS = frozenset(
    {"setup", "install", "init", "bootstrap", "dev", "env", "venv", "deps", "sync"}
    | {"test", "tests", "check", "lint", "format", "fmt", "typecheck", "qa", "quality", "ci"}
    | {"train", "training", "pipeline", "repro", "run", "main", "all", "evaluate", "predict"}
    | {"serve", "server", "api", "start", "up", "app", "build", "docker", "deploy", "docs"}
)
# Files one command runs whole, as `dvc repro` runs dvc.yaml: (the command, the file's
# names, what its text must hold; None: anything), one line per tool.
ONE_COMMAND_FILES: tuple[tuple[str, frozenset[str], re.Pattern[str] | None], ...] = (
    ("task", frozenset({"Taskfile.yml", "Taskfile.yaml", "Taskfile.dist.yml"}), None),
    ("snakemake", frozenset({"Snakefile", "snakefile"}), None),
    ("nextflow run", frozenset({"main.nf"}), lazy_pattern(r"(?m)^\s*workflow\b")),
    ("invoke", frozenset({"tasks.py"}), lazy_pattern(r"(?m)^\s*(?:from|import)\s+invoke\b")),
    ("doit", frozenset({"dodo.py"}), lazy_pattern(r"(?m)^def task_\w+\(")),
)
ONE_COMMAND_NAMES = frozenset(name for _, names, _ in ONE_COMMAND_FILES for name in names)
# Third-party trees committed with the project (node_modules, a virtualenv, vendor/):
# their Makefiles are their authors' tasks, not entry points of the project.
VENDORED = lazy_pattern(
    r"(?:^|/)(?:node_modules|bower_components|site-packages|dist-packages|\.?venv|vendor"
    r"|third_party)/"
)
# A shell script a newcomer runs by hand: at the root or under scripts/ (or bin/), in a
# folder of its own there too (`scripts/tools/ci_local.sh`).
TASK_SCRIPT = lazy_pattern(r"(?:(?:scripts?|bin)/(?:[\w.-]+/)*)?[\w.-]+\.(?:sh|bash)")
# A shell function the script defines (`run() {`, `function step {`): a call of it runs
# the command its arguments hold (`run "unit tests" uv run pytest -q`). Followed in a
# script named for the checks only (`ci_local.sh`, `check.sh`): a release script's
# `run_in_env pytest` is one step of deploying, not the way to run the tests.
CHECK_SCRIPT_NAMES = frozenset({"ci", "check", "checks", "test", "tests", "lint", "qa", "verify"})
SHELL_FUNCTION = lazy_pattern(r"(?m)^[ \t]*(?:function[ \t]+([\w-]+)|([\w-]+)[ \t]*\(\))[ \t]*\{?")
# A Python script a task's command starts (`python src/train.py`): a task whose every
# command starts one the repository lacks cannot run.
PYTHON_PROGRAMS = frozenset({"python", "python3"})
# A shell script at the root, named for a common task (`train_local.sh`, `run_api.sh`).
ROOT_SCRIPT = lazy_pattern(r"[\w.-]+\.(?:sh|bash)")
# A Python script a newcomer runs by hand, at the root or under scripts/ (or bin/):
# `python scripts/cli.py setup`, `python commands.py train`.
PYTHON_TASK_SCRIPT = lazy_pattern(r"(?:(?:scripts?|bin)/(?:[\w.-]+/)*)?[\w.-]+\.py")
# Tasks kept in an example's or the tests' folder (a library's examples/planets Kedro
# project, a fixture's Makefile) are theirs, not the repository's entry points.
EXAMPLE_TREE = lazy_pattern(r"(?:^|/)(?:examples?|tests?)/")
# A Python script a README's commands start (`python scripts/cli.py setup`,
# `python .\commands.py train` on Windows).
NAMED_PYTHON_SCRIPT = lazy_pattern(
    r"\bpython3?(?:\.\d+)?\s+((?:\.{1,2}[/\\])?(?:[\w.-]+[/\\])*[\w.-]+\.py)\b"
)
# Root scripts and console scripts are programs, each one job: they make a set of tasks
# when several are named for common ones (`train`, `serve`); a lone `deploy.sh` or
# `run-pipeline` is the project's program, not its task runner.
MIN_NAMED_PROGRAMS = 2


class DOCS001(Check):
    """Passes when the README GitHub shows (README.md, .rst, .txt, .adoc: in .github/, else
    at the root, else in docs/) writes a setup command, one that builds the environment
    the project runs in (in a code block, a code span, one over a line break too, or at
    the start of a line, never in a tree drawing's notes): pip install, uv sync,
    poetry/pdm/pixi install or sync, pipenv install, hatch env create, conda create /
    install (env create), make setup, docker build, docker-compose up or build, options
    before it too (`-f prod.yml up`; when the repository has a compose file, or the
    README fetches one, for it to run), terraform
    init / apply, or a template's copier copy / cookiecutter / cruft create / kedro new; running the
    project's scripts alone sets nothing up. Passes too when it runs a target of the
    Makefile beside it or a root justfile recipe that runs one, itself, through a script
    it runs or through the tasks it needs first (`make up` -> docker build, `make image`
    -> deploy.sh -> docker build, `just setup` -> sync -> uv sync), or names a shell
    script of the repository that runs one (`bash setup_env.sh`) or a Python script that
    starts one in code (`python scripts/cli.py setup` -> `subprocess.run([".venv/bin/pip",
    "install", ...])`); or links a setup guide
    in the repository (docs/getting_started.md, INSTALL.md) or its hosted build
    (`https://demo.readthedocs.io/en/latest/installation`) when that docs page holds a
    setup command, or links any page of the repository that writes one (a workshop's
    `step-1-tracking.md`), or points to a folder, by a link (`[the API](./api/)`, or its
    address on GitHub, `https://github.com/owner/repo/tree/main/api`, a page's too) or its
    name in a code span, whose README writes one. A course whose README says what it is
    but sets nothing up passes when a lesson's README does, and so does a video series
    when a tutorial's README does; a monorepo's project passes when the repository's
    README or another project's README sets up (a newcomer has the instructions); an
    empty README is a finding."""

    @staticmethod
    def check(
        readme: str | None,
        text: TextOf,
        file_set: frozenset[str],
        commands: CommandGraph,
        syntax_tree: TreeOf,
    ) -> Outcome:
        if readme is None:
            return False
        content = text(readme) or ""
        written = "\n".join(command_lines(content))
        composes = bool(FETCHES_COMPOSE.search(content)) or any(
            COMPOSE_FILE.search(rel) for rel in file_set
        )
        if _writes_setup(written, composes):
            return True
        folder = readme.rpartition("/")[0]
        runners = {"make": f"make:{folder}/Makefile" if folder else "make:Makefile", "just": "just"}
        for runner, name in RUNNER_TASK.findall(written):
            tasks = commands.tasks.get(runners[runner], {})
            task = tasks.get(name)
            if task is not None and _sets_up(task, tasks, {name}, commands):
                return Passed(f"{readme} runs {runner} {name}, which sets up ({task.path})")
        script = _setup_script(written, folder, file_set, text) or _setup_python_script(
            written, folder, file_set, syntax_tree
        )
        if script:
            return Passed(f"{readme} names {script}, which sets up")
        guide = next((m for m in SETUP_GUIDE_LINK.findall(content) if m in file_set), None)
        if guide:
            return Passed(f"{readme} links the setup guide {guide}")
        page = _setup_page(content, folder, file_set, text, composes)
        if page:
            return Passed(f"{readme} links {page}, which sets up")
        hosted = _hosted_guide(content, file_set, text)
        if hosted:
            return Passed(f"{readme} links the hosted build of {hosted}")
        shown = _folder_readme(content, folder, file_set, text, composes)
        if shown:
            return Passed(f"{readme} points to {shown}, which sets up")
        return [Hit(readme, None, "no setup commands")]


def command_lines(document: str) -> list[str]:
    """The text of a README (Markdown, reStructuredText or plain text) where it writes
    commands: its code blocks' lines, its code spans, and the lines that start with a
    setup command or a task runner's task, with the list mark or prompt before it left
    out; never a line of a tree drawing."""
    found: list[str] = []
    fenced = False
    lines = document.splitlines()
    for index, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        elif _draws_a_tree(line):
            continue
        elif fenced or INDENTED.match(line):
            found.append(line)
        else:
            if "`" in line or "<code>" in line:  # a code span, or one the next line closes
                found += [span[1] or span[2] for span in CODE_SPAN.findall(line)]
                found += _span_into_next_line(line, lines[index + 1 : index + 2])
            start = LINE_START.sub("", line, count=1)
            if SETUP_COMMAND.match(start) or RUNNER_TASK.match(start):
                found.append(start)
    return found


def _draws_a_tree(line: str) -> bool:
    """Whether a line is part of a tree drawing (`├── src/`, `|-- data/`): its box
    characters are beyond ASCII, and an ASCII drawing's branches are `--` or `__`, so a
    line with neither is not searched."""
    maybe = not line.isascii() or "--" in line or "__" in line
    return maybe and TREE_LINE.search(line) is not None


def _span_into_next_line(line: str, after: list[str]) -> list[str]:
    """The code span a line opens and the next line of its paragraph closes (Markdown
    runs a span over a line break: ``` ``pip install -r requirements``` then ``` `` ```
    on the next line), the break read as a space."""
    opened = OPEN_SPAN.search(CODE_SPAN.sub("", line))
    if opened is None or not after or not after[0].strip():
        return []
    closed = re.match(rf"(.*?)(?<!`){opened.group(1)}(?!`)", after[0])
    return [f"{opened.group(2)} {closed.group(1)}".strip()] if closed else []


def _setup_script(written: str, folder: str, file_set: frozenset[str], text: TextOf) -> str | None:
    """A shell script of the repository the README's commands name (from the README's
    folder or the root) that runs a setup command (`pip install`, `docker build`...)."""
    for named in NAMED_SCRIPT.findall(written):
        for rel in (posixpath.normpath(posixpath.join(folder, named)), posixpath.normpath(named)):
            if rel in file_set and any(
                SETUP_COMMAND.match(" ".join(program_words(words)))
                for words in simple_commands(text(rel) or "")
            ):
                return rel
    return None


def _setup_python_script(
    written: str, folder: str, file_set: frozenset[str], syntax_tree: TreeOf
) -> str | None:
    """A Python script of the repository the README's commands start (`python
    scripts/cli.py setup`) that starts a setup command in code
    (`subprocess.run([".venv/bin/pip", "install", "-r", "requirements.txt"])`)."""
    for named in NAMED_PYTHON_SCRIPT.findall(written):
        named = named.replace("\\", "/")
        for rel in (posixpath.normpath(posixpath.join(folder, named)), posixpath.normpath(named)):
            tree = syntax_tree(rel) if rel in file_set else None
            if tree is not None and any(
                SETUP_COMMAND.match(_program_line(words))
                for _, command in started_commands(tree)
                for words in simple_commands(command)
            ):
                return rel
    return None


def _program_line(words: list[str]) -> str:
    """A command as its program's name and arguments (`.venv/bin/pip install x` ->
    `pip install x`), prefixes and environment runners peeled."""
    program = program_words(words)
    return " ".join([program[0].rsplit("/", 1)[-1], *program[1:]]) if program else ""


def _writes_setup(written: str, composes: bool) -> bool:
    """Whether commands a document writes set up; a compose command only when the
    repository has a compose file (`composes`) for it to run."""
    return any(
        composes or not COMPOSE_UP.match(m.group(0)) for m in SETUP_COMMAND.finditer(written)
    )


def _setup_page(
    readme: str, folder: str, file_set: frozenset[str], text: TextOf, composes: bool
) -> str | None:
    """A page of the repository the README links (from its folder or the root) that
    writes a setup command where it writes commands."""
    on_github = [p for p in GITHUB_PATH_LINK.findall(readme) if p.endswith((".md", ".rst"))]
    for linked in PAGE_LINK.findall(readme) + on_github:
        for rel in (posixpath.normpath(posixpath.join(folder, linked)), posixpath.normpath(linked)):
            written = "\n".join(command_lines(text(rel) or "")) if rel in file_set else ""
            if _writes_setup(written, composes):
                return rel
    return None


def _folder_readme(
    readme: str, folder: str, file_set: frozenset[str], text: TextOf, composes: bool
) -> str | None:
    """The README of a folder the README links or names in a code span (from its folder
    or the root) that writes a setup command where it writes commands."""
    named = FOLDER_LINK.findall(readme) + FOLDER_SPAN.findall(readme)
    named += GITHUB_PATH_LINK.findall(readme)
    for linked in dict.fromkeys(named):
        for base in dict.fromkeys((posixpath.join(folder, linked), linked)):
            for name in FOLDER_README_NAMES:
                rel = posixpath.normpath(posixpath.join(base, name))
                written = "\n".join(command_lines(text(rel) or "")) if rel in file_set else ""
                if _writes_setup(written, composes):
                    return rel
    return None


def _hosted_guide(readme: str, file_set: frozenset[str], text: TextOf) -> str | None:
    """The docs page whose hosted build the README links as its setup guide, when the
    page holds a setup command (`.../latest/installation` -> docs/installation.md)."""
    linked = {name.lower() for name in HOSTED_GUIDE_LINK.findall(readme)}
    for rel in sorted(file_set):
        page = DOCS_PAGE.search(rel)
        written = "\n".join(command_lines(text(rel) or "")) if page else ""
        if page and page.group(1).lower() in linked and SETUP_COMMAND.search(written):
            return rel
    return None


def _sets_up(task: Task, tasks: dict[str, Task], seen: set[str], commands: CommandGraph) -> bool:
    """Whether a task, a script it runs (`bash deployment/deploy.sh build` -> docker
    build) or a task it needs first (`setup: sync`) runs a setup command."""
    if any(SETUP_COMMAND.search(shell) for _, shell in task.lines):
        return True
    lines = {line for line, _ in task.lines}
    if any(
        command.chain[0].path == task.path
        and command.chain[0].line in lines
        and SETUP_COMMAND.match(" ".join(command.words))
        for command in commands.from_tasks
    ):
        return True
    needed = [tasks[name] for name in task.needs if name in tasks and name not in seen]
    seen.update(t.name for t in needed)
    return any(_sets_up(t, tasks, seen, commands) for t in needed)


class DOCS002(Check):
    """Passes when a file named model_card / model-card / modelcard exists anywhere, the
    README has a "Model card" or "Intended use" heading, or a Markdown page named for a
    model (`model.md`, `modelling/model1.md`, not a README) documents it as a card does:
    its headings name its data, its training and its evaluation."""

    @staticmethod
    def check(files: tuple[str, ...], readme: str | None, text: TextOf) -> Outcome:
        if any(MODEL_CARD.search(rel) for rel in files if "card" in rel.lower()):
            return True
        if readme is not None and MODEL_CARD_HEADING.search(text(readme) or ""):
            return True
        page = next(
            (rel for rel in files if MODEL_PAGE.search(rel) and _card_like(rel, text)), None
        )
        return (
            Passed(f"{page} documents the model's data, training and evaluation") if page else False
        )


def _card_like(rel: str, text: TextOf) -> bool:
    """Whether a page's headings name the data, the training and the evaluation."""
    headings = "\n".join(HEADING.findall(text(rel) or ""))
    return all(topic.search(headings) for topic in MODEL_PAGE_TOPICS)


class DOCS003(Check):
    """Passes when a task runner declares a common task (setup, install, test, lint,
    train, serve, build, up...) that runs a command: a Makefile target, a justfile recipe,
    mise, pixi, poe, pdm or hatch tasks, Pipenv scripts (`pipenv run lint`), tox
    environments, nox sessions, dvc.yaml stages (`dvc repro`), MLproject entry points or a
    Kedro project, at the root or in a folder of its own (`kedro run`), but not in an
    examples/ or tests/ folder (a library's example project has its own tasks, not the
    repository's); or a file one command runs whole exists: a Taskfile, a Snakefile
    (`snakemake`), a Nextflow main.nf, invoke's tasks.py or doit's dodo.py. A Makefile with
    only `clean` or `style`, Sphinx's docs/Makefile, or one in a committed third-party tree
    (node_modules, a virtualenv, vendor/) does not count, nor does a task whose every
    command starts a Python script the repository lacks (a dvc stage's `python
    src/train.py` without src/train.py cannot run). A shell script at the root or under
    scripts/ (in a folder of its own there too) that runs the tests or a linter (`bash
    scripts/check.sh` → pytest), itself or, in a script named for the checks
    (`ci_local.sh`, `check.sh`), through a function of its own that runs its arguments
    (`run "tests" uv run pytest`), is such an entry point too. Shell scripts at the root
    that run a program (echo alone runs nothing) and pyproject console scripts count
    when two or more of them are named for common tasks (`train_local.sh` and
    `run_api.sh`; `train` and `predict`): a set of tasks, where a lone `deploy.sh` or
    `run-pipeline` is the project's one program. So does a Python script at the root or
    under scripts/ whose subcommands name two or more common tasks, read from its code:
    argparse sub-parsers, click or typer commands of a group, Python Fire over the
    module's functions, a dict or a class (`python scripts/cli.py setup|test|dev`,
    `python commands.py train|run_server`); a lone command (`fire.Fire(main)`) is no set
    of tasks."""

    @staticmethod
    def check(
        commands: CommandGraph,
        file_set: frozenset[str],
        text: TextOf,
        pyproject: dict[str, Any],
        syntax_tree: TreeOf,
    ) -> Outcome:
        tasks = (
            t
            for t in commands.entry_points()
            if not VENDORED.search(t.path) and not EXAMPLE_TREE.search(t.path)
        )
        task = next((t for t in tasks if _common(t) and _runnable(t, file_set)), None)
        if task is not None:
            line, command = task.lines[0]
            where = f"{task.path}:{line}" if line else task.path
            return Passed(f"{where} {task.name} → {command.splitlines()[0][:60]}")
        programs = [name for name in console_scripts(pyproject) if _common_name(name)] + [
            rel
            for rel in sorted(file_set)
            if ROOT_SCRIPT.fullmatch(rel)
            and _common_name(rel.rpartition(".")[0])
            and _runs_something(text(rel) or "")
        ]
        if len(programs) >= MIN_NAMED_PROGRAMS:
            return Passed(f"programs named for common tasks: {', '.join(programs[:4])}")
        cli = _python_cli(file_set, syntax_tree)
        if cli is not None:
            return cli
        for rel in sorted(rel for rel in file_set if TASK_SCRIPT.fullmatch(rel)):
            named = re.split(r"[-_.]", rel.rpartition("/")[2].lower())[0] in CHECK_SCRIPT_NAMES
            checker = _checks_in_script(text(rel) or "", follow_functions=named)
            if checker is not None:
                return Passed(f"{rel} runs {checker}")
        return _one_command_file(file_set, text) or False


def _python_cli(file_set: frozenset[str], syntax_tree: TreeOf) -> Passed | None:
    """A Python script at the root or under scripts/ whose subcommands name two or more
    common tasks (`python scripts/cli.py setup|test|dev`, Fire's `commands.py train`)."""
    for rel in sorted(file_set):
        if not PYTHON_TASK_SCRIPT.fullmatch(rel):
            continue
        tree = syntax_tree(rel)
        named = [name for _, name in subcommands(tree) if _common_name(name)] if tree else []
        if len(dict.fromkeys(named)) >= MIN_NAMED_PROGRAMS:
            shown = ", ".join(list(dict.fromkeys(named))[:4])
            return Passed(f"{rel} has subcommands named for common tasks: {shown}")
    return None


def _runs_something(script: str) -> bool:
    """Whether a shell script starts a program other than the shell's own talk."""
    quiet = {"echo", "printf", "set", "source", ".", "cd", "export", "exit", "true", ":"}
    return any(
        (program := program_words(words)[:1]) and program[0] not in quiet
        for words in simple_commands(script)
    )


def _checks_in_script(script: str, follow_functions: bool) -> str | None:
    """The test runner or linter a shell script starts, itself or (`follow_functions`)
    through a function of its own that runs its arguments (`run "lint" uv run ruff .`)."""
    found = SHELL_FUNCTION.findall(script) if follow_functions else []
    functions = {a or b for a, b in found}
    checkers = TEST_PROGRAMS | LINT_PROGRAMS
    for words in simple_commands(script):
        wrapped = bool(words) and words[0] in functions
        for start in range(len(words) if wrapped else 1):
            program = program_words(words[start:])[:1]
            if program and program[0].rsplit("/", 1)[-1] in checkers:
                return program[0]
    return None


def _runnable(task: Task, file_set: frozenset[str]) -> bool:
    """Whether a task can run: not when each of its commands starts a Python script the
    repository lacks (`dvc.yaml`'s `python src/train.py` without src/train.py)."""
    folder = task.path.rpartition("/")[0] if task.runner.startswith("make") else ""
    for _, shell in task.lines:
        for words in simple_commands(shell):
            script = _python_script(words)
            if script is None or "$" in script:
                return True
            joined = posixpath.normpath(posixpath.join(folder, script))
            if joined in file_set or posixpath.normpath(script) in file_set:
                return True
    return not task.lines


def _python_script(words: list[str]) -> str | None:
    """The script a `python path/to/script.py ...` command starts, else None."""
    program = program_words(words)
    if len(program) < 2 or program[0].rsplit("/", 1)[-1] not in PYTHON_PROGRAMS:
        return None
    return program[1] if program[1].endswith(".py") else None


def _one_command_file(file_set: frozenset[str], text: TextOf) -> Passed | None:
    """A file one command runs whole (a Snakefile: `snakemake`), outside vendored trees."""
    named = sorted(
        rel
        for rel in file_set
        if rel.rpartition("/")[2] in ONE_COMMAND_NAMES and not VENDORED.search(rel)
    )
    for command, names, holds in ONE_COMMAND_FILES:
        for rel in (rel for rel in named if rel.rpartition("/")[2] in names):
            if holds is None or holds.search(text(rel) or ""):
                return Passed(f"{rel} runs with one command: {command}")
    return None


def _common(task: Task) -> bool:
    """A task a newcomer would run: named for a common task, or any MLproject entry point."""
    return task.runner in ("mlflow", "dvc", "tox", "nox", "kedro") or _common_name(task.name)


def _common_name(name: str) -> bool:
    """A name for a common task, or starting with one (`test-unit`), not an install step."""
    first = re.split(r"[-_:.]", name.lower())[0]
    return name.lower() in COMMON_TASKS or (
        first in COMMON_TASKS and first not in ("install", "setup", "init")
    )
