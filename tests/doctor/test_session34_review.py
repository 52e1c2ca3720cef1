"""Session 34's review fixes: a CircleCI `workflows:` list is read without a crash
(DATA004); a tests folder's conftest.py is no test module (TEST001)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlops_scaffold.doctor import kinds
from mlops_scaffold.doctor.checks.code import hooks_lint
from mlops_scaffold.doctor.fixtures import AuditView
from mlops_scaffold.repo import Repo
from tests.conftest import build_file_tree
from tests.doctor.cases import API, FIT, PACKAGE, TEST, TRAINING, model_service
from tests.doctor.helpers import (
    Tree,
    audit,
    committed_kind,
    committed_status,
    git_commit,
    status_of,
)
from tests.doctor.test_kinds_generalised_s34 import _three_products

# -- DATA004: a CircleCI config whose `workflows:` is a list -------------------------------

CIRCLECI_LISTED_WORKFLOWS = (
    "version: 2.1\njobs:\n  train:\n    docker:\n      - image: cimg/python:3.12\n"
    "    steps:\n      - checkout\n      - run: python src/demo/train.py\n"
    "workflows:\n  - train\n"
)


def test_a_circleci_workflows_list_is_read_without_a_crash(tmp_path: Path) -> None:
    tree = {**PACKAGE, **TRAINING, ".circleci/config.yml": CIRCLECI_LISTED_WORKFLOWS}
    assert committed_status(tmp_path, tree, "DATA004") == "failed"


# -- TEST001: a conftest.py holds fixtures, not tests ---------------------------------------

CONFTEST = (
    "import pytest\n\nfrom demo import app\n\n\n"
    "@pytest.fixture\ndef test_client():\n    return app\n"
)


def test_a_conftest_with_a_test_named_fixture_is_no_suite(tmp_path: Path) -> None:
    tree = {**PACKAGE, "tests/conftest.py": CONFTEST}
    assert committed_status(tmp_path, tree, "TEST001") == "failed"


def test_a_conftest_beside_a_test_module_is_a_suite(tmp_path: Path) -> None:
    tree = {**PACKAGE, **TEST, "tests/conftest.py": CONFTEST}
    assert committed_status(tmp_path, tree, "TEST001") == "passed"


# -- kinds: "samples" of data are no sample code -------------------------------------------


def test_a_readme_that_holds_labelled_samples_presents_a_product(tmp_path: Path) -> None:
    readme = "# Churn scoring\n\nThis project contains 5000 labelled samples of churn data.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "application"


def test_a_readme_that_holds_code_samples_presents_examples(tmp_path: Path) -> None:
    readme = "# Churn scoring\n\nThis project contains code samples for churn scoring.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "example"


# -- kinds: a line that goes on after "projects" names other projects ----------------------


def test_a_first_line_naming_other_projects_keeps_one_product(tmp_path: Path) -> None:
    readme = "# Shop scoring\n\nOpen-source projects like MLflow track the models we serve.\n"
    assert committed_kind(tmp_path, _three_products(readme)) == "application"


def test_a_first_line_that_ends_with_projects_keeps_them_apart(tmp_path: Path) -> None:
    readme = "# Shop scoring\n\nMachine learning projects.\n\nEach folder trains a model.\n"
    assert committed_kind(tmp_path, _three_products(readme)) == "monorepo"


# -- EXP001: a bare "test" string is no tests folder ---------------------------------------

SPLIT_TRAINER = (
    "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\n"
    "from demo.data import load_split\n\n\n"
    "def main():\n    fixture_rows = load_split(split='test')\n"
    "    frame = pd.read_csv('data/train.csv')\n"
    "    model = LogisticRegression().fit(frame[['a']], frame['y'])\n"
    "    print(model.score(fixture_rows[['a']], fixture_rows['y']))\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)


def test_a_trainer_that_loads_the_test_split_trains(tmp_path: Path) -> None:
    tree = {**PACKAGE, "scripts/fit_model.py": SPLIT_TRAINER}
    assert committed_status(tmp_path, tree, "EXP001") == "failed"


def test_a_script_that_writes_under_tests_fixtures_trains_nothing(tmp_path: Path) -> None:
    script = SPLIT_TRAINER.replace("print(model.score(", "save(model, 'tests/fixtures/m.pkl', (")
    tree = {**PACKAGE, "scripts/fit_model.py": script}
    assert committed_status(tmp_path, tree, "EXP001") == "not-applicable"


# -- DOCS003: `clean-up`, `set-up`, `install-test` are no common tasks ---------------------

STEP_MAKEFILE = "{name}:\n\tdocker compose -f stack.yml {verb}\n"
TRAIN = "def main(model, x, y):\n    model.fit(x, y)\n"


@pytest.mark.parametrize("name", ["clean-up", "set-up", "warm-up", "install-test"])
def test_a_step_ending_with_a_task_verb_is_no_common_task(tmp_path: Path, name: str) -> None:
    makefile = STEP_MAKEFILE.format(name=name, verb="down")
    tree = {"Makefile": makefile, "stack.yml": "services: {}\n", "src/demo/train.py": TRAIN}
    assert committed_status(tmp_path, tree, "DOCS003") == "failed"


def test_a_stack_name_ending_with_up_is_a_common_task(tmp_path: Path) -> None:
    makefile = STEP_MAKEFILE.format(name="stack-up", verb="up -d")
    tree = {"Makefile": makefile, "stack.yml": "services: {}\n", "src/demo/train.py": TRAIN}
    assert committed_status(tmp_path, tree, "DOCS003") == "passed"


# -- IMG001: a Render static site builds no app image ---------------------------------------

WEB_APP: Tree = {
    "README.md": "# Review scorer\n\nThe API is deployed on Render.\n",
    "requirements.txt": "flask==3.0.3\nscikit-learn==1.5.0\n",
    "app.py": "import flask\n\napp = flask.Flask(__name__)\n",
}


@pytest.mark.parametrize(("runtime", "status"), [("static", "failed"), ("python", "passed")])
def test_a_render_static_site_is_no_buildpack_app(
    tmp_path: Path, runtime: str, status: str
) -> None:
    blueprint = f"services:\n  - type: web\n    name: site\n    runtime: {runtime}\n"
    tree = {**WEB_APP, "render.yaml": blueprint}
    assert committed_status(tmp_path, tree, "IMG001") == status


# -- IMG003: a `/:/host` volume mounts no working copy -------------------------------------

WORKSPACE: Tree = {
    "README.md": "# Price model\n\nDeployed with Docker.\n",
    "pyproject.toml": '[project]\nname = "price"\n',
    "src/price/app.py": "import fastapi\n\napp = fastapi.FastAPI()\n",
    "Dockerfile": "FROM python:3.11\nRUN pip install pandas\n",
}


@pytest.mark.parametrize(("volume", "status"), [("/:/host", "failed"), (".:/work", "passed")])
def test_only_the_working_copy_mounted_makes_a_workbench(
    tmp_path: Path, volume: str, status: str
) -> None:
    compose = f"services:\n  dev:\n    build: .\n    volumes:\n      - {volume}\n    tty: true\n"
    tree = {**WORKSPACE, "docker-compose.yml": compose}
    assert committed_status(tmp_path, tree, "IMG003") == status


# -- kinds: COPY sources are read from the build's context ---------------------------------


def _stack_copying_common(context_root: bool) -> Tree:
    """Two services a root compose file builds, each copying `common/` in, and common/,
    a package of shared code at the root; built from the root or from their folders."""
    builds = {
        name: "      context: .\n      dockerfile: {name}/Dockerfile\n"
        if context_root
        else "      context: ./{name}\n"
        for name in ("api", "training")
    }
    compose = "services:\n" + "".join(
        f"  {name}:\n    build:\n" + spec.format(name=name) for name, spec in builds.items()
    )
    tree: Tree = {
        "README.md": "# Fraud scoring\n\nScores card payments.\n",
        "docker-compose.yml": compose,
        "common/setup.py": "from setuptools import setup\n\nsetup(name='common')\n",
        "common/common/__init__.py": "",
        "common/common/features.py": "def scale(x):\n    return x / 2\n",
    }
    for name, code in (("api", API), ("training", FIT)):
        tree[f"{name}/README.md"] = f"# {name}\n"
        tree[f"{name}/requirements.txt"] = "fastapi==0.110.0\n"
        tree[f"{name}/main.py"] = code
        tree[f"{name}/Dockerfile"] = "FROM python:3.12-slim\nCOPY common/ /app/common/\n"
    return tree


def test_common_copied_from_the_root_context_is_the_products(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _stack_copying_common(context_root=True)) == "application"


def test_common_copied_from_a_service_context_is_its_own(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _stack_copying_common(context_root=False)) == "monorepo"


# -- SERVE002: a background Cloud Function decoding a Pub/Sub message ----------------------

PUBSUB_HANDLER = """import base64
import json


