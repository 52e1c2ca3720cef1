"""Session 39: what a template renders is read in one place (`doctor/rendered.py`), the
way its renderer reads it: cookiecutter's Jinja-named folder, copier's `_subdirectory`,
`_templates_suffix` and the delimiters its `_envops` sets. The rendered project's
declarations credit ENV001 (a rendered pyproject.toml only when it lists dependencies);
the template repository's own linter and task runner are judged, not the rendered
project's (bench/corpus/README.md, "Templates")."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.rendered import CopierTemplate, copier_template, rendered_files
from tests.doctor.helpers import Tree, committed_kind, committed_status

README = "# Data science project template\n\nRender it with `copier copy gh:me/tpl my-project`.\n"
DEPENDENCIES = '[project]\nname = "{{ project_name }}"\ndependencies = ["pandas>=2"]\n'
TOOLS_ONLY = "[tool.ruff]\nline-length = 100\n"


def _copier(settings: str, rendered: Tree) -> Tree:
    return {"README.md": README, "copier.yml": settings, **rendered}


# -- the reader ------------------------------------------------------------------------


def test_a_copier_subdirectory_is_rendered_and_its_suffix_dropped() -> None:
    template = copier_template("copier.yml", {"_subdirectory": "template"})
    found = rendered_files(
        ["copier.yml", "README.md", "template/pyproject.toml.jinja", "template/Makefile"],
        [template],
    )
    assert found == {
        "template/pyproject.toml.jinja": "template/pyproject.toml",
        "template/Makefile": "template/Makefile",
    }


def test_files_beside_a_copier_subdirectory_are_the_repositorys_own() -> None:
    template = copier_template("copier.yml", {"_subdirectory": "template"})
    assert rendered_files(["pyproject.toml", "tests/test_render.py"], [template]) == {}


def test_declared_delimiters_mark_a_rendered_name() -> None:
    settings = {"_envops": {"variable_start_string": "[[", "block_start_string": "[%"}}
    template = copier_template("data-science/copier.yml", settings)
    assert template == CopierTemplate("data-science/", "", ".jinja", ("[[", "[%"))
    listed = ["data-science/[[ slug ]]/Makefile", "data-science/NOTES.md"]
    found = rendered_files(listed, [template])
    assert found == {"data-science/[[ slug ]]/Makefile": "data-science/[[ slug ]]/Makefile"}


def test_a_subdirectory_an_answer_chooses_leaves_each_folder_to_say() -> None:
    template = copier_template("copier.yml", {"_subdirectory": "{{ flavour }}"})
    assert template.subdirectory == ""
    assert rendered_files(["docs/index.md"], [template]) == {}


def test_a_custom_suffix_is_dropped() -> None:
    template = copier_template("copier.yml", {"_templates_suffix": ".j2"})
    found = rendered_files(["requirements.txt.j2", "requirements.txt"], [template])
    assert found == {"requirements.txt.j2": "requirements.txt"}


# -- ENV001 ----------------------------------------------------------------------------


def test_a_copier_subdirectorys_suffixed_pyproject_declares_dependencies(tmp_path: Path) -> None:
    tree = _copier("_subdirectory: template\n", {"template/pyproject.toml.jinja": DEPENDENCIES})
    assert committed_kind(tmp_path, tree) == "template"
    assert committed_status(tmp_path, tree, "ENV001") == "passed"


def test_a_copier_subdirectory_with_no_declaration_is_reported(tmp_path: Path) -> None:
    tree = _copier("_subdirectory: template\n", {"template/src/demo/main.py.jinja": "x = 1\n"})
    assert committed_status(tmp_path, tree, "ENV001") == "failed"


def test_a_pyproject_in_a_folder_named_with_declared_delimiters_counts(tmp_path: Path) -> None:
    settings = "_envops:\n  variable_start_string: '[['\n  variable_end_string: ']]'\n"
    tree = _copier(settings, {"[[ project_slug ]]/pyproject.toml": DEPENDENCIES})
    assert committed_status(tmp_path, tree, "ENV001") == "passed"


def test_a_rendered_pyproject_that_only_configures_tools_declares_nothing(
    tmp_path: Path,
) -> None:
    tree = {
        "README.md": "# Workspace template\n",
        "cookiecutter.json": '{"project_slug": "demo"}\n',
        "{{cookiecutter.project_slug}}/pyproject.toml": TOOLS_ONLY,
        "{{cookiecutter.project_slug}}/main.py": "import numpy\n",
    }
    assert committed_status(tmp_path, tree, "ENV001") == "failed"


def test_a_rendered_pyproject_with_poetry_dependencies_declares_them(tmp_path: Path) -> None:
    poetry = '[tool.poetry.dependencies]\npython = "^3.11"\ntorch = "*"\n'
    tree = {
        "README.md": "# Workspace template\n",
        "cookiecutter.json": '{"project_slug": "demo"}\n',
        "{{cookiecutter.project_slug}}/pyproject.toml": TOOLS_ONLY + poetry,
    }
    assert committed_status(tmp_path, tree, "ENV001") == "passed"


# -- the template repository's own linter and task runner ------------------------------


def test_a_rendered_projects_linter_is_not_the_templates(tmp_path: Path) -> None:
    settings = "_envops:\n  variable_start_string: '[['\n  variable_end_string: ']]'\n"
    rendered = {
        "[[ project_slug ]]/ruff.toml": "line-length = 100\n",
        "[[ project_slug ]]/app.py": "print(1)\n",
    }
    assert committed_status(tmp_path, _copier(settings, rendered), "CODE003") == "failed"


def test_a_templates_own_linter_beside_its_subdirectory_counts(tmp_path: Path) -> None:
    tree = _copier(
        "_subdirectory: template\n",
        {
            "ruff.toml": "line-length = 100\n",
            "template/ruff.toml.jinja": "line-length = 88\n",
            "template/app.py": "print(1)\n",
        },
    )
    assert committed_status(tmp_path, tree, "CODE003") == "passed"


def test_a_rendered_projects_makefile_is_not_the_templates_task_runner(tmp_path: Path) -> None:
    makefile = "test:\n\tuv run pytest\nlint:\n\tuv run ruff check .\n"
    tree = _copier("_subdirectory: template\n", {"template/Makefile": makefile})
    assert committed_status(tmp_path, tree, "DOCS003") == "failed"


def test_a_templates_own_makefile_beside_its_subdirectory_counts(tmp_path: Path) -> None:
    makefile = "test:\n\tuv run pytest\nlint:\n\tuv run ruff check .\n"
    tree = _copier("_subdirectory: template\n", {"Makefile": makefile, "template/x.jinja": ""})
    assert committed_status(tmp_path, tree, "DOCS003") == "passed"
