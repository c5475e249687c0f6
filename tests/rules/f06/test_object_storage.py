"""Tests of F06-S11 (rules/f06/object_storage.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\n"}


def params(found, index=0):
    return found[index].message.param_dict()


def test_fires_on_an_s3_client_and_not_on_other_aws_clients(tmp_path):
    s3 = {**REQS, "storage.py": 'import boto3\ns3 = boto3.client("s3")\n'}
    found = fired(tmp_path / "a", s3, "F06-S11")
    assert lines(found) == {("storage.py", 2)} and params(found)["api"] == "boto3.client"
    sqs = {**REQS, "queue.py": 'import boto3\nsqs = boto3.client("sqs")\n'}
    assert fired(tmp_path / "b", sqs, "F06-S11") == []


def test_fires_on_a_django_storage_backend(tmp_path):
    files = {**REQS, "settings.py": 'STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}\n'}
    found = fired(tmp_path, files, "F06-S11")
    assert lines(found) == {("settings.py", 1)} and "S3Storage" in params(found)["api"]


def test_near_miss_the_file_system_storage(tmp_path):
    files = {
        **REQS,
        "settings.py": 'STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}\n',
    }
    assert fired(tmp_path, files, "F06-S11") == []
