"""A read-only view of a repository: its file list and parsed files, each computed once.

In a git work tree the file list is git's own (tracked files plus untracked ones that
are not ignored), and the sizes of unchanged tracked files come from git's index, so
a large repository is listed without one `lstat` per file. Elsewhere a careful walk
honours `.gitignore` files, never follows a symlink, and skips the usual
virtual-environment and cache folders. Files are read at most once, never when huge
or binary, and decoded leniently. A file that cannot be parsed (YAML, TOML, JSON,
INI) is recorded in `parse_problems`, never raised.
"""

from __future__ import annotations

import codecs
import fnmatch
import json
import os
import posixpath
import re
import stat
import tomllib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol, TypeVar

from mlops_scaffold import vcs
from mlops_scaffold.errors import RepoReadError
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.origin import Origin, read_origin
from mlops_scaffold.repo.hollow import HOLLOW_READ_BYTES, hollow
from mlops_scaffold.repo.listing import (
    BINARY_ATTRIBUTE,
    DIFF_ATTRIBUTE,
    IndexEntries,
    decode,
    grep_lines,
    grep_matches,
    ignore_spec,
    ignored_path,
    index_entries,
    lines_holding,
    split_paths,
    walk,
)
from mlops_scaffold.repo.parsers import (
    JENKINSFILE_NAME,
    Dockerfile,
    Requirement,
    parse_dockerfile,
    parse_requirements,
    well_typed,
)
from mlops_scaffold.repo.required_text import matches_anywhere, perl_literal, required_literal

if TYPE_CHECKING:
    import configparser

# What a `git grep` looks for: one of a group of literals, or a line matching a pattern.
Search = frozenset[bytes] | str
MAX_TEXT_BYTES = 2_000_000  # larger files are data, not configuration or source to scan
# A notebook over this size is not read (its cells' code under a run's outputs).
MAX_NOTEBOOK_BYTES = 200_000_000
# NUL bytes in the first 8000 make a file binary, as for `git grep -I` (FIRST_FEW_BYTES)
BINARY_SNIFF_BYTES = 8000
# Files over this size are sniffed before the search of every file, and left out of it
# when binary: the few largest hold most of the bytes, and each sniff costs an `open`
# while git's reader threads compete for the interpreter.
SNIFFED_FROM_BYTES = 256_000
# Byte order marks of the text files pip reads (and Windows tools write, PowerShell's
# `pip freeze > requirements.txt` UTF-16 among them) -> the codec of the text after them.
TEXT_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# `Dockerfile`, a prefix before `.`, `_` or `-` (`api.Dockerfile`, `glow_Dockerfile`,
# `serve-dockerfile`) or glued to it (`EvidentlyDockerfile`), and a suffix after `.`, `-`
# or `_` (`Dockerfile.gpu`, `Dockerfile-mlflow`, `Dockerfile_gpu`) unless the name ends in
# another file type's extension, or glued on in capitals (`DockerfileFastapi`).
DOCKERFILE_NAME = lazy_pattern(
    r"(?i)^(?:(?:.+[._-]|[a-z0-9]+)?(?:docker|container)file|(?:docker|container)file[._-]"
    r"(?!(?:[\w-]*\.)*(?:py|md|rst|txt|json|ya?ml|toml|sh|jinja|j2|tmpl|dockerignore|orig|bak)$)"
    r"[\w.-]+|(?-i:Dockerfile[A-Z][A-Za-z0-9]*))$"
)
# A README's name, and the folders GitHub shows one from, in the order it looks.
README_FILE = lazy_pattern(r"(?i)^readme(?:\.(?:md|markdown|rst|txt|adoc|asciidoc))?$")
README_FOLDERS = (".github", "", "docs")
# The head of a file `conda list --export` or `conda list --explicit` wrote: conda's specs.
CONDA_EXPORT = lazy_pattern(r"(?m)^#[ \t]*\$?[ \t]*conda create\b[^\n]*--file\b")
CONDA_EXPLICIT = lazy_pattern(r"(?m)^@EXPLICIT\b")
CONDA_EXPORT_HEAD = 400
# A line that has conda install a file of specs (`conda install --file requirements_r.txt`,
# `mamba create -n env --file=spec.txt`): conda's match specs (`r-dplyr=1.1.4`), not pip's.
CONDA_FILE_INSTALL = lazy_pattern(
    r"\b(?:conda|mamba|micromamba)[ \t]+(?:install|create)\b[^\n]*--file\b"
)
# What the lines `CONDA_FILE_INSTALL` matches hold, searched with the file list: the doctor
# declares it (fixtures.py), over the files that start programs.
CONDA_FILE_HINT = frozenset({b"--file"})
CONDA_FILE_ARGUMENT = lazy_pattern(r"--file(?:=|[ \t]+)['\"]?([^\s'\";&|]+)")
# A conda match spec pinned with one `=` (and maybe a build string): `numpy=1.26.4=py311_0`.
CONDA_SPEC_PIN = lazy_pattern(
    r"(?m)^[ \t]*([A-Za-z0-9][\w.-]*)[ \t]*=(?!=)[ \t]*([^=\s#]+)(?:=\S*)?"
)
# A line that has pip install a requirements file (`pip install -r requirements.txt`).
PIP_FILE_ARGUMENT = lazy_pattern(r"(?:^|[ \t])(?:-r|--requirement)(?:=|[ \t]+)['\"]?([^\s'\";&|]+)")
# `requirements.txt` and its variants (`requirements-dev.in`, the singular `requirement.txt`).
REQUIREMENTS_NAME = lazy_pattern(
    r"(?i)(?:^|/)(?:[^/]*requirement[^/]*\.(?:txt|in)|requirements/[^/]+\.(?:txt|in)"
    r"|requirements(?:-dev)?\.lock)$"
)
# rye's locks (`rye lock`): complete resolutions in pip's requirements format.
RYE_LOCK = lazy_pattern(r"(?:^|/)requirements(?:-dev)?\.lock$")
LOCK_FILES = frozenset(
    {"uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock", "pixi.lock", "conda-lock.yml"}
)
# PEP 751's standard lock (`uv export -o pylock.toml`, `pip lock`): `pylock.toml`, or
# `pylock.<name>.toml` when it is named.
PYLOCK_NAME = lazy_pattern(r"^pylock\.(?:[^./]+\.)?toml$")
# What MLflow writes, not a person: everything in its stores of runs (mlruns/, the
# tracking server's mlartifacts/), and a logged or saved model's folder, which holds an
# `MLmodel` file beside the conda.yaml, python_env.yaml and requirements.txt it generates.
MLFLOW_STORE = lazy_pattern(r"(?:^|/)(?:mlruns|mlartifacts)/")
MLFLOW_MODEL = "MLmodel"
# The MLflow commands that install a logged model's generated environment (its conda.yaml,
# python_env.yaml or requirements.txt): then those files are what the served model runs on.
MLFLOW_BUILDS_ENVIRONMENT = (
    r"\bmlflow\s+models\s+(?:serve|build-docker|predict|prepare-env|generate-dockerfile)\b"
)


class ParseProblem(NamedTuple):
    """A file the doctor could not parse: where, and what the parser said."""

    path: str
    line: int | None
    message: str


