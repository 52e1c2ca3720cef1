"""IMG: separate training and inference images, non-root, pinned, with a tight context."""

from __future__ import annotations

import ast
import itertools
import posixpath
import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import PurePosixPath
from typing import NamedTuple

from mlops_scaffold.doctor.checks.base import (
    Check,
    Exists,
    Hit,
    NamesTaken,
    Outcome,
    Passed,
    TextOf,
    TreeOf,
    placeholder_hits,
    service_training,
)
from mlops_scaffold.doctor.checks.image_roles import (
    SERVER_COMMAND,
    TOOL,
    WORKBENCH,
    Role,
)
from mlops_scaffold.doctor.checks.started_programs import (
    built_both_ways,
    entrypoint_scripts,
    started_by_code,
    started_by_entrypoint,
)
from mlops_scaffold.doctor.content_hints import line_hint
from mlops_scaffold.doctor.pycode import calls, dotted, walked
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo import Dockerfile, Instruction
from mlops_scaffold.repo.parsers import from_image, image_reference, stage_alias
from mlops_scaffold.repo.view import DOCKERFILE_NAME
from mlops_scaffold.versions import Release, load

# A Dockerfile named for training, by its folder or its own name (`training/Dockerfile`,
# `Dockerfile.train`, `train.Dockerfile`): a service it runs is the training job's API.
TRAINING_IMAGE = lazy_pattern(
    r"(?i)(?:^|[/._-])train(?:ing|er)?(?:[._-][^/]*)?(?:/[^/]*Dockerfile[^/]*)?$"
)
ROOT_USERS = frozenset({"root", "0", "root:root", "0:0"})
# Base images whose default user is not root (one line per vendor): a final stage FROM
# one of them runs as non-root without a USER line of its own.
NON_ROOT_BASES = (
    lazy_pattern(r"^(?:gcr\.io/distroless/|cgr\.dev/chainguard/)[^:@]+:(?:[^@]*-)?nonroot\b"),
    lazy_pattern(r"^cgr\.dev/chainguard/(?!.*-dev\b)"),  # Chainguard images run as nonroot
    lazy_pattern(r"^(?:quay\.io/)?astronomer/(?:ap-airflow|astro-runtime)\b"),  # user astro
    lazy_pattern(r"^(?:docker\.io/)?apache/airflow\b"),  # user airflow
    lazy_pattern(r"^(?:quay\.io/)?jupyter/|^quay\.io/jupyter/"),  # user jovyan
    lazy_pattern(r"^(?:docker\.io/)?bitnami/"),  # user 1001
    lazy_pattern(r"^(?:docker\.io/)?nginxinc/nginx-unprivileged\b"),
    lazy_pattern(r"^public\.ecr\.aws/lambda/"),  # Lambda runs the function as its own user
    lazy_pattern(r"^(?:docker\.io/)?grafana/k6\b"),  # user k6 (12345)
    lazy_pattern(r"^(?:docker\.io/)?grafana/grafana(?:-oss|-enterprise)?\b"),  # user 472
    lazy_pattern(r"^(?:docker\.io/|quay\.io/)?prom/(?:prometheus|alertmanager)\b"),  # nobody
)
# Paths a build context must not contain: if the ignore file lets one in, it leaks.
# What a build context must keep out, each with a file inside it for the ignore file to be
# asked about: MLflow's local store (`mlruns/`) holds every run's artifacts and a copy of
# each model it logged, as models/ does.
MUST_STAY_OUT = {
    ".git": ".git/config",
    "data/": "data/raw.csv",
    "models/": "models/model.pkl",
    "mlruns/": "mlruns/0/meta.yaml",
}
# COPY / ADD sources that send the whole build context into the image.
WHOLE_CONTEXT = frozenset({".", "./", "*", "./*"})
# A COPY source that names a folder of the repository's parent by its name: one plain
# name (no glob, variable, URL or path), not a dotfile nor a file with an extension
# (`.env`, `model.pkl`: a file left out of git, not the checkout's folder).
FOLDER_NAME = lazy_pattern(r"(?:\./)?[\w-]+")


def _repository(image: str) -> str:
    """The image reference without its tag or digest (`registry:5000/name:tag` -> name)."""
    reference = image.split("@")[0]
    folder, _, last = reference.rpartition("/")
    return (f"{folder}/" if folder else "") + last.partition(":")[0]


# An image name whose registry is a variable the build fills in (`${AWS_ECR_ENDPOINT}/app`).
VARIABLE_REGISTRY = lazy_pattern(r"^\$\{?\w+(?::?-[^}/]*)?\}?/")


def _built_here(image: str, local_images: frozenset[str]) -> bool:
    """Whether an image is one the repository builds: by its name, or by its path under
    a registry a variable names where it is built (`${AWS_ECR_ENDPOINT}/team/app` built,
    `123456789012.dkr.ecr.us-west-2.amazonaws.com/team/app:latest` pulled)."""
    repository = _repository(image)
    path = repository.partition("/")[2]
    return repository in local_images or any(
        VARIABLE_REGISTRY.match(name) and name.partition("/")[2] == path
        for name in local_images
        if path
    )


def _unpinned_image(image: str, stage_names: set[str]) -> bool:
    if image.lower() in stage_names or image == "scratch" or "$" in image or "@sha256:" in image:
        return False
    if "{" in image or "[[" in image:  # a template's Jinja (`{{ cookiecutter.base_image }}`,
        return False  # copier's `[[ python_version ]]` delimiters): set when rendered
    if "<" in image:  # a placeholder the reader fills in (`<ACR_NAME>.azurecr.io/app:latest`)
        return False
    name, _, tag = image.rsplit("/", 1)[-1].partition(":")
    if tag == "" or CHANNEL_TAG.fullmatch(tag) or not DOCKER_TAG.fullmatch(tag):
        return True
    if VARIANT_ONLY_TAG.fullmatch(tag) and name.lower() != tag.split("-")[0].lower():
        return True
    return name.lower() == "python" and bool(PYTHON_MAJOR.fullmatch(tag))


# A tag that names a variant and no version (`nginx:alpine`, `python:slim`, `redis:alpine`,
# `python:slim-stretch` on a Debian release): the newest release built on that variant,
# moved by every release as `latest` is (not the base's own name, `alpine:alpine` is no
# image).
VARIANT_ONLY_TAG = lazy_pattern(
    r"(?i)(?:alpine|slim)"
    r"(?:-(?:alpine[\d.]*|slim|jessie|stretch|buster|bullseye|bookworm|trixie))?"
)


# What Docker accepts as a tag: a version range (`python:^3.10`) is none, and names no
# version at all.
DOCKER_TAG = lazy_pattern(r"\w[\w.-]{0,127}")


# A tag that names a release channel, not a release: `latest`, `latest-gpu`,
# `latest-python3.10`, `nightly`, `alpha`, `stable-slim`, or a major's newest
# (`prefecthq/prefect:3-latest`). Each push to the channel moves it; a dated snapshot of
# one (`stable-20240110-slim`, `nightly-2024-01-05`) never moves.
CHANNEL_TAG = lazy_pattern(
    r"(?i)(?:latest|nightly|alpha|beta|edge|canary|unstable|stable|rolling)"
    r"(?![\w.-]*?(?:19|20)\d\d-?[01]\d-?[0-3]\d)(?:[-_][\w.-]*)?"
    r"|\d+(?:\.\d+)?-(?:latest|nightly)(?:-[\w.-]*)?"
)


# A python image tag that names the major version alone (`python:3`, `python:3-slim`):
# Python 3 is every release since 2008, so the tag moves across minor versions as
# `latest` does.
PYTHON_MAJOR = lazy_pattern(r"3(?:-[a-z][\w.-]*)?")


