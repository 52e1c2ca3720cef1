"""`mlops new`: parse the arguments, call `create_project`, print what it made."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from mlops_scaffold.cli.typer_app import EdgeCommand, app, err, escape, out
from mlops_scaffold.errors import MlopsError


class NewCommand(EdgeCommand):
    """`mlops new --help` ends with the questions `-d KEY=VALUE` answers, read from the template."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from mlops_scaffold.template import questions_help

        self.epilog = "\b\nQuestions (-d KEY=VALUE):\n" + escape(questions_help())
        super().format_help(ctx, formatter)


@app.command(cls=NewCommand)
def new(
    dest: Path = typer.Argument(
        ...,
        metavar="DEST",
        help="Folder to create; its last part is the default project name.",
        show_default=False,
    ),
    defaults: bool = typer.Option(
        False, "--defaults", "-y", help="Take every default; ask nothing (implied without a TTY)."
    ),
    data: list[str] = typer.Option(
        [], "--data", "-d", metavar="KEY=VALUE", help="Answer a question (repeatable)."
    ),
    data_file: Path | None = typer.Option(
        None, "--data-file", help="YAML file of answers; --data wins over it.", dir_okay=False
    ),
    force: bool = typer.Option(
        False, "--force", help="Render into a non-empty folder; existing files are kept."
    ),
    git: bool = typer.Option(True, "--git/--no-git", help="git init and a first commit."),
    setup: bool = typer.Option(
        False, "--setup", help="Also build the project's venv from its lock and train."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Create a production-shaped ML project: pipeline, tests, service, images, CI.

    Example: [bold]mlops new fraud-model --defaults --data problem_type=regression[/]
    """
    from mlops_scaffold.answers import for_new
    from mlops_scaffold.new import NewRequest, create_project, no_progress

    try:
        answers = for_new(data_file, data)
        interactive = not defaults and not as_json and sys.stdin.isatty()
        request = NewRequest(dest, answers, interactive, force, git, setup)
        result = create_project(request, progress=no_progress if as_json else _step)
    except MlopsError as error:
        if not as_json:
            raise
        # a script asked for JSON: it gets its error as JSON too, on stdout, with the exit code
        out.print_json(json.dumps({"error": error.message, "hint": error.hint}))
        raise typer.Exit(error.exit_code) from None
    _warn_end_of_life(str(result.answers.get("python_version", "")))
    if as_json:
        payload = {
            "path": str(result.path),
            "answers": result.answers,
            "files": result.files,
            "kept": result.kept,
            "commit": result.commit,
            "timings": result.timings,
            "warnings": result.warnings,
        }
        out.print_json(json.dumps(payload, default=str))
        return
    for warning in result.warnings:
        err.print(f"[bold yellow]warning:[/] {escape(warning)}")
    _print_summary(result.path, result.files, result.kept, setup)


def _warn_end_of_life(python: str) -> None:
    from datetime import date

    from mlops_scaffold import versions

    warning = versions.load().end_of_life_warning(python, date.today())
    if warning:
        err.print(f"[yellow]warning:[/] {warning}")


@contextmanager
def _step(description: str) -> Iterator[None]:
    start = time.perf_counter()
    with err.status(f"{description}..."):
        yield
    err.print(f"[green]✓[/] {description} [dim]({time.perf_counter() - start:.1f}s)[/]")


def _print_summary(path: Path, files: list[str], kept: list[str], trained: bool) -> None:
    out.print(f"[bold green]Created[/] {path} ({len(files) - len(kept)} files)")
    for name in kept:
        out.print(f"  [yellow]kept[/] {name} (already there; the template's version not written)")
    out.print("\nNext steps:")
    out.print(f"  cd {path}")
    if not trained:
        out.print("  make setup     # virtual environment from the hash-locked requirements")
        out.print("  make train     # DVC pipeline: prepare -> train -> evaluate")
    out.print("  make test      # code, data, model and service tests")
    out.print("  make serve     # FastAPI on http://127.0.0.1:8000/docs")
