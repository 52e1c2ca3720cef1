"""Each check fires on a repository built to violate it and is silent on one that satisfies it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.catalogue import PRACTICES
from mlops_scaffold.doctor.checks import REGISTRY
from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree
from tests.doctor.cases import ALTERNATIVES, CASES, SERVICE, TRAINING
from tests.doctor.helpers import audit, found_ids, status_of, status_on


def test_every_practice_in_the_catalogue_has_a_check_and_a_case() -> None:
    ids = [p.id for p in PRACTICES]
    assert sorted(REGISTRY) == sorted(ids)
    assert sorted(CASES) == sorted(ids)


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_fires_on_a_repository_that_violates_it(tmp_path: Path, check_id: str) -> None:
    build_file_tree(tmp_path, CASES[check_id][0])
    report = audit(tmp_path, check_id)
    assert found_ids(report) == {check_id}
    assert report.exit_code == 1


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_is_silent_on_a_repository_that_satisfies_it(tmp_path: Path, check_id: str) -> None:
    build_file_tree(tmp_path, CASES[check_id][1])
    report = audit(tmp_path, check_id)
    assert report.findings == ()
    assert status_of(report, check_id) is Status.PASSED


@pytest.mark.parametrize(
    ("check_id", "tree"), ALTERNATIVES, ids=[f"{c}-{next(iter(t))}" for c, t in ALTERNATIVES]
)
def test_check_accepts_the_alternatives_users_really_use(
    tmp_path: Path, check_id: str, tree: dict
) -> None:
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path, check_id).findings == ()


@pytest.mark.parametrize("check_id", ["SERVE002", "MON001", "MON002", "TEST003", "IMG002"])
def test_service_checks_do_not_apply_without_a_service(tmp_path: Path, check_id: str) -> None:
    build_file_tree(tmp_path, {"src/demo/__init__.py": "", "Dockerfile": "FROM python:3.11\n"})
    report = audit(tmp_path, check_id)
    assert status_of(report, check_id) is Status.NOT_APPLICABLE
    assert report.findings == ()


def test_a_finding_names_the_file_and_line_where_the_practice_is_missing(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"requirements.txt": "numpy==2.1.0\npandas>=2\n"})
    (finding,) = audit(tmp_path, "ENV002").findings
    assert (finding.path, finding.line) == ("requirements.txt", 2)
    assert "pandas>=2" in finding.message
    assert finding.fix.startswith("mlops add lock")


def test_a_dockerignore_that_re_includes_the_served_model_keeps_models_out(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            **SERVICE,
            "Dockerfile": "FROM python:3.11\nUSER app\n",
            ".dockerignore": ".git\ndata/\nmodels/\n!models/model.onnx\n!models/metadata.json\n",
        },
    )
    assert audit(tmp_path, "IMG005").findings == ()


def test_img002_passes_on_an_only_image_that_only_serves(tmp_path: Path) -> None:
    dockerfile = "FROM python:3.11-slim\nUSER app\nCMD uvicorn demo.app:app\n"
    build_file_tree(tmp_path, {**SERVICE, "Dockerfile": dockerfile})
    report = audit(tmp_path, "IMG002")
    assert report.findings == ()
    assert status_of(report, "IMG002") is Status.PASSED


@pytest.mark.parametrize(
    ("source", "reported"),
    [
        ("https://github.com/acme/feats/archive/master.zip", True),
        ("git+https://github.com/acme/feats.git@main", True),
        ("https://github.com/acme/feats/archive/v1.2.0.zip", False),
        ("git+https://github.com/acme/feats.git@4f9c2e1", False),
    ],
)
def test_env002_reports_an_image_install_of_a_branch(
    tmp_path: Path, source: str, reported: bool
) -> None:
    dockerfile = (
        f"FROM python:3.12-slim\nRUN pip install -r requirements.txt\nRUN pip install {source}\n"
    )
    tree = {"requirements.txt": "numpy==2.1.0\n", "Dockerfile": dockerfile}
    build_file_tree(tmp_path, tree)
    findings = audit(tmp_path, "ENV002").findings
    assert [(f.path, f.line) for f in findings] == ([("Dockerfile", 3)] if reported else [])


@pytest.mark.parametrize(
    ("packages", "reported"),
    [("  - scikit-learn\n  - pandas>=2\n", True), ("  - scikit-learn==1.5.2\n", False)],
)
def test_env002_judges_the_packages_a_bento_installs(
    tmp_path: Path, packages: str, reported: bool
) -> None:
    bentofile = f'service: "service:svc"\npython:\n  packages:\n{packages}'
    tree = {"requirements.txt": "numpy==2.1.0\n", "service/bentofile.yaml": bentofile}
    build_file_tree(tmp_path, tree)
    findings = audit(tmp_path, "ENV002").findings
    assert [(f.path, f.line) for f in findings] == (
        [("service/bentofile.yaml", 4)] if reported else []
    )


@pytest.mark.parametrize(
    ("requirements", "applies"),
    [
        ("numpy==2.1.0\npandas==2.2.3\nscipy>=1\n", True),
        ("numpy>=1\npandas>=2\nsphinx==7.0\n", True),  # one pin among ranges goes stale too
        ("numpy>=1\npandas>=2\nsphinx\n", False),
    ],
)
def test_env005_asks_for_updates_of_any_pin(
    tmp_path: Path, requirements: str, applies: bool
) -> None:
    status = status_on(tmp_path, {"docs/requirements.txt": requirements}, "ENV005")
    assert status is (Status.FAILED if applies else Status.NOT_APPLICABLE)


def pyproject_with(*dependencies: str) -> str:
    listed = "".join(f'    "{d}",\n' for d in dependencies)
    return f'[project]\nname = "demo"\nversion = "0.1"\ndependencies = [\n{listed}]\n'


def test_env003_and_env005_read_the_pins_of_a_pyproject(tmp_path: Path) -> None:
    pyproject = pyproject_with("numpy==2.1.0", "pandas==2.2.3", "scipy>=1")
    build_file_tree(tmp_path, {"pyproject.toml": pyproject, "src/demo/__init__.py": ""})
    report = audit(tmp_path, "ENV003", "ENV005")
    (finding,) = [f for f in report.findings if f.id == "ENV003"]
    assert (finding.path, finding.line) == ("pyproject.toml", 5)
    assert "`numpy`" in finding.message
    assert status_of(report, "ENV005") is Status.FAILED


@pytest.mark.parametrize(
    ("dependencies", "lock"),
    [(("numpy>=2", "pandas~=2.2"), {}), (("numpy==2.1.0",), {"uv.lock": "version = 1\n"})],
    ids=["ranges", "locked"],
)
def test_env003_is_silent_on_pyproject_ranges_or_locked_pins(
    tmp_path: Path, dependencies: tuple[str, ...], lock: dict[str, str]
) -> None:
    tree = {"pyproject.toml": pyproject_with(*dependencies), "src/demo/__init__.py": "", **lock}
    build_file_tree(tmp_path, tree)
    assert not [f for f in audit(tmp_path, "ENV003").findings if f.id == "ENV003"]


@pytest.mark.parametrize(
    "deployment",
    [
        {"docker-compose.yml": "services:\n  mlflow:\n    image: ghcr.io/mlflow/mlflow:v2\n"},
        {"Dockerfile": "FROM python:3.12-slim\nUSER app\nCMD python -m demo.batch\n"},
    ],
    ids=["compose-of-tools", "job-image"],
)
def test_serve001_asks_for_no_service_when_nothing_is_served(
    tmp_path: Path, deployment: dict[str, str]
) -> None:
    tree = {"src/demo/train.py": "import sklearn\n", **deployment}
    assert status_on(tmp_path, tree, "SERVE001") is Status.NOT_APPLICABLE


def test_serve001_fires_on_an_image_that_exposes_a_port_without_a_service(tmp_path: Path) -> None:
    dockerfile = "FROM python:3.12-slim\nUSER app\nEXPOSE 8000\n"
    tree = {"src/demo/train.py": "import sklearn\n", "Dockerfile": dockerfile}
    assert status_on(tmp_path, tree, "SERVE001") is Status.FAILED


def test_data001_counts_json_committed_in_a_data_folder(tmp_path: Path) -> None:
    records = '[{"irradiance": 812.5, "power": 3.1}]\n'
    loader = 'import json\n\nROWS = json.load(open("datasets/training_input.json"))\n'
    tree = {**TRAINING, "src/demo/data.py": loader, "datasets/training_input.json": records}
    assert status_on(tmp_path, tree, "DATA001") is Status.PASSED


@pytest.mark.parametrize(
    "rel", ["config/settings.json", "tests/data/case.json", ".vscode/settings.json"]
)
def test_data001_does_not_count_json_outside_a_data_folder(tmp_path: Path, rel: str) -> None:
    tree = {**TRAINING, rel: '{"epochs": 3}\n'}
    assert status_on(tmp_path, tree, "DATA001") is Status.FAILED
