"""The corpus in bench/corpus/ stays usable: labels complete, and the scorer reads real reports."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from mlops_scaffold.catalogue import PRACTICES
from mlops_scaffold.doctor.reporting.as_json import to_dict
from mlops_scaffold.doctor.run import find_findings

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


def _bench_corpus() -> ModuleType:
    """bench/corpus.py, the scorer bench/doctor.py uses (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_corpus", CORPUS.parent / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def test_the_scorer_reads_the_doctors_json_report(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("numpy\npandas>=2\n")
    (tmp_path / "README.md").write_text("# Demo\n\n    pip install -r requirements.txt\n")
    corpus = _bench_corpus()
    reported = corpus.reported_checks(to_dict(find_findings(tmp_path)))
    labels = {check_id: ("pass", "evidence") for check_id in CHECK_IDS}
    labels["ENV002"] = ("finding", "requirements.txt:1 numpy unpinned")
    labels["DOCS001"] = ("finding", "deliberately wrong label: the README has pip install")

    result = corpus.score("demo", labels, reported)

    assert result.by_check["ENV002", "TP"] == 1  # two unpinned lines, one verdict
    assert result.by_check["DOCS001", "FN"] == 1
    assert result.tp + result.fp == len(reported)
    assert any(line.startswith("FN demo DOCS001 [label finding:") for line in result.false)


def test_compare_names_fixed_and_regressed_verdicts() -> None:
    corpus = _bench_corpus()
    before = {"a ENV002": "FP", "a CI002": "TN", "b SEC001": "TP"}
    after = {"a ENV002": "TN", "a CI002": "FN", "b SEC001": "TP"}

    assert corpus.changes(before, after) == [
        "a CI002: TN -> FN regressed",
        "a ENV002: FP -> TN fixed",
    ]


KIND_SETS = sorted((CORPUS / "kinds").glob("*.yml"))


@pytest.mark.parametrize("path", KIND_SETS, ids=lambda p: p.stem)
def test_kind_only_sets_are_complete_and_new_to_the_corpus(path: Path) -> None:
    entries = yaml.safe_load(path.read_text())["repos"]
    corpus_urls = {repo["url"].lower() for repo in REPOS}
    for entry in entries:
        assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", entry["url"]), entry["name"]
        assert entry["url"].lower() not in corpus_urls, entry["name"]
        assert re.fullmatch(r"[0-9a-f]{40}", entry["commit"]), entry["name"]
        assert re.fullmatch(r"[0-9a-f]{64}", entry["tree_sha256"]), entry["name"]
        assert entry["kind"] in {"application", "library", "template", "example", "monorepo"}
        assert entry["files"] > 0 and len(entry["why"].strip()) >= 20, entry["name"]


def test_kind_only_sets_name_each_repository_once() -> None:
    entries = [e for path in KIND_SETS for e in yaml.safe_load(path.read_text())["repos"]]
    names = [e["name"] for e in entries] + [repo["name"] for repo in REPOS]
    urls = [e["url"].lower() for e in entries]
    assert len(names) == len(set(names))
    assert len(urls) == len(set(urls))
