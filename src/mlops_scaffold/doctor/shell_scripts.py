"""What a shell script runs when it is called with given words, read without running it.

A script's functions run where they are called, with the call's words as their
positional parameters (`run_check "lint" "make lint"` runs the body with `$2` = `make
lint`); a function nothing in the script calls is read where it is written, as any other
line (another script may source it). A `case` on a word the script knows (its first
argument, a variable set from it) runs the branch whose pattern matches; on a word it
cannot know (`case "$1"` of a script called with `${{ matrix.check }}`, or read without
arguments) every branch may run. Variables set to plain words (`local cmd="$4"`,
`target=${1:-all}`) are put in where they are used; `shift` moves the arguments on.
Nothing here decides what a command means: the command graph (`commands`) follows the
lines it gives.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import NamedTuple

from mlops_scaffold.lazy_pattern import lazy_pattern

Line = tuple[int | None, str]
"""(line number, shell text) of one command line, continued lines joined."""


class ShellProgram(NamedTuple):
    """A shell text read for one call: what it runs, and what a call inside it may reach."""

    lines: tuple[Line, ...]
    """The lines that run, in order: the `case` branches the call selects, variables put in."""
    functions: Mapping[str, tuple[Line, ...]]
    """The functions the text defines and calls: name -> body, as written."""
    variables: Mapping[str, str]
    """Variables its top level sets to plain words (a function reads them too)."""


def shell_program(
    lines: Sequence[Line],
    args: Sequence[str] | None = None,
    variables: Mapping[str, str] | None = None,
) -> ShellProgram:
    """Read `lines` as a script (or a function's body) called with `args` (None: not
    known, `$1` stays as written), in a scope where `variables` are set."""
    known = tuple(sorted((variables or {}).items()))
    return _program(tuple(lines), None if args is None else tuple(args), known)


@lru_cache(maxsize=1024)
def _program(
    lines: tuple[Line, ...], args: tuple[str, ...] | None, variables: tuple[tuple[str, str], ...]
) -> ShellProgram:
    top, functions = _functions(_joined(lines))
    scope = _Scope(None if args is None else list(args), dict(variables))
    run = tuple(_run(top, scope))
    return ShellProgram(run, functions, dict(scope.variables))


def numbered_lines(text: str) -> list[Line]:
    """The non-empty lines of a text, each with its number."""
    return [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


def _joined(lines: Sequence[Line]) -> list[Line]:
    """Lines ending in `\\` continued on the next one, under the first one's number."""
    joined: list[Line] = []
    pending: Line | None = None
    for number, text in lines:
        if pending is not None:
            number, text = pending[0], pending[1] + " " + text.strip()
        if text.rstrip().endswith("\\"):
            pending = (number, text.rstrip()[:-1].rstrip())
            continue
        pending = None
        joined.append((number, text))
    return joined + ([pending] if pending is not None else [])


# -- functions ----------------------------------------------------------------------------

# `name() {`, `function name {`, `function name() {`, and a body on the same line.
FUNCTION_START = lazy_pattern(
    r"^\s*(?:function\s+([\w:.-]+)\s*(?:\(\s*\))?|([A-Za-z_][\w:.-]*)\s*\(\s*\))\s*(\{)?\s*(.*)$"
)
# A brace that opens or closes a group (`{`, `}`), not a parameter's (`${name}`).
OPENS = lazy_pattern(r"(?:^|[\s;])\{(?=\s|$)")
CLOSES = lazy_pattern(r"(?:^|[\s;&|])\}(?=[\s;)|&>]|$)")
# What a command may follow on its line (`a && name`, `then name`, a branch's `x) name`).
COMMAND_START = r"(?:^|[;&|({)`]|\b(?:then|do|else|elif|if|while|until|time|exec|!)\s)\s*"


