"""The page a user reads about one check: `mlops doctor --explain ID` and docs/checks/ID.md.

Both are generated from the catalogue and the check's docstring, so they cannot drift
apart. Regenerate the docs with `python -m mlops_scaffold.doctor.explain docs/checks`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mlops_scaffold.catalogue import FAMILIES, PRACTICES, Practice, practice
from mlops_scaffold.doctor.checks import REGISTRY
from mlops_scaffold.doctor.kinds import APPLIES_TO, APPLIES_WHEN, Kind
from mlops_scaffold.errors import UsageError


def check_page(practice_id: str) -> str:
    """The Markdown page for one check; UsageError when the id is unknown."""
    try:
        entry = practice(practice_id)
    except KeyError:
        raise UsageError(
            f"unknown check {practice_id!r}", hint="list them: mlops doctor --list-checks"
        ) from None
    check = REGISTRY[entry.id]
    requires = ", ".join(sorted(check.requires)) or "nothing"
    fixed_by = f"`mlops add {entry.fixed_by}`" if entry.fixed_by else "a change by hand"
    kinds = ", ".join(kind.value for kind in Kind if kind in APPLIES_TO[entry.id])
    needs = APPLIES_WHEN.get(entry.id)
    if needs:
        kinds += f" (not applicable when {needs[1]})"
    return (
        f"# {entry.id}: {entry.title}\n\n"
        f"- Family: {FAMILIES[entry.family]} ({entry.family})\n"
        f"- Severity: {entry.severity.value}\n"
        f"- Applies to: {kinds}\n"
        f"- Fixed by: {fixed_by}\n"
        f"- Runs after: {requires}\n\n"
        f"## Why it matters\n\n{entry.rationale}\n\n"
        f"## How it is detected\n\n{' '.join(check.detection().split())}\n\n"
        f"## How to fix\n\n{_how_to_fix(entry)}\n\n"
        "## Turning it off\n\n"
        f"`mlops doctor --ignore {entry.id}`, or in pyproject.toml:\n\n"
        f'```toml\n[tool.mlops.doctor]\nignore = ["{entry.id}"]\n```\n'
    )


def _how_to_fix(entry: Practice) -> str:
    by_hand = entry.remedy[0].upper() + entry.remedy[1:] + "."
    if entry.fixed_by:
        return f"Run `mlops add {entry.fixed_by}`. By hand: {entry.remedy}."
    return by_hand


def index_page() -> str:
    """The Markdown index of every check, grouped by family."""
    lines = ["# Checks of `mlops doctor`", "", "| id | severity | practice missing | fixed by |"]
    lines.append("|---|---|---|---|")
    for entry in PRACTICES:
        fixed_by = f"`mlops add {entry.fixed_by}`" if entry.fixed_by else "by hand"
        lines.append(
            f"| [{entry.id}]({entry.id}.md) | {entry.severity.value} | {entry.title} | {fixed_by} |"
        )
    return "\n".join(lines) + "\n"


def check_list() -> list[dict[str, object]]:
    """Every check as data: `mlops doctor --list-checks` (table or JSON)."""
    return [
        {
            "id": entry.id,
            "family": entry.family,
            "severity": entry.severity.value,
            "applies_to": [kind.value for kind in Kind if kind in APPLIES_TO[entry.id]],
            "message": entry.title,
        }
        for entry in PRACTICES
    ]


def pages() -> dict[str, str]:
    """File name -> content of every docs page (one per check, plus index.md)."""
    return {"index.md": index_page(), **{f"{p.id}.md": check_page(p.id) for p in PRACTICES}}


def write_pages(folder: Path) -> list[Path]:
    """Write every page into `folder` and return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in pages().items():
        (folder / name).write_text(content, encoding="utf-8")
        written.append(folder / name)
    return written


if __name__ == "__main__":
    write_pages(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/checks"))
