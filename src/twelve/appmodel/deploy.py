"""How the app is built, released and deployed: the deploy manifests that concern it (a shared
manifest belongs to the app it names), its Kubernetes workloads and containers, the CI steps that
build and roll out releases, the image references manifests deploy, continuous deployment, build
work done in the image or at start, development servers on the production start path, and
deploys documented by hand."""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from twelve.appmodel.services import image_engine
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.facts.shellwords import split_commands
from twelve.knowledge import delivery, programs
from twelve.repository import FileEntry
from twelve.model import Location, Scope

#: Kubernetes workload kinds that run a long-lived process, and those whose pods are interchangeable
LONG_RUNNING_KINDS = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout", "DeploymentConfig",
                                "KnativeService"})
STATELESS_KINDS = frozenset({"Deployment", "ReplicaSet", "Rollout", "DeploymentConfig", "KnativeService"})
_NAME_SPLIT = re.compile(r"[^a-z0-9]+")


def _words(*texts: str | None) -> set[str]:
    return {w for text in texts if text for w in _NAME_SPLIT.split(text.lower()) if w}


def _fact_words(fact: Fact) -> set[str]:
    texts: list[str | None] = [fact.get("name"), fact.get("target")]
    for container in fact.get("containers") or []:
        image = container.get("image") or {}
        texts.append(str(image.get("image") or "").rsplit("/", 1)[-1])
    return _words(*texts)


def concerns_app(facts: AppFacts, fact: Fact) -> bool:
    """Whether a fact of a deploy manifest concerns this app: a manifest inside an app root
    belongs to that app; a shared one (outside every app root) to the app its names mention, or
    to every app when it mentions none."""
    apps = facts.apps
    if len(apps) < 2 or facts.all.repo.owner(fact.path) is not None:
        return True
    names = {a.name.lower() for a in apps if a.path != "."}
    mentioned = names & _fact_words(fact)
    return not mentioned or facts.app.name.lower() in mentioned


def deployed(facts: AppFacts, *kinds: str) -> list[Fact]:
    """The production facts of *kinds* (deploy manifests: workloads, services, Helm values...)
    that concern this app; computed once per app and kind."""
    key = "deployed:" + ",".join(kinds)
    return list(facts.derive(key, lambda: [f for f in facts.of(*kinds)
                                           if f.scope is Scope.PRODUCTION and concerns_app(facts, f)]))


def app_containers(workload: Fact) -> list[dict]:
    """The containers that run the app itself: not init containers, not backing-service images."""
    return [c for c in workload.get("containers") or []
            if not c.get("init") and c.get("image") and image_engine(c.get("image")) is None]


def deployed_workloads(facts: AppFacts, kinds: frozenset[str] | None = None) -> list[Fact]:
    """This app's Kubernetes workloads (of *kinds*, default any) that run an app container."""
    key = "deployed_workloads:" + ",".join(sorted(kinds or ()))
    return list(facts.derive(key, lambda: [w for w in deployed(facts, "k8s.workload")
                                           if (kinds is None or w.get("kind") in kinds) and app_containers(w)]))


_PRODUCTION_SECTION = re.compile(r"(?i)produ[cç]|deploy|implanta|publica|release|servidor|server|ec2|vps|\bvm\b|"
                                 r"droplet|hosting|hospedagem|go[- ]live|rollout")
_FETCH_CODE = frozenset({"git"})
_INSTALL = frozenset({"pip", "pip3", "poetry", "pipenv", "npm", "yarn", "pnpm", "bundle", "composer", "go", "mvn", "gradle", "uv"})


@dataclass(frozen=True, slots=True)
class ManualDeploy:
    """A documented deploy that fetches source and builds it on the machine that runs it."""

    doc: str
    section: str
    fetch: Fact  # git clone / git pull
    install: Fact | None  # pip install -r ..., npm install, ...
    start: Fact | None  # the server start command


