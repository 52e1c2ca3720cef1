"""TEST: a test suite with model quality gates and service contract tests."""

from __future__ import annotations

import ast
import fnmatch
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from mlops_scaffold.doctor.checks.base import (
    Check,
    FilesContaining,
    NamesTaken,
    Outcome,
    Passed,
    TextOf,
    TreeOf,
    is_main_block,
    mentions,
)
from mlops_scaffold.doctor.checks.llm_proxy import YamlOf
from mlops_scaffold.doctor.commands import Command, CommandGraph, positional_words
from mlops_scaffold.doctor.content_hints import content_hints
from mlops_scaffold.doctor.pycode import (
    calls,
    dotted,
    first_string,
    imported,
    parse,
    source_line,
    values_by_name,
    walk,
    walked,
)
from mlops_scaffold.doctor.tasks import normalise
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Requirement
from mlops_scaffold.repo.parsers import normalise_package_name
from mlops_scaffold.repo.view import is_test_path

# A comparison with a baseline, a benchmark or the previous model (a differential test).
BASELINE = lazy_pattern(
    r"\b(?:baseline|benchmark|Dummy(?:Classifier|Regressor)|differential)", re.IGNORECASE
)
# A module that times code: its "benchmark" compares run times, not the model with one.
TIMING = lazy_pattern(
    r"\btime\.(?:perf_counter|monotonic|process_time|time)\(|\btimeit\b|wall[- ]clock"
    r"|\bdef test_\w*\(\s*benchmark\b",  # pytest-benchmark's fixture
    re.IGNORECASE,
)
# Behavioural tests of a trained model (CheckList's vocabulary): invariance, directional
# expectations, minimum functionality.
BEHAVIOURAL = lazy_pattern(r"\bdef test_\w*(?:invariance|directional|minimum_functionality)")
# Names of a floor or a ceiling for a metric (`threshold`, `MIN_ACCURACY`, `max_mape_pct`).
THRESHOLD = lazy_pattern(
    r"threshold|\bmin_(?:accuracy|f1|auc|r2|score)|\bmax_(?:mape|mae|rmse|mse|error)",
    re.IGNORECASE,
)
# Words of a name that say it holds a model's metric (`accuracy`, `val_acc`, `f1_score`).
METRIC_WORDS = frozenset(
    {"accuracy", "acc", "f1", "auc", "r2", "rmse", "mae", "mse", "mape", "precision", "recall"}
)
# A text that may name one (a first pass: the syntax tree decides).
METRIC_HINT = lazy_pattern("|".join(sorted(METRIC_WORDS)) + r"|\.score\(", re.IGNORECASE)
# The bounds every score lies within: `assert 0 <= accuracy <= 1` checks a range, no quality.
SCORE_BOUNDS = (0, 1)
# An error (`rmse`, `mae`) has no upper bound: `assert rmse < 1.0` is a floor on quality.
ERROR_WORDS = frozenset({"rmse", "mae", "mse", "mape"})
ERROR_BOUNDS = (0,)
ORDERINGS = (ast.Gt, ast.GtE, ast.Lt, ast.LtE)
ORDERING_ASSERTS = frozenset(
    {"assertGreater", "assertGreaterEqual", "assertLess", "assertLessEqual"}
)
# Clients a test calls a service with, one line each: (literal every use holds, pattern).
API_CLIENTS = (
    ("TestClient", r"\bTestClient\b"),  # FastAPI, Starlette
    ("httpx", r"\bhttpx\b"),
    ("AsyncClient", r"\bAsyncClient\b"),
    ("schemathesis", r"\bschemathesis\b"),
    (".test_client(", r"\.test_client\("),  # Flask
    ("requests", r"\brequests\b"),
    ("Server", r"\bbentoml\.(?:HTTPServer|GrpcServer)\b"),  # a built bento, started by the test
)
API_CLIENT = lazy_pattern("|".join(pattern for _, pattern in API_CLIENTS))
API_HINTS = tuple(hint for hint, _ in API_CLIENTS)
# A client method named for the service's API (`client.classify(image)`, BentoML's
# `async_classify`), or `client.call("classify", ...)`.
CLIENT_RECEIVER = lazy_pattern(r"(?i)client$")
NAMED_CALLS = frozenset({"call", "async_call"})
HTTP_METHODS = frozenset({"get", "post", "put", "patch", "request", "stream"})
GHERKIN = lazy_pattern(r"(?:^|/)features/(?:[^/]+/)*[^/]+\.feature$")
DEFINES_A_TEST = lazy_pattern(r"(?m)^[ \t]*(?:async[ \t]+)?def[ \t]+test|^[ \t]*class[ \t]+Test")
# Example tests a project generator writes, to be replaced: (generator, a phrase of it).
GENERATED_EXAMPLE_TESTS = (
    ("Kedro", "are here for the demonstration purpose"),
    # Kedro 0.15-0.16's: the example test of the project context's name and version
    ("Kedro", "This module contains an example test."),
    # Kedro's spaceflights starters: the tutorial's nodes tested on its shuttles' columns
    ("Kedro spaceflights", '"passenger_capacity"'),
    # Dagster's quickstart project: one test that its definitions load
    ("Dagster", "def test_def_can_load("),
)
# A module run as a script (`python test_connection.py`) that calls its own test functions
# under `if __name__ == "__main__":` is a smoke script, not a suite a test runner collects.
MAIN_BLOCK = lazy_pattern(r"""(?m)^if[ \t]+__name__[ \t]*==[ \t]*["']__main__["'][ \t]*:""")
# A call of a test function as a statement, or assigned (`results = test_endpoint(name)`).
CALLS_A_TEST = lazy_pattern(
    r"(?m)^[ \t]+(?:[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*=[ \t]*)?test\w*[ \t]*\("
)
PREDICTION_ROUTE = lazy_pattern(
    r"predict|infer|score|invocations|classify|forecast|generate|embed|recommend", re.I
)
# A service whose root route takes posts (`@app.post("/")`, Flask's `@app.route("/",
# methods=["POST"])`): there `/` is the prediction route, and a test posting to it calls it.
POSTED_ROOT = lazy_pattern(
    r"""@[\w.]+\.post\(\s*["']/["']"""
    r"""|@[\w.]+\.route\(\s*["']/["'][^)]*\bmethods\s*=\s*[\[(][^\])]*["']POST["']"""
)


# pytest's configuration files: `--doctest-modules` in one of them (addopts, a command)
# makes every module's docstring examples tests pytest collects.
PYTEST_CONFIGS = ("pyproject.toml", "pytest.ini", ".pytest.ini", "setup.cfg", "tox.ini")
DOCTEST_MODULES = lazy_pattern(r"--doctest-modules\b")
# A docstring example: a `>>> ` line.
DOCTEST_EXAMPLE = lazy_pattern(r"(?m)^[ \t]*>>>[ \t]+\S")
DOCSTRING_HOLDERS = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# The first line a module stops parsing at, when it is an import (`from 1_etl.assets import
# x`: a module name cannot start with a digit): no Python collects anything from it.
IMPORT_LINE = lazy_pattern(r"^\s*(?:from|import)\s")


# Test modules unittest's default discovery (`test*.py`) and Django's runner find that
# pytest's default names miss: `test.py`, `tests.py`, `tests_spark.py`.
UNITTEST_MODULE = lazy_pattern(r"^tests?(?:_\w+)?\.py$")


class TEST001(Check):
    """Applies when the repository has Python code or notebooks (of a Python kernel, not a Julia or
    an R one's), a template's rendered ones too (`{{
    cookiecutter.name }}/src/utils.py`: a template is tested by rendering it, and the tests of the
    project it renders are not its own). Passes when at least one test module (`test_*.py`,
    `*_test.py`, or `test.py`, `tests.py`, `tests_*.py` that unittest's discovery and Django find,
    in a tests/ folder or beside the code, or any `test*.py` unittest's discovery finds that defines
    a `unittest.TestCase`, `testModel.py`, or that matches the pattern CI or a task hands the
    discovery, `discover -p "*_tests.py"` or `discover src "*Test.py"`, or a `*Test.py`
    module whose TestCases it runs itself, `unittest.main()`) defines a test (a `test_*`
    function, or a `Test*` class with
    `test*` methods or a base that may carry them: not `TestOptions(BaseOptions)`)
    that is not a project generator's example (Kedro's demonstration test, the tests Kedro's
    spaceflights starters ship for the tutorial's pipeline, on its shuttles' `passenger_capacity`,
    Dagster's quickstart `test_def_can_load`, tests that only import or only fail, as SageMaker's
    project templates' xfail "No tests written" beside an import check, tests that check nothing but
    a check written in a comment, as the AWS CDK's `cdk init` example (`#
    template.has_resource_properties(...)`), tests that only assert `__version__` as Poetry's
    `test_version` or a unittest's `assertEqual(pkg.__version__, "0.0.1")`, tests that only assert
    that what they imported is there (`assert train is not None`, `assert callable(train.main)`),
    tests whose every assertion is about constants, `assert True` or `assert 1 + 1 == 2`, and tests
    whose body is only `pass`: placeholders), or there is a behaviour-driven suite (Gherkin
    `.feature` files under `features/`, run by behave or pytest-bdd). A module holding only a
    docstring is no test, nor is a script that calls its own test functions when run, nor a module
    the program imports its `test*` functions from (a pipeline step named `test`, handed to
    Kubeflow's `func_to_container_op`) or whose own functions call them while nothing in it checks
    anything (a web route returning `test_train_models()`): a test runner calls tests, the code does
    not, nor a load test's `test_*` tasks (a locust `HttpUser`): a runner collects `test*` functions
    and the methods of `Test*` classes and `TestCase`s. A module that does not parse is given the
    benefit of the doubt (Python 2 code), unless it stops at an import no Python accepts (`from
    1_etl.assets import x`): pytest collects nothing from it. Doctests are a suite too when pytest
    is told to collect them (`--doctest-modules` in pyproject.toml, pytest.ini, setup.cfg or
    tox.ini) and a module's docstring holds an example (`>>> `). A module whose tests check nothing
    a runner sees is no suite either: no assertion, no `assert*`, `raises` or `fail` call and no
    `raise`, while its test functions return their outcome (`return False`) or it runs as a script
    (a `__main__` block), a script that prints what it finds; nor is a `test` function a program's
    decorator makes its entry point (`@hydra.main`, `@click.command()`). A module of a tests folder
    named for testing in another way (`persistence-test.py`, `testsuite.py`) that imports pytest or
    unittest, or one named `etl_tests.py` that asserts as pytest's tests do, is a test module; its
    conftest.py is not: it holds fixtures (a `def test_client()`), not tests. Nor is a module whose
    tests, given no fixture, call only stand-ins besides assertion helpers: functions that only
    return their arguments combined (`def add(a, b): return a + b`), defined in the test module or
    taken from a module of the repository no other module imports while the repository has code
    besides it (a generator's sample `core.py` beside the project's pipeline); they exercise none of
    the code the project runs. A template whose CI renders it without asking (`cookiecutter .
    --no-input`, `copier copy --defaults . out`, copier 5's `copier -f "$template" out` of a copy
    of the checkout, `copier copy copier-source out` of a folder CI copies it into, `cruft create
    --no-input`, a step whose failure fails the job; a render that prompts stops at its first
    question in CI, and cookiecutter's `-f` only overwrites) is tested
    by that render: a template that no longer renders fails its build, as a pytest-cookies test's
    bake does, whatever the CI then runs in the generated project. A render of another template
    (`gh:org/template`) tests none of this one.
    """

    @staticmethod
    def check(
        test_files: list[str],
        source_files: list[str],
        files: tuple[str, ...],
        text: TextOf,
        syntax_tree: TreeOf,
        file_set: frozenset[str],
        names_taken: NamesTaken,
        commands: CommandGraph,
        template_files: list[str],
        requirements: list[Requirement],
    ) -> Outcome:
        installed = frozenset(normalise_package_name(r.name) for r in requirements)
        modules = [
            rel
            for rel in test_files
            if rel.rsplit("/", 1)[-1].startswith("test_")
            or rel.endswith("_test.py")
            or UNITTEST_MODULE.match(rel.rsplit("/", 1)[-1])  # tests/tests.py
        ]
        modules += [rel for rel in source_files if UNITTEST_MODULE.match(rel.rsplit("/", 1)[-1])]
        modules += _named_test_modules(test_files, modules, syntax_tree)
        modules += [rel for rel in _handed_to_pytest(commands, file_set) if rel not in modules]
        patterns = _discovery_patterns(commands)
        found = _discovered_test_cases(
            [*test_files, *source_files], modules, text, syntax_tree, patterns
        )
        modules += found
        for rel in mentions(DEFINES_A_TEST, modules, text, ("def test", "class Test")):
            content = text(rel) or ""
            tree = syntax_tree(rel)
            if not any(marker in content for _, marker in GENERATED_EXAMPLE_TESTS) and not (
                _runs_its_own_tests(content)
                or _only_placeholders(content)
                or not _collects_a_test(tree, content)
                or (
                    tree is not None
                    and _imports_missing_own_modules(rel, tree, file_set, installed)
                )
                or (tree is not None and _reports_instead_of_asserting(tree))
                or _imported_by_the_program(rel, source_files, text, syntax_tree)
                or (tree is not None and _called_by_its_own_code(tree))
                or _tests_only_stand_ins(rel, tree, source_files, text, syntax_tree, names_taken)
            ):
                return Passed(f"{rel} defines tests")
        feature = next((rel for rel in files if GHERKIN.search(rel)), None)
        if feature:
            return Passed(f"{feature} is a behaviour-driven test suite")
        render = ci_render(commands, template_files, file_set)
        if render is not None:
            return Passed(f"{render.shown()} renders the template in CI: a test of it")
        return _doctest_suite(source_files, file_set, text, syntax_tree) or False


class Renderer(NamedTuple):
    """A program that renders a template: the words that start a render (`copier copy`;
    `cookiecutter` alone), its options that take a value, and its options that render
    without asking (in CI, where nobody answers, a render that prompts stops at its first
    question)."""

    starts: frozenset[str]
    valued: frozenset[str]
    unattended: frozenset[str]


