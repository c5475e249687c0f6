"""What a fact is: a typed statement of what one line of one file says.

A :class:`Fact` carries where it was found (path, line, excerpt, scope) and its *data*: an instance
of the frozen, slotted class registered for its kind (``EnvRead`` for ``env.read``, ``Client``
for ``client``, ...). Every language's extractor emits the same classes, so one rule reads
Python, JavaScript, Go, Java and Ruby alike; the ``lang`` field says which language stated it.

A value that may come from the environment or be written in the code is a :class:`Value`, the
same in every language. Nested records of the deploy descriptors (a compose service's
environment entries, a Kubernetes container) stay plain mappings, documented on their field.

Whatever an extractor keeps, every string of every fact (excerpt and data) is masked once more
against the secrets detected in its file before it leaves ``extract_file``: a rule may read a
masked value (``secrets.is_masked``), never a secret.

Facts never judge: no field says "bad". Their plain form (``Data.plain`` / ``from_plain``) is what
the cache stores and what extraction workers send back; ``docs/facts.md`` is generated from this
module (``scripts/gen_docs.py``), and a test fails when it is stale.
"""

from __future__ import annotations

import builtins
import dataclasses
import functools
import keyword
import sys
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from twelve.model import Scope

#: where a Value comes from
VALUE_SOURCES = ("env", "literal", "other", "none", "default")


#: strings of fact data up to this length are interned
_INTERNED = 200
#: one instance of each distinct fact data (frozen, compared by value): a large tree repeats the
#: same reads, imports and settings in thousands of files (bounded: emptied when it grows past this)
_SHARED_MAX = 200_000
_SHARED: dict[Any, Any] = {}


def _shared(made: Any) -> Any:
    """*made*, or the equal instance already built (data is frozen, so sharing is safe). Data
    holding a list is not hashable: not shared, told by its list fields (an import's modules)
    before a lookup raises (a raised TypeError cost more than building the data)."""
    lists = made.LIST_FIELDS
    if lists and any(getattr(made, name) is not None for name in lists):
        return made
    try:
        found = _SHARED.get(made)
    except TypeError:  # a list where the type says otherwise: not hashable, not shared
        return made
    if found is not None:
        return found
    if len(_SHARED) >= _SHARED_MAX:
        _SHARED.clear()
    _SHARED[made] = made
    return made


@dataclass(frozen=True, slots=True)
class Value:
    """A value the code (or a configuration file) gives to a setting or an argument.

    ``source`` says where it comes from: ``env`` (an environment variable, ``env_name``, maybe
    with a default), ``literal`` (written in the file: ``value``, graded ``secret``/``trivial``),
    ``other`` (a variable or call that could not be traced: ``text``), ``none`` (the argument is
    absent) or ``default`` (the framework's default applies).
    """

    source: str
    env_name: str | None = None
    env_has_default: bool | None = None
    env_default: str | None = None
    value: Any = None
    grade: str | None = None
    #: the grade of the environment default, when it is a literal
    default_grade: str | None = None
    #: how the literal was written (`str`, `int`, `bool`, ...) when that matters
    value_kind: str | None = None
    text: str | None = None
    #: the constant of the codebase an expression stands for (`package.json name` for `pkg.name`):
    #: the same in every deploy, like a literal
    derived: str | None = None
    #: the keyword or option name, when the value is an argument of a call (`client.args`)
    key: str | None = None
    #: every variable of a template that mixes several (`${DB_HOST}:${DB_PORT}`)
    env_names: tuple[str, ...] | None = None
    template: str | None = None
    #: another configuration property the value refers to (`${other.property:default}`)
    property: str | None = None
    property_default: str | None = None

    @builtins.property
    def from_env(self) -> bool:
        return self.source == "env"

    @builtins.property
    def literal(self) -> bool:
        return self.source == "literal"

    def get(self, key: str, default: Any = None) -> Any:
        """The field *key* (transitional, for code written against the dictionary form): an
        unknown name is an error, never a silent None."""
        if key not in _VALUE_FIELDS:
            raise KeyError(f"a Value has no field {key!r}")
        found = getattr(self, key)
        return default if found is None else found

    def __getitem__(self, key: str) -> Any:  # transitional, like get()
        if key not in _VALUE_FIELDS:
            raise KeyError(key)
        return getattr(self, key)

    def plain(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source}
        for name in _VALUE_FIELDS:
            found = getattr(self, name)
            if found is not None and name != "source":
                out[name] = list(found) if isinstance(found, tuple) else found
        return out

    @classmethod
    def from_plain(cls, data: Any) -> Value:
        if isinstance(data, Value):
            return data
        if not isinstance(data, dict) or not isinstance(data.get("source"), str):
            raise ValueError(f"not a value description: {data!r}")
        data = {k: sys.intern(v) if type(v) is str and len(v) <= _INTERNED else v for k, v in data.items()}
        if data.get("env_names") is not None:
            data["env_names"] = tuple(data["env_names"])
        return cls(**data)


_VALUE_FIELDS = frozenset(f.name for f in dataclasses.fields(Value))
ABSENT = Value("none")
FRAMEWORK_DEFAULT = Value("default")


