"""Issue 11: no byte of a detected secret reaches any output, error message or cache; secrets in
every form and file kind are detected; look-alikes are not reported.

The corpus (tests/secret_corpus.py) plants fake secrets in every file kind twelve reads; the
whole CLI is run in every report format and both languages, with the facts cache, the run cache
and worker processes, and every output, every cache file and every error message is searched
for any 8-character piece of any planted secret.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from hostile import commit_all, write
from secret_corpus import ERROR_FILES, FILES, NOT_SECRET_FILES, NOT_SECRETS, SECRETS
from twelve.cli import main
from twelve.facts import _extractor, extract_file, modules_for, secretscan
from twelve.facts.base import Source
from twelve.facts.secrets import mask, scan_line
from twelve.model import Scope
from twelve.pipeline import walk
from twelve.report import FORMATS
from twelve.repository.walk import DEFAULT_MAX_FILE_BYTES

WINDOW = 8


def windows(value: str) -> set[str]:
    """The 8-character pieces of *value* that only the secret holds (pieces of a URL scheme,
    a private key's armour or a provider prefix are public)."""
    out = set()
    for i in range(len(value) - WINDOW + 1):
        piece = value[i : i + WINDOW]
        if any(c.isdigit() or c.isupper() for c in piece) and not re.search(
            r"-----|PRIVATE|https?:|://|hooks\.", piece
        ):
            out.add(piece)
    return out


def readable(fmt: str, output: str) -> str:
    """*output* with its format's escaping undone, so that an escaped secret is still found."""
    text = output
    if fmt in ("json", "sarif"):
        strings: list[str] = []

        def walk_json(node):
            if isinstance(node, str):
                strings.append(node)
            elif isinstance(node, dict):
                for k, v in node.items():
                    walk_json(k)
                    walk_json(v)
            elif isinstance(node, list):
                for v in node:
                    walk_json(v)

        walk_json(json.loads(output))
        text = output + "\n" + "\n".join(strings)
    elif fmt in ("html", "badge"):
        text = output + "\n" + html.unescape(output)
    elif fmt == "markdown":
        text = output + "\n" + re.sub(r"\\(.)", r"\1", output) + "\n" + html.unescape(output)
    # a wrapped line must not hide a piece either
    return text + "\n" + re.sub(r"\n\s*", "", text)


def leaks(text: str) -> list[str]:
    found = []
    for path, value, form in SECRETS:
        pieces = windows(value)
        hit = next((p for p in pieces if p in text), None)
        if value in text or hit:
            found.append(f"{form} ({path}): {hit or value[:12]}")
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("secret-corpus") / "repo"
    write(root, FILES)
    commit_all(root)
    return root


# --- detected ------------------------------------------------------------------------------------


def _file_secrets(root: Path, path: str):
    """The secret values extract_file hides for *path*: the scan's and the extractors' masks."""
    entry = next(e for e in walk(str(root)).files if e.path == path)
    text = (root / path).read_text(encoding="utf-8")
    source = Source(entry.path, text, entry.kind, entry.scope)
    found = secretscan.prepare(source)
    with found.collecting():
        for spec in modules_for(entry):
            try:
                _extractor(spec)(source)
            except Exception:
                pass
    return found.values


def test_every_planted_secret_is_detected(corpus):
    by_path: dict[str, set[str]] = {}
    missed = []
    for path, value, form in SECRETS:
        values = by_path.setdefault(path, _file_secrets(corpus, path))
        if not {value, value.strip(), value.removesuffix("\\n")} & values:  # a key is masked up to its end armour
            missed.append(f"{form} ({path})")
    assert not missed


@pytest.mark.parametrize(
    "line",
    [
        "password: ${DB_PASSWORD:Sup3r5ecretP4ss}",  # Spring default
        "DB_PASSWORD=${DB_PASSWORD:-Xk9mQ2vLp7WzR4tB}",  # shell/compose default
        "ENV DB_PASSWORD Xk9mQ2vLp7WzR4tB",
        "DB_PASS=Xk9mQ2vLp7WzR4tB",
        "db_pw: Xk9mQ2vLp7WzR4tB",
        "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "Authorization: Basic YWRtaW46WGs5bVEydkxwN1d6UjR0Qg==",
        "API_TOKEN=TestKey_9f8e7d6c5b4a3928",
        "API_TOKEN=Example_9f8e7d6c5b4a3928",
        "API_TOKEN=dummy-9f8e7d6c5b4a3928Qz",
        "mysql -u root -pXk9mQ2vLp7WzR4t mydb",
        "mysqldump --password Xk9mQ2vLp7WzR4t mydb",
        "curl -u admin:Xk9mQ2vLp7WzR4t https://x",
        "sshpass -p Xk9mQ2vLp7WzR4t ssh host",
        "DATABASE_URL=postgres://app:p@ss/w0rd#Xk9@db.internal:5432/app",
        "<password>Xk9mQ2vLp7WzR4t</password>",
        '{"name": "DB_PASSWORD", "value": "Xk9mQ2vLp7WzR4t"}',
    ],
)
def test_each_form_is_found_on_its_line(line):
    hits = scan_line(line, False, None, "text")
    assert hits and hits[-1].grade == "secret", line


def test_a_secret_after_4000_characters_of_padding_is_found_and_the_scan_is_linear():
    line = "x" * 5_000 + ' API_TOKEN="Xk9mQ2vLp7WzR4tBq8Wn" ' + "y" * 5_000
    (hit,) = scan_line(line)
    assert hit.value == "Xk9mQ2vLp7WzR4tBq8Wn"
    # adversarial long lines are scanned too (a quadratic scan would not finish)
    for hostile in (
        "password=" * 100_000,
        "a-" * 500_000,
        '"password": "' * 50_000,
        "pass: x " * 100_000,
        "postgres://u:" + "@" * 200_000,
        "mysql " + "-p" * 200_000,
        "-----BEGIN PRIVATE KEY-----" * 50_000,
        "x ${" * 100_000,
        "password={{" * 50_000,
    ):
        scan_line(hostile)


def test_a_multi_line_private_key_body_is_masked_wherever_a_fact_quotes_it():
    text = FILES["deploy/id_rsa"]
    found = secretscan.prepare(Source("deploy/id_rsa", text, "other", Scope.PRODUCTION))
    body = text.splitlines()[1]
    assert found.conceal(f"line: {body}") == f"line: {mask(body)}"


def test_the_mask_shows_at_most_a_fifth_of_a_value():
    assert mask("Xk9mQ2vL").startswith("…[8 chars, #")  # a short password: nothing of it
    assert mask("Xk9mQ2vLp7WzR4t").startswith("Xk…[15 chars, #")
    assert mask("AKIA" + "Q7WZ3XK2PL9MNB4V").startswith("AKIA…[20 chars, #")
    for size in range(1, 80):
        value = "".join(chr(0x41 + (i * 7) % 26) for i in range(size))
        head = mask(value).split("…", 1)[0]
        assert len(head) * 5 <= size


# --- never printed ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_planted_secret_reaches_any_report_format(corpus, fmt, lang, tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "check",
            str(corpus),
            "-f",
            fmt,
            "--lang",
            lang,
            "-j",
            "1",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--evidence-limit",
            "0",
        ],
    )
    assert result.exit_code in (0, 1), result.output
    assert not leaks(readable(fmt, result.stdout)), leaks(readable(fmt, result.stdout))
    assert not leaks(result.stderr if result.stderr_bytes is not None else "")


