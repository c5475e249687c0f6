"""The fast paths taken for speed give exactly what the slow, obvious code gives: the trie keyword
regex finds the same keywords as a plain alternation, the whitespace split the same tokens as
shlex, the per-directory scope the same scope as the per-file rules."""

from __future__ import annotations

import re
import shlex

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twelve.facts.code import Spec, active_rows
from twelve.facts.keywords import Needles, trie_regex
from twelve.facts.shellwords import _tokens
from twelve.model import Scope
from twelve.repository.kinds import scope_of


def _joined(pieces: list[str], max_size: int, sep: str = "") -> st.SearchStrategy[str]:
    """Texts made of up to *max_size* of *pieces* (each drawn again and again), joined by *sep*."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map(sep.join)


_WORDS = st.lists(st.text(alphabet="abo.s_ex", min_size=1, max_size=6), min_size=1, max_size=12, unique=True)


def _plain(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def test_the_trie_is_written_with_shared_prefixes():
    assert trie_regex(["os.environ", "os.getenv", "os"]) == r"os(?:\.(?:environ|getenv))?"


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="abo.s_ex \n", max_size=60))
def test_the_trie_finds_what_a_plain_alternation_finds(words, text):
    trie = re.compile(trie_regex(words))
    assert trie.findall(text) == _plain(words).findall(text)


def test_active_rows_honours_contained_keywords_gates_and_table_order():
    table = (
        Spec("pool", ("Pool",), {}),
        Spec("env", ("os.environ", "getenv"), {}),
        Spec("gated", ("DEBUG",), {}, gate=re.compile(r"^DEBUG\s*=", re.M)),
        Spec("absent", ("nowhere",), {}),
    )
    text = "x = os.getenv('A')\nc = ConnectionPool()\nif DEBUG: pass\n"
    assert [s.kind for s in active_rows(text, table)] == ["pool", "env"]
    assert [s.kind for s in active_rows(text + "DEBUG = True\n", table)] == ["pool", "env", "gated"]
    assert active_rows("nothing to see", table) == []


def _needles_both_ways(words):
    """The needles with ahocorasick-rs, and the same needles on their fallback searches."""
    fast = Needles(words)
    slow = Needles(words)
    slow._automaton = None
    assert fast._automaton is not None  # the wheel is a dependency: the fast path is the one tested
    return fast, slow


@settings(max_examples=500, deadline=None)
@given(_WORDS, st.text(alphabet="abo.s_ex \n\u00e9\U0001f600\udcc3", max_size=80))
def test_needles_find_every_word_and_every_line_holding_one_as_a_plain_search_does(words, text):
    expected_words = {w for w in words if w in text}
    expected_lines = [n for n, line in enumerate(text.split("\n"), 1) if any(w in line for w in words)]
    for needles in _needles_both_ways(words):
        assert needles.present(text) == expected_words
        assert needles.lines(text) == expected_lines


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text(alphabet="ab\n\u00e9", min_size=3, max_size=3), min_size=1, max_size=8, unique=True),
    st.text(alphabet="ab\n\u00e9x", max_size=60),
)
def test_needles_span_every_occurrence_of_words_of_one_length_in_order_of_start(words, text):
    """What the concealment of secret runs relies on (its pieces have one length)."""
    expected = [(i, i + 3) for i in range(len(text)) if text[i : i + 3] in words]
    for needles in _needles_both_ways(words):
        assert list(needles.spans(text)) == expected


def test_needles_find_overlapping_words_a_trie_regex_passes_over():
    fast, slow = _needles_both_ways(["create", "ate(", "dev", "development"])
    text = "x.create(1)\n\nno\nsee development\n"
    for needles in (fast, slow):
        assert needles.present(text) == {"create", "ate(", "dev", "development"}
        assert needles.lines(text) == [1, 4]
    assert set(re.findall(trie_regex(fast.words), text)) == {"create", "development"}  # what it used to see
    with pytest.raises(ValueError):
        Needles(["two\nlines"]).lines("two\nlines")
    with pytest.raises(ValueError):
        Needles([""])
    assert Needles([]).present("anything") == set() and Needles([]).lines("x\ny") == []


def test_an_overlapping_keyword_activates_its_row():
    table = (Spec("create", ("create",), {}), Spec("call", ("ate(",), {}))
    assert [s.kind for s in active_rows("db.create(x)", table)] == ["create", "call"]


@settings(max_examples=600, deadline=None)
@given(
    _joined(
        [
            "create",
            "CREATE",
            "Alter",
            "drop",
            "table",
            "Index",
            "x",
            "_",
            "9",
            " ",
            "\n",
            "\t",
            "é",
            "\u212a",
            "(",
            "\u0131ndex",  # dotless ı: the regex reads it as i
            "\u0130NDEX",  # İ, which lowers to two characters
            "\u017fequence",  # long ſ: read as s
            "type",
        ],
        14,
    )
)
def test_a_word_start_caseless_gate_answers_as_its_boundary_regex(text):
    from twelve.facts import golang
    from twelve.facts.code import CaselessWordsGate

    assert bool(golang._DDL_GATE.search(text)) == bool(golang._DDL.search(text))
    words = CaselessWordsGate(("ab", "c", "index"), r"\s*[(x]", word_start=True)
    changed = text.replace("table", "ab")
    assert bool(words.search(changed)) == bool(re.search(words.pattern, changed))


def test_a_word_start_caseless_gate_tests_the_boundary_at_each_match():
    from twelve.facts import golang

    assert golang._DDL_GATE.search("recreate table x; CREATE  TABLE t")
    assert not golang._DDL_GATE.search("recreate table x; xdrop table y")
    assert golang._DDL_GATE.search("_drop table") is None and golang._DDL_GATE.search("(drop table")


_BRANCH_PIECES = _joined(
    [
        "if ",
        "elif ",
        "  if",
        "\tif(",
        "x = ",
        "ENV",
        "APP_ENV",
        "IS_PRODUCTION",
        "USE_X",
        "LOCAL",
        "DEBUG",
        "'prod'",
        '"dev"',
        "'local'",
        "development",
        "ifx ",
        "_",
        ":",
        "\n",
        " ",
        "STAGE",
        "TESTING",
        "MY_ENV",
    ],
    14,
)


@settings(max_examples=800, deadline=None)
@given(_BRANCH_PIECES)
def test_the_python_branch_gate_answers_as_its_regex(text):
    from twelve.facts import python

    assert bool(python._BRANCH_GATE.search(text)) == bool(re.search("(?m)^" + python._BRANCH_BODY, text))


def _shlex(text: str) -> list[str]:
    lexer = shlex.shlex(text, posix=True, punctuation_chars="")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    return list(lexer)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab=-/&|;$ \t\r\n\x0b\xa0", max_size=40))
def test_plain_command_lines_split_exactly_as_shlex_splits_them(text):
    assert _tokens(text) == _shlex(text)


def test_quoted_command_lines_still_go_through_shlex():
    assert _tokens("""echo "a b" 'c d' # note""") == ["echo", "a b", "c d"]


