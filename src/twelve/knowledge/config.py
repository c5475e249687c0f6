"""Configuration: the names that hold credentials in each stack, the names of environments and
of per-environment settings, the variables that are not deploy config, and the JVM's own
system properties (12factor.net III: config that varies between deploys lives in the environment).

The credential-name patterns differ per language on purpose: each was tuned on that language's
conventions (Go's `key`/`dsn` constants, Spring's dotted `api-key` properties)."""

from __future__ import annotations

import re

#: setting and variable names that hold a credential (Python settings, env reads, Dockerfiles, compose)
SECRET_NAME = re.compile(
    r"(?i)(^|_|\b)(secret(_?key)?|password|passwd|pwd|token|api_?key|private_?key|access_?key(_id)?|secret_access_key|"
    r"client_secret|signing_key|encryption_key|credentials?|auth_?key|jwt_?secret)$"
)
#: the same, for JavaScript/TypeScript option keys and settings (`password`, `apiKey`, `accessKeyId`)
NODE_SECRET_NAME = re.compile(
    r"(?i)(pass(word|wd)?|pwd|secret\w*|token|api_?key|private_?key|access_?key\w*|credentials?|"
    r"signing_?key|encryption_?key)$"
)
#: the same, for Go constants and variables (`jwtKey`, `dbDSN`, `databaseURL`)
GO_SECRET_NAME = re.compile(
    r"(?i)(secret|passw(or)?d|passwd|pwd|token|key|credentials?|signing_?key|"
    r"auth_?key|dsn|database_?url|db_?url)$"
)
#: the same, for the last segment of a Spring property (`spring.datasource.password`, `stripe.api-key`)
SPRING_SECRET_NAME = re.compile(
    r"(?i)(password|passwd|pwd|secret|api[-_.]?key|apikey|token|private[-_.]?key|"
    r"client[-_.]?secret|credentials?|signing[-_.]?key|encryption[-_.]?key|access[-_.]?key|"
    r"secret[-_.]?key)([-_.]?(id|value))?$"
)

