"""NB: notebooks run top to bottom, install nothing, and carry no large outputs."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from mlops_scaffold.doctor.checks.base import (
    Check,
    Hit,
    Outcome,
    TextOf,
)
from mlops_scaffold.doctor.content_hints import content_hints
from mlops_scaffold.doctor.pycode import parse
from mlops_scaffold.lazy_pattern import lazy_pattern

# `!pip install`, and the same through an interpreter: `!python -m pip install`,
# `!{sys.executable} -m pip install` (the notebook's own Python), and IPython's assignment
# form of either (`_ = !pip install ...`, `out = %pip install ...`).
PIP_INSTALL = lazy_pattern(
    r"^\s*(?:(?:[A-Za-z_]\w*\s*=\s*)?[!%]\s*(?:(?:python3?|\{sys\.executable\})\s+-m\s+)?(?:uv\s+)?"
    r"(?:pip3?|conda|mamba)\s+|(?:pip|conda)[ \t]+)install\b",
    re.MULTILINE,
)
# An install the cell's Python runs as a process: `subprocess.check_call([sys.executable,
# "-m", "pip", "install", name])`, `subprocess.run(["uv", "pip", "install", ...])`,
# `os.system("pip install ...")` (not on a commented-out line).
PROCESS_INSTALL = lazy_pattern(
    r"(?m)^[^#\n]*\b(?:subprocess\.(?:run|call|check_call|check_output|Popen)|os\.system)\("
    r"[^)]*?\b(?:pip3?|conda|mamba)\b['\"]?\s*,?\s*['\"]?install\b"
)
# A cell that asks whether it runs on Google Colab (`import google.colab`, `IN_COLAB`).
COLAB = lazy_pattern(r"\bgoogle\.colab\b|\bIN_COLAB\b")
LARGE_OUTPUT_BYTES = 100_000
# Notebooks saved as source files: Databricks exports each of its languages with a first
# line `<comment> Databricks notebook source`, cells split by `<comment> COMMAND
# ----------` and magic cells written `<comment> MAGIC %pip install ...`.
SOURCE_NOTEBOOK_HINT = content_hints(
    "Databricks notebook source", within=("*.py", "*.scala", "*.sql", "*.r", "*.R")
)
SOURCE_NOTEBOOK = lazy_pattern(r"\A\ufeff?(#|//|--) Databricks notebook source[ \t]*\r?\n")


def _cells(notebook: dict[str, Any]) -> list[dict[str, Any]]:
    cells = notebook.get("cells")
    return [cell for cell in cells if isinstance(cell, dict)] if isinstance(cells, list) else []


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


# A line IPython runs itself: a magic (`%pip install x`) or a shell command (`!ls`).
IPYTHON_LINE = lazy_pattern(r"^[ \t]*[%!]")


def code_cells(notebook: dict[str, Any]) -> Iterator[tuple[int, str]]:
    """(1-based cell number, source) of each code cell of an nbformat-4 notebook."""
    return cells_of(notebook, "code")


def notebook_module(notebook: dict[str, Any]) -> ast.Module | None:
    """The notebook's code cells as one module: each cell parsed alone, its IPython lines
    (`%pip install`, `!ls`, `%%writefile`'s cell) left out, a cell that does not parse
    skipped; None when no cell parses."""
    body: list[ast.stmt] = []
    for _, source in code_cells(notebook):
        if source.lstrip().startswith("%%"):
            continue  # a cell magic: the cell is the magic's input, not Python run here
        lines = [line for line in source.splitlines() if not IPYTHON_LINE.match(line)]
        tree = parse("\n".join(lines))
        body += tree.body if tree is not None else []
    return ast.Module(body=body, type_ignores=[]) if body else None


def cells_of(notebook: dict[str, Any], kind: str) -> Iterator[tuple[int, str]]:
    """(1-based cell number, source) of each cell of one kind (`code`, `markdown`)."""
    for number, cell in enumerate(_cells(notebook), start=1):
        if cell.get("cell_type") == kind:
            yield number, _source(cell)


def execution_problem(notebook: dict[str, Any]) -> str | None:
    """Why the execution counts show hidden state, or None when they run 1, 2, 3... in order
    or the notebook holds one cell of code (no other cell of it could have run first)."""
    cells = {
        number: cell
        for number, cell in enumerate(_cells(notebook), start=1)
        if cell.get("cell_type") == "code" and _source(cell).strip()
    }
    if len(cells) == 1:
        return None  # one cell of code: nothing it could have run out of order with
    # 0: an export's, no run (Databricks)
    counts = [(number, cell.get("execution_count") or None) for number, cell in cells.items()]
    executed = [(n, c) for n, c in counts if isinstance(c, int)]
    if not executed:
        return None
    for (_, before), (number, after) in pairwise(executed):
        if after <= before:
            return f"cell {number} ran before the cells above it (execution count {after})"
    first, last = executed[0][0], executed[-1][0]
    for number, count in counts:
        if first < number < last and not isinstance(count, int) and _has_code(cells[number]):
            return f"cell {number} was skipped by the run that produced the outputs"
    expected = list(range(1, len(executed) + 1))
    if [c for _, c in executed] != expected:
        return "execution counts are not 1, 2, 3...: cells were re-run or run and deleted"
    # A run from the top runs every cell: code above the first cell run never ran before
    # it, and code below the last never ran with the outputs the notebook shows. A cell of
    # comments only (`# WRITE YOUR CODE HERE`, a placeholder) has nothing to run.
    unrun = [number for number, count in counts if count is None and _has_code(cells[number])]
    if unrun and unrun[0] < first:
        return f"cell {first} ran, but the code cells above it from cell {unrun[0]} never did"
    if unrun and unrun[-1] > last and any(cell.get("outputs") for cell in cells.values()):
        below = next(number for number in unrun if number > last)
        return f"cell {below} and the cells below it never ran: the run stopped at cell {last}"
    return None


def _has_code(cell: dict[str, Any]) -> bool:
    """Whether a cell's source holds a line that is not a comment."""
    return any(
        line.strip() and not line.lstrip().startswith("#") for line in _source(cell).splitlines()
    )


def source_notebooks(candidates: list[str], text: TextOf) -> dict[str, str]:
    """The files among `candidates` that are notebooks saved as source: path -> text."""
    found = {}
    for rel in candidates:
        content = text(rel)
        if content is not None and SOURCE_NOTEBOOK.match(content):
            found[rel] = content
    return found


def source_cells(content: str) -> Iterator[tuple[int, int, str]]:
    """(1-based cell number, line where it starts, source with the `MAGIC` prefix taken
    off) of each code cell of a source notebook; markdown cells (`%md`) are left out."""
    marker = SOURCE_NOTEBOOK.match(content)
    comment = re.escape(marker.group(1)) if marker else "#"
    magic = re.compile(rf"^{comment} MAGIC ?", re.MULTILINE)
    separator = re.compile(rf"^{comment} COMMAND -+[ \t]*$", re.MULTILINE)
    start = marker.end() if marker else 0
    ends = [(m.start(), m.end()) for m in separator.finditer(content)]
    for number, (end, after) in enumerate([*ends, (len(content), len(content))], start=1):
        source = magic.sub("", content[start:end])
        if not source.lstrip().startswith("%md"):
            yield number, content.count("\n", 0, start) + 1, source
        start = after


class NB001(Check):
    """Reads the execution counts of non-empty code cells: they must increase top to
    bottom, start at 1 without gaps, and, once any cell ran, every one must have: none
    skipped between executed ones, none above the first, and, when the notebook shows
    outputs, none below the last (a run from the top runs them all; a cell of comments
    only, a placeholder or a commented-out install line, has nothing to run).
    A notebook with no outputs passes, and so does one whose counts are all 0 (a Jupyter
    kernel counts from 1: Databricks' exports write 0, no order of a run) and one of a
    single cell of code (its count 2 says it was re-run, no state hidden from a reader). A
    template's notebooks are read too (`{{ cookiecutter.name }}/notebooks/eda.ipynb`): every
    project it generates starts with them as committed."""

    @staticmethod
    def check(
        notebooks: dict[str, dict[str, Any]], template_notebooks: dict[str, dict[str, Any]]
    ) -> Outcome:
        return [
            Hit(rel, None, problem)
            for rel, notebook in {**notebooks, **template_notebooks}.items()
            if (problem := execution_problem(notebook))
        ]


class NB002(Check):
    """Reports `!pip install`, `%pip install` (and conda, mamba, `uv pip`, and pip run by
    the notebook's Python: `!{sys.executable} -m pip install`, IPython's assignment
    form `_ = !pip install ...`, and a bare `pip install` or `conda install` line, which
    IPython's automagic runs as `%pip`/`%conda`) lines in code cells, of
    Jupyter notebooks and of notebooks saved as source (Databricks' `# Databricks notebook
    source` files, whose `# MAGIC %pip install` lines are magic cells), and installs a
    cell runs as a process (`subprocess.check_call([sys.executable, "-m", "pip",
    "install", name])`, `subprocess.run(["uv", "pip", "install", "-r", "pyproject.toml"])`,
    `os.system("pip install ...")`, unless the cell does so on Colab only: under `if IN_COLAB:`,
    or after importing `google.colab`; a cell that asks for Colab to clone there and then
    installs what is missing anywhere installs), nor a wheel file of the project's own
    (`%pip install $path/taxi_fares-$version-py3-none-any.whl`, built by its pipeline). A template's
    notebooks are read too: every project it generates starts with their cells."""

    @staticmethod
    def check(
        notebooks: dict[str, dict[str, Any]],
        source_notebooks: dict[str, str],
        template_notebooks: dict[str, dict[str, Any]],
    ) -> Outcome:
        hits = [
            Hit(rel, None, f"cell {number}: {_shown(match)}")
            for rel, notebook in {**notebooks, **template_notebooks}.items()
            for number, source in code_cells(notebook)
            for match in installs(source)
        ]
        for rel, content in source_notebooks.items():
            for number, line, source in source_cells(content):
                for match in installs(source):
                    indent = len(match.group(0)) - len(match.group(0).lstrip())
                    at = line + source.count("\n", 0, match.start() + indent)
                    hits.append(Hit(rel, at, f"cell {number}: {_shown(match)}"))
        return hits


def installs(source: str) -> list[re.Match[str]]:
    """The install lines of a cell's source; a bare `pip install` only outside a
    triple-quoted string (a docstring that shows shell steps runs nothing); and the
    installs it runs as a process (`subprocess.check_call([sys.executable, "-m", "pip",
    "install", name])`) unless the cell runs them on Colab only (`import google.colab`):
    Colab's runtime is thrown away, the project's environment is not changed."""
    found = [
        match
        for match in PIP_INSTALL.finditer(source)
        if (
            not _bare(match.group(0))
            or len(TRIPLE_QUOTE.findall(source, 0, match.start())) % 2 == 0
        )
        and not _installs_own_wheels(source, match.end())
    ]
    process = "subprocess" in source or "os.system" in source
    if process and "install" in source:
        found += (
            m for m in PROCESS_INSTALL.finditer(source) if not _on_colab_only(source, m.start())
        )
    return found


def _on_colab_only(source: str, offset: int) -> bool:
    """Whether the install at `offset` runs on Colab only: under an `if` that asks for
    Colab (`if IN_COLAB:`), after `import google.colab` in a `try` block, or in a cell that
    imports `google.colab` outside any block (it fails elsewhere). A cell that asks but
    installs in either case (`if IN_COLAB: clone`, then `if missing: pip install`) installs
    everywhere. A cell that does not parse as Python is judged by whether it mentions Colab
    at all."""
    if not COLAB.search(source):
        return False
    tree = parse(source)
    if tree is None:
        return True
    line = source.count("\n", 0, offset) + 1
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and _imports_colab(node.body) and _within(node.body, line):
            return True  # `try: import google.colab` then the install: it fails elsewhere
        if isinstance(node, ast.If) and COLAB.search(ast.unparse(node.test)):
            negated = isinstance(node.test, ast.UnaryOp) and isinstance(node.test.op, ast.Not)
            if _within(node.orelse if negated else node.body, line):  # `if not IN_COLAB:` else
                return True
    return _imports_colab(tree.body)


def _imports_colab(statements: list[ast.stmt]) -> bool:
    """Whether a block imports Colab's module (`import google.colab`)."""
    return any(
        isinstance(statement, ast.Import | ast.ImportFrom) and COLAB.search(ast.unparse(statement))
        for statement in statements
    )


def _within(statements: list[ast.stmt], line: int) -> bool:
    """Whether a line falls inside a block of statements."""
    return bool(statements) and statements[0].lineno <= line <= (statements[-1].end_lineno or line)


def _installs_own_wheels(source: str, end: int) -> bool:
    """Whether the install line ending its command at `end` installs only wheel files
    (`%pip install $base_path/taxi_fares-$version-py3-none-any.whl`): the project's own
    packages, built by its own pipeline, not dependencies resolved from an index."""
    line = source[end:].split("\n", 1)[0].split(" #", 1)[0]
    named = [word for word in line.split() if not word.startswith("-")]
    return bool(named) and all(word.endswith(".whl") for word in named)


def _shown(match: re.Match[str]) -> str:
    """An install as the finding quotes it: on one line."""
    return " ".join(match.group(0).split())


def _bare(line: str) -> bool:
    """Whether the install line is written without `!`, `%` or an assignment."""
    return "!" not in line and "%" not in line


TRIPLE_QUOTE = lazy_pattern(r'"""|\'\'\'')


class NB003(Check):
    """Reports notebooks whose cell outputs add up to more than 100 kB (notebooks of any
    size are read, a template's too)."""

    @staticmethod
    def check(notebook_output_bytes: dict[str, int]) -> Outcome:
        return [
            Hit(rel, None, f"{size // 1000} kB of outputs")
            for rel, size in notebook_output_bytes.items()
            if size > LARGE_OUTPUT_BYTES
        ]
