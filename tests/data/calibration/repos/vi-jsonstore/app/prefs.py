"""Per-user display preferences, kept in a JSON file."""
import json
import os
import tempfile


class Prefs:
    def __init__(self, path="data/prefs.json"):
        self.path = path
        try:
            with open(path, encoding="utf-8") as fh:
                self._data = json.load(fh)
        except FileNotFoundError:
            self._data = {}

    def get(self, user_id):
        return self._data.get(str(user_id), {})

    def update(self, user_id, values):
        self._data.setdefault(str(user_id), {}).update(values)
        self.save()

    def save(self):
        directory = os.path.dirname(self.path) or "."
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self._data, fh)
        os.replace(tmp, self.path)
