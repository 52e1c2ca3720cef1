"""CI: a pipeline that tests and lints, with pinned actions and least-privilege tokens."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any

from mlops_scaffold.doctor.checks.base import (
    Check,
    Hit,
    NamesTaken,
    NotApplicable,
    Outcome,
    Passed,
    TextOf,
    TreeOf,
    line_of,
    placeholder_hits,
)
from mlops_scaffold.doctor.checks.code import LINTER_MENTION
from mlops_scaffold.doctor.checks.tests import TEST001, ci_render
from mlops_scaffold.doctor.commands import (
    LINT_PROGRAMS,
    TEST_PROGRAMS,
    Command,
    CommandGraph,
    missing_targets,
)
from mlops_scaffold.doctor.content_hints import line_hint
from mlops_scaffold.doctor.tasks import normalise
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Requirement
from mlops_scaffold.repo.parsers import workflow_steps
from mlops_scaffold.repo.view import (
    AZURE_STEP_LINE,
    CDK_PIPELINE_LINE,
    CI_FILE,
    CLOUD_BUILD_TRIGGER_LINE,
)

# A CI line that names tests: a runner, a `test` task (`make test`), `echo "Running tests"`;
# not an ML test split (`echo "Generating test data..."`, "test set", "test accuracy").
NAMES_TESTS = lazy_pattern(
    r"(?i)\b(?:pytest|unittest|nose2|nosetests|tox|nox)\b"
    r"|\b(?:make|just|task|poe|npm[ \t]+run|(?:uv|pdm|hatch|poetry)[ \t]+run)[ \t]+tests?\b"
    r"|\becho\b[^\n]{0,300}?\btests?\b(?![ \t_-]*(?:data(?:sets?)?|sets?|splits?|size"
    r"|samples?|images?|predictions?|accuracy|loss|scores?|metrics?|r?mse|mae|r2|auc|f1"
    r"|precision|recall)\b)"
)

# `echo 'Testing the pipeline..'`: names tests when nothing runs after it in its block
# (a Jenkins test stage that only echoes), not when it announces a script that follows.
ECHO_TESTING = lazy_pattern(r"(?i)^\s*(?:-\s*)?echo\b[^\n]*\btesting\b")

USES = lazy_pattern(r"""^[ \t]*(?:-[ \t]*)?uses:[ \t]*['"]?([^\s'"#]+)""", re.MULTILINE)
FIRST_PARTY_OWNERS = ("actions/", "github/")
COMMIT_SHA = lazy_pattern(r"@[0-9a-f]{40}$")
# Where Azure Pipelines definitions kept at any path are looked for (`ci_files`).
line_hint(AZURE_STEP_LINE, within=("*.yml", "*.yaml"), only_within=True)
# Where AWS CDK apps' pipelines and Cloud Build triggers are looked for (`ci_files`).
line_hint(CDK_PIPELINE_LINE, within=("*.py", "*.ts", "*.js"), only_within=True)
line_hint(CLOUD_BUILD_TRIGGER_LINE)


def _unpinned(reference: str) -> bool:
    """Whether a `uses:` reference moves: neither a commit, nor a local action or an image,
    nor a release tag of GitHub's own actions (`actions/checkout@v4`; `@main` moves)."""
    if reference.startswith(("./", "docker://")):
        return False
    if reference.startswith(FIRST_PARTY_OWNERS) and RELEASE_TAG.search(reference):
        return False
    return not COMMIT_SHA.search(reference)


