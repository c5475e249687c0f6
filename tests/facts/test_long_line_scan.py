"""A fact quoting a long line (a minified bundle's) reuses the secret scan's reading of that line
instead of scanning it again, with the same excerpt and the same values hidden from the file."""

from __future__ import annotations

import random

import pytest

from twelve.facts import secrets, secretscan
from twelve.facts.base import Source
from twelve.facts.secrets import LONG_LINE, MAX_HITS_PER_LINE
from twelve.model import Scope

SECRET = "Xk9mQ2vLp7WzR4tB8nJ3qF6h"


def _filler(rng: random.Random, size: int) -> str:
    words = ["a", "var", "x=1;", "key", "token", "pass", "fn(b)", "'q'", '"r"', "`t`", "://h", ",", " "]
    out: list[str] = []
    while sum(map(len, out)) < size:
        out.append(rng.choice(words))
    return "".join(out)


def _pieces(rng: random.Random) -> list[str]:
    return [
        f'password="{SECRET}";',
        f"api_key: '{SECRET[::-1]}',",
        f"https://user:{SECRET}@db.example.org/x ",
        "AKIA" + "Q7WX3ZRT5YV2NB8M" + ";",
        f'{{"token":"{SECRET[3:]}9z"}}',
        "-----BEGIN RSA PRIVATE KEY-----MIIEow" + SECRET,
        "Authorization: Bearer " + SECRET + " ",
        f'secret = "s{rng.randint(10**11, 10**12)}Qz"',
    ]


def _line(rng: random.Random) -> str:
    parts = [_filler(rng, rng.randint(0, 300))]
    for piece in rng.sample(_pieces(rng), rng.randint(0, 4)):
        parts += [piece, _filler(rng, rng.randint(0, 3000))]
    parts.append(_filler(rng, LONG_LINE + 10))
    return "".join(parts)


def _excerpt_and_values(text: str, kind: str, reuse: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[str, set[str]]:
    secrets._LONG_REDACTED.clear()
    with monkeypatch.context() as patch:
        if not reuse:
            patch.setattr(secretscan.FileScan, "long_line", lambda self, source, number: None)
        source = Source("web/static/app.min.js", text, kind, Scope.PRODUCTION)
        found = secretscan.prepare(source)
        with found.collecting():
            excerpts = [source.fact("log.print", n).excerpt for n in range(1, len(source.lines) + 1)]
    return " | ".join(excerpts), set(found.values)


def test_a_long_line_quoted_by_a_fact_is_not_scanned_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # (`task` holds `sk`, the needle of the one key format tried on any line: the same formats)
    line = "var task=1;" * (LONG_LINE // 8) + f'password="{SECRET}";' + "b();" * 100
    calls: list[int] = []
    real = secrets._scan

    def counted(text: str, *args: object, **kwargs: object) -> tuple[list[secrets.SecretHit], bool]:
        calls.append(len(text))
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(secrets, "_scan", counted)
    secrets._LONG_REDACTED.clear()
    source = Source("web/static/app.min.js", line + "\n", "javascript", Scope.PRODUCTION)
    found = secretscan.prepare(source)
    assert calls == [len(line)]  # the secret scan read the line once
    with found.collecting():
        shown = source.fact("log.print", 1).excerpt
    assert calls == [len(line)]  # and the fact quoting it did not read it again
    assert SECRET not in shown and SECRET[:8] not in shown
    assert shown.startswith("var task=1;var task=1;")


def test_a_long_line_read_again_when_a_waiver_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    # the excerpt leaves the waiver out: that text is not the scanned line, it is scanned itself
    line = "x();" * (LONG_LINE // 4) + f'password="{SECRET}"; // twelve: ignore[F03-S01]'
    reused = _excerpt_and_values(line, "javascript", True, monkeypatch)
    assert reused == _excerpt_and_values(line, "javascript", False, monkeypatch)
    assert SECRET not in reused[0]


@pytest.mark.parametrize("kind", ["javascript", "json", "text", "yaml"])
def test_reusing_the_scan_of_long_lines_changes_no_excerpt_and_no_hidden_value(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(kind)
    for _ in range(6):
        text = "\n".join(_line(rng) if rng.random() < 0.7 else _filler(rng, 80) for _ in range(rng.randint(1, 3)))
        assert _excerpt_and_values(text, kind, True, monkeypatch) == _excerpt_and_values(text, kind, False, monkeypatch)


def test_a_long_line_with_too_many_secrets_is_cut_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    many = "".join(f'password{i}="{SECRET}{i:05d}";' for i in range(MAX_HITS_PER_LINE + 5))
    text = "x=1;" * 50 + many
    assert len(text) > LONG_LINE
    reused = _excerpt_and_values(text, "javascript", True, monkeypatch)
    assert reused == _excerpt_and_values(text, "javascript", False, monkeypatch)
    assert reused[0].endswith("…") and SECRET not in reused[0]
