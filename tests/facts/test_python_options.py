"""Python facts: a pytest option's default is a test setting (`config.assign`, container argument)."""

from __future__ import annotations

from helpers import extract_text

MODULE = "twelve.facts.python"

CONFTEST = """\
def pytest_addoption(parser):
    parser.addoption(
        "--database-url",
        action="store",
        default="sqlite:///pytest.db",
        help="URL of the test database",
    )
    parser.addoption("--slow", action="store_true")
"""


def test_a_pytest_option_default_is_a_setting_named_after_the_option():
    found = [f for f in extract_text(MODULE, "tests/conftest.py", CONFTEST) if f.kind == "config.assign"]
    assert [(f.line, f.get("name"), f.get("container"), f.get("api")) for f in found] == [
        (5, "DATABASE_URL", "argument", "addoption")
    ]
    assert found[0].data.value.value == "sqlite:///pytest.db"
