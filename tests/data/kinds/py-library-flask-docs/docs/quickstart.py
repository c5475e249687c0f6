from flask import Flask

from flaskish import Helpers

app = Flask(__name__)
Helpers(app)
