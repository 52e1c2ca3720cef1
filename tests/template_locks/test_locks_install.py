"""The shipped locks install, hashes checked, on every Python the versions table supports.

Python 3.14 cannot run on this machine, so uv resolves each lock for it (and the others) as a
target without installing: `uv pip install --dry-run --python-version X --require-hashes`.
The runtime test on 3.14 is left to the generated project's CI, whose matrix includes it.
These tests read the package registry, hence e2e.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from mlops_scaffold.versions import load
from tests.template_locks.test_template_locks import LOCK_FILES, REQUIREMENTS

VERSIONS = load()
# The images are Linux; a developer's machine may be either architecture.
IMAGE_PLATFORMS = ("x86_64-manylinux_2_28", "aarch64-manylinux_2_28")
# Published as a source distribution only, but pure Python: it builds without a compiler.
PURE_PYTHON_SDISTS = ("antlr4-python3-runtime",)

pytestmark = pytest.mark.e2e


def uv() -> str:
    found = Path(sys.executable).with_name("uv")
    return str(found) if found.exists() else shutil.which("uv") or "uv"


@cache
def dry_run(lock: Path, python: str, platform: str, wheels_only: bool) -> str:
    """'' when the lock installs for this Python and platform, else uv's reason."""
    command = [uv(), "pip", "install", "--dry-run", "--require-hashes", "-r", str(lock)]
    command += ["--python-version", python, "--python-platform", platform]
    if wheels_only:
        command += ["--only-binary", ":all:", "--no-binary", ",".join(PURE_PYTHON_SDISTS)]
    with tempfile.TemporaryDirectory() as target:  # a dry run writes nothing there
        done = subprocess.run(
            [*command, "--target", target], capture_output=True, text=True, check=False, timeout=300
        )
    return "" if done.returncode == 0 else done.stderr.strip()


def installs_from_wheels(lock: Path, python: str) -> bool:
    return all(not dry_run(lock, python, platform, True) for platform in IMAGE_PLATFORMS)


@pytest.mark.parametrize("python", VERSIONS.supported)
@pytest.mark.parametrize("lock", LOCK_FILES, ids=lambda path: path.name)
def test_lock_installs_with_its_hashes(lock: Path, python: str) -> None:
    assert dry_run(lock, python, IMAGE_PLATFORMS[0], False) == ""


def test_the_default_python_is_the_newest_the_whole_stack_has_wheels_for() -> None:
    covered = [p for p in VERSIONS.supported if all(installs_from_wheels(f, p) for f in LOCK_FILES)]
    assert covered and VERSIONS.default_python == covered[-1]


@pytest.mark.parametrize("python", VERSIONS.supported)
def test_the_serving_image_gets_a_compiler_only_where_a_wheel_is_missing(
    python: str, render_once: Callable[..., Path]
) -> None:
    dockerfile = render_once(python_version=python) / "docker" / "serve.Dockerfile"
    compiles = "apt-get install --yes --no-install-recommends g++" in dockerfile.read_text()
    assert compiles == (not installs_from_wheels(REQUIREMENTS / "serve.txt", python))