@dataclass
class Repo:
    """A read-only view of the repository at `root`; every parsed view is cached."""

    root: Path
    parse_problems: list[ParseProblem] = field(default_factory=list)
    left_out: tuple[str, ...] = ()
    """The folders a subview leaves out (a monorepo's projects, judged on their own)."""

    @classmethod
    def open(cls: type[AnyRepo], path: Path) -> AnyRepo:
        """Open a folder for reading; RepoReadError when it does not exist or is unreadable."""
        try:
            root = Path(path).resolve(strict=True)
        except (OSError, RuntimeError) as error:
            raise RepoReadError(
                f"cannot read {path}: no such folder", hint="pass the repository's folder"
            ) from error
        if not root.is_dir():
            raise RepoReadError(f"{path} is not a folder", hint="pass the repository's folder")
        if not os.access(root, os.R_OK | os.X_OK):
            raise RepoReadError(f"cannot read {path}: permission denied")
        return cls(root)

    def subview(self: AnyRepo, folder: str, leave_out: Iterable[str] = ()) -> AnyRepo:
        """The view of a subfolder (`""`: the same root) without the `leave_out` folders,
        built from this view's listing and searches: a monorepo's projects cost no second
        git run.

        Paths in the subview are relative to the subfolder; files are read from disk as
        usual, and a search this view did not make runs in the subfolder.
        """
        prefix = folder + "/" if folder else ""
        skipped = tuple(f"{prefix}{other}/" for other in leave_out)
        sub = type(self)(self.root / folder if folder else self.root)

        def inside(paths: Iterable[str]) -> list[str]:
            return [
                rel[len(prefix) :]
                for rel in paths
                if rel.startswith(prefix) and not (skipped and rel.startswith(skipped))
            ]

        known = sub.__dict__
        known["left_out"] = tuple(leave_out)
        for name in self.shared_caches:
            known[name] = getattr(self, name)
        kept = inside(self.listed_sizes)
        known["listed_sizes"] = {rel: self.listed_sizes[prefix + rel] for rel in kept}
        hollow_files = self.hollow_files
        known["hollow_files"] = {
            rel: hollow_files[prefix + rel] for rel in kept if prefix + rel in hollow_files
        }
        known["is_git"] = self.is_git
        if self.is_git:
            known["_untracked"] = inside(self._untracked)
            known["_binary_by_attribute"] = inside(self._binary_by_attribute)
            known["_binary_as_sniffed"] = self._binary_as_sniffed  # the root's attributes
            if sub.grep_searches == self.grep_searches:
                index = self._content_index

                def found_inside(search: Search) -> set[str] | None:
                    found = index.get(search)
                    return None if found is None else set(inside(found))

                known["_content_index"] = ContentIndex(found_inside)
        if sub.imported_modules == self.imported_modules:
            imports = {module: inside(found) for module, found in self.imports.items()}
            known["imports"] = {module: found for module, found in imports.items() if found}
        return sub

    # ---------------------------------------------------------------- the file list

    @cached_property
    def is_git(self) -> bool:
        """True when the file list comes from git."""
        return self._git_sizes is not None

    @cached_property
    def _listing(self) -> _Listing:
        """The git commands a whole-repository view needs: its listing (started ahead by
        `start_listing`, or now), then the searches.

        They run side by side (on 100,000 files, git's untracked-file walk and
        `git grep` each take about a second), while Python goes on with whatever
        does not need them.
        """
        root = self.root
        listed = _STARTED_LISTINGS.pop(root, None) or _listing_commands(root)
        return _Listing(
            **listed._asdict(),
            # Started before the searches, which share the CPUs with it: the detection of
            # the repository's kind asks for the import lines first.
            imports=vcs.grep(
                root,
                _import_pattern(self.imported_modules),
                untracked=False,
                within=("*.py",),
                matches=True,
            )
            if self.imported_modules
            else None,
            # Searches of every file start once the sizes are known (see `_git_sizes`).
            greps=_shared_greps(
                root, {s: w for s, w in self._searches_with_listing.items() if w}, self.line_shapes
            ),
        )

    @cached_property
    def _untracked(self) -> list[str]:
        return split_paths(self._listing.untracked.output() or b"")

    @cached_property
    def _git_sizes(self) -> dict[str, int] | None:
        """Regular files git lists -> size; None when the folder is not in a git work tree.

        An index entry's recorded size is trusted only when git reports the file
        unchanged, the entry carries no flags (conflict stage, skip-worktree,
        assume-unchanged, intent-to-add) and the size is under 100 kB (the index keeps
        sizes modulo 4 GiB); every other file is `lstat`ed, as are the untracked ones.
        Untracked files come first, as in `git ls-files -co`.
        """
        listing = self._listing
        if listing.untracked.output() is None:
            return None  # not in a git work tree, or no git
        tracked = listing.tracked.output() if listing.tracked else None
        changed_output = listing.changed.output() if listing.changed else None
        listing.tracked = listing.changed = None  # 100,000 entries are not kept
        if tracked is None:  # the debug lines did not parse: list plainly, trust no size
            plain = vcs.background(self.root, "ls-files", "-z").output()
            if plain is None:
                return None
            tracked = [(rel, None) for rel in split_paths(plain)]
        unchanged_known = changed_output is not None
        changed_paths = set(split_paths(changed_output or b""))
        sizes: dict[str, int] = {}
        for rel in self._untracked:
            self._add_regular(sizes, rel)
        for rel, size in tracked:
            if rel in sizes:
                continue  # one entry per conflict stage, or listed as untracked too
            if size is not None and unchanged_known and rel not in changed_paths:
                sizes[rel] = size
            else:
                self._add_regular(sizes, rel)
        self._search_everywhere(sizes)
        return sizes

    def _search_everywhere(self, sizes: dict[str, int]) -> None:
        """Start the `git grep` of the searches over every file, leaving out those no
        search reads (in Python either): files over MAX_TEXT_BYTES, which are data, and
        binary ones over SNIFFED_FROM_BYTES, which git would read whole only to find a NUL
        in their first bytes. On a repository of images, data and notebooks they are most
        of the bytes (25 of zenml-projects' 46 MB under 2 MB are 42 images and models)."""
        everywhere = {
            search: () for search, within in self._searches_with_listing.items() if not within
        }
        if not everywhere:
            return
        unread = [
            rel
            for rel, size in sizes.items()
            if size > MAX_TEXT_BYTES or (size > SNIFFED_FROM_BYTES and self._starts_binary(rel))
        ]
        if len(unread) > MAX_EXCLUDED:
            unread = []  # too long a command line: git reads them, and they are dropped after
        excluded = (".", *(f":(exclude,literal){rel}" for rel in unread)) if unread else ()
        self._listing.greps.update(_union_greps(self.root, everywhere, self.line_shapes, excluded))

    def _starts_binary(self, rel: str) -> bool:
        """True when the file's first BINARY_SNIFF_BYTES hold a NUL: binary for `git grep
        -I`, and for `read_bytes` unless a UTF-16 byte order mark starts it (only the start
        is read)."""
        try:
            with open(os.path.join(self.root, rel), "rb") as handle:
                return b"\0" in handle.read(BINARY_SNIFF_BYTES)
        except OSError:
            return False

    def _add_regular(self, sizes: dict[str, int], rel: str) -> None:
        """Record `rel`'s size when it is a regular file (not a link, folder or missing)."""
        try:
            info = os.lstat(os.path.join(self.root, rel))  # str joins: pathlib is slow here
        except OSError:
            return  # tracked but deleted from the work tree
        if stat.S_ISREG(info.st_mode):
            sizes[rel] = info.st_size

    @cached_property
    def listed_sizes(self) -> dict[str, int]:
        """Every regular file (symlinks and submodules excluded) -> its size in bytes.

        Keys are POSIX paths relative to the root, in listing order.
        """
        if self._git_sizes is not None:
            return self._git_sizes
        return dict(walk(self.root))

    @cached_property
    def hollow_files(self) -> dict[str, str]:
        """Listed files that hold nothing -> what they hold (`hollow.EMPTY`, "holds only
        comments"...): a placeholder is no evidence of any practice, so no reader sees
        it (`sizes`), but a message may name it (`.github/workflows/ci.yml is empty`).
        The small files read to tell are kept (`text`): most hold something, and the
        readers of their kind read them again."""
        return {
            rel: why
            for rel, size in self.listed_sizes.items()
            if size <= HOLLOW_READ_BYTES
            and (why := hollow(rel, size, partial(self.text, rel))) is not None
        }

    @cached_property
    def content_sizes(self) -> dict[str, int]:
        """Every listed file that holds something -> its size (`hollow_files` left out)."""
        hollow_files = self.hollow_files
        if not hollow_files:
            return self.listed_sizes
        return {rel: size for rel, size in self.listed_sizes.items() if rel not in hollow_files}

    @cached_property
    def sizes(self) -> dict[str, int]:
        """The files a view reads -> size: every listed file that holds something
        (`content_sizes`; a subclass may leave more out)."""
        return self.content_sizes

    @cached_property
    def files(self) -> tuple[str, ...]:
        """Every regular file of the repository, as POSIX paths relative to its root."""
        return tuple(self.sizes)

    @cached_property
    def file_set(self) -> frozenset[str]:
        """The same files as a set, for membership tests."""
        return frozenset(self.files)

    # ---------------------------------------------------------------- reading files

    def _read_bytes(self, rel: str, path: str) -> bytes | None:
        listed = self.__dict__.get("listed_sizes", {})
        try:
            if rel in listed:  # already known to be a regular file: no second stat
                size = listed[rel]
            else:
                info = os.lstat(path)
                size = info.st_size if stat.S_ISREG(info.st_mode) else MAX_TEXT_BYTES + 1
            if size > MAX_TEXT_BYTES:
                return None
            # os.open, not open(): the io objects around a file cost more than reading a
            # small one (the doctor reads 600 files of zenml-projects).
            descriptor = os.open(path, os.O_RDONLY)
            try:
                # The size known, and a byte more to see a file grown since: a read of
                # MAX_TEXT_BYTES + 1 makes a 2 MB buffer for each file, three times the
                # cost of reading a small one.
                data = _read_up_to(descriptor, size + 1)
                if len(data) > size:  # grown: read on to the limit, as for any file
                    data += _read_up_to(descriptor, MAX_TEXT_BYTES + 1 - len(data))
                return data
            finally:
                os.close(descriptor)
        except OSError:
            return None

    def read_bytes(self, rel: str) -> bytes | None:
        """The content of a small regular text file, as UTF-8 (see `_bytes_at`); None when
        huge, binary or unreadable.

        Each file is read once: a check that searches the bytes and one that reads the
        text share the read (an ASCII file's bytes are its text's, encoded again)."""
        path = os.path.join(self.root, rel)
        cached = self._blobs.get(path, _MISSING)
        if cached is _MISSING:
            text = self._texts.get(path, _MISSING)
            if text is None or (isinstance(text, str) and text.isascii()):
                return None if text is None else text.encode("ascii")
            cached = self._bytes_at(rel, path)
            self._blobs[path] = cached
        return cached  # type: ignore[return-value]

    def _bytes_at(self, rel: str, path: str) -> bytes | None:
        """The content of `rel` (at absolute `path`) as UTF-8 bytes; None when binary.

        The one place text is decoded: a file that starts with a byte order mark is
        read in its codec, the mark left out, as pip reads a requirements file (UTF-16's
        NUL bytes do not make it binary); any other file is its bytes as read from disk."""
        data = self._read_bytes(rel, path)
        if data is None:
            return None
        for bom, codec in TEXT_BOMS:
            if data.startswith(bom):
                data = data[len(bom) :].decode(codec, "replace").encode("utf-8")
                break
        return None if b"\0" in data[:BINARY_SNIFF_BYTES] else data

    def text(self, rel: str) -> str | None:
        """The file decoded (UTF-8 unless a byte order mark says otherwise, see `_bytes_at`;
        invalid bytes replaced); None when it cannot be read."""
        path = os.path.join(self.root, rel)
        cached = self._texts.get(path, _MISSING)
        if cached is _MISSING:
            if path not in self._blobs:
                self._blobs[path] = self._bytes_at(rel, path)
            data = self._blobs[path]
            cached = None if data is None else data.decode("utf-8", "replace")
            self._texts[path] = cached
            if cached is None or cached.isascii():  # the text says all: bytes not kept twice
                del self._blobs[path]
        return cached  # type: ignore[return-value]

    @cached_property
    def _texts(self) -> dict[str, str | None]:
        """Absolute path -> text: a subview shares it, so no file is decoded twice."""
        return {}

    @cached_property
    def _blobs(self) -> dict[str, bytes | None]:
        """Absolute path -> bytes (None: huge, binary or unreadable) of the files read for
        their bytes, or whose text is not ASCII; shared like `_texts`."""
        return {}

    # Caches keyed by absolute path that a subview shares with the view it came from.
    shared_caches: ClassVar[tuple[str, ...]] = (
        "_texts",
        "_blobs",
        "_documents",
        "_grepped_lines",
        "_large_notebooks",
        "_searched",
    )

    def _problem(self, rel: str, line: int | None, message: str) -> None:
        self.parse_problems.append(ParseProblem(rel, line, message))

    def note_problem(self, rel: str, line: int | None, message: str) -> None:
        """Record a file whose content cannot be used (reported like a parse error)."""
        self._problem(rel, line, message)

    def load_yaml(self, rel: str) -> Any:
        """A YAML file parsed (None when unreadable; a syntax error is a parse problem)."""
        return self._parsed(rel, _yaml_document)

    def load_toml(self, rel: str) -> dict[str, Any] | None:
        """A TOML file parsed (None when unreadable; a syntax error is a parse problem)."""
        document: dict[str, Any] | None = self._parsed(rel, _toml_document)
        return document

    def load_json(self, rel: str) -> Any:
        """A JSON file parsed (None when unreadable; a syntax error is a parse problem)."""
        return self._parsed(rel, _json_document)

    def _parsed(self, rel: str, parse: Parse) -> Any:
        """`rel` parsed once for every view sharing the cache (a monorepo's projects and
        the root see the same files); its problem, if any, is noted in this view. The
        documents are shared: nobody changes them."""
        key = (parse, os.path.join(self.root, rel))
        if key not in self._documents:
            text = self.text(rel)
            self._documents[key] = parse(text) if text is not None else (None, None)
        document, problem = self._documents[key]
        if problem is not None:
            self._problem(rel, *problem)
        return document

    @cached_property
    def _documents(self) -> dict[tuple[Parse, str], Parsed]:
        """(parser, absolute path) -> (document, problem): shared like `_texts`."""
        return {}

    def files_containing(self, literals: Iterable[bytes]) -> list[str]:
        """Files that contain one of `literals` (a fast first pass), in listing order.

        Every small text file that contains a literal is listed; callers read the
        candidates to confirm. In a git work tree this is `git grep` (C, multi-threaded)
        over the tracked files, started with the file list when the literals are one of
        `grep_searches`, and Python over the few files git does not search; elsewhere
        Python reads every small text file.
        """
        return self._files_found(frozenset(literals))

    def files_matching(self, pattern: str) -> list[str]:
        """Files with a line matching `pattern`, in listing order, found like
        `files_containing`'s. The pattern is Perl-compatible and Python-compatible (git
        runs it with PCRE), and matches within one line."""
        return self._files_found(pattern)

    def lines_containing(self, literals: Iterable[bytes]) -> dict[str, list[tuple[int, bytes]]]:
        """Each small text file holding one of `literals` -> its lines holding one (1-based
        number, the line's bytes without its end), files in listing order.

        The files `files_containing` finds; the search of every file in a git work tree
        prints the lines it finds, so those files are not read (a file with a secret's
        marker is often a megabyte of notebook or data); their first bytes are, when an
        attributes file could make git read a binary file as text. Other files are read.
        """
        search = frozenset(literals)
        group = (False, self.grep_searches.get(search, ()))
        # git searched for this group alone, or with others whose lines are told apart
        alone = _grep_groups(self.grep_searches).get(group) == [search]
        holding = self._files_found(search)  # first: it keeps the lines git printed
        printed = self._grepped_lines.get(group, {}) if search in self.grep_searches else {}
        found = {}
        for rel in holding:
            grepped = printed.get(os.path.join(self.root, rel))
            if grepped is None:
                data = self.read_bytes(rel)
                lines = lines_holding(data, search) if data is not None else []
            elif self._is_small_text(rel):
                lines = grepped if alone else [line for line in grepped if _holds(line, search)]
            else:  # text to git by an attribute: binary to `read_bytes`, or UTF-16
                data = self.read_bytes(rel)
                lines = lines_holding(data, search) if data is not None else []
            if lines:
                found[rel] = lines
        return found

    def _is_small_text(self, rel: str) -> bool:
        """True when `read_bytes` would give the content of a file `git grep -I` searched
        (not huge; not binary, which it is only if an attribute made git read it)."""
        if self.sizes.get(rel, MAX_TEXT_BYTES + 1) > MAX_TEXT_BYTES:
            return False
        return self._binary_as_sniffed or not self._starts_binary(rel)

    @cached_property
    def _binary_as_sniffed(self) -> bool:
        """True when git calls a file binary exactly when `read_bytes` does (a NUL in its
        first 8000 bytes): no attributes file could say otherwise (`binary`, `diff`,
        `-diff`, a diff driver)."""
        return not self._attributes_may_mark_binary(DIFF_ATTRIBUTE)

    @cached_property
    def _grepped_lines(self) -> dict[GrepGroup, dict[str, list[tuple[int, bytes]]]]:
        """Group of literals -> absolute path -> the lines its `git grep -n` printed for
        the file; shared like `_texts`."""
        return {}

    def _files_found(self, search: Search) -> list[str]:
        found = self._content_index.get(search)
        if found is None and self.is_git:
            prefilter = _prefilter([search])
            listed = vcs.grep(self.root, search, untracked=True, prefilter=prefilter).output()
            if listed is not None:
                found = {
                    *split_paths(listed),
                    *self._search_in_python(search, self._binary_by_attribute),
                }
        if found is None:
            found = self._search_in_python(search, self._read_files(search))
        return [rel for rel in self.files if rel in found]

    def _read_files(self, search: Search) -> Iterable[str]:
        """The files whose search in Python can change what a check reads: those the
        pathspecs of a search declared `only_within` name (outside git, the secrets'
        shell assignments are not looked for through megabytes of notebooks and data
        for a check that reads Markdown: 0.6 s of zenml-projects' 2.4), every file
        otherwise."""
        within = self.grep_searches.get(search, ())
        named = _pathspec_test(within) if search in self.only_within_searches else None
        return self.files if named is None else list(filter(named, self.files))

    @property
    def grep_searches(self) -> dict[Search, tuple[str, ...]]:
        """What `files_containing` and `files_matching` are asked for (a group of literals
        or a pattern) -> the git pathspecs each is searched in (empty: everywhere). Each
        is one `git grep` started with the file list."""
        return {}

    @property
    def on_demand_searches(self) -> Collection[Search]:
        """The `grep_searches` whose `git grep` starts when first asked for, not with the
        file list (see `content_hints`): a group of them searched in the same files is
        one `git grep`, like the others'."""
        return ()

    @cached_property
    def _searches_with_listing(self) -> dict[Search, tuple[str, ...]]:
        """The `grep_searches` searched with the file list: all but the groups searched in
        some files only (see `_grep_groups`) whose every search is on demand."""
        on_demand = self.on_demand_searches
        started: dict[Search, tuple[str, ...]] = {}
        for (_, within), group in _grep_groups(self.grep_searches).items():
            if within and all(search in on_demand for search in group):
                continue  # searched when first asked for
            started.update((search, within) for search in group)
        return started

    def _start_on_demand(self, group: GrepGroup) -> _GrepAnswer | None:
        """Start the `git grep` of a group of on-demand searches, one of which is asked for;
        None when the group's searches start with the file list (their grep failed)."""
        patterns, within = group
        searches = {
            search: where
            for search, where in self.grep_searches.items()
            if where == within and isinstance(search, str) == patterns
        }
        if not within or any(search not in self.on_demand_searches for search in searches):
            return None
        started = _union_greps(self.root, searches, self.line_shapes)
        self._listing.greps.update(started)
        return started[group]

    @property
    def only_within_searches(self) -> Collection[Search]:
        """The `grep_searches` whose every reader keeps only the files their pathspecs
        name (see `content_hints.line_hint`): Python need not search the others."""
        return ()

    @property
    def line_shapes(self) -> Mapping[frozenset[bytes], tuple[str, ...]]:
        """Groups of literals searched in every file -> the Perl patterns one of which every
        line that matters matches (see `content_hints`): git prints only those lines, so
        `lines_containing` gives those, and the lines Python finds in files git does not
        search."""
        return {}

    # Modules whose importers `imports` lists (found by one `git grep` pass).
    imported_modules: ClassVar[tuple[str, ...]] = ()

    @cached_property
    def _content_index(self) -> ContentIndex:
        """Each of `grep_searches` whose `git grep` ran -> the files it found, waiting
        only for the `git grep` of the search asked for."""
        if not self.is_git:
            return ContentIndex(lambda search: None)
        groups = _grep_groups(self.grep_searches)
        index: dict[Search, set[str]] = {}
        grepped: dict[GrepGroup, list[str]] = {}

        def found(search: Search) -> set[str] | None:
            if search not in index:
                key = (isinstance(search, str), self.grep_searches.get(search, ()))
                command = None
                if search in self.grep_searches:
                    command = self._listing.greps.get(key) or self._start_on_demand(key)
                listed = command.output() if command is not None else None
                if listed is None:  # not declared, or a git built without PCRE
                    return None
                if key not in grepped:
                    grepped[key] = self._grepped(key, listed)
                group = groups[key]
                if len(group) > 1 and not isinstance(search, str):
                    # Told apart when asked for: a check that does not apply never asks.
                    index[search] = self._literals_apart(search, key, grepped[key])
                else:
                    index.update(self._tell_apart(group, key[1], grepped[key]))
            return index.get(search)

        return ContentIndex(found)

    def _grepped(self, group: GrepGroup, output: bytes) -> list[str]:
        """The files a `git grep` of `group` found, in its order; the lines it printed,
        when it printed them, are kept in `_grepped_lines`."""
        if not _prints_lines(group):
            return split_paths(output)
        printed = self._grepped_lines.setdefault(group, {})
        found: dict[str, None] = {}
        for rel, number, line in grep_lines(output):
            printed.setdefault(os.path.join(self.root, rel), []).append((number, line))
            found[rel] = None
        return list(found)

    def _literals_apart(
        self, search: frozenset[bytes], group: GrepGroup, found: list[str]
    ) -> set[str]:
        """The files holding one of `search`'s literals, among those a `git grep` of its
        group `found` and those git does not search. When git printed the lines it found,
        they tell (a literal holds no line feed): the files, often megabytes of notebooks
        and data, are not read for it."""
        printed = self._grepped_lines.get(group)
        if printed is None:
            return self._search_in_python(search, [*found, *self._not_grepped])
        held = {
            rel
            for rel in found
            if any(_holds(line, search) for line in printed[os.path.join(self.root, rel)])
            and self._is_small_text(rel)  # what `read_bytes` would give
        }
        return held | self._search_in_python(search, self._not_grepped)

    def _tell_apart(
        self, searches: list[Search], within: tuple[str, ...], found: list[str]
    ) -> dict[Search, set[str]]:
        """Each of the searches one `git grep` ran together -> the files it finds among
        those git `found`, plus the files git does not search."""
        if len(searches) > 1 and isinstance(searches[0], str) and len(found) > UNION_MAX_FILES:
            # Too many files for Python's `re` to tell patterns apart: one `git grep` each.
            greps = {
                s: vcs.grep(self.root, s, untracked=False, within=within, prefilter=_prefilter([s]))
                for s in searches
            }
            outputs = {search: command.output() for search, command in greps.items()}
            return {
                search: {*split_paths(out), *self._search_in_python(search, self._not_grepped)}
                for search, out in outputs.items()
                if out is not None
            }
        if len(searches) == 1:
            search = searches[0]
            return {search: {*found, *self._search_in_python(search, self._not_grepped)}}
        return {
            search: {
                *self._search_in_python(search, found, by_line=True),
                *self._search_in_python(search, self._not_grepped),
            }
            for search in searches
        }

    @cached_property
    def _not_grepped(self) -> list[str]:
        """The files a `git grep` over tracked text files does not search."""
        return [*self._untracked, *self._binary_by_attribute]

    @cached_property
    def _binary_by_attribute(self) -> list[str]:
        """Files `git grep -I` skips because an attribute calls them binary (`binary`,
        `-diff`, a diff driver), though they may be text.

        `git check-attr` is asked only when an attributes file could say so: a
        `.gitattributes` that mentions diff or binary, `info/attributes` in the git
        folder, or a global attributes file.
        """
        if not self._attributes_may_mark_binary():
            return []
        paths = b"\0".join(os.fsencode(rel) for rel in self.files)
        output = vcs.check_attr_diff(self.root, paths)
        if output is None:
            return list(self.files)  # unknown: search everything in Python
        fields = decode(output).split("\0")
        return [
            rel
            for rel, value in zip(fields[0::3], fields[2::3], strict=False)
            if value not in ("unspecified", "set")
        ]

    def _attributes_may_mark_binary(self, attribute: re.Pattern[str] = BINARY_ATTRIBUTE) -> bool:
        in_tree = [rel for rel in self.files if rel.rsplit("/", 1)[-1] == ".gitattributes"]
        if any(attribute.search(self.text(rel) or "") for rel in in_tree):
            return True
        elsewhere = [
            line
            for command in (self._listing.attributes, self._listing.global_attributes)
            for line in (command.output() or b"").splitlines()
        ]
        home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        candidates = [*map(os.fsdecode, elsewhere), str(home / "git" / "attributes")]
        return any(os.path.isfile(os.path.join(self.root, path)) for path in candidates)

    def _search_in_python(
        self, search: Search, paths: Iterable[str], by_line: bool = False
    ) -> set[str]:
        """The files among `paths` holding one of the literals, or a line matching the
        pattern (see `_python_test`). Each file is searched once for every view sharing
        the cache: outside git, a monorepo's root and each of its projects search the
        same files for the same declared searches."""
        known = self._searched.setdefault((search, by_line), {})
        holds = self._python_test(search, by_line)
        folder = os.path.join(self.root, "")  # a path is `folder + rel`, as os.path.join makes it
        found = set()
        for rel in paths:
            held = known.get(folder + rel)
            if held is None:
                held = known[folder + rel] = holds(rel)
            if held:
                found.add(rel)
        return found

    def _python_test(self, search: Search, by_line: bool) -> Callable[[str], bool]:
        """A test of whether a file (its path relative to the root) holds one of the
        literals, or a line matching the pattern. A file without the literal every match
        of the pattern holds is not searched; `by_line` (a file `git grep` found, which
        it searched line by line) tries the pattern only on the lines holding that
        literal, as git does (a megabyte of JSON holding it once is not scanned to its
        end)."""
        text = self.text
        if isinstance(search, str):
            pattern = _compiled_line_pattern(search)
            literal = required_literal(search)
            if literal is None:  # tried where one of its leading literals is, if it has some
                return lambda rel: matches_anywhere(pattern, text(rel) or "")
            search_in = _lines_holding_match if by_line else _text_holding_match
            return lambda rel: search_in(pattern, text(rel) or "", literal)
        holds, read_bytes = _literal_test(search), self.read_bytes
        return lambda rel: (data := read_bytes(rel)) is not None and holds(data)

    @cached_property
    def _searched(self) -> dict[tuple[Search, bool], dict[str, bool]]:
        """(search, by line) -> absolute path -> whether the file holds it, as Python
        found; shared like `_texts`."""
        return {}

    # ---------------------------------------------------------------- selections

    def matching(self, pattern: re.Pattern[str], hint: str = "") -> list[str]:
        """Files whose relative path matches `pattern` (searched, not anchored).

        `hint` is a lower-case ASCII piece of every match: testing it first is cheaper.
        """
        paths = [rel for lower, rel in self._lower_paths if hint in lower] if hint else self.files
        return list(filter(pattern.search, paths))

    @cached_property
    def _lower_paths(self) -> list[tuple[str, str]]:
        """Each file's path in lower case, with the path: the hints of `matching`'s 200-odd
        calls test these, not a path lowered again for each."""
        return [(rel.lower(), rel) for rel in self.files]

    @cached_property
    def python_files(self) -> list[str]:
        """Every `.py` file but Jupyter's autosaved copies (`.ipynb_checkpoints/`): no
        program imports them and no test runner collects them."""
        return [
            rel for rel in self.files if rel.endswith(".py") and ".ipynb_checkpoints/" not in rel
        ]

    @cached_property
    def test_files(self) -> list[str]:
        """Python test modules: `test_*.py`, `*_test.py`, `conftest.py`, anything under tests/."""
        return [rel for rel in self.python_files if is_test_path(rel)]

    @cached_property
    def source_files(self) -> list[str]:
        """Python files that are not tests."""
        return [rel for rel in self.python_files if not is_test_path(rel)]

    @cached_property
    def imports(self) -> dict[str, list[str]]:
        """Each of `imported_modules` the code imports -> the source files (not tests) doing so.

        In a git work tree the import lines come from one `git grep -o` pass and no file
        is read but the few git does not search (untracked ones).
        """
        wanted = set(self.imported_modules)
        by_git = self._imports_by_git()
        found: dict[str, list[str]] = {}
        for rel in self.source_files:
            if by_git is None or rel in by_git.read:
                modules = imported_in("\n" + (self.text(rel) or ""))
            elif self.sizes[rel] > MAX_TEXT_BYTES:
                continue  # too large to read: not source code
            else:
                modules = by_git.lines.get(rel, set())
            for module in modules & wanted:
                found.setdefault(module, []).append(rel)
        return found

    def _imports_by_git(self) -> _GrepImports | None:
        """The modules git's import lines name, per file, and the files to read instead;
        None: read every source file (no git, or a git built without PCRE)."""
        if not self.imported_modules or not self.is_git:
            return None
        listed = self._listing.imports.output() if self._listing.imports else None
        if listed is None:
            return None
        lines: dict[str, set[str]] = {}
        for rel, match in grep_matches(listed):
            lines.setdefault(rel, set()).update(imported_in("\n" + match))
        return _GrepImports(lines, frozenset(self._not_grepped))

    # ---------------------------------------------------------------- parsed fixtures

    @cached_property
    def pyproject(self) -> dict[str, Any]:
        """The root pyproject.toml as a dict ({} when absent or malformed)."""
        text = self.text("pyproject.toml") if "pyproject.toml" in self.file_set else None
        if text is None:
            return {}
        document = self.load_toml("pyproject.toml")
        if document is None:
            return {}
        kept, problems = well_typed(document)
        for message in problems:
            self._problem("pyproject.toml", _key_line(text, message), message)
        return kept

    @cached_property
    def workflows(self) -> dict[str, dict[Any, Any]]:
        """GitHub Actions workflows: path -> parsed mapping (malformed ones left out; YAML 1.1
        reads a bare `on:` key as True). A mapping with no `jobs:` is no workflow (an MkDocs
        configuration kept in the folder): GitHub reports it as invalid, and so does this."""
        parsed = {}
        for rel in self.matching(re.compile(r"^\.github/workflows/[^/]+\.ya?ml$")):
            data = self.load_yaml(rel)
            if isinstance(data, dict) and "jobs" not in data:
                self._problem(rel, None, "no `jobs:`: GitHub cannot run it as a workflow")
            elif isinstance(data, dict):
                parsed[rel] = data
        return parsed

    @cached_property
    def action_files(self) -> list[str]:
        """GitHub workflow and composite-action files, whose `uses:` lines can be checked."""
        pattern = re.compile(r"(?s)^(?:\.github/workflows/[^/]+\.ya?ml|(?:.*/)?action\.ya?ml)$")
        return self.matching(pattern)

    @cached_property
    def ci_files(self) -> list[str]:
        """Every CI configuration: GitHub Actions, GitLab, CircleCI, Azure, Jenkins, and more.

        A file with a CI name that is not text (NUL bytes, huge) is a parse problem, not CI.
        """
        found = []
        for rel in self.matching(CI_FILE):
            if self.read_bytes(rel) is None:
                self._problem(rel, None, "not a text file (binary or over 2 MB): not read as CI")
            else:
                found.append(rel)
        found += [rel for rel in self._azure_pipelines_by_content if rel not in found]
        found += [rel for rel in self._codebuild_specs if rel not in found]
        found += [rel for rel in self._triggered_cloud_builds if rel not in found]
        return found + [rel for rel in self._cdk_pipelines if rel not in found]

    @cached_property
    def _codebuild_specs(self) -> list[str]:
        """AWS CodeBuild buildspecs (`*buildspec*.yml`, wherever CodePipeline or a
        SageMaker project keeps them), when the repository declares what runs them: a
        CodeBuild project or a CodePipeline in Terraform, CloudFormation or the CDK. A
        buildspec alone is a recipe a build started by hand, or by a project kept outside
        the repository (a SageMaker project's), may run, or not. Not a fixture's, nor a
        notebook checkpoint's copy."""
        specs = [
            rel
            for rel in self.matching(CODEBUILD_SPEC, hint="buildspec")
            if not _fixture_or_copy(rel)
        ]
        if not specs:
            return []
        return specs if self.files_containing(CODEBUILD_DECLARATIONS) or self._cdk_pipelines else []

    @cached_property
    def _triggered_cloud_builds(self) -> list[str]:
        """Cloud Build configurations (`cloudbuild*.yaml`, `cloudbuild/*.yaml`) when the
        repository declares the trigger that starts them on a change (Terraform's
        `google_cloudbuild_trigger`, a script's `gcloud builds triggers create`, not a
        README's or a guide's); without one (a trigger made by hand in the console, or
        as a document tells its reader to), a config is a recipe someone submits
        (`gcloud builds submit`) or a trigger kept outside the repository runs, or not."""
        configs = [
            rel
            for rel in self.matching(CLOUD_BUILD_CONFIG, hint="cloudbuild")
            if not _fixture_or_copy(rel)
        ]
        declared = [
            rel
            for rel in self.files_matching(CLOUD_BUILD_TRIGGER_LINE)
            if not rel.lower().endswith(DOCUMENT_SUFFIXES)
        ]  # a guide's "Bonus: set up a trigger" is a step the reader may take, or not
        return configs if configs and declared else []

    @cached_property
    def _cdk_pipelines(self) -> list[str]:
        """AWS CDK app sources that construct a CodePipeline or a CodeBuild project
        (`pipelines.CodePipeline(...)`, `new codebuild.PipelineProject(...)`): the
        pipeline the app deploys builds every change of the repository it watches, with
        the commands its steps list. Not a test's, nor a synthesized copy (`cdk.out/`)."""
        return [
            rel
            for rel in self.files_matching(CDK_PIPELINE_LINE)
            if rel.endswith(CDK_SOURCES)
            and not is_test_path(rel)
            and not _fixture_or_copy(rel)
            and "cdk.out/" not in rel
            and "node_modules/" not in rel
            and CDK_LIBRARY.search(self.text(rel) or "")
        ]

    @cached_property
    def _azure_pipelines_by_content(self) -> list[str]:
        """YAML files, wherever they are, that hold an Azure Pipelines definition (see
        `is_azure_pipeline`): Azure DevOps registers a pipeline from a YAML file at any
        path (`.ci/publish.yaml`, `pipelines/train.yml`). Only files with a step line
        (`- task: Name@2`, `- script:`) are parsed, quietly: a YAML file that does not
        parse is not CI, and not a problem of CI's. A definition under a test suite's or
        its fixtures' folder (`tests/`, `fixtures/`) is a fixture some test reads, not a
        pipeline Azure DevOps runs (a `test/` folder may be an environment's)."""
        candidates = self.files_matching(AZURE_STEP_LINE)
        return [
            rel
            for rel in candidates
            if rel.endswith((".yml", ".yaml"))
            and not FIXTURE_FOLDERS.intersection(rel.split("/")[:-1])
            and is_azure_pipeline(self._yaml_quietly(rel))
        ]

    def _yaml_quietly(self, rel: str) -> Any:
        """A YAML file parsed, shared with `load_yaml`; a syntax error is not noted."""
        key = (_yaml_document, os.path.join(self.root, rel))
        if key not in self._documents:
            text = self.text(rel)
            self._documents[key] = _yaml_document(text) if text is not None else (None, None)
        return self._documents[key][0]

    @cached_property
    def dependabot(self) -> dict[str, Any]:
        """`.github/dependabot.yml` parsed ({} when absent or malformed)."""
        for rel in (".github/dependabot.yml", ".github/dependabot.yaml"):
            if rel in self.file_set:
                data = self.load_yaml(rel)
                return data if isinstance(data, dict) else {}
        return {}

    @cached_property
    def renovate_files(self) -> list[str]:
        """Renovate configuration files, in any of the places Renovate reads them from."""
        return self.matching(RENOVATE_FILE)

    @cached_property
    def dvc_yaml(self) -> dict[str, Any]:
        """The root `dvc.yaml` parsed ({} when absent or malformed)."""
        if "dvc.yaml" not in self.file_set:
            return {}
        data = self.load_yaml("dvc.yaml")
        return data if isinstance(data, dict) else {}

    def git_ignores(self, rel: str) -> bool:
        """Whether the .gitignore files of the view (its root's and those of the folders on
        the way to `rel`) exclude a path, or a folder above it, as git would."""
        parts = rel.split("/")
        specs = []
        for depth in range(len(parts)):
            folder = "/".join(parts[:depth])
            ignore_file = f"{folder}/.gitignore" if folder else ".gitignore"
            if ignore_file in self.file_set:
                lines = (self.text(ignore_file) or "").splitlines()
                specs.append((f"{folder}/" if folder else "", ignore_spec(lines)))
        return ignored_path(rel, specs)

    @cached_property
    def dvc_config_path(self) -> str | None:
        """Where DVC keeps its configuration: `.dvc/config`, or when DVC was initialised in
        a folder and not at the root (`dvc init --subdir`: `modeling/.dvc/config`), the
        outermost such folder's; None when DVC is not initialised."""
        if ".dvc/config" in self.file_set:
            return ".dvc/config"
        nested = [rel for rel in self.files if rel.endswith("/.dvc/config")]
        return min(nested, key=lambda rel: (rel.count("/"), rel)) if nested else None

    @cached_property
    def dvc_config(self) -> configparser.ConfigParser | None:
        """`dvc_config_path` (INI) parsed; None when DVC is not initialised or it is
        malformed."""
        rel = self.dvc_config_path
        text = self.text(rel) if rel else None
        if rel is None or text is None:
            return None
        import configparser  # imported here: most repositories have no DVC config

        config = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            config.read_string(text)
        except configparser.Error as error:
            line = getattr(error, "lineno", None)
            self._problem(rel, line, f"invalid INI: {error.message}")
            return None
        return config

    @cached_property
    def requirements(self) -> list[Requirement]:
        """Every requirement line of every requirements file (`*requirements*.txt/.in`).

        Lines that are not PEP 508 requirements are a parse problem; so is a file where
        most lines are not, whose requirements are all left out.
        """
        found: list[Requirement] = []
        for rel in self.requirement_files:
            text = self.text(rel) or ""
            conda = rel in self.conda_spec_files
            if conda:  # `r-dplyr=1.1.4`: read as `r-dplyr==1.1.4`
                text = CONDA_SPEC_PIN.sub(r"\1==\2", text)
            parsed = list(parse_requirements(rel, text))
            junk = [r for r in parsed if not r.valid]
            if junk and not conda:  # conda's names may be no pip's (`_libgcc_mutex`)
                more = f" ({len(junk) - 1} more such lines)" if len(junk) > 1 else ""
                message = f"`{junk[0].text[:40]}` is not a requirement (PEP 508){more}"
                self._problem(rel, junk[0].line, message)
            if 2 * len(junk) <= len(parsed):  # mostly junk: not a requirements file at all
                found.extend(r for r in parsed if r.valid)
        return found

    @cached_property
    def requirement_files(self) -> list[str]:
        """Paths of the requirements files, leaving out those MLflow writes beside a model
        it logs (a record of the run's environment) unless MLflow installs them, and conda's
        explicit specs saved under a requirements name (`@EXPLICIT`, one package URL a line:
        conda's lock, `conda_explicit_specs`). Conda's exports (`conda list --export`) stay:
        `conda_spec_files` reads their `name=1.2=build` lines as conda's pins."""
        return [
            rel
            for rel in self.matching(REQUIREMENTS_NAME, hint="rement")
            if self.declares_dependencies(rel)
            and not CONDA_EXPLICIT.search((self.text(rel) or "")[:CONDA_EXPORT_HEAD])
        ]

    @cached_property
    def conda_spec_files(self) -> frozenset[str]:
        """The requirements files only conda installs: conda's exports (`# $ conda create
        --name <env> --file <this file>` at their head), and those named by `conda install
        --file X` (mamba's, micromamba's, `create` too) in any file, from its folder or the
        root; by no pip `-r X`. Their lines are conda's match specs (`r-dplyr=1.1.4`,
        `numpy=1.16.4=py36h7e9f1db_0`, read as pins) and their format has no hashes (a
        figure's `run.sh` of a paper's code)."""
        conda = {  # `conda list --export > requirements.txt`: its header says so
            rel
            for rel in self.requirement_files
            if CONDA_EXPORT.search((self.text(rel) or "")[:CONDA_EXPORT_HEAD])
        }
        pip: set[str] = set()
        for rel in self.files_containing(CONDA_FILE_HINT):
            folder = rel.rpartition("/")[0]
            for line in (self.text(rel) or "").splitlines():
                if CONDA_FILE_INSTALL.search(line):
                    conda |= self._named_files(folder, CONDA_FILE_ARGUMENT.findall(line))
        if not conda:
            return frozenset()
        for rel in self.files_matching(r"-r|--requirement"):
            folder = rel.rpartition("/")[0]
            for line in (self.text(rel) or "").splitlines():
                pip |= self._named_files(folder, PIP_FILE_ARGUMENT.findall(line))
        return frozenset(conda - pip)

    def _named_files(self, folder: str, names: Iterable[str]) -> set[str]:
        """The repository's files that `names`, written in a file of `folder`, can mean:
        from that folder, or from the root."""
        candidates = {
            posixpath.normpath(path)
            for name in names
            for path in (f"{folder}/{name}" if folder else name, name)
        }
        return candidates & self.file_set

    def declares_dependencies(self, rel: str) -> bool:
        """Whether a dependency file is the project's to keep: not one MLflow generated for a
        model it logged, unless the repository has MLflow build that model's environment
        (`mlflow models serve`, `build-docker`...), which installs what the file names."""
        return not self.written_by_mlflow(rel.rpartition("/")[0]) or self.mlflow_builds_environments

    @cached_property
    def mlflow_builds_environments(self) -> bool:
        """Whether a file runs an MLflow command that installs a logged model's environment."""
        return bool(self.files_matching(MLFLOW_BUILDS_ENVIRONMENT))

    @cached_property
    def mlflow_models(self) -> frozenset[str]:
        """The folders of models MLflow logged or saved (an `MLmodel` file in them)."""
        return frozenset(
            rel.rpartition("/")[0] for rel in self.files if rel.rpartition("/")[2] == MLFLOW_MODEL
        )

    def written_by_mlflow(self, folder: str) -> bool:
        """Whether a folder's files are MLflow's: in its stores of runs (mlruns/,
        mlartifacts/) or in the folder of a model it logged or saved, or below them."""
        return bool(folder) and (
            bool(MLFLOW_STORE.search(folder + "/"))
            or any(
                folder == model or folder.startswith(model + "/") for model in self.mlflow_models
            )
        )

    @cached_property
    def lock_files(self) -> list[str]:
        """Lock files of uv, poetry, pdm, pipenv, pixi and conda-lock, and PEP 751's."""
        return [
            rel
            for rel in self.files
            if (name := rel.rsplit("/", 1)[-1]) in LOCK_FILES
            or rel.endswith(".conda-lock.yml")
            or PYLOCK_NAME.match(name)
        ]

    @cached_property
    def dockerfiles(self) -> list[Dockerfile]:
        """Every Dockerfile / Containerfile (`Dockerfile`, `*.Dockerfile`, `Dockerfile.*`)."""
        found = []
        for rel in self.files:
            name = rel.rsplit("/", 1)[-1]
            if DOCKERFILE_NAME.match(name) and not rel.endswith(".dockerignore"):
                found.append(Dockerfile(rel, tuple(parse_dockerfile(self.text(rel) or ""))))
        return found

    @cached_property
    def notebooks(self) -> dict[str, dict[str, Any]]:
        """Jupyter notebooks: path -> parsed JSON (malformed ones left out). A notebook
        over MAX_TEXT_BYTES is code too, its weight a run's plots: its cells are kept,
        their outputs measured (`notebook_outputs`) and let go."""
        parsed = {}
        for rel in self.files:
            if not rel.endswith(".ipynb"):
                continue
            if self.sizes.get(rel, 0) > MAX_TEXT_BYTES:
                data = self._large_notebook(rel)[0]
            else:
                data = self.load_json(rel)
            if isinstance(data, dict):
                parsed[rel] = data
            elif data is not None:
                self._problem(rel, None, "invalid notebook: not a JSON object")
        return parsed

    @cached_property
    def notebook_outputs(self) -> dict[str, int]:
        """Every notebook read -> the size of its cells' outputs as JSON (large ones too)."""
        sizes = {}
        for rel, notebook in self.notebooks.items():
            large = self.sizes.get(rel, 0) > MAX_TEXT_BYTES
            sizes[rel] = self._large_notebook(rel)[1] if large else output_bytes(notebook)
        return sizes

    def _large_notebook(self, rel: str) -> tuple[Any, int]:
        """A notebook over MAX_TEXT_BYTES parsed (None when not JSON or over
        MAX_NOTEBOOK_BYTES), its outputs taken off, and their size; read once for every
        view sharing the cache."""
        path = os.path.join(self.root, rel)
        if path not in self._large_notebooks:
            document: Any = None
            if self.sizes.get(rel, 0) <= MAX_NOTEBOOK_BYTES:
                try:
                    with open(path, "rb") as handle:
                        document = json.load(handle)
                except (OSError, ValueError, RecursionError):
                    document = None  # unreadable or not JSON: too large to report as a parse
            size = output_bytes(document)
            for cell in _notebook_cells(document):
                cell["outputs"] = []
            self._large_notebooks[path] = (document, size)
        return self._large_notebooks[path]

    @cached_property
    def _large_notebooks(self) -> dict[str, tuple[Any, int]]:
        """Absolute path -> a large notebook without its outputs, and their size; shared
        like `_texts`."""
        return {}

    @cached_property
    def origin(self) -> Origin | None:
        """Where the clone came from (its `origin` remote's host, owner and name), read
        from the git config of this root only: a subview or a folder inside a clone has
        none."""
        return read_origin(self.root)

    @cached_property
    def readme(self) -> str | None:
        """The path of the README GitHub shows (README.md, .rst, .txt, .adoc or bare), if
        any: the one in .github/, else at the root, else in docs/, as GitHub picks it (an
        empty one too: it is the page GitHub shows, and an empty README is a finding)."""
        found: dict[str, str] = {}
        for rel in self.listed_sizes:
            folder, _, name = rel.rpartition("/")
            if folder in README_FOLDERS and folder not in found and README_FILE.match(name):
                found[folder] = rel
        return next((found[folder] for folder in README_FOLDERS if folder in found), None)

    @cached_property
    def malformed(self) -> list[ParseProblem]:
        """Every parse problem, after parsing every configuration file the checks read."""
        for fixture in (
            "pyproject",
            "workflows",
            "ci_files",
            "requirements",
            "dependabot",
            "dvc_yaml",
            "dvc_config",
        ):
            getattr(self, fixture)
        _ = self.notebooks, self.other_yaml
        return sorted(set(self.parse_problems), key=lambda p: (p.path, p.line or 0))

    @cached_property
    def other_yaml(self) -> dict[str, Any]:
        """Other YAML configuration files the checks read (GitLab CI, pre-commit, params)."""
        parsed: dict[str, Any] = {}
        for rel in (".gitlab-ci.yml", ".pre-commit-config.yaml", "params.yaml", "MLproject"):
            if rel in self.file_set:
                parsed[rel] = self.load_yaml(rel)
        return parsed