def test_directory_scopes_agree_with_the_file_rules():
    assert scope_of("web/node_modules/pkg/tests/x.js") is Scope.VENDORED
    assert scope_of("svc/src/test/java/AppTest.java") is Scope.TEST
    assert scope_of("docs/examples/app.py") is Scope.EXAMPLE  # the narrower purpose decides (issue 12 item 6)
    assert scope_of("examples/app.py") is Scope.EXAMPLE
    assert scope_of("src/app_test.go") is Scope.TEST
    assert scope_of("src/app.py") is Scope.PRODUCTION
    assert scope_of("pkg/foo.egg-info/PKG-INFO") is Scope.VENDORED


_GLOB = st.text(alphabet="ab*?/!.#[]\\", min_size=1, max_size=8)
_PATH = st.lists(st.text(alphabet="ab.x", min_size=1, max_size=3), min_size=1, max_size=4).map("/".join)


@pytest.mark.filterwarnings("ignore::FutureWarning")  # pathspec's regexes of odd globs warn ("nested set")
@settings(max_examples=300, deadline=None)
@given(st.lists(_GLOB, min_size=1, max_size=6), _PATH, st.booleans())
def test_the_joined_ignore_regex_never_misses_a_decisive_pattern(lines, path, is_dir):
    import pathspec

    from twelve.repository.walk import _any_pattern

    try:
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:
        return
    probe = path + "/" if is_dir else path
    quick = _any_pattern(spec)
    if quick is not None and quick.search(probe) is None:
        assert spec.check_file(probe).include is None


_ODD_GLOB = st.text(alphabet="ab*?/!.[]\\|()^$-{}", min_size=1, max_size=10)
_ODD_PATH = st.lists(st.text(alphabet="ab.|()$\n/", min_size=1, max_size=4), min_size=1, max_size=5).map("/".join)


@pytest.mark.filterwarnings("ignore::FutureWarning")
@settings(max_examples=600, deadline=None)
@given(st.lists(_ODD_GLOB, min_size=1, max_size=8), _ODD_PATH, st.booleans())
def test_the_joined_ignore_regex_is_found_wherever_a_pattern_is(lines, path, is_dir):
    """The patterns that may match in any directory share one anchor in the joined regex: it is
    still found wherever one of the patterns is, with the characters regexes give meaning to (a
    "|" in a name, parentheses, "$", a newline) in the globs and in the paths."""
    import pathspec

    from twelve.repository.walk import _any_pattern

    try:
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:
        return
    quick = _any_pattern(spec)
    probe = path + "/" if is_dir else path
    if quick is None:
        return
    for pattern in spec.patterns:
        if pattern.include is not None and pattern.regex.search(probe) is not None:
            assert quick.search(probe) is not None, (pattern.regex.pattern, quick.pattern)


def test_a_bar_outside_groups_keeps_a_pattern_out_of_the_shared_anchor():
    from twelve.repository.walk import _joined, _one_branch

    assert _one_branch(r"[^/]*\.jar(?:(?:/)|$)")
    assert _one_branch(r"a[|]b") and _one_branch(r"a[]|]b") and _one_branch(r"a\|b")
    assert not _one_branch(r"a|b") and not _one_branch(r"(a)|b")
    joined = _joined([r"^(?:.+/)?x(?:/|$)", r"^(?:.+/)?a|b", r"^code(?:/|$)"])
    assert joined == r"(?:^|/)(?:(?:x(?:/|$)))|(?:^(?:.+/)?a|b)|(?:^code(?:/|$))"


def _fixture_facts(tmp_path):
    """A function giving the facts of every fixture repository (and the bundled example), each
    materialized once under *tmp_path*, as sorted tuples: called again after a monkeypatch, it
    extracts them again."""
    from helpers import ROOT
    from materialize import materialize
    from twelve.facts import runner
    from twelve.repository import open_repository

    roots = []
    for fixture in sorted((ROOT / "tests" / "fixtures").iterdir()) + [ROOT / "examples" / "togglemaster-monolith"]:
        roots.append(tmp_path / fixture.name)
        materialize(str(fixture), str(roots[-1]))

    def facts_of():
        found = []
        for root in roots:
            items = runner.extract(open_repository(str(root)), 1 << 20, jobs=1).items
            found.append(sorted((f.kind, f.path, f.line or 0, f.excerpt, repr(f.data)) for f in items))
        return found

    return facts_of


def test_lowered_ast_grep_rules_give_the_facts_ast_grep_gives(monkeypatch, tmp_path):
    """Every fixture repository yields the same facts when each rule goes to ast-grep as written."""
    from twelve.facts import code

    facts_of = _fixture_facts(tmp_path)
    lowered = facts_of()
    monkeypatch.setattr(code, "_lowered", lambda spec: (spec.rule, None))
    assert facts_of() == lowered
    assert sum(len(facts) for facts in lowered) > 900  # the comparison covers real ground


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_the_anchored_client_gate_answers_as_the_full_regex(data):
    """Every client call the Python table knows, in any surroundings, opens the gate as the full
    regex does (and text without one keeps it closed the same way)."""
    from twelve.facts import python

    pattern = data.draw(st.sampled_from([p for p, _ in python._CLIENTS]))
    call = data.draw(st.from_regex(rf"(?:{pattern})\s*\(", fullmatch=True))
    before = data.draw(st.text(alphabet="ab_.(\n x=", max_size=30))
    after = data.draw(st.text(alphabet="ab_.)\n x=", max_size=30))
    for text in (before + call + after, before + after):
        assert bool(python._CLIENT_GATE.search(text)) == bool(python._CLIENT_GATE.full.search(text))
    assert python._CLIENT_GATE.search(before + call + after)


