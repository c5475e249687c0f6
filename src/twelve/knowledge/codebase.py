"""The codebase: version-control systems, and the submodules that hold something other than an
app's source (12factor.net I: one codebase per app; code shared between apps is a library)."""

from __future__ import annotations

import re

#: the version-control systems twelve recognises and how a person calls them
VCS_NAMES = {"git": "Git", "hg": "Mercurial", "svn": "Subversion"}
#: submodule paths that hold documentation, themes, schemas, vendored or third-party code, assets:
#: another repository's files, but not another app's source
NOT_APP_SUBMODULE = re.compile(r"(?i)(^|/)(docs?|documentation|themes?|proto(s|buf)?|schemas?|vendor|third[_-]?party|"
                               r"assets|fonts|icons|site|website|\.github)(/|$)")


def holds_app_source(path: str | None) -> bool:
    """Whether a submodule checked out at *path* may hold application code."""
    return not NOT_APP_SUBMODULE.search(path or "")


__all__ = ["NOT_APP_SUBMODULE", "VCS_NAMES", "holds_app_source"]
