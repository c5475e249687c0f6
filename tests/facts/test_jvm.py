"""Facts from Java and Kotlin source (facts/jvm.py): kinds, data keys and lines."""

from __future__ import annotations

from helpers import extract_text, of, one
from twelve.facts.model import Value

MODULE = "twelve.facts.jvm"
JAVA = "src/main/java/com/acme/App.java"
KOTLIN = "src/main/kotlin/com/acme/App.kt"


def V(plain: dict) -> Value:
    """The Value a test expects, written in its plain form."""
    return Value.from_plain(plain)


def facts(text: str, path: str = JAVA):
    return extract_text(MODULE, path, text)


# --- environment and configuration ---------------------------------------------------------------


def test_env_reads_with_and_without_defaults_in_java():
    found = facts("""
        class Config {
            String db = System.getenv("DATABASE_URL");
            String port = System.getenv().getOrDefault("PORT", "8080");
            String tz = Optional.ofNullable(System.getenv("TZ")).orElse("UTC");
            Map<String, String> all = System.getenv();
        }
    """)
    reads = {f.get("name"): f for f in of(found, "env.read")}
    assert set(reads) == {"DATABASE_URL", "PORT", "TZ"}  # the whole map is not a read of one variable
    assert reads["DATABASE_URL"].line == 2 and not reads["DATABASE_URL"].get("has_default")
    assert reads["PORT"].line == 3 and reads["PORT"].get("default") == "8080"
    assert reads["TZ"].get("has_default") and reads["TZ"].get("default") == "UTC"
    assert all(f.get("api") == "System.getenv" and f.get("lang") == "java" for f in reads.values())


def test_kotlin_env_read_with_elvis_default():
    found = facts(
        """
        fun main() {
            val url = System.getenv("REDIS_URL") ?: "redis://localhost:6379"
        }
    """,
        KOTLIN,
    )
    read = one(found, "env.read")
    assert read.line == 2 and read.get("name") == "REDIS_URL" and read.get("has_default")
    assert read.get("default") == "redis://localhost:6379" and read.get("lang") == "kotlin"


def test_system_property_is_a_read_marked_as_such():
    found = facts("""
        class Db {
            String url = System.getProperty("db.url", "jdbc:h2:mem:x");
            Integer pool = Integer.getInteger("db.pool");
        }
    """)
    reads = of(found, "env.read")
    assert [(r.line, r.get("name"), r.get("api")) for r in reads] == [
        (2, "db.url", "System.getProperty"),
        (3, "db.pool", "Integer.getInteger"),
    ]
    assert all(r.get("system_property") for r in reads)


def test_value_annotations_are_config_assignments():
    found = facts("""
        class Jwt {
            @Value("${JWT_SECRET}") String secret;
            @Value("${app.name:orders}") String appName;
            @Value("Zx81kPq2LmVb7Nr3Ty5W") String apiKey;
        }
    """)
    values = {f.get("name"): f for f in of(found, "config.assign")}
    assert values["secret"].get("source") == "env" and values["secret"].get("env_name") == "JWT_SECRET"
    assert values["secret"].get("container") == "annotation" and values["secret"].line == 2
    assert values["appName"].get("source") == "other" and values["appName"].get("property") == "app.name"
    literal = values["apiKey"]
    assert literal.get("source") == "literal" and literal.get("grade") == "secret"
    assert "Zx81kPq2LmVb7Nr3Ty5W" not in str(literal.data) and "Zx81kPq2LmVb7Nr3Ty5W" not in literal.excerpt


def test_kotlin_constructor_value_and_configuration_properties():
    found = facts(
        """
        @ConfigurationProperties(prefix = "app")
        data class Props(val name: String)

        class Client(@Value("\\${PAYMENTS_URL}") private val url: String)
    """,
        KOTLIN,
    )
    settings = one(found, "config.settings_class")
    assert settings.get("name") == "Props" and settings.get("prefix") == "app" and settings.line == 1
    value = one(found, "config.assign")
    assert value.get("name") == "url" and value.get("env_name") == "PAYMENTS_URL" and value.line == 4


