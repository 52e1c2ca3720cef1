"""The learned kind model: where no kind rule holds, it tells an example or a library from
the default, an application.

The kind rules (doctor/kinds.py) read what a README says a repository is; a repository
none of them recognises is an application. On repositories labelled after the rules
were written, that default is wrong about one time in three: workshops, tutorials and
research code that never say "example" in a phrase the rules know, packages without the
metadata the library rule wants. A multinomial logistic regression over named features
of the README's opening and the tree (doctor/kind_features.py) does better there: over
the 218 kinds labelled blind in sessions 31-36, each batch scored by a model that never
saw it, the rules then the model were right on 165, the rules alone on 153 (14 fixed, 2
broken; bench/corpus/README.md, "Kind-only sets"). It is asked only about repositories
of at least `LEAST_FILES` files, and keeps the corpus's share of each kind as its bias
(without it, blind 144 of 218).

The weights are data, `kind_weights.json` beside this module: kind -> feature ->
weight, written by `bench/kind_model.py --write` from every labelled kind of the corpus.
The model gives its kind only when it is an example or a library at probability 0.5 or
more, and names the features that weighed most for it as the evidence.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

WEIGHTS = Path(__file__).with_name("kind_weights.json")
DEFAULT = "application"
OVERRIDES = frozenset({"example", "library"})
"""The kinds the model may give where the rules default (a monorepo needs its projects
found, a template its template files: rules decide those)."""
THRESHOLD = 0.5
LEAST_FILES = 20
"""The fewest files of a repository the model is asked about: the corpus's smallest."""
REASONS = 3


class Learned(NamedTuple):
    """The model's kind, how likely it finds it, and the features that weighed most."""

    kind: str
    probability: float
    reasons: tuple[str, ...]


@cache
def _model() -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """The bias per kind and the weights per kind and feature."""
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return data["bias"], data["weights"]


def probabilities(features: Iterable[str]) -> dict[str, float]:
    """Each kind's probability for a repository with these features (the softmax of the
    bias plus the weights of the features the model knows)."""
    bias, weights = _model()
    present = list(features)
    scores = {
        kind: offset + sum(weights[kind].get(feature, 0.0) for feature in present)
        for kind, offset in bias.items()
    }
    top = max(scores.values())
    exponentials = {kind: math.exp(score - top) for kind, score in scores.items()}
    total = sum(exponentials.values())
    return {kind: value / total for kind, value in exponentials.items()}


def learned_kind(features: frozenset[str]) -> Learned | None:
    """The model's kind when it is an example or a library at least `THRESHOLD` likely,
    else None (the rules' default stands)."""
    chances = probabilities(features)
    kind = max(chances, key=chances.__getitem__)
    if kind not in OVERRIDES or chances[kind] < THRESHOLD:
        return None
    return Learned(kind, chances[kind], _reasons(features, kind))


def _reasons(features: frozenset[str], kind: str) -> tuple[str, ...]:
    """The features that weigh most for `kind` over the default, said for a reader."""
    _, weights = _model()
    ours, default = weights[kind], weights[DEFAULT]
    weighed = sorted(
        ((ours.get(feature, 0.0) - default.get(feature, 0.0), feature) for feature in features),
        reverse=True,
    )
    return tuple(readable(feature) for weight, feature in weighed[:REASONS] if weight > 0)


def readable(feature: str) -> str:
    """A feature as a report says it: `w:workshop` -> `the word 'workshop'`."""
    family, _, value = feature.partition(":")
    if family == "w":
        return f"the word {value!r}"
    if family == "b":
        return f"the words {value.replace('_', ' ')!r}"
    if family == "top":
        return f"a top-level {value}/"
    if family == "root":
        return f"a root {value}"
    if value.endswith("+") or value == "0":
        return f"{family.replace('_', ' ')}: {value}"
    return feature
