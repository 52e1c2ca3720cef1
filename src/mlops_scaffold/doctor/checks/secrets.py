"""SEC: no credentials in the repository."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import PurePosixPath

from mlops_scaffold.doctor.checks.base import (
    BytesOf,
    Check,
    FilesContaining,
    Hit,
    Outcome,
    content_hints,
)

# (what it looks like, literal pieces one of which every match contains, its format):
# a file is searched for a format only when it contains one of that format's pieces.
SECRET_FORMATS: tuple[tuple[str, tuple[bytes, ...], re.Pattern[bytes]], ...] = tuple(
    (label, markers, re.compile(pattern))
    for label, markers, pattern in (
        ("an AWS access key id", (b"AKIA", b"ASIA"), rb"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
        (
            "a private key",
            (b"PRIVATE KEY-----",),
            rb"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY-----",
        ),
        (
            "a GitHub token",
            (b"ghp_", b"gho_", b"ghu_", b"ghs_", b"ghr_", b"github_pat_"),
            rb"\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{60,}\b",
        ),
        ("a Slack token", (b"xox",), rb"\bxox[abprs]-[0-9A-Za-z-]{10,}"),
        ("a Google API key", (b"AIza",), rb"\bAIza[0-9A-Za-z_-]{35}\b"),
        (
            "an OpenAI API key",
            (b"T3BlbkFJ",),
            rb"\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}",
        ),
        ("a Hugging Face token", (b"hf_",), rb"\bhf_[A-Za-z]{34}\b"),
        ("a Stripe live key", (b"k_live_",), rb"\b[rs]k_live_[0-9a-zA-Z]{24,}"),
    )
)
MARKERS = content_hints(*(marker for _, pieces, _ in SECRET_FORMATS for marker in pieces))
ENV_FILE = re.compile(r"^\.env(?:\.[\w-]+)?$")
SAFE_ENV_SUFFIXES = (".example", ".sample", ".template", ".dist", ".default", ".defaults")
ASSIGNMENT = re.compile(
    rb"^\s*(?:export\s+)?[A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD)[A-Z0-9_]*\s*=\s*(\S.*)$", re.M
)
# A value that stands for a secret rather than being one: `<your-api-key>`, `changeme`...
PLACEHOLDER = re.compile(
    rb"(?i)^['\"]?(?:<[^>]*>|\$\{?\w+\}?|\{\{.*\}\}|x{3,}|\*{3,}|\.{3}|changeme|change_me|"
    rb"your[-_ ]?\w*|replace[-_ ]?me|todo|none|null|secret|password|token|example\w*|dummy\w*)"
)
# A secret-named variable, argument or key assigned a string literal in Python code.
CODE_SECRET = re.compile(
    r"(?i)\b\w*(?:password|passwd|secret|token|api_?key|access_?key|private_?key)\w*['\"]?"
    r"\s*[:=]\s*[rb]?(['\"])([^'\"\s]{20,})\1"
)
# The same in configuration files (INI, YAML, TOML): `secret_access_key = fClX...`.
CONFIG_SECRET = re.compile(
    r"(?im)^[ \t]*[\w.-]*(?:password|passwd|secret|token|api_?key|access_?key|private_?key)"
    r"[\w.-]*['\"]?[ \t]*[:=][ \t]*(['\"]?)([^'\"\s#]{20,})\1[ \t]*$"
)
CONFIG_FILE = re.compile(r"(?i)\.(?:ini|cfg|conf|toml|ya?ml|json|properties)$|^config(?:[._-]|$)")
CODE_SECRET_HINTS = content_hints(
    b"password", b"PASSWORD", b"Password", b"secret", b"SECRET", b"token", b"TOKEN"
)
CODE_SECRET_HINTS += content_hints(b"api_key", b"API_KEY", b"apikey", b"ApiKey", b"Secret")
MIN_ENTROPY_BITS = 3.5  # per character: random hex is ~4, base64 ~6, English ~3


class SEC001(Check):
    """Reads every text file under 2 MB and reports AWS key ids, private keys, GitHub,
    Slack, Google, OpenAI, Hugging Face and Stripe tokens (documented example keys
    excepted), `.env` files that assign a KEY, TOKEN, SECRET or PASSWORD a value that is
    not a placeholder (`<your-api-key>`, `changeme`; `.env.example` / `.env.default` are
    templates), and secret-named variables, arguments or configuration keys assigned a
    random-looking literal of 20 characters or more (digits and both cases of letters,
    or 32+ hex digits) in Python code or configuration files (`DB_PASSWORD = "..."`,
    `api_key="..."`, `secret_access_key = ...` in an INI file)."""

    @staticmethod
    def check(
        files: tuple[str, ...], files_containing: FilesContaining, read_bytes: BytesOf
    ) -> Outcome:
        candidates = set(files_containing(MARKERS + CODE_SECRET_HINTS))
        hits = []
        for rel in files:
            if rel not in candidates and not ENV_FILE.match(rel.rsplit("/", 1)[-1]):
                continue
            content = read_bytes(rel)
            if content is None:
                continue
            name = PurePosixPath(rel).name
            is_env_file = ENV_FILE.match(name) and not name.endswith(SAFE_ENV_SUFFIXES)
            if is_env_file:
                for match in ASSIGNMENT.finditer(content):
                    if PLACEHOLDER.match(match.group(1).strip()):
                        continue
                    line = content.count(b"\n", 0, match.start()) + 1
                    hits.append(Hit(rel, line, "a .env file with a secret is committed"))
                    break
            if rel.endswith(".py"):
                hits += _secrets_in(CODE_SECRET, rel, content.decode("utf-8", "replace"))
            elif CONFIG_FILE.search(name):
                hits += _secrets_in(CONFIG_SECRET, rel, content.decode("utf-8", "replace"))
            for label, markers, pattern in SECRET_FORMATS:
                if not any(marker in content for marker in markers):
                    continue
                for match in pattern.finditer(content):
                    if b"EXAMPLE" not in match.group(0):
                        line = content.count(b"\n", 0, match.start()) + 1
                        hits.append(Hit(rel, line, f"looks like {label}"))
        return hits


def _secrets_in(pattern: re.Pattern[str], rel: str, text: str) -> list[Hit]:
    """Secret-named names assigned a literal that looks random (high entropy, letters and
    digits mixed, not a placeholder)."""
    hits = []
    for match in pattern.finditer(text):
        value = match.group(2)
        if PLACEHOLDER.match(value.encode()) or not _looks_random(value):
            continue
        line = text.count("\n", 0, match.start()) + 1
        hits.append(Hit(rel, line, "a secret-named variable holds a literal secret"))
    return hits


def _looks_random(value: str) -> bool:
    """Digits with both cases of letters, or 32+ hex digits, and high entropy."""
    mixed = bool(re.search(r"[a-z]", value) and re.search(r"[A-Z]", value))
    hexadecimal = bool(re.fullmatch(r"[0-9a-fA-F]{32,}", value))
    if not re.search(r"\d", value) or not (mixed or hexadecimal):
        return False
    if "/" in value or value.count(".") > 1:
        return False  # a path, a URL or a dotted name
    counts = Counter(value)
    entropy = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    return entropy >= MIN_ENTROPY_BITS
