"""Arbitrary and mutated input never makes a Go parser raise anything but its documented parse error."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fuzzing import FAST, mutations, run_extractor, texty
from twelve.facts import connstrings, golang, gomanifests

SEEDS = {
    "go": (
        'package main\nimport ("os"; "net/http"; "os/signal"; "syscall"; "database/sql")\n'
        'const apiKey = "sk_live_abcdefabcdef1234"\nvar cache = map[string]int{}\n'
        "func getenv(k, d string) string { if v, ok := os.LookupEnv(k); ok { return v }; return d }\n"
        'func main() {\n\tport := os.Getenv("PORT")\n\tif port == "" { port = "8080" }\n'
        '\tsrv := &http.Server{Addr: ":" + port}\n\tsignal.Notify(c, syscall.SIGTERM)\n'
        '\tsql.Open("postgres", "host=x password=Xk9vQ2mL7pT4")\n\tf, _ := os.OpenFile("a.log", os.O_CREATE, 0)\n'
        '\tlog.SetOutput(f)\n\tcache["a"] = 1\n\tgo srv.ListenAndServe()\n\tsrv.Shutdown(ctx)\n}\n'
    ),
    "go_mod": "module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.0.0 // indirect\n)\nreplace a => ../a\n",
    "go_sum": "github.com/a/b v1.0.0 h1:abc=\ngithub.com/a/b v1.0.0/go.mod h1:def=\n",
}


@FAST
@given(st.one_of(texty, mutations(SEEDS["go"])))
def test_go_extractor_never_raises(text):
    run_extractor(golang, "go", text, "main.go")


@FAST
@given(st.one_of(texty, mutations(SEEDS["go_mod"])))
def test_go_mod_and_go_work_raise_only_value_errors(text):
    run_extractor(gomanifests, "go_mod", text, "go.mod", (ValueError,))
    run_extractor(gomanifests, "go_mod", text, "go.work", (ValueError,))


@FAST
@given(st.one_of(texty, mutations(SEEDS["go_sum"])))
def test_go_sum_raises_only_value_errors(text):
    run_extractor(gomanifests, "go_sum", text, "go.sum", (ValueError,))


@FAST
@given(texty)
def test_scrub_never_raises_and_keeps_text_outside_secrets(text):
    cleaned = connstrings.scrub(text)
    assert isinstance(cleaned, str)
    if (
        "password" not in text.lower()
        and "pwd" not in text.lower()
        and "@" not in text
        and "passwd" not in text.lower()
    ):
        assert cleaned == text
