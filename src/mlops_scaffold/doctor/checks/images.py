"""IMG: separate training and inference images, non-root, pinned, with a tight context."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from mlops_scaffold.doctor.checks.base import Check, Hit, Outcome, TextOf
from mlops_scaffold.repo import Dockerfile

ROOT_USERS = frozenset({"root", "0", "root:root", "0:0"})
# Paths a build context must not contain: if the ignore file lets one in, it leaks.
MUST_STAY_OUT = {".git": ".git/config", "data/": "data/raw.csv", "models/": "models/model.pkl"}


def _from_image(arguments: str, dockerfile: Dockerfile) -> str:
    words = [w for w in arguments.split() if not w.startswith("--")]
    image = words[0] if words else ""
    for name, value in dockerfile.global_args.items():
        image = image.replace(f"${{{name}}}", value).replace(f"${name}", value)
    return image


def _unpinned_image(image: str, stage_names: set[str]) -> bool:
    if image.lower() in stage_names or image == "scratch" or "$" in image or "@sha256:" in image:
        return False
    tag = image.rsplit("/", 1)[-1].partition(":")[2]
    return tag in ("", "latest")


class IMG001(Check):
    """Passes when there is a Dockerfile or Containerfile (`Dockerfile`, `*.Dockerfile`,
    `Dockerfile.*`, `Containerfile`), anywhere in the repository."""

    @staticmethod
    def check(dockerfiles: list[Dockerfile]) -> Outcome:
        return bool(dockerfiles)


class IMG002(Check):
    """Applies when there is a service. Passes with two or more Dockerfiles, or one
    multi-stage Dockerfile with a training stage and a serving stage (`AS train`,
    `AS serve`)."""

    requires = frozenset({"IMG001", "SERVE001"})

    @staticmethod
    def check(dockerfiles: list[Dockerfile]) -> Outcome:
        if len(dockerfiles) >= 2:
            return True
        names = " ".join(stage[0].arguments.lower() for d in dockerfiles for stage in d.stages)
        return bool(
            re.search(r"\bas\s+\w*train", names) and re.search(r"\bas\s+\w*(serv|infer|api)", names)
        )


class IMG003(Check):
    """Reports Dockerfiles whose final stage has no `USER` instruction, or switches to
    root (`USER root` / `USER 0`) last."""

    requires = frozenset({"IMG001"})

    @staticmethod
    def check(dockerfiles: list[Dockerfile]) -> Outcome:
        hits = []
        for dockerfile in dockerfiles:
            if not dockerfile.stages:
                continue
            final = dockerfile.stages[-1]
            users = [i for i in final if i.keyword == "USER"]
            if not users:
                hits.append(Hit(dockerfile.path, final[0].line, "final stage has no USER"))
            elif users[-1].arguments.strip() in ROOT_USERS:
                hits.append(Hit(dockerfile.path, users[-1].line, "final stage runs as root"))
        return hits


class IMG004(Check):
    """Reports `FROM` lines whose image has no tag or the `latest` tag (ARG defaults
    declared before FROM are substituted; digests, earlier stages and scratch pass)."""

    requires = frozenset({"IMG001"})

    @staticmethod
    def check(dockerfiles: list[Dockerfile]) -> Outcome:
        hits = []
        for dockerfile in dockerfiles:
            stage_names: set[str] = set()
            for stage in dockerfile.stages:
                image = _from_image(stage[0].arguments, dockerfile)
                if _unpinned_image(image, stage_names):
                    hits.append(Hit(dockerfile.path, stage[0].line, f"FROM {image} is not pinned"))
                alias = re.search(r"\bas\s+(\S+)", stage[0].arguments, re.IGNORECASE)
                if alias:
                    stage_names.add(alias.group(1).lower())
        return hits


class IMG005(Check):
    """Reads the `.dockerignore` of each Dockerfile (`<Dockerfile>.dockerignore` beside
    it, else the root `.dockerignore`) and reports those missing or letting `.git`,
    `data/` or `models/` into the build context. Re-including single files such as
    `!models/model.onnx` is fine."""

    requires = frozenset({"IMG001"})

    @staticmethod
    def check(dockerfiles: list[Dockerfile], file_set: frozenset[str], text: TextOf) -> Outcome:
        from pathspec import GitIgnoreSpec

        hits = []
        for dockerfile in dockerfiles:
            beside = f"{dockerfile.path}.dockerignore"
            ignore_file = beside if beside in file_set else ".dockerignore"
            if ignore_file not in file_set:
                hits.append(Hit(dockerfile.path, None, "no .dockerignore for its build context"))
                continue
            lines = [line.strip().lstrip("/") for line in (text(ignore_file) or "").splitlines()]
            spec = GitIgnoreSpec.from_lines(lines)
            leaks = [name for name, probe in MUST_STAY_OUT.items() if not spec.match_file(probe)]
            if leaks:
                detail = f"{PurePosixPath(ignore_file).name} lets {', '.join(leaks)} in"
                hits.append(Hit(ignore_file, None, detail))
        return sorted(set(hits), key=lambda hit: (hit.path or "", hit.detail or ""))
