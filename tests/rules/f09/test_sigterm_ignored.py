"""F09-S13: SIGTERM ignored, or handled by exiting at once."""

from __future__ import annotations

from f09_data import EXPRESS, PACKAGE_JSON, REQS, params

from helpers import fired, lines


def test_s13_fires_for_an_ignored_sigterm_and_a_trap(tmp_path):
    files = {
        **REQS,
        "worker.py": "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n",
        "run.sh": "#!/bin/sh\ntrap '' TERM\nexec python worker.py\n",
    }
    found = fired(tmp_path, files, "F09-S13")
    assert lines(found) == {("worker.py", 2), ("run.sh", 2)}
    assert "signal.signal(SIGTERM, SIG_IGN)" in params(found, "handler")


def test_s13_near_miss_a_draining_handler(tmp_path):
    files = {
        **REQS,
        "worker.py": """
        import signal

        def stop(signum, frame):
            queue.close()

        signal.signal(signal.SIGTERM, stop)
        """,
    }
    assert fired(tmp_path, files, "F09-S13") == []


def test_s13_names_the_handler_in_its_own_language(tmp_path):
    go = {
        "go.mod": "module example.com/worker\n\ngo 1.22\n",
        "main.go": 'package main\n\nimport (\n\t"os/signal"\n\t"syscall"\n)\n\n'
        "func main() {\n\tsignal.Ignore(syscall.SIGTERM)\n\tselect {}\n}\n",
    }
    found = fired(tmp_path / "go", go, "F09-S13")
    assert params(found, "handler") == ["signal.Ignore(SIGTERM)"]
    assert lines(found) == {("main.go", 9)}
    node = {"package.json": PACKAGE_JSON, "server.js": EXPRESS + 'process.on("SIGTERM", () => process.exit(0));\n'}
    assert params(fired(tmp_path / "node", node, "F09-S13"), "handler") == ['process.on("SIGTERM", function)']
