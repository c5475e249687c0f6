"""F02-S14: the build produces an artifact carrying its dependencies (Python images, Go, JVM)."""

from __future__ import annotations

from helpers import fired, lines

FLASK_APP = "import flask\napp = flask.Flask(__name__)\n"
DOCKER = 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'
GO_MOD = {"go.mod": "module github.com/acme/api\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.5.5\n"}
GO_SUM = {"go.sum": "github.com/jackc/pgx/v5 v5.5.5 h1:amBjrZVmksIdNjxGu/UpCDBp8Y/nxNSCb6xl5lcr7zE=\n"}
MAIN_GO = {"main.go": 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n'}


def pom(plugins: str) -> str:
    return f"""
        <project>
          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>3.3.5</version>
          </parent>
          <artifactId>app</artifactId>
          <packaging>jar</packaging>
          <dependencies>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-web</artifactId>
            </dependency>
          </dependencies>
          <build><plugins>{plugins}</plugins></build>
        </project>
    """


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


def test_s14_fires_when_the_image_installs_from_the_manifest(tmp_path):
    found = fired(
        tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP, "Dockerfile": DOCKER}, "F02-S14"
    )
    assert lines(found) == {("Dockerfile", 3)} and found[0].message.key == "F02-S14.message"


def test_s14_is_silent_when_the_image_installs_by_name(tmp_path):
    docker = "FROM python:3.12-slim\nRUN pip install flask\nCOPY . .\n"
    assert (
        fired(tmp_path, {"requirements.txt": "flask==3.0.0\n", "app.py": FLASK_APP, "Dockerfile": docker}, "F02-S14")
        == []
    )


def test_s14_go_fires_for_a_static_build_on_distroless(tmp_path):
    dockerfile = {
        "Dockerfile": """
        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -mod=readonly -o /out/api .

        FROM gcr.io/distroless/static-debian12
        COPY --from=build /out/api /api
        ENTRYPOINT ["/api"]
        """
    }
    found = fired(tmp_path, {**GO_MOD, **GO_SUM, **MAIN_GO, **dockerfile}, "F02-S14")
    assert len(found) == 1 and {("Dockerfile", 4), ("Dockerfile", 6)} <= lines(found)
    assert found[0].message.key == "F02-S14.message_go" and found[0].strength.value == "moderate"
    assert _params(found, "how") == ["CGO_ENABLED=0, go build -mod=readonly, FROM gcr.io/distroless/static-debian12"]


def test_s14_go_is_silent_for_a_plain_golang_image(tmp_path):
    dockerfile = {"Dockerfile": 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n'}
    assert fired(tmp_path, {**GO_MOD, **GO_SUM, **MAIN_GO, **dockerfile}, "F02-S14") == []


def test_s14_java_fires_for_an_executable_jar_plugin(tmp_path):
    plugin = """
            <plugin>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-maven-plugin</artifactId>
            </plugin>"""
    found = fired(tmp_path, {"pom.xml": pom(plugin)}, "F02-S14")
    assert lines(found) == {("pom.xml", 16)} and _params(found, "how") == ["spring-boot-maven-plugin (repackage)"]
    assert found[0].message.key == "F02-S14.message_java" and found[0].strength.value == "moderate"


def test_s14_java_is_silent_for_a_plain_jar(tmp_path):
    plugin = """
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>maven-jar-plugin</artifactId>
            </plugin>"""
    assert fired(tmp_path, {"pom.xml": pom(plugin)}, "F02-S14") == []
