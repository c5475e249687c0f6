"""F12-S06 names a Helm chart's objects and images as a person reads them."""

from __future__ import annotations

from helm_chart import HELM_APP, no_template
from helpers import fired


def test_s06_names_chart_objects_and_images_without_template_expressions(tmp_path):
    found = fired(tmp_path, HELM_APP, "F12-S06")
    params = found[0].message.param_dict()
    assert no_template(params)
    assert params["reference"] == "ghcr.io/acme/shop:latest"
    assert params["job"] == "Job shop-migrate" and params["workload"] == "Deployment shop"
