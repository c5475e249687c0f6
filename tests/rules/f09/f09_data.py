"""Small repositories the tests of factor IX share."""

from __future__ import annotations

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK_APP = {
    "app.py": """
    from flask import Flask

    app = Flask(__name__)

    if __name__ == "__main__":
        app.run(host="0.0.0.0", port=5000)
    """
}

ENTRYPOINT_NO_ARGS = {
    **REQS,
    **FLASK_APP,
    "Dockerfile": """
        FROM python:3.12-slim
        COPY . .
        ENTRYPOINT ["sh", "./entrypoint.sh"]
        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
        """,
    "entrypoint.sh": """
        #!/bin/sh
        while ! pg_isready -h "$DB_HOST"; do
          sleep 1
        done
        flask init-db
        exec gunicorn --bind 0.0.0.0:8000 app:app
        """,
}

ENTRYPOINT_EXEC_ARGS = {
    **REQS,
    **FLASK_APP,
    "Dockerfile": """
        FROM python:3.12-slim
        COPY . .
        ENTRYPOINT ["/docker-entrypoint.sh"]
        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
        """,
    "docker-entrypoint.sh": """
        #!/bin/sh
        set -e
        exec "$@"
        """,
}

SHELL_FORM = {
    **REQS,
    **FLASK_APP,
    "Dockerfile": """
    FROM python:3.12-slim
    COPY . .
    CMD python app.py
    """,
}

PACKAGE_JSON = '{"name": "shop", "version": "1.0.0", "scripts": {"start": "node server.js"}, "dependencies": {"express": "4.19.2"}}\n'
EXPRESS = 'const express = require("express");\nconst app = express();\napp.listen(process.env.PORT);\n'
NPM_APP = {"package.json": PACKAGE_JSON, "server.js": EXPRESS}
GEMFILE = 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "puma"\ngem "sidekiq"\ngem "unicorn"\n'
POM = """\
    <project>
      <modelVersion>4.0.0</modelVersion>
      <parent>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-starter-parent</artifactId>
        <version>3.3.5</version>
      </parent>
      <groupId>com.acme</groupId>
      <artifactId>orders</artifactId>
      <version>1.0.0</version>
      <dependencies>
        <dependency>
          <groupId>org.springframework.boot</groupId>
          <artifactId>spring-boot-starter-web</artifactId>
        </dependency>
      </dependencies>
    </project>
    """
RES = "src/main/resources"


def pom(*, boot: str = "3.3.5") -> str:
    """A Spring Boot POM with the web starter, of Spring Boot *boot*."""
    return POM.replace("<version>3.3.5</version>", f"<version>{boot}</version>")


GO_MOD = {"go.mod": "module github.com/acme/api\n\ngo 1.22\n"}
GO_GRACEFUL = {
    "main.go": """
    package main

    import (
    	"context"
    	"net/http"
    	"os"
    	"os/signal"
    	"syscall"
    )

    func main() {
    	srv := &http.Server{Addr: ":" + os.Getenv("PORT")}
    	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
    	defer stop()
    	go srv.ListenAndServe()
    	<-ctx.Done()
    	srv.Shutdown(context.Background())
    }
    """
}
GO_ABRUPT = {
    "main.go": """
    package main

    import "net/http"

    func main() {
    	http.ListenAndServe(":8080", nil)
    }
    """
}


def params(found, key):
    return [f.message.param_dict()[key] for f in found]


def variants(found):
    """The message key of each finding (its variant: `F09-S01.message_node`)."""
    return [f.message.key for f in found]


def deployment(*, pod: str = "", container: str = "") -> str:
    return f"""
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:{pod}
      containers:
        - name: web
          image: registry.example.com/shop:1.4.2{container}
          env:
            - name: LOG_LEVEL
              value: info
      volumes:
        - name: tmp
          emptyDir: {{}}
"""


K8S_APP = {
    "requirements.txt": "flask==3.0.3\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
}
