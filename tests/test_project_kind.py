"""Issue 12: a library or framework is not a deployable app.

The repositories of tests/data/kinds are read from their files alone (twelve.appmodel.project_kind):
a root manifest that declares a distributable package and nothing in production that deploys it
make a library, assessed as one unit on factors I and II; any sign of a deployment keeps the
reading of an app. ``--kind`` and ``kind`` in the configuration override it (the command line
wins), and every report says so."""

from __future__ import annotations

import json
import sqlite3
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from helpers import ROOT, make_repo, materialize, run
from twelve.appmodel.project_kind import deciding, detect
from twelve.cli import main
from twelve.config import ConfigError, load
from twelve.model import Status
from twelve.pipeline import LIBRARY_FACTORS, Options, assess, walk
from twelve.report import render
from twelve.rubric import RUBRIC, Outcome

KINDS = ROOT / "tests" / "data" / "kinds"

#: each library: the file and line that declare its package, and what they declare
LIBRARIES = {
    "py-library": ("pyproject.toml", 5, "python_project"),
    "node-library": ("package.json", 5, "node_package"),
    "ruby-gem": ("tinygem.gemspec", 1, "gemspec"),
    "go-library": ("go.mod", 1, "go_module"),
    "java-gradle-library": ("build.gradle", 2, "gradle_library"),
    "framework-modules": (
        "buildSrc/src/main/java/io/lattice/lattice/gradle/ConventionsPlugin.java",
        5,
        "gradle_library",
    ),
    # near misses of a running app: a Flask(...) in a doc string, docs/ and examples/; a test app
    "py-library-flask-docs": ("pyproject.toml", 5, "python_project"),
    "py-library-test-app": ("pyproject.toml", 5, "python_project"),
}
#: each near miss: the sign of a deployment that keeps it an app
APPS = {
    "flask-packaged-app": ("Dockerfile", "dockerfile"),
    "node-start-procfile": ("package.json", "start_script"),
    "go-server": ("Dockerfile", "dockerfile"),
    "gem-rack-app": ("Procfile", "procfile"),
    # no deploy file: the production code that runs the app keeps it one
    "poetry-fastapi-app": ("notes_api/main.py", "runs_app"),
    "poetry-discord-bot": ("dicebot/bot.py", "runs_app"),
    "node-express-main": ("index.js", "runs_app"),
    "celery-worker": ("src/thumbs/worker.py", "runs_app"),
}
#: each app kept by its code alone: where it starts the app, and what it starts
RUNS_APP = {
    "poetry-fastapi-app": ("notes_api/main.py", 7, "FastAPI"),
    "poetry-discord-bot": ("dicebot/bot.py", 9, "discord bot"),
    "node-express-main": ("index.js", 4, "express()"),
    "celery-worker": ("src/thumbs/worker.py", 5, "Celery"),
}
SCHEMA = json.loads(resources.files("twelve.schema").joinpath("report-v1.schema.json").read_text(encoding="utf-8"))
FORMATS = ("text", "json", "markdown", "sarif", "html", "github", "junit", "badge")


@pytest.fixture(scope="module")
def repos(tmp_path_factory) -> dict[str, Path]:
    """Every repository of tests/data/kinds, laid out as a one-commit git repository."""
    base = tmp_path_factory.mktemp("kinds")
    found = {}
    for source in sorted(p for p in KINDS.iterdir() if p.is_dir()):
        found[source.name] = base / source.name
        materialize(str(source), str(found[source.name]))
    return found


@pytest.fixture(scope="module")
def py_library(repos):
    """The assessment of py-library, shared by the report tests."""
    return run(repos["py-library"])


def _library_verdicts(assessment) -> None:
    assert len(assessment.apps) == 1 and assessment.main.path == "."
    for verdict in assessment.main.verdicts:
        if verdict.factor in LIBRARY_FACTORS:
            assert verdict.status is not Status.NOT_APPLICABLE
            assert all(m.key != "verdict.library_not_applicable" for m in verdict.justification)
        else:
            assert verdict.status is Status.NOT_APPLICABLE, verdict.factor
            assert [m.key for m in verdict.justification] == ["verdict.library_not_applicable"]
            assert verdict.findings == ()


