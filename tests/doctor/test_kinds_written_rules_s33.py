"""Kinds by the written labelling rules (session 33), each a fires/silent pair.

Services resolved by one lock (a uv workspace) are one product's parts; projects with
their own locks stay a monorepo. A student's homework (`module-1/hw-1`, "my homework
solutions") stays a monorepo, whatever template text the course's starter README kept.
A README naming the repository a template ("# A Template Repository for", "This
repository is a ... project template.") makes a template. A package named or described
as a demo, a README titled "Examples", one that welcomes its reader to "this tutorial",
one whose notebooks demonstrate how to do something, and one made to teach that offers
itself as a starting point present examples. A cookiecutter inside a book's chapter is
the chapter's material, not what the repository is.
"""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import API, FIT, NOTEBOOK_IN_ORDER, model_service
from tests.doctor.helpers import Tree, committed_kind

STREAM = "def run(events):\n    for event in events:\n        yield event\n"
WORKSPACE = (
    '[project]\nname = "wine"\nversion = "0.1.0"\n\n[tool.uv.workspace]\nmembers = ["services/*"]\n'
)


def _member(name: str) -> str:
    return f'[project]\nname = "{name}"\nversion = "0.1.0"\ndependencies = ["numpy>=2"]\n'


def _workspace(readme: str, own_locks: bool = False) -> Tree:
    """Three services under services/ (one trains, one serves, one streams events) in the
    root's uv workspace, locked by the root's uv.lock or each by its own."""
    tree: Tree = {"README.md": readme, "pyproject.toml": WORKSPACE, "uv.lock": "version = 1\n"}
    for name, code in (("training", FIT), ("serving", API), ("streaming", STREAM)):
        tree[f"services/{name}/pyproject.toml"] = _member(name)
        tree[f"services/{name}/src/{name}/main.py"] = code
        if own_locks:
            tree[f"services/{name}/uv.lock"] = "version = 1\n"
    return tree


def test_services_one_lock_resolves_are_one_application(tmp_path: Path) -> None:
    tree = _workspace("# Wine platform\nScores wines in real time.\n")
    assert committed_kind(tmp_path, tree) == "application"


def test_services_each_with_its_own_lock_are_a_monorepo(tmp_path: Path) -> None:
    tree = _workspace("# Wine platform\nScores wines in real time.\n", own_locks=True)
    assert committed_kind(tmp_path, tree) == "monorepo"


def test_services_the_workspace_excludes_are_projects_of_their_own(tmp_path: Path) -> None:
    tree = _workspace("# Wine platform\nScores wines in real time.\n")
    tree["pyproject.toml"] = WORKSPACE + 'exclude = ["services/streaming"]\n'
    assert committed_kind(tmp_path, tree) == "monorepo"


def test_a_workspace_its_readme_names_a_monorepo_stays_one(tmp_path: Path) -> None:
    tree = _workspace("# Wine MonoRepo\nEvery wine project of the team.\n")
    assert committed_kind(tmp_path, tree) == "monorepo"


def _lesson_folders(readme: str) -> Tree:
    """Two numbered course folders, each a project with its own requirements."""
    tree: Tree = {"README.md": readme}
    for folder in ("01-intro", "02-tracking"):
        tree[f"{folder}/requirements.txt"] = "scikit-learn==1.4.0\n"
        tree[f"{folder}/train.py"] = FIT
    return tree


def test_a_readme_of_my_homework_solutions_is_a_monorepo(tmp_path: Path) -> None:
    readme = "# MLOps course 2024\nThis repository contains my homework solutions for the course.\n"
    assert committed_kind(tmp_path, _lesson_folders(readme)) == "monorepo"


def test_the_same_folders_of_a_course_are_an_example(tmp_path: Path) -> None:
    readme = "# MLOps course 2024\nThe lessons of the course, one folder each.\n"
    assert committed_kind(tmp_path, _lesson_folders(readme)) == "example"


STARTER = "# course-starter\nTemplate to start: put each of your practices into its folder.\n"


def test_homework_folders_in_module_folders_outweigh_a_starter_readme(tmp_path: Path) -> None:
    tree: Tree = {"README.md": STARTER}
    for module, homework in (("module-1", "hw-1"), ("module-2", "hw-2")):
        tree[f"{module}/README.md"] = f"# {module} practice\n"
        tree[f"{module}/{homework}/requirements.txt"] = "fastapi==0.110.0\n"
        tree[f"{module}/{homework}/main.py"] = API
    assert committed_kind(tmp_path, tree) == "monorepo"


def test_a_starter_readme_without_homework_is_a_template(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, model_service(STARTER, image=False)) == "template"


def test_a_title_naming_a_template_repository_for_is_a_template(tmp_path: Path) -> None:
    readme = "# A Template Repository for MLOps - FastAPI + MLflow\n"
    assert committed_kind(tmp_path, model_service(readme, image=False)) == "template"


