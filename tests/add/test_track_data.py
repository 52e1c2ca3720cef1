"""`mlops add dvc` in repos that already have data: the plan names it and the commands that
put it under DVC; `--track-data` runs them (DVC, as installed with the tool's test lock),
keeping every file where it was, byte for byte, or changing nothing at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

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
        "  note: data DVC does not track yet: data/ (2 files, in git). `--track-data` puts it "
        "under DVC (your files stay where they are), or run `git rm -r --cached data && dvc add "
        "data`, then commit data.dvc and the .gitignore files DVC writes"
    ) in done.stdout.splitlines()
    assert snapshot(repo / "data") == data_before  # no sample data, nothing moved
    assert git_tracks(repo, "data") == ["data/raw/customers.csv", "data/raw/orders.csv"]


def pipeline_paths(repo: Path, package: str) -> list[str]:
    """Where the added prepare stage writes, as its own code (config.ProjectPaths) says."""
    code = (
        f"from {package}.config import ProjectPaths\n"
        "paths = ProjectPaths()\n"
        "print(paths.raw_snapshot, paths.train, paths.test)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=repo,
        env={"PYTHONPATH": str(repo / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


@pytest.mark.parametrize(
    ("tree", "folder"),
    [(SCRIPTS_REPO, "pipeline_data"), ({"requirements.txt": "pandas\n", "train.py": ""}, "data")],
    ids=["repo-with-data", "repo-without-data"],
)
def test_the_added_pipeline_writes_beside_the_repo_s_data_not_into_it(
    tmp_path: Path, tree: dict[str, str], folder: str
) -> None:
    repo = build_tree(tmp_path / "scripts", tree)
    commit_all(repo)
    done = run_mlops("add", "dvc", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    dataset = "breast_cancer.csv"
    assert pipeline_paths(repo, "scripts") == [
        f"{folder}/raw/{dataset}",
        f"{folder}/processed/train.csv",
        f"{folder}/processed/test.csv",
    ]
    stage = yaml.safe_load((repo / "dvc.yaml").read_text())["stages"]["prepare"]
    assert stage["outs"] == pipeline_paths(repo, "scripts")
    assert f"/{folder}/" in (repo / ".gitignore").read_text().splitlines()
    note = f"  note: the added pipeline keeps its data in {folder}/, not in your data/"
    assert any(line.startswith(note) for line in done.stdout.splitlines()) is (folder != "data")
    # recorded, so that `mlops update` keeps rendering the same folder
    assert yaml.safe_load((repo / ".mlops.yml").read_text())["answers"]["data_dir"] == folder


def test_a_dry_run_with_the_flag_shows_the_dvc_adds_and_changes_nothing(tmp_path: Path) -> None:
    repo = scripts_repo(tmp_path)
    before, status = snapshot(repo), git(repo, "status", "--porcelain")
    done = run_mlops("add", "dvc", "--track-data", "--dry-run", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert "  would dvc add data/ (2 files, in git)" in done.stdout.splitlines()
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
    assert "  dvc add data/ (2 files, in git)" in done.stdout.splitlines()
    assert snapshot(repo / "data") == data_before  # the user's files, in place, byte for byte
    assert git_tracks(repo, "data") == []  # staged out of git's index; git status shows it
    assert (repo / "data.dvc").is_file()
    assert "/data" in (repo / ".gitignore").read_text().splitlines()  # DVC's own line
    commit_all(repo, "data under DVC")
    assert data003(repo) == []  # the doctor's finding is resolved
    assert dvc_status(repo, "data.dvc") == "0 Data and pipelines are up to date.\n"


MEGABYTES = bytes(range(256)) * 5_000  # 1.28 MB: over DATA003's 1 MB for data and models


def test_large_data_outside_the_data_folders_is_tracked_as_the_doctor_reports_it(
    tmp_path: Path,
) -> None:
    repo = build_tree(
        tmp_path / "scripts",
        {
            **SCRIPTS_REPO,
            "models/churn.pkl": MEGABYTES,
            "models/notes.txt": "trained on March's data\n",
            "assets/calls/first.wav": MEGABYTES,
            "assets/sample.csv": "id\n" * 1000,  # small: fine in git, DATA003 is silent
            "models/model.onnx": MEGABYTES,  # the added pipeline's train stage writes this one
        },
    )
    commit_all(repo)
    before = snapshot(repo)
    reported = [line.split()[0] for line in data003(repo)]
    assert reported == [
        "assets/calls/first.wav",
        "data/raw/customers.csv",
        "models/churn.pkl",
        "models/model.onnx",
    ]
    done = run_mlops("add", "dvc", "--track-data", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.strip() for line in lines if "dvc add " in line and "note" not in line] == [
        "dvc add data/ (2 files, in git)",
        "dvc add assets/calls/first.wav (in git)",
        "dvc add models/churn.pkl (in git)",
    ]
    assert (
        "  note: data kept as it is: models/model.onnx: the added dvc.yaml's stage 'train' "
        "writes it"
    ) in lines
    # `dvc add models` would overlap the pipeline's models/model.onnx: file by file instead
    assert any("`git rm --cached FILE && dvc add FILE` for each file" in line for line in lines)
    after = snapshot(repo)
    assert {rel: after[rel] for rel in before} == before  # every byte kept, in place
    assert (repo / "models/churn.pkl.dvc").is_file()
    assert (repo / "assets/calls/first.wav.dvc").is_file()
    commit_all(repo, "data under DVC")
    assert [line.split()[0] for line in data003(repo)] == ["models/model.onnx"]
    assert git_tracks(repo, "assets") == [
        "assets/calls/.gitignore",
        "assets/calls/first.wav.dvc",
        "assets/sample.csv",
    ]


def test_data_where_the_pipeline_writes_too_is_tracked_around_its_outputs(tmp_path: Path) -> None:
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
    # the pipeline told to keep its data in data/, beside the user's (by default it would not)
    done = run_mlops("add", "dvc", "--track-data", "-d", "data_dir=data", "--path", str(repo))
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
    # with the pipeline's data in data/ too, data/ is tracked file by file
    done = run_mlops("add", "dvc", "--track-data", "-d", "data_dir=data", "--path", str(repo))
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
        (root / "data.dvc").write_text("outs: []\n")
        (root / ".gitignore").write_text("/data\n")
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
    child.expect_exact("git rm -r --cached data && dvc add data")
    child.expect_exact("Put it under DVC now? Your files stay where they are; git stops tracking")
    child.sendline(answer)  # Enter alone: the default, no
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert snapshot(repo / "data") == data_before
    assert (repo / "data.dvc").is_file() is tracked
    in_git = [f"data/raw/{name}" for name in ("customers.csv", "orders.csv")]
    assert git_tracks(repo, "data") == ([] if tracked else in_git)
