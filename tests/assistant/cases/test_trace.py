"""The trace is tamper-evident: ``verify`` and ``labor cases verify`` pass on an honest log and fail, naming the
event, on a row edited, re-hashed or removed behind the desk's back."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from typer.testing import CliRunner

from assistant.cases import Actor, CaseIntake, Message
from assistant.cases.db import CaseRow, EventRow
from assistant.cases.trace import event_hash, payload_hash

STORY = "我2021年3月1日入职，月薪6000，公司2024年5月10日把我辞退了"


def _case_with_events(desk, staff):
    opened = desk.open_case(CaseIntake(source="staff", conversation=[Message(role="user", content=STORY)]), staff)
    desk.change_status(opened.code, staff, "处理中")
    desk.add_note(opened.code, staff, "已电话联系")
    desk.assign(opened.code, staff, "李干事")
    return opened.code


def _tamper(desk, code, seq, **values):
    with desk.db.write() as s:
        case_id = s.execute(select(CaseRow.id).where(CaseRow.code == code)).scalar_one()
        s.execute(update(EventRow).where(EventRow.case_id == case_id, EventRow.seq == seq).values(**values))


def test_each_event_carries_the_hash_of_the_one_before(desk, staff):
    code = _case_with_events(desk, staff)
    events = desk.events(code, staff)
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert events[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    assert events[2].actor_name == "李干事" and events[2].at.endswith("+00:00")
    report = desk.verify()
    assert report.ok and report.events == 4


def test_an_edited_payload_is_named(desk, staff):
    code = _case_with_events(desk, staff)
    _tamper(desk, code, 3, payload={"note_id": 1, "text": "从未联系"})
    report = desk.verify(code)
    assert not report.ok
    assert [(p.seq, p.kind) for p in report.problems] == [(3, "note_added")]
    assert "内容" in report.problems[0].reason


def test_a_rewritten_event_breaks_the_next_link(desk, staff):
    code = _case_with_events(desk, staff)
    with desk.db.read() as s:
        ev = s.execute(select(EventRow).where(EventRow.seq == 2)).scalar_one()
    # a careful forger recomputes the event's own hashes; the next event still points at the old one
    new_payload = {"from": "已受理", "to": "已办结", "reason": ""}
    p_hash = payload_hash(new_payload, ev.nonce)
    digest = event_hash(code, 2, ev.kind, ev.at, ev.actor_role, ev.actor_name, p_hash, ev.prev_hash)
    _tamper(desk, code, 2, payload=new_payload, payload_hash=p_hash, hash=digest)
    problems = desk.verify(code).problems
    assert [(p.seq, p.kind) for p in problems] == [(3, "note_added")]


def test_a_removed_last_event_is_noticed(desk, staff):
    code = _case_with_events(desk, staff)
    with desk.db.write() as s:
        s.execute(delete(EventRow).where(EventRow.seq == 4))
    problems = desk.verify(code).problems
    assert problems and "末尾" in problems[-1].reason


def test_labor_cases_verify_passes_and_fails_on_a_tampered_row(desk, staff, database_url):
    from assistant.cases.cli import app

    code = _case_with_events(desk, staff)
    other = _case_with_events(desk, staff)
    runner = CliRunner()
    ok = runner.invoke(app, ["verify", "--database-url", database_url])
    assert ok.exit_code == 0, ok.output
    assert "留痕完好：2 个案件，8 条记录" in ok.output
    _tamper(desk, code, 2, actor_name="别人")
    bad = runner.invoke(app, ["verify", "--database-url", database_url])
    assert bad.exit_code == 1
    assert f"案件 {code} 第 2 条记录（status_changed）" in bad.output
    alone = runner.invoke(app, ["verify", other, "--database-url", database_url])
    assert alone.exit_code == 0, alone.output
    unknown = runner.invoke(app, ["verify", "ZZZZ-ZZZZ", "--database-url", database_url])
    assert unknown.exit_code == 2 and "不正确" in unknown.output


def test_labor_cases_list_and_export(desk, staff, database_url, tmp_path):
    from assistant.cases.cli import app

    code = _case_with_events(desk, staff)
    runner = CliRunner()
    listed = runner.invoke(app, ["list", "--database-url", database_url])
    assert listed.exit_code == 0 and code in listed.output and "处理中" in listed.output
    out = tmp_path / "bundle.zip"
    exported = runner.invoke(app, ["export", code, "--out", str(out), "--database-url", database_url])
    assert exported.exit_code == 0, exported.output
    assert out.read_bytes()[:2] == b"PK"
    assert desk.events(code, Actor.admin())[-1].kind == "bundle_exported"