@dataclass(frozen=True, slots=True)
class Data:
    """The data of one kind of fact (subclasses are registered with :func:`fact_kind`)."""

    KIND: ClassVar[str] = ""
    #: the kind's fields whose values are Values, and those that are lists of Values
    VALUE_FIELDS: ClassVar[frozenset[str]] = frozenset()
    VALUE_LIST_FIELDS: ClassVar[frozenset[str]] = frozenset()
    #: the kind's fields that hold lists (an instance with one set is not hashable)
    LIST_FIELDS: ClassVar[tuple[str, ...]] = ()
    #: the kind's value is spread over its own fields in the plain form (source, value, grade...)
    #: and kept in its ``value`` field
    FLAT_VALUE: ClassVar[bool] = False
    #: plain names that are Python keywords, and the field that holds them
    ALIASES: ClassVar[dict[str, str]] = {}
    FIELDS: ClassVar[frozenset[str]] = frozenset()
    #: plain name -> field, for the names lookup() answers with the field alone (computed once
    #: per kind: the one dictionary probe of the common case)
    DIRECT: ClassVar[dict[str, str]] = {}
    #: the plain form is the fields themselves (no Value, alias or flat value): built as it is
    SIMPLE: ClassVar[bool] = False

    def plain(self) -> dict[str, Any]:
        """The JSON-compatible form (None and empty values left out)."""
        out: dict[str, Any] = {}
        for name in self.FIELDS:
            found = getattr(self, name)
            if found is None:
                continue
            key = _PLAIN_NAMES.get(name, name)
            if name in self.VALUE_FIELDS:
                out[key] = found.plain()
            elif name in self.VALUE_LIST_FIELDS:
                out[key] = [v.plain() for v in found]
            else:
                out[key] = found
        return out

    @classmethod
    def from_plain(cls, data: dict[str, Any]) -> Data:
        """The data of this kind from its plain (or extractor) form; an unknown key raises."""
        if cls.SIMPLE:
            try:
                return _shared(cls(**data))
            except TypeError:
                pass  # an unknown key: raised below, with the kind and the key named
        values: dict[str, Any] = {}
        flat: dict[str, Any] | None = {} if cls.FLAT_VALUE else None
        for key, found in data.items():
            name = cls.ALIASES.get(key, key)
            if flat is not None and key in _VALUE_FIELDS and not (key == "value" and isinstance(found, (dict, Value))):
                flat[key] = found
                continue
            if name not in cls.FIELDS:
                raise TypeError(f"fact kind {cls.KIND!r} has no field {key!r}")
            if found is not None:
                if name in cls.VALUE_FIELDS:
                    found = Value.from_plain(found)
                elif name in cls.VALUE_LIST_FIELDS:
                    found = [Value.from_plain(v) for v in found]
                elif type(found) is str and len(found) <= _INTERNED:
                    found = sys.intern(found)  # names recur across millions of facts of a large tree
            values[name] = found
        if flat:
            flat.setdefault("source", "other")
            values["value"] = Value.from_plain(flat)
        return _shared(cls(**values))

    def get(self, key: str, default: Any = None) -> Any:
        """Transitional, like Fact.get."""
        found = self.lookup(key)
        return default if found is None else found

    def lookup(self, key: str) -> Any:
        """The field named *key* in the plain form (transitional, see Fact.get)."""
        direct = self.DIRECT.get(key)
        if direct is not None:
            return getattr(self, direct)
        name = self.ALIASES.get(key, key)
        if name in self.FIELDS:
            found = getattr(self, name)
            if self.FLAT_VALUE and name == "value":
                return None if found is None else found.value
            return found
        if self.FLAT_VALUE and key in _VALUE_FIELDS:
            value = getattr(self, "value")  # noqa: B009 - only FLAT_VALUE kinds have a value field, Data has none
            return None if value is None else getattr(value, key)
        if key in _ANY_KIND_FIELDS():  # a field of other kinds: rules that read facts of several kinds
            return None
        raise KeyError(f"no fact kind has a field {key!r}")


_PLAIN_NAMES = {"class_": "class"}


@functools.lru_cache(maxsize=1)
def _ANY_KIND_FIELDS() -> frozenset[str]:
    names = set(_VALUE_FIELDS)
    for cls in KINDS.values():
        names.update(_PLAIN_NAMES.get(n, n) for n in cls.FIELDS)
    return frozenset(names)


KINDS: dict[str, type[Data]] = {}
D = TypeVar("D", bound=Data)
T = TypeVar("T", bound="type[Data]")


def fact_kind(kind: str, *, flat_value: bool = False):
    """Register a data class for *kind* (a decorator applied over ``@dataclass``)."""

    def register(cls):
        names = frozenset(f.name for f in dataclasses.fields(cls))
        hints = {f.name: str(f.type) for f in dataclasses.fields(cls)}
        cls.KIND = kind
        cls.FIELDS = names
        cls.FLAT_VALUE = flat_value
        cls.VALUE_FIELDS = frozenset(n for n, t in hints.items() if t.startswith("Value"))
        cls.VALUE_LIST_FIELDS = frozenset(n for n, t in hints.items() if t.startswith("list[Value]"))
        cls.LIST_FIELDS = tuple(sorted(n for n, t in hints.items() if "list[" in t))
        cls.ALIASES = {n[:-1]: n for n in names if n.endswith("_") and keyword.iskeyword(n[:-1])}
        cls.SIMPLE = not (cls.VALUE_FIELDS or cls.VALUE_LIST_FIELDS or flat_value or cls.ALIASES)
        cls.DIRECT = {
            key: name
            for key, name in [*((n, n) for n in names), *cls.ALIASES.items()]
            if not (flat_value and name == "value")
        }
        if kind in KINDS:  # pragma: no cover - guarded by tests
            raise RuntimeError(f"fact kind {kind!r} registered twice")
        KINDS[kind] = cls
        return cls

    return register


def data_for(kind: str, data: dict[str, Any]) -> Data:
    """The typed data of a fact of *kind* from its plain form; unknown kinds and keys raise."""
    cls = KINDS.get(kind)
    if cls is None:
        raise TypeError(f"unknown fact kind {kind!r}")
    return cls.from_plain(data)


@dataclass(frozen=True, slots=True)
class Fact(Generic[D]):
    """What one line of one file says: its kind, where it is, and its typed data."""

    kind: str
    path: str
    line: int | None
    excerpt: str
    data: D
    scope: Scope = Scope.PRODUCTION

    def get(self, key: str, default: Any = None) -> Any:
        """The data field named *key* (its plain name); *default* when it is None. Transitional:
        rules read ``fact.data.<field>``. An unknown name raises, so a typo never reads None."""
        data = self.data
        direct = data.DIRECT.get(key)  # Data.lookup's common case, without its call (rules ask millions)
        found = getattr(data, direct) if direct is not None else data.lookup(key)
        return default if found is None else found


# --- the kinds -------------------------------------------------------------------------------------
# Fields are given in the order extractors usually fill them; every field defaults to None (not
# stated), so an extractor states only what it knows and a rule can tell False from unknown. `lang` is the language of the code that states the fact.


# Code (every language) ----------------------------------------------------------------------------


@fact_kind("env.read")
@dataclass(frozen=True, slots=True)
class EnvRead(Data):
    """A read of an environment variable: `os.getenv("X", d)`, `process.env.X`, `os.Getenv`,
    `System.getenv`, `ENV.fetch`; also django-environ, decouple and `dj_database_url.config()`."""

    name: str | None = None  # None when the name is computed
    has_default: bool | None = None
    default: str | None = None
    default_grade: str | None = None  # "secret" when the default looks like a real secret
    api: str | None = None
    lang: str | None = None
    in_condition: bool | None = None  # read only to decide something (`if os.getenv("DEBUG")`)
    prefix: str | None = None  # the common prefix of a settings class reading many variables
    system_property: bool | None = None  # a JVM system property (`System.getProperty`), not the environment