_JS_LINES = _joined(
    [
        "import x from 'a';",
        'import type { T } from "b"',
        "import {\n  a,\n  b\n} from './c';",
        "import 'side';",
        "export * from '../d'",
        'export { e } from "e";',
        "const f = require('f');",
        "  const g = await import('g')",
        "requirement('no')",
        "imports('no')",
        "x(require('h')); import('i')",
        "import\tj from 'j'; const k = require('k')",
        "export default foo\n  .bar(import('l'))",
        "import\n  m from 'm'",
        "\r\nimport n from 'n'\r",
        "import x, { y } from",
        "'o'; require(",
        "x = 1;",
        "// import y from 'z'",
        "",
        "  ",
        "'",
        '"',
    ],
    12,
    sep="\n",
)


@settings(max_examples=1000, deadline=None)
@given(_JS_LINES)
def test_the_import_line_pass_finds_what_the_multiline_regex_finds(text):
    """The JavaScript import pass (the full regex tried only at the first line, at lines starting
    with import/export and at lines holding `require(`/`import(`) finds the matches, lines and
    groups of the one `(?m)^` regex searched over the whole text."""
    from twelve.facts import javascript

    expected = [(m.start(), m.end(), m.groupdict()) for m in javascript._IMPORT_LINE.finditer(text)]
    assert [(m.start("indent"), m.end(), m.groupdict()) for m in javascript._import_lines(text)] == expected
    # the dynamic branch is reached (a line of its own, after a static import)
    both = "import x from 'a';\nx(1)\n  const g = await import('g')"
    assert [m.group("a") or m.group("c") for m in javascript._import_lines(both)] == ["a", "g"]


_SETTING_LINES = _joined(
    [
        "DB_PASSWORD = 'x'",
        "SECRET_KEY: str = 'y'",
        "  MY_HOST_URL=1",
        "DEBUG == 1",
        "X_CACHE_DIR = 2",
        "x = 1",
        "app.config['A'] = 1",
        "app.secret_key = 'k'",
        "app.debug = True",
        "class S(BaseSettings):",
        "class Config:",
        "    Settings(x):  ",
        "bind = '0.0.0.0'",
        "workers=4",
        "task_acks_late = True",
        "  timeout = 3",
        "reload",
        "",
        "# DATABASE_URL = x",
        "EMAIL:\n = 1",
        "\u212aEY = 1",
        "ſecret = 1",
    ],
    8,
    sep="\n",
)


@settings(max_examples=300, deadline=None)
@given(_SETTING_LINES)
def test_the_python_setting_gate_in_parts_answers_as_the_full_regex(text):
    from twelve.facts import python

    assert bool(python._ASSIGN_GATE.search(text)) == bool(python._ASSIGN_FULL.search(text))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="sSeEcCrRtT:=_$'\" \n\u017f\u212akKiIuUlLhoO\u0130\u0131\u00e9\u00df\u03a3\u2028", max_size=30))
def test_a_caseless_words_gate_answers_as_the_ignore_case_regex(text):
    from twelve.facts import javascript
    from twelve.facts.code import CaselessWordsGate

    gate = CaselessWordsGate(("secret", "kit", "ri", "url", "uri", "host"), r"[\w$'\"]*\s*[:=]")
    assert bool(gate.search(text)) == bool(re.search(r"(?i)(?:secret|kit|ri|ur[il]|host)[\w$'\"]*\s*[:=]", text))
    setting = (
        r"(?i)(?:secret|passw|pwd|token|apikey|api_key|private_?key|credential|ur[il]|dsn|"
        r"connectionstring|host)[\w$'\"]*\s*[:=]"
    )
    assert bool(javascript._SETTING_GATE.search(text)) == bool(re.search(setting, text))


def test_lowering_keeps_every_character_one_character_of_its_classes():
    """What CaselessWordsGate relies on, over every code point: once the four look-alikes are made
    ASCII letters, lowering a character gives one character, of the same \\w and \\s classes, and
    only the look-alikes are taken for ASCII letters by an ignore-case regex."""
    import sys

    from twelve.facts.code import _ASCII_LOOKALIKES

    word, space, letter = re.compile(r"\w"), re.compile(r"\s"), re.compile("[a-z]", re.IGNORECASE)
    lookalikes = set()
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        lowered = char.translate(_ASCII_LOOKALIKES).lower()
        assert len(lowered) == 1, hex(point)
        assert bool(word.match(char)) == bool(word.match(lowered)), hex(point)
        assert bool(space.match(char)) == bool(space.match(lowered)), hex(point)
        assert (lowered in "$'\":=") == (char in "$'\":="), hex(point)
        if point >= 128 and letter.match(char):
            lookalikes.add(char)
    assert lookalikes == {chr(k) for k in _ASCII_LOOKALIKES}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="abé", min_size=1, max_size=3), min_size=1, max_size=6),
    st.text(alphabet="abé ", max_size=40),
)
def test_needles_span_every_occurrence(words, text):
    found = [(i, i + len(w)) for w in set(words) for i in range(len(text)) if text.startswith(w, i)]
    expected = sorted(found, key=lambda span: (span[1], span[0]))
    for needles in _needles_both_ways(words):
        assert list(needles.spans(text)) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab= \n\t{}[]", max_size=30))
def test_a_line_start_gate_answers_as_the_multiline_regex(text):
    from twelve.facts.code import LineStart

    body = r"[ \t]*a\w*\s*=\s*(?:\{\}|\[\])"
    assert bool(LineStart(body).search(text)) == bool(re.search("(?m)^" + body, text))


_PY_LINES = _joined(
    [
        "import os",
        "from . import views",
        "from a.b import (c,",
        "    import json",
        "\timport x; y",
        "import",
        "",
        "print('x')",
        "  print(x, file=sys.stderr)",
        "x = 1  # import y",
        "from x import *",
        "importlib.reload(m)",
    ],
    10,
    sep="\n",
)


