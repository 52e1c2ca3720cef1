"""What kind of project a repository is, from evidence in its files, and which checks apply.

An application trains or serves a model and gets every check. A library ships a package
(its users pin, not it; a package that ships the model it trains is an application), a
template renders projects (its Jinja-named files are not its own code), an example or
course teaches with loose folders and notebooks (the code of a paper, a demo or a proof of
concept is judged the same way), and a monorepo holds several projects, each audited in
its own right (a folder that trains and the folders that deploy its model are one
product, and so are the services one compose file or Makefile builds together or one
uv.lock resolves together; a student's homework folders and a README's "collection of
projects" are several).
Where a clone came from is evidence too (its `origin` remote): a vendor's organisation of
samples publishes examples, and a name that says "tutorial" or "template" tips a
repository no rule decides.
`--kind` or `[tool.mlops.doctor] kind = ...` overrides the detection.
"""

from __future__ import annotations

import posixpath
import re
from abc import ABC, abstractmethod
from enum import Enum
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Any, NamedTuple

from mlops_scaffold.doctor.kind_features import kind_features, publishes_package
from mlops_scaffold.doctor.kind_model import LEAST_FILES, Learned, learned_kind
from mlops_scaffold.doctor.recognisers import MODEL_USE
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.lock_needs import requirement_name
from mlops_scaffold.repo import Repo
from mlops_scaffold.repo.packaging import poetry_included
from mlops_scaffold.repo.parsers import (
    DockerBuild,
    Dockerfile,
    console_scripts,
    declared_builds,
    docker_builds,
    normalise_package_name,
    requirement_lines,
    table,
)
from mlops_scaffold.repo.view import LOCK_FILES


class Kind(str, Enum):
    """The kinds of project the doctor tells apart."""

    APPLICATION = "application"
    LIBRARY = "library"
    TEMPLATE = "template"
    EXAMPLE = "example"
    MONOREPO = "monorepo"


# Which checks apply to which kind of project: x applies, - does not. A monorepo's root
# (its files outside the nested projects) gets the repository-wide and file-by-file checks;
# its nested projects are audited by their own kind. An example need not serve, but the
# service it has is judged (SERVE002, MON*: they require SERVE001, which then must pass).
APPLICABILITY = """
check     application library template example monorepo
ENV001    x            x        x         x        -
ENV002    x            -        -         x        x
ENV003    x            -        -         x        x
ENV004    x            -        -         -        -
ENV005    x            -        x         x        x
ENV006    x            -        -         x        x
ENV007    x            x        x         x        x
CODE001   x            x        x         -        -
CODE002   x            x        x         x        x
CODE003   x            x        x         x        -
NB001     x            x        x         x        x
NB002     x            x        x         x        x
NB003     x            x        x         x        x
DATA001   x            -        -         -        -
DATA002   x            -        -         -        -
DATA003   x            x        x         x        x
DATA004   x            -        -         -        -
DATA005   x            -        -         -        -
EXP001    x            -        -         -        -
TEST001   x            x        x         x        -
TEST002   x            -        -         -        -
TEST003   x            -        -         -        -
CI001     x            x        x         x        x
CI002     x            x        x         x        x
CI003     x            x        x         x        x
CI004     x            x        x         x        x
CI005     x            x        x         x        x
IMG001    x            -        -         -        -
IMG002    x            -        -         -        -
IMG003    x            -        x         x        x
IMG004    x            x        x         x        x
IMG005    x            x        x         x        x
IMG006    x            x        x         x        x
KUBE001    x            -        -         x        x
SERVE001  x            -        -         -        -
SERVE002  x            -        -         x        -
SERVE003  x            -        -         x        x
MON001    x            -        -         x        -
MON002    x            -        -         x        -
MON003    x            -        -         x        -
SEC001    x            x        x         x        x
DOCS001   x            x        x         x        -
DOCS002   x            -        -         -        -
DOCS003   x            x        x         -        -
REPO001   x            x        x         x        x
"""


def _parse(text: str) -> dict[str, frozenset[Kind]]:
    lines = text.strip().splitlines()
    kinds = [Kind(name) for name in lines[0].split()[1:]]
    return {
        check_id: frozenset(kind for kind, mark in zip(kinds, marks, strict=True) if mark == "x")
        for check_id, *marks in (line.split() for line in lines[1:])
    }


APPLIES_TO = _parse(APPLICABILITY)
# Checks a monorepo's nested projects leave to its root (they are about the whole repository).
ROOT_ONLY = frozenset({"CI001", "CI002", "CI003", "CI004", "CI005", "ENV005"})
# Checks that judge files one by one (pins, notebooks, images, secrets...): they run on a
# monorepo's root (outside its projects) and on the lessons of a course.
FILE_CHECKS = frozenset(c for c, kinds in APPLIES_TO.items() if Kind.MONOREPO in kinds) - ROOT_ONLY
# What a lesson that deploys its service is judged on besides its files (doctor/lessons.py):
# the service's health route and its monitoring.
LESSON_SERVICE = frozenset({"SERVE002", "MON001", "MON002", "MON003"})
# A course's own hygiene: its linter, its test suite, its README. Lessons are not judged on
# them one by one, so when no project of the course is, the course is, over all its files.
COURSE_WIDE = ("CODE003", "TEST001", "DOCS001")


# Checks that judge something only when it exists: id -> (the repository views, one of
# which must be non-empty, and the reason shown when none is). A check on nothing is not
# a pass: an empty folder does not score for its absent workflows and notebooks.
TRAINING_EVIDENCE = ("training_files", "training_notebooks", "dvc_training")
TRAINS_NOTHING = "nothing in the repository trains a model"
# A web app that serves no model (a viewer of a run's saved tensors, an HTTP trigger that
# starts a pipeline) needs none of the checks of a model's service: its health route, its
# pickled model, its monitoring, its contract tests, its serving environment.
MODEL_SERVICES = (("model_services",), "no service serves a model")
APPLIES_WHEN: dict[str, tuple[tuple[str, ...], str]] = {
    "CI004": (("action_files",), "no GitHub workflow or action"),
    "CI005": (("workflows",), "no GitHub workflow"),
    "NB001": (("notebooks", "template_notebooks"), "no notebook"),
    "NB002": (("notebooks", "source_notebooks", "template_notebooks"), "no notebook"),
    "NB003": (("notebook_output_bytes",), "no notebook"),  # large ones too
    "DATA002": (("dvc_files", "dvc_run_by_code"), "DVC is not used"),
    "CODE002": (
        ("source_files", "notebooks", "template_code", "template_notebooks"),
        "no Python code",
    ),
    # A template's rendered code is code to test: the template is, by rendering it.
    "TEST001": (("python_files", "python_notebooks", "rendered_code"), "no Python code to test"),
    # The catalogue's linters are Python's: manifests, shell scripts and Markdown labs leave
    # them nothing to lint (session 47: three labels, an R example's too).
    "CODE003": (("python_files", "python_notebooks", "rendered_code"), "no Python code to lint"),
    "CI003": (("lints_python",), "no Python code to lint, only another language's"),
    **dict.fromkeys(
        ("SERVE002", "SERVE003", "MON001", "MON002", "MON003", "TEST003", "ENV004"),
        MODEL_SERVICES,
    ),
    # A repository that only serves a model trained elsewhere has no data or runs of its own.
    "DATA001": (TRAINING_EVIDENCE, TRAINS_NOTHING),
    "DATA004": (TRAINING_EVIDENCE, TRAINS_NOTHING),
    "DATA005": (TRAINING_EVIDENCE, TRAINS_NOTHING),
    "EXP001": (TRAINING_EVIDENCE, TRAINS_NOTHING),
    "SERVE001": (("serving_evidence",), "nothing says the model is served online"),
    # A model card documents a model of the repository's own: one it trains or serves.
    "DOCS002": ((*TRAINING_EVIDENCE, "serving_evidence"), "no model is trained or served here"),
    "IMG001": (("image_evidence",), "nothing says the model is deployed"),
    "ENV003": (("pinned_dependencies",), "nothing is pinned"),
    # One `==` pin is a version that goes stale as surely as a file of them.
    "ENV005": (("pinned_dependencies",), "nothing is pinned, so nothing needs moving"),
    "ENV006": (
        (
            "pyproject",
            "dockerfiles",
            "written_dockerfiles",
            "conda_files",
            "setup_python",
            "ci_text",
            "environments_created",
            "readme_pythons",
            "serverless_runtimes",
            "framework_pythons",
            "databricks_pythons",
            "bento_files",
            "conda_spec_pythons",
            "declared_pythons",
            "nested_project_pythons",
            "written_conda_pythons",
            "component_images",
        ),
        "no declared Python, no image, no conda environment, no CI, no script creating one"
        " and no serverless function",
    ),
    "ENV007": (("locks_with_sources",), "no lock file beside what it locks"),
    "KUBE001": (
        ("kubernetes_manifests", "platform_workloads", "terraform_workloads"),
        "no Kubernetes workload",
    ),
    "IMG006": (
        (
            "dockerfiles",
            "template_dockerfiles",
            "environment_images",
            "written_dockerfiles",
            "component_images",
        ),
        "no image",
    ),
    "SEC001": (("listed_sizes",), "no files"),
    "DATA003": (("files",), "no files"),
    "REPO001": (("listed_sizes",), "no files"),
}


def applies(check_id: str, kind: Kind, lesson: bool = False, deployed: bool = False) -> bool:
    """Whether a check applies to a project of this kind (`lesson`: a project of a course
    or gallery of examples, judged file by file only, and on its service when the lesson
    is `deployed`)."""
    if lesson and check_id not in FILE_CHECKS and not (deployed and check_id in LESSON_SERVICE):
        return False
    return kind in APPLIES_TO.get(check_id, frozenset(Kind))


class Detected(NamedTuple):
    """A project kind and the file evidence it was decided on."""

    kind: Kind
    evidence: str
    projects: tuple[str, ...] = ()
    """For a monorepo: the folders of its nested projects."""
    teaching: bool = False
    """For a monorepo or a course: its projects are lessons or examples (a course, a
    gallery); for a video series, its folders are tutorials, each with its own README."""
    course: bool = False
    """For a repository of nested projects that teaches: a course (lesson folders, a README
    that calls it a course, lessons or a workshop), not a gallery of examples: every
    project in it is course material, a package it publishes included. A course's
    material is an example (its lessons audited apart); a student's homework or a
    learner's repository built along a course is a monorepo."""
    homework: bool = False
    """For a project of a course: it has a package of its own that publishes nothing, so
    it is judged as an example (its hygiene, its service), not file by file as a lesson."""
    playground: bool = False
    """For a monorepo: its README calls it a playground, so its projects are its author's
    examples, each judged as an example (its hygiene, its service)."""


