"""TEST: a test suite with model quality gates and service contract tests."""

from __future__ import annotations

import re

from mlops_scaffold.doctor.checks.base import Check, Outcome, TextOf, mentions

BASELINE = re.compile(r"\b(?:baseline|Dummy(?:Classifier|Regressor))", re.IGNORECASE)
THRESHOLD = re.compile(r"\bthreshold|\bmin_(?:accuracy|f1|auc|r2|score)", re.IGNORECASE)
METRIC = re.compile(r"\b(?:accuracy|f1|roc_auc|auc|r2|rmse|mae|mse|precision|recall)", re.I)
API_CLIENT = re.compile(
    r"\bTestClient\b|\bhttpx\b|\bAsyncClient\b|\bschemathesis\b|\.test_client\("
)

API_HINTS = ("TestClient", "httpx", "AsyncClient", "schemathesis", ".test_client(")


class TEST001(Check):
    """Passes when there is at least one test module (`test_*.py` or `*_test.py`)."""

    @staticmethod
    def check(test_files: list[str]) -> Outcome:
        names = (rel.rsplit("/", 1)[-1] for rel in test_files)
        return any(name.startswith("test_") or name.endswith("_test.py") for name in names)


class TEST002(Check):
    """Passes when a test module compares the model with a baseline (a Dummy estimator or
    the word baseline), or asserts a metric (accuracy, f1, auc, r2, rmse...) against a
    threshold."""

    requires = frozenset({"TEST001"})

    @staticmethod
    def check(test_files: list[str], text: TextOf) -> Outcome:
        if any(mentions(BASELINE, test_files, text, ("baseline", "dummy"))):
            return True
        thresholds = mentions(THRESHOLD, test_files, text, ("threshold", "min_"))
        return any(mentions(METRIC, thresholds, text))


class TEST003(Check):
    """Applies when there is a service. Passes when a test module calls an HTTP app
    (FastAPI/Starlette TestClient, Flask's test_client, httpx or schemathesis)."""

    requires = frozenset({"TEST001", "SERVE001"})

    @staticmethod
    def check(test_files: list[str], text: TextOf) -> Outcome:
        return any(mentions(API_CLIENT, test_files, text, API_HINTS))