class IMG001(Check):
    """Passes when there is a Dockerfile or Containerfile (`Dockerfile`, `*.Dockerfile`,
    `Dockerfile.*`, `Dockerfile-*`, `Containerfile`), anywhere in the repository, or the
    serving platform builds the image from the model (MLflow's
    `mlflow.models.build_docker`) or serves it in its own (a SageMaker endpoint, deployed
    from a script or a notebook's cells), or a BentoML 0.x `BentoService` is saved as a
    bundle that holds its generated Dockerfile, or an
    ML platform's environment names the image its jobs run in (an Azure ML environment's
    `image:`, in its own file or inline in a job, a component or an online deployment,
    or its `Environment(image="...")` built with the SDK in Python, the
    `baseImage` of an Azure ML v1 run or inference configuration, an Anyscale cluster
    environment's `base_image:`), or BentoML builds the service's image from its
    `bentofile.yaml` (`bentoml containerize`). A web app alone (a Flask or FastAPI app;
    no serving platform's code, image, deployment manifest or serving dependency set) is
    deployed only when the README (in the English translation kept beside one
    in another language, `README.en.md`, too) or a CI file says so (deploy, production,
    Docker, Kubernetes, Heroku...): a Flask app the author runs on their own machine is not
    applicable, while a Lambda handler or a scoring script exists to be deployed. A
    service whose README, script, Makefile or workflow runs its own `docker build` (a
    Streamlit page too) asks for the image that command builds: with no Dockerfile, it is
    reported. A monorepo's project passes when the repository's root keeps an image definition
    outside every project (`infra/docker/api/Dockerfile`), and a template when the
    projects it renders have one (`{{ cookiecutter.repo_name }}/Dockerfile`). A buildpack
    platform builds the image itself from the app's definition: a Procfile with a `web:`
    process (Heroku, Dokku) or a render.yaml web service on a native runtime (`env:
    python`; a static site, `runtime: static`, runs no app), and so does a Hugging Face Space
    whose README's front matter names a Gradio or Streamlit SDK (`sdk: gradio`). A
    Dockerfile committed empty or with only comments builds nothing (a file that holds
    nothing is no evidence of any practice): it says an image is meant, and the finding
    names it."""

    @staticmethod
    def check(
        dockerfiles: list[Dockerfile],
        platform_gives: frozenset[str],
        environment_images: list[tuple[str, int | None, str]],
        bento_files: list[str],
        template_dockerfiles: list[Dockerfile],
        buildpack_apps: list[str],
        hollow_files: dict[str, str],
    ) -> Outcome:
        if not dockerfiles and buildpack_apps:
            return Passed(f"the platform builds the app's image from {buildpack_apps[0]}")
        if not dockerfiles and template_dockerfiles:
            return Passed(f"the projects it renders are built from {template_dockerfiles[0].path}")
        if not dockerfiles and "IMG001" in platform_gives:
            return Passed("the serving platform builds the image")
        if not dockerfiles and bento_files:
            return Passed(f"BentoML builds the service image from {bento_files[0]}")
        if not dockerfiles and environment_images:
            rel, line, image = environment_images[0]
            where = f"{rel}:{line}" if line else rel
            return Passed(f"{where} the platform builds its containers from {image}")
        # no Dockerfile, or only Dockerfiles committed empty (named in the finding)
        return bool(dockerfiles) or placeholder_hits(hollow_files, _names_a_dockerfile) or False


def _names_a_dockerfile(rel: str) -> bool:
    return bool(DOCKERFILE_NAME.match(rel.rpartition("/")[2]))


# What makes an image a training image: it runs training or a pipeline.
TRAINS = lazy_pattern(r"(?i)(?:\btrain\w*\b|\bdvc\s+repro\b|\bfit\.py\b)")
# A command that starts a pipeline's worker, which runs the training flows it is sent.
PIPELINE_WORKER = lazy_pattern(
    r"(?i)\bprefect\W+(?:worker|agent)\W+start\b|\bkedro\W+run\b|\bairflow\W+scheduler\b"
    r"|\bdagster(?:-daemon)?\W+(?:run|dev)\b"
)

# `docker exec <container> python train.py` / `docker run [options] <image> python
# train.py` in CI, a Jenkinsfile or a Makefile: a training script run in a container.
DOCKER_RUNS = lazy_pattern(r"\bdocker[ \t]+(?:container[ \t]+)?(exec|run)\b([^\n;&|]*)")
# Options of `docker run` / `docker exec` that take no value (any other takes the next word
# unless written `--opt=value`); a mount puts code from the host in the container.
DOCKER_FLAGS = frozenset(
    ("-d", "-t", "-i", "-it", "-ti", "-td", "-dt", "-itd", "--rm", "--detach", "--tty")
).union(("--interactive", "--privileged", "--init", "-P", "--publish-all"))
DOCKER_MOUNTS = ("-v", "--volume", "--mount", "--volumes-from")
MAKEFILE = lazy_pattern(r"(?:^|/)(?:GNU)?[Mm]akefile$")


class IMG002(Check):
    """Applies when there is a service. Reports the image that both trains and serves: a Dockerfile
    whose RUN, CMD or ENTRYPOINT trains (`python train.py`, `dvc repro`), or that a compose service
    runs with a training command or a pipeline's worker (`prefect worker start`, `kedro run`), or
    whose service trains (the code it runs imports a module named for training that fits a model: at
    start, nightly or on a `/train` route, not only a class it defines, the model's architecture; or
    declares a route for training, `@app.post("/train")`, and fits a model itself or through a
    module named for training it imports, directly or not, whose code reaches a fit (`/train` ->
    `training_pipeline.py` -> `model_trainer.py` -> the estimator's `.fit(`), or a module defining a
    function named for training that fits one (`train_xgboost_model`); or starts, as a process, a
    script of the repository that fits one, itself or through a training module it imports:
    `subprocess.check_call([sys.executable, "scripts/train.py"])`, a `/train` route's
    `os.system("python main.py")` where main.py runs each stage of the training pipeline; an image's
    service is the program its CMD starts, `uvicorn src.api.main:app` or a script running the
    repository's web app, `python main.py`, else the services beside its Dockerfile), while it is
    the only image of the project, unless it has a training stage and a serving stage (`AS train`,
    `AS serve`). An image named for training (its folder, `services/training/Dockerfile`, or its
    name, `Dockerfile.train`) whose service trains runs the training job's API: it passes when
    another image of the project serves. An image that serves (it exposes a port, starts a server or
    is built on AWS Lambda's base) and whose final stage trains (`RUN python -c "train_model()"` at
    build, a RUN that starts a program of the repository whose code trains, `RUN python -m
    src.pipeline.run_all`, a CMD that runs training or the API by an environment variable, an
    ENTRYPOINT or CMD script copied from the repository that runs a script fitting a model, `python
    scripts/run_pipeline.py`, under whatever condition) is reported however many images the project
    has, and so is one Dockerfile built as both images through a build argument its instructions use
    (`ARG entry=preprocessing` run as `python -m $entry`, and a `docker build --build-arg entry=app`
    in a script, CI or a Makefile): one of the values names a training program of the repository,
    another a service's module. Two or more images of the project, or one image that only serves,
    pass. An image that only packages a tool's server (an MLflow tracking server, a Prefect server,
    a database: it starts one, itself, by the command a compose file runs it with or by a shell
    script it copies in and starts that starts no other server, or is built from its image, and
    copies in no code of the project, settings at most: its role, see `image_roles.image_role`, is a
    tool's) is no image of the project. The only image, when it serves, is reported too when CI, a
    Jenkinsfile or a Makefile runs a training script in a container of it (`docker exec <container>
    python train.py`, `docker run <image> python train.py`): the script is one the image copies in
    (`COPY app/ .` and app/train.py), which a public image does not hold, and no host folder is
    mounted (`-v`, `--mount`) that could bring it in."""

    requires = frozenset({"IMG001", "SERVE001"})

    @staticmethod
    def check(
        dockerfiles: list[Dockerfile],
        compose_commands: dict[str, list[str]],
        image_roles: dict[str, Role],
        serving_evidence: list[str],
        serving_path: list[str],
        training_files: list[str],
        build_contexts: dict[str, str],
        text: TextOf,
        ci_text: dict[str, str],
        files: tuple[str, ...],
        file_set: frozenset[str],
        syntax_tree: TreeOf,
        service_files: list[str],
        modules_run_by: Callable[[list[str]], list[str]],
        names_taken: NamesTaken,
    ) -> Outcome:
        own = [d for d in dockerfiles if image_roles.get(d.path) != TOOL]

        def launches_training(script: str) -> bool:
            """A script the service starts runs training through what it imports
            (`python main.py` running each stage of a training pipeline)."""
            closure = modules_run_by([script])
            return (
                service_training(closure, training_files, text, names_taken, modules_run_by)
                is not None
            )

        def trained_by(path: list[str]) -> str | None:
            return service_training(
                path, training_files, text, names_taken, modules_run_by
            ) or started_by_code(
                path, training_files, syntax_tree, text, file_set, launches_training
            )

        trains = trained_by(serving_path)
        serving = [d.path for d in own if d.path in serving_evidence]
        for dockerfile in own if trains is not None else []:  # however many images there are
            if _training_image(dockerfile.path) and any(p != dockerfile.path for p in serving):
                continue  # a training job's API beside the image that serves
            context = build_contexts.get(dockerfile.path, "")
            run = image_program(dockerfile, context, file_set) or _services_beside(
                dockerfile.path, service_files, serving_path
            )
            closure = modules_run_by(run) if run else []
            here = trained_by(closure) if run else trains
            if here is None:
                continue  # the program it starts, or the service beside it, trains nothing
            holds = here.startswith(f"{context}/" if context else "")
            commands = compose_commands.get(dockerfile.path, [])
            # the program it starts runs a web app of the repository (`python main.py`
            # calling `create_app().run()`)
            serves = (
                dockerfile.path in serving_evidence
                or any(SERVER_COMMAND.search(command) for command in commands)
                or not set(closure).isdisjoint(service_files)
            )
            if serves and holds:
                detail = f"the service it runs trains too ({here})"
                return [Hit(dockerfile.path, None, detail)]
        both = [
            Hit(d.path, i.line, f"{i.keyword} {i.arguments[:60]} trains in the serving image")
            for d in own
            if d.path in serving_evidence and not _training_image(d.path) and d.stages
            for i in d.stages[-1]
            if i.keyword in ("RUN", "CMD", "ENTRYPOINT") and TRAINS.search(i.arguments)
        ]
        scripts = {rel: ci_text.get(rel) or text(rel) or "" for rel in ci_text}
        scripts |= {
            rel: text(rel) or "" for rel in files if MAKEFILE.search(rel) or rel.endswith(".sh")
        }
        for d in own if not both else []:
            selected = built_both_ways(d, scripts, training_files, service_files, text, file_set)
            if selected is not None:
                name, training, serving_value = selected
                detail = (
                    f"one Dockerfile builds the training image ({name}={training}) and the "
                    f"serving image ({name}={serving_value})"
                )
                both.append(Hit(d.path, None, detail))
                break
        for d in own if not both else []:
            if d.path not in serving_evidence or _training_image(d.path):
                continue
            context = build_contexts.get(d.path, "")
            started = started_by_entrypoint(d, context, training_files, text, file_set)
            if started is not None:
                detail = f"its entrypoint {started[0]} trains before serving ({started[1]})"
                both.append(Hit(d.path, None, detail))
        for d in own if not both else []:
            if d.path not in serving_evidence or _training_image(d.path):
                continue
            context = build_contexts.get(d.path, "")
            built = image_program(d, context, file_set, keywords=("RUN",))
            program = next((rel for rel in built if launches_training(rel)), None)
            if program is not None:
                detail = f"a RUN of its final stage starts {program}, which trains, at build"
                both.append(Hit(d.path, None, detail))
        if both:  # an image that serves and trains itself, however many others there are
            return both[:1]
        if len(own) >= 2:
            return True
        names = " ".join(stage[0].arguments.lower() for d in own for stage in d.stages)
        if re.search(r"\bas\s+\w*train", names) and re.search(r"\bas\s+\w*(serv|infer|api)", names):
            return True
        hits = [
            Hit(d.path, i.line, f"{i.keyword} {i.arguments[:60]} trains in the serving image")
            for d in own
            for i in d.instructions
            if i.keyword in ("RUN", "CMD", "ENTRYPOINT") and TRAINS.search(i.arguments)
        ]
        hits += [
            Hit(d.path, None, f"a compose service runs `{command[:60]}` in the serving image")
            for d in own
            for command in compose_commands.get(d.path, [])
            if TRAINS.search(command) or PIPELINE_WORKER.search(command)
        ]
        if not hits and len(own) == 1:
            scripts = {rel: body for rel, body in scripts.items() if not rel.endswith(".sh")}
            context = build_contexts.get(own[0].path, "")
            hits += _trained_in_container(own[0], context, scripts, serving_evidence, file_set)
        return hits[:1]


