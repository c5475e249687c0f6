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
