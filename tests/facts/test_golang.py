"""Facts from Go source (facts/golang.py): kinds, data keys and lines."""

from __future__ import annotations

from helpers import extract_text, of, one
from twelve.facts.model import Value

MODULE = "twelve.facts.golang"


def V(plain: dict) -> Value:
    """The Value a test expects, written in its plain form."""
    return Value.from_plain(plain)


def facts(text: str, path: str = "main.go"):
    return extract_text(MODULE, path, text)


# --- environment ------------------------------------------------------------------------------------


def test_getenv_lookupenv_and_the_empty_check_default():
    found = facts("""
        package main

        import "os"

        func main() {
        	port := os.Getenv("PORT")
        	if port == "" {
        		port = "8080"
        	}
        	dsn, ok := os.LookupEnv("DATABASE_URL")
        	_, _ = dsn, ok
        }
    """)
    reads = {f.get("name"): f for f in of(found, "env.read")}
    assert set(reads) == {"PORT", "DATABASE_URL"}
    assert reads["PORT"].line == 6 and reads["PORT"].get("has_default") and reads["PORT"].get("default") == "8080"
    assert reads["DATABASE_URL"].get("api") == "os.LookupEnv" and not reads["DATABASE_URL"].get("has_default")
    assert all(f.get("lang") == "go" for f in reads.values())


def test_helper_functions_cmp_or_viper_and_struct_tags():
    found = facts(
        """
        package config

        import (
        	"cmp"
        	"os"

        	"github.com/kelseyhightower/envconfig"
        	"github.com/spf13/viper"
        )

        type Config struct {
        	Port  string `envconfig:"PORT" default:"8080"`
        	Token string `env:"API_TOKEN,required"`
        }

        func getenv(key, fallback string) string {
        	if v, ok := os.LookupEnv(key); ok {
        		return v
        	}
        	return fallback
        }

        func Load() {
        	var c Config
        	envconfig.Process("", &c)
        	viper.AutomaticEnv()
        	host := viper.GetString("db.host")
        	level := cmp.Or(os.Getenv("LOG_LEVEL"), "info")
        	redis := getenv("REDIS_URL", "redis://localhost:6379/0")
        	_, _, _ = host, level, redis
        }
    """,
        "internal/config/config.go",
    )
    reads = {(f.get("api"), f.get("name")) for f in of(found, "env.read")}
    assert {
        ("envconfig tag", "PORT"),
        ("env tag", "API_TOKEN"),
        ("envconfig.Process", None),
        ("viper.AutomaticEnv", None),
        ("viper.GetString", "DB_HOST"),
        ("os.Getenv", "LOG_LEVEL"),
        ("getenv", "REDIS_URL"),
    } == reads
    by_name = {f.get("name"): f for f in of(found, "env.read") if f.get("name")}
    assert by_name["PORT"].line == 12 and by_name["PORT"].get("default") == "8080"
    assert by_name["LOG_LEVEL"].get("default") == "info"
    assert by_name["REDIS_URL"].get("default") == "redis://localhost:6379/0" and by_name["REDIS_URL"].line == 29


# --- clients and credentials -----------------------------------------------------------------------


def test_sql_open_with_a_literal_dsn_masks_the_password_in_data_and_excerpt():
    found = facts("""
        package main

        import "database/sql"

        func main() {
        	db, _ := sql.Open("postgres", "host=db.internal user=app password=Xk9vQ2mL7pT4 dbname=app")
        	_ = db
        }
    """)
    client = one(found, "client")
    assert client.line == 6 and client.get("service") == "postgresql" and client.get("api") == "sql.Open"
    dsn = next(a for a in client.get("args") if a["key"] == "dsn")
    assert dsn["source"] == "literal" and dsn["grade"] == "secret"
    assert "Xk9vQ2mL7pT4" not in dsn["value"] and "Xk9vQ2mL7pT4" not in client.excerpt
    assert "db.internal" in dsn["value"]


