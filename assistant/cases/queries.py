"""Reading across cases: the desk's list with its filters, and the check of every case's chain."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from assistant.cases import access, trace
from assistant.cases.db import CaseRow, EventRow
from assistant.cases.errors import CaseNotFound
from assistant.cases.models import CLOSED, Actor, CaseFilter, VerifyReport


def list_statement(actor: Actor, f: CaseFilter, today: date) -> Select:
    """The cases ``actor`` may list (staff and reviewers: their organisation's), filtered and in desk order: by the
    nearest deadline when filtering on deadlines, else the most recently changed first."""
    stmt = select(CaseRow)
    if actor.role in ("staff", "reviewer"):
        stmt = stmt.where(CaseRow.organisation == actor.organisation)
    elif f.organisation:
        stmt = stmt.where(CaseRow.organisation == f.organisation)
    if f.status:
        stmt = stmt.where(CaseRow.status == f.status)
    if f.case_type:
        stmt = stmt.where(CaseRow.case_type == f.case_type)
    if f.assignee:
        stmt = stmt.where(CaseRow.assignee == f.assignee)
    if f.deadline_within_days is not None:
        stmt = stmt.where(CaseRow.next_deadline.is_not(None),
                          CaseRow.next_deadline <= today + timedelta(days=f.deadline_within_days),
                          CaseRow.status.not_in(tuple(CLOSED)))
        stmt = stmt.order_by(CaseRow.next_deadline, CaseRow.id)
    else:
        stmt = stmt.order_by(CaseRow.updated_at.desc(), CaseRow.id.desc())
    return stmt.offset(f.offset).limit(f.limit)


def verify_chains(session: Session, code: str | None) -> VerifyReport:
    """Check the chain of one case (``code``) or of all; a problem names the case and the event."""
    stmt = select(CaseRow).order_by(CaseRow.id)
    if code is not None:
        stmt = stmt.where(CaseRow.code == access.normalize(code))
    cases = session.execute(stmt).scalars().all()
    if code is not None and not cases:
        raise CaseNotFound()
    problems, count = [], 0
    for row in cases:
        events = session.execute(select(EventRow).where(EventRow.case_id == row.id)
                                 .order_by(EventRow.seq, EventRow.id)).scalars().all()
        count += len(events)
        problems += trace.check_chain(row, list(events))
    return VerifyReport(ok=not problems, cases=len(cases), events=count, problems=problems)
