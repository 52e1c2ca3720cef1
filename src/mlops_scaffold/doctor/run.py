"""Run the selected checks over a repository and collect their findings."""

from __future__ import annotations

import inspect
import posixpath
from collections.abc import Callable
from dataclasses import replace
from fnmatch import fnmatchcase
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from mlops_scaffold.catalogue import PRACTICES, Practice
from mlops_scaffold.doctor.checks import REGISTRY, Check, Hit, NotApplicable, Passed
from mlops_scaffold.doctor.checks.code import (
    enclosing_linter_config,
    hooks_lint,
    linting_script,
    lints,
)
from mlops_scaffold.doctor.checks.docs import DOCS001
from mlops_scaffold.doctor.checks.environment import (
    ENV001,
    ENV002,
    NO_PYTHON_HERE,
    unpinned_installs,
)
from mlops_scaffold.doctor.collections_paused import collections_paused
from mlops_scaffold.doctor.config import DoctorConfig, from_pyproject, merge
from mlops_scaffold.doctor.fixtures import AuditView
from mlops_scaffold.doctor.kinds import (
    APPLIES_WHEN,
    COURSE_WIDE,
    LESSON_SERVICE,
    README_NAME,
    ROOT_ONLY,
    Detected,
    Kind,
    applies,
    detect,
)
from mlops_scaffold.doctor.lessons import COURSE_SHOWN, deployed_service
from mlops_scaffold.doctor.report import CheckResult, Finding, Report, Status
from mlops_scaffold.doctor.second_process import SecondProcess
from mlops_scaffold.doctor.suppression import kept
from mlops_scaffold.repo import printable
from mlops_scaffold.repo.parsers import table


def find_findings(
    path: Path,
    config: DoctorConfig | None = None,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
    kind: str | None = None,
) -> Report:
    """Audit the repository at `path`.

    Without `config`, the repository's own `[tool.mlops.doctor]` is read; the keyword
    flags are applied on top, as on the command line (`kind` overrides the configured
    and the detected kind). Raises RepoReadError when the path cannot be read and
    UsageError for an unknown id, severity or kind.
    """
    with collections_paused():
        return _audited(path, config, select, ignore, fail_on, kind)


