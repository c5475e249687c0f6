"""Tests of F07-S07 (rules/f07/injected_server.py): where it fires, and its near misses."""

from __future__ import annotations

from helpers import fired, lines

FLASK_APP = "from flask import Flask\napp = Flask(__name__)\n"
DOCKERFILE = """\
    FROM python:3.12-slim
    WORKDIR /app
    COPY . .
    RUN pip install -r requirements.txt
    EXPOSE 5000
    ENTRYPOINT ["sh", "./entrypoint.sh"]
    """


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


JAVA = "src/main/java/com/acme"


def pom(dependencies: str = "", *, packaging: str = "jar", plugins: str = "", boot: str = "3.3.5") -> str:
    return f"""
        <project>
          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>{boot}</version>
          </parent>
          <artifactId>app</artifactId>
          <packaging>{packaging}</packaging>
          <dependencies>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-web</artifactId>
            </dependency>{dependencies}
          </dependencies>
          <build><plugins>{plugins}</plugins></build>
        </project>
    """


BOOT_PLUGIN = """
            <plugin>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-maven-plugin</artifactId>
            </plugin>"""


def params_jvm(found, key):
    return [f.message.param_dict()[key] for f in found]


def test_fires_for_mod_wsgi_and_php_apache_images(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": FLASK_APP,
        "deploy/site.conf": "<VirtualHost *:80>\n    WSGIScriptAlias / /srv/app/wsgi.py\n</VirtualHost>\n",
    }
    found = fired(tmp_path, files, "F07-S07")
    assert lines(found) == {("deploy/site.conf", 2)}
    assert params(found, "server") == ["Apache mod_wsgi"]
    php = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": FLASK_APP,
        "Dockerfile": "FROM php:8.2-apache\nCOPY . /var/www/html\n",
    }
    assert ("Dockerfile", 1) in lines(fired(tmp_path / "php", php, "F07-S07"))


def test_ignores_a_uwsgi_proxy_and_a_python_image(tmp_path):
    files = {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": FLASK_APP,
        "deploy/nginx.conf": "location / {\n    uwsgi_pass app:3031;\n}\n",
        "Dockerfile": DOCKERFILE,
    }
    assert fired(tmp_path, files, "F07-S07") == []


def test_war_copied_into_a_servlet_container(tmp_path):
    found = fired(
        tmp_path,
        {
            "pom.xml": pom(packaging="war"),
            "Dockerfile": "FROM maven:3.9 AS build\nRUN mvn package\n"
            "FROM tomcat:10.1-jdk17\nCOPY --from=build /target/app.war /usr/local/tomcat/webapps/ROOT.war\n",
        },
        "F07-S07",
    )
    assert lines(found) == {("pom.xml", 8), ("Dockerfile", 3), ("Dockerfile", 4)}
    assert params_jvm(found, "image") == ["tomcat:10.1-jdk17"]


def test_servlet_initializer_with_provided_tomcat(tmp_path):
    found = fired(
        tmp_path,
        {
            "pom.xml": pom(
                """
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-tomcat</artifactId>
              <scope>provided</scope>
            </dependency>""",
                packaging="war",
            ),
            f"{JAVA}/App.java": "@SpringBootApplication\npublic class App extends SpringBootServletInitializer {}\n",
        },
        "F07-S07",
    )
    assert [f.message.key for f in found] == ["F07-S07.message_initializer"]


def test_near_miss_executable_war_run_with_java_jar(tmp_path):
    found = fired(
        tmp_path,
        {
            "pom.xml": pom(
                """
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-tomcat</artifactId>
              <scope>provided</scope>
            </dependency>""",
                packaging="war",
                plugins=BOOT_PLUGIN,
            ),
            f"{JAVA}/App.java": "@SpringBootApplication\npublic class App extends SpringBootServletInitializer {}\n",
            "Dockerfile": 'FROM eclipse-temurin:21-jre\nCOPY target/app.war /app.war\nENTRYPOINT ["java", "-jar", "/app.war"]\n',
        },
        "F07-S07",
    )
    assert found == []