def test_clients_from_the_environment_and_redis_options():
    found = facts(
        """
        package store

        import (
        	"context"
        	"os"

        	"github.com/jackc/pgx/v5/pgxpool"
        	"github.com/redis/go-redis/v9"
        )

        func Open(ctx context.Context) {
        	pool, _ := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
        	rdb := redis.NewClient(&redis.Options{Addr: "cache.internal:6379", Password: "hunter2hunter2X"})
        	opts, _ := redis.ParseURL(os.Getenv("REDIS_URL"))
        	_, _, _ = pool, rdb, opts
        }
    """,
        "store.go",
    )
    clients = {f.get("api"): f for f in of(found, "client")}
    url = clients["pgxpool.New"].get("args")[0]
    assert url == V(
        {"key": "url", "source": "env", "env_name": "DATABASE_URL", "env_has_default": False, "env_default": None}
    )
    args = {a["key"]: a for a in clients["redis.NewClient"].get("args")}
    assert args["address"]["value"] == "cache.internal:6379" and args["password"]["grade"] == "secret"
    assert "hunter2hunter2X" not in args["password"]["value"]
    assert clients["redis.ParseURL"].get("args")[0]["env_name"] == "REDIS_URL" and clients["redis.ParseURL"].line == 14


def test_package_level_secret_constant_is_a_setting():
    found = facts("""
        package main

        const apiKey = "sk_live_abcdefabcdef1234567"
        const version = "1.2.3"
    """)
    setting = one(found, "config.assign")
    assert setting.line == 3 and setting.get("name") == "apiKey" and setting.get("grade") == "secret"
    assert setting.get("declared_as") == "const" and "abcdefabcdef" not in setting.get("value")


# --- listeners, signals, shutdown ---------------------------------------------------------------------------


def test_http_server_addr_from_env_signal_context_and_shutdown():
    found = facts("""
        package main

        import (
        	"context"
        	"net/http"
        	"os"
        	"os/signal"
        	"syscall"
        )

        func main() {
        	srv := &http.Server{Addr: ":" + os.Getenv("PORT")}
        	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
        	defer stop()
        	go srv.ListenAndServe()
        	<-ctx.Done()
        	srv.Shutdown(context.Background())
        }
    """)
    run = one(found, "server.run")
    assert run.line == 15 and run.get("api") == "srv.ListenAndServe" and run.get("main_guard")
    assert run.get("port") == V({"source": "env", "env_name": "PORT", "env_has_default": False, "env_default": None})
    signal = one(found, "signal.handler")
    assert signal.line == 13 and signal.get("signal") == "SIGTERM" and signal.get("signals") == ["SIGTERM", "SIGINT"]
    assert signal.get("handler") == "context" and not signal.get("exits_immediately")
    assert one(found, "shutdown.hook").line == 17


def test_gin_run_literal_echo_start_and_gin_default_port():
    found = facts("""
        package main

        import (
        	"github.com/gin-gonic/gin"
        	"github.com/labstack/echo/v4"
        )

        func main() {
        	r := gin.Default()
        	e := echo.New()
        	go e.Start("127.0.0.1:9000")
        	cmd.Run()
        	r.Run(":8080")
        	r.Run()
        }
    """)
    runs = of(found, "server.run")
    assert [(f.line, f.get("api")) for f in runs] == [(11, "e.Start"), (13, "r.Run"), (14, "r.Run")]
    assert (
        runs[0].get("host") == V({"source": "literal", "value": "127.0.0.1"}) and runs[0].get("port")["value"] == 9000
    )
    assert runs[1].get("port") == V({"source": "literal", "value": 8080})
    assert runs[2].get("port")["source"] == "env" and runs[2].get("port")["env_default"] == "8080"
    assert {f.get("framework") for f in of(found, "web.app")} == {"gin", "echo"}


def test_ignored_sigterm_and_telemetry_shutdown_are_told_apart():
    found = facts("""
        package main

        import ("os/signal"; "syscall")

        func main() {
        	signal.Ignore(syscall.SIGTERM)
        	tracerProvider.Shutdown(ctx)
        }
    """)
    assert one(found, "signal.handler").get("handler") == "SIG_IGN"
    assert of(found, "shutdown.hook") == []


# --- logs -------------------------------------------------------------------------------------------------


