"""End to end: generate a project, install it from its own lock, train, test, lint and serve it.

Each class is one option combination; its project is built once (class-scoped) and
every test reads what a user would see. Slow (pip installs the locked environment):
marked e2e, so `pytest -m "not e2e"` skips them locally; CI runs them.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import tritonclient.http as triton
import yaml
from kserve import InferenceRESTClient, InferInput, InferRequest, RESTConfig

from scripts.service_probe import example_request, http, project_env, running_service
from tests.conftest import run_mlops

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Project:
    path: Path
    answers: dict[str, Any]
    status_after_new: str  # `git status --porcelain` right after `mlops new --setup`


def make(project: Path, *targets: str, timeout: int = 1200) -> subprocess.CompletedProcess[str]:
    """Run the generated project's own Makefile, outside the tool's virtual environment."""
    return subprocess.run(
        ["make", *targets],
        cwd=project,
        capture_output=True,
        text=True,
        env=project_env(),
        timeout=timeout,
        check=False,
    )


def find_python(version: str) -> str:
    """An interpreter of `version`: on PATH, or one pyenv installed (CI's machines have both)."""
    candidates = [shutil.which(f"python{version}") or ""]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(
        str(p) for p in pyenv_root.glob(f"versions/{version}.*/bin/python{version}")
    )
    for candidate in filter(None, candidates):
        if subprocess.run([candidate, "-c", ""], capture_output=True).returncode == 0:
            return candidate
    pytest.skip(f"no Python {version} interpreter on this machine")


def build(
    tmp_path_factory: pytest.TempPathFactory, name: str, *data: str, python: str | None = None
) -> Project:
    """`mlops new --setup`: render, commit, install from the lock and run the pipeline."""
    dest = tmp_path_factory.mktemp("e2e") / name
    flags = [arg for pair in data for arg in ("-d", pair)]
    env = {"PYTHON": python} if python else None  # the project's Makefile reads PYTHON
    result = run_mlops("new", str(dest), "--defaults", "--setup", *flags, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    answers = yaml.safe_load((dest / ".copier-answers.yml").read_text(encoding="utf-8"))
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=dest, capture_output=True, text=True, check=True
    )
    return Project(dest, answers, status.stdout)


class GeneratedProjectChecks:
    """What every generated project must do once installed and trained."""

    def test_pipeline_writes_model_metadata_and_metrics(self, project: Project) -> None:
        package = project.answers["package_name"]
        metadata = json.loads((project.path / "models" / "metadata.json").read_text())
        assert (project.path / "models" / "model.onnx").stat().st_size > 0
        assert metadata["problem_type"] == project.answers["problem_type"]
        assert metadata["git_commit"] not in ("", None)
        metrics = list((project.path / "metrics").glob("*.json"))
        assert metrics, f"no metrics written for {package}"

    def test_git_status_is_clean_after_new_with_setup(self, project: Project) -> None:
        # The README says dvc.lock, metrics/ and plots/ are committed: the first run's are.
        assert project.status_after_new == ""
        log = subprocess.run(
            ["git", "log", "--format=%s"], cwd=project.path, capture_output=True, text=True
        )
        assert log.stdout.splitlines()[0] == (
            "Train the model (make train): dvc.lock, metrics and plots"
        )

    def test_pipeline_is_up_to_date_after_training(self, project: Project) -> None:
        result = make(project.path, "train")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "didn't change, skipping" in result.stdout + result.stderr

    def test_generated_test_suite_passes(self, project: Project) -> None:
        result = make(project.path, "test")
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
        lines = result.stdout.splitlines()
        summary = next(line for line in reversed(lines) if " in " in line)
        assert " passed" in summary and "failed" not in summary and "skipped" not in summary
        # Quiet when it works: nothing between the command and pytest's header, no warnings.
        assert lines[:2] == [".venv/bin/pytest", "=" * 29 + " test session starts " + "=" * 30]
        assert " warning" not in summary, result.stdout[-4000:]
        assert "tests/notebooks/test_notebooks.py ." in result.stdout
        plugins = next(line for line in lines if line.startswith("plugins: "))
        assert "hydra" not in plugins  # DVC's Hydra brings a pytest plugin the project does not use

    def test_setup_again_prints_one_line_per_step(self, project: Project) -> None:
        result = make(project.path, "setup")
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.splitlines() == [
            "Installing requirements/dev.txt into .venv (uv)...",
            ".venv is ready: make train, make test, make serve",
        ]
        assert result.stderr == ""

    def test_generated_lint_passes(self, project: Project) -> None:
        result = make(project.path, "lint")
        assert result.returncode == 0, result.stdout + result.stderr

    def test_pre_commit_hooks_pass_with_no_venv_on_path(
        self, project: Project, tmp_path: Path
    ) -> None:
        env = {
            **project_env(),
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "PRE_COMMIT_HOME": str(tmp_path),
        }
        result = subprocess.run(
            [".venv/bin/pre-commit", "run", "--all-files"],
            cwd=project.path,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Passed" in result.stdout

    def test_service_answers_its_documented_example_over_http(self, project: Project) -> None:
        with running_service(project.path) as base:
            status, openapi = http(f"{base}/openapi.json")
            assert status == 200
            status, answer = http(f"{base}/predict", example_request(openapi))
            assert status == 200, answer
            assert "model_version" in json.dumps(answer)
            status, _ = http(f"{base}/predict", {"rows": "not a batch"})
            assert status == 422

    def test_triton_client_gets_the_answers_of_predict_in_json_and_binary(
        self, project: Project
    ) -> None:
        model = project.answers["package_name"]
        with running_service(project.path) as base:
            rows, expected = rows_and_predict_answers(project, base)
            client = triton.InferenceServerClient(url=base.removeprefix("http://"))
            assert client.is_server_live() and client.is_server_ready()
            assert client.is_model_ready(model)
            names = [output["name"] for output in client.get_model_metadata(model)["outputs"]]
            for binary in (False, True):
                tensor = triton.InferInput("features", list(rows.shape), "FP32")
                tensor.set_data_from_numpy(rows, binary_data=binary)
                wanted = [triton.InferRequestedOutput(name, binary_data=binary) for name in names]
                result = client.infer(model, [tensor], outputs=wanted)
                assert_same_answers({name: result.as_numpy(name) for name in names}, expected)

    def test_kserve_client_gets_the_answers_of_predict_in_json_and_binary(
        self, project: Project
    ) -> None:
        model = project.answers["package_name"]

        async def ask(base: str, rows: np.ndarray, binary: bool) -> dict[str, np.ndarray]:
            async with InferenceRESTClient(RESTConfig(protocol="v2")) as client:
                assert await client.is_server_live(base) and await client.is_server_ready(base)
                assert await client.is_model_ready(base, model)
                tensor = InferInput(name="features", shape=list(rows.shape), datatype="FP32")
                tensor.set_data_from_numpy(rows, binary_data=binary)
                request = InferRequest(model, [tensor], parameters={"binary_data_output": binary})
                response = await client.infer(base, request, model_name=model)
                return {output.name: output.as_numpy() for output in response.outputs}

        with running_service(project.path) as base:
            rows, expected = rows_and_predict_answers(project, base)
            for binary in (False, True):
                assert_same_answers(asyncio.run(ask(base, rows, binary)), expected)


def rows_and_predict_answers(project: Project, base: str) -> tuple[np.ndarray, list[Any]]:
    """Ten rows of the project's test split (float32) and what /predict answers for them."""
    test_split = (project.path / "data" / "processed" / "test.csv").read_text().splitlines()
    rows = np.array([line.split(",")[:-1] for line in test_split[1:11]], dtype=np.float32)
    status, answer = http(f"{base}/predict", {"instances": rows.tolist()})
    assert status == 200, answer
    return rows, answer["predictions"]


def assert_same_answers(outputs: dict[str, np.ndarray], predictions: list[dict[str, Any]]) -> None:
    """Each output tensor holds, row by row, that field of /predict's predictions."""
    assert outputs and set(outputs) <= set(predictions[0])
    for name, values in outputs.items():
        np.testing.assert_allclose(values, [p[name] for p in predictions], rtol=1e-6)


def test_a_project_without_git_trains(tmp_path_factory: pytest.TempPathFactory) -> None:
    dest = tmp_path_factory.mktemp("e2e") / "no-git"
    result = run_mlops("new", str(dest), "--defaults", "--no-git", "--setup")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (dest / ".git").exists()
    assert (dest / "models" / "model.onnx").stat().st_size > 0
    assert list((dest / "metrics").glob("*.json"))
    again = make(dest, "train")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "didn't change, skipping" in again.stdout + again.stderr


class TestDefaultProject(GeneratedProjectChecks):
    @pytest.fixture(scope="class")
    @classmethod
    def project(cls, tmp_path_factory: pytest.TempPathFactory) -> Project:
        return build(tmp_path_factory, "default-project")


class TestRegressionWithMlflowAndKubernetes(GeneratedProjectChecks):
    @pytest.fixture(scope="class")
    @classmethod
    def project(cls, tmp_path_factory: pytest.TempPathFactory) -> Project:
        return build(
            tmp_path_factory,
            "regression-project",
            "problem_type=regression",
            "tracking=mlflow",
            "deployment=kubernetes",
            "python_version=3.12",
            "description=Ünïcode: \"quotes\" 'single' {braces} $dollar \\back # hash",
            python=find_python("3.12"),
        )

    def test_mlflow_run_is_recorded_in_the_local_store(self, project: Project) -> None:
        stores = [p for p in project.path.rglob("*") if p.name in {"mlflow.db", "mlruns"}]
        assert stores, "training logged nothing to the local MLflow store"
