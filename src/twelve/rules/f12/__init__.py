"""XII. Admin processes: one-off administrative work (migrations, consoles, maintenance scripts)
runs as a one-off process in the same environment as the app's long-running processes: against
the same release, with the same code, configuration and dependency isolation, and its code ships
with the app.

The rules read the app's admin code and how it is run (``twelve.appmodel.admin``):

- ``admin_code``: migrations, management commands, CLI commands and admin scripts ship with the
  app, not CI or build tooling (F12-S01);
- ``one_off_runs``: admin tasks run as one-off processes of the release (F12-S02), or nothing
  runs them so (F12-AP01);
- ``out_of_band_schema``: people change the production schema by hand (F12-S05);
- ``admin_job_image``: a one-off Job runs another build or lacks the release's config (F12-S06);
- ``admin_code_excluded``: `.dockerignore` leaves admin code out of the image (F12-S07);
- ``admin_task_at_start``: migrations run at every start of a process, by an entrypoint, by Spring
  Boot's Flyway or Liquibase, or by a deploy switch (F12-S08);
- ``schema_generated_at_start``: the start path generates migrations (F12-S09);
- ``schema_without_migrations``: a relational schema synced from the models, imported from an SQL
  dump, or with no source at all, and no migrations (F12-AP02, formerly F12-NE);
- ``no_admin_tasks``: no admin code and no schema to administer (schemaless or ephemeral stores,
  or none): the factor does not apply (F12-NA).
"""
