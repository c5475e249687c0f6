"""III. Config: deploy configuration baked into the image."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.config import baked_config
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F03-S07", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",), replaces=("F03-S7",))
def config_baked_into_image(facts: AppFacts) -> Iterator[Hit]:
    """A production Dockerfile puts deploy configuration into the image.

    Why it matters: III. Config — a release is a build combined with a deploy's config; config baked
    into the build makes the image deploy-specific and leaves secrets in its layers.
    Fires on: `ENV SECRET_KEY=…`, `ENV DATABASE_URL=postgres://u:pw@…`, `ARG DB_PASSWORD`,
    `COPY .env .env`, `COPY config/production/ …`.
    Near miss: `ENV PYTHONUNBUFFERED=1`, `PORT`, `NODE_ENV` and other runtime switches;
    `ENV TOKEN=${TOKEN}`; a development Dockerfile.
    Fix: remove the value from the Dockerfile and pass it at run time as an environment variable,
    so that one image serves every deploy.
    """
    for fact, what in baked_config(facts):
        yield hit(fact, what=what, file=fact.path)
