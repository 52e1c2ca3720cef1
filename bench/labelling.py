"""Run a blind labelling round: the repositories already known, a labeller's folder
checked, and a checked folder added to the corpus. The brief labellers follow is
bench/corpus/LABELLING.md.

    python bench/labelling.py known > known-repos.txt
    python bench/labelling.py check FOLDER [--kinds-only]
    python bench/labelling.py add FOLDER [--apply]

A labeller's folder holds `new-repos-<round><part>.yml` (entries as in repos.yml) and
`labels/<name>.yml`, or, for a kind-only batch, `K<n>.yml`. `check` verifies each entry
against its snapshot (`fetch github:<owner>/<name>` puts it under /work/.mirror): the
commit exists, `files` and `tree_sha256` are what `git ls-tree -r <commit>` gives, the
name and the repository are new, and each labels file gives every check id, in the
catalogue's order, a label and its evidence. `add` appends a checked round's entries to
repos.yml and copies its labels (`--apply`; without it, says what it would do).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import HERE, LABELS, Repo, snapshot_dir, tree_listing
from doctor import MIRROR

from mlops_scaffold.catalogue import PRACTICES

KINDS = ("application", "library", "template", "example", "monorepo")
ENTRY_KEYS = {"name", "url", "commit", "kind", "files", "tree_sha256", "held_out", "why"}
LABELS_HEADER = "# Labels decided by reading"
GITHUB = "https://github.com/"


def check_ids() -> list[str]:
    """The catalogue's check ids in its order, as every labels file lists them."""
    return [entry.id for entry in PRACTICES]


def known_repositories() -> list[str]:
    """`owner/name` (lower case) of every repository the corpus or a kind batch holds."""
    files = [HERE / "repos.yml", *sorted((HERE / "kinds").rglob("*.yml"))]
    slugs = {
        entry["url"].removeprefix(GITHUB).rstrip("/").removesuffix(".git").lower()
        for path in files
        for entry in (yaml.safe_load(path.read_text()) or {}).get("repos", [])
    }
    return sorted(slugs)


def entries_of(folder: Path, kinds_only: bool) -> list[dict[str, Any]]:
    """The entries a labeller's folder adds: its new-repos-*.yml, or K*.yml."""
    pattern = "K*.yml" if kinds_only else "new-repos-*.yml"
    return [
        entry
        for path in sorted(folder.glob(pattern))
        for entry in yaml.safe_load(path.read_text())["repos"]
    ]


def _listing(entry: dict[str, Any]) -> bytes | str:
    """`git ls-tree -r <commit>` of the entry's snapshot, or why it cannot be listed."""
    git_dir = snapshot_dir(Repo(**{key: entry[key] for key in ENTRY_KEYS}), MIRROR)
    try:
        return tree_listing(git_dir, entry["commit"])
    except subprocess.CalledProcessError:
        return f"cannot list it in {git_dir}"


def entry_problems(entry: dict[str, Any], taken: set[str], known: set[str]) -> list[str]:
    """What is wrong with one entry: keys, name, kind, and its snapshot's listing."""
    name = entry.get("name", "?")
    missing = ENTRY_KEYS - set(entry)
    if missing:
        return [f"{name}: missing keys {sorted(missing)}"]
    problems = []
    if name in taken:
        problems.append(f"{name}: the name is already used in the corpus")
    if entry["url"].removeprefix(GITHUB).lower() in known:
        problems.append(f"{name}: {entry['url']} is already in the corpus")
    if entry["kind"] not in KINDS:
        problems.append(f"{name}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
    listing = _listing(entry)
    if isinstance(listing, str):
        problems.append(f"{name}: {listing}")
    else:
        if hashlib.sha256(listing).hexdigest() != entry["tree_sha256"]:
            problems.append(f"{name}: tree_sha256 is not the sha256 of git ls-tree -r <commit>")
        listed = listing.count(b"\n")
        if listed != entry["files"]:
            problems.append(f"{name}: files {entry['files']}, git lists {listed}")
    return problems


def labels_problems(path: Path, ids: list[str]) -> list[str]:
    """What is wrong with one labels file: its header, its ids and their labels."""
    if not path.is_file():
        return [f"no {path}"]
    text = path.read_text()
    try:
        labels = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        return [f"{path}: not YAML: {error}"]
    problems = []
    if not text.startswith(LABELS_HEADER):
        problems.append(f"{path}: the first line must start {LABELS_HEADER!r}")
    if list(labels) != ids:
        problems.append(f"{path}: the ids must be, in this order: {' '.join(ids)}")
    problems += [
        f"{path}: {check_id} needs {{label: finding|pass|n/a, evidence: ...}}"
        for check_id, entry in labels.items()
        if not isinstance(entry, dict)
        or entry.get("label") not in LABELS
        or not entry.get("evidence")
    ]
    return problems


def check(folder: Path, kinds_only: bool) -> list[str]:
    """Every problem of a labeller's folder."""
    entries = entries_of(folder, kinds_only)
    if not entries:
        return [f"{folder}: no entries"]
    taken = {path.stem for path in (HERE / "labels").glob("*.yml")}
    known = set(known_repositories())
    ids = check_ids()
    problems = []
    for entry in entries:
        problems += entry_problems(entry, taken, known)
        if not kinds_only and "name" in entry:
            problems += labels_problems(folder / "labels" / f"{entry['name']}.yml", ids)
    return problems


def add(folder: Path, apply: bool) -> None:
    """Append a checked round's entries to repos.yml and copy its labels."""
    problems = check(folder, kinds_only=False)
    if problems:
        raise SystemExit("\n".join(problems))
    for path in sorted(folder.glob("new-repos-*.yml")):
        text = path.read_text()
        body = text.split("\n", 1)[1] if text.startswith("repos:") else text
        for entry in yaml.safe_load(text)["repos"]:
            print(f"{'adding' if apply else 'would add'} {entry['name']} ({entry['kind']})")
            if apply:
                shutil.copy(folder / "labels" / f"{entry['name']}.yml", HERE / "labels")
        if apply:
            with (HERE / "repos.yml").open("a") as repos:
                repos.write(body if body.endswith("\n") else body + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/labelling.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("known", help="print owner/name of every repository already known")
    checking = commands.add_parser("check", help="check a labeller's folder")
    checking.add_argument("folder", type=Path)
    checking.add_argument("--kinds-only", action="store_true", help="a kind-only batch")
    adding = commands.add_parser("add", help="add a checked folder to the corpus")
    adding.add_argument("folder", type=Path)
    adding.add_argument("--apply", action="store_true", help="write, not only say")
    args = parser.parse_args()
    if args.command == "known":
        print("\n".join(known_repositories()))
    elif args.command == "check":
        problems = check(args.folder, args.kinds_only)
        print("\n".join(problems) or f"OK: {args.folder}")
        raise SystemExit(1 if problems else 0)
    else:
        add(args.folder, args.apply)


if __name__ == "__main__":
    main()
