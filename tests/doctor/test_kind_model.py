"""doctor/kind_model.py: where no kind rule holds, the learned model may make the default
application an example or a library, and names the features that weighed most. Its
weights are data; these tests give it small weight files of their own, so that they say
what the mechanism does whatever the shipped weights learn next; the last two use the
shipped weights on the cases session 36's model got wrong and session 37's reads right."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlops_scaffold.doctor import kind_model
from mlops_scaffold.doctor.kind_model import LEAST_FILES, learned_kind, probabilities, readable
from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, committed_kind, git_commit

KINDS = ("application", "example", "library", "monorepo", "template")
# An application by the rules: scripts that train, a README that says little; as many
# files as the smallest repository the model learnt from.
SCRIPTS: Tree = {f"steps/step_{n}.py": f"print('step {n}')\n" for n in range(LEAST_FILES)}


def _weights(tmp_path: Path, favoured: dict[str, dict[str, float]]) -> Path:
    """A weight file: every bias 0, the given weights per kind, nothing else."""
    data = {
        "bias": dict.fromkeys(KINDS, 0.0),
        "weights": {kind: favoured.get(kind, {}) for kind in KINDS},
    }
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def weights_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Point the model at a weight file a test writes (the cache cleared both ways)."""

    def use(path: Path) -> None:
        monkeypatch.setattr(kind_model, "WEIGHTS", path)
        kind_model._model.cache_clear()

    yield use
    kind_model._model.cache_clear()


def test_the_shipped_weights_give_each_kind_a_probability() -> None:
    chances = probabilities(frozenset({"w:workshop", "top:labs", "notebooks:4+"}))
    assert set(chances) == set(KINDS)
    assert math.isclose(sum(chances.values()), 1.0)


def test_a_word_the_model_weighs_makes_an_example_of_the_default(
    tmp_path: Path, weights_at
) -> None:
    weights_at(_weights(tmp_path, {"example": {"w:zebra": 5.0}}))
    tree = {"README.md": "# Zebra churn\n\nWe fit a churn model.\n", **SCRIPTS}
    assert committed_kind(tmp_path / "repo", tree) == "example"


def test_without_the_word_the_default_stands(tmp_path: Path, weights_at) -> None:
    weights_at(_weights(tmp_path, {"example": {"w:zebra": 5.0}}))
    tree = {"README.md": "# Churn model\n\nWe fit a churn model.\n", **SCRIPTS}
    assert committed_kind(tmp_path / "repo", tree) == "application"


def test_a_tree_smaller_than_any_it_learnt_from_is_not_asked(tmp_path: Path, weights_at) -> None:
    weights_at(_weights(tmp_path, {"example": {"w:zebra": 5.0}}))
    tree = {"README.md": "# Zebra churn\n\nWe fit a churn model.\n", "train.py": "print(1)\n"}
    assert committed_kind(tmp_path / "repo", tree) == "application"


def test_the_report_says_what_weighed(tmp_path: Path, weights_at) -> None:
    weights_at(_weights(tmp_path, {"example": {"w:zebra": 5.0}}))
    build_file_tree(tmp_path, {"README.md": "# Zebra churn\n\nWe fit it.\n", **SCRIPTS})
    git_commit(tmp_path)
    evidence = audit(tmp_path, "DATA004").kind_evidence
    assert evidence.startswith("learned (") and "the word 'zebra'" in evidence


def test_the_evidence_names_the_heaviest_features(tmp_path: Path, weights_at) -> None:
    weights_at(_weights(tmp_path, {"library": {"root:setup.py": 3.0, "w:toolkit": 2.0}}))
    learned = learned_kind(frozenset({"root:setup.py", "w:toolkit", "w:churn"}))
    assert learned is not None and learned.kind == "library"
    assert learned.reasons == ("a root setup.py", "the word 'toolkit'")
    assert learned.probability > 0.9


def test_an_unsure_model_leaves_the_default(tmp_path: Path, weights_at) -> None:
    weights_at(_weights(tmp_path, {"example": {"w:demo": 0.5}}))
    assert learned_kind(frozenset({"w:demo"})) is None  # the top kind, but under one half


def test_a_model_sure_at_the_threshold_gives_its_kind(tmp_path: Path, weights_at) -> None:
    # e^2.5 / (e^2.5 + 4) = 0.75: over the 0.7 session 42 chose on the blind starts
    weights_at(_weights(tmp_path, {"example": {"w:workshop": 2.5}}))
    learned = learned_kind(frozenset({"w:workshop"}))
    assert learned is not None and learned.kind == "example"


