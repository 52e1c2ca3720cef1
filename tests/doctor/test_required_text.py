"""The literal every match of a pattern holds, which `git grep` searches for first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlops_scaffold.repo import Repo
from mlops_scaffold.repo.required_text import perl_literal, required_literal
from tests.doctor.test_git_listing import build_both

URL_WITH_PASSWORD = r"\b[a-z][\w+.-]{0,20}://[^/\s:@'\"]{1,100}:[^/\s@'\"]{1,100}@"


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        (URL_WITH_PASSWORD, "://"),
        (r"^kind:[ \t]*(?:Deployment|Job)\b", "kind:"),
        (r"(?:\bfrom\s+)?torch\.load\s*\(", "torch.load"),  # the longest run
        (r"(?:x-api(?:-key)?)+: \w+", "x-api"),  # a repeat that runs at least once
        (r"(?:password|passphrase)\s*=", "pass"),  # what the alternatives start with
        (r"(?:abc|abd)\d", None),  # "ab" in common: too short to rule lines out
    ],
)
def test_the_literal_every_match_holds_is_found(pattern: str, literal: str | None) -> None:
    assert required_literal(pattern) == literal


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:password|token)\s*=",  # one of two words: neither is required
        r"(?i)secret_key\s*=",  # any case
        r"(?i:token_value)\b",  # a case-insensitive part
        r"(?:debug_mode)?\d+",  # an optional part
        r"(?:verbose)*\d+",  # repeated, maybe never
        r"[a-z]{3}\d",  # no literal at all
        r"(?x) a b c d",  # verbose: spaces do not count
    ],
)
def test_no_literal_is_claimed_where_a_match_may_lack_it(pattern: str) -> None:
    assert required_literal(pattern) is None


def test_a_literal_as_perl_pattern_matches_exactly_itself() -> None:
    literal = "a.b*c://d[e]$f \\g"
    assert re.fullmatch(perl_literal(literal), literal)
    assert not re.search(perl_literal(literal), "aXb*c://d[e]$f \\g")


class UrlSearch(Repo):
    """A view declaring a pattern that requires `://`, searched by one `git grep`."""

    @property
    def grep_searches(self) -> dict[frozenset[bytes] | str, tuple[str, ...]]:
        return {URL_WITH_PASSWORD: ("*.py",)}


def test_a_pattern_searched_for_its_literal_first_finds_what_python_finds(
    tmp_path: Path,
) -> None:
    tree = {
        "app/db.py": 'URL = "postgres://admin:hunter2@db"\n',  # a match
        "app/docs.py": 'SITE = "https://example.org/page"\n',  # the literal, no match
        "app/split.py": 'A = "https://"\nB = "admin:hunter2@db"\n',  # on two lines: no match
        "app/plain.py": "x = 1\n",
        "notes/db.md": "postgres://admin:hunter2@db\n",  # outside the pathspec
    }
    with_git, plain = build_both(tmp_path, tree, {"app/new.py": 'U = "redis://u:p@cache"\n'})
    git_view, plain_view = UrlSearch.open(with_git), UrlSearch.open(plain)
    assert git_view.is_git and not plain_view.is_git
    expected = ["app/db.py", "app/new.py"]
    assert sorted(git_view.files_matching(URL_WITH_PASSWORD)) == expected
    # Python searches every file, the Markdown one too
    assert sorted(plain_view.files_matching(URL_WITH_PASSWORD)) == [*expected, "notes/db.md"]
