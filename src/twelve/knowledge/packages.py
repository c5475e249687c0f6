"""Package managers and builds of each ecosystem: which import comes from which distribution,
what frameworks bring along, the lock files and install commands of each tool, and the build
plugins that make a self-contained artifact (12factor.net II: declare and isolate dependencies)."""

from __future__ import annotations

import re

#: languages whose code needs a manifest of its ecosystem: file kind → (ecosystem, language); Go
#: code needs a go.mod, judged on its own (a go.mod may sit above the code)
CODE_ECOSYSTEMS = {
    "python": ("python", "Python"),
    "java": ("java", "Java"),
    "kotlin": ("java", "Kotlin"),
    "ruby": ("ruby", "Ruby"),
}

# --- Python -------------------------------------------------------------------------------------------

#: import names whose distribution is named differently (an empty tuple: a namespace package such
#: as `google.*`, whose distribution cannot be told from the import)
IMPORT_TO_DIST: dict[str, tuple[str, ...]] = {
    "psycopg2": ("psycopg2", "psycopg2-binary"),
    "psycopg": ("psycopg", "psycopg-binary"),
    "yaml": ("pyyaml",),
    "PIL": ("pillow",),
    "dotenv": ("python-dotenv",),
    "jwt": ("pyjwt",),
    "sklearn": ("scikit-learn",),
    "bs4": ("beautifulsoup4",),
    "dateutil": ("python-dateutil",),
    "attr": ("attrs",),
    "magic": ("python-magic",),
    "Crypto": ("pycryptodome", "pycryptodomex"),
    "cv2": ("opencv-python", "opencv-python-headless"),
    "MySQLdb": ("mysqlclient",),
    "pkg_resources": ("setuptools",),
    "setuptools": ("setuptools",),
    "OpenSSL": ("pyopenssl",),
    "jose": ("python-jose",),
    "multipart": ("python-multipart",),
    "decouple": ("python-decouple",),
    "environ": ("django-environ",),
    "dj_database_url": ("dj-database-url",),
    "rest_framework": ("djangorestframework",),
    "corsheaders": ("django-cors-headers",),
    "debug_toolbar": ("django-debug-toolbar",),
    "storages": ("django-storages",),
    "google": (),
    "memcache": ("python-memcached",),
    "slugify": ("python-slugify",),
    "socketio": ("python-socketio",),
    "engineio": ("python-engineio",),
    "telegram": ("python-telegram-bot",),
    "docx": ("python-docx",),
    "pptx": ("python-pptx",),
    "serial": ("pyserial",),
    "usb": ("pyusb",),
    "zmq": ("pyzmq",),
    "git": ("gitpython",),
    "github": ("pygithub",),
    "gitlab": ("python-gitlab",),
    "ldap": ("python-ldap",),
    "Levenshtein": ("python-levenshtein",),
    "flask_sqlalchemy": ("flask-sqlalchemy",),
    "flask_migrate": ("flask-migrate",),
    "flask_login": ("flask-login",),
    "flask_cors": ("flask-cors",),
    "flask_session": ("flask-session",),
    "flask_apscheduler": ("flask-apscheduler",),
    "sentry_sdk": ("sentry-sdk",),
    "pydantic_settings": ("pydantic-settings",),
    "typing_extensions": ("typing-extensions",),
    "google.protobuf": ("protobuf",),
    "grpc": ("grpcio",),
    "win32api": ("pywin32",),
    "kafka": ("kafka-python",),
    "confluent_kafka": ("confluent-kafka",),
    "aio_pika": ("aio-pika",),
    "Levenshtein_": (),
    "ruamel": ("ruamel-yaml",),
    "websocket": ("websocket-client",),
    "dns": ("dnspython",),
    "nacl": ("pynacl",),
    "markdown": ("markdown",),
    "lxml": ("lxml",),
    "fitz": ("pymupdf",),
    "wand": ("wand",),
    "uvloop": ("uvloop",),
    "httptools": ("httptools",),
}
#: what common frameworks bring along: importing these works "by accident" when only the framework is declared
TRANSITIVE: dict[str, tuple[str, ...]] = {
    "flask": ("werkzeug", "jinja2", "click", "itsdangerous", "markupsafe", "blinker"),
    "django": ("asgiref", "sqlparse"),
    "fastapi": ("starlette", "pydantic", "typing-extensions", "anyio", "pydantic-core"),
    "starlette": ("anyio",),
    "uvicorn": ("click", "h11"),
    "celery": ("kombu", "billiard", "vine", "click"),
    "requests": ("urllib3", "idna", "certifi", "charset-normalizer"),
    "gunicorn": ("packaging",),
    "pydantic": ("pydantic-core", "typing-extensions", "annotated-types"),
    "sqlalchemy": ("greenlet", "typing-extensions"),
    "alembic": ("mako", "sqlalchemy"),
    "flask-sqlalchemy": ("sqlalchemy",),
    "flask-migrate": ("alembic", "sqlalchemy"),
    "httpx": ("httpcore", "anyio", "certifi", "idna", "sniffio"),
    "boto3": ("botocore", "s3transfer", "jmespath"),
    "jinja2": ("markupsafe",),
    "djangorestframework": ("django",),
    "rq": ("redis", "click"),
    "aiohttp": ("yarl", "multidict", "aiosignal", "frozenlist", "attrs"),
    "discord-py": ("aiohttp", "yarl", "multidict"),
}
#: packaging and build tools a Dockerfile may install by name without them being app dependencies
PACKAGING_TOOLS = frozenset(
    {
        "pip",
        "setuptools",
        "wheel",
        "poetry",
        "uv",
        "pipenv",
        "pip-tools",
        "pdm",
        "virtualenv",
        "hatch",
        "build",
        "twine",
        "gunicorn-tools",
    }
)
#: programs that install Python packages
PYTHON_INSTALLERS = frozenset({"pip", "pip3", "uv", "poetry", "pipenv", "pdm"})
#: installers that install from a requirements file or the project itself (`-r`, `.`, `sync`)
PIP_LIKE = ("pip", "pip3", "uv")
#: installers whose `install`/`sync` installs the project's locked dependencies
PROJECT_INSTALLERS = ("poetry", "pipenv", "pdm")
#: options of `pip install` that take a value (the value is not a package)
PIP_VALUE_OPTIONS = frozenset(
    {
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "--target",
        "-t",
        "--prefix",
        "--root",
    }
)
#: lock files of the Python package managers
PYTHON_LOCK_NAMES = ("poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock")

