"""How builds, releases and deploys show in pipelines and descriptors: the references that name one
build (a commit SHA, a version, a digest), the commands and actions that build an image or deploy
it, the platform files that keep a release ledger, and the names of deploy jobs.

Two families of deploy patterns are kept apart because two factors read them differently: V asks
whether a step *releases* an artifact (``DEPLOY_COMMANDS``), X whether a job deploys merged code
automatically (``CD_COMMANDS``, ``CD_ACTIONS``, ``CD_NAME``).
"""

from __future__ import annotations

import re

#: text of a CI step that names one build immutably: a commit SHA, a tag, a build number, a
#: version or digest computed by an earlier step
IMMUTABLE_REF = re.compile(
    r"github\.sha|GITHUB_SHA|CI_COMMIT_SHA|CI_COMMIT_SHORT_SHA|CI_COMMIT_TAG|github\.ref_name|GITHUB_REF_NAME|"
    r"git rev-parse|BUILD_NUMBER|BUILD_ID|github\.run_number|CIRCLE_SHA1|CIRCLE_TAG|BITBUCKET_COMMIT|GIT_COMMIT|"
    r"SOURCE_VERSION|steps\.[\w-]+\.outputs\.(tags|version|digest)|\$\{\{\s*(env|vars|needs)\.[\w.-]*(VERSION|TAG|SHA|DIGEST)|"
    r"Build\.(SourceVersion|BuildId|BuildNumber)|\bSHORT_SHA\b|\bCOMMIT_SHA\b|\bTAG_NAME\b|BITBUCKET_TAG|DRONE_COMMIT|"
    r"CI_COMMIT_REF_NAME|GIT_SHA|GITHUB_REF_NAME",
    re.I,
)
#: commands that build (or push) a container image
IMAGE_BUILD = re.compile(
    r"\b(docker|podman)\s+(buildx\s+)?build\b|\bbuildah\s+bud\b|\bpack\s+build\b|\bko\s+(build|publish)\b|"
    r"\bjib\b|\bdocker\s+push\b"
)
#: CI actions that build an image (the metadata action computes its tags)
IMAGE_BUILD_ACTIONS = ("docker/build-push-action", "redhat-actions/buildah-build", "docker/metadata-action")
BUILD_PUSH_ACTION = "docker/build-push-action"
METADATA_ACTION = "docker/metadata-action"
#: job, environment and step names of a release
DEPLOY_CONTEXT = re.compile(r"(?i)deploy|release|production|prod\b|rollout|publish")
#: commands that roll a release out
DEPLOY_COMMANDS = re.compile(
    r"\b(kubectl\s+(set\s+image|apply|rollout)|helm\s+(upgrade|install)|flyctl\s+deploy|fly\s+deploy|"
    r"heroku\s+(container:release|releases|deploy)|gcloud\s+run\s+deploy|aws\s+ecs\s+update-service|"
    r"az\s+(webapp|containerapp)|docker\s+service\s+update|cap\s+\w+\s+deploy|kamal\s+deploy|argocd\s+app)"
)
#: a moving image tag in a deploy step
LATEST_TAG = re.compile(r":latest\b")
#: tags that point at a new build tomorrow (a literal one in a deploy definition is a moving release)
MOVING_TAGS = frozenset({"latest", "stable", "main", "master", "edge", "nightly"})
#: a pipeline that sets the chart's image tag when it deploys (the values' tag is only a default)
HELM_TAG_OVERRIDE = re.compile(
    r"--set(-string)?[ =][^\n]*\bimage\.tag=|\bimage\.tag\s*=\s*\$|--set-string\s+image\.tag"
)
#: a CI step that publishes a built artifact: an image push, a package or release upload, a deploy
#: of the build (a pipeline that only lints or tests defines no release)
PUBLISH_COMMANDS = re.compile(
    r"\b(docker|podman)\s+push\b|\bbuildah\s+push\b|\b(twine|flit)\s+upload\b|\bpoetry\s+publish\b|"
    r"\b(npm|yarn|pnpm)\s+publish\b|\bgem\s+push\b|\bmvn\b[^\n]*\bdeploy\b|\bgradlew?\b[^\n]*\bpublish|"
    r"\bgh\s+release\s+(create|upload)\b|\bgoreleaser\b|\bcargo\s+publish\b|\bjib\b|\bko\s+publish\b"
)
PUBLISH_ACTIONS = re.compile(
    r"(?i)^(docker/build-push-action|redhat-actions/push-to-registry|goreleaser/goreleaser-action|"
    r"softprops/action-gh-release|ncipollo/release-action|pypa/gh-action-pypi-publish|"
    r"actions/create-release|svenstaro/upload-release-action|JS-DevTools/npm-publish)"
)
#: a reusable workflow (`jobs.<id>.uses`) that builds or publishes the app's image or package
REUSABLE_BUILD = re.compile(r"(?i)(^|[/_-])(build|docker|image|container|publish|package)[\w-]*\.ya?ml(@|$)")
#: a reusable workflow that deploys
REUSABLE_DEPLOY = re.compile(r"(?i)(^|[/_-])(deploy|release|rollout|helm)[\w-]*\.ya?ml(@|$)")
#: an input of a deploy that carries what the build produced (`needs.build.outputs.app_version`)
BUILD_OUTPUT_REF = re.compile(r"needs\.([\w-]+)\.outputs\.([\w-]*(version|tag|sha|digest|image)[\w-]*)", re.I)
#: packaging definitions that build a runnable artifact with no release or run definition
GORELEASER_FILES = (".goreleaser.yml", ".goreleaser.yaml", "goreleaser.yml", "goreleaser.yaml")

