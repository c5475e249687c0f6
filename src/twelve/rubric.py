"""Each factor's decision, line by line: the verdict rubric as data.

The verdict stage (:mod:`twelve.verdict`) applies one policy to every factor: a not-applicable
gate, then a strong canonical finding against (does not meet), then a strong or moderate one
against (partial), then nothing decisive (partial, low confidence), then a finding for (meets).
What makes a factor meet or fail is therefore which rules exist, on which side and how strong.
This table states it per factor, one line per outcome, with the rules that realise the line, so a
reader can check a factor against the rubric (docs/verdicts.md) line by line; ``twelve explain
F05`` prints it and ``tests/test_rubric.py`` checks it against the rules' metadata (every rule of
the factor sits on a line its polarity, strength and basis can produce).

The sentence of each line lives in the catalogues under ``rubric.Fnn.<outcome>``. Factors III to
XII also have a not-applicable line for a repository read as a library or framework (issue 12,
:mod:`twelve.appmodel.project_kind`): the pipeline sets it, no rule does, so its rule list may be
empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Outcome(str, Enum):
    NOT_APPLICABLE = "not_applicable"
    DOES_NOT_MEET = "does_not_meet"
    PARTIAL = "partial"
    MEETS = "meets"
    #: no finding decides: partial with low confidence, saying what is missing
    NOTHING = "nothing"
    #: weak findings and advice: lower the confidence and add adjustments, never move the status
    ADVICE = "advice"


@dataclass(frozen=True, slots=True)
class Line:
    outcome: Outcome
    rules: tuple[str, ...]

    def key(self, number: int) -> str:
        return f"rubric.F{number:02d}.{self.outcome.value}"


def _lines(**by_outcome: tuple[str, ...]) -> tuple[Line, ...]:
    order = list(Outcome)
    return tuple(
        sorted(
            (Line(Outcome(name), rules) for name, rules in by_outcome.items()),
            key=lambda line: order.index(line.outcome),
        )
    )


RUBRIC: dict[int, tuple[Line, ...]] = {
    1: _lines(
        does_not_meet=("F01-AP02",),
        partial=("F01-S05", "F01-S07", "F01-AP01"),
        meets=("F01-S01", "F01-S02"),
        nothing=("F01-NE",),
    ),
    2: _lines(
        does_not_meet=("F02-AP01", "F02-S09", "F02-S22"),
        partial=("F02-S07", "F02-S08", "F02-S10", "F02-S11", "F02-S12", "F02-S13", "F02-S21", "F02-S24", "F02-S27"),
        meets=("F02-S01", "F02-S02", "F02-S14", "F02-S16", "F02-S17", "F02-S23"),
        nothing=(),
        advice=("F02-S20", "F02-S25", "F02-S26"),
    ),
    3: _lines(
        not_applicable=(),  # a library or framework (issue 12): set by the pipeline, no rule
        does_not_meet=("F03-S01", "F03-S02", "F03-AP01"),
        partial=("F03-S07", "F03-S08", "F03-S10", "F03-S11", "F03-S12", "F03-AP03"),
        meets=("F03-S15", "F03-S21", "F03-S22"),
        nothing=(),
        advice=("F03-S09", "F03-S13", "F03-S14", "F03-S20"),
    ),
    4: _lines(
        not_applicable=("F04-NA",),
        does_not_meet=("F04-S06",),
        partial=("F04-S07", "F04-S08", "F04-S10"),
        meets=("F04-S01", "F04-S09"),
        nothing=("F04-NE",),
    ),
    5: _lines(
        not_applicable=(),  # a library or framework (issue 12): set by the pipeline, no rule
        does_not_meet=("F05-AP01", "F05-AP03", "F05-S08", "F05-S09"),
        partial=("F05-S07", "F05-S10", "F05-S11", "F05-S12"),
        meets=("F05-S01", "F05-S02", "F05-S04"),
        nothing=(),
        advice=("F05-S06", "F05-AP02"),
    ),
    6: _lines(
        not_applicable=(),  # a library or framework (issue 12): set by the pipeline, no rule
        does_not_meet=("F06-S01", "F06-S02", "F06-S06"),
        partial=("F06-S07", "F06-S14"),
        meets=("F06-S10", "F06-S11", "F06-S13", "F06-AP01"),
        nothing=(),
        advice=("F06-S08", "F06-S09", "F06-S12"),
    ),
    7: _lines(
        not_applicable=("F07-NA",),
        does_not_meet=("F07-S07",),
        partial=("F07-AP02", "F07-AP03", "F07-S09", "F07-S11"),
        meets=("F07-S01", "F07-S06"),
        nothing=("F07-NE",),
        advice=("F07-S10",),
    ),
    8: _lines(
        not_applicable=(),  # a library or framework (issue 12): set by the pipeline, no rule
        does_not_meet=("F08-S04", "F08-S05", "F08-S10"),
        partial=("F08-AP02", "F08-S06", "F08-S07", "F08-S08"),
        meets=("F08-S01", "F08-S02", "F08-S03"),
        nothing=(),
        advice=("F08-S09",),
    ),
    9: _lines(
        not_applicable=(),  # a library or framework (issue 12): set by the pipeline, no rule
        does_not_meet=("F09-S13",),
        partial=("F09-AP02", "F09-AP03", "F09-S07", "F09-S11", "F09-S12", "F09-S16", "F09-S19"),
        meets=("F09-S01", "F09-S06", "F09-S08", "F09-S09"),
        nothing=("F09-NE",),
        advice=("F09-S14", "F09-S15", "F09-S17"),
    ),
    10: _lines(
        not_applicable=(),  # a library or framework (issue 12): set by the pipeline, no rule
        does_not_meet=("F10-AP02",),
        partial=("F10-S07", "F10-S08", "F10-S09", "F10-S10", "F10-S11"),
        meets=("F10-S01", "F10-S02", "F10-S03", "F10-S04"),
        nothing=(),
        advice=("F10-AP01",),
    ),
    11: _lines(
        not_applicable=(),  # a library or framework (issue 12): set by the pipeline, no rule
        does_not_meet=("F11-S01",),
        partial=("F11-S06", "F11-S08", "F11-S09"),
        meets=("F11-S10",),
        nothing=("F11-NE",),
    ),
    12: _lines(
        not_applicable=("F12-NA",),
        does_not_meet=("F12-S05", "F12-S09", "F12-AP02"),
        partial=("F12-AP01", "F12-S06", "F12-S07", "F12-S08"),
        meets=("F12-S01", "F12-S02"),
        nothing=(),
    ),
}


def lines(number: int) -> tuple[Line, ...]:
    """The rubric lines of factor *number*, in the order the policy tries them."""
    return RUBRIC[number]


__all__ = ["RUBRIC", "Line", "Outcome", "lines"]
