"""Parser safety: every extractor registered in facts.EXTRACTORS (those added later included)
survives a corpus of nasty inputs and arbitrary text; YAML alias bombs, recursive aliases and huge
documents are bounded; duplicate keys and YAML 1.1 booleans do not mislead; malformed manifests
go to coverage and the run goes on."""

from __future__ import annotations

import importlib
import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import APP, BOMB, PARSER_TRAPS, write
from twelve.cli import main
from twelve.facts import _PARSE_ERRORS, EXTRACTORS, SECRET_SCAN, _decode, extract_all
from twelve.facts.base import Source
from twelve.facts.yamlio import MAX_NODES, YamlError, load_all
from twelve.model import Scope
from twelve.repository import kinds, open_repository

#: extra modules that run on files (secret scan, inline waivers, setup.py)
EXTRA = (SECRET_SCAN, "twelve.facts.inline", "twelve.facts.pymanifests:setup_py")
_PATH_EXAMPLES = (
    ".github/workflows/ci.yml",
    "config/application.yml",
    "src/main/resources/application.properties",
    "config/database.yml",
    "config/credentials.yml.enc",
    "charts/app/templates/deploy.yaml",
    ".circleci/config.yml",
    "requirements/base.txt",
)


def _path_for(kind: str) -> str:
    """A file name of *kind*, from the kind tables themselves (so that new kinds are covered)."""
    for example in _PATH_EXAMPLES:
        if kinds.kind_of(example) == kind:
            return example
    for glob, glob_kind in kinds._NAME_KINDS:
        name = glob.replace("*", "x").replace("?", "x")
        if glob_kind == kind and kinds.kind_of(name) == kind:
            return name
    return f"file.{kind}"


def _extractors() -> list[tuple[str, str, str]]:
    """(kind, module, function) for every registered extractor."""
    out = []
    for kind, modules in sorted(EXTRACTORS.items()):
        for spec in modules + EXTRA:
            module, _, func = spec.partition(":")
            out.append((kind, module, func or "extract"))
    return out


def _run(kind: str, module: str, func: str, text: str) -> None:
    """No exception may escape but a parse error (the pipeline turns it into coverage)."""
    extractor = getattr(importlib.import_module(module), func)
    try:
        facts = extractor(Source(_path_for(kind), text, kind, Scope.PRODUCTION))
    except _PARSE_ERRORS:
        return
    assert isinstance(facts, list)


NASTY = {
    "empty": "",
    "nul_bytes": "a\x00b\x00\x00" * 200,
    "brackets": "[" * 10_000 + "]" * 10_000,
    "open_brackets": "{" * 10_000,
    "parens": "(" * 10_000,
    "one_mb_line": "x" * 1_000_000,
    "long_line_of_secrets": "password=" * 20_000,
    "invalid_utf8": _decode(b"\xff\xfe\xc3(\x80abc\xe9" * 2000) or "",
    "yaml_bomb": BOMB,
    "recursive_alias": "a: &a [*a]\nb: &b {k: *b}\n",
    "helm": "apiVersion: v1\nkind: {{ .Values.kind }}\n{{- if .Values.x }}\n  a: b\n{{ end }}\n",
    "heredoc": "FROM x\nRUN <<EOF\nfoo\nEOF\nRUN <<-A <<B\nx\nA\n",
    "python_tags": "!!python/object/apply:os.system ['true']\n",
    "deep_indent": "".join("  " * i + "- \n" for i in range(1, 400)),
    "json_like": '{"a": [1, 2, {"b": null}], "c": "\\ud800"}',
    "crlf": "line\r\nother\rthird\n",
}


@pytest.mark.parametrize("case", sorted(NASTY))
def test_every_registered_extractor_survives_nasty_input(case):
    text = NASTY[case]
    for kind, module, func in _extractors():
        _run(kind, module, func, text)


_KINDS = sorted({k for k, _m, _f in _extractors()})
_texty = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
_SEEDS = [
    NASTY["heredoc"],
    NASTY["helm"],
    BOMB,
    APP["Dockerfile"],
    APP["requirements.txt"],
    '{"name": "x", "dependencies": {"a": "1"}}',
    "[tool.poetry]\nname = 'x'\n",
    "services:\n  a:\n    image: x\n",
    'package main\nimport "os"\nfunc main() { os.Getenv("X") }\n',
    "<project><dependencies/></project>\n",
]