def manual_deploys(facts: AppFacts) -> list[ManualDeploy]:
    """Deploy guides (README, docs) whose production section clones/pulls the code on the host,
    installs dependencies there and starts the server by hand: build and run on one machine,
    with no release in between (F05-S07, F10-S10)."""
    found: list[ManualDeploy] = []
    by_section: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts.of("doc.command"):
        section = fact.get("section", "")
        if _PRODUCTION_SECTION.search(section):
            by_section.setdefault((fact.path, section), []).append(fact)
    for (path, section), commands in sorted(by_section.items()):
        fetch = next((c for c in commands if c.get("program") in _FETCH_CODE and len(c.get("argv", [])) > 1
                      and c.get("argv")[1] in ("clone", "pull", "checkout", "fetch")), None)
        if fetch is None:
            continue
        install = next((c for c in commands if c.get("program") in _INSTALL and "install" in c.get("argv", [])
                        or c.get("program") in ("uv", "poetry") and "sync" in c.get("argv", [])), None)
        start = next((c for c in commands if c.get("program") in programs.names(programs.WEB_SERVER, ecosystem="python") | {"node", "npm", "flask", "rails", "java", "systemctl", "supervisorctl", "pm2"}
                      or c.get("program") in ("python", "python3") and any(str(a).endswith(".py") for a in c.get("argv", []))), None)
        if install is None and start is None:
            continue
        found.append(ManualDeploy(path, section, fetch, install, start))
    return found


#: scopes whose files describe no environment of this app (examples, vendored and generated code)
ELSEWHERE = frozenset({Scope.EXAMPLE, Scope.VENDORED, Scope.GENERATED})


def manual_deploys_in_use(facts: AppFacts) -> list[ManualDeploy]:
    """The documented manual deploys that describe how this app is deployed (not a guide kept
    with an example, a vendored package or the tests)."""
    return [d for d in manual_deploys(facts) if d.fetch.scope not in ELSEWHERE | {Scope.TEST}]


# --- pipelines: the steps that build and release --------------------------------------------------


def step_text(step: Fact) -> str:
    """What a CI step runs: its command, the action it uses and that action's inputs."""
    data = step.data
    inputs = " ".join(f"{k}={v}" for k, v in (data.with_ or {}).items())
    return " ".join([data.run or "", data.uses or "", inputs])


@dataclass(frozen=True, slots=True)
class PipelineStep:
    """A CI step that builds the app's image or rolls a release out."""

    fact: Fact
    #: the text that names one build (a commit SHA, a version, a digest output), if the step has one
    ref: str | None
    #: the step deploys the moving `:latest` tag
    latest: bool = False


def _immutable_ref(step: Fact) -> str | None:
    found = delivery.IMMUTABLE_REF.search(step_text(step))
    return found.group(0) if found else None


def build_steps(facts: AppFacts) -> list[PipelineStep]:
    """CI steps that build (or push) an image tagged with an immutable reference, and the
    build-push steps of jobs whose tags the metadata action computes."""
    def compute() -> list[PipelineStep]:
        found: list[Fact] = []
        steps = facts.of("ci.step")
        for step in steps:
            uses = step.data.uses or ""
            if (delivery.IMAGE_BUILD.search(step.data.run or "") or uses.startswith(delivery.IMAGE_BUILD_ACTIONS)) \
                    and _immutable_ref(step) is not None:
                found.append(step)
        with_metadata = {(s.path, s.data.job) for s in steps if (s.data.uses or "").startswith(delivery.METADATA_ACTION)}
        for step in steps:
            if (step.data.uses or "").startswith(delivery.BUILD_PUSH_ACTION) and (step.path, step.data.job) in with_metadata \
                    and step not in found:
                found.append(step)
        return [PipelineStep(step, _immutable_ref(step)) for step in found]

    return list(facts.derive("deploy.build_steps", compute))


def deploy_steps(facts: AppFacts) -> list[PipelineStep]:
    """CI steps that roll a release out: a deploy command, or a deploy action in a job, environment
    or step named for a release."""
    def compute() -> list[PipelineStep]:
        found: list[PipelineStep] = []
        for step in facts.of("ci.step"):
            text = step_text(step)
            data = step.data
            in_deploy_job = any(delivery.DEPLOY_CONTEXT.search(name or "") for name in (data.job, data.environment, data.name))
            command = delivery.DEPLOY_COMMANDS.search(text)
            if (in_deploy_job or command) and (command or "deploy" in (data.uses or "")):
                found.append(PipelineStep(step, _immutable_ref(step), bool(delivery.LATEST_TAG.search(text))))
        return found

    return list(facts.derive("deploy.deploy_steps", compute))


