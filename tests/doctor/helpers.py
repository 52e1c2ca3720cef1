"""Build small repositories in tmp_path and audit them, the way a user would."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mlops_scaffold.doctor.report import Report, Status
from mlops_scaffold.doctor.run import find_findings
from tests.conftest import build_file_tree

Tree = dict[str, "str | bytes"]


def git_commit(root: Path) -> None:
    """`git init` and commit everything, so the doctor reads git's file list."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        [
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-qm",
            "init",
            "--allow-empty",
        ],
    ):
        subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)


def audit(root: Path, *select: str, **options: object) -> Report:
    """The report for root, limited to `select` ids when given."""
    return find_findings(root, select=list(select) or None, **options)  # type: ignore[arg-type]


def found_ids(report: Report) -> set[str]:
    """The ids that produced findings."""
    return {finding.id for finding in report.findings}


def status_of(report: Report, check_id: str) -> Status:
    """How one check ended."""
    return next(result.status for result in report.results if result.id == check_id)


def status_on(root: Path, tree: Tree, check_id: str) -> Status:
    """How one check ends on `tree`, built under root."""
    build_file_tree(root, tree)
    return status_of(audit(root, check_id), check_id)


def committed_kind(root: Path, tree: Tree) -> str:
    """The kind the doctor gives `tree`, built under root and committed."""
    build_file_tree(root, tree)
    git_commit(root)
    return str(audit(root, "DATA004").kind)


def committed_status(root: Path, tree: Tree, check_id: str) -> str:
    """How one check ends on `tree`, built under root and committed: "passed", "failed"
    or "not-applicable"."""
    build_file_tree(root, tree)
    git_commit(root)
    return str(status_of(audit(root, check_id), check_id).value)


def shown_findings(root: Path, tree: Tree, check_id: str) -> list[str]:
    """Build `tree` under `root` and audit it for one check: each finding as the user reads
    it, `path:line: message` without the check's title."""
    build_file_tree(root, tree)
    return [
        ":".join(str(part) for part in (f.path, f.line) if part is not None)
        + ": "
        + f.message.removeprefix(f"{f.title}: ")
        for f in audit(root, check_id).findings
    ]