def _functions(lines: list[Line]) -> tuple[list[Line], dict[str, tuple[Line, ...]]]:
    """The lines outside the functions the text calls, and those functions' bodies."""
    spans: list[tuple[str, int, int, tuple[Line, ...]]] = []  # name, first, end, body
    index = 0
    while index < len(lines):
        start = FUNCTION_START.match(lines[index][1])
        if start is None or (not start.group(3) and not _opens_next(lines, index)):
            index += 1
            continue
        name = start.group(1) or start.group(2)
        rest = start.group(4).strip()
        closing = CLOSES.search(rest) if start.group(3) else None
        if closing is not None:  # `name() { cmd; }`
            inner = rest[: closing.start()].strip().rstrip(";")
            spans.append((name, index, index + 1, ((lines[index][0], inner),) if inner else ()))
            index += 1
            continue
        first = index + 1 if start.group(3) else index + 2  # a `{` alone on the next line
        end = _group_end(lines, first)
        opening: list[Line] = [(lines[index][0], rest)] if rest else []
        spans.append((name, index, end + 1, (*opening, *lines[first:end])))
        index = end + 1
    called = {name for name, *_ in spans if _is_called(name, lines)}
    top: list[Line] = []
    position = 0
    for name, first, end, body in spans:
        top += lines[position:first]
        if name not in called:
            top += body  # read where it is written
        position = end
    top += lines[position:]
    return top, {name: body for name, _, _, body in spans if name in called}


def _opens_next(lines: list[Line], index: int) -> bool:
    """Whether the line after a bare `name()` is the `{` that opens its body."""
    return index + 1 < len(lines) and lines[index + 1][1].strip() == "{"


def _group_end(lines: list[Line], first: int) -> int:
    """The index of the line holding the `}` that closes a group opened before `first`."""
    depth = 1
    for index in range(first, len(lines)):
        text = lines[index][1]
        depth += len(OPENS.findall(text)) - len(CLOSES.findall(text))
        if depth <= 0:
            return index
    return len(lines)


def _is_called(name: str, lines: list[Line]) -> bool:
    """Whether a command of the text starts with `name` (its definition aside)."""
    call = re.compile(COMMAND_START + re.escape(name) + r"(?=$|[\s;&|)])")
    return any(call.search(text) and not FUNCTION_START.match(text) for _, text in lines)


# -- case branches and variables ----------------------------------------------------------

CASE_START = lazy_pattern(r"^\s*case\s+(.+?)\s+in\b\s*(.*)$")
CASE_END = lazy_pattern(r"^\s*esac\b\s*;?\s*(.*)$")
BRANCH_PATTERN = lazy_pattern(r"^\s*\(?\s*([^()]*?)\s*\)\s*(.*)$")
BRANCH_END = lazy_pattern(r";;&?|;&")
CASE_OPEN = lazy_pattern(r"(?:^|[\s;])case\s.+?\sin\b")
CASE_CLOSE = lazy_pattern(r"\besac\b")


def _run(lines: list[Line], scope: _Scope) -> Iterator[Line]:
    """The lines that run, a `case` read for the branches its word selects."""
    index = 0
    while index < len(lines):
        number, text = lines[index]
        case = CASE_START.match(text)
        if case is None:
            text = scope.substitute(text)
            scope.assign(text)
            yield number, text
            index += 1
            continue
        branches, index = _case_branches(lines, index, (number, case.group(2)))
        word = _unquoted(scope.substitute(case.group(1)))
        for body in _selected(branches, word):
            yield from _run(body, scope)


Branch = tuple[list[str], list[Line]]


