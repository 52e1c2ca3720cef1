"""Training data written in the code: a model fitted on values the module spells out,
or drawn from a random generator seeded with a constant.

`words = ["apple", "car"]`, `X = [[len(w)] for w in words]`, `model.fit(X, y)`: the data is
part of the source, so git versions it with the code (small data in git, DATA001). So it
is when `rng = np.random.default_rng(42)` draws it: the same code draws the same data.
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


# Draws of a random generator (`np.random.randn`, `rng.integers`, `random.choice`): not a
# shuffle or a permutation of data read elsewhere.
RANDOM_DRAWS = frozenset(
    {"rand", "randn", "randint", "random", "normal", "uniform", "integers", "choice"}
    | {"poisson", "binomial", "lognormal", "exponential", "beta", "gamma", "multivariate_normal"}
)
# Calls that seed a generator, or make one, with their seed first: `np.random.seed(42)`,
# `random.seed(42)`, `np.random.default_rng(42)`, `np.random.RandomState(42)`.
SEEDING = frozenset({"seed", "default_rng", "RandomState", "Random", "manual_seed"})


def draws_at_random(name: str) -> bool:
    """Whether a called name draws from a random generator: a draw of `random`,
    `np.random` or a generator named for one (`rng.normal`, `generator.integers`)."""
    parts = name.split(".")
    receiver = parts[-2].lower() if len(parts) > 1 else ""
    generator = "random" in receiver or "rng" in receiver or "generator" in receiver
    return parts[-1] in RANDOM_DRAWS and (generator or parts[-1].startswith("rand"))


def _draws_data(call: ast.Call) -> bool:
    """Whether a call draws values of its own: a `choice` among what the code spells out
    (`rng.choice(["a", "b"], 100)`, `rng.choice(10, 5)`), not a sample of data read
    elsewhere (`rng.choice(X_train.index, size)`: a subset of the training data)."""
    name = dotted(call.func)
    if not draws_at_random(name):
        return False
    if name.rpartition(".")[2] != "choice" or not call.args:
        return True
    return isinstance(call.args[0], ast.Constant | ast.List | ast.Tuple)


def seeded_draws(tree: ast.Module) -> int | None:
    """The line of the constant seed when the module draws random values (`rng.normal`)
    and every generator it seeds or makes is given a constant (`np.random.seed(42)`,
    `default_rng(42)`): the same code draws the same data. None when it draws nothing,
    seeds nothing, or makes a generator without a seed (`default_rng()`)."""
    index = indexed(tree)
    seeds = [c for c in index.calls if dotted(c.func).rpartition(".")[2] in SEEDING]
    if not seeds or not any(_draws_data(c) for c in index.calls):
        return None
    if not all(c.args and isinstance(c.args[0], ast.Constant) for c in seeds):
        return None
    return seeds[0].lineno


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