def platform_files(facts: AppFacts) -> list[FileEntry]:
    """Descriptors of platforms that build each release and keep a ledger of them (Procfile,
    app.json, fly.toml, render.yaml...), in the order of `knowledge.delivery.PLATFORM_FILES`."""
    return [entry for name in delivery.PLATFORM_FILES for entry in [facts.has_file(name)] if entry is not None]


@dataclass(frozen=True, slots=True)
class RemoteSync:
    """A CI step that changes the code on the target host: a remote shell that fetches source
    there, or a copy of the working tree (not of a built archive) to it."""

    fact: Fact
    command: str  # the first line of what it runs


def remote_source_syncs(facts: AppFacts) -> list[RemoteSync]:
    found: list[RemoteSync] = []
    for step in facts.of("ci.step"):
        run = step.data.run or ""
        if (step.data.uses or "").startswith(delivery.SSH_ACTIONS):
            run = "ssh " + " ".join((step.data.with_ or {}).values())  # the commands an SSH action runs remotely
        if delivery.SSH_FETCH.search(run) or delivery.REMOTE_COPY.search(run) and not delivery.ARCHIVE.search(run):
            found.append(RemoteSync(step, run.strip().splitlines()[0][:60]))
    return found


@dataclass(frozen=True, slots=True)
class EnvironmentBuild:
    """A build that bakes one environment into the artifact: a `--build-arg NODE_ENV=...` in CI,
    an `ENVIRONMENT` entry of a compose service's `build.args`."""

    fact: Fact
    how: str


def environment_builds(facts: AppFacts) -> list[EnvironmentBuild]:
    found: list[EnvironmentBuild] = []
    for step in facts.of("ci.step"):
        match = delivery.ENVIRONMENT_BUILD_ARG.search(step.data.run or "")
        if match:
            found.append(EnvironmentBuild(step, match.group(0)))
    for service in facts.of("compose.service"):
        args = (service.data.build or {}).get("args") or {}
        for key in args:
            if delivery.ENVIRONMENT_ARG_NAME.fullmatch(str(key)):
                found.append(EnvironmentBuild(service, f"build.args.{key}"))
    return found


# --- build work: in the image, or at every start -------------------------------------------------


def _builds(argv: tuple[str, ...], reach: int) -> bool:
    """A builder (`npm`, `pip`, `mvn`...) given a build subcommand among its first *reach* arguments."""
    return bool(argv) and programs.has_role(argv[0], programs.BUILDER) and \
        bool(set(argv[1:reach + 1]) & programs.BUILD_SUBCOMMANDS)


@dataclass(frozen=True, slots=True)
class BuildCommand:
    """A command that does build work (installs dependencies, compiles, bundles assets)."""

    fact: Fact
    argv: tuple[str, ...]


def image_build_commands(facts: AppFacts) -> list[BuildCommand]:
    """Build work in the production Dockerfiles' RUN steps, in file order."""
    found: list[BuildCommand] = []
    for fact in facts.of("docker.run"):
        if fact.scope is not Scope.PRODUCTION:
            continue
        for command in split_commands(fact.data.command or ""):
            if _builds(command.argv, 3) or "collectstatic" in command.argv:
                found.append(BuildCommand(fact, command.argv))
    return found


def start_build_commands(facts: AppFacts) -> list[BuildCommand]:
    """Build work in the commands that start the app: the start commands themselves, and every
    command of the shell scripts they run."""
    from twelve.appmodel.starts import start_commands

    starts = start_commands(facts)
    candidates = [(s.fact, s.argv) for s in starts]
    scripts = {s.fact.path for s in starts if s.fact.kind == "shell.command"}
    candidates += [(c, tuple(c.data.argv or ())) for c in facts.of("shell.command") if c.path in scripts]
    return [BuildCommand(fact, argv) for fact, argv in candidates
            if argv and (_builds(argv, 2) or "collectstatic" in argv or "assets:precompile" in argv)]


# --- development servers on the production start path ---------------------------------------------


