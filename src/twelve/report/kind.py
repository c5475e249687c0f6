"""The sentences every report shows when the target is read as a library or framework, or when the
kind was set by hand (issue 12): what twelve read, the files that say so, and how to override it."""

from __future__ import annotations

from typing import Any

from twelve.locale import Catalog
from twelve.model import Assessment, KindEvidence, ProjectKind

#: signs of a deployment named at most (the first one already decides)
_SHOWN = 3


def kind_of(assessment: Assessment) -> ProjectKind | None:
    return getattr(assessment, "kind", None)


def shown(kind: ProjectKind | None) -> bool:
    """Whether the reports say anything: a library, or a kind set by hand (a plain app read from
    its files is what twelve always assumed, and its reports stay as they were)."""
    return kind is not None and (kind.is_library or kind.source != "detected")


def where(evidence: KindEvidence) -> str:
    return f"{evidence.path}:{evidence.line}" if evidence.line else evidence.path


def _items(catalog: Catalog, group: str, found: tuple[KindEvidence, ...]) -> str:
    return "; ".join(
        catalog.text(f"kind.{group}.{e.what}", where=where(e), name=e.detail or "-") for e in found[:_SHOWN]
    )


def lines(catalog: Catalog, assessment: Assessment) -> list[str]:
    """The notice, sentence by sentence (empty when there is nothing to say)."""
    kind = kind_of(assessment)
    if kind is None or not shown(kind):
        return []
    said: list[str] = []
    if kind.source == "detected":
        said.append(catalog.text("kind.library_detected"))
    else:
        by = (
            catalog.text("kind.by_cli", kind=kind.requested)
            if kind.source == "cli"
            else catalog.text("kind.by_config", file=assessment.config_file or ".twelve.toml", kind=kind.requested)
        )
        said.append(
            catalog.text(
                "kind.forced",
                kind=catalog.text(f"kind.word.{kind.kind}"),
                by=by,
                detected=catalog.text(f"kind.word.{kind.detected or 'app'}"),
            )
        )
    if kind.package:
        said.append(catalog.text("kind.evidence", items=_items(catalog, "package", kind.package)))
    if kind.deploys:
        said.append(catalog.text("kind.deploys", items=_items(catalog, "deploy", kind.deploys)))
    if kind.is_library:
        said.append(catalog.text("kind.library_factors"))
    said.append(catalog.text("kind.override_library" if kind.source == "detected" else "kind.override_app"))
    return said


def data(catalog: Catalog, assessment: Assessment) -> dict[str, Any] | None:
    """The JSON report's ``kind`` object."""
    kind = kind_of(assessment)
    if kind is None:
        return None

    def evidence(found: tuple[KindEvidence, ...]) -> list[dict[str, Any]]:
        return [{"path": e.path, "line": e.line, "what": e.what, "detail": e.detail} for e in found]

    return {
        "kind": kind.kind,
        "requested": kind.requested,
        "source": kind.source,
        "detected": kind.detected or kind.kind,
        "package": evidence(kind.package),
        "deploys": evidence(kind.deploys),
        "statements": lines(catalog, assessment),
    }
