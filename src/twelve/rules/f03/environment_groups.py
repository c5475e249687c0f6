"""III. Config: deploy values grouped into named environments."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.config import deploy_literal, environment_groups
from twelve.facts import AppFacts
from twelve.facts.model import Fact
from twelve.knowledge.config import ENVIRONMENT_CLASS, ENVIRONMENT_SETTINGS_FILE
from twelve.model import Scope
from twelve.rules.registry import AGAINST, MODERATE, Hit, hit, rule


@rule("F03-S10", factor=3, polarity=AGAINST, strength=MODERATE, ecosystems=("py", "java", "rb"))
def environment_grouped_config(facts: AppFacts) -> Iterator[Hit]:
    """Deploy values grouped per named environment: settings classes, modules or the selection of one.

    Why it matters: III. Config — grouping config into named environments (development, staging,
    production) does not scale as deploys multiply; environment variables are granular controls,
    set independently for each deploy.
    Fires on: `class ProductionConfig:` holding a database URL with credentials;
    `app.config.from_object("config.ProductionConfig")`; `settings/production.py` with literal
    deploy values; a Spring profile file (`application-prod.yml`) that writes a service's host
    (`spring.redis.host: 10.1.2.3`, variant `spring`); a Rails environment file
    (`config/environments/production.rb`) or database.yml's production block that writes a
    service's host or URL (variant `rails`). Moderate, the rubric's partial: per-environment
    groups, not a handle written in the app's code.
    Near miss: a `ProductionConfig` that only sets behaviour (`DEBUG = False`); environment classes
    that read every value from the environment; a `dev` or `test` profile or Rails environment;
    `localhost`; a credential F03-S02 already reports.
    Fix: replace the per-environment groups by one set of settings read from environment variables.
    """
    classes: dict[str, list[Fact]] = {}
    for fact in facts.of("config.assign"):
        cls = fact.data.class_ or ""
        if cls and ENVIRONMENT_CLASS.search(cls) and deploy_literal(fact):
            classes.setdefault(cls, []).append(fact)
    for cls, values in sorted(classes.items()):
        names = sorted({v.data.name for v in values})
        yield hit(*values[:3], scope=Scope.PRODUCTION, group=cls, names=names, file=values[0].path)
    for fact in facts.of("config.select"):
        value = fact.data.value
        target = value.value if value is not None and value.source == "literal" else None
        if isinstance(target, str) and ENVIRONMENT_CLASS.search(target.rsplit(".", 1)[-1]):
            yield hit(fact, scope=Scope.PRODUCTION, group=target, names="from_object", file=fact.path)
    by_file: dict[str, list[Fact]] = {}
    for fact in facts.of("config.assign"):
        if ENVIRONMENT_SETTINGS_FILE.search(fact.path) and deploy_literal(fact):
            by_file.setdefault(fact.path, []).append(fact)
    for path, values in sorted(by_file.items()):
        yield hit(
            *values[:3], scope=Scope.PRODUCTION, group=path, names=sorted({v.data.name for v in values}), file=path
        )
    for group in environment_groups(facts):
        yield hit(
            *group.facts[:3],
            scope=Scope.PRODUCTION,
            variant=group.framework,
            group=group.environment,
            names=list(group.names),
            file=group.file,
        )
