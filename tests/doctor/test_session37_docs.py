"""Session 37's fixes of fit-set false results on documentation and code hygiene: a linter
given only paths the repository lacks lints nothing of it (CODE003), and a plain-text
README's `python script.py` line runs a script that sets up through a helper of its own
that runs the command it is given (DOCS001)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.cases import PACKAGE, TEST
from tests.doctor.helpers import Tree, committed_status


def _passes(root: Path, tree: Tree, check_id: str) -> bool:
    return committed_status(root, tree, check_id) == "passed"


# -- A linter given only paths the repository lacks (CODE003) -----------------------------

LINT_TARGET = "lint:\n\tpycodestyle {target} --max-line-length=120\n"


def test_a_task_that_lints_a_folder_the_repository_has_is_a_linter(tmp_path: Path) -> None:
    tree = {**PACKAGE, **TEST, "Makefile": LINT_TARGET.format(target="src")}
    assert _passes(tmp_path, tree, "CODE003")


def test_a_task_that_lints_only_a_folder_the_repository_lacks_is_none(tmp_path: Path) -> None:
    # A Makefile copied from another project: its package is not here to lint.
    tree = {**PACKAGE, **TEST, "Makefile": LINT_TARGET.format(target="data_enrichment")}
    assert not _passes(tmp_path, tree, "CODE003")


def test_a_lint_task_with_no_path_lints_its_folder(tmp_path: Path) -> None:
    tree = {**PACKAGE, **TEST, "Makefile": "lint:\n\truff check\n"}
    assert _passes(tmp_path, tree, "CODE003")


# -- A plain-text README's Python script that sets up (DOCS001) ---------------------------

SETUP_SCRIPT = (
    "import subprocess\n\n\n"
    "def run_blocking(command):\n    subprocess.run(command, shell=True)\n\n\n"
    'if __name__ == "__main__":\n    run_blocking("{command}")\n'
)
PLAIN_README = (
    "# Churn pipeline\n\nHow to use:\n\n- Clone the repository\n\n"
    "- To install and run everything:\npython initialize.py\n"
)


def test_a_readme_line_that_runs_a_script_installing_through_a_helper_sets_up(
    tmp_path: Path,
) -> None:
    script = SETUP_SCRIPT.replace("{command}", "pip install .")
    tree = {**PACKAGE, "README.md": PLAIN_README, "initialize.py": script}
    assert _passes(tmp_path, tree, "DOCS001")


def test_a_readme_line_that_runs_a_script_installing_nothing_sets_nothing_up(
    tmp_path: Path,
) -> None:
    script = SETUP_SCRIPT.replace("{command}", "mlflow ui")
    tree = {**PACKAGE, "README.md": PLAIN_README, "initialize.py": script}
    assert not _passes(tmp_path, tree, "DOCS001")


def test_a_helper_that_runs_a_fixed_command_starts_no_command_it_is_given(
    tmp_path: Path,
) -> None:
    # Its parameter is not the command it runs: a call of it installs nothing.
    script = (
        "import subprocess\n\n\ndef serve(port):\n"
        '    subprocess.run(["mlflow", "ui", "--port", str(port)])\n\n\n'
        'serve("pip install .")\n'
    )
    tree = {**PACKAGE, "README.md": PLAIN_README, "initialize.py": script}
    assert not _passes(tmp_path, tree, "DOCS001")
