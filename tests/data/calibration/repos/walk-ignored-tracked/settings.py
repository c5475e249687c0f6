# per-deploy settings of this checkout (git-ignored)
DATA_FILE = "flags.json"
