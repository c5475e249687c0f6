"""The Node.js extractors never raise on arbitrary or mutated input, except the documented parse
errors of JSON formats (ValueError, RecursionError on absurd nesting), which go to coverage."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fuzzing import FAST, mutations, run_extractor, texty
from twelve.facts import javascript, nodemanifests

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
PM2_SEED = (
    """module.exports = { apps: [{ name: "api", script: "server.js", instances: 2, out_file: "/var/log/a.log" }] };\n"""
)
PACKAGE_SEED = """{"name": "x", "scripts": {"start": "node server.js"}, "dependencies": {"express": "^4.0.0"},
"devDependencies": {"jest": "29.0.0"}, "engines": {"node": "20"}, "workspaces": ["a"]}"""
YARN_SEED = '"@a/b@^1.0.0", c@2:\n  version "1.0.0"\n__metadata:\n  version: 8\n'
PNPM_SEED = "lockfileVersion: '9.0'\npackages:\n  '@a/b@1.0.0':\n    resolution: {}\n  /c/1.0.0:\n    x: y\n"
BUN_SEED = '{\n  "packages": {\n    "express": ["express@4.19.2", "", {}],\n  }\n}\n'
NPM_SEED = (
    '{"lockfileVersion": 3, "packages": {"": {}, "node_modules/a": {}}, "dependencies": {"b": {"dependencies": {}}}}'
)


@FAST
@given(st.one_of(texty, mutations(JS_SEED, cut=30)))
def test_javascript_extractor_never_raises(text):
    run_extractor(javascript, "javascript", text, "server.js")
    run_extractor(javascript, "javascript", text, "component.jsx")


@FAST
@given(st.one_of(texty, mutations(TS_SEED, cut=30)))
def test_typescript_extractor_never_raises(text):
    run_extractor(javascript, "typescript", text, "src/main.ts")
    run_extractor(javascript, "typescript", text, "src/page.tsx")


@FAST
@given(st.one_of(texty, mutations(PM2_SEED, cut=30)))
def test_pm2_ecosystem_files_never_raise(text):
    run_extractor(javascript, "pm2_config", text, "ecosystem.config.js")
    run_extractor(nodemanifests, "pm2_config", text, "ecosystem.config.js")


@FAST
@given(st.one_of(texty, mutations(PACKAGE_SEED, cut=30)))
def test_package_json_raises_only_json_errors(text):
    run_extractor(nodemanifests, "package_json", text, "package.json", JSON_ERRORS)


@FAST
@given(st.one_of(texty, mutations(NPM_SEED, cut=30)))
def test_npm_lock_raises_only_json_errors(text):
    run_extractor(nodemanifests, "node_lock", text, "package-lock.json", JSON_ERRORS)


@FAST
@given(st.one_of(texty, mutations(YARN_SEED, cut=30), mutations(PNPM_SEED, cut=30), mutations(BUN_SEED, cut=30)))
def test_text_locks_never_raise(text):
    run_extractor(nodemanifests, "node_lock", text, "yarn.lock")
    run_extractor(nodemanifests, "node_lock", text, "pnpm-lock.yaml")
    run_extractor(nodemanifests, "node_lock", text, "bun.lock")


@FAST
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
        max_leaves=30,
    )
)
def test_package_json_of_any_json_shape(value):
    import json

    run_extractor(
        nodemanifests,
        "package_json",
        json.dumps({"dependencies": value, "scripts": value, "engines": value, "workspaces": value, "name": value}),
        "package.json",
        JSON_ERRORS,
    )
    run_extractor(
        nodemanifests,
        "node_lock",
        json.dumps({"packages": value, "dependencies": value, "lockfileVersion": value}),
        "package-lock.json",
        JSON_ERRORS,
    )


PRISMA_SEED = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL") // x\n  directUrl = "postgres://a:b@h/d"\n}\n'


@FAST
@given(st.one_of(texty, mutations(PRISMA_SEED, cut=30)))
def test_prisma_schema_never_raises(text):
    run_extractor(nodemanifests, "prisma_schema", text, "prisma/schema.prisma")
