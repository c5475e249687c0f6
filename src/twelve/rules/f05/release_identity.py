"""Whether releases have an identity: version tags (F05-S06), or none at all (F05-AP02)."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel import production
from twelve.appmodel.deploy import build_steps, deploy_steps, image_references, platform_files
from twelve.facts import AppFacts
from twelve.model import Location
from twelve.rules.registry import ADVICE, AGAINST, FOR, WEAK, Hit, hit, rule


@rule("F05-S06", factor=5, polarity=FOR, strength=WEAK, basis=ADVICE, ecosystems=("any",), replaces=("F05-S6",))
def release_identity_visible(facts: AppFacts) -> Iterator[Hit]:
    """Version tags in git mark the releases.

    Why it matters: V. Build, release, run — every release carries a unique identity (a version
    or a timestamp) in a ledger that only grows; version tags are a visible form of it (advice).
    Fires on: git tags `v1.2.0`, `2.0.1` (the latest three are shown).
    Near miss: tags that are no version (`nightly`, `stable`).
    Fix: nothing to fix.
    """
    tags = facts.git.version_tags
    if tags:
        yield hit(Location(".git"), what=", ".join(tags[-3:]))


@rule("F05-AP02", factor=5, polarity=AGAINST, strength=WEAK, ecosystems=("deploy",), replaces=("F05-AP2",))
def no_release_identity(facts: AppFacts) -> Iterator[Hit]:
    """The app is built (a Dockerfile, a Procfile) but nothing gives its releases an identity.

    Why it matters: V. Build, release, run — a release is one build plus one deploy's configuration
    under a unique identity, kept in an append-only ledger so that it can be rolled back; without
    one, nobody can say which code runs. Weak: the rubric asks for "ideally identifiable releases",
    so a built artifact with config at run time still meets; this lowers confidence and advises.
    Fires on: a Dockerfile or Procfile with no CI step that tags the build, no deploy step, no
    version tag and no platform descriptor.
    Near miss: a pipeline that builds `app:${{ github.sha }}` (F05-S01); a git tag `v1.0.0`; a
    fly.toml or render.yaml, whose platform keeps the releases; a Deployment that runs
    `app:2.1.0` (F05-S02).
    Fix: build the image once per commit in a pipeline, tag it with the commit SHA or a version,
    deploy that tag, and tag releases in git.
    """
    builds = production(facts.of("docker.file")) or production(facts.of("procfile.process"))
    if not builds:
        return
    if build_steps(facts) or deploy_steps(facts) or facts.git.version_tags or platform_files(facts):
        return
    if any(found.state == "immutable" for found in image_references(facts)):
        return  # the deploy manifests name a version or a digest (F05-S02)
    yield hit(builds[0], file=builds[0].path)