_MISSING = object()
AnyRepo = TypeVar("AnyRepo", bound="Repo")
# A parsed document, or None and the (line, message) of why it could not be parsed.
Parsed = tuple[Any, tuple[int | None, str] | None]
Parse = Callable[[str], Parsed]


def _yaml_document(text: str) -> Parsed:
    import yaml  # see `yaml_loader`

    try:
        document = yaml.load(text, Loader=yaml_loader())
        if _holds_itself(document):
            return None, (None, "invalid YAML: an alias refers to a node that holds it")
        return document, None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, (line, f"invalid YAML: {problem}")
    except (ValueError, TypeError, RecursionError) as error:  # `2024-02-30`, `!!int abc`
        return None, (None, f"invalid YAML: {error}")


def _holds_itself(document: Any) -> bool:
    """Whether a loaded YAML document holds itself (`jobs: &j [..., *j]`): every reader
    walking it would never end. Walked without recursion, each path's nodes tracked."""
    pending: list[tuple[Any, frozenset[int]]] = [(document, frozenset())]
    while pending:
        node, above = pending.pop()
        if not isinstance(node, (dict, list)):
            continue
        if id(node) in above:
            return True
        children = list(node.values()) if isinstance(node, dict) else node
        path = above | {id(node)}
        pending.extend((child, path) for child in children)
    return False


