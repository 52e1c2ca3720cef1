"""What a check is: a catalogue id, a docstring saying how it detects, a pure predicate.

A check's `check` function names the fixtures it reads as parameters (`workflows`,
`dockerfiles`, `text`, ...); the runner passes the matching attribute of the
repository view, so each parsed file is computed once however many checks read it.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar, NamedTuple

from mlops_scaffold.catalogue import Practice, practice
from mlops_scaffold.doctor.pycode import SourceSegments, parse
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.required_text import matches_anywhere


class Hit(NamedTuple):
    """Where a practice is missing: a file, optionally a line, and what was seen there."""

    path: str | None = None
    line: int | None = None
    detail: str | None = None


@dataclass(frozen=True)
class NotApplicable:
    """The check does not apply to this repository, and why (e.g. "no service")."""

    reason: str


@dataclass(frozen=True)
class Passed:
    """The check is satisfied, and the evidence (`ci.yml:22 → Makefile:4 → pytest`)."""

    evidence: str


def placeholder_hits(hollow_files: dict[str, str], wanted: Callable[[str], object]) -> list[Hit]:
    """The files that would have been a check's evidence (`wanted` paths) but hold nothing
    (`Repo.hollow_files`), each a hit saying so: `.github/workflows/ci.yml is empty`."""
    return [
        Hit(rel, None, f"{rel.rpartition('/')[2]} {why}: a placeholder is no evidence")
        for rel, why in hollow_files.items()
        if wanted(rel)
    ]


# True: satisfied. False: missing (repository-wide). A list of hits: missing there (empty: ok).
Outcome = bool | list[Hit] | NotApplicable | Passed

REGISTRY: dict[str, type[Check]] = {}

# Calls that train a model: `.fit(`, `.train(`, and Keras' older `fit_generator(` and
# `train_on_batch(`; with a `Trainer(` (transformers, Lightning), the code that trains one.
TRAINING_CALL_TEXTS = (".fit(", ".train(", ".fit_generator(", ".train_on_batch(")
TRAINING_CODE = lazy_pattern("|".join(map(re.escape, TRAINING_CALL_TEXTS)) + r"|\bTrainer\(")
# A route a service declares for training (`@app.post("/train")`, `/retrain`, `/grid_train`).
TRAINING_ROUTE = lazy_pattern(
    r"""(?m)^[ \t]*@[\w.]+\.(?:post|get|put|route|api_route)\(\s*["'][^"']*[/_-](?:re)?train"""
)


def service_training(
    serving_path: list[str],
    training_files: list[str],
    text: Callable[[str], str | None],
    names_taken: NamesTaken,
    modules_run_by: Callable[[list[str]], list[str]] | None = None,
) -> str | None:
    """The first module of the code a service runs that is named for training (`train.py`,
    `model_training.py`) and calls a training function: the service trains too (at start,
    on a schedule or on a route); or, else, the first that declares a route for training
    (`@app.post("/train")`) and calls a training function itself (`model.fit(X, y)`), or
    imports, directly or not, a module named for training whose code, or the code it
    imports, calls one (`/train` -> `training_pipeline.py` -> `model_trainer.py` ->
    `estimator.py`'s `self.model.fit(`), or a module defining a function named for training
    that calls one (`train_xgboost_model`). A module only calling `.fit(` may fit a scaler,
    and a `training_config.py` only names paths."""
    named = (
        rel
        for rel in sorted(set(serving_path) & set(training_files))
        if "train" in rel.rpartition("/")[2].lower()
        and TRAINING_CODE.search(text(rel) or "")
        and not only_helpers_taken(rel, serving_path, text, names_taken)
    )
    routed = (
        rel
        for rel in sorted(serving_path)
        if rel.endswith(".py")
        and TRAINING_ROUTE.search(content := text(rel) or "")
        and TRAINING_CODE.search(content)
    )
    chained = (
        f"{rel} -> {trainer}"
        for rel in sorted(serving_path)
        if modules_run_by is not None
        and rel.endswith(".py")
        and TRAINING_ROUTE.search(text(rel) or "")
        for trainer in [_trainer_imported(rel, training_files, text, modules_run_by)]
        if trainer is not None
    )
    return next(named, None) or next(routed, None) or next(chained, None)


def _trainer_imported(
    rel: str,
    training_files: list[str],
    text: Callable[[str], str | None],
    modules_run_by: Callable[[list[str]], list[str]],
) -> str | None:
    """The first module named for training that the module at `rel` imports, directly or
    not, whose code or the code it imports calls a training function; or one that defines
    a function named for training that calls one itself (`xgboost_model.py`'s
    `train_xgboost_model`, `.fit(`)."""
    trainers = set(training_files)
    for module in modules_run_by([rel]):
        if module == rel or module not in trainers:
            continue
        if "train" not in module.rpartition("/")[2]:
            if _defines_a_trainer(text(module) or ""):
                return module
            continue
        if any(TRAINING_CODE.search(text(other) or "") for other in modules_run_by([module])):
            return module
    return None


# A function named for training (`train_xgboost_model`, `retrain`, `fit_and_train`).
TRAINING_FUNCTION_NAME = lazy_pattern(r"(?:^|_)(?:re)?train(?:_|$)")


def _defines_a_trainer(source: str) -> bool:
    """Whether a module defines a function named for training that trains (`_trainers`:
    `def train_xgboost_model(df):` ... `model.fit(X, y)`)."""
    tree = parse(source)
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    defined: list[ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef] = [
        node for node in (tree.body if tree else []) if isinstance(node, functions)
    ]
    named = _trainers(defined, SourceSegments(source)) if defined else set()
    return any(TRAINING_FUNCTION_NAME.search(name) for name in named)


def only_helpers_taken(
    rel: str, importers: list[str], text: Callable[[str], str | None], names_taken: NamesTaken
) -> bool:
    """Whether the modules of `importers` (the code a service or a pipeline runs) import
    from the training module at `rel` only classes or functions it defines that call no
    training function (`from src.train_models.train_cnn import SimpleCNN`, the model's
    architecture to load weights into; `from train import get_encoder`, a factory of the
    encoder the features need), and the module trains nothing at its top level: importing
    them runs none of its training. A package's `__init__.py` that re-exports a trainer
    (`from .training import ChurnTrainer`) takes it only when a module of the program takes
    that name from the package."""
    source = text(rel) or ""
    tree = parse(source)
    body = tree.body if tree else []
    segment = SourceSegments(source)
    definitions = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    if any(
        not isinstance(node, definitions)
        and not is_main_block(node)
        and TRAINING_CODE.search(segment(node) or "")
        for node in body
    ):
        return False  # importing the module runs its training
    defined = [node for node in body if isinstance(node, definitions)]
    trainers = _trainers(defined, segment)
    # a class or function that trains (`TrainAndEvaluateModel`) brings its training along;
    # a constant (`MODEL_NAME`, `TARGET_COLUMN`) is bound by top-level code that trains
    # nothing (checked above)
    classes = {node.name for node in defined if node.name not in trainers} | _constants(body)
    stem = rel.removesuffix(".py").rpartition("/")[2]
    taken: set[str] = set()
    re_exported = False
    for other in importers:
        if other == rel or not other.endswith(".py") or stem not in (text(other) or ""):
            continue  # a module importing `rel` writes its name
        names = names_taken(other).get(rel, frozenset())
        if names is None:
            return False  # the module itself (`import src.train`, `from src import train`)
        if names and other.rpartition("/")[2] == "__init__.py":
            # a package's `from .training import Trainer` only offers the name: it counts
            # when the code takes it from the package (`from src.pkg import Trainer`)
            used = _taken_from_package(other, importers, names_taken)
            re_exported = True
            names = names if used is None else names & used
        taken |= names
    if re_exported and not taken:
        return True  # offered by a package, taken by no module the program runs
    return bool(taken) and taken <= classes


def _taken_from_package(
    package: str, importers: list[str], names_taken: NamesTaken
) -> set[str] | None:
    """The names the modules of `importers` take from a package's `__init__.py`, None when
    one imports the package itself (`import src.pkg`: any of its names may be used)."""
    used: set[str] = set()
    for other in importers:
        if other == package or not other.endswith(".py"):
            continue
        names = names_taken(other).get(package, frozenset())
        if names is None:
            return None
        used |= names
    return used


def _constants(body: list[ast.stmt]) -> set[str]:
    """The names a module's top-level assignments bind (`MODEL_NAME = "xgb"`)."""
    return {
        target.id
        for node in body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }


def _trainers(
    defined: list[ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef], segment: SourceSegments
) -> set[str]:
    """The module's classes and functions that train: they call a training function
    (`.fit(`), or call one of the module's own that does (`get_training_results()` whose
    helper `perform_hyperparameter_tuning` fits), or hand one over to be run
    (`run_in_executor(None, _run_training_sync, job)`), however deep."""
    trainers = {node.name for node in defined if TRAINING_CODE.search(segment(node) or "")}
    called = {
        node.name: {
            call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
            for call in ast.walk(node)
            if isinstance(call, ast.Call)
        }
        # a function handed over to be run (`loop.run_in_executor(None, _train, job)`)
        | {name.id for name in ast.walk(node) if isinstance(name, ast.Name)}
        for node in defined
    }
    grown = True
    while grown:
        found = {name for name, calls in called.items() if calls & trainers} - trainers
        trainers |= found
        grown = bool(found)
    return trainers


def is_main_block(node: ast.stmt) -> bool:
    """Whether a statement is `if __name__ == "__main__":`, which an import does not run."""
    test = node.test if isinstance(node, ast.If) else None
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
    )


