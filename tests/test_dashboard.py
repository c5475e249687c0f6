"""twelve dashboard: one self-contained page from the portfolio database, checked as text and
really rendered by headless Chromium (the DevTools client of test_html.py): every repository
shown, the filters, the sorting and the drawer working, a screenshot kept under artifacts/."""

from __future__ import annotations

import base64
import gzip
import json
import re
import shutil
import time

import pytest
from click.testing import CliRunner

from helpers import ROOT
from materialize import materialize
from test_html import ARTIFACTS, DevTools, _browser_or_skip, _tags
from twelve.cli import main
from twelve.portfolio.store import Store
from twelve.portfolio.task import AppRow, Outcome, VerdictRow

FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())
HOSTILE = '<img src=x onerror="window.pwned=1">'


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    """A database with two scans of the example and the fixtures (the second after a change that
    makes one factor of one repository worse), a hostile repository name and a failed path."""
    base = tmp_path_factory.mktemp("dashboard")
    repos = base / "repos"
    materialize(str(ROOT / "examples" / "togglemaster-monolith"), str(repos / "togglemaster-monolith"))
    for fixture in FIXTURES:
        materialize(str(fixture), str(repos / fixture.name))
    shutil.copytree(ROOT / "tests" / "fixtures" / "py-compliant", repos / HOSTILE)
    listing = base / "repos.txt"
    listing.write_text("\n".join([*(str(p) for p in sorted(repos.iterdir())), str(base / "gone")]) + "\n")
    db = str(base / "scan.db")
    runner = CliRunner()
    assert runner.invoke(main, ["scan", str(listing), "--db", db, "-w", "2", "--no-progress"]).exit_code == 2
    settings = next((repos / HOSTILE).rglob("*.py"))
    settings.write_text(settings.read_text() + '\nDATABASE_URL = "postgres://admin:hunter2@db.internal:5432/app"\n')
    assert runner.invoke(main, ["scan", str(listing), "--db", db, "-w", "2", "--no-progress"]).exit_code == 2
    return db, base


def _page(db: str, folder, lang: str = "en") -> str:
    result = CliRunner().invoke(main, ["dashboard", "--db", db, "-o", str(folder), "--lang", lang])
    assert result.exit_code == 0, result.output
    assert "Dashboard written to" in result.output or "Painel gravado em" in result.output
    return (folder / "index.html").read_text(encoding="utf-8")


def _details(page: str) -> list:
    packed = re.search(r'<script type="application/octet-stream" id="details-data">([A-Za-z0-9+/=]*)</script>', page)
    return json.loads(gzip.decompress(base64.b64decode(packed.group(1))))


def _matrix(page: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/json" id="matrix-data">(.*?)</script>', page, re.S).group(1)
    )


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_the_page_is_self_contained_and_holds_every_repository(portfolio, tmp_path, lang):
    db, _base = portfolio
    page = _page(db, tmp_path / "site", lang)
    tags = _tags(page)
    assert not [t for t, a in tags if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for t, a in tags if t == "script" and a.get("src")]
    assert "http://" not in page.replace("http://www.w3.org", "") and "url(" not in page
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp.startswith("default-src 'none'") and "'unsafe-inline'" not in csp
    assert ("html", {"lang": lang}) in tags
    matrix = _matrix(page)
    names = sorted(r["n"] for r in matrix["rows"])
    assert len(names) == len(FIXTURES) + 3 and HOSTILE in names and "gone" in names
    example = next(r for r in matrix["rows"] if r["n"] == "togglemaster-monolith")
    assert example["s"] == "MMMMPMMPPPMP" and example["m"] == 7 and example["c"] == "010f43ae4cc8"
    details = _details(page)
    assert len(details) == len(matrix["rows"])
    drawer = details[matrix["rows"].index(example)]
    assert [f["s"] for f in drawer["apps"][0]["f"]] == list(example["s"])
    assert any(loc[0] == "README.md:53" for finding in drawer["apps"][0]["f"][4]["f"] for loc in finding[3])
    assert page.count('<svg class="trend"') == 12
    from twelve.report.html import COLORS

    assert all(color in page for color in COLORS.values())  # the single report's colours
    if lang == "pt-BR":
        assert "Portfólio Twelve-Factor" in page and "qualquer status" in page and "Não atende" in page
    else:
        assert "Twelve-Factor portfolio" in page and "any status" in page


