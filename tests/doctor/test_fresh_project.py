"""The invariant: a project fresh from the template gets zero findings, whatever the options."""

from __future__ import annotations

import itertools
from pathlib import Path

import copier
import pytest

from mlops_scaffold.versions import SUPPORTED_PYTHONS as PYTHONS
from tests.doctor.helpers import audit, git_commit

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "project"
# Each supported Python in the versions table, in turn, so the doctor agrees with every one.
COMBINATIONS = [
    {"problem_type": p, "tracking": t, "deployment": d, "python_version": PYTHONS[i % len(PYTHONS)]}
    for i, (p, t, d) in enumerate(
        itertools.product(
            ("classification", "regression"), ("dvc", "mlflow"), ("none", "kubernetes")
        )
    )
]


@pytest.mark.parametrize("options", COMBINATIONS, ids=lambda o: "-".join(o.values()))
def test_a_fresh_project_has_no_findings(tmp_path: Path, options: dict[str, str]) -> None:
    destination = tmp_path / "demo"
    copier.run_copy(
        str(TEMPLATE),
        destination,
        data={"project_name": "Demo", **options},
        defaults=True,
        quiet=True,
    )
    git_commit(destination)
    report = audit(destination)
    listed = "\n".join(f"{f.id} {f.message} {f.path or ''}" for f in report.findings)
    assert report.findings == (), f"fresh project has findings:\n{listed}"
