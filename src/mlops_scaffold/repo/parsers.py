"""Pure parsers of the files a repo declares itself in: text in, plain data out.

Requirements files, Dockerfiles, pyproject.toml tables (PEP 621 and Poetry), conda
environment files. Nothing here reads the disk; the repo view hands them the text.
"""

from __future__ import annotations

import ast
import json
import posixpath
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from mlops_scaffold.lazy_pattern import lazy_pattern

# A Jenkinsfile's name, whatever follows it (`Jenkinsfile-nightly`,
# `Jenkinsfile_data_pipeline`), capital or not (a job names its script path, and a
# lower-case `jenkinsfile` is as much a pipeline): a Groovy file, never YAML.
JENKINSFILE_NAME = r"[Jj]enkinsfile(?:[-._][\w.-]+)?"

# -- requirements files -------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    """One requirement line of a requirements file."""

    path: str
    line: int
    name: str
    spec: str
    hashed: bool
    text: str = ""
    """The requirement as written (extras and markers kept), without options or comments."""

    @property
    def valid(self) -> bool:
        """True when the line is a PEP 508 requirement (not text that only starts like one)."""
        if PLAIN_REQUIREMENT.fullmatch(self.text):
            return True  # the usual shape: no need to load packaging's full parser
        from packaging.requirements import InvalidRequirement
        from packaging.requirements import Requirement as Pep508

        try:
            Pep508(self.text)
        except InvalidRequirement:
            return False
        return True

    @property
    def pinned(self) -> bool:
        """True for `name==1.2.3` / `name===1.2.3` or a direct reference (`name @ url`); a
        VCS reference only at a commit or a version tag (`@master` moves)."""
        if re.match(r"\s*@\s*\w+\+", self.spec):
            return bool(re.search(r"@(?:[0-9a-f]{7,40}|v?\d[\w.-]*)(?:#.*)?\s*$", self.spec))
        return bool(re.fullmatch(r"\s*(?:===?\s*[^,*\s]+|@.+)\s*", self.spec))


class RequirementLine(NamedTuple):
    """One logical line of a requirements file: continuations joined, comment dropped."""

    line: int
    content: str
    """What the line says, `--hash` options dropped (`-r other.txt`, `numpy==2.0`, `-e .`)."""
    hashed: bool


def requirement_lines(text: str) -> Iterator[RequirementLine]:
    """The logical lines of a requirements file that say something."""
    logical: list[tuple[int, str]] = []
    buffer, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
        if raw.rstrip().endswith("\\"):
            buffer += raw.rstrip()[:-1] + " "
            continue
        logical.append((start, buffer + raw))
        buffer = ""
    if buffer:
        logical.append((start, buffer))
    for number, line in logical:
        content = re.sub(r"(^|\s)#.*$", "", line).strip()
        hashed = "--hash" in content
        content = re.split(r"\s--hash[=\s]", " " + content)[0].strip()
        if content:
            yield RequirementLine(number, content, hashed)


