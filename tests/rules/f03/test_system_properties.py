"""F03-S13: Java system properties as a config channel."""

from __future__ import annotations

from helpers import fired, lines

JAVA = "src/main/java/com/acme"


def test_s13_fires_for_system_properties_in_code_and_dockerfile(tmp_path):
    found = fired(
        tmp_path,
        {
            f"{JAVA}/Db.java": 'class Db { String url = System.getProperty("db.url"); String tmp = System.getProperty("java.io.tmpdir"); }\n',
            "Dockerfile": 'FROM eclipse-temurin:21-jre\nENV JAVA_OPTS="-Xmx512m -Dapp.region=eu-west-1"\n'
            'CMD ["java", "-Ddb.url=jdbc:postgresql://db/app", "-jar", "app.jar"]\n',
        },
        "F03-S13",
    )
    assert lines(found) == {(f"{JAVA}/Db.java", 1), ("Dockerfile", 2), ("Dockerfile", 3)}
    assert all(f.strength.value == "weak" for f in found)
    assert {f.message.param_dict()["what"] for f in found} == {
        'System.getProperty("db.url")',
        "JAVA_OPTS=-Dapp.region=eu-west-1",
        "-Ddb.url=jdbc:postgresql://db/app",
    }


def test_s13_is_silent_for_jvm_flags_and_env_reads(tmp_path):
    found = fired(
        tmp_path,
        {
            f"{JAVA}/Db.java": 'class Db { String url = System.getenv("DB_URL"); }\n',
            "Dockerfile": 'FROM eclipse-temurin:21-jre\nCMD ["java", "-Djava.security.egd=file:/dev/./urandom", "-Dserver.port=${PORT}", "-jar", "app.jar"]\n',
        },
        "F03-S13",
    )
    assert found == []
