"""Platform descriptors: fly.toml (Fly.io) and render.yaml (Render Blueprints).

Fact kinds (documented in docs/facts.md):

- `platform.service`: one process the platform runs (`platform`, `app`, `name`, `type` web/worker/
  cron/private, `start`, `release` (release/pre-deploy command), `build` (dockerfile/image/command),
  `env` [{`key`, `line`, `source` literal/database/service/generated/unsynced/group, `grade`,
  `value` for non-secret literals}], `port`, `health_check`, `instances`, `min_instances`,
  `max_instances`, `volumes` [{`source`, `target`, `line`}], `kill_signal`, `kill_timeout`,
  `auto_deploy`).
- `platform.database`: a managed backing service the descriptor provisions (`platform`, `name`,
  `engine`, `version`).
- `secret`: literal credentials in `[env]`/`envVars` that the line scan cannot see (Render writes
  the key and the value on two lines), masked.

Heroku's app.json is read by facts/misc.py (`heroku.app`).
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.dockerfile import parse_image
from twelve.facts.secrets import grade_value, mask, redact, scan_line
from twelve.facts.waivermark import without_waivers
from twelve.facts.yamlio import LDict, LList, load

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef,unused-ignore]

SECRET_NAME = re.compile(
    r"(?i)(^|[_.-])(secret([_-]?key)?|password|passwd|pwd|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key(_id)?|"
    r"client[_-]?secret|signing[_-]?key|encryption[_-]?key|credentials?|auth[_-]?key|jwt[_-]?secret|dsn)$"
)
_URL_CREDENTIALS = re.compile(r"^[a-z][a-z0-9+.-]*://[^/@\s:]+:[^/@\s]+@", re.I)
_HEADER = re.compile(r"^\s*\[\[?\s*([\w.\"-]+)\s*\]\]?")
MAX_ITEMS = 200


# --- shared -------------------------------------------------------------------------------------


def _literal_env(
    source: Source, key: str, value: Any, line: int | None, kind: str
) -> tuple[dict[str, Any], list[Fact]]:
    text = "" if value is None else str(value)
    secret_name = bool(SECRET_NAME.search(key))
    credentials = bool(_URL_CREDENTIALS.match(text))
    grade = grade_value(key, text) if text and (secret_name or credentials) else None
    facts: list[Fact] = []
    if grade == "secret" and secret_name and line is not None and not scan_line(source.line_text(line)):
        facts.append(
            source.fact(
                "secret",
                line,
                f"{key} (literal value {mask(text)})",
                kind=kind,
                name=key,
                grade="secret",
                redacted=mask(text),
                file_kind=source.kind,
            )
        )
    shown = mask(text) if (secret_name and grade) else redact(text)[:200]
    return {
        "key": key,
        "line": line,
        "source": "literal",
        "grade": grade,
        "secret_name": secret_name,
        "value": shown,
    }, facts


# --- fly.toml -----------------------------------------------------------------------------------


class _TomlLines:
    """Line numbers of keys in a TOML file (tomllib does not keep them)."""

    def __init__(self, source: Source) -> None:
        self.lines = source.lines
        self.headers: list[tuple[str, int]] = []
        for number, text in enumerate(self.lines, start=1):
            match = _HEADER.match(text)
            if match:
                self.headers.append((match.group(1).replace('"', ""), number))

    def table(self, name: str, occurrence: int = 0) -> int | None:
        found = [line for header, line in self.headers if header == name]
        return found[occurrence] if occurrence < len(found) else None

    def key(self, key: str, table: str | None = None, occurrence: int = 0) -> int | None:
        start = self.table(table, occurrence) if table else 0
        if table and start is None:
            return None
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for number in range((start or 0) + 1, len(self.lines) + 1):
            text = self.lines[number - 1]
            if number > (start or 0) + 1 and _HEADER.match(text) and table is not None:
                break
            if table is None and _HEADER.match(text):
                break
            if pattern.match(text):
                return number
        return None


def _fly(source: Source) -> list[Fact]:
    data = tomllib.loads(source.text)
    lines = _TomlLines(source)
    facts: list[Fact] = []
    app = str(data.get("app") or posixpath.basename(posixpath.dirname(source.path)) or "app")
    build = data.get("build") if isinstance(data.get("build"), dict) else {}
    deploy = data.get("deploy") if isinstance(data.get("deploy"), dict) else {}
    env_table = data.get("env") if isinstance(data.get("env"), dict) else {}
    env: list[dict[str, Any]] = []
    for key, value in list(env_table.items())[:MAX_ITEMS]:
        entry, secrets = _literal_env(source, str(key), value, lines.key(str(key), "env"), "fly_env")
        env.append(entry)
        facts.extend(secrets)
    processes = data.get("processes") if isinstance(data.get("processes"), dict) else {}
    http = data.get("http_service") if isinstance(data.get("http_service"), dict) else None
    services = (
        [s for s in data.get("services", []) if isinstance(s, dict)] if isinstance(data.get("services"), list) else []
    )
    mounts_raw = data.get("mounts")
    mounts = (
        [mounts_raw]
        if isinstance(mounts_raw, dict)
        else [m for m in mounts_raw if isinstance(m, dict)]
        if isinstance(mounts_raw, list)
        else []
    )
    mount_header = "mounts"
    volumes_all: list[dict[str, Any]] = [
        {
            "source": str(m.get("source")),
            "target": str(m.get("destination")),
            "line": lines.table(mount_header, i) or lines.key("destination"),
            "processes": [str(p) for p in m.get("processes", [])] if isinstance(m.get("processes"), list) else [],
        }
        for i, m in enumerate(mounts)
    ]
    web_processes: set[str] = set()
    port: int | None = None
    checks = False
    min_running = None
    for service in ([http] if http else []) + services:
        names = service.get("processes")
        if isinstance(names, list):
            web_processes.update(str(p) for p in names)
        else:
            web_processes.add("app")
        internal = service.get("internal_port")
        port = port or (internal if isinstance(internal, int) and not isinstance(internal, bool) else None)
        checks = checks or bool(service.get("checks") or service.get("http_checks") or service.get("tcp_checks"))
        if isinstance(service.get("min_machines_running"), int) and not isinstance(
            service.get("min_machines_running"), bool
        ):
            min_running = service.get("min_machines_running")
    checks = checks or bool(data.get("checks"))
    image = build.get("image")
    build_info = {
        "dockerfile": _text(build.get("dockerfile")),
        "image": parse_image(str(image)) if image else None,
        "builder": _text(build.get("builder")),
    }
    names = list(processes) or ["app"]
    for name in names[:MAX_ITEMS]:
        command = processes.get(name) if processes else None
        line = lines.key(name, "processes") if processes else (lines.key("app") or 1)
        volumes = [v for v in volumes_all if not v["processes"] or name in v["processes"]]
        facts.append(
            source.fact(
                "platform.service",
                line,
                platform="fly",
                app=app,
                name=str(name),
                type="web" if str(name) in web_processes or (not processes and (http or services)) else "worker",
                start=_text(command),
                release=_text(deploy.get("release_command")),
                release_line=lines.key("release_command", "deploy"),
                build=build_info,
                env=env,
                port=port,
                health_check=checks,
                instances=None,
                min_instances=min_running if str(name) in web_processes or not processes else None,
                max_instances=None,
                volumes=volumes,
                kill_signal=_text(data.get("kill_signal")),
                kill_timeout=_text(data.get("kill_timeout")),
                auto_deploy=None,
            )
        )
    return facts


# --- render.yaml --------------------------------------------------------------------------------

_RENDER_DATASTORES = {"redis": "redis", "keyvalue": "redis"}


def _render_env(source: Source, items: Any) -> tuple[list[dict[str, Any]], list[Fact]]:
    env: list[dict[str, Any]] = []
    facts: list[Fact] = []
    if not isinstance(items, LList):
        return env, facts
    for index, item in enumerate(items[:MAX_ITEMS]):
        if not isinstance(item, LDict):
            continue
        key = str(item.get("key") or "")
        line = items.line_of(index)
        if "fromGroup" in item:
            env.append({"key": key, "line": line, "source": "group", "ref": str(item.get("fromGroup"))})
        elif isinstance(item.get("fromDatabase"), LDict):
            env.append({"key": key, "line": line, "source": "database", "ref": str(item["fromDatabase"].get("name"))})
        elif isinstance(item.get("fromService"), LDict):
            env.append({"key": key, "line": line, "source": "service", "ref": str(item["fromService"].get("name"))})
        elif item.get("generateValue") is True:
            env.append({"key": key, "line": line, "source": "generated"})
        elif item.get("sync") is False:
            env.append({"key": key, "line": line, "source": "unsynced"})  # set in the dashboard, not in the file
        elif "value" in item:
            entry, secrets = _literal_env(source, key, item.get("value"), item.line_of("value"), "render_env")
            env.append(entry)
            facts.extend(secrets)
    return env, facts


def _render(source: Source) -> list[Fact]:
    doc = load(source.text)
    if not isinstance(doc, LDict):
        return []
    facts: list[Fact] = []
    services = doc.get("services")
    if not isinstance(services, LList):
        services = LList()
    for index, service in enumerate(services[:MAX_ITEMS]):
        if not isinstance(service, LDict):
            continue
        line = services.line_of(index)
        kind = str(service.get("type") or "web")
        name = str(service.get("name") or kind)
        if kind in _RENDER_DATASTORES:
            facts.append(
                source.fact(
                    "platform.database",
                    line,
                    platform="render",
                    name=name,
                    engine=_RENDER_DATASTORES[kind],
                    version=None,
                )
            )
            continue
        env, secrets = _render_env(source, service.get("envVars"))
        facts.extend(secrets)
        scaling = service.get("scaling")
        if not isinstance(scaling, LDict):
            scaling = LDict()
        disk = service.get("disk")
        volumes = (
            [{"source": str(disk.get("name")), "target": str(disk.get("mountPath")), "line": service.line_of("disk")}]
            if isinstance(disk, LDict)
            else []
        )
        image = service.get("image")
        image_url = image.get("url") if isinstance(image, LDict) else None
        runtime = service.get("runtime") or service.get("env")
        facts.append(
            source.fact(
                "platform.service",
                line,
                platform="render",
                app=name,
                name=name,
                type={"pserv": "private", "background_worker": "worker", "worker": "worker", "cron": "cron"}.get(
                    kind, kind
                ),
                start=_text(service.get("startCommand") or service.get("dockerCommand")),
                release=_text(service.get("preDeployCommand")),
                release_line=service.line_of("preDeployCommand") if "preDeployCommand" in service else None,
                build={
                    "dockerfile": _text(service.get("dockerfilePath")),
                    "image": parse_image(str(image_url)) if image_url else None,
                    "command": _text(service.get("buildCommand")),
                    "runtime": _text(runtime),
                },
                env=env,
                port=None,
                health_check=bool(service.get("healthCheckPath")),
                instances=service.get("numInstances") if isinstance(service.get("numInstances"), int) else None,
                min_instances=scaling.get("minInstances") if isinstance(scaling.get("minInstances"), int) else None,
                max_instances=scaling.get("maxInstances") if isinstance(scaling.get("maxInstances"), int) else None,
                volumes=volumes,
                kill_signal=None,
                kill_timeout=None,
                auto_deploy=service.get("autoDeploy") if isinstance(service.get("autoDeploy"), bool) else None,
                schedule=_text(service.get("schedule")),
            )
        )
    databases = doc.get("databases")
    if not isinstance(databases, LList):
        databases = LList()
    for index, database in enumerate(databases[:MAX_ITEMS]):
        if isinstance(database, LDict):
            version = database.get("postgresMajorVersion")
            facts.append(
                source.fact(
                    "platform.database",
                    databases.line_of(index),
                    platform="render",
                    name=str(database.get("name") or "database"),
                    engine="postgresql",
                    version=str(version) if version is not None else None,
                )
            )
    return facts


def _text(value: Any) -> str | None:
    """A command or setting as text, without an inline waiver written inside a quoted string."""
    return None if value is None or isinstance(value, (dict, list)) else without_waivers(str(value)).strip()


def extract(source: Source) -> list[Fact]:
    if source.kind == "fly_toml":
        return _fly(source)
    if source.kind == "render_yaml":
        return _render(source)
    return []
