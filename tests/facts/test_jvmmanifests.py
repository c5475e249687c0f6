"""Facts from Maven and Gradle builds, Gradle lock files and web.xml (facts/jvmmanifests.py)."""

from __future__ import annotations

import pytest

from helpers import extract_text, of
from twelve.facts.jvmmanifests import XmlError, parse_xml

MODULE = "twelve.facts.jvmmanifests"


def facts(text: str, path: str):
    return extract_text(MODULE, path, text)


POM = """
    <?xml version="1.0" encoding="UTF-8"?>
    <project xmlns="http://maven.apache.org/POM/4.0.0">
      <parent>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-starter-parent</artifactId>
        <version>3.4.1</version>
      </parent>
      <artifactId>orders</artifactId>
      <packaging>war</packaging>
      <properties>
        <ojdbc.version>19.3.0.0</ojdbc.version>
      </properties>
      <dependencies>
        <dependency>
          <groupId>org.springframework.boot</groupId>
          <artifactId>spring-boot-starter-web</artifactId>
        </dependency>
        <dependency>
          <groupId>com.oracle.database.jdbc</groupId>
          <artifactId>ojdbc8</artifactId>
          <version>${ojdbc.version}</version>
          <scope>system</scope>
          <systemPath>/opt/oracle/ojdbc8.jar</systemPath>
        </dependency>
        <dependency>
          <groupId>junit</groupId>
          <artifactId>junit</artifactId>
          <version>[4.0,5.0)</version>
          <scope>test</scope>
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


def test_pom_manifest_packaging_parent_and_plugins():
    found = facts(POM, "pom.xml")
    manifest = of(found, "dep.manifest")[0]
    assert manifest.line == 2 and manifest.get("ecosystem") == "java" and manifest.get("kind") == "maven"
    assert manifest.get("packaging") == "war" and manifest.get("packaging_line") == 9
    assert manifest.get("spring_boot_version") == "3.4.1" and manifest.get("count") == 3
    plugin = manifest.get("plugins")[0]
    assert plugin["name"] == "org.springframework.boot:spring-boot-maven-plugin" and plugin["line"] == 34


def test_pom_dependencies_with_scopes_versions_and_system_path():
    deps = {d.get("name"): d for d in of(facts(POM, "pom.xml"), "dep.declared")}
    web = deps["org.springframework.boot:spring-boot-starter-web"]
    assert web.line == 14 and web.get("scope") == "compile" and web.get("managed") and web.get("pinned")
    ojdbc = deps["com.oracle.database.jdbc:ojdbc8"]
    assert ojdbc.get("spec") == "19.3.0.0" and ojdbc.get("scope") == "system"
    assert ojdbc.get("system_path") == "/opt/oracle/ojdbc8.jar" and ojdbc.get("system_path_line") == 23
    junit = deps["junit:junit"]
    assert junit.get("group") == "test" and not junit.get("pinned")


def test_gradle_build_plugins_dependencies_and_local_jars():
    found = facts(
        """
        plugins {
            id 'org.springframework.boot' version '3.4.1'
            id 'java'
        }
        repositories {
            mavenCentral()
            flatDir { dirs 'lib' }
        }
        dependencyLocking { lockAllConfigurations() }
        dependencies {
            implementation 'org.springframework.boot:spring-boot-starter-web'
            implementation files('lib/legacy.jar') // vendored
            runtimeOnly("org.postgresql:postgresql:42.7.4")
            testImplementation group: 'com.h2database', name: 'h2', version: '2.2.224'
            implementation project(':core')
        }
    """,
        "build.gradle",
    )
    manifest = of(found, "dep.manifest")[0]
    assert manifest.get("kind") == "gradle" and manifest.get("packaging") == "jar"
    assert manifest.get("spring_boot_version") == "3.4.1" and manifest.get("locking") == 9
    assert manifest.get("flat_dirs") == [{"line": 7, "dirs": ["lib"]}]
    deps = {d.get("name"): d for d in of(found, "dep.declared")}
    assert set(deps) == {
        "org.springframework.boot:spring-boot-starter-web",
        "files:lib/legacy.jar",
        "org.postgresql:postgresql",
        "com.h2database:h2",
    }
    assert deps["files:lib/legacy.jar"].get("local") == "lib/legacy.jar" and deps["files:lib/legacy.jar"].line == 12
    assert (
        deps["org.postgresql:postgresql"].get("spec") == "42.7.4"
        and deps["org.postgresql:postgresql"].get("scope") == "runtimeOnly"
    )
    assert deps["com.h2database:h2"].get("group") == "test"


def test_gradle_kotlin_dsl_war_and_disabled_boot_jar():
    found = facts(
        """
        plugins {
            id("org.springframework.boot") version "3.2.0"
            war
        }
        dependencies {
            providedRuntime("org.springframework.boot:spring-boot-starter-tomcat")
        }
        tasks.bootJar { enabled = false }
    """,
        "build.gradle.kts",
    )
    manifest = of(found, "dep.manifest")[0]
    assert manifest.get("packaging") == "war" and manifest.get("packaging_line") == 3
    assert manifest.get("disabled_tasks") == ["bootJar"]
    assert of(found, "dep.declared")[0].get("scope") == "providedRuntime"


def test_commented_out_dependencies_are_ignored():
    found = facts(
        """
        dependencies {
            // implementation 'a:b:1'
            /* implementation 'c:d:1'
               implementation 'e:f:1' */
            implementation 'g:h:1'
        }
    """,
        "build.gradle",
    )
    assert [d.get("name") for d in of(found, "dep.declared")] == ["g:h"]


def test_settings_and_lock_files():
    settings = facts('rootProject.name = "shop"\ninclude("api", ":worker")\n', "settings.gradle.kts")
    assert settings[0].get("kind") == "gradle_settings" and settings[0].get("includes") == ["api", "worker"]
    lock = facts("# generated\norg.a:b:1.0=compileClasspath\norg.c:d:2.0=runtimeClasspath\nempty=\n", "gradle.lockfile")
    assert (
        lock[0].kind == "dep.lock" and lock[0].get("packages") == ["org.a:b", "org.c:d"] and lock[0].get("count") == 2
    )


def test_web_xml_servlets_and_sessions():
    found = facts(
        """
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          <servlet>
            <servlet-name>app</servlet-name>
            <servlet-class>com.acme.AppServlet</servlet-class>
          </servlet>
          <session-config>
            <session-timeout>30</session-timeout>
          </session-config>
        </web-app>
    """,
        "src/main/webapp/WEB-INF/web.xml",
    )
    assert of(found, "web.app")[0].get("servlets") == ["com.acme.AppServlet"]
    session = of(found, "session.store")[0]
    assert session.line == 6 and session.get("store") == "memory"


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><project>&b;</project>',
        '<?xml version="1.0"?><!DOCTYPE project SYSTEM "http://example.invalid/x.dtd"><project/>',
        "<project><unclosed></project>",
        "<notapom/>",
    ],
)
def test_refused_or_malformed_xml_is_a_parse_error(text):
    with pytest.raises(XmlError):
        facts(text, "pom.xml")
    assert issubclass(XmlError, ValueError)  # reported as parse_error in coverage


def test_deep_nesting_is_refused():
    with pytest.raises(XmlError):
        parse_xml("<a>" * 500 + "</a>" * 500)
