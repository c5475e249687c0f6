"""Build work done while building the image (F05-S04) or at every start (F05-S08): the two
polarities of one concept, read from ``twelve.appmodel.deploy``."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.deploy import image_build_commands, start_build_commands
from twelve.facts import AppFacts
from twelve.rules.registry import AGAINST, FOR, MODERATE, STRONG, Hit, hit, rule


@rule("F05-S04", factor=5, polarity=FOR, strength=MODERATE, ecosystems=("deploy",), replaces=("F05-S4",))
def build_work_at_build_time(facts: AppFacts) -> Iterator[Hit]:
    """The image build installs dependencies and compiles assets.

    Why it matters: V. Build, release, run — dependencies are fetched and assets compiled in the
    build stage, so the run stage only starts a finished artifact.
    Fires on: the first production Dockerfile `RUN` that does build work: `pip install -r
    requirements.txt`, `npm ci`, `mvn package`, `bundle install`, `manage.py collectstatic`.
    Near miss: a Dockerfile that only copies files; `RUN apt-get install` (system packages).
    Fix: nothing to fix.
    """
    for found in image_build_commands(facts)[:1]:
        yield hit(found.fact, file=found.fact.path, command=" ".join(found.argv[:5]))


@rule("F05-S08", factor=5, polarity=AGAINST, strength=STRONG, ecosystems=("deploy",), replaces=("F05-S8",))
def build_at_start(facts: AppFacts) -> Iterator[Hit]:
    """The start command builds: it installs dependencies or compiles assets at every start.

    Why it matters: V. Build, release, run — the run stage starts processes from a finished
    release; building at start makes each start depend on the network and on tools, and blurs
    the line between the stages.
    Fires on: `CMD npm install && npm start`, a Procfile `web: pip install -r requirements.txt &&
    gunicorn app:app`, an entrypoint script that runs `bundle exec rails assets:precompile` or
    `manage.py collectstatic`.
    Near miss: the same commands in a Dockerfile `RUN` (F05-S04); `npm start`.
    Fix: move the build command into the image build (a Dockerfile `RUN` step).
    """
    for found in start_build_commands(facts):
        yield hit(found.fact, command=" ".join(found.argv[:5]), file=found.fact.path)
