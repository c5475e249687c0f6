"""The exit-code policy a pipeline sets: ``--fail-on does_not_meet|partial`` and ``--min-meets N``.

The policy never changes a verdict; it only says whether the verdicts are acceptable. It applies
to every app of the repository (the main one and any other app root): a monorepo passes only when
each of its apps does.

* ``fail_on = "does_not_meet"``: a factor that does not meet breaks the policy;
* ``fail_on = "partial"`` (the strict gate: every factor must be shown to meet): a factor that
  does not meet, only partially meets or is ``inconclusive`` (twelve could not tell it meets)
  breaks it; ``not_applicable`` never does;
* ``fail_on = "does_not_meet"`` never fails on ``inconclusive``: only a shown failure counts;
* ``min_meets = N``: fewer than N factors that meet break it; a library (issue 12) is held to at
  most the number of factors that apply to it (I and II), since ``not_applicable`` never breaks it.

Whatever the threshold, a gate never passes on no evidence (issue 11: the analyzed repository
must not be able to switch it off):

* a run that analysed no file breaks it (``nothing_analyzed``): everything excluded, an empty
  directory, only binaries;
* a factor none of whose rules ran because the repository's configuration file turned them off
  breaks it (``not_assessed``); a factor the command line deselected is the caller's own choice
  and is only stated in the report;
* an app none of whose twelve factors could be decided (each inconclusive or not assessed)
  breaks it (``undecided``); for a library (issue 12), whose factors III to XII are not
  applicable, that means neither I nor II could be decided.
"""

from __future__ import annotations

from collections.abc import Iterable

from twelve.factors import factor
from twelve.model import AppAssessment, Message, PolicyResult, PolicyViolation, Status

FAILING: dict[str, frozenset[Status]] = {
    "does_not_meet": frozenset({Status.DOES_NOT_MEET}),
    "partial": frozenset({Status.DOES_NOT_MEET, Status.PARTIAL, Status.INCONCLUSIVE}),
}


def evaluate(
    apps: Iterable[AppAssessment],
    fail_on: str | None,
    min_meets: int | None,
    *,
    analyzed: int | None = None,
    not_assessed: Iterable[int] = (),
    deselected: Iterable[int] = (),
    library: bool = False,
) -> PolicyResult | None:
    """The policy's outcome on *apps*, or None when no policy was set. *analyzed*: how many files
    the run read (None: unknown, not judged); *not_assessed*: the factors the configuration file
    left without any rule; *deselected*: every factor none of whose rules ran (by the command
    line or the file): its verdict is "not assessed", never a ``fail_on`` violation by itself."""
    if fail_on is None and min_meets is None:
        return None
    if fail_on is not None and fail_on not in FAILING:
        raise ValueError(f"unknown fail-on threshold: {fail_on}")
    violations: list[PolicyViolation] = []
    if analyzed == 0:
        violations.append(PolicyViolation("nothing_analyzed", ".", None, Message.of("policy.nothing_analyzed")))
    unassessed = sorted(set(not_assessed))
    skipped = set(deselected) | set(unassessed)
    for number in unassessed:
        violations.append(
            PolicyViolation("not_assessed", ".", number, Message.of("policy.not_assessed", roman=factor(number).roman))
        )
    for app in apps:
        if fail_on is not None and analyzed != 0:  # nothing analysed: that one violation says it all
            for verdict in app.verdicts:
                if verdict.status in FAILING[fail_on] and verdict.factor not in skipped:
                    params = (
                        ("app", app.name),
                        ("roman", factor(verdict.factor).roman),
                        ("status", Message(f"status.{verdict.status.value}")),
                        ("threshold", fail_on),
                    )
                    violations.append(
                        PolicyViolation("fail_on", app.path, verdict.factor, Message("policy.fail_on", params))  # type: ignore[arg-type]
                    )
        if min_meets is not None:
            meets = sum(1 for v in app.verdicts if v.status is Status.MEETS)
            # a library is assessed on the factors that apply to it: not applicable never trips a gate
            required = min(min_meets, sum(1 for v in app.verdicts if v.status is not Status.NOT_APPLICABLE))
            if meets < (required if library else min_meets):
                violations.append(
                    PolicyViolation(
                        "min_meets",
                        app.path,
                        None,
                        Message.of(
                            "policy.min_meets", app=app.name, meets=meets, required=required if library else min_meets
                        ),
                    )
                )
        if (
            analyzed != 0
            and app.verdicts
            and all(
                v.status is Status.INCONCLUSIVE
                or v.factor in skipped
                or (library and v.status is Status.NOT_APPLICABLE)  # a library's III-XII decide nothing
                for v in app.verdicts
            )
        ):
            violations.append(
                PolicyViolation("undecided", app.path, None, Message.of("policy.undecided", app=app.name))
            )
    return PolicyResult(fail_on, min_meets, tuple(violations))
