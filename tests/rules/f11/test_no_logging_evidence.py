"""F11-NE: nothing says where the event stream goes (a closing rule)."""

from __future__ import annotations

from f11_data import GO, REQS

from helpers import fired


def test_ne_fires_without_logging_evidence(tmp_path):
    found = fired(tmp_path, {**REQS, "app.py": "x = 1\n"}, "F11-NE")
    assert [f.effect.value for f in found] == ["inconclusive"]


def test_ne_near_miss_a_print(tmp_path):
    assert fired(tmp_path, {**REQS, "app.py": "print('x')\n"}, "F11-NE") == []


def test_ne_ignores_logging_evidence_outside_production(tmp_path):
    files = {**REQS, "app.py": "x = 1\n", "tests/test_x.py": "import logging\nh = logging.FileHandler('t.log')\n"}
    assert len(fired(tmp_path, files, "F11-NE")) == 1


def test_ne_is_silent_next_to_a_go_log_file(tmp_path):
    go = {
        **GO,
        "main.go": """
        package main

        import (
        	"log"
        	"os"
        )

        func main() {
        	f, _ := os.OpenFile("/var/log/app.log", os.O_CREATE|os.O_WRONLY, 0o644)
        	log.SetOutput(f)
        }
        """,
    }
    assert fired(tmp_path / "go", go, "F11-NE") == []  # F11-S01: the log file
    assert len(fired(tmp_path / "empty", {**GO, "main.go": "package main\n\nfunc main() {}\n"}, "F11-NE")) == 1
