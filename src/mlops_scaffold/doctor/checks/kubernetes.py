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
# Workloads of platforms built on Kubernetes, each with the API group that defines it:
# KServe's and Seldon's model servers, Argo's workflows (each step a container).
PLATFORM_WORKLOADS: dict[str, tuple[str, ...]] = {
    "InferenceService": ("serving.kserve.io/", "serving.kubeflow.org/"),
    "SeldonDeployment": ("machinelearning.seldon.io/",),
    **dict.fromkeys(
        ("Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"),
        ("argoproj.io/",),
    ),
}
PLATFORM_KIND = line_hint(
    r"^kind:[ \t]*[\"']?(?:InferenceService|SeldonDeployment|Workflow|WorkflowTemplate"
    r"|ClusterWorkflowTemplate|CronWorkflow)\b",
    within=("*.yaml", "*.yml"),
)
# Terraform's Kubernetes provider declares the same workloads in HCL.
TERRAFORM_WORKLOAD = line_hint(
    r"^[ \t]*resource[ \t]+\"kubernetes_(?:deployment|stateful_set|daemon_set|daemonset"
    r"|replication_controller|pod|job|cron_job)(?:_v1)?\"",
    within=("*.tf",),
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
    defined elsewhere, and is skipped. The workloads of platforms built on Kubernetes are
    asked for resources too: a KServe InferenceService's predictor (its containers, or the
    model server it names: `model: {modelFormat, storageUri}`), a SeldonDeployment's
    component containers and each container or script step of an Argo Workflow (or
    WorkflowTemplate, CronWorkflow); the platform probes what it serves and a workflow's
    steps run to completion, so no probe is asked of them. So are the workloads Terraform's
    Kubernetes provider declares (`resource "kubernetes_deployment_v1"`, a job...): each
    `container` block without a `resources` block, and without a readiness, liveness or
    startup probe when it runs until stopped."""

    @staticmethod
    def check(
        kubernetes_manifests: list[str],
        platform_workloads: list[str],
        terraform_workloads: list[str],
        yaml_documents: YamlDocumentsOf,
        text: TextOf,
    ) -> Outcome:
        hits: list[Hit] = []
        for rel in platform_workloads:
            for document in yaml_documents(rel) or []:  # not YAML: a template, not read
                hits += [Hit(rel, None, problem) for problem in _platform_problems(document)]
        for rel in terraform_workloads:
            hits += _terraform_hits(rel, text(rel) or "")
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


def _platform_problems(document: Any) -> Iterator[str]:
    """The containers of one platform workload (KServe, Seldon, Argo) without resources."""
    if not isinstance(document, dict):
        return
    kind, api = document.get("kind"), str(document.get("apiVersion", ""))
    if not isinstance(kind, str) or not api.startswith(PLATFORM_WORKLOADS.get(kind, ("\0",))):
        return
    for label, container in _platform_containers(document.get("spec"), "?"):
        resources = container.get("resources")
        resources = resources if isinstance(resources, dict) else {}
        missing = [key for key in ("requests", "limits") if not resources.get(key)]
        if missing:
            yield f"{kind} {_name(document)}, {label}: no resource {' or '.join(missing)}"


# What marks a mapping as a container the platform runs: its image, or the model a KServe
# predictor serves in the platform's own server.
CONTAINER_KEYS = ("image", "storageUri", "modelFormat")


def _platform_containers(node: Any, owner: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every container (a mapping naming an image, or a model a server runs) nested in
    `node`, with what to call it: its name, else the name of the step that holds it."""
    if isinstance(node, dict):
        if any(isinstance(node.get(key), str | dict) for key in CONTAINER_KEYS):
            yield f"container {node.get('name') or owner}", node
            return
        name = node.get("name")
        for key, value in node.items():
            yield from _platform_containers(value, name if isinstance(name, str) else key)
    elif isinstance(node, list):
        for item in node:
            yield from _platform_containers(item, owner)


TF_WORKLOAD_BLOCK = lazy_pattern(
    r"(?m)^[ \t]*resource[ \t]+\"kubernetes_(\w+?)(?:_v1)?\"[ \t]+\"([^\"]+)\"[ \t]*\{"
)
TF_CONTAINER = lazy_pattern(r"(?m)^[ \t]*(?:init_)?container[ \t]*\{")
TF_NAME = lazy_pattern(r"(?m)^[ \t]*name[ \t]*=[ \t]*\"([^\"]*)\"")
TF_RESOURCES = lazy_pattern(r"(?m)^[ \t]*resources[ \t]*\{")
TF_PROBE = lazy_pattern(r"(?m)^[ \t]*(?:readiness|liveness|startup)_probe[ \t]*\{")
TF_LONG_RUNNING = frozenset(
    {"deployment", "stateful_set", "daemon_set", "daemonset", "replication_controller", "pod"}
)


def _terraform_hits(rel: str, content: str) -> list[Hit]:
    """The containers of the Kubernetes workloads a Terraform file declares, without a
    `resources` block or, when they run until stopped, a probe."""
    hits = []
    for workload in TF_WORKLOAD_BLOCK.finditer(content):
        resource, name = workload.group(1), workload.group(2)
        body = content[workload.end() : _block_end(content, workload.end())]
        for container in TF_CONTAINER.finditer(body):
            inside = body[container.end() : _block_end(body, container.end())]
            called = TF_NAME.search(inside)
            where = f"kubernetes_{resource} {name}, container {called[1] if called else '?'}"
            line = content.count("\n", 0, workload.end() + container.start()) + 1
            if not TF_RESOURCES.search(inside):
                hits.append(Hit(rel, line, f"{where}: no resource requests or limits"))
            if resource in TF_LONG_RUNNING and not TF_PROBE.search(inside):
                hits.append(Hit(rel, line, f"{where}: no readiness, liveness or startup probe"))
    return hits


def _block_end(content: str, start: int) -> int:
    """Where the HCL block whose `{` ends just before `start` closes: braces counted
    outside strings and comments (`"${var.image}"` holds braces of its own)."""
    depth, index = 1, start
    while index < len(content) and depth:
        char = content[index]
        if char == '"':
            index += 1
            while index < len(content) and content[index] not in '"\n':
                index += 2 if content[index] == "\\" else 1
        elif char == "#" or content.startswith("//", index):
            index = content.find("\n", index) % (len(content) + 1)
            continue
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        index += 1
    return index - 1 if not depth else index


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
    name = (
        metadata.get("name") or metadata.get("generateName") if isinstance(metadata, dict) else None
    )
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
