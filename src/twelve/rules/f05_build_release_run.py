"""V. Build, release, run: strictly separate build and run stages."""

from __future__ import annotations

import re
from collections.abc import Iterator

from twelve.facts import AppFacts
from twelve.facts.base import Fact
from twelve.facts.shellwords import split_commands
from twelve.model import Effect, Location, Scope
from twelve.appmodel import manual_deploys, production, python_script_of, start_commands
from twelve.rules.registry import ADVICE, AGAINST, FOR, MODERATE, NEUTRAL, STRONG, WEAK, Hit, hit, rule

IMMUTABLE_REF = re.compile(
    r"github\.sha|GITHUB_SHA|CI_COMMIT_SHA|CI_COMMIT_SHORT_SHA|CI_COMMIT_TAG|github\.ref_name|GITHUB_REF_NAME|"
    r"git rev-parse|BUILD_NUMBER|BUILD_ID|github\.run_number|CIRCLE_SHA1|CIRCLE_TAG|BITBUCKET_COMMIT|GIT_COMMIT|"
    r"SOURCE_VERSION|steps\.[\w-]+\.outputs\.(tags|version|digest)|\$\{\{\s*(env|vars|needs)\.[\w.-]*(VERSION|TAG|SHA|DIGEST)|"
    r"Build\.(SourceVersion|BuildId|BuildNumber)|\bSHORT_SHA\b|\bCOMMIT_SHA\b|\bTAG_NAME\b|BITBUCKET_TAG|DRONE_COMMIT|"
    r"CI_COMMIT_REF_NAME|GIT_SHA|GITHUB_REF_NAME",
    re.I,
)
_BUILD = re.compile(r"\b(docker|podman)\s+(buildx\s+)?build\b|\bbuildah\s+bud\b|\bpack\s+build\b|\bko\s+(build|publish)\b|"
                    r"\bjib\b|\bdocker\s+push\b")
_BUILD_ACTIONS = ("docker/build-push-action", "redhat-actions/buildah-build", "docker/metadata-action")
_DEPLOY = re.compile(r"(?i)deploy|release|production|prod\b|rollout|publish")
_DEPLOY_COMMANDS = re.compile(r"\b(kubectl\s+(set\s+image|apply|rollout)|helm\s+(upgrade|install)|flyctl\s+deploy|fly\s+deploy|"
                              r"heroku\s+(container:release|releases|deploy)|gcloud\s+run\s+deploy|aws\s+ecs\s+update-service|"
                              r"az\s+(webapp|containerapp)|docker\s+service\s+update|cap\s+\w+\s+deploy|kamal\s+deploy|argocd\s+app)")
_PLATFORM_FILES = ("Procfile", "app.json", "fly.toml", "render.yaml", "railway.json", "railway.toml", "platform.sh", ".platform.app.yaml")
_BUILD_AT_START = re.compile(r"^(pip3?|poetry|pipenv|uv|npm|yarn|pnpm|bundle|composer|go|mvn|mvnw|gradle|gradlew|webpack|vite|tsc)$")
_BUILD_SUBCOMMANDS = frozenset({"install", "ci", "sync", "build", "package", "compile", "collectstatic", "assets:precompile",
                                "bundle", "bootJar", "assemble"})
#: development servers and code reloaders of the other stacks (Python's are recognised by their flags)
_DEV_PROGRAMS = {"nodemon": "nodemon", "ts-node-dev": "ts-node-dev", "tsx": "tsx watch", "air": "air",
                 "webpack-dev-server": "webpack-dev-server", "vite": "vite", "shotgun": "shotgun"}
_DEV_SERVER_ENV = re.compile(r"^(FLASK_DEBUG|FLASK_ENV|DJANGO_DEBUG|DEBUG)$")


def _step_text(step: Fact) -> str:
    return " ".join([step.get("run") or "", step.get("uses") or "", " ".join(f"{k}={v}" for k, v in step.get("with_", {}).items())])


def _build_steps(facts: AppFacts) -> list[Fact]:
    steps = []
    for step in facts.of("ci.step"):
        text = _step_text(step)
        uses = step.get("uses") or ""
        if (_BUILD.search(step.get("run") or "") or uses.startswith(_BUILD_ACTIONS)) and IMMUTABLE_REF.search(text):
            steps.append(step)
    jobs_with_meta = {(s.path, s.get("job")) for s in facts.of("ci.step") if (s.get("uses") or "").startswith("docker/metadata-action")}
    for step in facts.of("ci.step"):
        if (step.get("uses") or "").startswith("docker/build-push-action") and (step.path, step.get("job")) in jobs_with_meta and step not in steps:
            steps.append(step)
    return steps


