"""Checks on the finished text: every cited article resolves or is marked 「未核实」; every date and sum of money a
language model wrote is one the case or the narrative contains, or it becomes a blank."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from pydantic import BaseModel

from assistant.drafting.blocks import BLANK_RE, UNVERIFIED, Document, blank
from assistant.drafting.validation import find_amounts, find_dates
from assistant.numerals import article_label


class CitationCheck(BaseModel):
    id: str | None
    law: str | None
    article: str | None
    raw: str
    text: str = ""
    verified: bool = False


Resolver = Callable[[str], object | None]


def verify_citations(doc: Document, resolve: Resolver | None) -> tuple[list[CitationCheck], list[str]]:
    """Resolve every article the document cites; mark the ones that do not resolve, in place, with 「未核实」."""
    from assistant.citations import parse_citations

    checks: dict[str, CitationCheck] = {}
    warnings: list[str] = []

    def check(c) -> CitationCheck:
        key = c.id or c.raw
        if key in checks:
            return checks[key]
        provision = None
        if c.id and resolve is not None:
            try:
                provision = resolve(c.id)
            except Exception:  # a broken index must not stop the document; the citation shows as unverified
                provision = None
        result = CitationCheck(id=c.id, law=c.law, article=c.article, raw=c.raw,
                               text=getattr(provision, "text", "") if provision else "",
                               verified=provision is not None)
        name = f"《{c.law}》{article_label(c.article)}" if c.law else c.raw.strip()
        if provision is not None and getattr(provision, "status", "in_force") != "in_force":
            warnings.append(f"引用的{name}在法规库中标记为已失效，请改引现行条文")
        if provision is None and resolve is not None:
            warnings.append(f"引用的{name}无法在法规库中核实，已标注「未核实」")
        checks[key] = result
        return result

    def mark(text: str, prose: bool) -> str:
        inside_blank = [m.span() for m in BLANK_RE.finditer(text)]  # a blank's label is not a citation
        found = [c for c in parse_citations(text) if not any(s <= c.start < e for s, e in inside_blank)
                 and (prose or c.law)]
        ends = sorted({c.end for c in found if not check(c).verified}, reverse=True)
        for end in ends:
            if not text.startswith(UNVERIFIED, end):
                text = text[:end] + UNVERIFIED + text[end:]
        return text

    doc.rewrite(mark)
    if resolve is None and checks:
        warnings.insert(0, "未连接法规库，文书中的法条引用均未核实")
    return list(checks.values()), list(dict.fromkeys(warnings))


def ground_numbers(text: str, sources: list[str]) -> tuple[str, list[str]]:
    """Replace each date or amount in model-written ``text`` that no source contains with a visible blank."""
    known_dates: set[str] = set()
    known_amounts: set[Decimal] = set()
    for s in sources:
        for _, _, iso in find_dates(s):
            known_dates.add(iso)
            known_dates.add(iso[:7])
        for _, _, amount in find_amounts(s):
            known_amounts.add(amount.normalize())
        for token in _plain_numbers(s):
            known_amounts.add(token)
    warnings: list[str] = []
    spans: list[tuple[int, int, str]] = []
    from assistant.drafting.extract import date_label

    for start, end, iso in find_dates(text):
        if iso not in known_dates:
            spans.append((start, end, date_label(text, start, end)))
    for start, end, amount in find_amounts(text):
        if amount.normalize() not in known_amounts and not any(s <= start < e for s, e, _ in spans):
            spans.append((start, end, "金额"))
    for start, end, what in sorted(spans, reverse=True):
        text = text[:start] + blank(what) + text[end:]
        warnings.append(f"事实与理由中有一处{what}在案件信息和叙述中找不到依据，已改为待补充")
    warnings = list(dict.fromkeys(warnings))
    return text, warnings


def _plain_numbers(text: str) -> set[Decimal]:
    """Numbers written without 元 in the sources (a case field "monthly_wage": 8000) still count as known."""
    import re

    out = set()
    for m in re.finditer(r"\d+(?:\.\d+)?", text.replace(",", "")):
        try:
            out.add(Decimal(m.group(0)).normalize())
        except ArithmeticError:
            continue
    return out
