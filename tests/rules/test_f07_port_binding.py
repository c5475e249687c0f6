from __future__ import annotations

from helpers import fired, lines

FLASK_APP = "from flask import Flask\napp = Flask(__name__)\n"
REQS = "flask==3.0.0\ngunicorn==22.0.0\n"
ENTRYPOINT = """\
    #!/bin/sh
    set -e
    flask init-db
    exec gunicorn --bind 0.0.0.0:5000 app:app
    """
DOCKERFILE = """\
    FROM python:3.12-slim
    WORKDIR /app
    COPY . .
    RUN pip install -r requirements.txt
    EXPOSE 5000
    ENTRYPOINT ["sh", "./entrypoint.sh"]
    """
TOGGLE = {"requirements.txt": REQS, "app.py": FLASK_APP + "if __name__ == '__main__':\n    app.run(host='0.0.0.0', port=5000)\n",
          "entrypoint.sh": ENTRYPOINT, "Dockerfile": DOCKERFILE}
DEV_SERVER = {"requirements.txt": "flask==3.0.0\n",
              "app.py": FLASK_APP + "if __name__ == '__main__':\n    app.run(debug=True, port=5000)\n",
              "Dockerfile": "FROM python:3.12-slim\nCOPY . .\nEXPOSE 5000\nCMD python app.py\n"}


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


# --- F07-S1 / F07-AP2 -------------------------------------------------------------------------------

def test_s1_fires_for_a_declared_server_started_by_the_entrypoint(tmp_path):
    found = fired(tmp_path, TOGGLE, "F07-S1")
    assert len(found) == 1
    assert {("entrypoint.sh", 4), ("requirements.txt", 2)} <= lines(found)
    assert found[0].message.param_dict()["spec"] == "gunicorn==22.0.0"


def test_s1_fires_for_uvicorn_run_in_the_started_module(tmp_path):
    files = {"requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\n",
             "main.py": "import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\n"
                        "if __name__ == '__main__':\n    uvicorn.run(app, host='0.0.0.0', port=8000)\n",
             "Procfile": "web: python main.py\n"}
    found = fired(tmp_path, files, "F07-S1")
    assert params(found, "server") == ["uvicorn"]
    assert ("main.py", 5) in lines(found)


def test_s1_ignores_a_dev_server_and_a_guarded_call_off_the_start_path(tmp_path):
    assert fired(tmp_path, DEV_SERVER, "F07-S1") == []
    guarded = {**TOGGLE, "entrypoint.sh": "#!/bin/sh\nexec celery -A app worker\n"}
    assert fired(tmp_path / "guarded", guarded, "F07-S1") == []


def test_ap2_fires_when_the_server_is_not_declared(tmp_path):
    files = {**TOGGLE, "requirements.txt": "flask==3.0.0\n"}
    found = fired(tmp_path, files, "F07-AP2")
    assert params(found, "server") == ["gunicorn"]
    assert ("entrypoint.sh", 4) in lines(found)


def test_ap2_is_silent_when_the_server_is_declared(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-AP2") == []


# --- F07-S6 -----------------------------------------------------------------------------------------

def test_s6_fires_for_expose_and_a_procfile_port(tmp_path):
    found = fired(tmp_path, TOGGLE, "F07-S6")
    assert ("Dockerfile", 5) in lines(found)
    procfile = {"requirements.txt": REQS, "app.py": FLASK_APP, "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:app\n"}
    assert ("Procfile", 1) in lines(fired(tmp_path / "p", procfile, "F07-S6"))


def test_s6_ignores_a_web_line_without_port(tmp_path):
    files = {"requirements.txt": REQS, "app.py": FLASK_APP, "Procfile": "web: gunicorn app:app\n"}
    assert fired(tmp_path, files, "F07-S6") == []


# --- F07-S8 -----------------------------------------------------------------------------------------

def test_s8_fires_for_mod_wsgi_and_php_apache_images(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP,
             "deploy/site.conf": "<VirtualHost *:80>\n    WSGIScriptAlias / /srv/app/wsgi.py\n</VirtualHost>\n"}
    found = fired(tmp_path, files, "F07-S8")
    assert lines(found) == {("deploy/site.conf", 2)}
    assert params(found, "server") == ["Apache mod_wsgi"]
    php = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP, "Dockerfile": "FROM php:8.2-apache\nCOPY . /var/www/html\n"}
    assert ("Dockerfile", 1) in lines(fired(tmp_path / "php", php, "F07-S8"))


def test_s8_ignores_a_uwsgi_proxy_and_a_python_image(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP,
             "deploy/nginx.conf": "location / {\n    uwsgi_pass app:3031;\n}\n", "Dockerfile": DOCKERFILE}
    assert fired(tmp_path, files, "F07-S8") == []


# --- F07-S9 -----------------------------------------------------------------------------------------

