"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure Pipelines...): one
test suite per app, one test case per factor. A factor that does not meet or only partially
meets is a failure (its justification, then each finding against it with path:line); one that
is not applicable or inconclusive is skipped; one that meets passes."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from twelve.factors import FACTORS
from twelve.locale import Catalog
from twelve.model import Assessment, Polarity, Status
from twelve.report import view
from twelve.report.kind import lines as kind_lines

FAILED = (Status.DOES_NOT_MEET, Status.PARTIAL)
SKIPPED = (Status.NOT_APPLICABLE, Status.INCONCLUSIVE)


def render(assessment: Assessment, catalog: Catalog, **_: Any) -> str:
    suites: list[str] = []
    total_failures = total_tests = 0
    for app in assessment.apps:
        cases: list[str] = []
        failures = skipped = 0
        for verdict in app.verdicts:
            info = FACTORS[verdict.factor - 1]
            name = view.factor_label(catalog, info.number)
            status = view.verdict_status_text(catalog, verdict)
            head = f"    <testcase classname={quoteattr('twelve.' + app.name)} name={quoteattr(name)}>"
            if verdict.status in FAILED:
                failures += 1
                body = [view.justification(catalog, verdict)]
                for finding in view.evidence_order(verdict.findings):
                    if finding.polarity is Polarity.AGAINST and finding.counted:
                        where = ", ".join(view.location_text(loc.path, loc.line) for loc in finding.locations[:3])
                        body.append(
                            f"[{finding.rule}] {view.finding_message(catalog, finding)}"
                            + (f" ({where})" if where else "")
                        )
                body += [f"→ {item}" for item in view.grouped_adjustments(catalog, verdict, view.EVIDENCE_LIMIT)]
                cases.append(
                    f"{head}\n      <failure message={quoteattr(f'{status}: {view.justification(catalog, verdict)}')} "
                    f"type={quoteattr(verdict.status.value)}>{escape(chr(10).join(body))}</failure>\n    </testcase>"
                )
            elif verdict.status in SKIPPED:
                skipped += 1
                cases.append(
                    f"{head}\n      <skipped message={quoteattr(f'{status}: {view.justification(catalog, verdict)}')}/>\n"
                    f"    </testcase>"
                )
            else:
                cases.append(f"{head}</testcase>")
        total_failures += failures
        total_tests += len(app.verdicts)
        said = kind_lines(catalog, assessment)
        out = f"\n    <system-out>{escape(chr(10).join(s + '.' for s in said))}</system-out>" if said else ""
        suites.append(
            f'  <testsuite name={quoteattr(app.name)} tests="{len(app.verdicts)}" failures="{failures}" '
            f'errors="0" skipped="{skipped}">\n' + "\n".join(cases) + out + "\n  </testsuite>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="twelve" tests="{total_tests}" failures="{total_failures}" errors="0">\n'
        + "\n".join(suites)
        + "\n</testsuites>\n"
    )
