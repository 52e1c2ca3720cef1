"""Where a clone came from: the host, owner and name of its `origin` remote, read from
git's config without running git, in every URL form git accepts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mlops_scaffold.origin import Origin, origin_url, parse_remote_url, read_origin


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