def test_s9_fires_for_a_web_app_whose_deploy_only_starts_a_worker(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\ncelery==5.3.0\n", "app.py": FLASK_APP,
             "Procfile": "worker: celery -A app worker\n"}
    found = fired(tmp_path, files, "F07-S9")
    assert ("Procfile", 1) in lines(found)
    assert params(found, "commands") == ["celery -A app worker"]


def test_s9_is_silent_when_a_server_is_started(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-S9") == []
    inherited = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP, "Dockerfile": "FROM tiangolo/meinheld-gunicorn\nCOPY . /app\n"}
    assert fired(tmp_path / "inherited", inherited, "F07-S9") == []


# --- F07-S10 ----------------------------------------------------------------------------------------

def test_s10_fires_for_a_literal_port_in_the_start_command(tmp_path):
    found = fired(tmp_path, TOGGLE, "F07-S10")
    assert params(found, "port") == ["5000"]
    assert lines(found) == {("entrypoint.sh", 4)}


def test_s10_fires_for_a_literal_port_in_the_started_module(tmp_path):
    found = fired(tmp_path, DEV_SERVER, "F07-S10")
    assert params(found, "port") == ["5000"]
    assert ("app.py", 4) in lines(found)


def test_s10_ignores_a_port_from_the_environment(tmp_path):
    files = {**TOGGLE, "entrypoint.sh": "#!/bin/sh\nexec gunicorn --bind 0.0.0.0:${PORT:-8000} app:app\n"}
    assert fired(tmp_path, files, "F07-S10") == []
    procfile = {"requirements.txt": REQS, "app.py": FLASK_APP, "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:app\n"}
    assert fired(tmp_path / "p", procfile, "F07-S10") == []


# --- F07-S11 ----------------------------------------------------------------------------------------

def test_s11_fires_for_app_run_without_host_on_the_start_path(tmp_path):
    found = fired(tmp_path, DEV_SERVER, "F07-S11")
    assert params(found, "host") == ["127.0.0.1"]
    assert ("app.py", 4) in lines(found)


def test_s11_fires_for_uvicorn_without_host_and_an_explicit_loopback_bind(tmp_path):
    files = {"requirements.txt": "fastapi==0.110.0\nuvicorn==0.29.0\n", "main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
             "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["uvicorn", "main:app", "--port", "8000"]\n'}
    assert ("Dockerfile", 3) in lines(fired(tmp_path, files, "F07-S11"))
    loopback = {**TOGGLE, "entrypoint.sh": "#!/bin/sh\nexec gunicorn --bind 127.0.0.1:8000 app:app\n"}
    assert params(fired(tmp_path / "lo", loopback, "F07-S11"), "host") == ["127.0.0.1"]


def test_s11_gunicorn_default_bind_depends_on_the_platform(tmp_path):
    docker = {"requirements.txt": REQS, "app.py": FLASK_APP, "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'}
    assert ("Dockerfile", 3) in lines(fired(tmp_path / "docker", docker, "F07-S11"))
    with_port = {**docker, "Dockerfile": 'FROM python:3.12-slim\nENV PORT=8000\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'}
    assert fired(tmp_path / "port", with_port, "F07-S11") == []
    procfile = {"requirements.txt": REQS, "app.py": FLASK_APP, "Procfile": "web: gunicorn app:app\n"}
    assert fired(tmp_path / "procfile", procfile, "F07-S11") == []


def test_s11_ignores_all_interfaces_and_a_guarded_call_off_the_start_path(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-S11") == []


# --- F07-NA / F07-NE --------------------------------------------------------------------------------

def test_na_fires_for_a_worker_only_app(tmp_path):
    files = {"requirements.txt": "celery==5.3.0\n", "tasks.py": "from celery import Celery\napp = Celery('tasks')\n",
             "Procfile": "worker: celery -A tasks worker\n"}
    found = fired(tmp_path, files, "F07-NA")
    assert [f.effect.value for f in found] == ["not_applicable"]
    assert ("Procfile", 1) in lines(found)


def test_na_is_silent_for_a_web_app_and_for_an_unknown_start(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-NA") == []
    node = {"requirements.txt": "requests==2.31.0\n", "tool.py": "print('x')\n", "Procfile": "web: node server.js\n"}
    assert fired(tmp_path / "node", node, "F07-NA") == []


def test_ne_fires_for_a_web_app_without_any_start_command(tmp_path):
    files = {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP + "if __name__ == '__main__':\n    app.run()\n"}
    found = fired(tmp_path, files, "F07-NE")
    assert [f.effect.value for f in found] == ["inconclusive"]
    assert found[0].message.param_dict()["web"] == "app.py"


def test_ne_is_silent_when_a_deploy_definition_exists(tmp_path):
    assert fired(tmp_path, TOGGLE, "F07-NE") == []
