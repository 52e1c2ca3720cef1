"""The cyclic garbage collector is paused for an audit and restored after it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlops_scaffold.doctor.collections_paused import collections_paused
from mlops_scaffold.doctor.run import find_findings


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.enable()
    yield
    if not enabled:
        gc.disable()


@pytest.mark.usefixtures("collector_enabled")
def test_the_collector_is_paused_inside_and_runs_again_after() -> None:
    with collections_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
def test_the_collector_runs_again_after_an_error() -> None:
    with pytest.raises(ValueError), collections_paused():
        raise ValueError("audit failed")
    assert gc.isenabled()


def test_a_collector_disabled_by_the_caller_stays_disabled() -> None:
    enabled = gc.isenabled()
    gc.disable()
    try:
        with collections_paused():
            pass
        assert not gc.isenabled()
    finally:
        if enabled:
            gc.enable()


@pytest.mark.usefixtures("collector_enabled")
def test_an_audit_leaves_the_collector_running(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text("print('fit')\n")
    report = find_findings(tmp_path)
    assert report.file_count == 1
    assert gc.isenabled()
