from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s1_fires_for_a_key_format_in_any_tracked_file(tmp_path):
    # AKIAIOSFODNN7EXAMPLE, AWS's documentation key, is a placeholder: not reported
    files = {**REQ, "deploy/notes.yaml": "aws_key: AKIAQ7WZ3XK2PL9MNB4V\ndocs_key: AKIAIOSFODNN7EXAMPLE\n"}
    found = fired(tmp_path, files, "F03-S1")
    assert lines(found) == {("deploy/notes.yaml", 1)}
    assert "AKIAQ7WZ3XK2PL9MNB4V" not in found[0].message.param_dict()["value"]


def test_s1_is_weak_in_tests_and_silent_for_placeholders(tmp_path):
    found = fired(tmp_path / "a", {**REQ, "tests/test_api.py": 'TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"\n'}, "F03-S1")
    assert found[0].strength.value == "weak"
    placeholders = {**REQ, "config.yaml": "password: ${DB_PASSWORD}\napi_key: changeme\n"}
    assert fired(tmp_path / "b", placeholders, "F03-S1") == []


def test_s2_fires_for_a_literal_secret_key(tmp_path):
    code = 'from flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "s3cr3t-Kd8f7Gh2Jk4"\n'
    found = fired(tmp_path, {**REQ, "app.py": code}, "F03-S2")
    assert lines(found) == {("app.py", 3)}
    assert found[0].message.param_dict()["setting"] == "SECRET_KEY"
    assert "Kd8f7Gh2Jk4" not in found[0].message.param_dict()["value"]


def test_s2_fires_for_a_database_url_with_credentials_and_a_secret_fallback(tmp_path):
    code = ('import os\nSQLALCHEMY_DATABASE_URI = "postgresql://app:Xy7pQ2rT9w@db.prod.example.com/app"\n'
            'SECRET_KEY = os.getenv("SECRET_KEY", "hard-coded-Fallback-9f8e7d")\n')
    found = fired(tmp_path, {**REQ, "settings.py": code}, "F03-S2")
    assert lines(found) == {("settings.py", 2), ("settings.py", 3)}


def test_s2_is_silent_for_env_reads_and_dev_classes(tmp_path):
    code = ('import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDATABASE_URL = os.getenv("DATABASE_URL")\n'
            'class DevelopmentConfig:\n    SECRET_KEY = "dev"\n')
    assert fired(tmp_path, {**REQ, "config.py": code}, "F03-S2") == []


def test_s7_fires_for_secrets_baked_into_the_image(tmp_path):
    docker = "FROM python:3.12\nENV PYTHONUNBUFFERED=1\nENV SECRET_KEY=Kd8f7Gh2Jk4Lm\nARG DB_PASSWORD\nCOPY .env .env\n"
    found = fired(tmp_path, {**REQ, "Dockerfile": docker}, "F03-S7")
    assert lines(found) == {("Dockerfile", 3), ("Dockerfile", 4), ("Dockerfile", 5)}


def test_s7_is_silent_for_non_deploy_env(tmp_path):
    docker = "FROM python:3.12\nENV PYTHONUNBUFFERED=1 PORT=8000\nENV NODE_ENV=production\n"
    assert fired(tmp_path, {**REQ, "Dockerfile": docker}, "F03-S7") == []


COMPOSE = """
services:
  app:
    build: .
    environment:
      SECRET_KEY: Kd8f7Gh2Jk4LmNq
      DATABASE_URL: ${DATABASE_URL}
"""


def test_s8_fires_moderately_for_a_deploy_compose_file(tmp_path):
    found = fired(tmp_path, {**REQ, "docker-compose.prod.yml": COMPOSE}, "F03-S8")
    assert found[0].strength.value == "moderate"
    assert found[0].message.param_dict()["keys"] == "SECRET_KEY"


def test_s8_is_weak_for_a_dev_compose_file(tmp_path):
    found = fired(tmp_path, {**REQ, "docker-compose.override.yml": COMPOSE}, "F03-S8")
    assert found[0].strength.value == "weak"
    clean = COMPOSE.replace("Kd8f7Gh2Jk4LmNq", "${SECRET_KEY}")
    assert fired(tmp_path / "b", {**REQ, "docker-compose.yml": clean}, "F03-S8") == []


def test_s9_fires_for_debug_on_and_non_local_url_defaults(tmp_path):
    code = 'import os\nDEBUG = True\nAPI_URL = os.getenv("API_URL", "https://api.internal.example.com/v1")\n'
    found = fired(tmp_path, {**REQ, "settings.py": code}, "F03-S9")
    assert lines(found) == {("settings.py", 2), ("settings.py", 3)}
    assert {f.strength.value for f in found} == {"moderate"}


