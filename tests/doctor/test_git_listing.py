"""The fast git paths (index sizes, background `git grep`) find what the plain walk finds.

Each tree is built twice from the same contents: once committed to git, so the doctor
uses git's listing, the index sizes and `git grep`; once as a plain folder, so it
walks, `lstat`s and reads every file in Python. Their reports must be the same.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from mlops_scaffold.doctor.checks.secrets import MARKERS
from mlops_scaffold.doctor.checks.serving import UNSAFE_HINTS
from mlops_scaffold.doctor.content_hints import CONTENT_HINTS, ONLY_WITHIN, line_hint
from mlops_scaffold.doctor.fixtures import AuditView
from mlops_scaffold.doctor.report import Report
from mlops_scaffold.repo import Repo
from mlops_scaffold.repo.view import ONE_PASS_FROM, UNION_MAX_FILES
from tests.conftest import build_file_tree
from tests.doctor.cases import CASES, SERVICE
from tests.doctor.helpers import Tree, audit, git_commit

AWS_KEY = 'KEY = "AKIAQ3RZ7WXKP2MN4B5V"\n'
# A tree that violates every content check, with the violations spread over tracked,
# untracked, modified and nested files.
PLANTED: Tree = {
    **SERVICE,
    "src/demo/app.py": "from fastapi import FastAPI\n\nfrom demo import load\n\napp = FastAPI()\n",
    "README.md": "# demo\n",
    "src/demo/settings.py": AWS_KEY,
    "src/demo/paths.py": 'DATA = "/home/alice/data/train.csv"\n',
    "src/demo/load.py": "import pickle\n\n\ndef load(path):\n    return pickle.load(path)\n",
    "src/demo/track.py": "import mlflow\n",
    "notebooks/explore.ipynb": json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [
                {
                    "cell_type": "code",
                    "execution_count": 2,
                    "metadata": {},
                    "outputs": [],
                    "source": ["!pip install pandas\n", 'df = open("C:\\\\Users\\\\bob.csv")'],
                }
            ],
        }
    ),
    "configs/deploy.yaml": "token: ghp_" + "Zq8Lm3Xv7Tb2Nw5Rk9Hc4Jd6Fg1Ps0Ya8Uea" + "\n",
    "data/train.csv": "a,b\n" + "1,2\n" * 300_000,
    ".env": "API_TOKEN=abc\n",
}
# Written after the commit: untracked files, and a tracked file that changed size.
AFTER_COMMIT: Tree = {
    "src/demo/untracked_key.py": AWS_KEY,
    "src/demo/untracked_path.py": "P = '/Users/carol/models'\n",
    "src/demo/serve_untracked.py": (
        "import joblib\nfrom flask import Flask\n\nmodel = joblib.load('m.joblib')\n"
    ),
    "README.md": "# demo\n" + "padding line\n" * 500_000,
}


def seen(report: Report) -> list[tuple[str, str | None, int | None, str]]:
    """What a user reads in a report: each finding's id, place and message.

    Sorted: git lists untracked files first, the walk lists in folder order.
    """
    return sorted(((f.id, f.path, f.line, f.message) for f in report.findings), key=repr)


def build_with_git(tmp_path: Path, tree: Tree, after_commit: Tree | None = None) -> Path:
    """The tree committed to a git repository, with `after_commit` written after the commit."""
    with_git = build_file_tree(tmp_path / "git", tree)
    git_commit(with_git)
    return build_file_tree(with_git, after_commit or {})


def build_both(tmp_path: Path, tree: Tree, after_commit: Tree | None = None) -> tuple[Path, Path]:
    """The same tree as a git repository and as a plain folder."""
    with_git = build_with_git(tmp_path, tree, after_commit)
    plain = build_file_tree(tmp_path / "plain", tree)
    build_file_tree(plain, after_commit or {})
    return with_git, plain


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_git_listing_reports_what_the_walk_reports_on_each_case(
    tmp_path: Path, check_id: str
) -> None:
    with_git, plain = build_both(tmp_path, CASES[check_id][0])
    assert seen(audit(with_git)) == seen(audit(plain))


def test_planted_violations_are_found_the_same_with_git_and_without(tmp_path: Path) -> None:
    with_git, plain = build_both(tmp_path, PLANTED, AFTER_COMMIT)
    git_report, plain_report = audit(with_git), audit(plain)
    assert git_report.used_git and not plain_report.used_git
    assert seen(git_report) == seen(plain_report)


def test_planted_violations_are_all_found(tmp_path: Path) -> None:
    with_git = build_with_git(tmp_path, PLANTED, AFTER_COMMIT)
    found = {(f.id, f.path) for f in audit(with_git).findings}
    assert found >= {
        ("SEC001", "src/demo/settings.py"),
        ("SEC001", "src/demo/untracked_key.py"),
        ("SEC001", "configs/deploy.yaml"),
        ("SEC001", ".env"),
        ("CODE002", "src/demo/paths.py"),
        ("CODE002", "src/demo/untracked_path.py"),
        ("CODE002", "notebooks/explore.ipynb"),
        ("SERVE003", "src/demo/load.py"),
        ("SERVE003", "src/demo/serve_untracked.py"),
        ("NB002", "notebooks/explore.ipynb"),
        ("DATA003", "data/train.csv"),
        ("DATA003", "README.md"),  # grew past 5 MB after it was committed
    }


def test_an_imported_tracker_is_seen_through_the_import_search(tmp_path: Path) -> None:
    with_git = build_with_git(tmp_path, PLANTED)
    assert audit(with_git, "EXP001").findings == ()


def test_a_tracked_file_deleted_from_the_work_tree_is_not_listed(tmp_path: Path) -> None:
    with_git = build_with_git(tmp_path, PLANTED)
    (with_git / "src" / "demo" / "settings.py").unlink()
    paths = {f.path for f in audit(with_git, "SEC001").findings}
    assert "src/demo/settings.py" not in paths


def test_a_subfolder_of_a_repository_is_audited_with_paths_relative_to_it(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, {"service/app/keys.py": AWS_KEY, "other/keys.py": AWS_KEY})
    git_commit(tmp_path)
    build_file_tree(tmp_path, {"service/new_keys.py": AWS_KEY})
    report = audit(tmp_path / "service", "SEC001")
    assert report.used_git
    assert {f.path for f in report.findings} == {"app/keys.py", "new_keys.py"}


def test_a_file_staged_with_intent_to_add_is_listed_with_its_real_size(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"README.md": "# demo\n"})
    git_commit(tmp_path)
    build_file_tree(tmp_path, {"models/model.pkl": b"\x80" * 1_200_000})
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(["git", "add", "-N", "models/model.pkl"], cwd=tmp_path, check=True, env=env)
    (finding,) = audit(tmp_path, "DATA003").findings
    assert (finding.path, finding.message.rsplit(": ", 1)[-1]) == ("models/model.pkl", "1.2 MB")


@pytest.mark.parametrize("attribute", ["binary", "-diff"])
def test_a_text_file_that_attributes_call_binary_is_still_searched(
    tmp_path: Path, attribute: str
) -> None:
    tree = {".gitattributes": f"*.cfg {attribute}\n", "deploy.cfg": AWS_KEY}
    with_git, plain = build_both(tmp_path, tree)
    assert seen(audit(with_git, "SEC001")) == seen(audit(plain, "SEC001"))
    assert [f.path for f in audit(with_git, "SEC001").findings] == ["deploy.cfg"]


def test_an_invalid_gitignore_pattern_is_skipped_as_git_skips_it(tmp_path: Path) -> None:
    # Found when add began to read repos through the same view as doctor: pathspec raised.
    tree = {".gitignore": "secret.txt\nodd\\\n", "secret.txt": "", "a.py": "A = 1\n"}
    build_file_tree(tmp_path, tree)
    assert set(Repo.open(tmp_path).files) == {".gitignore", "a.py"}


def test_secrets_are_found_on_the_first_and_last_lines_and_side_by_side(tmp_path: Path) -> None:
    github, slack = "ghp_" + "Zq8Lm3Xv7Tb2Nw5Rk9Hc4Jd6Fg1Ps0Ya8Uea", "xoxb-" + "1234567890abc"
    tree: Tree = {
        "notes/first.md": "AKIAZ7WXKP2MN4B5VQ3R is the key\nmore\n",
        "notes/last.txt": "intro\n\ntoken " + github,  # no newline at the end
        "notes/both.yaml": f"a: {github} b: {slack}\n",
    }
    for root in build_both(tmp_path, tree):
        found = [(f.path, f.line, f.message) for f in audit(root, "SEC001").findings]
        assert sorted(found) == [
            (
                "notes/both.yaml",
                1,
                "Secrets committed to the repository: looks like a GitHub token",
            ),
            ("notes/both.yaml", 1, "Secrets committed to the repository: looks like a Slack token"),
            (
                "notes/first.md",
                1,
                "Secrets committed to the repository: looks like an AWS access key id",
            ),
            ("notes/last.txt", 3, "Secrets committed to the repository: looks like a GitHub token"),
        ]


class TwoOfEachSearch(Repo):
    """A view declaring two literal groups and two patterns over the same files: each
    pair goes to one `git grep`, and Python tells its two searches apart."""

    LITERALS_A = frozenset({b"alpha("})
    LITERALS_B = frozenset({b"beta(", b"gamma("})
    PATTERN_A = r"^delta = \d+$"
    PATTERN_B = r"(?i)^EPSILON\b"

    @property
    def grep_searches(self) -> dict[frozenset[bytes] | str, tuple[str, ...]]:
        return {
            self.LITERALS_A: ("*.py",),
            self.LITERALS_B: ("*.py",),
            self.PATTERN_A: ("*.py",),
            self.PATTERN_B: ("*.py",),
        }


@pytest.mark.parametrize("files", [12, 480])
def test_searches_sharing_one_git_grep_find_what_python_finds(tmp_path: Path, files: int) -> None:
    kinds = ["alpha()\n", "beta()\n", "gamma()\n", "delta = 4\n", "epsilon = 1\n", "other\n"]
    tree = {
        f"pkg/m{i}.py": kinds[i % len(kinds)] + kinds[(i * 5) % len(kinds)] for i in range(files)
    }
    tree["notes/delta.md"] = "delta = 4\nalpha()\n"  # outside the pathspecs
    with_git, plain = build_both(tmp_path, tree)
    git_view, plain_view = TwoOfEachSearch.open(with_git), TwoOfEachSearch.open(plain)
    assert git_view.is_git and not plain_view.is_git
    for group in (TwoOfEachSearch.LITERALS_A, TwoOfEachSearch.LITERALS_B):
        found = git_view.files_containing(group)
        assert found and "notes/delta.md" not in found
        assert found == [rel for rel in plain_view.files_containing(group) if rel.endswith(".py")]
    either = {
        rel
        for pattern in (TwoOfEachSearch.PATTERN_A, TwoOfEachSearch.PATTERN_B)
        for rel in plain_view.files_matching(pattern)
    }
    # With 480 files, the patterns' shared grep finds too many: each gets its own.
    assert (len(either) > UNION_MAX_FILES) is (files == 480)
    for pattern in (TwoOfEachSearch.PATTERN_A, TwoOfEachSearch.PATTERN_B):
        found = git_view.files_matching(pattern)
        assert found and "notes/delta.md" not in found
        assert found == [rel for rel in plain_view.files_matching(pattern) if rel.endswith(".py")]


class OnlyWithinSearch(Repo):
    """A view declaring a pattern whose readers keep only the files its pathspecs name."""

    PATTERN = r"^token = \w+$"
    WITHIN = ("*.md", ":(icase)*.sh", "Makefile")

    @property
    def grep_searches(self) -> dict[frozenset[bytes] | str, tuple[str, ...]]:
        return {self.PATTERN: self.WITHIN}

    @property
    def only_within_searches(self) -> set[str]:
        return {self.PATTERN}


def test_a_pattern_read_only_within_its_pathspecs_is_searched_there_alone_outside_git(
    tmp_path: Path,
) -> None:
    names = ["README.md", "docs/a.md", "scripts/RUN.SH", "Makefile", "sub/Makefile"]
    tree = {rel: "token = abc\n" for rel in [*names, "notes.txt", "data.json", "a.md.txt"]}
    with_git, plain = build_both(tmp_path, tree)
    git_view, plain_view = OnlyWithinSearch.open(with_git), OnlyWithinSearch.open(plain)
    found = plain_view.files_matching(OnlyWithinSearch.PATTERN)
    assert sorted(found) == sorted(["README.md", "docs/a.md", "scripts/RUN.SH", "Makefile"])
    assert sorted(found) == sorted(git_view.files_matching(OnlyWithinSearch.PATTERN))
    assert len(Repo.open(plain).files_matching(OnlyWithinSearch.PATTERN)) == len(tree)


def test_a_subview_outside_git_finds_what_a_view_of_its_folder_finds(tmp_path: Path) -> None:
    tree = {f"proj/m{i}.py": "token = abc\n" if i % 2 else "x = 1\n" for i in range(6)}
    plain = build_file_tree(tmp_path / "plain", {**tree, "top.py": "token = abc\n"})
    root = Repo.open(plain)
    assert len(root.files_matching(OnlyWithinSearch.PATTERN)) == 4
    sub = root.subview("proj")
    found = sub.files_matching(OnlyWithinSearch.PATTERN)  # from the root's search
    assert found == Repo.open(plain / "proj").files_matching(OnlyWithinSearch.PATTERN)
    assert found == ["m1.py", "m3.py", "m5.py"]


def test_a_pattern_declared_again_without_only_within_is_searched_everywhere() -> None:
    pattern = r"^declared_twice = 1$"
    try:
        line_hint(pattern, within=("*.md",), only_within=True)
        assert pattern in ONLY_WITHIN
        line_hint(pattern, within=("*.py",))
        line_hint(pattern, within=("*.sh",), only_within=True)
        assert pattern not in ONLY_WITHIN
    finally:
        CONTENT_HINTS.pop(pattern, None)
        ONLY_WITHIN.discard(pattern)


# More literals than ONE_PASS_FROM: Python looks for all of them in one pass.
MANY_LITERALS = frozenset(f"mark{i:02}(".encode() for i in range(ONE_PASS_FROM + 2))


class ManyLiterals(Repo):
    @property
    def grep_searches(self) -> dict[frozenset[bytes] | str, tuple[str, ...]]:
        return {MANY_LITERALS: ("*.py",), TwoOfEachSearch.LITERALS_A: ("*.py",)}


def test_many_literals_are_found_in_one_pass_as_one_by_one(tmp_path: Path) -> None:
    tree = {
        "pkg/first.py": "mark00()\n",
        "pkg/last.py": "x = 1\n" * 5000 + f"mark{ONE_PASS_FROM + 1:02}()\n",
        "pkg/prefix.py": "mark1()\nmark0(\n",  # pieces of literals, none whole
        "pkg/alpha.py": "alpha()\n",  # found by the shared git grep, holds none of them
        "pkg/mark05.py": "no mark\n",  # the literal in the name only
        "notes/mark03.md": "mark03()\n",  # outside the pathspecs
    }
    with_git, plain = build_both(tmp_path, tree)
    expected = ["pkg/first.py", "pkg/last.py"]
    assert ManyLiterals.open(with_git).files_containing(MANY_LITERALS) == expected
    found = ManyLiterals.open(plain).files_containing(MANY_LITERALS)
    assert [rel for rel in found if rel.endswith(".py")] == expected
    assert "notes/mark03.md" in found  # the plain walk searches every file


# Importers of every kind the `git grep -o` pass over import lines must see as Python does.
IMPORTERS: Tree = {
    "svc/app.py": "import os\nfrom fastapi import FastAPI\n",
    "svc/odd\nname.py": "import flask\n",  # a line feed in a path
    "svc/mention.py": 'NOTE = "we import mlflow"\nx = "import flask"\n# from mlflow import x\n',
    "svc/indented.py": "if True:\n\timport mlflow.tracking\n",
    "svc/several.py": "import fastapi\nimport flask\nfrom evidently import Report\n",
    # A NUL after the first 8000 bytes: text to `git grep -I`, and so to the doctor.
    "svc/late_nul.py": "x = 1\n" * 1340 + "\0\nimport fastapi\n",
    "svc/early_nul.py": "\0\nimport fastapi\n",  # binary: nobody reads it
    "tests/test_app.py": "import fastapi\n",  # a test imports what it tests: not counted
}
IMPORTERS_AFTER: Tree = {
    "svc/untracked.py": "import starlette\n",
    "svc/app.py": "from flask import Flask\n",  # changed since the commit
}


def test_imports_found_from_git_import_lines_are_those_python_reads(tmp_path: Path) -> None:
    with_git, plain = build_both(tmp_path, IMPORTERS, IMPORTERS_AFTER)
    git_view, plain_view = AuditView.open(with_git), AuditView.open(plain)
    assert git_view.is_git and not plain_view.is_git
    expected = {
        "fastapi": ["svc/late_nul.py", "svc/several.py"],
        "flask": ["svc/app.py", "svc/odd\nname.py", "svc/several.py"],
        "mlflow": ["svc/indented.py"],
        "evidently": ["svc/several.py"],
        "starlette": ["svc/untracked.py"],
    }
    for view in (git_view, plain_view):
        assert {module: sorted(found) for module, found in view.imports.items()} == expected


@pytest.mark.parametrize("text_first", [True, False], ids=["text-first", "bytes-first"])
def test_a_file_read_once_gives_the_same_bytes_and_text_in_either_order(
    tmp_path: Path, text_first: bool
) -> None:
    contents: dict[str, bytes] = {
        "ascii.py": b"KEY = 1\n",
        "accents.md": "caf\u00e9 na\u00efve\n".encode(),
        "latin1.txt": b"caf\xe9\n",  # not UTF-8: the text has a replacement character
        "binary.bin": b"\0\x01\x02",
        "frozen.txt": "\ufeffcaf\u00e9==1\n".encode("utf-16-le"),  # decoded, the mark left out
        "marked.txt": "\ufeffKEY = 1\n".encode(),
    }
    decoded = {"frozen.txt": "caf\u00e9==1\n".encode(), "marked.txt": b"KEY = 1\n"}
    build_file_tree(tmp_path, contents)
    view = Repo.open(tmp_path)
    for rel, data in contents.items():
        expected_bytes = None if rel == "binary.bin" else decoded.get(rel, data)
        expected_text = expected_bytes and expected_bytes.decode("utf-8", "replace")
        reads = [view.text, view.read_bytes] if text_first else [view.read_bytes, view.text]
        first, second = (read(rel) for read in reads)
        got_text, got_bytes = (first, second) if text_first else (second, first)
        assert (got_text, got_bytes) == (expected_text, expected_bytes)
        (tmp_path / rel).write_bytes(b"changed on disk\n")  # later reads come from memory
        assert (view.text(rel), view.read_bytes(rel)) == (expected_text, expected_bytes)


@pytest.mark.parametrize("git", [True, False], ids=["git", "walk"])
def test_a_file_grown_or_shrunk_since_it_was_listed_is_read_whole(
    tmp_path: Path, git: bool
) -> None:
    tree = {"grown.py": "A = 1\n", "shrunk.py": "B = 2\n" * 50, "same.py": "C = 3\n"}
    root = build_with_git(tmp_path, tree) if git else build_file_tree(tmp_path, tree)
    view = Repo.open(root)
    assert view.listed_sizes["grown.py"] == 6 and view.is_git is git  # listed before the edits
    (root / "grown.py").write_text("A = 1\n" * 1000)
    (root / "shrunk.py").write_text("B = 2\n")
    assert view.read_bytes("grown.py") == b"A = 1\n" * 1000
    assert view.read_bytes("shrunk.py") == b"B = 2\n"
    assert view.read_bytes("same.py") == b"C = 3\n"


def test_files_over_2_mb_are_searched_by_neither_git_nor_python(tmp_path: Path) -> None:
    # git leaves them out of its search of every file (they are data); Python never reads them.
    tree: Tree = {
        "data/dump.txt": AWS_KEY + "x" * 2_100_000 + "\n",
        "data/small [1].txt": AWS_KEY,  # glob characters: excluded or not by its literal name
        "notes/keys.md": AWS_KEY,
    }
    with_git, plain = build_both(tmp_path, tree)
    for root in (with_git, plain):
        found = sorted(f.path or "" for f in audit(root, "SEC001").findings)
        assert found == ["data/small [1].txt", "notes/keys.md"]


def test_large_binary_files_are_left_out_as_git_and_python_call_them_binary(
    tmp_path: Path,
) -> None:
    # Binary: a NUL within the first 8000 bytes, whatever follows; a NUL further on
    # leaves the file text, and its secret is found.
    tree: Tree = {
        "models/weights.bin": "\0" + "x" * 300_000 + "\n" + AWS_KEY,
        "data/late_nul.txt": "x" * 300_000 + "\0\n" + AWS_KEY,
        "data/small.bin": "\0" + AWS_KEY,
    }
    with_git, plain = build_both(tmp_path, tree)
    for root in (with_git, plain):
        found = sorted(f.path or "" for f in audit(root, "SEC001").findings)
        assert found == ["data/late_nul.txt"]


def test_lines_holding_literals_are_those_python_reads(tmp_path: Path) -> None:
    # git prints them for the search of every file; Python reads the files git does not
    # search (untracked here) and every file of a plain folder.
    key = "AKIAQ3RZ7WXKP2MN4B5V"
    tree: Tree = {
        "notes/a.txt": f"no\n{key} here\nmore\nhf_ and {key}\n",
        "notes/crlf.txt": f"one\r\n{key}\r\n",
        # git prints this line for a command's literal searched with the markers: no marker
        "notes/commands.txt": "docker run app\nuv sync\n",
        "notes/last.txt": f"start\n{key}",  # no line feed at the end
        "notes/late_nul.txt": "x" * 9000 + f"\0\n{key}\n",  # text: no NUL in 8000 bytes
        ".gitattributes": "*.dat diff\n*.py diff\n",  # git reads them as text; binary all the same
        "data/forced.dat": f"\0{key}\n",
        "src/forced.py": "\0import pickle\n",
        "src/real.py": "import pickle\n",
    }
    with_git, plain = build_both(tmp_path, tree, {"notes/untracked.txt": f"1\n2\n{key}\n"})
    line = key.encode()
    expected = {
        "notes/a.txt": [(2, line + b" here"), (4, b"hf_ and " + line)],
        "notes/crlf.txt": [(2, line + b"\r")],
        "notes/last.txt": [(2, line)],
        "notes/late_nul.txt": [(2, line)],
        "notes/untracked.txt": [(3, line)],
    }
    for root in (with_git, plain):
        view = AuditView.open(root)
        assert view.lines_containing(MARKERS) == expected
        # Groups searched by one `git grep` are told apart on its lines, the same way.
        assert view.files_containing(UNSAFE_HINTS) == ["src/real.py"]


def test_a_listing_started_ahead_is_the_one_the_view_uses(tmp_path: Path) -> None:
    from mlops_scaffold.repo import view

    build_file_tree(tmp_path, {"train.py": "print('fit')\n", "README.md": "# demo\n"})
    git_commit(tmp_path)
    (tmp_path / "notes.md").write_text("untracked, not ignored\n")
    view.start_listing(tmp_path)
    assert tmp_path.resolve() in view._STARTED_LISTINGS
    repo = Repo.open(tmp_path)
    assert repo.is_git
    assert sorted(repo.files) == ["README.md", "notes.md", "train.py"]
    assert tmp_path.resolve() not in view._STARTED_LISTINGS  # taken once, by its view


def test_starting_a_listing_of_a_missing_folder_does_nothing(tmp_path: Path) -> None:
    from mlops_scaffold.repo import view

    before = dict(view._STARTED_LISTINGS)
    view.start_listing(tmp_path / "missing")
    assert before == view._STARTED_LISTINGS
