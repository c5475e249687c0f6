"""Facts from JavaScript/TypeScript source (facts/javascript.py): kinds, data keys and lines."""

from __future__ import annotations

from helpers import extract_text, of, one
from twelve.facts.model import Value

MODULE = "twelve.facts.javascript"


def V(plain: dict) -> Value:
    """The Value a test expects, written in its plain form."""
    return Value.from_plain(plain)


def facts(text: str, path: str = "server.js", kind: str | None = None):
    return extract_text(MODULE, path, text, kind)


# --- environment ------------------------------------------------------------------------------------


def test_env_reads_member_subscript_and_fallbacks():
    found = facts("""
        const port = process.env.PORT || 3000;
        const db = process.env["DATABASE_URL"];
        const level = Number(process.env.LOG_LEVEL) ?? 2;
        process.env.TZ = "UTC";
    """)
    reads = {f.get("name"): f for f in of(found, "env.read")}
    assert set(reads) == {"PORT", "DATABASE_URL", "LOG_LEVEL"}  # the write to TZ is not a read
    assert reads["PORT"].line == 1 and reads["PORT"].get("has_default") and reads["PORT"].get("default") == "3000"
    assert reads["DATABASE_URL"].line == 2 and not reads["DATABASE_URL"].get("has_default")
    assert reads["LOG_LEVEL"].get("default") == "2"
    assert all(f.get("lang") == "javascript" and f.get("api") == "process.env" for f in reads.values())


def test_env_destructuring_with_defaults_and_renames():
    found = facts("""
        const {
          DATABASE_URL,
          PORT = "8080",
          REDIS_URL: redisUrl,
        } = process.env;
    """)
    reads = {f.get("name"): f for f in of(found, "env.read")}
    assert set(reads) == {"DATABASE_URL", "PORT", "REDIS_URL"}
    assert (reads["PORT"].line, reads["PORT"].get("default")) == (3, "8080")
    assert reads["REDIS_URL"].line == 4


def test_secret_fallback_is_masked_and_graded():
    read = one(facts('const secret = process.env.JWT_SECRET || "9f8e7d6c5b4a39281706f5e4d3c2b1a0";'), "env.read")
    assert read.get("default_grade") == "secret"
    assert "9f8e7d6c5b4a39281706f5e4d3c2b1a0" not in str(read.data) and "9f8e7d6c" not in read.excerpt


def test_nest_config_service_reads():
    found = facts(
        """
        import { ConfigService } from "@nestjs/config";
        export class Db {
          constructor(private readonly configService: ConfigService) {}
          url() { return this.configService.get<string>("DATABASE_URL", "postgres://localhost/dev"); }
          port() { return this.configService.getOrThrow("PORT"); }
        }
    """,
        "src/db.service.ts",
    )
    reads = {f.get("name"): f for f in of(found, "env.read")}
    assert reads["DATABASE_URL"].get("api") == "ConfigService.get" and reads["DATABASE_URL"].get("has_default")
    assert reads["DATABASE_URL"].line == 4 and reads["PORT"].line == 5
    assert reads["PORT"].get("lang") == "typescript"


def test_envalid_and_zod_schemas_declare_variables():
    found = facts(
        """
        import { cleanEnv, str, port } from "envalid";
        import { z } from "zod";
        export const env = cleanEnv(process.env, {
          DATABASE_URL: str(),
          PORT: port({ default: 3000 }),
        });
        const Schema = z.object({ REDIS_URL: z.string().url(), level: z.string() });
        export const extra = Schema.parse(process.env);
    """,
        "src/env.ts",
    )
    reads = {(f.get("name"), f.get("api")): f for f in of(found, "env.read")}
    assert ("DATABASE_URL", "envalid.cleanEnv") in reads and ("REDIS_URL", "zod") in reads
    assert (
        reads[("PORT", "envalid.cleanEnv")].get("default") == "3000" and reads[("PORT", "envalid.cleanEnv")].line == 5
    )
    assert not any(name == "level" for name, _api in reads)  # only UPPER_CASE keys are variables


def test_zod_object_without_env_validation_is_not_a_read():
    found = facts(
        'import { z } from "zod";\nconst Body = z.object({ TITLE: z.string() });\nBody.parse(req.body);\n', "a.ts"
    )
    assert of(found, "env.read") == []