@fact_kind("config.assign", flat_value=True)
@dataclass(frozen=True, slots=True)
class ConfigAssign(Data):
    """A setting given a value: module or class settings, `app.config[...]`, dictionary leaves
    (`DATABASES.default.ENGINE`), framework configuration files (Spring properties, Rails
    environment files, `container: "file"`). Its value is `value` (a Value)."""

    name: str | None = None
    path: str | None = None  # the dotted path of a nested setting (`DATABASES.default.ENGINE`)
    container: str | None = None  # module, class, dict, config, attribute, file, argument, annotation
    #: the object literal that holds it sits inside a function body (`axios({url: ...})` in a handler),
    #: not at the top of a module or configuration file
    in_function: bool | None = None
    declared_as: str | None = None
    class_: str | None = None  # the settings class that holds it
    bases: str | None = None  # that class's bases, as written
    root: str | None = None
    value: Value | None = None
    api: str | None = None
    op: str | None = None  # how it is assigned (`=`, `||=`, `setdefault`)
    annotation: str | None = None  # `@Value("${x}")` and friends
    profile: str | None = None  # the Spring profile of the file or document
    environment: str | None = None  # the Rails environment of the file
    framework: str | None = None
    file: str | None = None
    lang: str | None = None


@fact_kind("config.select", flat_value=True)
@dataclass(frozen=True, slots=True)
class ConfigSelect(Data):
    """The choice of a named configuration: `app.config.from_object("config.ProductionConfig")`,
    Spring's active profiles."""

    api: str | None = None
    value: Value | None = None
    profile: str | None = None


@fact_kind("config.settings_class")
@dataclass(frozen=True, slots=True)
class ConfigSettingsClass(Data):
    """A class whose fields are read from the environment (pydantic `BaseSettings`); its fields
    are also `config.assign` facts whose value comes from the environment."""

    name: str | None = None
    api: str | None = None
    prefix: str | None = None
    lang: str | None = None


@fact_kind("import")
@dataclass(frozen=True, slots=True)
class Import(Data):
    """An import, `require()` or Go import."""

    modules: list[str] | None = None  # top-level dotted names
    relative: bool | None = None
    optional: bool | None = None  # inside try/except ImportError
    type_checking: bool | None = None
    in_function: bool | None = None
    lang: str | None = None


@fact_kind("client")
@dataclass(frozen=True, slots=True)
class Client(Data):
    """A connection to a backing service: `psycopg2.connect`, `create_engine`, `redis.from_url`,
    `new Pool({connectionString})`, `sql.Open`, `DriverManager.getConnection`, `Redis.new(url:)`,
    a Spring datasource, a Rails `database.yml` entry."""

    service: str | None = None  # postgresql, mysql, sqlite, redis, mongodb, amqp, kafka, smtp, aws, h2...
    api: str | None = None
    args: list[Value] | None = None  # the arguments that locate it (each Value has its `key`)
    name: str | None = None
    adapter: str | None = None
    profile: str | None = None
    environment: str | None = None
    lang: str | None = None


@fact_kind("log.handler")
@dataclass(frozen=True, slots=True)
class LogHandler(Data):
    """A logging handler, transport or appender: `FileHandler`, winston `transports.File`, logback
    `FileAppender`, `Logger.new("log/x.log")`, a Spring `logging.file.name`."""

    handler: str | None = None  # class or transport name
    api: str | None = None
    target: Value | None = None  # the file or host it writes to
    rotation: bool | None = None
    stream: str | None = None  # stdout, stderr, other
    file: bool | None = None  # it writes a file
    family: str | None = None  # file, console, network
    name: str | None = None  # the appender's name in a configuration file
    referenced: bool | None = None  # a configuration file's appender that a logger uses
    profile: str | None = None
    ref_profiles: list[str | None] | None = None  # the profiles of the loggers that use it
    format: str | None = None  # logback, log4j, log4j2, spring (configuration formats)
    condition: str | None = None
    lang: str | None = None


@fact_kind("log.capture")
@dataclass(frozen=True, slots=True)
class LogCapture(Data):
    """What a log-shipping agent's configuration file says about capturing the app's log records:
    `applicationinsights.json` `instrumentation.logging` (`enabled: false` or `level: "OFF"` switch
    the capture off)."""

    agent: str | None = None  # the agent it configures (the handler name of its `log.handler`)
    enabled: bool | None = None  # False: the capture is switched off
    level: str | None = None
    lang: str | None = None


@fact_kind("log.print")
@dataclass(frozen=True, slots=True)
class LogPrint(Data):
    """Direct console output: `print()`, `console.log`, `fmt.Println`, `puts` (once per file)."""

    stream: str | None = None
    flush: bool | None = None
    api: str | None = None
    lang: str | None = None


@fact_kind("server.run")
@dataclass(frozen=True, slots=True)
class ServerRun(Data):
    """The app binding a port from code: `app.run()`, `uvicorn.run()`, `app.listen(3000)`,
    `http.ListenAndServe(":8080", h)`, `r.Run()`."""

    api: str | None = None
    framework: str | None = None
    host: Value | None = None
    port: Value | None = None
    listen: Value | None = None  # an address that holds both (`":8080"`)
    debug: Value | None = None
    reload: Value | None = None
    workers: Value | None = None
    main_guard: bool | None = None  # under `if __name__ == "__main__"`
    lang: str | None = None


@fact_kind("process.spawn")
@dataclass(frozen=True, slots=True)
class ProcessSpawn(Data):
    """A call that runs another program: `subprocess.run(["convert", ...])`, `child_process.exec`,
    `exec.Command`, `ProcessBuilder`, backticks; or a library that wraps one (`wrapper`)."""

    api: str | None = None
    program: str | None = None  # first word, base name; None when computed
    shell: bool | None = None
    wrapper: bool | None = None
    lang: str | None = None


@fact_kind("vcs.update")
@dataclass(frozen=True, slots=True)
class VcsUpdate(Data):
    """A git command that changes a checkout's code, written in the source: `"git pull"` (`string`),
    `exec.Command("git", "pull")` (`argv`), GitPython's `origin.pull()` (`library`)."""

    command: str | None = None  # `git pull`
    form: str | None = None  # string, argv, library
    lang: str | None = None


@fact_kind("scheduler")
@dataclass(frozen=True, slots=True)
class Scheduler(Data):
    """Recurring work started by the code: APScheduler, `schedule.every`, daemon threads,
    node-cron, `setInterval` loops, `@Scheduled`, rufus-scheduler."""

    api: str | None = None
    target: str | None = None
    web_app_in_file: bool | None = None
    started: bool | None = None
    lang: str | None = None


@fact_kind("signal.handler")
@dataclass(frozen=True, slots=True)
class SignalHandler(Data):
    """A handler of a termination signal: `signal.signal(SIGTERM, h)`, `process.on("SIGTERM", h)`,
    `signal.Notify(c, syscall.SIGTERM)`, `Signal.trap("TERM")`."""

    signal: str | None = None
    signals: list[str] | None = None
    handler: str | None = None
    api: str | None = None
    exits_immediately: bool | None = None
    drains: bool | None = None  # closes the server before exiting
    lang: str | None = None


