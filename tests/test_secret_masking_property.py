"""Property tests of the masker (issue 11): for any generated secret, in any of the contexts
twelve reads, no 8-character piece of it (but a plain word: a report says `assignment` whatever
the secret) survives in the facts (excerpts, data, error details: everything reports, caches and
workers see), nor in the reports of a whole run; and masking a text that was clipped through a
secret hides the cut piece too."""

from __future__ import annotations

import json
import string
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import commit_all, write
from twelve.cli import main
from twelve.facts import extract_file
from twelve.facts.base import clip
from twelve.facts.secrets import FileSecrets, grade_value, switches
from twelve.pipeline import walk
from twelve.repository.walk import DEFAULT_MAX_FILE_BYTES

WINDOW = 8
PASSWORD_CHARS = string.ascii_letters + string.digits + "-_.+/=@%!*^~#"
TOKEN_CHARS = string.ascii_letters + string.digits + "-_.~+/="

#: (path, template with {s}, alphabet): one line of every file kind that holds a secret
CONTEXTS = [
    ("app.py", 'import os\nSECRET_KEY = "{s}"\n', PASSWORD_CHARS),
    ("app.py", 'import os\napp.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "{s}")\n', PASSWORD_CHARS),
    (
        "app.py",
        'import os\nDATABASE_URL = os.getenv("DATABASE_URL", "postgresql://app:{s}@db.internal:5432/app")\n',
        PASSWORD_CHARS,
    ),
    ("app.py", 'x = "' + "a" * 5_000 + '"; TOKEN = "{s}"\n', PASSWORD_CHARS),
    ("web/server.js", 'const secret = process.env.JWT_SECRET || "{s}";\napp.listen(3000);\n', PASSWORD_CHARS),
    (
        "web/db.ts",
        'export const pool = new Pool({{ connectionString: "postgres://u:{s}@db.prod:5432/app" }});\n',
        PASSWORD_CHARS,
    ),
    ("svc/main.go", 'package main\n\nconst apiToken = "{s}"\n', PASSWORD_CHARS),
    ("api/Db.java", 'class Db {{ static final String PASSWORD = "{s}"; }}\n', PASSWORD_CHARS),
    ("api/App.kt", 'val clientSecret = "{s}"\n', PASSWORD_CHARS),
    ("config/initializers/secret.rb", 'SECRET = ENV.fetch("SECRET_KEY_BASE", "{s}")\n', PASSWORD_CHARS),
    (
        "src/main/resources/application.yml",
        "spring:\n  datasource:\n    password: ${{DB_PASSWORD:{s}}}\n",
        PASSWORD_CHARS.replace("#", ""),
    ),
    ("src/main/resources/application.properties", "spring.datasource.password={s}\n", PASSWORD_CHARS),
    ("config/database.yml", 'production:\n  adapter: postgresql\n  password: "{s}"\n', PASSWORD_CHARS),
    (
        "k8s/deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: web\n          image: web:1\n          env:\n            - name: DB_PASSWORD\n"
        '              value: "{s}"\n',
        PASSWORD_CHARS,
    ),
    (
        "docker-compose.yml",
        'services:\n  web:\n    image: web:1\n    environment:\n      API_TOKEN: "{s}"\n',
        PASSWORD_CHARS,
    ),
    (
        ".github/workflows/ci.yml",
        'on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      NPM_TOKEN: "{s}"\n'
        "    steps:\n      - run: npm test\n",
        PASSWORD_CHARS,
    ),
    ("chart/values.yaml", 'postgresql:\n  auth:\n    password: "{s}"\n', PASSWORD_CHARS),
    ("Dockerfile", 'FROM python:3.12\nENV API_KEY {s}\nCMD ["python", "app.py"]\n', PASSWORD_CHARS),
    ("Dockerfile", 'FROM python:3.12\nRUN mysql -h db -uroot -p{s} -e "select 1"\n', PASSWORD_CHARS),
    (".env", "DB_PASS={s}\nPORT=8000\n", PASSWORD_CHARS),
    ("Procfile", "release: mysql -h db -u app --password {s} app\nweb: gunicorn app:app\n", PASSWORD_CHARS),
    ("scripts/deploy.sh", "#!/bin/sh\nexport PGPASSWORD={s}\npsql -h db.internal app\n", PASSWORD_CHARS),
    ("README.md", '# App\n\n```sh\ncurl -H "Authorization: Bearer {s}" https://api.internal\n```\n', TOKEN_CHARS),
    ("README.md", "# App\n\n```sh\nmysql -u root -p{s} app < schema.sql\n```\n", PASSWORD_CHARS),
    ("deploy/creds.json", '{{"registry": {{"password": "{s}"}}}}\n', PASSWORD_CHARS),
    ("config/app.toml", '[db]\npassword = "{s}"\n', PASSWORD_CHARS),
    ("setup.cfg", "db_password = {s}\n[metadata]\nname = x\n", PASSWORD_CHARS.replace("%", "")),
]