REQUIREMENT = lazy_pattern(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)")
# `name`, `name[extra]`, `name==1.2`, `name>=1,<2` (no marker): valid PEP 508. A version
# starts with a digit or a letter (`dvc==.1.0` is left to packaging, which refuses it).
PLAIN_REQUIREMENT = lazy_pattern(
    r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\s*(?:\[[\w.,\s-]*\])?\s*"
    r"(?:(?:===?|[<>!~]=?)\s*\w[\w.*+!-]*(?:\s*,\s*(?:===?|[<>!~]=?)\s*\w[\w.*+!-]*)*)?\s*"
)
# A pip option (`-r base.txt`, `--index-url ...`, `-e .`): a dash and a letter.
PIP_OPTION = lazy_pattern(r"--?[A-Za-z]")
# A line pip installs from a URL, VCS or path (`git+https://...`, `./pkg`, `.`): no name.
URL_OR_PATH = lazy_pattern(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|\.{0,2}/|\.$|\.\.?\[|file:)")


def parse_requirements(rel: str, text: str) -> Iterator[Requirement]:
    """Requirement lines of one file; options (-r, -c, -e, --index-url), URLs and paths are
    skipped. A line that is no requirement at all comes with no name (and is not `valid`):
    a YAML list item too (`- onnx==1.6.0`, a conda file's line), which is no pip option."""
    for line in requirement_lines(text):
        content = re.split(r"\s--?\w", " " + line.content, maxsplit=1)[0].strip()
        if not content or PIP_OPTION.match(content) or URL_OR_PATH.match(content):
            continue
        match = REQUIREMENT.match(content)
        if not match:  # not even a name: kept, so `valid` can tell a junk file
            yield Requirement(rel, line.line, "", "", line.hashed, content)
            continue
        spec = match.group(3).split(";")[0]
        yield Requirement(rel, line.line, match.group(1), spec.strip(), line.hashed, content)


# The comparisons that set a lowest version a requirement allows (`==2.7.0`, `>=2.6`,
# `~=2.6`, `>2.5`), and the version each names (a wildcard's `.*` and a local `+cu118`
# dropped).
VERSION_FLOOR = lazy_pattern(r"(===?|>=|~=|>)\s*v?(\d+(?:\.\d+)*)")


def version_floor(spec: str) -> tuple[int, ...] | None:
    """The lowest version a requirement's specifier allows, as numbers (`==2.7.0+cu118`
    -> (2, 7, 0), `>=2.6,<3` -> (2, 6)); None when it sets none (`torch`, `<3`)."""
    floors = [
        tuple(int(part) for part in version.split(".")) + ((1,) if operator == ">" else ())
        for operator, version in VERSION_FLOOR.findall(spec)
    ]
    return max(floors) if floors else None


def include_of(line: RequirementLine) -> str | None:
    """The file a `-r FILE` / `--requirement FILE` line includes, or None."""
    match = re.match(r"(?:-r|--requirement)[=\s]+(\S+)", line.content)
    return match.group(1) if match else None


# -- Dockerfiles --------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    """One Dockerfile instruction, continuation lines joined."""

    keyword: str
    arguments: str
    line: int

    @property
    def copied_sources(self) -> list[str]:
        """The build-context sources of a COPY or ADD (none for `--from`, which copies
        from another image or stage, nor for any other instruction)."""
        if self.keyword not in ("COPY", "ADD") or "--from" in self.arguments:
            return []
        return [word for word in self.arguments.split() if not word.startswith("--")][:-1]


@dataclass(frozen=True)
class Dockerfile:
    """A parsed Dockerfile: its instructions and the stages they form."""

    path: str
    instructions: tuple[Instruction, ...]

    @property
    def stages(self) -> list[list[Instruction]]:
        """Instructions grouped by `FROM`, each list starting with its FROM line."""
        stages: list[list[Instruction]] = []
        for instruction in self.instructions:
            if instruction.keyword == "FROM":
                stages.append([instruction])
            elif stages:
                stages[-1].append(instruction)
        return stages

    @property
    def global_args(self) -> dict[str, str]:
        """`ARG NAME=default` declared before the first FROM (they may parameterise FROM).
        An `ARG NAME` with no default is left out: the build supplies it (`--build-arg`, a
        compose file's `args:`), so `FROM image:${NAME}` names a tag still to be given."""
        args: dict[str, str] = {}
        for instruction in self.instructions:
            if instruction.keyword == "FROM":
                break
            if instruction.keyword == "ARG":
                name, equals, default = instruction.arguments.partition("=")
                if equals:
                    args[name.strip()] = default.strip().strip("\"'")
        return args

    def stage_index(self, target: str | None) -> int | None:
        """The index of the stage `FROM ... AS target` names (the last one for None), None
        when the file has no such stage."""
        stages = self.stages
        if target is None:
            return len(stages) - 1 if stages else None
        names = [stage_alias(stage[0].arguments) for stage in stages]
        return names.index(target.lower()) if target.lower() in names else None

    def stage_chain(self, index: int) -> list[int]:
        """Stage `index`, then each earlier stage of this file it is built `FROM`, nearest
        first (`FROM builder AS test` is built on the stage `builder`; `FROM 0` on the
        first stage, as `COPY --from=0` names it)."""
        stages = self.stages
        names = {str(i): i for i in range(len(stages))}
        for i, stage in enumerate(stages):
            alias = stage_alias(stage[0].arguments)
            if alias:
                names[alias] = i
        chain = [index]
        while True:
            parent = names.get(from_image(stages[chain[-1]][0].arguments, self).lower())
            if parent is None or parent >= chain[-1]:
                return chain
            chain.append(parent)

    def base_image(self, index: int) -> str:
        """The external image stage `index` starts from, through the earlier stages it is
        built `FROM` (`FROM base AS app` starts from what stage `base` starts from)."""
        origin = self.stage_chain(index)[-1]
        return from_image(self.stages[origin][0].arguments, self)


JINJA_EXPRESSION = lazy_pattern(r"\{\{(.*?)\}\}")


def from_image(arguments: str, dockerfile: Dockerfile) -> str:
    """The image a `FROM` line names, with the ARG defaults declared before FROM put in
    and the quotes Docker removes taken off (`FROM "${IMAGE}:${TAG}"`). A template's Jinja
    is kept whole (`python:{{ cookiecutter.python }}-slim` is one image)."""
    arguments = JINJA_EXPRESSION.sub(lambda m: "{{" + "".join(m[1].split()) + "}}", arguments)
    words = [w for w in arguments.split() if not w.startswith("--")]
    image = words[0] if words else ""
    for name, value in dockerfile.global_args.items():
        image = image.replace(f"${{{name}}}", value).replace(f"${name}", value)
    return image.replace('"', "").replace("'", "")


def stage_alias(arguments: str) -> str:
    """The name a `FROM ... AS name` gives its stage, lower-cased ("" for none)."""
    alias = re.search(r"\bas\s+(\S+)", arguments, re.IGNORECASE)
    return alias.group(1).lower() if alias else ""


def parse_dockerfile(text: str) -> Iterator[Instruction]:
    """Instructions of a Dockerfile, with `\\` continuations joined and comments dropped."""
    buffer, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not buffer and (not stripped or stripped.startswith("#")):
            continue
        if buffer and stripped.startswith("#"):
            continue
        if not buffer:
            start = number
        if stripped.endswith("\\"):
            buffer += stripped[:-1] + " "
            continue
        keyword, _, arguments = (buffer + stripped).partition(" ")
        buffer = ""
        yield _instruction(keyword.upper(), arguments.strip(), start)
    if buffer:
        keyword, _, arguments = buffer.partition(" ")
        yield _instruction(keyword.upper(), arguments.strip(), start)


# A here-document a shell script writes a Dockerfile with: `cat << 'EOF' > Dockerfile`,
# `cat > build/Dockerfile <<-EOF`, `tee Containerfile <<EOF`; group 1 is its delimiter.
HEREDOC_DOCKERFILE = lazy_pattern(
    r"(?:<<-?[ \t]*[\"']?(\w+)[\"']?.*(?:>|\btee)[ \t]*(?:\S*/)?(?:Dockerfile|Containerfile)\S*"
    r"|(?:>|\btee)[ \t]*(?:\S*/)?(?:Dockerfile|Containerfile)\S*[ \t]+<<-?[ \t]*[\"']?(\w+))"
)


def written_dockerfile(path: str, text: str) -> Dockerfile | None:
    """The Dockerfile a shell script writes with here-documents, its instructions at the
    script's lines (two documents written to Dockerfiles are read as one file), or None."""
    instructions: list[Instruction] = []
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        heredoc = HEREDOC_DOCKERFILE.search(lines[number])
        number += 1
        if heredoc is None or lines[number - 1].lstrip().startswith("#"):
            continue
        delimiter, start = heredoc[1] or heredoc[2], number
        while number < len(lines) and lines[number].strip() != delimiter:
            number += 1
        body = "\n".join(lines[start:number])
        instructions += [replace(i, line=i.line + start) for i in parse_dockerfile(body)]
    return Dockerfile(path, tuple(instructions)) if instructions else None


# A notebook cell that writes a Dockerfile (`%%writefile docker/Dockerfile`), as its JSON has it.
WRITEFILE_DOCKERFILE = lazy_pattern(r'^\s*"%%writefile\s+(?:\S*/)?(?:Dockerfile|Containerfile)')


def notebook_written_dockerfile(path: str, text: str) -> Dockerfile | None:
    """The Dockerfile a notebook's `%%writefile Dockerfile` cell writes, its instructions at
    the lines of the notebook's JSON (one source line a JSON line, as Jupyter saves it), or
    None."""
    instructions: list[Instruction] = []
    lines = text.splitlines()
    for start, line in enumerate(lines):
        if not WRITEFILE_DOCKERFILE.match(line):
            continue
        body: list[str] = []
        for source in lines[start + 1 :]:
            try:
                decoded = json.loads(source.strip().removesuffix(","))
            except ValueError:
                break
            if not isinstance(decoded, str):
                break
            body.append(decoded.rstrip("\n"))
        instructions += [
            replace(i, line=i.line + start + 1) for i in parse_dockerfile("\n".join(body))
        ]
    return Dockerfile(path, tuple(instructions)) if instructions else None


def _instruction(keyword: str, arguments: str, line: int) -> Instruction:
    """The instruction; a COPY or ADD in its JSON-array form (`COPY ["Pipfile", "./"]`)
    is given its arguments as the shell form writes them (`Pipfile ./`), the form every
    reader of sources and destinations splits."""
    if keyword in ("COPY", "ADD"):
        options = re.match(r"(?:--\S+\s+)*", arguments)
        rest = arguments[options.end() if options else 0 :]
        if rest.startswith("["):
            try:
                words = json.loads(rest)
            except ValueError:
                words = None
            if isinstance(words, list) and all(isinstance(word, str) for word in words):
                arguments = " ".join([arguments[: len(arguments) - len(rest)].strip(), *words])
    return Instruction(keyword, arguments.strip(), line)


# -- pyproject.toml -----------------------------------------------------------------------


def table(document: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    """The table at `keys` (`table(pyproject, "tool", "poetry")`); {} when absent or when a
    key on the way holds something else than a table (`tool = "x"` is valid TOML)."""
    current: Any = document
    for key in keys:
        current = current.get(key) if isinstance(current, Mapping) else None
    return dict(current) if isinstance(current, Mapping) else {}


def console_scripts(pyproject: Mapping[str, Any]) -> dict[str, str]:
    """The pyproject's console scripts (`[project.scripts]`, Poetry's): name -> target."""
    scripts = {
        **table(pyproject, "tool", "poetry", "scripts"),
        **table(pyproject, "project", "scripts"),
    }
    return {str(k): v for k, v in scripts.items() if isinstance(v, str)}


def ini_console_scripts(content: str) -> dict[str, str]:
    """The console scripts an INI file declares, one `name = module:function` a line: a
    setup.cfg's `[options.entry_points]` `console_scripts`, or nbdev's settings.ini, whose
    `console_scripts` in `[DEFAULT]` its setup.py installs. {} when it does not parse."""
    import configparser  # imported here: most repositories have no INI file to read

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(content)
    except configparser.Error:
        return {}
    found: dict[str, str] = {}
    for section in ("DEFAULT", "options.entry_points"):
        value = parser[section].get("console_scripts", "") if section in parser else ""
        for line in value.splitlines():
            name, equals, target = line.partition("=")
            if equals and name.strip() and target.strip():
                found[name.strip()] = target.strip()
    return found


# The header of a console-script table (`[project.scripts]`, `[tool.poetry.scripts]`), and
# the header of any table, where the one before ends.
SCRIPTS_TABLE = lazy_pattern(
    r"(?m)^[ \t]*\[[ \t]*(?:project|tool\.poetry)\.scripts[ \t]*\][ \t]*(?:#.*)?$"
)
TABLE_HEADER = lazy_pattern(r"(?m)^[ \t]*\[")


def console_scripts_of_text(content: str) -> dict[str, str]:
    """The console scripts of a pyproject.toml that does not parse, read from their own
    tables: a TOML error elsewhere in the file (REPO001's) leaves them as a reader sees
    them. A table that does not parse itself gives none."""
    found: dict[str, str] = {}
    for header in SCRIPTS_TABLE.finditer(content):
        end = TABLE_HEADER.search(content, header.end())
        try:
            scripts = tomllib.loads(content[header.end() : end.start() if end else None])
        except tomllib.TOMLDecodeError:
            continue
        found.update({str(k): v for k, v in scripts.items() if isinstance(v, str)})
    return found


class ListOf:
    """A shape: a list whose items are all of `item` type."""

    def __init__(self, item: type) -> None:
        self.item = item


# What the doctor and `mlops add` read in pyproject.toml, by type; "*" is any other key.
Shape = type | tuple[type, ...] | ListOf | dict[str, "Shape"]
PYPROJECT_SHAPE: dict[str, Shape] = {
    "project": {
        "name": str,
        "dependencies": ListOf(str),
        "optional-dependencies": {"*": ListOf(str)},
        "dynamic": ListOf(str),
        "readme": (str, dict),
        "requires-python": str,
        "authors": list,
        "scripts": dict,
    },
    "dependency-groups": {"*": list},
    "build-system": {"requires": ListOf(str), "build-backend": str},
    "tool": {
        "*": dict,
        "poetry": {
            "dependencies": dict,
            "group": {"*": {"dependencies": dict}},
            "readme": (str, list),
        },
        "pdm": {"scripts": dict, "dev-dependencies": {"*": list}},
        "hatch": {"envs": dict},
        "pixi": {"feature": dict, "tasks": dict},
        "mlops": {"doctor": dict},
    },
}
TYPE_NAMES = {str: "a string", dict: "a table", list: "an array", bool: "a boolean"}


def well_typed(
    document: Mapping[str, Any], shape: Mapping[str, Shape] = PYPROJECT_SHAPE, where: str = ""
) -> tuple[dict[str, Any], list[str]]:
    """`document` without the keys whose value has another type than `shape` says, and one
    message per key left out (`tool.mlops must be a table, not a string`): TOML that parses
    can still say `tool = "x"`, and nothing downstream should trip on it."""
    kept: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in document.items():
        expected = shape.get(key, shape.get("*"))
        name = f"{where}.{key}" if where else key
        if expected is None:
            kept[key] = value
        elif isinstance(expected, dict):
            if isinstance(value, Mapping):
                kept[key], inner = well_typed(value, expected, name)
                problems += inner
            else:
                problems.append(_mistyped(name, "a table", value))
        elif isinstance(expected, ListOf):
            if isinstance(value, list) and all(isinstance(i, expected.item) for i in value):
                kept[key] = value
            else:
                items = TYPE_NAMES.get(expected.item, expected.item.__name__)
                problems.append(_mistyped(name, f"an array of {items.split()[-1]}s", value))
        elif isinstance(value, expected):
            kept[key] = value
        else:
            types = expected if isinstance(expected, tuple) else (expected,)
            wanted = " or ".join(TYPE_NAMES.get(t, t.__name__) for t in types)
            problems.append(_mistyped(name, wanted, value))
    return kept, problems


def _mistyped(name: str, wanted: str, value: Any) -> str:
    seen = {int: "a number", float: "a number"}.get(type(value)) or TYPE_NAMES.get(
        type(value), type(value).__name__
    )
    if isinstance(value, list):
        seen = "an array" + (" holding other types" if value else "")
    return f"`{name}` must be {wanted}, not {seen}"


def text_value(document: Mapping[str, Any], key: str) -> str | None:
    """A string value of a table, or None when absent, empty or of another type."""
    value = document.get(key)
    return value if isinstance(value, str) and value.strip() else None


def first_author(authors: Any) -> dict[str, str]:
    """PEP 621's `{name, email}` table, or Poetry's `"Name <email>"` string."""
    first = authors[0] if isinstance(authors, list) and authors else {}
    if isinstance(first, str):
        match = re.fullmatch(r"\s*([^<]*?)\s*(?:<([^>]+)>)?\s*", first)
        first = {"name": match.group(1), "email": match.group(2)} if match else {}
    if not isinstance(first, dict):
        return {}
    return {key: str(value) for key, value in first.items() if key in ("name", "email") and value}


def declared_readme(project: Mapping[str, Any], poetry: Mapping[str, Any]) -> str | None:
    """The readme file pyproject.toml names (the build backend reads it), or None."""
    declared = project.get("readme") or poetry.get("readme")
    if isinstance(declared, dict):
        declared = declared.get("file")
    elif isinstance(declared, list):  # Poetry allows several
        declared = declared[0] if declared else None
    return declared if isinstance(declared, str) and declared else None


def oldest_allowed(spec: str, versions: tuple[str, ...]) -> str | None:
    """The oldest of `versions` a Python version spec allows any release of (`^3.10` is
    Poetry's `>=3.10,<4`; `>3.10` and `>=3.10.1` allow Python 3.10, from 3.10.1 on)."""
    plain = PLAIN_PYTHON_RANGE.fullmatch(spec)
    if plain:  # no need to load packaging's specifiers (10-15 ms of start-up)
        floor, ceiling = plain.groups()
        for version in versions:
            major, minor, _ = first = _release(version)
            below_next = _release(floor) < (major, minor + 1, 0)
            if below_next and (ceiling is None or first < _release(ceiling)):
                return version
        return None
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    spec = re.sub(r"\^\s*(\d+\.\d+)", r">=\1,<4", spec)
    spec = CONSTRAINTS_APART.sub(",", spec)  # Poetry's `>=3.9 <3.10` is `>=3.9,<3.10`
    try:
        allowed = SpecifierSet(spec.replace(" ", ""))
    except InvalidSpecifier:
        return None
    return next((v for v in versions if any(allowed.contains(f"{v}.{p}") for p in (0, 99))), None)


# The usual requires-python: a floor, perhaps a ceiling (`>=3.10`, `>=3.8.1,<3.12`, and
# Poetry's `>=3.8.1 <3.12`: constraints apart by a space are all required).
PLAIN_PYTHON_RANGE = lazy_pattern(
    r" *>= *([0-9]+\.[0-9]+(?:\.[0-9]+)?) *(?:(?:,| ) *< *([0-9]+\.[0-9]+(?:\.[0-9]+)?) *)?"
)
# Two constraints a space sets apart (Poetry reads `>=3.9 <3.10` as both).
CONSTRAINTS_APART = lazy_pattern(r"(?<=[\w*])[ \t]+(?=[<>=!~])")


def _release(version: str) -> tuple[int, int, int]:
    """`3.10` as (3, 10, 0), `3.8.1` as (3, 8, 1): compared as packaging compares releases."""
    major, minor, patch = [*map(int, version.split(".")), 0][:3]
    return major, minor, patch


def poetry_requirements(name: str, spec: Any) -> list[str]:
    """Poetry's `name = "^1.2"`, `{version, extras, markers, python, platform}` or a list of
    those (one constraint per platform or Python) as PEP 508 requirements, markers kept.

    A path, git or url dependency comes back as `name @ KIND:`, which is left out.
    """
    constraints = spec if isinstance(spec, list) else [spec]
    return [_poetry_requirement(name, constraint) for constraint in constraints]


def _poetry_requirement(name: str, spec: Any) -> str:
    extras, markers = "", []
    if isinstance(spec, dict):
        if not spec.get("version"):
            return f"{name} @ {next(iter(spec.values()), '?')}:"
        if isinstance(spec.get("extras"), list):
            extras = f"[{','.join(map(str, spec['extras']))}]"
        if isinstance(spec.get("python"), str) and (python := _python_marker(spec["python"])):
            markers.append(python)
        if isinstance(spec.get("platform"), str):
            markers.append(f"sys_platform == '{spec['platform']}'")
        if isinstance(spec.get("markers"), str) and spec["markers"].strip():
            markers.append(spec["markers"].strip())
        spec = spec["version"]
    joined = " and ".join(f"({marker})" if len(markers) > 1 else marker for marker in markers)
    return f"{name}{extras}{poetry_version(str(spec))}" + (f" ; {joined}" if joined else "")


def _python_marker(spec: str) -> str:
    """Poetry's `python = "^3.9"` of one dependency as a marker: `python_version >= '3.9' ...`."""
    clauses = []
    for clause in filter(None, poetry_version(spec).split(",")):
        operator, version = re.match(r"([<>=!~]*)(.*)", clause).groups()  # type: ignore[union-attr]
        variable = "python_full_version" if version.count(".") > 1 else "python_version"
        clauses.append(f"{variable} {operator or '=='} '{version}'")
    return " and ".join(clauses)


def poetry_version(spec: str) -> str:
    """`^1.2` -> `>=1.2,<2`, `~1.2` -> `>=1.2,<1.3`, `1.2.3` -> `==1.2.3`, `*` -> no bound."""
    spec = spec.strip()
    if spec in ("", "*"):
        return ""
    if spec.startswith("~="):  # PEP 440's compatible release, which Poetry accepts as is
        return spec.replace(" ", "")
    operator, version = spec[:1] if spec[:1] in "^~" else "", spec.lstrip("^~")
    if operator:
        numbers = [int(part) for part in re.findall(r"\d+", version)] or [0]
        if operator == "^":
            position = next((i for i, n in enumerate(numbers) if n), len(numbers) - 1)
        else:
            position = min(1, len(numbers) - 1) if len(numbers) > 1 else 0
        upper = [*numbers[:position], numbers[position] + 1]
        return f">={version},<{'.'.join(map(str, upper))}"
    return f"=={spec}" if re.fullmatch(r"\d[\w.]*", spec) else spec.replace(" ", "")


def string_constants(source: str) -> set[str]:
    """The string literals of a Python file (its quoted strings when it does not parse)."""
    import ast

    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set(re.findall(r"""["']([^"'\n]+)["']""", source))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def normalise_package_name(name: str) -> str:
    """A distribution or folder name as an importable package name."""
    cleaned = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return re.sub(r"^[0-9_]+", "", cleaned) or "model"


# -- conda environment files --------------------------------------------------------------


class CondaEnvironment(NamedTuple):
    """What a conda `environment.yml` asks for: conda packages and its `pip:` section."""

    conda: tuple[str, ...]
    pip: tuple[str, ...]


def conda_environment(document: Any) -> CondaEnvironment:
    """The `dependencies` of a parsed environment file (a malformed one gives nothing)."""
    conda: list[str] = []
    pip: list[str] = []
    dependencies = document.get("dependencies") if isinstance(document, dict) else None
    for entry in dependencies if isinstance(dependencies, list) else []:
        if isinstance(entry, str) and entry.strip():
            conda.append(entry.strip())
        elif isinstance(entry, dict) and isinstance(entry.get("pip"), list):
            pip.extend(str(line).strip() for line in entry["pip"] if str(line).strip())
    return CondaEnvironment(tuple(conda), tuple(pip))


def printable(rel: str) -> str:
    """A path safe to print or serialise: undecodable bytes shown as U+FFFD."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def yaml_syntax_problem(text: str) -> tuple[int | None, str] | None:
    """Where and why `text` is not YAML (None when it is). Only the syntax is judged: tags
    a tool defines (CloudFormation's `!Ref`, MkDocs' `!!python/name:`) are not resolved."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if "&" not in text and "*" not in text and hasattr(loader, "raw_parse"):
            # No anchor and no alias, so only the syntax can fail: libyaml parses to the
            # end in C, making no event objects (half the cost of the loop below).
            parser: Any = loader(text)  # the C parser (`raw_parse` is not in the stubs)
            try:
                parser.raw_parse()
            finally:
                parser.dispose()
            return None
        # The parser's events, with the composer's two checks on anchors: half the cost
        # of composing nodes (no tag resolution), the same verdict, line and message.
        anchors: set[str] = set()
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.DocumentStartEvent):
                anchors.clear()
            anchor, mark = getattr(event, "anchor", None), event.start_mark
            if anchor is None:
                continue
            line = mark.line + 1 if mark is not None else None
            if isinstance(event, yaml.AliasEvent):
                if anchor not in anchors:
                    return line, "found undefined alias"
            elif anchor in anchors:
                return line, "second occurrence"  # of an anchor: composing says so
            else:
                anchors.add(anchor)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return (mark.line + 1 if mark is not None else None), problem
    return None


class DuplicateKey(NamedTuple):
    """A mapping key defined a second time in one mapping of a YAML file."""

    line: int
    key: str
    first: int  # the line of its first definition


def yaml_duplicate_keys(text: str) -> list[DuplicateKey]:
    """Every key a mapping of `text` (valid YAML, every document) defines twice: PyYAML
    keeps the last value without a word, stricter readers (`docker compose`, `kubectl`)
    reject the file. Merge keys (`<<`) are left alone."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: list[DuplicateKey] = []
    pending: list[Any] = list(yaml.compose_all(text, Loader=loader))
    visited: set[int] = set()  # an alias is the node of its anchor again
    while pending:
        node = pending.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                pending.append(value)
                if not isinstance(key, yaml.ScalarNode) or key.value == "<<":
                    continue
                line = key.start_mark.line + 1
                if key.value in seen:
                    found.append(DuplicateKey(line, key.value, seen[key.value]))
                else:
                    seen[key.value] = line
    return sorted(found)


def compose_builds(rel: str, document: Any) -> list[tuple[str | None, str]]:
    """The services a compose file builds from the repository: (the Dockerfile's path in
    the repository, None when it lies outside; what the service runs instead of the
    image's own command: its `entrypoint` and `command`, or "")."""
    services = document.get("services") if isinstance(document, Mapping) else None
    folder = rel.rpartition("/")[0]
    built: list[tuple[str | None, str]] = []
    for service in services.values() if isinstance(services, Mapping) else ():
        build = service.get("build") if isinstance(service, Mapping) else None
        if build is None:
            continue
        spec = build if isinstance(build, Mapping) else {"context": build}
        context, dockerfile = (
            str(spec.get("context", ".")),
            str(spec.get("dockerfile", "Dockerfile")),
        )
        built.append((_joined(folder, context, dockerfile), _service_command(service)))
    return built


def compose_runs(document: Any) -> list[tuple[str, str]]:
    """The services of a compose file that run an image without building it: (the image's
    reference, as `image_reference` writes it; what the service runs instead of the
    image's own command, or "")."""
    services = document.get("services") if isinstance(document, Mapping) else None
    return [
        (image_reference(str(service["image"])), _service_command(service))
        for service in (services.values() if isinstance(services, Mapping) else ())
        if isinstance(service, Mapping) and service.get("image") and "build" not in service
    ]


def workflow_steps(document: Any) -> Iterator[Mapping[Any, Any]]:
    """A GitHub workflow's steps, job after job in file order; what is not a mapping where
    a job or a step should be (a broken or half-written file) is skipped."""
    jobs = document.get("jobs") if isinstance(document, Mapping) else None
    for job in jobs.values() if isinstance(jobs, Mapping) else ():
        steps = job.get("steps") if isinstance(job, Mapping) else None
        for step in steps if isinstance(steps, list) else ():
            if isinstance(step, Mapping):
                yield step


def _service_command(service: Mapping[str, Any]) -> str:
    """A compose service's `entrypoint` and `command`, joined ("" when it sets neither)."""
    words = [
        " ".join(map(str, value)) if isinstance(value, list) else str(value)
        for value in (service.get("entrypoint"), service.get("command"))
        if value
    ]
    return " ".join(words)


class DeclaredBuild(NamedTuple):
    """An image build a compose service or a skaffold artifact declares: the Dockerfile
    and context folder (paths relative to the repository root, "" for the root), the
    image name it tags (None when it names none) and the stage it builds (`target`)."""

    dockerfile: str
    context: str
    image: str | None
    target: str | None


def declared_builds(rel: str, document: Any) -> list[DeclaredBuild]:
    """The builds a compose file (`build:` of its services, with their `image:`) or a
    skaffold.yaml (`build.artifacts[]`) declares; those leaving the repository left out."""
    folder = rel.rpartition("/")[0]
    specs: list[tuple[Mapping[str, Any], Any]] = []
    services = document.get("services") if isinstance(document, Mapping) else None
    for service in services.values() if isinstance(services, Mapping) else ():
        build = service.get("build") if isinstance(service, Mapping) else None
        if build is not None:
            spec = build if isinstance(build, Mapping) else {"context": build}
            specs.append((spec, service.get("image")))
    build = document.get("build") if isinstance(document, Mapping) else None
    artifacts = build.get("artifacts") if isinstance(build, Mapping) else None
    for artifact in artifacts if isinstance(artifacts, list) else ():
        if isinstance(artifact, Mapping):
            docker = artifact.get("docker")
            docker = docker if isinstance(docker, Mapping) else {}
            spec = {"context": artifact.get("context", "."), **docker}
            specs.append((spec, artifact.get("image")))
    builds = []
    for spec, image in specs:
        context = str(spec.get("context") or ".")
        where = _joined(folder, context, "")
        dockerfile = _joined(folder, context, str(spec.get("dockerfile") or "Dockerfile"))
        target = spec.get("target")
        if where is not None and dockerfile is not None:
            builds.append(
                DeclaredBuild(
                    dockerfile,
                    where,
                    str(image) if image else None,
                    str(target) if target else None,
                )
            )
    return builds


def image_reference(image: str) -> str:
    """An image reference as Docker resolves it: no digest, `:latest` when it names no
    tag (`ml-pipeline` -> ml-pipeline:latest, `registry:5000/app` -> registry:5000/app:latest)."""
    reference = image.split("@")[0]
    return reference if ":" in reference.rpartition("/")[2] else f"{reference}:latest"


def declared_build_contexts(rel: str, document: Any) -> list[tuple[str, str]]:
    """(Dockerfile path, build context folder) pairs a compose file or a skaffold.yaml
    declares (see `declared_builds`)."""
    return [(build.dockerfile, build.context) for build in declared_builds(rel, document)]


def _joined(folder: str, context: str, dockerfile: str) -> str | None:
    """`folder/context/dockerfile` normalised (`docker/../Dockerfile` is `Dockerfile`); None
    for an absolute context or one that leaves the repository."""
    if context.startswith("/") or dockerfile.startswith("/"):
        return None
    names: list[str] = []
    for part in f"{folder}/{context}/{dockerfile}".split("/"):
        if part in ("", "."):
            continue
        if part != "..":
            names.append(part)
        elif not names:
            return None
        else:
            names.pop()
    return "/".join(names)


# -- docker build commands ----------------------------------------------------------------

# Options of `docker build` (and `buildx build`, `podman build`) followed by a value.
DOCKER_BUILD_VALUED = frozenset(
    {
        *("-t", "--tag", "-f", "--file", "--build-arg", "--target", "--platform", "--label"),
        *("--secret", "--ssh", "--cache-from", "--cache-to", "--network", "--progress"),
        *("-o", "--output", "--iidfile", "--add-host", "--shm-size", "--ulimit", "-m"),
        *("--memory", "--build-context", "--annotation", "--attest", "--metadata-file"),
        "--builder",
    }
)
# The word that runs docker or podman (`docker`, `/usr/bin/podman`, a Makefile's `@docker`),
# or a Makefile's or script's variable for it (`$(DOCKER)`, `${PODMAN_CMD}`).
DOCKER_PROGRAM = lazy_pattern(
    r"(?i)[@+-]*(?:\S*/)?(?:docker|podman)|\$[({]\w*?(?:docker|podman)\w*[)}]"
)
# Where a `docker build` / `docker buildx build` starts in a text (a Makefile, a script, a
# README, a workflow).
DOCKER_BUILD_START = lazy_pattern(
    r"(?:\b(?:docker|podman)|\$[({]\w*?(?i:docker|podman)\w*[)}])[ \t]+(?:buildx[ \t]+)?build\b"
)
# One token of the shell text after it: a word (a `$(...)`, `${...}` or `${{ ... }}` value
# and a quoted string each stay inside one word), a redirection with its target, or what
# ends the command (`;`, `&&`, `|`, `)`, a comment).
SHELL_TOKEN = lazy_pattern(
    r"""(?P<end>[;&|()`]|(?<!\S)\#)"""
    r"""|(?P<redirect>\d*[<>]+(?:&\d+|[ \t]*[^\s;&|()<>]+)?)"""
    r"""|(?P<word>(?:\$\{\{[^{}\n]*\}\}|\$+\((?:[^()\n]|\([^()\n]*\))*\)|\$+\{[^{}\n]*\}"""
    r"""|"[^"\n]*"|'[^'\n]*'|\\\S|[^\s;&|()<>'"`\\$]|\$)+)"""
    r"""|\s+"""
)
QUOTED = lazy_pattern(r"""(["'])(.*?)\1""")


class DockerBuild(NamedTuple):
    """A `docker build` (`docker buildx build`, `podman build`) command as written: its
    context (`.` when it names none), the Dockerfile `-f`/`--file` names (None: the
    context's), the stage `--target` stops at, and the `-t`/`--tag` names it gives."""

    context: str
    file: str | None
    target: str | None
    tags: tuple[str, ...]
    commented: bool = False
    """Written after a `#`: a comment (a usage line in a Dockerfile or a script)."""
    cd: str = ""
    """The folder the `cd`s written before it in the same shell block moved to, relative
    to where the block starts ("" for none; a `$VARIABLE` or an absolute path kept as
    written)."""

    @property
    def dockerfile(self) -> str:
        """The Dockerfile it reads, as written: `-f`'s, else the context's `Dockerfile`."""
        return str(PurePosixPath(self.file or f"{self.context.rstrip('/')}/Dockerfile"))


def docker_build(words: list[str]) -> DockerBuild | None:
    """The `docker build` one shell command's words run (`sudo docker buildx build -f
    docker/Dockerfile --target test .`), None for any other command. The context is the
    last word that is neither an option nor an option's value (`docker build -f
    x/Dockerfile . -t app` builds from `.`, not from `app`)."""
    at = next((i for i, word in enumerate(words) if DOCKER_PROGRAM.fullmatch(word)), None)
    rest = words[at + 1 :] if at is not None else []
    rest = rest[1:] if rest[:1] == ["buildx"] else rest
    if rest[:1] != ["build"]:
        return None
    file = target = None
    tags: list[str] = []
    positional: list[str] = []
    arguments = iter(rest[1:])
    for word in arguments:
        if not word.startswith("-") or word == "-":
            positional.append(word)
            continue
        option, equals, value = word.partition("=")
        if option not in DOCKER_BUILD_VALUED:
            continue
        value = value if equals else next(arguments, "")
        if option in ("-t", "--tag"):
            tags.append(value)
        elif option in ("-f", "--file"):
            file = value
        elif option == "--target":
            target = value
    context = positional[-1] if positional and positional[-1] != "-" else "."
    return DockerBuild(context, file or None, target or None, tuple(tags))


def docker_builds(text: str) -> list[DockerBuild]:
    """Every `docker build` written in a text (lines continued with `\\` joined), in
    order, commented ones marked."""
    builds = []
    cwd = ""  # where the `cd`s of the current shell block have moved to
    for line in re.sub(r"\\\r?\n", " ", text).splitlines():
        if SHELL_BLOCK_EDGE.match(line) and not CD.search(line):
            cwd = ""  # a Markdown fence or a new YAML key: a new shell starts
        moves = [(m.start(), m.group(1)) for m in CD.finditer(line)]
        for start in DOCKER_BUILD_START.finditer(line):
            words = ["docker", *start.group(0).split()[1:]]
            for token in SHELL_TOKEN.finditer(line, start.end()):
                if token.group("end"):
                    break
                if token.group("word"):
                    words.append(QUOTED.sub(r"\2", token.group("word")))
            build = docker_build(words)
            if build is not None:
                commented = re.search(r"(?:^|\s)#", line[: start.start()]) is not None
                here = _moved(cwd, [arg for at, arg in moves if at < start.start()])
                builds.append(build._replace(commented=commented, cd=here))
        if moves and not DOCKER_BUILD_START.search(line):
            cwd = _moved(cwd, [arg for _, arg in moves])
    return builds


# A `cd DIR` shell command: at a line's start (after a prompt, a list dash or `run:`) or
# after `&&`, `;`, `(`.
CD = lazy_pattern(r"(?:^|&&|;|\()\s*(?:\$\s+|-\s+(?:run:\s*)?|run:\s*)?cd\s+([^\s;&|)]+)")
# A line that ends a shell block: a Markdown fence or a YAML key (`- name: build`).
SHELL_BLOCK_EDGE = lazy_pattern(r"\s*(?:```|~~~|-?\s*[\w-]+:(?:\s|$))")


def _moved(cwd: str, targets: list[str]) -> str:
    """The folder a shell is in after `cd`ing to each target from `cwd` (relative paths
    joined; a variable, `~` or an absolute path kept as written, the later ones unread)."""
    for target in targets:
        if cwd.startswith(("$", "/", "~")):
            return cwd
        if target.startswith(("$", "/", "~")) or target == "-":
            return target
        cwd = posixpath.normpath(posixpath.join(cwd, target.strip("\"'")))
        cwd = "" if cwd == "." else cwd
    return cwd


# -- setup.py -----------------------------------------------------------------------------

# The `setup()` keywords whose strings are requirements pip installs with the package.
SETUP_REQUIREMENT_KEYWORDS = ("install_requires",)


def setup_py_requirements(rel: str, source: str) -> list[Requirement]:
    """The requirements a setup.py's `setup(install_requires=[...])` (or `setuptools.setup`)
    lists, each at the line it is written on: a list or tuple of strings, written in the call
    or bound to a module-level name first (`required_packages = ["sagemaker==2.218.0"]`).
    Anything computed (read from a file, a comprehension) names nothing here."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return []
    bound: dict[str, ast.expr] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    bound[target.id] = statement.value
    found: list[Requirement] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _names_setup(node.func)):
            continue
        for keyword in node.keywords:
            if keyword.arg not in SETUP_REQUIREMENT_KEYWORDS:
                continue
            value = keyword.value
            if isinstance(value, ast.Name):
                value = bound.get(value.id, value)
            if not isinstance(value, (ast.List, ast.Tuple)):
                continue
            for item in value.elts:
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    found += [
                        Requirement(r.path, item.lineno, r.name, r.spec, r.hashed, r.text)
                        for r in parse_requirements(rel, item.value)
                        if r.valid
                    ]
    return found


def _names_setup(func: ast.expr) -> bool:
    """Whether a call's function is `setup` or `<module>.setup` (setuptools', distutils')."""
    if isinstance(func, ast.Attribute):
        return func.attr == "setup" and isinstance(func.value, ast.Name)
    return isinstance(func, ast.Name) and func.id == "setup"
