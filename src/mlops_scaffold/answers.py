"""Template answers: where each one comes from, and which source wins.

Highest first:

1. `-d/--data KEY=VALUE` on the command line;
2. `--data-file answers.yml` (`mlops new`);
3. `.mlops.yml`'s `answers`: what `mlops add --data` changed in a project `mlops new` made,
   or, in a repo mlops did not make, everything `mlops add` fitted the template with;
4. `.copier-answers.yml`: what `mlops new` recorded;
5. facts read off a repo mlops did not make (`RepoFacts.answers`: names, Python, author);
6. the template's own defaults (Copier); `mlops new` suggests DEST's name for the project and
   the author from git config (`suggestions_for_new`).

Hidden answers fitted to a foreign repo (`fitted_answers`) fill only what no source gave, and
are recorded with the rest so that `mlops update` renders what `mlops add` rendered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mlops_scaffold import vcs
from mlops_scaffold.errors import AnswerError, UsageError
from mlops_scaffold.repo.facts import RepoFacts
from mlops_scaffold.template import ANSWERS_FILE, questions, read_answers
from mlops_scaffold.versions import SUPPORTED_PYTHONS

Answers = dict[str, Any]
PIPELINE_DATA_DIR = "pipeline_data"
"""Where the added pipeline keeps its data in a repo whose `data/` is its own."""


def parse_data(pairs: Sequence[str]) -> Answers:
    """`--data KEY=VALUE` strings as a mapping; the first `=` separates."""
    answers: Answers = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--data expects KEY=VALUE, got {pair!r}")
        answers[key.strip()] = value
    return answers


def read_data_file(path: Path | None) -> Answers:
    """Answers from a YAML mapping, as Copier's `--data-file` reads them."""
    if path is None:
        return {}
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as problem:
        raise UsageError(f"cannot read {path}: {problem.strerror}") from None
    except UnicodeDecodeError:
        raise AnswerError(f"{path} is not UTF-8 text") from None
    except yaml.YAMLError as problem:
        raise AnswerError(f"{path} is not valid YAML: {str(problem).splitlines()[0]}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise AnswerError(f"{path} must hold a mapping of question: answer")
    version = loaded.get("python_version")
    if isinstance(version, float):  # YAML reads 3.10 as the number 3.1
        raise AnswerError(
            f"{path}: python_version {version} is read as a number", hint="quote it: '3.10'"
        )
    return {str(key): value for key, value in loaded.items()}


def for_new(data_file: Path | None, data: Sequence[str]) -> Answers:
    """The answers `mlops new` renders with (sources 1 and 2); Copier adds its defaults."""
    return {**read_data_file(data_file), **parse_data(data)}


def suggestions_for_new(dest: Path) -> Answers:
    """Defaults `mlops new` puts in place of the template's (source 6): DEST's name for the
    project, and the author git knows, where the user's git config names one."""
    return {"project_name": dest.name, **vcs.author_identity()}


def recorded_by_new(root: Path) -> Answers | None:
    """The answers `mlops new` recorded (questions only), or None for other repos."""
    if not (root / ANSWERS_FILE).is_file():
        return None
    asked = set(questions()) - {"mlops_version"}  # the tool sets its own version
    return {key: value for key, value in read_answers(root).items() if key in asked}


@dataclass(frozen=True)
class ResolvedAnswers:
    """The answers a component is rendered with, and those `.mlops.yml` keeps."""

    answers: Answers
    to_record: Answers


def resolve(
    given: Mapping[str, Any],
    recorded: Mapping[str, Any],
    from_new: Mapping[str, Any] | None,
    facts: RepoFacts | None,
) -> ResolvedAnswers:
    """Apply the precedence above for `mlops add` (`given`: its --data) and `mlops update`.

    `recorded` is `.mlops.yml`'s answers; `from_new` the answers `mlops new` recorded, None in
    a repo it did not make, where `facts` (read off the repo) stand in for them.
    """
    if from_new is not None:
        overrides = {**recorded, **given}
        # .mlops.yml keeps only what differs from .copier-answers.yml.
        kept = {key: value for key, value in overrides.items() if from_new.get(key) != value}
        return ResolvedAnswers({**from_new, **kept}, kept)
    inferred = facts.answers() if facts is not None and not recorded else {}
    chosen = {**inferred, **recorded, **given}
    fitted = fitted_answers(facts, chosen.get("python_version")) if facts is not None else {}
    if recorded:  # recorded before an answer was fitted: the template's default, as rendered then
        fitted = {key: value for key, value in fitted.items() if key not in _FITTED_LATER}
    answers = {**fitted, **chosen}
    return ResolvedAnswers(answers, dict(answers))


_FITTED_LATER = ("dvc_remote", "data_dir", "package_install")
"""Fitted answers newer than some `.mlops.yml` files: absent there, the default stays."""


def fitted_answers(facts: RepoFacts, python_version: Any) -> Answers:
    """Hidden template answers that fit what `mlops add` renders to a repo mlops did not make."""
    return {
        # The images copy the readme pyproject.toml declares (the build backend reads it), or none.
        "readme": facts.readme or "",
        # ... and the packaging files the repo has (a minimal pyproject.toml when none).
        "build_files": " ".join(facts.build_files),
        # ... or, where its packaging builds no wheel holding the package, they run it from source.
        "package_install": "source" if facts.not_in_a_wheel else "wheel",
        # `make lock` and `add lock` resolve for the repo's own oldest Python (a new project's
        # default is the floor of the locks the template ships).
        "lock_python": str(python_version or SUPPORTED_PYTHONS[0]),
        # A repo's data goes to the remote its team picks (`dvc remote add -d`), not a local folder.
        "dvc_remote": "",
        # The pre-commit hooks install their own pinned tools: a repo's venv may not have them.
        "tool_bin": "",
        # The pipeline's sample data and splits stay out of a data/ folder the repo has.
        "data_dir": PIPELINE_DATA_DIR if facts.has_data_folder else "data",
    }
