"""Session 31's review of its own rules: a user's odd YAML never crashes the doctor, and
the kind rules say no more than their comments (a team's lab is no lesson, a product
that is a starting point for tooling is no template, an API that supports articles is
no tutorial's code, a library pointing to its tutorial stays a library); DATA004 judges
only the imports a pipeline module makes as it loads."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.doctor.cases import API, FIT, model_service
from tests.doctor.helpers import Tree, audit, committed_kind, committed_status, git_commit

# -- a user's YAML never crashes the doctor -----------------------------------------------


def _audits(root: Path, tree: Tree) -> bool:
    build_file_tree(root, tree)
    git_commit(root)
    return audit(root).kind is not None  # no exception on the way


def test_a_yaml_alias_holding_its_own_list_does_not_crash(tmp_path: Path) -> None:
    pipeline = "trigger: [main]\njobs: &j\n  - job: a\n    steps:\n      - task: Bash@3\n  - *j\n"
    assert _audits(tmp_path, {"ci/build.yml": pipeline, "main.py": API})


def test_a_yaml_date_that_does_not_exist_does_not_crash(tmp_path: Path) -> None:
    pipeline = (
        "trigger: [main]\nvariables:\n  built: 2024-02-30\n"
        "steps:\n  - script: pytest\n    displayName: tests\n"
    )
    assert _audits(tmp_path, {"ci/build.yml": pipeline, "main.py": API})


def test_a_manifest_check_stays_linear_on_many_kind_lines(tmp_path: Path) -> None:
    many = "kind: List\n" * 20_000  # no apiVersion: the file is no manifest
    assert committed_status(tmp_path, {"data/kinds.yaml": many}, "REPO001") == "passed"


# -- kind rules say no more than their comments -------------------------------------------


def test_folders_of_a_team_lab_are_no_lessons(tmp_path: Path) -> None:
    tree = {
        **model_service("# Vision scorer\n\nScores images for our archive.\n"),
        "api/README.md": "# API\n\nMaintained by the ACME Vision Lab.\n",
        "api/serve.py": API,
        "trainer/README.md": "# Trainer\n\nMaintained by the ACME Vision Lab.\n",
        "trainer/fit.py": FIT,
    }
    assert committed_kind(tmp_path, tree) == "application"


def test_a_product_that_is_a_starting_point_for_tooling_is_no_template(
    tmp_path: Path,
) -> None:
    readme = "# News tagger\n\nTags articles. It is a solid starting point for newsroom tooling.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "application"


def test_a_starting_point_for_your_projects_is_a_template(tmp_path: Path) -> None:
    readme = "# Seed\n\nThis is a starting point for your own ML projects.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "template"


def test_an_api_that_supports_articles_is_no_companion_code(tmp_path: Path) -> None:
    readme = "# News classifier\n\nThe API supports news articles in English.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "application"


def test_a_repository_that_accompanies_a_book_is_an_example(tmp_path: Path) -> None:
    readme = "# Wine MLOps\n\nThis repository accompanies the book on serving models.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "example"


PUBLISHED = (
    '[project]\nname = "scorekit"\nversion = "1.0"\n'
    'classifiers = ["Programming Language :: Python :: 3"]\n'
    '[project.urls]\nHomepage = "https://example.org/scorekit"\n'
    '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
)


def test_a_library_pointing_to_its_quick_tutorial_stays_a_library(tmp_path: Path) -> None:
    tree = {
        "README.md": "# scorekit\n\nScoring helpers. Start with the quick tutorial in our docs.\n",
        "pyproject.toml": PUBLISHED,
        "src/scorekit/__init__.py": "def score(x):\n    return x\n",
    }
    assert committed_kind(tmp_path, tree) == "library"


def test_a_package_said_a_proof_of_concept_is_an_example(tmp_path: Path) -> None:
    tree = {
        "README.md": "# scorekit\n\nThis package is a proof-of-concept of a feature store.\n",
        "pyproject.toml": PUBLISHED,
        "src/scorekit/__init__.py": "def score(x):\n    return x\n",
    }
    assert committed_kind(tmp_path, tree) == "example"


# -- DATA004: only the imports a module makes as it loads ----------------------------------

DAG = (
    "from airflow import DAG\nfrom airflow.operators.bash import BashOperator\n"
    "{guarded}\n"
    'with DAG("train") as dag:\n'
    '    BashOperator(task_id="train_model", bash_command="python src/train.py")\n'
)


def _pipeline(guarded: str) -> Tree:
    return {
        "dags/train_dag.py": DAG.format(guarded=guarded),
        "src/__init__.py": "",
        "src/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        "requirements.txt": "apache-airflow==2.9.0\n",
    }


def test_a_guarded_import_of_a_missing_name_keeps_the_pipeline(tmp_path: Path) -> None:
    guarded = (
        "try:\n    from src.train import fast_path\nexcept ImportError:\n    fast_path = None\n"
    )
    assert committed_status(tmp_path, _pipeline(guarded), "DATA004") == "passed"


def test_a_top_level_import_of_a_missing_name_breaks_the_pipeline(tmp_path: Path) -> None:
    assert committed_status(
        tmp_path, _pipeline("from src.train import fast_path\n"), "DATA004"
    ) == ("failed")