@settings(max_examples=300, deadline=None)
@given(_PY_LINES)
def test_line_start_passes_find_what_the_multiline_regexes_find(text):
    """The Python import and print passes (a match at the start of the text, then those after each
    newline) find the lines, matches and groups of their `(?m)^` regexes."""
    from twelve.facts import python

    for gate in (python._TOP_IMPORT, python._INDENTED_IMPORT, python._PRINT_LINE):
        full = re.compile(gate.pattern)
        assert [(m.start("line"), m.group("line")) for m in gate.finditer(text)] == [
            (m.start(), m.group()) for m in full.finditer(text)
        ]
        first = gate.search(text)
        expected = full.search(text)
        assert (
            (first.start("line"), first.groupdict())
            == (expected.start(), {"line": expected.group(), **expected.groupdict()})
            if expected
            else first is None
        )


_NAME_TEXT = _joined(
    ["secret", "SeCrEt", "private", "_key", "-key", "key", "jwt", "Session", "hmac", "$", "x", "_", " ", "=", "-"]
    + ["\n", "\u017fecret", "\u212aey", "é", "a1"],
    12,
)


@settings(max_examples=400, deadline=None)
@given(_NAME_TEXT)
def test_a_secret_name_found_from_its_core_is_the_name_regex_finds(text):
    """`_name` searches the name regex only from the run of name characters before the first core;
    the file gate lowers ASCII text: both answer as the name regex over the whole text."""
    from twelve.facts import randomsecret

    found = randomsecret._NAME.search(text)
    assert randomsecret._name(text) == (found.group(0) if found else None)
    assert bool(randomsecret._NAME_GATE.search(text)) == bool(found)


@settings(max_examples=300, deadline=None)
@given(
    _joined(
        [
            "data = json.load(f)",
            "x = p.read_text()",
            "yaml.safe_load(s)",
            "os.replace(tmp, p)",
            "shutil.move(a, b)",
            "json.dump(data, f)",
            "p.write_text(s)",
            "open(p, 'w')",
            "open(p)",
            "CACHE = {}",
            "    seen = []",
            "load",
            "",
        ],
        6,
        sep="\n",
    )
)
def test_the_python_file_pass_gate_answers_as_its_one_regex(text):
    """The file-level pass's gate in parts (a line-start search, substrings before the store
    regex) opens exactly when the single regex it replaced matches."""
    from twelve.facts import python

    store = python._STORE_GATE.pattern.replace("(?s)\\A", "\\A(?s:", 1) + ")"
    joined = re.compile(python._GLOBAL_GATE.pattern + "|" + store)
    assert bool(python._POST_GATE.search(text)) == bool(joined.search(text))
    assert bool(python._STORE_GATE.search(text)) == bool(re.search(python._STORE_GATE.pattern, text))


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("python", "SECRET_KEY = os.urandom(24)"),
        ("python", "SECRET_KEY = secrets.token_hex(32)"),
        ("python", "app.secret_key = Fernet.generate_key()"),
        ("javascript", "const jwtSecret = crypto.randomBytes(32);"),
        ("javascript", "const SESSION_SECRET = nanoid();"),
        ("go", "var signingKey = securecookie.GenerateRandomKey(32)"),
        ("ruby", "SECRET_KEY = SecureRandom.hex(64)"),
    ],
)
def test_every_random_generator_passes_the_substring_prefilter(lang, line):
    """The substrings tested before a generator's regex are in every generator it knows: each
    still gives its fact."""
    from twelve.facts.base import Source
    from twelve.facts.randomsecret import random_secrets
    from twelve.model import Scope

    suffix = {"python": "py", "javascript": "js", "go": "go", "ruby": "rb"}[lang]
    facts = random_secrets(Source(f"app.{suffix}", line + "\n", lang, Scope.PRODUCTION), lang)
    assert [(f.kind, f.line) for f in facts] == [("state.random_secret", 1)]


@settings(max_examples=400, deadline=None)
@given(
    _joined(
        ["akia", "AKIA", "age-secret-key-", "key-", "xox", "eyJ", "sk_live_", "hf_", "gho_", "token", "pass"]
        + ["sg.", "\n", "\r\n", "\x0b", "\u2028", " ", "=", "İ", "Σ", "a", "_v1_", "glpat-", "shp"],
        14,
    )
)
def test_the_key_formats_of_a_file_read_from_its_candidate_lines_are_those_of_its_text(text):
    """The secret scan reads the needles of the key formats from the lines that hold a keyword
    only: the formats it tries are those a pass over the whole text finds."""
    from twelve.facts import secrets, secretscan
    from twelve.facts.base import Source

    source = Source("a.txt", text, "text", Scope.PRODUCTION)
    candidates = secretscan._candidates(source, text.lower())
    lines = source.lines
    assert all(number <= len(lines) for number in candidates)
    assert secrets.key_formats_in_lines(lines[n - 1] for n in candidates) == secrets.key_formats_in(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="git.pulfechPF( '\"`\t", max_size=24))
def test_the_vcs_substring_prefilter_turns_away_no_text_its_regex_matches(text):
    from twelve.facts import vcs

    if vcs._PREFILTER.search(text):
        assert vcs._prefiltered(text)
    if not vcs._prefiltered(text):
        assert vcs.extract(_python_source(text)) == []


def _python_source(text: str):
    from twelve.facts.base import Source

    return Source("app.py", text, "python", Scope.PRODUCTION)


_GATE_TEXT = _joined(
    ["app.run(", "xrun (", "uvicorn.run\n(", "observe(", "serve (", "waitress.serve(", "run_simple(", "run_app(x"]
    + ["make_server(", "HTTPServer(", ".listen (", "TCPSite(", "quickstart(", "json.load(", "pickle.safe_loads("]
    + ["csv.DictReader(", "x.reader(", "import discord", "  from telegram import x", "while True:", " while x"]
    + ["fs.writeFileSync(", "a.mv (", "x.rename(", "multer", "setInterval", "'node-cron'", '"bree"', "cron"]
    + ["readFile(", "readJSON", "writeJson", "outputFile", "rename", "\n", " ", "=", "."]
    + ["express (", "xkoa(", "new Koa", "new  Apps", "NestFactory.create", "Hapi.server", "createServer ("]
    + ["next ( {", "xnext({", "next(x", ".server (", "(", "{"],
    8,
)


