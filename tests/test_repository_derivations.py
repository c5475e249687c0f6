"""Values derived from the whole repository are computed once per run, however many apps read them
(a monorepo of a hundred apps must not pay a hundred times: issue 13, linear in app roots)."""

from __future__ import annotations

from helpers import write_tree
from twelve import pipeline
from twelve.appmodel import codebase

APPS = {
    f"svc{i}/{name}": body
    for i in range(4)
    for name, body in {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nPORT = os.environ['PORT']\n",
        "Procfile": "web: gunicorn app:app\n",
    }.items()
}


def _recorded(monkeypatch, owner, name):
    """*owner*.*name* replaced by a wrapper that records the arguments of each call (then calls
    it): the list of those calls."""
    calls: list[tuple] = []
    real = getattr(owner, name)

    def wrapper(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def test_the_deployables_and_held_paths_are_computed_once_for_every_app(tmp_path, monkeypatch):
    calls = _recorded(monkeypatch, codebase, "_deployables")
    assessment = pipeline.assess(str(write_tree(tmp_path / "repo", APPS)), pipeline.Options(jobs=1))
    assert len(assessment.apps) == 4
    assert len(calls) == 1


def test_copies_jars_and_submodules_are_looked_for_once_for_every_app(tmp_path, monkeypatch):
    """The scans of every file of the repository (app copies, committed jars, submodules) do
    not depend on the app: four apps, one scan each."""
    from twelve.appmodel import packages
    from twelve.facts import AppFacts

    copies = _recorded(monkeypatch, codebase, "_app_copies")
    jars = _recorded(monkeypatch, packages, "_committed_jars")
    asked = _recorded(monkeypatch, AppFacts, "derive_repository")  # (self, key, compute) each
    files = {**APPS, "old/app/requirements.txt": "flask\n", "svc1/lib/vendor.jar": "PK"}
    assessment = pipeline.assess(str(write_tree(tmp_path / "repo", files)), pipeline.Options(jobs=1))
    assert len(assessment.apps) == 4
    assert (len(copies), len(jars)) == (1, 1)
    assert [key for _self, key, _compute in asked].count(
        "codebase.submodules"
    ) == 4  # asked by every app, computed once


def test_committed_jars_stay_with_the_app_that_holds_them(tmp_path):
    from twelve.appmodel import packages
    from twelve.facts import runner
    from twelve.repository import open_repository

    repo = open_repository(
        str(write_tree(tmp_path / "repo", {**APPS, "svc1/lib/vendor.jar": "PK", "tools/x.jar": "PK"}))
    )
    facts = runner.extract(repo, 1 << 20, jobs=1)
    found = {app.path: packages.committed_jars(facts.for_app(app)) for app in repo.apps}
    assert found == {"svc0": [], "svc1": ["svc1/lib/vendor.jar"], "svc2": [], "svc3": []}


def test_admin_code_paths_are_matched_once_and_each_app_keeps_its_own(tmp_path, monkeypatch):
    """The path patterns of admin code (migrations, scripts) run once over the repository's
    files; each app keeps the admin code of its root and of the files outside every root."""
    from twelve.appmodel import admin

    calls = _recorded(monkeypatch, admin, "_admin_paths")
    files = {
        **APPS,
        "svc1/migrations/0001_initial.py": "def upgrade():\n    pass\n",
        "scripts/seed_db.py": "print('seeding')\n",
        "scripts/migrate.py": "print('migrating')\n",  # named like a migration, a script where it lies
    }
    root = write_tree(tmp_path / "repo", files)
    from twelve.facts import runner
    from twelve.repository import open_repository

    repo = open_repository(str(root))
    facts = runner.extract(repo, 1 << 20, jobs=1)
    found = {app.path: sorted(c.where.path for c in admin.admin_code(facts.for_app(app))) for app in repo.apps}
    assert len(calls) == 1
    assert found["svc1"] == ["scripts/migrate.py", "scripts/seed_db.py", "svc1/migrations/0001_initial.py"]
    assert found["svc0"] == found["svc2"] == found["svc3"] == ["scripts/migrate.py", "scripts/seed_db.py"]


def test_unread_node_locks_are_sorted_by_app_once_for_every_app(tmp_path, monkeypatch):
    """The locks left unread (bun.lockb) are put under their app roots in one pass over the
    skipped files, not one pass per app."""
    from twelve.appmodel import packages

    calls = _recorded(monkeypatch, packages, "_skipped_node_locks")
    files = {**APPS, "svc2/package.json": '{"name": "ui", "dependencies": {"express": "4.19.2"}}\n'}
    files["svc2/bun.lockb"] = "\x00bun-lockfile\x00\n"
    assessment = pipeline.assess(str(write_tree(tmp_path / "repo", files)), pipeline.Options(jobs=1))
    assert len(assessment.apps) == 4
    assert len(calls) == 1


def test_the_starts_each_rule_reads_are_worked_out_once_per_app(tmp_path, monkeypatch):
    """The reduced start commands, Dockerfile heads, gunicorn configuration and CLI names are
    read by a dozen rules each: worked out once for each app, the same answers."""
    from twelve.appmodel import processes, starts

    files = {
        **APPS,
        "svc0/Dockerfile": 'FROM python:3.12-slim\nCMD ["gunicorn", "-c", "gunicorn.conf.py", "app:app"]\n',
        "svc0/gunicorn.conf.py": "timeout = 30\n",
    }
    root = write_tree(tmp_path / "repo", files)
    from twelve.facts import runner
    from twelve.repository import open_repository

    repo = open_repository(str(root))
    facts = runner.extract(repo, 1 << 20, jobs=1)
    before = [
        ([s.argv for s in starts.running_starts(app)], [h.path for h in starts.docker_heads(app)])
        for app in map(facts.for_app, repo.apps)
    ]
    effective = _recorded(monkeypatch, starts, "effective")
    heads_made = _recorded(monkeypatch, starts, "_docker_heads")
    gunicorn = _recorded(monkeypatch, starts, "_gunicorn_configs")
    app = facts.for_app(repo.apps[0])
    for _ in range(3):
        running = starts.running_starts(app)
        heads = starts.docker_heads(app)
        configs = starts.gunicorn_configs(app)
        processes.one_off(app, ["flask", "init-db"])
    assert (len(effective), len(heads_made), len(gunicorn)) == (2, 1, 1)  # a Procfile and a Dockerfile start
    assert processes._cli_names(app) is processes._cli_names(app)
    assert (([s.argv for s in running], [h.path for h in heads])) == before[0]
    assert [s.argv for s in running] == [("gunicorn", "app:app"), ("gunicorn", "-c", "gunicorn.conf.py", "app:app")]
    assert [f.path for f in configs] == ["svc0/gunicorn.conf.py"]
    running.clear()  # a caller's copy: the next one is whole
    assert len(starts.running_starts(app)) == 2


def test_the_jvm_builds_and_drivers_each_rule_reads_are_picked_once_per_app(tmp_path, monkeypatch):
    """A monorepo's apps each read the dependencies of the builds they share: the runtime
    dependencies, the declared drivers and the JVM builds are picked once for each app."""
    from twelve.appmodel import packages, services, state
    from twelve.facts import runner
    from twelve.repository import open_repository

    files = {
        **APPS,
        "svc3/pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>b</artifactId>"
        "<version>1</version><dependencies><dependency><groupId>org.postgresql</groupId>"
        "<artifactId>postgresql</artifactId><version>42.7.3</version></dependency></dependencies></project>\n",
    }
    repo = open_repository(str(write_tree(tmp_path / "repo", files)))
    facts = runner.extract(repo, 1 << 20, jobs=1)
    runtime_made = _recorded(monkeypatch, state, "_jvm_runtime_dependencies")
    drivers_made = _recorded(monkeypatch, services, "_declared_drivers")
    app = facts.for_app(next(a for a in repo.apps if a.path == "svc3"))
    for _ in range(3):
        runtime = state.jvm_runtime_dependencies(app)
        drivers = services.declared_drivers(app)
        builds = packages.jvm_builds(app)
    assert (len(runtime_made), len(drivers_made)) == (1, 1)
    assert [d.data.name for d in runtime] == ["org.postgresql:postgresql"]
    assert [(f.path, engine) for f, engine in drivers] == [("svc3/pom.xml", "postgresql")]
    assert [b.path for b in builds] == ["svc3/pom.xml"] and packages.jvm_builds(app) is not builds


def test_the_several_apps_finding_is_made_once_for_every_app(tmp_path, monkeypatch):
    """F01-S05 names every app's manifest, the same for each app: made once per run, reported by
    each app alike."""
    from twelve.rules.f01 import one_app

    calls = _recorded(monkeypatch, one_app, "_several_apps")
    assessment = pipeline.assess(str(write_tree(tmp_path / "repo", APPS)), pipeline.Options(jobs=1))
    found = [f for app in assessment.apps for v in app.verdicts for f in v.findings if f.rule == "F01-S05"]
    assert len(calls) == 1 and len(found) == 4
    assert {tuple(loc.path for loc in f.locations) for f in found} == {
        tuple(f"svc{i}/requirements.txt" for i in range(4))
    }


def test_ci_steps_outside_every_app_are_read_once_for_every_app(tmp_path, monkeypatch):
    """A workflow at the repository's root concerns every app: its steps are tested for a
    deploy once per run, and each app sees the deploy step and the continuous deploy."""
    from twelve.appmodel import deploy
    from twelve.facts import runner
    from twelve.repository import open_repository

    workflow = (
        "name: ci\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n"
        "      - run: flyctl deploy --remote-only\n"
    )
    repo = open_repository(str(write_tree(tmp_path / "repo", {**APPS, ".github/workflows/ci.yml": workflow})))
    facts = runner.extract(repo, 1 << 20, jobs=1)
    tested = _recorded(monkeypatch, deploy, "_rolls_out")
    for app in repo.apps:
        view = facts.for_app(app)
        assert [s.fact.data.run for s in deploy.deploy_steps(view)] == ["flyctl deploy --remote-only"]
        assert [(d.job.data.job, d.trigger) for d in deploy.continuous_deploys(view)] == [("deploy", "push: main")]
    assert len(tested) == 3  # three steps, once each, for four apps