@pytest.mark.parametrize("name", sorted(LIBRARIES))
def test_each_library_is_one_unit_assessed_on_factors_one_and_two(repos, name):
    path, line, what = LIBRARIES[name]
    assessment = run(repos[name])
    kind = assessment.kind
    assert kind is not None and kind.kind == "library" and kind.source == "detected"
    assert [(e.path, e.line, e.what) for e in kind.package] == [(path, line, what)]
    assert kind.deploys == ()
    _library_verdicts(assessment)


@pytest.mark.parametrize("name", sorted(APPS))
def test_each_near_miss_stays_an_app_as_before(repos, name):
    path, what = APPS[name]
    assessment = run(repos[name])
    assert assessment.kind is not None and assessment.kind.kind == "app"
    assert assessment.kind.package, "it declares a package: the deployment is what keeps it an app"
    assert (assessment.kind.deploys[0].path, assessment.kind.deploys[0].what) == (path, what)
    forced = run(repos[name], kind="app")
    assert [(a.path, [v.status for v in a.verdicts]) for a in assessment.apps] == [
        (a.path, [v.status for v in a.verdicts]) for a in forced.apps
    ]
    assert all(
        m.key != "verdict.library_not_applicable" for a in assessment.apps for v in a.verdicts for m in v.justification
    )


def test_a_framework_tree_of_application_like_modules_is_one_library_not_many_apps(repos):
    as_app = run(repos["framework-modules"], kind="app")
    assert len(as_app.apps) >= 5  # what twelve read before: one app per *Application module
    library = run(repos["framework-modules"])
    assert library.kind.kind == "library"
    assert [a.path for a in library.apps] == ["."] and library.main.stacks == ("java",)


def test_tests_examples_templates_and_resources_never_decide(repos):
    repo = walk(str(repos["framework-modules"]))
    by_path = {e.path: e for e in repo.files}
    assert not deciding(by_path["smoke-test/lattice-smoke-test-web/Dockerfile"])
    assert not deciding(by_path["module/lattice-web/src/main/resources/templates/Dockerfile"])
    assert deciding(by_path["settings.gradle"])
    node = walk(str(repos["node-library"]))
    assert {e.path for e in node.files} >= {"examples/Procfile", "examples/server.js"}
    assert detect(node).kind == "library"


@pytest.mark.parametrize(
    ("files", "what"),
    [
        ({"go.mod": "module example.com/tool\n", "cmd/tool/main.go": "package main\n\nfunc main() {}\n"}, "go_main"),
        (
            {
                "pyproject.toml": '[build-system]\nrequires = ["setuptools"]\n\n[project]\nname = "site"\n',
                "manage.py": "import django\n",
                "site/settings.py": "DEBUG = False\n",
            },
            "django_project",
        ),
        (
            {
                "pyproject.toml": '[build-system]\nrequires = ["setuptools"]\n\n[project]\nname = "svc"\n',
                "compose.yaml": "services:\n  web:\n    build: .\n    ports: ['8000:8000']\n",
            },
            "compose_build",
        ),
        (
            {
                "package.json": '{"name": "api", "main": "index.js"}\n',
                "deploy/api.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n",
            },
            "kubernetes",
        ),
        ({"package.json": '{"name": "site", "main": "index.js"}\n', "vercel.json": "{}\n"}, "platform"),
        ({"package.json": '{"name": "api", "main": "index.js"}\n', "server.js": "require('http')\n"}, "server"),
        (
            {
                "setup.py": "from setuptools import setup\nsetup(name='blog', packages=['blog'])\n",
                "blog/wsgi.py": "from blog import app as application\n",
            },
            "server",
        ),
        (
            {"package.json": '{"name": "shop", "main": "index.js"}\n', "next.config.js": "module.exports = {}\n"},
            "server",
        ),
        (
            {
                "pom.xml": "<project><distributionManagement/><build><plugins><plugin>"
                "<artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></project>\n"
            },
            "jvm_app",
        ),
    ],
)
def test_any_sign_of_a_deployment_keeps_an_app(tmp_path, files, what):
    kind = detect(walk(str(make_repo(tmp_path, files, git=False))))
    assert kind.kind == "app" and kind.package and [e.what for e in kind.deploys] == [what]


