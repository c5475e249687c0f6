"""Admin processes: where admin code lives in a repository (migrations, management commands,
scripts), the commands that run one process against a release (`docker compose run`, `heroku run`,
`kubectl exec`...), and what an admin command line or a one-off Job looks like. Migration tools
themselves are rows of `knowledge.programs` (role ``migrator``)."""

from __future__ import annotations

import re

#: files of admin code: migrations of every framework, management commands, migration tools' configuration
MIGRATION_PATH = re.compile(
    r"(^|/)(migrations|alembic/versions|migrations/versions|db/migrate|db/migration|db/changelog|"
    r"prisma/migrations/[^/]+|src/migrations|database/migrations)/[^/]+\.(py|sql|rb|js|mjs|cjs|ts|xml|ya?ml|go)$|"
    r"(^|/)management/commands/[^/]+\.py$|(^|/)(manage\.py|alembic\.ini|flyway\.conf|liquibase\.properties)$"
)
#: one-off scripts kept with the app
SCRIPT_PATH = re.compile(r"(^|/)(scripts|bin|tasks|ops)/[^/]+\.(py|sh)$")
#: folders a script argument lives in when it is admin code (`python scripts/seed.py`)
SCRIPT_DIRS = ("scripts/", "bin/", "tasks/")
#: names of admin code a `.dockerignore` may leave out of the image
ADMIN_NAMES = ("migrations", "scripts", "manage.py", "alembic")
#: commands that run one process with the release's image and config (the command follows them)
ONE_OFF_RUNNERS = (("docker", "compose", "run"), ("docker-compose", "run"), ("docker", "run"), ("docker", "exec"),
                   ("kubectl", "exec"), ("kubectl", "run"), ("kubectl", "create", "job"), ("heroku", "run"),
                   ("fly", "ssh"), ("flyctl", "ssh"), ("railway", "run"), ("podman", "run"), ("podman", "exec"))
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
MANAGE_NOT_ADMIN = ("runserver", "shell", "--help")
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
ADMIN_COMMAND = re.compile(r"(?i)(^|[\s/:_-])(migrat\w*|manage\.py|alembic|flyway|liquibase|db:(migrate|setup|prepare|seed)|seed\w*|"
                           r"upgrade|init-?db|prisma|knex|sequelize|typeorm|goose|dbmate|atlas|rake)([\s:_-]|$)")
#: images of migration tools (a Job that runs one applies files shipped with the release)
TOOL_IMAGES = re.compile(r"(?i)(^|/)(flyway|liquibase|migrate|dbmate|atlas|goose|sqitch|schemahero)$")
#: database shells people run by hand, the SQL that changes a schema, and the sections of a guide
#: that concern production
DATABASE_SHELLS = ("psql", "mysql", "sqlite3", "mongosh", "mongo")
SCHEMA_SQL = re.compile(r"(?i)\b(create|alter|drop)\s+(table|index|schema|column)|\binsert\s+into\b|\.sql\b")
PRODUCTION_SECTION = re.compile(r"(?i)produ|deploy|server|servidor")

__all__ = [
    "ADMIN_COMMAND", "ADMIN_NAMES", "ADMIN_TOOLS", "DATABASE_SHELLS", "DB_TASK", "DB_TASK_RUNNERS", "FLASK_ADMIN_WORDS", "FLASK_NOT_ADMIN", "HEROKU_SCRIPTS",
    "MANAGE_NOT_ADMIN", "MIGRATE_SWITCH", "MIGRATION_PATH", "NPM_MIGRATE", "ONE_OFF_RUNNERS", "PACKAGE_MANAGERS",
    "PRE_RELEASE_HOOK", "PRODUCTION_SECTION", "SCHEMA_SQL", "SCRIPT_DIRS", "SCRIPT_PATH", "SERVER_WORDS", "TOOL_IMAGES",
]
