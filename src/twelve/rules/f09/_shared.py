"""Pure helpers the rules of factor IX share: how a handler or a command reads in a message, and
one hit per line when several derivations reach the same line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from twelve.appmodel.shutdown import JS_LANGS
from twelve.facts.base import Fact
from twelve.rules.registry import Hit


def excerpt(fact: Fact) -> str:
    """The line as written, or the command's words when the fact has no excerpt."""
    return fact.excerpt or " ".join(fact.get("argv", ()))


def unique(hits: Iterable[Hit]) -> Iterator[Hit]:
    """One hit per first location: several derivations may reach the same line."""
    seen: set[tuple[str, int | None]] = set()
    for found in hits:
        key = (found.locations[0].path, found.locations[0].line) if found.locations else ("", None)
        if key not in seen:
            seen.add(key)
            yield found


def handler_text(fact: Fact) -> str:
    """How a SIGTERM handler registration reads in its own language (`process.on("SIGTERM", stop)`)."""
    lang, handler = fact.get("lang"), fact.get("handler")
    if lang == "go":
        return {"context": "signal.NotifyContext(ctx, SIGTERM)", "SIG_IGN": "signal.Ignore(SIGTERM)"}.get(
            handler, "signal.Notify(ch, SIGTERM)"
        )
    if lang == "ruby":
        shown = {"SIG_IGN": '"IGNORE"', "SIG_DFL": '"DEFAULT"', "exit": '"EXIT"'}.get(handler, handler)
        return 'Signal.trap("TERM") { … }' if handler in ("block", None) else f'Signal.trap("TERM", {shown})'
    if lang in ("java", "kotlin"):
        return 'Signal.handle(new Signal("TERM"), …)'
    api = fact.get("api")
    if api and lang in JS_LANGS:
        return f'{api}("SIGTERM", {handler})'
    return f"{api or 'signal.signal'}(SIGTERM, {handler})"


def literal_number(fact: Fact) -> float | None:
    """The number a setting is given literally (`timeout = 300`), or None."""
    value = fact.get("value")
    if fact.get("source") != "literal" or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
