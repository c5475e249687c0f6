"""The data that flows between the pipeline's stages.

Findings, verdicts and assessments are plain frozen dataclasses: they carry message *keys* and
parameters, never rendered sentences, so that one assessment can be reported in any language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class _Named(str, Enum):
    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


class Status(_Named):
    MEETS = "meets"
    PARTIAL = "partial"
    DOES_NOT_MEET = "does_not_meet"
    NOT_APPLICABLE = "not_applicable"
    INCONCLUSIVE = "inconclusive"


class Confidence(_Named):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Polarity(_Named):
    FOR = "for"
    AGAINST = "against"
    NEUTRAL = "neutral"


class Strength(_Named):
    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"

    @property
    def rank(self) -> int:
        return {"strong": 3, "moderate": 2, "weak": 1}[self.value]


class Basis(_Named):
    CANONICAL = "canonical"
    ADVICE = "advice"


class Effect(_Named):
    """What a neutral finding does to its factor's verdict."""

    NONE = "none"
    NOT_APPLICABLE = "not_applicable"
    INCONCLUSIVE = "inconclusive"


class Scope(_Named):
    """Where a file sits with respect to production (criteria §0.3)."""

    PRODUCTION = "production"
    DEV = "dev"
    TEST = "test"
    EXAMPLE = "example"
    DOCS = "docs"
    VENDORED = "vendored"
    GENERATED = "generated"
    #: CI tooling around the pipeline (helper scripts under .github/, ci/...): not the app
    CI = "ci"


#: a scope by its value, for data read back from caches and workers
SCOPES: dict[str, Scope] = {scope.value: scope for scope in Scope}


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence to be rendered from the message catalogue: a key and its parameters."""

    key: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, key: str, **params: object) -> Message:
        return cls(key, tuple(sorted((k, "" if v is None else str(v)) for k, v in params.items())))

    def param_dict(self) -> dict[str, str]:
        return dict(self.params)


@dataclass(frozen=True, slots=True, order=True)
class Location:
    path: str
    line: int | None = None
    excerpt: str = ""


@dataclass(frozen=True, slots=True)
class Waiver:
    reason: str
    source: str  # "config" or "inline"
    expires: str | None = None
    #: where the waiver is written: the config file (``pyproject.toml``) or ``path:line`` of the comment
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    factor: int
    polarity: Polarity
    strength: Strength
    basis: Basis
    message: Message
    locations: tuple[Location, ...] = ()
    remediation: Message | None = None
    scope: Scope = Scope.PRODUCTION
    effect: Effect = Effect.NONE
    waiver: Waiver | None = None
    #: decided by the verdict stage: the finding concerns the app as it runs in production (a
    #: finding against in test, example, docs or dev-only files does not, unless its rule counts
    #: in every scope); reports render this decision, they never make it again
    in_scope: bool = True

    @property
    def counts(self) -> bool:
        """Whether the finding may move the verdict (not waived)."""
        return self.waiver is None

    @property
    def counted(self) -> bool:
        """Whether the finding counted towards its factor's verdict (in scope and not waived)."""
        return self.in_scope and self.waiver is None

    def sort_key(self) -> tuple:
        first = self.locations[0] if self.locations else Location("")
        return (self.factor, self.rule, first.path, first.line or 0, self.message.params)


@dataclass(frozen=True, slots=True)
class FactorVerdict:
    factor: int
    status: Status
    confidence: Confidence
    justification: tuple[Message, ...]
    findings: tuple[Finding, ...]
    adjustments: tuple[Message, ...] = ()
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Coverage:
    files_seen: int
    files_analyzed: int
    skipped: tuple[Skipped, ...] = ()
    errors: tuple[Skipped, ...] = ()
    #: files read although an ignore file matches them, because git tracks them
    tracked_ignored: tuple[str, ...] = ()
    #: what could not be read in full and what that costs (e.g. git metadata over its bounds)
    notes: tuple[Message, ...] = ()


