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


def params(found, key):
    return [f.message.param_dict()[key] for f in found]


# --- II. Dependencies --------------------------------------------------------------------------------


def test_f02_s5_manifest_wrapper_and_lock(tmp_path):
    found = fired(tmp_path, {"build.gradle": "plugins { id 'java' }\ndependencyLocking { lockAllConfigurations() }\n",
                             "gradlew": "#!/bin/sh\nexec java -jar gradle/wrapper/gradle-wrapper.jar \"$@\"\n",
                             "gradle.lockfile": "org.a:b:1.0=runtimeClasspath\n"}, "F02-S5")
    strengths = sorted(f.strength.value for f in found)
    assert strengths == ["moderate", "strong", "weak"]
    assert ("build.gradle", 1) in lines(found) and ("gradlew", None) in lines(found)
    assert ("gradle.lockfile", 1) in lines(found) and ("build.gradle", 2) in lines(found)


def test_f02_s5_near_miss_without_a_build_file(tmp_path):
    assert fired(tmp_path, {f"{JAVA}/App.java": "class App {}\n", "mvnw": "#!/bin/sh\n"}, "F02-S5") == []


def test_f02_s9_system_scope_on_the_host(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom("""
            <dependency>
              <groupId>com.oracle</groupId>
              <artifactId>ojdbc8</artifactId>
              <version>19.3</version>
              <scope>system</scope>
              <systemPath>/opt/oracle/ojdbc8.jar</systemPath>
            </dependency>""")}, "F02-S9")
    assert lines(found) == {("pom.xml", 19)} and params(found, "dependency") == ["com.oracle:ojdbc8"]


def test_f02_s9_near_miss_jar_inside_the_project(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom("""
            <dependency>
              <groupId>com.acme</groupId>
              <artifactId>legacy</artifactId>
              <version>1.0</version>
              <scope>system</scope>
              <systemPath>${project.basedir}/lib/legacy.jar</systemPath>
            </dependency>""")}, "F02-S9")
    assert found == []


def test_f02_s10_committed_jars_referenced_by_path(tmp_path):
    found = fired(tmp_path, {"build.gradle": "dependencies {\n    implementation files('lib/legacy.jar')\n}\n",
                             "lib/legacy.jar": "PK not really a zip\n"}, "F02-S10")
    assert lines(found) == {("build.gradle", 2)} and params(found, "jars") == ["lib/legacy.jar"]


def test_f02_s10_near_miss_wrapper_jar_and_unreferenced_jars(tmp_path):
    files = {"build.gradle": "dependencies {\n    implementation 'org.a:b:1.0'\n}\n",
             "gradle/wrapper/gradle-wrapper.jar": "PK\n", "docs/sample.jar": "PK\n"}
    assert fired(tmp_path, files, "F02-S10") == []


def test_f02_s19_executable_jar_plugin(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(plugins=BOOT_PLUGIN)}, "F02-S19")
    assert lines(found) == {("pom.xml", 16)} and params(found, "how") == ["spring-boot-maven-plugin (repackage)"]


def test_f02_s19_near_miss_plain_jar(tmp_path):
    found = fired(tmp_path, {"pom.xml": pom(plugins="""
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>maven-jar-plugin</artifactId>
            </plugin>""")}, "F02-S19")
    assert found == []


# --- III. Config -----------------------------------------------------------------------------------------


def test_f03_s5_literal_credentials_in_spring_config(tmp_path):
    found = fired(tmp_path, {f"{RES}/application.properties": (
        "jwt.secret=Zk3v9QpL2xWm7RtY4nBc8HdJ6sFa1GeU\n"
        "spring.datasource.password=postgres\n"
        "stripe.api-key=${STRIPE_KEY:sk_test_9f8e7d6c5b4a3f2e1d0c}\n")}, "F03-S5")
    by_line = {f.locations[0].line: f for f in found}
    assert set(by_line) == {1, 2, 3}
    assert by_line[1].strength.value == "strong" and by_line[2].strength.value == "moderate"  # a trivial password
    assert by_line[3].message.key == "F03-S5.message_default"
    assert "Zk3v9QpL2xWm7RtY4nBc8HdJ6sFa1GeU" not in str(by_line[1].message.params)


def test_f03_s5_near_miss_placeholders_and_dev_profile(tmp_path):
    files = {f"{RES}/application.yml": "jwt:\n  secret: ${JWT_SECRET}\nspring:\n  datasource:\n    password: ${DB_PASSWORD}\n",
             f"{RES}/application-dev.yml": "spring:\n  datasource:\n    password: Xy7Qm2Lp9Kd4Ws8Z\n"}
    assert fired(tmp_path, files, "F03-S5") == []


def test_f03_s13_system_properties_in_code_and_dockerfile(tmp_path):
    found = fired(tmp_path, {
        f"{JAVA}/Db.java": 'class Db { String url = System.getProperty("db.url"); String tmp = System.getProperty("java.io.tmpdir"); }\n',
        "Dockerfile": 'FROM eclipse-temurin:21-jre\nENV JAVA_OPTS="-Xmx512m -Dapp.region=eu-west-1"\n'
                      'CMD ["java", "-Ddb.url=jdbc:postgresql://db/app", "-jar", "app.jar"]\n'}, "F03-S13")
    assert lines(found) == {(f"{JAVA}/Db.java", 1), ("Dockerfile", 2), ("Dockerfile", 3)}
    assert all(f.strength.value == "weak" for f in found)


def test_f03_s13_near_miss_jvm_flags_and_env_reads(tmp_path):
    found = fired(tmp_path, {
        f"{JAVA}/Db.java": 'class Db { String url = System.getenv("DB_URL"); }\n',
        "Dockerfile": 'FROM eclipse-temurin:21-jre\nCMD ["java", "-Djava.security.egd=file:/dev/./urandom", "-Dserver.port=${PORT}", "-jar", "app.jar"]\n'},
        "F03-S13")
    assert found == []


def test_f03_s18_spring_placeholders(tmp_path):
    found = fired(tmp_path, {f"{RES}/application.yml": "spring:\n  datasource:\n    url: ${DATABASE_URL}\nserver:\n  port: ${PORT:8080}\n",
                             f"{JAVA}/Pay.java": 'class Pay { @Value("${PAYMENTS_URL}") String url; }\n'}, "F03-S18")
    assert len(found) == 1 and params(found, "names") == ["DATABASE_URL, PAYMENTS_URL, PORT"]


def test_f03_s18_near_miss_literals_only(tmp_path):
    found = fired(tmp_path, {f"{RES}/application.yml": "spring:\n  application:\n    name: shop\n",
                             f"{RES}/application-dev.yml": "server:\n  port: ${PORT:8080}\n"}, "F03-S18")
    assert found == []


    assert found == []
