"""Renderers of a doctor Report, one module per `--format`; the CLI picks one."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mlops_scaffold.doctor.report import Report

# --format value -> the module whose `render(report)` produces it.
FORMATS: dict[str, str] = {
    "table": "table",
    "json": "as_json",
    "sarif": "sarif",
    "markdown": "markdown",
    "github": "github",
}


def render(report: Report, output_format: str) -> RenderableType:
    """A Rich renderable (table) or a string (the other formats) for `report`."""
    module = import_module(f"mlops_scaffold.doctor.reporting.{FORMATS[output_format]}")
    rendered: RenderableType = module.render(report)
    return rendered
