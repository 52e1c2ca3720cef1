"""SERVE: the model is a service with health endpoints, loading nothing that runs code."""

from __future__ import annotations

import ast
import re

from mlops_scaffold.doctor.checks.base import (
    Check,
    FilesContaining,
    Hit,
    Outcome,
    Passed,
    TextOf,
    TreeOf,
    content_hints,
    mentions,
)
from mlops_scaffold.doctor.pycode import (
    Indexed,
    calls,
    dotted,
    enclosing_function,
    indexed,
    keyword_is,
    keyword_is_present,
    resolved,
)

# `/status` only as a whole route: `/status/{job_id}` reports a job, not the service.
# Health in its spellings: `/health`, `/healthz`, `/healthcheck`, `/health_check`,
# `/health-check`, `/_health`; a word that only starts so (`/healthcare`) is not one.
HEALTH_ROUTE = re.compile(
    r"""['"]/(?:(?:_?health(?:z|[-_]?check)?|livez|readyz|ready|readiness|liveness|ping"""
    r"""|heartbeat)\b|status['"])"""
)
# An OpenAPI specification's operation named for health (connexion, OpenAPI generators).
OPENAPI_FILES = (".yaml", ".yml", ".json")
HEALTH_OPERATION = re.compile(r"""(?im)["']?operationId["']?\s*:\s*["']?[\w.]*health""")
# Calls that unpickle (can run code when loading), as module.function.
UNSAFE_LOADS = frozenset(
    {
        "pickle.load",
        "pickle.loads",
        "cloudpickle.load",
        "cloudpickle.loads",
        "dill.load",
        "dill.loads",
        "joblib.load",
        "pandas.read_pickle",
        "torch.load",
    }
)
UNSAFE_HINTS = content_hints("pickle", "joblib", "dill", "torch.load", within=("*.py",))
LOAD_CALLS = ("load(", "loads(", "read_pickle(")  # a file without one is not parsed
# A path or name that says the file is a data set (a feature matrix), not a model.
DATA_WORDS = re.compile(
    r"(?i)(?:^|[^a-z])(?:data|datasets?|features?|train|test|val|valid|x|y|df|frame|matrix"
    r"|embeddings?)(?:[^a-z]|$)"
)
MODEL_WORDS = re.compile(
    r"(?i)model|clf|classifier|regressor|estimator|pipeline|checkpoint|ckpt|weights|\.pth?\b"
)
# Calls on the load path that verify what is loaded.
VERIFIES = re.compile(r"(?i)hashlib|hmac|sha256|checksum|digest|verify")


def answered_by_platform(
    check_id: str, back_end_files: list[str], platform_covers: dict[str, tuple[str, ...]]
) -> bool:
    """Whether serving platforms satisfy `check_id` for every back-end service: a
    platform answers for the services in its own folders only."""
    covered = platform_covers.get(check_id)
    return covered is not None and all(rel.startswith(covered) for rel in back_end_files)


class SERVE001(Check):
    """Passes when a source module (not a test) imports a web framework: FastAPI, Flask,
    Starlette, BentoML, LitServe, KServe, MLServer, Sanic, Falcon or Tornado, or runs as a
    Streamlit app that loads or runs a model or a Gradio app that predicts."""

    @staticmethod
    def check(service_files: list[str]) -> Outcome:
        return bool(service_files)


