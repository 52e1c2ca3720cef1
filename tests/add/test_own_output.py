"""A file `mlops add` wrote and the user has not changed is mlops's own: a later `add` brings
it up to date instead of keeping it as the user's (the fitted lock files, the tests' conftest).

The lock tests resolve against PyPI with uv (a few seconds each).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mlops_scaffold.components import read_record
from tests.add.trees import REAL_TEMPLATE, commit_all, foreign_repo, install_template
from tests.conftest import invoke, run_mlops

REFITTED = "(mlops wrote it and it is unchanged since: brought up to date)"
USER_CONFTEST = "import pytest\n\n\n@pytest.fixture\ndef params():\n    return {}\n"
CONFTEST_TEMPLATE = "template/tests/conftest.py.jinja"
# The template's tests/conftest.py as a newer version of the template might bring it.
NEWER_CONFTEST = (REAL_TEMPLATE / CONFTEST_TEMPLATE).read_text() + "\n# a newer template's line\n"


def add(repo: Path, *args: str) -> str:
    """`mlops add ARGS` in the repo, which must succeed; its plan (stdout)."""
    done = run_mlops("add", *args, "--path", str(repo))
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def locked_then_served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repo that got `mlops add lock`, then `mlops add serve`, each committed."""
    repo = foreign_repo(tmp_path_factory.mktemp("lock-serve"))
    commit_all(repo)
    add(repo, "lock")
    commit_all(repo, "mlops add lock")
    add(repo, "serve")
    commit_all(repo, "mlops add serve")
    return repo


def test_add_lock_after_serve_refits_the_lock_files_mlops_wrote(
    locked_then_served: Path,
) -> None:
    out = add(locked_then_served, "lock", "--dry-run")
    assert f"  replace  requirements/serve.in {REFITTED}" in out.splitlines()
    assert f"  replace  requirements/serve.txt {REFITTED}" in out.splitlines()
    assert "compiled from your own" not in out


def test_the_refitted_serve_lock_holds_what_the_service_imports(
    tmp_path: Path, locked_then_served: Path
) -> None:
    repo = shutil.copytree(locked_then_served, tmp_path / "repo", symlinks=True)
    add(repo, "lock")
    assert "fastapi>=" in (repo / "requirements/serve.in").read_text()
    assert "\nfastapi==" in (repo / "requirements/serve.txt").read_text()


def test_the_record_names_the_generated_files_by_their_digest(locked_then_served: Path) -> None:
    generated = read_record(locked_then_served).generated
    assert {"requirements/train.in", "requirements/serve.txt"} <= set(generated)
    assert all(len(sha) == 64 for sha in generated.values())


def edit_then_relock(repo: Path, path: str, line: str) -> tuple[str, str]:
    """`add lock`, the user appends `line` to `path`, `add serve`, `add lock` again: the last
    plan, and the edited text."""
    commit_all(foreign_repo(repo))
    add(repo, "lock")
    edited = (repo / path).read_text() + line
    (repo / path).write_text(edited)
    add(repo, "serve")
    return add(repo, "lock"), edited


def test_an_in_file_the_user_edited_stays_theirs(tmp_path: Path) -> None:
    out, edited = edit_then_relock(tmp_path, "requirements/serve.in", "httpx  # mine\n")
    assert (tmp_path / "requirements/serve.in").read_text() == edited
    assert (  # no Makefile here: the command named is uv's
        "  skip     requirements/serve.txt (compiled from your own requirements/serve.in: "
        "run `uv pip compile --universal --generate-hashes --python-version 3.11 "
        "requirements/serve.in -o requirements/serve.txt`)"
    ) in out.splitlines()


