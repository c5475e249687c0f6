"""I. Codebase — one codebase tracked in revision control, many deploys.

The factor asks that every app live in exactly one repository of a version-control system, that
each deploy run a revision of it, and that apps sharing code get that code as a library rather
than by sharing or embedding a repository. A repository holding several apps is a distributed
system, not one app.

Modules (one rule concept each):

- ``version_control``: F01-S01 the code is tracked, with commits; F01-AP01 a Git repository
  without any commit.
- ``no_version_control``: F01-NE no version-control metadata at all (nothing to judge).
- ``one_app``: F01-S02 the repository holds one app; F01-S05 it holds several.
- ``submodule``: F01-S07 a Git submodule brings another codebase's source into the app.
- ``app_copy``: F01-AP02 a copy or an old version of an app kept as a directory of the repository.
"""