class CI001(Check):
    """Passes when the repository has a CI configuration: GitHub Actions workflows (or
    Gitea's and Forgejo's, `.gitea/workflows/`, `.forgejo/workflows/`), .gitlab-ci.yml,
    CircleCI (`.circleci/config.yml`, and the configuration a dynamic one continues with,
    `.circleci/continue_config.yml`), Azure Pipelines (azure-pipelines.yml, `.pipelines/`, or a YAML
    file anywhere whose content is a pipeline definition: root keys of the schema, `trigger`, `pr`,
    `pool`, `stages`, `jobs`, `steps`, and a `- task: Name@N` or `- script:` step; not an
    Azure ML job or pipeline), Jenkinsfile, Bitbucket, Travis, Woodpecker, Drone,
    Buildkite, Tekton's Pipelines as Code (`.tekton/`), AppVeyor (appveyor.yml),
    Semaphore (`.semaphore/semaphore.yml`), GoCD's pipelines as code (`*.gocd.yaml`), AWS
    CodeBuild buildspecs (`*buildspec*.yml`, anywhere but a test's fixtures) when the
    repository declares the CodeBuild project or CodePipeline that runs them (Terraform's
    `aws_codebuild_project` or `aws_codepipeline`, CloudFormation's
    `AWS::CodeBuild::Project`, the CDK), an AWS CDK app that constructs a CodePipeline or
    CodeBuild project (`pipelines.CodePipeline(...)`, its steps' `commands=[...]` the
    commands it runs), or Cloud Build configurations (`cloudbuild*.yaml`,
    `cloudbuild/*.yaml`) when the repository declares the trigger that starts them
    (Terraform's `google_cloudbuild_trigger`, a script's `gcloud builds triggers create`).
    A build recipe started by hand or by a trigger kept outside the repository (a
    buildspec a SageMaker project's CodeBuild runs, a Cloud Build trigger made in the
    console, or by a command a README or a guide tells its reader to run) is not one:
    nothing here says it runs. Nor is a workflow committed empty or with only comments
    (a file that holds nothing is no evidence of any practice): the finding names it."""

    @staticmethod
    def check(ci_files: list[str], hollow_files: dict[str, str]) -> Outcome:
        # no CI, or only CI files committed empty (named in the finding)
        return bool(ci_files) or placeholder_hits(hollow_files, CI_FILE.match) or False


