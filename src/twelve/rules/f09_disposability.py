"""IX. Disposability: maximize robustness with fast startup and graceful shutdown.

The rules follow one process from its start command: does the process that receives SIGTERM
(PID 1 in a container, the process the platform signals) stop gracefully, does the signal reach
it at all, and how much work stands between the start command and a ready process.

Servers of every stack that drain on SIGTERM by default count as graceful (gunicorn, uvicorn,
Puma, Sidekiq, a Spring Boot jar with graceful shutdown...). A process with no graceful server
and no handler is reported here only for Python programs: Node.js (F09-S2b), Go (F09-S3b) and
Spring Boot (F09-S4/S4b) have their own rules, and so have their handlers and hooks (F09-S2,
F09-S3, F09-S4), which F09-S1 does not repeat.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.shellwords import split_commands
from twelve.model import Effect, Location
from twelve.knowledge import programs
from twelve import appmodel
from twelve.rules import stack_jvm
from twelve.appmodel import (
    INIT_PROGRAMS, SHELLS, DockerHead, Start, docker_heads, gunicorn_configs, head_script, running_starts,
    long_running_starts, shell_form, shell_string, starts_with_exec, unwrap,
)
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, NEUTRAL, STRONG, WEAK, Hit, hit, rule

#: servers that, on SIGTERM, stop accepting connections and let in-flight requests finish
GRACEFUL_SERVERS = programs.names(programs.WEB_SERVER, ecosystem="python", graceful=True)
#: job runners whose SIGTERM is a warm shutdown (finish the current job, take no new one)
WARM_WORKERS = {"celery": "worker", "rq": "worker", "rqworker": ""}
#: Ruby servers and job runners whose TERM is a graceful stop (criteria F09-S5: framework
#: defaults); Unicorn is not among them: its TERM is a quick shutdown, QUIT the graceful one
RUBY_GRACEFUL = programs.names(ecosystem="ruby", graceful=True)
_RUBY_GRACEFUL_TASKS = re.compile(r"^(solid_queue:start|good_job:start)$")
#: programs that start Python code (F09-AP2 judges these; the other stacks have their own rules)
_PYTHON_PROGRAMS = re.compile(r"^(python[\d.]*|pypy[\d.]*|flask|django-admin|manage\.py|gunicorn3?|uvicorn|hypercorn|daphne|"
                              r"granian|waitress-serve|uwsgi|celery|rq|rqworker|dramatiq|arq|huey_consumer|faust|"
                              r"streamlit|panel|bokeh|gradio|chainlit|[\w.-]+\.py)$")
_JS_LANGS = frozenset({"javascript", "typescript"})
#: programs whose shutdown behaviour this module cannot judge (F08 looks at supervisors)
_UNJUDGED = appmodel.SUPERVISORS | {"uwsgi"}
SIGTERM = frozenset({"SIGTERM", "15"})
_LONG_TIMEOUT = 120
_LONG_SLEEP = 10


def _excerpt(fact: Fact) -> str:
    return fact.excerpt or " ".join(fact.get("argv", ()))


def _unique(hits: Iterable[Hit]) -> Iterator[Hit]:
    """One hit per first location: several derivations may reach the same line."""
    seen: set[tuple[str, int | None]] = set()
    for found in hits:
        key = (found.locations[0].path, found.locations[0].line) if found.locations else ("", None)
        if key not in seen:
            seen.add(key)
            yield found


# --- graceful shutdown --------------------------------------------------------------------------


def graceful_server(facts: AppFacts, start: Start) -> str | None:
    """The name of the server or worker that stops gracefully on SIGTERM by default: Python
    servers and warm-shutdown workers, Puma/Sidekiq/Falcon/GoodJob/Solid Queue (also behind
    `bundle exec`), and a Spring Boot jar whose graceful shutdown F09-S4 finds."""
    program = start.program
    if program in GRACEFUL_SERVERS:
        return program
    if program in WARM_WORKERS and (not WARM_WORKERS[program] or WARM_WORKERS[program] in start.argv):
        return f"{program} {WARM_WORKERS[program]}".strip()
    if program in RUBY_GRACEFUL:
        return program
    if program in ("rake", "rails") and any(_RUBY_GRACEFUL_TASKS.match(w) for w in start.argv):
        return next(w for w in start.argv if _RUBY_GRACEFUL_TASKS.match(w)).split(":")[0]
    if program == "jobs":  # bin/jobs: Solid Queue's supervisor
        return "solid_queue"
    if program == "java" and "-jar" in start.argv and _spring_graceful(facts):
        return "Spring Boot (graceful shutdown)"
    return None


def _spring_graceful(facts: AppFacts) -> bool:
    """Whether F09-S4 finds Spring Boot's graceful shutdown (server.shutdown=graceful, or the
    default of Spring Boot >= 3.4)."""
    return any(True for _ in stack_jvm.spring_graceful_shutdown.check(facts))


def _is_python(facts: AppFacts, start: Start) -> bool:
    """Whether the start command runs Python: an interpreter, a Python server or worker, a .py
    file, or a console script the app's Python manifest declares."""
    program = start.program
    return bool(_PYTHON_PROGRAMS.match(program)) or any(f.get("name") == program for f in facts.of("py.script"))


