"""SEC001: a short random password in code, and credentials in a connection URL."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mlops_scaffold.doctor.checks.secrets import (
    SECRET_WORD_PIECES,
    SECRET_WORDS,
    SHELL_SECRET,
    URL_CREDENTIALS,
    _line_matches,
    _word_starts,
)
from tests.doctor.cases import notebook
from tests.doctor.helpers import committed_status

TRAINING = {"train.py": "from sklearn.linear_model import LogisticRegression\n"}


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("fetch.py", 'login = {"username": "sensors", "password": "GIaP0A5wA1L4"}\n'),
        (
            "config.py",
            'import os\nos.environ.setdefault("DB_URL", '
            '"mysql+pymysql://app:strongpassword@146.190.97.82:3306/app")\n',
        ),
        ("README.md", "Connect with `mongodb+srv://ana:Qw7rT2zP@cluster0.ab1cd.mongodb.net/`\n"),
    ],
)
def test_a_committed_password_is_reported(tmp_path: Path, path: str, content: str) -> None:
    tree = {**TRAINING, path: content}
    assert committed_status(tmp_path, tree, "SEC001") == "failed"


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("fetch.py", 'login = {"username": "sensors", "password": "Passw0rd2024"}\n'),
        ("fetch.py", 'login = {"username": "sensors", "password": os.environ["PASSWORD"]}\n'),
        ("db.py", 'URL = "postgresql://mlflow:mlflow@postgres:5432/mlflow"\n'),
        ("db.py", 'URL = "postgresql://ana:Xk2v9qLp@localhost:5432/sales"\n'),
        ("db.py", 'URL = f"postgresql://{user}:{password}@db.prod.corp.io/sales"\n'),
        ("settings.yaml", "url: postgresql://ana:${DB_PASSWORD}@db.prod.corp.io/sales\n"),
        ("README.md", "`postgresql://user:password@db.example.com/sales`\n"),
    ],
)
def test_a_made_up_local_or_filled_in_password_is_not(
    tmp_path: Path, path: str, content: str
) -> None:
    tree = {**TRAINING, path: content}
    assert committed_status(tmp_path, tree, "SEC001") == "passed"


@pytest.mark.parametrize(
    "cell",
    [
        'api_key = "sk9Vh2LmQ7xT4bN8cR1wZ5yK3pD6fJ0a"',
        'login = {"password": "GIaP0A5wA1L4"}',
        'URL = "mysql://app:strongpassword@146.190.97.82:3306/app"',
    ],
)
def test_a_secret_in_a_notebooks_code_cell_is_reported(tmp_path: Path, cell: str) -> None:
    # git does not search notebooks for these: their code cells are read in Python
    tree = {**TRAINING, "explore.ipynb": notebook(json.dumps([cell]))}
    assert committed_status(tmp_path, tree, "SEC001") == "failed"


def test_a_secret_only_in_a_notebooks_output_is_not_read(tmp_path: Path) -> None:
    output = json.dumps(
        [{"output_type": "stream", "name": "stdout", "text": 'api_key = "sk9Vh2LmQ7xT4bN8cR1w"'}]
    )
    tree = {**TRAINING, "explore.ipynb": notebook('["print(settings)"]', output)}
    assert committed_status(tmp_path, tree, "SEC001") == "passed"


# Secret words are found from four pieces, each text scanned once per piece.
def test_secret_words_are_found_where_a_search_for_each_finds_them() -> None:
    assert all(any(piece in word for piece in SECRET_WORD_PIECES) for word in SECRET_WORDS)
    lowered = "secretoken = 1\npasswd passphrase\nmy_api_key, apikey\nkeys: jwt_key\nkey pass\n"
    each = sorted(
        {i for word in SECRET_WORDS for i in range(len(lowered)) if lowered.startswith(word, i)}
    )
    assert _word_starts(lowered) == each


def test_a_secret_named_key_beside_a_word_holding_another_is_reported(tmp_path: Path) -> None:
    content = 'secretoken_api_key = "Zq8Lw2Vn5Rt7Yp1Kd4Hs6Jf9"\n'
    assert committed_status(tmp_path, {**TRAINING, "settings.py": content}, "SEC001") == "failed"


LINES = [
    "",
    "export HF_TOKEN=hf_aB3dE5gH7jK9mN1pQ3sT5vX7zA\n",
    "See the docs.\n?API_KEY=abcdefghij0123456789ab\n&SECRET=x\n",
    "a\r\nDAGSHUB_PAT='0123456789abcdef0123456789abcdef'\r\nb=1 c=2",
    "db: postgresql://ana:Xk2v9qLp@db.example-corp.io/sales\nno url here = 1\n",
    "MY_TOKEN=short\nnext line ://x\nuri=mysql://u:p@10.0.0.1/db and redis://a:b@h.io",
]


@pytest.mark.parametrize(("pattern", "marker"), [(SHELL_SECRET, "="), (URL_CREDENTIALS, "://")])
def test_a_search_of_the_lines_holding_the_marker_finds_what_the_whole_text_does(
    pattern: re.Pattern[str], marker: str
) -> None:
    for text in LINES:
        whole = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in _line_matches(pattern, text, marker)] == whole
    assert any(pattern.search(text) for text in LINES)