# --- Node.js --------------------------------------------------------------------------------------------

#: lock files of npm, Yarn, pnpm and Bun
NODE_LOCK_NAMES = ("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb")
#: npm verbs that install exactly what the lock says and fail when it disagrees with package.json
NPM_FROZEN_VERBS = ("ci", "clean-install", "install-clean", "cit", "isntall-clean")
#: npm verbs that resolve versions anew (without a package name: the whole tree)
NPM_INSTALL_VERBS = ("install", "i", "add")
#: the other Node package managers, and the flags that make their install follow the lock
LOCKING_PACKAGE_MANAGERS = ("yarn", "pnpm", "bun")
FROZEN_LOCK_FLAGS = ("--frozen-lockfile", "--immutable", "--frozen-lock-file")


def frozen_install(program: str) -> str:
    """The install command of a Node package manager that follows the lock and fails when it disagrees."""
    return "npm ci" if program == "npm" else f"{program} install --frozen-lockfile"


# --- Go -------------------------------------------------------------------------------------------------

#: final-stage images that carry nothing but the binary (a static Go build runs on them)
STATIC_RUNTIME_IMAGES = ("gcr.io/distroless/", "cgr.dev/chainguard/static")

# --- JVM ------------------------------------------------------------------------------------------------

#: the build files that declare a JVM app's dependencies
JVM_BUILD_KINDS = frozenset({"maven", "gradle"})
#: the jars of the Maven and Gradle wrappers (committed on purpose: they pin the build tool)
WRAPPER_JARS = re.compile(r"(^|/)(gradle/wrapper|\.mvn/wrapper)/[^/]+\.jar$")
#: Maven plugins (by artifact suffix) that build an artifact carrying its libraries
MAVEN_SELF_CONTAINED_PLUGINS = (
    ":maven-shade-plugin",
    ":jib-maven-plugin",
    ":maven-jlink-plugin",
    ":quarkus-maven-plugin",
    ":micronaut-maven-plugin",
)
#: Gradle plugins that build a fat jar, and those that build an image or a runtime image
GRADLE_SHADOW_PLUGINS = ("com.github.johnrengelman.shadow", "com.gradleup.shadow", "io.github.goooler.shadow")
GRADLE_SELF_CONTAINED_PLUGINS = (
    "com.google.cloud.tools.jib",
    "org.beryx.jlink",
    "org.beryx.runtime",
    "io.quarkus",
    "io.micronaut.application",
)

# --- Ruby -----------------------------------------------------------------------------------------------

#: Bundler variables that make an install follow Gemfile.lock and refuse to change it
BUNDLER_FROZEN_VARIABLES = ("BUNDLE_DEPLOYMENT", "BUNDLE_FROZEN")
#: Rack frameworks that need a Rack server gem in the bundle to serve requests, with the first
#: major version that needs one (None: every version): Ruby 3 no longer ships WEBrick, and Rails
#: 7 no longer falls back to it
RACK_FRAMEWORKS: dict[str, int | None] = {
    "sinatra": None,
    "roda": None,
    "hanami": None,
    "grape": None,
    "cuba": None,
    "padrino": None,
    "rails": 7,
    "railties": 7,
}
#: gems that serve a Rack app (production servers, and WEBrick declared as a gem)
RACK_SERVER_GEMS = frozenset(
    {
        "puma",
        "falcon",
        "unicorn",
        "thin",
        "passenger",
        "iodine",
        "pitchfork",
        "agoo",
        "webrick",
        "rainbows",
        "trinidad",
        "torquebox",
        "goliath",
        "mongrel",
    }
)
#: base images that bring a Rack server of their own
RACK_SERVER_IMAGES = re.compile(r"(?i)(^|/)passenger[\w-]*$")


__all__ = [
    "BUNDLER_FROZEN_VARIABLES",
    "CODE_ECOSYSTEMS",
    "FROZEN_LOCK_FLAGS",
    "GRADLE_SELF_CONTAINED_PLUGINS",
    "GRADLE_SHADOW_PLUGINS",
    "IMPORT_TO_DIST",
    "JVM_BUILD_KINDS",
    "LOCKING_PACKAGE_MANAGERS",
    "MAVEN_SELF_CONTAINED_PLUGINS",
    "NODE_LOCK_NAMES",
    "NPM_FROZEN_VERBS",
    "NPM_INSTALL_VERBS",
    "PACKAGING_TOOLS",
    "PIP_LIKE",
    "PIP_VALUE_OPTIONS",
    "PROJECT_INSTALLERS",
    "PYTHON_INSTALLERS",
    "PYTHON_LOCK_NAMES",
    "RACK_FRAMEWORKS",
    "RACK_SERVER_GEMS",
    "RACK_SERVER_IMAGES",
    "STATIC_RUNTIME_IMAGES",
    "TRANSITIVE",
    "WRAPPER_JARS",
    "frozen_install",
]
