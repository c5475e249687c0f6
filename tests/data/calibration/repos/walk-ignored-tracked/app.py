"""Feature flags for the company's internal tools."""
from flask import Flask, abort, jsonify, request

import settings
from pkg.store.settings import SettingsStore

app = Flask(__name__)
store = SettingsStore(settings.DATA_FILE)


@app.get("/flags")
def all_flags():
    return jsonify(store.all())


@app.put("/flags/<name>")
def set_flag(name):
    value = request.get_json(force=True).get("enabled")
    if not isinstance(value, bool):
        abort(400)
    store.set(name, value)
    return jsonify({name: value})
