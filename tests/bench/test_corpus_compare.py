"""bench/doctor.py corpus --compare: what moved; held-out repositories only counted."""

from __future__ import annotations

from bench.corpus import moved_verdicts

SAVED = {
    "lib CI001": "TN",
    "lib CI002": "FN",
    "secret CI001": "FP",  # a held-out repository
    "other CI001": "TP",  # not in this run
}


def test_a_moved_verdict_is_listed_and_marked() -> None:
    now = {"lib CI001": "TN", "lib CI002": "TP"}
    assert moved_verdicts(SAVED, now, {"lib"}, {"secret"}, show_held_out=False) == [
        "lib CI002: FN -> TP fixed",
        "held out: 0 moved",
    ]


def test_repositories_left_out_of_the_run_are_not_listed_as_moved() -> None:
    now = {"lib CI001": "TN", "lib CI002": "FN"}
    assert moved_verdicts(SAVED, now, {"lib"}, {"secret"}, show_held_out=False) == [
        "held out: 0 moved"
    ]


def test_a_held_out_repository_is_counted_not_shown() -> None:
    now = {"lib CI001": "TN", "lib CI002": "FN", "secret CI001": "TN"}
    run = {"lib", "secret"}
    assert moved_verdicts(SAVED, now, run, {"secret"}, show_held_out=False) == ["held out: 1 moved"]
    assert moved_verdicts(SAVED, now, run, {"secret"}, show_held_out=True) == [
        "secret CI001: FP -> TN fixed",
        "held out: 1 moved",
    ]
