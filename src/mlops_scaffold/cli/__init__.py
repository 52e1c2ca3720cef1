"""The `mlops` command line: one module per verb, each thin over the library."""

from __future__ import annotations

from mlops_scaffold.cli import add, doctor, new, update  # noqa: F401  (registers the commands)
from mlops_scaffold.cli.app import app, run


def main() -> None:
    run()


__all__ = ["app", "main"]