# A module its CMD starts by name: `uvicorn src.api.main:app`, `python -m src.api`.
STARTED_MODULE_WORD = lazy_pattern(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*")


def image_program(
    dockerfile: Dockerfile,
    context: str,
    file_set: frozenset[str],
    keywords: tuple[str, ...] = ("ENTRYPOINT", "CMD"),
) -> list[str]:
    """The Python files of the repository the final stage's CMD or ENTRYPOINT starts
    (`streamlit run page.py`, `uvicorn src.gateway.main:app`, `python -m src.api`), found
    beside the Dockerfile or from its build context, or from the `src/` folder of either
    (`uvicorn alphapulse.main:app` for src/alphapulse/main.py, on the image's PYTHONPATH):
    what the image runs; with `keywords=("RUN",)`, what it runs while it is built
    (`RUN python -m src.pipeline.run_all`)."""
    if not dockerfile.stages:
        return []
    words = [
        word.strip("\"',[]")
        for i in dockerfile.stages[-1]
        if i.keyword in keywords
        for word in i.arguments.split()
    ]
    named = [w for w in words if w.endswith(".py")]
    named += [
        w.split(":")[0].replace(".", "/") + ".py" for w in words if STARTED_MODULE_WORD.fullmatch(w)
    ]
    for module in (m for w, m in itertools.pairwise(words) if w == "-m"):
        named += [module.replace(".", "/") + ".py", module.replace(".", "/") + "/__main__.py"]
    folder = dockerfile.path.rpartition("/")[0]
    found = (
        posixpath.normpath(posixpath.join(base, name.lstrip("./")))
        for name in named
        for base in dict.fromkeys(
            (folder, context, posixpath.join(folder, "src"), posixpath.join(context, "src"))
        )
    )
    return sorted({rel for rel in found if rel in file_set})


def _services_beside(path: str, service_files: list[str], serving_path: list[str]) -> list[str]:
    """The services in the folder of the Dockerfile at `path` (`api/Dockerfile` and
    `api/main.py`): what the image serves, when its command names no file."""
    folder = path.rpartition("/")[0]
    return [
        rel
        for rel in service_files
        if folder and rel.startswith(f"{folder}/") and rel in serving_path
    ]


def _trained_in_container(
    dockerfile: Dockerfile,
    context: str,
    scripts: dict[str, str],
    serving_evidence: list[str],
    file_set: frozenset[str],
) -> list[Hit]:
    """Where a CI file or a Makefile runs a training script in a container of a serving
    image (`docker exec <container> python train.py`): a script the image copies in, with
    no host folder mounted. The image serves when it is serving evidence itself (a port, a
    server) or its CMD or ENTRYPOINT runs a service's file it copies in (`python app.py`)."""
    copied = [
        posixpath.normpath(posixpath.join(context, source))
        for instruction in dockerfile.instructions
        for source in instruction.copied_sources
    ]
    started = [
        held
        for instruction in dockerfile.instructions
        if instruction.keyword in ("CMD", "ENTRYPOINT")
        for word in re.findall(r"[\w./-]+\.py\b", instruction.arguments)
        if (held := _copied_in(word, copied, file_set)) is not None
    ]
    if dockerfile.path not in serving_evidence and not set(started) & set(serving_evidence):
        return []
    for rel, content in scripts.items():
        for match in DOCKER_RUNS.finditer(content):
            script = _python_script(match[2].split())
            if script is None or not TRAINS.search(script):
                continue
            if _copied_in(script, copied, file_set) is not None:
                line = content.count("\n", 0, match.start()) + 1
                detail = f"`docker {match[1]} ... python {script}` trains in the serving image"
                return [Hit(rel, line, detail)]
    return []


def _copied_in(script: str, copied: list[str], file_set: frozenset[str]) -> str | None:
    """The repository file a script path run in the image's working folder is, when a
    COPY brought it in: the file itself, or the file under a copied folder."""
    for source in copied:
        if source == script or source.endswith(f"/{script}"):
            return source
        inside = posixpath.normpath(posixpath.join(source, script))
        if inside in file_set:
            return inside
    return None


def _python_script(words: list[str]) -> str | None:
    """The script a `docker run`/`docker exec` command line runs with Python after the
    image or container (`python train.py`), None when it runs none or mounts a host
    folder."""
    index = 0
    while index < len(words) and words[index].startswith("-"):
        option = words[index].split("=", 1)[0]
        if option in DOCKER_MOUNTS:
            return None
        takes_value = "=" not in words[index] and words[index] not in DOCKER_FLAGS
        index += 2 if takes_value else 1
    command = [w.strip("'\"") for w in words[index + 1 :]]  # after the image or container
    if len(command) >= 2 and re.fullmatch(r"python(?:3(?:\.\d+)?)?", command[0]):
        script = command[1]
        return script if script.endswith(".py") and not script.startswith("-") else None
    return None


def _training_image(path: str) -> bool:
    """Whether a Dockerfile's folder or name says it builds the training image
    (`services/training/Dockerfile`, `docker/train/Dockerfile`, `Dockerfile.train`)."""
    return bool(TRAINING_IMAGE.search(path))


# An entrypoint script's command that drops root before it starts the service
# (`exec runuser -u appuser -- gunicorn`, `exec gosu app "$@"`, `su-exec app`,
# `setpriv --reuid=1000`), to a user other than root.
DROPS_PRIVILEGES = lazy_pattern(
    r"(?m)^[^#\n]*\b(?:runuser[ \t]+(?:-u[ \t]+|--user[= ])|gosu[ \t]+|su-exec[ \t]+"
    r"|setpriv[ \t]+[^\n]*--reuid[= ])(?!root\b|0\b)[\w$\"'{]"
)


class IMG003(Check):
    """Reports Dockerfiles whose final stage runs as root: no `USER` instruction in it or in the
    stages it is built `FROM` (`FROM base` inherits `USER app` from stage `base`), or `USER root` /
    `USER 0` last. The chain goes on into an image the repository builds itself from another of its
    Dockerfiles (a compose service's or skaffold's `image:`, a `docker build -t NAME`, up to its
    `target` stage; the same name and tag): `FROM NAME` inherits its USER. Bases that run as
    non-root by default (distroless and Chainguard `:nonroot`, Airflow, Jupyter, Bitnami, AWS
    Lambda, Grafana and its k6, Prometheus and Alertmanager) pass, and so does an image every
    documented `docker run` starts as a non-root user (`docker build -t NAME`, then `docker run
    --user $(id -u):$(id -g) NAME`), and one whose entrypoint script, copied from the repository,
    starts the service as another user (`exec runuser -u appuser -- gunicorn ...`, `gosu`,
    `su-exec`, `setpriv --reuid`). A workbench is no service and is not judged: a development
    container (`.devcontainer/`), an image that starts an interactive shell, a notebook server, an
    idle keep-alive or tests (its own `CMD ["bash"]`, or every command a compose file runs it with:
    `bash -lc "pytest"`; a command list by its last step, the one left running: `pytest && exec
    bash`), one built on a notebook image that starts nothing else, one that only puts a shell on a
    bare distribution or a toolchain image that keeps its shell (`continuumio/miniconda3`,
    `nvidia/cuda`), a Gitpod workspace (`.gitpod.Dockerfile`, `FROM gitpod/workspace-python-3.11`),
    a CI agent that installs the CI's dependency set (the roles of `image_roles.image_role`), and
    one a devcontainer.json builds or a compose service builds to keep a terminal open on the
    mounted working copy (`tty: true`, a volume of `.` or `$PWD`, not the host's `/`, no command),
    nor is a final stage built `FROM scratch` with no command, the files `docker build --output`
    exports. A template's Dockerfiles (`{{ cookiecutter.repo_name }}/Dockerfile`, read as written,
    the Jinja unrendered) are judged too: every project it generates is built from them."""

    requires = frozenset({"IMG001"})

    @staticmethod
    def check(
        dockerfiles: list[Dockerfile],
        images_run_as_user: frozenset[str],
        image_builds: dict[str, tuple[str, str | None]],
        image_roles: dict[str, Role],
        template_dockerfiles: list[Dockerfile],
        build_contexts: dict[str, str],
        text: TextOf,
        file_set: frozenset[str],
    ) -> Outcome:
        by_path = {dockerfile.path: dockerfile for dockerfile in dockerfiles}
        hits = []
        for dockerfile in [*dockerfiles, *template_dockerfiles]:
            if not dockerfile.stages or image_roles.get(dockerfile.path) == WORKBENCH:
                continue
            if dockerfile.path in images_run_as_user:
                continue
            context = build_contexts.get(dockerfile.path, "")
            scripts = entrypoint_scripts(dockerfile, context, file_set)
            if any(DROPS_PRIVILEGES.search(text(script) or "") for script in scripts):
                continue  # its entrypoint starts the service as another user
            final = dockerfile.stages[-1]
            if _exports_files(final):
                continue  # `FROM scratch` holding built files: `docker build --output` unpacks it
            user, base = _image_user(dockerfile, None, by_path, image_builds)
            if user is None and base is not None and any(p.search(base) for p in NON_ROOT_BASES):
                continue
            if user is None:
                hits.append(Hit(dockerfile.path, final[0].line, "final stage has no USER"))
            elif user.arguments.strip() in ROOT_USERS:
                hits.append(Hit(dockerfile.path, user.line, "final stage runs as root"))
        return hits


def _exports_files(stage: list[Instruction]) -> bool:
    """Whether a final stage only holds files to export: built `FROM scratch`, with no
    command to run (`COPY --from=build /out/deps.tar.gz /`, written out by `docker build
    --output`): no container runs it."""
    bases = [i.arguments.split()[0].lower() for i in stage if i.keyword == "FROM" and i.arguments]
    started = any(i.keyword in ("CMD", "ENTRYPOINT") for i in stage)
    return bases[:1] == ["scratch"] and not started


def _image_user(
    dockerfile: Dockerfile,
    target: str | None,
    by_path: dict[str, Dockerfile],
    image_builds: dict[str, tuple[str, str | None]],
) -> tuple[Instruction | None, str | None]:
    """The USER in effect in the image a Dockerfile builds up to stage `target` (None: the
    last), following `FROM` into images the repository builds from its other Dockerfiles,
    and the external image the chain starts from."""
    seen: set[tuple[str, str | None]] = set()
    while (dockerfile.path, target) not in seen:
        seen.add((dockerfile.path, target))
        index = dockerfile.stage_index(target)
        last = len(dockerfile.stages) - 1
        user, base = _effective_user(dockerfile, last if index is None else index)
        build = image_builds.get(image_reference(base)) if base is not None else None
        if user is not None or build is None or build[0] not in by_path:
            return user, base
        dockerfile, target = by_path[build[0]], build[1]
        if not dockerfile.stages:
            return None, base
    return None, None


def _effective_user(dockerfile: Dockerfile, index: int) -> tuple[Instruction | None, str | None]:
    """The last USER in effect in stage `index` (its own, or inherited through `FROM
    <stage>`), and the external image the chain of stages starts from."""
    stages = dockerfile.stages
    chain = dockerfile.stage_chain(index)
    for stage in (stages[i] for i in chain):
        users = [i for i in stage if i.keyword == "USER"]
        if users:
            return users[-1], None
    return None, dockerfile.base_image(index)


class IMG004(Check):
    """Reports `FROM` lines and `COPY --from=IMAGE` whose image has no tag or the
    `latest` tag, or a tag that names a release channel rather than a release (`latest-gpu`,
    `latest-python3.10`, `nightly`, `alpha`, `stable`, a major's newest, `3-latest`: each
    push to the channel moves it; a variant alone, `nginx:alpine`, `python:slim`,
    `python:slim-stretch`, moves with every release as `latest` does; a dated snapshot of
    one, `stable-20240110-slim`, never moves),
    or is a python image tagged with the major version alone (`python:3`,
    `python:3-slim`: it moves across minor versions as `latest` does), or whose tag is no tag
    Docker accepts (a version range, `python:^3.10`, pins nothing), in every Dockerfile
    (one whose name glues a prefix to it, `EvidentlyDockerfile`, too). ARG defaults
    declared before FROM are substituted (a tag from an ARG with no default,
    `FROM elasticsearch:${ELASTIC_VERSION}`, is one the build gives); digests, earlier
    stages, scratch and images the repository builds itself, named by a compose service,
    skaffold or a `docker build -t` (under a registry a variable names there,
    `${AWS_ECR_ENDPOINT}/team/deps`, any registry's `team/deps`), pass. A template's Dockerfiles
    (`{{ cookiecutter.repo_name }}/Dockerfile`, the Jinja unrendered) are judged too, and a
    tag its Jinja fills in (`python:{{ cookiecutter.python }}-slim`) counts as a tag. The
    images an ML platform builds its job and endpoint containers from are judged the same
    way: an Azure ML
    environment's `image:` (an environment file, or one a job, a component or an online
    deployment defines inline, `environment: {image: ..., conda_file: ...}`), its
    `Environment(image="...")` built with the SDK, a v1 configuration's `baseImage`, an
    Anyscale cluster environment's `base_image:`: an untagged
    `mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04` runs whatever was pushed last. A
    placeholder the reader fills in (`<ACR_NAME>.azurecr.io/app:latest`) names no image
    yet and passes."""

    requires = frozenset({"IMG001"})

    @staticmethod
    def check(
        dockerfiles: list[Dockerfile],
        local_images: frozenset[str],
        template_dockerfiles: list[Dockerfile],
        environment_images: list[tuple[str, int | None, str]],
    ) -> Outcome:
        hits = [
            Hit(rel, line, f"image {image} is not pinned")
            for rel, line, image in environment_images
            if _unpinned_image(image, set()) and not _built_here(image, local_images)
        ]
        for dockerfile in [*dockerfiles, *template_dockerfiles]:
            stage_names: set[str] = set()
            for number, stage in enumerate(dockerfile.stages):
                image = from_image(stage[0].arguments, dockerfile)
                if _unpinned_image(image, stage_names) and not _built_here(image, local_images):
                    hits.append(Hit(dockerfile.path, stage[0].line, f"FROM {image} is not pinned"))
                if stage_alias(stage[0].arguments):
                    stage_names.add(stage_alias(stage[0].arguments))
                stage_names.add(str(number))
                for instruction in stage[1:]:
                    source = re.search(r"--from=(\S+)", instruction.arguments)
                    if instruction.keyword != "COPY" or source is None:
                        continue
                    image = from_image(source.group(1), dockerfile)
                    if _unpinned_image(image, stage_names):
                        detail = f"COPY --from={image} is not pinned"
                        hits.append(Hit(dockerfile.path, instruction.line, detail))
        return hits


# A shell script that writes a Dockerfile with a here-document (`cat << 'EOF' > Dockerfile`).
WRITTEN_DOCKERFILE = line_hint(
    r"<<.*(?:>|\btee)[ \t]*\S*(?:Dockerfile|Containerfile)"
    r"|(?:>|\btee)[ \t]*\S*(?:Dockerfile|Containerfile)\S*[ \t]+<<",
    within=("*.sh", "*.bash"),
)
# A notebook cell that writes one (`%%writefile Dockerfile`).
NOTEBOOK_DOCKERFILE = line_hint(
    r"%%writefile[ \t]+\S*(?:Dockerfile|Containerfile)", within=("*.ipynb",)
)


class IMG006(Check):
    """Reports `FROM` lines whose image is built on a distribution release past the end of its
    security support, by the dated table shipped with the tool: `ubuntu:18.04`, `debian:buster`,
    `alpine:3.18`, `amazonlinux:2`, or a tag that names the release (`python:3.10-buster`,
    `nvidia/cuda:11.8.0-runtime-ubuntu20.04`, `python:3.12-alpine3.19`), or a vendor image whose
    notes give its release (`nvcr.io/nvidia/pytorch:22.11-py3` is Ubuntu 20.04,
    `nvidia/cuda:9.0-cudnn7-runtime` Ubuntu 16.04, `dustynv/jetson-inference:r32.7.1` (L4T R32)
    Ubuntu 18.04, `nvidia/cudagl:10.1-runtime` Ubuntu 18.04, `nvcr.io/nvidia/tritonserver:22.11-py3`
    Ubuntu 20.04, `pytorch/pytorch:1.4-cuda10.1-cudnn7-runtime` Ubuntu 16.04, `python:3.8.6-slim`, a
    patch no longer rebuilt, Debian 10; `continuumio/miniconda3:4.7.12` Debian 10;
    `databricksruntime/standard:12.2-LTS` Ubuntu 20.04, Microsoft's
    `mcr.microsoft.com/vscode/devcontainers/python:0-3.11` Debian 11). The official python images of
    a Python past its end of life are no longer built, so any tag of one is frozen whatever it was
    last built on (`python:3.8-slim`, `python:3.9-bookworm`, and CircleCI's `cimg/python:3.8.7` and
    AWS Lambda's `public.ecr.aws/lambda/python:3.8` likewise, Microsoft's devcontainer images
    `devcontainers/python:0-3.10` and tiangolo's `tiangolo/uvicorn-gunicorn-fastapi:python3.9`, and
    any vendor's image whose tag names an ended Python, which its vendor no longer builds:
    `apache/airflow:2.8.1-python3.10`, `bentoml/model-server:0.13.0-py38`; a vendor's image whose
    tag names no Python is judged by its release, whatever Python it ships: `apache/airflow:2.7.2`
    by Debian 11, the release it was built on, its Python 3.8 being ENV006's; `python:^3.10`, a
    version range written as a tag, asks for Python 3.10), and so is any tag of a repository its
    maintainers stopped publishing (Jupyter Docker Stacks' `jupyter/...` on Docker Hub since
    2023-10-20, now on quay.io) or patching (`pytorch/torchserve`, in limited maintenance since
    2025-03). The official node images of a Node.js major past the end of its support are frozen the
    same way (`node:13.12.0-alpine`, `node:16-slim`), and so are the official postgres images of a
    PostgreSQL major past its end of life (`postgres:13`, `postgres:9.6-alpine`: a database image
    the repository builds on). Any other tag that names no release and moves (`python:3.12-slim`,
    `latest`) is not judged. A release is named by its version or code name (`-ubuntu20.04`,
    `-ubuntu2204`, `openvino/ubuntu20_runtime`, a year alone being its LTS; `-debian11`, `-focal`);
    a quoted FROM (`FROM "${IMAGE}:${TAG}"`) is read as Docker reads it. The `image:` of an Azure ML
    environment file, of an `Environment(image="...")` built in Python, and the `baseImage` of an
    Azure ML v1 run configuration (`*.runconfig`) or inference configuration are judged the same way
    (`mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04` is Ubuntu 18.04), as is the image of an
    environment a job, a component or an online deployment defines inline (`environment: {image:
    ..., conda_file: ...}`), and the `base_image` a Kubeflow Pipelines component runs in
    (`@dsl.component(base_image= "python:3.9")`), and so is an image a `COPY --from=IMAGE` copies
    files out of (`COPY --from=python:3.8 / /` lays that frozen image's files into this one). A
    template's Dockerfiles (`{{ cookiecutter.repo_name }}/Dockerfile`, the Jinja unrendered) are
    judged too, as IMG004 judges them: every project it generates inherits the base (`python:{{
    cookiecutter.python_version }}-slim-bullseye` is Debian 11 whatever Python the answers pick). A
    Dockerfile a shell script writes with a here-document (`cat << 'EOF' > Dockerfile` in
    `build.sh`) or a notebook cell writes (`%%writefile Dockerfile`) is judged at the script's or
    the notebook's lines."""

    @staticmethod
    def check(
        dockerfiles: list[Dockerfile],
        template_dockerfiles: list[Dockerfile],
        environment_images: list[tuple[str, int | None, str]],
        written_dockerfiles: list[Dockerfile],
        component_images: list[tuple[str, int, str]],
    ) -> Outcome:
        every = [*dockerfiles, *template_dockerfiles, *written_dockerfiles]
        based: list[tuple[str, int | None, str]] = [
            (dockerfile.path, stage[0].line, "FROM " + from_image(stage[0].arguments, dockerfile))
            for dockerfile in every
            for stage in dockerfile.stages
        ]
        based += [
            (dockerfile.path, line, f"COPY --from={image}")
            for dockerfile in every
            for line, image in copied_images(dockerfile)
        ]
        based += [(rel, line, f"image {image}") for rel, line, image in environment_images]
        based += [(rel, line, f"base_image {image}") for rel, line, image in component_images]
        hits = []
        for path, line, what in based:
            image = what.split(" ", 1)[1].removeprefix("--from=")
            release = release_of(image)
            if release is not None and release.end_of_life < date.today():
                ended = f"{release} ended its security support on {release.end_of_life}"
                hits.append(Hit(path, line, f"{what}: {ended}"))
            elif frozen := (
                _ended_python_image(image)
                or _ended_major_image(image, NODE_IMAGES)
                or _ended_major_image(image, POSTGRES_IMAGES)
                or _unpublished_image(image)
            ):
                hits.append(Hit(path, line, f"{what}: {frozen}"))
        return hits


def copied_images(dockerfile: Dockerfile) -> list[tuple[int, str]]:
    """(line, image) of each `COPY --from=IMAGE` that copies out of an image, not out of
    an earlier stage (by its name or its number)."""
    found = []
    stage_names: set[str] = set()
    for number, stage in enumerate(dockerfile.stages):
        for instruction in stage[1:]:
            source = re.search(r"--from=(\S+)", instruction.arguments)
            if instruction.keyword != "COPY" or source is None:
                continue
            image = from_image(source.group(1), dockerfile)
            if image.lower() not in stage_names and image != "scratch" and "$" not in image:
                found.append((instruction.line, image))
        stage_names |= {stage_alias(stage[0].arguments), str(number)} - {""}
    return found


OFFICIAL_PYTHON = ("python", "library/python", "docker.io/library/python")
# Python images whose maintainers stop rebuilding a Python at its end of life: the
# official ones, CircleCI's convenience images (`cimg/python:3.8.7`), AWS Lambda's
# base images (Lambda deprecates a runtime, and stops patching its image, when its
# language reaches end of life: `public.ecr.aws/lambda/python:3.8`), Microsoft's
# devcontainer images (their build matrix drops an ended Python: `devcontainers/python:
# 0-3.10`) and tiangolo's server images (their README's "deprecated tags" list each ended
# Python: `tiangolo/uvicorn-gunicorn-fastapi:python3.7`).
PYTHON_IMAGES_ENDING_WITH_PYTHON = (
    *OFFICIAL_PYTHON,
    "cimg/python",
    "docker.io/cimg/python",
    "public.ecr.aws/lambda/python",
    "amazon/aws-lambda-python",
    "docker.io/amazon/aws-lambda-python",
    "mcr.microsoft.com/devcontainers/python",
    "mcr.microsoft.com/vscode/devcontainers/python",
    "tiangolo/uvicorn-gunicorn-fastapi",
    "tiangolo/uvicorn-gunicorn",
    "tiangolo/uwsgi-nginx-flask",
    "tiangolo/uwsgi-nginx",
    "tiangolo/meinheld-gunicorn-flask",
    "tiangolo/meinheld-gunicorn",
)
# `3.9-slim`, and the devcontainer images' `1-3.12-bullseye` (the image's own major first);
# a version range written as a tag (`^3.10`, no valid tag) asks for its lowest Python.
PYTHON_TAG = lazy_pattern(r"(?:\d+-|[\^~])?(3\.\d+)(?:[.\-]|$)")
# The Python a vendor's tag names: `apache/airflow:2.8.1-python3.10`, `jupyter/...:python-3.9`,
# `rayproject/ray:2.9.0-py310`, `ghcr.io/astral-sh/uv:python3.12-bookworm` (not `-py3` alone).
VENDOR_PYTHON_TAG = lazy_pattern(r"(?:^|[-_.])py(?:thon)?-?3\.?(\d{1,2})(?!\d)")


def image_python(image: str) -> str | None:
    """The Python an image reference names: the tag of an official python image (any
    registry: `python:3.9-slim`, `mcr.microsoft.com/devcontainers/python:1-3.10`), a
    vendor's tag that carries it (`apache/airflow:2.8.1-python3.10`), or the default
    Python of a vendor's tag that names none, by the versions table (`apache/airflow:2.7.2`
    ships Python 3.8); None otherwise."""
    reference = image.split("@")[0]
    repository, _, tag = reference.rpartition("/")[2].partition(":")
    if repository == "python":
        official = PYTHON_TAG.match(tag)
        return official[1] if official else None
    vendor = VENDOR_PYTHON_TAG.search(tag)
    return f"3.{vendor[1]}" if vendor else _default_python(reference)


def _default_python(reference: str) -> str | None:
    """The Python a vendor image ships when its tag names none (the versions table's
    `image_pythons`: `apache/airflow:2.7.2` is Python 3.8), or None."""
    name, colon, tag = reference.rpartition(":")
    if not colon or "/" in tag:
        return None  # no tag, or a registry's port
    return load().vendor_python(name, tag)


def _ended_python_image(image: str) -> str | None:
    """Why an image of a Python is frozen: its Python is past its end of life, when the
    images of that Python stopped being rebuilt. An official python image (or CircleCI's
    `cimg/python`, tiangolo's) by the Python of its tag; a vendor's image by the Python
    its tag names (`apache/airflow:2.8.1-python3.10`, `rayproject/ray:2.9.0-py38`): its
    vendor builds no variant for an ended Python. A vendor's image whose tag names none
    (`apache/airflow:2.7.2`) is judged by the release it is built on; its default Python
    is ENV006's."""
    reference = image.split("@")[0]
    repository, _, tag = reference.rpartition("/")[2].partition(":")
    if reference.partition(":")[0] in PYTHON_IMAGES_ENDING_WITH_PYTHON:
        python = image_python(image)
    else:
        vendor = VENDOR_PYTHON_TAG.search(tag) if repository != "python" else None
        python = f"3.{vendor[1]}" if vendor else None
    if python is None:
        return None
    end = load().end_of_life(python)
    if end is None or end >= date.today():
        return None
    return f"the images of Python {python} stopped being rebuilt at its end of life on {end}"


class OfficialImages(NamedTuple):
    """The official images of a runtime released by majors (Node.js, PostgreSQL): their
    names, the pattern of a tag's major, and the table of each major's end of support."""

    product: str
    repositories: tuple[str, ...]
    major: re.Pattern[str]
    ends: Callable[[], dict[str, date] | None]


NODE_IMAGES = OfficialImages(
    "Node.js",
    ("node", "library/node", "docker.io/library/node"),
    lazy_pattern(r"(\d+)(?:[.\-]|$)"),
    lambda: load().node,
)
POSTGRES_IMAGES = OfficialImages(
    "PostgreSQL",
    ("postgres", "library/postgres", "docker.io/library/postgres"),
    # a PostgreSQL major: 10 and later are one number, 9.x two (`9.6.24-alpine` is 9.6)
    lazy_pattern(r"(9\.\d+|[1-9]\d+)(?:[.\-]|$)"),
    lambda: load().postgres,
)


def _ended_major_image(image: str, official: OfficialImages) -> str | None:
    """Why an official image of a runtime (`node:13.12.0-alpine`, `postgres:13`) is frozen:
    its major is past the end of its support, when its images stopped being rebuilt (None
    for any other image)."""
    repository, _, tag = image.split("@")[0].partition(":")
    major = official.major.match(tag) if repository in official.repositories else None
    if major is None:
        return None
    end = (official.ends() or {}).get(major[1])
    if end is None or end >= date.today():
        return None
    name = f"{official.product} {major[1]}"
    return f"the images of {name} stopped being rebuilt at its end of support on {end}"


def _unpublished_image(image: str) -> str | None:
    """Why an image is frozen: its maintainers stopped publishing its repository (the
    table's `frozen_images`; None for any other image)."""
    repository = _repository(image)
    entry = load().frozen_since(repository)
    if entry is None:
        return None
    if not entry.successor:
        return f"its maintainers stopped updating and patching it on {entry.since}"
    moved = f"{entry.successor}/{repository.rpartition('/')[2]}"
    return f"its maintainers stopped publishing it on {entry.since} (it is {moved} now)"


# Azure ML's SDKs (v2 `azure.ai.ml`, v1 `azureml.core`): where Python code builds the
# environment a job or an endpoint runs in.
AZURE_ML_MODULES = ("azure", "azureml")
ENVIRONMENT_CALL = lazy_pattern(r"(?:^|\.)(?:Environment|from_docker_image)$")
IMAGE_NAMES = frozenset({"image", "base_image"})
IMAGE_REFERENCE = lazy_pattern(r"[a-z0-9][\w.-]*(?::\d+)?/[\w./-]+(?::[\w.-]+)?(?:@sha256:\w+)?")


def sdk_environment_images(
    imports: dict[str, list[str]], syntax_tree: TreeOf, notebooks: Iterable[str] = ()
) -> list[tuple[str, int | None, str]]:
    """Base images Azure ML environments are built from in Python, as (file, line, image):
    in a module that calls `Environment(...)` (or v1's `Environment.from_docker_image`),
    an image reference written as its `image=` / `base_image=`, as the default of a
    parameter so named (`def fetch_env(image="mcr.microsoft.com/azureml/...")`), or
    assigned to one (`env.docker.base_image = "..."`); in `notebooks` too, whose code cells
    `syntax_tree` reads as one module (no line: its cells are numbered, not its lines)."""
    found: list[tuple[str, int | None, str]] = []
    modules = {rel for module in AZURE_ML_MODULES for rel in imports.get(module, [])}
    for rel in sorted(modules | set(notebooks)):
        tree = syntax_tree(rel)
        if tree is None or not any(
            ENVIRONMENT_CALL.search(dotted(call.func)) for call in calls(tree)
        ):
            continue
        for value in (v for node in walked(tree) for v in _named_images(node)):
            image = value.value if isinstance(value, ast.Constant) else None
            if isinstance(image, str) and IMAGE_REFERENCE.fullmatch(image):
                found.append((rel, None if rel.endswith(".ipynb") else value.lineno, image))
    return found


def _named_images(node: ast.AST) -> list[ast.expr]:
    """The values a node binds to a name for an image: keyword arguments, parameter
    defaults, assignments."""
    if isinstance(node, ast.Call):
        named = [k.value for k in node.keywords if k.arg in IMAGE_NAMES]
        from_image = dotted(node.func).endswith("from_docker_image") and len(node.args) > 1
        return named + node.args[1:2] if from_image else named
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        arguments = node.args
        positional = [*arguments.posonlyargs, *arguments.args]
        defaulted = positional[len(positional) - len(arguments.defaults) :]
        pairs = [
            *zip(defaulted, arguments.defaults, strict=True),
            *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True),
        ]
        return [default for argument, default in pairs if default and argument.arg in IMAGE_NAMES]
    if isinstance(node, ast.Assign):
        names = [dotted(target).rpartition(".")[2] for target in node.targets]
        return [node.value] if IMAGE_NAMES.intersection(names) else []
    return []


