"""Session 50, from round 55 and K35.

Kinds: a README whose code goes with a linked blog post ("code to accompany the [How To
Build ...](https://...) blog post") is its example; a title ending in "boilerplate" names a
template. SEC001: a self-hosted GitHub Actions runner's registration token, as GitHub's
setup page prints it, is a credential."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_kind, shown_findings

_SERVICE: Tree = {
    "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.2\n",
    "train.py": (
        "import joblib\nfrom sklearn.linear_model import LogisticRegression\n\n"
        "joblib.dump(LogisticRegression().fit([[0], [1]], [0, 1]), 'model.joblib')\n"
    ),
    "main.py": (
        "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
        "model = joblib.load('model.joblib')\n\n\n@app.post('/predict')\n"
        "def predict(x: float) -> dict:\n    return {'label': int(model.predict([[x]])[0])}\n"
    ),
}


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        (
            "This repo contains code to accompany the [How To Build One Chatbot]"
            "(https://pub.towardsai.net/how-to-build-one-chatbot-b0accd) blog post on Medium.",
            "example",
        ),
        ("This repo contains the chatbot our support team runs.", "application"),
    ],
    ids=["linked-post", "product"],
)
def test_code_accompanying_a_linked_blog_post_is_its_example(
    tmp_path: Path, opening: str, kind: str
) -> None:
    tree: Tree = {**_SERVICE, "README.md": f"# Introduction\n\n{opening}\n"}
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [("# Flask ML boilerplate", "template"), ("# Flask ML jobs", "application")],
    ids=["boilerplate", "product"],
)
def test_a_title_ending_in_boilerplate_names_a_template(
    tmp_path: Path, title: str, kind: str
) -> None:
    tree: Tree = {
        **_SERVICE,
        "README.md": f"{title}\nA project structure for a Flask web app running models.\n",
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("token", "found"),
    [("ANJU2HIWMOBGPDBS2VC6NATEJ564O", True), ("${RUNNER_TOKEN}", False)],
    ids=["issued-token", "variable"],
)
def test_sec001_reads_a_runner_registration_token(tmp_path: Path, token: str, found: bool) -> None:
    tree: Tree = {
        **_SERVICE,
        "README.md": (
            "# Runner\n\n```\n./config.sh --url https://github.com/me/wandb-cicd "
            f"--token {token}\n```\n"
        ),
    }
    assert bool(shown_findings(tmp_path, tree, "SEC001")) is found
