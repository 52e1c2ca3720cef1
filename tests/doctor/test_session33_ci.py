"""Session 33: one reader of `docker build` commands (the images a repository builds, the
folders a stack builds from, and the image CI builds and runs); the command graph follows
a script's `case` dispatch, its functions' arguments and a Dockerfile's test stage (CI002,
CI003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_scaffold.repo.parsers import DockerBuild, docker_builds
from tests.doctor.cases import PACKAGE
from tests.doctor.helpers import committed_status

# -- one reader of `docker build` ---------------------------------------------------------


def test_a_docker_build_is_read_with_its_file_target_tags_and_context() -> None:
    text = "docker buildx build -f docker/Dockerfile --target test -t api:dev -t api ./svc\n"
    assert docker_builds(text) == [
        DockerBuild("./svc", "docker/Dockerfile", "test", ("api:dev", "api"))
    ]


def test_a_docker_build_continued_over_lines_with_make_variables_is_one_command() -> None:
    text = (
        "build:\n\t@$(DOCKER) build \\\n\t\t-t $(IMAGE):$$(git rev-parse HEAD) \\\n\t\tapps/api\n"
    )
    (build,) = docker_builds(text)
    assert build.tags == ("$(IMAGE):$$(git rev-parse HEAD)",)
    assert build.dockerfile == "apps/api/Dockerfile"


def test_the_context_is_no_option_value() -> None:
    (build,) = docker_builds("docker build -f docker/Dockerfile . -t app --build-arg A=1\n")
    assert (build.context, build.tags) == (".", ("app",))


def test_a_docker_build_ends_at_the_shell_command_and_a_comment_is_marked() -> None:
    text = "docker build -t app . && docker run app\n# docker build -t old ./legacy\n"
    first, second = docker_builds(text)
    assert (first.context, first.commented) == (".", False)
    assert (second.context, second.commented) == ("./legacy", True)


def test_other_docker_commands_are_no_builds() -> None:
    assert docker_builds("docker run -t app .\ndocker compose build\n") == []


# The image's Dockerfile kept in a folder of Dockerfiles, copying its whole context.
NAMED_DOCKERFILE = {
    **PACKAGE,
    "containers/app_Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "-m", "demo"]\n',
    "data/train.csv": "x,y\n1,2\n",
    ".dockerignore": "models\n",
}


@pytest.mark.parametrize(
    ("command", "leaks"),
    [
        ("docker build -f containers/app_Dockerfile . -t app", True),
        ("docker build -t app -f containers/app_Dockerfile containers", False),
    ],
)
def test_a_tag_after_the_context_is_no_context(tmp_path: Path, command: str, leaks: bool) -> None:
    # `-t app` written last names the image: the build still sends the root, data/ too.
    tree = {**NAMED_DOCKERFILE, "README.md": f"# App\n\n```\n{command}\n```\n"}
    assert (committed_status(tmp_path, tree, "IMG005") == "failed") is leaks
