from __future__ import annotations

from helpers import fired, lines

FLASK_APP = "import flask\napp = flask.Flask(__name__)\n"


def test_s1_fires_with_a_requirements_file(tmp_path):
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP}, "F02-S1")
    assert found and found[0].message.param_dict()["manifests"] == "requirements.txt"


def test_s1_fires_with_pyproject_and_is_silent_without_manifest(tmp_path):
    pyproject = '[project]\nname = "x"\nversion = "1"\ndependencies = ["flask>=3"]\n'
    assert fired(tmp_path / "a", {"pyproject.toml": pyproject, "app.py": FLASK_APP}, "F02-S1")
    assert fired(tmp_path / "b", {"app.py": FLASK_APP}, "F02-S1") == []


def test_ap1_fires_for_code_without_manifest(tmp_path):
    found = fired(tmp_path, {"app.py": FLASK_APP, "util.py": "x = 1\n"}, "F02-AP1")
    assert found and found[0].message.param_dict()["files"] == "2"


def test_ap1_ignores_test_code_and_manifested_apps(tmp_path):
    assert fired(tmp_path / "a", {"tests/test_x.py": "def test(): pass\n", "README.md": "# x\n"}, "F02-AP1") == []
    assert fired(tmp_path / "b", {"app.py": FLASK_APP, "requirements.txt": "flask==3.0.0\n"}, "F02-AP1") == []


def test_ap1_fires_for_java_without_a_build_file_but_not_for_a_lone_ruby_script(tmp_path):
    java = {"src/main/java/acme/App.java": "package acme;\npublic class App {}\n"}
    found = fired(tmp_path / "j", java, "F02-AP1")
    assert [f.message.param_dict()["language"] for f in found] == ["Java"]
    assert fired(tmp_path / "j2", {**java, "pom.xml": "<project><modelVersion>4.0.0</modelVersion></project>\n"}, "F02-AP1") == []
    assert fired(tmp_path / "r", {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP, "tools/x.rb": "puts 1\n"},
                 "F02-AP1") == []


def test_s7_ignores_imports_of_other_languages(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP, "static/app.js": "import lodash from 'lodash';\n"}
    assert fired(tmp_path, files, "F02-S7") == []


def test_s2_fires_for_full_pins_and_for_a_lock(tmp_path):
    found = fired(tmp_path / "a", {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", "app.py": FLASK_APP}, "F02-S2")
    assert found and found[0].message.param_dict()["count"] == "2"
    lock = '[[package]]\nname = "flask"\nversion = "3.0.0"\n'
    pyproject = '[project]\nname = "x"\nversion = "1"\ndependencies = ["flask>=3"]\n'
    found = fired(tmp_path / "b", {"pyproject.toml": pyproject, "uv.lock": lock, "app.py": FLASK_APP}, "F02-S2")
    assert found and found[0].message.param_dict()["how"] == "uv.lock"


def test_s2_is_silent_with_open_ranges(tmp_path):
    assert fired(tmp_path, {"requirements.txt": "flask>=3\ngunicorn==22.0.0\n", "app.py": FLASK_APP}, "F02-S2") == []


def test_s8_names_unpinned_packages(tmp_path):
    found = fired(tmp_path, {"requirements.txt": "flask\ngunicorn>=20\nrequests==2.31.0\n", "app.py": FLASK_APP}, "F02-S8")
    assert found[0].message.param_dict()["names"] == "flask, gunicorn"
    assert ("requirements.txt", 1) in lines(found)


def test_s8_fires_when_the_lock_is_gitignored(tmp_path):
    files = {"pyproject.toml": '[project]\nname = "x"\nversion = "1"\ndependencies = ["flask>=3"]\n',
             "poetry.lock": '[[package]]\nname = "flask"\nversion = "3.0.0"\n', ".gitignore": "poetry.lock\n", "app.py": FLASK_APP}
    # the ignored lock is never read: what remains is an open range, and the message says why
    found = fired(tmp_path, files, "F02-S8")
    assert found[0].message.param_dict()["names"] == "flask (poetry.lock in .gitignore)"


def test_s8_is_silent_with_hashes_and_pins(tmp_path):
    req = "flask==3.0.0 \\\n    --hash=sha256:abc\n"
    assert fired(tmp_path, {"requirements.txt": req, "app.py": FLASK_APP}, "F02-S8") == []


def test_s7_fires_for_an_undeclared_import(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": "import flask\nimport requests\n"}
    found = fired(tmp_path, files, "F02-S7")
    assert [f.message.param_dict()["module"] for f in found] == ["requests"]
    assert lines(found) == {("app.py", 2)}


def test_s7_ignores_stdlib_local_modules_optional_imports_and_aliases(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\npsycopg2-binary==2.9.9\nPyYAML==6.0.1\n",
             "app.py": "import os, json\nimport psycopg2\nimport yaml\nfrom helpers import x\nfrom . import y\n"
                       "try:\n    import ujson\nexcept ImportError:\n    ujson = None\n",
             "helpers.py": "x = 1\n"}
    assert fired(tmp_path, files, "F02-S7") == []


def test_s7b_reports_transitive_imports_weakly(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": "import flask\nimport click\n"}
    found = fired(tmp_path, files, "F02-S7b")
    assert found[0].message.param_dict() == {"module": "click", "via": "flask"}
    assert found[0].strength.value == "weak"
    assert fired(tmp_path / "n", {"requirements.txt": "flask==3.0.0\nclick==8.1.7\n", "app.py": "import click\n"}, "F02-S7b") == []


DOCKER = "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"gunicorn\", \"app:app\"]\n"


def test_s14_fires_when_the_image_installs_from_the_manifest(tmp_path):
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP, "Dockerfile": DOCKER}, "F02-S14")
    assert lines(found) == {("Dockerfile", 3)}


def test_s14_is_silent_when_the_image_installs_by_name(tmp_path):
    docker = "FROM python:3.12-slim\nRUN pip install flask\nCOPY . .\n"
    assert fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP, "Dockerfile": docker}, "F02-S14") == []