# --- imports --------------------------------------------------------------------------------------------


def test_imports_and_requires():
    found = facts(
        """
        import express from "express";
        import type { Request } from "express-serve-static-core";
        import { Injectable } from "@nestjs/common/decorators";
        import fs = require("node:fs");
        const { Pool } = require("pg");
        const local = require("./db");
        let sharp;
        try { sharp = require("sharp"); } catch (e) {}
        function later() { return import("lodash"); }
    """,
        "src/main.ts",
    )
    imports = {f.line: f for f in of(found, "import")}
    assert imports[1].get("modules") == ["express"] and imports[1].get("lang") == "typescript"
    assert imports[2].get("type_checking") is True
    assert imports[3].get("modules") == ["@nestjs/common"]
    assert imports[4].get("modules") == ["fs"]
    assert imports[5].get("modules") == ["pg"]
    assert imports[6].get("relative") is True
    assert imports[8].get("optional") is True
    assert imports[9].get("in_function") is True and imports[9].get("modules") == ["lodash"]


# --- backing services -------------------------------------------------------------------------------------


def test_clients_are_recognised_through_their_imports():
    found = facts("""
        const { Pool } = require("pg");
        const mongoose = require("mongoose");
        const { createClient } = require("redis");
        const knex = require("knex");
        const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
        mongoose.connect("mongodb://admin:Pa55w0rd-2024@mongo.example.com/shop");
        const redis = createClient({ url: process.env.REDIS_URL });
        const db = knex({ client: "mysql2", connection: { host: process.env.DB_HOST, password: "hunter2hunter2" } });
    """)
    clients = {f.line: f for f in of(found, "client")}
    assert clients[5].get("service") == "postgresql"
    assert clients[5].get("args") == [
        V(
            {
                "key": "connectionString",
                "source": "env",
                "env_name": "DATABASE_URL",
                "env_has_default": False,
                "env_default": None,
            }
        )
    ]
    mongo = clients[6]
    assert mongo.get("service") == "mongodb" and "Pa55w0rd-2024" not in str(mongo.data)
    assert (
        mongo.get("args")[0]["value"].startswith("mongodb://admin:")
        and "@mongo.example.com/shop" in mongo.get("args")[0]["value"]
    )
    assert clients[7].get("service") == "redis" and clients[7].get("args")[0]["env_name"] == "REDIS_URL"
    knex_client = clients[8]
    assert knex_client.get("service") == "mysql"
    assert {a["key"]: a["source"] for a in knex_client.get("args")} == {"host": "env", "password": "literal"}
    # the options passed to a client are not repeated as settings
    assert [f for f in of(found, "config.assign") if f.line == 8] == []


def test_sequelize_positional_credentials_and_typeorm_flavour():
    found = facts(
        """
        import { Sequelize } from "sequelize";
        import { DataSource } from "typeorm";
        const seq = new Sequelize("shop", "admin", "S3cure-Passw0rd", { host: "db", dialect: "postgres" });
        export const ds = new DataSource({ type: "mysql", url: process.env.DATABASE_URL });
    """,
        "db.ts",
    )
    clients = {f.line: f for f in of(found, "client")}
    assert clients[3].get("service") == "postgresql"
    password = next(a for a in clients[3].get("args") if a["key"] == "password")
    assert password["grade"] == "secret" and "S3cure-Passw0rd" not in str(password)
    assert clients[4].get("service") == "mysql"


def test_mongolass_connects_through_its_instance():
    found = facts(
        """
        const config = require('config-lite')(__dirname)
        const Mongolass = require('mongolass')
        const mongolass = new Mongolass()
        mongolass.connect(config.mongodb)
    """,
        "lib/mongo.js",
    )
    client = one(found, "client")
    assert (
        client.line == 4 and client.get("service") == "mongodb" and client.get("api") == "mongolass:mongolass.connect"
    )
    assert client.get("args") == [V({"key": "0", "source": "other", "text": "config.mongodb"})]


