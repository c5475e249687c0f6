import os

from fastapi import FastAPI

from notes_api.store import Store

app = FastAPI(title="notes")
store = Store(os.environ.get("DATABASE_URL", "sqlite:///notes.db"))


@app.get("/notes")
def list_notes() -> list[dict]:
    return store.all()