def test_repository_text_cannot_become_markup(portfolio, tmp_path):
    db, _base = portfolio
    page = _page(db, tmp_path / "site")
    assert HOSTILE not in page  # the name only travels inside the JSON block, escaped
    assert "\\u003cimg src=x onerror=" in page
    assert len([1 for t, _a in _tags(page) if t == "script"]) == 3  # two data blocks and ours


def test_an_html_file_can_be_named_and_an_empty_database_is_refused(portfolio, tmp_path):
    db, _base = portfolio
    result = CliRunner().invoke(main, ["dashboard", "--db", db, "-o", str(tmp_path / "one.html")])
    assert result.exit_code == 0 and (tmp_path / "one.html").stat().st_size > 10_000
    empty = CliRunner().invoke(main, ["dashboard", "--db", str(tmp_path / "empty.db"), "-o", str(tmp_path / "x")])
    assert empty.exit_code == 2 and "holds no scan yet" in empty.output


# --- in a real browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary = _browser_or_skip()
    work = tmp_path_factory.mktemp("chromium-dashboard")
    tools = DevTools(binary, work / "profile", work / "chromium.log")
    try:
        tools.open_page()
        yield tools
    finally:
        tools.close()


PROBE = """(() => {
  const rows = [...document.querySelectorAll('#rows tr')];
  return {
    ready: document.documentElement.dataset.ready,
    names: rows.map(r => r.querySelector('td.name button').textContent),
    statuses: rows.map(r => [...r.querySelectorAll('td.f span')].map(s => s.className.slice(2)).join('')),
    shown: document.getElementById('shown').textContent,
    counts: [...document.querySelectorAll('.card-count')].map(c => c.textContent),
  };
})()"""


def _set(browser, selector: str, value: str) -> dict:
    browser.evaluate(
        f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.value = {json.dumps(value)};"
        f" e.dispatchEvent(new Event(e.tagName === 'INPUT' ? 'input' : 'change', {{bubbles: true}})); }})()"
    )
    if selector == "#f-text":  # the search box waits for typing to pause (120 ms)
        time.sleep(0.3)
    return browser.evaluate(PROBE)


def _wait(browser, expression: str, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = browser.evaluate(expression)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"never true: {expression}")


def test_chromium_shows_every_repository_and_the_filters_work(browser, portfolio, tmp_path):
    db, _base = portfolio
    page = tmp_path / "site"
    _page(db, page)
    browser.events.clear()
    browser.navigate((page / "index.html").as_uri(), 1400, 1000)
    dom = browser.evaluate(PROBE)
    assert dom["ready"] == "true"
    total = len(FIXTURES) + 3
    assert len(dom["names"]) == total and dom["shown"] == f"Showing {total} of {total} repositories"
    assert HOSTILE in dom["names"] and browser.evaluate("window.pwned === undefined")
    example = dom["statuses"][dom["names"].index("togglemaster-monolith")]
    assert example == "MMMMPMMPPPMP"
    # status "does not meet" alone: every row shown has at least one such factor
    dom = _set(browser, "#f-status", "D")
    assert 0 < len(dom["names"]) < total and all("D" in s for s in dom["statuses"])
    # with factor V: exactly the rows whose factor V does not meet
    dom = _set(browser, "#f-factor", "5")
    assert dom["names"] and all(s[4] == "D" for s in dom["statuses"]) and "togglemaster-monolith" not in dom["names"]
    assert browser.evaluate("document.querySelector('th[data-col=\"5\"]').classList.contains('picked')")
    # stack and text
    browser.evaluate("document.getElementById('filters').reset()")
    _wait(browser, f"document.querySelectorAll('#rows tr').length === {total}")
    dom = _set(browser, "#f-stack", "go")
    assert set(dom["names"]) == {"go-compliant", "go-violations", "monorepo"}
    _set(browser, "#f-stack", "")
    dom = _set(browser, "#f-text", "TOGGLE")
    assert dom["names"] == ["togglemaster-monolith"] and dom["counts"][4] == "0 of 1 meet"
    dom = _set(browser, "#f-text", "")
    dom = _set(browser, "#f-status", "failed")
    assert dom["names"] == ["gone"]
    dom = _set(browser, "#f-status", "")
    # sorting by the number of factors met, most first
    browser.evaluate("document.querySelector('button[data-sort=meets]').click()")
    dom = browser.evaluate(PROBE)
    meets = [s.count("M") for s in dom["statuses"] if s]
    assert meets == sorted(meets, reverse=True) and meets[0] == 12
    assert (
        browser.evaluate("document.querySelector('button[data-sort=meets]').parentElement.getAttribute('aria-sort')")
        == "descending"
    )
    # the drawer of the example: its twelve verdicts, the evidence of V, the adjustments
    browser.evaluate(
        "[...document.querySelectorAll('#rows button')].find(b => b.textContent === 'togglemaster-monolith').click()"
    )
    _wait(browser, "!document.getElementById('drawer').hidden")
    drawer = browser.evaluate("""(() => { const d = document.getElementById('drawer'); return {
      title: document.getElementById('drawer-title').textContent,
      factors: [...d.querySelectorAll('section.factor')].map(s => s.dataset.s).join(''),
      text: d.textContent, width: d.getBoundingClientRect().width }; })()""")
    assert drawer["title"] == "togglemaster-monolith" and drawer["factors"] == "MMMMPMMPPPMP"
    assert "README.md:53" in drawer["text"] and "Recommended adjustments" in drawer["text"]
    assert drawer["width"] > 300
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "dashboard-drawer-en.png"
    browser.screenshot(shot, 1400)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 1400
    browser.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))")
    assert browser.evaluate("document.getElementById('drawer').hidden")
    browser.screenshot(ARTIFACTS / "dashboard-en.png", 1400)
    assert browser.problems() == []
    assert [u for u in browser.requested() if not u.startswith(("file:", "data:", "about:", "blob:"))] == []


