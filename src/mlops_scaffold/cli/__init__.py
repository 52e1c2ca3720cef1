"""The `mlops` command line: one module per verb, each thin over the library.

A plain `mlops doctor` run is read by `cli.quick` and never imports Typer; every other
command line goes to the Typer app, built on first use of `app`."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlops_scaffold.cli.typer_app import app


def main() -> None:
    # A plain doctor run imports, audits once, prints and ends. The cyclic garbage
    # collector would walk all that is alive twice for garbage the process's end frees
    # anyway: after the audit (~20,000 objects of garbage on zenml-projects), and at exit
    # (the collection Python runs then skips frozen objects). 80-90 ms of CPU there.
    gc.disable()
    from mlops_scaffold.cli import quick
    from mlops_scaffold.cli.signals import stop_as_ctrl_c

    stop_as_ctrl_c()
    code = quick.run(sys.argv[1:])
    if code is not None:
        gc.freeze()
        sys.exit(code)
    gc.enable()  # Typer's commands run as they always have
    _typer_app()
    from mlops_scaffold.cli.typer_app import run

    run()


def _typer_app() -> Any:
    """The Typer app with every verb's command registered on it."""
    from mlops_scaffold.cli import add, doctor, new, update  # noqa: F401  (registers the commands)
    from mlops_scaffold.cli.typer_app import app

    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return _typer_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]
