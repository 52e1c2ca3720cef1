"""Drift report: compare the inputs the service logged with the training data the model saw.

    python -m <package>.monitoring.drift service.log [--metadata models/metadata.json] [--output metrics/drift.json]

For each feature it prints the live mean's shift from the training mean in training standard
deviations, and the share of live values outside the training range. Exit code 1 when any
feature drifts, 0 when none does, 2 when the inputs cannot be read. Standard library only, so it
runs wherever the logs are.
"""

from __future__ import annotations

import argparse
import array
import base64
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..features import FEATURES


class DriftInputError(ValueError):
    """The log or metadata file cannot be read as expected."""


@dataclass(frozen=True)
class DriftThresholds:
    """When a feature counts as drifted."""

    max_mean_shift: float = 0.5  # in training standard deviations
    max_out_of_range: float = 0.05  # share of live values outside the training [min, max]
    min_rows: int = 100  # fewer logged rows than this: too little data to judge


@dataclass
class _Accumulator:
    """Running count, mean and variance (Welford), and values outside the training range."""

    low: float
    high: float
    count: int = 0
    mean: float = 0.0
    m2: float = 0.0
    out_of_range: int = 0

    def add(self, value: float) -> None:
        self.count += 1
        delta = value - self.mean
        self.mean += delta / self.count
        self.m2 += delta * (value - self.mean)
        self.out_of_range += not self.low <= value <= self.high


@dataclass(frozen=True)
class FeatureDrift:
    """One feature's comparison; `shift` is (live mean - training mean) / training std."""

    name: str
    train_mean: float
    train_std: float
    live_mean: float
    live_std: float
    shift: float
    out_of_range: float
    drifted: bool


