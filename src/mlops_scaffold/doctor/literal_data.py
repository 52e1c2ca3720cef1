"""Training data written in the code: a model fitted on values the module spells out.

`words = ["apple", "car"]`, `X = [[len(w)] for w in words]`, `model.fit(X, y)`: the data is
part of the source, so git versions it with the code (small data in git, DATA001).
"""

from __future__ import annotations

import ast

from mlops_scaffold.doctor.pycode import dotted, enclosing_function, indexed, own_nodes

# Calls that build a value from literal values and read nothing.
PURE_CALLS = frozenset(
    {
        "len",
        "list",
        "tuple",
        "set",
        "dict",
        "range",
        "zip",
        "sorted",
        "str",
        "int",
        "float",
        "np.array",
        "numpy.array",
        "np.asarray",
        "pd.DataFrame",
        "pandas.DataFrame",
    }
)


def literal_fits(tree: ast.Module) -> list[int] | None:
    """The lines of the module's `.fit(` calls when every one fits on data written in the
    code (names bound, in the function or the module, only to literals and what is built
    from them); None when a fit takes anything else (a parameter, a file read), [] when
    the module fits nothing."""
    index = indexed(tree)
    fits = [c for c in index.calls if dotted(c.func).rpartition(".")[2] == "fit" and c.args]
    lines = []
    for call in fits:
        scope = enclosing_function(call, index.parents) or tree
        bindings = _bindings(scope)
        if not all(_literal(a, bindings, frozenset()) for a in call.args):
            return None
        lines.append(call.lineno)
    return lines


def _bindings(scope: ast.AST) -> dict[str, list[ast.expr]]:
    """Each name assigned in the scope (not in the functions it defines) -> its values."""
    found: dict[str, list[ast.expr]] = {}
    for node in own_nodes(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
        elif isinstance(node, (ast.For, ast.AugAssign, ast.AnnAssign, ast.With)):
            for name in _targets(node):
                found.setdefault(name, []).append(ast.Name("?"))  # bound to what it reads
    return found


def _targets(node: ast.AST) -> list[str]:
    if isinstance(node, (ast.For, ast.AugAssign, ast.AnnAssign)):
        target: ast.AST | None = node.target
    elif isinstance(node, ast.With):
        return [
            n.id
            for item in node.items
            for n in ast.walk(item.optional_vars or ast.Pass())
            if isinstance(n, ast.Name)
        ]
    else:
        target = None
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)] if target else []


def _literal(node: ast.AST, bindings: dict[str, list[ast.expr]], seen: frozenset[str]) -> bool:
    """Whether an expression is built only from literals: constants, displays of them,
    comprehensions over them, arithmetic, `len`/`range`/`np.array` of them, and names
    bound only to such values (`seen`: names being followed, against cycles)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        values = bindings.get(node.id)
        if node.id in seen or not values:
            return node.id in seen  # a comprehension's variable is given in `seen`
        return all(_literal(v, bindings, seen | {node.id}) for v in values)
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
        local = seen | {
            n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)
        }
        parts: list[ast.AST] = [g.iter for g in node.generators]
        parts += [cond for g in node.generators for cond in g.ifs]
        parts += [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        return all(_literal(p, bindings, local) for p in parts)
    if isinstance(node, ast.Call):
        return dotted(node.func) in PURE_CALLS and all(
            _literal(a, bindings, seen) for a in [*node.args, *(k.value for k in node.keywords)]
        )
    if isinstance(
        node,
        (
            ast.List,
            ast.Tuple,
            ast.Set,
            ast.Dict,
            ast.BinOp,
            ast.UnaryOp,
            ast.BoolOp,
            ast.Compare,
            ast.IfExp,
            ast.Subscript,
            ast.Slice,
            ast.Starred,
        ),
    ):
        return all(
            _literal(child, bindings, seen)
            for child in ast.iter_child_nodes(node)
            if not isinstance(
                child, (ast.operator, ast.unaryop, ast.boolop, ast.cmpop, ast.expr_context)
            )
        )
    return False
