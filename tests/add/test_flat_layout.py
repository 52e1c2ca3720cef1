"""A flat repo (package folder at the root, no src/): what `add` brings points at it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from mlops_scaffold.add import AddRequest, add_components
from tests.add.trees import build_tree
from tests.generated.dockerfile import copy_sources, dvc_outs

FLAT_REPO = {
    "pyproject.toml": '[project]\nname = "demo"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n',
    "README.md": "# demo\n",
    "demo/__init__.py": "",
}
# Paths a Makefile recipe reads: a relative path with a folder, not a $(VAR) or a URL.
MAKEFILE_PATH = re.compile(r"(?<![\w$(/:.])[A-Za-z_][\w.-]*/[\w./-]*\w")


@pytest.fixture
def flat_repo(tmp_path: Path) -> Path:
    repo = build_tree(tmp_path, FLAT_REPO)
    add_components(AddRequest(repo, ("docker", "makefile", "lock", "serve", "dvc")))
    return repo


@pytest.mark.parametrize("image", ["train", "serve"])
def test_every_copy_source_of_the_images_exists_in_a_flat_repo(flat_repo: Path, image: str) -> None:
    outputs = dvc_outs(flat_repo)
    sources = [s.rstrip("/") for s in copy_sources(flat_repo / f"docker/{image}.Dockerfile")]
    missing = [
        source
        for source in sources
        if not (flat_repo / source).exists()
        and not any(source == out or source.startswith(f"{out}/") for out in outputs)
    ]
    assert "demo" in sources
    assert missing == []


def test_every_path_the_makefile_names_exists_in_a_flat_repo(flat_repo: Path) -> None:
    named = set(MAKEFILE_PATH.findall((flat_repo / "Makefile").read_text()))
    assert named
    assert [path for path in sorted(named) if not (flat_repo / path).exists()] == []


def test_the_pipeline_depends_on_the_flat_package_modules(flat_repo: Path) -> None:
    stages = yaml.safe_load((flat_repo / "dvc.yaml").read_text())["stages"].values()
    code = [dep for stage in stages for dep in stage["deps"] if str(dep).endswith(".py")]
    assert code and [dep for dep in code if not (flat_repo / dep).is_file()] == []


@pytest.mark.parametrize(
    ("declared", "copied"),
    [
        ("", []),
        ('readme = "README.md"\n', ["README.md"]),
        ('readme = {file = "docs/About.rst"}\n', ["docs/About.rst"]),
    ],
)
def test_the_images_copy_the_readme_pyproject_declares_and_no_other(
    tmp_path: Path, declared: str, copied: list[str]
) -> None:
    # The template's images copy README.md for the build backend; a repo may have none, or another.
    files = {"pyproject.toml": FLAT_REPO["pyproject.toml"] + declared, "demo/__init__.py": ""}
    repo = build_tree(tmp_path, {**files, **{path: "about\n" for path in copied}})
    add_components(AddRequest(repo, ("docker",)))

    for image in ("train", "serve"):
        sources = copy_sources(repo / f"docker/{image}.Dockerfile")
        assert [source for source in sources if "README" in source or "About" in source] == copied
        start = sources.index("pyproject.toml")
        assert sources[start : start + 1 + len(copied)] == ["pyproject.toml", *copied]
