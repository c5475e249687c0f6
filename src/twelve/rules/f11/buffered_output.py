"""Python output buffered in a container (F11-S09)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.knowledge import programs
from twelve.rules.registry import AGAINST, MODERATE, WEAK, Hit, hit, rule


@rule("F11-S09", factor=11, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "deploy"), replaces=("F11-S9",))
def buffered_python_output(facts: AppFacts) -> Iterator[Hit]:
    """A Dockerfile that starts a Python process with its stdout buffered.

    Neither `ENV PYTHONUNBUFFERED` in the final stage (or a stage it builds on) nor `python -u`:
    weak for servers whose records go through `logging` (their stream handler flushes every
    record), moderate otherwise.

    Why it matters: XI. Logs — each process writes its event stream unbuffered, so that the
    environment sees every event as it happens, including the last ones before a crash.
    Fires on: `CMD ["python", "app.py"]` with no PYTHONUNBUFFERED; `CMD ["gunicorn", "app:app"]`
    (weak); an entrypoint script that execs `celery worker`.
    Near miss: `ENV PYTHONUNBUFFERED=1`; `CMD ["python", "-u", "app.py"]`; a Node.js image.
    Fix: add `ENV PYTHONUNBUFFERED=1` to the final stage, or start the process with `python -u`.
    """
    heads = {h.path: h for h in appmodel.docker_heads(facts)}
    for dockerfile, started in appmodel.dockerfile_processes(facts).items():
        if appmodel.unbuffered_env(facts, dockerfile) is not None:
            continue
        for start in started:
            if not appmodel.python_output(start) or appmodel.python_unbuffered_flag(start):
                continue
            row = programs.program(start.program)
            strength = WEAK if row is not None and row.logs_through_logging else MODERATE
            yield hit(
                heads[dockerfile].head, start.fact, strength=strength, dockerfile=dockerfile, program=start.program
            )
