from __future__ import annotations

from helpers import fired, lines

APP = "import os\nimport psycopg2\nfrom flask import Flask\napp = Flask(__name__)\n"
REQS = "flask==3.0.0\npsycopg2-binary==2.9.9\ngunicorn==22.0.0\n"
DOCKERFILE = 'FROM python:3.12-slim\nCOPY . .\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n'
DEV_COMPOSE = """\
    services:
      app:
        build: .
        volumes:
          - .:/app
      db:
        image: postgres:16
    """
BASE = {"requirements.txt": REQS, "app.py": APP, "Dockerfile": DOCKERFILE, "docker-compose.yml": DEV_COMPOSE}
CI = """\
    name: ci
    on:
      push:
        branches: [main]
    jobs:
      test:
        runs-on: ubuntu-latest
        services:
          db:
            image: postgres:16
        steps:
          - run: pytest
      deploy:
        runs-on: ubuntu-latest
        needs: test
        steps:
          - name: Roll out
            run: flyctl deploy --remote-only
    """
README = """\
    # App

    ## Deploy to production

    ```bash
    git clone https://example.com/app.git
    pip install -r requirements.txt
    gunicorn --bind 0.0.0.0:8000 app:app
    ```
    """


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


# --- F10-S1 -----------------------------------------------------------------------------------------

def test_s1_moderate_when_only_development_definitions_match_the_driver(tmp_path):
    found = fired(tmp_path, BASE, "F10-S1")
    assert [f.strength.value for f in found] == ["moderate"]
    assert {("docker-compose.yml", 6), ("requirements.txt", 2)} <= lines(found)
    assert found[0].message.key == "F10-S1.message_undeclared"


def test_s1_strong_when_development_and_production_agree(tmp_path):
    prod = "services:\n  db:\n    image: postgres:16.2\n"
    found = fired(tmp_path, {**BASE, "docker-compose.prod.yml": prod}, "F10-S1")
    assert [f.strength.value for f in found] == ["strong"]
    assert ("docker-compose.prod.yml", 2) in lines(found)


