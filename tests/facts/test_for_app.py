"""Facts.for_app against a direct reading of its definition: an app sees the files and facts it
owns (deepest app root wins) and those outside every app root, in the walk's and the facts'
order; its index by kind and has_file (the first file of a name, in the walk's order) agree.
The shared part is computed once per run, not once per app (issue 13, item 2)."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from twelve.facts import AppFacts, Facts, _fact_order
from twelve.facts.model import Fact, data_for
from twelve.model import Scope
from twelve.repository import AppRoot, Repository
from twelve.repository.walk import FileEntry, IgnoreRules

DIRS = (".", "a", "a/b", "a/b/c", "b", "b/a", "c", "a/c")
NAMES = ("Procfile", "Dockerfile", "app.py", "package.json", "x.yml")
KINDS = ("env.read", "import")


def _repo(roots: list[str], files: list[FileEntry]) -> Repository:
    apps = tuple(AppRoot(path, ("python",), (), ()) for path in roots)
    return Repository("/x", tuple(files), (), len(files), (), None, apps, None)  # type: ignore[arg-type]


def _fact(kind: str, path: str, line: int) -> Fact:
    data = {"name": "X"} if kind == "env.read" else {"modules": ["os"]}
    return Fact(kind, path, line, "x", data_for(kind, data), Scope.PRODUCTION)


def _expected(repo: Repository, items: tuple[Fact, ...], app: AppRoot):
    def mine(path: str) -> bool:
        owners = [root for root in repo.apps if root.contains(path)]
        deepest = max(owners, key=lambda root: (root.path != ".", root.path.count("/")), default=None)
        return len(repo.apps) <= 1 or deepest is None or deepest.path == app.path

    files = tuple(entry for entry in repo.files if mine(entry.path))
    facts = tuple(fact for fact in items if mine(fact.path))
    index: dict[str, list[Fact]] = {}
    for fact in facts:
        index.setdefault(fact.kind, []).append(fact)
    names: dict[str, FileEntry] = {}
    for entry in files:
        names.setdefault(posixpath.basename(entry.path), entry)
    return files, facts, index, names


@settings(max_examples=150, deadline=None)
@given(
    roots=st.lists(st.sampled_from(DIRS), unique=True, max_size=5),
    paths=st.lists(st.tuples(st.sampled_from(DIRS), st.sampled_from(NAMES)), unique=True, min_size=1, max_size=25),
    facts=st.lists(st.tuples(st.integers(0, 24), st.integers(1, 5), st.sampled_from(KINDS)), max_size=40),
)
def test_for_app_is_its_definition(roots, paths, facts):
    files = [FileEntry(posixpath.normpath(f"{d}/{n}"), 10, "python", Scope.PRODUCTION) for d, n in paths]
    repo = _repo(roots, files)
    unique = {(files[i % len(files)].path, line, kind) for i, line, kind in facts}
    items = tuple(sorted((_fact(kind, path, line) for path, line, kind in unique), key=_fact_order))
    whole = Facts(repo, items, len(files), (), (), {})
    for app in repo.apps or (AppRoot(".", (), (), ()),):
        for _twice in range(2):  # the parts are computed once and reused
            got = whole.for_app(app)
            want_files, want_items, want_index, want_names = _expected(repo, items, app)
            assert got.files == want_files
            assert got.items == want_items
            assert got.index == want_index
            for kind in KINDS:
                assert got.of(kind) == want_index.get(kind, [])
                # filtered once per part, merged in the same order as the whole list filtered
                assert got.facts_where(f"odd:{kind}", kind, _odd_line) == [
                    f for f in want_index.get(kind, []) if _odd_line(f)
                ]
            for name in NAMES:
                assert got.has_file(name) is want_names.get(name)
            assert got.files_where("yml", _yml) == [e for e in want_files if _yml(e)]
            assert got.files_of("python") == list(want_files)


def _odd_line(fact: Fact) -> bool:
    return bool(fact.line and fact.line % 2)


def _yml(entry: FileEntry) -> bool:
    return entry.path.endswith(".yml")


def test_each_part_is_filtered_once_for_every_app():
    """A filter of the files or facts outside every app root, which every app of a monorepo
    holds, runs once per run; each app's own part once; and an app made by hand (no parts)
    filters its own lists."""
    paths = ("a/app.py", "b/app.py", "c/app.py", "tool.py", "deploy/x.yml", "a/y.yml", "a.py")
    files = [FileEntry(p, 10, "python", Scope.PRODUCTION) for p in paths]
    items = tuple(sorted((_fact("env.read", e.path, n) for e in files for n in (1, 2, 3)), key=_fact_order))
    whole = Facts(_repo(["a", "b", "c"], files), items, len(files), (), (), {})
    seen: list[str] = []

    def counted(entry: FileEntry) -> bool:
        seen.append(entry.path)
        return _yml(entry)

    asked: list[tuple[str, int | None]] = []

    def counted_fact(fact: Fact) -> bool:
        asked.append((fact.path, fact.line))
        return _odd_line(fact)

    for _round in range(2):
        got = {app.path: whole.for_app(app) for app in whole.repo.apps}
        assert [e.path for e in got["a"].files_where("yml", counted)] == ["deploy/x.yml", "a/y.yml"]  # the walk's order
        assert [e.path for e in got["b"].files_where("yml", counted)] == ["deploy/x.yml"]
        assert [e.path for e in got["c"].files_where("yml", counted)] == ["deploy/x.yml"]
        assert [(f.path, f.line) for f in got["b"].facts_where("odd", "env.read", counted_fact)] == [
            ("a.py", 1),  # a shared path before the app's own: merged by path, as of() has them
            ("a.py", 3),
            ("b/app.py", 1),
            ("b/app.py", 3),
            ("deploy/x.yml", 1),
            ("deploy/x.yml", 3),
            ("tool.py", 1),
            ("tool.py", 3),
        ]
        got["c"].facts_where("odd", "env.read", counted_fact)
    assert sorted(seen) == sorted(paths)  # each file once, whatever the apps and rounds
    assert len(asked) == len(set(asked)) == 3 * 5  # the shared part's facts and b's and c's, once
    # one key over two kinds (a setting is read from assignments and from environment reads): each its own
    mixed = tuple(sorted([*items, *(_fact("import", e.path, 9) for e in files)], key=_fact_order))
    both = Facts(_repo(["a", "b", "c"], files), mixed, len(files), (), (), {})
    for app in both.repo.apps:
        view = both.for_app(app)
        assert {f.kind for f in view.facts_where("any", "import", bool)} == {"import"}
        assert {f.kind for f in view.facts_where("any", "env.read", bool)} == {"env.read"}
    by_hand = AppFacts(whole.repo.apps[0], whole, tuple(files), items, {"env.read": list(items)})
    assert [e.path for e in by_hand.files_where("yml", _yml)] == ["deploy/x.yml", "a/y.yml"]
    assert len(by_hand.facts_where("odd", "env.read", _odd_line)) == 14


def test_has_file_of_app_facts_made_by_hand():
    entry = FileEntry("web/Procfile", 10, "procfile", Scope.PRODUCTION)
    repo = _repo(["web"], [entry])
    made = AppFacts(repo.apps[0], Facts(repo, (), 1, (), (), {}), (entry,), (), {})
    assert made.has_file("Procfile") is entry and made.has_file("Dockerfile") is None


def test_facts_are_held_once_without_a_number_each():
    """A large tree has millions of facts (issue 11: 1.9 million environment reads): the parts
    hold the facts themselves, the one-app part the run's own tuple, never a (number, fact) pair
    per fact nor a second copy of the run's list."""
    files = [FileEntry(p, 10, "python", Scope.PRODUCTION) for p in ("a/app.py", "b/app.py", "tool.py")]
    items = tuple(sorted((_fact(k, e.path, n) for e in files for n in (1, 2) for k in KINDS), key=_fact_order))
    one = Facts(_repo(["."], files), items, 3, (), (), {})
    got = one.for_app(one.repo.apps[0])
    assert got.items is items and one._whole().items is items
    assert all(any(f is g for g in items) for found in got.index.values() for f in found)
    many = Facts(_repo(["a", "b"], files), items, 3, (), (), {})
    for app in many.repo.apps:
        many.for_app(app)
    parts = many._partition()
    assert sum(len(part.items) for part in parts.values()) == len(items)
    assert all(type(f) is Fact for part in parts.values() for f in part.items)
    assert all(type(f) is Fact for part in parts.values() for found in part.index.values() for f in found)


