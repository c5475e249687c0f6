"""F08-S04: a process of the app detaches from its parent."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import processes, production
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule("F08-S04", factor=8, polarity=AGAINST, strength=STRONG, replaces=("F08-S4",))
def daemonizing(facts: AppFacts) -> Iterator[Hit]:
    """The app's process daemonizes: a flag, a detaching subcommand, `&`, or its own code.

    Why it matters: VIII. Concurrency — twelve-factor processes never daemonize; the platform's
    process manager runs, restarts and stops them, and loses track of a process that detached
    (its output leaves the log stream too).
    Fires on: `gunicorn --daemon`, `celery multi`, `celery worker --detach`, `pm2 start`,
    `forever start`, `nohup python app.py &`, a server sent to the background as the last command
    of a start script, `service nginx start` in an entrypoint, `daemon = True` in gunicorn.conf.py,
    code that forks and calls `setsid` or uses DaemonContext.
    Near miss: `pm2-runtime` or `pm2 start --no-daemon`; a helper sent to the background before an
    `exec` of the server; `daemon = False`.
    Fix: start the process in the foreground and end start scripts with `exec <server> ...`.
    """
    start_path = processes.start_path(facts)
    on_path = {(c.fact.path, c.fact.line) for c in start_path}
    for command in processes.unique(start_path + processes.host_script_commands(facts)):
        here = (command.fact.path, command.fact.line) in on_path
        how = processes.daemonizes(command, here)
        if how is None and processes.sent_away(command, here):
            how = processes.shown(command.argv, 4) + " &"
        if how:
            yield hit(command.fact, how=how, path=command.fact.path)
    for fact in processes.server_config(facts, "daemon"):
        setting = fact.data.value
        if setting is not None and setting.literal and setting.value is True:
            yield hit(fact, how="daemon = True", path=fact.path)
    by_file: dict[str, list[Fact]] = {}
    for fact in production(facts.of("process.daemon")):
        by_file.setdefault(fact.path, []).append(fact)
    for path in sorted(by_file):
        yield hit(*by_file[path], how=", ".join(sorted({str(f.data.api) for f in by_file[path]})), path=path)
