"""What the checks search file contents for, declared when their modules load.

Each declared group of literals (`content_hints`) or line pattern (`line_hint`) is one
`git grep` pass, started with the file list, over the files its pathspecs name. The
registry lives outside the checks package so that modules the checks import
(`pipelines`, `recognisers`) can declare their own hints without importing every check.
"""

from __future__ import annotations

# Each hint -> the git pathspecs of the files searched (empty: every file).
CONTENT_HINTS: dict[frozenset[bytes] | str, tuple[str, ...]] = {}


def content_hints(*literals: str | bytes, within: tuple[str, ...] = ()) -> frozenset[bytes]:
    """Declare a group of literals a check passes to `files_containing`, and return it.

    `within` names the files the check reads (git pathspecs such as `*.py`): git searches
    only those. A group nobody declared costs its own pass when it is asked for.
    """
    group = frozenset(lit if isinstance(lit, bytes) else lit.encode() for lit in literals)
    _declare(group, within)
    return group


def _declare(search: frozenset[bytes] | str, within: tuple[str, ...]) -> None:
    """Record where `search` is looked for: a search two checks declare (SageMaker's
    data capture, in Python and in deployment configs) covers the files of both."""
    previous = CONTENT_HINTS.get(search)
    if previous is None:
        CONTENT_HINTS[search] = within
    elif previous and within:  # an empty tuple means every file already
        CONTENT_HINTS[search] = tuple(dict.fromkeys((*previous, *within)))
    else:
        CONTENT_HINTS[search] = ()


def line_hint(pattern: str, within: tuple[str, ...] = ()) -> str:
    """Declare a pattern a check passes to `files_matching`, and return it: a line-wide
    pattern that both git's PCRE and Python's `re` read the same way."""
    _declare(pattern, within)
    return pattern