def test_a_datastore_url_is_a_setting_whatever_its_key_and_function_local_objects_say_so():
    found = facts(
        """
        module.exports = {
          port: 3000,
          mongodb: 'mongodb://localhost:27017/blog',
        }
        const CACHE = 'redis://cache.internal:6379'
        async function me(token) {
          return axios({ url: 'https://api.github.com/user', headers: { Authorization: token } })
        }
    """,
        "config/default.js",
    )
    settings = {f.line: f for f in of(found, "config.assign")}
    assert settings[3].get("name") == "mongodb" and settings[3].get("value") == "mongodb://localhost:27017/blog"
    assert not settings[3].get("in_function")
    assert settings[5].get("name") == "CACHE" and settings[5].get("container") == "module"
    assert settings[7].get("name") == "url" and settings[7].get("in_function") is True
    assert 2 not in settings  # a port is not a locator


def test_a_class_named_like_a_client_from_another_module_is_not_a_client():
    found = facts(
        'const { Pool } = require("./my-pool");\nconst p = new Pool({ size: 3 });\nconst c = createClient();\n'
    )
    assert of(found, "client") == []


# --- settings --------------------------------------------------------------------------------------------


def test_literal_secrets_in_objects_variables_and_arguments():
    found = facts("""
        const jwt = require("jsonwebtoken");
        const JWT_SECRET = "a-very-long-signing-key-2024";
        app.use(session({ secret: "keyboard cat", resave: false }));
        const token = jwt.sign({ sub: 1 }, "another-signing-key-99");
        const options = { apiKey: process.env.API_KEY, host: "0.0.0.0", token: makeToken() };
    """)
    settings = {(f.line, f.get("path")): f for f in of(found, "config.assign")}
    assert (
        settings[(2, "JWT_SECRET")].get("container") == "module"
        and settings[(2, "JWT_SECRET")].get("grade") == "secret"
    )
    assert settings[(3, "session.secret")].get("source") == "literal"
    assert settings[(4, "jwt.sign(secret)")].get("container") == "argument"
    assert settings[(5, "options.apiKey")].get("source") == "env"
    assert "a-very-long-signing-key-2024" not in str([f.data for f in of(found, "config.assign")])
    # a bind address and a computed token are not deploy settings
    assert {f.get("name") for f in of(found, "config.assign") if f.line == 5} == {"apiKey"}


# --- servers, signals, shutdown --------------------------------------------------------------------------


def test_listen_ports_and_hosts():
    found = facts("""
        const express = require("express");
        const http = require("http");
        const app = express();
        const port = normalizePort(process.env.PORT || "3000");
        app.listen(port);
        http.createServer(app).listen(8080, "127.0.0.1");
        fastify.listen({ port: Number(process.env.PORT ?? 3000), host: "0.0.0.0" });
    """)
    runs = {f.line: f for f in of(found, "server.run")}
    assert runs[5].get("port") == V(
        {"source": "env", "env_name": "PORT", "env_has_default": True, "env_default": "3000"}
    )
    assert runs[5].get("host") == V({"source": "default"}) and runs[5].get("api") == "app.listen"
    assert runs[6].get("port") == V({"source": "literal", "value": 8080})
    assert runs[6].get("host") == V({"source": "literal", "value": "127.0.0.1"})
    assert runs[6].get("api") == "http.createServer(…).listen"
    assert runs[7].get("host")["value"] == "0.0.0.0" and runs[7].get("port")["env_name"] == "PORT"


def test_listen_without_any_server_context_is_not_a_server():
    assert of(facts("queue.listen(onMessage);\n"), "server.run") == []


def test_nest_bootstrap_listen_and_shutdown_hooks():
    found = facts(
        """
        import { NestFactory } from "@nestjs/core";
        async function bootstrap() {
          const app = await NestFactory.create(AppModule);
          app.enableShutdownHooks();
          await app.listen(process.env.PORT ?? 3000);
        }
    """,
        "src/main.ts",
    )
    assert one(found, "web.app").get("framework") == "nestjs"
    assert one(found, "shutdown.hook").line == 4
    assert one(found, "server.run").get("port")["env_name"] == "PORT"


