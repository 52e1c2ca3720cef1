"""Python code read as code: calls, asserts and imports from the syntax tree, not from text.

Text in docstrings, comments and strings never matches here, which is the point: a
check that means "the code calls `torch.load`" or "a test asserts on a data frame"
asks this module.
"""

from __future__ import annotations

import ast
import io
import tokenize
import weakref
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import wraps
from typing import NamedTuple, TypeVar

from mlops_scaffold.lazy_pattern import lazy_pattern

Node = TypeVar("Node", bound=ast.AST)
Tree = TypeVar("Tree", bound=ast.AST)
Kept = TypeVar("Kept")


def parse(text: str) -> ast.Module | None:
    """The module's syntax tree; None when it is not valid Python."""
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


# A line and its end, as Python's parser splits lines (`\r\n`, `\r` or `\n`; not a form feed).
LINE_WITH_END = lazy_pattern(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


class SourceSegments:
    """`ast.get_source_segment(source, node)` for the nodes of one module, its lines split
    once: the standard function splits the whole source again, a character at a time, on
    each call (a module's every top-level statement asked for took 15 % of an audit)."""

    def __init__(self, source: str) -> None:
        self._lines: list[str] = LINE_WITH_END.findall(source)

    def __call__(self, node: ast.stmt) -> str | None:
        """The source of `node` (None without its end), as `ast.get_source_segment`."""
        if node.end_lineno is None or node.end_col_offset is None:
            return None
        lineno, end_lineno = node.lineno - 1, node.end_lineno - 1
        col_offset, end_col_offset = node.col_offset, node.end_col_offset
        lines = self._lines
        if end_lineno == lineno:
            return lines[lineno].encode()[col_offset:end_col_offset].decode()
        first = lines[lineno].encode()[col_offset:].decode()
        last = lines[end_lineno].encode()[:end_col_offset].decode()
        return "".join([first, *lines[lineno + 1 : end_lineno], last])


def dotted(node: ast.AST) -> str:
    """`torch.load` for `torch.load`, `load` for a bare name, "" for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return f"{inner}.{node.attr}" if inner else node.attr
    if isinstance(node, ast.Call):  # `np.load(f).item` -> the call's target
        return dotted(node.func)
    return ""


def comment_columns(text: str) -> dict[int, int]:
    """1-based line -> the column its `#` comment starts at, read by `tokenize` (a `#`
    inside a string is no comment); up to where the text stops tokenizing, if it does."""
    found: dict[int, int] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                found[token.start[0]] = token.start[1]
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass
    return found


def in_comment(text: str, offset: int, comments: dict[int, int]) -> bool:
    """Whether the character at `offset` of `text` lies in a comment (`comment_columns`)."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return line in comments and column >= comments[line]


def calls(tree: ast.AST) -> Iterator[ast.Call]:
    """Every call in `tree`, in `ast.walk`'s order (from the tree's cached walk)."""
    return (node for node in walked(tree) if isinstance(node, ast.Call))


def per_tree(compute: Callable[[Tree], Kept]) -> Callable[[Tree], Kept]:
    """`compute(tree)` once for as long as the tree lives (kept beside it in a weakly keyed
    cache, dropped with it): the trees are never changed once parsed. A cache of the last
    few hundred trees was computed again and again on a repository of more modules, each
    check's pass over them evicting the next one's."""
    known: weakref.WeakKeyDictionary[Tree, Kept] = weakref.WeakKeyDictionary()

    @wraps(compute)
    def kept(tree: Tree) -> Kept:
        if tree not in known:
            known[tree] = compute(tree)
        return known[tree]

    return kept


@per_tree
def walked(tree: ast.AST) -> tuple[ast.AST, ...]:
    """Every node of `tree`, in `ast.walk`'s order, walked once: a check that asks a
    module several questions scans this list for each, ten times faster than a walk."""
    return tuple(walk(tree))


def outermost_function(
    tree: ast.AST, node: ast.AST
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The outermost function of `tree` holding `node` (the first, in `ast.walk`'s order,
    whose walk reaches it), or None when no function holds it: looked up, not searched
    for by walking every function again for each node asked about."""
    return _outermost_functions(tree).get(id(node))


@per_tree
def _outermost_functions(tree: ast.AST) -> dict[int, ast.FunctionDef | ast.AsyncFunctionDef]:
    """id of each node inside a function of `tree` -> the outermost such function (kept
    while `tree` lives, so the ids stay its nodes'). A function inside another is walked
    with it; a node shared by several (the one `ast.Load()`) keeps the first."""
    found: dict[int, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for function in walked(tree):
        if (
            isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            and id(function) not in found
        ):
            for inner in walk(function):
                found.setdefault(id(inner), function)
    return found


def walk(tree: ast.AST) -> list[ast.AST]:
    """Every node of `tree` in `ast.walk`'s order (breadth first), as a list: twice as
    fast as `ast.walk`, whose two generators per node cost more than the visit."""
    nodes = [tree]
    for node in nodes:  # the list grows as it is read: each node's children go last
        nodes += children(node)
    return nodes


def children(node: ast.AST) -> list[ast.AST]:
    """`ast.iter_child_nodes(node)` as a list, in the same order."""
    found: list[ast.AST] = []
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, ast.AST):
            found.append(value)
        elif isinstance(value, list):
            found += [item for item in value if isinstance(item, ast.AST)]
    return found


def own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a function's or module's body, not those of the definitions in it
    (functions, classes, lambdas)."""
    pending = children(scope)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        yield node
        pending += children(node)


def values_by_name(nodes: Iterable[ast.AST]) -> dict[str, list[ast.expr]]:
    """Each plain name the nodes assign (`name = value`, `name: T = value`) -> the values
    it is bound to, in order. Unpacking, attributes and subscripts bind no plain name."""
    found: dict[str, list[ast.expr]] = {}
    for node in nodes:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.value is not None
        ):
            found.setdefault(node.target.id, []).append(node.value)
    return found


def imported(tree: ast.Module | Nodes) -> set[str]:
    """Top-level names of the modules `tree` imports (`torch` for `import torch.nn`)."""
    nodes = tree if isinstance(tree, Nodes) else Nodes.of_tree(tree)
    found = {alias.name.split(".")[0] for node in nodes.of(ast.Import) for alias in node.names}
    found |= {
        node.module.split(".")[0]
        for node in nodes.of(ast.ImportFrom)
        if node.module and not node.level
    }
    return found


@dataclass(frozen=True)
class Nodes:
    """A module's nodes grouped by class, from one walk: a check that asks several
    questions of a module walks it once."""

    grouped: dict[type[ast.AST], list[ast.AST]]

    @classmethod
    def of_tree(cls, tree: ast.AST, *, expressions: bool = True) -> Nodes:
        """Every node, or with `expressions=False` every node outside expressions
        (statements, imports' names, handlers: far fewer to visit), in `ast.walk` order;
        grouped once for as long as the tree lives (its lists are not to be changed)."""
        return _every_node(tree) if expressions else _statement_nodes(tree)

    def of(self, kind: type[Node]) -> list[Node]:
        """The nodes of one class, in `ast.walk` order."""
        return self.grouped.get(kind, [])  # type: ignore[return-value]


def _grouped(nodes: Iterable[ast.AST]) -> Nodes:
    grouped: dict[type[ast.AST], list[ast.AST]] = defaultdict(list)
    for node in nodes:
        grouped[type(node)].append(node)
    return Nodes(dict(grouped))


@per_tree
def _every_node(tree: ast.AST) -> Nodes:
    return _grouped(walked(tree))


@per_tree
def _statement_nodes(tree: ast.AST) -> Nodes:
    return _grouped(_outside_expressions(tree))


def _outside_expressions(tree: ast.AST) -> Iterator[ast.AST]:
    """`ast.walk` without descending into expressions (no statement is inside one, so
    the nodes left keep `ast.walk`'s order)."""
    pending = deque([tree])
    while pending:
        node = pending.popleft()
        pending.extend(c for c in children(node) if not isinstance(c, ast.expr))
        yield node


def module_names(tree: ast.Module) -> frozenset[str] | None:
    """The names a module may bind (what `from module import name` can take): those it
    assigns, defines or imports anywhere in it (a superset: a function's locals too);
    None when that cannot be told from its text (a star import, a `global` statement,
    `globals()`, a module-level `__getattr__`)."""
    names: set[str] = set()
    for node in walked(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            if node.name == "*":
                return None
            names.add(node.asname or node.name.partition(".")[0])
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.Global) or (
            isinstance(node, ast.Call) and dotted(node.func) in ("globals", "setattr")
        ):
            return None
    return None if "__getattr__" in names else frozenset(names)


def import_names(tree: ast.Module) -> dict[str, str]:
    """Local name -> what it stands for: `np` -> `numpy`, `load` -> `joblib.load`."""
    names: dict[str, str] = {}
    for node in walked(tree):  # the module's one walk, which its calls are read from too
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                names[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if alias.name == "*":
                    exported = STAR_EXPORTS.get(node.module.split(".")[0], ())
                    names.update({name: f"{node.module}.{name}" for name in exported})
                else:
                    names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


# Names a library's modules are written to be star-imported for, one library a line:
# fastai's own idiom is `from fastai.vision.all import *`, then `load_learner(path)`.
STAR_EXPORTS: dict[str, tuple[str, ...]] = {
    "fastai": ("load_learner",),
}


def resolved(name: str, names: dict[str, str]) -> str:
    """A dotted name with its first part replaced by what was imported under it
    (`pd.read_pickle` -> `pandas.read_pickle`); unknown first parts stay."""
    head, dot, rest = name.partition(".")
    if head not in names:
        return name
    return names[head] + dot + rest


class Indexed(NamedTuple):
    """A module's calls, imported names and each node's parent, from one walk."""

    calls: list[ast.Call]
    names: dict[str, str]
    parents: dict[ast.AST, ast.AST]


def indexed(tree: ast.Module) -> Indexed:
    """The module walked once (three walks of `ast.walk` cost three times as much)."""
    parents: dict[ast.AST, ast.AST] = {}
    found: list[ast.Call] = []
    imports: list[ast.stmt] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        for child in children(node):
            parents[child] = node
            pending.append(child)
        if isinstance(node, ast.Call):
            found.append(node)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append(node)
    found.sort(key=lambda call: (call.lineno, call.col_offset))
    return Indexed(found, import_names(ast.Module(body=imports, type_ignores=[])), parents)


def enclosing(
    node: ast.AST, parents: dict[ast.AST, ast.AST], kinds: type | tuple[type, ...]
) -> ast.AST | None:
    """The innermost node of one of `kinds` around `node` (an `ast.ExceptHandler`), if any."""
    current = parents.get(node)
    while current is not None:
        if isinstance(current, kinds):
            return current
        current = parents.get(current)
    return None


def enclosing_function(
    node: ast.AST, parents: dict[ast.AST, ast.AST]
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The innermost function around `node`, if any."""
    found = enclosing(node, parents, (ast.FunctionDef, ast.AsyncFunctionDef))
    return found if isinstance(found, (ast.FunctionDef, ast.AsyncFunctionDef)) else None


def keyword_is_present(call: ast.Call, name: str) -> bool:
    """Whether `call` passes the keyword `name`."""
    return any(k.arg == name for k in call.keywords)


def keyword_is(call: ast.Call, name: str, value: object) -> bool:
    """Whether `call` passes `name=value` (a literal) among its keywords."""
    return any(
        k.arg == name and isinstance(k.value, ast.Constant) and k.value.value == value
        for k in call.keywords
    )


def first_string(call: ast.Call) -> str | None:
    """The call's first positional argument when it is a string literal (f-strings: their
    literal parts joined)."""
    if not call.args:
        return None
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    if isinstance(first, ast.JoinedStr):
        return "".join(
            v.value
            for v in first.values
            if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    return None


class Found(NamedTuple):
    """Something found in code, and where: `tests/test_data.py:12 assert df.isna()...`."""

    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.what}"


def source_line(text: str, line: int) -> str:
    """The stripped text of a 1-based line, cut to 60 characters."""
    lines = text.splitlines()
    return lines[line - 1].strip()[:60] if 0 < line <= len(lines) else ""


def without_string_statements(text: str, tree: ast.Module) -> str:
    """`text` with its string statements blanked, lines kept: docstrings, and a block of
    code turned into a string to switch it off (`import mlflow` inside triple quotes)."""
    lines = text.split("\n")
    for node in Nodes.of_tree(tree, expressions=False).of(ast.Expr):
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for index in range(node.lineno - 1, min(node.end_lineno or 0, len(lines))):
                lines[index] = ""
    return "\n".join(lines)


def code_only(text: str, tree: ast.Module) -> str:
    """`text` without its comments and string statements (`without_string_statements`),
    lines kept: what the module runs, not what it says."""
    lines = without_string_statements(text, tree).split("\n")
    for line, column in comment_columns(text).items():
        if line <= len(lines):
            lines[line - 1] = lines[line - 1][:column]
    return "\n".join(lines)
