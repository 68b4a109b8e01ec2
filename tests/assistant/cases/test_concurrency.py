"""Several processes appending to the same case at once: every acknowledged event is stored, numbered once, and
the chain still verifies (SQLite: BEGIN IMMEDIATE; PostgreSQL: the case row locked FOR UPDATE)."""

from __future__ import annotations

import multiprocessing as mp

import pytest

from assistant.cases import Actor, CaseDesk, CaseIntake

PER_PROCESS = 15


def _append(url: str, code: str, tag: str, out) -> None:
    desk = CaseDesk(url, auto_migrate=False)
    staff = Actor.staff(tag, "本会")
    acked = []
    for n in range(PER_PROCESS):
        desk.add_note(code, staff, f"{tag}-{n}")
        acked.append(f"{tag}-{n}")
    out.put(acked)


@pytest.mark.slow
def test_appends_from_several_processes_lose_nothing(database_url):
    desk = CaseDesk(database_url)
    staff = Actor.staff("李", "本会")
    code = desk.open_case(CaseIntake(source="staff", summary="拖欠工资"), staff).code
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_append, args=(database_url, code, f"p{i}", out)) for i in range(3)]
    for p in procs:
        p.start()
    acked = [n for _ in procs for n in out.get(timeout=120)]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    case = desk.get_case(code, staff)
    assert sorted(n.text for n in case.notes) == sorted(acked) and len(acked) == 3 * PER_PROCESS
    events = desk.events(code, staff)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert desk.verify(code).ok
    desk.db.dispose()
