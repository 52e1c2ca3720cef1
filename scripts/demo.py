"""`make demo`: generate a project, install it from its lock, train it, serve it, ask it once.

Usage: python scripts/demo.py [FOLDER]   (default: demo; an existing demo is reused)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml

from mlops_scaffold.project_setup import commit_training_run
from scripts.service_probe import example_request, http, project_env, running_service


def main(folder: str = "demo") -> int:
    project = Path(folder).resolve()
    mlops = Path(sys.executable).with_name("mlops")
    if not (project / ".copier-answers.yml").exists():
        step = [str(mlops), "new", str(project), "--defaults", "--setup"]
    else:
        print(f"Reusing {project}; bringing its environment and model up to date.")
        step = ["make", "-C", str(project), "setup", "train"]
    if subprocess.run(step, env=project_env(), check=False).returncode != 0:
        return 1
    commit_training_outputs(project)
    print("\nStarting the service (make serve) and sending the example from its /docs page:")
    with running_service(project) as base:
        status, openapi = http(f"{base}/openapi.json")
        request = example_request(openapi)
        status, answer = http(f"{base}/predict", request)
        print(f"POST {base}/predict -> {status}")
        print(json.dumps(answer, indent=2)[:2000])
    print(f"\nThe demo project is in {project}. Serve it yourself with:")
    print(f"  cd {project} && make serve     # then open http://127.0.0.1:8000/docs")
    return 0 if status == 200 else 1


def commit_training_outputs(project: Path) -> None:
    """Commit what a reused demo's `make train` wrote for git, as its README says to after each
    run, so the demo leaves a clean `git status` (`mlops new --setup` commits the first run)."""
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    author = (str(answers.get("author_name", "")), str(answers.get("author_email", "")))
    if committed := commit_training_run(project, author):
        print(f"Committed the training run's {', '.join(committed)} in {project}.")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
