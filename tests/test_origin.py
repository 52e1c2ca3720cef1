"""Where a clone came from: the host, owner and name of its `origin` remote, read from
git's config without running git, in every URL form git accepts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlops_scaffold.origin import (
    MAX_CONFIG_BYTES,
    Origin,
    origin_url,
    parse_remote_url,
    read_origin,
)
from tests.conftest import build_file_tree, invoke


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        (
            "https://github.com/aws-samples/sagemaker-demo.git",
            "github.com/aws-samples/sagemaker-demo",
        ),
        ("https://github.com/aws-samples/sagemaker-demo/", "github.com/aws-samples/sagemaker-demo"),
        ("http://github.com/me/repo", "github.com/me/repo"),
        ("git@github.com:Me/Repo.git", "github.com/Me/Repo"),
        ("ssh://git@github.com/me/repo.git", "github.com/me/repo"),
        (
            "ssh://git@gitlab.example.com:2222/group/sub/repo.git",
            "gitlab.example.com/group/sub/repo",
        ),
        ("git://github.com/me/repo", "github.com/me/repo"),
        ("https://oauth2:secret@gitlab.com/group/repo.git", "gitlab.com/group/repo"),
        ("https://me@bitbucket.org/team/repo.git", "bitbucket.org/team/repo"),
        ("git@bitbucket.org:team/repo.git", "bitbucket.org/team/repo"),
        ("https://org@dev.azure.com/org/project/_git/repo", "dev.azure.com/org/project/repo"),
        ("git@ssh.dev.azure.com:v3/org/project/repo", "ssh.dev.azure.com/org/project/repo"),
        ("https://org.visualstudio.com/project/_git/repo", "org.visualstudio.com/org/project/repo"),
        (
            "https://org.visualstudio.com/DefaultCollection/project/_git/repo",
            "org.visualstudio.com/org/project/repo",
        ),
    ],
)
def test_a_remote_url_names_its_host_owner_and_name(url: str, origin: str) -> None:
    found = parse_remote_url(url)
    assert str(found) == origin
    assert found is not None and "secret" not in repr(found)
    # the URL a copy of the clone is given (`doctor --fix`) names the same origin
    assert parse_remote_url(found.url) == found and "secret" not in found.url


@pytest.mark.parametrize(
    "url",
    [
        "/home/me/repo",
        "../repo",
        "file:///srv/git/repo.git",
        "C:\\work\\repo",
        "https://github.com/me",
        "",
    ],
)
def test_a_local_path_or_an_ownerless_url_names_no_origin(url: str) -> None:
    assert parse_remote_url(url) is None


def test_the_origin_section_is_found_among_the_others() -> None:
    config = (
        "[core]\n\tbare = false\n"
        '[remote "upstream"]\n\turl = https://github.com/them/repo\n'
        '[remote "origin"]\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n'
        '\tURL = "https://github.com/me/repo.git" ; mine\n'
    )
    assert origin_url(config) == "https://github.com/me/repo.git"
    assert origin_url('[remote "upstream"]\n\turl = https://github.com/them/repo\n') is None


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_a_clone_worktree_and_folder_read_as_git_does(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    clone.mkdir()
    _git(clone, "init", "-q", "-b", "main")
    assert read_origin(clone) is None  # no remote: no evidence
    _git(clone, "remote", "add", "origin", "git@github.com:aws-samples/demo.git")
    assert read_origin(clone) == Origin("github.com", "aws-samples", "demo")
    _git(
        clone,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "x",
    )
    _git(clone, "worktree", "add", "-q", str(tmp_path / "other"))
    assert read_origin(tmp_path / "other") == Origin("github.com", "aws-samples", "demo")
    (clone / "inside").mkdir()
    assert read_origin(clone / "inside") is None  # a folder inside a clone is not its top
    assert read_origin(tmp_path / "missing") is None


# -- bad input: whatever a `.git` holds, the origin is None or a name, never an error ----

ORIGIN_SECTION = '[remote "origin"]\n\turl = https://github.com/me/repo.git\n'


def _clone_with_config(root: Path, config: bytes) -> Path:
    """A folder whose `.git/config` holds `config`, byte for byte."""
    build_file_tree(root, {".git/config": config})
    return root


def test_a_binary_config_names_no_origin(tmp_path: Path) -> None:
    config = bytes(range(256)) * 64 + b"\xff\xfe[remote \x00origin]\n"
    assert read_origin(_clone_with_config(tmp_path, config)) is None


def test_a_huge_config_is_read_only_to_its_limit(tmp_path: Path) -> None:
    padding = b"# " + b"x" * MAX_CONFIG_BYTES + b"\n"
    before = _clone_with_config(tmp_path / "before", ORIGIN_SECTION.encode() + padding)
    after = _clone_with_config(tmp_path / "after", padding + ORIGIN_SECTION.encode())
    assert read_origin(before) == Origin("github.com", "me", "repo")
    assert read_origin(after) is None


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        # git-config(1) escapes inside quotes: `\"` is a quote, `\\` a backslash
        ('"https://github.com/me/re\\"po"', Origin("github.com", "me", 're"po')),
        ('"https://github.com/me/re\\\\po"', Origin("github.com", "me", "re\\po")),
        # a comment character inside quotes is part of the value, outside it ends it
        ('"https://github.com/me/repo;1" ; mine', Origin("github.com", "me", "repo;1")),
        # an unclosed quote and a line continuation: the URL still, no error
        ('"https://github.com/me/repo.git \\', Origin("github.com", "me", "repo")),
    ],
)
def test_a_quoted_or_escaped_url_reads_as_git_reads_it(
    tmp_path: Path, value: str, origin: Origin
) -> None:
    config = f'[remote "origin"]\n\turl = {value}\n'.encode()
    assert read_origin(_clone_with_config(tmp_path, config)) == origin


def test_a_unicode_url_names_its_origin(tmp_path: Path) -> None:
    config = '[remote "origin"]\n\turl = https://gitea.example.org/équipe/modèle-démo\n'
    found = read_origin(_clone_with_config(tmp_path, config.encode()))
    assert found == Origin("gitea.example.org", "équipe", "modèle-démo")


@pytest.mark.parametrize(
    "url", ["https://github.com", "https://github.com/", "git@github.com:", "ssh://host"]
)
def test_a_url_without_a_path_names_no_origin(tmp_path: Path, url: str) -> None:
    config = f'[remote "origin"]\n\turl = {url}\n'.encode()
    assert read_origin(_clone_with_config(tmp_path, config)) is None


def test_a_password_holding_an_at_sign_stays_out_of_the_host() -> None:
    found = parse_remote_url("https://me:p@ss@github.com/me/repo.git")
    assert found == Origin("github.com", "me", "repo")
    assert parse_remote_url("https://me:pa/ss@github.com/me/repo.git") is None


@pytest.mark.parametrize(
    "dot_git",
    [
        b"gitdir: nowhere\n",  # a worktree whose git folder was removed
        b"gitdir:\n",  # names no folder: not the root's own files
        b"gitdir: ../ma\x00in\n",  # a NUL byte no path can hold
        b"\x00\x01\x02 binary",
        b"",
    ],
)
def test_a_dot_git_file_pointing_nowhere_names_no_origin(tmp_path: Path, dot_git: bytes) -> None:
    # the root's own `config` and `commondir` look like git's: they must not be read as such
    tree = {".git": dot_git, "config": ORIGIN_SECTION, "commondir": "."}
    assert read_origin(build_file_tree(tmp_path, tree)) is None


def test_a_commondir_holding_a_nul_byte_names_no_origin(tmp_path: Path) -> None:
    tree = {".git": b"gitdir: wt\n", "wt/commondir": b"..\x00\n", "wt/config": ORIGIN_SECTION}
    assert read_origin(build_file_tree(tmp_path, tree)) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
@pytest.mark.parametrize("fifo", [".git", ".git/config"])
def test_a_named_pipe_is_not_waited_on(tmp_path: Path, fifo: str) -> None:
    (tmp_path / ".git").mkdir(exist_ok=fifo != ".git")
    if fifo == ".git":
        (tmp_path / ".git").rmdir()
    os.mkfifo(tmp_path / fifo)
    # in a child process: were the pipe opened for reading, it would block for good
    code = f"from mlops_scaffold.origin import read_origin; print(read_origin({str(tmp_path)!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout == "None\n"


def test_the_doctor_reports_on_a_clone_whose_dot_git_is_broken(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"train.py": "print('fit')\n", ".git": b"gitdir: \x00\n"})
    code, output = invoke("doctor", str(tmp_path))
    assert code == 1, output  # findings, not a crash: the report is printed in full
    assert "kind application" in output and "score " in output
