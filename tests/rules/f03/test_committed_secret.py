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
    found = fired(tmp_path / "a", {**REQ, "tests/test_api.py": 'TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"\n'}, "F03-S01")
    assert found[0].strength.value == "weak"
    placeholders = {**REQ, "config.yaml": "password: ${DB_PASSWORD}\napi_key: changeme\n"}
    assert fired(tmp_path / "b", placeholders, "F03-S01") == []


def test_s01_leaves_a_python_setting_to_f03_s02(tmp_path):
    code = 'from flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "s3cr3t-Kd8f7Gh2Jk4"\n'
    assert ("app.py", 3) not in lines(fired(tmp_path, {**REQ, "app.py": code}, "F03-S01"))


AZURE_KEY = "l+3D5Xfhf4uindfMpGye59fuZRxv97jl+TQKzkBDWYMJ4l74jRbHn1n2QenpjSZ4tqwNRU0MSGdr2GPuzrtYFA=="


def test_s01_fires_for_azure_account_and_shared_access_keys_under_any_name(tmp_path):
    values = ("env:\n"
              f'  STORAGE: "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={AZURE_KEY};EndpointSuffix=core.windows.net"\n'
              '  BUS: "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=app;'
              'SharedAccessKey=Xk9mQ2vLp7WzR4tYb8NcXk9mQ2vLp7WzR4tYb8NcAb0="\n')
    found = fired(tmp_path, {**REQ, "deploy/chart/values.yaml": values}, "F03-S01")
    assert lines(found) == {("deploy/chart/values.yaml", 2), ("deploy/chart/values.yaml", 3)}
    assert all(AZURE_KEY[:8] not in f.message.param_dict()["value"] for f in found)


def test_s01_azure_near_miss_emulator_key_placeholder_and_instrumentation_key(tmp_path):
    # Azurite's published development key, a placeholder, and an Application Insights
    # connection string (an ingestion identifier, not a credential)
    values = ("env:\n"
              '  AZURITE: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtl'
              'CDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"\n'
              '  STORAGE: "AccountName=acme;AccountKey=<your-account-key>"\n'
              '  INSIGHTS: "InstrumentationKey=76ae0e4d-5b1f-4081-915a-34cd49c8c4c2;IngestionEndpoint=https://x.in.ai.azure.com/"\n')
    assert fired(tmp_path, {**REQ, "deploy/chart/values.yaml": values}, "F03-S01") == []
