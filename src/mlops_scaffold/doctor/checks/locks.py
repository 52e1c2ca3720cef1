"""ENV007: every lock file still matches what the project declares."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from mlops_scaffold.doctor.checks.base import Check, Hit, Outcome, TextOf
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.parsers import parse_requirements, table

TomlOf = Callable[[str], "dict[str, Any] | None"]
YamlOf = Callable[[str], Any]
JsonOf = Callable[[str], Any]
# One declared dependency as a lock records it: (name, version range, extra or group).
Declared = tuple[str, str, str]
EXTRA = lazy_pattern(r"""\bextra\s*==\s*['"]([\w.-]+)['"]""")


class ENV007(Check):
    """Reports a lock that no longer matches what the project declares, so that an install from it
    is not what pyproject.toml, the Pipfile or a requirements `.in` asks for: a `[project]`
    dependency, optional dependency or dependency group whose name or version range differs from
    what `uv.lock` recorded for the project (`uv lock` was not re-run), and the same for each uv
    workspace member's pyproject.toml (the root's uv.lock records every member it locks, `editable =
    "services/api"`), and each uv.lock kept beside a nested package's pyproject.toml
    (`python/lib-orm/uv.lock`); a dependency of pyproject.toml (Poetry's tables or `[project]`) that
    `poetry.lock` does not hold (not pip, setuptools or wheel, which Poetry 1.x never locks), or a
    `poetry.lock` (Poetry 1.1 or later) whose content-hash is not the one Poetry computes from
    pyproject.toml's dependency tables (a constraint, extra or group changed since `poetry lock`;
    `poetry check --lock` says so too), while a matching content-hash makes the lock current; a
    Pipfile package missing from `Pipfile.lock`, or a Pipfile changed since it was locked (the
    lock's `_meta.hash.sha256` is not the hash pipenv computes from the Pipfile's sources,
    requirements and packages, so `pipenv install --deploy` refuses it); a requirement of a
    `requirements*.in` missing from the `.txt` compiled beside it, or pinned there at a version the
    `.in` no longer allows (lines with environment markers are skipped: a compile on one platform
    leaves out another's); and a package of a conda environment file (its conda packages, not its
    pip section) missing from the conda explicit spec (`@EXPLICIT`) kept in the same folder, when
    the folder has one environment file (`conda list --explicit` was not re-run after it
    changed)."""

    @staticmethod
    def check(
        pyproject: dict[str, Any],
        file_set: frozenset[str],
        requirement_files: list[str],
        load_toml: TomlOf,
        load_json: JsonOf,
        load_yaml: YamlOf,
        conda_explicit_specs: list[str],
        conda_files: list[str],
        text: TextOf,
    ) -> Outcome:
        hits: list[Hit] = []
        if "uv.lock" in file_set and pyproject:
            lock = load_toml("uv.lock") or {}
            for member, package in _uv_projects(lock).items():
                declared = pyproject if member == "." else None
                manifest = posixpath.join(member, "pyproject.toml")
                if declared is None:
                    declared = load_toml(manifest)
                if declared:
                    hits += _uv_drift(declared, package, "" if member == "." else manifest)
        for lock_rel in nested_uv_locks(file_set):  # each package of a repository its own lock
            folder = posixpath.dirname(lock_rel)
            for member, package in _uv_projects(load_toml(lock_rel) or {}).items():
                manifest = posixpath.join(folder, member, "pyproject.toml")
                declared = load_toml(posixpath.normpath(manifest))
                if declared:
                    hits += _uv_drift(declared, package, posixpath.normpath(manifest), lock_rel)
        if "poetry.lock" in file_set and pyproject:
            lock = load_toml("poetry.lock") or {}
            if not _poetry_hash_matches(pyproject, lock):
                hits += _poetry_drift(pyproject, lock) or _poetry_changed(pyproject, lock)
        if "Pipfile.lock" in file_set and "Pipfile" in file_set:
            pipfile = load_toml("Pipfile") or {}
            lock = load_json("Pipfile.lock")
            hits += _pipfile_drift(pipfile, lock) or _pipfile_changed(pipfile, lock)
        for source in (rel for rel in requirement_files if rel.endswith(".in")):
            compiled = source[: -len(".in")] + ".txt"
            if compiled in file_set:
                hits += _compiled_drift(source, text(source) or "", compiled, text(compiled) or "")
        for spec, environment in explicit_spec_sources(conda_explicit_specs, conda_files).items():
            hits += _explicit_spec_drift(
                spec, text(spec) or "", environment, load_yaml(environment)
            )
        return hits


