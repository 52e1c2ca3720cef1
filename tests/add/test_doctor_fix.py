"""`mlops doctor --fix`: findings grouped by the component that fixes them, a plan with diffs,
applied only with --yes (or a confirmation in a terminal); the rest listed with their fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from mlops_scaffold.cli.fix import fix_repo
from mlops_scaffold.fix import blocked_by_lock
from mlops_scaffold.lock import LockCompileError, LockConflictError
from tests.add.trees import build_tree, commit_all, git, interrupt_after_moves, snapshot
from tests.conftest import run_mlops

REPO = {
    "pyproject.toml": '[project]\nname = "churn"\nversion = "0.1"\nrequires-python = ">=3.11"\n',
    "src/churn/__init__.py": "",
    # it trains, so its data, pipeline and runs are the doctor's questions
    "src/churn/train.py": "def train(model, x, y):\n    return model.fit(x, y)\n",
}


def churn_repo(root: Path) -> Path:
    repo = build_tree(root, REPO)
    commit_all(repo)
    return repo


def score(text: str, label: str) -> int:
    match = re.search(rf"^Score {label}: (\d+)", text, re.MULTILINE)
    assert match, text
    return int(match.group(1))


def test_without_a_terminal_or_yes_fix_is_a_dry_run_that_groups_findings(tmp_path: Path) -> None:
    repo = churn_repo(tmp_path)
    before = snapshot(repo)
    done = run_mlops("doctor", "--fix", str(repo))
    assert done.returncode == 0, done.stderr
    assert re.search(r"^  mlops add dvc fixes .*DATA001", done.stdout, re.MULTILINE)
    assert re.search(r"^Left to you .*\n(  .*\n)*  DOCS001: write a README", done.stdout, re.M)
    assert "+++ b/dvc.yaml" in done.stdout  # the diffs come first
    assert "Dry run: nothing written" in done.stdout
    assert snapshot(repo) == before


def test_fix_with_yes_adds_the_components_and_the_score_goes_up(tmp_path: Path) -> None:
    repo = churn_repo(tmp_path)
    done = run_mlops("doctor", "--fix", "--yes", str(repo))
    assert done.returncode == 0, done.stderr
    assert score(done.stdout, "after") > score(done.stdout, "now")
    assert (repo / "dvc.yaml").is_file() and (repo / ".mlops.yml").is_file()
    assert "needs:" not in done.stdout  # what the components need came with them


def dvc_only(repo: Path, capsys: pytest.CaptureFixture[str], **flags: bool) -> str:
    """`--fix --select DATA001` (one component, dvc: no lock to resolve) called as the CLI
    calls it; what it printed."""
    code = fix_repo(repo, select=["DATA001"], **{"yes": False, "dry_run": False, **flags})
    assert code == 0
    return capsys.readouterr().out


def test_select_limits_the_fix_to_the_chosen_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = churn_repo(tmp_path)
    shown = dvc_only(repo, capsys, interactive=False)
    assert re.findall(r"^  mlops add (\S+) fixes (.*)$", shown, re.MULTILINE) == [
        ("dvc", "DATA001")
    ]


def test_dry_run_in_a_terminal_neither_asks_nor_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = churn_repo(tmp_path)
    before = snapshot(repo)
    monkeypatch.setattr(typer, "confirm", lambda *a, **k: pytest.fail("asked"))
    shown = dvc_only(repo, capsys, interactive=True, dry_run=True)
    assert "+++ b/dvc.yaml" in shown
    assert "Dry run: nothing written (drop --dry-run to apply)." in shown
    assert snapshot(repo) == before


@pytest.mark.parametrize("answer", [False, True])
def test_in_a_terminal_the_plan_is_applied_only_after_a_yes(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    answer: bool,
) -> None:
    repo = churn_repo(tmp_path)
    before = snapshot(repo)
    shown_before: list[str] = []  # what was on the screen when each question came

    def ask(text: str, **options: object) -> bool:
        assert text == "Apply this plan?"
        shown_before.append(capsys.readouterr().out)
        return answer

    monkeypatch.setattr(typer, "confirm", ask)
    shown = dvc_only(repo, capsys, interactive=True)
    assert len(shown_before) == 1 and "+++ b/dvc.yaml" in shown_before[0]
    shown = shown_before[0] + shown
    if answer:
        assert (repo / "dvc.yaml").is_file() and score(shown, "after") > score(shown, "now")
    else:
        assert "Nothing written." in shown and snapshot(repo) == before


def test_an_interrupted_fix_leaves_the_repo_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = churn_repo(tmp_path)
    before = snapshot(repo)
    moved = interrupt_after_moves(monkeypatch, 3)
    with pytest.raises(KeyboardInterrupt):
        dvc_only(repo, capsys, interactive=False, yes=True)
    assert len(moved) == 3 and snapshot(repo) == before


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--fix", "--format", "json"], "error: --fix does not go with --format"),
        (["--fix", "--output", "r.txt"], "error: --fix does not go with --output"),
        (["--fix", "--yes", "--dry-run"], "error: --yes applies the plan, --dry-run writes"),
        (["--yes"], "error: --yes goes with --fix"),
        (["--dry-run"], "error: --dry-run goes with --fix"),
    ],
)
def test_flags_fix_cannot_honour_are_refused_in_one_line(
    tmp_path: Path, flags: list[str], message: str
) -> None:
    repo = churn_repo(tmp_path)
    before = snapshot(repo)
    done = run_mlops("doctor", *flags, str(repo))
    assert done.returncode == 2
    assert done.stderr.startswith(message), done.stderr
    assert "Traceback" not in done.stderr and snapshot(repo) == before


def test_a_lock_conflict_leaves_out_the_component_and_those_needing_it() -> None:
    wanted = ["ci", "docker", "docs", "dvc", "lock", "precommit", "serve", "tests"]
    clash = LockConflictError("conflicting requirements: x", components=["serve"])
    assert blocked_by_lock(clash, wanted) == ["ci", "docker", "serve"]
    clash = LockConflictError("conflicting requirements: x", components=["dvc", "template"])
    assert blocked_by_lock(clash, wanted) == ["ci", "docker", "dvc", "serve", "tests"]
    # the repo's own requirements do not resolve: nothing that needs the lock can be added
    unbuildable = LockCompileError("sklearn could not be built")
    assert blocked_by_lock(unbuildable, wanted) == ["ci", "docker", "lock", "serve"]


@pytest.mark.e2e
def test_a_component_whose_floor_clashes_with_a_user_pin_is_left_out_the_rest_added(
    tmp_path: Path,
) -> None:
    repo = build_tree(tmp_path, {**REPO, "requirements.txt": "scikit-learn==0.24.0\n"})
    commit_all(repo)
    kept = snapshot(repo)
    done = run_mlops("doctor", "--fix", "--yes", str(repo))
    assert done.returncode == 0, done.stderr
    refused = re.search(
        r"^  cannot add dvc \(it would fix (.*)\): (.*)$", done.stdout, re.MULTILINE
    )
    assert refused, done.stdout
    assert "DATA001" in refused.group(1)
    assert "scikit-learn==0.24.0 (requirements.txt:1) vs scikit-learn>=1.5 (the dvc" in (
        refused.group(2)
    )
    assert "nothing was written" not in refused.group(2)
    assert not (repo / "dvc.yaml").exists()  # nor what needs it: the tests run its pipeline
    assert "  cannot add tests (it would fix TEST001): conflicting requirements" in done.stdout
    assert not (repo / "tests").exists()
    assert (repo / ".pre-commit-config.yaml").is_file()  # the rest is added
    assert "\n  DATA001: run `dvc init`\n" in done.stdout  # left, with the fix by hand
    assert all(snapshot(repo)[path].startswith(blob) for path, blob in kept.items())
    assert score(done.stdout, "after") > score(done.stdout, "now")


def test_findings_no_added_file_changes_are_left_with_their_manual_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # dvc brings a pipeline (DATA001), but the model git tracks stays in git: `add` never moves
    # what git tracks
    repo = build_tree(tmp_path, {**REPO, "models/model.pkl": b"\x80" * 1_500_000})
    commit_all(repo)
    assert (
        fix_repo(repo, select=["DATA001,DATA003"], yes=False, dry_run=True, interactive=False) == 0
    )
    shown = capsys.readouterr().out
    assert re.findall(r"^  mlops add (\S+) fixes (.*)$", shown, re.MULTILINE) == [
        ("dvc", "DATA001")
    ]
    assert re.search(
        r"^Left to you .*\n  DATA003 \(models/model.pkl\): `git rm --cached` the file and "
        r"`dvc add` it$",
        shown,
        re.MULTILINE,
    ), shown
    assert re.search(r"^Score now: 0; after the fix: 50$", shown, re.MULTILINE), shown


def test_kind_chooses_what_the_fix_adds_before_and_after(tmp_path: Path) -> None:
    # as an application it would get a pipeline (DATA001) too; as a library, and in the
    # audit of the repo as the plan leaves it, it needs none
    repo = churn_repo(tmp_path)
    done = run_mlops(
        "doctor", "--fix", "--kind", "library", "--select", "CODE003,DATA001", str(repo)
    )
    assert done.returncode == 0, done.stderr
    assert re.findall(r"^  mlops add (\S+) fixes (.*)$", done.stdout, re.MULTILINE) == [
        ("precommit", "CODE003")
    ]
    assert "DATA001" not in done.stdout and "Score now: 0; after the fix: 100\n" in done.stdout


def test_a_component_that_would_fix_none_of_its_findings_is_not_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = build_tree(tmp_path, {**REPO, "models/model.pkl": b"\x80" * 1_500_000})
    commit_all(repo)
    before = snapshot(repo)
    assert fix_repo(repo, select=["DATA003"], yes=True, dry_run=False, interactive=False) == 0
    shown = capsys.readouterr().out
    assert "mlops add" not in shown and "Nothing to add." in shown
    assert "  DATA003 (models/model.pkl): `git rm --cached`" in shown
    assert snapshot(repo) == before


def test_a_nested_project_s_findings_are_fixed_in_the_project_not_at_the_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # two projects under packages/: a monorepo, whose root has no package of its own
    repo = build_tree(
        tmp_path,
        {
            "README.md": "# models\n",
            **{f"packages/{name}/{path.replace('churn', name)}": text.replace("churn", name)
               for name in ("churn", "fraud") for path, text in REPO.items()},
        },
    )  # fmt: skip
    commit_all(repo)
    before = snapshot(repo)
    assert fix_repo(repo, select=["DATA001"], yes=True, dry_run=False, interactive=False) == 0
    shown = capsys.readouterr().out
    assert "mlops add" not in shown and "Nothing to add." in shown
    for name in ("churn", "fraud"):
        assert (
            f"  DATA001 (packages/{name}/pyproject.toml): `mlops doctor --fix packages/{name}` "
            "(its own project); or run `dvc init`"
        ) in shown
    assert snapshot(repo) == before  # no root package made up to hold a pipeline


@pytest.mark.e2e
def test_a_finding_the_added_files_bring_is_fixed_by_its_component_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a service with no training code: ENV004 (train and serve sets) does not apply, until the
    # tests bring the pipeline they run; then the lock, which splits the sets, comes too
    app = (
        "import joblib\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
        'model = joblib.load("models/model.joblib")\n\n\n@app.post("/predict")\n'
        "def predict(x: float) -> float:\n    return float(model.predict([[x]])[0])\n"
    )
    pyproject = REPO["pyproject.toml"] + 'dependencies = ["fastapi", "joblib"]\n'
    repo = build_tree(
        tmp_path,
        {"pyproject.toml": pyproject, "src/churn/__init__.py": "", "src/churn/app.py": app},
    )
    commit_all(repo)
    assert (
        fix_repo(repo, select=["ENV004,TEST001"], yes=False, dry_run=True, interactive=False) == 0
    )
    shown = capsys.readouterr().out
    assert re.findall(r"^  mlops add (\S+) fixes (.*)$", shown, re.MULTILINE) == [
        ("lock", "ENV004"),
        ("tests", "TEST001"),
    ]
    assert "Left to you" not in shown and "Score now: 0; after the fix: 100\n" in shown


def test_the_predicted_score_counts_files_tracked_despite_the_gitignore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the repo ignores *.pkl yet tracks one (`git add -f`): the doctor audits it, so must the
    # prediction, made on a copy
    repo = build_tree(
        tmp_path, {**REPO, ".gitignore": "*.pkl\n", "models/model.pkl": b"\x80" * 1_500_000}
    )
    commit_all(repo)
    git(repo, "add", "--force", "models/model.pkl")
    commit_all(repo)
    assert (
        fix_repo(repo, select=["DATA001,DATA003"], yes=True, dry_run=False, interactive=False) == 0
    )
    shown = capsys.readouterr().out
    assert "Score now: 0; after the fix: 50\n" in shown
    assert "Score after: 50\n" in shown


def test_the_repo_as_the_plan_leaves_it_keeps_the_kind_its_origin_names(tmp_path: Path) -> None:
    # an example by its name: no pipeline or tracker is its question, before the fix or
    # after it (a copy without the origin remote would be an application, and get DVC)
    repo = churn_repo(tmp_path / "churn-example")
    git(repo, "remote", "add", "origin", "https://github.com/me/churn-example")
    done = run_mlops("doctor", "--fix", "--select", "CODE003,DATA001,EXP001", str(repo))
    assert done.returncode == 0, done.stderr
    assert re.findall(r"^  mlops add (\S+) fixes (.*)$", done.stdout, re.MULTILINE) == [
        ("precommit", "CODE003")
    ]
    assert "Score now: 0; after the fix: 100\n" in done.stdout
