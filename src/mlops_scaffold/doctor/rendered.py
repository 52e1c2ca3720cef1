"""What a template renders: the files of the project it generates, told apart from the
template repository's own files the way the template's renderer tells them apart.

Cookiecutter renders a folder whose name holds Jinja (`{{ cookiecutter.slug }}/`). Copier
says in its `copier.yml` what it renders: the folder of `_subdirectory` (`template/`),
files ending in `_templates_suffix` (`.jinja` unless it says otherwise), and names that
use the delimiters its `_envops` sets (`[[ project_slug ]]/`). Every check reads this one
set: what the generated project has, and the name each file takes once rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from mlops_scaffold.lazy_pattern import lazy_pattern

COPIER_SETTINGS = ("copier.yml", "copier.yaml")
# Jinja's own openers: a variable and a block.
JINJA_STARTS = ("{{", "{%")
# Copier's `_envops` keys that open Jinja markup in a name.
DELIMITER_KEYS = ("variable_start_string", "block_start_string")
# Copier renders the files ending in `.jinja` unless `_templates_suffix` says otherwise.
COPIER_SUFFIX = ".jinja"
# The suffixes a template gives the files it renders through Jinja (`pyproject.toml.j2`):
# the rendered file drops it.
JINJA_SUFFIX = lazy_pattern(r"\.(?:jinja2?|j2)$")


class CopierTemplate(NamedTuple):
    """What one `copier.yml` declares about the files it renders."""

    folder: str
    """The folder of the copier.yml, "" at the root, else ending in `/`."""
    subdirectory: str
    """The folder it renders from (`template/`, inside `folder`), "" for `folder` itself
    or when the subdirectory is chosen by an answer (Jinja in its name)."""
    suffix: str
    """The suffix of the files it renders through Jinja ("" when it renders every file)."""
    starts: tuple[str, ...]
    """The strings that open Jinja markup in its files' names."""


def copier_template(rel: str, settings: Any) -> CopierTemplate:
    """What a copier.yml at `rel` declares (its defaults where it says nothing)."""
    folder = rel.rpartition("/")[0]
    folder = f"{folder}/" if folder else ""
    settings = settings if isinstance(settings, dict) else {}
    envops = settings.get("_envops")
    envops = envops if isinstance(envops, dict) else {}
    starts = tuple(
        start
        for key, default in zip(DELIMITER_KEYS, JINJA_STARTS, strict=True)
        if isinstance(start := envops.get(key, default), str) and start
    )
    subdirectory = settings.get("_subdirectory")
    subdirectory = subdirectory.strip("/") if isinstance(subdirectory, str) else ""
    if any(start in subdirectory for start in (*JINJA_STARTS, *starts)):
        subdirectory = ""  # chosen by an answer: each candidate folder says for itself
    suffix = settings.get("_templates_suffix", COPIER_SUFFIX)
    return CopierTemplate(
        folder,
        f"{subdirectory}/" if subdirectory else "",
        suffix if isinstance(suffix, str) else COPIER_SUFFIX,
        starts or JINJA_STARTS,
    )


def copier_templates(listed: Iterable[str], settings: Callable[[str], Any]) -> list[CopierTemplate]:
    """Every copier template of the repository: one per copier.yml, read with `settings`."""
    return [
        copier_template(rel, settings(rel))
        for rel in listed
        if rel.rpartition("/")[2] in COPIER_SETTINGS
    ]


def rendered_files(listed: Iterable[str], templates: list[CopierTemplate]) -> dict[str, str]:
    """The files a template renders -> the path each takes once rendered (its Jinja suffix
    dropped; Jinja in a folder's name is left as written, the answer unknown)."""
    starts = {start for template in templates for start in template.starts} | set(JINJA_STARTS)
    deepest_first = sorted(templates, key=lambda template: -len(template.folder))
    found: dict[str, str] = {}
    for rel in listed:
        template = next((t for t in deepest_first if rel.startswith(t.folder)), None)
        if template is not None and rel.rpartition("/")[2] in COPIER_SETTINGS:
            continue
        if any(start in rel for start in starts) or _renders(rel, template):
            found[rel] = _rendered_name(rel, template)
    return found


def _renders(rel: str, template: CopierTemplate | None) -> bool:
    """Whether a copier template renders a file of its folder: one of its subdirectory,
    or one with its Jinja suffix."""
    if template is None:
        return False
    if template.subdirectory:
        return rel.startswith(template.folder + template.subdirectory)
    return bool(template.suffix) and rel.endswith(template.suffix)


def _rendered_name(rel: str, template: CopierTemplate | None) -> str:
    """The path a rendered file takes: without the suffix its template renders through."""
    if template is not None and template.suffix and rel.endswith(template.suffix):
        return rel.removesuffix(template.suffix).removesuffix(".")
    return JINJA_SUFFIX.sub("", rel)


# A variable a template fills in, with filters after it (`{{ cookiecutter.repo_name }}`,
# `{{cookiecutter.slug|lower}}`, `{{ project_name | replace(' ', '_') }}`): rendered, one
# scalar. Any other markup (a block, a comment, a trimmed `{{- ... -}}`, a Go template's
# `{{ .Values.image }}` or `{{ include "x" . }}`) only its renderer resolves.
TEMPLATE_VARIABLE = lazy_pattern(
    r"\{\{[ \t]*[A-Za-z_]\w*(?:\.\w+)*[ \t]*"
    r"(?:\|[ \t]*\w+(?:\([^{}()\n]*\))?[ \t]*)*\}\}"
)
# What rendering puts where a variable was, for reading the file's syntax.
FILLED_IN = "filled"


def filled_in(content: str, starts: Iterable[str]) -> str | None:
    """A rendered file's text whatever the answers, when the only markup it holds is
    variables: each replaced by one word. None when any other markup is left (a block,
    a comment, the openers a copier.yml's `_envops` sets), which only rendering resolves."""
    filled = TEMPLATE_VARIABLE.sub(FILLED_IN, content)
    others = {*starts, *JINJA_STARTS, "{#", "}}"}
    return None if any(mark in filled for mark in others) else filled
