"""Whether the repository's services serve a model: the code a service runs, and the
web apps whose code neither loads, runs nor names a model (a viewer that plots a run's
saved tensors, an HTTP trigger that starts a pipeline). The checks of a model's service
(its health route, its monitoring, its contract tests) do not apply to those."""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from functools import cache

from mlops_scaffold.doctor.checks.base import TRAINING_CODE, TextOf, TreeOf
from mlops_scaffold.doctor.checks.started_programs import SHELL_PYTHON, resolve
from mlops_scaffold.doctor.pycode import dotted, first_string, walked
from mlops_scaffold.doctor.recognisers import MODEL_USE as MODEL_CALL
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Dockerfile
from mlops_scaffold.repo.parsers import Instruction
from mlops_scaffold.repo.required_text import matches_anywhere

# A name that says the code uses a model: the model itself, its predictions, an inference,
# an LLM and its answers, what a model is for (`recommend`, `classify`, `forecast`), or
# the call that asks a SageMaker endpoint for predictions (`invoke_endpoint`).
# Pydantic's and SQLModel's names for a data schema, which every FastAPI app uses: a
# schema is no model of machine learning (`class Status(BaseModel)`, `response_model=`).
SCHEMA_NAME = lazy_pattern(
    r"(?:BaseModel|RootModel|SQLModel|create_model|response_model\w*"
    r"|model_(?:config|dump\w*|validate\w*|fields\w*|copy|rebuild|json_schema|construct"
    r"|post_init|computed_fields|extra))$"
)
MODEL_WORD = lazy_pattern(
    r"(?i)model|pred|infer|llm|answer|completion|recommend|embed|classif|forecast|detect|generat"
    r"|invoke_endpoint"
)
MODEL_USE = lazy_pattern(MODEL_CALL)
# A name for a model held or run (`model`, `self.classifier`, `train_model`,
# `run_inference`, `predict_batch`), not a reference to a model watched from outside
# (`model_id`) nor a prediction it is sent to watch (`y_pred`, `record_prediction`).
MODEL_HELD = lazy_pattern(
    r"(?i)(?:^|_)(?:model|predictor|classifier|regressor|estimator|clf|llm|inference)s?$"
    r"|^_?(?:predict|infer)"
)
# A call that loads a model artefact (not one that asks an endpoint for predictions).
MODEL_LOAD = lazy_pattern(
    r"(?:\bload_model|\btorch\.load|\bjoblib\.load|\b(?:pickle|cpickle|dill|cloudpickle)\.load"
    r"|\.from_pretrained|\bpipeline|\bInferenceSession|\bsaved_model\.load)\s*\("
)
# A serving platform's contract for the container it runs: SageMaker's `/invocations`
# route, Vertex AI's routes named by the environment (`AIP_PREDICT_ROUTE`).
PLATFORM_CONTRACT = lazy_pattern(r"""["']/invocations["']|\bAIP_(?:PREDICT|HEALTH)_ROUTE\b""")
# What builds a response from a message, not a page (`render_template`, `HTMLResponse`).
MESSAGE_BUILDERS = frozenset(
    {
        "jsonify",
        "make_response",
        "dict",
        "Response",
        "JSONResponse",
        "ORJSONResponse",
        "PlainTextResponse",
    }
)
# What builds a response, a message or a page (`jsonify`, `render_template`, `FileResponse`):
# a handler that only calls these answers with what it is given and does no work.
RESPONSE_BUILDERS = MESSAGE_BUILDERS | {
    "render_template",
    "render_template_string",
    "TemplateResponse",
    "HTMLResponse",
    "FileResponse",
    "RedirectResponse",
    "redirect",
    "url_for",
    "send_file",
    "send_from_directory",
    "abort",
    "HTTPException",
}
# Calls that only report what a handler does: a log line or a print.
REPORTING_CALLS = frozenset(
    {"debug", "info", "warning", "warn", "error", "critical", "exception", "log", "print"}
)
# Route decorators (`@app.post("/predict")`, `@router.api_route(...)`, Flask's `route`).
ROUTES = frozenset({"get", "post", "put", "route", "api_route"})
# A route that answers with a prediction, by its path or its handler's name.
PREDICTION_ROUTE = lazy_pattern(
    r"(?i)predict|infer|score|invocations|classif|forecast|generate|recommend"
)
# The last segment of a health check's path.
HEALTH_SEGMENT = lazy_pattern(
    r"(?i)_?(?:health(?:z|[-_]?check)?|livez|readyz|ready|readiness|liveness|ping|heartbeat)"
)
# A Dockerfile's exec form (`CMD ["python", "server.py"]`) read as the shell form.
EXEC_FORM = lazy_pattern(r"[\[\]\",]")
# Seldon Core's Python wrapper: it serves the class of the module `$MODEL_NAME` names.
SELDON_WRAPPER = lazy_pattern(r"\bseldon-core-microservice\b")


