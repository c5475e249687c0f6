"""A one-off Job runs another build than the release, or without its configuration (F12-S06)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from twelve.appmodel.admin import admin_jobs, config_sources, is_migration_tool_image, same_image, workload_label
from twelve.appmodel.deploy import readable_image, shown_image
from twelve.facts import AppFacts
from twelve.model import Location
from twelve.rules.registry import AGAINST, MODERATE, WEAK, Hit, hit, rule


@rule("F12-S06", factor=12, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",), replaces=("F12-S6",))
def admin_job_differs_from_release(facts: AppFacts) -> Iterator[Hit]:
    """A Job that runs an admin task uses another image than the release, or lacks its configuration.

    Weak when the Job runs a migration tool's image (flyway, liquibase), which may only apply files
    shipped with the release.

    Why it matters: XII. Admin processes — an admin process runs against the same release, code and
    configuration as the long-running processes; another tag or image acts on another version of
    the app, and missing configuration acts on other resources.
    Fires on: a Job with `image: shop:latest` next to a Deployment with `shop:1.4.2` (variant `tag`),
    a Job with its own image (`image`), `flyway/flyway:10` (`tool`, weak), a Job without the
    `envFrom`/`secretKeyRef` sources of the Deployment (`config`).
    Near miss: a Job with exactly the Deployment's image and configuration (F12-S02).
    Fix: run the Job with the workload's image reference, set by the same pipeline step, and the
    same configuration sources.
    """
    for pair in admin_jobs(facts):
        image, reference = pair.container["image"], pair.reference["image"]
        job_where = Location(
            pair.job.path, pair.container.get("image_line") or pair.job.line, f"image: {shown_image(image)}"
        )
        ref_where = Location(
            pair.deployment.path,
            pair.reference.get("image_line") or pair.deployment.line,
            f"image: {shown_image(reference)}",
        )
        params: dict[str, Any] = {
            "job": workload_label(pair.job),
            "workload": workload_label(pair.deployment),
            "image": readable_image(facts, pair.job, image),
            "reference": readable_image(facts, pair.deployment, reference),
            "file": pair.job.path,
        }
        if not same_image(image, reference):
            tool = is_migration_tool_image(image)
            variant = "tool" if tool else ("tag" if image.get("image") == reference.get("image") else "image")
            yield hit(
                job_where,
                ref_where,
                strength=WEAK if tool else None,
                scope=pair.job.scope,
                variant=variant,
                missing="",
                **params,
            )
            continue
        missing = sorted(config_sources(pair.deployment) - config_sources(pair.job))
        if missing:
            yield hit(job_where, ref_where, scope=pair.job.scope, variant="config", missing=missing, **params)
