"""F02-S09: a Maven dependency the host must provide (system scope)."""

from __future__ import annotations

from helpers import fired, lines


def pom(dependency: str) -> str:
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
            </dependency>{dependency}
          </dependencies>
          <build><plugins></plugins></build>
        </project>
    """


def test_s09_fires_for_a_system_scope_jar_on_the_host(tmp_path):
    found = fired(
        tmp_path,
        {
            "pom.xml": pom("""
            <dependency>
              <groupId>com.oracle</groupId>
              <artifactId>ojdbc8</artifactId>
              <version>19.3</version>
              <scope>system</scope>
              <systemPath>/opt/oracle/ojdbc8.jar</systemPath>
            </dependency>""")
        },
        "F02-S09",
    )
    assert lines(found) == {("pom.xml", 19)}
    assert [f.message.param_dict()["dependency"] for f in found] == ["com.oracle:ojdbc8"]


def test_s09_is_silent_for_a_jar_inside_the_project(tmp_path):
    found = fired(
        tmp_path,
        {
            "pom.xml": pom("""
            <dependency>
              <groupId>com.acme</groupId>
              <artifactId>legacy</artifactId>
              <version>1.0</version>
              <scope>system</scope>
              <systemPath>${project.basedir}/lib/legacy.jar</systemPath>
            </dependency>""")
        },
        "F02-S09",
    )
    assert found == []
