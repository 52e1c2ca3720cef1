"""Views of a repository that only the checks need: services, training code, CI text."""

from __future__ import annotations

import ast
import json
import os
import posixpath
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import cached_property, partial
from pathlib import PurePosixPath
from typing import Any

from mlops_scaffold.doctor.checks.base import (
    TRAINING_CALL_TEXTS,
    TRAINING_CODE,
)
from mlops_scaffold.doctor.checks.data import VALIDATION_LIBRARIES
from mlops_scaffold.doctor.checks.environment import (
    conda_spec_pythons,
    databricks_pythons,
    environments_created,
    explicit_specs,
    framework_pythons,
    image_pins,
    oldest_project_python,
    pyproject_pins,
    readme_pythons,
    rendered_pins,
    serverless_runtimes,
    written_conda_pythons,
)
from mlops_scaffold.doctor.checks.image_roles import (
    SERVER_COMMAND,
    TOOL,
    WORKBENCH,
    Role,
    image_role,
    runs_a_workbench,
    started_script_sources,
)
from mlops_scaffold.doctor.checks.images import (
    NOTEBOOK_DOCKERFILE,
    WRITTEN_DOCKERFILE,
    image_program,
    sdk_environment_images,
)
from mlops_scaffold.doctor.checks.kubernetes import (
    PLATFORM_KIND,
    TERRAFORM_WORKLOAD,
    WORKLOAD_KIND,
)
from mlops_scaffold.doctor.checks.locks import explicit_spec_sources, nested_uv_locks
from mlops_scaffold.doctor.checks.model_services import (
    EXEC_FORM,
    image_services,
    own_model_servers,
    serves_no_model,
    service_code,
    uses_a_model,
)
from mlops_scaffold.doctor.checks.monitoring import DRIFT_LIBRARIES
from mlops_scaffold.doctor.checks.notebooks import (
    SOURCE_NOTEBOOK_HINT,
    code_cells,
    notebook_module,
    source_notebooks,
)
from mlops_scaffold.doctor.checks.repository import MAX_YAML_BYTES
from mlops_scaffold.doctor.checks.serving import PicklingLogs
from mlops_scaffold.doctor.checks.serving_sets import BENTO_FILE, bento_requirements
from mlops_scaffold.doctor.checks.started_programs import SHELL_PYTHON
from mlops_scaffold.doctor.commands import CommandGraph, command_graph
from mlops_scaffold.doctor.committed_data import (
    IN_DATA_FOLDER,
    TABULAR_DATA,
    is_model_file,
    may_be_training_data,
    names_file,
    names_of,
)
from mlops_scaffold.doctor.content_hints import (
    CONTENT_HINTS,
    LINE_SHAPES,
    ON_DEMAND,
    ONLY_WITHIN,
    content_hints,
)
from mlops_scaffold.doctor.kinds import JINJA_NAME, ProductViews, TrainingViews, english_readme
from mlops_scaffold.doctor.other_languages import OtherCode, other_code
from mlops_scaffold.doctor.own_imports import OwnModules
from mlops_scaffold.doctor.pipelines import (
    COMPOSE_FILE,
    DEPENDS_ON_LINE,
    STAGE_MENU_LINE,
    STAGE_REGISTRY_LINE,
    TRAINING_NAME,
    chained_workflows,
    ci_step_pipelines,
    dvc_stage_scripts,
    may_offer_all_stages,
    missing_stage_scripts,
    names_training,
    own_program,
    stage_menu,
    stage_registry,
    steps_after_training,
    tested_module,
)
from mlops_scaffold.doctor.pycode import (
    calls,
    code_only,
    dotted,
    imported,
    parse,
    values_by_name,
    walked,
)
from mlops_scaffold.doctor.python_declarations import command_lines, settings, version_files
from mlops_scaffold.doctor.recognisers import (
    APP_INSIGHTS_ENABLED,
    AZURE_HTTP_FUNCTION,
    AZURE_ML_BATCH_RUN,
    AZURE_ML_ONLINE_ENDPOINT,
    AZURE_ML_SCORING,
    AZURE_ML_V1_SERVICES,
    DATA_VERSIONING,
    FUNCTION_INVOCATION,
    FUNCTION_INVOCATIONS,
    FUNCTION_ROUTES,
    FUNCTION_SCHEDULERS,
    HEALTH_AND_METRICS,
    IMPORTED,
    LAMBDA_HANDLER,
    MANAGED_ENDPOINTS,
    PIPELINES,
    RUN_KEEPERS,
    SERVICES,
    TRACKERS,
    TRAINER_INTEGRATIONS,
    Recogniser,
    azure_ml_v1_deployments,
    matches_as_code,
)
from mlops_scaffold.doctor.rendered import (
    CopierTemplate,
    copier_templates,
    filled_in,
    rendered_files,
)
from mlops_scaffold.doctor.tasks import values_under
from mlops_scaffold.doctor.transformer_fits import fits_only_transformers, names_a_transformer
from mlops_scaffold.doctor.unused_training import (
    builds_a_test_fixture,
    fits_what_it_predicts,
    fitting_functions,
    named_outside,
)
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Repo
from mlops_scaffold.repo.dependencies import declared_dependencies, is_serving_set
from mlops_scaffold.repo.parsers import (
    DockerBuild,
    Dockerfile,
    Requirement,
    compose_builds,
    compose_runs,
    conda_environment,
    declared_build_contexts,
    declared_builds,
    docker_builds,
    from_image,
    image_reference,
    normalise_package_name,
    notebook_written_dockerfile,
    parse_dockerfile,
    parse_requirements,
    setup_py_requirements,
    table,
    version_floor,
    written_dockerfile,
)
from mlops_scaffold.repo.view import (
    CONDA_FILE_HINT,
    DOCKERFILE_NAME,
    is_azure_pipeline,
    is_test_path,
    output_bytes,
    yaml_loader,
)

# A module a command names: a script's path (`scripts/train.py`) or a dotted module
# (`src.models.train`, run with `python -m`), found in the runs of path characters.
PATH_RUN = lazy_pattern(r"[\w./-]+")
SCRIPT_END = lazy_pattern(r"(?<=[\w./-])\.py\b")  # `.py` after a path character
DOTTED_MODULE = lazy_pattern(r"\b\w+(?:\.\w+)+\b")


def notebook_language(document: dict[str, Any]) -> str:
    """The language a notebook's kernel runs, lower-cased (`julia`, `r`, `python`), from
    its metadata's kernelspec or language_info; "" when it does not say."""
    metadata = document.get("metadata")
    if not isinstance(metadata, dict):
        return ""
    for key in ("kernelspec", "language_info"):
        entry = metadata.get(key)
        field = "language" if key == "kernelspec" else "name"
        value = entry.get(field) if isinstance(entry, dict) else None
        if isinstance(value, str) and value:
            return value.lower()
    return ""


# What reads a message stream one message after another: Kafka's consumers (kafka-python's
# and aiokafka's, confluent-kafka's `Consumer`), Spark's streaming read of a topic,
# RabbitMQ's consume loop, and a chat bot's long polling (`CHAT_BOT_POLLING`)
# (`stream_scorers`).
STREAM_SOURCE_HINTS = content_hints(
    "KafkaConsumer",
    "confluent_kafka",
    "readStream",
    "basic_consume",
    "_polling(",
    within=("*.py",),
)
# A chat bot fetching its messages by long polling (python-telegram-bot's `Updater` or
# `Application`, pyTelegramBotAPI, aiogram): the call starts the program's loop wherever it
# is made, so the module making it is the program, `__main__` block or not (a console
# script's function).
POLLING_CALL = r"\b(?:start|run|infinity)_polling\s*\("
CHAT_BOT_POLLING = lazy_pattern(POLLING_CALL)
STREAM_SOURCE = lazy_pattern(
    r"\b(?:AIO)?KafkaConsumer\s*\(|^[ \t]*from[ \t]+confluent_kafka[ \t]+import[^\n]*\bConsumer\b"
    rf"|\breadStream\b|\bbasic_consume\s*\(|{POLLING_CALL}",
    re.M,
)
# A module's block run when it is started as a program.
MAIN_BLOCK = lazy_pattern(r"""(?m)^if[ \t]+__name__[ \t]*==[ \t]*["']__main__["']""")
# Imports that make a module a web service (platforms that are not web frameworks, and
# what they serve by themselves, are in recognisers.SERVICES).
SERVICE_FRAMEWORKS = ("fastapi", "flask", "starlette", "litserve", "sanic", "falcon", "tornado")
# Calls that train, found by git: `.fit(` and `.train(` need no reading; a `Trainer(`
# is read to tell it from `MyTrainer(`.
TRAINING_CALLS = content_hints(*TRAINING_CALL_TEXTS, within=("*.py",))
TRAINER_HINT = content_hints("Trainer(", within=("*.py",))
TRAINER = lazy_pattern(r"\bTrainer\(")
# A handler reading what an event source delivers, not a request: a Lambda's loop over its
# records (`for r in event["Records"]`: Kinesis, SQS, S3) or a background Cloud Function's
# Pub/Sub message (`base64.b64decode(event["data"])`).
EVENT_RECORDS = lazy_pattern(
    r"""\bevent(?:\[\s*|\.get\(\s*)["']Records["']|b64decode\(\s*event\[\s*["']data["']"""
)
# A training job a managed platform runs from the repository's commands or code (SageMaker's
# built-in algorithms: `aws sagemaker create-training-job` in CI, boto3's
# `create_training_job(`): the repository trains, though no module of its own fits.
MANAGED_TRAINING_HINT = content_hints(
    "create-training-job",
    "create_training_job",
    within=("*.py", "*.sh", "*.yml", "*.yaml", "*Makefile", "*makefile", "*.mk"),
)
MANAGED_TRAINING = lazy_pattern(
    r"(?m)^[^#\n]*(?:\baws[ \t]+sagemaker[ \t]+create-training-job\b|\.create_training_job\s*\()"
)
# Files that only tell of code (a README's `model.train()`): they call nothing.
PROSE = (".md", ".rst", ".txt")
# Modules that make a file an app: a web service or a user interface.
APP_MODULES = (*SERVICE_FRAMEWORKS, "streamlit", "gradio")
# The modules whose importers some check asks about.
# Django's and Django REST framework's modules: a project's views among them answer requests.
DJANGO_MODULES = ("django", "rest_framework")
# A Django view module: it builds responses (`JsonResponse`, `render`) or declares an API
# view, in a function or a class of its own (not `startapp`'s stub, an import of `render`
# over "# Create your views here.").
DJANGO_VIEW = lazy_pattern(
    r"(?m)^[ \t]*from[ \t]+(?:django\.(?:http|shortcuts|views)|rest_framework)\b[^\n]*\bimport\b"
)
DEFINITION = lazy_pattern(r"(?m)^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]")
IMPORTED_MODULES = (
    APP_MODULES + DJANGO_MODULES + DRIFT_LIBRARIES + IMPORTED + tuple(sorted(VALIDATION_LIBRARIES))
)


# A README's path, and the SDK a Hugging Face Space's README front matter names, whose
# image the Space builds itself (`sdk: docker` builds the repository's Dockerfile).
README_PATH = lazy_pattern(r"(?i)(?:^|/)readme\.md$")
SPACE_SDK = lazy_pattern(r"(?m)^sdk:[ \t]*[\"']?(?:gradio|streamlit)\b")
# A Procfile and its web process (`web: gunicorn app:app`), and Render's blueprint.
PROCFILE = lazy_pattern(r"(?:^|/)Procfile$")
WEB_PROCESS = lazy_pattern(r"(?m)^web:[ \t]*\S")
RENDER_BLUEPRINT = lazy_pattern(r"(?:^|/)render\.ya?ml$")
# The Dockerfile a devcontainer.json builds (`"dockerFile"` or `"build": {"dockerfile"}`),
# relative to the devcontainer.json's folder.
DEV_CONTAINER_DOCKERFILE = lazy_pattern(r'"docker[Ff]ile"\s*:\s*"([^"]+)"')
# A compose service that keeps a terminal open for people to work in.
TERMINAL_KEY = lazy_pattern(r"(?m)^[ \t]+(?:tty|stdin_open):[ \t]*true\b")
# Volume sources that mount the working copy itself (`/:/host` mounts the host's root).
CHECKOUT_MOUNTS = frozenset({".", "..", "$PWD", "${PWD}"})


