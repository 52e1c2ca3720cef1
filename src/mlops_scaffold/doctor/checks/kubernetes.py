"""KUBE: Kubernetes workloads say what they need and how to tell they are healthy."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from mlops_scaffold.doctor.checks.base import (
    Check,
    Hit,
    Outcome,
    TextOf,
)
from mlops_scaffold.doctor.content_hints import line_hint
from mlops_scaffold.lazy_pattern import lazy_pattern

# A manifest's `kind:` line naming a workload: what git searches the YAML files for.
WORKLOAD_KIND = line_hint(
    r"^kind:[ \t]*[\"']?(?:Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob|Pod"
    r"|PyTorchJob|TFJob|MPIJob|XGBoostJob|PaddleJob|JAXJob|Experiment)\b",
    within=("*.yaml", "*.yml", "*.yaml.j2", "*.yml.j2"),
)
# Workloads that run until stopped: the cluster must be able to tell they are ready.
LONG_RUNNING = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod"})
PROBES = ("readinessProbe", "livenessProbe", "startupProbe")
DOCUMENT_START = lazy_pattern(r"(?m)^---[ \t]*(?:#.*)?$")
KIND_LINE = lazy_pattern(r"(?m)^kind:[ \t]*[\"']?(\w+)")
YamlDocumentsOf = Callable[[str], "list[Any] | None"]


class KUBE001(Check):
    """Reports each container of a Kubernetes workload (Deployment, StatefulSet, DaemonSet,
    ReplicaSet, Job, CronJob, Pod, and the pod templates of Kubeflow training jobs and
    Katib experiments) without resource requests or limits, and each
    long-running one (all but Job and CronJob) without a readiness, liveness or startup
    probe. Manifests that are not plain YAML (Helm templates) are read as text, one
    document at a time. A container without an `image` is a kustomize patch of one
    defined elsewhere, and is skipped."""

    @staticmethod
    def check(
        kubernetes_manifests: list[str], yaml_documents: YamlDocumentsOf, text: TextOf
    ) -> Outcome:
        hits: list[Hit] = []
        for rel in kubernetes_manifests:
            documents = yaml_documents(rel)
            if documents is None:  # a Helm template: `{{ ... }}` is not YAML
                hits += _text_hits(rel, text(rel) or "")
                continue
            for document in documents:
                hits += [Hit(rel, None, problem) for problem in _problems(document)]
        return hits


def _problems(document: Any) -> Iterator[str]:
    """What each container of one parsed workload lacks."""
    if not isinstance(document, dict):
        return
    kind = document.get("kind")
    containers: Any
    if kind in TRAINING_JOBS:  # pod templates nested in replica specs or trial specs
        containers = [c for spec in _pod_specs(document.get("spec")) for c in spec["containers"]]
    elif kind in _POD_SPEC_PATH:
        spec: Any = document
        for key in _POD_SPEC_PATH[kind]:
            spec = spec.get(key) if isinstance(spec, dict) else None
        containers = spec.get("containers") if isinstance(spec, dict) else None
    else:
        return
    name = _name(document)
    for container in containers if isinstance(containers, list) else []:
        if not isinstance(container, dict) or "image" not in container:
            continue  # a patch of a container defined elsewhere
        where = f"{kind} {name}, container {container.get('name', '?')}"
        resources = container.get("resources")
        resources = resources if isinstance(resources, dict) else {}
        missing = [key for key in ("requests", "limits") if not resources.get(key)]
        if missing:
            yield f"{where}: no resource {' or '.join(missing)}"
        if kind in LONG_RUNNING and not any(container.get(probe) for probe in PROBES):
            yield f"{where}: no readiness, liveness or startup probe"


def _text_hits(rel: str, content: str) -> list[Hit]:
    """The same questions asked of a template's text, one document at a time."""
    hits = []
    separators = list(DOCUMENT_START.finditer(content))
    starts = [0, *(separator.end() for separator in separators)]
    ends = [*(separator.start() for separator in separators), len(content)]
    for start, end in zip(starts, ends, strict=True):
        document = content[start:end]
        kind = KIND_LINE.search(document)
        if kind is None or kind.group(1) not in _POD_SPEC_PATH:
            continue
        if not re.search(r"(?m)^\s*-?\s*image:", document):
            continue
        line = content.count("\n", 0, start + kind.start()) + 1
        where = f"{kind.group(1)} (a template)"
        if not re.search(r"(?m)^\s*resources:", document):
            hits.append(Hit(rel, line, f"{where}: no resource requests or limits"))
        has_probe = any(re.search(rf"(?m)^\s*{probe}:", document) for probe in PROBES)
        if kind.group(1) in LONG_RUNNING and not has_probe:
            hits.append(Hit(rel, line, f"{where}: no readiness, liveness or startup probe"))
    return hits


def _name(document: dict[str, Any]) -> str:
    metadata = document.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return str(name) if name else "(unnamed)"


# Where each workload keeps its pod spec.
_POD_SPEC_PATH: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}

# Training operators' jobs (Kubeflow's PyTorchJob, TFJob...) and Katib's experiments: they
# hold pod templates under their replica or trial specs, and run to completion as Jobs.
TRAINING_JOBS = frozenset(
    {"PyTorchJob", "TFJob", "MPIJob", "XGBoostJob", "PaddleJob", "JAXJob", "Experiment"}
)


def _pod_specs(node: Any) -> Iterator[dict[str, Any]]:
    """Every pod spec (a mapping with a `containers` list) nested in `node`."""
    if isinstance(node, dict):
        if isinstance(node.get("containers"), list):
            yield node
        for value in node.values():
            yield from _pod_specs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _pod_specs(item)
