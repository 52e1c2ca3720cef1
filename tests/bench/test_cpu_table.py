"""bench/serve.py's last table: CPU time per request, paired round by round with the cheapest."""

from __future__ import annotations

from bench.serve import HUNDRED, ONE, Result, cpu_table


def result(name: str, cpu_us: list[float]) -> Result:
    return Result(
        name, rps=1.0, rows_per_s=1.0, p50_ms=1.0, p99_ms=1.0, errors=0, rows=1, cpu_us=cpu_us
    )


def test_each_round_pairs_the_cheapest_peer_of_that_round_with_ours() -> None:
    results = [
        result(f"service: {ONE}", [100.0, 200.0, 100.0]),
        result(f"minimal: {ONE}", [50.0, 100.0, 50.0]),
        result(f"mlserver-onnx: {ONE}", [300.0, 200.0, 150.0]),
        result(f"litserve: {ONE}", [150.0, 800.0, 900.0]),
        result(f"bentoml: {ONE}", [0.0, 0.0, 0.0]),  # nothing read: left out, not the cheapest
    ]

    (row,) = cpu_table(results).splitlines()[2:]

    # cheapest peer per round: 150, 200, 150; over the service 1.5, 1.0, 1.5; over minimal 3, 2, 3
    assert row == f"| {ONE} | 100 | 50 | 150 | 1.50x (1.00-1.50x) | 3.00x (2.00-3.00x) |"


def test_a_kind_without_readings_for_the_service_gets_no_row() -> None:
    results = [
        result(f"service: {HUNDRED}", []),
        result(f"minimal: {HUNDRED}", [50.0]),
        result(f"mlserver-onnx: {HUNDRED}", [300.0]),
    ]

    assert cpu_table(results).splitlines()[2:] == []
