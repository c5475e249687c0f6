"""An image's CMD that its ENTRYPOINT script never runs (F09-S17)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve import appmodel
from twelve.facts import AppFacts
from twelve.rules.f09._shared import excerpt
from twelve.rules.registry import ADVICE, AGAINST, WEAK, Hit, hit, rule


@rule("F09-S17", factor=9, polarity=AGAINST, strength=WEAK, basis=ADVICE, ecosystems=("deploy",), replaces=("F09-S6b",))
def cmd_ignored_by_entrypoint(facts: AppFacts) -> Iterator[Hit]:
    """A Dockerfile CMD that the ENTRYPOINT script never runs: the real start command is hidden.

    Advice, not a requirement of the methodology.

    Why it matters: IX. Disposability — the process that receives SIGTERM is the one the start
    command names; a CMD that is declared but never executed misleads whoever reads or overrides
    the image about which process that is.
    Fires on: `ENTRYPOINT ["./entrypoint.sh"]` with `CMD ["gunicorn", "app:app"]`, where the script
    never uses its arguments (`"$@"`).
    Near miss: a script that ends in `exec "$@"`; a Dockerfile with no CMD; a script the
    repository does not contain.
    Fix: end the script with `exec "$@"` and keep the server command only in the CMD (or drop
    the CMD and end the script with `exec <server>`).
    """
    for head in appmodel.app_heads(facts):
        if head.entry is None or head.cmd is None:
            continue
        script = appmodel.head_script(facts, head)
        if script is not None and not appmodel.uses_args(facts, script):
            yield hit(head.cmd, script, script=script.path, cmd=excerpt(head.cmd), dockerfile=head.path)
