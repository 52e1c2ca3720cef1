"""Build and read real file trees for the add and update tests."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from mlops_scaffold import components, merge, template, update
from tests.conftest import build_file_tree

FOREIGN_PYPROJECT = '[project]\nname = "demo"\nrequires-python = ">=3.11"\n'


build_tree = build_file_tree


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (outside .git) by relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def git(root: Path, *args: str) -> str:
    """Run git in `root` with a fixed identity; return stdout."""
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def commit_all(root: Path, message: str = "work") -> str:
    """`git init` when needed, commit everything, return the commit hash."""
    if not (root / ".git").exists():
        git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def foreign_repo(root: Path, extra: Mapping[str, str | bytes] | None = None) -> Path:
    """A small repo mlops did not make: a src-layout package called demo."""
    base: dict[str, str | bytes] = {"pyproject.toml": FOREIGN_PYPROJECT, "src/demo/__init__.py": ""}
    return build_tree(root, {**base, **(extra or {})})


def interrupt_after_moves(monkeypatch: pytest.MonkeyPatch, count: int) -> list[Path]:
    """Make the writing of a plan stop with Ctrl-C after `count` files are moved in; the
    files moved, for the test to check that they were taken back out."""
    moved: list[Path] = []
    real_move = merge.move_into_place

    def move_then_fail(staged: Path, target: Path) -> None:
        if len(moved) == count:
            raise KeyboardInterrupt
        moved.append(target)
        real_move(staged, target)

    monkeypatch.setattr(merge, "move_into_place", move_then_fail)
    return moved


REAL_TEMPLATE = template.template_dir()


def install_template(
    folder: Path, files: Mapping[str, str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Install a version of the template in `folder`: the real one with some files replaced."""
    root = folder / "project"
    shutil.copytree(REAL_TEMPLATE, root)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(template, "template_dir", lambda: root)
    return root


_RENDERS: dict[tuple[Any, ...], dict[str, bytes]] = {}
_real_render_files = components.render_files


def cached_render_files(data: Mapping[str, Any]) -> dict[str, bytes]:
    """render_files, once per template folder and answers for the whole test run."""
    key = (str(template.template_dir()), *sorted((k, str(v)) for k, v in data.items()))
    if key not in _RENDERS:
        _RENDERS[key] = _real_render_files(data)
    return dict(_RENDERS[key])


def use_cached_renders(monkeypatch: pytest.MonkeyPatch) -> Callable[..., dict[str, bytes]]:
    """Point add and update at the cached renderer (same output, rendered once)."""
    monkeypatch.setattr(components, "render_files", cached_render_files)
    monkeypatch.setattr(update, "render_files", cached_render_files)
    return cached_render_files


def git_objects(root: Path) -> set[str]:
    """The files of the repo's object store: unchanged by a run that stores none."""
    objects = root / ".git" / "objects"
    return {path.relative_to(objects).as_posix() for path in objects.rglob("*") if path.is_file()}
