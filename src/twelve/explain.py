"""What `twelve explain` and `twelve rules` print: the factors and the rule catalogue as data,
in the chosen language (every sentence from the catalogues; nothing here judges a repository)."""

from __future__ import annotations

import re
import textwrap
from typing import Any

from twelve.factors import FACTORS, Factor, lookup
from twelve.locale import Catalog
from twelve.rules.registry import RuleMeta

_RULE_ID = re.compile(r"^F\d\d-", re.IGNORECASE)


def find_rule(token: str) -> RuleMeta | None:
    """The rule *token* names: its id or an id it replaced, in any case."""
    from twelve.rules import rule_meta
    from twelve.rules.ids import canonical

    found = canonical(token)
    return rule_meta(found) if found else None


def resolve(token: str) -> tuple[Factor | None, RuleMeta | None]:
    """The factor (and the rule, for a rule id) that *token* names; (None, None) when nothing."""
    if _RULE_ID.match(token.strip()):
        meta = find_rule(token)
        return (FACTORS[meta.factor - 1], meta) if meta else (None, None)
    return lookup(token), None


def anti_patterns(catalog: Catalog, number: int) -> list[str]:
    out, index = [], 1
    while catalog.has(f"explain.factor.{number}.anti_{index}"):
        out.append(catalog.text(f"explain.factor.{number}.anti_{index}"))
        index += 1
    return out


def rule_row(catalog: Catalog, meta: RuleMeta) -> dict[str, Any]:
    """What `twelve rules` and `twelve explain ID` say of a rule. What it checks is its docstring's
    summary (the code's own documentation, in English) or, in another language, its title."""
    from twelve.docgen import parse_doc
    from twelve.report.sarif import generic
    from twelve.rules import all_rules

    info = FACTORS[meta.factor - 1]
    rule = next(r for r in all_rules() if r.meta.id == meta.id)
    doc = parse_doc(rule.doc)
    motivation = catalog.text(f"{meta.id}.motivation")
    remediation = generic(catalog, f"{meta.id}.remediation") if catalog.has(f"{meta.id}.remediation") else None
    title = generic(catalog, f"{meta.id}.title")
    return {
        "id": meta.id,
        "factor": meta.factor,
        "roman": info.roman,
        "factor_key": info.key,
        "polarity": meta.polarity.value,
        "strength": meta.strength.value,
        "basis": meta.basis.value,
        "ecosystems": list(meta.ecosystems),
        "effect": meta.effect.value,
        "summary": doc["summary"] if catalog.lang == "en" else title,
        "title": title,
        "motivation": motivation,
        "remediation": remediation,
        "replaces": list(meta.replaces),
        "module": "src/" + rule.module.replace(".", "/") + ".py",
        "doc": f"docs/rules/F{meta.factor:02d}.md",
        "fires_on": doc["Fires on"],
        "near_miss": doc["Near miss"],
        "link": info.link(catalog.lang),
    }


def rule_rows(catalog: Catalog, factor: Factor | None = None) -> list[dict[str, Any]]:
    from twelve.rules import all_rules

    return [rule_row(catalog, r.meta) for r in all_rules() if factor is None or r.meta.factor == factor.number]


def factor_data(catalog: Catalog, info: Factor) -> dict[str, Any]:
    return {
        "number": info.number,
        "roman": info.roman,
        "key": info.key,
        "name": catalog.text(f"factor.name.{info.number}"),
        "title": catalog.text(f"factor.title.{info.number}"),
        "link": info.link(catalog.lang),
        "requires": catalog.text(f"explain.factor.{info.number}.requires"),
        "anti_patterns": anti_patterns(catalog, info.number),
        "rubric": rubric_rows(catalog, info.number),
        "rules": [
            {"id": r["id"], "polarity": r["polarity"], "summary": r["summary"]} for r in rule_rows(catalog, info)
        ],
    }


def rubric_rows(catalog: Catalog, number: int) -> list[dict[str, Any]]:
    """The factor's decision, one row per rubric line: the outcome, its sentence, its rules."""
    from twelve.rubric import lines

    return [
        {
            "outcome": line.outcome.value,
            "label": catalog.text(f"rubric.outcome.{line.outcome.value}"),
            "text": catalog.text(line.key(number)),
            "rules": list(line.rules),
        }
        for line in lines(number)
    ]


