from __future__ import annotations

from helpers import fired, lines

REQS = {"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n"}
FLASK = {"app.py": "from flask import Flask\napp = Flask(__name__)\n"}


def params(found, index=0):
    return found[index].message.param_dict()


def dockerfile(cmd: str) -> dict[str, str]:
    return {"Dockerfile": f"FROM python:3.12-slim\nCOPY . /app\n{cmd}\n"}


ENTRYPOINT = {
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nENTRYPOINT ["sh", "./entrypoint.sh"]\n',
    "entrypoint.sh": """
        #!/bin/sh
        while ! pg_isready -h "$DB_HOST"; do
          sleep 1
        done
        flask init-db
        exec gunicorn --bind 0.0.0.0:5000 app:app
        """,
}


# --- F08-S1: process types -------------------------------------------------------------------------


def test_s1_is_strong_for_a_procfile(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "web: gunicorn app:app\nworker: celery -A tasks worker\n"}
    found = fired(tmp_path, files, "F08-S1")
    assert lines(found) == {("Procfile", 1), ("Procfile", 2)}
    assert found[0].strength.value == "strong"
    assert params(found)["types"] == "web, worker"


def test_s1_is_strong_for_compose_services_sharing_one_build(tmp_path):
    files = {**REQS, **FLASK, "docker-compose.yml": """
        services:
          web:
            build: .
            command: gunicorn app:app
          worker:
            build: .
            command: celery -A tasks worker
        """}
    found = fired(tmp_path, files, "F08-S1")
    assert found[0].strength.value == "strong"
    assert params(found)["types"] == "web, worker"


def test_s1_is_moderate_for_the_container_start_command(tmp_path):
    found = fired(tmp_path, {**REQS, **FLASK, **ENTRYPOINT}, "F08-S1")
    assert lines(found) == {("entrypoint.sh", 6)}
    assert found[0].strength.value == "moderate"
    assert params(found)["types"] == "gunicorn"


def test_s1_near_miss_without_any_start_command(tmp_path):
    assert fired(tmp_path, {**REQS, **FLASK}, "F08-S1") == []


# --- F08-S2: scaling knobs -----------------------------------------------------------------------


def test_s2_is_moderate_for_workers_from_the_environment(tmp_path):
    files = {**REQS, **FLASK, **dockerfile('CMD gunicorn --workers "$WEB_CONCURRENCY" app:app')}
    found = fired(tmp_path, files, "F08-S2")
    assert lines(found) == {("Dockerfile", 3)}
    assert found[0].strength.value == "moderate"
    assert "$WEB_CONCURRENCY" in params(found)["knob"]


def test_s2_is_moderate_for_workers_read_from_env_in_gunicorn_conf(tmp_path):
    files = {**REQS, **FLASK, **dockerfile('CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:app"]'),
             "gunicorn.conf.py": 'import os\nworkers = int(os.environ.get("WEB_CONCURRENCY", "2"))\n'}
    found = fired(tmp_path, files, "F08-S2")
    assert lines(found) == {("gunicorn.conf.py", 2)}
    assert found[0].strength.value == "moderate"


def test_s2_is_moderate_for_compose_replicas(tmp_path):
    files = {**REQS, **FLASK, "docker-compose.yml": """
        services:
          web:
            build: .
            command: gunicorn app:app
            deploy:
              replicas: 3
        """}
    found = [f for f in fired(tmp_path, files, "F08-S2") if f.strength.value == "moderate"]
    assert params(found)["knob"] == "web: replicas 3"


def test_s2_is_weak_for_gunicorn_without_a_worker_count(tmp_path):
    found = fired(tmp_path, {**REQS, **FLASK, **ENTRYPOINT}, "F08-S2")
    assert lines(found) == {("entrypoint.sh", 6)}
    assert found[0].strength.value == "weak"


def test_s2_near_miss_a_fixed_worker_count(tmp_path):
    files = {**REQS, **FLASK, **dockerfile('CMD ["gunicorn", "--workers", "4", "app:app"]')}
    assert fired(tmp_path, files, "F08-S2") == []


# --- F08-S3: worker process type -------------------------------------------------------------------


def test_s3_fires_for_a_celery_process_type(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "web: gunicorn app:app\nworker: celery -A tasks worker\n"}
    found = fired(tmp_path, files, "F08-S3")
    assert lines(found) == {("Procfile", 2)}
    assert params(found) == {"process": "worker", "program": "celery", "path": "Procfile"}


