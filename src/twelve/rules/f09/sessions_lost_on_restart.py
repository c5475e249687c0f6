"""In-process sessions that every restart throws away (F09-S19)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F09-S19", factor=9, polarity=AGAINST, strength=MODERATE, ecosystems=("node", "py", "java", "rb", "go"))
def sessions_lost_on_restart(facts: AppFacts) -> Iterator[Hit]:
    """User sessions live in the process's memory, so stopping the process logs every user out.

    It reads the same sessions as factor VI's F06-S02 (`state.sessions_lost_on_restart` of the app
    model): memory stores that every deploy uses, in any stack.
    Why it matters: IX. Disposability — processes can be started or stopped at a moment's notice
    only when stopping one loses nothing; with sessions in memory each restart, deploy or scale-in
    discards the logins and carts of every user that process served.
    Fires on: express-session with its default MemoryStore; `use Rack::Session::Pool`; Shiro's
    `MemorySessionDAO` or the servlet HttpSession with no Spring Session; Django cache sessions
    over `LocMemCache`; gorilla `memstore.NewStore`.
    Near miss: sessions on the process's disk (a restart keeps them; factor VI still counts them);
    a memory store used only when REDIS_URL is unset; signed-cookie sessions; Spring Session on Redis.
    Fix: keep sessions in a shared store (Redis, the database) or a signed cookie, so a process can
    be replaced without logging anyone out.
    """
    for found in state.sessions_lost_on_restart(facts):
        yield hit(*found.where, store=found.store if found.store != "memory" else found.setting, path=found.path)