@dataclass(frozen=True)
class DriftReport:
    """The whole comparison: `drifted` is true when any feature drifted on enough data."""

    rows: int
    skipped_lines: int
    enough_data: bool
    drifted: bool
    thresholds: DriftThresholds
    features: list[FeatureDrift]

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (infinite shifts written as null)."""
        data = asdict(self)
        for feature in data["features"]:
            feature["shift"] = feature["shift"] if math.isfinite(feature["shift"]) else None
        return data


def read_logged_rows(lines: Iterable[str]) -> tuple[list[list[float]], int]:
    """The input rows of every `prediction` line, in FEATURES order, and how many lines were skipped."""
    rows: list[list[float]] = []
    skipped = 0
    for line in lines:
        try:
            entry = json.loads(line)
            inputs = entry["inputs"] if entry.get("event") == "prediction" else None
            # The service logs inputs as base64 of little-endian float32 values, row after row.
            values = array.array("f", base64.b64decode(inputs, validate=True)) if isinstance(inputs, str) else None
        except (ValueError, KeyError, AttributeError):
            values = None
        if values is None or len(values) % len(FEATURES):
            # Other services' lines, start-up events, refused requests and lines without inputs share the stream.
            skipped += 1
            continue
        if sys.byteorder == "big":
            values.byteswap()
        rows.extend(values[start : start + len(FEATURES)].tolist() for start in range(0, len(values), len(FEATURES)))
    return rows, skipped


def compare(
    rows: Sequence[Sequence[float]], metadata: dict[str, Any], thresholds: DriftThresholds, skipped: int = 0
) -> DriftReport:
    """Compare logged rows with the training statistics recorded in metadata.json."""
    stats = {feature["name"]: feature for feature in metadata.get("features", [])}
    missing = [name for name in FEATURES if name not in stats]
    if missing:
        raise DriftInputError(f"metadata.json has no training statistics for {', '.join(missing)}")
    accumulators = [_Accumulator(float(stats[name]["min"]), float(stats[name]["max"])) for name in FEATURES]
    for row in rows:
        for accumulator, value in zip(accumulators, row, strict=True):
            accumulator.add(value)
    enough = len(rows) >= thresholds.min_rows
    features = [
        _feature_drift(name, stats[name], accumulator, thresholds, enough)
        for name, accumulator in zip(FEATURES, accumulators, strict=True)
    ]
    return DriftReport(
        rows=len(rows),
        skipped_lines=skipped,
        enough_data=enough,
        drifted=any(feature.drifted for feature in features),
        thresholds=thresholds,
        features=features,
    )


def _feature_drift(
    name: str, train: dict[str, Any], live: _Accumulator, thresholds: DriftThresholds, enough: bool
) -> FeatureDrift:
    train_mean, train_std = float(train["mean"]), float(train["std"])
    difference = live.mean - train_mean
    if train_std > 0:
        shift = difference / train_std
    elif difference == 0:
        shift = 0.0
    else:
        # A constant training feature: any change at all is a shift of unknown size.
        shift = math.copysign(math.inf, difference)
    out_of_range = live.out_of_range / live.count if live.count else 0.0
    drifted = enough and (abs(shift) > thresholds.max_mean_shift or out_of_range > thresholds.max_out_of_range)
    live_std = math.sqrt(live.m2 / live.count) if live.count else 0.0
    return FeatureDrift(name, train_mean, train_std, live.mean, live_std, shift, out_of_range, drifted)


def format_table(report: DriftReport) -> str:
    """The report as a plain-text table, drifted features marked."""
    width = max(len("feature"), *(len(feature.name) for feature in report.features))
    lines = [
        f"{'feature':<{width}}  {'train mean':>12}  {'live mean':>12}  {'shift (std)':>11}  {'out of range':>12}",
    ]
    for feature in report.features:
        marker = "  DRIFT" if feature.drifted else ""
        lines.append(
            f"{feature.name:<{width}}  {feature.train_mean:>12.4g}  {feature.live_mean:>12.4g}  "
            f"{feature.shift:>11.2f}  {feature.out_of_range:>12.1%}{marker}"
        )
    if not report.enough_data:
        verdict = f"not enough data: {report.rows} rows logged, {report.thresholds.min_rows} needed"
    elif report.drifted:
        verdict = f"DRIFT in {sum(f.drifted for f in report.features)} of {len(report.features)} features"
    else:
        verdict = "no drift"
    lines.append(f"{report.rows} rows from the log ({report.skipped_lines} other lines skipped): {verdict}")
    return "\n".join(lines)


def build_report(log_file: Path, metadata_file: Path, thresholds: DriftThresholds) -> DriftReport:
    """Read the prediction log and the model's metadata, and compare them."""
    try:
        metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
        with log_file.open(encoding="utf-8", errors="replace") as lines:
            rows, skipped = read_logged_rows(lines)
    except OSError as error:
        raise DriftInputError(f"cannot read {error.filename}: {error.strerror}") from None
    except ValueError as error:
        raise DriftInputError(f"{metadata_file} is not valid JSON: {error}") from None
    return compare(rows, metadata, thresholds, skipped)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the table, write the JSON report, exit 1 on drift."""
    # Under `python -m`, __name__ is "__main__": the package names the module.
    parser = argparse.ArgumentParser(prog=f"python -m {__package__}.drift", description=__doc__.splitlines()[0])
    parser.add_argument("log_file", type=Path, help="the service's JSON log (stdout of the service)")
    parser.add_argument("--metadata", type=Path, default=Path("models/metadata.json"))
    parser.add_argument("--output", type=Path, default=Path("metrics/drift.json"))
    parser.add_argument("--max-mean-shift", type=float, default=DriftThresholds.max_mean_shift)
    parser.add_argument("--max-out-of-range", type=float, default=DriftThresholds.max_out_of_range)
    parser.add_argument("--min-rows", type=int, default=DriftThresholds.min_rows)
    args = parser.parse_args(argv)
    thresholds = DriftThresholds(args.max_mean_shift, args.max_out_of_range, args.min_rows)
    try:
        report = build_report(args.log_file, args.metadata, thresholds)
    except DriftInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_table(report))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")
    return 1 if report.drifted else 0


if __name__ == "__main__":
    sys.exit(main())
