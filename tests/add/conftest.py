"""Fixtures for the `mlops add` tests."""

from __future__ import annotations

import pytest

from tests.add.trees import use_cached_renders


@pytest.fixture(autouse=True)
def _render_once(monkeypatch: pytest.MonkeyPatch) -> None:
    use_cached_renders(monkeypatch)
