"""Rules specific to Ruby (Rails, Sinatra, Puma, Sidekiq): the catalogue's per-ecosystem signals, all factors."""

from __future__ import annotations
