"""`lazy_pattern` stands for `re.compile`: the same answers, compiled only when first used."""

from __future__ import annotations

import copy
import pickle
import re

from mlops_scaffold.lazy_pattern import lazy_pattern


def test_it_answers_as_the_compiled_pattern_does() -> None:
    text, flags = r"(?m)^(\w+)=(?P<value>\d+)$", re.IGNORECASE
    lazy, compiled = lazy_pattern(text, flags), re.compile(text, flags)
    sample = "a=1\nB=22\nc=x\n"
    assert lazy.pattern == compiled.pattern
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (
        compiled.flags,
        compiled.groups,
        compiled.groupindex,
    )
    assert lazy.search(sample).group(2) == "1"  # type: ignore[union-attr]
    assert lazy.match(sample, 4).group("value") == "22"  # type: ignore[union-attr]
    assert lazy.fullmatch("c=9") is not None
    assert [m.span() for m in lazy.finditer(sample)] == [
        m.span() for m in compiled.finditer(sample)
    ]
    assert lazy.findall(sample) == compiled.findall(sample)
    assert lazy.sub(r"\2", sample) == compiled.sub(r"\2", sample)
    assert lazy.subn("", sample) == compiled.subn("", sample)
    assert lazy.split(sample) == compiled.split(sample)


def test_it_is_compiled_only_when_first_used() -> None:
    lazy = lazy_pattern(r"\bnever-compiled\b")
    assert lazy.pattern == r"\bnever-compiled\b"  # the text needs no compiling
    assert "_compiled" not in vars(lazy)
    assert lazy.search("a never-compiled word")
    assert "_compiled" in vars(lazy)


def test_it_equals_hashes_copies_and_pickles_as_the_compiled_pattern() -> None:
    lazy, compiled = lazy_pattern("a+b", re.I), re.compile("a+b", re.I)
    assert lazy == compiled and hash(lazy) == hash(compiled)
    assert lazy != re.compile("a+b")
    assert repr(lazy) == repr(compiled)
    assert copy.copy(lazy) is lazy and copy.deepcopy(lazy) is lazy
    assert pickle.loads(pickle.dumps(lazy)) == compiled


def test_an_invalid_pattern_fails_when_used_as_re_compile_would() -> None:
    lazy = lazy_pattern("(unclosed")
    try:
        lazy.search("x")
    except re.error as error:
        assert "missing )" in str(error)
    else:
        raise AssertionError("an invalid pattern matched")


def test_every_pattern_the_doctor_defines_compiles() -> None:
    """An invalid pattern no longer fails the import: this test fails instead."""
    import gc

    import mlops_scaffold.doctor.run  # noqa: F401  (defines every check's patterns)
    from mlops_scaffold.lazy_pattern import _LazyPattern

    patterns = [o for o in gc.get_objects() if isinstance(o, _LazyPattern)]
    assert len(patterns) > 200
    for pattern in patterns:
        pattern.compiled()


def test_a_bytes_pattern_answers_as_the_compiled_one_does() -> None:
    text = rb"AKIA[0-9A-Z]{16}"
    lazy, compiled = lazy_pattern(text), re.compile(text)
    sample = b"key = AKIAABCDEFGHIJKLMNOP\n"
    assert lazy.pattern == compiled.pattern
    assert lazy.search(sample).group() == compiled.search(sample).group()  # type: ignore[union-attr]
    assert lazy == compiled
