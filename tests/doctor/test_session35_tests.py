"""Session 35: a test suite that exercises none of the project's code is no suite (TEST001).

A test of a stand-in (`def add(a, b): return a + b`, written in the test module or left by
a generator in a module nothing else imports, beside the project's real code) and the
tests Kedro's spaceflights starters ship for the tutorial's pipeline are placeholders:
TEST001 reports them, and DATA005 and TEST002, which need a suite, do not apply."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import WORKFLOW
from tests.doctor.helpers import Tree, committed_status

PYPROJECT = '[project]\nname = "shop"\nversion = "0.1.0"\n'
STAND_IN = (
    '"""Core functionality."""\n\n\ndef add(a, b):\n    """Add two numbers."""\n    return a + b\n'
)
TRAIN = (
    "import pandas as pd\nfrom sklearn.linear_model import LinearRegression\n\n\n"
    "def train(path):\n    frame = pd.read_csv(path)\n"
    "    return LinearRegression().fit(frame[['x']], frame['y'])\n"
)
TEST_ADD = "from shop.core import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"


def _project(**extra: str) -> Tree:
    return {
        "pyproject.toml": PYPROJECT,
        "src/shop/__init__.py": '__version__ = "0.1.0"\n',
        "src/shop/core.py": STAND_IN,
        "src/shop/train.py": TRAIN,
        "tests/test_core.py": TEST_ADD,
        **extra,
    }


def test_a_test_of_a_stand_in_nothing_imports_is_no_suite(tmp_path: Path) -> None:
    assert committed_status(tmp_path, _project(), "TEST001") == "failed"


def test_checks_that_need_a_suite_follow_a_stand_in_suite(tmp_path: Path) -> None:
    assert committed_status(tmp_path, _project(), "TEST002") == "not-applicable"


def test_ci_running_only_a_stand_in_s_test_runs_no_suite(tmp_path: Path) -> None:
    tree = _project(**{".github/workflows/ci.yml": WORKFLOW})
    assert committed_status(tmp_path, tree, "CI002") == "failed"


def test_a_test_of_a_stand_in_the_program_imports_is_a_suite(tmp_path: Path) -> None:
    cli = "import sys\n\nfrom shop.core import add\n\nprint(add(*map(int, sys.argv[1:])))\n"
    tree = _project(**{"src/shop/cli.py": cli})
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


def test_a_test_of_a_stand_in_that_is_all_the_code_is_a_suite(tmp_path: Path) -> None:
    tree = _project()
    del tree["src/shop/train.py"]
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


def test_a_test_of_a_function_it_defines_itself_is_no_suite(tmp_path: Path) -> None:
    test = (
        "import unittest\n\n\ndef add(a, b):\n    return a + b\n\n\n"
        "class TestAdd(unittest.TestCase):\n    def test_add(self):\n"
        "        self.assertEqual(add(1, 2), 3)\n"
    )
    tree = _project(**{"tests/test_core.py": test})
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


def test_a_test_of_a_function_that_computes_is_a_suite(tmp_path: Path) -> None:
    scale = "def scale(values, factor):\n    return [value * factor for value in values]\n"
    test = "from shop.core import scale\n\n\ndef test_scale():\n    assert scale([1], 2) == [2]\n"
    tree = _project(**{"src/shop/core.py": scale, "tests/test_core.py": test})
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


# -- Kedro's spaceflights starter ------------------------------------------------------------

SPACEFLIGHTS_TEST = (
    "import pandas as pd\nimport pytest\n"
    "from shop.pipelines.data_science.nodes import split_data\n\n\n"
    "@pytest.fixture\ndef dummy_data():\n"
    '    return pd.DataFrame({"engines": [1, 2, 3], "passenger_capacity": [5, 6, 7],'
    ' "price": [9, 8, 7]})\n\n\n'
    "def test_split_data(dummy_data):\n"
    '    x_train, x_test, y_train, y_test = split_data(dummy_data, {"test_size": 0.2})\n'
    "    assert len(x_train) == 2\n"
)
NODES = (
    "from sklearn.model_selection import train_test_split\n\n\n"
    "def split_data(data, parameters):\n"
    '    return train_test_split(data.drop(columns="price"), data["price"],'
    ' test_size=parameters["test_size"])\n'
)


def _kedro(test: str) -> Tree:
    return {
        "pyproject.toml": PYPROJECT,
        "src/shop/__init__.py": "",
        "src/shop/pipelines/data_science/nodes.py": NODES,
        "tests/pipelines/test_data_science.py": test,
    }


def test_the_spaceflights_starter_s_tests_are_no_suite(tmp_path: Path) -> None:
    assert committed_status(tmp_path, _kedro(SPACEFLIGHTS_TEST), "TEST001") == "failed"


def test_tests_of_the_project_s_own_nodes_are_a_suite(tmp_path: Path) -> None:
    own = SPACEFLIGHTS_TEST.replace("passenger_capacity", "supplier_count")
    assert committed_status(tmp_path, _kedro(own), "TEST001") == "passed"
