"""Values derived from the whole repository are computed once per run, however many apps read them
(a monorepo of a hundred apps must not pay a hundred times: issue 13, linear in app roots)."""

from __future__ import annotations

from helpers import write_tree
from twelve import pipeline
from twelve.appmodel import codebase

APPS = {
    f"svc{i}/{name}": body
    for i in range(4)
    for name, body in {
        "requirements.txt": "flask==3.0.0\n",
        "app.py": "import os\nfrom flask import Flask\napp = Flask(__name__)\nPORT = os.environ['PORT']\n",
        "Procfile": "web: gunicorn app:app\n",
    }.items()
}


def test_the_deployables_and_held_paths_are_computed_once_for_every_app(tmp_path, monkeypatch):
    calls = {"deployables": 0}
    real = codebase._deployables

    def counted(facts):
        calls["deployables"] += 1
        return real(facts)

    monkeypatch.setattr(codebase, "_deployables", counted)
    assessment = pipeline.assess(str(write_tree(tmp_path / "repo", APPS)), pipeline.Options(jobs=1))
    assert len(assessment.apps) == 4
    assert calls["deployables"] == 1