#: descriptors of other deploy targets (serverless and edge platforms, PaaS build configs, deploy
#: tools): a repository that has one defines how the app is built and run, even when twelve does not
#: read the file (Vercel, Netlify, Serverless Framework, AWS SAM/Elastic Beanstalk/App Runner/
#: Amplify/CodeDeploy, Cloud Build, Cloudflare Workers, Firebase, buildpacks, Nixpacks, Heroku
#: container builds, Capistrano, Skaffold, Zeabur, Koyeb)
DEPLOY_DESCRIPTORS = (
    "project.toml",
    "vercel.json",
    "now.json",
    "netlify.toml",
    "serverless.yml",
    "serverless.yaml",
    "serverless.ts",
    "samconfig.toml",
    "Dockerrun.aws.json",
    "apprunner.yaml",
    "amplify.yml",
    "appspec.yml",
    "cloudbuild.yaml",
    "cloudbuild.yml",
    "wrangler.toml",
    "firebase.json",
    "nixpacks.toml",
    "heroku.yml",
    "Capfile",
    "skaffold.yaml",
    "skaffold.yml",
    "zeabur.json",
    "koyeb.yaml",
)
#: a deploy tool's configuration at a known path (Kamal)
DEPLOY_DESCRIPTOR_PATHS = ("config/deploy.yml",)
#: files of platforms that build and keep every release (Heroku, Fly, Render, Railway, Platform.sh)
PLATFORM_FILES = (
    "Procfile",
    "app.json",
    "fly.toml",
    "render.yaml",
    "railway.json",
    "railway.toml",
    "platform.sh",
    ".platform.app.yaml",
)

#: CI actions that run commands on a remote host over SSH (their inputs are the commands)
SSH_ACTIONS = ("appleboy/ssh-action", "atlassian/ssh-run", "garygrossgarten/github-action-ssh")
#: a remote shell that fetches source on the target host
SSH_FETCH = re.compile(r"\bssh\b[^\n]*\bgit\s+(pull|clone|checkout|fetch)")
#: a copy of files to a remote host, and the archives that make such a copy a built artifact
REMOTE_COPY = re.compile(r"\b(rsync|scp)\b[^\n]*\s\S+@\S+:")
ARCHIVE = re.compile(r"\.(tar|tgz|zip|whl|jar|war)\b")

# --- deploys documented by hand ---------------------------------------------------------------------

