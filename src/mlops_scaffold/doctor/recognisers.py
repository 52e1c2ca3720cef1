"""The tools users really use for a practice, as data: one table per family.

Adding a tracker, a pipeline framework or a serving platform is one line. Each entry names
the tool, a literal its code always holds (found in the one `git grep` pass), and a pattern
that confirms it in code: imports and decorators at the start of a line (a `"` before them
is allowed, for notebook cells stored as JSON strings), so prose and comments do not count.
A service platform also names the checks it satisfies by itself (a health route, metrics).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mlops_scaffold.doctor.checks.base import content_hints


@dataclass(frozen=True)
class Recogniser:
    """One tool: its name, where it shows (code, file paths) and what it gives for free."""

    name: str
    hint: str = ""
    """A literal every matching file holds (searched first, in one pass over the repository)."""
    code: str = ""
    """A regular expression over a Python file or notebook that confirms the tool is used."""
    paths: str = ""
    """A regular expression over file paths that is evidence by itself (`Snakefile`)."""
    files: str = r"\.(?:py|ipynb)$"
    """A regular expression naming the files whose content `code` is searched in."""
    gives: frozenset[str] = field(default_factory=frozenset)
    """Checks the tool satisfies without code of yours (a health route, a metrics endpoint)."""

    def __post_init__(self) -> None:
        if self.hint:
            content_hints(self.hint)

    @property
    def code_pattern(self) -> re.Pattern[str] | None:
        """The compiled `code` pattern (multi-line), or None."""
        return _compiled(self.code) if self.code else None

    @property
    def path_pattern(self) -> re.Pattern[str] | None:
        """The compiled `paths` pattern, or None."""
        return _compiled(self.paths) if self.paths else None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _PATTERNS:
        _PATTERNS[pattern] = re.compile(pattern, re.MULTILINE)
    return _PATTERNS[pattern]


def imports(*modules: str) -> str:
    """A pattern for a line importing one of `modules` (or a submodule)."""
    names = "|".join(re.escape(module) for module in modules)
    return rf"""^[ \t"]*(?:from|import)[ \t]+(?:{names})\b"""


HEALTH_AND_METRICS = frozenset({"SERVE002", "MON002"})

# EXP001: what records a run's parameters and metrics.
TRACKERS = (
    Recogniser("MLflow", "mlflow", imports("mlflow")),
    Recogniser("Weights & Biases", "wandb", imports("wandb")),
    Recogniser("TensorBoard", "SummaryWriter", r"\bSummaryWriter\s*\("),
    Recogniser("TensorFlow summaries", "tf.summary", r"\btf\.summary\.create_file_writer\("),
    Recogniser(
        "Lightning loggers",
        "loggers",
        r"""^[ \t"]*from[ \t]+(?:lightning\.pytorch|pytorch_lightning|lightning)\.loggers\b""",
    ),
    Recogniser("Neptune", "neptune", imports("neptune")),
    Recogniser("Comet", "comet_ml", imports("comet_ml")),
    Recogniser("Aim", "aim", imports("aim")),
    Recogniser("ClearML", "clearml", imports("clearml")),
    Recogniser("DVCLive", "dvclive", imports("dvclive")),
    Recogniser("Azure ML run.log", "Run.get_context", r"\bRun\.get_context\(\)"),
    Recogniser("Sacred", "sacred", imports("sacred")),
)

# DATA004: what declares the pipeline from data to model.
PIPELINES = (
    Recogniser("MLproject", paths=r"(?:^|/)MLproject$"),
    Recogniser("Snakemake", paths=r"(?:^|/)Snakefile$|\.smk$"),
    Recogniser("Kedro", paths=r"(?:^|/)(?:pipeline_registry\.py|\.kedro\.yml)$"),
    Recogniser("Airflow DAG", "airflow", imports("airflow")),
    Recogniser("Prefect", "prefect", imports("prefect")),
    Recogniser("Dagster", "dagster", imports("dagster")),
    Recogniser("ZenML", "zenml", r"""^[ \t"]*from[ \t]+zenml(?:\.pipelines)?[ \t]+import\b"""),
    Recogniser("Metaflow", "FlowSpec", r"\bFlowSpec\b"),
    Recogniser("Kubeflow Pipelines", "kfp", imports("kfp")),
    Recogniser("Azure ML pipeline", "PythonScriptStep", r"\bPythonScriptStep\s*\("),
    Recogniser("Azure ML pipeline (v2)", "azure.ai.ml", r"\bazure\.ai\.ml\.dsl\b|@pipeline\b"),
    Recogniser("Flyte", "flytekit", imports("flytekit")),
)

# SERVE001: services that are not built on a web framework, and what they give for free.
SERVICES = (
    Recogniser(
        "AWS Lambda handler",
        "context",
        r"^def[ \t]+\w*handler[ \t]*\([ \t]*event[ \t]*,[ \t]*context\b",
        gives=HEALTH_AND_METRICS,
    ),
    Recogniser(
        "Azure ML scoring script",
        "def init(",
        r"(?s)^def[ \t]+init[ \t]*\([ \t]*\).*^def[ \t]+run[ \t]*\(",
        gives=HEALTH_AND_METRICS,
    ),
    Recogniser("Ray Serve", "serve", r"@serve\.deployment\b", gives=HEALTH_AND_METRICS),
    Recogniser("BentoML", "bentoml", imports("bentoml"), gives=HEALTH_AND_METRICS),
    Recogniser("KServe", "kserve", imports("kserve"), gives=HEALTH_AND_METRICS),
    Recogniser("MLServer", "mlserver", imports("mlserver"), gives=HEALTH_AND_METRICS),
    Recogniser("Modal web endpoint", "modal", r"@(?:modal\.|app\.)?(?:web_endpoint|asgi_app)\b"),
)

# DATA001: what versions the data.
DATA_VERSIONING = (
    Recogniser("DVC", paths=r"^\.dvc/config$"),
    Recogniser("Git LFS", "filter=lfs", r"\bfilter=lfs\b", files=r"(?:^|/)\.gitattributes$"),
)
