"""Extraction gives identical results sequentially, in a process pool and from the cache; the
cache never trusts a corrupt or foreign file."""

from __future__ import annotations

import json

import pytest

from helpers import ROOT, make_repo
from materialize import materialize
from twelve.facts import runner
from twelve.pipeline import Options, assess
from twelve.report import render


def _json(path, **options) -> str:
    data = json.loads(render(assess(str(path), Options(**options)), "json", "en"))
    data["target"]["path"] = "x"
    return json.dumps(data, sort_keys=True)


@pytest.fixture(scope="module")
def violations(tmp_path_factory):
    dest = tmp_path_factory.mktemp("r") / "py-violations"
    materialize(str(ROOT / "tests" / "fixtures" / "py-violations"), str(dest))
    return dest


def test_pool_gives_the_same_report(violations, monkeypatch):
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 1)  # force the pool on a small repository
    assert _json(violations, jobs=2) == _json(violations, jobs=1)


def test_pool_of_many_small_chunks_gives_the_same_report(tmp_path, monkeypatch):
    """A chunk holds at most CHUNK_FILES files (its results come back whole: a large tree's are
    bounded), and results are collected as their chunks come, not in the walk's order."""
    files = {"requirements.txt": "flask==3.0.0\n"}
    files.update({f"pkg/m{i}.py": f"import os\nA = os.getenv('A{i % 3}')\nB = os.environ['B']\n" for i in range(40)})
    repo = make_repo(tmp_path, files)
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(runner, "CHUNK_FILES", 2)
    sizes: list[int] = []
    real = runner._chunks
    monkeypatch.setattr(
        runner, "_chunks", lambda entries, count: [sizes.append(len(c)) or c for c in real(entries, count)]
    )
    assert _json(repo, jobs=2) == _json(repo, jobs=1)
    assert sum(sizes) == 41 and max(sizes) <= 2


def test_cache_gives_the_same_report_and_is_used(violations, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    baseline = _json(violations)
    first = _json(violations, cache_dir=str(cache))
    calls = []
    original = runner.extract_file
    monkeypatch.setattr(runner, "extract_file", lambda *a: calls.append(a[1].path) or original(*a))
    second = _json(violations, cache_dir=str(cache))
    assert first == second == baseline
    assert calls == []  # every file came from the cache


def test_a_changed_file_is_extracted_again(tmp_path):
    repo = make_repo(tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": "import os\nX = os.getenv('A')\n"})
    cache = tmp_path / "cache"
    assess(str(repo), Options(cache_dir=str(cache)))
    (repo / "app.py").write_text("import logging\nlogging.FileHandler('app.log')\n")
    fresh = assess(str(repo), Options(cache_dir=str(cache)))
    assert fresh.main.verdict(11).status.value == "does_not_meet"
    assert json.dumps(render(fresh, "json", "en")) == json.dumps(render(assess(str(repo)), "json", "en"))


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"format": 1, "fingerprint": "other", "files": {}}',
        '{"format": 1, "fingerprint": "F", "target": "T", "files": {"app.py": {"stat": 1}}}',
        "[]",
        "",
    ],
)
def test_corrupt_or_foreign_cache_is_ignored(tmp_path, content):
    repo = make_repo(tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": "import os\nX = os.getenv('A')\n"})
    cache = runner.FactCache(tmp_path / "cache", str(repo))
    cache.path.parent.mkdir(parents=True)
    cache.path.write_text(content.replace('"F"', json.dumps(cache.fingerprint)).replace('"T"', json.dumps(str(repo))))
    expected = _json(repo)
    assert _json(repo, cache_dir=str(tmp_path / "cache")) == expected


def test_tampered_entry_is_not_trusted(tmp_path):
    repo = make_repo(tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": "import os\nX = os.getenv('A')\n"})
    cache_dir = tmp_path / "cache"
    assess(str(repo), Options(cache_dir=str(cache_dir)))
    fingerprint = f"{runner.package_fingerprint()}-{Options().max_file_bytes}"
    cache = runner.FactCache(cache_dir, str(repo), fingerprint)
    data = json.loads(cache.path.read_text())
    data["files"]["app.py"]["result"]["facts"] = [["env.read", "not-a-line", "x", {}, "production"]]
    cache.path.write_text(json.dumps(data))
    assert _json(repo, cache_dir=str(cache_dir)) == _json(repo)
