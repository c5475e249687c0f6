"""What serves HTTP in each ecosystem: web frameworks and server libraries (a declared one means
the app exports a network service), the in-process server calls of Python, the embedded-server
starters of the JVM, and the images of servers an app is loaded into (servlet containers,
Apache HTTPD)."""

from __future__ import annotations

import re

from twelve.knowledge import programs
from twelve.knowledge.services import PY_WEB_DISTS

#: web frameworks and servers of every ecosystem, by the name its manifests declare them with
WEB_DEPS: dict[str, frozenset[str]] = {
    "python": PY_WEB_DISTS
    | {str(programs.dist_of(name)) for name in programs.names(programs.WEB_SERVER, ecosystem="python")},
    "node": frozenset(
        {
            "express",
            "fastify",
            "koa",
            "@nestjs/core",
            "@nestjs/platform-express",
            "@nestjs/platform-fastify",
            "next",
            "nuxt",
            "@hapi/hapi",
            "hapi",
            "restify",
            "@remix-run/serve",
            "sails",
            "@adonisjs/core",
            "polka",
            "micro",
            "hono",
            "@hono/node-server",
            "elysia",
            "@feathersjs/feathers",
            "@sveltejs/kit",
            "astro",
        }
    ),
    "ruby": frozenset(
        {
            "rails",
            "railties",
            "sinatra",
            "puma",
            "unicorn",
            "falcon",
            "thin",
            "passenger",
            "hanami",
            "roda",
            "grape",
            "iodine",
        }
    ),
    "java": frozenset(
        {
            "org.springframework.boot:spring-boot-starter-web",
            "org.springframework.boot:spring-boot-starter-webflux",
            "org.springframework.boot:spring-boot-starter-jersey",
            "io.micronaut:micronaut-http-server-netty",
            "io.quarkus:quarkus-resteasy",
            "io.quarkus:quarkus-resteasy-reactive",
            "io.quarkus:quarkus-rest",
            "io.quarkus:quarkus-vertx-http",
            "io.javalin:javalin",
            "io.ktor:ktor-server-netty",
            "io.ktor:ktor-server-cio",
            "io.dropwizard:dropwizard-core",
            "io.vertx:vertx-web",
            "com.sparkjava:spark-core",
            "org.apache.tomcat.embed:tomcat-embed-core",
            "org.eclipse.jetty:jetty-server",
        }
    ),
    "go": frozenset(
        {
            "github.com/gin-gonic/gin",
            "github.com/labstack/echo/v4",
            "github.com/labstack/echo",
            "github.com/gofiber/fiber/v2",
            "github.com/gofiber/fiber/v3",
            "github.com/go-chi/chi/v5",
            "github.com/go-chi/chi",
            "github.com/gorilla/mux",
            "google.golang.org/grpc",
            "github.com/valyala/fasthttp",
            "github.com/julienschmidt/httprouter",
        }
    ),
}

#: packages that are HTTP clients as much as servers: declaring one is no sign that the app listens
#: (aiohttp's ClientSession); only its server API in the code is (`web.Application`, `web.run_app`)
CLIENT_SERVER_DISTS = frozenset({"aiohttp"})

#: in-process server calls of Python that are production servers, and the package that provides
#: each (the development servers, `app.run` and friends, bind a port too but are not what an app
#: should ship with)
PY_EMBEDDED_SERVERS = {
    "uvicorn.run": "uvicorn",
    "waitress.serve": "waitress",
    "hypercorn.asyncio.serve": "hypercorn",
    "bjoern.run": "bjoern",
    "web.run_app": "aiohttp",
    "web.TCPSite": "aiohttp",
    "cherrypy.quickstart": "cherrypy",
    "WSGIServer": "gevent",
    "gevent.pywsgi.WSGIServer": "gevent",
}
#: modules whose bare `serve(app)` is a production server, in order of preference
PY_SERVE_MODULES = ("waitress", "hypercorn")
#: the package whose server objects are started with `<server>.listen(port)` (Tornado)
PY_LISTEN_DIST = "tornado"
#: in-process server calls whose default host is the loopback interface (`app.run()`, `run_simple`)
LOOPBACK_DEFAULT_CALLS = re.compile(r"(^|\.)(run|run_simple|quickstart)$")
#: in-process server calls that bind every interface by default although they match the above
ALL_INTERFACES_CALLS = ("bjoern",)

