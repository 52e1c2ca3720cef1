"""The doctor's report cache: a warm run prints what a cold one does, and every change to
what the audit reads (a file, the listing, the configuration, the options) audits again."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mlops_scaffold.doctor import cache, run
from mlops_scaffold.doctor.report import Report
from tests.conftest import build_file_tree, invoke
from tests.doctor.helpers import git_commit

TREE = {
    "README.md": "# Demo\n\nSome words.\n",
    "pyproject.toml": '[project]\nname = "demo"\nversion = "0.1"\n',
    "src/demo/__init__.py": "import numpy\n",
    "requirements.txt": "numpy\n",
}
LONG_AGO = time.time() - 3600


def backdate(root: Path, seconds_ago: float = 3600) -> None:
    """Every file of the work tree last modified long ago: older than the racy window."""
    when = time.time() - seconds_ago
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            os.utime(os.path.join(folder, name), (when, when))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = build_file_tree(tmp_path / "repo", TREE)
    git_commit(root)
    backdate(root)
    return root


@pytest.fixture
def audits(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The repositories audited for real (not answered from the cache), in order."""
    audited: list[Path] = []
    real: Callable[..., Report] = run.find_findings

    def counted(path: Path, *args: object, **kwargs: object) -> Report:
        audited.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(run, "find_findings", counted)
    return audited


def doctor(root: Path, *args: str) -> tuple[int, str]:
    return invoke("doctor", str(root), *args)


@pytest.mark.parametrize("output_format", ["json", "table", "sarif"])
def test_a_warm_report_is_the_cold_one(repo: Path, audits: list[Path], output_format: str) -> None:
    cold = doctor(repo, "--format", output_format)
    warm = doctor(repo, "--format", output_format)
    assert warm == cold
    assert len(audits) == 1  # the second came from the cache
    assert cold[0] == 1 and "ENV" in cold[1]  # a report with findings, not an empty one


def test_the_cache_is_outside_the_repository(
    repo: Path, audits: list[Path], doctor_cache: Path
) -> None:
    before = sorted(p for p in repo.rglob("*") if ".git" not in p.parts)
    doctor(repo)
    doctor(repo)
    assert sorted(p for p in repo.rglob("*") if ".git" not in p.parts) == before
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored"], cwd=repo, capture_output=True, text=True
    )
    assert status.stdout == ""
    entries = list((doctor_cache / "mlops-scaffold/doctor").iterdir())
    assert entries and all(entry.suffix == ".json" for entry in entries)


def edit_readme(root: Path) -> None:
    (root / "README.md").write_text("# Demo\n\nOther words.\n")  # the same size
    backdate(root, 1800)


def touch_readme(root: Path) -> None:
    os.utime(root / "README.md", (LONG_AGO + 5, LONG_AGO + 5))


def add_untracked(root: Path) -> None:
    (root / ".env").write_text("API_KEY=abc\n")
    backdate(root)


def delete_requirements(root: Path) -> None:
    (root / "requirements.txt").unlink()


def configure(root: Path) -> None:
    with open(root / "pyproject.toml", "a") as handle:
        handle.write('\n[tool.mlops.doctor]\nignore = ["ENV"]\n')
    backdate(root, 1800)


def add_origin(root: Path) -> None:
    """The remote a clone came from: its name is evidence of the project's kind."""
    git = ["git", "remote", "add", "origin", "https://github.com/me/demo-tutorial.git"]
    subprocess.run(git, cwd=root, check=True, capture_output=True)


@pytest.mark.parametrize(
    "change",
    [edit_readme, touch_readme, add_untracked, delete_requirements, configure, add_origin],
)
def test_a_change_to_the_repository_audits_again(
    repo: Path, audits: list[Path], change: Callable[[Path], None]
) -> None:
    doctor(repo, "--format", "json")
    change(repo)
    after = doctor(repo, "--format", "json")
    assert len(audits) == 2
    assert after == doctor(repo, "--format", "json", "--no-cache")


def test_other_options_audit_again(repo: Path, audits: list[Path]) -> None:
    doctor(repo, "--format", "json")
    selected = doctor(repo, "--format", "json", "--select", "DOCS")
    assert len(audits) == 2
    assert '"ENV' not in selected[1]
    failing_on_errors = doctor(repo, "--format", "json", "--fail-on", "error")
    assert len(audits) == 3
    assert failing_on_errors == doctor(repo, "--format", "json", "--fail-on", "error", "--no-cache")