def test_log_files_lumberjack_zap_and_stdout():
    found = facts("""
        package main

        import (
        	"log"
        	"log/slog"
        	"os"

        	"go.uber.org/zap"
        	"gopkg.in/natefinch/lumberjack.v2"
        )

        func main() {
        	f, _ := os.OpenFile("/var/log/app/app.log", os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
        	log.SetOutput(f)
        	w := &lumberjack.Logger{Filename: "logs/app.log", MaxSize: 10}
        	cfg := zap.Config{OutputPaths: []string{"stdout", "/var/log/app/zap.log"}}
        	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
        	log.Println("started")
        	_, _, _ = w, cfg, logger
        }
    """)
    handlers = {(f.line, f.get("handler")): f for f in of(found, "log.handler")}
    assert set(handlers) == {
        (14, "log.SetOutput(file)"),
        (15, "lumberjack.Logger"),
        (16, "zap.Config"),
        (16, "zap.OutputPaths(file)"),
        (17, "slog.Handler"),
    }
    assert handlers[(14, "log.SetOutput(file)")].get("target") == V(
        {"source": "literal", "value": "/var/log/app/app.log"}
    )
    assert handlers[(15, "lumberjack.Logger")].get("rotation") is True
    assert handlers[(17, "slog.Handler")].get("stream") == "stdout"
    assert of(found, "log.print") == []  # the standard logger was sent to a file


def test_print_is_recorded_once_with_its_stream():
    found = facts("""
        package main

        import ("fmt"; "os")

        func main() {
        	fmt.Fprintln(os.Stderr, "starting")
        	fmt.Println("ready")
        }
    """)
    prints = of(found, "log.print")
    assert len(prints) == 1 and prints[0].line == 6 and prints[0].get("stream") == "stderr"


def test_global_loggers_of_logrus_and_zerolog_write_to_stderr_unless_redirected():
    logrus = of(
        facts("""
        package main

        import log "github.com/sirupsen/logrus"

        func main() {
        	log.WithFields(log.Fields{"port": 8080}).Info("starting")
        }
    """),
        "log.print",
    )
    assert [(f.get("api"), f.get("stream")) for f in logrus] == [("log.WithFields", "stderr")]
    zerolog = of(
        facts("""
        package main

        import "github.com/rs/zerolog/log"

        func main() { log.Info().Msg("up") }
    """),
        "log.print",
    )
    assert [f.get("stream") for f in zerolog] == ["stderr"]
    redirected = of(
        facts("""
        package main

        import ("os"; "github.com/sirupsen/logrus")

        func main() {
        	f, _ := os.OpenFile("app.log", os.O_CREATE|os.O_WRONLY, 0o644)
        	logrus.SetOutput(f)
        	logrus.Info("up")
        }
    """),
        "log.print",
    )
    assert redirected == []
    # a method of the app's own value is not a logger
    assert of(facts("package main\n\nfunc main() { store.Error(nil) }\n"), "log.print") == []


# --- processes, files, schedulers, commands, state -------------------------------------------------------


def test_exec_command_file_writes_cron_cobra_and_global_state():
    found = facts("""
        package main

        import (
        	"net/http"
        	"os"
        	"os/exec"

        	"github.com/robfig/cron/v3"
        	"github.com/spf13/cobra"
        )

        var seen = map[string]int{}

        var migrate = &cobra.Command{Use: "migrate [dir]", RunE: runMigrate}

        func upload(w http.ResponseWriter, r *http.Request) {
        	seen[r.URL.Path]++
        	seen[r.URL.Path] = 1
        	os.WriteFile("uploads/"+r.FormValue("name"), nil, 0o644)
        	os.WriteFile(os.TempDir()+"/scratch", nil, 0o600)
        	exec.Command("sh", "-c", "convert in.png out.jpg").Run()
        	exec.CommandContext(r.Context(), "/usr/bin/ffmpeg", "-i", "x").Run()
        }

        func main() {
        	c := cron.New()
        	c.AddFunc("@hourly", func() {})
        	c.Start()
        }
    """)
    spawns = of(found, "process.spawn")
    assert [(f.line, f.get("program"), f.get("shell")) for f in spawns] == [
        (21, "convert", True),
        (22, "ffmpeg", False),
    ]
    writes = of(found, "file.write")
    assert [(f.line, f.get("tmp"), f.get("in_route")) for f in writes] == [(19, False, True), (20, True, True)]
    assert writes[0].get("upload") is True
    command = one(found, "cli.command")
    assert command.line == 14 and command.get("name") == "migrate" and command.get("function") == "runMigrate"
    scheduler = one(found, "scheduler")
    assert scheduler.line == 26 and scheduler.get("api") == "cron.New" and scheduler.get("started")
    state = one(found, "state.global")
    assert state.get("name") == "seen" and state.line == 18 and state.get("declared") == 12 and state.get("in_route")


