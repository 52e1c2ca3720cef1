"""The Dockerfiles pass hadolint, and what they copy and run exists in the generated project.

No Docker daemon runs here, so these tests read the Dockerfiles instead of building them.
"""

from __future__ import annotations

import ast
import shlex
import tomllib
from pathlib import Path

import pytest

from tests.generated.conftest import (
    COMBINATIONS,
    VERSIONS,
    answers_of,
    in_every_project,
    run,
    validator,
)
from tests.generated.dockerfile import copy_sources, dvc_outs, instructions, is_ignored, last
from tests.generated.imports import (
    distribution_name,
    locked_distributions,
    module_file,
    third_party_modules,
)

IMAGES = ["serve", "train"]


def dockerfile(project: Path, image: str) -> Path:
    return project / "docker" / f"{image}.Dockerfile"


def image_module(project: Path, image: str) -> str:
    """The module the image's CMD runs: `uvicorn MODULE:app` or `python -m MODULE`."""
    words = last(dockerfile(project, image), "CMD")
    if words[:2] == ["sh", "-c"]:
        words = shlex.split(words[2])
    if "-m" in words:
        return words[words.index("-m") + 1]
    return words[words.index("uvicorn") + 1].split(":")[0]


def test_hadolint_reports_nothing(every_project: Path) -> None:
    files = in_every_project(every_project, "docker/*.Dockerfile")
    assert len(files) == len(IMAGES) * len(COMBINATIONS)
    result = run([validator("hadolint"), *files], cwd=every_project)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("image", IMAGES)
def test_every_copy_source_exists_or_is_a_pipeline_output(project: Path, image: str) -> None:
    outs = dvc_outs(project)

    def produced_by_pipeline(source: str) -> bool:
        return any(source == out or source.startswith(out + "/") for out in outs)

    sources = [s.rstrip("/") for s in copy_sources(dockerfile(project, image))]
    assert sources
    missing = [s for s in sources if not (project / s).exists() and not produced_by_pipeline(s)]
    assert missing == []


@pytest.mark.parametrize("image", IMAGES)
def test_no_copy_source_is_left_out_of_the_build_context(project: Path, image: str) -> None:
    sources = copy_sources(dockerfile(project, image))
    assert [s for s in sources if is_ignored(s, project / ".dockerignore")] == []


@pytest.mark.parametrize("image", IMAGES)
def test_package_build_finds_every_file_pyproject_names(project: Path, image: str) -> None:
    metadata = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    named = []
    for key in ("readme", "license"):
        value = metadata.get(key)
        if isinstance(value, str) and key == "readme":
            named.append(value)
        elif isinstance(value, dict) and "file" in value:
            named.append(value["file"])
    copied = {s.rstrip("/") for s in copy_sources(dockerfile(project, image))}
    assert [name for name in named if name not in copied] == []


def test_data_and_training_outputs_stay_out_of_the_build_context(default_project: Path) -> None:
    ignore = default_project / ".dockerignore"
    kept_out = ["data/raw.csv", "models/model.pkl", "notebooks/eda.ipynb", ".git/HEAD", ".venv/x"]
    assert [path for path in kept_out if not is_ignored(path, ignore)] == []


def test_the_served_model_files_stay_in_the_build_context(default_project: Path) -> None:
    ignore = default_project / ".dockerignore"
    assert not is_ignored("models/model.onnx", ignore)
    assert not is_ignored("models/metadata.json", ignore)


@pytest.mark.parametrize("image", IMAGES)
def test_the_module_the_image_runs_exists(project: Path, image: str) -> None:
    module = image_module(project, image)
    assert module.split(".")[0] == answers_of(project)["package_name"]
    assert module_file(project / "src", module) is not None, module


def test_serve_command_names_an_app_the_module_defines(project: Path) -> None:
    path = module_file(project / "src", image_module(project, "serve"))
    assert path is not None
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assigned = {
        target.id
        for node in tree.body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    assert "app" in assigned


@pytest.mark.parametrize("image", IMAGES)
def test_image_lock_provides_every_module_its_command_imports(project: Path, image: str) -> None:
    modules = third_party_modules(project / "src", image_module(project, image))
    locked = locked_distributions(project / "requirements" / f"{image}.txt")
    assert modules
    assert sorted(m for m in modules if distribution_name(m) not in locked) == []


def test_serve_image_carries_no_training_stack(project: Path) -> None:
    locked = locked_distributions(project / "requirements" / "serve.txt")
    assert locked & {"scikit-learn", "pandas", "skl2onnx", "dvc", "mlflow"} == set()


BUILDER_PYTHON = "/usr/local/bin/python"  # the builder stage's own Python, outside the kept venv


@pytest.mark.parametrize("image", IMAGES)
def test_image_installs_only_its_own_lock_with_hashes(project: Path, image: str) -> None:
    runs = [i.arguments for i in instructions(dockerfile(project, image)) if i.keyword == "RUN"]
    installs = [text for text in runs if "-r requirements/" in text and BUILDER_PYTHON not in text]
    assert len(installs) == 1
    assert "--require-hashes" in installs[0]
    assert f"-r requirements/{image}.txt" in installs[0]


@pytest.mark.parametrize("image", IMAGES)
def test_image_builds_the_package_with_the_hash_locked_backend(project: Path, image: str) -> None:
    runs = [i.arguments for i in instructions(dockerfile(project, image)) if i.keyword == "RUN"]
    backend = [text for text in runs if "-r requirements/build.txt" in text]
    builds = [text for text in runs if " wheel " in text]
    assert len(backend) == 1
    assert BUILDER_PYTHON in backend[0]
    assert "--require-hashes" in backend[0]
    assert len(builds) == 1
    assert "--no-build-isolation" in builds[0]


@pytest.mark.parametrize("image", IMAGES)
def test_image_runs_as_a_non_root_user(project: Path, image: str) -> None:
    user = last(dockerfile(project, image), "USER")
    assert user and user[0] not in {"root", "0"}


@pytest.mark.parametrize("image", IMAGES)
def test_image_base_is_the_versions_tables_image_of_the_project_python(
    project: Path, image: str
) -> None:
    bases = [i.words()[0] for i in instructions(dockerfile(project, image)) if i.keyword == "FROM"]
    wanted = VERSIONS.image(answers_of(project)["python_version"])  # python:3.x.y-slim-trixie
    assert bases == [wanted, wanted]  # a builder stage and a runtime stage


def test_serve_image_has_a_healthcheck_on_health(project: Path) -> None:
    checks = [i for i in instructions(dockerfile(project, "serve")) if i.keyword == "HEALTHCHECK"]
    assert len(checks) == 1
    assert "/health" in checks[0].arguments
