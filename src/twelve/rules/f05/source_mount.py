"""The source is mounted into a production container (F05-S12)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.model import Location
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule

#: bind-mount sources that are the app's code (the project root, src/, app/)
_SOURCE_ROOTS = (".", "./")
_SOURCE_DIRS = ("./src", "./app")


@rule("F05-S12", factor=5, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def source_mounted_in_production(facts: AppFacts) -> Iterator[Hit]:
    """A deploy compose file mounts the source directory over the app's code.

    Why it matters: V. Build, release, run — code changed at run time can never flow back into a
    build, and the running process no longer runs the release.
    Fires on: a deploy compose service built from the app with `volumes: - .:/app`, `./src:/app/src`.
    Near miss: the same mount in a development compose file (`docker-compose.override.yml`);
    named volumes for data.
    Fix: remove the bind mount; production containers run the code baked into the image.
    """
    for fact in facts.of("compose.service"):
        if fact.data.role != "deploy" or not fact.data.build:
            continue
        for volume in fact.data.volumes or []:
            source = str(volume.get("source") or "")
            if volume.get("kind") == "bind" and (source in _SOURCE_ROOTS or source.startswith(_SOURCE_DIRS)):
                yield hit(
                    Location(fact.path, volume.get("line"), f"{source}:{volume.get('target')}"),
                    scope=fact.scope,
                    mount=f"{source}:{volume.get('target')}",
                    file=fact.path,
                )
