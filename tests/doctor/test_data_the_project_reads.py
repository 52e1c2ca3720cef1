"""DATA001: what versions the data a model trains on, not any data-looking file.

Out of sample (rounds 13 to 15), the doctor passed DATA001 on a committed file the project
never reads (a test's fixture, a tool's leftover output) and on DVC that versions only the
trained model. A data file in git versions the data when the project names it; DVC
versions data when a pointer, a lock or a stage that can run records some."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import PACKAGE, TRAINING, notebook
from tests.doctor.helpers import status_on

# An installed command makes it an application, sandbox notebooks and all.
SCRIPTS = '[project]\nname = "demo"\n[project.scripts]\ndemo-train = "demo.train:main"\n'
TREE = {**PACKAGE, **TRAINING, "pyproject.toml": SCRIPTS}
ROWS = "age,churn\n41,0\n35,1\n"


def data001(root: Path, files: dict[str, str]) -> Status:
    return status_on(root, {**TREE, **files}, "DATA001")


# -- a committed data file counts when the project names it ------------------------------


def test_committed_data_a_config_names_is_versioned_by_git(tmp_path: Path) -> None:
    files = {"data/customers.csv": ROWS, "configs/train.yaml": "raw: data/customers.csv\n"}
    assert data001(tmp_path, files) is Status.PASSED


def test_committed_data_a_notebook_reads_is_versioned_by_git(tmp_path: Path) -> None:
    cell = notebook('["frame = pd.read_csv(\\"../data/customers.csv\\")"]')
    files = {"data/customers.csv": ROWS, "notebooks/eda.ipynb": cell}
    assert data001(tmp_path, files) is Status.PASSED


def test_committed_data_only_a_test_reads_is_a_fixture(tmp_path: Path) -> None:
    test = 'import pandas as pd\n\n\ndef test_plot():\n    pd.read_csv("tests/rows.csv")\n'
    files = {"tests/rows.csv": ROWS, "tests/test_plot.py": test}
    assert data001(tmp_path, files) is Status.FAILED


def test_a_tools_leftover_output_nothing_reads_versions_no_data(tmp_path: Path) -> None:
    files = {"catboost_info/learn_error.tsv": "iter\tLogloss\n0\t0.69\n"}
    assert data001(tmp_path, files) is Status.FAILED


def test_committed_data_only_the_readme_names_versions_no_data(tmp_path: Path) -> None:
    files = {"data/customers.csv": ROWS, "README.md": "Put data/customers.csv here.\n"}
    assert data001(tmp_path, files) is Status.FAILED


HELP = (
    "import argparse\n\nparser = argparse.ArgumentParser()\n"
    "parser.add_argument('--data', help='where you put {name}; read data/{note}')\n"
)


def test_a_data_folders_readme_a_script_names_versions_no_data(tmp_path: Path) -> None:
    script = HELP.format(name="train.csv", note="read_me.txt")
    files = {"data/read_me.txt": "Download train.csv from Kaggle.\n", "src/demo/cli.py": script}
    assert data001(tmp_path, files) is Status.FAILED


def test_a_data_folders_text_a_script_names_is_versioned_by_git(tmp_path: Path) -> None:
    script = HELP.format(name="train.csv", note="labels.txt")
    files = {"data/labels.txt": "spam\nham\n", "src/demo/cli.py": script}
    assert data001(tmp_path, files) is Status.PASSED


# -- DVC versions data, not only the model ------------------------------------------------


def test_dvc_tracking_only_the_model_versions_no_data(tmp_path: Path) -> None:
    files = {".dvc/config": "[core]\n", "models/model.pkl.dvc": "outs:\n- path: model.pkl\n"}
    assert data001(tmp_path, files) is Status.FAILED


def test_dvc_tracking_the_data_beside_the_model_versions_it(tmp_path: Path) -> None:
    files = {
        ".dvc/config": "[core]\n",
        "models/model.pkl.dvc": "outs:\n- path: model.pkl\n",
        "data/raw.dvc": "outs:\n- path: raw\n",
    }
    assert data001(tmp_path, files) is Status.PASSED


def test_dvc_tracking_a_table_in_an_artifacts_folder_versions_the_data(tmp_path: Path) -> None:
    # a table is data whatever folder holds it; a model beside it does not change that
    files = {
        ".dvc/config": "",
        "artifacts/raw_data.csv.dvc": "outs:\n- path: raw_data.csv\n",
    }
    assert data001(tmp_path, files) is Status.PASSED


def test_dvc_tracking_a_model_in_an_artifacts_folder_versions_no_data(tmp_path: Path) -> None:
    files = {".dvc/config": "", "artifacts/model.joblib.dvc": "outs:\n- path: model.joblib\n"}
    assert data001(tmp_path, files) is Status.FAILED


def test_a_dvc_stage_that_cannot_run_records_no_data(tmp_path: Path) -> None:
    stage = "stages:\n  prepare:\n    cmd: python src/prepare.py\n    outs:\n      - data\n"
    files = {".dvc/config": "[core]\n", "model.pkl.dvc": "outs:\n- path: model.pkl\n"}
    assert data001(tmp_path, {**files, "dvc.yaml": stage}) is Status.FAILED
    runnable = stage.replace("src/prepare.py", "src/demo/train.py")
    assert data001(tmp_path / "runs", {**files, "dvc.yaml": runnable}) is Status.PASSED


def test_dvc_initialised_that_code_drives_counts(tmp_path: Path) -> None:
    # no pointer committed: the code `dvc add`s the data it fetches
    fetch = "from dvc.repo import Repo\n\nRepo().add('data/raw.csv')\n"
    files = {".dvc/config": "[core]\n", "src/demo/fetch.py": fetch}
    assert data001(tmp_path, files) is Status.PASSED


def test_dvc_initialised_that_tracks_nothing_versions_no_data(tmp_path: Path) -> None:
    # `dvc init` alone: no pointer, no pipeline, nothing that adds data
    assert data001(tmp_path, {".dvc/config": "[core]\n"}) is Status.FAILED


# -- DATA002 judges DVC's remote whatever DVC versions ------------------------------------

MODEL_POINTER = {"models/model.pkl.dvc": "outs:\n- path: model.pkl\n"}


def dvc_remote(url: str) -> str:
    return f"[core]\n    remote = store\n['remote \"store\"']\n    url = {url}\n"


def test_a_models_only_dvc_remote_on_one_machine_is_reported(tmp_path: Path) -> None:
    files = {**TREE, **MODEL_POINTER, ".dvc/config": dvc_remote("C:\\Users\\me\\dvc")}
    assert status_on(tmp_path, files, "DATA002") is Status.FAILED


def test_a_models_only_dvc_remote_others_reach_passes(tmp_path: Path) -> None:
    files = {**TREE, **MODEL_POINTER, ".dvc/config": dvc_remote("s3://bucket/dvc")}
    assert status_on(tmp_path, files, "DATA002") is Status.PASSED


# -- a name in a comment or a string statement reads nothing (session 35) ----------------

OLD_TRAINING = "import pandas as pd\n\nframe = pd.read_csv('data/customers.csv')\n"


def test_committed_data_a_module_reads_is_versioned_by_git(tmp_path: Path) -> None:
    files = {"data/customers.csv": ROWS, "src/demo/prepare.py": OLD_TRAINING}
    assert data001(tmp_path, files) is Status.PASSED


def test_committed_data_read_only_by_code_switched_off_in_a_string_is_not(
    tmp_path: Path,
) -> None:
    # The old training script kept as a '''...''' block above the new one, which reads
    # a database: the committed file is read by nothing.
    switched_off = f"'''{OLD_TRAINING}'''\n\nrows = fetch_rows('SELECT * FROM customers')\n"
    files = {"data/customers.csv": ROWS, "src/demo/prepare.py": switched_off}
    assert data001(tmp_path, files) is Status.FAILED


def test_committed_data_named_only_in_a_comment_is_not_read(tmp_path: Path) -> None:
    commented = "# frame = pd.read_csv('data/customers.csv')\nrows = fetch_rows()\n"
    files = {"data/customers.csv": ROWS, "src/demo/prepare.py": commented}
    assert data001(tmp_path, files) is Status.FAILED
