"""Data a test makes up instead of reading: what it writes into a temporary folder, a
frame, an array or a mock it builds from values it spells out, random draws, the values
of `@pytest.mark.parametrize`, a file of the test suite's own fixtures (`tests/fixtures/`),
and the fixtures that give any of these. A test that runs the code on such data tests the
code, not the data the model trains on (DATA005).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum

from mlops_scaffold.doctor.literal_data import draws_at_random
from mlops_scaffold.doctor.pycode import dotted

# pytest's own fixtures: a temporary folder is where a test writes what it makes up; the
# others hold no data at all.
TEMPORARY_FIXTURES = frozenset({"tmp_path", "tmpdir", "tmp_path_factory", "tmpdir_factory"})
NO_DATA_FIXTURES = frozenset(
    {"self", "cls", "request", "monkeypatch", "mocker", "capsys", "capfd", "caplog"}
    | {"pytestconfig", "recwarn"}
)
# Calls that make data up: a temporary file or folder, a frame, an array, a tensor or a
# text buffer built from what the test spells out, a mock, a generated data set.
MAKERS = frozenset(
    {"TemporaryDirectory", "NamedTemporaryFile", "TemporaryFile", "mkdtemp", "mkstemp"}
    | {"DataFrame", "Series", "array", "tensor", "from_dict", "from_records", "StringIO"}
    | {"Mock", "MagicMock", "make_classification", "make_regression", "make_blobs"}
)
# A path into the test suite's own fixtures (`tests/fixtures/raw.csv`, `/ "fixtures" /`).
FIXTURE_FOLDER = re.compile(r"(?:^|[/\\])fixtures?(?:[/\\]|$)")


class Gives(Enum):
    """What a fixture gives a test."""

    READ = "data it reads, or may: a fixture of a plugin's"
    MADE_UP = "data it makes up"
    OTHER = "what it neither reads nor makes up: a path, a configuration, a client"
    NOTHING = "no data: pytest's own fixtures"


def makes_up(expression: ast.AST, names: set[str]) -> bool:
    """Whether an expression makes data up or draws on a name bound to made-up data."""
    for part in ast.walk(expression):
        if isinstance(part, ast.Name) and part.id in names:
            return True
        if isinstance(part, ast.Call) and _makes(dotted(part.func)):
            return True
        if isinstance(part, ast.Constant) and FIXTURE_FOLDER.search(str(part.value)):
            return True
    return False


def _makes(name: str) -> bool:
    return name.rpartition(".")[2] in MAKERS or draws_at_random(name)


def bindings(scope: ast.AST) -> Iterator[tuple[list[str], ast.expr]]:
    """Each assignment of the scope as (names bound, value), `with ... as name` and a
    `for` loop's target too; the scope's own statements for a module, every nested one for
    a function."""
    nodes = ast.walk(scope) if not isinstance(scope, ast.Module) else iter(scope.body)
    for node in nodes:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets: list[ast.expr] = (
                node.targets if isinstance(node, ast.Assign) else [node.target]
            )
            yield _names(targets), node.value
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                if item.optional_vars is not None:
                    yield _names([item.optional_vars]), item.context_expr
        elif isinstance(node, ast.For | ast.AsyncFor):  # `for label in labels:`
            yield _names([node.target]), node.iter


def _names(targets: list[ast.expr]) -> list[str]:
    return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]


# Calls that point the code under test somewhere else: pytest's monkeypatch, unittest.mock.
REDIRECTS = frozenset({"setattr", "setenv", "setitem", "chdir", "patch", "object", "dict"})
# What a mock gives the code that calls it.
MOCK_RESULTS = frozenset({"return_value", "side_effect"})


def redirects_to_made_up(
    function: ast.FunctionDef | ast.AsyncFunctionDef, made_up: set[str]
) -> bool:
    """Whether a test points the code's paths or sources at made-up data
    (`monkeypatch.setattr("pkg.DATA_DIR", tmp_path)`, `monkeypatch.chdir(tmp_path)`,
    `mock.patch("pkg.load", return_value=frame)` with a frame it built, or a patched
    reader's mock told to return it, `mock_fetch.return_value = frame`): the code's readers
    then read what the test wrote. A mock put in place of a service (`setattr(mlflow,
    "log_metric", Mock())`) holds no data: only names bound to made-up data count."""
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Attribute) and target.attr in MOCK_RESULTS
            for target in node.targets
        ):
            if not _bare_mock(node.value) and makes_up(node.value, made_up):
                return True
            continue
        if not (isinstance(node, ast.Call) and dotted(node.func).rpartition(".")[2] in REDIRECTS):
            continue
        values = [*node.args, *(keyword.value for keyword in node.keywords)]
        if any(
            isinstance(part, ast.Name) and part.id in made_up
            for value in values
            for part in ast.walk(value)
        ):
            return True
    return False


def _bare_mock(expression: ast.expr) -> bool:
    """A mock made on the spot (`MagicMock()`): a stand-in for a service, no data."""
    return isinstance(expression, ast.Call) and dotted(expression.func).rpartition(".")[2] in {
        "Mock",
        "MagicMock",
    }


def parametrized(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The arguments `@pytest.mark.parametrize("text,expected", [...])` spells out."""
    found: set[str] = set()
    for decorator in function.decorator_list:
        if not (isinstance(decorator, ast.Call) and dotted(decorator.func).endswith("parametrize")):
            continue
        first = decorator.args[0] if decorator.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            found |= {name.strip() for name in first.value.split(",")}
        elif isinstance(first, ast.List | ast.Tuple):
            found |= {str(e.value) for e in first.elts if isinstance(e, ast.Constant)}
    return found


def _fixture_name(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The name a `@pytest.fixture` function is taken by (its `name=`, else its own)."""
    for decorator in function.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        if dotted(decorator).rpartition(".")[2] != "fixture":
            continue
        for keyword in call.keywords if call is not None else []:
            if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                return str(keyword.value.value)
        return function.name
    return None


@dataclass
class TestData:
    """What the fixtures a test module can take give it: those of the conftest.py files
    above it, nearest last, then its own (`modules`), judged with `reads`, whether a call
    reads a data set."""

    modules: list[ast.Module]
    reads: Callable[[ast.Call], bool]
    _fixtures: dict[str, tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.Module]] = field(
        default_factory=dict
    )
    _gives: dict[str, Gives] = field(default_factory=dict)
    _module_names: dict[int, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for module in self.modules:
            for node in module.body:
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    name = _fixture_name(node)
                    if name is not None:
                        self._fixtures[name] = (node, module)

    def made_up_at_top(self, module: ast.Module) -> set[str]:
        """The names a module binds at its top level to made-up data (`FIXTURE =
        Path("tests/fixtures/raw.csv")`)."""
        if id(module) not in self._module_names:
            self._module_names[id(module)] = self._spread(module, set())
        return self._module_names[id(module)]

    def made_up_in(
        self, function: ast.FunctionDef | ast.AsyncFunctionDef, module: ast.Module
    ) -> set[str]:
        """The names bound to made-up data in a test or a fixture: its temporary folders,
        parametrized arguments and fixtures that make data up, what it assigns from them
        or makes up itself, and the module's own such names."""
        arguments = {arg.arg for arg in (*function.args.args, *function.args.kwonlyargs)}
        made_up = (arguments & TEMPORARY_FIXTURES) | (arguments & parametrized(function))
        made_up |= {a for a in arguments if self.gives(a) is Gives.MADE_UP}
        return self._spread(function, made_up | self.made_up_at_top(module))

    def gives(self, name: str) -> Gives:
        """What the fixture `name` gives: an unknown one (a plugin's) may give data."""
        if name in TEMPORARY_FIXTURES:
            return Gives.MADE_UP
        if name in NO_DATA_FIXTURES:
            return Gives.NOTHING
        if name not in self._gives:
            self._gives[name] = Gives.READ  # a fixture that takes itself reads, say
            found = self._fixtures.get(name)
            self._gives[name] = self._judge(*found) if found else Gives.READ
        return self._gives[name]

    def _judge(self, function: ast.FunctionDef | ast.AsyncFunctionDef, module: ast.Module) -> Gives:
        arguments = [arg.arg for arg in function.args.args]
        if any(self.gives(a) is Gives.READ for a in arguments):
            return Gives.READ
        made_up = self.made_up_in(function, module)
        if self.reads_data(function, made_up):
            return Gives.READ
        return Gives.MADE_UP if makes_up(function, made_up) else Gives.OTHER

    @staticmethod
    def on_made_up(call: ast.Call, made_up: set[str]) -> bool:
        """Whether a reading call reads made-up data: one of its arguments is."""
        values = [*call.args, *(keyword.value for keyword in call.keywords)]
        return any(makes_up(value, made_up) for value in values)

    def reads_data(self, expression: ast.AST, made_up: set[str]) -> bool:
        """Whether an expression reads a data set: a reading call on data not made up."""
        return any(
            isinstance(part, ast.Call) and self.reads(part) and not self.on_made_up(part, made_up)
            for part in ast.walk(expression)
        )

    def _spread(self, scope: ast.AST, made_up: set[str]) -> set[str]:
        """`made_up` and the names the scope binds to what is built from them and reads
        nothing (`pd.DataFrame(load_raw())` holds data read)."""
        found = set(made_up)
        assigned = list(bindings(scope))
        for _ in range(3):  # names derived from derived names
            for names, value in assigned:
                if makes_up(value, found) and not self.reads_data(value, found):
                    found |= set(names)
        return found
