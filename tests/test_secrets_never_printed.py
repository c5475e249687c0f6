"""Secrets are never printed whole: secrets of several kinds are planted in a repository and the
output of every report format, in both languages, is searched for them. Each is detected (its
masked form, first characters + length + short hash, is shown) and none appears in full."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hostile import APP, commit_all, write
from secret_corpus import UPPER_DIGITS, fake
from twelve.cli import main
from twelve.facts.secrets import mask, redact
from twelve.report import FORMATS

AWS_KEY = "AKIA" + "Q7WZ3XK2PL9MNB4V"
GITHUB_TOKEN = "ghp_" + "R2d2C3poL1kesBB8aNdY0daHanS0l0Chew1e"
PRIVATE_KEY_BODY = "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2Vdz5v8Wq1mN0aXbGfR7e9LkPqT"
URL_PASSWORD = "Xk9#mQ2vLp7WzR4t"
SECRET_KEY = "dj4ng0-1ns3cur3-q8w7e6r5t4y3u2i1o0p9"
ENV_TOKEN = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0"
COMPOSE_PASSWORD = "C0mp0seP4ssw0rd-7r8t9y"
STRIPE_KEY = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"

PLANTED = {
    "AWS access key": AWS_KEY,
    "GitHub token": GITHUB_TOKEN,
    "private key body": PRIVATE_KEY_BODY,
    "URL password": URL_PASSWORD,
    "SECRET_KEY literal": SECRET_KEY,
    ".env value": ENV_TOKEN,
    "compose environment": COMPOSE_PASSWORD,
    "Stripe key": STRIPE_KEY,
}

FILES = {
    **APP,
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\n"
    f"app.config['SECRET_KEY'] = '{SECRET_KEY}'\n"
    f"AWS_ACCESS_KEY_ID = '{AWS_KEY}'\n"
    f"DATABASE_URL = 'postgres://app:{URL_PASSWORD}@db.internal:5432/app'\n",
    "settings.py": f'SECRET_KEY = "{SECRET_KEY}"\nGITHUB_TOKEN = "{GITHUB_TOKEN}"\nSTRIPE = \'{STRIPE_KEY}\'\n',
    "deploy/id_rsa": f"-----BEGIN RSA PRIVATE KEY-----\n{PRIVATE_KEY_BODY}\n-----END RSA PRIVATE KEY-----\n",
    ".env": f"API_TOKEN={ENV_TOKEN}\nDB_PASSWORD={COMPOSE_PASSWORD}\n",
    "docker-compose.yml": "services:\n  web:\n    build: .\n    environment:\n"
    f"      DB_PASSWORD: {COMPOSE_PASSWORD}\n"
    f"      DATABASE_URL: postgres://app:{URL_PASSWORD}@db:5432/app\n"
    f"      AWS_ACCESS_KEY_ID: {AWS_KEY}\n  db:\n    image: postgres:16\n",
    "Dockerfile": f"FROM python:3.12-slim\nENV GITHUB_TOKEN={GITHUB_TOKEN}\nARG API_TOKEN={ENV_TOKEN}\nCOPY . /app\n"
    'CMD ["gunicorn", "app:app"]\n',
    "README.md": f"# App\n\n```sh\nexport API_TOKEN={ENV_TOKEN}\ngit clone https://deploy:{URL_PASSWORD}@git.example.com/app.git\n```\n",
    ".github/workflows/ci.yml": "on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n"
    f"      GITHUB_TOKEN: {GITHUB_TOKEN}\n    steps:\n      - run: pytest\n",
    "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n"
    "    spec:\n      containers:\n        - name: web\n          image: web:1\n          env:\n"
    f"            - name: DB_PASSWORD\n              value: {COMPOSE_PASSWORD}\n",
}


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    root = tmp_path_factory.mktemp("secrets") / "repo"
    write(root, FILES)
    commit_all(root)
    return root


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_format_prints_a_planted_secret(planted, fmt, lang):
    result = CliRunner().invoke(main, ["check", str(planted), "-f", fmt, "--lang", lang, "--no-cache", "-j", "1"])
    assert result.exit_code in (0, 1), result.output
    for what, value in PLANTED.items():
        assert value not in result.output, f"{what} printed whole in {fmt}/{lang}"
        # nor a long piece of it (a secret cut by an excerpt's length limit)
        assert value[:-4] not in result.output and value[4:] not in result.output, f"{what} in {fmt}/{lang}"


def test_the_planted_secrets_are_detected_and_shown_masked(planted):
    result = CliRunner().invoke(main, ["check", str(planted), "-f", "json", "--no-cache", "-j", "1"])
    text = json.dumps(json.loads(result.stdout), ensure_ascii=False)
    for value in (AWS_KEY, GITHUB_TOKEN, SECRET_KEY, URL_PASSWORD):
        assert mask(value) in text, value  # first characters, length and short hash


def test_mask_shows_four_characters_the_length_and_a_hash():
    shown = mask(AWS_KEY)
    assert shown.startswith("AKIA…[20 chars, #") and AWS_KEY not in shown
    assert redact(f"key = '{AWS_KEY}'") == f"key = '{shown}'"


def test_a_line_with_more_secrets_than_the_scan_lists_is_hidden_after_the_first():
    keys = ["AKIA" + fake(f"key-{i}", 16, UPPER_DIGITS) for i in range(1500)]
    shown = redact(" ".join(keys))
    assert keys[1] not in shown and keys[-1] not in shown and len(shown) < 100
