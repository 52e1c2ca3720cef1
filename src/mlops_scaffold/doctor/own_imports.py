"""The repository's own modules a Python file imports, found as files.

A service that predicts through the repository's model package (`from titanic_model.predict
import make_prediction`, the package in a sibling folder with its own setup.py) loads its
model there: a check that means "the code the service runs" follows these imports.

A module name is looked for where Python would find it: under a folder above the importing
file (the script's folder or the repository root on `sys.path`), else in a project of the
repository (a folder with setup.py, setup.cfg or pyproject.toml, or its `src/`), which is
installed for the service to import it. Modules found nowhere (third-party ones) are left.
"""

from __future__ import annotations

import ast
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from mlops_scaffold.doctor.pycode import Nodes
from mlops_scaffold.lazy_pattern import lazy_pattern

PROJECT_FILES = ("setup.py", "setup.cfg", "pyproject.toml")
WORD = lazy_pattern(r"\w+")


@dataclass(frozen=True)
class OwnModules:
    """The repository's Python modules by dotted name, paths relative to its root."""

    root: str
    """The repository's folder, which the paths are relative to."""
    by_name: dict[str, list[tuple[str, str]]]
    """Dotted name -> (file, the folder that must be on `sys.path` to import it so)."""
    projects: frozenset[str]
    """Folders holding a project file ("" for the root)."""
    files: frozenset[str]
    """The Python files indexed."""
    _imports: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    """Each file `imported_by` was asked about -> its answer (a file's tree is its text's)."""

    @classmethod
    def of(cls, root: str, python_files: Iterable[str], files: Iterable[str]) -> OwnModules:
        """The modules of `python_files` under `root`; `files` tell where the projects are."""
        by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        python_files = frozenset(python_files)
        for rel in python_files:
            parts = rel.removesuffix(".py").split("/")
            if parts[-1] == "__init__":
                parts.pop()
            for start in range(len(parts) - 1, -1, -1):
                if not parts[start].isidentifier():
                    break
                by_name[".".join(parts[start:])].append((rel, "/".join(parts[:start])))
        projects = frozenset(posixpath.dirname(rel) for rel in files if _is_project_file(rel))
        return cls(root, dict(by_name), projects, python_files)

    def imported_by(self, rel: str, tree: ast.Module) -> frozenset[str]:
        """The repository's files that the module `rel` imports (at any depth of its code),
        found once per file however many import closures pass through it."""
        if rel not in self._imports:
            self._imports[rel] = frozenset(self._imported_by(rel, tree))
        return self._imports[rel]

    def _imported_by(self, rel: str, tree: ast.Module) -> set[str]:
        found: set[str] = set()
        nodes = Nodes.of_tree(tree, expressions=False)
        for plain in nodes.of(ast.Import):
            for alias in plain.names:
                found |= self._files(alias.name, rel)
        for node in nodes.of(ast.ImportFrom):
            names = [alias.name for alias in node.names if alias.name != "*"]
            if node.level:
                found |= self._relative(node, names, rel)
            elif node.module:
                found |= self._files(node.module, rel)
                for name in names:  # `from pkg import module`
                    found |= self._files(f"{node.module}.{name}", rel)
        found.discard(rel)
        return found

    def taken_from(self, rel: str, tree: ast.Module) -> dict[str, frozenset[str] | None]:
        """Each of the repository's modules `rel` imports by its own name (not the
        packages above it) -> the names it takes from it (`from pkg.train import
        get_encoder`: {"get_encoder"}), None when it imports the module itself (`import
        pkg.train`, `from pkg import train`, `from . import train`)."""
        taken: dict[str, frozenset[str] | None] = {}

        def take(files: set[str], names: frozenset[str] | None) -> None:
            for found in files - {rel}:
                before = taken.get(found, frozenset())
                taken[found] = None if before is None or names is None else before | names

        nodes = Nodes.of_tree(tree, expressions=False)
        for plain in nodes.of(ast.Import):
            for alias in plain.names:
                take(self._module(alias.name, rel), None)
        for node in nodes.of(ast.ImportFrom):
            names = frozenset(alias.name for alias in node.names)  # "*": every name
            if node.level:
                base = self._relative_base(node, rel)
                if base is None:
                    continue
                take({f"{base}.py", f"{base}/__init__.py"} & self.files, names)
                for name in names - {"*"}:  # `from . import train`
                    take({f"{base}/{name}.py", f"{base}/{name}/__init__.py"} & self.files, None)
            elif node.module:
                take(self._module(node.module, rel), names)
                for name in names - {"*"}:  # `from pkg import module`
                    take(self._module(f"{node.module}.{name}", rel), None)
        return taken

    def closure(
        self, starts: Iterable[str], tree_of: Callable[[str], ast.Module | None]
    ) -> list[str]:
        """`starts` and every file of the repository they import, directly or not."""
        seen = set(starts)
        pending = list(seen)
        while pending:
            rel = pending.pop()
            tree = tree_of(rel)
            if tree is None:
                continue
            for imported in self.imported_by(rel, tree) - seen:
                seen.add(imported)
                pending.append(imported)
        return sorted(seen)

    def named_in(self, rel: str, text: str) -> set[str]:
        """Every file `imported_by(rel, ...)` can find, from the module's text alone (a
        superset, no parse): a file is imported by a dotted name whose every part the text
        writes (its stem or, for a package's `__init__.py`, its folder's, among them),
        from where Python looks (a folder above `rel`, an installed project); only a
        relative import (`from .. import x`) reaches the package of a folder above
        without naming it, and one naming modules (`from .pkg import mod`) reaches them
        by names the text writes, from a folder above."""
        words = set(WORD.findall(text))
        above = _folders_above(rel)
        found = {
            f
            for word in words & self._by_stem.keys()
            for f in self._by_stem[word]
            if any(
                (installed or folder in above) and words.issuperset(parts)
                for parts, folder, installed in self._names_of.get(f, ())
            )
        }
        for folder in above - {""}:
            found |= {f"{folder}.py", f"{folder}/__init__.py"} & self.files
        found.discard(rel)
        return found

    @cached_property
    def _names_of(self) -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
        """Each file -> the dotted names it is imported by, as their parts, each with the
        folder that must be on `sys.path` for it and whether that is an installed
        project's: `_module` finds a file only by one of them, every part written in the
        import, from a folder above the importer or an installed project's."""
        found: dict[str, list[tuple[tuple[str, ...], str, bool]]] = defaultdict(list)
        for name, entries in self.by_name.items():
            for rel, folder in entries:
                found[rel].append((tuple(name.split(".")), folder, self._installed(folder)))
        return dict(found)

    @cached_property
    def _by_stem(self) -> dict[str, list[str]]:
        """The last name of each file's dotted name (`core` of `pkg/core.py`, `pkg` of
        `pkg/__init__.py`) -> the files."""
        found: dict[str, list[str]] = defaultdict(list)
        for rel in self.files:
            folder, _, name = rel.removesuffix(".py").rpartition("/")
            found[folder.rpartition("/")[2] if name == "__init__" else name].append(rel)
        return dict(found)

    @cached_property
    def top_names(self) -> frozenset[str]:
        """The first names of the modules' dotted names (`utils` of `utils.core`)."""
        return frozenset(name.partition(".")[0] for name in self.by_name)

    def _files(self, name: str, importer: str) -> set[str]:
        """The files `import name` runs from `importer`: the module and its packages'
        `__init__.py`, where Python would find them."""
        parts = name.split(".")
        found: set[str] = set()
        for end in range(1, len(parts) + 1):
            found |= self._module(".".join(parts[:end]), importer)
        return found

    def _module(self, name: str, importer: str) -> set[str]:
        candidates = self.by_name.get(name, [])
        if not candidates:
            return set()
        above = _folders_above(importer)
        local = {rel for rel, folder in candidates if folder in above}
        found = local or {rel for rel, folder in candidates if self._installed(folder)}
        # `app/__init__.py` beside `app.py`: Python imports the package, never the module
        return {
            rel
            for rel in found
            if not (rel.endswith(".py") and f"{rel.removesuffix('.py')}/__init__.py" in found)
        }

    def _relative(self, node: ast.ImportFrom, names: list[str], rel: str) -> set[str]:
        """The files `from .module import name` runs from `rel`: the module (or package)
        and the names that are modules of it, by path from the importing package."""
        base = self._relative_base(node, rel)
        if base is None:
            return set()
        found = set()
        for path in (base, *(posixpath.join(base, name) for name in names)):
            found |= {f"{path}.py", f"{path}/__init__.py"} & self.files
        return found

    @staticmethod
    def _relative_base(node: ast.ImportFrom, rel: str) -> str | None:
        """The path, without `.py`, of the module `from .module import ...` in `rel` names
        (the package's folder for `from . import ...`); None above the root."""
        folder = posixpath.dirname(rel)
        for _ in range(node.level - 1):
            if not folder:
                return None
            folder = posixpath.dirname(folder)
        return posixpath.join(folder, *(node.module or "").split(".")) if node.module else folder

    def _installed(self, folder: str) -> bool:
        """Whether a folder is a project's import root: the project's folder or its `src/`."""
        if folder in self.projects:
            return True
        parent, _, last = folder.rpartition("/")
        return last == "src" and parent in self.projects


def _is_project_file(rel: str) -> bool:
    return posixpath.basename(rel) in PROJECT_FILES


def _folders_above(rel: str) -> set[str]:
    """The file's folder and every folder above it ("" for the root)."""
    folders = {""}
    parts = rel.split("/")[:-1]
    for end in range(1, len(parts) + 1):
        folders.add("/".join(parts[:end]))
    return folders
