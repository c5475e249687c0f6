"""Waivers from the configuration and inline comments: a waived finding stays in every report,
marked with its reason, and stops counting; expired, unused or reason-less waivers are reported."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from helpers import ROOT, extract_text, make_repo, write_tree
from materialize import materialize
from twelve.cli import main
from twelve.config import Config, WaiverRule
from twelve.pipeline import Options, assess
from twelve.report import render

EXAMPLE = ROOT / "examples" / "togglemaster-monolith"
TODAY = dt.date(2025, 6, 1)
LOG_APP = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:app\n",
    "app.py": "import logging\nimport os\nfrom flask import Flask\napp = Flask(__name__)\nX = os.getenv('X')\n"
    "logging.getLogger().addHandler(logging.FileHandler('app.log')){comment}\n",
}


def findings(assessment, rule):
    return [f for v in assessment.main.verdicts for f in v.findings if f.rule == rule]


def status(assessment, factor):
    return assessment.main.verdict(factor).status.value


def notices(assessment, lang="en"):
    from twelve.locale import Catalog

    return [Catalog(lang).render(n) for n in assessment.notices]


@pytest.fixture(scope="module")
def example_dir(tmp_path_factory):
    dest = tmp_path_factory.mktemp("waivers") / "togglemaster-monolith"
    materialize(str(EXAMPLE), str(dest))
    return dest


def _with(config_waivers, **options):
    return Options(config=Config(file=".twelve.toml", waivers=tuple(config_waivers)), today=TODAY, **options)


# -- configuration waivers -------------------------------------------------------------------------


def test_a_config_waiver_keeps_the_finding_visible_and_stops_it_counting(example_dir):
    before = assess(str(example_dir), Options(today=TODAY))
    assert status(before, 5) == "partial" and any(f.counts for f in findings(before, "F05-S07"))
    waiver = WaiverRule(
        "F05-S07",
        "deploys go through the pipeline; the EC2 section is history",
        "README.md",
        dt.date(2025, 12, 31),
        "waivers[0]",
    )
    after = assess(str(example_dir), _with([waiver]))
    waived = findings(after, "F05-S07")
    assert waived and all(f.waiver is not None and f.waiver.reason == waiver.reason for f in waived)
    assert waived[0].waiver.source == "config" and waived[0].waiver.origin == ".twelve.toml"
    assert not any(f.counts for f in waived)
    data = json.loads(render(after, "json", "en"))
    factor = data["factors"][4]
    shown = [x for x in factor["findings"] if x["rule"] == "F05-S07"]
    assert shown and shown[0]["waived"] is True
    assert shown[0]["waiver"] == {
        "reason": waiver.reason,
        "source": "config",
        "expires": "2025-12-31",
        "origin": ".twelve.toml",
    }
    assert not any("Replace the manual procedure in README.md" in a for a in factor["adjustments"])
    assert after.notices == ()


def test_a_path_waiver_needs_every_location_to_match(example_dir):
    elsewhere = WaiverRule("F05-S07", "only for docs/", "docs/**", None, "waivers[0]")
    after = assess(str(example_dir), _with([elsewhere]))
    assert all(f.waiver is None for f in findings(after, "F05-S07"))
    assert status(after, 5) == "partial" and all(f.counts for f in findings(after, "F05-S07"))
    assert any("matched no finding" in n for n in notices(after))


def test_an_expired_waiver_is_reported_and_no_longer_applies(example_dir):
    waiver = WaiverRule("F05-S07", "temporary", None, dt.date(2025, 5, 31), "waivers[0]")
    after = assess(str(example_dir), _with([waiver]))
    assert all(f.waiver is None for f in findings(after, "F05-S07"))
    assert status(after, 5) == "partial" and all(f.counts for f in findings(after, "F05-S07"))
    assert notices(after) == [
        ("The waiver of F05-S07 in .twelve.toml (waivers[0]) expired on 2025-05-31: its findings count again")
    ]
    assert "venceu em 2025-05-31" in notices(after, "pt-BR")[0]
    # the last day is included
    on_the_day = assess(str(example_dir), _with([WaiverRule("F05-S07", "temporary", None, TODAY, "waivers[0]")]))
    assert all(f.waiver is not None for f in findings(on_the_day, "F05-S07"))


def test_a_config_waiver_from_a_file_through_the_cli(example_dir, tmp_path):
    repo = tmp_path / "repo"
    materialize(str(EXAMPLE), str(repo))
    (repo / ".twelve.toml").write_text(
        "waivers = [\n"
        '  {rule = "F05-S7", reason = "the EC2 section is history"},\n'
        '  {rule = "F05-AP2", reason = "old decision", expires = 2020-01-01},\n'
        "]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(repo), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [n["code"] for n in data["notices"]] == ["waiver_expired"]
    assert "twelve: warning: The waiver of F05-AP02 in .twelve.toml (waivers[1]) expired on 2020-01-01" in result.stderr
    assert "warning" not in result.stdout
    rules = {x["rule"]: x["waived"] for x in data["factors"][4]["findings"]}
    assert rules["F05-S07"] is True and rules["F05-AP02"] is False


def test_the_markdown_and_text_reports_show_the_reason(example_dir):
    waiver = WaiverRule("F05-S07", "the EC2 section is history", None, None, "waivers[0]")
    after = assess(str(example_dir), _with([waiver]))
    assert "waived: the EC2 section is history" in render(after, "markdown", "en")
    assert "waived: the EC2 section is history" in render(after, "text", "en")


# -- inline waivers --------------------------------------------------------------------------------


def test_inline_comments_are_read_as_facts():
    python = extract_text(
        "twelve.facts.inline",
        "app.py",
        """
        x = 1  # twelve: ignore[F03-S2] a test value
        # twelve: ignore[F11-S1, f03-s1]: rotated by the sidecar

        handler = make()
        y = "# twelve: ignore[F01-S1] inside a string is not a comment"
        """,
    )
    assert [(f.line, f.get("rules"), f.get("reason"), f.get("covers")) for f in python] == [
        (1, ["F03-S2"], "a test value", 1),
        (2, ["F11-S1", "f03-s1"], "rotated by the sidecar", 4),
    ]
    js = extract_text(
        "twelve.facts.inline",
        "web/app.js",
        """
        const key = "x"; // twelve: ignore[F03-S1] documented sample
        /* twelve: ignore[F07-S10] fixed by the platform */
        app.listen(3000);
        """,
    )
    assert [(f.line, f.get("reason"), f.get("covers")) for f in js] == [
        (1, "documented sample", 1),
        (2, "fixed by the platform", 3),
    ]
    md = extract_text("twelve.facts.inline", "README.md", "<!-- twelve: ignore[F05-S7] history -->\ngit clone x\n")
    assert [(f.get("rules"), f.get("reason"), f.get("covers")) for f in md] == [(["F05-S7"], "history", 2)]
    assert extract_text("twelve.facts.inline", "app.py", "x = 1  # twelve: ignore[F03-S2]\n")[0].get("reason") == ""
    assert extract_text("twelve.facts.inline", "app.py", "x = 1  # twelve ignore F03-S2\n") == []


def test_a_trailing_inline_waiver_applies_to_its_line(tmp_path):
    plain = assess(str(make_repo(tmp_path / "a", {**LOG_APP, "app.py": LOG_APP["app.py"].format(comment="")})))
    assert status(plain, 11) == "does_not_meet"
    repo = make_repo(
        tmp_path / "b",
        {
            **LOG_APP,
            "app.py": LOG_APP["app.py"].format(
                comment="  # twelve: ignore[F11-S1] the sidecar ships app.log; moving to stdout in Q3"
            ),
        },
    )
    after = assess(str(repo))
    waived = findings(after, "F11-S01")
    assert waived and waived[0].waiver is not None
    assert (waived[0].waiver.source, waived[0].waiver.origin) == ("inline", "app.py:6")
    assert waived[0].waiver.reason == "the sidecar ships app.log; moving to stdout in Q3"
    assert status(after, 11) != "does_not_meet"
    data = json.loads(render(after, "json", "en"))
    shown = next(x for x in data["factors"][10]["findings"] if x["rule"] == "F11-S01")
    assert shown["waived"] and shown["waiver"]["source"] == "inline"
    assert "notices" not in data


def test_a_comment_line_waives_the_next_line_in_a_deploy_guide(tmp_path):
    src = tmp_path / "src"
    materialize(str(EXAMPLE), str(src), git=False)
    readme = src / "README.md"
    readme.write_text(
        readme.read_text(encoding="utf-8").replace(
            "git clone https://", "# twelve: ignore[F05-S7] the EC2 section is kept for history\ngit clone https://", 1
        ),
        encoding="utf-8",
    )
    repo = tmp_path / "repo"
    materialize(str(src), str(repo))
    after = assess(str(repo))
    waived = findings(after, "F05-S07")
    assert waived and all(f.waiver is not None and f.waiver.source == "inline" for f in waived)
    assert status(after, 5) != "does_not_meet"


def test_an_inline_waiver_without_a_reason_waives_nothing(tmp_path):
    repo = make_repo(tmp_path, {**LOG_APP, "app.py": LOG_APP["app.py"].format(comment="  # twelve: ignore[F11-S1]")})
    after = assess(str(repo))
    assert all(f.waiver is None for f in findings(after, "F11-S01"))
    assert status(after, 11) == "does_not_meet"
    assert notices(after) == [
        ("The inline waiver at app.py:6 (F11-S1) has no reason, so it waives nothing: write why after the brackets")
    ]


def test_unknown_and_unused_inline_waivers_are_reported(tmp_path):
    repo = make_repo(
        tmp_path,
        {
            **LOG_APP,
            "app.py": LOG_APP["app.py"].format(comment="  # twelve: ignore[F99-S1, f11-s1] x"),
            "worker.py": "import os  # twelve: ignore[F03-S2] nothing here\n",
        },
    )
    after = assess(str(repo))
    assert findings(after, "F11-S01")[0].waiver is not None  # the known id (in any case) still applies
    assert notices(after) == [
        "The inline waiver at app.py:6 names unknown rule ids (F99-S1); see `twelve rules`",
        # written with the id F03-S02 replaced, named by its current id
        "The inline waiver at worker.py:1 (F03-S02) matched no finding on the line it covers",
    ]


def test_a_double_slash_waiver_in_a_c_like_file(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": "import os\nX = os.getenv('X')\n",
        "web/config.js": 'const awsKey = "AKIAQ7WZ3XK2PL9MNB4V"; // twelve: ignore[F03-S01] a revoked key, kept for the demo\n',
    }
    plain = {**files, "web/config.js": 'const awsKey = "AKIAQ7WZ3XK2PL9MNB4V";\n'}
    before = findings(assess(str(make_repo(tmp_path / "a", plain))), "F03-S01")
    assert before and before[0].waiver is None
    after = findings(assess(str(make_repo(tmp_path / "b", files))), "F03-S01")
    assert after and after[0].waiver is not None and after[0].waiver.origin == "web/config.js:1"


def test_waivers_in_docs_examples_do_not_raise_notices(tmp_path):
    root = write_tree(
        tmp_path / "src",
        {
            **LOG_APP,
            "app.py": LOG_APP["app.py"].format(comment=""),
            "docs/usage.md": "Next to the line:\n\n    x = 1  # twelve: ignore[F03-S2] reason\n",
        },
    )
    repo = tmp_path / "repo"
    materialize(str(root), str(repo))
    after = assess(str(repo))
    assert notices(after) == []
    assert [f.path for f in after_facts(repo)] == ["docs/usage.md"]  # read, but quiet


def after_facts(repo):
    from twelve.facts import extract_all
    from twelve.repository import open_repository

    return [f for f in extract_all(open_repository(str(repo)), 1 << 21).items if f.kind == "waiver.inline"]


# -- an inline waiver after a command is no part of the command (issue 12, item 7) ------------------

MARKED_COMMANDS = {
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nDB = os.environ['DATABASE_URL']\n",
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "Procfile": "web: gunicorn --bind 0.0.0.0:5000 app:app  # twelve: ignore[F07-S10] the router maps 5000\n",
    "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r requirements.txt  # twelve: ignore[F05-S01] pinned\n"
    'CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"] # twelve: ignore[F07-S10] the router maps 5000\n',
    "docker-compose.yml": "services:\n  web:\n    build: .\n"
    '    command: "gunicorn --bind 0.0.0.0:5000 app:app # twelve: ignore[F07-S10] compose maps it"\n'
    "  worker:\n    build: .\n    command: >\n      python worker.py  # twelve: ignore[F09-S01] a one-off\n",
    ".github/workflows/deploy.yml": "name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: |\n          python manage.py migrate  # twelve: ignore[F12-S01] run by hand\n",
    "start.sh": "#!/bin/sh\nexec gunicorn --bind 0.0.0.0:5000 app:app  # twelve: ignore[F07-S10] mapped\n",
}


def test_an_inline_waiver_after_a_command_is_not_read_as_part_of_it():
    procfile = extract_text("twelve.facts.procfile", "Procfile", MARKED_COMMANDS["Procfile"])[0]
    assert procfile.get("command") == "gunicorn --bind 0.0.0.0:5000 app:app"
    assert procfile.get("commands")[0]["argv"] == ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]
    assert "twelve" not in procfile.excerpt
    docker = extract_text("twelve.facts.dockerfile", "Dockerfile", MARKED_COMMANDS["Dockerfile"])
    cmd = next(f for f in docker if f.kind == "docker.cmd")
    # a `#` after an instruction is no comment to Docker: without the marker the line is exec form
    assert (cmd.get("form"), cmd.get("argv")) == ("exec", ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"])
    assert cmd.excerpt == 'CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]'
    assert next(f for f in docker if f.kind == "docker.run").get("command") == "pip install -r requirements.txt"
    compose = {
        f.get("name"): f.get("command")
        for f in extract_text("twelve.facts.compose", "docker-compose.yml", MARKED_COMMANDS["docker-compose.yml"])
        if f.kind == "compose.service"
    }
    assert compose["web"] == {"form": "shell", "command": "gunicorn --bind 0.0.0.0:5000 app:app"}
    assert compose["worker"] == {"form": "shell", "command": "python worker.py"}
    steps = extract_text(
        "twelve.facts.ci", ".github/workflows/deploy.yml", MARKED_COMMANDS[".github/workflows/deploy.yml"]
    )
    assert next(f for f in steps if f.kind == "ci.step").get("run").strip() == "python manage.py migrate"
    # the waiver itself is still read, with its own line as excerpt
    waiver = extract_text("twelve.facts.inline", "Dockerfile", MARKED_COMMANDS["Dockerfile"])[-1]
    assert (waiver.get("rules"), waiver.get("covers"), waiver.get("reason")) == (["F07-S10"], 4, "the router maps 5000")
    assert "twelve: ignore" in waiver.excerpt


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_no_report_quotes_an_inline_waiver_inside_a_command(tmp_path, lang):
    after = assess(str(make_repo(tmp_path, MARKED_COMMANDS)))
    for fmt in ("text", "markdown", "html", "json"):
        shown = render(after, fmt, lang)
        assert "ignore[" not in shown and "twelve: ignore" not in shown, fmt
    # honoured all the same: the port rule is waived on the Procfile line and on the Dockerfile CMD
    waived = {(loc.path, loc.line) for f in findings(after, "F07-S10") if f.waiver is not None for loc in f.locations}
    assert {("Procfile", 1), ("Dockerfile", 4)} <= waived
    from twelve.locale import Catalog

    signal = [Catalog("en").render(f.message) for f in findings(after, "F09-S06")]
    assert any("web: gunicorn --bind 0.0.0.0:5000 app:app`" in m for m in signal), signal
