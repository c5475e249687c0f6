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


# --- production definitions of every deploy descriptor ------------------------------------------------

STATEFULSET = """\
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: db
    spec:
      template:
        spec:
          initContainers:
            - name: wait
              image: postgres:12
          containers:
            - name: postgres
              image: postgres:{tag}
    """
MIGRATION_JOB = """\
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: dump
    spec:
      template:
        spec:
          containers:
            - name: dump
              image: postgres:11
    """


def test_s1_strong_with_a_kubernetes_statefulset_of_the_same_major(tmp_path):
    found = fired(tmp_path, {**BASE, "k8s/db.yaml": STATEFULSET.format(tag="16.2")}, "F10-S1")
    assert [f.strength.value for f in found] == ["strong"]
    assert lines(found) == {("docker-compose.yml", 6), ("k8s/db.yaml", 13)}
    assert params(found, "matches") == ["k8s/db.yaml:13 (postgres:16.2)"]


def test_s9_fires_for_drift_with_kubernetes_but_not_for_init_containers_or_jobs(tmp_path):
    found = fired(tmp_path / "drift", {**BASE, "k8s/db.yaml": STATEFULSET.format(tag="13")}, "F10-S9")
    assert lines(found) == {("docker-compose.yml", 6), ("k8s/db.yaml", 13)}
    # the init container (postgres:12) and the Job (postgres:11) run client tools, not the database
    same = {**BASE, "k8s/db.yaml": STATEFULSET.format(tag="16"), "k8s/dump.yaml": MIGRATION_JOB}
    assert fired(tmp_path / "same", same, "F10-S9") == []
    templated = STATEFULSET.format(tag="16").replace("image: postgres:16", 'image: "{{ .Values.db.image }}"')
    assert fired(tmp_path / "tpl", {**BASE, "chart/templates/db.yaml": templated}, "F10-S9") == []


def test_s1_reads_helm_values_images_and_chart_dependencies(tmp_path):
    values = "postgresql:\n  image:\n    registry: docker.io\n    repository: bitnami/postgresql\n    tag: 16.2.0\n"
    chart = """\
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - name: redis
            version: 18.1.0
            repository: https://charts.bitnami.com/bitnami
        """
    compose = DEV_COMPOSE.rstrip(" ") + "      cache:\n        image: redis:7\n"
    files = {**BASE, "docker-compose.yml": compose, "chart/values.yaml": values, "chart/Chart.yaml": chart}
    found = {f.message.param_dict()["engine"]: f for f in fired(tmp_path, files, "F10-S1")}
    assert found["PostgreSQL"].strength.value == "strong" and ("chart/values.yaml", 5) in lines([found["PostgreSQL"]])
    # a chart version is not the engine's: the dependency only confirms the engine
    assert found["Redis"].message.key == "F10-S1.message_undeclared"
    assert ("chart/Chart.yaml", 5) in lines([found["Redis"]])


def test_s9_compares_platform_databases_and_s1_spring_production_profiles(tmp_path):
    render = """\
        databases:
          - name: shop-db
            postgresMajorVersion: 15
        services:
          - type: web
            name: web
            runtime: python
            startCommand: gunicorn app:app
        """
    found = fired(tmp_path / "render", {**BASE, "render.yaml": render}, "F10-S9")
    assert ("render.yaml", 2) in lines(found) and "render shop-db: PostgreSQL 15" in params(found, "versions")[0]
    spring = {"src/main/resources/application-prod.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db.internal/shop\n",
              "docker-compose.yml": DEV_COMPOSE, "pom.xml": "<project><modelVersion>4.0.0</modelVersion></project>\n"}
    found = fired(tmp_path / "spring", spring, "F10-S1")
    assert lines(found) == {("docker-compose.yml", 6), ("src/main/resources/application-prod.yml", 3)}
    assert params(found, "engine") == ["PostgreSQL"]


CIRCLECI = """\
    version: 2.1
    jobs:
      test:
        docker:
          - image: cimg/python:3.12
          - image: {service}
        steps:
          - run: pytest
    workflows:
      main:
        jobs: [test]
    """


def test_s2_knows_circleci_database_images(tmp_path):
    found = fired(tmp_path, {**BASE, ".circleci/config.yml": CIRCLECI.format(service="cimg/postgres:16.2")}, "F10-S2")
    assert params(found, "service") == ["cimg/postgres:16.2"] and (".circleci/config.yml", 6) in lines(found)
    other = {**BASE, ".circleci/config.yml": CIRCLECI.format(service="cimg/node:20.11")}
    assert fired(tmp_path / "other", other, "F10-S2") == []


