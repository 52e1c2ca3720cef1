"""Score the doctor's project kind against hand-labelled kinds of real repositories.

    .venv/bin/python bench/kinds.py [SET ...] [--corpus] [--repo NAME ...]
                                    [--save F] [--compare F]

A kind decides which checks apply, so a wrong kind makes many false results at once.
Kind-only sets (bench/corpus/kinds/<batch>.yml, entries shaped like repos.yml's, `why`
quoting the deciding lines) label many more repositories than the full corpus can: a
kind is read from a README and a tree in minutes. SET names files of that folder (all of
them by default); `--corpus` adds bench/corpus/repos.yml's repositories (held-out ones
left out; `--no-sets` leaves the kind-only sets out). Each tree is rebuilt from its
snapshot as in corpus mode (bench/corpus.py), the doctor runs through its library API,
and the script prints each repository whose
kind is wrong with the doctor's evidence, a confusion table and the accuracy. `--save F`
writes every decided kind to F; `--compare F` lists the kinds that moved since.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import corpus
from doctor import CACHE, MIRROR, doctor_api

KIND_SETS = corpus.HERE / "kinds"
KINDS = ("application", "example", "library", "template", "monorepo")


def kind_sets(names: list[str]) -> list[Path]:
    """The kind-only set files named (stem or file name), or all of them."""
    files = sorted(KIND_SETS.glob("*.yml"))
    if not names:
        return files
    chosen = [f for f in files if f.stem in names or f.name in names]
    unknown = sorted(set(names) - {f.stem for f in chosen} - {f.name for f in chosen})
    if unknown:
        sys.exit(f"no kind set named {', '.join(unknown)} in {KIND_SETS}")
    return chosen


def confusion_table(pairs: list[tuple[str, str]]) -> str:
    """Rows: the labelled kind; columns: the doctor's."""
    counts = Counter(pairs)
    corner = "label / doctor"
    lines = [f"{corner:<16}" + "".join(f"{k:>12}" for k in KINDS)]
    for label in KINDS:
        lines.append(f"{label:<16}" + "".join(f"{counts[label, k]:>12}" for k in KINDS))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/kinds.py", description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="kind-only sets to score (default: all)")
    parser.add_argument("--corpus", action="store_true", help="also the labelled corpus")
    parser.add_argument(
        "--no-sets", action="store_true", help="no kind-only set (with --corpus: the corpus alone)"
    )
    parser.add_argument("--repo", action="append", help="only this repository (repeatable)")
    parser.add_argument("--save", type=Path, help="write every decided kind to this JSON file")
    parser.add_argument("--compare", type=Path, help="list the kinds that moved since a --save")
    parser.add_argument(
        "--fetched-only",
        action="store_true",
        help="score only the repositories whose snapshot is here, and count the others",
    )
    args = parser.parse_args()

    sets = [] if args.no_sets else kind_sets(args.sets)
    repos = [repo for path in sets for repo in corpus.load_repos(path)]
    if args.corpus:
        repos += [repo for repo in corpus.load_repos() if not repo.held_out]
    if args.repo:
        repos = [repo for repo in repos if repo.name in args.repo]
    if args.fetched_only:
        repos, unfetched = corpus.fetched_only(repos, MIRROR)
        total = len(repos) + len(unfetched)
        print(f"{len(unfetched)} of {total} repositories have no snapshot here")
    audit = doctor_api()
    decided: dict[str, str] = {}
    pairs = []
    for repo in repos:
        report = audit(corpus.rebuild(repo, MIRROR, CACHE / "corpus").tree)
        decided[repo.name] = report["kind"]
        pairs.append((repo.kind, report["kind"]))
        if report["kind"] != repo.kind:
            print(
                f"{repo.name}: labelled {repo.kind}, doctor {report['kind']} "
                f"({report['kind_evidence']})"
            )
    right = sum(label == kind for label, kind in pairs)
    print(
        f"\n{confusion_table(pairs)}\n\nkind right on {right} of {len(pairs)}"
        f" ({right / max(1, len(pairs)):.2f})"
    )
    if args.save:
        args.save.write_text(json.dumps(decided, indent=1, sort_keys=True) + "\n")
    if args.compare:
        saved = json.loads(args.compare.read_text())
        moved = [
            f"{name}: {saved[name]} -> {kind}"
            for name, kind in decided.items()
            if name in saved and saved[name] != kind
        ]
        print(f"\nKinds that moved since {args.compare}: {len(moved)}")
        for line in moved:
            print(f"  {line}")


if __name__ == "__main__":
    main()
