"""Read Dockerfiles, .dockerignore (as Docker does) and dvc.yaml outs, to check image contents."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml


@dataclass(frozen=True)
class Instruction:
    """One Dockerfile instruction: its keyword (upper case) and the text after it."""

    keyword: str
    arguments: str

    def words(self) -> list[str]:
        """The arguments split like Docker does: a JSON list, or else shell words."""
        text = self.arguments.strip()
        if text.startswith("["):
            return [str(word) for word in json.loads(text)]
        return shlex.split(text)


def instructions(dockerfile: Path) -> list[Instruction]:
    """The instructions of a Dockerfile, continuation lines joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for line in dockerfile.read_text(encoding="utf-8").splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    return [Instruction(*[*text.strip().split(None, 1), ""][:2]) for text in logical]


def copy_sources(dockerfile: Path) -> list[str]:
    """The build-context paths the COPY/ADD instructions read (not those copied from a stage)."""
    sources: list[str] = []
    for instruction in instructions(dockerfile):
        if instruction.keyword.upper() not in {"COPY", "ADD"}:
            continue
        words = instruction.words()
        if any(word.startswith("--from=") for word in words):
            continue
        paths = [word for word in words if not word.startswith("--")]
        sources.extend(paths[:-1])
    return sources


def last(dockerfile: Path, keyword: str) -> list[str]:
    """The words of the last instruction with this keyword (the one that counts)."""
    found = [i for i in instructions(dockerfile) if i.keyword.upper() == keyword]
    return found[-1].words() if found else []


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    # Docker's rules: `**` spans folders, `*` and `?` stay within one path segment.
    parts = re.split(r"(\*\*/?|\*|\?)", pattern)
    table = {"**/": "(.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(table.get(part, re.escape(part)) for part in parts) + "$")


def is_ignored(path: str, dockerignore: Path) -> bool:
    """Whether .dockerignore keeps `path` (relative to the context) out of the build context."""
    rules = []
    for line in dockerignore.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        cleaned = str(PurePosixPath(line.lstrip("!").strip().lstrip("/")))
        rules.append((negated, _pattern_regex(cleaned)))
    target = PurePosixPath(path.rstrip("/"))
    candidates = [str(target), *(str(parent) for parent in target.parents if str(parent) != ".")]
    ignored = False
    for negated, regex in rules:
        if any(regex.match(candidate) for candidate in candidates):
            ignored = not negated
    return ignored


def dvc_outs(project: Path) -> set[str]:
    """Paths the DVC pipeline writes: they exist only after `make train`, never in git."""
    stages = yaml.safe_load((project / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    outs = set()
    for stage in stages.values():
        for out in stage.get("outs", []):
            outs.add(next(iter(out)) if isinstance(out, dict) else out)
    return {out.rstrip("/") for out in outs}