def test_no_planted_secret_reaches_the_caches_workers_or_a_replayed_run(corpus, tmp_path):
    cache = tmp_path / "cache"
    outputs = []
    for jobs in ("2", "1", "1"):  # workers, then a warm facts cache, then a replayed run
        result = CliRunner().invoke(main, ["check", str(corpus), "-f", "json", "-j", jobs, "--cache-dir", str(cache)])
        assert result.exit_code in (0, 1), result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert any("facts" in str(p) for p in files) and any("runs" in str(p) for p in files)
    for path in files:
        content = path.read_text(encoding="utf-8", errors="replace")
        assert not leaks(readable("json", content) if path.suffix == ".json" else content), path


def test_no_planted_secret_reaches_an_error_message(tmp_path):
    root = tmp_path / "repo"
    write(root, ERROR_FILES)
    commit_all(root)
    for fmt in sorted(FORMATS):
        result = CliRunner().invoke(main, ["check", str(root), "-f", fmt, "-j", "1", "--no-cache", "--debug"])
        if fmt == "json":
            errors = json.dumps(json.loads(result.stdout)["coverage"]["errors"], ensure_ascii=False)
            assert "setup.cfg" in errors and ".gitmodules" in errors  # the malformed files are reported…
        assert not leaks(readable(fmt, result.stdout) + result.stderr), fmt  # …without what their parser quoted


def test_facts_carry_no_planted_secret_in_excerpts_or_data(corpus):
    repo = walk(str(corpus))
    for entry in repo.files:
        result = extract_file(repo.root, entry, DEFAULT_MAX_FILE_BYTES)
        dumped = json.dumps(
            [[f.excerpt, f.data.plain()] for f in result.facts] + [e.detail for e in result.errors], ensure_ascii=False
        )
        assert not leaks(readable("json", dumped)), entry.path


def test_secrets_in_production_files_are_reported_masked(corpus):
    result = CliRunner().invoke(
        main, ["check", str(corpus), "-f", "json", "-j", "1", "--no-cache", "--evidence-limit", "0"]
    )
    report = json.dumps(json.loads(result.stdout), ensure_ascii=False)
    for path, value, form in SECRETS:
        if (
            path in (".env", "Dockerfile", "Procfile", "README.md", "settings.py", "deploy/registry.json")
            and "body" not in form
            and "PEM" not in form
        ):
            assert mask(value) in report, f"{form} ({path})"


# --- not over-reported -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lookalikes(tmp_path_factory):
    root = tmp_path_factory.mktemp("lookalikes") / "repo"
    write(root, NOT_SECRET_FILES)
    commit_all(root)
    return root


def test_look_alikes_are_not_reported_as_secrets(lookalikes):
    repo = walk(str(lookalikes))
    reported = []
    for entry in repo.files:
        result = extract_file(repo.root, entry, DEFAULT_MAX_FILE_BYTES)
        for fact in result.facts:
            if fact.kind == "secret" and fact.get("grade") == "secret":
                reported.append(f"{fact.path}:{fact.line}: {fact.excerpt}")
    assert not reported


def test_look_alikes_raise_no_committed_secret_finding(lookalikes):
    result = CliRunner().invoke(main, ["check", str(lookalikes), "-f", "json", "-j", "1", "--no-cache"])
    report = json.loads(result.stdout)
    ids = [f["rule"] for app in report["apps"] for factor in app["factors"] for f in factor["findings"]]
    assert "F03-S1" not in ids


def test_every_look_alike_line_is_in_the_corpus():
    for path, line in NOT_SECRETS:
        assert line in NOT_SECRET_FILES[path]
