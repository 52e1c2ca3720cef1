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
# The service, which its README says is deployed: the doctor asks for an image only for a
# service something deploys (a local `uvicorn` app needs none).
DEPLOYED_SERVICE_REPO = {**SERVICE_REPO, "README.md": "# demo\n\nThe model's API, deployed.\n"}
# Training code that says it will be served (a compose file) but has no service yet: the
# doctor asks for a service and an image only when something says the model is deployed.
DEPLOYED_REPO = {**SCRIPT_REPO, "docker-compose.yml": "services:\n  api:\n    build: .\n"}
TRAIN_TEST = "from demo.train import train\n\n\ndef test_train() -> None:\n    train()\n"
# CI runs the repo's tests: in a repo with none, its pytest step runs nothing (CI002 says so).
TESTED_REPO = {**SCRIPT_REPO, "tests/test_train.py": TRAIN_TEST}
REPO_FOR = {
    "monitoring": SERVICE_REPO,
    "docker": DEPLOYED_SERVICE_REPO,
    "serve": DEPLOYED_REPO,
    "ci": TESTED_REPO,
}
# Components added together with the one under test (none: each works on its own).
ADDED_WITH: dict[str, tuple[str, ...]] = {}


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


def reported(repo: Path, *ids: str) -> list[str]:
    return sorted(finding.id for finding in find_findings(repo).findings if finding.id in ids)


def test_add_ci_alone_runs_the_repos_tests_and_lints_it(tmp_path: Path) -> None:
    # no Makefile: the workflow installs the package and runs pytest itself, and ruff
    repo = foreign_repo(tmp_path, {**SCRIPT_REPO, "tests/test_train.py": TRAIN_TEST})
    commit_all(repo)
    add_components(AddRequest(repo, ("ci",)))
    commit_all(repo, "mlops add ci")
    assert reported(repo, "CI001", "CI002", "CI003") == []
    add_components(AddRequest(repo, ("makefile",)))
    commit_all(repo, "mlops add makefile")
    assert reported(repo, "CI001", "CI002", "CI003") == []


def test_add_serve_alone_does_not_pass_the_data_test_check(tmp_path: Path) -> None:
    # its schema-fuzz test sends requests; it reads no data set
    repo = foreign_repo(tmp_path, {**DEPLOYED_REPO, "tests/test_train.py": TRAIN_TEST})
    commit_all(repo)
    add_components(AddRequest(repo, ("serve",)))
    commit_all(repo, "mlops add serve")
    assert (repo / "tests/service/test_schema_fuzz.py").is_file()
    assert reported(repo, "DATA005") == ["DATA005"]
    add_components(AddRequest(repo, ("tests",)))  # tests/data/ reads the prepared splits
    commit_all(repo, "mlops add tests")
    assert reported(repo, "DATA005") == []
