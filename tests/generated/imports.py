"""Which third-party distributions a generated module needs, found by reading its imports."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

# Import names that differ from the distribution that provides them.
DISTRIBUTION_OF = {
    "yaml": "pyyaml",
    "sklearn": "scikit-learn",
    "skl2onnx": "skl2onnx",
    "prometheus_client": "prometheus-client",
    "dateutil": "python-dateutil",
    "multipart": "python-multipart",
}


def module_file(src: Path, module: str) -> Path | None:
    """The file defining a dotted module under a src/ layout, or None."""
    base = src.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_names(tree: ast.AST, module: str) -> list[str]:
    names: list[str] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            pending.extend(node.orelse)  # imports only for type checkers never run
            continue
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module's package
                parent = module.rsplit(".", node.level)[0]
                base = f"{parent}.{node.module}" if node.module else parent
            else:
                base = node.module or ""
            names.append(base)
            names.extend(f"{base}.{alias.name}" for alias in node.names)
        pending.extend(ast.iter_child_nodes(node))
    return names


def _walk_imports(src: Path, module: str) -> tuple[set[Path], set[str]]:
    """The package's own files `module` runs (following its imports), and its other imports."""
    package = module.split(".")[0]
    seen: set[str] = set()
    files: set[Path] = set()
    found: set[str] = set()
    pending = [module]
    while pending:
        current = pending.pop()
        path = module_file(src, current)
        if current in seen or path is None:
            continue
        seen.add(current)
        files.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        for name in _imported_names(tree, current + ".x" if is_package else current):
            top = name.split(".")[0]
            if top == package:
                pending.append(name)
            elif top and top not in sys.stdlib_module_names and top != "__future__":
                found.add(top)
        # Importing a submodule runs its package's __init__ first.
        if "." in current:
            pending.append(current.rsplit(".", 1)[0])
    return files, found


def third_party_modules(src: Path, module: str) -> set[str]:
    """Top-level names of the non-stdlib modules `module` imports, following the package's own."""
    return _walk_imports(src, module)[1]


def own_module_files(src: Path, module: str) -> set[Path]:
    """The files of its own package that `python -m module` runs, `module`'s included."""
    return _walk_imports(src, module)[0]


def distribution_name(import_name: str) -> str:
    """The normalized distribution name an import name comes from."""
    return DISTRIBUTION_OF.get(import_name, import_name).lower().replace("_", "-")


def locked_distributions(lock: Path) -> set[str]:
    """Normalized names pinned in a compiled requirements file (`name==version`)."""
    pinned = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==", lock.read_text(), re.M)
    return {re.sub(r"[-_.]+", "-", name).lower() for name in pinned}