def test_a_lock_the_user_recompiled_is_kept_and_said_to_be_stale(tmp_path: Path) -> None:
    out, edited = edit_then_relock(tmp_path, "requirements/serve.txt", "# recompiled by me\n")
    assert (tmp_path / "requirements/serve.txt").read_text() == edited
    assert f"  replace  requirements/serve.in {REFITTED}" in out.splitlines()
    assert (
        "  skip     requirements/serve.txt (yours; requirements/serve.in changes now, so compile "
        "this again from it with `uv pip compile --universal --generate-hashes --python-version "
        "3.11 requirements/serve.in -o requirements/serve.txt` (--force replaces it, keeping a "
        "backup))"
    ) in out.splitlines()


# -- the tests' conftest.py: mlops's own is not a reason to move the tests ----------------


def serve_after_tests_with_a_newer_conftest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tree: dict[str, str | bytes]
) -> tuple[Path, str]:
    """`add tests` in a repo of `tree`, then a newer template (its tests/conftest.py has one
    more line), then `add serve`: the repo and the plan."""
    repo = foreign_repo(tmp_path / "repo", tree)
    commit_all(repo)
    assert invoke("add", "tests", "--path", str(repo))[0] == 0
    commit_all(repo, "mlops add tests")
    install_template(tmp_path / "newer", {CONFTEST_TEMPLATE: NEWER_CONFTEST}, monkeypatch)
    code, out = invoke("add", "serve", "--path", str(repo))
    assert code == 0, out
    return repo, out


def test_mlops_s_own_conftest_is_updated_and_the_tests_stay_in_tests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, out = serve_after_tests_with_a_newer_conftest(tmp_path, monkeypatch, {})
    assert f"  replace  tests/conftest.py {REFITTED}" in out.splitlines()
    assert "  create   tests/service/test_predict.py" in out.splitlines()
    assert "tests/mlops" not in out
    assert (repo / "tests/conftest.py").read_text().endswith("# a newer template's line\n")


def test_mlops_s_own_namespaced_conftest_is_updated_beside_the_user_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree: dict[str, str | bytes] = {"tests/conftest.py": USER_CONFTEST}
    repo, out = serve_after_tests_with_a_newer_conftest(tmp_path, monkeypatch, tree)
    assert f"  replace  tests/mlops/conftest.py {REFITTED}" in out.splitlines()
    assert "  create   tests/mlops/service/test_predict.py" in out.splitlines()
    assert (
        "  note: tests/conftest.py is yours and kept: the added tests and their fixtures are "
        "under tests/mlops/ (a package of their own), so no fixture or module name collides"
    ) in out.splitlines()
    assert (repo / "tests/conftest.py").read_text() == USER_CONFTEST


def test_tests_namespaced_before_stay_there_when_the_user_s_conftest_is_gone(
    tmp_path: Path,
) -> None:
    repo = foreign_repo(tmp_path, {"tests/conftest.py": USER_CONFTEST})
    commit_all(repo)
    add(repo, "tests")
    (repo / "tests/conftest.py").unlink()
    out = add(repo, "serve", "--dry-run")
    assert "  create   tests/mlops/service/test_predict.py" in out.splitlines()
    assert (
        "  note: the added tests join those mlops added before, under tests/mlops/"
        in out.splitlines()
    )


def test_update_keeps_the_record_of_generated_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = foreign_repo(tmp_path / "repo")
    commit_all(repo)
    assert invoke("add", "lock", "tests", "--path", str(repo))[0] == 0
    commit_all(repo, "mlops add")
    generated = read_record(repo).generated
    install_template(tmp_path / "newer", {CONFTEST_TEMPLATE: NEWER_CONFTEST}, monkeypatch)
    code, out = invoke("update", "--path", str(repo))
    assert code == 0, out
    assert (repo / "tests/conftest.py").read_text().endswith("# a newer template's line\n")
    assert generated and read_record(repo).generated == generated


def test_a_generated_record_that_is_not_a_mapping_is_a_one_line_error(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {".mlops.yml": "components: [lock]\ngenerated: [a, b]\n"})
    code, out = invoke("add", "docs", "--path", str(repo))
    assert code == 2
    assert out.splitlines()[0] == (
        f"error: {repo / '.mlops.yml'}: `generated` must be a mapping of file: SHA-256"
    )
