"""F05-S10 names a Helm chart's image as its values fill it in, not as a raw template expression."""

from __future__ import annotations

from helm_chart import HELM_APP, no_template
from helpers import fired


def test_s10_names_the_image_the_chart_values_fill_in(tmp_path):
    found = fired(tmp_path, HELM_APP, "F05-S10")
    assert found and all(no_template(f.message.param_dict()) for f in found)
    assert {f.message.param_dict()["image"] for f in found} == {"ghcr.io/acme/shop:latest"}
