"""The literal text every match of a regular expression holds, to search for first.

Two uses: `git grep` tries a pattern only on lines holding its required literal
(`required_literal`), and Python tries one only where one of the literals every match
starts with occurs (`leading_literals`, `matches_anywhere`), or only on a text that holds
one of the literals every match holds somewhere (`held_literals`).

A pattern that starts with no literal (`\\b[a-z][\\w+.-]{0,20}://...`) makes a regex
engine try it at nearly every position of a file, and notebooks hold megabytes of base64
on one line. When every match holds a literal (`://`), a search for the literal finds the
few lines worth trying the pattern on: `git grep -e LITERAL --and -e PATTERN` lists the
same files as `git grep -e PATTERN` (a line that matches holds the literal), several
times faster on such a pattern.

The literal is read off Python's parse of the pattern (the patterns the doctor searches
with are both Perl- and Python-compatible): runs of literal characters in the pattern's
top-level sequence, or in groups and at-least-once repeats of it, never inside an
alternation, an optional part or a case-insensitive part. Anything unusual gives None:
no literal, search with the pattern alone.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import Any

from mlops_scaffold.lazy_pattern import lazy_pattern

# Python's own regular-expression parser (re._parser since 3.11; typeshed has no stub).
_PARSER: Any = importlib.import_module("re._parser")
_CODES: Any = importlib.import_module("re._constants")
# Shorter literals are too common to rule lines out.
MIN_LITERAL = 3


@cache
def required_literal(pattern: str) -> str | None:
    """The longest literal (MIN_LITERAL printable ASCII characters or more) that every
    match of `pattern` holds, case-sensitively; None when none is known."""
    try:
        parsed = _PARSER.parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        runs: list[str] = []
        _literal_runs(parsed, runs)
    except (re.error, AttributeError, TypeError, ValueError):  # another Python's parse
        return None
    best = max(runs, key=len, default="")
    return best if len(best) >= MIN_LITERAL else None


def _literal_runs(items: Any, runs: list[str]) -> None:
    """Append to `runs` each run of consecutive literal characters that every match of the
    sequence `items` holds."""
    run: list[str] = []
    for code, argument in items:
        if code is _CODES.LITERAL and " " <= chr(argument) <= "~":  # printable ASCII
            run.append(chr(argument))
            continue
        runs.append("".join(run))
        run = []
        if code is _CODES.SUBPATTERN:  # a group: (number, added flags, removed flags, items)
            _, added, removed, inner = argument
            if not (added | removed) & re.IGNORECASE:
                _literal_runs(inner, runs)
        elif code in (_CODES.MAX_REPEAT, _CODES.MIN_REPEAT, _CODES.POSSESSIVE_REPEAT):
            least, _, inner = argument
            if least >= 1:
                _literal_runs(inner, runs)
        # anything else (a class, an alternation, an anchor, a look-around) ends the run
    runs.append("".join(run))


@cache
def leading_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Literals (MIN_LITERAL printable ASCII characters or more) one of which every match
    of `pattern` compiled with `flags` starts with, after any zero-width assertion
    (`\\b`, `^`, a look-around), in lower case for a case-insensitive pattern; None when
    none is known (a class or an optional part first, a part whose case differs from the
    pattern's, anything unusual). A literal another one starts is left out: the shorter
    one occurs wherever it does."""
    try:
        parsed = _PARSER.parse(pattern, flags)
        if parsed.state.flags & re.VERBOSE:
            return None
        found: set[str] = set()
        if not _leads(parsed, found):
            return None
    except (re.error, AttributeError, TypeError, ValueError):  # another Python's parse
        return None
    if parsed.state.flags & re.IGNORECASE:
        found = {literal.lower() for literal in found}
    return tuple(sorted(f for f in found if not any(f != o and f.startswith(o) for o in found)))