def _toml_document(text: str) -> Parsed:
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as error:
        line_match = re.search(r"line (\d+)", str(error))
        return None, (int(line_match.group(1)) if line_match else None, f"invalid TOML: {error}")


def output_bytes(notebook: Any) -> int:
    """The size of a notebook's cells' outputs, as JSON."""
    return sum(len(json.dumps(cell.get("outputs", []))) for cell in _notebook_cells(notebook))


def _notebook_cells(notebook: Any) -> list[dict[str, Any]]:
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    return [cell for cell in cells if isinstance(cell, dict)] if isinstance(cells, list) else []


def _json_document(text: str) -> Parsed:
    try:
        return json.loads(text), None
    except json.JSONDecodeError as error:
        return None, (error.lineno, f"invalid JSON: {error.msg}")
    except RecursionError:
        return None, (None, "invalid JSON: nested too deeply")


class _ListingCommands(NamedTuple):
    """The git commands that list a repository's files: tracked (with the sizes git's
    index records), changed since, untracked; and where attributes that could make
    `git grep -I` skip a text file may live."""

    tracked: vcs.GitCommand[IndexEntries | None]
    changed: vcs.GitCommand[bytes]
    untracked: vcs.GitCommand[bytes]
    attributes: vcs.GitCommand[bytes]
    global_attributes: vcs.GitCommand[bytes]