def test_sigterm_handlers_drain_or_exit():
    found = facts("""
        const server = app.listen(3000);
        function shutdown() {
          server.close(() => process.exit(0));
        }
        ["SIGTERM", "SIGINT"].forEach((signal) => process.on(signal, shutdown));
        process.once("SIGUSR2", () => process.exit(0));
        process.on("SIGTERM", () => { console.log("bye"); process.exit(1); });
        process.on("exit", () => {});
    """)
    handlers = [
        (f.line, f.get("signal"), f.get("drains"), f.get("exits_immediately")) for f in of(found, "signal.handler")
    ]
    assert (5, "SIGTERM", True, False) in handlers and (5, "SIGINT", True, False) in handlers
    assert (6, "SIGUSR2", False, True) in handlers
    assert (7, "SIGTERM", False, True) in handlers
    assert not any(h[1] == "exit" for h in handlers)


def test_shutdown_libraries_need_their_module():
    found = facts("""
        const { createTerminus } = require("@godaddy/terminus");
        createTerminus(server, { onSignal: cleanup });
        function stoppable(x) { return x; }
        stoppable(server);
    """)
    assert [(f.line, f.get("api")) for f in of(found, "shutdown.hook")] == [(2, "@godaddy/terminus createTerminus")]


# --- logs ------------------------------------------------------------------------------------------------


def test_winston_transports():
    found = facts("""
        const winston = require("winston");
        require("winston-daily-rotate-file");
        const logger = winston.createLogger({
          transports: [
            new winston.transports.Console(),
            new winston.transports.File({ filename: "logs/error.log", level: "error" }),
            new winston.transports.DailyRotateFile({ filename: "app-%DATE%.log", maxFiles: "14d" }),
          ],
        });
    """)
    handlers = {f.line: f for f in of(found, "log.handler")}
    assert (
        handlers[5].get("handler") == "winston.Console"
        and handlers[5].get("stream") == "stdout"
        and not handlers[5].get("file")
    )
    assert handlers[6].get("file") is True and handlers[6].get("target") == V(
        {"source": "literal", "value": "logs/error.log"}
    )
    assert handlers[7].get("rotation") is True and handlers[7].get("handler") == "winston.DailyRotateFile"


def test_log4js_bunyan_pino_morgan_and_write_streams():
    found = facts("""
        const log4js = require("log4js");
        const bunyan = require("bunyan");
        const pino = require("pino");
        const morgan = require("morgan");
        const fs = require("fs");
        log4js.configure({
          appenders: { out: { type: "stdout" }, app: { type: "file", filename: "app.log", maxLogSize: 10485760 } },
          categories: { default: { appenders: ["out", "app"], level: "info" } },
        });
        const b = bunyan.createLogger({ name: "api", streams: [{ path: "/var/log/api.log" }] });
        const p = pino();
        const f = pino(pino.destination("./logs/app.log"));
        const accessLog = fs.createWriteStream("./access.log", { flags: "a" });
        app.use(morgan("combined", { stream: accessLog }));
    """)
    handlers = {(f.line, f.get("handler")): f for f in of(found, "log.handler")}
    assert handlers[(7, "log4js.stdout")].get("stream") == "stdout"
    assert handlers[(7, "log4js.file")].get("file") and handlers[(7, "log4js.file")].get("rotation")
    assert handlers[(10, "bunyan.file")].get("target")["value"] == "/var/log/api.log"
    assert handlers[(11, "pino")].get("stream") == "stdout"
    assert (12, "pino") not in handlers and handlers[(12, "pino.destination")].get("file")
    assert handlers[(13, "fs.createWriteStream")].get("file")
    morgan_fact = handlers[(14, "morgan(stream)")]
    assert morgan_fact.get("file") and morgan_fact.get("target")["value"] == "./access.log"


def test_pino_transport_targets_and_nest_logger():
    found = facts(
        """
        import pino from "pino";
        import { Logger } from "@nestjs/common";
        const t = pino.transport({ targets: [{ target: "pino/file", options: { destination: 1 } }, { target: "pino-roll", options: { file: "logs/app" } }] });
        const log = new Logger("Main");
    """,
        "main.ts",
    )
    handlers = {f.get("handler"): f for f in of(found, "log.handler")}
    assert handlers["pino/file"].get("stream") == "stdout" and not handlers["pino/file"].get("file")
    assert handlers["pino-roll"].get("file") and handlers["pino-roll"].get("rotation")
    assert handlers["nest.Logger"].get("stream") == "stdout"


