"""Listing a repository's files fast: git's own listing parsed, or a gitignore-aware walk.

The git commands themselves are started through `vcs`; this module turns what they
print into paths and sizes, and walks folders that are not in a git work tree.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_scaffold.lazy_pattern import lazy_pattern

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


# Folders a non-git walk never enters: environments and caches nobody commits.
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".ipynb_checkpoints",
    }
)
# An attributes line that may make git treat a file as binary: `binary`, `-diff`, `diff=X`.
BINARY_ATTRIBUTE = lazy_pattern(r"binary|-diff\b|\bdiff=")
# One that may make git treat a file as binary or as text, whatever its bytes: `diff` too.
DIFF_ATTRIBUTE = lazy_pattern(r"binary|\bdiff\b")
IGNORE_FILE_MAX_BYTES = 2_000_000


def decode(output: bytes) -> str:
    """Git's output as os.fsdecode decodes paths, in one call for the whole of it."""
    return output.decode(sys.getfilesystemencoding(), "surrogateescape")


def split_paths(output: bytes) -> list[str]:
    """Paths from NUL-separated git output (`-z`)."""
    return [rel for rel in decode(output).split("\0") if rel]


def grep_matches(output: bytes) -> list[tuple[str, str]]:
    """(path, matched text) from `git grep -o -z` output: `path NUL match LF` each, where
    a path may hold a line feed but a match of a one-line pattern never does."""
    path, *rests = decode(output).split("\0")
    found = []
    for rest in rests:
        match, _, following = rest.partition("\n")
        found.append((path, match))
        path = following
    return found


def grep_lines(output: bytes) -> list[tuple[str, int, bytes]]:
    """(path, 1-based line number, line without its end) from `git grep -n -z` output:
    `path NUL number NUL line LF` each, where a path may hold a line feed but no NUL and
    a line may hold a NUL (past the first 8000 bytes) but no line feed."""
    found = []
    at = 0
    while at < len(output):
        path_end = output.index(b"\0", at)
        number_end = output.index(b"\0", path_end + 1)
        line_end = output.find(b"\n", number_end + 1)
        line_end = len(output) if line_end == -1 else line_end
        number = int(output[path_end + 1 : number_end])
        found.append((decode(output[at:path_end]), number, output[number_end + 1 : line_end]))
        at = line_end + 1
    return found


def lines_holding(data: bytes, literals: Iterable[bytes]) -> list[tuple[int, bytes]]:
    """(1-based number, line without its end) of each line of `data` holding one of
    `literals` (none of which holds a line feed), in order: what `git grep -n -F` prints."""
    starts = set()
    for literal in literals:
        at = data.find(literal)
        while at != -1:
            start = data.rfind(b"\n", 0, at) + 1
            starts.add(start)
            end = data.find(b"\n", at)
            at = -1 if end == -1 else data.find(literal, end)
    found = []
    number, counted_to = 1, 0
    for start in sorted(starts):
        number += data.count(b"\n", counted_to, start)
        counted_to = start
        end = data.find(b"\n", start)
        found.append((number, data[start : len(data) if end == -1 else end]))
    return found


# `git ls-files -z --stage --debug`: `mode sha stage TAB path NUL`, then indented lines
# that end with `size: N TAB flags: F LF`. An entry is trusted when it is a regular
# file, its flags are 0 and its size under 100 kB (the index keeps sizes modulo 4 GiB,
# so large ones are checked); the debug format is not a stable interface, so an entry
# whose lines look different is simply `lstat`ed.
INDEX_ENTRY = lazy_pattern(
    r"(100644|100755|[0-7]{6}) [0-9a-f]+ [0-3]\t([^\0]*)\0(?:  ctime: [^\n]*\n  mtime: [^\n]*\n"
    r"  dev: [^\n]*\n  uid: [^\n]*\n  size: (?:(\d{1,5})\tflags: 0\n|[^\n]*\n))?"
)
IndexEntries = list[tuple[str, int | None]]