def _listing_commands(root: Path) -> _ListingCommands:
    """Start listing the repository at `root` (resolved) in the background."""
    return _ListingCommands(
        tracked=vcs.GitCommand(root, "ls-files", "-z", "--stage", "--debug", parse=index_entries),
        changed=vcs.background(root, "diff-files", "--name-only", "--relative", "-z"),
        untracked=vcs.background(root, "ls-files", "-z", "--others", "--exclude-standard"),
        attributes=vcs.background(root, "rev-parse", "--git-path", "info/attributes"),
        global_attributes=vcs.background(root, "config", "--path", "--get", "core.attributesFile"),
    )


# Listings started ahead of their view (see `start_listing`), by resolved root; a view
# takes its own out.
_STARTED_LISTINGS: dict[Path, _ListingCommands] = {}


def start_listing(path: Path) -> None:
    """Start listing the repository at `path` now, for the view `Repo.open(path)` opens
    later: git lists it while the checks' modules load (about 0.1 s), and the view finds
    its file list ready. Nothing happens when `path` is not a folder."""
    try:
        root = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        return
    if root.is_dir():
        _STARTED_LISTINGS[root] = _listing_commands(root)


class ContentIndex:
    """Search -> the files holding it, each search's answer computed when first asked
    for (None: no `git grep` answered it)."""

    def __init__(self, find: Callable[[Search], set[str] | None]) -> None:
        self._find = find
        self._found: dict[Search, set[str] | None] = {}

    def get(self, search: Search) -> set[str] | None:
        if search not in self._found:
            self._found[search] = self._find(search)
        return self._found[search]


