"""After `mlops add X`, `mlops doctor` no longer reports the checks X owns."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.add import AddRequest, add_components
from mlops_scaffold.catalogue import practices_fixed_by
from mlops_scaffold.components import COMPONENTS
from mlops_scaffold.doctor.run import find_findings
from tests.add.trees import commit_all, foreign_repo
from tests.conftest import invoke

# A repo with training code and declared (unlocked) dependencies, nothing else.
SCRIPT_REPO = {
    "README.md": "# demo\n",
    "pyproject.toml": '[project]\nname = "demo"\ndependencies = ["scikit-learn"]\n',
    "src/demo/train.py": "def train() -> None:\n    pass\n",
}

# The same with its own web service, which the monitoring checks watch.
SERVICE_REPO = {
    **SCRIPT_REPO,
    "src/demo/api.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
}
# Training code that says it will be served (a compose file) but has no service yet: the
# doctor asks for a service and an image only when something says the model is deployed.
DEPLOYED_REPO = {**SCRIPT_REPO, "docker-compose.yml": "services:\n  api:\n    build: .\n"}
REPO_FOR = {"monitoring": SERVICE_REPO, "docker": SERVICE_REPO, "serve": DEPLOYED_REPO}
# The CI jobs call `make setup` / `make test`: without the Makefile they run no tests.
ADDED_WITH = {"ci": ("makefile",)}


def owned_findings(repo: Path, component: str) -> list[str]:
    owned = {practice.id for practice in practices_fixed_by(component)}
    return sorted(f"{f.id} {f.message}" for f in find_findings(repo).findings if f.id in owned)


FIXERS = [name for name in COMPONENTS if practices_fixed_by(name)]


@pytest.mark.parametrize("component", FIXERS)
def test_doctor_stops_reporting_what_the_component_fixes(tmp_path: Path, component: str) -> None:
    repo = foreign_repo(tmp_path, REPO_FOR.get(component, SCRIPT_REPO))
    commit_all(repo)
    before = owned_findings(repo, component)
    add_components(AddRequest(repo, (component, *ADDED_WITH.get(component, ()))))
    commit_all(repo, f"mlops add {component}")
    assert before, f"the bare repo shows none of the findings {component} owns"
    assert owned_findings(repo, component) == []


def test_components_that_fix_no_finding_say_so_in_the_list(tmp_path: Path) -> None:
    code, output = invoke("add", "--list")
    lines = {line.split()[0]: line for line in output.splitlines() if line.strip()}
    assert code == 0
    for name in set(COMPONENTS) - set(FIXERS):
        assert "resolves" not in lines[name]
    for name in FIXERS:
        assert "resolves" in lines[name]