DISTRIBUTIONS = ("ubuntu", "debian", "alpine", "amazonlinux")
# Distributions whose release is the tag's first number (`debian:11.9`, `amazonlinux:2023.6.2024`).
MAJOR_RELEASES = ("debian", "amazonlinux")
# A release named inside another image's name or tag: `-ubuntu20.04`, `-ubuntu2204`,
# `openvino/ubuntu20_runtime` (a year alone is that year's LTS, `.04`), `-alpine3.19`,
# `-debian11`.
RELEASE_IN_TAG = lazy_pattern(
    r"(ubuntu)[-_]?(\d\d)(?:\.?(04|10))?(?!\d)|(alpine)(3\.\d+)|(debian)[-_]?(\d\d?)(?![\d.])"
)


def release_of(image: str) -> Release | None:
    """The distribution release an image reference names, if the table knows it."""
    reference = image.split("@")[0]
    repository, _, tag = reference.rsplit("/", 1)[-1].partition(":")
    versions = load()
    if repository in DISTRIBUTIONS:
        first = tag.split("-")[0]
        parts = first.split(".")
        version = ".".join(parts[:1] if repository in MAJOR_RELEASES else parts[:2])
        return versions.release(repository, version) or versions.release(repository, first)
    named = RELEASE_IN_TAG.search(tag) or RELEASE_IN_TAG.search(repository)
    if named:
        if named[1]:
            distribution, version = "ubuntu", f"{named[2]}.{named[3] or '04'}"
        else:
            distribution, version = ("alpine", named[5]) if named[4] else ("debian", named[7])
        return versions.release(distribution, version)
    words = set(re.split(r"[-_]", tag))  # a code name: `python:3.10-slim-buster`
    named_release = next((r for r in versions.releases if words.intersection(r.names)), None)
    return named_release or versions.vendor_release(reference.removesuffix(f":{tag}"), tag)


