"""The codebase: version-control systems, the submodules that hold something other than an app's
source (12factor.net I: one codebase per app; code shared between apps is a library), and what makes
a directory a product's front end or deployable on its own."""

from __future__ import annotations

import re

#: the version-control systems twelve recognises and how a person calls them
VCS_NAMES = {"git": "Git", "hg": "Mercurial", "svn": "Subversion"}
#: submodule paths that hold documentation, themes, schemas, vendored or third-party code, assets:
#: another repository's files, but not another app's source
NOT_APP_SUBMODULE = re.compile(
    r"(?i)(^|/)(docs?|documentation|themes?|proto(s|buf)?|schemas?|vendor|third[_-]?party|"
    r"assets|fonts|icons|site|website|\.github)(/|$)"
)


def holds_app_source(path: str | None) -> bool:
    """Whether a submodule checked out at *path* may hold application code."""
    return not NOT_APP_SUBMODULE.search(path or "")


# --- the deployables of a repository ------------------------------------------------------------------

#: front-end frameworks (npm names): an app built on one is the user interface of a product, which
#: ships with the product's backend (the rubric: "a frontend and a backend that ship together as
#: one product are one app"); server-rendering ones included (Next.js, Nuxt) and mobile clients
FRONTEND_DEPS = frozenset(
    {
        "react",
        "react-dom",
        "vue",
        "@angular/core",
        "svelte",
        "preact",
        "solid-js",
        "lit",
        "ember-source",
        "next",
        "nuxt",
        "@sveltejs/kit",
        "astro",
        "gatsby",
        "@remix-run/react",
        "react-native",
        "expo",
        "@ionic/angular",
        "@ionic/react",
        "@ionic/vue",
        "quasar",
        "alpinejs",
    }
)
#: entrypoints that make a directory deployable on its own: its own deploy descriptor (image,
#: process formation, platform file) or a server's start file; a weak name (`main.py`,
#: `index.js`) alone may be a script or a tool
SEPARATE_DEPLOY_ENTRYPOINT = re.compile(
    r"(^|/)(Dockerfile(\.[\w.-]+)?|[\w.-]+\.Dockerfile|Containerfile|Procfile(\.[\w.-]+)?|app\.json|fly\.toml|render\.yaml|"
    r"manage\.py|wsgi\.py|asgi\.py|gunicorn\.conf\.py|server\.(js|mjs|cjs|ts|mts|cts)|bin/www|"
    r"next\.config\.(js|mjs|cjs|ts)|nuxt\.config\.(js|mjs|ts)|nest-cli\.json|main\.go|config\.ru|bin/rails|"
    r"\w+Application\.(java|kt))$"
)
#: directory names of a copy or a version of an app kept beside it (`v1/`, `v2/`, `app-old/`, `backup/`)
COPY_NAME = re.compile(
    r"(?i)^(v\d+(\.\d+)*|old|new|backup|bak|copy|legacy|\w+[-_.](v?\d+(\.\d+)*|old|new|bak|backup|copy|legacy))$"
)

#: folders that hold a codebase's tooling (helper scripts, infrastructure code, load tests,
#: notebooks): a manifest and a `main.py` there make a tool of the app, not another app, unless the
#: folder can be deployed on its own (see SEPARATE_DEPLOY_ENTRYPOINT)
TOOL_FOLDERS = frozenset(
    {
        "scripts",
        "script",
        "tools",
        "tooling",
        "bin",
        "utils",
        "util",
        "ops",
        "infra",
        "infrastructure",
        "deploy",
        "deployment",
        "deployments",
        "devops",
        "ci",
        ".ci",
        "benchmarks",
        "benchmark",
        "bench",
        "load-tests",
        "loadtests",
        "load_tests",
        "loadtest",
        "perf",
        "notebooks",
        "analysis",
        "hack",
        "terraform",
        "cdk",
        "pulumi",
        "migrations",
        "seeds",
        "seed",
    }
)

#: directory names that say a copy or an old version of an app, inside its tree (`backup/`, `old/`,
#: `app-old/`, `v1/`); a bare number or a package version (`core-v2`) says too little
COPY_DIR = re.compile(
    r"(?i)^(v\d+|old|backup|backups|bak|copy|legacy|\w+[-_.](old|bak|backup|copy|legacy)|\w+ - copy|copy of \w+)$"
)

__all__ = [
    "COPY_DIR",
    "COPY_NAME",
    "FRONTEND_DEPS",
    "NOT_APP_SUBMODULE",
    "SEPARATE_DEPLOY_ENTRYPOINT",
    "TOOL_FOLDERS",
    "VCS_NAMES",
    "holds_app_source",
]