class _GrepImports(NamedTuple):
    """What the `git grep -o` pass over import lines found: file -> modules its import
    lines name, and the files git does not search (read in Python)."""

    lines: dict[str, set[str]]
    read: frozenset[str]


@dataclass
class _Listing:
    """The background git commands of one view (a consumed one is dropped)."""

    tracked: vcs.GitCommand[IndexEntries | None] | None
    changed: vcs.GitCommand[bytes] | None
    untracked: vcs.GitCommand[bytes]
    greps: dict[GrepGroup, _GrepAnswer]
    imports: vcs.GitCommand[bytes] | None
    attributes: vcs.GitCommand[bytes]
    global_attributes: vcs.GitCommand[bytes]


# Past this many files found by one `git grep` for several patterns, each pattern gets
# its own `git grep` (literals are told apart in Python whatever the number).
UNION_MAX_FILES = 200
# At most this many large files are left out of a search by name.
MAX_EXCLUDED = 1000
# The first word of a literal (`docker` in `docker run`): literals sharing it are one pattern.
FIRST_WORD = lazy_pattern(r"^[A-Za-z0-9]+")
# From this many literals, Python looks for all of them in one pass (see `_literal_test`).
ONE_PASS_FROM = 12
GrepGroup = tuple[bool, tuple[str, ...]]  # (patterns, not literals; the pathspecs)


def _grep_groups(searches: Mapping[Search, tuple[str, ...]]) -> dict[GrepGroup, list[Search]]:
    """The searches that search the same files the same way, which one `git grep` runs
    together: a git process costs a few milliseconds to start, a dozen of them more than
    the search itself on a 1,000-file repository."""
    groups: dict[GrepGroup, list[Search]] = {}
    for search, within in searches.items():
        groups.setdefault((isinstance(search, str), within), []).append(search)
    return groups


def _union_greps(
    root: Path,
    searches: Mapping[Search, tuple[str, ...]],
    shapes: Mapping[frozenset[bytes], tuple[str, ...]],
    excluded: tuple[str, ...] = (),
) -> dict[GrepGroup, vcs.GitCommand[bytes]]:
    """One `git grep -l` per group of searches (see `_grep_groups`); `excluded` are the
    pathspecs a group searching every file searches instead. A group whose lines are
    printed, one of whose literal groups has `shapes`, is searched for those shapes and
    the other groups' literals (see `_shaped_search`)."""
    greps = {}
    for (patterns, within), group in _grep_groups(searches).items():
        lines = _prints_lines((patterns, within))
        either: Search | tuple[str, ...]
        if patterns:  # PCRE scopes an inline flag such as (?i) to its group
            either = "|".join(f"(?:{pattern})" for pattern in group)
        elif lines and any(search in shapes for search in group):
            either = _shaped_search(group, shapes)
        else:
            either = frozenset(
                literal
                for literals in group
                if not isinstance(literals, str)
                for literal in literals
            )
        pathspecs = within or excluded
        greps[patterns, within] = vcs.grep(
            root,
            either,
            untracked=False,
            within=pathspecs,
            lines=lines,
            prefilter=_prefilter(group),
            ahead=not within,  # a search of every file takes longest: started first
        )
    return greps


class _GrepAnswer(Protocol):
    """What a group's `git grep -l` printed (see `vcs.GitCommand.output`)."""

    def output(self) -> bytes | None: ...


# Pathspecs whose files notebooks and JSON data (megabytes, with lines of a megabyte)
# may be among: the literals of one shared pass are looked for in every file it reads.
LARGE_TEXT_PATHSPECS = ("*.ipynb", "*.json")
# The magic of a pathspec matched without regard to case (`:(icase)*.py`).
ICASE_MAGIC = ":(icase)"
# Environment variables that change how git reads pathspecs (then groups are not merged).
PATHSPEC_ENVIRONMENT = (
    "GIT_GLOB_PATHSPECS",
    "GIT_NOGLOB_PATHSPECS",
    "GIT_ICASE_PATHSPECS",
    "GIT_LITERAL_PATHSPECS",
)