class CI002(Check):
    """Follows every CI job's commands through Makefile targets, task runners (just, go-task, mise,
    pixi, poe, taskipy, pdm, hatch scripts (also after hatch's own options, `hatch -e ENV run
    SCRIPT`, and a matrix's filters, `hatch run +py=3.12 test:unit`), Rye and Pipenv scripts,
    devbox, tox in the folder a step runs it in (`cd api && tox`, a Jenkins `dir('api')` block; a
    bare `tox` runs only the environments tox-gh-actions maps the job to when tox.ini has a
    `[gh-actions]` section, not a `lint` one beside them), nox, invoke (a tasks.py, or a tasks/
    package of collections: `invoke checks` runs the default task of tasks/checks.py), go-task's
    tasks (a name with a colon, `task api:unit`, too)), Azure Pipelines tasks' inline scripts and
    script files (`AzureCLI@2`'s `inlineScript`, `Bash@3`'s `filePath`; not in a stage, job or step
    whose `condition` needs a boolean parameter that defaults to false, which runs only when someone
    starts the pipeline by hand with it on), behave step definitions, shell scripts (a script's
    `case` on its arguments runs the branch they select, every branch when CI fills them in; a
    function it calls runs with the call's words as its arguments, `run_step "make test"`), the
    commands a shell or `eval` is given (`bash -lc "make test"`; a CI template expression such as
    `${{ matrix.env }}` is one word: the CI system substitutes it before the shell runs; a
    redirection, `> out.txt 2>&1`, is no argument of the command) and containers (`docker build
    [--target STAGE]`, Docker's build-push action with its `target`, and `docker compose build` run
    the RUN lines of the stages they build; `docker run IMAGE` without a command runs the ENTRYPOINT
    and CMD of the stage the repository builds IMAGE up to, `docker compose run SERVICE` the
    service's `command:` or its build's, as does `docker compose up` for each service it starts when
    the services' exit fails it: `--abort-on-container-exit`, or `--exit-code-from SERVICE` for that
    one; the words a run gives go to the entrypoint it sets, `--entrypoint ruff`, else to the
    service's `entrypoint: ["pytest"]`) and the inputs a GitHub job or step gives the reusable
    workflow or action it `uses:` when they are named as a command (`check_command: make check`,
    `command: pytest`), and passes when one of them starts pytest (or unittest, nose2, nosetests,
    `hatch test`) whose failure fails the job. Comments and echo text do not count, nor does `make
    test` without a `test` target, nor a runner given only tests the repository lacks (`python -m
    unittest tests.TestModel` without tests/TestModel.py, `python -m unittest tests` where tests/
    has no `__init__.py`: unittest imports a namespace package and finds no test, `pytest tests/`
    without tests/; a path a container is given is the image's; with no test suite at all such a run
    stops on the missing path and fails the job, no green tick: the check does not apply, TEST001
    tells), nor a run whose failure is ignored (`pytest || echo failed`, `|| true`, a step or job
    with `continue-on-error: true` or `allow_failure: true`, a shell script that ends on `exit 0`
    without `set -e`), unless it writes a JUnit report (`--junitxml`) that a later step of its CI
    file fails the job on (Azure Pipelines' `PublishTestResults@2` with `failTaskOnFailedTests:
    true`, `mikepenz/action-junit-report` with `fail_on_failure: true`, `dorny/test-reporter`). Does
    not apply when there is no test suite (TEST001 tells) and no CI line names tests (an echo about
    an ML test split, `echo "Generating test data"`, does not; a test step that only echoes, `echo
    'Testing the pipeline..'` closing its block, names them): a smoke script named `*_test.py` that
    CI runs is no suite CI skips, nor is a CI step that only echoes about tests beside a request to
    the running service that fails the step on a wrong answer (`curl --fail`, or `jq -e` or `exit 1`
    on the reply): a smoke test of the service; nor is installing a test runner (`pip install flake8
    pytest`), nor a GitHub step named for tests ("Test with pytest") whose commands run something
    besides echo (the analysis run end to end: a smoke run, not an empty test step). A test runner
    CI starts where the repository has no test module and no suite at all runs nothing, and is
    reported (not `pytest --doctest-modules` or `--nbval`, nor a runner given a file to run); so is
    one where its only test modules test nothing (placeholders, scripts that print instead of
    asserting: no suite, as TEST001 reads them). A template whose CI renders it unattended
    (`cookiecutter . --no-input`, `copier copy --defaults . out`, whose failure fails the job)
    passes: the render is its test, as TEST001 reads it, and the tests CI then runs in the rendered
    project are the ones it ships.
    """

    requires = frozenset({"CI001"})

    @staticmethod
    def check(
        commands: CommandGraph,
        test_files: list[str],
        files: tuple[str, ...],
        text: TextOf,
        ci_text: dict[str, str],
        source_files: list[str],
        syntax_tree: TreeOf,
        file_set: frozenset[str],
        names_taken: NamesTaken,
        template_files: list[str],
        workflows: dict[str, dict[Any, Any]],
        requirements: list[Requirement],
    ) -> Outcome:
        render = ci_render(commands, template_files, file_set)
        if render is not None:
            return Passed(f"{render.shown()} renders the template: its test")
        outcome = runs_one_of(TEST_PROGRAMS, commands, "tests", file_set)
        if not isinstance(outcome, Passed):
            gated = _reported_and_gated(commands, ci_text, file_set)
            outcome = Passed(gated) if gated is not None else outcome
        suite = TEST001.check(
            test_files,
            source_files,
            files,
            text,
            syntax_tree,
            file_set,
            names_taken,
            commands,
            template_files,
            requirements,
        )
        if isinstance(outcome, Passed):
            if suite:
                return outcome
            # No suite (no test module, or only placeholders TEST001 sees): it runs nothing.
            idle = _runs_no_test(commands, bool(test_files))
            return [idle] if idle is not None else outcome
        if suite:
            return outcome
        if _fail_on_missing_tests(commands, file_set):
            return NotApplicable(
                "no test suite; CI's test runs name tests the repository lacks, which fails them"
            )
        texts = ci_text.values()
        lines = [line for content in texts for line in content.splitlines()]
        working = _steps_that_run_something(workflows)
        naming = [x for x in lines if NAMES_TESTS.search(x) and not _names_no_test_step(x, working)]
        if naming and all(ECHO.match(line) for line in naming):
            checked = next(
                (rel for rel, content in ci_text.items() if _checks_a_reply(content)), None
            )
            if checked is not None:
                return NotApplicable(
                    f"no test suite; {checked} requests the service and fails on a wrong answer"
                )
        if naming:
            return outcome  # a test step that runs nothing, or a runner left out
        if any(_echo_only_test_step(content) for content in texts):
            return outcome
        return NotApplicable("no test suite, and no CI step names tests")


