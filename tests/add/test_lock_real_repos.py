"""`mlops add lock` on repos shaped like the ones it failed on: the user's pins win where the
template's code does not need its floor, a conflict names both sides and who wants each, a
requirement that needs a newer Python raises the lock's Python with a note.

These resolve against the package index with uv (seconds to a minute each).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from mlops_scaffold.lock_needs import NEEDS, fitted_in, requirement_name
from mlops_scaffold.repo.dependencies import declared_dependencies
from mlops_scaffold.repo.parsers import include_of, requirement_lines
from mlops_scaffold.repo.view import Repo
from tests.add.trees import build_tree, commit_all, snapshot
from tests.conftest import run_mlops

SCRIPTS_PYPROJECT = '[project]\nname = "demo"\nrequires-python = ">=3.10"\n'


def scripts_repo(root: Path, files: dict[str, str]) -> Path:
    """A committed repo of scripts with the given requirement files (Python >=3.10)."""
    repo = build_tree(
        root, {"pyproject.toml": SCRIPTS_PYPROJECT, "src/demo/__init__.py": "", **files}
    )
    commit_all(repo)
    return repo


def pinned(lock: str, name: str) -> str:
    """The version `name==X` a compiled lock pins."""
    line = next(line for line in lock.splitlines() if line.startswith(f"{name}=="))
    return line.split("==", 1)[1].split()[0]


@pytest.mark.e2e
def test_a_requirement_needing_a_newer_python_locks_for_it_and_says_so(tmp_path: Path) -> None:
    # numpy 2.5 needs Python 3.12; the lock's floor is the oldest supported Python, 3.11
    repo = scripts_repo(tmp_path, {"requirements.txt": "numpy>=2.5\n"})
    done = run_mlops("add", "lock", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert "locked for Python 3.12 and newer, not 3.11: numpy>=2.5" in done.stdout
    assert "numpy==2.5" in (repo / "requirements/train.txt").read_text()
    record = yaml.safe_load((repo / ".mlops.yml").read_text())
    assert record["answers"]["lock_python"] == "3.12"  # what `make lock` resolves for


@pytest.mark.e2e
def test_a_user_pin_below_a_floor_the_template_code_needs_names_both_sides(
    tmp_path: Path,
) -> None:
    repo = scripts_repo(
        tmp_path, {"requirements.txt": "numpy\npandas\n# model\nscikit-learn==0.24.0\n"}
    )
    before = snapshot(repo)
    done = run_mlops("add", "lock", "dvc", "--path", str(repo))
    assert done.returncode == 1
    first, hint = done.stderr.splitlines()[-2:]
    assert (
        "scikit-learn==0.24.0 (requirements.txt:4) vs scikit-learn>=1.5 (the dvc component" in first
    )
    assert "move scikit-learn at requirements.txt:4" in hint and "without the dvc component" in hint
    assert snapshot(repo) == before


@pytest.mark.e2e
def test_a_dependency_of_a_user_pin_below_a_needed_floor_names_the_pin(tmp_path: Path) -> None:
    # sktime 0.22.0 depends on scikit-learn<1.4: the repo's line is the root, not a namesake
    repo = scripts_repo(tmp_path, {"requirements.txt": "scikit-learn>=1.0\nsktime==0.22.0\n"})
    done = run_mlops("add", "lock", "dvc", "--dry-run", "--path", str(repo))
    assert done.returncode == 1
    first, hint = done.stderr.splitlines()[-2:]
    assert first.startswith(
        "error: conflicting requirements: sktime==0.22.0 (requirements.txt:2) vs "
        "scikit-learn>=1.5 (the dvc component"
    )
    assert "sktime==0.22.0 depends on scikit-learn" in first
    assert "move sktime at requirements.txt:2" in hint


@pytest.mark.e2e
def test_a_requirement_that_cannot_be_built_is_named_with_where_it_was_declared(
    tmp_path: Path,
) -> None:
    # the `sklearn` package on PyPI is a stub whose build fails on purpose
    repo = scripts_repo(tmp_path, {"requirements.txt": "numpy\nsklearn\n"})
    before = snapshot(repo)
    done = run_mlops("add", "lock", "--path", str(repo))
    assert done.returncode == 1
    assert (
        "could not be built to read its requirements, wanted by sklearn (requirements.txt:2)"
        in (done.stderr)
    )
    assert "scikit-learn" in done.stderr.splitlines()[-1]  # uv's advice, in the hint
    assert snapshot(repo) == before


@pytest.mark.e2e
def test_a_user_pin_stands_when_no_added_code_needs_more(tmp_path: Path) -> None:
    repo = scripts_repo(tmp_path, {"requirements.txt": "scikit-learn==0.24.0\n"})
    done = run_mlops("add", "lock", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert pinned((repo / "requirements/train.txt").read_text(), "scikit-learn") == "0.24.0"


@pytest.mark.e2e
def test_a_dev_range_below_the_template_default_is_kept_for_the_added_tests(
    tmp_path: Path,
) -> None:
    repo = scripts_repo(tmp_path, {"requirements-dev.txt": "pytest>=7.4.3,<8\n"})
    done = run_mlops("add", "lock", "tests", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert pinned((repo / "requirements/dev.txt").read_text(), "pytest").startswith("7.")


@pytest.mark.e2e
def test_the_cli_shows_each_resolution_as_it_runs(tmp_path: Path) -> None:
    repo = scripts_repo(tmp_path, {"requirements.txt": "six\n"})
    done = run_mlops("add", "lock", "--dry-run", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert "resolving requirements/train.in with uv (Python 3.11+)" in done.stderr
    assert "locked requirements/train.txt in" in done.stderr


# -- what goes into the .in files (no network) ------------------------------------------


def template_in(render_once: object, name: str) -> str:
    root: Path = render_once()  # type: ignore[operator]
    return (root / "requirements" / f"{name}.in").read_text()


def test_every_template_requirement_says_which_components_need_it(render_once: object) -> None:
    for lock_set in ("train", "serve", "dev", "load"):
        for line in requirement_lines(template_in(render_once, lock_set)):
            if include_of(line) is None:
                assert (lock_set, requirement_name(line.content)) in NEEDS, line.content


def test_a_floor_the_code_does_not_need_is_left_to_the_repo_s_ranges(
    render_once: object,
) -> None:
    text, wanted = fitted_in(template_in(render_once, "dev"), "dev", {"tests"})
    assert "\npytest  # tests: the added tests (`make test`)\n" in text
    assert [w.requirement for w in wanted] == ["pytest"]
    assert "-r train.in\n-r serve.in\n" in text


def test_a_floor_the_code_needs_stays_against_the_repo_s_pin(render_once: object) -> None:
    text, _ = fitted_in(template_in(render_once, "train"), "train", {"dvc"})
    assert "\nscikit-learn>=1.5  # dvc:" in text


def test_without_serving_code_the_serve_set_holds_only_the_repo_s_own(
    render_once: object,
) -> None:
    text, wanted = fitted_in(template_in(render_once, "serve"), "serve", {"lock", "dvc"})
    assert wanted == [] and "fastapi" not in text


def test_index_options_are_kept_and_git_urls_left_out(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path,
        {
            "requirements.txt": "--extra-index-url https://example.org/simple\nsix\n"
            "git+https://example.org/lib.git#egg=lib\nlib2 @ git+https://example.org/l2\n"
        },
    )
    declared = declared_dependencies(Repo.open(repo))
    assert declared.index_options == ("--extra-index-url https://example.org/simple",)
    assert declared.train == ("six",)
    assert [entry.split()[0] for entry in declared.left_out] == [
        "git+https://example.org/lib.git#egg=lib",
        "lib2",
    ]
    assert declared.origin("six") == "requirements.txt:2"


def local_index(root: Path) -> str:
    """A package index folder holding one small wheel, `mlops-local-t7` 0.1; its file:// URL."""
    wheel = root / "wheels" / "mlops_local_t7-0.1-py3-none-any.whl"
    wheel.parent.mkdir(parents=True)
    info = "mlops_local_t7-0.1.dist-info"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("mlops_local_t7/__init__.py", "")
        archive.writestr(
            f"{info}/METADATA", "Metadata-Version: 2.1\nName: mlops-local-t7\nVersion: 0.1\n"
        )
        archive.writestr(
            f"{info}/WHEEL",
            "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
        archive.writestr(f"{info}/RECORD", "")
    page = root / "simple" / "mlops-local-t7" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f'<a href="{wheel.as_uri()}">{wheel.name}</a>\n')
    return (root / "simple").as_uri()


@pytest.mark.e2e
def test_an_extra_index_url_is_kept_in_the_lock_pip_installs(tmp_path: Path) -> None:
    index = local_index(tmp_path / "index")
    repo = scripts_repo(
        tmp_path / "repo", {"requirements.txt": f"--extra-index-url {index}\nmlops-local-t7\n"}
    )
    done = run_mlops("add", "lock", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    train = (repo / "requirements/train.txt").read_text()
    assert f"--extra-index-url {index}\n" in train and "mlops-local-t7==0.1" in train
