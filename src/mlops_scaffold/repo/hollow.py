"""Files that hold nothing: empty, blank, or only comments (a placeholder committed for later).

A file with no content is no evidence of any practice: an empty workflow runs nothing,
an empty Dockerfile builds no image, an empty `dvc.yaml` declares no stage and an empty
`src/api/main.py` serves nothing. The repository view leaves such files out of the file
list every reader uses (`Repo.hollow_files` keeps what each held, for messages), except
the files whose presence is the point: a package's `__init__.py`, `py.typed`, the
`.gitkeep` that keeps a folder, and the empty `.dvc/config` and commented `.dvcignore`
that `dvc init` writes.

An empty file is known from the listing alone; a small file of a kind with `#` comments
(YAML, TOML, INI, shell, Python, Dockerfiles, Makefiles, requirements) is read to see
whether it holds only blank lines and comments, and a small Markdown or text file whether
it holds only blanks. Larger files are taken to hold something.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

# Files kept whatever they hold: their presence alone says something true.
PRESENCE_MARKERS = frozenset(
    {
        "__init__.py",
        "py.typed",
        ".gitkeep",
        ".gitempty",
        ".keep",
        ".placeholder",
        ".empty",
        ".nojekyll",
        ".dvcignore",
        "_SUCCESS",
    }
)
PRESENCE_MARKER_PATHS = (".dvc/config",)
# Files over this size are not read to see whether they hold only comments.
HOLLOW_READ_BYTES = 4096
# Kinds of file whose lines starting with `#` are comments: by extension, then by name.
HASH_COMMENT_SUFFIXES = (
    ".py",
    ".pyi",
    ".yml",
    ".yaml",
    ".toml",
    ".cfg",
    ".ini",
    ".sh",
    ".bash",
    ".mk",
    ".conf",
)
HASH_COMMENT_NAMES = frozenset(
    {
        "makefile",
        "gnumakefile",
        "justfile",
        "procfile",
        "mlproject",
        "pipfile",
        "snakefile",
        ".dockerignore",
        ".gitignore",
        "tox.ini",
    }
)
# Prose and plain text: only blank lines make them hollow (`# Title` is a heading).
BLANK_ONLY_SUFFIXES = (".md", ".markdown", ".rst", ".txt", ".adoc")
EMPTY = "is empty"
COMMENTS_ONLY = "holds only comments"
NO_CODE = "holds no code"
# A line that holds something: in a kind with `#` comments, one that is not blank nor a
# comment; in YAML, nor a document marker (`---`, `...`); in prose, one that is not blank.
HELD_LINE = re.compile(r"^\s*[^\s#]", re.MULTILINE)
HELD_YAML_LINE = re.compile(r"^\s*(?!(?:---|\.\.\.)[^\S\n]*$)[^\s#]", re.MULTILINE)
HELD_TEXT = re.compile(r"\S")
# The first character of a module that may hold no code: a docstring's (or its prefix's),
# `pass`'s or `...`'s.
NO_CODE_STARTS = frozenset("\"'rRuUbBp.")
# What may start a statement of a module that holds no code: `pass`, or a constant.
CONSTANT_NAMES = frozenset({"pass", "None", "True", "False"})
NAME_START = re.compile(r"[A-Za-z_]\w*")


def hollow(rel: str, size: int, read: Callable[[], str | None]) -> str | None:
    """What a file holding nothing holds (`EMPTY`, `COMMENTS_ONLY`, `NO_CODE`: a
    Python module of only a docstring or `pass`), or None when it holds something or
    its presence is the point. `read` gives its text (None: unreadable or binary), and
    is called only for a small file of a kind whose comments are known."""
    name = rel.rpartition("/")[2]
    if name in PRESENCE_MARKERS or rel.endswith(PRESENCE_MARKER_PATHS):
        return None
    if size == 0:
        return EMPTY
    if size > HOLLOW_READ_BYTES:
        return None
    lower = name.lower()
    hashed = (
        lower.endswith(HASH_COMMENT_SUFFIXES)
        or lower in HASH_COMMENT_NAMES
        or _dockerfile_or_requirements(lower)
    )
    if not hashed and not lower.endswith(BLANK_ONLY_SUFFIXES):
        return None
    text = read()
    if text is None:
        return None
    if lower.endswith((".yml", ".yaml")):
        shape = HELD_YAML_LINE
    else:
        shape = HELD_LINE if hashed else HELD_TEXT
    held = shape.search(text)
    if held is None:
        return COMMENTS_ONLY if text.strip() else EMPTY
    if lower.endswith(".py") and text[held.end() - 1] in NO_CODE_STARTS:
        lines = [line.strip() for line in text.splitlines()]
        if _holds_no_code([line for line in lines if line and not line.startswith("#")]):
            return NO_CODE
    return None


def _dockerfile_or_requirements(name: str) -> bool:
    """Whether a lower-cased file name is a Dockerfile's (`Dockerfile`, `Dockerfile.serve`,
    `api.dockerfile`) or a requirements file's (`requirements-dev.txt`)."""
    return (
        "dockerfile" in name
        or "containerfile" in name
        or (name.startswith("requirement") and name.endswith((".txt", ".in")))
    )


def _holds_no_code(lines: list[str]) -> bool:
    """Whether a small Python module's lines (comments out) are only a docstring, `pass`
    or `...`: a module written to be filled in later."""
    first = lines[0].lstrip("rRuUbB")
    if not first.startswith(('"', "'")) and lines[0] not in ("pass", "..."):
        return False
    source = "\n".join(lines)
    if _statement_after_docstring(source):
        return False
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    return all(
        isinstance(node, ast.Pass)
        or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
        for node in tree.body
    )


def _statement_after_docstring(source: str) -> bool:
    """Whether a module that opens with a triple-quoted docstring goes on with a statement
    that starts with a name (`import os`, `def main():`, `app = ...`): code, seen without
    parsing the module (most modules open with a docstring). False when unsure: a
    backslash in the docstring, or what follows it is `pass`, a constant or a string."""
    body = source.lstrip("rRuUbB")
    quote = body[:3]
    if quote not in ('"""', "'''"):
        return False
    end = body.find(quote, 3)
    if end == -1 or "\\" in body[:end]:
        return False
    after = body[end + 3 :].lstrip()
    name = NAME_START.match(after)
    if name is None or name[0] in CONSTANT_NAMES:
        return False
    return after[name.end() : name.end() + 1] not in ('"', "'")  # not a string's prefix
