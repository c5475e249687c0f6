"""Converts amounts between currencies with the day's reference rates."""
import os

import requests
from flask import Flask, abort, jsonify

app = Flask(__name__)

RATES_URL = os.environ.get("RATES_URL", "https://api.frankfurter.app/latest")


@app.get("/convert/<base>/<target>/<float:amount>")
def convert(base, target, amount):
    response = requests.get(RATES_URL, params={"from": base.upper(), "to": target.upper()}, timeout=5)
    if response.status_code != 200:
        abort(502)
    rate = response.json()["rates"].get(target.upper())
    if rate is None:
        abort(404)
    return jsonify(base=base.upper(), target=target.upper(), amount=amount, result=round(amount * rate, 2))


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
