"""A repository is a template when its templates are what it is: Jinja-named folders at
its root, or template folders holding at least half its files (a collection of
starters), not a template folder a monorepo keeps beside its own projects (round 19)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import Tree, committed_kind

STARTER = {
    "cookiecutter.json": '{"project_slug": "demo"}\n',
    "{{cookiecutter.project_slug}}/README.md": "# {{cookiecutter.project_slug}}\n",
    "{{cookiecutter.project_slug}}/requirements.txt": "pandas\n",
    "{{cookiecutter.project_slug}}/src/train.py": "print('train')\n",
}


def _under(folder: str, tree: Tree) -> Tree:
    return {f"{folder}/{rel}": text for rel, text in tree.items()}


def _project(name: str) -> Tree:
    return {
        f"projects/{name}/README.md": f"# {name}\n\nRun `python train.py`.\n",
        f"projects/{name}/requirements.txt": "scikit-learn==1.5.0\n",
        f"projects/{name}/train.py": "import sklearn\n\nprint(sklearn.__version__)\n",
        f"projects/{name}/data.py": "ROWS = 10\n",
        f"projects/{name}/evaluate.py": "print('evaluate')\n",
    }


def test_a_collection_of_starters_is_a_template(tmp_path: Path) -> None:
    tree = {**_under("pandas-starter", STARTER), **_under("spark-starter", STARTER)}
    tree["README.md"] = "# Starters\n\nProject starters.\n"
    assert committed_kind(tmp_path, tree) == "template"


def test_a_template_folder_beside_a_monorepos_projects_makes_no_template(
    tmp_path: Path,
) -> None:
    tree = {**_under("templates/project", STARTER), **_project("iris"), **_project("digits")}
    tree["README.md"] = "# Try ML\n\nMy ML projects.\n"
    assert committed_kind(tmp_path, tree) == "monorepo"