class IMG005(Check):
    """Reads the `.dockerignore` of each Dockerfile (`<Dockerfile>.dockerignore` beside
    it, else the one at the root of its build context) and, when the final stage, or a
    stage it is built `FROM` (`FROM base AS serve`), copies the whole build context
    (`COPY . .`), reports the folders among `.git`, `data/`,
    `models/` and `mlruns/` (MLflow's local store: every run's artifacts and a copy of each
    model logged) that the context holds and the ignore file lets in (as Docker reads it:
    the last pattern matching a path or one of its folders decides, so `*` then `!.git`
    lets .git in). A folder counts by the files it holds, not its placeholders
    (`data/.gitkeep`, `.placeholder`, a README), and `models/` by files other than source
    code (a web app's model classes, `backend/models/User.js`, are code); the ignore file
    lets it in when one of
    those files stays in, other than one it re-includes by name on purpose
    (`!data/reference.parquet`), so excluding data/'s subfolders one by one keeps it out.
    A service folder's `models/` that the folder's own code opens
    (`joblib.load("models/fraud.pkl")`) is the model the image serves, copied on
    purpose, and so is the `models/` a .dockerignore written to keep .git and data/
    out (each by a pattern of its own) leaves in. A clone always has
    `.git` at its root; a context in a subfolder or a monorepo's project folder has none.
    The context is the one compose, skaffold or a `docker build [-f FILE] CONTEXT` (in a
    Makefile, CI, a script, a README; run in the folder a `cd` before it in the same
    shell block moves to, when the repository has it) declares, else the Dockerfile's folder when a
    .dockerignore sits beside it or a fly.toml does (`fly deploy` builds the app's folder), else the
    nearest folder at or above it that holds every file it copies by name (when the root lacks one
    of them; an image that copies its whole context names the files it installs and runs from it,
    `pip install -r requirements.txt`, `CMD ["python", "main.py"]`), else the nearest that holds
    more of them than the root (a file a Makefile puts there before the build is not in git), else
    the root. Naming
    folders on purpose (`COPY models/ models/`) or copying only from an earlier stage is
    fine; `COPY .git` / `ADD .git` is always reported. A COPY / ADD of a folder by its
    bare name (not a path, a dotfile or a file with an extension: `COPY .env ./` copies a
    file kept out of git) that neither the context nor the checkout holds (a monorepo's
    projects count), whose destination the later instructions use as the repository's
    root (`ADD myproject .` then `pip install -r /app/requirements.txt`, a file the
    repository has at its root), builds from the repository's parent folder: the whole
    checkout goes in, and no .dockerignore of the repository applies. A `docker build`
    in a Makefile or a justfile runs in that file's folder (`services/api/Makefile`'s
    `docker build .` builds from services/api). A template's Dockerfile at the root of the
    project it generates (`{{ cookiecutter.repo_name }}/Dockerfile`, or `Dockerfile.jinja`
    in the folder a copier template renders from) is judged for `.git`: the generated
    project is a repository of its own, so a `COPY . .` with no `.dockerignore` there
    (rendered, or copied as it is) keeping `.git` out sends its history in."""

    requires = frozenset({"IMG001"})

    @staticmethod
    def check(
        dockerfiles: list[Dockerfile],
        files: tuple[str, ...],
        file_set: frozenset[str],
        text: TextOf,
        build_contexts: dict[str, str],
        at_clone_root: bool,
        in_checkout: Exists,
        template_dockerfiles: list[Dockerfile],
        rendered_files: dict[str, str],
        copier_roots: frozenset[str],
    ) -> Outcome:
        hits = _rendered_history(template_dockerfiles, rendered_files, text, copier_roots, file_set)
        for dockerfile in dockerfiles:
            final = _built_on(dockerfile)
            for instruction in final:
                if set(instruction.copied_sources) & {".git", "./.git", ".git/"}:
                    detail = f"{instruction.keyword} .git puts the repository's history in"
                    hits.append(Hit(dockerfile.path, instruction.line, detail))
            context = build_contexts.get(dockerfile.path, "")
            prefix = f"{context}/" if context else ""
            present = [".git"] if at_clone_root and not context else []  # a clone's root has
            held = {name: _content_of(prefix + name, files) for name in FOLDERS_KEPT_OUT}
            held["models/"] = [rel for rel in held["models/"] if not rel.endswith(SOURCE_CODE)]
            present += [name for name, content in held.items() if content]
            if "models/" in present and _serves_models(prefix, files, text):
                present.remove("models/")  # the image's own code loads them: baked on purpose
            if not present:
                continue  # nothing to leak: no ignore file to read (nor pathspec to import)
            checkout = _checkout_from_parent(final, prefix, files, file_set, in_checkout)
            if checkout is not None:
                copy = f"{checkout.keyword} {checkout.arguments}"
                detail = (
                    f"{copy} takes this repository from its parent folder: the whole "
                    f"checkout goes in ({', '.join(present)} too), and its .dockerignore "
                    "does not apply"
                )
                hits.append(Hit(dockerfile.path, checkout.line, detail))
            if not any(set(i.copied_sources) & WHOLE_CONTEXT for i in final):
                continue
            beside = f"{dockerfile.path}.dockerignore"
            ignore_file = beside if beside in file_set else f"{prefix}.dockerignore"
            if ignore_file not in file_set:
                detail = f"no .dockerignore, and COPY . sends {', '.join(present)} in"
                hits.append(Hit(dockerfile.path, None, detail))
                continue
            patterns = _ignore_patterns(text(ignore_file) or "")
            if _chosen_data_rules(patterns) and "models/" in present:
                present.remove("models/")  # kept in on purpose: the model the image serves
            leaks = [
                name
                for name in present
                if not _ignored(patterns, MUST_STAY_OUT[name])
                and (name == ".git" or _lets_in(patterns, held[name], len(prefix)))
            ]
            if leaks:
                detail = f"{PurePosixPath(ignore_file).name} lets {', '.join(leaks)} in"
                hits.append(Hit(ignore_file, None, detail))
        return sorted(set(hits), key=lambda hit: (hit.path or "", hit.detail or ""))