# One line per generator. Cookiecutter's and cruft's `-f` overwrites, and asks all the same.
RENDERERS: dict[str, Renderer] = {
    "cookiecutter": Renderer(
        frozenset({""}),
        frozenset({"-o", "--output-dir", "-c", "--checkout", "--directory", "--config-file"}),
        frozenset({"--no-input"}),
    ),
    "copier": Renderer(  # before copier 6 the subcommand could be left out: `copier -f SRC DST`
        frozenset({"", "copy", "recopy", "run"}),
        frozenset({"-d", "--data", "--data-file", "-a", "--answers-file", "-r", "--vcs-ref"}),
        frozenset({"--defaults", "-l", "--force", "-f"}),
    ),
    "cruft": Renderer(
        frozenset({"create"}),
        frozenset({"-c", "--checkout", "--directory"}),
        frozenset({"--no-input"}),
    ),
}
# Where a template's own settings sit: a render of the folder that holds one renders it.
TEMPLATE_SETTINGS = ("cookiecutter.json", "copier.yml", "copier.yaml")


def ci_render(
    commands: CommandGraph, template_files: list[str], file_set: frozenset[str]
) -> Command | None:
    """The first CI command that renders the repository's own template (its source `.`
    or a folder of it holding cookiecutter.json or copier.yml) without asking
    (`--no-input`, `--defaults`) and whose failure fails the job; None when the repository
    renders nothing (no Jinja-named files) or CI never does."""
    if not template_files:
        return None
    copies = _template_copies(commands)
    for command in commands.ci:
        renderer = RENDERERS.get(command.program)
        if renderer is None or command.may_fail or not renderer.unattended & set(command.words):
            continue
        starts, valued, _ = renderer
        words = list(command.words[1:])
        if words and words[0] in starts:
            words = words[1:]
        elif "" not in starts:
            continue
        source = _first_argument(words, valued)
        if source is not None and _is_this_template(source, command.cwd, file_set, copies):
            return command
    return None


def _template_copies(commands: CommandGraph) -> frozenset[str]:
    """The folders CI copies the template's settings into (`cp copier.yaml
    copier-source/copier.yaml`): a copy of the checkout's template, rendered from there."""
    return frozenset(
        command.words[-1].removeprefix("./").partition("/")[0]
        for command in commands.ci
        if command.program in ("cp", "rsync")
        and any(word.rpartition("/")[2] in TEMPLATE_SETTINGS for word in command.words[1:-1])
    )


def _first_argument(words: list[str], valued: frozenset[str]) -> str | None:
    """The first word that is neither an option nor an option's value."""
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word.startswith("-"):
            skip = word in valued
        else:
            return word
    return None


def _is_this_template(
    source: str, cwd: str, file_set: frozenset[str], copies: frozenset[str] = frozenset()
) -> bool:
    """Whether a render's source is the repository's template: the folder it runs in
    (`.`), or a folder of the repository holding the template's settings; or a shell
    variable (`"${template}"`) or a folder CI copies them into (`copier-source`), a copy of
    the checkout made first, where the repository's root holds them."""
    folder = source.removeprefix("./").rstrip("/")
    if folder in ("", "."):
        return True
    if folder.startswith("$") or folder in copies:
        return any(name in file_set for name in TEMPLATE_SETTINGS)
    base = "" if cwd in ("", ".") else cwd.rstrip("/") + "/"
    return any(f"{base}{folder}/{name}" in file_set for name in TEMPLATE_SETTINGS)


# A test folder's module named for testing in another way (`persistence-test.py`,
# `testsuite.py`): a test runner handed it by name, or unittest's `test*.py`, collects it.
TEST_FOLDER = lazy_pattern(r"(?:^|/)tests?/")
TEST_RUNNERS = frozenset({"pytest", "unittest"})
# A module named as unittest's `tests_*.py` the other way round (`etl_tests.py`): its plain
# `assert` tests are written for pytest, handed the module by name.
PLURAL_TEST_MODULE = lazy_pattern(r"^\w+_tests\.py$")


def _named_test_modules(
    test_files: list[str], modules: list[str], syntax_tree: TreeOf
) -> list[str]:
    """Modules of a tests folder whose name holds `test` (`persistence-test.py`,
    `testsuite.py`) and that import pytest or unittest, or named `*_tests.py` and assert
    something as pytest's tests do: written for a test runner, handed them by name. A
    `conftest.py` holds fixtures (a `def test_client()` among them), not tests."""
    chosen = set(modules)
    found = []
    for rel in test_files:
        name = rel.rsplit("/", 1)[-1]
        skipped = rel in chosen or name == "conftest.py"
        if skipped or "test" not in name or not TEST_FOLDER.search(rel):
            continue
        tree = syntax_tree(rel)
        asserts = PLURAL_TEST_MODULE.match(name) and any(
            isinstance(n, ast.Assert) for n in walked(tree or ast.Module([], []))
        )
        if tree is not None and (imported(tree) & TEST_RUNNERS or asserts):
            found.append(rel)
    return found


# unittest's default discovery pattern, `test*.py`: `testModel.py`, `testing.py` beside
# the code too, which pytest's default names miss.
UNITTEST_DISCOVERED = lazy_pattern(r"^test\w*\.py$")
# A module named as its class, with a `Test` suffix (`FeaturesPreparerTest.py`, Java's
# habit), that runs its own TestCases (`unittest.main()`): a script runs it, one module
# at a time (session 47, databricks-feature-store-bundle-poetry-lib's run_tests.sh).
SELF_RUN_TEST_MODULE = lazy_pattern(r"^[A-Z]\w*Tests?\.py$")
SELF_RUN = "unittest.main("


def _discovered_test_cases(
    candidates: list[str],
    modules: list[str],
    text: TextOf,
    syntax_tree: TreeOf,
    patterns: frozenset[str] = frozenset(),
) -> list[str]:
    """Modules named as unittest's discovery finds them (`test*.py`, or a pattern CI or a
    task hands it: `discover -p "*_tests.py"`) that define a `unittest.TestCase`:
    `python -m unittest discover` runs their tests. So do `*Test.py` modules that run
    their own (`unittest.main()`)."""
    chosen = set(modules)
    named = [
        rel
        for rel in candidates
        if rel not in chosen
        and (
            UNITTEST_DISCOVERED.match(name := rel.rpartition("/")[2])
            or any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)
            or (SELF_RUN_TEST_MODULE.match(name) and SELF_RUN in (text(rel) or ""))
        )
    ]
    return [
        rel
        for rel in mentions(TEST_CASE_BASE, named, text, ("TestCase",))
        if any(
            isinstance(node, ast.ClassDef)
            and any(dotted(base).endswith("TestCase") for base in node.bases)
            for node in _body(syntax_tree(rel))
        )
    ]


def _body(tree: ast.Module | None) -> list[ast.stmt]:
    return tree.body if tree is not None else []


DISCOVERY_PATTERN_OPTIONS = frozenset({"-p", "--pattern"})


# pytest's options that take a value, whose value is no path to collect.
PYTEST_VALUED = frozenset(
    {"-k", "-m", "-c", "-p", "-o", "--rootdir", "--junitxml", "--cov", "--cov-report", "-n"}
)


def _handed_to_pytest(commands: CommandGraph, file_set: frozenset[str]) -> list[str]:
    """The modules CI and tasks give pytest by path (`python -m pytest validation.py` in
    the folder a step `cd`s to): pytest collects their tests whatever their names."""
    found: list[str] = []
    for command in (*commands.ci, *commands.from_tasks):
        if command.program != "pytest" or not command.in_checkout:
            continue
        for word in positional_words(command.words[1:], PYTEST_VALUED):
            rel = normalise(f"{command.cwd}/{word.split('::')[0]}")
            if rel.endswith(".py") and rel in file_set and rel not in found:
                found.append(rel)
    return found


def _discovery_patterns(commands: CommandGraph) -> frozenset[str]:
    """The module patterns CI and tasks hand unittest's discovery (`python -m unittest
    discover -s src -p "*_tests.py"`, or the second of its positional arguments, `discover
    src "*Test.py"`: start, pattern, top)."""
    found = set()
    for command in (*commands.ci, *commands.from_tasks):
        words = list(command.words)
        if command.program != "unittest" or "discover" not in words:
            continue
        for option, value in itertools.pairwise(words):
            if option in DISCOVERY_PATTERN_OPTIONS and value.endswith(".py"):
                found.add(value.strip("'\""))
        found |= {w.split("=", 1)[1] for w in words if w.startswith("--pattern=")}
        after = words[words.index("discover") + 1 :]
        positional = [w for w in after if not w.startswith("-")]
        if not any(w.startswith("-") for w in after) and len(positional) >= 2:
            pattern = positional[1].strip("'\"")
            found |= {pattern} if pattern.endswith(".py") else set()
    return frozenset(found)


TEST_CASE_BASE = lazy_pattern(r"\bTestCase\b")


# Calls that check or fail a test besides `assert` (`self.assertEqual`, `np.testing.
# assert_allclose`, `pytest.raises`, `self.fail`).
CHECKING_CALLS = frozenset({"raises", "fail", "approx", "skip", "xfail", "warns"})


def _reports_instead_of_asserting(tree: ast.Module) -> bool:
    """Whether a module's tests check nothing a runner sees: no assertion, no checking
    call (`self.assert*`, `pytest.raises`, `fail`) and no `raise` anywhere, and its test
    functions hand their outcome back (`return True`, `return False`) or the module runs
    as a script (a `__main__` block that does not start pytest or unittest): a script
    that prints what it finds, where a failure passes."""
    for node in walked(tree):  # the module's cached walk, which `_test_functions` reads too
        if isinstance(node, ast.Assert | ast.Raise):
            return False
        if isinstance(node, ast.Call):
            method = dotted(node.func).rpartition(".")[2]
            if method.startswith("assert") or method in CHECKING_CALLS:
                return False
    tests = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    ]
    returns = any(
        isinstance(node, ast.Return)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, bool)
        for test in tests
        for node in ast.walk(test)
    )
    script = any(
        isinstance(node, ast.If)
        and "__main__" in ast.dump(node.test)
        and not any(dotted(call.func) in ("pytest.main", "unittest.main") for call in calls(node))
        for node in tree.body
    )
    return returns or script


def _doctest_suite(
    source_files: list[str], file_set: frozenset[str], text: TextOf, syntax_tree: TreeOf
) -> Passed | None:
    """Doctests pytest collects: `--doctest-modules` in its configuration, and a module
    whose docstrings hold an example."""
    config = next(
        (
            rel
            for rel in PYTEST_CONFIGS
            if rel in file_set and DOCTEST_MODULES.search(text(rel) or "")
        ),
        None,
    )
    if config is None:
        return None
    for rel in mentions(DOCTEST_EXAMPLE, source_files, text, (">>>",)):
        tree = syntax_tree(rel)
        holders = (n for n in walked(tree) if isinstance(n, DOCSTRING_HOLDERS)) if tree else ()
        if any(DOCTEST_EXAMPLE.search(ast.get_docstring(node) or "") for node in holders):
            return Passed(
                f"{rel} holds doctests, collected by pytest ({config}: --doctest-modules)"
            )
    return None


# Imports of the repository's own modules, all missing, that make a test module one
# written for code the tree no longer holds (one may be a module a fixture tree left out).
MISSING_IMPORTS = 2


