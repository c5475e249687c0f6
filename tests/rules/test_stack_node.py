"""Node.js / TypeScript stack rules (rules/stack_node.py): a firing and a near-miss test per rule."""

from __future__ import annotations

from helpers import fired, lines

PACKAGE = {"package.json": """
    {
      "name": "api",
      "main": "server.js",
      "scripts": { "start": "node server.js" },
      "dependencies": { "express": "^4.19.2", "pg": "8.11.5" }
    }
    """}
LOCK = {"package-lock.json": '{"lockfileVersion": 3, "packages": {"": {}, "node_modules/express": {}, "node_modules/pg": {}}}\n'}
SERVER = {"server.js": """
    const express = require("express");
    const app = express();
    app.listen(process.env.PORT || 3000);
    """}


# --- F06-S2 -------------------------------------------------------------------------------------------


def test_express_session_default_memory_store(tmp_path):
    files = {**PACKAGE, **LOCK, "server.js": """
        const session = require("express-session");
        const MemoryStore = require("memorystore")(session);
        app.use(session({ secret: process.env.SECRET }));
        app.use(session({ store: new MemoryStore({ checkPeriod: 86400000 }), secret: process.env.SECRET }));
        """}
    found = fired(tmp_path, files, "F06-S2")
    assert lines(found) == {("server.js", 3), ("server.js", 4)}
    variants = {f.locations[0].line: f.message.key for f in found}
    assert variants == {3: "F06-S2.message", 4: "F06-S2.message_memorystore"}


def test_shared_store_or_cookie_sessions_are_fine(tmp_path):
    files = {**PACKAGE, **LOCK, "server.js": """
        const session = require("express-session");
        const RedisStore = require("connect-redis")(session);
        const cookieSession = require("cookie-session");
        app.use(session({ store: new RedisStore({ client }), secret: process.env.SECRET }));
        app.use(cookieSession({ keys: [process.env.KEY] }));
        """}
    assert fired(tmp_path, files, "F06-S2") == []


# --- F07-S2 -------------------------------------------------------------------------------------------


def test_port_from_environment(tmp_path):
    found = fired(tmp_path, {**PACKAGE, **LOCK, **SERVER}, "F07-S2")
    assert lines(found) == {("server.js", 3)}
    params = dict(found[0].message.params)
    assert (params["name"], params["fallback"], params["api"]) == ("PORT", " (fallback 3000)", "app.listen")


def test_literal_port_is_not_from_environment(tmp_path):
    files = {**PACKAGE, **LOCK, "server.js": "const app = require('express')();\napp.listen(3000);\n"}
    assert fired(tmp_path, files, "F07-S2") == []


# --- F09-S2 / F09-S2b ---------------------------------------------------------------------------------


def test_sigterm_handler_closing_the_server(tmp_path):
    files = {**PACKAGE, **LOCK, "server.js": """
        const express = require("express");
        const server = express().listen(process.env.PORT);
        process.on("SIGTERM", () => server.close(() => process.exit(0)));
        """}
    found = fired(tmp_path / "a", files, "F09-S2")
    assert lines(found) == {("server.js", 3)}
    assert fired(tmp_path / "b", files, "F09-S2b") == []


def test_nest_shutdown_hooks_count(tmp_path):
    files = {**PACKAGE, **LOCK, "src/main.ts": """
        import { NestFactory } from "@nestjs/core";
        async function bootstrap() {
          const app = await NestFactory.create(AppModule);
          app.enableShutdownHooks();
          await app.listen(3000);
        }
        bootstrap();
        """}
    assert lines(fired(tmp_path, files, "F09-S2")) == {("src/main.ts", 4)}


def test_node_server_without_sigterm_handler(tmp_path):
    found = fired(tmp_path, {**PACKAGE, **LOCK, **SERVER}, "F09-S2b")
    assert lines(found) == {("server.js", 3)}
    assert found[0].message.key == "F09-S2b.message"


def test_handler_that_neither_drains_nor_exits(tmp_path):
    files = {**PACKAGE, **LOCK, "server.js": """
        const app = require("express")();
        app.listen(process.env.PORT);
        process.on("SIGTERM", () => console.log("got SIGTERM"));
        """}
    found = fired(tmp_path / "a", files, "F09-S2b")
    assert found[0].message.key == "F09-S2b.message_nodrain" and ("server.js", 3) in lines(found)
    assert fired(tmp_path / "b", files, "F09-S2") == []


def test_handler_exiting_at_once_is_left_to_f09_s13(tmp_path):
    files = {**PACKAGE, **LOCK, "server.js": """
        const app = require("express")();
        app.listen(process.env.PORT);
        process.on("SIGTERM", () => process.exit(0));
        """}
    assert fired(tmp_path / "a", files, "F09-S2b") == []
    assert lines(fired(tmp_path / "b", files, "F09-S13")) == {("server.js", 3)}


# --- F11-S2 -------------------------------------------------------------------------------------------


def test_log_files(tmp_path):
    files = {**PACKAGE, **LOCK, "src/logger.js": """
        const winston = require("winston");
        const pino = require("pino");
        module.exports = winston.createLogger({
          transports: [new winston.transports.Console(), new winston.transports.File({ filename: "logs/app.log" })],
        });
        const audit = pino(pino.destination("/var/log/audit.log"));
        """}
    found = fired(tmp_path, files, "F11-S2")
    assert lines(found) == {("src/logger.js", 4), ("src/logger.js", 6)}
    targets = {dict(f.message.params)["target"] for f in found}
    assert targets == {"logs/app.log", "/var/log/audit.log"}


def test_stdout_loggers_and_test_files_are_fine(tmp_path):
    files = {**PACKAGE, **LOCK,
             "src/logger.js": """
                 const pino = require("pino");
                 module.exports = pino({ level: process.env.LOG_LEVEL || "info" });
                 """,
             "test/setup.js": """
                 const winston = require("winston");
                 new winston.transports.File({ filename: "test.log" });
                 """}
    assert fired(tmp_path, files, "F11-S2") == []
