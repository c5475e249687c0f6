"""Reference pages generated from the code: one page per factor's rules (``docs/rules/Fnn.md``)
and the fact kinds (``docs/facts.md``). ``scripts/gen_docs.py`` writes them; a test fails when
a page in the repository differs from what this module generates.

A rule's docstring has a summary line, optional detail, and four sections, in ruff's manner::

    Fires on: ...        what the rule detects, concretely (code, files, commands)
    Why it matters: ...  the 12factor.net requirement it checks
    Near miss: ...       what looks alike and must not fire
    Fix: ...             what to change
"""

from __future__ import annotations

import functools
import inspect
import re
from dataclasses import fields
from pathlib import Path

from twelve.locale import without_plural_specs

SECTIONS = ("Why it matters", "Fires on", "Near miss", "Fix")
_SECTION = re.compile(r"^(" + "|".join(SECTIONS) + r"):[ \t]*(.*)$")


def parse_doc(doc: str) -> dict[str, str]:
    """The summary, detail and sections of a rule's docstring (missing ones are empty)."""
    text = inspect.cleandoc(doc or "")
    out = {"summary": "", "detail": "", **{name: "" for name in SECTIONS}}
    current = "detail"
    parts: dict[str, list[str]] = {key: [] for key in out}
    lines = text.splitlines()
    if lines:
        out["summary"] = lines[0].strip()
        lines = lines[1:]
    for line in lines:
        match = _SECTION.match(line.strip())
        if match:
            current = match.group(1)
            if match.group(2):
                parts[current].append(match.group(2))
            continue
        parts[current].append(line.strip())
    for key, chunk in parts.items():
        if key != "summary":
            out[key] = "\n".join(chunk).strip()
    return out


def missing_sections(doc: str) -> list[str]:
    parsed = parse_doc(doc)
    return [name for name in ("summary", *SECTIONS) if not parsed[name]]


@functools.lru_cache(maxsize=4)
def _test_texts(root: Path) -> tuple[tuple[str, str], ...]:
    tests = root / "tests"
    if not tests.is_dir():
        return ()
    return tuple(
        (path.relative_to(root).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(tests.rglob("test_*.py"))
    )


def _tests_naming(rule_id: str, root: Path) -> list[str]:
    """The test files that name *rule_id*."""
    return [rel for rel, text in _test_texts(root) if f'"{rule_id}"' in text]


def rules_page(factor: int, root: Path) -> str:
    """The Markdown page of factor *factor*'s rules."""
    from twelve.factors import factor as factor_info
    from twelve.locale import Catalog
    from twelve.rules import all_rules

    info = factor_info(factor)
    catalog = Catalog("en")
    lines = [
        f"# {info.roman}. {catalog.text(f'factor.name.{info.number}')} — rules",
        "",
        "Generated from the rules' metadata and docstrings by `scripts/gen_docs.py`; do not edit by hand.",
        f"What the factor requires: <{info.link()}>; `twelve explain {info.roman}` prints it.",
        "",
    ]
    lines += [
        "## How the status is decided",
        "",
        "One line per outcome of the verdict rubric (`src/twelve/rubric.py`), with the rules that realise it.",
        "",
        "| outcome | rubric line | rules |",
        "|---|---|---|",
    ]
    from twelve.rubric import lines as rubric_lines

    for line in rubric_lines(factor):
        rules = ", ".join(f"`{r}`" for r in line.rules) or "—"
        lines.append(
            f"| {catalog.text('rubric.outcome.' + line.outcome.value)} | {catalog.text(line.key(factor))} | {rules} |"
        )
    lines.append("")
    for rule in (r for r in all_rules() if r.meta.factor == factor):
        meta = rule.meta
        doc = parse_doc(rule.doc)
        title = without_plural_specs(catalog.entries.get(f"{meta.id}.title") or doc["summary"])
        lines.append(f"## {meta.id} — {title}")
        lines.append("")
        facts = [
            f"{meta.polarity.value}",
            meta.strength.value,
            meta.basis.value,
            "stacks: " + ", ".join(meta.ecosystems),
        ]
        if meta.effect.value != "none":
            facts.append(f"effect: {meta.effect.value}")
        if meta.any_scope:
            facts.append("counts in every scope")
        if meta.closing:
            facts.append("closing rule (reads its factor's findings)")
        if meta.replaces:
            facts.append("replaces " + ", ".join(meta.replaces))
        lines.append(" · ".join(facts))
        lines.append("")
        module = "src/" + rule.module.replace(".", "/") + ".py"
        tests = _tests_naming(meta.id, root)
        lines.append(
            f"Module: [`{module}`](../../{module})"
            + ("; tests: " + ", ".join(f"[`{t}`](../../{t})" for t in tests) if tests else "")
        )
        lines.append("")
        if doc["summary"]:
            lines.append(doc["summary"])
            lines.append("")
        if doc["detail"]:
            lines.append(doc["detail"])
            lines.append("")
        for name in SECTIONS:
            if doc[name]:
                lines.append(f"**{name}.** " + doc[name])
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def rules_index() -> str:
    from twelve.factors import FACTORS
    from twelve.locale import Catalog
    from twelve.rules import all_rules

    catalog = Catalog("en")
    lines = [
        "# Rules",
        "",
        "Generated by `scripts/gen_docs.py`. One page per factor; `twelve rules` lists them too, "
        "and `twelve explain <ID>` prints one.",
        "",
        "| factor | rules |",
        "|---|---:|",
    ]
    for info in FACTORS:
        count = sum(1 for r in all_rules() if r.meta.factor == info.number)
        lines.append(
            f"| [{info.roman}. {catalog.text(f'factor.name.{info.number}')}](F{info.number:02d}.md) | {count} |"
        )
    return "\n".join(lines) + "\n"


def _field_comments(cls: type) -> dict[str, str]:
    """The trailing comment of each field's line in the class source (`name: T = None  # why`)."""
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):  # pragma: no cover - no source (frozen app)
        return {}
    out: dict[str, str] = {}
    pending: list[str] = []
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("#:"):
            pending.append(stripped[2:].strip())
            continue
        match = re.match(r"^(\w+): [^=#]+(?:=[^#]*)?(?:#\s*(.*))?$", stripped)
        if match:
            comment = " ".join(pending + ([match.group(2)] if match.group(2) else []))
            if comment:
                out[match.group(1)] = comment
        pending = []
    return out


