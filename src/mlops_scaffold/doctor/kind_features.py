"""Named binary features of a repository, for the learned kind model (doctor/kind_model.py,
trained and measured by bench/kind_model.py).

A feature is a short string that holds or not: a word or two-word phrase of the README's
opening (`w:tutorial`, `b:this_repository`), a top-level folder's name with its digits
folded (`top:weekN`), a file the root keeps (`root:dvc.yaml`), or a tree fact counted
into a bucket (`notebooks:4+`, `nested_deps:2+`). The model's weights name the features
it learned; any other feature the function returns is ignored. Beside them, on the
doctor's AuditView, the facts its own readers conclude (`serves`, `pipeline`,
`package:tested`...: `fact_features`), the evidence a reviewer weighs; the README's
function words are no feature. Cheap: one walk over the file list, the README opening
the kind rules already read, the views the checks compute anyway, and at most
`TESTS_READ` test modules.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Repo
from mlops_scaffold.repo.parsers import console_scripts, workflow_steps

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
    found = {f"w:{word}" for word in words if not _function_word(word)}
    found |= {
        f"b:{first}_{second}"
        for first, second in pairwise(words)
        if not _function_word(second) and (not _function_word(first) or first in PHRASE_HEADS)
    }
    found.add("readme" if repo.readme else "no_readme")
    return frozenset(found | _tree_features(repo) | fact_features(repo))


def _function_word(word: str) -> bool:
    """Whether `word` says nothing of what a repository is: a stop word, a link's or a
    tag's token, or a single letter."""
    return len(word) == 1 or word in FUNCTION_WORDS


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


# Words that say nothing of what a repository is (no reviewer weighs "the", "this" or
# "from"): a standard English stop-word list (NLTK's, with the pieces of "don't" and
# "you'll" the word pattern splits off), link and markup tokens, and any single letter;
# left out of the README's words, and of its two-word phrases unless the second word
# says something ("this tutorial", "you will").
FUNCTION_WORDS = frozenset(
    """a about above after again all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would
    you your yours yourself yourselves
    ain aren couldn didn doesn don hadn hasn haven isn ll ma mightn mustn needn re shan
    shouldn ve wasn weren won wouldn
    https http www com org io github md png svg img src br nbsp href alt width height
    align div span
    """.split()  # noqa: SIM905 (a paragraph of words reads better than 190 quoted ones)
)
PHRASE_HEADS = frozenset({"this", "my", "our", "you", "your", "how", "we", "will"})
PUBLISH_COMMAND = lazy_pattern(r"\b(?:twine\s+upload|(?:poetry|uv|flit|hatch|pdm)\s+publish)\b")
PUBLISH_ACTION = "pypa/gh-action-pypi-publish"
TESTS_READ = 30  # test modules read for an import of the package, at most


def fact_features(view: object) -> set[str]:
    """What the doctor's own readers conclude about the repository, where `view` is the
    doctor's AuditView (a plain Repo has none of them: no fact is said): something serves
    a model, deploys, declares a pipeline or a schedule, trains; a package someone
    installs; sibling projects; a README that teaches its reader. Each is a fact a rule
    of doctor/kinds.py or a check reads."""
    from mlops_scaffold.doctor import kinds  # the readers the kind rules use

    if not isinstance(view, kinds.ProductViews) or not isinstance(view, Repo):
        return set()
    repo: Any = view
    found: set[str] = set()
    evidence = repo.serving_evidence
    found |= {"serves"} if evidence else set()
    found |= {"serves:image"} if kinds.image_serves(repo) else set()
    found |= {"serves:back_end"} if repo.back_end_files else set()
    found |= {"serves:model"} if repo.model_services else set()
    found |= {"deploys:manifest"} if repo.kubernetes_manifests else set()
    found |= {"deploys"} if repo.deployed_by else set()
    found |= {"pipeline"} if repo.pipelines else set()
    found |= {"pipeline:orchestrated"} if repo.orchestrated_pipelines else set()
    found |= (
        {"scheduled"}
        if any(kinds.workflow_scheduled(w) for w in repo.workflows.values())
        else set()
    )
    found |= {"trains"} if repo.training_files else set()
    found |= {"trains:notebooks"} if repo.training_notebooks else set()
    found |= {"runs_as_product"} if kinds.runs_as_product(repo, repo.back_end_files) else set()
    packages = kinds.importable_packages(repo)
    if packages:
        found.add("package")
        found |= {"package:metadata"} if kinds.published_metadata(repo) else set()
        found |= {"package:for_others"} if kinds.published_for_others(repo) else set()
        found |= {"package:installed_by_name"} if kinds.installed_by_name(repo, packages) else set()
        found |= {"package:tested"} if _tests_import(repo, packages) else set()
        found |= {"package:own_service"} if kinds.deploys_its_service(repo, packages) else set()
    found |= {"package:console_scripts"} if console_scripts(repo.pyproject) else set()
    found |= {"publish_workflow"} if publishes_package(repo) else set()
    projects = kinds.nested_projects(repo)
    found.add(f"projects:{bucket(len(projects), (1, 2, 4, 8))}")
    bare = kinds.nested_projects(repo, bare_requirements=False)
    found.add(f"projects_with_code:{bucket(len(bare), (1, 2, 4))}")
    found |= {"teaches"} if kinds.teaching_evidence(repo) else set()
    found |= {"addresses_learner"} if kinds.addresses_learner(repo) else set()
    found |= {"course"} if kinds.is_course(repo) else set()
    readme = repo.text(repo.readme) if repo.readme else ""
    found.add(f"readme_words:{bucket(len((readme or '').split()), (1, 30, 100, 300, 1000, 3000))}")
    return found


def publishes_package(repo: Any) -> bool:
    """Whether a GitHub workflow publishes a package (`pypa/gh-action-pypi-publish`,
    `twine upload`, `poetry publish`...)."""
    for workflow in repo.workflows.values():
        for step in workflow_steps(workflow):
            if str(step.get("uses", "")).startswith(PUBLISH_ACTION):
                return True
            if PUBLISH_COMMAND.search(str(step.get("run", ""))):
                return True
    return False


def _tests_import(repo: Any, packages: list[str]) -> bool:
    """Whether a test module (the repository view's `test_files`, the modules the test
    checks read: a `conftest.py` too, no notebook's autosaved copy) imports the
    repository's package by name."""
    names = {package.rpartition("/")[2] for package in packages}
    imports = lazy_pattern(
        r"(?m)^\s*(?:from|import)\s+(?:" + "|".join(map(re.escape, sorted(names))) + r")\b"
    )
    return any(imports.search(repo.text(rel) or "") for rel in repo.test_files[:TESTS_READ])
