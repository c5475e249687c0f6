"""Admin processes: where admin code lives in a repository (migrations, management commands,
scripts), the commands that run one process against a release (`docker compose run`, `heroku run`,
`kubectl exec`...), and what an admin command line or a one-off Job looks like. Migration tools
themselves are rows of `knowledge.programs` (role ``migrator``)."""

from __future__ import annotations

import re

#: files of admin code: migrations of every framework (any folder named like `migrations`,
#: `_migrations/versions`, `db/migrate`, Flyway's `db/migration`, Liquibase's `db/changelog`), management
#: commands, migration tools' configuration
MIGRATION_PATH = re.compile(
    r"(^|/)([\w.-]*migrations?(/versions)?|alembic/versions|db/migrate|db/changelog|"
    r"prisma/migrations/[^/]+)/[^/]+\.(py|sql|rb|js|mjs|cjs|ts|xml|ya?ml|go|json)$|"
    r"(^|/)management/commands/[^/]+\.py$|(^|/)(manage\.py|alembic\.ini|flyway\.conf|liquibase\.properties)$"
)
#: files of migration tools' configuration and entry points: evidence of admin code, never an admin task by name
ADMIN_CONFIG_FILE = re.compile(
    r"(^|/)(alembic\.ini|flyway\.conf|liquibase\.properties|manage\.py|__init__\.py|README(\.\w+)?|"
    r"env\.py|script\.py\.mako)$"
)
#: a single file of migration code named so (`src/qwerty/migrations.rb`, `internal/database/migrations.go`):
#: admin code when it holds schema statements or a migration DSL
MIGRATION_FILE = re.compile(r"(?i)(^|/)(migrations?|migrate|schema[_-]?migrations?)\.(py|rb|go|js|mjs|cjs|ts|java|kt)$")
#: words of a script's name (`scripts/run-tests.sh`: run, tests) that make it build, test, CI, release or
#: start tooling rather than admin code, unless an admin word is also in the name (`run_migrations.sh`)
TOOLING_WORDS = frozenset(
    {
        "test",
        "tests",
        "lint",
        "linter",
        "fmt",
        "gofmt",
        "format",
        "coverage",
        "cover",
        "ci",
        "build",
        "compile",
        "release",
        "package",
        "pack",
        "bump",
        "version",
        "changelog",
        "doc",
        "docs",
        "check",
        "checks",
        "verify",
        "vet",
        "bench",
        "benchmark",
        "publish",
        "deploy",
        "install",
        "bootstrap",
        "setup",
        "dev",
        "url",
        "precommit",
        "generate",
        "gen",
        "codegen",
        "proto",
        "protoc",
        "clean",
        "deps",
        "run",
        "start",
        "serve",
        "server",
        "runserver",
        "entrypoint",
        "wait",
        "collectstatic",
        "commands",
        "healthcheck",
        "e2e",
        "smoke",
        "links",
        "benchmarking",
        "benchmarks",
        "spec",
        "specs",
        "assets",
        "precompile",
        "rubocop",
        "stats",
        "notes",
        "about",
    }
)
ADMIN_WORDS = frozenset(
    {
        "migrate",
        "migrations",
        "migration",
        "seed",
        "seeds",
        "backup",
        "restore",
        "import",
        "export",
        "admin",
        "superuser",
        "db",
        "database",
        "schema",
        "reset",
        "init",
        "initdb",
        "purge",
        "prune",
        "cleanup",
        "backfill",
        "reindex",
        "sync",
        "fixtures",
        "load",
        "dump",
        "user",
        "users",
    }
)
#: programs (and subcommands) of build, test, lint, format and release tooling: a script that runs
#: them and no admin command is tooling, not admin code
DEV_TOOL_COMMANDS: dict[str, tuple[str, ...]] = {
    "go": ("test", "vet", "fmt", "build", "generate", "tool", "install"),
    "gofmt": (),
    "goimports": (),
    "golint": (),
    "golangci-lint": (),
    "staticcheck": (),
    "govendor": (),
    "goreleaser": (),
    "eslint": (),
    "prettier": (),
    "tsc": (),
    "jest": (),
    "mocha": (),
    "vitest": (),
    "nyc": (),
    "istanbul": (),
    "pytest": (),
    "tox": (),
    "nox": (),
    "flake8": (),
    "black": (),
    "ruff": (),
    "mypy": (),
    "isort": (),
    "pylint": (),
    "coverage": (),
    "bandit": (),
    "rubocop": (),
    "rspec": (),
    "mvn": (),
    "gradle": (),
    "./gradlew": (),
    "./mvnw": (),
    "npm": ("test", "run", "ci", "install", "publish", "version", "pack"),
    "yarn": ("test", "lint", "build", "install"),
    "docker": ("build", "push", "tag", "buildx"),
    "git": ("tag", "push", "commit", "describe"),
    "twine": (),
    "fmt": (),
    "shellcheck": (),
    "hadolint": (),
    "markdownlint": (),
    "lychee": (),
    "codecov": (),
    "gocov": (),
    "goveralls": (),
}
#: command-line commands of an app that start a process or inform, not admin tasks
NOT_ADMIN_COMMANDS = frozenset(
    {
        "main",
        "cli",
        "serve",
        "server",
        "run",
        "start",
        "web",
        "worker",
        "version",
        "help",
        "completion",
        "info",
        "shell",
        "routes",
        "dev",
        "debug",
        "app",
        "root",
        "healthcheck",
    }
)
#: environment switches that make the app migrate its schema when it starts (`RUN_MIGRATIONS=1`, `AUTO_MIGRATE=true`)
MIGRATE_AT_START_ENV = re.compile(r"(?i)^(RUN_|AUTO_?|DB_|DATABASE_)?MIGRAT(E|IONS?)(_ON_START(UP)?|_AT_START(UP)?)?$")
TRUE_VALUES = frozenset({"1", "true", "yes", "on", "y"})
#: admin tasks that generate migrations or push the models' schema instead of applying committed ones
SCHEMA_GENERATION = re.compile(
    r"(?i)(^|\s)(makemigrations|revision\s.*--autogenerate|--autogenerate|migrate\s+dev|db\s+push|"
    r"migration:generate|schema:sync|db:schema:load)(\s|$)"
)
#: migration DSLs that migrate when the file holding them is loaded (`schema.migration` api -> how a message says it)
BOOT_MIGRATION_APIS = {"migration": "sinatra-sequel migration blocks run when the app loads them"}
#: dependency groups of development and test tooling (`devDependencies`, Poetry's `dev` group, Bundler's `:test`)
DEV_DEPENDENCY_GROUPS = frozenset({"dev", "development", "test", "tests", "testing", "lint", "docs", "develop"})
#: backing services whose data has a relational schema to administer
RELATIONAL_ENGINES = frozenset(
    {"postgresql", "mysql", "sqlite", "sql", "mssql", "oracle", "h2", "hsqldb", "derby", "db2"}
)
#: Spring settings that switch the schema tools of Spring Boot on or off, and the dependencies that bring them
SPRING_MIGRATION_TOOLS: dict[str, tuple[re.Pattern[str], str]] = {
    "Flyway": (
        re.compile(r"(?i)^org\.flywaydb:flyway-(core|database-\w+)$|:spring-boot-starter-flyway$"),
        "spring.flyway.enabled",
    ),
    "Liquibase": (
        re.compile(r"(?i)^org\.liquibase:liquibase-core$|:spring-boot-starter-liquibase$"),
        "spring.liquibase.enabled",
    ),
}
#: Hibernate's schema generation from the entities (`spring.jpa.hibernate.ddl-auto: update`)
HIBERNATE_DDL_AUTO = (
    "spring.jpa.hibernate.ddl-auto",
    "spring.jpa.generate-ddl",
    "spring.jpa.hibernate.ddl_auto",
    "hibernate.hbm2ddl.auto",
    "javax.persistence.schema-generation.database.action",
    "jakarta.persistence.schema-generation.database.action",
)
HIBERNATE_DDL_SYNC = frozenset({"create", "create-drop", "update", "drop-and-create"})
#: one-off scripts kept with the app
SCRIPT_PATH = re.compile(r"(^|/)(scripts|bin|tasks|ops)/[^/]+\.(py|sh)$")
#: folders a script argument lives in when it is admin code (`python scripts/seed.py`)
SCRIPT_DIRS = ("scripts/", "bin/", "tasks/")
#: names of admin code a `.dockerignore` may leave out of the image
ADMIN_NAMES = ("migrations", "scripts", "manage.py", "alembic")
#: commands that run one process with the release's image and config (the command follows them)
ONE_OFF_RUNNERS = (
    ("docker", "compose", "run"),
    ("docker-compose", "run"),
    ("docker", "run"),
    ("docker", "exec"),
    ("kubectl", "exec"),
    ("kubectl", "run"),
    ("kubectl", "create", "job"),
    ("heroku", "run"),
    ("fly", "ssh"),
    ("flyctl", "ssh"),
    ("railway", "run"),
    ("podman", "run"),
    ("podman", "exec"),
)
#: `app.json` scripts that run once per deploy or review app
HEROKU_SCRIPTS = ("postdeploy", "release", "pr-predestroy")
#: package-manager scripts that migrate or seed (`npm run migrate`, `yarn db:seed`)
NPM_MIGRATE = re.compile(r"(?i)migrat|seed|db:")
PACKAGE_MANAGERS = ("npm", "yarn", "pnpm")
#: command-line switches of a release image that run its migrations (`--spring.flyway.enabled=true`)
MIGRATE_SWITCH = re.compile(r"^--spring\.(flyway|liquibase)\.|^--(migrate|flyway|liquibase)\b")
#: Flask subcommands that are no admin task, and words of those that are
FLASK_NOT_ADMIN = frozenset({"run", "shell", "routes", "--help", "--version"})
FLASK_ADMIN_WORDS = re.compile(r"init|migrat|seed|upgrade|create|load|import|sync")
#: Django's `manage.py` subcommands that are no admin task
MANAGE_NOT_ADMIN = (
    "runserver",
    "shell",
    "--help",
    "collectstatic",
    "compilemessages",
    "check",
    "test",
    "startapp",
    "startproject",
    "help",
    "version",
)
#: task runners whose `db:` tasks are admin tasks wherever they appear in a command line
DB_TASK_RUNNERS = ("rake", "rails")
DB_TASK = "db:"
#: tools whose every subcommand is an admin task
ADMIN_TOOLS = ("alembic", "django-admin")
#: servers whose start command is no admin task even when it mentions one
SERVER_WORDS = ("gunicorn", "uvicorn", "runserver")
#: Kubernetes Jobs run as hooks: `helm.sh/hook` and Argo CD hooks that run before a release
PRE_RELEASE_HOOK = re.compile(r"(?i)pre-?(install|upgrade|sync)|presync|sync")
#: words of an admin command in a Job's command line
ADMIN_COMMAND = re.compile(
    r"(?i)(^|[\s/:_-])(migrat\w*|manage\.py|alembic|flyway|liquibase|db:(migrate|setup|prepare|seed)|seed\w*|"
    r"upgrade|init-?db|prisma|knex|sequelize|typeorm|goose|dbmate|atlas|rake)([\s:_-]|$)"
)
#: images of migration tools (a Job that runs one applies files shipped with the release)
TOOL_IMAGES = re.compile(r"(?i)(^|/)(flyway|liquibase|migrate|dbmate|atlas|goose|sqitch|schemahero)$")
#: database shells people run by hand, the SQL that changes a schema, and the sections of a guide
#: that concern production
DATABASE_SHELLS = ("psql", "mysql", "sqlite3", "mongosh", "mongo")
SCHEMA_SQL = re.compile(r"(?i)\b(create|alter|drop)\s+(table|index|schema|column)|\binsert\s+into\b|\.sql\b")
PRODUCTION_SECTION = re.compile(r"(?i)produ|deploy|server|servidor")

