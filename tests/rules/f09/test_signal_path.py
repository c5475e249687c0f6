"""F09-S06 (SIGTERM reaches the app) and F09-S07 (it may stop at a shell or a package manager)."""

from __future__ import annotations

from f09_data import ENTRYPOINT_EXEC_ARGS, ENTRYPOINT_NO_ARGS, NPM_APP, REQS, SHELL_FORM, params

from helpers import fired, lines


def test_s06_fires_for_an_entrypoint_that_execs_the_server(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_NO_ARGS, "F09-S06")
    assert lines(found) == {("entrypoint.sh", 6)}
    assert params(found, "command") == ["exec gunicorn --bind 0.0.0.0:8000 app:app"]


def test_s06_fires_for_exec_args_and_for_tini(tmp_path):
    found = fired(tmp_path, ENTRYPOINT_EXEC_ARGS, "F09-S06")
    assert ("docker-entrypoint.sh", 3) in lines(found)
    assert 'exec "$@"' in params(found, "command")
    tini = {
        **REQS,
        "Dockerfile": """
        FROM python:3.12-slim
        ENTRYPOINT ["tini", "--"]
        CMD ["gunicorn", "app:app"]
        """,
    }
    assert ("Dockerfile", 2) in lines(fired(tmp_path / "tini", tini, "F09-S06"))


def test_s06_near_miss_a_shell_form_cmd(tmp_path):
    assert fired(tmp_path, SHELL_FORM, "F09-S06") == []


def test_s07_fires_for_a_shell_form_cmd(tmp_path):
    found = fired(tmp_path, SHELL_FORM, "F09-S07")
    assert lines(found) == {("Dockerfile", 3)}
    assert found[0].message.param_dict()["command"] == "CMD python app.py"


def test_s07_fires_for_a_script_that_starts_the_server_without_exec(tmp_path):
    files = {
        **REQS,
        "Dockerfile": 'FROM python:3.12-slim\nENTRYPOINT ["./start.sh"]\n',
        "start.sh": "#!/bin/sh\ngunicorn app:app\n",
    }
    found = fired(tmp_path, files, "F09-S07")
    assert lines(found) == {("start.sh", 2)}


