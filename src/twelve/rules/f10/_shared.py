"""Pure helpers the rules of factor X share."""

from __future__ import annotations

from twelve.model import Scope


def production_scope(*sides: object) -> Scope | None:
    """Production when any side of a comparison (a fact, a definition, a server) is production
    code or a production definition."""
    return Scope.PRODUCTION if any(getattr(side, "scope", None) is Scope.PRODUCTION for side in sides) else None
