"""Load test for the prediction service: `make load-test HOST=http://127.0.0.1:8000`.

Each simulated user reads /metadata once, builds plausible rows from the training statistics
there (so this file works against any deployed version of the model), then posts single rows
and batches to /predict. A request fails unless it gets 200 and one prediction per row.
"""

from __future__ import annotations

import random
from typing import Any

from locust import FastHttpUser, between, task

BATCH_ROWS = 100
POOL_SIZE = 500


def plausible_rows(features: list[dict[str, Any]], count: int, seed: int) -> list[list[float]]:
    """Rows drawn around each feature's training mean, kept inside its training range."""
    rng = random.Random(seed)
    return [[min(max(rng.gauss(f["mean"], f["std"]), f["min"]), f["max"]) for f in features] for _ in range(count)]


class PredictUser(FastHttpUser):
    """A client scoring mostly one row at a time, sometimes a batch."""

    wait_time = between(0.01, 0.1)

    def on_start(self) -> None:
        metadata = self.client.get("/metadata").json()
        self.names = [feature["name"] for feature in metadata["features"]]
        self.pool = plausible_rows(metadata["features"], POOL_SIZE, seed=id(self))

    def _predict(self, payload: dict[str, Any], rows: int, name: str) -> None:
        with self.client.post("/predict", json=payload, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}: {response.text[:200]}")
            elif len(response.json()["predictions"]) != rows:
                response.failure("wrong number of predictions")

    @task(10)
    def one_named_row(self) -> None:
        row = dict(zip(self.names, random.choice(self.pool), strict=True))
        self._predict({"rows": [row]}, 1, "/predict (1 row)")

    @task(1)
    def batch_of_instances(self) -> None:
        self._predict({"instances": random.sample(self.pool, BATCH_ROWS)}, BATCH_ROWS, f"/predict ({BATCH_ROWS} rows)")