def _imports_missing_own_modules(
    rel: str, tree: ast.Module, file_set: frozenset[str], installed: AbstractSet[str]
) -> bool:
    """Whether every module of the repository's own packages that the test module imports
    at its top, two or more, is one the tree does not hold (`from cardio.db.repositories
    import X` and `from cardio.tests.config import Config` where `cardio/` has neither
    `db/` nor `tests/`): it fails at collection, and tests nothing of the code there is.
    One missing module beside others present is a test of this code, broken. A package is the
    repository's own when its folder is at the root or in a folder holding the test, or in
    the `src/` of either, with an `__init__.py`, or, with none (a namespace package, which
    an installed package of the name would win over), holding Python modules other than
    tests and named for no requirement in `installed`; the module is missing when no such
    folder holds it. Generated modules (`*_pb2`) are not looked for."""
    places = [f"{folder}{src}" for folder in ["", *_folders_above(rel)] for src in ("", "src/")]
    found: list[bool] = []  # for each import of the repository's own modules: is it missing
    for node in tree.body:
        names = (
            [node.module]
            if isinstance(node, ast.ImportFrom) and node.module and not node.level
            else [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else []
        )
        for name in names:
            parts = name.split(".")
            if len(parts) < 2 or parts[-1].endswith(("_pb2", "_pb2_grpc")):
                continue
            namespace = normalise_package_name(parts[0]) not in installed
            owners = [
                place
                for place in places
                if f"{place}{parts[0]}/__init__.py" in file_set
                or (namespace and _holds_python(place + parts[0], file_set))
            ]
            if owners:
                found.append(not any(_holds_module(owner, parts, file_set) for owner in owners))
    return len(found) >= MISSING_IMPORTS and all(found)


def _folders_above(rel: str) -> list[str]:
    """The folders holding `rel`, innermost first, each ending with `/`."""
    parts = rel.split("/")[:-1]
    return ["/".join(parts[:depth]) + "/" for depth in range(len(parts), 0, -1)]


def _holds_python(folder: str, file_set: frozenset[str]) -> bool:
    """Whether a folder holds a Python module other than a test at any depth."""
    return any(
        rel.startswith(f"{folder}/") and rel.endswith(".py") and not is_test_path(rel)
        for rel in file_set
    )


def _holds_module(place: str, parts: list[str], file_set: frozenset[str]) -> bool:
    """Whether the module `parts` (`cardio.db.models`) is a file or a folder under `place`."""
    path = place + "/".join(parts)
    return f"{path}.py" in file_set or any(rel.startswith(f"{path}/") for rel in file_set)


def _collects_a_test(tree: ast.Module | None, content: str) -> bool:
    """Whether a test runner collects a test from the module: a module-level `test*`
    function, a `test*` method of a `Test*` class or of a unittest `TestCase`; not the
    `test_*` tasks of a locust `HttpUser`, which a load test runs. A module that does not
    parse is given the benefit of the doubt, unless it stops at an import line."""
    if tree is None:
        return not _fails_at_an_import(content)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.name.startswith("test") and not _a_command(node):
                return True
        elif (
            isinstance(node, ast.ClassDef)
            and (
                node.name.startswith("Test")
                or any(dotted(base).endswith("TestCase") for base in node.bases)
            )
            and _holds_tests(node)
        ):
            return True
    return False


# A base class named as one that carries tests (`TestBase`, `ModelTests`, `ChecksMixin`,
# a project's `ModelTestCase`).
TEST_BASE = lazy_pattern(r"^Test|Tests?$|Mixin$|TestCase$")
# The test frameworks' own case classes, which carry no test (unittest's, Django's, DRF's).
FRAMEWORK_CASES = frozenset(
    {
        "TestCase",
        "IsolatedAsyncioTestCase",
        "SimpleTestCase",
        "TransactionTestCase",
        "LiveServerTestCase",
        "APITestCase",
    }
)


def _holds_tests(node: ast.ClassDef) -> bool:
    """Whether a test runner collects a test from a `Test*` class or a `TestCase`: a
    `test*` method of its own, or a base of the project's that may carry them
    (`TestBase`, a `...Mixin`, `ModelTestCase`); a `TestOptions(BaseOptions)` of
    command-line options holds none, nor a `TestCase` with only a `setUp` (a test left
    to write)."""
    own = any(
        isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.startswith("test")
        for item in node.body
    )
    bases = (dotted(base).rpartition(".")[2] for base in node.bases)
    return own or any(TEST_BASE.search(b) and b not in FRAMEWORK_CASES for b in bases)


# Decorators that make a function a program's entry point (`@hydra.main(...)`,
# `@click.command()`, `@app.command()`): the program runs it, no test runner does.
COMMAND_DECORATORS = frozenset({"main", "command", "group", "callback"})


def _a_command(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a function is decorated as a program's entry point (`@hydra.main`)."""
    return any(
        dotted(decorator.func if isinstance(decorator, ast.Call) else decorator).rpartition(".")[2]
        in COMMAND_DECORATORS
        for decorator in function.decorator_list
    )


def _fails_at_an_import(content: str) -> bool:
    """Whether the module's first syntax error is on an import line (`from 1_etl.assets
    import x`): a name no Python imports, where Python 2 code fails elsewhere."""
    try:
        ast.parse(content)
    except SyntaxError as error:
        lines = content.splitlines()
        number = error.lineno or 0
        return 0 < number <= len(lines) and bool(IMPORT_LINE.match(lines[number - 1]))
    except (ValueError, RecursionError, MemoryError):
        return False
    return False


def _test_functions(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The module's functions named `test*`, at any depth (a `Test*` class's methods)."""
    return [
        node
        for node in walked(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    ]


def _only_placeholders(content: str) -> bool:
    """Whether every test of the module is a generator's placeholder: one that only
    asserts `__version__` (Poetry's `assert __version__ == "0.1.0"`, a unittest's
    `assertEqual(pkg.__version__, "0.0.1")`), one that only imports (an import check), or
    a reminder that only fails (`assert False, "No tests written"`, `pytest.fail(...)`,
    `raise NotImplementedError`: SageMaker's project templates keep it under xfail), or
    one that only asserts about literals it wrote (`assert name == "example"`, `assert
    True`, `assert 1 + 1 == 2`), or one whose body is empty (`pass`, `...`, a docstring)."""
    if not PLACEHOLDER_HINT.search(content):
        return False
    tree = parse(content)
    if tree is None:
        return False
    tests = _test_functions(tree)
    lines = content.splitlines()
    spans = _spans(tree, len(lines))
    return bool(tests) and all(
        _asserts_only_the_version(test)
        or _only_imports_or_fails(test)
        or _checks_only_imports(test, _import_bindings(tree.body))
        or _asserts_only_literals(test)
        or _does_nothing(test)
        or _check_commented_out(test, lines[slice(*spans.get(test.lineno, (0, 0)))])
        for test in tests
    )


def _spans(tree: ast.Module, length: int) -> dict[int, tuple[int, int]]:
    """Each top-level statement's first line -> the 0-based range of lines up to the next
    statement (the comments after a function's last statement are in its range), and
    likewise for the methods of top-level classes."""
    spans: dict[int, tuple[int, int]] = {}
    for body, end in [(tree.body, length)] + [
        (node.body, node.end_lineno or length)
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    ]:
        starts = [node.lineno for node in body]
        for start, after in zip(starts, [*starts[1:], end + 1], strict=True):
            spans[start] = (start - 1, after - 1)
    return spans


def _check_commented_out(
    function: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]
) -> bool:
    """Whether a test checks nothing (no assertion, no checking call, no raise) while a
    check is written in a comment of it (`#     template.has_resource_properties(...)`,
    `# assert result == 2`): an example whose assertion waits to be uncommented, as the
    CDK's `cdk init` writes it."""
    if _checks_something(function):
        return False
    return any(COMMENTED_CHECK.match(line) for line in lines)


def _checks_something(code: ast.AST) -> bool:
    """Whether code asserts, raises, or calls a checking helper (`self.assert*`,
    `pytest.raises`, `fail`, a CDK template's `has_resource_properties`)."""
    for node in ast.walk(code):
        if isinstance(node, ast.Assert | ast.Raise):
            return True
        if isinstance(node, ast.Call):
            method = dotted(node.func).rpartition(".")[2]
            if method.startswith(("assert", "has_", "resource_count")) or method in CHECKING_CALLS:
                return True
    return False


# A comment holding a check: an assertion, or a CDK template's assertion method.
COMMENTED_CHECK = lazy_pattern(
    r"^[ \t]*#[ \t]*(?:assert\b|self\.assert\w*\("
    r"|[\w.]+\.(?:has_resource\w*|resource_count_is|assert\w*)\()"
)


def _asserts_only_literals(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a test, given no fixture, asserts only about literals: it calls nothing
    (but `print` of literals: `print("Tests..."); assert True`), reads no attribute or
    item, and every name it reads it bound to a constant itself (`string = "example";
    assert string == "example"`): it exercises no code."""
    if function.args.args or function.args.kwonlyargs or function.args.posonlyargs:
        return False
    printed = {
        id(node)
        for call in ast.walk(function)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "print"
        and all(isinstance(argument, ast.Constant) for argument in call.args)
        for node in ast.walk(call)
    }
    nodes = [node for node in ast.walk(function) if id(node) not in printed]
    if not any(isinstance(node, ast.Assert) for node in nodes) or any(
        isinstance(node, ast.Call | ast.Await | ast.Attribute | ast.Subscript) for node in nodes
    ):
        return False
    constants = {
        target.id
        for node in nodes
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    read = {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return read <= constants


# What a module of placeholder tests holds: a version, an import in a test, a failure, an
# assertion of a constant (`assert True`, `assert 1 + 1 == 2`) or an empty body (`pass`).
PLACEHOLDER_HINT = lazy_pattern(
    r"__version__|^[ \t]+(?:import|from)[ \t]|assert[ \t]+False|\.fail\(|NotImplementedError"
    r"|^[ \t]*#[ \t]*(?:assert\b|self\.assert|[\w.]+\.(?:has_resource|resource_count_is|assert))"
    r"|^[ \t]+assert[ \t]+[\w\"']+[ \t]*==[ \t]*[\w\"']+[ \t]*$"
    r"|^[ \t]+assert[ \t]+(?:True\b|[\d(-])|^[ \t]+(?:pass|\.\.\.)[ \t]*$"
    r"|^[ \t]+assert[ \t]+(?:callable|hasattr)\("
    r"|^[ \t]+assert[ \t]+[\w.]+[ \t]+is[ \t]+not[ \t]+None",
    re.MULTILINE,
)


def _does_nothing(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a test's body is only a docstring, `pass` or `...`: it runs no code."""
    return all(
        isinstance(statement, ast.Pass)
        or (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))
        for statement in function.body
    )


def _only_imports_or_fails(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a test's body (its docstring aside) only imports, or only fails."""
    body = [
        statement
        for statement in function.body
        if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))
        and not isinstance(statement, ast.Pass)
    ]
    if not body:
        return False
    if all(isinstance(statement, ast.Import | ast.ImportFrom) for statement in body):
        return True
    if len(body) != 1:
        return False
    (only,) = body
    if isinstance(only, ast.Assert):
        return isinstance(only.test, ast.Constant) and not only.test.value
    if isinstance(only, ast.Raise):
        return dotted(only.exc or ast.Constant(None)).startswith("NotImplementedError")
    return (
        isinstance(only, ast.Expr)
        and isinstance(only.value, ast.Call)
        and (dotted(only.value.func) in ("pytest.fail", "self.fail", "fail"))
    )


def _import_bindings(statements: Iterable[ast.AST]) -> set[str]:
    """The names import statements among `statements` bind (`import src.train` -> `src`,
    `from app import main as m` -> `m`)."""
    return {
        alias.asname or alias.name.split(".")[0]
        for node in statements
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }


# Checks that a name exists, which any import passes: `callable(train.main)`.
PRESENCE_CHECKS = frozenset({"callable", "hasattr", "isinstance"})


def _checks_only_imports(
    function: ast.FunctionDef | ast.AsyncFunctionDef, module_imports: set[str]
) -> bool:
    """Whether a test, given no fixture, only imports and asserts that what it imported
    is there (`import src.train as train` then `assert train`, `assert main is not None`,
    `assert callable(train.main)`): an import check, which any module passes."""
    if function.args.args or function.args.kwonlyargs or function.args.posonlyargs:
        return False
    imported = module_imports | _import_bindings(walk(function))
    body = [
        statement
        for statement in function.body
        if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))
    ]
    asserts = [statement for statement in body if isinstance(statement, ast.Assert)]
    return (
        bool(asserts)
        and all(isinstance(s, ast.Import | ast.ImportFrom | ast.Assert | ast.Pass) for s in body)
        and all(_present(a.test, imported) for a in asserts)
    )


def _present(test: ast.expr, imported: set[str]) -> bool:
    """Whether an assertion only says imported names exist: the name or an attribute of
    it, `is not None`, `callable(...)`, `hasattr(...)`, `isinstance(...)`, joined by
    `and`."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return all(_present(value, imported) for value in test.values)
    if isinstance(test, ast.Compare):
        none = [isinstance(c, ast.Constant) and c.value is None for c in test.comparators]
        return (
            all(isinstance(op, ast.IsNot) for op in test.ops)
            and all(none)
            and _present(test.left, imported)
        )
    if isinstance(test, ast.Call):
        return (
            dotted(test.func) in PRESENCE_CHECKS
            and bool(test.args)
            and _present(test.args[0], imported)
        )
    return isinstance(test, ast.Name | ast.Attribute) and dotted(test).split(".")[0] in imported


def _asserts_only_the_version(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a test asserts, and every assertion of it names `__version__`."""
    checks: list[ast.AST] = [node for node in ast.walk(function) if isinstance(node, ast.Assert)]
    checks += [
        call
        for call in calls(function)
        if dotted(call.func).rpartition(".")[2].startswith("assert")
    ]
    return bool(checks) and all(
        any(dotted(node).endswith("__version__") for node in ast.walk(check)) for check in checks
    )


def _called_by_its_own_code(tree: ast.Module) -> bool:
    """Whether the module's `test*` functions are called by its other functions (a web
    route that returns `test_train_models()`) while nothing in it checks anything, or by a
    function its `__main__` block runs (`main()` parsing arguments, then `test(config)`):
    code the program runs, named for testing, not tests a runner collects."""
    tests = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    }
    callers = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name not in tests
    ]
    calling = {
        caller.name
        for caller in callers
        if any(dotted(call.func) in tests for call in calls(caller))
    }
    if calling & _called_when_run(tree):
        return True  # `main()` parses the arguments and calls `test(config)`: a program
    return bool(calling) and not _checks_something(tree)


def _called_when_run(tree: ast.Module) -> set[str]:
    """The names the module's `if __name__ == "__main__":` block calls."""
    return {
        dotted(call.func)
        for node in tree.body
        if isinstance(node, ast.If) and is_main_block(node)
        for statement in node.body
        for call in calls(statement)
    }


def _runs_its_own_tests(content: str) -> bool:
    """Whether the module's `__main__` block calls its test functions itself (a script)."""
    main = MAIN_BLOCK.search(content)
    if main is None:
        return False
    block = content[main.end() :]
    return bool(CALLS_A_TEST.search(block)) and not re.search(
        r"\b(?:unittest|pytest)\.main\b", block
    )


def _imported_by_the_program(
    rel: str, source_files: list[str], text: TextOf, syntax_tree: TreeOf
) -> bool:
    """Whether a script beside or above the module at `rel` (where Python finds it from)
    imports `test*` names from it (`from components.test_model import test`): the module
    is a step of the program."""
    path = rel.removesuffix(".py")
    stem = path.rsplit("/", 1)[-1]
    above = {"/".join(path.split("/")[:depth]) for depth in range(path.count("/") + 1)}
    scripts = [f for f in source_files if f.rpartition("/")[0] in above]
    for importer in mentions(re.compile(rf"\b{re.escape(stem)}\b"), scripts, text, (stem,)):
        tree = syntax_tree(importer)
        for node in walked(tree) if tree is not None else ():
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and ("/" + path).endswith("/" + node.module.replace(".", "/"))
                and any(alias.name.startswith("test") for alias in node.names)
            ):
                return True
    return False


# What a stand-in's returned expression may not hold: it would call, look up or build
# something, where a stand-in only combines its arguments (`return a + b`).
NOT_STAND_IN = (
    ast.Call,
    ast.Attribute,
    ast.Subscript,
    ast.Lambda,
    ast.Await,
    ast.Yield,
    ast.YieldFrom,
    ast.NamedExpr,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)
# Packaging and package files: no code of the project's own beside a stand-in.
NO_CODE_OF_ITS_OWN = ("__init__.py", "setup.py")


def _tests_only_stand_ins(
    rel: str,
    tree: ast.Module | None,
    source_files: list[str],
    text: TextOf,
    syntax_tree: TreeOf,
    names_taken: NamesTaken,
) -> bool:
    """Whether every test of the module exercises only stand-ins: it takes no fixture and
    calls, besides assertion helpers (`self.assertEqual`), only functions that return their
    arguments combined (`def add(a, b): return a + b`), defined in the test module itself or
    taken from a module of the repository that no other module imports while the repository
    has code of its own besides (a generator's sample `core.py` left beside the project's
    pipeline): such a test exercises none of the code the project runs."""
    if tree is None:
        return False
    tests = _test_functions(tree)
    if not tests:
        return False
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    stand_ins = _stand_ins_of(tree, defined - {test.name for test in tests})
    for module, names in names_taken(rel).items():
        if names is not None and _unused_beside_other_code(module, source_files, text, names_taken):
            stand_ins |= _stand_ins_of(syntax_tree(module), names)
    return bool(stand_ins) and all(_calls_only(test, stand_ins) for test in tests)


