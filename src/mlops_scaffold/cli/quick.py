"""`mlops doctor` without Typer: the plain audit's flags read by hand.

Typer and its vendored Click take ~0.1 s to import, a tenth of a cold audit. The common
invocations (`mlops doctor [PATH] [--format F] [--select X] [--ignore X] [--fail-on S]
[--kind K] [--output FILE] [--no-cache]`) are read here and run through the same
`doctor_report` the Typer command calls. Anything else (`--help`, `--fix`, `--explain`,
`--list-checks`, a shell completion, an unknown or repeated argument, a value that looks
like a flag, a file option naming a folder) returns None, and the Typer app runs as before:
its messages stay the one source of usage errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from mlops_scaffold.cli.console import describe_os_error, err, escape, print_error
from mlops_scaffold.errors import MlopsError

# option -> its field; every one takes a value
_VALUED = {
    "--format": "output_format",
    "-f": "output_format",
    "--select": "select",
    "--ignore": "ignore",
    "--fail-on": "fail_on",
    "--kind": "kind",
    "--output": "output",
    "-o": "output",
}
_REPEATABLE = {"select", "ignore"}
# Click's boolean words, as MLOPS_NO_CACHE may hold them (compared stripped, lower-case)
_TRUE = {"1", "true", "t", "yes", "y", "on"}
_FALSE = {"0", "false", "f", "no", "n", "off"}


class DoctorArgs(NamedTuple):
    """The flags of a plain `mlops doctor` run, as the Typer command would receive them."""

    path: Path
    output_format: str
    select: list[str]
    ignore: list[str]
    fail_on: str | None
    kind: str | None
    output: Path | None
    no_cache: bool


def parse(argv: Sequence[str], environ: dict[str, str] | os._Environ[str]) -> DoctorArgs | None:
    """The arguments of a plain `mlops doctor` run, or None to leave `argv` to Typer."""
    from mlops_scaffold.cli.doctor_report import FORMAT_NAMES

    if not argv or argv[0] != "doctor" or "_MLOPS_COMPLETE" in environ:
        return None
    no_cache = _env_flag(environ.get("MLOPS_NO_CACHE", ""))
    if no_cache is None:
        return None
    single: dict[str, str] = {}
    many: dict[str, list[str]] = {"select": [], "ignore": []}
    paths: list[str] = []
    rest = list(argv[1:])
    while rest:
        token = rest.pop(0)
        if token == "--no-cache":
            no_cache = True
            continue
        if not token.startswith("-"):
            paths.append(token)
            continue
        name, equals, value = token.partition("=")
        field = _VALUED.get(name)
        if field is None or (equals and not name.startswith("--")):
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if value.startswith("-") or not value:
            return None
        if field in _REPEATABLE:
            many[field].append(value)
        elif field in single:
            return None  # Click keeps the last; rare enough to leave to it
        else:
            single[field] = value
    if len(paths) > 1 or (paths and not paths[0]):
        return None
    output_format = single.get("output_format", "table")
    output = Path(single["output"]) if "output" in single else None
    if output_format not in FORMAT_NAMES or (output is not None and output.is_dir()):
        return None
    return DoctorArgs(
        Path(paths[0]) if paths else Path("."),
        output_format,
        many["select"],
        many["ignore"],
        single.get("fail_on"),
        single.get("kind"),
        output,
        no_cache,
    )


def _env_flag(value: str) -> bool | None:
    """MLOPS_NO_CACHE as Click reads it; None for a value Click refuses."""
    word = value.strip().lower()
    if not value or word in _FALSE:
        return False
    return True if word in _TRUE else None


def run(argv: Sequence[str]) -> int | None:
    """The exit code of a plain `mlops doctor` run, or None when `argv` is Typer's to read.
    Errors end as the Typer app ends them: one line and a hint, 1 for an unreadable file,
    130 for Ctrl-C."""
    args = parse(argv, os.environ)
    if args is None:
        return None
    from mlops_scaffold.cli.doctor_report import doctor, exit_code

    try:
        return exit_code(
            args.output_format,
            lambda: doctor(
                args.path,
                args.output_format,
                args.select,
                args.ignore,
                args.fail_on,
                args.kind,
                None,
                args.output,
                args.no_cache,
            ),
        )
    except MlopsError as error:
        print_error(error)
        return error.exit_code
    except OSError as error:
        err.print(f"[bold red]error:[/] {escape(describe_os_error(error))}")
        return 1
    except KeyboardInterrupt:
        return 130
    except EOFError:
        print(file=sys.stderr)
        err.print("[bold red]error:[/] aborted")
        return 1