#: words of a documentation section (heading or file name) about production, deploys or servers, in
#: the languages READMEs are commonly written in (en, pt, es, fr, de, zh, ja, ru)
PRODUCTION_SECTION = re.compile(
    r"(?i)produ[cç]|deploy|implanta|publica|release|servidor|server|\bec2\b|\bvps\b|\bvm\b|droplet|hosting|hospedagem|"
    r"go[- ]live|rollout|despliegue|desplegar|d[ée]ploiement|d[ée]ployer|mise en (production|ligne)|h[ée]bergement|"
    r"bereitstell|produktiv|produktion|部署|生产|生產|服务器|服務器|上线|上線|デプロイ|本番|サーバ|деплой|развертыван|"
    r"развёртыван|продакшн|сервер"
)
#: words of a section about development or local setup: not production even under a deploy heading
DEVELOPMENT_SECTION = re.compile(
    r"(?i)\bdev\b|develop|\blocal|locally|desenvolv|desarroll|d[ée]veloppement|entwicklung|lokal|本地|开发|開發|開発|"
    r"ローカル|разработк|локальн|\btest"
)
#: a command that opens a session on, or copies to, another host (a deploy recipe even without a
#: production heading)
REMOTE_SESSION = re.compile(r"^(ssh|mosh)$|^(scp|rsync)$")
REMOTE_TARGET = re.compile(r"^[\w.-]+@[\w.-]+|^[\w.-]+@[\w.-]+:|^[\w.-]+:[/~]")
#: programs that fetch the code on the host (git subcommands that do)
FETCH_SUBCOMMANDS = frozenset({"clone", "pull", "checkout", "fetch"})
#: package managers and the subcommands of theirs that install the app's dependencies or build it
INSTALLERS = frozenset(
    {
        "pip",
        "pip3",
        "poetry",
        "pipenv",
        "npm",
        "yarn",
        "pnpm",
        "bundle",
        "composer",
        "go",
        "mvn",
        "mvnw",
        "gradle",
        "gradlew",
        "uv",
        "cargo",
        "mix",
        "dotnet",
    }
)
INSTALL_SUBCOMMANDS = frozenset({"install", "i", "ci", "add", "sync", "build", "package", "download", "restore"})
#: programs that start the app on a host by hand (beside the web servers of `knowledge.programs`)
HOST_STARTERS = frozenset({"pm2", "forever", "nohup", "systemctl", "service", "supervisorctl", "docker-compose"})
#: the subcommands of those that start or restart a service
START_SUBCOMMANDS = frozenset({"start", "restart", "reload", "enable", "up", "startOrRestart", "startOrReload"})
#: npm/yarn scripts that start the app
START_SCRIPTS = frozenset({"start", "prod", "production", "serve", "start:prod"})

#: build arguments that select an environment (`--build-arg NODE_ENV=production`), and the names
#: of such arguments in compose `build.args`
ENVIRONMENT_BUILD_ARG = re.compile(
    r"--build-arg[ =](ENV|ENVIRONMENT|APP_ENV|STAGE|NODE_ENV|RAILS_ENV|FLASK_ENV|DJANGO_ENV)=\S+"
)
ENVIRONMENT_ARG_NAME = re.compile(r"ENV|ENVIRONMENT|APP_ENV|STAGE")

#: image variables that switch a framework's development mode on, and the values that do
DEV_MODE_ENV = re.compile(r"^(FLASK_DEBUG|FLASK_ENV|DJANGO_DEBUG|DEBUG)$")
DEV_MODE_VALUES = frozenset({"1", "true", "development", "yes"})
#: the Django development server's subcommand and the reloader flag of Python servers
RUNSERVER = "runserver"
RELOAD_FLAG = "--reload"
#: `app.run()` calls of servers that are production servers all the same
PRODUCTION_RUN_APIS = ("uvicorn", "bjoern")

# --- continuous deployment (X) ----------------------------------------------------------------------