def _leads(items: Any, found: set[str], prefix: str = "") -> bool:
    """Whether every match of the sequence `items` starts with a literal run, each added
    to `found`. `prefix` is a run too short to look for, which the group or alternation
    after it goes on (`\\.(?:log_param|set_tag)`): each of their runs starts with it."""
    run: list[str] = list(prefix)
    for code, argument in items:
        if code is _CODES.LITERAL and " " <= chr(argument) <= "~":
            run.append(chr(argument))
            continue
        if run and (len(run) >= MIN_LITERAL or code not in (_CODES.SUBPATTERN, _CODES.BRANCH)):
            break  # the run is all the start holds
        if code in (_CODES.AT, _CODES.ASSERT, _CODES.ASSERT_NOT):
            continue  # zero-width: the match starts where what follows starts
        if code is _CODES.SUBPATTERN:
            _, added, removed, inner = argument
            return not (added | removed) & re.IGNORECASE and _leads(inner, found, "".join(run))
        if code is _CODES.BRANCH:
            _, alternatives = argument
            return all(_leads(alternative, found, "".join(run)) for alternative in alternatives)
        if code in (_CODES.MAX_REPEAT, _CODES.MIN_REPEAT, _CODES.POSSESSIVE_REPEAT):
            least, _, inner = argument
            return bool(least >= 1 and _leads(inner, found))
        return False
    if len(run) < MIN_LITERAL:
        return False
    found.add("".join(run))
    return True


@cache
def held_literals(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], bool] | None:
    """Literals (MIN_LITERAL printable ASCII characters or more) one of which every match
    of `pattern` compiled with `flags` holds somewhere, and whether any of them is matched
    without regard to case (then all are given in lower case, to be looked for in the
    text lowered); None when none is known. Read as `_literal_runs` reads a sequence, and
    also through alternations (each alternative holding one of its own) and
    case-insensitive parts; of a sequence's parts, the one whose shortest literal is the
    longest is kept."""
    try:
        parsed = _PARSER.parse(pattern, flags)
        if parsed.state.flags & re.VERBOSE:
            return None
        held = _held(parsed, bool(parsed.state.flags & re.IGNORECASE))
    except (re.error, AttributeError, TypeError, ValueError):  # another Python's parse
        return None
    if held is None:
        return None
    literals, folded = held
    if folded:
        literals = {literal.lower() for literal in literals}
    return tuple(sorted(literals)), folded


def _held(items: Any, folded: bool) -> tuple[set[str], bool] | None:
    """A set of literals one of which every match of the sequence `items` holds, and
    whether any is matched regardless of case (`folded`: in a case-insensitive part)."""
    candidates: list[tuple[set[str], bool]] = []
    run: list[str] = []

    def end_run() -> None:
        if len(run) >= MIN_LITERAL:
            candidates.append(({"".join(run)}, folded))
        run.clear()

    for code, argument in items:
        if code is _CODES.LITERAL and " " <= chr(argument) <= "~":  # printable ASCII
            run.append(chr(argument))
            continue
        end_run()
        inner: tuple[set[str], bool] | None = None
        if code is _CODES.SUBPATTERN:  # a group: (number, added flags, removed flags, items)
            _, added, removed, group = argument
            inner = _held(
                group, bool(added & re.IGNORECASE) or (folded and not removed & re.IGNORECASE)
            )
        elif code is _CODES.ATOMIC_GROUP:
            inner = _held(argument, folded)
        elif code in (_CODES.MAX_REPEAT, _CODES.MIN_REPEAT, _CODES.POSSESSIVE_REPEAT):
            least, _, repeated = argument
            inner = _held(repeated, folded) if least >= 1 else None
        elif code is _CODES.BRANCH:
            _, alternatives = argument
            each = [held for a in alternatives if (held := _held(a, folded)) is not None]
            if len(each) == len(alternatives):  # every alternative holds one of its own
                inner = (set().union(*(one[0] for one in each)), any(one[1] for one in each))
        # anything else (a class, an anchor, a look-around) holds no literal of its own
        if inner is not None:
            candidates.append(inner)
    end_run()
    return max(candidates, key=lambda held: min(map(len, held[0])), default=None)


def matches_anywhere(pattern: re.Pattern[str], text: str, start: int = 0) -> bool:
    """`pattern.search(text, start) is not None`, tried only where a match can start when
    every match starts with one of a few literals (`leading_literals`): where they occur.

    A pattern such as `(?:\\.predict|\\bload_model|\\bpipeline)\\s*\\(` has no single
    first character for `re` to skip to, and is tried at every position of the text;
    finding its literals is a fast scan. A match tried at an offset sees the text before
    it (`\\b`, `^` and look-behinds read the real context), so the answer is the same.
    """
    literals = leading_literals(pattern.pattern, pattern.flags)
    if literals is None:
        return _holds_one(pattern, text) and pattern.search(text, start) is not None
    where = _lowered(text) if pattern.flags & re.IGNORECASE else text
    if where is None:
        return pattern.search(text, start) is not None
    for literal in literals:
        at = where.find(literal, start)
        while at >= 0:
            if pattern.match(text, at):
                return True
            at = where.find(literal, at + 1)
    return False


