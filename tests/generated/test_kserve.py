"""deployment=kserve: a KServe InferenceService beside the kustomize base, valid for KServe.

The InferenceService is checked against KServe's own Python SDK models (every field declared,
every value of its type); the pod it runs, against the Kubernetes API itself with
kubernetes-validate.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.generated.conftest import in_every_project, run
from tests.generated.kserve_models import inference_service_problems
from tests.generated.test_kubernetes import assert_validates_strictly, resources_by_kind

# The predictor's own fields (KServe's ComponentExtensionSpec); the rest of it is a PodSpec.
KSERVE_FIELDS = {"minReplicas", "maxReplicas", "scaleMetric", "scaleTarget"}


def inference_service(project: Path) -> dict:
    path = project / "deploy" / "kserve" / "inferenceservice.yaml"
    return yaml.safe_load(path.read_text("utf-8"))


def predictor_container(project: Path) -> dict:
    return inference_service(project)["spec"]["predictor"]["containers"][0]


def test_no_inference_service_without_kserve(kubernetes_project: Path) -> None:
    assert not (kubernetes_project / "deploy" / "kserve").exists()


def test_kserve_keeps_the_kustomize_base_beside_it(kserve_project: Path) -> None:
    assert (kserve_project / "deploy" / "k8s" / "kustomization.yaml").is_file()
    assert (kserve_project / "deploy" / "kserve" / "kustomization.yaml").is_file()


def test_inference_service_validates_against_kserve_sdk_models(every_project: Path) -> None:
    files = in_every_project(every_project, "deploy/kserve/inferenceservice.yaml")
    assert files
    for rel in files:
        manifest = yaml.safe_load((every_project / rel).read_text("utf-8"))
        assert manifest["apiVersion"] == "serving.kserve.io/v1beta1"
        assert manifest["kind"] == "InferenceService"
        assert inference_service_problems(manifest) == [], rel


def test_the_check_refuses_a_field_kserve_does_not_have(kserve_project: Path) -> None:
    manifest = inference_service(kserve_project)
    manifest["spec"]["predictor"]["minReplica"] = 2
    manifest["spec"]["predictor"]["maxReplicas"] = "six"
    assert inference_service_problems(manifest) == [
        ".spec.predictor.maxReplicas: int expected, got str",
        ".spec.predictor.minReplica: V1beta1PredictorSpec has no such field",
    ]


def test_predictor_pod_validates_strictly(kserve_project: Path, tmp_path: Path) -> None:
    predictor = inference_service(kserve_project)["spec"]["predictor"]
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "predictor"},
        "spec": {k: v for k, v in predictor.items() if k not in KSERVE_FIELDS},
    }
    (tmp_path / "pod.yaml").write_text(yaml.safe_dump(pod), encoding="utf-8")
    assert_validates_strictly(["pod.yaml"], tmp_path)


def test_probes_are_the_open_inference_protocol_health_routes(kserve_project: Path) -> None:
    container = predictor_container(kserve_project)
    port = container["ports"][0]["containerPort"]
    assert container["livenessProbe"]["httpGet"] == {"path": "/v2/health/live", "port": port}
    assert container["readinessProbe"]["httpGet"] == {"path": "/v2/health/ready", "port": port}
    env = {item["name"]: item["value"] for item in container["env"]}
    assert env["PORT"] == str(port)


def test_predictor_runs_the_serving_image_of_the_kustomize_base(kserve_project: Path) -> None:
    container = predictor_container(kserve_project)
    deployment = resources_by_kind(kserve_project)["Deployment"]
    assert container["name"] == "kserve-container"
    assert container["image"] == deployment["spec"]["template"]["spec"]["containers"][0]["image"]


def test_predictor_autoscales_on_cpu_with_requests_set(kserve_project: Path) -> None:
    predictor = inference_service(kserve_project)["spec"]["predictor"]
    assert 2 <= predictor["minReplicas"] <= predictor["maxReplicas"]
    assert (predictor["scaleMetric"], predictor["scaleTarget"]) == ("cpu", 70)
    resources = predictor["containers"][0]["resources"]
    assert {"cpu", "memory"} <= set(resources["requests"])
    assert "memory" in resources["limits"]


def test_image_override_reaches_the_predictor(kserve_project: Path, tmp_path: Path) -> None:
    """`kustomize edit set image`, as the kustomization's comment says, retags the predictor."""
    kustomize, kubectl = shutil.which("kustomize"), shutil.which("kubectl")
    if kustomize is None and kubectl is None:
        pytest.skip("neither kustomize nor kubectl is installed on this machine")
    image = predictor_container(kserve_project)["image"].split(":")[0]
    shutil.copytree(kserve_project / "deploy" / "kserve", tmp_path / "base")
    overlay = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "resources": ["../base"],
        "images": [{"name": image, "newName": "registry.example/demo-serve", "newTag": "1.2.3"}],
    }
    (tmp_path / "overlay").mkdir()
    (tmp_path / "overlay" / "kustomization.yaml").write_text(yaml.safe_dump(overlay), "utf-8")
    command = [kustomize, "build"] if kustomize else [kubectl, "kustomize"]
    built = run([*command, "overlay"], cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    service = yaml.safe_load(built.stdout)
    container = service["spec"]["predictor"]["containers"][0]
    assert container["image"] == "registry.example/demo-serve:1.2.3"
    assert service["metadata"]["labels"]["app.kubernetes.io/part-of"]
