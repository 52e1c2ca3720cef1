"""SERVE: the model is a service with health endpoints, loading nothing that runs code."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Container, Iterator
from collections.abc import Set as AbstractSet
from functools import cached_property

from mlops_scaffold.doctor.checks.base import (
    Check,
    FilesContaining,
    Hit,
    NotApplicable,
    Outcome,
    Passed,
    TextOf,
    TreeOf,
    mentions,
)
from mlops_scaffold.doctor.checks.model_services import (
    MESSAGE_BUILDERS,
    PREDICTION_ROUTE,
    answers_no_prediction,
    fixed_answer,
    routes,
)
from mlops_scaffold.doctor.content_hints import content_hints
from mlops_scaffold.doctor.own_imports import OwnModules
from mlops_scaffold.doctor.pycode import (
    Indexed,
    dotted,
    enclosing,
    enclosing_function,
    first_string,
    imported,
    indexed,
    keyword_is,
    keyword_is_present,
    own_nodes,
    resolved,
    walked,
)
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.view import is_test_path

# An HTTP Cloud Function (Functions Framework), and the calls that ask a model for
# predictions: a Vertex AI endpoint's `predict`/`raw_predict`, SageMaker's `invoke_endpoint`.
HTTP_FUNCTION_HINT = content_hints("functions_framework", within=("*.py",))
HTTP_FUNCTION_DECORATORS = frozenset({"functions_framework.http", "http"})
PREDICTING_CALLS = frozenset({"predict", "raw_predict", "invoke_endpoint"})
# A function handler's own health check: a function named for it, or a path or an action
# the handler routes (`event["rawPath"] == "/health"`, `{"action": "ping"}`).
FUNCTION_HEALTH = lazy_pattern(
    r"""(?im)^[ \t]*(?:async[ \t]+)?def[ \t]+_?(?:(?:get|check)_)?health\w*[ \t]*\("""
    r"""|["']/?(?:_?health(?:z|[-_]?check)?|ping|livez|readyz)["']"""
)
FUNCTION_WITHOUT_HEALTH = (
    "a function an HTTP route reaches answers no health check, and AWS answers none for it"
)

# `/status` only as a whole route, under an API prefix at most: `/status/{job_id}` or
# `/training/status` reports a job, not the service.
# Health in its spellings: `/health`, `/healthz`, `/healthcheck`, `/health_check`,
# `/health-check`, `/_health`, under any prefix too (`/api/health`, `/v1/healthz`,
# `/services/ping`); a word that only starts so (`/healthcare`) is not one.
HEALTH_ROUTE = lazy_pattern(
    r"""['"](?:/[\w.-]+)*/(?:_?health(?:z|[-_]?check)?|livez|readyz|ready|readiness|liveness"""
    r"""|ping|heartbeat)\b|['"](?:/(?:api|v\d+))*/status['"]"""
)
# A route's handler named for health (`def health()`, `healthcheck`, `get_health`), or a
# docstring that opens saying so ("Health check.", not "Health risk"): a route at any
# path, `/` too, that the code itself calls the health check. `predict_health` is none.
HEALTH_HANDLER = lazy_pattern(
    r"(?i)_?(?:(?:get|check)_)?health(?:z|_?check|_?status)?|_?(?:ping|liveness|readiness)"
)
HEALTH_DOCSTRING = lazy_pattern(
    r"(?i)\s*(?:the\s+|a\s+)?(?:health|liveness|readiness)[\s-]*(?:check|probe|endpoint)"
)
# A handler's docstring that says the route tells whether the service is up: "can be used to
# test the availability of the application", "checks that the API is alive".
AVAILABILITY_DOCSTRING = lazy_pattern(
    r"(?i)\b(?:test|check|verify|confirm)\w*\s+(?:(?:the|that|if|whether)\s+)?"
    r"(?:availability\b|(?:the\s+)?(?:app|application|service|server|api)\s+is\s+"
    r"(?:up|alive|available|running)\b)"
)
# A handler's docstring that says what the route is for: "Root endpoint for health checks".
HEALTH_PURPOSE = lazy_pattern(
    r"(?i)\b(?:for|used\s+as)\s+(?:the\s+|a\s+)?(?:health|liveness|readiness)[\s-]*"
    r"(?:checks?|checking|probes?)\b"
)
# An OpenAPI tag that files a route under health checks (`tags=["Health Check"]`).
HEALTH_TAG = lazy_pattern(r"(?i)^(?:health|liveness|readiness)\b")
# A module docstring that lists a route as the health check: `GET /: Health check and ...`.
DOCUMENTED_HEALTH = lazy_pattern(r"(?im)^[ \t]*(?:GET|HEAD)[ \t]+(/\S*?)[ \t]*[:-][ \t]*health\b")
# A module without one of these words documents no health route (it is not parsed).
HEALTH_WORDS = lazy_pattern(r"(?i)health|availab|liveness|readiness|\bis\s+(?:up|alive|running)")
ROUTE_DECORATORS = frozenset({"get", "head", "route", "api_route"})
# An OpenAPI specification's operation named for health (connexion, OpenAPI generators).
OPENAPI_FILES = (".yaml", ".yml", ".json")
# A health check a deployment runs against the service: Render's `healthCheckPath`, a
# Kubernetes probe's `httpGet` path, a HEALTHCHECK or compose `healthcheck` that curls a
# local URL. The group is the path polled.
PROBED_PATH = lazy_pattern(
    r"""healthCheckPath:[ \t]*["']?(/[^\s"']*)"""
    r"""|httpGet:\s*\n\s*path:[ \t]*["']?(/[^\s"']*)"""
    r"""|(?i:healthcheck)\b[^\n]*?\b(?:curl|wget)\b[^\n]*?https?://(?:localhost|127\.0\.0\.1|0\.0\.0\.0)"""
    r"""(?::\d+)?(/[^\s"',\]]*)?"""
)
PROBE_HINTS = ("healthCheckPath", "httpGet", "HEALTHCHECK", "healthcheck")
PROBE_FILES = (".yaml", ".yml")
DOCKERFILE_NAME = lazy_pattern(r"(?:^|/)(?:Dockerfile|Containerfile)[^/]*$")
# A root route (`@app.get("/")`, `@app.route('/')`): read for a liveness answer.
ROOT_ROUTE = lazy_pattern(r"""\(\s*["']/["']""")
# A Flask blueprint or a FastAPI router mounted under a prefix (`Blueprint("w", __name__,
# url_prefix="/api/weights")`, `app.register_blueprint(WEIGHTS, url_prefix="/api/weights")`,
# `app.include_router(router, prefix="/items")`): its `/` is the prefix, not the app's root.
PREFIXED_ROUTER = lazy_pattern(
    r"""\b(?:register_blueprint|include_router)\(\s*(?:[\w.]*\.)?(\w+)\s*,[^)]*?"""
    r"""\b(?:url_)?prefix\s*=\s*["'][^"'\s]*\w"""
)
# The prefix a blueprint or a router is mounted under (`include_router(r, prefix="/api")`).
MOUNT_PREFIX = lazy_pattern(
    r"""\b(?:register_blueprint|include_router)\([^)]*?\b(?:url_)?prefix\s*=\s*["'](/[^"'\s]*)["']"""
)
ROUTER_CLASSES = frozenset({"Blueprint", "APIRouter"})
PREFIX_KEYWORDS = frozenset({"url_prefix", "prefix"})
# A route's answer that says whether the model is loaded (`"model_loaded": model is not
# None`): the readiness an orchestrator polls. A bare `"status": "ok"` may be a database's.
READINESS_KEYS = frozenset({"model_loaded", "model_ready", "models_loaded", "is_ready"})
READINESS_WORDS = lazy_pattern(r"""['"](?:model_loaded|model_ready|models_loaded|is_ready)['"]""")
READINESS_HINTS = ("_loaded", "_ready")
# A path with a parameter (`/status/{job_id}`, `/jobs/<id>`) answers about one thing it names.
PATH_PARAMETER = lazy_pattern(r"[{<]")
HEALTH_OPERATION = lazy_pattern(r"""(?im)["']?operationId["']?\s*:\s*["']?[\w.]*health""")
# Calls that unpickle (can run code when loading), as module.function.
UNSAFE_LOADS = frozenset(
    {
        "pickle.load",
        "pickle.loads",
        "cloudpickle.load",
        "cloudpickle.loads",
        "dill.load",
        "dill.loads",
        "joblib.load",
        # scikit-learn's own copy of joblib before 0.23 (`from sklearn.externals import joblib`)
        "sklearn.externals.joblib.load",
        "pandas.read_pickle",
        "torch.load",
        # SetFit saves a scikit-learn head as model_head.pkl and joblib-loads it back
        "setfit.SetFitModel.from_pretrained",
        # MLForecast saves its series and models with cloudpickle and loads them back
        "mlforecast.MLForecast.load",
        # NeuralForecast pickles its configuration and dataset (configuration.pkl,
        # dataset.pkl) beside the checkpoints and unpickles them in `load`
        "neuralforecast.NeuralForecast.load",
        "neuralforecast.core.NeuralForecast.load",
        # fastai's exported Learner (`learn.export()` writes export.pkl), read back with
        # torch.load and its pickle module in full
        "fastai.learner.load_learner",
        "fastai.vision.all.load_learner",
        "fastai.basics.load_learner",
        "fastai.tabular.all.load_learner",
        "fastai.text.all.load_learner",
        # BentoML 0.x: a service's pickled artifact, unpickled when the Bento is served
        "bentoml.service.artifacts.common.PickleArtifact",
        "bentoml.artifact.PickleArtifact",
    }
)
# A framework's flavour -> whether the format it stores a model in is a pickle: its own
# loads (`mlflow.sklearn.load_model`, `bentoml.sklearn.get`) then unpickle, whoever saved
# the model. MLflow's sklearn flavour writes pickle or cloudpickle, its pytorch flavour the
# whole module with torch.save, statsmodels and pmdarima pickle; BentoML's sklearn flavour
# joblib-dumps the estimator, picklable_model cloudpickles any object, pytorch and
# Lightning torch.save the module. The others keep a format of their own (JSON for
# Prophet, XGBoost's and CatBoost's, ONNX, a SavedModel, Hugging Face's files).
FLAVOUR_STORES_PICKLE = {
    "mlflow.sklearn": True,
    "mlflow.pytorch": True,
    "mlflow.statsmodels": True,
    "mlflow.pmdarima": True,
    "mlflow.prophet": False,
    "mlflow.xgboost": False,
    "mlflow.catboost": False,
    "mlflow.onnx": False,
    "mlflow.keras": False,
    "mlflow.tensorflow": False,
    "mlflow.transformers": False,
    "bentoml.sklearn": True,
    "bentoml.picklable_model": True,
    "bentoml.pytorch": True,
    "bentoml.pytorch_lightning": True,
    "bentoml.transformers": False,
    "bentoml.onnx": False,
    "bentoml.keras": False,
    "bentoml.tensorflow": False,
    "bentoml.xgboost": False,
    "bentoml.lightgbm": False,
}
# The loads of a flavour from its module (MLflow's `load_model`; BentoML's `get` too).
FLAVOUR_LOADS = ("load_model", "get")
PICKLE_FLAVOUR_LOADS = frozenset(
    f"{flavour}.{load}"
    for flavour, pickled in FLAVOUR_STORES_PICKLE.items()
    if pickled
    for load in FLAVOUR_LOADS
    if flavour.startswith("bentoml.") or load == "load_model"
)
# Loads that unpickle when the model they load is a pickle: MLflow's pyfunc (whatever
# flavour the model was logged with) and the flavours above. Which it is lives in the
# model's MLmodel file, so they count where the repository commits an MLflow model saved
# so (`serialization_format: cloudpickle`).
# BentoML's MLflow flavour imports an MLflow model into its store and loads it back
# with `mlflow.pyfunc.load_model` (`bentoml.mlflow.get(tag).to_runner()`): it unpickles
# where MLflow's pyfunc load does.
BENTO_MLFLOW_LOADS = frozenset({"bentoml.mlflow.get", "bentoml.mlflow.load_model"})
MLFLOW_LOADS = frozenset(
    {
        "mlflow.pyfunc.load_model",
        "mlflow.sklearn.load_model",
        "mlflow.pytorch.load_model",
        *BENTO_MLFLOW_LOADS,
    }
)
# The same loads where the repository's own code logs or saves its models with a flavour
# that pickles them -> the loads that then read a pickle: `mlflow.sklearn.log_model`
# (cloudpickle by default), `mlflow.pytorch` (a whole module, pickled) and a pyfunc with a
# `python_model` object (cloudpickled; a path to a `.py` file is models-from-code, none).
PICKLING_LOGS = {
    **{
        flavour: frozenset(
            {"mlflow.pyfunc.load_model", f"{flavour}.load_model", *BENTO_MLFLOW_LOADS}
        )
        for flavour, pickled in FLAVOUR_STORES_PICKLE.items()
        if pickled and flavour.startswith("mlflow.")
    },
    "mlflow.pyfunc": frozenset({"mlflow.pyfunc.load_model", *BENTO_MLFLOW_LOADS}),
    # a scikit-learn API LightGBM model (`LGBMRegressor`) is pickled as model.pkl; only a
    # `Booster` is saved in LightGBM's own text format
    "mlflow.lightgbm": frozenset(
        {"mlflow.pyfunc.load_model", "mlflow.lightgbm.load_model", *BENTO_MLFLOW_LOADS}
    ),
}
LIGHTGBM_ESTIMATORS = frozenset({"LGBMClassifier", "LGBMRegressor", "LGBMModel", "LGBMRanker"})
# BentoML's generic get (`bentoml.models.get(tag)`) reads whatever flavour saved the model:
# it unpickles where the repository's code saves its models with a flavour that pickles.
BENTO_GENERIC_LOAD = "bentoml.models.get"
MODEL_CODE_PATH = lazy_pattern(r"\.py\b")
MLFLOW_LOG_HINTS = content_hints(
    "log_model(", "save_model(", "autolog(", "pipeline_ml", within=("*.py", "*.ipynb")
)
# The calls that log or save a flavour's model: autologging logs the model it fits too
# (`mlflow.sklearn.autolog()`, with the same `serialization_format` a log takes).
MODEL_LOGS = frozenset({"log_model", "save_model", "autolog"})
# kedro-mlflow's binding of a training pipeline to its inference pipeline: its hook logs
# the inference pipeline as a pyfunc whose python_model (the pipeline object) is pickled.
PIPELINE_MODELS = frozenset(
    {"kedro_mlflow.pipeline.pipeline_ml_factory", "kedro_mlflow.pipeline.pipeline_ml"}
)
PICKLED_MLFLOW_MODEL = lazy_pattern(
    r"(?m)^[ \t]*(?:pickled_model|python_model|pickle_module_name)[ \t]*:"
    r"|^[ \t]*serialization_format[ \t]*:[ \t]*['\"]?(?:cloud)?pickle"
)
# A class method that unpickles -> the libraries whose classes have it: a module of the
# code a service runs must import one (`MyModel(LightningModule).load_from_checkpoint`
# runs torch.load underneath).
UNSAFE_METHODS = {"load_from_checkpoint": ("lightning", "pytorch_lightning")}
# Ultralytics' model classes: given a `.pt` checkpoint they `torch.load` it (a `.yaml`
# builds a fresh model, an `.onnx` file runs in ONNX Runtime: neither unpickles).
CHECKPOINT_CLASSES = frozenset({"ultralytics.YOLO", "ultralytics.RTDETR"})
TORCH_CHECKPOINT = lazy_pattern(r"\.pth?\b")
# A load handed on as a value, not called where it is named (`return
# mlflow.pyfunc.load_model`, `loader = joblib.load`): a module holding none is not parsed
# for one.
HANDED_LOAD = lazy_pattern(r"(?m)(?:\breturn|=)[ \t]*[\w.]*\bload(?:s|_model)?[ \t]*$")
# Loads not followed where they are handed on as a value (see `_handed_on`).
HANDED_ASIDE = frozenset({"pandas.read_pickle"})
# Loads a `weights_only=True` keyword makes safe (tensors only, no pickled objects).
WEIGHTS_ONLY = frozenset({"torch.load", "load_from_checkpoint"})
# Loads that unpickle only when told to (`numpy.load(path, allow_pickle=True)`: an object
# array is a pickle).
PICKLE_ALLOWED = frozenset({"numpy.load"})
# Those that default to it from torch 2.6 (Lightning passes its own default on).
WEIGHTS_ONLY_BY_DEFAULT = frozenset({"torch.load"})
# The suffixes of a pickle file, which a library's loader may be given (`PICKLE_FILE`).
PICKLE_SUFFIXES = (".pkl", ".pickle", ".joblib")
UNSAFE_HINTS = content_hints(
    "pickle",
    "joblib",
    ".pkl",
    "MLForecast",
    "NeuralForecast",
    "dill",
    "torch.load",
    # `import torch as trch`: its loads are not spelt `torch.load`
    "torch as",
    "load_model",
    "SetFitModel",
    "load_learner",
    "ultralytics",
    "bentoml",
    *UNSAFE_METHODS,
    within=("*.py",),
)
METHOD_LIBRARY_HINTS = content_hints(
    *(library for libraries in UNSAFE_METHODS.values() for library in libraries),
    within=("*.py",),
)
# A file without one of these is not parsed.
LOAD_CALLS = (
    "load(",
    "loads(",
    "read_pickle(",
    "load_model(",
    "SetFitModel.from_pretrained(",
    "YOLO(",
    "RTDETR(",
    ".get(",
    "PickleArtifact(",
    "load_learner(",
    *(f"{m}(" for m in UNSAFE_METHODS),
)
# A path or name that says the file is a data set (a feature matrix), not a model.
DATA_WORDS = lazy_pattern(
    r"(?i)(?:^|[^a-z])(?:data|datasets?|features?|train|test|val|valid|x|y|df|frame|matrix"
    r"|embeddings?)(?:[^a-z]|$)"
)
MODEL_WORDS = lazy_pattern(
    r"(?i)model|clf|classifier|regressor|estimator|pipeline|checkpoint|ckpt|weights|\.pth?\b"
)
# A library's loader given a pickle file (`Model(encoder_path="encoder.joblib")` of a
# wrapper package, `load_predictor("predictor.pkl")`) unpickles it: a file named so, a
# callee named for building or loading a model (a class, `load_*`, `read_*`, `from_*`,
# `restore`), not one that moves or writes the file (`hf_hub_download`, `upload_file`).
PICKLE_FILE = lazy_pattern(r"(?i)\.(?:pkl|pickle|joblib)$")
LOADER_NAME = lazy_pattern(r"^(?:[A-Z]\w*|\w*(?:load|read|restore)\w*|from_\w+)$")
MOVES_FILE = lazy_pattern(r"(?i)save|dump|write|upload|download|log|copy|move|remove|delete|exist")
# A platform's prebuilt serving image that unpickles the model it is given -> what it
# loads: Vertex AI's scikit-learn prediction container reads model.joblib or model.pkl.
# (Its XGBoost container reads a booster as often: not listed.)
UNPICKLING_IMAGES = {
    "vertex-ai/prediction/sklearn-": "Vertex AI's scikit-learn container unpickles model.joblib",
}
# Calls on the load path that verify what is loaded.
VERIFIES = lazy_pattern(r"(?i)hashlib|hmac|sha256|checksum|digest|verify")


def answered_by_platform(
    check_id: str, back_end_files: list[str], platform_covers: dict[str, tuple[str, ...]]
) -> bool:
    """Whether serving platforms satisfy `check_id` for every back-end service: a
    platform answers for the services in its own folders only."""
    covered = platform_covers.get(check_id)
    return covered is not None and all(rel.startswith(covered) for rel in back_end_files)


class SERVE001(Check):
    """Passes when a source module (not a test) imports a web framework: FastAPI, Flask,
    Starlette, BentoML, LitServe, KServe, MLServer, Sanic, Falcon or Tornado (or is a Django
    view: it imports `django.http`, `django.shortcuts`, `django.views` or Django REST
    framework), or runs as a
    Streamlit app that loads or runs a model or a Gradio app that predicts or loads a network's
    weights or a saved model (`torch.load`, `load_model`, `from_pretrained`) (in the page
    itself or in a module of the repository it imports), or is a program scoring a message
    stream (a module run as `__main__` that reads a topic, with kafka-python's or aiokafka's
    consumer, confluent-kafka's `Consumer`, Spark's `readStream` or RabbitMQ's
    `basic_consume`, itself or through the modules it imports, and loads or runs a model on
    what it reads; or a chat bot's module that long-polls its messages, `start_polling()`,
    `run_polling()` or `infinity_polling()`, and answers with a model), or runs on a
    serving platform (an AWS Lambda handler, `def handler(event, context)` with or
    without type hints, its context unused (`_`, `_ctx`) or its parameters one a line, an
    Azure Functions HTTP trigger whose code, or a module of the repository it imports,
    loads or runs a model (`def main(req: func.HttpRequest)`, the v2 model's
    `@app.route(...)`; one that relays the request to an endpoint serves none of its
    own), an Azure ML scoring script,
    an Azure ML online deployment (its spec, `az ml online-deployment create`,
    `ManagedOnlineDeployment(...)`), Ray Serve, MLflow's scoring server (`mlflow models
    serve` in a Makefile, a justfile or a shell script, or as a README or a guide tells the
    reader to start it or its image: a line of a Markdown or reStructuredText document at
    the project's root (not a sub-example's README) that is the command, `mlflow models
    serve -m runs:/...` or `mlflow models build-docker`, after a prompt or the shell
    variables the line sets (`model_id=...; mlflow models serve ...`), not prose naming it; such a
    document's server is judged, but does not make the repository an application), a Vertex
    AI endpoint a script, a workflow, Terraform or the SDK deploys to
    (`model.deploy(endpoint=...)`), a Databricks Model Serving endpoint the code creates
    (not a notebook saved as source, a walkthrough), a SageMaker endpoint CI creates (`aws
    sagemaker create-endpoint`), the SDK deploys
    (`model.deploy(initial_instance_count=...)`, SDK v1's `estimator.deploy(1,
    "ml.t2.medium")` with SageMaker's instance type in place, a serverless endpoint's
    `serverless_inference_config=`), MLflow deploys (`get_deploy_client("sagemaker:/...")`,
    `mlflow.sagemaker.deploy(...)`) or CloudFormation, Terraform or the CDK declares (`Type:
    AWS::SageMaker::Endpoint`, `resource "aws_sagemaker_endpoint"`,
    `sagemaker.CfnEndpoint(...)` in a module that names SageMaker), a SageMaker
    inference script a framework container runs (`def model_fn(model_dir)`), Triton Inference Server
    started by an image or a script (`FROM .../tritonserver:...`, `tritonserver
    --model-repository`), a TorchServe handler (a module importing `ts.torch_handler`: its
    loads are the service's), a Cog predictor (a `BasePredictor` subclass), a Seldon Core or
    KServe manifest (`kind: SeldonDeployment`, `kind: InferenceService`), TensorFlow Serving
    (`FROM tensorflow/serving`, `tensorflow_model_server`), a vLLM server (`vllm serve`)...:
    the table is recognisers.SERVICES). A web app is no prediction service when no code it
    runs loads or runs a model and its routes answer no prediction: each is a stub of a
    prediction route (a path or handler naming predict, infer, score, classify... that only
    logs and answers a fixed message, `return {"message": "Prediction endpoint success"}`;
    an `except` block's error answer apart) or a health check (`/health`, `/qdrant/health`,
    a root route answering a fixed message), and a route that does other work (a query, a
    page) makes it a service. The checks of the service (its health route, its logs, its
    metrics) still judge it."""

    subject = "service_files"

    @staticmethod
    def check(
        service_files: list[str],
        web_apps: list[str],
        service_code: list[str],
        service_uses_a_model: bool,
        syntax_tree: TreeOf,
    ) -> Outcome:
        if not service_files:
            return False
        if service_uses_a_model or not set(service_files) <= set(web_apps):
            return True
        found = answers_no_prediction(service_code, syntax_tree)
        if found is None:
            return True
        rel, line, what = found
        return [Hit(rel, line, f"{what}; no code loads or runs a model")]


class SERVE002(Check):
    """Applies when a service serves a model (see MON001: a web app or a function handler
    whose code neither loads, runs nor names one and does other work serves none). Passes
    when a service module declares a route such as `/health`, `/healthz`, `/healthcheck`,
    `/_health`, `/ready`, `/livez`, `/ping` (under any prefix too, `/api/health`,
    `/services/ping`) or `/status` (under `/api` or `/v1` only: `/training/status` reports a
    job), an OpenAPI specification routes an
    operation named for health (connexion's `operationId: api.controller.health`), a route's
    handler is named or documented as the health check (`@app.get("/")` over `def health()`,
    a "Health check." docstring or one saying what the route is for, "Root endpoint for
    health checks", a `tags=["Health Check"]` that files it under health checks, a docstring
    saying it tests the availability of the application or checks that the service is up, a
    module docstring listing `GET /: Health check`), a root route answers a fixed message
    and does nothing else (`return "API is running"`, `{"status": "ok"}`, a literal it binds
    and returns, `html = "<h3>Home</h3>"`; not a page it renders: its answer says only that
    the service is up; not the `/` of a Flask blueprint or a FastAPI router mounted under a
    prefix, `register_blueprint(bp, url_prefix="/api/weights")`, nor one behind a login,
    `@jwt_required()`, which no probe passes), a route answers whether
    the model is loaded (`{"status": "ok", "model_loaded": model is not None}` at `/` or
    `/api/status`; not a route that predicts nor one whose path names a parameter, and not a
    bare `"status": "ok"`, which a database check answers too), a deployment's health check
    polls a route the service declares (Render's `healthCheckPath: /`, a Kubernetes probe's
    `httpGet` path, a HEALTHCHECK that curls it; not a probe of a Helm chart's dependency, a
    subchart kept in `<chart>/charts/<name>/`, which polls that dependency's containers), or
    the framework provides one (BentoML, KServe, MLServer, Triton, TorchServe, Cog's
    `/health-check`, LitServe's `/health`, a SageMaker endpoint's `/ping`, a Vertex AI or
    Databricks Model Serving endpoint the code deploys) for every back-end service but a
    function beside it that neither loads, runs nor names a model, a CloudFormation custom
    resource's handler or one that starts a pipeline (a
    SageMaker endpoint does not answer for a Flask app in another folder, nor Streamlit's
    `/_stcore/health` for an API beside the page; a platform answers for the modules its
    service imports, a response class importing Starlette in a sibling folder; nor does a
    KServe InferenceService answer for a program the repository's image starts in another
    folder that loads a model artefact itself, a queue worker predicting with its own
    pickled model: its health route is the program's own to declare). AWS Lambda answers no
    health check of its own: a handler a Function URL or an API route reaches (an API
    Gateway the infrastructure declares, or its `execute-api` URL a README or a front end
    calls) must answer one itself, whatever a web app beside it answers, where its code
    loads, runs or names a model (a `def health_check(event, context)` of its module, a
    `"/health"` or `"ping"` it routes); so must an Azure Functions HTTP trigger that
    predicts, and an HTTP Cloud Function that asks a model for predictions
    (`@functions_framework.http`, a gateway calling a Vertex AI endpoint's `predict`): the
    platform's health route probes the model's container, not the relay traffic reaches
    first. Does not apply when every back-end service is a function an event source triggers
    (a Lambda handler that reads `event["Records"]` of a stream or a queue, a background
    Cloud Function, `def handler(event, context)` as a Lambda's, decoding a Pub/Sub
    message's `event["data"]`, in its module or one it imports, or a program scoring a
    message stream, which reads its messages itself), or a function the
    repository invokes directly where no HTTP route reaches any function (`aws lambda
    invoke`, boto3's `invoke(FunctionName=...)`, and no API Gateway, Function URL or `http`
    event), nor when every one is a batch job a schedule or a state machine starts (see
    MON001): nothing polls it."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(
        service_files: list[str],
        back_end_files: list[str],
        event_triggered: list[str],
        http_functions: list[str],
        platform_covers: dict[str, tuple[str, ...]],
        own_model_servers: list[str],
        modelless_functions: list[str],
        text: TextOf,
        files: tuple[str, ...],
        syntax_tree: TreeOf,
        files_containing: FilesContaining,
    ) -> Outcome:
        relays = http_function_relays(files_containing(HTTP_FUNCTION_HINT), syntax_tree)
        # A program the images start that loads a model beside the platform is polled by
        # nothing the platform runs: it answers its own health check.
        own = [rel for rel in own_model_servers if rel not in back_end_files]
        served = [*back_end_files, *own]
        # a function beside the platform that serves no model (a custom resource's handler)
        # is no service for the platform's health route to answer for
        modelled = [rel for rel in served if rel not in modelless_functions]
        if not relays and answered_by_platform("SERVE002", modelled, platform_covers):
            return True
        if not relays and back_end_files and set(served) <= set(event_triggered):
            return NotApplicable("a function an event source triggers or the code invokes")
        # A function a route reaches answers its own health check: a web app's beside it
        # does not answer for it.
        silent = [rel for rel in http_functions if not FUNCTION_HEALTH.search(text(rel) or "")]
        if silent:
            return [Hit(rel, None, FUNCTION_WITHOUT_HEALTH) for rel in silent]
        service_files = [*service_files, *relays, *own]
        if any(mentions(HEALTH_ROUTE, service_files, text)):
            return True
        for rel in service_files:
            tree = syntax_tree(rel) if HEALTH_WORDS.search(text(rel) or "") else None
            line = documented_health_route(tree) if tree is not None else None
            if line is not None:
                return Passed(f"{rel}:{line} a route the code documents as the health check")
        roots = list(mentions(ROOT_ROUTE, service_files, text, ('"/"', "'/'")))
        mounted = {
            name
            for rel in (service_files if roots else ())
            for name in PREFIXED_ROUTER.findall(text(rel) or "")
        }
        for rel in roots:
            tree = syntax_tree(rel)
            line = liveness_root_route(tree, frozenset(mounted)) if tree is not None else None
            if line is not None:
                return Passed(f"{rel}:{line} GET / answers a fixed message: the service is up")
        for rel in mentions(READINESS_WORDS, service_files, text, READINESS_HINTS):
            tree = syntax_tree(rel)
            line = readiness_route(tree) if tree is not None else None
            if line is not None:
                return Passed(f"{rel}:{line} a route answers whether the model is loaded")
        specs = [rel for rel in files if rel.endswith(OPENAPI_FILES)]
        spec = next(mentions(HEALTH_OPERATION, specs, text, ("operationid",)), None)
        if spec:
            return Passed(f"{spec} routes a health operation")
        probed = _probed_route(files, service_files, text)
        return Passed(probed) if probed else False


def http_function_relays(candidates: list[str], syntax_tree: TreeOf) -> list[str]:
    """The HTTP Cloud Functions that ask a model for predictions: a module (not a test)
    with a function decorated `@functions_framework.http` that calls `predict`,
    `raw_predict` or `invoke_endpoint` (a gateway in front of a Vertex AI or SageMaker
    endpoint, or a function that predicts itself). Google answers no health check for such
    a function, as AWS answers none for a Lambda handler."""
    found = []
    for rel in candidates:
        tree = syntax_tree(rel) if rel.endswith(".py") and not is_test_path(rel) else None
        nodes = walked(tree) if tree is not None else ()
        http = any(
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and any(
                dotted(d.func if isinstance(d, ast.Call) else d) in HTTP_FUNCTION_DECORATORS
                for d in node.decorator_list
            )
            for node in nodes
        )
        if http and any(
            isinstance(node, ast.Call) and dotted(node.func).rpartition(".")[2] in PREDICTING_CALLS
            for node in nodes
        ):
            found.append(rel)
    return found


def _probed_route(files: tuple[str, ...], service_files: list[str], text: TextOf) -> str | None:
    """Where a deployment's health check polls a route the service declares: Render's
    `healthCheckPath: /`, a Kubernetes probe's `httpGet` `path:`, a Dockerfile's or a
    compose file's `HEALTHCHECK` / `healthcheck:` that curls the service (`curl -f
    http://localhost:8000/`). The platform restarts what stops answering there. A probe of
    a Helm chart's dependency (a subchart kept in `<chart>/charts/<name>/`, Grafana's in a
    vendored monitoring stack) polls that dependency's containers, not the service."""
    listed = frozenset(files)
    configs = [
        rel
        for rel in files
        if (rel.endswith(PROBE_FILES) or DOCKERFILE_NAME.search(rel))
        and not in_chart_dependency(rel, listed)
    ]
    prefixes: list[str] | None = None  # read once, when a probe is first found
    for rel in mentions(PROBED_PATH, configs, text, PROBE_HINTS):
        for found in PROBED_PATH.finditer(text(rel) or ""):
            path = found.group(1) or found.group(2) or found.group(3) or "/"
            if prefixes is None:
                prefixes = _mount_prefixes(service_files, text)
            for declared in (path, *_unmounted(path, prefixes)):
                route = re.compile(rf"""\(\s*["']{re.escape(declared)}["']""")
                server = next(mentions(route, service_files, text), None)
                if server is not None:
                    return f"{rel} polls {path} as the health check, a route of {server}"
    return None


