"""`mlops add` into a repo that has its own Makefile or CI workflow: what the merge leaves.

The merged files are run the way a user runs them: `make` on the Makefile, doctor and
actionlint on the workflows.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from mlops_scaffold.add import AddRequest, add_components
from mlops_scaffold.catalogue import practices_fixed_by
from mlops_scaffold.components import SafeEdit, component_files
from mlops_scaffold.doctor.run import find_findings
from mlops_scaffold.merge import add_workflow_jobs, extend_file
from scripts.service_probe import project_env
from tests.add.trees import build_tree, commit_all, foreign_repo, snapshot
from tests.generated.conftest import actionlint, run

LOCK_SETS = ("train", "serve", "dev", "load", "build", "uv")
OWN_MAKEFILE = "test:\n\tpytest -x\n"
OWN_WORKFLOW = (
    "name: ours\non: [push]\njobs:\n  mine:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - run: echo hi\n"
)
CI = ".github/workflows/ci.yml"


def make(repo: Path, *args: str) -> str:
    """Run make in `repo` and return what it prints; fail the test when make fails."""
    done = subprocess.run(
        ["make", *args], cwd=repo, capture_output=True, text=True, env=project_env(), check=False
    )  # project_env: not the flags of an outer make (`make test`), which print "Entering directory"
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def merged_makefile(root: Path, own: str, template: str) -> Path:
    """A folder whose Makefile is `own` extended with what `template` adds."""
    merged = extend_file(SafeEdit.TARGETS, own, template, "mlops add makefile")
    assert merged is not None
    return build_tree(root, {"Makefile": merged})


def template_workflow(path: str) -> dict:
    """The workflow at `path` as `mlops add ci` renders it for foreign_repo()."""
    answers = {"project_name": "demo", "package_name": "demo", "python_version": "3.11"}
    files = component_files({**answers, "readme": ""}, ["ci"])
    return yaml.safe_load(files[path][1])


def workflow(repo: Path, path: str = CI) -> dict:
    return yaml.safe_load((repo / path).read_text())


def ci_findings(repo: Path) -> list[str]:
    """What doctor reports, among the checks `mlops add ci` resolves."""
    owned = {practice.id for practice in practices_fixed_by("ci")}
    return sorted(f"{f.id} {f.message}" for f in find_findings(repo).findings if f.id in owned)


# -- Makefile -----------------------------------------------------------------------------


def test_make_lock_compiles_every_lock_set_after_adding_into_an_existing_makefile(
    tmp_path: Path,
) -> None:
    repo = foreign_repo(tmp_path, {"Makefile": OWN_MAKEFILE})
    add_components(AddRequest(repo, ("makefile",)))
    planned = make(repo, "-n", "lock", "UV=uv")
    assert f"for name in {' '.join(LOCK_SETS)}; do uv pip compile --universal" in planned
    assert '--custom-compile-command "make lock" --quiet ' in planned
    assert make(repo, "-n", "test") == "pytest -x\n"


def test_make_lock_runs_the_compile_once_per_lock_set(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {"Makefile": OWN_MAKEFILE})
    add_components(AddRequest(repo, ("makefile",)))
    fake_uv = build_tree(tmp_path / "bin", {"uv": '#!/bin/sh\necho "$@" >> "$CALLS"\n'}) / "uv"
    fake_uv.chmod(0o755)
    calls = tmp_path / "calls.txt"
    make(repo, "lock", f"UV={fake_uv}", f"CALLS={calls}")
    compiled = [line.split()[-3:] for line in calls.read_text().splitlines()]
    assert compiled == [[f"requirements/{n}.in", "-o", f"requirements/{n}.txt"] for n in LOCK_SETS]
    assert all(" --quiet " in line for line in calls.read_text().splitlines())


def test_continued_variables_rules_and_recipe_lines_are_added_whole(tmp_path: Path) -> None:
    template = (
        "FLAGS := --one \\\n\t--two\nNAMES := a b\n\n"
        "report: \\\n  prepare\n\techo $(FLAGS) \\\n  --three\n\n\techo after-a-blank-line\n"
        "prepare:\n\techo $(NAMES)\n"
    )
    repo = merged_makefile(tmp_path, OWN_MAKEFILE, template)
    assert make(repo, "-n", "report").splitlines() == [
        "echo a b",
        "echo --one --two \\",
        "  --three",
        "echo after-a-blank-line",
    ]
    assert make(repo, "-n", "test") == "pytest -x\n"


def test_a_define_block_is_added_whole_and_its_lines_are_not_taken_for_targets(
    tmp_path: Path,
) -> None:
    template = "define GREETING\nhello: world\nendef\n\ngreet:\n\t@echo '$(GREETING)'\n"
    repo = merged_makefile(tmp_path, OWN_MAKEFILE, template)
    assert make(repo, "greet") == "hello: world\n"
    assert "\nhello:" not in (repo / "Makefile").read_text().split("endef")[1]


def test_a_variable_the_user_continued_over_lines_counts_as_theirs(tmp_path: Path) -> None:
    own = "LOCK := mine \\\n\t--flag\n" + OWN_MAKEFILE
    template = "LOCK := theirs \\\n\t--other\n\nlock:\n\techo $(LOCK)\n"
    repo = merged_makefile(tmp_path, own, template)
    assert make(repo, "-n", "lock") == "echo mine --flag\n"
    assert "theirs" not in (repo / "Makefile").read_text()


# -- CI workflow --------------------------------------------------------------------------


def test_add_ci_gives_a_workflow_without_permissions_the_templates(tmp_path: Path) -> None:
    own = "# our checks\n" + OWN_WORKFLOW.replace("runs-on:", "runs-on:   # keep me\n      ")
    # a test for CI to run: with none, its pytest step runs nothing (CI002 says so)
    repo = foreign_repo(
        tmp_path, {CI: own, "tests/test_demo.py": "def test_ok():\n    assert sum([1, 2]) == 3\n"}
    )
    commit_all(repo)
    add_components(AddRequest(repo, ("ci", "makefile")))  # the jobs call make targets
    commit_all(repo, "mlops add ci")
    assert (repo / CI).read_text().startswith(own)
    assert workflow(repo)["permissions"] == template_workflow(CI)["permissions"]
    assert workflow(repo)["jobs"]["mine"] == yaml.safe_load(own)["jobs"]["mine"]
    assert ci_findings(repo) == []


@pytest.mark.parametrize(
    "permissions",
    [
        "permissions:\n  contents: write\n  pull-requests: write\n",
        "permissions: {}\n",
        "permissions:\n",
        "permissions: write-all\n",
    ],
)
def test_an_existing_permissions_key_is_never_changed(tmp_path: Path, permissions: str) -> None:
    own = OWN_WORKFLOW.replace("jobs:\n", permissions + "jobs:\n")
    repo = foreign_repo(tmp_path, {CI: own})
    add_components(AddRequest(repo, ("ci",)))
    text = (repo / CI).read_text()
    assert text.startswith(own)
    assert text.count("permissions:") == own.count("permissions:")
    assert workflow(repo)["permissions"] == yaml.safe_load(own)["permissions"]


def test_a_workflow_with_every_template_job_still_gets_the_permissions(tmp_path: Path) -> None:
    jobs = "".join(f"  {name}:\n    runs-on: mine\n" for name in template_workflow(CI)["jobs"])
    own = f"on: push\njobs:\n{jobs}env:\n  AFTER_JOBS: yes\n"
    repo = foreign_repo(tmp_path, {CI: own})
    add_components(AddRequest(repo, ("ci",)))
    merged = workflow(repo)
    assert (repo / CI).read_text().startswith(own)
    assert merged["permissions"] == template_workflow(CI)["permissions"]
    assert merged["jobs"] == yaml.safe_load(own)["jobs"]


def test_the_permissions_block_comes_without_the_next_keys_comments() -> None:
    template = (
        "on: push\npermissions:\n  contents: read # to check out the code\n\n"
        "# the next key's comment\nconcurrency: x\njobs:\n  test:\n    runs-on: b\n"
    )
    own = "on: push\njobs:\n  test:\n    runs-on: a\n"
    assert (
        add_workflow_jobs(own, template)
        == "permissions:\n  contents: read # to check out the code\n"
    )


def test_adding_ci_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {CI: OWN_WORKFLOW})
    add_components(AddRequest(repo, ("ci",)))
    after_first = snapshot(repo)
    plan = add_components(AddRequest(repo, ("ci",)))
    assert snapshot(repo) == after_first
    assert [change.path for change in plan.changes if change.path.endswith(".yml")] == []


@pytest.mark.parametrize(("form", "workflows"), [("full", 2), ("fitted", 1)])  # fitted: no release
def test_the_merged_workflows_pass_actionlint(tmp_path: Path, form: str, workflows: int) -> None:
    repo = foreign_repo(tmp_path, {CI: OWN_WORKFLOW})
    add_components(AddRequest(repo, ("ci",), {"ci_form": form}))
    result = run([*actionlint(), ".github/workflows/*.yml"], cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checking {workflows} workflow file(s)" in result.stdout
