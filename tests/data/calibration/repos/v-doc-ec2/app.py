"""Turns long URLs into short codes, stored in PostgreSQL."""
import os
import secrets

import psycopg
from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)


def connect():
    return psycopg.connect(os.environ["DATABASE_URL"])


@app.post("/links")
def create():
    url = request.get_json(force=True)["url"]
    code = secrets.token_urlsafe(5)
    with connect() as conn:
        conn.execute("INSERT INTO links (code, url) VALUES (%s, %s)", (code, url))
    return jsonify(code=code), 201


@app.get("/<code>")
def follow(code):
    with connect() as conn:
        row = conn.execute("SELECT url FROM links WHERE code = %s", (code,)).fetchone()
    if row is None:
        abort(404)
    return redirect(row[0])
