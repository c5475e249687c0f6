"""A corpus of fake secrets in every file kind twelve reads, and of look-alikes that are not
secrets (issue 11). Every value is made up; the token formats are assembled at import time so
that no scanner of this repository mistakes the file itself for a leak.

``SECRETS``: (path, value, form) planted in ``FILES``; each must be detected (masked wherever it
appears) and never printed. ``NOT_SECRETS``: (path, line text) that must not be reported as
secrets, with ``NOT_SECRET_FILES`` holding them in files of the right kinds.
"""

from __future__ import annotations

import base64
import hashlib


def fake(tag: str, size: int = 24, alphabet: str = "") -> str:
    """A random-looking value derived from *tag* (mixed case and digits; *alphabet*: only those
    characters)."""
    out = ""
    counter = 0
    while len(out) < size:
        digest = base64.b64encode(hashlib.sha256(f"{tag}/{counter}".encode()).digest()).decode()
        out += "".join(c for c in digest if (c in alphabet if alphabet else c.isalnum()))
        counter += 1
    value = out[:size]
    if not alphabet:  # make sure of a digit, an upper and a lower case letter early on
        value = "Q7x" + value[3:]
    return value


HEX = "0123456789abcdef"
UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

# --- provider formats (assembled: see the module docstring) ------------------------------------
AWS_KEY = "AK" + "IA" + fake("aws", 16, UPPER_DIGITS)
AWS_SECRET = fake("aws-secret", 40)
GITHUB_TOKEN = "gh" + "p_" + fake("github", 36)
GITHUB_PAT = "github" + "_pat_" + fake("github-pat", 82)
GITLAB_TOKEN = "gl" + "pat-" + fake("gitlab", 20)
SLACK_TOKEN = "xo" + "xb-" + "1234567890-" + fake("slack", 24)
SLACK_WEBHOOK = (
    "https://hooks."
    + "slack.com/services/T"
    + fake("sw1", 8, UPPER_DIGITS)
    + "/B"
    + fake("sw2", 8, UPPER_DIGITS)
    + "/"
    + fake("sw3", 24)
)
STRIPE_KEY = "sk" + "_live_" + fake("stripe", 24)
GOOGLE_KEY = "AI" + "za" + fake("google", 35)
SENDGRID_KEY = "SG" + "." + fake("sg1", 22) + "." + fake("sg2", 43)
NPM_TOKEN = "np" + "m_" + fake("npm", 36)
PYPI_TOKEN = "py" + "pi-AgEIcHlwaS5vcmc" + fake("pypi", 60)
OPENAI_KEY = "sk" + "-proj-" + fake("openai", 48)
TWILIO_KEY = "S" + "K" + fake("twilio", 32, HEX)
HF_TOKEN = "h" + "f_" + fake("hf", 34)
JWT = "ey" + "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + "ey" + "J" + fake("jwt-payload", 40) + "." + fake("jwt-sig", 43)
PEM_BODY = [fake(f"pem-{i}", 64) for i in range(4)]
PEM = "-----BEGIN " + "PRIVATE KEY-----\n" + "\n".join(PEM_BODY) + "\n-----END PRIVATE KEY-----\n"
PEM_ESCAPED = PEM.replace("\n", "\\n")
ENV_PEM_BODY = [fake(f"env-pem-{i}", 64) for i in range(3)]
ENV_PEM = "-----BEGIN " + "RSA PRIVATE KEY-----\\n" + "\\n".join(ENV_PEM_BODY) + "\\n-----END RSA PRIVATE KEY-----\\n"

