"""Property: whatever a repo holds, adding every component keeps every byte of it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlops_scaffold.add import AddRequest, add_components
from mlops_scaffold.components import COMPONENTS
from tests.add.trees import build_tree, foreign_repo, snapshot

# Names the components write, so the random trees collide with them on purpose.
COMPONENT_PATHS = [
    ".gitignore",
    ".dockerignore",
    ".dvcignore",
    ".dvc/config",
    ".dvc/.gitignore",
    "Makefile",
    ".github/workflows/ci.yml",
    ".github/workflows/release.yml",
    ".github/dependabot.yml",
    ".pre-commit-config.yaml",
    "docker/serve.Dockerfile",
    "docker/train.Dockerfile",
    "dvc.yaml",
    "params.yaml",
    "requirements/train.in",
    "requirements/serve.txt",
    "src/demo/__init__.py",
    "src/demo/config.py",
    "src/demo/serve/app.py",
    "tests/conftest.py",
    "tests/unit/test_x.py",
    "deploy/k8s/deployment.yaml",
    "docs/model_card.md",
]
segment = st.text(alphabet="abcxyz_-.", min_size=1, max_size=6).filter(
    lambda s: s not in {".", "..", ".git"}
)
random_path = st.lists(segment, min_size=1, max_size=4).map("/".join)
content = st.one_of(
    st.text(max_size=200).map(lambda text: text.encode("utf-8")),
    st.binary(max_size=200),
    st.sampled_from([b"", b"jobs:\n  x:\n    runs-on: y\n", b"all:\n\techo\n", b"\x00\xff"]),
)
trees = st.dictionaries(
    st.one_of(st.sampled_from(COMPONENT_PATHS), random_path), content, max_size=12
)


def without_path_clashes(tree: dict[str, bytes]) -> dict[str, bytes]:
    """Drop files whose path is another file's folder (a tree cannot hold both)."""
    folders = {"/".join(p.split("/")[:i]) for p in tree for i in range(1, p.count("/") + 1)}
    return {path: blob for path, blob in tree.items() if path not in folders}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tree=trees)
def test_every_pre_existing_byte_survives_adding_every_component(tree: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        repo = build_tree(foreign_repo(Path(scratch)), without_path_clashes(tree))
        before = snapshot(repo)
        add_components(AddRequest(repo, tuple(COMPONENTS)))
        after = snapshot(repo)
        for path, blob in before.items():
            assert after[path].startswith(blob), path
