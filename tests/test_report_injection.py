"""Issue 11, C: nothing the repository writes can act on the reader of a report.

Escapes written in source (`"\\u001b"` in JSON, `"\\x1b"` in Python) come back as control
characters after parsing; README headings may carry Markdown links and images; a lone surrogate
cannot be encoded at all. Every string that reaches an output is made showable at the report
boundary, whatever extractor produced it."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from click.testing import CliRunner

from helpers import make_repo
from twelve.cli import main
from twelve.model import Location, Message
from twelve.report import render
from twelve.report.safe import showable

FORMATS = ("text", "markdown", "json", "html", "sarif", "badge", "github", "junit")
#: what must never reach a terminal or a file: C0/C1 controls but tab and newline, DEL,
#: bidirectional controls, lone surrogates
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

OSC52 = "\\x1b]52;c;ZWNobyBwd25lZA==\\x07"  # as written in Python source: a clipboard write
PY_ESCAPES = {
    "requirements.txt": "flask==3.0.0\n",
    "app.py": (
        "import os\nfrom flask import Flask\napp = Flask(__name__)\n"
        f"DB = os.getenv('DB{OSC52}')\nT = os.environ['T\\x1b]0;owned\\x07\\u202eX']\n"
        f"SECRET_KEY = 'abc{OSC52}defghijklmnop'\n"
    ),
    "Procfile": "web: gunicorn app:app\n",
}
JS_ESCAPES = {
    "package.json": json.dumps(
        {"name": "x", "scripts": {"start": "node server.js"}, "dependencies": {"express": "4.18.2", "pg": "8.0.0"}}
    ),
    "server.js": (
        "const express = require('express');\nconst app = express();\n"
        "const u = process.env['DATABASE_URL\\u001b]52;c;cHduZWQ=\\u0007'];\n"
        "app.listen(process.env.PORT);\n"
    ),
}


def check(path, *args):
    return CliRunner().invoke(main, ["check", str(path), "--no-progress", "--no-config", "--no-cache", *args])


@pytest.mark.parametrize("files", [PY_ESCAPES, JS_ESCAPES], ids=["python", "javascript"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_escapes_written_in_source_never_reach_an_output(tmp_path, files, fmt):
    repo = make_repo(tmp_path, files)
    result = check(repo, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert FORBIDDEN.search(result.stdout) is None, FORBIDDEN.search(result.stdout)
    assert FORBIDDEN.search(result.stderr) is None
    if fmt in ("text", "json", "markdown"):
        assert "\\x1b" in result.stdout  # shown as an escape, so the reader sees something was there


def test_escapes_do_not_reach_the_terminal_in_colour(tmp_path):
    from twelve.pipeline import Options, assess

    repo = make_repo(tmp_path, PY_ESCAPES)
    out = render(assess(str(repo), Options()), "text", "en", color=True)
    assert "\x1b]" not in out and "\x07" not in out
    assert "\x1b[" in out  # the report's own colours are still there


LONE = {
    "package.json": '{"name": "x\\ud800", "dependencies": {"express\\udfff": "4.18.2"}, "scripts": {"start": "node s.js"}}',
    "s.js": "const e = require('express');\nconst v = process.env['K\\ud800'];\ne().listen(process.env.PORT);\n",
    "app.py": "import os\nX = os.getenv('A\\ud800B')\nY = os.environ['\\udcff']\n",
    "requirements.txt": "flask==3.0.0\n",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_lone_surrogate_in_a_string_does_not_stop_the_report(tmp_path, fmt):
    repo = make_repo(tmp_path, LONE)
    out = tmp_path / f"report.{fmt}"
    result = check(repo, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert FORBIDDEN.search(text) is None
    if fmt in ("json", "sarif"):
        json.loads(text)


README = """\
# Service [click me](https://evil.example/phish) ![pixel](https://evil.example/p.png)

## Deploy <img src=x onerror=alert(1)> [ref][1] ![alt][1]

```bash
git clone https://github.com/exemplo/app.git
pip install -r requirements.txt
gunicorn app:app
```

