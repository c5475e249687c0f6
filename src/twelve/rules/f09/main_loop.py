"""A long-running loop outside any server that nothing stops gracefully on SIGTERM (F09-AP03)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule

#: the wording of each language's runtime (the hit's variant); Python reads without one
_VARIANTS = {"javascript": "node", "typescript": "node", "go": "go", "ruby": "ruby"}


@rule("F09-AP03", factor=9, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "node", "go", "rb"))
def unstopped_loop(facts: AppFacts) -> Iterator[Hit]:
    """A process kept running by its own loop (no server), whose runtime stops at once on SIGTERM,
    with no SIGTERM handler or shutdown hook in its code (`unstopped_loops` of the app model).

    One finding per file. The loops: Python `asyncio.run(main())` whose coroutine runs for ever,
    `loop.run_forever()`, a discord.py bot's `bot.run(token)`, `while True:` reached from the main
    guard; Node.js bots and queue consumers (discord.js `client.login`, telegraf `bot.launch`,
    kafkajs `consumer.run`, bullmq `new Worker`); a Go `main` that loops for ever; a Ruby script's
    top-level `loop do`. Loops of scripts a Python start command runs are F09-AP02's; an app whose
    start commands run a graceful server or worker, or that serves HTTP itself, is not judged here.

    Why it matters: IX. Disposability — the process manager stops a process with SIGTERM and
    expects it to finish or hand back its work; a loop the runtime kills mid-iteration drops the
    message, job or batch it was handling.
    Fires on: `if __name__ == "__main__": asyncio.run(consume())` where `consume` loops with
    `while True:`; `client.login(process.env.TOKEN)` with no `process.on("SIGTERM", ...)`; Go's
    `for { poll() }` in main with no `signal.Notify`; `loop do ... end` at a Ruby script's top level.
    Near miss: `loop.add_signal_handler(signal.SIGTERM, stop.set)` or `signal.signal(SIGTERM, h)`;
    python-telegram-bot's `app.run_polling()` (stops on SIGTERM); `asyncio.run(main())` whose
    coroutine returns (a one-shot CLI); a loop in an app that gunicorn or uvicorn serves.
    Fix: catch SIGTERM and end the loop after the current iteration (`loop.add_signal_handler`,
    `process.on("SIGTERM", ...)`, `signal.NotifyContext`, `Signal.trap("TERM")`), closing
    connections and acknowledging or returning the work in hand before exiting.
    """
    seen: set[str] = set()
    for fact in appmodel.unstopped_loops(facts):
        if fact.path in seen:
            continue
        seen.add(fact.path)
        yield hit(fact, variant=_VARIANTS.get(str(fact.get("lang"))), api=fact.get("api"), path=fact.path)
