"""A search declared on demand is grepped when first asked for, and finds what it would
have found with the file list: the groups few repositories ask for cost no git pass on
the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold import vcs
from mlops_scaffold.repo import Repo
from tests.doctor.test_git_listing import build_both

WITH_LISTING = frozenset({b"alpha("})
RARE = frozenset({b"beta("})
RARE_TOO = frozenset({b"gamma("})  # searched in the same files as RARE: one grep for both
RARE_FILES = ("*.sh", "*.py")


class OnDemand(Repo):
    @property
    def grep_searches(self) -> dict[frozenset[bytes] | str, tuple[str, ...]]:
        return {WITH_LISTING: ("*.py",), RARE: RARE_FILES, RARE_TOO: RARE_FILES}

    @property
    def on_demand_searches(self) -> set[frozenset[bytes] | str]:
        return {RARE, RARE_TOO}


TREE = {
    "pkg/a.py": "alpha()\n",
    "pkg/b.py": "beta()\n",
    "run.sh": "beta() gamma()\n",
    "notes.md": "beta() gamma()\n",  # outside the pathspecs
}


@pytest.fixture
def greps(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The pathspecs of each `git grep` started from now on."""
    started: list[tuple[str, ...]] = []
    grep = vcs.grep

    def recorded(*args: object, **kwargs: object) -> vcs.GitCommand[bytes]:
        started.append(tuple(kwargs.get("within", ())))  # type: ignore[arg-type]
        return grep(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(vcs, "grep", recorded)
    return started


def test_an_on_demand_group_is_not_grepped_until_asked_for(
    tmp_path: Path, greps: list[tuple[str, ...]]
) -> None:
    with_git, _ = build_both(tmp_path, TREE)
    view = OnDemand.open(with_git)
    assert view.files_containing(WITH_LISTING) == ["pkg/a.py"]
    assert greps == [("*.py",)]


def test_an_on_demand_group_asked_for_finds_what_python_finds_in_one_grep(
    tmp_path: Path, greps: list[tuple[str, ...]]
) -> None:
    with_git, plain = build_both(tmp_path, TREE)
    view, walked = OnDemand.open(with_git), OnDemand.open(plain)
    assert view.is_git and not walked.is_git
    for search in (RARE, RARE_TOO):
        in_files = {rel for rel in walked.files_containing(search) if rel != "notes.md"}
        assert set(view.files_containing(search)) == in_files
    assert greps.count(RARE_FILES) == 1