@dataclass(frozen=True, slots=True)
class DevServer:
    """A development server, reloader or debug switch on the production start path."""

    evidence: tuple[Fact, ...]
    label: str  # `nodemon`, `flask run`, `gunicorn --reload`, `FLASK_DEBUG=1`...
    file: str
    switch: bool = False  # a variable of the image that turns a framework's debug mode on


def _dev_label(program: str, argv: tuple[str, ...]) -> str | None:
    """The development server a command runs (per `knowledge.programs` dev_args), if any."""
    row = programs.program(program)
    if row is None or row.dev_args is None:
        return None
    if not row.dev_args:
        serving = not (programs.BUILDER in row.roles and "build" in argv)  # `vite build` builds
        return row.name if serving else None
    arg = next((a for a in row.dev_args if a in argv), None)
    return f"{row.name} {arg}" if arg is not None else None


def dev_servers(facts: AppFacts) -> list[DevServer]:
    """Start commands that run a development server or a reloader (nodemon, `tsx watch`, `next dev`,
    `go run`, `flask run`, `manage.py runserver`, `--reload`, a script's `app.run()`), and image
    variables that switch a framework's debug mode on."""
    from twelve.appmodel.starts import python_script_of, start_commands

    found: list[DevServer] = []
    runs = {f.path: f for f in facts.of("server.run") if f.scope is Scope.PRODUCTION}
    for start in start_commands(facts):
        argv, program, path = start.argv, start.program, start.fact.path
        label = _dev_label(program, argv)
        if label is not None:
            found.append(DevServer((start.fact,), label, path))
        elif delivery.RUNSERVER in argv:
            found.append(DevServer((start.fact,), f"manage.py {delivery.RUNSERVER}", path))
        elif delivery.RELOAD_FLAG in argv:
            found.append(DevServer((start.fact,), f"{program} {delivery.RELOAD_FLAG}", path))
        else:
            script = python_script_of(start)
            run = next((f for p, f in runs.items() if script and (p == script.lstrip("./") or p.endswith("/" + script.lstrip("./")))), None)
            api = (run.data.api or "") if run is not None else ""
            if run is not None and api.endswith(".run") and not api.startswith(delivery.PRODUCTION_RUN_APIS):
                found.append(DevServer((start.fact, run), f"python {script} ({api})", path))
    for fact in facts.of("docker.env"):
        if fact.scope is Scope.PRODUCTION and delivery.DEV_MODE_ENV.match(fact.data.key or "") \
                and str(fact.data.value or "").lower() in delivery.DEV_MODE_VALUES:
            found.append(DevServer((fact,), f"{fact.data.key}={fact.data.value}", fact.path, switch=True))
    return found


# --- image references of deploy manifests ----------------------------------------------------------


def immutable_tag(tag: str | None) -> bool:
    """A tag that names one build: a version, a commit SHA, a timestamp, a CI variable that holds one."""
    return bool(tag) and (bool(delivery.VERSION_TAG.match(tag or "")) or bool(delivery.CI_REF.search(tag or "")))


def shown_image(image: dict[str, Any]) -> str:
    """An image reference as the manifest writes it."""
    return str(image.get("ref") or image.get("image"))


def _chart_dir(path: str) -> str:
    """The chart of a template (`chart/templates/x.yaml` -> `chart`)."""
    parts = path.split("/")
    if "templates" in parts:
        return "/".join(parts[:len(parts) - 1 - parts[::-1].index("templates")]) or "."
    return posixpath.dirname(path) or "."


def _values_paths(image: dict[str, Any]) -> list[str]:
    return [m.group(1) for ref in image.get("template_refs") or [] for m in _VALUES_REF.finditer(ref)]


_VALUES_REF = re.compile(r"\.Values\.([\w.]+)")


@dataclass(frozen=True, slots=True)
class Resolved:
    """How a templated image reference is filled in: from Helm values or the chart's appVersion."""

    where: Location
    tag: str | None
    digest: str | None
    how: str
    scope: Scope