def test_chromium_shows_the_portuguese_page_on_a_phone(browser, portfolio, tmp_path):
    db, _base = portfolio
    page = tmp_path / "site"
    _page(db, page, "pt-BR")
    browser.events.clear()
    browser.navigate((page / "index.html").as_uri(), 390, 844, mobile=True)
    dom = browser.evaluate(PROBE)
    assert dom["shown"].startswith("Exibindo ") and dom["counts"][0].endswith("atendem")
    assert browser.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    browser.screenshot(ARTIFACTS / "dashboard-phone-pt-BR.png", 390, mobile=True)
    assert browser.problems() == []


@pytest.mark.slow
def test_two_thousand_repositories_render_and_filter(browser, portfolio, tmp_path):
    """A portfolio of 2,000 repositories (the real outcomes above, recorded again under new
    names): every row is drawn, filtering answers, the page stays a few megabytes."""
    db, _base = portfolio
    with Store.open(db) as source:
        latest = [r for r in source.latest() if r.assessment_id is not None]
        reports = source.reports([r.assessment_id for r in latest])
    big = str(tmp_path / "big.db")
    with Store.open(big) as store:
        scan_id = store.start_scan(
            tool_version="0.1.0", tool_digest="t", lang="en", source="test", executor="test", total=2000
        )
        for index in range(2000):
            r = latest[index % len(latest)]
            apps = tuple(
                AppRow(
                    a.index,
                    a.path,
                    a.name,
                    a.stacks,
                    tuple(VerdictRow(v.factor, v.status, v.confidence, v.justification) for v in a.verdicts),
                )
                for a in r.apps
            )
            store.record(
                scan_id,
                Outcome(
                    f"{r.location}-{index}",
                    f"repo-{index:04d}",
                    "path",
                    "assessed",
                    0.1,
                    digest=str(index),
                    commit=r.commit,
                    is_repository=True,
                    tool_version="0.1.0",
                    tool_digest="t",
                    report=reports[r.assessment_id],
                    apps=apps,
                ),
            )
        store.finish_scan(scan_id, "finished")
    page = _page(big, tmp_path / "big")
    assert len(page.encode()) < 8_000_000
    browser.events.clear()
    browser.navigate((tmp_path / "big" / "index.html").as_uri(), 1400, 1000)
    dom = browser.evaluate(PROBE)
    assert len(dom["names"]) == 2000 and dom["shown"] == "Showing 2000 of 2000 repositories"
    dom = _set(browser, "#f-status", "D")
    assert 0 < len(dom["names"]) < 2000
    browser.evaluate("document.querySelector('#rows tr').click()")
    _wait(browser, "!document.getElementById('drawer').hidden")
    assert browser.problems() == []
