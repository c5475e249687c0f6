"""Rules specific to Java / Kotlin (Spring Boot, servlets): the catalogue's per-ecosystem signals, all factors."""

from __future__ import annotations