# --- generic secrets, one per form ----------------------------------------------------------------
FLASK_DEFAULT = fake("flask-default", 32, HEX)  # os.environ.get("SECRET_KEY", "<here>")
SPRING_DEFAULT = "Sup3r" + fake("spring-default", 11)  # ${DB_PASSWORD:<here>}
URL_PASSWORD = "p@ss/" + fake("url-password", 12)  # a URL password holding `@` and `/`
JS_URL_PASSWORD = fake("js-url", 18)
QUOTED = fake("quoted-a", 6) + "'\"" + fake("quoted-b", 10)  # holds both quotes
LONG_VALUE = fake("long-value", 300)  # longer than 256 characters
PADDED = fake("padded", 28)  # on a line longer than 4,000 characters
PREFIXED_TEST = "TestKey_" + fake("prefixed-test", 18)
PREFIXED_EXAMPLE = "Example-" + fake("prefixed-example", 18)
PREFIXED_DUMMY = "dummy" + fake("prefixed-dummy", 18)
DOCKER_SPACE = fake("docker-space", 24)  # ENV API_KEY <value>
DOCKER_ARG = fake("docker-arg", 24)
DB_PASS = fake("db-pass", 20)  # DB_PASS=<value>
BEARER = fake("bearer", 40)
MYSQL_P = fake("mysql-p", 16)  # mysql -p<value>
PROCFILE_PASSWORD = fake("procfile-password", 16)  # --password <value>
CURL_USER = fake("curl-user", 16)
REDIS_CLI = fake("redis-cli", 16)
GO_DSN = fake("go-dsn", 16)
GO_SIGNING = fake("go-signing", 32)
JAVA_PASSWORD = fake("java-password", 20)
JAVA_DEFAULT = fake("java-default", 20)
KOTLIN_SECRET = fake("kotlin-secret", 24)
RUBY_URL = fake("ruby-url", 16)
RUBY_DEFAULT = fake("ruby-default", 64, HEX)
RAILS_DB = fake("rails-db", 20)
RAILS_SECRETS = fake("rails-secrets", 64, HEX)
SPRING_PROPERTIES = fake("spring-properties", 20)
K8S_ENV = fake("k8s-env", 22)
K8S_SECRET = fake("k8s-secret", 22)
COMPOSE_PASSWORD = fake("compose-password", 22)
COMPOSE_URL = fake("compose-url", 18)
CI_PASSWORD = fake("ci-password", 22)
HELM_PASSWORD = fake("helm-password", 22)
ENV_TOKEN = fake("env-token", 30)
SHELL_PASSWORD = fake("shell-password", 20)
MD_PASSWORD = fake("md-password", 18)
TOML_PASSWORD = fake("toml-password", 22)
PROPERTIES_PASSWORD = fake("properties-password", 22)
INI_ERROR = fake("ini-error", 22)  # on a line a parser quotes in its error message
XML_PASSWORD = fake("xml-password", 20)
TS_SECRET = fake("ts-secret", 26)
JSON_PASSWORD = fake("json-password", 20)
ECS_PASSWORD = fake("ecs-password", 20)

SECRETS: list[tuple[str, str, str]] = []


def plant(path: str, value: str, form: str) -> str:
    SECRETS.append((path, value, form))
    return value


PADDING = "x = [" + ", ".join(["0"] * 2_100) + "]"

