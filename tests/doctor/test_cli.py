"""`mlops doctor` on the command line: exit codes, flags, configuration, messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mlops_scaffold.cli import app
from tests.conftest import build_file_tree, run_mlops
from tests.doctor.cases import SERVICE, TRAINING

runner = CliRunner()
CONFIGURED = "[project]\nname = 'demo'\n\n[tool.ruff]\n\n[tool.mlops.doctor]\n"
# It serves and trains: detected as an application.
APPLICATION = {**SERVICE, **TRAINING, "requirements.txt": "fastapi\n"}
UNKNOWN_KIND = "--kind must be one of application, library, template, example, monorepo, not 'lib'"


def doctor(*args: str):
    return runner.invoke(app, ["doctor", *args])


def test_exit_code_is_1_when_findings_reach_fail_on(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"requirements.txt": "numpy\n"})
    assert doctor(str(tmp_path), "--select", "ENV002").exit_code == 1


def test_exit_code_is_0_when_findings_are_below_fail_on(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"requirements.txt": "numpy==2.1.0\n"})
    result = doctor(str(tmp_path), "--select", "ENV003", "--fail-on", "warning")
    assert result.exit_code == 0
    assert "ENV003" in result.output  # still reported, just not failing


def test_exit_code_is_2_for_an_unreadable_path_with_one_line_and_no_traceback(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mlops_scaffold", "doctor", str(tmp_path / "absent")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "no such folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_exit_code_is_2_for_an_unknown_check(tmp_path: Path) -> None:
    result = run_mlops("doctor", str(tmp_path), "--select", "NOPE001")
    assert result.returncode == 2
    assert "unknown check or family NOPE001" in result.stderr


def test_exit_code_is_2_for_an_unknown_format(tmp_path: Path) -> None:
    result = run_mlops("doctor", str(tmp_path), "--format", "xml")
    assert (result.returncode, "Traceback" in result.stderr) == (2, False)


def test_an_unknown_kind_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    quick = run_mlops("doctor", str(tmp_path), "--kind", "lib")  # a plain run: no Typer
    through_typer = doctor(str(tmp_path), "--kind", "lib")
    assert (quick.returncode, quick.stdout, quick.stderr) == (2, "", f"error: {UNKNOWN_KIND}\n")
    assert (through_typer.exit_code, through_typer.output) == (2, f"error: {UNKNOWN_KIND}\n")


def test_an_unknown_kind_under_format_json_is_json_on_stdout(tmp_path: Path) -> None:
    quick = run_mlops("doctor", str(tmp_path), "--kind", "lib", "--format", "json")
    through_typer = doctor(str(tmp_path), "--kind", "lib", "--format", "json")
    answer = {"error": UNKNOWN_KIND, "hint": None}
    assert (quick.returncode, json.loads(quick.stdout), quick.stderr) == (2, answer, "")
    assert (through_typer.exit_code, json.loads(through_typer.stdout)) == (2, answer)


def test_kind_audits_a_detected_application_as_a_library(tmp_path: Path) -> None:
    build_file_tree(tmp_path, APPLICATION)
    detected = json.loads(doctor(str(tmp_path), "--format", "json").output)
    assert detected["kind"] == "application"
    result = doctor(str(tmp_path), "--kind", "library", "--format", "json")
    document = json.loads(result.output)
    assert (document["kind"], document["kind_evidence"], document["kind_set"]) == (
        "library",
        "set with --kind",
        True,
    )
    checks = {check["id"]: check for check in document["checks"]}
    assert checks["SERVE002"]["status"] == "not-applicable"  # a library need not serve
    assert "does not apply to a library" in checks["SERVE002"]["reason"]
    assert checks["TEST001"]["status"] == "failed"  # it still needs tests
    assert result.exit_code == 1


def test_select_by_family_runs_only_that_family(tmp_path: Path) -> None:
    result = doctor(str(tmp_path), "--select", "ci", "--format", "json")
    checks = json.loads(result.output)["checks"]
    assert {c["id"] for c in checks} == {"CI001", "CI002", "CI003", "CI004", "CI005"}


def test_ignore_by_id_leaves_that_check_out(tmp_path: Path) -> None:
    result = doctor(str(tmp_path), "--select", "CI", "--ignore", "CI001,CI002", "--format", "json")
    assert {c["id"] for c in json.loads(result.output)["checks"]} == {"CI003", "CI004", "CI005"}


def test_pyproject_configuration_selects_and_ignores(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path, {"pyproject.toml": CONFIGURED + 'select = ["DOCS"]\nignore = ["DOCS003"]\n'}
    )
    result = doctor(str(tmp_path), "--format", "json")
    assert {c["id"] for c in json.loads(result.output)["checks"]} == {"DOCS001", "DOCS002"}


def test_command_line_select_replaces_the_configured_one(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"pyproject.toml": CONFIGURED + 'select = ["DOCS"]\n'})
    result = doctor(str(tmp_path), "--select", "SEC001", "--format", "json")
    assert [c["id"] for c in json.loads(result.output)["checks"]] == ["SEC001"]


def test_command_line_kind_replaces_the_configured_one(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"pyproject.toml": CONFIGURED + 'kind = "application"\n'})
    document = json.loads(doctor(str(tmp_path), "--kind", "example", "--format", "json").output)
    assert (document["kind"], document["kind_evidence"]) == ("example", "set with --kind")


def test_pyproject_fail_on_is_honoured(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path, {"pyproject.toml": CONFIGURED + 'select = ["DOCS002"]\nfail-on = "error"\n'}
    )
    assert doctor(str(tmp_path)).exit_code == 0


def test_an_invalid_configuration_is_a_finding_of_the_repository(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"pyproject.toml": CONFIGURED + 'fail-on = "sometimes"\n'})
    result = doctor(str(tmp_path), "--format", "json")
    assert result.exit_code == 1
    (finding,) = [f for f in json.loads(result.output)["findings"] if f["id"] == "REPO001"]
    assert "fail-on in pyproject.toml (tool.mlops.doctor)" in finding["message"]


def test_explain_prints_the_rationale(tmp_path: Path) -> None:
    result = doctor("--explain", "img003")
    assert result.exit_code == 0
    assert "IMG003: Container runs as root" in result.output
    assert "Why it matters" in result.output


def test_explain_of_an_unknown_id_is_a_usage_error() -> None:
    result = run_mlops("doctor", "--explain", "XYZ999")
    assert (result.returncode, "Traceback" in result.stderr) == (2, False)


def test_output_writes_the_report_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    result = doctor(str(tmp_path), "--format", "sarif", "--output", str(target))
    assert result.exit_code == 1
    assert json.loads(target.read_text())["version"] == "2.1.0"
    assert result.output == ""


def test_table_output_to_a_file_is_plain_text(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    doctor(str(tmp_path), "--select", "DOCS001", "--output", str(target))
    text = target.read_text()
    assert "DOCS001" in text and "\x1b[" not in text


def _capable_terminal() -> dict[str, str]:
    """The environment of a real terminal: CI's TERM=dumb draws no spinner, and the
    COLUMNS=80 that pytest-xdist exports would wrap a long tmp path."""
    env = {key: value for key, value in os.environ.items() if key not in {"COLUMNS", "LINES"}}
    return {**env, "TERM": "xterm-256color"}


def test_a_terminal_sees_a_spinner_while_the_repository_is_read(tmp_path: Path) -> None:
    import pexpect

    build_file_tree(tmp_path, {"requirements.txt": "numpy\n"})
    child = pexpect.spawn(
        sys.executable,
        ["-m", "mlops_scaffold", "doctor", str(tmp_path), "--select", "ENV002"],
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 200),
        env=_capable_terminal(),
    )
    child.expect(f"Auditing {tmp_path}")
    child.expect("ENV002")
    child.expect(pexpect.EOF)


def test_a_pipe_sees_no_spinner_and_rich_is_not_loaded_for_json(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"requirements.txt": "numpy\n"})
    probe = (
        "import sys\n"
        "from mlops_scaffold.cli import main\n"
        f"sys.argv = ['mlops', 'doctor', {str(tmp_path)!r}, '--format', 'json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('rich loaded' if 'rich' in sys.modules else 'rich not loaded', file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert json.loads(done.stdout)["findings"]
    assert done.stderr.strip() == "rich not loaded"


YAML_PROBE = (
    "import sys\n"
    "from mlops_scaffold.cli import main\n"
    "sys.argv = ['mlops', 'doctor', sys.argv[1], '--format', 'json']\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "print('yaml loaded' if 'yaml' in sys.modules else 'yaml not loaded', file=sys.stderr)\n"
)


def test_pyyaml_is_not_loaded_for_a_repository_without_yaml(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"requirements.txt": "numpy\n", "src/train.py": "x = 1\n"})
    done = subprocess.run(
        [sys.executable, "-c", YAML_PROBE, str(tmp_path)], capture_output=True, text=True
    )
    assert json.loads(done.stdout)["findings"]
    assert done.stderr.strip() == "yaml not loaded"


def test_a_repository_with_yaml_has_it_read(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"requirements.txt": "numpy\n", "config.yaml": "a: [1\n"})
    done = subprocess.run(
        [sys.executable, "-c", YAML_PROBE, str(tmp_path)], capture_output=True, text=True
    )
    broken = [f for f in json.loads(done.stdout)["findings"] if f["id"] == "REPO001"]
    assert [f["path"] for f in broken] == ["config.yaml"]
    assert done.stderr.strip() == "yaml loaded"
