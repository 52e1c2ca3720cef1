"""Session 32's fixes of DATA001's false results on the tuning set.

Passed wrongly: training data fetched at run time into an ignored folder while a committed
file the training never reads stood as git's versioning of it: a lookup table a service
reads, a file a notebook's output prints, a copy the code names in another folder or at a
URL, what a program writes, a sample for CI, a model folder's own files, the input of
inference; and DVC initialised with nothing tracked, Git LFS storing only models.
Reported wrongly: data committed packed (`train.csv.zip`, `data/MNIST.tar.gz`) or as text
in a data folder, Kedro's and ZenML's own versioning, and a library's dataset loaded by a
module the training script imports."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.doctor.report import Status
from tests.doctor.cases import API, PACKAGE, TRAINING, notebook
from tests.doctor.helpers import Tree, status_on

SCRIPTS = '[project]\nname = "demo"\n[project.scripts]\ndemo-train = "demo.train:main"\n'
TREE = {**PACKAGE, **TRAINING, "pyproject.toml": SCRIPTS}
ROWS = "age,churn\n41,0\n35,1\n"


def data001(root: Path, files: Tree) -> Status:
    return status_on(root, {**TREE, **files}, "DATA001")


def reading(path: str) -> str:
    """A module of the project that reads `path`."""
    return f'import pandas as pd\n\nframe = pd.read_csv("{path}")\n'


# -- what names a committed file ------------------------------------------------------


def test_a_file_a_notebook_only_prints_is_not_read(tmp_path: Path) -> None:
    listing = '[{"output_type": "stream", "name": "stdout", "text": ["customers.csv\\n"]}]'
    cell = notebook('["import os\\n", "os.listdir(\\"../data\\")"]', outputs=listing)
    files = {"data/customers.csv": ROWS, "notebooks/eda.ipynb": cell}
    assert data001(tmp_path, files) is Status.FAILED


@pytest.mark.parametrize(
    ("committed", "status"),
    [("input/items.parquet", Status.PASSED), ("deploy/items.parquet", Status.FAILED)],
)
def test_a_path_names_the_file_in_its_own_folder(
    tmp_path: Path, committed: str, status: Status
) -> None:
    # `../input/items.parquet` is the copy in input/, not one kept elsewhere
    files = {committed: "PAR1", "src/demo/prepare.py": reading("../input/items.parquet")}
    assert data001(tmp_path, files) is status


@pytest.mark.parametrize(
    ("path", "status"),
    [("data/customers.csv", Status.PASSED), ("s3://bucket/raw/customers.csv", Status.FAILED)],
)
def test_a_url_names_a_remote_copy(tmp_path: Path, path: str, status: Status) -> None:
    files = {"data/customers.csv": ROWS, "src/demo/prepare.py": reading(path)}
    assert data001(tmp_path, files) is status


@pytest.mark.parametrize(
    ("read", "status"), [("data.csv", Status.PASSED), ("raw_data.csv", Status.FAILED)]
)
def test_a_name_is_named_whole(tmp_path: Path, read: str, status: Status) -> None:
    files = {"data/data.csv": ROWS, "src/demo/prepare.py": reading(f"data/{read}")}
    assert data001(tmp_path, files) is status


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ('frame = pd.read_csv("data/customers.csv")', Status.PASSED),
        ('frame.to_csv("data/customers.csv", index=False)', Status.FAILED),
        ('with open("data/customers.csv", "w") as out:\n    out.write(text)', Status.FAILED),
    ],
)
def test_a_file_the_code_only_writes_is_its_output(
    tmp_path: Path, line: str, status: Status
) -> None:
    generate = f"import pandas as pd\n\n{line}\n"
    files = {"data/customers.csv": ROWS, "src/demo/generate.py": generate}
    assert data001(tmp_path, files) is status


# -- what the service reads is not what the model trains on ---------------------------------

LOOKUP = (
    "import pandas as pd\nfrom fastapi import FastAPI\n\n"
    'app = FastAPI()\ncities = pd.read_csv("app_data/cities.csv")\n'
)


def test_a_table_only_a_service_reads_is_not_training_data(tmp_path: Path) -> None:
    files = {"app_data/cities.csv": "city\nParis\n", "src/demo/app.py": LOOKUP}
    assert data001(tmp_path, files) is Status.FAILED


def test_a_table_a_service_and_the_training_read_is_training_data(tmp_path: Path) -> None:
    training = reading("app_data/cities.csv") + "\n\ndef main(model, x, y):\n    model.fit(x, y)\n"
    files = {
        "app_data/cities.csv": "city\nParis\n",
        "src/demo/app.py": LOOKUP,
        "src/demo/train.py": training,
    }
    assert data001(tmp_path, files) is Status.PASSED


@pytest.mark.parametrize(
    ("image", "status"),
    [
        (
            'FROM python:3.12-slim\nCOPY items.parquet .\nCMD ["uvicorn", "app:app"]\n',
            Status.FAILED,
        ),
        (
            'FROM python:3.12-slim\nCOPY items.parquet .\nCMD ["python", "train.py"]\n',
            Status.PASSED,
        ),
    ],
)
def test_a_file_a_serving_image_copies_in_is_not_training_data(
    tmp_path: Path, image: str, status: Status
) -> None:
    files = {"deploy/items.parquet": "PAR1", "deploy/Dockerfile": image, "deploy/app.py": API}
    assert data001(tmp_path, files) is status


# -- committed files that are not the training data -----------------------------------------


@pytest.mark.parametrize(
    ("committed", "status"),
    [
        ("data/train.csv", Status.PASSED),
        ("data/ci/train_sample.csv", Status.FAILED),
        ("models/feature_importances.csv", Status.FAILED),
        ("pipeline/inference/features.csv", Status.FAILED),
        ("predictions/latest.parquet", Status.FAILED),
    ],
)
def test_samples_for_ci_and_what_a_run_wrote_are_not_training_data(
    tmp_path: Path, committed: str, status: Status
) -> None:
    name = committed.rsplit("/", 1)[-1]
    files = {committed: ROWS, "src/demo/monitor.py": reading(name)}
    assert data001(tmp_path, files) is status


# -- data committed packed or as text -----------------------------------------------------


def test_a_packed_table_the_code_unpacks_is_versioned_by_git(tmp_path: Path) -> None:
    unpack = (
        "import zipfile\n\nimport pandas as pd\n\n"
        'zipfile.ZipFile("data/train.csv.zip").extractall("data")\n'
        'frame = pd.read_csv("data/train.csv")\n'
    )
    files = {"data/train.csv.zip": "PK", "src/demo/prepare.py": unpack}
    assert data001(tmp_path, files) is Status.PASSED


@pytest.mark.parametrize(
    ("archive", "status"),
    [("data/MNIST.tar.gz", Status.PASSED), ("deploy/MNIST.tar.gz", Status.FAILED)],
)
def test_an_archive_in_a_data_folder_is_data(tmp_path: Path, archive: str, status: Status) -> None:
    upload = 'with open(ROOT / "MNIST.tar.gz", "rb") as archive:\n    send(archive.read())\n'
    files = {archive: "\x1f\x8b", "src/demo/upload.py": upload}
    assert data001(tmp_path, files) is status


@pytest.mark.parametrize(
    ("folder", "status"), [("tweets-dataset", Status.PASSED), ("notes", Status.FAILED)]
)
def test_text_in_a_data_folder_is_data(tmp_path: Path, folder: str, status: Status) -> None:
    cell = notebook(f'["train = pd.read_csv(\\"./{folder}/trainingset.txt\\", sep=\\"\\\\t\\")"]')
    files = {f"{folder}/trainingset.txt": "id\ttext\n1\thi\n", "notebooks/model.ipynb": cell}
    assert data001(tmp_path, files) is status


# -- tools that record data: only when they record some ------------------------------------


@pytest.mark.parametrize(
    ("stored", "status"),
    [("models/model.pth", Status.FAILED), ("data/train.pkl", Status.PASSED)],
)
def test_git_lfs_versions_data_only_when_it_stores_some(
    tmp_path: Path, stored: str, status: Status
) -> None:
    pattern = "*." + stored.rsplit(".", 1)[-1]
    lfs = f"{pattern} filter=lfs diff=lfs merge=lfs -text\n*.parquet filter=lfs -text\n"
    files = {".gitattributes": lfs, stored: "version https://git-lfs.github.com/spec/v1\n"}
    assert data001(tmp_path, files) is status


CATALOG = "{name}:\n  type: {kind}\n  filepath: {path}\n  versioned: true\n"


@pytest.mark.parametrize(
    ("kind", "path", "status"),
    [
        ("pandas.CSVDataset", "data/02_intermediate/clean.csv", Status.PASSED),
        ("pickle.PickleDataset", "data/06_models/regressor.pickle", Status.FAILED),
    ],
)
def test_kedro_versions_the_data_sets_it_marks_versioned(
    tmp_path: Path, kind: str, path: str, status: Status
) -> None:
    catalog = CATALOG.format(name="clean", kind=kind, path=path)
    assert data001(tmp_path, {"conf/base/catalog.yml": catalog}) is status


@pytest.mark.parametrize(("decorator", "status"), [("@step\n", Status.PASSED), ("", Status.FAILED)])
def test_zenml_keeps_each_steps_output(tmp_path: Path, decorator: str, status: Status) -> None:
    loader = (
        "import pandas as pd\nfrom zenml import step\n\n\n"
        f"{decorator}def ingest() -> pd.DataFrame:\n    return pd.read_csv(URL)\n"
    )
    assert data001(tmp_path, {"src/demo/ingest.py": loader}) is status


# -- a library's dataset, loaded by a module the training imports --------------------------

LOADERS = (
    "from torchvision.datasets import MNIST\n\n\n"
    "def loaders(root):\n    return MNIST(root=root, download=True)\n"
)
TRAIN_WITH_LOADERS = (
    "from demo.data import loaders\n\n\ndef main(model):\n    model.fit(loaders('data'))\n"
)


def test_a_library_dataset_a_helper_module_loads_needs_no_versioning(tmp_path: Path) -> None:
    files = {"src/demo/data.py": LOADERS, "src/demo/train.py": TRAIN_WITH_LOADERS}
    assert data001(tmp_path, files) is Status.NOT_APPLICABLE


def test_a_helper_module_reading_a_file_needs_versioning(tmp_path: Path) -> None:
    files = {"src/demo/data.py": reading("/mnt/raw.csv"), "src/demo/train.py": TRAIN_WITH_LOADERS}
    assert data001(tmp_path, files) is Status.FAILED


def test_a_tensorflow_datasets_load_needs_no_versioning(tmp_path: Path) -> None:
    train = (
        "import tensorflow_datasets as tfds\n\n\n"
        "def main(model):\n    model.fit(tfds.load('fashion_mnist'))\n"
    )
    assert data001(tmp_path, {"src/demo/train.py": train}) is Status.NOT_APPLICABLE
