"""An LLM proxy that records every call it relays (MON001): LiteLLM's proxy config
`litellm_settings.success_callback: ["langfuse"]` sends each prompt and answer to a
tracker, for every service that calls a model through it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mlops_scaffold.doctor.checks.base import (
    FilesContaining,
    TextOf,
)
from mlops_scaffold.doctor.content_hints import content_hints

YamlOf = Callable[[str], Any]
# LiteLLM's logging integrations that keep each call's input and output as a record (a
# tracer, a tracker, a bucket, a table); `prometheus` counts calls and `sentry` reports
# errors, neither records the calls.
RECORDING_CALLBACKS = frozenset(
    {
        "langfuse",
        "langfuse_otel",
        "langsmith",
        "helicone",
        "lunary",
        "mlflow",
        "arize",
        "arize_phoenix",
        "opik",
        "braintrust",
        "logfire",
        "athina",
        "literalai",
        "galileo",
        "humanloop",
        "otel",
        "datadog_llm_observability",
        "s3",
        "s3_v2",
        "gcs_bucket",
        "azure_storage",
        "dynamodb",
        "supabase",
    }
)
CALLBACK_KEYS = ("success_callback", "callbacks")
PROXY_HINTS = content_hints("litellm_settings", within=("*.yml", "*.yaml"))
# Files that run a proxy with its config: compose files, manifests, scripts, task files
# (asked only of a repository with a proxy config that records calls).
LAUNCH_HINTS = content_hints(
    "litellm", within=("*.yml", "*.yaml", "*.sh", "Makefile", "justfile"), on_demand=True
)


def recording_proxy(
    files_containing: FilesContaining, text: TextOf, load_yaml: YamlOf
) -> str | None:
    """A LiteLLM proxy config whose callbacks record every call (`success_callback:
    ["langfuse"]`) and that another file of the repository runs (a compose service that
    mounts it, `litellm --config infra/litellm/config.yml`), as `config: callback`."""
    for rel in files_containing(PROXY_HINTS):
        document = load_yaml(rel)
        settings = document.get("litellm_settings") if isinstance(document, dict) else None
        if not isinstance(settings, dict):
            continue
        named: list[Any] = []
        for key in CALLBACK_KEYS:
            value = settings.get(key)
            named += value if isinstance(value, list) else [value]
        recording = [c for c in named if isinstance(c, str) and c.lower() in RECORDING_CALLBACKS]
        if recording and _launched(rel, files_containing, text):
            return f"{rel}: the LLM proxy records every call ({recording[0]})"
    return None


def _launched(config: str, files_containing: FilesContaining, text: TextOf) -> bool:
    """Whether another file names the config by its folder and name (`litellm/config.yml`)
    or, for a config at the root, by its name."""
    tail = "/".join(config.split("/")[-2:])
    return any(tail in (text(rel) or "") for rel in files_containing(LAUNCH_HINTS) if rel != config)
