"""The additive edits: the old text is kept verbatim, only what it lacks is appended."""

from __future__ import annotations

import pytest
import yaml

from mlops_scaffold.merge import WorkflowMergeError, add_make_targets, add_workflow_jobs

TEMPLATE_WORKFLOW = (
    "on: push\njobs:\n  # runs the tests\n  test:\n    runs-on: b\n    steps:\n"
    "      - run: pytest\n  lint:\n    runs-on: c\n"
)


def test_new_jobs_follow_the_indentation_of_the_existing_workflow() -> None:
    own = "on: push\njobs:\n    smoke:\n        runs-on: a\n"
    merged = own + "\n" + add_workflow_jobs(own, TEMPLATE_WORKFLOW)
    assert set(yaml.safe_load(merged)["jobs"]) == {"smoke", "test", "lint"}
    assert "\n    # runs the tests\n    test:\n" in merged


def test_jobs_already_there_are_not_added_again() -> None:
    own = "on: push\njobs:\n  test:\n    runs-on: mine\n"
    assert yaml.safe_load(own + add_workflow_jobs(own, TEMPLATE_WORKFLOW))["jobs"]["test"] == {
        "runs-on": "mine"
    }


def test_workflow_with_keys_after_jobs_is_refused() -> None:
    own = "jobs:\n  smoke:\n    runs-on: a\non: push\n"
    with pytest.raises(WorkflowMergeError, match="keys after `jobs:`"):
        add_workflow_jobs(own, TEMPLATE_WORKFLOW)


def test_makefile_variables_the_user_set_are_not_redefined() -> None:
    own = "PYTHON := /opt/py\nbuild:\n\techo\n"
    template = "PYTHON ?= python3\nPORT ?= 8000\n\nserve:\n\t$(PYTHON) -m http.server $(PORT)\n"
    added = add_make_targets(own, template)
    assert "PYTHON ?=" not in added
    assert added.startswith("PORT ?= 8000\n.PHONY: serve\n")
