"""F03-S10: config grouped into named environments."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\n"}
CONFIG_CLASSES = """
class Config:
    DEBUG = False

class DevelopmentConfig(Config):
    SQLALCHEMY_DATABASE_URI = "sqlite:///dev.db"

class ProductionConfig(Config):
    SQLALCHEMY_DATABASE_URI = "postgresql://app:Xy7pQ2rT9w@db.prod.example.com/app"
"""


def test_s10_fires_for_environment_classes_with_deploy_values(tmp_path):
    app = 'from flask import Flask\napp = Flask(__name__)\napp.config.from_object("config.ProductionConfig")\n'
    found = fired(tmp_path, {**REQ, "config.py": CONFIG_CLASSES, "app.py": app}, "F03-S10")
    groups = {f.message.param_dict()["group"] for f in found}
    assert groups == {"ProductionConfig", "config.ProductionConfig"}


def test_s10_is_silent_for_behaviour_only_classes(tmp_path):
    code = "class ProductionConfig:\n    DEBUG = False\n    TESTING = False\n"
    assert fired(tmp_path, {**REQ, "config.py": code}, "F03-S10") == []


POM = "<project><artifactId>api</artifactId></project>\n"


def test_s10_fires_for_a_spring_profile_with_deploy_values(tmp_path):
    files = {
        "pom.xml": POM,
        "src/main/resources/application.yml": "spring:\n  datasource:\n    url: ${DATABASE_URL}\n",
        "src/main/resources/application-prod.yml": "spring:\n  data:\n    redis:\n      host: 10.1.2.3\n"
        "  datasource:\n    jdbc-url: jdbc:postgresql://db.prod.internal:5432/app\n",
    }
    found = fired(tmp_path, files, "F03-S10")
    assert [(f.message.param_dict()["group"], f.message.key) for f in found] == [("prod", "F03-S10.message_spring")]
    assert found[0].strength.value == "moderate"


def test_s10_near_miss_spring_dev_profile_localhost_and_placeholders(tmp_path):
    files = {
        "pom.xml": POM,
        "src/main/resources/application-dev.yml": "spring:\n  redis:\n    host: 10.1.2.3\n",
        "src/main/resources/application-prod.yml": "spring:\n  redis:\n    host: ${REDIS_HOST}\n"
        "  datasource:\n    url: jdbc:postgresql://localhost:5432/app\n",
    }
    assert fired(tmp_path, files, "F03-S10") == []


RAILS = {
    "Gemfile": "source 'https://rubygems.org'\ngem 'rails', '7.1.3'\n",
    "config/application.rb": "require 'rails/all'\nmodule App\n  class Application < Rails::Application\n  end\nend\n",
}


def test_s10_fires_for_a_rails_environment_with_deploy_values(tmp_path):
    prod = (
        "Rails.application.configure do\n"
        "  config.cache_store = :redis_cache_store, { url: 'redis://10.0.0.12:6379/0' }\n"
        "  config.action_mailer.smtp_settings = { address: 'smtp.mailgun.org', port: 587 }\n"
        "  config.x.partner_api_url = 'https://partner.example.com/api'\n"
        "end\n"
    )
    files = {**RAILS, "config/environments/production.rb": prod}
    found = fired(tmp_path, files, "F03-S10")
    assert [(f.message.param_dict()["group"], f.message.key) for f in found] == [
        ("production", "F03-S10.message_rails")
    ]
    # a Rails environment file is configuration: its handles are not a handle written in the code
    assert fired(tmp_path, files, "F03-AP01") == []


def test_s10_near_miss_rails_development_environment_and_env_reads(tmp_path):
    files = {
        **RAILS,
        "config/environments/development.rb": "Rails.application.configure do\n"
        "  config.action_mailer.smtp_settings = { address: 'smtp.mailgun.org' }\n"
        "end\n",
        "config/environments/production.rb": "Rails.application.configure do\n"
        "  config.x.partner_api_url = ENV.fetch('PARTNER_API_URL')\n"
        "  config.action_mailer.smtp_settings = { address: ENV['SMTP_HOST'] }\n"
        "end\n",
    }
    assert fired(tmp_path, files, "F03-S10") == []


def test_s10_fires_for_the_production_block_of_database_yml(tmp_path):
    database = (
        "production:\n  adapter: postgresql\n  host: db.prod.internal\n  database: app\n"
        "  password: <%= ENV['DB_PASSWORD'] %>\ndevelopment:\n  adapter: postgresql\n  host: 10.0.0.5\n"
    )
    found = fired(tmp_path, {**RAILS, "config/database.yml": database}, "F03-S10")
    assert [(f.message.param_dict()["group"], f.message.param_dict()["names"]) for f in found] == [
        ("production", "production.host")
    ]