@fact_kind("shutdown.hook")
@dataclass(frozen=True, slots=True)
class ShutdownHook(Data):
    """A graceful-shutdown hook: FastAPI lifespan, `app.enableShutdownHooks()`,
    `srv.Shutdown(ctx)`, `@PreDestroy`, `server.shutdown=graceful`."""

    api: str | None = None
    method: str | None = None
    class_: str | None = None
    profile: str | None = None
    lang: str | None = None


@fact_kind("process.exit")
@dataclass(frozen=True, slots=True)
class ProcessExit(Data):
    """An explicit exit of the process (`System.exit`)."""

    api: str | None = None
    code: int | None = None
    in_hook: bool | None = None
    lang: str | None = None


@fact_kind("file.write")
@dataclass(frozen=True, slots=True)
class FileWrite(Data):
    """A write to a local file: an upload saved to disk, `open(p, "w")`, `fs.writeFile`, multer
    `diskStorage`."""

    api: str | None = None
    target: Value | None = None
    tmp: bool | None = None  # under a temporary directory
    upload: bool | None = None
    in_route: bool | None = None  # inside a request handler
    in_function: bool | None = None
    lang: str | None = None


@fact_kind("state.embedded_store")
@dataclass(frozen=True, slots=True)
class EmbeddedStore(Data):
    """A datastore kept in files on the process's disk: an embedded database library (shelve,
    dbm, TinyDB, lowdb, NeDB, LevelDB, BoltDB, Badger, PStore), or a file the code loads and writes
    back at the same path (`json.load(open(p))` ... `os.replace(tmp, p)`, `readFileSync`/`writeFileSync`).
    SQLite is a `client` of service `sqlite`."""

    library: str | None = None  # the library, or "file" for a file read back and rewritten
    api: str | None = None  # how it is opened or rewritten (`shelve.open`, `os.replace`, `open(w)`)
    target: Value | None = None  # its path
    read_line: int | None = None  # a file store: where the code loads it
    renamed: bool | None = None  # a file store: written to a temporary file renamed onto the path
    in_function: bool | None = None
    lang: str | None = None


@fact_kind("state.random_secret")
@dataclass(frozen=True, slots=True)
class RandomSecret(Data):
    """A signing or encryption key the code draws from a random generator as the process starts
    (`SECRET_KEY = os.urandom(24)`, `process.env.JWT_SECRET || crypto.randomBytes(32)`, Go's
    `if len(key) == 0 { rand.Read(key) }`): each process, and each start, has another one."""

    name: str | None = None  # what the secret is called (`SECRET_KEY`, `session_secret`)
    api: str | None = None  # the random generator
    fallback: bool | None = None  # only when the configured value is missing
    lang: str | None = None


@fact_kind("state.file_store")
@dataclass(frozen=True, slots=True)
class FileStore(Data):
    """A file the code keeps data in: the same class (or module) loads the file (`json.load(open(self.path))`)
    and writes it back when the data changes (`open(self.path, "w")`, or a temporary file moved onto
    it with `os.replace(tmp, self.path)`): a datastore on the local disk, read back at start. The fact
    sits at the write."""

    target: str | None = None  # the expression naming the file (`self.path`, `"data/prefs.json"`)
    format: str | None = None  # json, pickle, yaml, toml, csv, text
    read_line: int | None = None
    owner: str | None = None  # the class that keeps it (None at module level)
    lang: str | None = None


@fact_kind("upload.field")
@dataclass(frozen=True, slots=True)
class UploadField(Data):
    """A model field that stores uploaded files (Django `FileField`/`ImageField`)."""

    api: str | None = None
    upload_to: str | None = None
    storage: bool | None = None  # a storage backend is given
    lang: str | None = None


@fact_kind("session.store")
@dataclass(frozen=True, slots=True)
class SessionStore(Data):
    """Where sessions are kept: express-session, Spring Session, Rails' session store (Python
    sessions are `config.assign` of `SESSION_ENGINE`/`SESSION_TYPE`)."""

    library: str | None = None
    store: str | None = None  # memory, file, redis, cookie, db...
    default: bool | None = None  # no store configured: the framework's default
    #: a store the code switches to when an environment variable is set (`if (process.env.REDIS_URL)
    #: opts.store = new RedisStore(...)`): `store` is then only the fallback
    alternative: str | None = None
    alternative_api: str | None = None
    alternative_env: str | None = None
    api: str | None = None
    store_api: str | None = None
    in_route: bool | None = None
    distributable: bool | None = None
    environment: str | None = None
    profile: str | None = None
    lang: str | None = None


@fact_kind("cli.command")
@dataclass(frozen=True, slots=True)
class CliCommand(Data):
    """A command-line entry of the app: Flask CLI or click commands, management commands, rake
    tasks, Cobra commands, `CommandLineRunner`."""

    api: str | None = None
    name: str | None = None
    function: str | None = None
    lang: str | None = None


@fact_kind("schema.migration")
@dataclass(frozen=True, slots=True)
class SchemaMigration(Data):
    """Code that changes a database schema step by step: a migration DSL (`Sequel.migration do`,
    sinatra-sequel `migration "create users" do`, `create_table :users`, `class X <
    ActiveRecord::Migration`) or DDL written in a string (`"CREATE TABLE users (...)"`, one per file)."""

    api: str | None = None
    lang: str | None = None


@fact_kind("schema.autosync")
@dataclass(frozen=True, slots=True)
class SchemaAutosync(Data):
    """An ORM told to create or update the schema from the models when the code runs:
    `db.AutoMigrate(&User{})`, `client.Schema.Create(ctx)`, `sequelize.sync()`, TypeORM
    `synchronize: true`, `Base.metadata.create_all(engine)`, `db.create_all()`, `create_tables()`."""

    api: str | None = None
    function: str | None = None  # the function that runs it (None at module level)
    lang: str | None = None


@fact_kind("sql.script")
@dataclass(frozen=True, slots=True)
class SqlScript(Data):
    """A `.sql` file: how many statements of each sort it holds and the tool that wrote it, when a
    dump header says so (`-- MySQL dump`, `-- PostgreSQL database dump`, `Navicat`)."""

    creates: int | None = None  # CREATE TABLE / VIEW / INDEX / SEQUENCE / TYPE / FUNCTION
    alters: int | None = None
    drops: int | None = None
    inserts: int | None = None
    statements: int | None = None
    dump: str | None = None  # mysqldump, pg_dump, navicat, phpmyadmin, sqlite, heidisql, dbeaver