@pytest.mark.parametrize(
    "files",
    [
        {"package.json": '{"name": "web", "private": true, "main": "index.js"}\n'},  # private: never published
        {"package.json": '{"name": "tool", "version": "1.0.0"}\n'},  # declares no entry point
        {"pyproject.toml": "[tool.ruff]\nline-length = 100\n", "app.py": "print(1)\n"},  # no [project]
        {"requirements.txt": "flask==3.0.3\n", "app.py": "from flask import Flask\n"},
        {"lib/x.gemspec": "Gem::Specification.new do |s|\nend\n"},  # not at the root
    ],
)
def test_without_a_published_package_at_the_root_it_stays_an_app(tmp_path, files):
    assert detect(walk(str(make_repo(tmp_path, files, git=False)))).kind == "app"


def _config(repo: Path, kind: str) -> None:
    (repo / ".twelve.toml").write_text(f'kind = "{kind}"\n', encoding="utf-8")


def test_override_precedence_command_line_then_configuration_then_files(tmp_path):
    repo = make_repo(
        tmp_path,
        {
            p.relative_to(KINDS / "py-library").as_posix(): p.read_text()
            for p in (KINDS / "py-library").rglob("*")
            if p.is_file()
        },
    )
    _config(repo, "app")
    config = load(str(repo / ".twelve.toml"), shown=".twelve.toml")
    by_config = assess(str(repo), Options(config=config))
    assert (by_config.kind.kind, by_config.kind.source, by_config.kind.detected) == ("app", "config", "library")
    assert all(v.status is not Status.NOT_APPLICABLE or v.factor in (4, 7, 12) for v in by_config.main.verdicts)
    by_cli = assess(str(repo), Options(config=config, kind="library"))
    assert (by_cli.kind.kind, by_cli.kind.source) == ("library", "cli")
    assert by_cli.selection is not None and "kind" in by_cli.selection.overridden
    _library_verdicts(by_cli)
    auto = assess(str(repo), Options(config=config, kind="auto"))
    assert (auto.kind.kind, auto.kind.requested, auto.kind.source) == ("library", "auto", "detected")
    assert "kind" in auto.selection.overridden  # the command line replaced the file's kind
    said = render(by_cli, "markdown", "en")
    assert "replaces these settings of .twelve.toml: kind" in said and "--kind library" in said
    with pytest.raises(ValueError):
        assess(str(repo), Options(kind="service"))
    plain = assess(str(repo), Options())
    assert (plain.kind.kind, plain.kind.source) == ("library", "detected")


def test_kind_library_forces_one_unit_on_an_app(repos):
    forced = run(repos["go-server"], kind="library")
    assert forced.kind.kind == "library" and forced.kind.detected == "app" and forced.kind.source == "cli"
    _library_verdicts(forced)


def test_an_invalid_kind_is_a_usage_error(tmp_path, repos):
    result = CliRunner().invoke(main, ["check", str(repos["py-library"]), "--kind", "service"])
    assert result.exit_code == 2 and "--kind" in result.output
    repo = make_repo(tmp_path, {"setup.py": "from setuptools import setup\nsetup(name='x', packages=['x'])\n"})
    _config(repo, "service")
    with pytest.raises(ConfigError) as raised:
        load(str(repo / ".twelve.toml"))
    assert raised.value.key == "kind" and raised.value.problem.key == "config.bad_kind"
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "json"])
    assert result.exit_code == 2 and "kind" in result.output and "service" in result.output


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ("en", "pt-BR"))
def test_every_format_says_it_reads_a_library_with_evidence_and_the_override(py_library, fmt, lang):
    out = render(py_library, fmt, lang)
    if fmt == "badge":
        label = "12-factor · library" if lang == "en" else "biblioteca"
        assert label in out and ("I and II" if lang == "en" else "I e II") in out
        return
    assert "pyproject.toml:5" in out, fmt
    assert "--kind app" in out, fmt
    assert ("library or framework" if lang == "en" else "biblioteca ou framework") in out, fmt
    if fmt == "json":
        data = json.loads(out)
        jsonschema.Draft202012Validator(SCHEMA).validate(data)
        assert data["kind"]["kind"] == "library" and data["kind"]["package"][0]["line"] == 5
        assert len(data["apps"]) == 1 and data["summary"]["not_applicable"] >= 10
    if fmt == "sarif":
        assert json.loads(out)["runs"][0]["properties"]["kind"]["kind"] == "library"


