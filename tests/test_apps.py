"""App roots (criteria §0.3.1): which directories hold a deployable app, across stacks."""

from __future__ import annotations

from twelve.repository import Repository
from twelve.repository import apps as apps_module
from twelve.repository.apps import find_app_roots
from twelve.repository.kinds import kind_of, scope_of
from twelve.repository.walk import FileEntry


def owner(roots, relpath):
    """The owner of *relpath* among *roots*, as the repository answers it."""
    return Repository("/x", (), (), 0, (), None, tuple(roots), None).owner(relpath)  # type: ignore[arg-type]


def entries(*paths: str) -> list[FileEntry]:
    return [FileEntry(p, 10, kind_of(p), scope_of(p)) for p in paths]


def roots(*paths: str) -> list[str]:
    return [r.path for r in find_app_roots(entries(*paths))]


MONOREPO = (
    "README.md",
    ".github/workflows/ci.yml",
    "k8s/api.yaml",
    "k8s/web.yaml",
    "k8s/worker.yaml",
    "api/pyproject.toml",
    "api/uv.lock",
    "api/Dockerfile",
    "api/notes_api/__init__.py",
    "api/notes_api/main.py",
    "api/tests/test_main.py",
    "web/package.json",
    "web/package-lock.json",
    "web/Dockerfile",
    "web/src/server.js",
    "web/src/routes.js",
    "worker/go.mod",
    "worker/go.sum",
    "worker/Dockerfile",
    "worker/cmd/worker/main.go",
    "worker/internal/jobs/jobs.go",
)


def test_monorepo_python_node_go_gives_three_apps():
    found = find_app_roots(entries(*MONOREPO))
    assert [r.path for r in found] == ["api", "web", "worker"]
    api, web, worker = found
    assert (
        api.stacks == ("python",) and "api/Dockerfile" in api.entrypoints and "api/notes_api/main.py" in api.entrypoints
    )
    assert web.stacks == ("node",) and web.entrypoints == ("web/Dockerfile", "web/src/server.js")
    assert worker.stacks == ("go",) and worker.entrypoints == ("worker/Dockerfile", "worker/cmd/worker/main.go")
    assert api.manifests == ("api/pyproject.toml",)


def test_monorepo_ownership_deepest_root_and_shared_files():
    found = find_app_roots(entries(*MONOREPO))
    assert owner(found, "web/src/routes.js").path == "web"
    assert owner(found, "worker/internal/jobs/jobs.go").path == "worker"
    assert owner(found, "k8s/api.yaml") is None  # shared by every app
    assert owner(found, ".github/workflows/ci.yml") is None


def test_entrypoints_without_a_dockerfile_still_anchor_each_stack():
    assert roots(
        "api/requirements.txt",
        "api/app/wsgi.py",
        "web/package.json",
        "web/server.ts",
        "svc/go.mod",
        "svc/main.go",
        "shop/Gemfile",
        "shop/config.ru",
        "billing/pom.xml",
        "billing/src/main/java/com/acme/billing/BillingApplication.java",
    ) == ["api", "billing", "shop", "svc", "web"]


def test_rails_and_gradle_kotlin_and_node_framework_configs():
    assert roots("Gemfile", "Gemfile.lock", "bin/rails", "app/models/user.rb") == ["."]
    assert roots("build.gradle.kts", "src/main/kotlin/io/acme/DemoApplication.kt") == ["."]
    assert roots("site/package.json", "site/next.config.mjs") == ["site"]
    assert roots("api/package.json", "api/bin/www") == ["api"]


def test_root_app_comes_first_and_nested_apps_follow():
    found = find_app_roots(entries("requirements.txt", "manage.py", "worker/go.mod", "worker/cmd/run/main.go"))
    assert [r.path for r in found] == [".", "worker"]
    assert owner(found, "worker/cmd/run/main.go").path == "worker"
    assert owner(found, "polls/views.py").path == "."


def test_workspace_libraries_are_not_apps():
    found = roots(
        "apps/web/package.json",
        "apps/web/Dockerfile",
        "apps/web/src/index.ts",
        "packages/ui/package.json",
        "packages/ui/src/index.ts",
        "libs/core/pyproject.toml",
        "libs/core/core/__main__.py",
        "package.json",
    )
    assert found == ["apps/web"]


def test_a_library_with_a_strong_entrypoint_is_an_app():
    assert roots("packages/api/package.json", "packages/api/Dockerfile", "packages/ui/package.json") == ["packages/api"]


def test_weak_entrypoints_nested_in_an_app_are_part_of_it():
    # a front-end built into a Django app, a helper folder with its own requirements
    found = roots(
        "requirements.txt",
        "manage.py",
        "frontend/package.json",
        "frontend/src/main.ts",
        "scripts/requirements.txt",
        "scripts/run.py",
    )
    assert found == ["."]


def test_entrypoint_of_another_stack_does_not_anchor():
    # a Python file next to package.json does not make a Node app; a Go main without go.mod neither
    assert roots("tools/package.json", "tools/app.py") == ["."]
    found = find_app_roots(entries("tools/package.json", "tools/app.py"))
    assert found[0].manifests == () and found[0].stacks == ("node",)


def test_tests_examples_docs_and_vendored_trees_are_out_of_scope():
    found = roots(
        "requirements.txt",
        "Dockerfile",
        "examples/demo/package.json",
        "examples/demo/server.js",
        "docs/requirements.txt",
        "docs/conf.py",
        "docs/app.py",
        "tests/fixtures/app/go.mod",
        "tests/fixtures/app/main.go",
        "node_modules/express/package.json",
        "node_modules/express/index.js",
        "vendor/github.com/x/y/go.mod",
        "vendor/github.com/x/y/main.go",
    )
    assert found == ["."]


