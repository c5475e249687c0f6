"""F05-AP03: nothing builds, releases or runs the app (or only a packaging definition does)."""

from __future__ import annotations

from helpers import fired, lines

REQ = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
}
DOCKER = 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "app:app"]\n'
LINT_WF = """
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install -r requirements.txt
      - run: pytest -q
"""
PUBLISH_WF = """
on:
  push:
    tags: ["v*"]
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: docker build -t ghcr.io/acme/app:latest . && docker push ghcr.io/acme/app:latest
"""
README = "# rota\n\nRun:\n\n    pip install -r requirements.txt\n    python app.py\n"
POM = """
<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>greeter</artifactId>
  <version>1.0.0</version>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.3.0</version>
  </parent>
  <dependencies>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
"""
JAVA = {
    "pom.xml": POM,
    "src/main/java/com/acme/App.java": "package com.acme;\n@SpringBootApplication\npublic class App {}\n",
}


def test_ap03_fires_strong_without_any_definition(tmp_path):
    found = fired(tmp_path, {**REQ, "README.md": README}, "F05-AP03", tags=("v1.0",))
    assert [(f.strength.value, f.polarity.value) for f in found] == [("strong", "against")]
    assert lines(found) == {(".", None)}


def test_ap03_a_pipeline_that_only_tests_is_no_release(tmp_path):
    found = fired(tmp_path, {**REQ, ".github/workflows/ci.yml": LINT_WF}, "F05-AP03")
    assert [f.strength.value for f in found] == ["strong"]


def test_ap03_is_moderate_for_a_packaging_definition_alone(tmp_path):
    found = fired(tmp_path, JAVA, "F05-AP03")
    assert [(f.strength.value, f.message.key) for f in found] == [("moderate", "F05-AP03.message_packaging")]
    assert lines(found) == {("pom.xml", 19)}
    assert "spring-boot-maven-plugin" in found[0].message.param_dict()["how"]


def test_ap03_near_miss_a_dockerfile(tmp_path):
    assert fired(tmp_path, {**REQ, "Dockerfile": DOCKER}, "F05-AP03") == []


def test_ap03_near_miss_a_pipeline_that_publishes(tmp_path):
    assert fired(tmp_path, {**REQ, ".github/workflows/publish.yml": PUBLISH_WF}, "F05-AP03") == []


def test_ap03_near_miss_a_procfile(tmp_path):
    assert fired(tmp_path, {**REQ, "Procfile": "web: gunicorn app:app\n"}, "F05-AP03") == []


def test_ap03_near_miss_a_documented_deploy(tmp_path):
    guide = (
        "# App\n\n## Deploy to production\n\n```bash\nssh deploy@host\ngit clone https://example.com/app.git\n"
        "pip install -r requirements.txt\ngunicorn app:app\n```\n"
    )
    assert fired(tmp_path, {**REQ, "README.md": guide}, "F05-AP03") == []


def test_ap03_near_miss_a_deploy_descriptor_twelve_does_not_read(tmp_path):
    # a serverless or PaaS descriptor, or Kamal's config/deploy.yml, defines the build and the run
    assert fired(tmp_path / "vercel", {**REQ, "vercel.json": "{}\n"}, "F05-AP03") == []
    assert fired(tmp_path / "kamal", {**REQ, "config/deploy.yml": "service: app\nimage: acme/app\n"}, "F05-AP03") == []
    # one kept with an example is not the app's
    assert fired(tmp_path / "example", {**REQ, "examples/demo/netlify.toml": "[build]\n"}, "F05-AP03") != []