def test_an_app_read_from_its_files_has_no_notice_but_an_override_has_one(repos):
    app = run(repos["flask-packaged-app"])
    assert "--kind" not in render(app, "markdown", "en") and "--kind" not in render(app, "text", "en")
    assert json.loads(render(app, "json", "en"))["kind"]["statements"] == []
    forced = run(repos["flask-packaged-app"], kind="app")
    said = render(forced, "markdown", "en")
    assert "--kind app" in said and "Dockerfile" in said


def test_not_applicable_never_trips_a_gate(repos):
    library = run(repos["py-library"], fail_on="partial")
    factors = {v.factor: v.status for v in library.main.verdicts}
    assert all(v.factor in LIBRARY_FACTORS for v in library.policy.violations if v.factor)
    assert all(factors[n] is Status.NOT_APPLICABLE for n in range(3, 13))
    meets = sum(1 for n in LIBRARY_FACTORS if factors[n] is Status.MEETS)
    gate = run(repos["py-library"], min_meets=12)
    assert gate.policy.passed is (meets == 2)
    as_app = run(repos["py-library"], min_meets=12, kind="app")
    assert not as_app.policy.passed


def test_a_library_none_of_whose_two_factors_is_decided_fails_the_gate():
    from twelve.model import AppAssessment, Confidence, FactorVerdict
    from twelve.policy import evaluate

    def verdict(number: int, status: Status) -> FactorVerdict:
        return FactorVerdict(number, status, Confidence.LOW, (), ())

    statuses = [Status.INCONCLUSIVE, Status.INCONCLUSIVE] + [Status.NOT_APPLICABLE] * 10
    app = AppAssessment(".", "lib", ("python",), tuple(verdict(n, s) for n, s in enumerate(statuses, 1)))
    assert [v.kind for v in evaluate([app], "does_not_meet", None, library=True).violations] == ["undecided"]
    assert evaluate([app], "does_not_meet", None, library=False).passed  # as before for an app


def test_exit_codes_follow_the_gate_on_a_library(repos):
    target = str(repos["py-library"])
    assessment = run(repos["py-library"])
    statuses = [assessment.main.verdict(n).status for n in LIBRARY_FACTORS]
    expected = 0 if all(s is Status.MEETS for s in statuses) else 1
    result = CliRunner().invoke(main, ["check", target, "--no-cache", "--format", "json", "--fail-on", "partial"])
    assert result.exit_code == expected, result.output
    result = CliRunner().invoke(
        main, ["check", target, "--no-cache", "--format", "json", "--fail-on", "partial", "--kind", "app"]
    )
    assert result.exit_code == 1  # as an app, III-XII count


def test_a_replayed_run_keeps_the_kind(tmp_path, repos):
    options = Options(cache_dir=str(tmp_path / "cache"))
    first = assess(str(repos["ruby-gem"]), options)
    again = assess(str(repos["ruby-gem"]), options)
    assert first.kind == again.kind and again.kind.kind == "library"
    assert [v.status for v in again.main.verdicts] == [v.status for v in first.main.verdicts]


def test_the_rubric_has_a_not_applicable_line_for_a_library_on_factors_three_to_twelve():
    from twelve.locale import Catalog

    for number, lines in RUBRIC.items():
        has = any(line.outcome is Outcome.NOT_APPLICABLE for line in lines)
        assert has is (number not in LIBRARY_FACTORS), number
        for lang, word in (("en", "library"), ("pt-BR", "biblioteca")):
            if has:
                line = next(line for line in lines if line.outcome is Outcome.NOT_APPLICABLE)
                assert word in Catalog(lang).text(line.key(number)), (number, lang)


