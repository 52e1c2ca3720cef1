"""The pre-commit hooks run offline, from tools the project's dev lock installs."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.generated.imports import locked_distributions

# Console scripts of the packages that provide the hooks' commands.
TOOLS_BY_DISTRIBUTION = {
    "ruff": {"ruff"},
    "nbstripout": {"nbstripout"},
    "pre-commit-hooks": {
        "check-yaml",
        "check-toml",
        "check-json",
        "end-of-file-fixer",
        "trailing-whitespace-fixer",
        "check-merge-conflict",
        "check-added-large-files",
        "detect-private-key",
    },
}


def hooks(project: Path) -> list[dict]:
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [dict(hook, repo=repo["repo"]) for repo in config["repos"] for hook in repo["hooks"]]


def test_every_hook_is_local_so_nothing_is_fetched(default_project: Path) -> None:
    assert {hook["repo"] for hook in hooks(default_project)} == {"local"}


def test_every_hook_command_comes_from_the_dev_lock(default_project: Path) -> None:
    locked = locked_distributions(default_project / "requirements" / "dev.txt")
    available = set().union(
        *(tools for dist, tools in TOOLS_BY_DISTRIBUTION.items() if dist in locked)
    )
    commands = {hook["entry"].split()[0] for hook in hooks(default_project)}
    assert sorted(commands - {f".venv/bin/{tool}" for tool in available}) == []


def test_ruff_lints_and_formats_on_commit(default_project: Path) -> None:
    entries = {
        hook["entry"].split()[:2][-1]
        for hook in hooks(default_project)
        if hook["entry"].startswith(".venv/bin/ruff ")
    }
    assert entries == {"check", "format"}
