"""Arbitrary and mutated input never makes a JVM parser raise anything but its documented parse error:
XmlError for XML (pom.xml, web.xml, logback/log4j2), YamlError/ConfigError for application.yml;
Java/Kotlin source, Gradle scripts, lock files and .properties never raise."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fuzzing import FAST, mutations, run_extractor, texty
from twelve.facts import jvm, jvmmanifests, logconfig, springconfig
from twelve.facts.jvmmanifests import XmlError
from twelve.facts.springconfig import ConfigError
from twelve.facts.yamlio import YamlError

SEEDS = {
    "java": (
        "@SpringBootApplication\npublic class A extends SpringBootServletInitializer {\n"
        '  @Value("${DB_URL:jdbc:h2:mem:x}") String url;\n  @Scheduled(fixedRate = 1) void t() {}\n'
        '  void m(HttpSession s) { System.getenv("X"); new ProcessBuilder("convert", "a").start();\n'
        '    DriverManager.getConnection(url); System.out.println("x"); s.setAttribute("a", 1); }\n}\n'
    ),
    "kotlin": (
        '@SpringBootApplication\nclass App(@Value("\\${A}") val a: String) : SmartLifecycle\n'
        'fun main(args: Array<String>) {\n  val h = System.getenv("H") ?: "d"\n  runApplication<App>(*args)\n'
        '  Signal.handle(Signal("TERM")) { exitProcess(0) }\n  File("x").writeText("y")\n}\n'
    ),
    "pom": (
        "<project><parent><groupId>org.springframework.boot</groupId><version>3.4.0</version></parent>"
        "<packaging>war</packaging><properties><v>1</v></properties><dependencies><dependency><groupId>a</groupId>"
        "<artifactId>b</artifactId><version>${v}</version><scope>system</scope><systemPath>/x.jar</systemPath>"
        "</dependency></dependencies><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId>"
        "</plugin></plugins></build></project>"
    ),
    "gradle": (
        "plugins {\n  id 'org.springframework.boot' version '3.4.0'\n  id 'war'\n}\n"
        "repositories { flatDir { dirs 'lib' } }\ndependencies {\n  implementation 'a:b:1.+'\n"
        "  implementation files('lib/x.jar') /* c */\n  testImplementation group: 'g', name: 'n', version: '1'\n}\n"
        "bootJar { enabled = false }\n"
    ),
    "yaml": "server:\n  port: ${PORT:8080}\n  shutdown: graceful\nspring:\n  datasource:\n    url: ${DB:jdbc:h2:mem:x}\n---\n"
    "spring.config.activate.on-profile: dev\nlogging.file.name: x.log\n",
    "properties": "a=1\nb : ${X:${Y:z}}\\\n  more\n#---\nlog4j.appender.f=org.apache.log4j.FileAppender\nlog4j.appender.f.File=x\n"
    "appender.c.type = Console\nrootLogger.appenderRef.c.ref = c\n",
    "logback": (
        '<configuration><property name="D" value="/l"/><include resource="org/springframework/boot/logging/logback/base.xml"/>'
        '<appender name="F" class="ch.qos.logback.core.rolling.RollingFileAppender"><file>${D}/a.log</file></appender>'
        '<springProfile name="dev"><root><appender-ref ref="F"/></root></springProfile></configuration>'
    ),
    "log4j2": (
        '<Configuration><Properties><Property name="d">l</Property></Properties><Appenders><Console name="C"/>'
        '<RollingFile name="R" fileName="${d}/a.log"><Policies/></RollingFile></Appenders>'
        '<Loggers><Root><AppenderRef ref="R"/></Root></Loggers></Configuration>'
    ),
}


@FAST
@given(st.one_of(texty, mutations(SEEDS["java"])))
def test_java_extractor_never_raises(text):
    run_extractor(jvm, "java", text, "src/main/java/A.java")


@FAST
@given(st.one_of(texty, mutations(SEEDS["kotlin"])))
def test_kotlin_extractor_never_raises(text):
    run_extractor(jvm, "kotlin", text, "src/main/kotlin/App.kt")


@FAST
@given(st.one_of(texty, mutations(SEEDS["pom"])))
def test_pom_and_web_xml_raise_only_xml_errors(text):
    run_extractor(jvmmanifests, "maven_pom", text, "pom.xml", (XmlError,))
    run_extractor(jvmmanifests, "java_webxml", text, "src/main/webapp/WEB-INF/web.xml", (XmlError,))


@FAST
@given(st.one_of(texty, mutations(SEEDS["gradle"])))
def test_gradle_scripts_and_locks_never_raise(text):
    run_extractor(jvmmanifests, "gradle_build", text, "build.gradle")
    run_extractor(jvmmanifests, "gradle_build", text, "settings.gradle.kts")
    run_extractor(jvmmanifests, "gradle_lock", text, "gradle.lockfile")


@FAST
@given(st.one_of(texty, mutations(SEEDS["yaml"])))
def test_spring_yaml_raises_only_yaml_or_config_errors(text):
    run_extractor(
        springconfig, "spring_config", text, "src/main/resources/application-prod.yml", (YamlError, ConfigError)
    )


@FAST
@given(st.one_of(texty, mutations(SEEDS["properties"])))
def test_properties_never_raise(text):
    run_extractor(springconfig, "spring_config", text, "src/main/resources/application.properties")
    run_extractor(logconfig, "log_config_properties", text, "src/main/resources/log4j.properties")
    run_extractor(logconfig, "log_config_properties", text, "src/main/resources/log4j2.properties")


@FAST
@given(st.one_of(texty, mutations(SEEDS["logback"]), mutations(SEEDS["log4j2"])))
def test_logging_xml_raises_only_xml_errors(text):
    run_extractor(logconfig, "log_config_xml", text, "src/main/resources/logback-spring.xml", (XmlError,))
    run_extractor(logconfig, "log_config_xml", text, "src/main/resources/log4j2.xml", (XmlError,))


@FAST
@given(st.text(max_size=60))
def test_value_descriptions_never_raise(text):
    info = springconfig.describe_value("spring.datasource.password", text)
    assert info["source"] in ("env", "literal", "other")
    springconfig.placeholders(text)