def test_console_is_one_print_fact_per_file():
    found = facts('console.log("a");\nconsole.error("b");\n')
    assert [(f.line, f.get("stream")) for f in of(found, "log.print")] == [(1, "stdout")]


# --- state --------------------------------------------------------------------------------------------------


def test_sessions_and_their_stores():
    found = facts("""
        const session = require("express-session");
        const RedisStore = require("connect-redis")(session);
        const MemoryStore = require("memorystore")(session);
        const cookieSession = require("cookie-session");
        app.use(session({ secret: process.env.SESSION_SECRET }));
        app.use(session({ store: new RedisStore({ client }), secret: process.env.SESSION_SECRET }));
        app.use(session({ store: new MemoryStore({ checkPeriod: 86400000 }) }));
        app.use(cookieSession({ keys: [process.env.COOKIE_KEY] }));
    """)
    stores = {f.line: f for f in of(found, "session.store")}
    assert stores[5].get("store") == "memory" and stores[5].get("default") is True
    assert stores[6].get("store") == "redis" and stores[6].get("store_api") == "RedisStore (connect-redis)"
    assert stores[7].get("store") == "memory" and "memorystore" in stores[7].get("store_api")
    assert stores[8].get("store") == "cookie"


def test_session_store_chosen_by_an_environment_variable():
    found = facts("""
        const session = require("express-session");
        const RedisStore = require("connect-redis").default;
        const a = { secret: process.env.S };
        if (process.env.REDIS_HOST) {
          a.store = new RedisStore({ client });
        }
        app.use(session(a));
        const b = { secret: process.env.S };
        b.store = new RedisStore({ client });
        app.use(session(b));
        app.use(session({ store: process.env.REDIS_URL ? new RedisStore({ client }) : undefined }));
    """)
    stores = {f.line: f for f in of(found, "session.store")}
    assert stores[7].get("store") == "memory" and stores[7].get("alternative") == "redis"
    assert (
        stores[7].get("alternative_env") == "REDIS_HOST"
        and stores[7].get("alternative_api") == "RedisStore (connect-redis)"
    )
    assert stores[10].get("store") == "redis" and stores[10].get("alternative") is None
    assert stores[11].get("store") == "memory" and stores[11].get("alternative_env") == "REDIS_URL"


def test_uploads_and_local_writes():
    found = facts("""
        const multer = require("multer");
        const fs = require("fs");
        const os = require("os");
        const upload = multer({ dest: "uploads/" });
        const storage = multer.diskStorage({ destination: "/data/avatars" });
        const memory = multer({ storage: multer.memoryStorage() });
        app.post("/notes", (req, res) => {
          fs.writeFileSync(`data/${req.body.id}.json`, JSON.stringify(req.body));
          fs.writeFile(os.tmpdir() + "/scratch", "x", () => {});
        });
    """)
    writes = {f.line: f for f in of(found, "file.write")}
    assert set(writes) == {4, 5, 8, 9}
    assert writes[4].get("api") == "multer(dest)" and writes[4].get("upload") is True
    assert writes[5].get("target") == V({"source": "literal", "value": "/data/avatars"})
    assert writes[8].get("in_route") is True and writes[8].get("tmp") is False
    assert writes[9].get("tmp") is True


def test_module_state_mutated_in_a_route():
    found = facts("""
        const carts = new Map();
        const LIMITS = {};
        app.post("/cart", (req, res) => {
          carts.set(req.body.user, req.body.items);
          res.sendStatus(204);
        });
    """)
    state = one(found, "state.global")
    assert (state.line, state.get("name"), state.get("declared"), state.get("in_route")) == (4, "carts", 1, True)


# --- schedulers, shell-outs, apps ---------------------------------------------------------------------------


def test_schedulers():
    found = facts("""
        const cron = require("node-cron");
        const express = require("express");
        const app = express();
        cron.schedule("0 3 * * *", cleanup);
        setInterval(refreshCache, 60000);
        app.get("/poll", (req, res) => { setInterval(() => {}, 10); });
        function helper() { setInterval(x, 5); }
        app.listen(3000, () => { setInterval(report, 1000); });
    """)
    schedulers = [(f.line, f.get("api")) for f in of(found, "scheduler")]
    assert schedulers == [(4, "node-cron schedule"), (5, "setInterval"), (8, "setInterval")]
    assert all(f.get("web_app_in_file") for f in of(found, "scheduler"))


