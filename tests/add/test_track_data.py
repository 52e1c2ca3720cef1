"""`mlops add dvc` in repos that already have data: the plan names it and the commands that
put it under DVC; `--track-data` runs them (DVC, as installed with the tool's test lock),
keeping every file where it was, byte for byte, or changing nothing at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from mlops_scaffold import vcs
from mlops_scaffold.add import AddRequest, add_components, plan_add
from mlops_scaffold.doctor.run import find_findings
from mlops_scaffold.errors import StepFailedError, ToolMissingError
from tests.add.trees import build_tree, commit_all, foreign_repo, git, snapshot
from tests.conftest import run_mlops

# A data file over the doctor's 1 MB: DATA003 reports it while git tracks it.
LARGE_CSV = "id,amount\n" + "".join(f"{row},{row * 7 % 1000}.25\n" for row in range(80_000))
SCRIPTS_REPO = {
    "requirements.txt": "pandas\nscikit-learn\n",
    "train.py": 'import pandas as pd\n\nframe = pd.read_csv("data/raw/customers.csv")\n',
    "data/raw/customers.csv": LARGE_CSV,
    "data/raw/orders.csv": "id,customer\n1,1\n",
}


def scripts_repo(tmp_path: Path) -> Path:
    """A requirements-only scripts repo that commits its data (data/raw/*.csv) to git."""
    repo = build_tree(tmp_path / "scripts", SCRIPTS_REPO)
    commit_all(repo)
    return repo


def git_tracks(repo: Path, folder: str) -> list[str]:
    return git(repo, "ls-files", "--", folder).split()


def data003(repo: Path) -> list[str]:
    return [f"{f.path} {f.message}" for f in find_findings(repo).findings if f.id == "DATA003"]


def dvc_status(repo: Path, *targets: str) -> str:
    done = subprocess.run(
        [str(vcs.dvc_program()), "status", *targets],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={"DVC_NO_ANALYTICS": "1", "PATH": "/usr/bin:/bin"},
    )
    return f"{done.returncode} {done.stdout}{done.stderr}"


def test_without_the_flag_the_plan_names_the_data_and_the_commands(tmp_path: Path) -> None:
    repo = scripts_repo(tmp_path)
    data_before = snapshot(repo / "data")
    done = run_mlops("add", "dvc", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert (
        "  note: data DVC does not track yet: data/raw/customers.csv (in git); "
        "data/raw/orders.csv (in git). `--track-data` puts it under DVC (your files stay where "
        "they are), or run `git rm -r --cached data/raw/customers.csv data/raw/orders.csv && "
        "dvc add data/raw/customers.csv data/raw/orders.csv`, then commit "
        "data/raw/customers.csv.dvc, data/raw/orders.csv.dvc and the .gitignore files DVC writes"
    ) in done.stdout.splitlines()
    assert snapshot(repo / "data") == data_before  # no sample data, nothing moved
    assert git_tracks(repo, "data") == ["data/raw/customers.csv", "data/raw/orders.csv"]


def test_a_dry_run_with_the_flag_shows_the_dvc_adds_and_changes_nothing(tmp_path: Path) -> None:
    repo = scripts_repo(tmp_path)
    before, status = snapshot(repo), git(repo, "status", "--porcelain")
    done = run_mlops("add", "dvc", "--track-data", "--dry-run", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert "  would dvc add data/raw/customers.csv (in git)" in done.stdout.splitlines()
    assert snapshot(repo) == before and git(repo, "status", "--porcelain") == status
    assert not (repo / ".dvc").exists()


def test_track_data_moves_git_tracked_data_to_dvc_keeping_every_byte(tmp_path: Path) -> None:
    repo = scripts_repo(tmp_path)
    data_before = snapshot(repo / "data")
    assert data003(repo) == [
        "data/raw/customers.csv Large data or model files committed to git: 1.0 MB"
    ]
    done = run_mlops("add", "dvc", "--track-data", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert "  dvc add data/raw/orders.csv (in git)" in done.stdout.splitlines()
    kept = {rel: blob for rel, blob in snapshot(repo / "data").items() if rel in data_before}
    assert kept == data_before  # the user's files, in place, byte for byte
    assert git_tracks(repo, "data") == []  # staged out of git's index; git status shows it
    dvc_files = sorted(path.name for path in (repo / "data/raw").glob("*.dvc"))
    assert dvc_files == ["customers.csv.dvc", "orders.csv.dvc"]
    assert (repo / "data/raw/.gitignore").read_text().split() == ["/customers.csv", "/orders.csv"]
    assert "/data/" not in (repo / ".gitignore").read_text().splitlines()
    commit_all(repo, "data under DVC")
    assert data003(repo) == []  # the doctor's finding is resolved
    assert git_tracks(repo, "data") == [
        "data/raw/.gitignore",
        "data/raw/customers.csv.dvc",
        "data/raw/orders.csv.dvc",
    ]
    dvc_files = ["data/raw/customers.csv.dvc", "data/raw/orders.csv.dvc"]
    assert dvc_status(repo, *dvc_files) == "0 Data and pipelines are up to date.\n"


def test_a_src_layout_package_gets_its_data_folders_tracked(tmp_path: Path) -> None:
    repo = foreign_repo(
        tmp_path,
        {
            "src/demo/load.py": 'PATH = "datasets/reviews/train.jsonl"\n',
            "datasets/reviews/train.jsonl": '{"text": "good"}\n',
            "datasets/reviews/test.jsonl": '{"text": "bad"}\n',
            "data/customers.parquet": b"PAR1\x00\x01binary\xffPAR1",
            "data/README.md": "Where the data comes from.\n",
        },
    )
    commit_all(repo)
    before = snapshot(repo)
    done = run_mlops("add", "dvc", "--track-data", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    shown = [line.strip() for line in done.stdout.splitlines() if "dvc add" in line]
    # data/ holds the added pipeline's outputs (data/raw/..., data/processed/...): DVC refuses
    # overlapping outputs, so the user's files there are tracked one by one
    assert shown[:3] == [
        "dvc add data/README.md (in git)",
        "dvc add data/customers.parquet (in git)",
        "dvc add datasets/ (2 files, in git)",
    ]
    after = snapshot(repo)
    assert {rel: after[rel] for rel in before} == before  # nothing of the user's changed
    assert (repo / "datasets.dvc").is_file() and (repo / "data/customers.parquet.dvc").is_file()
    assert git_tracks(repo, "datasets") == [] and git_tracks(repo, "data") == []


def test_data_git_already_ignores_is_put_under_dvc_when_the_folder_can_be(tmp_path: Path) -> None:
    repo = foreign_repo(
        tmp_path,
        {".gitignore": "data/\n", "datasets/images/cat.png": b"\x89PNG\r\n\x1a\n", "d.txt": ""},
    )
    (repo / "data").mkdir()
    (repo / "data/train.csv").write_text("a,b\n1,2\n")  # ignored: never in git
    commit_all(repo)
    done = run_mlops("add", "dvc", "--track-data", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "  dvc add datasets/ (in git)" in lines
    # data/train.csv.dvc would be ignored by the user's own `data/`, which DVC refuses
    assert (
        "  note: data kept as it is: data/train.csv: its data/train.csv.dvc would be git-ignored "
        "(.gitignore:1: data/), which DVC refuses: ignore the data files, not the folder "
        "(`data/**` and `!data/**/` and `!*.dvc`), and add again"
    ) in lines
    assert (repo / "data/train.csv").read_text() == "a,b\n1,2\n"
    assert not (repo / "data/train.csv.dvc").exists()
    assert (repo / "datasets/images/cat.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert (repo / "datasets.dvc").is_file()


def test_data_dvc_tracks_already_is_left_alone(tmp_path: Path) -> None:
    repo = scripts_repo(tmp_path)
    assert run_mlops("add", "dvc", "--track-data", "--path", str(repo)).returncode == 0
    commit_all(repo)
    again = run_mlops("add", "dvc", "--track-data", "--path", str(repo))
    assert again.returncode == 0, again.stderr
    assert "dvc add" not in again.stdout and "data DVC" not in again.stdout


def test_a_failing_dvc_leaves_the_repo_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = scripts_repo(tmp_path)
    before, status = snapshot(repo), git(repo, "status", "--porcelain")

    def dvc_that_fails_half_way(root: Path, *args: str) -> None:
        (root / "data/raw/orders.csv").unlink()  # as DVC moves a file into its cache
        (root / "data/raw/orders.csv.dvc").write_text("outs: []\n")
        (root / "data/raw/.gitignore").write_text("/orders.csv\n")
        raise StepFailedError("dvc add failed: ERROR: disk full")

    monkeypatch.setattr(vcs, "dvc", dvc_that_fails_half_way)
    with pytest.raises(StepFailedError):
        add_components(AddRequest(repo, ("dvc",), track_data=True))
    assert snapshot(repo) == before  # the added files and the data alike
    assert git(repo, "status", "--porcelain") == status  # git's index too
    assert not any(repo.glob(".mlops-staging-*"))


def test_track_data_without_dvc_installed_stops_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = scripts_repo(tmp_path)
    monkeypatch.setattr(vcs, "dvc_program", lambda: None)
    with pytest.raises(ToolMissingError, match="dvc is not installed; --track-data runs"):
        plan_add(AddRequest(repo, ("dvc",), track_data=True))
    assert not (repo / "dvc.yaml").exists()


def test_track_data_goes_with_the_dvc_component(tmp_path: Path) -> None:
    repo = scripts_repo(tmp_path)
    done = run_mlops("add", "docs", "--track-data", "--path", str(repo))
    assert done.returncode == 2
    assert "--track-data puts your data under DVC: it goes with the dvc component" in done.stderr
    assert "Traceback" not in done.stderr and not (repo / "docs").exists()


def test_the_doctor_counts_no_remote_after_add_dvc_until_dvc_config_has_one(
    tmp_path: Path,
) -> None:
    repo = scripts_repo(tmp_path)
    (tmp_path / "home/.cache/dvc-remotes/scripts").mkdir(parents=True)  # a folder is no remote
    env = {"HOME": str(tmp_path / "home")}
    assert run_mlops("add", "dvc", "--path", str(repo), env=env).returncode == 0
    ids = [finding.id for finding in find_findings(repo).findings]
    assert "DATA002" in ids
    with (repo / ".dvc/config").open("a") as config:
        config.write("    remote = storage\n['remote \"storage\"']\n    url = s3://team/data\n")
    assert "DATA002" not in [finding.id for finding in find_findings(repo).findings]


@pytest.mark.parametrize(("answer", "tracked"), [("y", True), ("", False)])
def test_at_a_terminal_add_dvc_asks_before_it_tracks_the_data(
    tmp_path: Path, answer: str, tracked: bool
) -> None:
    repo = scripts_repo(tmp_path)
    data_before = snapshot(repo / "data")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "mlops_scaffold", "add", "dvc", "--path", str(repo)],
        encoding="utf-8",
        timeout=120,
        dimensions=(40, 200),
    )
    child.expect_exact("git rm -r --cached data/raw/customers.csv data/raw/orders.csv && dvc add")
    child.expect_exact("Put it under DVC now? Your files stay where they are; git stops tracking")
    child.sendline(answer)  # Enter alone: the default, no
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    kept = {rel: blob for rel, blob in snapshot(repo / "data").items() if rel in data_before}
    assert kept == data_before
    assert (repo / "data/raw/orders.csv.dvc").is_file() is tracked
    in_git = [f"data/raw/{name}" for name in ("customers.csv", "orders.csv")]
    assert git_tracks(repo, "data") == ([] if tracked else in_git)