def cf_handler(event, context):
    features = json.loads(base64.b64decode(event["data"]))
    model.predict(features)
"""
BODY_HANDLER = """import json


def cf_handler(event, context):
    features = json.loads(event["body"])
    return {"statusCode": 200, "body": json.dumps(model.predict(features))}
"""


@pytest.mark.parametrize(
    ("handler", "status"), [(PUBSUB_HANDLER, "not-applicable"), (BODY_HANDLER, "failed")]
)
def test_a_pubsub_function_is_polled_by_nothing(tmp_path: Path, handler: str, status: str) -> None:
    tree = {**PACKAGE, "functions/predict/main.py": handler}
    assert committed_status(tmp_path, tree, "SERVE002") == status


# -- speed: one search for every unused fitting method's name ------------------------------

TWO_REFITS = (
    "from sklearn.linear_model import LogisticRegression, Ridge\n\n\n"
    "class Predictor:\n"
    "    def refit(self, x, y):\n        self.model = LogisticRegression().fit(x, y)\n\n"
    "    def retrain(self, x, y):\n        self.model = Ridge().fit(x, y)\n"
)


def _searches_for_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tree: Tree) -> list[str]:
    searched: list[str] = []
    original = AuditView.files_matching

    def counted(self: AuditView, pattern: str) -> list[str]:
        searched.append(pattern)
        return original(self, pattern)

    monkeypatch.setattr(AuditView, "files_matching", counted)
    build_file_tree(tmp_path, tree)
    git_commit(tmp_path)
    status_of(audit(tmp_path, "EXP001"), "EXP001")
    return [pattern for pattern in searched if "refit" in pattern or "retrain" in pattern]


def test_unused_fitting_methods_are_searched_for_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = {**PACKAGE, "src/demo/predictor.py": TWO_REFITS}
    assert len(_searches_for_names(tmp_path, monkeypatch, tree)) == 1
    assert committed_status(tmp_path / "again", tree, "EXP001") == "not-applicable"


def test_a_method_another_file_names_still_trains(tmp_path: Path) -> None:
    script = "from demo.predictor import Predictor\n\nPredictor().retrain([[1]], [0])\n"
    tree = {**PACKAGE, "src/demo/predictor.py": TWO_REFITS, "scripts/go.py": script}
    assert committed_status(tmp_path, tree, "EXP001") == "failed"


# -- speed: the English README is found among the README paths -----------------------------

JAPANESE = "# 価格モデル\n\nこのリポジトリはワークショップのコードです。\n"


def test_the_english_readme_is_found_by_path_not_by_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patterns: list[str] = []
    original = Repo.matching

    def recorded(self: Repo, pattern: re.Pattern[str], hint: str = "") -> list[str]:
        patterns.append(pattern.pattern)
        return original(self, pattern, hint)

    monkeypatch.setattr(Repo, "matching", recorded)
    english = "# Price hands-on\n\nThis repository collects sample code used in workshops.\n"
    tree = {**model_service(JAPANESE), "README_EN.md": english, "docs/README_EN.md": "# Other\n"}
    assert committed_kind(tmp_path, tree) == "example"
    assert kinds.ENGLISH_README.pattern in patterns


def test_an_english_readme_in_another_folder_is_not_the_translation(tmp_path: Path) -> None:
    english = "# Price hands-on\n\nThis repository collects sample code used in workshops.\n"
    tree = {**model_service(JAPANESE), "docs/README_EN.md": english}
    assert committed_kind(tmp_path, tree) == "application"


# -- kinds: uv source keys are read as normalised names ------------------------------------

PACKAGE_NAMES = ("wine-core", "wine-serve")


def _workspace() -> Tree:
    """Two packages of a uv workspace the root installs by name, each a workspace source."""
    names = ", ".join(f'"{name}"' for name in PACKAGE_NAMES)
    sources = "".join(f"{name} = {{ workspace = true }}\n" for name in PACKAGE_NAMES)
    tree: Tree = {
        "README.md": "# Wine: one interface to train any model\nInstall what you need.\n",
        "pyproject.toml": (
            f'[project]\nname = "wine"\nversion = "0.1.0"\ndependencies = [{names}]\n\n'
            f'[tool.uv.workspace]\nmembers = ["packages/*"]\n\n[tool.uv.sources]\n{sources}'
        ),
        "uv.lock": "version = 1\n",
    }
    for name in PACKAGE_NAMES:
        module = name.replace("-", "_")
        tree[f"packages/{name}/pyproject.toml"] = (
            f'[project]\nname = "{name}"\nversion = "0.1.0"\n\n'
            '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
        )
        tree[f"packages/{name}/src/{module}/__init__.py"] = ""
        tree[f"packages/{name}/src/{module}/core.py"] = FIT if name == "wine-core" else API
    return tree


def test_uv_sources_spelt_otherwise_name_the_same_packages(tmp_path: Path) -> None:
    # `Wine_Core` and `wine-core` are one distribution name (PEP 503).
    tree = _workspace()
    spelt = tree["pyproject.toml"].replace("wine-core =", "Wine_Core =")
    spelt = spelt.replace("wine-serve =", "WINE_serve =")
    assert committed_kind(tmp_path, {**tree, "pyproject.toml": spelt}) == "library"


def test_uv_sources_spelt_as_the_names_are_one_library(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _workspace()) == "library"


# -- CODE003: the hook configuration is read through the repository view's YAML parse -----

HOOKS = "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    hooks:\n"
HOOKS += "      - id: ruff\n"


@pytest.mark.parametrize(
    ("parsed", "found"), [({"exclude": "^legacy/"}, True), ({"exclude": "^src/"}, False)]
)
def test_hooks_lint_follows_the_views_parse(parsed: object, found: bool) -> None:
    files = frozenset({".pre-commit-config.yaml"})
    result = hooks_lint(files, lambda _: HOOKS, lambda _: parsed, "src")
    assert (result is not None) is found


# -- kinds: a course's top-level folders are listed once -----------------------------------


def test_a_course_lists_its_top_level_folders_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    listed = kinds._top_folders

    def counted(repo: Repo) -> list[str]:
        calls.append(repo)
        return listed(repo)

    monkeypatch.setattr(kinds, "_top_folders", counted)

    class Lessons:
        files = ("01-intro/a.ipynb", "02-models/b.ipynb", "README.md")
        readme = "README.md"

        def text(self, rel: str) -> str:
            return "# Notes\n"

    assert kinds.is_course(Lessons())  # type: ignore[arg-type]
    assert len(calls) == 1


# -- names: a template's Dockerfiles are read unrendered -----------------------------------


def test_template_dockerfiles_keep_both_branches_of_an_if(tmp_path: Path) -> None:
    image = (
        "{% if cookiecutter.gpu %}\nFROM nvidia/cuda:12.4.0-runtime-ubuntu22.04\n"
        "{% else %}\nFROM python:3.12-slim\n{% endif %}\nCOPY . /app\n"
    )
    build_file_tree(tmp_path, {"{{ cookiecutter.repo_name }}/Dockerfile": image})
    git_commit(tmp_path)
    (dockerfile,) = AuditView.open(tmp_path).template_dockerfiles
    assert len(dockerfile.stages) == 2


# -- MON001: an SQL statement's name is read in the function that binds it -----------------

TWO_QUERIES = """import mysql.connector


