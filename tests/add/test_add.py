"""`mlops add`: what it writes, what it leaves alone, and what it says."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import copier
import pytest
import yaml

from mlops_scaffold import vcs
from mlops_scaffold.add import AddRequest, add_components
from mlops_scaffold.template import template_dir
from tests.add.trees import (
    build_tree,
    commit_all,
    foreign_repo,
    git,
    git_objects,
    interrupt_after_moves,
    snapshot,
)
from tests.conftest import invoke, run_mlops


@functools.cache
def _template_render(tmp_root: str) -> dict[str, bytes]:
    """The whole template as Copier itself renders it for foreign_repo()'s answers (its
    pyproject.toml declares no readme): the oracle, independent of how `add` picks files."""
    dest = Path(tmp_root) / "copier-render"
    copier.run_copy(
        str(template_dir()),
        dest,
        data={
            "project_name": "demo",
            "package_name": "demo",
            "python_version": "3.11",
            "readme": "",
            "mlops_version": "test",
        },
        defaults=True,
        quiet=True,
        unsafe=False,
    )
    return {
        path.relative_to(dest).as_posix(): path.read_bytes()
        for path in dest.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(dest).parts
    }  # fmt: skip


def rendered(prefix: str) -> dict[str, bytes]:
    """The template's files whose path starts with `prefix`, as a new project has them."""
    files = _template_render(tempfile.mkdtemp(prefix="mlops-oracle-"))
    return {path: blob for path, blob in files.items() if path.startswith(prefix)}