def test_s3_near_miss_web_only(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "web: gunicorn app:app\n"}
    assert fired(tmp_path, files, "F08-S3") == []


# --- F08-S4: daemonizing ---------------------------------------------------------------------------


def test_s4_fires_on_gunicorn_daemon(tmp_path):
    cmd = "CMD gunicorn --daemon --bind 0.0.0.0:8000 app:app && tail -f /dev/null"
    files = {**REQS, **FLASK, **dockerfile(cmd)}
    found = fired(tmp_path, files, "F08-S4")
    assert lines(found) == {("Dockerfile", 3)}
    assert params(found)["how"] == "gunicorn --daemon"
    assert found[0].strength.value == "strong"


def test_s4_fires_on_nohup_in_the_background_as_last_process(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "web: nohup python app.py &\n"}
    found = fired(tmp_path, files, "F08-S4")
    assert lines(found) == {("Procfile", 1)}
    assert params(found)["how"].endswith("&")


def test_s4_fires_on_service_start_and_gunicorn_conf_daemon(tmp_path):
    files = {**REQS, **FLASK,
             "Dockerfile": 'FROM python:3.12-slim\nENTRYPOINT ["/app/start.sh"]\n',
             "start.sh": "#!/bin/sh\nservice nginx start\nexec gunicorn -c gunicorn.conf.py app:app\n",
             "gunicorn.conf.py": "daemon = True\n"}
    found = fired(tmp_path, files, "F08-S4")
    assert lines(found) == {("start.sh", 2), ("gunicorn.conf.py", 1)}
    assert {params(found, i)["how"] for i in range(2)} == {"service nginx start", "daemon = True"}


def test_s4_fires_on_celery_multi(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "worker: celery multi start w1 -A tasks\n"}
    assert params(fired(tmp_path, files, "F08-S4"))["how"] == "celery multi"


def test_s4_fires_on_a_server_sent_away_behind_a_keep_alive(tmp_path):
    files = {**REQS, **FLASK, "Dockerfile": 'FROM python:3.12-slim\nENTRYPOINT ["./docker-entrypoint.sh"]\n',
             "docker-entrypoint.sh": "#!/bin/sh\nnohup gunicorn app:app &\ntail -f /dev/null\n"}
    found = fired(tmp_path, files, "F08-S4")
    assert lines(found) == {("docker-entrypoint.sh", 2)}
    assert params(found)["how"] == "gunicorn app:app &"


def test_s4_near_miss_a_foreground_exec(tmp_path):
    assert fired(tmp_path, {**REQS, **FLASK, **ENTRYPOINT}, "F08-S4") == []


def test_s4_near_miss_a_helper_backgrounded_before_the_server(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "web: ./start.sh\n",
             "start.sh": "#!/bin/sh\nprepare-cache &\nexec gunicorn app:app\n"}
    assert fired(tmp_path, files, "F08-S4") == []


# --- F08-S5: PID files -----------------------------------------------------------------------------


def test_s5_fires_on_gunicorn_pid_and_celery_pidfile(tmp_path):
    procfile = "web: gunicorn --pid /tmp/web.pid app:app\nworker: celery -A tasks worker --pidfile=/tmp/w.pid\n"
    files = {**REQS, **FLASK, "Procfile": procfile}
    found = fired(tmp_path, files, "F08-S5")
    assert lines(found) == {("Procfile", 1), ("Procfile", 2)}
    assert {params(found, i)["how"] for i in range(2)} == {"gunicorn --pid /tmp/web.pid", "celery --pidfile /tmp/w.pid"}


def test_s5_fires_on_pidfile_in_gunicorn_conf_and_pid_written_by_code(tmp_path):
    files = {**REQS, **FLASK, "gunicorn.conf.py": 'pidfile = "/var/run/app.pid"\n',
             "daemon_util.py": 'import os\ndef write():\n    open("app.pid", "w").write(str(os.getpid()))\n'}
    found = fired(tmp_path, files, "F08-S5")
    assert lines(found) == {("gunicorn.conf.py", 1), ("daemon_util.py", 3)}


def test_s5_near_miss_an_empty_pidfile(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "beat: celery -A tasks beat --pidfile=\n"}
    assert fired(tmp_path, files, "F08-S5") == []


# --- F08-S6: restart loops -------------------------------------------------------------------------


def test_s6_fires_on_a_loop_restarting_the_server(tmp_path):
    files = {**REQS, **FLASK, "run.sh": "#!/bin/sh\nwhile true; do\n  gunicorn app:app\n  sleep 1\ndone\n"}
    found = fired(tmp_path, files, "F08-S6")
    assert lines(found) == {("run.sh", 2)}
    assert params(found)["programs"] == "gunicorn"