TEMPLATE_FILES = ("cookiecutter.json", "copier.yml", "copier.yaml")
JINJA_NAME = lazy_pattern(r"\{\{|\{%")
DOCKERFILE = lazy_pattern(r"(?:^|/)(?:Dockerfile|Containerfile)(?:\.[\w-]+)?$")
PROJECT_FILES = frozenset(
    {"pyproject.toml", "setup.py", "Pipfile", "poetry.lock", "uv.lock", "requirements.txt"}
)
# Project files that only list what to install: beside no code, an image's packages.
DEPENDENCY_LISTS = frozenset({"requirements.txt", "Pipfile"})
README_NAME = lazy_pattern(r"(?i)^readme(?:\.\w+)?$")
# The English translation of a README written in another language.
ENGLISH_README = lazy_pattern(r"(?i)(?:^|/)readme[._-](?:en|eng|english)\.(?:md|rst|txt)$")
README_FILES = ("README.md", "readme.md", "README.rst", "README.txt", "README", "Readme.md")
TEST_MODULE = lazy_pattern(r"test_\w+\.py$")
# Folders whose project files belong to documentation, tests, tooling or the exploration of
# the project beside them (`notebooks/requirements.txt`; not a lesson's folder inside it,
# `notebooks/Section2_Pipeline/`), not to a project.
NOT_PROJECTS = lazy_pattern(
    r"(?:^|/)(?:docs?|tests?|\.[^/]+|site-packages|node_modules)(?:/|$)|(?:^|/)notebooks$"
)
# A course's or a book's numbered lesson folders (`01-intro`, `s1_setup`, `week2`, `day1`,
# `ch03`, `Chapter05`).
LESSON_FOLDER = lazy_pattern(
    r"(?i)^(?:\d{1,2}[-_. ]|s\d{1,2}_|(?:week|day|module|lab|hw|homework|ch)[-_ ]?\d"
    r"|lesson|chapter)"
)
# The number that starts a numbered folder's name (`1_`, `02-`, `s1_`).
LESSON_NUMBER = lazy_pattern(r"^(?:s?\d{1,2}[-_. ]?)")
# A top-level folder that holds a course's exercises, labs or lessons, one per subfolder.
COURSE_FOLDER = lazy_pattern(r"(?i)^(?:exercises?|labs?|lessons?|lectures?|practicals?)$")
EXAMPLE_FOLDERS = lazy_pattern(r"(?i)^(?:[\w-]*examples?|tutorials?|notebooks|demos?|samples?)$")
TEACHING_WORDS = lazy_pattern(
    r"(?i)\b(?:examples?|tutorials?|courses?|workshops?|lessons?|showcases?|gallery)\b"
)
# A README that says the projects are its author's own ("showcases my machine learning
# projects"): a portfolio of the author's work, whatever teaching word its title uses
# ("# ML Showcase"); "showcases ML projects built with our platform" is a tool's gallery.
OWN_PROJECTS = lazy_pattern(r"(?i)\bmy[ \t]+(?:own[ \t]+)?(?:[\w-]+[ \t]+){0,3}projects\b")
# A README that calls the repository a showcase of its author ("serves as a showcase of my
# data science skills, projects, and achievements", "my ML portfolio"): its notebooks are
# that author's work, not a course's lessons.
SHOWCASE_OF_AUTHOR = lazy_pattern(
    r"(?i)\bshowcase[ \t]+of[ \t]+my\b|\bmy[ \t]+(?:[\w-]+[ \t]+){0,2}portfolio\b"
)
# A README that calls the repository a playground, in its title ("# ml-playground") or
# its opening ("My playground for data science code"): somewhere to try things, its
# projects examples, not products (a sandbox, as SANDBOX below). Kaggle's "Playground
# Series" is a competition's name; "try it in the playground" names a page, not the
# repository.
PLAYGROUND_TITLE = lazy_pattern(r"(?i)\bplayground\b(?![ \t]+series)")
PLAYGROUND_SAID = lazy_pattern(
    r"(?i)\b(?:my|our|personal)[ \t]+(?:[\w-]+[ \t]+){0,2}playground\b(?![ \t]+series)"
)
# A list item of the README's opening names a part of the repository ("* MLflow code and
# a systemd example"); what the repository is, the prose around it says.
LIST_ITEM = lazy_pattern(r"(?m)^[ \t]*(?:[-*+]|\d+[.)])[ \t]+.*$")
# The teaching words that make a course rather than a gallery of examples: a course
# publishes its worked package to teach publishing, a gallery's published package is a
# product its examples use.
# What a lesson's own README calls it: a tutorial, an exercise or a lesson ("This folder
# is an exercise on", "Lesson 2:"), or the place to practise something ("best practices"
# is none of them, and a team's "Vision Lab" no lesson).
EXERCISE_WORDS = lazy_pattern(
    r"(?i)\b(?:this\s+(?:folder|part|step|module|is)\s+(?:is\s+)?(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:tutorial|exercise|lesson)|^#*\s*(?:tutorial|exercise|lesson)s?\b"
    r"|(?:to|I|we|you)\s+practi[cs]e)\b"
)
# How `teaching_evidence` names numbered folders it reads as lessons.
LESSON_FOLDERS = "lesson folders"
COURSE_WORDS = lazy_pattern(r"(?i)\b(?:courses?|workshops?|lessons?|bootcamps?|homework)\b")
# Folders of a student's homework (`hw1`, `homework_2`): the student's own projects, one
# per assignment, not the material a course teaches with; and a README opening that says
# the repository is a learner's own, built along a course ("a learning by doing
# repository highly inspired from <the course's repository>", "built while following",
# "contains my homework solutions").
HOMEWORK_FOLDER = lazy_pattern(r"(?i)^(?:hw|homework)[-_ ]?\d")
# A folder named for one of a numbered series (`mini-project-1`, `mini_project2`): its
# name without the number, and the number.
NUMBERED_FOLDER = lazy_pattern(r"([A-Za-z][\w -]*?[A-Za-z])[-_ ]?(\d{1,2})")
# A top-level folder of a learner's homework, one subfolder of code per assignment or
# topic (`homework/Topic1/*.ipynb`, `homework/chapter3/*.py`): a course's material keeps
# its assignments in its lessons (`01-intro/homework.md`), a learner keeps the answers
# together. A subfolder of statements alone (`homework/week1/README.md`) is a course's.
HOMEWORK_CODE = (".py", ".ipynb")
HOMEWORK_GROUP = lazy_pattern(r"(?i)^home[-_ ]?works?$")
# A course's graded project, by its folder (`midterm-project`, `midterm-02`, `capstone_1`).
GRADED_PROJECT = lazy_pattern(
    r"(?i)^(?:\d+[-_])?(?:midterm|capstone)(?:[-_ ]?project)?(?:[-_ ]?\d+)?$"
)
# A README that calls the whole repository its author's own work along a course or over
# time ("Personal repository for <a course>", "A collection of ML/AI projects I've built",
# "Welcome to my experiment portfolio", "practices learned throughout the ... course",
# "my personal implementation of the MLOps Zoomcamp",
# "code ... from my intensive MLOps learning journey", "a portfolio of laboratory
# assignments for the ... course", "Tasks and projects solved by me while passing a
# Machine Learning Engineer course", session 48; "MLOps course by DataTalksClub - personal
# notes and work", session 49):
# its numbered folders are that learner's projects, with or without project files. "My
# solutions to the assignments" says what folders that are projects hold.
LEARNER_OWN = (
    r"\bpersonal\s+repo(?:sitory)?\s+(?:for|of)\b|\bmy\s+(?:[\w-]+\s+){0,2}portfolio\b"
    r"|\bmy\s+personal\s+(?:implementation|work|notes|solutions)\b|\bpersonal\s+notes\b"
    r"|\bprojects\s+(?:that\s+)?I(?:['\u2019]ve|\s+have)?\s+(?:built|made|created|developed|done)\b"
    r"|\blearn(?:ed|t)\s+(?:throughout|during|in|along)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:course|bootcamp|program(?:me)?|track)\b(?!\s+of\b)"  # not "the course of the project"
    r"|\bmy\s+(?:[\w-]+\s+){0,3}learning\s+journey\b"
    r"|\bportfolio\s+of\s+(?:[\w-]+\s+){0,2}(?:assignments|labs|homeworks?)\b"
    r"|\b(?:solved|done|completed)\s+by\s+me\b"
    r"|\bwhile\s+(?:passing|taking|attending|following)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}"
    r"(?:course|bootcamp|program(?:me)?|specialization)\b"
)
LEARNER_REPOSITORY = lazy_pattern(f"(?i){LEARNER_OWN}")
# A README that says it holds its author's answers to a course's work ("This repository
# contains my solutions to the homework and project exercises from the course").
MY_SOLUTIONS = r"\bmy\s+(?:own\s+)?(?:homeworks?|assignments|(?:homework\s+)?solutions)\b"
MY_ANSWERS = lazy_pattern(f"(?i){MY_SOLUTIONS}")
# A learner's repository, by those words or by what its project folders hold; work
# "completed as part of" a course or training path is a learner's (3 fit repositories,
# all monorepos); exercises "to be completed as part of" it are the course's.
LEARNER_WORDS = lazy_pattern(
    r"(?i)\blearning[- ]by[- ]doing\b|\binspired\s+(?:by|from)\b"
    r"|\b(?:built|made|developed|created)\s+(?:while\s+|by\s+)?following\b"
    rf"|{MY_SOLUTIONS}"
    r"|\b(?<!be\s)(?:completed|done|submitted)\s+(?:[\w-]+\s+){0,2}as\s+part\s+of\b"
    r"|" + LEARNER_OWN
)
# A README that links a video for each of its folders ("Code for <channel>", a table of
# videos with a code link per row): the code that goes with a series of videos, one
# tutorial per folder, however many of its folders keep a requirements.txt. A product's
# README links a demo or two, or a list of talks that point at no folder of its own.
VIDEO_LINK = lazy_pattern(
    r"(?i)\b(?:youtu\.be/|youtube\.com/(?:watch\?v=|embed/)|vimeo\.com/)([\w-]{6,})"
)
VIDEO_SERIES = 5
# A link's target in Markdown or reStructuredText, and a GitHub URL into the repository's
# own tree (`https://github.com/OWNER/REPO/tree/BRANCH/FOLDER`).
LINK_TARGET = lazy_pattern(r"\]\(([^)\s]+)\)|<([^>\s]+)>`_")
GITHUB_TREE = lazy_pattern(r"^https?://github\.com/[^/]+/[^/]+/(?:tree|blob)/[^/]+/")
# A link to a path in a GitHub repository: the repository (owner/name) and the path in it.
GITHUB_PATH = lazy_pattern(r"^https?://github\.com/([^/]+/[^/]+)/(?:tree|blob)/[^/]+/([^?#]*)")
GITHUB_LINK = lazy_pattern(r"https?://github\.com/[^\s)>\]\"'`]+")
# A README that calls the repository a template to start from ("serves as a template for",
# "a clean template to kickstart"), by that name or another for the same thing (a starter
# kit, a boilerplate, a skeleton, a scaffold for projects; a starting point for your
# projects, not "a starting point for newsroom tooling"), not one it was made from.
# "An ML project template with sensible defaults" names it one too ("a prompt template
# with" names a part), and so does a sentence about "this template" or "this starter kit"
# ("This template mirrors the design ... to help teams bootstrap", "This template deploys a
# ... BentoML inference API"), and so does "a ...
# project template generator" (a package that renders them, PyScaffold's extension).
TEMPLATE_WORDS = lazy_pattern(
    r"(?i)\b(?:serves?\s+as\s+|is\s+)?an?\s+(?:[\w+-]+\s+){0,3}"
    r"(?:(?:template|starter(?:\s+(?:kit|pack|project|code))?|boilerplate|skeleton"
    r"|scaffold(?:ing)?)\s+(?:for|to)\b|starting\s+(?:point|pack|kit)\s+(?:for|to)\s+"
    r"(?:your\b|new\b|(?:[\w-]+\s+){0,3}(?:projects?|use[ -]cases?|repositor(?:y|ies)"
    r"|applications?)\b)|(?:project|repo(?:sitory)?|app(?:lication)?)\s+template\s+with\b"
    r"|(?:project\s+)?template\s+generator\b)"
    r"|\bthis\s+(?:template|starter(?:\s+kit)?|boilerplate)\s+(?:mirrors|provides|includes"
    r"|ships|comes|contains|gives|offers|helps|lets|follows|implements|sets|deploys)\b"
)
# "You can use this as a template to ...": a use the author offers for a project of theirs
# (a finished application that deploys), not what the repository is.
TEMPLATE_OFFERED = lazy_pattern(
    r"(?i)\b(?:can|could|may)\s+(?:also\s+)?use\s+(?:this|it)(?:\s+(?:repo(?:sitory)?|project))?"
    r"\s+as\s+$"
)
# What marks the code of a paper (research code is judged like an example): one line each,
# with a lower-case word every match holds (a README without it is not searched: a
# case-blind pattern costs milliseconds per README, `in` on the lowered text microseconds).
RESEARCH_SIGNS = (
    ("an arXiv link", "arxiv", r"arxiv\.org/(?:abs|pdf)/\d"),
    ("a BibTeX entry", "@", r"@(?:inproceedings|article|misc|conference|techreport)\s*\{"),
    (
        "a paper's implementation",
        "implementation",
        r"(?i)\b(?:official|unofficial)\b[^.\n]{0,60}\bimplementation\b"
        r"|\b(?:pytorch|tensorflow|keras|jax)\b[^.\n]{0,60}\bimplementation\s+of\b",
    ),
    ("a request to cite it", "cit", r"(?im)\bplease cite\b|^#+[ \t]*citation\b"),
    ("the paper it implements", "paper", r"(?i)\b(?:our|this|original) paper\b"),
    ("a proposed method", "proposed", r"(?i)\b(?:the|our) proposed\b"),
)
# A BibTeX entry for the software itself (`@software{metaflow_distributed_training,`):
# "please cite" it asks credit for a tool or a platform, not for a paper.
SOFTWARE_CITATION = lazy_pattern(r"@software\s*\{")
# A W&B sweep file: a search over training runs (`method: bayes`, `parameters:`). Runs
# searched, and nothing served, published, built into an image or declared as a
# pipeline: experiments (an application tunes its model with sweeps too, and ships it).
SWEEP_FILE = lazy_pattern(r"(?i)(?:^|/)(?:[^/]*sweep[^/]*|sweeps?/[^/]+)\.ya?ml$")
SWEEP_METHOD = lazy_pattern(r"(?m)^method:[ \t]*['\"]?(?:grid|random|bayes)\b")
SWEEP_PARAMETERS = lazy_pattern(r"(?m)^parameters:")
# A paper's sources (LaTeX, Typst) beside a BibTeX bibliography: the code of that paper.
PAPER_SOURCES = (".tex", ".typ")
# Code named for the paper it goes with (`plot_paper.py`, `paper_figures.ipynb`):
# an application's scripts are named for what they do, not for a publication.
PAPER_CODE = lazy_pattern(
    r"(?i)(?:^|[/_-])paper(?:[_-](?:fig|plot|result|experiment|table)[^/]*)?\.(?:py|ipynb)$"
)
# Code named for an ablation study (`plot_ablations.py`, `ablation_lr.ipynb`): a method's
# parts switched off one at a time to measure each, what a paper reports; a product's
# outputs may record such a comparison, its code is not named for one.
ABLATION_CODE = lazy_pattern(r"(?i)(?:^|[/_-])ablations?(?:[_-][^/]*)?\.(?:py|ipynb)$")
# A README heading (Markdown's `#`, or a line underlined with `===`/`---`): the section
# before the second one is its title section, where it says what the repository is.
README_HEADING = lazy_pattern(r"(?m)^#{1,6}[ \t]+\S|^[^\n]+\n[=-]{3,}[ \t]*$")
TITLE_SECTION = 2000  # characters: a title, its badges and the first paragraphs
RESEARCH_FOLDER = lazy_pattern(r"(?i)(?:^|[_-])research(?:$|[_-])")
# A scientific workflow engine's entry file (Snakemake's standard layout, Nextflow): when
# it runs scripts (no package, nothing published or served), the repository is a data
# analysis, research code.
SCIENTIFIC_WORKFLOWS = (
    "Snakefile",
    "snakefile",
    "workflow/Snakefile",
    "workflow/snakefile",
    "main.nf",
)
# A README whose first paragraphs call the repository itself an example, a demo, a proof
# of concept or a tutorial ("Example of how to build...", "This is a demo of how...", "a
# toy project", "a step-by-step introduction into DVC", "this tutorial shows", "the code
# for the exercise as required", "code for my posts", "This is a simple example of"):
# what it shows is judged as an example's, whatever code and services it holds; so is
# one that says it holds sample code ("This repository includes sample code how to
# interact with", "collects sample code, notebooks ... used in workshops", "compiles
# prescriptive guidance and code samples for", "maintains code samples accompanying the
# ... reference guide"), or that it provides an example of something
# ("This repository provides a structured example of
# implementing an MLOps pipeline", "The goal of mlops is to provide an example of `cml`,
# `dvc`, and `tidymodels`", "To provide a minimal example to showcase pants", K28; not
# "contains an example of a request", nor a demo
# offered to someone, "provides a live demo for customers"), that it is a proof of
# concept of something ("**A proof-of-concept MLOps workflow for credit default
# prediction.**"), a repository demonstrating how to do something ("A repository
# demonstrating how to build a robust service ... This example includes several best
# practices"), or that speaks of itself as "this example" doing something: sample code
# is examples by another name (bare "samples" are data: "contains 5000 labelled
# samples"); so is "a sample project", and "multiple example projects on how to" (a
# collection of examples, session 43); the repository may be named in code ("`acebet` is
# a compact MLOps tutorial"). After "an example" or at a line's start, up to
# three words may say what about ("An example data science project", "an example of a
# data science project", "A sample Flask application to showcase"); and "End to end
# example of Metaflow pipeline". A line that opens with "Proof of Concept" ("Proof of
# Concept réalisé dans le cadre du parcours ...") names the repository one, as does one that
# calls it a demo built around something ("End-to-end Azure Machine Learning demo built
# around the Iris dataset"), and one that calls it a playground ("The repository is a
# playground for experiments about using Kedro on AWS") a place to try a tool.
SELF_DESCRIBED_EXAMPLE = lazy_pattern(
    r"""(?imx)\b(?:example|demo(?:nstration)?|sample|proof[ -]of[ -]concept(?:[ \t]*\(poc\))?
    |poc|toy)[ \t]+(?:projects?|repo(?:sitory)?|app(?:lication)?|of[ \t]+how|showing|demonstrating
    |that[ \t]+(?:shows|demonstrates))\b
    |\b(?:step[- ]by[- ]step|quick|hands[- ]on)\s+(?:introduction|intro|tutorial|walk-?through)\b
    |\b(?:a|this)\s+(?:tutorial|walk-?through)\s+(?:on|for|of|that|to|showing)\b
    |(?:\b(?:this|it)(?:\s+(?:example|repo(?:sitory)?|project|package|library|code))?
    |`[\w.-]+`)\s+is\s+
    (?:just\s+|only\s+)?an?\s+(?:[\w-]+\s+){0,2}
    (?:example|demo|toy|tutorial|proof[ -]of[ -]concept|poc)(?![\w-])
    |\b(?:code|solution)\s+(?:for|to)\s+(?:the|an?|this)\s+
    (?:example|exercise|take[- ]home)\b
    |\b(?:repo(?:sitory)?|project)\s+(?:includes|contains|collects|compiles|gathers|holds
    |provides|has|maintains|hosts|keeps)\s+
    (?:[\w-]+\s+){0,3}(?:sample\s+(?:code|notebooks|scripts)|code\s+samples)\b
    |\b(?:this|the)\s+(?:repo(?:sitory)?|project|code)\s+(?:provides|offers|presents|gives)\s+
    an?\s+(?:[\w-]+\s+){0,2}(?:example\s+(?:of|for|on|showing|that)
    |(?:demo|demonstration)\s+(?:of|on|showing|that)|(?:overview|introduction)\s+(?:of|to))\b
    |\bto\s+(?:provide|give|offer)\s+an?\s+(?:[\w-]+\s+){0,2}(?:example|demonstration)\s+
    (?:of|to\s+(?:showcase|show|demonstrate|illustrate))\b
    |(?:\ban?[ \t]+|^[ \t#]*)(?:example|demo|toy|sample)[ \t]+(?:of[ \t]+an?[ \t]+)?
    (?:(?!(?:of|for|to|the|in|on|with|and|is|are)\b)[\w-]+[ \t]+){1,3}
    (?:project|repo(?:sitory)?|app(?:lication)?|service)\b
    |\ban?[ \t]+[*_]*(?:proof[ -]of[ -]concept|poc)[*_]*[ \t]+(?:[\w-]+[ \t]+){0,3}
    (?:workflow|pipeline|project|system|app(?:lication)?|implementation|service)\b
    |^[ \t>*_]*proof[ -]of[ -]concept\b
    |^[ \t>*_]*(?:an?[ \t]+)?(?:[\w-]+[ \t]+){1,6}demo[ \t]+(?:built|made|created|developed)
    [ \t]+(?:around|on|for|to)\b
    |\b(?:this|the)\s+(?:repo(?:sitory)?|project)\s+is\s+(?:just\s+)?an?\s+(?:[\w-]+\s+){0,2}
    playground\s+(?:for|to|of)\b
    |\b(?:repo(?:sitory)?|project|code)\s+(?:demonstrating|showing|illustrating)\s+how\s+to\b
    |\b(?:this|the)\s+(?:repo(?:sitory)?|project|code)\s+(?:shows|contains|holds)\s+
    (?:some\s+|a\s+few\s+)?(?:[\w-]+\s+){0,2}examples\s+(?:of|for|to|on)\b
    |\bin\s+this\s+(?:example|demo|sample),?\s+(?:we|I|you)\b
    |\b(?:code|slides|materials?)\b[^.]{0,40}?\bfor\s+\[?(?:my|our|the|a)\s+(?:[\w-]+\s+){0,3}
    (?:tutorial|talk|workshop|webinar|presentation)\b
    |\bexample\s+of\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}(?:pipelines?|workflows?)\b
    |\b(?:this|the)\s+(?:example|sample|tutorial|workshop|walk-?through)\s+(?:includes|shows
    |demonstrates|implements|illustrates|uses|covers|walks|consists|teaches|explains
    |is\s+implemented)\b"""
)
# The same said in Korean, Japanese or Chinese, in the sentence that names the repository
# ("이 레포지토리는 ... MLOps 파이프라인 예제를 담고 있습니다", round 66; "このリポジトリは
# ...のサンプルです", "本レポジトリは...のサンプルコードです",
# "本仓库是...的示例"), or that names it a sample project, as "an example
# project" does in English, or a course's teaching material: it holds an example.
CJK_EXAMPLE_SAID = lazy_pattern(
    r"이[ \t]*(?:저장소|레포지토리|리포지토리|프로젝트)는[^.\n]{0,160}?(?:예제|예시|데모|튜토리얼)"
    r"|(?:この|本)(?:リポジトリ|レポジトリ|プロジェクト)は[^。\n]{0,200}?(?:サンプル|デモ|チュートリアル|例)"
    r"|(?:本|这个|這個)(?:仓库|倉庫|项目|專案)(?:是|为|為|包含)[^。\n]{0,120}?(?:示例|范例|範例|样例|演示|教程)"
    # a title or a sentence naming it a sample project ("# LLM 기반 텍스트 분석 샘플 프로젝트")
    r"|(?:샘플|예제|데모)[ \t]*(?:프로젝트|저장소|레포지토리|애플리케이션)"
    r"|(?:サンプル|デモ)[ \t]*(?:プロジェクト|アプリ|リポジトリ)"
    r"|(?:示例|演示|样例|範例|范例)(?:项目|專案|項目|程序|应用|應用)"
    # or its teaching material ("ハンズオン教材です", hands-on teaching material; "강의 교재")
    r"|(?:ハンズオン|学習|研修|講座|教学|课程|課程)(?:用の?)?教材|(?:강의|실습)[ \t]*(?:교재|자료)"
    # or a book's code ("用于重现《MLops—实践机器学习从开发到生产》书中的 Python 代码")
    r"|(?:书|書)中的[^。\n]{0,30}?(?:代码|代碼|程序)|(?:本书|本書|随书|配套)(?:的)?(?:代码|代碼)"
    # or, in Vietnamese, a title that names it a guide ("# Hướng dẫn MONAI + Kubeflow trên
    # Windows - Từ A đến Z", a step-by-step guide) or a sentence that names it an example
    r"|(?m:^#[ \t]+Hướng[ \t]+dẫn\b)|\b(?:dự[ \t]+án|repo)[ \t]+(?:này[ \t]+)?là[ \t]+"
    r"(?:một[ \t]+)?(?:ví[ \t]+dụ|demo|hướng[ \t]+dẫn)\b"
)
# A course's own page: its README names the course's teacher and teaching assistant, each
# on a line of its own ("- 교수: 조재용" and "- 조교: 장영인", "Instructor: ..." and
# "Teaching assistant: ..."); a student's project names an advisor at most.
COURSE_TEACHER = lazy_pattern(
    r"(?im)^[ \t>*_-]*(?:교수|instructors?|professors?|lecturers?)[ \t*_]*[:\uff1a]"
)
COURSE_ASSISTANT = lazy_pattern(
    r"(?im)^[ \t>*_-]*(?:조교|teaching[ \t]+assistants?|TAs?)[ \t*_]*[:\uff1a]"
)
# The same said in Portuguese or Spanish: the repository is an example or a tutorial
# ("Este repositório é um exemplo de", "Este proyecto es un tutorial"), or its authors made
# it as one ("criamos esse exemplo com a DataSet do Spotify", "creamos este ejemplo"), or a
# course's teaching material ("Projeto didático", "Material da disciplina MLOps").
ROMANCE_EXAMPLE_SAID = lazy_pattern(
    r"(?i)\b(?:est[ea]|ess[ea])[ \t]+(?:reposit[oó]rio|projeto|proyecto|c[oó]digo)[ \t]+"
    r"(?:é|es)[ \t]+(?:um|uma|un|una)[ \t]+(?:[\w-]+[ \t]+){0,2}(?:exemplo|ejemplo|tutorial)\b"
    r"|\b(?:criamos|criei|creamos|cre[ée]|desenvolvemos|desarrollamos)[ \t]+"
    r"(?:esse|este|um|un)[ \t]+(?:exemplo|ejemplo)\b"
    # or says it holds one ("Este repositorio contiene un proyecto de ejemplo de Machine
    # Learning", "Este repositório contém um projeto de exemplo")
    r"|\b(?:est[ea]|ess[ea])[ \t]+(?:reposit[oó]rio|repositorio)[ \t]+(?:contiene|cont[ée]m)[ \t]+"
    r"(?:um|uma|un|una)[ \t]+(?:[\w-]+[ \t]+){0,2}(?:proyecto|projeto|c[oó]digo)[ \t]+de[ \t]+"
    r"(?:exemplo|ejemplo)\b"
    # or a practical ("Este repositorio contiene una práctica completa de MLOps")
    r"|\b(?:contiene|cont[ée]m)[ \t]+(?:una|uma)[ \t]+(?:[\w-]+[ \t]+){0,2}pr[aá]ctica\b"
    # or calls it a course's teaching material ("Projeto didático de MLOps", "Material da
    # disciplina MLOps", "material educacional")
    r"|\b(?:projeto|proyecto)[ \t]+did[aá]ctico\b|\bprojeto[ \t]+did[aá]tico\b"
    r"|\bmaterial[ \t]+(?:da|de[ \t]+la|del|do)[ \t]+(?:disciplina|asignatura|curso|m[oó]dulo)\b"
    r"|\bmaterial[ \t]+de[ \t]+(?:las[ \t]+)?(?:clases|aulas)\b"
    # or a lab for a bootcamp or a course ("Laboratorio de Machine Learning para Bootcamp
    # Institute"), or material "para fines educativos" (for teaching purposes)
    r"|\blaborat[oó]rio[ \t]+(?:de[ \t]+(?:[\w-]+[ \t]+){1,3})?para[ \t]+(?:el[ \t]+|o[ \t]+)?"
    r"(?:bootcamp|curso|taller|workshop)\b"
    r"|\bpara[ \t]+(?:fines|fins)[ \t]+(?:educativos|educacionais|did[aá]c?ticos)\b"
    r"|\bmaterial(?:es)?[ \t]+(?:did[aá]c?tico|educacional|educativo)s?\b"
    # or says it shows one ("Este repositorio muestra un ejemplo sencillo de MLops")
    r"|\b(?:muestra|mostra)[ \t]+(?:um|uma|un|una)[ \t]+(?:[\w-]+[ \t]+){0,2}(?:exemplo|ejemplo)\b"
)
# The same said in French in the README's first paragraphs: a training course that says
# what it teaches ("Cette formation vise à vous fournir les connaissances"), or a repository
# that calls itself an example or a tutorial ("Ce dépôt est un exemple de").
FRENCH_EXAMPLE_SAID = lazy_pattern(
    r"(?i)\b(?:cette|notre)[ \t]+formation[ \t]+(?:vise|a[ \t]+pour[ \t]+but|propose|pr[ée]sente"
    r"|couvre|permet)\b"
    r"|\bce[ \t]+(?:d[ée]p[ôo]t|projet|repo)[ \t]+(?:est|contient)[ \t]+(?:un|une|des)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,2}(?:exemples?|tutoriels?|d[ée]monstration)\b"
    # or tells its reader how to follow the practical ("Pour suivre ce TP nous allons")
    r"|\bpour[ \t]+suivre[ \t]+(?:ce|cette|le|la|les)[ \t]+(?:TPs?|formation|cours|atelier"
    r"|tutoriel|travaux[ \t]+pratiques)\b"
    # or says its labs go with a talk or a course ("Ces labs accompagnent la présentation")
    r"|\b(?:ces|ce)[ \t]+(?:labs?|ateliers?|TPs?|travaux[ \t]+pratiques)[ \t]+"
    r"(?:accompagnent|accompagne|illustrent|illustre|compl[èe]tent|compl[èe]te)\b"
)
# A package its README calls an example, a demo, a sample or a proof of concept ("This
# package is a proof-of-concept", "this library is just a toy", "This is a sample project
# for Databricks, generated via cookiecutter"): the written rule makes it an
# example with or without its package; a README that only points to a tutorial does not.
PACKAGE_SAID_EXAMPLE = lazy_pattern(
    r"(?i)\b(?:this|it)\s+(?:package|library|project|code|repo(?:sitory)?)?\s*is\s+"
    r"(?:just\s+|only\s+)?an?\s+(?:[\w-]+\s+){0,2}"
    r"(?:example|demo|toy|sample|proof[ -]of[ -]concept|poc)(?![\w-])"
)
# A project a student makes for a course ("This project is taking place in context of the
# MLOps lecture", "a project for the MLOps course"): a course's final project, an
# application by the portfolio rule, not the course's material.
COURSE_PROJECT = lazy_pattern(
    r"(?i)\bproject\b[^.]{0,60}?\b(?:in\s+(?:the\s+)?context\s+of|for|within|as\s+part\s+of"
    r"|during)\s+(?:the|a|an|our|my)\s+(?:[\w-]+\s+){0,3}(?:lecture|course|class)\b"
)
# A README that says the repository holds a course's material ("contains the internal
# MLflow training materials", "workshop material"): its package is the lessons' helper.
TEACHING_MATERIALS = lazy_pattern(
    r"(?i)\b(?:training|course|workshop|teaching|lecture|class|tutorial)[ \t]+materials?\b"
)
# The self-descriptions no usage text or list of parts says of a product: the repository
# shows how to do something ("This project demonstrates how to deploy..."), or it is the
# code of a blog post or talk ("code for my posts", "This code is used in this [blog
# post](...)", "code for [this blog post](...)", "the code and instructions for [this
# article]"), that it shows a way of doing something ("This repo shows a simple way of
# developing Azure ML pipelines"), that it showcases a tool's use ("This repo showcases
# the usage of ClearML Pipeline", session 47; not "designed to showcase production-minded
# ML", a portfolio's product), that it is meant to demonstrate or to showcase the
# integration of tools ("This repo is intended to demonstrate an end-to-end MLOps
# workflow"), explores approaches ("This repository explores the different approaches")
# or is just a showcase of one (session 48: 4 fit examples, no other kind), or that it is
# snippets for a tool ("**Snippets for
# Google Vertex AI!**", at a line's start). They are searched in the README's whole
# opening (a Space's "## Try the App" section may come first), not only its first
# paragraphs; so does "Code from My YouTube Videos" (a video's companion, as a blog post's,
# session 43), and "This repository demonstrates how components can be bundled",
# the same technique said in the passive, and "It demonstrates how to orchestrate" or "a
# pipeline that demonstrates how to build" (the project as the sentence's subject). So is
# a README that says the repository supports or goes with tutorials, articles or a
# course ("a repository that supports tutorials on", "code to accompany the [How To Build
# ...](https://...) blog post"), or speaks of itself as a session of one ("in this session, I have
# covered") or welcomes its reader to one ("Hello and welcome to this class on model
# deployment"), or is a platform "that shows how a real ML system works": a course's or a
# blog post's companion code, or a walk-through, by the written rules, is an example.
SHOWN_HOW = lazy_pattern(
    r"""(?ix)\b(?:this|the)\s+(?:project|repo(?:sitory)?|code|quickstart)s?\s+
    (?:(?:aims|is\s+meant|is\s+intended|sets\s+out)\s+to\s+|will\s+)?
    (?:demonstrates?|shows?|illustrates?)\s+how\s+(?:to\b|(?:[\w-]+\s+){1,8}(?:can|could|may)\s+be\b
    |(?:[\w-]+\s+){1,3}(?:can|could|may)\s+\w+)
    |\b(?:notebooks|examples|scripts)\s+(?:demonstrating|showing|illustrating)\s+how\s+to\b
    |\b(?:it|that|which)\s+(?:demonstrates|illustrates)\s+how\s+to\b
    |\bcode\s+(?:and\s+(?:[\w-]+\s+){1,2})?(?:for|of|from|accompanying|behind)\s+\[?
    (?:my|our|the|this|a)\s+\[?(?:(?:blog|youtube)\s+)?(?:posts?|articles?|blog|talks?|videos?)\b
    |\bcode\s+(?:to\s+accompany|accompanying|for|behind)\s+(?:my|our|the|this|a)\s+
    \[[^\]\n]*\]\([^)\s]*\)\s+(?:(?:blog|youtube|medium)\s+)?(?:posts?|articles?|talks?|videos?)\b
    |\b(?:this|the)\s+(?:project|repo(?:sitory)?|code)\s+shows\s+an?\s+(?:[\w-]+\s+){0,2}
    way\s+(?:of|to)\b
    |\b(?:this|the)\s+(?:project|repo(?:sitory)?|code)\s+showcases\s+(?:the\s+)?(?:usage|use)\s+of\b
    |\b(?:this|the)\s+(?:project|repo(?:sitory)?|code)s?\s+(?:is\s+)?(?:intended|meant|designed)
    \s+to\s+(?:demonstrate|illustrate|showcase\s+(?:the\s+)?(?:integration|use|usage)\s+of)\b
    |\b(?:this|the)\s+(?:project|repo(?:sitory)?|code)\s+explores\b
    |\b(?:this|the)\s+(?:project|repo(?:sitory)?|code)\s+focus(?:es)?\s+on\s+[`*_"]?how\s+to\b
    |\bis\s+(?:just|only|simply)\s+an?\s+(?:[\w-]+\s+){0,2}showcase\s+of\b
    |(?m:^)[ \t#*]*(?:code\s+)?snippets\s+(?:for|of|showing|to)\b
    |\bcode\s+(?:is\s+)?(?:used|shown|explained|described|discussed)\s+in\s+\[?(?:my|our
    |the|this|a)\s+\[?(?:blog\s+)?(?:posts?|articles?|blog|talk)\b
    |\b(?:this|the|an?)\s+(?:repo(?:sitory)?|code|project|folder)\s+(?:that\s+)?(?:supports
    |accompanies|goes\s+with)\s+(?:the\s+|my\s+|our\s+)?(?:[\w-]+\s+)?
    (?:tutorials?|articles?|(?:blog\s+)?posts|talks?|courses?|workshops?|books?)\b
    |\b(?:platform|system|project|repo(?:sitory)?|codebase)[*_]*\s+that\s+shows\s+how\s+an?\s+
    (?:[\w-]+\s+){1,4}works\b
    |\bin\s+this\s+(?:session|lesson|tutorial|workshop|lecture),?\s+(?:we|I|you)\b
    |\bwelcome\s+to\s+this\s+(?:session|lesson|tutorial|workshop|lecture|course|bootcamp|class)\b
    |\bwelcome\s+to\s+the\s+(?:[\w-]+\s+){0,3}(?:course|workshop|bootcamp|class)\s+
    (?:repo(?:sitory)?|materials?)\b"""
)
# A sentence anywhere in the README that says the repository exists only to show something
# ("This project is purely to demonstrate how a model can be ...", "This repository is
# only meant for educational purposes", "designed as a learning resource for MLOps
# fundamentals", "This project serves as a comprehensive example of MLOps using Azure",
# "The complete step-by-step lab guide is available in", a workshop's)
# or that its code is an article's demonstration
# ("My article in Medium with code in this repo demonstrates how to"), or that marks it a
# vendor's showcase: a disclaimer that it is "FOR DEMONSTRATION PURPOSE ONLY", or the name
# a vendor gives the walk-throughs it publishes ("In this solution accelerator, we
# discuss how"; 2 fit repositories, rounds 26 and 36, both examples), or that calls the
# repository "this demo" ("This demo purposefully uses", "the intent of this demo"; the
# 9 fit repositories whose README says so are examples, session 47; not "try this demo"
# or "this demo video", a product's hosted page or a recording): its author's word
# for what it is, however far below the opening (a product's README describes what it
# does there; "the project demonstrates how to" alone is no purpose). Read past the
# opening because such a README opens on what the code does.
SAID_LATER = lazy_pattern(
    r"""(?ix)\b(?:this|the)\s+(?:project|repo(?:sitory)?|code|app(?:lication)?)\s+(?:is|was)\s+
    (?:purely|only|just|simply|mainly|primarily|solely)\s+
    (?:meant\s+|intended\s+|designed\s+|made\s+|built\s+|created\s+)?(?:to|for)\s+
    (?:demonstrat|show\b|showcas|illustrat|educational|learning\s+purpose|teach)
    |\bcode\s+(?:in|of)\s+this\s+repo(?:sitory)?\s+(?:demonstrates|shows|illustrates)\s+how\b
    |\bfor\s+demo(?:nstration)?\s+purposes?\s+only\b|\bsolution\s+accelerators?\b
    |\b(?:this|the)\s+(?:project|repo(?:sitory)?)\s+serves\s+as\s+an?\s+(?:[\w-]+\s+){0,2}
    (?:example|demo(?:nstration)?|tutorial)\b
    |\b(?:designed|intended|meant|built|made|created)\s+as\s+an?\s+(?:[\w-]+\s+)?
    (?:learning|teaching|educational)\s+resource\b
    |\blab\s+guide\b
    |(?<!try\s)(?<!see\s)(?<!watch\s)(?<!out\s)\bthis\s+demo\b(?!\s*(?:videos?|gifs?|apps?
    |pages?|links?|(?:web)?sites?|spaces?|images?|screenshots?|recordings?|below|above)\b)"""
)
# A README whose first paragraphs open a line by presenting the repository as a course,
# a workshop, a bootcamp, a book or a guide ("**A comprehensive, hands-on course to
# master MLOps.**", "A simple yet complete guide to MLOps tools", "This repository is a
# workshop on", "This repository serves as a comprehensive guide to"): teaching material by
# the written course rule, whatever its lessons build. A project built for or during a
# course says so later in its sentence.
COURSE_SAID = lazy_pattern(
    r"(?im)^[ \t*_>]*(?:this\s+(?:repo(?:sitory)?|project)\s+(?:is|serves\s+as)\s+)?"
    r"an?\s+(?:[\w,-]+\s+){0,4}"
    r"(?:course|workshop|bootcamp|book|guide)\s+(?:to|on|for|about|in|that|covering)\b"
)
# A README whose opening presents the repository as a book's companion code ("Official
# repository of the LLM Engineer's Handbook by", "This is the code repository for
# [Title](...), published by Packt", "The goal of this book is", "code samples are stored
# for the book", "Code repository accompanying the O'Reilly [...] book"): an example by
# the course rule (a course, workshop, bootcamp or book's
# companion code), whatever end-to-end system its chapters build. "A book recommender",
# "search for the book you want" or "the book is ranked by" speaks of a product's
# subject, not of the repository: "the book" counts only with what a book does to its
# reader (covers, teaches, explains).
BOOK_SAID = lazy_pattern(
    r"""(?ix)\bthis\s+book\s+(?:is|will|covers|teaches|shows|explains|about)\b
    |\bthe\s+book\s+(?:covers|teaches|explains)\b
    |\b(?:goal|aim|purpose)\s+of\s+this\s+book\b|\bwhat\s+is\s+this\s+book\b
    |\b(?:code|companion|samples|examples|notebooks|exercises)\b[^.\n]{0,40}?
    \b(?:for|to|of|accompanying)\s+(?:the|my|our)\s+book\b
    |\brepo(?:sitory)?\s+(?:of|for)\s+the\s+(?:[\w'\u2019&:+-]+\s+){1,6}(?:book|handbook)\b
    |\bpublished\s+by\s+(?:packt|o['\u2019]reilly|manning|apress|wiley|no\s+starch|springer)\b
    |\b(?:code|repo(?:sitory)?)\s+(?:accompanying|that\s+accompanies|to\s+accompany)
    \s+(?:the|my|our|an?)\s+[^\n]{0,200}?\bbook\b"""
)
# A heading of the README's opening that names a conference, a meetup or a summit and
# its year ("### PyCon DE & PyData Berlin // October 9 - 13 2019", "**ODSC AI East 2026
# Workshop**"): the material of a talk or a workshop given there, an example by the
# course rule. A generic event word (a conference, a summit, a meetup) counts only beside
# a talk's word in the same heading ("MLOps Summit 2023 workshop"): "# Conference Room
# Booking Forecaster 2024" or "## Winner of the Data Summit 2023 hackathon" heads a
# product's README.
EVENT_HEADING = lazy_pattern(
    r"(?im)^[ \t]*(?:#{1,6}[ \t]+|\*\*|__)(?=[^\n]*\b(?:19|20)\d{2}\b)"
    r"(?:[^\n]*?\b(?:pycon|pydata|europython|scipy|kubecon|odsc|devfest|strata)\b"
    r"|(?=[^\n]*\b(?:workshop|talk|tutorial|session|slides|presentation|hands[- ]on)\b)"
    r"[^\n]*?\b(?:meetups?|conference|summit)\b)[^\n]*"
)
# A README section heading that names the repository a demo, a workshop, a tutorial or a
# lab ("## How to run this demo", "## How to use this workshop"): its author's word for
# what the repository is, wherever the section comes. "## Run the example" may run a
# product's usage sample; "this" names the repository.
HEADING_NAMED = lazy_pattern(
    r"(?im)^#{1,6}[ \t]+(?:how[ \t]+to[ \t]+)?(?:run|use|follow|do|set[ \t]*up|start|deploy"
    r"|running|using|following|doing|setting[ \t]+up|starting|deploying)[ \t]+this[ \t]+"
    r"(?:demo|workshop|tutorial|lab|hands[- ]on)\b"
)
# A README that has its reader clone the repository from a vendor's organisation of
# samples (`git clone https://github.com/aws-samples/...`, `Azure-Samples`): the
# vendor's sample, an example by the written rule ("samples are examples by another
# name"), whatever pipelines and stacks it provisions. Only the README's first clone is
# the repository's own: a later one fetches something else (a helper, a dataset).
GIT_CLONE = lazy_pattern(r"(?i)\bgit\s+clone\b")
VENDOR_SAMPLE = lazy_pattern(
    r"(?i)\bgit\s+clone\s+(?:-\S+\s+)*https?://github\.com/[\w-]*samples/[\w.-]+"
)
# Where a clone came from (its `origin` remote, mlops_scaffold/origin.py). An owner that
# is a vendor's organisation of samples (`aws-samples`, `Azure-Samples`; a GitLab group
# or any of its subgroups) publishes examples, as its README's `git clone` says above.
SAMPLES_OWNER = lazy_pattern(r"(?i)^(?:[\w.]+[-_.])?samples$")  # not a person's `jsamples`
# The words of a repository's name that say what it is (`end-to-end-mlops-tutorial`,
# `minimal-ml-template`, `cookiecutter-pytorch`): its author's word, but a weak one,
# heard only where no rule holds and the repository serves nothing (a service named
# `...-demo` is often the product itself). Measured on the fit corpus: each word here is
# the labelled kind of (nearly) every repository whose name carries it; "course",
# "lab", "learning", "zoomcamp", "skeleton" and "test" are not ("mlops-zoomcamp" is a
# learner's homework or capstone, "fastapi-ml-skeleton" a service).
NAME_WORDS: dict[Kind, frozenset[str]] = {
    Kind.TEMPLATE: frozenset({"template", "templates", "cookiecutter", "copier", "boilerplate"}),
    Kind.EXAMPLE: frozenset(
        {
            "example",
            "examples",
            "sample",
            "samples",
            "demo",
            "demos",
            "tutorial",
            "tutorials",
            "workshop",
            "workshops",
            "walkthrough",
        }
    ),
}
# The words of NAME_WORDS heard even where the repository serves or deploys a model: every
# repository of the fit corpus so named was an example whatever it served
# (`fastapi-ml-example`, `kserve-examples`). A service named `...-demo` is often the
# product itself (`Pneumonia-Detection-Demo`), and one named `...-template` often a
# product started from a template (four of the fit corpus).
SERVICE_NAME_WORDS = NAME_WORDS[Kind.EXAMPLE] - {"demo", "demos"}
NAME_WORD = lazy_pattern(r"[a-z0-9]+")
CAMEL_HUMP = lazy_pattern(r"([a-z0-9])([A-Z])")
# A README whose opening says the repository was made to teach, or to show how to use a
# tool or technique ("meant to show-case how to use Hydra", "built to demonstrate the use
# of"), or to help its reader learn or understand a subject's options or basics ("These
# starters are designed to help you understand what options are available"): teaching
# material, as the course rule's "made to teach"; so is a list of what the reader will learn
# ("designed to help you learn:" over its items). A product's pitch ("designed to help
# you understand your model's predictions") is no lesson. A project made to showcase its
# author's skills ("designed to showcase production-minded ML", a portfolio piece) or to
# learn is an application: the lifecycle practices are what it shows. What a project
# does ("this project demonstrates a scalable architecture") is no purpose.
MADE_TO_SHOW = lazy_pattern(
    r"(?i)\b(?:designed|built|created|made|meant|intended|written|developed)\s+"
    r"(?:\w+\s+){0,2}to\s+(?:(?:show-?case|demonstrate|illustrate|show)\s+"
    r"(?:how\b|the\s+(?:use|usage)\s+of\b)|teach\b"
    r"|help\s+(?:you|readers|learners|beginners|students)\s+(?:to\s+)?"
    r"(?:learn(?:\s+(?:how\b|about\b|the\s+basics\b)|[ \t]*:)"
    r"|understand\s+(?:what\s+options\b|the\s+(?:basics|concepts|fundamentals|options)\b)))"
    # "This project aims to teach you how to implement", "a RAG system for teaching MLOps
    # to data engineering students": a course's stated purpose
    r"|\baims?\s+to\s+teach\b"
    r"|\bfor\s+teaching\s+(?:[\w-]+\s+){1,4}to\s+(?:[\w-]+\s+){0,3}(?:students|learners|beginners)\b"
)
# A README that tells its reader what they will learn or do ("What you'll learn", "You
# will practise", "You are going to learn", "By the end of this workshop", "In this lab,
# you"), anywhere in it: a lesson addresses a learner, a product's README its users ("you
# will need a GPU", "you will see the dashboard" say what using it takes or shows, not
# what it teaches).
LEARNER_ADDRESSED = lazy_pattern(
    r"(?i)\byou(?:['\u2019]ll|\s+will|\s+are\s+going\s+to)\s+(?:learn|practi[cs]e|discover)\b"
    r"|\bwhat\s+you(?:['\u2019]ll|\s+will)\s+(?:learn|build)\b"
    r"|\bby\s+the\s+end\s+of\s+this\s+(?:tutorial|workshop|lab|course|module|session|lesson"
    r"|chapter|exercise)\b"
    r"|\bin\s+this\s+(?:lab|workshop|tutorial|exercise|lesson|hands-on),?\s+(?:you|we)\b"
)
# A course's worked answers kept beside its exercises: a folder named for solutions
# (`solutions/`, `module-1/solution/`) or files named for them
# (`02_project_solution.ipynb`, at least two). Only teaching material ships its answers;
# a learner's homework answers (`homework/solution.ipynb`) are the learner's own work.
SOLUTION_FOLDER = lazy_pattern(r"(?i)(?:^|/)solutions?/")
SOLUTION_FILE = lazy_pattern(r"(?i)(?:^|/|[_-])solutions?(?:[_.-][^/]*)?\.(?:py|ipynb|md)$")
HOMEWORK_PATH = lazy_pattern(r"(?i)(?:^|/)home[-_ ]?works?[^/]*/")
# A README that tells its reader to clone this repository as a template ("git clone this
# project template", "fork this template"), or to start from it with GitHub's "Use this
# template" button (on 9 of 9 fit repositories that say so, a template; 5 batches):
# a starter copied and renamed by hand or by a script, with no cookiecutter.json. Not a
# template expression the reader writes in a file ("in the place of modelUri use this
# template '{{ mlflow.blob["iris demo1"] }}'").
TEMPLATE_CLONED = lazy_pattern(
    r"(?i)\b(?:clone|copy|fork|duplicate)\s+(?:[\w-]+\s+)?this\s+(?:[\w-]+\s+){0,2}template\b"
    r"|\buse\s+this\s+template\b(?![ \t]*:?[ \t]*['\"`]?\{[{%])"
)
# A README that has its reader copy the repository into a repository of their own ("create
# an empty remote repo in your organisation, clone a copy of this repo and push to your
# remote"): a starter, whatever it calls itself (a framework, a landing zone).
PUSHED_AS_OWN = lazy_pattern(
    r"(?i)\b(?:clone|copy)\s+(?:a\s+copy\s+of\s+)?this\s+repo(?:sitory)?\s+and\s+push\s+"
    r"(?:it\s+)?to\s+your\b"
)
# A README title that ends by naming the repository a template or a boilerplate ("#
# ml-app-template", "# Flask ML boilerplate",
# `<h1 align="center">MLOps Project Template</h1>`): 40 fit repositories, all templates
# but two examples whose first paragraphs say they show something, which outweighs it.
TEMPLATE_NAMED = lazy_pattern(r"(?i)^.*\b(?:templates?|boilerplate)[\W_]*$")
# A README that reports the author's standing in a competition: a leaderboard score
# ("scored public: 0.5226 and private: 0.5256", "LB 0.812") or a rank among teams ("95
# of 770 teams, top 12.3%"): a competition entry, judged as an example. A link to another
# team's solution (`...-public-0-506-private-0-511`) reports no score of its own.
COMPETITION_SCORE = lazy_pattern(  # searched in the lowered README: faster than (?i)
    r"\b(?:(?:public|private)(?:[ \t]+(?:lb|leaderboard|score))?"
    r"|(?:lb|leaderboard)(?:[ \t]+score)?)[ \t]*[:=]?[ \t]*\d*\.\d{3,}"
    r"|\bof[ \t]+\d[\d,]*[ \t]+teams\b|\btop[ \t]+\d+(?:\.\d+)?[ \t]*%"
)
# What a "top 10%" ranks in when it is the author's standing: a competition, a Kaggle
# leaderboard, its teams (searched in the lowered README).
RANKED_IN = lazy_pattern(r"\b(?:kaggle|leaderboard|competition|contest|challenge|teams|lb)\b")
# A README opening that names the challenge the code was written for or during ("built
# using zenml, during the ZenML Challenge in October 2022", "addressing the requirements
# of ML Engineering Challenge"): a challenge entry, judged as a competition's (2 fit
# repositories, rounds 28 and 33, both examples; no other fit README names one). The
# challenge is named, its words capitalised: "the challenge is to predict" is a task.
CHALLENGE_ENTRY = lazy_pattern(
    r"\b(?:during|for|in|of|to|from)\s+(?:the\s+|an?\s+)?(?:[A-Z][\w-]*\s+){1,3}Challenge\b"
)
# A README opening that calls the repository a reference implementation ("This project is
# a **practical MLOps reference implementation**", "designed to serve as a reference
# implementation"): code written to be read and copied, as an example's (3 fit examples
# and a template's gallery say so; no application, which names a reference architecture
# it follows).
REFERENCE_SAID = lazy_pattern(
    r"(?i)\b(?:is|as|provides)\s+an?\s+(?:[\w*-]+\s+){0,3}[*_]*reference\s+implementation\b"
)
# How far into the README an entry reports its standing: at the top, with what it is.
COMPETITION_REPORT = 1500
# The lower-case words one of which every COMPETITION_SCORE match holds.
COMPETITION_WORDS = ("public", "private", "lb", "leaderboard", "teams", "top")
# A README title that names the repository a template ("## Template for MLOps projects",
# "# PyTorch Template Project", "# A Template Repository for MLOps"), a line of its
# opening prose that starts by saying so, after up to four words ("Template for ML project
# with ...", "End-to-end template for streaming ingest", "MLOps Pipeline Template with
# GCP Vertex AI": on 22 of the 23 fit repositories where it holds, a template; "Vertex AI
# Pipeline Base template for MLOps.", session 47), or a
# sentence that ends by naming it one ("This repository is a luigi based machine learning
# project template."), or a title ending in the word in Japanese, Chinese or Korean ("#
# Pascal VOC 物体検出テンプレート", round 52) or a sentence saying so in one of them
# ("このリポジトリは、...のためのテンプレートです", round 59; "Kubeflow Pipelinesで開発を始める
# 際のテンプレートです", a line saying it is one, round 73), or "This is a best-practices
# first project template that allows you to get started": a README that presents the
# repository as a template to start from.
TEMPLATE_TITLE = lazy_pattern(
    r"(?im)^#+[ \t]*(?:[\w+-]+[ \t]+){0,4}template(?:[ \t]+(?:project|repo(?:sitory)?))?"
    r"(?:[ \t]+(?:for|to)\b|[ \t]*#*[ \t]*$)"
    r"|^[ \t*_>]*(?:[\w+-]+[ \t]+){0,4}template[ \t]+(?:for|to|with)\b"
    r"|^#+[^\n]*(?:テンプレート|模板|템플릿)[ \t]*#*[ \t]*$"
    r"|この(?:リポジトリ|レポジトリ|プロジェクト)は[^。]{0,200}?テンプレート"
    r"|^[^\n。]{0,80}テンプレートです"
    r"|(?:本|这个|這個)(?:仓库|倉庫|项目|專案)是[^。]{0,120}?模板"
    r"|이[ \t]*(?:저장소|레포지토리|프로젝트)는[^.]{0,120}?템플릿"
    r"|\b(?:this|the)[ \t]+(?:repo(?:sitory)?|project)[ \t]+is[ \t]+"
    r"(?:(?!(?:from|on|off|upon|with|using|by|of|in)\b)[\w+-]+[ \t]+){0,8}template[ \t]*(?:[.!]|$)"
    r"|\bthis[ \t]+is[ \t]+an?[ \t]+(?:[\w+-]+[ \t]+){0,4}template[ \t]+that[ \t]+"
    r"(?:allows|lets|helps|enables)[ \t]+you\b"
)
# A README title that names the repository a demo, a workshop, a tutorial, examples, a
# playground, a Kaggle entry or exercises ("# ML Demo Portfolio (FastAPI + MLflow)", "#
# MLOps - Hands-on workshop", "# AWS MLOps Handson", "# ... データエンジニア ハンズオン", "# Azure
# Machine Learning Examples - ...", "# Kaggle-NFL-..."): its code shows or tries something,
# whatever service or pipeline it holds. A "showcase", a "capstone", a "portfolio" (the
# written portfolio rule: "# MLOps Portfolio — Crash Severity Classification" is its
# author's product, K25) or a course's homework that builds a service names a product, and
# stays one.
EXAMPLE_TITLE = lazy_pattern(
    r"(?i)\b(?:demo|workshop|tutorials?|tutos?|examples?|hands[- ]?on|ハンズオン|playground|kaggle"
    r"|exercises?"
    # a numbered lesson, in Portuguese and Spanish ("# Aula 07 - Treinamento Automático")
    r"|(?:aula|clase|lecci[oó]n|li[cç][aã]o)[ \t]*\d+)\b"
)
# Words of EXAMPLE_TITLE that, over several projects, name a series of entries each its own
# ("# Kaggle Playground Series"), not one example in parts.
COLLECTION_WORDS = frozenset({"kaggle", "playground"})
# A README whose first paragraphs call the package a library, a framework or a toolkit
# for something ("bnelearn is a framework for equilibrium learning", "provides a modular
# framework to", "This package provides tools for training"): a tool for its readers' own
# work, not the code of one paper.
LIBRARY_SAID = lazy_pattern(
    r"(?i)\b(?:is|provides)\s+an?\s+(?:[\w-]+\s+){0,3}(?:framework|library|toolkit|toolbox)"
    r"\s+(?:for|to|that)\b"
    r"|\b(?:package|library|sdk)\s+provides\s+(?:[\w-]+\s+){0,2}"
    r"(?:tools|utilities|functions|classes|components)\s+(?:for|to)\b"
)
# A README or a package description that offers reusable parts ("the centralized hub for
# reusable components and pipelines", "A collection of reusable components"): code for
# its readers' own pipelines, as a library's; an application's code is reused by nobody.
# Offered, not described: "built from reusable components" or "modular, reusable
# functions" is how an application's own code is organised.
REUSABLE_SAID = lazy_pattern(
    r"(?i)\b(?:collection|library|set|catalog(?:ue)?|hub|suite|toolbox)\s+(?:of|for)\s+"
    r"(?:[\w-]+\s+){0,2}reusable\s+(?:[\w/-]+\s+){0,3}(?:components?|modules?"
    r"|building\s+blocks|pipelines?|steps|functions|operators|utilities)\b"
)
# A README line that offers utilities ("Utilities for ML experiments in pytorch", "Helper
# functions for ...", "This module helps with the time series featurization"): a package
# of reusable parts.
UTILITIES_SAID = lazy_pattern(
    r"(?im)^[ \t]*(?:(?:a|an|some)[ \t]+)?(?:[\w-]+[ \t]+){0,2}"
    r"(?:utilities|utils|helpers|helper[ \t]+functions)[ \t]+(?:for|to)\b"
    # "This module helps with the time series featurization, providing many tools"
    r"|\bthis[ \t]+(?:module|package|library)[ \t]+helps[ \t]+(?:with|to)\b"
)
# A README title that names the repository research code or a study ("Public repository
# for ... based research projects", "# Research code for ...", "# Code for ImmuNet paper",
# "# BentoML vs FastAPI vs Ray Serve Benchmark": a comparison of tools, whose subject they
# are): research code, judged as an example whatever pipeline it declares (a paper's
# analysis is often a DVC or Snakemake DAG).
RESEARCH_TITLE = lazy_pattern(
    r"(?i)\bresearch[ \t]+(?:projects?|code|repo(?:sitory)?|experiments?)\b"
    r"|\bcode[ \t]+(?:for|of|accompanying|to[ \t]+reproduce)\b[^\n]*\bpaper\b"
    r"|\b(?:vs\.?|versus)[ \t][^\n]*\b(?:benchmarks?|comparison)\b"
    r"|\b(?:benchmark(?:ing)?|comparison)[ \t]+of\b"
)
SECTION_HEADING = lazy_pattern(r"#{2,6}[ \t]+[^\n]*")  # "## Getting started", no prose
# A README title that names the repository a monorepo ("# ds-monorepo", "# ML Mono-repo",
# "# ML Monorepo: Computer Vision & Multimodal AI Platform").
MONOREPO_TITLE = lazy_pattern(r"(?i)(?:^|[\s_-])mono[ _-]?repo(?:sitory)?(?![a-z0-9])")
# A README opening that says the repository holds several projects ("a collection of
# machine learning projects", "this repository contains my data science projects", "a
# portfolio featuring 3 production-ready projects", "This repository showcases my machine
# learning projects"; not "showcases ML projects built with our platform", a gallery).
PROJECTS_HELD = lazy_pattern(
    r"(?i)\b(?:collection|set|series|compilation|selection|archive)\s+of\s+(?:[\w&/-]+\s+){0,6}"
    r"projects\b"
    r"|\b(?:contains|holds|hosts|gathers)\s+(?:[\w-]+\s+){0,3}projects\b"
    # "contains a growing number of little ML projects"
    r"|\b(?:contains|holds|hosts|gathers)\s+an?\s+(?:[\w-]+\s+)?(?:number|bunch|handful|couple)"
    r"\s+of\s+(?:[\w-]+\s+){0,3}projects\b"
    r"|\bshowcases\s+my\s+(?:own\s+)?(?:[\w-]+\s+){0,3}projects\b"
    r"|\b(?:featuring|including|of|with)\s+(?:\d+|two|three|four|five|six|seven|eight|nine"
    r"|ten|several|multiple)\s+(?:[\w-]+\s+){0,3}projects\b"
    # or a line that opens by counting them ("> Ten production-grade AI projects, each")
    r"|(?m:^[ \t>*_]*(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple)"
    r"\s+(?:[\w-]+\s+){0,3}projects\b)"
)
# A README whose first paragraphs call the repository one project, system or application
# for something ("Precision Lens is an end to end MLOps project for image anomaly
# detection", "focused on trying to build an application that can annotate", "we develop
# and deploy a feature store system serving trip records"): its folders (an operator
# app, model services, training pipelines, the infrastructure) are that product's parts,
# not projects in their own right, however many of them declare their own dependencies.
# A README that names several projects says so in the plural (`PROJECTS_HELD`).
ONE_PRODUCT_SAID = lazy_pattern(
    r"(?i)\b(?:is|as|build(?:ing)?|develop(?:ing)?|deploy(?:ing)?|implement(?:ing)?)\s+an?\s+"
    r"(?:[\w-]+\s+){0,4}(?:project|system|application|app|platform|solution|service)\s+"
    r"(?:for|to|that|which|serving)\b"
    # a paragraph opening with the repository's one project ("A project from MLOps
    # zoomcamp where I ...", "A modular, service-oriented platform for real estate", "A
    # production-grade machine learning model serving platform built on Ray Serve", "An MLOps
    # framework that simplifies the deployment")
    r"|(?m:^)[ \t]*an?\s+(?:[\w,-]+\s+){0,5}(?:project|platform|system|framework)\s+"
    r"(?:from|for|that|which|where|built|designed|to)\b"
    # or says how the one project is laid out ("The project is structured into four
    # domains"), in French, Spanish or Portuguese too ("Le projet est structuré en quatre
    # domaines"), or that the repository provides one platform ("Ce dépôt fournit une
    # plateforme complète de collecte", "provee una plataforma completa para")
    r"|\b(?:the|this)\s+project\s+is\s+(?:structured|organi[sz]ed|split|divided)\s+into\b"
    r"|\b(?:le|ce)\s+projet\s+est\s+(?:structuré|organisé|divisé|découpé)\s+en\b"
    r"|\b(?:el|este|o|esse)\s+proje(?:c)?to\s+(?:está|es|é)\s+(?:estructurado|organizado|dividido)\s+em?\b"
    r"|\b(?:provides|fournit|propose|provee|ofrece|fornece|oferece)\s+(?:an?|une|una|uma)\s+"
    r"(?:[\w-]+\s+){0,2}(?:platform|plateforme|plataforma)\b"
)
# A README title or first line that names the repository by its projects, the word
# ending the phrase ("# Machine Learning Projects", "Data science projects:") or a
# participle describing them after it ("Machine learning projects taken from raw data"),
# however its plural is spelt ("# MACHINE LEARNING PROJECT'S"), or the noun for them
# all after it ("# ML Projects Collection");
# a line that goes on with a verb or a preposition ("Open-source projects like MLflow",
# "The following projects use it") speaks of others.
PROJECTS_NAME = lazy_pattern(
    r"(?i)^[ \t#*_]*(?:[\w&/-]+[ \t]+){0,3}project(?:s|['\u2019]s)"
    r"(?:[ \t]+(?:collection|archive|portfolio|compendium))?(?:[ \t*_]*[.:!]?[ \t]*$"
    r"|[ \t]+(?:\w+ed|taken|built|done|made|written|grown|run|shown|driven)\b)"
)
SECTION_LINE = lazy_pattern(r"(?m)^[ \t]*#{2,6}[ \t]+.*$")
# A table of contents: its heading, and list items that link the README's own sections.
ANCHOR_ITEMS = r"(?:[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[^\]\n]*\]\(#[^)\n]*\)[ \t]*(?:\n|$))+"
CONTENTS = lazy_pattern(r"(?i)#{1,6}[ \t]+(?:table[ \t]+of[ \t]+)?contents[ \t]*|" + ANCHOR_ITEMS)
MARKDOWN_TITLE = lazy_pattern(r"(?m)^#{1,2}[ \t]+(\S[^\n]*)")
# A README's HTML title (`<h1 align="center">Qwen2.5-VL Radiology: Fine-Tuning Demo</h1>`),
# in its first HTML_TITLE_REACH characters: a header block of logos and links comes first.
HTML_TITLE = lazy_pattern(r"(?is)<h1\b[^>]*>(.*?)</h1>")
HTML_TITLE_REACH = 3000
# In a package's one-line description (`description="KServe example with Iris"`,
# "Introductory session of MLOps", "MLOps lecture series") or its name, the word that
# makes the package an example.
EXAMPLE_NOUN = lazy_pattern(
    r"(?i)\b(?:examples?|demos?|tutorials?|proof[ -]of[ -]concept|poc|introductory|workshop"
    r"|lessons?|lectures?|exercises?)\b"
)
# setup.py's or setup.cfg's publishing keywords (`url=`, `classifiers =`, `project_urls`).
SETUP_PUBLISHING = lazy_pattern(
    r"(?m)(?:^|[(,])\s*(url|project_urls|download_url|classifiers|keywords)\s*[=:]"
)
# setup.py's or setup.cfg's `description = "..."` and `name = "..."`.
SETUP_FIELDS = {
    key: lazy_pattern(rf"""\b{key}\s*=\s*["']([^"'\n]+)["']""") for key in ("description", "name")
}
# What follows an install command in a README, and the flags of pip and conda that take a
# value (`-r requirements.txt`, `-c conda-forge`).
INSTALL_LINE = lazy_pattern(
    r"\b(?:(?:pip3?|conda|mamba)\s+install|(?:poetry|uv|pdm)\s+add)\s+([^\n`]*)"
)
# A README's dependency line that asks for the package from its Git repository, as users
# of an unpublished library add it: a requirements line (`mlops-utils @
# git+ssh://git@github.com/owner/mlops-utils.git@develop`) or a Poetry table entry
# (`mlops-utils = {git = "ssh://...", rev = "develop"}`).
GIT_DEPENDENCY = lazy_pattern(
    r"(?m)^[ \t]*([A-Za-z0-9][\w.-]*)[ \t]*(?:@[ \t]*git\+|=[ \t]*\{[^}\n]*\bgit[ \t]*=)"
)
VALUED_FLAGS = frozenset(
    {"-r", "--requirement", "-c", "--channel", "--constraint", "-e", "--editable", "-i"}
    | {"--index-url", "--extra-index-url", "-f", "--find-links", "-n", "--name", "-p"}
)
# A paragraph that is one link with a short label ("Forked from: https://..."): where the
# repository comes from, not what it is.
LINK_LINE = lazy_pattern(r"[^\n]{0,40}?https?://\S+")
# YAML front matter at the top of a README (a Hugging Face Space's card: `title:`,
# `sdk: docker`...), and the symbols (emoji, pictographs: anything not ASCII and not a
# letter or digit) that may come before a heading's words.
FRONT_MATTER = lazy_pattern(r"\A\ufeff?---[ \t]*\r?\n(?:[^\n]*\n){0,60}?---[ \t]*(?:\r?\n|\Z)")
HEADING_SYMBOLS = lazy_pattern(r"(?m)^(#{1,6}[ \t]+)(?:[^\w\s\x00-\x7f][ \t]*)+")
# Keys of a blog post's front matter: its author and the date it was published
# (`author: haimtran`, `publishedDate: 07/31/2022`). A README that is a post walks its
# reader through the code.
POST_AUTHOR = lazy_pattern(r"(?im)^author:[ \t]*\S")
POST_DATE = lazy_pattern(r"(?im)^(?:date|published(?:_?date|_?at|On)?|pub_?date):[ \t]*\S")
# A byline under a README's title, a post's author and the day it was published
# (`_João Araujo, May 04, 2020_`, `*By Jane Doe - 2021-03-04*`): one line of two to four
# capitalised names (not "Last Updated"), then a date written out or in ISO form (1 of
# the 500 fit READMEs, an example).
BYLINE = lazy_pattern(
    r"(?m)^[ \t]*[_*]{0,2}(?:(?i:by)[ \t]+)?"
    r"(?!(?i:last|updated|released?|version|date|created|modified)\b)[A-Z][\w.'\u00c0-\u024f-]+"
    r"(?:[ \t]+[A-Z][\w.'\u00c0-\u024f-]+){1,3}[ \t]*[,|\u00b7\u2014\u2013-][ \t]*"
    r"(?:(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?[ \t]+\d{1,2},?[ \t]+\d{4}"
    r"|\d{1,2}[ \t]+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*[ \t]+\d{4}"
    r"|\d{4}-\d{2}-\d{2})[_*]{0,2}[ \t]*$"
)
# How many lines of a README's top a byline may sit in: under the title and its badges.
BYLINE_LINES = 15
# Markup that comes before a README's first words: HTML tags (logos, centred banners),
# images and badges, and the link a badge is wrapped in (`[![CI](svg)](url)`). An autolink
# (`Tutorial site: <https://...>`) is a link, kept so that its line reads as one (LINK_LINE).
README_MARKUP = lazy_pattern(r"<(?!https?://)[^>]*>|\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?")