def _a_stand_in(function: ast.FunctionDef) -> bool:
    """Whether a function, undecorated, only returns its parameters combined (`return a +
    b`, `return 2`, `return f"Hello {name}"`): it stands in for code yet to be written."""
    body = [
        statement
        for statement in function.body
        if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))
    ]
    if function.decorator_list or len(body) != 1 or not isinstance(body[0], ast.Return):
        return False
    value = body[0].value
    if value is None:
        return True
    nodes = walk(value)
    parameters = {a.arg for a in (*function.args.posonlyargs, *function.args.args)}
    parameters |= {a.arg for a in function.args.kwonlyargs}
    return not any(isinstance(node, NOT_STAND_IN) for node in nodes) and all(
        node.id in parameters for node in nodes if isinstance(node, ast.Name)
    )


def _stand_ins_of(tree: ast.Module | None, names: Iterable[str]) -> set[str]:
    """Of `names`, those of the module's top-level functions that are stand-ins."""
    wanted = set(names)
    return {
        node.name
        for node in (tree.body if tree is not None else ())
        if isinstance(node, ast.FunctionDef) and node.name in wanted and _a_stand_in(node)
    }


def _unused_beside_other_code(
    module: str, source_files: list[str], text: TextOf, names_taken: NamesTaken
) -> bool:
    """Whether no other module of the repository imports `module`, while the repository
    has a module of its own besides it (not a package's `__init__.py` or setup.py)."""
    others = [rel for rel in source_files if rel != module]
    if all(rel.rpartition("/")[2] in NO_CODE_OF_ITS_OWN for rel in others):
        return False
    stem = module.removesuffix(".py").removesuffix("/__init__").rpartition("/")[2]
    return not any(stem in (text(rel) or "") and module in names_taken(rel) for rel in others)


