"""ENV007: a lock that no longer matches what the project declares, for each locker."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit

PYPROJECT = """[project]
name = "demo"
version = "0.1.0"
dependencies = ["pandas>=2.2", "scikit-learn>=1.5,<2"]

[project.optional-dependencies]
serve = ["fastapi>=0.110"]

[dependency-groups]
dev = ["pytest>=8"]
"""


def uv_lock(*requires: str, dev: str = '{ name = "pytest", specifier = ">=8" }') -> str:
    """A uv.lock whose project records `requires` as its requires-dist."""
    entries = ",\n    ".join(requires)
    return f"""version = 1
requires-python = ">=3.11"

[[package]]
name = "demo"
version = "0.1.0"
source = {{ editable = "." }}

[package.metadata]
requires-dist = [
    {entries},
]

[package.metadata.requires-dev]
dev = [{dev}]

[[package]]
name = "pandas"
version = "2.2.3"
source = {{ registry = "https://pypi.org/simple" }}
"""


IN_SYNC = (
    '{ name = "fastapi", marker = "extra == \'serve\'", specifier = ">=0.110" }',
    '{ name = "pandas", specifier = ">=2.2" }',
    '{ name = "scikit-learn", specifier = "<2,>=1.5" }',
)
POETRY = """[tool.poetry.dependencies]
python = "^3.11"
pandas = "^2.2"

[tool.poetry.group.dev.dependencies]
pytest = "^8"
"""
POETRY_LOCK = (
    '[[package]]\nname = "pandas"\nversion = "2.2.3"\n\n'
    '[[package]]\nname = "pytest"\nversion = "8.3.0"\n'
)
# Poetry's content-hash of POETRY with `pip = "*"` added (sha256 of the sorted JSON of its
# dependencies, dev-dependencies, extras, source and group tables), and a lock recording it.
POETRY_WITH_PIP = POETRY.replace('pandas = "^2.2"\n', 'pandas = "^2.2"\npip = "*"\n')
POETRY_WITH_PIP_HASH = "baefe07a8f827ae2a712c6fbff62970f21277a204d651f85b24f16240246ef26"


def hashed_poetry_lock(content_hash: str) -> str:
    """POETRY_LOCK with the metadata `poetry lock` writes (Poetry 1.8)."""
    metadata = f'lock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "{content_hash}"'
    return f"{POETRY_LOCK}\n[metadata]\n{metadata}\n"


PIPFILE = '[packages]\npandas = ">=2.2"\n\n[dev-packages]\npytest = "*"\n'
PIPFILE_LOCK = (
    '{"_meta": {}, "default": {"pandas": {"version": "==2.2.3"}}, "develop": {"pytest": {}}}'
)
# A Pipfile with a source and a Python, and the hash `pipenv lock` records for it
# (sha256 of its sources, requirements and packages as sorted, compact JSON).
HASHED_PIPFILE = (
    '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n'
    + PIPFILE
    + '\n[requires]\npython_version = "3.11"\n'
)
PIPFILE_HASH = "b247606a9a44f2d5a8f1c2fb0d217844e280c7a651606f62d03ccd48bc70965e"


def hashed_pipfile_lock(sha256: str) -> str:
    """PIPFILE_LOCK with the Pipfile hash `pipenv lock` recorded."""
    return PIPFILE_LOCK.replace('"_meta": {}', f'"_meta": {{"hash": {{"sha256": "{sha256}"}}}}')


WORKSPACE_ROOT = """[project]
name = "demo"
version = "0.1.0"
dependencies = ["pandas>=2.2", "scikit-learn>=1.5,<2"]

[tool.uv.workspace]
members = ["services/*"]
"""
API = '[project]\nname = "api"\nversion = "0.1.0"\ndependencies = ["fastapi>=0.115"]\n'


def workspace_lock(api_requires: str) -> str:
    """A uv.lock of a workspace: the root project and its member services/api."""
    root = uv_lock(*IN_SYNC[1:], dev="").replace("[package.metadata.requires-dev]\ndev = []\n", "")
    return (
        root
        + f"""
