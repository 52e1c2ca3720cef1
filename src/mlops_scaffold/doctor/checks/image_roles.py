"""What an image the repository builds is for, as its files say: the project's own service
or job, a tool's server, or a workbench people or CI work in.

The image checks judge what they are about on the images that have it: a tool's server
is no image of the project (IMG002, ENV004), a workbench is no service to harden
(IMG003). The role is read from the Dockerfile (its command, own or inherited, its base,
what it copies in) and from what compose files run it with.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from itertools import takewhile
from typing import Literal

from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Dockerfile
from mlops_scaffold.repo.parsers import from_image

Role = Literal["project", "tool", "workbench"]
PROJECT: Role = "project"  # the project's own service or job
TOOL: Role = "tool"  # only packages a tool's server (tracking server, database, proxy)
WORKBENCH: Role = "workbench"  # a development, notebook or CI-agent environment

# An image that serves: it exposes a port or starts a server (a word, not a folder of a
# path: `/app/entrypoint.sh` starts no app, `python /app/server.py` does, and so does a
# module named for one, `python model_server.py`); model servers named in one word
# (Triton's `tritonserver`, `tensorflow_model_server`, `torchserve`).
SERVER_COMMAND = lazy_pattern(
    r"(?i)\b(?:uvicorn|gunicorn|hypercorn|flask|streamlit|gradio|bentoml|serve|server|app"
    r"|tritonserver|tensorflow_model_server|torchserve|\w+_server)\b(?!/)"
)
# A tool's server (a tracking server, an orchestrator's UI, a database, a proxy) started
# by an image, or the tool's own image it is built from.
TOOL_SERVERS = (
    r"\bmlflow\W+(?:ui|server)\b|\bprefect\W+(?:server|orion)\W+start\b|\btensorboard\b"
    r"|\b(?:postgres|mysqld|mongod|redis-server|nginx|grafana-server|prometheus)\b"
    r"|\bminio\W+server\b"
)
TOOL_SERVER = lazy_pattern("(?i)" + TOOL_SERVERS)
TOOL_BASE = lazy_pattern(
    r"^(?:docker\.io/)?(?:library/)?(?:postgres|mysql|mariadb|mongo|redis|nginx)(?::|$)"
    r"|^(?:quay\.io/)?(?:minio/minio|grafana/grafana|prom/prometheus|prefecthq/prefect)\b"
    r"|^ghcr\.io/mlflow/mlflow\b"
)
# Files a tool's image may copy in without holding any of the project's code.
SETTINGS_FILE = lazy_pattern(r"(?i)\.(?:ya?ml|json|toml|ini|cfg|conf|txt|sh|bash|sql|env)$")

# Where a development container's image is defined (VS Code Dev Containers, Codespaces,
# a Gitpod workspace's `.gitpod.Dockerfile`).
DEV_CONTAINER = lazy_pattern(r"(?:^|/)\.devcontainer/|(?:^|/)\.gitpod\.Dockerfile$")
# Images made to be a cloud workspace developers open (Gitpod's `gitpod/workspace-*`).
WORKSPACE_BASE = lazy_pattern(r"^(?:docker\.io/)?gitpod/workspace-")
# Shells: alone (`bash`, `/bin/sh -l`) they are an interactive prompt; with `-c` they run
# the command that follows.
SHELLS = frozenset({"sh", "bash", "zsh", "ash", "dash"})
SHELL_FLAGS = frozenset({"-l", "-i", "--login", "-li", "-il"})
# What separates the steps of a shell's command list (`a && b; c`).
STEP_SEPARATORS = frozenset({"&&", "||", ";"})
RUNNERS = (("exec",), ("uv", "run"), ("poetry", "run"), ("pipenv", "run"), ("python", "-m"))
# What a workbench runs, its words after any shell `-c` and runner (`uv run`) are taken
# off: a notebook server, an idle keep-alive (the developer `exec`s in), a test run.
WORKBENCH_RUN = lazy_pattern(
    r"(?i)^(?:jupyter(?:-|\s+)(?:lab|notebook|server)|jupyterlab|start-notebook\.sh"
    r"|start-singleuser\.sh|sleep\s+infinity|tail\s+-f\s+/dev/null"
    r"|pytest|py\.test|tox|nox|make\s+(?:test|check)\w*)\b"
)
# Images made to be a notebook workbench (Jupyter Docker Stacks and the images built on
# them, a notebook server of Kubeflow or a university's data hub): `jupyter/base-notebook`,
# `quay.io/jupyter/docker-stacks-foundation`, `ucsdets/datahub-base-notebook`.
NOTEBOOK_BASE = lazy_pattern(r"(?i)^(?:[\w.-]+/)*(?:jupyter/|[\w.-]*notebook)|docker-stacks")
# Bare distribution images: with no command of their own they start a shell; and so do
# the images that only add a toolchain to one and keep its shell as their command
# (conda's `continuumio/miniconda3`, `condaforge/miniforge3`, `mambaorg/micromamba`, and
# `nvidia/cuda`, from Docker Hub or NVIDIA's own registry, `nvcr.io/nvidia/cuda`).
SHELL_BASE = lazy_pattern(
    r"^(?:docker\.io/)?(?:library/)?(?:alpine|debian|ubuntu|busybox|fedora|centos|rockylinux"
    r"|almalinux|amazonlinux)(?::|$)"
    r"|^(?:docker\.io/)?(?:continuumio/(?:mini|ana)conda\d?|condaforge/mini(?:forge|conda)\d?"
    r"|mambaorg/micromamba|nvidia/cuda)(?::|$)|^nvcr\.io/nvidia/cuda(?::|$)"
)
# A dependency set named for CI (`ci_dependencies.yml`, `requirements-ci.txt`).
CI_DEPENDENCIES = lazy_pattern(
    r"(?i)(?:^|/)(?:ci[_-][\w.-]*|[\w.-]*[_-]ci)\.(?:ya?ml|txt|in|toml|lock)$"
)


def image_role(
    dockerfile: Dockerfile, compose_commands: list[str], started_scripts: Sequence[str] = ()
) -> Role:
    """What an image is for (`compose_commands`: what each compose service that builds
    it or runs it by the name it is built under runs, its `entrypoint` and `command`; ""
    for one that runs the image's own; `started_scripts`: the text of each shell script
    it copies in and starts, `started_script_sources`).

    A tool's image (`packages_a_tool`) first. Then a workbench, an image that is not a
    service or a job but a place to work in:
    - a development container (a Dockerfile under `.devcontainer/`, a Gitpod workspace's
      `.gitpod.Dockerfile` or an image built on `gitpod/workspace-*` that starts nothing
      of its own);
    - an image whose command, its own or every one a compose service runs it with, is an
      interactive shell (`CMD ["bash"]`), a notebook server (`jupyter lab`), an idle
      keep-alive (`sleep infinity`) or a test run (`bash -lc "pytest -q"`); a shell
      with `-c` runs what it is given, a job's command (`ENTRYPOINT ["bash", "-c"]`),
      judged by its last step, the one left running (`pytest && exec bash`);
    - an image built on a notebook image (`jupyter/...`, `*-notebook`) that starts
      nothing of its own (no command, an emptied `ENTRYPOINT []`, or one above);
    - an image built on a bare distribution (`alpine`, `ubuntu`) or a toolchain image
      that keeps its shell (`continuumio/miniconda3`, `nvidia/cuda`) with no command,
      whose inherited one is a shell, that copies in no code of the project (settings and
      scripts at most: an image that copies its package is a job's, run with a command);
    - a CI agent: an image with no command that installs the CI's dependency set
      (`COPY ci_dependencies.yml`).
    Anything else is the project's own image."""
    if packages_a_tool(dockerfile, compose_commands, started_scripts):
        return TOOL
    return WORKBENCH if _is_workbench(dockerfile, compose_commands) else PROJECT


def packages_a_tool(
    dockerfile: Dockerfile, compose_commands: list[str], started_scripts: Sequence[str] = ()
) -> bool:
    """Whether an image only packages a tool's server: it starts one (its CMD or
    ENTRYPOINT, or every command a compose file runs it with: `command: mlflow server`; or
    a shell script it copies in and starts, `CMD ["/entrypoint.sh"]`, that starts the tool's
    server and no other) or is built from the tool's image, and copies in nothing from the
    build context but settings files."""
    final = dockerfile.stages[-1] if dockerfile.stages else []
    commands = [i.arguments for i in final if i.keyword in ("CMD", "ENTRYPOINT")]
    composed = [command for command in compose_commands if command]
    base = from_image(final[0].arguments, dockerfile) if final else ""
    starts = any(TOOL_SERVER.search(c) for c in commands) or (
        bool(composed) and all(TOOL_SERVER.search(c) for c in composed)
    )
    starts = starts or (bool(started_scripts) and all(map(_starts_only_a_tool, started_scripts)))
    if not (starts or TOOL_BASE.search(base)):
        return False
    return _copies_settings_only(dockerfile)


def _is_workbench(dockerfile: Dockerfile, compose_commands: list[str]) -> bool:
    if DEV_CONTAINER.search(dockerfile.path):
        return True
    own, base = _own_command(dockerfile)
    runs = [command for command in compose_commands if command]
    if own and (not compose_commands or "" in compose_commands):
        runs.append(own)
    if runs:
        return all(_workbench_command(command) for command in runs)
    if NOTEBOOK_BASE.search(base) or WORKSPACE_BASE.search(base):
        return True
    copies_no_code = _copies_settings_only(dockerfile)
    if SHELL_BASE.search(base) and copies_no_code:
        return True
    copied = [s for i in dockerfile.instructions for s in i.copied_sources]
    return any(CI_DEPENDENCIES.search(source) for source in copied) and copies_no_code


def runs_a_workbench(dockerfile: Dockerfile) -> bool:
    """Whether the image's own command gives a place to work (`_workbench_command`:
    `CMD ["/bin/bash"]`, `sleep infinity`, a test run), whatever port it exposes."""
    own, _ = _own_command(dockerfile)
    return _workbench_command(own) if own else False


def _workbench_command(command: str) -> bool:
    """Whether a command (a CMD / ENTRYPOINT's arguments, a compose `command`) gives a
    place to work: a shell alone, a notebook server, an idle keep-alive, a test run."""
    words = re.findall(r"[^\s\"',\[\]]+", command)
    while words:
        words[0] = words[0].rpartition("/")[2]  # `/opt/conda/bin/jupyter` is `jupyter`
        if words[0] in SHELLS:
            flags = list(takewhile(lambda word: word.startswith("-"), words[1:]))
            if len(flags) == len(words) - 1 and set(flags) <= SHELL_FLAGS:
                return True  # an interactive shell
            if not any(flag.endswith("c") for flag in flags):
                return False  # a shell running a script
            words = _last_step(words[1 + len(flags) :])  # `bash -lc "pytest -q"`: what it runs
            continue
        runner = next((r for r in RUNNERS if tuple(words[: len(r)]) == r), None)
        if runner is None:
            break
        words = words[len(runner) :]
    return bool(words) and WORKBENCH_RUN.match(" ".join(words)) is not None


def _last_step(words: list[str]) -> list[str]:
    """The last step of a shell's command list (`echo start && pytest && exec bash`): the
    one the container keeps running once the steps before it have finished."""
    steps: list[list[str]] = [[]]
    for word in words:
        ends = word in STEP_SEPARATORS or word.endswith(";")
        if word not in STEP_SEPARATORS and word.rstrip(";"):
            steps[-1].append(word.rstrip(";"))
        if ends:
            steps.append([])
    return next((step for step in reversed(steps) if step), [])


def _own_command(dockerfile: Dockerfile) -> tuple[str | None, str]:
    """The command the image sets itself (its last ENTRYPOINT and CMD, in its final stage
    or the stages it is built `FROM`; "" for an emptied `ENTRYPOINT []`), None when it
    sets none, and the external image the chain of stages starts from."""
    stages = dockerfile.stages
    if not stages:
        return None, ""
    chain = dockerfile.stage_chain(len(stages) - 1)
    base = dockerfile.base_image(chain[0])
    for index in chain:
        commands = [i for i in stages[index] if i.keyword in ("CMD", "ENTRYPOINT")]
        if commands:
            entry = [i for i in commands if i.keyword == "ENTRYPOINT"][-1:]
            cmd = [i for i in commands if i.keyword == "CMD"][-1:]
            set_to = [i.arguments.strip() for i in [*entry, *cmd]]
            words = " ".join(a for a in set_to if re.sub(r"\s", "", a) not in ("", "[]"))
            return words, base
    return None, base


def started_script_sources(dockerfile: Dockerfile, compose_commands: list[str]) -> list[str]:
    """The shell scripts an image copies in (`COPY entrypoint.sh /entrypoint.sh`, as the
    COPY names them) and starts: by its last stage's CMD or ENTRYPOINT, or by what a
    compose service runs it with (`entrypoint: ./start.sh`)."""
    final = dockerfile.stages[-1] if dockerfile.stages else []
    run = [i.arguments for i in final if i.keyword in ("CMD", "ENTRYPOINT")]
    words = {
        posixpath.basename(word.strip("\"'[],"))
        for command in [*run, *compose_commands]
        for word in command.split()
    }
    copied = [source for i in dockerfile.instructions for source in i.copied_sources]
    return [s for s in copied if s.endswith(".sh") and posixpath.basename(s) in words]


def _starts_only_a_tool(script: str) -> bool:
    """Whether a shell script starts a tool's server, a line that is its command (`mlflow
    server ...`, `exec mlflow server`; not `nc -z postgres 5432`, which waits for one), and
    no server of another (no `uvicorn`, no `python app.py`) nor the command it is handed
    (`exec "$@"`); comments say nothing."""
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
    if HANDED_COMMAND.search(code):
        return False
    return bool(STARTED_TOOL.search(code)) and not SERVER_COMMAND.search(TOOL_SERVER.sub("", code))


# A line of a shell script that starts a tool's server as its command.
STARTED_TOOL = lazy_pattern(r"(?im)^[ \t]*(?:exec[ \t]+)?(?:" + TOOL_SERVERS + ")")
# A script that runs what it is handed (`exec "$@"`): the image's command decides.
HANDED_COMMAND = lazy_pattern(r"[\"']?\$(?:@|\{@\}|\*)[\"']?")


def _copies_settings_only(dockerfile: Dockerfile) -> bool:
    """Whether the image copies in nothing from the build context but settings files."""
    copied = [s for i in dockerfile.instructions for s in i.copied_sources]
    return all(SETTINGS_FILE.search(source) for source in copied)