FILES: dict[str, str] = {
    "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\npsycopg2-binary==2.9.9\n",
    # Python: the Flask default (quoted by the "for" rule F03-S15), URL with @ and /, key formats,
    # a quote inside the value, a Test-prefixed value, a long line
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\n"
    f'app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "{plant("app.py", FLASK_DEFAULT, "env default")}")\n'
    f'DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://app:{plant("app.py", URL_PASSWORD, "URL password with @ and /")}@db.internal:5432/app")\n'
    f'STRIPE_KEY = "{plant("app.py", STRIPE_KEY, "stripe")}"\n'
    f'AWS_ACCESS_KEY_ID = "{plant("app.py", AWS_KEY, "aws")}"\n'
    f'AWS_SECRET_ACCESS_KEY = "{plant("app.py", AWS_SECRET, "aws secret")}"\n'
    f'API_TOKEN = "{plant("app.py", PREFIXED_TEST, "Test-prefixed")}"\n'
    f'DB_PASSWORD = "{plant("app.py", QUOTED, "quotes inside").replace(chr(39), chr(92) + chr(39)).replace(chr(34), chr(92) + chr(34))}"\n'
    f'{PADDING}; SIGNING_SECRET = "{plant("app.py", PADDED, "line over 4,000 characters")}"\n'
    "\n@app.route('/')\ndef index():\n    return 'ok'\n",
    "settings.py": f'GITHUB_TOKEN = "{plant("settings.py", GITHUB_TOKEN, "github")}"\n'
    f'GITHUB_PAT = "{plant("settings.py", GITHUB_PAT, "github pat")}"\n'
    f'OPENAI_API_KEY = "{plant("settings.py", OPENAI_KEY, "openai")}"\n'
    f'HF_TOKEN = "{plant("settings.py", HF_TOKEN, "hugging face")}"\n'
    f'EXAMPLE_TOKEN = "{plant("settings.py", PREFIXED_EXAMPLE, "Example-prefixed")}"\n'
    f'SESSION_SECRET = "{plant("settings.py", PREFIXED_DUMMY, "dummy-prefixed")}"\n'
    f'LONG_TOKEN = "{plant("settings.py", LONG_VALUE, "longer than 256")}"\n',
    # JavaScript / TypeScript
    "web/package.json": '{"name": "web", "scripts": {"start": "node server.js"}, "dependencies": {"pg": "8.11.0"}}\n',
    "web/server.js": 'const { Pool } = require("pg");\n'
    f'const pool = new Pool({{ connectionString: "postgres://app:{plant("web/server.js", JS_URL_PASSWORD, "js url")}@db.prod.internal:5432/app" }});\n'
    f'const jwtSecret = process.env.JWT_SECRET || "{plant("web/server.js", fake("js-fallback", 28), "js fallback")}";\n'
    f'const headers = {{ Authorization: "Bearer {plant("web/server.js", JWT, "jwt")}" }};\n'
    f'const slack = "{plant("web/server.js", SLACK_WEBHOOK, "slack webhook")}";\n'
    "require('http').createServer(() => {}).listen(process.env.PORT);\n",
    "web/src/config.ts": f'export const googleKey = "{plant("web/src/config.ts", GOOGLE_KEY, "google")}";\n'
    f'export const clientSecret: string = "{plant("web/src/config.ts", TS_SECRET, "ts")}";\n',
    # Go
    "svc/go.mod": "module example.com/svc\n\ngo 1.22\n",
    "svc/main.go": 'package main\n\nimport (\n\t"database/sql"\n\t"net/http"\n\t"os"\n)\n\n'
    f'const signingKey = "{plant("svc/main.go", GO_SIGNING, "go const")}"\n\n'
    "func main() {\n"
    f'\tdb, _ := sql.Open("mysql", "app:{plant("svc/main.go", GO_DSN, "go dsn")}@tcp(db:3306)/app")\n'
    '\t_ = db\n\thttp.ListenAndServe(":"+os.Getenv("PORT"), nil)\n}\n',
    # Java / Kotlin
    "api/pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>api</artifactId>"
    "<version>1</version></project>\n",
    "api/src/main/java/app/Db.java": "package app;\n\npublic class Db {\n"
    f'    private static final String PASSWORD = "{plant("api/src/main/java/app/Db.java", JAVA_PASSWORD, "java constant")}";\n'
    f'    static String pw() {{ return System.getenv().getOrDefault("DB_PASSWORD", "{plant("api/src/main/java/app/Db.java", JAVA_DEFAULT, "java default")}"); }}\n'
    "}\n",
    "api/src/main/kotlin/app/Slack.kt": "package app\n\n"
    f'val slackToken = "{plant("api/src/main/kotlin/app/Slack.kt", SLACK_TOKEN, "slack")}"\n'
    f'val webhookSecret = "{plant("api/src/main/kotlin/app/Slack.kt", KOTLIN_SECRET, "kotlin")}"\n',
    "api/src/main/resources/application.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n"
    f"    password: ${{DB_PASSWORD:{plant('api/src/main/resources/application.yml', SPRING_DEFAULT, 'spring default')}}}\n",
    "api/src/main/resources/application.properties": f"spring.mail.password={plant('api/src/main/resources/application.properties', SPRING_PROPERTIES, 'spring properties')}\n",
    # Ruby / Rails
    "shop/Gemfile": "source 'https://rubygems.org'\ngem 'rails', '7.1.0'\ngem 'redis'\n",
    "shop/config/initializers/redis.rb": f'REDIS = Redis.new(url: "redis://:{plant("shop/config/initializers/redis.rb", RUBY_URL, "ruby url")}@cache.internal:6379")\n'
    f'SECRET = ENV.fetch("SECRET_KEY_BASE", "{plant("shop/config/initializers/redis.rb", RUBY_DEFAULT, "ruby default")}")\n',
    "shop/config/database.yml": "production:\n  adapter: postgresql\n  host: db.internal\n"
    f"  password: {plant('shop/config/database.yml', RAILS_DB, 'rails database.yml')}\n",
    "shop/config/secrets.yml": f"production:\n  secret_key_base: {plant('shop/config/secrets.yml', RAILS_SECRETS, 'rails secrets.yml')}\n",
    # Kubernetes, compose, CI, Helm
    "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
    "      containers:\n        - name: web\n          image: web:1\n          env:\n"
    f"            - name: DB_PASSWORD\n              value: {plant('k8s/deployment.yaml', K8S_ENV, 'k8s env pair')}\n",
    "k8s/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\nstringData:\n"
    f"  api-token: {plant('k8s/secret.yaml', K8S_SECRET, 'k8s secret')}\n",
    "docker-compose.prod.yml": "services:\n  web:\n    image: shop/web:1\n    environment:\n"
    f"      DB_PASSWORD: {plant('docker-compose.prod.yml', COMPOSE_PASSWORD, 'compose deploy')}\n"
    f"      DATABASE_URL: postgres://app:{plant('docker-compose.prod.yml', COMPOSE_URL, 'compose url')}@db.example.net:5432/app\n",
    ".github/workflows/deploy.yml": "on: [push]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n"
    f"      NPM_TOKEN: {plant('.github/workflows/deploy.yml', NPM_TOKEN, 'npm')}\n"
    f"      DEPLOY_PASSWORD: {plant('.github/workflows/deploy.yml', CI_PASSWORD, 'ci env')}\n"
    "    steps:\n      - uses: actions/checkout@v4\n"
    f"      - run: 'curl -H \"Authorization: Bearer {plant('.github/workflows/deploy.yml', BEARER, 'bearer')}\" https://deploy.internal/hook'\n",
    "chart/values.yaml": 'replicaCount: 2\nimage:\n  repository: shop/web\n  tag: "1.0"\npostgresql:\n  auth:\n'
    f"    password: {plant('chart/values.yaml', HELM_PASSWORD, 'helm values')}\n",
    # Dockerfile, .env, Procfile, shell
    "Dockerfile": "FROM python:3.12-slim\n"
    f"ENV API_KEY {plant('Dockerfile', DOCKER_SPACE, 'ENV space form')}\n"
    f"ARG GITHUB_TOKEN={plant('Dockerfile', DOCKER_ARG, 'ARG')}\n"
    f"RUN mysql -h db -uroot -p{plant('Dockerfile', MYSQL_P, 'mysql -p')} -e 'select 1'\n"
    'COPY . /app\nCMD ["gunicorn", "app:app"]\n',
    ".env": f"DB_PASS={plant('.env', DB_PASS, 'DB_PASS')}\n"
    f"API_TOKEN={plant('.env', ENV_TOKEN, '.env')}\n"
    f"SENDGRID_API_KEY={plant('.env', SENDGRID_KEY, 'sendgrid')}\n"
    f"TWILIO_API_KEY={plant('.env', TWILIO_KEY, 'twilio')}\n"
    f'GOOGLE_PRIVATE_KEY="{plant(".env", ENV_PEM, "one-line PEM in .env")}"\n',
    "Procfile": f"release: mysql -h db.internal -u app --password {plant('Procfile', PROCFILE_PASSWORD, '--password <pw>')} app < schema.sql\n"
    "web: gunicorn app:app --bind 0.0.0.0:$PORT\n",
    "scripts/backup.sh": "#!/bin/sh\nset -e\n"
    f"export PGPASSWORD={plant('scripts/backup.sh', SHELL_PASSWORD, 'shell export')}\n"
    f"redis-cli -h cache.internal -a {plant('scripts/backup.sh', REDIS_CLI, 'redis-cli -a')} save\n"
    "pg_dump -h db.internal app > backup.sql\n",
    # Markdown, JSON, TOML, properties, XML, a PEM file
    "README.md": "# Shop\n\n## Deploy\n\n```sh\n"
    f"mysql -u root -p{plant('README.md', MD_PASSWORD, 'README mysql -p')} shop < schema.sql\n"
    f"curl -u admin:{plant('README.md', CURL_USER, 'curl -u')} https://shop.internal/admin\n"
    f"export GITLAB_TOKEN={plant('README.md', GITLAB_TOKEN, 'gitlab')}\n"
    "```\n",
    "deploy/service-account.json": '{"type": "service_account", "project_id": "shop",\n'
    f' "private_key": "{plant("deploy/service-account.json", PEM_ESCAPED, "one-line PEM in JSON")}",\n'
    ' "client_email": "deploy@shop.iam.gserviceaccount.com"}\n',
    "deploy/ecs-task.json": '{"containerDefinitions": [{"name": "web", "environment": [\n'
    f'  {{"name": "DB_PASSWORD", "value": "{plant("deploy/ecs-task.json", ECS_PASSWORD, "ECS name/value")}"}},\n'
    '  {"name": "PORT", "value": "8000"}]}]}\n',
    "deploy/registry.json": f'{{"auths": {{"registry": {{"password": "{plant("deploy/registry.json", JSON_PASSWORD, "json")}", "pypi": "{plant("deploy/registry.json", PYPI_TOKEN, "pypi")}"}}}}}}\n',
    "config/app.toml": '[database]\nhost = "db.internal"\n'
    f'password = "{plant("config/app.toml", TOML_PASSWORD, "toml")}"\n',
    "config/mail.properties": f"mail.smtp.password={plant('config/mail.properties', PROPERTIES_PASSWORD, 'properties')}\n",
    "config/settings.xml": f"<settings><servers><server><id>repo</id><password>{plant('config/settings.xml', XML_PASSWORD, 'xml')}</password></server></servers></settings>\n",
    "setup.cfg": f"[metadata]\nname = shop\n[db]\npassword = {plant('setup.cfg', INI_ERROR, 'setup.cfg')}\n",
    "deploy/id_rsa": PEM,
}
for _body in PEM_BODY:
    plant("deploy/id_rsa", _body, "multi-line PEM body")
