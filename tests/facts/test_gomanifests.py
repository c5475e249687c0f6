"""Go modules (facts/gomanifests.py): go.mod, go.work and go.sum."""

from __future__ import annotations

import pytest

from helpers import extract_text

MODULE = "twelve.facts.gomanifests"


def facts(text: str, path: str):
    return extract_text(MODULE, path, text)


def test_go_mod_requirements_indirect_replace_and_versions():
    found = facts(
        """
        module github.com/acme/inventory

        go 1.22

        toolchain go1.22.3

        require (
        	github.com/jackc/pgx/v5 v5.5.5
        	golang.org/x/text v0.14.0 // indirect
        )

        require github.com/acme/shared v0.0.0-20240101120000-abcdef123456

        replace github.com/acme/shared => ../shared
    """,
        "go.mod",
    )
    manifest = found[0]
    assert manifest.kind == "dep.manifest" and manifest.line == 1
    assert manifest.get("ecosystem") == "go" and manifest.get("kind") == "go.mod" and manifest.get("count") == 3
    assert manifest.get("direct") == 2 and manifest.get("module") == "github.com/acme/inventory"
    assert manifest.get("go_version") == "1.22" and manifest.get("toolchain") == "go1.22.3"
    assert manifest.get("replaces") == [{"module": "github.com/acme/shared", "target": "../shared", "line": 14}]
    declared = {f.get("name"): f for f in found if f.kind == "dep.declared"}
    assert declared["github.com/jackc/pgx/v5"].line == 8 and declared["github.com/jackc/pgx/v5"].get("spec") == "v5.5.5"
    assert declared["golang.org/x/text"].get("indirect") and declared["golang.org/x/text"].get("group") == "indirect"
    shared = declared["github.com/acme/shared"]
    assert (
        shared.line == 12 and shared.get("pinned") and shared.get("local") and shared.get("replaced_by") == "../shared"
    )


def test_go_work_lists_the_workspace_modules():
    found = facts("go 1.22\n\nuse (\n\t./api\n\t./worker\n)\n", "go.work")
    assert len(found) == 1 and found[0].get("kind") == "go.work" and found[0].get("workspace") == ["./api", "./worker"]


def test_go_sum_lists_each_module_once():
    found = facts(
        """
        github.com/jackc/pgx/v5 v5.5.5 h1:amBjrZVmksIdNjxGu/UpCDBp8Y/nxNSCb6xl5lcr7zE=
        github.com/jackc/pgx/v5 v5.5.5/go.mod h1:ez9gk+OAat140fv9ErkZDYFWmXLfV+++K0uAOiwgm1A=
        golang.org/x/text v0.14.0/go.mod h1:18ZOQIKpY8NJVqYksKHtTdi31H5itFRjB5/qKTNYzSU=
    """,
        "go.sum",
    )
    assert len(found) == 1
    lock = found[0]
    assert lock.kind == "dep.lock" and lock.get("packages") == ["github.com/jackc/pgx/v5", "golang.org/x/text"]
    assert lock.get("count") == 2 and lock.get("entries") == 3


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("go.mod", "require (\n\tgithub.com/a/b v1.0.0\n"),  # block never closed
        ("go.mod", "module x\nfrobnicate y\n"),  # unknown directive
        ("go.mod", "require github.com/a/b\n"),  # no version
        ("go.sum", "github.com/a/b v1.0.0\n"),  # no hash
    ],
)
def test_malformed_files_raise_value_error(path, text):
    with pytest.raises(ValueError):
        facts(text, path)