def test_nest_schedule_decorators():
    found = facts(
        """
        import { Cron, Interval } from "@nestjs/schedule";
        export class Jobs {
          @Cron("0 * * * *")
          hourly() {}
          @Interval(5000)
          poll() {}
        }
    """,
        "jobs.ts",
    )
    assert [(f.line, f.get("api")) for f in of(found, "scheduler")] == [
        (3, "@nestjs/schedule @Cron"),
        (5, "@nestjs/schedule @Interval"),
    ]


def test_shell_outs_name_their_program():
    found = facts(
        """
        const { exec, spawn } = require("child_process");
        const execa = require("execa");
        const { $ } = require("zx");
        exec("convert in.png out.jpg");
        spawn("ffmpeg", ["-i", "x"]);
        execa("git", ["pull"]);
        await $`pg_dump ${db} > dump.sql`;
    """,
        "jobs.mjs",
    )
    spawns = {f.line: f for f in of(found, "process.spawn")}
    assert (spawns[4].get("program"), spawns[4].get("shell")) == ("convert", True)
    assert (spawns[5].get("program"), spawns[5].get("shell")) == ("ffmpeg", False)
    assert spawns[6].get("program") == "git" and spawns[7].get("program") == "pg_dump"


def test_web_apps_need_their_framework_import():
    found = facts("""
        const express = require("express");
        const Koa = require("koa");
        const app = express();
        const koa = new Koa();
        const other = fastify();
    """)
    assert [(f.line, f.get("framework")) for f in of(found, "web.app")] == [(3, "express"), (4, "koa")]


def test_cli_commands_and_environment_branches():
    found = facts(
        """
        const { program } = require("commander");
        program.command("migrate").action(migrate);
        let url;
        if (process.env.NODE_ENV === "production") { url = "postgres://db.prod.internal/app"; } else { url = "sqlite::memory:"; }
    """,
        "cli.js",
    )
    assert one(found, "cli.command").get("name") == "migrate"
    branch = one(found, "env.branch")
    assert branch.line == 4 and branch.get("engines") == ["postgresql", "sqlite"]


def test_pm2_ecosystem_apps_and_log_files():
    found = facts(
        """
        module.exports = {
          apps: [
            {
              name: "api",
              script: "server.js",
              instances: "max",
              exec_mode: "cluster",
              out_file: "/var/log/api.out.log",
              error_file: "/dev/stderr",
            },
          ],
        };
    """,
        "ecosystem.config.js",
    )
    app = one(found, "pm2.app")
    assert (app.line, app.get("name"), app.get("script"), app.get("instances"), app.get("exec_mode")) == (
        3,
        "api",
        "server.js",
        "max",
        "cluster",
    )
    handlers = {f.get("handler"): f for f in of(found, "log.handler")}
    assert handlers["pm2.out_file"].get("file") is True and handlers["pm2.out_file"].line == 8
    assert handlers["pm2.error_file"].get("stream") == "stderr"


def test_tsx_files_parse_with_jsx():
    found = facts(
        """
        import express from "express";
        const page = <div>{process.env.NEXT_PUBLIC_TITLE}</div>;
    """,
        "pages/index.tsx",
    )
    assert one(found, "env.read").get("name") == "NEXT_PUBLIC_TITLE"


def test_empty_and_plain_files_give_nothing():
    assert facts("") == []
    assert facts("const a = 1;\n") == []


def test_enum_labels_named_like_secrets_are_not_graded():
    found = facts('const tokenTypes = { RESET_PASSWORD: "resetPassword", API_KEY: "k9$Xq2!vLp0wZr7" };\n')
    settings = {f.get("name"): f for f in of(found, "config.assign")}
    assert (
        settings["RESET_PASSWORD"].get("grade") is None and settings["RESET_PASSWORD"].get("value") == "resetPassword"
    )
    assert settings["API_KEY"].get("grade") == "secret"


def test_routers_and_non_string_flags_are_not_apps_or_secrets():
    found = facts(
        """
        import express, { Router } from "express";
        const router = Router();
        const api = express.Router();
        const user = await prisma.user.findUnique({ select: { password: true } });
    """,
        "routes.ts",
    )
    assert of(found, "web.app") == [] and of(found, "config.assign") == []


