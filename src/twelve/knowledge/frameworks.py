"""What twelve knows about frameworks' defaults that decide how a process stops and where it logs:
Spring Boot's graceful shutdown and console logging, Rails' production log file, Celery's
acknowledgement settings. Framework defaults count as evidence (12factor.net and the verdict
rubric): an app that relies on a default that already does the right thing needs no code."""

from __future__ import annotations

# --- the JVM: Maven/Gradle scopes and Spring Boot ---------------------------------------------------

#: dependency scopes whose artifacts the running process does not bundle (a servlet container or
#: the machine provides them)
JVM_UNBUNDLED_SCOPES = frozenset(
    {"provided", "providedRuntime", "providedCompile", "compileOnly", "compileOnlyApi", "system"}
)
#: build kinds of JVM manifests
JVM_BUILD_KINDS = frozenset({"maven", "gradle"})
#: Spring Boot starters that bring an embedded web server, and how a message names them
SPRING_SERVER_STARTERS = {
    "org.springframework.boot:spring-boot-starter-web": "spring-boot-starter-web",
    "org.springframework.boot:spring-boot-starter-webflux": "spring-boot-starter-webflux",
    "org.springframework.boot:spring-boot-starter-jetty": "spring-boot-starter-jetty",
    "org.springframework.boot:spring-boot-starter-undertow": "spring-boot-starter-undertow",
    "org.springframework.boot:spring-boot-starter-tomcat": "spring-boot-starter-tomcat",
    "org.springframework.boot:spring-boot-starter-reactor-netty": "spring-boot-starter-reactor-netty",
}
#: the prefix of every Spring Boot starter's coordinates
SPRING_STARTER_PREFIX = "org.springframework.boot:spring-boot-starter"
#: the setting that chooses graceful or immediate shutdown, and the one that bounds it
SPRING_SHUTDOWN_SETTING = "server.shutdown"
SPRING_SHUTDOWN_TIMEOUT_SETTING = "spring.lifecycle.timeout-per-shutdown-phase"
#: the Spring Boot version whose embedded server shuts down gracefully by default
SPRING_GRACEFUL_BY_DEFAULT_SINCE = (3, 4)

# --- Rails --------------------------------------------------------------------------------------------

#: the variable that sends Rails' log to STDOUT in apps generated before Rails 7.1
RAILS_LOG_TO_STDOUT = "RAILS_LOG_TO_STDOUT"
#: the file Rails' default production logger writes, the file whose settings decide it, and the setting
RAILS_DEFAULT_LOG = "log/production.log"
RAILS_PRODUCTION_CONFIG = "config/environments/production.rb"
RAILS_LOGGER_SETTING = "config.logger"

# --- Celery -------------------------------------------------------------------------------------------

#: settings (new and old names) that acknowledge a job after it ran, and that give it back when the worker dies
CELERY_ACKS_LATE = frozenset({"task_acks_late", "CELERY_TASK_ACKS_LATE", "CELERY_ACKS_LATE", "acks_late"})
CELERY_REJECT_ON_WORKER_LOST = frozenset({"task_reject_on_worker_lost", "CELERY_TASK_REJECT_ON_WORKER_LOST"})

__all__ = [
    "CELERY_ACKS_LATE",
    "CELERY_REJECT_ON_WORKER_LOST",
    "JVM_BUILD_KINDS",
    "JVM_UNBUNDLED_SCOPES",
    "RAILS_DEFAULT_LOG",
    "RAILS_LOGGER_SETTING",
    "RAILS_LOG_TO_STDOUT",
    "RAILS_PRODUCTION_CONFIG",
    "SPRING_GRACEFUL_BY_DEFAULT_SINCE",
    "SPRING_SERVER_STARTERS",
    "SPRING_SHUTDOWN_SETTING",
    "SPRING_SHUTDOWN_TIMEOUT_SETTING",
    "SPRING_STARTER_PREFIX",
]
