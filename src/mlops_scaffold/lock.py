"""`mlops add lock`: the repo's declared dependencies, compiled into hash-locked requirements.

In a repo mlops did not make, each `requirements/*.in` holds what the repo declares
(pyproject, Poetry, PDM, root requirements files, conda's pip section) and, of the template's
requirements, only those the repo's components import (`lock_needs`); in a project
`mlops new` made, the template's `.in` files gain the declarations. `uv pip compile` turns
each into a universal, hash-locked `.txt` in a scratch folder, seeded with the template's
locks so their pins are kept. A resolution conflict is explained by who wants each side.
Nothing lands in the repo here: the files go into the plan, which is applied atomically.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import Version

from mlops_scaffold.errors import StepFailedError, ToolMissingError
from mlops_scaffold.lock_needs import Wanted, fitted_in, requirement_name
from mlops_scaffold.repo.dependencies import (
    DeclaredDependencies,
    requirements_set,
    root_requirement_files,
)
from mlops_scaffold.repo.parsers import Requirement
from mlops_scaffold.repo.view import Repo

COMPILED_SETS = ("train", "serve", "dev")
"""The sets a repo's declarations go to; `dev.in` includes train and serve, so it comes last."""
BUILD_SET = "build"
"""The set of the build backend the images and `make setup` build the package with."""
INCLUDES = {"dev": ("train", "serve", BUILD_SET)}
BACKEND_HELPERS = {"hatchling": ("editables",)}
"""What a build backend imports for an editable install without build isolation."""
POINTER = (
    "# Your requirements are in requirements/{name}.in now (mlops add lock): edit them there\n"
    "# and run `{command}`.\n# This file installs the hash-locked set compiled from them.\n"
    "-r requirements/{name}.txt\n"
)
MAKE_LOCK = "make lock"
COMPILE_TIMEOUT_SECONDS = 600
# uv's words for "this requirement needs a newer Python than the one asked for".
_NEEDS_PYTHON = re.compile(r"depends on Python>=(3\.\d+)|only supports >=(3\.\d+)")

Progress = Callable[[str], None]
"""Told each step of a long run (`resolving requirements/train.in ...`), for the CLI to show."""


def _silent(_step: str) -> None:
    """The progress reporter of callers that show none."""


@dataclass(frozen=True)
class Recompile:
    """How the repo compiles a set again: `make lock` where its Makefile has that target (or
    gets it now), else the uv command itself, which works anywhere uv is."""

    make_lock: bool = True
    emit_index: bool = False
    """Keep the `.in`'s index options in the `.txt`, for pip."""

    def command(self, name: str, python: str) -> str:
        """The command that compiles `requirements/NAME.in` as this lock did."""
        if self.make_lock:
            return MAKE_LOCK
        index = " --emit-index-url" if self.emit_index else ""
        return (
            f"uv pip compile --universal --generate-hashes --python-version {python}{index} "
            f"requirements/{name}.in -o requirements/{name}.txt"
        )


class LockCompileError(StepFailedError):
    """`uv pip compile` could not resolve the requirements."""


class LockConflictError(LockCompileError):
    """Two requirements of the lock exclude each other: the message names both, and who wants
    each."""

    def __init__(
        self,
        message: str,
        output: str = "",
        hint: str | None = None,
        components: Sequence[str] = (),
    ) -> None:
        super().__init__(message, output, hint)
        self.components = tuple(components)
        """Who in the template wants a side of the clash: component names, or `template`."""


@dataclass
class LockFiles:
    """The requirements files `lock` brings, and the ones it leaves to the user."""

    files: dict[str, bytes]
    derived: set[str] = field(default_factory=set)
    """Files that hold the repo's own declarations (so not the template's, for updates)."""
    skipped: dict[str, str] = field(default_factory=dict)
    """Lock files not brought, by path, with the reason."""
    python: str = ""
    """The Python the sets were resolved for (raised above the asked one when a declared
    requirement needs a newer one; `notes` says so)."""
    notes: list[str] = field(default_factory=list)


