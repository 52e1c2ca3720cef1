"""In-process onnxruntime on the served model: the reference answers, and the floor's speed.

    python in_process.py MODEL_ONNX answers ROWS_JSON    # {"labels": [...], "probabilities": [...]}
    python in_process.py MODEL_ONNX rate ROWS_JSON BATCH SECONDS   # {"rows_per_s": ...}

Run by bench/serve.py with the generated project's own venv (its onnxruntime and NumPy).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort


def main() -> None:
    model, mode, rows_file = sys.argv[1:4]
    session = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    rows = np.asarray(json.loads(Path(rows_file).read_text()), dtype=np.float32)
    if mode == "answers":
        label, probabilities = session.run(["label", "probabilities"], {name: rows})
        answer = {"labels": label.tolist(), "probabilities": probabilities[:, 1].tolist()}
    else:
        batch = np.resize(rows, (int(sys.argv[4]), rows.shape[1]))
        seconds = float(sys.argv[5])
        session.run(None, {name: batch})
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            session.run(None, {name: batch})
            calls += 1
        answer = {"rows_per_s": calls * len(batch) / (time.perf_counter() - start)}
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