# A line that installs packages (`pip install flake8 pytest`): installing a test runner
# runs no test, and names no test step.
INSTALLS = lazy_pattern(
    r"\b(?:pip3?|uv[ \t]+pip|pipx|conda|mamba)[ \t]+install\b|\b(?:uv|poetry|pdm)[ \t]+add\b"
)
STEP_NAME = lazy_pattern(r"^\s*-?\s*name:\s*['\"]?(.*?)['\"]?\s*$")


def _names_no_test_step(line: str, working: frozenset[str]) -> bool:
    """Whether a CI line that mentions tests is no test step: a comment, an install of the
    test runner, or the name of a GitHub step whose commands run something (a step named
    "Test with pytest" that runs the analysis end to end runs no empty test step)."""
    if line.lstrip().startswith("#") or INSTALLS.search(line):
        return True
    named = STEP_NAME.match(line)
    return named is not None and named.group(1) in working


def _steps_that_run_something(workflows: dict[str, dict[Any, Any]]) -> frozenset[str]:
    """The names of GitHub workflow steps whose `run:` starts a command besides echo."""
    found: set[str] = set()
    for workflow in workflows.values():
        for step in workflow_steps(workflow):
            name, run = step.get("name"), step.get("run")
            if isinstance(name, str) and isinstance(run, str) and _runs_a_command(run):
                found.add(name)
    return frozenset(found)


def _runs_a_command(script: str) -> bool:
    """Whether a step's script has a line that is neither blank, a comment nor an echo."""
    return any(
        line.strip() and not line.lstrip().startswith("#") and not ECHO.match(line)
        for line in script.splitlines()
    )


# CI steps that publish a JUnit report and fail the job when it records a failed test: the
# run may ignore its own exit status and still fail CI (one line per publisher).
FAILING_REPORTS = (
    lazy_pattern(r"PublishTestResults@\d[\s\S]*?failTaskOnFailedTests:[ \t]*['\"]?true"),
    lazy_pattern(r"mikepenz/action-junit-report@[\s\S]*?fail_on_failure:[ \t]*['\"]?true"),
    lazy_pattern(r"dorny/test-reporter@(?![\s\S]*?fail-on-error:[ \t]*['\"]?false)"),
)
JUNIT_REPORT = lazy_pattern(r"^--junit-?xml\b")


def _reported_and_gated(
    commands: CommandGraph, ci_text: dict[str, str], file_set: frozenset[str]
) -> str | None:
    """A test run whose own failure is ignored (`pytest --junitxml=out.xml || true`) but
    whose JUnit report a later step of the same CI file publishes and fails the job on
    (Azure Pipelines' `PublishTestResults@2` with `failTaskOnFailedTests: true`): the
    failed tests fail CI all the same."""
    for command in commands.ci:
        if command.program not in TEST_PROGRAMS or not command.may_fail:
            continue
        if missing_targets(command, file_set):
            continue
        if not any(JUNIT_REPORT.match(word) for word in command.words[1:]):
            continue
        content = ci_text.get(command.chain[0].path, "")
        if any(report.search(content) for report in FAILING_REPORTS):
            return f"{command.shown()}: its JUnit report fails the job on a failed test"
    return None


def _fail_on_missing_tests(commands: CommandGraph, file_set: frozenset[str]) -> bool:
    """Whether every test runner CI starts can fail the job and is given only tests the
    repository lacks (`pytest tests` without tests/): the runner stops on the missing path
    (pytest's "file or directory not found"), a red build, not a green tick over nothing."""
    started = [c for c in commands.ci if c.program in TEST_PROGRAMS]
    return bool(started) and all(
        missing_targets(c, file_set) and not why_it_cannot_fail(c) for c in started
    )


