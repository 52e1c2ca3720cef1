"""pycode's walk visits what `ast.walk` visits, in the same order (checks that take the
first node found must not change their answer); its lookups answer as the searches they
replace."""

from __future__ import annotations

import ast

from mlops_scaffold.doctor.pycode import SourceSegments, children, outermost_function, walk

CODE = '''
import os, sys as system
from pathlib import Path


class Model(Base, metaclass=Meta):
    """A docstring."""

    def fit(self, x: list[int], *args, y=None, **kwargs) -> "Model":
        with open(Path(x)) as handle, lock:
            for i, row in enumerate(handle):
                if row and not row.startswith("#"):
                    yield {k: v for k, v in zip(row, args)} | {**kwargs}
        match x:
            case [first, *rest] if first:
                return lambda z=1: (z, first, rest)
        try:
            assert x, f"{x!r:>10}"
        except (ValueError, KeyError) as error:
            raise RuntimeError from error
'''


def test_walk_visits_every_node_in_ast_walk_order() -> None:
    tree = ast.parse(CODE)
    assert walk(tree) == list(ast.walk(tree))


def test_children_are_ast_iter_child_nodes_in_order() -> None:
    for node in ast.walk(ast.parse(CODE)):
        assert children(node) == list(ast.iter_child_nodes(node))


def test_source_segments_are_ast_get_source_segment() -> None:
    # Windows and old Mac line ends, a form feed (no line end to the parser), a
    # multi-byte character before a node on its line (offsets count UTF-8 bytes)
    source = CODE.replace("\n", "\r\n", 5).replace("import os", "\x0cimport os")
    source += "é = 1; train(x,\r    y)\rdone = [\n    1,\n]\nlast = 'é'"
    tree = ast.parse(source)
    segment = SourceSegments(source)
    statements = [node for node in ast.walk(tree) if isinstance(node, ast.stmt)]
    assert [segment(n) for n in statements] == [
        ast.get_source_segment(source, n) for n in statements
    ]


def test_outermost_function_is_the_first_function_walked_that_holds_the_node() -> None:
    tree = ast.parse(CODE + "\ndef outer():\n    def inner():\n        assert go()\n    run()\n")
    for node in ast.walk(tree):
        holding = [
            function
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            and any(inner is node for inner in ast.walk(function))
        ]
        assert outermost_function(tree, node) is (holding[0] if holding else None)
