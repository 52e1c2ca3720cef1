"""What the checks search file contents for, declared when their modules load.

Each declared group of literals (`content_hints`) or line pattern (`line_hint`) is one
`git grep` pass, started with the file list, over the files its pathspecs name. The
registry lives outside the checks package so that modules the checks import
(`pipelines`, `recognisers`) can declare their own hints without importing every check.
"""

from __future__ import annotations

# Each hint -> the git pathspecs of the files searched (empty: every file).
CONTENT_HINTS: dict[frozenset[bytes] | str, tuple[str, ...]] = {}
# The hints searched only when first asked for, not with the file list (see `content_hints`).
ON_DEMAND: set[frozenset[bytes] | str] = set()
# A group of literals searched in every file whose lines only matter when they match one
# of these Perl patterns -> the patterns (see `content_hints`).
LINE_SHAPES: dict[frozenset[bytes], tuple[str, ...]] = {}
# The patterns whose every reader reads only the files their pathspecs name (see `line_hint`).
ONLY_WITHIN: set[str] = set()


def content_hints(
    *literals: str | bytes,
    within: tuple[str, ...] = (),
    shapes: tuple[str, ...] = (),
    on_demand: bool = False,
) -> frozenset[bytes]:
    """Declare a group of literals a check passes to `files_containing`, and return it.

    `within` names the files the check reads (git pathspecs such as `*.py`): git searches
    only those. A group nobody declared costs its own pass when it is asked for.

    `shapes`, for a group searched in every file whose lines `lines_containing` is asked
    for: Perl patterns, each holding one of the literals, that every line the check can
    use matches (a secret's whole format, not its four-letter prefix). git then prints
    only those lines, not every line of base64 in which `AKIA` or `dapi` occurs by chance;
    lines Python searches (files git does not) are all those holding a literal.

    `on_demand`, for a group only a check that few repositories meet asks for (a
    function's schedules, asked once its handlers are found): its `git grep` starts when
    the group is first asked for, with the groups searched in the same files, not with the
    file list, where it would mostly go unread.
    """
    group = frozenset(lit if isinstance(lit, bytes) else lit.encode() for lit in literals)
    _declare(group, within)
    if shapes:
        LINE_SHAPES[group] = shapes
    if on_demand:
        ON_DEMAND.add(group)
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


def line_hint(pattern: str, within: tuple[str, ...] = (), only_within: bool = False) -> str:
    """Declare a pattern a check passes to `files_matching`, and return it: a line-wide
    pattern that both git's PCRE and Python's `re` read the same way.

    `only_within`, when the check keeps only the files `within` names of those
    `files_matching` gives (`rel.endswith(".md")` for `*.md`): outside a git work tree,
    where Python searches every file, it then searches only those (a secret assigned in
    Markdown is not looked for through megabytes of notebooks). A pattern declared
    again without it is searched everywhere."""
    first = pattern not in CONTENT_HINTS
    _declare(pattern, within)
    if not only_within:
        ONLY_WITHIN.discard(pattern)
    elif first:
        ONLY_WITHIN.add(pattern)
    return pattern