@fact_kind("web.app")
@dataclass(frozen=True, slots=True)
class WebApp(Data):
    """A web application object: `Flask(__name__)`, `FastAPI()`, `express()`,
    `NestFactory.create`, `gin.Default()`, `@SpringBootApplication`, a Rails or Sinatra app."""

    framework: str | None = None
    api: str | None = None
    main_class: str | None = None
    class_: str | None = None
    servlets: list[str] | None = None
    distributable: bool | None = None
    lang: str | None = None


@fact_kind("state.global")
@dataclass(frozen=True, slots=True)
class StateGlobal(Data):
    """A module-level container that functions mutate (in-process state)."""

    name: str | None = None
    declared: int | None = None  # the line that declares it
    in_route: bool | None = None
    lang: str | None = None


@fact_kind("env.branch")
@dataclass(frozen=True, slots=True)
class EnvBranch(Data):
    """Code that branches on the environment's name: `if ENV == "production": host = "..."`."""

    condition: str | None = None
    values: list[str] | None = None
    engines: list[str] | None = None
    storage: list[str] | None = None
    lang: str | None = None


@fact_kind("queue.consume")
@dataclass(frozen=True, slots=True)
class QueueConsume(Data):
    """A queue consumer: `basic_consume(..., auto_ack=True)`."""

    api: str | None = None
    auto_ack: bool | None = None
    lang: str | None = None


@fact_kind("syspath.modify")
@dataclass(frozen=True, slots=True)
class SyspathModify(Data):
    """Host site-packages put on `sys.path`."""

    api: str | None = None
    lang: str | None = None


@fact_kind("process.loop")
@dataclass(frozen=True, slots=True)
class ProcessLoop(Data):
    """A long-running loop the code runs as its process's work, outside any server: `asyncio.run(main())`
    whose coroutine loops or waits for ever, `loop.run_forever()`, a bot's `client.run(token)`, `while
    True:` reached from the main guard, discord.js `client.login(token)`, telegraf `bot.launch()`, a
    queue consumer (`consumer.run`, bullmq `new Worker`), a Go `main` that loops for ever (`for {}`,
    `select {}`), a Ruby script's top-level `loop do`."""

    api: str | None = None  # how the loop is started, as written
    target: str | None = None  # the function it runs, when another one
    main: bool | None = (
        None  # the file is a script: a main guard (`if __name__ == "__main__"`), or the loop at its top level
    )
    lang: str | None = None


@fact_kind("process.daemon")
@dataclass(frozen=True, slots=True)
class ProcessDaemon(Data):
    """The process daemonizing itself (fork + setsid, `DaemonContext`)."""

    api: str | None = None
    lang: str | None = None


@fact_kind("process.pidfile")
@dataclass(frozen=True, slots=True)
class ProcessPidfile(Data):
    """The process writing its PID to a file."""

    api: str | None = None
    target: Value | None = None
    lang: str | None = None


@fact_kind("pm2.app")
@dataclass(frozen=True, slots=True)
class Pm2App(Data):
    """An app of a PM2 ecosystem file."""

    name: str | None = None
    script: str | None = None
    args: Any = None
    instances: int | str | None = None
    exec_mode: str | None = None
    watch: Any = None
    autorestart: Any = None
    lang: str | None = None


@fact_kind("py.script")
@dataclass(frozen=True, slots=True)
class PyScript(Data):
    """A console script a Python package installs (`[project.scripts]`, `entry_points`)."""

    name: str | None = None
    target: str | None = None


# Manifests and builds -------------------------------------------------------------------------------


@fact_kind("dep.manifest")
@dataclass(frozen=True, slots=True)
class DepManifest(Data):
    """A dependency manifest: requirements, pyproject, Pipfile, setup.py/setup.cfg, package.json,
    go.mod, pom.xml, Gradle builds, Gemfile, gemspec."""

    ecosystem: str | None = None  # python, node, go, java, ruby
    kind: str | None = None  # requirements, pyproject, package.json, go.mod, maven, gradle, Gemfile...
    name: str | None = None
    count: int | None = None  # declared dependencies
    direct: int | None = None
    group: str | None = None
    compiled: bool | None = None  # pip-compile output
    includes: list[str] | None = None  # `-r other.txt`
    flavours: list[str] | None = None  # pyproject flavours (pep621, poetry, pdm, uv...)
    has_build_system: bool | None = None  # pyproject `[build-system]`
    scripts: dict[str, Any] | None = None  # package.json scripts
    engines: dict[str, Any] | None = None
    main: str | None = None
    private: bool | None = None
    workspaces: list[str] | None = None
    workspace: list[str] | None = None
    module_type: str | None = None  # package.json `type`
    package_manager: str | None = None
    module: str | None = None  # Go module path
    go_version: str | None = None
    toolchain: str | None = None
    replaces: list[dict[str, Any]] | None = None  # Go replace directives: {module, target, line}
    packaging: str | None = None  # Maven/Gradle packaging (jar, war)
    packaging_line: int | None = None
    artifact: str | None = None
    parent: Any = None
    modules: list[str] | None = None
    plugins: list[Any] | None = None
    spring_boot_version: str | None = None
    kotlin_dsl: bool | None = None
    flat_dirs: list[str] | None = None
    disabled_tasks: list[str] | None = None
    boot_tasks: dict[str, Any] | None = None
    locking: int | None = None  # Gradle dependency locking
    sources: list[Any] | None = None
    gemspec: bool | None = None
    ruby: str | None = None  # the Ruby version a Gemfile asks for


@fact_kind("dep.declared")
@dataclass(frozen=True, slots=True)
class DepDeclared(Data):
    """One declared dependency of a manifest."""

    ecosystem: str | None = None
    manifest: str | None = None
    name: str | None = None  # normalised
    display: str | None = None  # as written
    spec: str | None = None  # the version constraint
    pinned: bool | None = None  # an exact version
    url: str | None = None
    ref: str | None = None  # a git ref
    editable: bool | None = None
    hashed: bool | None = None
    group: str | None = None  # main, dev, test...
    groups: list[str] | None = None
    optional: bool | None = None
    indirect: bool | None = None  # Go `// indirect`
    replaced_by: str | None = None
    local: bool | str | None = None  # a path dependency
    local_api: str | None = None
    path: str | None = None
    scope: str | None = None  # Maven scope
    managed: bool | None = None  # version from a BOM or parent
    platform: bool | None = None
    system_path: str | None = None
    system_path_line: int | None = None
    system_path_resolved: str | None = None
    require: str | None = None
    table: str | None = None


