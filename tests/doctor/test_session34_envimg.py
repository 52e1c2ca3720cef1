"""Session 34's fixes of the image checks: a template's rendered Dockerfiles are judged
(IMG003, IMG004), and an image built as a place to work in, by a devcontainer.json or a
compose service that keeps a terminal open on the working copy, is no service (IMG003);
an install a notebook cell runs as a process is an install cell (NB002); a
Procfile or render.yaml web service is the image a buildpack platform builds (IMG001)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.doctor.cases import notebook
from tests.doctor.helpers import Tree, committed_status

TEMPLATE: Tree = {
    "cookiecutter.json": '{"repo_name": "demo", "python": "3.12"}\n',
    "README.md": "# A cookiecutter template for model services\n",
    "{{ cookiecutter.repo_name }}/pyproject.toml": '[project]\nname = "demo"\n',
    "{{ cookiecutter.repo_name }}/src/demo/app.py": "import fastapi\n\napp = fastapi.FastAPI()\n",
}
SERVICE_IMAGE = (
    "FROM {base}\nWORKDIR /app\nCOPY src/ src/\nRUN pip install .\n{user}"
    'CMD ["uvicorn", "demo.app:app", "--host", "0.0.0.0"]\n'
)


def _rendered(base: str, user: str = "") -> Tree:
    image = SERVICE_IMAGE.format(base=base, user=user)
    return {**TEMPLATE, "{{ cookiecutter.repo_name }}/Dockerfile": image}


# -- a template's rendered Dockerfile (IMG003, IMG004) ------------------------------------


def test_a_rendered_service_image_without_user_runs_as_root(tmp_path: Path) -> None:
    tree = _rendered("python:3.12-slim")
    assert committed_status(tmp_path, tree, "IMG003") == "failed"


def test_a_rendered_service_image_with_a_user_passes(tmp_path: Path) -> None:
    tree = _rendered("python:3.12-slim", user="RUN useradd app\nUSER app\n")
    assert committed_status(tmp_path, tree, "IMG003") == "passed"


def test_a_rendered_image_on_latest_is_not_pinned(tmp_path: Path) -> None:
    tree = _rendered("tiangolo/uvicorn-gunicorn-fastapi:latest", user="USER app\n")
    assert committed_status(tmp_path, tree, "IMG004") == "failed"


def test_a_tag_the_template_fills_in_is_a_tag(tmp_path: Path) -> None:
    tree = _rendered("python:{{ cookiecutter.python }}-slim", user="USER app\n")
    assert committed_status(tmp_path, tree, "IMG004") == "passed"


def test_a_template_without_a_rendered_image_is_not_judged(tmp_path: Path) -> None:
    assert committed_status(tmp_path, TEMPLATE, "IMG003") == "not-applicable"


# -- images built as a place to work in (IMG003) ------------------------------------------

WORKSPACE_IMAGE = "FROM python:3.11\nRUN pip install pandas scikit-learn\n"
APP: Tree = {
    "README.md": "# Price model\n\nDeployed with Docker.\n",
    "pyproject.toml": '[project]\nname = "price"\n',
    "src/price/app.py": "import fastapi\n\napp = fastapi.FastAPI()\n",
    "Dockerfile": WORKSPACE_IMAGE,
}


def _compose(tty: bool, volume: str = "$PWD:/work", command: str = "") -> str:
    lines = ["services:", "  dev:", "    build: .", "    volumes:", f"      - {volume}"]
    lines += ["    tty: true"] if tty else []
    lines += [f"    command: {command}"] if command else []
    return "\n".join(lines) + "\n"


def test_an_image_kept_open_on_the_working_copy_is_a_workbench(tmp_path: Path) -> None:
    tree = {**APP, "docker-compose.yml": _compose(tty=True)}
    assert committed_status(tmp_path, tree, "IMG003") == "passed"


def test_an_image_run_without_a_terminal_is_judged(tmp_path: Path) -> None:
    tree = {**APP, "docker-compose.yml": _compose(tty=False)}
    assert committed_status(tmp_path, tree, "IMG003") == "failed"


def test_a_terminal_service_that_runs_a_server_is_judged(tmp_path: Path) -> None:
    compose = _compose(tty=True, command="uvicorn price.app:app")
    tree = {**APP, "docker-compose.yml": compose}
    assert committed_status(tmp_path, tree, "IMG003") == "failed"


def test_a_terminal_service_on_a_data_volume_is_judged(tmp_path: Path) -> None:
    tree = {**APP, "docker-compose.yml": _compose(tty=True, volume="./data:/data")}
    assert committed_status(tmp_path, tree, "IMG003") == "failed"


def test_the_image_a_devcontainer_builds_is_a_workbench(tmp_path: Path) -> None:
    devcontainer = '{\n  // VS Code\n  "name": "dev",\n  "dockerFile": "../Dockerfile"\n}\n'
    tree = {**APP, ".devcontainer/devcontainer.json": devcontainer}
    assert committed_status(tmp_path, tree, "IMG003") == "passed"


def test_a_devcontainer_building_another_image_leaves_this_one_judged(tmp_path: Path) -> None:
    devcontainer = '{"build": {"dockerfile": "Dockerfile"}}\n'
    tree = {
        **APP,
        ".devcontainer/devcontainer.json": devcontainer,
        ".devcontainer/Dockerfile": WORKSPACE_IMAGE,
    }
    assert committed_status(tmp_path, tree, "IMG003") == "failed"


# -- installs a notebook cell runs as a process (NB002) -----------------------------------


def _cell(*lines: str) -> Tree:
    return {"explore.ipynb": notebook(json.dumps([line + "\n" for line in lines]))}


@pytest.mark.parametrize(
    "call",
    [
        'subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", name])',
        "subprocess.run(['uv', 'pip', 'install', '-r', 'pyproject.toml'], check=True)",
        'os.system("pip install seaborn")',
    ],
)
def test_an_install_a_cell_runs_as_a_process_is_reported(tmp_path: Path, call: str) -> None:
    tree = _cell("import os, subprocess, sys", "name = 'seaborn'", call)
    assert committed_status(tmp_path, tree, "NB002") == "failed"


def test_a_process_that_installs_nothing_passes(tmp_path: Path) -> None:
    tree = _cell("import subprocess, sys", 'subprocess.run([sys.executable, "train.py"])')
    assert committed_status(tmp_path, tree, "NB002") == "passed"


def test_a_commented_out_process_install_passes(tmp_path: Path) -> None:
    tree = _cell("import subprocess", '# subprocess.run(["pip", "install", "seaborn"])')
    assert committed_status(tmp_path, tree, "NB002") == "passed"


def test_a_process_install_on_colab_only_passes(tmp_path: Path) -> None:
    tree = _cell(
        "import subprocess",
        "try:",
        "    import google.colab",
        "    subprocess.run(['python', '-m', 'pip', 'install', 'skorch'])",
        "except ImportError:",
        "    pass",
    )
    assert committed_status(tmp_path, tree, "NB002") == "passed"


# -- a buildpack platform builds the image (IMG001) ---------------------------------------

FLASK_APP: Tree = {
    "README.md": "# Tweet classifier\n\nThe API is deployed on Heroku.\n",
    "requirements.txt": "flask==3.0.3\nscikit-learn==1.5.0\n",
    "app.py": "import flask\n\napp = flask.Flask(__name__)\n",
}


def test_a_procfile_web_process_is_the_platforms_image(tmp_path: Path) -> None:
    tree = {**FLASK_APP, "Procfile": "web: gunicorn app:app\n"}
    assert committed_status(tmp_path, tree, "IMG001") == "passed"


def test_a_procfile_without_a_web_process_defines_no_image(tmp_path: Path) -> None:
    tree = {**FLASK_APP, "Procfile": "worker: python jobs.py\n"}
    assert committed_status(tmp_path, tree, "IMG001") == "failed"


def test_a_render_web_service_on_python_is_the_platforms_image(tmp_path: Path) -> None:
    blueprint = "services:\n  - type: web\n    name: api\n    env: python\n"
    tree = {**FLASK_APP, "render.yaml": blueprint + "    startCommand: gunicorn app:app\n"}
    assert committed_status(tmp_path, tree, "IMG001") == "passed"


def test_a_render_service_built_from_docker_needs_a_dockerfile(tmp_path: Path) -> None:
    blueprint = "services:\n  - type: web\n    name: api\n    env: docker\n"
    tree = {**FLASK_APP, "render.yaml": blueprint}
    assert committed_status(tmp_path, tree, "IMG001") == "failed"
