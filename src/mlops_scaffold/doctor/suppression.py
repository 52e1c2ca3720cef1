"""Findings a user chose to leave out: inline `# mlops: ignore[ID] why` comments and
`per-path-ignores` in `[tool.mlops.doctor]`, as ruff's `noqa` and per-file-ignores."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mlops_scaffold.doctor.report import Finding
from mlops_scaffold.lazy_pattern import lazy_pattern

# `# mlops: ignore[SERVE003] reason` or `# mlops: ignore[SERVE003, CODE002]`.
INLINE = lazy_pattern(r"#\s*mlops:\s*ignore\[([A-Za-z0-9,\s]+)\]")


def _family(check_id: str) -> str:
    return check_id.rstrip("0123456789")


def inline_ignores(line: str) -> set[str]:
    """The ids or families an `# mlops: ignore[...]` comment on this line names."""
    found = INLINE.search(line)
    if found is None:
        return set()
    return {code.strip().upper() for code in found.group(1).split(",") if code.strip()}


def kept(
    findings: Iterable[Finding],
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...],
    text: Callable[[str], str | None],
) -> list[Finding]:
    """The findings no inline comment (on the line or the one above) or path pattern ignores."""
    specs = []
    if per_path_ignores:
        from pathspec import GitIgnoreSpec

        specs = [(GitIgnoreSpec.from_lines([p]), set(ids)) for p, ids in per_path_ignores]
    lines: dict[str, list[str]] = {}
    result = []
    for finding in findings:
        wanted = {finding.id, _family(finding.id)}
        path = finding.path
        if path and any(wanted & ids and spec.match_file(path) for spec, ids in specs):
            continue
        if path and finding.line:
            if path not in lines:
                lines[path] = (text(path) or "").splitlines()
            around = lines[path][max(finding.line - 2, 0) : finding.line]
            if any(wanted & inline_ignores(line) for line in around):
                continue
        result.append(finding)
    return result
