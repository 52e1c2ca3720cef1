"""Session 35's fixes of the serving and monitoring checks' false results: a monorepo's
project passes a service's health route, prediction log, metrics and drift monitoring
when another project has them (the corpus rule on nested projects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, committed_status, git_commit


def _reported(root: Path, tree: Tree, check_id: str) -> bool:
    """Whether the check reports a finding on `tree`, built under root and committed."""
    build_file_tree(root, tree)
    git_commit(root)
    return any(f.id == check_id for f in audit(root, check_id).findings)


# -- a monorepo's services credit each other (SERVE002, MON001-MON003) --------------------

PREDICT_ROUTE = (
    "import joblib\nfrom fastapi import FastAPI\n{extra}\napp = FastAPI()\n"
    "model = joblib.load('model.joblib')\n\n\n@app.post('/predict')\n"
    "def predict(x: float) -> dict:\n    return {{'y': float(model.predict([[x]])[0])}}\n"
)
METRICS = "from prometheus_client import make_asgi_app\n"
METRICS_MOUNT = "\napp.mount('/metrics', make_asgi_app())\n"


def _two_services(churn_metrics: bool) -> Tree:
    """A monorepo of two model services, each its own project with an image; `churn`
    exposes Prometheus metrics when asked."""
    tree: Tree = {}
    for name in ("churn", "vision"):
        metrics = churn_metrics and name == "churn"
        app = PREDICT_ROUTE.format(extra=METRICS if metrics else "")
        tree[f"{name}/app.py"] = app + (METRICS_MOUNT if metrics else "")
        tree[f"{name}/pyproject.toml"] = f'[project]\nname = "{name}"\nversion = "1"\n'
        tree[f"{name}/Dockerfile"] = (
            'FROM python:3.12-slim\nCOPY . .\nEXPOSE 80\nCMD ["uvicorn", "app:app"]\n'
        )
    return tree


@pytest.mark.parametrize(("churn_metrics", "reported"), [(True, False), (False, True)])
def test_a_project_with_metrics_gives_the_monorepo_its_metrics(
    tmp_path: Path, churn_metrics: bool, reported: bool
) -> None:
    build_file_tree(tmp_path, _two_services(churn_metrics))
    git_commit(tmp_path)
    report = audit(tmp_path, "MON002")
    assert report.projects == ("churn", "vision")
    assert any(f.id == "MON002" for f in report.findings) is reported


# -- a pickle load handed on as a value (SERVE003) ----------------------------------------

SAVES_SKLEARN = (
    "import mlflow.sklearn\n\n\ndef save(model):\n    mlflow.sklearn.save_model(model, 'out')\n"
)
SCORING = (
    "import os\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
    "def _loader():\n    import mlflow.pyfunc\n\n    return {loader}\n\n\n"
    "MODEL = _loader()(os.environ['MODEL_DIR'])\n\n\n@app.post('/predict')\n"
    "def predict(x: float) -> dict:\n    return {{'y': float(MODEL.predict([[x]])[0])}}\n"
)


@pytest.mark.parametrize(
    ("loader", "reported"),
    [("mlflow.pyfunc.load_model", True), ("mlflow.pyfunc.get_model_dependencies", False)],
)
def test_a_pickle_load_returned_to_be_called_later_is_a_load(
    tmp_path: Path, loader: str, reported: bool
) -> None:
    tree = {"train.py": SAVES_SKLEARN, "app.py": SCORING.format(loader=loader)}
    assert _reported(tmp_path, tree, "SERVE003") is reported


# -- MLflow's scoring server: started from a justfile, running the pyfunc's code ----------

PYFUNC = (
    "import joblib\nimport mlflow\n\n\nclass Model(mlflow.pyfunc.PythonModel):\n"
    "    def load_context(self, context):\n"
    "        self.scaler = joblib.load(context.artifacts['scaler'])\n\n"
    "    def predict(self, context, model_input):\n"
    "        return self.scaler.transform(model_input)\n"
)
SERVE_RECIPE = "serve:\n    uv run -- mlflow models serve -m models:/penguins/1 -p 8080\n"


@pytest.mark.parametrize(("recipes", "reported"), [(SERVE_RECIPE, True), ("train:\n", False)])
def test_a_justfile_recipe_that_serves_a_pyfunc_runs_its_loads(
    tmp_path: Path, recipes: str, reported: bool
) -> None:
    # The recipe starts MLflow's scoring server, which runs the model's load_context.
    tree = {"src/inference/model.py": PYFUNC, "justfile": recipes, **_training()}
    assert _reported(tmp_path, tree, "SERVE003") is reported


def _training() -> Tree:
    return {"src/train.py": "def main(model, x, y):\n    model.fit(x, y)\n"}


# -- SageMaker's data capture set in Python (MON001) --------------------------------------

CAPTURING_DEPLOY = (
    "from mlflow.deployments import get_deploy_client\n\n\n"
    "def deploy(uri: str) -> None:\n    config = {{'instance_type': 'ml.m5.large'}}\n"
    "{capture}"
    "    client = get_deploy_client('sagemaker:/eu-west-1')\n"
    "    client.create_deployment('penguins', uri, config=config)\n"
)
CAPTURE = "    config['data_capture_config'] = {'EnableCapture': True}\n"


@pytest.mark.parametrize(("capture", "reported"), [(CAPTURE, False), ("", True)])
def test_sagemaker_data_capture_configured_in_python_records_predictions(
    tmp_path: Path, capture: str, reported: bool
) -> None:
    tree = {"deploy.py": CAPTURING_DEPLOY.format(capture=capture), **_training()}
    assert _reported(tmp_path, tree, "MON001") is reported


@pytest.mark.parametrize(
    ("tree", "status"),
    [
        ({"deploy.py": CAPTURING_DEPLOY.format(capture="")}, "passed"),
        ({"Makefile": "serve:\n\tmlflow models serve -m models:/penguins/1\n"}, "failed"),
    ],
    ids=["sagemaker-by-mlflow", "scoring-server"],
)
def test_a_sagemaker_endpoint_mlflow_deploys_publishes_its_metrics(
    tmp_path: Path, tree: Tree, status: str
) -> None:
    assert committed_status(tmp_path, {**tree, **_training()}, "MON002") == status


# -- URLs that carry their credential, a W&B key handed to login (SEC001) -----------------

# Made-up credentials, assembled here so no literal in this file looks like one.
DISCORD_TOKEN = "Zq7" * 22
HEX40 = "a1b2c3d4e5" * 4
WEBHOOK = "https://discord" + f"app.com/api/webhooks/{'1' * 18}/{DISCORD_TOKEN}"
DEPLOY_HOOK = "https://api.render.com" + "/deploy/srv-abc123def456?key=Xy9-kL2mNq"


@pytest.mark.parametrize(
    ("path", "content", "reported"),
    [
        ("Jenkinsfile", f"discordSend webhookURL: '{WEBHOOK}'\n", True),
        ("Jenkinsfile", "discordSend webhookURL: env.DISCORD_WEBHOOK\n", False),
        (".github/workflows/deploy.yml", f"run: curl '{DEPLOY_HOOK}'\n", True),
        (".github/workflows/deploy.yml", 'run: curl "$RENDER_DEPLOY_HOOK"\n', False),
        ("nodes.py", f'# wandb.login(key="{HEX40}")\n', True),
        ("nodes.py", 'wandb.login(key=params["wandb_key"])\n', False),
    ],
    ids=["webhook", "webhook-from-env", "deploy-hook", "hook-from-secret", "wandb", "wandb-param"],
)
def test_credentials_carried_by_urls_and_logins_are_secrets(
    tmp_path: Path, path: str, content: str, reported: bool
) -> None:
    assert _reported(tmp_path, {path: content}, "SEC001") is reported


@pytest.mark.parametrize(
    ("value", "reported"), [("", False), ("Qm9xT3k2Zq7LpW8vRt5", True)], ids=["empty", "set"]
)
def test_an_env_variable_left_empty_assigns_nothing(
    tmp_path: Path, value: str, reported: bool
) -> None:
    # The next line's comment is no value of the empty variable.
    env = f"# @sensitive\nAPI_TOKEN={value}\n\n# @description Opt out of telemetry (0 = on)\n"
    assert _reported(tmp_path, {".env.schema": env}, "SEC001") is reported


PEM = "-----BEGIN " + "PRIVATE KEY-----"


@pytest.mark.parametrize(
    ("body", "reported"),
    [("your_private_key", False), ("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ", True)],
    ids=["placeholder", "key-material"],
)
def test_a_one_line_private_key_with_a_placeholder_body_is_none(
    tmp_path: Path, body: str, reported: bool
) -> None:
    config = f'service_account:\n  private_key: "{PEM}\\n{body}\\n-----END PRIVATE KEY-----"\n'
    assert _reported(tmp_path, {"io_config.yaml": config}, "SEC001") is reported


# -- MLflow's local store in a build context (IMG005) -------------------------------------


@pytest.mark.parametrize(("ignored", "reported"), [(".git\nmlruns/\n", False), (".git\n", True)])
def test_mlflows_local_store_stays_out_of_the_build_context(
    tmp_path: Path, ignored: str, reported: bool
) -> None:
    tree = {
        "app.py": PREDICT_ROUTE.format(extra=""),
        "requirements.txt": "fastapi\n",
        "mlruns/1/models/m-1/artifacts/model.pkl": "pickled",
        "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nEXPOSE 80\nCMD ["uvicorn", "app:app"]\n',
        ".dockerignore": ignored,
    }
    assert _reported(tmp_path, tree, "IMG005") is reported


# -- a `docker build` the README runs asks for the image (IMG001) -------------------------

PAGE = (
    "import joblib\nimport streamlit as st\n\nmodel = joblib.load('model.pkl')\n"
    "area = st.number_input('Area')\nst.write(model.predict([[area]])[0])\n"
)


@pytest.mark.parametrize(
    ("readme", "status"),
    [
        ("# Prices\n\n```bash\ndocker build -t prices .\ndocker run prices\n```\n", "failed"),
        ("# Prices\n\n```bash\nstreamlit run app.py\n```\n", "not-applicable"),
    ],
    ids=["docker-build", "streamlit-run"],
)
def test_a_docker_build_the_readme_runs_asks_for_an_image(
    tmp_path: Path, readme: str, status: str
) -> None:
    tree = {"app.py": PAGE, "README.md": readme, "requirements.txt": "streamlit\n"}
    assert committed_status(tmp_path, {**tree, **_training()}, "IMG001") == status
