"""Session 50, from round 53 and K33.

TEST001: a `Test*` class with no test of its own and no base that may carry them (SimSwap's
`TestOptions(BaseOptions)`) is no test, and a module CI hands pytest by path
(`python -m pytest validation.py`) is a test module whatever its name. SEC001: a W&B key
given to `wandb login` on a command line, and a secret-named variable holding a UUID key.
CODE002: `C:\\Windows`, SYSTEMROOT's default, names no machine. Kinds: a package its README
offers as utilities is a library, packaged or not; a README that has its reader clone the
repository and push it to their own remote presents a template."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doctor.helpers import Tree, committed_kind, committed_status, shown_findings

# -- TEST001: what pytest collects ----------------------------------------------------------------

_TRAIN = (
    "import joblib\nfrom sklearn.neighbors import KNeighborsClassifier\n\n"
    "model = KNeighborsClassifier().fit([[0], [1]], [0, 1])\njoblib.dump(model, 'model.joblib')\n"
)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (
            "from .base_options import BaseOptions\n\n\nclass TestOptions(BaseOptions):\n"
            "    def initialize(self):\n        self.phase = 'test'\n",
            "failed",
        ),
        (
            "class TestModel:\n    def test_predicts(self):\n        assert round(0.49) == 0\n",
            "passed",
        ),
    ],
    ids=["options-class", "test-class"],
)
def test_test001_collects_tests_of_a_test_class_only(
    tmp_path: Path, body: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "scikit-learn==1.5.2\n",
        "train.py": _TRAIN,
        "options/__init__.py": "",
        "options/base_options.py": "class BaseOptions:\n    phase = 'train'\n",
        "options/test_options.py": body,
    }
    assert committed_status(tmp_path, tree, "TEST001") == status


_WORKFLOW = (
    "name: ci\non: push\npermissions:\n  contents: read\njobs:\n  test:\n"
    "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
    "      - run: pip install -r requirements.txt\n      - run: python train.py\n"
    "      - run: {command}\n"
)
_VALIDATION = (
    "import joblib\n\n\ndef test_model_predicts_the_right_class():\n"
    "    model = joblib.load('model.joblib')\n    assert model.predict([[1]])[0] == 1\n"
)


@pytest.mark.parametrize(
    ("command", "status"),
    [("python -m pytest validation.py", "passed"), ("python validation.py", "failed")],
    ids=["handed-to-pytest", "run-as-a-script"],
)
def test_test001_reads_a_module_ci_hands_pytest_by_path(
    tmp_path: Path, command: str, status: str
) -> None:
    tree: Tree = {
        "requirements.txt": "scikit-learn==1.5.2\npytest==8.3.3\n",
        "train.py": _TRAIN,
        "validation.py": _VALIDATION,
        ".github/workflows/ci.yml": _WORKFLOW.format(command=command),
    }
    assert committed_status(tmp_path, tree, "TEST001") == status


# -- SEC001: keys on a command line and keys shaped as UUIDs -------------------------------------


@pytest.mark.parametrize(
    ("files", "found"),
    [
        (
            {
                "Dockerfile": (
                    "FROM python:3.11-slim\n"
                    "RUN wandb login 0f67acb5170832a98b80da3cf33a8a2b8d935898\n"
                )
            },
            True,
        ),
        ({"Dockerfile": "FROM python:3.11-slim\nRUN wandb login $WANDB_API_KEY\n"}, False),
        ({"settings.py": "SCRAPEOPS_API_KEY = '79826398-ea87-4afd-81de-175c621f8b4b'\n"}, True),
        ({"settings.py": "RUN_ID = '79826398-ea87-4afd-81de-175c621f8b4b'\n"}, False),
    ],
    ids=["wandb-login-key", "wandb-login-variable", "uuid-key", "uuid-id"],
)
def test_sec001_reads_keys_on_a_command_line_and_uuid_keys(
    tmp_path: Path, files: Tree, found: bool
) -> None:
    tree: Tree = {"requirements.txt": "wandb==0.18.0\n", "app.py": "print('ok')\n", **files}
    assert bool(shown_findings(tmp_path, tree, "SEC001")) is found


# -- CODE002: the Windows system folder ----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [("C:\\\\Windows", "passed"), ("C:\\\\Users\\\\sara\\\\data", "failed")],
    ids=["system-root", "user-folder"],
)
def test_code002_leaves_the_windows_system_folder(tmp_path: Path, path: str, status: str) -> None:
    tree: Tree = {
        "requirements.txt": "scikit-learn==1.5.2\n",
        "train.py": _TRAIN,
        "debug_info.py": f"import os\n\nsystem_root = os.environ.get('SYSTEMROOT', '{path}')\n",
    }
    assert committed_status(tmp_path, tree, "CODE002") == status


# -- Kinds: utilities offered, and a starter pushed as one's own ----------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Utilities for ML experiments in pytorch", "library"),
        ("Experiments in pytorch", "application"),
    ],
    ids=["utilities", "experiments"],
)
def test_a_package_offered_as_utilities_is_a_library(tmp_path: Path, line: str, kind: str) -> None:
    tree: Tree = {
        "README.md": f"# mlutils\n{line}\n",
        "mlutils/__init__.py": "",
        "mlutils/training.py": (
            "import torch\n\n\ndef fit(model, batches, epochs=1):\n"
            "    optimiser = torch.optim.Adam(model.parameters())\n"
            "    for _ in range(epochs):\n        for x, y in batches:\n"
            "            loss = torch.nn.functional.mse_loss(model(x), y)\n"
            "            loss.backward()\n            optimiser.step()\n    return model\n"
        ),
        "test.py": "from mlutils.training import fit\n\nprint(fit)\n",
    }
    assert committed_kind(tmp_path, tree) == kind


@pytest.mark.parametrize(
    ("setup", "kind"),
    [
        (
            "To use this framework, create an empty remote repo in your organisation, clone a "
            "copy of this repo and push to your remote.",
            "template",
        ),
        ("Clone this repo and run `make deploy`.", "application"),
    ],
    ids=["pushed-as-own", "cloned-to-run"],
)
def test_a_readme_having_the_repository_pushed_as_one_s_own_presents_a_template(
    tmp_path: Path, setup: str, kind: str
) -> None:
    tree: Tree = {
        "README.md": (
            f"# MLOps Toolkit Framework\n\nAn ML landing zone on AWS.\n\n## Setup\n\n{setup}\n"
        ),
        "requirements.txt": "scikit-learn==1.5.2\n",
        "code/train.py": _TRAIN,
        "Makefile": "deploy:\n\tterraform apply\n",
    }
    assert committed_kind(tmp_path, tree) == kind
