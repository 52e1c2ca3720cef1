"""Files that parse but say nonsense: one REPO001 finding naming file and key, no crash."""

from __future__ import annotations

import json
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlops_scaffold.doctor.run import find_findings
from mlops_scaffold.repo.parsers import workflow_steps, yaml_syntax_problem
from tests.conftest import build_file_tree, run_mlops
from tests.doctor.helpers import audit, found_ids


@pytest.mark.parametrize(
    ("pyproject", "key", "line"),
    [
        ('tool = "x"\n', "`tool` must be a table, not a string", 1),
        ("project = 5\n", "`project` must be a table, not a number", 1),
        ("[project]\nname = 'a'\ndynamic = 5\n", "`project.dynamic` must be an array", 3),
        ('[tool]\nmlops = "x"\n', "`tool.mlops` must be a table, not a string", 2),
        ("[tool.poetry]\ndependencies = 2\n", "`tool.poetry.dependencies` must be a table", 2),
        ("[project]\ndependencies = [5]\n", "`project.dependencies` must be an array of str", 2),
        ("[tool.mlops.doctor]\nselect = 5\n", "select in pyproject.toml (tool.mlops.doctor)", None),
        ("[tool.mlops.doctor]\nfail-on = 'x'\n", "fail-on in pyproject.toml", None),
        ("[tool.mlops.doctor]\nsurprise = 1\n", "unknown key `surprise`", None),
    ],
)
def test_a_wrongly_typed_pyproject_key_is_one_finding(
    tmp_path: Path, pyproject: str, key: str, line: int | None
) -> None:
    build_file_tree(tmp_path, {"pyproject.toml": pyproject})
    report = audit(tmp_path)
    (problem,) = [f for f in report.findings if f.id == "REPO001"]
    assert (problem.path, problem.line) == ("pyproject.toml", line)
    assert key in problem.message
    assert len(report.results) > 30  # the audit went on


def test_the_cli_reports_a_wrongly_typed_key_without_a_traceback(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"pyproject.toml": '[tool]\nmlops = "x"\n'})
    result = run_mlops("doctor", str(tmp_path), "--select", "REPO001", "--format", "json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert "`tool.mlops` must be a table" in finding["message"]


def test_a_workflow_with_nul_bytes_is_not_ci(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {".github/workflows/ci.yml": b"name: ci\x00\x00\non: push\n"})
    report = audit(tmp_path, "REPO001", "CI001")
    assert found_ids(report) == {"REPO001", "CI001"}
    (problem,) = [f for f in report.findings if f.id == "REPO001"]
    assert problem.path == ".github/workflows/ci.yml"
    assert "not a text file" in problem.message


def test_a_junk_requirements_file_is_one_finding(tmp_path: Path) -> None:
    junk = "".join(f"x{n} ~~ ?? {n}\nword{n}\nÃ© Â¥ {n}\n" for n in range(8))
    build_file_tree(tmp_path, {"requirements.txt": junk})
    report = audit(tmp_path, "REPO001", "ENV003")
    (problem,) = report.findings
    assert (problem.id, problem.path, problem.line) == ("REPO001", "requirements.txt", 1)
    assert "15 more such lines" in problem.message


def test_one_bad_line_among_requirements_leaves_the_others_checked(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"requirements.txt": "numpy==2.1.0\npandas>=2\nnot a req ??\n"})
    report = audit(tmp_path, "REPO001", "ENV002")
    assert {(f.id, f.line) for f in report.findings} == {("REPO001", 3), ("ENV002", 2)}


def test_url_and_path_lines_are_not_requirements_nor_junk(tmp_path: Path) -> None:
    lines = "numpy==2.1.0\ngit+https://github.com/a/b.git@v1\n./local\n.\n"
    build_file_tree(tmp_path, {"requirements.txt": lines})
    assert audit(tmp_path, "REPO001", "ENV002").findings == ()


# -- any pyproject.toml that parses, whatever its keys hold --------------------------------