# A notebook's name that numbers it as a step (`1_prophet_baseline.ipynb`, `02-train`),
# and how many steps in order make a pipeline of notebooks.
NUMBERED_STEP = lazy_pattern(r"(\d{1,2})[_. -]")
PIPELINE_STEPS = 3


# What brings a repository's services up together: compose files, and the Makefiles,
# justfiles and scripts whose `docker build` lines name what each image is built from.
STACK_FILE = lazy_pattern(r"(?:^|/)(?:docker-)?compose[\w.-]*\.ya?ml$")
BUILD_SCRIPT = lazy_pattern(r"(?i)(?:^|/)(?:makefile|justfile|[^/]+\.sh)$")
WORKFLOW_FILE = lazy_pattern(r"^\.github/workflows/[^/]+\.ya?ml$")


# What the doctor says of code that trains, but that nothing runs as a product.
SANDBOX = (
    "nothing runs as a product (no service, pipeline, image running its code, schedule or"
    " installed command): a sandbox of runs and notebooks"
)
# Jobs a data platform runs from the repository's notebooks and code, declared as
# infrastructure: deployed and run on the platform's schedule, a product's runs.
TERRAFORM_FILE = lazy_pattern(r"\.tf$")
PLATFORM_JOB_RESOURCE = lazy_pattern(r"""(?m)^\s*resource\s+"databricks_job"\s""")
DATABRICKS_BUNDLE = lazy_pattern(r"(?:^|/)databricks\.ya?ml$")
BUNDLE_JOBS = lazy_pattern(r"(?m)^[ \t]+jobs:")
DEV_CONTAINER = lazy_pattern(r"(?:^|/)\.devcontainer/")
WORKBENCH_COMMAND = lazy_pattern(r"""(?i)\bjupyter|^[\s\["']*(?:/bin/)?(?:ba|z)?sh\b[\s"'\]]*$""")


