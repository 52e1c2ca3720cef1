"""Nineteenth corpus round: a lower-case jenkinsfile, VCS requirements without a commit,
vendor images whose tag names an ended release, services that train, loads per request."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from mlops_scaffold.doctor.transformer_fits import names_a_transformer
from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit, found_ids, status_of

JENKINS = (
    "pipeline {\n  agent any\n  stages {\n    stage('lint') {\n"
    "      steps {\n        sh '%s'\n      }\n    }\n  }\n}\n"
)


# CI001/CI003: a job names its script path, so a lower-case `jenkinsfile` is a pipeline.
def test_ci_reads_a_lower_case_jenkinsfile(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"infra/jenkinsfile": JENKINS % "ruff check ."})
    report = audit(tmp_path, "CI001", "CI003")
    assert report.findings == ()
    assert status_of(report, "CI001") is Status.PASSED
    assert status_of(report, "CI003") is Status.PASSED


def test_ci003_fires_on_a_lower_case_jenkinsfile_that_lints_nothing(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"infra/jenkinsfile": JENKINS % "kubectl apply -f k8s/"})
    report = audit(tmp_path, "CI001", "CI003")
    assert found_ids(report) == {"CI003"}


# ENV002: a VCS requirement with no commit or tag installs whatever the branch holds.
@pytest.mark.parametrize(
    "line",
    [
        "-e git+https://github.com/acme/model#egg=model",
        "git+http://github.com/acme/pyopengl.git",
        "git+https://github.com/acme/model.git@main#egg=model",
    ],
    ids=["editable-egg", "bare-url", "at-main"],
)
def test_env002_fires_on_a_vcs_requirement_at_a_branch_head(tmp_path: Path, line: str) -> None:
    build_file_tree(tmp_path, {"requirements.txt": f"numpy==2.0.0\n{line}\n"})
    [finding] = audit(tmp_path, "ENV002").findings
    assert (finding.path, finding.line) == ("requirements.txt", 2)
    assert line.split()[-1] in finding.message


@pytest.mark.parametrize(
    "line",
    [
        "-e git+https://github.com/acme/model@4f3c2a1b9e#egg=model",
        "git+https://github.com/acme/model.git@v1.2.0",
        "-e .",
    ],
    ids=["commit", "tag", "local"],
)
def test_env002_passes_a_vcs_requirement_at_a_commit_or_tag(tmp_path: Path, line: str) -> None:
    build_file_tree(tmp_path, {"requirements.txt": f"numpy==2.0.0\n{line}\n"})
    report = audit(tmp_path, "ENV002")
    assert report.findings == ()
    assert status_of(report, "ENV002") is Status.PASSED


# IMG006: vendor images whose tag says the release they are built on, or the Python of
# an image its maintainers stop rebuilding at that Python's end of life.
def _image(base: str, name: str = "Dockerfile") -> Tree:
    return {
        "requirements.txt": "numpy==2.0.0\n",
        name: f'FROM {base}\nRUN useradd app\nUSER app\nCMD ["python", "-V"]\n',
    }


@pytest.mark.parametrize(
    ("base", "release"),
    [
        ("cimg/python:3.8.7", "Python 3.8"),
        ("nvidia/cudagl:10.1-runtime", "Ubuntu 18.04"),
        ("nvidia/cuda:10.2-cudnn7-devel", "Ubuntu 18.04"),
        ("nvcr.io/nvidia/tritonserver:22.11-py3", "Ubuntu 20.04"),
        ("pytorch/pytorch:1.4-cuda10.1-cudnn7-runtime", "Ubuntu 16.04"),
    ],
)
def test_img006_fires_on_a_vendor_image_of_an_ended_release(
    tmp_path: Path, base: str, release: str
) -> None:
    build_file_tree(tmp_path, _image(base))
    [finding] = audit(tmp_path, "IMG006").findings
    assert release in finding.message


@pytest.mark.parametrize(
    "base",
    [
        "cimg/python:3.12.1",
        "nvidia/cudagl:11.4.2-runtime-ubuntu22.04",
        "nvidia/cuda:12.4.0-runtime",
        "nvcr.io/nvidia/tritonserver:24.05-py3",
        "pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime",
    ],
)
def test_img006_passes_a_vendor_image_of_a_supported_release(tmp_path: Path, base: str) -> None:
    build_file_tree(tmp_path, _image(base))
    report = audit(tmp_path, "IMG006")
    assert report.findings == ()
    assert status_of(report, "IMG006") is Status.PASSED


def test_img006_reads_a_dockerfile_named_after_its_image(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _image("ubuntu:18.04", "containers/glow_Dockerfile"))
    [finding] = audit(tmp_path, "IMG006").findings
    assert finding.path == "containers/glow_Dockerfile"


# IMG002: a service that starts a training program as a process, or an image whose
# entrypoint script runs one before the server, trains in the serving image.
TRAIN = "from sklearn.linear_model import LinearRegression\n\nLinearRegression().fit([[0]], [0])\n"
API = "import subprocess\nimport sys\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
SERVE = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER app\nEXPOSE 8000\n"


def _service(startup: str) -> Tree:
    return {
        "requirements.txt": "fastapi==0.115.0\nscikit-learn==1.5.0\n",
        "scripts/train.py": TRAIN,
        "scripts/report.py": "print('report')\n",
        "app/main.py": API + startup,
        "Dockerfile": SERVE + 'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n',
    }


def test_img002_fires_on_a_service_that_runs_the_training_script(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path, _service('subprocess.check_call([sys.executable, "scripts/train.py"])\n')
    )
    [finding] = audit(tmp_path, "IMG002").findings
    assert "scripts/train.py" in finding.message


def test_img002_passes_a_service_that_runs_a_script_that_trains_nothing(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path, _service('subprocess.check_call([sys.executable, "scripts/report.py"])\n')
    )
    assert audit(tmp_path, "IMG002").findings == ()


def _entrypoint(runs: str) -> Tree:
    tree = _service("")
    tree["Dockerfile"] = (
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY docker/entrypoint.sh /app/entrypoint.sh\n"
        "COPY scripts /app/scripts\nCOPY app /app/app\nUSER app\nEXPOSE 8000\n"
        'ENTRYPOINT ["/app/entrypoint.sh"]\nCMD ["uvicorn", "app.main:app"]\n'
    )
    tree["docker/entrypoint.sh"] = (
        f'#!/bin/bash\nif [ "$INIT" = "true" ]; then\n  {runs}\nfi\nexec "$@"\n'
    )
    tree["frontend/Dockerfile"] = "FROM nginx:1.27-alpine\nCOPY dist /usr/share/nginx/html\n"
    return tree


def test_img002_fires_on_an_entrypoint_that_trains_before_serving(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _entrypoint("python /app/scripts/train.py --download"))
    [finding] = audit(tmp_path, "IMG002").findings
    assert "docker/entrypoint.sh" in finding.message
    assert "scripts/train.py" in finding.message


def test_img002_passes_an_entrypoint_that_only_prepares_folders(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _entrypoint("python /app/scripts/report.py"))
    assert audit(tmp_path, "IMG002").findings == ()


# SERVE003: scikit-learn's vendored joblib and MLForecast's load unpickle too.
FLASK = (
    "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/predict')\ndef predict():\n"
)
LOADS = {
    "sklearn-externals": (
        "from sklearn.externals import joblib\n",
        "    return str(joblib.load('model.joblib').predict([[1]]))\n",
    ),
    "mlforecast": (
        "from mlforecast import MLForecast\n",
        "    return str(MLForecast.load('artifacts/model').predict(h=7))\n",
    ),
}
KEPT = {
    "sklearn-externals": (
        "from sklearn.externals import joblib\n",
        "    joblib.dump({'a': 1}, 'out.joblib')\n    return 'ok'\n",
    ),
    "mlforecast": (
        "from mlforecast import MLForecast\n",
        "    return str(MLForecast(models=[], freq='D').freq)\n",
    ),
}


def _flask(imports: str, body: str) -> Tree:
    return {"requirements.txt": "flask==3.0.0\n", "app.py": imports + FLASK + body}


@pytest.mark.parametrize("name", sorted(LOADS))
def test_serve003_fires_on_a_load_that_unpickles(tmp_path: Path, name: str) -> None:
    build_file_tree(tmp_path, _flask(*LOADS[name]))
    [first, *_] = audit(tmp_path, "SERVE003").findings
    assert first.path == "app.py"


@pytest.mark.parametrize("name", sorted(KEPT))
def test_serve003_passes_the_same_library_without_a_load(tmp_path: Path, name: str) -> None:
    build_file_tree(tmp_path, _flask(*KEPT[name]))
    assert audit(tmp_path, "SERVE003").findings == ()


# SERVE002: a root route whose docstring or OpenAPI tag says it is the health check.
def _root(decorator: str, docstring: str) -> Tree:
    app = (
        "from fastapi import FastAPI\n\napp = FastAPI()\nMODEL = None\n\n\n"
        f'@app.get({decorator})\ndef read_root():\n    """{docstring}"""\n'
        "    if MODEL is not None:\n        return {'status': 'ok', 'models': [str(MODEL)]}\n"
        "    return {'status': 'error'}\n\n\n"
        "@app.post('/predict')\ndef predict(x: float) -> float:\n    return x\n"
    )
    return {"requirements.txt": "fastapi==0.115.0\n", "app/main.py": app}


@pytest.mark.parametrize(
    ("decorator", "docstring"),
    [
        ('"/"', "Root endpoint for health checks."),
        ('"/", tags=["Health Check"]', "Root endpoint."),
    ],
    ids=["docstring", "tag"],
)
def test_serve002_passes_a_root_route_documented_as_the_health_check(
    tmp_path: Path, decorator: str, docstring: str
) -> None:
    build_file_tree(tmp_path, _root(decorator, docstring))
    report = audit(tmp_path, "SERVE002")
    assert report.findings == ()
    assert status_of(report, "SERVE002") is Status.PASSED


def test_serve002_fires_on_a_root_route_documented_as_something_else(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _root('"/", tags=["Models"]', "Root endpoint listing the models."))
    assert found_ids(audit(tmp_path, "SERVE002")) == {"SERVE002"}


# MON001: an LLM proxy the repository runs, whose config records every call it relays.
RAG = (
    "import os\n\nimport httpx\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
    "@app.post('/chat')\ndef chat(question: str) -> str:\n"
    "    answer = httpx.post(os.environ['OPENAI_URL'], json={'q': question}).json()\n"
    "    return str(answer)\n"
)
COMPOSE = (
    "services:\n  api:\n    build: .\n    ports: ['8000:8000']\n"
    "    environment:\n      OPENAI_URL: http://litellm:4000\n  litellm:\n"
    "    image: ghcr.io/berriai/litellm:main-v1.50.0\n"
    "    volumes:\n      - ./infra/litellm/config.yml:/app/config.yml\n"
    "    command: ['--config', '/app/config.yml']\n"
)


def _proxy(callback: str, compose: str = COMPOSE) -> Tree:
    return {
        "requirements.txt": "fastapi==0.115.0\nhttpx==0.27.0\n",
        "app/main.py": RAG,
        "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nUSER app\nEXPOSE 8000\n"
        'CMD ["uvicorn", "app.main:app"]\n',
        "compose.yml": compose,
        "infra/litellm/config.yml": (
            "model_list:\n  - model_name: gpt\n    litellm_params:\n      model: openai/gpt-4o\n"
            f"litellm_settings:\n  success_callback: [{callback}]\n"
        ),
    }


def test_mon001_passes_a_proxy_that_records_every_call(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _proxy('"langfuse"'))
    report = audit(tmp_path, "MON001")
    assert report.findings == ()
    assert status_of(report, "MON001") is Status.PASSED


@pytest.mark.parametrize(
    ("callback", "compose"),
    [
        ('"prometheus"', COMPOSE),
        ('"langfuse"', COMPOSE.replace("./infra/litellm/config.yml", "./x")),
    ],
    ids=["counts-only", "config-not-run"],
)
def test_mon001_fires_when_no_proxy_the_repository_runs_records_calls(
    tmp_path: Path, callback: str, compose: str
) -> None:
    build_file_tree(tmp_path, _proxy(callback, compose))
    assert found_ids(audit(tmp_path, "MON001")) == {"MON001"}


# Training evidence: a service that scales each request (`StandardScaler().fit(x)`) and
# loads a committed model trains nothing; a module that fits a model as well does.
SCALES = (
    "import joblib\nfrom flask import Flask, request\nfrom sklearn.preprocessing import "
    "StandardScaler\n\napp = Flask(__name__)\n\n\n@app.route('/predict', methods=['POST'])\n"
    "def predict():\n    scaler = StandardScaler()\n    scaler.fit(request.json['x'])\n"
    "    x = StandardScaler().fit(request.json['x']).transform(request.json['x'])\n"
    "    return str(joblib.load('model.joblib').predict(x))\n"
)


def _scaling_service(extra: str) -> Tree:
    return {"requirements.txt": "flask==3.0.0\nscikit-learn==1.5.0\n", "app.py": SCALES + extra}


def test_a_service_that_only_scales_requests_trains_nothing(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _scaling_service(""))
    assert status_of(audit(tmp_path, "EXP001"), "EXP001") is Status.NOT_APPLICABLE


def test_a_module_that_also_fits_a_model_trains(tmp_path: Path) -> None:
    extra = (
        "\n\ndef retrain(x, y):\n    from sklearn.linear_model import Ridge\n\n"
        "    return Ridge().fit(x, y)\n"
    )
    build_file_tree(tmp_path, _scaling_service(extra))
    assert status_of(audit(tmp_path, "EXP001"), "EXP001") is not Status.NOT_APPLICABLE


def test_only_a_module_naming_a_transformer_may_fit_only_transformers() -> None:
    assert names_a_transformer(SCALES)
    assert names_a_transformer("enc = OneHotEncoder()\nenc.fit(x)\n")
    assert not names_a_transformer("model = Ridge()\nmodel.fit(x, y)\n")


# IMG002: one Dockerfile that builds the training image and the serving image through a
# build argument its command uses.
def _build_arg(served: str) -> Tree:
    return {
        "requirements.txt": "flask==3.0.0\nscikit-learn==1.5.0\n",
        "code/fit_model.py": TRAIN,
        "code/app.py": FLASK + "    return 'ok'\n",
        "code/report.py": "print('report')\n",
        "Dockerfile": (
            "FROM python:3.12-slim\nCOPY code /\nRUN useradd app\nUSER app\n"
            'ARG entry=fit_model\nENV entry_e=$entry\nCMD ["sh", "-c", "python -m $entry_e"]\n'
        ),
        "build_serving.sh": f"docker build --build-arg entry={served} -t serving .\n",
    }


def test_img002_fires_on_one_dockerfile_built_to_train_and_to_serve(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _build_arg("app"))
    [finding] = audit(tmp_path, "IMG002").findings
    assert "entry=fit_model" in finding.message
    assert "entry=app" in finding.message


def test_img002_passes_a_build_argument_that_selects_no_service(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _build_arg("report"))
    assert audit(tmp_path, "IMG002").findings == ()
