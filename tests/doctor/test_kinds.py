"""Project kinds: each is detected from the files that make it, and chooses the checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlops_scaffold.doctor.kinds import APPLIES_TO, Kind
from mlops_scaffold.doctor.report import Status
from tests.conftest import build_file_tree, run_mlops
from tests.doctor.cases import PACKAGE, SERVICE, TEST, TRAINING, notebook
from tests.doctor.helpers import audit, found_ids, git_commit, status_of

LIBRARY = {
    **PACKAGE,
    "pyproject.toml": "[build-system]\nrequires = ['hatchling']\n"
    "build-backend = 'hatchling.build'\n\n[project]\nname = 'demo'\n"
    "dependencies = ['numpy>=1.20']\nurls = {Homepage = 'https://example.org/demo'}\n",
    "src/demo/core.py": "import numpy\n",
}
APPLICATION = {**LIBRARY, **SERVICE, **TRAINING}
# What `uv init --lib` writes: a name and a build backend, no urls or classifiers.
UV_INIT_LIB = {
    **PACKAGE,
    "pyproject.toml": "[build-system]\nrequires = ['hatchling']\n"
    "build-backend = 'hatchling.build'\n\n[project]\nname = 'demo'\n"
    "dependencies = ['numpy>=1.20']\n",
    "src/demo/core.py": "import numpy\n",
}
TEMPLATE = {
    "cookiecutter.json": '{"repo_name": "demo"}\n',
    "{{ cookiecutter.repo_name }}/requirements.txt": "numpy>=1\n",
    "{{ cookiecutter.repo_name }}/Dockerfile": "FROM python\n",
    "{{ cookiecutter.repo_name }}/src/app.py": "import fastapi\n",
}
COURSE = {
    "README.md": "# A course on MLOps\n",
    "01-intro/homework.ipynb": '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
    "02-training/train.py": "def main(model, x, y):\n    model.fit(x, y)\n",
}
# Two products: a scoring service that trains its own model, and a training project (a
# service that deploys the model another project trains would make one product).
MONOREPO = {
    "README.md": "# Our services\n",
    "scoring/pyproject.toml": "[project]\nname = 'scoring'\ndependencies = ['fastapi']\n",
    "scoring/scoring/__init__.py": "",
    "scoring/scoring/app.py": "from fastapi import FastAPI\napp = FastAPI()\n",
    "scoring/scoring/fit.py": "def fit(model, x, y):\n    model.fit(x, y)\n",
    "training/pyproject.toml": "[project]\nname = 'training'\ndependencies = ['numpy']\n",
    "training/training/__init__.py": "",
    "training/training/train.py": TRAINING["src/demo/train.py"],
    "training/tests/test_train.py": "def test_ok():\n    assert sum([1, 1]) == 2\n",
}


@pytest.mark.parametrize(
    ("tree", "kind"),
    [
        (APPLICATION, "application"),
        (LIBRARY, "library"),
        ({**UV_INIT_LIB, "src/demo/py.typed": ""}, "library"),  # ships types to importers
        (TEMPLATE, "template"),
        ({"copier.yml": "name: {type: str}\n", **PACKAGE}, "template"),
        (COURSE, "example"),
        ({"examples/a/run.py": "print(1)\n", "examples/b/run.py": "print(2)\n"}, "example"),
        (MONOREPO, "monorepo"),
    ],
)
def test_the_kind_is_detected_from_the_files(tmp_path: Path, tree: dict, kind: str) -> None:
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path).kind == kind


@pytest.mark.parametrize(
    ("tree", "not_kind"),
    [
        ({**LIBRARY, **SERVICE}, "library"),  # a package that serves is an application
        ({**LIBRARY, "dvc.yaml": "stages: {}\n"}, "library"),  # so is one with a pipeline
        ({**PACKAGE, "templates.py": "x = '{{ name }}'\n"}, "template"),  # Jinja in text only
        # a package is not a lesson folder (scripts: notebooks beside code nothing runs
        # as a product would make a sandbox, an example of another kind)
        ({**{k: v for k, v in COURSE.items() if not k.endswith(".ipynb")},
          "01-intro/homework.py": "print(1)\n", **PACKAGE}, "example"),
        ({**PACKAGE, "setup.cfg": "[flake8]\nmax-line-length = 100\n"}, "library"),  # tools only
        ({**LIBRARY, "docker/Dockerfile": "FROM python\n"}, "library"),  # an image to serve
        (UV_INIT_LIB, "library"),  # what any `uv init` project has publishes nothing
        ({**MONOREPO, "README.md": "# demo\n", "pyproject.toml": LIBRARY["pyproject.toml"],
          **PACKAGE}, "monorepo"),  # a library with a sub-project is the library
    ],
)  # fmt: skip
def test_the_kind_needs_its_evidence(tmp_path: Path, tree: dict, not_kind: str) -> None:
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path).kind != not_kind


def test_a_library_is_not_asked_for_a_service_pins_or_a_model_card(tmp_path: Path) -> None:
    build_file_tree(tmp_path, LIBRARY)
    report = audit(tmp_path)
    for check_id in ("SERVE001", "ENV002", "DOCS002", "DATA004", "EXP001", "IMG001"):
        assert status_of(report, check_id) is Status.NOT_APPLICABLE
        assert "does not apply to a library" in next(
            r.reason for r in report.results if r.id == check_id
        )
    assert {"TEST001", "CI001"} <= found_ids(report)  # a library still needs tests and CI


def test_an_application_gets_every_check(tmp_path: Path) -> None:
    build_file_tree(tmp_path, APPLICATION)
    assert {"SERVE002", "ENV002", "DOCS002"} <= found_ids(audit(tmp_path))


def test_a_templates_jinja_named_files_are_not_audited(tmp_path: Path) -> None:
    build_file_tree(tmp_path, TEMPLATE)
    report = audit(tmp_path)
    assert report.kind == "template"
    # Only the image checks judge a rendered Dockerfile: every generated project is built
    # from it (IMG003 no USER, IMG004 an untagged FROM).
    rendered = [f for f in report.findings if "{{" in (f.path or "")]
    assert {f.id for f in rendered} == {"IMG003", "IMG004"}


def test_the_configured_kind_overrides_the_detection(tmp_path: Path) -> None:
    config = '\n[tool.mlops.doctor]\nkind = "application"\n'
    build_file_tree(tmp_path, {**LIBRARY, "pyproject.toml": LIBRARY["pyproject.toml"] + config})
    report = audit(tmp_path)
    assert (report.kind, report.kind_evidence) == ("application", "set in [tool.mlops.doctor]")
    assert "ENV002" in found_ids(report)  # ranges are findings for an application


def test_the_kind_flag_overrides_the_detection(tmp_path: Path) -> None:
    build_file_tree(tmp_path, APPLICATION)
    report = audit(tmp_path, kind="library")
    assert (report.kind, report.kind_evidence, report.kind_set) == (
        "library",
        "set with --kind",
        True,
    )
    assert status_of(report, "SERVE002") is Status.NOT_APPLICABLE  # found for an application
    assert {"TEST001", "CI001"} <= found_ids(report)


def test_the_header_says_how_to_correct_a_detected_kind_but_not_a_configured_one(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, LIBRARY)
    detected = run_mlops("doctor", str(tmp_path)).stdout
    assert "not a library? rerun with --kind KIND (application, library, template," in detected
    assert "or set kind under [tool.mlops.doctor] in pyproject.toml" in detected
    guessed = json.loads(run_mlops("doctor", str(tmp_path), "--format", "json").stdout)
    assert guessed["kind_set"] is False
    config = '\n[tool.mlops.doctor]\nkind = "library"\n'
    (tmp_path / "pyproject.toml").write_text(LIBRARY["pyproject.toml"] + config)
    configured = run_mlops("doctor", str(tmp_path)).stdout
    assert "kind library" in configured
    assert "set kind" not in configured
    document = json.loads(run_mlops("doctor", str(tmp_path), "--format", "json").stdout)
    assert document["kind_set"] is True


def test_the_header_names_the_kind_flag_that_set_the_kind(tmp_path: Path) -> None:
    build_file_tree(tmp_path, LIBRARY)
    table = run_mlops("doctor", str(tmp_path), "--kind", "example").stdout
    assert "kind example  (set with --kind)" in table
    assert "rerun with --kind" not in table
    markdown = run_mlops("doctor", str(tmp_path), "--kind", "example", "--format", "markdown")
    assert "Project kind: **example** (set with --kind)" in markdown.stdout


def test_an_unknown_configured_kind_is_a_finding(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"pyproject.toml": '[tool.mlops.doctor]\nkind = "app"\n'})
    (finding,) = audit(tmp_path, "REPO001").findings
    assert "kind in pyproject.toml (tool.mlops.doctor) must be one of" in finding.message


def test_each_nested_project_of_a_monorepo_is_audited_and_named(tmp_path: Path) -> None:
    build_file_tree(tmp_path, MONOREPO)
    git_commit(tmp_path)
    report = audit(tmp_path)
    assert report.projects == ("scoring", "training")
    # scoring/ has no tests, but the repository has a suite: training/ has one
    tests = next(r for r in report.results if r.id == "TEST001" and r.project == "scoring")
    assert tests.reason.startswith("training has it")
    health = next(f for f in report.findings if f.id == "SERVE002")
    assert health.project == "scoring"
    ci = [f for f in report.findings if f.id == "CI001"]
    assert [f.project for f in ci] == [""]  # once, for the whole repository


def test_the_lessons_of_a_course_are_judged_file_by_file(tmp_path: Path) -> None:
    lesson = {"README.md": "# A course on MLOps\n", "01-intro/x.py": "", "02-deploy/y.py": ""}
    for name in ("03-serving", "04-batch"):
        lesson[f"{name}/requirements.txt"] = "flask>=2\n"
        lesson[f"{name}/app.py"] = "from flask import Flask\n"
    build_file_tree(tmp_path, lesson)
    report = audit(tmp_path)
    assert report.kind == "example"
    assert {(f.id, f.project) for f in report.findings} >= {
        ("ENV002", "03-serving"),
        ("ENV002", "04-batch"),
    }
    assert not found_ids(report) & {"SERVE002", "DOCS002"}
    # the course itself has no tests: reported once, for the whole repository
    assert [f.project for f in report.findings if f.id == "TEST001"] == [""]


def test_the_kind_is_in_every_report_format(tmp_path: Path) -> None:
    build_file_tree(tmp_path, LIBRARY)
    document = json.loads(run_mlops("doctor", str(tmp_path), "--format", "json").stdout)
    assert (document["kind"], document["projects"]) == ("library", [])
    assert "kind library" in run_mlops("doctor", str(tmp_path)).stdout
    markdown = run_mlops("doctor", str(tmp_path), "--format", "markdown").stdout
    assert "Project kind: **library**" in markdown


def test_the_applicability_table_covers_every_check_and_kind() -> None:
    from mlops_scaffold.catalogue import PRACTICES

    assert sorted(APPLIES_TO) == sorted(p.id for p in PRACTICES)
    assert all(Kind.APPLICATION in kinds for kinds in APPLIES_TO.values())


def _gallery(readme: str, publishes: bool = False) -> dict[str, str]:
    """Two demo projects with folders of code (steps/, pipelines/), under a README."""
    tree = {"README.md": readme}
    for name in ("churn-demo", "vision-demo"):
        tree[f"{name}/requirements.txt"] = "scikit-learn>=1\n"
        tree[f"{name}/steps/__init__.py"] = ""
        tree[f"{name}/steps/train.py"] = "def train(model, x, y):\n    model.fit(x, y)\n"
        if publishes:
            tree[f"{name}/pyproject.toml"] = (
                "[build-system]\nrequires = ['hatchling']\n"
                f"build-backend = 'hatchling.build'\n\n[project]\nname = '{name}'\n"
                f"urls = {{Homepage = 'https://example.org/{name}'}}\n"
            )
    return tree


GALLERY_README = (
    '<div align="center"><img src="logo.gif" alt="Logo"></div>\n\n'
    + '<p align="center">'
    + '<a href="https://example.org/features"> · </a>' * 20
    + "</p>\n"
    + "[![CI](https://example.org/badge.svg)](https://example.org)\n\n"
    + "This repository showcases ML projects built with our platform.\n"
)


def test_a_gallery_is_read_past_its_logo_and_its_projects_are_lessons(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _gallery(GALLERY_README))
    report = audit(tmp_path)
    assert report.kind == "monorepo"
    assert ("ENV002", "churn-demo") in {(f.id, f.project) for f in report.findings}
    assert not found_ids(report) & {"DOCS002", "DATA001"}
    assert [f.project for f in report.findings if f.id == "TEST001"] == [""]  # the gallery's


def test_projects_under_a_readme_that_names_no_gallery_are_applications(tmp_path: Path) -> None:
    build_file_tree(tmp_path, _gallery("# Our services\n\nThe churn and vision models.\n"))
    assert {"TEST001", "DOCS002"} <= found_ids(audit(tmp_path))


def test_a_project_of_a_gallery_that_publishes_a_package_is_audited_in_full(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, _gallery(GALLERY_README, publishes=True))
    assert "TEST001" in found_ids(audit(tmp_path))


RESEARCH = {
    **PACKAGE,
    **TRAINING,
    "README.md": "# Sparse widgets\n\nCode of [our paper](https://arxiv.org/abs/2101.00001).\n",
}


@pytest.mark.parametrize(
    "tree",
    [
        RESEARCH,
        {**RESEARCH, "README.md": "# Widgets\n\n@inproceedings{widgets2021,\n  title={W}\n}\n"},
        {**RESEARCH, "README.md": "# Widgets\n\nTo reproduce the proposed method, run it.\n"},
        {**RESEARCH, "README.md": "# Widgets\n\nA PyTorch implementation of WidgetNet.\n"},
        {**RESEARCH, "README.md": "# Widgets\n\n## Citation\n\nWidgets, 2021.\n"},
        {**TRAINING, "README.md": "# Widgets\n", "widget_research/run.py": "print(1)\n"},
    ],
)
def test_the_code_of_a_paper_is_judged_as_an_example(tmp_path: Path, tree: dict) -> None:
    build_file_tree(tmp_path, tree)
    report = audit(tmp_path)
    assert report.kind == "example"
    assert not found_ids(report) & {"DATA001", "DATA004", "DOCS002", "DOCS003"}


@pytest.mark.parametrize(
    "tree",
    [
        # a service built on a paper's model, cited below what the service does
        {
            **RESEARCH,
            **SERVICE,
            "README.md": "# Widgets\n\nServes widgets.\n\n## Model\n\nFrom [our paper](x).\n",
        },
        {**RESEARCH, "dvc.yaml": "stages: {}\n"},  # so is a declared pipeline
        {**RESEARCH, "README.md": "# Widgets\n\nSee the paper trail in docs/.\n"},
        {**RESEARCH, "README.md": "# Widgets\n\nThe implementation lives in src/.\n"},
    ],
)
def test_a_paper_is_not_enough_for_an_application_to_be_research(
    tmp_path: Path, tree: dict
) -> None:
    build_file_tree(tmp_path, tree)
    assert audit(tmp_path).kind == "application"


def test_an_examples_pins_need_a_way_to_move(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**COURSE, "requirements.txt": "numpy==2.1.0\n"})
    assert audit(tmp_path).kind == "example"
    assert "ENV005" in found_ids(audit(tmp_path))
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "dependabot.yml").write_text(
        "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n"
        "    schedule:\n      interval: weekly\n"
    )
    assert "ENV005" not in found_ids(audit(tmp_path))


TRAINING_LIFECYCLE = ("DATA001", "DATA004", "DATA005", "EXP001")


def test_an_application_that_only_serves_is_not_asked_for_its_data_or_runs(
    tmp_path: Path,
) -> None:
    build_file_tree(tmp_path, {**SERVICE, "models/model.joblib": "x"})
    report = audit(tmp_path)
    for check_id in TRAINING_LIFECYCLE:
        assert status_of(report, check_id) is Status.NOT_APPLICABLE


def test_an_application_that_trains_is_asked_for_its_data_and_runs(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {**SERVICE, **TRAINING, **TEST})
    assert set(TRAINING_LIFECYCLE) <= found_ids(audit(tmp_path))


def test_a_repository_without_python_code_is_not_asked_for_tests(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path, {"README.md": "# CI recipes\n", ".gitlab-ci.yml": "test:\n  script: [make]\n"}
    )
    assert status_of(audit(tmp_path, "TEST001"), "TEST001") is Status.NOT_APPLICABLE


def test_a_single_python_script_is_asked_for_tests(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"README.md": "# demo\n", "run.py": "print(1)\n"})
    assert "TEST001" in found_ids(audit(tmp_path, "TEST001"))


GENERATION_FLOW = {
    **PACKAGE,
    "generate_flow.py": (
        "from metaflow import FlowSpec, step\n\n\nclass Generate(FlowSpec):\n"
        "    @step\n    def start(self):\n        self.images = pipe(self.prompts)\n"
        "        self.next(self.end)\n"
    ),
}


def test_a_pipeline_that_only_infers_is_not_asked_for_data_runs_or_a_card(
    tmp_path: Path,
) -> None:
    analysis = notebook(json.dumps(["import pandas as pd\n", "pd.read_csv('r.csv').describe()"]))
    build_file_tree(tmp_path, {**GENERATION_FLOW, "analyze.ipynb": analysis})
    report = audit(tmp_path)
    for check_id in (*TRAINING_LIFECYCLE, "DOCS002"):
        assert status_of(report, check_id) is Status.NOT_APPLICABLE


def test_a_notebook_that_trains_asks_for_data_runs_and_a_card(tmp_path: Path) -> None:
    training = notebook(json.dumps(["model = make_model()\n", "model.fit(x, y)\n"]))
    build_file_tree(tmp_path, {**GENERATION_FLOW, "train.ipynb": training})
    assert {"DATA001", "EXP001", "DOCS002"} <= found_ids(audit(tmp_path))


TOOL_IMAGES = {
    **TRAINING,
    "docker/Dockerfile.jupyter": 'FROM python:3.11-slim\nEXPOSE 8888\nCMD ["jupyter", "lab"]\n',
    "docker/Dockerfile.airflow": 'FROM apache/airflow:2.8.0\nCMD ["bash"]\n',
    "docker/compose.yml": (
        "services:\n  airflow:\n    build:\n      context: ..\n"
        "      dockerfile: docker/Dockerfile.airflow\n    command: scheduler\n"
    ),
}


def test_images_of_tools_do_not_say_a_model_is_served(tmp_path: Path) -> None:
    build_file_tree(tmp_path, TOOL_IMAGES)
    assert status_of(audit(tmp_path, "SERVE001"), "SERVE001") is Status.NOT_APPLICABLE


def test_a_compose_service_built_to_serve_says_a_model_is_served(tmp_path: Path) -> None:
    compose = TOOL_IMAGES["docker/compose.yml"].replace("scheduler", "uvicorn demo.app:app")
    build_file_tree(tmp_path, {**TOOL_IMAGES, "docker/compose.yml": compose})
    assert "SERVE001" in found_ids(audit(tmp_path, "SERVE001"))


STARTER = {"src/__init__.py": "", "src/inference.py": "def model_fn(model_dir):\n    return 1\n"}


def test_a_readme_that_calls_the_repository_a_template_makes_it_one(tmp_path: Path) -> None:
    readme = "# Custom image\n\nThis repository serves as a template for creating an endpoint.\n"
    build_file_tree(tmp_path, {**STARTER, "README.md": readme})
    assert audit(tmp_path).kind == "template"


def test_a_project_made_from_a_template_is_not_one(tmp_path: Path) -> None:
    readme = "# Churn model\n\nGenerated with the cookiecutter data science template.\n"
    build_file_tree(tmp_path, {**STARTER, "README.md": readme})
    assert audit(tmp_path).kind == "application"


def test_a_nested_projects_broken_files_are_reported_once_under_its_path(tmp_path: Path) -> None:
    # The root's view and the project's share parsed documents: each file is parsed once,
    # and its problem is still reported in the project that holds it.
    broken = {
        "scoring/notebooks/explore.ipynb": '{"cells": [',
        "scoring/config/settings.yaml": "a: [1\n",
    }
    build_file_tree(tmp_path, {**MONOREPO, **broken})
    git_commit(tmp_path)
    problems = [f for f in audit(tmp_path).findings if f.id == "REPO001"]
    assert sorted((f.project, f.path) for f in problems) == [
        ("scoring", "scoring/config/settings.yaml"),
        ("scoring", "scoring/notebooks/explore.ipynb"),
    ]