def test_a_sentence_ending_in_project_template_is_a_template(tmp_path: Path) -> None:
    readme = "Wine project\n\nThis repository is a luigi based machine learning project template.\n"
    assert committed_kind(tmp_path, model_service(readme, image=False)) == "template"


def test_a_project_generated_from_a_template_is_no_template(tmp_path: Path) -> None:
    readme = (
        "# Wine scorer\n\nThis project is generated from the cookiecutter-data-science template.\n"
    )
    assert committed_kind(tmp_path, model_service(readme, image=False)) == "application"


def _named_package(name: str) -> Tree:
    pyproject = (
        f'[project]\nname = "{name}"\nversion = "0.1.0"\ndescription = "Add a description"\n'
    )
    return {**model_service("Moved to another home.\n", image=False), "pyproject.toml": pyproject}


def test_a_package_named_a_demo_is_an_example(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _named_package("mlflow-email-demo")) == "example"


def test_a_package_named_for_its_product_is_an_application(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _named_package("mlflow-email-writer")) == "application"


def test_a_title_naming_examples_is_an_example(tmp_path: Path) -> None:
    readme = "# Azure Machine Learning Examples - Predicting wine quality\n"
    assert committed_kind(tmp_path, model_service(readme)) == "example"


def test_examples_of_requests_below_a_title_make_no_example(tmp_path: Path) -> None:
    readme = "# Wine quality service\n\n## Examples\n\nPOST a wine to /predict.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "application"


def test_welcome_to_this_tutorial_is_an_example(tmp_path: Path) -> None:
    readme = "# Wine MLOps\n\nWelcome to this tutorial! Turn a notebook into a service.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "example"


def test_welcome_to_a_product_is_an_application(tmp_path: Path) -> None:
    readme = "# Wine MLOps\n\nWelcome to the wine scorer! It turns a wine into a grade.\n"
    assert committed_kind(tmp_path, model_service(readme)) == "application"


TAUGHT = (
    "# Wine systems\n\nWine systems is designed to teach you how to train and deploy models,"
    " with code you can use as a starting point for your own projects.\n"
)
OFFERED = (
    "# Wine systems\n\nWine systems trains and deploys a wine scorer,"
    " with code you can use as a starting point for your own projects.\n"
)


def test_code_made_to_teach_offered_as_a_starting_point_is_an_example(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, model_service(TAUGHT, image=False)) == "example"


def test_code_offered_as_a_starting_point_is_a_template(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, model_service(OFFERED, image=False)) == "template"


def _notebook_gallery(readme: str) -> Tree:
    """Notebooks at the root beside two folders with their own requirements and README."""
    tree: Tree = {"README.md": readme}
    for step in ("01-idea", "02-pipeline", "03-deploy"):
        tree[f"{step}.ipynb"] = NOTEBOOK_IN_ORDER
    for folder, code in (("byoc", API), ("processing", FIT)):
        tree[f"{folder}/README.md"] = f"# {folder}\n"
        tree[f"{folder}/requirements.txt"] = "scikit-learn==1.4.0\n"
        tree[f"{folder}/main.py"] = code
    return tree


def test_notebooks_demonstrating_how_to_are_one_example(tmp_path: Path) -> None:
    readme = (
        "# Wine MLOps\n\nA sequence of notebooks demonstrating how to move an idea to production.\n"
    )
    assert committed_kind(tmp_path, _notebook_gallery(readme)) == "example"


def test_notebooks_beside_projects_of_their_own_are_a_monorepo(tmp_path: Path) -> None:
    readme = "# Wine MLOps\n\nNotebooks of our wine experiments, and the projects they became.\n"
    assert committed_kind(tmp_path, _notebook_gallery(readme)) == "monorepo"


def _cookiecutter_in(folders: tuple[str, str, str]) -> Tree:
    """A cookiecutter (most of the files) in the second folder, notebooks in the first,
    a service in the third."""
    first, second, third = folders
    tree: Tree = {
        "README.md": "# Source code\n\nDownload the files, or clone the repository.\n",
        f"{first}/requirements.txt": "pandas==2.2.0\n",
        f"{first}/lab.ipynb": NOTEBOOK_IN_ORDER,
        f"{second}/toolkit/cookiecutter.json": '{"slug": "toolkit"}\n',
        f"{second}/toolkit/requirements.txt": "scikit-learn==1.4.0\n",
        f"{third}/serving/requirements.txt": "fastapi==0.110.0\n",
        f"{third}/serving/main.py": API,
    }
    for module in ("train", "features", "evaluate", "data", "config", "model"):
        tree[f"{second}/toolkit/{{{{cookiecutter.slug}}}}/{module}.py"] = FIT
    return tree


def test_a_cookiecutter_inside_a_book_chapter_is_chapter_material(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _cookiecutter_in(("ch02", "ch03", "ch04"))) == "example"


def test_the_same_cookiecutter_outside_lessons_makes_a_template(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _cookiecutter_in(("labs", "tools", "apps"))) == "template"


def test_a_package_named_demo_alone_is_only_named(tmp_path: Path) -> None:
    assert committed_kind(tmp_path, _named_package("demo")) == "application"
