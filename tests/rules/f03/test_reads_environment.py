"""F03-S15: settings read from environment variables (code, settings classes, Spring placeholders)."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\n"}
RES = "src/main/resources"
JAVA = "src/main/java/com/acme"


def test_s15_fires_for_environment_reads(tmp_path):
    code = 'import os\nHOST = os.getenv("DB_HOST")\nKEY = os.environ["SECRET_KEY"]\n'
    found = fired(tmp_path, {**REQ, "app.py": code}, "F03-S15")
    assert found[0].message.param_dict()["names"] == "DB_HOST, SECRET_KEY"


def test_s15_is_silent_without_reads_and_fires_for_settings_classes(tmp_path):
    assert fired(tmp_path / "a", {**REQ, "app.py": "x = 1\n"}, "F03-S15") == []
    code = "from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    database_url: str\n"
    assert fired(tmp_path / "b", {**REQ, "settings.py": code}, "F03-S15")


def test_s15_spring_fires_for_placeholders(tmp_path):
    found = fired(
        tmp_path,
        {
            f"{RES}/application.yml": "spring:\n  datasource:\n    url: ${DATABASE_URL}\nserver:\n  port: ${PORT:8080}\n",
            f"{JAVA}/Pay.java": 'class Pay { @Value("${PAYMENTS_URL}") String url; }\n',
        },
        "F03-S15",
    )
    assert [f.message.key for f in found] == ["F03-S15.message_spring"]
    assert found[0].message.param_dict()["names"] == "DATABASE_URL, PAYMENTS_URL, PORT"


def test_s15_spring_is_silent_for_literals_and_a_dev_profile(tmp_path):
    found = fired(
        tmp_path,
        {
            f"{RES}/application.yml": "spring:\n  application:\n    name: shop\n",
            f"{RES}/application-dev.yml": "server:\n  port: ${PORT:8080}\n",
        },
        "F03-S15",
    )
    assert found == []


def test_s15_counts_reads_whose_names_are_all_computed(tmp_path):
    from twelve.locale import Catalog

    files = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": 'import os\nfor name in ("A", "B"):\n    os.getenv(name)\n',
    }
    found = fired(tmp_path, files, "F03-S15")
    assert [f.message.key for f in found] == ["F03-S15.message_unnamed"]
    assert "?" not in Catalog("en").render(found[0].message)