# What opens the Jinja in the name of the folder a template renders as the generated
# project (`{{ cookiecutter.repo_name }}/`, copier's `[[ project_slug ]]/`).
PROJECT_FOLDER_JINJA = ("{{", "[[")
# A Jinja block in a rendered file's name (`{% if docker %}.dockerignore{% endif %}`).
JINJA_BLOCK = lazy_pattern(r"\{%.*?%\}")


def _built_on(dockerfile: Dockerfile) -> list[Instruction]:
    """The instructions of the final stage and of the earlier stages it is built `FROM`
    (`FROM base AS serve` holds what stage `base` copied), earliest first, and those of an
    earlier stage whose folder of the context it copies whole (`COPY --from=builder /app
    /app` after the builder's `ADD . /app`: the context goes on into the final image)."""
    stages = dockerfile.stages
    if not stages:
        return []
    chain = dockerfile.stage_chain(len(stages) - 1)
    built = [instruction for index in reversed(chain) for instruction in stages[index]]
    for instruction in list(built):
        source = _stage_copied(instruction)
        if source is None:
            continue
        stage, folder = source
        index = dockerfile.stage_index(stage)
        if index is None and stage.isdigit() and int(stage) < len(stages):
            index = int(stage)
        if index is None or index in chain:
            continue
        earlier = [i for at in reversed(dockerfile.stage_chain(index)) for i in stages[at]]
        if any(folder in _context_folders(earlier, i) for i in earlier):
            built = earlier + built
    return built


