"""SEC: no credentials in the repository."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from mlops_scaffold.doctor.checks.base import Check, Hit, Outcome

# Formats with a distinctive prefix, so a match is almost never a false alarm.
SECRET = re.compile(
    rb"(?P<aws>\b(?:AKIA|ASIA)[0-9A-Z]{16}\b)"
    rb"|(?P<private_key>-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY-----)"
    rb"|(?P<github>\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{60,}\b)"
    rb"|(?P<slack>\bxox[abprs]-[0-9A-Za-z-]{10,})"
    rb"|(?P<google>\bAIza[0-9A-Za-z_-]{35}\b)"
    rb"|(?P<openai>\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})"
    rb"|(?P<huggingface>\bhf_[A-Za-z]{34}\b)"
    rb"|(?P<stripe>\b[rs]k_live_[0-9a-zA-Z]{24,})"
)
LABELS = {
    "aws": "an AWS access key id",
    "private_key": "a private key",
    "github": "a GitHub token",
    "slack": "a Slack token",
    "google": "a Google API key",
    "openai": "an OpenAI API key",
    "huggingface": "a Hugging Face token",
    "stripe": "a Stripe live key",
}
ENV_FILE = re.compile(r"^\.env(?:\.[\w-]+)?$")
SAFE_ENV_SUFFIXES = (".example", ".sample", ".template", ".dist")
ASSIGNMENT = re.compile(
    rb"^\s*(?:export\s+)?[A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD)[A-Z0-9_]*\s*=\s*\S", re.M
)


class SEC001(Check):
    """Reads every text file under 2 MB and reports AWS key ids, private keys, GitHub,
    Slack, Google, OpenAI, Hugging Face and Stripe tokens (documented example keys
    excepted), and `.env` files that assign a KEY, TOKEN, SECRET or PASSWORD."""

    @staticmethod
    def check(files: tuple[str, ...], read_bytes: Callable) -> Outcome:
        hits = []
        for rel in files:
            content = read_bytes(rel)
            if content is None:
                continue
            name = PurePosixPath(rel).name
            is_env_file = ENV_FILE.match(name) and not name.endswith(SAFE_ENV_SUFFIXES)
            if is_env_file and (match := ASSIGNMENT.search(content)) is not None:
                line = content.count(b"\n", 0, match.start()) + 1
                hits.append(Hit(rel, line, "a .env file with a secret is committed"))
            for match in SECRET.finditer(content):
                if b"EXAMPLE" in match.group(0):
                    continue
                line = content.count(b"\n", 0, match.start()) + 1
                hits.append(Hit(rel, line, f"looks like {LABELS[match.lastgroup or 'aws']}"))
        return hits
