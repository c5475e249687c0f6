"""CI workflow facts: triggers, jobs, service containers, and each step's commands.

GitHub Actions and GitLab CI are read here; every `run:`/`script:` line is split into commands so
that rules can see image builds, tags, deploys and installs.
"""

from __future__ import annotations

import posixpath
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.dockerfile import parse_image
from twelve.facts.yamlio import LDict, LList, load


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if not isinstance(v, (dict, list))]
    return []


def _github_triggers(on: Any) -> dict[str, Any]:
    triggers: dict[str, Any] = {}
    if isinstance(on, str):
        triggers[on] = {}
    elif isinstance(on, list):
        for item in on:
            triggers[str(item)] = {}
    elif isinstance(on, dict):
        for key, value in on.items():
            spec: dict[str, Any] = {}
            if isinstance(value, dict):
                for field in ("branches", "tags", "paths", "branches-ignore"):
                    if field in value:
                        spec[field] = _as_list(value[field])
            triggers[str(key)] = spec
    return triggers


def _services(value: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if isinstance(value, LDict):
        for name, svc in value.items():
            image = svc.get("image") if isinstance(svc, LDict) else svc
            if isinstance(image, str):
                out.append({"name": str(name), "line": value.line_of(name), **parse_image(image)})
    elif isinstance(value, LList):
        for index, svc in enumerate(value):
            image = svc.get("name") if isinstance(svc, LDict) else svc
            if isinstance(image, str):
                out.append({"name": image.split(":")[0].rsplit("/", 1)[-1], "line": value.line_of(index), **parse_image(image)})
    return out


def _github(source: Source, doc: LDict) -> list[Fact]:
    facts: list[Fact] = []
    on = doc.get("on", doc.get(True))
    triggers = _github_triggers(on)
    name = doc.get("name") or posixpath.basename(source.path)
    facts.append(source.fact("ci.workflow", doc.line_of("on", 1), system="github", name=str(name), triggers=triggers))
    jobs = doc.get("jobs")
    if not isinstance(jobs, LDict):
        return facts
    for job_id, job in jobs.items():
        if not isinstance(job, LDict):
            continue
        environment = job.get("environment")
        env_name = environment.get("name") if isinstance(environment, LDict) else environment
        facts.append(source.fact("ci.job", jobs.line_of(job_id), system="github", workflow=str(name), job=str(job_id),
                                 triggers=triggers, environment=str(env_name) if env_name else None,
                                 services=_services(job.get("services")), needs=_as_list(job.get("needs")),
                                 condition=str(job.get("if")) if job.get("if") else None,
                                 container=str(job.get("container")) if isinstance(job.get("container"), str) else None))
        steps = job.get("steps")
        if not isinstance(steps, LList):
            continue
        for index, step in enumerate(steps):
            if not isinstance(step, LDict):
                continue
            with_ = step.get("with")
            facts.append(source.fact("ci.step", steps.line_of(index), system="github", workflow=str(name), job=str(job_id),
                                     triggers=triggers, environment=str(env_name) if env_name else None,
                                     name=str(step.get("name") or ""), uses=str(step.get("uses") or "") or None,
                                     run=str(step.get("run")) if step.get("run") is not None else None,
                                     run_line=step.line_of("run") if "run" in step else None,
                                     with_={str(k): str(v) for k, v in with_.items()} if isinstance(with_, LDict) else {}))
    return facts


_GITLAB_RESERVED = frozenset({"stages", "variables", "default", "include", "workflow", "image", "services", "before_script",
                              "after_script", "cache", "pages"})


def _gitlab(source: Source, doc: LDict) -> list[Fact]:
    facts: list[Fact] = [source.fact("ci.workflow", 1, system="gitlab", name=".gitlab-ci.yml", triggers={"push": {}})]
    global_services = _services(doc.get("services"))
    for job_id, job in doc.items():
        if not isinstance(job, LDict) or str(job_id).startswith(".") or job_id in _GITLAB_RESERVED:
            continue
        environment = job.get("environment")
        env_name = environment.get("name") if isinstance(environment, LDict) else environment
        only = _as_list(job.get("only"))
        rules = job.get("rules")
        triggers: dict[str, Any] = {"push": {"branches": only}} if only else {"push": {}}
        if isinstance(rules, list):
            triggers["rules"] = [str(r.get("if")) for r in rules if isinstance(r, LDict) and r.get("if")]
        facts.append(source.fact("ci.job", doc.line_of(job_id), system="gitlab", workflow=".gitlab-ci.yml", job=str(job_id),
                                 triggers=triggers, environment=str(env_name) if env_name else None,
                                 services=_services(job.get("services")) or global_services, needs=_as_list(job.get("needs")),
                                 condition=None, container=str(job.get("image")) if isinstance(job.get("image"), str) else None,
                                 stage=str(job.get("stage")) if job.get("stage") else None, when=str(job.get("when")) if job.get("when") else None))
        for key in ("before_script", "script", "after_script"):
            script = job.get(key)
            lines = script if isinstance(script, LList) else None
            items = _as_list(script)
            for index, text in enumerate(items):
                line = lines.line_of(index) if lines is not None else job.line_of(key)
                facts.append(source.fact("ci.step", line, system="gitlab", workflow=".gitlab-ci.yml", job=str(job_id),
                                         triggers=triggers, environment=str(env_name) if env_name else None, name=key,
                                         uses=None, run=text, run_line=line, with_={}))
    return facts


def extract(source: Source) -> list[Fact]:
    if source.kind not in ("github_workflow", "gitlab_ci"):
        return []  # Jenkinsfile, CircleCI and others: see issue 3
    doc = load(source.text)
    if not isinstance(doc, LDict):
        return []
    if source.kind == "gitlab_ci":
        return _gitlab(source, doc)
    return _github(source, doc)
