"""Property: a repo's configuration with wrongly typed keys (a list where a table belongs, a
string where a list does, null) makes `mlops add` either proceed, keeping every byte, or stop
with one `error:` line (and a `hint:` line), never a traceback, having written nothing.

`lock` is left out of the components added: it resolves with uv against the index, too slow
for a property; what it reads of the repo is covered by the second property.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomlkit
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mlops_scaffold.cli import app
from mlops_scaffold.components import COMPONENTS, RECORD_FILE
from mlops_scaffold.errors import MlopsError
from mlops_scaffold.repo.dependencies import declared_dependencies
from mlops_scaffold.repo.facts import repo_facts
from mlops_scaffold.repo.view import Repo
from tests.add.trees import build_tree, foreign_repo, snapshot

ADDED = tuple(name for name in COMPONENTS if name != "lock")
PYPROJECT_KEYS = [
    "project",
    "project.name",
    "project.dependencies",
    "project.optional-dependencies",
    "project.optional-dependencies.api",
    "project.requires-python",
    "project.authors",
    "project.readme",
    "project.description",
    "tool",
    "tool.poetry",
    "tool.poetry.name",
    "tool.poetry.dependencies",
    "tool.poetry.dependencies.python",
    "tool.poetry.group",
    "tool.poetry.group.dev.dependencies",
    "tool.pdm",
    "tool.mlops.doctor",
    "dependency-groups",
    "dependency-groups.dev",
    "build-system.requires",
]
# Per YAML file, the keys its readers look at; a document may also be no mapping at all.
YAML_KEYS: dict[str, list[str]] = {
    "dvc.yaml": ["stages", "params", "metrics", "plots"],
    "params.yaml": ["train", "serve", "data", "evaluate"],
    ".github/workflows/ci.yml": ["on", "jobs", "permissions", "env", "name"],
    ".pre-commit-config.yaml": ["repos", "ci"],
    "environment.yml": ["dependencies", "name", "channels"],
    ".mlops.yml": ["answers", "components", "pristine", "generated"],
}
NESTED_KEYS = ["name", "version", "python", "dependencies", "pip", "steps", "runs-on", "deps"]

toml_scalars = st.one_of(
    st.integers(-3, 3),
    st.booleans(),
    st.text(alphabet="ab3.=<>[ ", max_size=6),
    st.floats(-10, 10, allow_nan=False),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(NESTED_KEYS), inner, max_size=3)
    ),
    max_leaves=6,
)
yaml_values = st.recursive(
    st.none() | toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(NESTED_KEYS), inner, max_size=3)
    ),
    max_leaves=6,
)


def nested(flat: Mapping[str, Any]) -> dict[str, Any]:
    """`{"a.b": 1}` as `{"a": {"b": 1}}`; a key under one that holds no table is dropped."""
    document: dict[str, Any] = {}
    for dotted, value in sorted(flat.items()):
        *parents, leaf = dotted.split(".")
        table = document
        for part in parents:
            table = table.setdefault(part, {})
            if not isinstance(table, dict):
                break
        else:
            table[leaf] = value
    return document


pyprojects = st.dictionaries(st.sampled_from(PYPROJECT_KEYS), toml_values, min_size=1, max_size=4)
pyproject_texts = pyprojects.map(lambda flat: tomlkit.dumps(nested(flat)))
yaml_files = st.sampled_from(sorted(YAML_KEYS)).flatmap(
    lambda path: st.tuples(
        st.just(path),
        st.one_of(
            st.dictionaries(st.sampled_from(YAML_KEYS[path]), yaml_values, min_size=1, max_size=3),
            yaml_values,  # a document that is not a mapping
        ).map(lambda document: yaml.safe_dump(document, sort_keys=False)),
    )
)
config_files = st.one_of(pyproject_texts.map(lambda text: ("pyproject.toml", text)), yaml_files)

fast = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@fast
@given(config=config_files)
@example(config=(".mlops.yml", "pristine: ab\n"))  # a record naming a commit, outside git
@example(config=(".mlops.yml", "answers:\n  project_name:\n    name: 1\n"))
def test_wrongly_typed_config_gets_one_error_line_or_is_kept_byte_for_byte(
    config: tuple[str, str],
) -> None:
    path, text = config
    with tempfile.TemporaryDirectory() as scratch:
        repo = build_tree(foreign_repo(Path(scratch)), {path: text})
        before = snapshot(repo)
        result = CliRunner().invoke(
            app, ["add", *ADDED, "--path", str(repo)], env={"NO_COLOR": "1", "COLUMNS": "200"}
        )
        after = snapshot(repo)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if result.exit_code != 0:
        lines = result.output.splitlines()
        assert lines[0].startswith("error: ") and len(lines) <= 2, result.output
        assert lines[1:] == [] or lines[1].startswith("hint: "), result.output
        assert after == before
    else:
        kept = {name: blob for name, blob in before.items() if name != RECORD_FILE}  # mlops's
        assert all(after[name].startswith(blob) for name, blob in kept.items())


@fast
@given(text=pyproject_texts)
def test_what_add_lock_reads_of_a_wrongly_typed_pyproject_is_data_or_one_error(
    text: str,
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        repo = Repo.open(build_tree(Path(scratch), {"pyproject.toml": text}))
        try:
            declared = declared_dependencies(repo)
            facts = repo_facts(repo)
        except MlopsError as refused:
            assert "\n" not in refused.message
            return
    assert all(isinstance(requirement, str) for requirement in declared.train)
    assert facts.package_name.isidentifier()


def add_lines(repo: Path, *args: str) -> tuple[int, list[str]]:
    """`mlops add ARGS` in `repo`: the exit code and the lines printed."""
    env = {"NO_COLOR": "1", "COLUMNS": "200"}
    result = CliRunner().invoke(app, ["add", *args, "--path", str(repo)], env=env)
    return result.exit_code, result.output.splitlines()


def test_a_copy_without_git_keeps_its_recorded_pristine_and_gets_the_files(tmp_path: Path) -> None:
    record = "components: [docs]\npristine: " + "a" * 40 + "\n"
    repo = foreign_repo(tmp_path, {".mlops.yml": record})
    code, lines = add_lines(repo, "docs")
    assert code == 0
    assert lines[:2] == ["Wrote 2 files, left 0 alone:", "  create   docs/model_card.md"]
    assert "pristine: " + "a" * 40 in (repo / ".mlops.yml").read_text()


def test_a_recorded_answer_that_is_a_table_is_refused_naming_its_question(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {".mlops.yml": "answers:\n  project_name: {a: 1}\n"})
    assert add_lines(repo, "docs") == (
        2,
        [
            "error: the answer to project_name must be a single value, not {'a': 1}",
            "hint: give it with --data project_name=VALUE",
        ],
    )


def test_a_record_without_a_required_answer_says_how_to_give_it(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {".mlops.yml": "answers:\n  package_name: demo\n"})
    assert add_lines(repo, "docs") == (
        2,
        [
            'error: Question "project_name" is required',
            "hint: give it with --data project_name=VALUE",
        ],
    )
