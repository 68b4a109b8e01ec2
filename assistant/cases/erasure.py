"""A worker's deletion request: personal data removed, an anonymous trace kept.

Cleared: the facts, the worker's words (summary, conversation), answers and reviews' text, notes, documents
(markdown and .docx), referral details and evidence, evidence files (their names and bytes), and every event's
payload and nonce. Kept: the case code, status, type, organisation, dates, counts, document and file hashes and the
hash chain, which still verifies (the event hashes cover payload hashes only, see :mod:`assistant.cases.trace`).
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from assistant.cases import trace
from assistant.cases.db import (
    AnswerRow,
    AttachmentRow,
    CaseRow,
    DocumentRow,
    EventRow,
    NoteRow,
    ReferralRow,
    ReviewRow,
)
from assistant.cases.models import Actor

REMOVED = "（已删除）"


def erase(session: Session, case: CaseRow, actor: Actor) -> None:
    if case.erased:
        return
    cid = case.id
    session.execute(update(EventRow).where(EventRow.case_id == cid).values(payload=None, nonce=None))
    session.execute(update(AnswerRow).where(AnswerRow.case_id == cid).values(question=REMOVED, answer=REMOVED,
                                                                             citations=[]))
    session.execute(update(ReviewRow).where(ReviewRow.case_id == cid).values(comment="", text=None, citations=[],
                                                                             warnings=[]))
    session.execute(update(NoteRow).where(NoteRow.case_id == cid).values(text=REMOVED))
    session.execute(update(DocumentRow).where(DocumentRow.case_id == cid).values(markdown="", docx=b"", missing=[],
                                                                                warnings=[]))
    session.execute(update(ReferralRow).where(ReferralRow.case_id == cid).values(details={}, result=None))
    session.execute(update(AttachmentRow).where(AttachmentRow.case_id == cid).values(name=REMOVED, stored_name="",
                                                                                 data=None, erased=True))
    case.facts, case.summary, case.conversation, case.evidence = {}, "", [], []
    case.external_ref = None
    case.erased = True
    session.flush()
    # the deletion itself is traced, without saying anything about the worker
    trace.append(session, case, "personal_data_erased", actor, {})
