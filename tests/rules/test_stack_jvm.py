"""Java / Kotlin stack rules (rules/stack_jvm.py): one firing and one near-miss test per rule."""

from __future__ import annotations

from helpers import fired, lines

RES = "src/main/resources"
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
APP = {f"{JAVA}/App.java": """
    package com.acme;

    @SpringBootApplication
    public class App {
        public static void main(String[] args) { SpringApplication.run(App.class, args); }
    }
"""}
JAR_DOCKERFILE = {"Dockerfile": """
    FROM eclipse-temurin:21-jre
    COPY target/app.jar /app/app.jar
    ENTRYPOINT ["java", "-jar", "/app/app.jar"]
"""}


def params(found, key):
    return [f.message.param_dict()[key] for f in found]


# --- IV. Backing services ----------------------------------------------------------------------------------


def test_f04_s4_datasource_from_environment(tmp_path):
    found = fired(tmp_path, {f"{RES}/application.yml": (
        "spring:\n  datasource:\n    url: ${JDBC_DATABASE_URL}\n  data:\n    redis:\n    "
        "  url: ${REDIS_URL}\n")}, "F04-S4")
    assert lines(found) == {(f"{RES}/application.yml", 3), (f"{RES}/application.yml", 6)}
    assert sorted(params(found, "names")) == ["JDBC_DATABASE_URL", "REDIS_URL"]


def test_f04_s4_near_miss_literal_url(tmp_path):
    found = fired(tmp_path, {f"{RES}/application.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db.internal/app\n"},
                  "F04-S4")
    assert found == []


# --- VI. Processes ----------------------------------------------------------------------------------------

CART = {f"{JAVA}/Cart.java": """
    @RestController
    class Cart {
        @PostMapping("/cart")
        void add(HttpSession session) { session.setAttribute("cart", 1); }
    }
"""}


def test_f06_s4_http_session_without_spring_session(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(), **CART}, "F06-S4")
    assert lines(found) == {(f"{JAVA}/Cart.java", 4)}


def test_f06_s4_near_miss_with_spring_session(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom("""
            <dependency>
              <groupId>org.springframework.session</groupId>
              <artifactId>spring-session-data-redis</artifactId>
            </dependency>"""), **CART}, "F06-S4")
    assert found == []


# --- VII. Port binding ---------------------------------------------------------------------------------------


def test_f07_s4_embedded_server_and_executable_jar(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(plugins=BOOT_PLUGIN), **JAR_DOCKERFILE,
                             f"{RES}/application.yml": "server:\n  port: ${PORT:8080}\n"}, "F07-S4")
    assert ("pom.xml", 10) in lines(found) and ("pom.xml", 16) in lines(found) and (f"{RES}/application.yml", 2) in lines(found)
    assert params(found, "starter") == ["spring-boot-starter-web"] and params(found, "port") == ["${PORT:8080}"]


def test_f07_s4_near_miss_war_in_tomcat(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(packaging="war", plugins=BOOT_PLUGIN),
                             "Dockerfile": "FROM tomcat:10.1\nCOPY target/app.war /usr/local/tomcat/webapps/ROOT.war\n"},
                  "F07-S4")
    assert found == []


def test_f07_s7_war_copied_into_a_servlet_container(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(packaging="war"),
                             "Dockerfile": "FROM maven:3.9 AS build\nRUN mvn package\n"
                                           "FROM tomcat:10.1-jdk17\nCOPY --from=build /target/app.war /usr/local/tomcat/webapps/ROOT.war\n"},
                  "F07-S7")
    assert lines(found) == {("pom.xml", 8), ("Dockerfile", 3), ("Dockerfile", 4)}
    assert params(found, "image") == ["tomcat:10.1-jdk17"]


def test_f07_s7_servlet_initializer_with_provided_tomcat(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom("""
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-tomcat</artifactId>
              <scope>provided</scope>
            </dependency>""", packaging="war"),
        f"{JAVA}/App.java": "@SpringBootApplication\npublic class App extends SpringBootServletInitializer {}\n"}, "F07-S7")
    assert [f.message.key for f in found] == ["F07-S7.message_initializer"]


def test_f07_s7_near_miss_executable_war_run_with_java_jar(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom("""
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-tomcat</artifactId>
              <scope>provided</scope>
            </dependency>""", packaging="war", plugins=BOOT_PLUGIN),
        f"{JAVA}/App.java": "@SpringBootApplication\npublic class App extends SpringBootServletInitializer {}\n",
        "Dockerfile": 'FROM eclipse-temurin:21-jre\nCOPY target/app.war /app.war\nENTRYPOINT ["java", "-jar", "/app.war"]\n'},
        "F07-S7")
    assert found == []


# --- IX. Disposability ---------------------------------------------------------------------------------------


def test_f09_s4_graceful_setting(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(), f"{RES}/application.properties":
                             "server.shutdown=graceful\nspring.lifecycle.timeout-per-shutdown-phase=20s\n"}, "F09-S4")
    assert lines(found) == {(f"{RES}/application.properties", 1), (f"{RES}/application.properties", 2)}
    assert params(found, "timeout") == ["20s"]


