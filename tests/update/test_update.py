"""`mlops update`: template changes arrive, the user's edits stay, conflicts are listed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from mlops_scaffold import merge, template
from mlops_scaffold.add import AddRequest, add_components
from mlops_scaffold.new import NewRequest, create_project
from mlops_scaffold.update import UpdateError, update_project
from tests.add.trees import (
    commit_all,
    foreign_repo,
    git,
    git_objects,
    install_template,
    snapshot,
)
from tests.conftest import invoke, run_mlops

REAL_TEMPLATE = template.template_dir()
NOTES = "template/NOTES.md"  # a plain file every version of the fixture template renders
V1 = "one\ntwo\nthree\nfour\nfive\n"
V2 = "one\ntwo\nthree\nfour\nFIVE from the template\n"

UseTemplate = Callable[[dict[str, str]], Path]


@pytest.fixture
def use_template(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> UseTemplate:
    """Install a version of the template: the real one with some files replaced."""

    def install(files: dict[str, str]) -> Path:
        return install_template(tmp_path_factory.mktemp("template"), files, monkeypatch)

    return install


@pytest.fixture
def project(tmp_path: Path, use_template: UseTemplate) -> Path:
    """A project `mlops new` made with template v1 (its first commit is the pristine render)."""
    use_template({NOTES: V1})
    return create_project(NewRequest(tmp_path / "demo", {"project_name": "demo"})).path


def edit(repo: Path, name: str, old: str, new: str, *, commit: bool = True) -> None:
    path = repo / name
    path.write_text(path.read_text().replace(old, new))
    if commit:
        commit_all(repo, f"edit {name}")


def test_update_brings_the_template_change_and_keeps_the_users_edit(
    project: Path, use_template: UseTemplate
) -> None:
    edit(project, "NOTES.md", "one", "ONE, edited by the user")
    use_template({NOTES: V2})
    update_project(project)
    assert (project / "NOTES.md").read_text() == V2.replace("one", "ONE, edited by the user")


def test_update_commits_nothing(project: Path, use_template: UseTemplate) -> None:
    head = git(project, "rev-parse", "HEAD")
    use_template({NOTES: V2})
    update_project(project)
    assert git(project, "rev-parse", "HEAD") == head
    assert "NOTES.md" in git(project, "status", "--porcelain")


def test_conflicting_edit_is_left_with_markers_and_listed(
    project: Path, use_template: UseTemplate
) -> None:
    edit(project, "NOTES.md", "five", "five, edited by the user")
    use_template({NOTES: V2})
    code, output = invoke("update", "--path", str(project))
    text = (project / "NOTES.md").read_text()
    assert code == 1
    assert "Conflicts in 1 files, to resolve by hand:\n  NOTES.md" in output
    assert "<<<<<<< yours\nfive, edited by the user\n" in text
    assert "FIVE from the template\n>>>>>>> template (now) NOTES.md" in text


def test_new_template_file_is_created(project: Path, use_template: UseTemplate) -> None:
    use_template({NOTES: V1, "template/docs/NEW.md": "new\n"})
    update_project(project)
    assert (project / "docs/NEW.md").read_text() == "new\n"


def test_file_the_user_deleted_is_not_recreated(project: Path, use_template: UseTemplate) -> None:
    (project / "NOTES.md").unlink()
    commit_all(project, "drop the notes")
    use_template({NOTES: V2})
    plan = update_project(project)
    assert not (project / "NOTES.md").exists()
    assert [s.reason for s in plan.skipped if s.path == "NOTES.md"] == [
        "you deleted it; not recreated"
    ]


def test_second_update_merges_against_the_last_render_not_the_first(
    project: Path, use_template: UseTemplate
) -> None:
    use_template({NOTES: V2})
    update_project(project)
    commit_all(project, "mlops update")
    edit(project, "NOTES.md", "FIVE from the template", "five")  # the user undoes it on purpose
    use_template({NOTES: V2.replace("two", "TWO from the template")})
    update_project(project)
    assert (project / "NOTES.md").read_text() == V1.replace("two", "TWO from the template")


def test_dry_run_shows_the_diff_and_writes_nothing(
    project: Path, use_template: UseTemplate
) -> None:
    before = snapshot(project)
    use_template({NOTES: V2})
    objects = git_objects(project)
    code, output = invoke("update", "--dry-run", "--path", str(project))
    assert code == 0
    assert "+FIVE from the template" in output
    assert snapshot(project) == before
    assert git_objects(project) == objects


def test_check_exits_1_when_behind_and_0_once_updated(
    project: Path, use_template: UseTemplate
) -> None:
    assert invoke("update", "--check", "--path", str(project))[0] == 0
    use_template({NOTES: V2})
    objects = git_objects(project)
    code, output = invoke("update", "--check", "--path", str(project))
    assert (code, "NOTES.md" in output) == (1, True)
    assert git_objects(project) == objects
    update_project(project)
    commit_all(project, "mlops update")
    assert invoke("update", "--check", "--path", str(project))[0] == 0


def test_update_refuses_a_dirty_tree(project: Path, use_template: UseTemplate) -> None:
    edit(project, "NOTES.md", "one", "uncommitted", commit=False)
    use_template({NOTES: V2})
    with pytest.raises(UpdateError, match="uncommitted changes"):
        update_project(project)
    assert (project / "NOTES.md").read_text() == V1.replace("one", "uncommitted")


def test_dirty_tree_is_a_one_line_error_with_a_hint(project: Path) -> None:
    (project / "scratch.txt").write_text("not committed\n")
    done = run_mlops("update", "--path", str(project))
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {project} has uncommitted changes")
    assert "hint: commit or stash them first" in done.stderr


def test_repo_mlops_never_touched_is_a_one_line_error(tmp_path: Path) -> None:
    commit_all(foreign_repo(tmp_path))
    done = run_mlops("update", "--path", str(tmp_path))
    assert done.returncode == 2
    assert "nothing to update" in done.stderr.splitlines()[0]


def test_interrupted_update_leaves_the_repo_as_it_was(
    project: Path, use_template: UseTemplate, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(project, "NOTES.md", "one", "ONE")
    before = snapshot(project)
    use_template({NOTES: V2, "template/docs/NEW.md": "new\n", "template/docs/MORE.md": "more\n"})
    calls: list[Path] = []

    def fail_on_third(staged: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise KeyboardInterrupt
        shutil.move(staged, target)

    monkeypatch.setattr(merge, "move_into_place", fail_on_third)
    with pytest.raises(KeyboardInterrupt):
        update_project(project)
    assert snapshot(project) == before
    assert git(project, "status", "--porcelain") == ""


def test_update_moves_an_added_component_forward(tmp_path: Path, use_template: UseTemplate) -> None:
    dockerfile = "template/docker/serve.Dockerfile.jinja"
    v1 = (REAL_TEMPLATE / dockerfile).read_text()
    use_template({dockerfile: v1})
    repo = foreign_repo(tmp_path)
    commit_all(repo)
    add_components(AddRequest(repo, ("docker",)))
    commit_all(repo, "mlops add docker")
    edit(repo, "docker/serve.Dockerfile", "FROM", "# pinned by us\nFROM", commit=True)
    use_template({dockerfile: v1 + "# a line from the new template\n"})
    plan = update_project(repo)
    text = (repo / "docker/serve.Dockerfile").read_text()
    assert plan.conflicts == []
    assert "# pinned by us\n" in text
    assert text.endswith("# a line from the new template\n")


def test_data_given_to_add_in_a_new_project_is_recorded(project: Path) -> None:
    code, _ = invoke("add", "docs", "--data", "description=Churn scores", "--path", str(project))
    record = yaml.safe_load((project / ".mlops.yml").read_text())
    assert code == 0
    assert record["answers"] == {"description": "Churn scores"}


def test_update_renders_with_the_data_add_recorded(project: Path) -> None:
    invoke("add", "docs", "--data", "description=Churn scores", "--path", str(project))
    commit_all(project, "mlops add docs --data description=...")
    plan = update_project(project)
    assert plan.conflicts == []
    assert "Churn scores" in (project / "README.md").read_text()
    assert 'description = "Churn scores"' in (project / "pyproject.toml").read_text()


def test_the_first_commit_records_no_path_of_the_machine(project: Path) -> None:
    answers = git(project, "show", "HEAD:.copier-answers.yml")
    assert "_src_path" not in answers and str(template.template_dir()) not in answers


def test_a_template_installed_elsewhere_leaves_the_answers_file_alone(
    project: Path, use_template: UseTemplate
) -> None:
    use_template({NOTES: V1})  # the same template, at another path (another machine, a venv)
    plan = update_project(project, dry_run=True)
    assert [change.path for change in plan.changes] == []
