"""Stage 2½: the model of one app, derived from its facts.

Facts say what each file states; the app model says what the app *is*: how each of its processes
starts and which program really runs (`starts`), how it is built and deployed (`deploy`), which
backing services it reaches (`services`), what it depends on (`packages`). Rules read the app
model and the facts; they never re-derive these answers themselves, and never call each other.

Every derivation is a pure function of an app's facts, computed at most once per app
(``AppFacts.derive``), so rules of different factors share the work.
"""

from __future__ import annotations

from twelve.appmodel.deploy import (
    LONG_RUNNING_KINDS, STATELESS_KINDS, ManualDeploy, app_containers, concerns_app, deployed, deployed_workloads,
    manual_deploys,
)
from twelve.appmodel.packages import declared, installed_os_packages, tool_provider
from twelve.appmodel.services import (
    LocalFallback, declared_drivers, driver_engine, image_engine, is_local_host, local_fallbacks, service_dependencies, service_name,
    url_engine, url_host, value_text,
)
from twelve.appmodel.starts import (
    INIT_PROGRAMS, PY_WEB_SERVERS, SHELLS, DockerHead, Start, app_starts, basename, builder_image, builder_images,
    compose_starts, conventional_starts, docker_heads, dockerfile_starts, effective, gunicorn_configs, head_script,
    is_web_server, kubernetes_starts, long_running_starts, procfile_starts, production, program_of, python_script_of,
    running_starts, script_chain, script_of, shell_form, shell_string, start_commands, starts_with_exec, unwrap,
)
from twelve.appmodel.shutdown import (
    SpringGraceful, StartupWork, abrupt_handlers, app_heads, app_running_starts, args_line, builder_paths, drain_timeout, draining_handlers, execs_directly,
    go_graceful_pair, go_hooks, go_servers, go_term_handlers, graceful_server, graceful_timeout_settings, ignoring_traps,
    init_entrypoint, node_draining, node_servers, node_sigterm_handlers, package_manager_pid1, python_code_shutdown, python_graceful_run,
    lasting_starts, read_per_stack, ruby_graceful_gems, runs_python, shell_heads, shutdown_hooks, shutdown_unjudged, spring_graceful,
    spring_immediate_shutdowns, startup_work, timeout_flags, timeout_settings, unstopped_loops, uses_args,
)
from twelve.appmodel.logging import (
    DictHandler, LogSink, ServerLog, Shipper, dict_handlers, dockerfile_processes, log_shippers, log_sinks, log_volumes,
    only_sink, opt_in, process_prints, python_framework_stream, python_output, stream_sinks,
    python_unbuffered_flag, rails_default_log_file, rails_stdout_switches, server_log_flags, server_log_settings,
    spring_console_default, stderr_by_default, unbuffered_env, writes_file,
)
from twelve.knowledge import programs
from twelve.knowledge.services import (
    DB_IMAGES, DRIVER_ENGINES, LOCAL_HOSTS, OTHER_DRIVER_ENGINES, PY_WEB_DISTS, SERVICE_NAMES,
)
from twelve.knowledge.tools import TOOL_PACKAGES, WRAPPER_MODULES
from twelve.appmodel.deploy import (
    Delivery, DevServer, ImageReference, PipelineStep, build_steps, continuous_deploys, deploy_steps, dev_servers,
    image_references, manual_deploys_in_use, platform_files,
)
from twelve.appmodel.environments import Definition, Setting, code_engines, definitions, environment_of
from twelve.appmodel.admin import AdminCode, AdminJob, OneOffRun, StartTask, admin_code, admin_command, admin_jobs, one_off_runs, start_tasks
from twelve.appmodel.locators import ClientLocator, client_locators, locator_settings
from twelve.appmodel.codebase import Deployable, backends, deployables
from twelve.appmodel.config import (
    EnvironmentGroup, environment_groups,
    baked_config, ci_secret_step, code_settings, compose_credentials, deploy_literal, deployed_environment,
    framework_secret_lines, framework_secrets, in_dev_class, manifest_credentials, manifest_injections, setting_leaf,
    system_property_flags,
)
from twelve.appmodel.packages import (
    NodeInstall, PythonInstall, ToolUse, UndeclaredImport, UnprovisionedTool, bundler_isolation, committed,
    committed_jars, committed_python_locks, documented_install, fat_artifact, gemfile_lock, gemfiles, go_modules,
    go_static_build, go_sum_for, host_package_exposures, inside_project, jvm_builds, jvm_dependencies, jvm_image_build,
    local_jar_references, main_requirements, node_installs, node_locks, node_manifests, python_installs, python_locks,
    python_manifests, tools_needed, undeclared_imports, unprovisioned_tools, vendor_dir,
)
from twelve.appmodel.services import url_has_credentials, url_has_masked_password

#: the package that provides each Python web server's command
PY_SERVER_DISTS = {name: str(programs.dist_of(name)) for name in PY_WEB_SERVERS}
#: queue workers started by program name (Python's, and Sidekiq)
WORKER_PROGRAMS = programs.names(programs.WORKER, ecosystem="python") | {"sidekiq"}
SUPERVISORS = programs.names(programs.SUPERVISOR)