def _holds_one(pattern: re.Pattern[str], text: str) -> bool:
    """False when `text` holds none of the literals one of which every match of `pattern`
    holds (`held_literals`): no match is there to search for; True otherwise."""
    held = held_literals(pattern.pattern, pattern.flags)
    if held is None:
        return True
    literals, folded = held
    where = _lowered(text) if folded else text
    return where is None or any(literal in where for literal in literals)


def _lowered(text: str) -> str | None:
    """`text` in lower case, to look for case-blind literals in; None when a literal
    found there may not be where `re` matches it (`_lowers_in_place`)."""
    lowered = text.lower()
    return lowered if text.isascii() or _lowers_in_place(text, lowered) else None


def _lowers_in_place(text: str, lowered: str) -> bool:
    """Whether `lowered` (`text.lower()`) has each character at its offset in `text`, and
    every character a case-blind ASCII literal matches in `text` is that letter there:
    no character lowers to two (the Turkish dotted I), nor is the dotless i (U+0131) or
    the long s (U+017F), which `re` matches with `i` and `s` (the Kelvin sign lowers to
    `k`). A README with an emoji or an accent is then searched from its literals too."""
    return len(lowered) == len(text) and "\u0131" not in text and "\u017f" not in text


def perl_literal(literal: str) -> str:
    """A literal of printable ASCII as a Perl pattern matching exactly it: every character
    but letters and digits escaped (Perl reads an escaped punctuation mark as itself)."""
    return "".join(c if c.isalnum() else "\\" + c for c in literal)


# What `line_superset` drops: a word boundary, and the opening of a look-around.
_WORD_BOUNDARY = "\\b"
_LOOK_AROUNDS = ("(?!", "(?=", "(?<!", "(?<=")
# What it gives up on: a negated class (git's PCRE in a UTF-8 locale matches no invalid
# byte with it, which Python's bytes pattern does), a backreference, a conditional.
_UNSAFE = lazy_pattern(r"\[\^|\\[1-9]|\(\?\(")


@cache
def line_superset(pattern: str) -> str | None:
    """A Perl pattern matching at least every line `pattern` (a Python pattern over ASCII
    text) matches, whatever git's PCRE makes of `\\b` and `\\w` in a UTF-8 locale: the
    pattern without its word boundaries and look-arounds, which only ever rule a match out
    (and its named groups plain, which PCRE will not see twice). None when it holds what
    could match fewer lines in git (a negated class, a backreference) or does not parse."""
    kept: list[str] = []
    at = 0
    while at < len(pattern):
        if pattern.startswith(_LOOK_AROUNDS, at):
            at = _group_end(pattern, at)
        elif pattern.startswith(_WORD_BOUNDARY, at):
            at += len(_WORD_BOUNDARY)
        elif pattern[at] == "[":  # a class, whole (`[\\b]` is a backspace)
            end = _class_end(pattern, at)
            kept.append(pattern[at:end])
            at = end
        elif pattern[at] == "\\":
            kept.append(pattern[at : at + 2])
            at += 2
        else:
            kept.append(pattern[at])
            at += 1
    superset = re.sub(r"\(\?P<\w+>", "(?:", "".join(kept))
    if _UNSAFE.search(superset):
        return None
    try:
        re.compile(superset)
    except re.error:
        return None
    return superset


def _group_end(pattern: str, start: int) -> int:
    """The offset just past the group opened at `start` (escapes and classes skipped)."""
    depth, at = 0, start
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 1
        elif char == "[":
            at = _class_end(pattern, at) - 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if not depth:
                return at + 1
        at += 1
    return at


def _class_end(pattern: str, start: int) -> int:
    """The offset just past the class opened at `start` (a `]` first is a member)."""
    at = start + 1
    if pattern.startswith("^", at):
        at += 1
    if pattern.startswith("]", at):
        at += 1
    while at < len(pattern) and pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    return at + 1