MODEL_USE_CALL = lazy_pattern(MODEL_USE)
# A requirements line that includes a file of a folder above (`-r ../base.txt`).
INCLUDE_FROM_ABOVE = lazy_pattern(r"(?:-[rc]|--requirement|--constraint)[ \t=]*(?:\./)?\.\./\S+")
# Where a model package keeps the model it ships, and files that declare package data.
TRAINED_MODELS = lazy_pattern(r"(?:^|/)trained[_-]?models?/")
MODEL_DATA = lazy_pattern(r"(?i)trained[_-]?models?\b|\*\.(?:pkl|pickle|joblib)\b")
# A script a pipeline's command runs (`python examples/train.py --lr 0.1`).
SCRIPT_RUN = lazy_pattern(r"\bpython3?\s+(?:-\S+\s+)*(?:\./)?([\w./-]+\.py)\b")
# A top-level folder of a package's usage examples (`examples/`, `demos/`, `samples/`).
USAGE_EXAMPLES = lazy_pattern(r"(?i)^(?:[\w-]*examples?|tutorials?|demos?|samples?)$")
# The file named in a pipeline's description (`MLproject (examples/a/MLproject)`).
PIPELINE_SOURCE = lazy_pattern(r"\(([^()\s:]+)[^()]*\)$")
TRAIN_SCRIPT = lazy_pattern(r"(?i)(?:^|[-_.])train(?:ing)?(?:$|[-_.])")
PACKAGE_DATA_FILES = ("MANIFEST.in", "setup.py", "setup.cfg", "pyproject.toml")
# Keys of [project] that only a package published for others needs: where it lives,
# what it is (trove classifiers, keywords).
PROJECT_PUBLISHING = ("urls", "classifiers", "keywords")
# PEP 561's marker: the package ships its types to the code that imports it (`uv init
# --lib` writes one), which only a library has readers for.
TYPED_MARKER = lazy_pattern(r"(?:^|/)py\.typed$")
# Keys of [tool.poetry] that only a package published for others needs: which modules
# to ship, trove classifiers, and where it lives (`poetry init` writes none of them).
POETRY_PUBLISHING = (
    "packages",
    "classifiers",
    "repository",
    "homepage",
    "documentation",
    "urls",
    "keywords",
)

# Keys of flit's legacy `[tool.flit.metadata]` (before PEP 621's [project]) that only a
# package published for others needs: where it lives, trove classifiers, keywords.
FLIT_PUBLISHING = ("home-page", "urls", "classifiers", "keywords")


def detect(repo: Repo, service_files: list[str], nested_in: Detected | None = None) -> Detected:
    """The kind of the repository, from its files (the first rule that holds).

    `nested_in` is the monorepo a project is nested in: a project of a course or of a
    collection of examples is an example unless its own files say otherwise.
    """
    template = [rel for rel in TEMPLATE_FILES if rel in repo.file_set]
    jinja = [rel for rel in repo.listed_sizes if "{" in rel and JINJA_NAME.search(rel)]
    if template or (jinja and _mostly_templates(repo, jinja)):
        return Detected(Kind.TEMPLATE, template[0] if template else f"{jinja[0]} (Jinja name)")
    packages = importable_packages(repo)
    metadata = published_metadata(repo)
    pipeline = _declares_pipeline(repo)
    opening = (
        readme_opening(repo) if not service_files and not pipeline else _first_paragraphs(repo)
    )
    published = _published_sample(repo)
    if published:  # "This is a template or sample for MLOps": the vendor's word is sample
        return Detected(Kind.EXAMPLE, published)
    presented = _presented_as_template(repo, opening)
    if presented:  # a starter users copy (GitHub's "Use this template"), not a product
        where, said = presented
        return Detected(Kind.TEMPLATE, f"{where} says {' '.join(said.group(0).split())!r}")
    # In a course, a package that says nowhere where it lives or what it is for (a
    # student's `setup(name=..., packages=...)`) is homework: an example, not a product;
    # so is the package a course publishes (with a URL and classifiers) as its worked
    # example. In a gallery of examples, a published package is a product.
    if nested_in is not None and nested_in.teaching and metadata:
        keys = _publishing_keys(repo)
        if nested_in.course or not keys:
            how = f"publishes it ({', '.join(keys)})" if keys else "publishes nothing"
            evidence = f"a course's project: {metadata} {how} ({nested_in.evidence})"
            return Detected(Kind.EXAMPLE, evidence, homework=True)
    # A published package's usage examples (`examples/*/service.py`, an example's
    # MLproject) show its users how to serve or run it; they make no product of it. A
    # package published for others (its URL, its trove classifiers) whose own modules
    # serve is a serving framework: serving is what it offers.
    if packages and metadata:
        service_files = _beyond_the_package(repo, packages, service_files)
    # A published package (classifiers, or installed by name from an index) may keep a
    # development Dockerfile; an application's image serves. An image in the documentation
    # or the usage examples (`docs/examples/Containerfile`) shows users how to build theirs.
    dockerfile = any(not _shown_to_users(rel, packages) for rel in repo.matching(DOCKERFILE))
    deploys = bool(deploys_its_service(repo, packages))
    image = dockerfile and (deploys or not published_for_others(repo))
    image = image and (deploys or not (packages and metadata and installed_by_name(repo, packages)))
    shipped = _ships_a_trained_model(repo, packages) or _trains_by_command(repo)
    # A package that calls itself a demo, or that publishes nothing and runs as a pipeline,
    # is a demo's or an application's own code, installed where it runs: no library.
    demo = bool(metadata and _package_says_example(repo))
    # A README that calls the package a tool for its readers' own work ("a framework for",
    # "a collection of reusable components"): its pipelines are what it offers them.
    tool = _said_tool(repo) if packages and metadata else None
    own = demo or bool(metadata and not tool and _runs_unpublished(repo))
    # An MLproject or dvc.yaml whose every command runs a usage example
    # (`python examples/train_mnist.py`) shows users how to run the package.
    pipeline_own = pipeline and not _pipeline_runs_examples(repo, packages)
    # A package the repository deploys as a data platform's jobs (a Databricks asset
    # bundle builds its wheel and runs it) is an application's code, however published.
    deployed = bool(packages and metadata) and bool(_platform_jobs(repo))
    if (
        packages
        and metadata
        and not (service_files or pipeline_own or image or shipped or deployed)
    ):
        research = _research_evidence(repo, packages)
        # A paper's code, cloned; not a package its README calls a library or framework for
        # others ("bnelearn is a framework for"), whatever papers its README cites, nor one
        # its own workflow publishes to an index (on 53 of the 55 fit repositories with
        # such a workflow, a library).
        if research and not (tool or installed_by_name(repo, packages) or publishes_package(repo)):
            return Detected(Kind.EXAMPLE, f"{research}; its README never installs it by name")
        # "This package is a proof of concept": an example, with or without a package.
        # Nor one whose README says it shows how to do something ("This repository
        # demonstrates how developers can create their own custom online stores").
        first = _first_paragraphs(repo)
        shown = (
            PACKAGE_SAID_EXAMPLE.search(first)
            or SHOWN_HOW.search(first)
            or FRENCH_EXAMPLE_SAID.search(first)
            or ROMANCE_EXAMPLE_SAID.search(first)
        )
        if not own and not (shown or TEACHING_MATERIALS.search(first)):
            return Detected(Kind.LIBRARY, f"{metadata} and package {packages[0]}")
    # A package its README offers as utilities ("# mlutils / Utilities for ML experiments
    # in pytorch"), with nothing that serves, runs a pipeline, builds an image or ships a
    # model: a library, packaged or not.
    if packages and not (metadata or service_files or pipeline or dockerfile or shipped):
        offered = UTILITIES_SAID.search(_first_paragraphs(repo))
        if offered:
            phrase = " ".join(offered.group(0).split())
            return Detected(Kind.LIBRARY, f"{repo.readme} says {phrase!r}: package {packages[0]}")
    # A README titled for the components it offers ("# Reusable Kubeflow Components for
    # ppc64le", "# Fybrik KFP Components"): parts for its readers' own pipelines, with or
    # without a package, whatever folders hold them.
    components = _titled_components(repo) if nested_in is None and not pipeline_own else None
    if components:
        return Detected(Kind.LIBRARY, components)
    series = _video_series(repo) if nested_in is None and not (packages and metadata) else None
    if series:  # set up tutorial by tutorial, as a course's lessons are
        return Detected(Kind.EXAMPLE, series, teaching=True)
    projects = nested_projects(repo) if nested_in is None else []
    homework = _homework_folders(repo) if nested_in is None else []
    if len(homework) >= 2 and len(projects) < 2:  # a student's own, however bare
        projects = homework
    if len(projects) < 2 and nested_in is None:  # a learner's work, module by module
        projects = _learner_modules(repo) or projects
    # Usage examples beside one project are that project's (a toolkit's `src/` beside the
    # `examples/` that use it).
    usage = {p.split("/")[0] for p in projects if EXAMPLE_FOLDERS.match(p.split("/")[0])}
    apart = [p for p in projects if p.split("/")[0] not in usage]
    outside = [p for p in packages if not apart or not p.startswith(f"{apart[0]}/")]
    if len(apart) == 1 and not (outside or metadata or pipeline):
        sole = _sole_library(repo, apart[0], service_files, sorted(usage))
        if sole:
            return Detected(Kind.LIBRARY, sole)
    teaching = teaching_evidence(repo) or "" if len(projects) >= 2 else ""
    if teaching.startswith(LESSON_FOLDERS) and _says_own_projects(repo):
        teaching = ""  # numbered projects of the author's own, not a course's lessons
    if teaching and not teaching.startswith(LESSON_FOLDERS) and _built_as_one_stack(repo, projects):
        teaching = ""  # a course's word over one stack its compose file builds: a project
    if not teaching:  # outside a course, a folder of scripts is no project
        projects = nested_projects(repo, bare_requirements=False) if projects else []
    # "Example" in the README ("the problem is a toy example") makes no gallery of the
    # folders that deploy one model; lesson or example folders do, and so does a course.
    taught = bool(teaching) and bool(is_course(repo) or teaching_evidence(repo, words=False))
    library = _workspace_of_packages(repo, projects) or _plugin_and_its_tests(repo, projects)
    library = library if not taught else None
    if library:  # one lock resolves the packages the root installs: one library, in parts
        return Detected(Kind.LIBRARY, library)
    # A README that names the repository a monorepo or says it holds several projects
    # ("a portfolio featuring 3 production-ready projects") is the author's word: a demo
    # compose file that brings them up together makes no one product of them.
    named = _named_monorepo(repo) if nested_in is None else None
    held = _says_projects_held(repo) if nested_in is None else None
    if (
        not taught
        and not (named or held)
        and (
            _parts_of_one_product(repo, projects, service_files)
            or _built_as_one_stack(repo, projects)
            or _locked_as_one(repo, projects)
            or _said_one_product(repo, projects)
            or _plugged_into_root(repo, projects)
        )
    ):
        projects = []  # a folder that trains and the folders that deploy its model
    one = _one_example(repo) if teaching and not taught else None
    if one and len(projects) >= 2 and len(nested_projects(repo, bare_requirements=False)) < 2:
        # its folders are projects only by the README's word, which names one example (a
        # folder of scripts beside one project is no second project)
        return Detected(Kind.EXAMPLE, f"{repo.readme} says {one!r}: one example, in parts")
    # A README that calls the repository itself an example ("This is a simple example of a
    # mono-repository"), or says it shows how to use something or goes with tutorials,
    # shows one thing, whatever projects it is split into.
    itself = _says_shown(repo) if not (taught and is_course(repo)) else None
    if itself and len(projects) >= 2:
        phrase = " ".join(itself.group(0).split())
        return Detected(Kind.EXAMPLE, f"{repo.readme} says {phrase!r}: one example, in parts")
    # So does one whose title names it a demo, a workshop or a tutorial ("# Demo for the
    # talk: Model Registry is not just for pickles"), unless it is a course's lessons (a
    # "Kaggle" or "Playground" title over several projects names a series of entries).
    titled = _titled_example(repo, COLLECTION_WORDS) if nested_in is None and not taught else None
    if titled and len(projects) >= 2 and not held:
        return Detected(Kind.EXAMPLE, f"{titled}: one example, in parts")
    # So does a vendor's sample, known by where it lives (its clone's origin).
    vendor = _vendor_sample(repo) if nested_in is None else None
    if vendor and len(projects) >= 2 and not (taught and is_course(repo)):
        return Detected(Kind.EXAMPLE, f"{vendor}: one example, in parts")
    if named and len(projects) < 2:  # its projects keep their code, not project files
        projects = _project_folders(repo)
    if held and len(projects) < 2:  # "a collection of projects", each in its own folder
        projects = _code_folders(repo)
        # "for bootcamp participants": a collection a course teaches with is its lessons,
        # however few ("# MLOps Course ... a series of hands-on projects" over one folder)
        if not teaching and projects and is_course(repo) and _course_material(repo):
            teaching = teaching_evidence(repo) or ""
    # The author's word that the repository holds projects stands however many of them
    # its snapshot keeps ("# Machine Learning Projects" over one project's folder).
    least = 1 if held else 2
    # The author's word that it holds projects outweighs a root package beside them (a
    # setup.py installing each project's requirements, shared utilities): no library.
    if len(projects) >= least and not (
        packages and metadata and not held and not _projects_only(repo, packages, projects)
    ):
        playground = _playground(repo) if not teaching else None
        why = teaching or playground
        evidence = f"{len(projects)} nested projects" + (f"; {why}" if why else "")
        course = bool(teaching) and is_course(repo)
        # A course is an example, whose lessons are audited one by one (doctor/run.py).
        kind = Kind.EXAMPLE if course and _course_material(repo) else Kind.MONOREPO
        evidence = f"a course: {evidence}" if kind is Kind.EXAMPLE else evidence
        return Detected(
            kind,
            evidence,
            tuple(projects),
            teaching=bool(teaching),
            course=course,
            playground=bool(playground),
        )
    opening_shown = SHOWN_HOW.search(LIST_ITEM.sub("", readme_opening(repo)))
    shown = _says_shown(repo) or opening_shown or _said_later(repo)
    # "Built as a portfolio project" outweighs a pitch of what it shows ("This project
    # demonstrates how machine learning can automate ..."): its author's product.
    if shown and not PORTFOLIO_PROJECT.search(readme_opening(repo)):
        return Detected(Kind.EXAMPLE, f"{repo.readme} says {' '.join(shown.group(0).split())!r}")
    if vendor:
        return Detected(Kind.EXAMPLE, vendor)
    post = _blog_post(repo)
    if post:
        return Detected(Kind.EXAMPLE, post)
    paper = _paper_at_top(repo) if not pipeline else None
    if paper:  # whatever service or setup.py it also has (a viewer of its runs)
        return Detected(Kind.EXAMPLE, paper)
    first = _first_paragraphs(repo)
    made = (
        MADE_TO_SHOW.search(_opening_paragraphs(readme_opening(repo), 3))
        or REFERENCE_SAID.search(_prose(readme_opening(repo)))
        or TEACHING_MATERIALS.search(first)
    )
    if made:
        return Detected(Kind.EXAMPLE, f"{repo.readme} says {' '.join(made.group(0).split())!r}")
    # A lesson talks to its learner and ships its answers, whatever it builds and serves.
    lesson = addresses_learner(repo) or _course_solutions(repo)
    if lesson:
        return Detected(Kind.EXAMPLE, lesson)
    score = _competition_score(repo)
    if score:
        return Detected(Kind.EXAMPLE, f"{repo.readme} reports {score!r}: a competition entry")
    challenge = CHALLENGE_ENTRY.search(readme_opening(repo))
    if challenge:
        entry = " ".join(challenge.group(0).split())
        return Detected(Kind.EXAMPLE, f"{repo.readme} says {entry!r}: a challenge entry")
    titled = _titled_example(repo)
    if titled:
        return Detected(Kind.EXAMPLE, titled)
    title = _title(repo)
    studied = RESEARCH_TITLE.search(title)
    if studied:
        return Detected(Kind.EXAMPLE, f"research code: {repo.readme}'s title is {title!r}")
    described = _package_says_example(repo)
    if described:
        return Detected(Kind.EXAMPLE, described)
    if not packages and not service_files and not pipeline:
        # Notebooks beside an image built to serve their model (a Streamlit app's) explore
        # for that product: they make no collection of notebooks. A demo page alone does.
        # So do notebooks numbered as the steps of one pipeline beside the page serving
        # the model they train: a product's batch pipeline, run step by step.
        served = image_serves(repo) or (_serves(repo) and bool(_pipeline_notebooks(repo)))
        lessons = teaching_evidence(repo, notebooks=not served)
        if lessons:
            return Detected(Kind.EXAMPLE, lessons)
    if not metadata and not service_files and not pipeline:
        # an arXiv link further down cites the model a project builds on (a references
        # list under "Swin-Transformer: arxiv.org/pdf/2103.14030"): at the top, it was read
        # above as the paper the code is for
        research = _research_evidence(repo, packages, links=False)
        if research:
            return Detected(Kind.EXAMPLE, research)
    # In a gallery, a project's own folders of code (steps/, pipelines/) make no product;
    # a package it publishes does.
    # A learner's graded project (`midterm-project/` in a learner's course repository,
    # a monorepo) is a project of the learner's own, judged as one; a lesson is not.
    graded = (
        nested_in is not None
        and nested_in.kind is Kind.MONOREPO
        and bool(GRADED_PROJECT.match(repo.root.name))
    )
    if nested_in is not None and nested_in.teaching and not metadata and not graded:
        return Detected(Kind.EXAMPLE, f"a lesson of a course or gallery ({nested_in.evidence})")
    if not metadata and not shipped and _sandbox(repo, service_files, packages):
        return Detected(Kind.EXAMPLE, SANDBOX)
    if nested_in is not None and nested_in.playground:
        return Detected(Kind.EXAMPLE, f"a project of a playground ({nested_in.evidence})")
    # The repository's name ("...-tutorial", "cookiecutter-...") where no rule holds: its
    # author's word, most of its words too weak to outweigh a service it serves or deploys.
    serving = bool(service_files or deploys)
    by_name = _named_kind(repo, serving) if nested_in is None else None
    if by_name:
        return Detected(*by_name)
    learned = _learned(repo) if nested_in is None else None
    if learned:  # no rule holds: the learned model's kind, with what weighed most for it
        why = ", ".join(learned.reasons) or "its features together"
        return Detected(Kind(learned.kind), f"learned ({learned.probability:.0%}): {why}")
    return Detected(Kind.APPLICATION, "default: code that trains, serves or runs a pipeline")


