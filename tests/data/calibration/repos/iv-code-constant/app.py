"""Counts page views per path."""
import redis
from flask import Flask, jsonify

app = Flask(__name__)
cache = redis.Redis(host="cache.internal", port=6379, db=0)


@app.post("/views/<path:page>")
def hit(page):
    return jsonify(page=page, views=cache.incr(f"views:{page}"))


@app.get("/views/<path:page>")
def views(page):
    return jsonify(page=page, views=int(cache.get(f"views:{page}") or 0))
