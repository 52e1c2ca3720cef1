"""Groups of literals searched in different files share one `git grep -o`, and each still
finds exactly what its own `git grep -l` over its pathspecs would: a file its pathspecs
do not name is not its, whichever literals the file holds."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mlops_scaffold import vcs
from mlops_scaffold.repo import Repo
from mlops_scaffold.repo.view import _pathspec_matches
from tests.doctor.test_git_listing import build_both, build_with_git

IN_CODE = frozenset({b"alpha_client(", b"alpha.connect"})
IN_SCRIPTS = frozenset({b"beta-cli run"})
IN_SERVE_DOCS = frozenset({b"mlflow models serve"})
IN_SERVE_SCRIPTS = frozenset({b"models serve"})  # held by IN_SERVE_DOCS' literal
QUOTED_A = frozenset({b'"dvc", "add"'})  # ends with the quote QUOTED_B starts with
QUOTED_B = frozenset({b'"ml.'})

CODE = ("*.py",)
SCRIPTS = ("*.sh", "Makefile")
DOCS = ("*.md",)


class Shared(Repo):
    @property
    def grep_searches(self) -> dict[frozenset[bytes] | str, tuple[str, ...]]:
        return {
            IN_CODE: CODE,
            IN_SCRIPTS: SCRIPTS,
            IN_SERVE_DOCS: DOCS,
            IN_SERVE_SCRIPTS: ("*.sh",),
            QUOTED_A: ("*.yml",),
            QUOTED_B: ("*.yaml",),
        }


TREE = {
    "src/app.py": "client = alpha_client()\nbeta-cli run\n",  # both: IN_CODE's only
    "src/cli.py": "os.system('beta-cli run')\n",  # IN_SCRIPTS' literal, in code
    "deploy/run.sh": "beta-cli run --fast\npython -c 'alpha.connect'\n",  # IN_SCRIPTS'
    "Makefile": "serve:\n\tbeta-cli run\n",  # a pathspec without wildcard: this file
    "sub/Makefile": "all:\n\tbeta-cli run\n",  # ... and not this one
    "docs/serve.md": "Run `mlflow models serve -m runs:/1/model`.\n",
    "serve.sh": "mlflow models serve -m model\n",  # held inside the longer literal
    "ci.yml": 'args: ["dvc", "add"ml.x]\n',
    "ci.yaml": 'args: ["dvc", "add"ml.x]\n',  # `"ml.` starts inside `"dvc", "add"`
    "notes.txt": "alpha_client( beta-cli run models serve\n",  # nobody's pathspec
}

EXPECTED = {
    IN_CODE: ["src/app.py"],
    IN_SCRIPTS: ["Makefile", "deploy/run.sh"],
    IN_SERVE_DOCS: ["docs/serve.md"],
    IN_SERVE_SCRIPTS: ["serve.sh"],
    QUOTED_A: ["ci.yml"],
    QUOTED_B: ["ci.yaml"],
}


@pytest.fixture
def greps(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, tuple[str, ...]]]:
    """Each `git grep` started from now on: whether it prints what it found (`-o`), and
    its pathspecs."""
    started: list[tuple[bool, tuple[str, ...]]] = []
    grep = vcs.grep

    def recorded(*args: object, **kwargs: object) -> vcs.GitCommand[bytes]:
        within = tuple(kwargs.get("within", ()))  # type: ignore[call-overload]
        started.append((bool(kwargs.get("matches")), within))
        return grep(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(vcs, "grep", recorded)
    return started


def test_each_group_finds_only_files_its_own_pathspecs_name(
    tmp_path: Path, greps: list[tuple[bool, tuple[str, ...]]]
) -> None:
    view = Shared.open(build_with_git(tmp_path, TREE))
    assert view.is_git
    for search, expected in EXPECTED.items():
        assert sorted(view.files_containing(search)) == expected, search
    shared = [within for matches, within in greps if matches]
    assert shared == [("*.py", "*.sh", "Makefile", "*.md", "*.yml")]  # QUOTED_B alone


def test_shared_answers_are_those_of_one_git_grep_per_group(tmp_path: Path) -> None:
    with_git, _ = build_both(tmp_path, TREE)
    view = Shared.open(with_git)
    for search, within in view.grep_searches.items():
        alone = vcs.grep(with_git, search, untracked=False, within=within).output()
        assert alone is not None
        assert sorted(view.files_containing(search)) == sorted(alone.decode().split("\0")[:-1]), (
            search
        )


def test_without_git_the_same_files_are_found_in_the_named_files(tmp_path: Path) -> None:
    _, plain = build_both(tmp_path, TREE)
    walked = Shared.open(plain)
    assert not walked.is_git
    for search, within in walked.grep_searches.items():
        found = walked.files_containing(search)  # every file is searched
        named = [
            rel
            for rel in found
            if any(_pathspec_matches(spec.encode(), rel.encode()) for spec in within)
        ]
        assert sorted(named) == EXPECTED[search], search


@pytest.mark.parametrize(
    ("spec", "path", "named"),
    [
        ("*.py", "a/b/c.py", True),  # `*` matches `/`
        ("*.py", "c.py", True),
        ("*.py", "c.pyc", False),
        ("*Makefile", "sub/Makefile", True),
        ("Makefile", "Makefile", True),
        ("Makefile", "sub/Makefile", False),
        ("Makefile", "Makefile/inside.sh", True),  # a folder's name names its files
        ("*Dockerfile*", "svc/Dockerfile.gpu", True),
    ],
)
def test_a_pathspec_names_the_files_git_lists_for_it(
    tmp_path: Path, spec: str, path: str, named: bool
) -> None:
    assert _pathspec_matches(spec.encode(), path.encode()) is named
    repo = build_with_git(tmp_path, {path: "x\n"})
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", spec], cwd=repo, capture_output=True, check=True
    ).stdout
    assert (listed == path.encode() + b"\0") is named
