from __future__ import annotations

import os

import pytest

# Reports must not depend on the developer's locale or terminal.
os.environ.pop("NO_COLOR", None)


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch, tmp_path_factory):
    # each test has its own cache directory: nothing one test cached can answer for another
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("COLUMNS", "120")


#: modules whose tests start processes, servers, browsers, git clones or wait out timestamp
#: windows: `make test-fast` (-m "not slow") leaves them to the full `make test`
SLOW_MODULES = frozenset(
    {
        "test_integrations.py",
        "test_hostile_fs.py",
        "test_hostile_parsers.py",
        "test_dashboard.py",
        "test_scan.py",
        "test_secret_corpus.py",
        "test_secret_masking_property.py",
        "test_caches_processes.py",
        "test_cache.py",
        "test_accuracy.py",
        "test_remote.py",
        "test_remote_redirects.py",
        "test_html.py",
        "test_no_execution.py",
        "test_properties_node.py",
        "test_properties_ruby.py",
        "test_properties_python.py",
        "test_bounds.py",
        "test_walk_scopes.py",
        "test_tracked_ignored.py",
        "test_output_writes.py",
        "test_gate_off.py",
    }
)


def pytest_collection_modifyitems(config, items):
    slow = pytest.mark.slow
    for item in items:
        if item.path.name in SLOW_MODULES:
            item.add_marker(slow)


@pytest.fixture
def parsed_languages(monkeypatch):
    """The languages of the texts parsed from here on (each SgRoot made), in order, with the
    one-entry tree cache of facts/code.py emptied so that an earlier test's tree is not reused."""
    import ast_grep_py

    from twelve.facts import code

    parsed: list[str] = []
    real = ast_grep_py.SgRoot

    def counting(text, language):
        parsed.append(language)
        return real(text, language)

    monkeypatch.setattr(ast_grep_py, "SgRoot", counting)
    monkeypatch.setattr(code, "_LAST_TREE", [None, None, None])
    return parsed
