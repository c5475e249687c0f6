"""The flag store: a JSON document loaded at start and written back on every change."""
import json
import threading


class SettingsStore:
    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()
        try:
            with open(path, encoding="utf-8") as fh:
                self._flags = json.load(fh)
        except FileNotFoundError:
            self._flags = {}

    def all(self):
        return dict(self._flags)

    def set(self, name, value):
        with self._lock:
            self._flags[name] = value
            with open(self.path, "w", encoding="utf-8") as fh:
                json.dump(self._flags, fh, indent=2)
