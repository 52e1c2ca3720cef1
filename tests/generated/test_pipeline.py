"""The generated DVC pipeline: `dvc repro` re-runs a stage whenever code that stage runs changes."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.generated.imports import own_module_files


def stage_commands(project: Path) -> dict[str, tuple[str, list[str]]]:
    """Each stage's `python -m` module and its declared dependencies."""
    stages = yaml.safe_load((project / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    return {
        name: (stage["cmd"].removeprefix("python -m ").strip(), stage.get("deps", []))
        for name, stage in stages.items()
    }


def test_every_stage_runs_a_module_of_the_package(project: Path) -> None:
    commands = stage_commands(project)
    assert commands, "dvc.yaml has no stages"
    for name, (module, _deps) in commands.items():
        assert own_module_files(project / "src", module), f"{name}: no module {module} in src/"


def test_every_file_a_stage_runs_is_one_of_its_dependencies(project: Path) -> None:
    missing = {}
    for name, (module, deps) in stage_commands(project).items():
        runs = {
            path.relative_to(project).as_posix()
            for path in own_module_files(project / "src", module)
            if path.name != "__init__.py"  # the package's marker: a docstring and __version__
        }
        if runs - set(deps):
            missing[name] = sorted(runs - set(deps))
    assert missing == {}, "stages that would not re-run when code they run changes"
