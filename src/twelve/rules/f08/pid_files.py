"""F08-S05: the app writes a PID file."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import processes, production
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule("F08-S05", factor=8, polarity=AGAINST, strength=STRONG, replaces=("F08-S5",))
def pid_files(facts: AppFacts) -> Iterator[Hit]:
    """A server or worker writes its process id to a file.

    Why it matters: VIII. Concurrency — PID files are the process manager's business; the app
    managing its own is a sign it manages its lifecycle, and a stale file left by a crash can
    block the next start.
    Fires on: `gunicorn --pid /run/app.pid`, `celery beat --pidfile=/tmp/beat.pid`, `puma -P
    tmp/pids/puma.pid`, `pidfile = "..."` in gunicorn.conf.py, code writing `os.getpid()` to a file.
    Near miss: `--pidfile=` (empty) or `--pidfile /dev/null`, the usual way to switch the file off
    in a container.
    Fix: remove the PID file and let the platform track the process.
    """
    for command in processes.unique(processes.start_path(facts) + processes.host_script_commands(facts)):
        how = processes.pid_file(command)
        if how:
            yield hit(command.fact, how=how, path=command.fact.path)
    for fact in processes.server_config(facts, "pidfile"):
        setting = fact.data.value
        value = setting.value if setting is not None else None
        if setting is None or not setting.literal or (value and value != "/dev/null"):
            yield hit(fact, how=f"pidfile = {value if value is not None else '…'}", path=fact.path)
    for fact in production(facts.of("process.pidfile")):
        yield hit(fact, how="os.getpid() → file", path=fact.path)
