"""Facts from Ruby source (facts/ruby.py): app code, Rails environment files, Puma, rake."""

from __future__ import annotations

from helpers import extract_text, of, one
from twelve.facts.model import Value

MODULE = "twelve.facts.ruby"


def V(plain: dict) -> Value:
    """The Value a test expects, written in its plain form."""
    return Value.from_plain(plain)


def facts(text: str, path: str = "app/services/sync.rb", scope: str = "production"):
    return extract_text(MODULE, path, text, scope=scope)


def test_env_reads_with_and_without_defaults():
    found = facts("""
        url = ENV["DATABASE_URL"]
        port = ENV.fetch("PORT", "3000")
        threads = ENV.fetch("RAILS_MAX_THREADS") { 5 }
        key = ENV.fetch("SECRET_KEY_BASE")
    """)
    reads = {f.get("name"): f for f in of(found, "env.read")}
    assert reads["DATABASE_URL"].line == 1 and reads["DATABASE_URL"].get("api") == "ENV[]"
    assert reads["PORT"].get("has_default") and reads["PORT"].get("default") == "3000"
    assert reads["RAILS_MAX_THREADS"].line == 3 and reads["RAILS_MAX_THREADS"].get("default") == "5"
    assert not reads["SECRET_KEY_BASE"].get("has_default") and reads["SECRET_KEY_BASE"].get("api") == "ENV.fetch"
    assert all(f.get("lang") == "ruby" for f in reads.values())


def test_production_environment_file_settings_and_loggers():
    found = facts(
        """
        Rails.application.configure do
          config.active_storage.service = :local
          config.assets.compile = true
          config.cache_store = :redis_cache_store, { url: ENV["REDIS_URL"] }
          config.hosts << "shop.example.com"
          config.logger = ActiveSupport::Logger.new("log/production.log", 5, 10.megabytes)
          if ENV["RAILS_LOG_TO_STDOUT"].present?
            config.logger = ActiveSupport::TaggedLogging.new(ActiveSupport::Logger.new(STDOUT))
          end
          config.session_store :cookie_store, key: "_shop_session"
        end
    """,
        "config/environments/production.rb",
    )
    settings = {f.get("path"): f for f in of(found, "config.assign")}
    storage = settings["config.active_storage.service"]
    assert storage.line == 2 and storage.get("value") == "local" and storage.get("value_kind") == "symbol"
    assert (
        storage.get("container") == "file"
        and storage.get("class") == "production"
        and storage.get("environment") == "production"
    )
    assert settings["config.assets.compile"].get("value") is True
    assert settings["config.cache_store"].get("value") == "redis_cache_store" and settings["config.cache_store"].get(
        "env_names"
    ) == ("REDIS_URL",)
    assert settings["config.hosts"].get("op") == "<<" and settings["config.hosts"].get("value") == "shop.example.com"
    handlers = {f.line: f for f in of(found, "log.handler")}
    assert handlers[6].get("handler") == "ActiveSupport::Logger(file)" and handlers[6].get("rotation") is True
    assert handlers[6].get("target") == V({"source": "literal", "value": "log/production.log"})
    assert handlers[8].get("stream") == "stdout" and "RAILS_LOG_TO_STDOUT" in handlers[8].get("condition")
    assert one(found, "session.store").get("store") == "cookie"


def test_puma_config_port_bind_workers_daemon_pidfile_and_redirect():
    found = facts(
        """
        threads 5, 5
        port ENV.fetch("PORT") { 3000 }
        bind "tcp://127.0.0.1:9292"
        workers ENV.fetch("WEB_CONCURRENCY") { 2 }
        daemonize
        pidfile "tmp/pids/puma.pid"
        pidfile ENV["PIDFILE"] if ENV["PIDFILE"]
        stdout_redirect "log/puma.log", "log/puma_err.log", true
    """,
        "config/puma.rb",
    )
    runs = {f.line: f for f in of(found, "server.run")}
    assert (
        runs[2].get("api") == "puma port"
        and runs[2].get("port")["env_name"] == "PORT"
        and runs[2].get("port")["env_default"] == "3000"
    )
    assert runs[2].get("workers")["env_name"] == "WEB_CONCURRENCY"
    assert (
        runs[3].get("host") == V({"source": "literal", "value": "127.0.0.1"}) and runs[3].get("port")["value"] == 9292
    )
    assert one(found, "process.daemon").line == 5
    assert [f.line for f in of(found, "process.pidfile")] == [6]  # the ENV-guarded one writes nothing by default
    redirects = [f for f in of(found, "log.handler") if f.get("api") == "stdout_redirect"]
    assert [r.get("target")["value"] for r in redirects] == ["log/puma.log", "log/puma_err.log"]


