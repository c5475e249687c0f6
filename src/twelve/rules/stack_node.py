"""Rules specific to Node.js / TypeScript: the catalogue's per-ecosystem signals, all factors."""

from __future__ import annotations
