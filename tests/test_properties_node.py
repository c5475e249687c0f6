"""The Node.js extractors never raise on arbitrary or mutated input, except the documented parse
errors of JSON formats (ValueError, RecursionError on absurd nesting), which go to coverage."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twelve.facts import javascript, nodemanifests
from twelve.facts.base import Source
from twelve.model import Scope

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
texty = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
JSON_ERRORS = (ValueError, RecursionError)

JS_SEED = """const express = require("express");
const { Pool } = require("pg");
const session = require("express-session");
const winston = require("winston");
const { exec } = require("child_process");
const { PORT = 3000, DATABASE_URL } = process.env;
const app = express();
const pool = new Pool({ connectionString: DATABASE_URL, password: "hunter2hunter2" });
app.use(session({ secret: "keyboard cat" }));
new winston.transports.File({ filename: "logs/app.log" });
const cache = new Map();
app.post("/x", (req, res) => { cache.set(req.id, 1); exec(`convert ${req.file}`); });
["SIGTERM"].forEach((s) => process.on(s, () => server.close()));
const server = app.listen(process.env.PORT || 3000, "0.0.0.0");
"""
TS_SEED = """import { NestFactory } from "@nestjs/core";
import { Cron } from "@nestjs/schedule";
import { cleanEnv, str } from "envalid";
export const env = cleanEnv(process.env, { DATABASE_URL: str({ default: "postgres://x" }) });
export class Jobs { constructor(private readonly configService: ConfigService) {}
  @Cron("* * * * *") run() { return this.configService.get<string>("X", "y"); } }
async function bootstrap() { const app = await NestFactory.create(AppModule); app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT) ?? 3000); }
"""
PM2_SEED = """module.exports = { apps: [{ name: "api", script: "server.js", instances: 2, out_file: "/var/log/a.log" }] };\n"""
PACKAGE_SEED = """{"name": "x", "scripts": {"start": "node server.js"}, "dependencies": {"express": "^4.0.0"},
"devDependencies": {"jest": "29.0.0"}, "engines": {"node": "20"}, "workspaces": ["a"]}"""
YARN_SEED = '"@a/b@^1.0.0", c@2:\n  version "1.0.0"\n__metadata:\n  version: 8\n'
PNPM_SEED = "lockfileVersion: '9.0'\npackages:\n  '@a/b@1.0.0':\n    resolution: {}\n  /c/1.0.0:\n    x: y\n"
BUN_SEED = '{\n  "packages": {\n    "express": ["express@4.19.2", "", {}],\n  }\n}\n'
NPM_SEED = '{"lockfileVersion": 3, "packages": {"": {}, "node_modules/a": {}}, "dependencies": {"b": {"dependencies": {}}}}'


def _mutations(seed: str):
    return st.builds(lambda cut, junk, pos: seed[:pos] + junk + seed[pos + cut:],
                     st.integers(0, 30), texty, st.integers(0, len(seed)))


def _run(module, kind: str, text: str, path: str, allowed: tuple[type[BaseException], ...] = ()) -> None:
    try:
        facts = module.extract(Source(path, text, kind, Scope.PRODUCTION))
    except allowed:
        return
    assert isinstance(facts, list)
    for fact in facts:
        assert isinstance(fact.data, dict)


@FAST
@given(st.one_of(texty, _mutations(JS_SEED)))
def test_javascript_extractor_never_raises(text):
    _run(javascript, "javascript", text, "server.js")
    _run(javascript, "javascript", text, "component.jsx")


@FAST
@given(st.one_of(texty, _mutations(TS_SEED)))
def test_typescript_extractor_never_raises(text):
    _run(javascript, "typescript", text, "src/main.ts")
    _run(javascript, "typescript", text, "src/page.tsx")


@FAST
@given(st.one_of(texty, _mutations(PM2_SEED)))
def test_pm2_ecosystem_files_never_raise(text):
    _run(javascript, "pm2_config", text, "ecosystem.config.js")
    _run(nodemanifests, "pm2_config", text, "ecosystem.config.js")


@FAST
@given(st.one_of(texty, _mutations(PACKAGE_SEED)))
def test_package_json_raises_only_json_errors(text):
    _run(nodemanifests, "package_json", text, "package.json", JSON_ERRORS)


@FAST
@given(st.one_of(texty, _mutations(NPM_SEED)))
def test_npm_lock_raises_only_json_errors(text):
    _run(nodemanifests, "node_lock", text, "package-lock.json", JSON_ERRORS)


@FAST
@given(st.one_of(texty, _mutations(YARN_SEED), _mutations(PNPM_SEED), _mutations(BUN_SEED)))
def test_text_locks_never_raise(text):
    _run(nodemanifests, "node_lock", text, "yarn.lock")
    _run(nodemanifests, "node_lock", text, "pnpm-lock.yaml")
    _run(nodemanifests, "node_lock", text, "bun.lock")


@FAST
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
                    max_leaves=30))
def test_package_json_of_any_json_shape(value):
    import json

    _run(nodemanifests, "package_json", json.dumps({"dependencies": value, "scripts": value, "engines": value,
                                                    "workspaces": value, "name": value}), "package.json", JSON_ERRORS)
    _run(nodemanifests, "node_lock", json.dumps({"packages": value, "dependencies": value, "lockfileVersion": value}),
         "package-lock.json", JSON_ERRORS)


PRISMA_SEED = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL") // x\n  directUrl = "postgres://a:b@h/d"\n}\n'


@FAST
@given(st.one_of(texty, _mutations(PRISMA_SEED)))
def test_prisma_schema_never_raises(text):
    _run(nodemanifests, "prisma_schema", text, "prisma/schema.prisma")
