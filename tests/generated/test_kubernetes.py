"""The Kubernetes manifests exist only when asked for and validate strictly against the API."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.generated.conftest import in_every_project, run, validator


def manifests_dir(project: Path) -> Path:
    return project / "deploy" / "k8s"


def kustomization(project: Path) -> dict:
    return yaml.safe_load((manifests_dir(project) / "kustomization.yaml").read_text("utf-8"))


def resources_by_kind(project: Path) -> dict[str, dict]:
    folder = manifests_dir(project)
    docs = [
        yaml.safe_load((folder / name).read_text("utf-8"))
        for name in kustomization(project)["resources"]
    ]
    return {doc["kind"]: doc for doc in docs}


def assert_validates_strictly(files: list[str], cwd: Path) -> None:
    """kubernetes-validate --strict passes, and prints no warning either."""
    result = run([validator("kubernetes-validate"), "--strict", *files], cwd=cwd)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARN" not in output, output


def test_no_manifests_without_kubernetes(default_project: Path) -> None:
    assert not (default_project / "deploy").exists()


def test_kustomization_lists_every_manifest_in_the_folder(kubernetes_project: Path) -> None:
    folder = manifests_dir(kubernetes_project)
    on_disk = {p.name for p in folder.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization(kubernetes_project)["resources"]) == on_disk


def test_every_manifest_validates_strictly(every_project: Path) -> None:
    files = in_every_project(every_project, "deploy/k8s/*.yaml")
    manifests = [name for name in files if not name.endswith("/kustomization.yaml")]
    assert manifests
    assert_validates_strictly(manifests, every_project)


def test_kustomize_build_validates_strictly(kubernetes_project: Path, tmp_path: Path) -> None:
    kustomize = shutil.which("kustomize")
    kubectl = shutil.which("kubectl")
    if kustomize is None and kubectl is None:
        pytest.skip("neither kustomize nor kubectl is installed on this machine")
    command = [kustomize, "build"] if kustomize else [kubectl, "kustomize"]
    built = run([*command, str(manifests_dir(kubernetes_project))], cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    (tmp_path / "built.yaml").write_text(built.stdout, encoding="utf-8")
    assert_validates_strictly(["built.yaml"], tmp_path)


def test_deployment_probes_health_and_readiness(kubernetes_project: Path) -> None:
    container = resources_by_kind(kubernetes_project)["Deployment"]["spec"]["template"]["spec"][
        "containers"
    ][0]
    assert container["livenessProbe"]["httpGet"]["path"] == "/health"
    assert container["readinessProbe"]["httpGet"]["path"] == "/ready"


@pytest.mark.parametrize("kind", ["Deployment", "Job"])
def test_workloads_run_non_root_with_resources_set(kubernetes_project: Path, kind: str) -> None:
    pod = resources_by_kind(kubernetes_project)[kind]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
    assert {"cpu", "memory"} <= set(container["resources"]["requests"])
    assert "memory" in container["resources"]["limits"]


def test_autoscaler_targets_the_deployment(kubernetes_project: Path) -> None:
    resources = resources_by_kind(kubernetes_project)
    target = resources["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == (
        "Deployment",
        resources["Deployment"]["metadata"]["name"],
    )


def test_service_selects_the_deployment_pods(kubernetes_project: Path) -> None:
    resources = resources_by_kind(kubernetes_project)
    pod_labels = resources["Deployment"]["spec"]["template"]["metadata"]["labels"]
    selector = resources["Service"]["spec"]["selector"]
    assert selector.items() <= pod_labels.items()