def resolve_helm(facts: AppFacts, workload: Fact, image: dict[str, Any]) -> Resolved | None:
    chart = _chart_dir(workload.path)
    values = [v for v in facts.of("k8s.helm_values") if (v.data.chart_dir or ".") == chart and v.scope is Scope.PRODUCTION]
    paths = _values_paths(image)
    for value in values:
        for entry in value.data.images or []:
            named = any(p == entry.get("path") or p.rsplit(".", 1)[0] == entry.get("path") for p in paths)
            if named and (entry.get("tag") or entry.get("digest")):
                return Resolved(Location(value.path, entry.get("tag_line") or entry.get("line"), f"tag: {entry.get('tag')}"),
                                entry.get("tag"), entry.get("digest"), f"{value.path} ({entry.get('path')})", value.scope)
    if any(".Chart.AppVersion" in ref for ref in image.get("template_refs") or []):
        for fact in facts.of("k8s.helm_chart"):
            if (fact.data.chart_dir or ".") == chart and fact.data.app_version:
                return Resolved(Location(fact.path, fact.data.app_version_line or fact.line, f"appVersion: {fact.data.app_version}"),
                                fact.data.app_version, None, f"{fact.path} (appVersion)", fact.scope)
    return None


def _kustomized(facts: AppFacts, image: dict[str, Any]) -> list[tuple[Fact, dict[str, Any]]]:
    """Kustomize `images:` entries that rewrite this image reference."""
    name = str(image.get("image") or "")
    return [(k, entry) for k in facts.of("k8s.kustomization") for entry in k.data.images or [] if entry.get("name") == name]


@dataclass(frozen=True, slots=True)
class ImageReference:
    """How a deploy manifest names the app's image: "immutable" (a digest, a version or commit
    tag, a CI variable), "moving" (`latest`, no tag, `imagePullPolicy: Always` over a reused tag)
    or "other"."""

    state: str
    where: Location
    scope: Scope
    image: str
    how: str


def image_references(facts: AppFacts) -> list[ImageReference]:
    """The image reference of every app container of this app's workloads (templated ones resolved
    through Helm values or the chart's appVersion, Kustomize rewrites applied), and `latest` tags
    of Helm values."""
    return list(facts.derive("deploy.image_references", lambda: list(_image_references(facts))))


def _where(fact: Fact, line: int | None, excerpt: str = "") -> Location:
    return Location(fact.path, line or fact.line, excerpt)


def _image_references(facts: AppFacts) -> Iterator[ImageReference]:
    for workload in deployed_workloads(facts):
        for container in app_containers(workload):
            image = container["image"]
            where = _where(workload, container.get("image_line"), f"image: {shown_image(image)}")
            if image.get("templated"):
                resolved = resolve_helm(facts, workload, image)
                if resolved is not None:
                    state = "immutable" if resolved.digest or immutable_tag(resolved.tag) else \
                        "moving" if (resolved.tag or "latest") == "latest" else "other"
                    yield ImageReference(state, resolved.where, resolved.scope, shown_image(image), resolved.how)
                continue
            # kustomize rewrites the tag (or digest) of every reference to that image name
            rewrites = [(k, e) for k, e in _kustomized(facts, image) if e.get("new_tag") or e.get("digest")]
            if not rewrites and not image.get("tag") and not image.get("digest"):
                rewrites = _kustomized(facts, image)
            if rewrites:
                for kustomization, entry in rewrites:
                    tag = entry.get("new_tag")
                    state = "immutable" if entry.get("digest") or immutable_tag(tag) else "moving" if not tag or tag == "latest" else "other"
                    yield ImageReference(state, Location(kustomization.path, entry.get("line"), f"newTag: {tag}"), kustomization.scope,
                                         f"{entry.get('new_name') or entry.get('name')}:{tag or entry.get('digest') or 'latest'}",
                                         kustomization.path)
                continue
            tag, digest = image.get("tag"), image.get("digest")
            if digest:
                yield ImageReference("immutable", where, workload.scope, shown_image(image), "digest")
            elif image.get("variable"):
                if delivery.CI_REF.search(shown_image(image)):
                    yield ImageReference("immutable", where, workload.scope, shown_image(image), "CI variable")
            elif not tag or tag == "latest":
                yield ImageReference("moving", where, workload.scope, shown_image(image), "latest" if tag else "untagged")
            elif immutable_tag(tag):
                yield ImageReference("immutable", where, workload.scope, shown_image(image), "version tag")
            elif container.get("pull_policy") == "Always":
                pull = _where(workload, container.get("pull_policy_line"), "imagePullPolicy: Always")
                yield ImageReference("moving", pull, workload.scope, shown_image(image), f"imagePullPolicy: Always with the tag {tag}")
    for values in deployed(facts, "k8s.helm_values"):
        for entry in values.data.images or []:
            if entry.get("tag") == "latest" and not entry.get("digest") and not image_engine(entry):
                yield ImageReference("moving", Location(values.path, entry.get("tag_line") or entry.get("line"), "tag: latest"),
                                     values.scope, f"{entry.get('image')}:latest", f"{values.path} ({entry.get('path')})")