#: job, environment and step names that say the job deploys
CD_NAME = re.compile(r"(?i)deploy|\brelease\b|\bproduction\b|\bprod\b")
#: commands that deploy
CD_COMMANDS = re.compile(
    r"(?i)\b(kubectl\s+(apply|set\s+image|rollout\s+restart)|helm\s+(upgrade|install)|(flyctl|fly)\s+deploy|"
    r"heroku\s+(container:release|deploy)|git\s+push\s+\S*heroku|gcloud\s+(run|app|functions)\s+deploy|"
    r"aws\s+ecs\s+(update-service|deploy)|aws\s+deploy|cap\s+(\w+\s+)?deploy|eb\s+deploy|(serverless|sls)\s+deploy|"
    r"vercel\b.*--prod|netlify\s+deploy|railway\s+up|az\s+(webapp|containerapp)\s+(deploy|up|update)|"
    r"kamal\s+deploy|argocd\s+app\s+sync|docker\s+stack\s+deploy|dokku)"
)
#: actions that deploy
CD_ACTIONS = re.compile(
    r"(?i)(heroku-deploy|flyctl-actions|deploy-cloudrun|deploy-appengine|amazon-ecs-deploy|webapps-deploy|k8s-deploy|"
    r"beanstalk-deploy|vercel-action|wrangler-action|digitalocean/app_action|container-apps-deploy|render-deploy|"
    r"railway|kamal)"
)
#: steps that publish something other than the app (a package, the docs site, a GitHub release)
NOT_THE_APP = re.compile(
    r"(?i)deploy-pages|gh-pages|upload-pages-artifact|pypi-publish|twine\s+upload|npm\s+publish|"
    r"mkdocs\s+gh-deploy|release-please|semantic-release|action-gh-release|create-release"
)
#: Cloud Build steps that deploy (their triggers live outside the repository)
EXTERNAL_DEPLOY = re.compile(r"(?i)gke-deploy|cloud-builders/(kubectl|gcloud)\b.*\b(deploy|apply|rollout)")
#: the branches merged code lands on, and what a GitLab `rules:` entry says about them
MAIN_BRANCHES = ("main", "master")
MAIN_RULE = re.compile(r"main|master|CI_DEFAULT_BRANCH|CI_COMMIT_TAG")

# --- image references in deploy manifests (V) -------------------------------------------------------

#: tags that name one build: a version, a commit SHA, a timestamp
VERSION_TAG = re.compile(
    r"^v?\d+\.\d+\.\d+([-+][\w.-]+)?$|^v?\d+\.\d+\.\d+\.\d+$|^(sha|git|commit|rev)?[-_]?[0-9a-f]{7,40}$|"
    r"^\d{8,14}(-[0-9a-f]{7,40})?$|^v?\d+\.\d+\.\d+-[0-9a-f]{7,40}$",
    re.I,
)
#: a CI variable that names one build, set into a manifest by the pipeline
CI_REF = re.compile(
    r"(?i)\$\{?\(?[\w.]*(SHA|COMMIT|REVISION|VERSION|TAG|BUILD_?(ID|NUMBER)|BuildId|SourceVersion|RUN_NUMBER)[\w.]*\)?\}?"
)

__all__ = [
    "ARCHIVE",
    "BUILD_OUTPUT_REF",
    "BUILD_PUSH_ACTION",
    "DEPLOY_DESCRIPTORS",
    "DEPLOY_DESCRIPTOR_PATHS",
    "DEVELOPMENT_SECTION",
    "FETCH_SUBCOMMANDS",
    "GORELEASER_FILES",
    "HELM_TAG_OVERRIDE",
    "HOST_STARTERS",
    "INSTALLERS",
    "INSTALL_SUBCOMMANDS",
    "PRODUCTION_SECTION",
    "PUBLISH_ACTIONS",
    "PUBLISH_COMMANDS",
    "REMOTE_SESSION",
    "REMOTE_TARGET",
    "REUSABLE_BUILD",
    "REUSABLE_DEPLOY",
    "START_SCRIPTS",
    "START_SUBCOMMANDS",
    "CD_ACTIONS",
    "CD_COMMANDS",
    "CD_NAME",
    "CI_REF",
    "DEPLOY_COMMANDS",
    "DEPLOY_CONTEXT",
    "DEV_MODE_ENV",
    "DEV_MODE_VALUES",
    "ENVIRONMENT_ARG_NAME",
    "ENVIRONMENT_BUILD_ARG",
    "EXTERNAL_DEPLOY",
    "IMAGE_BUILD",
    "IMAGE_BUILD_ACTIONS",
    "IMMUTABLE_REF",
    "LATEST_TAG",
    "MAIN_BRANCHES",
    "MAIN_RULE",
    "METADATA_ACTION",
    "MOVING_TAGS",
    "NOT_THE_APP",
    "PLATFORM_FILES",
    "PRODUCTION_RUN_APIS",
    "RELOAD_FLAG",
    "REMOTE_COPY",
    "RUNSERVER",
    "SSH_ACTIONS",
    "SSH_FETCH",
    "VERSION_TAG",
]
