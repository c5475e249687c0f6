"""F04-S10: a service locator kept in a committed configuration file."""

from __future__ import annotations

from helpers import fired, lines

RES = "src/main/resources"
POM = {
    "pom.xml": "<project><dependencies><dependency><groupId>org.springframework.boot</groupId>"
    "<artifactId>spring-boot-starter-data-redis</artifactId></dependency></dependencies></project>\n"
}


def test_s10_fires_for_a_literal_in_a_deployed_spring_profile(tmp_path):
    files = {
        **POM,
        f"{RES}/application.yml": "spring:\n  redis:\n    host: ${REDIS_HOST:localhost}\n",
        f"{RES}/application-prod.yml": "spring:\n  redis:\n    host: 10.1.2.3\n",
    }
    found = fired(tmp_path, files, "F04-S10")
    assert lines(found) == {(f"{RES}/application-prod.yml", 3)}
    assert found[0].message.param_dict()["service"] == "Redis"
    assert found[0].strength.value == "moderate"


def test_s10_near_miss_development_profile_and_environment_placeholder(tmp_path):
    files = {
        **POM,
        f"{RES}/application.yml": "spring:\n  redis:\n    host: ${REDIS_HOST}\n",
        f"{RES}/application-dev.yml": "spring:\n  redis:\n    host: 10.1.2.3\n",
    }
    assert fired(tmp_path, files, "F04-S10") == []


def test_s10_fires_for_a_node_config_module_read_by_the_client(tmp_path):
    files = {
        "package.json": '{"name": "blog", "dependencies": {"config-lite": "2.1.0", "mongolass": "4.1.1"}}',
        "config/default.js": "module.exports = {\n  port: 3000,\n  mongodb: 'mongodb://localhost:27017/blog'\n}\n",
        "lib/mongo.js": (
            "const config = require('config-lite')(__dirname)\nconst Mongolass = require('mongolass')\n"
            "const mongolass = new Mongolass()\nmongolass.connect(config.mongodb)\n"
        ),
    }
    found = fired(tmp_path, files, "F04-S10")
    assert lines(found) == {("config/default.js", 3), ("lib/mongo.js", 4)}
    assert found[0].message.param_dict()["service"] == "MongoDB"


def test_s10_near_miss_a_config_module_that_reads_the_environment(tmp_path):
    files = {
        "package.json": '{"name": "blog", "dependencies": {"config-lite": "2.1.0", "mongolass": "4.1.1"}}',
        "config/default.js": "module.exports = {\n  mongodb: process.env.MONGODB_URL\n}\n",
        "lib/mongo.js": (
            "const config = require('config-lite')(__dirname)\nconst Mongolass = require('mongolass')\n"
            "const mongolass = new Mongolass()\nmongolass.connect(config.mongodb)\n"
        ),
    }
    assert fired(tmp_path, files, "F04-S10") == []


COMPOSE = "services:\n  web:\n    build: .\n    env_file:\n      - ./deploy/app.env\n  db:\n    image: postgres:16\n"
SETTINGS = 'import os\nDATABASES = {"default": {"HOST": os.environ["POSTGRES_HOST"]}}\n'


def test_s10_fires_for_a_committed_env_file_that_the_deploy_loads(tmp_path):
    files = {
        "requirements.txt": "django==5.0.6\npsycopg==3.1.19\n",
        "settings.py": SETTINGS,
        "docker-compose.yml": COMPOSE,
        "deploy/app.env": "POSTGRES_HOST=db\nPOSTGRES_DB=app\n",
    }
    found = fired(tmp_path, files, "F04-S10")
    assert [f.message.key for f in found] == ["F04-S10.message_env_file"]
    assert found[0].message.param_dict()["names"] == "POSTGRES_HOST"


def test_s10_near_miss_an_untracked_env_file(tmp_path):
    files = {
        "requirements.txt": "django==5.0.6\npsycopg==3.1.19\n",
        "settings.py": SETTINGS,
        "docker-compose.yml": COMPOSE,
        "deploy/app.env": "POSTGRES_HOST=db\n",
        ".gitignore": "deploy/app.env\n",
    }
    assert fired(tmp_path, files, "F04-S10") == []
