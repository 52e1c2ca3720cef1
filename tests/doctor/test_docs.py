"""docs/checks/ holds one page per check, identical to what the catalogue generates."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.explain import pages

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks"


@pytest.mark.parametrize("name", sorted(pages()))
def test_docs_page_matches_the_catalogue(name: str) -> None:
    page = DOCS / name
    assert page.is_file(), "run: python -m mlops_scaffold.doctor.explain docs/checks"
    assert page.read_text(encoding="utf-8") == pages()[name], "regenerate docs/checks"


def test_docs_has_no_page_for_a_check_that_does_not_exist() -> None:
    assert {p.name for p in DOCS.glob("*.md")} == set(pages())
