"""Documents of a case: drafted from the case facts by the facade's ``draft`` (``assistant.drafting``), each draft
kept as a new version with the SHA-256 of its .docx, none ever overwritten."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.cases import trace, views
from assistant.cases.db import CaseRow, DocumentRow, utcnow
from assistant.cases.errors import CaseInputError, RecordNotFound
from assistant.cases.models import Actor, DocumentVersion
from assistant.facts import CaseFacts

MAX_FIELDS_CHARS = 50_000


def default_drafter(resolve: Callable[[str], Any] | None) -> Callable[..., Any]:
    """The drafting module's ``draft``, its citations resolved against the corpus by ``resolve``."""
    from assistant.drafting import draft

    return lambda doc_type, case, narrative=None, facts=None: draft(doc_type, case, narrative, facts=facts,
                                                                   resolve=resolve)


def draft_version(session: Session, case: CaseRow, actor: Actor, doc_type: str, fields: dict | None,
                  drafter: Callable[..., Any]) -> DocumentVersion:
    from assistant.drafting import DraftingError

    if fields is not None and not isinstance(fields, dict):
        raise CaseInputError("fields", "文书字段应为对象，如 {\"claims\": [...]}")
    if fields and len(trace.canonical(fields)) > MAX_FIELDS_CHARS:
        raise CaseInputError("fields", f"文书字段太长（最多 {MAX_FIELDS_CHARS} 字）。")
    facts = CaseFacts.model_validate(case.facts or {})
    evidence = [dict(e) for e in case.evidence or []]
    given = dict(fields or {})
    if evidence and "evidence" not in given:
        given["evidence"] = evidence
    try:
        drafted = drafter(doc_type, given, None, facts=facts)
    except DraftingError as exc:
        raise CaseInputError(getattr(exc, "path", None) or "doc_type", exc.message) from None
    return store_version(session, case, actor, drafted)


def store_version(session: Session, case: CaseRow, actor: Actor, drafted: Any) -> DocumentVersion:
    docx = bytes(drafted.docx or b"")
    latest = session.execute(select(func.max(DocumentRow.version)).where(
        DocumentRow.case_id == case.id, DocumentRow.doc_type == drafted.doc_type)).scalar_one()
    row = DocumentRow(case_id=case.id, doc_type=drafted.doc_type, name=drafted.name, version=(latest or 0) + 1,
                      sha256=hashlib.sha256(docx).hexdigest(), markdown=drafted.markdown, docx=docx,
                      missing=list(drafted.missing), warnings=list(drafted.warnings), created_at=utcnow(),
                      created_by=actor.name or actor.role)
    session.add(row)
    session.flush()
    trace.append(session, case, "document_drafted", actor, {
        "document_id": row.id, "doc_type": row.doc_type, "version": row.version, "sha256": row.sha256,
        "missing": row.missing})
    return views.document(row)


def one_document(session: Session, case: CaseRow, doc_id: int) -> DocumentVersion:
    row = session.get(DocumentRow, doc_id)
    if row is None or row.case_id != case.id:
        raise RecordNotFound("这个案件里没有这份文书。")
    return views.document(row, with_docx=True)
