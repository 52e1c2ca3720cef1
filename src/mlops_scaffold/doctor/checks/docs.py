"""DOCS: a README that gets a newcomer running, a model card, one-command tasks."""

from __future__ import annotations

import difflib
import json
import posixpath
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from mlops_scaffold.doctor.checks.base import Check, Hit, Outcome, Passed, TextOf, TreeOf
from mlops_scaffold.doctor.checks.image_roles import TOOL, Role
from mlops_scaffold.doctor.checks.notebooks import code_cells
from mlops_scaffold.doctor.commands import (
    LINT_PROGRAMS,
    TEST_PROGRAMS,
    CommandGraph,
    program_words,
    simple_commands,
    task_folder,
)
from mlops_scaffold.doctor.other_languages import OtherCode
from mlops_scaffold.doctor.pipelines import COMPOSE_FILE
from mlops_scaffold.doctor.python_clis import started_commands, subcommands
from mlops_scaffold.doctor.readme_links import (
    DOCUMENT,
    SETUP_NAMED,
    VENDORED,
    Linked,
    linked_files,
)
from mlops_scaffold.doctor.tasks import Task
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.parsers import (
    console_scripts,
    console_scripts_of_text,
    ini_console_scripts,
)
from mlops_scaffold.repo.view import README_FILE

# Commands that set a project up: they build the environment it runs in, whatever the
# tool (packages, an environment, an image, the infrastructure, the cluster's release),
# one line per tool; a template's are the ones that generate a project from it. A compose
# command may put options before its subcommand (`docker compose -f prod.yml up`), spelt
# as the plugin or the old program alike (`watch` builds and starts it too); one that only
# looks at or stops a stack already up (`docker compose exec`, `logs`, `ps`, `down`) sets
# nothing up, nor does `docker run hello-world`, which checks that Docker itself works.
SETUP_COMMANDS = (
    r"pip3?\s+install",
    r"uv\s+(?:sync|pip|run)",
    r"(?:poetry|pdm|pixi)\s+(?:install|sync)",
    r"pipenv\s+(?:install|sync)",
    r"setup\.py\s+(?:install|develop)",  # `python setup.py install`, `setup.py develop`
    r"hatch\s+env\s+create",
    r"(?:conda|mamba|micromamba)\s+(?:env\s+)?(?:create|install|update)",
    r"make\s+(?:setup|install|init)",
    r"docker\s+(?:build\b|run\b(?![^\n]*\bhello-world\b))",
    r"docker(?:-|\s+)compose\b[^\n]*?(?:\s(?:build|up|run|watch)\b|\s--build\b)",
    r"terraform\s+(?:init|apply)",
    r"helm\s+(?:install|upgrade)",
    r"kubectl\s+apply",
    # A managed platform's own environment and infrastructure, created with its CLI: Azure
    # ML's workspace, compute, environments and components, the service principal its
    # pipelines deploy with, a Bicep or ARM deployment; a CloudFormation stack; a CDK app
    # deployed with its parameters, options or stacks (`cdk deploy --parameters
    # SecretName=...`, `cdk deploy "*"`), not the bare `cdk deploy` that `cdk init` lists
    # in every CDK app's boilerplate README.
    r"az\s+ml\s+(?:workspace|compute|environment|component)\s+create",
    r"az\s+ad\s+sp\s+create-for-rbac",
    r"az\s+deployment\s+(?:group|sub)\s+create",
    r"aws\s+cloudformation\s+(?:deploy|create-stack)",
    r"cdk\s+deploy(?:[ \t]+|[ \t]*\\\n\s*)(?:-{1,2}\w|[A-Za-z][\w-]*|[\"']?\*)",
    r"copier\s+(?:copy|run)",
    r"cookiecutter\s+\S",
    r"cruft\s+create",
    r"kedro\s+new",
    r"install\.packages\(",
    r"(?:renv|pak|remotes|devtools)::(?:restore|install\w*|pkg_install)\(",
    # Julia's package manager: `Pkg.add("Fairness")`, `Pkg.instantiate()`
    r"Pkg\.(?:add|instantiate|develop)\(",
)
SETUP_COMMAND = lazy_pattern(r"\b(?:" + "|".join(SETUP_COMMANDS) + ")")
# A JavaScript package manager's install (`bun install`, `npm ci`): the setup of a
# repository whose code is all JavaScript or TypeScript, with no Python to install.
JS_INSTALL = lazy_pattern(r"\b(?:npm|pnpm|yarn|bun)[ \t]+(?:install|ci|i)\b")
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
LINE_START = lazy_pattern(r"^[ \t]*(?:(?:[-*+>]|\d+[.)]|\$)[ \t]*)*(?:sudo[ \t]+(?:-\S+[ \t]+)*)?")
TREE_LINE = lazy_pattern(r"[├└│┣┗┃]|^[ \t]*(?:\|[ \t]*)*[|`+](?:--|__)")
# One-click environments a README opens the project in, each built from the repository's
# own configuration (beside the README or at the root): (how the README names it, where
# the configuration is, from that folder), one line per service. A development container
# ("Open in Dev Containers", GitHub Codespaces, not a school named "Codespace Academy"):
# `.devcontainer/devcontainer.json`, one named
# configuration a level below it, or `.devcontainer.json`, where the Dev Containers spec
# looks; a Gitpod workspace ("Open in Gitpod", a gitpod.io/# address): `.gitpod.yml`,
# whose tasks install the project when the workspace starts.
ONE_CLICK_ENVIRONMENTS = (
    (
        lazy_pattern(
            r"(?i)\bdev(?:elopment)?[ -]?containers?\b|\bcodespaces\b"
            r"|\b(?:github|a|in)[ \t]+codespace\b"
        ),
        lazy_pattern(r"\.devcontainer(?:/[\w.-]+)?/devcontainer\.json|\.devcontainer\.json"),
    ),
    (lazy_pattern(r"(?i)\bgitpod\b"), lazy_pattern(r"\.gitpod\.ya?ml")),
)
# A notebook's shell: a line IPython hands to the shell (`!conda env create`) or to a
# package manager's magic (`%pip install`, `%conda create`), and a cell run by a shell.
SHELL_LINE = lazy_pattern(r"^[ \t]*(?:!|%(?=(?:pip|conda|mamba)\b))[ \t]*(.+)$")
SHELL_CELL = lazy_pattern(r"^%%(?:bash|sh)\b")
# A conda command on the base environment (`conda update -n base conda`) updates the tool,
# not the project's environment.
BASE_ENVIRONMENT = lazy_pattern(
    r"(?:conda|mamba|micromamba)\b[^\n]*?\s(?:-n|--name)[ \t=]+base\b(?![\w.-])"
)
# Package managers that install from a file of the repository: a name it lacks fails.
PACKAGE_MANAGER = lazy_pattern(r"(?:pip3?|uv|pipenv|conda|mamba|micromamba)\b")
# The file a setup command installs from (`conda env create -f environment.yaml`, `pip
# install -r requirements.txt`, `--file=env.yml`).
NAMED_SPEC_FILE = lazy_pattern(r"\s(?:-f|-r|--file|--requirements?)(?:[ \t]+|=)([^\s;&|)`]+)")
# The extensions of the files such a command installs from, one may leave out by slip.
SPEC_SUFFIXES = ("txt", "in", "yml", "yaml", "toml", "lock")
# A compose command sets the project up only when the repository has a compose file.
COMPOSE_UP = lazy_pattern(r"docker[ -]compose|docker\s+compose")
DOCKER_IMAGE = lazy_pattern(r"docker\s+(?:build|run)\b")
FETCHES_COMPOSE = lazy_pattern(r"\b(?:curl|wget)\b[^\n]*compose[\w.-]*\.ya?ml")
# A task the README runs: `make setup` (the Makefile beside the README, where a reader
# runs it), `just setup` (the root justfile's); on one line: a line that ends with the
# word (`sudo apt install make`, a bare `make`) runs no task named by the next line.
RUNNER_TASK = lazy_pattern(r"\b(make|just)[ \t]+([A-Za-z_][\w.-]*)")
# A shell script a README names where it writes commands (`bash setup_env.sh`, "copy the
# text from `setup_environment.sh`"): the reader runs it, or runs its lines by hand.
# PowerShell's scripts too (`./create-components.ps1`): a Windows reader's shell.
SHELL_SCRIPT_SUFFIXES = (".sh", ".bash", ".ps1")
NAMED_SCRIPT = lazy_pattern(r"(?<![\w.-])((?:\.{1,2}/)?(?:[\w.-]+/)*[\w.-]+\.(?:sh|bash|ps1))\b")
# A line that runs a shell script (`bash setup_env.sh`, `source scripts/env.sh`), and the
# change of folder a line may start with before its command (`cd data_pipeline && pip
# install -r deployment/requirements.txt`): a plain-text README's steps.
SHELL_RUNS_SCRIPT = lazy_pattern(r"(?:bash|sh|source)[ \t]+(?:\.{1,2}/)?[\w./-]+\.(?:sh|bash)\b")
CD_FIRST = lazy_pattern(r"^(?:cd[ \t]+[\w./-]+[ \t]*&&[ \t]*)+")
# A script named for installing what the project needs (`scripts/quick_install.sh`,
# `dependencies.sh`, `make_venv.sh`): running it is the setup, whatever it runs. A
# `setup_cluster.sh` may set up anything, so it counts by what it runs.
INSTALL_NAMED = lazy_pattern(r"(?i)(?:^|[-_.])(?:install\w*|dependencies|deps|venv)(?:[-_.]|$)")
# A script the README names but the repository spells otherwise (`./depencies.sh` for
# dependencies.sh): the reader runs the one it finds, the closest in spelling.
MISSPELT = 0.8
# A repository's own file by its raw address, fetched and run (`bash <(curl -s
# https://raw.githubusercontent.com/owner/repo/main/scripts/install.sh)`): the path after
# the branch.
RAW_ADDRESS = lazy_pattern(
    r"^(?:https?://)?(?:raw\.githubusercontent\.com/[\w.-]+/[\w.-]+/[\w.-]+"
    r"|(?:github|gitlab)\.com/(?:[\w.-]+/)+(?:-/)?(?:raw|blob)/[\w.-]+)/"
)
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
# A README that is a model card in all but name: its headings name the model and its
# data, a section on its evaluation gives a measured figure (`Accuracy: 0.91`, `F1 of
# 0.93`, `95% accuracy`), and it states the model's limits or intended use; metrics alone
# (a "Model Performance" table) are no card.
LEVELLED_HEADING = lazy_pattern(r"(?m)^(#{1,6})[ \t]+(.+)$")
FENCED_BLOCK = lazy_pattern(r"(?ms)^[ \t]{0,3}(`{3,}|~{3,}).*?^[ \t]{0,3}\1")