def test_s11_fires_for_system_site_packages(tmp_path):
    docker = "FROM python:3.12\nRUN python -m venv --system-site-packages /venv\n"
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "Dockerfile": docker}, "F02-S11")
    assert lines(found) == {("Dockerfile", 2)}
    code = "import sys\nsys.path.append('/usr/lib/python3/dist-packages')\n"
    assert fired(tmp_path / "b", {"requirements.txt": "flask==3.0.0\n", "app.py": code}, "F02-S11")


def test_s11_is_silent_for_a_plain_venv(tmp_path):
    docker = "FROM python:3.12\nRUN python -m venv /venv\n"
    assert fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "Dockerfile": docker}, "F02-S11") == []


def test_s12_fires_for_packages_installed_outside_the_manifest(tmp_path):
    docker = "FROM python:3.12\nRUN pip install -r requirements.txt && pip install gunicorn pip setuptools\n"
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "Dockerfile": docker}, "F02-S12")
    assert found[0].message.param_dict()["packages"] == "gunicorn"


def test_s12_is_silent_for_declared_packages(tmp_path):
    docker = "FROM python:3.12\nRUN pip install --upgrade pip && pip install gunicorn==22.0.0\n"
    files = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n", "Dockerfile": docker}
    assert fired(tmp_path, files, "F02-S12") == []


def test_s13_fires_when_dev_and_prod_files_pin_differently(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "requirements-prod.txt": "flask==2.2.0\n",
             "Dockerfile": "FROM python:3.12\nRUN pip install -r requirements-prod.txt\n"}
    found = fired(tmp_path, files, "F02-S13")
    assert found[0].message.param_dict()["package"] == "flask"


def test_s13_is_silent_when_one_file_includes_the_other(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "requirements-dev.txt": "-r requirements.txt\npytest==8.0.0\n",
             "Dockerfile": "FROM python:3.12\nRUN pip install -r requirements.txt\n"}
    assert fired(tmp_path, files, "F02-S13") == []


def test_s21_fires_for_latest_or_untagged_base_images(tmp_path):
    docker = "FROM python AS build\nFROM python:latest\nFROM build\n"
    found = fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "Dockerfile": docker}, "F02-S21")
    assert lines(found) == {("Dockerfile", 1), ("Dockerfile", 2)}
    assert found[0].basis.value == "advice"


def test_s21_and_s20_for_pinned_images(tmp_path):
    docker = "FROM python:3.12-slim@sha256:" + "a" * 64 + "\n"
    files = {"requirements.txt": "flask==3.0.0\n", "Dockerfile": docker}
    assert fired(tmp_path, files, "F02-S21") == []
    assert lines(fired(tmp_path / "b", files, "F02-S20")) == {("Dockerfile", 1)}
    assert fired(tmp_path / "c", {"Dockerfile": "FROM python:3.12\n"}, "F02-S20") == []


SHELL_OUT = "import subprocess\n\ndef thumb(p):\n    subprocess.run(['convert', p, 'out.png'])\n"


def test_s22_fires_for_an_unprovisioned_tool(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "images.py": SHELL_OUT, "Dockerfile": "FROM python:3.12-slim\n"}
    found = fired(tmp_path, files, "F02-S22")
    assert found[0].message.param_dict()["tool"] == "convert"
    assert lines(found) == {("images.py", 4)}


def test_s22_is_silent_and_s23_fires_when_the_image_installs_the_tool(tmp_path):
    docker = "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y imagemagick\n"
    files = {"requirements.txt": "flask==3.0.0\n", "images.py": SHELL_OUT, "Dockerfile": docker}
    assert fired(tmp_path, files, "F02-S22") == []
    found = fired(tmp_path / "b", files, "F02-S23")
    assert found[0].message.param_dict() == {"package": "imagemagick", "tool": "convert"}


def test_s23_is_silent_without_tools(tmp_path):
    assert fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "Dockerfile": "FROM python:3.12\n"}, "F02-S23") == []


def test_s22_covers_wrapper_libraries(tmp_path):
    files = {"requirements.txt": "pdf2image==1.17.0\n", "pdf.py": "import pdf2image\n", "Dockerfile": "FROM python:3.12-slim\n"}
    found = fired(tmp_path, files, "F02-S22")
    assert found[0].message.param_dict()["tool"] == "pdftoppm"


def test_s24_fires_when_the_tool_is_only_in_the_readme(tmp_path):
    readme = "# App\n\n## Setup\n\n```bash\nsudo apt-get install imagemagick\n```\n"
    files = {"requirements.txt": "flask==3.0.0\n", "images.py": SHELL_OUT, "README.md": readme}
    found = fired(tmp_path, files, "F02-S24")
    assert found and found[0].message.param_dict()["doc"] == "README.md"
    assert fired(tmp_path / "b", files, "F02-S22") == []
    assert fired(tmp_path / "c", {"requirements.txt": "flask==3.0.0\n", "images.py": SHELL_OUT}, "F02-S24") == []
