"""II. Dependencies: Bundler isolates the Ruby app's gems at run time."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import bundler_isolation as isolation
from twelve.appmodel.packages import gemfiles
from twelve.facts import AppFacts
from twelve.rules.registry import FOR, MODERATE, Hit, hit, rule


@rule("F02-S16", factor=2, polarity=FOR, strength=MODERATE, ecosystems=("rb",))
def bundler_isolation(facts: AppFacts) -> Iterator[Hit]:
    """The Ruby app runs with exactly the gems of its bundle.

    Why it matters: II. Dependencies — the methodology's own example of a dependency isolation tool
    for Ruby is `bundle exec`: with the Gemfile as the declaration, no gem installed system-wide
    can leak into the process.
    Fires on: `bundle exec puma` in a Procfile, Dockerfile or start script; `ENV BUNDLE_DEPLOYMENT=1`
    or `BUNDLE_FROZEN=true`; `bundle config set deployment true`; `bundle install --deployment`.
    Near miss: `puma -C config/puma.rb` started bare; a Ruby app without a Gemfile.
    Fix: nothing to fix.
    """
    if not gemfiles(facts):
        return
    found = isolation(facts)
    if found:
        yield hit(*[fact for _how, fact in found][:4], how=[how for how, _fact in found])
