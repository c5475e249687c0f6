"""F12-S02 (one-off runs of the release, Jobs with the release image) and F12-AP01 (no one-off path)."""

from __future__ import annotations

from f12_data import DOCKER, ENTRY, KAPP, REQ, deployment, job, params

from helpers import fired, lines


def test_s02_fires_for_a_procfile_release_or_documented_one_off(tmp_path):
    procfile = {**REQ, "Procfile": "web: gunicorn app:app\nrelease: flask init-db\n"}
    assert lines(fired(tmp_path / "a", procfile, "F12-S02")) == {("Procfile", 2)}
    readme = "# App\n\n## Operations\n\n```bash\ndocker compose run --rm app flask init-db\n```\n"
    assert lines(fired(tmp_path / "b", {**REQ, "README.md": readme}, "F12-S02")) == {("README.md", 6)}


def test_s02_is_silent_for_server_runs(tmp_path):
    readme = "# App\n\n```bash\ndocker compose run app gunicorn app:app\n```\n"
    assert fired(tmp_path, {**REQ, "README.md": readme}, "F12-S02") == []


def test_s02_fires_for_a_job_with_the_release_image(tmp_path):
    hook = "\n  annotations:\n    helm.sh/hook: pre-upgrade"
    found = fired(tmp_path, {**KAPP, "k8s/web.yaml": deployment(), "k8s/job.yaml": job(annotations=hook)}, "F12-S02")
    image = [f for f in found if f.message.key == "F12-S02.message_release_image"]
    assert lines(image) == {("k8s/job.yaml", 13), ("k8s/web.yaml", 11)}
    assert params(image, "how") == ["Helm hook pre-upgrade"] and params(image, "command") == [
        "python manage.py migrate"
    ]


def test_s02_fires_for_platform_release_commands(tmp_path):
    fly = 'app = "shop"\n[deploy]\n  release_command = "python manage.py migrate"\n[processes]\n  web = "gunicorn app:app"\n'
    found = fired(tmp_path, {**KAPP, "fly.toml": fly}, "F12-S02")
    assert ("fly.toml", 3) in lines(found)
    assert "F12-S02.message_release_image" in {f.message.key for f in found}


def test_s02_near_miss_a_job_with_another_image(tmp_path):
    files = {**KAPP, "k8s/web.yaml": deployment(), "k8s/job.yaml": job(image="registry.example.com/shop:1.4.1")}
    found = fired(tmp_path, files, "F12-S02")
    assert [f for f in found if f.message.key == "F12-S02.message_release_image"] == []


def test_ap01_leaves_tasks_of_the_start_path_to_f12_s08(tmp_path):
    # a task the entrypoint runs at every start is F12-S08 (moderate): AP01 would only repeat it
    files = {**REQ, "entrypoint.sh": ENTRY, "Dockerfile": DOCKER}
    assert fired(tmp_path / "a", files, "F12-AP01") == []
    assert lines(fired(tmp_path / "b", files, "F12-S08")) == {("entrypoint.sh", 2)}


def test_ap01_names_a_real_task_not_a_tool_configuration(tmp_path):
    files = {
        **REQ,
        "app.py": "x = 1\n",
        "alembic.ini": "[alembic]\nscript_location = app/_migrations\n",
        "app/_migrations/env.py": "from alembic import context\n",
        "app/_migrations/versions/001_init.py": "revision = '001'\n",
    }
    found = fired(tmp_path, files, "F12-AP01")
    assert found[0].message.param_dict()["task"] == "app/_migrations/versions/"


def test_s02_fires_for_the_apps_own_command_in_a_guide(tmp_path):
    readme = "# App\n\n## Upgrading\n\n```bash\n./app -migrate\n```\n"
    main = (
        'package main\n\nimport "flag"\n\nfunc main() {\n\tmigrate := flag.Bool("migrate", false, "apply migrations")\n'
        "\tflag.Parse()\n\t_ = migrate\n}\n"
    )
    files = {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": main, "README.md": readme}
    assert lines(fired(tmp_path / "a", files, "F12-S02")) == {("README.md", 6)}
    assert fired(tmp_path / "b", files, "F12-AP01") == []


def test_s02_fires_for_a_job_named_for_its_task_with_the_release_image(tmp_path):
    job_manifest = (
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: shop-migrate-1-4-2\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: migrate\n          image: registry.example.com/shop:1.4.2\n"
    )
    files = {**REQ, "k8s/web.yaml": deployment(), "k8s/job.yaml": job_manifest}
    found = fired(tmp_path, files, "F12-S02")
    assert "Job shop-migrate-1-4-2" in params(found, "how")


def test_ap01_fires_when_nothing_runs_the_admin_code(tmp_path):
    found = fired(tmp_path, REQ, "F12-AP01")
    assert found[0].message.param_dict()["how"] == "undocumented"


def test_ap01_is_silent_with_a_one_off_path(tmp_path):
    files = {**REQ, "Procfile": "web: gunicorn app:app\nrelease: flask init-db\n"}
    assert fired(tmp_path, files, "F12-AP01") == []
