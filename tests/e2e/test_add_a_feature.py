"""A generated project takes a new feature and a new answer field with one edit in one place each.

Build and train a project, then do what its owner would: add a column to the data (data.py)
and its entry in the schema (features.py), and add a field to each prediction (schemas.py).
Retrain, run the project's own tests, serve and call it. Nothing else under src/ changes: the
request schema, /docs, the ONNX input, the Open Inference Protocol metadata and the drift
statistics all follow. Run with `-s` to see each step.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scripts.service_probe import http, running_service
from tests.e2e.test_generated_project import Project, build, make

pytestmark = pytest.mark.e2e

NEW_FEATURE = "radius_ratio"
DATA_EDIT = (
    '    frame[TARGET] = 1 - frame.pop("target")\n',
    '    frame[TARGET] = 1 - frame.pop("target")\n'
    "    frame.insert(len(frame.columns) - 1, "
    f'"{NEW_FEATURE}", frame["worst_radius"] / frame["mean_radius"])\n',
)
SCHEMA_EDIT = (
    '    "worst_fractal_dimension": "Mean of the three largest fractal dimensions",\n',
    '    "worst_fractal_dimension": "Mean of the three largest fractal dimensions",\n'
    f'    "{NEW_FEATURE}": "Worst radius over mean radius",\n',
)
ANSWER_EDITS = [
    ("Field, create_model,", "Field, computed_field, create_model,"),
    (
        "    probability: float\n",
        "    probability: float\n"
        "\n"
        "    @computed_field  # type: ignore[prop-decorator]\n"
        "    @property\n"
        "    def percent(self) -> float:\n"
        '        """The probability in percent, one decimal."""\n'
        "        return round(self.probability * 100, 1)\n",
    ),
]


def step(message: str) -> None:
    print(f"\n[add a feature] {message}", flush=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name} has no single {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def run_make(project: Path, target: str) -> None:
    result = make(project, target)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    step(f"make {target}: ok; last line: {lines[-1] if lines else ''}")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    step("mlops new --defaults --setup (render, install from the lock, train)")
    return build(tmp_path_factory, "feature-project")


def test_a_new_feature_and_answer_field_reach_the_served_model(project: Project) -> None:
    src = project.path / "src" / project.answers["package_name"]
    step(f"data.py: add the column {NEW_FEATURE} (worst_radius / mean_radius) before the target")
    edit(src / "data.py", *DATA_EDIT)
    step(f"features.py: add its entry {NEW_FEATURE!r} to FEATURE_DESCRIPTIONS")
    edit(src / "features.py", *SCHEMA_EDIT)
    step("serve/schemas.py: add a computed field `percent` to ClassPrediction")
    for old, new in ANSWER_EDITS:
        edit(src / "serve" / "schemas.py", old, new)
    changed = subprocess.run(
        ["git", "diff", "--stat", "--", "src"],
        cwd=project.path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    step(f"git diff --stat -- src:\n{changed.rstrip()}")
    assert changed.count("|") == 3

    run_make(project.path, "train")
    run_make(project.path, "test")
    run_make(project.path, "lint")

    with running_service(project.path) as base:
        status, metadata = http(f"{base}/metadata")
        assert status == 200
        means = {feature["name"]: feature["mean"] for feature in metadata["features"]}
        assert NEW_FEATURE in means
        status, answer = http(f"{base}/predict", {"rows": [means]})
        step(f"POST /predict with {NEW_FEATURE}: {status} {answer['predictions']}")
        assert status == 200
        (prediction,) = answer["predictions"]
        assert prediction["percent"] == round(prediction["probability"] * 100, 1)

        without = {name: value for name, value in means.items() if name != NEW_FEATURE}
        status, refusal = http(f"{base}/predict", {"rows": [without]})
        step(f"POST /predict without {NEW_FEATURE}: {status} {refusal['detail']}")
        assert status == 422
        assert refusal["detail"][0]["loc"] == ["body", "rows", 0, NEW_FEATURE]

        status, openapi = http(f"{base}/openapi.json")
        schemas = openapi["components"]["schemas"]
        assert NEW_FEATURE in schemas["Row"]["properties"]
        assert "percent" in schemas["ClassPrediction"]["properties"]
        status, v2 = http(f"{base}/v2/models/{project.answers['package_name']}")
        step(f"GET /v2/models/<package> inputs: {v2['inputs']}")
        assert v2["inputs"][0]["shape"] == [-1, len(means)]
