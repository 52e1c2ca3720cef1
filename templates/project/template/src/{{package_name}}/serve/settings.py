"""Service settings: where the model lives and the business rules from params.yaml's `serve:` section."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import load_params

# Room per value in a batch body: a 30-character feature name, a 24-digit number and punctuation.
BYTES_PER_VALUE = 64


class SettingsError(ValueError):
    """params.yaml's `serve:` section holds a value the service cannot run with."""


@dataclass(frozen=True)
class ServeSettings:
    """What the service reads at start-up; every field can be set in params.yaml or the environment."""

    model_dir: Path = Path("models")
    threshold: float = 0.5
    max_batch_rows: int = 1000
    max_body_bytes: int | None = None
    log_inputs: float = 0.1
    log_level: str = "INFO"

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise SettingsError(f"serve.threshold must be between 0 and 1, got {self.threshold}")
        if self.max_batch_rows < 1:
            raise SettingsError(f"serve.max_batch_rows must be at least 1, got {self.max_batch_rows}")
        if self.max_body_bytes is not None and self.max_body_bytes < 1024:
            raise SettingsError(f"serve.max_body_bytes must be at least 1024, got {self.max_body_bytes}")
        if not 0.0 <= self.log_inputs <= 1.0:
            raise SettingsError(f"serve.log_inputs must be between 0 and 1, got {self.log_inputs}")

    def body_limit(self, n_features: int) -> int:
        """The largest request body accepted: explicit, or large enough for a full batch of named rows."""
        if self.max_body_bytes is not None:
            return self.max_body_bytes
        return self.max_batch_rows * n_features * BYTES_PER_VALUE + 4096

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServeSettings:
        """Read MODEL_DIR, PARAMS_FILE and LOG_LEVEL, then the `serve:` section of the params file."""
        env = os.environ if environ is None else environ
        serve = read_serve_params(Path(env.get("PARAMS_FILE", "params.yaml")))
        return cls(
            model_dir=Path(env.get("MODEL_DIR", "models")),
            threshold=float(serve.get("threshold", cls.threshold)),
            max_batch_rows=int(serve.get("max_batch_rows", cls.max_batch_rows)),
            max_body_bytes=_optional_int(serve.get("max_body_bytes")),
            log_inputs=_share(serve, "log_inputs", cls.log_inputs),
            log_level=env.get("LOG_LEVEL", cls.log_level).upper(),
        )


def read_serve_params(path: Path) -> dict[str, Any]:
    """The `serve:` section of a params file; empty when the file or the section is absent."""
    if not path.is_file():
        return {}
    serve = load_params(path).get("serve") or {}
    if not isinstance(serve, dict):
        raise SettingsError(f"{path}: `serve` must be a mapping")
    return serve


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _share(serve: Mapping[str, Any], key: str, default: float) -> float:
    value = serve.get(key, default)
    if not isinstance(value, (bool, int, float)):  # YAML's true/false or a number; a string such as "no" is a mistake
        raise SettingsError(f"serve.{key} must be a share between 0 and 1, true (1) or false (0), got {value!r}")
    return float(value)