@dataclass(frozen=True, slots=True)
class AppAssessment:
    path: str  # relative to the target root, "." for the root itself
    name: str
    stacks: tuple[str, ...]
    verdicts: tuple[FactorVerdict, ...]

    def verdict(self, factor: int) -> FactorVerdict:
        return self.verdicts[factor - 1]


@dataclass(frozen=True, slots=True)
class Target:
    path: str
    name: str
    commit: str | None = None
    is_repository: bool = False


@dataclass(frozen=True, slots=True)
class PolicyViolation:
    kind: str  # "fail_on" or "min_meets"
    app: str  # the app's path, "." for the target itself
    factor: int | None
    message: Message


@dataclass(frozen=True, slots=True)
class PolicyResult:
    """The exit-code policy the user set (``--fail-on``, ``--min-meets``) and what breaks it."""

    fail_on: str | None = None
    min_meets: int | None = None
    violations: tuple[PolicyViolation, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.violations


@dataclass(frozen=True, slots=True)
class Selection:
    """What narrowed a run (rules turned off, paths left out), and where each setting came from:
    the repository's configuration file is hostile input, so every report states it."""

    select: tuple[str, ...] = ()  # the rule-id prefixes in force
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    config_file: str | None = None
    #: what the configuration file asked for (in force unless the command line replaced it)
    config_select: tuple[str, ...] = ()
    config_ignore: tuple[str, ...] = ()
    config_exclude: tuple[str, ...] = ()
    overridden: tuple[str, ...] = ()  # the file's keys the command line replaced
    rules_total: int = 0
    rules_not_run: tuple[str, ...] = ()
    not_assessed: tuple[int, ...] = ()  # factors none of whose rules ran
    not_assessed_by_config: tuple[int, ...] = ()  # ... because of the configuration file
    statements: tuple[Message, ...] = ()  # the sentences every report shows


@dataclass(frozen=True, slots=True)
class KindEvidence:
    """One fact behind the reading of the target as an app or a library (issue 12)."""

    path: str
    line: int | None
    #: what the file says: a package declaration ("python_project", "node_package", "gemspec",
    #: "gradle_library", "maven_library", "go_module", "python_setup") or a sign of a deployment
    #: ("dockerfile", "procfile", "compose_build", "kubernetes", "platform", "start_script",
    #: "server", "django_project", "jvm_app", "go_main", "runs_app": production code that creates or starts
    #: an app, a server, a bot or a worker)
    what: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ProjectKind:
    """Whether the target is read as a deployable app or as a library/framework, and why."""

    kind: str  # "app" or "library"
    requested: str = "auto"  # "auto", "app" or "library"
    source: str = "detected"  # "detected", "cli" or "config"
    #: the distributable packages the root's manifests declare
    package: tuple[KindEvidence, ...] = ()
    #: the signs of a deployment found (any one keeps the reading "app")
    deploys: tuple[KindEvidence, ...] = ()
    #: under an override, what the files alone would have given
    detected: str | None = None

    @property
    def is_library(self) -> bool:
        return self.kind == "library"


@dataclass(frozen=True, slots=True)
class Assessment:
    tool_version: str
    target: Target
    apps: tuple[AppAssessment, ...]
    coverage: Coverage
    profile: str = "canonical"
    internal_errors: tuple[str, ...] = field(default=())
    #: things the user should know that are not findings: expired or unused waivers, inline
    #: waivers that cannot apply (no reason, unknown rule), the configuration file used
    notices: tuple[Message, ...] = ()
    #: the policy's outcome, when a policy was set
    policy: PolicyResult | None = None
    #: the configuration file applied (as the user would name it), if any
    config_file: str | None = None
    #: what narrowed the run (None when nothing did): stated in every report
    selection: Selection | None = None
    #: whether the target was read as an app or a library, and why (None: not decided)
    kind: ProjectKind | None = None

    @property
    def main(self) -> AppAssessment:
        return self.apps[0]