def lock_requirements(
    rendered: Mapping[str, bytes],
    declared: DeclaredDependencies,
    python_version: str,
    existing: Mapping[str, bytes],
    components: Iterable[str] | None = None,
    progress: Progress | None = None,
    make_lock: bool = True,
) -> LockFiles:
    """The requirement files with the repo's declarations added and compiled.

    `rendered` holds the template's `requirements/*`; `existing` the repo's own files at
    those paths. With `components` (a repo mlops did not make), each `.in` keeps of the
    template's requirements only what those components need. A `.txt` compiled from an
    `.in` the repo already has (and we keep) is left to the user's `make lock` (without a
    `make lock`, `make_lock` False: to the uv command, which the messages and files name).
    """
    progress = progress or _silent
    files = dict(rendered)
    result = LockFiles(files, python=python_version)
    changed: list[str] = []
    wanted: dict[str, list[Wanted]] = {}
    if components is not None and declared.build is not None:
        _fit_build_in(files, declared, changed, wanted, result.derived)
    for name in (*COMPILED_SETS, "load"):
        path = f"requirements/{name}.in"
        if path not in files:
            continue
        template_text = files[path].decode("utf-8")
        text, wanted[name] = template_text, []
        if components is not None:
            text, wanted[name] = fitted_in(template_text, name, components)
        if name in COMPILED_SETS and declared.for_set(name):
            text += _declared_block(declared, name)
            wanted[name] += [Wanted(req, declared.origin(req)) for req in declared.for_set(name)]
        if text != template_text:
            files[path] = text.encode("utf-8")
            result.derived.add(path)
            changed.append(name)
    foreign = {
        name
        for name in (*COMPILED_SETS, "load", BUILD_SET)
        if f"requirements/{name}.in" in existing
        and existing[f"requirements/{name}.in"] != files.get(f"requirements/{name}.in")
    }
    for name, parts in INCLUDES.items():
        if foreign & set(parts):
            foreign.add(name)
        if set(changed) & set(parts):
            changed.append(name)
        wanted[name] = [*wanted.get(name, []), *(w for part in parts for w in wanted.get(part, []))]
    recompile = Recompile(make_lock, bool(declared.index_options))
    for name in sorted(foreign):
        files.pop(f"requirements/{name}.txt", None)
        result.skipped[f"requirements/{name}.txt"] = (
            f"compiled from your own requirements/{name}.in: run "
            f"`{recompile.command(name, python_version)}`"
        )
    to_compile = [
        name
        for name in dict.fromkeys(changed)
        if name not in foreign and f"requirements/{name}.txt" not in existing
    ]
    if to_compile:
        try:
            compiled = compile_sets(files, to_compile, python_version, progress, recompile)
        except LockCompileError as failure:
            newer = _python_needed(failure.output)
            if newer is None or Version(newer) <= Version(python_version):
                raise _explained(failure, wanted) from None
            progress(f"a declared requirement needs Python {newer}: resolving again for it")
            try:
                compiled = compile_sets(files, to_compile, newer, progress, recompile)
            except LockCompileError as second:
                raise _explained(second, wanted) from None
            result.python = newer
            result.notes.append(
                f"locked for Python {newer} and newer, not {python_version}: "
                f"{_python_reason(failure.output, newer)}"
            )
        files.update(compiled)
        result.derived.update(compiled)
    if not make_lock:
        _name_the_command(files, recompile, result, set(existing))
    return result


def _name_the_command(
    files: dict[str, bytes], recompile: Recompile, result: LockFiles, kept: Set[str]
) -> None:
    """Say the uv command where the template's files say `make lock`, which the repo lacks.

    The files are then the repo's own (`derived`): `mlops update` leaves them as they are.
    The repo's own files (`kept`) stay as they are.
    """
    for path, blob in files.items():
        if path in kept:
            continue
        name, kind = Path(path).stem, Path(path).suffix
        command = recompile.command(name, result.python).encode()
        said = _MAKE_LOCK_SAID.get(kind)
        if said is not None and said in blob:
            files[path] = blob.replace(said, said.replace(MAKE_LOCK.encode(), command))
            result.derived.add(path)


_MAKE_LOCK_SAID = {".in": f"`{MAKE_LOCK}`".encode(), ".txt": f"#    {MAKE_LOCK}\n".encode()}
"""How the template's `.in` comments and the compiled `.txt` headers name `make lock`."""