@settings(max_examples=500, deadline=None)
@given(_GATE_TEXT)
def test_the_gates_sped_up_by_substrings_or_anchors_answer_as_their_regexes(text):
    """Gates that test substrings, anchor words or line starts before their regex open exactly
    when the regex they stand for matches (Python: server, class file store, bot libraries, top
    loop; JavaScript: server, file write, scheduler, file store, web app)."""
    from twelve.facts import javascript, python

    gates = [python._SERVER_GATE, python._CLASS_STORE_GATE, python._BOT_LIBRARIES, javascript._FILE_STORE_TEXT]
    gates += [spec.gate for spec in python._TABLE if spec.kind == "process.loop" and spec.keywords == ("while",)]
    gates += [
        spec.gate
        for spec in javascript._TABLE
        if spec.kind in ("server.run", "file.write", "scheduler") and spec.gate is not None
    ]
    assert len(gates) == 8
    for gate in gates:
        assert bool(gate.search(text)) == bool(re.search(gate.pattern, text)), gate.pattern
    assert bool(javascript._WEB_APP_GATE.search(text)) == bool(re.search(javascript._WEB_APP_REGEX, text))


def _python_facts(text: str, kind: str) -> list:
    from twelve.facts import python
    from twelve.facts.base import Source

    return [f for f in python.extract(Source("app/settings.py", text, "python", Scope.PRODUCTION)) if f.kind == kind]


def test_a_setting_from_a_name_bound_to_an_environment_read_is_still_read_from_the_environment():
    """The file-wide search for names bound to environment reads is skipped only in files that
    name neither getenv nor environ: here it still runs and makes the setting an env read."""
    text = 'from os import environ\nurl = environ.get("DATABASE_URL")\nDATABASE_URL = url\n'
    (fact,) = [f for f in _python_facts(text, "config.assign") if f.data.name == "DATABASE_URL"]
    assert (fact.line, fact.data.value.source, fact.data.value.env_name) == (3, "env", "DATABASE_URL")


def test_an_uploaded_file_saved_from_a_name_bound_to_request_files_is_a_file_write():
    """The upload checks of `.save()`, searched once per file, still find the upload (several
    saves of one file share them)."""
    text = (
        "from flask import request\n"
        "def upload():\n"
        "    doc = request.files['doc']\n"
        "    doc.save('/srv/uploads/a.pdf')\n"
        "    doc.save('/srv/uploads/b.pdf')\n"
        "    form.save()\n"
    )
    facts = _python_facts(text, "file.write")
    assert [(f.line, f.data.upload) for f in facts] == [(4, True), (5, True)]


def _go_facts(text: str, kind: str) -> list:
    from twelve.facts import golang
    from twelve.facts.base import Source

    return [f for f in golang.extract(Source("cmd/app/main.go", text, "go", Scope.PRODUCTION)) if f.kind == kind]


def test_go_environment_reads_through_helpers_and_viper_are_still_seen_by_the_value_tests():
    """Value tests skip call nodes in files that name neither os.Getenv, os.LookupEnv nor a viper
    getter with AutomaticEnv/BindEnv; a file with a helper or viper still has its writes' targets
    read from the environment."""
    helper = (
        'package main\n\nimport (\n\t"os"\n)\n\n'
        'func env(key, fallback string) string {\n\tif v := os.Getenv(key); v != "" {\n\t\treturn v\n\t}\n'
        "\treturn fallback\n}\n\n"
        'func main() {\n\tpath := env("DATA_FILE", "data.json")\n\tos.WriteFile(path, nil, 0o644)\n}\n'
    )
    (write,) = _go_facts(helper, "file.write")
    assert (write.line, write.data.target.source, write.data.target.env_name) == (16, "env", "DATA_FILE")
    viper = (
        'package main\n\nimport (\n\t"os"\n\t"github.com/spf13/viper"\n)\n\n'
        'func main() {\n\tviper.AutomaticEnv()\n\tpath := viper.GetString("data.file")\n'
        "\tos.WriteFile(path, nil, 0o644)\n}\n"
    )
    (write,) = _go_facts(viper, "file.write")
    assert (write.data.target.source, write.data.target.env_name) == ("env", "DATA_FILE")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["git", " ", "\n", "\r", "\u2028", "'", '"', "`", "pull", ".Fetch(", "hub.com", "#", "x"]),
        max_size=30,
    )
)
def test_the_git_command_lines_found_in_the_whole_text_are_those_a_line_by_line_search_finds(parts):
    from twelve.facts import vcs
    from twelve.facts.base import Source

    text = "".join(parts)
    source = Source("app.py", text, "python", Scope.PRODUCTION)
    by_line = [(n, line) for n, line in enumerate(source.lines, start=1) if vcs._PREFILTER.search(line)]
    found = vcs._candidates(source)
    assert set(by_line) <= set(found)  # a line ending in `git` may be one more, never one less
    assert all(line == source.lines[n - 1] for n, line in found)
    lines = [line for _n, line in found]
    assert [line for _n, line in by_line] == [line for line in lines if vcs._PREFILTER.search(line)]


def test_an_import_of_a_github_module_is_no_git_command_line():
    from twelve.facts import vcs
    from twelve.facts.base import Source

    text = 'import (\n\t"github.com/go-git/go-git/v5"\n)\n\nfunc f() {\n\tw.Pull(&git.PullOptions{})\n\texec.Command("git", "fetch")\n}\n'
    assert [n for n, _line in vcs._candidates(Source("main.go", text, "go", Scope.PRODUCTION))] == [6, 7]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("pasPASwWdD@x \n") + ["ſ", "K", "İ", "ß"]), max_size=30))
def test_the_go_password_test_is_the_regex(text):
    from twelve.facts import connstrings

    assert connstrings.may_hold_password(text) == (re.search(r"(?i)passw|pwd|@", text) is not None)


def _strip_comments_by_character(text: str) -> list[str]:
    """The character-by-character reading the Gradle comment stripper replaced: the oracle."""
    out: list[str] = []
    in_block = False
    for line in text.splitlines():
        result: list[str] = []
        i, quote = 0, ""
        while i < len(line):
            ch = line[i]
            if in_block:
                if line.startswith("*/", i):
                    in_block = False
                    i += 2
                else:
                    i += 1
                continue
            if quote:
                result.append(ch)
                if ch == "\\" and i + 1 < len(line):
                    result.append(line[i + 1])
                    i += 2
                    continue
                if ch == quote:
                    quote = ""
            elif ch in "'\"":
                quote = ch
                result.append(ch)
            elif line.startswith("//", i):
                break
            elif line.startswith("/*", i):
                in_block = True
                i += 2
                continue
            else:
                result.append(ch)
            i += 1
        out.append("".join(result))
    return out


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.sampled_from(["a", " ", "/", "*", "'", '"', "\\", "\n", "\r", "x = ", "//", "/*", "*/"]), max_size=40)
)
def test_gradle_comments_are_stripped_as_a_character_by_character_reading_strips_them(parts):
    from twelve.facts.jvmmanifests import _strip_comments

    text = "".join(parts)
    assert _strip_comments(text) == _strip_comments_by_character(text)


