"""The environments model: definitions, engines of values, drivers and images."""

from __future__ import annotations

from f10_data import RAILS, RES


def test_value_engine_reads_jdbc_and_r2dbc_urls():
    from twelve.appmodel.environments import value_engine

    assert value_engine("jdbc:postgresql://db:5432/app") == "postgresql"
    assert value_engine("jdbc:h2:mem:app") == "h2"
    assert value_engine("r2dbc:mysql://db/app") == "mysql"
    assert value_engine("jdbc:tc:postgresql:16:///app") == "postgresql"
    assert value_engine("app.db") is None


def test_definitions_include_spring_production_profiles_and_rails_production_blocks(tmp_path):
    from helpers import make_repo
    from twelve.appmodel.environments import definitions
    from twelve.facts import extract_all
    from twelve.repository import open_repository

    files = {
        **RAILS,
        "config/database.yml": "development:\n  adapter: sqlite3\nproduction:\n  adapter: postgresql\n",
        f"{RES}/application-prod.yml": "spring:\n  datasource:\n    url: jdbc:mysql://db.internal/shop\n",
        f"{RES}/application-dev.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://localhost/shop\n",
    }
    repo = open_repository(str(make_repo(tmp_path, files)))
    found = definitions(extract_all(repo, 2**21).for_app(repo.apps[0]))
    assert {(d.engine, d.side, d.where.path, d.where.line, d.version) for d in found} == {
        ("postgresql", "prod", "config/database.yml", 4, None),
        ("mysql", "prod", f"{RES}/application-prod.yml", 3, None),
    }


def test_drivers_of_every_ecosystem_name_their_engine_go_modules_at_any_major_version():
    from twelve.appmodel import driver_engine
    from twelve.facts.model import Fact, data_for

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
