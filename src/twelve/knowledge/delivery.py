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
IMAGE_BUILD = re.compile(r"\b(docker|podman)\s+(buildx\s+)?build\b|\bbuildah\s+bud\b|\bpack\s+build\b|\bko\s+(build|publish)\b|"
                         r"\bjib\b|\bdocker\s+push\b")
#: CI actions that build an image (the metadata action computes its tags)
IMAGE_BUILD_ACTIONS = ("docker/build-push-action", "redhat-actions/buildah-build", "docker/metadata-action")
BUILD_PUSH_ACTION = "docker/build-push-action"
METADATA_ACTION = "docker/metadata-action"
#: job, environment and step names of a release
DEPLOY_CONTEXT = re.compile(r"(?i)deploy|release|production|prod\b|rollout|publish")
#: commands that roll a release out
DEPLOY_COMMANDS = re.compile(r"\b(kubectl\s+(set\s+image|apply|rollout)|helm\s+(upgrade|install)|flyctl\s+deploy|fly\s+deploy|"
                             r"heroku\s+(container:release|releases|deploy)|gcloud\s+run\s+deploy|aws\s+ecs\s+update-service|"
                             r"az\s+(webapp|containerapp)|docker\s+service\s+update|cap\s+\w+\s+deploy|kamal\s+deploy|argocd\s+app)")
#: a moving image tag in a deploy step
LATEST_TAG = re.compile(r":latest\b")
#: files of platforms that build and keep every release (Heroku, Fly, Render, Railway, Platform.sh)
PLATFORM_FILES = ("Procfile", "app.json", "fly.toml", "render.yaml", "railway.json", "railway.toml", "platform.sh",
                  ".platform.app.yaml")

#: CI actions that run commands on a remote host over SSH (their inputs are the commands)
SSH_ACTIONS = ("appleboy/ssh-action", "atlassian/ssh-run", "garygrossgarten/github-action-ssh")
#: a remote shell that fetches source on the target host
SSH_FETCH = re.compile(r"\bssh\b[^\n]*\bgit\s+(pull|clone|checkout|fetch)")
#: a copy of files to a remote host, and the archives that make such a copy a built artifact
REMOTE_COPY = re.compile(r"\b(rsync|scp)\b[^\n]*\s\S+@\S+:")
ARCHIVE = re.compile(r"\.(tar|tgz|zip|whl|jar|war)\b")

#: build arguments that select an environment (`--build-arg NODE_ENV=production`), and the names
#: of such arguments in compose `build.args`
ENVIRONMENT_BUILD_ARG = re.compile(r"--build-arg[ =](ENV|ENVIRONMENT|APP_ENV|STAGE|NODE_ENV|RAILS_ENV|FLASK_ENV|DJANGO_ENV)=\S+")
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
    r"kamal\s+deploy|argocd\s+app\s+sync|docker\s+stack\s+deploy|dokku)")
#: actions that deploy
CD_ACTIONS = re.compile(
    r"(?i)(heroku-deploy|flyctl-actions|deploy-cloudrun|deploy-appengine|amazon-ecs-deploy|webapps-deploy|k8s-deploy|"
    r"beanstalk-deploy|vercel-action|wrangler-action|digitalocean/app_action|container-apps-deploy|render-deploy|"
    r"railway|kamal)")
#: steps that publish something other than the app (a package, the docs site, a GitHub release)
NOT_THE_APP = re.compile(r"(?i)deploy-pages|gh-pages|upload-pages-artifact|pypi-publish|twine\s+upload|npm\s+publish|"
                         r"mkdocs\s+gh-deploy|release-please|semantic-release|action-gh-release|create-release")
#: Cloud Build steps that deploy (their triggers live outside the repository)
EXTERNAL_DEPLOY = re.compile(r"(?i)gke-deploy|cloud-builders/(kubectl|gcloud)\b.*\b(deploy|apply|rollout)")
#: the branches merged code lands on, and what a GitLab `rules:` entry says about them
MAIN_BRANCHES = ("main", "master")
MAIN_RULE = re.compile(r"main|master|CI_DEFAULT_BRANCH|CI_COMMIT_TAG")

# --- image references in deploy manifests (V) -------------------------------------------------------

#: tags that name one build: a version, a commit SHA, a timestamp
VERSION_TAG = re.compile(r"^v?\d+\.\d+\.\d+([-+][\w.-]+)?$|^v?\d+\.\d+\.\d+\.\d+$|^(sha|git|commit|rev)?[-_]?[0-9a-f]{7,40}$|"
                         r"^\d{8,14}(-[0-9a-f]{7,40})?$|^v?\d+\.\d+\.\d+-[0-9a-f]{7,40}$", re.I)
#: a CI variable that names one build, set into a manifest by the pipeline
CI_REF = re.compile(r"(?i)\$\{?\(?[\w.]*(SHA|COMMIT|REVISION|VERSION|TAG|BUILD_?(ID|NUMBER)|BuildId|SourceVersion|RUN_NUMBER)[\w.]*\)?\}?")

__all__ = [
    "ARCHIVE", "BUILD_PUSH_ACTION", "CD_ACTIONS", "CD_COMMANDS", "CD_NAME", "CI_REF", "DEPLOY_COMMANDS", "DEPLOY_CONTEXT",
    "DEV_MODE_ENV", "DEV_MODE_VALUES", "ENVIRONMENT_ARG_NAME", "ENVIRONMENT_BUILD_ARG", "EXTERNAL_DEPLOY", "IMAGE_BUILD",
    "IMAGE_BUILD_ACTIONS", "IMMUTABLE_REF", "LATEST_TAG", "MAIN_BRANCHES", "MAIN_RULE", "METADATA_ACTION", "NOT_THE_APP",
    "PLATFORM_FILES", "PRODUCTION_RUN_APIS", "RELOAD_FLAG", "REMOTE_COPY", "RUNSERVER", "SSH_ACTIONS", "SSH_FETCH",
    "VERSION_TAG",
]
