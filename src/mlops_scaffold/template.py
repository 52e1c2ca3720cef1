"""The shipped Copier template: where it is, what it asks, and rendering it."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from mlops_scaffold import __version__
from mlops_scaffold.errors import AnswerError, MlopsError, TemplateError

ANSWERS_FILE = ".copier-answers.yml"
_PACKAGE_DIR = Path(__file__).resolve().parent


def template_dir() -> Path:
    """The template's root: inside the installed wheel, or `templates/project` in a checkout."""
    for candidate in (
        _PACKAGE_DIR / "templates" / "project",
        _PACKAGE_DIR.parents[1] / "templates" / "project",
    ):
        if (candidate / "copier.yml").is_file():
            return candidate
    raise TemplateError(
        "the project template is missing from this installation",
        hint="reinstall mlops-scaffold: pip install --force-reinstall mlops-scaffold",
    )


def questions() -> dict[str, dict[str, Any]]:
    """The template's questions by name, as declared in copier.yml."""
    config = yaml.safe_load((template_dir() / "copier.yml").read_text(encoding="utf-8"))
    return {key: value for key, value in config.items() if not key.startswith("_")}


def asked_questions() -> dict[str, dict[str, Any]]:
    """The questions a user may answer (hidden ones, `when: false`, left out)."""
    return {name: spec for name, spec in questions().items() if spec.get("when", True) is not False}


def choices_of(spec: Mapping[str, Any]) -> list[str]:
    """A question's allowed values (copier.yml lists them, or maps labels to them)."""
    choices = spec.get("choices") or []
    values = choices.values() if isinstance(choices, dict) else choices
    return [str(value) for value in values]


def check_answer_keys(data: Mapping[str, Any]) -> None:
    """Refuse answers to questions the template does not ask (typos would pass silently), and
    values outside a question's choices, naming the allowed ones."""
    known = questions()
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise AnswerError(
            f"unknown question {unknown[0]!r}",
            hint="questions: " + ", ".join(asked_questions()),
        )
    for name, value in data.items():
        if isinstance(value, (dict, list)):  # Copier's own error would not name the question
            raise AnswerError(
                f"the answer to {name} must be a single value, not {value!r}",
                hint=f"give it with --data {name}=VALUE",
                question=name,
            )
        allowed = choices_of(known[name])
        if allowed and str(value) not in allowed:
            raise AnswerError(
                f"{name} cannot be {value!r}: choose one of {', '.join(allowed)}",
                hint=f"-d {name}={allowed[0]}",
            )


def questions_help() -> str:
    """Every question a user may answer with `-d KEY=VALUE`, its choices and default."""
    lines = []
    for name, spec in asked_questions().items():
        allowed = choices_of(spec)
        default = spec.get("default")
        shown = "" if default is None or "{{" in str(default) else f" (default: {default})"
        values = f"{'|'.join(allowed)}" if allowed else str(spec.get("type", "str"))
        lines.append(f"  {name}={values}{shown}  {spec.get('help', '')}".rstrip())
    return "\n".join(lines)


def render_project(
    dest: Path,
    data: Mapping[str, Any],
    *,
    defaults: bool = True,
    suggestions: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Render the template into `dest` and return the recorded answers.

    `data` answers questions outright; `suggestions` only replace their defaults.
    `defaults=False` asks every unanswered question at the terminal. Invalid answers
    raise AnswerError with Copier's own validator message.
    """
    from copier import run_copy
    from copier.errors import CopierError

    check_answer_keys(data)
    try:
        run_copy(
            str(template_dir()),
            dest,
            data={**data, "mlops_version": __version__},
            defaults=defaults,
            user_defaults=dict(suggestions or {}),
            quiet=True,
            overwrite=True,
            unsafe=False,
        )
    except ValueError as invalid:  # Copier's validators and choices raise ValueError
        message = _first_line(str(invalid))
        asked = re.match(r"""(?:Validation error for )?[Qq]uestion ['"](\w+)['"]""", message)
        question = asked.group(1) if asked else None
        verb = "give it" if message.endswith("is required") else "give another"
        hint = f"{verb} with --data {question}=VALUE" if question else None
        raise AnswerError(message, hint, question) from None
    except KeyboardInterrupt:  # Ctrl-C at a question: Copier's error holds every answer so far
        raise KeyboardInterrupt from None
    except CopierError as failure:
        raise TemplateError(_first_line(str(failure))) from None
    answers = read_answers(dest)
    check_package_name(str(answers.get("package_name", "")))
    return answers


def check_package_name(name: str) -> None:
    """Refuse a standard-library module's name: `python -m io.data` would run Python's own io.

    copier.yml's validator refuses the names the project itself imports; Jinja cannot see the
    standard library's list, so the rest are checked here, before the render is moved into place.
    """
    if name in sys.stdlib_module_names:
        raise AnswerError(
            f"package name '{name}' would shadow Python's own module {name}",
            hint="pick another: --data package_name=NAME",
            question="package_name",
        )


def read_answers(project: Path) -> dict[str, Any]:
    """The answers recorded in a rendered project's answers file."""
    return read_yaml_mapping(project / ANSWERS_FILE, TemplateError)


def read_yaml_mapping(path: Path, error: type[MlopsError]) -> dict[str, Any]:
    """A YAML file that must hold a mapping (empty is {}); problems raise `error`."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as problem:
        raise error(f"cannot read {path}: {_first_line(str(problem))}") from None
    if not isinstance(loaded, dict):
        raise error(f"{path} does not hold a mapping")
    return loaded


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unknown error"
