"""A monorepo's projects audited in a second process: the same report as in one, and no
process left behind, whatever happens."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mlops_scaffold.doctor import run, second_process
from mlops_scaffold.doctor.reporting.as_json import to_dict
from mlops_scaffold.doctor.second_process import SecondProcess
from tests.conftest import build_file_tree
from tests.doctor.helpers import audit, git_commit

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The children forked from now on (two CPUs to run on, whatever the machine has)."""
    forked: list[int] = []
    fork = os.fork

    def recorded() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(second_process, "usable_cpus", lambda: 2)
    monkeypatch.setattr(os, "fork", recorded)
    return forked


def _ended(pid: int) -> bool:
    """Whether no process (not even an unreaped one) has this id any more."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_both_values_come_from_the_child(forks: list[int]) -> None:
    with SecondProcess(os.getpid, os.getpid) as second:
        early, pid = second.early(), second.result()
    assert forks == [pid] == [early]
    assert pid != os.getpid()
    assert _ended(pid)


def test_the_work_comes_from_the_child_without_asking_for_the_first_value(
    forks: list[int],
) -> None:
    with SecondProcess(lambda: "first", os.getpid) as second:
        pid = second.result()
    assert forks == [pid]


def test_without_a_fork_the_work_is_done_here(forks: list[int]) -> None:
    with SecondProcess(os.getpid, os.getpid, fork=False) as second:
        assert second.early() == second.result() == os.getpid()
    assert forks == []


def test_work_the_child_fails_is_done_again_here(forks: list[int]) -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            raise RuntimeError("fails in the child only")
        return os.getpid()

    with SecondProcess(os.getpid, work) as second:
        assert second.early() == forks[0]  # sent before the work failed
        assert second.result() == parent
    assert len(forks) == 1


def test_an_error_in_the_work_is_raised_here(forks: list[int]) -> None:
    def work() -> int:
        raise ValueError("a broken check")

    broken = SecondProcess(os.getpid, work)
    with pytest.raises(ValueError, match="a broken check"), broken as second:
        second.result()
    assert len(forks) == 1 and _ended(forks[0])


def test_ctrl_c_leaves_no_child_behind(forks: list[int]) -> None:
    slow: Callable[[], None] = lambda: time.sleep(60)  # noqa: E731
    with pytest.raises(KeyboardInterrupt), SecondProcess(slow, slow):
        raise KeyboardInterrupt
    assert len(forks) == 1 and _ended(forks[0])


def _monorepo() -> dict[str, str]:
    """Three projects with findings of their own (a broken YAML file, a service, unpinned
    requirements) beside a root that lints them all."""
    tree = {
        "README.md": "# Projects\n\nOne folder per project.\n",
        "ruff.toml": "line-length = 100\n",
        ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n"
        "      - run: pytest\n",
    }
    for name in ("churn", "fraud", "vision"):
        tree[f"{name}/README.md"] = f"# {name}\n\nRun `pip install -r requirements.txt`.\n"
        tree[f"{name}/requirements.txt"] = "scikit-learn\nfastapi\n"
        tree[f"{name}/train.py"] = "def main(model, x, y):\n    model.fit(x, y)\n"
        tree[f"{name}/app.py"] = "from fastapi import FastAPI\n\napp = FastAPI()\n"
    tree["fraud/config.yaml"] = "key: [unclosed\n"
    return tree


def _alone_and_shared(
    root: Path, tree: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The report of `tree` audited in one process, then with a second process forced."""
    build_file_tree(root, tree)
    git_commit(root)
    monkeypatch.setattr(run, "SECOND_PROCESS_FILES", 0)
    monkeypatch.setattr(second_process, "usable_cpus", lambda: 1)
    alone = to_dict(audit(root))
    monkeypatch.setattr(second_process, "usable_cpus", lambda: 2)
    return alone, to_dict(audit(root))


