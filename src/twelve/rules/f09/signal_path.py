"""Whether SIGTERM reaches the app's process (F09-S06) or may stop at a shell or a package
manager in front of it (F09-S07): the two polarities of one concept, read from the start commands
and the app model's answers about PID 1 (``twelve.appmodel.shutdown``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TypedDict

from twelve import appmodel
from twelve.facts import AppFacts, Fact
from twelve.rules.f09._shared import excerpt, unique
from twelve.rules.registry import AGAINST, FOR, MODERATE, WEAK, Hit, hit, rule


class _Setting(TypedDict):
    runs_in: str
    place: str


def _setting(fact: Fact, via: str | None = None) -> _Setting:
    """Where the reading holds, named in the messages (issue 12, item 9): a Procfile line and an
    image's CMD may both start `npm run prod` and rightly get opposite readings, as the platform
    signals a Procfile's process group while a container signals its PID 1 alone. ``runs_in``
    is a word each catalogue translates (``[value.runs_in]``), ``place`` the file and line."""
    if via == "procfile" or fact.kind == "procfile.process":
        runs_in = "procfile"
    elif fact.kind.startswith("docker."):
        runs_in = "image"
    elif via == "entrypoint" or fact.kind.startswith("shell."):
        runs_in = "script"
    elif via in ("compose", "kubernetes"):
        runs_in = via
    else:
        runs_in = "container"
    return {"runs_in": runs_in, "place": f"{fact.path}:{fact.line}" if fact.line else fact.path}


def _exec_form(fact: Fact, via: str, argv: tuple[str, ...]) -> str:
    """The package script's command written so that it runs as PID 1 in place of the package
    manager, in the file that starts it: `ENTRYPOINT ["node", "--expose_gc", "server.mjs"]`."""
    words = json.dumps(list(argv), ensure_ascii=False)
    if fact.kind in ("docker.cmd", "docker.entrypoint"):
        return f"{fact.kind.split('.', 1)[1].upper()} {words}"
    if via == "entrypoint":
        return "exec " + " ".join(argv)
    return f"command: {words}"


@rule("F09-S06", factor=9, polarity=FOR, strength=MODERATE, ecosystems=("deploy",), replaces=("F09-S6",))
def sigterm_reaches_app(facts: AppFacts) -> Iterator[Hit]:
    """The process that receives SIGTERM is the app itself, or an init that forwards it.

    Why it matters: IX. Disposability — graceful shutdown only happens if the signal arrives; in
    a container SIGTERM goes to PID 1, and the platform signals a Procfile's processes directly.
    Fires on: `CMD ["gunicorn", "app:app"]` (exec form), `ENTRYPOINT ["tini", "--"]`, an entrypoint
    script ending in `exec "$@"` or `exec gunicorn ...`, a Procfile line, an exec-form compose command.
    Near miss: `CMD gunicorn app:app` (shell form: a shell is PID 1); a script ending in `gunicorn ...`
    without `exec`; `CMD ["npm", "start"]` (npm is PID 1, F09-S07), also behind an entrypoint script
    ending in `exec "$@"` (it execs npm); a command sent to the background.
    Fix: nothing to fix.
    """
    found: list[Hit] = []
    # one start gets one reading: where a package manager is PID 1 (F09-S07), the image's entrypoint
    # passing its arguments on (`exec "$@"`) hands the signal to the package manager, not the app
    managed = {
        s.fact.path for s in appmodel.lasting_starts(facts) if not s.background and appmodel.package_manager_pid1(s)
    }
    handed_on: set[str] = set()  # entrypoint scripts that exec a package manager given as CMD
    for head in appmodel.app_heads(facts):
        script = appmodel.head_script(facts, head)
        if head.path in managed or (script is not None and script.path in managed):
            if script is not None:
                handed_on.add(script.path)
            continue
        if appmodel.init_entrypoint(head) and head.entry is not None:
            found.append(hit(head.entry, command=excerpt(head.entry), **_setting(head.entry)))
        if script is not None and head.entry is not None and script.get("execs_args"):
            line = appmodel.args_line(facts, script)
            found.append(hit(line, command='exec "$@"', **_setting(line, "entrypoint")))
    for start in appmodel.lasting_starts(facts):
        if start.background or appmodel.package_manager_pid1(start):
            continue
        if start.via == "entrypoint" and start.fact.path in handed_on and start.argv[:1] in (("$@",), ("${@}",)):
            continue
        if (
            start.via == "procfile"
            or (start.via == "entrypoint" and start.exec_)
            or (start.via in ("dockerfile", "compose") and appmodel.execs_directly(start))
        ):
            found.append(hit(start.fact, command=excerpt(start.fact), **_setting(start.fact, start.via)))
    yield from unique(found)


@rule("F09-S07", factor=9, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",), replaces=("F09-S7",))
def sigterm_may_not_reach_app(facts: AppFacts) -> Iterator[Hit]:
    """A shell without `exec`, or a package manager, stands between SIGTERM and the app.

    A package manager as PID 1 is weak evidence (`npm` forwards the signal, unreliably); a shell
    is moderate evidence (it usually does not forward it at all).

    Why it matters: IX. Disposability — the app cannot stop gracefully on a signal it never
    receives: it is killed when the grace period ends, dropping the work in flight.
    Fires on: `CMD gunicorn app:app` or `CMD ["sh", "-c", "gunicorn app:app"]`; an entrypoint
    script whose last line is `gunicorn ...` without `exec`; `CMD ["npm", "start"]`.
    Near miss: `CMD ["gunicorn", "app:app"]`; `exec gunicorn ...` at the end of the script;
    `CMD ["sh", "-c", "exec gunicorn app:app"]`; `web: npm start` in a Procfile (the platform
    signals the process group).
    Fix: write the command in exec form, or start the script's last command with `exec`; run the
    package script's command directly instead of `npm start`.
    """
    found: list[Hit] = []
    stack = appmodel.advice_stack(facts)
    for head in appmodel.app_heads(facts):
        for fact in appmodel.shell_heads(facts, head):
            found.append(hit(fact, variant=stack, command=excerpt(fact), path=fact.path, **_setting(fact)))
    for start in appmodel.lasting_starts(facts):
        if start.background:
            continue
        if appmodel.package_manager_pid1(start):
            found.append(
                hit(
                    start.fact,
                    strength=WEAK,
                    variant="npm",
                    command=excerpt(start.fact),
                    manager=start.package_script,
                    script=" ".join(start.argv),
                    exec_form=_exec_form(start.fact, start.via, start.argv),
                    path=start.fact.path,
                    **_setting(start.fact, start.via),
                )
            )
        elif start.via == "entrypoint" and not (start.fact.get("exec") if start.package_script else start.exec_):
            found.append(
                hit(
                    start.fact,
                    variant=stack,
                    command=excerpt(start.fact),
                    path=start.fact.path,
                    **_setting(start.fact, start.via),
                )
            )
    yield from unique(found)
