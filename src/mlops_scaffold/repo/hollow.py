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
# YAML's document markers hold nothing either.
YAML_MARKERS = frozenset({"---", "..."})
EMPTY = "is empty"
COMMENTS_ONLY = "holds only comments"
NO_CODE = "holds no code"


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
    lines = [line.strip() for line in text.splitlines()]
    held = [line for line in lines if line and not (hashed and line.startswith("#"))]
    if lower.endswith((".yml", ".yaml")):
        held = [line for line in held if line not in YAML_MARKERS]
    if not held:
        return EMPTY if not any(lines) else COMMENTS_ONLY
    if lower.endswith(".py") and _holds_no_code(held):
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
    try:
        tree = ast.parse("\n".join(lines))
    except (SyntaxError, ValueError):
        return False
    return all(
        isinstance(node, ast.Pass)
        or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
        for node in tree.body
    )