def test_a_text_splits_at_newlines_only_when_it_holds_no_other_line_break():
    """Source.newline_only (ASCII: six character searches) against str.splitlines itself, for
    every code point between two letters, in an ASCII text and in one that is not."""
    from twelve.facts.base import only_newline_breaks

    for point in range(0x110000):
        char = chr(point)
        if 0xD800 <= point <= 0xDFFF:
            continue
        for text in (f"a{char}b", f"é{char}b"):
            splits = text.splitlines() != [text] and char != "\n"
            assert only_newline_breaks(text) is not splits, (hex(point), text)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=40) | st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_a_decoded_text_shows_the_same_characters_as_the_unshowable_regex_leaves(raw):
    """The ASCII fast path of _decode (deleting the showable bytes) gives what the regex gives."""
    from twelve.facts import _UNSHOWABLE, _decode

    if b"\x00" in raw:
        raw = raw.replace(b"\x00", b"\x01")
    text = raw.decode("utf-8", "replace")
    if text.startswith("\ufeff") or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # byte-order marks: their own branch
    assert _decode(raw) == _UNSHOWABLE.sub("\ufffd", text)


def test_every_ascii_control_character_is_replaced_by_the_fast_path():
    from twelve.facts import _decode

    for point in range(128):
        shown = _decode(b"ab" + bytes([point]) + b"cd") if point else None
        if point == 0:
            continue
        expected = "\ufffd" if point not in (9, 10, 12, 13) and (point < 0x20 or point == 0x7F) else chr(point)
        assert shown == "ab" + expected + "cd", point


_RANDOM_PIECES = _joined(
    ["os.urandom", "token_hex", "secrets.", "uuid", "uuid4", "uuid.", "v4", "randomBytes", "crypto.", "nanoid"]
    + ["rand.Read", "GenerateRandomKey", "securecookie.", "SecureRandom.", "hex", "base64", "urlsafe_"]
    + ["getRandomValues", "get_random_string", "x", "_", ".", " ", "\t", "(", "\n", "é", "9"],
    12,
)


@settings(max_examples=800, deadline=None)
@given(_RANDOM_PIECES)
def test_the_random_generator_gates_answer_as_their_regexes(text):
    """The gate of each language's random generators (words, a boundary before each, the tail
    after) says whether its regex finds a call, on texts made of the words and their neighbours."""
    from twelve.facts import randomsecret

    for family, regex in randomsecret._RANDOM.items():
        gate = randomsecret._RANDOM_GATE[family]
        assert (gate.search(text) is not None) == (regex.search(text) is not None), family


@settings(max_examples=500, deadline=None)
@given(_joined(["secret", "SECRET", "private", "Session", "jwt", "key", "KEY", "_", "-", "x", " ", "ſ", "K"], 10))
def test_the_secret_name_gate_answers_as_its_regex(text):
    from twelve.facts import randomsecret

    expected = re.search(r"(?i)secret|(private|signing|session|cookie|jwt|encryption|crypt|hmac|master)[_-]?key", text)
    assert (randomsecret._NAME_GATE.search(text) is not None) == (expected is not None)
    assert (randomsecret._NAME_GATE.search(text) is not None) == (randomsecret._NAME.search(text) is not None)


def test_a_words_gate_needs_word_characters_to_test_a_boundary():
    from twelve.facts.code import CaselessWordsGate, WordsGate

    with pytest.raises(ValueError):
        WordsGate((".start",), "", word_start=True)
    with pytest.raises(ValueError):
        CaselessWordsGate(("Upper",), "")
    assert WordsGate(("uuid",), r"\s*\(", word_start=True).search("x = uuid (1)")
    assert not WordsGate(("uuid",), r"\s*\(", word_start=True).search("x = myuuid(1)")


@settings(max_examples=500, deadline=None)
@given(_joined(["apiVersion", "kind", "image", ":", " ", "\t", "- ", "-", "\n", "x", "#c", "\r"], 14))
def test_the_manifest_key_gates_answer_as_their_regexes(text):
    from twelve.facts import kubernetes

    for gate in (kubernetes._API_VERSION, kubernetes._KIND, kubernetes._TOP_API_VERSION, kubernetes._VALUES_SHAPE):
        assert (gate.search(text) is not None) == (re.search(gate.pattern, text) is not None), gate.pattern


@settings(max_examples=600, deadline=None)
@given(
    _joined(
        ["password", "PassWD", "pwd", "=", "'", "s3cr3tValue", "://", "mysql", "user", ":", "@", "tcp(", "unix("]
        + ['"', " ", "x", "ſ", "K", "\u0130", "host=db "],
        12,
    )
)
def test_the_excerpt_scrub_shortcut_changes_nothing(text):
    """scrub() returns at once when none of its patterns can match: the same text as running them."""
    from twelve.facts import connstrings
    from twelve.facts.secrets import grade_value, mask

    expected = text
    for pattern in connstrings._EXCERPT_SECRETS:
        for match in reversed(list(pattern.finditer(expected))):
            value = match.group(1)
            if "…[" in value or grade_value("password", value) != "secret":
                continue
            expected = expected[: match.start(1)] + mask(value) + expected[match.end(1) :]
    assert connstrings.scrub(text) == expected


