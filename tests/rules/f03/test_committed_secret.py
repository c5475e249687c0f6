"""F03-S01: a real-looking secret in a tracked file."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s01_fires_for_a_key_format_in_any_tracked_file(tmp_path):
    # AKIAIOSFODNN7EXAMPLE, AWS's documentation key, is a placeholder: not reported
    files = {**REQ, "deploy/notes.yaml": "aws_key: AKIAQ7WZ3XK2PL9MNB4V\ndocs_key: AKIAIOSFODNN7EXAMPLE\n"}
    found = fired(tmp_path, files, "F03-S01")
    assert lines(found) == {("deploy/notes.yaml", 1)}
    assert "AKIAQ7WZ3XK2PL9MNB4V" not in found[0].message.param_dict()["value"]


def test_s01_is_weak_in_tests_and_silent_for_placeholders(tmp_path):
    found = fired(
        tmp_path / "a", {**REQ, "tests/test_api.py": 'TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"\n'}, "F03-S01"
    )
    assert found[0].strength.value == "weak"
    placeholders = {**REQ, "config.yaml": "password: ${DB_PASSWORD}\napi_key: changeme\n"}
    assert fired(tmp_path / "b", placeholders, "F03-S01") == []


def test_s01_leaves_a_python_setting_to_f03_s02(tmp_path):
    code = 'from flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "s3cr3t-Kd8f7Gh2Jk4"\n'
    assert ("app.py", 3) not in lines(fired(tmp_path, {**REQ, "app.py": code}, "F03-S01"))


AZURE_KEY = "l+3D5Xfhf4uindfMpGye59fuZRxv97jl+TQKzkBDWYMJ4l74jRbHn1n2QenpjSZ4tqwNRU0MSGdr2GPuzrtYFA=="


def test_s01_fires_for_azure_account_and_shared_access_keys_under_any_name(tmp_path):
    values = (
        "env:\n"
        f'  STORAGE: "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={AZURE_KEY};EndpointSuffix=core.windows.net"\n'
        '  BUS: "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=app;'
        'SharedAccessKey=Xk9mQ2vLp7WzR4tYb8NcXk9mQ2vLp7WzR4tYb8NcAb0="\n'
    )
    found = fired(tmp_path, {**REQ, "deploy/chart/values.yaml": values}, "F03-S01")
    assert lines(found) == {("deploy/chart/values.yaml", 2), ("deploy/chart/values.yaml", 3)}
    assert all(AZURE_KEY[:8] not in f.message.param_dict()["value"] for f in found)


def test_s01_azure_near_miss_emulator_key_placeholder_and_instrumentation_key(tmp_path):
    # Azurite's published development key, a placeholder, and an Application Insights
    # connection string (an ingestion identifier, not a credential)
    values = (
        "env:\n"
        '  AZURITE: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtl'
        'CDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"\n'
        '  STORAGE: "AccountName=acme;AccountKey=<your-account-key>"\n'
        '  INSIGHTS: "InstrumentationKey=76ae0e4d-5b1f-4081-915a-34cd49c8c4c2;IngestionEndpoint=https://x.in.ai.azure.com/"\n'
    )
    assert fired(tmp_path, {**REQ, "deploy/chart/values.yaml": values}, "F03-S01") == []


def test_s01_a_made_up_password_counts_in_shipped_code_and_production_values(tmp_path):
    # `1234qwer` and `Summer2024!` are graded trivial for their shape, but production uses them
    files = {
        **REQ,
        "src/main/java/app/Users.java": 'class Users {\n    public static final String DEFAULT_PASSWORD = "1234qwer";\n}\n',
        "deploy/values-prod.yaml": 'database:\n  password: "Summer2024!"\n',
    }
    found = fired(tmp_path, files, "F03-S01")
    assert lines(found) == {("src/main/java/app/Users.java", 2), ("deploy/values-prod.yaml", 2)}
    assert {f.strength.value for f in found} == {"strong"}


def test_s01_made_up_password_near_miss_tests_dev_files_and_throwaway_values(tmp_path):
    files = {
        **REQ,
        "src/test/java/app/UsersTest.java": 'class UsersTest {\n    static final String PASSWORD = "Summer2024!";\n}\n',
        "deploy/values-dev.yaml": 'database:\n  password: "Summer2024!"\n',
        "src/main/java/app/Db.java": 'class Db {\n    static final String DB_PASSWORD = "password123";\n}\n',
    }
    assert fired(tmp_path, files, "F03-S01") == []


def test_s01_leaves_a_value_f03_s02_reports_to_it_even_on_another_line(tmp_path):
    # one secret, one finding: the default F03-S02 reports on line 2 is the value quoted again on line 4
    hexkey = "a5ede966e868972997e06022ca65ab7a8b869c1fd8d144967cab47b52fe28aaa"
    code = (
        f'import os\nSECRET_KEY = os.getenv("SECRET_KEY", "{hexkey}")\n'
        f'# the default above, for reference:\n# secret_key = "{hexkey}"\n'
    )
    assert fired(tmp_path / "a", {**REQ, "settings.py": code}, "F03-S01") == []
    assert lines(fired(tmp_path / "b", {**REQ, "settings.py": code}, "F03-S02")) == {("settings.py", 2)}


def test_s01_reports_a_url_password_in_settings_that_f03_s02_does_not(tmp_path):
    # F03-S02 reads Spring credentials by their property's name: the password inside a datasource
    # URL is F03-S01's to report
    files = {
        "pom.xml": "<project><artifactId>api</artifactId></project>\n",
        "src/main/resources/application.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://app:Xk9mQ2vLp7WzR4t@db.example.com:5432/app\n",
    }
    assert lines(fired(tmp_path, files, "F03-S01")) == {("src/main/resources/application.yml", 3)}
