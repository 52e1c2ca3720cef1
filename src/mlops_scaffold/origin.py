"""Where a clone came from: the host, owner and name of its `origin` remote.

A user's clone names the repository it was cloned from (`git remote get-url origin`);
where a repository lives (a vendor's organisation of samples) and what its author
named it (`...-tutorial`, `cookiecutter-...`) say what kind of repository it is. The
URL is read from the git config of the audited folder itself (`.git/config`, or the
common config of a worktree's or a submodule's `.git` file), with no git process: a
folder inside a clone, a clone with no `origin` or one cloned from a local path gives
no origin. Only the host, owner and name are kept: never a URL's user or token.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from mlops_scaffold.lazy_pattern import lazy_pattern

MAX_CONFIG_BYTES = 1_000_000  # a git config is a few hundred bytes; a huge one is no clone's

# `[remote "origin"]` (and the old `[remote.origin]`), then its keys until the next section.
SECTION = lazy_pattern(r"""^\s*\[\s*([^\]\s"]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]\s*(.*)$""")
KEY_VALUE = lazy_pattern(r"^\s*([A-Za-z][\w-]*)\s*(?:=\s*(.*))?$")
# `git@github.com:owner/name.git`: scp-like, a host then a colon (no `//` after it).
SCP_LIKE = lazy_pattern(r"^(?:[^@/\s]+@)?([\w.-]+):(?!//)(.+)$")
# The user part runs to the last `@` before the path (`user:p@ss@host`, as curl reads it):
# no part of a password is taken for the host.
URL = lazy_pattern(
    r"^(?:https?|ssh|git(?:\+ssh)?|ssh\+git)://(?:[^/\s]*@)?([^/:@\s]+)(?::\d*)?/(.+)$"
)
# A config value's escapes (git-config(1)): `\"`, `\\`, `\n`, `\t`, `\b`.
ESCAPED = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "b": "\b"}


class Origin(NamedTuple):
    """A remote's host (`github.com`), owner (`aws-samples`; a GitLab group and its
    subgroups, `group/sub`; an Azure DevOps organisation and project, `org/project`) and
    repository name (`amazon-sagemaker-examples`, no `.git`)."""

    host: str
    owner: str
    name: str

    def __str__(self) -> str:
        return f"{self.host}/{self.owner}/{self.name}"

    @property
    def url(self) -> str:
        """An https URL that `parse_remote_url` reads back as this origin (no user or token)."""
        owner = self.owner
        if self.host.endswith(".visualstudio.com"):  # the host names the organisation
            owner = owner.split("/", 1)[-1]
        return f"https://{self.host}/{owner}/{self.name}"


def parse_remote_url(url: str) -> Origin | None:
    """The host, owner and name a remote URL names (https, ssh, `git://`, the scp-like
    `git@host:owner/name.git`; GitHub, GitLab, Bitbucket, Azure DevOps); None for a local
    path, a `file://` URL or a URL without an owner and a name."""
    url = url.strip()
    found = URL.match(url) or (None if "://" in url else SCP_LIKE.match(url))
    if not found or (len(found.group(1)) == 1 and "://" not in url):  # `C:\...`: a path
        return None
    host = found.group(1).lower()
    parts = [part for part in found.group(2).split("?", 1)[0].split("#", 1)[0].split("/") if part]
    if host == "ssh.dev.azure.com" and parts[:1] == ["v3"]:  # v3/org/project/name
        parts = parts[1:]
    if host.endswith(".visualstudio.com"):  # org.visualstudio.com/project/_git/name
        parts = [host.split(".", 1)[0], *parts]
    if "_git" in parts:  # Azure DevOps: org/project/_git/name
        at = parts.index("_git")
        parts = [*parts[:at], *parts[at + 1 : at + 2]]
        if parts[1:2] == ["DefaultCollection"]:
            del parts[1]
    if len(parts) < 2:
        return None
    name = parts[-1].removesuffix(".git")
    return Origin(host, "/".join(parts[:-1]), name) if name else None


def read_origin(root: Path) -> Origin | None:
    """The `origin` remote of the clone whose top is `root` (its `.git` folder or file
    is in `root`); None when there is none, it cannot be read, or it names no host."""
    config = _config_file(os.path.join(root, ".git"))
    data = _read_start(config, MAX_CONFIG_BYTES) if config else None
    url = origin_url(data.decode("utf-8", "replace")) if data else None
    return parse_remote_url(url) if url else None


def origin_url(config: str) -> str | None:
    """The first `url` of the `[remote "origin"]` section of a git config's text."""
    inside = False
    for line in config.splitlines():
        section = SECTION.match(line)
        if section:
            name, sub = section.group(1).lower(), section.group(2)
            inside = (name == "remote" and sub == "origin") or name == "remote.origin"
            line = section.group(3)  # `[remote "origin"] url = ...` on one line
        if not inside:
            continue
        pair = KEY_VALUE.match(line)
        if pair and pair.group(1).lower() == "url" and pair.group(2):
            return _value(pair.group(2))
    return None


def _value(raw: str) -> str:
    """A config value without its comment, quotes and escapes (`"https://..." # mine`,
    `\\"`); a backslash that ends the line (a continuation) is dropped."""
    value, quoted, escaped = [], False, False
    for char in raw.strip():
        if escaped:
            value.append(ESCAPED.get(char, char))
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char in "#;" and not quoted:
            break
        else:
            value.append(char)
    return "".join(value).strip()


def _config_file(dot_git: str) -> str | None:
    """The config file of a clone: `.git/config`; for a `.git` file (`gitdir: ...`, a
    worktree or a submodule) the config of the git folder it points to, or of that
    folder's common folder (a worktree's `commondir`)."""
    if os.path.isdir(dot_git):
        return os.path.join(dot_git, "config")
    pointer = _first_line(dot_git) or ""
    pointed = pointer[len("gitdir:") :].strip() if pointer.startswith("gitdir:") else ""
    if not pointed:
        return None  # no `.git`, or a `gitdir:` naming nothing (git refuses it too)
    git_dir = os.path.join(os.path.dirname(dot_git), pointed)
    common = _first_line(os.path.join(git_dir, "commondir"))  # a submodule's has none
    return os.path.join(git_dir, common.strip() if common else "", "config")


def _first_line(path: str) -> str | None:
    """The first line of a small file of git's (`.git`, `commondir`); None if unreadable."""
    data = _read_start(path, 4096)
    return data.decode("utf-8", "replace").partition("\n")[0] if data is not None else None


def _read_start(path: str, limit: int) -> bytes | None:
    """Up to `limit` bytes of a regular file; None for anything else: missing, unreadable,
    a folder, a FIFO or a device (opened without blocking, never read), or a path git's
    own files could not name (a NUL byte from a `.git` file's binary content)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return os.read(descriptor, limit)
    except OSError:
        return None
    finally:
        os.close(descriptor)
