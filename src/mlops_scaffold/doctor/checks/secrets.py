"""SEC: no credentials in the repository."""

from __future__ import annotations

import ast
import base64
import binascii
import math
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any, AnyStr

from mlops_scaffold.doctor.checks.base import (
    BytesOf,
    Check,
    FilesMatching,
    Hit,
    LinesContaining,
    Outcome,
    TextOf,
    line_of,
)
from mlops_scaffold.doctor.checks.notebooks import cells_of, code_cells
from mlops_scaffold.doctor.content_hints import content_hints, line_hint
from mlops_scaffold.doctor.pycode import calls, parse, without_string_statements
from mlops_scaffold.lazy_pattern import lazy_pattern
from mlops_scaffold.repo.hollow import COMMENTS_ONLY
from mlops_scaffold.repo.listing import lines_holding
from mlops_scaffold.repo.parsers import Dockerfile
from mlops_scaffold.repo.required_text import line_superset, perl_literal

PRIVATE_KEY = "a private key"
ENCODED_KEY = "a base64-encoded private key"
AWS_KEY_ID = "an AWS access key id"
# (what it looks like, literal pieces one of which every match contains, its format):
# a file is searched for a format only when it contains one of that format's pieces.
SECRET_FORMATS: tuple[tuple[str, tuple[bytes, ...], re.Pattern[bytes]], ...] = tuple(
    (label, markers, lazy_pattern(pattern))
    for label, markers, pattern in (
        (AWS_KEY_ID, (b"AKIA", b"ASIA"), rb"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
        (
            PRIVATE_KEY,
            (b"PRIVATE KEY-----",),
            rb"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY-----",
        ),
        (
            "a GitHub token",
            (b"ghp_", b"gho_", b"ghu_", b"ghs_", b"ghr_", b"github_pat_"),
            rb"\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{60,}\b",
        ),
        (  # `xox` alone is in every base64 megabyte: notebooks' images would be scanned
            "a Slack token",
            tuple(b"xox%c-" % kind for kind in b"abprs"),
            rb"\bxox[abprs]-[0-9A-Za-z-]{10,}",
        ),
        ("a Google API key", (b"AIza",), rb"\bAIza[0-9A-Za-z_-]{35}\b"),
        (
            "an OpenAI API key",
            (b"T3BlbkFJ",),
            rb"\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}",
        ),
        ("a Hugging Face token", (b"hf_",), rb"\bhf_[A-Za-z]{34}\b"),
        (  # a kubeconfig's user: `token: eyJhbGciOi...`, a service account's bearer JWT
            "a Kubernetes bearer token",
            (b"token: eyJ", b"token: 'eyJ", b'token: "eyJ'),
            rb"\btoken:[ \t]*['\"]?eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}"
            rb"\.[A-Za-z0-9_-]{20,}",
        ),
        (  # a kubeconfig's `client-key-data:`: a PEM private key in base64, whose first
            # characters encode "-----BEGIN" (a certificate's, public, does too: see
            # `_encodes_a_private_key`)
            ENCODED_KEY,
            (b"LS0tLS1CRUdJTi",),
            rb"\bLS0tLS1CRUdJTi[A-Za-z0-9+/]{200,}={0,2}",
        ),
        ("a Stripe live key", (b"k_live_",), rb"\b[rs]k_live_[0-9a-zA-Z]{24,}"),
        ("an Anthropic API key", (b"sk-ant-api03-",), rb"\bsk-ant-api03-[\w-]{93}AA(?![\w-])"),
        (  # a run of one character (`glpat-xxxxxxxxxxxxxxxxxxxx`) is a placeholder
            "a GitLab token",
            (b"glpat-",),
            rb"\bglpat-(?![\w-]*?([\w-])\1{7})[\w-]{20,}",
        ),
        ("a Databricks token", (b"dapi",), rb"\bdapi[a-h0-9]{32}(?:-\d)?\b"),
        (  # Microsoft Entra ID (Azure AD) app's client secret: three characters, a digit, Q~
            "an Azure AD client secret",
            (b"Q~",),
            rb"(?<![\w~.-])[\w~.-]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])",
        ),
        ("a PyPI upload token", (b"pypi-AgEIcHlwaS5vcmc",), rb"\bpypi-AgEIcHlwaS5vcmc[\w-]{50,}"),
        # URLs that carry their own credential: whoever holds one posts to the channel or
        # starts a deployment (the `credential` group: a placeholder there is none)
        (
            "a Discord webhook URL with its token",
            (b"discord.com/api/webhooks/", b"discordapp.com/api/webhooks/"),
            rb"\bdiscord(?:app)?\.com/api/webhooks/\d{15,}/(?P<credential>[\w-]{60,})",
        ),
        (
            "a Slack webhook URL with its token",
            (b"hooks.slack.com/services/",),
            rb"\bhooks\.slack\.com/services/T\w{6,}/B\w{6,}/(?P<credential>\w{20,})",
        ),
        (
            "a Render deploy hook URL with its key",
            (b"api.render.com/deploy/",),
            rb"\bapi\.render\.com/deploy/srv-\w+\?key=(?P<credential>[\w-]{8,})",
        ),
        # a self-hosted GitHub Actions runner's registration token, as GitHub's setup page
        # prints it (`./config.sh --url https://github.com/o/r --token ANJU2HIW...`)
        (
            "a GitHub Actions runner registration token",
            (b"--token",),
            rb"\bconfig\.(?:sh|cmd)[ \t]+--url[ \t]+https://github\.com/\S+[ \t]+--token[ \t]+"
            rb"(?P<credential>[A-Z0-9]{29})\b",
        ),
        # W&B's API key given to `wandb.login` as a literal (40 hexadecimal digits), or
        # to its command line (`RUN wandb login 0f67...` in a Dockerfile)
        ("a W&B API key", (b"login(key=",), rb"\blogin\(key=['\"][0-9a-f]{40}['\"]"),
        (
            "a W&B API key",
            (b"wandb login",),
            rb"\bwandb[ \t]+login[ \t]+(?:--?[\w-]+[ \t]+)*['\"]?(?P<credential>[0-9a-f]{40})\b",
        ),
        # a .netrc entry's password of 40 hexadecimal digits, as `wandb login` writes W&B's
        # API key there (`machine api.wandb.ai` / `login user` / `password 6a4e...`)
        (
            "a .netrc password (a W&B API key)",
            (b"password ", b"password\t"),
            rb"^[ \t]*password[ \t]+(?P<credential>[0-9a-f]{40})[ \t]*$",
        ),
        # a user name paired with a key of 32 hexadecimal digits: the credential file an
        # API client reads (Kaggle's kaggle.json), written out or escaped in a notebook
        (  # also under Kaggle's environment variables' names (KAGGLE_USERNAME, KAGGLE_KEY)
            "an API user name with its key",
            (b'"username"', b'\\"username\\"', b"KAGGLE_USERNAME"),
            rb'\\?"(?:username|KAGGLE_USERNAME)\\?"\s*:\s*\\?"[^"\\]+\\?"\s*,\s*'
            rb'\\?"(?:key|KAGGLE_KEY)\\?"\s*:\s*\\?"(?P<credential>[0-9a-f]{32})\\?"',
        ),
    )
)
# The formats whose every match starts with one of their markers (`\bAIza...`), not
# with text before it (`-----BEGIN RSA PRIVATE KEY-----`, `sk-...T3BlbkFJ...`, `sk_live_`).
STARTS_AT_MARKER = frozenset(
    {
        "an AWS access key id",
        "a GitHub token",
        "a Slack token",
        "a Google API key",
        "a Hugging Face token",
        "an Anthropic API key",
        "a GitLab token",
        "a Databricks token",
        "a PyPI upload token",
        "a Discord webhook URL with its token",
        "a Slack webhook URL with its token",
        "a Render deploy hook URL with its key",
        "a W&B API key",
        ENCODED_KEY,
    }
)
# The lines git prints for the markers: those a format can match on (its pattern without
# word boundaries and look-arounds, or its markers when that cannot be had). A four-letter
# marker (`AKIA`, `AIza`, `dapi`) occurs every few hundred kB of base64, and a notebook's
# image is one such line: git printed a megabyte of them on a repository of notebooks.


def _line_shapes(pattern: re.Pattern[bytes], pieces: tuple[bytes, ...]) -> tuple[str, ...]:
    """The Perl patterns git looks for a format with: its line superset, else its markers."""
    superset = line_superset(pattern.pattern.decode())
    if superset is not None:
        return (superset,)
    return tuple(perl_literal(piece.decode()) for piece in pieces)


SECRET_SHAPES = tuple(
    shape for _, pieces, pattern in SECRET_FORMATS for shape in _line_shapes(pattern, pieces)
)
MARKERS = content_hints(
    *(marker for _, pieces, _ in SECRET_FORMATS for marker in pieces), shapes=SECRET_SHAPES
)
ENV_FILE = lazy_pattern(r"^\.env(?:\.[\w-]+)?$")
# An environment file under another name (`example.env`, `docker/app.env`): like a
# `.env.example`, its values are examples, unless one looks random (an issued key).
OTHER_ENV_FILE = lazy_pattern(r"^[\w.-]+\.env$")
SAFE_ENV_SUFFIXES = (".example", ".sample", ".template", ".dist", ".default", ".defaults")
# The value stays on the assignment's line: `HF_TOKEN=` left empty assigns nothing (the
# next line's comment is no value).
ASSIGNMENT = lazy_pattern(
    rb"^[ \t]*(?:export[ \t]+)?[A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD)[A-Z0-9_]*"
    rb"[ \t]*=[ \t]*(\S.*)$",
    re.M,
)
# A value that stands for a secret rather than being one: `<your-api-key>`, `changeme`...
PLACEHOLDER = lazy_pattern(
    rb"(?i)^['\"]?(?:<[^>]*>|\$\{?\w+\}?|\{\{.*\}\}|x{3,}|\*{3,}|\.{3}|changeme|change_me|"
    rb"your[-_ ]?\w*|replace[-_ ]?me|todo|none|null|secret|password|token|example\w*|dummy\w*)"
)
# A secret-named variable, argument or key assigned a string literal in Python code
# (matched from the secret word on: a leading `\w*` would make every search slow).
# A key is a secret when its name says what it keys: an API, an access, a private key,
# or a cipher or signature (`FERNET_KEY`, `SIGNING_KEY`), not a cache or sort key.
# An account key signs for a storage account (Azure's `AccountKey=`, Spark's
# `fs.azure.account.key.<account>...`); the kind and `key` may be joined by `_`, `.`, `-`.
KEY_KINDS = (
    "api",
    "access",
    "private",
    "fernet",
    "signing",
    "encryption",
    "hmac",
    "jwt",
    "account",
)
KEY_JOINTS = ("", "_", ".", "-")
SECRET_WORDS: tuple[str, ...] = ("password", "passwd", "passphrase", "secret", "token")
SECRET_WORDS += tuple(kind + joint + "key" for kind in KEY_KINDS for joint in KEY_JOINTS)
# Every secret word holds one of these pieces (the keys all end in "key"): a text is
# scanned for each piece, not for each of the 21 words (a megabyte of JSON data 4 times).
SECRET_WORD_PIECES: dict[str, tuple[str, ...]] = {
    piece: tuple(word for word in SECRET_WORDS if piece in word)
    for piece in ("pass", "secret", "token", "key")
}
SECRET_WORD_HINT = (
    rf"(?:password|passwd|passphrase|secret|token|(?:{'|'.join(KEY_KINDS)})[_.-]?key)"
)
# A token is no tokenizer: `tokenizer_config.json`, `tokenize_fn` name a text model's
# parts, never a credential (the hint above, for git's search, keeps the plain word).
SECRET_WORD = SECRET_WORD_HINT.replace("token|", "token(?!i[sz])|")
# A quoted name is a key: of a mapping (`os.environ["DB_PASSWORD"] = "..."`, `{"token":
# "..."}`) or of a call that sets one (`os.environ.setdefault("API_TOKEN", "...")`).
CODE_SECRET = lazy_pattern(
    rf"(?i){SECRET_WORD}[\w.-]*(?:['\"]\]?\s*[:=,]|\s*[:=])\s*[rb]?(['\"])([^'\"\s]{{20,}})\1"
)
# The same in configuration files (INI, YAML, TOML): `secret_access_key = fClX...`.
CONFIG_SECRET = lazy_pattern(
    rf"(?im){SECRET_WORD}[\w.-]*['\"]?[ \t]*[:=][ \t]*(['\"]?)([^'\"\s#]{{20,}})\1[ \t]*$"
)
# A line both patterns above can match on: what git searches first (a match that spans
# lines, `password = (\n "..."`, is missed). Not in notebooks: their code cells, parsed
# for other checks anyway, are searched in Python, and git would read every megabyte of
# base64 outputs (half the search's cost on a repository of a dozen notebooks).
# Files whose secret-named keys are read (and those under a folder named config*).
CONFIG_SUFFIXES = (
    ".ini",
    ".cfg",
    ".conf",
    ".toml",
    ".yaml",
    ".yml",
    ".json",
    ".properties",
    ".tfvars",
)
ASSIGNED_LITERAL = line_hint(
    rf"(?i){SECRET_WORD_HINT}[\w.-]*\\?['\"]?\]?[ \t]*[:=,][ \t]*[rb]?\\?['\"]?[^'\"\s]{{20,}}",
    within=tuple(f":(icase)*{suffix}" for suffix in (".py", *CONFIG_SUFFIXES, "config*")),
)
# A password-named key assigned a shorter literal (8-19 characters) that still looks drawn
# at random, not made up (`"password": "GIaP0A5wA1L4"`): read as CODE_SECRET is.
PASSWORD_WORD = r"(?:password|passwd|passphrase)"
CODE_PASSWORD = lazy_pattern(
    rf"(?i){PASSWORD_WORD}\w{{0,40}}(?:['\"]\]?\s*[:=,]|\s*[:=])\s*[rb]?(['\"])([^'\"\s]{{8,19}})\1"
)
# The words of the passwords people make up for a local stack (`Passw0rd`, `Admin123`,
# `ConfirmedP@ss1`).
MADE_UP_PASSWORD = lazy_pattern(
    r"(?i)p[a@4][s$5]{2}|pwd|word|admin|root|user|test|demo|example|default|qwe|abc|xyz|123"
)
SHORT_PASSWORD = line_hint(
    rf"(?i){PASSWORD_WORD}[\w.-]{{0,40}}\\?['\"]?\]?[ \t]*[:=,][ \t]*"
    r"[rb]?\\?['\"][^'\"\s]{8,19}['\"]",
    within=(":(icase)*.py",),  # notebooks: their code cells, in Python (see above)
)
# Credentials in a connection URL (`mysql://user:s3cret@203.0.113.7:3306/db`) to a host
# outside the machine or its compose network: a host name with a dot or a public address.
# (Bounded repeats: a scheme or a part of an URL is short, and the search stays linear in a
# megabyte of base64 or minified text.)
URL_CREDENTIALS = lazy_pattern(
    r"\b[a-z][\w+.-]{0,20}://([^/\s:@'\"]{1,100}):([^/\s@'\"]{1,100})@([^/\s:'\"?#]{1,255})"
)
URL_WITH_CREDENTIALS = line_hint(
    r"\b[a-z][\w+.-]{0,20}://[^/\s:@'\"]{1,100}:[^/\s@'\"]{1,100}@[^/\s:'\"?#]{1,255}\.",
    within=tuple(f":(icase)*{suffix}" for suffix in (".py", ".md", ".sh", *CONFIG_SUFFIXES)),
)
# What a URL's host or password is when it stands for a local or a made-up one.
LOCAL_HOST = lazy_pattern(
    r"(?i)^(?:localhost|127\.|0\.0\.0\.0|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.)"
    r"|\.(?:local|localhost|internal|svc|test|example|invalid)$|(?:^|\.)example\.(?:com|org|net)$"
)
INTERPOLATED = lazy_pattern(r"[{}$%<>*]|^\.\.\.$")
# A secret-named environment variable set in documentation or a shell script (`docker run
# -e DAGSHUB_PAT=...`, `export API_TOKEN=...`, `api_key=...`): names in either case, a
# personal access token (`_PAT`, upper case) among them, with a random-looking value
# (read as in configuration files).
DOC_SUFFIXES = (".md", ".rst", ".sh")
SHELL_NAME = (
    r"(?i:[A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|FERNET_KEY)[A-Z0-9_]*)"
    r"|[A-Z0-9_]*_PAT[A-Z0-9_]*"  # upper case only: `_PAT`, not `data_path`
)
# (a backquote ends the value: Markdown's inline code, a shell's command substitution).
# A URL's query parameter (`?secret=...`, `&X-Amz-Security-Token=...`) is no variable: a
# link's signature or a badge's token, the third party's and short-lived.
SHELL_SECRET = lazy_pattern(rf"(?<![?&./-])\b({SHELL_NAME})=(['\"]?)([^'\"\s`]{{20,}})\2")
# (`\b` first: a search that may start at every character of a long line of letters
# tries one start per word, not one per character.)
SHELL_ASSIGNED = line_hint(
    rf"\b(?:{SHELL_NAME})=['\"]?[^'\"\s]{{20,}}",
    within=tuple(f"*{suffix}" for suffix in DOC_SUFFIXES),
    only_within=True,  # `check` reads it in DOC_SUFFIXES files only
)
# A Dockerfile's `ENV NAME=value` / `ARG NAME=default` (either case: an ARG is often
# lower case), and the legacy `ENV NAME value` form, one name a line after joining.
IMAGE_SECRET_NAME = lazy_pattern(
    r"(?i)^[A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|_PAT)[A-Z0-9_]*$"
)
IMAGE_ASSIGNMENT = lazy_pattern(r"""([\w.-]+)=(?:"([^"]*)"|'([^']*)'|(\S*))""")
# A secret word inside `${NAME...}`: the name of an environment variable read there (with
# a local default, `${DB_PASSWORD:-hunter2}`), no assignment of a secret.
REFERENCE_OPENED = lazy_pattern(r"\$\{\w*$")
MAX_NAME = 100
MIN_ENTROPY_BITS = 3.5  # per character: random hex is ~4, base64 ~6, English ~3
# Symbols beyond a slug's `-_.` (Django draws keys from `a-z0-9!@#$%^&*(-_=+)`); a value
# of one letter case needs them and more entropy to pass for random.
KEY_SYMBOL = lazy_pattern(r"[!@#$%^&*()=+]")
MIN_SYMBOLS_ENTROPY_BITS = 4.5
# A key of digits and letters of one case (lower or upper): 24 characters or more, with
# at least 4 of each, and the entropy of random draws (words run together stay under 4).
ONE_CASE_KEY = lazy_pattern(r"[a-z0-9]{24,}|[A-Z0-9]{24,}")
MIN_ONE_CASE_PART = 4
MIN_ONE_CASE_ENTROPY_BITS = 4.2
# A key id a presigned URL carries (`?X-Amz-Credential=ASIA...`, SigV2 `AWSAccessKeyId=`):
# the URL holds a signature that expires, not the secret key.
PRESIGNED = lazy_pattern(rb"(?:X-Amz-Credential|AWSAccessKeyId)=$")
# A private key written on one line (a JSON or YAML string with `\n` escapes) whose body
# is no key material, a placeholder instead (`-----BEGIN PRIVATE KEY-----\nyour_private_key
# \n-----END...`): what follows the header's escaped newline is not a run of base64.
PLACEHOLDER_KEY_BODY = lazy_pattern(rb"\\n(?![A-Za-z0-9+/=]{40})")
# A line of a key's body, below its header: base64, after a comment's marks, an indent or
# a quote (PEM's encryption headers, `Proc-Type: 4,ENCRYPTED`, come first: a few lines).
KEY_BODY_LINE = lazy_pattern(r"[\s#/*;'\"]*(?:([A-Za-z0-9+/]{40})|Proc-Type:)")
KEY_BODY_RUN = 40  # characters of a body read to tell a mask
KEY_BODY_LINES = 3
# A URL's credential made of so few symbols is a mask (`XXXX`, `0000`), not a token.
MAX_PLACEHOLDER_SYMBOLS = 2
# An AWS key id's 16 characters drawn at random hold a dozen different ones; four or fewer
# are a mask typed to fill the shape (`AKIAJX7X7X7X7X7X7X7X`).
MIN_MASKED_BODY = 16
MAX_MASK_SYMBOLS = 4
# A vendor's documented sample key says so in its body: AWS's `AKIAIOSFODNN7EXAMPLE`,
# lakeFS's quickstart `AKIAIOSFOLKFSSAMPLES`.
DOCUMENTED_EXAMPLE = lazy_pattern(rb"EXAMPLE|SAMPLE")
# Credentials a vendor publishes for anyone to use: MinIO's public playground
# (`play.min.io`), whose access and secret keys its documentation and SDK examples print.
PUBLISHED_CREDENTIALS = frozenset(
    {"Q3AM3UQ867SPQQA43P2F", "zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG"}
)
# A value that names the secret it stands for (`churnobyl_s3_SECRET_ACCESS_KEY`): a word
# of a secret's name between `_` or `-`, which no generated key spells out.
NAMES_A_SECRET = lazy_pattern(r"(?i)(?:^|[_-])(?:secret|key|token|password|passwd)(?:$|[_-])")
# A .env value a local stack makes up (`123456789`, `mlflow`, `minio_user`, `admin123`):
# digits alone, or lower-case words and then digits, short; a generated secret mixes them
# or is longer. Only for the passwords and keys whoever sets the stack up chooses: a token
# or an API key is issued.
ISSUED = lazy_pattern(rb"(?i)TOKEN|API_?KEY")
THROWAWAY = lazy_pattern(
    rb"""^(['"]?)(?:\d{1,15}|(?=[a-z0-9_-]{1,15}\1$)[a-z]+(?:[_-][a-z]+)*\d*)\1$"""
)
# Airflow writes airflow.cfg at its first start with a random webserver `secret_key`, the
# key that signs that one instance's session cookies (a Fernet key, which encrypts the
# connections' passwords, is another matter and is still read).
# A Docker client's login saved in its config.json (`docker login` writes `"auths":
# {"https://index.docker.io/v1/": {"auth": "<base64 of user:password>"}}`).
REGISTRY_AUTH = line_hint(
    r"\"auth\"[ \t]*:[ \t]*\"[A-Za-z0-9+/]{8,}={0,2}\"", within=("*.json",), only_within=True
)
REGISTRY_AUTH_VALUE = lazy_pattern(r'"auth"[ \t]*:[ \t]*"([A-Za-z0-9+/]{8,}={0,2})"')
AIRFLOW_CONFIG = "airflow.cfg"
AIRFLOW_SESSION_KEY = lazy_pattern(r"(?m)^\[webserver\][^\[]*?^secret_key[ \t]*=")


class SEC001(Check):
    """Reads every text file under 2 MB and reports AWS key ids, private keys, GitHub, Slack,
    Google, OpenAI, Anthropic, Hugging Face, Stripe, GitLab, Databricks and PyPI tokens, a
    kubeconfig's bearer token (`token: eyJhbGciOi...`, a service account's JWT) and client key
    (`client-key-data: LS0tLS1CRUdJTi...`, a private key in base64; a certificate's is public),
    Azure AD (Entra ID)
    client secrets (`Ab79Q~` and 34 more characters) (documented sample keys excepted: `...EXAMPLE`,
    `...SAMPLES`, and masks whose characters after the prefix are four symbols or fewer repeated,
    `AKIAJX7X7X7X7X7X7X7X`, `ghp_xxxx...`), URLs that carry their own credential (a Discord or Slack
    webhook with its token, a Render deploy hook with its `?key=`: whoever holds one posts to the
    channel or deploys; not a documented placeholder in the token's place,
    `.../T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`, `?key=YOUR_KEY`, a name such as
    `DEPLOY_KEY`), a self-hosted GitHub Actions runner's registration token (`./config.sh --url
    https://github.com/o/r --token ...`), a W&B API key handed to `login(key=...)` or `wandb login`
    as a literal (in a comment too: it is committed all the same) or written as a .netrc entry's
    password (a line `password` and 40 hex digits), a user name paired with a key of 32 hex digits
    (`{"username": ..., "key": ...}`, the credential file an API client such as Kaggle's reads, or
    its variables `"KAGGLE_USERNAME"`, `"KAGGLE_KEY"`), `.env` files that assign a KEY, TOKEN,
    SECRET or PASSWORD a value on its line that is not a placeholder (`<your-api-key>`, `changeme`;
    `HF_TOKEN=` left empty assigns nothing; `.env.example` / `.env.default` are templates, as an env
    file under another name is, `example.env`, `app.env`, reported only for a value that looks
    random, an issued key), and secret-named variables, arguments or configuration keys (a password,
    secret, token, or an API, access, private, Fernet, signing, encryption, HMAC, JWT or storage
    account key, `api_key`, `api.key` or `account-key`) assigned a random-looking literal of 20
    characters or more (digits and both cases of letters, 32+ hex digits or a UUID's, digits,
    letters and symbols as Django's `SECRET_KEY`, or 24+ digits and letters of one case drawn at
    random, `m27jyo2p...`, not words and dates run together) in Python code or configuration files
    (`DB_PASSWORD = "..."`, Spark's `fs.azure.account.key.<account>.dfs.core.windows.net: ...`,
    `api_key="..."`, `os.environ["DB_PASSWORD"] = "..."`, `os.environ.setdefault( "API_TOKEN",
    "...")`, `secret_access_key = ...` in an INI file, `FERNET_KEY: ...` in a compose file),
    notebooks' code and Markdown cells included; placeholders, credentials a vendor publishes for
    anyone (MinIO's public playground's keys) and values read from the environment are not secrets
    (nor the default of a reference to one, `${DB_PASSWORD:-...}`, but an Airflow Fernet key's,
    `${AIRFLOW__CORE__FERNET_KEY:-Srp2...=}`: the key the stack encrypts its connections' passwords
    with whenever the variable is unset). Not reported: a private key written on one line whose body
    is a placeholder (`"-----BEGIN PRIVATE KEY-----\\nyour_private_key\\n..."`, no base64 key
    material), or whose lines below its header hold none (a chart's commented `#   ...`) or a mask
    (`xxxx...`), a secret-named argument in a Python docstring's usage example
    (`token="68036ad4..."`), an AWS key id inside a presigned URL (`X-Amz-Credential=ASIA...`: the
    URL carries a signature that expires, not the key), a value that names the secret it stands for
    (`"churnobyl_s3_SECRET_ACCESS_KEY"`), a .env password or key a local stack makes up
    (`123456789`, `mlflow`, `admin123`: short, digits alone or lower-case words and then digits; not
    a token or an API key, which are issued), and the webserver `secret_key` Airflow generates into
    airflow.cfg at its first start (it signs one instance's session cookies; a Fernet key is still
    reported), and an INI file's line commented out with `;`, the default a sample configuration
    documents (Grafana's `;secret_key = SW2Y...`). In Markdown, reST, shell scripts, notebooks'
    Markdown cells and their code cells' `%env` magics (`%env AWS_SECRET_ACCESS_KEY=...`), a
    secret-named environment variable (a token, secret, password, API, access or Fernet key in
    either case, or a personal access token `_PAT`) set to such a literal (`docker run -e
    DAGSHUB_PAT=...`, `export API_TOKEN=...`, `api_key=...`; not a link's query parameter,
    `?secret=...`, a third party's short-lived signature) is reported too, and so is a Dockerfile's
    `ENV` or `ARG` giving such a name such a value (`ENV AWS_SECRET_ACCESS_KEY=...`, `ARG
    API_TOKEN=...`): the value is in every layer of the image and in the repository. So are, in
    Python code and notebooks, a password-named key assigned a shorter literal (8-19 characters) of
    digits and both cases of letters with no made-up word in it (`"password": "GIaP0A5wA1L4"`, not
    `Passw0rd` or `Admin123`), and, in code, configuration and documentation (a notebook's Markdown
    cells too), a connection URL carrying a password for a host outside the machine and its compose
    network (`mysql://ana:s3cret@203.0.113.7/db`, not `@localhost`, `@postgres`, a private address
    or a `{password}` filled in at run time), a call in code logging in to such a host with a
    literal password (`Client(host="35.210.233.219", password="hola1234")`), a password-named
    variable a Terraform variables file sets to a literal (`database_password = "..."` in
    `dev.tfvars`: the password of the database it provisions, however made up it looks; not a
    secret store's path, `"/mlops/db/password"`), and a Docker client's
    saved login, a JSON file's `"auths"` entry whose `"auth"` is the base64 of a user and a
    password. The tokens are looked for on the lines that hold one's whole shape (git searches for
    each format's pattern, without its word boundaries), not on every line holding a four-letter
    prefix such as `AKIA` or `dapi`, which a notebook's base64 image holds by chance."""

    @staticmethod
    def check(
        files: tuple[str, ...],
        lines_containing: LinesContaining,
        files_matching: FilesMatching,
        read_bytes: BytesOf,
        text: TextOf,
        notebooks: dict[str, Any],
        dockerfiles: list[Dockerfile],
        hollow_files: dict[str, str],
    ) -> Outcome:
        # Every format matches within a line: only the lines holding a marker are
        # searched (git prints them; a megabyte data file is not scanned again).
        marked = lines_containing(MARKERS)
        assigned = set(files_matching(ASSIGNED_LITERAL))
        documented = set(files_matching(SHELL_ASSIGNED))
        short = set(files_matching(SHORT_PASSWORD))
        in_urls = set(files_matching(URL_WITH_CREDENTIALS))
        # A file of comments only is no evidence of a practice, but a key in it is leaked
        # all the same: those small files are searched here.
        commented = [rel for rel, why in hollow_files.items() if why == COMMENTS_ONLY]
        for rel in commented:
            content = text(rel) or ""
            marked[rel] = lines_holding(content.encode(), MARKERS)
            found = (
                (assigned, ASSIGNED_LITERAL),
                (in_urls, URL_WITH_CREDENTIALS),
                (short, SHORT_PASSWORD if rel.endswith(".py") else None),
            )
            for holding, line_pattern in found:
                if line_pattern is not None and re.search(line_pattern, content, re.MULTILINE):
                    holding.add(rel)
        hits = []
        for rel in (*files, *commented):
            if rel.endswith(".ipynb"):  # every code cell: git does not search notebooks
                hits += _code_secrets(rel, True, True, text, notebooks)
                hits += _notebook_secrets(rel, notebooks.get(rel, {}))
            else:
                if rel in short or rel in in_urls:
                    hits += _code_secrets(rel, rel in short, rel in in_urls, text, notebooks)
                if rel in assigned:
                    hits += _assigned_secrets(rel, text(rel) or "")
            if rel in documented and rel.endswith(DOC_SUFFIXES):
                hits += _shell_secrets(rel, text(rel) or "")
            name = rel.rsplit("/", 1)[-1]
            if ENV_FILE.match(name) and not name.endswith(SAFE_ENV_SUFFIXES):
                hits += _env_secret(rel, read_bytes(rel) or b"")
            elif ENV_FILE.match(name) or OTHER_ENV_FILE.match(name):
                hits += _shell_secrets(rel, text(rel) or "")  # random-looking values only
            for label, markers, pattern in SECRET_FORMATS:
                for number, line in marked.get(rel, ()):
                    hits += [
                        Hit(rel, number, f"looks like {label}")
                        for match in _format_matches(label, markers, pattern, line)
                        if not DOCUMENTED_EXAMPLE.search(match.group(0))
                        and not PRESIGNED.search(line, 0, match.start())
                        and not _placeholder_key(label, line, match.end(), text, rel, number)
                        and not _placeholder_credential(match)
                        and not _masked(match.group(0), markers)
                        and (label != ENCODED_KEY or _encodes_a_private_key(match.group(0)))
                    ]
        for rel in files_matching(REGISTRY_AUTH):
            if rel.endswith(".json"):
                hits += _registry_logins(rel, text(rel) or "")
        for dockerfile in dockerfiles:
            hits += _image_secrets(dockerfile)
        return hits


def _encodes_a_private_key(value: bytes) -> bool:
    """Whether base64 that encodes a PEM block (`LS0tLS1CRUdJTi...`) encodes a private key's
    header (`-----BEGIN RSA PRIVATE KEY-----`), not a certificate's, which is public."""
    try:
        header = base64.b64decode(value[:64])
    except (binascii.Error, ValueError):
        return False
    return b"PRIVATE KEY" in header


def _registry_logins(rel: str, text: str) -> list[Hit]:
    """A Docker client's saved logins in a JSON file (`"auth": "<base64>"` under
    `"auths"`): each whose value decodes to a user name and a password, `user:s3cret`."""
    if '"auths"' not in text:
        return []
    hits = []
    for match in REGISTRY_AUTH_VALUE.finditer(text):
        try:
            decoded = base64.b64decode(match[1], validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            continue
        user, colon, password = decoded.partition(":")
        if user and colon and password and not PLACEHOLDER.search(password.encode()):
            line = text.count("\n", 0, match.start()) + 1
            hits.append(Hit(rel, line, "a Docker registry login (user and password in base64)"))
    return hits


def _placeholder_key(
    label: str, line: bytes, end: int, text: TextOf, rel: str, number: int
) -> bool:
    """Whether a private key's header, at `end` of `line` (`number`, 1-based, of `rel`),
    opens a placeholder's body: on its line, an escaped newline then no base64; or, when
    the header ends its line, none of the next lines, their comment marks, indent and
    quotes set apart, starting with a run of base64 (a Helm chart's commented example,
    `#   -----BEGIN PRIVATE KEY-----` then `#   ...`); either way, a run of a few symbols
    repeated (`xxxx...`) is a mask, not a key's body."""
    if label != PRIVATE_KEY:
        return False
    if PLACEHOLDER_KEY_BODY.match(line, end) is not None:
        return True
    if line[end : end + 2] == b"\\n":
        return _masked_body(line[end + 2 : end + 2 + KEY_BODY_RUN].decode("ascii", "replace"))
    content = text(rel)
    if line[end:].strip(b" \t\r\n\"'") or content is None:
        return False
    below = content.splitlines()[number : number + KEY_BODY_LINES]
    bodies = [found for found in map(KEY_BODY_LINE.match, below) if found is not None]
    return not bodies or all(_masked_body(found.group(1) or "") for found in bodies)


def _masked_body(run: str) -> bool:
    """Whether a key body's run of base64 is a mask typed to fill its shape (`xxxx...` in a
    README's note on the key's format): key material holds dozens of symbols."""
    return bool(run) and len(set(run)) <= MAX_MASK_SYMBOLS


def _masked(token: bytes, markers: tuple[bytes, ...]) -> bool:
    """Whether a token's characters after its prefix are a mask, a few symbols repeated
    (`AKIAXXXXXXXXXXXXXXXX`, `AKIAJX7X7X7X7X7X7X7X`, a Terraform variable's default;
    `ghp_xxxx...` in a README): the 16 characters AWS draws, or the 36 of a GitHub
    token, hold a dozen different ones."""
    marker = next((m for m in markers if token.startswith(m)), None)
    body = token[len(marker) :] if marker is not None else b""
    return len(body) >= MIN_MASKED_BODY and len(set(body)) <= MAX_MASK_SYMBOLS


def _placeholder_credential(match: re.Match[bytes]) -> bool:
    """Whether a URL's credential is a documented placeholder, not a token: Slack's own
    example `.../T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`, `?key=YOUR_KEY`, a
    name (`DEPLOY_KEY`), or one or two characters repeated."""
    credential = match.groupdict().get("credential")
    if credential is None:
        return False
    return (
        PLACEHOLDER.match(credential) is not None
        or NAMES_A_SECRET.search(credential.decode()) is not None
        or len(set(credential)) <= MAX_PLACEHOLDER_SYMBOLS
    )


def _format_matches(
    label: str, markers: tuple[bytes, ...], pattern: re.Pattern[bytes], line: bytes
) -> list[re.Match[bytes]]:
    """A secret format's matches in a line, as `pattern.finditer(line)` finds them. A
    format whose every match starts with one of its markers is tried only where a marker
    starts: a notebook's image, one line of base64 half a megabyte long that holds `AIza`
    or `dapi` by chance, is not searched position by position."""
    if label not in STARTS_AT_MARKER:
        found = any(marker in line for marker in markers)
        return list(pattern.finditer(line)) if found else []
    matches: list[re.Match[bytes]] = []
    end = 0
    for start in sorted({at for marker in markers for at in _occurrences(line, marker)}):
        if start >= end and (match := pattern.match(line, start)) is not None:
            matches.append(match)
            end = match.end()
    return matches


def _env_secret(rel: str, content: bytes) -> list[Hit]:
    """The first assignment of a secret-named variable a value that is not a placeholder."""
    for match in ASSIGNMENT.finditer(content):
        value = match.group(1).strip()
        name = content[match.start() : match.start(1)]
        made_up = THROWAWAY.match(value) and not ISSUED.search(name)
        if not (PLACEHOLDER.match(value) or made_up):
            line = content.count(b"\n", 0, match.start()) + 1
            return [Hit(rel, line, "a .env file with a secret is committed")]
    return []


def _code_secrets(
    rel: str, short: bool, in_urls: bool, text: TextOf, notebooks: dict[str, Any]
) -> list[Hit]:
    """Short random-looking passwords (code only) and credentials in connection URLs, in a
    file or, for a notebook, in its code cells."""
    prose: list[tuple[str, str]] = []
    if rel.endswith(".ipynb"):
        notebook = notebooks.get(rel, {})
        sources = [(f"cell {n}: ", s) for n, s in code_cells(notebook)]
        # its Markdown cells are documentation: a URL's password there is committed too
        prose = [(f"cell {n}: ", s) for n, s in cells_of(notebook, "markdown")] if in_urls else []
    else:
        sources = [("", text(rel) or "")]
    hits = []
    for prefix, source in sources:
        found = _short_passwords(source) if short and rel.endswith((".py", ".ipynb")) else []
        found += _remote_logins(source) if short and rel.endswith((".py", ".ipynb")) else []
        found += _url_credentials(source) if in_urls else []
        hits += [Hit(rel, None if prefix else number, prefix + detail) for number, detail in found]
    for prefix, source in prose:
        hits += [Hit(rel, None, prefix + detail) for _, detail in _url_credentials(source)]
    return hits


def _short_passwords(text: str) -> list[tuple[int, str]]:
    """(line, detail) of each password-named key assigned a literal of 8-19 characters
    with digits and both cases of letters, no made-up word in it, and high entropy."""
    found = []
    for match in CODE_PASSWORD.finditer(text):
        value = match.group(2)
        if PLACEHOLDER.match(value.encode()) or MADE_UP_PASSWORD.search(value):
            continue
        if _looks_random(value, min_bits=3.0):
            found.append(
                (line_of(text, match.start()), "a password-named variable holds a literal password")
            )
    return found


# The keywords a database or service client takes its server and password by
# (`Client(host="35.210.233.219", password="hola1234")`, `psycopg2.connect(host=...,
# password=...)`).
HOST_KEYWORDS = frozenset({"host", "hostname", "server"})
PASSWORD_KEYWORDS = frozenset({"password", "passwd", "pwd"})


def _remote_logins(text: str) -> list[tuple[int, str]]:
    """(line, detail) of each call that logs in to a host outside the machine with a
    literal password (`Client(host="35.210.233.219", user="user1", password="hola1234")`):
    whoever reads the code can log in to that server, however simple the password, as a
    URL carrying one (`_url_credentials`) lets them."""
    if "password" not in text.lower() and "pwd" not in text.lower():
        return []
    tree = parse(text)
    found = []
    for call in calls(tree) if tree is not None else ():
        given = {
            k.arg.lower(): k.value.value
            for k in call.keywords
            if k.arg and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)
        }
        host = next((given[k] for k in HOST_KEYWORDS if k in given), "")
        password = next((given[k] for k in PASSWORD_KEYWORDS if k in given), "")
        if "." not in host or LOCAL_HOST.search(host) or INTERPOLATED.search(host):
            continue
        if not password or INTERPOLATED.search(password) or PLACEHOLDER.match(password.encode()):
            continue
        found.append((call.lineno, f"a login to {host} with a literal password"))
    return found


def _url_credentials(text: str) -> list[tuple[int, str]]:
    """(line, detail) of each connection URL that carries a password for a host outside
    the machine (`postgresql://ana:Xk2v9qLp@db.example-corp.io/sales`)."""
    found = []
    for match in _line_matches(URL_CREDENTIALS, text, "://"):
        user, password, host = match.groups()
        if "." not in host or LOCAL_HOST.search(host):
            continue
        if any(
            INTERPOLATED.search(part) or PLACEHOLDER.match(part.encode())
            for part in (user, password)
        ):
            continue
        found.append((line_of(text, match.start()), f"a URL to {host} carries a password"))
    return found


def _assigned_secrets(rel: str, text: str) -> list[Hit]:
    """Secret-named names assigned a random-looking literal, in Python code or in a
    configuration file."""
    if rel.endswith(".py"):
        hits = _secrets_in(CODE_SECRET, rel, text)
        return _outside_docstrings(hits, rel, text) if hits else hits
    if rel.lower().endswith(".tfvars"):
        return _secrets_in(CONFIG_SECRET, rel, text) or _infrastructure_passwords(rel, text)
    if rel.lower().endswith(CONFIG_SUFFIXES) or "/config" in f"/{rel.lower()}":
        hits = _secrets_in(CONFIG_SECRET, rel, text)
        if hits and rel.lower().endswith(".ini"):  # `;secret_key = ...`: a sample's default
            lines = text.splitlines()
            hits = [hit for hit in hits if not lines[(hit.line or 1) - 1].lstrip().startswith(";")]
        if rel.rsplit("/", 1)[-1] == AIRFLOW_CONFIG and (key := AIRFLOW_SESSION_KEY.search(text)):
            session_key_line = text.count("\n", 0, key.end()) + 1
            hits = [hit for hit in hits if hit.line != session_key_line]
        return hits
    return []


# A Terraform variable named for a password set to a literal in a variables file
# (`database_password = "mlflow_secure_password_123"`): the password of the database it
# provisions, however made up it looks.
TFVARS_PASSWORD = lazy_pattern(
    rf"(?im)^[ \t]*\w*{PASSWORD_WORD}\w*[ \t]*=[ \t]*\"([^\"\s]{{8,}})\"[ \t]*(?:#.*)?$"
)


# Where a value names the password's place in a secret store, not the password: an SSM
# parameter's path (`"/mlops/db/password"`), an ARN, a Google secret's resource name.
STORED_ELSEWHERE = ("/", "arn:", "projects/")


def _infrastructure_passwords(rel: str, text: str) -> list[Hit]:
    """Password-named variables a Terraform variables file (`dev.tfvars`) sets to a
    literal other than a placeholder or a secret store's path: the credentials of the
    infrastructure it creates."""
    return [
        Hit(
            rel,
            text.count("\n", 0, match.start()) + 1,
            "a password variable holds a literal password",
        )
        for match in TFVARS_PASSWORD.finditer(text)
        if not PLACEHOLDER.match(match.group(1).encode())
        and not INTERPOLATED.search(match.group(1))
        and not match.group(1).startswith(STORED_ELSEWHERE)
    ]


def _outside_docstrings(hits: list[Hit], rel: str, text: str) -> list[Hit]:
    """The hits not in a string statement: a usage example a docstring documents
    (`MLflowRESTClient(url="http://some.domain:5000", token="68036ad4...")`) shows how to
    call it, with a value made up for the page."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return hits
    return _secrets_in(CODE_SECRET, rel, without_string_statements(text, tree))


def _image_secrets(dockerfile: Dockerfile) -> list[Hit]:
    """Secret-named variables a Dockerfile's ENV or ARG sets to a literal that looks
    random (`ENV AWS_SECRET_ACCESS_KEY=...`); an ARG without a default, an empty value, a
    placeholder and `${VAR}` taken from a build argument are not secrets."""
    hits: list[Hit] = []
    for instruction in dockerfile.instructions:
        if instruction.keyword not in ("ENV", "ARG"):
            continue
        words = instruction.arguments.split(None, 1)
        if words and "=" not in words[0]:  # legacy `ENV NAME value`
            pairs = [(words[0], words[1].strip().strip("'\"") if len(words) > 1 else "")]
        else:
            pairs = [
                (m[1], "".join(part or "" for part in m.groups()[1:]))
                for m in IMAGE_ASSIGNMENT.finditer(instruction.arguments)
            ]
        for name, value in pairs:
            if IMAGE_SECRET_NAME.match(name) and _literal_secret(value):
                detail = f"{instruction.keyword} {name} is set to a literal secret"
                hits.append(Hit(dockerfile.path, instruction.line, detail))
    return hits


def _literal_secret(value: str) -> bool:
    """Whether a value given to a secret-named variable is a secret: not a placeholder,
    not the name of the secret it stands for, and random-looking."""
    if PLACEHOLDER.match(value.encode()) or NAMES_A_SECRET.search(value):
        return False
    return value not in PUBLISHED_CREDENTIALS and _looks_random(value)


def _shell_secrets(rel: str, text: str) -> list[Hit]:
    """Secret-named environment variables a document or shell script sets to a literal
    that looks random (`docker run -e DAGSHUB_PAT=<40 hex digits>`)."""
    hits: list[Hit] = []
    for match in _line_matches(SHELL_SECRET, text, "="):
        value = match.group(3)
        if _literal_secret(value):
            line = text.count("\n", 0, match.start()) + 1
            hits.append(Hit(rel, line, f"{match.group(1)} is set to a literal secret"))
    return hits


def _notebook_secrets(rel: str, notebook: dict[str, Any]) -> list[Hit]:
    """Secret-named names assigned a random-looking literal in a notebook's code cells
    (and environment variables their `%env` magics set), and in its Markdown cells (code
    shown to copy, an `export API_TOKEN=...`): they are committed all the same."""
    hits = []
    for kind in ("code", "markdown"):
        for number, source in cells_of(notebook, kind):
            found = _secrets_in(CODE_SECRET, rel, source)
            # a code cell's environment magics (`%env AWS_SECRET_ACCESS_KEY=...`) are shell
            shell = source if kind == "markdown" else "\n".join(ENV_MAGIC.findall(source))
            found += _shell_secrets(rel, shell) if shell and not found else []
            hits += [Hit(rel, None, f"cell {number}: {hit.detail}") for hit in found]
    return hits


# IPython's magics that set an environment variable in a code cell: `%env NAME=value`,
# `%set_env NAME=value`, and a shell line's `!export NAME=value`.
ENV_MAGIC = lazy_pattern(r"(?m)^[ \t]*(?:%(?:set_)?env|!\s*export)[ \t]+\S.*$")


def _secrets_in(pattern: re.Pattern[str], rel: str, text: str) -> list[Hit]:
    """Secret-named names assigned a literal that looks random (high entropy, letters and
    digits mixed, not a placeholder)."""
    hits: list[Hit] = []
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: search it all
        matches = list(pattern.finditer(text))
    else:  # start only where a secret word is: far faster than a case-blind search
        starts = _word_starts(lowered)
        matches = [m for i in starts if (m := pattern.match(text, i)) is not None]
    for match in matches:
        value = match.group(2)
        if PLACEHOLDER.match(value.encode()) or NAMES_A_SECRET.search(value):
            continue
        if value in PUBLISHED_CREDENTIALS:
            continue
        opened = REFERENCE_OPENED.search(text, max(0, match.start() - MAX_NAME), match.start())
        if opened and "fernet" not in match.group(0).lower():
            continue  # `${DB_PASSWORD:-...}`: a reference to the environment, its default
        if not _looks_random(value):
            continue
        line = text.count("\n", 0, match.start()) + 1
        if not hits or hits[-1].line != line:  # `secret_access_key` holds two secret words
            hits.append(Hit(rel, line, "a secret-named variable holds a literal secret"))
    return hits


def _word_starts(lowered: str) -> list[int]:
    """Where each occurrence of a secret word starts in a lower-cased text, in order: where
    a piece of the word occurs and the whole word is there around it."""
    starts = set()
    for piece, words in SECRET_WORD_PIECES.items():
        for at in _occurrences(lowered, piece):
            for word in words:
                start = at - word.index(piece)
                if start >= 0 and lowered.startswith(word, start):
                    starts.add(start)
    return sorted(starts)


def _line_matches(pattern: re.Pattern[str], text: str, marker: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, for a pattern whose every match lies within a line and
    holds `marker` (a URL's `://`, an assignment's `=`): only the lines holding it are
    searched, not a README's prose word by word. Each is searched in place in the text,
    so a look-behind or a `\\b` at its start reads the line feed before it, as a search of
    the whole text does."""
    end = 0
    for at in _occurrences(text, marker):
        if at < end:
            continue  # on a line searched already
        start = text.rfind("\n", 0, at) + 1
        newline = text.find("\n", at)
        end = len(text) if newline < 0 else newline
        yield from pattern.finditer(text, start, end)


def _occurrences(text: AnyStr, word: AnyStr) -> Iterator[int]:
    start = text.find(word)
    while start != -1:
        yield start
        start = text.find(word, start + 1)


# A key issued as a UUID (`79826398-ea87-4afd-81de-175c621f8b4b`): 32 hex digits, dashed.
UUID = lazy_pattern(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


def _looks_random(value: str, min_bits: float = MIN_ENTROPY_BITS) -> bool:
    """Digits with both cases of letters, or 32+ hex digits (a UUID's too), and high
    entropy; or digits
    and letters of one case with symbols, as Django's generated keys (`3j!jsm$s7$...`),
    and higher entropy still; or a long run of digits and letters of one case drawn at
    random (`m27jyo2p6hxxwjaleddmo35jne4rtfx9`, see `_one_case_key`)."""
    mixed = bool(re.search(r"[a-z]", value) and re.search(r"[A-Z]", value))
    hexadecimal = bool(re.fullmatch(r"[0-9a-fA-F]{32,}", value) or UUID.fullmatch(value))
    symbols = bool(re.search(r"[a-zA-Z]", value) and KEY_SYMBOL.search(value))
    if _one_case_key(value):
        return True
    if not re.search(r"\d", value) or not (mixed or hexadecimal or symbols):
        return False
    if "/" in value or value.count(".") > 1:
        return False  # a path, a URL or a dotted name
    return _entropy(value) >= (min_bits if mixed or hexadecimal else MIN_SYMBOLS_ENTROPY_BITS)


def _one_case_key(value: str) -> bool:
    """Whether a value of digits and letters of one case is long, mixes them and has the
    entropy of one drawn at random (`m27jyo2p6hxxwjaleddmo35jne4rtfx9`: a service's
    access key), not of words and dates run together (`prod2023databaseuser2024`)."""
    if not ONE_CASE_KEY.fullmatch(value):
        return False
    digits = sum(character.isdigit() for character in value)
    if not MIN_ONE_CASE_PART <= digits <= len(value) - MIN_ONE_CASE_PART:
        return False
    return _entropy(value) >= MIN_ONE_CASE_ENTROPY_BITS


def _entropy(value: str) -> float:
    """Shannon entropy of a value's characters, in bits per character."""
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
