"""人工复核: a review request on an answer shown in the case, then the reviewer's decision.

A correction is checked by the one citation verifier (``assistant.verification``): every reference in the new text
and every article id the reviewer lists is resolved against the corpus, and one that does not resolve is marked
「未核实」 in the text the worker will read. Confirming keeps the answer as it was shown.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.cases import trace, views
from assistant.cases.db import AnswerRow, CaseRow, ReviewRow, aware, utcnow
from assistant.cases.errors import CaseInputError, RecordNotFound
from assistant.cases.models import Actor, ReviewCitation, ReviewRecord, ReviewStats
from assistant.cases.text import clean_text
from assistant.citations import Citation, parse_citation, parse_citations
from assistant.verification import UNVERIFIED_MARK, CitationResolver, warning_for


def request(session: Session, case: CaseRow, actor: Actor, answer_id: int, comment: str) -> ReviewRecord:
    answer = session.get(AnswerRow, answer_id)
    if answer is None or answer.case_id != case.id:
        raise RecordNotFound("这个案件里没有这条回答。")
    row = ReviewRow(case_id=case.id, answer_id=answer_id, status="requested", comment=comment,
                    requested_at=utcnow(), citations=[], warnings=[])
    session.add(row)
    session.flush()
    trace.append(session, case, "review_requested", actor, {"review_id": row.id, "answer_id": answer_id,
                                                              "comment": comment})
    return views.review_record(row)


def decide(session: Session, case: CaseRow, actor: Actor, review_id: int, text: str | None,
           citations: list[str] | None, resolve: Callable[[str], Any] | None) -> ReviewRecord:
    row = session.get(ReviewRow, review_id)
    if row is None or row.case_id != case.id:
        raise RecordNotFound("这个案件里没有这条复核请求。")
    if row.status != "requested":
        raise CaseInputError("review_id", "这条复核已经办结。")
    answer = session.get(AnswerRow, row.answer_id)
    new_text = clean_text(text, 40000, "text") if text is not None else ""
    corrected = bool(new_text) and new_text != answer.answer
    body = new_text if corrected else answer.answer
    marked, checks, warnings = verify(body, citations or [], resolve)
    row.status = "corrected" if corrected else "confirmed"
    row.text = marked
    row.citations = [c.model_dump() for c in checks]
    row.warnings = warnings
    row.reviewed_at = utcnow()
    row.reviewer = actor.name or actor.role
    trace.append(session, case, "answer_reviewed", actor, {
        "review_id": row.id, "answer_id": row.answer_id, "verdict": row.status, "text": row.text,
        "citations": row.citations, "warnings": warnings})
    return views.review_record(row)


def verify(text: str, ids: list[str], resolve: Callable[[str], Any] | None
           ) -> tuple[str, list[ReviewCitation], list[str]]:
    """The text with unverified references marked, one check per reference (text first, then listed ids)."""
    resolver = CitationResolver.of(_safe(resolve)) if resolve is not None else None
    checks: list[ReviewCitation] = []
    warnings: list[str] = [] if resolver is not None else ["未连接法规库，复核中的法条引用均未核实"]
    seen: set[tuple] = set()

    def check(c: Citation) -> bool:
        status, ok = "not_found", False
        if resolver is not None:
            result = resolver.check(c)
            status, ok = result.status, result.verified
            if not ok:
                warnings.append(warning_for(result))
        key = (c.id or c.raw, c.paragraph, c.item)
        if key not in seen:
            seen.add(key)
            checks.append(ReviewCitation(id=c.id, raw=c.raw, status=status, verified=ok))
        return ok

    inserts: dict[int, str] = {}
    for c in parse_citations(text):
        if not check(c) and not text.startswith(UNVERIFIED_MARK, c.end) and not text.startswith("「已失效", c.end):
            inserts.setdefault(c.end, UNVERIFIED_MARK)
    for end, mark in sorted(inserts.items(), reverse=True):
        text = text[:end] + mark + text[end:]
    for raw in ids:
        c = _id_citation(str(raw))
        if c is None:
            raise CaseInputError("citations", f"看不懂的法条：{str(raw)[:40]}（应为 劳动合同法#38 或 《劳动合同法》第三十八条）")
        check(c)
    return text, checks, list(dict.fromkeys(warnings))


def _id_citation(raw: str) -> Citation | None:
    if "#" in raw:
        law, _, article = raw.partition("#")
        return parse_citation(f"《{law}》第{article}条") or Citation(law=law, article=article, raw=raw)
    return parse_citation(raw)


def _safe(resolve: Callable[[str], Any]) -> Callable[[str], Any]:
    def lookup(provision_id: str):
        try:
            return resolve(provision_id)
        except Exception:  # an id the index cannot parse is simply not found
            return None
    return lookup


def stats_for(session: Session, actor: Actor | None) -> ReviewStats:
    """The review figures of the cases ``actor`` sees (staff and reviewers: their organisation's; else all)."""
    stmt = select(ReviewRow)
    if actor is not None and actor.role in ("staff", "reviewer"):
        stmt = stmt.join(CaseRow, CaseRow.id == ReviewRow.case_id).where(CaseRow.organisation == actor.organisation)
    return stats(session.execute(stmt).scalars().all())


def stats(rows: Sequence[ReviewRow]) -> ReviewStats:
    done = [r for r in rows if r.status != "requested" and r.reviewed_at is not None]
    hours = [(aware(r.reviewed_at) - aware(r.requested_at)).total_seconds() / 3600 for r in done]
    return ReviewStats(requested=len(rows), open=sum(r.status == "requested" for r in rows),
                       confirmed=sum(r.status == "confirmed" for r in rows),
                       corrected=sum(r.status == "corrected" for r in rows),
                       median_turnaround_hours=round(statistics.median(hours), 3) if hours else None,
                       mean_turnaround_hours=round(statistics.fmean(hours), 3) if hours else None)

