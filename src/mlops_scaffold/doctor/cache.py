"""A cache of the doctor's reports, outside the repository: an unchanged repository is not
audited twice (doctor, fix one thing, doctor again; a pre-commit hook; a CI re-run).

A report is stored under a key computed before the audit from everything it depends on:
the doctor's version and the stat (size, mtime_ns) of each of its source files, the
Python and its `sys.path` folders (an installed or removed package changes their mtime),
the options that change results (select, ignore, fail-on, kind), the repository's root,
and git's listing (tracked files and untracked ones not ignored) with every listed path's
type, size and mtime_ns: an edited, touched, added or deleted file is a different key,
and so is `pyproject.toml`'s `[tool.mlops.doctor]`, a listed file. Outside the listing
the audit reads only the attributes files git may apply (`info/attributes`,
`core.attributesFile`, `$XDG_CONFIG_HOME/git/attributes`, the `.gitattributes` of the
folders above the root), whether `.git` is at the root or above it, and the `origin`
remote its git config names (mlops_scaffold/origin.py); they are in the key too.

Nothing is cached outside a git work tree. A key is not stored when a file changed in
the last RACY_SECONDS (an edit in the same clock tick as the stat would not change
it, as git's "racily clean" entries). Entries live in `$XDG_CACHE_HOME/mlops-scaffold/
doctor` (`~/.cache/...`), one small JSON file per repository, written atomically, at
most MAX_ENTRIES of them. Any problem with the cache (unwritable folder, corrupt or
foreign file) means an audit as if there were none.

This module imports neither the checks nor the parsers: a hit costs one git listing and
a `stat` per file.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import mlops_scaffold
from mlops_scaffold import vcs
from mlops_scaffold.catalogue import Severity
from mlops_scaffold.doctor.report import CheckResult, Finding, Report, Status
from mlops_scaffold.origin import read_origin

CACHE_FORMAT = 1  # bump when an entry's layout changes
MAX_ENTRIES = 64  # repositories remembered; the least recently written go first
MAX_ENTRY_BYTES = 2_000_000
RACY_SECONDS = 2


@dataclass(frozen=True)
class Key:
    """Where a repository's entry lives, the digest of what its report depends on, and
    whether a report audited now may be stored (no file changed too recently)."""

    entry: Path
    digest: str
    storable: bool


def today() -> str:
    """The local date, ISO-formatted: part of every key."""
    return time.strftime("%Y-%m-%d")


def cache_folder() -> Path:
    """`$XDG_CACHE_HOME/mlops-scaffold/doctor`, else `~/.cache/mlops-scaffold/doctor`."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mlops-scaffold" / "doctor"


def audit(
    path: Path,
    *,
    select: list[str],
    ignore: list[str],
    fail_on: str | None,
    kind: str | None,
    use_cache: bool = True,
) -> Report:
    """The doctor's report on `path`, from the cache when nothing it depends on changed
    (see the module's docstring), else audited (and stored when it can be)."""
    key = repository_key(path, select, ignore, fail_on, kind) if use_cache else None
    if key is not None:
        cached = load(key)
        if cached is not None:
            return cached
    from mlops_scaffold.repo.view import start_listing

    start_listing(path)  # git lists the files while the checks' modules load
    from mlops_scaffold.doctor.run import find_findings

    report = find_findings(path, select=select, ignore=ignore, fail_on=fail_on, kind=kind)
    if key is not None and key.storable:
        store(key, report)
    return report


def repository_key(
    path: Path, select: list[str], ignore: list[str], fail_on: str | None, kind: str | None
) -> Key | None:
    """The key of an audit of `path` with these options; None when it cannot be known
    (not a folder, not in a git work tree, git missing or failing)."""
    import hashlib  # here, not at the top: an audit without the cache skips OpenSSL's start-up

    try:
        root = Path(path).resolve(strict=True)
        if not root.is_dir():
            return None
        listed, elsewhere = _git_listing(root)
    except (OSError, RuntimeError, ValueError):
        return None
    if listed is None:
        return None
    digest = hashlib.sha256()
    # today's date too: ENV006 and IMG006 judge end-of-life dates against it
    options = [CACHE_FORMAT, mlops_scaffold.__version__, sys.version, sys.executable]
    options.append(today())
    options += [str(root), sorted(select), sorted(ignore), fail_on, kind]
    digest.update(json.dumps(options).encode())
    # Whether `.git` is at the root or above (a clone's top, or a folder inside one).
    clone_tops = [os.path.exists(os.path.join(folder, ".git")) for folder in (root, *root.parents)]
    digest.update(json.dumps(clone_tops).encode())
    # Where the clone came from: its name and owner are evidence of the project's kind.
    digest.update(f"\0origin\0{read_origin(root)}".encode())
    newest = 0
    for group, base, names in (
        ("sources", _package_folder(), _package_files()),
        # sys.path[0] is the script's folder or, under `python -m`, the working directory
        ("sys.path", "", [folder for folder in sys.path[1:] if folder]),
        ("attributes", str(root), elsewhere),
        ("listed", str(root), listed),
    ):
        digest.update(f"\0{group}\0".encode())
        for name in names:
            stamp, mtime = _stat(os.path.join(base, name) if base else name)
            if group in ("attributes", "listed"):
                newest = max(newest, mtime)
            digest.update(os.fsencode(name) + b"\0" + stamp + b"\0")
    name = hashlib.sha256(os.fsencode(str(root))).hexdigest()[:32]
    storable = newest < time.time_ns() - RACY_SECONDS * 1_000_000_000
    return Key(cache_folder() / f"{name}.json", digest.hexdigest(), storable)