def _runs_no_test(commands: CommandGraph, placeholders: bool) -> Hit | None:
    """With no test suite in the repository (no test module, or `placeholders`: only
    modules that test nothing, as TEST001 reads them): the first test runner CI starts
    that can fail the job, unless it tests something else than test modules (doctests,
    notebooks, a file it is given)."""
    for command in commands.ci:
        if command.program not in TEST_PROGRAMS or why_it_cannot_fail(command):
            continue
        if any(RUNS_OTHER_TESTS.search(word) for word in command.words[1:]):
            return None
        step = command.chain[0]
        what = "only tests that test nothing (TEST001)" if placeholders else "no test"
        detail = f"{command.shown()} runs, but the repository has {what} for it to run"
        return Hit(step.path, step.line, detail)
    return None


# A line that only prints; a request to a running service (curl, wget) and what
# fails the step on its answer: a failing exit, `jq -e`, curl's `--fail`.
ECHO = lazy_pattern(r"^\s*(?:-\s*(?:run:\s*)?)?echo\b")
REQUEST = lazy_pattern(r"\b(?:curl|wget)\b[^\n]*https?://")
FAILS_ON_ANSWER = lazy_pattern(r"\bexit\s+[1-9]|\bjq\s+(?:-\w*\s+)*-e\b|\bjq\s+-\w*e")
CURL_FAILS = lazy_pattern(r"\bcurl\b[^\n]*\s(?:--fail(?:-with-body)?|-\w*f\w*)\b")
ANSWER_WINDOW = 15


def _checks_a_reply(content: str) -> bool:
    """Whether a CI file requests a running service and fails the step on a wrong answer:
    a request (`curl -s http://localhost:8000/predict`) with `curl --fail`, or followed
    within a few lines by a check that exits non-zero (`jq -e 'has("label")'`, `exit 1`).
    That is a smoke test of the service, not a test step left empty."""
    lines = content.replace("\\\n", " ").splitlines()
    for number, line in enumerate(lines):
        if line.lstrip().startswith("#") or not REQUEST.search(line):
            continue
        if CURL_FAILS.search(line):
            return True
        if any(FAILS_ON_ANSWER.search(after) for after in lines[number : number + ANSWER_WINDOW]):
            return True
    return False


# A test runner's argument that gives it something to test besides test modules.
RUNS_OTHER_TESTS = lazy_pattern(r"doctest|nbval|nbmake|\.(?:py|ipynb|md|rst|txt)$")


def _echo_only_test_step(content: str) -> bool:
    """Whether a CI file has a test step that only echoes: an `echo '...testing...'` line
    whose block ends after it (`}`) with no command run."""
    lines = [line.strip() for line in content.splitlines() if line.strip()]
    return any(
        ECHO_TESTING.match(line) and (i + 1 == len(lines) or lines[i + 1].startswith("}"))
        for i, line in enumerate(lines)
    )


class CI003(Check):
    """Follows every CI job's commands as CI002 does, and passes when one of them starts ruff,
    flake8, pylint, black, isort, yapf, pysen (`pysen run lint`), a type checker (mypy,
    pyright, basedpyright, pytype) or pre-commit (when the configuration it reads has a
    linter's hook, or a local hook that lints: one of only hygiene hooks and fixers,
    `trailing-whitespace`, `add-trailing-comma`, lints nothing) (or a lint action such as
    astral-sh/ruff-action,
    TrueBrain/actions-flake8, rickstaa/action-black, jamescurtin/isort-action, or
    AlexanderMelde/yapf-action, which runs `yapf --diff`; or `hatch fmt`, or Rye's `rye
    lint` and `rye fmt`, which run ruff with the words after `--`: `rye fmt -- --diff`
    checks) in a way that can fail the job. A
    run whose failure is ignored (`|| true`, `continue-on-error: true`, as CI002 reads it)
    does not count, nor one told to exit 0 (`flake8 --exit-zero`), nor one given only paths
    the repository lacks (`pycodestyle data_enrichment` without that folder), nor one in
    a shell `if` taken only when files it lacks exist (`if [ -f setup.cfg ] || [ -f
    pyproject.toml ]; then flake8 .; fi` with neither file), nor a formatter that
    rewrites the files instead of checking them (`black .`, `isort .`, `ruff format`
    without `--check`). pre-commit.ci, a hosted CI, counts when the pre-commit
    configuration sets it up (its top-level `ci:` block) and has a linter among its hooks.
    Does not apply to a repository whose code is all in other languages (a Julia package
    and its Julia-kernel notebooks): the linters are Python's."""

    requires = frozenset({"CI001"})

    @staticmethod
    def check(commands: CommandGraph, file_set: frozenset[str], text: TextOf) -> Outcome:
        content = (text(PRE_COMMIT) or "") if PRE_COMMIT in file_set else ""
        if PRE_COMMIT_CI.search(content) and LINTER_MENTION.search(content):
            return Passed(f"pre-commit.ci runs the linters of {PRE_COMMIT} (its ci: block)")
        hookless = partial(_hooks_lint_nothing, file_set=file_set, text=text)
        return runs_one_of(LINT_PROGRAMS, commands, "linter", file_set, hookless)


