"""CI workflow facts: triggers, jobs, service containers, and each step's commands.

GitHub Actions, GitLab CI, Jenkins (Jenkinsfile, declarative or scripted Groovy, read as text),
CircleCI, Azure Pipelines, Google Cloud Build and Bitbucket Pipelines all become the same three
fact kinds with the same data keys, so that one rule serves every CI system:

- `ci.workflow` (`system`, `name`, `triggers`),
- `ci.job` (`system`, `workflow`, `job`, `triggers`, `environment`, `services` [parsed images],
  `needs`, `condition`, `container`; `stage`/`when`/`approval` where the system has them; `uses`
  and `with_` for a GitHub job that calls a reusable workflow),
- `ci.step` (`system`, `workflow`, `job`, `triggers`, `environment`, `name`, `uses`, `run`,
  `run_line`, `with_`; a job's call of a reusable workflow is written as its one step, with
  `reusable`).

Triggers use GitHub's vocabulary: `{"push": {"branches": [...], "tags": [...], "branches-ignore":
[...]}, "pull_request": {}, "schedule": {}, "workflow_dispatch": {}, "external": {}}` (`external`:
the trigger is configured outside the repository, e.g. Cloud Build triggers). A step's `run` is the
shell text it runs (`sh '...'` in Jenkins, `run:` in CircleCI, `script:` in Azure/Bitbucket, a
Cloud Build step's builder and args as one command line); DSL calls that build or push images
(Jenkins `docker.build("img:tag")`) are written as the equivalent `docker build -t img:tag .`.
In `with_`, references to the CI system's secret store are written `secrets.<id>` in every system
(Jenkins `credentials('id')`/`withCredentials`/`sshagent`, CircleCI contexts, Azure variable groups,
Cloud Build `secretEnv`), as GitHub writes `${{ secrets.ID }}`.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.dockerfile import parse_image
from twelve.facts.waivermark import without_waivers
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
                out.append(
                    {"name": image.split(":")[0].rsplit("/", 1)[-1], "line": value.line_of(index), **parse_image(image)}
                )
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
        uses = str(job.get("uses") or "") or None  # a call of a reusable workflow: the job has no steps
        with_ = job.get("with")
        inputs = {str(k): str(v) for k, v in with_.items()} if isinstance(with_, LDict) else {}
        facts.append(
            source.fact(
                "ci.job",
                jobs.line_of(job_id),
                system="github",
                workflow=str(name),
                job=str(job_id),
                triggers=triggers,
                environment=str(env_name) if env_name else None,
                services=_services(job.get("services")),
                needs=_as_list(job.get("needs")),
                condition=str(job.get("if")) if job.get("if") else None,
                container=str(job.get("container")) if isinstance(job.get("container"), str) else None,
                uses=uses,
                with_=inputs if uses else None,
            )
        )
        if uses is not None:
            # the call reads as the job's one step, so that every reader of steps sees what it runs
            facts.append(
                source.fact(
                    "ci.step",
                    job.line_of("uses", jobs.line_of(job_id)),
                    system="github",
                    workflow=str(name),
                    job=str(job_id),
                    triggers=triggers,
                    environment=str(env_name) if env_name else None,
                    name=str(job.get("name") or job_id),
                    uses=uses,
                    run=None,
                    run_line=None,
                    with_=inputs,
                    reusable=True,
                )
            )
        steps = job.get("steps")
        if not isinstance(steps, LList):
            continue
        for index, step in enumerate(steps):
            if not isinstance(step, LDict):
                continue
            with_ = step.get("with")
            facts.append(
                source.fact(
                    "ci.step",
                    steps.line_of(index),
                    system="github",
                    workflow=str(name),
                    job=str(job_id),
                    triggers=triggers,
                    environment=str(env_name) if env_name else None,
                    name=str(step.get("name") or ""),
                    uses=str(step.get("uses") or "") or None,
                    run=without_waivers(str(step.get("run"))) if step.get("run") is not None else None,
                    run_line=step.line_of("run") if "run" in step else None,
                    with_={str(k): str(v) for k, v in with_.items()} if isinstance(with_, LDict) else {},
                )
            )
    return facts


_GITLAB_RESERVED = frozenset(
    {
        "stages",
        "variables",
        "default",
        "include",
        "workflow",
        "image",
        "services",
        "before_script",
        "after_script",
        "cache",
        "pages",
    }
)


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
        facts.append(
            source.fact(
                "ci.job",
                doc.line_of(job_id),
                system="gitlab",
                workflow=".gitlab-ci.yml",
                job=str(job_id),
                triggers=triggers,
                environment=str(env_name) if env_name else None,
                services=_services(job.get("services")) or global_services,
                needs=_as_list(job.get("needs")),
                condition=None,
                container=str(job.get("image")) if isinstance(job.get("image"), str) else None,
                stage=str(job.get("stage")) if job.get("stage") else None,
                when=str(job.get("when")) if job.get("when") else None,
            )
        )
        for key in ("before_script", "script", "after_script"):
            script = job.get(key)
            lines = script if isinstance(script, LList) else None
            items = _as_list(script)
            for index, text in enumerate(items):
                line = lines.line_of(index) if lines is not None else job.line_of(key)
                facts.append(
                    source.fact(
                        "ci.step",
                        line,
                        system="gitlab",
                        workflow=".gitlab-ci.yml",
                        job=str(job_id),
                        triggers=triggers,
                        environment=str(env_name) if env_name else None,
                        name=key,
                        uses=None,
                        run=without_waivers(text),
                        run_line=line,
                        with_={},
                    )
                )
    return facts


# --- Jenkins ------------------------------------------------------------------------------------

_GROOVY = re.compile(
    r"""(?P<nl>\n)|(?P<ws>[ \t\r\f]+)|(?P<lcomment>//[^\n]*)|(?P<bcomment>/\*.*?(?:\*/|\Z))"""
    r"""|(?P<tsq>'''.*?(?:'''|\Z))|(?P<tdq>\"\"\".*?(?:\"\"\"|\Z))"""
    r"""|(?P<sq>'(?:\\.|[^'\\\n])*(?:'|$))|(?P<dq>"(?:\\.|[^"\\\n])*(?:"|$))"""
    r"""|(?P<ident>[A-Za-z_$][\w$]*)|(?P<num>\d[\w.]*)|(?P<punct>[{}()\[\],:.=!])|(?P<other>.)""",
    re.S | re.M,
)
_SHELL_STEPS = frozenset({"sh", "bat", "powershell", "pwsh"})
_BRANCH_VARS = frozenset({"BRANCH_NAME", "GIT_BRANCH", "GIT_LOCAL_BRANCH"})
_TAG_VARS = frozenset({"TAG_NAME"})
MAX_TOKENS = 400_000
#: how far a call's arguments are read (a step's arguments are short; hostile input is not)
_WINDOW = 400


