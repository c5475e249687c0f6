"""Admin tasks run as one-off processes of the release (F12-S02), or nothing runs them so
(F12-AP01): the two polarities of one concept, read from ``twelve.appmodel.admin``.

F12-S02 reads documented and scripted one-off runs, Procfile `release:` steps, app.json scripts,
compose services, Jobs and platform release commands (no variant), and Jobs that run the very
image of the release's workload (``release_image``, formerly F12-S2k).
"""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.admin import (
    admin_code,
    admin_jobs,
    admin_task_name,
    container_process,
    job_hook,
    one_off_runs,
    same_image,
    start_migrations,
    start_tasks,
    workload_label,
)
from twelve.appmodel.deploy import deployed, shown_image
from twelve.facts import AppFacts
from twelve.model import Location, Scope
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, Hit, hit, rule


def _where(fact, line: int | None, excerpt: str) -> Location:
    return Location(fact.path, line or fact.line, excerpt)


@rule("F12-S02", factor=12, polarity=FOR, strength=STRONG, ecosystems=("deploy",), replaces=("F12-S2", "F12-S2k"))
def one_off_against_release(facts: AppFacts) -> Iterator[Hit]:
    """Admin tasks run as one-off processes with the release's code and configuration.

    Why it matters: XII. Admin processes — a one-off admin process runs in an environment
    identical to the app's long-running processes: the same release, code, configuration and
    dependency isolation.
    Fires on: a Procfile `release: flask db upgrade`, `docker compose run --rm app flask init-db`
    or `heroku run python manage.py migrate` in a guide or a pipeline, app.json `scripts.postdeploy`,
    a Job or Helm hook that runs `manage.py migrate`, a fly.toml `release_command`; a Job whose
    image is exactly the Deployment's.
    Near miss: `docker compose run app gunicorn app:app` (a server, not a task); a Job with
    another tag of the image (F12-S06).
    Fix: nothing to fix.
    """
    for found in one_off_runs(facts)[:2]:
        yield hit(found.fact, scope=Scope.PRODUCTION, how=found.how)
    for pair in admin_jobs(facts):
        if same_image(pair.container["image"], pair.reference["image"]):
            yield hit(
                _where(pair.job, pair.container.get("image_line"), f"image: {shown_image(pair.container['image'])}"),
                _where(
                    pair.deployment, pair.reference.get("image_line"), f"image: {shown_image(pair.reference['image'])}"
                ),
                scope=pair.job.scope,
                variant="release_image",
                job=workload_label(pair.job),
                how=job_hook(pair.job),
                image=shown_image(pair.container["image"]),
                workload=workload_label(pair.deployment),
                command=container_process(pair.container),
            )
    for service in deployed(facts, "platform.service"):
        data = service.data
        if data.release:
            yield hit(
                _where(service, data.release_line, str(data.release)),
                scope=service.scope,
                variant="release_image",
                job=str(data.release),
                how=f"{data.platform} release command",
                image=f"{data.platform} {data.app}",
                workload=f"{data.platform} {data.name}",
                command=str(data.release),
            )
            return


@rule("F12-AP01", factor=12, polarity=AGAINST, strength=MODERATE, ecosystems=("any",), replaces=("F12-AP1",))
def no_one_off_path(facts: AppFacts) -> Iterator[Hit]:
    """Admin code ships with the app, but nothing runs it as a one-off process against a release.

    Why it matters: XII. Admin processes — admin tasks run as one-off processes in an environment
    identical to the app's; a task run inside every server start, or by hand in some undocumented
    way, has no such guarantee.
    Fires on: migrations or a CLI command with no Procfile `release:`, no documented `docker compose
    run`/`heroku run` or run of the app's own command, no Job and no release command, when nothing
    runs it at all (`undocumented`).
    Near miss: a Procfile `release: flask db upgrade`; a README that runs `docker compose run --rm
    app flask db upgrade` or `python manage.py migrate`; a task the entrypoint runs at every start
    (F12-S08).
    Fix: script and document the one-off run with the app's image and configuration (`docker
    compose run --rm app <task>`, a release step, a Kubernetes Job).
    """
    found = admin_code(facts)
    if not found or one_off_runs(facts) or start_tasks(facts) or start_migrations(facts):
        return  # tasks run by the start path are F12-S08 (applied) and F12-S09 (generated)
    first = found[0].where
    yield hit(first, task=admin_task_name(found), how="undocumented", where=first.path)