def _words(*languages: str) -> re.Pattern[str]:
    """One pattern of a card's topic, one alternation per language (English first: its
    words whole; the others' stems, as their headings inflect them)."""
    english, *others = languages
    return lazy_pattern(r"(?i)\b(?:" + english + r")(?!\w)" + "".join(f"|{o}" for o in others))


# What a card's headings name, in the languages READMEs of the corpus are written in:
# English, Russian, Spanish, Portuguese, French, German (one argument each).
MODEL_WORDS = _words(
    r"model|architecture", "модел|архитектур", "modelo|arquitectura", "arquitetura",
    "modèle", "modell|architektur",
)  # fmt: skip
DATA_WORDS = _words(
    r"data(?:sets?)?", "данн|датасет", "datos", "dados", "données", "daten",
)  # fmt: skip
EVALUATION_WORDS = _words(
    r"evaluation|performance|metrics?|results?", "оценк|метрик|результат",
    "evaluación|métricas|resultados", "avaliação", "évaluation|résultats",
    "bewertung|ergebnisse|metriken",
)  # fmt: skip
# A heading over the model's limits: where it falls short or what it trades away
# ("Known limitations", "Challenges & Solutions", "Ограничения").
LIMITS_HEADING = _words(
    r"limitations?|caveats?|known issues|challenges|trade-?offs?", "ограничени",
    "limitaciones", "limitações", "limites", "einschränkungen|grenzen",
)  # fmt: skip
CARD_HEADINGS = (MODEL_WORDS, DATA_WORDS)
EVALUATION_HEADING = EVALUATION_WORDS
METRIC = (
    r"accuracy|f1(?:[- ]score)?|precision|recall|(?:roc[- ])?auc|rmse|mae|mape|r2|r²"
    r"|map|iou|bleu|rouge[\w-]*|perplexity|wer|cer"
)
# A measured figure: a metric and its value (`Accuracy: 0.91`, `F1 of 0.93`), or a
# percentage before the metric (`95% accuracy`, `92.5% validation accuracy`).
MEASURED = lazy_pattern(
    rf"(?i)\b(?:{METRIC})\b[^\n\d]{{0,40}}(?<![\w.])\d+(?:\.\d+)?"
    rf"|(?<![\w.])\d+(?:\.\d+)?[ \t]?%[ \t]+(?:[a-z-]+[ \t]+){{0,2}}?(?:{METRIC})\b"
)
LIMITS = lazy_pattern(
    r"(?i)\b(?:limitations?|caveats?|weakness(?:es)?|known issues|intended use"
    r"|out[- ]of[- ]scope|struggles"
    r"|not\s+(?:100\s?%|perfect(?:ly)?|always)\s+(?:accurate|correct|reliable|right)"
    r"|may\s+(?:misclassify|be\s+wrong|make\s+mistakes))(?!\w)"
    # the same words' stems in Portuguese, Spanish, Russian and German ("A limitação de
    # épocas", "limitaciones", "ограничения", "Einschränkungen")
    r"|\blimitaç|\blimitaci[oó]n|ограничени|einschränkung"
)
# A table of measured figures: a header row naming a metric (`| Model | Accuracy |`),
# then a row holding a number (`| Logistic Regression | 72.5% |`).
TABLE_ROW = lazy_pattern(r"^[ \t]*\|.*\|[ \t]*$")
METRIC_NAME = lazy_pattern(rf"(?i)\b(?:{METRIC})\b")
NUMBER = lazy_pattern(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
# A section on the model itself ("The Model"), not the system's architecture.
MODEL_SECTION = lazy_pattern(r"(?i)\bmodels?\b|модел|modelo|modèle|modell")
# The data a model learnt from, named in the model's own section ("trained and tested on
# the MediaEval 2015 set", "fine-tuned on IMDB reviews", "the dataset").
TRAINED_ON = lazy_pattern(
    r"(?i)\b(?:trained|fine[- ]?tuned|learn(?:ed|t|s))\b[^.\n]{0,40}?\b(?:on|from)\b"
    r"|\bdata ?sets?\b"
)
# Names of the tasks a newcomer looks for (a task named `test-unit` counts as test; `up`
# starts the whole stack, as `docker compose up` does).
COMMON_TASKS = frozenset(
    {"setup", "install", "init", "bootstrap", "dev", "env", "venv", "deps", "sync"}
    | {"test", "tests", "check", "lint", "format", "fmt", "typecheck", "qa", "quality", "ci"}
    | {"train", "training", "pipeline", "repro", "run", "main", "all", "evaluate", "eval"}
    | {"predict"}
    | {"serve", "server", "api", "start", "up", "app", "build", "docker", "deploy", "docs"}
    | {"down", "teardown"}  # a stack's, brought up by another
)
# The last word of a task named for what it acts on (`mlflow_up`, `predictor-start`, a
# console script `myproject_train`, `kubectl-setup.sh` and `kubectl-remove.sh`): verbs
# that say which common task it is.
TASK_VERBS = frozenset(
    {"up", "start", "serve", "train", "test", "tests", "lint", "predict", "evaluate", "eval"}
    | {"setup", "install", "build", "deploy", "down", "remove", "teardown"}
)
# First words of a set-up step, not a task a newcomer runs (`install-test` installs the
# test dependencies), and verbs that make one word with `up` (`clean-up`, `warm-up`).
SETUP_STEPS = frozenset({"install", "setup", "init"})
PARTICLE_VERBS = frozenset({"clean", "set", "warm", "tear", "shut", "back"})
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
# A shell script a newcomer runs by hand: at the root or under scripts/ (or bin/), in a
# folder of its own there too (`scripts/tools/ci_local.sh`).
TASK_SCRIPT = lazy_pattern(r"(?:(?:scripts?|bin)/(?:[\w.-]+/)*)?[\w.-]+\.(?:sh|bash)")
# A shell function the script defines (`run() {`, `function step {`): a call of it runs
# the command its arguments hold (`run "unit tests" uv run pytest -q`). Followed in a
# script named for the checks only, by one of its words (`ci_local.sh`, `check.sh`,
# `run_tests.sh`): a release script's `run_in_env pytest` is one step of deploying, not
# the way to run the tests.
CHECK_SCRIPT_NAMES = frozenset({"ci", "check", "checks", "test", "tests", "lint", "qa", "verify"})
# A script named otherwise is the project's check entry point when it runs this many
# different checkers (`report.bash`: flake8, mypy and pytest; `code_style.sh`: isort,
# black, flake8): one that runs the tests once among other steps (`script.sh`: unittest,
# then train.py; an end-to-end script rendering a template and testing what it renders)
# does one program's job, as a lone `deploy.sh` does.
MIN_CHECKERS = 2
SHELL_FUNCTION = lazy_pattern(r"(?m)^[ \t]*(?:function[ \t]+([\w-]+)|([\w-]+)[ \t]*\(\))[ \t]*\{?")
# A Python script a task's command starts (`python src/train.py`): a task whose every
# command starts one the repository lacks cannot run.
PYTHON_PROGRAMS = frozenset({"python", "python3"})
# What an npm script must start to be one of the project's tasks, not its JavaScript front
# end's own (`vite build`, `jest`): Python and its tools, the pipeline's, the service's,
# containers.
PROJECT_PROGRAMS = (
    PYTHON_PROGRAMS
    | TEST_PROGRAMS
    | LINT_PROGRAMS
    | {"pip", "pip3", "uv", "poetry", "pipenv", "pdm", "hatch", "conda", "make"}
    | {"dvc", "mlflow", "kedro", "snakemake", "uvicorn", "gunicorn", "flask", "fastapi"}
    | {"streamlit", "bentoml", "docker", "docker-compose"}
)
# A shell script with no extension a shebang names (`./run`, `bin/dev`), at the root or
# under scripts/ (or bin/): the program the kernel starts is the shell.
BARE_SCRIPT = lazy_pattern(r"(?:(?:scripts?|bin)/(?:[\w-]+/)*)?[\w-]+")
SHELL_SHEBANG = lazy_pattern(r"^#![ \t]*\S*?(?:/env[ \t]+)?\b(?:ba|z|da|k)?sh\b")
# A `case` a launcher script dispatches its first argument with (`case $1 in install)
# ...;; test) ...;; esac`): its arms' words (`--install | install)`) are its subcommands.
CASE_BLOCK = lazy_pattern(r"(?ms)^[ \t]*case[ \t]+\S+[ \t]+in\b(.*?)^[ \t]*esac\b")
CASE_ARM = lazy_pattern(r"(?m)^[ \t]*\(?[ \t]*([\w\"'|* \t-]+?)[ \t]*\)")
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
    """Passes when the README GitHub shows (README.md, .rst, .txt, .adoc: in .github/, else at the
    root, else in docs/) writes a setup command, one that builds the environment the project runs in
    (in a code block, a code span, one over a line break too, or at the start of a line, after a
    list mark, a prompt or `sudo`, never in a tree drawing's notes): pip install, uv sync,
    poetry/pdm/pixi install or sync, pipenv install, `setup.py install` or `develop`, hatch env
    create, conda create / install (env create), make setup, docker build or run (unless every image
    the repository builds is a tool's server: building an MLflow server image sets up the tracking
    server, not the project; `docker run hello-world` only checks that Docker works), docker compose
    (or docker-compose) up, build, run or watch, options before it too (`-f prod.yml up`; when the
    repository has a compose file, or the README fetches one, for it to run; not `docker compose
    exec`, `logs` or `down`, which work on a stack already up), terraform init / apply, helm install
    / upgrade or kubectl apply (the cluster the project runs on), a managed platform's CLI creating
    what the project runs on (`az ml compute create`, `az ml environment create`, `az ml component
    create`, the service principal its pipelines deploy with, `az ad sp create-for-rbac`, `az
    deployment group create`, `aws cloudformation deploy`, `cdk deploy` with its parameters or
    options; not the bare `cdk deploy` every CDK app's generated README lists), or a template's
    copier copy / cookiecutter / cruft create / kedro new, or R's package installs
    (`install.packages("azuremlsdk")`, `renv::restore()`), or Julia's (`Pkg.add("MLJ")`,
    `Pkg.instantiate()`); running the project's scripts alone sets nothing up, nor does a package
    manager installing from a file no folder of the repository holds (`conda env create -f
    environment.yaml` beside only environment_local.yaml; a name without its extension, `pip install
    -r requirements` beside requirements.txt, is a slip, not a missing file) or updating conda's
    base environment (`conda update -n base conda`). Passes too when it opens the project in a
    development container ("Open in Dev Containers", GitHub Codespaces) built from the repository's
    own devcontainer.json, or in a Gitpod workspace ("Open in Gitpod") built from its own
    .gitpod.yml, beside the README or at the root: one click builds the environment. Passes too when
    it runs a target of the Makefile beside it or a root justfile recipe that runs one, itself,
    through a script it runs or through the tasks it needs first (`make up` -> docker build, `make
    image` -> deploy.sh -> docker build, `just setup` -> sync -> uv sync), or names a shell script
    of the repository (a PowerShell one too, `./create-components.ps1` -> `az ml component create`)
    that runs one or is named for installing (`bash setup_env.sh`, `./install.sh`; by its raw
    address on GitHub too, `bash <(curl .../main/scripts/quick_install.sh)`, and, misspelt, the
    script of that folder closest in spelling) or a Python script that starts one in code, itself or
    through a function of its own that runs the command it is given (`python scripts/cli.py setup`
    -> `subprocess.run([".venv/bin/pip", "install", ...])`; `python initialize.py` ->
    `run_blocking("pip install .")`), written in a code block or span or on a line of its own, as a
    plain-text README writes commands (after a change of folder too, `cd data_pipeline && pip
    install -r deployment/requirements.txt`). Otherwise the README's links are followed one hop, and
    it passes when a file they reach sets up: a page or a script of the repository it links
    (relatively, its extension left out too, as `docs/usage/installation` for installation.rst, by
    its address on GitHub or GitLab, or by its path in a code span, `INSTALL.md`) that writes or
    runs a setup command, or that the link names and that is named for it (a page for setup,
    INSTALL.md, docs/getting_started.md; a shell script for installing, install.sh), a Python script
    that starts one in code, or a notebook the link names, named for setup, whose cells run one
    (`00_Setup.ipynb`: `%conda create --name demo python=3.10`, `!pip install -r ...`); by the
    address of another repository (its name no folder of the project nor its Sphinx project) a file
    counts by what it writes, never by its name; a folder it links (`[the API](./api/)`,
    `.../tree/main/api`) whose README or a page below it (a project's README inside it) writes one;
    a folder it names in a code span (`see production/`) whose README or the README of a project
    inside it (a folder with its pyproject.toml, requirements.txt or Dockerfile; not a model card
    beside its weights) does, or, for a documentation folder, any page of it (a LaTeX guide in
    `Documentation/`); the README's own folder or one above it gives its README only, and a
    third-party tree (node_modules, a virtualenv, vendor/) no page; the project's hosted manual
    built from its docs folder, on the project's own site only (Read the Docs or GitHub or GitLab
    Pages named as a folder of the project or its Sphinx project, or under MkDocs' site_url): the
    page the address names (`.../en/latest/installation` -> docs/installation.md, a #fragment or
    ?query aside), or, for its front page, any page of the manual; an address no browser opens
    (`http://[your-server-ip]:5000`) leads nowhere. A file no link reaches is not read: a guide
    nothing links is one a newcomer never finds. A course whose README says what it is but sets
    nothing up passes when a lesson's README does, and so does a video series when a tutorial's
    README does; a monorepo's project passes when the repository's README, another project's README
    or any README below the root sets up (`tools/README.md` inside a project; a practice a nested
    project satisfies counts for the repository); an empty README is a finding. Where the root has
    no README, the README of the one top-level folder holding the project (its pyproject.toml,
    setup.py or requirements.txt) and all the code is read as the repository's. A repository with no
    Python whose JavaScript a `package.json` declares is set up by its package manager's install
    (`bun install`, `npm ci`)."""

    @staticmethod
    def check(
        readme: str | None,
        text: TextOf,
        file_set: frozenset[str],
        commands: CommandGraph,
        syntax_tree: TreeOf,
        image_roles: dict[str, Role],
        non_python_code: OtherCode | None,
    ) -> Outcome:
        readme = readme or _project_folder_readme(file_set)
        if readme is None:
            return False
        content = text(readme) or ""
        written = "\n".join(command_lines(content))
        if non_python_code is not None and "JavaScript" in non_python_code.declared:
            installs = JS_INSTALL.search(written)
            if installs:
                return Passed(f"{readme} installs the JavaScript project: {installs.group(0)}")
        composes = bool(FETCHES_COMPOSE.search(content)) or _has_compose_file(file_set)
        setup = SetupReader(text, file_set, syntax_tree, composes, _images_set_up(image_roles))
        if setup.writes_setup(written):
            return True
        folder = readme.rpartition("/")[0]
        container = _dev_container(content, folder, file_set)
        if container:
            return Passed(f"{readme} opens the project in the environment {container} builds")
        runners = {"make": f"make:{folder}/Makefile" if folder else "make:Makefile", "just": "just"}
        for runner, name in RUNNER_TASK.findall(written):
            tasks = commands.tasks.get(runners[runner], {})
            task = tasks.get(name)
            if task is not None and _sets_up(task, tasks, {name}, commands):
                return Passed(f"{readme} runs {runner} {name}, which sets up ({task.path})")
        script = _setup_script(written, folder, setup) or _setup_python_script(
            written, folder, setup
        )
        if script:
            return Passed(f"{readme} names {script}, which sets up")
        linked = next(
            (found for found in linked_files(readme, file_set, text) if setup.gives_setup(found)),
            None,
        )
        if linked:
            return Passed(f"{readme} links {linked.path}, which sets up")
        return [Hit(readme, None, "no setup commands")]


# The files that make a top-level folder the project's home when the root has none.
PROJECT_HOME_FILES = frozenset({"pyproject.toml", "setup.py", "requirements.txt"})


def _project_folder_readme(file_set: frozenset[str]) -> str | None:
    """Where the root has no README: the README of the one top-level folder that holds
    the project (its pyproject.toml, setup.py or requirements.txt: a Kedro project kept in
    `sales-project/`) and all of the repository's code, the page GitHub shows when a
    newcomer opens that folder."""
    homes = {
        rel.partition("/")[0]
        for rel in file_set
        if rel.count("/") == 1 and rel.rpartition("/")[2] in PROJECT_HOME_FILES
    }
    if len(homes) != 1:
        return None
    home = homes.pop()
    code = [rel for rel in file_set if rel.endswith((".py", ".ipynb"))]
    if any(not rel.startswith(f"{home}/") for rel in code):
        return None  # one of several folders of code (a course's lessons): no home of all
    return next(
        (
            rel
            for rel in sorted(file_set)
            if rel.startswith(f"{home}/") and README_FILE.match(rel[len(home) + 1 :])
        ),
        None,
    )


class SetupReader:
    """Whether a document's commands, a script, or a file a README links set up, in one
    repository (`composes`: it has a compose file for a compose command to run;
    `images`: a `docker build` or `docker run` sets the project up, its images not all
    a tool's server)."""

    def __init__(
        self,
        text: TextOf,
        file_set: frozenset[str],
        syntax_tree: TreeOf,
        composes: bool,
        images: bool,
    ) -> None:
        self.text, self.file_set, self.syntax_tree = text, file_set, syntax_tree
        self.composes, self.images = composes, images

    def writes_setup(self, written: str) -> bool:
        """Whether commands a document writes set up: not one written for conda's base
        environment, nor one installing from a file the repository lacks."""
        return any(
            self._counts(line)
            and not BASE_ENVIRONMENT.match(line)
            and not self._names_a_missing_file(line)
            for m in SETUP_COMMAND.finditer(written)
            if (line := written[m.start() :].partition("\n")[0])
        )

    def _counts(self, command: str) -> bool:
        if COMPOSE_UP.match(command):
            return self.composes
        return self.images or not DOCKER_IMAGE.match(command)

    def _names_a_missing_file(self, command: str) -> bool:
        """Whether a package manager's command installs from a file (`conda env create -f
        environment.yaml`, `pip install -r requirements.txt`, a Windows path too) no folder
        of the repository holds: it cannot run as written. A name written without its
        extension (`pip install -r requirements` beside requirements.txt) is a slip a
        reader corrects, not a missing file."""
        named = NAMED_SPEC_FILE.search(command) if PACKAGE_MANAGER.match(command) else None
        path = named.group(1).strip("\"'").replace("\\", "/").rstrip("/") if named else ""
        if not path.strip(".-") or any(mark in path for mark in "$<>{}[]*:"):
            return False
        name = path.rpartition("/")[2]
        stems = {name} if "." in name else {name, *(f"{name}.{ext}" for ext in SPEC_SUFFIXES)}
        return not any(
            rel.rpartition("/")[2] in stems or f"/{name}/" in f"/{rel}" for rel in self.file_set
        )

    def gives_setup(self, linked: Linked) -> bool:
        """Whether a file a README links sets up: a page that writes a setup command, or
        that the link names and is named for setup (`INSTALL.md`); a shell script that
        runs one, or that the link names and is named for installing; a Python script
        that starts one in code."""
        rel = linked.path
        name = rel.rpartition("/")[2]
        if DOCUMENT.search(rel):
            named = linked.named and bool(SETUP_NAMED.search(name))
            return named or self.writes_setup("\n".join(command_lines(self.text(rel) or "")))
        if rel.endswith(SHELL_SCRIPT_SUFFIXES):
            return (linked.named and bool(INSTALL_NAMED.search(name))) or self.script_sets_up(rel)
        if rel.endswith(".ipynb"):
            named = linked.named and bool(SETUP_NAMED.search(name))
            return named and self.writes_setup("\n".join(_shell_lines(self.text(rel) or "")))
        return rel.endswith(".py") and self.python_sets_up(rel)

    def script_sets_up(self, rel: str) -> bool:
        """Whether a shell script of the repository runs a setup command."""
        return any(
            self._counts(line) and SETUP_COMMAND.match(line)
            for words in simple_commands(self.text(rel) or "")
            if (line := _program_line(words))
        )

    def python_sets_up(self, rel: str) -> bool:
        """Whether a Python script of the repository starts a setup command in code
        (`subprocess.run([".venv/bin/pip", "install", "-r", "requirements.txt"])`)."""
        tree = self.syntax_tree(rel) if rel in self.file_set else None
        return tree is not None and any(
            self._counts(line) and SETUP_COMMAND.match(line)
            for _, command in started_commands(tree)
            for words in simple_commands(command)
            if (line := _program_line(words))
        )


def _shell_lines(notebook: str) -> list[str]:
    """The shell commands a notebook's code cells run: its `!` lines and `%pip`/`%conda`
    magics (`%conda create --name demo python=3.10`), prefix left out, and the lines of
    its `%%bash` or `%%sh` cells."""
    try:
        document = json.loads(notebook)
    except ValueError:
        return []
    found: list[str] = []
    for _, source in code_cells(document) if isinstance(document, dict) else ():
        lines = source.splitlines()
        if lines and SHELL_CELL.match(lines[0]):
            found += lines[1:]
        else:
            found += [m.group(1) for line in lines if (m := SHELL_LINE.match(line))]
    return found


def _images_set_up(image_roles: dict[str, Role]) -> bool:
    """Whether building or running an image sets the project up: not when every image the
    repository builds is a tool's server (`docker build` of an MLflow server image sets
    the tracking server up, not the environment the project's code runs in)."""
    return not image_roles or any(role != TOOL for role in image_roles.values())


def command_lines(document: str) -> list[str]:
    """The text of a README (Markdown, reStructuredText or plain text) where it writes
    commands: its code blocks' lines, its code spans, and the lines that start with a
    setup command, a task runner's task, a Python script (`python initialize.py`, a
    plain-text README's command) or a shell script (`bash setup_env.sh`), after a change
    of folder or not (`cd api && pip install -r requirements.txt`), with the list mark or
    prompt before it left out; never a line of a tree drawing."""
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
            command = CD_FIRST.sub("", start, count=1)
            starts = (SETUP_COMMAND, RUNNER_TASK, NAMED_PYTHON_SCRIPT, SHELL_RUNS_SCRIPT)
            if any(p.match(command) for p in starts):
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


def _setup_script(written: str, folder: str, setup: SetupReader) -> str | None:
    """A shell script of the repository the README's commands name (from the README's
    folder or the root; by its raw address on GitHub or GitLab; spelt otherwise, the
    closest script of that folder) that runs a setup command or is named for installing."""
    for named in NAMED_SCRIPT.findall(written):
        rel = _script_path(RAW_ADDRESS.sub("", named), folder, setup.file_set)
        if rel and (INSTALL_NAMED.search(rel.rpartition("/")[2]) or setup.script_sets_up(rel)):
            return rel
    return None


def _script_path(named: str, folder: str, file_set: frozenset[str]) -> str | None:
    """The script a README names, as the reader finds it: from the README's folder or the
    root, or, named but absent, the script of that folder closest in spelling."""
    places = dict.fromkeys(
        (posixpath.normpath(posixpath.join(folder, named)), posixpath.normpath(named))
    )
    found = next((rel for rel in places if rel in file_set), None)
    for rel in places if found is None else ():
        where, _, name = rel.rpartition("/")
        scripts = _scripts_by_folder(file_set).get(where, ())
        close = difflib.get_close_matches(name, scripts, n=1, cutoff=MISSPELT)
        if close:
            return posixpath.join(where, close[0])
    return found


@lru_cache(maxsize=4)
def _has_compose_file(file_set: frozenset[str]) -> bool:
    """Whether the repository has a compose file: looked for once per file list, however
    many READMEs (a course's lessons) are checked."""
    return any(COMPOSE_FILE.search(rel) for rel in file_set)


def _dev_container(content: str, folder: str, file_set: frozenset[str]) -> str | None:
    """The configuration, beside the README or at the root, of the one-click environment
    (a development container, a Gitpod workspace) the README opens the project in."""
    homes = {f"{folder}/" if folder else "", ""}
    for named, configuration in ONE_CLICK_ENVIRONMENTS:
        if not named.search(content):
            continue
        found = min(
            (
                rel
                for rel in file_set
                if any(
                    rel.startswith(home) and configuration.fullmatch(rel[len(home) :])
                    for home in homes
                )
            ),
            default=None,
        )
        if found is not None:
            return found
    return None


@lru_cache(maxsize=4)
def _scripts_by_folder(file_set: frozenset[str]) -> Mapping[str, tuple[str, ...]]:
    """The shell scripts of each folder, by name: listed once per file list, however many
    absent scripts a README names."""
    found: dict[str, list[str]] = {}
    for rel in file_set:
        if rel.endswith(SHELL_SCRIPT_SUFFIXES):
            where, _, name = rel.rpartition("/")
            found.setdefault(where, []).append(name)
    return {where: tuple(sorted(names)) for where, names in found.items()}


def _setup_python_script(written: str, folder: str, setup: SetupReader) -> str | None:
    """A Python script of the repository the README's commands start (`python
    scripts/cli.py setup`) that starts a setup command in code."""
    for named in NAMED_PYTHON_SCRIPT.findall(written):
        named = named.replace("\\", "/")
        for rel in (posixpath.normpath(posixpath.join(folder, named)), posixpath.normpath(named)):
            if setup.python_sets_up(rel):
                return rel
    return None


def _program_line(words: list[str]) -> str:
    """A command as its program's name and arguments (`.venv/bin/pip install x` ->
    `pip install x`), prefixes and environment runners peeled."""
    program = program_words(words)
    return " ".join([program[0].rsplit("/", 1)[-1], *program[1:]]) if program else ""


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
    """Passes when the model is documented as a card documents it: a file named for a card
    (model_card / model-card / modelcard, anywhere), a README heading "Model card" or
    "Intended use", or a README that says what a card says under headings of its own, in
    whatever language they are written (English, Russian, Spanish, Portuguese, French,
    German): what the model is (a heading for the model or its architecture), the data it
    learnt from (a data heading, or the model's section naming it: "trained on", "the
    dataset"), a measured figure of its evaluation (`Test F1: 0.91`, `an F1 score of 0.93`,
    `95% accuracy`, a table whose header names a metric over a row of figures, `| Model |
    Accuracy |` then `| LogReg | 72.5% |`, in a section on its evaluation, performance,
    metrics or results, or in the model's own section; a metric's name alone, `accuracy,
    F1`, is none), and its limits or intended use (its limitations, caveats, weaknesses,
    known issues or what it struggles with, "not 100% accurate", "may misclassify", "A
    limitação de épocas", or a section headed for them:
    "Challenges", "Trade-offs", "Ограничения"); without a heading for the model, sections
    headed for its data, its evaluation (with a measured figure) and its limitations
    ("License And Data", "Results", "Limitations"). Metrics alone (a "Model Performance" table,
    a promotion gate's `accuracy >= 0.80`) are no card. A Markdown page named for a model
    (`model.md`, `modelling/model1.md`, not a README) is one when its headings name its
    data, its training and its evaluation. A monorepo's project passes when the root
    (`docs/model-card.md` outside every project) or another of its projects keeps one."""

    @staticmethod
    def check(files: tuple[str, ...], readme: str | None, text: TextOf) -> Outcome:
        if any(MODEL_CARD.search(rel) for rel in files if "card" in rel.lower()):
            return True
        if readme is not None and MODEL_CARD_HEADING.search(text(readme) or ""):
            return True
        if readme is not None and _readme_card(text(readme) or ""):
            return Passed(f"{readme} documents the model, its data, its evaluation and limits")
        page = next(
            (rel for rel in files if MODEL_PAGE.search(rel) and _card_like(rel, text)), None
        )
        return (
            Passed(f"{page} documents the model's data, training and evaluation") if page else False
        )


def _readme_card(content: str) -> bool:
    """Whether a README says what a card says, and the model's limits or intended use (in
    its text, or a section headed for them: "Challenges", "Ограничения"): a section on the
    model that names the data it learnt from and a measured figure ("trained and tested on
    MediaEval 2015 ... F1 of 0.93"), or headings for the model and its data (or a model
    section, or the opening paragraphs, naming it) and an evaluation section with a
    measured figure, or with no model
    heading, sections headed for its data, its evaluation (with a measured figure) and its
    limits ("License And Data", "Results", "Limitations"); a model section's figures alone
    (a promotion gate's `accuracy >= 0.80`) are no card."""
    content = FENCED_BLOCK.sub("", content)
    headings = list(LEVELLED_HEADING.finditer(content))
    if not LIMITS.search(content) and not any(LIMITS_HEADING.search(h[2]) for h in headings):
        return False
    sections = [
        (h.group(2), content[h.end() : _section_end(headings, n, len(content))])
        for n, h in enumerate(headings)
    ]
    if any(
        MODEL_SECTION.search(title) and TRAINED_ON.search(body) and _measured(body)
        for title, body in sections
    ):
        return True
    model = [body for title, body in sections if CARD_HEADINGS[0].search(title)]
    titles = "\n".join(title for title, _ in sections)
    evaluated = any(_measured(body) for title, body in sections if EVALUATION_HEADING.search(title))
    if not model:  # a section headed for the limits, then, and one for the data
        limits = any(LIMITS_HEADING.search(title) for title, _ in sections)
        return evaluated and limits and bool(CARD_HEADINGS[1].search(titles))
    # the data named in a model section, under a heading of its own, or in the opening
    # paragraphs that say what the project is ("ESA Anomaly Dataset ... 31 GB of telemetry")
    opening = content[headings[0].end() : headings[1].start()] if len(headings) > 1 else ""
    named = any(map(TRAINED_ON.search, model)) or TRAINED_ON.search(opening)
    if not (CARD_HEADINGS[1].search(titles) or named):
        return False
    return evaluated


def _measured(body: str) -> bool:
    """Whether a section gives a measured figure: a metric and its value (`MEASURED`), or
    a table whose header row names a metric and a later row of which holds a number."""
    if MEASURED.search(body):
        return True
    header = False
    for line in body.splitlines():
        if not TABLE_ROW.match(line):
            header = False  # the table ends
        elif not header:
            header = bool(METRIC_NAME.search(line))
            header = header and not NUMBER.search(METRIC_NAME.sub("", line))
        elif NUMBER.search(line):
            return True
    return False


def _section_end(headings: list[re.Match[str]], number: int, length: int) -> int:
    """Where the section under the heading `number` ends: at the next heading of its level
    or above, else at the end of the document."""
    level = len(headings[number].group(1))
    after = (h for h in headings[number + 1 :] if len(h.group(1)) <= level)
    return next((h.start() for h in after), length)


def _card_like(rel: str, text: TextOf) -> bool:
    """Whether a page's headings name the data, the training and the evaluation."""
    headings = "\n".join(HEADING.findall(text(rel) or ""))
    return all(topic.search(headings) for topic in MODEL_PAGE_TOPICS)


class DOCS003(Check):
    """Passes when the project's common tasks (setup, install, test, lint, format,
    train, evaluate or eval, predict, serve, build, up, deploy, docs...) each run with
    one command. First, a task runner's task named for one, or named for what it acts on
    and ending with such a verb (`mlflow_up`, `unit_test`; not a step of its own,
    `clean-up`, `set-up`, `install-test`), that runs a command, itself or through two or
    more tasks it needs (`run-all: create-group init-staging`): a Makefile target, a
    justfile recipe, mise, pixi, poe, pdm or hatch tasks, Pipenv scripts (`pipenv run
    lint`), tox environments, nox sessions, dvc.yaml stages (`dvc repro`; a `foreach`
    stage's command under its `do`, a dvc.yaml in a folder of its own too), MLproject
    entry points (the file in any case, `MLProject`, as MLflow finds it) or a Kedro
    project (`kedro run`); at the root or in a folder of its own, not in examples/ or
    tests/ (a library's example project has its own tasks), nor in a committed
    third-party tree (node_modules, a virtualenv, vendor/), nor Sphinx's docs/Makefile;
    a Makefile with only `clean` or `style` has none. A package.json script counts when
    it starts one of the project's programs (Python and its tools, a pipeline's, a
    service's, Docker: `"train": "python train.py"`), not a web front end's own (`vite
    build`, `jest`). A task whose commands only talk (`echo "Error: no test specified"
    && exit 1`) or only start Python scripts the repository lacks (a dvc stage's `python
    src/train.py` without src/train.py) runs nothing. Second, a file one command runs
    whole: a Taskfile, a Snakefile (`snakemake`), a Nextflow main.nf, invoke's tasks.py
    or doit's dodo.py. Third, scripts at the root or under scripts/ or bin/ (in a folder
    of their own there too): a shell script named for the checks by one of its words
    (`check.sh`, `ci_local.sh`, `run_tests.sh`) that runs the tests or a linter, itself
    or through a function of its own that runs its arguments (`run "tests" uv run
    pytest`), or one named otherwise that runs two or more different ones (`report.bash`
    → flake8, mypy, pytest; not `script.sh` running the unit tests once before training,
    nor an end-to-end script testing what a template renders); or a set of tasks: two or
    more shell scripts that run a program (echo alone runs nothing) or console scripts
    (pyproject's, a setup.cfg's `[options.entry_points]`, nbdev's settings.ini) named for
    common tasks (`train_local.sh` and `run_api.sh`; `train` and `predict`;
    `myproject_train` and `myproject_eval`, named by their last word, or a console
    script by its middle one, `rocks_train_model`; read from their own table when
    pyproject.toml has a TOML error elsewhere), where a lone
    `deploy.sh` or `run-pipeline` is the project's one program; a Python script whose
    subcommands name two or more common tasks, read from its code (argparse sub-parsers,
    click or typer commands of a group, Python Fire over the module's functions, a dict
    or a class: `python scripts/cli.py setup|test|dev`; a lone `fire.Fire(main)` is
    none); or a launcher shell script (`run.sh`, or `./run` with a shell's shebang)
    whose `case` on its argument has arms named for two or more common tasks (`--install
    | install)`, `test)`, `deploy)`). A monorepo's project passes when another project
    has such entry points, or when the repository's root, outside the projects, has them
    (a root Makefile whose `train` runs `python churn/train.py`). A template is judged
    on its own task runner, not the one of the project it renders (`{{ cookiecutter.slug
    }}/Makefile`, a copier template's `template/Taskfile.yml.jinja`, see
    `doctor/rendered.py`)."""

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
        task = next(
            (
                t
                for t in tasks
                if _common(t) and _runnable(t, file_set) and _does_something(t) and _projects(t)
            ),
            None,
        )
        if task is not None:
            line, command = task.lines[0]
            where = f"{task.path}:{line}" if line else task.path
            return Passed(f"{where} {task.name} → {command.splitlines()[0][:60]}")
        chain = _task_chain(commands, file_set)
        if chain is not None:
            return chain
        programs = [
            name
            for name in _console_scripts(pyproject, file_set, text)
            if _common_script_name(name)
        ] + [
            rel
            for rel in sorted(file_set)
            if TASK_SCRIPT.fullmatch(rel)
            and _common_name(rel.rpartition("/")[2].rpartition(".")[0])
            and _runs_something(text(rel) or "")
        ]
        if len(programs) >= MIN_NAMED_PROGRAMS:
            return Passed(f"programs named for common tasks: {', '.join(programs[:4])}")
        cli = _python_cli(file_set, syntax_tree) or _launcher_script(file_set, text)
        if cli is not None:
            return cli
        for rel in sorted(rel for rel in file_set if TASK_SCRIPT.fullmatch(rel)):
            stem = rel.rpartition("/")[2].lower().rpartition(".")[0]
            named = not CHECK_SCRIPT_NAMES.isdisjoint(re.split(r"[-_.]", stem))
            checkers = _checks_in_script(text(rel) or "", follow_functions=named)
            if len(checkers) >= (1 if named else MIN_CHECKERS):
                return Passed(f"{rel} runs {', '.join(checkers[:4])}")
        return _one_command_file(file_set, text) or False


def _console_scripts(
    pyproject: dict[str, Any], file_set: frozenset[str], text: TextOf
) -> dict[str, str]:
    """The pyproject's console scripts (those its scripts table names when the file does
    not parse: a TOML error elsewhere, REPO001's, leaves the table as a reader sees it),
    and those a root setup.cfg or nbdev's settings.ini declares."""
    if pyproject or "pyproject.toml" not in file_set:
        found = console_scripts(pyproject)
    else:
        found = console_scripts_of_text(text("pyproject.toml") or "")
    for rel in ("setup.cfg", "settings.ini"):
        if rel in file_set:
            found = {**ini_console_scripts(text(rel) or ""), **found}
    return found


def _task_chain(commands: CommandGraph, file_set: frozenset[str]) -> Passed | None:
    """A task named for a common one that runs no command of its own but the tasks it
    needs, two or more that run one (`run-all: create-group init-staging apply-staging`,
    `all: data features model`): `make run-all` runs the whole chain."""
    for tasks in commands.tasks.values():
        for task in tasks.values():
            if task.lines or not _common(task) or VENDORED.search(task.path):
                continue
            if EXAMPLE_TREE.search(task.path):
                continue
            needed = [tasks[name] for name in task.needs if name in tasks]
            running = [
                t.name
                for t in needed
                if t.lines and _runnable(t, file_set) and _does_something(t) and _projects(t)
            ]
            if len(running) >= MIN_NAMED_PROGRAMS:
                shown = ", ".join(running[:4])
                return Passed(f"{task.path} {task.name} runs the tasks it needs: {shown}")
    return None


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


def _launcher_script(file_set: frozenset[str], text: TextOf) -> Passed | None:
    """A shell script at the root or under scripts/ (`run.sh`, or `./run` with a shell's
    shebang) whose `case` on its argument has arms named for two or more common tasks
    (`install)`, `test)`, `deploy)`): a task runner of its own."""
    for rel in sorted(file_set):
        if TASK_SCRIPT.fullmatch(rel):
            script = text(rel) or ""
        elif BARE_SCRIPT.fullmatch(rel):
            script = text(rel) or ""
            if not SHELL_SHEBANG.match(script):
                continue
        else:
            continue
        named = [name for name in _case_arms(script) if _common_name(name)]
        if len(named) >= MIN_NAMED_PROGRAMS:
            return Passed(f"{rel} dispatches tasks named for common ones: {', '.join(named[:4])}")
    return None


def _case_arms(script: str) -> list[str]:
    """The words a script's `case` blocks match (`--install | install)` -> install), each
    once, in order; a catch-all `*` is none."""
    words: dict[str, None] = {}
    for block in CASE_BLOCK.findall(script):
        for arm in CASE_ARM.findall(block):
            for word in arm.split("|"):
                word = word.strip().strip("\"'").lstrip("-")
                if word and "*" not in word:
                    words.setdefault(word)
    return list(words)


def _runs_something(script: str) -> bool:
    """Whether a shell script starts a program other than the shell's own talk."""
    quiet = {"echo", "printf", "set", "source", ".", "cd", "export", "exit", "true", ":"}
    return any(
        (program := program_words(words)[:1]) and program[0] not in quiet
        for words in simple_commands(script)
    )


def _checks_in_script(script: str, follow_functions: bool) -> list[str]:
    """The test runners and linters a shell script starts, each once, in order: itself
    or (`follow_functions`) through a function of its own that runs its arguments (`run
    "lint" uv run ruff .`)."""
    found = SHELL_FUNCTION.findall(script) if follow_functions else []
    functions = {a or b for a, b in found}
    checkers = TEST_PROGRAMS | LINT_PROGRAMS
    started: dict[str, None] = {}
    for words in simple_commands(script):
        wrapped = bool(words) and words[0] in functions
        for start in range(len(words) if wrapped else 1):
            program = program_words(words[start:])[:1]
            name = program[0].rsplit("/", 1)[-1] if program else ""
            if name in checkers:
                started.setdefault(name)
                break
    return list(started)


def _runnable(task: Task, file_set: frozenset[str]) -> bool:
    """Whether a task can run: not when each of its commands starts a Python script the
    repository lacks (`dvc.yaml`'s `python src/train.py` without src/train.py)."""
    folder = task_folder(task)
    for _, shell in task.lines:
        for words in simple_commands(shell):
            script = _python_script(words)
            if script is None or "$" in script:
                return True
            joined = posixpath.normpath(posixpath.join(folder, script))
            if joined in file_set or posixpath.normpath(script) in file_set:
                return True
    return not task.lines


def _does_something(task: Task) -> bool:
    """Whether a task runs a program, or tasks it needs first: not when its commands only
    talk (npm's placeholder `echo "Error: no test specified" && exit 1`)."""
    lines = "\n".join(shell for _, shell in task.lines)
    return not task.lines or bool(task.needs) or _runs_something(lines)


def _projects(task: Task) -> bool:
    """Whether a task works on the project: an npm script only when it starts one of
    PROJECT_PROGRAMS (`"train": "python train.py"`), not when it builds, serves or tests a
    JavaScript front end alone (`vite build`, `jest`)."""
    if task.runner != "npm":
        return True
    return any(
        (program := program_words(words)[:1]) and program[0].rsplit("/", 1)[-1] in PROJECT_PROGRAMS
        for _, shell in task.lines
        for words in simple_commands(shell)
    )


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


def _common_script_name(name: str) -> bool:
    """A console script named for a common task (`_common_name`), or the package's name,
    then the task's verb and what it acts on (`rocks_train_model`, `shop-serve-api`)."""
    words = re.split(r"[-_:.]", name.lower())
    return _common_name(name) or (len(words) == 3 and words[1] in TASK_VERBS)


def _common_name(name: str) -> bool:
    """A name for a common task, starting with one (`test-unit`), not an install step, or
    ending with a task's verb (`mlflow_up`, `myproject_train`) after a word that is not
    a step of its own (`clean-up`, `set-up`, `warm-up`, `install-test` are no such task)."""
    words = re.split(r"[-_:.]", name.lower())
    return (
        name.lower() in COMMON_TASKS
        or (words[0] in COMMON_TASKS and words[0] not in SETUP_STEPS)
        or (words[-1] in TASK_VERBS and words[0] not in SETUP_STEPS | PARTICLE_VERBS)
    )
