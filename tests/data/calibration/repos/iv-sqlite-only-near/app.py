"""A notes API on SQLAlchemy."""
import os

import click
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.getenv("DATABASE_URL", "sqlite:///dev.db")
db = SQLAlchemy(app)


class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.Text, nullable=False)


@app.get("/notes")
def list_notes():
    return jsonify([{"id": n.id, "body": n.body} for n in Note.query.order_by(Note.id).all()])


@app.post("/notes")
def add_note():
    note = Note(body=request.get_json(force=True)["body"])
    db.session.add(note)
    db.session.commit()
    return jsonify(id=note.id), 201


@app.cli.command("init-db")
def init_db():
    """Create the tables (run once per environment)."""
    db.create_all()
    click.echo("tables created")