def _case_branches(lines: list[Line], index: int, rest: Line) -> tuple[list[Branch], int]:
    """The branches of the `case` starting at line `index` (`rest`: what follows its
    `in`), and the index of the line after its `esac`."""
    branches: list[Branch] = []
    current: Branch | None = None
    depth = 0  # nested `case` blocks inside a branch
    pieces = [rest, *lines[index + 1 :]]
    for offset, (number, text) in enumerate(pieces):
        remaining: str | None = text
        while remaining is not None and remaining.strip():
            if current is None:
                end = CASE_END.match(remaining)
                if end is not None:
                    return branches, index + offset + 1
                pattern = BRANCH_PATTERN.match(remaining)
                if pattern is None:
                    break
                current = ([_unquoted(p.strip()) for p in pattern.group(1).split("|")], [])
                remaining = pattern.group(2)
                continue
            if depth == 0 and CASE_END.match(remaining):  # `esac` closes a last branch
                branches.append(current)
                return branches, index + offset + 1
            opened = len(CASE_OPEN.findall(remaining))
            closed = len(CASE_CLOSE.findall(remaining))
            stop = BRANCH_END.search(remaining)
            if opened or depth or stop is None:  # a nested `case` is its branch's text
                depth = max(depth + opened - closed, 0)
                current[1].append((number, remaining))
                break
            if remaining[: stop.start()].strip():
                current[1].append((number, remaining[: stop.start()]))
            branches.append(current)
            current = None
            remaining = remaining[stop.end() :]
    if current is not None:
        branches.append(current)
    return branches, len(lines)


def _selected(branches: list[Branch], word: str) -> list[list[Line]]:
    """The bodies that run: the first branch whose pattern matches a known word, every
    branch when the word is not known (`$1` of an unknown call, `${{ matrix.x }}`)."""
    if "$" in word or "`" in word:
        return [body for _, body in branches]
    for patterns, body in branches:
        if any(fnmatchcase(word, pattern) for pattern in patterns):
            return [body]
    return []


def _unquoted(word: str) -> str:
    word = word.strip()
    return word[1:-1] if len(word) > 1 and word[0] == word[-1] and word[0] in "'\"" else word


# `"$@"` / `"${@}"`: each argument one word.
ALL_QUOTED = lazy_pattern(r'"\$(?:@|\{@\})"')
# `$1`, `${1}`, `${1:-default}`, `$@`, `$#`, `$name`, `${name}`, `${name:-default}`.
PARAMETER = lazy_pattern(r"\$(?:\{(\w+|[@*#])(?::?[-=]([^}]*))?\}|(\d|[@*#]|[A-Za-z_]\w*))")
# `name=value` at a command's start (or after `local`, `export`...), and `shift [N]`.
ASSIGNMENT = lazy_pattern(
    r"(?:^|[;&|]\s*|\b(?:local|declare|readonly|export|typeset)\s+(?:-\w+\s+)*)"
    r"""([A-Za-z_]\w*)=("[^"]*"|'[^']*'|[^\s;&|]*)"""
)
SHIFT = lazy_pattern(r"(?:^|[;&|]\s*)shift(?:\s+(\d+))?\b")


@dataclass
class _Scope:
    """The positional parameters (None: not known) and the variables set so far."""

    args: list[str] | None
    variables: dict[str, str] = field(default_factory=dict)

    def substitute(self, text: str) -> str:
        """`text` with the parameters and variables it uses put in, where known."""
        if self.args is not None:
            text = ALL_QUOTED.sub(lambda _: shlex.join(self.args or []), text)
        return PARAMETER.sub(self._value, text)

    def _value(self, match: re.Match[str]) -> str:
        name = match.group(1) or match.group(3)
        default = match.group(2)
        if name in self.variables:
            return self.variables[name]
        if self.args is None or not (name.isdigit() or name in "@*#"):
            return match.group(0)
        if name in "@*":
            return shlex.join(self.args)
        if name == "#":
            return str(len(self.args))
        position = int(name)
        if position == 0:
            return match.group(0)
        found = self.args[position - 1] if position <= len(self.args) else ""
        return found or (default or "")

    def assign(self, text: str) -> None:
        """Record the variables `text` sets (forgotten when set to what cannot be known)
        and the arguments a `shift` drops."""
        for name, raw in ASSIGNMENT.findall(text):
            value = _unquoted(raw)
            if "$" in value or "`" in value:
                self.variables.pop(name, None)
            else:
                self.variables[name] = value
        shift = SHIFT.search(text)
        if shift is not None and self.args is not None:
            self.args = self.args[int(shift.group(1) or 1) :]
