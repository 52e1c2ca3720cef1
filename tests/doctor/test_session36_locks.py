"""Session 36's fixes of the lock and pin checks: a Pipfile with no lock beside it pins
nothing it gives as a range (ENV002); a `pip install` that Python code runs as a process
is a requirement like a script's (ENV002); a template's rendered declarations that pin a
version exactly are pins to keep moving (ENV005); a conda explicit spec declares, pins and
locks (ENV001, ENV005, ENV007); a setup.py in a subfolder declares (ENV001); an image's
`pip install .` of a project of ranges with no lock is unpinned (ENV002); an image's exact
pins (where nothing else declares) and a Hatch environment's are pins to keep moving
(ENV005)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_status

APP: Tree = {
    "README.md": "# Churn model\n\nDeployed with Docker.\n",
    "requirements.txt": "pandas==2.2.3\nscikit-learn==1.5.2\n",
    "src/churn/app.py": "import fastapi\n\napp = fastapi.FastAPI()\n",
}
PIPFILE = '[packages]\npandas = "*"\nxgboost = ">=2"\n\n[requires]\npython_version = "3.11"\n'
PINNED_PIPFILE = '[packages]\npandas = "==2.2.3"\nxgboost = {version = "==2.1.1"}\n'


# -- a Pipfile with no lock (ENV002) -------------------------------------------------------


def test_a_pipfile_of_ranges_without_its_lock_is_unpinned(tmp_path: Path) -> None:
    tree = {**APP, "services/train/Pipfile": PIPFILE}
    assert committed_status(tmp_path, tree, "ENV002") == "failed"


def test_a_pipfile_beside_its_lock_is_pinned_by_the_lock(tmp_path: Path) -> None:
    lock = '{"_meta": {}, "default": {"pandas": {"version": "==2.2.3"}}}'
    tree = {**APP, "services/train/Pipfile": PIPFILE, "services/train/Pipfile.lock": lock}
    assert committed_status(tmp_path, tree, "ENV002") == "passed"


def test_a_pipfile_of_exact_versions_without_a_lock_is_pinned(tmp_path: Path) -> None:
    tree = {**APP, "services/train/Pipfile": PINNED_PIPFILE}
    assert committed_status(tmp_path, tree, "ENV002") == "passed"


# -- `pip install` run from Python code (ENV002) -------------------------------------------

PROCESS_INSTALL = (
    "import subprocess\nimport sys\n\n"
    'subprocess.run([sys.executable, "-m", "pip", "install", {packages}])\n'
)


def test_code_that_pip_installs_a_bare_name_is_unpinned(tmp_path: Path) -> None:
    code = PROCESS_INSTALL.format(packages='"dvc", "dvc[s3]"')
    tree = {**APP, "pipelines/preprocess.py": code}
    assert committed_status(tmp_path, tree, "ENV002") == "failed"


def test_code_that_pip_installs_an_exact_version_is_pinned(tmp_path: Path) -> None:
    code = PROCESS_INSTALL.format(packages='"dvc==3.55.2"')
    tree = {**APP, "pipelines/preprocess.py": code}
    assert committed_status(tmp_path, tree, "ENV002") == "passed"


def test_code_that_pip_installs_a_name_computed_at_run_time_is_not_read(
    tmp_path: Path,
) -> None:
    code = PROCESS_INSTALL.format(packages="package")
    tree = {**APP, "pipelines/preprocess.py": "package = 'x'\n" + code}
    assert committed_status(tmp_path, tree, "ENV002") == "passed"


def test_a_message_that_tells_the_reader_to_pip_install_is_no_install(tmp_path: Path) -> None:
    code = 'raise ImportError("run: pip install dvc")\n'
    tree = {**APP, "pipelines/preprocess.py": code}
    assert committed_status(tmp_path, tree, "ENV002") == "passed"


# -- pins in the files a template renders (ENV005) -----------------------------------------

TEMPLATE: Tree = {
    "README.md": "# ML project template\n\nRun `cookiecutter gh:me/ml-template`.\n",
    "cookiecutter.json": '{"repo_name": "demo"}\n',
    "{{ cookiecutter.repo_name }}/src/demo/__init__.py": "",
}


@pytest.mark.parametrize(
    ("rendered", "contents"),
    [
        ("requirements.txt", "pandas>=2\ntorch==2.4.1\n"),
        ("environment.yml", "name: demo\ndependencies:\n  - python=3.11\n  - pytorch=2.4.1\n"),
        (
            "pyproject.toml",
            '[project]\nname = "demo"\ndependencies = [\n    "sphinx==7.4.7",\n]\n',
        ),
    ],
)
def test_a_template_rendering_exact_pins_asks_for_updates(
    tmp_path: Path, rendered: str, contents: str
) -> None:
    tree = {**TEMPLATE, f"{{{{ cookiecutter.repo_name }}}}/{rendered}": contents}
    assert committed_status(tmp_path, tree, "ENV005") == "failed"


def test_a_template_rendering_ranges_pins_nothing(tmp_path: Path) -> None:
    environment = "name: demo\ndependencies:\n  - python=3.11\n  - pytorch>=2\n"
    tree = {**TEMPLATE, "{{ cookiecutter.repo_name }}/environment.yml": environment}
    assert committed_status(tmp_path, tree, "ENV005") == "not-applicable"


# -- conda explicit specs: a declaration, a lock, and stale when its environment grew ------

EXPLICIT_SPEC = (
    "# platform: linux-64\n@EXPLICIT\n"
    "https://conda.anaconda.org/conda-forge/linux-64/python-3.12.7-hc5c86c4_0_cpython.conda\n"
    "https://conda.anaconda.org/conda-forge/linux-64/numpy-2.1.2-py312h58c1407_0.conda\n"
)
ENVIRONMENT = "name: demo\nchannels:\n  - conda-forge\ndependencies:\n  - python\n  - numpy\n"
SCRIPT = {"src/demo/__init__.py": "", "src/demo/train.py": "import numpy\n"}


def test_an_explicit_spec_under_any_name_declares_the_dependencies(tmp_path: Path) -> None:
    tree = {**SCRIPT, "dev.txt": EXPLICIT_SPEC}
    assert committed_status(tmp_path, tree, "ENV001") == "passed"


def test_a_plain_text_file_declares_nothing(tmp_path: Path) -> None:
    tree = {**SCRIPT, "dev.txt": "numpy and pandas, installed by hand\n"}
    assert committed_status(tmp_path, tree, "ENV001") == "failed"


def test_an_explicit_spec_is_a_pin_to_keep_moving(tmp_path: Path) -> None:
    tree = {**SCRIPT, "dev.txt": EXPLICIT_SPEC}
    assert committed_status(tmp_path, tree, "ENV005") == "failed"


def test_an_explicit_spec_missing_a_package_of_its_environment_is_stale(tmp_path: Path) -> None:
    environment = ENVIRONMENT + "  - scikit-learn>=1.5\n"
    tree = {**SCRIPT, "environment.yml": environment, "conda-spec.txt": EXPLICIT_SPEC}
    assert committed_status(tmp_path, tree, "ENV007") == "failed"


def test_an_explicit_spec_holding_its_environment_is_up_to_date(tmp_path: Path) -> None:
    tree = {**SCRIPT, "environment.yml": ENVIRONMENT, "conda-spec.txt": EXPLICIT_SPEC}
    assert committed_status(tmp_path, tree, "ENV007") == "passed"


# -- a declaration in a subfolder (ENV001) -------------------------------------------------

SETUP = "from setuptools import setup\n\nsetup(name='churn', install_requires=['sagemaker'])\n"
PIPELINE = {"pipelines/churn/__init__.py": "", "pipelines/churn/train.py": "import sagemaker\n"}


def test_a_setup_py_in_a_subfolder_declares_the_dependencies(tmp_path: Path) -> None:
    tree = {**PIPELINE, "pipelines/setup.py": SETUP}
    assert committed_status(tmp_path, tree, "ENV001") == "passed"


def test_code_with_no_setup_py_anywhere_declares_nothing(tmp_path: Path) -> None:
    assert committed_status(tmp_path, PIPELINE, "ENV001") == "failed"


# -- an image installing its folder's project of ranges (ENV002) ---------------------------

WORKER_PYPROJECT = (
    '[project]\nname = "worker"\nversion = "0.1.0"\ndependencies = ["mlflow>=2.7", "pandas>=2.1"]\n'
)
WORKER_IMAGE = "FROM python:3.12-slim\nCOPY . .\nRUN pip install .\n"
WORKER: Tree = {
    **APP,
    "containers/worker/pyproject.toml": WORKER_PYPROJECT,
    "containers/worker/Dockerfile": WORKER_IMAGE,
    "containers/worker/src/worker/__init__.py": "",
}


def test_an_image_installing_its_project_of_ranges_with_no_lock_is_unpinned(
    tmp_path: Path,
) -> None:
    assert committed_status(tmp_path, WORKER, "ENV002") == "failed"


def test_an_image_installing_its_project_beside_a_lock_above_is_pinned(tmp_path: Path) -> None:
    tree = {**WORKER, "pyproject.toml": WORKER_PYPROJECT, "uv.lock": "version = 1\n"}
    assert committed_status(tmp_path, tree, "ENV002") == "passed"


def test_an_image_installing_pinned_requirements_before_its_project_is_pinned(
    tmp_path: Path,
) -> None:
    image = (
        "FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt && pip install .\n"
    )
    tree = {**WORKER, "containers/worker/Dockerfile": image}
    assert committed_status(tmp_path, tree, "ENV002") == "passed"


# -- pins in images and in a pyproject's environments (ENV005) -----------------------------

SOLUTION: Tree = {
    "README.md": "# Competition solution\n",
    "src/solution/__init__.py": "",
    "src/solution/train.py": "import torch\n",
}


@pytest.mark.parametrize(
    ("install", "status"),
    [("torch==2.4.1 timm==1.0.9", "failed"), ("torch timm", "not-applicable")],
)
def test_an_image_pinning_what_it_installs_asks_for_updates(
    tmp_path: Path, install: str, status: str
) -> None:
    image = f"FROM python:3.12-slim\nRUN pip install {install}\nCOPY . .\n"
    tree = {**SOLUTION, "Dockerfile": image}
    assert committed_status(tmp_path, tree, "ENV005") == status


def test_an_image_pin_beside_a_requirements_file_of_ranges_is_not_counted(
    tmp_path: Path,
) -> None:
    # Where a file declares the dependencies, that file is what updates move.
    image = "FROM python:3.12-slim\nRUN pip install torch==2.4.1\nCOPY . .\n"
    tree = {**SOLUTION, "Dockerfile": image, "requirements.txt": "torch>=2\nnumpy\n"}
    assert committed_status(tmp_path, tree, "ENV005") == "not-applicable"


@pytest.mark.parametrize(
    ("torch", "status"), [("torch==2.4.1", "failed"), ("torch>=2.4", "not-applicable")]
)
def test_a_hatch_environment_pinning_a_version_asks_for_updates(
    tmp_path: Path, torch: str, status: str
) -> None:
    pyproject = (
        '[project]\nname = "solution"\nversion = "0.1.0"\ndependencies = []\n\n'
        f'[tool.hatch.envs.default]\ndependencies = ["{torch}", "numpy"]\n'
    )
    tree = {**SOLUTION, "pyproject.toml": pyproject}
    assert committed_status(tmp_path, tree, "ENV005") == status
