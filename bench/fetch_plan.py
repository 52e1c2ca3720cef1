"""Which corpus repositories to fetch first, within a session's fetch quota.

    .venv/bin/python bench/fetch_plan.py [--budget 440] [--mirror /work/.mirror]

A session's machine starts with no snapshots and fetches at most 500 repositories, fewer
than the corpus and its kind-only batches name. This prints, one `owner/name` a line,
those not yet on this machine, newest first: the corpus rounds from the last labelled
backwards, each followed by the kind-only batch of the same session (K12 with round 32,
and so on), so a session holds its validation round whole and as much of the fit set as
the budget leaves. Keep about 60 fetches of the quota for a new blind round.
Give each line to `fetch github:<owner/name>`; then `bench/doctor.py corpus
--fetched-only` and `bench/kinds.py --fetched-only` score what arrived.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import corpus
from doctor import MIRROR

KIND_BATCH = re.compile(r"K(\d+)")


def newest_first() -> list[corpus.Repo]:
    """The corpus (newest entries first) with each kind batch after the corpus entries
    of the session that labelled it, kind batch K<n> going with round n + 20."""
    entries = list(reversed(corpus.load_repos()))
    batches = sorted(
        (path for path in (corpus.HERE / "kinds").glob("K*.yml")),
        key=lambda path: int(KIND_BATCH.match(path.stem).group(1)),  # type: ignore[union-attr]
        reverse=True,
    )
    rounds = {repo.name: _round(repo) for repo in entries}
    planned: list[corpus.Repo] = []
    for batch in batches:
        number = int(KIND_BATCH.match(batch.stem).group(1)) + 20  # type: ignore[union-attr]
        planned += [repo for repo in entries if rounds[repo.name] >= number and repo not in planned]
        planned += corpus.load_repos(batch)
    planned += [repo for repo in entries if repo not in planned]
    return planned


ORDINAL_WORDS = """first second third fourth fifth sixth seventh eighth ninth tenth eleventh
twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"""
ORDINALS = {word: number for number, word in enumerate(ORDINAL_WORDS.split(), start=1)}
TENS = {
    f"{word}{ending}": number
    for word, number in (
        ("twent", 20),
        ("thirt", 30),
        ("fort", 40),
        ("fift", 50),
        ("sixt", 60),
        ("sevent", 70),
        ("eight", 80),
        ("ninet", 90),
    )
    for ending in ("y", "ieth")
}


def _round(repo: corpus.Repo) -> int:
    """The round number a corpus entry's `why` names ("Thirty-first round"), 0 if none."""
    match = re.search(r"\b([A-Za-z]+)(?:-([a-z]+))? round\b", " ".join(repo.why.split()))
    if not match:
        return 0
    first, second = match.group(1).lower(), match.group(2)
    if second:
        return TENS.get(first, 0) + ORDINALS.get(second, 0)
    return TENS.get(first, ORDINALS.get(first, 0))


def main() -> None:
    description = __doc__.splitlines()[0]
    parser = argparse.ArgumentParser(prog="bench/fetch_plan.py", description=description)
    parser.add_argument("--budget", type=int, default=440, help="how many to list at most")
    parser.add_argument("--mirror", type=Path, default=MIRROR, help="where the snapshots are")
    args = parser.parse_args()
    seen: set[str] = set()
    listed = 0
    for repo in newest_first():
        slug = repo.url.removeprefix("https://github.com/").rstrip("/")
        if slug.lower() in seen or corpus.snapshot_dir(repo, args.mirror).is_dir():
            continue
        seen.add(slug.lower())
        print(slug)
        listed += 1
        if listed == args.budget:
            break


if __name__ == "__main__":
    main()
