"""Session 43: a YAML file a template renders is read with its variables filled in
(REPO001): one broken whatever the answers breaks in every project generated from it."""

from __future__ import annotations

from pathlib import Path

from tests.doctor.helpers import Tree, committed_status


def _status(root: Path, tree: Tree, check_id: str) -> str:
    return committed_status(root, tree, check_id)


# -- A template's YAML broken whatever the answers (REPO001) ------------------------------

COOKIECUTTER = {"cookiecutter.json": '{"repo_name": "demo", "user": "me"}\n'}
TRAVIS = "language: python\ndeploy:\n  provider: pypi{sep}user: {{{{ cookiecutter.user }}}}\n"


def test_a_rendered_yaml_file_broken_whatever_the_answers_is_reported(tmp_path: Path) -> None:
    # Two keys on one line: every generated project's Travis configuration fails to load.
    travis = TRAVIS.format(sep=" ")
    tree = {**COOKIECUTTER, "{{ cookiecutter.repo_name }}/.travis.yml": travis}
    assert _status(tmp_path, tree, "REPO001") == "failed"


def test_a_rendered_yaml_file_whose_variables_fill_values_parses(tmp_path: Path) -> None:
    travis = TRAVIS.format(sep="\n  ")
    tree = {**COOKIECUTTER, "{{ cookiecutter.repo_name }}/.travis.yml": travis}
    assert _status(tmp_path, tree, "REPO001") == "passed"


def test_a_go_template_a_template_renders_is_not_judged(tmp_path: Path) -> None:
    # Helm renders it after the project is generated: YAML only then.
    hpa = "{{- if .Values.autoscaling.enabled }}\nkind: HorizontalPodAutoscaler\n{{- end }}\n"
    tree = {**COOKIECUTTER, "{{ cookiecutter.repo_name }}/chart/templates/hpa.yaml": hpa}
    assert _status(tmp_path, tree, "REPO001") == "passed"
