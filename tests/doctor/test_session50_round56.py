"""Session 50, from round 56.

Kinds: "This quickstart demonstrates how to" says the repository shows something; a
repository whose README links a paper on arXiv is that paper's code even when its one
project is a package. ENV001: a pipeline step's own pyproject.toml in a subfolder, with its
dependencies, declares them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_kind, committed_status

_SERVICE: Tree = {
    "requirements.txt": "bentoml==1.2.0\nscikit-learn==1.5.2\n",
    "train.py": (
        "import bentoml\nfrom sklearn.linear_model import LinearRegression\n\n"
        "bentoml.sklearn.save_model('msft', LinearRegression().fit([[0], [1]], [0, 1]))\n"
    ),
    "service.py": (
        "import bentoml\n\n\n@bentoml.service\nclass Stock:\n"
        "    model = bentoml.models.get('msft:latest')\n\n    @bentoml.api\n"
        "    def predict(self, x: float) -> float:\n        return float(x)\n"
    ),
}


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("This quickstart demonstrates how to build a stock price service.", "example"),
        ("This service predicts stock prices for the trading desk.", "application"),
    ],
    ids=["quickstart", "product"],
)
def test_a_quickstart_that_demonstrates_how_is_an_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    assert committed_kind(tmp_path, {**_SERVICE, "README.md": f"# MSFT\n\n{opening}\n"}) == kind


@pytest.mark.parametrize(
    ("link", "kind"),
    [("https://arxiv.org/abs/1703.06870", "example"), ("https://example.com/docs", "library")],
    ids=["paper", "docs"],
)
def test_a_paper_s_code_whose_one_project_is_a_package_stays_an_example(
    tmp_path: Path, link: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": f"# Paper implementations\n\nMask R-CNN ([paper]({link})).\n",
        "Mask RCNN/setup.py": (
            "from setuptools import setup\n\nsetup(name='mask-rcnn', packages=['mrcnn'], "
            "url='https://github.com/o/r', classifiers=['Programming Language :: Python'])\n"
        ),
        "Mask RCNN/mrcnn/__init__.py": "",
        "Mask RCNN/mrcnn/model.py": "def build(config):\n    return config\n",
        "Mask RCNN/requirements.txt": "numpy\n",
        "Deployment/notes.md": "Converted to CoreML.\n",
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("pyproject", "status"),
    [
        (
            '[project]\nname = "training"\nversion = "0.1.0"\ndependencies = ["xgboost==2.1.1"]\n',
            "passed",
        ),
        ("[tool.ruff]\nline-length = 100\n", "failed"),
    ],
    ids=["step-dependencies", "tool-settings"],
)
def test_env001_reads_a_pipeline_step_s_own_pyproject(
    tmp_path: Path, pyproject: str, status: str
) -> None:
    tree: Tree = {
        "ml-platform/src/training/pyproject.toml": pyproject,
        "ml-platform/src/training/train.py": (
            "import xgboost as xgb\n\nmodel = xgb.XGBRanker().fit([[0], [1]], [0, 1])\n"
        ),
    }
    assert committed_status(tmp_path, tree, "ENV001") == status
