"""Issue 12: what the reports show (adjustments one per action, waived findings, skipped files,
Markdown and HTML escaping, the app header), each defect reproduced here."""

from __future__ import annotations

import pytest

from twelve.model import (
    AppAssessment,
    Assessment,
    Basis,
    Coverage,
    Finding,
    Location,
    Message,
    Polarity,
    Skipped,
    Status,
    Strength,
    Target,
    Waiver,
)
from twelve.report import render
from twelve.verdict import decide


def _finding(path: str, name: str = "cache", line: int = 3, rule: str = "F06-S08") -> Finding:
    return Finding(
        rule,
        6,
        Polarity.AGAINST,
        Strength.MODERATE,
        Basis.CANONICAL,
        Message.of(f"{rule}.message", path=path, name=name),
        (Location(path, line),),
        remediation=Message.of(f"{rule}.remediation", path=path, name=name),
    )


def _assessment(findings, *, skipped=(), stacks=("python",), name="demo", path=".") -> Assessment:
    verdicts = tuple(decide(n, [f for f in findings if f.factor == n]) for n in range(1, 13))
    app = AppAssessment(path, name, stacks, verdicts)
    return Assessment(
        "0.1.0", Target("/x/demo", "demo", "abc", True), (app,), Coverage(10, 10 - len(skipped), tuple(skipped))
    )