def service_code(
    serving_path: list[str],
    dockerfiles: list[Dockerfile],
    file_set: frozenset[str],
    text: TextOf,
    modules_run_by: Callable[[list[str]], list[str]],
) -> list[str]:
    """The code the service runs: its serving path, and the programs the repository's
    images start (`CMD ["python", "/app/consumer.py"]`, a loop that answers requests from
    a queue) with the modules they import; a program that fits a model is no service."""
    started = set(image_services(dockerfiles, file_set, text)) - set(serving_path)
    if not started:
        return serving_path
    served = set(serving_path)
    return [*serving_path, *(rel for rel in modules_run_by(sorted(started)) if rel not in served)]


def image_services(
    dockerfiles: list[Dockerfile], file_set: frozenset[str], text: TextOf
) -> list[str]:
    """The programs the repository's images start that fit no model: services (a loop
    that answers requests from a queue), not training jobs."""
    started = started_by_images(dockerfiles, file_set)
    return sorted(rel for rel in started if not TRAINING_CODE.search(text(rel) or ""))


def own_model_servers(
    entries: list[str],
    covered: tuple[str, ...],
    text: TextOf,
    modules_run_by: Callable[[list[str]], list[str]],
    elsewhere: AbstractSet[str] = frozenset(),
) -> list[str]:
    """The `entries` (services and the programs images start) outside the folders a
    serving platform serves (`covered`) whose code loads a model artefact itself
    (`joblib.load(`, `torch.load(`, `from_pretrained(`): the repository's own model
    servers beside the platform. A relay that forwards requests to the platform's
    endpoint (`endpoint.predict(...)`, `invoke_endpoint(...)`) loads none; a container
    that answers the platform's serving contract (SageMaker's `/invocations`, Vertex AI's
    `AIP_PREDICT_ROUTE`) is the model server the platform runs, and the modules
    `elsewhere` runs (an orchestrator's pipeline steps an app imports to submit them) are
    not the service's code."""
    if not covered:
        return []
    contract = {rel for rel in entries if PLATFORM_CONTRACT.search(text(rel) or "")}
    run_by_platform = set(modules_run_by(sorted(contract))) if contract else set()

    @cache  # each module read once, however many entries run it
    def loads_a_model(module: str) -> bool:
        return matches_anywhere(MODEL_LOAD, text(module) or "")

    found = []
    for rel in dict.fromkeys(entries):
        if rel.startswith(covered) or rel in run_by_platform:
            continue
        code = [module for module in modules_run_by([rel]) if module not in elsewhere]
        if contract & set(code):
            continue
        if any(loads_a_model(module) for module in code):
            found.append(rel)
    return found


def started_by_images(dockerfiles: list[Dockerfile], file_set: frozenset[str]) -> set[str]:
    """The Python scripts of the repository the images' final stages start by their CMD or
    ENTRYPOINT (`python /app/inference_model/server.py`: the repository's file whose path
    ends with it), and the modules an image of Seldon Core's Python wrapper copies in
    (`seldon-core-microservice $MODEL_NAME` serves the class of the module named so)."""
    started: set[str] = set()
    for dockerfile in dockerfiles:
        final = dockerfile.stages[-1] if dockerfile.stages else []
        for instruction in final:
            if instruction.keyword not in ("CMD", "ENTRYPOINT"):
                continue
            words = EXEC_FORM.sub(" ", instruction.arguments)  # `["python", "x.py"]`
            for match in SHELL_PYTHON.finditer(words):
                script = resolve(match[1], file_set)
                started |= {script} if script is not None else set()
            if SELDON_WRAPPER.search(words):
                started |= _copied_modules(dockerfile, final, file_set)
    return started