def _code(text: str) -> str:
    """*text* as code in a Markdown table cell (its pipes escaped)."""
    return "`" + text.replace("|", "\\|") + "`"


def facts_page() -> str:
    """The Markdown page of every fact kind, from twelve.facts.model."""
    from twelve.facts import model

    lines = [
        "# Fact kinds (the contract between extractors and rules)",
        "",
        "Generated from `src/twelve/facts/model.py` by `scripts/gen_docs.py`; do not edit by hand.",
        "",
    ]
    lines += [inspect.cleandoc(model.__doc__ or ""), ""]
    lines += [
        "## Value",
        "",
        inspect.cleandoc(model.Value.__doc__ or ""),
        "",
        "| field | type | meaning |",
        "|---|---|---|",
    ]
    comments = _field_comments(model.Value)
    for item in fields(model.Value):
        lines.append(f"| `{item.name}` | {_code(str(item.type))} | {comments.get(item.name, '')} |")
    lines.append("")
    for kind, cls in sorted(model.KINDS.items()):
        lines += [f"## `{kind}` ({cls.__name__})", "", " ".join(inspect.cleandoc(cls.__doc__ or "").split()), ""]
        if cls.FLAT_VALUE:
            lines += [
                "Its plain form spreads the Value's fields (`source`, `value`, `grade`, ...) over the fact's own.",
                "",
            ]
        lines += ["| field | type | meaning |", "|---|---|---|"]
        comments = _field_comments(cls)
        for item in fields(cls):
            name = "class" if item.name == "class_" else item.name
            lines.append(f"| `{name}` | {_code(str(item.type))} | {comments.get(item.name, '')} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def pages(root: Path) -> dict[str, str]:
    """Every generated page, by its path relative to *root*."""
    out = {"docs/facts.md": facts_page(), "docs/rules/README.md": rules_index()}
    for number in range(1, 13):
        out[f"docs/rules/F{number:02d}.md"] = rules_page(number, root)
    return out


__all__ = ["SECTIONS", "facts_page", "missing_sections", "pages", "parse_doc", "rules_index", "rules_page"]