def _flood():
    # the same action (a module-level cache) in 40 translation files, plus one line twice
    return [_finding(f"i18n/lang_{i:02d}.go", name="messages", line=1 + i % 2) for i in range(40)] + [
        _finding("i18n/lang_00.go", name="messages", line=9)
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_same_adjustment_in_many_files_is_one_line_with_its_count(fmt):
    out = render(_assessment(_flood()), fmt, "en", width=400)
    advice = [line for line in out.splitlines() if "only a cache whose loss is harmless" in line]
    assert len(advice) == 1, advice
    assert "applies to 40 places" in advice[0]
    assert "i18n/lang_04.go" in advice[0] and "i18n/lang_05.go" not in advice[0]  # --evidence-limit 5


def test_the_evidence_limit_caps_distinct_adjustments_of_one_kind():
    findings = [_finding(f"svc/m{i}.py", name=f"CACHE_{i}") for i in range(12)]
    out = render(_assessment(findings), "text", "en", width=400, evidence_limit=3)
    advice = [line for line in out.splitlines() if "only a cache whose loss is harmless" in line]
    assert len(advice) == 3
    assert "… and 9 more adjustments of the same kinds" in out
    everything = render(_assessment(findings), "text", "en", width=400, evidence_limit=0)
    assert len([line for line in everything.splitlines() if "only a cache whose loss" in line]) == 12


def test_html_lists_every_place_of_one_action_once():
    out = render(_assessment(_flood()), "html", "en")
    assert out.count("applies to 40 places") == 1


def test_a_waived_finding_is_shown_when_its_factor_has_nothing_else():
    waived = Finding(
        "F03-S01",
        3,
        Polarity.AGAINST,
        Strength.STRONG,
        Basis.CANONICAL,
        Message.of("F03-S01.message", setting="SECRET_KEY", path="app.py"),
        (Location("app.py", 2),),
        waiver=Waiver("rotated, test key", "config", origin=".twelve.toml"),
    )
    meets = Finding(
        "F03-S10",
        3,
        Polarity.FOR,
        Strength.STRONG,
        Basis.CANONICAL,
        Message.of("F03-S10.message", variables="DATABASE_URL"),
        (Location("app.py", 1),),
    )
    assessment = _assessment([waived, meets])
    assert assessment.main.verdict(3).status is Status.MEETS
    out = render(assessment, "text", "en", width=400)
    assert "rotated, test key" in out


# --- item 10: Markdown and HTML show code as code ---------------------------------------------


def test_markdown_keeps_angle_brackets_inside_code_spans_and_escapes_them_outside():
    from twelve.report.markdown import inline

    assert inline("keep `exec <server>` at the end") == "keep `exec <server>` at the end"
    assert inline("a <script>alert(1)</script> tag") == "a &lt;script>alert(1)&lt;/script> tag"
    assert inline("unclosed `exec <server>") == "unclosed `exec &lt;server>"


def test_the_golden_markdown_has_no_escaped_brackets_in_code():
    from pathlib import Path

    golden = Path(__file__).parent / "golden" / "togglemaster-monolith.en.md"
    assert "`exec <server>`" in golden.read_text(encoding="utf-8")


def test_html_shows_code_spans_as_code_not_backticks():
    from twelve.report.html import prose

    assert str(prose("keep `exec <server>` at the end")) == "keep <code>exec &lt;server&gt;</code> at the end"
    assert str(prose("no <b>code</b> here")) == "no &lt;b&gt;code&lt;/b&gt; here"
    page = render(_assessment(_flood()), "html", "en")
    body = page.split("<body", 1)[1]
    assert "<code>" in body
    import re

    prose_paragraphs = re.findall(r'<p class="(?:message|justification)">(.*?)</p>', body, re.S)
    assert prose_paragraphs and not any("`" in p for p in prose_paragraphs)


def test_printing_the_html_does_not_keep_each_factor_on_one_page():
    from importlib import resources

    css = resources.files("twelve.report").joinpath("templates", "report.css").read_text(encoding="utf-8")
    printing = css.split("@media print", 1)[1]
    assert "break-inside: avoid-page" not in printing


def test_the_app_header_does_not_repeat_a_name_that_is_its_folder():
    findings = _flood()
    one = _assessment(findings, name="backend", path="backend")
    two = _assessment([], name="services/api", path="services/api")
    both = Assessment(
        one.tool_version,
        one.target,
        (one.main, AppAssessment("web", "frontend", ("node",), two.main.verdicts)),
        one.coverage,
    )
    text = render(both, "text", "en", width=300)
    assert "App: backend (python)" in text and "backend (backend" not in text
    assert "App: frontend (web; node)" in text
    md = render(both, "markdown", "en")
    assert "## App: backend (python)" in md and "## App: frontend (`web`, node)" in md
    html = render(both, "html", "en")
    assert "backend <code>backend</code>" not in html


def test_the_text_report_lists_the_files_it_left_out():
    skipped = tuple(Skipped(f"assets/big{i}.bin", "binary") for i in range(14))
    out = render(_assessment(_flood(), skipped=skipped), "text", "en", width=300)
    assert "Files left out (14):" in out
    assert "assets/big0.bin" in out and "assets/big9.bin" in out
    assert "assets/big10.bin" not in out and "… and 4 more" in out


# --- features: --format github and --format junit ---------------------------------------------


def test_github_annotations_one_per_counted_finding_escaped():
    findings = [_finding("a,b:c.py", name="x"), _finding("ok.py", name="y")]
    out = render(_assessment(findings), "github", "en")
    lines = out.splitlines()
    annotations = [line for line in lines if line.startswith("::warning ")]
    assert len(annotations) == 2
    assert "file=a%2Cb%3Ac.py,line=3," in annotations[0]
    assert "title=twelve F06-S08 (VI. Processes)" in annotations[0]
    assert all("\n" not in a for a in annotations) and "%0A" in annotations[0]
    assert lines[-1].startswith("::notice title=twelve::") and "partially meet" in lines[-1]


def test_junit_is_one_suite_per_app_with_failing_and_skipped_factors():
    import xml.etree.ElementTree as ET

    root = ET.fromstring(render(_assessment(_flood()), "junit", "en"))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 12 and suite.get("tests") == "12"
    failed = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == [c.get("name") for c in cases if c.find("failure") is not None]
    assert any(c.get("name") == "VI. Processes" for c in failed)
    assert int(suite.get("failures")) == len(failed)
    assert int(suite.get("skipped")) == len([c for c in cases if c.find("skipped") is not None])


def test_a_finding_repeated_word_for_word_at_the_same_place_is_shown_once():
    twice = [_finding(".env", name="SECRET", line=1), _finding(".env", name="SECRET", line=1)]
    out = render(_assessment(twice), "text", "en", width=300)
    assert out.count(".env:1") == 1


def test_wrapped_lines_of_the_text_report_hang_under_their_first_word():
    out = render(_assessment(_flood()), "text", "en", width=70)
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("   → "))
    follow = lines[start + 1]
    assert follow.startswith("     ") and follow.strip(), lines[start : start + 3]
    assert not any(line.endswith(" ") for line in lines)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_one_sentence_at_several_places_is_said_once_with_every_place(fmt):
    same = [_finding(path, name="cache") for path in ("a.py", "b.py", "c.py")]
    other = [_finding("d.py", name="queue")]
    out = render(_assessment(same + other), fmt, "en", width=300)
    cache, queue = "collection `cache` is mutated", "collection `queue` is mutated"
    assert out.count(cache) == 1, out
    assert out.count(queue) == 1
    for path in ("a.py:3", "b.py:3", "c.py:3", "d.py:3"):
        assert out.count(path) == 1, path
    # the places follow their sentence, before the next one
    assert out.index(cache) < out.index("a.py:3") < out.index("c.py:3") < out.index(queue) < out.index("d.py:3")