def test_empty_and_irrelevant_files_give_no_facts():
    assert facts("") == []
    assert facts("package util\n\nfunc Add(a, b int) int { return a + b }\n") == []


# --- datastores on the process's disk --------------------------------------------------------------------


def test_gorm_v1_string_dialect_names_the_service_and_the_file():
    found = facts("""
        package main

        import "github.com/jinzhu/gorm"

        func main() {
            db, _ := gorm.Open("sqlite3", "./../gorm.db")
            pg, _ := gorm.Open("postgres", os.Getenv("DATABASE_URL"))
        }
    """)
    clients = {f.line: f for f in of(found, "client")}
    assert clients[6].get("service") == "sqlite"
    assert [(a.key, a.value) for a in clients[6].data.args] == [("driver", "sqlite3"), ("dsn", "./../gorm.db")]
    assert clients[7].get("service") == "postgresql"


def test_embedded_databases_opened_on_a_file():
    found = facts("""
        package main

        import (
            bolt "go.etcd.io/bbolt"
            "github.com/dgraph-io/badger/v4"
        )

        func main() {
            db, _ := bolt.Open("data/app.db", 0600, nil)
            kv, _ := badger.Open(badger.DefaultOptions("data/kv"))
            mem, _ := badger.Open(badger.DefaultOptions("").WithInMemory(true))
        }
    """)
    stores = {f.line: (f.get("library"), f.data.target.value) for f in of(found, "state.embedded_store")}
    assert stores == {9: ("boltdb", "data/app.db"), 10: ("badger", "data/kv")}


def test_admin_flags_are_commands_and_other_flags_are_not():
    found = facts(
        """
        package cli

        import "flag"

        func Parse() {
            flag.BoolVar(&migrate, "migrate", false, "run migrations")
            flag.BoolVar(&createAdmin, "create-admin", false, "create an admin")
            flag.BoolVar(&version, "version", false, "print the version")
            flag.StringVar(&configFile, "config-file", "", "path")
            export := flag.String("export-user-feeds", "", "user")
            _ = export
        }
    """,
        "internal/cli/cli.go",
    )
    assert [(f.line, f.get("name")) for f in of(found, "cli.command")] == [
        (6, "-migrate"),
        (7, "-create-admin"),
        (10, "-export-user-feeds"),
    ]


def test_schema_autosync_and_ddl_strings():
    found = facts("""
        package main

        var schema = `CREATE TABLE users (id serial primary key);`
        var other = `CREATE TABLE posts (id serial primary key);`

        func main() {
            db, _ := gorm.Open(postgres.Open(dsn), &gorm.Config{})
            db.AutoMigrate(&User{})
        }
    """)
    autosync = one(found, "schema.autosync")
    assert autosync.line == 8 and autosync.get("api") == "AutoMigrate" and autosync.get("function") == "main"
    assert [f.line for f in of(found, "schema.migration")] == [3]  # one per file


def test_gorm_v1_string_dialect_names_the_engine_and_the_file():
    found = facts(
        """
        package common

        func Init() *gorm.DB {
            db, _ := gorm.Open("sqlite3", "./../gorm.db")
            return db
        }

        func Remote() *gorm.DB {
            db, _ := gorm.Open("postgres", os.Getenv("DATABASE_URL"))
            return db
        }
    """,
        "common/database.go",
    )
    clients = of(found, "client")
    assert [c.get("service") for c in clients] == ["sqlite", "postgresql"]
    assert [a.value for a in clients[0].data.args if a.key == "dsn"] == ["./../gorm.db"]
    assert [a.source for a in clients[1].data.args if a.key == "dsn"] == ["env"]


def test_embedded_key_value_stores_in_a_file():
    found = facts(
        """
        package store

        func open() {
            db, _ := bolt.Open("data/my.db", 0600, nil)
            kv, _ := badger.Open(badger.DefaultOptions("/var/lib/app/badger"))
            mem, _ := badger.Open(badger.DefaultOptions("").WithInMemory(true))
            tmp, _ := buntdb.Open(":memory:")
        }
    """,
        "store/store.go",
    )
    assert [(f.get("format"), f.get("target")) for f in of(found, "state.file_store")] == [
        ("bolt", '"data/my.db"'),
        ("badger", '"/var/lib/app/badger"'),
    ]