def _fit_build_in(
    files: dict[str, bytes],
    declared: DeclaredDependencies,
    changed: list[str],
    wanted: dict[str, list[Wanted]],
    derived: set[str],
) -> None:
    """Make `build.in` hold the repo's own build backend (the template's is hatchling): the
    images and `make setup` build the package without isolation, with what build.txt pins."""
    path = f"requirements/{BUILD_SET}.in"
    if path not in files or not declared.build:
        return
    template_text = files[path].decode("utf-8")
    lines = template_text.splitlines(keepends=True)
    header = "".join(line for line in lines[: next(
        (i for i, line in enumerate(lines) if not line.startswith("#")), len(lines)
    )])  # fmt: skip
    names = {requirement_name(requirement) for requirement in declared.build}
    helpers = [helper for name in names for helper in BACKEND_HELPERS.get(name, ())]
    kept = [
        line
        for line in lines
        if not line.startswith("#") and requirement_name(line.strip()) in helpers
    ]
    requires = "".join(f"{requirement}\n" for requirement in declared.build)
    text = f"{header}# Declared by this repo ({declared.build_source}):\n{requires}{''.join(kept)}"
    wanted[BUILD_SET] = [Wanted(r, declared.build_source) for r in declared.build]
    if text != template_text:
        files[path] = text.encode("utf-8")
        derived.add(path)
        changed.append(BUILD_SET)


def _python_needed(stderr: str) -> str | None:
    """The newer Python uv says a requirement needs, if that is why it failed."""
    found = [next(v for v in match.groups() if v) for match in _NEEDS_PYTHON.finditer(stderr)]
    return max(found, key=Version) if found else None


def _python_reason(stderr: str, newer: str) -> str:
    match = re.search(r"(\S+) depends on Python>=" + re.escape(newer), stderr)
    who = match.group(1) if match else "a declared requirement"
    return f"{who} supports only Python >={newer} (so the repo cannot install on older ones)"


def _explained(failure: LockCompileError, wanted: Mapping[str, list[Wanted]]) -> LockCompileError:
    """uv's failure told as the requirements that clash and who wants each, or as the one
    requirement that could not be built, when uv's derivation says which."""
    every = list({(w.requirement, w.by): w for found in wanted.values() for w in found}.values())
    unbuildable = _UNBUILDABLE.search(failure.output)
    if unbuildable:
        return _unbuildable(unbuildable.group(1), failure.output, every) or failure
    sides = _conflict_sides(failure.output, every)
    ours, theirs = _split_sides(sides)
    if not theirs or len(sides) < 2:
        return failure  # the template's own requirements: uv's wording is the best there is
    clash = " vs ".join(f"{side.requirement} ({side.by})" for side in (*theirs, *ours))
    chain = _DEPENDS.search(failure.output)
    via = f" ({' '.join(chain.group(0).split())})" if chain and ours else ""
    return LockConflictError(
        f"conflicting requirements: {clash}{via}",
        "",  # the message says it all: uv's own wording would only repeat it
        hint=_ways_out(ours, theirs),
        components=[side.component for side in ours if side.component],
    )


# uv's derivation: `you require X`, `X depends on Y`, `Failed to build `X==1``.
_REQUIREMENT = (
    r"[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?(?:(?:[<>=!~]=?|===)[^\s,]+(?:,[<>=!~][^\s,]+)*)?"
)
_YOU_REQUIRE = re.compile(rf"you require ({_REQUIREMENT})")
_DEPENDS = re.compile(rf"({_REQUIREMENT})\s+depends?\s+on\s+({_REQUIREMENT})")
_UNBUILDABLE = re.compile(r"Failed to build `([^`]+)`")


