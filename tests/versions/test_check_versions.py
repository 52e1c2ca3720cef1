"""scripts/check_versions.py, the weekly check, on tables made stale on purpose (offline)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = (ROOT / "src/mlops_scaffold/versions.toml").read_text(encoding="utf-8")
PYTHONS_ONLY = SHIPPED[: SHIPPED.index("# GitHub actions")]


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_versions.py"), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def action_repo(tmp_path: Path) -> Path:
    """A local stand-in for github.com/acme/deploy: v1.2.0 (annotated tag), then v2.0.0."""
    repo = tmp_path / "remotes" / "acme" / "deploy"
    repo.mkdir(parents=True)
    git(repo, "init", "--quiet")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "one")
    git(repo, "tag", "-a", "v1.2.0", "-m", "v1.2.0")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "two")
    git(repo, "tag", "v2.0.0")
    return repo


def table_with_action(tmp_path: Path, tag: str, sha: str) -> Path:
    table = tmp_path / "versions.toml"
    entry = f'[actions."acme/deploy"]\ntag = "{tag}"\nsha = "{sha}"\n'
    table.write_text(PYTHONS_ONLY + entry, encoding="utf-8")
    return table


def test_the_shipped_table_is_current_on_its_own_date() -> None:
    checked = re.search(r"^checked = (\S+)", SHIPPED, re.M)
    assert checked is not None
    result = check("--today", checked.group(1))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"versions.toml is current on {checked.group(1)}" in result.stdout


def test_a_python_near_its_end_of_life_is_named_with_what_to_bump() -> None:
    result = check("--today", "2027-06-01")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "bump: Python 3.11 ends its life on 2027-10-31: drop it from versions.toml (its patch), "
        "copier.yml's choices, the locks' floor and the CI matrices"
    ]


def test_a_python_past_its_end_of_life_is_named(tmp_path: Path) -> None:
    stale = tmp_path / "versions.toml"
    stale.write_text(SHIPPED.replace("end_of_life = 2028-10-31", "end_of_life = 2026-11-01"))
    result = check("--table", str(stale), "--today", "2026-12-02")
    assert result.returncode == 1
    assert "bump: Python 3.12 ends its life on 2026-11-01" in result.stdout
    assert "3.11" not in result.stdout


def test_an_action_with_a_newer_major_release_is_named(tmp_path: Path, action_repo: Path) -> None:
    old = git(action_repo, "rev-parse", "v1.2.0^{commit}")
    new = git(action_repo, "rev-parse", "v2.0.0^{commit}")
    table = table_with_action(tmp_path, "v1.2.0", old)
    tags_from = str(tmp_path / "remotes" / "{name}")
    result = check("--table", str(table), "--today", "2026-12-02", "--tags-from", tags_from)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"bump: acme/deploy: v2.0.0 is out (the table pins v1.2.0): "
        f"set tag = 'v2.0.0', sha = '{new}' and update the workflows"
    ]


def test_a_pin_that_is_not_the_commit_of_its_tag_is_named(
    tmp_path: Path, action_repo: Path
) -> None:
    other = git(action_repo, "rev-parse", "v2.0.0^{commit}")
    table = table_with_action(tmp_path, "v2.0.0", "0" * 40)
    tags_from = str(tmp_path / "remotes" / "{name}")
    result = check("--table", str(table), "--today", "2026-12-02", "--tags-from", tags_from)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"bump: acme/deploy: v2.0.0 is commit {other}, the table pins {'0' * 40}"
    ]


def test_the_current_release_of_an_action_passes(tmp_path: Path, action_repo: Path) -> None:
    table = table_with_action(tmp_path, "v2.0.0", git(action_repo, "rev-parse", "v2.0.0"))
    tags_from = str(tmp_path / "remotes" / "{name}")
    result = check("--table", str(table), "--today", "2026-12-02", "--tags-from", tags_from)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(Pythons and actions checked)" in result.stdout


def test_an_unreadable_table_is_one_line_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "versions.toml"
    broken.write_text("checked = \n")
    result = check("--table", str(broken))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot read {broken}:")
    assert len(result.stderr.splitlines()) == 1