def _deploy_steps(facts: AppFacts) -> list[Fact]:
    out = []
    for step in facts.of("ci.step"):
        text = _step_text(step)
        in_deploy_job = _DEPLOY.search(step.get("job") or "") or _DEPLOY.search(step.get("environment") or "") or _DEPLOY.search(step.get("name") or "")
        if (in_deploy_job or _DEPLOY_COMMANDS.search(text)) and (_DEPLOY_COMMANDS.search(text) or "deploy" in (step.get("uses") or "")):
            out.append(step)
    return out


@rule("F05-S1", factor=5, polarity=FOR, strength=STRONG, ecosystems=("deploy",))
def build_tagged_per_commit(facts: AppFacts) -> Iterator[Hit]:
    for step in _build_steps(facts)[:1]:
        ref = IMMUTABLE_REF.search(_step_text(step))
        yield hit(step, file=step.path, ref=ref.group(0) if ref else "metadata-action")


@rule("F05-S2", factor=5, polarity=FOR, strength=STRONG, ecosystems=("deploy",))
def release_references_artifact(facts: AppFacts) -> Iterator[Hit]:
    for step in _deploy_steps(facts):
        ref = IMMUTABLE_REF.search(_step_text(step))
        if ref:
            yield hit(step, how=f"{step.path} ({ref.group(0)})")
            return
    for name in _PLATFORM_FILES:
        entry = facts.has_file(name)
        if entry is not None:
            yield hit(Location(entry.path), strength=MODERATE, how=entry.path)
            return


@rule("F05-S4", factor=5, polarity=FOR, strength=MODERATE, ecosystems=("deploy",))
def build_work_at_build_time(facts: AppFacts) -> Iterator[Hit]:
    for fact in production(facts.of("docker.run")):
        for command in split_commands(fact.get("command", "")):
            words = set(command.argv[1:4])
            if _BUILD_AT_START.match(command.program) and words & _BUILD_SUBCOMMANDS or "collectstatic" in command.argv:
                yield hit(fact, file=fact.path, command=" ".join(command.argv[:5]))
                return


@rule("F05-S6", factor=5, polarity=FOR, strength=WEAK, basis=ADVICE, ecosystems=("any",))
def release_identity_visible(facts: AppFacts) -> Iterator[Hit]:
    tags = facts.git.version_tags
    if tags:
        yield hit(Location(".git"), what=", ".join(tags[-3:]))


