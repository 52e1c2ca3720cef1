"""DATA005 reads a data-quality step of the pipeline as data validation: a check on the
data a pipeline runs that raises or stops the run, or a pipeline module named for
checking that measures the data; and a test asserting on data a function of the
repository fetches."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import PACKAGE, TEST, TRAINING
from tests.doctor.helpers import status_on

PREPARE = (
    "import pandas as pd\n\n\n"
    "def check_duplicates(frame):\n    duplicates = frame.duplicated().sum()\n"
    "    if duplicates > 0:\n        raise ValueError(f'{duplicates} duplicate rows')\n\n\n"
    "def main(path):\n    frame = pd.read_csv(path)\n    {call}\n    return frame\n"
)
MAKEFILE = "prepare:\n\tpython src/demo/prepare.py\n"


def validation_status(root: Path, files: dict[str, str]) -> Status:
    return status_on(root, {**PACKAGE, **TRAINING, **TEST, **files}, "DATA005")


def test_a_pipeline_step_that_raises_on_duplicates_validates_the_data(tmp_path: Path) -> None:
    prepare = PREPARE.replace("{call}", "check_duplicates(frame)")
    files = {"src/demo/prepare.py": prepare, "Makefile": MAKEFILE}
    assert validation_status(tmp_path, files) is Status.PASSED


def test_a_check_the_pipeline_never_calls_validates_nothing(tmp_path: Path) -> None:
    prepare = PREPARE.replace("{call}", "frame = frame.dropna()")
    files = {"src/demo/prepare.py": prepare, "Makefile": MAKEFILE}
    assert validation_status(tmp_path, files) is Status.FAILED


def test_a_check_in_a_module_nothing_runs_validates_nothing(tmp_path: Path) -> None:
    prepare = PREPARE.replace("{call}", "check_duplicates(frame)")
    assert validation_status(tmp_path, {"src/demo/prepare.py": prepare}) is Status.FAILED


REPORT = (
    "import json\nimport sys\n\nimport pandas as pd\n\n\n"
    "def main(path):\n    frame = pd.read_csv(path)\n"
    "    print(json.dumps({'missing': int(frame.isnull().sum().sum())}))\n\n\n"
    "if __name__ == '__main__':\n    main(sys.argv[1])\n"
)
DVC = "stages:\n  {stage}:\n    cmd: python src/demo/{module}.py data/train.csv\n"


def test_a_validation_stage_measuring_missing_values_validates_the_data(tmp_path: Path) -> None:
    files = {
        "src/demo/validate.py": REPORT,
        "dvc.yaml": DVC.format(stage="validate_data", module="validate"),
    }
    assert validation_status(tmp_path, files) is Status.PASSED


def test_a_stage_not_named_for_checking_that_only_reports_validates_nothing(
    tmp_path: Path,
) -> None:
    files = {
        "src/demo/summary.py": REPORT,
        "dvc.yaml": DVC.format(stage="summary", module="summary"),
    }
    assert validation_status(tmp_path, files) is Status.FAILED


DOWNLOAD_TEST = (
    "from demo.download import {getter}\n\n\n"
    "def test_the_prices_have_the_columns_we_train_on():\n"
    "    frame = {getter}('ACME')\n    assert 'Close' in frame.columns\n"
)
DOWNLOAD = {"src/demo/download.py": "def get_ticker_data(name):\n    return name\n"}


def test_a_test_asserting_on_data_the_repository_fetches_validates_it(tmp_path: Path) -> None:
    test = DOWNLOAD_TEST.format(getter="get_ticker_data")
    assert (
        validation_status(tmp_path, {**DOWNLOAD, "tests/test_download.py": test}) is Status.PASSED
    )


def test_a_test_asserting_on_a_frame_it_builds_validates_nothing(tmp_path: Path) -> None:
    test = DOWNLOAD_TEST.format(getter="make_frame").replace(
        "from demo.download import make_frame", "from demo.frames import make_frame"
    )
    assert validation_status(tmp_path, {"tests/test_download.py": test}) is Status.FAILED


SCHEMA = (
    "import pandas as pd\n\n\n"
    "def load(path):\n    frame = pd.read_csv(path)\n"
    "    if {test}:\n        {then}\n    return frame\n\n\n"
    "if __name__ == '__main__':\n    load('data/train.csv')\n"
)
DAG = (
    "import subprocess\n\nfrom airflow import DAG\n\n\n"
    "def prepare():\n    subprocess.check_call(['python', '-m', 'src.demo.{module}'])\n"
)


def test_a_pipeline_step_that_raises_on_missing_columns_validates_the_data(
    tmp_path: Path,
) -> None:
    schema = SCHEMA.format(
        test="not {'text', 'label'}.issubset(frame.columns)", then="raise ValueError('schema')"
    )
    files = {"src/demo/prepare.py": schema, "Makefile": MAKEFILE}
    assert validation_status(tmp_path, files) is Status.PASSED


def test_a_pipeline_step_that_branches_on_a_column_validates_nothing(tmp_path: Path) -> None:
    schema = SCHEMA.format(test="'id' in frame.columns", then="frame = frame.drop(columns='id')")
    files = {"src/demo/prepare.py": schema, "Makefile": MAKEFILE}
    assert validation_status(tmp_path, files) is Status.FAILED


def test_a_module_a_dag_starts_by_name_is_run_by_the_pipeline(tmp_path: Path) -> None:
    prepare = PREPARE.replace("{call}", "check_duplicates(frame)")
    prepare += "\n\nif __name__ == '__main__':\n    main('data/train.csv')\n"
    files = {"src/demo/prepare.py": prepare, "dags/retrain.py": DAG.format(module="prepare")}
    assert validation_status(tmp_path, files) is Status.PASSED


def test_a_module_a_dag_does_not_name_is_not_run_by_the_pipeline(tmp_path: Path) -> None:
    prepare = PREPARE.replace("{call}", "check_duplicates(frame)")
    files = {"src/demo/prepare.py": prepare, "dags/retrain.py": DAG.format(module="other")}
    assert validation_status(tmp_path, files) is Status.FAILED


LOADS = (
    "import pandas as pd\n\n\n"
    "def test_the_data_loads():\n    frame = pd.read_csv('data/raw.csv')\n    {assertion}\n"
)


def test_a_test_asserting_only_that_the_data_loaded_validates_nothing(tmp_path: Path) -> None:
    test = LOADS.format(assertion="assert not frame.empty, 'no data'")
    assert validation_status(tmp_path, {"tests/test_data.py": test}) is Status.FAILED


def test_a_test_asserting_no_values_are_missing_validates_the_data(tmp_path: Path) -> None:
    test = LOADS.format(assertion="assert not frame.isna().any().any()")
    assert validation_status(tmp_path, {"tests/test_data.py": test}) is Status.PASSED


BUILT = (
    "import pandas as pd\n\nfrom demo.prepare import clean\n\n\n"
    "def test_cleaning():\n    frame = {frame}\n    cleaned = clean(frame)\n"
    "    assert not cleaned.isna().any().any()\n"
)


def test_a_test_asserting_on_the_cleaned_data_it_reads_validates_it(tmp_path: Path) -> None:
    test = BUILT.format(frame="pd.read_csv('data/raw.csv')")
    assert validation_status(tmp_path, {"tests/test_clean.py": test}) is Status.PASSED


def test_a_test_asserting_on_a_frame_it_writes_out_checks_the_code(tmp_path: Path) -> None:
    # the module reads data elsewhere, but this assertion is on a frame built in the test
    test = BUILT.format(frame="pd.DataFrame({'a': [1, None]})") + (
        "\n\ndef test_loads():\n    assert len(pd.read_csv('data/raw.csv')) > 0\n"
    )
    assert validation_status(tmp_path, {"tests/test_clean.py": test}) is Status.FAILED


SCRIPT = (
    "import pandas as pd\n\nREQUIRED = ['tenure', 'charges']\n"
    "frame = pd.read_csv('data/churn.csv')\n"
    "missing = [column for column in REQUIRED if column not in frame.columns]\n"
    "if missing:\n    print(f'missing columns: {missing}')\n    {then}\n"
)


@pytest.mark.parametrize(
    ("then", "status"),
    [
        ("raise ValueError('schema mismatch')", Status.PASSED),
        ("frame = frame.dropna()", Status.FAILED),
    ],
)
def test_a_script_validates_the_data_when_it_stops_on_the_columns_it_found_missing(
    tmp_path: Path, then: str, status: Status
) -> None:
    # `missing` is assigned on one top-level line and checked on another
    files = {"src/demo/prepare.py": SCRIPT.replace("{then}", then), "Makefile": MAKEFILE}
    assert validation_status(tmp_path, files) is status


@pytest.mark.parametrize(
    ("assertion", "status"),
    [
        ("assert frame.shape[0] == 2007", Status.FAILED),
        ("assert frame.shape[1] == 13", Status.PASSED),
    ],
)
def test_a_row_count_validates_nothing_where_a_column_count_checks_the_schema(
    tmp_path: Path, assertion: str, status: Status
) -> None:
    test = LOADS.format(assertion=assertion)
    assert validation_status(tmp_path, {"tests/test_data.py": test}) is status
