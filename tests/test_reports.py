"""Report formats: the JSON contract validates against the shipped schema; hostile names cannot
break the Markdown table or inject markup; every format is complete in both languages."""

from __future__ import annotations

import json
import re
from importlib import resources

import jsonschema
import pytest

from helpers import make_repo, run
from twelve.report import FORMATS, render, render_pieces

SCHEMA = json.loads(resources.files("twelve.schema").joinpath("report-v1.schema.json").read_text(encoding="utf-8"))
HOSTILE = {
    "requirements.txt": "flask==3.0.0\n",
    "app.py": 'import os\nfrom flask import Flask\napp = Flask(__name__)\nKEY = os.getenv("A|B")\n',
    "weird|dir/[bold]x[/bold] <script>.py": 'import subprocess\nsubprocess.run(["convert", "a", "b"])\n',
    "Dockerfile": "FROM python:3.12\nCOPY . .\nCMD gunicorn app:app\n",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return run(make_repo(tmp_path_factory.mktemp("h"), HOSTILE))


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_json_validates_against_the_schema(hostile, lang):
    data = json.loads(render(hostile, "json", lang))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["schema_version"] == "1"
    assert len(data["factors"]) == 12 and data["apps"][0]["factors"] == data["factors"]
    assert (
        sum(data["summary"][k] for k in ("meets", "partial", "does_not_meet", "not_applicable", "inconclusive")) == 12
    )


def test_json_paths_are_relative_and_posix(hostile):
    data = json.loads(render(hostile, "json", "en"))
    paths = {loc["path"] for f in data["factors"] for x in f["findings"] for loc in x["locations"]}
    assert paths and all(not p.startswith("/") and "\\" not in p for p in paths)
    assert "weird|dir/[bold]x[/bold] <script>.py" in paths


def test_markdown_table_survives_hostile_names(hostile):
    text = render(hostile, "markdown", "en")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "FACTOR" not in line]
    assert len(rows) == 12
    assert all(len(re.split(r"(?<!\\)\|", row)) == 5 for row in rows)  # 3 cells, whatever the content
    prose = re.sub(r"(`+)(.+?)\1", "", text)  # code spans show tags as text: only prose could open one
    assert "<script>" not in prose
    assert "&lt;script>" in prose


def test_text_report_prints_brackets_literally(hostile):
    text = render(hostile, "text", "en", color=False, width=200)
    assert "[bold]x[/bold]" in text


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_every_format_names_the_twelve_factors(hostile, fmt, lang):
    text = render(hostile, fmt, lang)
    names = {
        "en": ("Codebase", "Dependencies", "Config", "Logs"),
        "pt-BR": ("Base de código", "Dependências", "Configurações", "Logs"),
    }[lang]  # the official translation
    for name in names:
        assert name in text
    marker = {
        "en": ("Meets", "Partially meets", "Does not meet", "Inconclusive", "Not applicable"),
        "pt-BR": ("Atende", "Atende parcialmente", "Não atende", "Inconclusivo", "Não se aplica"),
    }[lang]
    assert any(m in text for m in marker) or fmt == "json"


