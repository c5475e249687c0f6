"""II. Dependencies: the Dockerfile's base image is pinned (F02-S20) or moving (F02-S21)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.starts import production
from twelve.facts import AppFacts
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, WEAK, Hit, hit, rule


@rule("F02-S20", factor=2, polarity=FOR, strength=WEAK, basis=ADVICE, ecosystems=("deploy",))
def pinned_base_image(facts: AppFacts) -> Iterator[Hit]:
    """A production Dockerfile pins its base image by digest.

    Why it matters: II. Dependencies (advice) — the base image is a dependency of the artifact; a
    digest makes it exact, so the same Dockerfile always builds on the same bytes.
    Fires on: `FROM python:3.12-slim@sha256:…`.
    Near miss: `FROM python:3.12-slim` (a tag can move); `FROM python:latest` (F02-S21).
    Fix: nothing to fix.
    """
    for fact in production(facts.of("docker.from")):
        if fact.data.digest:
            yield hit(fact, image=fact.data.image)


@rule("F02-S21", factor=2, polarity=AGAINST, strength=MODERATE, basis=ADVICE, ecosystems=("deploy",))
def moving_base_image(facts: AppFacts) -> Iterator[Hit]:
    """A production Dockerfile builds on an untagged or `latest` base image.

    Why it matters: II. Dependencies (advice) — a moving base makes two builds of one commit differ;
    an explicit tag keeps the declaration of the artifact's foundation exact.
    Fires on: `FROM python`, `FROM node:latest`.
    Near miss: `FROM python:3.12-slim`; a digest; `FROM scratch`; `FROM build` (an earlier stage);
    `FROM ${BASE_IMAGE}` (decided by a build argument).
    Fix: pin the base image to an explicit version tag, ideally with its digest.
    """
    for fact in production(facts.of("docker.from")):
        data = fact.data
        image = data.image or ""
        if data.stage_ref or data.variable or image == "scratch" or data.digest:
            continue
        if not data.tag or data.tag == "latest":
            yield hit(fact, image=image, tag=data.tag or "(none)")
