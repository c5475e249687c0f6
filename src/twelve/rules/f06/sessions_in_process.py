"""F06-S02: sessions kept in the process's memory or on its own disk, in every language."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, STRONG, Hit, hit, rule


@rule(
    "F06-S02",
    factor=6,
    polarity=AGAINST,
    strength=STRONG,
    ecosystems=("node", "py", "java", "rb", "go"),
    replaces=("F06-S2", "F06-S3", "F06-S4"),
)
def sessions_in_process(facts: AppFacts) -> Iterator[Hit]:
    """User sessions kept in the process's memory or on its local disk.

    One rule for every stack; each finding says which (Node.js plain or `memorystore`, Python
    `python`, JVM `java`, Ruby `ruby`, Go `go`). A store that an environment variable replaces by
    a shared one when it is set (variant `fallback`) is moderate: the deploys that set it keep no
    sessions in the process.
    Why it matters: VI. Processes — processes share nothing, so a session written by one process
    must be readable by the next one that serves the visitor; memory and local files are neither
    shared nor kept across restarts.
    Fires on: `express-session` with its default MemoryStore or `memorystore`; Flask-Session
    `SESSION_TYPE = "filesystem"`; Django file sessions, or cache sessions over `LocMemCache` or
    `FileBasedCache` (the default cache when CACHES is never set); servlet code using HttpSession
    or Shiro's `MemorySessionDAO` with no Spring Session module; `use Rack::Session::Pool` (also
    after `enable :sessions`); gorilla `sessions.NewFilesystemStore`, `memstore.NewStore`.
    Near miss: connect-redis or another shared store; Django `db`, `cached_db` or `signed_cookies`
    sessions; a `DevelopmentConfig` class; Spring Session on the classpath; a Shiro `RedisSessionDAO`
    as the only session DAO; Sinatra's `enable :sessions` alone (a signed cookie).
    Fix: keep sessions in a backing service (Redis, Memcached, the database) or in a signed cookie.
    """
    for found in state.local_sessions(facts):
        if found.fallback_env is not None:
            yield hit(
                *found.where,
                strength=MODERATE,
                variant="fallback",
                library=found.setting,
                store=found.store,
                env=found.fallback_env,
                alternative=found.alternative or "?",
                path=found.path,
            )
        elif found.lang == "node":
            yield hit(
                *found.where,
                variant="memorystore" if found.memorystore else None,
                library=found.setting,
                store=found.store,
                path=found.path,
            )
        elif found.lang == "python":
            yield hit(
                *found.where,
                variant="python",
                setting=found.setting,
                value=found.value,
                store=found.store,
                path=found.path,
            )
        elif found.lang in ("ruby", "go"):
            yield hit(
                *found.where,
                variant=f"{found.lang}_{'memory' if found.in_memory else 'disk'}",
                api=found.setting,
                path=found.path,
            )
        else:
            yield hit(*found.where, variant="java", api=found.setting, file=found.path)