def test_manifest_at_root_with_entrypoints_below_is_one_app():
    found = find_app_roots(entries("pyproject.toml", "src/notes/cli/__init__.py", "src/notes/web/app.py"))
    assert [r.path for r in found] == ["."]
    assert found[0].entrypoints == ("src/notes/web/app.py",)


def test_src_layout_package_anchors_the_project():
    found = find_app_roots(entries("svc/pyproject.toml", "svc/src/svc_pkg/asgi.py", "other/README.md"))
    assert [r.path for r in found] == ["svc"]


def test_requirements_folder_belongs_to_its_parent():
    found = find_app_roots(entries("api/requirements/base.txt", "api/requirements/prod.txt", "api/Procfile"))
    assert [(r.path, r.manifests) for r in found] == [
        ("api", ("api/requirements/base.txt", "api/requirements/prod.txt"))
    ]


def test_nothing_deployable_still_yields_the_root():
    found = find_app_roots(entries("README.md", "k8s/deployment.yaml", "Jenkinsfile"))
    assert [(r.path, r.manifests, r.entrypoints) for r in found] == [(".", (), ())]


def test_dev_only_dockerfile_is_not_an_entrypoint():
    found = find_app_roots(entries("svc/requirements.txt", "svc/Dockerfile.dev", "web/package.json", "web/server.js"))
    assert [r.path for r in found] == ["web"]


def test_owner_is_the_deepest_app_root_containing_the_path():
    """Repository.owner against a direct reading of its definition, on nested roots with and
    without a root app."""
    from twelve.repository.apps import AppRoot

    def brute(roots, relpath):
        containing = [r for r in roots if r.path == "." or relpath == r.path or relpath.startswith(r.path + "/")]
        return max(containing, key=lambda r: 0 if r.path == "." else len(r.path), default=None)

    paths = [
        "app.py",
        "svc/a.py",
        "svc/api/main.py",
        "svc/api/x/y/z.py",
        "svc/apix/b.py",
        "svc/api",
        "web/s.js",
        "other/deep/file.txt",
        "svc",
    ]
    for roots in (
        [AppRoot(".", (), (), ()), AppRoot("svc/api", (), (), ()), AppRoot("web", (), (), ())],
        [AppRoot("svc", (), (), ()), AppRoot("svc/api", (), (), ())],
    ):
        repo = Repository("/x", (), (), 0, (), None, tuple(roots), None)  # type: ignore[arg-type]
        for path in paths:
            assert repo.owner(path) == brute(roots, path), (path, roots)


# --- the name gate before _candidates -----------------------------------------------------------

#: stems of names that anchor an app, and of names that look like them
_STEMS = (
    *("server", "app", "main", "index", "next.config", "nuxt.config", "nest-cli", "manage", "wsgi", "asgi"),
    *("gunicorn.conf", "run", "application", "__main__", "www", "rails", "config", "render", "fly", "Dockerfile"),
    *("Procfile", "Application", "Main", "App", "ShopApplication", "ShopMain", "ShopApp", "Service", "Server"),
    *("main-app", "app_server", "indexes", "mainframe", "Apps", "MainTest", "servers", "Gemfile", "package"),
)
_EXTENSIONS = (
    "",
    "js",
    "mjs",
    "cjs",
    "ts",
    "mts",
    "cts",
    "tsx",
    "py",
    "go",
    "ru",
    "java",
    "kt",
    "kts",
    "json",
    "toml",
    "yaml",
    "yml",
    "lock",
)
_DIRS = ("", "src/", "bin/", "cmd/api/", "api/", "src/main/java/com/acme/", "src/main/kotlin/x/", "pkg/src/", "tests/")


def test_a_name_the_gate_turns_away_anchors_no_app():
    """The gate that spares most files the candidates' tests (a set lookup and two string tests)
    never turns away a file the candidates would place: same roots, fewer tests. Every
    directory, stem and extension of the lists, each with every other."""
    turned_away = 0
    for directory in _DIRS:
        for stem in _STEMS:
            for extension in _EXTENSIONS:
                path = directory + stem + ("." + extension if extension else "")
                entry = FileEntry(path, 10, kind_of(path), scope_of(path))
                if not apps_module._may_anchor(path.rsplit("/", 1)[-1], entry.kind):
                    turned_away += 1
                    assert apps_module._candidates(entry) == [], path
    assert turned_away > len(_DIRS) * len(_STEMS) * len(_EXTENSIONS) // 2  # the gate does turn most away


def test_the_gate_lets_every_kind_of_anchor_through():
    for path in (
        "Dockerfile",
        "Procfile",
        "app.json",
        "fly.toml",
        "render.yaml",
        "manage.py",
        "wsgi.py",
        "main.py",
        "server.mjs",
        "index.ts",
        "next.config.js",
        "nest-cli.json",
        "bin/www",
        "bin/rails",
        "main.go",
        "config.ru",
        "src/main/java/com/acme/ShopApplication.java",
        "src/main/kotlin/x/Main.kt",
    ):
        entry = FileEntry(path, 10, kind_of(path), scope_of(path))
        name = path.rsplit("/", 1)[-1]
        assert apps_module._may_anchor(name, entry.kind) and apps_module._candidates(entry), path