@fact_kind("dep.lock")
@dataclass(frozen=True, slots=True)
class DepLock(Data):
    """A lock file: poetry/uv/Pipfile/pdm locks, hashed requirements, npm/yarn/pnpm locks, go.sum,
    Gradle locks, Gemfile.lock."""

    ecosystem: str | None = None
    kind: str | None = None
    packages: list[str] | None = None
    count: int | None = None
    entries: int | None = None
    lockfile_version: int | str | None = None
    versions: dict[str, Any] | None = None
    dependencies: list[Any] | None = None
    berry: bool | None = None  # a Yarn 2+ lock
    bundler: str | None = None  # Gemfile.lock's BUNDLED WITH
    ruby: str | None = None
    platforms: list[str] | None = None


@fact_kind("dep.include")
@dataclass(frozen=True, slots=True)
class DepInclude(Data):
    """`-r other.txt` / `-c constraints.txt` in a requirements file."""

    target: str | None = None
    constraint: bool | None = None


@fact_kind("node.script")
@dataclass(frozen=True, slots=True)
class NodeScript(Data):
    """A script of package.json (start commands resolve through them)."""

    name: str | None = None
    command: str | None = None


# Dockerfiles ------------------------------------------------------------------------------------
# Every instruction's fact says its `stage` (0-based) and whether that stage is the `final` one.


@fact_kind("docker.file")
@dataclass(frozen=True, slots=True)
class DockerFile(Data):
    """A Dockerfile: its number of stages and their names."""

    stages: int | None = None
    names: list[str] | None = None


@fact_kind("docker.from")
@dataclass(frozen=True, slots=True)
class DockerFrom(Data):
    """`FROM image:tag@digest AS name`."""

    image: str | None = None
    tag: str | None = None
    digest: str | None = None
    variable: bool | None = None  # the reference holds a build argument
    name: str | None = None
    stage_ref: bool | None = None  # FROM an earlier stage
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.run")
@dataclass(frozen=True, slots=True)
class DockerRun(Data):
    """`RUN command` (heredoc bodies included)."""

    command: str | None = None
    heredoc: bool | None = None
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.cmd")
@dataclass(frozen=True, slots=True)
class DockerCmd(Data):
    """`CMD` in exec or shell form."""

    form: str | None = None  # exec, shell
    argv: list[str] | None = None
    command: str | None = None
    exec: bool | None = None  # the process replaces its shell
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.entrypoint")
@dataclass(frozen=True, slots=True)
class DockerEntrypoint(Data):
    """`ENTRYPOINT` in exec or shell form."""

    form: str | None = None
    argv: list[str] | None = None
    command: str | None = None
    exec: bool | None = None
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.env")
@dataclass(frozen=True, slots=True)
class DockerEnv(Data):
    """`ENV key=value` (one fact per key)."""

    key: str | None = None
    value: str | None = None
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.arg")
@dataclass(frozen=True, slots=True)
class DockerArg(Data):
    """`ARG key=default`."""

    key: str | None = None
    default: str | None = None
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.expose")
@dataclass(frozen=True, slots=True)
class DockerExpose(Data):
    """`EXPOSE ports`."""

    ports: list[str] | None = None
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.volume")
@dataclass(frozen=True, slots=True)
class DockerVolume(Data):
    """`VOLUME paths`."""

    paths: list[str] | None = None
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.user")
@dataclass(frozen=True, slots=True)
class DockerUser(Data):
    """`USER user`."""

    user: str | None = None
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.workdir")
@dataclass(frozen=True, slots=True)
class DockerWorkdir(Data):
    """`WORKDIR path`."""

    path: str | None = None
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.copy")
@dataclass(frozen=True, slots=True)
class DockerCopy(Data):
    """`COPY`/`ADD sources dest` (`from_stage`: `--from=` an earlier stage)."""

    instruction: str | None = None
    sources: list[str] | None = None
    dest: str | None = None
    from_stage: bool | None = None
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.healthcheck")
@dataclass(frozen=True, slots=True)
class DockerHealthcheck(Data):
    """`HEALTHCHECK` (`none`: `HEALTHCHECK NONE`)."""

    none: bool | None = None
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.stopsignal")
@dataclass(frozen=True, slots=True)
class DockerStopsignal(Data):
    """`STOPSIGNAL signal`."""

    signal: str | None = None
    stage: int | None = None
    final: bool | None = None


@fact_kind("docker.ignore")
@dataclass(frozen=True, slots=True)
class DockerIgnore(Data):
    """One pattern of `.dockerignore`."""

    pattern: str | None = None


# Compose, Procfile, shell, .env --------------------------------------------------------------------


@fact_kind("compose.file")
@dataclass(frozen=True, slots=True)
class ComposeFile(Data):
    """A compose file: its role (`dev` by its name or because it mounts the source, else
    `deploy`) and its services."""

    role: str | None = None
    role_reason: str | None = None  # name, source_mount
    services: list[str] | None = None
    duplicates: list[str] | None = None


@fact_kind("compose.service")
@dataclass(frozen=True, slots=True)
class ComposeService(Data):
    """A service of a compose file."""

    role: str | None = None
    name: str | None = None
    image: dict[str, Any] | None = None  # {image, tag, digest, variable}
    build: dict[str, Any] | None = None  # {context, dockerfile, target, args}
    command: dict[str, Any] | None = None  # {form: exec, argv} or {form: shell, command}
    entrypoint: dict[str, Any] | None = None
    environment: list[dict[str, Any]] | None = None  # [{key, value, line}]
    env_file: list[str] | None = None
    ports: list[str] | None = None
    volumes: list[dict[str, Any]] | None = None  # [{source, target, kind, line}]
    depends_on: list[str] | None = None
    replicas: int | None = None
    healthcheck: bool | None = None
    read_only: bool | None = None
    restart: str | None = None


@fact_kind("procfile.process")
@dataclass(frozen=True, slots=True)
class ProcfileProcess(Data):
    """A process type of a Procfile."""

    name: str | None = None
    command: str | None = None
    commands: list[dict[str, Any]] | None = None  # [{argv, exec, background}]


@fact_kind("shell.script")
@dataclass(frozen=True, slots=True)
class ShellScript(Data):
    """A shell script and how it ends (what the last command runs, whether it `exec`s `"$@"`)."""

    shebang: str | None = None
    last_line: int | None = None
    last_program: str | None = None
    last_exec: bool | None = None
    last_background: bool | None = None
    execs_args: bool | None = None
    traps: list[str] | None = None


@fact_kind("shell.command")
@dataclass(frozen=True, slots=True)
class ShellCommand(Data):
    """A simple command of a shell script."""

    argv: list[str] | None = None
    program: str | None = None
    exec: bool | None = None
    background: bool | None = None
    in_loop: bool | None = None
    loop_bounded: bool | None = None
    loop_line: int | None = None