# --- the app and its server -------------------------------------------------------------------------


def test_spring_boot_application_and_war_initializer():
    found = facts("""
        package com.acme.shop;

        @SpringBootApplication
        public class ShopApplication extends SpringBootServletInitializer {
            public static void main(String[] args) {
                SpringApplication.run(ShopApplication.class, args);
            }
        }
    """)
    apps = {f.get("framework"): f for f in of(found, "web.app")}
    assert apps["spring-boot"].line == 3 and apps["spring-boot"].get("main_class") == "com.acme.shop.ShopApplication"
    assert apps["servlet-war"].line == 4 and apps["servlet-war"].get("api") == "SpringBootServletInitializer"
    run = one(found, "server.run")
    assert run.line == 6 and run.get("main_guard") and run.get("port") == V({"source": "default"})


def test_plain_class_is_not_an_app():
    found = facts("""
        @Service
        public class Orders extends BaseService implements Runnable {
            public void run() {}
        }
    """)
    assert of(found, "web.app") == [] and of(found, "shutdown.hook") == []


def test_kotlin_run_application():
    found = facts(
        """
        @SpringBootApplication
        class App

        fun main(args: Array<String>) {
            runApplication<App>(*args)
        }
    """,
        KOTLIN,
    )
    assert one(found, "web.app").get("framework") == "spring-boot"
    assert one(found, "server.run").line == 5


# --- backing services, processes, schedulers -----------------------------------------------------------


def test_clients_with_literal_and_injected_urls():
    found = facts("""
        class Db {
            @Value("${DATABASE_URL}") String url;
            Connection a() { return DriverManager.getConnection(url); }
            Connection b() { return DriverManager.getConnection("jdbc:postgresql://db.internal:5432/app", "app", "pw"); }
            DataSource c() { return DataSourceBuilder.create().url("jdbc:mysql://mysql:3306/app").build(); }
        }
    """)
    clients = of(found, "client")
    assert [c.line for c in clients] == [3, 4, 5]
    env, literal, builder = clients
    assert env.get("args")[0]["source"] == "env" and env.get("args")[0]["env_name"] == "DATABASE_URL"
    assert literal.get("service") == "postgresql" and literal.get("args")[0]["value"].startswith("jdbc:postgresql://")
    assert builder.get("service") == "mysql" and builder.get("api") == "DataSourceBuilder.url"


def test_process_spawns_name_their_program():
    found = facts("""
        class Thumbs {
            void a() throws Exception { Runtime.getRuntime().exec("convert in.png out.jpg"); }
            void b() throws Exception { new ProcessBuilder("ffmpeg", "-i", "x").start(); }
            void c() throws Exception { new ProcessBuilder(List.of("sh", "-c", "ls")).start(); }
            void d() { executor.exec(task); }
        }
    """)
    spawns = of(found, "process.spawn")
    assert [(s.line, s.get("api"), s.get("program"), s.get("shell")) for s in spawns] == [
        (2, "Runtime.exec", "convert", False),
        (3, "ProcessBuilder", "ffmpeg", False),
        (4, "ProcessBuilder", "sh", True),
    ]


def test_schedulers_in_a_web_app():
    found = facts("""
        @SpringBootApplication
        @EnableScheduling
        public class App {
            @Scheduled(cron = "0 0 * * * *")
            void purge() {}
        }
    """)
    schedulers = of(found, "scheduler")
    assert [(s.line, s.get("api")) for s in schedulers] == [(2, "@EnableScheduling"), (4, "@Scheduled")]
    assert all(s.get("web_app_in_file") for s in schedulers)


