"""Check a KServe manifest against KServe's own Python SDK models (the `kserve` package).

The SDK's models are generated from KServe's OpenAPI spec: each names its fields
(`attribute_map`: Python name -> JSON name) and their types (`openapi_types`), and the
Kubernetes types they embed come from the `kubernetes` client the SDK depends on. A field
that no model declares, or a value of the wrong kind, is a mistake KServe's API server
would refuse (its CRD does not preserve unknown fields).
"""

from __future__ import annotations

import re
from typing import Any

import kserve.models
import kubernetes.client.models

SCALARS: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "bool": (bool,),
    "float": (int, float),
    "object": (object,),
    "datetime": (str,),
}


def model_class(type_name: str) -> Any:
    """The SDK class for a model type name (`V1beta1PredictorSpec`, `V1Container`)."""
    for module in (kserve.models, kubernetes.client.models):
        found = getattr(module, type_name, None)
        if found is not None:
            return found
    raise LookupError(f"no SDK model named {type_name}")


def problems(value: Any, type_name: str, where: str = "") -> list[str]:
    """Every field of `value` that the model `type_name` does not declare, or mistypes."""
    # kserve writes `list[X]` and `dict(str, X)`; newer kubernetes clients `List[X]`, `Dict[str, X]`
    if list_of := re.fullmatch(r"(?i)list\[(.+)\]", type_name):
        if not isinstance(value, list):
            return [f"{where}: a list expected"]
        return [
            p for i, item in enumerate(value) for p in problems(item, list_of[1], f"{where}[{i}]")
        ]
    if dict_of := re.fullmatch(r"(?i)dict(?:\(str, (.+)\)|\[str, (.+)\])", type_name):
        if not isinstance(value, dict):
            return [f"{where}: a mapping expected"]
        item_type = dict_of[1] or dict_of[2]
        return [p for k, item in value.items() for p in problems(item, item_type, f"{where}.{k}")]
    if type_name in SCALARS:
        if isinstance(value, bool) and type_name != "bool" and type_name != "object":
            return [f"{where}: {type_name} expected, got a boolean"]
        ok = isinstance(value, SCALARS[type_name])
        return [] if ok else [f"{where}: {type_name} expected, got {type(value).__name__}"]
    model = model_class(type_name)
    if not isinstance(value, dict):
        return [f"{where}: a {type_name} mapping expected"]
    fields = {json_name: python for python, json_name in model.attribute_map.items()}
    found: list[str] = []
    for key, item in value.items():
        if key not in fields:
            found.append(f"{where}.{key}: {type_name} has no such field")
        else:
            found += problems(item, model.openapi_types[fields[key]], f"{where}.{key}")
    return found


def inference_service_problems(manifest: dict[str, Any]) -> list[str]:
    """What is wrong with an InferenceService manifest, by KServe's SDK models."""
    return problems(manifest, "V1beta1InferenceService")