def _copied_modules(
    dockerfile: Dockerfile, stage: list[Instruction], file_set: frozenset[str]
) -> set[str]:
    """The Python modules of the repository a stage copies from its build context (the
    Dockerfile's folder): those named (`COPY Predictor.py /microservice/`) and those at the
    top of a folder copied whole (`COPY . /microservice`)."""
    folder = dockerfile.path.rpartition("/")[0]
    prefix = f"{folder}/" if folder else ""
    found: set[str] = set()
    for source in (s for i in stage for s in i.copied_sources):
        rel = posixpath.normpath(prefix + source.strip("\"'"))
        if rel.endswith(".py") and rel in file_set:
            found.add(rel)
        elif not rel.endswith(".py"):
            inside = "" if rel == "." else f"{rel}/"
            found |= {
                path
                for path in file_set
                if path.startswith(inside)
                and path.endswith(".py")
                and "/" not in path.removeprefix(inside)
            }
    return found


def fixed_answer(value: ast.expr | None) -> bool:
    """Whether a returned value is made of literals only: a string, a dict or list of
    them, or a response built from them (`jsonify({"status": "ok"})`)."""
    if value is None:
        return False
    builds = [call for call in ast.walk(value) if isinstance(call, ast.Call)]
    if any(dotted(call.func).rpartition(".")[2] not in MESSAGE_BUILDERS for call in builds):
        return False  # a page rendered (`render_template("home.html")`) or work done
    called = {id(part) for call in builds for part in ast.walk(call.func)}
    return not any(
        isinstance(node, ast.Name | ast.Attribute | ast.Subscript | ast.FormattedValue)
        and id(node) not in called
        for node in ast.walk(value)
    )


def uses_a_model(code: list[str], text: TextOf) -> bool:
    """Whether the service's code loads or runs a model (`joblib.load(`, `.predict(`,
    `from_pretrained(`): it makes its predictions itself."""
    return any(matches_anywhere(MODEL_USE, text(rel) or "") for rel in code)


def serves_no_model(code: list[str], syntax_tree: TreeOf) -> bool:
    """Whether the service's code does work of its own that is not a model's: no
    identifier of it names a model, a prediction or what a model gives (`model`, `y_pred`,
    `llm`, `answer`, `recommend`...; a schema's `BaseModel` or `response_model` names
    none), or it monitors drift (`monitors_drift`), and a function of it calls more than a
    response's builder (a viewer that plots a run's saved tensors, an HTTP trigger that
    starts a pipeline). Code that does nothing yet (a bare `app = FastAPI()`, routes that
    answer fixed messages) is the model's service still to be written; code that cannot be
    read (a notebook, a file that does not parse) may name a model."""
    works = False
    names: set[str] = set()
    for rel in code:
        tree = syntax_tree(rel) if rel.endswith(".py") else None
        if tree is None:
            return False
        names |= set(identifiers(tree))
        works = works or any(_works(node) for node in walked(tree))
    modelled = {name for name in names if MODEL_WORD.search(name) and not SCHEMA_NAME.match(name)}
    return works and (not modelled or monitors_drift(names, modelled))


def monitors_drift(names: AbstractSet[str], modelled: AbstractSet[str]) -> bool:
    """Whether code with these identifiers watches other models' data for drift and holds
    no model of its own: a name says drift (`DriftDetection`, `compute_drift`) and those
    naming a model only refer to the one watched (`model_id`, `model_version`), a drift
    detection (`detection_id`), a report (`generate_report`) or the predictions it is sent
    (`y_pred`): none is a model or its run (`model`, `self.classifier`, `predict_batch`).
    """
    return any("drift" in name.lower() for name in names) and not any(
        MODEL_HELD.search(name) for name in modelled
    )