#: settings classes for development or tests (their literals are not production config)
DEV_CLASS = re.compile(r"(?i)(dev|development|test|testing|local|debug)")
#: settings classes named after an environment (`ProductionConfig`, `SettingsStaging`)
ENVIRONMENT_CLASS = re.compile(
    r"(?i)^(prod|production|staging|stage|dev|development|test|testing|local|qa|uat|preprod)\w*"
    r"(config|settings)$|(config|settings)(prod|production|staging|dev|development|test|local)$"
)
#: settings modules named after a deployed environment (`settings/production.py`, `prod_settings.py`)
ENVIRONMENT_SETTINGS_FILE = re.compile(
    r"(^|/)settings[/_.-](prod|production|staging|stage|qa|uat)\w*\.py$|"
    r"(^|/)(prod|production|staging)_?settings\.py$"
)
#: environment reads that fail when the variable is missing (Python `os.environ[...]`, Ruby
#: `ENV.fetch` without a default, NestJS `ConfigService.getOrThrow`), by the end of their API name
STRICT_READS = ("environ", "ENV.fetch", "getOrThrow")
#: image variables that are runtime or tooling switches, not deploy config
NOT_CONFIG_VARIABLES = re.compile(
    r"(?i)^(PORT|PYTHON\w*|NODE_ENV|RAILS_ENV|\w*_ENV|PATH|HOME|LANG|LC_\w+|TZ|DEBIAN_FRONTEND|"
    r"PIP_\w+|POETRY_\w+|UV_\w+)$"
)
#: env files that hold a deploy's values (copied into an image, they bake config into it)
DEPLOY_ENV_FILES = (".env", ".env.production", ".env.local")
#: a production settings folder copied into an image
PRODUCTION_CONFIG_PATH = re.compile(r"(^|/)(config|settings)/(prod|production)")
#: names of modules and files that hold an app's configuration (`config.py`, `local_settings.py`,
#: `secrets.json`, `config/production.js`): an ignored one is config each deploy writes itself
CONFIG_MODULE_NAME = re.compile(
    r"(?i)(^|[_.-])(config|configs|configuration|conf|cfg|settings|secrets?|credentials?|"
    r"keys|tokens?|env|environment|local)([_.-]|$)|^\w*(config|settings)$"
)
#: languages whose relative imports name a file, and the suffixes the loader tries
IMPORTING_LANGS = {
    "javascript": (".js", ".json", ".cjs", ".mjs", "/index.js"),
    "typescript": (".ts", ".js", ".json", "/index.ts"),
    "ruby": (".rb", ".yml", ".json"),
}
#: settings named like locators that hold the app's own paths or public URLs, not the handle of a
#: backing service (Django's STATIC_URL and LOGIN_URL, a SITE_URL, an OAuth callback)
APP_URL_SETTING = re.compile(
    r"(?i)(^|_)(static|media|login|logout|admin|script|site|base|app|public|frontend|home|root|"
    r"callback|redirect|success|cancel|return|webhook|avatar|image|icon|logo|cdn)_ur[il]$"
)
#: settings named for the project's own metadata (its homepage, docs, source repository, issue
#: tracker, package page, licence): one constant address of the tool wherever it runs, not a deploy
#: value (`DOCS_URL = "https://mytool.readthedocs.io"`, `REPOSITORY_URL`, `project_urls`)
PROJECT_URL_SETTING = re.compile(
    r"(?i)(^|_)(project|homepage|home_?page|website|docs?|documentation|manual|help|wiki|faq|"
    r"repo|repository|source|source_?code|github|gitlab|bitbucket|issues?|bugs?|bug_?tracker|"
    r"tracker|changelog|release_?notes|download|pypi|license|licence|funding|donate|sponsor)_ur[il]s?$"
)
#: hosts of public web APIs and mail services: the same endpoint for every deploy of every app that
#: calls it (`https://api.github.com`, `graph.microsoft.com`, `smtp.gmail.com`), a constant of the
#: code, not a deploy value (the account's credentials are)
PUBLIC_API_HOST = re.compile(
    r"(?i)^(api|graph)\d*\.[\w.-]+\.[a-z]{2,}$|"
    r"(^|\.)(googleapis\.com|github\.com|githubusercontent\.com|openai\.com|anthropic\.com|"
    r"stripe\.com|twilio\.com|sendgrid\.com|slack\.com|discord\.com|discordapp\.com|telegram\.org|"
    r"openweathermap\.org|wikipedia\.org|wikidata\.org|nasa\.gov|x\.com|twitter\.com|"
    r"facebook\.com|microsoft\.com|microsoftonline\.com|spotify\.com|youtube\.com|"
    # code hosts, package registries and documentation hosts: a project's own public pages
    r"gitlab\.com|bitbucket\.org|codeberg\.org|sourceforge\.net|readthedocs\.io|readthedocs\.org|"
    r"pypi\.org|npmjs\.com|npmjs\.org|rubygems\.org|crates\.io|pkg\.go\.dev|mvnrepository\.com)$|"
    r"^smtp(-mail)?\.(gmail\.com|googlemail\.com|office365\.com|outlook\.com|sendgrid\.net|"
    r"mailgun\.org|zoho\.com|qq\.com|exmail\.qq\.com|163\.com|126\.com|yandex\.ru|mail\.yahoo\.com|"
    r"aliyun\.com|mailtrap\.io)$"
)
#: datastore and broker URL schemes: a URL with one is a resource handle wherever it points
DATASTORE_SCHEME = re.compile(
    r"(?i)^(postgres(ql)?|postgis|mysql2?|mariadb|mssql|sqlserver|oracle|mongodb(\+srv)?|"
    r"rediss?|amqps?|kafka|nats|memcached?|elasticsearch|jdbc:[\w]+|sqlite3?)(\+\w+)?:"
)
#: a bare host name or address, with an optional port (`db`, `db.internal:5432`, `10.0.0.5`)
BARE_HOST = re.compile(
    r"^(?!.*\.(?:db|sqlite3?|json|ya?ml|toml|txt|log|csv|html?|py|js|rb)$)"
    r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$"
)
#: suffixes of templates that document values (`.env.example`, `settings.py.sample`)
TEMPLATE_SUFFIXES = (".example", ".sample", ".template", ".dist")

#: Rails environment names that are not deployed (their settings are not production config)
LOCAL_ENVIRONMENT = re.compile(r"(?i)^(dev|development|local|test|testing|ci)$")

#: system properties of the JVM and of common libraries (not the app's configuration)
JVM_PROPERTIES = re.compile(
    r"^(java|javax|jdk|sun|com\.sun|os|user|file|line|path)\.|^(log4j2?|logback|jna|io\.netty)\."
)
#: variables the JVM launchers read their options from
JAVA_OPTIONS_VARIABLES = frozenset(
    {"JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "CATALINA_OPTS", "JAVA_OPTIONS"}
)


def is_secret_name(name: str | None) -> bool:
    """Whether a setting or variable called *name* holds a credential."""
    return bool(SECRET_NAME.search(name or ""))


__all__ = [
    "APP_URL_SETTING",
    "BARE_HOST",
    "DATASTORE_SCHEME",
    "PROJECT_URL_SETTING",
    "PUBLIC_API_HOST",
    "CONFIG_MODULE_NAME",
    "DEPLOY_ENV_FILES",
    "IMPORTING_LANGS",
    "DEV_CLASS",
    "ENVIRONMENT_CLASS",
    "ENVIRONMENT_SETTINGS_FILE",
    "GO_SECRET_NAME",
    "JAVA_OPTIONS_VARIABLES",
    "JVM_PROPERTIES",
    "LOCAL_ENVIRONMENT",
    "NODE_SECRET_NAME",
    "NOT_CONFIG_VARIABLES",
    "PRODUCTION_CONFIG_PATH",
    "SECRET_NAME",
    "SPRING_SECRET_NAME",
    "STRICT_READS",
    "TEMPLATE_SUFFIXES",
    "is_secret_name",
]
