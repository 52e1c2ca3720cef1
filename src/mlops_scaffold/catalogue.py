"""Every practice mlops-scaffold stands for, as data: one source of truth.

`mlops doctor` detects each practice, `mlops add` names the component that brings
it, and `mlops new` builds all of them in. This module imports only the standard
library so `mlops --help` and `mlops add --list` stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a missing practice is; `--fail-on` compares against this order."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: error 3, warning 2, info 1."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


# Family prefix -> the heading a user reads in the report.
FAMILIES: dict[str, str] = {
    "ENV": "Environment and dependencies",
    "CODE": "Code",
    "NB": "Notebooks",
    "DATA": "Data",
    "EXP": "Experiments",
    "TEST": "Tests",
    "CI": "Continuous integration",
    "IMG": "Container images",
    "KUBE": "Kubernetes",
    "SERVE": "Serving",
    "MON": "Monitoring",
    "SEC": "Secrets",
    "DOCS": "Documentation",
    "REPO": "Repository files",
}


@dataclass(frozen=True)
class Practice:
    """One practice: what the doctor reports when it is missing and how to fix it."""

    id: str
    title: str
    severity: Severity
    rationale: str
    fixed_by: str | None = None
    remedy: str = ""

    @property
    def family(self) -> str:
        """The id's letter prefix, e.g. `ENV` for `ENV002`."""
        return self.id.rstrip("0123456789")

    @property
    def fix(self) -> str:
        """One line a user can act on: the `mlops add` command, or what to do by hand."""
        if self.fixed_by:
            return f"mlops add {self.fixed_by}" + (f"; or {self.remedy}" if self.remedy else "")
        return self.remedy


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741  (a table reads better)

