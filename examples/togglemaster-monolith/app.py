"""ToggleMaster: a tiny feature-flag service (monolith version)."""

import os

import click
import psycopg2
import psycopg2.extras
from flask import Flask, jsonify, request

app = Flask(__name__)

# Database settings come from the environment; they are read once, when the module loads.
DB_HOST = os.getenv("DB_HOST")
DB_NAME = os.getenv("DB_NAME")
DB_USER = os.getenv("DB_USER")
DB_PASSWORD = os.getenv("DB_PASSWORD")


def get_connection():
    """Open a fresh connection for the current request."""
    return psycopg2.connect(
        host=DB_HOST,
        dbname=DB_NAME,
        user=DB_USER,
        password=DB_PASSWORD,
    )


def init_db():
    """Create the flags table when it does not exist yet."""
    try:
        conn = get_connection()
        cur = conn.cursor()
        cur.execute(
            """
            CREATE TABLE IF NOT EXISTS flags (
                id SERIAL PRIMARY KEY,
                name VARCHAR(100) UNIQUE NOT NULL,
                is_enabled BOOLEAN NOT NULL DEFAULT FALSE,
                created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
            )
            """
        )
        conn.commit()
        cur.close()
        conn.close()
        print("Banco de dados inicializado com sucesso.")
    except Exception as exc:
        print(f"Falha ao inicializar o banco de dados: {exc}")


@app.cli.command("init-db")
def init_db_command():
    """Flask CLI entry: flask init-db."""
    init_db()


@app.route("/health", methods=["GET"])
def health():
    return jsonify({"status": "ok"})


@app.route("/flags", methods=["POST"])
def create_flag():
    payload = request.get_json(silent=True) or {}
    name = payload.get("name")
    if not name:
        return jsonify({"erro": "O campo 'name' é obrigatório."}), 400
    is_enabled = bool(payload.get("is_enabled", False))
    try:
        conn = get_connection()
        cur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
        cur.execute(
            "INSERT INTO flags (name, is_enabled) VALUES (%s, %s) RETURNING id, name, is_enabled",
            (name, is_enabled),
        )
        flag = cur.fetchone()
        conn.commit()
        cur.close()
        conn.close()
        return jsonify(flag), 201
    except psycopg2.errors.UniqueViolation:
        return jsonify({"erro": f"A flag '{name}' já existe."}), 409
    except Exception as exc:
        return jsonify({"erro": str(exc)}), 500


@app.route("/flags", methods=["GET"])
def list_flags():
    try:
        conn = get_connection()
        cur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
        cur.execute("SELECT id, name, is_enabled FROM flags ORDER BY name")
        flags = cur.fetchall()
        cur.close()
        conn.close()
        return jsonify(flags)
    except Exception as exc:
        return jsonify({"erro": str(exc)}), 500


@app.route("/flags/<string:name>", methods=["GET"])
def get_flag(name):
    try:
        conn = get_connection()
        cur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
        cur.execute("SELECT id, name, is_enabled FROM flags WHERE name = %s", (name,))
        flag = cur.fetchone()
        cur.close()
        conn.close()
        if flag is None:
            return jsonify({"erro": f"A flag '{name}' não foi encontrada."}), 404
        return jsonify(flag)
    except Exception as exc:
        return jsonify({"erro": str(exc)}), 500


@app.route("/flags/<string:name>", methods=["PUT"])
def update_flag(name):
    payload = request.get_json(silent=True) or {}
    if "is_enabled" not in payload:
        return jsonify({"erro": "O campo 'is_enabled' é obrigatório."}), 400
    try:
        conn = get_connection()
        cur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
        cur.execute(
            "UPDATE flags SET is_enabled = %s WHERE name = %s RETURNING id, name, is_enabled",
            (bool(payload["is_enabled"]), name),
        )
        flag = cur.fetchone()
        conn.commit()
        cur.close()
        conn.close()
        if flag is None:
            return jsonify({"erro": f"A flag '{name}' não foi encontrada."}), 404
        return jsonify(flag)
    except Exception as exc:
        return jsonify({"erro": str(exc)}), 500


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
