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
more, and names the telling features that weighed most for it as the evidence (not
function words or a URL's parts, which weigh a little in every README). Without a
readable weights file (missing, not JSON, not kind -> feature -> weight) it gives no
kind: the rules' default stands.
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
# Words every README uses, that weigh a little but tell a reader nothing: left out of the
# evidence, not out of the model.
UNTELLING = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of",
    "on", "or", "our", "that", "the", "this", "to", "we", "with", "you", "your",
    "http", "https", "www", "com", "org", "github", "io",
})  # fmt: skip
# The tree facts counted into buckets (doctor/kind_features.py), as a report says them.
COUNTED = {
    "files": "files",
    "python": "Python files",
    "notebooks": "notebooks",
    "dockerfiles": "Dockerfiles",
    "nested_deps": "dependency files in subfolders",
    "folder_readmes": "READMEs in top-level folders",
    "numbered_folders": "numbered top-level folders",
    "top_folders": "top-level folders",
}
# How a report says a feature of each named family (`w:workshop`, `top:labs`...).
FAMILY_SAID = {
    "w": "the word '{}'",
    "b": "the words '{}'",
    "top": "a top-level {}/",
    "root": "a root {}",
    "pyproject": "a pyproject.toml [{}] table",
    "project": "[project] {}",
    "tool": "a [tool.{}] table",
}
# The other named facts, as a report says them.
SAID = {
    "readme": "a README",
    "no_readme": "no README",
    "tests": "tests",
    "compose": "a compose file",
    "ci": "CI",
    "notebooks>python": "more notebooks than Python files",
}


class Learned(NamedTuple):
    """The model's kind, how likely it finds it, and the features that weighed most."""

    kind: str
    probability: float
    reasons: tuple[str, ...]


Model = tuple[dict[str, float], dict[str, dict[str, float]]]


@cache
def _model() -> Model | None:
    """The bias per kind and the weights per kind and feature; None when the weights file
    is missing, unreadable or not of that shape (every kind weighted, the default too)."""
    try:
        data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
        bias, weights = data["bias"], data["weights"]
        kinds = set(bias)
        if DEFAULT not in kinds or not all(
            isinstance(weights[kind], dict)
            and all(isinstance(w, int | float) for w in [bias[kind], *weights[kind].values()])
            for kind in kinds
        ):
            return None
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
        return None
    return bias, weights


def probabilities(features: Iterable[str]) -> dict[str, float]:
    """Each kind's probability for a repository with these features (the softmax of the
    bias plus the weights of the features the model knows); empty without a model."""
    model = _model()
    if model is None:
        return {}
    bias, weights = model
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
    if not chances:
        return None
    kind = max(chances, key=chances.__getitem__)
    if kind not in OVERRIDES or chances[kind] < THRESHOLD:
        return None
    return Learned(kind, chances[kind], _reasons(features, kind))


def _reasons(features: frozenset[str], kind: str) -> tuple[str, ...]:
    """The telling features that weigh most for `kind` over the default, said for a
    reader (function words and a URL's parts weigh too, but tell nothing)."""
    model = _model()
    if model is None:
        return ()
    ours, default = model[1][kind], model[1][DEFAULT]
    telling = (feature for feature in features if _tells(feature))
    weighed = sorted(
        ((ours.get(feature, 0.0) - default.get(feature, 0.0), feature) for feature in telling),
        reverse=True,
    )
    return tuple(readable(feature) for weight, feature in weighed[:REASONS] if weight > 0)


def _tells(feature: str) -> bool:
    """Whether a feature tells a reader something: not a function word or a URL's part,
    nor two of them (`b:of_the`)."""
    family, _, value = feature.partition(":")
    if family == "w":
        return value not in UNTELLING
    return family != "b" or not all(word in UNTELLING for word in value.split("_"))


def readable(feature: str) -> str:
    """A feature as a report says it: `w:workshop` -> `the word 'workshop'`,
    `notebooks:4+` -> `4+ notebooks`, `dockerfiles:0` -> `no Dockerfiles`."""
    if feature in SAID:
        return SAID[feature]
    family, _, value = feature.partition(":")
    if family in COUNTED and (value.endswith("+") or value == "0"):
        return f"{'no' if value == '0' else value} {COUNTED[family]}"
    said = FAMILY_SAID.get(family)
    return said.format(value.replace("_", " ") if family == "b" else value) if said else feature
