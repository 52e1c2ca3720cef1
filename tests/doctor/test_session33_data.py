"""Session 33's data fixes. DATA005: a test that runs the code on data it makes up (a CSV
it writes into tmp_path, a fixture that builds a frame or a mock, a file of its own
fixtures) validates no data, and one of the data the project's generator makes does; a
pipeline step that gives up on bad data with a bare `return`, validates each row against
a schema class, or, named for checking, measures the overlap of two sets checks the data.
DATA001: data drawn from a generator seeded with a constant is versioned with the code,
and an OpenML dataset fetched by its id is a library's fixed data."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import PACKAGE, TEST, TRAINING
from tests.doctor.helpers import status_on

# -- DATA005: tests on made-up data check the code ----------------------------------------


def validation_status(root: Path, files: dict[str, str]) -> Status:
    return status_on(root, {**PACKAGE, **TRAINING, **TEST, **files}, "DATA005")


LOADER_TEST = (
    "import pandas as pd\nimport pytest\n\nfrom demo.data import load_data\n\n\n"
    "@pytest.fixture\ndef sample_csv({arguments}):\n    {body}\n\n\n"
    "def test_load_data_names_the_columns(sample_csv):\n"
    "    frame = load_data(sample_csv)\n    assert 'text' in frame.columns\n"
)
WRITTEN_CSV = (
    "path = tmp_path / 'sample.csv'\n    path.write_text('Text,Label\\nhi,1\\n')\n    return path"
)


def test_a_loader_test_on_a_csv_written_into_tmp_path_validates_nothing(tmp_path: Path) -> None:
    test = LOADER_TEST.format(arguments="tmp_path", body=WRITTEN_CSV)
    assert validation_status(tmp_path, {"tests/test_data.py": test}) is Status.FAILED


def test_a_loader_test_on_the_project_s_data_validates_it(tmp_path: Path) -> None:
    test = LOADER_TEST.format(arguments="", body="return 'data/raw/train.csv'")
    assert validation_status(tmp_path, {"tests/test_data.py": test}) is Status.PASSED


TEMPORARY_FOLDER_TEST = (
    "from pathlib import Path\nfrom tempfile import TemporaryDirectory\n\n"
    "from demo.data import load_sales_data\n\n\n"
    "def test_the_loader_keeps_five_columns():\n"
    "    with TemporaryDirectory() as folder:\n        root = Path(folder)\n"
    "        (root / 'sales.csv').write_text('id,d_1,d_2\\nA,1,2\\n')\n"
    "        frame = load_sales_data({argument})\n        assert frame.shape[1] == 3\n"
)


def test_a_getter_handed_a_temporary_folder_reads_no_data(tmp_path: Path) -> None:
    test = TEMPORARY_FOLDER_TEST.format(argument="raw_data_dir=root")
    assert validation_status(tmp_path, {"tests/test_loader.py": test}) is Status.FAILED


def test_a_getter_of_the_project_s_data_reads_it(tmp_path: Path) -> None:
    test = TEMPORARY_FOLDER_TEST.format(argument="")
    assert validation_status(tmp_path, {"tests/test_loader.py": test}) is Status.PASSED


MOCKED_MODEL_TEST = (
    "from unittest.mock import MagicMock\n\nimport pandas as pd\nimport pytest\n\n"
    "from demo.model import BasicModel, Settings\n\n\n"
    "@pytest.fixture\ndef settings():\n    return Settings(target='label')\n\n\n"
    "@pytest.fixture\ndef spark():\n    session = MagicMock()\n"
    "    session.table.return_value.toPandas.return_value = {frame}\n    return session\n\n\n"
    "@pytest.fixture\ndef model(settings, spark):\n    return BasicModel(settings, spark)\n\n\n"
    "def test_load_data_splits(model):\n    model.load_data()\n"
    "    assert 'age' in model.X_train.columns\n"
)


def test_a_fixture_built_on_a_mocked_frame_gives_made_up_data(tmp_path: Path) -> None:
    test = MOCKED_MODEL_TEST.format(frame="pd.DataFrame({'age': [25, 30], 'label': [0, 1]})")
    assert validation_status(tmp_path, {"tests/test_model.py": test}) is Status.FAILED


def test_a_fixture_built_on_the_project_s_table_gives_its_data(tmp_path: Path) -> None:
    test = MOCKED_MODEL_TEST.format(frame="pd.read_parquet('data/hotel.parquet')")
    assert validation_status(tmp_path, {"tests/test_model.py": test}) is Status.PASSED


FIXTURE_FILE_TEST = (
    "from pathlib import Path\n\nimport pandas as pd\n\nSOURCE = Path({path!r})\n\n\n"
    "def test_the_columns():\n    frame = pd.read_csv(SOURCE)\n"
    "    assert list(frame.columns) == ['id', 'text']\n"
)


def test_a_test_of_a_file_under_its_fixtures_validates_no_data(tmp_path: Path) -> None:
    test = FIXTURE_FILE_TEST.format(path="tests/fixtures/mini.csv")
    assert validation_status(tmp_path, {"tests/test_fixture.py": test}) is Status.FAILED


def test_a_test_of_a_file_of_the_data_folder_validates_it(tmp_path: Path) -> None:
    test = FIXTURE_FILE_TEST.format(path="data/raw/comments.csv")
    assert validation_status(tmp_path, {"tests/test_fixture.py": test}) is Status.PASSED


GENERATOR_TEST = (
    "import pandas as pd\n\nfrom demo.data_generator import generate_training_dataset\n\n\n"
    "def test_the_training_set_has_the_features():\n"
    "    frame = generate_training_dataset({argument})\n"
    "    assert 'is_fraud' in frame.columns\n"
)


def test_a_test_of_the_project_s_data_generator_checks_its_data(tmp_path: Path) -> None:
    test = GENERATOR_TEST.format(argument="n_samples=1000")
    assert validation_status(tmp_path, {"tests/test_generator.py": test}) is Status.PASSED


def test_a_generator_handed_a_made_up_frame_checks_the_code(tmp_path: Path) -> None:
    test = GENERATOR_TEST.format(argument="pd.DataFrame(dict(amount=[1.0]))")
    assert validation_status(tmp_path, {"tests/test_generator.py": test}) is Status.FAILED


# -- DATA005: data-quality steps of a pipeline ---------------------------------------------

MAKEFILE = "prepare:\n\tpython src/demo/prepare.py\n"
GIVES_UP = (
    "import sys\n\nimport pandas as pd\n\nREQUIRED = ['x', 'label']\n\n\n"
    "def train(path):\n    frame = pd.read_csv(path)\n"
    "    if not all(column in frame.columns for column in REQUIRED):\n"
    "        print('missing columns', file=sys.stderr)\n        return {returned}\n"
    "    return frame\n\n\n"
    "if __name__ == '__main__':\n    train('data/train.csv')\n"
)


def test_a_step_that_gives_up_on_missing_columns_checks_the_data(tmp_path: Path) -> None:
    files = {"src/demo/prepare.py": GIVES_UP.format(returned="None"), "Makefile": MAKEFILE}
    assert validation_status(tmp_path, files) is Status.PASSED


def test_a_step_that_returns_the_data_on_a_column_branch_checks_nothing(tmp_path: Path) -> None:
    files = {"src/demo/prepare.py": GIVES_UP.format(returned="frame"), "Makefile": MAKEFILE}
    assert validation_status(tmp_path, files) is Status.FAILED


ROWS = (
    "import pandas as pd\nfrom pydantic import BaseModel, PositiveFloat\n\n\n"
    "class Record(BaseModel):\n    price: PositiveFloat\n\n\n"
    "def prepare(path):\n    frame = pd.read_csv(path)\n"
    "    for row in frame.to_dict(orient='records'):\n        {body}\n    return frame\n\n\n"
    "if __name__ == '__main__':\n    prepare('data/prices.csv')\n"
)


def test_a_step_that_validates_each_row_against_a_schema_checks_the_data(tmp_path: Path) -> None:
    files = {"src/demo/prepare.py": ROWS.format(body="Record.model_validate(row)")}
    assert validation_status(tmp_path, {**files, "Makefile": MAKEFILE}) is Status.PASSED


def test_a_step_that_only_reads_each_row_checks_nothing(tmp_path: Path) -> None:
    files = {"src/demo/prepare.py": ROWS.format(body="print(row)")}
    assert validation_status(tmp_path, {**files, "Makefile": MAKEFILE}) is Status.FAILED


FIELDS = (
    "from datasets import load_dataset\n\n\n"
    "def check_fields(split):\n    available = set(split.column_names)\n"
    "    missing = [name for name in ('text', 'label') if name not in available]\n"
    "    if missing:\n        {then}\n\n\n"
    "def prepare():\n    split = load_dataset('ag_news', split='train')\n"
    "    check_fields(split)\n    return split\n\n\n"
    "if __name__ == '__main__':\n    prepare()\n"
)


def test_a_step_raising_on_fields_missing_from_a_dataset_checks_it(tmp_path: Path) -> None:
    prepare = FIELDS.format(then="raise KeyError(f'missing {missing}')")
    files = {"src/demo/prepare.py": prepare, "Makefile": MAKEFILE}
    assert validation_status(tmp_path, files) is Status.PASSED


def test_a_step_printing_fields_missing_from_a_dataset_checks_nothing(tmp_path: Path) -> None:
    prepare = FIELDS.format(then="print(missing)")
    files = {"src/demo/prepare.py": prepare, "Makefile": MAKEFILE}
    assert validation_status(tmp_path, files) is Status.FAILED


OVERLAP = (
    "def leakage(train, test):\n"
    "    shared = len({row.id for row in train} & {row.id for row in test})\n"
    "    return shared\n"
)
RUN = (
    "import pandas as pd\n\nfrom demo.{module} import leakage\n\n\n"
    "def main():\n    train = pd.read_csv('data/train.csv')\n"
    "    test = pd.read_csv('data/test.csv')\n    print(leakage(train, test))\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
RUN_MAKEFILE = "data:\n\tpython -m demo.run\n"


def test_a_checking_module_measuring_the_overlap_of_splits_checks_them(tmp_path: Path) -> None:
    files = {
        "src/demo/firewall_check.py": OVERLAP,
        "src/demo/run.py": RUN.format(module="firewall_check"),
        "Makefile": RUN_MAKEFILE,
    }
    assert validation_status(tmp_path, files) is Status.PASSED


def test_a_module_not_named_for_checking_that_measures_overlap_checks_nothing(
    tmp_path: Path,
) -> None:
    files = {
        "src/demo/report.py": OVERLAP,
        "src/demo/run.py": RUN.format(module="report"),
        "Makefile": RUN_MAKEFILE,
    }
    assert validation_status(tmp_path, files) is Status.FAILED


# -- DATA001: data drawn in the code, and OpenML's datasets by id --------------------------

GENERATOR = (
    "import numpy as np\nimport pandas as pd\n\nRNG = np.random.default_rng(SEED)\n\n\n"
    "def generate_training_dataset(n=1000):\n"
    "    return pd.DataFrame({'amount': RNG.lognormal(3.5, 1.2, n),\n"
    "                         'fraud': RNG.integers(0, 2, n)})\n"
)
GENERATED_TRAINING = (
    "from sklearn.linear_model import LogisticRegression\n\n"
    "from demo.data_generator import generate_training_dataset\n\n\n"
    "def main():\n    frame = {frame}\n"
    "    LogisticRegression().fit(frame[['amount']], frame['fraud'])\n"
)


def versioning_status(root: Path, files: dict[str, str]) -> Status:
    return status_on(root, {**PACKAGE, **files}, "DATA001")


def test_data_drawn_from_a_generator_seeded_with_a_constant_is_versioned(tmp_path: Path) -> None:
    files = {
        "src/demo/data_generator.py": GENERATOR.replace("SEED", "42"),
        "src/demo/train.py": GENERATED_TRAINING.format(frame="generate_training_dataset()"),
    }
    assert versioning_status(tmp_path, files) is Status.PASSED


def test_data_drawn_from_an_unseeded_generator_is_not_versioned(tmp_path: Path) -> None:
    files = {
        "src/demo/data_generator.py": GENERATOR.replace("SEED", ""),
        "src/demo/train.py": GENERATED_TRAINING.format(frame="generate_training_dataset()"),
    }
    assert versioning_status(tmp_path, files) is Status.FAILED


def test_a_seeded_generator_beside_a_data_set_read_versions_nothing(tmp_path: Path) -> None:
    frame = "pd.read_csv('data/transactions.csv')"
    training = "import pandas as pd\n" + GENERATED_TRAINING.format(frame=frame)
    files = {
        "src/demo/data_generator.py": GENERATOR.replace("SEED", "42"),
        "src/demo/train.py": training,
    }
    assert versioning_status(tmp_path, files) is Status.FAILED


OPENML = (
    "import openml\nfrom sklearn.linear_model import LogisticRegression\n\n\n"
    "def main(dataset):\n    data = openml.datasets.get_dataset({dataset})\n"
    "    frame, *_ = data.get_data(dataset_format='dataframe')\n"
    "    LogisticRegression().fit(frame[['age']], frame['class'])\n"
)


def test_an_openml_dataset_fetched_by_its_id_is_fixed_data(tmp_path: Path) -> None:
    files = {"src/demo/train.py": OPENML.format(dataset="1590")}
    assert versioning_status(tmp_path, files) is Status.NOT_APPLICABLE


def test_an_openml_dataset_named_by_a_parameter_is_not_fixed(tmp_path: Path) -> None:
    files = {"src/demo/train.py": OPENML.format(dataset="dataset")}
    assert versioning_status(tmp_path, files) is Status.FAILED
