"""The doctor never crashes: links, loops, bad bytes, bad syntax, depth, odd names, size."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlops_scaffold.errors import RepoReadError
from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE
from tests.doctor.helpers import audit, found_ids, git_commit

AWS_KEY = 'KEY = "AKIAQ3RZ7WXKP2MN4B5V"\n'


@pytest.fixture(params=["git", "walk"])
def file_list(request: pytest.FixtureRequest) -> str:
    """Run a test once with git's file list and once with the directory walk."""
    return request.param


def finish(root: Path, file_list: str) -> Path:
    if file_list == "git":
        git_commit(root)
    return root


def test_a_symlink_loop_is_not_followed(tmp_path: Path, file_list: str) -> None:
    build_file_tree(tmp_path, {"src/demo/__init__.py": ""})
    (tmp_path / "src" / "loop").symlink_to(tmp_path / "src")
    report = audit(finish(tmp_path, file_list))
    assert report.file_count == 1


def test_a_symlink_out_of_the_repository_is_never_read(tmp_path: Path, file_list: str) -> None:
    outside = build_file_tree(tmp_path / "outside", {"secret.py": AWS_KEY})
    repo = build_file_tree(tmp_path / "repo", {"README.md": "# demo\n"})
    (repo / "linked.py").symlink_to(outside / "secret.py")
    (repo / "linked_dir").symlink_to(outside, target_is_directory=True)
    assert "SEC001" not in found_ids(audit(finish(repo, file_list), "SEC001"))


def test_invalid_utf8_in_source_is_read_leniently(tmp_path: Path, file_list: str) -> None:
    build_file_tree(tmp_path, {"src/demo/data.py": b'P = "/home/al\xff\xfece/x.csv"\n\xc3\x28\n'})
    (finding,) = audit(finish(tmp_path, file_list), "CODE002").findings
    assert finding.path == "src/demo/data.py"


def test_an_invalid_notebook_is_a_finding(tmp_path: Path, file_list: str) -> None:
    build_file_tree(tmp_path, {"explore.ipynb": '{"cells": [\n  {"cell_type": '})
    report = audit(finish(tmp_path, file_list))
    (finding,) = [f for f in report.findings if f.id == "REPO001"]
    assert finding.path == "explore.ipynb"
    assert "invalid JSON" in finding.message


def test_malformed_workflow_yaml_is_a_finding_with_its_line(tmp_path: Path, file_list: str) -> None:
    workflow = "name: ci\non: push\njobs:\n  test:\n    steps: [\n"
    build_file_tree(tmp_path, {".github/workflows/ci.yml": workflow})
    (finding,) = audit(finish(tmp_path, file_list), "REPO001").findings
    assert (finding.path, finding.line) == (".github/workflows/ci.yml", 6)


def test_malformed_pyproject_is_a_finding_and_not_a_crash(tmp_path: Path, file_list: str) -> None:
    build_file_tree(tmp_path, {"pyproject.toml": "[tool.mlops.doctor\nselect = [\n"})
    report = audit(finish(tmp_path, file_list))
    assert "REPO001" in found_ids(report)
    assert len(report.results) > 30  # the audit ran with the default configuration


def test_malformed_dvc_config_is_a_finding(tmp_path: Path, file_list: str) -> None:
    build_file_tree(tmp_path, {".dvc/config": "remote = storage\n[core\n"})
    assert found_ids(audit(finish(tmp_path, file_list), "REPO001", "DATA002")) == {
        "REPO001",
        "DATA002",
    }


def test_a_very_deep_tree_is_walked(tmp_path: Path, file_list: str) -> None:
    deep = "/".join(["d"] * 200)
    build_file_tree(tmp_path, {f"{deep}/settings.py": AWS_KEY})
    (finding,) = audit(finish(tmp_path, file_list), "SEC001").findings
    assert finding.path == f"{deep}/settings.py"


def test_odd_file_names_are_reported_printably(tmp_path: Path, file_list: str) -> None:
    build_file_tree(tmp_path, {"odd name\nwith newline.py": AWS_KEY, "ünïcödé ✓.py": AWS_KEY})
    (tmp_path / os.fsdecode(b"bad\xffbyte.py")).write_text(AWS_KEY)
    paths = {f.path for f in audit(finish(tmp_path, file_list), "SEC001").findings}
    assert paths == {"odd name\nwith newline.py", "ünïcödé ✓.py", "bad\ufffdbyte.py"}


def test_a_huge_file_is_reported_by_size_without_being_read(tmp_path: Path, file_list: str) -> None:
    build_file_tree(tmp_path, {"models/notes.py": AWS_KEY})
    finish(tmp_path, file_list)  # the huge file stays untracked: git would hash all of it
    with open(tmp_path / "models" / "weights.pt", "wb") as handle:
        handle.truncate(3_000_000_000)  # sparse: 3 GB on paper, nothing on disk
    report = audit(tmp_path, "DATA003", "SEC001")
    assert {(f.id, f.path) for f in report.findings} == {
        ("DATA003", "models/weights.pt"),
        ("SEC001", "models/notes.py"),
    }


def test_the_walk_honours_gitignore_files_at_every_level(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            ".gitignore": "data/\n",
            "data/big.csv": "a\n" * 100_000,
            "src/.gitignore": "*.key.py\n!keep.key.py\n",
            "src/app.key.py": AWS_KEY,
            "src/keep.key.py": AWS_KEY,
            ".venv/lib/settings.py": AWS_KEY,
        },
    )
    report = audit(tmp_path, "DATA003", "SEC001")
    assert {(f.id, f.path) for f in report.findings} == {("SEC001", "src/keep.key.py")}


def test_a_service_module_with_binary_content_is_skipped(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**SERVICE, "src/demo/blob.py": b"\x00\x01import fastapi"})
    assert audit(tmp_path, "SERVE001").findings == ()


def test_a_missing_path_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(RepoReadError, match="no such folder"):
        audit(tmp_path / "absent")


def test_a_file_instead_of_a_folder_is_a_read_error(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"file.txt": ""})
    with pytest.raises(RepoReadError, match="not a folder"):
        audit(tmp_path / "file.txt")
