"""F09-S09 (jobs acknowledged after they run) and F09-S12 (acknowledged on receipt)."""

from __future__ import annotations

from f09_data import REQS

from helpers import fired, lines


def test_s12_fires_for_auto_ack(tmp_path):
    code = "channel.basic_consume(queue='jobs', on_message_callback=handle, auto_ack=True)\n"
    found = fired(tmp_path, {**REQS, "consumer.py": code}, "F09-S12")
    assert lines(found) == {("consumer.py", 1)}
    assert found[0].message.param_dict()["api"] == "channel.basic_consume"


def test_s12_near_miss_manual_ack(tmp_path):
    code = "channel.basic_consume(queue='jobs', on_message_callback=handle, auto_ack=False)\n"
    assert fired(tmp_path, {**REQS, "consumer.py": code}, "F09-S12") == []


def test_s09_fires_for_late_acks(tmp_path):
    conf = "from celery import Celery\napp = Celery('proj')\napp.conf.update(task_acks_late=True, task_reject_on_worker_lost=True)\n"
    found = fired(tmp_path, {**REQS, "tasks.py": conf}, "F09-S09")
    assert lines(found) == {("tasks.py", 3)}
    assert "task_reject_on_worker_lost = True" in found[0].message.param_dict()["settings"]


def test_s09_near_miss_late_acks_disabled(tmp_path):
    conf = "from celery import Celery\napp = Celery('proj')\napp.conf.update(task_acks_late=False)\n"
    assert fired(tmp_path, {**REQS, "tasks.py": conf}, "F09-S09") == []