def _mutated():
    return st.builds(
        lambda seed, cut, junk, pos: seed[:pos] + junk + seed[pos + cut :],
        st.sampled_from(_SEEDS),
        st.integers(0, 30),
        _texty,
        st.integers(0, 200),
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_KINDS), st.one_of(_texty, _mutated()))
def test_every_registered_extractor_on_arbitrary_and_mutated_text(kind, text):
    for spec in EXTRACTORS[kind] + EXTRA:
        module, _, func = spec.partition(":")
        _run(kind, module, func or "extract", text)


# --- YAML -----------------------------------------------------------------------------------


def test_billion_laughs_is_refused_without_being_expanded():
    with pytest.raises(YamlError, match="bounded"):
        load_all(BOMB)  # 9**12 leaves once expanded; the budget stops it after MAX_NODES
    assert MAX_NODES < 9**12


def test_a_bomb_below_the_budget_still_counts_every_expansion():
    small = "\n".join(["a: &a [1,2,3]"] + [f"{c}: &{c} [*{p},*{p},*{p}]" for p, c in zip("abcd", "bcde")])
    assert len(load_all(small)[0]["e"]) == 3  # 3**5 leaves: fine, and built once


def test_recursive_aliases_are_refused():
    for text in ("a: &a [*a]\n", "a: &a {k: *a}\n", "a: &a [[[*a]]]\n"):
        with pytest.raises(YamlError, match="recursive"):
            load_all(text)


def test_deep_and_huge_documents_are_bounded():
    with pytest.raises(YamlError):
        load_all("[" * 20_000 + "]" * 20_000)
    with pytest.raises(YamlError):
        load_all("".join(f"k{i}: [{', '.join(['1'] * 10)}]\n" for i in range(MAX_NODES // 10 + 1)))


def test_duplicate_keys_and_yaml_11_booleans_do_not_mislead():
    doc = load_all("on:\n  push: {}\nyes: no\nkey: 1\nkey: 2\nversion: 1.10\n")[0]
    assert "on" in doc and True not in doc and doc["yes"] == "no"
    assert doc["key"] == 2 and doc.duplicates == ["key"]
    assert doc["version"] == "1.10"
    ci = importlib.import_module("twelve.facts.ci")
    facts = ci.extract(
        Source(
            ".github/workflows/ci.yml",
            "on: [push]\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: pytest\n",
            "github_workflow",
            Scope.PRODUCTION,
        )
    )
    workflow = next(f for f in facts if f.kind == "ci.workflow")
    assert "push" in workflow.get("triggers")


# --- malformed manifests in a repository ----------------------------------------------------


@pytest.fixture(scope="module")
def traps(tmp_path_factory):
    root = tmp_path_factory.mktemp("traps")
    write(root, {**APP, "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\n", **PARSER_TRAPS})
    return root


def test_malformed_manifests_go_to_coverage_and_the_run_goes_on(traps):
    result = CliRunner().invoke(main, ["check", str(traps), "-f", "json", "--no-cache", "-j", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    errors = {e["path"]: e for e in data["coverage"]["errors"]}
    for path in ("pyproject.toml", "Pipfile", "setup.cfg", "package.json", "app.json"):
        assert errors[path]["reason"] == "parse_error", path
    assert all(e["reason"] == "parse_error" for e in errors.values())
    assert all("\n" not in e["detail"] for e in errors.values())
    assert data["internal_errors"] == []
    assert len(data["factors"]) == 12 and all(f["status"] for f in data["factors"])


def test_requirements_options_are_facts_and_includes_are_never_read(traps):
    facts = extract_all(open_repository(str(traps)), 2 * 1024 * 1024)
    mine = [f for f in facts.items if f.path == "requirements/base.txt"]
    assert any(f.kind == "dep.declared" and "flask" in json.dumps(f.data.plain()).lower() for f in mine)
    shown = json.dumps([[f.excerpt, f.data.plain()] for f in facts.items])
    assert "root:x:0:0" not in shown  # /etc/passwd, named by `-r`, was not opened
    assert "pa55w0rd-not-real" not in shown


def test_dockerfile_heredocs_do_not_become_instructions(traps):
    facts = extract_all(open_repository(str(traps)), 2 * 1024 * 1024)
    docker = [f for f in facts.items if f.path == "Dockerfile"]
    assert docker
    assert not any(
        f.kind.startswith("docker.") and f.excerpt.strip().upper().startswith(("EOF", "EOT", "ECHO")) for f in docker
    )