@rule("F05-AP2", factor=5, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def no_release_identity(facts: AppFacts) -> Iterator[Hit]:
    builds = production(facts.of("docker.file")) or production(facts.of("procfile.process"))
    if not builds:
        return
    if _build_steps(facts) or _deploy_steps(facts) or facts.git.version_tags:
        return
    if any(facts.has_file(name) for name in _PLATFORM_FILES):
        return
    yield hit(builds[0], file=builds[0].path)


@rule("F05-S7", factor=5, polarity=AGAINST, strength=STRONG, ecosystems=("deploy",))
def code_changed_on_target(facts: AppFacts) -> Iterator[Hit]:
    for deploy in manual_deploys(facts):
        evidence = [f for f in (deploy.fetch, deploy.install, deploy.start) if f is not None]
        yield hit(*evidence, scope=Scope.PRODUCTION, doc=deploy.doc, section=deploy.section,
                  fetch=" ".join(deploy.fetch.get("argv", [])[:2]))
    for step in facts.of("ci.step"):
        run = step.get("run") or ""
        if (step.get("uses") or "").startswith(("appleboy/ssh-action", "atlassian/ssh-run", "garygrossgarten/github-action-ssh")):
            run = "ssh " + " ".join(step.get("with_", {}).values())  # the commands an SSH action runs remotely
        if re.search(r"\bssh\b[^\n]*\bgit\s+(pull|clone|checkout|fetch)", run) or \
                re.search(r"\b(rsync|scp)\b[^\n]*\s\S+@\S+:", run) and not re.search(r"\.(tar|tgz|zip|whl|jar|war)\b", run):
            yield hit(step, doc=step.path, section=step.get("job"), fetch=run.strip().splitlines()[0][:60])


def _start_script_commands(facts: AppFacts) -> list[Fact]:
    starts = start_commands(facts)
    scripts = {s.fact.path for s in starts if s.fact.kind == "shell.command"}
    return [c for c in facts.of("shell.command") if c.path in scripts]


@rule("F05-S8", factor=5, polarity=AGAINST, strength=STRONG, ecosystems=("deploy",))
def build_at_start(facts: AppFacts) -> Iterator[Hit]:
    candidates: list[tuple[Fact, tuple[str, ...]]] = [(s.fact, s.argv) for s in start_commands(facts)]
    candidates += [(c, tuple(c.get("argv", []))) for c in _start_script_commands(facts)]
    for fact, argv in candidates:
        if not argv:
            continue
        program = argv[0].rsplit("/", 1)[-1]
        if (_BUILD_AT_START.match(program) and set(argv[1:3]) & _BUILD_SUBCOMMANDS) or "collectstatic" in argv \
                or "assets:precompile" in argv:
            yield hit(fact, command=" ".join(argv[:5]), file=fact.path)


@rule("F05-S9", factor=5, polarity=AGAINST, strength=STRONG, ecosystems=("py", "deploy"))
def dev_server_in_production(facts: AppFacts) -> Iterator[Hit]:
    # Strong: the catalogue's verdict makes a development server *as the production start path*
    # a "does not meet"; a debug switch in the image is only moderate.
    runs = {f.path: f for f in production(facts.of("server.run"))}
    for start in start_commands(facts):
        argv = start.argv
        program = start.program
        if program in _DEV_PROGRAMS and (program != "tsx" or "watch" in argv) and (program != "vite" or "build" not in argv):
            yield hit(start.fact, server=_DEV_PROGRAMS[program], file=start.fact.path)
        elif program in ("next", "nuxt") and "dev" in argv or program == "node" and "--watch" in argv:
            yield hit(start.fact, server=" ".join(argv[:2]), file=start.fact.path)
        elif program == "go" and "run" in argv[:2]:
            yield hit(start.fact, server="go run", file=start.fact.path)
        elif program == "flask" and "run" in argv:
            yield hit(start.fact, server="flask run", file=start.fact.path)
        elif "runserver" in argv:
            yield hit(start.fact, server="manage.py runserver", file=start.fact.path)
        elif "--reload" in argv:
            yield hit(start.fact, server=f"{start.program} --reload", file=start.fact.path)
        else:
            script = python_script_of(start)
            run = next((f for p, f in runs.items() if script and (p == script.lstrip("./") or p.endswith("/" + script.lstrip("./")))), None)
            if run is not None and run.get("api", "").endswith(".run") and not run.get("api", "").startswith(("uvicorn", "bjoern")):
                yield hit(start.fact, run, server=f"python {script} ({run.get('api')})", file=start.fact.path)
    for fact in production(facts.of("docker.env")):
        if _DEV_SERVER_ENV.match(fact.get("key", "")) and str(fact.get("value", "")).lower() in ("1", "true", "development", "yes"):
            yield hit(fact, strength=MODERATE, server=f"{fact.get('key')}={fact.get('value')}", file=fact.path)


@rule("F05-S10", factor=5, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def mutable_artifact_reference(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("compose.service"):
        image = fact.get("image")
        if fact.get("role") != "deploy" or not image or not fact.get("build"):
            continue
        if not image.get("digest") and (not image.get("tag") or image.get("tag") == "latest"):
            yield hit(fact, image=f"{image.get('image')}:{image.get('tag') or 'latest'}", file=fact.path)
    for step in _deploy_steps(facts):
        if re.search(r":latest\b", _step_text(step)):
            yield hit(step, image=":latest", file=step.path)


@rule("F05-S11", factor=5, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def per_environment_build(facts: AppFacts) -> Iterator[Hit]:
    pattern = re.compile(r"--build-arg[ =](ENV|ENVIRONMENT|APP_ENV|STAGE|NODE_ENV|RAILS_ENV|FLASK_ENV|DJANGO_ENV)=\S+")
    for step in facts.of("ci.step"):
        match = pattern.search(step.get("run") or "")
        if match:
            yield hit(step, how=match.group(0), file=step.path)
    for fact in facts.of("compose.service"):
        args = (fact.get("build") or {}).get("args") or {}
        for key in args:
            if re.fullmatch(r"ENV|ENVIRONMENT|APP_ENV|STAGE", str(key)):
                yield hit(fact, how=f"build.args.{key}", file=fact.path)


@rule("F05-S12", factor=5, polarity=AGAINST, strength=MODERATE, ecosystems=("deploy",))
def source_mounted_in_production(facts: AppFacts) -> Iterator[Hit]:
    for fact in facts.of("compose.service"):
        if fact.get("role") != "deploy" or not fact.get("build"):
            continue
        for volume in fact.get("volumes", []):
            source = str(volume.get("source") or "")
            if volume.get("kind") == "bind" and (source in (".", "./") or source.startswith(("./src", "./app"))):
                yield hit(Location(fact.path, volume.get("line"), f"{source}:{volume.get('target')}"), scope=fact.scope,
                          mount=f"{source}:{volume.get('target')}", file=fact.path)


@rule("F05-NE", factor=5, polarity=NEUTRAL, strength=WEAK, effect=Effect.INCONCLUSIVE, ecosystems=("deploy",))
def no_deploy_definition(facts: AppFacts) -> Iterator[Hit]:
    if facts.of("docker.file") or facts.of("procfile.process") or facts.of("ci.workflow") or facts.of("compose.service") \
            or any(facts.has_file(n) for n in _PLATFORM_FILES) or manual_deploys(facts):
        return
    yield hit(Location("."))

