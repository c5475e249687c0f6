"""The README badge is valid SVG with "12-factor | meets/applicable", coloured by the worst status."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from helpers import ROOT
from materialize import materialize
from twelve.model import (
    AppAssessment,
    Assessment,
    Confidence,
    Coverage,
    FactorVerdict,
    Status,
    Target,
)
from twelve.pipeline import assess
from twelve.report import render
from twelve.report.badge import COLORS

SVG = "{http://www.w3.org/2000/svg}"


def _assessment(statuses: list[Status]) -> Assessment:
    verdicts = tuple(FactorVerdict(n, s, Confidence.HIGH, (), ()) for n, s in enumerate(statuses, start=1))
    return Assessment("0.0.0", Target(".", "demo"), (AppAssessment(".", "demo", (), verdicts),), Coverage(0, 0))


def parse(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    return root


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    dest = tmp_path_factory.mktemp("badge") / "togglemaster-monolith"
    materialize(str(ROOT / "examples" / "togglemaster-monolith"), str(dest))
    return assess(str(dest))


def test_the_example_badge_is_valid_svg(example):
    root = parse(render(example, "badge", "en"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    meets = sum(1 for v in example.main.verdicts if v.status is Status.MEETS)
    assert texts == ["12-factor", f"{meets}/12"]
    assert root.get("role") == "img" and root.get("aria-label") == f"12-factor: {meets} of 12 factors meet"
    assert root.find(f"{SVG}title").text == root.get("aria-label")
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert COLORS["amber"] in fills  # the worst status is partial (factor V: a documented deploy from a checkout)
    width = int(root.get("width"))
    assert sum(int(r.get("width")) for r in list(root.iter(f"{SVG}rect"))[1:3]) == width


def test_the_badge_in_portuguese(example):
    root = parse(render(example, "badge", "pt-BR"))
    assert "fatores atendem" in root.get("aria-label")


@pytest.mark.parametrize(
    ("statuses", "colour", "value"),
    [
        ([Status.MEETS] * 12, "green", "12/12"),
        ([Status.MEETS] * 11 + [Status.NOT_APPLICABLE], "green", "11/11"),
        ([Status.MEETS] * 11 + [Status.INCONCLUSIVE], "grey", "11/12"),
        ([Status.MEETS] * 10 + [Status.PARTIAL, Status.INCONCLUSIVE], "amber", "10/12"),
        ([Status.DOES_NOT_MEET] + [Status.PARTIAL] * 11, "red", "0/12"),
    ],
)
def test_value_and_colour(statuses, colour, value):
    root = parse(render(_assessment(statuses), "badge", "en"))
    assert [t.text for t in root.iter(f"{SVG}text")][1] == value
    assert COLORS[colour] in [r.get("fill") for r in root.iter(f"{SVG}rect")]