def test_shutdown_hooks_signals_and_exits():
    found = facts("""
        public class Worker implements SmartLifecycle {
            @PreDestroy void close() {}
            void install() {
                Runtime.getRuntime().addShutdownHook(new Thread(this::close));
                Signal.handle(new Signal("TERM"), s -> System.exit(0));
            }
        }
    """)
    hooks = {h.get("api"): h.line for h in of(found, "shutdown.hook")}
    assert hooks == {"SmartLifecycle": 1, "@PreDestroy": 2, "Runtime.addShutdownHook": 4}
    signal = one(found, "signal.handler")
    assert signal.get("signal") == "SIGTERM" and signal.get("exits_immediately") and signal.line == 5
    exit_ = one(found, "process.exit")
    assert exit_.get("code") == 0 and exit_.get("in_hook")


def test_http_session_use_is_one_fact_per_kind_of_use():
    found = facts("""
        @RestController
        class Cart {
            @PostMapping("/cart")
            List<String> add(HttpServletRequest request) {
                request.getSession().setAttribute("cart", 1);
                return List.of();
            }
        }
    """)
    session = one(found, "session.store")
    assert session.line == 5 and session.get("store") == "memory" and session.get("in_route")


def test_spring_session_annotation_names_its_store():
    found = facts("""
        @EnableRedisHttpSession
        class SessionConfig {}
    """)
    session = one(found, "session.store")
    assert session.get("library") == "spring-session" and session.get("store") == "redis"


# --- logging, files ---------------------------------------------------------------------------------------


def test_jul_file_handler_and_prints():
    found = facts("""
        import java.util.logging.*;

        class Boot {
            void setup() {
                Logger.getLogger("").addHandler(new FileHandler("/var/log/app.%g.log", 10000, 5));
                Logger.getLogger("").addHandler(new ConsoleHandler());
                System.out.println("started");
                System.err.println("again");
            }
        }
    """)
    handlers = {h.get("handler"): h for h in of(found, "log.handler")}
    file_handler = handlers["java.util.logging.FileHandler"]
    assert file_handler.line == 5 and file_handler.get("rotation") and file_handler.get("family") == "file"
    assert file_handler.get("target")["value"] == "/var/log/app.%g.log"
    assert handlers["java.util.logging.ConsoleHandler"].get("stream") == "stderr"
    printed = one(found, "log.print")  # once per file
    assert printed.line == 7 and printed.get("stream") == "stdout"


def test_file_handler_without_jul_import_is_not_logging():
    found = facts("""
        class Upload { void x() { new FileHandler(path); } }
    """)
    assert of(found, "log.handler") == []


def test_uploads_written_to_disk_in_a_route():
    found = facts("""
        @RestController
        class Avatars {
            @PostMapping("/avatar")
            void save(MultipartFile file) throws IOException {
                file.transferTo(Paths.get("uploads", file.getOriginalFilename()));
                Files.writeString(Path.of("/tmp/last.txt"), "x");
            }
        }
    """)
    writes = of(found, "file.write")
    assert [(w.line, w.get("upload"), w.get("tmp"), w.get("in_route")) for w in writes] == [
        (5, True, False, True),
        (6, False, True, True),
    ]


def test_static_collection_mutated_by_methods():
    found = facts("""
        class Counter {
            private static final Map<String, Integer> HITS = new ConcurrentHashMap<>();
            private static final int LIMIT = 10;
            void hit(String k) { HITS.merge(k, 1, Integer::sum); }
        }
    """)
    state = one(found, "state.global")
    assert state.get("name") == "HITS" and state.get("declared") == 2 and state.line == 4


def test_files_without_keywords_are_not_parsed():
    assert facts("class Empty { int x = 1; }") == []
    assert facts("", KOTLIN) == []


def test_shiro_session_daos():
    found = facts("""
        import org.apache.shiro.session.mgt.eis.MemorySessionDAO;
        class ShiroConfig {
            MemorySessionDAO memory() { return new MemorySessionDAO(); }
            RedisSessionDAO redis() { return new org.crazycake.shiro.RedisSessionDAO(); }
        }
    """)
    stores = {f.line: (f.get("library"), f.get("store"), f.get("api")) for f in of(found, "session.store")}
    assert stores == {3: ("shiro", "memory", "new MemorySessionDAO()"), 4: ("shiro", "redis", "new RedisSessionDAO()")}
