"""F06-S14: a secret drawn at random by each process."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import state
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F06-S14", factor=6, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "node", "go", "rb"))
def random_secret(facts: AppFacts) -> Iterator[Hit]:
    """A signing or encryption key the code draws at random as each process starts: state that is
    per-process by accident.

    Always random (`SECRET_KEY = os.urandom(24)`) or only when none is configured (variant
    `fallback`: `process.env.JWT_SECRET || crypto.randomBytes(64)`, Go's `if len(key) == 0 {
    rand.Read(key) }`), each process has its own key, and a restart draws a new one.
    Why it matters: VI. Processes — processes share nothing but must be interchangeable: a cookie,
    token or signed URL made by one process is rejected by the next process that gets the request,
    and every restart invalidates all of them.
    Fires on: `app.secret_key = os.urandom(24)`; `SECRET_KEY = os.getenv("SECRET_KEY",
    secrets.token_hex())`; express-session's `secret: crypto.randomBytes(32)`; Go's
    `sessions.NewCookieStore(securecookie.GenerateRandomKey(32))`; Sinatra's `set :session_secret,
    SecureRandom.hex(64)`.
    Near miss: `token = secrets.token_urlsafe()` inside a function (a value made for one user);
    a key read from the environment with no random fallback; a script that prints a new key.
    Fix: read the key from the environment (or a secret store) in every process and fail at start
    when it is missing.
    """
    for fact in state.random_secrets(facts):
        yield hit(
            fact,
            variant="fallback" if fact.data.fallback else None,
            name=fact.data.name,
            api=fact.data.api,
            path=fact.path,
        )
