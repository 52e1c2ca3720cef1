"""Named binary features of a repository, for the learned kind model (bench/kind_model.py).

A feature is a short string that holds or not: a word or two-word phrase of the README's
opening (`w:tutorial`, `b:this_repository`), a top-level folder's name with its digits
folded (`top:weekN`), a file the root keeps (`root:dvc.yaml`), or a tree fact counted
into a bucket (`notebooks:4+`, `nested_deps:2+`). The model's weights name the features
it learned; any other feature the function returns is ignored. Cheap by design: one walk
over the file list and the README opening the kind rules already read, no file's content
beyond `pyproject.toml`'s parsed table.
"""

from __future__ import annotations

from itertools import pairwise

from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Repo

WORD = lazy_pattern(r"[a-z][a-z0-9+-]*[a-z0-9+]|[a-z]")
DIGITS = lazy_pattern(r"\d+")
# A top-level folder numbered as a lesson or a step (`01-intro`, `week2`, `hw_3`, `ch03`).
NUMBERED = lazy_pattern(
    r"(?i)^(?:\d{1,2}[-_. ]|(?:week|day|module|lab|hw|homework|ch|chapter|lesson|part|step)"
    r"[-_ ]?\d)"
)
DEPENDENCY_FILES = frozenset(
    {"requirements.txt", "pyproject.toml", "setup.py", "Pipfile", "environment.yml"}
)
ROOT_FILES = frozenset(
    {
        "dvc.yaml",
        "MLproject",
        "Makefile",
        "setup.py",
        "setup.cfg",
        "pyproject.toml",
        "requirements.txt",
        "Dockerfile",
        "app.py",
        "main.py",
        "train.py",
        "uv.lock",
        "poetry.lock",
        "Pipfile",
        "environment.yml",
        "mkdocs.yml",
        "LICENSE",
        "CONTRIBUTING.md",
        "CHANGELOG.md",
        "MANIFEST.in",
    }
)
CI_PREFIXES = (
    ".github/workflows/",
    ".gitlab-ci.yml",
    "Jenkinsfile",
    ".circleci/",
    "azure-pipelines",
)
COMPOSE = lazy_pattern(r"^(?:docker-)?compose[\w.-]*\.ya?ml$")
OPENING_WORDS = 120  # the title section's words: what the repository says it is


def bucket(count: int, edges: tuple[int, ...] = (1, 2, 4)) -> str:
    """`count` as the largest edge it reaches (`4+`), or `0`: a fact the model can weigh
    without a scale."""
    reached = [edge for edge in edges if count >= edge]
    return f"{reached[-1]}+" if reached else "0"


def kind_features(repo: Repo, opening: str) -> frozenset[str]:
    """The repository's named features, from its file list, its parsed pyproject and
    `opening`, the README's opening as the kind rules read it (logos and badges out)."""
    words = WORD.findall(opening.lower())[:OPENING_WORDS]
    found = {f"w:{word}" for word in words}
    found |= {f"b:{first}_{second}" for first, second in pairwise(words)}
    found.add("readme" if repo.readme else "no_readme")
    return frozenset(found | _tree_features(repo))


def _tree_features(repo: Repo) -> set[str]:
    """Facts of the file list: top-level folders, root files, counts in buckets."""
    top: set[str] = set()
    found: set[str] = set()
    python = notebooks = dockerfiles = nested_deps = readmes = 0
    tests = compose = ci = False
    for rel in repo.files:
        folder, slash, rest = rel.partition("/")
        name = rel.rpartition("/")[2]
        if slash:
            top.add(folder)
        elif name in ROOT_FILES:
            found.add(f"root:{name}")
        python += name.endswith(".py")
        notebooks += name.endswith(".ipynb")
        dockerfiles += name.startswith("Dockerfile")
        nested_deps += bool(slash) and name in DEPENDENCY_FILES
        readmes += bool(slash) and "/" not in rest and name.lower().startswith("readme")
        tests = tests or name.startswith("test_") or folder in ("tests", "test")
        compose = compose or ("compose" in name and bool(COMPOSE.search(name)))
        ci = ci or rel.startswith(CI_PREFIXES)
    found |= {f"top:{DIGITS.sub('N', folder.lower())}" for folder in top}
    numbered = sum(1 for folder in top if NUMBERED.match(folder))
    found |= {
        f"files:{bucket(len(repo.files), (1, 30, 100, 300, 1000))}",
        f"python:{bucket(python, (1, 5, 20, 100))}",
        f"notebooks:{bucket(notebooks, (1, 4, 10))}",
        f"dockerfiles:{bucket(dockerfiles)}",
        f"nested_deps:{bucket(nested_deps, (1, 2, 4, 8))}",
        f"folder_readmes:{bucket(readmes, (1, 2, 4, 8))}",
        f"numbered_folders:{bucket(numbered, (1, 2, 4))}",
        f"top_folders:{bucket(len(top), (1, 4, 8, 16))}",
    }
    found |= {"notebooks>python"} if notebooks > python else set()
    found |= {"tests"} if tests else set()
    found |= {"compose"} if compose else set()
    found |= {"ci"} if ci else set()
    return found | _package_features(repo)


def _package_features(repo: Repo) -> set[str]:
    """What the root's pyproject declares: a build backend, a [project] table, trove
    classifiers, scripts."""
    pyproject = repo.pyproject
    found = {f"pyproject:{key}" for key in ("build-system", "project") if key in pyproject}
    project = pyproject.get("project")
    if isinstance(project, dict):
        found |= {f"project:{key}" for key in ("classifiers", "urls", "scripts") if key in project}
    tool = pyproject.get("tool")
    if isinstance(tool, dict):
        found |= {
            f"tool:{name}" for name in ("poetry", "setuptools", "hatch", "uv") if name in tool
        }
    return found
