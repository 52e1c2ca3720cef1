"""Where a clone came from as evidence of its kind (session 40): a vendor's organisation
of samples publishes examples; a name that says "tutorial" or "template" tips a
repository no rule decides; "demo" or "template" never outweighs a service it serves (session
46: the other example words do)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.cases import SERVICE, TRAINING
from tests.doctor.helpers import Tree, audit, git_commit

# Training code and its requirements, a README that says what it predicts and how to run
# it: nothing in the files says what kind of repository it is.
TRAINED: Tree = {
    **TRAINING,
    "requirements.txt": "scikit-learn==1.5.2\n",
    "README.md": "# Customer churn\n\nPredicts churn.\n\nRun `python src/demo/train.py`.\n",
}
SERVED: Tree = {**TRAINED, **SERVICE, "requirements.txt": "fastapi==0.115.0\n"}


def _kind(root: Path, tree: Tree, origin: str | None) -> tuple[str, str]:
    build_file_tree(root, tree)
    git_commit(root)
    if origin:
        git = ["git", "remote", "add", "origin", origin]
        subprocess.run(git, cwd=root, check=True, capture_output=True)
    report = audit(root, "DATA004")
    return str(report.kind), report.kind_evidence


def test_a_name_that_says_tutorial_makes_an_example(tmp_path: Path) -> None:
    url = "https://github.com/me/end-to-end-churn-tutorial.git"
    kind, evidence = _kind(tmp_path, TRAINED, url)
    assert kind == "example"
    assert evidence == "origin github.com/me/end-to-end-churn-tutorial: its name says 'tutorial'"


def test_a_name_that_says_nothing_or_no_remote_leaves_an_application(tmp_path: Path) -> None:
    assert _kind(tmp_path / "a", TRAINED, "git@github.com:me/churn-mlops.git")[0] == "application"
    assert _kind(tmp_path / "b", TRAINED, None)[0] == "application"


def test_a_name_that_says_template_makes_a_template(tmp_path: Path) -> None:
    kind, evidence = _kind(tmp_path, TRAINED, "git@gitlab.com:me/minimalMlTemplate.git")
    assert (kind, evidence) == (
        "template",
        "origin gitlab.com/me/minimalMlTemplate: its name says 'template'",
    )


def test_a_service_named_a_demo_stays_an_application(tmp_path: Path) -> None:
    url = "https://github.com/vendor/Pneumonia-Detection-Demo"
    assert _kind(tmp_path, SERVED, url)[0] == "application"


@pytest.mark.parametrize("name", ["fastapi-ml-example", "kserve-examples", "serving-workshop"])
def test_a_service_named_an_example_is_one(tmp_path: Path, name: str) -> None:
    kind, evidence = _kind(tmp_path, SERVED, f"https://github.com/me/{name}")
    assert kind == "example"
    assert evidence.startswith(f"origin github.com/me/{name}: its name says")


def test_a_service_named_a_template_stays_an_application(tmp_path: Path) -> None:
    # a product started from a template keeps the template's name
    url = "https://github.com/me/ml-service-template"
    assert _kind(tmp_path, SERVED, url)[0] == "application"


def test_a_vendors_samples_organisation_makes_an_example(tmp_path: Path) -> None:
    url = "https://github.com/Azure-Samples/churn-service.git"
    kind, evidence = _kind(tmp_path, SERVED, url)
    assert kind == "example"
    assert (
        evidence == "origin github.com/Azure-Samples/churn-service: a vendor's samples organisation"
    )


@pytest.mark.parametrize("owner", ["samples-fan", "jsamples"])
def test_a_personal_owner_of_a_service_leaves_an_application(tmp_path: Path, owner: str) -> None:
    url = f"https://github.com/{owner}/churn-service.git"
    assert _kind(tmp_path, SERVED, url)[0] == "application"


def test_a_name_with_a_template_word_and_an_example_word_makes_a_template(
    tmp_path: Path,
) -> None:
    kind, evidence = _kind(tmp_path, TRAINED, "https://github.com/me/cookiecutter-example.git")
    assert (kind, evidence) == (
        "template",
        "origin github.com/me/cookiecutter-example: its name says 'cookiecutter'",
    )


def _project(name: str) -> Tree:
    """A nested project of its own: a package, its training code and its test."""
    package = f"{name}/src/{name}"
    return {
        f"{name}/pyproject.toml": f"[project]\nname = '{name}'\nversion = '0.1.0'\n",
        f"{name}/README.md": f"# {name}\n\nForecasts sales.\n",
        f"{package}/__init__.py": "",
        f"{package}/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        f"{name}/tests/test_train.py": f"from {name}.train import main\n\n\ndef test_main():\n"
        "    assert main\n",
    }


PROJECTS: Tree = {**_project("forecast"), **_project("churn"), "README.md": "# Retail models\n"}


def test_a_vendors_samples_in_several_projects_are_one_example(tmp_path: Path) -> None:
    kind, evidence = _kind(tmp_path, PROJECTS, "https://github.com/aws-samples/retail.git")
    assert kind == "example"
    assert evidence.endswith("a vendor's samples organisation: one example, in parts")


@pytest.mark.parametrize(
    "origin", [None, "https://github.com/me/retail-tutorial.git"], ids=["none", "name"]
)
def test_several_projects_stay_a_monorepo_whatever_their_name(
    tmp_path: Path, origin: str | None
) -> None:
    # a name is weaker than any rule: two projects of their own are a monorepo
    assert _kind(tmp_path, PROJECTS, origin)[0] == "monorepo"
