"""`mlops add lock`: the repo's declared dependencies, compiled into hash-locked sets.

The compiling tests resolve against PyPI with uv (about 10 s for the shared repo).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mlops_scaffold.cli import main
from mlops_scaffold.doctor.run import find_findings
from mlops_scaffold.lock import unlocked_requirement_files
from mlops_scaffold.repo.dependencies import declared_dependencies
from mlops_scaffold.repo.view import Repo
from tests.add.trees import build_tree, commit_all, foreign_repo, snapshot
from tests.conftest import run_mlops

BARE_REQUIREMENTS = "scikit-learn\nrequests\n"


@pytest.fixture(scope="module")
def locked_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repo with only a bare requirements.txt, after `mlops add lock --force`."""
    repo = foreign_repo(
        tmp_path_factory.mktemp("bare"),
        {"requirements.txt": BARE_REQUIREMENTS, "src/demo/train.py": "def train(): ...\n"},
    )
    commit_all(repo)
    done = run_mlops("add", "lock", "--force", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    commit_all(repo, "mlops add lock")
    return repo


def test_train_in_gets_the_requirements_the_repo_declares(locked_repo: Path) -> None:
    text = (locked_repo / "requirements/train.in").read_text()
    assert "# Declared by this repo (requirements.txt):\nscikit-learn\nrequests\n" in text


def test_train_txt_pins_the_declared_requirements_with_hashes(locked_repo: Path) -> None:
    text = (locked_repo / "requirements/train.txt").read_text()
    pinned = text.split("requests==", 1)[1].splitlines()
    assert pinned[0].endswith("\\") and "--hash=sha256:" in pinned[1]


def test_a_lock_alone_brings_none_of_the_template_stack(locked_repo: Path) -> None:
    train = (locked_repo / "requirements/train.txt").read_text()
    serve = (locked_repo / "requirements/serve.txt").read_text()
    assert "scikit-learn==" in train and "skl2onnx==" not in train and "onnx==" not in train
    assert "==" not in serve  # no serving code in the repo: nothing to serve with


def test_bare_requirements_txt_becomes_a_pointer_to_the_lock_with_a_backup(
    locked_repo: Path,
) -> None:
    backups = list((locked_repo / ".mlops-backup").glob("*/requirements.txt"))
    assert [backup.read_text() for backup in backups] == [BARE_REQUIREMENTS]
    assert (locked_repo / "requirements.txt").read_text().endswith("-r requirements/train.txt\n")


def test_doctor_no_longer_reports_unpinned_or_unhashed_requirements(locked_repo: Path) -> None:
    ids = {finding.id for finding in find_findings(locked_repo).findings}
    assert ids & {"ENV002", "ENV003", "ENV004"} == set()


def test_without_force_the_bare_file_is_kept_and_the_plan_says_how_to_fix_it(
    tmp_path: Path,
) -> None:
    repo = foreign_repo(tmp_path, {"requirements.txt": BARE_REQUIREMENTS})
    done = run_mlops("add", "lock", "--dry-run", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert "skip     requirements.txt" in done.stdout
    assert "requirements.txt is not hash-pinned" in done.stdout


def test_a_requirement_uv_cannot_resolve_fails_and_writes_nothing(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path, {"requirements.txt": "mlops-no-such-package-t7==0.0.1\n"})
    before = snapshot(repo)
    done = run_mlops("add", "lock", "--path", str(repo))
    assert done.returncode == 1
    assert "uv could not lock requirements/train.in" in done.stderr
    assert snapshot(repo) == before


def test_missing_uv_is_a_one_line_error_with_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = foreign_repo(tmp_path, {"requirements.txt": BARE_REQUIREMENTS})
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-tools" / "python"))
    monkeypatch.setattr(sys, "argv", ["mlops", "add", "lock", "--path", str(repo)])
    with pytest.raises(SystemExit) as exited:
        main()
    stderr = capsys.readouterr().err
    assert exited.value.code == 2
    assert stderr.splitlines()[0].startswith("error: uv is not installed")
    assert "pip install uv" in stderr


def test_a_repo_with_its_own_train_in_keeps_it_and_compiles_nothing_from_it(
    tmp_path: Path,
) -> None:
    repo = foreign_repo(tmp_path, {"requirements/train.in": "numpy\n"})
    done = run_mlops("add", "lock", "--path", str(repo))
    assert done.returncode == 0, done.stderr
    assert (repo / "requirements/train.in").read_text() == "numpy\n"
    assert not (repo / "requirements/train.txt").exists()
    assert "requirements/train.txt (compiled from your own requirements/train.in" in done.stdout


# -- reading what a repo declares (no network) -----------------------------------------


def test_pyproject_groups_go_to_the_set_their_name_says(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "demo"\ndependencies = ["pandas>=2"]\n'
            '[project.optional-dependencies]\napi = ["fastapi"]\ntest = ["pytest"]\n'
            'plots = ["matplotlib"]\n'
        },
    )
    declared = declared_dependencies(Repo.open(repo))
    assert (declared.train, declared.serve, declared.dev) == (
        ("pandas>=2", "matplotlib"),
        ("fastapi",),
        ("pytest",),
    )


def test_poetry_constraints_become_pep_508_ranges(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.poetry]\nname = "demo"\n[tool.poetry.dependencies]\n'
            'python = "^3.11"\nnumpy = "^1.26"\nrequests = "~2.31"\nrich = "*"\n'
            'torch = {version = "2.3.0", extras = ["cpu"]}\nlocal = {path = "../local"}\n'
        },
    )
    declared = declared_dependencies(Repo.open(repo))
    assert declared.train == ("numpy>=1.26,<2", "requests>=2.31,<2.32", "rich", "torch[cpu]==2.3.0")
    assert [entry.split()[0] for entry in declared.left_out] == ["local"]


