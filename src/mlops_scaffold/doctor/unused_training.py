"""Modules that hold training code no program runs: a model's `fit` inside functions that
nothing calls (a `ModelService.train` left behind when the training moved elsewhere), or a
script that fits a model only to write a fixture for the tests, or a model fitted anew
inside each prediction. A repository whose only such code is this trains nothing: its
data, pipeline and runs are not judged (DATA001, DATA004, DATA005, EXP001)."""

from __future__ import annotations

import ast

from mlops_scaffold.doctor.checks.base import TRAINING_CALL_TEXTS
from mlops_scaffold.doctor.pycode import dotted, walked
from mlops_scaffold.lazy_pattern import lazy_pattern

# The method names of the training calls (`.fit(`, `.train(`) and a `Trainer(`.
TRAINING_METHODS = frozenset(text.strip(".(") for text in TRAINING_CALL_TEXTS)
# Path parts of a tests folder, and the word that names what a script writes there.
TEST_FOLDERS = frozenset({"tests", "test"})
FIXTURE_WORD = "fixture"
# The names of methods that answer with predictions (`predict`, `predict_proba`,
# `forecast`, `infer`).
PREDICTING = lazy_pattern(r"^(?:predict|forecast|infer)(?:_\w+)?$")
# A call that keeps what was fitted (`joblib.dump`, `model.save`, `torch.save`).
KEEPS = frozenset({"dump", "save", "save_model", "save_pretrained", "log_model"})


def fitting_functions(tree: ast.Module) -> set[str] | None:
    """The names of the methods whose bodies hold the module's training calls
    (`model.fit(x, y)`, `Trainer(...)`), when every such call sits in one; None
    when one runs with the module (at its top level, under a `__main__` block) or sits in
    a decorated function (a route, a task, a command: its framework calls it by no name
    the code writes) or in a dunder method (`__call__`)."""
    names: set[str] = set()
    seen: set[int] = set()
    for owner in _methods(tree):
        inside = [node for node in walked(owner) if _trains(node)]
        if not inside:
            continue
        if owner.decorator_list or owner.name.startswith("__"):
            return None
        names.add(owner.name)
        seen.update(id(node) for node in inside)
    everywhere = [node for node in walked(tree) if _trains(node)]
    if any(id(node) not in seen for node in everywhere):
        return None
    return names


def named_outside(tree: ast.Module, name: str) -> bool:
    """Whether the module names `name` (`train(...)`, `obj.train`, `node(func=train)`)
    outside the bodies of the functions of that name."""
    own = {id(node) for owner in _functions(tree) if owner.name == name for node in walked(owner)}
    return any(
        id(node) not in own
        and (
            (isinstance(node, ast.Name) and node.id == name)
            or (isinstance(node, ast.Attribute) and node.attr == name)
        )
        for node in walked(tree)
    )


def builds_a_test_fixture(tree: ast.Module) -> bool:
    """Whether a script writes a fixture for the tests: it names a tests folder in a path
    (`"tests/fixtures/model.pkl"`, or joined: `ROOT / "tests" / "fixtures"`) and a fixture
    (a string or a name holding the word). A bare "test" is no folder (`split="test"`)."""
    strings = [
        node.value
        for node in walked(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    joined = any(
        isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _names_tests(node)
        for node in walked(tree)
    )
    in_tests = joined or any(
        text.split("/", 1)[0] in TEST_FOLDERS and "/" in text for text in strings
    )
    names = [node.id for node in walked(tree) if isinstance(node, ast.Name)]
    return in_tests and any(FIXTURE_WORD in word.lower() for word in [*strings, *names])


def _names_tests(join: ast.BinOp) -> bool:
    """Whether a path join (`ROOT / "tests" / "fixtures"`) has a tests folder as a part."""
    return any(
        isinstance(side, ast.Constant) and side.value in TEST_FOLDERS
        for side in (join.left, join.right)
    )


def _methods(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The methods of the module's classes: a module-level function that fits may be
    started by its name from places the code does not spell (a console script, a job)."""
    return [
        item
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        for item in node.body
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def _functions(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The module's functions and its classes' methods (not the functions nested in them:
    their owner is the function that defines them)."""
    found: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append(node)
        elif isinstance(node, ast.ClassDef):
            found += [
                item
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
    return found


def _trains(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Attribute):
        return node.func.attr in TRAINING_METHODS or node.func.attr == "Trainer"
    return dotted(node.func) == "Trainer"


def fits_what_it_predicts(tree: ast.Module, names: set[str]) -> bool:
    """Whether every training call of a module (in the methods `names`, see
    `fitting_functions`) sits in a method that predicts (`def predict(self, rows)`), and
    the module keeps nothing it fits: a model fitted to each request's own data, as a
    trend line is, is no trained model."""
    if not all(PREDICTING.match(name) for name in names):
        return False
    return not any(
        isinstance(node, ast.Call) and dotted(node.func).rpartition(".")[2] in KEEPS
        for node in walked(tree)
    )