__all__ = [
    "ADMIN_CONFIG_FILE",
    "ADMIN_WORDS",
    "BOOT_MIGRATION_APIS",
    "DEV_DEPENDENCY_GROUPS",
    "DEV_TOOL_COMMANDS",
    "TOOLING_WORDS",
    "HIBERNATE_DDL_AUTO",
    "HIBERNATE_DDL_SYNC",
    "MIGRATE_AT_START_ENV",
    "MIGRATION_FILE",
    "NOT_ADMIN_COMMANDS",
    "RELATIONAL_ENGINES",
    "SCHEMA_GENERATION",
    "SPRING_MIGRATION_TOOLS",
    "TRUE_VALUES",
    "ADMIN_COMMAND",
    "ADMIN_NAMES",
    "ADMIN_TOOLS",
    "DATABASE_SHELLS",
    "DB_TASK",
    "DB_TASK_RUNNERS",
    "FLASK_ADMIN_WORDS",
    "FLASK_NOT_ADMIN",
    "HEROKU_SCRIPTS",
    "MANAGE_NOT_ADMIN",
    "MIGRATE_SWITCH",
    "MIGRATION_PATH",
    "NPM_MIGRATE",
    "ONE_OFF_RUNNERS",
    "PACKAGE_MANAGERS",
    "PRE_RELEASE_HOOK",
    "PRODUCTION_SECTION",
    "SCHEMA_SQL",
    "SCRIPT_DIRS",
    "SCRIPT_PATH",
    "SERVER_WORDS",
    "TOOL_IMAGES",
]