for _body in PEM_BODY:
    plant("deploy/service-account.json", _body, "one-line PEM body")
for _body in ENV_PEM_BODY:
    plant(".env", _body, "one-line PEM body (.env)")

#: files whose parsers quote the offending line in their error message (configparser does)
ERROR_FILES: dict[str, str] = {
    "requirements.txt": "flask==3.0.0\n",
    "setup.cfg": f"db_password = {INI_ERROR}\n[metadata]\nname = shop\n",
    ".gitmodules": f'url = https://deploy:{URL_PASSWORD}@git.example.com/app.git\n[submodule "x"]\n',
}

# --- look-alikes that are not secrets ---------------------------------------------------------------

NOT_SECRETS: list[tuple[str, str]] = []


def looks(path: str, line: str) -> str:
    NOT_SECRETS.append((path, line))
    return line


NOT_SECRET_FILES: dict[str, str] = {
    "requirements.txt": "flask==3.0.0\n",
    "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\n"
    + "".join(
        looks("app.py", line) + "\n"
        for line in (
            'app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]',
            'password = request.form["password"]',
            'token = request.headers.get("Authorization", "").removeprefix("Bearer ")',
            'INTERNAL_RESET_SESSION_TOKEN = "_password_reset_token"',
            'PASSWORD_FIELD = "password"',
            'token = "is not"',
            'fields = ["username", "password", "password_confirmation"]',
            "api_key = settings.API_KEY",
            'SECRET_KEY = "changethis"',
            'SECRET_KEY = "your-secret-here"',
            'DB_PASSWORD = "xxx"',
            'API_KEY = "example"',
            'AWS_ACCESS_KEY_ID = "AKIA' + 'IOSFODNN7EXAMPLE"',
            'AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY"',
            'password_hash = "pbkdf2_sha256$600000$abc$def"',
            'token_url = "https://oauth2.googleapis.com/token"',
        )
    ),
    "web/package.json": '{"name": "web", "dependencies": {"jsonwebtoken": "^9.0.2"}}\n',
    "web/app.js": "".join(
        looks("web/app.js", line) + "\n"
        for line in (
            "const csrf = document.querySelector('meta[name=\"csrf-token\"]').content;",
            '"X-CSRF-Token": document.querySelector(\'[name="csrf-token"]\').content,',
            'const password = document.getElementById("password").value;',
            '<button aria-label="Show password" type="button"></button>',
            'const token = localStorage.getItem("token");',
            "const options = { apiKey: process.env.API_KEY };",
            "const secret = `${process.env.SECRET}`;",
        )
    ),
    "web/locales/en.json": "{\n"
    + "".join(
        looks("web/locales/en.json", line) + "\n"
        for line in (
            '  "form.integration.notion_token": "Notion Token",',
            '  "error.invalid_token": "Invalid or expired token.",',
            '  "form.label.password": "Password",',
            '  "error.bad_credentials": "Invalid username or password.",',
        )
    )
    + '  "end": "."\n}\n',
    "config/locales/de.yml": "de:\n"
    + "".join(
        looks("config/locales/de.yml", line) + "\n"
        for line in (
            "  invalid_token: Ungültiges Token.",
            "  password: Passwort",
        )
    ),
    "templates/login.html": "".join(
        looks("templates/login.html", line) + "\n"
        for line in (
            '<input type="password" name="password" value="{{password}}">',
            '<%= f.password_field :password, value: "<%= password %>" %>',
            '<label for="id_password">Password:</label>',
        )
    ),
    "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n    environment:\n"
    + "".join(
        looks("docker-compose.yml", line) + "\n"
        for line in (
            "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?Variable not set}",
            "      POSTGRES_USER: ${POSTGRES_USER:-app}",
        )
    )
    + "  cache:\n    image: redis:7\n    environment:\n"
    + "".join(
        looks("docker-compose.yml", line) + "\n"
        for line in (
            "      REDIS_PASSWORD: changethis",
            "      MYSQL_ROOT_PASSWORD: local-root-pw-1234",
        )
    ),
    "docker-compose.override.yml": "services:\n  db:\n    environment:\n"
    + looks("docker-compose.override.yml", "      POSTGRES_PASSWORD: devpassword2024!")
    + "\n",
    "k8s/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\nstringData:\n"
    + "".join(
        looks("k8s/secret.yaml", line) + "\n"
        for line in (
            "  db-password: changeme",
            "  api-token: ${API_TOKEN}",
            '  jwt-secret: "<your-jwt-secret>"',
        )
    ),
    "k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
    "      containers:\n        - name: web\n          image: web:1\n          env:\n"
    + "".join(
        looks("k8s/deployment.yaml", line) + "\n"
        for line in (
            "            - name: DB_PASSWORD",
            "              valueFrom:",
            "                secretKeyRef: {name: db, key: password}",
        )
    ),
    ".github/workflows/ci.yml": "on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n"
    + "".join(
        looks(".github/workflows/ci.yml", line) + "\n"
        for line in (
            "      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}",
            "      DB_PASSWORD: postgres",
        )
    )
    + "    steps:\n      - run: pytest\n",
    ".env.example": "".join(
        looks(".env.example", line) + "\n"
        for line in (
            "SECRET_KEY=your-secret-key-here",
            "DB_PASSWORD=changeme",
            "API_TOKEN=",
            "STRIPE_KEY=sk_test_xxx",
        )
    ),
    "README.md": "# App\n\n```sh\n"
    + "".join(
        looks("README.md", line) + "\n"
        for line in (
            "export SECRET_KEY=<your-secret-key>",
            "mysql -u root -p app < schema.sql",
            'curl -H "Authorization: Bearer $TOKEN" https://api.example.com',
            "docker run -e POSTGRES_PASSWORD=postgres postgres:16",
        )
    )
    + "```\n",
    "docs/config.md": "".join(
        looks("docs/config.md", line) + "\n"
        for line in (
            '    "PASSWORD": "s3krit",',
            "DATABASE_URL=postgres://user:password@localhost/db",
            "SECRET_KEY = 'django-insecure-replace-me'",
        )
    ),
    "tests/test_login.py": "".join(
        looks("tests/test_login.py", line) + "\n"
        for line in (
            'client.login(username="alice", password="SecurePass123!")',
            'TEST_TOKEN = "valid-token-123"',
            'API_KEY = "a06b-c462cffae87a"',
        )
    ),
    "helm/templates/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n"
    + looks("helm/templates/secret.yaml", "  password: {{ .Values.password | b64enc }}")
    + "\n",
}
