"""Checks on the finished text: every cited article, 款 and 项 resolves (the same verifier answers use) or is marked
「未核实」; every date and sum of money a language model wrote is one the case or the narrative contains, or it
becomes a blank."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from pydantic import BaseModel, Field

from assistant.drafting.blocks import BLANK_RE, UNVERIFIED, Document, blank
from assistant.drafting.validation import find_amounts, find_dates
from assistant.verification import CitationResolver, warning_for


class CitationCheck(BaseModel):
    id: str | None
    law: str | None
    article: str | None
    raw: str
    text: str = ""
    verified: bool = False
    status: str = Field("not_found", description="verified / not_found / repealed / law_not_in_corpus / no_law")


Resolver = Callable[[str], object | None]


def verify_citations(doc: Document, resolve: Resolver | None) -> tuple[list[CitationCheck], list[str]]:
    """Check every reference the document cites with the shared verifier (article, 款, 项 and status, the same
    verdict an answer gets); mark the unverified ones in place with 「未核实」 or 「已失效，未核实」."""
    from assistant.citations import parse_citations

    resolver = CitationResolver.of(_safe(resolve)) if resolve is not None else None
    checks: dict[tuple, CitationCheck] = {}
    marks: dict[tuple, str] = {}
    warnings: list[str] = []

    def check(c) -> tuple[CitationCheck, str]:
        key = (c.id or c.raw, c.paragraph, c.item)
        if key not in checks:
            if resolver is None:
                status, provision, mark = "not_found", None, UNVERIFIED
            else:
                shared = resolver.check(c)
                status, provision, mark = shared.status, shared.provision, shared.mark
                if not shared.verified:
                    warnings.append(warning_for(shared))
            checks[key] = CitationCheck(id=c.id, law=c.law, article=c.article, raw=c.raw, status=status,
                                        text=getattr(provision, "text", "") if status == "verified" else "",
                                        verified=status == "verified")
            marks[key] = mark
        return checks[key], marks[key]

    def mark(text: str, prose: bool) -> str:
        inside_blank = [m.span() for m in BLANK_RE.finditer(text)]  # a blank's label is not a citation
        found = [c for c in parse_citations(text) if not any(s <= c.start < e for s, e in inside_blank)
                 and (prose or c.law)]
        inserts: dict[int, str] = {}  # where a citation ends → the mark it gets
        for c in found:
            result, sign = check(c)
            if not result.verified:
                inserts.setdefault(c.end, sign)
        for end, sign in sorted(inserts.items(), reverse=True):
            if not text.startswith(sign, end) and not text.startswith(UNVERIFIED, end):
                text = text[:end] + sign + text[end:]
        return text

    doc.rewrite(mark)
    if resolve is None and checks:
        warnings.insert(0, "未连接法规库，文书中的法条引用均未核实")
    return list(checks.values()), list(dict.fromkeys(warnings))


def _safe(resolve: Resolver) -> Resolver:
    def lookup(provision_id: str):
        try:
            return resolve(provision_id)
        except Exception:  # a broken index must not stop the document; the citation shows as unverified
            return None
    return lookup


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


_DATE_LABELS = {"employment.hire_date": "入职日期", "dates.leave_date": "离职日期", "worker.birth_date": "出生日期",
                "dates.injury_date": "受伤日期", "employment.contract_end_date": "合同到期日"}


def date_label(text: str, start: int, end: int) -> str:
    """What a date in the text is, by the words the case reader uses (入职日期 / 离职日期 …), else 日期."""
    from assistant.facts.vocabulary import DATE_KINDS

    left, right = text[max(0, start - 14):start], text[end:end + 16]
    best: tuple[int, str] | None = None
    for kind, pattern in DATE_KINDS:
        for m in pattern.finditer(right):
            best = min(best or (m.start(), kind), (m.start(), kind))
        for m in pattern.finditer(left):
            best = min(best or (len(left) - m.end(), kind), (len(left) - m.end(), kind))
    return _DATE_LABELS.get(best[1], "日期") if best else "日期"


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
