"""The checks, one module per family; importing this package registers all of them."""

from __future__ import annotations

from mlops_scaffold.doctor.checks import (  # noqa: F401  (importing registers the checks)
    ci,
    code,
    data,
    docs,
    environment,
    experiments,
    images,
    kubernetes,
    locks,
    monitoring,
    notebooks,
    repository,
    secrets,
    serving,
    tests,
)
from mlops_scaffold.doctor.checks.base import (
    REGISTRY,
    Check,
    Hit,
    NotApplicable,
    Outcome,
    Passed,
)

__all__ = ["REGISTRY", "Check", "Hit", "NotApplicable", "Outcome", "Passed"]
