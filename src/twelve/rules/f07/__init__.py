"""VII. Port binding: the app is self-contained and exports its service by binding a port.

The web server is a declared dependency running in the app's own process, which listens on a port
the environment chooses; the app is never loaded into a server the environment provides. The
rules read what serves the app's HTTP and how it binds (``twelve.appmodel.serving``), from the
production start commands (``twelve.appmodel.starts``).

Modules, one rule each:

- ``no_network_service`` (F07-NA): the app's processes export no network service;
- ``own_server`` (F07-S01): the app's own process serves and binds (Python, Node.js, Go, JVM, Ruby);
- ``server_not_declared`` (F07-AP02): the server that starts the app is not a declared dependency;
- ``declared_port`` (F07-S06): the deploy definition states the port;
- ``injected_server`` (F07-S07): the app is loaded into a server of the environment (a WAR in a
  servlet container, a module of Apache HTTPD);
- ``no_listener`` (F07-S09): a web app whose start commands start no server;
- ``hard_coded_port`` (F07-S10): a literal port in the start path or the code;
- ``loopback_only`` (F07-S11): the server binds 127.0.0.1 only;
- ``web_app_without_start`` (F07-NE): a web app with no start command at all.
"""
