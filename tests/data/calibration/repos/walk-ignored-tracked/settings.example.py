# Copy to settings.py (git-ignored) and adjust per deploy.
DATA_FILE = "flags.json"
