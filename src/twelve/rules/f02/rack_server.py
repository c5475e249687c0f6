"""II. Dependencies: a Ruby app's Rack framework with no server gem in its bundle."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import missing_rack_server
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F02-S27", factor=2, polarity=AGAINST, strength=MODERATE, ecosystems=("rb",))
def rack_server_not_declared(facts: AppFacts) -> Iterator[Hit]:
    """A Ruby app built on a Rack framework declares no server gem to run it.

    Why it matters: II. Dependencies — the app must not rely on a server its execution environment
    happens to provide: Sinatra, Roda, Hanami and Grape (and Rails 7 or later) need a Rack server
    gem at run time, and Ruby 3 no longer ships WEBrick, so the server is an undeclared runtime
    dependency.
    Fires on: a Gemfile with `sinatra` (or `roda`, `grape`, `hanami`, `rails` 7.x) whose bundle
    holds none of puma, falcon, unicorn, thin, passenger, iodine, pitchfork, agoo or webrick.
    Near miss: `gem "puma"` next to sinatra; a server brought in by another gem (it is in
    Gemfile.lock); Rails 6 or earlier; a gem library (a Gemfile with `gemspec`); a Passenger base image.
    Fix: add the server gem (puma is the usual choice) to the Gemfile and lock it.
    """
    for missing in missing_rack_server(facts):
        yield hit(missing.evidence or missing.manifest, framework=missing.framework, manifest=missing.manifest.path)
