"""The layers of docs/architecture.md, checked on the source: imports run one way, and git is
started from one module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mlops_scaffold"

# Layer of each top-level module or package; a module may import only its own layer or lower.
LAYERS: dict[str, float] = {
    "cli": 4,
    "new": 3,
    "add": 3,
    "update": 3,
    "doctor": 3,
    "lock": 2,
    "project_setup": 2,
    "fix": 3.5,
    "lock_needs": 1,
    "answers": 2,
    "components": 2,
    "ci_fit": 2,
    "merge": 2,
    "data_tracking": 2,
    "template": 1,
    "repo": 1,
    "vcs": 1,
    "origin": 1,
    "catalogue": 0,
    "errors": 0,
    "versions": 0,
    "lazy_pattern": 0,
    "__init__": 0,
    "__main__": 5,
}
VERBS = {"new", "add", "update", "doctor"}


def imports_of(path: Path) -> set[str]:
    """The mlops_scaffold top-level modules a source file imports (at any depth of code)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] == "mlops_scaffold":
                if len(parts) > 1:
                    found.add(parts[1])
                else:  # `from mlops_scaffold import vcs` or `import __version__`
                    found.update(a.name if a.name in LAYERS else "__init__" for a in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "mlops_scaffold" and len(parts) > 1:
                    found.add(parts[1])
    return found


def layer_of(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


SOURCES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_imports_run_downwards(path: Path) -> None:
    own = layer_of(path)
    upward = {
        name
        for name in imports_of(path) - {own}
        if LAYERS[name] > LAYERS[own] or (name in VERBS and own in VERBS)
    }
    assert not upward, f"{own} imports {sorted(upward)}: a higher layer or another verb"


def test_every_module_has_a_layer() -> None:
    assert {layer_of(path) for path in SOURCES} <= set(LAYERS)


def test_only_vcs_starts_git() -> None:
    starters = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
                first = node.elts[0]
                if isinstance(first, ast.Constant) and first.value == "git":
                    starters.add(path.relative_to(SRC).as_posix())
    assert starters == {"vcs.py"}
