"""Request helpers for Flask apps.

Usage::

    from flask import Flask
    from flaskish import Helpers

    app = Flask(__name__)
    Helpers(app)
    app.run(debug=True)
"""

from flask import Flask


class Helpers:
    """Registers the helpers on *app*, a Flask application."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        app.extensions["flaskish"] = self