def _draining_handlers(facts: AppFacts) -> list[Fact]:
    # a JavaScript handler that does not drain (`drains` False) only logs or exits later
    return [f for f in appmodel.production(facts.of("signal.handler"))
            if f.get("signal") in SIGTERM and f.get("handler") not in ("SIG_IGN", "SIG_DFL")
            and not f.get("exits_immediately") and f.get("drains") is not False]


def _shutdown_hooks(facts: AppFacts) -> list[Fact]:
    # atexit does not run when SIGTERM kills the interpreter, and teardown hooks run per request
    return [f for f in appmodel.production(facts.of("shutdown.hook")) if not re.search(r"atexit|teardown", str(f.get("api")))]


def _handler_text(fact: Fact) -> str:
    """How a handler registration reads in its own language (`process.on("SIGTERM", stop)`)."""
    lang, handler = fact.get("lang"), fact.get("handler")
    if lang == "go":
        return {"context": "signal.NotifyContext(ctx, SIGTERM)", "SIG_IGN": "signal.Ignore(SIGTERM)"}.get(
            handler, "signal.Notify(ch, SIGTERM)")
    if lang == "ruby":
        shown = {"SIG_IGN": '"IGNORE"', "SIG_DFL": '"DEFAULT"', "exit": '"EXIT"'}.get(handler, handler)
        return "Signal.trap(\"TERM\") { … }" if handler in ("block", None) else f"Signal.trap(\"TERM\", {shown})"
    if lang in ("java", "kotlin"):
        return "Signal.handle(new Signal(\"TERM\"), …)"
    api = fact.get("api")
    if api and lang in _JS_LANGS:
        return f"{api}(\"SIGTERM\", {handler})"
    return f"{api or 'signal.signal'}(SIGTERM, {handler})"


def _stack_reported(facts: AppFacts) -> set[tuple[str, int | None]]:
    """Handlers and hooks the stack rules report already: JavaScript/TypeScript ones (F09-S2),
    Spring Boot's server.shutdown (F09-S4), and Go's signal + Shutdown pair (F09-S3)."""
    found = {(f.path, f.line) for f in _draining_handlers(facts) + _shutdown_hooks(facts)
             if f.get("lang") in _JS_LANGS or f.get("lang") == "spring"}
    go_handlers = [f for f in _draining_handlers(facts) if f.get("lang") == "go"]
    go_hooks = [f for f in _shutdown_hooks(facts) if f.get("lang") == "go"]
    if go_handlers and go_hooks:
        found |= {(f.path, f.line) for f in go_handlers + go_hooks}
    return found


def _literal_number(fact: Fact) -> float | None:
    value = fact.get("value")
    if fact.get("source") != "literal" or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@rule("F09-S1", factor=9, polarity=FOR, strength=STRONG, ecosystems=("py",))
