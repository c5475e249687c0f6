"""Rules specific to deploy descriptors (Kubernetes, Helm, Kustomize, platforms, CI): the catalogue's per-ecosystem signals, all factors."""

from __future__ import annotations
