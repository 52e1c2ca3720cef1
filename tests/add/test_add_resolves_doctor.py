"""After `mlops add X`, `mlops doctor` no longer reports the checks X owns."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.add import AddRequest, add_components
from mlops_scaffold.catalogue import practices_fixed_by
from mlops_scaffold.components import COMPONENTS
from mlops_scaffold.doctor.run import find_findings
from tests.add.trees import commit_all, foreign_repo

# A repo with training code and declared (unlocked) dependencies, nothing else.
SCRIPT_REPO = {
    "README.md": "# demo\n",
    "pyproject.toml": '[project]\nname = "demo"\ndependencies = ["scikit-learn"]\n',
    "src/demo/train.py": "def train() -> None:\n    pass\n",
}


def owned_findings(repo: Path, component: str) -> list[str]:
    owned = {practice.id for practice in practices_fixed_by(component)}
    return sorted(f"{f.id} {f.message}" for f in find_findings(repo).findings if f.id in owned)


@pytest.mark.parametrize("component", list(COMPONENTS))
def test_doctor_stops_reporting_what_the_component_fixes(tmp_path: Path, component: str) -> None:
    repo = foreign_repo(tmp_path, SCRIPT_REPO)
    commit_all(repo)
    add_components(AddRequest(repo, (component,)))
    commit_all(repo, f"mlops add {component}")
    assert owned_findings(repo, component) == []