def _learned(repo: Repo) -> Learned | None:
    """The learned model's kind where no rule holds (doctor/kind_model.py), for a
    repository of at least `LEAST_FILES` files: it learnt from real repositories of 20
    to 1,000 files, and a tree of a few files says too little to weigh."""
    if len(repo.files) < LEAST_FILES:
        return None
    return learned_kind(kind_features(repo, readme_opening(repo)))


# A README title naming the repository by the pipeline components it holds, the word its
# head noun ("# AIML Pipeline Components", "# Native pipeline components for eltPulse"),
# not a demo's or a course's ("# Kubeflow components tutorial"), nor samples' ("This
# repository consists of sample components for", K31).
COMPONENTS_TITLE = lazy_pattern(
    r"(?i)^(?:[\w.:/-]+\s+){0,4}components(?:\s+(?:for|of)\s+[^\n]*)?\s*$"
)
SAMPLE_COMPONENTS = lazy_pattern(r"(?i)\b(?:sample|example|demo)\s+components\b")


def _titled_components(repo: Repo) -> str | None:
    """Why the README's title names the repository by the components it offers, unless
    it also names it an example (`_titled_example`) or its first paragraphs call them
    samples."""
    title = _title(repo).strip(" *_`")
    if not COMPONENTS_TITLE.match(title) or _titled_example(repo):
        return None
    if SAMPLE_COMPONENTS.search(_first_paragraphs(repo)):
        return None
    return f"{repo.readme}'s title is {title!r}: components for others' pipelines"


def _titled_example(repo: Repo, unless: frozenset[str] = frozenset()) -> str | None:
    """Why the README's title names the repository a demo, a workshop, a tutorial, examples
    or exercises (`EXAMPLE_TITLE`, but the words `unless` lists; a title written as a
    slug, "# pytorch_microservice_demo", names its words too; "# Demo" alone is a name, not
    a kind)."""
    title = _title(repo)
    named = EXAMPLE_TITLE.search(title.replace("_", " "))
    if named and named.group(0).lower() != title.lower() and named.group(0).lower() not in unless:
        return f"{repo.readme}'s title is {title!r}"
    return None


# An article on a blogging platform, linked (Medium and its publications, dev.to,
# Hashnode, Substack, Qiita, Zenn, note): its address, one per post.
BLOG_ARTICLE = lazy_pattern(
    r"\]\((https?://(?:[\w-]+\.)?(?:medium\.com|towardsdatascience\.com|dev\.to"
    r"|hashnode\.dev|substack\.com|qiita\.com|zenn\.dev|note\.com)/[^\s)]+)\)"
)
SERIES_POSTS = 3  # posts the README's opening lists: a series the code goes with
SERIES_REACH = 3000  # characters: the title, the first paragraphs and their list
# The title of one article of a series, kept beside its code ("# MLOps: A Complete and
# Hands-on Introduction - Part 1").
SERIES_PART_TITLE = lazy_pattern(
    r"\A#[ \t]+[^\n]*\S[ \t]*[-\u2013\u2014:][ \t]*Part[ \t]+(?:\d+|One|I{1,3})[ \t]*$", re.I | re.M
)
ARTICLE_FOLDERS = ("doc", "docs")


def _blog_post(repo: Repo) -> str | None:
    """Why the README is a blog post: front matter naming its author and the date it was
    published, or a byline under its title that does (`_João Araujo, May 04, 2020_`); or
    the code of a series of posts, which its opening lists (three articles or more on a
    blogging platform: "1. [Introduction of data analytics pipeline](https://medium.com/
    ...)"). Written rule: the code of a blog post is an example."""
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    front = FRONT_MATTER.match(readme)
    if front and POST_AUTHOR.search(front.group(0)) and POST_DATE.search(front.group(0)):
        return f"{repo.readme} is a blog post: its front matter names an author and a date"
    byline = BYLINE.search("\n".join(readme.splitlines()[:BYLINE_LINES]))
    if byline:
        return f"{repo.readme} is a blog post: its byline {byline.group(0).strip()!r}"
    posts = set(BLOG_ARTICLE.findall(readme[:SERIES_REACH]))
    if len(posts) >= SERIES_POSTS:
        return f"{repo.readme} lists the {len(posts)} posts of a series it goes with"
    return _articles_beside(repo, readme)


def _articles_beside(repo: Repo, readme: str) -> str | None:
    """Why a README that is its title alone goes with the articles kept beside the code:
    a Markdown file in `doc/` or `docs/` titled as one part of a series ("# MLOps: A Complete
    and Hands-on Introduction - Part 1"). Written rule: the code of a blog post is an
    example."""
    if len([line for line in readme.splitlines() if line.strip()]) > 1:
        return None
    for rel in repo.files:
        folder, _, name = rel.partition("/")
        article = folder in ARTICLE_FOLDERS and "/" not in name and name.lower().endswith(".md")
        if article and SERIES_PART_TITLE.match(repo.text(rel) or ""):
            return f"{repo.readme} is a title alone and {rel} is one of a series of articles"
    return None


def _says_shown(repo: Repo) -> re.Match[str] | None:
    """Where the README's first paragraphs call the repository an example, say it shows
    how to do something, that it is a course or a guide (in French too: "Cette formation
    vise à"; in Spanish or Portuguese: "Este repositorio contiene una práctica"), or that it
    is a tutorial's, a course's or an article's code, or names the course's teacher and
    teaching assistant; or where it presents it as a book's, a talk's or a vendor's sample
    code (`_companion`). Written rule: an example, a demo or the code of a blog post or
    course is an example, with or without a package and a service (nested projects
    included)."""
    first = _first_paragraphs(repo)
    return (
        SELF_DESCRIBED_EXAMPLE.search(first)
        or CJK_EXAMPLE_SAID.search(first)
        or FRENCH_EXAMPLE_SAID.search(first)
        or ROMANCE_EXAMPLE_SAID.search(first)
        or (COURSE_TEACHER.search(first) and COURSE_ASSISTANT.search(first))
        or SHOWN_HOW.search(first)
        or COURSE_SAID.search(first)
        or _companion(repo)
    )


def _said_later(repo: Repo) -> re.Match[str] | None:
    """Where the README, anywhere in its text (badges and tags left out), says the
    repository exists only to show something or is an article's demonstration
    (`SAID_LATER`), or calls it an example in Portuguese or Spanish
    (`ROMANCE_EXAMPLE_SAID`), or lists a lecture's example code in Korean (`LECTURE_CODE`).
    Written rule: an example, a demo or the code of a blog post is an example."""
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    prose = README_MARKUP.sub("", readme)
    return (
        SAID_LATER.search(prose) or ROMANCE_EXAMPLE_SAID.search(prose) or LECTURE_CODE.search(prose)
    )


# Korean for a lecture's example code, wherever the README lists it ("lecture는 강의용 예제
# 코드를 담고 있습니다": the folder holds the lecture's example code).
LECTURE_CODE = lazy_pattern(r"강의용[ \t]*(?:예제|코드|자료|실습)")


def _companion(repo: Repo) -> re.Match[str] | None:
    """Where the README presents the repository as the companion of a book, a talk or a
    workshop given at an event, a demo, or a vendor's sample: its opening's prose calls it
    a book's code, a heading of its opening names the conference and year, a section
    heading names it ("## How to run this demo"), or its first `git clone` fetches it
    from a vendor's organisation of samples. Written rules: a book's or a workshop's companion
    code, a demo and a vendor's samples are examples."""
    opening = readme_opening(repo)
    said = BOOK_SAID.search(_prose(opening)) or EVENT_HEADING.search(opening)
    if said:
        return said
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    named = HEADING_NAMED.search(readme)
    if named:
        return named
    clone = GIT_CLONE.search(readme) if "samples/" in readme.lower() else None
    return VENDOR_SAMPLE.match(readme, clone.start()) if clone else None


# The key of a README's front matter that lists it in a vendor's browser of code samples
# (Microsoft's `page_type: sample`).
SAMPLE_PAGE = lazy_pattern(r"(?m)^page_type:[ \t]*['\"]?sample['\"]?[ \t]*$")


def _published_sample(repo: Repo) -> str | None:
    """Why the README is a page of a vendor's browser of code samples: its front matter
    says `page_type: sample`. Written rule: a vendor's samples are examples."""
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    front = FRONT_MATTER.match(readme)
    if front and SAMPLE_PAGE.search(front.group(0)):
        return f"{repo.readme}'s front matter says 'page_type: sample': a vendor's sample"
    return None


def _vendor_sample(repo: Repo) -> str | None:
    """Why the repository is a vendor's sample by where it lives: its `origin` remote's
    owner is an organisation of samples (`github.com/aws-samples/...`). Written rule: a
    vendor's samples are examples."""
    origin = repo.origin
    if origin and any(SAMPLES_OWNER.match(part) for part in origin.owner.split("/")):
        return f"origin {origin}: a vendor's samples organisation"
    return None


def _named_kind(repo: Repo, serving: bool) -> tuple[Kind, str] | None:
    """The kind the repository's name says by NAME_WORDS (an origin at
    `github.com/me/minimal-ml-template`: a template), a template's word first
    (`cookiecutter-example`), and why; of a repository `serving` a model, only by
    SERVICE_NAME_WORDS."""
    origin = repo.origin
    if origin is None:
        return None
    words = set(NAME_WORD.findall(CAMEL_HUMP.sub(r"\1 \2", origin.name).lower()))
    if serving:
        words &= SERVICE_NAME_WORDS
    for kind, said in NAME_WORDS.items():
        found = sorted(words & said)
        if found:
            return kind, f"origin {origin}: its name says {found[0]!r}"
    return None


def _presented_as_template(repo: Repo, opening: str) -> tuple[str, re.Match[str]] | None:
    """Where the README presents the repository as a template to start from (in its
    `opening`, its title or first paragraphs, or by telling its reader to clone it as one),
    unless its first paragraphs say it was made to teach or present it as a course, a
    workshop or a guide ("designed to teach you how to train, evaluate, deploy": its code
    offered as "a starting point for your own projects" is still a course's), or it holds
    a student's homework folders (the course's starter README they kept: "Template to
    start: put each of your practices into the corresponding folder"). Where the README
    says nothing (empty), the package's one-line description speaks for it ("General-purpose
    PyTorch template for AI/ML/DL projects"). Written rules: the template rule, and the
    course rule's companion code and homework."""
    first = _first_paragraphs(repo)
    said = _says_template(opening) or TEMPLATE_TITLE.search(first) or _cloned_as_template(repo)
    said = said or (TEMPLATE_NAMED.search(_title(repo)) if not _says_shown(repo) else None)
    where = repo.readme or "README"
    if not said and not first.strip():  # an empty README: the package's own description
        said, where = TEMPLATE_TITLE.search(_package_field(repo, "description")), "its package"
    if not said or MADE_TO_SHOW.search(first) or COURSE_SAID.search(first):
        return None
    return (where, said) if len(_homework_folders(repo)) < 2 else None


def _mostly_templates(repo: Repo, jinja: list[str]) -> bool:
    """Whether the templates are what the repository is: a Jinja-named folder at its
    root, or template folders (each the folder above a Jinja-named one, where its
    cookiecutter.json sits) that hold at least half its files, as a collection of
    starters does. A monorepo's `templates/project/{{cookiecutter.slug}}/` beside its own
    projects and libraries is a tool it keeps, not what it is."""
    roots = {JINJA_NAME.split(rel, 1)[0].rpartition("/")[0] for rel in jinja}
    lessons = _lesson_folders(repo)
    roots = {root for root in roots if len(lessons) < 2 or root.split("/", 1)[0] not in lessons}
    if "" in roots:
        return True
    if not roots:
        return False
    inside = tuple(f"{root}/" for root in roots)
    held = sum(1 for rel in repo.listed_sizes if rel.startswith(inside))
    return 2 * held >= len(repo.listed_sizes)


class ProductViews(ABC):
    """What the doctor's view of a repository knows beyond its files (kinds.py cannot
    import that view: the view imports kinds, and derives from this class). A class, not
    a Protocol: on Python 3.11 `isinstance` against a Protocol reads every property it
    names, computing a project's pipelines before the kind rules need them."""

    @property
    @abstractmethod
    def serving_evidence(self) -> list[str]: ...

    @property
    @abstractmethod
    def pipelines(self) -> list[str]: ...


class TrainingViews(ABC):
    """The doctor's view of the code that trains (computed once for the checks too)."""

    @property
    @abstractmethod
    def training_files(self) -> list[str]: ...


def image_serves(repo: Repo) -> bool:
    """Whether an image of the repository serves a model online (a Dockerfile among the
    doctor's serving evidence: `CMD ["streamlit", "run", "churn.py"]`): the app is
    deployed, not only a page to try the model on."""
    evidence = repo.serving_evidence if isinstance(repo, ProductViews) else []
    return any(DOCKERFILE.search(rel) for rel in evidence)


def _serves(repo: Repo) -> bool:
    """Whether anything in the repository serves a model (the doctor's serving evidence:
    a Streamlit page, an API), with or without an image."""
    return bool(repo.serving_evidence) if isinstance(repo, ProductViews) else False


def _pipeline_notebooks(repo: Repo) -> list[str]:
    """The notebooks of one folder numbered as the steps of a pipeline (`1_baseline`,
    `2_ridge`, `3_boosting`: at least PIPELINE_STEPS of them, numbered in order from 0 or
    1). Written rule (portfolio projects): a project built end to end around an ML
    product is an application; its steps run as numbered notebooks are its pipeline, not
    a collection of notebooks to learn from."""
    numbered: dict[str, dict[int, str]] = {}
    for rel in repo.files:
        folder, _, name = rel.rpartition("/")
        found = NUMBERED_STEP.match(name) if name.endswith(".ipynb") else None
        if found:
            numbered.setdefault(folder, {})[int(found.group(1))] = rel
    for steps in numbered.values():
        first = 0 if 0 in steps else 1
        if all(first + n in steps for n in range(PIPELINE_STEPS)):
            return sorted(steps.values())
    return []


def _sandbox(repo: Repo, service_files: list[str], packages: list[str]) -> bool:
    """Whether the repository is a person's sandbox: notebooks beside code that nothing
    runs as a product (a Kaggle entry, a portfolio of runs). A package of the project's
    own code with a test suite that a workflow runs is built to run again, no sandbox."""
    notebooks = any(rel.endswith(".ipynb") for rel in repo.files)
    return (
        notebooks
        and runs_as_product(repo, service_files) is None
        and not (packages and _tested_in_ci(repo))
    )


def _tested_in_ci(repo: Repo) -> bool:
    """Whether the repository has test modules and a GitHub workflow that runs pytest."""
    return bool(repo.test_files) and any(
        "pytest" in (repo.text(rel) or "") for rel in repo.workflows
    )


def runs_as_product(repo: Repo, service_files: list[str]) -> str | None:
    """What in the repository is meant to run as a product, beyond a person's own runs: a
    service, a declared pipeline (DVC, Airflow, Prefect...), an image that runs its code
    (not a notebook server or a shell), a scheduled workflow, a command it installs, or a
    job a data platform runs (Databricks jobs in Terraform or an asset bundle).
    None: a sandbox, a competition entry or a portfolio of scripts and notebooks."""
    if service_files:
        return service_files[0]
    if not isinstance(repo, ProductViews):
        return "a repository read without the doctor's views"
    signs = [*repo.serving_evidence, *repo.pipelines, *console_scripts(repo.pyproject)]
    signs += [image.path for image in repo.dockerfiles if not _development_image(image)]
    signs += [rel for rel, workflow in repo.workflows.items() if workflow_scheduled(workflow)]
    signs += _platform_jobs(repo)
    return signs[0] if signs else None


def _platform_jobs(repo: Repo) -> list[str]:
    """The files that declare jobs a data platform runs from the repository's code:
    Terraform's `resource "databricks_job"`, a Databricks asset bundle's `jobs:` in its
    databricks.yml or in the resource files it includes (`include: [resources/*.yml]`)."""
    found = [
        rel
        for rel in repo.matching(TERRAFORM_FILE, hint=".tf")
        if PLATFORM_JOB_RESOURCE.search(repo.text(rel) or "")
    ]
    for bundle in repo.matching(DATABRICKS_BUNDLE, hint="databricks"):
        found += [
            rel for rel in _bundle_files(repo, bundle) if BUNDLE_JOBS.search(repo.text(rel) or "")
        ]
    return found