@fact_kind("shell.loop")
@dataclass(frozen=True, slots=True)
class ShellLoop(Data):
    """A `while`/`until` loop of a shell script (`bounded`: it gives up at some point)."""

    kind: str | None = None
    condition: str | None = None
    bounded: bool | None = None
    programs: list[str] | None = None


@fact_kind("shell.trap")
@dataclass(frozen=True, slots=True)
class ShellTrap(Data):
    """`trap action signals` in a shell script."""

    action: str | None = None
    ignore: bool | None = None
    signals: list[str] | None = None


@fact_kind("envfile.file")
@dataclass(frozen=True, slots=True)
class EnvfileFile(Data):
    """A `.env*` file (`example`: a template such as `.env.example`)."""

    name: str | None = None
    example: bool | None = None
    entries: int | None = None


@fact_kind("envfile.entry")
@dataclass(frozen=True, slots=True)
class EnvfileEntry(Data):
    """A key of a `.env*` file; its value is graded, never kept."""

    key: str | None = None
    empty: bool | None = None
    placeholder: bool | None = None
    grade: str | None = None
    secret_name: bool | None = None


# Documentation and small repository files --------------------------------------------------------------


@fact_kind("doc.heading")
@dataclass(frozen=True, slots=True)
class DocHeading(Data):
    """A Markdown heading."""

    level: int | None = None
    title: str | None = None


@fact_kind("doc.command")
@dataclass(frozen=True, slots=True)
class DocCommand(Data):
    """A command in a fenced shell block of a Markdown file, with the section it is in."""

    program: str | None = None
    argv: list[str] | None = None
    section: str | None = None
    block: int | None = None
    lang: str | None = None


@fact_kind("vcs.submodule")
@dataclass(frozen=True, slots=True)
class VcsSubmodule(Data):
    """A submodule of `.gitmodules`."""

    name: str | None = None
    path: str | None = None
    url: str | None = None


@fact_kind("heroku.app")
@dataclass(frozen=True, slots=True)
class HerokuApp(Data):
    """`app.json` (Heroku): env, scripts, formation, add-ons."""

    env: list[Any] | None = None
    scripts: dict[str, Any] | None = None
    formation: dict[str, Any] | None = None
    addons: list[Any] | None = None


@fact_kind("aptfile.package")
@dataclass(frozen=True, slots=True)
class AptfilePackage(Data):
    """A package of an `Aptfile` (Heroku's apt buildpack)."""

    name: str | None = None


@fact_kind("webserver.module")
@dataclass(frozen=True, slots=True)
class WebserverModule(Data):
    """A web-server configuration that runs the app inside the server (mod_wsgi, Passenger...)."""

    directive: str | None = None


@fact_kind("secret")
@dataclass(frozen=True, slots=True)
class Secret(Data):
    """A secret written in a file (masked: its first characters, length and a short hash)."""

    #: a provider format (aws_access_key_id, github_token, jwt, private_key...) or the context it was
    #: found in (assignment, url_credentials, authorization, command_line, k8s_env, k8s_secret,
    #: helm_values, kustomize_literal)
    kind: str | None = None
    name: str | None = None
    #: `secret` for a real-looking value production could use, `trivial` for a throwaway or a value
    #: of a non-production file
    grade: str | None = None
    redacted: str | None = None  # the masked form: first characters, length, short hash
    file_kind: str | None = None


@fact_kind("waiver.inline")
@dataclass(frozen=True, slots=True)
class WaiverInline(Data):
    """A `# twelve: ignore[RULE] reason` comment (`//`, `/* */`, `<!-- -->` too)."""

    rules: list[str] | None = None
    reason: str | None = None
    covers: int | None = None  # the line it waives
    opener: str | None = None


# CI ---------------------------------------------------------------------------------------------------


@fact_kind("ci.workflow")
@dataclass(frozen=True, slots=True)
class CiWorkflow(Data):
    """A CI definition (GitHub Actions, GitLab CI, Jenkinsfile, CircleCI, Azure Pipelines, Cloud
    Build, Bitbucket Pipelines)."""

    system: str | None = None
    name: str | None = None
    triggers: dict[str, Any] | None = None


@fact_kind("ci.job")
@dataclass(frozen=True, slots=True)
class CiJob(Data):
    """A job of a CI definition."""

    system: str | None = None
    workflow: str | None = None
    job: str | None = None
    triggers: dict[str, Any] | None = None
    environment: str | None = None
    services: list[dict[str, Any]] | None = None  # parsed images
    needs: list[str] | None = None
    condition: str | None = None
    container: str | None = None
    #: a job that calls a reusable workflow (GitHub `jobs.<id>.uses`) instead of running steps, and
    #: the inputs it passes (`with`); the call is also written as one `ci.step` (`reusable`)
    uses: str | None = None
    with_: dict[str, Any] | None = None
    approval: bool | None = None
    when: str | None = None
    stage: str | None = None


@fact_kind("ci.step")
@dataclass(frozen=True, slots=True)
class CiStep(Data):
    """A step of a CI job: a command it runs (`run`) or an action it uses (`uses`, `with_`)."""

    system: str | None = None
    workflow: str | None = None
    job: str | None = None
    triggers: dict[str, Any] | None = None
    environment: str | None = None
    name: str | None = None
    uses: str | None = None
    run: str | None = None
    run_line: int | None = None
    with_: dict[str, Any] | None = None
    #: the step is a job's call of a reusable workflow (`uses` is the workflow, `with_` its inputs)
    reusable: bool | None = None


# Framework configuration ------------------------------------------------------------------------------


@fact_kind("credentials.file")
@dataclass(frozen=True, slots=True)
class CredentialsFile(Data):
    """A Rails credentials file or key (content never kept)."""

    kind: str | None = None  # key, encrypted, secrets_yml
    environment: str | None = None
    empty: bool | None = None
    looks_like_key: bool | None = None


# Kubernetes, Helm, Kustomize, platforms -----------------------------------------------------------------
# Facts of Helm templates say `helm_template: true`.


@fact_kind("k8s.workload")
@dataclass(frozen=True, slots=True)
class K8sWorkload(Data):
    """A Deployment, StatefulSet, DaemonSet, Job or CronJob (or a pod template)."""

    kind: str | None = None
    name: str | None = None
    namespace: str | None = None
    api_version: str | None = None
    replicas: int | None = None
    replicas_text: str | None = None
    replicas_line: int | None = None
    replicas_note: str | None = None
    #: [{name, image: {image, tag, digest, ref, variable, templated, template_refs}, image_line,
    #: pull_policy, command, args, env: [{name, source, ref, grade}], env_from, ports, probes,
    #: pre_stop, read_only_root, run_as_non_root, volume_mounts, init, line...}]
    containers: list[dict[str, Any]] | None = None
    volumes: list[dict[str, Any]] | None = None  # [{name, type, claim, medium, line}]
    volume_claim_templates: list[Any] | None = None
    termination_grace: int | None = None
    termination_grace_line: int | None = None
    labels: dict[str, Any] | None = None
    annotations: dict[str, Any] | None = None
    helm_hook: str | None = None
    argo_hook: str | None = None
    service_account: str | None = None
    schedule: str | None = None
    restart_policy: str | None = None
    strategy: Any = None
    helm_template: bool | None = None