def test_embedded_stores_and_files_read_back():
    found = facts("""
        const fs = require("fs");
        const { JSONFile } = require("lowdb/node");
        const Datastore = require("nedb");
        const FILE = "./data/state.json";
        let state = JSON.parse(fs.readFileSync(FILE, "utf8"));
        function save() { fs.writeFileSync(FILE, JSON.stringify(state)); }
        const db = new Low(new JSONFile("db.json"), {});
        const users = new Datastore({ filename: "data/users.db" });
        const cache = new Datastore();
        function exportTo(out) { fs.writeFileSync(out, "x"); }
    """)
    stores = {
        f.line: (f.get("library"), f.data.target.value, f.get("read_line")) for f in of(found, "state.embedded_store")
    }
    assert stores == {
        6: ("file", "./data/state.json", 5),
        7: ("lowdb", "db.json", None),
        8: ("nedb", "data/users.db", None),
    }


def test_formidable_upload_dir_is_an_upload_write():
    found = facts("""
        const path = require("path");
        const os = require("os");
        app.use(require("express-formidable")({ uploadDir: path.join(__dirname, "public/img") }));
        const { formidable } = require("formidable");
        const scratch = formidable({ uploadDir: os.tmpdir() });
        const plain = formidable({ maxFileSize: 1000 });
    """)
    writes = {f.line: (f.get("api"), f.get("upload"), f.get("tmp")) for f in of(found, "file.write")}
    assert writes == {3: ("express-formidable(uploadDir)", True, False), 5: ("formidable(uploadDir)", True, True)}


def test_sequelize_sync_and_typeorm_synchronize_are_schema_syncs():
    found = facts(
        """
        const { Sequelize } = require('sequelize');
        const glob = require('glob');
        const sequelize = new Sequelize(process.env.DATABASE_URL);
        async function start() { await sequelize.sync({ alter: true }); }
        glob.sync('*.js');
    """,
        "db.js",
    )
    assert [(f.line, f.get("function")) for f in of(found, "schema.autosync")] == [(4, "start")]
    typeorm = facts(
        """
        import { DataSource } from "typeorm";
        export const ds = new DataSource({ type: "postgres", url: process.env.DATABASE_URL, synchronize: true });
    """,
        "db.ts",
    )
    assert [f.get("api") for f in of(typeorm, "schema.autosync")] == ["synchronize: true"]


def test_session_store_assigned_after_the_options_and_selected_by_an_env_variable():
    found = facts("""
        const session = require('express-session');
        const RedisStore = require('connect-redis').default;
        const options = { secret: process.env.SESSION_SECRET, resave: false };
        if (process.env.REDIS_URL) {
          options.store = new RedisStore({ client });
        }
        app.use(session(options));
    """)
    store = one(found, "session.store")
    assert (store.get("store"), store.get("alternative"), store.get("alternative_env")) == (
        "memory",
        "redis",
        "REDIS_URL",
    )


def test_session_store_assigned_unconditionally_is_the_store():
    found = facts("""
        const session = require('express-session');
        const RedisStore = require('connect-redis').default;
        const options = { secret: process.env.SESSION_SECRET };
        options.store = new RedisStore({ client });
        app.use(session(options));
        const other = session({ secret: 's', store: process.env.REDIS_URL ? new RedisStore({ client }) : undefined });
    """)
    stores = of(found, "session.store")
    assert [(s.get("store"), s.get("alternative")) for s in stores] == [("redis", None), ("memory", "redis")]


def test_embedded_databases_in_a_file():
    found = facts("""
        import { Low } from 'lowdb';
        import { JSONFile } from 'lowdb/node';
        const Datastore = require('nedb');
        const db = new Low(new JSONFile('data/db.json'), {});
        const users = new Datastore({ filename: 'data/users.db', autoload: true });
        const scratch = new Datastore({ inMemoryOnly: true });
    """)
    assert [(f.get("format"), f.get("target")) for f in of(found, "state.file_store")] == [
        ("lowdb", "'data/db.json'"),
        ("nedb", "'data/users.db'"),
    ]
