"""Small apps of each non-Python stack, for the tests that check advice speaks the app's stack."""

from __future__ import annotations

from twelve.locale import Catalog

GO_MOD = "module example.com/orders\n\ngo 1.21\n\nrequire github.com/lib/pq v1.10.9\n"
GO_MAIN = """
    package main

    import (
    \t"database/sql"
    \t"net/http"
    \t"os"

    \t_ "github.com/lib/pq"
    )

    func main() {
    \tdb, _ := sql.Open("postgres", os.Getenv("DATABASE_URL"))
    \tdefer db.Close()
    \thttp.ListenAndServe(":"+os.Getenv("PORT"), nil)
    }
    """
GO_APP = {"go.mod": GO_MOD, "main.go": GO_MAIN}
GO_SHELL_CMD = {
    **GO_APP,
    "Dockerfile": "FROM golang:1.21\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/orders .\nCMD /app/orders\n",
}

NODE_PACKAGE = (
    '{"name": "shop", "version": "1.0.0", "main": "server.js", '
    '"dependencies": {"express": "4.19.2", "mongoose": "8.0.0", "node-cron": "3.0.3"}}\n'
)
NODE_SERVER = """
    const express = require("express");
    const mongoose = require("mongoose");
    const cron = require("node-cron");
    mongoose.connect(process.env.MONGODB_URL);
    cron.schedule("0 3 * * *", () => console.log("cleanup"));
    const app = express();
    app.listen(process.env.PORT);
    """
NODE_APP = {"package.json": NODE_PACKAGE, "server.js": NODE_SERVER}
NODE_SHELL_CMD = {**NODE_APP, "Dockerfile": "FROM node:20\nWORKDIR /app\nCOPY . .\nCMD node server.js\n"}

RUBY_APP = {
    "Gemfile": 'source "https://rubygems.org"\ngem "sinatra", "4.0.0"\ngem "puma", "6.4.2"\n',
    "app.rb": 'require "sinatra"\nget("/") { "ok" }\n',
    "config.ru": 'require "./app"\nrun Sinatra::Application\n',
    "Dockerfile": 'FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install\nCMD bundle exec puma -p "$PORT"\n',
}

PYTHON_ADVICE = ("gunicorn", "Celery", "Alembic", "BlockingScheduler", "os.environ", "create_engine", "app:app")


def remediations(findings) -> list[str]:
    """The remediation of each finding, rendered in English and in Portuguese."""
    return [Catalog(lang).render(f.remediation) for f in findings for lang in ("en", "pt-BR")]


def python_advice(texts: list[str]) -> list[str]:
    """The Python-only words found in *texts*."""
    return [word for text in texts for word in PYTHON_ADVICE if word in text]