class SERVE002(Check):
    """Passes when a service module declares a route such as `/health`, `/healthz`,
    `/healthcheck`, `/_health`, `/ready`, `/livez`, `/ping` or `/status`, an OpenAPI
    specification routes an operation named for health (connexion's
    `operationId: api.controller.health`), or the framework provides one (BentoML,
    KServe, MLServer) for every back-end service (a Lambda handler's platform does not
    answer for a Flask app in another folder)."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(
        service_files: list[str],
        back_end_files: list[str],
        platform_covers: dict[str, tuple[str, ...]],
        text: TextOf,
        files: tuple[str, ...],
    ) -> Outcome:
        if answered_by_platform("SERVE002", back_end_files, platform_covers):
            return True
        if any(mentions(HEALTH_ROUTE, service_files, text)):
            return True
        specs = [rel for rel in files if rel.endswith(OPENAPI_FILES)]
        spec = next(mentions(HEALTH_OPERATION, specs, text, ("operationid",)), None)
        return Passed(f"{spec} routes a health operation") if spec else False


class SERVE003(Check):
    """Reports calls of `pickle.load`, `joblib.load`, `cloudpickle`/`dill` loads,
    `read_pickle` and `torch.load` without `weights_only=True` in the code a service runs:
    its modules and the repository's own modules they import, directly or not (a model
    package in another folder too; research scripts beside it are not judged). Read from
    the code (never from comments or docstrings), unless the function
    doing the load verifies a hash (hashlib, hmac, a verify/checksum call) or the load
    reads a data set (a path or a target named for data: `X_train, y_train = ...`)."""

    @staticmethod
    def check(
        serving_path: list[str],
        text: TextOf,
        syntax_tree: TreeOf,
        files_containing: FilesContaining,
    ) -> Outcome:
        candidates = set(files_containing(UNSAFE_HINTS))
        hits = []
        for rel in serving_path:  # a sibling project's module (`../`) was not searched
            searched = rel in candidates or rel.startswith("../")
            may_load = searched and any(c in (text(rel) or "") for c in LOAD_CALLS)
            tree = syntax_tree(rel) if may_load else None
            if tree is not None:
                hits += [
                    Hit(rel, line, f"{name}( without an integrity check")
                    for line, name in unsafe_loads(tree)
                ]
        return hits


def unsafe_loads(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, `module.function`) of each load in `tree` that can run code."""
    index = indexed(tree)
    loads = [
        (call, name)
        for call in index.calls
        if (name := resolved(dotted(call.func), index.names)) in UNSAFE_LOADS
        and not (name == "torch.load" and keyword_is(call, "weights_only", True))
    ]
    found = []
    for call, name in loads:
        scope = enclosing_function(call, index.parents) or tree
        if _verifies(scope) or _loads_data(call, scope, index):
            continue
        found.append((call.lineno, name.replace("pandas.", "")))
    return found


def _verifies(scope: ast.AST) -> bool:
    return any(
        VERIFIES.search(dotted(c.func)) or keyword_is_present(c, "trusted") for c in calls(scope)
    )


def _loads_data(call: ast.Call, scope: ast.AST, index: Indexed) -> bool:
    """Whether the load reads a data set: its path, what it is assigned to, or (for a
    helper that returns it) the paths and names at the helper's call sites say data."""
    parents = index.parents
    words = [_argument_text(call, scope), _target_text(call, parents)]
    function = enclosing_function(call, parents)
    if isinstance(parents.get(call), ast.Return) and function is not None:
        for use in index.calls:
            if dotted(use.func).rpartition(".")[2] == function.name:
                words += [" ".join(ast.unparse(a) for a in use.args), _target_text(use, parents)]
    text = " ".join(words)
    return bool(DATA_WORDS.search(text)) and not MODEL_WORDS.search(text)


def _argument_text(call: ast.Call, scope: ast.AST) -> str:
    """The load's argument as written, with `with open(PATH) as f` followed for `f`."""
    text = " ".join(ast.unparse(a) for a in call.args[:1])
    for node in ast.walk(scope):
        if isinstance(node, ast.With):
            for item in node.items:
                variable = item.optional_vars
                if isinstance(variable, ast.Name) and variable.id == text:
                    return ast.unparse(item.context_expr)
    return text


def _target_text(call: ast.Call, parents: dict[ast.AST, ast.AST]) -> str:
    parent = parents.get(call)
    if isinstance(parent, (ast.Assign, ast.AnnAssign)):
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        return " ".join(ast.unparse(t) for t in targets)
    return ""