def load(key: Key) -> Report | None:
    """The report stored under `key`; None when there is none, or it is unreadable,
    corrupt, of another format or for another key."""
    try:
        with open(key.entry, "rb") as handle:
            entry = json.loads(handle.read(MAX_ENTRY_BYTES + 1))
        if entry.get("format") != CACHE_FORMAT or entry.get("key") != key.digest:
            return None
        return _report(entry["report"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def store(key: Key, report: Report) -> None:
    """Write the entry atomically (a temporary file renamed over it); then keep at most
    MAX_ENTRIES. Silent when it cannot: the cache only ever saves time."""
    import tempfile  # imported here: a run that stores nothing does without it

    data = {"format": CACHE_FORMAT, "key": key.digest, "report": _data(report)}
    encoded = json.dumps(data, separators=(",", ":")).encode()
    if len(encoded) > MAX_ENTRY_BYTES:
        return
    folder = key.entry.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as written:
                written.write(encoded)
            os.replace(temporary, key.entry)
        except OSError:
            os.unlink(temporary)
            raise
        _prune(folder)
    except OSError:
        return


def _prune(folder: Path) -> None:
    """Remove the oldest entries past MAX_ENTRIES (only this cache's own `*.json`)."""
    entries = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".json") and entry.is_file(follow_symlinks=False):
            entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
    for _, stale in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        os.unlink(stale)


def _git_listing(root: Path) -> tuple[list[str] | None, list[str]]:
    """Every path git lists in `root` (tracked, and untracked not ignored), sorted; and
    the attributes files outside the listing that git may apply (`info/attributes`,
    `core.attributesFile`, the user's, and those of the folders above `root`)."""
    listing = vcs.background(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    attributes = vcs.background(root, "rev-parse", "--git-path", "info/attributes")
    configured = vcs.background(root, "config", "--path", "--get", "core.attributesFile", ok=(0, 1))
    output = {
        "listed": listing.output(),
        "attributes": attributes.output(),
        "global": configured.output(),
    }
    if any(printed is None for printed in output.values()):
        return None, []
    # decoded as `repo.listing.split_paths` does; importing it would load the parsers
    printed = (output["listed"] or b"").decode(sys.getfilesystemencoding(), "surrogateescape")
    listed = sorted({rel for rel in printed.split("\0") if rel})
    home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    elsewhere = [
        *(os.fsdecode(line) for line in (output["attributes"] or b"").splitlines()),
        *(os.fsdecode(line) for line in (output["global"] or b"").splitlines()),
        os.path.join(home, "git", "attributes"),
        # a folder inside a clone: git applies the `.gitattributes` of the folders above
        *(os.path.join(folder, ".gitattributes") for folder in root.parents),
    ]
    return listed, elsewhere


def _stat(path: str) -> tuple[bytes, int]:
    """A file's type, size and mtime_ns as bytes (`-` when missing), and its mtime_ns."""
    try:
        info = os.lstat(path)
    except OSError:
        return b"-", 0
    kind = stat.S_IFMT(info.st_mode)
    return f"{kind} {info.st_size} {info.st_mtime_ns}".encode(), info.st_mtime_ns


def _package_folder() -> str:
    return os.path.dirname(os.path.abspath(mlops_scaffold.__file__))


def _package_files() -> list[str]:
    """The doctor's own files (sources and data), relative to its package folder: an
    edited source in a development install is a different key."""
    found, pending = [], [""]
    base = _package_folder()
    while pending:
        prefix = pending.pop()
        for entry in sorted(os.scandir(os.path.join(base, prefix)), key=lambda e: e.name):
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    pending.append(os.path.join(prefix, entry.name))
            else:
                found.append(os.path.join(prefix, entry.name))
    return found


def _data(report: Report) -> dict[str, object]:
    """The report's fields as JSON data (enums as their values)."""
    return {f.name: getattr(report, f.name) for f in fields(report) if f.init} | {
        "results": [asdict(result) for result in report.results],
        "findings": [asdict(finding) for finding in report.findings],
    }


def _report(data: dict[str, object]) -> Report:
    """The report `_data` gave; TypeError, KeyError or ValueError when it is not one."""
    results = data.pop("results")
    findings = data.pop("findings")
    projects = data.pop("projects")
    fail_on = data.pop("fail_on")
    if not isinstance(results, list) or not isinstance(findings, list):
        raise TypeError("not a report")
    if not isinstance(projects, list) or not isinstance(fail_on, str):
        raise TypeError("not a report")
    return Report(
        results=tuple(
            CheckResult(**{**result, "status": Status(result["status"])}) for result in results
        ),
        findings=tuple(
            Finding(**{**finding, "severity": Severity(finding["severity"])})
            for finding in findings
        ),
        projects=tuple(projects),
        fail_on=Severity(fail_on),
        **data,  # type: ignore[arg-type]
    )
