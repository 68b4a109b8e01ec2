"""Rows → the public models (``assistant.cases.models``), and the one place an answer shown is stored."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.cases import attachments, trace
from assistant.cases.db import AnswerRow, CaseRow, DocumentRow, NoteRow, ReferralRow, ReviewRow, aware, utcnow
from assistant.cases.models import (
    REFERRAL_STATUSES,
    REFERRAL_TARGETS,
    Actor,
    AnswerRecord,
    AnswerShown,
    CaseSummary,
    CaseView,
    Deadline,
    DocumentVersion,
    EvidenceItem,
    Message,
    Note,
    Referral,
    ReviewCitation,
    ReviewRecord,
    WorkerAnswer,
    WorkerFile,
    WorkerReferral,
    WorkerView,
)
from assistant.cases.text import clean_text
from assistant.facts import CaseFacts


def case_type_of(facts: CaseFacts) -> str:
    """A coarse type for filtering the desk, from the facts (staff may set their own)."""
    ev = facts.event
    if ev.injury or ev.occupational_disease or ev.death:
        return "工伤"
    if ev.unpaid_wages:
        return "拖欠工资"
    if ev.termination in ("dismissed", "unlawful_dismissal", "no_fault_dismissal", "employee_fault_dismissal",
                          "layoff"):
        return "解除劳动合同"
    if ev.termination or facts.dates.leave_date:
        return "离职待遇"
    if facts.hours.weekday_overtime or facts.hours.restday_overtime or facts.hours.holiday_overtime:
        return "加班费"
    if facts.employment.contract_signed is False:
        return "未签劳动合同"
    if ev.no_social_insurance or ev.low_insurance_base:
        return "社会保险"
    return "其他"


def add_answer(session: Session, case: CaseRow, shown: AnswerShown, actor: Actor) -> AnswerRow:
    row = AnswerRow(case_id=case.id, question=clean_text(shown.question, 8000, "question"),
                    answer=clean_text(shown.answer, 40000, "answer"),
                    citations=trace._clean({"c": shown.citations})["c"], corpus_build=shown.corpus_build,
                    shown_at=utcnow())
    session.add(row)
    session.flush()
    trace.append(session, case, "answer_shown", actor, {
        "answer_id": row.id, "question": row.question, "answer": row.answer, "citations": row.citations,
        "corpus_build": row.corpus_build, "mode": shown.mode})
    return row


def summary(row: CaseRow) -> CaseSummary:
    return CaseSummary(code=row.code, status=row.status, case_type=row.case_type, organisation=row.organisation,
                       assignee=row.assignee, source=row.source, created_at=aware(row.created_at),
                       updated_at=aware(row.updated_at), next_deadline=row.next_deadline,
                       next_deadline_name=row.next_deadline_name, close_reason=row.close_reason, erased=row.erased,
                       events=row.event_count)


def review_record(r: ReviewRow) -> ReviewRecord:
    return ReviewRecord(id=r.id, answer_id=r.answer_id, status=r.status, comment=r.comment,
                        requested_at=aware(r.requested_at), reviewed_at=aware(r.reviewed_at), reviewer=r.reviewer,
                        text=r.text, citations=[ReviewCitation.model_validate(c) for c in r.citations or []],
                        warnings=list(r.warnings or []))


def answer_record(a: AnswerRow, review: ReviewRow | None) -> AnswerRecord:
    return AnswerRecord(id=a.id, question=a.question, answer=a.answer, citations=list(a.citations or []),
                        corpus_build=a.corpus_build, shown_at=aware(a.shown_at),
                        review=review_record(review) if review is not None else None)


def document(d: DocumentRow, with_docx: bool = False) -> DocumentVersion:
    return DocumentVersion(id=d.id, doc_type=d.doc_type, name=d.name, version=d.version, sha256=d.sha256,
                           created_at=aware(d.created_at), created_by=d.created_by, missing=list(d.missing or []),
                           warnings=list(d.warnings or []), markdown=d.markdown,
                           docx=d.docx if with_docx else b"")


def referral(r: ReferralRow) -> Referral:
    return Referral(id=r.id, target=r.target, target_name=REFERRAL_TARGETS[r.target], status=r.status,
                    documents=list(r.documents or []), details=dict(r.details or {}),
                    prepared_at=aware(r.prepared_at), sent_at=aware(r.sent_at), received_at=aware(r.received_at),
                    result_at=aware(r.result_at), result=r.result)


def _rows(session: Session, model, case_id: int) -> list:
    return list(session.execute(select(model).where(model.case_id == case_id).order_by(model.id)).scalars().all())


def _latest_reviews(session: Session, case_id: int) -> dict[int, ReviewRow]:
    latest: dict[int, ReviewRow] = {}
    for r in _rows(session, ReviewRow, case_id):
        latest[r.answer_id] = r  # ordered by id: the newest request wins
    return latest


def documents(session: Session, row: CaseRow, with_docx: bool = False) -> list[DocumentVersion]:
    return [document(d, with_docx) for d in _rows(session, DocumentRow, row.id)]


def case_view(session: Session, row: CaseRow, deadlines: list[Deadline], with_docx: bool = False) -> CaseView:
    reviews = _latest_reviews(session, row.id)
    return CaseView(
        **summary(row).model_dump(), summary=row.summary, facts=dict(row.facts or {}),
        conversation=[Message.model_validate(m) for m in row.conversation or []],
        answers=[answer_record(a, reviews.get(a.id)) for a in _rows(session, AnswerRow, row.id)],
        reviews=[review_record(r) for r in _rows(session, ReviewRow, row.id)],
        notes=[Note(id=n.id, text=n.text, author=n.author, at=aware(n.at)) for n in _rows(session, NoteRow, row.id)],
        documents=documents(session, row, with_docx),
        referrals=[referral(r) for r in _rows(session, ReferralRow, row.id)],
        evidence=[EvidenceItem.model_validate(e) for e in row.evidence or []],
        attachments=attachments.listed(session, row.id), deadlines=deadlines,
        external_ref=row.external_ref)


def worker_view(session: Session, row: CaseRow, deadlines: list[Deadline]) -> WorkerView:
    reviews = _latest_reviews(session, row.id)
    answers = []
    for a in _rows(session, AnswerRow, row.id):
        rec = answer_record(a, reviews.get(a.id))
        reviewed = rec.review is not None and rec.review.status != "requested"
        answers.append(WorkerAnswer(
            id=a.id, question=a.question, answer=rec.reviewed_text,
            citations=[c.model_dump() for c in rec.review.citations] if reviewed else rec.citations,
            review_status=rec.review.status if rec.review else None,
            reviewed_at=rec.review.reviewed_at if rec.review else None))
    refs = [WorkerReferral(target_name=REFERRAL_TARGETS[r.target], status=REFERRAL_STATUSES[r.status],
                           prepared_at=aware(r.prepared_at), sent_at=aware(r.sent_at),
                           received_at=aware(r.received_at), result_at=aware(r.result_at), result=r.result)
            for r in _rows(session, ReferralRow, row.id)]
    files = [WorkerFile(name=a.name, size=a.size, submitted_at=a.created_at)
             for a in attachments.listed(session, row.id) if a.created_by_role == "worker" and not a.erased]
    return WorkerView(code=row.code, status=row.status, status_note=row.close_reason, updated_at=aware(row.updated_at),
                      answers=answers, referrals=refs, deadlines=deadlines, files=files, erased=row.erased)
