"""IMG001 asks for an image only of a project that is deployed: a service alone, run by
hand on the author's machine, asks for none unless the README or CI says it is shipped;
and a managed platform that builds or runs the image (a SageMaker endpoint deployed from
a notebook, a BentoML 0.x bundle) is the image."""

from __future__ import annotations

import json
from pathlib import Path

from tests.doctor.cases import TRAINING
from tests.doctor.helpers import Tree, committed_status

FLASK_APP = (
    "import pickle\n\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n"
    'model = pickle.load(open("model.pkl", "rb"))\n\n\n@app.route("/predict")\n'
    "def predict():\n    return jsonify(model.predict([[1.0]]).tolist())\n\n\n"
    'if __name__ == "__main__":\n    app.run(host="0.0.0.0", port=4444)\n'
)
LOCAL = "# Book recommender\n\nTunes a model and serves it through an API on localhost:4444.\n"


def _img001(root: Path, tree: Tree) -> str:
    return committed_status(
        root, {**TRAINING, "requirements.txt": "flask==3.0.0\n", **tree}, "IMG001"
    )


def test_a_service_run_only_locally_is_not_asked_for_an_image(tmp_path: Path) -> None:
    assert _img001(tmp_path, {"app.py": FLASK_APP, "README.md": LOCAL}) == "not-applicable"


def test_a_service_the_readme_deploys_is_asked_for_an_image(tmp_path: Path) -> None:
    readme = "# Book recommender\n\nThe API is deployed on Heroku.\n"
    assert _img001(tmp_path, {"app.py": FLASK_APP, "README.md": readme}) == "failed"


def test_a_service_a_ci_job_deploys_is_asked_for_an_image(tmp_path: Path) -> None:
    ci = "stages: [deploy]\ndeploy:\n  stage: deploy\n  script:\n    - scp app.py host:\n"
    tree = {"app.py": FLASK_APP, "README.md": LOCAL, ".gitlab-ci.yml": ci}
    assert _img001(tmp_path, tree) == "failed"


def _notebook(*cells: str) -> str:
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [
                {"cell_type": "code", "metadata": {}, "source": cell, "outputs": []}
                for cell in cells
            ],
        }
    )


LAMBDA = (
    "import boto3\n\n\ndef lambda_handler(event, context):\n"
    '    return boto3.client("sagemaker-runtime").invoke_endpoint(EndpointName="fraud")\n'
)
ESTIMATOR = (
    "import sagemaker\n\nmodel = sagemaker.estimator.Estimator(image_uri=uri, role=role)\n"
    "model.fit({'train': data})\n"
)


def test_an_endpoint_deployed_from_a_notebook_runs_in_sagemakers_image(tmp_path: Path) -> None:
    deploy = (
        "predictor = model.deploy(\n    initial_instance_count=1,\n"
        "    instance_type='ml.t2.medium',\n)\n"
    )
    tree = {
        "lambda/handler.py": LAMBDA,
        "notebooks/train.ipynb": _notebook(ESTIMATOR, deploy),
        "README.md": "# Fraud\n\nThe model is deployed to an endpoint.\n",
    }
    assert _img001(tmp_path, tree) == "passed"


def test_a_notebook_that_only_trains_on_sagemaker_gives_no_image(tmp_path: Path) -> None:
    tree = {
        "lambda/handler.py": LAMBDA,
        "notebooks/train.ipynb": _notebook(ESTIMATOR),
        "README.md": "# Fraud\n\nThe model is deployed to an endpoint.\n",
    }
    assert _img001(tmp_path, tree) == "failed"


BENTO_0 = (
    "from bentoml import env, artifacts, api, BentoService\n"
    "from bentoml.adapters import DataframeInput\n"
    "from bentoml.service.artifacts.common import PickleArtifact\n\n\n"
    '@env(requirements_txt_file="./requirements.txt")\n'
    "@artifacts([PickleArtifact('model')])\nclass Classifier(BentoService):\n"
    "    @api(input=DataframeInput(), batch=True)\n    def predict(self, df):\n"
    "        return self.artifacts.model.predict(df)\n"
)
README_BENTO = "# Fraud\n\nThe service is deployed with BentoML.\n"


def test_a_bentoml_0_service_bundle_carries_its_image(tmp_path: Path) -> None:
    tree = {"serving/service.py": BENTO_0, "README.md": README_BENTO}
    assert _img001(tmp_path, tree) == "passed"


def test_a_bentoml_service_of_no_bundle_has_no_image(tmp_path: Path) -> None:
    service = (
        "import bentoml\n\n\n@bentoml.service\nclass Classifier:\n"
        "    @bentoml.api\n    def predict(self, x: float) -> float:\n        return x\n"
    )
    tree = {"serving/service.py": service, "README.md": README_BENTO}
    assert _img001(tmp_path, tree) == "failed"


def test_a_lambda_handler_exists_to_be_deployed(tmp_path: Path) -> None:
    handler = "def lambda_handler(event, context):\n    return {'statusCode': 200}\n"
    assert _img001(tmp_path, {"lambda/handler.py": handler, "README.md": LOCAL}) == "failed"