def test_a_kind_given_after_an_audit_without_it_audits_again(
    repo: Path, audits: list[Path]
) -> None:
    doctor(repo, "--format", "json")
    code, output = doctor(repo, "--format", "json", "--kind", "example")
    assert len(audits) == 2
    document = json.loads(output)
    assert (document["kind"], document["kind_evidence"]) == ("example", "set with --kind")
    assert (code, output) == doctor(repo, "--format", "json", "--kind", "example", "--no-cache")


def test_a_just_edited_file_is_not_cached(
    repo: Path, audits: list[Path], doctor_cache: Path
) -> None:
    (repo / "README.md").write_text("# Demo\n\nFresh words.\n")  # mtime: now
    doctor(repo)
    doctor(repo)
    assert len(audits) == 2
    assert not (doctor_cache / "mlops-scaffold").exists()


def test_outside_git_nothing_is_cached(tmp_path: Path, audits: list[Path]) -> None:
    root = build_file_tree(tmp_path / "plain", TREE)
    backdate(root)
    assert doctor(root) == doctor(root)
    assert len(audits) == 2


def test_no_cache_audits(repo: Path, audits: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    cold = doctor(repo)
    assert doctor(repo, "--no-cache") == cold
    monkeypatch.setenv("MLOPS_NO_CACHE", "1")
    assert doctor(repo) == cold
    assert len(audits) == 3


def test_a_corrupt_entry_audits_again(repo: Path, audits: list[Path], doctor_cache: Path) -> None:
    cold = doctor(repo, "--format", "json")
    [entry] = (doctor_cache / "mlops-scaffold/doctor").iterdir()
    for garbage in (b"\xff{not json", b'{"format": 1, "key": 3}', b"[]"):
        entry.write_bytes(garbage)
        assert doctor(repo, "--format", "json") == cold
    assert len(audits) == 4


def test_a_tampered_entry_for_the_right_key_audits_again(
    repo: Path, audits: list[Path], doctor_cache: Path
) -> None:
    cold = doctor(repo, "--format", "json")
    [entry] = (doctor_cache / "mlops-scaffold/doctor").iterdir()
    entry.write_text(entry.read_text().replace('"results":[', '"results":[{"id":1},'))
    assert doctor(repo, "--format", "json") == cold
    assert len(audits) == 2


def test_an_unwritable_cache_folder_audits(
    repo: Path, audits: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    cold = doctor(repo, "--format", "json")
    assert doctor(repo, "--format", "json") == cold
    assert len(audits) == 2


def test_entries_are_bounded(
    tmp_path: Path, doctor_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    for number in range(4):
        root = build_file_tree(tmp_path / f"repo{number}", TREE)
        git_commit(root)
        backdate(root)
        doctor(root)
    assert len(list((doctor_cache / "mlops-scaffold/doctor").iterdir())) == 2


def test_a_stored_report_reads_back_equal(tmp_path: Path) -> None:
    root = build_file_tree(
        tmp_path / "mono",
        {
            **{f"a/{rel}": text for rel, text in TREE.items()},
            **{f"b/{rel}": text for rel, text in TREE.items()},
            "README.md": "# Two projects\n",
        },
    )
    git_commit(root)
    report = run.find_findings(root)
    assert report.projects and report.findings
    key = cache.Key(tmp_path / "cache" / "entry.json", "digest", storable=True)
    cache.store(key, report)
    assert cache.load(key) == report


@pytest.mark.parametrize("attributes", [".gitattributes", ".git/info/attributes"])
def test_attributes_outside_the_audited_folder_audit_again(
    tmp_path: Path, audits: list[Path], attributes: str
) -> None:
    """Auditing a project folder inside a clone: git applies the attributes files of the
    folders above and of the git folder, which are not in the project's listing."""
    root = build_file_tree(tmp_path / "clone", {f"project/{rel}": t for rel, t in TREE.items()})
    git_commit(root)
    backdate(root)
    doctor(root / "project")
    (root / attributes).parent.mkdir(parents=True, exist_ok=True)
    (root / attributes).write_text("*.txt binary\n")
    os.utime(root / attributes, (LONG_AGO, LONG_AGO))
    doctor(root / "project")
    doctor(root / "project")
    assert len(audits) == 2


def test_a_new_day_audits_again(
    repo: Path, audits: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """End-of-life checks compare dates with today: yesterday's report is not reused."""
    doctor(repo, "--format", "json")
    monkeypatch.setattr(cache, "today", lambda: "2099-01-01")
    doctor(repo, "--format", "json")
    assert len(audits) == 2
