"""KUBE001: Kubernetes workloads with resources and probes, in the shapes repositories use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_file_tree
from tests.doctor.helpers import Tree, audit

CONTAINER = """      containers:
        - name: api
          image: demo-serve:1.0
"""
RESOURCES = """          resources:
            requests: {cpu: 250m, memory: 256Mi}
            limits: {memory: 512Mi}
"""
PROBE = """          readinessProbe:
            httpGet: {path: /ready, port: 8000}
"""


def deployment(body: str, name: str = "api") -> str:
    return (
        f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n"
        f"spec:\n  template:\n    spec:\n{body}"
    )


JOB = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\nspec:\n  template:\n    spec:\n"
# A Helm template: `{{ ... }}` makes it no YAML, so it is read as text.
HELM_DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Values.name }}
spec:
  template:
    spec:
      containers:
      - name: {{ .Values.container }}
        image: "{{ .Values.image }}"
"""

# A KServe InferenceService whose predictor is the platform's model server for a format.
ISVC = """apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: churn
spec:
  predictor:
    model:
      modelFormat: {name: sklearn}
      storageUri: gs://models/churn
"""
# An Argo Workflow: each step runs a container and stops.
ARGO = """apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: train-
spec:
  entrypoint: train
  templates:
    - name: train
      container:
        image: demo-train:1.0
        command: [python, -m, demo.train]
"""
ARGO_RESOURCES = """        resources:
          requests: {cpu: "1", memory: 2Gi}
          limits: {memory: 4Gi}
"""
# Terraform's Kubernetes provider: the same Deployment in HCL.
TERRAFORM_DEPLOYMENT = """resource "kubernetes_deployment_v1" "api" {
  metadata {
    name = "api"
  }
  spec {
    template {
      metadata {
        labels = { app = "${var.name}" }
      }
      spec {
        container {
          name  = "api"
          image = "${var.registry}/api:1.0"
%s        }
      }
    }
  }
}
"""
TERRAFORM_RESOURCES_AND_PROBE = """          resources {
            requests = { cpu = "250m", memory = "256Mi" }
            limits   = { memory = "512Mi" }
          }
          readiness_probe {
            http_get {
              path = "/health"
              port = 8000
            }
          }
"""

FIRES: dict[str, tuple[Tree, list[str]]] = {
    "bare-deployment": (
        {"k8s/deployment.yaml": deployment(CONTAINER)},
        [
            "k8s/deployment.yaml: Kubernetes containers without resources or probes: "
            "Deployment api, container api: no readiness, liveness or startup probe",
            "k8s/deployment.yaml: Kubernetes containers without resources or probes: "
            "Deployment api, container api: no resource requests or limits",
        ],
    ),
    "limits-only-in-a-multi-document-file": (
        {
            "deploy/all.yml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n---\n"
            + deployment(
                CONTAINER + "          resources:\n            limits: {memory: 1Gi}\n" + PROBE
            )
        },
        [
            "deploy/all.yml: Kubernetes containers without resources or probes: "
            "Deployment api, container api: no resource requests"
        ],
    ),
    "job-without-resources": (
        {"k8s/train.yaml": JOB + CONTAINER},
        [
            "k8s/train.yaml: Kubernetes containers without resources or probes: "
            "Job train, container api: no resource requests or limits"
        ],
    ),
    "helm-template": (
        {
            "charts/model/Chart.yaml": "name: model\n",
            "charts/model/templates/d.yaml": HELM_DEPLOYMENT,
        },
        [
            "charts/model/templates/d.yaml:2: Kubernetes containers without resources or probes: "
            "Deployment (a template): no readiness, liveness or startup probe",
            "charts/model/templates/d.yaml:2: Kubernetes containers without resources or probes: "
            "Deployment (a template): no resource requests or limits",
        ],
    ),
    "kserve-predictor-without-resources": (
        {"deploy/isvc.yaml": ISVC},
        [
            "deploy/isvc.yaml: Kubernetes containers without resources or probes: "
            "InferenceService churn, container model: no resource requests or limits"
        ],
    ),
    "argo-step-without-resources": (
        {"argo/workflow.yaml": ARGO},
        [
            "argo/workflow.yaml: Kubernetes containers without resources or probes: "
            "Workflow train-, container train: no resource requests or limits"
        ],
    ),
    "terraform-deployment": (
        {"infra/k8s.tf": TERRAFORM_DEPLOYMENT % ""},
        [
            "infra/k8s.tf:11: Kubernetes containers without resources or probes: "
            "kubernetes_deployment api, container api: no readiness, liveness or startup probe",
            "infra/k8s.tf:11: Kubernetes containers without resources or probes: "
            "kubernetes_deployment api, container api: no resource requests or limits",
        ],
    ),
}

SILENT: dict[str, Tree] = {
    # KServe probes the model servers it runs: resources are the container's to say.
    "kserve-predictor-with-resources": {
        "deploy/isvc.yaml": ISVC + "      resources:\n        requests: {cpu: 100m}\n"
        "        limits: {memory: 1Gi}\n"
    },
    "argo-step-with-resources": {"argo/workflow.yaml": ARGO + ARGO_RESOURCES},
    "terraform-deployment-with-both": {
        "infra/k8s.tf": TERRAFORM_DEPLOYMENT % TERRAFORM_RESOURCES_AND_PROBE
    },
    "complete-deployment": {"k8s/deployment.yaml": deployment(CONTAINER + RESOURCES + PROBE)},
    # A Job runs to completion: resources, but no probe, are expected.
    "job-with-resources": {"k8s/train.yaml": JOB + CONTAINER + RESOURCES},
    # A kustomize patch names the container to change; the base defines the rest.
    "kustomize-patch": {
        "k8s/overlays/prod/patch.yaml": deployment(
            "      containers:\n        - name: api\n"
            "          env: [{name: LOG_LEVEL, value: info}]\n"
        )
    },
    "helm-template-with-both": {
        "charts/model/templates/d.yaml": HELM_DEPLOYMENT
        + "        resources:\n{{ toYaml .Values.resources | indent 10 }}\n"
        + "        livenessProbe:\n          httpGet: {path: /health, port: http}\n"
    },
}


def seen(root: Path) -> list[str]:
    report = audit(root, "KUBE001")
    return sorted(
        f"{f.path}{':' + str(f.line) if f.line else ''}: {f.message}" for f in report.findings
    )


@pytest.mark.parametrize("case", sorted(FIRES))
def test_a_workload_without_resources_or_probes_is_reported(tmp_path: Path, case: str) -> None:
    tree, expected = FIRES[case]
    assert seen(build_file_tree(tmp_path, tree)) == expected


@pytest.mark.parametrize("case", sorted(SILENT))
def test_a_workload_that_says_what_it_needs_passes(tmp_path: Path, case: str) -> None:
    assert seen(build_file_tree(tmp_path, SILENT[case])) == []


def test_without_a_workload_the_check_does_not_apply(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"k8s/service.yaml": "apiVersion: v1\nkind: Service\n"})
    (result,) = [r for r in audit(tmp_path, "KUBE001").results if r.id == "KUBE001"]
    assert result.reason == "no Kubernetes workload"