@pytest.mark.parametrize(
    ("regex", "literals"),
    [
        (r"^(workers|threads)$", {"workers", "threads"}),
        (r"MiniMagick|WickedPdf", {"MiniMagick", "WickedPdf"}),
        (r"^(::)?ENV\s*\.\s*(fetch|key\?)", {"fetch", "key?"}),  # the longer choice of two pieces
        (r"os\.environ\b", {"os.environ"}),  # across an anchor, escaped characters as written
        (r"^(puts|print|p|pp)$", {"p"}),  # the parser shares the prefix: `p` is in every branch
        (r"pipeline\w*", {"pipeline"}),
        (r"(ab)+cd", {"ab"}),  # a repeat taken at least once holds its body
        (r"ab{0,3}", {"a"}),  # an optional piece holds nothing
        (r"a(?i:b)c", {"a"}),  # a caseless part holds nothing certain
        (r"(?i)abc", None),
        (r"x?", None),
        (r"[ab]c|d", {"c", "d"}),  # one literal of each branch
        (r"[ab]|d", None),  # a branch without a literal: no certain set
        (r"(?:a|b?)c", {"c"}),
        (r"(\w+)\1", None),
    ],
)
def test_required_literals_are_read_from_the_regex_syntax(regex, literals):
    from twelve.facts.keywords import required_literals

    assert required_literals(re.compile(regex)) == (None if literals is None else frozenset(literals))


def _gated_alternatives() -> list[tuple[str, str, str, frozenset[str]]]:
    from twelve.facts import code, golang, javascript, python, ruby

    found = []
    for module in (ruby, python, javascript, golang):
        for spec in module._TABLE:
            _query, alts = code._lowered(spec)
            for (_kind, _field, regex), needed in zip(alts or (), code._needed(spec, alts or ())):
                if needed is not None:
                    found.append((module.__name__, spec.kind, regex.pattern, needed))
    return found


def test_alternatives_of_the_tables_are_gated_by_their_own_keywords():
    """Some alternatives need fewer keywords than their row (a receiver named MiniMagick, a
    superclass named Migration): those are the ones left out of files without them."""
    gated = {
        (module.rsplit(".", 1)[-1], kind, tuple(sorted(words))) for module, kind, _rx, words in _gated_alternatives()
    }
    assert ("ruby", "process.spawn", ("Docsplit", "FFMPEG", "IMGKit", "MiniMagick", "PDFKit", "WickedPdf")) in gated
    assert ("ruby", "schema.migration", ("Migration",)) in gated
    assert ("javascript", "server.run", ("listen", "serve")) in gated


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_match_of_a_gated_alternative_holds_one_of_its_keywords(data):
    """The soundness of the gate, on the tables' own regexes: any text a regex matches (drawn from
    the regex itself) holds one of the keywords that keep its alternative."""
    _module, _kind, pattern, needed = data.draw(st.sampled_from(_gated_alternatives()))
    text = data.draw(st.from_regex(pattern))
    assert re.search(pattern, text)
    assert any(word in text for word in needed), (pattern, text, needed)


def test_a_row_whose_alternatives_all_need_absent_keywords_parses_nothing(parsed_languages):
    """`Hapi` activates the row, but its one alternative (a call of `.listen`) needs `listen`: no
    node of a file without it can pass, so the file is not parsed."""
    from twelve.facts import code
    from twelve.facts.base import Source

    parsed, reached = parsed_languages, []
    rule = {"rule": {"kind": "call_expression", "has": {"field": "function", "regex": r"\.listen$"}}}
    table = (Spec("server.run", ("listen", "Hapi"), rule, lambda node, ctx: reached.append(node.text())),)

    def run(text):
        return code.run_table(Source("app.js", text, "code", Scope.PRODUCTION), "javascript", table)

    assert [s.kind for s in active_rows("const Hapi = 1\n", table)] == ["server.run"]
    assert run("const Hapi = 1\n") == [] and parsed == [] and reached == []
    assert run("const Hapi = 1\nserver.listen(3000)\n") == []  # the extract drops what it reached
    assert parsed == ["javascript"] and reached == ["server.listen(3000)"]


def test_a_receiver_alternative_runs_only_where_its_names_are(monkeypatch):
    """Ruby's spawn row: `system` keeps the method alternative; the receiver alternative (an
    image or PDF tool's class) is tested only in a file naming one, and still found there."""
    from twelve.facts import ruby
    from twelve.facts.base import Source

    def spawned(text):
        return [
            (f.line, f.data.program)
            for f in ruby.extract(Source("app.rb", text, "code", Scope.PRODUCTION))
            if f.kind == "process.spawn"
        ]

    from twelve.facts import code

    def fields_tried(text):
        active = code.active_rows(text, ruby._TABLE)
        spawn = next(spec for spec in active if spec.kind == "process.spawn")
        return [field for _kind, field, _rx in code._live(spawn, active.present)[1]]

    assert fields_tried('system("ls")\n') == [None, "method"]  # the subshell, the method
    assert spawned('system("ls")\n') == [(1, "ls")]
    named = 'system("ls")\nMiniMagick::Tool::Convert.new do |c|\nend\n'
    assert fields_tried(named) == [None, "method", "receiver"]
    assert spawned(named) == [(1, "ls"), (2, "convert")]


def test_gating_the_alternatives_changes_no_fact_of_any_fixture(monkeypatch, tmp_path):
    """Every fixture repository yields the same facts when every alternative of every row is
    tried, whatever keywords its file holds."""
    from twelve.facts import code

    facts_of = _fixture_facts(tmp_path)
    gated = facts_of()
    live = code._live
    monkeypatch.setattr(code, "_live", lambda spec, present: live(spec, None))
    assert facts_of() == gated
    assert sum(len(facts) for facts in gated) > 900


def test_a_text_parsed_again_in_the_same_language_reuses_its_tree(parsed_languages):
    from twelve.facts import code

    parsed = parsed_languages
    text = "x = 1\n"
    first = code._tree(text, "ruby")
    assert code._tree(text, "ruby") is first and parsed == ["ruby"]
    code._tree(text, "python")  # another language: parsed
    code._tree("".join(["x = ", "1\n"]), "python")  # an equal text, another object: parsed
    assert parsed == ["ruby", "python", "python"]


@pytest.mark.parametrize(
    ("regex", "start"),
    [
        (r"^require(_relative)?\b", "require"),
        (r"\Aimport ", "import "),
        (r"^(::)?ENV\.", None),  # a group first: no literal certain at the start
        (r"require", None),  # not anchored
        (r"(?m)^require", None),  # `^` of any line
        (r"(?i)^require", None),
        (r"^a|b", None),  # an alternation of the whole regex
        (r"^", None),
    ],
)
def test_the_leading_literal_is_read_only_where_every_match_starts_with_it(regex, start):
    from twelve.facts.keywords import leading_literal

    assert leading_literal(re.compile(regex)) == start


