"""Session 35's fixes of DOCS false results: a README's model section that names its data
and a measured figure is a card when the README states the model's limits (DOCS002); R's
package installs and a dev container the README opens set a project up (DOCS001); shell
scripts under scripts/ named for common tasks, and a launcher script whose `case` names
them, are one-command entry points (DOCS003)."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import committed_status

TRAIN = "def main(model, x, y):\n    model.fit(x, y)\n"
PACKAGE = {"src/spotter/__init__.py": "", "src/spotter/train.py": TRAIN}

# -- a model section with its data and a measured figure (DOCS002) ------------------------

MODEL_SECTION = """# Spam spotter

## About

A browser add-on that flags spam comments. The tool is not 100% accurate: expect some
false alarms.

## How to use

Right-click a comment and choose *check*.

## The model

A logistic regression on TF-IDF features, trained and tested on the public SMS spam
collection, reaching an F1 score of 0.91.
"""


def test_a_model_section_with_its_data_metric_and_limits_is_a_card(tmp_path: Path) -> None:
    tree = {"README.md": MODEL_SECTION, **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS002") == "passed"


def test_a_model_section_without_limits_is_no_card(tmp_path: Path) -> None:
    readme = MODEL_SECTION.replace("The tool is not 100% accurate: expect some\nfalse alarms.", "")
    tree = {"README.md": readme, **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS002") == "failed"


def test_a_model_section_that_names_no_data_is_no_card(tmp_path: Path) -> None:
    readme = MODEL_SECTION.replace(", trained and tested on the public SMS spam\ncollection", "")
    tree = {"README.md": readme, **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS002") == "failed"


# -- R's package installs and a dev container (DOCS001) -----------------------------------

R_README = "# Forecasts in R\n\nInstall the packages first: `{command}`.\n"


def test_installing_r_packages_sets_up(tmp_path: Path) -> None:
    tree = {"README.md": R_README.format(command='install.packages("forecast")'), **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS001") == "passed"


def test_loading_r_packages_sets_nothing_up(tmp_path: Path) -> None:
    tree = {"README.md": R_README.format(command="library(forecast)"), **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS001") == "failed"


DEV_CONTAINER_README = (
    "# Penguins\n\n## Running in a Development Container\n\n"
    "Click the badge to clone the repository into a container volume and open it.\n"
)
DEV_CONTAINER = {".devcontainer/devcontainer.json": '{"build": {"dockerfile": "Dockerfile"}}\n'}


def test_a_dev_container_the_readme_opens_sets_up(tmp_path: Path) -> None:
    tree = {"README.md": DEV_CONTAINER_README, **DEV_CONTAINER, **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS001") == "passed"


def test_a_dev_container_the_repository_lacks_sets_nothing_up(tmp_path: Path) -> None:
    tree = {"README.md": DEV_CONTAINER_README, **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS001") == "failed"


def test_a_dev_container_the_readme_never_mentions_sets_nothing_up(tmp_path: Path) -> None:
    tree = {"README.md": "# Penguins\n\nA classifier.\n", **DEV_CONTAINER, **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS001") == "failed"


# -- scripts under scripts/ and launcher scripts (DOCS003) --------------------------------

START = "#!/bin/bash\ndocker compose up -d\n"
SMOKE = "#!/bin/bash\ncurl -sf http://localhost:8000/health\n"


def test_two_scripts_named_for_common_tasks_under_scripts_are_entry_points(
    tmp_path: Path,
) -> None:
    tree = {"scripts/start.sh": START, "scripts/integration-test.sh": SMOKE, **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS003") == "passed"


def test_one_script_named_for_a_common_task_under_scripts_is_a_program(tmp_path: Path) -> None:
    tree = {"scripts/start.sh": START, "scripts/stop.sh": SMOKE, **PACKAGE}
    assert committed_status(tmp_path, tree, "DOCS003") == "failed"


LAUNCHER = """#!/usr/bin/env bash
fn_install() { pip install -r requirements.txt; }
fn_test() { pytest tests; }
cmd=${1} && shift 1;
case ${cmd} in
  --install | install)  fn_install "${@}";;
  --test | test)        fn_test "${@}";;
  --help | help | *)    echo "usage: ./run install|test";;
esac
"""


def test_a_launcher_script_whose_case_names_common_tasks_is_a_task_runner(
    tmp_path: Path,
) -> None:
    assert committed_status(tmp_path, {"run": LAUNCHER, **PACKAGE}, "DOCS003") == "passed"


def test_a_launcher_script_whose_case_names_other_words_is_no_task_runner(
    tmp_path: Path,
) -> None:
    launcher = LAUNCHER.replace("--install | install)", "--fetch | fetch)")
    launcher = launcher.replace("--test | test)", "--plot | plot)")
    assert committed_status(tmp_path, {"run": launcher, **PACKAGE}, "DOCS003") == "failed"


def test_a_file_without_a_shell_shebang_is_no_launcher(tmp_path: Path) -> None:
    launcher = LAUNCHER.replace("#!/usr/bin/env bash", "#!/usr/bin/env perl")
    assert committed_status(tmp_path, {"run": launcher, **PACKAGE}, "DOCS003") == "failed"