def test_add_writes_the_component_files_as_the_template_renders_them(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    add_components(AddRequest(repo, ("docker",)))
    images = rendered("docker/")
    assert set(images) == {"docker/serve.Dockerfile", "docker/train.Dockerfile"}
    for path, blob in images.items():
        assert (repo / path).read_bytes() == blob


def test_dry_run_prints_the_diffs_and_writes_nothing(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    before = snapshot(repo)
    code, output = invoke("add", "docker", "--dry-run", "--path", str(repo))
    assert code == 0
    assert "+++ b/docker/serve.Dockerfile" in output
    assert "create   docker/train.Dockerfile" in output
    assert snapshot(repo) == before


def test_dry_run_stores_nothing_in_git_either(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    commit_all(repo)
    before = git_objects(repo)

    code, output = invoke("add", "docker", "--dry-run", "--path", str(repo))

    assert code == 0 and "create   docker/train.Dockerfile" in output
    assert git_objects(repo) == before
    assert invoke("add", "docker", "--path", str(repo))[0] == 0
    assert git_objects(repo) > before  # the real run stores the pristine commit


def test_existing_file_is_kept_and_reported_as_skipped(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {"docker/serve.Dockerfile": "FROM scratch\n"})
    code, output = invoke("add", "docker", "--path", str(repo))
    assert code == 0
    assert (repo / "docker/serve.Dockerfile").read_text() == "FROM scratch\n"
    assert "skip     docker/serve.Dockerfile (exists; kept" in output


def test_force_replaces_only_after_keeping_a_backup_and_says_where(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {"docker/serve.Dockerfile": "FROM scratch\n"})
    code, output = invoke("add", "docker", "--force", "--path", str(repo))
    backups = list((repo / ".mlops-backup").glob("*/docker/serve.Dockerfile"))
    assert code == 0
    assert [b.read_text() for b in backups] == ["FROM scratch\n"]
    assert (repo / "docker/serve.Dockerfile").read_bytes() == rendered("docker/serve.Dockerfile")[
        "docker/serve.Dockerfile"
    ]
    assert f"Backups of the replaced files are in {backups[0].parents[1]}" in output


def test_gitignore_keeps_its_lines_and_gets_the_missing_ones_appended(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {".gitignore": "secret.txt\n/data/\n"})
    add_components(AddRequest(repo, ("dvc",)))
    text = (repo / ".gitignore").read_text()
    template_lines = rendered(".gitignore")[".gitignore"].decode().splitlines()
    assert text.startswith("secret.txt\n/data/\n\n# Added by mlops add dvc\n")
    assert {line for line in template_lines if line and not line.startswith("#")} <= set(
        text.splitlines()
    )
    assert text.count("/data/\n") <= 1 + template_lines.count("/data/")


def test_makefile_gets_only_the_targets_it_lacks(tmp_path: Path) -> None:
    own = "test:\n\tpytest -x\n"
    repo = foreign_repo(tmp_path, {"Makefile": own})
    add_components(AddRequest(repo, ("makefile",)))
    text = (repo / "Makefile").read_text()
    assert text.startswith(own)
    assert "\ntrain:" in text and "\nserve:" in text
    assert text.count("\ntest:") + text.startswith("test:") == 1


def test_make_lock_resolves_for_the_oldest_python_the_repo_declares(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)  # requires-python = ">=3.11"
    add_components(AddRequest(repo, ("makefile",)))
    assert "--python-version 3.11 " in (repo / "Makefile").read_text()
    assert "lock_python: '3.11'" in (repo / ".mlops.yml").read_text()  # what update renders with


@pytest.mark.parametrize("venv", [True, False])
def test_pre_commit_hooks_bring_their_own_tools_with_or_without_a_repo_venv(
    tmp_path: Path, venv: bool
) -> None:
    repo = foreign_repo(tmp_path)
    if venv:  # a repo's venv rarely holds ruff and pre-commit-hooks' programs
        (repo / ".venv/bin").mkdir(parents=True)
    add_components(AddRequest(repo, ("precommit",)))
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    ruff = [hook for hook in hooks if "ruff" in hook["entry"]]
    assert {hook["entry"].split()[0] for hook in ruff} == {"ruff"}
    assert all(hook["language"] == "python" for hook in ruff)


def test_existing_workflow_gets_new_jobs_and_keeps_its_comments(tmp_path: Path) -> None:
    own = "# our own CI\nname: ours\non: [push]\njobs:\n  smoke:  # keep me\n    runs-on: x\n"
    repo = foreign_repo(tmp_path / "repo", {".github/workflows/ci.yml": own})
    add_components(AddRequest(repo, ("ci",)))
    text = (repo / ".github/workflows/ci.yml").read_text()
    twin = foreign_repo(tmp_path / "twin")  # the same repo without a workflow of its own
    add_components(AddRequest(twin, ("ci",)))
    template_jobs = yaml.safe_load((twin / ".github/workflows/ci.yml").read_text())["jobs"]
    merged_jobs = yaml.safe_load(text)["jobs"]
    assert text.startswith(own)
    assert set(merged_jobs) == {"smoke", *template_jobs}
    assert {name: merged_jobs[name] for name in template_jobs} == template_jobs


def test_flat_layout_gets_the_service_inside_its_package_folder(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path, {"pyproject.toml": '[project]\nname = "demo"\n', "demo/__init__.py": ""}
    )
    add_components(AddRequest(repo, ("serve",)))
    assert (repo / "demo/serve/app.py").is_file()
    assert not (repo / "src").exists()


def test_record_lists_the_components_added(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    add_components(AddRequest(repo, ("docker",)))
    add_components(AddRequest(repo, ("ci",)))
    record = yaml.safe_load((repo / ".mlops.yml").read_text())
    assert record["components"] == ["ci", "docker"]
    assert record["answers"]["package_name"] == "demo"


def test_adding_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    commit_all(repo)
    add_components(AddRequest(repo, ("docker", "dvc")))
    after_first = snapshot(repo)
    plan = add_components(AddRequest(repo, ("docker", "dvc")))
    assert plan.changes == []
    assert snapshot(repo) == after_first


def test_add_in_a_git_repo_records_the_pristine_base_without_committing(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    head = commit_all(repo)
    add_components(AddRequest(repo, ("docker",)))
    pristine = yaml.safe_load((repo / ".mlops.yml").read_text())["pristine"]
    assert git(repo, "rev-parse", "HEAD").strip() == head
    assert git(repo, "rev-parse", vcs.PRISTINE_REF).strip() == pristine
    # the files written whole from the template: the images and the new .dockerignore
    assert set(vcs.read_tree(repo, pristine)) == {*rendered("docker/"), ".dockerignore"}


def test_interrupted_add_leaves_the_repo_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = foreign_repo(tmp_path, {".gitignore": "own\n", "Makefile": "x:\n\ttrue\n"})
    before = snapshot(repo)
    moved = interrupt_after_moves(monkeypatch, 3)
    with pytest.raises(KeyboardInterrupt):
        add_components(AddRequest(repo, ("dvc", "makefile", "docker")))
    assert len(moved) == 3
    assert snapshot(repo) == before
    assert sorted(p.name for p in repo.iterdir()) == sorted(
        ["pyproject.toml", "src", ".gitignore", "Makefile"]
    )


def test_list_shows_each_component_with_the_checks_it_resolves() -> None:
    code, output = invoke("add", "--list")
    assert code == 0
    lines = {line.split()[0]: line for line in output.splitlines() if line.strip()}
    assert "docker" in lines and "IMG001" in lines["docker"]
    assert len(lines) == 11


def test_unknown_component_is_a_one_line_usage_error(tmp_path: Path) -> None:
    done = run_mlops("add", "dockr", "--path", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == "error: unknown component 'dockr'"
    assert "mlops add --list" in done.stderr


def test_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    done = run_mlops("add", "docker", "--path", str(tmp_path / "nope"))
    # the same words as `mlops doctor` on a missing folder: one reader says it for both
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: cannot read {tmp_path / 'nope'}: no such folder",
        "hint: pass --path DIR of an existing repo",
    ]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("answers: 5\ncomponents: [docs]\n", "`answers` must be a mapping"),
        ("components: docs\n", "`components` must be a list"),
        (b"answers: {author_name: M\xfcller}\n", "cannot read"),
    ],
)
def test_a_broken_record_is_a_one_line_error(
    tmp_path: Path, record: str | bytes, message: str
) -> None:
    repo = foreign_repo(tmp_path, {".mlops.yml": record})

    result = run_mlops("add", "docs", "--path", str(repo))

    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_folder_that_is_a_symbolic_link_is_left_alone(tmp_path: Path) -> None:
    shared = build_tree(tmp_path / "shared", {"workflows/ci.yml": "name: shared\n"})
    repo = foreign_repo(tmp_path / "repo")
    (repo / ".github").symlink_to(shared)

    plan = add_components(AddRequest(repo, ("ci",)))

    assert (shared / "workflows/ci.yml").read_text() == "name: shared\n"
    assert sorted(p.name for p in (shared / "workflows").iterdir()) == ["ci.yml"]
    reasons = {skip.path: skip.reason for skip in plan.skipped}
    assert ".github is a symbolic link" in reasons[".github/workflows/ci.yml"]


@pytest.mark.parametrize(
    ("trigger", "form", "noted"),
    [
        ("on: [push]", "full", True),
        ("on: [push, workflow_call]", "full", False),
        ("on: [push]", "fitted", False),  # no release.yml to call it
    ],
)
def test_a_ci_the_release_cannot_call_gets_a_note(
    tmp_path: Path, trigger: str, form: str, noted: bool
) -> None:
    steps = "    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n"
    own = f"name: ours\n{trigger}\njobs:\n  mine:\n{steps}"
    repo = foreign_repo(tmp_path, {".github/workflows/ci.yml": own})

    plan = add_components(AddRequest(repo, ("ci",), {"ci_form": form}))

    assert any("no `workflow_call` trigger" in note for note in plan.notes) is noted


def test_adding_ci_below_the_top_of_a_repo_says_where_workflows_run(tmp_path: Path) -> None:
    top = build_tree(tmp_path / "mono", {"README.md": "monorepo\n"})
    git(top, "init", "-q")
    service = foreign_repo(top / "services" / "model")

    plan = add_components(AddRequest(service, ("ci",)))

    assert any(f"inside the git repository at {top.resolve()}" in note for note in plan.notes)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("mlops add do", ["docker", "docs"]),
        ("mlops doctor --format s", ["sarif"]),
        ("mlops doctor --kind ex", ["example"]),
    ],
)
def test_shell_completion_offers_component_format_and_kind_names(
    words: str, expected: list[str]
) -> None:
    mlops = Path(sys.executable).parent / "mlops"  # the installed command, as a shell runs it
    env = {"_MLOPS_COMPLETE": "complete_bash", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split()) - 1)
    done = subprocess.run(
        [str(mlops)], env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    assert done.stdout.split() == expected
