"""F02-S10: committed jars referenced by path."""

from __future__ import annotations

from helpers import fired, lines


def test_s10_fires_for_committed_jars_referenced_by_path(tmp_path):
    found = fired(
        tmp_path,
        {
            "build.gradle": "dependencies {\n    implementation files('lib/legacy.jar')\n}\n",
            "lib/legacy.jar": "PK not really a zip\n",
        },
        "F02-S10",
    )
    assert lines(found) == {("build.gradle", 2)}
    assert [f.message.param_dict()["jars"] for f in found] == ["lib/legacy.jar"]


def test_s10_is_silent_for_the_wrapper_jar_and_unreferenced_jars(tmp_path):
    files = {
        "build.gradle": "dependencies {\n    implementation 'org.a:b:1.0'\n}\n",
        "gradle/wrapper/gradle-wrapper.jar": "PK\n",
        "docs/sample.jar": "PK\n",
    }
    assert fired(tmp_path, files, "F02-S10") == []
