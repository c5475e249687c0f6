"""Accepts orders and logs them."""
import logging
import logging.handlers

from flask import Flask, jsonify, request

handler = logging.handlers.SysLogHandler(address=("logs.example.net", 514))
handler.setFormatter(logging.Formatter("orders: %(levelname)s %(name)s %(message)s"))
root = logging.getLogger()
root.handlers = [handler]
root.setLevel(logging.INFO)
log = logging.getLogger("orders")


app = Flask(__name__)


@app.post("/orders")
def create_order():
    order = request.get_json(force=True)
    log.info("order received: %s items for %s", len(order.get("items", [])), order.get("customer"))
    return jsonify(status="accepted"), 202


@app.get("/healthz")
def health():
    return "ok"
