"""F02-S22 (a host tool the build does not provide) and F02-S23 (one the image installs)."""

from __future__ import annotations

from helpers import fired, lines

SHELL_OUT = "import subprocess\n\ndef thumb(p):\n    subprocess.run(['convert', p, 'out.png'])\n"


def test_s22_fires_for_an_unprovisioned_tool(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "images.py": SHELL_OUT, "Dockerfile": "FROM python:3.12-slim\n"}
    found = fired(tmp_path, files, "F02-S22")
    assert found[0].message.param_dict()["tool"] == "convert"
    assert lines(found) == {("images.py", 4)}


def test_s22_covers_wrapper_libraries(tmp_path):
    files = {
        "requirements.txt": "pdf2image==1.17.0\n",
        "pdf.py": "import pdf2image\n",
        "Dockerfile": "FROM python:3.12-slim\n",
    }
    found = fired(tmp_path, files, "F02-S22")
    assert found[0].message.param_dict()["tool"] == "pdftoppm"


def test_s22_is_silent_and_s23_fires_when_the_image_installs_the_tool(tmp_path):
    docker = "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y imagemagick\n"
    files = {"requirements.txt": "flask==3.0.0\n", "images.py": SHELL_OUT, "Dockerfile": docker}
    assert fired(tmp_path, files, "F02-S22") == []
    found = fired(tmp_path / "b", files, "F02-S23")
    assert found[0].message.param_dict() == {"package": "imagemagick", "tool": "convert"}


def test_s23_is_silent_without_tools(tmp_path):
    assert fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "Dockerfile": "FROM python:3.12\n"}, "F02-S23") == []