def _hooks_lint_nothing(command: Command, file_set: frozenset[str], text: TextOf) -> str | None:
    """Why a pre-commit run lints nothing: the configuration it reads (beside where it
    runs, or the one `-c` names) holds no linter's hook, only hygiene ones
    (`trailing-whitespace`, `end-of-file-fixer`) and fixers; None for any other run."""
    if command.program not in ("pre-commit", "prek"):
        return None
    words = list(command.words)
    named = next((words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-c", "--config")), None)
    folder = "" if command.cwd in ("", ".") else command.cwd.rstrip("/") + "/"
    config = normalise(folder + (named or PRE_COMMIT))
    if config not in file_set:
        return None
    return None if LINTING_HOOK.search(text(config) or "") else f"{config} has no linter hook"


PRE_COMMIT = ".pre-commit-config.yaml"
# A hook of a pre-commit configuration that lints: a linter's or type checker's, or a
# local hook that runs the project's own lint (`entry: make lint`).
LINTING_HOOK = lazy_pattern(
    r"\b(?:ruff|black|flake8|pylint|isort|mypy|pyright|basedpyright|pytype|pycodestyle"
    r"|pyflakes|pylama|blue|yapf|lint|nbqa)"
)
# The top-level `ci:` block that configures pre-commit.ci for the repository.
PRE_COMMIT_CI = lazy_pattern(r"(?m)^ci:[ \t]*(?:#.*)?$")


# Lint runs that exit 0 whatever they find, one line per tool: options that say so, and
# formatters that rewrite files unless one of their checking options is given.
EXIT_ZERO = frozenset({"--exit-zero"})  # flake8, pylint, ruff
REWRITES_UNLESS: dict[tuple[str, ...], frozenset[str]] = {
    ("black",): frozenset({"--check"}),
    ("blue",): frozenset({"--check"}),
    ("isort",): frozenset({"--check", "--check-only", "-c"}),
    ("ruff", "format"): frozenset({"--check", "--diff"}),
    ("yapf",): frozenset({"--diff", "-d"}),
}


def why_it_cannot_fail(command: Command) -> str | None:
    """Why a run cannot fail its CI job (its failure ignored, an option that exits 0, a
    formatter that rewrites instead of checking), or None when it can."""
    if command.may_fail:
        return "failure ignored"
    options = {word.split("=", 1)[0] for word in command.words[1:] if word.startswith("-")}
    if options & EXIT_ZERO:
        return "--exit-zero"
    for head, checking in REWRITES_UNLESS.items():
        if (command.program, *command.words[1 : len(head)]) == head and not options & checking:
            return f"formats instead of checking: no {' or '.join(sorted(checking))}"
    return None


def runs_one_of(
    programs: frozenset[str],
    commands: CommandGraph,
    what: str,
    file_set: frozenset[str],
    checks_nothing: Callable[[Command], str | None] = lambda _: None,
) -> Outcome:
    """Passed with the chain to the first of `programs` CI starts that can fail the job
    and is given something to check; else a finding naming the first run that cannot or
    names nothing the repository has, or the dead ends met on the way. `checks_nothing`
    says why a run checks nothing whatever it is given (pre-commit without a linter)."""
    started = [c for c in commands.ci if c.program in programs]

    def idle(command: Command) -> str | None:
        return why_it_cannot_fail(command) or checks_nothing(command)

    found = next((c for c in started if not idle(c) and not missing_targets(c, file_set)), None)
    if found is not None:
        return Passed(found.shown())
    if started:
        first = started[0]
        why = idle(first)
        detail = f"{what} cannot fail CI: {first.shown()} ({why})"
        if why is None:
            missing = ", ".join(missing_targets(first, file_set))
            lacks = (
                "no module or package of the repository"
                if first.program == "unittest"
                else "which the repository lacks"
            )
            detail = f"no {what} run: {first.shown()} checks {missing}, {lacks}"
        return [Hit(first.chain[0].path, first.chain[0].line, detail)]
    if commands.ci_dead_ends:
        ends = "; ".join(end.shown() for end in commands.ci_dead_ends[:3])
        return [Hit(commands.ci_dead_ends[0].chain[0].path, None, f"no {what} run; {ends}")]
    return False


class CI004(Check):
    """Reports `uses:` references in workflows and composite actions that are not pinned to
    a 40-character commit SHA. Local actions (`./...`), `docker://` images, GitHub's own
    `actions/*` and `github/*`, and the actions and reusable workflows of the repository's
    own GitHub owner may use release tags (`@v9`; not a branch such as `@main`, which
    moves with every push): whoever controls those controls the repository too. The
    owner is the one the repository names as its own: its README's badge or link to its
    own workflows (`github.com/OWNER/REPO/actions/workflows/...`) or a `[project.urls]`
    entry of pyproject.toml on GitHub."""

    @staticmethod
    def check(
        action_files: list[str], text: TextOf, readme: str | None, pyproject: dict[str, Any]
    ) -> Outcome:
        owners = _own_owners(text(readme) if readme else None, pyproject)
        hits = []
        for rel in action_files:
            content = text(rel) or ""
            hits += [
                Hit(rel, line_of(content, m.start()), f"{m.group(1)} is not pinned to a commit")
                for m in USES.finditer(content)
                if _unpinned(m.group(1)) and not _own_release(m.group(1), owners)
            ]
        return hits


# A release tag (`@v9`, `@v1.2.0`, `@2.1`), not a branch (`@main`) that moves on every push.
RELEASE_TAG = lazy_pattern(r"@v?\d+(?:\.\d+)*$")


def _own_release(reference: str, owners: frozenset[str]) -> bool:
    """Whether a `uses:` reference is a release tag of the repository's own owner's."""
    return reference.split("/")[0].lower() in owners and bool(RELEASE_TAG.search(reference))


# A link to a repository's own GitHub Actions runs (a README's CI badge): its owner.
OWN_WORKFLOWS_LINK = lazy_pattern(r"github\.com/([A-Za-z0-9-]+)/[\w.-]+/actions(?:/workflows/|\b)")
GITHUB_PROJECT_URL = lazy_pattern(r"^https?://(?:www\.)?github\.com/([A-Za-z0-9-]+)/[\w.-]+")


def _own_owners(readme: str | None, pyproject: dict[str, Any]) -> frozenset[str]:
    """The GitHub owners (lower-case) the repository names as its own (see CI004)."""
    urls = pyproject.get("project", {}).get("urls", {}) if isinstance(pyproject, dict) else {}
    found = {m[1] for m in OWN_WORKFLOWS_LINK.finditer(readme or "")}
    if isinstance(urls, dict):
        found |= {m[1] for u in urls.values() if (m := GITHUB_PROJECT_URL.match(str(u)))}
    return frozenset(owner.lower() for owner in found)


class CI005(Check):
    """Reports GitHub workflows that have no top-level `permissions:` while some job has
    none either, or that grant `write-all`."""

    @staticmethod
    def check(workflows: dict[str, dict[str, Any]]) -> Outcome:
        hits = []
        for rel, workflow in workflows.items():
            jobs = workflow.get("jobs")
            jobs = jobs if isinstance(jobs, dict) else {}
            top = workflow.get("permissions")
            if top == "write-all":
                hits.append(Hit(rel, None, "grants permissions: write-all"))
            elif top is None:
                bare = [
                    name
                    for name, job in jobs.items()
                    if not (isinstance(job, dict) and "permissions" in job)
                ]
                if bare:
                    hits.append(
                        Hit(rel, None, f"no permissions: for job {', '.join(map(str, bare))}")
                    )
        return hits
