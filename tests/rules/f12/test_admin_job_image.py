"""F12-S06: a one-off Job runs another build, or lacks the release's configuration."""

from __future__ import annotations

from f12_data import KAPP, deployment, job, params

from helpers import fired, lines


def test_s06_fires_for_another_tag_and_missing_config(tmp_path):
    files = {**KAPP, "k8s/web.yaml": deployment(), "k8s/job.yaml": job(image="registry.example.com/shop:latest")}
    found = fired(tmp_path / "a", files, "F12-S06")
    assert (
        lines(found) == {("k8s/job.yaml", 11), ("k8s/web.yaml", 11)} and found[0].message.key == "F12-S06.message_tag"
    )
    extra = "\n          envFrom:\n            - secretRef: {name: shop-env}"
    files = {**KAPP, "k8s/web.yaml": deployment(extra=extra), "k8s/job.yaml": job()}
    found = fired(tmp_path / "b", files, "F12-S06")
    assert params(found, "missing") == ["secret/shop-env"] and found[0].message.key == "F12-S06.message_config"


def test_s06_tool_images_are_weak_and_matching_jobs_are_clean(tmp_path):
    files = {
        **KAPP,
        "k8s/web.yaml": deployment(),
        "k8s/job.yaml": job(image="flyway/flyway:10", command='["flyway", "migrate"]'),
    }
    found = fired(tmp_path / "a", files, "F12-S06")
    assert [f.strength.value for f in found] == ["weak"]
    extra = "\n          envFrom:\n            - secretRef: {name: shop-env}"
    files = {**KAPP, "k8s/web.yaml": deployment(extra=extra), "k8s/job.yaml": job(container=extra)}
    assert fired(tmp_path / "b", files, "F12-S06") == []