def test_s07_near_miss_exec_form_and_shell_form_with_exec(tmp_path):
    exec_form = {**REQS, "Dockerfile": 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n'}
    assert fired(tmp_path / "a", exec_form, "F09-S07") == []
    with_exec = {**REQS, "Dockerfile": "FROM python:3.12-slim\nCMD exec gunicorn app:app\n"}
    assert fired(tmp_path / "b", with_exec, "F09-S07") == []


def test_s07_is_weak_for_npm_start_as_pid_1(tmp_path):
    files = {**NPM_APP, "Dockerfile": 'FROM node:20-slim\nCOPY . .\nCMD ["npm", "start"]\n'}
    found = fired(tmp_path / "exec", files, "F09-S07")
    assert lines(found) == {("Dockerfile", 3)}
    assert [f.strength.value for f in found] == ["weak"]
    assert found[0].message.param_dict()["script"] == "node server.js"
    assert fired(tmp_path / "s6", files, "F09-S06") == []  # npm, not the app, receives the signal
    script = {
        **NPM_APP,
        "Dockerfile": 'FROM node:20-slim\nCOPY . .\nENTRYPOINT ["sh", "./entrypoint.sh"]\n',
        "entrypoint.sh": "#!/bin/sh\nnode scripts/migrate.js\nexec npm start\n",
    }
    assert [f.strength.value for f in fired(tmp_path / "script", script, "F09-S07")] == ["weak"]


def test_s07_stays_moderate_for_npm_start_behind_a_shell(tmp_path):
    shell = {**NPM_APP, "Dockerfile": "FROM node:20-slim\nCOPY . .\nCMD npm start\n"}
    assert [f.strength.value for f in fired(tmp_path / "shell", shell, "F09-S07")] == ["moderate"]
    script = {
        **NPM_APP,
        "Dockerfile": 'FROM node:20-slim\nCOPY . .\nENTRYPOINT ["sh", "./entrypoint.sh"]\n',
        "entrypoint.sh": "#!/bin/sh\nnpm start\n",
    }
    assert [f.strength.value for f in fired(tmp_path / "script", script, "F09-S07")] == ["moderate"]
    # the exec form of the app's own command is not reported at all
    direct = {**NPM_APP, "Dockerfile": 'FROM node:20-slim\nCOPY . .\nCMD ["node", "server.js"]\n'}
    assert fired(tmp_path / "direct", direct, "F09-S07") == []


BUILDER = {
    "go.mod": "module example.com/echo\n\ngo 1.22\n",
    "main.go": "package main\n\nfunc main() {}\n",
    "packaging/deb/Dockerfile": """
               FROM golang:1.22-bookworm
               WORKDIR /src
               COPY . .
               CMD packaging/deb/build.sh
               """,
    "packaging/deb/build.sh": """
               #!/bin/sh
               set -eu
               go build -o "$stage/usr/bin/echo" .
               dpkg-deb --build "$stage" "/out/echo_${VERSION}_amd64.deb"
               cp /out/*.deb /pkg/
               """,
}


def test_s07_near_miss_a_builder_image_that_packages_the_app(tmp_path):
    assert fired(tmp_path, BUILDER, "F09-S07") == []
    assert (
        fired(
            tmp_path / "exec",
            {
                **BUILDER,
                "packaging/deb/Dockerfile": """
        FROM golang:1.22-bookworm
        COPY . /src
        CMD ["/src/packaging/deb/build.sh"]
        """,
            },
            "F09-S07",
        )
        == []
    )


def test_s07_still_fires_for_a_packaging_dockerfile_that_runs_the_app_through_a_shell(tmp_path):
    files = {
        **BUILDER,
        "packaging/deb/Dockerfile": """
        FROM golang:1.22-bookworm AS deb
        COPY . /src
        RUN /src/packaging/deb/build.sh
        FROM debian:bookworm-slim
        COPY --from=deb /out/ /tmp/deb/
        RUN apt-get install -y /tmp/deb/echo_*.deb
        CMD /usr/bin/echo -listen :8080
        """,
    }
    assert lines(fired(tmp_path, files, "F09-S07")) == {("packaging/deb/Dockerfile", 7)}


def test_one_npm_start_behind_an_exec_args_entrypoint_gets_one_reading(tmp_path):
    """Issue 12 item 9: `exec "$@"` hands SIGTERM to npm when CMD is `npm run prod`: F09-S07 only."""
    files = {
        **NPM_APP,
        "package.json": '{"name": "api", "scripts": {"prod": "node server.js"}, "dependencies": {"express": "4.19.2"}}\n',
        "Dockerfile": 'FROM node:20-slim\nCOPY . .\nENTRYPOINT ["./entrypoint.sh"]\nCMD ["npm", "run", "prod"]\n',
        "entrypoint.sh": '#!/bin/sh\nset -e\nexec "$@"\n',
    }
    assert fired(tmp_path / "s6", files, "F09-S06") == []
    found = fired(tmp_path / "s7", files, "F09-S07")
    assert lines(found) == {("Dockerfile", 4)} and params(found, "manager") == ["npm run prod"]
    node = {**files, "Dockerfile": files["Dockerfile"].replace('"npm", "run", "prod"', '"node", "server.js"')}
    assert ("entrypoint.sh", 3) in lines(fired(tmp_path / "node", node, "F09-S06"))


def test_npm_execed_by_sh_c_is_read_as_npm_not_as_the_app(tmp_path):
    """Issue 12 item 9: `sh -c "exec npm run prod"` makes npm PID 1, as `CMD exec npm run prod` does."""
    files = {
        **NPM_APP,
        "package.json": '{"name": "api", "scripts": {"prod": "node server.js"}, "dependencies": {"express": "4.19.2"}}\n',
        "Dockerfile": 'FROM node:20-slim\nCOPY . .\nCMD ["sh", "-c", "exec npm run prod"]\n',
    }
    assert fired(tmp_path / "s6", files, "F09-S06") == []
    found = fired(tmp_path / "s7", files, "F09-S07")
    assert lines(found) == {("Dockerfile", 3)} and params(found, "manager") == ["npm run prod"]


def test_opposite_readings_of_one_npm_script_name_their_platform(tmp_path):
    """Issue 12 item 9: `web: npm run prod` in a Procfile and `CMD ["npm", "run", "prod"]` in the
    image are both read rightly (the platform signals the Procfile's process group; in the
    container npm is PID 1), and each message says which platform and file it speaks of."""
    from twelve.locale import Catalog

    files = {
        **NPM_APP,
        "package.json": '{"name": "api", "scripts": {"prod": "node server.js"}, "dependencies": {"express": "4.19.2"}}\n',
        "Procfile": "web: npm run prod\n",
        "Dockerfile": 'FROM node:20-slim\nCOPY . .\nEXPOSE 3000\nCMD ["npm", "run", "prod"]\n',
    }
    reaches = fired(tmp_path / "s6", files, "F09-S06")
    stops = fired(tmp_path / "s7", files, "F09-S07")
    assert lines(reaches) == {("Procfile", 1)} and lines(stops) == {("Dockerfile", 4)}
    assert (params(reaches, "runs_in"), params(reaches, "place")) == (["procfile"], ["Procfile:1"])
    assert (params(stops, "runs_in"), params(stops, "place")) == (["image"], ["Dockerfile:4"])
    en, pt = Catalog("en"), Catalog("pt-BR")
    assert "on the Procfile's platform (Procfile:1, `web: npm run prod`)" in en.text(
        "F09-S06.title", **reaches[0].message.param_dict()
    )
    assert "is the app itself" in en.render(reaches[0].message)
    assert "PID 1 in the Docker image (Dockerfile:4)" in en.render(stops[0].message)
    assert "na plataforma do Procfile (Procfile:1)" in pt.render(reaches[0].message)
    assert "o PID 1 na imagem Docker (Dockerfile:4)" in pt.render(stops[0].message)


def test_a_shell_in_an_entrypoint_script_is_placed_in_the_container(tmp_path):
    files = {
        **REQS,
        "Dockerfile": 'FROM python:3.12-slim\nENTRYPOINT ["./start.sh"]\n',
        "start.sh": "#!/bin/sh\ngunicorn app:app\n",
    }
    found = fired(tmp_path, files, "F09-S07")
    assert (params(found, "runs_in"), params(found, "place")) == (["script"], ["start.sh:2"])
    shell = fired(tmp_path / "shell", SHELL_FORM, "F09-S07")
    assert (params(shell, "runs_in"), params(shell, "place")) == (["image"], ["Dockerfile:3"])


def test_s07_npm_advice_writes_the_apps_own_command_in_the_starting_instruction(tmp_path):
    """The advice shows the package script's own command in exec form, in the instruction that
    starts it, not a generic `CMD ["node", "server.js"]`."""
    from twelve.locale import Catalog

    files = {
        **NPM_APP,
        "package.json": '{"name": "api", "scripts": {"start": "node --expose_gc server.mjs"}, '
        '"dependencies": {"express": "4.19.2"}}\n',
        "Dockerfile": 'FROM node:20-slim\nCOPY . .\nENTRYPOINT ["npm", "start"]\n',
    }
    found = fired(tmp_path, files, "F09-S07")
    assert params(found, "exec_form") == ['ENTRYPOINT ["node", "--expose_gc", "server.mjs"]']
    advice = Catalog("en").render(found[0].remediation)
    assert '(`ENTRYPOINT ["node", "--expose_gc", "server.mjs"]`), instead of `npm start`' in advice
    assert "server.js" not in advice