# --- continuous deployment --------------------------------------------------------------------------


def _trigger(job: Fact) -> str | None:
    """What makes the job run after a merge or a release, if anything does."""
    data = job.data
    triggers = data.triggers or {}
    if data.when == "manual" or "workflow_dispatch" in str(data.condition or "") and "push" not in str(data.condition):
        return None
    if "release" in triggers:
        return "release"
    push = triggers.get("push")
    if push is None:
        return None
    branches = [str(b) for b in push.get("branches") or []]
    ignored = [str(b) for b in push.get("branches-ignore") or []]
    if push.get("tags") or "tags" in branches:
        return "push: tags"
    rules = [str(r) for r in triggers.get("rules") or []]
    if rules:
        hits = [r for r in rules if delivery.MAIN_RULE.search(r)]
        return "rules: " + hits[0] if hits else None
    matched = [b for b in branches if any(fnmatch.fnmatchcase(m, b) for m in delivery.MAIN_BRANCHES)]
    if matched:
        return "push: " + matched[0]
    if not branches and not any(fnmatch.fnmatchcase(m, b) for m in delivery.MAIN_BRANCHES for b in ignored):
        return "push"
    return None


@dataclass(frozen=True, slots=True)
class Delivery:
    """A CI job that deploys automatically, the step that deploys (when one does) and its trigger."""

    job: Fact
    step: Fact | None
    trigger: str


def continuous_deploys(facts: AppFacts) -> list[Delivery]:
    """CI jobs that deploy automatically when code reaches the main branch or a tag is pushed."""
    def compute() -> list[Delivery]:
        found: list[Delivery] = []
        steps = facts.of("ci.step")
        for job in facts.of("ci.job"):
            trigger = _trigger(job)
            if trigger is None or job.scope in ELSEWHERE:
                continue
            mine = [s for s in steps if s.path == job.path and s.data.job == job.data.job]
            deploys = next((s for s in mine if delivery.CD_COMMANDS.search(s.data.run or "")
                            or delivery.CD_ACTIONS.search(s.data.uses or "")), None)
            named_step = next((s for s in mine if delivery.CD_NAME.search(s.data.name or "")), None)
            named = delivery.CD_NAME.search(f"{job.data.job} {job.data.environment or ''}") or named_step
            # a job called "release" that publishes a package or the docs site does not deploy the app
            publishes = any(delivery.NOT_THE_APP.search(f"{s.data.uses or ''} {s.data.run or ''}") for s in mine)
            if deploys is not None:
                found.append(Delivery(job, deploys, trigger))
            elif named and not publishes:
                found.append(Delivery(job, named_step, trigger))
        return found

    return list(facts.derive("deploy.continuous_deploys", compute))


def triggered_elsewhere(facts: AppFacts) -> bool:
    """Pipelines whose triggers live outside the repository (Cloud Build): when they are the only
    CI, or when they deploy, whether merged code is deployed automatically cannot be read here."""
    workflows = [w for w in facts.of("ci.workflow") if w.scope is Scope.PRODUCTION]
    external = [w for w in workflows if "external" in (w.data.triggers or {})]
    if not external:
        return False
    if all(set(w.data.triggers or {}) <= {"external"} for w in workflows):
        return True
    paths = {w.path for w in external}
    return any(delivery.CD_COMMANDS.search(s.data.run or "")
               or delivery.EXTERNAL_DEPLOY.search(f"{s.data.uses or ''} {s.data.run or ''}")
               for s in facts.of("ci.step") if s.path in paths)
