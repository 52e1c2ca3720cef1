"""A plain `mlops doctor` run is read without Typer (`cli.quick`): the same output, exit code
and messages as the Typer command, and everything else still left to Typer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlops_scaffold.cli.quick import DoctorArgs, parse
from tests.conftest import build_file_tree

THROUGH_TYPER = (
    "import sys\n"
    "from mlops_scaffold.cli import _typer_app\n"
    "from mlops_scaffold.cli.typer_app import run\n"
    "_typer_app()\n"
    "sys.argv = ['mlops', *sys.argv[1:]]\n"
    "run()\n"
)
QUICK = (
    "import sys\n"
    "from mlops_scaffold.cli import main\n"
    "sys.argv = ['mlops', *sys.argv[1:]]\n"
    "try:\n"
    "    main()\n"
    "finally:\n"
    "    sys.stderr.write('typer loaded' if 'typer' in sys.modules else 'typer not loaded')\n"
)


def _both(args: list[str], env: dict[str, str] | None = None) -> tuple[tuple, tuple]:
    environ = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb", **(env or {})}
    done = [
        subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, env=environ
        )
        for probe in (THROUGH_TYPER, QUICK)
    ]
    typer_run, quick_run = done
    assert quick_run.stderr.endswith("typer not loaded")
    stderr = quick_run.stderr.removesuffix("typer not loaded")
    return (
        (typer_run.returncode, typer_run.stdout, typer_run.stderr),
        (quick_run.returncode, quick_run.stdout, stderr),
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    build_file_tree(root, {"requirements.txt": "numpy\n", "src/train.py": "x = 1\n"})
    return root


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "json", "--no-cache"],
        ["--select", "ENV002", "--fail-on", "warning"],
        ["-f", "markdown", "--ignore", "ENV", "--ignore=REPO"],
        ["--format=json", "--select", "NOPE001"],
        ["--select", "NOPE001"],
        ["--fail-on", "never"],
        ["--kind", "lib"],
        ["--format=json", "--kind", "lib"],
    ],
)
def test_a_plain_run_prints_what_the_typer_command_prints(tree: Path, args: list[str]) -> None:
    through_typer, quick = _both(["doctor", str(tree), *args])
    assert quick == through_typer


def test_kind_is_read_without_typer(tree: Path) -> None:
    through_typer, quick = _both(["doctor", str(tree), "--kind", "library", "--format", "json"])
    assert quick == through_typer
    document = json.loads(quick[1])
    assert (document["kind"], document["kind_evidence"]) == ("library", "set with --kind")


def test_a_missing_folder_is_the_same_usage_error(tmp_path: Path) -> None:
    through_typer, quick = _both(["doctor", str(tmp_path / "absent")])
    assert quick == through_typer
    assert quick[0] == 2


def test_the_report_written_to_a_file_is_the_same(tree: Path, tmp_path: Path) -> None:
    through_typer, quick = _both(["doctor", str(tree), "-o", str(tmp_path / "a.txt")])
    first = (tmp_path / "a.txt").read_text()
    assert quick == through_typer
    assert first == (tmp_path / "a.txt").read_text()
    assert "ENV002" in first


def test_a_plain_run_leaves_what_is_alive_to_the_end_of_the_process(tree: Path) -> None:
    probe = (
        "import gc, sys\n"
        "from mlops_scaffold.cli import main\n"
        "sys.argv = ['mlops', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    sys.stderr.write(f'{gc.get_freeze_count()} frozen')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "doctor", str(tree)], capture_output=True, text=True
    )
    frozen = int(done.stderr.split()[-2])
    assert frozen > 1000  # no garbage collection walks them at exit


def test_no_cache_from_the_environment_reads_as_click_reads_it() -> None:
    for value, expected in [("", False), ("0", False), ("off", False), ("1", True), ("Yes", True)]:
        args = parse(["doctor"], {"MLOPS_NO_CACHE": value})
        assert args is not None and args.no_cache is expected
    assert parse(["doctor"], {"MLOPS_NO_CACHE": "2"}) is None  # Click's error message


def test_the_flags_are_read_as_typer_reads_them() -> None:
    args = parse(
        ["doctor", "repo", "-f", "json", "--select=ENV", "--select", "SEC001", "--no-cache"], {}
    )
    assert args == DoctorArgs(
        Path("repo"), "json", ["ENV", "SEC001"], [], None, None, None, no_cache=True
    )
    assert parse(["doctor"], {}) == DoctorArgs(Path("."), "table", [], [], None, None, None, False)
    assert parse(["doctor", "--kind=example"], {}) == DoctorArgs(
        Path("."), "table", [], [], None, "example", None, False
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["doctor", "--help"],
        ["doctor", ".", "--fix"],
        ["doctor", "--explain", "ENV001"],
        ["doctor", "--list-checks"],
        ["doctor", "-fjson"],
        ["doctor", "-f=json"],
        ["doctor", "--format", "xml"],
        ["doctor", "--format", "json", "--format", "table"],
        ["doctor", "--select"],
        ["doctor", "--select", "-x"],
        ["doctor", "--kind"],
        ["doctor", "--kind", "library", "--kind", "example"],
        ["doctor", "a", "b"],
        ["doctor", "--", "a"],
        ["doctor", "--unknown"],
        ["add", "ci"],
        [],
    ],
)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert parse(argv, {}) is None


def test_a_shell_completion_or_a_folder_as_output_is_left_to_typer(tmp_path: Path) -> None:
    assert parse(["doctor"], {"_MLOPS_COMPLETE": "bash_complete"}) is None
    assert parse(["doctor", "-o", str(tmp_path)], {}) is None
