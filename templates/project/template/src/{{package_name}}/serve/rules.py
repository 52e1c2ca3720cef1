"""Business rules between the model and the caller: the decision threshold and the batch limit.

Both come from params.yaml's `serve:` section, and every response repeats the threshold it used,
so a decision can be explained afterwards from the logs alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .model import ModelOutput


class BatchTooLargeError(Exception):
    """More rows than serve.max_batch_rows in one request."""


@dataclass(frozen=True)
class Decisions:
    """What the service answers for a batch, and how many rows got each label (for metrics)."""

    predictions: list[dict[str, Any]]
    label_counts: dict[str, int]


def check_batch_size(n_rows: int, max_batch_rows: int) -> None:
    """Refuse a batch larger than the configured limit."""
    if n_rows > max_batch_rows:
        raise BatchTooLargeError(f"{n_rows} rows in one request; the limit is {max_batch_rows} (serve.max_batch_rows)")


def decide(output: ModelOutput, classes: list[Any], threshold: float) -> Decisions:
    """Turn model output into answers: labels by threshold (binary), arg-max (multi-class), or values."""
    if output.probabilities is None:
        values = output.values if output.values is not None else np.empty(0)
        return Decisions([{"value": value} for value in values.tolist()], {})
    probabilities = output.probabilities
    if len(classes) == 2:
        # The threshold applies to the positive class, the second entry of metadata.json's classes.
        # Plain lists: for the few rows of a typical request they beat NumPy's per-call overhead.
        negative, positive = classes
        # Compared at the model's precision, as NumPy compares an array with a number (and as
        # evaluate does): a float32 score of 0.7 reaches a threshold of 0.7.
        cutoff = float(probabilities.dtype.type(threshold))
        scores = probabilities[:, 1].tolist()
        labels = [positive if score >= cutoff else negative for score in scores]
        n_positive = labels.count(positive)
        counts = {str(negative): len(labels) - n_positive, str(positive): n_positive}
    else:
        chosen = probabilities.argmax(axis=1)
        scores = probabilities[np.arange(len(chosen)), chosen].tolist()
        labels = np.asarray(classes)[chosen].tolist()
        tally = np.bincount(chosen, minlength=len(classes)).tolist()
        counts = {str(label): count for label, count in zip(classes, tally, strict=True)}
    return Decisions(
        [{"label": label, "probability": score} for label, score in zip(labels, scores, strict=True)],
        {label: count for label, count in counts.items() if count},
    )
