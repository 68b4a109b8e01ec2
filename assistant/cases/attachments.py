"""Evidence files of a case: stored with their SHA-256 in the same transaction as the trace event that names them
(name, type, size and hash — never the bytes), so the hash chain covers every file added. The checks on the file
itself (type sniffed from the bytes, PDF opened, safe name) are :mod:`assistant.cases.uploads`'."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from assistant.cases import trace
from assistant.cases.db import AttachmentRow, CaseRow, aware, utcnow
from assistant.cases.errors import CaseErased, RecordNotFound
from assistant.cases.models import Actor, AttachmentFile, AttachmentInfo
from assistant.cases.text import clean_text
from assistant.cases.uploads import Upload


def add(session: Session, case: CaseRow, actor: Actor, upload: Upload, claimed_type: str | None) -> AttachmentInfo:
    """Store ``upload`` on ``case`` (locked by the caller's transaction) and trace it."""
    if case.erased:
        raise CaseErased()
    digest = hashlib.sha256(upload.data).hexdigest()
    row = AttachmentRow(case_id=case.id, name=upload.name, stored_name=f"{digest[:16]}{upload.extension}",
                        media_type=upload.media_type, size=len(upload.data), sha256=digest, data=upload.data,
                        created_at=utcnow(), created_by_role=actor.role, created_by=actor.name or actor.role,
                        erased=False)
    session.add(row)
    session.flush()
    trace.append(session, case, "attachment_added", actor, {
        "attachment_id": row.id, "name": row.name, "media_type": row.media_type, "size": row.size,
        "sha256": row.sha256, "claimed_type": clean_text(claimed_type, 100) or None})
    return info(row)


def info(row: AttachmentRow) -> AttachmentInfo:
    return AttachmentInfo(id=row.id, name=row.name, media_type=row.media_type, size=row.size, sha256=row.sha256,
                          created_at=aware(row.created_at), created_by=row.created_by,
                          created_by_role=row.created_by_role, erased=row.erased)


def listed(session: Session, case_id: int) -> list[AttachmentInfo]:
    """The case's attachments without their bytes (a list never loads the files)."""
    rows = session.execute(select(AttachmentRow).options(defer(AttachmentRow.data))
                           .where(AttachmentRow.case_id == case_id).order_by(AttachmentRow.id)).scalars().all()
    return [info(r) for r in rows]


def one(session: Session, case: CaseRow, attachment_id: int) -> AttachmentFile:
    row = session.get(AttachmentRow, attachment_id)
    if row is None or row.case_id != case.id:
        raise RecordNotFound("这个案件里没有这个附件。")
    if row.erased or row.data is None:
        raise RecordNotFound("这个附件已按劳动者的要求删除。")
    return AttachmentFile(**info(row).model_dump(), data=row.data)


def read_one(session: Session, case: CaseRow, actor: Actor, attachment_id: int) -> AttachmentFile:
    """One attachment with its bytes; reading it is a read of personal data, traced."""
    found = one(session, case, attachment_id)
    trace.append(session, case, "personal_data_read", actor, {"what": "attachment", "attachment_id": attachment_id})
    return found


def with_bytes(session: Session, case_id: int) -> list[AttachmentFile]:
    """Every attachment still held, with its bytes, oldest first (for the bundle)."""
    rows = session.execute(select(AttachmentRow).where(AttachmentRow.case_id == case_id,
                                                       AttachmentRow.erased.is_(False))
                           .order_by(AttachmentRow.id)).scalars().all()
    return [AttachmentFile(**info(r).model_dump(), data=r.data or b"") for r in rows]