def explicit_spec_sources(specs: list[str], conda_files: list[str]) -> dict[str, str]:
    """Each conda explicit spec -> the environment file it locks: the only one of its
    folder (with several, which one it was exported from is not known)."""
    found = {}
    for spec in specs:
        folder = posixpath.dirname(spec)
        beside = [rel for rel in conda_files if posixpath.dirname(rel) == folder]
        if len(beside) == 1:
            found[spec] = beside[0]
    return found


# A package URL of an explicit spec: `.../linux-64/numpy-1.26.4-py310h_0.conda#md5`.
SPEC_PACKAGE = lazy_pattern(r"(?m)^\S+/([^/\s#]+)-[^-/\s]+-[^-/\s]+?\.(?:conda|tar\.bz2)\b")
# The name of a conda package as an environment file asks for it (`numpy>=1.26`,
# `conda-forge::numpy=1.26`, `scikit-learn 1.5.*`).
CONDA_NAME = lazy_pattern(r"^(?:[\w.-]+::)?([A-Za-z0-9][\w.-]*)")


def _explicit_spec_drift(spec: str, content: str, environment: str, document: Any) -> list[Hit]:
    """The conda packages an environment file asks for that its explicit spec leaves out."""
    from mlops_scaffold.repo.parsers import conda_environment

    locked = {name.lower() for name in SPEC_PACKAGE.findall(content)}
    missing = []
    for entry in conda_environment(document).conda:
        match = CONDA_NAME.match(entry)
        name = match[1].lower() if match else ""
        if name and name not in locked and name not in ("python", "pip"):
            missing.append(name)
    if not locked or not missing:
        return []
    shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    detail = (
        f"{shown} of {environment} {'is' if len(missing) == 1 else 'are'} not in it; "
        "export it again (`conda list --explicit`)"
    )
    return [Hit(spec, None, detail)]