def test_unanalyzable_file_goes_to_coverage_and_the_run_continues(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "docker-compose.yml": "services: [unclosed\n",
        "pyproject.toml": "[project\nname=",
        "app.py": "import os\nX = os.getenv('X')\n",
    }
    result = run(make_repo(tmp_path, files))
    reasons = {(e.path, e.reason) for e in result.coverage.errors}
    assert {("docker-compose.yml", "parse_error"), ("pyproject.toml", "parse_error")} <= reasons
    assert result.internal_errors == ()
    assert result.main.verdict(3).status.value == "meets"
    data = json.loads(render(result, "json", "en"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


MANY = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\n",
    **{f"jobs/job{n}.py": f'import logging\nHANDLER = logging.FileHandler("/var/log/job{n}.log")\n' for n in range(8)},
}


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    return run(make_repo(tmp_path_factory.mktemp("many"), MANY))


def _logs_rule(assessment) -> tuple[str, int]:
    findings = [f for f in assessment.main.verdicts[10].findings if f.locations[0].path.startswith("jobs/")]
    rules = {f.rule for f in findings}
    assert len(rules) == 1 and len(findings) == 8, findings
    return rules.pop(), len(findings)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_human_reports_show_a_few_findings_per_rule_and_say_how_many_more(many, fmt):
    rule, _total = _logs_rule(many)
    out = render(many, fmt, "en")
    assert sum(f"jobs/job{n}.py:2" in out for n in range(8)) == 5
    assert f"… 3 more {rule} findings like these" in out
    everything = render(many, fmt, "en", evidence_limit=0)
    assert all(f"jobs/job{n}.py:2" in everything for n in range(8)) and "like these" not in everything
    assert "mais 3 constatações" in render(many, fmt, "pt-BR")


@pytest.mark.parametrize("fmt", ["json", "sarif", "html"])
def test_machine_reports_keep_every_finding(many, fmt):
    out = render(many, fmt, "en")
    assert all(f"jobs/job{n}.py" in out for n in range(8))


def test_the_json_report_is_written_as_json_dumps_writes_it(hostile, monkeypatch):
    """The report is joined a batch of pieces at a time (memory); the text is dumps' own."""
    from twelve.locale import Catalog
    from twelve.report import json as json_report

    monkeypatch.setattr(json_report, "_BATCH", 7)  # many batches even on a small report
    monkeypatch.setattr(json_report, "_SLICE", 5)  # slices of orjson's bytes cut inside characters
    expected = json.dumps(json_report.document(hostile, Catalog("pt-BR")), ensure_ascii=False, indent=2) + "\n"
    assert render(hostile, "json", "pt-BR") == expected


def test_what_orjson_refuses_json_writes(hostile, monkeypatch):
    """A string that is not valid UTF-8 (a lone surrogate: reports are made showable first, so only
    a document built otherwise holds one) is written by json, as before."""
    from twelve.locale import Catalog
    from twelve.report import json as json_report

    document = json_report.document(hostile, Catalog("en"))
    document["odd"] = "a\ud800b"
    monkeypatch.setattr(json_report, "_BATCH", 7)
    assert json_report._fast(document) is None
    monkeypatch.setattr(json_report, "document", lambda *_: document)
    text = "".join(json_report.pieces(hostile, Catalog("en")))
    assert text == json.dumps(document, ensure_ascii=False, indent=2) + "\n" and '"a\ud800b"' in text


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_report_in_pieces_is_the_report(hostile, monkeypatch, fmt):
    """The command line writes the report as its pieces come (the JSON report of a large tree is
    150 MB of text, never held whole): the pieces, one after the other, are the rendered text."""
    from twelve.report import json as json_report

    monkeypatch.setattr(json_report, "_BATCH", 7)
    monkeypatch.setattr(json_report, "_SLICE", 5)
    pieces = list(render_pieces(hostile, fmt, "pt-BR"))
    assert "".join(pieces) == render(hostile, fmt, "pt-BR")
    assert len(pieces) > 1 if fmt == "json" else len(pieces) == 1


def test_the_command_line_writes_the_json_report_in_pieces(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from twelve.cli import main
    from twelve.report import json as json_report

    repo = make_repo(tmp_path / "r", HOSTILE)
    args = ["check", str(repo), "--no-progress", "--no-config", "--no-cache", "--format", "json"]
    whole = CliRunner().invoke(main, args)
    monkeypatch.setattr(json_report, "_BATCH", 7)
    monkeypatch.setattr(json_report, "_SLICE", 5)
    written: list[str] = []
    from twelve import outputs

    real = outputs.write_output

    def spy(path, text):
        text = list(text)
        written.extend(text)
        real(path, iter(text))

    monkeypatch.setattr(outputs, "write_output", spy)
    out = tmp_path / "report.json"
    assert CliRunner().invoke(main, [*args, "-o", str(out)]).exit_code == 0
    assert len(written) > 1 and out.read_text(encoding="utf-8") == whole.stdout
    assert CliRunner().invoke(main, args).stdout == whole.stdout  # standard output, in pieces too


def test_a_catalogue_renders_a_repeated_message_once_and_the_same(monkeypatch):
    """A report of many apps renders the same findings many times: each message is formatted once
    per catalogue, to the same sentence; a message with an unhashable parameter is still rendered."""
    from twelve.locale import Catalog
    from twelve.model import Message

    calls = []
    real = Catalog.fill

    def counted(self, *args, **kwargs):
        calls.append(args[0])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Catalog, "fill", counted)
    catalog = Catalog("pt-BR")
    message = Message("F03-S02.message", (("setting", "SECRET_KEY"), ("value", "x")))
    first = catalog.render(message)
    assert catalog.render(message) == first and len(calls) == 1
    assert catalog.render(message, mid_sentence=True) == Catalog("pt-BR").render(message, mid_sentence=True)
    odd = Message("F03-S02.message", (("setting", ["A", "B"]), ("value", "x")))
    assert catalog.render(odd) == Catalog("pt-BR").render(odd)
    assert Catalog("pt-BR") == catalog and hash(Catalog("pt-BR")) == hash(catalog)
