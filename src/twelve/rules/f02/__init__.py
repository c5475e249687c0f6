"""II. Dependencies — explicitly declare and isolate dependencies.

The factor asks that an app declare every dependency, completely and exactly, in a manifest of
its ecosystem's packaging system, and that it run isolated from whatever the host has installed:
no implicitly present system packages, libraries or tools. Each ecosystem says it its own way
(requirements and lock files, package.json and its lock, go.mod and go.sum, Maven/Gradle builds,
the Gemfile and Gemfile.lock); the rules report the language of each finding.

Modules (one rule concept each):

- ``manifest``: F02-S01 dependencies declared in the ecosystem's manifest (every language).
- ``code_without_manifest``: F02-AP01 code with no manifest of its ecosystem (every language).
- ``exact_versions``: F02-S02 versions resolved exactly (Python pins or lock); F02-S08 not locked
  (every language).
- ``undeclared_import``: F02-S07 an import nothing declares or installs.
- ``transitive_import``: F02-S25 an import that arrives only through another dependency.
- ``host_packages``: F02-S11 the host's Python packages leak into the app.
- ``install_outside_manifest``: F02-S12 the image installs packages by name, outside the manifest.
- ``diverging_specs``: F02-S13 two requirements files pin a package differently.
- ``self_contained_artifact``: F02-S14 the build produces an artifact that carries its
  dependencies (Python images, static Go builds, executable jars and images).
- ``bundler_isolation``: F02-S16 `bundle exec` and frozen Bundler settings.
- ``rack_server``: F02-S27 a Rack framework (Sinatra, Rails 7...) with no server gem in the bundle.
- ``lock_install``: F02-S17 Node installs follow the lock; F02-S26 they may rewrite it.
- ``base_image``: F02-S20 base image pinned by digest; F02-S21 untagged or `latest`.
- ``host_tool``: F02-S22 a host tool the build does not provide; F02-S23 one it provides.
- ``host_tool_documented``: F02-S24 a host tool installed only by following the README.
- ``system_scope_jar``: F02-S09 a Maven dependency the host must provide.
- ``vendored_jars``: F02-S10 committed jars referenced by path.

The derivations they share (manifests, locks, install commands, tools) live in
``twelve.appmodel.packages``; the tables (import names, lock files, plugins) in
``twelve.knowledge.packages`` and ``twelve.knowledge.tools``.
"""