DRIVERS = {
    "node": {"package.json": '{"name": "a", "version": "1.0.0", "dependencies": {"express": "4.19.2", "pg": "8.11.5"}}\n'},
    "go": {"go.mod": "module example.com/a\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.5.5\n"},
    "java": {"pom.xml": """\
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>a</groupId><artifactId>a</artifactId><version>1</version>
          <dependencies>
            <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency>
          </dependencies>
        </project>
        """},
    "ruby": {"Gemfile": 'source "https://rubygems.org"\ngem "pg", "~> 1.5"\n'},
}


def test_s1_reads_the_drivers_of_every_ecosystem(tmp_path):
    expected = {"node": "package.json:1 (pg)", "go": "go.mod:5 (github.com/jackc/pgx/v5)",
                "java": "pom.xml:5 (org.postgresql:postgresql)", "ruby": "Gemfile:2 (pg)"}
    for name, manifest in DRIVERS.items():
        found = fired(tmp_path / name, {**manifest, "docker-compose.yml": DEV_COMPOSE}, "F10-S1")
        assert params(found, "matches") == [expected[name]], name
    mongo = {**DRIVERS["node"], "docker-compose.yml": DEV_COMPOSE.replace("postgres:16", "mongo:7")}
    assert fired(tmp_path / "mongo", mongo, "F10-S1") == []  # pg does not talk to MongoDB


# --- F10-S7 for Spring profiles and Rails environments -------------------------------------------------

RES = "src/main/resources"
POM_H2 = """\
    <project>
      <modelVersion>4.0.0</modelVersion>
      <groupId>a</groupId><artifactId>a</artifactId><version>1</version>
      <dependencies>
        <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><scope>runtime</scope></dependency>
        <dependency><groupId>com.h2database</groupId><artifactId>h2</artifactId><scope>test</scope></dependency>
        {extra}
      </dependencies>
    </project>
    """


def test_value_engine_reads_jdbc_and_r2dbc_urls():
    from twelve.rules.f10_dev_prod_parity import value_engine

    assert value_engine("jdbc:postgresql://db:5432/app") == "postgresql"
    assert value_engine("jdbc:h2:mem:app") == "h2"
    assert value_engine("r2dbc:mysql://db/app") == "mysql"
    assert value_engine("jdbc:tc:postgresql:16:///app") == "postgresql"
    assert value_engine("app.db") is None


def test_s7_fires_for_an_embedded_database_in_a_spring_development_profile(tmp_path):
    files = {f"{RES}/application-dev.yml": "spring:\n  datasource:\n    url: jdbc:h2:mem:app\n",
             f"{RES}/application.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n"}
    found = fired(tmp_path, files, "F10-S7")
    assert lines(found) == {(f"{RES}/application-dev.yml", 3), (f"{RES}/application.yml", 3)}
    assert params(found, "embedded") == ["H2"] and params(found, "engine") == ["PostgreSQL"]
    assert found[0].strength.value == "strong" and found[0].scope.value == "production"


def test_s7_is_moderate_for_an_embedded_database_dependency_unless_testcontainers(tmp_path):
    found = fired(tmp_path / "h2", {"pom.xml": POM_H2.format(extra="")}, "F10-S7")
    assert [(f.message.key, f.strength.value) for f in found] == [("F10-S7.message_dependency", "moderate")]
    assert lines(found) == {("pom.xml", 5), ("pom.xml", 6)}
    containers = "<dependency><groupId>org.testcontainers</groupId><artifactId>postgresql</artifactId><scope>test</scope></dependency>"
    assert fired(tmp_path / "tc", {"pom.xml": POM_H2.format(extra=containers)}, "F10-S7") == []


RAILS = {"Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1.3"\ngem "pg", "~> 1.5"\n',
         "config.ru": "run Rails.application\n"}


def test_s7_fires_for_sqlite_rails_environments_next_to_a_postgresql_production(tmp_path):
    database = """\
        development:
          adapter: sqlite3
          database: db/development.sqlite3
        test:
          adapter: sqlite3
          database: db/test.sqlite3
        production:
          adapter: postgresql
          url: <%= ENV["DATABASE_URL"] %>
        """
    found = fired(tmp_path, {**RAILS, "config/database.yml": database}, "F10-S7")
    assert {tuple(sorted(lines([f]))) for f in found} == {(("config/database.yml", 2), ("config/database.yml", 8)),
                                                          (("config/database.yml", 5), ("config/database.yml", 8))}
    assert set(params(found, "lite")) == {"config/database.yml:2 (development)", "config/database.yml:5 (test)"}
    assert params(found, "value") == ["adapter: sqlite3"] * 2


