"""Regular expressions compiled on first use, not at import.

The doctor's modules define ~300 patterns at module level; compiling them all was 55-90 ms
of every run's start-up, and a third of them serve files a given repository does not have.
`lazy_pattern(text, flags)` stands for `re.compile(text, flags)`: the same text, compiled
the first time any attribute beyond `.pattern` is read, after which the compiled pattern's
methods are the object's own attributes (no indirection left on the hot path).

Compiling is mostly `re`'s parser and code generator, written in Python (~0.1 ms a
pattern, 45 ms of a doctor run on zenml-projects, paid again by its second process): with
`keep_programs(folder)`, what they produce for each pattern (the program `re` hands to its
C engine) is kept in a file there, as Python keeps bytecode in `__pycache__`, and a later
run makes the pattern from it (1-2 ms for them all). The file is named for the Python and
its regular expression engine; a program the engine refuses is compiled again."""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's C engine: it makes a pattern of a program
import atexit
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any, AnyStr, Generic, cast

# What a use may read off a pattern, copied from the compiled one on first use.
_DELEGATED = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


class _LazyPattern(Generic[AnyStr]):
    """A `re.Pattern` (of str or of bytes) in all but its type, compiled on first use."""

    def __init__(self, pattern: AnyStr, flags: int) -> None:
        self.pattern: AnyStr = pattern  # the text, as re.Pattern.pattern gives it
        self._given_flags = flags

    def __getattr__(self, name: str) -> Any:  # only for attributes not yet set: compiles once
        if name.startswith("__") or name in ("_given_flags", "_compiled"):
            raise AttributeError(name)
        compiled = self.compiled()
        return getattr(compiled, name)

    def compiled(self) -> re.Pattern[AnyStr]:
        """The compiled pattern (compiled now if not yet)."""
        compiled: re.Pattern[AnyStr] | None = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = _PROGRAMS.compile(self.pattern, self._given_flags)
            self._compiled: re.Pattern[AnyStr] = compiled
            for attribute in _DELEGATED:
                setattr(self, attribute, getattr(compiled, attribute))
        return compiled

    def __repr__(self) -> str:
        return repr(self.compiled())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _LazyPattern):
            other = other.compiled()
        return self.compiled() == other

    def __hash__(self) -> int:
        return hash(self.compiled())

    def __copy__(self) -> _LazyPattern[AnyStr]:
        return self

    def __deepcopy__(self, _memo: object) -> _LazyPattern[AnyStr]:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (re.compile, (self.pattern, self._given_flags))


def lazy_pattern(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, compiled when first used (a str or a bytes pattern)."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(pattern, int(flags)))


# The doctor's own patterns are ~650 (its tables'); a file is never let grow past this.
MAX_KEPT_PROGRAMS = 4096


class _Programs:
    """The compiled programs of patterns, kept between runs in one file (see the module's
    docstring): each run reads it once, and writes it on leaving when it compiled a
    pattern the file did not hold."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.known: dict[tuple[str | bytes, int], tuple[Any, ...]] | None = None
        self.added = False

    def keep_in(self, folder: Path) -> None:
        """Read the programs kept in `folder` (when first needed), and keep new ones there."""
        engine = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}"
        self.path, self.known = folder / f"patterns-{engine}.marshal", None

    def compile(self, pattern: AnyStr, flags: int) -> re.Pattern[AnyStr]:
        """`re.compile(pattern, flags)`, from the kept program when there is one."""
        if self.path is None:
            return re.compile(pattern, flags)
        known = self._known()
        program = known.get((pattern, flags))
        if program is not None:
            try:
                return cast("re.Pattern[AnyStr]", _sre.compile(pattern, *program))
            except (RuntimeError, TypeError, ValueError):  # refused: compiled again below
                pass
        try:
            compiled, program = _compiled_program(pattern, flags)
        except (ImportError, AttributeError, TypeError):  # other internals: as re does
            return re.compile(pattern, flags)
        if len(known) < MAX_KEPT_PROGRAMS:
            known[pattern, flags] = program
            self.added = True
        return compiled

    def _known(self) -> dict[tuple[str | bytes, int], tuple[Any, ...]]:
        if self.known is None:
            assert self.path is not None
            try:
                loaded = marshal.loads(self.path.read_bytes())
            except (OSError, EOFError, ValueError, TypeError):
                loaded = None  # none yet, unreadable, or not a marshalled value
            self.known = loaded if isinstance(loaded, dict) else {}
        return self.known

    def save(self) -> None:
        """Write the programs (atomically) when this run compiled new ones."""
        if not self.added or self.path is None or self.known is None:
            return
        scratch = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            scratch.write_bytes(marshal.dumps(self.known))
            os.replace(scratch, self.path)
        except (OSError, ValueError):  # unwritable folder, or a value marshal refuses
            scratch.unlink(missing_ok=True)
        self.added = False


def _compiled_program(pattern: AnyStr, flags: int) -> tuple[re.Pattern[AnyStr], tuple[Any, ...]]:
    """The pattern compiled as `re.compile` does (its parser, code generator, engine), and
    the program it made: the arguments `_sre.compile` takes after the pattern."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groups = parsed.state.groupdict
    names: list[str | None] = [None] * parsed.state.groups
    for name, index in groups.items():
        names[index] = name
    program = (
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        dict(groups),
        tuple(names),
    )
    return cast("re.Pattern[AnyStr]", _sre.compile(pattern, *program)), program


_PROGRAMS = _Programs()


def keep_programs(folder: Path) -> None:
    """Keep the compiled programs of lazy patterns in `folder` between runs: read there,
    written there when this process ends (a forked child, ending with `os._exit`, writes
    nothing)."""
    if _PROGRAMS.path is None:
        atexit.register(_PROGRAMS.save)
    _PROGRAMS.keep_in(folder)
