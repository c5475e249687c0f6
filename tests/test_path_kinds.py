"""Kinds read from a file's directory (a workflow, a Spring or Rails config, a Helm template):
the one-search prefilter and each kind's regex say what the table says, whatever the path."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twelve.repository.kinds import _ANY_PATH_KIND, _PATH_KIND_TABLE, kind_of


def _by_the_table(path: str) -> str | None:
    """The first kind of the table one of whose patterns matches from the start of the path or
    from right after one of its "/" (each tried at each such place, one after the other)."""
    starts = [0] + [i + 1 for i, ch in enumerate(path) if ch == "/"]
    for patterns, kind in _PATH_KIND_TABLE:
        if any(re.match(pattern, path[start:]) for pattern in patterns for start in starts):
            return kind
    return None


#: names that make up the table's paths, and near misses
_PARTS = [
    ".github",
    "workflows",
    "src",
    "main",
    "resources",
    "config",
    "application",
    "application-prod",
    "database",
    "credentials",
    "charts",
    "chart",
    "web",
    "templates",
    ".circleci",
    "requirements",
    "master",
    "xconfig",
    "my.github",
    "lib",
]
_ENDINGS = ["", ".yml", ".yaml", ".properties", ".key", ".yml.enc", ".tpl", ".txt", ".in", ".json", ".yml\n"]


@st.composite
def paths(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(_PARTS), min_size=1, max_size=7))
    return "/".join(parts[:-1] + [parts[-1] + draw(st.sampled_from(_ENDINGS))])


@settings(max_examples=1500, deadline=None)
@given(paths())
def test_the_prefilter_and_the_kinds_are_the_table_at_every_directory_name(path):
    expected = _by_the_table(path)
    assert (_ANY_PATH_KIND.search(path) is not None) == (expected is not None)
    if expected is not None:
        assert kind_of(path) == expected


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (".github/workflows/ci.yml", "github_workflow"),
        ("svc/.github/workflows/release.yaml", "github_workflow"),
        ("x.github/workflows/ci.yml", "yaml"),  # not a directory named .github
        ("services/api/src/main/resources/application-prod.yml", "spring_config"),
        ("deep/a/b/c/d/e/f/application.properties", "spring_config"),
        ("config/database.yml", "rails_config_yaml"),
        ("app/config/credentials/production.key", "rails_credentials"),
        ("deploy/charts/web/templates/deployment.yaml", "helm_template"),
        (".circleci/config.yml", "circleci"),
        ("requirements/dev.txt", "requirements"),
        ("requirements/dev.txt/more", "other"),
    ],
)
def test_kinds_read_from_the_directory(path, kind):
    assert kind_of(path) == kind
