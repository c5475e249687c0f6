"""Arbitrary and mutated input never makes a parser raise anything but its documented parse error."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fuzzing import FAST, mutations, run_extractor, texty
from twelve.facts import compose, dockerfile, docs, envfile, misc, procfile, pymanifests, python, secretscan, shell
from twelve.facts.secrets import redact, scan_line
from twelve.facts.shellwords import split_commands
from twelve.facts.yamlio import YamlError, load_all

SEEDS = {
    "dockerfile": 'FROM python:3.12 AS b\nRUN <<EOF\necho hi\nEOF\nENV A=1 B="2 3"\nCMD ["gunicorn"]\nENTRYPOINT sh x.sh\n',
    "compose": "services:\n  app:\n    build: .\n    environment:\n      - A=1\n    volumes: ['.:/app']\n",
    "requirements": "flask==3.0\n-r other.txt\n-e .\ngit+https://x/y.git#egg=z\nfoo>=1 \\\n  --hash=sha256:aa\n",
    "python": "import os\nX = os.getenv('X', 'y')\napp.run(debug=True)\nclass C(BaseSettings):\n    a: str = 'b'\n",
    "shell": "#!/bin/sh\nwhile ! nc -z db 5432; do sleep 1; done\ntrap '' TERM\nexec \"$@\"\n",
}


@FAST
@given(st.one_of(texty, mutations(SEEDS["dockerfile"])))
def test_dockerfile_parser_never_raises(text):
    run_extractor(dockerfile, "dockerfile", text, "Dockerfile")


@FAST
@given(st.one_of(texty, mutations(SEEDS["compose"])))
def test_compose_parser_raises_only_yaml_errors(text):
    run_extractor(compose, "compose", text, "docker-compose.yml", (YamlError,))


@FAST
@given(st.one_of(texty, mutations(SEEDS["requirements"])))
def test_requirements_parser_never_raises(text):
    run_extractor(pymanifests, "requirements", text, "requirements.txt")


@FAST
@given(st.one_of(texty, mutations('[project]\nname="x"\ndependencies=["a==1"]\n[tool.poetry.dependencies]\nb="^1"\n')))
def test_pyproject_parser_raises_only_toml_errors(text):
    run_extractor(pymanifests, "pyproject", text, "pyproject.toml", (pymanifests.tomllib.TOMLDecodeError,))


@FAST
@given(st.one_of(texty, mutations(SEEDS["python"])))
def test_python_extractor_never_raises(text):
    run_extractor(python, "python", text, "app.py")


@FAST
@given(st.one_of(texty, mutations(SEEDS["shell"])))
def test_shell_and_procfile_and_env_and_docs_never_raise(text):
    run_extractor(shell, "shell", text, "entrypoint.sh")
    run_extractor(procfile, "procfile", text, "Procfile")
    run_extractor(envfile, "env", text, ".env")
    run_extractor(docs, "markdown", text, "README.md")
    run_extractor(secretscan, "text", text, "notes.txt")


@FAST
@given(texty)
def test_misc_parsers_raise_only_parse_errors(text):
    import configparser
    import json

    run_extractor(misc, "gitmodules", text, ".gitmodules", (configparser.Error,))
    run_extractor(misc, "app_json", text, "app.json", (json.JSONDecodeError,))
    run_extractor(misc, "dockerignore", text, ".dockerignore")


@FAST
@given(texty)
def test_shellwords_and_secrets_never_raise(text):
    for command in split_commands(text):
        assert isinstance(command.argv, tuple)
    for hit in scan_line(text):
        assert 0 <= hit.start <= hit.end <= len(text)
    assert isinstance(redact(text), str)


def test_yaml_alias_bomb_is_bounded():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 12):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    try:
        load_all("\n".join(lines))
    except YamlError as exc:
        assert "bounded" in str(exc) or "too" in str(exc)
    else:  # shared nodes are built once: still fine, as long as it returned quickly
        pass


def test_yaml_keeps_on_as_a_string_and_records_duplicates():
    doc = load_all("on:\n  push: {}\nkey: 1\nkey: 2\nversion: 1.10\nflag: yes\n")[0]
    assert "on" in doc and True not in doc
    assert doc.duplicates == ["key"] and doc["key"] == 2
    assert doc["version"] == "1.10" and doc["flag"] == "yes"
