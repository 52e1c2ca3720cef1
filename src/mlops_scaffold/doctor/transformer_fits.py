"""Whether a module's `.fit(` calls only fit preprocessing transformers (a scaler, an
encoder, an imputer): a service scaling each request with `StandardScaler().fit(x)`
trains no model."""

from __future__ import annotations

import ast

from mlops_scaffold.doctor.pycode import calls, dotted, walked
from mlops_scaffold.lazy_pattern import lazy_pattern

# scikit-learn's (and look-alikes') preprocessing classes: what they fit is a scaling,
# an encoding or fill values, not a model.
TRANSFORMER_CLASS = lazy_pattern(
    r"(?:^|\.)(?:\w*Scaler|\w*Encoder|\w*Imputer|Normalizer|Binarizer|KBinsDiscretizer"
    r"|PowerTransformer|QuantileTransformer)$"
)
# The same classes anywhere in a module's text: a module naming none has no `.fit(` that
# fits one, and is not parsed to find that out.
TRANSFORMER_NAME = lazy_pattern(
    r"Scaler|Encoder|Imputer|Normalizer|Binarizer|KBinsDiscretizer"
    r"|PowerTransformer|QuantileTransformer"
)


def names_a_transformer(text: str) -> bool:
    """Whether a module's text names a preprocessing transformer class at all: without
    one, `fits_only_transformers` is False whatever its `.fit(` calls."""
    return TRANSFORMER_NAME.search(text) is not None


def fits_only_transformers(tree: ast.Module) -> bool:
    """Whether the module calls `.fit(` at least once and every such call fits a
    transformer: on a constructor call (`StandardScaler().fit(x)`) or on a name only
    ever assigned one (`scaler = MinMaxScaler()` then `scaler.fit(x)`)."""
    built: dict[str, bool] = {}
    for node in walked(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            is_transformer = bool(TRANSFORMER_CLASS.search(dotted(node.value.func)))
            for target in node.targets:
                name = dotted(target)
                if name:
                    built[name] = built.get(name, True) and is_transformer
    receivers = [
        c.func.value
        for c in calls(tree)
        if isinstance(c.func, ast.Attribute) and c.func.attr == "fit"
    ]
    return bool(receivers) and all(_transformer(r, built) for r in receivers)


def _transformer(receiver: ast.expr, built: dict[str, bool]) -> bool:
    if isinstance(receiver, ast.Call):
        return bool(TRANSFORMER_CLASS.search(dotted(receiver.func)))
    return built.get(dotted(receiver), False)
