"""When a job is acknowledged: after it ran (F09-S09) or on receipt (F09-S12), the two
polarities of one concept: whether a stopped or dead worker loses its job."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.knowledge import frameworks
from twelve.rules.registry import AGAINST, FOR, MODERATE, Hit, hit, rule


@rule("F09-S09", factor=9, polarity=FOR, strength=MODERATE, ecosystems=("py",), replaces=("F09-S9",))
def late_ack(facts: AppFacts) -> Iterator[Hit]:
    """Celery jobs acknowledged only after they finish, so an interrupted job is delivered again.

    Why it matters: IX. Disposability — a worker's shutdown, or its sudden death, must not lose
    the job it was running; acknowledging after completion returns it to the queue.
    Fires on: `task_acks_late = True` (or `CELERY_TASK_ACKS_LATE = True`), with
    `task_reject_on_worker_lost = True` in the same file shown alongside.
    Near miss: `task_acks_late = False`; `task_acks_late = os.getenv("ACKS_LATE")` (not a literal);
    the setting in a test file.
    Fix: nothing to fix.
    """
    assigns = appmodel.production(facts.of("config.assign"))
    rejects = [
        f
        for f in assigns
        if f.data.name in frameworks.CELERY_REJECT_ON_WORKER_LOST
        and f.data.value is not None
        and f.data.value.value is True
    ]
    for fact in assigns:
        value = fact.data.value
        if (
            fact.data.name in frameworks.CELERY_ACKS_LATE
            and value is not None
            and value.source == "literal"
            and value.value is True
        ):
            same_file = [r for r in rejects if r.path == fact.path]
            settings = [f"{fact.data.name} = True"] + [f"{r.data.name} = True" for r in same_file]
            yield hit(fact, *same_file, settings=settings)


@rule("F09-S12", factor=9, polarity=AGAINST, strength=MODERATE)
def early_ack(facts: AppFacts) -> Iterator[Hit]:
    """A queue consumer that acknowledges each job on receipt (`auto_ack=True`).

    Why it matters: IX. Disposability — a worker that is stopped or dies must hand its current
    job back to the queue; acknowledging on delivery makes every stop lose work.
    Fires on: `channel.basic_consume(queue, callback, auto_ack=True)`.
    Near miss: `basic_consume(..., auto_ack=False)` with `basic_ack` after the work.
    Fix: consume with `auto_ack=False`, acknowledge after the job finished, and reject with
    requeue on failure or shutdown.
    """
    for fact in facts.of("queue.consume"):
        if fact.data.auto_ack:
            yield hit(fact, api=fact.data.api)