def _secrets(alphabet: str):
    return st.text(alphabet=alphabet, min_size=12, max_size=72).filter(
        lambda s: grade_value("password", s) == "secret" and s[0].isalnum()
    )


@st.composite
def planted(draw):
    path, template, alphabet = draw(st.sampled_from(CONTEXTS))
    return path, template, draw(_secrets(alphabet))


def _pieces(secret: str, template: str) -> set[str]:
    """The 8-character pieces of *secret* that tell something about it: not a plain word (a
    report says `assignment` whatever the secret), nor something the rest of the file holds."""
    around = template.format(s="\x00")
    pieces = {secret[i : i + WINDOW] for i in range(len(secret) - WINDOW + 1)}
    wordy = {p for p in pieces if switches(p) < 2 and not (any(c.isdigit() for c in p) and any(c.isalpha() for c in p))}
    return pieces - wordy - {around[i : i + WINDOW] for i in range(len(around) - WINDOW + 1)}


def _render(template: str, secret: str) -> str:
    return template.format(s=secret)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(planted())
def test_no_piece_of_a_generated_secret_survives_in_the_facts(case):
    path, template, secret = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write(root, {path: _render(template, secret), "requirements.txt": "flask\n"})
        repo = walk(str(root))
        entry = next(e for e in repo.files if e.path == path)
        result = extract_file(repo.root, entry, DEFAULT_MAX_FILE_BYTES)
    dumped = json.dumps(
        [[f.kind, f.excerpt, f.data.plain()] for f in result.facts] + [e.detail for e in result.errors],
        ensure_ascii=False,
    )
    dumped += "\n" + "\n".join(f.excerpt for f in result.facts)  # unescaped, as text reports print it
    left = [p for p in _pieces(secret, template) if p in dumped]
    assert not left, (path, left[:3])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(planted())
def test_no_piece_of_a_generated_secret_reaches_a_report(case):
    path, template, secret = case
    pieces = _pieces(secret, template)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        other = ("Procfile", "web: gunicorn app:app\n") if path != "Procfile" else ("app.py", "x = 1\n")
        write(root, {path: _render(template, secret), "requirements.txt": "flask==3.0.0\n", other[0]: other[1]})
        commit_all(root)
        outputs = {
            fmt: CliRunner()
            .invoke(main, ["check", str(root), "-f", fmt, "-j", "1", "--no-cache", "--evidence-limit", "0"])
            .stdout
            for fmt in ("json", "text", "sarif")
        }
    for fmt, out in outputs.items():
        if fmt in ("json", "sarif"):
            out += json.dumps(json.loads(out), ensure_ascii=False)
        left = [p for p in pieces if p in out]
        assert not left, (fmt, path, left[:3])


@settings(max_examples=400, deadline=None)
@given(
    st.text(min_size=0, max_size=120),
    _secrets(PASSWORD_CHARS),
    st.text(min_size=0, max_size=120),
    st.integers(min_value=1, max_value=400),
)
def test_a_clipped_text_keeps_no_piece_of_a_known_secret(before, secret, after, limit):
    secrets = FileSecrets({secret})
    shown = clip(secrets.conceal(before + secret + after), limit)  # masked, then clipped (Source.fact)
    late = secrets.conceal(clip(before + secret + after, limit))  # clipped, then masked (data clipped by an extractor)
    for text in (shown, late):
        assert not [
            secret[i : i + WINDOW]
            for i in range(len(secret) - WINDOW + 1)
            if secret[i : i + WINDOW] in text and secret[i : i + WINDOW] not in before + after
        ]


def test_a_cut_secret_is_masked_the_same_way_whatever_the_hash_seed():
    """Two known values cut at the same place at the end of a text: the longer is masked, in every
    process (the values are a set, whose order changes with the hash seed)."""
    import os
    import subprocess
    import sys

    code = (
        "from twelve.facts.secrets import FileSecrets\n"
        "s = FileSecrets({'&quot;pass', '&quot;apples/oranges&quot', '&quot;apples@oranges@@&quot'})\n"
        "print(s.conceal('password: x word + other:words&quo…'))\n"
    )
    shown = {
        subprocess.run(
            [sys.executable, "-c", code],
            env=dict(os.environ, PYTHONHASHSEED=str(seed)),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(8)
    }
    assert len(shown) == 1
    assert "27 chars" in shown.pop()
