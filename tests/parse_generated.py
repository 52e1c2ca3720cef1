"""Parse every file of a rendered project by its type; return the problems found."""

from __future__ import annotations

import ast
import json
import tomllib
from pathlib import Path

import yaml


def _yaml(text: str) -> None:
    list(yaml.safe_load_all(text))


def _python(text: str) -> None:
    ast.parse(text)


PARSERS = {
    ".yml": _yaml,
    ".yaml": _yaml,
    ".toml": tomllib.loads,
    ".json": json.loads,
    ".py": _python,
}


def parse_problems(project: Path) -> list[str]:
    """`path: error` for each YAML, TOML, JSON or Python file that does not parse."""
    problems = []
    for path in sorted(project.rglob("*")):
        parser = PARSERS.get(path.suffix)
        if parser is None or not path.is_file() or ".git" in path.parts:
            continue
        try:
            parser(path.read_text(encoding="utf-8"))
        except Exception as error:  # any parser's failure is the finding
            problems.append(f"{path.relative_to(project)}: {error}")
    return problems


def parsed_files(project: Path) -> list[Path]:
    """The files `parse_problems` checks."""
    return [p for p in project.rglob("*") if p.suffix in PARSERS and ".git" not in p.parts]