def test_s9_is_weak_for_localhost_defaults_and_silent_for_env_debug(tmp_path):
    code = 'import os\nDEBUG = os.getenv("DEBUG") == "1"\nREDIS_URL = os.getenv("REDIS_URL", "redis://localhost:6379/0")\n'
    found = fired(tmp_path, {**REQ, "settings.py": code}, "F03-S9")
    assert [(f.strength.value, f.locations[0].line) for f in found] == [("weak", 3)]


CONFIG_CLASSES = '''
class Config:
    DEBUG = False

class DevelopmentConfig(Config):
    SQLALCHEMY_DATABASE_URI = "sqlite:///dev.db"

class ProductionConfig(Config):
    SQLALCHEMY_DATABASE_URI = "postgresql://app:Xy7pQ2rT9w@db.prod.example.com/app"
'''


def test_s10_fires_for_environment_classes_with_deploy_values(tmp_path):
    app = 'from flask import Flask\napp = Flask(__name__)\napp.config.from_object("config.ProductionConfig")\n'
    found = fired(tmp_path, {**REQ, "config.py": CONFIG_CLASSES, "app.py": app}, "F03-S10")
    groups = {f.message.param_dict()["group"] for f in found}
    assert groups == {"ProductionConfig", "config.ProductionConfig"}


def test_s10_is_silent_for_behaviour_only_classes(tmp_path):
    code = "class ProductionConfig:\n    DEBUG = False\n    TESTING = False\n"
    assert fired(tmp_path, {**REQ, "config.py": code}, "F03-S10") == []


def test_s11_fires_when_code_picks_hosts_by_environment_name(tmp_path):
    code = ('import os\nif os.environ.get("ENV") == "production":\n    DB_HOST = "prod-db.internal"\nelse:\n'
            '    DB_HOST = "localhost"\n')
    found = fired(tmp_path, {**REQ, "settings.py": code}, "F03-S11")
    assert lines(found) == {("settings.py", 2)}


def test_s11_is_silent_for_mode_switches(tmp_path):
    code = 'import os\nif os.environ.get("ENV") == "production":\n    LOG_LEVEL = "INFO"\n'
    assert fired(tmp_path, {**REQ, "settings.py": code}, "F03-S11") == []


def test_s12_fires_for_a_committed_env_file(tmp_path):
    found = fired(tmp_path, {**REQ, ".env": "DEBUG=1\nSECRET_KEY=Kd8f7Gh2Jk4LmNqR\n"}, "F03-S12")
    assert found[0].strength.value == "strong"
    assert found[0].message.param_dict()["state"] == "tracked"


def test_s12_is_silent_for_examples_and_ignored_files(tmp_path):
    assert fired(tmp_path / "a", {**REQ, ".env.example": "SECRET_KEY=\nDEBUG=changeme\n"}, "F03-S12") == []
    files = {**REQ, ".env": "SECRET_KEY=Kd8f7Gh2Jk4LmNqR\n", ".gitignore": ".env\n"}
    assert fired(tmp_path / "b", files, "F03-S12") == []


def test_s15_fires_for_environment_reads(tmp_path):
    code = 'import os\nHOST = os.getenv("DB_HOST")\nKEY = os.environ["SECRET_KEY"]\n'
    found = fired(tmp_path, {**REQ, "app.py": code}, "F03-S15")
    assert found[0].message.param_dict()["names"] == "DB_HOST, SECRET_KEY"


def test_s15_is_silent_without_reads_and_fires_for_settings_classes(tmp_path):
    assert fired(tmp_path / "a", {**REQ, "app.py": "x = 1\n"}, "F03-S15") == []
    code = "from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    database_url: str\n"
    assert fired(tmp_path / "b", {**REQ, "settings.py": code}, "F03-S15")


def test_s20_fires_for_strict_reads_only(tmp_path):
    assert fired(tmp_path / "a", {**REQ, "app.py": 'import os\nKEY = os.environ["SECRET_KEY"]\n'}, "F03-S20")
    assert fired(tmp_path / "b", {**REQ, "app.py": 'import os\nKEY = os.getenv("SECRET_KEY")\n'}, "F03-S20") == []


def test_s21_fires_for_an_env_example(tmp_path):
    assert lines(fired(tmp_path / "a", {**REQ, ".env.example": "SECRET_KEY=\n"}, "F03-S21")) == {(".env.example", 1)}
    assert fired(tmp_path / "b", REQ, "F03-S21") == []


def test_s22_fires_for_ci_secrets_and_ignored_env_files(tmp_path):
    workflow = "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: deploy --token ${{ secrets.TOKEN }}\n"
    assert fired(tmp_path / "a", {**REQ, ".github/workflows/d.yml": workflow}, "F03-S22")
    compose = "services:\n  app:\n    build: .\n    env_file: .env\n"
    assert fired(tmp_path / "b", {**REQ, "docker-compose.yml": compose, ".gitignore": ".env\n"}, "F03-S22")
    assert fired(tmp_path / "c", {**REQ, "docker-compose.yml": compose}, "F03-S22") == []
