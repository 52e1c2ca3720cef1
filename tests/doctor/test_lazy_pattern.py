"""`lazy_pattern` stands for `re.compile`: the same answers, compiled only when first used."""

from __future__ import annotations

import copy
import marshal
import pickle
import re
from pathlib import Path
from typing import Any

import pytest

from mlops_scaffold import lazy_pattern as lazy_pattern_module
from mlops_scaffold.lazy_pattern import _Programs, lazy_pattern


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


def _kept(folder: Path, text: str | bytes, flags: int = 0) -> tuple[re.Pattern[Any], bool]:
    """`text` compiled by a run keeping programs in `folder`, and whether it compiled it
    anew (False: made from the kept program)."""
    programs = _Programs()
    programs.keep_in(folder)
    compiled = programs.compile(text, flags)
    added = programs.added
    programs.save()
    return compiled, added


def test_a_kept_program_makes_the_pattern_re_compile_makes(tmp_path: Path) -> None:
    text, flags = r"(?m)^(\w+)=(?P<value>\d+)$", int(re.IGNORECASE)
    first, added = _kept(tmp_path, text, flags)
    again, added_again = _kept(tmp_path, text, flags)
    compiled = re.compile(text, flags)
    assert (added, added_again) == (True, False)
    for pattern in (first, again):
        assert pattern == compiled
        assert (pattern.flags, pattern.groups, pattern.groupindex) == (
            compiled.flags,
            compiled.groups,
            compiled.groupindex,
        )
        assert pattern.findall("a=1\nB=22\nc=x\n") == [("a", "1"), ("B", "22")]
    assert _kept(tmp_path, rb"AKIA[0-9A-Z]{16}")[0].search(b"AKIAABCDEFGHIJKLMNOP")


def test_a_corrupt_file_of_programs_is_read_as_none(tmp_path: Path) -> None:
    _kept(tmp_path, "a+b")
    (kept,) = tmp_path.iterdir()
    kept.write_bytes(b"\x00not marshal")
    pattern, added = _kept(tmp_path, "a+b")
    assert added and pattern == re.compile("a+b")


def test_a_program_the_engine_refuses_is_compiled_again(tmp_path: Path) -> None:
    _kept(tmp_path, "a+b")
    (kept,) = tmp_path.iterdir()
    kept.write_bytes(marshal.dumps({("a+b", 0): (0, [999999], 0, {}, (None,))}))
    pattern, added = _kept(tmp_path, "a+b")
    assert added and pattern.fullmatch("aab") and pattern == re.compile("a+b")


def test_no_program_is_kept_past_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lazy_pattern_module, "MAX_KEPT_PROGRAMS", 1)
    _kept(tmp_path, "a+b")
    pattern, added = _kept(tmp_path, "c+d")
    assert not added and pattern == re.compile("c+d")
    assert _kept(tmp_path, "a+b")[1] is False  # the one kept is still there
