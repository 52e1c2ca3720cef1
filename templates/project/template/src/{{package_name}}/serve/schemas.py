"""What /predict takes and answers, derived from the feature list in features.py.

Add a feature to features.py and it is a field here; add a field to a response model and it is
in every answer and in /docs.
"""

from __future__ import annotations

import itertools
from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from ..features import FEATURE_DESCRIPTIONS, FEATURES, PROBLEM_TYPE

# The model computes in float32: a larger number would silently become infinity.
FLOAT32_MAX = float(np.finfo(np.float32).max)

# Strict: "1.5" or true is a client mistake, not a number; NaN and infinity are refused too.
FiniteFloat = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-FLOAT32_MAX, le=FLOAT32_MAX)]

Row = create_model(  # type: ignore[call-overload]
    "Row",
    __config__=ConfigDict(extra="forbid"),
    __doc__="One row to score, every feature by name.",
    **{name: (FiniteFloat, Field(description=FEATURE_DESCRIPTIONS[name])) for name in FEATURES},
)

Instance = Annotated[
    list[FiniteFloat],
    Field(
        min_length=len(FEATURES),
        max_length=len(FEATURES),
        description=f"One row as {len(FEATURES)} numbers in this order: {', '.join(FEATURES)}.",
    ),
]


class PredictRequest(BaseModel):
    """Rows to score: give `rows` (named fields) or `instances` (numbers in FEATURES order), not both."""

    model_config = ConfigDict(extra="forbid")

    rows: list[Row] | None = Field(default=None, min_length=1)  # type: ignore[valid-type]
    instances: list[Instance] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_form(self) -> PredictRequest:
        if (self.rows is None) == (self.instances is None):
            raise ValueError("give exactly one of `rows` or `instances`")
        return self

    def to_array(self) -> np.ndarray:
        """The rows as a float32 array of shape (rows, len(FEATURES)), columns in FEATURES order."""
        if self.instances is not None:
            # One pass over the numbers into float32: np.array walks nested lists twice (shape, then values).
            numbers = itertools.chain.from_iterable(self.instances)
            return np.fromiter(numbers, np.float32, len(self.instances) * len(FEATURES)).reshape(-1, len(FEATURES))
        return np.array([[getattr(row, name) for name in FEATURES] for row in self.rows or []], dtype=np.float32)


class ClassPrediction(BaseModel):
    """The decided label and the probability the model gave the positive (binary) or chosen class."""

    label: int | str
    probability: float


class ValuePrediction(BaseModel):
    """The predicted value."""

    value: float


Prediction = ClassPrediction if PROBLEM_TYPE == "classification" else ValuePrediction


class PredictResponse(BaseModel):
    """One prediction per row, in request order, with the model version and the rule that decided."""

    model_version: str
    # Left out of regression answers (the route drops None fields): there is no threshold to report.
    threshold: float | None = Field(default=None, description="Decision threshold on the positive class (binary only).")
    predictions: list[Prediction]  # type: ignore[valid-type]


def example_request(feature_stats: list[dict[str, Any]]) -> dict[str, Any]:
    """A valid request of one row: the training mean of each feature, or zeros before a model is loaded."""
    means = {stat["name"]: round(float(stat.get("mean", 0.0)), 4) for stat in feature_stats}
    return {"rows": [{name: means.get(name, 0.0) for name in FEATURES}]}