def test_f09_s4_framework_default_from_spring_boot_3_4(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(boot="3.4.2")}, "F09-S4")
    assert [f.message.key for f in found] == ["F09-S4.message_default"] and params(found, "how") == ["Spring Boot 3.4.2"]


def test_f09_s4_near_miss_older_boot_without_setting(tmp_path):
    assert fired(tmp_path, {"pom.xml": pom(boot="3.3.5")}, "F09-S4") == []


def test_f09_s4b_immediate_shutdown(tmp_path):
    found = fired(tmp_path, {f"{RES}/application.yml": "server:\n  shutdown: immediate\n"}, "F09-S4b")
    assert lines(found) == {(f"{RES}/application.yml", 2)}


def test_f09_s4b_near_miss_only_in_dev_profile(tmp_path):
    found = fired(tmp_path, {f"{RES}/application-local.yml": "server:\n  shutdown: immediate\n",
                             f"{RES}/application.yml": "server:\n  shutdown: graceful\n"}, "F09-S4b")
    assert found == []


# --- X. Dev/prod parity ---------------------------------------------------------------------------------------


def test_f10_s7_generic_h2_in_dev_profile_postgres_in_prod(tmp_path):
    found = fired(tmp_path, {f"{RES}/application-dev.yml": "spring:\n  datasource:\n    url: jdbc:h2:mem:app\n",
                             f"{RES}/application.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n"},
                  "F10-S7")
    assert lines(found) == {(f"{RES}/application-dev.yml", 3), (f"{RES}/application.yml", 3)}
    assert params(found, "embedded") == ["H2"] and params(found, "engine") == ["PostgreSQL"]
    assert found[0].scope.value == "production" and found[0].strength.value == "strong"


def test_f10_s7_generic_test_scoped_h2_next_to_a_postgres_driver(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom("""
            <dependency>
              <groupId>org.postgresql</groupId>
              <artifactId>postgresql</artifactId>
              <scope>runtime</scope>
            </dependency>
            <dependency>
              <groupId>com.h2database</groupId>
              <artifactId>h2</artifactId>
              <scope>test</scope>
            </dependency>""")}, "F10-S7")
    assert [f.message.key for f in found] == ["F10-S7.message_dependency"] and found[0].strength.value == "moderate"


def test_f10_s7_generic_near_miss_testcontainers_and_same_engine(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom("""
            <dependency>
              <groupId>org.postgresql</groupId>
              <artifactId>postgresql</artifactId>
            </dependency>
            <dependency>
              <groupId>org.testcontainers</groupId>
              <artifactId>postgresql</artifactId>
              <scope>test</scope>
            </dependency>"""),
        f"{RES}/application-dev.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://localhost:5432/app\n"}, "F10-S7")
    assert found == []


# --- XI. Logs ------------------------------------------------------------------------------------------------


def test_f11_s4_logback_file_appender_and_spring_log_file(tmp_path):
    found = fired(tmp_path, {
        f"{RES}/logback.xml": """
            <configuration>
              <appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
                <file>/var/log/app/app.log</file>
              </appender>
              <root level="INFO"><appender-ref ref="FILE"/></root>
            </configuration>
        """,
        f"{RES}/application.properties": "logging.file.path=/var/log/app\n"}, "F11-S4")
    assert lines(found) == {(f"{RES}/logback.xml", 2), (f"{RES}/application.properties", 1)}
    assert sorted(params(found, "handler")) == ["RollingFileAppender", "logging.file.path"]


def test_f11_s4_near_miss_unreferenced_and_dev_only_appenders(tmp_path):
    found = fired(tmp_path, {f"{RES}/logback-spring.xml": """
        <configuration>
          <appender name="FILE" class="ch.qos.logback.core.FileAppender"><file>a.log</file></appender>
          <appender name="DEV" class="ch.qos.logback.core.FileAppender"><file>dev.log</file></appender>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender"/>
          <springProfile name="dev"><root><appender-ref ref="DEV"/></root></springProfile>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
    """}, "F11-S4")
    assert found == []


def test_f11_s11j_console_appender(tmp_path):
    found = fired(tmp_path, {f"{RES}/log4j2.xml": """
        <Configuration>
          <Appenders><Console name="Out" target="SYSTEM_OUT"/></Appenders>
          <Loggers><Root level="info"><AppenderRef ref="Out"/></Root></Loggers>
        </Configuration>
    """}, "F11-S11j")
    assert lines(found) == {(f"{RES}/log4j2.xml", 2)} and params(found, "evidence") == ["Console → stdout"]


def test_f11_s11j_spring_boot_default(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(), **APP}, "F11-S11j")
    assert [f.message.key for f in found] == ["F11-S11j.message_default"]


def test_f11_s11j_near_miss_log_file_configured(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(), **APP, f"{RES}/application.yml": "logging:\n  file:\n    name: app.log\n"},
                  "F11-S11j")
    assert found == []
