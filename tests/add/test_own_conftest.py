"""`mlops add tests` (or serve) in a repo with a conftest.py of its own: the added tests go
under tests/mlops/, a package with its own fixtures, and the repo's files are kept."""

from __future__ import annotations

from pathlib import Path

from tests.add.trees import commit_all, foreign_repo, git
from tests.conftest import run_mlops

USER_CONFTEST = "import pytest\n\n\n@pytest.fixture\ndef params():\n    return {}\n"


def plan_lines(repo: Path, *components: str) -> str:
    done = run_mlops("add", *components, "--dry-run", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_tests_go_under_their_own_package_beside_the_repo_s_conftest(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {"tests/conftest.py": USER_CONFTEST})
    out = plan_lines(repo, "tests")
    assert "create   tests/mlops/conftest.py" in out
    assert (
        "create   tests/mlops/unit/__init__.py" in out and "tests/mlops/unit/test_split.py" in out
    )
    assert "tests/conftest.py is yours and kept" in out
    assert "tests/unit/" not in out


def test_a_root_conftest_also_moves_the_tests_into_their_package(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {"conftest.py": USER_CONFTEST})
    assert "create   tests/mlops/service/test_predict.py" in plan_lines(repo, "serve")


def test_the_namespaced_fixtures_find_the_project_root_two_folders_up(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {"tests/conftest.py": USER_CONFTEST})
    assert run_mlops("add", "tests", "--path", str(repo)).returncode == 0
    text = (repo / "tests/mlops/conftest.py").read_text()
    assert "PROJECT_ROOT = Path(__file__).resolve().parents[2]\n" in text
    assert (repo / "tests/conftest.py").read_text() == USER_CONFTEST


def test_without_a_conftest_of_the_repo_the_tests_stay_in_tests(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    out = plan_lines(repo, "tests")
    assert "create   tests/conftest.py" in out and "tests/mlops" not in out


def test_service_tests_bring_the_fixtures_they_use(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    out = plan_lines(repo, "serve")
    assert "create   tests/conftest.py" in out and "create   tests/service/conftest.py" in out


def test_update_keeps_namespaced_tests_where_they_are(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {"tests/conftest.py": USER_CONFTEST})
    commit_all(repo)
    assert run_mlops("add", "tests", "--path", str(repo)).returncode == 0
    commit_all(repo, "add tests")
    done = run_mlops("update", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert git(repo, "status", "--porcelain") == ""
