"""Small repository files: .gitmodules, .dockerignore and Heroku's app.json."""

from __future__ import annotations

import configparser
import json
import posixpath
import re

from twelve.facts.base import Fact, Source


def _gitmodules(source: Source) -> list[Fact]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read_string(source.text)
    facts: list[Fact] = []
    for section in parser.sections():
        match = re.match(r'submodule\s+"(.*)"', section)
        if not match:
            continue
        path = parser.get(section, "path", fallback=match.group(1))
        line = next((i for i, l in enumerate(source.lines, 1) if section in l), 1)
        facts.append(
            source.fact(
                "vcs.submodule",
                line,
                name=match.group(1),
                path=path,
                url=re.sub(r"//[^/@]*@", "//", parser.get(section, "url", fallback="")),
            )
        )
    return facts


def _dockerignore(source: Source) -> list[Fact]:
    patterns = [(i, l.strip()) for i, l in enumerate(source.lines, 1) if l.strip() and not l.strip().startswith("#")]
    return [source.fact("docker.ignore", i, pattern=p) for i, p in patterns]


def _app_json(source: Source) -> list[Fact]:
    data = json.loads(source.text)
    if not isinstance(data, dict):
        return []
    env_value = data.get("env")
    env = env_value if isinstance(env_value, dict) else {}
    scripts_value = data.get("scripts")
    scripts = scripts_value if isinstance(scripts_value, dict) else {}
    formation_value = data.get("formation")
    formation = formation_value if isinstance(formation_value, dict) else {}
    return [
        source.fact(
            "heroku.app",
            1,
            env=sorted(env),
            scripts={str(k): str(v) for k, v in scripts.items()},
            formation={str(k): (v.get("quantity") if isinstance(v, dict) else None) for k, v in formation.items()},
            addons=[
                str(a if isinstance(a, str) else a.get("plan", ""))
                for a in data.get("addons", [])
                if isinstance(a, (str, dict))
            ],
        )
    ]


_WEBSERVER_MODULE = re.compile(
    r"^\s*(WSGIScriptAlias|WSGIDaemonProcess|LoadModule\s+wsgi_module|LoadModule\s+php\w*_module|"
    r"PassengerEnabled|passenger_enabled\s+on|uwsgi_pass|JkMount)\b",
    re.I,
)


def _webserver_config(source: Source) -> list[Fact]:
    facts: list[Fact] = []
    for number, line in enumerate(source.lines, start=1):
        match = _WEBSERVER_MODULE.match(line)
        if match:
            facts.append(source.fact("webserver.module", number, directive=match.group(1).split()[0]))
    return facts


def _aptfile(source: Source) -> list[Fact]:
    return [
        source.fact("aptfile.package", i, name=l.strip())
        for i, l in enumerate(source.lines, 1)
        if l.strip() and not l.strip().startswith(("#", ":"))
    ]


def extract(source: Source) -> list[Fact]:
    name = posixpath.basename(source.path)
    if name == "Aptfile":
        return _aptfile(source)
    if source.kind == "ini" and name.endswith(".conf"):
        return _webserver_config(source)
    if source.kind == "gitmodules":
        return _gitmodules(source)
    if source.kind == "dockerignore":
        return _dockerignore(source)
    if name == "app.json":
        return _app_json(source)
    return []