def _calls_only(test: ast.FunctionDef | ast.AsyncFunctionDef, stand_ins: set[str]) -> bool:
    """Whether a test, given no fixture, calls at least one of `stand_ins` and nothing else
    but assertion helpers, and reads no name but those, its own and `self`."""
    arguments = [a.arg for a in (*test.args.posonlyargs, *test.args.args, *test.args.kwonlyargs)]
    if arguments not in ([], ["self"]):
        return False
    nodes = walk(test)
    helpers: set[ast.expr] = set()
    called = False
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        name = dotted(node.func)
        if name in stand_ins:
            called = True
        elif name.startswith("self.assert") and name.count(".") == 1:
            helpers.add(node.func)
        else:
            return False
    if not called or any(
        isinstance(node, ast.Subscript | ast.Await | ast.Lambda)
        or (isinstance(node, ast.Attribute) and node not in helpers)
        for node in nodes
    ):
        return False
    bound = {n.id for n in nodes if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    read = {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return read <= stand_ins | bound | set(arguments)


class TEST002(Check):
    """Passes when a test module compares the model with a baseline: an assertion compares a measure
    of the model (a metric, a score, a loss, a prediction) with a baseline's (a Dummy estimator's
    score, a name or key holding baseline or benchmark: `assert f1 > baseline_f1`, unless the module
    times code: a speed benchmark), or asserts a call named for the comparison (a differential test
    against the previous model); a baseline only built, read or passed along (a stub
    `DummyRegressor()` in a pipeline test, baseline rows as inputs, a `baseline.json` path, its
    label checked, `baseline["model_version"] == "v3"`) compares nothing. Or a test module asserts a
    metric (accuracy, f1, auc, r2, rmse...) against a threshold (a name holding threshold or min_,
    or a number, written out or assigned to a name of the module: `assert accuracy > 0.7`,
    `expected_accuracy = 0.4` then `self.assertGreaterEqual(acc, expected_accuracy)`, but not the
    bounds 0 and 1 every score lies within, nor a value named for both a metric and a threshold,
    `assert 0 < select_f1_threshold(y, p) < 1`: a setting tuned on the metric, not the model's
    score), or, in a test that loads or fits a model (an ONNX `InferenceSession` too), asserts that
    a metric equals a number, written out or held in a name of the module (the model's recorded
    score, `assert round(scores["test/accuracy"], 3) == 0.967`, `pytest.approx(RECORDED_ACCURACY)`),
    or holds behavioural tests of the model (`test_invariance`, `test_directional`,
    `test_minimum_functionality`), or asserts that a prediction (what a call named for predicting
    returns, `await client.classify(image)`) equals the known label of a labelled sample (`assert
    answer["class_name"] == label`, `assert prediction[0] == target`), or asserts the decisions of a
    promotion gate (a test hands metrics to a function named for promotion, a gate or the
    production, champion or challenger model, `evaluate_promotion_policy(candidate_metrics={"rmse":
    950.0})`, and asserts), or, in a test that loads a trained model (`joblib.load`, `load_model`),
    asserts that its prediction for a fixed sample equals a written-out answer (`assert
    clf.predict(x)[0] == 0`: a known-answer test), or, in a module that fits nothing, where no mock,
    patch or stand-in model (a class of its own with a `predict` method) answers (a web app's
    dependencies a conftest overrides do not reach a direct call), asserts that what the project's
    prediction function returns for a fixed sample, or a field of it (not its `shape` or `status`),
    equals a written-out answer, or a list of them for a list of samples (`prediction =
    predict_credit_risk(request)`, `assert prediction.ai_recommendation == "APPROVE"`; `assert
    model.predict(texts) == expected`), or sends a prediction route of the service a request and
    asserts that the model's answer in the reply equals a written-out one (`assert
    reply.json()["prediction"] == 1`, in the test's own body, where no mock, patch, overridden
    dependency or stand-in class, `class _FakePredictor`, stands in for the model); an error (rmse,
    mae, mse, mape) has no upper bound, so `assert rmse < 1.0` is a threshold; a module a CI job or
    a task hands a test runner by name (`pytest evaluate.py`) is a test module, whatever its name;
    or when the pipeline gates the model: an `if` that compares a metric of the new model with the
    same metric of the model in production (`if new_mse < production_mse:`, champion and challenger;
    the decision may be kept in a name or returned, `is_register = best_model_metrics >
    prod_model_metrics`), or the same metric of the new model and of the current one where the
    branch deploys (`if best_f1_new > best_f1:`), or with a threshold named for deployment (`if
    test_score < deployment_threshold:`), or a module a pipeline runs (a CI job, a task, an
    orchestrator's DAG, or a module they import) orders a metric against a floor and registers,
    deploys or promotes the model, or stops the run, on the outcome (`if accuracy >= MIN_ACCURACY:
    return "register_model"`, `if f1 < 0.8: sys.exit(1)`, an `assert`; the outcome may be kept
    first: a failure recorded, `failures.append(name)` then `if failures: sys.exit(1)`, or a
    decision named or returned, `passed = f1 >= params["min_f1"]` then `sys.exit(0 if passed else
    1)`), or when training stops before it saves the model on a metric below a floor, whoever runs
    it (`if best_model_score < 0.6: raise ...` before `save_object(path, model)`), or when a module
    that registers the model (`mlflow.register_model`) gates it on a floor as a pipeline does,
    whoever runs it (`quality_ok = _quality_passed(metrics)` with `return auc >= min_auc`, then `if
    quality_ok: mlflow.register_model(...)`), or when a decision to deploy is kept in a name for it
    or returned by a function named for it from a metric ordered against a floor
    (`deployment_decision = all((f1 >= config.min_f1, ...))`, a ZenML `deployment_trigger` step's
    `return accuracy > config.min_accuracy`), or when a model-testing library's metric test is
    handed a threshold (Giskard's `testing.test_f1(model=m, dataset=d, threshold=0.7)`, MLflow's
    `validation_thresholds`; thresholds that hold nothing, `validation_thresholds = {}` or None,
    gate nothing), or when a SageMaker pipeline's `ConditionStep` compares a metric with a number
    (`ConditionGreaterThanOrEqualTo(left=f1, right=0.6)`, its `FailStep` else), or when a promptfoo
    suite (`promptfooconfig.yaml`) asserts on the answers of an LLM application: a test case or
    `defaultTest` with an `assert` list (`icontains`, `llm-rubric`, `similar` with a threshold),
    which `promptfoo eval` fails on. A monorepo's project passes when the repository's root has such
    a test or gate of its own (`scripts/eval_quick.py` that CI runs, failing below a floor), and
    when another of its projects has one (a practice a nested project satisfies counts for the
    repository).
    """

    requires = frozenset({"TEST001"})

    @staticmethod
    def check(
        test_files: list[str],
        text: TextOf,
        files_containing: FilesContaining,
        syntax_tree: TreeOf,
        run_modules: list[str],
        tested_modules: list[str],
        files: tuple[str, ...],
        load_yaml: YamlOf,
    ) -> Outcome:
        test_files = list(dict.fromkeys([*test_files, *tested_modules]))
        hints = ("baseline", "dummy", "benchmark", "differential")
        for rel in mentions(BASELINE, test_files, text, hints):
            if not _compares_the_model(text(rel) or ""):
                continue
            tree = syntax_tree(rel) if rel.endswith(".py") else None
            line = _baseline_assertion(tree) if tree is not None else 0
            if line is not None:
                where = f"{rel}:{line}" if line else rel
                return Passed(f"{where} compares the model with a baseline")
        behavioural = next(mentions(BEHAVIOURAL, test_files, text, ("def test_",)), None)
        if behavioural:
            return Passed(f"{behavioural} holds behavioural tests of the model")
        for rel in mentions(LABELLED_HINT, test_files, text, LABEL_WORDS):
            tree = syntax_tree(rel)
            line = _labelled_prediction(tree) if tree is not None else None
            if line is not None:
                source = source_line(text(rel) or "", line)
                return Passed(f"{rel}:{line} checks a prediction against its label: {source}")
        for rel in mentions(KNOWN_ANSWER_HINT, test_files, text, ("predict",)):
            tree = syntax_tree(rel)
            line = _known_answer(tree) if tree is not None else None
            if line is None and tree is not None and not _mocks(rel, text, through_app=False):
                line = _project_known_answer(tree)
            if line is not None:
                source = source_line(text(rel) or "", line)
                return Passed(f"{rel}:{line} checks the model's known answer: {source}")
        for rel in _client_users(test_files, text):
            tree = syntax_tree(rel)
            line = _served_known_answer(tree) if tree and not _mocks(rel, text) else None
            if line is not None:
                source = source_line(text(rel) or "", line)
                return Passed(f"{rel}:{line} checks the served model's known answer: {source}")
        for rel in mentions(METRIC_HINT, test_files, text):
            tree = syntax_tree(rel)
            line = (
                (_metric_gate(tree) or _gate_decision(tree) or _model_metric_pinned(tree))
                if tree is not None
                else None
            )
            if line is not None:
                return Passed(f"{rel}:{line} {source_line(text(rel) or '', line)}")
        searches: list[tuple[Callable[[], Iterable[str]], Callable[[ast.Module], int | None], str]]
        searches = [
            (lambda: files_containing(GATE_HINT), _promotion_gate, "gates the model"),
            (lambda: files_containing(GATE_HINT), _deployment_decision, "gates the model"),
            # a floor gates only where a pipeline runs it
            (lambda: run_modules, _threshold_gate, "gates the model"),
            # or where training stops before it saves the model, whoever runs it
            (lambda: files_containing(SAVE_HINT), _refuses_to_save, "gates the model"),
            # or where a module that registers the model gates it on a floor
            (lambda: files_containing(REGISTER_HINT), _threshold_gate, "gates the model"),
            (
                lambda: files_containing(MODEL_TEST_HINT),
                _model_test_call,
                "tests the model against a threshold",
            ),
            (lambda: files_containing(CONDITION_HINT), _condition_step_gate, "gates the model"),
        ]
        for candidates, find, what in searches:
            for rel in candidates():
                tree = syntax_tree(rel) if rel.endswith(".py") else None
                line = find(tree) if tree is not None else None
                if line is not None:
                    source = source_line(text(rel) or "", line)
                    return Passed(f"{rel}:{line} {what}: {source}")
        suite = _promptfoo_suite(files, load_yaml)
        if suite is not None:
            return Passed(f"{suite} asserts on the LLM application's answers (promptfoo)")
        return False


# promptfoo's configuration file (`promptfoo eval` reads promptfooconfig.yaml by default;
# `-c promptfooconfig-rag.yaml` names another).
PROMPTFOO_CONFIG = lazy_pattern(r"(?:^|/)promptfooconfig[\w.-]*\.ya?ml$")


def _promptfoo_suite(files: tuple[str, ...], load_yaml: YamlOf) -> str | None:
    """The first promptfoo config whose test cases (or `defaultTest`) assert on the
    output: an `assert` list `promptfoo eval` fails on. Tests without one only record
    the answers for a person to read."""
    for rel in (rel for rel in files if PROMPTFOO_CONFIG.search(rel)):
        config = load_yaml(rel)
        if not isinstance(config, dict):
            continue
        cases = config.get("tests")
        cases = [*(cases if isinstance(cases, list) else []), config.get("defaultTest")]
        if any(isinstance(case, dict) and case.get("assert") for case in cases):
            return rel
    return None


# A promotion gate: the new model's metric against the one of the model in production,
# or against a threshold named for deployment (`if test_score < deployment_threshold:`).
GATE_HINT = content_hints(
    "production", "champion", "challenger", "deploy", "promot", within=("*.py",)
)
GATE_SIDE = frozenset({"production", "prod", "champion", "challenger", "deployed"})
# Words two sides share that make them the same measure of two models (`best_model_metrics
# > prod_model_metrics`, `new_score > prod_score`).
SHARED_METRIC_WORDS = frozenset({"metric", "metrics", "score"})
DEPLOYMENT = GATE_SIDE | {"deploy", "deployment", "promote", "promotion"}
BOUND_WORDS = frozenset({"threshold", "thresh", "min"})


def _promotion_gate(tree: ast.Module) -> int | None:
    """The line of an `if` comparing the same metric of two models, one of them named as
    the model in production (or champion / challenger), with or without a margin
    (`new_f1 >= prod_f1 + min_improvement`), or a decision kept in a name or returned
    (`is_register = best_model_metrics > prod_model_metrics`), or an `if` comparing a
    model's metric or score with
    a threshold named for deployment (`deployment_threshold`, `min_promotion_f1`), else
    None."""
    for node in walked(tree):
        if not isinstance(node, ast.If | ast.Assign | ast.Return):
            continue
        test = node.test if isinstance(node, ast.If) else node.value
        if not isinstance(test, ast.Compare) or len(test.ops) != 1:
            continue
        if not isinstance(test.ops[0], ORDERINGS):
            continue
        sides = [_words_of(side) for side in (test.left, *test.comparators)]
        shared = sides[0] & sides[1] & (METRIC_WORDS | SHARED_METRIC_WORDS)
        if shared and (sides[0] | sides[1]) & GATE_SIDE:
            return node.lineno
        if shared and isinstance(node, ast.If) and _newer_and_current(*sides) and _decides(node):
            return node.lineno  # `if best_f1_new > best_f1:` then deploys the new model
        if not isinstance(node, ast.If):
            continue  # a decision kept for later (`is_register = new_f1 > prod_f1`)
        if any(_scores(one) and _deployment_bound(other) for one, other in (sides, sides[::-1])):
            return node.lineno
    return None


# Words that name the model just trained, beside the one it would replace (`best_f1_new >
# best_f1`: the same measure, of the new model and of the current one).
NEWER = frozenset({"new", "candidate", "latest"})


def _newer_and_current(one: set[str], other: set[str]) -> bool:
    """Whether two sides name the same measure, one of the new model and the other of the
    current one: their words differ only by a word for the new model (`best_f1_new`,
    `best_f1`)."""
    differ = (one ^ other) - {""}
    return bool(differ) and differ <= NEWER


def _deployment_decision(tree: ast.Module) -> int | None:
    """The line where a decision to deploy is made from a metric and a floor: a name for
    deploying assigned (`deployment_decision = all((f1 >= config.min_f1, ...))`), or a
    function named for deploying returning (a ZenML `deployment_trigger` step's `return
    accuracy > config.min_accuracy`), an ordering of a metric against a bound; else None."""
    held, scores = _numbers_held(tree), _metrics_held(tree)
    functions = [n for n in walked(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    decided = [
        (node.value, node.lineno)
        for node in walked(tree)
        if isinstance(node, ast.Assign)
        and any(set(re.split(r"[._]", dotted(t).lower())) & DEPLOYMENT for t in node.targets)
    ]
    decided += [
        (node.value, node.lineno)
        for function in functions
        if set(function.name.lower().split("_")) & DEPLOYMENT
        for node in ast.walk(function)
        if isinstance(node, ast.Return) and node.value is not None
    ]
    for value, line in decided:
        orderings = [
            [compare.left, *compare.comparators]
            for compare in ast.walk(value)
            if isinstance(compare, ast.Compare)
            and all(isinstance(op, ORDERINGS) for op in compare.ops)
        ]
        if any(_metric_and_bound(o, held, scores) for o in orderings):
            return line
    return None


def _words_of(side: ast.expr) -> set[str]:
    """The words of the names a side of a comparison is made of: a name (`prod_f1`), a
    record read at a key (`champion["test_f1"]`, `champion.get("test_f1", 0.0)`) or a
    margin added to one (`prod_f1 + min_improvement`, `champion.rmse * 0.99`)."""
    if not isinstance(side, ast.BinOp):
        return set(re.split(r"[._]", _named_with_key(side).lower()))
    names = (n for n in ast.walk(side) if isinstance(n, ast.Name | ast.Attribute))
    return {word for name in names for word in re.split(r"[._]", dotted(name).lower())}


def _named_with_key(side: ast.expr) -> str:
    """A side's dotted name, with the key it reads a record at (`champion.get.test_f1`
    for `champion.get("test_f1", 0.0)`, `champion.test_f1` for `champion["test_f1"]`)."""
    if isinstance(side, ast.Call) and dotted(side.func).rpartition(".")[2] == "get":
        key = side.args[0] if side.args else None
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return f"{dotted(side.func)}.{key.value}"
    if isinstance(side, ast.Subscript):
        return _named(side)
    return dotted(side)


# Words of a branch that say it decides the model's fate: registered, deployed, promoted.
DECISION_WORDS = frozenset(
    {"register", "registry", "deploy", "deployment", "promote", "promotion", "publish"}
    | {"registering", "deploying", "promoting", "publishing"}
)
EXITS = frozenset({"sys.exit", "exit", "os._exit"})


def _threshold_gate(tree: ast.Module) -> int | None:
    """The line where a module a pipeline runs stops the run, or decides the model's fate,
    on a metric ordered against a floor (`_floor_orderings`): an `if` whose branches
    register, deploy or promote the model or stop the run (`if accuracy >= MIN_ACCURACY:
    return "register_model"`, `if f1 < 0.8: sys.exit(1)`), an `assert` (a failed one
    exits non-zero), or an outcome kept for later that the module stops on: a failure
    recorded in a branch (`failures.append(name)`, `ok = False`), a decision kept in a
    name (`passed = f1 >= 0.75`) or returned by a function, then `if failures:
    sys.exit(1)`, `sys.exit(0 if passed else 1)` or `if not check(m): sys.exit(1)`, or
    registers the model on that outcome (`quality_ok = _quality_passed(metrics)` then `if
    quality_ok: mlflow.register_model(...)`); else None."""
    orders = _floor_orderings(tree)
    kept: dict[str, int] = {}  # names that keep a gate's outcome -> the gate's line
    for node in walked(tree):
        if isinstance(node, ast.Assert) and orders(node.test):
            return node.lineno
        if isinstance(node, ast.If) and orders(node.test):
            if _decides(node):
                return node.lineno
            kept |= dict.fromkeys(_recorded_in(node), node.lineno)
        elif isinstance(node, ast.Assign) and orders(node.value):
            kept |= {dotted(t): node.lineno for t in node.targets if dotted(t)}
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            isinstance(part, ast.Return) and part.value is not None and orders(part.value)
            for part in walk(node)
        ):
            kept[node.name] = node.lineno
    kept.pop("", None)
    for node in walked(tree) if kept else ():  # `quality_ok = _quality_passed(metrics)`
        if isinstance(node, ast.Assign) and (line := _reads(node.value, kept)) is not None:
            kept |= {dotted(t): line for t in node.targets if dotted(t)}
    for node in walked(tree) if kept else ():
        if isinstance(node, ast.If) and (_stops(node) or _decides(node)):
            read = _reads(node.test, kept)
        elif isinstance(node, ast.Call) and dotted(node.func) in EXITS:
            read = next((line for arg in node.args if (line := _reads(arg, kept))), None)
        elif isinstance(node, ast.Raise) and node.exc is not None:
            read = _reads(node.exc, kept)
        else:
            continue
        if read is not None:
            return read
    return None


# A module that registers the model in a registry (MLflow's): a floor it orders a metric
# against there gates the model's way to production, whoever runs the module.
# A SageMaker pipeline's condition step: `ConditionStep(conditions=[
# ConditionGreaterThanOrEqualTo(left=..., right=0.6)], if_steps=[register], else_steps=[
# FailStep(...)])` registers the model only when its metric clears the floor.
CONDITION_HINT = content_hints("ConditionStep(", within=("*.py",))
SAGEMAKER_CONDITIONS = frozenset(
    {
        "ConditionGreaterThan",
        "ConditionGreaterThanOrEqualTo",
        "ConditionLessThan",
        "ConditionLessThanOrEqualTo",
    }
)


def _condition_step_gate(tree: ast.Module) -> int | None:
    """The line of a SageMaker pipeline's `ConditionStep` whose condition compares a value
    with a number (`ConditionGreaterThanOrEqualTo(left=f1, right=0.6)`): the steps after it
    (registering, deploying) run only when the model clears the floor."""
    for call in calls(tree):
        if dotted(call.func).rpartition(".")[2] != "ConditionStep":
            continue
        for condition in (node for node in ast.walk(call) if isinstance(node, ast.Call)):
            if dotted(condition.func).rpartition(".")[2] not in SAGEMAKER_CONDITIONS:
                continue
            given = [*condition.args, *(keyword.value for keyword in condition.keywords)]
            numbers = [
                value
                for value in given
                if isinstance(value, ast.Constant) and type(value.value) in (int, float)
            ]
            if numbers:
                return call.lineno
    return None


REGISTER_HINT = content_hints(
    "register_model(",
    "transition_model_version_stage(",
    "set_registered_model_alias(",
    within=("*.py",),
)
# Calls that keep a trained model: written to a file, logged or registered.
SAVES = frozenset(
    {"dump", "save", "save_model", "save_object", "save_pretrained", "save_weights"}
    | {"save_checkpoint", "log_model", "register_model"}
)
SAVE_HINT = content_hints(
    "dump(", "save(", "save_", "log_model(", "register_model(", within=("*.py",), on_demand=True
)


def _refuses_to_save(tree: ast.Module) -> int | None:
    """The line of an `if` that stops the run (`raise`, `sys.exit`) on a metric ordered
    against a floor, before the function it is in saves, logs or registers the model
    (`if best_model_score < 0.6: raise ModelError(...)` then `save_object(path, model)`):
    a model below the floor is never kept, whoever runs the training; else None."""
    orders = _floor_orderings(tree)
    for function in walked(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        nodes = walk(function)
        saved = [
            call.lineno
            for call in nodes
            if isinstance(call, ast.Call) and dotted(call.func).rpartition(".")[2] in SAVES
        ]
        for node in (n for n in nodes if isinstance(n, ast.If)):
            end = node.end_lineno or node.lineno
            if orders(node.test) and _stops(node) and any(line > end for line in saved):
                return node.lineno
    return None


# A name or key that bounds a metric in a pipeline's gate: a threshold, a floor, a minimum
# (`params["evaluate"]["min_accuracy"]`, `args.max_rmse`, `floor` of `THRESHOLDS.items()`).
GATE_BOUND = lazy_pattern(
    r"(?i)thresh|floor|(?:^|[._])(?:min|max|minimum|maximum)(?:[._]|$)|acceptable"
)
# What a pipeline names its measures by, besides the metrics' own names: a score, and the
# metrics it keeps (`metrics[name]`, `best_model_score`).
GATE_METRIC_WORDS = METRIC_WORDS | {"score", "scores", "metric", "metrics"}


def _floor_orderings(tree: ast.Module) -> Callable[[ast.expr], bool]:
    """A test of whether an expression orders a metric of the module against a bound: a
    number other than a score's bounds, written out or held in a name, or a name, key or
    loop variable named for a threshold (`for name, floor in THRESHOLDS.items():`)."""
    held, scores = _numbers_held(tree), _metrics_held(tree)
    looped = {
        target.id
        for node in walked(tree)
        if isinstance(node, ast.For) and GATE_BOUND.search(_named(node.iter))
        for target in walk(node.target)
        if isinstance(target, ast.Name)
    }

    def bounds(operand: ast.expr) -> bool:
        name = _named(operand)
        number = operand.value if _is_number(operand) else held.get(dotted(operand))  # type: ignore[attr-defined]
        return (
            bool(GATE_BOUND.search(name) or THRESHOLD.search(name))
            or name in looped
            or (number is not None and number not in SCORE_BOUNDS)
        )

    def measures(operand: ast.expr) -> bool:
        name = _named(operand)
        if GATE_BOUND.search(name) or THRESHOLD.search(name):
            return False
        # the name's last part: `metrics["f1"]`, `best_model_score`; not `df["score"].mean()`
        words = set(re.split(r"[^a-z0-9]+", name.rpartition(".")[2].lower()))
        return _is_metric(operand) or dotted(operand) in scores or bool(words & GATE_METRIC_WORDS)

    def orders(expression: ast.expr) -> bool:
        for compare in walk(expression):
            if not isinstance(compare, ast.Compare) or not all(
                isinstance(op, ORDERINGS) for op in compare.ops
            ):
                continue
            operands = [compare.left, *compare.comparators]
            if any(
                measures(one) and any(bounds(o) for o in operands if o is not one)
                for one in operands
            ):
                return True
        return False

    return orders


def _named(node: ast.AST) -> str:
    """A value's dotted name with the string keys it is read at: `params.evaluate.
    min_accuracy` for `params["evaluate"]["min_accuracy"]`, `metrics` for
    `metrics[name]`."""
    if isinstance(node, ast.Subscript):
        inner, key = _named(node.value), node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return f"{inner}.{key.value}" if inner else key.value
        return inner
    if isinstance(node, ast.Attribute):
        inner = _named(node.value)
        return f"{inner}.{node.attr}" if inner else node.attr
    if isinstance(node, ast.Call):
        return _named(node.func)
    return node.id if isinstance(node, ast.Name) else ""


# Methods that add to a collection: a failure recorded (`failures.append(name)`).
RECORDING_METHODS = frozenset({"append", "add", "extend", "insert", "update"})


def _recorded_in(node: ast.If) -> set[str]:
    """The names a branch of an `if` records its outcome in: assigned (`ok = False`,
    `failed += 1`) or added to (`failures.append(name)`)."""
    found: set[str] = set()
    for part in (p for branch in (*node.body, *node.orelse) for p in walk(branch)):
        if isinstance(part, ast.Assign):
            found |= {dotted(target) for target in part.targets}
        elif isinstance(part, ast.AugAssign):
            found.add(dotted(part.target))
        elif (
            isinstance(part, ast.Call)
            and isinstance(part.func, ast.Attribute)
            and part.func.attr in RECORDING_METHODS
        ):
            found.add(dotted(part.func.value))
    return found - {""}


def _reads(expression: ast.expr, kept: dict[str, int]) -> int | None:
    """The line of the gate whose outcome an expression reads (a name, an attribute or a
    call of a function in `kept`), else None."""
    for node in walk(expression):
        if isinstance(node, ast.Name | ast.Attribute) and dotted(node) in kept:
            return kept[dotted(node)]
        if isinstance(node, ast.Call) and dotted(node.func) in kept:
            return kept[dotted(node.func)]
    return None


def _stops(node: ast.If) -> bool:
    """Whether a branch of an `if` stops the run: a `raise`, `sys.exit`."""
    return any(
        isinstance(part, ast.Raise) or (isinstance(part, ast.Call) and dotted(part.func) in EXITS)
        for branch in (*node.body, *node.orelse)
        for part in walk(branch)
    )


def _metric_and_bound(
    operands: list[ast.expr], held: dict[str, int | float], scores: set[str]
) -> bool:
    """Whether one operand is a metric and another a bound for it (see `_gates`); a name
    for both (`f1_threshold`) is a setting, not a measure."""
    return any(
        (_is_metric(metric) or dotted(metric) in scores)
        and not THRESHOLD.search(dotted(metric))
        and _bounds([o for o in operands if o is not metric], held)
        for metric in operands
    )


def _bounds(operands: list[ast.expr], held: dict[str, int | float]) -> bool:
    """Whether an operand bounds a score: a number other than 0 and 1, written out or held
    in a name, or a name for a threshold."""
    numbers = [o.value for o in operands if isinstance(o, ast.Constant) and _is_number(o)]
    numbers += [held[name] for o in operands if (name := dotted(o)) in held]
    named = any(THRESHOLD.search(dotted(o)) for o in operands)
    return named or any(n not in SCORE_BOUNDS for n in numbers)


def _decides(node: ast.If) -> bool:
    """Whether a branch of an `if` registers, deploys or promotes (a call, a name or a
    returned task named so: `return "register_model"`), or stops the run."""
    for part in (p for branch in (*node.body, *node.orelse) for p in ast.walk(branch)):
        if isinstance(part, ast.Raise):
            return True
        if isinstance(part, ast.Call) and dotted(part.func) in EXITS:
            return True
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            words = part.value
        elif isinstance(part, ast.Name | ast.Attribute):
            words = dotted(part)
        else:
            continue
        if set(re.split(r"[^a-z]+", words.lower())) & DECISION_WORDS:
            return True
    return False


# A model-testing library's metric test handed a threshold (Giskard's `testing.test_f1(
# model=m, dataset=d, threshold=0.7)`), or MLflow's validation against thresholds
# (`mlflow.evaluate(..., validation_thresholds={...})`).
MODEL_TEST_HINT = content_hints("validation_thresholds", "threshold=", within=("*.py",))


def _model_test_call(tree: ast.Module) -> int | None:
    """The line of a call to a metric test (`test_f1`, `test_accuracy`) handed a
    `threshold`, or of any call handed `validation_thresholds`, else None. Thresholds that
    hold nothing (`validation_thresholds={}`, `None`, or a name the module only binds to
    such: a template's unfilled `validation_thresholds = {}`) gate nothing."""
    empty = _names_only_empty(tree)
    for call in calls(tree):
        keywords = {
            keyword.arg for keyword in call.keywords if not _holds_nothing(keyword.value, empty)
        }
        if "validation_thresholds" in keywords:
            return call.lineno
        name = dotted(call.func).rpartition(".")[2]
        if "threshold" in keywords and name.startswith("test_") and _names_metric(name[5:]):
            return call.lineno
    return None


def _holds_nothing(value: ast.expr, empty: set[str]) -> bool:
    """Whether a value is None or an empty collection, written out or held in a name."""
    if isinstance(value, ast.Name):
        return value.id in empty
    if isinstance(value, ast.Constant):
        return value.value is None
    if isinstance(value, ast.Dict | ast.List | ast.Tuple | ast.Set):
        return not (value.keys if isinstance(value, ast.Dict) else value.elts)
    return False


def _names_only_empty(tree: ast.Module) -> set[str]:
    """The names every assignment of the module binds to None or an empty collection."""
    values = values_by_name(walked(tree))
    return {name for name, bound in values.items() if all(_holds_nothing(v, set()) for v in bound)}


def _scores(words: set[str]) -> bool:
    return bool(words & (METRIC_WORDS | {"score"}))


def _deployment_bound(words: set[str]) -> bool:
    return bool(words & BOUND_WORDS and words & DEPLOYMENT)


# Words of a function's name that say it decides whether a model is promoted.
GATE_WORDS = GATE_SIDE | {"promote", "promotion", "promoted", "gate", "gates"}


def _gate_decision(tree: ast.Module) -> int | None:
    """The line of a call, in a test function that asserts, to a function named for a
    promotion gate (`should_promote`, `evaluate_promotion_policy`, `beats_champion`) that
    is handed metrics: a dict with a metric's key, or an argument or keyword named for a
    metric or for metrics (`candidate_metrics=`). The test asserts the gate's decisions."""
    for function in walked(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not function.name.startswith("test"):
            continue
        if not any(isinstance(node, ast.Assert) for node in ast.walk(function)):
            continue
        for call in calls(function):
            name = dotted(call.func).rpartition(".")[2].lower()
            if set(name.split("_")) & GATE_WORDS and _hands_metrics(call):
                return call.lineno
    return None


def _hands_metrics(call: ast.Call) -> bool:
    """Whether a call is handed a model's metrics (`{"rmse": 0.9}`, `f1`, `metrics=m`, a
    name one of whose words is metrics, `metrics_prod`)."""
    named = [keyword.arg for keyword in call.keywords if keyword.arg]
    named += [dotted(arg) for arg in call.args if not isinstance(arg, ast.Dict)]
    keys = [
        key.value
        for value in (*call.args, *(keyword.value for keyword in call.keywords))
        if isinstance(value, ast.Dict)
        for key in value.keys
        if isinstance(key, ast.Constant) and isinstance(key.value, str)
    ]
    return any(_names_metric(name) or _holds_metrics(name) for name in named) or any(
        _names_metric(key) for key in keys
    )


def _holds_metrics(name: str) -> bool:
    """Whether a name says it holds metrics by one of its words (`candidate_metrics`,
    `metrics_staging`; not `metricsdb`)."""
    return "metrics" in re.split(r"[^a-z0-9]+", name.lower())


# Words of a name that holds the known answer for a sample (`label`, `true_label`, `y_true`,
# `target`: the column a model learns, `expected_target`); a test module holding none
# compares no prediction with a label.
LABEL_WORDS = ("label", "truth", "y_true", "target")
LABELLED_HINT = lazy_pattern("|".join(LABEL_WORDS))
# A call that predicts, by the verb its name starts with (`predict_proba`, `async_classify`;
# not `load_prediction_manifest`).
PREDICTING_CALL = lazy_pattern(r"(?:async_)?(?:predict|classify|infer|forecast|detect)", re.I)


def _labelled_prediction(tree: ast.Module) -> int | None:
    """The line of an assertion, in a test function, that a prediction (what a call named
    for predicting returns: `model.predict(x)`, `await client.classify(image)`) equals the
    known label of the sample (`assert answer["class_name"] == label`), else None."""
    for function in walked(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not function.name.startswith("test"):
            continue
        predicted = {
            dotted(target)
            for node in ast.walk(function)
            if isinstance(node, ast.Assign) and _predicts(node.value)
            for target in node.targets
        }
        for node in ast.walk(function):
            if not isinstance(node, ast.Assert):
                continue
            for compare in (c for c in ast.walk(node.test) if isinstance(c, ast.Compare)):
                sides = [compare.left, *compare.comparators]
                if not all(isinstance(op, ast.Eq) for op in compare.ops) or len(sides) != 2:
                    continue
                if any(
                    _from_prediction(one, predicted) and _names_label(other)
                    for one, other in (sides, sides[::-1])
                ):
                    return node.lineno
    return None


# A test module that may load a trained model and predict with it.
KNOWN_ANSWER_HINT = lazy_pattern(r"predict")
# Calls that load a trained model (not `.fit`: a model fitted on a test's own rows answers
# for the code, not for the model the project ships).
TRAINED_MODEL_LOADS = frozenset({"load", "load_model", "from_pretrained"})


def _known_answer(tree: ast.Module) -> int | None:
    """The line of an assertion, in a test that loads a trained model (`joblib.load`,
    `load_model`), that its prediction for a fixed sample equals a written-out answer
    (`pred = clf.predict(x)[0]`, `assert pred == 0`): a known-answer test a worse model
    fails; else None."""
    for function in walked(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not function.name.startswith("test") or not any(
            dotted(call.func).rpartition(".")[2] in TRAINED_MODEL_LOADS for call in calls(function)
        ):
            continue
        predicted = {
            dotted(target)
            for node in ast.walk(function)
            if isinstance(node, ast.Assign) and _predicts(_unsubscripted(node.value))
            for target in node.targets
        }
        for line, one, other in _asserted_equal(ast.walk(function)):
            answer = isinstance(other, ast.Constant) and other.value is not None
            value = _unsubscripted(one)  # the prediction itself, not `len(prediction)`
            is_prediction = _predicts(value) or dotted(value) in predicted
            if answer and is_prediction:
                return line
    return None


# What a test's fitting calls are: a model fitted on its own rows answers for the code.
FITTING_CALLS = frozenset({"fit", "train", "fit_transform", "partial_fit"})
# Fields of a returned value that say how a call went or what shape it has, not what the
# model answered (`probas.shape[1] == 2`).
OUTCOME_FIELDS = frozenset(
    {"status", "status_code", "code", "message", "detail", "error"}
    | {"shape", "dtype", "ndim", "size", "columns", "index"}
)


def _project_known_answer(tree: ast.Module) -> int | None:
    """The line of an assertion, in a module that fits nothing (not even in a fixture) and
    defines no stand-in model (a class of its own with a `predict` method), that what the
    project's prediction function returns for a fixed sample, whole or a field of it,
    equals a written-out answer, or a list of them for a list of samples (`prediction =
    predict_credit_risk(request, settings)`, `assert prediction.ai_recommendation ==
    "APPROVE"`; `assert model.predict(texts) == expected`): the model the project ships
    answers, and a worse one fails; a field saying how the call went (`status`, `error`) or
    the answer's shape (`shape`, `columns`) is no answer. The caller rules out modules
    that mock or patch."""
    stand_ins = (
        node
        for node in walked(tree)
        if isinstance(node, ast.ClassDef)
        for method in node.body
        if isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef)
        and PREDICTING_CALL.match(method.name)
    )
    if next(stand_ins, None) is not None or any(
        dotted(call.func).rpartition(".")[2] in FITTING_CALLS for call in calls(tree)
    ):
        return None  # its model is a stand-in, or one it fits on rows of its own
    for function in _test_functions(tree):
        predicted = {
            target.id
            for node in ast.walk(function)
            if isinstance(node, ast.Assign) and _predicts(node.value)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        answers = {  # `expected = ["Negative", "Positive"]`: answers written out in a list
            target.id
            for node in ast.walk(function)
            if isinstance(node, ast.Assign) and _written_list(node.value)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for line, one, other in _asserted_equal(function.body):
            root, field = one, ""
            while isinstance(root, ast.Attribute | ast.Subscript):
                if not field:
                    field = root.attr if isinstance(root, ast.Attribute) else _named(root)
                root = root.value
            answered = _predicts(root) or (isinstance(root, ast.Name) and root.id in predicted)
            outcome = field.rpartition(".")[2].lower() in OUTCOME_FIELDS
            written = (
                _written(other)
                or _written_list(other)
                or (isinstance(other, ast.Name) and other.id in answers)
            )
            if answered and not outcome and written:
                return line
    return None


def _asserted_equal(nodes: Iterable[ast.AST]) -> Iterator[tuple[int, ast.expr, ast.expr]]:
    """(line, one side, the other side) of each `assert a == b` among `nodes`, both ways
    round: the caller asks which side is the model's answer and which a written one."""
    for node in nodes:
        if not (isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare)):
            continue
        compare = node.test
        sides = [compare.left, *compare.comparators]
        if len(sides) != 2 or not isinstance(compare.ops[0], ast.Eq):
            continue
        yield node.lineno, sides[0], sides[1]
        yield node.lineno, sides[1], sides[0]


# Where a reply holds the model's answer (`reply.json()["prediction"]`, `body["label"]`).
ANSWER_KEY = lazy_pattern(r"(?i)pred|label|class|result|output|sentiment|category|species|forecast")
# What stands in for the model in a test: a mock, a patch, an overridden dependency, a
# class of the test's own named for a stand-in (`class _FakePredictor:`).
MOCKING_CODE = lazy_pattern(
    r"\b(?:patch|Mock|MagicMock|AsyncMock|monkeypatch|mocker)\b"
    r"|\bclass[ \t]+_*(?:Fake|Stub|Dummy)[A-Z_]\w*"
)
# ...and, for a test that calls the service, a web app's overridden dependencies (a test
# that calls the project's code directly is reached by MOCKING_CODE's alone).
MOCKING = lazy_pattern(MOCKING_CODE.pattern + r"|dependency_overrides")


def _served_known_answer(tree: ast.Module) -> int | None:
    """The line of an assertion, in a test that sends a request to a prediction route,
    that the model's answer in the reply equals a written-out one (`assert
    reply.json()["prediction"] == 1`, `assert body["label"] == "setosa"`, or the whole
    reply: `assert reply.json() == {"prediction": "<=50K"}`): a known-answer test of the
    served model, which a worse model fails. The assertion stands in the test's own body
    (not under an `if`, where it checks the reply's consistency); else None."""
    for function in _test_functions(tree):
        if not any(_calls_a_prediction_route(call) for call in calls(function)):
            continue
        bodies = _reply_bodies(function)
        for line, one, other in _asserted_equal(function.body):
            answer_key = isinstance(one, ast.Subscript) and ANSWER_KEY.search(
                _named(one).rpartition(".")[2]
            )
            if (_written(other) and answer_key) or (
                _is_reply_body(one, bodies) and _written_answer_in(other)
            ):
                return line
    return None


def _written(value: ast.expr | None) -> bool:
    """Whether a value is a written-out answer: a number or a string, not a float."""
    return isinstance(value, ast.Constant) and type(value.value) in (int, str)


def _written_list(value: ast.expr | None) -> bool:
    """Whether a value is a list or tuple of written-out answers, one per sample."""
    return (
        isinstance(value, ast.List | ast.Tuple)
        and bool(value.elts)
        and all(_written(element) for element in value.elts)
    )


def _reply_bodies(function: ast.AST) -> set[str]:
    """The names a test binds to a reply's parsed body (`body = reply.json()`)."""
    return {
        target.id
        for node in walked(function)
        if isinstance(node, ast.Assign) and _is_reply_body(node.value, set())
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _is_reply_body(value: ast.expr, bodies: set[str]) -> bool:
    """A reply's parsed body: `reply.json()`, or a name bound to one."""
    if isinstance(value, ast.Name):
        return value.id in bodies
    return isinstance(value, ast.Call) and dotted(value.func).rpartition(".")[2] == "json"


def _written_answer_in(value: ast.expr) -> bool:
    """A dict written out with the model's answer under a key that names one
    (`{"Income Prediction": "<=50K"}`)."""
    return isinstance(value, ast.Dict) and any(
        isinstance(key, ast.Constant)
        and isinstance(key.value, str)
        and bool(ANSWER_KEY.search(key.value))
        and _written(item)
        for key, item in zip(value.keys, value.values, strict=True)
    )


def _mocks(rel: str, text: TextOf, through_app: bool = True) -> bool:
    """Whether a test module, or a `conftest.py` above it, stands something in for the
    model (a mock, a patch, an overridden dependency): its answers are the mock's. Not
    `through_app`: the test calls the project's code itself, so what a web app's
    overridden dependencies stand in for (its database session) does not reach it."""
    folder, conftests = rel.rpartition("/")[0], []
    while True:
        conftests.append(f"{folder}/conftest.py" if folder else "conftest.py")
        if not folder:
            break
        folder = folder.rpartition("/")[0]
    pattern = MOCKING if through_app else MOCKING_CODE
    return any(pattern.search(text(path) or "") for path in (rel, *conftests))


def _unsubscripted(node: ast.expr) -> ast.expr:
    """A value without its subscripts (`clf.predict(x)[0]` -> `clf.predict(x)`)."""
    while isinstance(node, ast.Subscript):
        node = node.value
    return node


def _predicts(value: ast.expr) -> bool:
    call = value.value if isinstance(value, ast.Await) else value
    if not isinstance(call, ast.Call):
        return False
    return bool(PREDICTING_CALL.match(dotted(call.func).rpartition(".")[2]))


def _from_prediction(side: ast.expr, predicted: set[str]) -> bool:
    return _predicts(side) or any(
        isinstance(part, ast.Name) and part.id in predicted for part in ast.walk(side)
    )


def _names_label(side: ast.expr) -> bool:
    name = dotted(side).rpartition(".")[2].lower()
    words = {name, *name.split("_")}
    return bool(name) and bool(words.intersection(LABEL_WORDS)) and "pred" not in name


def _compares_the_model(content: str) -> bool:
    """Whether a test module's baseline words compare the model: "benchmark" in a module
    that times code (time.perf_counter, timeit, pytest-benchmark) is a speed benchmark,
    and in one that defines no test (a conftest.py's option) it compares nothing."""
    words = {match.lower() for match in BASELINE.findall(content)}
    if words - {"benchmark"}:
        return True
    return not TIMING.search(content) and bool(DEFINES_A_TEST.search(content))


def _baseline_assertion(tree: ast.Module) -> int | None:
    """The line of the first assertion that compares a measure of the model with a
    baseline's: one side names a baseline (`assert f1 > baseline_f1`, `self.assertLess(
    rmse, dummy_rmse)`, `metrics["rmse"] < baseline["rmse"]`) or a name the module binds
    from one (`floor = dummy.score(X, y)`), and the comparison names a measure (a metric,
    a score, a loss, an error or a prediction); or it asserts a call named for the
    comparison (`assert differential(predict(X), previous(X))`). A baseline the module
    only builds, reads or passes along (a stub `DummyRegressor()` inside a pipeline,
    `baseline_rows[:10]` as inputs, a `baseline.json` path or its bytes) compares
    nothing, so a worse model passes."""
    assigns = [node for node in walked(tree) if isinstance(node, ast.Assign)]
    bound: set[str] = set()
    for _ in range(2):  # a name bound from a bound name (`gap = f1 - floor`)
        for assign in assigns:
            if _reads_a_baseline(assign.value, bound):
                bound.update(t.id for t in assign.targets if isinstance(t, ast.Name))
    for node in walked(tree):
        if isinstance(node, ast.Assert):
            test = node.test
            if isinstance(test, ast.Call) and BASELINE.search(dotted(test.func)):
                return node.lineno  # `assert differential(predict(X), previous(X))`
            compared = [
                [compare.left, *compare.comparators]
                for compare in ast.walk(test)
                if isinstance(compare, ast.Compare)
            ]
        elif isinstance(node, ast.Call) and dotted(node.func).rpartition(".")[2].startswith(
            "assert"
        ):
            compared = [list(node.args[:2])] if len(node.args) >= 2 else []
        else:
            continue
        for sides in compared:
            if any(isinstance(s, ast.Constant) and isinstance(s.value, str) for s in sides):
                continue  # a baseline's label checked (`baseline.model_version == "v3"`)
            if any(_reads_a_baseline(side, bound, keys=True) for side in sides) and any(
                MEASURE_WORDS & _identifier_words(side) for side in sides
            ):
                return node.lineno
    return None


# What a model is measured by, for a comparison with a baseline's measure.
MEASURE_WORDS = METRIC_WORDS | frozenset(
    {"model", "score", "scores", "metric", "metrics", "loss", "nll", "error", "perplexity"}
    | {"pred", "preds", "prediction", "predictions", "predict"}
)


def _identifier_words(expr: ast.expr) -> set[str]:
    """The words of the names, attributes and string keys in an expression."""
    found: set[str] = set()
    for node in ast.walk(expr):
        if isinstance(node, ast.Name):
            found.update(re.split(r"_+", node.id.lower()))
        elif isinstance(node, ast.Attribute):
            found.update(re.split(r"_+", node.attr.lower()))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.update(re.split(r"[^a-z0-9]+", node.value.lower()))
    return found


def _reads_a_baseline(expr: ast.expr, bound: set[str], keys: bool = False) -> bool:
    """Whether an expression reads a baseline: a name or attribute holding one of
    BASELINE's words, or a name bound from one, or (with `keys`) a key naming one
    (`metrics["baseline_f1"]`). A baseline handed to a call counts only when the call
    measures it (`accuracy_score(y, dummy.predict(X))`), and one built counts when it is
    used (`DummyClassifier().fit(X, y).score(X, y)`): one only built (`DummyRegressor()`)
    or passed along (`report(baseline=BASELINE)`) is read by what is then done with it."""
    pending: list[ast.AST] = [expr]
    receivers: set[int] = set()  # what a method is called on: `dummy.score(X, y)`
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute):
                pending.append(node.func.value)
                receivers.add(id(node.func.value))
            elif id(node) in receivers and BASELINE.search(dotted(node.func)):
                return True  # `DummyClassifier().fit(X, y).score(X, y)`
            if MEASURE_WORDS & _identifier_words(node.func):
                pending += [*node.args, *(k.value for k in node.keywords)]
            continue
        if isinstance(node, ast.Name) and (node.id in bound or BASELINE.search(node.id)):
            return True
        if isinstance(node, ast.Attribute) and BASELINE.search(node.attr):
            return True
        if (
            keys
            and isinstance(node, ast.Subscript)
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
            and BASELINE.search(node.slice.value)
        ):
            return True
        pending += ast.iter_child_nodes(node)
    return False


def _metric_gate(tree: ast.Module) -> int | None:
    """The line of the first assertion that orders a metric against a number other than
    a score's bounds (`assert accuracy > 0.7`, `self.assertGreater(f1, 0.8)`), written
    out or held in a name the module assigns it to (`expected_accuracy = 0.8`); the
    metric may be held in a name too (`score = model.score(X, y)`)."""
    held = _numbers_held(tree)
    scores = _metrics_held(tree)
    made_up = _bound_to_written_values(tree)
    for node in walked(tree):
        if isinstance(node, ast.Assert):
            operands = [
                [compare.left, *compare.comparators]
                for compare in ast.walk(node.test)
                if isinstance(compare, ast.Compare)
                and all(isinstance(op, ORDERINGS) for op in compare.ops)
            ]
        elif isinstance(node, ast.Call):
            method = dotted(node.func).rpartition(".")[2]
            operands = [node.args[:2]] if method in ORDERING_ASSERTS else []
        else:
            continue
        operands = [ordered for ordered in operands if not {dotted(o) for o in ordered} & made_up]
        if any(_gates(ordered, held, scores) for ordered in operands):
            return node.lineno
    return None


def _bound_to_written_values(tree: ast.Module) -> set[str]:
    """Names a loop binds to each of a list of numbers written out in the module (`for mape
    in [0.5, 2.1, 5.8]`, or a name assigned that list): `assert mape < 20` then checks the
    test's own values, not a model's."""
    written = {
        dotted(target)
        for node in walked(tree)
        if isinstance(node, ast.Assign) and _numbers_written(node.value)
        for target in node.targets
    }
    return {
        dotted(node.target)
        for node in walked(tree)
        if isinstance(node, ast.For)
        and (_numbers_written(node.iter) or dotted(node.iter) in written)
        and dotted(node.target)
    }


def _numbers_written(value: ast.expr) -> bool:
    """Whether a value is a list, tuple or set of numbers written out (`[0.5, 2.1]`)."""
    return (
        isinstance(value, ast.List | ast.Tuple | ast.Set)
        and bool(value.elts)
        and all(_is_number(element) for element in value.elts)
    )


# Calls that load a trained model or fit one: a test's metric is then the model's score.
MODEL_LOADS = frozenset({"load", "load_model", "from_pretrained", "fit", "InferenceSession"})
# Calls wrapped around a metric or a number that leave its value as it is compared.
VALUE_WRAPPERS = frozenset({"round", "float", "abs", "approx"})
EQUALITY_ASSERTS = frozenset({"assertEqual", "assertAlmostEqual", "assert_almost_equal"})


def _model_metric_pinned(tree: ast.Module) -> int | None:
    """The line of an assertion, in a test that loads or fits a model (`joblib.load`,
    `load_model`, `.fit`, an ONNX `InferenceSession`), that a metric equals a number other
    than a score's bounds, written out or held in a name the module assigns it to (`assert
    round(scores["test/accuracy"], 3) == 0.967`, `pytest.approx(RECORDED_ACCURACY)`): the
    model's recorded quality, which a worse model fails. A test of a metric function on
    hand-made arrays loads no model."""
    held = _numbers_held(tree)
    for function in walked(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not function.name.startswith("test") or not any(
            dotted(call.func).rpartition(".")[2] in MODEL_LOADS for call in calls(function)
        ):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare):
                compare = node.test
                equal = all(isinstance(op, ast.Eq) for op in compare.ops)
                operands = [compare.left, *compare.comparators] if equal else []
            elif isinstance(node, ast.Call):
                method = dotted(node.func).rpartition(".")[2]
                operands = node.args[:2] if method in EQUALITY_ASSERTS else []
            else:
                continue
            values = [_unwrapped(operand) for operand in operands]
            numbers = [v.value for v in values if isinstance(v, ast.Constant) and _is_number(v)]
            numbers += [held[name] for v in values if (name := dotted(v)) in held]
            pinned = any(number not in SCORE_BOUNDS for number in numbers)
            if pinned and any(_is_metric(v) for v in values if not _is_number(v)):
                return node.lineno
    return None


def _unwrapped(node: ast.expr) -> ast.expr:
    """A compared value without the calls that keep its value (`round(acc, 3)` -> `acc`,
    `pytest.approx(0.9)` -> `0.9`)."""
    while (
        isinstance(node, ast.Call)
        and node.args
        and dotted(node.func).rpartition(".")[2] in VALUE_WRAPPERS
    ):
        node = node.args[0]
    return node


def _numbers_held(tree: ast.Module) -> dict[str, int | float]:
    """Names (`expected_accuracy`, `self.min_f1`) the module assigns a number to."""
    return {
        dotted(target): node.value.value
        for node in walked(tree)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, (int, float))
        and not isinstance(node.value.value, bool)
        for target in node.targets
        if dotted(target)
    }


def _metrics_held(tree: ast.Module) -> set[str]:
    """Names the module assigns a metric's call to (`score = model.score(X, y)`,
    `acc = accuracy_score(y, p)`)."""
    return {
        dotted(target)
        for node in walked(tree)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and _is_metric(node.value)
        for target in node.targets
        if dotted(target)
    }


def _is_number(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _gates(operands: list[ast.expr], held: dict[str, int | float], scores: set[str]) -> bool:
    """Whether the operands of an ordering hold a metric and, in another operand, a bound:
    a number that is no score's bound, written out or held in a name (`expected_accuracy =
    0.8`), or a name for a threshold (`threshold`, `MIN_ACCURACY`, `cfg.min_f1`). A value
    named for both (`select_f1_threshold(y, p)`, a decision threshold tuned on F1) is a
    setting, not a measure: `assert 0 < select_f1_threshold(y, p) < 1` bounds no metric."""
    errors = any(_names_error(dotted(o)) for o in operands if not _is_number(o))
    bounds = ERROR_BOUNDS if errors else SCORE_BOUNDS
    for metric in operands:
        if not (_is_metric(metric) or dotted(metric) in scores) or THRESHOLD.search(dotted(metric)):
            continue
        others = [o for o in operands if o is not metric]
        numbers = [o.value for o in others if isinstance(o, ast.Constant) and _is_number(o)]
        numbers += [held[name] for o in others if (name := dotted(o)) in held]
        if any(THRESHOLD.search(dotted(o)) for o in others) or any(
            n not in bounds for n in numbers
        ):
            return True
    return False


def _is_metric(node: ast.expr) -> bool:
    """A name, attribute, key or call that names a metric (`accuracy`, `m["f1"]`,
    `history["val_acc"][-1]`, `accuracy_score(y, p)`, `model.score(x, y)`)."""
    if isinstance(node, ast.Call):
        if dotted(node.func).endswith(".score"):
            return True
        return _is_metric(node.func)
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return _names_metric(key.value)
        return _is_metric(node.value)
    name = dotted(node).rpartition(".")[2]
    return bool(name) and _names_metric(name)


def _names_error(name: str) -> bool:
    """Whether a name names an error metric (`rmse`, `val_mae`), unbounded above."""
    return any(word in ERROR_WORDS for word in re.split(r"[^a-z0-9]+", name.lower()))


def _names_metric(name: str) -> bool:
    """Whether a name or a key names a metric by one of its words (`val_acc`,
    `test/accuracy`, `cv_test/mean__f1`)."""
    return any(word in METRIC_WORDS for word in re.split(r"[^a-z0-9]+", name.lower()))


class TEST003(Check):
    """Applies when a service serves a model: a web app or a function handler whose code neither
    loads, runs nor names one (in its identifiers: a model, a prediction, an LLM, an answer...) and
    does other work (a viewer that plots a run's saved tensors, an HTTP trigger or a bucket's event
    that starts a pipeline) serves none, nor does a batch job (a function the repository's
    infrastructure starts on a schedule or from a state machine, EventBridge Scheduler, Step
    Functions, SAM's `Schedule` events, where no API Gateway, Function URL or `http` event routes
    requests to a function); a bare app, or routes that only answer fixed messages, is the model's
    service still to be written. Passes when a test module that uses an HTTP client
    (FastAPI/Starlette TestClient, Flask's test_client, httpx, requests, a BentoML test server),
    itself or through a fixture of a `conftest.py` above it, sends a request to a prediction route
    (POST anywhere but `/`, and at `/` when the service's root route takes posts, `@app.post("/")`;
    or a route naming predict, infer, score or invocations) or calls a client method named for one
    (`client.classify(x)`), or uses schemathesis. A test that only GETs `/` or a health route does
    not count, nor does a call whose first argument is a literal naming no path or URL (a mock's
    `patch("app.requests.post")`, a mapping's `get("inference_id")`), nor a module of the tests a
    runner collects no test from that asserts nothing (a script that prints the answer). A smoke
    test CI runs against the deployed service (a module named for a smoke test, run by a CI job,
    that sends such a request and asserts on the answer) counts as well, and so does a script among
    the tests that asserts on the answer. A test function that asserts and calls the entry point a
    serving platform invokes with each request, defined in a service's module, passes too: an AWS
    Lambda handler (a function taking `(event, context)`, `lambda_predict.handler(event, None)`), an
    Azure ML scoring script's `run` beside its `init` (`score.run({"input_data": [[1.0, 2.0]]})`), a
    web framework's handler of a prediction route (`@router.post("/predict")` on `def predict`,
    called as `predict(PredictionRequest(...))`), the deployed function or endpoint itself through
    the AWS SDK (`client.invoke(FunctionName=..., Payload=...)`, `invoke_endpoint(EndpointName=...,
    Body=...)`), or what a Gradio interface answers with: the interface itself or its function
    (`fn=classify`, `app("some text")`), or its method on an object of a class the test imports
    (`fn=chat_handler.respond`, `handler.respond(message="Hi")`). A monorepo's project passes when
    another of its projects has such a test (a practice a nested project satisfies counts for the
    repository).
    """

    requires = frozenset({"TEST001", "SERVE001"})

    @staticmethod
    def check(
        test_files: list[str],
        text: TextOf,
        syntax_tree: TreeOf,
        files: tuple[str, ...],
        ci_text: dict[str, str],
        service_files: list[str],
        names_taken: NamesTaken,
        source_files: list[str],
    ) -> Outcome:
        root_predicts = any(mentions(POSTED_ROOT, service_files, text, ('"/"', "'/'")))
        for rel in [*_client_users(test_files, text), *_smoke_tests(files, ci_text)]:
            tree = syntax_tree(rel)
            if tree is None:
                continue
            if "schemathesis" in imported(tree):
                return Passed(f"{rel} uses schemathesis")
            if not _checks_an_answer(rel, tree, text, test_files):
                continue  # a script that prints the answer, a smoke script that checks nothing
            for call in calls(tree):
                if _calls_a_prediction_route(call, root_predicts):
                    return Passed(
                        f"{rel}:{call.lineno} {source_line(text(rel) or '', call.lineno)}"
                    )
        served = set(service_files)
        interfaces = _gradio_functions(source_files, text, syntax_tree)
        for rel in test_files:
            tree = syntax_tree(rel)
            own = names_taken(rel) if tree else {}
            taken = {m: n for m, n in own.items() if m in served}
            line = _calls_an_entry_point(tree, taken, syntax_tree) if tree and taken else None
            if line is None and tree is not None and interfaces and own:
                line = _calls_a_gradio_function(tree, own, interfaces, syntax_tree)
            if line is None and tree is not None:
                line = _invokes_a_deployed_endpoint(tree)
            if line is not None:
                source = source_line(text(rel) or "", line)
                return Passed(f"{rel}:{line} calls the service's entry point: {source}")
        return False


# The AWS SDK's calls of a deployed function or endpoint, by the keyword naming it:
# Lambda's `invoke(FunctionName=..., Payload=...)`, SageMaker runtime's
# `invoke_endpoint(EndpointName=..., Body=...)`.
DEPLOYED_INVOCATIONS = {"invoke": "FunctionName", "invoke_endpoint": "EndpointName"}


def _invokes_a_deployed_endpoint(tree: ast.Module) -> int | None:
    """The line where a test function that asserts invokes the deployed Lambda function
    or SageMaker endpoint with a payload through the AWS SDK (`client.invoke(
    FunctionName=FUNCTION_NAME, Payload=json.dumps(payload))`): a request to the service as
    its callers send it."""
    for test in _test_functions(tree):
        if not _checks_something(test):
            continue
        for call in calls(test):
            named = DEPLOYED_INVOCATIONS.get(dotted(call.func).rpartition(".")[2])
            given = {keyword.arg for keyword in call.keywords}
            if named in given and given & {"Payload", "Body"}:
                return call.lineno
    return None


# Gradio's interfaces, whose function (`fn=`) answers every request of the app.
GRADIO_INTERFACES = frozenset({"Interface", "ChatInterface"})
GRADIO_HINT = lazy_pattern(r"\b(?:Chat)?Interface\(")


def _gradio_functions(
    source_files: list[str], text: TextOf, syntax_tree: TreeOf
) -> dict[str, set[str]]:
    """The functions the repository's Gradio interfaces answer requests with, and the
    interfaces themselves: module -> names (`fn=predict` and `app` for `app =
    gr.Interface(fn=predict, ...)`), and "" -> method names (`fn=chat_handler.respond`:
    the method `respond`, wherever its class is defined)."""
    found: dict[str, set[str]] = {}
    for rel in mentions(GRADIO_HINT, source_files, text, ("Interface(",)):
        tree = syntax_tree(rel)
        for node in walked(tree) if tree is not None else ():
            if not isinstance(node, ast.Assign | ast.Expr | ast.withitem):
                continue
            call = node.context_expr if isinstance(node, ast.withitem) else node.value
            if not isinstance(call, ast.Call):
                continue
            if dotted(call.func).rpartition(".")[2] not in GRADIO_INTERFACES:
                continue
            fn = next((k.value for k in call.keywords if k.arg == "fn"), None)
            fn = fn if fn is not None else (call.args[0] if call.args else None)
            name = dotted(fn) if fn is not None else ""
            if isinstance(fn, ast.Attribute):
                found.setdefault("", set()).add(fn.attr)
            elif name:
                found.setdefault(rel, set()).add(name)
            targets = node.targets if isinstance(node, ast.Assign) else []
            found.setdefault(rel, set()).update(dotted(t) for t in targets if dotted(t))
    return found


def _walked_or_none(tree: ast.Module | None) -> tuple[ast.AST, ...]:
    return walked(tree) if tree is not None else ()


def _calls_a_gradio_function(
    tree: ast.Module,
    imported: dict[str, frozenset[str] | None],
    interfaces: dict[str, set[str]],
    syntax_tree: TreeOf,
) -> int | None:
    """The line where a test function that asserts calls, with arguments, what a Gradio
    interface of the service answers with: the interface itself or its function, taken
    from its module (`from apps.gradio.app import app` then `app("text")`), or its method
    on an object of a class the test imports (`chat_handler.respond(message="Hi")`)."""
    aliases = _module_aliases(tree)
    called: set[str] = set()
    for module, names in imported.items():
        served = interfaces.get(module, set())
        if names is None:
            stem = module.rpartition("/")[2].removesuffix(".py")
            called |= {f"{a}.{n}" for n in served for a in aliases.get(stem, ())}
        else:
            called |= served & names
    wanted = interfaces.get("", set())
    defined = {
        node.name
        for module in (imported if wanted else ())
        for node in _walked_or_none(syntax_tree(module))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    methods = wanted & defined
    for test in _test_functions(tree):
        if not _checks_something(test):
            continue
        for call in calls(test):
            name = dotted(call.func)
            through = isinstance(call.func, ast.Attribute) and call.func.attr in methods
            if (call.args or call.keywords) and (name in called or through):
                return call.lineno
    return None


# The parameters of an AWS Lambda handler; an Azure ML scoring script's `run`, beside `init`.
LAMBDA_PARAMETERS = ("event", "context")
SCORING_RUN, SCORING_INIT = "run", "init"


def _calls_an_entry_point(
    tree: ast.Module, taken: dict[str, frozenset[str] | None], syntax_tree: TreeOf
) -> int | None:
    """The line where a test function that asserts calls, with arguments, an entry point
    of a service's module the test imports (`_entry_point_names`); else None."""
    called = _entry_point_names(tree, taken, syntax_tree)
    for test in _test_functions(tree):
        if not any(isinstance(node, ast.Assert) for node in ast.walk(test)):
            continue
        for call in calls(test):
            if dotted(call.func) in called and call.args:
                return call.lineno
    return None


def _entry_point_names(
    tree: ast.Module, taken: dict[str, frozenset[str] | None], syntax_tree: TreeOf
) -> set[str]:
    """The names a test module calls the platform entry points of service modules by
    (`taken`: the service modules it imports -> the names it takes, None for the module
    itself): a Lambda handler `(event, context)`, the `run` of an Azure ML scoring script
    that defines `init` as well, or a prediction route's handler. Bare when taken by name
    (`handler`), through the module's name or alias otherwise (`score_module.run`)."""
    aliases = _module_aliases(tree)
    called: set[str] = set()
    for module, names in taken.items():
        served = syntax_tree(module)
        defined = (
            [n for n in served.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
            if served
            else []
        )
        top = {function.name for function in defined}
        stem = module.rpartition("/")[2].removesuffix(".py")
        for function in defined:
            if not (
                tuple(a.arg for a in function.args.args[:2]) == LAMBDA_PARAMETERS
                or (function.name == SCORING_RUN and SCORING_INIT in top)
                or _handles_a_prediction_route(function)
            ):
                continue
            if names is None:
                called |= {f"{alias}.{function.name}" for alias in aliases.get(stem, ())}
            elif function.name in names:
                called.add(function.name)
    return called


def _handles_a_prediction_route(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a web framework routes prediction requests to the function: its decorator
    registers it for a prediction route (`@router.post("/predict")`, `@app.route("/predict",
    methods=["POST"])`), so a test calling it (`predict(PredictionRequest(...))`) runs the
    code each request runs."""
    for decorator in function.decorator_list:
        if not isinstance(decorator, ast.Call):
            continue
        if _calls_a_prediction_route(decorator):
            return True
        route = first_string(decorator)
        flask = dotted(decorator.func).rpartition(".")[2] == "route"
        if flask and route is not None and PREDICTION_ROUTE.search(route):
            return True
    return False


def _module_aliases(tree: ast.Module) -> dict[str, set[str]]:
    """The names a module's imports bind to modules, by the imported module's last name:
    `import app.score as score_module` -> {"score": {"score_module"}}, `import
    lambda_predict` -> {"lambda_predict": {"lambda_predict"}}, `from app import score` ->
    {"score": {"score"}}."""
    aliases: dict[str, set[str]] = {}
    for node in walked(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for alias in node.names:
            last = alias.name.rpartition(".")[2]
            bound = alias.asname or (alias.name if isinstance(node, ast.Import) else last)
            aliases.setdefault(last, set()).add(bound)
    return aliases


def _checks_an_answer(rel: str, tree: ast.Module, text: TextOf, test_files: list[str]) -> bool:
    """Whether a module that calls the service checks what it answers: a test module a
    runner collects a test from, or a `conftest.py` whose fixtures the tests below it use;
    else a script (a smoke test CI runs, `python test_docker.py`) that asserts."""
    if rel in test_files and (
        rel.rpartition("/")[2] == "conftest.py" or _collects_a_test(tree, text(rel) or "")
    ):
        return True
    return any(isinstance(node, ast.Assert) for node in walked(tree))


def _client_users(test_files: list[str], text: TextOf) -> list[str]:
    """Test modules that use an HTTP client, directly or through a fixture of a
    `conftest.py` above them (pytest hands its `client` to every test below it)."""
    direct = list(mentions(API_CLIENT, test_files, text, API_HINTS))
    folders = [rel.rpartition("/")[0] for rel in direct if rel.rpartition("/")[2] == "conftest.py"]
    below = [
        rel
        for rel in test_files
        if rel not in direct and any(not f or rel.startswith(f + "/") for f in folders)
    ]
    return direct + below


def _smoke_tests(files: tuple[str, ...], ci_text: dict[str, str]) -> list[str]:
    """Modules named for a smoke test (`smoke_test_service.py`) that a CI job runs, by
    path or as a module (`python -m ml_service.smoke_test_service`)."""
    stems = {rel: rel.rpartition("/")[2].removesuffix(".py") for rel in files if "smoke" in rel}
    return [
        rel
        for rel, stem in stems.items()
        if rel.endswith(".py")
        and "smoke" in stem
        and any(stem in content for content in ci_text.values())
    ]


def _calls_a_prediction_route(call: ast.Call, root_predicts: bool = False) -> bool:
    """Whether a call sends a request to a prediction route: a client method named for
    one, or an HTTP call other than GET to a path naming one or to any path but `/` (to
    `/` too when the service's root route takes posts, `root_predicts`)."""
    receiver, _, method = dotted(call.func).rpartition(".")
    if CLIENT_RECEIVER.search(receiver) and method not in HTTP_METHODS:
        api = first_string(call) if method in NAMED_CALLS else method.removeprefix("async_")
        return api is not None and bool(PREDICTION_ROUTE.search(api))
    if method not in HTTP_METHODS:
        return False
    route = first_string(call)
    if route is not None and "/" not in route and not CLIENT_RECEIVER.search(receiver):
        return False  # no path nor URL: a mapping's key (`md.get("inferenceId")`), `patch(...)`
    if route is not None and PREDICTION_ROUTE.search(route):
        return True
    return method != "get" and (root_predicts or route not in ("/", ""))