def test_a_monorepo_audited_in_two_processes_reports_as_in_one(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone, shared = _alone_and_shared(tmp_path, _monorepo(), monkeypatch)
    assert len(forks) == 1
    assert alone["projects"] == ["churn", "fraud", "vision"]
    assert shared == alone


def _course() -> dict[str, str]:
    """A course in lesson folders: one deploys a service that monitors nothing, and
    another lesson shows drift monitoring (credited to it after both processes end)."""
    service = "from flask import Flask\n\napp = Flask(__name__)\n"
    return {
        "README.md": "# A course on MLOps\n",
        "01-intro/notes.md": "Why MLOps.\n",
        "02-train/requirements.txt": "scikit-learn==1.5.0\n",
        "02-train/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
        "03-serving/requirements.txt": "flask==3.0.0\n",
        "03-serving/app.py": service + "\n\n@app.route('/predict')\ndef predict() -> str:\n"
        "    return 'ok'\n",
        "03-serving/Procfile": "web: flask run\n",
        "04-monitoring/requirements.txt": "evidently==0.4.0\n",
        "04-monitoring/drift.py": "from evidently.report import Report\n\nreport = Report([])\n",
    }


def test_a_course_audited_in_two_processes_reports_as_in_one(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone, shared = _alone_and_shared(tmp_path, _course(), monkeypatch)
    assert len(forks) == 1
    assert alone["kind"] == "example" and len(alone["projects"]) >= 2
    assert any("course shows it" in (c["reason"] or "") for c in alone["checks"])
    assert shared == alone


def test_a_small_monorepo_is_audited_in_one_process(tmp_path: Path, forks: list[int]) -> None:
    build_file_tree(tmp_path, _monorepo())
    git_commit(tmp_path)
    assert audit(tmp_path).projects == ("churn", "fraud", "vision")
    assert forks == []


def _projects(*sizes: int) -> tuple[tuple[str, ...], list[int]]:
    """Nested projects of these numbers of files, and their sizes."""
    return tuple(f"p{i}" for i in range(len(sizes))), list(sizes)


def test_the_second_process_takes_the_later_projects_about_their_share_of_files() -> None:
    ours, theirs = run._shares(*_projects(100, 100, 100, 100), 600)  # the root holds 200
    assert ours == ("p0",)
    assert theirs == ("p1", "p2", "p3")
    ours, theirs = run._shares(*_projects(100, 100, 100, 100, 100), 500)
    assert ours == ("p0", "p1")
    assert theirs == ("p2", "p3", "p4")


def test_a_project_holding_most_files_goes_to_the_second_process() -> None:
    ours, theirs = run._shares(*_projects(20, 1000), 1020)
    assert ours == ("p0",)
    assert theirs == ("p1",)


def test_projects_of_few_files_stay_in_one_process() -> None:
    ours, theirs = run._shares(*_projects(40, 40, 40), 1000)
    assert len(ours) == 3 and theirs == ()


def test_the_work_is_pending_while_the_child_computes_it(forks: list[int]) -> None:
    with SecondProcess(os.getpid, lambda: time.sleep(0.5) or os.getpid()) as second:
        second.early()
        assert second.pending()
        pid = second.result()
    assert forks == [pid]
    with SecondProcess(os.getpid, os.getpid, fork=False) as alone:
        assert not alone.pending()  # no child: nothing arrives, the work is done here


def test_a_course_audited_while_the_child_works_reports_as_after_it(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    ahead: list[bool] = []
    credit = run._credit_course_shown

    def recorded(*args: Any) -> Any:
        ahead.append(args[4] is not None)
        return credit(*args)

    monkeypatch.setattr(run, "_credit_course_shown", recorded)
    # The child's results always still on their way: the course is audited meanwhile.
    monkeypatch.setattr(SecondProcess, "pending", lambda self: self._pipe is not None)
    alone, shared = _alone_and_shared(tmp_path, _course(), monkeypatch)
    assert ahead == [False, True]
    assert shared == alone
