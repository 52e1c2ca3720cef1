"""Renderers of a doctor Report, one module per `--format`; the CLI picks one."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from mlops_scaffold.doctor.report import Report

# --format value -> the module whose `render(report)` produces it.
FORMATS: dict[str, str] = {
    "table": "table",
    "json": "as_json",
    "sarif": "sarif",
    "markdown": "markdown",
    "github": "github",
}


def render(report: Report, output_format: str) -> Any:
    """A Rich renderable (table) or a string (the other formats) for `report`."""
    module = import_module(f"mlops_scaffold.reporting.{FORMATS[output_format]}")
    return module.render(report)