#: JVM dependencies that embed a web server in the app's own process, and their short names
JVM_SERVER_STARTERS = {
    "org.springframework.boot:spring-boot-starter-web": "spring-boot-starter-web",
    "org.springframework.boot:spring-boot-starter-webflux": "spring-boot-starter-webflux",
    "org.springframework.boot:spring-boot-starter-jetty": "spring-boot-starter-jetty",
    "org.springframework.boot:spring-boot-starter-undertow": "spring-boot-starter-undertow",
    "org.springframework.boot:spring-boot-starter-tomcat": "spring-boot-starter-tomcat",
    "org.springframework.boot:spring-boot-starter-reactor-netty": "spring-boot-starter-reactor-netty",
    "io.ktor:ktor-server-netty": "ktor-server-netty",
    "io.ktor:ktor-server-cio": "ktor-server-cio",
    "io.ktor:ktor-server-jetty": "ktor-server-jetty",
    "io.javalin:javalin": "javalin",
    "com.sparkjava:spark-core": "spark-core",
    "io.vertx:vertx-web": "vertx-web",
    "io.micronaut:micronaut-http-server-netty": "micronaut-http-server-netty",
    "io.quarkus:quarkus-rest": "quarkus-rest",
    "io.quarkus:quarkus-resteasy-reactive": "quarkus-resteasy-reactive",
    "io.quarkus:quarkus-vertx-http": "quarkus-vertx-http",
    "io.dropwizard:dropwizard-core": "dropwizard-core",
    "io.helidon.webserver:helidon-webserver": "helidon-webserver",
}
#: the starter that, in a `provided` scope, expects the servlet container from the environment
JVM_PROVIDED_CONTAINER = "org.springframework.boot:spring-boot-starter-tomcat"
#: Maven and Gradle scopes whose dependencies the runtime environment provides
JVM_PROVIDED_SCOPES = frozenset({"provided", "providedRuntime", "providedCompile", "compileOnly", "compileOnlyApi"})
#: images of servlet containers a WAR is deployed into
SERVLET_IMAGES = re.compile(
    r"(^|/)(tomcat|tomee|jetty|wildfly|jboss|payara|glassfish|open-liberty|websphere-liberty|"
    r"websphere-traditional|weblogic|resin)([-/][\w.-]*)?$",
    re.I,
)
#: folders of those images that deploy what is copied into them
SERVLET_DEPLOY_DIRS = re.compile(r"(^|/)(webapps|deployments|dropins|autodeploy|apps)(/|$)")
#: the Spring setting of the embedded server's port, and its default
SPRING_PORT_SETTING, SPRING_DEFAULT_PORT = "server.port", "8080 (Spring Boot default)"

#: Ruby web servers that run in the app's own process, in order of preference (the first one
#: the Gemfile declares is the app's server)
RUBY_SERVERS = ("puma", "falcon", "unicorn", "thin", "passenger", "iodine", "pitchfork", "agoo")
#: languages whose server calls are judged as Node.js (JavaScript, TypeScript; Prisma schemas share the extractor)
NODE_LANGS = frozenset({"javascript", "typescript", "prisma"})

#: images of Apache HTTPD (an app copied into one runs inside it)
APACHE_IMAGES = frozenset({"httpd", "apache", "apache2"})
#: web-server configuration directives that load the app into the server, and the server they name
#: (a directive that only proxies to a separate server process, `uwsgi_pass`, `JkMount`, is not one)
IN_SERVER_MODULES = (
    (re.compile(r"(?i)^passenger"), None, "Phusion Passenger"),
    (re.compile(r"(?i)^wsgi"), re.compile(r"(?i)wsgi_module"), "Apache mod_wsgi"),
    (None, re.compile(r"(?i)php\w*_module"), "Apache mod_php"),
)
#: a directive switched off (`passenger_enabled off`) loads nothing
DIRECTIVE_OFF = re.compile(r"(?i)\boff\b")


__all__ = [
    "ALL_INTERFACES_CALLS",
    "APACHE_IMAGES",
    "CLIENT_SERVER_DISTS",
    "DIRECTIVE_OFF",
    "IN_SERVER_MODULES",
    "JVM_PROVIDED_CONTAINER",
    "JVM_PROVIDED_SCOPES",
    "JVM_SERVER_STARTERS",
    "LOOPBACK_DEFAULT_CALLS",
    "PY_EMBEDDED_SERVERS",
    "PY_LISTEN_DIST",
    "PY_SERVE_MODULES",
    "RUBY_SERVERS",
    "NODE_LANGS",
    "SERVLET_DEPLOY_DIRS",
    "SERVLET_IMAGES",
    "SPRING_DEFAULT_PORT",
    "SPRING_PORT_SETTING",
    "WEB_DEPS",
]
