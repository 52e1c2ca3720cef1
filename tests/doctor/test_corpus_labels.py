"""The corpus labels in bench/corpus/ stay usable: every check labelled, with evidence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from mlops_scaffold.catalogue import PRACTICES

CORPUS = Path(__file__).resolve().parents[2] / "bench" / "corpus"
REPOS = yaml.safe_load((CORPUS / "repos.yml").read_text())["repos"]
LABELLED = sorted(p.stem for p in (CORPUS / "labels").glob("*.yml"))
CHECK_IDS = {p.id for p in PRACTICES}


def test_every_corpus_repository_has_exactly_one_labels_file() -> None:
    assert set(LABELLED) == {repo["name"] for repo in REPOS}


def test_repos_yml_entries_are_complete() -> None:
    for repo in REPOS:
        assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", repo["url"]), repo["name"]
        assert re.fullmatch(r"[0-9a-f]{40}", repo["commit"]), repo["name"]
        assert re.fullmatch(r"[0-9a-f]{64}", repo["tree_sha256"]), repo["name"]
        assert repo["kind"] in {"application", "library", "template", "example", "monorepo"}
        assert repo["files"] > 0 and repo["why"].strip()
    assert sum(repo["held_out"] for repo in REPOS) == 3


@pytest.mark.parametrize("name", LABELLED)
def test_labels_cover_every_check_with_a_known_label_and_evidence(name: str) -> None:
    labels = yaml.safe_load((CORPUS / "labels" / f"{name}.yml").read_text())
    assert set(labels) == CHECK_IDS
    for check_id, entry in labels.items():
        assert set(entry) == {"label", "evidence"}, check_id
        assert entry["label"] in {"finding", "pass", "n/a"}, check_id
        assert len(entry["evidence"].strip()) >= 5, check_id