def _audited(
    path: Path,
    config: DoctorConfig | None,
    select: list[str] | None,
    ignore: list[str] | None,
    fail_on: str | None,
    kind_flag: str | None,
) -> Report:
    view = AuditView.open(path)
    if config is None:
        config = from_pyproject(view.pyproject)
    config = merge(config, select, ignore, fail_on, kind_flag)
    detected = detect(view, view.back_end_files)
    kind = config.kind or detected.kind
    # A course (an example) keeps its lessons apart, audited as a monorepo's projects are.
    structure = Kind.MONOREPO if detected.projects and kind is detected.kind else kind
    projects = detected.projects if structure is Kind.MONOREPO else ()
    audited = view
    if projects:  # the root's own files, its projects apart
        audited = view.subview("", leave_out=projects)
    for problem in config.problems:
        audited.note_problem("pyproject.toml", None, problem)
    selected = [p.id for p in PRACTICES if p.id in REGISTRY and config.selects(p.id)]
    nested = _NestedProjects(view, projects, detected)
    declarations = _Declarations(view, projects)
    # Checks about the whole repository (CI, dependency updates) see all of it.
    whole = [check_id for check_id in selected if check_id in ROOT_ONLY] if projects else []
    inner = [check_id for check_id in selected if check_id not in ROOT_ONLY]
    audit_nested = partial(_audit_nested, view, inner, declarations)
    sizes = [len(nested.views[project].files) for project in projects]
    ours, theirs = _shares(projects, sizes, len(view.files))
    # Each process detects the kinds of the projects it audits (the second one sends them
    # ahead of its audits), while this one audits the whole repository.
    with SecondProcess(
        lambda: nested.placed(theirs),
        lambda: [audit_nested(nested.get(p)) for p in theirs],
        fork=bool(theirs),
    ) as second:
        results, findings = _audit(view, whole, structure) if whole else ([], [])
        # A course's projects may be lessons, which its hygiene checks and credits depend
        # on: a course's hygiene check that none of its lessons is judged on sees all of it.
        lessons: list[Nested] = []
        if detected.teaching:
            for project in ours:  # while the second process detects its own
                nested.get(project)
            nested.place(second.early())
            lessons = [nested.get(project) for project in projects]
        course = [
            check_id
            for check_id in selected
            if check_id in COURSE_WIDE
            and detected.teaching
            and not any(
                applies(check_id, n.detected.kind, n.lesson, bool(n.deploys)) for n in lessons
            )
        ]
        if course:
            course_results, course_findings = _audit(view, course, Kind.EXAMPLE)
            course_results, course_findings = _credit_lesson_readme(
                course_results, course_findings, view
            )
            results += course_results
            findings += course_findings
        own_ids = [c for c in selected if c not in whole and c not in course]
        own_results, own_findings = _audit(audited, own_ids, structure)
        results += own_results
        findings += own_findings
        audits = {project: audit_nested(nested.get(project)) for project in ours}
        deployed = {n.project: n.deploys for n in lessons if n.lesson and n.deploys}
        # While the second process still audits its projects, this one audits the whole
        # course on what a deployed lesson may be credited with (a course with deployed
        # lessons mostly needs it): done after the wait, it would lengthen the run.
        course_shown = (
            _audit(view, sorted(set(COURSE_SHOWN) & set(selected)), Kind.EXAMPLE)[0]
            if deployed and second.pending()
            else None
        )
        audits.update(zip(theirs, second.result(), strict=True))
    for project in projects:  # in their order, whichever process audited them
        inner_results, inner_findings = audits[project]
        results += inner_results
        findings += inner_findings
    if projects:
        results, findings = _credit_root_evidence(results, findings, view, audited)
        results, findings = _credit_setup_anywhere(results, findings, view, detected.teaching)
    if projects and not detected.teaching:
        results, findings = _credit_sibling_projects(results, findings)
    if deployed:
        results, findings = _credit_course_shown(results, findings, view, deployed, course_shown)
    shown = kept(findings, config.per_path_ignores, view.text)
    if len(shown) < len(findings):
        results = _mark_ignored(results, findings, shown)
    return Report(
        root=printable(str(view.root)),
        results=tuple(results),
        findings=tuple(shown),
        fail_on=config.fail_on,
        file_count=len(view.files),
        used_git=view.is_git,
        anchor=_anchor(view),
        kind=kind.value,
        kind_evidence=_kind_evidence(kind_flag, config, detected),
        kind_set=bool(config.kind),
        projects=projects,
    )


def _kind_evidence(kind_flag: str | None, config: DoctorConfig, detected: Detected) -> str:
    """Where the report's kind came from: the flag, the configuration, else the files."""
    if kind_flag:
        return "set with --kind"
    return "set in [tool.mlops.doctor]" if config.kind else detected.evidence


class Nested(NamedTuple):
    """A project of a monorepo: its folder, its view and its kind; whether it is a lesson
    of a course (judged file by file), and why its service is deployed if it is one that
    deploys it (then judged on that service too)."""

    project: str
    view: AuditView
    detected: Detected
    lesson: bool
    deploys: str | None


class Placed(NamedTuple):
    """A nested project's kind, and whether and why it is a lesson that deploys."""

    detected: Detected
    lesson: bool
    deploys: str | None


