"""Rules specific to Go: the catalogue's per-ecosystem signals, all factors."""

from __future__ import annotations
