"""What counts as data in a repo, by name and size: the one definition behind the doctor's
DATA003 (large data in git) and `mlops add dvc --track-data` (what it puts under DVC)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath

from mlops_scaffold.lazy_pattern import lazy_pattern

DATA_EXTENSIONS = frozenset(
    [
        ".csv",
        ".tsv",
        ".parquet",
        ".feather",
        ".arrow",
        ".avro",
        ".orc",
        ".xlsx",
        ".xls",
        ".json.gz",
        ".jsonl",  # JSON Lines: one record a line, a data set's format
        ".jsonl.gz",
        ".ndjson",
        ".csv.gz",
        ".npy",
        ".npz",
        ".h5",
        ".hdf5",
        ".pkl",
        ".pickle",
        ".joblib",
        ".pt",
        ".pth",
        ".ckpt",
        ".onnx",
        ".safetensors",
        ".pb",
        ".tflite",
        ".keras",
        ".tfrecord",
        ".sqlite",
        ".db",
        ".bin",
        # recordings and videos: samples a speech or vision model is fed
        ".wav",
        ".flac",
        ".mp3",
        ".m4a",
        ".ogg",
        ".mp4",
        ".avi",
        ".mov",
        ".mkv",
        ".webm",
        # archives: a data set (or a model) packed to be unpacked before use
        ".zip",
        ".tar",
        ".tgz",
        ".tar.gz",
        ".tar.bz2",
        ".tar.xz",
        ".7z",
        ".rar",
    ]
)
# Videos, pictures and documents kept to show the project (a README's demo recording,
# slides), not to feed a model: data only outside the folders that hold such media.
SHOWN_MEDIA = frozenset(
    [".mp4", ".avi", ".mov", ".mkv", ".webm", ".gif", ".png", ".jpg", ".jpeg", ".svg", ".pdf"]
)
# Folders named for documentation media, one alternative a line.
MEDIA_FOLDER = lazy_pattern(
    "(?i)(?:^|/)(?:"
    + "|".join(
        [
            r"docs?",
            r"images?|imgs?|pictures",
            r"gifs?|screenshots?|screencasts?",
            r"slides|presentations?",
            r"video[_-]?demos?|demo[_-]?videos?",  # recordings of the project at work
        ]
    )
    + ")/"
)
# Folders of the figures an analysis draws (`data/results/plots/`, `reports/figures/`): a
# picture there is a plot, in a data folder too; an image data set is not kept as plots.
FIGURE_FOLDER = lazy_pattern(r"(?i)(?:^|/)(?:plots?|figures?|figs?|charts?)/")
# The databases a tool keeps its own state in, one a line: a dashboard's, a scheduler's
# or a viewer's store committed with the stack's configuration is neither data nor a model.
TOOL_STORES = frozenset(
    [
        "grafana.db",  # Grafana's dashboards, users and alerts
        "airflow.db",  # Airflow's metadata database (SQLite in a local install)
        "session_store.db",  # Kedro-Viz's store of its sessions
        "mlflow.db",  # MLflow's tracking store (SQLite): runs, params, metrics, registry
    ]
)
# A data or model file above this belongs in DVC; smaller samples are fine in git. Not
# configurable yet: [tool.mlops.doctor] has no key for it.
DATA_FILE_BYTES = 1_000_000
# A folder that holds data sets: its files are data whatever their extension (train.txt),
# its name the word alone, or `data` after a prefix it is set apart from (`0_Data/`,
# `raw-data/`; not `metadata/`, nor `brain-tumor-dataset/`, results named for a data set).
DATA_FOLDER = lazy_pattern(r"(?i)(?:^|/)(?:data|datasets?|[\w-]*[_\d-]data)/")
# A folder that holds trained models: its files are models whatever their extension
# (LightGBM's `models/model.txt`, XGBoost's `model.json`), unless they are code or docs.
MODEL_FOLDER = lazy_pattern(r"(?i)(?:^|/)(?:models?|checkpoints?|weights)/")
NOT_A_MODEL = frozenset(
    {".py", ".ipynb", ".md", ".rst", ".html", ".yaml", ".yml", ".toml"} | SHOWN_MEDIA
)
# A file named for a split of a data set (`train.raw`, `test_n.txt`, `valid.jsonl`) is
# data whatever its one extension, unless it is code, docs or a log: a short tag may follow
# the split's name (`valid_n`), not another name (`training_dag.py.log` is a run's log).
SPLIT_NAME = lazy_pattern(
    r"(?i)(?:^|/)(?:train|training|test|testing|valid|validation|val|dev)"
    r"(?:[_-][a-z0-9]{1,8})?(?:\.[a-z0-9]+)?$"
)
# Logs a run writes (`train.log`): records of a run, not data it reads.
LOG_SUFFIXES = frozenset({".log", ".out", ".err"})
ANY_FILE_BYTES = 5_000_000  # any file above this bloats every clone
# Reports rendered to HTML (an Evidently dashboard, a profiling report, a notebook's
# export) are read by people, not fed to a model: no data, at any size, in any folder.
RENDERED_REPORTS = (".html", ".htm")
# Sphinx's build cache (`docs/build/doctrees/environment.pickle`, `*.doctree`): the
# documentation's parsed pages, pickled by the build, neither data nor a model.
DOCS_BUILD_CACHE = lazy_pattern(r"(?:^|/)\.?doctrees/")


def too_big_for_git(sizes: Mapping[str, int]) -> Iterator[tuple[str, int]]:
    """The files (relative path -> size) that belong in DVC, not git: data and model files
    over 1 MB, and any file over 5 MB but a rendered report."""
    for rel, size in sizes.items():
        if rel.lower().endswith(RENDERED_REPORTS):
            continue
        if size > ANY_FILE_BYTES or (size > DATA_FILE_BYTES and is_data(rel)):
            yield rel, size


def is_data(rel: str) -> bool:
    """A data or model file by its extension (an archive too: `train_data.zip`), any file
    under a data folder or named for a split of a data set (`train.raw`), or a file under a
    model folder that is not code or docs; not a video, picture or document kept under a
    folder of documentation media (`video_demo/demo.mp4`, `images/`, `slides/`), nor a plot
    under a folder of figures (`data/results/plots/`), nor a tool's own store
    (`grafana/grafana.db`), nor a report rendered to HTML, nor Sphinx's build cache
    (`doctrees/environment.pickle`)."""
    suffix = _suffix(rel)
    if rel.rsplit("/", 1)[-1].lower() in TOOL_STORES and not DATA_FOLDER.search(rel):
        return False
    if rel.lower().endswith(RENDERED_REPORTS) or DOCS_BUILD_CACHE.search(rel):
        return False
    if suffix in SHOWN_MEDIA and MEDIA_FOLDER.search(rel) and not DATA_FOLDER.search(rel):
        return False
    if suffix in SHOWN_MEDIA and FIGURE_FOLDER.search(rel):
        return False
    if suffix in DATA_EXTENSIONS or DATA_FOLDER.search(rel):
        return True
    if SPLIT_NAME.search(rel) and suffix not in NOT_A_MODEL | LOG_SUFFIXES:
        return True
    return bool(MODEL_FOLDER.search(rel)) and suffix not in NOT_A_MODEL


def _suffix(rel: str) -> str:
    suffixes = PurePosixPath(rel.lower()).suffixes
    double = "".join(suffixes[-2:])
    return double if double in DATA_EXTENSIONS else (suffixes[-1] if suffixes else "")
