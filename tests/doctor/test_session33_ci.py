"""Session 33: one reader of `docker build` commands (the images a repository builds, the
folders a stack builds from, and the image CI builds and runs); the command graph follows
a script's `case` dispatch, its functions' arguments and a Dockerfile's test stage (CI002,
CI003)."""

from __future__ import annotations

from mlops_scaffold.repo.parsers import DockerBuild, docker_builds

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


def test_a_docker_build_ends_at_the_shell_command_and_a_comment_is_marked() -> None:
    text = "docker build -t app . && docker run app\n# docker build -t old ./legacy\n"
    first, second = docker_builds(text)
    assert (first.context, first.commented) == (".", False)
    assert (second.context, second.commented) == ("./legacy", True)


def test_other_docker_commands_are_no_builds() -> None:
    assert docker_builds("docker run -t app .\ndocker compose build\n") == []
