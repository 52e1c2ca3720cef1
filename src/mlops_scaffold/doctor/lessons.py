"""A course's lessons that deploy a service: judged on it, with what the course shows.

A lesson of a course is judged file by file (pins, notebooks, images, secrets): most of
its services are teaching fragments, a Flask app in a notebook's folder run once by hand.
A lesson that deploys its service (a Dockerfile or a deployment manifest in its folder,
an image of the repository built from its folder, or a cloud platform's managed endpoint
the course deploys its service to) ships it as a product would, so the service is judged
too: its health route and its monitoring. Logging predictions, metrics and drift checks
are what a course teaches once for all its services, so one shown anywhere in the course
counts for each deployed lesson.
"""

from __future__ import annotations

import re

from mlops_scaffold.doctor.fixtures import DEPLOYMENT_FILE, AuditView
from mlops_scaffold.repo.parsers import Instruction

# The monitoring practices one part of a course shows for all its deployed lessons (a
# practice a nested project satisfies counts for the repository): a course teaches
# prediction records, metrics and drift checks once, in a lesson of their own. A health
# route belongs to each service; kinds.LESSON_SERVICE lists all four.
COURSE_SHOWN = ("MON001", "MON002", "MON003")
COPIES = ("COPY", "ADD")


def deployed_service(view: AuditView, project: str, lesson: AuditView) -> str | None:
    """Why the lesson's service is deployed (a path from the repository root), or None
    when the lesson has no service or nothing deploys it. A Dockerfile above the lesson
    copies paths from its build context: the one a compose file or a `docker build`
    command declares (`context: .` for `build/serve/Dockerfile`), else its own folder."""
    if not lesson.service_files:
        return None
    own = [d.path for d in lesson.dockerfiles] + lesson.matching(DEPLOYMENT_FILE)
    if own:
        return f"{project}/{sorted(own)[0]}"
    declared = view.declared_build_contexts
    for dockerfile in view.dockerfiles:  # built from a folder above the lesson's
        base = declared.get(dockerfile.path, dockerfile.path.rpartition("/")[0])
        if base and not project.startswith(base + "/"):
            continue
        if _copies(dockerfile.instructions, project.removeprefix(base + "/" if base else "")):
            return dockerfile.path
    return _deployed_endpoint(view, lesson)


def _deployed_endpoint(view: AuditView, lesson: AuditView) -> str | None:
    """The file that deploys the managed endpoint the lesson's service runs in (a path from
    the repository root): the lesson's service is an endpoint's entry point or deployment
    (a SageMaker inference script, an Azure ML scoring script or online deployment) and a
    file of the course, a notebook too, deploys an endpoint of the same platform (the
    SageMaker SDK's `model.deploy(...)`, an online deployment's spec)."""
    served = set(lesson.service_files)
    platforms = {platform for platform, rel, _ in lesson.managed_endpoints if rel in served}
    return next(
        (
            rel
            for platform, rel, deploys in view.managed_endpoints
            if deploys and platform in platforms
        ),
        None,
    )


def _copies(instructions: tuple[Instruction, ...], project: str) -> bool:
    """Whether a Dockerfile copies the project's folder into its image (`ADD ./api /app`,
    `COPY api/ .`); `--from` copies come from another image."""
    folder = re.compile(rf"^(?:\./)?{re.escape(project)}(?:/.*)?$")
    for instruction in instructions:
        words = instruction.arguments.split()
        if instruction.keyword not in COPIES or any(w.startswith("--from") for w in words):
            continue
        sources = [w for w in words[:-1] if not w.startswith("--")]
        if any(folder.match(source) for source in sources):
            return True
    return False
