"""Session 35's fix of round 27's false results: a drift function that is a stub (only
`pass`, a docstring, `raise NotImplementedError`, or a constant returned) is no drift
monitoring (MON003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.cases import PREDICTING_SERVICE
from tests.doctor.helpers import committed_status

# -- drift stubs (MON003) -----------------------------------------------------------------

STUBS = {
    "pass": "def check_drift(reference, current):\n    pass\n",
    "docstring": 'def detect_drift(reference, current):\n    """Compare the two."""\n',
    "a constant": (
        '"""Drift checks, later."""\n\n\ndef run_drift_check() -> dict[str, str]:\n'
        '    """A placeholder."""\n    return {"status": "not_implemented"}\n'
    ),
    "not implemented": "def drift_report(df):\n    raise NotImplementedError\n",
}
REAL = {
    "a statistic": (
        "from scipy.stats import ks_2samp\n\n\ndef check_drift(reference, current):\n"
        "    return ks_2samp(reference, current).pvalue < 0.05\n"
    ),
    "a stub beside a real one": (
        "def drift_alert(score):\n    pass\n\n\ndef feature_drift(reference, current):\n"
        "    return abs(reference.mean() - current.mean()) > 0.1\n"
    ),
}


@pytest.mark.parametrize("name", sorted(STUBS))
def test_mon003_fires_on_a_drift_stub(tmp_path: Path, name: str) -> None:
    tree = {**PREDICTING_SERVICE, "src/demo/monitoring/drift.py": STUBS[name]}
    assert committed_status(tmp_path, tree, "MON003") == "failed"


@pytest.mark.parametrize("name", sorted(REAL))
def test_mon003_passes_a_drift_function_that_compares(tmp_path: Path, name: str) -> None:
    tree = {**PREDICTING_SERVICE, "src/demo/monitoring/drift.py": REAL[name]}
    assert committed_status(tmp_path, tree, "MON003") == "passed"
