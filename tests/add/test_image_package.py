"""The images install the repo's package as a wheel its own backend builds, except where the
repo's packaging says, in its files, that no wheel holds the package folder: then the images
run that folder from source (PYTHONPATH) and the plan says why.

The trees are the shapes of real repositories: a uv project without [build-system]
(karpathy/nanochat), a Poetry project whose `packages` names a folder that is not there
(w7a8n1y4a/dvc_sam_train); beside them, the same shapes whose packaging does build the folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mlops_scaffold.repo.packaging import why_not_in_a_wheel
from mlops_scaffold.repo.view import Repo
from tests.add.trees import build_tree, commit_all
from tests.conftest import run_mlops
from tests.generated.dockerfile import copy_sources, is_ignored

UV_VIRTUAL = {
    "pyproject.toml": (
        '[project]\nname = "chat"\nversion = "0.1.0"\nrequires-python = ">=3.10"\n'
        'dependencies = ["numpy>=1.26"]\n\n[dependency-groups]\ndev = ["pytest>=8"]\n\n'
        "[tool.uv]\ndefault-groups = []\n"
    ),
    "uv.lock": "version = 1\n",
    "chat/__init__.py": "",
    "chat/gpt.py": "",
    "scripts/base_train.py": "",
    "tasks/arc.py": "",
}
POETRY_MISSING_INCLUDE = {
    "pyproject.toml": (
        '[tool.poetry]\nname = "sam-train"\nversion = "0.1.0"\ndescription = ""\n'
        'authors = ["A Person <a@example.com>"]\npackages = [{include = "sam_lora_poetry"}]\n\n'
        '[tool.poetry.dependencies]\npython = ">=3.10,<3.13"\n\n'
        '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n'
    ),
    "train.py": "",
}


def add_docker(tmp_path: Path, files: dict[str, str]) -> tuple[Path, str]:
    repo = build_tree(tmp_path, files)
    commit_all(repo)
    done = run_mlops("add", "docker", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    return repo, " ".join(done.stdout.split())


def dockerfiles(repo: Path) -> dict[str, str]:
    return {
        image: (repo / f"docker/{image}.Dockerfile").read_text() for image in ("train", "serve")
    }


def assert_wheel_images(repo: Path, said: str) -> None:
    """The images build the package as a wheel, and the plan says nothing of source."""
    assert "from source" not in said
    for text in dockerfiles(repo).values():
        assert "pip wheel" in text and "PYTHONPATH" not in text


def test_a_uv_project_without_build_system_runs_its_folder_from_source(tmp_path: Path) -> None:
    repo, said = add_docker(tmp_path, UV_VIRTUAL)
    assert "the images run chat/ from source (PYTHONPATH), not as a wheel" in said
    assert "uv treats the project as not a package" in said
    for image, text in dockerfiles(repo).items():
        assert "pip wheel" not in text and "build.txt" not in text, image
        assert "\nCOPY chat/ chat/\nENV PYTHONPATH=/app\n" in text, image
        for source in copy_sources(repo / f"docker/{image}.Dockerfile"):
            # `make train` makes models/; the lock and dvc components bring the rest
            if not source.startswith(("models/", "requirements/", "params.yaml")):
                assert (repo / source).exists(), source
                assert not is_ignored(source.rstrip("/"), repo / ".dockerignore"), source
    assert "uvicorn chat.serve.app:app" in dockerfiles(repo)["serve"]


def test_a_uv_project_with_a_build_backend_installs_its_wheel(tmp_path: Path) -> None:
    files = dict(UV_VIRTUAL)
    files["pyproject.toml"] += (
        '\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
    )
    assert_wheel_images(*add_docker(tmp_path, files))


def test_a_poetry_project_whose_packages_miss_the_folder_runs_it_from_source(
    tmp_path: Path,
) -> None:
    repo, said = add_docker(tmp_path, POETRY_MISSING_INCLUDE)
    assert "the images run src/sam_train/ from source (PYTHONPATH)" in said
    assert "[tool.poetry] packages includes sam_lora_poetry, not src/sam_train/" in said
    for text in dockerfiles(repo).values():
        assert "pip wheel" not in text
        assert "\nCOPY src/ src/\nENV PYTHONPATH=/app/src\n" in text


@pytest.mark.parametrize(
    ("packages", "folder"),
    [
        ('packages = [{include = "sam_train", from = "src"}]\n', "src/sam_train/__init__.py"),
        ("", "sam_train/__init__.py"),  # Poetry's default: the folder named after the project
    ],
)
def test_a_poetry_project_that_packages_the_folder_installs_its_wheel(
    tmp_path: Path, packages: str, folder: str
) -> None:
    files = {**POETRY_MISSING_INCLUDE, folder: ""}
    files["pyproject.toml"] = files["pyproject.toml"].replace(
        'packages = [{include = "sam_lora_poetry"}]\n', packages
    )
    assert_wheel_images(*add_docker(tmp_path, files))


def test_a_poetry_project_with_an_empty_author_runs_its_folder_from_source(
    tmp_path: Path,
) -> None:
    files = {**POETRY_MISSING_INCLUDE, "src/sam_train/__init__.py": ""}
    files["pyproject.toml"] = (
        files["pyproject.toml"]
        .replace('authors = ["A Person <a@example.com>"]', 'authors = [""]')
        .replace('packages = [{include = "sam_lora_poetry"}]\n', "")
    )
    repo, said = add_docker(tmp_path, files)
    assert "the images run src/sam_train/ from source (PYTHONPATH), not as a wheel: " in said
    assert '[tool.poetry] authors has "", which poetry-core refuses to build with' in said
    for text in dockerfiles(repo).values():
        assert "pip wheel" not in text


@pytest.mark.parametrize(
    "poetry_table",
    [
        'authors = "A Person <a@example.com>"\n',  # a string, not a list: Poetry's to refuse
        'packages = "sam_train"\n',
        'packages = [{include = "sam_*"}]\n',  # a glob: not read, so not judged
        "packages = [3]\n",
    ],
)
def test_packaging_it_cannot_read_is_not_called_unbuildable(
    tmp_path: Path, poetry_table: str
) -> None:
    pyproject = (
        '[tool.poetry]\nname = "sam-train"\nversion = "0.1.0"\n'
        + poetry_table
        + '\n[build-system]\nbuild-backend = "poetry.core.masonry.api"\n'
    )
    repo = build_tree(tmp_path, {"pyproject.toml": pyproject, "src/sam_train/__init__.py": ""})
    assert why_not_in_a_wheel(Repo.open(repo), "src/sam_train") is None


@pytest.mark.parametrize(
    ("packages", "listed"),
    [
        ('["churn"]', True),  # scikit-learn-contrib/sklearn-pandas: no churn.serve in the wheel
        ('["churn", "churn.serve", "churn.monitoring"]', False),
        ("find_packages()", False),
    ],
)
def test_a_setup_py_that_lists_its_packages_leaves_the_added_ones_out(
    tmp_path: Path, packages: str, listed: bool
) -> None:
    setup_py = (
        f'from setuptools import find_packages, setup\n\nsetup(name="churn", packages={packages})\n'
    )
    repo = build_tree(tmp_path, {"setup.py": setup_py, "churn/__init__.py": ""})
    reason = why_not_in_a_wheel(Repo.open(repo), "churn")
    assert (reason is not None) is listed
    if listed:
        assert reason == (
            "setup.py lists packages=['churn']: the wheel holds those only, not all of churn, "
            "churn.serve, churn.monitoring, where mlops adds its code"
        )


@pytest.mark.parametrize(
    ("wheel_table", "reason"),
    [
        # mlrepa/cicd-for-modern-ai: an examples repo that ships its docs, not a package
        (
            'only-include = ["README.md", "gitlab-examples"]\n',
            "[tool.hatch.build.targets.wheel] only-include lists README.md, gitlab-examples, "
            "not src/cicd/",
        ),
        ('packages = ["src/cicd"]\n', None),
        ('only-include = ["src"]\n', None),
    ],
)
def test_a_hatch_wheel_that_lists_other_paths_leaves_the_package_out(
    tmp_path: Path, wheel_table: str, reason: str | None
) -> None:
    pyproject = (
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
        f"[tool.hatch.build.targets.wheel]\n{wheel_table}\n"
        '[project]\nname = "cicd"\nversion = "0.1.0"\n'
    )
    repo = build_tree(tmp_path, {"pyproject.toml": pyproject, "src/cicd/__init__.py": ""})
    assert why_not_in_a_wheel(Repo.open(repo), "src/cicd") == reason


def setup_recipe_lines(repo: Path) -> list[str]:
    """The commands of `make setup`, as the Makefile `mlops add makefile` wrote holds them."""
    text = (repo / "Makefile").read_text()
    recipe = text.split("\nsetup:", 1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in recipe.splitlines()[1:] if line.startswith("\t")]


@pytest.mark.parametrize("files", [UV_VIRTUAL, POETRY_MISSING_INCLUDE], ids=["uv", "poetry"])
def test_make_setup_puts_a_source_package_on_the_venv_path_without_installing_it(
    tmp_path: Path, files: dict[str, str]
) -> None:
    repo = build_tree(tmp_path / "repo", files)
    commit_all(repo)
    # dvc brings the package folder's pipeline modules where the repo has none yet
    assert run_mlops("add", "dvc", "makefile", "--path", str(repo)).returncode == 0
    lines = setup_recipe_lines(repo)
    assert not any("-e ." in line for line in lines)  # the editable install that cannot build
    (pth_line,) = [line for line in lines if ".pth" in line]

    venv = repo / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    command = pth_line.replace("$(Q)$(BIN)/python", str(venv / "bin/python"))
    subprocess.run(["bash", "-c", command], cwd=repo, check=True)
    package = "chat" if files is UV_VIRTUAL else "sam_train"
    imported = subprocess.run(
        [str(venv / "bin/python"), "-c", f"import {package}; print({package}.__file__)"],
        cwd=tmp_path,  # not the repo: the venv alone must find the package
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    assert Path(imported.stdout.strip()).resolve().is_relative_to(repo.resolve())


def test_make_setup_installs_a_buildable_package_as_editable(tmp_path: Path) -> None:
    files = dict(UV_VIRTUAL)
    files["pyproject.toml"] += (
        '\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
    )
    repo = build_tree(tmp_path, files)
    commit_all(repo)
    assert run_mlops("add", "makefile", "--path", str(repo)).returncode == 0
    lines = setup_recipe_lines(repo)
    assert any("--no-build-isolation -e ." in line for line in lines)
    assert not any(".pth" in line for line in lines)