@fact_kind("k8s.service")
@dataclass(frozen=True, slots=True)
class K8sService(Data):
    """A Service (ports, selector, session affinity)."""

    name: str | None = None
    type: str | None = None
    session_affinity: str | None = None
    affinity_line: int | None = None
    affinity_timeout: Any = None
    ports: list[dict[str, Any]] | None = None  # [{name, port, target_port, line}]
    selector: dict[str, Any] | None = None
    annotations: dict[str, Any] | None = None
    annotation_lines: dict[str, Any] | None = None
    helm_template: bool | None = None


@fact_kind("k8s.ingress")
@dataclass(frozen=True, slots=True)
class K8sIngress(Data):
    """An Ingress (affinity annotations, backends)."""

    name: str | None = None
    ingress_class: str | None = None
    annotations: dict[str, Any] | None = None
    annotation_lines: dict[str, Any] | None = None
    backends: list[str] | None = None
    helm_template: bool | None = None


@fact_kind("k8s.traffic_policy")
@dataclass(frozen=True, slots=True)
class K8sTrafficPolicy(Data):
    """A service-mesh traffic policy with session affinity (Istio DestinationRule...)."""

    kind: str | None = None
    name: str | None = None
    affinity: str | None = None
    affinity_line: int | None = None
    helm_template: bool | None = None


@fact_kind("k8s.autoscaler")
@dataclass(frozen=True, slots=True)
class K8sAutoscaler(Data):
    """A HorizontalPodAutoscaler or KEDA ScaledObject and its bounds."""

    kind: str | None = None
    name: str | None = None
    target_kind: str | None = None
    target: str | None = None
    min: int | None = None
    max: int | None = None
    helm_template: bool | None = None


@fact_kind("k8s.configmap")
@dataclass(frozen=True, slots=True)
class K8sConfigmap(Data):
    """A ConfigMap's keys."""

    name: str | None = None
    keys: list[str] | None = None
    key_lines: dict[str, Any] | None = None
    helm_template: bool | None = None


@fact_kind("k8s.secret")
@dataclass(frozen=True, slots=True)
class K8sSecret(Data):
    """A Secret (or SealedSecret/ExternalSecret): values graded, never kept."""

    kind: str | None = None
    name: str | None = None
    type: str | None = None
    managed: str | None = None
    values: list[dict[str, Any]] | None = None  # [{key, field, empty, template, grade, line}]
    remote_refs: list[str] | None = None
    helm_template: bool | None = None


@fact_kind("k8s.pvc")
@dataclass(frozen=True, slots=True)
class K8sPvc(Data):
    """A PersistentVolumeClaim."""

    name: str | None = None
    access_modes: list[str] | None = None
    storage: str | None = None
    storage_class: str | None = None
    helm_template: bool | None = None


@fact_kind("k8s.gitops")
@dataclass(frozen=True, slots=True)
class K8sGitops(Data):
    """An Argo CD Application or Flux source that deploys from a repository."""

    kind: str | None = None
    name: str | None = None
    tool: str | None = None
    repo: str | None = None
    path: str | None = None
    revision: str | None = None
    automated: bool | None = None
    helm_template: bool | None = None


@fact_kind("k8s.helm_values")
@dataclass(frozen=True, slots=True)
class K8sHelmValues(Data):
    """A chart's values file: images, replicas, env, credentials."""

    chart_dir: str | None = None
    #: recognised by its content (a YAML file not named values*.yaml, e.g. the values a deploy
    #: passes to an external chart: top-level `image.repository|tag` plus replicaCount, service...);
    #: their `images` are left empty, since such a deploy usually overrides the tag (`--set image.tag`)
    by_content: bool | None = None
    images: list[dict[str, Any]] | None = None  # [{path, image, tag, digest, pull_policy, line, tag_line}]
    replicas: list[dict[str, Any]] | None = None  # [{path, value, note, line}]
    replica_count: int | None = None
    env: list[dict[str, Any]] | None = None
    credentials: list[dict[str, Any]] | None = None
    secret_refs: list[dict[str, Any]] | None = None
    affinity: list[dict[str, Any]] | None = None
    autoscaling: list[dict[str, Any]] | None = None


@fact_kind("k8s.helm_chart")
@dataclass(frozen=True, slots=True)
class K8sHelmChart(Data):
    """A chart's `Chart.yaml`: versions and dependencies."""

    name: str | None = None
    version: str | None = None
    app_version: str | None = None
    app_version_line: int | None = None
    type: str | None = None
    dependencies: list[dict[str, Any]] | None = None
    chart_dir: str | None = None


@fact_kind("k8s.kustomization")
@dataclass(frozen=True, slots=True)
class K8sKustomization(Data):
    """A `kustomization.yaml`: image overrides, replicas, resources, secret generators."""

    images: list[dict[str, Any]] | None = None
    replicas: list[dict[str, Any]] | None = None
    resources: list[str] | None = None
    secret_generators: list[dict[str, Any]] | None = None
    config_generators: list[dict[str, Any]] | None = None
    namespace: str | None = None


@fact_kind("platform.service")
@dataclass(frozen=True, slots=True)
class PlatformService(Data):
    """A service of a platform descriptor (fly.toml, render.yaml)."""

    platform: str | None = None
    app: str | None = None
    name: str | None = None
    type: str | None = None
    start: str | None = None
    release: str | None = None
    release_line: int | None = None
    build: dict[str, Any] | None = None
    env: list[dict[str, Any]] | None = None
    port: int | None = None
    health_check: bool | None = None
    instances: int | None = None
    min_instances: int | None = None
    max_instances: int | None = None
    volumes: list[dict[str, Any]] | None = None
    kill_signal: str | None = None
    kill_timeout: str | None = None
    auto_deploy: Any = None
    schedule: Any = None


@fact_kind("platform.database")
@dataclass(frozen=True, slots=True)
class PlatformDatabase(Data):
    """A managed database of a platform descriptor."""

    platform: str | None = None
    name: str | None = None
    engine: str | None = None
    version: str | None = None


__all__ = ["ABSENT", "FRAMEWORK_DEFAULT", "KINDS", "Data", "Fact", "Value", "data_for", "fact_kind"]
