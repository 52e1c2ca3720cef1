"""A learned kind classifier, measured against the doctor's rules (session 31; not kept).

    python -m venv /tmp/kc && /tmp/kc/bin/pip install scikit-learn pyyaml
    /tmp/kc/bin/python bench/kind_classifier.py [--mirror /work/.mirror]

Reads every corpus repository's README and tree straight from its snapshot (the commit
in repos.yml or a kind-only set), turns them into features (README words and bigrams of
the first 3,000 characters, markup and code blocks left out; top-level folder names with
digits folded; well-known file names at the root or below; counts of Python files,
notebooks and nested project files; numbered folders; packaging metadata), and prints:
the 10-fold cross-validated accuracy of a logistic regression over the corpus's kinds
(held-out repositories and round 23 left out), how right it is at each confidence, and,
trained on that corpus, its accuracy on each kind-only set and on round 23. bench/corpus/
README.md ("Kind-only sets") holds the figures and why the tool does not use it.
scikit-learn is not one of the tool's dependencies: run this from an environment of its
own, as above.
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import subprocess
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent / "corpus"
NAMES = {
    "Dockerfile", "dvc.yaml", "MLproject", "setup.py", "pyproject.toml", "cookiecutter.json",
    "copier.yml", "copier.yaml", "requirements.txt", "environment.yml", "Makefile",
    "docker-compose.yml", "docker-compose.yaml", "app.py", "main.py", "serve.py", "train.py",
    "conftest.py", "__init__.py", "poetry.lock", "uv.lock", "setup.cfg", "LICENSE",
    "CONTRIBUTING.md", "CHANGELOG.md", "mkdocs.yml", "tox.ini", "noxfile.py", "py.typed",
    "MANIFEST.in", ".pre-commit-config.yaml", "kustomization.yaml",
}  # fmt: skip
METADATA = ("pyproject.toml", "setup.py", "setup.cfg", "cookiecutter.json", "copier.yml")
README = re.compile(r"(?i)readme(\.\w+)?")


def git(git_dir: Path, *args: str) -> str:
    result = subprocess.run(["git", "--git-dir", str(git_dir), *args], capture_output=True)
    return result.stdout.decode(errors="replace")


def snapshot(mirror: Path, entry: dict) -> dict | None:
    """README text, file list and packaging files of one repository, or None."""
    owner, name = entry["url"].removeprefix("https://github.com/").split("/")[:2]
    git_dir = mirror / f"{owner}+{name}" / "repo"
    git_dir = git_dir / ".git" if (git_dir / ".git").is_dir() else git_dir
    if not git_dir.is_dir():
        return None
    files = git(git_dir, "ls-tree", "-r", "--name-only", entry["commit"]).splitlines()
    readme = next((f for f in files if README.fullmatch(f)), None)
    metadata = {
        f: git(git_dir, "show", f"{entry['commit']}:{f}")[:20000]
        for f in files
        if f.rsplit("/", 1)[-1] in METADATA and f.count("/") <= 1
    }
    text = git(git_dir, "show", f"{entry['commit']}:{readme}") if readme else ""
    return {"files": files, "readme": text[:20000], "metadata": metadata}


def clean(text: str) -> str:
    """README text without markup, links and code blocks, lower-cased."""
    for pattern, flags in (
        (r"```.*?```", re.S), (r"<[^>]*>", 0), (r"!\[[^\]]*\]\([^)]*\)", 0),
        (r"\]\([^)]*\)", 0), (r"https?://\S+", 0),
    ):  # fmt: skip
        text = re.sub(pattern, " ", text, flags=flags)
    return text.lower()


def features(repo: dict) -> Counter[str]:
    found: Counter[str] = Counter()
    words = re.findall(r"[a-z][a-z0-9]+", clean(repo["readme"])[:3000])
    found.update({f"w:{w}": 1 for w in set(words)})
    found.update({f"b:{a}_{b}": 1 for a, b in set(itertools.pairwise(words))})
    files = repo["files"]
    for top in {f.split("/")[0] for f in files if "/" in f}:
        found[f"top:{re.sub(r'[0-9]+', 'N', top.lower())}"] = 1
    nested = 0
    for f in files:
        base = f.rsplit("/", 1)[-1]
        if base in NAMES:
            found[("root:" if "/" not in f else "any:") + base] = 1
        found["jinja_path"] |= "{{" in f
        nested += "/" in f and base in ("pyproject.toml", "setup.py", "requirements.txt")
    python = sum(f.endswith(".py") for f in files)
    notebooks = sum(f.endswith(".ipynb") for f in files)
    found.update(
        nested_projects=math.log1p(nested), log_py=math.log1p(python),
        log_nb=math.log1p(notebooks), log_files=math.log1p(len(files)),
        nb_ratio=notebooks / max(1, python + notebooks),
    )  # fmt: skip
    lesson = r"(?i)(^|/)(week|lesson|module|day|chapter|lab|hw|homework|part|step)[-_ ]?\d"
    found["numbered_lessons"] = any(re.search(lesson, f) for f in files)
    found["numbered_folders"] = any(re.search(r"(^|/)\d\d[-_]", f) for f in files)
    for text in repo["metadata"].values():
        found["meta:classifiers"] |= "classifiers" in text
        found["meta:project"] |= "[project]" in text
        found["meta:poetry"] |= "[tool.poetry]" in text
        found["meta:scripts"] |= "scripts" in text
    return found


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()

    entries = yaml.safe_load((HERE / "repos.yml").read_text())["repos"]
    train = [e for e in entries if not e["held_out"] and "corpus23" not in e["why"]]
    blind = {"round 23": [e for e in entries if "corpus23" in e["why"]]}
    for path in sorted((HERE / "kinds").glob("*.yml")):
        blind[path.stem] = yaml.safe_load(path.read_text())["repos"]
    every = [entry for group in (train, *blind.values()) for entry in group]
    repos = {entry["name"]: snapshot(args.mirror, entry) for entry in every}
    missing = sorted(name for name, repo in repos.items() if repo is None)
    if missing:
        raise SystemExit(f"no snapshot for {len(missing)} repositories, e.g. {missing[0]}")

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([features(repos[e["name"]]) for e in train])
    y = [e["kind"] for e in train]
    model = LogisticRegression(C=1, max_iter=3000, class_weight="balanced")
    folds = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)
    proba = cross_val_predict(model, x, y, cv=folds, method="predict_proba")
    classes = sorted(set(y))
    predicted = [classes[row.argmax()] for row in proba]
    right = [p == kind for p, kind in zip(predicted, y, strict=True)]
    print(f"10-fold cross-validation over {len(y)} corpus kinds: {sum(right) / len(y):.2f}")
    for threshold in (0.5, 0.7, 0.9):
        sure = [r for r, row in zip(right, proba, strict=True) if row.max() >= threshold]
        share = sum(sure) / len(sure)
        print(f"  probability >= {threshold}: {len(sure)} covered, {share:.2f} right")
    model.fit(x, y)
    for name, group in blind.items():
        guesses = model.predict(vectorizer.transform([features(repos[e["name"]]) for e in group]))
        hits = sum(g == e["kind"] for g, e in zip(guesses, group, strict=True))
        print(f"trained on the corpus, {name}: {hits} of {len(group)}")


if __name__ == "__main__":
    main()
