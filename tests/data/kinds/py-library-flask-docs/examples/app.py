from flask import Flask

from flaskish import Helpers

app = Flask(__name__)
Helpers(app)

if __name__ == "__main__":
    app.run(port=8000)
