"""F03-S12: a `.env` with values in the repository."""

from __future__ import annotations

from helpers import fired

REQ = {"requirements.txt": "flask==3.0.0\n"}


def test_s12_fires_for_a_committed_env_file(tmp_path):
    found = fired(tmp_path, {**REQ, ".env": "DEBUG=1\nSECRET_KEY=Kd8f7Gh2Jk4LmNqR\n"}, "F03-S12")
    assert found[0].strength.value == "strong"
    assert found[0].message.param_dict()["state"] == "tracked"


def test_s12_is_silent_for_examples_and_ignored_files(tmp_path):
    assert fired(tmp_path / "a", {**REQ, ".env.example": "SECRET_KEY=\nDEBUG=changeme\n"}, "F03-S12") == []
    files = {**REQ, ".env": "SECRET_KEY=Kd8f7Gh2Jk4LmNqR\n", ".gitignore": ".env\n"}
    assert fired(tmp_path / "b", files, "F03-S12") == []


def test_s12_an_env_file_of_the_tests_or_an_example_does_not_count_against_the_app(tmp_path):
    """Issue 12 item 6: a test fixture's `.env` is the test's config, not production's."""
    from helpers import make_repo, run

    env = "DATABASE_URL=postgres://app:Kd8f7Gh2Jk4LmNqR@db.internal:5432/app\nDEBUG=1\n"
    app = {**REQ, "app.py": "import os\nDB = os.environ['DATABASE_URL']\n"}
    for where, scope in (("tests/fixtures/proj/.env", "test"), ("examples/demo/.env", "example")):
        found = fired(tmp_path / scope, {**app, where: env}, "F03-S12")
        assert [f.scope.value for f in found] == [scope]
        verdict = run(make_repo(tmp_path / f"{scope}-run", {**app, where: env})).main.verdict(3)
        assert not any(f.rule == "F03-S12" and f.in_scope for f in verdict.findings)
        assert verdict.status.value != "does_not_meet"
    assert [f.scope.value for f in fired(tmp_path / "root", {**app, ".env": env}, "F03-S12")] == ["production"]
