"""Pipelines declared without a pipeline tool: CI steps that lead to the training, and a
program's registry of named stages.

A CI job's steps (GitHub Actions steps, Jenkins stages) are declared one by one, each
with its own name and log, and the CI system runs them in order: a step that runs a
program of the repository before a step that trains declares the path from data to model,
and one after it (an evaluation of the trained model) the path from model to its scores.
The lines of one shell script, or of one step, declare nothing (made-with-ml's label).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import PurePosixPath
from typing import Any

from mlops_scaffold.doctor.commands import TEST_PROGRAMS, Command
from mlops_scaffold.doctor.content_hints import line_hint
from mlops_scaffold.doctor.pycode import dotted, walked
from mlops_scaffold.doctor.tasks import JENKINSFILE, normalise
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.view import is_test_path

# A script, module, subcommand or flag named for training (`train.py`, `model_training`,
# `src.retrain`, `main.py --train`, `cli.py fit`).
TRAINING_NAME = lazy_pattern(r"(?i)(?:^|[_-])(?:re)?(?:train(?:ing)?|fit)(?:$|[_-])")


# Commands that start a managed platform's training job (SageMaker's built-in algorithms,
# Vertex AI custom jobs): the words they start with.
MANAGED_TRAINERS = (
    ("aws", "sagemaker", "create-training-job"),
    ("gcloud", "ai", "custom-jobs", "create"),
)


def names_training(command: Command) -> bool:
    """Whether a Python command is named for training: its script or module (`train.py`,
    `src/model_training.py`, `-m src.train`), or a subcommand or flag (`main.py --train`);
    or the command starts a managed platform's training job (`aws sagemaker
    create-training-job`)."""
    started = (command.program, *command.words[1:])
    if any(started[: len(prefix)] == prefix for prefix in MANAGED_TRAINERS):
        return True
    if command.program in TEST_PROGRAMS:
        return False
    if command.module:
        named = [command.module.rpartition(".")[2], *command.words[1:]]
    elif command.program == "python" and len(command.words) > 1:
        named = [PurePosixPath(command.words[1]).stem, *command.words[2:]]
    else:
        return False
    script, arguments = named[0], named[1:]
    # A subcommand comes first (`main.py train`); a flag anywhere (`--train`), but not a
    # value (`prepare.py --split train`).
    words = [w for w in arguments if w.startswith("-")] + arguments[:1]
    return bool(TRAINING_NAME.search(script)) or any(
        TRAINING_NAME.fullmatch(word.lstrip("-")) for word in words
    )


def runs_own_program(command: Command, files: frozenset[str]) -> bool:
    """Whether a command runs a Python program of the repository (a script or a module;
    not a test, not setup.py)."""
    return own_program(command, files) is not None


def own_program(command: Command, files: frozenset[str]) -> str | None:
    """The Python program of the repository a command runs (a script or a module; not a
    test, not setup.py), or None."""
    if command.module:
        module = command.module.replace(".", "/")
        candidates = [f"{module}.py", f"{module}/__main__.py", f"src/{module}.py"]
    elif command.program == "python" and len(command.words) > 1:
        candidates = [command.words[1]]
    else:
        return None
    for candidate in candidates:
        for base in (command.cwd, "."):
            rel = normalise(str(PurePosixPath(base, candidate)))
            if rel in files and rel.endswith(".py") and not _not_a_step(rel):
                return rel
    return None


def tested_module(command: Command, files: frozenset[str]) -> str | None:
    """The Python file of the repository a test runner is handed by name (`pytest
    evaluate.py`), else None: read from the command's folder, the root, or, when neither
    holds it (a command run in a container whose working directory is a folder of the
    repository), the one file of the repository with that name."""
    if command.program not in TEST_PROGRAMS:
        return None
    for name in (word for word in command.words[1:] if word.endswith(".py")):
        for base in (command.cwd, "."):
            rel = normalise(str(PurePosixPath(base, name)))
            if rel in files:
                return rel
        tail = "/" + normalise(name)
        matches = [rel for rel in files if rel.endswith(tail)]
        if len(matches) == 1:
            return matches[0]
    return None


def gates_the_model(command: Command, files: frozenset[str]) -> bool:
    """Whether a command tests a module of the repository that is no test module (`pytest
    evaluate.py`): a check of the trained model, when a step runs it after the training."""
    rel = tested_module(command, files)
    return rel is not None and not is_test_path(rel)


def _not_a_step(rel: str) -> bool:
    return is_test_path(rel) or PurePosixPath(rel).name == "setup.py"


def ci_step_pipelines(
    ci_files: Iterable[str],
    workflows: Mapping[str, Mapping[Any, Any]],
    commands: Iterable[Command],
    files: frozenset[str],
) -> list[str]:
    """CI jobs whose declared steps run a program of the repository, then the training, or
    the training, then a program of the repository: `CI steps (training.yml:25 python
    code/prepare.py, then :31 python code/train.py)`."""
    by_file: dict[str, list[Command]] = {}
    for command in commands:
        by_file.setdefault(command.chain[0].path, []).append(command)
    found = []
    for rel in ci_files:
        jobs = _jobs(rel, workflows)
        for texts in jobs.values():
            steps = [c for c in by_file.get(rel, []) if texts is None or c.chain[0].text in texts]
            shown = _data_then_training(steps, files, _step_order(texts))
            if shown:
                found.append(f"CI steps ({rel}: {shown})")
                break
    return found


# Keys of a dvc.yaml stage that make its command's paths relative to another folder, or
# a template: its scripts cannot be looked up from the root.
DVC_STAGE_INDIRECTION = ("wdir", "foreach", "matrix", "do")


def missing_stage_scripts(
    dvc_yaml: Mapping[str, Any], commands: Iterable[Command], files: frozenset[str]
) -> list[tuple[int | None, str]]:
    """The Python scripts dvc.yaml's stages run that the repository does not have, as
    (line, script): `dvc repro` cannot run such a pipeline."""
    stages = dvc_yaml.get("stages")
    if not isinstance(stages, Mapping) or any(
        isinstance(stage, Mapping) and any(key in stage for key in DVC_STAGE_INDIRECTION)
        for stage in stages.values()
    ):
        return []
    missing = []
    for command in commands:
        script = command.words[1] if len(command.words) > 1 else ""
        plain = script.endswith(".py") and not any(c in script for c in "${*")
        if command.chain[0].path != "dvc.yaml" or command.program != "python" or not plain:
            continue
        seen = {normalise(str(PurePosixPath(base, script))) for base in (command.cwd, ".")}
        if not seen & files:
            missing.append((command.chain[0].line, script))
    return missing


# A dvc.yaml stage named for the model (`build_model`, `models`): it may well train it.
MODEL_STAGE = lazy_pattern(r"(?i)model")


def dvc_stage_scripts(
    dvc_yaml: Mapping[str, Any], commands: Iterable[Command], files: frozenset[str]
) -> list[str] | None:
    """The Python modules the root dvc.yaml's stages run, as paths, when none of its stages
    is named for training or the model and each runs a Python module of the repository
    (`python -m src.data.ingest`): whether the pipeline trains is then theirs to say.
    None when a stage's name or command names training (`train`, `main.py --train`), a
    stage's command is another program's (`bash train.sh`, `dvc exp`), a script is not
    found, or a stage is a template (`foreach`) or runs elsewhere (`wdir`)."""
    stages = dvc_yaml.get("stages")
    if not isinstance(stages, Mapping) or any(
        not isinstance(stage, Mapping)
        or any(key in stage for key in DVC_STAGE_INDIRECTION)
        or TRAINING_NAME.search(str(name))
        or MODEL_STAGE.search(str(name))
        for name, stage in stages.items()
    ):
        return None
    scripts = []
    for command in commands:
        if command.chain[0].path != "dvc.yaml":
            continue
        if names_training(command) or not (command.module or command.program == "python"):
            return None
        if command.module:
            base = command.module.replace(".", "/")
            found = next((f for f in (f"{base}.py", f"{base}/__main__.py") if f in files), None)
        else:
            script = normalise(command.words[1]) if len(command.words) > 1 else ""
            found = script if script in files else None
        if found is None:
            return None
        scripts.append(found)
    return scripts or None


# Events that start a GitHub workflow on its own, with no push or person behind it: a
# schedule, or another workflow's completion (workflows chained one after another).
UNATTENDED_EVENTS = ("schedule", "workflow_run")


def chained_workflows(
    workflows: Mapping[str, Mapping[Any, Any]], commands: Iterable[Command], files: frozenset[str]
) -> list[str]:
    """GitHub workflows that split the pipeline into workflows of their own, each run on a
    schedule or when another completes (`workflow_run`): one trains, another runs a
    program of the repository (the features, the predictions):
    `chained workflows (training.yml:30 train, features.yml:22 daily-features)`."""
    unattended = {rel for rel, document in workflows.items() if _unattended(document)}
    if len(unattended) < 2:
        return []
    started = [c for c in commands if c.chain[0].path in unattended]
    for trains in (c for c in started if names_training(c) and runs_own_program(c, files)):
        for other in started:
            elsewhere = other.chain[0].path != trains.chain[0].path
            if elsewhere and runs_own_program(other, files) and not names_training(other):
                first, then = (_placed(c) for c in (trains, other))
                return [f"chained workflows ({first}, {then})"]
    return []


def _unattended(document: Mapping[Any, Any]) -> bool:
    """Whether a workflow runs on a schedule or after another workflow (YAML 1.1 reads a
    bare `on:` key as True)."""
    events = document.get("on", document.get(True))
    if isinstance(events, str):
        events = [events]
    return isinstance(events, (Mapping, list)) and any(e in events for e in UNATTENDED_EVENTS)


def _placed(command: Command) -> str:
    return f"{command.chain[0].path.rpartition('/')[2]}{_shown(command)}"


def _step_order(texts: list[str] | None) -> Callable[[Command], int]:
    """Where a command's step comes in its job: the step's place among the job's shell
    texts (two steps opening alike, `set -e`, share a line number), else its line."""
    if texts is None:
        return lambda command: command.chain[0].line or 0
    places = {text: place for place, text in reversed(list(enumerate(texts)))}
    return lambda command: places.get(command.chain[0].text, 0)


def _jobs(rel: str, workflows: Mapping[str, Mapping[Any, Any]]) -> dict[str, list[str] | None]:
    """The jobs of a CI file whose steps are declared one by one, each as its steps'
    shell texts in order: a GitHub workflow's jobs (`workflows`: the parsed ones), a
    Jenkinsfile's stages (one sequence, None: every text of the file)."""
    if JENKINSFILE.search(rel):
        return {"": None}
    document = workflows.get(rel)
    table = document.get("jobs") if isinstance(document, Mapping) else None
    if not isinstance(table, Mapping):
        return {}
    return {
        str(name): [
            step["run"]
            for step in job.get("steps") or []
            if isinstance(step, Mapping) and isinstance(step.get("run"), str)
        ]
        for name, job in table.items()
        if isinstance(job, Mapping)
    }


# Commands that hand a trained model to a registry or an endpoint (a CI step after the
# training that delivers its model): the words they start with.
MODEL_PUBLISHERS = (
    ("gcloud", "ai", "models", "upload"),
    ("gcloud", "ai", "endpoints", "deploy-model"),
    ("aws", "sagemaker", "create-model"),
    ("aws", "sagemaker", "create-model-package"),
    ("az", "ml", "model", "create"),
    ("az", "ml", "online-deployment", "create"),
    ("mlflow", "models", "serve"),
    ("huggingface-cli", "upload"),
    ("hf", "upload"),
)


def publishes_model(command: Command) -> bool:
    """Whether a command hands a model to a registry or an endpoint (`gcloud ai models
    upload`, `az ml model create`): recognisers of MODEL_PUBLISHERS."""
    words = (command.program, *command.words[1:])
    return any(words[: len(prefix)] == prefix for prefix in MODEL_PUBLISHERS)


def _data_then_training(
    commands: list[Command], files: frozenset[str], order: Callable[[Command], int]
) -> str | None:
    """`:25 python code/prepare.py, then :31 python code/train.py` when a step trains after
    another step that runs a program of the repository, or, run by the step itself (not
    by a script or job it starts), before one (`:40 python evaluate.py` on the trained
    model, or a test runner handed a module that is no test module, `pytest
    evaluate.py`) or one that hands the model to a registry or an endpoint (`gcloud ai
    models upload`), else None. `order` places a command's step."""
    for trains in (c for c in commands if names_training(c)):
        for other in commands:
            own = runs_own_program(other, files) and not names_training(other)
            if own and order(other) < order(trains):
                return f"{_shown(other)}, then {_shown(trains)}"
            # A step whose script trains, then evaluates, declares no step of its own.
            direct = len(trains.chain) == 1
            delivers = own or publishes_model(other) or gates_the_model(other, files)
            if direct and delivers and order(other) > order(trains):
                return f"{_shown(trains)}, then {_shown(other)}"
    return None


def _shown(command: Command) -> str:
    python = command.module and command.module.split(".", 1)[0] == command.program
    words = f"python -m {command.module}" if python else " ".join(command.words[:3])
    return f":{command.chain[0].line} {words}"


# A module-level dict named for stages or steps (`STAGES = {`, `_STAGE_REGISTRY: dict = {`,
# `pipeline_steps = {`). Its pathspecs (`*.pyw` too) give it a `git grep` of its own: in
# one union with the other patterns of Python files it slowed that grep eightfold.
STAGE_REGISTRY_LINE = line_hint(
    r"^\w*(?:STAGE|STEP|[Ss]tage|[Ss]tep)\w*[ \t]*(?::[^=]*)?=[ \t]*\{",
    within=("*.py", "*.pyw"),
)
STAGE_REGISTRY_NAME = lazy_pattern(r"(?i)(?:^|_)(?:stages?|steps?)(?:$|_)")


def stage_registry(tree: ast.Module, trains: Callable[[], bool]) -> tuple[int, list[str]] | None:
    """A module's registry of named stages that it runs by name (`STAGES[name](...)`), one
    of which trains: (line, stage names), else None. A stage trains when the module does
    (`trains()`, asked last) or the stage, or its function, is named for training."""
    for node in tree.body:
        target, value = _assigned(node)
        if not isinstance(value, ast.Dict) or not STAGE_REGISTRY_NAME.search(target):
            continue
        keys = [k.value for k in value.keys if isinstance(k, ast.Constant)]
        functions = [dotted(v) for v in value.values]
        if len(keys) < 2 or not all(isinstance(k, str) for k in keys) or not all(functions):
            continue
        named = [str(k) for k in keys] + [f.rpartition(".")[2] for f in functions]
        if not _looked_up(tree, target):
            continue
        if any(TRAINING_NAME.search(name) for name in named) or trains():
            return node.lineno, [str(k) for k in keys]
    return None


def _assigned(node: ast.stmt) -> tuple[str, ast.expr | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        return dotted(node.targets[0]), node.value
    if isinstance(node, ast.AnnAssign):
        return dotted(node.target), node.value
    return "", None


def _looked_up(tree: ast.Module, name: str) -> bool:
    """Whether the module picks an entry of `name` by a computed key (`STAGES[stage]`)."""
    return any(
        isinstance(node, ast.Subscript)
        and dotted(node.value) == name
        and not isinstance(node.slice, ast.Constant)
        for node in walked(tree)
    )


# A command-line option that offers the stages by name (`choices=[...]`,
# `click.Choice([...])`), found by `git grep` before the module is parsed.
STAGE_MENU_LINE = line_hint(r"choices[ \t]*=|Choice\(", within=("*.py", "*.pyw"))
ALL_STAGES = frozenset({"all", "pipeline", "full"})
# One of them quoted, in any case, as an item of a list or tuple of strings. A module
# without one offers no menu of stages, and is not parsed to find that out (a training
# script's `choices=` for its optimizer, whose help text quotes "all" in a sentence).
ALL_STAGES_QUOTED = lazy_pattern(r"""(?i)["'](?:all|pipeline|full)["']""")
# What stands after a string that is an item: `,`, `]`, `)`, a comment or the end of its
# line (the rest of triple quotes first).
AFTER_AN_ITEM = lazy_pattern(r"""["']{0,2}[ \t\r\f]*(?:[,\])#]|$)""", re.MULTILINE)


def may_offer_all_stages(text: str) -> bool:
    """Whether a module's text holds a string literal `all`, `pipeline` or `full` (any
    case) as an item of a list or tuple, without which `stage_menu` finds no menu in it:
    `[`, `(`, `,` or the start of its line before it (a string prefix and the rest of
    triple quotes between), and `AFTER_AN_ITEM` after it. Only where the word is quoted:
    one pattern for all of it would be tried at every offset of the text, ten times
    slower."""
    for quoted in ALL_STAGES_QUOTED.finditer(text):
        line_start = text.rfind("\n", 0, quoted.start()) + 1
        before = text[line_start : quoted.start()].rstrip("\"'").rstrip("rRuU").rstrip(" \t")
        if (not before or before[-1] in "[(,") and AFTER_AN_ITEM.match(text, quoted.end()):
            return True
    return False


def stage_menu(tree: ast.Module) -> tuple[int, list[str]] | None:
    """A command-line option that offers named stages one by one or all in order
    (`--step {ingest,features,train,all}`, `click.Choice([...])`), one of them named for
    training: (line, stage names), else None. The choice of `all` is the runner's own
    declaration that the stages make one pipeline; separate commands with no `all`
    (`train`, `serve`) declare none."""
    for node in walked(tree):
        if not isinstance(node, ast.Call):
            continue
        offered = [kw.value for kw in node.keywords if kw.arg == "choices"]
        if dotted(node.func).rpartition(".")[2] == "Choice":
            offered += node.args[:1]
        for value in offered:
            if not isinstance(value, ast.List | ast.Tuple):
                continue
            names = [e.value for e in value.elts if isinstance(e, ast.Constant)]
            words = [str(n).lower() for n in names if isinstance(n, str)]
            stages = [w for w in words if w not in ALL_STAGES]
            if (
                len(words) == len(value.elts)
                and ALL_STAGES & set(words)
                and len(stages) >= 2
                and any(TRAINING_NAME.search(stage) for stage in stages)
            ):
                return node.lineno, words
    return None


# A step's declared dependency on other steps, the word every job system spells alike
# (Terraform's Databricks and cloud jobs `depends_on`, Azure's `dependsOn`, `depends-on`).
# Compose files are left out: their services start together and depend on one another
# to be up, which is no order of work.
DEPENDS_ON_LINE = line_hint(
    r"depends[_-]?[oO]n",
    within=("*.tf", "*.hcl", "*.yml", "*.yaml", "*.json"),
)
DEPENDS_ON = lazy_pattern(r"depends[_-]?[oO]n")
# A Docker Compose file (`docker-compose.yml`, `compose.prod.yaml`).
COMPOSE_FILE = lazy_pattern(r"(?:^|/)(?:docker-)?compose[\w.-]*\.ya?ml$")
QUOTED = lazy_pattern(r"[\"']([\w .:/-]+)[\"']")
BARE_ITEM = lazy_pattern(r"(?:^\s*-\s*|[\[,]\s*)([\w.-]+)\s*(?=$|[\],])", flags=re.MULTILINE)


def steps_after_training(rel: str, content: str) -> tuple[int, str] | None:
    """Where a declarative job file (Terraform, a job spec in YAML or JSON) has a step
    depend on a step named for training (`depends_on { task_key = "Train" }`,
    `depends_on: [train_model]`): the file declares training as a step with work after
    it, whatever the tool that runs it. (line, the training step), else None. A step's
    dependencies are read from the keyword to the end of the next two lines: quoted
    names (a Terraform resource address, `aws_iam_role.training`, is no step) and, in
    YAML, bare list items. Compose files are left out."""
    if COMPOSE_FILE.search(rel):
        return None
    yaml = rel.endswith((".yml", ".yaml"))
    for match in DEPENDS_ON.finditer(content):
        after = content[match.end() :].split("\n", 3)
        window = "\n".join(after[:3])
        names = QUOTED.findall(window) + (BARE_ITEM.findall(window) if yaml else [])
        trained = next((n for n in names if TRAINING_NAME.search(n.replace(" ", "_"))), None)
        if trained is not None and not DATA_SPLIT_NAME.search(trained):
            return content.count("\n", 0, match.start()) + 1, trained
    return None


# A name for a split of the data, not a step (`train_test_split`, `x_train`).
DATA_SPLIT_NAME = lazy_pattern(
    r"(?i)(?:^|[_-])[xy][_-]train|test[_-]train"
    r"|train[_-](?:test|val|valid|data|dataset|set|split|df|path|file|size)"
)