def _works(node: ast.AST) -> bool:
    """Whether `node` is a function whose body (not its route decorator) calls more than a
    response's builder."""
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
        isinstance(call, ast.Call) and dotted(call.func).rpartition(".")[2] not in RESPONSE_BUILDERS
        for statement in node.body
        for call in ast.walk(statement)
    )


def identifiers(tree: ast.Module) -> Iterator[str]:
    """The names the module's code gives or uses: variables, attributes, parameters,
    keywords, functions, classes and imports (not its strings)."""
    for node in walked(tree):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, (ast.arg, ast.keyword)) and node.arg:
            yield node.arg
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name
        elif isinstance(node, ast.alias):
            yield node.asname or node.name


def answers_no_prediction(code: list[str], syntax_tree: TreeOf) -> tuple[str, int, str] | None:
    """(module, line, what) when the routes of the service's code answer no prediction:
    each is a prediction route (`@app.post("/predict")`, a handler named `predict`) that
    answers a fixed message and does nothing else (no call but a log line and the
    response's builder, every answer outside an `except` a literal: `return {"message":
    "Prediction endpoint success"}`), or a health check (a path or handler named for
    health, a root route that answers a fixed message). None when the code declares no
    route, or one that does other work (predicts, queries, renders a page)."""
    stub: tuple[str, int, str] | None = None
    health: tuple[str, int] | None = None
    for rel in code:
        tree = syntax_tree(rel) if rel.endswith(".py") else None
        for handler, paths in _routes(tree) if tree is not None else ():
            path = paths[0] or handler.name
            if PREDICTION_ROUTE.search(" ".join([handler.name, *paths])):
                if not _answers_a_fixed_message(handler):
                    return None  # a prediction route that does work: a service
                stub = stub or (rel, handler.lineno, f"{path} answers a fixed message")
            elif _checks_health(handler, paths):
                health = health or (rel, handler.lineno)
            else:
                return None  # a route that does other work
    if stub is None and health is not None:
        return health[0], health[1], "its only routes check health"
    return stub


Handler = ast.FunctionDef | ast.AsyncFunctionDef


def routes(
    tree: ast.Module, methods: frozenset[str] = ROUTES
) -> Iterator[tuple[Handler, list[ast.Call]]]:
    """Each function the module declares as a route, with its route decorators (`@app.get(
    "/health")`; `methods`: the decorators' names read)."""
    for node in walked(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            declared = [
                d
                for d in node.decorator_list
                if isinstance(d, ast.Call) and dotted(d.func).rpartition(".")[2] in methods
            ]
            if declared:
                yield node, declared


def _routes(tree: ast.Module) -> Iterator[tuple[Handler, list[str]]]:
    """Each route the module declares with a decorator, with its paths."""
    for handler, declared in routes(tree):
        yield handler, [first_string(d) or "" for d in declared]


def _checks_health(handler: Handler, paths: list[str]) -> bool:
    """Whether a route is a health check: its path ends in a health word (`/health`,
    `/qdrant/health`, `/ready`), its handler is named for health, or it is the root route
    answering a fixed message."""
    return (
        any(HEALTH_SEGMENT.fullmatch(path.rstrip("/").rpartition("/")[2]) for path in paths)
        or "health" in handler.name.lower()
        or ("/" in paths and _answers_a_fixed_message(handler))
    )


def _answers_a_fixed_message(handler: Handler) -> bool:
    """Whether a handler, outside its `except` blocks, only logs and answers literals."""
    nodes = [n for statement in handler.body for n in _outside_handlers(statement)]
    answers = [n for n in nodes if isinstance(n, ast.Return)]
    return (
        bool(answers)
        and all(fixed_answer(answer.value) for answer in answers)
        and all(
            dotted(call.func).rpartition(".")[2] in REPORTING_CALLS | RESPONSE_BUILDERS
            for call in nodes
            if isinstance(call, ast.Call)
        )
    )


def _outside_handlers(node: ast.AST) -> Iterator[ast.AST]:
    """`node` and the nodes below it, but those of `except` blocks (an error's answer)."""
    yield node
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, ast.ExceptHandler):
            yield from _outside_handlers(child)
