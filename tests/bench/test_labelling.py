"""bench/labelling.py checks a labeller's folder against the snapshot it labelled, and
bench/fetch_plan.py orders the corpus by the round each entry's `why` names."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bench import labelling
from bench.corpus import Repo, git, tree_listing
from bench.fetch_plan import _round
from tests.doctor.helpers import git_commit


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("Seventy-fifth round (corpus75d), chosen and labelled", 75),
        ("Forty-second round", 42),
        ("Thirtieth round", 30),
        ("Eighth round", 8),
        ("labelled in session 3", 0),
    ],
)
def test_the_round_an_entry_names(said: str, number: int) -> None:
    repo = Repo(name="r", url="https://github.com/o/r", commit="0" * 40, kind="example",
                files=1, tree_sha256="", why=f"Round, out of sample. {said}.")  # fmt: skip
    assert _round(repo) == number


def _snapshot(mirror: Path) -> tuple[str, bytes]:
    """A fetched snapshot of `owner/model` under `mirror`: its commit and its listing."""
    work = mirror / "owner+model" / "repo"
    work.mkdir(parents=True)
    (work / "train.py").write_text("print('train')\n")
    (work / "README.md").write_text("# Model\n")
    git_commit(work)
    commit = git(work / ".git", "rev-parse", "HEAD").decode().strip()
    return commit, tree_listing(work / ".git", commit)


def _entry(commit: str, listing: bytes, **changed: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "name": "model-scripts-example",
        "url": "https://github.com/owner/model",
        "commit": commit,
        "kind": "example",
        "files": listing.count(b"\n"),
        "tree_sha256": hashlib.sha256(listing).hexdigest(),
        "held_out": False,
        "why": "Round N, out of sample.",
    }
    return {**entry, **changed}


def test_an_entry_that_matches_its_snapshot_has_no_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(labelling, "MIRROR", tmp_path)
    commit, listing = _snapshot(tmp_path)
    assert labelling.entry_problems(_entry(commit, listing), set(), set()) == []


def test_an_entry_whose_count_checksum_kind_or_name_is_wrong_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(labelling, "MIRROR", tmp_path)
    commit, listing = _snapshot(tmp_path)
    entry = _entry(commit, listing, files=3, tree_sha256="0" * 64, kind="demo")
    problems = labelling.entry_problems(entry, {"model-scripts-example"}, {"owner/model"})
    assert problems == [
        "model-scripts-example: the name is already used in the corpus",
        "model-scripts-example: https://github.com/owner/model is already in the corpus",
        "model-scripts-example: kind 'demo' is not one of application, library, template, "
        "example, monorepo",
        "model-scripts-example: tree_sha256 is not the sha256 of git ls-tree -r <commit>",
        "model-scripts-example: files 3, git lists 2",
    ]


def test_a_labels_file_missing_an_id_or_a_label_is_named(tmp_path: Path) -> None:
    ids = labelling.check_ids()
    lines = [f'{check_id}: {{label: pass, evidence: "read"}}' for check_id in ids[:-1]]
    lines[0] = 'ENV001: {label: maybe, evidence: "read"}'
    path = tmp_path / "model.yml"
    path.write_text("# Labels decided by reading the files.\n" + "\n".join(lines) + "\n")
    problems = labelling.labels_problems(path, ids)
    assert problems == [
        f"{path}: the ids must be, in this order: {' '.join(ids)}",
        f"{path}: ENV001 needs {{label: finding|pass|n/a, evidence: ...}}",
    ]


def test_the_known_repositories_include_the_corpus_and_the_kind_batches() -> None:
    known = labelling.known_repositories()
    assert "zenml-io/zenml-projects" in known  # repos.yml
    assert "zenml-io/template-rag" in known  # kinds/K50.yml
    assert known == sorted(set(known))
