"""twelve: assess a repository against the Twelve-Factor App methodology, factor by factor.

>>> from twelve import assess
>>> result = assess("path/to/repo")
>>> result.main.verdict(3).status
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from twelve._version import __version__

if TYPE_CHECKING:
    from twelve.model import Assessment
    from twelve.pipeline import Options


def assess(path: str, options: Options | None = None, **kwargs: Any) -> Assessment:
    """Assess the directory at *path*; keyword arguments build :class:`twelve.pipeline.Options`."""
    from twelve.pipeline import Options
    from twelve.pipeline import assess as _assess

    if options is None:
        options = Options(**kwargs)
    return _assess(path, options)


__all__ = ["__version__", "assess"]
