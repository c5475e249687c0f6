"""Serves a random quote from PostgreSQL."""
import os

import psycopg
from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/quote")
def quote():
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        row = conn.execute("SELECT text, author FROM quotes ORDER BY random() LIMIT 1").fetchone()
    return jsonify(text=row[0], author=row[1]) if row else (jsonify(error="no quotes"), 404)


@app.get("/healthz")
def health():
    return "ok"
