"""The versions table is the one place to bump: the template, the tool and its CI agree with it."""

from __future__ import annotations

import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

import jinja2
import pytest
import yaml

from mlops_scaffold.versions import load, read
from tests.conftest import invoke

ROOT = Path(__file__).resolve().parents[2]
COPIER = yaml.safe_load((ROOT / "templates/project/copier.yml").read_text(encoding="utf-8"))
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSIONS = load()
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+@\S+(?: # \S+)?)\s*$", re.M)


def test_the_template_offers_exactly_the_supported_pythons() -> None:
    assert COPIER["python_version"]["choices"] == list(VERSIONS.supported)
    assert COPIER["python_version"]["default"] == VERSIONS.default_python


def test_no_python_the_template_offers_is_past_end_of_life_on_the_tables_date() -> None:
    ended = [
        python
        for python in COPIER["python_version"]["choices"]
        if (end := VERSIONS.end_of_life(python)) is None or end <= VERSIONS.checked
    ]
    assert ended == []


@pytest.mark.parametrize("python", VERSIONS.supported)
def test_the_templates_base_image_is_the_tables(python: str) -> None:
    expression = jinja2.Environment().from_string(COPIER["python_image"]["default"])
    assert expression.render(python_version=python) == VERSIONS.image(python)


def test_the_template_locks_resolve_from_the_oldest_supported_python() -> None:
    assert COPIER["lock_python"]["default"] == VERSIONS.oldest


def test_the_tool_needs_the_oldest_supported_python_and_lists_each_one() -> None:
    project = PYPROJECT["project"]
    listed = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if c.count(".") == 1]
    assert project["requires-python"] == f">={VERSIONS.oldest}"
    assert listed == list(VERSIONS.supported)
    assert PYPROJECT["tool"]["ruff"]["target-version"] == f"py{VERSIONS.oldest.replace('.', '')}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"--python-version {VERSIONS.oldest} " in makefile


def test_the_tools_ci_tests_every_supported_python() -> None:
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    assert ci["jobs"]["test"]["strategy"]["matrix"]["python-version"] == list(VERSIONS.supported)


@pytest.mark.parametrize(
    "path",
    [*sorted((ROOT / ".github/workflows").glob("*.yml")), ROOT / "action.yml"],
    ids=lambda path: path.name,
)
def test_the_tools_own_actions_are_pinned_to_the_tables_sha_for_each_tag(path: Path) -> None:
    references = USES.findall(path.read_text(encoding="utf-8"))
    assert references
    assert [ref for ref in references if not VERSIONS.pins_current(ref)] == []


def test_end_of_life_reads_minor_and_patch_versions() -> None:
    assert VERSIONS.end_of_life("3.10") == date(2026, 10, 31)
    assert VERSIONS.end_of_life("3.12.4") == VERSIONS.end_of_life("3.12")
    assert VERSIONS.end_of_life("2.7") is None


def test_the_warning_says_past_near_or_nothing() -> None:
    assert VERSIONS.end_of_life_warning("3.13", VERSIONS.checked) is None
    near = VERSIONS.end_of_life_warning("3.11", date(2027, 6, 1))
    assert near == "Python 3.11 reaches its end of life on 2027-10-31: plan the move to a newer one"
    past = VERSIONS.end_of_life_warning("3.10", date(2026, 12, 2))
    assert past is not None and past.startswith("Python 3.10 reached its end of life on 2026-10-31")


def test_a_table_whose_default_has_no_image_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "versions.toml"
    text = (ROOT / "src/mlops_scaffold/versions.toml").read_text(encoding="utf-8")
    table.write_text(re.sub(r'default_python = "[\d.]+"', 'default_python = "3.10"', text))
    with pytest.raises(ValueError, match=r"default_python 3\.10 has no patch release"):
        read(table)


def near_end_table(tmp_path: Path, python: str, days: int) -> Path:
    """The shipped table with `python`'s end of life moved to `days` from today."""
    text = (ROOT / "src/mlops_scaffold/versions.toml").read_text(encoding="utf-8")
    end = date.today() + timedelta(days=days)
    moved = re.sub(
        rf'(\[python\."{re.escape(python)}"\]\nreleased = \S+\nend_of_life = )\S+',
        rf"\g<1>{end.isoformat()}",
        text,
    )
    assert moved != text
    table = tmp_path / "versions.toml"
    table.write_text(moved, encoding="utf-8")
    return table


def test_new_warns_in_one_line_when_the_python_is_near_its_end_of_life(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = read(near_end_table(tmp_path, "3.12", 30))
    monkeypatch.setattr("mlops_scaffold.versions.load", lambda: stale)
    code, output = invoke("new", str(tmp_path / "p"), "-y", "--no-git", "-d", "python_version=3.12")
    assert code == 0, output
    end = date.today() + timedelta(days=30)
    warnings = [line for line in output.splitlines() if "end of life" in line]
    assert warnings == [
        f"warning: Python 3.12 reaches its end of life on {end}: plan the move to a newer one"
    ]


def test_new_says_nothing_of_end_of_life_for_a_python_far_from_it(tmp_path: Path) -> None:
    code, output = invoke("new", str(tmp_path / "p"), "-y", "--no-git")
    assert code == 0, output
    assert "end of life" not in output