def _mount_prefixes(service_files: list[str], text: TextOf) -> list[str]:
    """The prefixes the services mount a router or a blueprint under
    (`include_router(skipper.router, prefix="/api/v1/tasks")` -> `/api/v1/tasks`)."""
    return [
        mount.group(1).rstrip("/")
        for rel in mentions(MOUNT_PREFIX, service_files, text, ("prefix",))
        for mount in MOUNT_PREFIX.finditer(text(rel) or "")
    ]


def _unmounted(path: str, prefixes: list[str]) -> list[str]:
    """The routes a polled path may be declared as in a router mounted under one of
    `prefixes` (the router's `@router.get("/")`, polled at `/api/v1/tasks/`)."""
    found = []
    for prefix in prefixes:
        if path.rstrip("/") == prefix:
            found.append("/")
        elif path.startswith(prefix + "/"):
            found.append(path[len(prefix) :])
    return found


def in_chart_dependency(rel: str, listed: AbstractSet[str]) -> bool:
    """Whether a file belongs to a Helm chart's dependency: it sits below `charts/<name>/`
    of a folder holding a `Chart.yaml`, where Helm keeps the subcharts a chart pulls in."""
    parts = rel.split("/")
    return any(
        part == "charts"
        and index + 2 < len(parts)
        and "/".join([*parts[:index], "Chart.yaml"]) in listed
        for index, part in enumerate(parts)
    )


