"""The tools users really use for a practice, as data: one table per family.

Adding a tracker, a pipeline framework or a serving platform is one line. Each entry names
the tool, a literal its code always holds (found in the one `git grep` pass), and a pattern
that confirms it in code: imports and decorators at the start of a line (a `"` before them
is allowed, for notebook cells stored as JSON strings), so prose and comments do not count.
A service platform also names the checks it satisfies by itself (a health route, metrics).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from mlops_scaffold.doctor.content_hints import content_hints
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.required_text import matches_anywhere
from mlops_scaffold.repo.view import IMPORTED_BEFORE, is_test_path


@dataclass(frozen=True)
class Recogniser:
    """One tool: its name, where it shows (code, file paths) and what it gives for free."""

    name: str
    hints: tuple[str, ...] = ()
    """Literals one of which every matching file holds (searched first, in one `git grep`
    pass over the repository: rare ones, since every occurrence is listed)."""
    code: str = ""
    """A regular expression over a Python file or notebook that confirms the tool is used."""
    paths: str = ""
    """A regular expression over file paths that is evidence by itself (`Snakefile`)."""
    files: str = r"\.(?:py|ipynb)$"
    """A regular expression naming the files whose content `code` is searched in."""
    hints_within: tuple[str, ...] = ("*.py", "*.ipynb")
    """The same files as git pathspecs: where git searches `hints`."""
    gives: frozenset[str] = field(default_factory=frozenset)
    """Checks the tool satisfies without code of yours (a health route, a metrics endpoint)."""
    modules: tuple[str, ...] = ()
    """Modules one of which a matching file imports: files are found by the one `git grep
    -P` pass over import lines (cheaper than a literal per tool), then `code` confirms."""
    needs: tuple[str, ...] = ()
    """Literals one of which every match of `code` holds: a file or notebook cell holding
    none is not searched (a pattern with no literal to skip to scans a whole file to fail)."""
    front_end: bool = False
    """A page users click through (a demo of an example as often as a product): its service
    is judged, but it does not make the repository an application by itself."""
    documented: bool = False
    """Found in a document a reader follows (a README's command): the service is judged
    (its health route, its monitoring), but a document does not make the repository an
    application, and the platform answers for that service alone."""
    in_imports: str = ""
    """A regular expression that, when `code` does not match a file importing one of
    `modules`, may match a module of the repository that file imports itself instead (a page
    whose helper module loads the model): the file then shows the tool too. `code` ends
    with it, so every match holds one of `needs` as well."""
    hands_over: bool = False
    """The file hands the model to the tool's own server (MLflow's scoring server): the
    service is that server, and the file's code (a pipeline that trains, then deploys) is
    not code the service runs."""
    runs_pyfunc: bool = False
    """The server runs an MLflow pyfunc model's own Python code: a `PythonModel` subclass's
    `load_context` and `predict` are code the service runs (MLflow's scoring server, an
    image or endpoint MLflow builds for the model)."""
    trains: str = ""
    """A regular expression over a pipeline's module that declares a step of the tool's
    own training type (SageMaker's `TrainingStep(`, Vertex's `CustomTrainingJobOp`): the
    pipeline trains by that step, whatever script the step is given."""

    def __post_init__(self) -> None:
        if self.hints:
            content_hints(*self.hints, within=self.hints_within)

    # What follows from the fields is worked out once (a cached property of the frozen
    # instance): `recognised` asks for it for each file of each view.
    @cached_property
    def hint_group(self) -> frozenset[bytes]:
        """`hints` as the group `files_containing` is asked for."""
        return frozenset(hint.encode() for hint in self.hints)

    @property
    def code_pattern(self) -> re.Pattern[str] | None:
        """The compiled `code` pattern (multi-line), or None."""
        return _compiled(self.code) if self.code else None

    @cached_property
    def import_is_evidence(self) -> bool:
        """True when `code` asks only for an import of `modules`: then every Python file
        the view's `imports` lists for them matches it, and none needs reading."""
        return bool(self.modules) and self.code == imports(*self.modules)

    @cached_property
    def literals(self) -> tuple[str, ...]:
        """What every match of `code` holds one of: `needs`, or the modules' names when
        `code` is an import of them; empty when nothing is known."""
        return self.needs or (self.modules if self.import_is_evidence else ())

    @cached_property
    def _import_before_call(self) -> re.Pattern[str] | None:
        """The import line `code` opens with when it is an import of `modules`, then
        `in_imports` anywhere after it (a front end's page that loads a model); else None."""
        if not self.in_imports:
            return None
        opening = imports(*self.modules)
        return _compiled(opening) if self.code == opening + LATER + self.in_imports else None

    def shows(self, code: re.Pattern[str], text: str) -> bool:
        """Whether `code` (`code_pattern` or `in_imports_pattern`) matches `text` as code
        (`matches_as_code`). An import, then a call anywhere after it, is searched as the
        first import line, then the call from where that line's import ends, by the
        literals the call starts with: as one pattern, `re` tries the call at every offset
        after the import (a page of 10,000 characters that loads no model: 10,000 tries).
        The answer is the same: a later import line has less text after it, and a match
        starts where its import line does, never in a comment."""
        opening = self._import_before_call
        if opening is None or code is not self.code_pattern:
            return matches_as_code(code, text)
        imported = opening.search(text)
        return imported is not None and matches_anywhere(
            _compiled(self.in_imports), text, imported.end()
        )

    @property
    def in_imports_pattern(self) -> re.Pattern[str] | None:
        """The compiled `in_imports` pattern, or None."""
        return _compiled(self.in_imports) if self.in_imports else None

    @property
    def trains_pattern(self) -> re.Pattern[str] | None:
        """The compiled `trains` pattern, or None."""
        return _compiled(self.trains) if self.trains else None

    @property
    def path_pattern(self) -> re.Pattern[str] | None:
        """The compiled `paths` pattern, or None."""
        return _compiled(self.paths) if self.paths else None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    """The pattern, compiled on first use: most tools' patterns are never searched, no
    file holding one of their literals (their `needs`, their modules' imports)."""
    if pattern not in _PATTERNS:
        _PATTERNS[pattern] = lazy_pattern(pattern, re.MULTILINE)
    return _PATTERNS[pattern]


