"""A tiny status page that shows who is on call this week."""
import os

from flask import Flask, jsonify

app = Flask(__name__)

ROTA = ["alice", "bob", "carol"]


@app.get("/")
def index():
    return jsonify(team=os.environ.get("TEAM_NAME", "platform"), on_call=ROTA[0])


@app.get("/healthz")
def health():
    return "ok"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