PRACTICES: tuple[Practice, ...] = (
    Practice(
        "ENV001",
        "No dependency declaration",
        E,
        "Without a declared list of dependencies (pyproject.toml, requirements files, "
        "environment.yml, Pipfile) nobody, including you in six months, can rebuild the "
        "environment the model was trained and served in.",
        "lock",
        "declare dependencies in pyproject.toml or requirements/*.in",
    ),
    Practice(
        "ENV002",
        "Dependencies are not pinned",
        E,
        "A bare `numpy` or `numpy>=1.20` resolves to a different version every month, so a "
        "model that trained yesterday can fail or change its predictions today. Check in a "
        "complete resolution, transitive dependencies included: uv.lock, poetry.lock, "
        "pdm.lock, Pipfile.lock, pixi.lock, a conda-lock file, or requirements .txt files "
        "where every line is `name==version`.",
        "lock",
        "compile requirements with `uv pip compile` or commit your tool's lock file",
    ),
    Practice(
        "ENV003",
        "Pinned requirements without hashes",
        I,
        "Hashes make `pip install --require-hashes` refuse a package that changed on the "
        "index since you locked it, which protects the build from a compromised or "
        "re-uploaded release.",
        "lock",
        "compile with `uv pip compile --generate-hashes`",
    ),
    Practice(
        "ENV004",
        "No separate dependency sets for training and serving",
        W,
        "The serving image should carry only what inference needs. With one shared "
        "dependency list it ships the whole training stack: slower cold starts, a larger "
        "attack surface and more packages to patch.",
        "lock",
        "split requirements into train and serve sets",
    ),
    Practice(
        "ENV005",
        "No automated dependency updates",
        W,
        "Pins are only safe if they move: without Dependabot or Renovate nobody notices "
        "security fixes, and the lock rots until an upgrade becomes a project.",
        "ci",
        "add .github/dependabot.yml or a Renovate config",
    ),
    Practice(
        "ENV006",
        "Python past its end of life",
        W,
        "A Python past its end of life gets no security fixes, and the libraries a model needs "
        "stop publishing wheels for it: installs start compiling, then fail. The dates come "
        "from the table of versions shipped with the tool.",
        None,
        "raise requires-python, .python-version and the images' python base to a supported Python",
    ),
    Practice(
        "ENV007",
        "Lock file out of date",
        W,
        "A lock that no longer matches pyproject.toml, the Pipfile or a requirements `.in` "
        "installs something else than what the project declares: a dependency added to the "
        "declaration is missing from every install made from the lock, and a raised version "
        "floor is silently ignored.",
        None,
        "re-run the lock command (`uv lock`, `poetry lock`, `pipenv lock`, pip-compile) and "
        "commit the lock",
    ),
    Practice(
        "CODE001",
        "No importable package: only scripts and notebooks",
        W,
        "Code that lives in notebooks and loose scripts cannot be imported, tested or "
        "reused by the training pipeline and the service. Put the real code in a package "
        "(src/<name>/__init__.py) that notebooks import.",
        None,
        "move reusable code into src/<package>/ with an __init__.py",
    ),
    Practice(
        "CODE002",
        "Hard-coded absolute paths",
        E,
        "A path like /home/alice/data/train.csv works on one laptop only. Paths and "
        "settings belong in a params/config file, CLI flags or environment variables.",
        None,
        "read paths from params.yaml, CLI flags or environment variables",
    ),
    Practice(
        "CODE003",
        "No linter or formatter configured",
        W,
        "A linter catches real bugs (undefined names, unused results) before they reach "
        "training runs, and a formatter ends style debates in review.",
        "precommit",
        "configure ruff in pyproject.toml",
    ),
    Practice(
        "NB001",
        "Notebook cells executed out of order or skipped",
        W,
        "A notebook whose execution counts are not 1, 2, 3... top to bottom was run with "
        "hidden state: its outputs may not be reproducible by running it again.",
        None,
        "restart the kernel, run all cells, and commit the result (or clear outputs)",
    ),
    Practice(
        "NB002",
        "`pip install` inside a notebook",
        W,
        "`!pip install` / `%pip install` installs whatever version is current today, "
        "outside the locked environment, so the notebook's results cannot be reproduced.",
        None,
        "declare the package in the project's dependencies and remove the install cell",
    ),
    Practice(
        "NB003",
        "Notebook committed with large outputs",
        W,
        "Large outputs bloat git history forever, make diffs unreadable and often contain "
        "data (tables, images of records) that should not be in the repository.",
        None,
        "clear outputs before committing (e.g. nbstripout as a pre-commit hook)",
    ),
    Practice(
        "DATA001",
        "No data versioning",
        W,
        "If data is overwritten in place, old runs cannot be replayed and nobody can say "
        "which data produced which model. DVC versions data next to the code in git.",
        "dvc",
        "run `dvc init`",
    ),
    Practice(
        "DATA002",
        "DVC without a remote",
        W,
        "Without a remote, data versions live only on one machine: colleagues and CI "
        "cannot `dvc pull` them, and a lost laptop loses the history.",
        None,  # where a team keeps its data is its choice: `mlops add dvc` makes none up
        "run `dvc remote add -d storage <url>` (S3, GCS, Azure, SSH or a shared folder)",
    ),
    Practice(
        "DATA003",
        "Large data or model files committed to git",
        E,
        "Git keeps every version of every file forever: large data and model files make "
        "clones slow and cannot be deleted without rewriting history. Track them with DVC "
        "(or another artifact store) and keep them out of git.",
        "dvc",
        "`git rm --cached` the file and `dvc add` it",
    ),
    Practice(
        "DATA004",
        "No reproducible pipeline",
        W,
        "When data -> features -> model -> metrics is a sequence of manual steps, nobody "
        "can re-run it reliably. Declare the stages (dvc.yaml, or an equivalent such as "
        "MLproject, Snakemake or Kedro) so one command re-runs everything that changed.",
        "dvc",
        "declare the stages in dvc.yaml",
    ),
    Practice(
        "DATA005",
        "No data validation tests",
        W,
        "New data must be checked before it is used: schema, types, ranges, missing values, "
        "and that train and test splits do not leak into each other.",
        "tests",
        "add tests under tests/data/ (or use pandera / Great Expectations)",
    ),
    Practice(
        "EXP001",
        "No experiment or metrics tracking",
        W,
        "Every experiment should record its code version, data version, parameters and "
        "metrics so that runs can be compared and none is repeated by accident.",
        "dvc",
        "declare params and metrics in dvc.yaml, or log runs to MLflow",
    ),
    Practice(
        "TEST001",
        "No test suite",
        E,
        "Without tests every change to features, training or the service is a guess. "
        "Start with pytest tests of the functions the pipeline is made of.",
        "tests",
        "add pytest tests under tests/",
    ),
    Practice(
        "TEST002",
        "No model quality tests",
        W,
        "A model should not ship unless it beats a trivial baseline and an agreed "
        "threshold on a standard held-out set; a test makes that gate automatic.",
        "tests",
        "add tests/model/ comparing the model to a baseline and a threshold",
    ),
    Practice(
        "TEST003",
        "No service contract tests",
        W,
        "The API is a contract with its callers: test good and bad requests against the "
        "real app (e.g. FastAPI's TestClient) so a refactor cannot silently break clients.",
        "serve",
        "add tests/service/ that call the app with good and bad requests",
    ),
    Practice(
        "CI001",
        "No continuous integration",
        E,
        "If it isn't automated, it's broken: without CI, lint, tests and the model's "
        "quality gate run only when someone remembers.",
        "ci",
        "add a workflow under .github/workflows/ (or .gitlab-ci.yml)",
    ),
    Practice(
        "CI002",
        "CI does not run the tests",
        E,
        "A CI pipeline that does not run the test suite gives a green tick for broken code.",
        "ci",
        "run pytest in the CI workflow",
    ),
    Practice(
        "CI003",
        "CI does not lint",
        W,
        "Linting in CI keeps the checks the same for everyone, whatever their editor does.",
        "ci",
        "run ruff (or pre-commit) in the CI workflow",
    ),
    Practice(
        "CI004",
        "Third-party actions not pinned to a commit SHA",
        W,
        "A tag like `@v3` can be moved to malicious code by whoever controls the action; a "
        "full commit SHA cannot. Actions from `actions/` and `github/` may use tags.",
        "ci",
        "pin `uses:` to a 40-character commit SHA with the version in a comment",
    ),
    Practice(
        "CI005",
        "Workflow without least-privilege permissions",
        W,
        "Without a `permissions:` block the workflow's token gets the repository's default "
        "permissions, often write access to everything. Grant only what each job needs.",
        "ci",
        "add `permissions: {contents: read}` at the top of the workflow",
    ),
    Practice(
        "IMG001",
        "No container image definition",
        W,
        "A Dockerfile (or Podman Containerfile) pins the whole runtime, system libraries "
        "included, so the model runs the same on a laptop, in CI and in production.",
        "docker",
        "add a Dockerfile",
    ),
    Practice(
        "IMG002",
        "No separate training and inference images",
        W,
        "Training needs the data stack; serving needs only the model runtime. One image for "
        "both is large, slow to start and exposes far more packages in production.",
        "docker",
        "add separate train and serve Dockerfiles",
    ),
    Practice(
        "IMG003",
        "Container runs as root",
        E,
        "A process running as root inside a container turns any vulnerability in the "
        "service into root on the container, and often more. Add a `USER` instruction.",
        "docker",
        "create an unprivileged user and switch to it with `USER`",
    ),
    Practice(
        "IMG004",
        "Base image not pinned",
        W,
        "`FROM python` or `FROM python:latest` builds on whatever was pushed last: the "
        "same Dockerfile gives a different image next week. Pin a version tag or digest.",
        "docker",
        "use a versioned tag such as `python:3.11-slim` (or a digest)",
    ),
    Practice(
        "IMG005",
        "Build context lets data, models or .git in",
        W,
        "Without a `.dockerignore` that excludes data/, models/ and .git, every build sends "
        "them to the daemon and a careless `COPY . .` bakes them into the image.",
        "docker",
        "add a .dockerignore excluding .git, data/ and models/",
    ),
    Practice(
        "IMG006",
        "Base image past its end of life",
        W,
        "An image built on a distribution release that no longer gets security fixes, or "
        "no longer rebuilt by its maintainers, ships every vulnerability found since, and its "
        "package mirrors eventually disappear: the next rebuild fails. The dates come from "
        "the table of releases shipped with the tool.",
        None,
        "move the FROM line to a supported release (e.g. python:3.12-slim, ubuntu:24.04)",
    ),
    Practice(
        "KUBE001",
        "Kubernetes containers without resources or probes",
        W,
        "Without resource requests the scheduler packs a model server onto a node that cannot "
        "hold it, and without limits one leaking worker starves its neighbours; without a "
        "readiness probe traffic reaches a pod before its model is loaded, and without a "
        "liveness probe a hung server is never restarted.",
        None,
        "give each container resources.requests and resources.limits, and a readinessProbe "
        "(and livenessProbe) on the service's health route",
    ),
    Practice(
        "SERVE001",
        "No prediction service",
        W,
        "A model becomes useful when something can call it: a small stateless REST service "
        "(FastAPI) with a typed request schema.",
        "serve",
        "add a FastAPI app that loads the model and exposes /predict",
    ),
    Practice(
        "SERVE002",
        "Service without a health endpoint",
        W,
        "Orchestrators (Kubernetes, load balancers) need a health and a readiness endpoint "
        "to know when to route traffic to the service and when to restart it.",
        "serve",
        "add /health and /ready routes",
    ),
    Practice(
        "SERVE003",
        "Model loaded with pickle without an integrity check",
        W,
        "Unpickling runs arbitrary code: a pickle or joblib file from a path anyone can "
        "write is remote code execution. Serve ONNX (or skops with trusted types), or "
        "verify a hash before loading.",
        "serve",
        "export the model to ONNX, or check its sha256 before loading",
    ),
    Practice(
        "MON001",
        "Predictions not logged in a structured way",
        W,
        "Inputs, outputs, latency and errors logged as JSON can be shipped to a log system "
        "and queried; free-text prints stay inside the container and die with it.",
        "serve",
        "log one JSON object per request (e.g. a JSON logging.Formatter or structlog)",
    ),
    Practice(
        "MON002",
        "No service metrics endpoint",
        W,
        "Request rate, latency and errors in Prometheus format are what dashboards and "
        "alerts are built on.",
        "serve",
        "expose /metrics with prometheus-client",
    ),
    Practice(
        "MON003",
        "No drift monitoring",
        I,
        "A model degrades silently when production data drifts away from the training data. "
        "Compare the two regularly and keep the feedback data for re-training.",
        "monitoring",
        "add a drift report comparing live inputs with the training statistics",
    ),
    Practice(
        "SEC001",
        "Secrets committed to the repository",
        E,
        "Anything committed is readable by everyone who can clone, forever (history keeps "
        "it). Revoke the secret, remove it, and load secrets from the environment.",
        None,
        "revoke the key, remove it from the repository, read it from an environment variable",
    ),
    Practice(
        "DOCS001",
        "No README with setup instructions",
        W,
        "A newcomer should get from `git clone` to a running service by following the "
        "README: the commands to install, train and serve.",
        None,
        "write a README.md with the commands to set up, train and serve",
    ),
    Practice(
        "DOCS002",
        "No model card",
        W,
        "A model card states the intended use, the data, the metrics and the known limits, "
        "so the model is not used for what it was never meant to do.",
        "docs",
        "add docs/model_card.md",
    ),
    Practice(
        "DOCS003",
        "No one-command entry points for common tasks",
        I,
        "`make setup`, `make test`, `make train` (or just/nox/tox/Taskfile) turn tribal "
        "knowledge into commands anyone can run, and CI can run the same ones.",
        "makefile",
        "add a Makefile with setup, test, train and serve targets",
    ),
    Practice(
        "REPO001",
        "A configuration file cannot be parsed",
        E,
        "A malformed pyproject.toml, workflow, dvc.yaml or notebook breaks the tools that "
        "read it, usually at the worst moment; and the doctor cannot check what it cannot read.",
        None,
        "fix the syntax error at the reported line",
    ),
)

_BY_ID: dict[str, Practice] = {p.id: p for p in PRACTICES}


def practice(practice_id: str) -> Practice:
    """The practice with this id (case-insensitive); KeyError if there is none."""
    return _BY_ID[practice_id.upper()]


def practices_fixed_by(component: str) -> tuple[Practice, ...]:
    """The practices that `mlops add <component>` resolves."""
    return tuple(p for p in PRACTICES if p.fixed_by == component)
