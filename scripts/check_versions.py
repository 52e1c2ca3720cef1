"""Say what in the versions table (src/mlops_scaffold/versions.toml) is due for a bump.

Usage: python scripts/check_versions.py [--table PATH] [--today YYYY-MM-DD] [--tags-from URL]

Offline, it fails when a supported Python is past its end of life or within the table's
horizon of it. With --tags-from (the weekly workflow passes https://github.com/{name}.git), it
also reads each action's tags with `git ls-remote` and fails when a newer major release is out
or when a pinned SHA is not the commit of its tag. Exit 0: current; 1: something to bump.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mlops_scaffold.versions import TABLE, Action, Versions, read  # noqa: E402

RELEASE_TAG = re.compile(r"refs/tags/(v(\d+)\.(\d+)\.(\d+))(\^\{\})?$")


def aged_pythons(versions: Versions, today: date) -> list[str]:
    """A line for each supported Python past, or within the horizon of, its end of life."""
    return [
        f"Python {python} ends its life on {end}: drop it from versions.toml (its patch), "
        "copier.yml's choices, the locks' floor and the CI matrices"
        for python in versions.supported
        if (end := versions.ending(python, today))
    ]


def release_tags(url: str) -> dict[str, tuple[tuple[int, int, int], str]]:
    """Each vX.Y.Z tag of a repository: its version and the commit it names (tags peeled)."""
    listed = subprocess.run(
        ["git", "ls-remote", "--tags", url], capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        raise RuntimeError(listed.stderr.strip().splitlines()[-1] if listed.stderr else url)
    tags: dict[str, tuple[tuple[int, int, int], str]] = {}
    for line in listed.stdout.splitlines():
        sha, _, ref = line.partition("\t")
        match = RELEASE_TAG.match(ref)
        if match and (match.group(5) or match.group(1) not in tags):
            version = (int(match.group(2)), int(match.group(3)), int(match.group(4)))
            tags[match.group(1)] = (version, sha)
    return tags


def aged_action(action: Action, url: str) -> list[str]:
    """A line when a newer major release is out, or when the pin is not the commit of its tag."""
    try:
        tags = release_tags(url)
    except RuntimeError as problem:
        return [f"{action.name}: cannot read its tags ({problem})"]
    problems = []
    pinned = tags.get(action.tag)
    if pinned is None:
        problems.append(f"{action.name}: no tag {action.tag} at {url}")
    elif pinned[1] != action.sha:
        problems.append(
            f"{action.name}: {action.tag} is commit {pinned[1]}, the table pins {action.sha}"
        )
    if tags:
        newest, (version, sha) = max(tags.items(), key=lambda item: item[1][0])
        if version[0] > action.major:
            problems.append(
                f"{action.name}: {newest} is out (the table pins {action.tag}): "
                f"set tag = {newest!r}, sha = {sha!r} and update the workflows"
            )
    return problems


def find_bumps(versions: Versions, today: date, tags_from: str | None) -> list[str]:
    """Everything in the table due for a bump, one line each."""
    bumps = aged_pythons(versions, today)
    if tags_from:
        for action in versions.actions.values():
            bumps += aged_action(action, tags_from.format(name=action.name))
    return bumps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=Path, default=TABLE, help="the table to check")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(), help="YYYY-MM-DD")
    parser.add_argument(
        "--tags-from", metavar="URL", help="where each action's tags are: a URL with {name}"
    )
    args = parser.parse_args(argv)
    try:
        versions = read(args.table)
    except (OSError, KeyError, TypeError, ValueError) as problem:
        print(f"error: cannot read {args.table}: {problem}", file=sys.stderr)
        return 2
    bumps = find_bumps(versions, args.today, args.tags_from)
    for bump in bumps:
        print(f"bump: {bump}")
    if bumps:
        print(f"{len(bumps)} to bump in {args.table}", file=sys.stderr)
        return 1
    checked = "Pythons" + (" and actions" if args.tags_from else "")
    print(f"{args.table.name} is current on {args.today} ({checked} checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
