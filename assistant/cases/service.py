"""``CaseDesk``: the case desk's one service (一端受理、多端联动、全程留痕). Front doors (the API, the web pages, the
command line) call it through the ``Assistant`` facade (``Assistant.cases``); nothing else touches the tables.

Public methods (``actor`` is an :class:`~assistant.cases.models.Actor`; every change is one transaction that also
appends its event to the case's trace):

- ``open_case(intake, actor) -> CaseOpened``            from a chat (consent required), the staff desk or the API
- ``check_progress(code, secret) -> WorkerView``        the worker's view, with reviewed answers (read is logged)
- ``get_case(code, actor) -> CaseView``                 the whole case for staff (a logged read of personal data)
- ``list_cases(actor, filters) -> list[CaseSummary]``   by status, type, deadline, organisation, assignee
- ``due_soon(actor, within_days=None)``                 cases whose next deadline is near
- ``assign(code, actor, assignee)`` · ``change_status(code, actor, status, reason=None)`` · ``add_note(…)``
- ``edit_facts(code, actor, changes) -> CaseView``      checked fact by fact; old and new values traced
- ``add_evidence(code, actor, items)``
- ``add_attachment(code, name, data, media_type, actor) -> AttachmentInfo``  an evidence file (type sniffed, traced)
- ``attachments(code, actor)`` · ``attachment(code, actor, attachment_id)`` (with the bytes; a logged read)
- ``record_answer(code, actor, answer) -> AnswerRecord``
- ``request_review(code, actor, answer_id, comment="") -> ReviewRecord``
- ``review_answer(code, actor, review_id, text=None, citations=None) -> ReviewRecord``  confirm, or correct
- ``draft_document(code, actor, doc_type, fields=None) -> DocumentVersion``  a new version, with its hash
- ``documents(code, actor)`` · ``document(code, actor, doc_id)`` (with the .docx bytes)
- ``deadlines(code, actor) -> list[Deadline]``
- ``refer(code, actor, target, details=None) -> Referral`` · ``update_referral(code, actor, id, status, result=None)``
- ``export_bundle(code, actor) -> bytes``               a .zip: documents, evidence list, case JSON, timeline
- ``events(code, actor) -> list[CaseEvent]`` · ``verify(code=None) -> VerifyReport``
- ``erase_personal_data(code, actor)``                  the worker's deletion request; an anonymous trace stays
- ``review_stats(actor=None) -> ReviewStats``           counts and turnaround for /metrics and the desk

Errors (``assistant.cases.errors``, each with a Chinese message): ``CaseNotFound`` (no hint whether a code exists),
``AccessDenied``, ``InvalidTransition``, ``CaseClosed`` (``CaseErased``), ``CaseInputError``, ``AttachmentTooLarge``,
``RecordNotFound``, ``StorageBusy``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.cases import access, trace, views
from assistant.cases.db import CaseRow, Database, EventRow, NoteRow, database_url, shared_database, utcnow
from assistant.cases.deadlines import case_deadlines, next_deadline
from assistant.cases.errors import CaseClosed, CaseInputError, CaseNotFound, InvalidTransition
from assistant.cases.intake import edited_facts, intake_facts
from assistant.cases.models import (
    CLOSED,
    STATUSES,
    TRANSITIONS,
    Actor,
    AnswerRecord,
    AnswerShown,
    AttachmentFile,
    AttachmentInfo,
    CaseEvent,
    CaseFilter,
    CaseIntake,
    CaseOpened,
    CaseSummary,
    CaseView,
    Deadline,
    DocumentVersion,
    EvidenceItem,
    Note,
    Referral,
    ReviewRecord,
    ReviewStats,
    VerifyReport,
    WorkerView,
)
from assistant.cases.queries import list_statement, verify_chains
from assistant.cases.text import clean_text
from assistant.facts import CaseFacts


class CaseDesk:
    def __init__(self, database: Database | str, *, draft: Callable[..., Any] | None = None,
                 resolve: Callable[[str], Any] | None = None, organisation: str = "本会",
                 deadline_days: int = 30, today: Callable[[], date] | None = None, auto_migrate: bool = True,
                 max_attachment_bytes: int = 20 * 1024 * 1024):
        self.db = database if isinstance(database, Database) else Database(database)
        self._draft = draft
        self.resolve = resolve
        self.organisation = organisation
        self.deadline_days = deadline_days
        self._today = today or date.today
        self.max_attachment_bytes = max_attachment_bytes
        if auto_migrate:
            self.db.ensure_schema()

    @classmethod
    def from_settings(cls, settings, **kwargs: Any) -> CaseDesk:
        database = shared_database(database_url(settings))
        kwargs.setdefault("organisation", settings.case_organisation)
        kwargs.setdefault("deadline_days", settings.case_deadline_days)
        kwargs.setdefault("max_attachment_bytes", settings.api.max_upload_bytes)  # the one upload limit
        return cls(database, **kwargs)

    def today(self) -> date:
        return self._today()

    # ---- intake
    def open_case(self, intake: CaseIntake, actor: Actor) -> CaseOpened:
        if intake.source == "chat":
            if not intake.consent:
                raise CaseInputError("consent", "从对话立案需要劳动者同意把对话和案情交给工会办理。")
        else:
            access.require(actor, "open")
        if actor.role in ("staff", "reviewer") and intake.organisation not in (None, actor.organisation):
            raise CaseInputError("organisation", "只能在本组织立案。")
        facts = intake_facts(intake)
        organisation = intake.organisation or actor.organisation or self.organisation
        deadlines = case_deadlines(facts, self.today())
        nearest = next_deadline(deadlines)
        secret = access.new_secret()
        secret_hash = access.hash_secret(secret)

        def work(session: Session) -> str:
            now = utcnow()
            code = self._unused_code(session)
            row = CaseRow(code=code, secret_hash=secret_hash, source=intake.source, organisation=organisation,
                          case_type=clean_text(intake.case_type, 40) or views.case_type_of(facts), status="已受理",
                          summary=clean_text(intake.summary, 8000), facts=facts.model_dump(mode="json"),
                          conversation=[{"role": m.role, "content": clean_text(m.content, 8000)}
                                        for m in intake.conversation],
                          evidence=[e.model_dump() for e in intake.evidence], external_ref=intake.external_ref,
                          next_deadline=nearest.deadline if nearest else None,
                          next_deadline_name=nearest.name if nearest else None, erased=False, created_at=now,
                          updated_at=now, event_count=0, head_hash=trace.GENESIS)
            session.add(row)
            session.flush()
            trace.append(session, row, "case_opened", actor, {
                "source": intake.source, "organisation": organisation, "case_type": row.case_type,
                "facts": row.facts, "summary": row.summary, "conversation": row.conversation,
                "evidence": row.evidence, "external_ref": intake.external_ref})
            for shown in intake.answers:
                views.add_answer(session, row, shown, actor)
            return code

        code = self.db.run_write(work)
        view = self._view(code, Actor.system())
        return CaseOpened(code=code, secret=secret, case=view)

    @staticmethod
    def _unused_code(session: Session) -> str:
        while True:
            code = access.new_code()
            if session.execute(select(CaseRow.id).where(CaseRow.code == code)).first() is None:
                return code

    # ---- finding a case and checking who asks
    def _find(self, session: Session, code: str, actor: Actor, action: str, *, lock: bool = False) -> CaseRow:
        """The case, when ``actor`` may do ``action`` on it; else CaseNotFound / AccessDenied (no hint of existence)."""
        code = access.normalize(code or "")
        row = session.execute(select(CaseRow).where(CaseRow.code == code)).scalar_one_or_none()
        if actor.role == "worker":
            access.check_worker(actor, code, row.secret_hash if row is not None else None)
            access.require(actor, action)
        else:
            access.require(actor, action)
            if row is None or not access.may_see(actor, row.organisation):
                raise CaseNotFound()
        assert row is not None
        return trace.lock_case(session, row.id) if lock else row

    def _change(self, code: str, actor: Actor, action: str, work: Callable[[Session, CaseRow], Any], *,
                open_only: bool = True) -> Any:
        def run(session: Session) -> Any:
            row = self._find(session, code, actor, action, lock=True)
            if open_only and row.status in CLOSED:
                raise CaseClosed()
            return work(session, row)
        return self.db.run_write(run)

    # ---- reading
    def check_progress(self, code: str, secret: str) -> WorkerView:
        actor = Actor.worker(code, secret)

        def run(session: Session) -> WorkerView:
            row = self._find(session, code, actor, "view_own", lock=True)
            trace.append(session, row, "worker_viewed", actor, {})
            return views.worker_view(session, row, self._deadlines_of(row))
        return self.db.run_write(run)

    def get_case(self, code: str, actor: Actor) -> CaseView:
        def run(session: Session) -> CaseView:
            row = self._find(session, code, actor, "view", lock=True)
            trace.append(session, row, "personal_data_read", actor, {"what": "case"})
            return views.case_view(session, row, self._deadlines_of(row))
        return self.db.run_write(run)

    def _view(self, code: str, actor: Actor) -> CaseView:
        with self.db.read() as session:
            row = self._find(session, code, actor, "open")
            return views.case_view(session, row, self._deadlines_of(row))

    def list_cases(self, actor: Actor, filters: CaseFilter | None = None) -> list[CaseSummary]:
        access.require(actor, "list")
        with self.db.read() as session:
            rows = session.execute(list_statement(actor, filters or CaseFilter(), self.today())).scalars().all()
            return [views.summary(r) for r in rows]

    def due_soon(self, actor: Actor, within_days: int | None = None) -> list[CaseSummary]:
        days = self.deadline_days if within_days is None else within_days
        return self.list_cases(actor, CaseFilter(deadline_within_days=days))

    def deadlines(self, code: str, actor: Actor) -> list[Deadline]:
        with self.db.read() as session:
            return self._deadlines_of(self._find(session, code, actor, "view"))

    def _deadlines_of(self, row: CaseRow) -> list[Deadline]:
        return case_deadlines(CaseFacts.model_validate(row.facts or {}), self.today()) if not row.erased else []

    def events(self, code: str, actor: Actor) -> list[CaseEvent]:
        with self.db.read() as session:
            return trace.case_events(session, self._find(session, code, actor, "view").id)

    # ---- the staff desk
    def assign(self, code: str, actor: Actor, assignee: str | None) -> CaseSummary:
        who = clean_text(assignee, 100) or None

        def work(session: Session, row: CaseRow) -> CaseSummary:
            trace.append(session, row, "assigned", actor, {"from": row.assignee, "to": who})
            row.assignee = who
            return views.summary(row)
        return self._change(code, actor, "assign", work)

    def change_status(self, code: str, actor: Actor, status: str, reason: str | None = None) -> CaseSummary:
        if status not in STATUSES:
            raise CaseInputError("status", f"状态只能是：{'、'.join(STATUSES)}")
        why = clean_text(reason, 2000)
        if status == "不予受理" and not why:
            raise CaseInputError("reason", "不予受理需要写明理由。")

        def work(session: Session, row: CaseRow) -> CaseSummary:
            if status not in TRANSITIONS[row.status]:
                allowed = "、".join(sorted(TRANSITIONS[row.status])) or "无"
                raise InvalidTransition(f"案件现在是「{row.status}」，不能改为「{status}」（可改为：{allowed}）。")
            trace.append(session, row, "status_changed", actor, {"from": row.status, "to": status, "reason": why})
            row.status = status
            row.close_reason = why or None
            return views.summary(row)
        return self._change(code, actor, "status", work, open_only=False)

    def add_note(self, code: str, actor: Actor, text: str) -> Note:
        body = clean_text(text, 8000)
        if not body:
            raise CaseInputError("text", "备注不能为空。")

        def work(session: Session, row: CaseRow) -> Note:
            note = NoteRow(case_id=row.id, text=body, author=actor.name or actor.role, at=utcnow())
            session.add(note)
            session.flush()
            trace.append(session, row, "note_added", actor, {"note_id": note.id, "text": body})
            return Note(id=note.id, text=note.text, author=note.author, at=note.at)
        return self._change(code, actor, "note", work, open_only=False)

    def edit_facts(self, code: str, actor: Actor, changes: dict[str, Any]) -> CaseView:
        def work(session: Session, row: CaseRow) -> None:
            facts = CaseFacts.model_validate(row.facts or {})
            diff = edited_facts(facts, changes)
            if not diff:
                return
            trace.append(session, row, "facts_edited", actor, {"changes": diff})
            row.facts = facts.model_dump(mode="json")
            nearest = next_deadline(case_deadlines(facts, self.today()))
            row.next_deadline = nearest.deadline if nearest else None
            row.next_deadline_name = nearest.name if nearest else None
        self._change(code, actor, "edit", work)
        return self._view(code, Actor.system())

    def add_evidence(self, code: str, actor: Actor, items: list[EvidenceItem | dict]) -> list[EvidenceItem]:
        try:
            parsed = [EvidenceItem.model_validate(i) if isinstance(i, dict) else i for i in items]
        except ValidationError:
            raise CaseInputError("evidence", "证据应写明名称（最多200字），来源和证明目的可选。") from None

        def work(session: Session, row: CaseRow) -> list[EvidenceItem]:
            added = [e.model_dump() for e in parsed]
            trace.append(session, row, "evidence_added", actor, {"items": added})
            row.evidence = list(row.evidence or []) + added
            return [EvidenceItem.model_validate(e) for e in row.evidence]
        return self._change(code, actor, "edit", work)

    def add_attachment(self, code: str, name: str | None, data: bytes, media_type: str | None,
                       actor: Actor) -> AttachmentInfo:
        """An evidence file, from staff or from the worker with the case's code and secret (``Actor.worker``: a
        wrong secret is the one CaseNotFound). ``media_type`` is the client's claim, kept in the trace only: the
        stored type is read from the bytes. Refused: too large, a type not accepted, a broken or locked PDF, a closed
        or erased case."""
        from assistant.cases import attachments
        from assistant.cases.uploads import checked_upload

        upload = checked_upload(name, data, self.max_attachment_bytes)  # before the write lock: a PDF is parsed
        return self._change(code, actor, "attach", lambda s, row: attachments.add(s, row, actor, upload, media_type))

    def attachments(self, code: str, actor: Actor) -> list[AttachmentInfo]:
        from assistant.cases.attachments import listed

        with self.db.read() as session:
            return listed(session, self._find(session, code, actor, "view").id)

    def attachment(self, code: str, actor: Actor, attachment_id: int) -> AttachmentFile:
        from assistant.cases.attachments import read_one

        return self.db.run_write(lambda s: read_one(s, self._find(s, code, actor, "view", lock=True), actor,
                                                    attachment_id))

    # ---- answers and human review
    def record_answer(self, code: str, actor: Actor, answer: AnswerShown) -> AnswerRecord:
        def work(session: Session, row: CaseRow) -> AnswerRecord:
            return views.answer_record(views.add_answer(session, row, answer, actor), None)
        return self._change(code, actor, "record_answer", work, open_only=False)

    def request_review(self, code: str, actor: Actor, answer_id: int, comment: str = "") -> ReviewRecord:
        from assistant.cases.review import request

        return self._change(code, actor, "request_review",
                            lambda s, row: request(s, row, actor, answer_id, clean_text(comment, 2000)))

    def review_answer(self, code: str, actor: Actor, review_id: int, text: str | None = None,
                      citations: list[str] | None = None) -> ReviewRecord:
        """Confirm the answer as it is (no ``text``), or correct it: the new text and the citations given are
        checked against the corpus by the one verifier; an unverified reference is marked 「未核实」."""
        from assistant.cases.review import decide

        return self._change(code, actor, "review",
                            lambda s, row: decide(s, row, actor, review_id, text, citations, self.resolve),
                            open_only=False)

    def review_stats(self, actor: Actor | None = None) -> ReviewStats:
        from assistant.cases.review import stats_for

        with self.db.read() as session:
            return stats_for(session, actor)

    # ---- documents, referrals, the bundle
    def draft_document(self, code: str, actor: Actor, doc_type: str, fields: dict | None = None) -> DocumentVersion:
        from assistant.cases.documents import draft_version

        return self._change(code, actor, "draft",
                            lambda s, row: draft_version(s, row, actor, doc_type, fields, self._drafter()))

    def documents(self, code: str, actor: Actor) -> list[DocumentVersion]:
        with self.db.read() as session:
            return views.documents(session, self._find(session, code, actor, "view"))

    def document(self, code: str, actor: Actor, doc_id: int) -> DocumentVersion:
        from assistant.cases.documents import one_document

        def run(session: Session) -> DocumentVersion:
            row = self._find(session, code, actor, "view", lock=True)
            doc = one_document(session, row, doc_id)
            trace.append(session, row, "personal_data_read", actor, {"what": "document", "document_id": doc_id})
            return doc
        return self.db.run_write(run)

    def _drafter(self) -> Callable[..., Any]:
        from assistant.cases.documents import default_drafter

        return self._draft or default_drafter(self.resolve)

    def refer(self, code: str, actor: Actor, target: str, details: dict | None = None) -> Referral:
        from assistant.cases.referrals import prepare

        return self._change(code, actor, "refer",
                            lambda s, row: prepare(s, row, actor, target, details or {}, self._drafter()))

    def update_referral(self, code: str, actor: Actor, referral_id: int, status: str,
                        result: str | None = None) -> Referral:
        from assistant.cases.referrals import advance

        return self._change(code, actor, "refer",
                            lambda s, row: advance(s, row, actor, referral_id, status, clean_text(result, 4000)),
                            open_only=False)

    def export_bundle(self, code: str, actor: Actor) -> bytes:
        from assistant.cases.attachments import with_bytes
        from assistant.cases.bundle import build_bundle

        def run(session: Session) -> bytes:
            row = self._find(session, code, actor, "export", lock=True)
            view = views.case_view(session, row, self._deadlines_of(row), with_docx=True)
            data = build_bundle(view, trace.case_events(session, row.id), with_bytes(session, row.id))
            trace.append(session, row, "bundle_exported", actor, {"bytes": len(data)})
            return data
        return self.db.run_write(run)

    # ---- the trace
    def verify(self, code: str | None = None) -> VerifyReport:
        """Check the chain of one case (``code``) or of all; a problem names the case and the event."""
        with self.db.read() as session:
            return verify_chains(session, code)

    def erase_personal_data(self, code: str, actor: Actor) -> None:
        """The worker's deletion request: facts, words, answers, notes, documents and payloads go; the status, the
        dates and the hash chain stay, so the trace is still whole and still verifies."""
        from assistant.cases.erasure import erase

        self._change(code, actor, "erase", lambda s, row: erase(s, row, actor), open_only=False)

    def count_events(self) -> int:
        with self.db.read() as session:
            return int(session.execute(select(func.count(EventRow.id))).scalar_one())


__all__ = ["CaseDesk"]
