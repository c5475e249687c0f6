"""Issue 13: a library's run extracts only the facts its rules read (twelve.rules.needs).

A library or framework is assessed on factors I and II alone: its run extracts the kinds of facts
those rules read, leaves out the table rows and file-level passes that state none of them, and
scans a file for secrets only when facts of it remain (to conceal them). The report is the one a
run extracting everything gives; a rule reading a kind the list misses costs a second extraction,
never a verdict; the facts cache never serves a library's part of the facts to an app's run."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT, make_repo
from twelve.facts import Facts, runner
from twelve.facts.base import Source
from twelve.facts.code import Spec, UndeclaredKind, run_table
from twelve.facts.secrets import FileSecrets
from twelve.model import Scope
from twelve.pipeline import Options, assess
from twelve.report import render
from twelve.rules import needs

KINDS = ROOT / "tests" / "data" / "kinds"
CALIBRATION = ROOT / "tests" / "data" / "calibration" / "repos"
#: every fixture repository, each read as a library (whatever it is): what its I/II rules read
FIXTURES = sorted([*KINDS.iterdir(), *CALIBRATION.iterdir(), *(ROOT / "examples").iterdir()])
FIXTURES = [p for p in FIXTURES if p.is_dir()]


class Extractions:
    """The Facts of each extraction of a run (runner.extract, wrapped)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made: list[Facts] = []
        real = runner.extract

        def extract(*args, **kwargs) -> Facts:
            facts = real(*args, **kwargs)
            self.made.append(facts)
            return facts

        monkeypatch.setattr(runner, "extract", extract)


def _report(path: Path, **options) -> str:
    return render(assess(str(path), Options(**options)), "json", "en")


