"""Keeps the calendar integrations of each account fresh."""
import os

import psycopg
import requests
from flask import Flask, jsonify

app = Flask(__name__)


def connect():
    return psycopg.connect(os.environ["DATABASE_URL"])


def refresh(row):
    payload = {
        'grant_type': 'refresh_token',
        'refresh_token': row['refresh_token'],
        'client_id': os.environ['OAUTH_CLIENT_ID'],
        'client_secret': os.environ['OAUTH_CLIENT_SECRET'],
    }
    response = requests.post(os.environ['OAUTH_TOKEN_URL'], data=payload, timeout=10)
    response.raise_for_status()
    return response.json()


@app.post("/integrations/<int:account_id>/refresh")
def refresh_account(account_id):
    with connect() as conn:
        cur = conn.cursor(row_factory=psycopg.rows.dict_row)
        row = cur.execute("SELECT refresh_token FROM integrations WHERE account_id = %s", (account_id,)).fetchone()
        if row is None:
            return jsonify(error="no integration"), 404
        tokens = refresh(row)
        cur.execute(
            "UPDATE integrations SET access_token = %s, refresh_token = %s WHERE account_id = %s",
            (tokens["access_token"], tokens.get("refresh_token", row["refresh_token"]), account_id),
        )
    return jsonify(status="refreshed")
