"""Regular expressions compiled on first use, not at import.

The doctor's modules define ~300 patterns at module level; compiling them all was 55-90 ms
of every run's start-up, and a third of them serve files a given repository does not have.
`lazy_pattern(text, flags)` stands for `re.compile(text, flags)`: the same text, compiled
the first time any attribute beyond `.pattern` is read, after which the compiled pattern's
methods are the object's own attributes (no indirection left on the hot path)."""

from __future__ import annotations

import re
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
            compiled = re.compile(self.pattern, self._given_flags)
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
