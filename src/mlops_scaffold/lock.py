"""`mlops add lock`: the repo's declared dependencies, compiled into hash-locked requirements.

The template's `requirements/*.in` gain what the repo declares (pyproject, Poetry, PDM,
root requirements files); `uv pip compile` turns each into a universal, hash-locked
`.txt` in a scratch folder, seeded with the template's locks so their pins are kept.
Nothing lands in the repo here: the files go into the plan, which is applied atomically.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mlops_scaffold.errors import StepFailedError, ToolMissingError
from mlops_scaffold.repo.dependencies import (
    DeclaredDependencies,
    requirements_set,
    root_requirement_files,
)
from mlops_scaffold.repo.parsers import Requirement
from mlops_scaffold.repo.view import Repo

COMPILED_SETS = ("train", "serve", "dev")
"""The sets a repo's declarations go to; `dev.in` includes train and serve, so it comes last."""
INCLUDES = {"dev": ("train", "serve")}
POINTER = (
    "# Your requirements are in requirements/{name}.in now (mlops add lock): edit them there\n"
    "# and run `make lock`. This file installs the hash-locked set compiled from them.\n"
    "-r requirements/{name}.txt\n"
)
COMPILE_TIMEOUT_SECONDS = 600


class LockCompileError(StepFailedError):
    """`uv pip compile` could not resolve the requirements."""


@dataclass
class LockFiles:
    """The requirements files `lock` brings, and the ones it leaves to the user."""

    files: dict[str, bytes]
    derived: set[str] = field(default_factory=set)
    """Files that hold the repo's own declarations (so not the template's, for updates)."""
    skipped: dict[str, str] = field(default_factory=dict)
    """Lock files not brought, by path, with the reason."""


def lock_requirements(
    rendered: Mapping[str, bytes],
    declared: DeclaredDependencies,
    python_version: str,
    existing: Mapping[str, bytes],
) -> LockFiles:
    """The template's requirement files with the repo's declarations added and compiled.

    `rendered` holds the template's `requirements/*`; `existing` the repo's own files at
    those paths. A `.txt` compiled from an `.in` the repo already has (and we keep) is left
    to the user's `make lock`.
    """
    files = dict(rendered)
    result = LockFiles(files)
    changed: list[str] = []
    for name in COMPILED_SETS:
        path = f"requirements/{name}.in"
        if path in files and declared.for_set(name):
            files[path] = files[path] + _declared_block(declared, name).encode("utf-8")
            result.derived.add(path)
            changed.append(name)
    foreign = {
        name
        for name in (*COMPILED_SETS, "load")
        if f"requirements/{name}.in" in existing
        and existing[f"requirements/{name}.in"] != files.get(f"requirements/{name}.in")
    }
    for name, parts in INCLUDES.items():
        if foreign & set(parts):
            foreign.add(name)
        if set(changed) & set(parts):
            changed.append(name)
    for name in sorted(foreign):
        files.pop(f"requirements/{name}.txt", None)
        result.skipped[f"requirements/{name}.txt"] = (
            f"compiled from your own requirements/{name}.in: run `make lock`"
        )
    to_compile = [
        name
        for name in dict.fromkeys(changed)
        if name not in foreign and f"requirements/{name}.txt" not in existing
    ]
    if to_compile:
        compiled = compile_sets(files, to_compile, python_version)
        files.update(compiled)
        result.derived.update(compiled)
    return result


def unlocked_requirement_files(repo: Repo) -> dict[str, str]:
    """Root `*requirements*.txt` files with a line not pinned with a hash, and their lock set.

    They are what doctor's ENV002/ENV003 report, by the same rule (a requirement line not
    pinned, or without `--hash`); `--force` turns each into a pointer to the hash-locked set
    (`POINTER`), its requirements having gone to the set's `.in`.
    """
    by_path: dict[str, list[Requirement]] = {}
    for requirement in repo.requirements:
        by_path.setdefault(requirement.path, []).append(requirement)
    return {
        rel: requirements_set(rel)
        for rel in root_requirement_files(repo)  # a pip-tools .txt stands behind its .in
        if rel.endswith(".txt") and any(not (r.pinned and r.hashed) for r in by_path.get(rel, []))
    }


def _declared_block(declared: DeclaredDependencies, name: str) -> str:
    lines = "".join(f"{requirement}\n" for requirement in declared.for_set(name))
    return f"# Declared by this repo ({'; '.join(declared.sources)}):\n{lines}"


def find_uv() -> str:
    """The `uv` on PATH, or the one installed beside this Python."""
    beside = Path(sys.executable).parent / "uv"
    found = shutil.which("uv") or (str(beside) if beside.is_file() else None)
    if found is None:
        raise ToolMissingError(
            "uv is not installed; `mlops add lock` compiles the requirements with it",
            hint="pip install uv",
        )
    return found


def compile_sets(
    files: Mapping[str, bytes], names: list[str], python_version: str
) -> dict[str, bytes]:
    """Compile `requirements/NAME.in` for each name in a scratch folder; return the `.txt`s."""
    uv = find_uv()
    with tempfile.TemporaryDirectory(prefix="mlops-lock-") as scratch:
        folder = Path(scratch)
        for path, blob in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(blob)  # the template's .txt seed the resolution
        for name in names:
            command = [
                uv, "pip", "compile", "--universal", "--generate-hashes",
                "--python-version", python_version, "--custom-compile-command", "make lock",
                "--quiet", f"requirements/{name}.in", "-o", f"requirements/{name}.txt",
            ]  # fmt: skip
            _run(command, folder, name)
        return {f"requirements/{name}.txt": (folder / f"requirements/{name}.txt").read_bytes()
                for name in names}  # fmt: skip


def _run(command: list[str], folder: Path, name: str) -> None:
    try:
        done = subprocess.run(
            command,
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=COMPILE_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LockCompileError(
            f"uv pip compile of requirements/{name}.in took over {COMPILE_TIMEOUT_SECONDS} s",
            hint="check the network to the package index",
        ) from None
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()
        reason = next((line for line in reversed(tail) if line.strip()), "no output")
        raise LockCompileError(
            f"uv could not lock requirements/{name}.in: {reason.strip()}",
            done.stderr[-3000:],
            hint="fix that requirement or its version range and retry; nothing was written",
        )
