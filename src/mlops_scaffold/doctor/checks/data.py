"""DATA: data is versioned with a remote, kept out of git, produced by a pipeline, tested."""

from __future__ import annotations

import configparser
import re
from pathlib import PurePosixPath

from mlops_scaffold.doctor.checks.base import Check, Hit, Outcome, TextOf, mentions

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
    ]
)
DATA_FILE_BYTES = 100_000  # a data or model file above this belongs in DVC
ANY_FILE_BYTES = 5_000_000  # any file above this bloats every clone
VALIDATION_LIBRARIES = re.compile(
    r"\b(?:pandera|great_expectations|deepchecks|tensorflow_data_validation|pydantic)\b"
)

VALIDATION_HINTS = ("pandera", "great_expectations", "deepchecks", "data_validation", "pydantic")


def _suffix(rel: str) -> str:
    suffixes = PurePosixPath(rel.lower()).suffixes
    double = "".join(suffixes[-2:])
    return double if double in DATA_EXTENSIONS else (suffixes[-1] if suffixes else "")


class DATA001(Check):
    """Passes when DVC is initialised (`.dvc/config`) or Git LFS tracks files
    (`filter=lfs` in a .gitattributes); the table is recognisers.DATA_VERSIONING."""

    @staticmethod
    def check(data_versioning: list[str]) -> Outcome:
        return bool(data_versioning)


class DATA002(Check):
    """Passes when `.dvc/config` names a default remote (`[core] remote = NAME`) and
    defines it (`['remote "NAME"']` with a url)."""

    requires = frozenset({"DATA001"})

    @staticmethod
    def check(dvc_config: configparser.ConfigParser | None) -> Outcome:
        if dvc_config is None:
            return False
        default = dvc_config.get("core", "remote", fallback="").strip()
        for section in (f'remote "{default}"', f"'remote \"{default}\"'"):
            if default and dvc_config.get(section, "url", fallback=""):
                return True
        return (
            [Hit(".dvc/config", None, f"default remote {default!r} is not defined")]
            if default
            else False
        )


class DATA003(Check):
    """Reports data and model files (csv, parquet, pkl, joblib, h5, pt, onnx, npy...) over
    100 kB and any file over 5 MB that git tracks or would add (not ignored)."""

    @staticmethod
    def check(sizes: dict[str, int]) -> Outcome:
        return [
            Hit(rel, None, f"{size / 1e6:.1f} MB")
            for rel, size in sizes.items()
            if size > ANY_FILE_BYTES or (size > DATA_FILE_BYTES and _suffix(rel) in DATA_EXTENSIONS)
        ]


class DATA004(Check):
    """Passes when dvc.yaml declares stages, pyproject.toml has `[tool.kedro]`, or a
    pipeline framework is in use: MLproject, Snakemake, Kedro, Airflow, Prefect, Dagster,
    ZenML, Metaflow, Kubeflow, Azure ML pipelines, Flyte (recognisers.PIPELINES)."""

    @staticmethod
    def check(pipelines: list[str]) -> Outcome:
        return bool(pipelines)


class DATA005(Check):
    """Passes when a test module lives under a folder or file named for data (tests/data/,
    test_data*.py, test_*schema*.py, test_*validation*.py) or uses pandera, Great
    Expectations, deepchecks or TFDV."""

    requires = frozenset({"TEST001"})

    @staticmethod
    def check(test_files: list[str], text: TextOf) -> Outcome:
        named = [
            rel
            for rel in test_files
            if re.search(
                r"(?:^|/)(?:data|schema|validation)[^/]*/|test_[^/]*(?:data|schema|valid)", rel
            )
        ]
        return bool(named) or any(
            mentions(VALIDATION_LIBRARIES, test_files, text, VALIDATION_HINTS)
        )
