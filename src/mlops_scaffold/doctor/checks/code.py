"""CODE: real code lives in a package, takes its paths as parameters, and is linted."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import Any

from mlops_scaffold.doctor.checks.base import (
    Check,
    FilesMatching,
    Hit,
    NotApplicable,
    Outcome,
    Passed,
    TextOf,
    TreeOf,
    line_of,
)
from mlops_scaffold.doctor.checks.notebooks import code_cells
from mlops_scaffold.doctor.commands import (
    LINT_PROGRAMS,
    Command,
    CommandGraph,
    Step,
    missing_targets,
    program_words,
    simple_commands,
)
from mlops_scaffold.doctor.content_hints import line_hint
from mlops_scaffold.doctor.pycode import (
    comment_columns,
    dotted,
    imported,
    in_comment,
    walked,
    without_string_statements,
)
from mlops_scaffold.doctor.readme_links import VENDORED
from mlops_scaffold.doctor.tasks import normalise
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.parsers import Dockerfile, table
from mlops_scaffold.repo.view import is_test_path

YamlOf = Callable[[str], Any]

# Homes of the users vendor images run as, documented container paths, not a person's
# machine: TorchServe's `/home/model-server`, Jupyter Docker Stacks' `/home/jovyan`, a
# Vertex AI Workbench or Google Deep Learning VM notebook's `/home/jupyter`, the official
# Airflow image's `/home/airflow` (where its DAGs' tasks run).
VENDOR_HOMES = r"(?:model-server|jovyan|jupyter|airflow)(?:/|['\"])"
# The folder that names the machine (a user, a disk), unless a placeholder fills it from
# configuration (`f"/Volumes/{config.catalog}/..."`, a Databricks volume; `/home/{user}`).
MACHINE = r"""(?!\{)[^/'"\s]+"""
# A drive letter's path, unless it is where Windows installs programs or itself
# (`C:\Program Files`, `C:\Windows`, the same on every machine: a tool's default location
# or SYSTEMROOT's, not the project's data).
DRIVE = (
    r"""[A-Z]:(?![\\/]{1,2}(?:Program Files|Windows)(?![\w.-]))"""
    r"""(?:\\\\?[A-Za-z_][\w .-]|/[A-Za-z_])[^'"\s]*"""
)
# A string literal that starts with a home folder, a drive mounted on one machine
# (`/media/<disk>/<folder>`, `/run/media/<user>/<disk>`, WSL's `/mnt/d/<folder>`), a
# cluster's shared file system (`/gpfs/<site>/<folder>`, Mila's `/network/datasets/<set>`,
# a node's `/scratch/<folder>`), a
# user's folder on a cluster's project storage (`/proj/<group>/users/<name>/`; not a web
# route, `/api/v1/users/me/`) or a drive letter. macOS mounts a disk at
# `/Volumes/<disk>/`, as Linux does under `/media/`. A URI of a local file holds one as
# well (an MLflow tracking URI, `file:///C:/Users/<user>/...`, `sqlite:////home/<user>/...`).
LOCAL_URI = r"(?:(?:file|sqlite):/{2,3}(?=/|[A-Za-z]:))?"
ABSOLUTE_PATH = lazy_pattern(
    rf"""['"]{LOCAL_URI}(?:/home/(?!{VENDOR_HOMES}){MACHINE}|/Users/{MACHINE}"""
    rf"""|(?:/run)?/media/{MACHINE}/[^/'"\s]+|/Volumes/{MACHINE}/[^/'"\s]+"""
    rf"""|/mnt/[a-z]/{MACHINE}|/(?:gpfs|lustre|nfs|network)/{MACHINE}/[^/'"\s]+|/scratch/{MACHINE}"""
    r"""|/(?!api/|v\d+/)(?:[\w.-]+/){1,3}users/[\w.-]+/[^'"\s]*"""
    rf"""|{DRIVE})"""
)
# A folder under /home the repository's own images name (`COPY . /home/drtools/app`,
# `ENV ARTIFACT_LOCATION="/home/artifacts"`, `WORKDIR /home/app`): the code runs there,
# in the container, whatever machine builds it.
IMAGE_HOME = lazy_pattern(r"/home/([\w.-]+)")
HOME_FOLDER = lazy_pattern(r"^(?:[a-z]+:/+)?/home/([\w.-]+)")
WHOLE_HOME = frozenset({"/home", "/home/"})
# What every ABSOLUTE_PATH match holds, for a fast first pass over the repository: a
# quote and a home, a mount or a drive letter, a backslash after a drive letter, a
# cluster's `/users/` or a local file's URI. One pattern, not a group of literals: git
# tests literals one at a time, and the 52 quoted drive letters made that pass cost
# three times the search of one pattern.
PATH_HINTS = line_hint(
    r"""["'](?:/home/|/Users/|[A-Z]:/|/(?:run/)?media/|/Volumes/|/mnt/|/gpfs/|/lustre/"""
    r"""|/scratch/|/nfs/|/network/)|:\\|/users/|(?:file|sqlite):///""",
    within=("*.py", "*.ipynb"),
)
LINTER_TOOLS = ("ruff", "black", "flake8", "pylint", "isort", "autopep8", "yapf", "blue", "pysen")
# Linters' and formatters' own configuration files (yapf's `.style.yapf`, isort's
# `.isort.cfg`, prospector's profile, which runs pylint, pycodestyle and pyflakes).
LINTER_FILES = (
    "ruff.toml",
    ".ruff.toml",
    ".flake8",
    ".pylintrc",
    "pylintrc",
    ".style.yapf",
    ".isort.cfg",
    ".prospector.yaml",
    ".prospector.yml",
    "prospector.yaml",
    "prospector.yml",
)
# GitHub's Super-Linter reads Python linters' configuration from `.github/linters/` under
# its own names (pylint's `.python-lint`, black's `.python-black`).
SUPER_LINTER_FILES = tuple(
    f".github/linters/{name}"
    for name in (".python-lint", ".python-black", ".flake8", ".isort.cfg", ".ruff.toml")
)
# nbdev's settings.ini formats the exported modules with black.
NBDEV_BLACK = lazy_pattern(r"(?mi)^black_formatting[ \t]*=[ \t]*true\b")
# Hosted linters that comment on pull requests, configured in the repository: (file, what
# its text must hold to lint Python; None: anything). PEP 8 Speaks runs pycodestyle, Hound
# runs flake8 when its config names it.
HOSTED_LINTERS: tuple[tuple[str, re.Pattern[str] | None], ...] = (
    (".pep8speaks.yml", None),
    (".pep8speaks.yaml", None),
    (".hound.yml", lazy_pattern(r"(?m)^(?:flake8|python)\s*:")),
)
HOOK_FILES = (".pre-commit-config.yaml", "lefthook.yml", "lefthook.yaml", ".lefthook.yml")
# Programs that lint or format Python (pre-commit counts through its config, below).
LINTERS = LINT_PROGRAMS - {"mypy", "pyright", "basedpyright", "pytype", "pre-commit", "prek"}
LINTER_SECTION = lazy_pattern(r"(?m)^\[(?:flake8|pycodestyle|pylint[^\]]*|isort|yapf|pydocstyle)\]")
LINTER_MENTION = lazy_pattern(r"\b(?:ruff|black|flake8|pylint)\b")
# A linter's table in a pyproject.toml (`[tool.ruff]`, `[tool.ruff.lint]`, `[tool.black]`).
LINTER_TABLE = lazy_pattern(rf"(?m)^[ \t]*\[[ \t]*tool\.(?:{'|'.join(LINTER_TOOLS)})[ \t]*[\].]")
# The files of a project in a folder of its own that configure linters in a section.
SECTION_FILES = ("setup.cfg", "tox.ini")
# An import from a package: relative (`from .engine import train`) or dotted (`from
# src.core.config import Config`), a first pass before the syntax tree is read.
PACKAGE_IMPORT = lazy_pattern(r"(?m)^[ \t]*from[ \t]+(?:\.|\w+\.\w)")
SYS_PATH_EDIT = lazy_pattern(r"\bsys\.path(?:\.(?:insert|append|extend)\s*\(|\s*\+=)")
# A hook configuration's top-level `files:` / `exclude:` pattern (one line).
TOP_LEVEL_PATTERN = lazy_pattern(r"""(?m)^(files|exclude):[ \t]*['"]?(.*?)['"]?[ \t]*$""")


class CODE001(Check):
    """Applies when the repository has Python files or notebooks (a template's rendered
    ones too). Passes when at least
    one `__init__.py` exists outside the tests in a folder an import can name, i.e. there
    is a package to import (not `3_model_tuning/` nor `Web Server Code/`), or when
    the tests import the repository's own modules (a module at the root or in the test's
    own folder, which pytest puts on the path, or, for a test in a package, in the first
    folder above it without an `__init__.py`, or a folder of modules imported as a
    namespace package, `from app.main import app`, or a folder the test puts on
    `sys.path`, `sys.path.insert(0, str(ROOT / "ml-pipeline" / "training"))`): code the
    tests import is no loose
    script. So does code that imports its own modules as a package
    without an `__init__.py` (a namespace package): a relative import (`from .engine import
    train`) or a dotted import of a folder of the repository (`from src.core.config import
    Config`, src/core/config.py), unless the code puts its folders on `sys.path` to
    import them as loose modules; the folder the import starts from may be the root or
    any folder above the importing file (`from steps.train import train` in
    `churn/pipeline/run.py` finds churn/steps/train.py, where the project's script runs;
    `from shop_ml.api import app` in a src layout finds src/shop_ml/api.py); or the module
    or folder a build backend installs for the distribution pyproject.toml names
    (`model-service`: src/model_service.py or model_service/). For a
    template, the project it renders is judged too: its package
    (`{{ cookiecutter.name }}/src/__init__.py`) counts, and its loose scripts alone are
    reported."""

    @staticmethod
    def check(
        source_files: list[str],
        test_files: list[str],
        notebooks: dict[str, Any],
        syntax_tree: TreeOf,
        rendered_files: dict[str, str],
        rendered_code: list[str],
        text: TextOf,
        pyproject: dict[str, Any],
    ) -> Outcome:
        if not source_files and not test_files and not notebooks and not rendered_code:
            return NotApplicable("no Python code in the repository")
        if any(_importable_package(rel) for rel in source_files):
            return True
        rendered = [rel for rel, name in rendered_files.items() if name.endswith("/__init__.py")]
        package = next((rel for rel in rendered if not is_test_path(rel)), None)
        if package:
            return Passed(f"the project it renders has a package ({package})")
        own = {rel.split("/", 1)[0].removesuffix(".py") for rel in source_files}
        packages = {rel for rel in (*source_files, *test_files) if rel.endswith("__init__.py")}
        for rel in test_files:
            tree = syntax_tree(rel)
            beside = _modules_beside(rel, source_files, packages)
            if tree is not None and SYS_PATH_EDIT.search(text(rel) or ""):
                beside |= _modules_put_on_path(rel, tree, source_files)
            found = sorted(imported(tree) & (own | beside)) if tree is not None else []
            if found:
                return Passed(f"{rel} imports the repository's own module {found[0]}")
        namespace = _namespace_import(source_files, syntax_tree, text)
        if namespace:
            return Passed(namespace)
        module = _distributed_module(pyproject, source_files, syntax_tree)
        if module:
            return Passed(f"{module} is the module pyproject.toml's distribution installs")
        return False


def _importable_package(rel: str) -> bool:
    """Whether `rel` is the `__init__.py` of a package an import can name: its folder's
    name is an identifier (`src/churn/__init__.py`, not `3_model_tuning/__init__.py`)."""
    folder, _, name = rel.rpartition("/")
    return name == "__init__.py" and (not folder or folder.rpartition("/")[2].isidentifier())


def _modules_beside(test: str, source_files: list[str], packages: set[str]) -> set[str]:
    """The modules and folders of the code in the folder pytest puts on the path for a
    test: its own (`model/test_train.py` imports `train` from model/train.py), or, when
    its folder is a package, the first folder above without an `__init__.py`
    (`predict/test/__init__.py`: `predict/test/lambda_test.py` imports `lambda_predict`
    from predict/lambda_predict.py)."""
    folder = test.rpartition("/")[0]
    while folder and f"{folder}/__init__.py" in packages:
        folder = folder.rpartition("/")[0]
    return _modules_in(folder, source_files) if folder else set()


def _modules_put_on_path(test: str, tree: ast.Module, source_files: list[str]) -> set[str]:
    """The modules and folders of the code in the folders a test puts on `sys.path`
    (`sys.path.insert(0, str(ROOT / "ml-pipeline" / "training"))`, `sys.path.append(
    os.path.join(os.path.dirname(__file__), "..", "src"))`): each folder named by the
    call's string literals, `..` and `.` left out, from the root or from the test's own
    folder."""
    found: set[str] = set()
    here = test.rpartition("/")[0]
    for node in walked(tree):
        if not (isinstance(node, ast.Call) and dotted(node.func) in SYS_PATH_ADDS):
            continue
        strings = sorted(  # as written (a walk meets `ROOT / "a" / "b"`'s "b" first)
            (n.lineno, n.col_offset, n.value)
            for n in ast.walk(node.args[-1] if node.args else node)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        )
        named = [p for *_, value in strings for p in value.split("/") if p not in ("", ".", "..")]
        if not named:
            continue
        for folder in {"/".join(named), "/".join([here, *named]).strip("/")}:
            found |= _modules_in(folder, source_files)
    return found


# The calls that put a folder on Python's path.
SYS_PATH_ADDS = ("sys.path.insert", "sys.path.append")


def _modules_in(folder: str, source_files: list[str]) -> set[str]:
    """The modules and folders of code directly in `folder`, by the names they import as."""
    return {
        rel[len(folder) + 1 :].split("/", 1)[0].removesuffix(".py")
        for rel in source_files
        if rel.startswith(f"{folder}/")
    }


def _distributed_module(
    pyproject: dict[str, Any], source_files: list[str], syntax_tree: TreeOf
) -> str | None:
    """The module or folder a build backend installs for the distribution pyproject.toml
    names (`name = "model-service"` and src/model_service.py or model_service/: Poetry,
    setuptools and Hatch find it by that name), if any; not a folder whose modules import
    each other as top-level modules (`from model import Net` beside model.py: scripts run
    from inside it, which the installed package would not find)."""
    if not table(pyproject, "build-system"):
        return None
    name = table(pyproject, "project").get("name") or table(pyproject, "tool", "poetry").get("name")
    if not isinstance(name, str):
        return None
    module = re.sub(r"[-.]+", "_", name).lower()
    found = next((rel for rel in (f"{module}.py", f"src/{module}.py") if rel in source_files), None)
    for folder in (f"{module}/", f"src/{module}/") if found is None else ():
        inside = [rel for rel in source_files if rel.startswith(folder)]
        if inside and not _imports_siblings(inside, folder, syntax_tree):
            return folder
    return found


def _imports_siblings(inside: list[str], folder: str, syntax_tree: TreeOf) -> bool:
    """Whether a module of `folder` imports another module of it by its bare name."""
    siblings = {
        rel[len(folder) :].removesuffix(".py")
        for rel in inside
        if rel.count("/") == folder.count("/")
    }
    for rel in inside:
        tree = syntax_tree(rel)
        if tree is not None and imported(tree) & siblings:
            return True
    return False


def _namespace_import(source_files: list[str], syntax_tree: TreeOf, text: TextOf) -> str | None:
    """Where the code imports a module of its own as a package without `__init__.py`: a
    relative import, or a dotted import of a folder of the repository that names a
    module or folder in it (`from src.core.config import Config`)."""
    if any(SYS_PATH_EDIT.search(text(rel) or "") for rel in source_files):
        return None  # its folders are put on the path to be imported as loose modules
    paths = set(source_files) | {rel.rpartition("/")[0] for rel in source_files}
    for rel in source_files:
        tree = syntax_tree(rel) if PACKAGE_IMPORT.search(text(rel) or "") else None
        for node in walked(tree) if tree is not None else ():
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                return f"{rel}:{node.lineno} imports a module of its package relatively"
            path = (node.module or "").replace(".", "/")
            if "/" in path and any(
                found in paths or f"{found}.py" in paths for found in _from_folders(rel, path)
            ):
                return f"{rel}:{node.lineno} imports {node.module} as a namespace package"
    return None


def _from_folders(rel: str, path: str) -> list[str]:
    """Where a dotted import of `rel` may be found: from the root or from a folder above
    `rel` (the folder a project's script runs in, `src/` of a src layout), the places
    Python's path holds when the project is run or installed from there."""
    folders = rel.split("/")[:-1]
    return [path] + ["/".join([*folders[:depth], path]) for depth in range(1, len(folders) + 1)]


class CODE002(Check):
    """Reports string literals that start with `/home/<user>`, `/Users/<user>`, a disk
    mounted under `/media/<disk>/`, macOS's `/Volumes/<disk>/` or (WSL) `/mnt/<letter>/`
    (the home of a vendor image's user, TorchServe's `/home/model-server` or Jupyter
    Docker Stacks' `/home/jovyan`, is a container path, not one, and so are a Vertex AI
    Workbench notebook's `/home/jupyter` and the Airflow image's `/home/airflow`; a
    folder a placeholder fills from configuration, `f"/Volumes/{config.catalog}/..."` or
    `/home/{user}/`, names no machine), a
    cluster's shared file system (`/gpfs`, `/lustre`, `/nfs`, `/network`, two folders deep;
    `/scratch/<folder>`), a user's folder on a cluster's storage
    (`/proj/<group>/users/<name>/...`, one to three folders before `users`; a web route
    under `/api/` or `/v1/` is none) or a drive letter (`C:\\`, `D:/churn/...`; not
    `C:\\Program Files` nor `C:\\Windows`, the same on every machine), bare or in a
    local file's URI (`file:///C:/Users/...`, an MLflow tracking URI) in Python source
    files (tests excluded: they often hold made-up paths as inputs) and in notebook code
    cells, a template's too (`{{ cookiecutter.name }}/docs/conf.py`: every project it
    generates starts with them). A quoted path in a comment
    (`# e.g. "/Users/.../project"`) is no code, nor is one in a docstring or in code
    switched off as a string statement. A folder under `/home` that the repository's own
    images name (`COPY . /home/drtools/app`, `ENV ARTIFACT_LOCATION="/home/artifacts"`)
    is where its code runs in the container."""

    @staticmethod
    def check(
        source_files: list[str],
        notebooks: dict[str, Any],
        template_code: list[str],
        template_notebooks: dict[str, Any],
        dockerfiles: list[Dockerfile],
        template_dockerfiles: list[Dockerfile],
        text: TextOf,
        files_matching: FilesMatching,
        syntax_tree: TreeOf,
    ) -> Outcome:
        candidates = {*files_matching(PATH_HINTS), *template_code}
        homes = _image_homes([*dockerfiles, *template_dockerfiles])
        hits = []
        for rel in (*source_files, *template_code):
            if rel not in candidates:
                continue
            content = text(rel) or ""
            tree = syntax_tree(rel) if ABSOLUTE_PATH.search(content) else None
            if tree is not None:  # a docstring's example path is prose, not code
                content = without_string_statements(content, tree)
            hits += [
                Hit(rel, line_of(content, start), f"hard-coded path {path}")
                for start, path in _paths_in_code(content)
                if not _in_image_home(path, homes)
            ]
        # Every notebook's cells: the search of files leaves out those over its size,
        # which a run's outputs make of a notebook of a few lines.
        for rel, notebook in {**notebooks, **template_notebooks}.items():
            for number, source in code_cells(notebook):
                hits += [
                    Hit(rel, None, f"cell {number}: hard-coded path {path}")
                    for _, path in _paths_in_code(source)
                    if not _in_image_home(path, homes)
                ]
        return hits


def _image_homes(dockerfiles: list[Dockerfile]) -> frozenset[str]:
    """The folders under /home that the images' instructions name (`drtools` for `COPY .
    /home/drtools/app`); `*`, any, where an image works in /home itself (`WORKDIR
    /home`, its code copied to `/home/<package>`)."""
    instructions = [i for dockerfile in dockerfiles for i in dockerfile.instructions]
    if any(i.keyword == "WORKDIR" and i.arguments.strip() in WHOLE_HOME for i in instructions):
        return frozenset({"*"})
    return frozenset(home for i in instructions for home in IMAGE_HOME.findall(i.arguments))


def _in_image_home(path: str, homes: frozenset[str]) -> bool:
    """Whether a found path lies in a folder under /home an image of the repository's
    names (its container's, not a machine's)."""
    found = HOME_FOLDER.match(path)
    return found is not None and (found.group(1) in homes or "*" in homes)


def _paths_in_code(source: str) -> list[tuple[int, str]]:
    """(offset, path) of each quoted absolute path of `source` outside its comments."""
    found = [(m.start(), m.group(0)[1:]) for m in ABSOLUTE_PATH.finditer(source)]
    # Only a `#` before a path on its line can start a comment holding it: the tokenizer
    # runs only then (most files' paths are code).
    if not any("#" in source[source.rfind("\n", 0, start) + 1 : start] for start, _ in found):
        return found
    comments = comment_columns(source)
    return [(start, path) for start, path in found if not in_comment(source, start, comments)]


class CODE003(Check):
    """Passes when ruff, black, flake8, pylint, isort or yapf is configured: a `[tool.*]`
    table in pyproject.toml (pysen's `[tool.pysen]` too, which runs them), ruff.toml,
    .flake8, .pylintrc, .style.yapf, .isort.cfg, a prospector profile (`.prospector.yaml`,
    which runs pylint and pycodestyle), a `[flake8]`, `[pycodestyle]`, `[pylint]`,
    `[isort]` or `[yapf]` section in setup.cfg or tox.ini, Super-Linter's configuration of
    one (`.github/linters/.python-lint`, `.python-black`), nbdev's `black_formatting = True`
    in settings.ini, a hosted
    pull-request linter's configuration (`.pep8speaks.yml`, a `.hound.yml` naming flake8
    or python), or a
    pre-commit / lefthook configuration that runs one of them; or when CI, a task
    (Makefile, tox, nox, ...) or a shell script of its own (`scripts/format.sh`) runs a
    linter with its default settings, on its folder or on
    paths the repository has: one given only paths it lacks (`pycodestyle data_enrichment`
    in a Makefile copied from a project with that package) lints nothing. A monorepo's
    project without its own passes when the repository's CI runs a linter over its
    folder (`flake8 .` at the root), or its root pre-commit configuration runs one
    (hooks run on every tracked file, unless the configuration's top-level `files:` or
    `exclude:` pattern leaves the folder out; a pattern written as a YAML block, `exclude:
    |` and a verbose `(?x)` pattern below, is read as YAML reads it), or another of its
    projects configures one (a practice a nested project satisfies counts for the
    repository), or a folder between the root and the project does (`spaceflight/.isort.cfg`
    above the project in `spaceflight/src/`: linters look for their configuration in the
    folders above a file). Any repository whose project lives in a folder below the root
    passes by that folder's configuration too (`pipeline/pyproject.toml` `[tool.ruff]`,
    `app/tox.ini` `[flake8]`, `.github/ci/.pylintrc`, a pre-commit configuration that runs
    a linter), unless it lies in a vendored tree
    (`third_party/`, `node_modules/`), among the tests' fixtures (`tests/data/demo/`) or in
    the project a template renders (`{{ cookiecutter.slug }}/pyproject.toml`, a copier
    template's `template/` subdirectory or `[[ project_slug ]]/` folder, see
    `doctor/rendered.py`: the template's own linter is judged). A pyproject.toml that
    does not parse is searched for the table (REPO001 reports its error)."""

    @staticmethod
    def check(
        pyproject: dict[str, Any],
        file_set: frozenset[str],
        files: tuple[str, ...],
        text: TextOf,
        load_yaml: YamlOf,
        commands: CommandGraph,
    ) -> Outcome:
        runs = [c for c in (*commands.ci, *commands.from_tasks) if c.program in LINTERS]
        run = next((c for c in runs if not missing_targets(c, file_set)), None)
        if run is not None:
            return Passed(run.shown())
        tools = table(pyproject, "tool")
        if any(name in tools for name in LINTER_TOOLS):
            return True
        # A pyproject.toml that does not parse still holds its table (REPO001 reports it).
        if (
            not pyproject
            and "pyproject.toml" in file_set
            and configures_linter("pyproject.toml", text)
        ):
            return Passed("pyproject.toml has a linter's table (the file does not parse)")
        if any(name in file_set for name in (*LINTER_FILES, *SUPER_LINTER_FILES)):
            return True
        if "settings.ini" in file_set and NBDEV_BLACK.search(text("settings.ini") or ""):
            return Passed("settings.ini: nbdev formats the exported code with black")
        for name in ("setup.cfg", "tox.ini"):
            if name in file_set and LINTER_SECTION.search(text(name) or ""):
                return True
        for name, holds in HOSTED_LINTERS:
            if name in file_set and (holds is None or holds.search(text(name) or "")):
                return Passed(f"{name} configures a hosted linter for pull requests")
        if hooks_lint(file_set, text, load_yaml, ".") is not None:
            return True
        nested = _nested_linter_config(files, text)
        if nested:
            return Passed(f"{nested} configures a linter")
        script = linting_script(files, text)
        if script:
            return Passed(f"{script} runs a linter")
        return _lints_nothing(runs, file_set) or False


def _lints_nothing(runs: list[Command], file_set: frozenset[str]) -> list[Hit] | None:
    """The first linter run given only paths the repository lacks (`pycodestyle
    data_enrichment` without that folder): it lints nothing of this repository."""
    if not runs:
        return None
    step, missing = runs[0].chain[0], ", ".join(missing_targets(runs[0], file_set))
    detail = f"{runs[0].shown()} lints {missing}, which the repository lacks"
    return [Hit(step.path, step.line, detail)]


def _nested_linter_config(files: tuple[str, ...], text: TextOf) -> str | None:
    """A linter's configuration in a folder below the root, where the project lives when
    the root holds none (`pipeline/pyproject.toml` `[tool.ruff]`, `app/tox.ini` `[flake8]`,
    `.github/ci/.pylintrc`): not in a vendored tree (someone else's code), a test fixture
    (a project a test reads) nor in the project a template renders
    (`{{ cookiecutter.slug }}/pyproject.toml`, not the template's own linter)."""
    for rel in files:
        folder = rel.rpartition("/")[0]
        if not folder or "{" in folder or VENDORED.search(rel) or is_test_path(rel):
            continue
        if configures_linter(rel, text):
            return rel
    return None


def linting_script(files: tuple[str, ...], text: TextOf) -> str | None:
    """A shell script of the repository's own that runs a linter or formatter
    (`scripts/format.sh` running `ruff` and `black`): a task run by hand, as a Makefile's
    target is, with the linter's default settings or those it passes. Not one in a
    vendored tree or in the project a template renders."""
    file_set = frozenset(files)
    for rel in files:
        if not rel.endswith(".sh") or "{" in rel or VENDORED.search(rel):
            continue
        folder = rel.rpartition("/")[0] or "."
        for words in simple_commands(text(rel) or ""):
            program = tuple(program_words(words))
            command = Command(program, (Step(rel, None, " ".join(words)),), cwd=folder)
            # one given only paths the repository lacks lints nothing (`black ./scripts`)
            if command.program in LINTERS and not missing_targets(command, file_set):
                paths = [word for word in program[1:] if SCRIPT_PATH.match(word)]
                if not paths or any(_path_in(word, folder, file_set) for word in paths):
                    return rel
    return None


# A word of a script's linter run that is a path (`./scripts`, `src/app`), not an option's
# value (`--select F401`).
SCRIPT_PATH = lazy_pattern(r"^\.{0,2}/|^[\w.-]+/[\w./-]*$")


def _path_in(word: str, folder: str, file_set: frozenset[str]) -> bool:
    """Whether a path a script names, from its folder or the root, is in the repository."""
    for base in dict.fromkeys((folder, ".")):
        rel = normalise(f"{base}/{word}").rstrip("/")
        if rel == "." or rel in file_set or any(f.startswith(f"{rel}/") for f in file_set):
            return True
    return False


def configures_linter(rel: str, text: TextOf) -> bool:
    """Whether the file configures a linter or formatter: its own configuration file
    (`.flake8`, `ruff.toml`), a pyproject.toml with a `[tool.ruff]`-like table, a
    setup.cfg or tox.ini section, or a hook configuration (pre-commit, lefthook) that
    runs one."""
    name = rel.rpartition("/")[2]
    if name in LINTER_FILES:
        return True
    if name == "pyproject.toml":
        return bool(LINTER_TABLE.search(text(rel) or ""))
    if name in SECTION_FILES:
        return bool(LINTER_SECTION.search(text(rel) or ""))
    return name in HOOK_FILES and bool(LINTER_MENTION.search(text(rel) or ""))


def enclosing_linter_config(project: str, file_set: frozenset[str], text: TextOf) -> str | None:
    """A linter's configuration in a folder between the root and a nested project
    (`spaceflight/.isort.cfg` above the project in `spaceflight/src/`): linters look for
    theirs in the folders above the file they lint, and that folder is the project's."""
    parts = project.split("/")[:-1]
    for depth in range(len(parts), 0, -1):
        folder = "/".join(parts[:depth])
        for name in (*LINTER_FILES, "pyproject.toml", *SECTION_FILES, *HOOK_FILES):
            rel = f"{folder}/{name}"
            if rel in file_set and configures_linter(rel, text):
                return rel
    return None


def hooks_lint(
    file_set: frozenset[str], text: TextOf, load_yaml: YamlOf, folder: str
) -> str | None:
    """The hook configuration (pre-commit, lefthook) that runs ruff, black, flake8 or
    pylint over `folder`, if one does: pre-commit runs its hooks on every tracked file
    unless the configuration's top-level `files:` or `exclude:` pattern leaves it out."""
    for name in HOOK_FILES:
        content = (text(name) or "") if name in file_set else ""
        if LINTER_MENTION.search(content):
            patterns = _top_level_patterns(load_yaml(name), content)
            if not _left_out(patterns, f"{folder}/"):
                return name
    return None


def _left_out(patterns: dict[str, str], path: str) -> bool:
    """Whether a hook configuration's top-level `files:` pattern misses `path` or its
    `exclude:` pattern matches it (pre-commit searches both, as Python regexes)."""
    try:
        files = re.search(patterns.get("files", ""), path)
        excluded = "exclude" in patterns and re.search(patterns["exclude"], path)
    except re.error:
        return False
    return files is None or bool(excluded)


def _top_level_patterns(document: Any, content: str) -> dict[str, str]:
    """A hook configuration's top-level `files:` and `exclude:` patterns, as YAML reads
    them (the repository view's parse, `document`): a block scalar's lines too (`exclude:
    |` then a verbose `(?x)^(...)$`), not its `|` mark, which as a pattern would match
    every path. A file YAML cannot read is searched line by line."""
    if document is None:
        return dict(TOP_LEVEL_PATTERN.findall(content))
    if not isinstance(document, dict):
        return {}
    return {
        key: document[key] for key in ("files", "exclude") if isinstance(document.get(key), str)
    }


def lints(command: Command, folder: str, files: tuple[str, ...]) -> bool:
    """Whether `command` is a linter whose run covers `folder`: the paths it names (else
    the folder it runs in, its default) include the folder (`flake8 .` at the root)."""
    if command.program not in LINTERS:
        return False
    named = (normalise(f"{command.cwd}/{word}") for word in command.words[1:] if word[:1] != "-")
    paths = [
        rel
        for rel in named
        if rel == "." or any(f == rel or f.startswith(rel + "/") for f in files)
    ] or [command.cwd]
    return any(rel == "." or folder == rel or folder.startswith(rel + "/") for rel in paths)