# the process model (factors VI, VII, VIII): where the app keeps state, what serves it and how it
# binds, its process types and what each one does; read as `appmodel.state`, `appmodel.serving`,
# `appmodel.processes`
from twelve.appmodel import processes, serving, state  # noqa: E402

__all__ = [
    "DB_IMAGES", "DRIVER_ENGINES", "INIT_PROGRAMS", "LOCAL_HOSTS", "LONG_RUNNING_KINDS", "OTHER_DRIVER_ENGINES",
    "PY_SERVER_DISTS", "PY_WEB_DISTS", "PY_WEB_SERVERS", "SERVICE_NAMES", "SHELLS", "STATELESS_KINDS", "SUPERVISORS",
    "TOOL_PACKAGES", "WORKER_PROGRAMS", "WRAPPER_MODULES", "DockerHead", "LocalFallback", "ManualDeploy", "Start", "app_containers",
    "basename", "compose_starts", "concerns_app", "declared", "declared_drivers", "deployed", "deployed_workloads", "docker_heads",
    "dockerfile_starts", "driver_engine", "effective", "gunicorn_configs", "head_script", "image_engine", "local_fallbacks",
    "installed_os_packages", "is_local_host", "is_web_server", "kubernetes_starts", "long_running_starts",
    "manual_deploys", "procfile_starts", "production", "program_of", "python_script_of", "running_starts",
    "script_of", "service_dependencies", "service_name", "shell_form", "shell_string", "start_commands",
    "starts_with_exec", "tool_provider", "unwrap", "url_engine", "url_host", "value_text",
    # the start path: conventional starts, scripts followed by name, builder images (starts.py)
    "app_starts", "builder_image", "builder_images", "conventional_starts", "script_chain",
    # how each process stops (shutdown.py)
    "SpringGraceful", "StartupWork", "abrupt_handlers", "app_heads", "app_running_starts", "args_line",
    "builder_paths", "drain_timeout", "draining_handlers",
    "execs_directly", "go_graceful_pair", "go_hooks", "go_servers", "go_term_handlers", "graceful_server",
    "graceful_timeout_settings", "ignoring_traps", "init_entrypoint", "node_draining", "node_servers",
    "node_sigterm_handlers", "package_manager_pid1", "python_code_shutdown", "python_graceful_run", "read_per_stack", "ruby_graceful_gems",
    "lasting_starts", "runs_python", "shell_heads", "shutdown_hooks", "shutdown_unjudged", "spring_graceful", "spring_immediate_shutdowns",
    "startup_work", "timeout_flags", "timeout_settings", "unstopped_loops", "uses_args",
    # where each process's log records go (logging.py)
    "DictHandler", "LogSink", "ServerLog", "Shipper", "dict_handlers", "dockerfile_processes", "log_shippers",
    "log_sinks", "log_volumes", "only_sink", "opt_in", "process_prints", "python_framework_stream", "stream_sinks",
    "python_output", "python_unbuffered_flag", "rails_default_log_file", "rails_stdout_switches", "server_log_flags",
    "server_log_settings", "spring_console_default", "stderr_by_default", "unbuffered_env", "writes_file",
    "processes", "serving", "state",
    "AdminCode", "AdminJob", "ClientLocator", "Definition", "Delivery", "DevServer", "ImageReference", "OneOffRun",
    "PipelineStep", "Setting", "StartTask", "admin_code", "admin_command", "admin_jobs", "build_steps", "client_locators",
    "code_engines", "continuous_deploys", "definitions", "deploy_steps", "dev_servers", "environment_of",
    "image_references", "locator_settings", "manual_deploys_in_use", "one_off_runs", "platform_files", "start_tasks",
    # factors II and III: packages, installs and tools; settings, secrets and injected config
    "NodeInstall", "PythonInstall", "ToolUse", "UndeclaredImport", "UnprovisionedTool", "baked_config",
    "bundler_isolation", "ci_secret_step", "code_settings", "committed", "committed_jars", "committed_python_locks",
    "compose_credentials", "deploy_literal", "deployed_environment", "documented_install", "fat_artifact",
    "framework_secret_lines", "framework_secrets", "gemfile_lock", "gemfiles", "go_modules", "go_static_build",
    "go_sum_for", "host_package_exposures", "in_dev_class", "inside_project", "jvm_builds", "jvm_dependencies",
    "jvm_image_build", "local_jar_references", "main_requirements", "manifest_credentials", "manifest_injections",
    "node_installs", "node_locks", "node_manifests", "python_installs", "python_locks", "python_manifests",
    "setting_leaf", "system_property_flags", "tools_needed", "undeclared_imports", "unprovisioned_tools",
    "url_has_credentials", "url_has_masked_password", "vendor_dir",
    "EnvironmentGroup", "environment_groups",
    # factor I: the deployables of the repository (codebase.py)
    "Deployable", "backends", "deployables",
]
