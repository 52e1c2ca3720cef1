"""The hash-locked requirement files the template ships: complete, hashed, lean where they must be.

A generated project installs them with `pip install --require-hashes`, without network access to
re-resolve anything, so every requirement of each .in file must be pinned, with hashes, for every
Python and platform the template supports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from mlops_scaffold.versions import SUPPORTED_PYTHONS as PYTHONS

REQUIREMENTS = (
    Path(__file__).resolve().parents[2] / "templates" / "project" / "template" / "requirements"
)
PLATFORMS = {"linux": "Linux", "darwin": "Darwin", "win32": "Windows"}
TRACKING_OPTIONS = ("dvc", "mlflow")
LOCKS = ("train", "serve", "dev", "load", "build", "uv")
# The serving image must not carry the training stack: the model is served from ONNX.
TRAINING_ONLY = {"scikit-learn", "pandas", "scipy", "skl2onnx", "mlflow", "dvc"}


@dataclass(frozen=True)
class Pin:
    """One entry of a compiled lock: name, exact version, environment marker, hashes."""

    name: str
    version: str
    marker: Marker | None
    hashes: tuple[str, ...]


def lock_path(lock: str, tracking: str) -> Path:
    """The shipped file that renders to requirements/<lock>.txt for this tracking answer."""
    conditional = REQUIREMENTS / f"{{% if tracking == '{tracking}' %}}{lock}.txt{{% endif %}}"
    return conditional if conditional.exists() else REQUIREMENTS / f"{lock}.txt"


@cache
def read_pins(path: Path) -> tuple[Pin, ...]:
    """Parse `uv pip compile --generate-hashes` output, joining `\\`-continued lines."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    pins: list[Pin] = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        hashes = tuple(re.findall(r"--hash=sha256:([0-9a-f]{64})", entry))
        requirement = Requirement(re.sub(r"\s*--hash=\S+", "", entry))
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{path.name}: {entry} is not an exact pin"
        pins.append(
            Pin(canonicalize_name(requirement.name), specifier.version, requirement.marker, hashes)
        )
    return tuple(pins)


def read_in(lock: str, tracking: str) -> list[Requirement]:
    """What an .in file asks for (rendered for one tracking answer), `-r` includes followed."""
    source = REQUIREMENTS / f"{lock}.in"
    text = (
        source.read_text(encoding="utf-8")
        if source.exists()
        else jinja2.Template(
            (REQUIREMENTS / f"{lock}.in.jinja").read_text(encoding="utf-8")
        ).render(tracking=tracking, package_name="pkg")
    )
    requirements: list[Requirement] = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry.startswith("-r "):
            requirements += read_in(entry.removeprefix("-r ").removesuffix(".in").strip(), tracking)
        elif entry:
            requirements.append(Requirement(entry))
    return requirements


def environment(python: str, platform: str) -> dict[str, str]:
    return {
        "python_version": python,
        "python_full_version": f"{python}.0",
        "sys_platform": platform,
        "platform_system": PLATFORMS[platform],
        "os_name": "nt" if platform == "win32" else "posix",
        "platform_machine": "x86_64",
        "platform_python_implementation": "CPython",
        "implementation_name": "cpython",
    }


def pins_for(pins: tuple[Pin, ...], python: str, platform: str) -> dict[str, list[str]]:
    """Versions each package gets on one Python and platform (more than one is a broken lock)."""
    chosen: dict[str, list[str]] = {}
    for pin in pins:
        if pin.marker is None or pin.marker.evaluate(environment(python, platform)):
            chosen.setdefault(pin.name, []).append(pin.version)
    return chosen


LOCK_FILES = sorted({lock_path(lock, tracking) for lock in LOCKS for tracking in TRACKING_OPTIONS})
LOCK_CASES = [(lock, tracking) for lock in LOCKS for tracking in TRACKING_OPTIONS]


@pytest.mark.parametrize("path", LOCK_FILES, ids=lambda path: path.name)
def test_every_pin_carries_hashes(path: Path) -> None:
    unhashed = [pin.name for pin in read_pins(path) if not pin.hashes]

    assert unhashed == []


@pytest.mark.parametrize("path", LOCK_FILES, ids=lambda path: path.name)
def test_lock_says_how_to_regenerate_it(path: Path) -> None:
    assert "make lock" in path.read_text(encoding="utf-8").splitlines()[1]


@pytest.mark.parametrize(("lock", "tracking"), LOCK_CASES)
@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_every_requirement_is_pinned_once_within_its_range(
    lock: str, tracking: str, python: str, platform: str
) -> None:
    chosen = pins_for(read_pins(lock_path(lock, tracking)), python, platform)
    problems = []
    here = environment(python, platform)
    for requirement in read_in(lock, tracking):
        if requirement.marker is not None and not requirement.marker.evaluate(here):
            continue  # not wanted on this Python or platform
        versions = chosen.get(canonicalize_name(requirement.name), [])
        if len(versions) != 1 or versions[0] not in requirement.specifier:
            problems.append(f"{requirement} -> {versions}")

    assert problems == []


@pytest.mark.parametrize("python", PYTHONS)
def test_no_package_is_pinned_twice_for_one_environment(python: str) -> None:
    doubled = {
        f"{path.name} on {platform}": [
            name
            for name, versions in pins_for(read_pins(path), python, platform).items()
            if len(versions) > 1
        ]
        for path in LOCK_FILES
        for platform in PLATFORMS
    }

    assert {where: names for where, names in doubled.items() if names} == {}


def test_serve_lock_holds_no_training_stack() -> None:
    names = {pin.name for pin in read_pins(REQUIREMENTS / "serve.txt")}

    assert names & TRAINING_ONLY == set()


def test_mlflow_is_locked_only_for_the_mlflow_answer() -> None:
    assert "mlflow" in {pin.name for pin in read_pins(lock_path("train", "mlflow"))}
    assert "mlflow" not in {pin.name for pin in read_pins(lock_path("train", "dvc"))}
