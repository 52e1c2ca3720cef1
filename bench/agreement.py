"""How far two human labellers agree: the ceiling of any tool scored against one of them.

bench/corpus/labels/<name>.yml is the first labelling of a repository; some repositories
were labelled a second time, blind to the first (bench/corpus/relabels/<name>.yml, whose
first line names the kind the second labeller chose). This script scores the second
labelling against the first exactly as bench/doctor.py scores the doctor (a `finding`
is reported; `pass` and `n/a` are not), and, given the doctor's saved verdicts for the
same repositories (`bench/doctor.py corpus ... --save F.json`), the doctor against each
labelling, so the three figures sit side by side.

    python bench/agreement.py [--doctor F.json] [--list]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import HERE, Score, load_labels, load_repos, score

RELABELS = HERE / "relabels"


def load_relabels(name: str) -> tuple[str, dict[str, tuple[str, str]]]:
    """The second labeller's kind and check id -> (label, evidence) for one repository."""
    raw = yaml.safe_load((RELABELS / f"{name}.yml").read_text())
    kind = raw.pop("kind")
    return kind, {check_id: (entry["label"], entry["evidence"]) for check_id, entry in raw.items()}


def as_reported(labels: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The checks one labelling calls findings, shaped like the doctor's reported checks."""
    return {
        check_id: evidence for check_id, (label, evidence) in labels.items() if label == "finding"
    }


def doctor_reported(verdicts: dict[str, str], name: str) -> dict[str, str]:
    """The checks the doctor reported on one repository, from saved verdicts (TP or FP)."""
    reported = {}
    for key, verdict in verdicts.items():
        repo, check_id = key.split()
        if repo == name and verdict in ("TP", "FP"):
            reported[check_id] = "reported by the doctor"
    return reported


Labels = dict[str, tuple[str, str]]


def three_way(first: Labels, second: Labels) -> Counter[str]:
    """How often the two labellings give the same of the three labels, and how they differ."""
    counts: Counter[str] = Counter()
    for check_id, (label, _) in first.items():
        other = second.get(check_id, ("n/a", ""))[0]
        counts["same" if label == other else f"{label} -> {other}"] += 1
    return counts


def line(title: str, result: Score) -> str:
    """One table row: TP/FP/FN, precision, recall."""
    return (
        f"| {title} | {result.tp}/{result.fp}/{result.fn} | "
        f"{result.precision:.2f} | {result.recall:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--doctor", type=Path, help="saved doctor verdicts (--save of bench/doctor.py)"
    )
    parser.add_argument("--list", action="store_true", help="print every disagreement")
    args = parser.parse_args()
    kinds = {repo.name: repo.kind for repo in load_repos()}
    verdicts = json.loads(args.doctor.read_text()) if args.doctor else {}
    second_vs_first, doctor_vs_first, doctor_vs_second = Score(), Score(), Score()
    labels: Counter[str] = Counter()
    kind_pairs: dict[str, tuple[str, str]] = {}
    for path in sorted(RELABELS.glob("*.yml")):
        name = path.stem
        first = load_labels(name)
        kind, second = load_relabels(name)
        kind_pairs[name] = (kinds[name], kind)
        labels.update(three_way(first, second))
        second_vs_first.add(score(name, first, as_reported(second)))
        if verdicts:
            reported = doctor_reported(verdicts, name)
            doctor_vs_first.add(score(name, first, reported))
            doctor_vs_second.add(score(name, second, reported))
    print(f"{len(kind_pairs)} repositories labelled twice")
    print("\n| scored | against | TP/FP/FN | precision | recall |\n|---|---|---|---|---|")
    print(line("second labeller | first labels", second_vs_first))
    if verdicts:
        print(line("doctor | first labels", doctor_vs_first))
        print(line("doctor | second labels", doctor_vs_second))
    same, total = labels["same"], sum(labels.values())
    print(f"\nSame label of three: {same}/{total} ({same / total:.2f})")
    for change, count in labels.most_common():
        if change != "same":
            print(f"  {change}: {count}")
    agreed = sum(1 for first_kind, second_kind in kind_pairs.values() if first_kind == second_kind)
    print(f"\nKind, first / second ({agreed} of {len(kind_pairs)} agree):")
    for name, (first_kind, second_kind) in kind_pairs.items():
        print(f"  {name}: {first_kind} / {second_kind}")
    if args.list:
        print("\nFindings of one labelling only (FP: the second's alone, FN: the first's alone):")
        # score() words the reporter as "doctor"; here it is the second labeller
        print("\n".join(row.replace("] doctor: ", "] second: ") for row in second_vs_first.false))


if __name__ == "__main__":
    main()