def data(catalog: Catalog, info: Factor, meta: RuleMeta | None) -> dict[str, Any]:
    out: dict[str, Any] = {"factor": factor_data(catalog, info)}
    if meta is not None:
        out["rule"] = rule_row(catalog, meta)
    return out


def _wrap(text: str, width: int, indent: str = "  ", bullet: str = "") -> list[str]:
    first = indent + bullet
    rest = indent + " " * len(bullet)
    return textwrap.wrap(
        text, width=width, initial_indent=first, subsequent_indent=rest, break_long_words=False, break_on_hyphens=False
    ) or [first.rstrip()]


def text(catalog: Catalog, info: Factor, meta: RuleMeta | None, width: int = 88) -> str:
    lines: list[str] = []
    doc = data(catalog, info, meta)
    if meta is not None:
        rule = doc["rule"]
        lines.append(catalog.text("explain.rule_heading", rule=rule["id"], title=rule["title"]))
        lines.append(
            catalog.text(
                "explain.rule_meta",
                roman=info.roman,
                name=doc["factor"]["name"],
                polarity=catalog.text(f"polarity.{rule['polarity']}"),
                strength=catalog.text(f"strength.{rule['strength']}"),
                basis=catalog.text(f"basis.{rule['basis']}"),
            )
        )
        lines.append(catalog.text("explain.source", module=rule["module"], doc=rule["doc"]))
        if rule["replaces"]:
            lines.append(catalog.text("explain.replaces", ids=", ".join(rule["replaces"])))
        lines += ["", catalog.text("explain.motivation"), *_wrap(rule["motivation"], width)]
        if catalog.lang == "en":  # the code's own documentation is written in English
            lines += ["", catalog.text("explain.fires_on"), *_wrap(rule["fires_on"], width)]
            lines += ["", catalog.text("explain.near_miss"), *_wrap(rule["near_miss"], width)]
        lines += [
            "",
            catalog.text("explain.remediation"),
            *_wrap(rule["remediation"] or catalog.text("explain.no_remediation"), width),
        ]
        lines.append("")
    factor = doc["factor"]
    lines.append(catalog.text("explain.factor_heading", roman=info.roman, name=factor["name"]))
    lines.append(factor["title"])
    lines.append(catalog.text("explain.link", link=factor["link"]))
    lines += ["", catalog.text("explain.requires"), *_wrap(factor["requires"], width)]
    lines += ["", catalog.text("explain.anti_patterns")]
    for item in factor["anti_patterns"]:
        lines += _wrap(item, width, bullet="- ")
    if meta is None:
        lines += ["", catalog.text("rubric.heading")]
        label_width = max(len(row["label"]) for row in factor["rubric"]) + 2
        for row in factor["rubric"]:
            head = "  " + row["label"].ljust(label_width)
            rules = ", ".join(row["rules"]) if row["rules"] else catalog.text("rubric.none")
            lines += textwrap.wrap(
                f"{row['text']} [{rules}]",
                width=width,
                initial_indent=head,
                subsequent_indent=" " * len(head),
                break_long_words=False,
                break_on_hyphens=False,
            )
        lines += ["", catalog.text("explain.rules")]
        for rule in factor["rules"]:  # the id and polarity once, continuation lines hang under the text
            head = f"  {rule['id']:<9} {catalog.text('polarity.' + rule['polarity']):<9} "
            lines += textwrap.wrap(
                rule["summary"],
                width=width,
                initial_indent=head,
                subsequent_indent=" " * len(head),
                break_long_words=False,
                break_on_hyphens=False,
            ) or [head.rstrip()]
    return "\n".join(lines) + "\n"


def rules_table(catalog: Catalog, rows: list[dict[str, Any]]) -> str:
    columns = ("id", "factor", "polarity", "strength", "basis")
    cells = [
        [
            row["id"],
            row["roman"],
            catalog.text("polarity." + row["polarity"]),
            catalog.text("strength." + row["strength"]),
            catalog.text("basis." + row["basis"]),
            row["summary"],
        ]
        for row in rows
    ]
    head = [catalog.text(f"rules.{c}") for c in columns] + [catalog.text("rules.summary")]
    widths = [max(len(line[i]) for line in [head, *cells]) for i in range(len(columns))]
    lines = [
        " ".join(cell.ljust(width) for cell, width in zip(line, widths)) + " " + line[-1] for line in [head, *cells]
    ]
    lines.append(catalog.text("rules.count", count=len(rows)))
    return "\n".join(lines) + "\n"
