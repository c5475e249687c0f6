"""docker-compose / compose files: services, images, environment, volumes, commands.

The file's role is stated as a fact: "dev" when its name says so (override, dev, local) or when
it mounts the build context over the code in the container (live-edited source is a development
setup); "deploy" otherwise.
"""

from __future__ import annotations

import re
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.dockerfile import parse_image
from twelve.facts.waivermark import without_waivers
from twelve.facts.yamlio import LDict, LList, load
from twelve.model import Scope

#: a file whose name says it is for deploys keeps that role whatever it mounts
_EXPLICIT_DEPLOY = re.compile(r"(?i)[._-](prod|production|deploy|release|staging|live)\.ya?ml$")


def _environment(service: LDict) -> list[dict[str, Any]]:
    env = service.get("environment")
    out: list[dict[str, Any]] = []
    if isinstance(env, LDict):
        for key, value in env.items():
            out.append({"key": str(key), "value": None if value is None else str(value), "line": env.line_of(key)})
    elif isinstance(env, LList):
        for index, item in enumerate(env):
            if not isinstance(item, str):
                continue
            key, sep, value = item.partition("=")
            out.append({"key": key, "value": value if sep else None, "line": env.line_of(index)})
    return out


def _volumes(service: LDict) -> list[dict[str, Any]]:
    vols = service.get("volumes")
    out: list[dict[str, Any]] = []
    if not isinstance(vols, LList):
        return out
    for index, item in enumerate(vols):
        line = vols.line_of(index)
        if isinstance(item, str):
            parts = item.split(":")
            if len(parts) == 1:
                out.append({"source": None, "target": parts[0], "kind": "anonymous", "line": line})
                continue
            source, target = parts[0], parts[1]
            kind = "bind" if source.startswith((".", "/", "~", "$")) else "named"
            out.append(
                {
                    "source": source,
                    "target": target,
                    "kind": kind,
                    "line": line,
                    "read_only": len(parts) > 2 and "ro" in parts[2].split(","),
                }
            )
        elif isinstance(item, LDict):
            kind = str(item.get("type", "volume"))
            out.append(
                {
                    "source": item.get("source"),
                    "target": item.get("target"),
                    "kind": "bind" if kind == "bind" else ("named" if kind == "volume" else kind),
                    "line": line,
                    "read_only": bool(item.get("read_only")),
                }
            )
    return out


def _command(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, list):
        return {"form": "exec", "argv": [str(x) for x in value]}
    return {"form": "shell", "command": without_waivers(str(value)).strip()}


def extract(source: Source) -> list[Fact]:
    doc = load(source.text)
    if not isinstance(doc, LDict):
        return []
    services = doc.get("services")
    if not isinstance(services, LDict):
        return []
    facts: list[Fact] = []
    role = "dev" if source.scope is Scope.DEV else "deploy"
    reason = "name" if role == "dev" else ""
    parsed: list[tuple[str, LDict, dict[str, Any]]] = []
    for name, service in services.items():
        if not isinstance(service, LDict):
            continue
        build = service.get("build")
        build_info: dict[str, Any] | None = None
        if isinstance(build, str):
            build_info = {"context": build, "dockerfile": None, "target": None}
        elif isinstance(build, LDict):
            build_info = {
                "context": str(build.get("context", ".")),
                "dockerfile": build.get("dockerfile"),
                "target": build.get("target"),
                "args": dict(build.get("args") or {}) if isinstance(build.get("args"), LDict) else None,
            }
        image = service.get("image")
        volumes = _volumes(service)
        if (
            build_info
            and not _EXPLICIT_DEPLOY.search(source.path)
            and any(
                (
                    v["kind"] == "bind"
                    and str(v.get("source"))
                    in (".", "./", build_info["context"], build_info["context"].rstrip("/") + "/")
                )
                or (v["kind"] == "bind" and str(v.get("source", "")).startswith(("./src", "./app")))
                for v in volumes
            )
        ):
            if role != "dev":
                role, reason = "dev", "source_mount"
        deploy = service.get("deploy")
        replicas = deploy.get("replicas") if isinstance(deploy, LDict) else None
        env_file = service.get("env_file")
        env_files = (
            [env_file]
            if isinstance(env_file, str)
            else [str(x) if not isinstance(x, LDict) else str(x.get("path")) for x in (env_file or [])]
            if isinstance(env_file, list)
            else []
        )
        healthcheck = service.get("healthcheck")
        data: dict[str, Any] = {
            "name": str(name),
            "image": parse_image(str(image)) if image else None,
            "build": build_info,
            "command": _command(service.get("command")),
            "entrypoint": _command(service.get("entrypoint")),
            "environment": _environment(service),
            "env_file": env_files,
            "ports": [str(p) for p in service.get("ports") or [] if not isinstance(p, (dict, list))]
            if isinstance(service.get("ports"), list)
            else [],
            "volumes": volumes,
            "depends_on": sorted(str(k) for k in (service.get("depends_on") or []))
            if isinstance(service.get("depends_on"), (list, dict))
            else [],
            "replicas": replicas if isinstance(replicas, int) else None,
            "healthcheck": isinstance(healthcheck, LDict) and not healthcheck.get("disable"),
            "read_only": bool(service.get("read_only")),
            "restart": str(service.get("restart")) if service.get("restart") else None,
        }
        parsed.append((str(name), service, data))
    for name, _service, data in parsed:
        facts.append(source.fact("compose.service", services.line_of(name), role=role, **data))
    facts.append(
        source.fact(
            "compose.file",
            doc.line_of("services"),
            role=role,
            role_reason=reason,
            services=[n for n, _, _ in parsed],
            duplicates=list(doc.duplicates),
        )
    )
    return facts
