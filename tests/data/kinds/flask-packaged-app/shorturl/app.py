import os

from flask import Flask

app = Flask(__name__)
app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]


@app.get("/")
def index():
    return "ok"