def _bundle_files(repo: Repo, bundle: str) -> list[str]:
    """A Databricks asset bundle's databricks.yml and the files its `include:` globs
    name (relative to the bundle's folder)."""
    folder = bundle.rpartition("/")[0]
    document = repo.load_yaml(bundle)
    included = document.get("include") if isinstance(document, dict) else None
    globs = [g for g in included if isinstance(g, str)] if isinstance(included, list) else []
    prefix = f"{folder}/" if folder else ""
    files = [
        rel
        for rel in repo.files
        if rel.startswith(prefix)
        and any(fnmatchcase(rel[len(prefix) :], pattern.removeprefix("./")) for pattern in globs)
    ]
    return [bundle, *files]


def _development_image(image: Dockerfile) -> bool:
    """Whether the image is a workbench: a dev container, or one whose command starts a
    notebook server or a shell (`CMD jupyter-lab ...`, `CMD ["bash"]`)."""
    if DEV_CONTAINER.search(image.path):
        return True
    commands = [i.arguments for i in image.instructions if i.keyword in ("CMD", "ENTRYPOINT")]
    return bool(commands) and all(WORKBENCH_COMMAND.search(command) for command in commands)


def workflow_scheduled(workflow: dict[Any, Any]) -> bool:
    """Whether a GitHub workflow runs on a schedule (YAML 1.1 reads a bare `on` as True)."""
    triggers = workflow.get("on", workflow.get(True))
    return isinstance(triggers, dict) and "schedule" in triggers


def _root_package(repo: Repo, folder: str) -> bool:
    """Whether a folder is the root project's own package (`kedro_umbrella/`, with its
    `__init__.py`, shipped by the root's pyproject.toml build): a `setup.py` inside it (a
    dummy plugin its tests install) is package data, not a project of its own. (A folder
    with a project file of another kind, a requirements.txt, is judged as any other.)"""
    built = isinstance(repo.pyproject.get("build-system"), dict) or "setup.py" in repo.file_set
    return (
        built and f"{folder}/__init__.py" in repo.file_set and folder in importable_packages(repo)
    )


def nested_projects(repo: Repo, bare_requirements: bool = True) -> list[str]:
    """The outermost folders below the root that declare a project of their own (not the
    files MLflow writes beside a model it logs: a run's record, not a project). Without
    `bare_requirements`, a folder whose only project file is a requirements.txt is one
    only when it also has a README or tests: else it is a folder of scripts or an image's
    build context that belongs to the code around it (a course's lessons keep them), the
    project of the outermost folder above it with a README of its own if there is one,
    and so is one beside no code (an image's list of packages: the folder above's). A
    course's lessons keep theirs as they are: each is audited where it stands."""
    declared: dict[str, set[str]] = {}
    for rel in repo.files:
        folder, _, name = rel.rpartition("/")
        if (
            name in PROJECT_FILES
            and folder
            and not NOT_PROJECTS.search(folder)
            and not repo.written_by_mlflow(folder)
            and not (name == "requirements.txt" and _only_includes_from_above(repo, rel))
            and not _imported_from_the_root(repo, folder)
            and not (name == "setup.py" and _root_package(repo, folder))
        ):
            declared.setdefault(folder, set()).update(() if JINJA_NAME.search(rel) else [name])
    folders = sorted(
        {
            folder
            if bare_requirements or names != {"requirements.txt"}
            else _documented(repo, folder)
            for folder, names in (
                (folder if bare_requirements else _image_owner(repo, folder, names), names)
                for folder, names in declared.items()
            )
            if names
        }
        - {""}
    )
    outermost: list[str] = []
    for folder in folders:
        if not any(folder.startswith(parent + "/") for parent in outermost):
            outermost.append(folder)
    return outermost


def _imported_from_the_root(repo: Repo, folder: str) -> bool:
    """Whether a folder two or more deep is a package of the root's code: its own modules
    import it, or the packages beside it, by their path from the root (`src/api/main.py`:
    `from src.api.routes import predictions`, `from src.ml import predictor`), so it runs
    with the root on the path, as part of the root's project, whatever requirements file
    it keeps for its image."""
    top, _, rest = folder.partition("/")
    if not rest or not top.isidentifier():
        return False
    through_root = re.compile(rf"(?m)^[ \t]*(?:from|import)[ \t]+{re.escape(top)}\.\w")
    prefix = folder + "/"
    return any(
        rel.startswith(prefix) and rel.endswith(".py") and through_root.search(repo.text(rel) or "")
        for rel in repo.files
    )


def _image_owner(repo: Repo, folder: str, names: set[str]) -> str:
    """The folder whose project a nested folder's project files declare: its own, or, for
    a folder below a top-level one whose only project files list packages to install (a
    requirements.txt, a Pipfile) and which holds no Python code or notebook (an image's
    build context: a Dockerfile and the packages it installs), the folder above it.
    Written rule: a monorepo holds several projects; a list of what an image installs is
    no project of its own, it is part of the code around it (`backend/worker-image/` is
    `backend/`'s)."""
    if not names <= DEPENDENCY_LISTS or "/" not in folder:
        return folder
    prefix = folder + "/"
    if any(rel.startswith(prefix) and rel.endswith((".py", ".ipynb")) for rel in repo.files):
        return folder
    return folder.rpartition("/")[0]


def _projects_only(repo: Repo, packages: list[str], projects: list[str]) -> bool:
    """Whether the root's packages hold nothing but nested projects: every module below
    each (but the `__init__.py` files grouping them) lies in a folder that declares a
    project of its own (`src/mlflow/setup.py`, `src/slack/setup.py` under a
    `src/__init__.py`). Written rule:
    a monorepo holds several projects; a root pyproject over them (a shared linter's and
    formatter's settings, a name) publishes no package of its own, its projects do."""
    inside = tuple(project + "/" for project in projects)
    for package in packages:
        prefix = package + "/"
        modules = [rel for rel in repo.source_files if rel.startswith(prefix)]
        own = [rel for rel in modules if not rel.endswith("/__init__.py")]
        if not own or not all(rel.startswith(inside) for rel in own):
            return False
    return bool(packages)


def _project_folders(repo: Repo) -> list[str]:
    """The subfolders holding code of the top-level folders of a repository that calls
    itself a monorepo (`projects/<name>/`, `apps/<name>/`), when a folder holds two or
    more: its projects, whether or not each declares its dependencies (they may share the
    root's). A package (`__init__.py` in it or in its subfolders, a namespace package's
    subpackages) is no folder of projects."""
    code: dict[str, set[str]] = {}
    for rel in repo.files:
        parts = rel.split("/")
        if len(parts) >= 3 and rel.endswith((".py", ".ipynb")) and not NOT_PROJECTS.search(rel):
            code.setdefault(parts[0], set()).add(f"{parts[0]}/{parts[1]}")
    found: list[str] = []
    for top, subs in sorted(code.items()):
        package = any(f"{folder}/__init__.py" in repo.file_set for folder in (top, *subs))
        if len(subs) >= 2 and not package:
            found.extend(sorted(subs))
    return found


def _homework_folders(repo: Repo) -> list[str]:
    """The folders of a student's homework (`hw1`, `homework_2`), at the top or in the
    course's module folders (`module-1/hw-2`), or the subfolders of a top-level homework
    folder that hold code (`homework/Topic1`, `homework/chapter3`). Written rule: a
    student's homework folders stay a monorepo, each assignment a project of the
    student's own, whether or not it declares its dependencies."""
    folders = {
        "/".join(parts[:depth])
        for parts in (rel.split("/") for rel in repo.files)
        for depth in (1, 2)
        if len(parts) > depth and HOMEWORK_FOLDER.match(parts[depth - 1])
    }
    grouped = {
        "/".join(parts[:2])
        for parts in (rel.split("/", 2) for rel in repo.files)
        if len(parts) > 2 and HOMEWORK_GROUP.match(parts[0]) and parts[2].endswith(HOMEWORK_CODE)
    }
    return sorted(folders | grouped)


def _code_folders(repo: Repo) -> list[str]:
    """The folders holding code of a repository that says it holds several projects:
    each top-level folder with code of its own, or, for a folder that only groups others
    (`LLM Projects/`), each of its subfolders with code. Written rule: a monorepo holds
    several projects, whether or not each declares its dependencies."""
    code = [
        rel
        for rel in repo.files
        if rel.endswith((".py", ".ipynb")) and "/" in rel and not NOT_PROJECTS.search(rel)
    ]
    direct = {rel.split("/", 1)[0] for rel in code if rel.count("/") == 1}
    grouped = {
        "/".join(rel.split("/", 2)[:2])
        for rel in code
        if rel.count("/") >= 2 and rel.split("/", 1)[0] not in direct
    }
    return sorted(direct | grouped)


def _documented(repo: Repo, folder: str) -> str:
    """The folder a bare requirements.txt's project is: its own when it has a README or
    tests, else the outermost folder above it (below the root) with a README of its own
    (`recommender/README.md` above `recommender/services/api/requirements.txt`: the
    documented unit whose services they are); "" when none."""
    if _documented_or_tested(repo, folder):
        return folder
    parts = folder.split("/")
    for depth in range(1, len(parts)):
        above = "/".join(parts[:depth])
        if any(f"{above}/{name}" in repo.listed_sizes for name in README_FILES):
            return above
    return ""


def _only_includes_from_above(repo: Repo, rel: str) -> bool:
    """Whether a requirements file only includes a file of a folder above its own (`-r
    ../common_requirements.txt`, nothing of its own): its folder shares that dependency
    set, it declares no project of its own."""
    lines = [line.content for line in requirement_lines(repo.text(rel) or "")]
    return bool(lines) and all(INCLUDE_FROM_ABOVE.fullmatch(line) for line in lines)


def _parts_of_one_product(repo: Repo, projects: list[str], service_files: list[str]) -> bool:
    """Whether the nested projects are the parts of one product: one place has the model
    (the root or one of them) and every other project deploys it. The place that trains it
    has it, and then a service, an image that serves or code that loads or runs a model
    deploys it: `modeling/` and `service/`, a worker image and a BentoML service, a root
    that trains beside `deployment/webservice-flask/` and `deployment/lambda/`. When
    nothing trains, the one place that serves or runs a ready-made model has it, and an
    image that serves is its part: a `backend/` serving a downloaded LLM and the
    `frontend/` image of its chat page. Several places that train, serve or run a model
    of their own, a project that builds a package of its own, or one that neither trains
    nor deploys (a job streaming trades into a feature store) are projects in their own
    right. (A course built this way stays a course of lessons.)"""
    if len(projects) < 2 or not isinstance(repo, TrainingViews):
        return False
    inside = [project + "/" for project in projects]

    def place(rel: str) -> str:
        return next((folder for folder in inside if rel.startswith(folder)), "")

    trainers = {place(rel) for rel in repo.training_files if not NOT_PROJECTS.search(rel)}
    # A folder whose code imports the root's training code (an Airflow DAG that runs the
    # root's `pipeline.train`) runs that training: a part of the product that trains.
    root = {
        rel.split("/", 1)[0].removesuffix(".py") for rel in repo.training_files if not place(rel)
    }
    runners = {folder for folder in inside if root and _imports_any(repo, folder, root)}
    trainers = trainers - runners if "" in trainers else trainers
    if len(trainers) > 1:  # several places train a model of their own
        return False
    images = [image.path for image in repo.dockerfiles]
    if isinstance(repo, ProductViews):  # an image that serves (not a job's, not a tool's)
        serving = set(repo.serving_evidence)
        images = [rel for rel in images if rel in serving]
    served = {place(rel) for rel in service_files}
    scoring = {folder for folder in inside if folder not in served and _uses_a_model(repo, folder)}
    # Nothing trains: the places that serve or run a model have one each.
    owners = trainers or served | scoring
    deployers = {place(rel) for rel in images} | (served | scoring if trainers else set())
    deployers |= runners if trainers == {""} else set()
    return (
        len(owners) == 1
        and all(folder in owners | deployers for folder in inside)
        and not any(published_metadata(repo.subview(project)) for project in projects)
    )


def _said_one_product(repo: Repo, projects: list[str]) -> bool:
    """Whether the README's first paragraphs call the repository one project, system or
    application for something (`ONE_PRODUCT_SAID`) over its nested projects: the parts of
    the one product it names. Written rule: one product's folders make no monorepo."""
    return len(projects) >= 2 and bool(ONE_PRODUCT_SAID.search(_first_paragraphs(repo)))


def _built_as_one_stack(repo: Repo, projects: list[str]) -> bool:
    """Whether the repository's own tooling builds every nested project into one stack:
    a compose file outside the projects, or a `docker build` in a Makefile, justfile or
    script outside them, names each project's folder as what it builds (`context:
    ./backend`, `docker build -t api apps/api`), or is a shared package those images copy
    in (`COPY common/ /app/common/` in `api/Dockerfile`, read from the build's context:
    under `context: ./api` it is api/common), or a folder such a compose file mounts into
    a service it runs (`- ../../dbt:/app/dbt`); or one CI workflow's `docker build` lines
    build every project's image (a workflow per project builds no stack). Written rule: a
    monorepo holds several projects; services of one product brought up together (`make
    up`, `docker compose up`) are that product's parts, an application, however many
    pyprojects they keep, and so is the package of shared code they install."""
    if len(projects) < 2:
        return False
    inside = tuple(project + "/" for project in projects)
    builds, mounted = _stack_builds(repo, inside), _stack_mounts(repo, inside)
    if _builds_every_project(repo, projects, builds, mounted):
        return True
    # the shared package the services install by name (`skipper-lib==1.1.7` in each
    # service's requirements) is part of the stack, built or not
    shared = _installed_by_siblings(repo, projects)
    services = [project for project in projects if project not in shared]
    if 2 <= len(services) < len(projects) and _builds_every_project(
        repo, services, builds, mounted
    ):
        return True
    # One CI workflow that builds every project's image (each Lambda function's, then one
    # stack deploy) is the product's build script; a workflow per project is not.
    return any(
        _builds_every_project(repo, projects, builds, set())
        for rel in repo.matching(WORKFLOW_FILE, hint=".github/workflows/")
        if (builds := _written_builds(repo, rel))
    )


def _installed_by_siblings(repo: Repo, projects: list[str]) -> set[str]:
    """The nested projects whose distribution (the name their metadata gives) another
    project's requirements name (`skipper-lib/pyproject.toml` named `skipper-lib`,
    `api/requirements.txt` listing `skipper-lib==1.1.7`): shared code the services install."""
    names = {
        project: normalise_package_name(name)
        for project in projects
        if (name := _package_field(repo.subview(project), "name"))
    }
    found = set()
    for requirement in repo.requirements:
        owner = next((p for p in projects if requirement.path.startswith(p + "/")), None)
        wanted = normalise_package_name(requirement.name)
        found |= {p for p, name in names.items() if name == wanted and p != owner}
    return found


def _builds_every_project(
    repo: Repo, projects: list[str], builds: list[tuple[str, str]], mounted: set[str]
) -> bool:
    """Whether the builds (Dockerfile, context pairs) and mounts name every project's
    folder: as a context or a Dockerfile's folder, as what those images copy in (read
    from the build's context, a leading `/` included: `COPY /app/predict/ .`), or as a
    folder mounted into a service."""
    built = {folder for dockerfile, context in builds for folder in (context, _folder(dockerfile))}
    contexts = dict(builds)
    # the images built: each Dockerfile named, and those below a context folder built
    images = [
        image
        for image in repo.dockerfiles
        if image.path in contexts
        or any(image.path.startswith(context + "/") for context in contexts.values() if context)
    ]
    copied = {
        _relative_folder(
            posixpath.normpath(posixpath.join(contexts.get(image.path, ""), source.lstrip("/")))
        )
        for image in images
        for instruction in image.instructions
        for source in instruction.copied_sources
    }
    return all(
        any(path == project or path.startswith(project + "/") for path in built | copied | mounted)
        for project in projects
    )


def _stack_mounts(repo: Repo, inside: tuple[str, ...]) -> set[str]:
    """The repository's folders that compose files outside the folders `inside` mount into
    their services (`- ../../dbt:/app/dbt`, a bind mount's `source:`), read from the
    compose file's folder: what a service runs that it does not build in. Named volumes
    and paths leaving the repository are left out."""
    mounted: set[str] = set()
    for rel in repo.matching(STACK_FILE, hint="compose"):
        if rel.startswith(inside):
            continue
        document = repo.load_yaml(rel)
        services = document.get("services") if isinstance(document, dict) else None
        for service in services.values() if isinstance(services, dict) else ():
            volumes = service.get("volumes") if isinstance(service, dict) else None
            for volume in volumes if isinstance(volumes, list) else ():
                source = _mount_source(volume)
                if source.startswith("."):
                    path = posixpath.normpath(posixpath.join(_folder(rel), source))
                    if not path.startswith(".."):
                        mounted.add(_relative_folder(path))
    return mounted


def _mount_source(volume: object) -> str:
    """The host side of a compose volume: `./api:/app` -> ./api, a long-syntax mapping's
    `source` when its `type` is bind; "" for anything else."""
    if isinstance(volume, str):
        return volume.split(":", 1)[0] if ":" in volume else ""
    if isinstance(volume, dict) and volume.get("type") == "bind":
        return str(volume.get("source") or "")
    return ""


def _locked_as_one(repo: Repo, projects: list[str]) -> bool:
    """Whether one lock file resolves every nested project together: they are members of
    the root's uv workspace (`[tool.uv.workspace] members`), the root keeps its uv.lock
    and most of them keep no lock of their own. Written rule: the services of one product
    resolved by one lock are that product's parts, an application; projects that each keep
    their own lock, or that the workspace excludes, are independent (a monorepo), and so
    are a README that names the repository a monorepo or a collection of projects. One
    member's lock among many is a leftover from before the workspace (a uv.lock in one of
    eleven apps, session 47)."""
    workspace = table(repo.pyproject, "tool", "uv", "workspace")
    if len(projects) < 2 or "uv.lock" not in repo.file_set or not workspace:
        return False
    members, excluded = (_globs(workspace.get(key)) for key in ("members", "exclude"))
    named = MONOREPO_TITLE.search(_title(repo)) or _says_projects_held(repo)
    locked = [
        project
        for project in projects
        if any(f"{project}/{lock}" in repo.file_set for lock in LOCK_FILES)
    ]
    return (
        not named
        and 2 * len(locked) < len(projects)
        and all(
            any(fnmatchcase(project, pattern) for pattern in members)
            and not any(fnmatchcase(project, pattern) for pattern in excluded)
            for project in projects
        )
    )


def _plugged_into_root(repo: Repo, projects: list[str]) -> bool:
    """Whether the root's own package imports the packages of most nested projects, at
    least two (`kfp_workflow/plugins/mambasl_cmapss.py` importing `mambasl_new.cmapss` of
    `models/mambasl-new/`): they are the root product's plugins, its parts, as a compose
    file's services are (`_built_as_one_stack`). In a monorepo of independent projects the
    root has no package, or its package is what the projects import."""
    inside = tuple(project + "/" for project in projects)
    root = [package for package in importable_packages(repo) if not package.startswith(inside)]
    if len(projects) < 2 or not root:
        return False
    plugged = 0
    for project in projects:
        modules = {
            package.rsplit("/", 1)[-1] for package in importable_packages(repo.subview(project))
        }
        if modules and any(_imports_any(repo, f"{package}/", modules) for package in root):
            plugged += 1
    return plugged >= 2 and 2 * plugged >= len(projects)


def _sole_library(
    repo: Repo, project: str, service_files: list[str], usage: list[str] | None = None
) -> str | None:
    """Why a repository whose one project is a library is that library: the root holds no
    package and no metadata of its own, nothing outside the project (and the `usage`
    example folders beside it) serves or builds an image, and the project's own files
    make it a library (a connector's `pyspark-sdk/` with its setup.py, beside the Scala
    SDK and the CI folders), unless the root's README marks the repository a paper's code
    (an arXiv link: papers reimplemented, one of them a package). Written rule: a library
    ships a package, in whichever folder of the repository it lives; its usage examples are
    no project of their own."""
    if _research_evidence(repo, []):  # papers' code, one reimplementation a package
        return None
    prefix = f"{project}/"
    allowed = (prefix, *(f"{folder}/" for folder in usage or ()))
    if any(not rel.startswith(allowed) for rel in service_files):
        return None
    if any(not rel.startswith(allowed) for rel in repo.matching(DOCKERFILE, hint="erfile")):
        return None
    inside = [rel.removeprefix(prefix) for rel in service_files]
    nested = detect(repo.subview(project), inside, None)
    if nested.kind is not Kind.LIBRARY:
        return None
    return f"its one project, {project}, is a library: {nested.evidence}"


def _workspace_of_packages(repo: Repo, projects: list[str]) -> str | None:
    """Why a uv workspace locked as one is a library split into packages: the root
    installs every member by its name (`dependencies = ["mlpype-base", ...]`, each a
    `workspace = true` source), each member builds a wheel (a `[build-system]`), and
    nothing in the repository outside its usage examples builds an image or declares a
    pipeline. Written rule: services of one product resolved by one lock are its parts,
    and the product takes the kind its parts share; packages its root installs by name,
    none of them deployed, are the parts of one library (a package that serves is then a
    serving framework, as a published one is)."""
    if not _locked_as_one(repo, projects):
        return None
    installed = {requirement_name(item) for item in _dependencies(table(repo.pyproject, "project"))}
    sources = {
        requirement_name(str(key)): source
        for key, source in table(repo.pyproject, "tool", "uv", "sources").items()
    }
    members: list[str] = []
    for project in projects:
        member = repo.subview(project)
        name = table(member.pyproject, "project").get("name")
        if not (isinstance(name, str) and table(member.pyproject, "build-system")):
            return None
        source = sources.get(requirement_name(name))
        workspace = isinstance(source, dict) and source.get("workspace") is True
        if requirement_name(name) not in installed or not workspace:
            return None
        members.append(name)
    built = (*repo.matching(DOCKERFILE, hint="erfile"), *repo.matching(STACK_FILE, hint="compose"))
    deployed = [rel for rel in built if not _in_examples(rel, [])]
    if deployed or _declares_pipeline(repo):
        return None
    shown = ", ".join(members[:3]) + (", ..." if len(members) > 3 else "")
    return (
        f"a uv workspace of {len(members)} packages ({shown}) that pyproject.toml installs"
        " by name, locked as one and none deployed: one library"
    )


# A nested project's folder named for trying a package out (`argo-test`, `examples`,
# `demo-project`, `sandbox`).
TRIAL_PROJECT = lazy_pattern(
    r"(?i)(?:^|[-_/])(?:tests?|testing|examples?|demos?|samples?|sandbox)(?:$|[-_])"
)


def _plugin_and_its_tests(repo: Repo, projects: list[str]) -> str | None:
    """Why a repository of nested projects is one plugin and the projects it is tried
    on: one project is a package that registers itself in another tool's entry points
    (`argo-kedro/`: `[project.entry-points."kedro.hooks"]`), and every other is named for
    testing or showing it (`argo-test/`, a Kedro project the plugin runs). Written rule:
    a library ships a package for its users' own work; a project it keeps to test itself
    on is no second product."""
    if len(projects) < 2:
        return None
    others = [project for project in projects if TRIAL_PROJECT.search(project)]
    plugins = [project for project in projects if project not in others]
    groups = ", ".join(plugs_into(repo.subview(plugins[0]))[:2]) if len(plugins) == 1 else ""
    if not (groups and others):
        return None
    return f"{plugins[0]} plugs into {groups}, beside {others[0]} to try it on: one library"


def _dependencies(project: dict[str, Any]) -> list[str]:
    """[project]'s `dependencies`, the requirement strings it lists."""
    items = project.get("dependencies")
    return [item for item in items if isinstance(item, str)] if isinstance(items, list) else []


