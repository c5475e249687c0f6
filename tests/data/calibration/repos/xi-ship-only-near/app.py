"""Accepts orders and logs them."""
import logging
import os
import sys

import sentry_sdk
from flask import Flask, jsonify, request

logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
log = logging.getLogger("orders")

if os.environ.get("SENTRY_DSN"):
    sentry_sdk.init(dsn=os.environ["SENTRY_DSN"], traces_sample_rate=0.0)


app = Flask(__name__)


@app.post("/orders")
def create_order():
    order = request.get_json(force=True)
    log.info("order received: %s items for %s", len(order.get("items", [])), order.get("customer"))
    return jsonify(status="accepted"), 202


@app.get("/healthz")
def health():
    return "ok"
