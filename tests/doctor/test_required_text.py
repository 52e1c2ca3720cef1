"""The literal every match of a pattern holds, which `git grep` searches for first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlops_scaffold.repo import Repo
from mlops_scaffold.repo.required_text import (
    held_literals,
    leading_literals,
    matches_anywhere,
    perl_literal,
    required_literal,
)
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


MODEL_CALL = r"(?:\.predict(?:_proba)?|\bload_model|\btorch\.load|\bpipeline)\s*\("


@pytest.mark.parametrize(
    ("pattern", "flags", "literals"),
    [
        (MODEL_CALL, 0, (".predict", "load_model", "pipeline", "torch.load")),
        (r"^def[ \t]+\w*handler\(", re.MULTILINE, ("def",)),  # after an anchor
        (r"(?<![\w.])joblib\.load\(", 0, ("joblib.load(",)),  # after a look-behind
        (r"(?:import torch)+", 0, ("import torch",)),  # a repeat that runs at least once
        (r"(?i)Load_Model\(", 0, ("load_model(",)),  # any case: in lower case
        (r"\b(?:log_artifacts|log_artifact|to_sql)\(", 0, ("log_artifact", "to_sql")),
        # a run too short alone, which each alternative after it goes on
        (r"\.(?:log_param|set_tag)\s*\(", 0, (".log_param", ".set_tag")),
    ],
)
def test_the_literals_every_match_starts_with_are_found(
    pattern: str, flags: int, literals: tuple[str, ...]
) -> None:
    assert leading_literals(pattern, flags) == literals


@pytest.mark.parametrize(
    "pattern",
    [
        r"[ \t]*import torch",  # a class first
        r"(?:\.predict|[lL]oad_model)\(",  # one alternative starts with a class
        r"(?:def )?handler\(",  # an optional start
        r"(?i:load)_model\(",  # a part in another case than the pattern's
        r"\.f[io]",  # too short a literal to skip to
        r"\.(?:fit|[ab]x)\(",  # a short run, then an alternative that starts with a class
        r"\.(?:\bfit|predict)\(",  # a short run, then a boundary: `.` ends the run there
        r"(?x) load _model",  # verbose
    ],
)
def test_no_start_is_claimed_where_a_match_may_start_otherwise(pattern: str) -> None:
    assert leading_literals(pattern) is None


TEXTS = [
    "",
    "model.predict(x)",
    "model.predict (x)\n",
    "y = mypipeline(x)\n",  # no word boundary before `pipeline`
    "y = my_pipeline(x)\n",
    "from transformers import pipeline\nclf = pipeline  (\n'x')",
    "torch.loader(x)\ntorch.load(path)",
    "pipelinepipeline(",
    "out = pipeline(text)\n",
    "out = steps.pipeline(text)\n",  # a method, after a dot
    "\u00e9pipeline(",  # a non-ASCII letter is a word character
    "def handler(event):\n    pass\n  def lambda_handler(e):",
    "x = 1\ndef lambda_handler(event, context):",
    "nothing to see here",
    "clf = Pipeline(steps)\n",  # another case
    "y = LOAD_MODEL(path)",
    "x = p\u0131peline(1)",  # a dotless i: `i` in any case, beyond ASCII
]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (MODEL_CALL, 0),
        (r"^def[ \t]+\w*handler\(", re.MULTILINE),
        (r"^def[ \t]+\w*handler\(", 0),  # only at the very start
        (r"(?<![\w.])pipeline\(", 0),
        (r"(?:\bpipeline)+\(", 0),
        (MODEL_CALL, re.IGNORECASE),
        (r"(?i)(?<![\w.])\bLoad_model\(", 0),
        (r"\.(?:predict|load)\s*\(", 0),  # a short run, then an alternation
    ],
)
def test_a_pattern_tried_where_its_literals_are_answers_as_a_search(
    pattern: str, flags: int
) -> None:
    compiled = re.compile(pattern, flags)
    assert leading_literals(compiled.pattern, compiled.flags) is not None
    for text in TEXTS:
        assert matches_anywhere(compiled, text) is (compiled.search(text) is not None), text
    assert any(matches_anywhere(compiled, text) for text in TEXTS)
    assert not all(matches_anywhere(compiled, text) for text in TEXTS)


def test_a_pattern_without_leading_literals_is_searched_as_it_is() -> None:
    compiled = re.compile(r"[ \t]*import torch")
    assert matches_anywhere(compiled, "x\n  import torch\n")
    assert not matches_anywhere(compiled, "import numpy\n")


# -- literals one of which every match holds somewhere -------------------------------------

SECRET_ASSIGNMENT = r"\b(?:(?i:[A-Z0-9_]*(?:TOKEN|SECRET)[A-Z0-9_]*)|[A-Z0-9_]*_PAT[A-Z0-9_]*)="
HEREDOC_DOCKERFILE = r"<<.*(?:>|\btee)[ \t]*\S*(?:Dockerfile|Containerfile)"


@pytest.mark.parametrize(
    ("pattern", "held"),
    [
        (HEREDOC_DOCKERFILE, (("Containerfile", "Dockerfile"), False)),  # after a class
        # one per alternative, looked for in lower case when one is case-blind
        (SECRET_ASSIGNMENT, (("_pat", "secret", "token"), True)),
        (
            r"\b(?:pipelines\.)?CodePipeline\(|\bcodebuild\.Project\(",
            (("CodePipeline(", "codebuild.Project("), False),
        ),
        (r"(?i)[a-z]+_key(?-i:DEF)", (("_key",), True)),  # the part a tie leaves first
        (r"(?:x-api-key)+: \w+", (("x-api-key",), False)),  # a repeat run at least once
    ],
)
def test_the_literals_one_of_which_every_match_holds_are_found(
    pattern: str, held: tuple[tuple[str, ...], bool]
) -> None:
    assert held_literals(pattern) == held


@pytest.mark.parametrize(
    "pattern",
    [
        r"[A-Z]+=\d+",  # no literal at all
        r"(?:abc|[xy])=",  # an alternative without one
        r"(?:abcd)?=\w+",  # an optional part
        r"(?:abcd)*=",  # a part repeated perhaps never
        r"(?x) abc def",  # verbose
    ],
)
def test_no_literal_is_held_where_a_match_may_lack_them(pattern: str) -> None:
    assert held_literals(pattern) is None


HELD_TEXTS = [
    "",
    "GITHUB_TOKEN=abc\n",
    "github_token=abc\n",
    "MY_PAT=1\n",
    "my_pat=1\n",  # `_PAT` is matched in its own case only
    "cat <<EOF > Dockerfile\n",
    "cat <<EOF | tee app/Containerfile\n",
    "nothing here\n",
    "x = p\u0131peline(1)\nSECRET_\u212a=1",  # a dotless i and the Kelvin sign
]


@pytest.mark.parametrize("pattern", [SECRET_ASSIGNMENT, HEREDOC_DOCKERFILE])
def test_a_pattern_looked_for_by_its_held_literals_answers_as_a_search(pattern: str) -> None:
    compiled = re.compile(pattern)
    assert leading_literals(compiled.pattern, compiled.flags) is None
    for text in HELD_TEXTS:
        assert matches_anywhere(compiled, text) is (compiled.search(text) is not None), text
    assert any(matches_anywhere(compiled, text) for text in HELD_TEXTS)
