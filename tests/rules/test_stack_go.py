"""Go stack rules (rules/stack_go.py): a firing and a near-miss test per rule."""

from __future__ import annotations

from helpers import fired, lines

GO_MOD = {"go.mod": """
    module github.com/acme/api

    go 1.22

    require github.com/jackc/pgx/v5 v5.5.5
    """}
GO_SUM = {"go.sum": "github.com/jackc/pgx/v5 v5.5.5 h1:amBjrZVmksIdNjxGu/UpCDBp8Y/nxNSCb6xl5lcr7zE=\n"}
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


# --- F02-S4 / F02-S4b / F02-S4c ------------------------------------------------------------------------


def test_s4_fires_for_go_mod_with_committed_go_sum(tmp_path):
    found = fired(tmp_path, {**GO_MOD, **GO_SUM, **GRACEFUL}, "F02-S4")
    assert lines(found) == {("go.mod", 1), ("go.sum", 1)}
    assert _params(found, "lock") == ["go.sum"] and _params(found, "count") == ["1"]


def test_s4b_fires_without_go_sum_and_is_silent_with_it(tmp_path):
    found = fired(tmp_path / "a", {**GO_MOD, **GRACEFUL}, "F02-S4b")
    assert lines(found) == {("go.mod", 1)} and _params(found, "lock") == ["go.sum"]
    assert fired(tmp_path / "b", {**GO_MOD, **GO_SUM, **GRACEFUL}, "F02-S4b") == []
    no_requirements = {"go.mod": "module example.com/tool\n\ngo 1.22\n", **GRACEFUL}
    assert fired(tmp_path / "c", no_requirements, "F02-S4b") == []


def test_s4b_reports_an_ignored_go_sum(tmp_path):
    found = fired(tmp_path, {**GO_MOD, **GO_SUM, **GRACEFUL, ".gitignore": "go.sum\n"}, "F02-S4b")
    assert len(found) == 1 and found[0].message.key == "F02-S4b.message_ignored"


def test_s4c_fires_for_go_code_without_a_module(tmp_path):
    found = fired(tmp_path / "a", {**ABRUPT, "Dockerfile": "FROM golang:1.22\nCMD [\"/app\"]\n"}, "F02-S4c")
    assert lines(found) == {("main.go", None)} and _params(found, "files") == ["1"]
    assert fired(tmp_path / "b", {**GO_MOD, **ABRUPT}, "F02-S4c") == []


# --- F02-S18 --------------------------------------------------------------------------------------------


def test_s18_fires_for_a_static_build_on_distroless(tmp_path):
    dockerfile = {"Dockerfile": """
        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -mod=readonly -o /out/api .

        FROM gcr.io/distroless/static-debian12
        COPY --from=build /out/api /api
        ENTRYPOINT ["/api"]
        """}
    found = fired(tmp_path, {**GO_MOD, **GO_SUM, **GRACEFUL, **dockerfile}, "F02-S18")
    assert len(found) == 1 and {("Dockerfile", 4), ("Dockerfile", 6)} <= lines(found)
    assert _params(found, "how") == ["CGO_ENABLED=0, go build -mod=readonly, FROM gcr.io/distroless/static-debian12"]


def test_s18_is_silent_for_a_plain_golang_image(tmp_path):
    dockerfile = {"Dockerfile": "FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n"}
    assert fired(tmp_path, {**GO_MOD, **GO_SUM, **GRACEFUL, **dockerfile}, "F02-S18") == []


# --- F03-S4 ----------------------------------------------------------------------------------------------


def test_s4_config_fires_for_a_literal_dsn_and_a_secret_constant(tmp_path):
    files = {**GO_MOD, "main.go": """
        package main

        import "database/sql"

        const stripeKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dc9"

        func main() {
        	sql.Open("postgres", "postgres://orders:Xk9vQ2mL7pT4@db.internal:5432/orders")
        }
        """}
    found = fired(tmp_path, files, "F03-S4")
    assert lines(found) == {("main.go", 5), ("main.go", 8)}
    assert all("Xk9vQ2mL7pT4" not in v and "4eC39HqLyjWD" not in v for v in _params(found, "value"))
    assert "const stripeKey" in _params(found, "what")


def test_s4_config_is_silent_for_env_dsn_and_harmless_constants(tmp_path):
    files = {**GO_MOD, "main.go": """
        package main

        import ("database/sql"; "os")

        const version = "1.4.2"

        func main() {
        	sql.Open("pgx", os.Getenv("DATABASE_URL"))
        }
        """}
    assert fired(tmp_path, files, "F03-S4") == []




def test_s4_names_a_vendored_module_tree(tmp_path):
    files = {**GO_MOD, **GO_SUM, **GRACEFUL, "vendor/modules.txt": "# github.com/jackc/pgx/v5 v5.5.5\n## explicit\n"}
    found = fired(tmp_path, files, "F02-S4")
    assert found[0].message.key == "F02-S4.message_vendored" and _params(found, "vendor") == ["vendor"]
