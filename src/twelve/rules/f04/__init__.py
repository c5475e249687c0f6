"""IV. Backing services: every service the app consumes over the network (a database, a cache, a
queue, mail, object storage, another team's API) is an attached resource, reached through a
locator held in configuration, so that a deploy can swap a local database for a managed one, or
any resource for another, without touching the code.

The rules read how each client finds its service (``twelve.appmodel.locators``) and which
services the app reaches (``twelve.appmodel.services``):

- ``locator_source``: the locator comes from configuration, in every stack and in Spring
  properties (F04-S01), or is written in the code that builds the client (F04-S06);
- ``committed_locators``: the locator is kept in a committed configuration file or module, or a
  committed env file the deploy loads (F04-S10);
- ``local_remote_branch``: code that takes another path for a local than for a remote resource
  (F04-S07);
- ``local_resource``: SQLite files and Unix sockets standing in for a service (F04-S08);
- ``descriptor_locators``: deploy descriptors that hand the app its locators (F04-S09);
- ``no_backing_service``: the app reaches no backing service at all (F04-NA);
- ``no_client_setup``: drivers are declared but no connection set-up was found (F04-NE).
"""