def test_clients_spawns_and_masked_urls():
    found = facts("""
        $redis = Redis.new(url: "redis://:s3cr3tPassw0rd@cache.prod.internal:6379/0")
        PG.connect(ENV["DATABASE_URL"])
        Sidekiq.configure_server do |config|
          config.redis = { url: ENV.fetch("REDIS_URL") }
        end
        system("pg_dump #{ENV["DATABASE_URL"]} > backup.sql")
        `convert a.png b.jpg`
        Open3.capture3("ffmpeg", "-i", "in.mp4")
        image = MiniMagick::Image.open(path)
    """)
    clients = {f.line: f for f in of(found, "client")}
    redis = clients[1].get("args")[0]
    assert (
        clients[1].get("service") == "redis" and redis["grade"] == "secret" and "s3cr3tPassw0rd" not in redis["value"]
    )
    assert "s3cr3tPassw0rd" not in clients[1].excerpt
    assert clients[2].get("service") == "postgresql" and clients[2].get("args")[0]["env_name"] == "DATABASE_URL"
    assert clients[4].get("api") == "Sidekiq.redis" and clients[4].get("args")[0]["env_name"] == "REDIS_URL"
    spawns = [(f.line, f.get("program"), f.get("shell")) for f in of(found, "process.spawn")]
    assert spawns == [(6, "pg_dump", True), (7, "convert", True), (8, "ffmpeg", False), (9, "convert", False)]


def test_sinatra_database_setting_is_a_client():
    found = facts(
        """
        set :database, 'sqlite://app.db'
        set :database, ENV["DATABASE_URL"]
        set :database, {adapter: "postgresql", host: "db.internal", database: "app"}
        set :port, 4567
        settings.database
    """,
        path="app.rb",
    )
    clients = {f.line: f for f in of(found, "client")}
    assert sorted(clients) == [1, 2, 3]
    assert clients[1].get("service") == "sqlite" and clients[1].get("api") == "set :database"
    assert clients[2].get("args")[0]["env_name"] == "DATABASE_URL"
    assert clients[3].get("service") == "postgresql"
    assert {a["key"]: a["value"] for a in clients[3].get("args")}["host"] == "db.internal"


def test_scheduler_trap_rake_tasks_and_web_app():
    init = facts(
        """
        scheduler = Rufus::Scheduler.singleton
        scheduler.every "1h" do
          Report.generate
        end
        Thread.new { Worker.run_once }
        Signal.trap("TERM") { exit! }
    """,
        "config/initializers/jobs.rb",
    )
    scheduler = one(init, "scheduler")
    assert scheduler.line == 1 and scheduler.get("api") == "rufus-scheduler" and scheduler.get("started")
    trap = one(init, "signal.handler")
    assert trap.get("signal") == "SIGTERM" and trap.get("exits_immediately")
    tasks = facts(
        """
        namespace :db do
          task seed_demo: :environment do
          end
        end
        task :purge do
        end
    """,
        "lib/tasks/db.rake",
    )
    assert [(f.line, f.get("name")) for f in of(tasks, "cli.command")] == [(2, "db:seed_demo"), (5, "purge")]
    app = facts(
        """
        module Shop
          class Application < Rails::Application
            config.load_defaults 7.1
          end
        end
    """,
        "config/application.rb",
    )
    assert one(app, "web.app").get("framework") == "rails" and one(app, "web.app").line == 2


def test_near_misses_stay_silent():
    found = facts("""
        class Report
          def system_name = "x"
          def exec(query) = query
          def run
            Thread.new { compute }
            trap = 1
            puts_later = 2
          end
        end
    """)
    assert of(found, "process.spawn") == [] and of(found, "scheduler") == [] and of(found, "signal.handler") == []
    assert of(found, "log.print") == []


def test_rails_7_1_stdout_logger():
    found = facts(
        """
        Rails.application.configure do
          config.logger = ActiveSupport::TaggedLogging.logger(STDOUT)
          $stdout.sync = true
        end
    """,
        "config/environments/production.rb",
    )
    handler = one(found, "log.handler")
    assert (
        handler.line == 2
        and handler.get("stream") == "stdout"
        and handler.get("handler") == "ActiveSupport::TaggedLogging"
    )
    sync = one(found, "log.print")
    assert sync.line == 3 and sync.get("flush") is True


def test_sinatra_database_setting_and_embedded_stores():
    found = facts(
        """
        require 'sinatra'
        set :database, 'sqlite://qwerty.db'
        set :database, { adapter: 'postgresql', host: ENV['DB_HOST'] }
        DB = Sequel.sqlite('data.db')
        STORE = PStore.new('data/store.pstore')
        set :port, 4567
    """,
        path="app.rb",
    )
    clients = {f.line: (f.get("service"), f.get("api")) for f in of(found, "client")}
    assert clients == {
        2: ("sqlite", "set :database"),
        3: ("postgresql", "set :database"),
        4: ("sqlite", "Sequel.sqlite"),
    }
    store = one(found, "state.embedded_store")
    assert (store.line, store.get("library"), store.data.target.value) == (5, "pstore", "data/store.pstore")


def test_migration_blocks_and_schema_dsl():
    found = facts(
        """
        if not database.table_exists?(:users)
          migration 'create users' do
            database.create_table :users do
              primary_key :id
            end
          end
        end
    """,
        "src/app/migrations.rb",
    )
    migration = one(found, "schema.migration")
    assert migration.line == 2 and migration.get("api") == "migration"
    assert of(facts("Sinatra::Application.run!\n"), "schema.migration") == []