def _conflict_sides(output: str, every: list[Wanted]) -> list[Wanted]:
    """The requirements of the lock that uv's derivation names as the roots of the clash:
    those it says `you require`, and those whose packages depend on the clashing one."""
    named = [m.group(1) for m in _YOU_REQUIRE.finditer(output)]
    named += [m.group(1) for m in _DEPENDS.finditer(output)]
    compact = re.sub(r"\s", "", output.lower().replace("_", "-"))
    sides: list[Wanted] = []
    for name in dict.fromkeys(requirement_name(text) for text in named):
        candidates = [w for w in every if w.name == name and w not in sides]
        # where uv quotes a requirement as written, that one is a root (not its namesakes)
        quoted = [w for w in candidates if re.sub(r"\s", "", w.requirement.lower()) in compact]
        sides += quoted or candidates
    return sides


def _unbuildable(distribution: str, output: str, every: list[Wanted]) -> LockCompileError | None:
    """A requirement uv had to build from source to read, and could not."""
    name = requirement_name(distribution)
    wanting = [w for w in every if w.name == name]
    advice = [
        line.strip().removeprefix("hint:").strip()
        for line in output.splitlines()
        if line.strip().startswith("hint:") and "Build failures usually" not in line
    ]
    if not wanting:
        return None
    who = ", ".join(f"{w.requirement} ({w.by})" for w in wanting)
    return LockCompileError(
        f"{distribution} could not be built to read its requirements, wanted by {who}",
        output[-3000:],
        hint="; ".join(
            [*advice[:1], "fix or replace that requirement and retry; nothing was written"]
        ),
    )


def _split_sides(sides: list[Wanted]) -> tuple[list[Wanted], list[Wanted]]:
    """The template components' requirements, and the repo's own."""
    ours = [side for side in sides if side.component is not None]
    return ours, [side for side in sides if side not in ours]


def _ways_out(ours: list[Wanted], theirs: list[Wanted]) -> str:
    names = ", ".join(dict.fromkeys(side.name for side in theirs))
    where = ", ".join(dict.fromkeys(side.by for side in theirs))
    if not ours:
        return f"the repo's own declarations of {names} disagree ({where}): align them and retry"
    floors = " and ".join(side.requirement for side in ours)
    owners = ", ".join(dict.fromkeys(f"the {side.component} component" for side in ours))
    return (
        f"move {names} at {where} to a version compatible with {floors}, or add without "
        f"{owners} (its code needs that floor); nothing was written"
    )


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
    options = "".join(f"{option}\n" for option in declared.index_options)
    lines = "".join(f"{requirement}\n" for requirement in declared.for_set(name))
    return f"# Declared by this repo ({'; '.join(declared.sources)}):\n{options}{lines}"


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
    files: Mapping[str, bytes],
    names: list[str],
    python_version: str,
    progress: Progress | None = None,
    recompile: Recompile | None = None,
) -> dict[str, bytes]:
    """Compile `requirements/NAME.in` for each name in a scratch folder; return the `.txt`s.

    `recompile` says how the repo compiles them again (the `.txt`'s header names it) and
    whether the `.in`'s `--extra-index-url` lines go into the `.txt`, for pip.
    """
    recompile = recompile or Recompile()
    uv, progress = find_uv(), progress or _silent
    with tempfile.TemporaryDirectory(prefix="mlops-lock-") as scratch:
        folder = Path(scratch)
        for path, blob in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(blob)  # the template's .txt seed the resolution
        for name in names:
            command = [
                uv, "pip", "compile", "--universal", "--generate-hashes",
                "--python-version", python_version,
                "--custom-compile-command", recompile.command(name, python_version),
                *(["--emit-index-url"] if recompile.emit_index else []),
                "--quiet", f"requirements/{name}.in", "-o", f"requirements/{name}.txt",
            ]  # fmt: skip
            progress(f"resolving requirements/{name}.in with uv (Python {python_version}+)")
            started = time.monotonic()
            _run(command, folder, name)
            progress(f"locked requirements/{name}.txt in {time.monotonic() - started:.1f} s")
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
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        # uv says why on its `cause:` lines; its `hint:` lines are advice.
        causes = [
            line.removeprefix("cause:").strip() for line in lines if line.startswith("cause:")
        ]
        reason = causes[-1] if causes else (lines[-1] if lines else "no output")
        raise LockCompileError(
            f"uv could not lock requirements/{name}.in: {reason}",
            done.stderr[-3000:],
            hint="fix that requirement or its version range and retry; nothing was written",
        )
