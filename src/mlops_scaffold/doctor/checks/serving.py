"""SERVE: the model is a service with health endpoints, loading nothing that runs code."""

from __future__ import annotations

import re

from mlops_scaffold.doctor.checks.base import (
    Check,
    FilesContaining,
    Hit,
    Outcome,
    TextOf,
    content_hints,
    line_of,
    mentions,
)

HEALTH_ROUTE = re.compile(
    r"""['"]/(?:health|healthz|livez|readyz|ready|readiness|liveness|ping)\b"""
)
UNSAFE_LOAD = re.compile(
    r"\b(?:pickle|cloudpickle|dill|joblib)\.loads?\(|\bread_pickle\(|\btorch\.load\((?![^)]*weights_only\s*=\s*True)"
)
UNSAFE_HINTS = content_hints("pickle", "joblib", "dill", "torch.load")
# Every UNSAFE_LOAD match holds one of these: a cheaper test than the regex.
LOAD_CALLS = (".load", "read_pickle(")
INTEGRITY = re.compile(r"\bhashlib\b|\bsha256\b|\bhmac\b|trusted\s*=")
INTEGRITY_HINTS = ("hashlib", "sha256", "hmac", "trusted")  # every INTEGRITY match holds one


class SERVE001(Check):
    """Passes when a source module (not a test) imports a web framework: FastAPI, Flask,
    Starlette, BentoML, LitServe, KServe, MLServer, Sanic, Falcon or Tornado."""

    @staticmethod
    def check(service_files: list[str]) -> Outcome:
        return bool(service_files)


class SERVE002(Check):
    """Passes when a service module declares a route such as `/health`, `/healthz`,
    `/ready`, `/livez` or `/ping`, or the framework provides one (BentoML, KServe,
    MLServer)."""

    requires = frozenset({"SERVE001"})

    @staticmethod
    def check(service_files: list[str], service_has_batteries: bool, text: TextOf) -> Outcome:
        return service_has_batteries or any(mentions(HEALTH_ROUTE, service_files, text))


class SERVE003(Check):
    """Reports `pickle.load`, `joblib.load`, `cloudpickle`/`dill` loads, `read_pickle` and
    `torch.load` without `weights_only=True` in source modules (not tests) that do not
    also verify a hash (hashlib, sha256, hmac) or pass skops `trusted=` types."""

    @staticmethod
    def check(source_files: list[str], text: TextOf, files_containing: FilesContaining) -> Outcome:
        candidates = set(files_containing(hint.encode() for hint in UNSAFE_HINTS))
        hits = []
        for rel in source_files:
            if rel not in candidates:
                continue
            content = text(rel) or ""
            if not any(hint in content for hint in UNSAFE_HINTS):
                continue
            if not any(call in content for call in LOAD_CALLS):
                continue
            if not UNSAFE_LOAD.search(content) or _verifies_integrity(content):
                continue
            hits += [
                Hit(rel, line_of(content, m.start()), f"{m.group(0)} without an integrity check")
                for m in UNSAFE_LOAD.finditer(content)
            ]
        return hits


def _verifies_integrity(content: str) -> bool:
    return any(hint in content for hint in INTEGRITY_HINTS) and bool(INTEGRITY.search(content))