def _stage_copied(instruction: Instruction) -> tuple[str, str] | None:
    """(stage, folder) of a `COPY --from=stage folder dest` copying one folder, else None."""
    if instruction.keyword != "COPY":
        return None
    stage = re.search(r"--from=(\S+)", instruction.arguments)
    words = [w for w in instruction.arguments.split() if not w.startswith("--")]
    if stage is None or len(words) != 2:
        return None
    return stage.group(1), words[0].rstrip("/") or "/"


def _context_folders(stage: list[Instruction], instruction: Instruction) -> set[str]:
    """The folders of the image that hold the whole context after `instruction` (a COPY
    or ADD of `.` into `/app`, or into `.` under `WORKDIR /app`), and their parents."""
    if not set(instruction.copied_sources) & WHOLE_CONTEXT:
        return set()
    workdir = "/"
    for earlier in stage:
        if earlier is instruction:
            break
        if earlier.keyword == "WORKDIR":
            workdir = posixpath.join(workdir, earlier.arguments.strip().strip("\"'"))
    destination = instruction.arguments.split()[-1]
    folder = posixpath.normpath(posixpath.join(workdir, destination))
    parents = {str(p) for p in PurePosixPath(folder).parents}
    return {folder, *parents}


def _rendered_history(
    dockerfiles: list[Dockerfile],
    rendered_files: dict[str, str],
    text: TextOf,
    copier_roots: frozenset[str],
    file_set: frozenset[str],
) -> list[Hit]:
    """A template's Dockerfiles at the root of the project it generates (in the folder
    whose name the template renders, or the folder a copier template renders from) whose
    final stage copies the whole context while no .dockerignore there (rendered, or copied
    as it is by copier) keeps `.git` out."""
    ignore_files = {
        posixpath.dirname(rel): rel
        for rel, name in rendered_files.items()
        if JINJA_BLOCK.sub("", posixpath.basename(name)) == ".dockerignore"
    }
    hits = []
    for dockerfile in dockerfiles:
        whole = next(
            (i for i in _built_on(dockerfile) if set(i.copied_sources) & WHOLE_CONTEXT), None
        )
        where = posixpath.dirname(dockerfile.path)
        folder = posixpath.basename(where)
        at_root = where in copier_roots or any(start in folder for start in PROJECT_FOLDER_JINJA)
        if whole is None or not at_root:
            continue  # copies by name, or not at the generated project's root
        copied = posixpath.join(where, ".dockerignore")
        ignore_file = ignore_files.get(where) or (copied if copied in file_set else None)
        patterns = _ignore_patterns(text(ignore_file) or "") if ignore_file else []
        if not _ignored(patterns, MUST_STAY_OUT[".git"]):
            detail = f"{whole.keyword} . sends the generated project's .git in: " + (
                "its .dockerignore lets it in" if ignore_file else "it renders no .dockerignore"
            )
            hits.append(Hit(dockerfile.path, whole.line, detail))
    return hits