def test_s1_is_silent_when_no_driver_uses_the_engine_or_versions_drift(tmp_path):
    no_driver = {**BASE, "requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    assert fired(tmp_path / "a", no_driver, "F10-S1") == []
    drift = {**BASE, "docker-compose.prod.yml": "services:\n  db:\n    image: postgres:13\n"}
    assert fired(tmp_path / "b", drift, "F10-S1") == []


# --- F10-S2 -----------------------------------------------------------------------------------------

def test_s2_fires_for_a_ci_service_of_the_same_engine(tmp_path):
    found = fired(tmp_path, {**BASE, ".github/workflows/ci.yml": CI}, "F10-S2")
    assert params(found, "service") == ["postgres:16"]
    assert (".github/workflows/ci.yml", 9) in lines(found)


def test_s2_is_silent_for_a_service_the_app_does_not_use(tmp_path):
    ci = CI.replace("postgres:16", "mongo:7")
    assert fired(tmp_path, {**BASE, ".github/workflows/ci.yml": ci}, "F10-S2") == []


# --- F10-S3 -----------------------------------------------------------------------------------------

def test_s3_fires_when_compose_builds_the_production_dockerfile(tmp_path):
    found = fired(tmp_path, BASE, "F10-S3")
    assert params(found, "dockerfile") == ["Dockerfile"]
    assert ("docker-compose.yml", 2) in lines(found)


def test_s3_is_silent_for_a_development_dockerfile(tmp_path):
    compose = DEV_COMPOSE.replace("build: .", "build:\n          context: .\n          dockerfile: Dockerfile.dev")
    files = {**BASE, "docker-compose.yml": compose, "Dockerfile.dev": "FROM python:3.12\n"}
    assert fired(tmp_path, files, "F10-S3") == []


# --- F10-S4 / F10-AP1 -------------------------------------------------------------------------------

def test_s4_fires_for_a_deploy_job_on_push_to_main(tmp_path):
    found = fired(tmp_path, {**BASE, ".github/workflows/ci.yml": CI}, "F10-S4")
    assert params(found, "job") == ["deploy"]
    assert {(".github/workflows/ci.yml", 13), (".github/workflows/ci.yml", 17)} <= lines(found)
    assert params(found, "trigger") == ["push: main"]


def test_s4_is_silent_for_pull_requests_and_manual_runs(tmp_path):
    on_pr = CI.replace("      push:\n        branches: [main]\n", "      pull_request:\n")
    assert on_pr != CI
    assert fired(tmp_path / "pr", {**BASE, ".github/workflows/ci.yml": on_pr}, "F10-S4") == []
    manual = CI.replace("      push:\n        branches: [main]\n", "      workflow_dispatch:\n")
    assert fired(tmp_path / "manual", {**BASE, ".github/workflows/ci.yml": manual}, "F10-S4") == []


def test_s4_ignores_a_release_job_that_publishes_a_package(tmp_path):
    publish = """\
        on:
          push:
            tags: ['v*']
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
        """
    assert fired(tmp_path, {**BASE, ".github/workflows/release.yml": publish}, "F10-S4") == []


def test_ap1_fires_without_any_automatic_deploy(tmp_path):
    ci = CI.replace("flyctl deploy --remote-only", "echo done").replace("deploy:", "lint:").replace("Roll out", "Lint")
    found = fired(tmp_path, {**BASE, ".github/workflows/ci.yml": ci}, "F10-AP1")
    assert (".github/workflows/ci.yml", 2) in lines(found)
    assert ".github/workflows/ci.yml" in found[0].message.param_dict()["checked"]


def test_ap1_is_silent_with_continuous_deployment_or_a_manual_guide(tmp_path):
    assert fired(tmp_path / "cd", {**BASE, ".github/workflows/ci.yml": CI}, "F10-AP1") == []
    assert fired(tmp_path / "manual", {**BASE, "README.md": README}, "F10-AP1") == []


# --- F10-S7 -----------------------------------------------------------------------------------------

CONFIG = """\
    import os


    class Config:
        DEBUG = False


    class DevelopmentConfig(Config):
        SQLALCHEMY_DATABASE_URI = "sqlite:///dev.db"


    class ProductionConfig(Config):
        SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "postgresql://app@db/app")
    """


def test_s7_fires_for_sqlite_in_development_and_postgresql_in_production(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\nflask-sqlalchemy==3.1.1\n", "config.py": CONFIG,
             "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    found = fired(tmp_path, files, "F10-S7")
    assert len(found) == 1
    assert {("config.py", 9), ("config.py", 13)} <= lines(found)
    assert found[0].message.param_dict()["engine"] == "PostgreSQL"
    assert found[0].scope.value == "production"


def test_s7_fires_for_a_sqlite_default_while_the_driver_is_postgresql(tmp_path):
    app = APP + "DATABASE_URL = os.environ.get('DATABASE_URL', 'sqlite:///local.db')\n"
    found = fired(tmp_path, {**BASE, "app.py": app}, "F10-S7")
    assert ("app.py", 5) in lines(found)
    assert found[0].message.param_dict()["value"] == "sqlite:///local.db"


def test_s7_fires_for_django_dev_settings_on_sqlite(tmp_path):
    files = {"requirements.txt": "django==5.0\npsycopg2-binary==2.9.9\n", "manage.py": "import django\n",
             "proj/settings/dev.py": "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n",
             "proj/settings/production.py": "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'app'}}\n"}
    found = fired(tmp_path, files, "F10-S7")
    assert ("proj/settings/dev.py", 1) in lines(found)
    assert found[0].scope.value == "production"


def test_s7_is_silent_when_every_environment_uses_postgresql(tmp_path):
    config = CONFIG.replace("sqlite:///dev.db", "postgresql://app@localhost/dev")
    files = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\n", "config.py": config,
             "app.py": "from flask import Flask\napp = Flask(__name__)\n"}
    assert fired(tmp_path, files, "F10-S7") == []
    sqlite_only = {"requirements.txt": "flask==3.0.0\n", "app.py": "DATABASE_URL = 'sqlite:///app.db'\n"}
    assert fired(tmp_path / "lite", sqlite_only, "F10-S7") == []


# --- F10-S8 -----------------------------------------------------------------------------------------

DJANGO = {"requirements.txt": "django==5.0\ncelery==5.3.0\nredis==5.0.0\n", "manage.py": "import django\n"}


def test_s8_fires_for_a_local_memory_cache_in_development(tmp_path):
    files = {**DJANGO,
             "proj/settings/dev.py": "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}\n",
             "proj/settings/production.py": "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache'}}\n"}
    found = fired(tmp_path, files, "F10-S8")
    assert {("proj/settings/dev.py", 1), ("proj/settings/production.py", 1)} <= lines(found)
    assert [f.strength.value for f in found] == ["moderate"]


def test_s8_fires_for_eager_celery_and_weakly_for_console_mail(tmp_path):
    files = {**DJANGO, "proj/settings/dev.py": "CELERY_TASK_ALWAYS_EAGER = True\n"
                                               "EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'\n",
             "proj/settings/production.py": "DEBUG = False\nEMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\n"}
    found = fired(tmp_path, files, "F10-S8")
    by_line = {(f.locations[0].path, f.locations[0].line): f.strength.value for f in found}
    assert by_line[("proj/settings/dev.py", 1)] == "moderate"
    assert by_line[("proj/settings/dev.py", 2)] == "weak"


def test_s8_is_silent_for_the_same_cache_everywhere_and_for_test_settings(tmp_path):
    files = {**DJANGO,
             "proj/settings/dev.py": "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache'}}\n",
             "proj/settings/production.py": "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache'}}\n",
             "proj/settings/test.py": "CELERY_TASK_ALWAYS_EAGER = True\n"}
    assert fired(tmp_path, files, "F10-S8") == []


# --- F10-S9 -----------------------------------------------------------------------------------------

def test_s9_fires_for_major_drift_between_compose_and_ci(tmp_path):
    ci = CI.replace("postgres:16", "postgres:13")
    found = fired(tmp_path, {**BASE, ".github/workflows/ci.yml": ci}, "F10-S9")
    assert [f.strength.value for f in found] == ["moderate"]
    assert {("docker-compose.yml", 6), (".github/workflows/ci.yml", 9)} <= lines(found)


def test_s9_patch_drift_is_weak_and_a_floating_tag_is_not_drift(tmp_path):
    ci = CI.replace("postgres:16", "postgres:16.1")
    compose = DEV_COMPOSE.replace("postgres:16", "postgres:16.3")
    found = fired(tmp_path / "patch", {**BASE, "docker-compose.yml": compose, ".github/workflows/ci.yml": ci}, "F10-S9")
    assert [f.strength.value for f in found] == ["weak"]
    floating = {**BASE, ".github/workflows/ci.yml": CI.replace("postgres:16", "postgres:16.2")}
    assert fired(tmp_path / "float", floating, "F10-S9") == []


# --- F10-S10 ----------------------------------------------------------------------------------------

def test_s10_fires_for_a_documented_manual_deploy(tmp_path):
    found = fired(tmp_path, {**BASE, "README.md": README}, "F10-S10")
    assert {("README.md", 6), ("README.md", 7), ("README.md", 8)} <= lines(found)
    assert found[0].message.param_dict()["section"] == "Deploy to production"


def test_s10_is_silent_for_local_setup_instructions(tmp_path):
    local = README.replace("Deploy to production", "Running locally")
    assert fired(tmp_path, {**BASE, "README.md": local}, "F10-S10") == []


def test_s7_fires_for_an_environment_branch_between_sqlite_and_postgresql(tmp_path):
    settings = """\
        import os

        if os.environ.get("APP_ENV") == "production":
            engine = create_engine(os.environ.get("DATABASE_URL", "postgresql://db/app"))
        else:
            engine = create_engine("sqlite:///dev.db")
        """
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n",
             "settings.py": settings}
    found = fired(tmp_path, files, "F10-S7")
    assert lines(found) == {("settings.py", 3)}
    assert found[0].message.param_dict()["value"] == "sqlite:///dev.db"
    same = settings.replace("sqlite:///dev.db", "postgresql://localhost/dev")
    assert fired(tmp_path / "same", {**files, "settings.py": same}, "F10-S7") == []


def test_s4_fires_for_a_gitlab_deploy_on_main_but_not_for_a_manual_job(tmp_path):
    gitlab = """\
        stages: [deploy]
        deploy_prod:
          stage: deploy
          script:
            - kubectl apply -f k8s/
          only:
            - main
        """
    found = fired(tmp_path, {**BASE, ".gitlab-ci.yml": gitlab}, "F10-S4")
    assert params(found, "job") == ["deploy_prod"]
    assert (".gitlab-ci.yml", 5) in lines(found)
    manual = gitlab.replace("          only:\n            - main\n", "          when: manual\n")
    assert fired(tmp_path / "manual", {**BASE, ".gitlab-ci.yml": manual}, "F10-S4") == []
