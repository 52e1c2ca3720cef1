"""What `add` writes respects what git tracks: no file where git ignores it, no .gitignore
line that hides data the repo commits, and no DVC remote nobody chose."""

from __future__ import annotations

from pathlib import Path

from mlops_scaffold.answers import resolve
from mlops_scaffold.repo.facts import repo_facts
from mlops_scaffold.repo.view import Repo
from tests.add.trees import build_tree, commit_all, snapshot
from tests.conftest import run_mlops

PYPROJECT = '[project]\nname = "demo"\nrequires-python = ">=3.11"\n'


def test_a_file_in_a_git_ignored_folder_is_not_written_and_the_plan_says_why(
    tmp_path: Path,
) -> None:
    repo = build_tree(tmp_path, {"pyproject.toml": PYPROJECT, ".gitignore": "build/\ndocs/\n"})
    commit_all(repo)
    done = run_mlops("add", "docs", "--path", str(repo))
    assert done.returncode == 1, done.stderr
    assert "skip     docs/model_card.md (git ignores it (.gitignore:2: docs/)" in done.stdout
    assert "not added: docs: git ignores every file it brings" in done.stderr
    assert "already in place" not in done.stdout  # it is not
    assert not (repo / "docs").exists() and not (repo / ".mlops.yml").exists()


def test_a_component_git_ignores_is_left_out_and_the_others_are_added(tmp_path: Path) -> None:
    repo = build_tree(tmp_path, {"pyproject.toml": PYPROJECT, ".gitignore": "docs/\n"})
    commit_all(repo)
    done = run_mlops("add", "docs", "precommit", "--path", str(repo))
    assert done.returncode == 1, done.stderr
    assert "not added: docs: git ignores every file it brings" in done.stderr
    assert (repo / ".pre-commit-config.yaml").is_file() and not (repo / "docs").exists()
    assert "components:\n- precommit\n" in (repo / ".mlops.yml").read_text()


DATA_REPO = {
    "pyproject.toml": PYPROJECT,
    "src/demo/__init__.py": "",
    ".gitignore": "__pycache__/\n",
    "data/customers.csv": "id,churned\n1,0\n",
}


def test_a_repo_that_commits_its_data_keeps_it_visible_to_git(tmp_path: Path) -> None:
    repo = build_tree(tmp_path, DATA_REPO)
    commit_all(repo)
    data_before = snapshot(repo / "data")
    done = run_mlops("add", "dvc", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    lines = (repo / ".gitignore").read_text().splitlines()
    # the added pipeline keeps its data in a folder of its own, which git may ignore
    assert "/data/" not in lines and "/pipeline_data/" in lines and "/models/" in lines
    lines = done.stdout.splitlines()
    assert any("`git rm -r --cached data && dvc add data`" in line for line in lines)
    assert snapshot(repo / "data") == data_before  # no sample data among the user's


def test_a_pipeline_told_to_use_the_repo_s_data_folder_leaves_its_ignore_line_out(
    tmp_path: Path,
) -> None:
    repo = build_tree(tmp_path, DATA_REPO)
    commit_all(repo)
    data_before = snapshot(repo / "data")
    done = run_mlops("add", "dvc", "-d", "data_dir=data", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    lines = (repo / ".gitignore").read_text().splitlines()
    assert "/data/" not in lines and "/models/" in lines
    lines = done.stdout.splitlines()
    assert (
        "  note: `/data/` not added to .gitignore: git tracks data/customers.csv there; see below "
        "to version them with DVC"
    ) in lines
    # one by one, not `dvc add data`: the added dvc.yaml writes into data/, and DVC refuses
    # overlapping outputs
    assert any(
        "`git rm -r --cached data/customers.csv && dvc add data/customers.csv`" in line
        for line in lines
    )
    assert snapshot(repo / "data") == data_before


def test_dvc_in_a_repo_mlops_did_not_make_gets_no_made_up_remote(tmp_path: Path) -> None:
    repo = build_tree(tmp_path, {"pyproject.toml": PYPROJECT, "src/demo/__init__.py": ""})
    commit_all(repo)
    done = run_mlops("add", "dvc", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    config = (repo / ".dvc/config").read_text()
    assert "remote" not in config and "analytics = false" in config
    assert (
        "no DVC remote is set: add your team's with `dvc remote add -d storage URL`" in done.stdout
    )


def test_a_record_from_before_the_remote_was_fitted_keeps_rendering_the_old_remote(
    tmp_path: Path,
) -> None:
    repo = build_tree(tmp_path, {"pyproject.toml": PYPROJECT, "src/demo/__init__.py": ""})
    facts = repo_facts(Repo.open(repo))
    assert resolve({}, {}, None, facts).answers["dvc_remote"] == ""  # a first add: no remote
    old_record = {"package_name": "demo", "project_name": "demo"}  # no dvc_remote in it
    assert "dvc_remote" not in resolve({}, old_record, None, facts).answers  # template default


def test_a_record_from_before_the_pipeline_folder_was_fitted_keeps_data(tmp_path: Path) -> None:
    repo = build_tree(tmp_path, DATA_REPO)
    facts = repo_facts(Repo.open(repo))
    assert resolve({}, {}, None, facts).answers["data_dir"] == "pipeline_data"  # a first add
    old_record = {"package_name": "demo", "project_name": "demo"}  # no data_dir in it
    assert "data_dir" not in resolve({}, old_record, None, facts).answers  # template default


def test_update_does_not_bring_back_an_ignore_line_add_left_out(tmp_path: Path) -> None:
    tree = {key: value for key, value in DATA_REPO.items() if key != ".gitignore"}
    repo = build_tree(tmp_path, {**tree, "models/baseline.json": "{}\n"})  # the repo's own
    commit_all(repo)
    assert run_mlops("add", "dvc", "--path", str(repo)).returncode == 0
    assert "/models/" not in (repo / ".gitignore").read_text().splitlines()
    commit_all(repo, "mlops add dvc")
    done = run_mlops("update", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert "/models/" not in (repo / ".gitignore").read_text().splitlines()
    assert "Up to date" in done.stdout