def test_s6_fires_on_a_one_line_restart_loop(tmp_path):
    files = {**REQS, **FLASK, "run.sh": "#!/bin/sh\nwhile true; do python worker.py; sleep 5; done\n"}
    assert params(fired(tmp_path, files, "F08-S6"))["programs"] == "python"


def test_s6_near_miss_a_loop_that_only_waits_for_the_database(tmp_path):
    assert fired(tmp_path, {**REQS, **FLASK, **ENTRYPOINT}, "F08-S6") == []
    files = {**REQS, **FLASK, "wait.sh": '#!/bin/sh\nuntil python -c "import db"; do sleep 1; done\n'}
    assert fired(tmp_path / "b", files, "F08-S6") == []


# --- F08-S7: scheduler inside the web process -------------------------------------------------------

SCHEDULED_APP = """
    from apscheduler.schedulers.background import BackgroundScheduler
    from flask import Flask

    app = Flask(__name__)
    scheduler = BackgroundScheduler()
    scheduler.add_job(lambda: None, "interval", minutes=5)
    scheduler.start()
    """


def test_s7_fires_on_a_background_scheduler_in_the_flask_module(tmp_path):
    files = {**REQS, "app.py": SCHEDULED_APP, "Procfile": "web: gunicorn app:app\n"}
    found = fired(tmp_path, files, "F08-S7")
    assert lines(found) == {("app.py", 5)}
    assert params(found)["web"] == "flask"


def test_s7_near_miss_a_scheduler_in_its_own_clock_process(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "web: gunicorn app:app\nclock: python clock.py\n",
             "clock.py": """
                import threading
                from apscheduler.schedulers.background import BackgroundScheduler
                scheduler = BackgroundScheduler()
                scheduler.start()
                threading.Event().wait()
                """}
    assert fired(tmp_path, files, "F08-S7") == []


def test_s7_near_miss_no_web_process(tmp_path):
    worker = SCHEDULED_APP.replace("app = Flask(__name__)\n", "").replace("from flask import Flask\n", "")
    files = {"requirements.txt": "apscheduler==3.10.4\n", "main.py": worker}
    assert fired(tmp_path, files, "F08-S7") == []


# --- F08-S8: supervisor ----------------------------------------------------------------------------


def test_s8_fires_on_supervisord_in_the_container(tmp_path):
    files = {**REQS, **FLASK, "Dockerfile": "FROM python:3.12-slim\n"
             "RUN apt-get update && apt-get install -y supervisor nginx\n"
             'CMD ["/usr/bin/supervisord", "-n", "-c", "/etc/supervisor/supervisord.conf"]\n'}
    found = fired(tmp_path, files, "F08-S8")
    assert lines(found) == {("Dockerfile", 2), ("Dockerfile", 3)}
    assert params(found)["program"] == "supervisord"


def test_s8_fires_on_a_worker_backgrounded_next_to_the_server(tmp_path):
    files = {**REQS, **FLASK, "Procfile": "web: ./start.sh\n",
             "start.sh": "#!/bin/sh\ncelery -A tasks worker &\nexec gunicorn app:app\n"}
    found = fired(tmp_path, files, "F08-S8")
    assert lines(found) == {("start.sh", 2)}
    assert params(found)["program"] == "start.sh (celery &)"
    assert fired(tmp_path / "b", files, "F08-S4") == []


def test_s8_near_miss_a_single_server(tmp_path):
    files = {**REQS, **FLASK, **dockerfile('CMD ["gunicorn", "app:app"]')}
    assert fired(tmp_path, files, "F08-S8") == []


# --- F08-NE ----------------------------------------------------------------------------------------


def test_ne_fires_without_any_start_command(tmp_path):
    found = fired(tmp_path, {**REQS, **FLASK}, "F08-NE")
    assert [f.effect.value for f in found] == ["inconclusive"]


def test_ne_is_silent_with_a_dockerfile_cmd(tmp_path):
    files = {**REQS, **FLASK, **dockerfile('CMD ["gunicorn", "app:app"]')}
    assert fired(tmp_path, files, "F08-NE") == []


# --- other stacks: pm2, Node workers, Ruby job runners, Kubernetes ------------------------------------

PACKAGE_JSON = ('{"name": "shop", "version": "1.0.0", "scripts": {"start": "%s"}, '
                '"dependencies": {"express": "4.19.2", "node-cron": "3.0.3"}}\n')