KEYS = st.sampled_from(
    [
        "project", "tool", "dependency-groups", "build-system", "mlops", "doctor", "poetry",
        "dependencies", "dynamic", "optional-dependencies", "group", "select", "ignore",
        "fail-on", "kind", "per-path-ignores", "pdm", "scripts", "hatch", "envs", "pixi",
        "feature", "kedro", "ruff", "name", "readme", "requires", "build-backend", "authors",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.integers(-5, 5),
    st.booleans(),
    st.text(alphabet="abcENV0123*./ ", max_size=6),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=10,
)
DOCUMENTS = st.dictionaries(
    KEYS, st.dictionaries(KEYS, VALUES, max_size=4) | VALUES, min_size=1, max_size=4
)


def toml_value(value: Any) -> str:
    """A value as TOML (inline tables and arrays; strings through JSON's escaping)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_no_pyproject_shape_crashes_the_audit(document: dict[str, Any]) -> None:
    text = "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in document.items())
    assert tomllib.loads(text) == document  # the test wrote the TOML it meant to
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "pyproject.toml").write_text(text)
        report = find_findings(Path(folder))
    assert len(report.results) > 30
    assert all(f.path == "pyproject.toml" for f in report.findings if f.id == "REPO001")


def test_repo001_reports_a_manifest_that_is_not_yaml(tmp_path: Path) -> None:
    pasted = "---\n\n## Rollout\n\n```yaml\napiVersion: argoproj.io/v1alpha1\n```\n"
    build_file_tree(tmp_path, {"deploy/rollout.yaml": pasted})
    (problem,) = audit(tmp_path, "REPO001").findings
    assert (problem.path, problem.line) == ("deploy/rollout.yaml", 5)
    assert "invalid YAML" in problem.message


@pytest.mark.parametrize(
    "broken",
    ["a: [1, 2\n", "a:\tb\n  c: d\n", "key: value\n  bad: indent\n", "- a\nb: c\n", "a: 'b\n"],
)
def test_a_yaml_syntax_error_reads_the_same_whichever_way_it_is_parsed(broken: str) -> None:
    # Without `&` or `*` libyaml parses alone, making no events; a comment holding them
    # sends the same YAML through the event loop: same message, one line further down.
    plain = yaml_syntax_problem(broken)
    through_events = yaml_syntax_problem("# & *\n" + broken)
    assert plain is not None and plain[0] is not None
    assert through_events == (plain[0] + 1, plain[1])


@pytest.mark.parametrize(
    ("manifest", "line", "message"),
    [
        ("base: &base {a: 1}\n---\nservice: *base\n", 3, "found undefined alias"),
        ("a: &x 1\nb:\n  c: &x 2\n", 3, "second occurrence"),
    ],
    ids=["alias-from-another-document", "anchor-twice"],
)
def test_repo001_reports_what_composing_the_yaml_would_reject(
    tmp_path: Path, manifest: str, line: int, message: str
) -> None:
    # Only the parser's events are read: the composer's checks on anchors must hold still.
    build_file_tree(tmp_path, {"deploy/app.yaml": manifest, "deploy/ok.yaml": "- &a [1]\n- *a\n"})
    (problem,) = audit(tmp_path, "REPO001").findings
    assert (problem.path, problem.line) == ("deploy/app.yaml", line)
    assert problem.message.endswith(f"invalid YAML: {message}")


@pytest.mark.parametrize(
    "tree",
    [
        {"infra/stack.yaml": "Resources:\n  Bucket:\n    Name: !Ref BucketName\n"},
        {"charts/svc/templates/deploy.yaml": "spec:\n{{- toYaml .Values.spec | nindent 2 }}\n"},
        {"tests/data/broken.yaml": "key: [unclosed\n"},
    ],
    ids=["cloudformation-tag", "helm-template", "test-fixture"],
)
def test_repo001_leaves_tags_templates_and_fixtures_alone(
    tmp_path: Path, tree: dict[str, str]
) -> None:
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path, "REPO001").findings == ()


# A file that is not what its name says: an empty .json or notebook, a binary .yaml.
RESOURCE_FORK = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02" + b"\x00" * 64


def repo001_paths(root: Path) -> list[str]:
    return sorted(f.path for f in audit(root, "REPO001").findings if f.id == "REPO001")


def test_empty_json_and_binary_yaml_are_reported(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            "monitoring/dashboard.json": "",
            "config/._params.yaml": RESOURCE_FORK,
            "config/params.yaml": "lr: 0.1\n",
            "{{ cookiecutter.slug }}/notebooks/eda.ipynb": "",
            "cookiecutter.json": '{"slug": "demo"}',
        },
    )
    assert repo001_paths(tmp_path) == [
        "config/._params.yaml",
        "monitoring/dashboard.json",
        "{{ cookiecutter.slug }}/notebooks/eda.ipynb",
    ]


def test_json_with_content_empty_yaml_and_test_fixtures_pass(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            "monitoring/dashboard.json": '{"panels": []}\n',
            "config/empty.yaml": "",
            "tests/fixtures/empty.json": "",
            "tests/fixtures/._data.yaml": RESOURCE_FORK,
            "{{ cookiecutter.slug }}/reports/metrics.json": "{}\n",
            "cookiecutter.json": '{"slug": "demo"}',
        },
    )
    assert repo001_paths(tmp_path) == []


def test_workflow_steps_skip_what_is_not_a_job_or_a_step() -> None:
    # A half-written workflow: a job that is a string, steps that are a mapping, a step
    # that is a list. Only the well-formed steps come out, in file order.
    document = {
        "jobs": {
            "broken": "run tests",
            "test": {"steps": [{"run": "pytest"}, ["not", "a", "step"], {"uses": "x/y@v1"}]},
            "odd": {"steps": {"run": "ruff"}},
        }
    }
    assert list(workflow_steps(document)) == [{"run": "pytest"}, {"uses": "x/y@v1"}]
    assert list(workflow_steps("jobs: {}")) == []