def test_s7_is_silent_for_rails_on_postgresql_everywhere(tmp_path):
    database = "development:\n  adapter: postgresql\nproduction:\n  adapter: postgresql\n"
    assert fired(tmp_path, {**RAILS, "config/database.yml": database}, "F10-S7") == []


# --- F10-AP1 with triggers configured elsewhere -------------------------------------------------------

CLOUDBUILD = """\
    steps:
      - name: gcr.io/cloud-builders/docker
        args: ["build", "-t", "gcr.io/$PROJECT_ID/app:$SHORT_SHA", "."]
      - name: gcr.io/google.com/cloudsdktool/cloud-sdk
        entrypoint: gcloud
        args: ["run", "deploy", "app", "--image", "gcr.io/$PROJECT_ID/app:$SHORT_SHA"]
    """


def test_ap1_cannot_tell_when_cloud_build_triggers_are_configured_outside(tmp_path):
    assert fired(tmp_path / "only", {**BASE, "cloudbuild.yaml": CLOUDBUILD}, "F10-AP1") == []
    ci = CI.replace("flyctl deploy --remote-only", "echo done").replace("deploy:", "lint:").replace("Roll out", "Lint")
    both = {**BASE, "cloudbuild.yaml": CLOUDBUILD, ".github/workflows/ci.yml": ci}
    assert fired(tmp_path / "both", both, "F10-AP1") == []  # the externally triggered pipeline deploys


def test_ap1_still_fires_when_an_external_pipeline_only_builds(tmp_path):
    build_only = CLOUDBUILD.split("      - name: gcr.io/google.com")[0]
    ci = CI.replace("flyctl deploy --remote-only", "echo done").replace("deploy:", "lint:").replace("Roll out", "Lint")
    found = fired(tmp_path, {**BASE, "cloudbuild.yaml": build_only, ".github/workflows/ci.yml": ci}, "F10-AP1")
    assert "cloudbuild.yaml" in found[0].message.param_dict()["checked"]


def test_definitions_include_spring_production_profiles_and_rails_production_blocks(tmp_path):
    from helpers import make_repo

    from twelve.facts import extract_all
    from twelve.repository import open_repository
    from twelve.rules.f10_dev_prod_parity import definitions

    files = {**RAILS, "config/database.yml": "development:\n  adapter: sqlite3\nproduction:\n  adapter: postgresql\n",
             f"{RES}/application-prod.yml": "spring:\n  datasource:\n    url: jdbc:mysql://db.internal/shop\n",
             f"{RES}/application-dev.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://localhost/shop\n"}
    repo = open_repository(str(make_repo(tmp_path, files)))
    found = definitions(extract_all(repo, 2 ** 21).for_app(repo.apps[0]))
    assert {(d.engine, d.side, d.where.path, d.where.line, d.version) for d in found} == {
        ("postgresql", "prod", "config/database.yml", 4, None),
        ("mysql", "prod", f"{RES}/application-prod.yml", 3, None)}


def test_drivers_of_every_ecosystem_name_their_engine_go_modules_at_any_major_version():
    from twelve.facts.model import Fact, data_for
    from twelve.appmodel import driver_engine

    def dep(ecosystem, name):
        return Fact("dep.declared", "manifest", 1, "", data_for("dep.declared", {"ecosystem": ecosystem, "name": name}))

    assert driver_engine(dep("go", "github.com/jackc/pgx/v5")) == "postgresql"
    assert driver_engine(dep("go", "github.com/jackc/pgx")) == "postgresql"
    assert driver_engine(dep("go", "github.com/redis/go-redis/v9")) == "redis"
    assert driver_engine(dep("node", "mysql2")) == "mysql"
    assert driver_engine(dep("java", "com.h2database:h2")) == "h2"
    assert driver_engine(dep("ruby", "trilogy")) == "mysql"
    assert driver_engine(dep("python", "psycopg2-binary")) == "postgresql"
    assert driver_engine(dep("node", "left-pad")) is None


def test_templated_images_name_no_engine():
    from twelve.appmodel import image_engine

    assert image_engine({"image": "postgres", "tag": "16"}) == ("postgresql", "16")
    assert image_engine({"image": "{{ .Values.db.image }}", "tag": "16"}) is None
    assert image_engine({"image": "${DB_IMAGE}", "tag": ""}) is None
