"""Components that need others: `add` says so, and `--with-deps` adds them in the same run."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.add.trees import foreign_repo
from tests.conftest import invoke


def recorded_components(repo: Path) -> list[str]:
    return yaml.safe_load((repo / ".mlops.yml").read_text())["components"]


def test_adding_a_component_names_the_components_it_needs(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    code, output = invoke("add", "docker", "--path", str(repo))
    assert code == 0
    assert "docker needs lock, dvc, serve, not added here: add them with --with-deps" in output


def test_the_makefile_needs_the_lock_its_setup_installs(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    code, output = invoke("add", "makefile", "--path", str(repo))
    assert code == 0
    assert "makefile needs lock, not added here" in output
    assert "requirements/dev.txt" in (repo / "Makefile").read_text()  # what `make setup` installs


def test_without_with_deps_only_the_named_component_is_added(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    invoke("add", "docker", "--path", str(repo))
    assert recorded_components(repo) == ["docker"]
    assert not (repo / "requirements").exists() and not (repo / "dvc.yaml").exists()


def test_with_deps_adds_what_the_component_needs_in_the_same_run(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    code, output = invoke("add", "docker", "--with-deps", "--path", str(repo))
    assert code == 0
    assert "Also adding what they need (--with-deps): lock, dvc, serve, monitoring" in output
    assert recorded_components(repo) == ["docker", "dvc", "lock", "monitoring", "serve"]
    assert (repo / "requirements/serve.txt").is_file() and (repo / "src/demo/serve").is_dir()
    assert "needs:" not in output


def test_with_deps_leaves_out_what_the_repo_already_got_from_mlops(tmp_path: Path) -> None:
    repo = foreign_repo(tmp_path)
    invoke("add", "serve", "--with-deps", "--path", str(repo))
    code, output = invoke("add", "docker", "--with-deps", "--path", str(repo), "--dry-run")
    assert code == 0
    assert "Also adding" not in output


def test_list_shows_what_each_component_needs() -> None:
    code, output = invoke("add", "--list")
    lines = {line.split()[0]: line for line in output.splitlines() if line.strip()}
    assert code == 0
    assert "(needs lock, dvc, serve)" in lines["docker"]
    assert "(needs serve)" in lines["monitoring"] and "needs" not in lines["docs"]
