"""User sessions held in the process's memory: every restart logs every user out (F09-AP04)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F09-AP04", factor=9, polarity=AGAINST, strength=MODERATE, ecosystems=("node", "py", "java", "rb"))
def sessions_lost_on_restart(facts: AppFacts) -> Iterator[Hit]:
    """Login sessions kept in the process's memory, so that stopping the process ends them
    (`sessions_lost_on_restart` of the app model; VI reads the same store as local state).

    One finding per store, in every stack; each says which (`node`, `python`, `java`, `ruby`).
    A store on the local disk outlives a restart and is VI's concern only.
    Why it matters: IX. Disposability — processes can be started or stopped at a moment's notice;
    when the sessions live in the process, every deploy, restart or scale-down logs every user out
    and loses what their sessions held, however gracefully the server drains.
    Fires on: `express-session` with its default MemoryStore; `use Rack::Session::Pool`; Django
    cache sessions over `LocMemCache` (the default cache); servlet code using HttpSession with no
    Spring Session module.
    Near miss: connect-redis or another shared store; signed-cookie sessions (`enable :sessions`,
    cookie-session, Rails' cookie store); Flask-Session `SESSION_TYPE = "filesystem"` (it outlives
    a restart); Spring Session on the classpath.
    Fix: keep sessions in a backing service (Redis, Memcached, the database) or in a signed cookie,
    so that a new process serves the user's next request as the old one would have.
    """
    for found in appmodel.sessions_lost_on_restart(facts):
        yield hit(*found.where, variant=None if found.lang == "node" else found.lang, store=found.store, path=found.path)
