"""The labelled corpus of real ML repositories: rebuild its trees and score the doctor on it.

bench/corpus/repos.yml names each repository, the commit, and the sha256 of
`git ls-tree -r <commit>` (so a rebuilt tree is the labelled one); bench/corpus/labels/
holds one file per repository with a label per check: `finding`, `pass` or `n/a`.

Trees are rebuilt from the search tool's snapshots (`/work/.mirror/<owner>+<name>/repo`,
a bare git directory or a clone's `.git`) into `.cache/bench/corpus/<name>`, each then
committed to a fresh git repository, as a user's clone would be. A snapshot lacks files
of 4 MiB and more: such a file is rebuilt as 4 MiB (its least possible size) of NUL
bytes, or, for a notebook, as a valid notebook whose one output fills 4 MiB.

Scoring: one verdict per check id per repository, whatever the number of findings the
doctor prints for it. The doctor "reports" a check when it has at least one finding for
it; against the label that is a true positive (label `finding`), or a false positive
(label `pass` or `n/a`); a label `finding` the doctor does not report is a false negative.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent / "corpus"
LABELS = ("finding", "pass", "n/a")
ABSENT_SIZE = 4 * 1024 * 1024  # a snapshot lacks files of 4 MiB and more
GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


@dataclass(frozen=True)
class Repo:
    """One corpus entry of repos.yml."""

    name: str
    url: str
    commit: str
    kind: str
    files: int
    tree_sha256: str
    held_out: bool = False
    why: str = ""

    @property
    def snapshot(self) -> str:
        """The snapshot folder's name under the mirror root, `owner+name`."""
        owner, name = self.url.removeprefix("https://github.com/").split("/")[:2]
        return f"{owner}+{name}"


def load_repos(path: Path = HERE / "repos.yml") -> list[Repo]:
    """The corpus entries, in file order."""
    entries = yaml.safe_load(path.read_text())["repos"]
    return [Repo(**entry) for entry in entries]


def load_labels(name: str) -> dict[str, tuple[str, str]]:
    """Check id -> (label, evidence) for one repository."""
    raw = yaml.safe_load((HERE / "labels" / f"{name}.yml").read_text())
    return {check_id: (entry["label"], entry["evidence"]) for check_id, entry in raw.items()}


def git(git_dir: Path, *args: str, data: bytes | None = None) -> bytes:
    """Run git on a bare snapshot and return its output; raise on failure."""
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), *args],
        input=data, capture_output=True, check=True, env=GIT_ENV,
    ).stdout  # fmt: skip


def tree_listing(git_dir: Path, commit: str) -> bytes:
    """`git ls-tree -r <commit>`: what the checksum in repos.yml is computed over."""
    return git(git_dir, "ls-tree", "-r", commit)


def tree_checksum(git_dir: Path, commit: str) -> str:
    """sha256 of the recursive tree listing of `commit`."""
    return hashlib.sha256(tree_listing(git_dir, commit)).hexdigest()


def _entries(git_dir: Path, commit: str) -> Iterator[tuple[str, str, str]]:
    """(mode, blob id, path) of every file at `commit`, names read NUL-separated."""
    for record in git(git_dir, "ls-tree", "-r", "-z", commit).split(b"\0"):
        if not record:
            continue
        meta, path = record.split(b"\t", 1)
        mode, kind, sha = meta.decode().split()
        if kind == "blob":
            yield mode, sha, os.fsdecode(path)


def _blobs(git_dir: Path, shas: list[str]) -> dict[str, bytes | None]:
    """Contents of each blob, None for a blob the snapshot lacks."""
    output = git(git_dir, "cat-file", "--batch", data="".join(f"{s}\n" for s in shas).encode())
    contents: dict[str, bytes | None] = {}
    position = 0
    for sha in shas:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if header[-1] == b"missing":
            contents[sha] = None
            continue
        size = int(header[2])
        contents[sha] = output[position : position + size]
        position += size + 1
    return contents


def _absent_stand_in(path: str) -> bytes:
    """What a file the snapshot lacks is rebuilt as: its least possible size."""
    if path.endswith(".ipynb"):
        cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "source": [],
                "outputs": [{"output_type": "stream", "name": "stdout", "text": ""}]}  # fmt: skip
        notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
        padding = ABSENT_SIZE - len(json.dumps(notebook))
        cell["outputs"][0]["text"] = "x" * max(padding, 0)
        return json.dumps(notebook).encode()
    return bytes(ABSENT_SIZE)


@dataclass
class Rebuilt:
    """A rebuilt tree and the files the snapshot lacked."""

    tree: Path
    absent: list[str] = field(default_factory=list)


def snapshot_dir(repo: Repo, mirror: Path) -> Path:
    """Where `fetch` leaves the repository's git directory (some snapshots are clones)."""
    git_dir = mirror / repo.snapshot / "repo"
    return git_dir / ".git" if (git_dir / ".git").is_dir() else git_dir


def fetched_only(repos: list[Repo], mirror: Path) -> tuple[list[Repo], list[Repo]]:
    """The repositories whose snapshot is on this machine, and those whose is not.

    A session fetches at most 500 repositories, fewer than the corpus holds, so a run
    over what was fetched names what it left out rather than stopping at the first.
    """
    fetched = [repo for repo in repos if snapshot_dir(repo, mirror).is_dir()]
    return fetched, [repo for repo in repos if repo not in fetched]