class _NestedProjects:
    """A monorepo's projects: each one's view, made at once (their sizes share the work
    between the processes), and its kind, detected when first asked for, in the process
    that audits it (a course asks for every kind before the audits begin)."""

    def __init__(self, view: AuditView, projects: tuple[str, ...], repo: Detected) -> None:
        self.view, self.repo = view, repo
        self.views = {project: view.subview(project) for project in projects}
        self._nested: dict[str, Nested] = {}

    def get(self, project: str) -> Nested:
        """The project, its kind detected."""
        if project not in self._nested:
            subview = self.views[project]
            detected = detect(subview, subview.back_end_files, nested_in=self.repo)
            lesson = self.repo.teaching and detected.kind is Kind.EXAMPLE and not detected.homework
            deploys = deployed_service(self.view, project, subview) if lesson else None
            self._nested[project] = Nested(project, subview, detected, lesson, deploys)
        return self._nested[project]

    def placed(self, projects: tuple[str, ...]) -> dict[str, Placed]:
        """What `get` decides of these projects, without their views (sent between the
        processes)."""
        return {p: Placed(*self.get(p)[2:]) for p in projects}

    def place(self, placed: dict[str, Placed]) -> None:
        """Take what the other process decided of its projects."""
        for project, (detected, lesson, deploys) in placed.items():
            self._nested.setdefault(
                project, Nested(project, self.views[project], detected, lesson, deploys)
            )


def _audit_nested(
    view: AuditView, selected: list[str], declarations: _Declarations, n: Nested
) -> tuple[list[CheckResult], list[Finding]]:
    """A nested project's results and findings, with what the repository credits it."""
    results, found = _audit(n.view, selected, n.detected.kind, n.project, n.lesson, n.deploys)
    results, found = _credit_root_linter(results, found, view, n.project)
    results, found = _credit_workspace_lock(results, found, view, n.view, n.project)
    results, found = _credit_enclosing_declaration(results, found, n.view, n.project, declarations)
    return results, found


# A second process pays (its fork, its own first use of each pattern and parsed view, its
# results pickled back) for projects of this many files, all told.
SECOND_PROCESS_FILES = 150
# The part of the repository's files whose projects the second process audits: this one
# audits the root (its own files, and the checks on the whole repository) as well.
SECOND_PROCESS_SHARE = 0.55


