"""The stack whose words an app's advice should use."""

from __future__ import annotations

from twelve.facts import AppFacts


def advice_stack(facts: AppFacts) -> str | None:
    """The app's stack (``node``, ``go``, ``java``, ``ruby``) when its advice should name that
    stack's programs and files; None for a Python app (the catalogues' plain sentences are written
    for it), an app with a Python part, or an app of no known stack."""
    stacks = facts.app.stacks
    if not stacks or "python" in stacks:
        return None
    return stacks[0]