_LITERAL_CHARS = "ab\\.+*?()|[]{}^$#&-~/:\"'`%@!=,;<>"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.text(alphabet=_LITERAL_CHARS, min_size=1, max_size=4), min_size=1, max_size=3),
    st.lists(st.text(alphabet=_LITERAL_CHARS, min_size=1, max_size=8), min_size=1, max_size=6),
)
def test_a_literal_regex_is_found_by_ast_grep_exactly_where_a_literal_is(literals, comments):
    """The literals, escaped for ast-grep's regexes, match a comment's text exactly when it holds
    one of them (characters regexes give meaning to included)."""
    from ast_grep_py import SgRoot

    from twelve.facts.code import _literal_regex

    regex = _literal_regex(literals)
    root = SgRoot("".join(f"# {c}\n" for c in comments), "python").root()
    found = [n.text() for n in root.find_all({"rule": {"kind": "comment", "regex": regex}})]
    assert found == [f"# {c}" for c in comments if any(lit in f"# {c}" for lit in literals)]


def test_a_literal_with_white_space_is_not_narrowed_on():
    from twelve.facts.code import _literal_regex

    assert _literal_regex(["a b"]) is None and _literal_regex(["a\tb", "c"]) is None
    assert _literal_regex(["b.c", "a"]) == "a|b\\.c"


def _ruby_rows(text):
    from twelve.facts import code, ruby

    active = code.active_rows(text, ruby._TABLE)
    return [(spec, *code._live(spec, active.present)) for spec in active]


def test_narrowing_hands_fewer_nodes_over_and_the_same_ones_pass(monkeypatch):
    """A long Ruby file: ast-grep keeps the calls whose text starts with `require` or whose method
    names one of the rows' literals; the rows' nodes are the same as without narrowing."""
    from ast_grep_py import SgRoot

    from twelve.facts import code

    body = "".join(f"helper_{i}(value_{i}).other_{i}\n" for i in range(600))
    text = 'require "json"\n' + body + 'system("ls")\nget "/health"\nENV.fetch("PORT")\n'
    lowered = _ruby_rows(text)
    narrow = code._narrowed(text, lowered)
    assert "call" in narrow
    root = SgRoot(text, "ruby").root()
    kinds = {kind for _spec, _query, alts in lowered for kind, _name, _rx in alts or ()}
    rows = [alts for _spec, _query, alts in lowered]
    plain = code._kind_nodes(root, kinds)
    narrowed = code._kind_nodes(root, kinds, narrow)
    assert len(narrowed["call"]) < len(plain["call"]) / 10

    def passing(found):
        return [[view.node.range().start.index for view in views] for views in code._dispatch(found, rows)]

    assert passing(narrowed) == passing(plain)
    assert any(passing(plain))


def test_a_short_file_is_not_narrowed():
    from twelve.facts import code

    text = 'require "json"\nsystem("ls")\n'
    assert code._narrowed(text, _ruby_rows(text)) == {}
    assert code._narrowed(text * 4000, _ruby_rows(text * 4000)) != {}


def test_narrowing_every_file_changes_no_fact_of_any_fixture(monkeypatch, tmp_path):
    """Every fixture repository yields the same facts when ast-grep narrows the nodes of every
    file, however short, as when it never does."""
    from twelve.facts import code

    facts_of = _fixture_facts(tmp_path)
    monkeypatch.setattr(code, "NARROW_CHARS_PER_REGEX", 1 << 40)
    never = facts_of()
    narrowed = []
    real = code._kind_nodes

    def counting(root, kinds, narrow=None):
        narrowed.append(bool(narrow))
        return real(root, kinds, narrow)

    monkeypatch.setattr(code, "_kind_nodes", counting)
    monkeypatch.setattr(code, "NARROW_CHARS_PER_REGEX", 0)
    assert facts_of() == never
    assert sum(len(facts) for facts in never) > 900
    assert sum(narrowed) > 50  # most files were narrowed


def test_the_narrowings_kept_are_bounded(monkeypatch):
    """A tree whose files activate ever other sets of rows does not grow the kept narrowings
    without end; one asked again after the reset is made again, the same."""
    from twelve.facts import code

    monkeypatch.setattr(code, "_NARROWING", {})
    monkeypatch.setattr(code, "_NARROWING_MAX", 3)
    alts = [("call", "method", re.compile(f"^name{i}$")) for i in range(5)]
    made = [code._narrowing("call", (alt,)) for alt in alts]
    assert len(code._NARROWING) <= 3
    assert made[0] == ({"has": {"field": "method", "regex": "name0"}}, 1)
    assert code._narrowing("call", (alts[0],)) == made[0]


def test_a_field_the_grammar_lacks_is_not_narrowed_on():
    """ast-grep refuses a rule naming a field the grammar lacks, where Python's `node.field()`
    answers None: a long file is then read without narrowing, and gives what a short one gives."""
    from twelve.facts import code
    from twelve.facts.base import Source

    reached: list[str] = []
    rule = {
        "rule": {
            "any": [
                {"kind": "call", "has": {"field": "no_such_field", "regex": "^loop$"}},
                {"kind": "call", "has": {"field": "method", "regex": "^system$"}},
            ]
        }
    }
    table = (Spec("process.spawn", ("loop", "system"), rule, lambda node, ctx: reached.append(node.text())),)
    short = 'system("ls")\nloop { work }\n'
    long = short + "".join(f"helper_{i}(value_{i})\n" for i in range(2000))
    assert code._narrowed(long, [(s, *code._live(s, None)) for s in table]) != {}
    for text in (short, long):
        reached.clear()
        assert code.run_table(Source("a.rb", text, "code", Scope.PRODUCTION), "ruby", table) == []
        assert reached == ['system("ls")']


def test_a_leading_literal_shorter_than_the_required_ones_is_not_narrowed_on():
    from twelve.facts import code

    annotation = re.compile(r"^@\s*(org\.springframework\.)?(Value)\b")
    assert code._narrowing("annotation", (("annotation", "", annotation),)) == ({"regex": "Value"}, 1)
    required = re.compile(r"^require(_relative)?\b")
    assert code._narrowing("call", (("call", "", required),)) == ({"regex": "^(?:require)"}, 1)