def _shares(
    projects: tuple[str, ...], sizes: list[int], files: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The projects this process audits, and those a second one audits (none when they
    are too few to pay for it): the later ones, holding as near SECOND_PROCESS_SHARE of
    the repository's `files` as whole projects can (`sizes`: each project's files), while
    this process audits the root, then the earlier ones. (A project's cost follows its
    files only roughly: one with notebooks or services costs more; measured on
    zenml-projects, the two processes took 0.22 and 0.21 s of CPU.)"""
    if len(projects) < 2 or sum(sizes) < SECOND_PROCESS_FILES:
        return projects, ()
    split, held, target = len(projects), 0, SECOND_PROCESS_SHARE * files
    while split > 1 and abs(held + sizes[split - 1] - target) < abs(held - target):
        split -= 1
        held += sizes[split]
    return projects[:split], projects[split:]


def _credit_course_shown(
    results: list[CheckResult],
    found: list[Finding],
    view: AuditView,
    deployed: dict[str, str],
    audited: list[CheckResult] | None = None,
) -> tuple[list[CheckResult], list[Finding]]:
    """A deployed lesson's service passes the monitoring practices the course shows
    anywhere (prediction records in another lesson, drift reports in a monitoring
    lesson, a lesson's model served by a platform that gives its metrics): a practice a
    part of the repository satisfies counts for it. `audited`: the whole course's results
    on COURSE_SHOWN, when they were audited ahead."""
    failed = sorted(
        {
            r.id
            for r in results
            if r.project in deployed and r.id in COURSE_SHOWN and r.status is Status.FAILED
        }
    )
    if not failed:
        return results, found
    if audited is None:
        course, _ = _audit(view, failed, Kind.EXAMPLE)
    else:
        course = [r for r in audited if r.id in failed]
    # A lesson that passes by itself shows it too (its platform's metrics count for it,
    # though the whole course holds model servers of other lessons beside that platform).
    lessons = [r for r in results if r.project and r.id in failed and r.status is Status.PASSED]
    for shown in (*(r for r in course if r.status is Status.PASSED), *lessons):
        where = f" ({shown.project})" if shown.project else ""
        reason = f"the course shows it elsewhere{where}" + (
            f": {shown.reason}" if shown.reason else ""
        )
        results = [
            replace(r, status=Status.PASSED, reason=reason)
            if r.id == shown.id and r.project in deployed and r.status is Status.FAILED
            else r
            for r in results
        ]
        found = [f for f in found if not (f.id == shown.id and f.project in deployed)]
    return results, found


def _credit_root_linter(
    results: list[CheckResult], found: list[Finding], view: AuditView, project: str
) -> tuple[list[CheckResult], list[Finding]]:
    """A nested project without a linter of its own passes CODE003 when the repository's
    CI or one of its tasks runs one over the project's folder (`flake8 .` at the root lints
    every project) or over another part of the repository (`flake8 .` in `chapter02/`: the
    repository lints, and a practice a part of it satisfies counts for it), its root
    pre-commit configuration does (hooks run on every tracked file), ruff is configured at
    the root (ruff uses the closest configuration above a
    file, and a pyproject.toml without `[tool.ruff]` is not one), or a folder between the
    root and the project configures a linter (`spaceflight/.isort.cfg` above
    `spaceflight/src/`), or a shell script of the repository runs one (`scripts/format.sh`:
    the repository lints, and a practice a part of it satisfies counts for it)."""
    if not any(r.id == "CODE003" and r.status is Status.FAILED for r in results):
        return results, found
    commands = (*view.commands.ci, *view.commands.from_tasks)
    run = next((c for c in commands if lints(c, project, view.files)), None)
    # a linter CI runs over another part of the repository: the repository lints
    run = run or next((c for c in commands if lints(c, c.cwd, view.files)), None)
    hooks = hooks_lint(view.file_set, view.text, view.load_yaml, project) if run is None else None
    ruff = next((name for name in ROOT_RUFF if name in view.file_set), None)
    if "ruff" in table(view.pyproject, "tool"):
        ruff = "pyproject.toml [tool.ruff]"
    enclosing = enclosing_linter_config(project, view.file_set, view.text)
    script = linting_script(view.files, view.text)
    if run is not None:
        where = "CI" if run in view.commands.ci else "a task"
        what = "it" if lints(run, project, view.files) else f"{run.cwd}/"
        reason = f"the repository's {where} lints {what}: {run.shown()}"
    elif hooks is not None:
        reason = f"{hooks} lints it"
    elif ruff is not None:
        reason = f"{ruff} at the root configures ruff for it"
    elif enclosing is not None:
        reason = f"{enclosing} above it configures a linter"
    elif script is not None:
        reason = f"the repository's script {script} runs a linter"
    else:
        return results, found
    return _credited(results, found, "CODE003", reason)


def _credit_setup_anywhere(
    results: list[CheckResult], found: list[Finding], view: AuditView, teaching: bool
) -> tuple[list[CheckResult], list[Finding]]:
    """A monorepo's projects pass DOCS001 when the repository's README, one project's
    README or, outside a course (`teaching`: its lessons' READMEs count only under a
    front page written, `_credit_lesson_readme`), another README below the root (a
    project's tools folder's, an infrastructure folder's) sets up: a newcomer has setup
    instructions wherever the repository keeps them (a practice a nested project
    satisfies counts for the repository)."""
    failed = {r.project for r in results if r.id == "DOCS001" and r.status is Status.FAILED}
    if not failed:
        return results, found
    passed = next((r for r in results if r.id == "DOCS001" and r.status is Status.PASSED), None)
    if passed is not None:
        reason = f"{passed.project or 'the repository'}'s README sets up"
    elif view.readme is not None and _readme_sets_up(view, view.readme):
        reason = f"the repository's README sets up: {view.readme}"
    elif not teaching and (nested := _nested_readme_setting_up(view)) is not None:
        reason = f"a README below the root sets up: {nested}"
    else:
        return results, found
    return _credited_in(results, found, "DOCS001", failed, reason)


# Practices a monorepo has when one of its projects has them: a test suite, data tests,
# model quality tests, service contract tests, a prediction service, a service's health
# route, its prediction log, its metrics and its drift monitoring (the repository shows
# the practice in the project that has it), tracking, data versioning, a pipeline, a
# task runner, an image, an importable package (a DAGs folder or a config folder beside
# the package it runs needs none of its own), a model card, a configured linter, a
# dependency declaration (a DAGs folder whose images install their packages beside a
# project with its requirements). Written rule: a practice satisfied by a nested project
# counts as `pass` for the repository. (What each file or folder of code does wrong, its
# pins, its paths, its pickled model loads, is judged on each.)
REPOSITORY_PRACTICES = frozenset(
    {"TEST001", "DATA005", "TEST002", "TEST003", "SERVE001", "EXP001", "DATA001", "DATA004"}
    | {"ENV001"}
    | {"DOCS003", "IMG001", "CODE001", "DOCS002", "CODE003"}
    | {"SERVE002", "MON001", "MON002", "MON003"}
)


def _credit_sibling_projects(
    results: list[CheckResult], found: list[Finding]
) -> tuple[list[CheckResult], list[Finding]]:
    """A monorepo's project that lacks one of REPOSITORY_PRACTICES passes it when another
    of its projects has it: the feature jobs beside a predictor that serves need no
    prediction service of their own, and the repository has a test suite when one project
    has tests (a practice a nested project satisfies counts for the repository)."""
    for check_id in sorted(REPOSITORY_PRACTICES):
        mine = [r for r in results if r.id == check_id]
        passed = next((r for r in mine if r.status is Status.PASSED and r.project), None)
        failed = {r.project for r in mine if r.status is Status.FAILED}
        if passed is None or not failed:
            continue
        reason = f"{passed.project} has it" + (f": {passed.reason}" if passed.reason else "")
        results, found = _credited_in(results, found, check_id, failed, reason)
    return results, found


# Practices the root's own files give the projects below it: a root Makefile runs their
# tasks, a root model card documents their model, a root Dockerfile builds their image, a
# root script that CI runs gates their model. (What a project trains on, tracks or declares
# is its own: the root's data or tracker is not the project's.)
ROOT_EVIDENCE = frozenset({"DOCS002", "DOCS003", "IMG001", "TEST002"})


def _credit_root_evidence(
    results: list[CheckResult], found: list[Finding], view: AuditView, root: AuditView
) -> tuple[list[CheckResult], list[Finding]]:
    """A monorepo's project that fails one of ROOT_EVIDENCE passes it when the root's own
    files (outside every project, `root`) have it; the files they name may lie in a
    project (`python churn/train.py` in the root Makefile runs)."""
    for check_id in sorted(ROOT_EVIDENCE):
        failed = {r.project for r in results if r.id == check_id and r.status is Status.FAILED}
        if not failed - {""}:
            continue
        check = REGISTRY[check_id]
        fixtures = {name: getattr(root, name) for name in check.fixtures()}
        if "file_set" in fixtures:
            fixtures["file_set"] = view.file_set
        outcome = check.check(**fixtures)
        if _passes(outcome):
            shown = f": {outcome.evidence}" if isinstance(outcome, Passed) else ""
            reason = f"the repository's root has it{shown}"
            results, found = _credited_in(results, found, check_id, failed - {""}, reason)
    return results, found


def _credit_workspace_lock(
    results: list[CheckResult],
    found: list[Finding],
    view: AuditView,
    subview: AuditView,
    project: str,
) -> tuple[list[CheckResult], list[Finding]]:
    """A nested project that fails ENV002 or ENV003 passes it when it is a member of the
    repository's uv workspace (`[tool.uv.workspace] members` of the root pyproject.toml,
    uv.lock at the root) and passes once judged with that lock: uv locks every member in
    the workspace's one uv.lock, hashes included (`uv lock` resolves them all; `uv sync
    --package` installs one from it)."""
    failed = [r.id for r in results if r.id in LOCKED_BY_WORKSPACE and r.status is Status.FAILED]
    member = "uv.lock" in view.file_set and _uv_workspace_member(view.pyproject, project)
    if not failed or not member:
        return results, found
    for check_id in failed:
        check = REGISTRY[check_id]
        fixtures = {name: getattr(subview, name) for name in check.fixtures()}
        fixtures["lock_files"] = [*subview.lock_files, "uv.lock"]
        if _passes(check.check(**fixtures)):
            reason = "locked by the uv workspace's uv.lock (pyproject.toml [tool.uv.workspace])"
            results, found = _credited(results, found, check_id, reason)
    return results, found


# What a uv workspace's one lock settles for its members: their pins and the hashes.
LOCKED_BY_WORKSPACE = ("ENV002", "ENV003")


class _Declarations:
    """The folders above a monorepo's projects that declare dependencies, each judged on
    its files outside every project, found once for all the projects below it."""

    def __init__(self, view: AuditView, projects: tuple[str, ...]) -> None:
        self.view, self.projects = view, projects
        self.found: dict[str, AuditView | None] = {}

    def holding(self, project: str) -> tuple[str, AuditView] | None:
        """The nearest folder above `project` that declares Python dependencies (ENV001
        passes on its own files: the root's pyproject.toml beside `projects/<name>/`; not a
        folder of Java code whose pom.xml declares its own), and its view."""
        folder = posixpath.dirname(project)
        while True:
            holder = self._declaring(folder)
            if holder is not None:
                return folder, holder
            if not folder:
                return None
            folder = posixpath.dirname(folder)

    def _declaring(self, folder: str) -> AuditView | None:
        if folder not in self.found:
            prefix = f"{folder}/" if folder else ""
            inner = [p.removeprefix(prefix) for p in self.projects if p.startswith(prefix)]
            holder = self.view.subview(folder, leave_out=inner)
            outcome = _checked(ENV001, holder)
            python = not (
                isinstance(outcome, Passed) and outcome.evidence.startswith(NO_PYTHON_HERE)
            )
            self.found[folder] = holder if _passes(outcome) and python else None
        return self.found[folder]


def _credit_enclosing_declaration(
    results: list[CheckResult],
    found: list[Finding],
    subview: AuditView,
    project: str,
    declarations: _Declarations,
) -> tuple[list[CheckResult], list[Finding]]:
    """A nested project that declares no dependencies of its own (ENV001 fails) shares
    those of the nearest folder above it that does (competition folders installed by the
    root's Poetry project): ENV001 passes, and ENV002 passes when that declaration is
    pinned, or is left to the folder that holds it (judged there), unless the project's
    own images or scripts install packages without a version."""
    failed = {r.id for r in results if r.status is Status.FAILED} & {"ENV001", "ENV002"}
    if not failed or _passes(_checked(ENV001, subview)):
        return results, found
    holding = declarations.holding(project)
    if holding is None:
        return results, found
    folder, holder = holding
    where = f"{folder}/" if folder else "the repository's root"
    results, found = _credited(results, found, "ENV001", f"it shares the declaration at {where}")
    if "ENV002" not in failed:
        return results, found
    own, _ = unpinned_installs(
        **{name: getattr(subview, name) for name in _parameters(unpinned_installs)}
    )
    if own:
        return results, found
    if _passes(_checked(ENV002, holder)):
        return _credited(results, found, "ENV002", f"pinned where it is declared ({where})")
    reason = f"it shares the declaration at {where}, judged there"
    return (
        [
            replace(r, status=Status.NOT_APPLICABLE, reason=reason) if r.id == "ENV002" else r
            for r in results
        ],
        [f for f in found if f.id != "ENV002"],
    )


def _checked(check: type[Check], view: AuditView) -> object:
    """A check's outcome on a view."""
    return check.check(**{name: getattr(view, name) for name in check.fixtures()})


def _parameters(function: Callable[..., object]) -> tuple[str, ...]:
    """The names of a function's parameters: the views it reads, by name."""
    return tuple(inspect.signature(function).parameters)


def _uv_workspace_member(pyproject: dict[str, Any], project: str) -> bool:
    """Whether a root pyproject.toml's `[tool.uv.workspace]` makes `project` a member (a
    `members` glob matches its folder and no `exclude` glob does)."""
    workspace = table(pyproject, "tool", "uv", "workspace")
    return _globbed(workspace.get("members"), project) and not _globbed(
        workspace.get("exclude"), project
    )


def _globbed(globs: object, folder: str) -> bool:
    """Whether one of a TOML list of folder globs matches `folder`."""
    return isinstance(globs, list) and any(
        isinstance(glob, str) and fnmatchcase(folder, glob.strip("/").removeprefix("./"))
        for glob in globs
    )


def _credit_lesson_readme(
    results: list[CheckResult], found: list[Finding], view: AuditView
) -> tuple[list[CheckResult], list[Finding]]:
    """A course whose README does not set up passes DOCS001 when a lesson's README does
    (a practice a nested project satisfies counts for the repository), unless its own
    README is empty: a course's front page left unwritten is the finding."""
    failed = any(r.id == "DOCS001" and r.status is Status.FAILED for r in results)
    if not failed or (view.readme is not None and not (view.text(view.readme) or "").strip()):
        return results, found
    setup = _nested_readme_setting_up(view)
    if setup is None:
        return results, found
    return _credited(results, found, "DOCS001", f"a lesson's README sets up: {setup}")


def _nested_readme_setting_up(view: AuditView) -> str | None:
    """The first README below the root (a lesson's, a project's, one of a folder inside a
    project or beside them: `config/tools/README.md`) whose commands set up, else None."""
    return next(
        (
            rel
            for rel in view.files
            if "/" in rel
            and README_NAME.match(rel.rpartition("/")[2])
            and _readme_sets_up(view, rel)
        ),
        None,
    )


def _readme_sets_up(view: AuditView, readme: str) -> bool:
    """Whether a README of the view (the root's or one below it) passes DOCS001."""
    return _passes(
        DOCS001.check(
            readme,
            view.text,
            view.file_set,
            view.commands,
            view.syntax_tree,
            view.image_roles,
            view.non_python_code,
        )
    )


def _passes(outcome: object) -> bool:
    """Whether a check's outcome is a pass: True, a Passed, or no hits."""
    return outcome is True or outcome == [] or isinstance(outcome, Passed)


def _credited(
    results: list[CheckResult], found: list[Finding], check_id: str, reason: str
) -> tuple[list[CheckResult], list[Finding]]:
    """The results with `check_id` passed for `reason`, and the findings without it."""
    return (
        [
            replace(r, status=Status.PASSED, reason=reason) if r.id == check_id else r
            for r in results
        ],
        [f for f in found if f.id != check_id],
    )


def _credited_in(
    results: list[CheckResult],
    found: list[Finding],
    check_id: str,
    projects: set[str],
    reason: str,
) -> tuple[list[CheckResult], list[Finding]]:
    """The results with `check_id` passed for `reason` in `projects` (folders, "" for the
    root), and the findings without theirs."""
    return (
        [
            replace(r, status=Status.PASSED, reason=reason)
            if r.id == check_id and r.project in projects
            else r
            for r in results
        ],
        [f for f in found if not (f.id == check_id and (f.project or "") in projects)],
    )


def _mark_ignored(
    results: list[CheckResult], found: list[Finding], shown: list[Finding]
) -> list[CheckResult]:
    """A failed check whose every finding was ignored passes, saying so."""
    left = {(f.id, f.project) for f in shown}
    return [
        replace(r, status=Status.PASSED, reason="every finding ignored by the user")
        if r.status is Status.FAILED
        and (r.id, r.project) not in left
        and any((f.id, f.project) == (r.id, r.project) for f in found)
        else r
        for r in results
    ]


def _audit(
    view: AuditView,
    selected: list[str],
    kind: Kind,
    project: str = "",
    lesson: bool = False,
    deploys: str | None = None,
) -> tuple[list[CheckResult], list[Finding]]:
    """Run the selected checks that apply to a project of this kind; paths relative to
    the repository root (`project` is the project's folder, "" for the root)."""
    applicable = [
        check_id for check_id in selected if applies(check_id, kind, lesson, bool(deploys))
    ]
    outcomes = _run(view, _with_requirements(applicable))
    results: list[CheckResult] = []
    findings: list[Finding] = []
    for check_id in selected:
        if check_id not in applicable:
            article = "an" if kind.value[0] in "aeiou" else "a"
            what = "a lesson of a course" if lesson else f"{article} {kind.value}"
            if lesson and check_id in LESSON_SERVICE:
                what += " that deploys no service (no Dockerfile or manifest builds it)"
            reason = f"does not apply to {what}"
            results.append(CheckResult(check_id, Status.NOT_APPLICABLE, reason, project))
            continue
        result, found = outcomes[check_id]
        results.append(replace(result, project=project))
        findings += [_in_project(finding, project, view) for finding in found]
    return results, findings


def _in_project(finding: Finding, project: str, view: AuditView) -> Finding:
    """The finding with its path relative to the repository root, naming the project."""
    if not project:
        return finding
    where = finding.path or _anchor(view)  # `../other/x.py`: in a sibling project
    return replace(finding, path=posixpath.normpath(f"{project}/{where}"), project=project)


def _anchor(view: AuditView) -> str:
    return next((f for f in ANCHORS if f in view.file_set), view.readme or "README.md")


# Files a repository-wide finding is attached to, in order of preference.
ROOT_RUFF = ("ruff.toml", ".ruff.toml")
"""ruff's own configuration files: at the root, they configure every folder below."""
ANCHORS = ("pyproject.toml", "setup.py", "requirements.txt", "Pipfile")


def _with_requirements(selected: list[str]) -> list[str]:
    """The selected ids plus everything they require, requirements first."""
    ordered: list[str] = []

    def visit(check_id: str) -> None:
        if check_id in ordered:
            return
        for required in sorted(REGISTRY[check_id].requires):
            visit(required)
        ordered.append(check_id)

    for check_id in selected:
        visit(check_id)
    return ordered


def _run(view: AuditView, ordered: list[str]) -> dict[str, tuple[CheckResult, list[Finding]]]:
    outcomes: dict[str, tuple[CheckResult, list[Finding]]] = {}
    for check_id in ordered:
        check = REGISTRY[check_id]
        unmet = sorted(r for r in check.requires if not _met(view, r, outcomes[r][0].status))
        if unmet:
            outcomes[check_id] = (
                CheckResult(check_id, Status.NOT_APPLICABLE, f"requires {', '.join(unmet)}"),
                [],
            )
            continue
        needs, reason = APPLIES_WHEN.get(check_id, ((), ""))
        if needs and not any(getattr(view, name) for name in needs):
            outcomes[check_id] = (CheckResult(check_id, Status.NOT_APPLICABLE, reason), [])
            continue
        outcomes[check_id] = _evaluate(view, check)
    return outcomes


def _met(view: AuditView, required: str, status: Status) -> bool:
    """Whether a check that another requires lets it run: it passed, or it failed while
    what it is about is there (SERVE001 on a stub service: the service is still judged)."""
    subject = REGISTRY[required].subject
    return status is Status.PASSED or (
        status is Status.FAILED and bool(subject) and bool(getattr(view, subject))
    )


def _evaluate(view: AuditView, check: type[Check]) -> tuple[CheckResult, list[Finding]]:
    practice = check.practice()
    outcome = check.check(**{name: getattr(view, name) for name in check.fixtures()})
    if isinstance(outcome, NotApplicable):
        return CheckResult(practice.id, Status.NOT_APPLICABLE, outcome.reason), []
    if isinstance(outcome, Passed):
        return CheckResult(practice.id, Status.PASSED, outcome.evidence), []
    if outcome is True or outcome == []:
        return CheckResult(practice.id, Status.PASSED), []
    hits = [Hit()] if outcome is False else list(outcome)
    return CheckResult(practice.id, Status.FAILED), [_finding(practice, hit) for hit in hits]


def _finding(practice: Practice, hit: Hit) -> Finding:
    message = practice.title + (f": {printable(hit.detail)}" if hit.detail else "")
    return Finding(
        id=practice.id,
        family=practice.family,
        severity=practice.severity,
        title=practice.title,
        message=message,
        path=printable(hit.path) if hit.path else None,
        line=hit.line,
        fix=practice.fix,
    )