class AuditView(Repo, ProductViews, TrainingViews):
    """A repository as the checks see it: the generic views plus ML-specific ones."""

    imported_modules = IMPORTED_MODULES
    # Handed from the repository's view to each project's (the torch a lesson's folder runs
    # with may be declared in another folder).
    shared_caches = (
        *Repo.shared_caches,
        "_trees",
        "own_modules",
        "_evidence",
        "_code_sources",
        "torch_loads_weights_only",
        "pickling_logs",
    )

    @cached_property
    def sizes(self) -> dict[str, int]:
        """Every file but those a template renders (`rendered_files`: the project it
        generates, not code or configuration of the repository) and those of a
        committed Python environment (the folder of a `pyvenv.cfg` or a conda env's
        `conda-meta/`: installed packages, not the project's code), nor those that hold
        nothing (`hollow_files`)."""
        listed = self.content_sizes
        jinja = self.rendered_files
        environments = tuple(
            f"{found.group(1)}/" for rel in listed if (found := ENVIRONMENT_MARKER.search(rel))
        )
        if not jinja and not environments:
            return listed
        return {
            rel: size
            for rel, size in listed.items()
            if rel not in jinja and not rel.startswith(environments)
        }

    @cached_property
    def rendered_files(self) -> dict[str, str]:
        """The files a template renders (`{{ cookiecutter.name }}/...`, a copier template's
        subdirectory, suffix and delimiters: `doctor/rendered.py`) -> the path each takes
        once rendered: the project it generates, which the other views leave out."""
        return rendered_files(self.listed_sizes, self._copier_templates)

    @cached_property
    def _copier_templates(self) -> list[CopierTemplate]:
        return copier_templates(self.listed_sizes, self.load_yaml)

    @cached_property
    def rendered_yaml(self) -> dict[str, str]:
        """The YAML files a template renders whose only markup is variables (a cookiecutter
        `.travis.yml` with `user: {{ cookiecutter.user }}`) -> their text with each variable
        filled in by a word: the syntax every rendered project gets, whatever the answers."""
        starts = {start for template in self._copier_templates for start in template.starts}
        found = {}
        for rel, name in self.rendered_files.items():
            size = self.listed_sizes.get(rel, 0)
            if not name.endswith((".yml", ".yaml")) or not 0 < size <= MAX_YAML_BYTES:
                continue
            content = self.text(rel)
            filled = filled_in(content, starts) if content is not None else None
            if filled is not None:
                found[rel] = filled
        return found

    @cached_property
    def copier_roots(self) -> frozenset[str]:
        """The folders copier templates render their projects from (the `_subdirectory`,
        else the copier.yml's own folder; "" for the repository's root): the root of each
        project they generate, where the files they do not render are copied as they are."""
        return frozenset(
            (template.folder + template.subdirectory).rstrip("/")
            for template in copier_templates(self.listed_sizes, self.load_yaml)
        )

    @cached_property
    def template_files(self) -> list[str]:
        """The files a template renders, as committed (`rendered_files`)."""
        return list(self.rendered_files)

    @cached_property
    def rendered_code(self) -> list[str]:
        """A template's rendered Python files and notebooks: the code of the projects it
        generates, which the template repository is to test."""
        return [
            rel for rel, name in self.rendered_files.items() if name.endswith((".py", ".ipynb"))
        ]

    @cached_property
    def non_python_code(self) -> OtherCode | None:
        """When the repository holds no Python (no `.py` file, notebook of a Python kernel
        or rendered code: a Julia or an R kernel's notebooks are that language's code),
        its code in other languages and what declares and locks it; None otherwise."""
        return None if self.has_python else other_code(self.files)

    @cached_property
    def has_python(self) -> bool:
        """Whether the repository holds Python: a `.py` file, a notebook of a Python
        kernel or rendered code."""
        return bool(self.python_files or self.python_notebooks or self.rendered_code)

    @cached_property
    def lints_python(self) -> bool:
        """Whether CI's linters (Python's) have code to lint: Python code, or no code in
        another language either (a repository of CI files alone is still judged); not a
        Julia package with its Julia-kernel notebooks."""
        other = self.non_python_code
        return other is None or not other.languages

    @cached_property
    def python_notebooks(self) -> list[str]:
        """The notebooks of a Python kernel, or of one they do not name: not a Julia or an
        R kernel's, whose cells are that language's code."""
        return [
            rel
            for rel, document in self.notebooks.items()
            if notebook_language(document) in ("", "python")
        ]

    @cached_property
    def template_notebooks(self) -> dict[str, dict[str, Any]]:
        """A template's notebooks (`{{ cookiecutter.name }}/notebooks/eda.ipynb`), as
        committed: every project it generates starts with their cells, counts and
        outputs. One the template fills in (Jinja in its JSON) is not read."""
        found = {}
        for rel, name in self.rendered_files.items():
            if name.endswith(".ipynb"):
                try:
                    document = json.loads(self.text(rel) or "")
                except (ValueError, RecursionError):
                    continue
                if isinstance(document, dict):
                    found[rel] = document
        return found

    @cached_property
    def template_code(self) -> list[str]:
        """A template's Python files but its tests (`rendered_code`): the code every project
        it generates starts with."""
        return [
            rel
            for rel in self.rendered_code
            if rel.endswith(".py") and not is_test_path(self.rendered_files[rel])
        ]

    @cached_property
    def template_dockerfiles(self) -> list[Dockerfile]:
        """A template's Dockerfiles (`{{ cookiecutter.name }}/Dockerfile`): the images of
        the projects it generates, parsed as the template writes them. The Jinja is not
        rendered: both branches of an `{% if %}` are read, each `FROM` a stage."""
        return [
            Dockerfile(rel, tuple(parse_dockerfile(self.text(rel) or "")))
            for rel, name in self.rendered_files.items()
            if DOCKERFILE_NAME.match(name.rsplit("/", 1)[-1])
        ]

    @property
    def grep_searches(self) -> dict[frozenset[bytes] | str, tuple[str, ...]]:
        """Every search the checks declared -> where it is searched."""
        return CONTENT_HINTS

    @property
    def on_demand_searches(self) -> set[frozenset[bytes] | str]:
        """The searches declared `on_demand` (`content_hints`)."""
        return ON_DEMAND

    @property
    def only_within_searches(self) -> set[str]:
        """The patterns declared `only_within` (`line_hint`)."""
        return ONLY_WITHIN

    @property
    def line_shapes(self) -> dict[frozenset[bytes], tuple[str, ...]]:
        """The lines that matter of the groups searched in every file (`content_hints`)."""
        return LINE_SHAPES

    def recognised(self, recognisers: tuple[Recogniser, ...]) -> list[tuple[Recogniser, str]]:
        """Each tool of a table that the repository uses, with a file that shows it.

        Code is searched in source files and notebooks, never in tests (a test may mock a
        tracker or a platform the project does not use).
        """
        found: list[tuple[Recogniser, str]] = []
        for recogniser in recognisers:
            paths, code = recogniser.path_pattern, recogniser.code_pattern
            if paths is not None:
                found += [(recogniser, rel) for rel in self.files if paths.search(rel)]
            if code is None:
                continue
            if recogniser.modules:
                importers = {rel for m in recogniser.modules for rel in self.imports.get(m, [])}
                found += [
                    (recogniser, rel)
                    for rel in sorted(importers)
                    if recogniser.import_is_evidence
                    or self._shows(recogniser, code, rel)
                    or self._imports_show(recogniser, rel)
                ]
                found += [
                    (recogniser, rel)
                    for rel in self.notebooks
                    if self._cells_show(recogniser, code, rel)
                ]
                continue
            readable = re.compile(recogniser.files)
            for rel in self.files_containing(recogniser.hint_group):
                if (
                    readable.search(rel)
                    and not is_test_path(rel)
                    and self._shows(recogniser, code, rel)
                ):
                    found.append((recogniser, rel))
        return found

    def _shows(self, recogniser: Recogniser, code: re.Pattern[str], rel: str) -> bool:
        """Whether the file's text matches a recogniser's `code`, searched once per file
        for every view sharing `_evidence` (a monorepo's root and the project holding it),
        and only when it holds one of the recogniser's `literals`."""
        key = (code.pattern, os.path.join(self.root, rel), "text")
        if key not in self._evidence:
            self._evidence[key] = _holds_match(recogniser, code, [self.text(rel) or ""])
        return self._evidence[key]

    def _imports_show(self, recogniser: Recogniser, rel: str) -> bool:
        """Whether a module of the repository that `rel` imports matches the recogniser's
        `in_imports` (a Streamlit page whose helper loads the model): the modules it
        imports itself, read once per page for every view sharing the cache, each module
        searched once (pages share helpers) and only when it holds one of the `literals`."""
        pattern = recogniser.in_imports_pattern
        if pattern is None or is_test_path(rel):
            return False
        key = (pattern.pattern, os.path.join(self.root, rel), "imports")
        if key not in self._evidence:
            modules = self.own_modules
            text = self.text(rel) or ""
            if not _may_import_own(text, modules):  # not worth a parse
                self._evidence[key] = False
                return False
            named = modules.named_in(self._in_modules(rel), text)
            if not any(self._shows(recogniser, pattern, self._in_view(m)) for m in named):
                self._evidence[key] = False  # no module it can import shows: no parse
                return False
            tree = self.syntax_tree(rel)
            imported = modules.imported_by(self._in_modules(rel), tree) if tree else set()
            self._evidence[key] = any(
                self._shows(recogniser, pattern, self._in_view(m)) for m in imported
            )
        return self._evidence[key]

    def _cells_show(self, recogniser: Recogniser, code: re.Pattern[str], rel: str) -> bool:
        """Whether a code cell of the notebook matches a recogniser's `code` (once per
        notebook, like `_shows`)."""
        key = (code.pattern, os.path.join(self.root, rel), "cells")
        if key not in self._evidence:
            self._evidence[key] = _holds_match(recogniser, code, self.code_sources(rel))
        return self._evidence[key]

    def code_sources(self, rel: str) -> list[str]:
        """The sources of a notebook's code cells, joined once for every view sharing the
        cache (each recogniser and the training search read them)."""
        path = os.path.join(self.root, rel)
        if path not in self._code_sources:
            self._code_sources[path] = [source for _, source in code_cells(self.notebooks[rel])]
        return self._code_sources[path]

    @cached_property
    def _evidence(self) -> dict[tuple[str, str, str], bool]:
        """(pattern's text, absolute path, "text" or "cells") -> whether the file's text or
        a notebook's code cell matches: shared like `_texts`. Keyed by the text, whose
        pattern is compiled only when a file holds one of its literals."""
        return {}

    @cached_property
    def _code_sources(self) -> dict[str, list[str]]:
        """Absolute path -> a notebook's code cells: shared like `_texts`."""
        return {}

    @cached_property
    def service_files(self) -> list[str]:
        """Source files (not tests) that import a web framework or run on a serving
        platform (Lambda, an Azure ML scoring script, Ray Serve, BentoML, KServe...), and
        the programs that score a message stream (`stream_scorers`)."""
        found = set(self.web_apps) | set(self.stream_scorers)
        found |= {rel for _, rel in self._platforms if not rel.endswith(".ipynb")}
        return sorted(found)

    @cached_property
    def stream_scorers(self) -> list[str]:
        """Programs (modules run as `__main__`) that read a message stream, themselves or
        through the repository's modules they import (a Kafka consumer, confluent-kafka's
        `Consumer`, Spark's `readStream` of a topic, RabbitMQ's `basic_consume`, a chat
        bot's long polling, whose module is the program wherever the call is), and
        load or run a model on what they read (`.predict(`): an online service that no
        request reaches, as a Lambda a stream triggers is. A program that fits a model
        itself is a training job, not a service."""
        sources = [
            rel
            for rel in self.files_containing(STREAM_SOURCE_HINTS)
            if rel.endswith(".py")
            and not is_test_path(rel)
            and STREAM_SOURCE.search(self.text(rel) or "")
        ]
        if not sources:
            return []
        stems = {rel.rpartition("/")[2].removesuffix(".py") for rel in sources}
        found = []
        for rel in self.source_files:
            content = (self.text(rel) or "") if rel.endswith(".py") else ""
            if is_test_path(rel):
                continue
            if not MAIN_BLOCK.search(content) and not CHAT_BOT_POLLING.search(content):
                continue
            if rel not in sources and not any(stem in content for stem in stems):
                continue  # imports none of the modules that read a stream
            if TRAINING_CODE.search(content):
                continue
            closure = self.modules_run_by([rel])
            if set(closure) & set(sources) and uses_a_model(closure, self.text):
                found.append(rel)
        return found

    @cached_property
    def web_apps(self) -> list[str]:
        """Source files (not tests) that import a web framework (FastAPI, Flask...), and
        Django's view modules (`DJANGO_VIEW`): apps whose own code answers the requests."""
        found = {rel for name in SERVICE_FRAMEWORKS for rel in self.imports.get(name, [])}
        found |= {
            rel
            for name in DJANGO_MODULES
            for rel in self.imports.get(name, [])
            if DJANGO_VIEW.search(content := self.text(rel) or "") and DEFINITION.search(content)
        }
        return sorted(found)

    @cached_property
    def service_code(self) -> list[str]:
        """The code the services run: `serving_path`, and the programs the repository's
        images start (a consumer's loop) with the modules they import."""
        return service_code(
            self.serving_path, self.dockerfiles, self.file_set, self.text, self.modules_run_by
        )

    @cached_property
    def service_uses_a_model(self) -> bool:
        """Whether a serving platform serves the model (Triton, KServe, a SageMaker
        inference script) or the code the services run loads or runs one (`joblib.load(`,
        `.predict(`). A function handler (`def handler(event, context)`) runs whatever
        code it is given, as a web app does: its code must show the model."""
        general = {*self.web_apps, *self.function_handlers}
        platform = any(rel not in general for rel in self.service_files)
        return platform or uses_a_model(self.service_code, self.text)

    @cached_property
    def function_handlers(self) -> list[str]:
        """The function handlers among the services (`def *handler(event, context)`: an
        AWS Lambda's, a background Cloud Function's)."""
        return [rel for r, rel in self._platforms if r.name == LAMBDA_HANDLER]

    @cached_property
    def model_services(self) -> list[str]:
        """`service_files` but the functions a schedule runs (`scheduled_functions`) and
        Azure ML batch deployments' scoring scripts (`batch_scoring_scripts`): batch jobs,
        unless every service is a web app or a function handler whose code neither loads
        nor runs a model nor names one and does other work (a viewer of a run's saved
        tensors, an HTTP trigger or a bucket's event that starts a pipeline): such an app
        serves no model."""
        batch = {*self.scheduled_functions, *self.batch_scoring_scripts}
        online = [rel for rel in self.service_files if rel not in batch]
        if not online:
            return []
        if self.service_uses_a_model or not serves_no_model(self.service_code, self.syntax_tree):
            return online
        return []

    @cached_property
    def own_modules(self) -> OwnModules:
        """The repository's Python modules by name, to follow imports: a subview shares its
        repository's, so a project's imports reach its sibling projects."""
        return OwnModules.of(str(self.root), self.source_files, self.files)

    @cached_property
    def serving_path(self) -> list[str]:
        """The service files and every module of the repository they import, directly or
        not: the code a service runs (not a file that hands the model to a tool's own
        server). Paths are relative to this view, so a sibling project's module reads
        `../model/pkg/predict.py`."""
        handing = {rel for recogniser, rel in self._platforms if recogniser.hands_over}
        served = [rel for rel in self.service_files if rel not in handing]
        if any(recogniser.runs_pyfunc for recogniser, _ in self._platforms):
            served += [rel for rel in self.pyfunc_models if rel not in served]
        return self._with_imports(served)

    @cached_property
    def pyfunc_servers(self) -> list[str]:
        """The files that start or build a server of MLflow's for a logged pyfunc model
        (`mlflow models serve` in a script or a README, `build-docker`, ZenML's MLflow
        deployer): the server loads the model with MLflow's own loader."""
        return [rel for recogniser, rel in self._platforms if recogniser.runs_pyfunc]

    @cached_property
    def pyfunc_models(self) -> list[str]:
        """Source modules (not tests) that define an MLflow pyfunc model's own code, a
        `PythonModel` subclass: MLflow's server runs its `load_context` and `predict`."""
        return [
            rel
            for rel in self.files_containing(PYFUNC_HINTS)
            if rel.endswith(".py")
            and not is_test_path(rel)
            and PYFUNC_CLASS.search(self.text(rel) or "")
        ]

    def modules_run_by(self, started: list[str]) -> list[str]:
        """`started` (modules of this view) and every module of the repository they
        import, directly or not: the code a program or a service runs."""
        return self._with_imports(started)

    def names_taken(self, rel: str) -> dict[str, frozenset[str] | None]:
        """The repository's modules the module `rel` imports -> the names it takes from
        each, None for a module imported itself (`OwnModules.taken_from`); paths relative
        to this view, as `serving_path` gives them."""
        tree = self.syntax_tree(rel)
        if tree is None:
            return {}
        taken = self.own_modules.taken_from(self._in_modules(rel), tree)
        return {self._in_view(module): names for module, names in taken.items()}

    def _with_imports(self, started: list[str]) -> list[str]:
        """`started` and every module of the repository they import, directly or not,
        relative to this view (a sibling project's module reads `../model/pkg/x.py`)."""
        starts = [self._in_modules(rel) for rel in started]
        reached = self.own_modules.closure(starts, lambda rel: self.syntax_tree(self._in_view(rel)))
        return [self._in_view(rel) for rel in reached]

    @cached_property
    def _modules_to_view(self) -> str:
        """This view's folder relative to `own_modules`' root ("." at the repository's)."""
        return os.path.relpath(self.root, self.own_modules.root)

    def _in_modules(self, rel: str) -> str:
        """A path of this view as `own_modules` names it (from the repository's root)."""
        return posixpath.normpath(posixpath.join(self._modules_to_view, rel))

    def _in_view(self, rel: str) -> str:
        """A path `own_modules` names, relative to this view (`../model/x.py` for a
        sibling project's module)."""
        return posixpath.relpath(rel, self._modules_to_view)

    @cached_property
    def run_modules(self) -> list[str]:
        """The Python modules a pipeline runs: those CI jobs and tasks start (`python
        gate.py`, `python -m src.gate`), the orchestrators' modules (Airflow DAGs...), and
        every module of the repository they import."""
        commands = (*self.commands.ci, *self.commands.from_tasks)
        started = {rel for c in commands if (rel := own_program(c, self.file_set))}
        orchestrated = {rel for _, rel in self.orchestrated_pipelines}
        started |= orchestrated
        started |= {rel for start in orchestrated for rel in self._modules_named(start)}
        return self._with_imports(sorted(started))

    @cached_property
    def tested_modules(self) -> list[str]:
        """The Python modules a CI job or a task hands a test runner by name (`pytest
        evaluate.py`, `python -m pytest app/checks.py`), whatever their names: the runner
        collects their tests (`tested_module` finds them)."""
        commands = (*self.commands.ci, *self.commands.from_tasks)
        found = (tested_module(command, self.file_set) for command in commands)
        return list(dict.fromkeys(rel for rel in found if rel is not None))

    def _modules_named(self, rel: str) -> list[str]:
        """The repository's modules an orchestrator's module starts by name in its string
        literals, as a task does (`["python", "-m", "src.models.train"]`, `"python
        scripts/train.py"`): a pipeline runs them though it does not import them."""
        tree = self.syntax_tree(rel)
        if tree is None:
            return []
        found = []
        for node in walked(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            for name in started_modules(node.value):
                path = name if name.endswith(".py") else name.replace(".", "/") + ".py"
                package = path.removesuffix(".py") + "/__init__.py"
                found += [p for p in (path, package) if p in self.file_set]
        return found

    @cached_property
    def back_end_files(self) -> list[str]:
        """`service_files` but those only a front end (Streamlit) or a document (a
        README's `mlflow models serve`) makes a service: what makes a repository an
        application."""
        front = {rel for r, rel in self._platforms if r.front_end or r.documented}
        back = {rel for r, rel in self._platforms if not (r.front_end or r.documented)}
        web_apps = set(self.web_apps)
        return [rel for rel in self.service_files if rel not in front or rel in back | web_apps]

    @cached_property
    def event_triggered(self) -> list[str]:
        """The function handlers among `back_end_files` whose code (the handler's module and
        the modules it imports) reads what an event source delivers (`event["Records"]` of
        a Kinesis stream, a queue or a bucket; a Pub/Sub message's `event["data"]`), the
        `scheduled_functions` and the `invoked_functions`: nothing calls them over HTTP.
        The handlers are the function-handler recogniser's (`def *handler(event,
        context)`): an AWS Lambda's, and a background Cloud Function's, which takes the
        same two arguments. So are the `stream_scorers`, which read their messages
        themselves."""
        handlers = self.function_handlers
        back = set(self.back_end_files)
        unpolled = {*self.scheduled_functions, *self.invoked_functions}
        triggered = [
            rel
            for rel in handlers
            if rel in back
            and (
                rel in unpolled
                or any(EVENT_RECORDS.search(self.text(m) or "") for m in self.modules_run_by([rel]))
            )
        ]
        return [*triggered, *(rel for rel in self.stream_scorers if rel in back)]

    @cached_property
    def http_functions(self) -> list[str]:
        """The function handlers among `back_end_files` of a repository that routes HTTP
        requests to its functions (an API Gateway, a Function URL, an `http` event), but
        the `event_triggered`, whose code (the handler's module and the modules it imports)
        loads, runs or names a model: each may be what a route reaches to predict, and AWS
        answers no health check for it. One that starts a job serves no model."""
        if not self.function_handlers or not self.files_containing(FUNCTION_ROUTES):
            return []
        back, unpolled = set(self.back_end_files), set(self.event_triggered)
        found = []
        for rel in self.function_handlers:
            code = self.modules_run_by([rel]) if rel in back and rel not in unpolled else []
            if code and (
                uses_a_model(code, self.text) or not serves_no_model(code, self.syntax_tree)
            ):
                found.append(rel)
        return found

    @cached_property
    def modelless_functions(self) -> list[str]:
        """The function handlers among `back_end_files` whose code (the handler's module and
        the modules it imports) neither loads, runs nor names a model and does other work
        (a CloudFormation custom resource's handler, one that starts a pipeline): beside a
        platform that serves the model, they serve none of their own."""
        back = set(self.back_end_files)
        found = []
        for rel in self.function_handlers:
            code = self.modules_run_by([rel]) if rel in back else []
            if (
                code
                and not uses_a_model(code, self.text)
                and serves_no_model(code, self.syntax_tree)
            ):
                found.append(rel)
        return found

    @cached_property
    def invoked_functions(self) -> list[str]:
        """The function handlers (`def *handler(event, context)`) of a repository that
        routes no HTTP request to any function (no API Gateway, Function URL or `http`
        event) and invokes its functions directly (`aws lambda invoke`, boto3's
        `invoke(FunctionName=...)`, outside tests): called by their caller, polled by
        nothing."""
        handlers = self.function_handlers
        if not handlers or self.files_containing(FUNCTION_ROUTES):
            return []
        invoking = (
            rel for rel in self.files_containing(FUNCTION_INVOCATIONS) if not is_test_path(rel)
        )
        invoked = any(FUNCTION_INVOCATION.search(self.text(rel) or "") for rel in invoking)
        return handlers if invoked else []

    @cached_property
    def scheduled_functions(self) -> list[str]:
        """The function handlers (`def *handler(event, context)`) of a repository whose
        infrastructure starts functions on a schedule or from a workflow's state machine
        (EventBridge Scheduler, Step Functions, SAM's `Schedule` events) and routes no HTTP
        request to any (no API Gateway, Function URL or `http` event): batch jobs that
        score what they find, not services anyone calls."""
        handlers = self.function_handlers
        if not handlers or not self.files_containing(FUNCTION_SCHEDULERS):
            return []
        return [] if self.files_containing(FUNCTION_ROUTES) else handlers

    @cached_property
    def managed_endpoints(self) -> list[tuple[str, str, bool]]:
        """(platform, file, whether it deploys) for each file, a notebook too, that holds a
        cloud platform's managed online endpoint: its entry point (a SageMaker inference
        script, an Azure ML scoring script) or its deployment (`model.deploy(...)`, an
        online deployment's spec): `recognisers.MANAGED_ENDPOINTS`."""
        found = []
        for recogniser, rel in self._platforms:
            if recogniser.name in MANAGED_ENDPOINTS:
                platform, deploys = MANAGED_ENDPOINTS[recogniser.name]
                found.append((platform, rel, deploys))
        return found

    @cached_property
    def batch_scoring_scripts(self) -> list[str]:
        """Azure ML scoring scripts whose `run` takes a mini-batch (`def run(mini_batch)`):
        a batch deployment's contract, a job that scores the files it is given, not a
        service anyone calls."""
        scripts = [rel for r, rel in self._platforms if r.name == AZURE_ML_SCORING]
        return [rel for rel in scripts if AZURE_ML_BATCH_RUN.search(self.text(rel) or "")]

    @cached_property
    def _platforms(self) -> list[tuple[Recogniser, str]]:
        found = [
            (recogniser, rel)
            for recogniser, rel in self.recognised(SERVICES)
            if recogniser.name != AZURE_HTTP_FUNCTION or self._runs_a_model(rel)
        ]
        v1 = AZURE_ML_V1_SERVICES
        if any(r.name in v1 for r, _ in found) and self._v1_without_insights:
            # the v1 web service keeps no metrics: nothing enabled them
            return [
                (replace(r, gives=r.gives - {"MON002"}) if r.name in v1 else r, rel)
                for r, rel in found
            ]
        return found

    def _runs_a_model(self, rel: str) -> bool:
        """Whether a module, or one of the repository's it imports, loads or runs a model
        (`joblib.load(`, `.predict(`): an Azure Functions HTTP trigger that does serves it,
        one that relays to an endpoint serves none of its own."""
        return rel.endswith(".py") and uses_a_model(self.modules_run_by([rel]), self.text)

    @cached_property
    def _v1_without_insights(self) -> bool:
        """Whether the repository deploys Azure ML v1 web services (ACI, AKS), none of
        its deployments enables Application Insights, where their metrics would go, and
        no online endpoint (v2) serves a scoring script with Azure Monitor's metrics."""
        texts = azure_ml_v1_deployments(self.files_containing, self.text)
        return bool(texts) and not any(
            APP_INSIGHTS_ENABLED.search(t) or AZURE_ML_ONLINE_ENDPOINT.search(t) for t in texts
        )

    @cached_property
    def platform_covers(self) -> dict[str, tuple[str, ...]]:
        """For each check a serving platform satisfies by itself, the folders of the code
        it serves (`dir/`, "" for the root) and the modules that code imports: a platform
        answers for the services beside it, not for a Flask app in another folder. A front
        end's server (Streamlit's health route) answers for its own page only, not for an
        API beside it."""
        covers: dict[str, set[str]] = {}
        for recogniser, rel in self._platforms:
            folder = posixpath.dirname(rel)
            alone = recogniser.front_end or recogniser.documented
            served = {rel if alone else f"{folder}/" if folder else ""}
            if (
                recogniser.gives
                and rel.endswith(".py")
                and not (recogniser.front_end or recogniser.hands_over)
            ):
                # the modules the platform's service imports run inside it (a response
                # class in a sibling folder importing Starlette is no service of its own)
                served |= set(self.modules_run_by([rel]))
            for check in recogniser.gives:
                covers.setdefault(check, set()).update(served)
        return {check: tuple(sorted(folders)) for check, folders in covers.items()}

    @cached_property
    def own_model_servers(self) -> list[str]:
        """The repository's own model servers beside a serving platform: web apps and
        programs its images start (not a Streamlit or Gradio page), outside the folders a
        platform serves, whose code loads a model artefact itself; not a relay that
        forwards requests to the platform's endpoint, nor the container the platform runs.
        The platform's health route and metrics do not answer for them."""
        covers = self.platform_covers
        covered = tuple(dict.fromkeys(f for c in HEALTH_AND_METRICS for f in covers.get(c, ())))
        pages = {rel for module in ("streamlit", "gradio") for rel in self.imports.get(module, ())}
        started = image_services(self.dockerfiles, self.file_set, self.text)
        apps = [rel for rel in self.back_end_files if rel in self.web_apps]
        entries = [*apps, *(rel for rel in started if rel not in pages)]
        steps = {rel for _, rel in self.orchestrated_pipelines}
        return own_model_servers(entries, covered, self.text, self.modules_run_by, steps)

    @cached_property
    def platform_gives(self) -> frozenset[str]:
        """The checks the serving platforms in use satisfy by themselves (a health route,
        a metrics endpoint, the image and its serving environment)."""
        return frozenset(check for recogniser, _ in self._platforms for check in recogniser.gives)

    @cached_property
    def buildpack_apps(self) -> list[str]:
        """Where a buildpack platform is told how to run the app, which it builds into an
        image of its own: a Procfile with a `web:` process (Heroku, Dokku, Scalingo) or a
        render.yaml web service on a native runtime (`env: python`, `runtime: python`;
        `docker` builds the repository's Dockerfile), or a Hugging Face Space's README
        whose front matter names a Gradio or Streamlit SDK (`sdk: gradio`: the Space builds
        the image; `sdk: docker` builds the repository's Dockerfile)."""
        found = [
            rel
            for rel in self.matching(PROCFILE, hint="procfile")
            if WEB_PROCESS.search(self.text(rel) or "")
        ]
        found += [
            rel
            for rel in self.matching(README_PATH, hint="readme")
            if SPACE_SDK.search(_front_matter(self.text(rel) or ""))
        ]
        for rel in self.matching(RENDER_BLUEPRINT, hint="render"):
            document = self.load_yaml(rel)
            services = document.get("services") if isinstance(document, dict) else None
            if any(map(_native_web_service, services if isinstance(services, list) else ())):
                found.append(rel)
        return found

    @cached_property
    def bento_requirements(self) -> list[Requirement]:
        """The packages BentoML's build files list (`python: packages:`), as requirements
        at their lines: `bentoml build` installs them as written."""
        return bento_requirements(self.bento_files, self.load_yaml, self.text)

    @cached_property
    def bento_files(self) -> list[str]:
        """BentoML's build files (`bentofile.yaml`): `bentoml build` packs the service
        and `bentoml containerize` makes its image, with no Dockerfile of the repository's."""
        return self.matching(BENTO_FILE, hint="bentofile")

    @cached_property
    def trackers(self) -> list[str]:
        """How runs are tracked: `Tool (file)` for each tracker in use, DVC metrics first.
        A tracker used only by an app (a web service or a Streamlit/Gradio page, or a
        module of the code a service runs, `serving_path`, when none of that code trains:
        its prediction service) that trains nothing, and that no training code imports,
        records no experiment: it reads the registry or logs requests."""
        tracks = _dvc_tracks(self.dvc_yaml, self._kept_by_git)
        found = ["DVC metrics (dvc.yaml)"] if tracks else []
        apps = {rel for module in APP_MODULES for rel in self.imports.get(module, [])}
        training = set(self.training_files)
        served = set(self.serving_path)
        if not training & served:  # a service that trains keeps its runs
            training_modules = [rel for rel in self.training_files if rel.endswith(".py")]
            apps |= served - set(self.modules_run_by(training_modules))
        return (
            found
            + [
                f"{r.name} ({rel})"
                for r, rel in self.recognised(TRACKERS)
                if (rel not in apps or rel in training)
                and (r.name not in RUN_KEEPERS or rel in training)
                and self._imports_as_code(r, rel)
            ]
            + self._trainer_default_reports
        )

    def _imports_as_code(self, recogniser: Recogniser, rel: str) -> bool:
        """Whether a module found importing a recogniser's module imports it in its code, not
        only in a string (old code kept between triple quotes is commented out). A module
        that does not parse is given the benefit of the doubt."""
        modules = set(recogniser.modules)
        if not any(rel in self.imports.get(module, ()) for module in modules):
            return True  # found by its code or a notebook's cells, not an import line
        tree = self.syntax_tree(rel)
        return tree is None or bool(imported(tree) & modules)

    def _kept_by_git(self, rel: str) -> bool:
        """Whether git holds a file the project writes: committed, or not ignored."""
        return rel in self.file_set or not self.git_ignores(rel)

    @property
    def _trainer_default_reports(self) -> list[str]:
        """A Hugging Face Trainer left to transformers 4's `report_to` default ("all": every
        tracker integration installed), where the project declares transformers below 5 and
        a tracker's package (`tensorboard`): `Transformers Trainer default report_to (file:
        tensorboard)`. Transformers 5 reports to none by default."""
        modules = ("transformers", "trl", "setfit", "sentence_transformers")
        files = sorted({rel for module in modules for rel in self.imports.get(module, [])})
        trainer = next((rel for rel in files if _reports_by_default([self.text(rel) or ""])), None)
        trainer = trainer or next(
            (rel for rel in self.notebooks if _reports_by_default(self.code_sources(rel))), None
        )
        if trainer is None:
            return []
        declared = declared_dependencies(self)
        integrations = default_integrations((*declared.train, *declared.serve, *declared.dev))
        if not integrations:
            return []
        return [f"Transformers Trainer default report_to ({trainer}: {', '.join(integrations)})"]

    @cached_property
    def pipelines(self) -> list[str]:
        """Declared pipelines: dvc.yaml stages (the root's, or a folder's), a Kedro project,
        and every framework of recognisers.PIPELINES (Airflow, Prefect, ZenML, Azure ML,
        Snakemake...)."""
        found = ["DVC (dvc.yaml)"] if self.dvc_yaml.get("stages") else []
        found += [f"DVC ({rel})" for rel in self._nested_dvc_pipelines]
        # A Kedro project's registry of pipelines is followed to the training like an
        # orchestrator's code (orchestrated_pipelines); without one, `[tool.kedro]` says it.
        if table(self.pyproject, "tool", "kedro") and not self._kedro_pipelines:
            found.append("Kedro (pyproject.toml)")
        found += [f"{r.name} ({rel})" for r, rel in self._pipeline_tools]
        found += self._ci_pipelines()
        ci_commands = self.commands.ci
        found += ci_step_pipelines(self.ci_files, self.workflows, ci_commands, self.file_set)
        found += chained_workflows(self.workflows, ci_commands, self.file_set)
        return found + self._stage_runners()

    @cached_property
    def _nested_dvc_pipelines(self) -> list[str]:
        """The dvc.yaml files below the root that declare stages (`training/pipeline/
        dvc.yaml`, run by `dvc repro` there: DVC reads every dvc.yaml of its repository),
        not in a folder of examples, tests or documentation."""
        found = []
        for rel in self.files:
            if not rel.endswith("/dvc.yaml") or SHOWN_OR_TESTED.search(rel):
                continue
            document = self.load_yaml(rel)
            if isinstance(document, dict) and document.get("stages"):
                found.append(rel)
        return found

    def _stage_runners(self) -> list[str]:
        """Programs that run named stages from a registry, one of which trains
        (`STAGES = {"prepare": prepare, "train": train}` looked up by name)."""
        found = []
        for rel in self.files_matching(STAGE_REGISTRY_LINE):
            tree = self.syntax_tree(rel) if rel in self.source_files else None
            # Asked only once a registry is found: listing the training files costs.
            trains = partial(self.training_files.__contains__, rel)
            registry = stage_registry(tree, trains) if tree is not None else None
            if registry is not None:
                line, stages = registry
                found.append(f"stage runner ({rel}:{line} {', '.join(stages)})")
        for rel in self.files_matching(STAGE_MENU_LINE):
            offers = rel in self.source_files and may_offer_all_stages(self.text(rel) or "")
            tree = self.syntax_tree(rel) if offers else None
            menu = stage_menu(tree) if tree is not None else None
            if menu is not None:
                line, stages = menu
                found.append(f"stage runner ({rel}:{line} {', '.join(stages)})")
        return found + self._job_graphs()

    def _job_graphs(self) -> list[str]:
        """Declarative job files where a step depends on a step named for training
        (Terraform's Databricks job `depends_on { task_key = "Train" }`, a job spec's
        `depends_on: [train]`), whatever the tool: the declared order of work is the
        pipeline. CI files are read by the CI rules."""
        found = []
        ci = set(self.ci_files)
        for rel in self.files_matching(DEPENDS_ON_LINE):
            content = self.text(rel) if rel not in ci else None
            graph = steps_after_training(rel, content) if content else None
            if graph is not None:
                line, step = graph
                found.append(f"job graph ({rel}:{line} after {step})")
        return found

    @cached_property
    def _pipeline_tools(self) -> list[tuple[Recogniser, str]]:
        return self.recognised(PIPELINES)

    @cached_property
    def orchestrated_pipelines(self) -> list[tuple[str, str]]:
        """The pipelines an orchestrator's code declares (Airflow, Prefect...), as (tool,
        file): those `pipelines` shows as `Tool (file)`, which DATA004 follows to training."""
        found = [(r.name, rel) for r, rel in self._pipeline_tools if r.modules]
        return found + [("Kedro", rel) for rel in self._kedro_pipelines]

    @cached_property
    def _kedro_pipelines(self) -> list[str]:
        """A Kedro project's pipelines, the modules its registry registers: each
        `pipelines/<name>/pipeline.py` beside `pipeline_registry.py` (Kedro's
        `find_pipelines()` registers every one of them), and the registry itself."""
        found = []
        for recogniser, rel in self._pipeline_tools:
            if recogniser.name != "Kedro" or not rel.endswith("pipeline_registry.py"):
                continue
            folder = rel[: -len("pipeline_registry.py")] + "pipelines/"
            found += [rel] + [
                path
                for path in sorted(self.file_set)
                if path.startswith(folder)
                and path.endswith("/pipeline.py")
                and path[len(folder) :].count("/") == 1
            ]
        return found

    @cached_property
    def missing_stage_scripts(self) -> list[tuple[int | None, str]]:
        """The Python scripts dvc.yaml's stages run that the repository lacks, as (line,
        script)."""
        return missing_stage_scripts(self.dvc_yaml, self.commands.from_tasks, self.file_set)

    @cached_property
    def dvc_stage_scripts(self) -> list[str] | None:
        """The Python modules the root dvc.yaml's stages run when no stage is named for
        training (None when one is, or when they cannot be told: see `dvc_stage_scripts`)."""
        return dvc_stage_scripts(self.dvc_yaml, self.commands.from_tasks, self.file_set)

    @cached_property
    def pipeline_training_steps(self) -> list[str]:
        """Orchestrators' pipelines that declare a step of the tool's own training type
        (recognisers.PIPELINES' `trains`: SageMaker's `TrainingStep(`, Vertex's
        `CustomTrainingJobOp`), as `Tool (file:line TrainingStep)`."""
        found = []
        for recogniser, rel in self._pipeline_tools:
            pattern = recogniser.trains_pattern
            content = self.text(rel) if pattern is not None and rel.endswith(".py") else None
            step = pattern.search(content) if pattern is not None and content else None
            if content and step:
                line = content.count("\n", 0, step.start()) + 1
                found.append(f"{recogniser.name} ({rel}:{line} {step.group(0).rstrip('( ')})")
        return found

    def _ci_pipelines(self) -> list[str]:
        """CI pipelines that declare the training as a stage among others: GitLab CI jobs
        in two or more stages, Azure Pipelines jobs in two or more stages or linked by
        `dependsOn:`, CircleCI jobs linked by a workflow's `requires:` (a job named for
        training trains), or GitHub Actions jobs linked by `needs:`, one of whose
        scripts trains (`python train.py`). Steps of one job, run in sequence, declare
        no stages (as a shell script that runs them does not)."""
        found = []
        scripts: dict[Any, Any]
        for rel in self.ci_files:
            # Only a CI file named as YAML is YAML: a Jenkinsfile is Groovy.
            document = self.load_yaml(rel) if rel.endswith((".yml", ".yaml")) else None
            if not isinstance(document, dict):
                continue
            if rel.endswith(".gitlab-ci.yml"):
                jobs = {k: v for k, v in document.items() if isinstance(v, dict) and "script" in v}
                linked = len({str(job.get("stage", "test")) for job in jobs.values()}) >= 2
                scripts = {name: job.get("script") for name, job in jobs.items()}
            elif AZURE_PIPELINE.search(rel) or is_azure_pipeline(document):
                linked, scripts = _azure_jobs(document)
            elif rel.startswith(".circleci/"):
                linked, scripts = _circleci_jobs(document)
            else:
                table = document.get("jobs")
                jobs = (
                    {k: v for k, v in table.items() if isinstance(v, dict)}
                    if isinstance(table, dict)
                    else {}
                )
                linked = any(job.get("needs") for job in jobs.values())
                scripts = {
                    name: [
                        step.get("run") for step in job.get("steps") or [] if isinstance(step, dict)
                    ]
                    for name, job in jobs.items()
                }
            trains = next(
                (
                    name
                    for name, lines in scripts.items()
                    if TRAINING_SCRIPT.search(str(lines))
                    or self._ci_trains(rel, lines)
                    or (rel.startswith(".circleci/") and TRAINING_NAME.search(name))
                ),
                None,
            )
            if linked and trains:
                found.append(f"CI pipeline ({rel}: job {trains})")
        return found

    def _ci_trains(self, rel: str, lines: object) -> bool:
        """Whether a CI job's shell texts (`lines`) lead to a program named for training,
        through the task runners and job specs they start (`az ml job create -f train.yml`)."""
        listed = lines if isinstance(lines, list) else [lines]
        texts = {line for line in listed if isinstance(line, str)}
        return any(
            command.chain[0].path == rel
            and command.chain[0].text in texts
            and names_training(command)
            for command in self.commands.ci
        )

    @cached_property
    def deployment_evidence(self) -> list[str]:
        """Signs the model is meant to be served: a service, an image, a deployment
        manifest (compose, Kubernetes, Helm, serverless, Procfile), a serving dependency set
        (one named for prediction or scoring alone, `predict`, says the model predicts, as
        a batch job does, not that it is served)."""
        found = [*self.service_files, *(d.path for d in self.dockerfiles)]
        found += self.matching(DEPLOYMENT_FILE) + self.planned_deployment
        return found + [
            name
            for name in self.dependency_sets
            if is_serving_set(name) and not BATCH_SET.fullmatch(name)
        ]

    @cached_property
    def planned_deployment(self) -> list[str]:
        """Deployment files committed with nothing in them (an empty `Dockerfile.serve`,
        `deployment.yaml` or `bentofile.yaml`, `hollow_files`): the model is meant to be
        deployed and nothing deploys it yet. They make the serving checks apply and pass
        none of them."""
        return [
            rel
            for rel in self.hollow_files
            if rel not in self.rendered_files
            and (
                DOCKERFILE_NAME.match(rel.rpartition("/")[2])
                or DEPLOYMENT_FILE.search(rel)
                or BENTO_FILE.search(rel)
            )
        ]

    @cached_property
    def image_evidence(self) -> list[str]:
        """The deployment evidence that asks for an image: all of it but a front end's own
        files (a Streamlit page runs with `streamlit run` or on its host's platform). A
        web app alone (a Flask or FastAPI app; no serving platform's code, image,
        manifest, serving dependency set, bentofile.yaml or ML platform environment) asks
        for one only when the README or CI says it is deployed (`deployed_by`): a Flask
        app run by hand on the author's machine is not shipped anywhere, while a Lambda
        handler or a scoring script exists to be deployed. A template's Dockerfile
        is evidence too: the projects it generates are built into that image; so is, where
        the repository has a service and no Dockerfile, a `docker build` written in its
        README, a script or a workflow (not commented out): the image it builds is meant.
        A README in another language is read in the English translation kept beside it."""
        templated = [dockerfile.path for dockerfile in self.template_dockerfiles]
        front = set(self.service_files) - set(self.back_end_files)
        found = [rel for rel in self.deployment_evidence if rel not in front]
        # the README's or a script's own `docker build` of the service: an image is meant
        if self.service_files and not self.dockerfiles:
            found += sorted({rel for rel, build in self.docker_builds if not build.commented})
        # A web framework's own server (LitServe's LitServer) is no platform that runs it.
        on_platform = {
            rel
            for recogniser, rel in self._platforms
            if not set(recogniser.modules) & set(SERVICE_FRAMEWORKS)
        }
        alone = set(found) <= set(self.web_apps) - on_platform
        built = self.bento_files or self.environment_images or "IMG001" in self.platform_gives
        if alone and not (self.deployed_by or self.deployed_in_translation or built):
            return templated
        return found + templated

    @cached_property
    def deployed_in_translation(self) -> str | None:
        """The English translation kept beside a README in another language (`README.en.md`)
        when it speaks of deploying the project, as `deployed_by` reads the README."""
        english = english_readme(self)
        return english if english and DEPLOY_STATEMENT.search(self.text(english) or "") else None

    @cached_property
    def deployed_by(self) -> str | None:
        """The README or CI file that speaks of deploying the project (deploy, production,
        Docker, Kubernetes, a hosting platform), or None."""
        texts = [self.readme] if self.readme else []
        for rel in [*texts, *self.ci_files]:
            if DEPLOY_STATEMENT.search(self.text(rel) or ""):
                return rel
        return None

    @cached_property
    def serving_evidence(self) -> list[str]:
        """The deployment evidence that says a model is served online: an image only when
        it exposes a port, starts a server (not a program of the repository no service runs,
        `python -m src.app`) or is built on AWS Lambda's base image (a job's image serves
        nothing, nor does a tool's, an MLflow server's whatever port it exposes:
        `image_roles`), a compose file only when it builds one of its services from the
        repository (one that starts an MLflow server or a database deploys nothing of the
        repository's own)."""
        images = {
            d.path
            for d in self.dockerfiles
            if not _serves(d) or self.image_roles[d.path] == TOOL or self._runs_a_job(d)
        }
        return [
            rel
            for rel in self.deployment_evidence
            if rel not in images
            and (not COMPOSE_FILE.search(rel) or self._compose_serves(rel))
            and (not MANIFEST_FILE.search(rel) or self._manifest_serves(rel))
        ]

    def _runs_a_job(self, dockerfile: Dockerfile) -> bool:
        """Whether the image, exposing no port, starts a program of the repository that
        no service runs (`CMD ["python3", "-m", "src.app"]`, `src/app.py` a batch job
        writing the night's predictions to a database): a module named "app" is no server
        by its name alone (one named for a server, `model_server.py`, still is)."""
        if any(i.keyword == "EXPOSE" for i in dockerfile.instructions) or not dockerfile.stages:
            return False
        commands = [
            i.arguments for i in dockerfile.stages[-1] if i.keyword in ("CMD", "ENTRYPOINT")
        ]
        if not commands or SERVER_COMMAND.search(re.sub(r"(?i)\bapp\b", "", commands[-1])):
            return False  # `serving/model_server.py`: named for a server, not only "app"
        context = self.build_contexts.get(dockerfile.path, "")
        programs = image_program(dockerfile, context, self.file_set)
        return bool(programs) and not set(programs) & set(self.serving_path)

    def _manifest_serves(self, rel: str) -> bool:
        """Whether a Kubernetes manifest may serve: it declares a kind that keeps running
        (a Deployment, a Service, an InferenceService...), or no kind at all (Helm values).
        A manifest of jobs and configuration only (an hourly CronJob that scores a file,
        its Secret) serves nothing online, nor do the values of Apache Airflow's chart
        (`AIRFLOW_CHART_VALUES`)."""
        content = self.text(rel) or ""
        kinds = MANIFEST_KIND.findall(content)
        if not kinds and AIRFLOW_CHART_VALUES.search(content):
            return False  # values of Airflow's chart: a scheduler of jobs, no model served
        return not kinds or any(kind not in RUNS_TO_COMPLETION_OR_CONFIG for kind in kinds)

    @cached_property
    def local_images(self) -> frozenset[str]:
        """Image names the repository builds itself: those of `image_builds` (compose,
        skaffold, `docker build -t`), any `-t NAME` of a `docker build` written in a
        Makefile, a script, a README or a workflow, and the project's own name
        (`[project]` or Poetry's `name`) when it has several Dockerfiles: one is built
        from another (`FROM mypackage:latest`). A `FROM` of one of them is the user's own
        build, not a registry image to pin."""
        names = {*self.image_builds}
        names.update(tag for _, build in self.docker_builds for tag in build.tags)
        own = table(self.pyproject, "project").get("name") or table(
            self.pyproject, "tool", "poetry"
        ).get("name")
        if isinstance(own, str) and len(self.dockerfiles) > 1:
            names.add(own.lower())
        return frozenset(_untagged(name) for name in names)

    @cached_property
    def image_builds(self) -> dict[str, tuple[str, str | None]]:
        """Images the repository builds itself, by reference (`name:tag`, `:latest` when
        untagged, as `image_reference` writes it): the Dockerfile each is built from and
        the stage it stops at (`target`, None for the last). Declared by the `image:` of a
        compose service that has a `build:`, a skaffold artifact, and a `docker build -t
        NAME [-f FILE] [--target STAGE] CONTEXT` written in a Makefile, a script, a README
        or a workflow. The first declaration of a reference wins."""
        builds: dict[str, tuple[str, str | None]] = {}
        for rel in [*self.matching(COMPOSE_FILE, hint="compose"), *self.matching(SKAFFOLD)]:
            for build in (b for d in self._build_documents(rel) for b in declared_builds(rel, d)):
                if build.image:
                    reference = image_reference(build.image)
                    builds.setdefault(reference, (build.dockerfile, build.target))
        for dockerfile, written in self._tagged_builds:
            for name in written.tags:
                builds.setdefault(image_reference(name), (dockerfile, written.target))
        return builds

    @cached_property
    def docker_builds(self) -> list[tuple[str, DockerBuild]]:
        """Every `docker build` written in a Makefile, a script, a README or a workflow
        (any file that says `docker build`), with the file it is written in."""
        return [
            (rel, build)
            for rel in sorted(self.files_containing(DOCKER_BUILD_HINT))
            for build in docker_builds(self.text(rel) or "")
        ]

    @cached_property
    def _tagged_builds(self) -> list[tuple[str, DockerBuild]]:
        """The `docker build`s of `docker_builds` that name their image, each with the
        Dockerfile it reads (relative to the repository)."""
        return [
            (dockerfile, build)
            for rel, build in self.docker_builds
            if build.tags and (dockerfile := _from_folder(run_in(rel), build.dockerfile))
        ]

    @cached_property
    def images_run_as_user(self) -> frozenset[str]:
        """Dockerfiles whose image is documented to run as a non-root user: a `docker
        build -t NAME` (README, Makefile, script, workflow) builds NAME from the Dockerfile
        and every `docker run` of NAME passes `--user` / `-u` with a user other than root."""
        built: dict[str, str] = {}  # image name -> the Dockerfile it is built from
        runs: dict[str, list[bool]] = {}  # image name -> whether each run sets a user
        for dockerfile, written in self._tagged_builds:
            for name in written.tags:
                built[name.split(":")[0]] = dockerfile
        for rel in sorted(self.files_containing(DOCKER_RUN)):
            content = re.sub(r"\\\r?\n", " ", self.text(rel) or "")  # continued lines
            for rest in DOCKER_RUN_COMMAND.findall(content):
                words = re.split(r"[ \t]+", rest.strip())
                user = next(
                    (
                        words[i + 1] if "=" not in word else word.partition("=")[2]
                        for i, word in enumerate(words[:-1])
                        if word in ("-u", "--user") or word.startswith("--user=")
                    ),
                    None,
                )
                for word in words:
                    runs.setdefault(word.split(":")[0], []).append(
                        user is not None and user.strip("'\"") not in ("root", "0", "0:0")
                    )
        return frozenset(
            dockerfile for name, dockerfile in built.items() if runs.get(name) and all(runs[name])
        )

    @cached_property
    def at_clone_root(self) -> bool:
        """Whether the audited folder is the top of a clone, where `.git` is (a copy
        outside git counts as one); a monorepo's project folder inside a clone is not."""
        if (self.root / ".git").exists():
            return True
        return not any((parent / ".git").exists() for parent in self.root.resolve().parents)

    @cached_property
    def environment_images(self) -> list[tuple[str, int | None, str]]:
        """Base images that ML platforms build job and endpoint containers from: an Azure
        ML environment's `image:` (a YAML with `conda_file:` or Azure ML's environment
        schema; or one a job, a component or an online deployment defines inline, see
        `azure_ml_inline_images`) or an `Environment(image=...)` built with its SDK in
        Python, and an
        Anyscale cluster environment's `base_image:` (a YAML with `post_build_cmds:` or
        `debian_packages:`) as (file, line, image), and Azure ML v1's: a run
        configuration's (`*.runconfig`) `environment.docker.baseImage`, an inference
        configuration's `baseImage` (beside its `entryScript`)."""
        found: list[tuple[str, int | None, str]] = []
        for rel, document in self._yaml_mappings(self.files_containing(ENVIRONMENT_HINT)):
            for inline in azure_ml_inline_images(document):
                found.append((rel, self._value_line(rel, "image", inline), inline))
            key = "image" if "conda_file" in document or "$schema" in document else "base_image"
            image = document.get(key)
            anyscale = "post_build_cmds" in document or "debian_packages" in document
            if isinstance(image, str) and (key == "image" or anyscale):
                found.append((rel, self._key_line(rel, key), image))
            elif isinstance(image := document.get("baseImage"), str) and "entryScript" in document:
                found.append((rel, self._key_line(rel, "baseImage"), image))
        for rel in self.matching(RUN_CONFIGURATION, hint=".runconfig"):
            document = self.load_yaml(rel)
            docker = table(document, "environment", "docker") if isinstance(document, dict) else {}
            if isinstance(image := docker.get("baseImage"), str) and image:
                found.append((rel, self._key_line(rel, "baseImage", indented=True), image))
        notebooks = self.files_containing(NOTEBOOK_ENVIRONMENT_HINT)
        return found + sdk_environment_images(self.imports, self.module_tree, notebooks)

    @cached_property
    def component_images(self) -> list[tuple[str, int, str]]:
        """Base images Kubeflow Pipelines components run in, as (file, line, image): the
        `base_image=` of a lightweight Python component in a module that imports kfp
        (`@dsl.component(base_image="python:3.9")`, `create_component_from_func(f,
        base_image=BASE_IMAGE)` with `BASE_IMAGE = "..."` at the module's top)."""
        found = []
        for rel in self.imports.get("kfp", []):
            tree = self.syntax_tree(rel)
            if tree is None:
                continue
            named = values_by_name(tree.body)
            for call in calls(tree):
                if dotted(call.func).rpartition(".")[2] not in KFP_COMPONENT_CALLS:
                    continue
                for keyword in (k for k in call.keywords if k.arg == "base_image"):
                    value = keyword.value
                    if isinstance(value, ast.Name) and named.get(value.id):
                        value = named[value.id][-1]  # the module's constant it names
                    image = value.value if isinstance(value, ast.Constant) else None
                    if isinstance(image, str) and image:
                        found.append((rel, value.lineno, image))
        return found

    def _value_line(self, rel: str, key: str, value: str) -> int:
        """The line of a YAML file where `key: value` is first written, at any depth; 1
        when it is not."""
        content = self.text(rel) or ""
        at = re.search(rf"(?m)^[ \t]*{key}\s*:\s*['\"]?{re.escape(value)}", content)
        return content.count("\n", 0, at.start()) + 1 if at else 1

    def _key_line(self, rel: str, key: str, indented: bool = False) -> int:
        """The line of a YAML file where `key:` is first written at the top level (or in
        a nested mapping: `indented`); 1 when it is not."""
        content = self.text(rel) or ""
        indent = r"[ \t]*" if indented else ""
        at = re.search(rf"(?m)^{indent}{key}\s*:", content)
        return content.count("\n", 0, at.start()) + 1 if at else 1

    @cached_property
    def build_contexts(self) -> dict[str, str]:
        """Each Dockerfile's build context folder ("" for the root): the one a compose
        file, skaffold.yaml or a `docker build [-f FILE] CONTEXT` (Makefile, CI, a script,
        a README; from the folder a `cd` before it moves to) builds it from; else its own
        folder when a .dockerignore sits beside it (Docker reads it from the context) or
        a fly.toml does (`fly deploy` builds from the app's folder);
        else the nearest folder at or above its own that holds every file it copies by
        name when the root lacks one of them (`public/Dockerfile` copying the package.json
        of the folder above), or else more of them than the root (`COPY preds.parquet .`
        of a file a Makefile writes there before the build), an image that copies its
        whole context naming instead the files it installs and runs from it
        (`pip install -r requirements.txt`, `CMD ["python", "main.py"]`); else the root
        (`docker build -f path .`)."""
        declared = self.declared_build_contexts
        contexts: dict[str, str] = {}
        for dockerfile in self.dockerfiles:
            folder = dockerfile.path.rpartition("/")[0]
            named = [
                source.removeprefix("./")
                for instruction in dockerfile.instructions
                for source in instruction.copied_sources
                if source not in (".", "./")
            ]
            named = named or _run_from_copy(dockerfile)
            beside = (f"{folder}/.dockerignore", f"{folder}/fly.toml")
            own = folder if any(rel in self.file_set for rel in beside) else ""
            from_root = all(self._has(name.rstrip("/")) for name in named)
            if named and not own and not from_root:
                own = self._holding_most(folder, named)
            contexts[dockerfile.path] = declared.get(
                dockerfile.path, declared.get(_default_name(dockerfile.path), own)
            )
        return contexts

    @cached_property
    def declared_build_contexts(self) -> dict[str, str]:
        """The build context a compose file, skaffold.yaml or a `docker build [-f FILE]
        CONTEXT` command declares for a Dockerfile (by its path, or a default name)."""
        declared: dict[str, str] = {}
        for rel in [*self.matching(COMPOSE_FILE, hint="compose"), *self.matching(SKAFFOLD)]:
            for path, context in (
                pair for d in self._build_documents(rel) for pair in declared_build_contexts(rel, d)
            ):
                declared.setdefault(path, context)
        for rel, build in self.docker_builds:
            moved_to = _from_folder(run_in(rel), build.cd) if build.cd else None
            if moved_to is not None and not self._has(moved_to):
                moved_to = None  # `cd` into the clone a README's `git clone` makes
            built = _built_context(build, moved_to if moved_to is not None else run_in(rel))
            if built is not None:
                declared.setdefault(*built)
        return declared

    def _holding_most(self, folder: str, named: list[str]) -> str:
        """The build context of an image whose COPY sources the root lacks: the nearest
        folder at or above `folder` that holds every one; else the nearest holding more
        of them than the root (`COPY preds.parquet` of a file a Makefile puts there
        first); else the root ("")."""

        def held(where: str) -> int:
            prefix = f"{where}/" if where else ""
            return sum(self._has(f"{prefix}{name.rstrip('/')}") for name in named)

        best, most = "", held("")
        while folder:
            count = held(folder)
            if count == len(named):
                return folder
            if count > most:
                best, most = folder, count
            folder = folder.rpartition("/")[0]
        return best

    def in_checkout(self, rel: str) -> bool:
        """Whether the checkout on disk holds this file or folder (relative to the audited
        folder): what a build context there sees, a monorepo's projects included, which
        the root's own audit leaves out of its file list."""
        return (self.root / rel).exists()

    def _has(self, path: str) -> bool:
        """Whether the repository has this file, or files under this folder."""
        return path in self.file_set or any(rel.startswith(path + "/") for rel in self.files)

    @cached_property
    def compose_commands(self) -> dict[str, list[str]]:
        """Each Dockerfile a compose file builds a service from -> what the services run
        (their `entrypoint` and `command`; "" for a service that runs the image's own),
        and what the services run that use the image by the name it is built under
        (`image: airflow-kedro:latest`, see `image_builds`)."""
        commands: dict[str, list[str]] = {}
        for rel in self.matching(COMPOSE_FILE, hint="compose"):
            document = self.load_yaml(rel)
            for path, command in compose_builds(rel, document):
                if path is not None:
                    commands.setdefault(path, []).append(command)
            for reference, command in compose_runs(document):
                if reference in self.image_builds:
                    commands.setdefault(self.image_builds[reference][0], []).append(command)
        return commands

    @cached_property
    def image_roles(self) -> dict[str, Role]:
        """Each Dockerfile (a template's ones too) -> what its image is for: the
        project's own, a tool's server or a workbench (`image_roles.image_role`, read with
        the compose commands it runs)."""
        roles: dict[str, Role] = {}
        for d in (*self.dockerfiles, *self.template_dockerfiles):
            composed = self.compose_commands.get(d.path, [])
            scripts = [self._copied_script(d.path, s) for s in started_script_sources(d, composed)]
            roles[d.path] = (
                WORKBENCH
                if d.path in self.workbench_builds
                else image_role(d, composed, [s for s in scripts if s is not None])
            )
        return roles

    def _copied_script(self, dockerfile: str, source: str) -> str | None:
        """The text of a file a Dockerfile copies in (`COPY entrypoint.sh ...`), found in
        the Dockerfile's folder or from the repository's root (the build context is one or
        the other, as compose files and README commands use them)."""
        folder = posixpath.dirname(dockerfile)
        paths = (posixpath.join(folder, source), source)
        for rel in dict.fromkeys(posixpath.normpath(path) for path in paths):
            if rel in self.file_set:
                return self.text(rel)
        return None

    @cached_property
    def workbench_builds(self) -> frozenset[str]:
        """Dockerfiles built as a place to work in (a template's ones too): the one
        a devcontainer.json builds (`"dockerFile": "../Dockerfile"`), and one a compose
        service builds to keep a terminal open on the mounted working copy (`tty: true` or
        `stdin_open: true`, a volume of `.` or `$PWD`, no command: people `docker exec`
        into it)."""
        found: set[str] = set()
        for rel in [*self.files, *self.template_files]:
            name = rel.rpartition("/")[2]
            if name in ("devcontainer.json", ".devcontainer.json"):
                named = DEV_CONTAINER_DOCKERFILE.search(self.text(rel) or "")
                if named:
                    folder = rel.rpartition("/")[0]
                    found.add(posixpath.normpath(posixpath.join(folder, named.group(1))))
            elif COMPOSE_FILE.search(rel):
                found.update(self._terminal_builds(rel))
        return frozenset(found)

    def _terminal_builds(self, rel: str) -> list[str]:
        """The Dockerfiles a compose file builds services from that keep a terminal open
        on the mounted working copy and run nothing of their own."""
        text = self.text(rel) or ""
        if not TERMINAL_KEY.search(text) or JINJA_NAME.search(text):
            return []  # Jinja (a template's unrendered file) is no YAML to read
        document = self.load_yaml(rel)
        services = document.get("services") if isinstance(document, dict) else None
        built = []
        for name, service in services.items() if isinstance(services, dict) else ():
            if not isinstance(service, dict) or not _keeps_terminal_on_checkout(service):
                continue
            for path, command in compose_builds(rel, {"services": {name: service}}):
                if path is not None and not command:
                    built.append(path)
        return built

    def _compose_serves(self, rel: str) -> bool:
        """A compose file deploys the repository's model when a service it builds starts a
        server: by its `command` (not a tool's server: `mlflow server`, `prefect server
        start`, whatever port its image exposes), or by its image (an Airflow or Jupyter
        image does not, nor one running a job, `_runs_a_job`)."""
        if not COMPOSE_BUILD.search(self.text(rel) or ""):
            return False
        images = {dockerfile.path: dockerfile for dockerfile in self.dockerfiles}
        built = compose_builds(rel, self.load_yaml(rel))
        return not built or any(
            not TOOL_COMMAND.search(command)
            and (
                SERVER_COMMAND.search(command)
                or path not in images
                or (_serves(images[path]) and not self._runs_a_job(images[path]))
            )
            for path, command in built
        )

    @cached_property
    def dvc_files(self) -> list[str]:
        """DVC's config when DVC is initialised (`dvc_config_path`, even if the file is
        malformed); else what shows DVC is used without it: the root's dvc.yaml or
        dvc.lock, `.dvc` pointer files."""
        if self.dvc_config_path:
            return [self.dvc_config_path]
        used = [rel for rel in ("dvc.yaml", "dvc.lock") if rel in self.file_set]
        return used + [rel for rel in self.files if rel.endswith(".dvc")]

    @cached_property
    def dvc_run_by_code(self) -> list[str]:
        """The programs and tasks that have DVC track data (`dvc add`, `["dvc", "add",
        path]`) where DVC is not initialised in the repository (no `.dvc/config`): the
        DVC project is made at run time (`dvc init --no-scm` in an image). A workflow
        under a folder's own `.github/workflows/` is none: GitHub runs only the root's."""
        if self.dvc_config_path:
            return []
        return [
            rel
            for r, rel in self.recognised(DATA_VERSIONING)
            if r.name == "DVC run by the code" and not NESTED_WORKFLOW.search(rel)
        ]

    @cached_property
    def dvc_training(self) -> list[str]:
        """`dvc_files`, as evidence that the repository trains: not when DVC only tracks
        models (no dvc.yaml, and every `.dvc` pointer names a model: `model.dvc`,
        `models/clf.pkl.dvc`), which a service pulls to serve what was trained elsewhere."""
        pointers = [rel for rel in self.files if rel.endswith(".dvc")]
        models_only = bool(pointers) and all(_points_at_model(rel) for rel in pointers)
        if models_only and not {"dvc.yaml", "dvc.lock"} & self.file_set:
            return []
        return self.dvc_files

    @cached_property
    def kubernetes_manifests(self) -> list[str]:
        """YAML files (plain or Helm templates) with a line `kind: Deployment` (or another
        workload)."""
        return self.files_matching(WORKLOAD_KIND)

    @cached_property
    def platform_workloads(self) -> list[str]:
        """YAML files declaring a workload of a platform built on Kubernetes: a KServe
        InferenceService, a SeldonDeployment, an Argo Workflow."""
        return self.files_matching(PLATFORM_KIND)

    @cached_property
    def terraform_workloads(self) -> list[str]:
        """Terraform files declaring Kubernetes workloads (`resource
        "kubernetes_deployment_v1"`)."""
        return self.files_matching(TERRAFORM_WORKLOAD)

    def _yaml_mappings(self, files: list[str]) -> list[tuple[str, dict[Any, Any]]]:
        """(file, mapping) for every mapping document of the YAML files among `files`
        (a multi-document file gives one pair per document)."""
        return [
            (rel, document)
            for rel in files
            if rel.endswith((".yml", ".yaml"))
            for document in self.yaml_documents(rel) or []
            if isinstance(document, dict)
        ]

    def _build_documents(self, rel: str) -> list[Any]:
        """The documents of a compose file (one) or a skaffold.yaml (several configs may
        share it, separated by `---`)."""
        if SKAFFOLD.search(rel):
            return self.yaml_documents(rel) or []
        return [self.load_yaml(rel)]

    def yaml_documents(self, rel: str) -> list[Any] | None:
        """Every document of a multi-document YAML file; None when it is not YAML (a Helm
        template is not, and is no parse problem)."""
        import yaml  # on first use (see `yaml_loader`)

        try:
            return list(yaml.load_all(self.text(rel) or "", Loader=yaml_loader()))
        except yaml.YAMLError:
            return None

    @cached_property
    def locks_with_sources(self) -> list[str]:
        """Lock files beside what they lock: uv.lock or poetry.lock and pyproject.toml,
        Pipfile.lock and the Pipfile, a compiled `requirements*.txt` and its `.in`, a conda
        explicit spec and the one environment file of its folder."""
        pairs = (("uv.lock", "pyproject.toml"), ("poetry.lock", "pyproject.toml"))
        found = [
            lock
            for lock, source in (*pairs, ("Pipfile.lock", "Pipfile"))
            if {lock, source} <= self.file_set
        ]
        found += nested_uv_locks(self.file_set)
        sources = (rel for rel in self.requirement_files if rel.endswith(".in"))
        found += [txt for rel in sources if (txt := rel[: -len(".in")] + ".txt") in self.file_set]
        return found + list(explicit_spec_sources(self.conda_explicit_specs, self.conda_files))

    @cached_property
    def data_versioning(self) -> list[str]:
        """What versions the data: a tool of `DATA_VERSIONING` that records data (DVC
        tracking something, `_dvc_records_nothing`; Git LFS storing a file that is no model,
        `_lfs_stores_data`), Kedro datasets marked `versioned: true`, or git itself for data
        files committed with the code that the project reads (`_named_by_the_project`:
        DATA003 reports the large ones). What `committed_data.may_be_training_data` leaves
        out (samples, fixtures for CI, a run's outputs, the input of inference) is not the
        data a model trains on; nor is DVC that only tracks models
        (`_dvc_versions_models_only`)."""
        models_only = self._dvc_versions_models_only
        found = [
            f"{r.name} ({rel})"
            for r, rel in self.recognised(DATA_VERSIONING)
            if not (r.name == "DVC" and (models_only or self._dvc_records_nothing))
            and not (r.name == "Git LFS" and not self._lfs_stores_data(rel))
        ]
        found += [f"Kedro versioned datasets ({rel})" for rel in self._kedro_versioned_data]
        if found:
            return found
        committed = [
            rel
            for rel in self.files
            if may_be_training_data(rel) and not (rel.endswith(".json") and is_test_path(rel))
        ]
        return [f"git ({rel})" for rel in self._named_by_the_project(committed)[:1]]

    @cached_property
    def _dvc_records_nothing(self) -> bool:
        """Whether DVC is only initialised: no `.dvc` pointer, dvc.yaml or dvc.lock in any
        folder, and no program or task that drives it (`dvc add`, `dvc.api`, `dvc.repo`)."""
        if any(DVC_RECORD.search(rel) for rel in self.files):
            return False
        return not any(
            DATA_READER_FILE.search(rel) and not _test_or_data(rel)
            for rel in self.files_containing(DVC_DRIVERS)
        )

    def _lfs_stores_data(self, attributes: str) -> bool:
        """Whether a `.gitattributes` has Git LFS store a committed file that is no model
        (`committed_data.is_model_file`): patterns for weights alone (`*.pth`), or for
        tables no file matches, version no data."""
        from pathspec import GitIgnoreSpec

        folder = posixpath.dirname(attributes)
        lines = (self.text(attributes) or "").splitlines()
        patterns = [line.split()[0] for line in lines if LFS_LINE.search(line)]
        try:
            spec = GitIgnoreSpec.from_lines(patterns)
        except ValueError:  # a pattern git would not take: trust the file
            return True
        prefix = f"{folder}/" if folder else ""
        return any(
            spec.match_file(rel[len(prefix) :])
            for rel in self.files
            if rel.startswith(prefix) and not is_model_file(rel)
        )

    @cached_property
    def _kedro_versioned_data(self) -> list[str]:
        """Kedro catalogs with a data set (a table: `pandas.CSVDataset`, `*.parquet`)
        marked `versioned: true`: each save is kept under a timestamp. A versioned model
        (`pickle.PickleDataset`) alone is no versioned data."""
        return [
            rel
            for rel in self.matching(KEDRO_CATALOG, hint="catalog")
            if "versioned" in (self.text(rel) or "")
            and any(_versioned_table(entry) for entry in _mapping(self.load_yaml(rel)).values())
        ]

    @cached_property
    def _dvc_versions_models_only(self) -> bool:
        """Whether every `.dvc` pointer names a model and no stage records data: no
        dvc.lock, and no dvc.yaml whose stages can run (`missing_stage_scripts`)."""
        pointers = [rel for rel in self.files if rel.endswith(".dvc")]
        if not pointers or not all(_points_at_model(rel) for rel in pointers):
            return False
        if "dvc.lock" in self.file_set:
            return False
        return "dvc.yaml" not in self.file_set or bool(self.missing_stage_scripts)

    def _named_by_the_project(self, data_files: list[str]) -> list[str]:
        """The data files a program, notebook (its code cells, not its outputs) or
        configuration of the project names (`committed_data.names_file`): not a test, not
        prose, and not the code of a service alone (a lookup table an API reads, a file a
        serving image copies in, is not what a model trains on) unless it trains too."""
        files = data_files[:MAX_DATA_NAMES]
        names = {name for rel in files for name in names_of(rel)}
        if not names:
            return []
        serving = self._serving_readers
        readers = [
            rel
            for rel in self.files_containing(name.encode() for name in sorted(names))
            if DATA_READER_FILE.search(rel) and not _test_or_data(rel) and rel not in serving
        ]
        texts = [self._read_code(rel) for rel in readers]
        return [
            rel
            for rel in files
            if any(
                names_file(text, name, rel)
                for name in names_of(rel)
                for text in texts
                if name in text
            )
        ]

    @cached_property
    def _serving_readers(self) -> frozenset[str]:
        """The code a service runs (`serving_path`) and the Dockerfiles of serving images,
        but the training code: the training modules and the modules they import."""
        modules = [rel for rel in self.training_files if rel.endswith(".py")]
        training = {*self.training_files, *self.modules_run_by(modules)}
        serving = {*self.serving_path, *(d.path for d in self.dockerfiles if _serves(d))}
        return frozenset(serving - training)

    def _read_code(self, rel: str) -> str:
        """A file's text; a notebook's code cells (its outputs print names it never reads);
        a Python module's code without its comments and string statements (a block of
        training code turned into a string statement reads nothing)."""
        if rel.endswith(".ipynb") and rel in self.notebooks:
            return "\n".join(self.code_sources(rel))
        tree = self.syntax_tree(rel) if rel.endswith(".py") else None
        return code_only(self.text(rel) or "", tree) if tree else self.text(rel) or ""

    @cached_property
    def _explores(self) -> bool:
        """Whether the repository keeps notebooks, or a notebooks/ folder of exploration."""
        return bool(self.notebooks) or any(
            rel.startswith("notebooks/") or "/notebooks/" in rel for rel in self.files
        )

    @cached_property
    def training_files(self) -> list[str]:
        """Source files that train a model: named for it, or calling `.fit(` (not only on
        a scaler or an encoder, `StandardScaler().fit(x)`; not in code no program runs, see
        `_runs_no_training`); and the files (CI, scripts, modules) that start a managed
        platform's training job. A module named for training that holds nothing yet
        (`src/models/train_model.py`, empty: `hollow_files`) says the project trains a
        model, somewhere it does not show (a notebook), as one with code would; with no
        notebook nor notebooks/ folder to train in either, it is a skeleton's placeholder."""
        calling = {
            rel
            for rel in self.files_containing(TRAINING_CALLS)
            if not self._fits_only_transformers(rel)
        }
        calling |= {
            rel
            for rel in self.files_containing(TRAINER_HINT)
            if TRAINER.search(self.text(rel) or "")
        }
        own = [
            rel
            for rel in self.source_files
            if (rel in calling and not self._runs_no_training(rel))
            or ("train" in rel.rsplit("/", 1)[-1] and not self._standard_library_only(rel))
        ]
        own += [
            rel
            for rel in self.hollow_files
            if rel.endswith(".py")
            and "train" in rel.rsplit("/", 1)[-1]
            and not is_test_path(rel)
            and rel not in self.rendered_files
            and self._explores
        ]
        chosen = set(own)
        started = [
            rel
            for rel in self.files_containing(MANAGED_TRAINING_HINT)
            if rel not in chosen
            and not is_test_path(rel)
            and MANAGED_TRAINING.search(self.text(rel) or "")
        ]
        return own + sorted(started)

    def _runs_no_training(self, rel: str) -> bool:
        """Whether a module's training code runs in no program: it fits a model only to
        write a fixture for the tests, or only in methods that no code or configuration
        of the repository names (prose aside): left behind when training moved elsewhere.
        Nor does a module that fits only inside its predicting methods and keeps no model
        (`def predict(self, rows)` fitting a trend to the request's own rows): no model is
        trained to be served, one is fitted per answer (`fits_what_it_predicts`)."""
        tree = self.syntax_tree(rel) if rel.endswith(".py") else None
        if tree is None:
            return False
        if builds_a_test_fixture(tree):
            return True
        names = fitting_functions(tree)
        if names and fits_what_it_predicts(tree, names):
            return True
        if not names or any(named_outside(tree, name) for name in names):
            return False
        # One search for every name: a file that names any of them starts training.
        anyone = r"\b(?:" + "|".join(sorted(names)) + r")\b"
        found = self.files_matching(anyone)
        return not any(other != rel and not other.endswith(PROSE) for other in found)

    def _fits_only_transformers(self, rel: str) -> bool:
        """Whether a module's `.fit(` calls all fit preprocessing transformers (and it
        calls no `.train(`): see `transformer_fits`."""
        text = self.text(rel) or ""
        if not rel.endswith(".py") or ".train(" in text or not names_a_transformer(text):
            return False
        tree = self.syntax_tree(rel)
        return tree is not None and fits_only_transformers(tree)

    def _standard_library_only(self, rel: str) -> bool:
        """Whether a module imports something, and only the standard library (`os`,
        `argparse`): one named for training that calls no `.fit(` and imports no ML library
        nor module of the project (a pipeline component's stub writing a text file) trains
        nothing."""
        tree = self.syntax_tree(rel) if rel.endswith(".py") else None
        if tree is None:
            return False
        modules: list[str] = []
        for node in walked(tree):
            if isinstance(node, ast.Import):
                modules += [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level or not node.module:
                    return False  # a module of the project's own
                modules.append(node.module.split(".")[0])
        modules = [name for name in modules if name != "__future__"]
        return bool(modules) and all(name in sys.stdlib_module_names for name in modules)

    @cached_property
    def training_notebooks(self) -> list[str]:
        """Notebooks whose code cells train: `.fit(`, `.train(` or a `Trainer(`."""
        return [
            rel
            for rel in self.notebooks
            if any(TRAINING_CODE.search(source) for source in self.code_sources(rel))
        ]

    @cached_property
    def dependency_sets(self) -> list[str]:
        """Names of dependency sets: requirements file stems, extras, groups, pixi features."""
        names = [PurePosixPath(rel).stem for rel in [*self.requirement_files, *self.conda_files]]
        pyproject = self.pyproject
        names += list(table(pyproject, "project", "optional-dependencies"))
        names += list(table(pyproject, "dependency-groups"))
        names += list(table(pyproject, "tool", "poetry", "group"))
        names += list(table(pyproject, "tool", "pixi", "feature"))
        return names

    def syntax_tree(self, rel: str) -> ast.Module | None:
        """A Python file's syntax tree, parsed once; None when unreadable or invalid."""
        path = os.path.normpath(os.path.join(self.root, rel))  # `../` to a sibling project
        if path not in self._trees:
            text = self.text(rel)
            self._trees[path] = parse(text) if text is not None else None
        return self._trees[path]

    @cached_property
    def _trees(self) -> dict[str, ast.Module | None]:
        return {}

    @cached_property
    def source_notebooks(self) -> dict[str, str]:
        """Notebooks saved as source files (`# Databricks notebook source`): path -> text."""
        return source_notebooks(self.files_containing(SOURCE_NOTEBOOK_HINT), self.text)

    @cached_property
    def notebook_output_bytes(self) -> dict[str, int]:
        """Every notebook -> the size of its cells' outputs as JSON, large notebooks too."""
        templates = {rel: output_bytes(nb) for rel, nb in self.template_notebooks.items()}
        return {**self.notebook_outputs, **templates}

    @cached_property
    def commands(self) -> CommandGraph:
        """CI jobs and task runners followed down to the programs they start."""
        return command_graph(self, self.files, [*self.ci_files, *self.action_files])

    @cached_property
    def setup_python(self) -> tuple[str, int, str] | None:
        """setup.py's or setup.cfg's `python_requires`: (file, line, specifier), or None."""
        for rel in ("setup.py", "setup.cfg"):
            found = self._python_requires(rel) if rel in self.file_set else None
            if found is not None:
                return found
        return None

    def _python_requires(self, rel: str) -> tuple[str, int, str] | None:
        """A setup.py's or setup.cfg's `python_requires` (a string, or the constant a
        setup.py names, `python_requires=REQUIRES_PYTHON`): (file, line, specifier)."""
        content = self.text(rel) or ""
        found = PYTHON_REQUIRES.search(content)
        if found is None:
            return None
        spec = found[1].strip()
        if rel.endswith(".py") and spec.isidentifier():
            constant = re.search(rf"""(?m)^{spec}\s*=\s*["']([^"'\n]+)["']""", content)
            if constant is None:
                return None
            found, spec = constant, constant[1]
        return rel, content.count("\n", 0, found.start()) + 1, spec

    @cached_property
    def nested_project_pythons(self) -> list[tuple[str, int, str]]:
        """The Pythons the packages in subfolders declare (a shared library's setup.py
        `python_requires`, a service's pyproject.toml `requires-python`): (file, line,
        specifier). Not a template's rendered files, nor vendored code."""
        found: list[tuple[str, int, str]] = []
        for rel in self.files:
            folder, _, name = rel.rpartition("/")
            if not folder or name not in PROJECT_METADATA or VENDORED.search(f"/{folder}/"):
                continue
            if any(start in rel for start in ("{{", "{%", "[[")):
                continue
            if name != "pyproject.toml":
                found += filter(None, [self._python_requires(rel)])
                continue
            content = self.text(rel) or ""
            declared = REQUIRES_PYTHON.search(content)
            if declared is not None:
                found.append((rel, content.count("\n", 0, declared.start()) + 1, declared[1]))
        return found

    @cached_property
    def environments_created(self) -> list[tuple[str, int | None, str]]:
        """Lines of shell scripts, READMEs, task runners, CI configurations and notebooks'
        shell lines that create an environment on a named Python (`conda create -n x
        python=3.10`, `uv venv --python 3.9`): (file, line, python)."""
        commands = command_lines(self.files, self.ci_files, self.text, self.notebooks)
        return environments_created(self.files, self.text, commands)

    @cached_property
    def declared_pythons(self) -> list[tuple[str, int, str, str]]:
        """The Pythons that files made to name one name (`.python-version`, `runtime.txt`,
        a Pipfile, tox's envlist) and that settings set (a Makefile's `PYTHON_VERSION`,
        CI's `python-version:`, a job's `image: python:3.7`): (file, line, what, python)."""
        allowed = oldest_project_python(self.pyproject, self.setup_python)
        declared = version_files(self.files, self.text, allowed[3] if allowed else None)
        return declared + settings(self.files, [*self.ci_files, *self.kept_workflows], self.text)

    @cached_property
    def kept_workflows(self) -> list[str]:
        """GitHub Actions workflows kept outside `.github/workflows` (a course's lesson
        workflow, one a reader copies there): YAML whose `jobs` each name a `runs-on`
        machine. GitHub does not run them, but they name the Python their jobs run on."""
        found = []
        for rel in self.files_containing(RUNS_ON_HINT):
            if rel in self.ci_files or not rel.endswith((".yml", ".yaml")):
                continue
            document = self.load_yaml(rel)
            jobs = document.get("jobs") if isinstance(document, dict) else None
            if isinstance(jobs, dict) and jobs and all(map(_runs_on_a_machine, jobs.values())):
                found.append(rel)
        return found

    @cached_property
    def readme_pythons(self) -> list[tuple[str, int, str]]:
        """README list items that ask for one Python (`* python==3.6`): (file, line, python)."""
        return readme_pythons(self.files, self.text)

    @cached_property
    def conda_spec_pythons(self) -> list[tuple[str, int, str]]:
        """The python package of conda explicit spec files (`@EXPLICIT`, then
        `.../python-3.10.8-h4a9ceb5_0.conda`): (file, line, python)."""
        return conda_spec_pythons(self.files, self.text)

    @cached_property
    def written_conda_pythons(self) -> list[tuple[str, int, str]]:
        """The Python of each conda environment file a notebook writes (`%%writefile
        env.yml`): (notebook, cell number, python)."""
        return written_conda_pythons(self.notebooks)

    @cached_property
    def serverless_runtimes(self) -> list[tuple[str, int, str]]:
        """Serverless functions' Python runtimes (Lambda's `Runtime: python3.8`, Cloud
        Functions' `python39`): (file, line, runtime)."""
        return serverless_runtimes(self.files_matching, self.text)

    @cached_property
    def written_dockerfiles(self) -> list[Dockerfile]:
        """Dockerfiles shell scripts write with here-documents (`cat << 'EOF' > Dockerfile`)
        and notebook cells write (`%%writefile Dockerfile`), each named by its script or
        notebook, at its lines."""
        written = [
            *(
                written_dockerfile(rel, self.text(rel) or "")
                for rel in self.files_matching(WRITTEN_DOCKERFILE)
            ),
            *(
                notebook_written_dockerfile(rel, self.text(rel) or "")
                for rel in self.files_matching(NOTEBOOK_DOCKERFILE)
            ),
        ]
        return [dockerfile for dockerfile in written if dockerfile is not None]

    @cached_property
    def databricks_pythons(self) -> list[tuple[str, int, str, str]]:
        """The Databricks Runtime of each job cluster spec and the Python it ships
        (`spark_version: 11.3.x-cpu-ml-scala2.12`): (file, line, runtime, python)."""
        return databricks_pythons(self.files_matching, self.text)

    @cached_property
    def framework_pythons(self) -> list[tuple[str, int, str]]:
        """The Pythons of managed framework containers (SageMaker's `py_version="py310"`):
        (file, line, python)."""
        return framework_pythons(self.files_matching, self.text)

    @cached_property
    def conda_files(self) -> list[str]:
        """Conda environment files (environment.yml, environment_local.yaml, conda.yaml,
        conda_dependencies.yml,
        train_dependencies.yml, training_env.yml, train-conda.yml, any YAML under envs/ or
        environments/) with a `dependencies` list, any YAML written in conda's own format
        whatever its name (`channels` and a `dependencies` list of package specs:
        `ml_workshop.yaml`, `azureml.yml`), and the environment files an MLproject
        names (`conda_env`, `python_env`) and an Azure ML environment specification names
        (`conda_file: conda/train.yml`, beside the specification), whatever their names."""
        found = [
            rel
            for rel in self.matching(CONDA_FILE, hint=".y")
            if isinstance(_dependencies(self.load_yaml(rel)), list)
        ]
        for rel in self.files_containing(CONDA_CHANNELS_KEY):
            yaml_file = rel.endswith((".yml", ".yaml"))
            if yaml_file and rel not in found and _is_conda_environment(self.load_yaml(rel)):
                found.append(rel)
        mlproject = self.other_yaml.get("MLproject")
        for key in ("conda_env", "python_env"):
            named = mlproject.get(key) if isinstance(mlproject, dict) else None
            if isinstance(named, str) and named in self.file_set and named not in found:
                found.append(named)
        for rel in self.files_containing(CONDA_FILE_KEY):
            document = self.load_yaml(rel) if rel.endswith((".yml", ".yaml")) else None
            named = document.get("conda_file") if isinstance(document, dict) else None
            if not isinstance(named, str):
                continue
            named = posixpath.normpath(posixpath.join(posixpath.dirname(rel), named))
            if named not in self.file_set or named in found:
                continue
            if isinstance(_dependencies(self.load_yaml(named)), list):
                found.append(named)
        return found

    @cached_property
    def conda_requirements(self) -> list[Requirement]:
        """The packages conda files ask for (conda's `name=1.2.3` read as `==1.2.3`, the
        `pip:` section as requirement lines); `python` and `pip` themselves are left out,
        and so are the files MLflow writes beside a model it logs unless MLflow installs
        them (`declares_dependencies`)."""
        found: list[Requirement] = []
        for rel in filter(self.declares_dependencies, self.conda_files):
            content = self.text(rel) or ""
            document = self.load_yaml(rel)
            environment = conda_environment(document)
            conda, pip = environment.conda, environment.pip
            if isinstance(document, dict) and "python" in document:  # MLflow's python_env
                conda, pip = (), tuple(map(str, _dependencies(document) or ()))
            exported = (isinstance(document, dict) and "prefix" in document) or any(
                map(CONDA_DEPENDENCY_ONLY.match, conda)
            )
            for entry in conda:
                requirement = _conda_requirement(rel, entry, content, exported)
                if requirement is not None:
                    found.append(requirement)
            for line in pip:
                found += [
                    replace(r, line=_line_of(content, line))
                    for r in parse_requirements(rel, line)
                    if r.valid
                ]
        return found

    @cached_property
    def pyproject_requirements(self) -> list[Requirement]:
        """The root pyproject's `[project].dependencies`, each at the line it is written on."""
        entries = table(self.pyproject, "project").get("dependencies")
        if not isinstance(entries, list):
            return []
        content = self.text("pyproject.toml") or ""
        found = []
        for entry in entries:
            quoted = re.search(rf"""["']{re.escape(str(entry))}["']""", content)
            line = content.count("\n", 0, quoted.start()) + 1 if quoted else 1
            found += [
                replace(r, line=line) for r in parse_requirements("pyproject.toml", str(entry))
            ]
        return [r for r in found if r.valid]

    @cached_property
    def setup_requirements(self) -> list[Requirement]:
        """The `install_requires` of every setup.py (any folder: a SageMaker project's
        `pipelines/setup.py`), each at the line it is written on."""
        found: list[Requirement] = []
        for rel in (rel for rel in self.files if rel.rsplit("/", 1)[-1] == "setup.py"):
            found += setup_py_requirements(rel, self.text(rel) or "")
        return found

    @cached_property
    def setup_requirements_alone(self) -> list[Requirement]:
        """setup.py's `install_requires` where no requirements, conda or pyproject file
        declares dependencies: setup.py is then the project's declaration (beside a
        conda.yaml or a requirements.txt listing the same packages, that file is what the
        environment is installed from, and is judged as such)."""
        return [] if self._declared else self.setup_requirements

    @cached_property
    def _declared(self) -> list[Requirement]:
        return [
            *self.requirements,
            *self.conda_requirements,
            *self.pyproject_requirements,
            *self.bento_requirements,
        ]

    @cached_property
    def pinned_dependencies(self) -> list[str]:
        """Lock files and files with pinned requirements (requirements and conda files, the
        pyproject's dependencies, groups and Hatch environments, those a template renders,
        and, where no file declares any dependency, the project's images' pip installs):
        what dependency updates move."""
        pinned = {r.path for r in self._declared if r.pinned}
        pinned.update(rendered_pins(self.rendered_files, self.text))
        if not self._declared:  # the images are where the dependencies are written
            pinned.update(image_pins(self.dockerfiles, self.image_roles))
        if pyproject_pins(self.pyproject):
            pinned.add("pyproject.toml")
        pinned.update(r.path for r in self.setup_requirements if r.pinned)
        return [*self.lock_files, *self.conda_explicit_specs, *sorted(pinned)]

    @cached_property
    def conda_explicit_specs(self) -> list[str]:
        """Conda explicit spec files (`@EXPLICIT`, exact builds): conda's lock."""
        return explicit_specs(self.files_containing, self.text)

    @cached_property
    def torch_loads_weights_only(self) -> bool:
        """Whether every torch the repository declares (requirements, conda files, the
        pyproject's dependencies) is 2.6 or later, where `torch.load` defaults to
        `weights_only=True`: a load without the keyword is the restricted unpickler. False
        when none declares it (the version installed is unknown)."""
        floors = [version_floor(r.spec) for r in self._declared if r.name.lower() in TORCH_NAMES]
        return bool(floors) and all(
            floor is not None and floor >= WEIGHTS_ONLY_DEFAULT for floor in floors
        )

    @cached_property
    def pickling_logs(self) -> PicklingLogs:
        """How the repository's code logs or saves its models (MLflow, BentoML), read when
        first asked and shared with its projects: a registry is the whole repository's."""
        return PicklingLogs(self.files_containing, self.module_tree)

    def module_tree(self, rel: str) -> ast.Module | None:
        """A Python module's syntax tree, or a notebook's code cells as one module
        (`notebook_module`); None when it is neither or does not parse."""
        if not rel.endswith(".ipynb"):
            return self.syntax_tree(rel)
        notebook = self.notebooks.get(rel)
        return notebook_module(notebook) if notebook is not None else None

    @cached_property
    def ci_text(self) -> dict[str, str]:
        """Every CI configuration file -> its text."""
        return {rel: self.text(rel) or "" for rel in self.ci_files}


# The module an import statement names (`from utils import core`, `import app.model`,
# `from . import core`), read from a file's text before it is parsed.
IMPORTED_NAME = lazy_pattern(
    r"(?m)^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import\b|import[ \t]+([\w.]+))"
)


def started_modules(text: str) -> list[str]:
    """The scripts' paths (`scripts/train.py`) and dotted modules (`src.models.train`) a
    string names, as `re.findall(r"[\\w./-]+\\.py\\b|\\b\\w+(?:\\.\\w+)+\\b", text)` finds them,
    in time linear in the text. That pattern's first branch reads every run of path
    characters to its end once per character, looking for `.py`: a notebook's inline image
    (base64: one run of 20,000 characters) took it seconds. A run's path match is the run
    up to its last `.py` (the first branch is greedy, and tried first at the run's start);
    only dotted modules follow it."""
    found = []
    for run in PATH_RUN.findall(text):
        script_ends = [match.end() for match in SCRIPT_END.finditer(run)]
        if script_ends:
            found.append(run[: script_ends[-1]])
            run = run[script_ends[-1] :]
        found += DOTTED_MODULE.findall(run)
    return found


def _may_import_own(text: str, modules: OwnModules) -> bool:
    """Whether the text has an import that may name one of the repository's modules: a
    relative one, or one whose first name a module of the repository starts with."""
    return any(
        dots or (named or plain).partition(".")[0] in modules.top_names
        for dots, named, plain in IMPORTED_NAME.findall(text)
    )


def _holds_match(recogniser: Recogniser, code: re.Pattern[str], texts: list[str]) -> bool:
    """Whether `code` matches one of the texts as code (not in a comment), searching only
    those that hold one of the recogniser's `literals` (all of them when it names none)."""
    literals = recogniser.literals
    return any(
        recogniser.shows(code, text)
        for text in texts
        if not literals or any(literal in text for literal in literals)
    )


def _reports_by_default(texts: list[str]) -> bool:
    """Whether code (a file, or a notebook's cells) sets up a Hugging Face Trainer's
    arguments and never sets `report_to` but to "all"."""
    sets_up = any(
        matches_as_code(TRAINER_ARGUMENTS, text)
        for text in texts
        if "TrainingArguments" in text or "Config" in text
    )
    return sets_up and not any(
        matches_as_code(REPORT_TO_CHOSEN, text) for text in texts if "report_to" in text
    )


def default_integrations(requirements: Iterable[str]) -> list[str]:
    """The Trainer integrations (`report_to` names) whose packages the requirements declare,
    when they declare transformers below 5 (whose `report_to` defaults to all of them);
    none otherwise."""
    from packaging.requirements import InvalidRequirement
    from packaging.requirements import Requirement as Pep508

    declared = {}
    for line in requirements:
        try:
            requirement = Pep508(line)
        except InvalidRequirement:
            continue
        declared[normalise_package_name(requirement.name)] = requirement.specifier
    transformers = declared.get("transformers")
    if not transformers or any(
        transformers.contains(version, prereleases=True) for version in TRANSFORMERS_5
    ):
        return []
    return [
        name
        for name, packages in TRAINER_INTEGRATIONS.items()
        if any(package in declared for package in packages)
    ]


# A Hugging Face Trainer's arguments: TrainingArguments (and Seq2Seq's, SetFit's...) or a
# TRL trainer's config, which extends them.
TRAINER_ARGUMENTS = lazy_pattern(
    r"\b(?:\w*TrainingArguments|(?:SFT|DPO|GRPO|ORPO|KTO|CPO|Reward)Config)\s*\("
)
# `report_to` set to anything but "all" (named trackers, "none", a variable).
REPORT_TO_CHOSEN = lazy_pattern(r"""\breport_to\b(?!\s*=\s*[\[(]?\s*["']all["'])""")
# Versions of transformers whose `report_to` defaults to "none".
TRANSFORMERS_5 = ("5.0.0", "5.9.0", "6.0.0")


def _dvc_tracks(dvc_yaml: dict[str, Any], kept: Callable[[str], bool]) -> bool:
    """Whether dvc.yaml records runs: params, or a metrics file that is kept, by DVC's
    cache or by git (`kept`): a stage's metrics marked `cache: false` are git's to keep,
    and none is kept when the .gitignore drops the file."""
    if dvc_yaml.get("metrics") or dvc_yaml.get("params"):
        return True
    stages = dvc_yaml.get("stages")
    for stage in stages.values() if isinstance(stages, dict) else []:
        if not isinstance(stage, dict):
            continue
        if stage.get("params"):
            return True
        folder = wdir if isinstance(wdir := stage.get("wdir"), str) else ""
        for path, cached in _metrics_files(stage.get("metrics")):
            if cached or kept(posixpath.normpath(posixpath.join(folder, path))):
                return True
    return False


def _metrics_files(entries: Any) -> Iterator[tuple[str, bool]]:
    """(path, cached by DVC) of each entry of a stage's `metrics` list (`- path`, or
    `- path: {cache: false}`)."""
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, str):
            yield entry, True
        elif isinstance(entry, dict):
            for path, options in entry.items():
                cache = options.get("cache", True) if isinstance(options, dict) else True
                yield str(path), cache is not False


# A class of the repository's that is an MLflow pyfunc model (`class Model(mlflow.pyfunc.
# PythonModel)`): the code MLflow's scoring server runs for it.
PYFUNC_HINTS = content_hints("PythonModel", within=("*.py",))
# The view's `conda_spec_files` asks which files have conda install a `--file`: searched
# with the file list, in the files that start programs and the READMEs that tell how.
content_hints(
    *CONDA_FILE_HINT,
    within=("*.sh", "*Makefile", "*justfile", "*Dockerfile*", "*.yml", "*.yaml", "*.md"),
)
PYFUNC_CLASS = lazy_pattern(r"(?m)^[ \t]*class[ \t]+\w+[ \t]*\([^)]*\bPythonModel\b")
PYTHON_REQUIRES = lazy_pattern(r"""\bpython_requires\s*=\s*["']?([^"'\n,)]+)""")
# A pyproject.toml's `requires-python = ">=3.8"`.
REQUIRES_PYTHON = lazy_pattern(r"""(?m)^requires-python\s*=\s*["']([^"'\n]+)["']""")
# The files a package declares the Python it runs on in.
PROJECT_METADATA = frozenset({"setup.py", "setup.cfg", "pyproject.toml"})
# Folders of code copied in from elsewhere: its own declarations are its authors'.
VENDORED = lazy_pattern(
    r"/(?:third[_-]party|vendor(?:ed)?|externals?|site-packages|node_modules|\.?venv|\.tox)/"
)
CONDA_FILE = lazy_pattern(
    r"(?:^|/)(?:environment|env|conda|conda[-_]env\w*|conda_dependencies\w*)\.ya?ml$"
    r"|(?:^|/)environment[-_][\w-]+\.ya?ml$"  # one per machine: environment_hpc.yaml
    r"|(?:^|/)[\w-]*[-_]dependencies\.ya?ml$"  # Azure ML's train_dependencies.yml ...
    r"|(?:^|/)[\w-]*[-_]env(?:ironment)?\.ya?ml$"  # ... and training_env.yml, deployment_env.yml
    r"|(?:^|/)[\w-]*[-_]conda\.ya?ml$"  # train-conda.yml, inference_conda.yaml
    # an environment per workflow step (Snakemake's envs/) or per job (environments/)
    r"|(?:^|/)(?:envs|environments)/[^/]+\.ya?ml$",
    re.IGNORECASE,
)


def _runs_on_a_machine(job: object) -> bool:
    """Whether a GitHub Actions job names the machine it runs on (`runs-on:`)."""
    return isinstance(job, dict) and "runs-on" in job


# The machine a GitHub Actions job runs on.
RUNS_ON_HINT = content_hints("runs-on:", within=("*.yml", "*.yaml"))
# Conda's own key: an environment file names the channels it installs from.
CONDA_CHANNELS_KEY = content_hints("channels:", within=("*.yml", "*.yaml"))
# An Azure ML environment specification's key naming the conda file it builds on.
CONDA_FILE_KEY = content_hints("conda_file:", within=("*.yml", "*.yaml"))
# A dependency set named for prediction or scoring alone: batch jobs have them too.
BATCH_SET = lazy_pattern(r"(?i)predict(?:ion)?s?|scor(?:e|ing)")
CONDA_SPEC = lazy_pattern(r"^(?:[\w.-]+::)?([A-Za-z0-9][\w.-]*)\s*(.*)$")
# Packages conda installs only as another's dependency, which no one asks for by hand: a
# file listing one at a version is `conda env export`'s (with or without `--no-builds` and
# its `prefix:`), whose `name=1.0` is the version installed, not conda's `1.0.*`.
CONDA_DEPENDENCY_ONLY = lazy_pattern(
    r"^(?:_[\w-]*mutex|ld_impl_[\w-]+|libgcc-ng|libstdcxx-ng|libgomp)[ \t]*=[ \t]*\d"
)


def _dependencies(document: Any) -> Any:
    """The `dependencies` of a parsed environment file (None when there is none)."""
    return document.get("dependencies") if isinstance(document, dict) else None


def _is_conda_environment(document: Any) -> bool:
    """Whether a parsed YAML file is a conda environment file by its shape: a `channels`
    list and a `dependencies` list holding package specs (`- numpy=1.26`), as `conda env
    create -f` reads them, whatever the file is named."""
    dependencies = _dependencies(document)
    return (
        isinstance(document, dict)
        and isinstance(document.get("channels"), list)
        and isinstance(dependencies, list)
        and any(isinstance(entry, str) for entry in dependencies)
    )


def _conda_requirement(rel: str, entry: str, content: str, exported: bool) -> Requirement | None:
    """A conda package spec as a requirement: `numpy=1.26.4` is pinned, and so is any
    version followed by a build string (`blas=1.1=openblas`: conda matches that version
    exactly); `numpy=1.26` (conda reads `1.26.*`) only in an export (which writes versions
    as published: a `prefix:` key, or a dependency-only package such as `_libgcc_mutex=0.1`
    listed); `numpy=1.2*`, `numpy>=1` and a bare `numpy` are not."""
    match = CONDA_SPEC.match(entry.strip())
    if match is None or match.group(1).lower() in ("python", "pip"):
        return None
    name, spec = match.group(1), match.group(2).replace(" ", "")
    version, _, build = spec.lstrip("=").partition("=")
    if spec.startswith("=") and not spec.startswith("=="):  # conda's `=1.26` is `1.26.*`
        exact = exported or bool(build) or version.count(".") >= 2
        spec = f"=={version}" if exact else f"=={version}.*"
    return Requirement(rel, _line_of(content, entry), name, spec, False, entry.strip())


def _line_of(content: str, entry: str) -> int:
    """The 1-based line where a list entry is written (1 when it cannot be found)."""
    found = re.search(rf"^[ \t]*-[ \t]*['\"]?{re.escape(entry.strip())}", content, re.MULTILINE)
    return content.count("\n", 0, found.start()) + 1 if found else 1


MANIFEST = r"(?:k8s|kubernetes|helm|manifests)/[^/]+\.ya?ml"  # a Kubernetes manifest
DEPLOYMENT_FILE = lazy_pattern(
    r"(?:^|/)(?:(?:docker-)?compose[\w.-]*\.ya?ml|Chart\.yaml|serverless\.ya?ml|Procfile"
    rf"|fly\.toml|app\.ya?ml|{MANIFEST})$"
)
# Words that say a project is shipped somewhere: deploying it, production, an image, a
# cluster or a hosting platform (not a VS Code dev container nor a local server).
DEPLOY_STATEMENT = lazy_pattern(
    r"(?i)\bdeploy(?:s|ed|ing|ment|ments)?\b|\bproduction\b|\bdocker\b"
    r"|\bkubernetes\b|\bk8s\b|\bheroku\b|\bcloud[ \t]+run\b|\bapp[ \t]+engine\b"
    r"|\bfly\.io\b|\brender\.com\b|\brailway\b|\bec2\b|\belastic[ \t]+beanstalk\b"
)
MANIFEST_FILE = lazy_pattern(rf"(?:^|/){MANIFEST}$")
MANIFEST_KIND = lazy_pattern(r"(?m)^kind:[ \t]*[\"']?(\w+)")
# Values of Apache Airflow's Helm chart: its own keys (`defaultAirflowRepository`,
# `airflowHome`), or an override of its `images.airflow` beside its `dags:` settings.
AIRFLOW_CHART_VALUES = lazy_pattern(
    r"(?m)^(?:defaultAirflow(?:Repository|Tag)|airflowHome|airflowVersion)[ \t]*:"
    r"|^images:[ \t]*\n[ \t]+airflow:(?=[\s\S]*^dags:)"
)
# Kubernetes kinds that run to completion or only hold configuration and access rules.
RUNS_TO_COMPLETION_OR_CONFIG = frozenset(
    {
        "Job", "CronJob", "Secret", "ConfigMap", "PersistentVolume", "PersistentVolumeClaim",
        "Namespace", "ServiceAccount", "Role", "RoleBinding", "ClusterRole",
        "ClusterRoleBinding", "StorageClass",
    }
)  # fmt: skip
DOCKER_BUILD_HINT = content_hints("docker build", "docker buildx build")
DOCKER_RUN = content_hints("docker run")
# `docker run ...` up to the end of the shell command.
DOCKER_RUN_COMMAND = lazy_pattern(r"docker[ \t]+run\b([^\n;&|]*)")


# A requirements file pip installs by a relative path (`pip install -r requirements.txt`).
PIP_REQUIREMENTS = lazy_pattern(r"\bpip3?[ \t]+install\b[^\n&;|]*?[ \t]-r[ \t]+([\w.-][\w./-]*)")


def _run_from_copy(dockerfile: Dockerfile) -> list[str]:
    """The files an image that copies its whole build context (`COPY . /app`) installs or
    runs from it by a relative path (`pip install -r requirements.txt`, `CMD ["python",
    "main.py"]`): the files its context must hold. None for an image that copies nothing
    whole."""
    instructions = dockerfile.instructions
    if not any(set(i.copied_sources) & {".", "./"} for i in instructions):
        return []
    commands = [
        EXEC_FORM.sub(" ", i.arguments)  # `["python", "main.py"]` read as the shell form
        for i in instructions
        if i.keyword in ("RUN", "CMD", "ENTRYPOINT")
    ]
    read = [m[1] for c in commands for m in PIP_REQUIREMENTS.finditer(c)]
    read += [m[1] for c in commands for m in SHELL_PYTHON.finditer(c) if not m[1].startswith("/")]
    return sorted({path.removeprefix("./") for path in read})


def _default_name(path: str) -> str:
    """The path a build that names no Dockerfile declares for this one: Docker reads a
    context's `Dockerfile`, else its lower-case `dockerfile` (`build: ./api` builds
    api/dockerfile)."""
    folder, _, name = path.rpartition("/")
    if name != "dockerfile":
        return path
    return f"{folder}/Dockerfile" if folder else "Dockerfile"


def _built_context(build: DockerBuild, run_in: str = "") -> tuple[str, str] | None:
    """The Dockerfile a `docker build` run in folder `run_in` reads and its context
    folder ("" for the root), both relative to the repository; None for a context that is
    a variable or a URL, or leaves the repository."""
    context = build.context
    if "$" in context or "://" in context or context.startswith("/"):
        return None
    folder = _from_folder(run_in, context)
    dockerfile = _from_folder(run_in, build.dockerfile)
    if folder is None or not dockerfile or "$" in dockerfile:
        return None
    return dockerfile, folder


# Files whose commands run in their own folder: make and just run recipes there.
RUNS_IN_OWN_FOLDER = lazy_pattern(r"(?:^|/)(?:(?:GNU)?[Mm]akefile|\.?[Jj]ustfile)$")


def run_in(rel: str) -> str:
    """The folder the commands a file writes run in, relative to the repository ("" for
    the root): a Makefile's or a justfile's own (`services/api/Makefile`'s `docker build
    .` builds services/api), else the root (CI, scripts and READMEs are run from it)."""
    return rel.rpartition("/")[0] if RUNS_IN_OWN_FOLDER.search(rel) else ""


def _from_folder(folder: str, path: str | None) -> str | None:
    """A path written relative to `folder`, relative to the repository ("" for the root;
    None for a path that leaves it)."""
    if path is None:
        return None
    joined = posixpath.normpath(posixpath.join(folder, path))
    if joined == ".":
        return ""
    return None if joined.startswith(("../", "/")) or joined == ".." else joined


def _untagged(image: str) -> str:
    """An image name without its tag or digest (`ml-pipeline:local` -> ml-pipeline)."""
    return image.split("@")[0].rsplit(":", 1)[0]


# A CI script line that runs a training script (`python train.py`, `python -m src.train`).
# Azure Pipelines files, and the keys of their steps that hold shell text (a `Bash@3`
# task's `inputs: {script: ...}` too).
AZURE_PIPELINE = lazy_pattern(
    r"(?:^|/)azure-pipelines[^/]*\.ya?ml$|^\.?(?:azure-)?pipelines/.+\.ya?ml$"
)
AZURE_SHELL_KEYS = frozenset({"script", "bash", "pwsh", "powershell"})


def _circleci_jobs(document: dict[Any, Any]) -> tuple[bool, dict[str, list[str]]]:
    """Whether a CircleCI config's workflow links its jobs (`requires:`), and each job's run
    commands."""
    linked = False
    workflows = document.get("workflows")
    for workflow in workflows.values() if isinstance(workflows, dict) else ():
        entries = workflow.get("jobs") if isinstance(workflow, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            options = next(iter(entry.values()), None) if isinstance(entry, dict) else None
            linked = linked or (isinstance(options, dict) and bool(options.get("requires")))
    table = document.get("jobs")
    jobs = (
        {k: v for k, v in table.items() if isinstance(v, dict)} if isinstance(table, dict) else {}
    )
    scripts: dict[str, list[str]] = {}
    for name, job in jobs.items():
        lines: list[str] = []
        for step in job.get("steps") or []:
            run = step.get("run") if isinstance(step, dict) else None
            command = run.get("command") if isinstance(run, dict) else run
            lines += [command] if isinstance(command, str) else []
        scripts[str(name)] = lines
    return linked, scripts


def _azure_jobs(document: dict[Any, Any]) -> tuple[bool, dict[str, list[str]]]:
    """An Azure Pipelines file's jobs (those of its `stages:`, or its own `jobs:`) -> their
    shell texts, and whether the jobs are linked: two stages or more, or a job that
    `dependsOn` another."""
    stages = [stage for stage in document.get("stages") or [] if isinstance(stage, dict)]
    own = document.get("jobs")
    listed = [job for stage in stages for job in stage.get("jobs") or []]
    listed += own if isinstance(own, list) else []
    jobs = [job for job in listed if isinstance(job, dict)]
    linked = len(stages) >= 2 or any(job.get("dependsOn") for job in jobs)
    scripts = {
        str(job.get("job") or job.get("deployment") or index): list(
            values_under(job, AZURE_SHELL_KEYS)
        )
        for index, job in enumerate(jobs)
    }
    return linked, scripts


TRAINING_SCRIPT = lazy_pattern(r"\bpython3?[ \t]+(?:-m[ \t]+)?[\w./-]*train\w*\b")
# What an Azure ML environment file holds (its schema, or the conda file beside its image).
# Folders of usage examples, tests and documentation: what they declare is shown, not run.
SHOWN_OR_TESTED = lazy_pattern(r"(?i)(?:^|/)(?:examples?|samples?|tests?|docs?)/")
# The calls that make a Kubeflow Pipelines component of a Python function, in its SDK's
# v2 (`@dsl.component`, `@dsl.container_component`) and v1 (`create_component_from_func`,
# `func_to_container_op`).
KFP_COMPONENT_CALLS = frozenset(
    {"component", "container_component", "create_component_from_func", "func_to_container_op"}
)
ENVIRONMENT_HINT = content_hints(
    "environment.schema.json",
    "conda_file:",
    "base_image:",
    "baseImage:",
    "azuremlschemas",
    within=("*.yml", "*.yaml"),
)
# A notebook that builds an Azure ML environment from an image with the SDK.
NOTEBOOK_ENVIRONMENT_HINT = content_hints("Environment(", within=("*.ipynb",))
# A YAML file of Azure ML v2 (a job, a component, a deployment), by its schema's address.
AZURE_ML_SCHEMA = lazy_pattern(r"azuremlschemas|/azureml/")


def azure_ml_inline_images(document: dict[Any, Any]) -> list[str]:
    """The images of the environments an Azure ML v2 job, component or online deployment
    defines inline (`environment: {image: ..., conda_file: ...}`), its own or those of a
    pipeline's steps (`jobs: {train: {environment: ...}}`): the YAML names Azure ML's
    schema, or the inline environment pairs its image with a conda file."""
    schema = document.get("$schema")
    azure_ml = isinstance(schema, str) and bool(AZURE_ML_SCHEMA.search(schema))
    steps = document.get("jobs")
    holders = [document, *(steps.values() if isinstance(steps, dict) else [])]
    images = []
    for holder in holders:
        environment = holder.get("environment") if isinstance(holder, dict) else None
        if not isinstance(environment, dict):
            continue
        image = environment.get("image")
        if isinstance(image, str) and image and (azure_ml or "conda_file" in environment):
            images.append(image)
    return images


# Azure ML v1's run configuration (`az ml run submit-script -c train`), YAML.
RUN_CONFIGURATION = lazy_pattern(r"\.runconfig$")
SKAFFOLD = lazy_pattern(r"(?:^|/)skaffold\.ya?ml$")
# A DVC pointer that tracks a model: named for one, or for a model file.
MODEL_POINTER = lazy_pattern(
    r"(?i)(?:^|/)(?:models?|weights|checkpoints?|artifacts?)(?:/[^/]*)?\.dvc$"
    r"|\.(?:pkl|pickle|joblib|onnx|pt|pth|h5|keras|bin|safetensors)\.dvc$"
)


def _points_at_model(pointer: str) -> bool:
    """Whether a `.dvc` pointer tracks a model: by its folder or its file's extension
    (`models/`, `artifacts/`, `model.pkl.dvc`), unless the file it tracks is a table
    (`artifacts/raw_data.csv.dvc`): a table is data, whatever folder holds it."""
    tracked = pointer[: -len(".dvc")].lower()
    return bool(MODEL_POINTER.search(pointer)) and not tracked.endswith(TABULAR_DATA)


# The marker of a Python environment's folder: venv's `pyvenv.cfg`, conda's history.
ENVIRONMENT_MARKER = lazy_pattern(r"^(.+)/(?:pyvenv\.cfg|conda-meta/history)$")
# torch under its pip and conda names, and the release from which `torch.load` unpickles
# only tensors and plain containers unless told `weights_only=False`.
TORCH_NAMES = frozenset({"torch", "pytorch"})
WEIGHTS_ONLY_DEFAULT = (2, 6)
COMPOSE_BUILD = lazy_pattern(r"(?m)^\s+build\s*:")


# An image that runs a tool (a notebook server, Kedro, an orchestrator, a tracking UI,
# Dagster's webserver or code server) serves no model of the repository's, whatever port
# it exposes.
TOOL_COMMAND = lazy_pattern(
    r"(?i)\b(?:jupyter|kedro|airflow|tensorboard|mlflow\W+(?:ui|server)|dagster|dagit"
    r"|prefect\W+(?:server|worker|agent))\b"
)


def _serves(dockerfile: Dockerfile) -> bool:
    """Whether the image serves: it exposes a port, starts a server, or is built on AWS
    Lambda's base image (the Lambda runtime serves its handler) or TensorFlow Serving's
    (its entrypoint starts the model server); not a tool's server, nor an image whose own
    command gives a place to work (`CMD ["/bin/bash"]`, `sleep infinity`: a workbench,
    whatever port it exposes)."""
    commands = [i.arguments for i in dockerfile.instructions if i.keyword in ("CMD", "ENTRYPOINT")]
    if any(TOOL_COMMAND.search(command) for command in commands):
        return False
    if runs_a_workbench(dockerfile):
        return False
    if any(
        i.keyword == "FROM" and SERVING_BASE.match(from_image(i.arguments, dockerfile))
        for i in dockerfile.instructions
    ):
        return True
    return any(i.keyword == "EXPOSE" for i in dockerfile.instructions) or any(
        SERVER_COMMAND.search(command) for command in commands
    )


# Base images whose own entrypoint serves: AWS Lambda's for Python (its ECR gallery and
# Docker Hub names), TensorFlow Serving's (not its `-devel` build images).
SERVING_BASE = lazy_pattern(
    r"(?i)public\.ecr\.aws/lambda/|amazon/aws-lambda-"
    r"|(?:docker\.io/)?tensorflow/serving(?::(?![\w.-]*devel)|$)"
)


# Files a project reads its data from: programs, notebooks, configurations, task files.
DATA_READER_FILE = lazy_pattern(
    r"(?i)\.(?:pyw?|ipynb|ya?ml|toml|cfg|ini|json|sh|mk|r|sql|scala)$"
    r"|(?:^|/)(?:[Mm]akefile|Dockerfile[^/]*|[Jj]enkinsfile|[Ss]nakefile|justfile)$"
)
# A repository committing more data files than this commits its data: the names of the
# first ones are enough to tell.
MAX_DATA_NAMES = 200
# A workflow file GitHub never runs: under a subfolder's `.github/workflows/`.
NESTED_WORKFLOW = lazy_pattern(r"./\.github/workflows/")
# What DVC records data with, in any folder: pointer files, a pipeline and its lock.
DVC_RECORD = lazy_pattern(r"(?:^|/)(?:[^/]+\.dvc|dvc\.ya?ml|dvc\.lock)$")
# Programs and tasks that have DVC track data themselves.
DVC_DRIVERS = (b"dvc add", b"dvc import", b"dvc.api", b"dvc.repo", b"dvc stage add", b"dvc run")
# A `.gitattributes` line that has Git LFS store the files its pattern matches.
LFS_LINE = lazy_pattern(r"^[^#\s]\S*\s.*\bfilter=lfs\b")
# Kedro's data catalogs (`conf/base/catalog.yml`, `catalog_raw.yml`).
KEDRO_CATALOG = lazy_pattern(r"(?:^|/)catalog[^/]*\.ya?ml$")
# A Kedro data set type that holds a table (not a pickled model).
KEDRO_TABLE = lazy_pattern(r"(?i)^(?:kedro_datasets\.)?(?:pandas|polars|spark|dask|ibis)\.")


def _versioned_table(entry: Any) -> bool:
    """Whether a Kedro catalog entry is a table kept `versioned: true`."""
    entry = _mapping(entry)
    if entry.get("versioned") is not True:
        return False
    kind, path = str(entry.get("type", "")), str(entry.get("filepath", ""))
    return bool(KEDRO_TABLE.search(kind)) or path.lower().endswith(TABULAR_DATA)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _test_or_data(rel: str) -> bool:
    """A test's file (a test module, anything under tests/), or data itself."""
    parts = rel.split("/")
    in_tests = any(part in ("tests", "test") for part in parts[:-1])
    return in_tests or is_test_path(rel) or bool(IN_DATA_FOLDER.search(rel))


def _keeps_terminal_on_checkout(service: dict[str, Any]) -> bool:
    """Whether a compose service keeps a terminal open (`tty: true`, `stdin_open: true`)
    on the working copy mounted into it (a volume of `.`, `..` or `$PWD`)."""
    if service.get("tty") is not True and service.get("stdin_open") is not True:
        return False
    volumes = service.get("volumes")
    sources = [str(v).split(":", 1)[0].rstrip("/") for v in volumes or () if isinstance(v, str)]
    return any(source in CHECKOUT_MOUNTS for source in sources)


def _native_web_service(service: object) -> bool:
    """Whether a render.yaml service is a web service Render builds on a language runtime
    (`env: python`), not from a Dockerfile or an image, nor a static site (`runtime:
    static`) that serves files and runs no code."""
    if not isinstance(service, dict) or service.get("type") != "web":
        return False
    runtime = str(service.get("runtime", service.get("env", "")))
    return runtime not in ("", "docker", "image", "static")


def _front_matter(text: str) -> str:
    """The YAML front matter that opens a Markdown file (between its `---` lines), or ""."""
    if not text.startswith("---"):
        return ""
    end = text.find("\n---", 3)
    return text[3:end] if end != -1 else ""