[1]: https://evil.example/ref
"""


def _links(markdown: str) -> list[str]:
    """Markdown link or image openings outside code spans (what a renderer would turn into a link)."""
    found = []
    for line in markdown.splitlines():
        plain = re.sub(r"(`+)(?:(?!\1).)*?\1", "", line)  # drop code spans
        plain = plain.replace("[12factor.net](https://12factor.net", "")  # the report's own link
        found += re.findall(r"(?<!\\)!?(?<!\\)\[[^\]]*(?<!\\)\]\s*[(\[]", plain)
        found += re.findall(r"<(?:img|a|script|iframe)\b", plain, re.I)
    return found


def test_readme_headings_cannot_put_links_or_images_in_the_markdown_report(tmp_path):
    repo = make_repo(
        tmp_path,
        {
            "README.md": README,
            "requirements.txt": "flask==3.0.0\n",
            "app.py": "from flask import Flask\napp = Flask(__name__)\n",
        },
    )
    result = check(repo, "--format", "markdown")
    assert result.exit_code == 0
    assert "click me" in result.stdout  # the heading is still shown, as text
    assert _links(result.stdout) == [], _links(result.stdout)


def test_configuration_values_cannot_put_links_in_the_markdown_report(tmp_path):
    repo = make_repo(
        tmp_path,
        {
            "requirements.txt": "flask==3.0.0\n",
            "app.py": "import os\nX = os.getenv('X')\n",
            ".twelve.toml": 'exclude = ["[x](https://evil.example)", "![i](https://evil.example/i.png)"]\n',
        },
    )
    result = CliRunner().invoke(main, ["check", str(repo), "--no-progress", "--no-cache", "--format", "markdown"])
    assert "evil.example" in result.stdout and _links(result.stdout) == []


def test_configuration_errors_quote_hostile_values_showably(tmp_path):
    repo = make_repo(tmp_path, {"app.py": "x = 1\n", ".twelve.toml": 'lang = "\\u001b]0;owned\\u0007"\n'})
    result = CliRunner().invoke(main, ["check", str(repo), "--no-progress", "--no-cache"])
    assert result.exit_code == 2
    assert FORBIDDEN.search(result.output) is None and "\\x1b" in result.output


# -- the boundary itself, fed what no extractor produces today -----------------------------------


def test_showable_replaces_every_unsafe_character_and_keeps_the_rest():
    assert showable("plain text, ação, 日本") == "plain text, ação, 日本"
    assert showable("a\x1b[31mb") == "a\\x1b[31mb"
    assert showable("x\u202ey") == "x\\u202ey"
    assert showable("\ud800") == "\\ud800"
    assert showable("tab\tstays") == "tab\tstays"
    assert showable("line\nbreak") == "line\\nbreak"
    assert showable(showable("\x1b")) == showable("\x1b")  # idempotent


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_report_boundary_holds_for_any_fact_data(tmp_path, fmt):
    """Poison every string of an assessment (paths, excerpts, message parameters, target) and
    render each format: nothing unsafe comes out, and nothing raises."""
    from twelve.pipeline import Options, assess

    repo = make_repo(tmp_path, PY_ESCAPES)
    a = assess(str(repo), Options())
    bad = "\x1b]52;c;cHduZWQ=\x07\u202e\ud800[l](https://evil.example)<b>"
    poisoned_apps = []
    for app in a.apps:
        verdicts = []
        for v in app.verdicts:
            findings = tuple(
                replace(
                    f,
                    message=Message(f.message.key, tuple((k, bad) for k, _ in f.message.params)),
                    locations=tuple(Location(bad + l.path, l.line, bad) for l in f.locations),
                )
                for f in v.findings
            )
            verdicts.append(replace(v, findings=findings, errors=(bad,)))
        poisoned_apps.append(replace(app, name=bad, verdicts=tuple(verdicts)))
    poisoned = replace(
        a,
        apps=tuple(poisoned_apps),
        target=replace(a.target, name=bad, path=bad),
        internal_errors=(bad,),
        notices=(Message("notice.inline_no_rule", (("where", bad),)),),
        config_file=bad,
    )
    text = render(poisoned, fmt, "en")
    assert FORBIDDEN.search(text) is None
    text.encode("utf-8")
    if fmt == "markdown":
        assert _links(text) == []
    if fmt == "html":
        assert "<b>" not in text