EXPRESS = 'const express = require("express");\nconst app = express();\napp.listen(process.env.PORT);\n'
NODE_CRON = 'const cron = require("node-cron");\ncron.schedule("0 3 * * *", () => console.log("cleanup"));\n'


def node_dockerfile(cmd: str, name: str = "Dockerfile") -> dict[str, str]:
    return {name: f"FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n{cmd}\n"}


def test_s4_fires_on_pm2_start_reached_through_npm_start(tmp_path):
    files = {"package.json": PACKAGE_JSON % "pm2 start server.js && pm2 logs", "server.js": EXPRESS,
             **node_dockerfile('CMD ["npm", "start"]')}
    found = fired(tmp_path, files, "F08-S4")
    assert lines(found) == {("package.json", 1)}
    assert params(found)["how"] == "pm2 start"


def test_s4_near_miss_pm2_in_the_foreground(tmp_path):
    files = {"package.json": PACKAGE_JSON % "node server.js", "server.js": EXPRESS,
             **node_dockerfile('CMD ["npx", "pm2", "start", "server.js", "--no-daemon"]')}
    assert fired(tmp_path, files, "F08-S4") == []
    runtime = {**files, **node_dockerfile('CMD ["pm2-runtime", "server.js"]')}
    assert fired(tmp_path / "runtime", runtime, "F08-S4") == []


ECOSYSTEM = """\
    module.exports = {
      apps: [
        { name: "api", script: "server.js", instances: 2, exec_mode: "cluster" },
        { name: "receipts", script: "worker.js" },
      ],
    };
    """


def test_s8_fires_on_pm2_runtime_running_several_apps(tmp_path):
    files = {"package.json": PACKAGE_JSON % "node server.js", "server.js": EXPRESS, "worker.js": NODE_CRON,
             "ecosystem.config.js": ECOSYSTEM, **node_dockerfile('CMD ["pm2-runtime", "ecosystem.config.js"]')}
    found = fired(tmp_path, files, "F08-S8")
    assert lines(found) == {("Dockerfile", 5), ("ecosystem.config.js", 3), ("ecosystem.config.js", 4)}
    assert params(found)["program"] == "pm2-runtime (api, receipts)"


def test_s8_near_miss_pm2_runtime_with_one_app_in_cluster_mode(tmp_path):
    one = ECOSYSTEM.replace('        { name: "receipts", script: "worker.js" },\n', "")
    files = {"package.json": PACKAGE_JSON % "node server.js", "server.js": EXPRESS, "ecosystem.config.js": one,
             **node_dockerfile('CMD ["pm2-runtime", "ecosystem.config.js"]')}
    assert fired(tmp_path, files, "F08-S8") == []
    # a daemonizing pm2 is reported once per container line (F08-S4 says the rest)
    daemon = {**files, **node_dockerfile("CMD pm2 start server.js && pm2 logs")}
    assert len(fired(tmp_path / "daemon", daemon, "F08-S8")) == 1


