"""`mlops new` as a user runs it: what lands on disk, what it prints, what it refuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mlops_scaffold import new as new_module
from mlops_scaffold.errors import DestinationError
from mlops_scaffold.new import NewRequest, create_project
from tests.conftest import run_mlops


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def test_new_renders_the_project_and_records_a_clean_first_commit(tmp_path: Path) -> None:
    result = run_mlops("new", str(tmp_path / "churn-model"), "--defaults")

    project = tmp_path / "churn-model"
    assert result.returncode == 0, result.stderr
    assert "Created" in result.stdout
    assert (project / ".copier-answers.yml").is_file()
    assert "Initial project from mlops-scaffold" in git(project, "log", "--format=%s")
    assert git(project, "status", "--porcelain") == ""


def test_project_name_defaults_to_the_last_part_of_dest(tmp_path: Path) -> None:
    run_mlops("new", str(tmp_path / "churn-model"), "-y")

    answers = yaml.safe_load((tmp_path / "churn-model" / ".copier-answers.yml").read_text())
    assert answers["project_name"] == "churn-model"
    assert answers["package_name"] == "churn_model"


def test_data_flags_answer_questions_and_win_over_the_data_file(tmp_path: Path) -> None:
    answers_file = tmp_path / "answers.yml"
    answers_file.write_text("problem_type: regression\npackage_name: from_file\n")

    result = run_mlops(
        "new", str(tmp_path / "p"), "--data-file", str(answers_file), "-d", "package_name=flag_wins"
    )

    assert result.returncode == 0, result.stderr
    answers = yaml.safe_load((tmp_path / "p" / ".copier-answers.yml").read_text())
    assert (answers["problem_type"], answers["package_name"]) == ("regression", "flag_wins")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("package_name=class", "is a Python keyword"),
        ("package_name=1model", "must be a lower-case Python identifier"),
        ("package_name=../escape", "must be a lower-case Python identifier"),
        ("package_name=", "must be a lower-case Python identifier"),
        ("package_name=io", "would shadow Python's own module io"),
        ("project_name=abc", "would shadow Python's own module abc"),
        ("python_version=2.7", "python_version cannot be '2.7': choose one of 3."),
        ("colour=blue", "unknown question 'colour'"),
        ("no-equals-sign", "--data expects KEY=VALUE"),
    ],
)
def test_bad_answers_get_one_line_error_and_exit_2(
    tmp_path: Path, answer: str, message: str
) -> None:
    result = run_mlops("new", str(tmp_path / "p"), "-d", answer)

    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "p").exists()


def test_data_file_that_is_not_yaml_is_a_clean_error(tmp_path: Path) -> None:
    bad = tmp_path / "answers.yml"
    bad.write_text("project_name: [unclosed\n")

    result = run_mlops("new", str(tmp_path / "p"), "--data-file", str(bad))

    assert result.returncode == 2
    assert "is not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_non_empty_destination_is_refused_and_left_alone(tmp_path: Path) -> None:
    dest = tmp_path / "existing"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine")

    result = run_mlops("new", str(dest), "-y")

    assert result.returncode == 2
    assert "is not empty" in result.stderr
    assert "--force" in result.stderr
    assert [p.name for p in dest.iterdir()] == ["notes.txt"]


def test_force_adds_the_project_but_keeps_every_existing_file(tmp_path: Path) -> None:
    dest = tmp_path / "existing"
    dest.mkdir()
    (dest / "notes.txt").write_bytes(b"mine\x00\xff")
    (dest / ".copier-answers.yml").write_text("my own answers\n")

    result = run_mlops("new", str(dest), "-y", "--force")

    assert result.returncode == 0, result.stderr
    assert (dest / "notes.txt").read_bytes() == b"mine\x00\xff"
    assert (dest / ".copier-answers.yml").read_text() == "my own answers\n"
    assert "kept" in result.stdout and ".copier-answers.yml" in result.stdout
    committed = git(dest, "show", "--name-only", "--format=", "HEAD").split()
    assert "notes.txt" not in committed and ".copier-answers.yml" not in committed


def test_empty_destination_folder_is_used_in_place(tmp_path: Path) -> None:
    dest = tmp_path / "empty"
    dest.mkdir()

    result = run_mlops("new", ".", "-y", cwd=dest)

    assert result.returncode == 0, result.stderr
    assert (dest / ".copier-answers.yml").is_file()
    assert (dest / ".git").is_dir()


def test_destination_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")

    result = run_mlops("new", str(tmp_path / "taken"), "-y")

    assert result.returncode == 2
    assert "is not a folder" in result.stderr


def test_no_git_leaves_no_repository(tmp_path: Path) -> None:
    result = run_mlops("new", str(tmp_path / "p"), "-y", "--no-git")

    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "p" / ".git").exists()


def test_json_output_describes_what_was_made(tmp_path: Path) -> None:
    result = run_mlops("new", str(tmp_path / "p"), "--json")

    payload = json.loads(result.stdout)
    assert payload["path"] == str(tmp_path / "p")
    assert ".copier-answers.yml" in payload["files"]
    assert payload["answers"]["package_name"] == "p"
    assert len(payload["commit"]) == 40


def test_a_failure_while_rendering_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def render_half_then_interrupt(dest: Path, data: object, **_options: object) -> dict:
        dest.mkdir(parents=True)
        (dest / "half-written.py").write_text("x = ")
        raise KeyboardInterrupt

    monkeypatch.setattr(new_module, "render_project", render_half_then_interrupt)
    parent = tmp_path / "new-parent"

    with pytest.raises(KeyboardInterrupt):
        create_project(NewRequest(parent / "p"))

    assert not parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_failing_first_commit_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> str:
        raise DestinationError("disk full")

    monkeypatch.setattr(new_module.vcs, "initial_commit", refuse)

    with pytest.raises(DestinationError):
        create_project(NewRequest(tmp_path / "p"))

    assert list(tmp_path.iterdir()) == []


def test_cli_start_up_does_not_import_the_renderer() -> None:
    probe = (
        "import sys, mlops_scaffold.cli;"
        "print(sorted(m for m in ('copier', 'jinja2', 'yaml') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_version_flag_prints_the_version() -> None:
    from mlops_scaffold import __version__

    result = run_mlops("--version")

    assert result.returncode == 0
    assert result.stdout.strip() == f"mlops-scaffold {__version__}"


def test_force_keeps_a_file_standing_where_the_template_puts_a_folder(tmp_path: Path) -> None:
    dest = tmp_path / "existing"
    dest.mkdir()
    (dest / "src").write_text("not a folder")

    result = run_mlops("new", str(dest), "-y", "--force")

    assert result.returncode == 0, result.stderr
    assert (dest / "src").read_text() == "not a folder"
    assert (dest / "pyproject.toml").is_file()
    assert "Traceback" not in result.stderr


def user_repo(root: Path) -> Path:
    root.mkdir()
    (root / "notes.md").write_text("my notes\n")
    git(root, "init", "-q")
    git(root, "-c", "user.name=U", "-c", "user.email=u@example.org", "add", "notes.md")
    git(root, "-c", "user.name=U", "-c", "user.email=u@example.org", "commit", "-qm", "Mine")
    return root


def test_force_into_a_repo_commits_only_the_rendered_files(tmp_path: Path) -> None:
    repo = user_repo(tmp_path / "repo")
    (repo / "staged.txt").write_text("work in progress\n")
    git(repo, "add", "staged.txt")

    result = run_mlops("new", str(repo), "-y", "--force")

    assert result.returncode == 0, result.stderr
    committed = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert "pyproject.toml" in committed and "staged.txt" not in committed
    assert "A  staged.txt" in git(repo, "status", "--porcelain")


def test_update_never_takes_a_users_own_first_commit_for_the_template(tmp_path: Path) -> None:
    repo = user_repo(tmp_path / "repo")
    assert run_mlops("new", str(repo), "-y", "--force").returncode == 0

    run_mlops("update", "--path", str(repo))

    assert (repo / "notes.md").read_text() == "my notes\n"


def stage_then_interrupt(repo: Path, _message: str, _author: object, paths: list[str]) -> str:
    """The first commit stopped by Ctrl-C after `git add`, before `git commit`."""
    if not (repo / ".git").exists():
        git(repo, "init", "-q")
    git(repo, "add", "--", *paths)
    raise KeyboardInterrupt


def tree_and_status(repo: Path) -> tuple[list[str], str]:
    files = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if ".git" not in p.parts)
    status = git(repo, "status", "--porcelain") if (repo / ".git").exists() else "no repository"
    return files, status


def test_an_interrupted_force_into_a_repo_leaves_it_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = user_repo(tmp_path / "repo")
    (repo / "staged.txt").write_text("work in progress\n")
    git(repo, "add", "staged.txt")
    before = tree_and_status(repo)
    monkeypatch.setattr(new_module.vcs, "initial_commit", stage_then_interrupt)

    with pytest.raises(KeyboardInterrupt):
        create_project(NewRequest(repo, force=True))

    assert tree_and_status(repo) == before
    assert git(repo, "log", "--format=%s") == "Mine\n"


def test_an_interrupted_force_into_a_plain_folder_leaves_no_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "notes.md").write_text("my notes\n")
    monkeypatch.setattr(new_module.vcs, "initial_commit", stage_then_interrupt)

    with pytest.raises(KeyboardInterrupt):
        create_project(NewRequest(folder, force=True))

    assert tree_and_status(folder) == (["notes.md"], "no repository")
    assert [p.name for p in tmp_path.iterdir()] == ["folder"]


def test_a_name_too_long_for_the_file_system_is_a_one_line_error(tmp_path: Path) -> None:
    result = run_mlops("new", str(tmp_path / ("a" * 300)), "--defaults")

    assert result.returncode == 1
    assert "error: File name too long" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_data_file_that_is_not_utf8_is_a_one_line_error(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yml"
    answers.write_bytes(b"author_name: M\xfcller\n")  # Latin-1

    result = run_mlops("new", str(tmp_path / "p"), "--defaults", "--data-file", str(answers))

    assert result.returncode == 2
    assert "is not UTF-8 text" in result.stderr and "Traceback" not in result.stderr


def test_an_unquoted_python_version_in_a_data_file_says_to_quote_it(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yml"
    answers.write_text("python_version: 3.10\n")

    result = run_mlops("new", str(tmp_path / "p"), "--defaults", "--data-file", str(answers))

    assert result.returncode == 2
    assert "read as a number" in result.stderr and "quote it: '3.10'" in result.stderr


def test_a_force_stopped_just_after_its_commit_takes_the_commit_back_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = user_repo(tmp_path / "repo")
    before = tree_and_status(repo)
    real_commit = new_module.vcs.initial_commit

    def commit_then_interrupt(*args: object) -> str:
        real_commit(*args)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.setattr(new_module.vcs, "initial_commit", commit_then_interrupt)

    with pytest.raises(KeyboardInterrupt):
        create_project(NewRequest(repo, force=True))

    assert tree_and_status(repo) == before
    assert git(repo, "log", "--format=%s") == "Mine\n"