def test_a_model_sure_under_the_threshold_leaves_the_default(tmp_path: Path, weights_at) -> None:
    # e^2 / (e^2 + 4) = 0.65: enough at session 39's 0.6, not at 0.7
    weights_at(_weights(tmp_path, {"example": {"w:workshop": 2.0}}))
    assert learned_kind(frozenset({"w:workshop"})) is None


def test_the_model_never_gives_a_monorepo(tmp_path: Path, weights_at) -> None:
    weights_at(_weights(tmp_path, {"monorepo": {"nested_deps:4+": 9.0}}))
    assert learned_kind(frozenset({"nested_deps:4+"})) is None  # rules must find the projects


def test_a_rule_that_holds_is_not_asked_again(tmp_path: Path, weights_at) -> None:
    weights_at(_weights(tmp_path, {"example": {"w:library": 9.0}}))
    tree = {
        "README.md": "# winekit\n\nA library for wine.\n",
        "setup.py": 'from setuptools import setup\nsetup(name="winekit", url="https://x.org",'
        ' classifiers=["Typing :: Typed"], packages=["winekit"])\n',
        "winekit/__init__.py": "",
    }
    assert committed_kind(tmp_path / "repo", tree) == "library"


@pytest.mark.parametrize(
    ("feature", "said"),
    [
        ("w:tutorial", "the word 'tutorial'"),
        ("b:this_workshop", "the words 'this workshop'"),
        ("top:labs", "a top-level labs/"),
        ("root:setup.py", "a root setup.py"),
        ("notebooks:4+", "notebooks: 4+"),
        ("notebooks>python", "notebooks>python"),
        ("package:tested", "tests import the package"),
    ],
)
def test_features_are_said_for_a_reader(feature: str, said: str) -> None:
    assert readable(feature) == said


# A small library without packaging metadata: a package its tests import, usage examples.
UNPACKAGED_LIBRARY: Tree = {
    "README.md": (
        "# tabkit\n\nA small library of feature transformers for tabular models.\n\n"
        "## Usage\n\n```python\nfrom tabkit import Scaler\n```\n"
    ),
    "LICENSE": "MIT\n",
    "tabkit/__init__.py": "from tabkit.t0 import t0\n",
    **{f"tabkit/t{n}.py": f"def t{n}(x):\n    return x\n" for n in range(10)},
    **{
        f"tests/test_t{n}.py": f"from tabkit.t{n} import t{n}\n\n\ndef test_it():\n"
        f"    assert t{n}(1) == 1\n"
        for n in range(8)
    },
    "examples/scale.py": "import tabkit\n",
    "requirements.txt": "numpy\n",
}
# A 27-file Flask service whose README says two lines (session 36's model made it an example).
THIN_SERVICE: Tree = {
    "README.md": "# Churn API\n\nPredicts churn.\n",
    "app.py": (
        "import joblib\nfrom flask import Flask, request\n\napp = Flask(__name__)\n"
        "model = joblib.load('model.pkl')\n\n\n@app.route('/predict', methods=['POST'])\n"
        "def predict():\n    return {'y': model.predict([request.json['x']]).tolist()}\n"
    ),
    "train.py": (
        "import joblib\nfrom sklearn.linear_model import LogisticRegression\n\n"
        "joblib.dump(LogisticRegression().fit([[0], [1]], [0, 1]), 'model.pkl')\n"
    ),
    "requirements.txt": "flask\nscikit-learn\njoblib\n",
    "Procfile": "web: gunicorn app:app\n",
    **{f"static/style{n}.css": "body {}\n" for n in range(12)},
    **{f"templates/page{n}.html": "<html></html>\n" for n in range(10)},
}


def test_the_shipped_model_reads_an_unpackaged_library(tmp_path: Path) -> None:
    build_file_tree(tmp_path, UNPACKAGED_LIBRARY)
    git_commit(tmp_path)
    report = audit(tmp_path, "DATA004")
    assert report.kind == "library"
    assert report.kind_evidence.startswith("learned (")
    # Which of the tree's features weigh most moves with each retraining; each is its own.
    own = ("tests import the package", "a top-level examples/", "a root LICENSE", "'library'")
    assert any(feature in report.kind_evidence for feature in own)


def test_the_shipped_model_leaves_a_thin_flask_service_an_application(tmp_path: Path) -> None:
    assert len(THIN_SERVICE) >= LEAST_FILES
    assert committed_kind(tmp_path / "repo", THIN_SERVICE) == "application"
