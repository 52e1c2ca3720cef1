"""pycode's walk visits what `ast.walk` visits, in the same order (checks that take the
first node found must not change their answer)."""

from __future__ import annotations

import ast

from mlops_scaffold.doctor.pycode import children, walk

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
