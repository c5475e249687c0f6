"""Repositories the tests of factor X share."""

from __future__ import annotations

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


CONFIG = """\
    import os


    class Config:
        DEBUG = False


    class DevelopmentConfig(Config):
        SQLALCHEMY_DATABASE_URI = "sqlite:///dev.db"


    class ProductionConfig(Config):
        SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "postgresql://app@db/app")
    """


DJANGO = {"requirements.txt": "django==5.0\ncelery==5.3.0\nredis==5.0.0\n", "manage.py": "import django\n"}


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


DRIVERS = {
    "node": {
        "package.json": '{"name": "a", "version": "1.0.0", "dependencies": {"express": "4.19.2", "pg": "8.11.5"}}\n'
    },
    "go": {"go.mod": "module example.com/a\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.5.5\n"},
    "java": {
        "pom.xml": """\
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>a</groupId><artifactId>a</artifactId><version>1</version>
          <dependencies>
            <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency>
          </dependencies>
        </project>
        """
    },
    "ruby": {"Gemfile": 'source "https://rubygems.org"\ngem "pg", "~> 1.5"\n'},
}


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


RAILS = {
    "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.1.3"\ngem "pg", "~> 1.5"\n',
    "config.ru": "run Rails.application\n",
}


CLOUDBUILD = """\
    steps:
      - name: gcr.io/cloud-builders/docker
        args: ["build", "-t", "gcr.io/$PROJECT_ID/app:$SHORT_SHA", "."]
      - name: gcr.io/google.com/cloudsdktool/cloud-sdk
        entrypoint: gcloud
        args: ["run", "deploy", "app", "--image", "gcr.io/$PROJECT_ID/app:$SHORT_SHA"]
    """


# a Rails app with its Gemfile, lock and configuration (the Ruby stack's base repository)
_GEMFILE = {
    "Gemfile": """
    source "https://rubygems.org"
    gem "rails", "~> 7.1.3"
    gem "pg", "~> 1.5"
    gem "puma", ">= 6.4"
    gem "sidekiq", "~> 7.2"
    """
}
_LOCK = {
    "Gemfile.lock": """
    GEM
      remote: https://rubygems.org/
      specs:
        pg (1.5.6)
        puma (6.4.2)
        rails (7.1.3)
        sidekiq (7.2.2)

    PLATFORMS
      ruby

    DEPENDENCIES
      pg (~> 1.5)
      puma (>= 6.4)
      rails (~> 7.1.3)
      sidekiq (~> 7.2)
    """
}
_RAILS_APP = {
    "config.ru": 'require_relative "config/environment"\nrun Rails.application\n',
    "config/application.rb": """
    require "rails/all"
    module Shop
      class Application < Rails::Application
        config.load_defaults 7.1
      end
    end
    """,
}
RUBY = {**_GEMFILE, **_LOCK, **_RAILS_APP}
PRODUCTION_RB = "config/environments/production.rb"


# a Spring Boot build (Maven) with extra dependencies
def spring_pom(dependencies: str = "", *, packaging: str = "jar", plugins: str = "", boot: str = "3.3.5") -> str:
    return f"""
        <project>
          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>{boot}</version>
          </parent>
          <artifactId>app</artifactId>
          <packaging>{packaging}</packaging>
          <dependencies>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-web</artifactId>
            </dependency>{dependencies}
          </dependencies>
          <build><plugins>{plugins}</plugins></build>
        </project>
    """