# The signatures of the repository view's methods that checks take as fixtures.
TextOf = Callable[[str], "str | None"]
"""`text(path)`: a file's text, None when unreadable, huge or binary."""
BytesOf = Callable[[str], "bytes | None"]
"""`read_bytes(path)`: a small file's bytes."""
TreeOf = Callable[[str], "ast.Module | None"]
"""`syntax_tree(path)`: a Python file's syntax tree, None when unreadable or invalid."""
FilesContaining = Callable[[frozenset[bytes]], list[str]]
"""`files_containing(group)`: the files holding one of a `content_hints` group's literals."""
LinesContaining = Callable[[frozenset[bytes]], dict[str, list[tuple[int, bytes]]]]
"""`lines_containing(group)`: those files -> their lines holding one: (number, bytes)."""
Exists = Callable[[str], bool]
"""`in_checkout(path)`: whether the checkout on disk holds a file or folder."""
FilesMatching = Callable[[str], list[str]]
"""`files_matching(pattern)`: the files with a line matching a `line_hint` pattern."""
NamesTaken = Callable[[str], "dict[str, frozenset[str] | None]"]
"""`names_taken(path)`: the repository's modules a module imports -> the names it takes
from each, None for a module imported itself."""


class Check:
    """Base class: subclasses are named after their catalogue id and define `check`."""

    requires: ClassVar[frozenset[str]] = frozenset()
    # The repository view a check is about (`service_files`): when the check fails while
    # its subject is there, the checks requiring it still judge that subject (a service
    # whose /predict is a stub is still a service whose health and logs are judged).
    subject: ClassVar[str] = ""
    check: ClassVar[Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if re.fullmatch(r"[A-Z]+\d{3}", cls.__name__):
            practice(cls.__name__)  # fails at import time if the catalogue lacks the id
            REGISTRY[cls.__name__] = cls

    @classmethod
    def practice(cls) -> Practice:
        """The catalogue entry this check detects."""
        return practice(cls.__name__)

    @classmethod
    @cache
    def fixtures(cls) -> tuple[str, ...]:
        """The names of the repository views `check` reads (once per check: a monorepo runs
        each check once per project)."""
        return tuple(inspect.signature(cls.check).parameters)

    @classmethod
    def detection(cls) -> str:
        """How the check decides, in the words of its docstring."""
        return inspect.cleandoc(cls.__doc__ or "")


def line_of(text: str, offset: int) -> int:
    """The 1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def mentions(
    pattern: re.Pattern[str],
    paths: Iterable[str],
    text: Callable[[str], str | None],
    hints: tuple[str, ...] = (),
) -> Iterator[str]:
    """The paths among `paths` whose text matches `pattern`, found one by one.

    Lazy, so `any(mentions(...))` stops reading at the first file that matches.
    `hints` are literal strings every match contains (lower-case when the pattern
    ignores case): a text without any of them is not searched, which is much faster.
    """
    for rel in paths:
        content = text(rel) or ""
        if hints:
            haystack = content.lower() if pattern.flags & re.IGNORECASE else content
            if not any(hint in haystack for hint in hints):
                continue
        if matches_anywhere(pattern, content):
            yield rel
