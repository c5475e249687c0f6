"""F03-S10: config grouped into named environments."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\n"}
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