@dataclass(frozen=True, slots=True)
class _Tok:
    type: str
    value: str
    line: int


def _groovy_tokens(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    line = 1
    for match in _GROOVY.finditer(text):
        kind = match.lastgroup or "other"
        value = match.group(0)
        if kind not in ("ws", "lcomment", "bcomment"):
            if kind in ("sq", "dq"):
                tokens.append(_Tok("str", _unquote(value, 1), line))
            elif kind in ("tsq", "tdq"):
                tokens.append(_Tok("str", _unquote(value, 3), line))
            else:
                tokens.append(_Tok(kind, value, line))
            if len(tokens) > MAX_TOKENS:
                break
        line += value.count("\n")
    return tokens


def _unquote(value: str, width: int) -> str:
    quote = value[:width]
    inner = value[width:]
    if inner.endswith(quote) and len(value) >= 2 * width:
        inner = inner[:-width]
    return inner.replace("\\'", "'").replace('\\"', '"')


@dataclass(slots=True)
class _Ctx:
    kind: str  # root, stage, when, not, environment, agent, agent_docker, triggers, block
    job: str | None
    conditions: list[tuple[str, str]]
    credentials: list[str]


@dataclass(slots=True)
class _JenkinsJob:
    name: str
    line: int
    conditions: list[tuple[str, str]]
    services: list[dict[str, Any]] = field(default_factory=list)
    container: str | None = None
    approval: bool = False


class _Jenkins:
    """A single pass over the Groovy tokens with a stack of blocks (no recursion: the nesting of
    hostile input is unbounded)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.tokens = _groovy_tokens(source.text)
        self.closing = self._brackets()
        self.jobs: dict[str, _JenkinsJob] = {}
        self.steps: list[dict[str, Any]] = []
        self.schedule = False
        self.images: dict[str, str] = {}  # variable -> image built by docker.build
        self.default_container: str | None = None

    # -- token helpers

    def tok(self, index: int) -> _Tok | None:
        return self.tokens[index] if 0 <= index < len(self.tokens) else None

    def next_sig(self, index: int) -> int:
        while index < len(self.tokens) and self.tokens[index].type == "nl":
            index += 1
        return index

    def is_(self, index: int, value: str) -> bool:
        token = self.tok(index)
        return token is not None and token.value == value and token.type in ("punct", "ident", "other")

    def _brackets(self) -> dict[int, int]:
        """Index of the closing bracket of every opening one (one pass; unmatched ones are absent)."""
        pairs = {")": "(", "]": "[", "}": "{"}
        stack: list[int] = []
        closing: dict[int, int] = {}
        for position, token in enumerate(self.tokens):
            if token.type != "punct":
                continue
            if token.value in "([{":
                stack.append(position)
            elif token.value in pairs:
                while stack and self.tokens[stack[-1]].value != pairs[token.value]:
                    stack.pop()  # an unbalanced bracket of another kind: forget it
                if stack:
                    closing[stack.pop()] = position
        return closing

    def group_end(self, index: int) -> int:
        """Index just past the bracket group that opens at *index* (bounded by the token list)."""
        return min(self.closing.get(index, len(self.tokens) - 1) + 1, index + _WINDOW)

    def strings(self, start: int, end: int) -> list[_Tok]:
        return [t for t in self.tokens[start : min(end, start + _WINDOW)] if t.type == "str"]

    def named_string(self, start: int, end: int, name: str) -> str | None:
        for position in range(start, min(end, start + _WINDOW) - 2):
            if (
                self.tokens[position].value == name
                and self.is_(position + 1, ":")
                and self.tokens[position + 2].type == "str"
            ):
                return self.tokens[position + 2].value
        return None

    # -- the walk

    def run(self) -> None:
        stack = [_Ctx("root", None, [], [])]
        pending: _Ctx | None = None
        index = 0
        total = len(self.tokens)
        while index < total:
            token = self.tokens[index]
            ctx = stack[-1]
            if token.type == "nl":
                following = self.next_sig(index)
                if pending is not None and not self.is_(following, "{"):
                    pending = None
                index = following
                continue
            if token.type == "punct" and token.value == "{":
                stack.append(pending or _Ctx("block", ctx.job, list(ctx.conditions), list(ctx.credentials)))
                pending = None
                index += 1
                continue
            if token.type == "punct" and token.value == "}":
                if len(stack) > 1:
                    stack.pop()
                index += 1
                continue
            if ctx.kind in ("when", "not"):
                index = self.condition(index, ctx, stack)
                if self.is_(index, "{") and self.tokens[index - 1].value == "not":
                    pending = _Ctx("not", ctx.job, ctx.conditions, ctx.credentials)
                elif self.is_(index, "{"):
                    pending = _Ctx(ctx.kind, ctx.job, ctx.conditions, ctx.credentials)
                continue
            if ctx.kind == "environment" and token.type == "ident" and self.is_(index + 1, "="):
                index = self.environment_entry(index, stack)
                continue
            if ctx.kind == "triggers" and token.type == "ident":
                if token.value in ("cron", "parameterizedCron"):
                    self.schedule = True
                index += 1
                continue
            index, pending = self.statement(index, ctx, stack, pending)

    def statement(self, index: int, ctx: _Ctx, stack: list[_Ctx], pending: _Ctx | None) -> tuple[int, _Ctx | None]:
        token = self.tokens[index]
        value = token.value
        if token.type != "ident":
            return index + 1, pending
        if value == "stage" and self.is_(index + 1, "("):
            end = self.group_end(index + 1)
            names = self.strings(index + 1, end)
            name = names[0].value if names else f"stage@{token.line}"
            key = name if name not in self.jobs else f"{name}@{token.line}"
            self.jobs[key] = _JenkinsJob(name, token.line, list(ctx.conditions))
            return end, _Ctx("stage", key, list(ctx.conditions), list(ctx.credentials))
        if value in ("when", "environment", "triggers") and self.is_(self.next_sig(index + 1), "{"):
            return index + 1, _Ctx(value, ctx.job, ctx.conditions, ctx.credentials)
        if value == "agent" and self.is_(self.next_sig(index + 1), "{"):
            return index + 1, _Ctx("agent", ctx.job, ctx.conditions, ctx.credentials)
        if ctx.kind in ("agent", "agent_docker") and value in ("docker", "image"):
            following = self.tok(index + 1)
            if following is not None and following.type == "str":
                self.set_container(ctx.job, following.value)
                return index + 2, pending
            if value == "docker" and self.is_(self.next_sig(index + 1), "{"):
                return index + 1, _Ctx("agent_docker", ctx.job, ctx.conditions, ctx.credentials)
        if value == "if" and self.is_(index + 1, "("):
            end = self.group_end(index + 1)
            conditions = self.comparisons(index + 1, end)
            return end, _Ctx("block", ctx.job, list(ctx.conditions) + conditions, list(ctx.credentials))
        if value in ("withCredentials", "sshagent") and self.is_(index + 1, "("):
            end = self.group_end(index + 1)
            ids = sorted(
                {
                    self.tokens[p + 2].value
                    for p in range(index + 1, min(end, len(self.tokens)) - 2)
                    if self.tokens[p].value == "credentialsId" and self.tokens[p + 2].type == "str"
                }
            )
            ids = ids or [t.value for t in self.strings(index + 1, end)]
            return end, _Ctx("block", ctx.job, list(ctx.conditions), list(ctx.credentials) + ids)
        if value in _SHELL_STEPS:
            return self.shell_step(index, ctx), pending
        if value == "docker" and self.is_(index + 1, "."):
            return self.docker_call(index, ctx), pending
        if value == "input" and ctx.job in self.jobs:
            self.jobs[ctx.job].approval = True
        if value in ("cron", "parameterizedCron") and ctx.kind != "when":
            self.schedule = True
        if (
            self.is_(index + 1, "=")
            and self.tok(index + 2) is not None
            and self.tokens[index + 2].value == "docker"
            and self.is_(index + 3, ".")
            and self.tok(index + 4) is not None
            and self.tokens[index + 4].value == "build"
        ):
            end = self.group_end(index + 5)
            names = self.strings(index + 5, end)
            if names:
                self.images[value] = names[0].value
            return self.docker_call(index + 2, ctx), pending
        if (
            self.is_(index + 1, ".")
            and value in self.images
            and self.tok(index + 2) is not None
            and self.tokens[index + 2].value == "push"
            and self.is_(index + 3, "(")
        ):
            end = self.group_end(index + 3)
            tags = self.strings(index + 3, end)
            image = self.images[value]
            ref = (
                f"{image.rsplit(':', 1)[0] if ':' in image.rsplit('/', 1)[-1] else image}:{tags[0].value}"
                if tags
                else image
            )
            self.add_step(ctx, token.line, f"docker push {ref}", "jenkins:docker.push")
            return end, pending
        # any other call (`dir('x') {`, `timeout(time: 5) {`, `parallel('a': { ... })`): its arguments
        # are read like the rest, so closures passed inside the parentheses are seen
        return index + 1, pending

    def set_container(self, job: str | None, image: str) -> None:
        if job in self.jobs:
            self.jobs[job].container = image
        elif job is None:
            self.default_container = image  # the pipeline's agent: every stage runs in it

    def comparisons(self, start: int, end: int) -> list[tuple[str, str]]:
        """Branch and tag tests in a Groovy condition (`env.BRANCH_NAME == 'main'`)."""
        found: list[tuple[str, str]] = []
        for position in range(start, min(end, start + _WINDOW, len(self.tokens))):
            token = self.tokens[position]
            if token.type != "ident" or token.value not in _BRANCH_VARS | _TAG_VARS:
                continue
            negated = self.is_(position + 1, "!")
            if (
                (self.is_(position + 1, "=") or negated)
                and self.is_(position + 2, "=")
                and self.tok(position + 3) is not None
                and self.tokens[position + 3].type == "str"
            ):
                target = self.tokens[position + 3].value.removeprefix("origin/")
                if token.value in _TAG_VARS:
                    found.append(("tag", target))
                else:
                    found.append(("branch_ignore" if negated else "branch", target))
            elif (
                self.is_(position + 1, ".")
                and self.tok(position + 2) is not None
                and self.tokens[position + 2].value == "startsWith"
            ):
                args = self.strings(position + 3, self.group_end(position + 3))
                if args:
                    found.append(("branch", args[0].value + "*"))
        return found

    def condition(self, index: int, ctx: _Ctx, stack: list[_Ctx]) -> int:
        """One token of a `when { ... }` block: branch/tag/changeRequest conditions of the stage."""
        token = self.tokens[index]
        job = self.jobs.get(ctx.job or "")
        negated = ctx.kind == "not"
        if token.type == "ident" and token.value in ("branch", "tag") and job is not None:
            position = index + 1
            if self.is_(position, "pattern") and self.is_(position + 1, ":"):
                position += 2
            following = self.tok(position)
            if following is not None and following.type == "str":
                kind = "tag" if token.value == "tag" else ("branch_ignore" if negated else "branch")
                job.conditions.append((kind, following.value.removeprefix("origin/")))
                return position + 1
        elif token.type == "ident" and token.value == "buildingTag" and job is not None:
            job.conditions.append(("tag", "*"))
        elif token.type == "ident" and token.value == "changeRequest" and job is not None:
            job.conditions.append(("pull_request", ""))
        elif token.type == "ident" and token.value in _BRANCH_VARS | _TAG_VARS and job is not None:
            for kind, target in self.comparisons(index, min(index + 4, len(self.tokens))):
                if negated and kind == "branch":
                    kind = "branch_ignore"
                job.conditions.append((kind, target))
            return index + 4
        elif (
            (token.type == "ident" and token.value == "expression")
            or token.value == "not"
            or token.value in ("allOf", "anyOf")
        ):
            return index + 1
        return index + 1

    def environment_entry(self, index: int, stack: list[_Ctx]) -> int:
        """`NAME = credentials('id')` in an `environment {}` block: the enclosing stage (or the
        whole pipeline) reads that credential from Jenkins' store."""
        value_start = index + 2
        token = self.tok(value_start)
        if token is not None and token.value == "credentials" and self.is_(value_start + 1, "("):
            end = self.group_end(value_start + 1)
            parent = stack[-2] if len(stack) > 1 else stack[-1]
            parent.credentials.extend(t.value for t in self.strings(value_start + 1, end))
            return end
        return value_start + 1

    def shell_step(self, index: int, ctx: _Ctx) -> int:
        token = self.tokens[index]
        position = index + 1
        text: str | None = None
        end = position
        following = self.tok(position)
        if following is not None and following.type == "str":
            text, end = following.value, position + 1
        elif self.is_(position, "("):
            end = self.group_end(position)
            text = self.named_string(position, end, "script")
            if text is None:
                strings = self.strings(position, end)
                text = strings[0].value if strings else None
        elif following is not None and following.type == "ident" and self.is_(position + 1, ":"):
            # named arguments without parentheses: `sh label: 'x', script: '...'`
            end = position
            while (
                end < min(len(self.tokens), position + _WINDOW)
                and self.tokens[end].type != "nl"
                and not self.is_(end, "}")
            ):
                end += 1
            text = self.named_string(position, end, "script")
        if text is not None:
            self.add_step(ctx, token.line, text, None, name=token.value)
        return end

    def docker_call(self, index: int, ctx: _Ctx) -> int:
        method = self.tok(index + 2)
        if method is None or not self.is_(index + 3, "("):
            return index + 1
        end = self.group_end(index + 3)
        args = [t.value for t in self.strings(index + 3, end)]
        line = self.tokens[index].line
        if method.value == "build" and args:
            context = args[1] if len(args) > 1 else "."
            self.add_step(ctx, line, f"docker build -t {args[0]} {context}", "jenkins:docker.build")
        elif method.value == "image" and args:
            image = args[0]
            chained = self.tok(end + 1) if self.is_(end, ".") else None
            if chained is not None and chained.value == "withRun":
                if ctx.job in self.jobs:
                    self.jobs[ctx.job].services.append(
                        {"name": parse_image(image)["image"].rsplit("/", 1)[-1], "line": line, **parse_image(image)}
                    )
            elif chained is not None and chained.value == "inside":
                self.set_container(ctx.job, image)
            elif chained is not None and chained.value == "push":
                push_end = self.group_end(end + 2) if self.is_(end + 2, "(") else end + 2
                tags = self.strings(end + 2, push_end)
                ref = f"{image.split(':')[0]}:{tags[0].value}" if tags else image
                self.add_step(ctx, line, f"docker push {ref}", "jenkins:docker.push")
                return push_end
        elif method.value == "withRegistry":
            return end
        return end

    def add_step(self, ctx: _Ctx, line: int, text: str, uses: str | None, name: str = "") -> None:
        job = ctx.job or "(pipeline)"
        if job not in self.jobs:
            self.jobs[job] = _JenkinsJob(job, line, [])
        self.steps.append(
            {
                "job": job,
                "line": line,
                "run": text,
                "uses": uses,
                "name": name,
                "conditions": list(ctx.conditions),
                "credentials": sorted(set(ctx.credentials)),
            }
        )


def _jenkins_triggers(conditions: list[tuple[str, str]], schedule: bool) -> dict[str, Any]:
    branches = [v for k, v in conditions if k == "branch"]
    ignored = [v for k, v in conditions if k == "branch_ignore"]
    tags = [v for k, v in conditions if k == "tag"]
    push: dict[str, Any] = {}
    if branches:
        push["branches"] = sorted(set(branches))
    if ignored:
        push["branches-ignore"] = sorted(set(ignored))
    if tags:
        push["tags"] = sorted(set(tags))
    triggers: dict[str, Any] = {}
    if any(k == "pull_request" for k, _ in conditions):
        triggers["pull_request"] = {}
    if push or not triggers:
        triggers["push"] = push  # a multibranch pipeline runs on every push it is not told to skip
    if schedule:
        triggers["schedule"] = {}
    return triggers


def _jenkins(source: Source) -> list[Fact]:
    reader = _Jenkins(source)
    reader.run()
    name = posixpath.basename(source.path)
    base = _jenkins_triggers([], reader.schedule)
    first = next((t.line for t in reader.tokens if t.type == "ident" and t.value in ("pipeline", "node")), 1)
    facts: list[Fact] = [source.fact("ci.workflow", first, system="jenkins", name=name, triggers=base)]
    triggers_of: dict[str, dict[str, Any]] = {}
    for key, job in reader.jobs.items():
        triggers = _jenkins_triggers(job.conditions, reader.schedule)
        triggers_of[key] = triggers
        facts.append(
            source.fact(
                "ci.job",
                job.line,
                system="jenkins",
                workflow=name,
                job=job.name,
                triggers=triggers,
                environment=None,
                services=job.services,
                needs=[],
                condition=None,
                container=job.container or reader.default_container,
                approval=job.approval,
            )
        )
    for step in reader.steps:
        job = reader.jobs[step["job"]]
        triggers = (
            _jenkins_triggers(job.conditions + step["conditions"], reader.schedule)
            if step["conditions"]
            else triggers_of[step["job"]]
        )
        with_ = {f"credentials.{c}": f"secrets.{c}" for c in step["credentials"]}
        facts.append(
            source.fact(
                "ci.step",
                step["line"],
                system="jenkins",
                workflow=name,
                job=job.name,
                triggers=triggers,
                environment=None,
                name=step["name"],
                uses=step["uses"],
                run=without_waivers(step["run"]),
                run_line=step["line"],
                with_=with_,
            )
        )
    return facts


# --- CircleCI -----------------------------------------------------------------------------------


def _filter_values(value: Any) -> list[str]:
    return [v.strip("/") if v.startswith("/") and v.endswith("/") and len(v) > 1 else v for v in _as_list(value)]


def _circle_triggers(filters: Any, workflow_branches: list[str]) -> dict[str, Any]:
    push: dict[str, Any] = {}
    if isinstance(filters, str):
        # expression filters: `pipeline.git.branch == "main"`
        branches = re.findall(r"pipeline\.git\.branch\s*==\s*[\"']([^\"']+)[\"']", filters)
        tags = re.findall(r"pipeline\.git\.tag\b", filters)
        if branches:
            push["branches"] = branches
        if tags:
            push["tags"] = ["*"]
    elif isinstance(filters, LDict):
        branch_filter = _map_get(filters, "branches")
        tag_filter = _map_get(filters, "tags")
        only = _filter_values(branch_filter.get("only")) if branch_filter else []
        ignore = _filter_values(branch_filter.get("ignore")) if branch_filter else []
        if only:
            push["branches"] = only
        if ignore:
            push["branches-ignore"] = ignore
        if tag_filter and (tag_filter.get("only") is not None):
            push["tags"] = _filter_values(tag_filter.get("only")) or ["*"]
        if ignore in ([".*"], ["*"]) and push.get("tags"):
            push.pop("branches-ignore", None)
            push["branches"] = []
    if workflow_branches and "branches" not in push:
        push["branches"] = workflow_branches
    return {"push": push}


def _map_get(mapping: LDict, key: str) -> LDict | None:
    value = mapping.get(key)
    return value if isinstance(value, LDict) else None


def _circle_docker(job: LDict, executors: LDict) -> tuple[LList | None, str | None]:
    docker = job.get("docker")
    executor = job.get("executor")
    if docker is None and executor is not None:
        name = executor.get("name") if isinstance(executor, LDict) else executor
        definition = executors.get(str(name)) if isinstance(executors, LDict) else None
        if isinstance(definition, LDict):
            docker = definition.get("docker")
    return (docker if isinstance(docker, LList) else None), None


def _circle_steps(job: LDict) -> list[tuple[int, str, str | None, str | None, dict[str, str]]]:
    """(line, name, run, uses, with_) of each step of a CircleCI job."""
    out: list[tuple[int, str, str | None, str | None, dict[str, str]]] = []
    steps = job.get("steps")
    if not isinstance(steps, LList):
        return out
    for index, step in enumerate(steps):
        line = steps.line_of(index)
        if isinstance(step, str):
            out.append((line, step, None, step, {}))
        elif isinstance(step, LDict) and step:
            key = next(iter(step))
            body = step[key]
            if key == "run":
                if isinstance(body, LDict):
                    command = body.get("command")
                    out.append(
                        (line, str(body.get("name") or ""), str(command) if command is not None else None, None, {})
                    )
                elif body is not None:
                    out.append((line, "", str(body), None, {}))
            else:
                with_ = (
                    {str(k): str(v) for k, v in body.items() if not isinstance(v, (dict, list))}
                    if isinstance(body, LDict)
                    else {}
                )
                out.append(
                    (line, str(body.get("name") or "") if isinstance(body, LDict) else "", None, str(key), with_)
                )
    return out


def _circleci(source: Source, doc: LDict) -> list[Fact]:
    name = ".circleci/config.yml"
    jobs = doc.get("jobs")
    if not isinstance(jobs, LDict):
        jobs = LDict()
    executors = doc.get("executors")
    if not isinstance(executors, LDict):
        executors = LDict()
    workflows = doc.get("workflows")
    if not isinstance(workflows, LDict):
        workflows = LDict()
    facts: list[Fact] = []
    uses: list[tuple[str, str, int | None, Any, list[str], str | None, list[str], str | None, list[str]]] = []
    scheduled = False
    for workflow_name, workflow in workflows.items():
        if not isinstance(workflow, LDict):
            continue
        if isinstance(workflow.get("triggers"), LList):
            scheduled = True
        branches = (
            re.findall(r"['\"]?([\w./-]+)['\"]?", str(workflow.get("when")))
            if "pipeline.git.branch" in str(workflow.get("when"))
            else []
        )
        branches = [b for b in branches if b not in ("equal", "pipeline.git.branch", "and", "or", "not", "None")][:5]
        entries = workflow.get("jobs")
        if not isinstance(entries, LList):
            continue
        for index, entry in enumerate(entries):
            entry_line = entries.line_of(index)
            if isinstance(entry, str):
                uses.append((str(workflow_name), entry, entry_line, None, [], None, branches, None, []))
            elif isinstance(entry, LDict) and entry:
                job_name = str(next(iter(entry)))
                options = entry[job_name] if isinstance(entry[job_name], LDict) else LDict()
                contexts = _as_list(options.get("context"))
                uses.append(
                    (
                        str(workflow_name),
                        str(options.get("name") or job_name),
                        entry_line,
                        options.get("filters"),
                        contexts,
                        str(options.get("type")) if options.get("type") else None,
                        branches,
                        job_name,
                        _as_list(options.get("requires")),
                    )
                )
    if not uses:
        uses = [("(default)", str(job_id), jobs.line_of(job_id), None, [], None, [], None, []) for job_id in jobs]
    workflow_triggers: dict[str, dict[str, Any]] = {"push": {}, **({"schedule": {}} if scheduled else {})}
    facts.append(
        source.fact(
            "ci.workflow", doc.line_of("workflows", 1), system="circleci", name=name, triggers=workflow_triggers
        )
    )
    for workflow_name, job_name, line, filters, contexts, job_type, branches, definition_name, needs in uses:
        definition = jobs.get(definition_name or job_name)
        triggers = _circle_triggers(filters, branches)
        if scheduled:
            triggers["schedule"] = {}
        if job_type == "approval":
            facts.append(
                source.fact(
                    "ci.job",
                    line,
                    system="circleci",
                    workflow=workflow_name,
                    job=job_name,
                    triggers=triggers,
                    environment=None,
                    services=[],
                    needs=needs,
                    condition=None,
                    container=None,
                    when="manual",
                    approval=True,
                )
            )
            continue
        if not isinstance(definition, LDict):
            continue  # an orb job: its steps are not in this repository
        docker, _ = _circle_docker(definition, executors)
        services: list[dict[str, Any]] = []
        container = None
        if docker is not None:
            for position, item in enumerate(docker):
                image = item.get("image") if isinstance(item, LDict) else None
                if not isinstance(image, str):
                    continue
                if position == 0:
                    container = image
                else:
                    parsed = parse_image(image)
                    services.append(
                        {
                            "name": str(item.get("name") or parsed["image"].rsplit("/", 1)[-1]),
                            "line": docker.line_of(position),
                            **parsed,
                        }
                    )
        with_secrets = {f"context.{c}": f"secrets.{c}" for c in contexts}
        facts.append(
            source.fact(
                "ci.job",
                jobs.line_of(definition_name or job_name) if (definition_name or job_name) in jobs else line,
                system="circleci",
                workflow=workflow_name,
                job=job_name,
                triggers=triggers,
                environment=None,
                services=services,
                needs=needs,
                condition=None,
                container=container,
                approval=False,
            )
        )
        for step_line, step_name, run, step_uses, with_ in _circle_steps(definition):
            facts.append(
                source.fact(
                    "ci.step",
                    step_line,
                    system="circleci",
                    workflow=workflow_name,
                    job=job_name,
                    triggers=triggers,
                    environment=None,
                    name=step_name,
                    uses=step_uses,
                    run=without_waivers(run),
                    run_line=step_line,
                    with_={**with_, **with_secrets},
                )
            )
    return facts


# --- Azure Pipelines ----------------------------------------------------------------------------


def _azure_branches(value: Any) -> dict[str, Any] | None:
    """The push trigger of `trigger:` (None when it is `none`)."""
    if value is None:
        return {}
    if isinstance(value, str):
        return None if value.lower() == "none" else {"branches": [value]}
    if isinstance(value, LList):
        return {"branches": [str(v).removeprefix("refs/heads/") for v in value if not isinstance(v, (dict, list))]}
    if isinstance(value, LDict):
        out: dict[str, Any] = {}
        branches = value.get("branches")
        if isinstance(branches, LDict):
            include = [str(v).removeprefix("refs/heads/") for v in _as_list(branches.get("include"))]
            exclude = [str(v).removeprefix("refs/heads/") for v in _as_list(branches.get("exclude"))]
            if include:
                out["branches"] = include
            if exclude:
                out["branches-ignore"] = exclude
        tags = value.get("tags")
        if isinstance(tags, LDict) and tags.get("include") is not None:
            out["tags"] = [str(v).removeprefix("refs/tags/") for v in _as_list(tags.get("include"))]
        return out
    return {}


def _azure_condition(condition: str | None) -> list[str]:
    return re.findall(r"refs/heads/([\w./*-]+)", condition or "")


def _azure_steps(steps: Any) -> list[tuple[int, str, str | None, str | None, dict[str, str]]]:
    out: list[tuple[int, str, str | None, str | None, dict[str, str]]] = []
    if not isinstance(steps, LList):
        return out
    for index, step in enumerate(steps):
        if not isinstance(step, LDict):
            continue
        line = steps.line_of(index)
        name = str(step.get("displayName") or step.get("name") or "")
        for key in ("script", "bash", "pwsh", "powershell"):
            if key in step:
                out.append((line, name, str(step.get(key)), None, {}))
                break
        else:
            if "task" in step:
                inputs = step.get("inputs")
                with_ = (
                    {str(k): str(v) for k, v in inputs.items() if not isinstance(v, (dict, list))}
                    if isinstance(inputs, LDict)
                    else {}
                )
                out.append((line, name, None, str(step.get("task")), with_))
            elif "template" in step:
                out.append((line, name, None, f"template:{step.get('template')}", {}))
    return out


def _azure(source: Source, doc: LDict) -> list[Fact]:
    name = posixpath.basename(source.path)
    push = _azure_branches(doc.get("trigger"))
    triggers: dict[str, Any] = {}
    if push is not None:
        triggers["push"] = push
    if doc.get("pr") is not None and str(doc.get("pr")).lower() != "none":
        triggers["pull_request"] = {}
    if isinstance(doc.get("schedules"), LList):
        triggers["schedule"] = {}
    facts = [source.fact("ci.workflow", doc.line_of("trigger", 1), system="azure", name=name, triggers=triggers)]
    groups = [str(v.get("group")) for v in _iter_maps(doc.get("variables")) if v.get("group")]
    containers = {
        str(c.get("container")): str(c.get("image"))
        for c in _iter_maps(_dict(doc.get("resources")).get("containers"))
        if c.get("container") and c.get("image")
    }
    stages = doc.get("stages")
    stage_list: list[tuple[str | None, LDict]] = []
    if isinstance(stages, LList):
        for stage in stages:
            if isinstance(stage, LDict):
                stage_list.append((str(stage.get("stage")) if stage.get("stage") else None, stage))
    else:
        stage_list.append((None, doc))
    for stage_name, stage in stage_list:
        stage_branches = _azure_condition(str(stage.get("condition") or ""))
        jobs = stage.get("jobs")
        job_items: list[tuple[int | None, LDict]] = []
        if isinstance(jobs, LList):
            job_items = [(jobs.line_of(i), j) for i, j in enumerate(jobs) if isinstance(j, LDict)]
        elif "steps" in stage:
            job_items = [(stage.line_of("steps"), stage)]
        for line, job in job_items:
            job_name = str(job.get("job") or job.get("deployment") or stage_name or "job")
            environment = job.get("environment")
            env_name = environment.get("name") if isinstance(environment, LDict) else environment
            branches = stage_branches + _azure_condition(str(job.get("condition") or ""))
            job_triggers = dict(triggers)
            if branches and "push" in job_triggers:
                job_triggers["push"] = {**job_triggers["push"], "branches": branches}
            services = []
            service_map = job.get("services")
            if isinstance(service_map, LDict):
                for service_name, ref in service_map.items():
                    image = containers.get(str(ref), str(ref))
                    services.append(
                        {"name": str(service_name), "line": service_map.line_of(service_name), **parse_image(image)}
                    )
            steps = job.get("steps")
            strategy = job.get("strategy")
            if steps is None and isinstance(strategy, LDict):
                steps = _deployment_steps(strategy)
            secrets = {f"group.{g}": f"secrets.{g}" for g in groups}
            facts.append(
                source.fact(
                    "ci.job",
                    line,
                    system="azure",
                    workflow=name,
                    job=job_name,
                    triggers=job_triggers,
                    environment=str(env_name) if env_name else None,
                    services=services,
                    needs=_as_list(job.get("dependsOn")),
                    condition=str(job.get("condition")) if job.get("condition") else None,
                    container=containers.get(str(job.get("container")), str(job.get("container")))
                    if job.get("container")
                    else None,
                    stage=stage_name,
                )
            )
            for step_line, step_name, run, uses, with_ in _azure_steps(steps):
                facts.append(
                    source.fact(
                        "ci.step",
                        step_line,
                        system="azure",
                        workflow=name,
                        job=job_name,
                        triggers=job_triggers,
                        environment=str(env_name) if env_name else None,
                        name=step_name,
                        uses=uses,
                        run=without_waivers(run),
                        run_line=step_line,
                        with_={**with_, **secrets},
                    )
                )
    return facts


def _dict(value: Any) -> LDict:
    return value if isinstance(value, LDict) else LDict()


def _iter_maps(value: Any) -> list[LDict]:
    return [v for v in value if isinstance(v, LDict)] if isinstance(value, list) else []


def _deployment_steps(strategy: LDict) -> LList | None:
    for phase in strategy.values():
        if isinstance(phase, LDict):
            for hook in ("deploy", "preDeploy", "routeTraffic", "postRouteTraffic"):
                steps = _dict(phase.get(hook)).get("steps")
                if isinstance(steps, LList):
                    return steps
    return None


# --- Google Cloud Build -------------------------------------------------------------------------


def _cloudbuild(source: Source, doc: LDict) -> list[Fact]:
    name = posixpath.basename(source.path)
    triggers: dict[str, dict[str, Any]] = {
        "external": {}
    }  # Cloud Build triggers are configured in the project, not in this file
    facts = [source.fact("ci.workflow", doc.line_of("steps", 1), system="cloudbuild", name=name, triggers=triggers)]
    steps = doc.get("steps")
    facts.append(
        source.fact(
            "ci.job",
            doc.line_of("steps", 1),
            system="cloudbuild",
            workflow=name,
            job="build",
            triggers=triggers,
            environment=None,
            services=[],
            needs=[],
            condition=None,
            container=None,
        )
    )
    if not isinstance(steps, LList):
        return facts
    for index, step in enumerate(steps):
        if not isinstance(step, LDict):
            continue
        line = steps.line_of(index)
        builder = str(step.get("name") or "")
        args = [str(a) for a in _as_list(step.get("args"))]
        entrypoint = str(step.get("entrypoint") or "") or builder.rsplit("/", 1)[-1].split(":")[0]
        script = step.get("script")
        if isinstance(script, str):
            run = script
        elif entrypoint in ("bash", "sh") and len(args) >= 2 and args[0] == "-c":
            run = args[1]
        else:
            run = " ".join([entrypoint] + [shlex.quote(a) if (" " in a or not a) else a for a in args])
        env_secrets = [str(s) for s in _as_list(step.get("secretEnv"))]
        # secretEnv names values of Secret Manager (`availableSecrets`) or of KMS (`secrets:`)
        with_ = {f"secretEnv.{s}": f"secrets.{s}" for s in env_secrets}
        facts.append(
            source.fact(
                "ci.step",
                line,
                system="cloudbuild",
                workflow=name,
                job="build",
                triggers=triggers,
                environment=None,
                name=str(step.get("id") or ""),
                uses=builder or None,
                run=without_waivers(run),
                run_line=line,
                with_=with_,
            )
        )
    return facts


# --- Bitbucket Pipelines ------------------------------------------------------------------------


def _bitbucket(source: Source, doc: LDict) -> list[Fact]:
    name = posixpath.basename(source.path)
    pipelines = _dict(doc.get("pipelines"))
    definitions = _dict(_dict(doc.get("definitions")).get("services"))
    global_image = doc.get("image")
    facts = [
        source.fact("ci.workflow", doc.line_of("pipelines", 1), system="bitbucket", name=name, triggers={"push": {}})
    ]
    groups: list[tuple[dict[str, Any], Any, str]] = []
    if "default" in pipelines:
        groups.append(({"push": {}}, pipelines.get("default"), "default"))
    for section, key in (("branches", "branches"), ("tags", "tags")):
        for pattern, items in _dict(pipelines.get(section)).items():
            groups.append(({"push": {key: [str(pattern)]}}, items, f"{section}:{pattern}"))
    for pattern, items in _dict(pipelines.get("pull-requests")).items():
        groups.append(({"pull_request": {"branches": [str(pattern)]}}, items, f"pull-requests:{pattern}"))
    for pattern, items in _dict(pipelines.get("custom")).items():
        groups.append(({"workflow_dispatch": {}}, items, f"custom:{pattern}"))
    counter = 0
    for triggers, items, workflow in groups:
        for step in _bitbucket_steps(items):
            counter += 1
            if counter > 500:
                return facts
            step_name = str(step.get("name") or f"step {counter}")
            line = step.line
            services = []
            for service in _as_list(step.get("services")):
                definition = definitions.get(service)
                image = definition.get("image") if isinstance(definition, LDict) else None
                if isinstance(image, LDict):
                    image = image.get("name")
                if isinstance(image, str):
                    services.append({"name": service, "line": definitions.line_of(service), **parse_image(image)})
            deployment = step.get("deployment")
            image = step.get("image", global_image)
            facts.append(
                source.fact(
                    "ci.job",
                    line,
                    system="bitbucket",
                    workflow=workflow,
                    job=step_name,
                    triggers=triggers,
                    environment=str(deployment) if deployment else None,
                    services=services,
                    needs=[],
                    condition=None,
                    container=str(image) if isinstance(image, str) else None,
                    when="manual" if str(step.get("trigger") or "") == "manual" else None,
                )
            )
            script = step.get("script")
            lines = script if isinstance(script, LList) else None
            for position, text in enumerate(_as_list(script)):
                text_line = lines.line_of(position) if lines is not None else step.line_of("script")
                facts.append(
                    source.fact(
                        "ci.step",
                        text_line,
                        system="bitbucket",
                        workflow=workflow,
                        job=step_name,
                        triggers=triggers,
                        environment=str(deployment) if deployment else None,
                        name="script",
                        uses=None,
                        run=without_waivers(text),
                        run_line=text_line,
                        with_={},
                    )
                )
            if isinstance(script, LList):
                for position, item in enumerate(script):
                    if isinstance(item, LDict) and item.get("pipe"):
                        variables = item.get("variables")
                        with_ = (
                            {str(k): str(v) for k, v in variables.items() if not isinstance(v, (dict, list))}
                            if isinstance(variables, LDict)
                            else {}
                        )
                        facts.append(
                            source.fact(
                                "ci.step",
                                script.line_of(position),
                                system="bitbucket",
                                workflow=workflow,
                                job=step_name,
                                triggers=triggers,
                                environment=str(deployment) if deployment else None,
                                name="pipe",
                                uses=str(item.get("pipe")),
                                run=None,
                                run_line=None,
                                with_=with_,
                            )
                        )
    return facts


def _bitbucket_steps(items: Any, depth: int = 0) -> list[LDict]:
    """The `step:` mappings of a pipeline list, through `parallel:` and `stage:` groups."""
    out: list[LDict] = []
    if depth > 4 or not isinstance(items, list):
        return out
    for item in items:
        if not isinstance(item, LDict):
            continue
        if isinstance(item.get("step"), LDict):
            out.append(item["step"])
        parallel = item.get("parallel")
        if isinstance(parallel, LDict):
            parallel = parallel.get("steps")
        if isinstance(parallel, list):
            out.extend(_bitbucket_steps(parallel, depth + 1))
        stage = item.get("stage")
        if isinstance(stage, LDict):
            out.extend(_bitbucket_steps(stage.get("steps"), depth + 1))
    return out


# --- entry point --------------------------------------------------------------------------------

_OTHER = {
    "azure-pipelines.yml": _azure,
    "azure-pipelines.yaml": _azure,
    "cloudbuild.yaml": _cloudbuild,
    "cloudbuild.yml": _cloudbuild,
    "bitbucket-pipelines.yml": _bitbucket,
}


def extract(source: Source) -> list[Fact]:
    kind = source.kind
    if kind == "jenkinsfile":
        return _jenkins(source)
    if kind not in ("github_workflow", "gitlab_ci", "circleci", "ci_other"):
        return []
    doc = load(source.text)
    if not isinstance(doc, LDict):
        return []
    if kind == "gitlab_ci":
        return _gitlab(source, doc)
    if kind == "circleci":
        return _circleci(source, doc)
    if kind == "ci_other":
        reader = _OTHER.get(posixpath.basename(source.path))
        return reader(source, doc) if reader else []
    return _github(source, doc)