def _globs(value: object) -> list[str]:
    """A TOML list of folder globs (`["services/*", "./libs/core/"]`), as paths."""
    items = value if isinstance(value, list) else []
    return [item.removeprefix("./").rstrip("/") for item in items if isinstance(item, str)]


def _stack_builds(repo: Repo, inside: tuple[str, ...]) -> list[tuple[str, str]]:
    """The images that compose files and `docker build` lines outside the folders `inside`
    build: (Dockerfile path, context folder) pairs."""
    built: list[tuple[str, str]] = []
    for rel in repo.matching(STACK_FILE, hint="compose"):
        if not rel.startswith(inside):
            built += [(b.dockerfile, b.context) for b in declared_builds(rel, repo.load_yaml(rel))]
    for rel in repo.matching(BUILD_SCRIPT):
        if not rel.startswith(inside):
            built += _written_builds(repo, rel)
    return built


def _written_builds(repo: Repo, rel: str) -> list[tuple[str, str]]:
    """The images a file's `docker build` lines (not commented out) build: (Dockerfile
    path, context folder) pairs."""
    return [
        docker_build_paths(written)
        for written in docker_builds(repo.text(rel) or "")
        if not written.commented
    ]


def docker_build_paths(build: DockerBuild) -> tuple[str, str]:
    """The Dockerfile and context folder a `docker build` builds from (`docker build -t
    api -f apps/api/Dockerfile apps/api` -> apps/api/Dockerfile, apps/api), written
    without `./`."""
    context = _relative_folder(build.context)
    dockerfile = build.file.removeprefix("./") if build.file else f"{context}/Dockerfile"
    return dockerfile.lstrip("/"), context


def _folder(path: str) -> str:
    """The folder of a file's path (`apps/api/Dockerfile` -> apps/api; "" at the root)."""
    return path.rpartition("/")[0]


def _relative_folder(path: str) -> str:
    """`./apps/api/` -> `apps/api`; `.` -> ``."""
    path = path.removeprefix("./").rstrip("/")
    return "" if path == "." else path


def _imports_any(repo: Repo, folder: str, modules: set[str]) -> bool:
    """Whether a source file of the folder imports one of the modules (`from pipeline.train
    import train_pipeline`, `import pipeline`)."""
    own = {
        rel[len(folder) :].split("/", 1)[0].removesuffix(".py")
        for rel in repo.files
        if rel.startswith(folder)
    }  # a module of its own by that name is its own
    names = sorted(name for name in modules - own if name.isidentifier())
    if not names:
        return False
    imported = re.compile(rf"(?m)^[ \t]*(?:from|import)[ \t]+(?:{'|'.join(names)})\b")
    return any(
        imported.search(repo.text(rel) or "") for rel in repo.source_files if rel.startswith(folder)
    )


def _uses_a_model(repo: Repo, folder: str) -> bool:
    """Whether a source file of the folder loads or runs a model (`.predict(`,
    `load_model(`, `joblib.load(`...): a batch job that scores with it."""
    return any(
        MODEL_USE_CALL.search(repo.text(rel) or "")
        for rel in repo.source_files
        if rel.startswith(folder)
    )


def _documented_or_tested(repo: Repo, folder: str) -> bool:
    """Whether the folder has its own README, or tests (a tests/ folder, test_*.py): a
    unit of the layout, even when its README or tests are still empty (`listed_sizes`)."""
    prefix = folder + "/"
    return any(
        README_NAME.match(rest) or rest.startswith(("tests/", "test/")) or TEST_MODULE.match(rest)
        for rest in (rel[len(prefix) :] for rel in repo.listed_sizes if rel.startswith(prefix))
    )


def importable_packages(repo: Repo) -> list[str]:
    """Importable packages at the root or under src/ (an `__init__.py` one or two deep),
    else those of a namespace under src/ (`src/paige/ml_sdk/__init__.py`, no
    `src/paige/__init__.py`), else the folder named for the distribution pyproject.toml
    declares, which Poetry and
    setuptools ship with or without an `__init__.py` (a namespace package, its modules
    in subpackages too: `hip_data_ml_utils/core/client.py`), else the folders Poetry's
    `packages` names."""
    found = [
        rel.rsplit("/", 1)[0]
        for rel in repo.source_files
        if re.fullmatch(r"(?:src/)?[A-Za-z_]\w*/__init__\.py", rel)
        and not rel.split("/")[-2].startswith(("test", "_"))
    ]
    if not found:
        found = [
            rel.rsplit("/", 1)[0]
            for rel in repo.source_files
            if re.fullmatch(r"src/([A-Za-z_]\w*)/[A-Za-z_]\w*/__init__\.py", rel)
            and f"src/{rel.split('/')[1]}/__init__.py" not in repo.file_set
            and not rel.split("/")[-2].startswith(("test", "_"))
        ]
    name = table(repo.pyproject, "project").get("name") or table(
        repo.pyproject, "tool", "poetry"
    ).get("name")
    if isinstance(name, str) and not found:
        module = re.sub(r"[-.]+", "_", name)
        found = [
            folder
            for folder in (module, f"src/{module}")
            if any(
                re.fullmatch(rf"{re.escape(folder)}/(?:\w+/)*\w+\.py", rel)
                for rel in repo.source_files
            )
        ][:1]
    return found or _poetry_included(repo)


def _poetry_included(repo: Repo) -> list[str]:
    """The folders [tool.poetry]'s `packages` ships (`{ include = "featurestorebundle",
    from = "src" }`) that hold modules, whatever the distribution is named: a namespace
    package, no `__init__.py` (session 47, databricks-feature-store-bundle-poetry-lib),
    its modules in subpackages too (`hydra_plugins/hydra_optuna_sweeper_reborn/`)."""
    entries = table(repo.pyproject, "tool", "poetry").get("packages")
    folders = (
        [poetry_included(e) for e in entries if isinstance(e, dict)]
        if isinstance(entries, list)
        else []
    )
    return [
        folder
        for folder in folders
        if folder
        and any(
            re.fullmatch(rf"{re.escape(folder)}/(?:\w+/)*\w+\.py", rel) for rel in repo.source_files
        )
    ]


def published_for_others(repo: Repo) -> bool:
    """Whether pyproject.toml carries what only a package published for others needs:
    trove classifiers, or [tool.poetry]'s or [tool.flit.metadata]'s publishing keys
    (repository, homepage...)."""
    poetry = table(repo.pyproject, "tool", "poetry")
    flit = table(repo.pyproject, "tool", "flit", "metadata")
    return (
        bool(table(repo.pyproject, "project").get("classifiers"))
        or any(key in poetry for key in POETRY_PUBLISHING)
        or any(key in flit for key in FLIT_PUBLISHING)
    )


# A setup.py that names its distribution `src` (cookiecutter-data-science's `setup(name=
# "src", packages=find_packages())`): the project's own code, installed in place with
# `pip install -e .` so its modules import one another, not a package for others.
SRC_DISTRIBUTION = lazy_pattern(r"""\bname\s*=\s*['"]src['"]""")


def published_metadata(repo: Repo) -> str | None:
    """The file that makes the package publishable: a build backend with a name, flit's
    legacy `[tool.flit.metadata]` naming its module, setup.py (not one installing
    the package `src`, a project's code installed in place)."""
    project = table(repo.pyproject, "project")
    build = table(repo.pyproject, "build-system")
    poetry = table(repo.pyproject, "tool", "poetry")
    # `uv init`, `pdm init` and `hatch new` write a name, a build backend and a readme for
    # any project; a package published for others also says where it lives or what it is.
    if project.get("name") and (
        project.get("classifiers") or (build and any(k in project for k in PROJECT_PUBLISHING))
    ):
        return "pyproject.toml [project] with a build backend"
    typed = repo.matching(TYPED_MARKER, hint="py.typed") if project.get("name") and build else []
    if typed:
        return f"pyproject.toml [project] with a build backend and {typed[0]}"
    if project.get("name") and build and installed_by_name(repo, []):
        return "pyproject.toml [project] with a build backend, installed by name from an index"
    if project.get("name") and build and _readme_imports(repo, str(project["name"])):
        return "pyproject.toml [project] with a build backend, imported in its README's usage"
    description = project.get("description")
    offered = isinstance(description, str) and (
        LIBRARY_SAID.search(description) or REUSABLE_SAID.search(description)
    )
    if project.get("name") and build and offered:  # "A collection of reusable ML components"
        return "pyproject.toml [project] with a build backend, described as reusable parts"
    if poetry.get("name") and _ships_src(poetry):
        pass  # `packages = [{include = "src"}]`: the project's code installed in place
    elif poetry.get("name") and any(key in poetry for key in POETRY_PUBLISHING):
        return "pyproject.toml [tool.poetry] package"
    # A Poetry package with none of those keys (Poetry ships the folder named for it) that
    # the README installs by name or a workflow publishes: `pip install hip-data-ml-utils`
    # beside `poetry publish --build` (session 47)
    elif poetry.get("name") and (installed_by_name(repo, []) or publishes_package(repo)):
        return "pyproject.toml [tool.poetry] package, installed by name or published"
    if table(repo.pyproject, "tool", "flit", "metadata").get("module"):
        return "pyproject.toml [tool.flit.metadata]"
    if "setup.py" in repo.file_set and not _installs_src(repo):
        return "setup.py"
    if re.search(r"(?m)^\[metadata\]\s*\n(?:[^\[]*\n)?\s*name\s*=", repo.text("setup.cfg") or ""):
        return "setup.cfg [metadata]"
    return None  # a setup.cfg that only configures tools (flake8, pytest) publishes nothing


def _ships_src(poetry: dict[str, Any]) -> bool:
    """Whether a Poetry package ships only the folder `src` as its module
    (`packages = [{include = "src"}]`, not `from = "src"`'s layout): the project's own
    code, imported as `src`, as a setup.py installing `src` (`_installs_src`)."""
    packages = poetry.get("packages")
    return (
        isinstance(packages, list)
        and bool(packages)
        and all(
            isinstance(entry, dict) and entry.get("include") == "src" and "from" not in entry
            for entry in packages
        )
    )


def _installs_src(repo: Repo) -> bool:
    """Whether the root setup.py installs the project's own code as the package `src`:
    it names its distribution `src`, or its packages are found from the root, where
    `src/__init__.py` makes `src` the module to import (`from src.model import train`).
    No package published for others is imported as `src`."""
    setup = repo.text("setup.py") or ""
    return bool(SRC_DISTRIBUTION.search(setup)) or (
        "src/__init__.py" in repo.file_set and "package_dir" not in setup
    )


def _readme_imports(repo: Repo, name: str) -> bool:
    """Whether the README's code imports the distribution `name` as its module
    (`ml-feature-store`: `from ml_feature_store import FeatureStore`): usage shown to the
    package's users."""
    module = re.escape(name.lower().replace("-", "_").replace(".", "_"))
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    return (
        re.search(
            rf"(?m)^[ \t]*(?:from[ \t]+{module}(?:\.\w+)*[ \t]+import|import[ \t]+{module})\b",
            readme,
        )
        is not None
    )


def _publishing_keys(repo: Repo) -> list[str]:
    """The keys of the package's metadata that only a package published for others needs:
    where it lives (url, urls, homepage, repository), trove classifiers, keywords."""
    found = [key for key in table(repo.pyproject, "project") if key in PROJECT_PUBLISHING]
    found += [key for key in table(repo.pyproject, "tool", "poetry") if key in POETRY_PUBLISHING]
    flit = table(repo.pyproject, "tool", "flit", "metadata")
    found += [key for key in flit if key in FLIT_PUBLISHING]
    for rel in ("setup.py", "setup.cfg"):
        if rel in repo.file_set:
            found += SETUP_PUBLISHING.findall(repo.text(rel) or "")
    return found


def _ships_a_trained_model(repo: Repo, packages: list[str]) -> bool:
    """Whether the package carries the model it trains (a `trained_models/` folder in it,
    or pickles in its package data): a model package is an application, not a library."""
    inside = tuple(f"{package}/" for package in packages)
    if any(rel.startswith(inside) and TRAINED_MODELS.search(rel) for rel in repo.files):
        return True
    declared = (repo.text(rel) or "" for rel in PACKAGE_DATA_FILES if rel in repo.file_set)
    return any(MODEL_DATA.search(text) for text in declared)


def _said_tool(repo: Repo) -> re.Match[str] | None:
    """Where the README's first paragraphs call the package a library, a framework or a
    toolkit for something, or they or its one-line description offer reusable parts
    ("a collection of reusable components and pipelines"). Written rule: a library ships a
    package for its users' own work."""
    first = _first_paragraphs(repo)
    return (
        LIBRARY_SAID.search(first)
        or REUSABLE_SAID.search(first)
        or REUSABLE_SAID.search(_package_field(repo, "description"))
    )


def _shown_to_users(rel: str, packages: list[str]) -> bool:
    """Whether a file lies in the documentation, the tests, a hidden folder or a usage
    examples folder at any depth (`docs/examples/Containerfile`, `examples/api/Dockerfile`),
    outside the packages: what a package shows its users, not what it deploys."""
    folder = rel.rpartition("/")[0]
    if not folder or any(rel.startswith(f"{package}/") for package in packages):
        return False
    return bool(NOT_PROJECTS.search(folder)) or any(
        USAGE_EXAMPLES.match(part) for part in folder.split("/")
    )


def deploys_its_service(repo: Repo, packages: list[str]) -> str | None:
    """The image or compose file among the doctor's serving evidence that serves the
    repository's own code (a Lambda image whose CMD is the package's handler, a compose
    service running `uvicorn app.main:app`), outside the documentation and usage
    examples. Written rule: an application serves its model; a package whose repository
    deploys its service is that application's code, whatever it publishes."""
    evidence = repo.serving_evidence if isinstance(repo, ProductViews) else []
    return next(
        (
            rel
            for rel in evidence
            if (DOCKERFILE.search(rel) or STACK_FILE.search(rel))
            and not _shown_to_users(rel, packages)
        ),
        None,
    )


def _pipeline_runs_examples(repo: Repo, packages: list[str]) -> bool:
    """Whether the declared pipeline is a usage example: a root MLproject whose every entry
    point's command, or a root dvc.yaml whose every stage's `cmd`, runs a script in a
    usage examples folder (`python examples/train_mnist.py`), and no params.yaml or Kedro
    project declares one of the repository's own."""
    if "params.yaml" in repo.file_set or table(repo.pyproject, "tool", "kedro"):
        return False
    commands: list[str] = []
    for rel, steps_key, command_key in (
        ("MLproject", "entry_points", "command"),
        ("dvc.yaml", "stages", "cmd"),
    ):
        if rel not in repo.file_set:
            continue
        document = repo.load_yaml(rel)
        steps = document.get(steps_key) if isinstance(document, dict) else None
        if not isinstance(steps, dict) or not steps:
            return False
        for step in steps.values():
            command = step.get(command_key) if isinstance(step, dict) else None
            if not isinstance(command, str):
                return False
            commands.append(command)
    scripts = [SCRIPT_RUN.findall(command) for command in commands]
    return bool(commands) and all(
        found and all(_in_examples(script, packages) for script in found) for found in scripts
    )


def _runs_unpublished(repo: Repo) -> bool:
    """Whether the package publishes nothing (no URL, classifiers or keywords) and its
    code runs as a pipeline (Prefect, Airflow...) or on a schedule: an application's own
    code, installed where it is deployed, not a library published for others. A pipeline
    in its examples folder shows its users how to run it."""
    if _publishing_keys(repo) or not isinstance(repo, ProductViews):
        return False
    scheduled = any(workflow_scheduled(workflow) for workflow in repo.workflows.values())
    packages = importable_packages(repo)
    pipelines = [p for p in repo.pipelines if not _in_examples(_declared_in(p), packages)]
    return bool(pipelines) or scheduled


def _declared_in(pipeline: str) -> str:
    """The file a pipeline was found in (`MLproject (examples/a/MLproject)`), "" if none."""
    found = PIPELINE_SOURCE.search(pipeline)
    return found.group(1) if found else ""


def _in_examples(rel: str, packages: list[str]) -> bool:
    """Whether a file lies in a top-level examples, demos, samples or tutorials folder
    (`examples/wine/service.py`), outside the packages (a package may be named `demo`)."""
    folder, _, rest = rel.partition("/")
    inside = any(rel.startswith(f"{package}/") for package in packages)
    return bool(rest) and not inside and bool(USAGE_EXAMPLES.match(folder))


def _beyond_the_package(repo: Repo, packages: list[str], service_files: list[str]) -> list[str]:
    """The service files that are neither a published package's usage examples nor, when its README
    installs it by name from an index (`pip install unionml`) or it plugs into another tool
    (`plugs_into`) and builds no image, its own modules. Written rule: a library ships a package;
    its examples and the serving API its users install are their tools, not a service of its own."""
    # a plugin that builds its own image (an MLflow server extended, deployed with Helm)
    # deploys the service it plugs into
    built = any(not _shown_to_users(rel, packages) for rel in repo.matching(DOCKERFILE))
    offered = installed_by_name(repo, packages) or (plugs_into(repo) and not built)
    own = tuple(f"{package}/" for package in packages) if offered else ()
    return [
        rel
        for rel in service_files
        if not _in_examples(rel, packages) and not (own and rel.startswith(own))
    ]


# Entry-point groups a package declares for itself, not for another tool to load.
OWN_ENTRY_POINTS = frozenset({"console_scripts", "gui_scripts"})


def plugs_into(repo: Repo) -> list[str]:
    """The entry-point groups of other tools the package registers itself in
    (`[project.entry-points."mlflow.tracking_store"]`, `"kedro.hooks"`, Poetry's
    `[tool.poetry.plugins."pytest11"]`): a plugin, loaded by the tool its users run, which
    is a library for them whatever server it extends."""
    groups = table(repo.pyproject, "project", "entry-points")
    found = [group for group in groups if group not in OWN_ENTRY_POINTS]
    poetry = table(repo.pyproject, "tool", "poetry", "plugins")
    found += [group for group in poetry if group not in OWN_ENTRY_POINTS]
    return found


def _trains_by_command(repo: Repo) -> bool:
    """Whether the package declares a console script that trains (`rmind-train`,
    `train`): a package whose own command trains its model is an application."""
    return any(TRAIN_SCRIPT.search(name) for name in console_scripts(repo.pyproject))


def _package_field(repo: Repo, key: str) -> str:
    """What the package's metadata says of it under `key` ("description", "name"):
    pyproject.toml's, setup.py's or setup.cfg's, "" when none does."""
    said = table(repo.pyproject, "project").get(key) or table(repo.pyproject, "tool", "poetry").get(
        key
    )
    if isinstance(said, str):
        return said
    for rel in ("setup.py", "setup.cfg"):
        found = SETUP_FIELDS[key].search(repo.text(rel) or "") if rel in repo.file_set else None
        if found:
            return found.group(1).strip()
    return ""


def _package_says_example(repo: Repo) -> str | None:
    """How the package's own metadata calls it an example, a demo or a tutorial: its
    one-line description ("KServe example with Iris") or its name (`mlflow-email-demo`,
    `mlflow-3-tutorials`; a package named `demo` alone is only named; not a project made
    for a lecture, `COURSE_PROJECT`). Written rule: a
    repository presented as an example is one, with or without a package; the name its
    author gave the package presents it too."""
    described = _package_field(repo, "description")
    if described and EXAMPLE_NOUN.search(described) and not COURSE_PROJECT.search(described):
        return f"its package describes itself as {described!r}"
    name = _package_field(repo, "name")
    words = re.sub(r"[-_.]+", " ", name).strip()
    if " " in words and EXAMPLE_NOUN.search(words):
        return f"its package is named {name!r}"
    return None


def _declares_pipeline(repo: Repo) -> bool:
    """An application's mark: a declared pipeline (DVC, MLproject, Kedro, params)."""
    return any(name in repo.file_set for name in ("dvc.yaml", "MLproject", "params.yaml")) or bool(
        table(repo.pyproject, "tool", "kedro")
    )


def _research_evidence(repo: Repo, packages: list[str], links: bool = True) -> str | None:
    """Why the repository reads as the code of a paper: its README cites one (by an arXiv
    link too, unless not `links`), it carries
    the paper's sources (a .tex or .typ document and a .bib), code named for the paper or
    for an ablation study, a scientific workflow runs
    scripts (no package of its own), W&B sweeps search its runs and no image ships them,
    or a top-level folder holds the research."""
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    lowered = readme.lower()
    for sign, word, pattern in RESEARCH_SIGNS:
        if word == "cit" and SOFTWARE_CITATION.search(readme):
            continue  # a request to cite the software itself, not a paper
        if word == "arxiv" and not links:
            continue
        if word in lowered and re.search(pattern, readme):
            return f"research code: {repo.readme} has {sign}"
    bibliography = next((rel for rel in repo.files if rel.endswith(".bib")), None)
    paper = next((rel for rel in repo.files if rel.endswith(PAPER_SOURCES)), None)
    if bibliography and paper:
        return f"research code: the sources of its paper ({paper}, {bibliography})"
    named = next(iter(repo.matching(PAPER_CODE, hint="aper")), None)
    if named:
        return f"research code: {named} is named for its paper"
    ablation = next(iter(repo.matching(ABLATION_CODE, hint="blation")), None)
    if ablation:
        return f"research code: {ablation} is named for an ablation study"
    workflow = next((rel for rel in SCIENTIFIC_WORKFLOWS if rel in repo.file_set), None)
    if workflow and not packages:
        return f"research code: a scientific workflow of scripts ({workflow})"
    sweep = next(
        (rel for rel in repo.matching(SWEEP_FILE, hint="sweep") if _is_sweep(repo, rel)), None
    )
    if sweep and not repo.matching(DOCKERFILE, hint="erfile"):
        return f"research code: hyperparameter sweeps ({sweep})"
    top = sorted({rel.split("/", 1)[0] for rel in repo.files if "/" in rel})
    folder = next((name for name in top if RESEARCH_FOLDER.search(name)), None)
    return f"research code: folder {folder}/" if folder else None


# A README opening that says the repository was built as a portfolio project ("Built as a
# portfolio project targeting ML Platform Engineer roles") or is one: a product of its author's,
# whatever paper its model comes from (the portfolio rule: an application).
PORTFOLIO_PROJECT = lazy_pattern(
    r"(?i)\b(?:built|made|created|developed|designed)\s+as\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}"
    r"portfolio\s+(?:project|piece)\b"
    # or that the repository is one ("This repository is a **production-aware EDA + MLOps
    # portfolio** that demonstrates"), not a portfolio of several projects
    r"|\bthis\s+(?:repository|repo|project)\s+is\s+an?\s+[^\n.]{0,60}?\bportfolio\b"
    r"(?:\s+(?:project|piece))?(?![ \t*_]+of\b)"
)


def _paper_at_top(repo: Repo) -> str | None:
    """Why the README presents the repository as the code of a paper from its title
    section (before its second heading): a link to the paper on arXiv, its BibTeX, "the
    official implementation of", "our paper". An application that builds on a paper cites
    it further down, beside what it does; research code opens with its paper. Not when the
    opening says it was built as a portfolio project: the paper is its model's."""
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    headings = [found.start() for found in README_HEADING.finditer(readme[:TITLE_SECTION])]
    top = readme[: headings[1] if len(headings) > 1 else TITLE_SECTION]
    if PORTFOLIO_PROJECT.search(top):
        return None  # a portfolio's product that cites the model it builds on
    lowered = top.lower()
    for sign, word, pattern in RESEARCH_SIGNS:
        if word in lowered and re.search(pattern, top):
            return f"research code: the title section of {repo.readme} has {sign}"
    return None