def _uv_projects(lock: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The projects uv.lock records from the repository itself, by folder: the root
    (`source = { editable = "." }` or `virtual`) and each workspace member
    (`editable = "services/api"`), which one `uv lock` resolves together."""
    packages = lock.get("package")
    found: dict[str, dict[str, Any]] = {}
    for package in packages if isinstance(packages, list) else []:
        source = package.get("source") if isinstance(package, dict) else None
        if not isinstance(source, dict):
            continue
        folder = source.get("editable") or source.get("virtual")
        if isinstance(folder, str) and not folder.startswith(("/", "..")):
            found.setdefault(posixpath.normpath(folder), package)
    return found


def _uv_drift(
    pyproject: dict[str, Any], root: dict[str, Any], manifest: str, lock: str = "uv.lock"
) -> list[Hit]:
    """What a project's `[project]` and `[dependency-groups]` declare against what
    the `lock` recorded for it (its `[package.metadata]`); `manifest` names a workspace
    member's or a nested package's pyproject.toml, empty for the root's."""
    project = table(pyproject, "project")
    if "dependencies" in (project.get("dynamic") or []):
        return []  # dependencies computed at build time: not judged here
    metadata = table(root, "metadata")
    declared = _pep508(project.get("dependencies"), "")
    for extra, requirements in table(project, "optional-dependencies").items():
        declared += _pep508(requirements, extra)
    locked = [
        key for entry in _entries(metadata.get("requires-dist")) if (key := _uv_key(entry, ""))
    ]
    for group, requirements in _dependency_groups(pyproject).items():
        declared += _pep508(requirements, f"group {group}")
    for group, entries in table(metadata, "requires-dev").items():
        locked += [key for entry in _entries(entries) if (key := _uv_key(entry, f"group {group}"))]
    changes = _changes(declared, locked)
    if manifest:
        changes = [c.replace("in pyproject.toml", f"in {manifest}") for c in changes]
        changes = [c.replace("is locked but", f"is locked for {manifest} but") for c in changes]
    return [Hit(lock, None, f"{change}; run `uv lock`") for change in changes]


def nested_uv_locks(file_set: frozenset[str]) -> list[str]:
    """The uv.lock files below the root beside a pyproject.toml (`python/lib-orm/uv.lock`):
    packages of one repository locked one by one."""
    return sorted(
        rel
        for rel in file_set
        if rel.endswith("/uv.lock") and f"{posixpath.dirname(rel)}/pyproject.toml" in file_set
    )


def _dependency_groups(pyproject: dict[str, Any]) -> dict[str, list[Any]]:
    """Each dependency group as uv records it: `[dependency-groups]` with their
    `{include-group = ...}` entries expanded (PEP 735), and uv's older
    `[tool.uv] dev-dependencies`, which it locks as the `dev` group."""
    declared = table(pyproject, "dependency-groups")

    def expand(group: str, seen: frozenset[str]) -> list[Any]:
        requirements = declared.get(group)
        found: list[Any] = []
        for item in requirements if isinstance(requirements, list) else []:
            included = item.get("include-group") if isinstance(item, dict) else None
            if isinstance(included, str) and included not in seen:
                found += expand(included, seen | {included})
            elif isinstance(item, str):
                found.append(item)
        return found

    groups = {group: expand(group, frozenset({group})) for group in declared}
    legacy = table(table(pyproject, "tool"), "uv").get("dev-dependencies")
    if isinstance(legacy, list):
        groups["dev"] = groups.get("dev", []) + [item for item in legacy if isinstance(item, str)]
    return groups


def _poetry_drift(pyproject: dict[str, Any], lock: dict[str, Any]) -> list[Hit]:
    """Dependencies pyproject.toml declares that poetry.lock does not hold (the installers
    Poetry never locks apart)."""
    from packaging.utils import canonicalize_name

    packages = lock.get("package")
    locked = {
        canonicalize_name(package["name"])
        for package in (packages if isinstance(packages, list) else [])
        if isinstance(package, dict) and isinstance(package.get("name"), str)
    }
    poetry = table(pyproject, "tool", "poetry")
    names = [name for name in table(poetry, "dependencies") if name.lower() != "python"]
    names += list(table(poetry, "dev-dependencies"))
    for group in table(poetry, "group").values():
        names += list(table(group, "dependencies")) if isinstance(group, dict) else []
    names += [name for name, _, _ in _pep508(table(pyproject, "project").get("dependencies"), "")]
    missing = sorted({canonicalize_name(name) for name in names} - locked - POETRY_UNLOCKED)
    return [
        Hit(
            "poetry.lock",
            None,
            f"{name} is declared in pyproject.toml but not locked; run `poetry lock`",
        )
        for name in missing
    ]


# Installers Poetry 1.x left out of its lock whatever declared them (its "unsafe" packages).
POETRY_UNLOCKED = frozenset({"pip", "setuptools", "wheel", "distribute"})
# The `[tool.poetry]` tables Poetry hashes into poetry.lock's content-hash (poetry's
# `Locker._get_content_hash`): the legacy four always (null when absent), `group` when present.
POETRY_LEGACY_KEYS = ("dependencies", "source", "extras", "dev-dependencies")
# The `[project]` keys Poetry 2 hashes beside them when the project declares any.
POETRY_PROJECT_KEYS = ("requires-python", "dependencies", "optional-dependencies")


def _poetry_hashes(pyproject: dict[str, Any]) -> set[str]:
    """The content-hashes a Poetry lock may record for this pyproject.toml: sha256 of the
    sorted JSON of what Poetry 1.x (the legacy keys, with or without `group`) or Poetry 2
    (`[project]`'s dependency keys with the `[tool.poetry]` ones present) resolves from."""
    import hashlib
    import json

    poetry = table(pyproject, "tool", "poetry")
    legacy = {key: poetry.get(key) for key in POETRY_LEGACY_KEYS}
    choices: list[Any] = [legacy, {**legacy, "group": poetry.get("group")}]
    project = table(pyproject, "project")
    declared = {key: project[key] for key in POETRY_PROJECT_KEYS if project.get(key) is not None}
    if declared:
        present = {
            key: value
            for key in (*POETRY_LEGACY_KEYS, "group")
            if (value := poetry.get(key)) is not None
        }
        choices.append({"project": declared, "tool": {"poetry": present}})
    return {
        hashlib.sha256(json.dumps(choice, sort_keys=True, default=str).encode()).hexdigest()
        for choice in choices
    }


def _recorded_poetry_hash(lock: dict[str, Any]) -> str | None:
    """The content-hash a poetry.lock records, when it is a lock of Poetry 1.1 or later
    (`lock-version`); older Poetrys hashed other tables."""
    metadata = table(lock, "metadata")
    recorded = metadata.get("content-hash")
    return recorded if isinstance(recorded, str) and "lock-version" in metadata else None


def _poetry_hash_matches(pyproject: dict[str, Any], lock: dict[str, Any]) -> bool:
    """Whether poetry.lock was written from this pyproject.toml's dependencies: Poetry's
    own freshness test (`poetry check --lock`), whatever the lock's package list shows."""
    recorded = _recorded_poetry_hash(lock)
    return recorded is not None and recorded in _poetry_hashes(pyproject)


def _poetry_changed(pyproject: dict[str, Any], lock: dict[str, Any]) -> list[Hit]:
    """A finding when poetry.lock records the hash of other dependencies than pyproject.toml
    declares: a constraint, extra or group changed after `poetry lock`."""
    if _recorded_poetry_hash(lock) is None:
        return []
    detail = (
        "was locked from other dependencies than pyproject.toml declares (its content-hash "
        "differs); run `poetry lock`"
    )
    return [Hit("poetry.lock", None, detail)]


def _pipfile_drift(pipfile: dict[str, Any], lock: Any) -> list[Hit]:
    """Pipfile packages that Pipfile.lock does not hold."""
    from packaging.utils import canonicalize_name

    if not isinstance(lock, dict):
        return []
    hits = []
    for section, locked_section in (("packages", "default"), ("dev-packages", "develop")):
        locked = {canonicalize_name(name) for name in table(lock, locked_section)}
        for name in sorted(table(pipfile, section)):
            if canonicalize_name(name) not in locked:
                message = (
                    f"{name} is in the Pipfile's [{section}] but not locked; run `pipenv lock`"
                )
                hits.append(Hit("Pipfile.lock", None, message))
    return hits


# The Pipfile sections pipenv leaves out of its hash (plette's `Pipfile.get_hash`); every
# other section (`[packages]`, `[dev-packages]`, named categories) is hashed.
UNHASHED_PIPFILE_SECTIONS = frozenset(
    {"source", "packages", "dev-packages", "requires", "scripts", "pipfile", "pipenv"}
)
DEFAULT_PIPFILE_SOURCE = {"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": True}


def _pipfile_changed(pipfile: dict[str, Any], lock: Any) -> list[Hit]:
    """A finding when Pipfile.lock records the hash of another Pipfile than the one
    committed: the Pipfile changed after `pipenv lock` (pipenv's own staleness test)."""
    meta = table(lock, "_meta") if isinstance(lock, dict) else {}
    recorded = table(meta, "hash").get("sha256")
    if not isinstance(recorded, str) or not pipfile:
        return []
    if recorded in _pipfile_hashes(pipfile):
        return []
    detail = "was locked from another Pipfile (its _meta hash differs); run `pipenv lock`"
    return [Hit("Pipfile.lock", None, detail)]


def _pipfile_hashes(pipfile: dict[str, Any]) -> set[str]:
    """The hashes pipenv may record for a Pipfile: sha256 of its sources, requirements and
    packages as sorted, compact JSON; with no `[[source]]`, both with the PyPI source pipenv
    adds and without it."""
    import hashlib
    import json

    sources = pipfile.get("source")
    choices = [sources] if sources is not None else [[DEFAULT_PIPFILE_SOURCE], []]
    hashes = set()
    for chosen in choices:
        data: dict[str, Any] = {
            "_meta": {"sources": chosen, "requires": pipfile.get("requires", {})},
            "default": pipfile.get("packages", {}),
            "develop": pipfile.get("dev-packages", {}),
        }
        data.update(
            (section, value)
            for section, value in pipfile.items()
            if section not in UNHASHED_PIPFILE_SECTIONS | {"default", "develop"}
        )
        content = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
        hashes.add(hashlib.sha256(content.encode("utf-8")).hexdigest())
    return hashes


def _compiled_drift(source: str, source_text: str, compiled: str, compiled_text: str) -> list[Hit]:
    """Requirements of a `.in` that its compiled `.txt` leaves out or pins out of range."""
    from packaging.utils import canonicalize_name

    pins = {}
    for requirement in parse_requirements(compiled, compiled_text):
        if requirement.name and requirement.spec.startswith("=="):
            pins[canonicalize_name(requirement.name)] = requirement.spec[2:].strip()
    hits = []
    for requirement in parse_requirements(source, source_text):
        if not requirement.valid or not requirement.name or ";" in requirement.text:
            continue
        name = canonicalize_name(requirement.name)
        if name not in pins:
            hits.append(
                Hit(
                    compiled, None, f"{requirement.name} ({source}:{requirement.line}) is not in it"
                )
            )
        elif not _allows(requirement.spec, pins[name]):
            where = f"{source}:{requirement.line} ({requirement.text})"
            message = f"pins {requirement.name}=={pins[name]}, which {where} does not allow"
            hits.append(Hit(compiled, None, message))
    return [Hit(hit.path, hit.line, f"{hit.detail}; compile {source} again") for hit in hits]


def _allows(spec: str, version: str) -> bool:
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version

    try:
        return SpecifierSet(spec).contains(Version(version), prereleases=True)
    except (InvalidSpecifier, InvalidVersion):
        return True  # not a plain version range: nothing to compare


def _pep508(requirements: Any, extra: str) -> list[Declared]:
    """`(name, range, extra)` of each valid PEP 508 string in a list."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    found: list[Declared] = []
    for item in requirements if isinstance(requirements, list) else []:
        try:
            parsed = Requirement(item) if isinstance(item, str) else None
        except InvalidRequirement:
            continue
        if parsed is not None:
            found.append((canonicalize_name(parsed.name), str(parsed.specifier), extra))
    return found


def _entries(value: Any) -> Iterable[dict[str, Any]]:
    return (
        entry for entry in (value if isinstance(value, list) else []) if isinstance(entry, dict)
    )


def _uv_key(entry: dict[str, Any], group: str) -> Declared | None:
    """An entry of uv.lock's `requires-dist` (or a group) as `(name, range, extra)`."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.utils import canonicalize_name

    name = entry.get("name")
    if not isinstance(name, str):
        return None
    try:
        specifier = str(SpecifierSet(str(entry.get("specifier") or "")))
    except InvalidSpecifier:
        return None
    extra = EXTRA.search(str(entry.get("marker") or ""))
    return canonicalize_name(name), specifier, group or (extra.group(1) if extra else "")


def _changes(declared: list[Declared], locked: list[Declared]) -> list[str]:
    """One line per dependency whose declaration and lock differ."""
    wanted, recorded = Counter(declared), Counter(locked)
    changes = []
    for name, spec, where in sorted((wanted - recorded).elements()):
        before = [s for n, s, w in recorded if n == name and w == where]
        was = f", locked as {name}{before[0] or ' (any version)'}" if before else " but not locked"
        label = f" [{where}]" if where else ""
        changes.append(f"{name}{spec}{label} is declared in pyproject.toml{was}")
    for name, spec, where in sorted((recorded - wanted).elements()):
        if not any(n == name and w == where for n, _, w in wanted):
            label = f" [{where}]" if where else ""
            changes.append(f"{name}{spec}{label} is locked but no longer declared")
    return changes