def test_s7_near_miss_a_node_scheduler_run_by_its_own_dockerfile(tmp_path):
    files = {"package.json": PACKAGE_JSON % "node server.js", "server.js": EXPRESS, "worker.js": NODE_CRON,
             **node_dockerfile("CMD npm start"), **node_dockerfile('CMD ["node", "worker.js"]', "Dockerfile.worker")}
    assert fired(tmp_path, files, "F08-S7") == []
    k8s = {**{k: v for k, v in files.items() if k != "Dockerfile.worker"}, "k8s/worker.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: receipts
        spec:
          template:
            spec:
              containers:
                - name: receipts
                  image: ghcr.io/acme/shop:1.0.0
                  command: ["node", "worker.js"]
        """}
    assert fired(tmp_path / "k8s", k8s, "F08-S7") == []


def test_s7_fires_for_a_node_scheduler_in_the_web_server(tmp_path):
    files = {"package.json": PACKAGE_JSON % "node server.js", "server.js": EXPRESS + NODE_CRON,
             "worker.js": NODE_CRON, **node_dockerfile("CMD npm start")}
    found = fired(tmp_path, files, "F08-S7")
    assert lines(found) == {("server.js", 5), ("worker.js", 2)}  # nothing runs worker.js on its own
    assert {f.message.param_dict()["web"] for f in found} == {"express"}


GEMFILE = 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "puma"\ngem "sidekiq"\ngem "good_job"\n'


def test_s3_fires_for_ruby_job_runners_and_a_named_node_worker(tmp_path):
    files = {"Gemfile": GEMFILE, "Procfile": "web: bundle exec puma -C config/puma.rb\nworker: bundle exec sidekiq\n"
             "jobs: bundle exec good_job start\nqueue: bin/rails solid_queue:start\n"}
    found = fired(tmp_path, files, "F08-S3")
    assert lines(found) == {("Procfile", 2), ("Procfile", 3), ("Procfile", 4)}
    assert [f.message.param_dict()["program"] for f in found] == ["sidekiq", "good_job", "rails solid_queue:start"]
    node = {"package.json": PACKAGE_JSON % "node server.js", "server.js": EXPRESS, "worker.js": NODE_CRON,
            "Procfile": "web: node server.js\nworker: node worker.js\n"}
    found = fired(tmp_path / "node", node, "F08-S3")
    assert lines(found) == {("Procfile", 2)}
    assert params(found)["program"] == "node worker.js"


def test_s3_near_miss_web_and_release_processes_of_other_stacks(tmp_path):
    files = {"Gemfile": GEMFILE, "Procfile": "web: bundle exec puma\nrelease: bundle exec rails db:migrate\n"}
    assert fired(tmp_path, files, "F08-S3") == []
    node = {"package.json": PACKAGE_JSON % "node server.js", "server.js": EXPRESS, "Procfile": "web: node server.js\n"}
    assert fired(tmp_path / "node", node, "F08-S3") == []


K8S_TWO_IMAGES = """\
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 2
      template:
        spec:
          containers:
            - name: web
              image: ghcr.io/acme/shop-web:1.0.0
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: worker
    spec:
      template:
        spec:
          containers:
            - name: worker
              image: ghcr.io/acme/shop-worker:1.0.0
    """


def test_s1_is_strong_for_kubernetes_deployments_per_process_type(tmp_path):
    files = {**REQS, **FLASK, "k8s/app.yaml": K8S_TWO_IMAGES}
    found = fired(tmp_path, files, "F08-S1")
    assert lines(found) == {("k8s/app.yaml", 10), ("k8s/app.yaml", 21)}
    assert found[0].strength.value == "strong"
    assert params(found)["types"] == "web, worker"
    assert params(found)["formation"] == "web: (image CMD); worker: (image CMD)"
    # Kubernetes also says where the processes come from: no "no evidence"
    assert fired(tmp_path / "ne", files, "F08-NE") == []


def test_s1_leaves_one_image_with_several_commands_to_s1k(tmp_path):
    same = K8S_TWO_IMAGES.replace("shop-worker", "shop-web").replace(
        "      image: ghcr.io/acme/shop-web:1.0.0\n    ---", "      image: ghcr.io/acme/shop-web:1.0.0\n          command: [\"gunicorn\", \"app:app\"]\n    ---")
    same = same.rstrip("\n") + '\n              command: ["celery", "-A", "tasks", "worker"]\n'
    files = {**REQS, **FLASK, "k8s/app.yaml": same}
    assert fired(tmp_path, files, "F08-S1") == []
    assert len(fired(tmp_path / "k", files, "F08-S1k")) == 1


def test_s1_shows_the_runner_and_the_package_script_it_starts(tmp_path):
    rails = {"Gemfile": GEMFILE, **dockerfile('CMD ["bundle", "exec", "rails", "server", "-b", "0.0.0.0"]')}
    assert params(fired(tmp_path / "rails", rails, "F08-S1"))["types"] == "puma"
    node = {"package.json": PACKAGE_JSON % "node server.js", "server.js": EXPRESS, **node_dockerfile('CMD ["npm", "start"]')}
    found = params(fired(tmp_path / "node", node, "F08-S1"))
    assert (found["types"], found["formation"]) == ("node", "npm start → node server.js")


def test_s7_reads_the_command_of_a_development_compose_service(tmp_path):
    """A dev compose service that builds the app and runs its own command (the form a Rails
    compose file often takes) is read, not crashed on, when looking for the scheduler's process."""
    scheduler = "\n".join(line for line in SCHEDULED_APP.splitlines() if "Flask" not in line)
    files = {**REQS, **FLASK, "jobs.py": scheduler, "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\n",
             "docker-compose.override.yml": """
                services:
                  web:
                    build: .
                    command: gunicorn app:app
                """}
    found = fired(tmp_path, files, "F08-S7")
    assert lines(found) == {("jobs.py", 3)}
