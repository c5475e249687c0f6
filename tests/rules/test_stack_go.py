"""Go stack rules (rules/stack_go.py): a firing and a near-miss test per rule."""

from __future__ import annotations

from helpers import fired, lines

GO_MOD = {"go.mod": """
    module github.com/acme/api

    go 1.22

    require github.com/jackc/pgx/v5 v5.5.5
    """}
GRACEFUL = {"main.go": """
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
    	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
    	defer stop()
    	go srv.ListenAndServe()
    	<-ctx.Done()
    	srv.Shutdown(context.Background())
    }
    """}
ABRUPT = {"main.go": """
    package main

    import "net/http"

    func main() {
    	http.ListenAndServe(":8080", nil)
    }
    """}


def _params(found, key):
    return [f.message.param_dict()[key] for f in found]


# --- F07-S3 / F07-S3b --------------------------------------------------------------------------------------


def test_s3_port_is_strong_from_env_and_moderate_when_fixed(tmp_path):
    found = fired(tmp_path / "a", {**GO_MOD, **GRACEFUL}, "F07-S3")
    assert lines(found) == {("main.go", 15)} and found[0].strength.value == "strong" and _params(found, "port") == ["$PORT"]
    fixed = fired(tmp_path / "b", {**GO_MOD, **ABRUPT}, "F07-S3")
    assert fixed[0].strength.value == "moderate" and _params(fixed, "port") == ["8080"]


def test_s3b_fires_for_a_literal_port_only(tmp_path):
    found = fired(tmp_path / "a", {**GO_MOD, **ABRUPT}, "F07-S3b")
    assert lines(found) == {("main.go", 6)} and _params(found, "port") == ["8080"]
    assert fired(tmp_path / "b", {**GO_MOD, **GRACEFUL}, "F07-S3b") == []


# --- F09-S3 / F09-S3b --------------------------------------------------------------------------------------


def test_s3_fires_for_notify_context_and_shutdown(tmp_path):
    found = fired(tmp_path, {**GO_MOD, **GRACEFUL}, "F09-S3")
    assert lines(found) == {("main.go", 13), ("main.go", 17)}
    assert _params(found, "signal") == ["signal.NotifyContext"] and _params(found, "hook") == ["srv.Shutdown"]


def test_s3_is_silent_when_the_handler_only_exits(tmp_path):
    files = {**GO_MOD, "main.go": """
        package main

        import ("os"; "os/signal"; "syscall"; "net/http")

        func main() {
        	c := make(chan os.Signal, 1)
        	signal.Notify(c, syscall.SIGTERM)
        	go func() { <-c; os.Exit(0) }()
        	http.ListenAndServe(":8080", nil)
        }
        """}
    assert fired(tmp_path, files, "F09-S3") == []


def test_s3b_fires_for_listen_and_serve_without_shutdown(tmp_path):
    found = fired(tmp_path / "a", {**GO_MOD, **ABRUPT}, "F09-S3b")
    assert lines(found) == {("main.go", 6)} and _params(found, "api") == ["http.ListenAndServe"]
    assert fired(tmp_path / "b", {**GO_MOD, **GRACEFUL}, "F09-S3b") == []


# --- F11-S3 / F11-S3b --------------------------------------------------------------------------------------


def test_s3_logs_fires_for_a_log_file_and_lumberjack(tmp_path):
    files = {**GO_MOD, "main.go": """
        package main

        import ("log"; "os"; "gopkg.in/natefinch/lumberjack.v2")

        func main() {
        	f, _ := os.OpenFile("app.log", os.O_CREATE|os.O_WRONLY, 0o644)
        	log.SetOutput(f)
        	log.SetOutput(&lumberjack.Logger{Filename: "/var/log/api.log"})
        }
        """}
    found = fired(tmp_path, files, "F11-S3")
    assert lines(found) == {("main.go", 7), ("main.go", 8)}
    assert sorted(_params(found, "target")) == ["/var/log/api.log", "app.log"]


def test_s3_logs_is_silent_and_s3b_fires_for_stdout(tmp_path):
    files = {**GO_MOD, "main.go": """
        package main

        import ("log"; "os")

        func main() {
        	log.SetOutput(os.Stdout)
        }
        """}
    assert fired(tmp_path / "a", files, "F11-S3") == []
    found = fired(tmp_path / "b", files, "F11-S3b")
    assert lines(found) == {("main.go", 6)} and _params(found, "evidence") == ["log.SetOutput → stdout"]


def test_s3b_is_silent_for_a_file_logger(tmp_path):
    files = {**GO_MOD, "main.go": 'package main\n\nimport ("log"; "os")\n\nfunc main() {\n\tf, _ := os.Create("x.log")\n\tlog.SetOutput(f)\n}\n'}
    assert fired(tmp_path, files, "F11-S3b") == []
