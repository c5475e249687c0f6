"""F02-S24: a host tool installed only by following the README."""

from __future__ import annotations

from helpers import fired

SHELL_OUT = "import subprocess\n\ndef thumb(p):\n    subprocess.run(['convert', p, 'out.png'])\n"
README = "# App\n\n## Setup\n\n```bash\nsudo apt-get install imagemagick\n```\n"


def test_s24_fires_when_the_tool_is_only_in_the_readme(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "images.py": SHELL_OUT, "README.md": README}
    found = fired(tmp_path, files, "F02-S24")
    assert found and found[0].message.param_dict()["doc"] == "README.md"
    assert fired(tmp_path / "b", files, "F02-S22") == []


def test_s24_is_silent_without_the_readme_or_when_the_image_installs_it(tmp_path):
    assert fired(tmp_path / "a", {"requirements.txt": "flask==3.0.0\n", "images.py": SHELL_OUT}, "F02-S24") == []
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "images.py": SHELL_OUT,
        "README.md": README,
        "Dockerfile": "FROM python:3.12-slim\nRUN apt-get install -y imagemagick\n",
    }
    assert fired(tmp_path / "b", files, "F02-S24") == []
