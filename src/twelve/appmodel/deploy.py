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
from twelve.model import Location, Scope
from twelve.repository import FileEntry

#: Kubernetes workload kinds that run a long-lived process, and those whose pods are interchangeable
LONG_RUNNING_KINDS = frozenset(
    {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout", "DeploymentConfig", "KnativeService"}
)
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
    return list(
        facts.derive(
            key, lambda: [f for f in facts.of(*kinds) if f.scope is Scope.PRODUCTION and concerns_app(facts, f)]
        )
    )


def app_containers(workload: Fact) -> list[dict]:
    """The containers that run the app itself: not init containers, not backing-service images."""
    return [
        c
        for c in workload.get("containers") or []
        if not c.get("init") and c.get("image") and image_engine(c.get("image")) is None
    ]


def deployed_workloads(facts: AppFacts, kinds: frozenset[str] | None = None) -> list[Fact]:
    """This app's Kubernetes workloads (of *kinds*, default any) that run an app container."""
    key = "deployed_workloads:" + ",".join(sorted(kinds or ()))
    return list(
        facts.derive(
            key,
            lambda: [
                w
                for w in deployed(facts, "k8s.workload")
                if (kinds is None or w.get("kind") in kinds) and app_containers(w)
            ],
        )
    )


@dataclass(frozen=True, slots=True)
class ManualDeploy:
    """A documented deploy that fetches source and builds it on the machine that runs it."""

    doc: str
    section: str
    fetch: Fact  # git clone / git pull
    install: Fact | None  # pip install -r ..., npm install, ...
    start: Fact | None  # the server start command
    #: the recipe opens a session on the host (`ssh user@host`) or copies files to it
    remote: Fact | None = None


def _argv(fact: Fact) -> list[str]:
    return [str(a) for a in fact.get("argv") or []]


def fetches_code(fact: Fact) -> bool:
    """`git clone`, `git pull`... : the command fetches the app's code where it runs."""
    argv = _argv(fact)
    return (
        posixpath.basename(argv[0]) == "git" and len(argv) > 1 and argv[1] in delivery.FETCH_SUBCOMMANDS
        if argv
        else False
    )


def installs_dependencies(fact: Fact) -> bool:
    """`pip install -r requirements.txt`, `npm i`, `npm ci`, `bundle`, `uv sync`, `go build`...: a
    package manager installs the app's dependencies or builds it (a global tool install is not)."""
    argv = _argv(fact)
    if not argv:
        return False
    program = posixpath.basename(argv[0])
    if program not in delivery.INSTALLERS or {"-g", "--global"} & set(argv):
        return False
    if len(argv) == 1:
        return program in ("bundle", "yarn", "pnpm")  # `bundle`, `yarn` alone install
    return bool(set(argv[1:3]) & delivery.INSTALL_SUBCOMMANDS)


def starts_app(fact: Fact) -> bool:
    """The command starts the app (or a service manager that runs it) on the machine: a web
    server, `node index.js`, `npm start`, `pm2 start`, `systemctl restart app`, `nohup ... &`,
    `java -jar`, `python app.py`, `rails server`."""
    argv = _argv(fact)
    while argv and posixpath.basename(argv[0]) in ("sudo", "nohup", "exec", "env") and len(argv) > 1:
        argv = argv[1:] if not (argv[0] == "env" and "=" in argv[1]) else argv[2:]
    if not argv:
        return False
    program = posixpath.basename(argv[0])
    rest = argv[1:]
    if program in programs.names(programs.WEB_SERVER) and not (set(rest) & {"-v", "--version", "--help", "-h"}):
        return True
    if program in ("node", "nodejs", "deno", "bun"):
        return bool(rest) and not rest[0].startswith("-")
    if program in ("npm", "yarn", "pnpm"):
        script = rest[1] if rest[:1] == ["run"] and len(rest) > 1 else rest[0] if rest else ""
        return script in delivery.START_SCRIPTS
    if program in delivery.HOST_STARTERS:
        return bool(set(rest) & delivery.START_SUBCOMMANDS)
    if program in ("java",):
        return "-jar" in rest
    if program in ("python", "python3") or program.startswith("python3."):
        return any(a.endswith(".py") and not a.startswith("-") for a in rest)
    if program in ("rails",) or (program == "bundle" and rest[:2] == ["exec", "rails"]):
        return bool({"s", "server"} & set(rest))
    if program == "flask":
        return "run" in rest
    return program in ("pm2-runtime",)


def _remote(fact: Fact) -> bool:
    """`ssh user@host`, `scp file user@host:dir`, `rsync -a . host:/srv/app`: a session on, or a
    copy to, another machine."""
    argv = _argv(fact)
    return (
        bool(argv)
        and bool(delivery.REMOTE_SESSION.match(posixpath.basename(argv[0])))
        and any(delivery.REMOTE_TARGET.match(a) for a in argv[1:])
    )


def _deploy_section(path: str, section: str) -> tuple[str, bool] | None:
    """(the section that names the deploy, named) for a doc command in *section* of *path*: the
    outermost heading that names production, a deploy or a server, unless a deeper one names
    development or local setup; a file named for deploys (`docs/deploy.md`, `部署.md`) makes each of
    its top sections one. None when the section is about development."""
    parts = [p for p in section.split(" / ") if p]
    if parts and delivery.DEVELOPMENT_SECTION.search(parts[-1]):
        return None
    for index, part in enumerate(parts):
        if delivery.PRODUCTION_SECTION.search(part):
            if any(delivery.DEVELOPMENT_SECTION.search(p) for p in parts[index + 1 :]):
                return None
            return " / ".join(parts[: index + 1]), True
    name = posixpath.basename(path).rsplit(".", 1)[0]
    if delivery.PRODUCTION_SECTION.search(name) and not delivery.DEVELOPMENT_SECTION.search(name):
        return (parts[0] if parts else ""), True
    return (parts[0] if parts else ""), False


def manual_deploys(facts: AppFacts) -> list[ManualDeploy]:
    """Deploy guides (README, docs) whose production section clones/pulls the code on the host,
    installs dependencies there and starts the server by hand: build and run on one machine,
    with no release in between (F05-S07, F10-S10).

    A section is a deploy guide when its heading (or its file's name) names production, a deploy
    or a server in one of the common languages of READMEs (`Deploy to production`, `部署到服务器`,
    `Implantação`, `Déploiement`, `デプロイ`), or when its commands open a session on the host
    (`ssh user@host`): then it fetches the code (`git clone`, `git pull`) and installs or starts
    the app there (a remote session needs both). A section about development or local setup
    (`Local development`, `本地开发`) is never one."""

    def compute() -> list[ManualDeploy]:
        found: list[ManualDeploy] = []
        by_section: dict[tuple[str, str], list[Fact]] = {}
        named: dict[tuple[str, str], bool] = {}
        for fact in facts.of("doc.command"):
            where = _deploy_section(fact.path, str(fact.get("section") or ""))
            if where is None:
                continue
            key = (fact.path, where[0])
            by_section.setdefault(key, []).append(fact)
            named[key] = named.get(key, False) or where[1]
        for (path, section), commands in sorted(by_section.items()):
            fetch = next((c for c in commands if fetches_code(c)), None)
            if fetch is None:
                continue
            install = next((c for c in commands if installs_dependencies(c)), None)
            start = next((c for c in commands if starts_app(c)), None)
            remote = next((c for c in commands if _remote(c)), None)
            if (named[(path, section)] and (install is not None or start is not None)) or (
                remote is not None and install is not None and start is not None
            ):
                found.append(ManualDeploy(path, section, fetch, install, start, remote))
        return found

    return list(facts.derive("deploy.manual_deploys", compute))


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


#: a workflow expression that names a build: `steps.meta.outputs.tags`, `needs.build.outputs.version`
WORKFLOW_OUTPUT = re.compile(r"\b(steps|needs)\.([\w-]+)\.outputs\.([\w-]+)")


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
            if (
                delivery.IMAGE_BUILD.search(step.data.run or "") or uses.startswith(delivery.IMAGE_BUILD_ACTIONS)
            ) and _immutable_ref(step) is not None:
                found.append(step)
        with_metadata = {
            (s.path, s.data.job) for s in steps if (s.data.uses or "").startswith(delivery.METADATA_ACTION)
        }
        for step in steps:
            if (
                (step.data.uses or "").startswith(delivery.BUILD_PUSH_ACTION)
                and (step.path, step.data.job) in with_metadata
                and step not in found
            ):
                found.append(step)
        out = [PipelineStep(step, _immutable_ref(step)) for step in found]
        return out + [PipelineStep(step, ref) for step, ref in _reusable_builds(facts)]

    return list(facts.derive("deploy.build_steps", compute))


def _reusable_builds(facts: AppFacts) -> list[tuple[Fact, str]]:
    """Jobs that call a reusable workflow building the image (`uses: org/actions/.../docker_build.yml@v2`)
    whose output (a version, tag or digest) a later job of the same workflow passes on:
    `app_version: ${{ needs.build.outputs.app_version }}`. The output names the build."""
    steps = facts.of("ci.step")
    outputs: dict[tuple[str, str], str] = {}
    for step in steps:
        for match in delivery.BUILD_OUTPUT_REF.finditer(step_text(step)):
            outputs.setdefault((step.path, match.group(1)), match.group(0))
    return [
        (step, outputs[(step.path, str(step.data.job))])
        for step in steps
        if step.data.reusable
        and delivery.REUSABLE_BUILD.search(step.data.uses or "")
        and (step.path, str(step.data.job)) in outputs
    ]


def published_artifact(facts: AppFacts) -> Fact | None:
    """The first CI step that publishes what the build produced: an image pushed to a registry, a
    package or a release uploaded, a reusable build workflow whose output a deploy receives. A
    pipeline that only lints or tests publishes nothing."""

    def compute() -> Fact | None:
        built = build_steps(facts)
        if built:
            return built[0].fact
        for step in facts.of("ci.step"):
            if step.scope in ELSEWHERE | {Scope.TEST}:
                continue
            if delivery.PUBLISH_COMMANDS.search(step.data.run or "") or delivery.PUBLISH_ACTIONS.search(
                step.data.uses or ""
            ):
                return step
        return None

    return facts.derive("deploy.published_artifact", compute)


def deploy_steps(facts: AppFacts) -> list[PipelineStep]:
    """CI steps that roll a release out: a deploy command, or a deploy action in a job, environment
    or step named for a release."""

    def compute() -> list[PipelineStep]:
        return [
            PipelineStep(step, _immutable_ref(step), bool(delivery.LATEST_TAG.search(step_text(step))))
            for step in facts.facts_where("deploy.deploy_steps", "ci.step", _rolls_out)
        ]

    return list(facts.derive("deploy.deploy_steps", compute))


def _rolls_out(step: Fact) -> bool:
    """Whether a CI step rolls a release out (see deploy_steps)."""
    text = step_text(step)
    data = step.data
    in_deploy_job = any(delivery.DEPLOY_CONTEXT.search(name or "") for name in (data.job, data.environment, data.name))
    command = delivery.DEPLOY_COMMANDS.search(text)
    reusable = bool(data.reusable) and bool(delivery.REUSABLE_DEPLOY.search(data.uses or ""))
    return bool((in_deploy_job or command or reusable) and (command or "deploy" in (data.uses or "")))


def platform_files(facts: AppFacts) -> list[FileEntry]:
    """Descriptors of platforms that build each release and keep a ledger of them (Procfile,
    app.json, fly.toml, render.yaml...), in the order of `knowledge.delivery.PLATFORM_FILES`."""
    return [entry for name in delivery.PLATFORM_FILES for entry in [facts.has_file(name)] if entry is not None]


def deploy_descriptors(facts: AppFacts) -> list[FileEntry]:
    """Descriptors of deploy targets twelve does not read (`vercel.json`, `serverless.yml`,
    `project.toml`, Kamal's `config/deploy.yml`...): they define a build and a run all the same.
    Descriptors kept with an example or vendored code are not the app's."""

    def compute() -> list[FileEntry]:
        found = [entry for name in delivery.DEPLOY_DESCRIPTORS for entry in [facts.has_file(name)] if entry is not None]
        found += facts.files_where(
            "deploy.descriptor_paths",
            lambda entry: entry.path in _DESCRIPTOR_PATHS or entry.path.endswith(_DESCRIPTOR_ENDS),
        )
        return [entry for entry in found if entry.scope not in ELSEWHERE | {Scope.TEST}]

    return list(facts.derive("deploy.descriptors", compute))


#: the descriptor paths, as they are at the app's root and below a folder (one C-level test per file)
_DESCRIPTOR_PATHS = frozenset(delivery.DEPLOY_DESCRIPTOR_PATHS)
_DESCRIPTOR_ENDS = tuple("/" + p for p in delivery.DEPLOY_DESCRIPTOR_PATHS)


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
        if delivery.SSH_FETCH.search(run) or (delivery.REMOTE_COPY.search(run) and not delivery.ARCHIVE.search(run)):
            found.append(RemoteSync(step, run.strip().splitlines()[0][:60]))
    return found


# --- what defines the build, the release and the run --------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReleaseDefinition:
    """Something in the repository that builds the app into an artifact, releases it or runs it:
    an image (`image`), a compose service of the app (`compose`), a Kubernetes workload, Helm
    values or a Kustomization (`kubernetes`), a platform descriptor (`platform`), a pipeline that
    publishes or deploys (`pipeline`), a documented deploy (`guide`), or only a packaging
    definition that builds a runnable artifact nothing releases (`packaging`: a Spring Boot
    repackage, a shaded jar, Gradle's application plugin, GoReleaser)."""

    kind: str
    where: Fact | Location
    label: str


def _packaging(facts: AppFacts) -> Iterator[ReleaseDefinition]:
    from twelve.appmodel.packages import fat_artifact, fat_builds

    for manifest in fat_builds(facts):
        found = fat_artifact(manifest)
        if found is not None:  # always: fat_builds keeps those
            yield ReleaseDefinition(
                "packaging",
                Location(manifest.path, found[1] or manifest.line, found[0]),
                f"{manifest.path} ({found[0]})",
            )
    for name in delivery.GORELEASER_FILES:
        entry = facts.has_file(name)
        if entry is not None:
            yield ReleaseDefinition("packaging", Location(entry.path), f"{entry.path} (GoReleaser)")


def release_definitions(facts: AppFacts) -> list[ReleaseDefinition]:
    """Every definition of how the app is built, released or run, most telling first (criteria:
    the verdict rubric's V, "no build or release definition at all" is what their absence says).
    Git tags, a README's development section, a pipeline that only lints or tests, and a Makefile
    build target are no such definition."""

    def compute() -> list[ReleaseDefinition]:
        from twelve.appmodel.starts import production

        found: list[ReleaseDefinition] = []
        published = published_artifact(facts)
        if published is not None:
            found.append(ReleaseDefinition("pipeline", published, f"{published.path} ({published.data.job})"))
        for step in [s.fact for s in deploy_steps(facts)][:1] + [d.step or d.job for d in continuous_deploys(facts)][
            :1
        ]:
            found.append(ReleaseDefinition("pipeline", step, f"{step.path} ({step.data.job})"))
        found += [ReleaseDefinition("platform", Location(e.path), e.path) for e in platform_files(facts)]
        found += [ReleaseDefinition("platform", Location(e.path), e.path) for e in deploy_descriptors(facts)]
        found += [
            ReleaseDefinition("kubernetes", w, f"{w.path} ({w.data.kind} {w.data.name})")
            for w in deployed_workloads(facts)[:1]
        ]
        found += [
            ReleaseDefinition("kubernetes", v, v.path)
            for v in deployed(facts, "k8s.helm_values", "k8s.kustomization")[:1]
        ]
        found += [ReleaseDefinition("image", d, d.path) for d in production(facts.of("docker.file"))[:1]]
        found += [
            ReleaseDefinition("compose", c, f"{c.path} ({c.data.name})")
            for c in facts.of("compose.service")
            if c.scope not in ELSEWHERE | {Scope.TEST} and (c.data.build or _own_image_service(facts, c))
        ][:1]
        found += [
            ReleaseDefinition("guide", d.fetch, f"{d.doc} ({d.section})") for d in manual_deploys_in_use(facts)[:1]
        ]
        found += list(_packaging(facts))
        return found

    return list(facts.derive("deploy.release_definitions", compute))


# --- whether a production environment is defined at all (factor X) ----------------------------------


@dataclass(frozen=True, slots=True)
class ProductionPath:
    """Something that says how the app runs in production: a platform descriptor (`platform`), a
    Kubernetes workload, Helm values or a Kustomization (`kubernetes`), a pipeline that deploys or
    publishes the build for others to run (`pipeline`), a documented deploy (`guide`), or an image
    or deploy compose service of the app whose start is not a development setup (`container`)."""

    kind: str
    where: Fact | Location
    label: str


def _committed_debug(facts: AppFacts) -> Fact | None:
    """A committed env file that switches debug mode on (`DEBUG=1`, `FLASK_ENV=development`) and
    that a compose service of the app loads (`env_file`): the container runs a development setup."""
    loaded: set[str] = set()
    for service in facts.of("compose.service"):
        if service.data.build or _own_image_service(facts, service):
            base = posixpath.dirname(service.path)
            for ref in service.data.env_file or []:
                loaded.add(posixpath.normpath(posixpath.join(base, str(ref))))
    for entry in facts.of("envfile.entry"):
        if entry.path in loaded and delivery.DEV_MODE_ENV.match(str(entry.data.key or "")):
            value = str(entry.excerpt.split("=", 1)[-1] if "=" in entry.excerpt else "").strip().strip("'\"").lower()
            if value in delivery.DEV_MODE_VALUES:
                return entry
    return None


def development_setup(facts: AppFacts) -> Fact | None:
    """The evidence that the app's container setup is a development one: every start command runs
    a development server (`manage.py runserver`, `flask run`, nodemon), or the committed env file
    its compose service loads switches debug mode on. None when the setup can serve production."""
    from twelve.appmodel.starts import start_commands

    starts = start_commands(facts)
    servers = [d for d in dev_servers(facts) if not d.switch]
    if starts and len({id(d.evidence[0]) for d in servers}) >= len({id(s.fact) for s in starts}):
        return servers[0].evidence[0]
    return _committed_debug(facts)


def production_paths(facts: AppFacts) -> list[ProductionPath]:
    """Every definition of a production environment for the app, most telling first. A
    development compose file, a Dockerfile that runs a development server or whose compose loads
    a committed `DEBUG=1`, a packaging definition alone (a boot jar nothing runs), git tags and a
    pipeline that only tests are none: then development is the only environment there is."""

    def compute() -> list[ProductionPath]:
        found: list[ProductionPath] = []
        found += [ProductionPath("platform", Location(e.path), e.path) for e in platform_files(facts)]
        found += [ProductionPath("platform", Location(e.path), e.path) for e in deploy_descriptors(facts)]
        found += [
            ProductionPath("kubernetes", w, f"{w.path} ({w.data.kind} {w.data.name})")
            for w in deployed_workloads(facts)[:1]
        ]
        found += [
            ProductionPath("kubernetes", v, v.path) for v in deployed(facts, "k8s.helm_values", "k8s.kustomization")[:1]
        ]
        for step in [s.fact for s in deploy_steps(facts)][:1] + [d.step or d.job for d in continuous_deploys(facts)][
            :1
        ]:
            found.append(ProductionPath("pipeline", step, f"{step.path} ({step.data.job})"))
        published = published_artifact(facts)
        if published is not None:
            found.append(ProductionPath("pipeline", published, f"{published.path} ({published.data.job})"))
        found += [ProductionPath("guide", d.fetch, f"{d.doc} ({d.section})") for d in manual_deploys_in_use(facts)[:1]]
        if development_setup(facts) is None:
            from twelve.appmodel.starts import production as in_production

            found += [ProductionPath("container", d, d.path) for d in in_production(facts.of("docker.file"))[:1]]
            found += [
                ProductionPath("container", c, f"{c.path} ({c.data.name})")
                for c in facts.of("compose.service")
                if c.scope not in ELSEWHERE | {Scope.TEST}
                and c.data.role != "dev"
                and (c.data.build or _own_image_service(facts, c))
            ][:1]
        return found

    return list(facts.derive("deploy.production_paths", compute))


@dataclass(frozen=True, slots=True)
class HostRecipe:
    """A documentation section (not about development) that installs the app's dependencies on a
    machine and starts it there: the one way the docs give to run it."""

    doc: str
    section: str
    install: Fact
    start: Fact


def recipe_dev_server(facts: AppFacts, recipe: HostRecipe) -> str | None:
    """The development server a host recipe starts, if it starts one: `flask run`, `nodemon`,
    `manage.py runserver`, `python app.py` whose script calls Flask's `app.run()`."""
    argv = tuple(_argv(recipe.start))
    program = posixpath.basename(argv[0]) if argv else ""
    label = dev_server_label(program, argv)
    if label is not None:
        return label
    if delivery.RUNSERVER in argv:
        return f"manage.py {delivery.RUNSERVER}"
    script = next((a for a in argv[1:] if a.endswith(".py") and not a.startswith("-")), None)
    if script is None:
        return None
    for run in facts.of("server.run"):
        api = str(run.data.api or "")
        if (
            run.scope is Scope.PRODUCTION
            and (run.path == script.lstrip("./") or run.path.endswith("/" + script.lstrip("./")))
            and api.endswith(".run")
            and not api.startswith(delivery.PRODUCTION_RUN_APIS)
        ):
            return f"python {script} ({api})"
    return None


def host_recipes(facts: AppFacts) -> list[HostRecipe]:
    """Sections of the docs that install and start the app by hand (`pip install -r
    requirements.txt` then `python worker.py`), outside any section about development or local
    setup."""
    by_section: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts.of("doc.command"):
        if fact.scope in ELSEWHERE | {Scope.TEST}:
            continue
        where = _deploy_section(fact.path, str(fact.get("section") or ""))
        if where is None:
            continue
        by_section.setdefault((fact.path, str(fact.get("section") or "")), []).append(fact)
    found: list[HostRecipe] = []
    for (path, section), commands in sorted(by_section.items()):
        install = next((c for c in commands if installs_dependencies(c)), None)
        start = next(
            (c for c in commands if starts_app(c) and (c.line or 0) >= ((install.line or 0) if install else 0)), None
        )
        if install is not None and start is not None:
            found.append(HostRecipe(path, section, install, start))
    return found


# --- code changed at run time -------------------------------------------------------------------------

#: paths of scripts run by hand or by a pipeline (a deploy script that pulls on the host is a
#: documented host deploy, not the app changing its own code)
_SCRIPT_PATH = re.compile(
    r"(?i)(^|/)(scripts?|bin|tools|deploy|deployment|ci|\.github|\.gitlab|ansible|"
    r"management/commands)/|(^|/)(fabfile|deploy\w*|release\w*|setup|install\w*|bootstrap\w*|"
    r"provision\w*|build\w*)\.\w+$"
)


@dataclass(frozen=True, slots=True)
class SelfUpdate:
    """The app's own running code fetches new code into its checkout: a `git pull` its process
    runs (through a shell, a helper or a git library)."""

    fact: Fact  # the vcs.update fact
    spawn: Fact | None  # the process call in the same module that runs it, when it is a string


def self_updates(facts: AppFacts) -> list[SelfUpdate]:
    """Production code that runs `git pull|fetch|checkout|reset` on its own checkout: a command
    string in a module that runs commands (`run_process('git pull')` beside
    `create_subprocess_shell`), the command and its subcommand as arguments (`exec.Command("git",
    "pull")`), or a git library's pull (GitPython, go-git). Scripts run by hand or by a pipeline
    (scripts/, deploy.py, fabfile.py) are deploy tooling, not the running app."""

    def compute() -> list[SelfUpdate]:
        spawns: dict[str, Fact] = {}
        for first in facts.of("process.spawn"):
            spawns.setdefault(first.path, first)
        found: list[SelfUpdate] = []
        for fact in facts.of("vcs.update"):
            if fact.scope is not Scope.PRODUCTION or _SCRIPT_PATH.search(fact.path):
                continue
            spawn = spawns.get(fact.path)
            if fact.data.form == "string" and spawn is None:
                continue  # a string nothing in the module runs (a message, a help text)
            found.append(SelfUpdate(fact, spawn))
        return found

    return list(facts.derive("deploy.self_updates", compute))


# --- the app's own image, referenced by a moving tag ----------------------------------------------------

_IMAGE_FLAG = re.compile(r"(?:^|\s)(?:-t|--tag)[ =](\S+)|\bdocker\s+push\s+(\S+)")
_IMAGE_REF = re.compile(r"^[a-z0-9][\w.-]*(?::\d+)?(?:/[\w.-]+)+(?::[\w.-]+)?$|^[a-z0-9][\w.-]*(?::[\w.-]+)?$")


def _image_name(ref: str) -> str | None:
    """`ghcr.io/acme/app:1.2` -> `ghcr.io/acme/app`; None for a reference made of variables."""
    ref = ref.strip().strip("'\"").split("@", 1)[0]
    head, _, tail = ref.rpartition("/")
    name = f"{head}/{tail.split(':', 1)[0]}" if head else tail.split(":", 1)[0]  # the tag may be a variable
    if not name or "$" in name or "{" in name or not _IMAGE_REF.match(name):
        return None
    return name


def published_images(facts: AppFacts) -> set[str]:
    """Names (without tag) of the images the pipelines build or push: `docker build -t`, `docker
    push`, the tags and images of docker/build-push-action and docker/metadata-action."""

    def compute() -> set[str]:
        names: set[str] = set()
        for step in facts.of("ci.step"):
            run = step.data.run or ""
            for match in _IMAGE_FLAG.finditer(run):
                name = _image_name(match.group(1) or match.group(2) or "")
                if name:
                    names.add(name)
            uses = step.data.uses or ""
            if uses.startswith(delivery.IMAGE_BUILD_ACTIONS):
                for key in ("tags", "images"):
                    for item in re.split(r"[\n,]+", str((step.data.with_ or {}).get(key) or "")):
                        name = _image_name(item)
                        if name:
                            names.add(name)
        return names

    return set(facts.derive("deploy.published_images", compute))


def app_names(facts: AppFacts) -> set[str]:
    """What the app is called: its folder, the repository's folder, its manifests' package names
    (package.json `name`, the last part of a Go module path, a Maven artifactId)."""
    names = {facts.app.name.lower(), posixpath.basename(facts.all.repo.root.rstrip("/")).lower()}
    for manifest in facts.of("dep.manifest"):
        for value in (
            manifest.get("name"),
            manifest.get("artifact"),
            str(manifest.get("module") or "").rsplit("/", 1)[-1],
        ):
            if value:
                names.add(str(value).lower().rsplit("/", 1)[-1])
    return {n for n in names if n and n != "."}


def own_image(facts: AppFacts, image: dict[str, Any] | None) -> bool:
    """Whether a literal image reference names the app's own artifact: an image the pipelines
    publish, or one named after the app or the repository (a backing service's image never is)."""
    if not image or image.get("variable") or image.get("templated") or image_engine(image) is not None:
        return False
    name = str(image.get("image") or "").lower()
    if not name:
        return False
    if name in {n.lower() for n in published_images(facts)}:
        return True
    return name.rsplit("/", 1)[-1] in app_names(facts)


def _own_image_service(facts: AppFacts, service: Fact) -> bool:
    return not service.data.build and own_image(facts, service.data.image)


def _moving(image: dict[str, Any]) -> bool:
    return not image.get("digest") and (not image.get("tag") or str(image.get("tag")) in delivery.MOVING_TAGS)


@dataclass(frozen=True, slots=True)
class MovingRelease:
    """A deploy definition or the documented deploy that runs the app's own published image by a
    moving tag, as a literal: a compose service `image: ghcr.io/acme/app:latest` with no build, a
    guide's `docker run ghcr.io/acme/app` in its deploy section."""

    where: Fact
    image: str
    file: str


def moving_own_images(facts: AppFacts) -> list[MovingRelease]:
    """Compose services (of deploy files, or the example files a self-hosting guide ships) and
    documented deploy commands that run the app's own image at `latest`, `stable` or no tag. A
    reference built from a variable (`${APP_IMAGE:-ghcr.io/acme/app:latest}`) is set per deploy."""
    from twelve.facts.dockerfile import parse_image

    found: list[MovingRelease] = []
    for service in facts.of("compose.service"):
        image = service.data.image
        if (
            service.data.build
            or not image
            or service.data.role == "dev"
            or service.scope in {Scope.VENDORED, Scope.GENERATED, Scope.TEST, Scope.DEV}
        ):
            continue
        if own_image(facts, image) and _moving(image):
            found.append(MovingRelease(service, f"{image.get('image')}:{image.get('tag') or 'latest'}", service.path))
    for command in facts.of("doc.command"):
        argv = _argv(command)
        if (
            len(argv) < 3
            or posixpath.basename(argv[0]) not in ("docker", "podman")
            or argv[1] not in ("run", "pull", "create")
        ):
            continue
        where = _deploy_section(command.path, str(command.get("section") or ""))
        if where is None or not where[1] or command.scope in ELSEWHERE | {Scope.TEST}:
            continue
        ref = next((a for a in argv[2:] if not a.startswith("-") and "/" in a and "=" not in a), None)
        image = parse_image(ref) if ref else None
        if image and own_image(facts, image) and _moving(image):
            found.append(MovingRelease(command, ref or "", command.path))
    return found


def helm_tag_overridden(facts: AppFacts) -> bool:
    """A pipeline sets the image tag when it deploys the chart (`helm upgrade --set
    image.tag=...`): the values files' own tag is only a default."""
    return any(delivery.HELM_TAG_OVERRIDE.search(step_text(step)) for step in facts.of("ci.step"))


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
    return (
        bool(argv)
        and programs.has_role(argv[0], programs.BUILDER)
        and bool(set(argv[1 : reach + 1]) & programs.BUILD_SUBCOMMANDS)
    )


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
    return [
        BuildCommand(fact, argv)
        for fact, argv in candidates
        if argv and (_builds(argv, 2) or "collectstatic" in argv or "assets:precompile" in argv)
    ]


# --- development servers on the production start path ---------------------------------------------


@dataclass(frozen=True, slots=True)
class DevServer:
    """A development server, reloader or debug switch on the production start path."""

    evidence: tuple[Fact, ...]
    label: str  # `nodemon`, `flask run`, `gunicorn --reload`, `FLASK_DEBUG=1`...
    file: str
    switch: bool = False  # a variable of the image that turns a framework's debug mode on


def dev_server_label(program: str, argv: tuple[str, ...]) -> str | None:
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
        label = dev_server_label(program, argv)
        if label is not None:
            found.append(DevServer((start.fact,), label, path))
        elif delivery.RUNSERVER in argv:
            found.append(DevServer((start.fact,), f"manage.py {delivery.RUNSERVER}", path))
        elif delivery.RELOAD_FLAG in argv:
            found.append(DevServer((start.fact,), f"{program} {delivery.RELOAD_FLAG}", path))
        else:
            script = python_script_of(start)
            run = next(
                (
                    f
                    for p, f in runs.items()
                    if script and (p == script.lstrip("./") or p.endswith("/" + script.lstrip("./")))
                ),
                None,
            )
            api = (run.data.api or "") if run is not None else ""
            if run is not None and api.endswith(".run") and not api.startswith(delivery.PRODUCTION_RUN_APIS):
                found.append(DevServer((start.fact, run), f"python {script} ({api})", path))
    for fact in facts.of("docker.env"):
        if (
            fact.scope is Scope.PRODUCTION
            and delivery.DEV_MODE_ENV.match(fact.data.key or "")
            and str(fact.data.value or "").lower() in delivery.DEV_MODE_VALUES
        ):
            found.append(DevServer((fact,), f"{fact.data.key}={fact.data.value}", fact.path, switch=True))
    return found


# --- image references of deploy manifests ----------------------------------------------------------


def immutable_tag(tag: str | None) -> bool:
    """A tag that names one build: a version, a commit SHA, a timestamp, a CI variable that holds one."""
    return bool(tag) and (bool(delivery.VERSION_TAG.match(tag or "")) or bool(delivery.CI_REF.search(tag or "")))


def shown_image(image: dict[str, Any]) -> str:
    """An image reference as the manifest writes it."""
    return str(image.get("ref") or image.get("image"))


def readable_image(facts: AppFacts, workload: Fact, image: dict[str, Any]) -> str:
    """An image reference as a person reads it: a Helm template's reference filled in from the
    chart's values when they name it (`ghcr.io/acme/shop:latest`), else as the manifest writes it."""
    if image.get("templated"):
        resolved = resolve_helm(facts, workload, image)
        if resolved is not None and resolved.image:
            return resolved.image
    return shown_image(image)


def _chart_dir(path: str) -> str:
    """The chart of a template (`chart/templates/x.yaml` -> `chart`)."""
    parts = path.split("/")
    if "templates" in parts:
        return "/".join(parts[: len(parts) - 1 - parts[::-1].index("templates")]) or "."
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
    #: the reference the values fill in (`ghcr.io/acme/shop:latest`), as a person reads it
    image: str | None = None


def resolve_helm(facts: AppFacts, workload: Fact, image: dict[str, Any]) -> Resolved | None:
    chart = _chart_dir(workload.path)
    values = [
        v for v in facts.of("k8s.helm_values") if (v.data.chart_dir or ".") == chart and v.scope is Scope.PRODUCTION
    ]
    paths = _values_paths(image)
    for value in values:
        for entry in value.data.images or []:
            named = any(p == entry.get("path") or p.rsplit(".", 1)[0] == entry.get("path") for p in paths)
            if named and (entry.get("tag") or entry.get("digest")):
                return Resolved(
                    Location(value.path, entry.get("tag_line") or entry.get("line"), f"tag: {entry.get('tag')}"),
                    entry.get("tag"),
                    entry.get("digest"),
                    f"{value.path} ({entry.get('path')})",
                    value.scope,
                    _filled(entry),
                )
    if any(".Chart.AppVersion" in ref for ref in image.get("template_refs") or []):
        for fact in facts.of("k8s.helm_chart"):
            if (fact.data.chart_dir or ".") == chart and fact.data.app_version:
                return Resolved(
                    Location(
                        fact.path, fact.data.app_version_line or fact.line, f"appVersion: {fact.data.app_version}"
                    ),
                    fact.data.app_version,
                    None,
                    f"{fact.path} (appVersion)",
                    fact.scope,
                )
    return None


def _filled(entry: dict[str, Any]) -> str | None:
    """The image reference a Helm values entry fills in (`repo:tag`, `repo@digest`)."""
    name = entry.get("image")
    if not name or "{{" in str(name):
        return None
    return f"{name}@{entry['digest']}" if entry.get("digest") else f"{name}:{entry.get('tag') or 'latest'}"


def _kustomized(facts: AppFacts, image: dict[str, Any]) -> list[tuple[Fact, dict[str, Any]]]:
    """Kustomize `images:` entries that rewrite this image reference."""
    name = str(image.get("image") or "")
    return [
        (k, entry) for k in facts.of("k8s.kustomization") for entry in k.data.images or [] if entry.get("name") == name
    ]


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
                    state = (
                        "immutable"
                        if resolved.digest or immutable_tag(resolved.tag)
                        else "moving"
                        if (resolved.tag or "latest") == "latest"
                        else "other"
                    )
                    shown = resolved.image or shown_image(image)
                    yield ImageReference(state, resolved.where, resolved.scope, shown, resolved.how)
                continue
            # kustomize rewrites the tag (or digest) of every reference to that image name
            rewrites = [(k, e) for k, e in _kustomized(facts, image) if e.get("new_tag") or e.get("digest")]
            if not rewrites and not image.get("tag") and not image.get("digest"):
                rewrites = _kustomized(facts, image)
            if rewrites:
                for kustomization, entry in rewrites:
                    tag = entry.get("new_tag")
                    state = (
                        "immutable"
                        if entry.get("digest") or immutable_tag(tag)
                        else "moving"
                        if not tag or tag == "latest"
                        else "other"
                    )
                    yield ImageReference(
                        state,
                        Location(kustomization.path, entry.get("line"), f"newTag: {tag}"),
                        kustomization.scope,
                        f"{entry.get('new_name') or entry.get('name')}:{tag or entry.get('digest') or 'latest'}",
                        kustomization.path,
                    )
                continue
            tag, digest = image.get("tag"), image.get("digest")
            if digest:
                yield ImageReference("immutable", where, workload.scope, shown_image(image), "digest")
            elif image.get("variable"):
                if delivery.CI_REF.search(shown_image(image)):
                    yield ImageReference("immutable", where, workload.scope, shown_image(image), "CI variable")
            elif not tag or tag == "latest":
                yield ImageReference(
                    "moving", where, workload.scope, shown_image(image), "latest" if tag else "untagged"
                )
            elif immutable_tag(tag):
                yield ImageReference("immutable", where, workload.scope, shown_image(image), "version tag")
            elif container.get("pull_policy") == "Always":
                pull = _where(workload, container.get("pull_policy_line"), "imagePullPolicy: Always")
                yield ImageReference(
                    "moving", pull, workload.scope, shown_image(image), f"imagePullPolicy: Always with the tag {tag}"
                )
    if helm_tag_overridden(facts):
        return  # the values' `tag: latest` is a default every deploy overrides
    for values in deployed(facts, "k8s.helm_values"):
        for entry in values.data.images or []:
            if entry.get("tag") == "latest" and not entry.get("digest") and not image_engine(entry):
                yield ImageReference(
                    "moving",
                    Location(values.path, entry.get("tag_line") or entry.get("line"), "tag: latest"),
                    values.scope,
                    f"{entry.get('image')}:latest",
                    f"{values.path} ({entry.get('path')})",
                )


# --- continuous deployment --------------------------------------------------------------------------


def _trigger(job: Fact) -> str | None:
    """What makes the job run after a merge or a release, if anything does."""
    data = job.data
    triggers = data.triggers or {}
    if data.when == "manual" or (
        "workflow_dispatch" in str(data.condition or "") and "push" not in str(data.condition)
    ):
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
        # each job's steps, in their order (a job's steps are in its file: one pass over the steps,
        # not one per job)
        by_job: dict[tuple[str, str | None], list[Fact]] = {}
        for step in facts.of("ci.step"):
            by_job.setdefault((step.path, step.data.job), []).append(step)
        for job in facts.of("ci.job"):
            trigger = _trigger(job)
            if trigger is None or job.scope in ELSEWHERE:
                continue
            mine = by_job.get((job.path, job.data.job), [])
            deploys = next(
                (
                    s
                    for s in mine
                    if delivery.CD_COMMANDS.search(s.data.run or "") or delivery.CD_ACTIONS.search(s.data.uses or "")
                ),
                None,
            )
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
    return any(
        delivery.CD_COMMANDS.search(s.data.run or "")
        or delivery.EXTERNAL_DEPLOY.search(f"{s.data.uses or ''} {s.data.run or ''}")
        for s in facts.of("ci.step")
        if s.path in paths
    )
