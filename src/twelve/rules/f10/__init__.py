"""X. Dev/prod parity: keep development, staging and production as alike as possible — a small
time gap (code reaches production hours after it is written), a small personnel gap (the people
who write it deploy it) and a small tools gap (the same type and version of every backing
service in every environment).

Unlike the other factors, development-only files (compose overrides, dev settings, test
configuration) are the evidence here, so they are read rather than filtered out; a finding that
compares them with production definitions or production code is reported in production scope.
The rules read the environments and the engines each defines (``twelve.appmodel.environments``:
compose files, CI service containers, Kubernetes workloads, Helm values and chart dependencies,
platform databases and add-ons, Spring profiles, Rails database.yml environments, settings
classes) and how the app is deployed (``twelve.appmodel.deploy``):

- ``same_engines``: development runs the engine and version production runs (F10-S01);
- ``ci_services``: CI tests run against a real service of the production engine (F10-S02);
- ``dev_image``: development builds the production Dockerfile (F10-S03);
- ``continuous_deployment``: merged code is deployed automatically (F10-S04), or nothing deploys
  it automatically (F10-AP01);
- ``database_engine``: an embedded database stands in for the production server (F10-S07);
- ``stand_in_services``: a local cache, queue, mail or cable stand-in in development, in Python
  settings and Rails environments (F10-S08);
- ``version_drift``: definitions disagree on a service's version (F10-S09);
- ``manual_deployment``: deploys documented as a manual procedure (F10-S10);
- ``no_production``: nothing defines a production environment, only development or a host
  recipe (F10-AP02).
"""