def index_entries(chunks: Iterator[bytes]) -> IndexEntries | None:
    """(path, size recorded in the index or None when it cannot be trusted) per entry.

    Parsed chunk by chunk, cut after the last NUL (a path never holds one); None when
    the entries found do not add up to the paths listed.
    """
    entries: IndexEntries = []
    pending, paths = b"", 0
    for chunk in chunks:
        paths += chunk.count(b"\0")
        pending += chunk
        cut = pending.rfind(b"\0") + 1
        entries += _entries_in(pending[:cut])
        pending = pending[cut:]
    entries += _entries_in(pending)
    return entries if len(entries) == paths else None


def _entries_in(piece: bytes) -> IndexEntries:
    # An entry cut from its debug lines by a chunk boundary just goes untrusted.
    return [
        (path, int(size) if size and mode in ("100644", "100755") else None)
        for mode, path, size in INDEX_ENTRY.findall(decode(piece))
    ]


def walk(root: Path) -> Iterator[tuple[str, int]]:
    """(path, size) of every regular file below `root` that the `.gitignore` files keep.

    Depth-first without recursion (any depth); never follows a symlink; skips the folders
    of `SKIPPED_DIRS`.
    """
    pending: list[tuple[str, list[tuple[str, GitIgnoreSpec]]]] = [("", [])]
    while pending:
        prefix, specs = pending.pop()
        folder = root / prefix if prefix else root
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        if any(entry.name == ".gitignore" for entry in entries):
            spec = _ignore_spec(folder / ".gitignore")
            if spec is not None:
                specs = [*specs, (prefix, spec)]
        for entry in entries:
            rel = prefix + entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file(follow_symlinks=False)
            except OSError:
                continue
            if is_dir and entry.name in SKIPPED_DIRS:
                continue
            if _ignored(rel, is_dir, specs):
                continue
            if is_dir:
                pending.append((rel + "/", specs))
            elif is_file:
                try:
                    yield rel, entry.stat(follow_symlinks=False).st_size
                except OSError:
                    continue


def _ignore_spec(path: Path) -> GitIgnoreSpec | None:
    try:
        if path.is_symlink() or path.stat().st_size > IGNORE_FILE_MAX_BYTES:
            return None
        lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    return ignore_spec(lines)


def ignore_spec(lines: list[str]) -> GitIgnoreSpec:
    """The patterns of a .gitignore file's lines (those git would reject left out)."""
    from pathspec import GitIgnoreSpec

    try:
        return GitIgnoreSpec.from_lines(lines)
    except ValueError:  # a pattern git would ignore (a trailing `\`): keep the valid ones
        return GitIgnoreSpec.from_lines([line for line in lines if _valid_pattern(line)])


def _valid_pattern(line: str) -> bool:
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([line])
    except ValueError:
        return False
    return True


def ignored_path(rel: str, specs: list[tuple[str, GitIgnoreSpec]]) -> bool:
    """Whether .gitignore files (`specs`: each with the folder holding it, `dir/` or "")
    exclude a file or a folder above it, as git does: a file in an ignored folder is
    ignored whatever the patterns say of it."""
    parts = rel.split("/")
    folders = ["/".join(parts[:depth]) for depth in range(1, len(parts))]
    return any(
        _ignored(folder, True, [(p, s) for p, s in specs if folder.startswith(p)])
        for folder in folders
    ) or _ignored(rel, False, specs)


def _ignored(rel: str, is_dir: bool, specs: list[tuple[str, GitIgnoreSpec]]) -> bool:
    """Whether the nearest .gitignore files exclude `rel` (later, deeper files win)."""
    verdict = False
    for prefix, spec in specs:
        local = rel[len(prefix) :] + ("/" if is_dir else "")
        result = spec.check_file(local)
        if result.include is not None:
            verdict = result.include
    return verdict