def _shared_greps(
    root: Path,
    searches: Mapping[Search, tuple[str, ...]],
    shapes: Mapping[frozenset[bytes], tuple[str, ...]],
) -> dict[GrepGroup, _GrepAnswer]:
    """`_union_greps`, but the groups of few literals searched in different files share
    one `git grep -o` per kind of file (see `_shareable`, `LARGE_TEXT_PATHSPECS`): a git
    process costs more than its search of a 1,000-file repository's configuration files,
    and each reads its files again. git prints where each literal occurs, so each group
    gets the files its own pass would list: those its pathspecs name holding one of its
    literals."""
    groups = _grep_groups(searches)
    shared: dict[bool, dict[GrepGroup, frozenset[bytes]]] = {}
    if not any(os.environ.get(name) for name in PATHSPEC_ENVIRONMENT):
        for key, group in groups.items():
            literals = frozenset(
                lit for search in group if not isinstance(search, str) for lit in search
            )
            if _shareable(key, literals):
                large = any(spec in LARGE_TEXT_PATHSPECS for spec in key[1])
                shared.setdefault(large, {})[key] = literals
    answers: dict[GrepGroup, _GrepAnswer] = {}
    for members in shared.values():
        members = _without_overlaps(members)
        if len(members) < 2:
            continue
        either = frozenset().union(*members.values())
        pathspecs = tuple(dict.fromkeys(spec for _, within in members for spec in within))
        command = vcs.grep(root, either, untracked=False, within=pathspecs, matches=True)
        by_literal = _SharedGrep(command)
        answers.update(
            (key, _GroupShare(by_literal, key[1], literals)) for key, literals in members.items()
        )
    rest = {s: w for s, w in searches.items() if (isinstance(s, str), w) not in answers}
    return {**answers, **_union_greps(root, rest, shapes)}


def _shareable(group: GrepGroup, literals: frozenset[bytes]) -> bool:
    """Whether a group's pass can be shared: literals searched in some files, named by
    plain pathspecs (no magic, no wildcard but `*`), few enough that `-o`, which makes
    git look for each literal again after each line found, costs no more than `-l`, and
    each printable by `-o` (not empty: an empty match prints nothing; within one line)."""
    patterns, within = group
    return (
        not patterns
        and bool(within)
        and 0 < len(literals) < ONE_PASS_FROM
        and all(literal and b"\n" not in literal and b"\0" not in literal for literal in literals)
        and not any(spec.startswith(":") or any(c in spec for c in "?[]\\") for spec in within)
    )


def _without_overlaps(
    members: dict[GrepGroup, frozenset[bytes]],
) -> dict[GrepGroup, frozenset[bytes]]:
    """The groups of a shared pass whose occurrences `git grep -o` always shows: git prints
    the leftmost, longest occurrence and goes on after its end, so a literal starting
    inside another's occurrence and ending past it (`"dvc", "add"` then `"ml.`) could go
    unseen. One literal inside another's occurrence is seen (the printed text holds it).
    A group with a literal overlapping another group's that way keeps its own pass."""
    kept: dict[GrepGroup, frozenset[bytes]] = {}
    for key, literals in members.items():
        others = frozenset[bytes]().union(*kept.values()) - literals
        if not (_overlapping(literals, others) or _overlapping(others, literals)):
            kept[key] = literals
    return kept


def _overlapping(firsts: frozenset[bytes], seconds: frozenset[bytes]) -> bool:
    """Whether an occurrence of one of `seconds` can start inside one of `firsts` and end
    past it (a proper end of the first is a proper start of the second, which the first
    does not hold)."""
    starts: dict[bytes, list[bytes]] = {}
    for second in seconds:
        for k in range(1, len(second)):
            starts.setdefault(second[:k], []).append(second)
    return any(
        second not in first
        for first in firsts
        for k in range(1, len(first))
        for second in starts.get(first[-k:], ())
    )


class _SharedGrep:
    """A shared `git grep -o` pass: file -> the texts it printed there, in git's order."""

    def __init__(self, command: vcs.GitCommand[bytes]) -> None:
        self._command = command
        self._found: dict[bytes, set[bytes]] | None = None
        self._failed = False

    def found(self) -> dict[bytes, set[bytes]] | None:
        if self._found is None and not self._failed:
            output = self._command.output()
            if output is None:
                self._failed = True
                return None
            self._found = {}
            for path, match in _grep_occurrences(output):
                self._found.setdefault(path, set()).add(match)
        return self._found


class _GroupShare:
    """One group's part of a shared pass: what its own `git grep -l -z` would print."""

    def __init__(
        self, shared: _SharedGrep, within: tuple[str, ...], literals: frozenset[bytes]
    ) -> None:
        self._shared = shared
        self._within = tuple(os.fsencode(spec) for spec in within)
        self._literals = literals

    def output(self) -> bytes | None:
        found = self._shared.found()
        if found is None:
            return None
        return b"".join(
            path + b"\0"
            for path, matches in found.items()
            if any(_pathspec_matches(spec, path) for spec in self._within)
            and any(lit in match for match in matches for lit in self._literals)
        )


@cache
def _pathspec_test(within: tuple[str, ...]) -> Callable[[str], bool] | None:
    """Whether `git grep` would search a path for the pathspecs `within` (see
    `_pathspec_matches`), its ASCII letters in either case for an `:(icase)` one. None
    when `within` is empty (every file), holds another magic or wildcard (`?`, `[`, a
    backslash), or git would read pathspecs otherwise (`PATHSPEC_ENVIRONMENT`)."""
    if not within or any(os.environ.get(name) for name in PATHSPEC_ENVIRONMENT):
        return None
    specs: list[tuple[bytes, bool]] = []
    for spec in within:
        blind = spec.startswith(ICASE_MAGIC)
        plain = spec.removeprefix(ICASE_MAGIC)
        if not plain or plain.startswith(":") or any(c in plain for c in "?[]\\"):
            return None
        encoded = os.fsencode(plain)
        specs.append((encoded.lower() if blind else encoded, blind))  # bytes: ASCII folds

    def named(rel: str) -> bool:
        path = os.fsencode(rel)
        return any(
            _pathspec_matches(spec, path.lower() if blind else path) for spec, blind in specs
        )

    return named


def _pathspec_matches(spec: bytes, path: bytes) -> bool:
    """Whether a plain git pathspec (no magic; `*` matches `/` too) names `path`: the path
    itself, a folder above it, or a wildcard match of the whole path."""
    if path == spec or path.startswith(spec.rstrip(b"/") + b"/"):
        return True
    return b"*" in spec and fnmatch.fnmatchcase(path, spec)


