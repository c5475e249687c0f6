"""F07-S07: the app is loaded into a web server the environment provides."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import production, serving
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule(
    "F07-S07", factor=7, polarity=AGAINST, strength=STRONG, ecosystems=("java", "deploy"), replaces=("F07-S7", "F07-S8")
)
def injected_server(facts: AppFacts) -> Iterator[Hit]:
    """The app runs inside a server of its environment instead of binding its own port.

    A WAR in a servlet container has the `war` sentences (`initializer` when the build expects
    an external Tomcat); a module loaded into Apache HTTPD, Passenger or mod_wsgi the plain ones.
    Why it matters: VII. Port binding — the methodology names a PHP app running as a module of
    Apache HTTPD and a Java app deployed inside Tomcat as the pattern to avoid: the server is
    injected by the environment at run time instead of being part of the app.
    Fires on: `<packaging>war</packaging>` with `FROM tomcat` copying into webapps/;
    SpringBootServletInitializer with spring-boot-starter-tomcat `provided`; `WSGIScriptAlias`,
    `passenger_enabled on`, `LoadModule php_module`; `FROM php:8-apache` or `FROM httpd`.
    Near miss: a WAR started with `java -jar`; `uwsgi_pass` or `JkMount` (a proxy to a separate
    server process); `passenger_enabled off`; nginx proxying to the app's port.
    Fix: declare a server library, start it from the app's process and route traffic to its port.
    """
    for war in serving.war_deployments(facts):
        if war.image:
            yield hit(*war.where, variant="war", image=war.image, dest=war.dest, path=war.path)
        else:
            yield hit(*war.where, variant="initializer", image="", dest="", path=war.path, manifest=war.manifest)
    for fact in production(facts.of("webserver.module")):
        server = serving.in_server_module(fact)
        if server is not None:
            yield hit(fact, server=server, detail=fact.excerpt, path=fact.path)
    for fact, server in serving.apache_images(facts):
        yield hit(fact, server=server, detail=fact.excerpt, path=fact.path)