def matches_as_code(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` matches `text` outside a `#` comment: a line commented out
    (`# tb = TensorBoard(...)` in a script or a notebook's cell) is no code."""
    if not matches_anywhere(pattern, text):  # the fast answer for most files
        return False
    return next(code_matches(pattern, text), None) is not None


def code_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text` that no `#` comment holds."""
    return (match for match in pattern.finditer(text) if not _commented(text, match.start()))


def _commented(text: str, start: int) -> bool:
    """Whether a `#` comment holds the offset: the line before it starts one (after blanks,
    or after the `"` that opens a notebook's source line in its JSON), or holds a `#` after
    a blank outside quotes (`fit(x)  # TensorBoard(...)`; `${#a}` and `"#fff"` are no
    comment)."""
    before = text[text.rfind("\n", 0, start) + 1 : start]
    if before.lstrip(" \t").removeprefix('"').startswith("#"):
        return True
    quote = ""
    for index, char in enumerate(before):
        if quote:
            quote = "" if char == quote and before[index - 1] != "\\" else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and before[index - 1 : index] in (" ", "\t"):
            return True
    return False


def imports(*modules: str) -> str:
    """A pattern for a line importing one of `modules` (or a submodule), first or after
    others (`import os, mlflow`)."""
    names = "|".join(re.escape(module) for module in modules)
    return rf"""^[ \t"]*(?:from[ \t]+|import[ \t]+{IMPORTED_BEFORE})(?:{names})\b"""


def importing(name: str, module: str, gives: frozenset[str] = frozenset()) -> Recogniser:
    """A tool recognised by an import of its module."""
    return Recogniser(name, code=imports(module), gives=gives, modules=(module,))


HEALTH_AND_METRICS = frozenset({"SERVE002", "MON002"})
# A call that loads or runs a model, for apps that are services only when they serve one:
# each way of calling -> the literal every such call holds.
MODEL_CALLS = {
    r"\.predict(?:_proba)?": ".predict",
    r"\bload_model": "load_model",
    r"\btorch\.load": "torch.load",
    r"\bjoblib\.load": "joblib.load",
    r"\bpickle\.load": "pickle.load",
    r"\.from_pretrained": ".from_pretrained",
    r"\bpipeline": "pipeline",
}
MODEL_USE = "(?:" + "|".join(MODEL_CALLS) + r")\s*\("
# What a front end's `code` allows between its import and the call it asks for.
LATER = r"(?s:.*)"
# A call that predicts: a model's `predict`, or a Hugging Face `pipeline` (loads and runs).
PREDICTION = r"(?:\.predict(?:_proba)?|\bpipeline)\s*\("
# ...or a load of a network's weights or a saved model (`torch.load(checkpoint)`,
# `load_model`, `from_pretrained`), which a page loads to run: not a pickle's, which may be
# a search index's.
MODEL_PREDICTION = (
    r"(?:\.predict(?:_proba)?|\bpipeline|\btorch\.load|\bload_model|\.from_pretrained)\s*\("
)

# EXP001: what records a run's parameters and metrics.
# Hugging Face Trainer's integrations (a `report_to` name -> the packages that provide it):
# transformers 4 reports to every one installed unless `report_to` says otherwise.
TRAINER_INTEGRATIONS: dict[str, tuple[str, ...]] = {
    "wandb": ("wandb",),
    "mlflow": ("mlflow", "mlflow-skinny"),
    "tensorboard": ("tensorboard", "tensorboardx"),
    "comet_ml": ("comet-ml",),
    "neptune": ("neptune", "neptune-client"),
    "clearml": ("clearml",),
    "aim": ("aim",),
    "dvclive": ("dvclive",),
    "azure_ml": ("azureml-core",),
    "swanlab": ("swanlab",),
    "trackio": ("trackio",),
    "dagshub": ("dagshub",),
    "flyte": ("flytekit",),
}
TRACKERS = (
    importing("MLflow", "mlflow"),
    importing("Weights & Biases", "wandb"),
    Recogniser("TensorBoard", code=r"\bSummaryWriter\s*\(", modules=("torch", "tensorboardX")),
    Recogniser(  # Keras' callback: writes each epoch's losses and metrics for TensorBoard
        "Keras TensorBoard callback",
        code=r"\bTensorBoard\s*\(",
        modules=("tensorflow", "keras", "tf_keras"),
        needs=("TensorBoard",),
    ),
    Recogniser(
        "TensorFlow summaries",
        code=r"\btf\.summary\.create_file_writer\(",
        modules=("tensorflow",),
    ),
    Recogniser(
        "Lightning loggers",
        code=r"""^[ \t"]*from[ \t]+(?:lightning\.pytorch|pytorch_lightning|lightning)\.loggers\b""",
        modules=("lightning", "pytorch_lightning"),
    ),
    Recogniser(  # an OpenMMLab-style config's logger hooks and visualisation backends
        # (`dict(type="TensorboardLoggerHook")`, `vis_backends=[dict(type="WandbVisBackend")]`,
        # a project's own `dict(type="TensorBoard_Hook")`): the runner logs every interval
        "OpenMMLab logger hooks",
        hints=("LoggerHook", "VisBackend", "ensorboard", "ensorBoard"),
        code=r"""\btype\s*=\s*["'](?:Tensor[Bb]oard|Wandb|WandB|Mlflow|MLflow|Neptune|ClearML)"""
        r"""\w*(?:Hook|VisBackend)["']""",
        files=r"\.py$",
        hints_within=("*.py",),
    ),
    importing("Neptune", "neptune"),
    importing("Comet", "comet_ml"),
    importing("Aim", "aim"),
    importing("ClearML", "clearml"),
    importing("DVCLive", "dvclive"),
    Recogniser("Azure ML run.log", code=r"\bRun\.get_context\(\)", modules=("azureml",)),
    importing("Sacred", "sacred"),
    # kedro-mlflow, declared in a Kedro catalog (conf/base/catalog.yml or a file under
    # catalog/): its datasets log a run's metrics, models and artifacts to MLflow, and the
    # plugin's hooks log the run's parameters with them; no code of the project imports it.
    Recogniser(
        "kedro-mlflow",
        hints=("kedro_mlflow",),
        code=r"^[ \t]*type:[ \t]*[\"']?kedro_mlflow\.io\.",
        files=r"(?:^|/)catalog(?:[\w.-]*\.ya?ml|/[^/]+\.ya?ml)$",
        hints_within=("*.yml", "*.yaml"),
    ),
    # Metaflow keeps every run of a flow: its Parameters and each `self.` artifact a step
    # sets (scores included), versioned and read back with its Client API.
    Recogniser(
        "Metaflow runs",
        code=r"^[ \t]*class[ \t]+\w+[ \t]*\([^)]*\bFlowSpec\b",
        modules=("metaflow",),
        needs=("FlowSpec",),
    ),
    # A model registry entry recorded with the metrics of the run that trained it: each
    # version keeps its scores, to compare and pick from.
    Recogniser(
        "Hopsworks model registry metrics",
        code=r"\.create_model\s*\((?:[^()]|\([^()]*\))*?\bmetrics\s*=",
        modules=("hopsworks", "hsml"),
        needs=("create_model",),
    ),
    Recogniser(  # the same through the registry's framework namespaces, in a module handed
        # the project rather than importing hopsworks (`mr.python.create_model(...)`)
        "Hopsworks model registry metrics",
        hints=("create_model",),
        code=r"\.(?:python|sklearn|tensorflow|torch|llm)\.create_model\s*\("
        r"(?:[^()]|\([^()]*\))*?\bmetrics\s*=",
        files=r"\.py$",
        hints_within=("*.py",),
    ),
    Recogniser(  # a Kubeflow Pipelines component's Metrics output artifact: each run's
        # metrics (`metrics.log_metric("wmape", w)`), kept in the pipeline's ML Metadata
        # beside its parameters and artifacts, to compare runs in the UI
        "Kubeflow Pipelines metrics",
        code=r"\bOutput\s*\[\s*(?:dsl\.)?(?:Classification)?Metrics\s*\]",
        modules=("kfp",),
        needs=("Metrics",),
    ),
    Recogniser(  # a run of a Vertex AI experiment: its parameters and metrics, logged by
        # hand or by autolog()
        "Vertex AI Experiments",
        code=r"\baiplatform\.(?:start_run|log_params|log_metrics|autolog)\s*\(",
        modules=("google",),
        needs=("aiplatform.",),
    ),
    Recogniser(  # `with Run(experiment_name=...) as run: run.log_metric(...)`
        "SageMaker Experiments",
        code=r"""^[ \t"]*from[ \t]+sagemaker\.experiments\b[^\n]*\bimport\b[^\n]*"""
        r"\b(?:Run|load_run)\b",
        modules=("sagemaker",),
        needs=("sagemaker.experiments",),
    ),
    Recogniser(
        "SageMaker model registry metrics",
        code=r"\bModelMetrics\s*\(",
        modules=("sagemaker",),
        needs=("ModelMetrics",),
    ),
    importing("SwanLab", "swanlab"),  # `swanlab.init(config=...)`, `swanlab.log({...})`
    # `from polyaxon import tracking; tracking.init(); tracking.log_metrics(...)` (v0.x:
    # the polyaxon_client package)
    Recogniser(
        "Polyaxon tracking",
        code=imports("polyaxon", "polyaxon_client"),
        modules=("polyaxon", "polyaxon_client"),
    ),
    # Determined's Core API (`core_context.train.report_training_metrics(...)`) or its
    # Trials, whose metrics its master records for every trial
    importing("Determined", "determined"),
    Recogniser(  # Hugging Face's Trainer hands its logs to the trackers `report_to` names
        "Transformers Trainer report_to",
        code=r"""\breport_to\s*=\s*[\[(]?\s*["'](?:"""
        + "|".join(TRAINER_INTEGRATIONS)
        + r""")["']""",
        modules=("transformers", "trl", "setfit", "sentence_transformers"),
        needs=("report_to",),
    ),
    # ZenML's metadata logged on a run, its step or the Model Control Plane's model version
    # (`log_metadata(metadata={"mae": ...})`): kept with each run, shown side by side.
    Recogniser(
        "ZenML run metadata",
        code=r"\blog_(?:model_|step_|artifact_)?metadata\s*\(",
        modules=("zenml",),
        needs=("_metadata",),
    ),
    # Ray Tune keeps each trial's config and the metrics it reports (`tune.report`) in its
    # results folder, with JSON, CSV and TensorBoard logs, and picks the best run from them.
    Recogniser(
        "Ray Tune trials",
        code=r"\b(?:tune\.run|Tuner)\s*\(",
        modules=("ray",),
        needs=("tune.run", "Tuner"),
    ),
)
# Trackers that keep the runs of the flow they are declared in: they track experiments
# only when that flow trains.
RUN_KEEPERS = frozenset({"Metaflow runs"})
# Trackers a run's files (artifacts, texts) are logged to.
TRACKER_MODULES = ("mlflow", "wandb", "neptune", "comet_ml", "clearml", "aim")

# DATA004: what declares the pipeline from data to model.
PIPELINES = (
    Recogniser("MLproject", paths=r"(?:^|/)MLproject$"),
    Recogniser("Snakemake", paths=r"(?:^|/)[Ss]nakefile$|\.smk$"),
    Recogniser("Kedro", paths=r"(?:^|/)(?:pipeline_registry\.py|\.kedro\.yml)$"),
    importing("Airflow DAG", "airflow"),
    importing("Prefect", "prefect"),
    importing("Dagster", "dagster"),
    importing("ZenML", "zenml"),
    # a flow: FlowSpec, or steps of a flow whose FlowSpec base is the project's own class
    Recogniser("Metaflow", code=r"\bFlowSpec\b|@step\b", modules=("metaflow",)),
    Recogniser(
        "Kubeflow Pipelines",
        code=imports("kfp"),
        modules=("kfp",),
        # Vertex AI's training components (google_cloud_pipeline_components)
        trains=r"\b(?:CustomTrainingJobOp|\w*TrainingJob\w*Op|create_custom_training_job_\w+)\b",
    ),
    Recogniser("Azure ML pipeline", code=r"\bPythonScriptStep\s*\(", modules=("azureml",)),
    Recogniser("Azure ML pipeline (v2)", code=r"\bazure\.ai\.ml\.dsl\b", modules=("azure",)),
    importing("Flyte", "flytekit"),
    Recogniser(  # (SDK 3 splits it: `sagemaker.core.workflow`, `sagemaker.mlops.workflow`)
        "SageMaker Pipelines",
        code=r"""^[ \t"]*(?:from|import)[ \t]+sagemaker\.(?:(?:core|mlops)\.)?workflow\b""",
        modules=("sagemaker",),
        needs=("workflow",),
        trains=r"\b(?:TrainingStep|TuningStep)\s*\(",
    ),
    importing("Rocketry", "rocketry"),
    importing("Luigi", "luigi"),  # Tasks whose requires() chain them, run by its scheduler
    importing("Hamilton", "hamilton"),  # a dataflow of functions its driver runs
    # An Argo workflow (or its template, or a schedule of it) with a step that trains:
    # Kubernetes runs its steps in order, as an orchestrator's pipeline does.
    Recogniser(
        "Argo Workflows",
        hints=("argoproj.io",),
        code=r"(?ms)\A(?=.*^kind:[ \t]*(?:Cron)?Workflow(?:Template)?[ \t]*$)(?=.*\btrain)",
        files=r"\.ya?ml$",
        hints_within=("*.yml", "*.yaml"),
    ),
    # A Databricks Asset Bundle's job (databricks.yml or a resource file it includes) with
    # two tasks or more, one named for training: Databricks runs them in order of their
    # `depends_on`, as an orchestrator runs its pipeline's steps.
    Recogniser(
        "Databricks job (bundle)",
        hints=("task_key",),
        code=r"(?ms)\A(?=.*^[ \t]*jobs:[ \t]*$)(?=(?:.*?^[ \t]*-[ \t]*task_key:){2})"
        r"(?=.*\btrain)",
        files=r"\.ya?ml$",
        hints_within=("*.yml", "*.yaml"),
    ),
    Recogniser(
        "ClearML pipeline",
        code=r"\bPipelineController\s*\(|@PipelineDecorator\.pipeline\b",
        modules=("clearml",),
        needs=("PipelineController", "PipelineDecorator"),
    ),
    # Mage's blocks (`@data_loader`, `@transformer`, `@data_exporter`), chained by the
    # pipeline's metadata.yaml and run in order by its scheduler
    importing("Mage", "mage_ai"),
    Recogniser(  # a TFX pipeline: ExampleGen -> Transform -> Trainer(module_file=...) -> ...
        "TFX",
        code=imports("tfx"),
        modules=("tfx",),
        trains=r"\bTrainer\s*\(",
    ),
    # An Azure ML (CLI v2) pipeline job: its `jobs:` run in the order their inputs bind
    # to each other's outputs; one names training, as for Argo
    Recogniser(
        "Azure ML pipeline (YAML)",
        hints=("pipelineJob.schema.json",),
        code=r"(?ms)\A(?=.*pipelineJob\.schema\.json)(?=.*^jobs:[ \t]*$)(?=.*\btrain)",
        files=r"\.ya?ml$",
        hints_within=("*.yml", "*.yaml"),
    ),
)

# An `mlflow models serve` line (continued lines included) that keeps the environment it
# is started in rather than building the model's logged one.
CALLERS_ENVIRONMENT = r"(?:[^#\n]|\\\n)*?(?:--no-conda\b|--env-manager(?:[ \t]+|=)[\"']?local\b)"
# A KServe InferenceService manifest, and what in it runs an image of the repository's
# own: a container it lists, or a serving runtime not among KServe's (`kserve-*`).
KSERVE_MANIFEST = (
    r"(?ms)\A(?=.*^apiVersion:[ \t]*[\"']?serving\.kserve\.io/)"
    r"(?=.*^kind:[ \t]*[\"']?InferenceService\b)"
)
OWN_PREDICTOR_IMAGE = r".*^[ \t]+(?:containers:|runtime:[ \t]*[\"']?(?!kserve-)[\w-])"
# SERVE001: services that are not built on a web framework, and what they give for free.
# Where a command starts a service: Makefiles and shell scripts (their pathspecs for git).
# A justfile's recipes run their lines in a shell, as a Makefile's targets do.
SCRIPT_FILES = r"(?:^|/)(?:[Mm]akefile|GNUmakefile|[Jj]ustfile|\.justfile|[^/]+\.(?:mk|sh))$"
SCRIPTS = ("*Makefile", "*makefile", "*.mk", "*.sh", "*justfile", "*Justfile")
LAMBDA_HANDLER = "AWS Lambda handler"
AZURE_HTTP_FUNCTION = "Azure Functions HTTP trigger"
AZURE_ML_SCORING = "Azure ML scoring script"
AZURE_ML_MLFLOW = "Azure ML web service (MLflow)"
# The v1 web services whose metrics reach Application Insights only where enabled.
AZURE_ML_V1_SERVICES = frozenset({AZURE_ML_SCORING, AZURE_ML_MLFLOW})
# Azure ML v1 web services (ACI, AKS, by the SDK or a deployment config): their requests,
# latency and errors reach Application Insights, the service's metrics, only where the
# deployment enables it (`enable_app_insights=True`, `appInsightsEnabled: true`); off by
# default, where an online deployment (v2) publishes its metrics to Azure Monitor always
# (`AZURE_ML_ONLINE_ENDPOINT`).
AZURE_ML_V1_DEPLOYMENT = lazy_pattern(
    r"\b(?:Aci|Aks)Webservice\.deploy_configuration\s*\("
    r"|^[ \t]*[\"']?computeType[\"']?[ \t]*:[ \t]*[\"']?(?:ACI|AKS)\b",
    re.MULTILINE,
)
# An online endpoint or deployment (v2), whose metrics Azure Monitor keeps whatever the
# v1 web services beside it do: its spec, the CLI or the SDK.
AZURE_ML_ONLINE_ENDPOINT = lazy_pattern(
    r"(?:managed|kubernetes)Online(?:Endpoint|Deployment)\.schema\.json"
    r"|\b(?:Managed|Kubernetes)Online(?:Endpoint|Deployment)\s*\("
    r"|\baz[ \t]+ml[ \t]+online-(?:endpoint|deployment)\b"
)
APP_INSIGHTS_ENABLED = lazy_pattern(
    r"\benable_app_insights[\"']?\s*[:=]\s*True\b"  # a keyword, or a key of the kwargs
    r"|\bappInsightsEnabled[\"']?[ \t]*:[ \t]*[\"']?[Tt]rue\b"
)
AZURE_ML_V1_HINTS = content_hints(
    "deploy_configuration",
    "computeType",
    "enable_app_insights",
    "appInsightsEnabled",
    "collect_model_data",
    "collectModelData",
    "storageEnabled",
    "OnlineEndpoint",
    "OnlineDeployment",
    "online-endpoint",
    "online-deployment",
    within=("*.py", "*.ipynb", "*.yml", "*.yaml", "*.json"),
    on_demand=True,
)


def azure_ml_v1_deployments(
    files_containing: Callable[[frozenset[bytes]], list[str]], text: Callable[[str], str | None]
) -> list[str]:
    """The texts of the files outside tests that may configure Azure ML deployments
    (`AZURE_ML_V1_HINTS`) when one of them deploys a v1 web service (ACI, AKS), else none:
    where the switches a v1 service needs (Application Insights, model data collection)
    are looked for."""
    texts = [
        text(rel) or "" for rel in files_containing(AZURE_ML_V1_HINTS) if not is_test_path(rel)
    ]
    return texts if any(map(AZURE_ML_V1_DEPLOYMENT.search, texts)) else []


# Azure ML's batch deployment contract: its scoring script's `run` takes a mini-batch (the
# files or the rows of a batch job's input), not a request: a batch job, no online service.
AZURE_ML_BATCH_RUN = lazy_pattern(r"^def[ \t]+run[ \t]*\([ \t]*mini_batch\b", re.MULTILINE)
# Where a function's infrastructure is declared: Terraform, CloudFormation and SAM, the
# Serverless Framework, the CDK, Step Functions definitions, deploy scripts and docs.
INFRASTRUCTURE_FILES = (
    "*.tf", "*.yml", "*.yaml", "*.json", "*.py", "*.ts", "*.js", "*.sh", "*Makefile", "*.md",
)  # fmt: skip
# What starts a function without a request, one line a way: a schedule or a workflow's
# state machine. A repository declaring one and no HTTP route runs its functions as batch.
FUNCTION_SCHEDULERS = content_hints(
    "aws_scheduler_schedule",  # Terraform: EventBridge Scheduler
    "aws_sfn_state_machine",  # Terraform: Step Functions
    "AWS::Scheduler::Schedule",  # CloudFormation
    "AWS::StepFunctions::StateMachine",
    "AWS::Serverless::StateMachine",  # SAM
    "Type: Schedule",  # SAM's Schedule and ScheduleV2 events
    "arn:aws:states:::lambda:invoke",  # a state machine's task invoking a function
    "aws_stepfunctions",  # CDK (Python)
    "aws-stepfunctions",  # CDK (TypeScript)
    "Schedule.rate(",  # CDK's EventBridge schedules
    "Schedule.cron(",
    within=INFRASTRUCTURE_FILES,
    on_demand=True,  # asked only of a repository with function handlers
)
# What routes HTTP requests to a function, one line a way: an API Gateway (Terraform,
# CloudFormation, the CDK, the CLI, boto3, or its invoke URL `https://<id>.execute-api.
# <region>.amazonaws.com/...` that a README, a script or a front end calls), a Function
# URL, the Serverless Framework's `http` and `httpApi` events, SAM's `Api` and `HttpApi`
# events.
FUNCTION_ROUTES = content_hints(
    "execute-api.",
    "aws_api_gateway",
    "aws_apigatewayv2",
    "apigateway",
    "ApiGateway",
    "LambdaRestApi",
    "HttpApi",
    "httpApi",
    "Type: Api",
    "- http:",
    "function_url",
    "FunctionUrl",
    "function-url",
    within=(*INFRASTRUCTURE_FILES, "*.jsx", "*.tsx"),
    on_demand=True,
)
# What invokes a function directly, not over HTTP: the CLI's `aws lambda invoke`, boto3's
# `invoke(FunctionName=...)` (another service, a pipeline's step, a script, a README's
# command). A repository that does and routes no HTTP request to any function calls its
# handlers itself: nothing polls them for their health.
FUNCTION_INVOCATIONS = content_hints(
    "lambda invoke", "FunctionName", within=INFRASTRUCTURE_FILES, on_demand=True
)
FUNCTION_INVOCATION = lazy_pattern(
    r"^[^#\n]*\baws[ \t]+lambda[ \t]+invoke\b"
    r"|\.invoke\s*\((?:[^()]|\([^()]*\))*?\bFunctionName\s*=",
    re.MULTILINE,
)
# The SageMaker SDK's deploy of a model to an endpoint: its instance count by name
# (`initial_instance_count=1`) or an instance type of SageMaker's, named or given in
# place (SDK v1's `estimator.deploy(1, "ml.t2.medium")`), or a serverless endpoint.
SAGEMAKER_DEPLOY = (
    r"\.deploy\s*\((?:[^()]|\([^()]*\))*?(?:\binitial_instance_count\s*="
    r"|[\"']ml\.[a-z0-9]+\.[a-z0-9]+[\"']|\bserverless_inference_config\s*=)"
)
# A cloud platform's managed online endpoints: recogniser -> (platform, whether the file
# deploys an endpoint). A SageMaker inference script or an Azure ML scoring script runs
# inside the endpoint and deploys nothing; a notebook's `model.deploy(...)`, an online
# deployment's spec or a Terraform resource deploys one.
MANAGED_ENDPOINTS: dict[str, tuple[str, bool]] = {
    "SageMaker inference script": ("SageMaker", False),
    "SageMaker endpoint": ("SageMaker", True),
    "SageMaker endpoint (notebook)": ("SageMaker", True),
    "SageMaker endpoint (MLflow)": ("SageMaker", True),
    "SageMaker endpoint (infrastructure as code)": ("SageMaker", True),
    "SageMaker endpoint (CDK)": ("SageMaker", True),
    AZURE_ML_SCORING: ("Azure ML", False),
    AZURE_ML_MLFLOW: ("Azure ML", True),
    "Azure ML online deployment": ("Azure ML", True),
    "Vertex AI endpoint": ("Vertex AI", True),
    "Vertex AI endpoint (SDK)": ("Vertex AI", True),
    "Databricks Model Serving endpoint": ("Databricks", True),
}
SERVICES = (
    Recogniser(  # invoked, not polled: the platform answers no health check of its own
        # (a Function URL or an API route reaches the handler, which must answer one), and
        # its invocation counts in CloudWatch are not the model's metrics
        LAMBDA_HANDLER,
        ("handler(", "(event, context)", "(event,context)"),
        # the context may be unused (`_`, `_ctx`) and the parameters one a line; a handler
        # named otherwise takes exactly `(event, context)` (`def predict(event, context)`,
        # which a Lambda image's `CMD ["lambda_function.predict"]` names)
        r"^def[ \t]+\w*handler[ \t]*\(\s*event\b(?:[^,()\[\]\n]|\[[^\]\n]*\])*,"
        r"\s*(?:_?context|_?ctx|_)\b"
        r"|^def[ \t]+\w+[ \t]*\(event,[ \t]*context\)",
    ),
    Recogniser(  # an Azure Functions HTTP trigger: the v1 model's `main(req:
        # func.HttpRequest)` (its function.json binds an httpTrigger to it) or the v2 model's
        # `@app.route(...)`. As for a Lambda, the platform answers no health check and keeps no
        # model metrics; it serves a model only where its code loads or runs one (a relay to
        # an Azure ML endpoint serves none of its own): `RepoView` keeps only those
        AZURE_HTTP_FUNCTION,
        code=imports("azure.functions")
        + r"(?s:.*?)(?:\bHttp(?:Request|Response)\b|^[ \t]*@\w+\.route[ \t]*\()",
        modules=("azure",),
        needs=("HttpRequest", "HttpResponse", ".route("),
    ),
    Recogniser(
        AZURE_ML_SCORING,
        ("def init(",),
        r"(?s)^def[ \t]+init[ \t]*\([ \t]*\).*^def[ \t]+run[ \t]*\(",
        gives=HEALTH_AND_METRICS,
    ),
    Recogniser(
        "Ray Serve",
        code=r"""^[ \t"]*@(?:ray\.)?serve\.deployment\b""",
        modules=("ray",),
        needs=("serve.deployment",),
        gives=HEALTH_AND_METRICS,
    ),
    importing("BentoML", "bentoml", gives=HEALTH_AND_METRICS),
    Recogniser(  # a step that saves the model into BentoML's store and declares no
        # service (an export stage): BentoML's server runs the service module, not it
        "BentoML model export",
        code=r"(?s)\A(?!.*(?:\bService\s*\(|@(?:bentoml\.)?service\b))"
        r".*\bbentoml\.\w+\.(?:save_model|import_model)\s*\(",
        modules=("bentoml",),
        needs=("save_model", "import_model"),
        gives=HEALTH_AND_METRICS,
        hands_over=True,
    ),
    Recogniser(  # the image serves /ping and /health (no metrics) in the model's own env
        "MLflow scoring server image",
        code=r"\bmlflow\.models\.build_docker\s*\(",
        modules=("mlflow",),
        needs=("mlflow.models.build_docker",),
        gives=frozenset({"SERVE002", "ENV004", "IMG001"}),
        hands_over=True,
        runs_pyfunc=True,
    ),
    Recogniser(  # the same image built by MLflow's CLI, from a Makefile or a script
        "MLflow scoring server image (CLI)",
        ("mlflow models build-docker",),
        r"^[^#\n]*\bmlflow[ \t]+models[ \t]+build-docker\b",
        files=SCRIPT_FILES,
        hints_within=SCRIPTS,
        gives=frozenset({"SERVE002", "ENV004", "IMG001"}),
        runs_pyfunc=True,
    ),
    Recogniser(  # Ludwig's own server for a trained model: GET / answers as its health check
        "Ludwig serve (CLI)",
        ("ludwig serve",),
        r"^[^#\n]*\bludwig[ \t]+serve\b",
        files=r"(?:^|/)(?:[Mm]akefile|GNUmakefile|[^/]+\.(?:mk|sh|py))$",
        hints_within=(*SCRIPTS, "*.py"),
        gives=frozenset({"SERVE002", "ENV004"}),
    ),
    Recogniser(  # Google's prediction container serves the model (its health route);
        # the endpoint publishes request, latency and error metrics to Cloud Monitoring
        "Vertex AI endpoint",
        ("deploy-model", "google_vertex_ai_endpoint"),
        r"^[^#\n]*(?:\bgcloud[ \t]+ai[ \t]+endpoints[ \t]+deploy-model\b"
        r"|^[ \t]*resource[ \t]+\"google_vertex_ai_endpoint\")",
        files=r"(?:^|/)(?:[Mm]akefile|GNUmakefile|[^/]+\.(?:mk|sh|tf|ya?ml))$",
        hints_within=(*SCRIPTS, "*.tf", "*.yml", "*.yaml"),
        gives=frozenset({"SERVE002", "MON002", "ENV004"}),
    ),
    Recogniser(  # the same endpoint deployed by the SDK (`model.deploy(endpoint=...,
        # machine_type=...)` after `aiplatform.Model.upload`): the deploying code runs before
        "Vertex AI endpoint (SDK)",
        code=r"\.deploy\s*\((?:[^()]|\([^()]*\))*?"
        r"\b(?:endpoint|machine_type|deployed_model_display_name)\s*=",
        modules=("google",),
        needs=(".deploy",),
        gives=frozenset({"SERVE002", "MON002"}),
        hands_over=True,
    ),
    Recogniser(  # Databricks Model Serving: the endpoint answers its own readiness and
        # publishes request, latency and error metrics, in a container the platform builds
        # from the logged model, as SageMaker's; the deploying code runs before. A
        # notebook saved as source (`# Databricks notebook source`) is a walkthrough, as an
        # .ipynb deploying a model is
        "Databricks Model Serving endpoint",
        code=r"\A(?!\ufeff?# Databricks notebook source)[\s\S]*?"
        r"(?:\bserving_endpoints\.create(?:_and_wait)?\s*\(|\bEndpointCoreConfigInput\s*\()",
        modules=("databricks",),
        needs=("serving_endpoints", "EndpointCoreConfigInput"),
        gives=frozenset({"SERVE002", "MON002", "IMG001"}),
        hands_over=True,
    ),
    Recogniser(  # SageMaker's inference toolkit: a framework container (scikit-learn,
        # PyTorch, XGBoost) imports the entry point and calls its `model_fn(model_dir)` to
        # load the model, then its `predict_fn`: the code the endpoint runs. The container
        # answers /ping; the endpoint publishes metrics to CloudWatch. TensorFlow's
        # Estimator `model_fn(features, labels, mode)` is no such entry point.
        "SageMaker inference script",
        ("def model_fn(",),
        r"^def[ \t]+model_fn[ \t]*\([ \t]*model_dir\b",
        gives=frozenset({"SERVE002", "MON002"}),
    ),
    Recogniser(  # SageMaker's container answers /ping in its own image and environment;
        # the endpoint publishes invocation, latency and error metrics to CloudWatch. The
        # deploying code runs before, not in it.
        "SageMaker endpoint",
        (
            "create-endpoint",
            "create_endpoint",
            "initial_instance_count",
            "serverless_inference_config",
            '"ml.',
            "'ml.",
        ),
        r"^[^#\n]*\baws[ \t]+sagemaker[ \t]+create-endpoint(?![-\w])"
        r"|\.create_endpoint\s*\("
        r"|" + SAGEMAKER_DEPLOY,
        files=r"(?:^|/)(?:[Mm]akefile|GNUmakefile|[^/]+\.(?:mk|sh|ya?ml|py))$",
        hints_within=(*SCRIPTS, "*.yml", "*.yaml", "*.py"),
        gives=frozenset({"SERVE002", "MON002", "ENV004", "IMG001"}),
        hands_over=True,
    ),
    Recogniser(  # the same endpoint deployed from a notebook's cells (`estimator.deploy(
        # initial_instance_count=1, ...)` after training in the notebook)
        "SageMaker endpoint (notebook)",
        code=r"\.create_endpoint\s*\(|" + SAGEMAKER_DEPLOY,
        modules=("sagemaker",),
        needs=("create_endpoint", "initial_instance_count", "serverless_inference_config", "ml."),
        gives=frozenset({"SERVE002", "MON002", "ENV004", "IMG001"}),
        hands_over=True,
    ),
    Recogniser(  # the same endpoint deployed by MLflow (`get_deploy_client("sagemaker:/...")
        # .create_deployment(...)`, `mlflow.sagemaker.deploy(...)`): MLflow builds the
        # model's image and environment; the deploying code runs before, not in it
        "SageMaker endpoint (MLflow)",
        code=r"\bmlflow\.sagemaker\.deploy\s*\("
        r"|\A(?=[\s\S]*[\"']sagemaker\b)[\s\S]*?\bget_deploy_client\s*\(",
        modules=("mlflow",),
        needs=("get_deploy_client", "mlflow.sagemaker"),
        gives=frozenset({"SERVE002", "MON002", "ENV004", "IMG001"}),
        hands_over=True,
        runs_pyfunc=True,
    ),
    Recogniser(  # an Azure ML web service (ACI, AKS) MLflow deploys from a logged model
        # (`mlflow.azureml.deploy(model_uri=..., deployment_config=aci_config)`): MLflow
        # writes its scoring script and builds its image, and Azure ML's inference server
        # answers its liveness route; its metrics as the scoring script's (MON002)
        AZURE_ML_MLFLOW,
        code=r"\bmlflow\.azureml\.deploy\s*\(",
        modules=("mlflow",),
        needs=("mlflow.azureml",),
        gives=HEALTH_AND_METRICS | {"ENV004", "IMG001"},
        hands_over=True,
        runs_pyfunc=True,
    ),
    Recogniser(  # the same endpoint declared as infrastructure: a CloudFormation resource
        # (`Type: AWS::SageMaker::Endpoint`) or a Terraform one (`aws_sagemaker_endpoint`)
        "SageMaker endpoint (infrastructure as code)",
        ("AWS::SageMaker::Endpoint", "aws_sagemaker_endpoint"),
        r"^[ \t]*[\"']?Type[\"']?[ \t]*:[ \t]*[\"']?AWS::SageMaker::Endpoint(?![\w:])"
        r"|^[ \t]*resource[ \t]+\"aws_sagemaker_endpoint\"",
        files=r"\.(?:ya?ml|json|template|tf)$",
        hints_within=("*.yml", "*.yaml", "*.json", "*.template", "*.tf"),
        gives=frozenset({"SERVE002", "MON002", "ENV004", "IMG001"}),
        hands_over=True,
    ),
    Recogniser(  # the same endpoint declared with the CDK (`sagemaker.CfnEndpoint(...)`,
        # `new sagemaker.CfnEndpoint(...)`): a file that names SageMaker, since the Database
        # Migration Service has a `CfnEndpoint` too
        "SageMaker endpoint (CDK)",
        ("CfnEndpoint",),
        r"\A(?=[\s\S]*sagemaker)[\s\S]*?^[^#\n]*\bCfnEndpoint\s*\(",
        files=r"\.(?:py|ts|js)$",
        hints_within=("*.py", "*.ts", "*.js"),
        gives=frozenset({"SERVE002", "MON002", "ENV004", "IMG001"}),
        hands_over=True,
    ),
    Recogniser(  # an Azure ML managed (or Kubernetes) online deployment of a registered
        # model, by its spec, the CLI or the SDK: Azure ML's inference server answers the
        # liveness and readiness probes and the endpoint publishes request, latency and
        # error metrics to Azure Monitor; the deploying files run before, not in it
        "Azure ML online deployment",
        ("OnlineDeployment.schema.json", "online-deployment", "OnlineDeployment("),
        r"^[ \t]*\$schema:[^\n]*/(?:managed|kubernetes)OnlineDeployment\.schema\.json"
        r"|^[^#\n]*\baz[ \t]+ml[ \t]+online-deployment[ \t]+create\b"
        r"|\b(?:Managed|Kubernetes)OnlineDeployment\s*\(",
        files=r"(?:^|/)(?:[Mm]akefile|GNUmakefile|[^/]+\.(?:mk|sh|ya?ml|py))$",
        hints_within=(*SCRIPTS, "*.yml", "*.yaml", "*.py"),
        gives=HEALTH_AND_METRICS,
        hands_over=True,
    ),
    Recogniser(  # BentoML 0.x: the bundle `save()` / `save_to_dir()` writes for a
        # `BentoService` holds a generated Dockerfile the service's image is built from
        "BentoML 0.x service bundle",
        code=r"^[ \t]*class[ \t]+\w+[ \t]*\([^)]*\bBentoService\b",
        modules=("bentoml",),
        needs=("BentoService",),
        gives=HEALTH_AND_METRICS | {"IMG001"},  # its API server: /healthz and /metrics
    ),
    Recogniser(  # the scoring server started by MLflow's CLI in the model's environment
        "MLflow scoring server (CLI)",
        ("mlflow models serve",),
        r"^[^#\n]*\bmlflow[ \t]+models[ \t]+serve\b(?!" + CALLERS_ENVIRONMENT + ")",
        files=SCRIPT_FILES,
        hints_within=SCRIPTS,
        gives=frozenset({"SERVE002", "ENV004"}),
        runs_pyfunc=True,
    ),
    Recogniser(  # the same server in the environment it is started from (`--no-conda`,
        # `--env-manager local`): it installs nothing, so it serves with the caller's set
        "MLflow scoring server (CLI, caller's environment)",
        ("mlflow models serve",),
        r"^[^#\n]*\bmlflow[ \t]+models[ \t]+serve\b(?=" + CALLERS_ENVIRONMENT + ")",
        files=SCRIPT_FILES,
        hints_within=SCRIPTS,
        gives=frozenset({"SERVE002"}),
        runs_pyfunc=True,
    ),
    Recogniser(  # the same server (or its image) as the README or a guide beside it tells
        # the reader to start it: a line of the document that is the command (in a code
        # block, after a prompt or the environment it sets), not prose that names it. The
        # project's own documents only: a sub-example's README serves that sub-example
        "MLflow scoring server (documented)",
        ("mlflow models serve", "mlflow models build-docker"),
        r"^[ \t]*(?:[$>][ \t]*)?(?:[A-Za-z_]\w*=\S*[ \t]+)*"
        r"mlflow[ \t]+models[ \t]+(?:serve|build-docker)\b",
        files=r"^[^/]+\.(?:md|rst)$",
        hints_within=("*.md", "*.rst"),
        gives=frozenset({"SERVE002"}),
        documented=True,
        runs_pyfunc=True,
    ),
    Recogniser(  # ZenML starts MLflow's scoring server (/ping, no metrics) for the model;
        # the step's name in quotes (`pipeline_step_name="mlflow_model_deployer_step"`)
        # looks up a server some pipeline deployed, and deploys nothing itself
        "ZenML MLflow model deployer",
        code=r"""(?<!["'])\bmlflow_model_deployer_step\b(?!["'])""",
        modules=("zenml",),
        needs=("mlflow_model_deployer_step",),
        gives=frozenset({"SERVE002"}),
        hands_over=True,
        runs_pyfunc=True,
    ),
    Recogniser(  # serves /v2/health/ready and Prometheus metrics (port 8002) for the models
        # of its repository; the image or command that starts it runs no code of ours
        "Triton Inference Server",
        ("tritonserver",),
        r"^[ \t]*FROM[ \t]+\S*/tritonserver:(?!\S*-sdk)\S*"
        r"|^[^#\n]*(?:^|[\s\[\"'])tritonserver(?=[\s\]\"']|$)",
        files=r"(?:^|/)(?:(?:Dockerfile|Containerfile)[^/]*|[Mm]akefile|[^/]+\.(?:mk|sh|ya?ml))$",
        hints_within=(*SCRIPTS, "*Dockerfile*", "*Containerfile*", "*.yml", "*.yaml"),
        gives=HEALTH_AND_METRICS,
        hands_over=True,
    ),
    Recogniser(  # TorchServe runs the handler module in its own server (`torchserve
        # --start`, an image FROM pytorch/torchserve): the handler is the service's code, its
        # inference API answers /ping and its metrics API (port 8082) serves Prometheus metrics
        "TorchServe handler",
        code=imports("ts.torch_handler", "ts.context"),
        modules=("ts",),
        gives=HEALTH_AND_METRICS,
    ),
    Recogniser(  # KServe's model server runs a `kserve.Model`; its client (`KServeClient`,
        # the `V1beta1InferenceService` specs) deploys or calls a service, serving none
        "KServe",
        code=imports("kserve") + LATER + r"(?<![\w\"'])(?:ModelServer|Model)\b",
        modules=("kserve",),
        needs=("Model",),
        gives=HEALTH_AND_METRICS,
    ),
    importing("MLServer", "mlserver", gives=HEALTH_AND_METRICS),
    Recogniser(  # serves /_stcore/health; a dashboard that loads no model serves none
        "Streamlit",
        code=imports("streamlit") + LATER + MODEL_USE,
        modules=("streamlit",),
        needs=tuple(MODEL_CALLS.values()),
        in_imports=MODEL_USE,
        gives=frozenset({"SERVE002"}),
        front_end=True,
    ),
    Recogniser(  # no health route of its own; a page that predicts nothing serves no model
        "Gradio",
        code=imports("gradio") + LATER + MODEL_PREDICTION,
        modules=("gradio",),
        needs=(".predict", "pipeline", "torch.load", "load_model", ".from_pretrained"),
        in_imports=MODEL_PREDICTION,
        front_end=True,
    ),
    Recogniser(  # LitServe's server answers GET /health ("ok" once every worker has
        # loaded its model); Prometheus metrics only with a logger the user adds
        "LitServe server",
        code=r"\bLitServer\s*\(",
        modules=("litserve",),
        needs=("LitServer",),
        gives=frozenset({"SERVE002"}),
    ),
    Recogniser(  # Cog builds an image whose HTTP server runs the predictor and answers
        # GET /health-check; it publishes no metrics
        "Cog predictor",
        code=r"^[ \t]*class[ \t]+\w+[ \t]*\([^)]*\bBasePredictor\b",
        modules=("cog",),
        needs=("BasePredictor",),
        gives=frozenset({"SERVE002"}),
    ),
    Recogniser(  # Seldon Core's servers answer /health/ping and export Prometheus metrics;
        # the manifest names the model (`modelUri`) or the image that wraps it
        "Seldon Core deployment",
        ("SeldonDeployment",),
        r"^kind:[ \t]*[\"']?SeldonDeployment\b",
        files=r"\.ya?ml$",
        hints_within=("*.yml", "*.yaml"),
        gives=HEALTH_AND_METRICS,
        hands_over=True,
    ),
    Recogniser(  # ZenML deploys the model to Seldon Core or KServe, whose servers answer
        # the health routes and export Prometheus metrics, in the server's image (or the
        # one ZenML builds for the step): a call of the step, not its definition (`def
        # seldon_model_deployer_step(`) nor an import of it
        "ZenML Seldon or KServe model deployer",
        code=r"(?<![\w\"'])(?<!def )(?:seldon|kserve)_model_deployer_step[ \t]*\(",
        modules=("zenml",),
        needs=("seldon_model_deployer_step", "kserve_model_deployer_step"),
        gives=HEALTH_AND_METRICS | {"ENV004", "IMG001"},
        hands_over=True,
    ),
    Recogniser(  # KServe's model servers (a predictor's `sklearn:`, `model:` with a
        # storageUri) answer its health routes and export Prometheus metrics; an image of
        # the repository's own as the predictor (`containers:`, a runtime of its own)
        "KServe InferenceService",
        ("InferenceService",),
        KSERVE_MANIFEST + "(?=" + OWN_PREDICTOR_IMAGE + ")",
        files=r"\.ya?ml$",
        hints_within=("*.yml", "*.yaml"),
        gives=HEALTH_AND_METRICS,
        hands_over=True,
    ),
    Recogniser(  # the same manifest served by one of KServe's runtimes (its sklearn,
        # tensorflow or MLServer image): the runtime's environment, no set of the project's
        "KServe InferenceService (KServe's runtime)",
        ("InferenceService",),
        KSERVE_MANIFEST + "(?!" + OWN_PREDICTOR_IMAGE + ")",
        files=r"\.ya?ml$",
        hints_within=("*.yml", "*.yaml"),
        gives=HEALTH_AND_METRICS | {"ENV004"},
        hands_over=True,
    ),
    Recogniser(  # TensorFlow Serving answers GET /v1/models/<name> (the model's status);
        # Prometheus metrics only with a --monitoring_config_file
        "TensorFlow Serving",
        ("tensorflow/serving", "tensorflow_model_server"),
        r"^[ \t]*FROM[ \t]+(?:\S*/)?tensorflow/serving(?::(?!\S*devel)\S*)?(?:[ \t]|$)"
        r"|^[^#\n]*(?:^|[\s\[\"'/])tensorflow_model_server(?=[\s\]\"']|$)",
        files=r"(?:^|/)(?:(?:Dockerfile|Containerfile)[^/]*|[Mm]akefile|[^/]+\.(?:mk|sh|ya?ml))$",
        hints_within=(*SCRIPTS, "*Dockerfile*", "*Containerfile*", "*.yml", "*.yaml"),
        gives=frozenset({"SERVE002"}),
        hands_over=True,
    ),
    Recogniser(  # vLLM's OpenAI-compatible server answers GET /health and serves
        # Prometheus metrics on /metrics
        "vLLM server",
        ("vllm serve", "vllm.entrypoints", "vllm/vllm-openai"),
        r"^[^#\n]*(?:\bvllm[ \t]+serve\b|\bvllm\.entrypoints\.openai\.api_server\b)"
        r"|^[ \t]*FROM[ \t]+\S*vllm/vllm-openai\b"
        r"|^[^#\n]*\bimage:[ \t]*[\"']?\S*vllm/vllm-openai\b",
        files=r"(?:^|/)(?:(?:Dockerfile|Containerfile)[^/]*|[Mm]akefile|[^/]+\.(?:mk|sh|ya?ml))$",
        hints_within=(*SCRIPTS, "*Dockerfile*", "*Containerfile*", "*.yml", "*.yaml"),
        gives=HEALTH_AND_METRICS,
        hands_over=True,
    ),
    Recogniser(
        "Modal web endpoint",
        code=r"@(?:modal\.|app\.)?(?:fastapi_endpoint|web_endpoint|asgi_app)\b",
        modules=("modal",),
        needs=("fastapi_endpoint", "web_endpoint", "asgi_app"),
    ),
)

# DATA001: what versions the data.
DATA_VERSIONING = (
    # initialised, or a lock / pointer files recording the data's digests (DATA002 wants
    # the remote to pull them from)
    Recogniser("DVC", paths=r"^\.dvc/config$|^dvc\.lock$|(?:^|/)[^/]+\.dvc$"),
    Recogniser(  # a program or task that has DVC track the data it fetched, the project
        # made at run time (`dvc init --no-scm` in an image): a command or an argument list
        "DVC run by the code",
        ("dvc add", '"dvc", "add"', "'dvc', 'add'"),
        r"""^[^#\n]*(?:\bdvc[ \t]+add\b|["']dvc["'][ \t]*,[ \t]*["']add["'])""",
        files=r"\.(?:py|sh|ya?ml)$|(?:^|/)(?:[Mm]akefile|Dockerfile[^/]*|[Jj]ustfile)$",
        hints_within=("*.py", "*.sh", "*.yml", "*.yaml", "*Makefile", "*Dockerfile*", "*justfile"),
    ),
    Recogniser(
        "Git LFS",
        ("filter=lfs",),
        r"\bfilter=lfs\b",
        files=r"(?:^|/)\.gitattributes$",
        hints_within=("*.gitattributes",),
    ),
    Recogniser(  # git-annex (DataLad datasets too): large files' content kept by digest
        "git-annex",
        ("annex.largefiles",),
        r"\bannex\.largefiles[ \t]*=",
        files=r"(?:^|/)\.gitattributes$",
        hints_within=("*.gitattributes",),
    ),
    Recogniser(
        "W&B dataset artifacts",
        code=r"""\bwandb\.Artifact\s*\([^)]*?\btype\s*=\s*["'][\w-]*data""",
        modules=("wandb",),
    ),
    Recogniser(
        "Azure ML data assets",
        code=r"\.register_on_complete\s*\(|\bcreate_new_version\s*=\s*True"
        r"|\bml_client\.data\.create_or_update\s*\(",
        modules=("azureml", "azure"),
    ),
    Recogniser(  # the same, declared: an asset spec `az ml data create` registers by version
        "Azure ML data assets",
        ("data.schema.json",),
        r"^\$schema:[ \t]*https://azuremlschemas\.azureedge\.net/[\w./-]*/data\.schema\.json",
        files=r"\.ya?ml$",
        hints_within=("*.yml", "*.yaml"),
    ),
    Recogniser(  # a data set's source and digest recorded with each run
        "MLflow datasets",
        code=r"\bmlflow\.log_input\s*\(|\bmlflow\.data\.(?:from_\w+|load_delta)\s*\(",
        modules=("mlflow",),
    ),
    Recogniser(  # a home-grown snapshot: the manifest of the data a run used, logged with it
        "dataset manifest logged to a tracker",
        code=r"(?i)\.log_(?:artifacts?|text|dict)\s*\((?:[^()]|\([^()]*\))*?"
        r"\bdata(?:set)?[_-]?(?:manifest|version|snapshot)",
        modules=TRACKER_MODULES,
    ),
    Recogniser("ClearML datasets", code=r"\bDataset\.create\s*\(", modules=("clearml",)),
    Recogniser(  # each step's output (the frame a pipeline loads) kept as a versioned artifact
        "ZenML step artifacts",
        code=r"^[ \t\"]*@step\b",
        modules=("zenml",),
        needs=("@step",),
    ),
    Recogniser(  # a managed dataset store: each version kept, fetched by name or id
        "Picsellia dataset versions",
        code=r"\.(?:get_dataset_version\w*|get_version|get_last_version|create_version)\s*\(",
        modules=("picsellia",),
        needs=("version",),
    ),
    Recogniser(
        "lakeFS",
        code=imports("lakefs", "lakefs_client", "lakefs_sdk"),
        modules=("lakefs", "lakefs_client", "lakefs_sdk"),
    ),
    importing("Quilt packages", "quilt3"),
    importing("Pachyderm", "python_pachyderm"),
)

# Every module some recogniser looks for the import of.
IMPORTED = tuple(
    sorted(
        {
            module
            for table in (TRACKERS, PIPELINES, SERVICES, DATA_VERSIONING)
            for r in table
            for module in r.modules
        }
    )
)