def _grep_occurrences(output: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(path, printed text) from `git grep -o -z` output: `path NUL match LF` each, where a
    path may hold a line feed but a match of a literal never does."""
    path, *rests = output.split(b"\0")
    for rest in rests:
        match, _, following = rest.partition(b"\n")
        yield path, match
        path = following


def _shaped_search(
    group: list[Search], shapes: Mapping[frozenset[bytes], tuple[str, ...]]
) -> tuple[str, ...]:
    """The Perl patterns of a group of literal groups: each group's shapes, or its literals
    (as Perl patterns) when it has none. Each is one `-e`: git skips from one match to
    the next for each (an alternation of them costs twice as much), and a short literal
    such as `AKIA`, in every few hundred kB of a notebook's base64 images, no longer
    makes git print half a megabyte of line."""
    found: list[str] = []
    literals: set[str] = set()
    for search in group:
        if isinstance(search, str):
            continue
        if search in shapes:
            found += shapes[search]
        else:
            literals.update(os.fsdecode(literal) for literal in search)
    return (*dict.fromkeys(found), *_by_first_word(literals))


def _by_first_word(literals: Iterable[str]) -> list[str]:
    """Perl patterns matching exactly where one of `literals` occurs, one per first word
    (`uv\\ (?:run|sync)` for `uv run` and `uv sync`): each pattern is one more pass of git
    over every file, so fewer cost less (19 literals of commands in 8)."""
    by_word: dict[str, list[str]] = {}
    for literal in sorted(literals):
        word = FIRST_WORD.match(literal)
        head = word.group(0) if word else ""
        by_word.setdefault(head, []).append(literal[len(head) :])
    patterns = []
    for head, rests in by_word.items():
        if not head or len(rests) == 1:
            patterns += [perl_literal(head + rest) for rest in rests]
        else:
            either = "|".join(perl_literal(rest) for rest in rests)
            patterns.append(f"{perl_literal(head)}(?:{either})")
    return patterns


def _prefilter(searches: Iterable[Search]) -> str | None:
    """A Perl pattern matching every line that one of the patterns `searches` matches:
    the literals they require, one each (see `required_text`); None when one of them
    requires none, or they are literals."""
    required = []
    for search in searches:
        literal = required_literal(search) if isinstance(search, str) else None
        if literal is None:
            return None
        required.append(perl_literal(literal))
    return "|".join(sorted(set(required))) or None


def _holds(line: tuple[int, bytes], literals: frozenset[bytes]) -> bool:
    """Whether a line git printed holds one of `literals`, tested as a file's bytes are
    (the secrets' 24 markers in one pass: a data file's line may be half a megabyte)."""
    return _literal_test(literals)(line[1])


def _prints_lines(group: GrepGroup) -> bool:
    """Whether the `git grep` of a group prints the lines it finds (`-n`), not only the
    files: literals searched in every file (secrets' markers), which `lines_containing`
    is asked about. They are rare, so git reads most files to the end either way (`-n`
    costs what `-l` does); printing lines for the groups over `*.py` or notebooks, whose
    literals git finds early, cost three to five times as much as listing files (289 ms
    instead of 109 on ml-libraries' Python files)."""
    patterns, within = group
    return not patterns and not within


def _read_up_to(descriptor: int, count: int) -> bytes:
    """The next `count` bytes of an open file, fewer only where it ends."""
    chunks = []
    while count > 0:
        chunk = os.read(descriptor, count)
        if not chunk:
            break
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


@cache
def _literal_test(literals: frozenset[bytes]) -> Callable[[bytes], bool]:
    """Whether bytes hold one of `literals`: `bytes.__contains__` once per literal (~3 GB/s
    each on a file that holds none), or, for ONE_PASS_FROM literals or more, one search
    for any of them (`re` scans ~0.2 GB/s whatever their number, and stops at the first
    one found: a notebook holding one is not scanned once per literal to its end)."""
    if len(literals) < ONE_PASS_FROM:
        return lambda data: any(literal in data for literal in literals)
    either = re.compile(b"|".join(re.escape(literal) for literal in sorted(literals)))
    return lambda data: either.search(data) is not None


@cache
def _compiled_line_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)


def _text_holding_match(pattern: re.Pattern[str], text: str, literal: str) -> bool:
    """Whether `pattern`, every match of which holds `literal`, matches in `text`."""
    return literal in text and pattern.search(text) is not None


def _lines_holding_match(pattern: re.Pattern[str], text: str, literal: str) -> bool:
    """Whether `pattern`, every match of which holds `literal`, matches within one of the
    lines of `text` holding `literal` (`git grep -e LITERAL --and -e PATTERN`)."""
    at = text.find(literal)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if pattern.search(text, start, end):
            return True
        at = text.find(literal, end)
    return False


def _import_pattern(modules: Iterable[str]) -> str:
    """A Perl pattern for a line importing one of `modules`, anchored at the line's start
    (an order of magnitude faster than searching for the names anywhere), first or after
    others (`import os, mlflow`)."""
    names = "|".join(re.escape(module) for module in modules)
    return rf"^[ \t]*(?:from[ \t]+|import[ \t]+{IMPORTED_BEFORE})(?:{names})\b"


# The modules an `import` statement names before the one looked for (`import os, json, `).
IMPORTED_BEFORE = r"(?:[A-Za-z_][\w.]*(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*"
# Starts with a literal newline (the text gets one prepended): far faster than ^ with re.M.
# `from a import` names `a`; `import a.b as c, d` names `a` and `d`.
IMPORT = lazy_pattern(
    r"\n[ \t]*(?:from[ \t]+([A-Za-z_]\w*)"
    r"|import[ \t]+([A-Za-z_][\w.]*(?:[ \t]+as[ \t]+\w+)?"
    r"(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*(?:[ \t]+as[ \t]+\w+)?)*))"
)


def imported_in(text: str) -> set[str]:
    """The top-level modules a text's import statements name (every one of a list), the
    text starting with a newline as IMPORT wants."""
    found = set()
    for module, listed in IMPORT.findall(text):
        if module:
            found.add(module)
        else:
            found.update(name.split()[0].split(".", 1)[0] for name in listed.split(","))
    return found


# Every CI system and where its configuration lives: adding one is one line.
CI_SYSTEMS = (
    ("GitHub Actions", r"\.github/workflows/[^/]+\.ya?ml"),
    ("GitLab CI", r"(?:[^/]+/)*\.gitlab-ci\.ya?ml"),
    ("CircleCI", r"\.circleci/[^/]+\.ya?ml"),  # a dynamic config's continuation too
    ("Azure Pipelines", r"azure-pipelines\.ya?ml|\.(?:azure-)?pipelines/[^/]+\.ya?ml"),
    ("Azure Pipelines", r"\.azuredevops/[^/]+\.ya?ml"),
    ("Jenkins", r"(?:[^/]+/)*" + JENKINSFILE_NAME),
    ("Bitbucket Pipelines", r"bitbucket-pipelines\.ya?ml"),
    ("Travis CI", r"\.travis\.ya?ml"),
    ("Woodpecker", r"\.woodpecker\.ya?ml|\.woodpecker/[^/]+\.ya?ml"),
    ("Drone", r"\.drone\.ya?ml"),
    ("Buildkite", r"\.buildkite/[^/]+\.ya?ml"),
    ("Gitea Actions", r"\.gitea/workflows/[^/]+\.ya?ml"),
    ("Forgejo Actions", r"\.forgejo/workflows/[^/]+\.ya?ml"),
    ("Tekton Pipelines as Code", r"\.tekton/[^/]+\.ya?ml"),
    ("AppVeyor", r"\.?appveyor\.ya?ml"),
    ("Semaphore", r"\.semaphore/[^/]+\.ya?ml"),
    ("GoCD", r"(?:[^/]+/)*[^/]+\.gocd\.ya?ml"),  # the YAML config plugin's default pattern
)
CI_FILE = lazy_pattern("^(?:" + "|".join(pattern for _, pattern in CI_SYSTEMS) + ")$")
# Folders of a test suite's fixtures: a CI definition there is data a test reads.
FIXTURE_FOLDERS = frozenset({"tests", "fixtures", "testdata", "test_data", "__fixtures__"})
# AWS CodeBuild's buildspecs, CI when the repository declares what runs them (`ci_files`).
CODEBUILD_SPEC = lazy_pattern(r"(?i)(?:^|/)[\w.-]*buildspec[\w.-]*\.ya?ml$")
CODEBUILD_DECLARATIONS = frozenset(
    {b"aws_codebuild_project", b"aws_codepipeline", b"AWS::CodeBuild::Project"}
    | {b"AWS::CodePipeline::Pipeline", b"codebuild.PipelineProject", b"codepipeline.Pipeline"}
)
# Google Cloud Build's configurations, and what says a trigger starts them (`ci_files`).
CLOUD_BUILD_CONFIG = lazy_pattern(
    r"(?:^|/)cloudbuild[\w.-]*\.ya?ml$|(?:^|/)cloudbuild/[^/]+\.ya?ml$"
)
# Documents, whose commands tell a reader what they may run (not what the repository runs).
DOCUMENT_SUFFIXES = (".md", ".rst", ".txt", ".adoc", ".html", ".ipynb")
CLOUD_BUILD_TRIGGER_LINE = (
    r"google_cloudbuild_trigger"
    r"|gcloud[ \t]+(?:beta[ \t]+)?builds[ \t]+triggers[ \t]+(?:create|import)"
)
# A line of an AWS CDK app that constructs a pipeline or a build project, in the CDK's
# languages read here; the library's name confirms it is the CDK's.
CDK_PIPELINE_LINE = (
    r"\b(?:pipelines\.)?CodePipeline[ \t]*\(|\bcodepipeline\.Pipeline[ \t]*\("
    r"|\bcodebuild\.(?:PipelineProject|Project)[ \t]*\("
)
CDK_SOURCES = (".py", ".ts", ".js")
CDK_LIBRARY = lazy_pattern(r"aws_cdk|aws-cdk")


def _fixture_or_copy(rel: str) -> bool:
    """Whether a file sits in a test suite's fixtures (data a test reads) or is Jupyter's
    autosaved copy (`.ipynb_checkpoints/`), not a file a CI system runs."""
    folders = rel.split("/")[:-1]
    return bool(FIXTURE_FOLDERS.intersection(folders)) or ".ipynb_checkpoints" in folders


# A line of an Azure Pipelines step: a task (`- task: AzureCLI@2`) or a shell step. Both
# git's PCRE and Python's `re` read it, one line at a time.
AZURE_STEP_LINE = r"^[ \t]*-[ \t]*(?:task:[ \t]*['\"]?[\w.-]+@\d+|(?:script|bash|pwsh|powershell):)"
# The root keys of an Azure Pipelines definition (a pipeline, or a template of one).
AZURE_ROOT_KEYS = frozenset(
    {"name", "appendCommitMessageToRunName", "trigger", "pr", "schedules", "resources"}
    | {"variables", "parameters", "pool", "stages", "jobs", "steps", "extends"}
    | {"lockBehavior", "strategy", "continueOnError", "container", "services", "workspace"}
    | {"timeoutInMinutes", "cancelTimeoutInMinutes", "condition", "displayName"}
)
AZURE_TASK = lazy_pattern(r"^[\w.-]+@\d+$")
AZURE_SHELL_STEP_KEYS = ("script", "bash", "pwsh", "powershell")


def is_azure_pipeline(document: Any) -> bool:
    """Whether a parsed YAML document is an Azure Pipelines definition: a mapping whose
    root keys are all the schema's (`trigger`, `pr`, `pool`, `stages`, `jobs`, `steps`,
    ...), with a step, in its `steps` or its stages' and jobs', that runs a task
    (`task: AzureCLI@2`) or a shell (`script:`, `bash:`, `pwsh:`, `powershell:`; a step
    with a `name` is one only with a `displayName`, since Cloud Build's and Drone's steps
    are named images), the shell beside a root key other than `steps` or a step's
    `displayName` (a bare `steps: [{script: pytest}]` could be any system's).
    An Azure ML job or pipeline (`$schema: ...azureml...`, `type: pipeline`, `jobs:` a
    mapping) is not one."""
    if not isinstance(document, dict) or not document:
        return False
    if not all(isinstance(key, str) and key in AZURE_ROOT_KEYS for key in document):
        return False
    steps = [step for step in _azure_steps(document) if isinstance(step, dict)]
    if any(_runs_a_task(step) for step in steps):
        return True
    # A bare `steps: [{script: pytest}]` could be any system's: a shell step counts
    # beside a root key other than `steps` or a step's `displayName`.
    azure_only = set(document) != {"steps"} or any("displayName" in step for step in steps)
    return azure_only and any(_runs_a_shell(step) for step in steps)


def _azure_steps(node: Any, seen: set[int] | None = None) -> Iterator[Any]:
    """The steps of a pipeline, a stage or a job (a deployment's strategy's too). Each
    node is visited once: a YAML alias may make a list that holds itself."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, list):
        for item in node:
            yield from _azure_steps(item, seen)
    elif isinstance(node, dict):
        steps = node.get("steps")
        if isinstance(steps, list):
            yield from steps
        for key in ("stages", "jobs", "strategy", "runOnce", "rolling", "canary", "deploy"):
            if key in node:
                yield from _azure_steps(node[key], seen)


def _runs_a_task(step: dict[Any, Any]) -> bool:
    task = step.get("task")
    return isinstance(task, str) and bool(AZURE_TASK.search(task.strip()))


def _runs_a_shell(step: dict[Any, Any]) -> bool:
    shell = any(isinstance(step.get(key), str) for key in AZURE_SHELL_STEP_KEYS)
    return shell and ("name" not in step or "displayName" in step)


RENOVATE_FILE = lazy_pattern(
    r"^(?:\.github/|\.gitlab/)?(?:renovate\.json5?|\.renovaterc(?:\.json5?)?)$"
)


@cache
def yaml_loader() -> Any:
    """libyaml's C loader when present: parsing is most of the cost on a large repo.

    PyYAML is imported on the first YAML file read, not with the view: a repository
    with no YAML file the checks parse (a library's sources, most folders of data and
    notebooks) does not pay for its import, ~17 ms of start-up (its reader compiles a
    large pattern, its resolver several)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _key_line(text: str, message: str) -> int | None:
    """The line of pyproject.toml where the key a message names in backquotes is set."""
    name = message.split("`")[1] if message.count("`") >= 2 else ""
    *tables, key = name.split(".") if name else [""]
    patterns = [rf"^\s*\[\s*{re.escape('.'.join([*tables, key]))}\s*\]"]
    patterns.append(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for pattern in patterns:
        found = re.search(pattern, text, re.MULTILINE)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return None


def is_test_path(rel: str) -> bool:
    """True for a Python test module: test_*.py, *_test.py, conftest.py, or under tests/."""
    parts = rel.split("/")
    name = parts[-1]
    return (
        name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
        or any(part in ("tests", "test") for part in parts[:-1])
    )
