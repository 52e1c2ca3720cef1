"""The literal text every match of a regular expression holds, to search for first.

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


def perl_literal(literal: str) -> str:
    """A literal of printable ASCII as a Perl pattern matching exactly it: every character
    but letters and digits escaped (Perl reads an escaped punctuation mark as itself)."""
    return "".join(c if c.isalnum() else "\\" + c for c in literal)