def test_poetry_constraints_per_platform_become_requirements_with_markers(tmp_path: Path) -> None:
    # one package, a constraint per platform (Poetry's list form), and markers on a table
    repo = build_tree(
        tmp_path,
        {
            "pyproject.toml": '[tool.poetry]\nname = "demo"\n[tool.poetry.dependencies]\n'
            'onnx = [\n  {version = "^1.16", platform = "linux"},\n'
            '  {version = "^1.15", platform = "darwin",'
            " markers = \"platform_machine == 'arm64'\"},\n]\n"
            'tomli = {version = "^2.0", python = "<3.11"}\n'
        },
    )
    declared = declared_dependencies(Repo.open(repo))
    assert declared.train == (
        "onnx>=1.16,<2 ; sys_platform == 'linux'",
        "onnx>=1.15,<2 ; (sys_platform == 'darwin') and (platform_machine == 'arm64')",
        "tomli>=2.0,<3 ; python_version < '3.11'",
    )


def test_a_package_uv_takes_from_git_is_left_out_of_the_lock(tmp_path: Path) -> None:
    repo = build_tree(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "demo"\ndependencies = ["numpy", "stubs-x"]\n'
            '[tool.uv.sources]\nstubs-x = { git = "https://example.com/stubs-x.git" }\n'
        },
    )
    declared = declared_dependencies(Repo.open(repo))
    assert declared.train == ("numpy",)
    assert declared.left_out == ("stubs-x (git in [tool.uv.sources])",)


def test_requirements_includes_are_followed_and_the_project_itself_left_out(
    tmp_path: Path,
) -> None:
    repo = build_tree(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "demo"\n',
            "requirements.txt": "-r base.txt\n-e .\ndemo[x]\nnumpy==1.26.4 \\\n --hash=sha:a\n",
            "base.txt": "pandas  # comment\n",
            "requirements-dev.txt": "pytest\n",
        },
    )
    declared = declared_dependencies(Repo.open(repo))
    assert (declared.train, declared.dev) == (("pandas", "numpy==1.26.4"), ("pytest",))


def test_a_pinned_file_with_one_unhashed_line_is_locked_as_doctor_reports_it(
    tmp_path: Path,
) -> None:
    hashed = " --hash=sha256:" + "a" * 64
    repo = foreign_repo(
        tmp_path,
        {
            "requirements.txt": f"numpy==2.1.0{hashed}\npandas==2.2.3\n",
            "requirements-serve.txt": f"fastapi==0.115.0{hashed}\n",
            "requirements-base.in": "scikit-learn\n",
            "requirements-base.txt": "scikit-learn==1.5.2\n",  # compiled from its .in: left alone
        },
    )
    commit_all(repo)
    reported = {f.path for f in find_findings(repo).findings if f.id == "ENV003"}
    assert reported == {"requirements.txt", "requirements-base.txt"}
    assert unlocked_requirement_files(Repo.open(repo)) == {"requirements.txt": "train"}


def test_an_unpinned_line_marks_its_file_for_its_set(tmp_path: Path) -> None:
    hashed = " --hash=sha256:" + "a" * 64
    repo = foreign_repo(tmp_path, {"requirements-dev.txt": f"pytest>=8{hashed}\n"})
    commit_all(repo)
    reported = {f.path for f in find_findings(repo).findings if f.id == "ENV002"}
    assert reported == {"requirements-dev.txt"}
    assert unlocked_requirement_files(Repo.open(repo)) == {"requirements-dev.txt": "dev"}