def rebuild(repo: Repo, mirror: Path, cache: Path) -> Rebuilt:
    """The repository's tree at its commit, as a fresh one-commit git repository.

    Its `origin` remote is the repository's URL, as in a user's clone of it.

    Raises SystemExit naming the repository when the snapshot is missing or its tree
    does not match the checksum in repos.yml.
    """
    git_dir = snapshot_dir(repo, mirror)
    if not git_dir.is_dir():
        hint = f"fetch github:{repo.url.removeprefix('https://github.com/')}"
        raise SystemExit(f"{repo.name}: no snapshot at {git_dir}; hint: {hint}")
    try:
        listing = tree_listing(git_dir, repo.commit)
    except subprocess.CalledProcessError:
        raise SystemExit(f"{repo.name}: commit {repo.commit} is not in {git_dir}") from None
    if hashlib.sha256(listing).hexdigest() != repo.tree_sha256:
        raise SystemExit(f"{repo.name}: the tree at {repo.commit} does not match repos.yml")
    tree = cache / repo.name
    marker = tree / ".git" / "corpus-tree"
    stamp = f"{repo.tree_sha256} {repo.url}"
    entries = list(_entries(git_dir, repo.commit))
    absent_file = cache / f"{repo.name}.absent"
    if marker.exists() and marker.read_text() == stamp:
        return Rebuilt(tree, absent_file.read_text().splitlines() if absent_file.exists() else [])
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    contents = _blobs(git_dir, sorted({sha for _, sha, _ in entries}))
    absent = []
    for mode, sha, path in entries:
        target = tree / path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = contents[sha]
        if data is None:
            absent.append(path)
            data = _absent_stand_in(path)
        if mode == "120000":
            target.symlink_to(data.decode())
            continue
        target.write_bytes(data)
        if mode == "100755":
            target.chmod(0o755)
    for command in (
        ["init", "-q", "-b", "main"],
        ["remote", "add", "origin", repo.url],  # as a user's clone has it
        ["add", "-A", "-f"],
        ["-c", "user.name=corpus", "-c", "user.email=corpus@example.com", "commit", "-qm", "tree"],
    ):
        subprocess.run(["git", *command], cwd=tree, check=True, env=GIT_ENV, capture_output=True)
    marker.write_text(stamp)
    absent_file.write_text("".join(f"{p}\n" for p in absent))
    return Rebuilt(tree, absent)


@dataclass
class Score:
    """True and false results of the doctor against the labels of some repositories."""

    false: list[str] = field(default_factory=list)
    by_check: Counter[tuple[str, str]] = field(default_factory=Counter)  # (id, TP/FP/FN/TN)
    verdicts: dict[str, str] = field(default_factory=dict)  # "repo CHECK" -> TP/FP/FN/TN

    def count(self, kind: str) -> int:
        """How many verdicts of this kind (TP, FP or FN) over all checks."""
        return sum(n for (_, k), n in self.by_check.items() if k == kind)

    @property
    def tp(self) -> int:
        """True positives."""
        return self.count("TP")

    @property
    def fp(self) -> int:
        """False positives."""
        return self.count("FP")

    @property
    def fn(self) -> int:
        """False negatives."""
        return self.count("FN")

    def add(self, other: Score) -> None:
        """Fold another score into this one."""
        self.by_check.update(other.by_check)
        self.false.extend(other.false)
        self.verdicts.update(other.verdicts)

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when the doctor reported nothing."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def reported_checks(report: dict) -> dict[str, str]:
    """Check id -> the first finding's place and message, one entry per reported id."""
    counts = Counter(finding["id"] for finding in report["findings"])
    reported: dict[str, str] = {}
    for finding in report["findings"]:
        place = f"{finding['path']}:{finding['line']}" if finding["line"] else finding["path"]
        more = f" (+{counts[finding['id']] - 1} more)" if counts[finding["id"]] > 1 else ""
        reported.setdefault(finding["id"], f"{place or '-'}: {finding['message']}{more}")
    return reported


def score(name: str, labels: dict[str, tuple[str, str]], reported: dict[str, str]) -> Score:
    """Compare one repository's reported check ids with its labels."""
    result = Score()
    for check_id in sorted(set(labels) | set(reported)):
        label, evidence = labels.get(check_id, ("n/a", "no label (check not in the labels file)"))
        verdict = verdict_of(label, check_id in reported)
        result.by_check[check_id, verdict] += 1
        result.verdicts[f"{name} {check_id}"] = verdict
        if verdict == "FP":
            result.false.append(
                f"FP {name} {check_id} [label {label}: {evidence}] doctor: {reported[check_id]}"
            )
        elif verdict == "FN":
            result.false.append(f"FN {name} {check_id} [label finding: {evidence}]")
    return result


def verdict_of(label: str, reported: bool) -> str:
    """TP, FP, FN or TN for one check of one repository."""
    if reported:
        return "TP" if label == "finding" else "FP"
    return "FN" if label == "finding" else "TN"


def changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """`repo check: before -> after` for every verdict that moved, fixed ones marked."""
    lines = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, "-"), after.get(key, "-")
        if old != new:
            mark = "fixed" if old in ("FP", "FN") else "regressed" if new in ("FP", "FN") else ""
            lines.append(f"{key}: {old} -> {new} {mark}".rstrip())
    return lines


def moved_verdicts(
    saved: dict[str, str],
    verdicts: dict[str, str],
    run: set[str],
    held_out: set[str],
    show_held_out: bool,
) -> list[str]:
    """The verdicts of this run's repositories that moved since `saved`; a held-out
    repository's only counted, unless asked for."""
    before = {key: verdict for key, verdict in saved.items() if key.split()[0] in run}
    moved = changes(before, verdicts)
    shown = [line for line in moved if line.split()[0] not in held_out or show_held_out]
    return [*shown, f"held out: {sum(line.split()[0] in held_out for line in moved)} moved"]
