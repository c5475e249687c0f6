"""Nothing defines a production environment: development is the only one (F10-AP02)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.deploy import development_setup, host_recipes, production_paths, recipe_dev_server
from twelve.facts import AppFacts
from twelve.model import Location, Scope
from twelve.rules.registry import AGAINST, MODERATE, STRONG, Hit, hit, rule


@rule("F10-AP02", factor=10, polarity=AGAINST, strength=STRONG, ecosystems=("any",))
def no_production_environment(facts: AppFacts) -> Iterator[Hit]:
    """No production environment is defined: there is nothing to compare development with.

    Moderate (variant `recipe`) when the docs give a host recipe that installs and starts the app
    (`pip install -r requirements.txt`, then `python worker.py`): the one way to run it is alike
    everywhere, but nothing pins that environment. Variant `devonly` when the only setup that
    runs the app is a development one (a development server on every start path or in the docs'
    recipe, a committed `DEBUG=1` its compose service loads).

    Why it matters: X. Dev/prod parity — parity is kept between development and production; with
    only a development setup (or none), production is whatever the person deploying improvises,
    with its own services, versions and settings.
    Fires on: a repository with no Procfile or platform file, Kubernetes or Helm definition,
    deploying or publishing pipeline, documented deploy, or image whose start can serve
    production; a Dockerfile and compose file that run `manage.py runserver` with `DEBUG=1`.
    Near miss: the same repository with a Procfile (`web: gunicorn app:app`), a Kubernetes
    Deployment, a deploy descriptor (`vercel.json`, `serverless.yml`), or a README section that
    deploys to a server; a Dockerfile that starts gunicorn.
    Fix: define the production environment in the repository (a Procfile for a platform, or an
    image with a production server plus the manifests or pipeline that deploy it), with the same
    backing services and versions as development.
    """
    if not facts.app.stacks:
        return  # an app twelve cannot read: its verdict is inconclusive
    if production_paths(facts):
        return
    recipes = host_recipes(facts)
    dev = development_setup(facts)
    serving = [r for r in recipes if recipe_dev_server(facts, r) is None]
    if serving and dev is None:
        recipe = serving[0]
        yield hit(
            recipe.install,
            recipe.start,
            strength=MODERATE,
            scope=Scope.PRODUCTION,
            variant="recipe",
            doc=recipe.doc,
            section=recipe.section.rsplit(" / ", 1)[-1],
        )
    elif dev is not None:
        yield hit(dev, scope=Scope.PRODUCTION, variant="devonly", file=dev.path)
    elif recipes:  # the docs start a development server (`flask run`, a script's `app.run()`)
        yield hit(recipes[0].start, scope=Scope.PRODUCTION, variant="devonly", file=recipes[0].doc)
    else:
        yield hit(Location("."), scope=Scope.PRODUCTION)