def _every_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a library's run extract every kind of fact, as before issue 13."""
    monkeypatch.setattr(needs, "LIBRARY_FACT_KINDS", None)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_library_run_extracts_every_kind_its_rules_read_once(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = Extractions(monkeypatch)
    assess(str(path), Options(kind="library"))
    assert [facts.wanted for facts in runs.made] == [needs.LIBRARY_FACT_KINDS]
    assert runs.made[0].missing == set()
    assert all(fact.kind in needs.LIBRARY_FACT_KINDS for fact in runs.made[0].items)


@pytest.mark.parametrize(
    "name",
    [
        "kinds/py-library",
        "kinds/node-library",
        "kinds/ruby-gem",
        "kinds/go-library",
        "kinds/java-gradle-library",
        "kinds/framework-modules",
        "kinds/py-library-flask-docs",
        "calibration/repos/ii-undeclared",
        "calibration/repos/vi-rack-pool",
        "calibration/repos/node-formidable",
        "calibration/repos/v-bootjar",
        "calibration/repos/xii-flyway",
    ],
)
def test_a_library_report_is_the_report_of_a_run_extracting_everything(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ROOT / "tests" / "data" / name
    fewer = _report(path, kind="library")
    _every_kind(monkeypatch)
    assert fewer == _report(path, kind="library")


def _library(tmp_path: Path) -> Path:
    """A Python library whose module imports an undeclared package on a line that also quotes a
    password assigned elsewhere in the file (the scan finds it on its own line only)."""
    return make_repo(
        tmp_path,
        {
            "pyproject.toml": (
                '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
                '[project]\nname = "tinylib"\nversion = "1.0"\ndependencies = ["requests"]\n'
            ),
            "src/tinylib/__init__.py": (
                'import requests\nDB_PASSWORD = "Qx7!vTz2#pLm9wR"\n'
                "import yaml  # rotated: Qx7!vTz2#pLm9wR\n\n\ndef get(url):\n    return requests.get(url)\n"
            ),
        },
    )


def test_a_secret_is_concealed_in_a_library_run_as_in_a_full_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _library(tmp_path)
    fewer = _report(path)
    assert '"library"' in fewer and "import yaml" in fewer  # the undeclared import, quoted
    assert "Qx7!vTz2#pLm9wR" not in fewer
    _every_kind(monkeypatch)
    assert fewer == _report(path)


def test_a_long_line_quoting_a_secret_is_masked_before_it_is_clipped_as_in_a_full_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The excerpt of an import line of 200 characters that quotes a password set elsewhere in the
    file: masked, then clipped to 160 characters, in a library's run as in a full one."""
    words = " ".join(f"word{n}" for n in range(40))
    path = make_repo(
        tmp_path,
        {
            "pyproject.toml": (
                '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
                '[project]\nname = "tinylib"\nversion = "1.0"\ndependencies = ["requests"]\n'
            ),
            "src/tinylib/__init__.py": (
                'import requests\nDB_PASSWORD = "Qx7!vTz2#pLm9wR"\n'
                f"import yaml  # note: Qx7!vTz2#pLm9wR then {words}\n"
                f"import toml  # {words[:120]} Qx7!vTz2#pLm9wR {words}\n"
            ),
        },
    )
    fewer = _report(path)
    assert "import yaml" in fewer and "import toml" in fewer and "Qx7!vTz2#pLm9wR" not in fewer
    _every_kind(monkeypatch)
    assert fewer == _report(path)


def test_a_row_stating_an_undeclared_kind_is_an_extractor_error_not_a_parse_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twelve import facts
    from twelve.repository import open_repository

    path = _library(tmp_path)
    entry = next(e for e in open_repository(str(path)).files if e.path.endswith("__init__.py"))

    def broken(source):
        raise UndeclaredKind("a web.app row stated an undeclared kind cli.command")

    real = facts._extractor
    monkeypatch.setattr(facts, "_extractor", lambda spec: broken if spec == "twelve.facts.python" else real(spec))
    errors = facts.extract_file(str(path), entry, 1 << 20).errors
    assert [(e.reason, "undeclared kind" in e.detail) for e in errors] == [("extractor_error", True)]


def test_a_kind_the_list_misses_costs_a_second_extraction_not_a_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _library(tmp_path)
    expected = _report(path)
    runs = Extractions(monkeypatch)
    monkeypatch.setattr(needs, "LIBRARY_FACT_KINDS", needs.LIBRARY_FACT_KINDS - {"dep.declared"})
    assert _report(path) == expected
    assert [facts.wanted for facts in runs.made] == [needs.LIBRARY_FACT_KINDS, None]
    assert "dep.declared" in runs.made[0].missing


def test_the_facts_cache_never_gives_a_library_part_to_an_app_run(tmp_path: Path) -> None:
    path = _library(tmp_path / "repo")
    cache = str(tmp_path / "cache")
    as_app = _report(path, kind="app")
    library = _report(path, kind="library", cache_dir=cache, replay=False)
    assert _report(path, kind="app", cache_dir=cache, replay=False) == as_app  # every fact read again
    assert _report(path, kind="library", cache_dir=cache, replay=False) == library  # a full entry serves it


def _files_extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the files the runs that follow extract (not taken from the facts cache)."""
    read: list[str] = []
    real = runner._results

    def results(root, todo, *args, **kwargs):
        read.extend(entry.path for entry in todo)
        return real(root, todo, *args, **kwargs)

    monkeypatch.setattr(runner, "_results", results)
    return read


def test_a_full_cache_entry_serves_a_library_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _library(tmp_path / "repo")
    cache = tmp_path / "cache"
    library = _report(path, kind="library")
    _report(path, kind="app", cache_dir=str(cache), replay=False)
    read = _files_extracted(monkeypatch)
    assert _report(path, kind="library", cache_dir=str(cache), replay=False) == library
    assert read == []


def test_a_library_part_in_the_cache_is_read_again_by_an_app_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _library(tmp_path / "repo")
    cache = tmp_path / "cache"
    _report(path, kind="library", cache_dir=str(cache), replay=False)
    read = _files_extracted(monkeypatch)
    _report(path, kind="app", cache_dir=str(cache), replay=False)
    assert "src/tinylib/__init__.py" in read


# --- the rows and file-level passes of a table ---------------------------------------------------


def _source(text: str, wanted: frozenset[str] | None = None) -> Source:
    return Source("app.py", text, "python", Scope.PRODUCTION, wanted=wanted)


def _row(kind: str, data: dict, also: tuple[str, ...] = (), calls: list[str] | None = None) -> Spec:
    def extract(node, ctx):
        if calls is not None:
            calls.append(kind)
        return dict(data)

    return Spec(kind, ("print",), {"rule": {"kind": "call"}}, extract, once=True, also=also)


def test_a_row_stating_a_kind_it_does_not_declare_is_a_bug() -> None:
    with pytest.raises(UndeclaredKind, match=r"undeclared kind shutdown\.hook"):
        run_table(_source("print(1)\n"), "python", (_row("process.loop", {"_kind": "shutdown.hook"}),))
    facts = run_table(
        _source("print(1)\n"), "python", (_row("process.loop", {"_kind": "shutdown.hook"}, also=("shutdown.hook",)),)
    )
    assert [(f.kind, f.line) for f in facts] == [("shutdown.hook", 1)]


def test_a_post_step_stating_a_kind_it_does_not_declare_is_a_bug() -> None:
    def post(ctx):
        return [ctx.source.fact("state.global", 1, name="x")]

    with pytest.raises(UndeclaredKind, match=r"undeclared kinds \['state.global'\]"):
        run_table(_source("x = []\n"), "python", (_row("env.read", {}),), post=post)
    assert [
        f.kind
        for f in run_table(
            _source("x = []\n"), "python", (_row("env.read", {}),), post=post, post_kinds=("state.global",)
        )
    ] == ["state.global"]


def test_a_run_wanting_some_kinds_runs_only_the_rows_and_post_steps_that_state_one() -> None:
    calls: list[str] = []
    table = (
        _row("env.read", {}, calls=calls),
        _row("web.app", {"_kind": "shutdown.hook"}, also=("shutdown.hook",), calls=calls),
        _row("import", {}, calls=calls),
    )
    posts: list[int] = []

    def post(ctx):
        posts.append(1)
        return []

    wanted = frozenset({"import", "shutdown.hook"})
    facts = run_table(_source("print(1)\n", wanted), "python", table, post=post, post_kinds=("state.global",))
    assert calls == ["web.app", "import"] and posts == []
    assert sorted(f.kind for f in facts) == ["import", "shutdown.hook"]
    calls.clear()
    run_table(_source("print(1)\n"), "python", table, post=post, post_kinds=("state.global",))
    assert calls == ["env.read", "web.app", "import"] and posts == [1]


def test_no_row_is_parsed_for_when_the_wanted_kinds_leave_none(monkeypatch: pytest.MonkeyPatch) -> None:
    import ast_grep_py

    def refuse(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(ast_grep_py, "SgRoot", refuse)
    assert run_table(_source("print(1)\n", frozenset({"import"})), "python", (_row("env.read", {}),)) == []


def test_merged_secrets_are_the_set_adding_both_would_make() -> None:
    first, second = ['pa"ss\\word-1', "-----BEGIN KEY-----"], ["tok en 12345", 'pa"ss\\word-1']
    one = FileSecrets(set(first + second))
    merged = FileSecrets(set(first))
    merged.merge(FileSecrets(set(second)))
    assert merged.values == one.values
    text = 'x = "pa\\"ss\\\\word-1" and tok en 12345'
    from twelve.facts.secrets import conceal

    assert conceal(text, merged) == conceal(text, one) != text


def test_the_library_kinds_name_kinds_some_extractor_states() -> None:
    """A kind misspelt in the list would never be extracted (the second extraction would hide it)."""
    states = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "twelve" / "facts").glob("*.py"))
    assert [kind for kind in sorted(needs.LIBRARY_FACT_KINDS) if f'"{kind}"' not in states] == []


def test_a_library_file_holding_a_secret_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed_languages: list[str]
) -> None:
    """Its facts hold a value to hide, so the file is read again by every row (the full way): the
    text's tree is the one the wanted rows parsed. The facts are those of a fresh parse."""
    import ast_grep_py

    from twelve import facts
    from twelve.facts import code
    from twelve.repository import open_repository

    root = make_repo(
        tmp_path / "lib",
        {
            "lib/tool.rb": 'require "open3"\nTOKEN = "ghp_Zr8kQ2mW7xY4vB9nL3pT6sD1fH5jK0aC8eG2"\n'
            'system("curl -H #{TOKEN} https://example.org")\n',
        },
    )
    entry = next(e for e in open_repository(str(root)).files if e.path == "lib/tool.rb")
    parsed = parsed_languages
    once = facts.extract_file(str(root), entry, 1 << 20, needs.LIBRARY_FACT_KINDS)
    assert parsed == ["ruby"]
    assert {f.kind for f in once.facts} == {"import", "process.spawn"}
    assert all("ghp_Zr8kQ2mW" not in f.excerpt for f in once.facts)
    monkeypatch.setattr(code, "_tree", lambda text, language: ast_grep_py.SgRoot(text, language).root())
    fresh = facts.extract_file(str(root), entry, 1 << 20, needs.LIBRARY_FACT_KINDS)
    assert [(f.kind, f.line, f.excerpt, f.data) for f in once.facts] == [
        (f.kind, f.line, f.excerpt, f.data) for f in fresh.facts
    ]