[[package]]
name = "api"
version = "0.1.0"
source = {{ editable = "services/api" }}

[package.metadata]
requires-dist = [{api_requires}]
"""
    )


OUT_OF_DATE: dict[str, tuple[Tree, list[str]]] = {
    "uv-range-raised": (
        {
            "pyproject.toml": PYPROJECT,
            "uv.lock": uv_lock(
                *IN_SYNC[:1], '{ name = "pandas", specifier = ">=2.0" }', IN_SYNC[2]
            ),
        },
        [
            "uv.lock: Lock file out of date: pandas>=2.2 is declared in pyproject.toml, "
            "locked as pandas>=2.0; run `uv lock`"
        ],
    ),
    "uv-dependency-added-and-removed": (
        {
            "pyproject.toml": PYPROJECT,
            "uv.lock": uv_lock(*IN_SYNC[:2], '{ name = "xgboost", specifier = ">=2" }'),
        },
        [
            "uv.lock: Lock file out of date: scikit-learn<2,>=1.5 is declared in pyproject.toml "
            "but not locked; run `uv lock`",
            "uv.lock: Lock file out of date: xgboost>=2 is locked but no longer declared; "
            "run `uv lock`",
        ],
    ),
    "uv-group-changed": (
        {
            "pyproject.toml": PYPROJECT,
            "uv.lock": uv_lock(*IN_SYNC, dev='{ name = "pytest", specifier = ">=7" }'),
        },
        [
            "uv.lock: Lock file out of date: pytest>=8 [group dev] is declared in pyproject.toml, "
            "locked as pytest>=7; run `uv lock`"
        ],
    ),
    "poetry-dependency-added": (
        {
            "pyproject.toml": POETRY + 'xgboost = "^2"\n',
            "poetry.lock": POETRY_LOCK,
        },
        [
            "poetry.lock: Lock file out of date: xgboost is declared in pyproject.toml "
            "but not locked; run `poetry lock`"
        ],
    ),
    # Every package is locked, but a constraint changed after `poetry lock`: the recorded
    # content-hash is Poetry's own staleness test.
    "poetry-constraint-changed": (
        {
            "pyproject.toml": POETRY_WITH_PIP.replace('"^2.2"', '"^2.3"'),
            "poetry.lock": hashed_poetry_lock(POETRY_WITH_PIP_HASH),
        },
        [
            "poetry.lock: Lock file out of date: was locked from other dependencies than "
            "pyproject.toml declares (its content-hash differs); run `poetry lock`"
        ],
    ),
    "pipfile-package-added": (
        {"Pipfile": PIPFILE + 'mlflow = "*"\n', "Pipfile.lock": PIPFILE_LOCK},
        [
            "Pipfile.lock: Lock file out of date: mlflow is in the Pipfile's [dev-packages] "
            "but not locked; run `pipenv lock`"
        ],
    ),
    # Every package is locked, but the Pipfile changed after `pipenv lock` (a range
    # raised): pipenv's own test, the recorded hash, says the lock is stale.
    "pipfile-changed-since-locked": (
        {
            "Pipfile": HASHED_PIPFILE.replace('">=2.2"', '">=2.3"'),
            "Pipfile.lock": hashed_pipfile_lock(PIPFILE_HASH),
        },
        [
            "Pipfile.lock: Lock file out of date: was locked from another Pipfile (its _meta "
            "hash differs); run `pipenv lock`"
        ],
    ),
    "pip-compile-missing-and-out-of-range": (
        {
            "requirements/train.in": "pandas>=2.2\nscikit-learn>=1.5\n",
            "requirements/train.txt": "# via pip-compile\npandas==2.1.4\n",
        },
        [
            "requirements/train.txt: Lock file out of date: pins pandas==2.1.4, which "
            "requirements/train.in:1 (pandas>=2.2) does not allow; compile "
            "requirements/train.in again",
            "requirements/train.txt: Lock file out of date: scikit-learn "
            "(requirements/train.in:2) is not in it; compile requirements/train.in again",
        ],
    ),
    # A workspace member's pyproject.toml is locked in the root's uv.lock too.
    "uv-workspace-member-changed": (
        {
            "pyproject.toml": WORKSPACE_ROOT,
            "services/api/pyproject.toml": API,
            "uv.lock": workspace_lock('{ name = "fastapi", specifier = ">=0.110" }'),
        },
        [
            "uv.lock: Lock file out of date: fastapi>=0.115 is declared in "
            "services/api/pyproject.toml, locked as fastapi>=0.110; run `uv lock`"
        ],
    ),
}

UP_TO_DATE: dict[str, Tree] = {
    "uv": {"pyproject.toml": PYPROJECT, "uv.lock": uv_lock(*IN_SYNC)},
    "poetry": {"pyproject.toml": POETRY, "poetry.lock": POETRY_LOCK},
    # Poetry leaves pip out of its lock; the content-hash says the lock is current.
    "poetry-hash-matches": {
        "pyproject.toml": POETRY_WITH_PIP,
        "poetry.lock": hashed_poetry_lock(POETRY_WITH_PIP_HASH),
    },
    "pipfile": {"Pipfile": PIPFILE, "Pipfile.lock": PIPFILE_LOCK},
    "pipfile-hash-matches": {
        "Pipfile": HASHED_PIPFILE,
        "Pipfile.lock": hashed_pipfile_lock(PIPFILE_HASH),
    },
    "pip-compile": {
        "requirements.in": "pandas>=2.2\nscikit-learn\n",
        "requirements.txt": "pandas==2.2.3 \\\n    --hash=sha256:abc\nscikit-learn==1.5.2\n",
    },
    # A compile on Linux leaves a Windows-only requirement out: not a stale lock.
    "pip-compile-marker": {
        "requirements.in": 'pandas>=2.2\npywin32>=306; sys_platform == "win32"\n',
        "requirements.txt": "pandas==2.2.3\n",
    },
    "uv-workspace": {
        "pyproject.toml": WORKSPACE_ROOT,
        "services/api/pyproject.toml": API,
        "uv.lock": workspace_lock('{ name = "fastapi", specifier = ">=0.115" }'),
    },
    # Dependencies computed at build time cannot be compared.
    "uv-dynamic": {
        "pyproject.toml": '[project]\nname = "demo"\ndynamic = ["dependencies"]\n',
        "uv.lock": uv_lock('{ name = "numpy" }', dev=""),
    },
}


def seen(root: Path) -> list[str]:
    report = audit(root, "ENV007")
    return sorted(f"{f.path}: {f.message}" for f in report.findings)


@pytest.mark.parametrize("case", sorted(OUT_OF_DATE))
def test_a_lock_out_of_date_is_reported_with_what_changed(tmp_path: Path, case: str) -> None:
    tree, expected = OUT_OF_DATE[case]
    assert seen(build_file_tree(tmp_path, tree)) == expected


@pytest.mark.parametrize("case", sorted(UP_TO_DATE))
def test_a_lock_that_matches_its_declarations_passes(tmp_path: Path, case: str) -> None:
    assert seen(build_file_tree(tmp_path, UP_TO_DATE[case])) == []


def test_a_requirements_file_without_a_source_is_no_lock_to_judge(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"requirements.txt": "pandas==2.2.3\n"})
    (result,) = [r for r in audit(tmp_path, "ENV007").results if r.id == "ENV007"]
    assert result.reason == "no lock file beside what it locks"


def test_a_malformed_lock_is_a_parse_problem_not_a_crash(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"pyproject.toml": PYPROJECT, "uv.lock": "[[package]\n"})
    report = audit(tmp_path, "ENV007", "REPO001")
    assert [f.path for f in report.findings] == ["uv.lock"]
    assert report.findings[0].id == "REPO001"