def graceful_shutdown(facts: AppFacts) -> Iterator[Hit]:
    found: list[Hit] = []
    for start in running_starts(facts):
        server = graceful_server(facts, start)
        if server:
            found.append(hit(start.fact, source=server))
    reported = _stack_reported(facts)
    for fact in _draining_handlers(facts):
        if (fact.path, fact.line) not in reported:
            found.append(hit(fact, source=_handler_text(fact)))
    for fact in _shutdown_hooks(facts):
        if (fact.path, fact.line) not in reported:
            found.append(hit(fact, source=fact.get("api")))
    for fact in gunicorn_configs(facts):
        if fact.get("name") == "graceful_timeout" and (_literal_number(fact) or 0) > 0:
            found.append(hit(fact, source=f"graceful_timeout = {fact.get('value')}"))
    yield from _unique(found)


def _has_code_shutdown(facts: AppFacts) -> bool:
    """A Python handler or hook that stops the process gracefully."""
    return any(f.get("lang") in (None, "python") for f in _draining_handlers(facts) + _shutdown_hooks(facts))


def _unjudged(start: Start) -> bool:
    program = start.program
    if not program or program.startswith("$") or program in SHELLS or program in _UNJUDGED:
        return True
    # a script the repository does not contain (or that we could not resolve): we cannot see it
    return bool(re.search(r"\.(sh|bash)$|entrypoint", program))


@rule("F09-AP2", factor=9, polarity=AGAINST, strength=MODERATE)
def no_graceful_shutdown(facts: AppFacts) -> Iterator[Hit]:
    if _has_code_shutdown(facts):
        return
    servers = facts.of("server.run")
    found: list[Hit] = []
    for start in running_starts(facts):
        # other stacks: F09-S2b (Node.js), F09-S3b (Go), F09-S4/S4b (Spring Boot), F09-S5 (Ruby)
        if not _is_python(facts, start) or graceful_server(facts, start) or start.program == "celery" or _unjudged(start):
            continue
        script = appmodel.python_script_of(start)
        runs = [f for f in servers if script and appmodel.basename(f.path) == appmodel.basename(script)]
        shown = f"{appmodel.basename(start.argv[0])} {script}" if script else start.program
        found.append(hit(start.fact, *runs, program=shown, path=start.fact.path))
    yield from _unique(found)


