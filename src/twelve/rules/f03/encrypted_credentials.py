"""III. Config: configuration kept in Rails encrypted credentials."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, WEAK, Hit, hit, rule


@rule("F03-S14", factor=3, polarity=AGAINST, strength=WEAK, ecosystems=("rb",))
def rails_encrypted_credentials(facts: AppFacts) -> Iterator[Hit]:
    """Configuration kept in Rails encrypted credentials files (weak: advice, not a leak).

    Why it matters: III. Config — the ciphertext is safe to commit while its key stays outside the
    repository, but the values are config held in a file and often grouped per environment,
    instead of independent variables set by each deploy.
    Fires on: `config/credentials.yml.enc`; `config/credentials/production.yml.enc` (per environment).
    Near miss: a committed `config/master.key` (a leak: F03-S02); no credentials file.
    Fix: keep only what truly belongs to the code in the encrypted credentials and read
    deploy-specific values from environment variables.
    """
    files = [f for f in facts.of("credentials.file") if f.data.kind == "encrypted"]
    if not files:
        return
    environments = sorted({str(f.data.environment) for f in files if f.data.environment})
    yield hit(
        *files,
        variant="per_env" if environments else None,
        files=[f.path for f in files],
        environments=environments or "",
    )
