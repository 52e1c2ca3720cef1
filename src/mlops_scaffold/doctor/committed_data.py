"""Committed files that may be the data a model trains on, and whether a file of the
project names one: DATA001's evidence that git versions the data (data committed with the
code is versioned by git when the code reads it)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from mlops_scaffold.lazy_pattern import lazy_pattern

# Tables, plain or packed (`train.csv.zip`: a program extracts it, then reads `train.csv`).
TABULAR_DATA = tuple(
    f".{kind}{packed}"
    for kind in ("csv", "tsv", "parquet", "feather", "arrow", "xlsx", "jsonl")
    for packed in ("", ".gz", ".zip", ".bz2", ".xz")
)
# A folder its name says holds data: `data/`, `datasets/`, `tweets-dataset/` (not every
# folder with `data` in its name: `dashboard-data/` holds a dashboard's definition).
DATA_FOLDER = r"(?:^|/)(?:data|datasets?|[^/]*[-_]datasets?|datasets?[-_][^/]*)/(?:[^/]+/)*"
# A file a git host serves from a repository: the committed file itself, at a branch.
GIT_HOST_FILE = lazy_pattern(
    r"(?i)^https?://(?:raw\.githubusercontent\.com|github\.com|gitlab\.com)/"
)
# In a data folder, JSON, text (`.dat` too: MovieLens' `ratings.dat`) and archives are
# data (elsewhere JSON is configuration, a manifest or a schema, text is prose or a
# requirements list, an archive a deployment).
IN_DATA_FOLDER = lazy_pattern(
    rf"(?i){DATA_FOLDER}[^/]+\.(?:json|txt|dat|zip|tar|tar\.gz|tgz|7z)$", re.ASCII
)
# Committed files that are not the data a model trains on: samples of it or of an API's
# payloads (`samples/`, `sample_data/`), fixtures for CI (`ci/`) and for the test suite
# (anything under `tests/`), what a run wrote (reports, results, outputs, figures, artifacts,
# predictions, a model folder's own files: `models/feature_importances.csv`), the input
# of inference (`inference/`) and a data folder's notes about its data (`data/README.txt`,
# `read_me.txt`: where to download it, prose).
NOT_TRAINING_DATA = lazy_pattern(
    r"(?i)(?:^|/)(?:samples?(?:[-_]data)?|reports?|results?|outputs?|figures?|predictions?"
    r"|inference|ci|tests|(?:[\w-]*[-_])?(?:artifacts?|artefacts?))/"
    r"|(?:^|/)models?/[^/]+$|\.samples?\.\w+$|(?:^|/)read[-_ ]?me(?:\.\w+)?$"
)
# The packing a program undoes before it reads the table inside.
PACKING = lazy_pattern(r"(?i)\.(?:zip|gz|bz2|xz)$")
# Model files, by extension: unless a folder named data holds them (`data/train.pkl` is
# a pickled table), they are what training wrote, not what it read.
MODEL_FILE = lazy_pattern(
    r"(?i)\.(?:pkl|pickle|joblib|onnx|pt|pth|h5|keras|bin|safetensors|ckpt|pb|tflite|cbm)$"
)
UNDER_DATA = lazy_pattern(r"(?i)(?:^|/)(?:data|datasets?)/")
# A line that writes the file it names: a frame's `to_csv(`, a `save...(`, `dump(`,
# `write...(`, `open(..., "w")`. What the code only writes is its output, not its input.
WRITING = lazy_pattern(
    r"""\.to_(?:csv|parquet|json|feather|excel|pickle|hdf)\s*\(|\b(?:save\w*|dump|write\w*)\s*\("""
    r"""|\bopen\s*\(.*,\s*(?:mode\s*=\s*)?['"][wax]"""
)
# What ends the path written before a name, going back from it: a quote, a space, a
# bracket (`../input/` in `read_parquet("../input/items.parquet")`).
PATH_ENDS = " \t\r\n'\"`()[],;=<>|"
# Characters that continue a name: `raw_data.csv` is not a mention of `data.csv`.
NAME_CHARACTER = lazy_pattern(r"[\w.-]")
# What separates a path's folders, written on POSIX or Windows.
SEPARATOR = lazy_pattern(r"[/\\]")
# A folder spelled by a variable or a placeholder (`{root}`, `$DATA`): any folder.
PLACEHOLDER = lazy_pattern(r"[{}$%<>]")


def may_be_training_data(rel: str) -> bool:
    """Whether a committed file may be what a model trains on: a table anywhere, JSON,
    text or an archive in a data folder; not a sample, a fixture for CI or the tests, a
    run's output, a model folder's file, the input of inference or a readme
    (`NOT_TRAINING_DATA`)."""
    data = rel.lower().endswith(TABULAR_DATA) or bool(IN_DATA_FOLDER.search(rel))
    return data and not NOT_TRAINING_DATA.search(rel)


def is_model_file(rel: str) -> bool:
    """Whether a file is a model (weights, a pickled estimator), not data: by its
    extension, outside a data folder."""
    return bool(MODEL_FILE.search(rel)) and not UNDER_DATA.search(rel)


def names_of(rel: str) -> tuple[str, ...]:
    """The names a program reads a file by: its own, and that of the table it unpacks
    (`train.csv` for `train.csv.zip`)."""
    name = PurePosixPath(rel).name
    inner = PACKING.sub("", name)
    return (name, inner) if inner != name and "." in inner else (name,)


def names_file(text: str, name: str, rel: str) -> bool:
    """Whether `text` names the committed file `rel` by `name` to read it: the whole name
    (not the end of `raw_data.csv` for `data.csv`), bare or after a path whose last folder
    is the file's own (`../input/items.parquet` names a copy in `input/`, not
    `infrastructure/items.parquet`), not in a URL (`s3://bucket/train.csv` names a remote
    copy) but a git host's for the file's path (`raw.githubusercontent.com/.../main/
    data/train.csv`), and not on a line that writes it (`df.to_csv("train.csv")`)."""
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        whole = not (start and NAME_CHARACTER.match(text[start - 1])) and not (
            end < len(text) and (text[end].isalnum() or text[end] == "_")
        )
        if (
            whole
            and _in_folder(text[max(0, start - 300) : start], rel)
            and not WRITING.search(_line_at(text, start))
        ):
            return True
        start = text.find(name, end)
    return False


def _git_host_serves(url: str, rel: str) -> bool:
    """Whether a URL written up to a file's name is a git host's for the folder of `rel`
    (`https://raw.githubusercontent.com/owner/repo/main/data/` for `data/train.csv`)."""
    folder = PurePosixPath(rel).parent.as_posix()
    return bool(GIT_HOST_FILE.match(url)) and url.endswith("/" if folder == "." else f"/{folder}/")


def _line_at(text: str, at: int) -> str:
    """The line of `text` that holds position `at` (at most 300 characters either side:
    a minified file is one long line)."""
    start = max(text.rfind("\n", 0, at) + 1, at - 300)
    end = text.find("\n", at)
    return text[start : min(len(text) if end == -1 else end, at + 300)]


def _in_folder(before: str, rel: str) -> bool:
    """Whether the path written before a name (`before` ends where the name starts)
    leaves it in the folder of the committed file `rel`: no path, a path ending in that
    folder, or in one a variable or `..` spells; a URL only when a git host serves `rel`
    at it."""
    written = before[max(before.rfind(end) for end in PATH_ENDS) + 1 :]
    if "://" in written:
        return _git_host_serves(written, rel)
    parts = [part for part in SEPARATOR.split(written) if part]
    if not written or not parts:
        return True
    last = parts[-1]
    folder = PurePosixPath(rel).parent.name.lower()
    return last in (".", "..") or bool(PLACEHOLDER.search(last)) or last.lower() == folder