@settings(max_examples=100, deadline=None)
@given(
    results=st.lists(
        st.lists(st.tuples(st.sampled_from(("a.py", "b.py", "c/d.py")), st.integers(0, 4), st.sampled_from(KINDS))),
        max_size=6,
    )
)
def test_collect_orders_facts_as_one_sort_of_them_all(results):
    """collect sorts each result on its own and puts paths in order: the order of one stable sort
    of every fact by _fact_order, even when a result holds facts of other paths or two results
    hold facts of the same path."""
    from twelve.facts import FileResult, collect

    made = [[_fact(kind, path, line) for path, line, kind in facts] for facts in results]
    for number, facts in enumerate(made):  # tell apart equal facts: their order must be kept
        made[number] = [Fact(f.kind, f.path, f.line, f"{number}.{i}", f.data, f.scope) for i, f in enumerate(facts)]
    entries = [FileEntry(f"f{n}.py", 10, "python", Scope.PRODUCTION) for n in range(len(made))]
    repo = Repository("/nowhere", tuple(entries), (), len(entries), (), None, (), IgnoreRules("/nowhere"))  # type: ignore[arg-type]
    got = collect(repo, [(entry, FileResult(facts)) for entry, facts in zip(entries, made)])
    assert got.items == tuple(sorted((f for facts in made for f in facts), key=_fact_order))