def _is_sweep(repo: Repo, rel: str) -> bool:
    """Whether the YAML file is a W&B sweep: a search `method` over `parameters`."""
    content = repo.text(rel) or ""
    return bool(SWEEP_METHOD.search(content) and SWEEP_PARAMETERS.search(content))


def installed_by_name(repo: Repo, packages: list[str]) -> bool:
    """Whether the README installs the package by its name from an index (`pip install
    pytorch-tabnet`, `conda install -c conda-forge NAME`) or from its own Git repository
    (`pip install git+https://github.com/owner/NAME.git@v0.1.0`), or has its reader add
    it as a dependency (`poetry add NAME`, `NAME @ git+ssh://...` in requirements.txt,
    `NAME = {git = "..."}` in pyproject.toml), as a published package's does, rather than
    from a clone (`pip install -r requirements.txt`, `pip install -e .`)."""
    names = {folder.rsplit("/", 1)[-1] for folder in packages}
    declared = table(repo.pyproject, "project").get("name") or table(
        repo.pyproject, "tool", "poetry"
    ).get("name")
    names |= {declared} if isinstance(declared, str) else set()
    wanted = {_normal(name) for name in names}
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    if any(_normal(name) in wanted for name in GIT_DEPENDENCY.findall(readme)):
        return True
    for line in INSTALL_LINE.findall(readme):
        words = line.split()
        for before, word in zip(["", *words], words, strict=False):
            if word.startswith("-") or before in VALUED_FLAGS:
                continue
            word = word.strip("'\"")
            if word.startswith("git+"):  # its own repository's URL: `pip install git+URL`
                if _git_url_name(word) in {re.sub(r"[-_.]", "", name) for name in wanted}:
                    return True
                continue
            name = re.split(r"[\[<>=!~;@ ]", word, maxsplit=1)[0]
            if _normal(name) in wanted:
                return True
    return False


def _normal(name: str) -> str:
    """A distribution's name normalised as PEP 503 does (`Mlops_Utils` -> `mlops-utils`)."""
    # Imported here, as lock_needs does: packaging costs start-up time most runs never need.
    from packaging.utils import canonicalize_name

    return str(canonicalize_name(name))


def _git_url_name(url: str) -> str:
    """The repository a `git+https://host/owner/Repo.git@v0.1.0` URL names, lowered and
    without separators (`repo`), to compare with the package's name."""
    last = url.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].split("@", 1)[0]
    return re.sub(r"[-_.]", "", last.removesuffix(".git")).lower()


def teaching_evidence(repo: Repo, words: bool = True, notebooks: bool = True) -> str | None:
    """Why the repository reads as examples or a course: lesson folders, example folders,
    (with `notebooks`) notebooks rather than modules, or (with `words`) a README that says
    so (not one that calls its projects its author's own: a portfolio)."""
    lessons = _lesson_folders(repo)
    if len(lessons) >= 2:
        return f"{LESSON_FOLDERS} {', '.join(lessons[:3])}"
    exercises = _exercise_folders(repo)
    if exercises:
        return f"folders whose READMEs call them exercises: {', '.join(exercises[:3])}"
    solutions = _course_solutions(repo)
    if solutions:
        return solutions
    top = sorted({rel.split("/", 1)[0] for rel in repo.files if "/" in rel})
    examples = [folder for folder in top if EXAMPLE_FOLDERS.match(folder)]
    code = [rel for rel in repo.files if rel.endswith((".py", ".ipynb"))]
    inside = [rel for rel in code if rel.split("/", 1)[0] in examples]
    if examples and 2 * len(inside) > len(code):
        return f"most code is under {examples[0]}/"
    # a portfolio's notebooks are its author's work (said in its headings too)
    showcase = SHOWCASE_OF_AUTHOR.search(readme_opening(repo))
    books = [rel for rel in code if rel.endswith(".ipynb")] if notebooks and not showcase else []
    if books and len(books) >= len(code) - len(books) and not _nested_pipeline(repo):
        return f"{len(books)} notebooks and no package"
    prose = _prose(readme_opening(repo)) if words and not showcase else ""
    said = TEACHING_WORDS.search(prose) if not OWN_PROJECTS.search(prose) else None
    if said:
        return f"{repo.readme} says {said.group(0)!r}"
    return None


def _playground(repo: Repo) -> str | None:
    """Why the repository reads as a playground of projects: its README's title or
    opening prose calls it one. Its projects are examples, as a gallery's are."""
    said = PLAYGROUND_TITLE.search(_title(repo)) or PLAYGROUND_SAID.search(
        _prose(readme_opening(repo))
    )
    return f"{repo.readme} says {said.group(0)!r}" if said else None


def _lesson_folders(repo: Repo, top: list[str] | None = None) -> list[str]:
    """The top-level folders named as a course's or a book's numbered lessons (`01-intro`,
    `week2`, `day1`, `ch03`, `Chapter05`), but a pipeline's numbered steps: a folder that
    builds an image and whose step a file at the root names (`1_check_bucket/Dockerfile`,
    run by pipeline.py's `image="me/check_bucket:0.3"`). `top`: the top-level folders, when
    the caller has them listed."""
    lessons = _lessons_among(_top_folders(repo) if top is None else top)
    return [folder for folder in lessons if not _pipeline_step(repo, folder)]


def _pipeline_step(repo: Repo, folder: str) -> bool:
    """Whether the numbered `folder` is a step that code at the root runs: it holds a
    Dockerfile, and a root Python or YAML file writes its name without the number."""
    if not any(DOCKERFILE.search(rel) for rel in repo.files if rel.startswith(f"{folder}/")):
        return False
    step = LESSON_NUMBER.sub("", folder)
    if len(step) < 3:
        return False
    named = re.compile(rf"(?<![\w]){re.escape(step)}(?![\w])", re.IGNORECASE)
    return any(
        named.search(repo.text(rel) or "")
        for rel in repo.files
        if "/" not in rel and rel.endswith((".py", ".yaml", ".yml"))
    )


def _lessons_among(top: list[str]) -> list[str]:
    """The top-level folders named as numbered lessons (see `_lesson_folders`)."""
    return [folder for folder in top if LESSON_FOLDER.match(folder)]


def _top_folders(repo: Repo) -> list[str]:
    """The repository's top-level folders that hold files, sorted."""
    return sorted({rel.split("/", 1)[0] for rel in repo.files if "/" in rel})


def _nested_pipeline(repo: Repo) -> str | None:
    """The nested project that declares a pipeline (a Kedro project in its own folder, a
    dvc.yaml or MLproject beside its project file), if any: notebooks around it explore
    for a project of the repository's own, they are not a collection of notebooks."""
    for folder in nested_projects(repo, bare_requirements=False):
        if _declares_pipeline(repo.subview(folder)):
            return folder
    return None


def is_course(repo: Repo) -> bool:
    """Whether the teaching repository is a course: lesson folders, a top-level folder
    of exercises, labs or lessons (`Exercises/MLflow/`, `labs/`), a README whose
    opening calls it a course, lessons or a workshop, or one that tells its reader what
    they will learn or do ("In this workshop, you ..."): a lesson's words, so its
    projects are lessons."""
    folders = _top_folders(repo)
    return (
        len(_lesson_folders(repo, folders)) >= 2
        or bool(_exercise_folders(repo))
        or any(COURSE_FOLDER.match(folder) for folder in folders)
        or bool(COURSE_WORDS.search(readme_opening(repo)))
        or bool(_course_solutions(repo))
        or bool(addresses_learner(repo))
    )


def _exercise_folders(repo: Repo) -> list[str]:
    """The top-level folders whose own README opens by calling the folder a tutorial, an
    exercise or a lesson ("This folder is to practise the FastAPI tutorial"), when they are
    at least two and most of the folders with a README. Written rule: a course's lessons
    make it an example, whether its README or its lessons' own READMEs say so."""
    documented: dict[str, str] = {}
    for rel in repo.files:
        folder, _, name = rel.partition("/")
        if "/" not in name and README_NAME.match(name) and folder not in documented:
            documented[folder] = _opening_paragraphs(_readme_opening(repo.text(rel) or ""))
    exercises = sorted(
        folder for folder, opening in documented.items() if EXERCISE_WORDS.search(opening)
    )
    return exercises if len(exercises) >= 2 and 2 * len(exercises) > len(documented) else []


def _course_solutions(repo: Repo) -> str | None:
    """Where the repository keeps a course's worked answers: a folder named for solutions,
    or at least two files named for them, outside any homework folder (a learner's answers
    are their own work). Written rule: a course's or workshop's material is an example."""
    found = [
        rel
        for rel in repo.files
        if "olution" in rel
        and (SOLUTION_FOLDER.search(rel) or SOLUTION_FILE.search(rel))
        and not HOMEWORK_PATH.search(rel)
    ]
    folders = [rel for rel in found if SOLUTION_FOLDER.search(rel)]
    if folders or len(found) >= 2:
        return f"worked solutions kept beside the exercises ({(folders or found)[0]})"
    return None


def addresses_learner(repo: Repo) -> str | None:
    """Where the README, anywhere in it, tells its reader what they will learn or do
    ("What you'll learn", "By the end of this workshop"): a lesson's words to a learner.
    Written rule: material made to teach is an example."""
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    lowered = readme.lower()  # every match holds one of these words: skip the rest
    words = ("you", "by the end", "in this")
    said = LEARNER_ADDRESSED.search(readme) if any(w in lowered for w in words) else None
    return f"{repo.readme} tells its reader {' '.join(said.group(0).split())!r}" if said else None


def _one_example(repo: Repo) -> str | None:
    """The README opening's teaching word when it names one example ("a basic showcase of
    AWS SageMaker capabilities", "an example of"), not a gallery of them ("examples",
    "showcases", "tutorials", "gallery") or a course."""
    said = TEACHING_WORDS.search(_prose(readme_opening(repo)))
    word = said.group(0) if said else ""
    return word if word.lower() in ("example", "tutorial", "showcase") else None


def _prose(opening: str) -> str:
    """A README opening's prose: its title and paragraphs, without list items (they name
    parts of the repository) or section headings after the title ("## Example Response",
    "## Usage examples": a section of usage, not what the repository is)."""
    text = LIST_ITEM.sub("", opening)
    title = MARKDOWN_TITLE.search(text)
    start = title.end() if title else 0
    return text[:start] + SECTION_LINE.sub("", text[start:])


def _learner_modules(repo: Repo) -> list[str]:
    """The lesson folders of a repository whose README says it is a learner's own, built
    along a course ("Welcome to my repository ... practices learned throughout the
    course", "Personal repository for <a course>"): each module's folder holds the
    learner's work, a project of their own, whether or not it declares its dependencies.
    Written rule: a learner's own projects built along a course stay a monorepo."""
    lessons = _lesson_folders(repo)
    opening = readme_opening(repo)
    if len(lessons) >= 2 and (LEARNER_REPOSITORY.search(opening) or MY_ANSWERS.search(opening)):
        return lessons
    # "This repository contains my solutions" over `mini-project-1/`, `mini_project2/`:
    # the learner's assignments, numbered, each folder one of them.
    series = _numbered_series(repo)
    return series if series and LEARNER_WORDS.search(readme_opening(repo)) else []


def _numbered_series(repo: Repo) -> list[str]:
    """The top-level folders holding code or notebooks that share one name but for a
    number ending it (`mini-project-1`, `mini_project2`, `mini_project3`; `assignment_1`,
    `assignment_2`), when two or more do: one series of numbered assignments. A course's
    lesson folders (`week_1`, `module-2`) are lessons, whoever's solutions they hold."""
    holding_code = {
        rel.split("/", 1)[0] for rel in repo.files if "/" in rel and rel.endswith((".py", ".ipynb"))
    }
    series: dict[str, list[str]] = {}
    for folder in sorted(holding_code):
        found = NUMBERED_FOLDER.fullmatch(folder)
        if found and not LESSON_FOLDER.match(folder):
            stem = re.sub(r"[\W_]+", "", found.group(1)).lower()
            series.setdefault(stem, []).append(folder)
    longest = max(series.values(), key=len, default=[])
    return sorted(longest) if len(longest) >= 2 else []


def _course_material(repo: Repo) -> bool:
    """Whether the course is the material a course teaches with (lessons, labs, a
    workshop's code, a fork of it), which is an example however many projects its lessons
    keep, rather than a learner's work: a student's homework (folders `hw1`, `hw2`, one
    project of the student's own per assignment) or a repository its README says was
    built along a course."""
    homework = len(_homework_folders(repo)) >= 2 or bool(_graded_projects(repo))
    learner = homework or bool(LEARNER_WORDS.search(readme_opening(repo)))
    return not learner and not _lessons_held_elsewhere(repo)


def _graded_projects(repo: Repo) -> list[str]:
    """The top-level folders of a course's graded projects that hold code
    (`midterm-project/train.py`, `capstone_2/predict.py`): a learner's answers, where a
    course's own material keeps only the brief (`07-midterm-project/README.md`)."""
    return sorted(
        {
            parts[0]
            for parts in (rel.split("/", 1) for rel in repo.files)
            if len(parts) == 2
            and GRADED_PROJECT.match(parts[0])
            and parts[1].endswith(HOMEWORK_CODE)
        }
    )


def _lessons_held_elsewhere(repo: Repo) -> list[str]:
    """The lesson folders whose namesakes in one other GitHub repository the README links
    (`[Homework 2](https://github.com/<course>/blob/main/cohorts/2024/02-experiment-tracking/
    homework.md)` beside `02-experiment-tracking/`, as a link or a bare URL), when they
    are at least two and most of the lesson folders: the course's material lives in that
    repository, this one keeps a learner's answers to it, folder by folder. Links into
    the repository itself (its `origin`: a course's README linking its own parts by
    their GitHub address) hold nothing elsewhere. Written rule: a learner's own work
    built along a course stays a monorepo."""
    lessons = set(_lesson_folders(repo))
    readme = (repo.text(repo.readme) or "") if repo.readme and len(lessons) >= 2 else ""
    if "github.com" not in readme:
        return []
    origin = repo.origin
    itself = f"{origin.owner}/{origin.name}".lower() if origin else ""
    linked: dict[str, set[str]] = {}
    for target in GITHUB_LINK.findall(readme):  # a Markdown link's target or a bare URL
        found = GITHUB_PATH.match(target)
        named = lessons & set(found.group(2).split("/")) if found else set()
        if found and named and found.group(1).lower() != itself:
            linked.setdefault(found.group(1).lower(), set()).update(named)
    most = max(linked.values(), key=len, default=set())
    return sorted(most) if len(most) >= 2 and 2 * len(most) > len(lessons) else []


def _video_series(repo: Repo) -> str | None:
    """Why the repository reads as the code of a video series: its README links at least
    VIDEO_SERIES distinct videos, each on a line (a table row, a list item) that also
    links a folder of the repository, the code of that video."""
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    lowered = readme.lower()
    if "youtu" not in lowered and "vimeo" not in lowered:
        return None
    folders = {rel.rsplit("/", 1)[0] for rel in repo.files if "/" in rel}
    folders |= {folder.rsplit("/", 1)[0] for folder in folders if "/" in folder}
    videos: set[str] = set()
    for line in readme.splitlines():
        found = VIDEO_LINK.findall(line)
        if found and any(_own_folder(t, folders) for t in LINK_TARGET.findall(line)):
            videos.update(found)
    if len(videos) < VIDEO_SERIES:
        return None
    return f"{repo.readme} links {len(videos)} videos, each beside its code: a video series"


def _own_folder(target: tuple[str, str], folders: set[str]) -> bool:
    """Whether a link target (Markdown's or reStructuredText's) is a folder of the
    repository, or a file in one: `gpt/`, `./mini/bentoml`, a GitHub tree URL to it."""
    path = GITHUB_TREE.sub("", target[0] or target[1]).split("#")[0].strip("/")
    path = path.removeprefix("./")
    if NOT_PROJECTS.search(path):  # slides under docs/ are no video's code
        return False
    return path in folders or path.rsplit("/", 1)[0] in folders


def _competition_score(repo: Repo) -> str:
    """The author's score or rank in a competition as the README's top reports it, ""
    if none."""
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    lowered = readme[:COMPETITION_REPORT].lower()
    if not any(word in lowered for word in COMPETITION_WORDS):
        return ""
    found = COMPETITION_SCORE.search(lowered)
    if found and found.group(0).startswith("top") and not RANKED_IN.search(lowered):
        return ""  # "top 10% of customers by risk": what a product outputs, not a rank
    return " ".join(found.group(0).split()) if found else ""


def _says_template(opening: str) -> re.Match[str] | None:
    """Where the README's opening calls the repository a template to start from, unless
    it only offers it as one ("you can use this as a template to ...") or a list item
    says it of a part ("* `notebook`: the notebook used as a starting point for the
    guide")."""
    items = [item.span() for item in LIST_ITEM.finditer(opening)]
    for said in TEMPLATE_WORDS.finditer(opening):
        listed = any(start <= said.start() < end for start, end in items)
        if not listed and not TEMPLATE_OFFERED.search(opening[: said.start()]):
            return said
    return None


def _cloned_as_template(repo: Repo) -> re.Match[str] | None:
    """Where the README tells its reader to clone or copy this repository as a template
    ("First, git clone this project template locally"), or into a repository of their own
    ("clone a copy of this repo and push to your remote")."""
    readme = (repo.text(repo.readme) or "") if repo.readme else ""
    cloned = TEMPLATE_CLONED.search(readme) if "template" in readme.lower() else None
    return cloned or (PUSHED_AS_OWN.search(readme) if "push" in readme else None)


def _title(repo: Repo) -> str:
    """The README's title: its first Markdown heading of level one or two, unless the HTML
    heading a centred header block opens with (`<h1 align="center">... Demo</h1>` under a
    logo) comes first, "" if none."""
    readme = (repo.text(repo.readme) or "")[:HTML_TITLE_REACH] if repo.readme else ""
    html = HTML_TITLE.search(readme) if "<h1" in readme.lower() else None
    # An HTML heading above every Markdown one is the title; "## Table of contents" below
    # it is a section
    heading = MARKDOWN_TITLE.search(readme) if html else None
    found = MARKDOWN_TITLE.search(readme_opening(repo))
    if found and not (html and (heading is None or html.start() < heading.start())):
        return found.group(1).strip()
    return " ".join(README_MARKUP.sub("", html.group(1)).split()) if html else ""


def _named_monorepo(repo: Repo) -> re.Match[str] | None:
    """Where the author names the repository a monorepo: its README's title ("#
    ds-monorepo") or its root package's one-line description ("MLOps course assignments
    monorepo", "Project Template (Mono-repo)"), which describes the repository its
    pyproject.toml sits at the root of."""
    return MONOREPO_TITLE.search(_title(repo)) or MONOREPO_TITLE.search(
        _package_field(repo, "description")
    )


def _says_own_projects(repo: Repo) -> bool:
    """Whether the README's opening says the repository holds several projects and
    nothing there calls it a course, a workshop or lessons ("# AI / ML Portfolio / Ten
    production-grade AI projects" over folders numbered 01- to 10-): the author's own
    projects, numbered, not lessons. Written rule: a learner's or a portfolio's several
    projects make a monorepo."""
    return bool(_says_projects_held(repo)) and not COURSE_WORDS.search(readme_opening(repo))


def _says_projects_held(repo: Repo) -> re.Match[str] | None:
    """Where the README's opening says the repository holds several projects: a phrase
    of its first paragraphs (`PROJECTS_HELD`), or its title or first line named by them
    (`PROJECTS_NAME`)."""
    opening = _first_paragraphs(repo)
    lines = [line for line in opening.splitlines() if line.strip()]
    first = next((line for line in lines if not line.lstrip().startswith("#")), "")
    named = (PROJECTS_NAME.search(line) for line in (_title(repo), first))
    return PROJECTS_HELD.search(opening) or next((found for found in named if found), None)


def _first_paragraphs(repo: Repo) -> str:
    """The README's title and first paragraph (markup and section headings such as "##
    Getting started" left out): where it says what the repository is, before any usage
    text that shows "an example of" a request."""
    return _opening_paragraphs(readme_opening(repo))


@lru_cache(maxsize=128)
def _opening_paragraphs(opening: str, count: int = 2) -> str:
    """`_first_paragraphs` of a README's opening (its first `count` paragraphs): worked
    out once per README, however many views and rules ask (a monorepo's root and each
    project ask three to five times)."""
    paragraphs = [
        p
        for p in re.split(r"\n[ \t]*\n", opening)
        if re.search(r"\w", p)
        and not LINK_LINE.fullmatch(p.strip())
        and not CONTENTS.fullmatch(p.strip())
    ]
    paragraphs[1:] = [p for p in paragraphs[1:] if not SECTION_HEADING.fullmatch(p.strip())]
    return "\n".join(paragraphs[:count])[: 200 * count]


def readme_opening(repo: Repo) -> str:
    """The README's opening words, once logos and badges are left out, and the symbols
    (emoji) a heading's words may follow ("# 🧬 ML Project Template"). Front matter (a
    Hugging Face Space's `title:`, `sdk:`...) is no text. Its title is not read either:
    Hugging Face calls every Space a demo, and its title often says so ("CSDS553 Demo")
    of a product's Space."""
    if not repo.readme:
        return ""
    opening = _readme_opening(repo.text(repo.readme) or "")
    english = english_readme(repo) if _foreign(opening) else None
    return _readme_opening(repo.text(english) or "") if english else opening


@lru_cache(maxsize=128)
def _foreign(opening: str) -> bool:
    """Whether most of a README opening's letters are outside ASCII (Japanese, Chinese,
    Russian prose). Worked out once per opening (every rule of every view asks), and not
    letter by letter when it is all ASCII."""
    if opening.isascii():
        return False
    letters = [char for char in opening if char.isalpha()]
    return 2 * sum(1 for char in letters if not char.isascii()) > len(letters)


def english_readme(repo: Repo) -> str | None:
    """The English translation kept beside a README in another language (`README_EN.md`,
    `README.en.md` in the same folder): what the repository is, in the words the rules
    read."""
    folder = repo.readme.rpartition("/")[0] if repo.readme else ""
    found = repo.matching(ENGLISH_README, hint="readme")
    return next((rel for rel in found if rel.rpartition("/")[0] == folder), None)


@lru_cache(maxsize=128)
def _readme_opening(readme: str) -> str:
    """A README's opening (see `readme_opening`), worked out once per README text."""
    front = FRONT_MATTER.match(readme)
    text = readme[front.end() :] if front else readme
    head = ANCHOR_LIST.sub("", text[:TABLE_OF_CONTENTS_REACH])
    return HEADING_SYMBOLS.sub(r"\1", _unmarked_start(head + text[TABLE_OF_CONTENTS_REACH:], 600))


# A table of contents: list items that link the README's own sections (`- [I. Overview](
# #i-overview)`), one a line, nested or not. At the top of a README it would fill the
# opening, and push out the paragraph that says what the repository is.
ANCHOR_LIST = lazy_pattern(r"(?m)^" + ANCHOR_ITEMS)
TABLE_OF_CONTENTS_REACH = 6000  # characters of a README's top a table of contents may fill


def _unmarked_start(text: str, size: int) -> str:
    """`README_MARKUP.sub("", text)[:size]`, reading only as far as that start needs: the
    markup of a long README's later sections is never looked at."""
    kept: list[str] = []
    length, end = 0, 0
    for markup in README_MARKUP.finditer(text):
        kept.append(text[end : markup.start()])
        length, end = length + markup.start() - end, markup.end()
        if length >= size:
            return "".join(kept)[:size]
    kept.append(text[end:])
    return "".join(kept)[:size]