FOLDERS_KEPT_OUT = ("data/", "models/", "mlruns/")
# Source files a models/ folder may hold that are code, not trained models: an ORM's or
# a web app's model classes (`backend/models/User.js`), a network's definition.
SOURCE_CODE = (".py", ".js", ".mjs", ".cjs", ".ts", ".java", ".go", ".rb", ".php", ".cs")
# Files that only keep an empty folder in git (`data/.gitkeep`): nothing in it to leak.
PLACEHOLDER = lazy_pattern(
    r"(?:^|/)(?:\.git(?:keep|ignore)|\.keep|\.placeholder|\.empty|README(?:\.\w+)?)$"
)
# A path the code opens under models/ (`joblib.load("models/fraud.pkl")`).
MODELS_PATH = lazy_pattern(r"[\"'](?:\./)?models/[^\"'\s]+[\"']")
SERVING_CODE_LIMIT = 40  # .py files read to find what a service loads


def _content_of(folder: str, files: tuple[str, ...]) -> list[str]:
    """The files under `folder` that hold something: not the placeholders that only keep
    an empty folder in git (`.gitkeep`, a README saying what goes there)."""
    return [rel for rel in files if rel.startswith(folder) and not PLACEHOLDER.search(rel)]


def _serves_models(prefix: str, files: tuple[str, ...], text: TextOf) -> bool:
    """Whether the code of a service folder's build context (not the repository's root:
    a project there is more than the image) opens files under its own models/ (`joblib
    .load("models/fraud.pkl")`): the model the image serves, copied on purpose."""
    if not prefix:
        return False
    code = [
        rel
        for rel in files
        if rel.startswith(prefix) and rel.endswith(".py") and "test" not in rel[len(prefix) :]
    ]
    return any(MODELS_PATH.search(text(rel) or "") for rel in code[:SERVING_CODE_LIMIT])


def _chosen_data_rules(patterns: list[str]) -> bool:
    """Whether a .dockerignore was written to keep .git and data/ out (each by a
    pattern of its own, not a `*`): one that leaves models/ in then does so on purpose."""
    own = [p for p in patterns if p.strip() and not p.startswith(("#", "!", "*"))]
    return _ignored(own, MUST_STAY_OUT[".git"]) and _ignored(own, MUST_STAY_OUT["data/"])


def _lets_in(patterns: list[str], content: list[str], start: int) -> bool:
    """Whether a .dockerignore lets one of a folder's files in (paths from `start`, the
    context's root): not one it re-includes by name (`!data/reference.parquet`, wanted
    on purpose), so excluding the folder's subfolders one by one keeps it out."""
    named = {p.removeprefix("!") for p in patterns if p.startswith("!")}
    return any(not _ignored(patterns, rel[start:]) and rel[start:] not in named for rel in content)


def _ignored(patterns: list[str], path: str) -> bool:
    """Whether a .dockerignore keeps `path` out as Docker decides: the last pattern that
    matches the path or one of its folders wins, so `*` then `!.git` lets all of .git in
    (git would keep .git/config out: `*` matches it)."""
    from pathspec import GitIgnoreSpec  # 20-40 ms to import: only when needed

    parts = path.split("/")
    paths = ["/".join(parts[: end + 1]) for end in range(len(parts))]
    ignored = False
    for pattern in patterns:
        negated, body = pattern.startswith("!"), pattern.removeprefix("!")
        if not body.strip() or body.startswith("#"):
            continue
        spec = GitIgnoreSpec.from_lines([body])
        if any(spec.match_file(p) for p in paths):
            ignored = not negated
    return ignored


def _ignore_patterns(content: str) -> list[str]:
    """A .dockerignore's patterns as Docker reads them: relative to the context's root,
    so a leading `/` or `./` means nothing (`./data` is `data`)."""
    patterns = []
    for line in content.splitlines():
        negated, pattern = line.strip().startswith("!"), line.strip().lstrip("!")
        while pattern.startswith(("./", "/")):
            pattern = pattern.removeprefix("./").lstrip("/")
        patterns.append(("!" if negated else "") + pattern)
    return patterns


def _checkout_from_parent(
    stage: list[Instruction],
    prefix: str,
    files: tuple[str, ...],
    file_set: frozenset[str],
    in_checkout: Exists,
) -> Instruction | None:
    """The COPY / ADD of one folder, by a bare name, missing from the context (at
    `prefix`) and from the checkout, whose destination later instructions read the
    repository's own root files from."""
    workdir = "/"
    for index, instruction in enumerate(stage):
        if instruction.keyword == "WORKDIR":
            workdir = str(PurePosixPath(workdir, instruction.arguments.strip()))
        sources = set(instruction.copied_sources)
        if len(sources) != 1:
            continue
        source = next(iter(sources)).rstrip("/")
        if not FOLDER_NAME.fullmatch(source):
            continue
        inside = prefix + source.removeprefix("./")
        if inside in file_set or any(rel.startswith(inside + "/") for rel in files):
            continue  # the context has it: a folder copied on purpose
        if in_checkout(inside):
            continue  # a project of a monorepo, which the root's file list leaves out
        destination = str(PurePosixPath(workdir, instruction.arguments.split()[-1]))
        later = " ".join(i.arguments for i in stage[index + 1 :])
        root = destination.rstrip("/") + "/"
        for word in re.findall(r"[^\s\"',\[\]]+", later):
            if word.startswith(root):
                rel = word.removeprefix(root)
            elif destination == workdir and not word.startswith("/"):
                rel = word.removeprefix("./")  # relative to where the copy landed
            else:
                continue
            if ("/" in rel or "." in rel) and prefix + rel in file_set:  # a path, no bare word
                return instruction
    return None
