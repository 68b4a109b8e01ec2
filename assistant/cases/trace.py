"""The trace (全程留痕): every event appended to its case's chain, never edited, each carrying the hash of the one
before.

An event's hash covers its number, kind, time, actor and the hash of its payload — not the payload itself — and the
payload hash is salted with a random nonce kept beside it. So a worker's deletion request can clear payloads and
nonces (the personal data) and the chain still verifies, while the payloads left cannot be guessed back from their
hashes. Tampering shows: an edited payload no longer matches its payload hash, an edited hash no longer matches its
fields, a re-hashed event breaks the next one's ``prev_hash``, and a removed last event no longer matches the case
row's head.

Appending is safe with several processes: it runs inside the caller's write transaction, after the case row was
locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already holds the write lock), and the
``(case_id, seq)`` unique constraint refuses a second event with the same number if anything else slipped.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.cases.db import CaseRow, EventRow
from assistant.cases.models import Actor, CaseEvent, TraceProblem

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def payload_hash(payload: dict[str, Any] | None, nonce: str | None) -> str:
    return hashlib.sha256(((nonce or "") + "|" + canonical(payload)).encode("utf-8")).hexdigest()


def event_hash(code: str, seq: int, kind: str, at: str, actor_role: str, actor_name: str, p_hash: str,
               prev: str) -> str:
    body = canonical([code, seq, kind, at, actor_role, actor_name, p_hash, prev])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def lock_case(session: Session, case_id: int) -> CaseRow:
    """The case row, locked for this transaction (the chain head may be read and moved only under this lock)."""
    stmt = select(CaseRow).where(CaseRow.id == case_id)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    row = session.execute(stmt.execution_options(populate_existing=True)).scalar_one()
    return row


def append(session: Session, case: CaseRow, kind: str, actor: Actor, payload: dict[str, Any] | None = None,
           at: datetime | None = None) -> EventRow:
    """Add the next event of ``case`` (already locked by the caller's transaction) and move the chain head."""
    when = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")
    nonce = secrets.token_hex(16)
    data = _clean(payload or {})
    p_hash = payload_hash(data, nonce)
    seq = case.event_count + 1
    name = actor.name if actor.role != "worker" else ""
    digest = event_hash(case.code, seq, kind, when, actor.role, name, p_hash, case.head_hash)
    row = EventRow(case_id=case.id, seq=seq, kind=kind, at=when, actor_role=actor.role, actor_name=name,
                   payload=data, nonce=nonce, payload_hash=p_hash, prev_hash=case.head_hash, hash=digest)
    session.add(row)
    case.event_count = seq
    case.head_hash = digest
    case.updated_at = datetime.fromisoformat(when)
    session.flush()
    return row


def _clean(payload: dict[str, Any]) -> dict[str, Any]:
    """JSON as stored: what the database gives back must hash the same as what was written."""
    return json.loads(canonical(payload))


def to_event(row: EventRow) -> CaseEvent:
    return CaseEvent(seq=row.seq, kind=row.kind, at=row.at, actor_role=row.actor_role, actor_name=row.actor_name,
                     data=row.payload, payload_hash=row.payload_hash, prev_hash=row.prev_hash, hash=row.hash)


def case_events(session: Session, case_id: int) -> list[CaseEvent]:
    """The trace of one case, first event first."""
    rows = session.execute(select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.seq)).scalars()
    return [to_event(e) for e in rows]


def check_chain(case: CaseRow, events: list[EventRow]) -> list[TraceProblem]:
    """Every way the stored chain of one case can disagree with itself, each naming the event."""
    problems: list[TraceProblem] = []
    prev = GENESIS
    expected = 1
    for ev in events:
        def problem(reason: str, ev: EventRow = ev) -> None:
            problems.append(TraceProblem(code=case.code, seq=ev.seq, kind=ev.kind, reason=reason))

        if ev.seq != expected:
            problem(f"事件编号不连续：应为第 {expected} 条，实为第 {ev.seq} 条（有事件被删除或插入）")
            expected = ev.seq
        if ev.prev_hash != prev:
            problem("前一事件的哈希对不上（此前的事件被改动、删除或重写）")
        if ev.payload is not None or ev.nonce is not None:
            if payload_hash(ev.payload, ev.nonce) != ev.payload_hash:
                problem("事件内容与其哈希不符（内容被改动）")
        elif not case.erased:
            problem("事件内容被清空，但该案件没有删除个人信息的记录")
        digest = event_hash(case.code, ev.seq, ev.kind, ev.at, ev.actor_role, ev.actor_name, ev.payload_hash,
                            ev.prev_hash)
        if digest != ev.hash:
            problem("事件的哈希与其字段不符（编号、类型、时间、操作人或内容哈希被改动）")
        prev = ev.hash
        expected += 1
    if case.event_count != len(events) or case.head_hash != prev:
        last = events[-1] if events else None
        problems.append(TraceProblem(code=case.code, seq=last.seq if last else None, kind=last.kind if last else None,
                                     reason=f"案件记录的最后事件（第 {case.event_count} 条）与留痕链的末尾不符"
                                            "（末尾事件被删除或改动）"))
    return problems