class FeatureStorage:
    def store_row(self, table: str, features: dict, label: str) -> None:
        query = f"INSERT INTO {table} (features, label) VALUES (%s, %s)"
        with mysql.connector.connect() as connection:
            connection.cursor().execute(query, (str(features), label))

    def count_rows(self, table: str) -> int:
        query = f"SELECT COUNT(*) FROM {table}"
        with mysql.connector.connect() as connection:
            return connection.cursor().execute(query)
"""
COUNTING_HANDLER = """import json

from storage import FeatureStorage

STORAGE = FeatureStorage()


def handler(event, context):
    prediction = model.predict(json.loads(event["body"]))
    STORAGE.{method}("features", {arguments})
    return {{"statusCode": 200, "body": json.dumps({{"prediction": prediction}})}}
"""


@pytest.mark.parametrize(
    ("method", "arguments", "status"),
    [("count_rows", "", "failed"), ("store_row", "{}, prediction", "passed")],
)
def test_only_the_method_binding_an_insert_writes_a_record(
    tmp_path: Path, method: str, arguments: str, status: str
) -> None:
    handler = COUNTING_HANDLER.format(method=method, arguments=arguments)
    tree = {**PACKAGE, "lambda/storage.py": TWO_QUERIES, "lambda/predict.py": handler}
    assert committed_status(tmp_path, tree, "MON001") == status


# -- DATA001, DATA004, EXP001: a file named for training trains whatever runs it -----------

UNUSED_REFIT = (
    "from sklearn.linear_model import LogisticRegression\n\n\n"
    "class Model:\n    def refit(self, x, y):\n"
    "        self.model = LogisticRegression().fit(x, y)\n"
)


@pytest.mark.parametrize(
    ("name", "status"), [("train.py", "failed"), ("model.py", "not-applicable")]
)
def test_a_file_named_for_training_trains_with_an_unused_fit(
    tmp_path: Path, name: str, status: str
) -> None:
    tree = {**PACKAGE, f"src/demo/{name}": UNUSED_REFIT}
    assert committed_status(tmp_path, tree, "EXP001") == status