def test_a_portfolio_scan_records_a_library_as_one_app(tmp_path, repos):
    checkouts = tmp_path / "checkouts"
    materialize(str(KINDS / "go-library"), str(checkouts / "ringbuf"))
    db = tmp_path / "scan.db"
    result = CliRunner().invoke(
        main, ["scan", "--no-progress", str(checkouts), "--db", str(db), "--workers", "1"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as connection:
        assert connection.execute("select count(*) from twelve_apps").fetchone() == (1,)
        statuses = dict(connection.execute("select factor, status from twelve_verdicts").fetchall())
        report = json.loads(connection.execute("select report from twelve_assessments").fetchone()[0])
    assert all(statuses[n] == "not_applicable" for n in range(3, 13))
    assert report["kind"]["kind"] == "library" and report["kind"]["package"][0]["path"] == "go.mod"


@pytest.mark.parametrize("name", sorted(RUNS_APP))
def test_a_packaged_app_without_a_deploy_file_is_kept_by_the_code_that_runs_it(repos, name):
    kind = detect(walk(str(repos[name])))
    assert kind.kind == "app" and kind.package
    assert [(e.path, e.line, e.what, e.detail) for e in kind.deploys] == [
        (*RUNS_APP[name][:2], "runs_app", RUNS_APP[name][2])
    ]
    said = render(run(repos[name]), "markdown", "en")
    assert "--kind" not in said  # read from the files as an app, as an expert reads it


PY_PROJECT = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "svc"\n'
NODE_PACKAGE = '{"name": "svc", "version": "1.0.0", "main": "index.js"}\n'


@pytest.mark.parametrize(
    ("files", "where"),
    [
        (
            {
                "svc/__init__.py": "from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n"
            },
            ("svc/__init__.py", 5, "Flask"),
        ),
        ({"svc/app.py": "import fastapi\n\napp: fastapi.FastAPI = fastapi.FastAPI()\n"}, ("svc/app.py", 3, "FastAPI")),
        (
            {"main.py": "import uvicorn\n\nif __name__ == '__main__':\n    uvicorn.run('svc.api:app', port=8000)\n"},
            ("main.py", 4, "uvicorn.run"),
        ),
        (
            {"svc/server.py": "from aiohttp import web\n\napp = web.Application()\n"},
            ("svc/server.py", 3, "aiohttp web.Application"),
        ),
        (
            {"svc/serve.py": "from waitress import serve\nfrom svc import app\n\nserve(app, port=8080)\n"},
            ("svc/serve.py", 4, "waitress.serve"),
        ),
        (
            {"site/settings.py": "DEBUG = False\nROOT_URLCONF = 'site.urls'\n"},
            ("site/settings.py", 2, "Django settings"),
        ),
        (
            {"svc/jobs.py": "from rq import Worker\n\nworker = Worker(['default'])\nworker.work()\n"},
            ("svc/jobs.py", 3, "rq Worker"),
        ),
        (
            {"svc/bot.py": "from telegram.ext import Application\n\napp = Application.builder().token(T).build()\n"},
            ("svc/bot.py", 3, "telegram Application"),
        ),
        (
            {"svc/bot.py": "from aiogram import Bot, Dispatcher\n\ndp = Dispatcher()\n"},
            ("svc/bot.py", 3, "aiogram Dispatcher"),
        ),
        (
            {
                "svc/cron.py": "from apscheduler.schedulers.blocking import BlockingScheduler\n\nsched = BlockingScheduler()\n"
            },
            ("svc/cron.py", 3, "APScheduler"),
        ),
        ({"index.js": "const Koa = require('koa');\nconst app = new Koa();\n"}, ("index.js", 2, "Koa")),
        (
            {
                "src/main.ts": "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n}\n"
            },
            ("src/main.ts", 3, "Nest"),
        ),
        (
            {"src/app.ts": "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\n"},
            ("src/app.ts", 2, "Fastify"),
        ),
        (
            {"index.js": "const http = require('http');\nconst server = http.createServer(handler);\n"},
            ("index.js", 2, "http.createServer"),
        ),
        (
            {"src/index.ts": "export default {};\nBun.serve({ port: 3000, fetch: handle });\n"},
            ("src/index.ts", 2, "Bun.serve"),
        ),
        (
            {
                "bot.js": "const { Telegraf } = require('telegraf');\nconst bot = new Telegraf(process.env.BOT_TOKEN);\nbot.launch();\n"
            },
            ("bot.js", 3, "telegraf launch"),
        ),
        (
            {"src/worker.ts": "import { Worker } from 'bullmq';\nnew Worker('mail', send);\n"},
            ("src/worker.ts", 2, "BullMQ Worker"),
        ),
    ],
)
def test_production_code_that_runs_an_app_keeps_an_app(tmp_path, files, where):
    manifest = (
        {"package.json": NODE_PACKAGE}
        if any(p.endswith((".js", ".ts")) for p in files)
        else {"pyproject.toml": PY_PROJECT}
    )
    kind = detect(walk(str(make_repo(tmp_path, {**manifest, **files}, git=False))))
    assert kind.kind == "app"
    assert [(e.path, e.line, e.what, e.detail) for e in kind.deploys] == [(where[0], where[1], "runs_app", where[2])]


@pytest.mark.parametrize(
    "files",
    [
        {
            "svc/core.py": "from flask import Flask\n\n\nclass Flask(Flask):\n    pass\n\n\ndef make(app: Flask) -> Flask:\n    return isinstance(app, Flask)\n"
        },
        {"svc/core.py": '"""Use it::\n\n    app = Flask(__name__)\n    app.run()\n"""\nimport flask\n'},  # a doc string
        {"svc/core.py": "import flask\n# app = Flask(__name__)\n"},  # a comment
        {"svc/core.py": "def run(app):\n    return app\n"},  # a definition
        {"svc/cli.py": "from absl import app\n\napp.run(main)\n"},  # an absl command line, not a server
        {"svc/core.py": "import required\n\nworker = Worker(queue)\n"},  # no rq import
        {"svc/a/b/c/app.py": "from flask import Flask\napp = Flask(__name__)\n"},  # deeper than a start module
        {"tests/conftest.py": "from fastapi import FastAPI\napp = FastAPI()\n"},
        {"examples/app.py": "from flask import Flask\napp = Flask(__name__)\n"},
        {"docs/conf_app.py": "from flask import Flask\napp = Flask(__name__)\n"},
        {"templates/app.py": "from flask import Flask\napp = Flask(__name__)\n"},
        {"index.js": "const w = new Worker('./hash.js');\n"},  # a web worker, not bullmq
        {"index.js": "// const app = express();\n/*\n * app.listen(3000)\n */\n"},
        {
            "index.js": "const src = `const app = express()\napp.listen(3000)\n`;\nmodule.exports = src;\n"
        },  # writes another project
    ],
)
def test_definitions_mentions_and_non_deciding_code_never_make_an_app(tmp_path, files):
    manifest = (
        {"package.json": NODE_PACKAGE} if any(p.endswith(".js") for p in files) else {"pyproject.toml": PY_PROJECT}
    )
    kind = detect(walk(str(make_repo(tmp_path, {**manifest, **files}, git=False))))
    assert (kind.kind, kind.deploys) == ("library", ())


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "One library or package (pyproject.toml)"), ("pt-BR", "Uma única biblioteca ou pacote (pyproject.toml)")],
)
def test_factor_one_says_a_library_holds_one_package_not_one_deployable_app(py_library, repos, lang, title):
    def s02(assessment, lang: str) -> dict:
        factor = json.loads(render(assessment, "json", lang))["apps"][0]["factors"][0]
        return next(f for f in factor["findings"] if f["rule"] == "F01-S02")

    said = s02(py_library, lang)
    assert said["title"] == title
    assert all(word not in said["message"] for word in ("deployable", "implantável", "deploy"))
    as_app = s02(run(repos["py-library"], kind="app"), "en")
    assert as_app["title"] == "A single deployable app (pyproject.toml)"