def documented_health_route(tree: ast.Module) -> int | None:
    """The line of a route whose handler is named or documented as the health check, or
    that the module's docstring lists as the health check (`GET /: Health check`)."""
    listed = set(DOCUMENTED_HEALTH.findall(ast.get_docstring(tree) or ""))
    for node in walked(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        paths = [
            first_string(d)
            for d in node.decorator_list
            if isinstance(d, ast.Call) and dotted(d.func).rpartition(".")[2] in ROUTE_DECORATORS
        ]
        if not any(path is not None for path in paths):
            continue
        docstring = ast.get_docstring(node) or ""
        if (
            HEALTH_HANDLER.fullmatch(node.name)
            or HEALTH_DOCSTRING.match(docstring)
            or AVAILABILITY_DOCSTRING.search(docstring)
            or HEALTH_PURPOSE.search(docstring)
            or any(HEALTH_TAG.match(tag) for d in node.decorator_list for tag in _tags(d))
            or listed & {path for path in paths if path is not None}
        ):
            return node.lineno
    return None


def readiness_route(tree: ast.Module) -> int | None:
    """The line of a route, not one that predicts nor one whose path names a parameter,
    whose answer holds whether the model is loaded (`{"status": "ok", "model_loaded":
    model is not None}`, `jsonify({..., "model_loaded": ...})`): the readiness check."""
    for handler, declared in routes(tree, ROUTE_DECORATORS):
        paths = [first_string(d) or "" for d in declared]
        if any(PATH_PARAMETER.search(path) for path in paths):
            continue
        if PREDICTION_ROUTE.search(" ".join([handler.name, *paths])):
            continue
        answers = (n.value for n in walked(handler) if isinstance(n, ast.Return) and n.value)
        if any(_tells_readiness(answer) for answer in answers):
            return handler.lineno
    return None


def _tells_readiness(answer: ast.expr) -> bool:
    """Whether an answer is a mapping (itself, or the one a response is built from) that
    holds whether the model is loaded."""
    if isinstance(answer, ast.Call) and dotted(answer.func).rpartition(".")[2] in MESSAGE_BUILDERS:
        given = [*answer.args[:1], *(k.value for k in answer.keywords if k.arg == "content")]
        return any(_tells_readiness(value) for value in given)
    return isinstance(answer, ast.Dict) and any(
        isinstance(key, ast.Constant) and key.value in READINESS_KEYS for key in answer.keys
    )


def _tags(decorator: ast.expr) -> list[str]:
    """The OpenAPI tags a route decorator files its route under (`tags=["Health"]`)."""
    if not isinstance(decorator, ast.Call):
        return []
    return [
        element.value
        for keyword in decorator.keywords
        if keyword.arg == "tags" and isinstance(keyword.value, (ast.List, ast.Tuple))
        for element in keyword.value.elts
        if isinstance(element, ast.Constant) and isinstance(element.value, str)
    ]


def liveness_root_route(tree: ast.Module, mounted: frozenset[str] = frozenset()) -> int | None:
    """The line of a root route (`@app.get("/")`) whose handler only returns a fixed
    message (`"API is running"`, `{"status": "ok"}`, `jsonify(message="up")`): it does
    no work, so its answer says only that the service is up, as a health route's does.
    Not the `/` of a blueprint or a router mounted under a prefix (`mounted`, or one
    created with it): that route answers at the prefix, a feature's page, not the root;
    nor one behind a login (`@jwt_required()`)."""
    prefixed = mounted | _prefixed_routers(tree)
    for node in walked(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if not any(
            isinstance(d, ast.Call)
            and dotted(d.func).rpartition(".")[2] in ROUTE_DECORATORS
            and first_string(d) == "/"
            and dotted(d.func).rpartition(".")[0] not in prefixed
            for d in node.decorator_list
        ):
            continue
        decorators = (d.func if isinstance(d, ast.Call) else d for d in node.decorator_list)
        if any(AUTH_DECORATOR.search(dotted(d)) for d in decorators):
            continue  # behind a login: no probe can reach it
        body = node.body[1:] if ast.get_docstring(node) is not None else node.body
        if _returns_a_fixed_message(body):
            return node.lineno
    return None


# A decorator that puts a route behind a login (`@jwt_required()`, `@login_required`,
# `@token_required`): a liveness probe, which sends no credentials, cannot reach it.
AUTH_DECORATOR = lazy_pattern(
    r"(?:^|\.)(?:jwt|login|auth|token|permission)_required$|requires_auth$"
)


def _returns_a_fixed_message(body: list[ast.stmt]) -> bool:
    """Whether a handler's body only returns a fixed message: `return "API is running"`,
    or literals bound to names, one of which it returns, formatted with nothing of the
    request (`html = "<h3>Prediction Home</h3>"`, then `return html.format(format)`)."""
    *bindings, last = body or [ast.Pass()]
    literals: set[str] = set()
    for statement in bindings:
        if not (
            isinstance(statement, ast.Assign)
            and all(isinstance(target, ast.Name) for target in statement.targets)
            and fixed_answer(statement.value)
        ):
            return False
        literals |= {target.id for target in statement.targets if isinstance(target, ast.Name)}
    if not isinstance(last, ast.Return):
        return False
    value = last.value
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
        formatted = value.func.attr == "format" and not value.keywords
        # `format` alone is the builtin, the literal's placeholders none: nothing is filled in
        if formatted and all(isinstance(a, ast.Name) and a.id == "format" for a in value.args):
            value = value.func.value
    if isinstance(value, ast.Name):
        return value.id in literals
    return fixed_answer(value)


def _prefixed_routers(tree: ast.Module) -> set[str]:
    """The names a module binds to a blueprint or a router created under a prefix
    (`WEIGHTS = Blueprint("w", __name__, url_prefix="/api/weights")`)."""
    return {
        target.id
        for node in walked(tree)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and dotted(node.value.func).rpartition(".")[2] in ROUTER_CLASSES
        and any(k.arg in PREFIX_KEYWORDS for k in node.value.keywords)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


class SERVE003(Check):
    """Applies when a service serves a model (see MON001). Reports calls of `pickle.load`,
    `joblib.load` (scikit-learn's old `sklearn.externals.joblib` too), `cloudpickle`/`dill`
    loads, `read_pickle`, `MLForecast.load` (cloudpickle underneath), `NeuralForecast.load`
    (its configuration and dataset are pickles), fastai's `load_learner` (an exported
    Learner is a pickle), `numpy.load(..., allow_pickle=True)` (an object array is a
    pickle), and `torch.load` (under any name torch is
    imported as, `import torch as trch`) or Lightning's `load_from_checkpoint` (torch.load
    underneath) without `weights_only=True` (a fallback for a torch too old for the keyword,
    in the `except TypeError:` of a load told it, is none; a `torch.load` not told
    `weights_only=False` is safe where every torch the repository declares, in any of its
    requirements, conda files or pyproject, is 2.6 or later,
    `torch==2.7.0`, `torch>=2.6`: torch then loads tensors only by default; an unversioned or
    older torch anywhere keeps it reported), in the code a service runs: its modules, an MLflow
    pyfunc model's own code where MLflow serves the model (a module defining a `PythonModel`
    subclass, whose `load_context` the scoring server or the image MLflow builds runs), the
    programs the images start that fit no model (`CMD ["python", "consumer.py"]`, the
    modules an image of Seldon Core's Python wrapper copies in for `seldon-core-microservice
    $MODEL_NAME` to serve, a loop
    answering requests from a queue, as MON001 reads them) and the repository's own modules they
    import, directly or not (a model package in another folder too; research scripts beside it
    are not judged; a SageMaker inference script, `def model_fn(model_dir)`, is the code its
    framework container runs). A framework's load of a flavour whose format is a pickle counts
    whoever saved the model: MLflow's `sklearn`, `pytorch`, `statsmodels` and `pmdarima`
    `load_model` (unless the repository's code saves that flavour told another
    `serialization_format`, `skops`) and BentoML's `sklearn`, `picklable_model`, `pytorch` and
    `pytorch_lightning` `get`/`load_model` (Prophet's JSON, XGBoost's, CatBoost's, ONNX, a
    SavedModel or Hugging Face's files are formats of their own: `bentoml.transformers.get`
    makes none). MLflow's `pyfunc` `load_model` (and BentoML's `mlflow` flavour's
    `get`/`load_model`, which loads through it) counts where the repository commits an MLflow
    model saved as a pickle (its MLmodel names a `pickled_model`, a `python_model` or
    `serialization_format: cloudpickle`; not where the code logs its models only with flavours
    of their own format, which are what the registry serves) or whose own code (not its tests),
    in any of its projects (a course's serving lesson loads what its training lesson
    registers), logs or saves its models with a flavour that pickles them
    (`mlflow.sklearn.log_model`/`save_model`/`autolog()`, `mlflow.pytorch`, `mlflow.lightgbm`
    from a module that builds a scikit-learn API estimator, `LGBMRegressor(...)` (MLflow pickles
    it; a `Booster` is saved in LightGBM's own format),
    `mlflow.pyfunc.log_model(python_model=...)` given an object, not a `.py` file; a flavour
    with its own format, XGBoost's or ONNX, makes none), and so do SetFit's
    `SetFitModel.from_pretrained` (it joblib-loads the model's head)
    and Ultralytics' `YOLO`/`RTDETR` given a `.pt` checkpoint (torch.load underneath), and an
    installed library's loader given a pickle file as written (`Model(encoder_path=
    "model/encoder.joblib")` of a wrapper package, `load_predictor("predictor.pkl")`: a class or
    a function named for loading, not the standard library's nor one of the repository's own
    modules, whose code is judged itself; a download or an upload of the file is none), and a
    platform's prebuilt serving image that unpickles the model, named where a service deploys
    it (Vertex AI's scikit-learn container, `vertex-ai/prediction/sklearn-cpu`, loads
    model.joblib; the table is `UNPICKLING_IMAGES`), and MLflow's own server (`mlflow models
    serve`, its image, ZenML's MLflow deployer) where the code binds a Kedro inference
    pipeline into the served pyfunc model with kedro-mlflow's `pipeline_ml_factory(...)`
    (the pipeline and its pickled datasets, cloudpickled as python_model.pkl) or logs its
    models with a flavour that pickles them, as above (autologging too,
    `mlflow.sklearn.autolog()`: the server unpickles what the registry holds). A module
    that only saves the model into BentoML's store (an export step, declaring no service) is not
    code the service runs; the service's own get of a model from BentoML's store
    (`bentoml.models.get`) counts where the repository's code saves it with a flavour that
    pickles or saves `custom_objects` beside it (`bentoml.xgboost.save_model(...,
    custom_objects={"preprocessor": p})`: BentoML cloudpickles them, and the flavour's own get
    then counts too), and so does a BentoML 0.x
    service's `PickleArtifact`, unpickled when the Bento is served. A YOLO checkpoint may be
    named through a name or attribute the module assigns a `.pt` path to (`self.weights =
    os.environ.get("YOLO_MODEL", "yolo11n.pt")`, then `YOLO(self.weights)`). A load handed on as
    a value to be called later counts where it is named: returned by a function that picks the
    loader (`return mlflow.pyfunc.load_model`) or bound to a name (`loader = joblib.load`; not
    pandas' `read_pickle`, which reads data frames as often). Read from the code (never from
    comments or docstrings), unless the function doing the load (or the module, outside its
    functions) verifies a hash before it (hashlib, hmac, a verify/checksum call, itself or
    through a function of the module that does) or the load reads a data set (a path or a target
    named for data: `X_train, y_train = ...`; for a helper that returns what it loads, the paths
    and names at its calls anywhere in the code the service runs: `model =
    load_data(MODEL_PATH)` in another module makes it a model's load; a load inside a function
    or class named for a model, `data = pickle.load(f)` in `MLModel.load`, is the model's)."""

    @staticmethod
    def check(
        service_code: list[str],
        text: TextOf,
        syntax_tree: TreeOf,
        files_containing: FilesContaining,
        files: tuple[str, ...],
        torch_loads_weights_only: bool,
        pickling_logs: PicklingLogs,
        own_modules: OwnModules,
        pyfunc_servers: list[str],
    ) -> Outcome:
        candidates = set(files_containing(UNSAFE_HINTS))
        unsafe = _unsafe_here(
            service_code, files, text, syntax_tree, files_containing, pickling_logs
        )
        sites = CallSites(service_code, text, syntax_tree)
        hits = []
        for rel in service_code:  # a sibling project's module (`../`) was not searched
            searched = rel in candidates or rel.startswith("../")
            content = text(rel) or ""
            may_load = searched and (
                any(c in content for c in (*LOAD_CALLS, *PICKLE_SUFFIXES))
                or bool(HANDED_LOAD.search(content))
            )
            tree = syntax_tree(rel) if may_load else None
            if tree is not None:
                hits += [
                    Hit(rel, line, f"{name}( without an integrity check")
                    for line, name in unsafe_loads(
                        tree, unsafe, sites.words, torch_loads_weights_only, own_modules.top_names
                    )
                ]
        return (
            hits
            + _unpickling_images(service_code, text)
            + _served_python_models(pyfunc_servers, pickling_logs)
        )


def _served_python_models(servers: list[str], logs: PicklingLogs) -> list[Hit]:
    """Where an MLflow server (`mlflow models serve`, ZenML's MLflow deployer) serves a
    model the code logs as a pickle: a pyfunc model bound from a Kedro pipeline
    (`PicklingLogs.python_models`), or one logged with a flavour that pickles it
    (`PicklingLogs.pickled_models`, the corpus rule for MLflow, session 47): the server
    unpickles it, unchecked."""
    logged = [f"python_model logged at {site}" for site in logs.python_models]
    logged += [f"model pickled at {site}" for site in logs.pickled_models]
    detail = "MLflow's server unpickles the {} without an integrity check"
    return [Hit(servers[0], None, detail.format(what)) for what in logged[:1]] if servers else []


def _unpickling_images(service_code: list[str], text: TextOf) -> list[Hit]:
    """The platform images the services deploy the model in that unpickle it
    (`UNPICKLING_IMAGES`), where a deploying file names one: no hash is checked there."""
    hits = []
    for rel in service_code:
        content = text(rel) or ""
        for image, detail in UNPICKLING_IMAGES.items():
            at = content.find(image)
            if at >= 0:
                hits.append(Hit(rel, content.count("\n", 0, at) + 1, detail))
    return hits


class CallSites:
    """What the calls of a function say across the code a service runs: the arguments
    and the names assigned (`model = load_data(MODEL_PATH)` in another module), for a
    helper that returns what it loads. Read only when asked, once per function name."""

    def __init__(self, modules: list[str], text: TextOf, syntax_tree: TreeOf) -> None:
        self.modules, self.text, self.syntax_tree = modules, text, syntax_tree
        self.found: dict[str, list[str]] = {}

    def words(self, function: str) -> list[str]:
        """The arguments and targets of every call of `function` (by its last name)."""
        if function not in self.found:
            words: list[str] = []
            for rel in self.modules:
                tree = self.syntax_tree(rel) if f"{function}(" in (self.text(rel) or "") else None
                if tree is not None:
                    words += _call_words(indexed(tree), function)
            self.found[function] = words
        return self.found[function]


def _unsafe_here(
    serving_path: list[str],
    files: tuple[str, ...],
    text: TextOf,
    syntax_tree: TreeOf,
    files_containing: FilesContaining,
    logs: PicklingLogs,
) -> frozenset[str]:
    """The loads that unpickle in this repository beyond `UNSAFE_LOADS`: a flavour's own
    loads when its format is a pickle, MLflow's and BentoML's generic ones when the
    repository's code logs its models so (`logs`) or commits a pickled MLflow model, a class
    method when the service's code imports the library whose classes have it."""
    found = set(logs.loads) | (PICKLE_FLAVOUR_LOADS - logs.other_formats)
    models = (rel for rel in files if rel.rpartition("/")[2] == "MLmodel")
    # a committed model is not what a registry load reads when the code logs its models
    # only with flavours of their own format (Prophet's JSON): those are served
    if not logs.own_formats_only and any(
        PICKLED_MLFLOW_MODEL.search(text(rel) or "") for rel in models
    ):
        found |= MLFLOW_LOADS
    importing = set(files_containing(METHOD_LIBRARY_HINTS)) & set(serving_path)
    libraries = set()
    for rel in importing:
        tree = syntax_tree(rel)
        libraries |= imported(tree) if tree is not None else set()
    found |= {method for method, owners in UNSAFE_METHODS.items() if libraries & set(owners)}
    return frozenset(found)


class PicklingLogs:
    """How the repository's own code (not its tests; its notebooks' code cells too) logs or
    saves its models with MLflow and BentoML, read once for the whole repository: a
    monorepo's or a course's service may load what a sibling project logs into the
    registry they share, or what a notebook registers."""

    def __init__(self, files_containing: FilesContaining, module_tree: TreeOf) -> None:
        """`module_tree`: a module's syntax tree, or a notebook's code cells as one."""
        self.files_containing, self.module_tree = files_containing, module_tree

    @property
    def loads(self) -> frozenset[str]:
        """The generic loads that read a pickle because a log or save pickles the model
        (`PICKLING_LOGS`; BentoML's `models.get`, and a flavour's get when its save keeps
        `custom_objects`, which BentoML cloudpickles)."""
        return self._read[0]

    @property
    def other_formats(self) -> frozenset[str]:
        """A pickling flavour's loads that read another format here: its saves are told a
        `serialization_format` that is no pickle (`skops`)."""
        return self._read[1]

    @property
    def own_formats_only(self) -> bool:
        """Whether the code logs MLflow models, all with flavours of their own format."""
        return self._read[2]

    @property
    def python_models(self) -> tuple[str, ...]:
        """Where the code binds a Kedro inference pipeline into a pyfunc model
        (`path:line`): kedro-mlflow's `pipeline_ml_factory(...)`, whose pipeline and its
        pickled datasets MLflow cloudpickles as python_model.pkl and artifacts. MLflow's
        scoring server unpickles them to serve it. (A `python_model` object of the
        repository's own is judged by its `load_context`, the code the server runs.)"""
        return self._read[3]

    @property
    def pickled_models(self) -> tuple[str, ...]:
        """Where the code logs or saves an MLflow model with a flavour that pickles it
        (`path:line`): `mlflow.sklearn.log_model`, `mlflow.sklearn.autolog()`, a pytorch
        model, a scikit-learn API LightGBM estimator, a `python_model` object."""
        return self._read[4]

    @cached_property
    def _read(
        self,
    ) -> tuple[frozenset[str], frozenset[str], bool, tuple[str, ...], tuple[str, ...]]:
        found: set[str] = set()
        other: set[str] = set()
        pipelines: list[str] = []
        pickled: list[str] = []
        logged = False
        for rel in self.files_containing(MLFLOW_LOG_HINTS):
            tree = None if is_test_path(rel) else self.module_tree(rel)
            if tree is None:
                continue
            index = indexed(tree)
            for call in index.calls:
                name = resolved(dotted(call.func), index.names)
                flavour, _, function = name.rpartition(".")
                if name in PIPELINE_MODELS:
                    found |= PICKLING_LOGS["mlflow.pyfunc"]
                    pipelines.append(f"{rel}:{call.lineno}")
                if function not in MODEL_LOGS:
                    continue
                if flavour.startswith("bentoml."):
                    found |= _bento_loads(flavour, call)
                elif flavour in FLAVOUR_STORES_PICKLE or flavour in PICKLING_LOGS:
                    logged = True
                    if _pickles(flavour, call, tree):
                        found |= PICKLING_LOGS[flavour]
                        # a notebook's log is what a registry load reads; a server a README
                        # starts serves the project's code's (a course's notebooks log many)
                        if not rel.endswith(".ipynb"):
                            pickled.append(f"{rel}:{call.lineno}")
                    elif FLAVOUR_STORES_PICKLE.get(flavour):
                        other.add(f"{flavour}.load_model")
        own_only = logged and not any(load.startswith("mlflow.") for load in found)
        return frozenset(found), frozenset(other), own_only, tuple(pipelines), tuple(pickled)


def _bento_loads(flavour: str, call: ast.Call) -> set[str]:
    """The loads that unpickle because of a BentoML save: the store's generic get where
    the flavour pickles the model, and the flavour's own where the save keeps
    `custom_objects` (a preprocessor, a label encoder), which BentoML cloudpickles beside
    the model whatever the framework's format."""
    found = {BENTO_GENERIC_LOAD} if FLAVOUR_STORES_PICKLE.get(flavour) else set()
    if keyword_is_present(call, "custom_objects"):
        found |= {f"{flavour}.get", f"{flavour}.load_model", BENTO_GENERIC_LOAD}
    return found


def _pickles(flavour: str, call: ast.Call, tree: ast.Module) -> bool:
    """Whether an MLflow log or save of `flavour` writes a pickle: sklearn unless told
    another `serialization_format`, pytorch always, lightgbm when the module builds a
    scikit-learn API estimator (`LGBMRegressor(...)`), a pyfunc when given a `python_model`
    object (passed by keyword, or in the `**` mapping of a module that names it) that is
    not the path of a `.py` file (models from code)."""
    if flavour == "mlflow.sklearn":
        return not any(
            k.arg == "serialization_format"
            and isinstance(k.value, ast.Constant)
            and "pickle" not in str(k.value.value)
            for k in call.keywords
        )
    if flavour == "mlflow.lightgbm":
        return any(
            isinstance(node, ast.Call)
            and dotted(node.func).rpartition(".")[2] in LIGHTGBM_ESTIMATORS
            for node in walked(tree)
        )
    if flavour != "mlflow.pyfunc":
        return flavour in PICKLING_LOGS
    given = next((k.value for k in call.keywords if k.arg == "python_model"), None)
    if given is not None:
        return not MODEL_CODE_PATH.search(ast.unparse(given))
    return any(k.arg is None for k in call.keywords) and any(
        (isinstance(node, ast.Constant) and node.value == "python_model")
        or (isinstance(node, ast.keyword) and node.arg == "python_model")
        for node in walked(tree)
    )


def _checkpoint_path(call: ast.Call, tree: ast.Module) -> bool:
    """Whether a model class is given a PyTorch checkpoint: its first argument names a
    `.pt`/`.pth` file (`YOLO("best.pt")`, an f-string or a path built with one), or is a
    name or attribute the module assigns one to (`self.model_path = os.environ.get(
    "YOLO_MODEL", "yolo11n.pt")`, then `YOLO(self.model_path)`)."""
    first = (
        call.args[0]
        if call.args
        else next((k.value for k in call.keywords if k.arg == "model"), None)
    )
    if first is None:
        return False
    if TORCH_CHECKPOINT.search(ast.unparse(first)):
        return True
    name = dotted(first)
    return bool(name) and any(
        TORCH_CHECKPOINT.search(ast.unparse(node.value))
        for node in walked(tree)
        if isinstance(node, ast.Assign) and any(dotted(t) == name for t in node.targets)
    )


def unsafe_loads(
    tree: ast.Module,
    also: frozenset[str] = frozenset(),
    call_sites: Callable[[str], list[str]] | None = None,
    weights_only_default: bool = False,
    own_names: AbstractSet[str] = frozenset(),
) -> list[tuple[int, str]]:
    """(line, `module.function`) of each load in `tree` that can run code: those of
    `UNSAFE_LOADS`, and those of `also` (dotted names, or method names of `UNSAFE_METHODS`
    called on any class). `call_sites` gives what the calls of a helper say in other
    modules (`CallSites.words`). With `weights_only_default` (torch 2.6 or later), a
    `torch.load` not told `weights_only=False` loads tensors only. A library's loader
    given a pickle file counts (not one of `own_names`, the repository's own modules,
    whose code is judged itself)."""
    index = indexed(tree)
    loads = []
    for call in index.calls:
        name = resolved(dotted(call.func), index.names)
        func = call.func
        method = func.attr if isinstance(func, ast.Attribute) else ""
        unsafe = name in UNSAFE_LOADS or name in also
        unsafe = unsafe or (name in PICKLE_ALLOWED and keyword_is(call, "allow_pickle", True))
        unsafe = unsafe or (name in CHECKPOINT_CLASSES and _checkpoint_path(call, tree))
        unsafe = unsafe or _library_loads_pickle(call, name, index.names, own_names)
        if isinstance(func, ast.Attribute) and method in UNSAFE_METHODS and method in also:
            unsafe, name = True, f"{dotted(func.value) or 'object'}.{method}"
        if (
            unsafe
            and not _loads_weights_only(call, name, method, weights_only_default)
            and not _older_torch_fallback(call, name, index.parents)
        ):
            loads.append((call, name))
    found: list[tuple[int, str]] = []
    handed = list(_handed_on(index, also))
    if not (loads or handed):
        return found
    checkers = _Checkers(tree)
    for call, name in loads:
        scope = enclosing_function(call, index.parents) or tree
        if _verifies(scope, call.lineno, checkers) or _loads_data(call, scope, index, call_sites):
            continue
        found.append((call.lineno, name.replace("pandas.", "")))
    for reference, name in handed:
        scope = enclosing_function(reference, index.parents) or tree
        if not _verifies(scope, reference.lineno, checkers):
            found.append((reference.lineno, name))
    return sorted(found)


def _library_loads_pickle(
    call: ast.Call, name: str, names: dict[str, str], own_names: AbstractSet[str]
) -> bool:
    """Whether an installed library's loader (not the standard library's, nor the
    repository's own module's) is given a pickle file as written: `Model(encoder_path=
    "model/encoder.joblib")` of a wrapper package."""
    head = dotted(call.func).partition(".")[0]
    module = names.get(head, "").partition(".")[0]
    if not module or module in sys.stdlib_module_names or module in own_names:
        return False
    last = name.rpartition(".")[2]
    if not LOADER_NAME.match(last) or MOVES_FILE.search(last):
        return False
    given = [*call.args, *(k.value for k in call.keywords)]
    return any(
        isinstance(value, ast.Constant)
        and isinstance(value.value, str)
        and bool(PICKLE_FILE.search(value.value))
        for value in given
    )


def _loads_weights_only(call: ast.Call, name: str, method: str, by_default: bool) -> bool:
    """Whether a torch load unpickles tensors only: told `weights_only=True`, or a
    `torch.load` not told otherwise under torch 2.6 or later (`by_default`)."""
    if (name in WEIGHTS_ONLY or method in WEIGHTS_ONLY) and keyword_is(call, "weights_only", True):
        return True
    return (
        by_default
        and name in WEIGHTS_ONLY_BY_DEFAULT
        and not keyword_is_present(call, "weights_only")
    )


def _older_torch_fallback(call: ast.Call, name: str, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether a `torch.load` without `weights_only` is the fallback for a torch too old to
    know the keyword: it runs only in the `except TypeError:` of a `try` whose body makes
    the same load told `weights_only=True` (on torch 1.13 and later, the body's load runs)."""
    if name not in WEIGHTS_ONLY:
        return False
    handler = enclosing(call, parents, ast.ExceptHandler)
    if not isinstance(handler, ast.ExceptHandler) or handler.type is None:
        return False
    attempt = parents.get(handler) if dotted(handler.type) == "TypeError" else None
    return isinstance(attempt, ast.Try) and any(
        isinstance(tried, ast.Call)
        and dotted(tried.func) == dotted(call.func)
        and keyword_is(tried, "weights_only", True)
        for statement in attempt.body
        for tried in ast.walk(statement)
    )


def _handed_on(index: Indexed, also: frozenset[str]) -> Iterator[tuple[ast.expr, str]]:
    """Model loads handed on as a value to be called later: returned (`return
    mlflow.pyfunc.load_model`, a loader a factory picks) or bound to a name (`loader =
    joblib.load`). `read_pickle` reads a data frame as often as not: not followed."""
    for node in index.parents:
        value = node.value if isinstance(node, (ast.Return, ast.Assign)) else None
        if not isinstance(value, (ast.Attribute, ast.Name)):
            continue
        name = resolved(dotted(value), index.names)
        if (name in UNSAFE_LOADS or name in also) and name not in HANDED_ASIDE:
            yield value, name


class _Checkers:
    """The names of the module's functions that verify a hash themselves (`_check(path)`),
    as a container: a function is judged when a load's scope first calls its name, and
    most are never called there."""

    def __init__(self, tree: ast.Module) -> None:
        self.defined: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for node in walked(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.defined.setdefault(node.name, []).append(node)
        self.judged: dict[str, bool] = {}

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str) or name not in self.defined:
            return False
        if name not in self.judged:
            self.judged[name] = any(
                _verifies(node, node.end_lineno or node.lineno, set())
                for node in self.defined[name]
            )
        return self.judged[name]


def _verifies(scope: ast.AST, before: int, checkers: Container[str]) -> bool:
    """Whether the scope's own code (not the functions and classes it defines: a hash of
    hyperparameters for a version id checks no file) verifies what it loads by line
    `before`, itself or through a function of the module that does (`_check(path)`): a
    check after the load comes when unpickling has already run the code."""
    return any(
        VERIFIES.search(name := dotted(c.func))
        or keyword_is_present(c, "trusted")
        or name.rpartition(".")[2] in checkers
        for c in _own_calls(scope)
        if c.lineno <= before
    )


def _own_calls(scope: ast.AST) -> Iterator[ast.Call]:
    """The calls of a function or module body, not those of the definitions in it."""
    return (node for node in own_nodes(scope) if isinstance(node, ast.Call))


def _loads_data(
    call: ast.Call,
    scope: ast.AST,
    index: Indexed,
    call_sites: Callable[[str], list[str]] | None = None,
) -> bool:
    """Whether the load reads a data set: its path, what it is assigned to, or (for a
    helper that returns it, directly or through the name it assigns it to) the paths and
    names at the helper's call sites say data, in its module and, given `call_sites`, in
    the others: `model = load_data(MODEL_PATH)` elsewhere makes it a model's load."""
    parents = index.parents
    words = [_argument_text(call, scope), _target_text(call, parents)]
    function = enclosing_function(call, parents)
    if function is not None and _returns(call, function, parents):
        words += _call_words(index, function.name)
        words += call_sites(function.name) if call_sites is not None else []
    text = " ".join(words)
    # `data = pickle.load(f)` in `MLModel.load` or `load_model()` is still the model's
    owners = " ".join(_owner_names(call, parents))
    return bool(DATA_WORDS.search(text)) and not MODEL_WORDS.search(f"{text} {owners}")


def _owner_names(call: ast.Call, parents: dict[ast.AST, ast.AST]) -> Iterator[str]:
    """The names of the functions and classes around a call, innermost first."""
    node = parents.get(call)
    while node is not None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name
        node = parents.get(node)


def _call_words(index: Indexed, function: str) -> list[str]:
    """The arguments and the assigned names of a module's calls of `function`."""
    words: list[str] = []
    for use in index.calls:
        if dotted(use.func).rpartition(".")[2] == function:
            words += [" ".join(ast.unparse(a) for a in use.args), _target_text(use, index.parents)]
    return words


def _returns(
    call: ast.Call,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    parents: dict[ast.AST, ast.AST],
) -> bool:
    """Whether the function returns what the call gives: `return pickle.load(f)`, or
    `data = pickle.load(f)` and then `return data`."""
    parent = parents.get(call)
    if isinstance(parent, ast.Return):
        return True
    if not (isinstance(parent, ast.Assign) and len(parent.targets) == 1):
        return False
    target = parent.targets[0]
    return isinstance(target, ast.Name) and any(
        isinstance(node, ast.Return)
        and isinstance(node.value, ast.Name)
        and node.value.id == target.id
        for node in ast.walk(function)
    )


def _argument_text(call: ast.Call, scope: ast.AST) -> str:
    """The load's argument as written, with `with open(PATH) as f` followed for `f`."""
    text = " ".join(ast.unparse(a) for a in call.args[:1])
    for node in ast.walk(scope):
        if isinstance(node, ast.With):
            for item in node.items:
                variable = item.optional_vars
                if isinstance(variable, ast.Name) and variable.id == text:
                    return ast.unparse(item.context_expr)
    return text


def _target_text(call: ast.Call, parents: dict[ast.AST, ast.AST]) -> str:
    parent = parents.get(call)
    if isinstance(parent, (ast.Assign, ast.AnnAssign)):
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        return " ".join(ast.unparse(t) for t in targets)
    return ""