@rule("F09-S13", factor=9, polarity=AGAINST, strength=STRONG)  # the catalogue: "does not meet: F09-S13"
def sigterm_ignored(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("signal.handler"):
        if fact.get("signal") in SIGTERM and (fact.get("handler") == "SIG_IGN" or fact.get("exits_immediately")):
            yield hit(fact, handler=_handler_text(fact))
    for fact in facts.of("shell.trap"):
        signals = {s.upper().removeprefix("SIG") for s in fact.get("signals", ())}
        if fact.get("ignore") and signals & {"TERM", "15"}:
            yield hit(fact, handler=fact.excerpt)


# --- does SIGTERM reach the app -------------------------------------------------------------------


def _args_line(facts: AppFacts, script: Fact) -> Fact:
    """The `exec "$@"` command of *script* (the script itself when the line is not a command fact)."""
    for command in facts.of("shell.command"):
        if command.path == script.path and command.get("exec") and command.get("argv")[:1] in (["$@"], ["${@}"], ["$*"]):
            return command
    return script


def _uses_args(facts: AppFacts, script: Fact) -> bool:
    """Whether *script* passes its arguments ("$@") to any command: then CMD is not ignored."""
    if script.get("execs_args"):
        return True
    return any(any("$@" in a or a in ("${@}", "$*") for a in c.get("argv", ()))
               for c in facts.of("shell.command") if c.path == script.path)


@rule("F09-S6", factor=9, polarity=FOR, strength=MODERATE, ecosystems=("deploy",))
def sigterm_reaches_app(facts: AppFacts) -> Iterator[Hit]:
    found: list[Hit] = []
    for head in docker_heads(facts):
        if head.entry and head.entry.get("form") == "exec" and head.entry.get("argv") \
                and appmodel.basename(head.entry.get("argv")[0]) in INIT_PROGRAMS:
            found.append(hit(head.entry, command=_excerpt(head.entry)))
        script = head_script(facts, head)
        if script is not None and head.entry is not None and script.get("execs_args"):
            found.append(hit(_args_line(facts, script), command='exec "$@"'))
    for start in long_running_starts(facts):
        if start.background:
            continue
        if start.via == "procfile" or start.via == "entrypoint" and start.exec_:
            found.append(hit(start.fact, command=_excerpt(start.fact)))
        elif start.via in ("dockerfile", "compose") and _execs_directly(start) and not _package_manager_pid1(start):
            found.append(hit(start.fact, command=_excerpt(start.fact)))
    yield from _unique(found)


def _execs_directly(start: Start) -> bool:
    """Whether the start command is the process itself (no shell in between)."""
    fact = start.fact
    argv = tuple(fact.get("argv", ())) if fact.kind in ("docker.cmd", "docker.entrypoint") else start.argv
    text = shell_form(fact) if fact.kind in ("docker.cmd", "docker.entrypoint") else shell_string(argv)
    if text is not None:
        return starts_with_exec(text)
    argv = unwrap(argv)
    return bool(argv) and appmodel.basename(argv[0]) not in SHELLS  # `sh script` keeps the shell as the process


def _shell_heads(facts: AppFacts, head: DockerHead) -> list[Fact]:
    """The CMD/ENTRYPOINT of *head* that Docker runs through a shell without `exec`."""
    used: list[Fact] = []
    if head.entry is not None:
        used.append(head.entry)
        script = head_script(facts, head)
        entry_is_shell = shell_form(head.entry) is not None
        if head.cmd is not None and not entry_is_shell and (script is None or _uses_args(facts, script)):
            used.append(head.cmd)  # CMD becomes the ENTRYPOINT's arguments
    elif head.cmd is not None:
        used.append(head.cmd)
    return [f for f in used if (text := shell_form(f)) is not None and not starts_with_exec(text)]


@rule("F09-S7", factor=9, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def sigterm_may_not_reach_app(facts: AppFacts) -> Iterator[Hit]:
    found: list[Hit] = []
    for head in docker_heads(facts):
        for fact in _shell_heads(facts, head):
            found.append(hit(fact, command=_excerpt(fact), path=fact.path))
    for start in long_running_starts(facts):
        if start.background:
            continue
        if _package_manager_pid1(start):
            # npm/yarn as PID 1 forwards SIGTERM to the script unreliably (criteria: weak)
            found.append(hit(start.fact, strength=WEAK, variant="npm", command=_excerpt(start.fact),
                             manager=start.package_script, script=" ".join(start.argv), path=start.fact.path))
        elif start.via == "entrypoint" and not (start.fact.get("exec") if start.package_script else start.exec_):
            found.append(hit(start.fact, command=_excerpt(start.fact), path=start.fact.path))
    yield from _unique(found)


_PACKAGE_MANAGERS = frozenset({"npm", "yarn", "pnpm"})


def _package_manager_pid1(start: Start) -> bool:
    """Whether a package manager (`npm start`) is the process that receives SIGTERM: the exec form
    of a Dockerfile, compose or Kubernetes command, or an entrypoint script that execs it. (A
    Procfile's process group is signalled as a whole, and a shell-form line is a shell first.)"""
    if not start.package_script or appmodel.basename(start.package_script.split()[0]) not in _PACKAGE_MANAGERS:
        return False
    if start.via == "entrypoint":
        return bool(start.fact.get("exec"))
    if start.via in ("dockerfile", "compose"):
        return _execs_directly(start)
    return start.via == "kubernetes"


@rule("F09-S6b", factor=9, polarity=AGAINST, strength=WEAK, basis=ADVICE, ecosystems=("deploy",))
def cmd_ignored_by_entrypoint(facts: AppFacts) -> Iterator[Hit]:
    for head in docker_heads(facts):
        if head.entry is None or head.cmd is None:
            continue
        script = head_script(facts, head)
        if script is not None and not _uses_args(facts, script):
            yield hit(head.cmd, script, script=script.path, cmd=_excerpt(head.cmd), dockerfile=head.path)


# --- start-up work ------------------------------------------------------------------------------


_SCHEMA_WORDS = re.compile(r"init|migrat|upgrade|seed", re.I)
_DJANGO_BOOT = frozenset({"migrate", "loaddata", "collectstatic", "compilemessages", "syncdb"})
_INSTALLERS = {"pip": ("install",), "pip3": ("install",), "poetry": ("install",), "pipenv": ("install", "sync"),
               "uv": ("sync", "pip"), "npm": ("install", "ci"), "yarn": ("install",), "pnpm": ("install",),
               "apt-get": ("install",), "apt": ("install",), "apk": ("add",), "yum": ("install",),
               "dnf": ("install",), "bundle": ("install",), "composer": ("install",)}
_FLASK_VALUED = frozenset({"--app", "-A", "--env-file", "-e"})


def _words(argv: tuple[str, ...]) -> list[str]:
    """Positional words after the program, skipping options and the values of valued options."""
    out: list[str] = []
    skip = False
    for word in argv[1:]:
        if skip:
            skip = False
        elif word in _FLASK_VALUED:
            skip = True
        elif not word.startswith("-"):
            out.append(word)
    return out


def _seconds(value: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smhd]?)", value)
    if not match:
        return 0.0
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def heavy_work(argv: tuple[str, ...]) -> str | None:
    """The kind of slow start-up work a command does: "schema", "sleep", "install", or None."""
    if not argv:
        return None
    program = appmodel.basename(argv[0])
    words = _words(argv)
    if program.startswith("python") and argv[1:2] == ("-m",) and len(argv) > 2:
        program, words = argv[2], _words(argv[2:])
    if program.startswith("python") and words and words[0].endswith("manage.py"):
        program, words = "manage.py", words[1:]
    schema = False
    if program == "flask" and words:
        if words[0] == "db":
            schema = len(words) > 1 and words[1] in ("upgrade", "migrate", "init", "stamp")
        else:
            schema = bool(_SCHEMA_WORDS.search(words[0]))
    elif program in ("manage.py", "django-admin"):
        command = words[0] if words else ""
        schema = command in _DJANGO_BOOT or bool(_SCHEMA_WORDS.search(command))
    elif program == "alembic":
        schema = "upgrade" in words
    elif program == "sleep":
        return "sleep" if any(_seconds(w) >= _LONG_SLEEP for w in words) else None
    else:
        verbs = _INSTALLERS.get(program)
        return "install" if verbs and words and words[0] in verbs else None
    return "schema" if schema else None


def _start_scripts(facts: AppFacts) -> set[str]:
    paths = {s.fact.path for s in long_running_starts(facts) if s.fact.kind == "shell.command"}
    for head in docker_heads(facts):
        script = head_script(facts, head)
        if script is not None:
            paths.add(script.path)
    return paths


def _chained(facts: AppFacts) -> Iterator[tuple[Fact, tuple[str, ...]]]:
    """Commands run before the last one on a start line (`migrate && gunicorn ...`)."""
    for head in docker_heads(facts):
        for fact in (head.entry, head.cmd):
            text = shell_form(fact) if fact is not None else None
            if fact is not None and text is not None:
                for command in split_commands(text)[:-1]:
                    yield fact, command.argv
    for fact in appmodel.production(facts.of("procfile.process")):
        if fact.get("name") == "release":  # the release phase is where schema work belongs
            continue
        for command in (fact.get("commands") or [])[:-1]:
            yield fact, tuple(command["argv"])


@rule("F09-S11", factor=9, polarity=AGAINST, strength=MODERATE)
def heavy_startup(facts: AppFacts) -> Iterator[Hit]:
    scripts = _start_scripts(facts)
    found: list[Hit] = []
    for loop in facts.of("shell.loop"):
        if loop.path in scripts and not loop.get("bounded"):
            condition = re.sub(r";?\s*do\s*$|\s*\d?>&?\s*\S+", "", str(loop.get("condition", ""))).strip()
            found.append(hit(loop, variant="wait", command=f"{loop.get('kind')} {condition}", path=loop.path))
    for command in facts.of("shell.command"):
        argv = tuple(command.get("argv", ()))
        kind = heavy_work(argv) if command.path in scripts and not command.get("in_loop") else None
        if kind:
            found.append(hit(command, variant=kind, command=" ".join(argv), path=command.path))
    for fact, argv in _chained(facts):
        kind = heavy_work(argv)
        if kind:
            found.append(hit(fact, variant=kind, command=" ".join(argv), path=fact.path))
    yield from sorted(_unique_commands(found), key=lambda h: (h.locations[0].path, h.locations[0].line or 0))


def _unique_commands(hits: list[Hit]) -> Iterator[Hit]:
    seen: set[tuple] = set()
    for found in hits:
        key = (found.locations[0].path, found.locations[0].line, found.params)
        if key not in seen:
            seen.add(key)
            yield found


# --- jobs and request length ----------------------------------------------------------------------


@rule("F09-S12", factor=9, polarity=AGAINST, strength=MODERATE)
def early_ack(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("queue.consume"):
        if fact.get("auto_ack"):
            yield hit(fact, api=fact.get("api"))


_ACKS_LATE = frozenset({"task_acks_late", "CELERY_TASK_ACKS_LATE", "CELERY_ACKS_LATE", "acks_late"})
_REJECT_LOST = frozenset({"task_reject_on_worker_lost", "CELERY_TASK_REJECT_ON_WORKER_LOST"})


@rule("F09-S9", factor=9, polarity=FOR, strength=MODERATE, ecosystems=("py",))
def late_ack(facts: AppFacts) -> Iterator[Hit]:
    assigns = appmodel.production(facts.of("config.assign"))
    rejects = [f for f in assigns if f.get("name") in _REJECT_LOST and f.get("value") is True]
    for fact in assigns:
        if fact.get("name") in _ACKS_LATE and fact.get("source") == "literal" and fact.get("value") is True:
            settings = [f"{fact.get('name')} = True"] + [f"{r.get('name')} = True" for r in rejects if r.path == fact.path]
            yield hit(fact, *[r for r in rejects if r.path == fact.path], settings=settings)


@rule("F09-S14", factor=9, polarity=AGAINST, strength=WEAK)
def long_request_timeout(facts: AppFacts) -> Iterator[Hit]:
    for start in running_starts(facts):
        if start.program in ("gunicorn", "gunicorn3"):
            value = start.command().flag_value("--timeout", "-t")
            if value and value.isdigit() and int(value) >= _LONG_TIMEOUT:
                yield hit(start.fact, timeout=value, setting="--timeout", path=start.fact.path)
    for fact in gunicorn_configs(facts):
        seconds = _literal_number(fact)
        if fact.get("name") == "timeout" and seconds is not None and seconds >= _LONG_TIMEOUT:
            yield hit(fact, timeout=fact.get("value"), setting="timeout", path=fact.path)


# --- no evidence --------------------------------------------------------------------------------


@rule("F09-NE", factor=9, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE)
def no_start_command(facts: AppFacts) -> Iterator[Hit]:
    if appmodel.start_commands(facts) or _deployed(facts):
        return  # Kubernetes workloads and platform services declare the processes too
    yield hit(Location(facts.app.path))


def _deployed(facts: AppFacts) -> bool:
    """Whether this app's long-running Kubernetes workloads or platform services define its processes."""
    workloads = appmodel.deployed_workloads(facts, appmodel.LONG_RUNNING_KINDS)
    return bool(workloads or appmodel.deployed(facts, "platform.service"))
