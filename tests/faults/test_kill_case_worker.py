"""``kill -9`` of a server worker while clients write to the case desk (issue 13 §9): every write a client was told
succeeded is in the database, no record is half-written (each note has its trace event and every chain verifies),
and the server goes on serving with a fresh worker in the dead one's place. On SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
import threading
import time

import httpx
import psutil
import pytest
from sqlalchemy import func, select

from assistant.cases import Actor, CaseDesk
from assistant.cases.db import CaseRow, EventRow, NoteRow
from evals.bench_cases import ORGANISATION, STAFF_KEY, Workers
from tests.assistant.cases.conftest import database_url  # noqa: F401  (SQLite and PostgreSQL, one schema per test)
from tests.conftest import CASES_DIR

pytestmark = [pytest.mark.slow, pytest.mark.server, pytest.mark.faults]
CLIENTS = 8
HEADERS = {"Authorization": f"Bearer {STAFF_KEY}"}


class Writers:
    """Clients opening cases and adding notes until stopped; what each was told succeeded is kept."""

    def __init__(self, url: str):
        self.url, self.stop = url, threading.Event()
        self.cases: list[str] = []
        self.notes: list[tuple[str, str]] = []  # (case code, note text) of every 201
        self.broken = 0  # requests cut off (the killed worker's) or refused
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._client, args=(n,)) for n in range(CLIENTS)]

    def _client(self, n: int) -> None:
        code, written = None, 0
        with httpx.Client(base_url=self.url, headers=HEADERS, timeout=30) as client:
            while not self.stop.is_set():
                text = f"客户端{n}-备注{written}"
                try:
                    if code is None or written % 10 == 0:
                        r = client.post("/v1/cases", json={"source": "api", "summary": f"客户端{n}：拖欠工资"})
                    else:
                        r = client.post(f"/v1/cases/{code}/notes", json={"text": text})
                except httpx.HTTPError:
                    with self.lock:
                        self.broken += 1
                    continue
                if r.status_code != 201:
                    with self.lock:
                        self.broken += 1
                    continue
                written += 1
                with self.lock:
                    if "code" in r.json():
                        code = r.json()["code"]
                        self.cases.append(code)
                    else:
                        self.notes.append((code, text))

    def __enter__(self) -> Writers:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)


def _acknowledged_writes(writers: Writers) -> int:
    with writers.lock:
        return len(writers.cases) + len(writers.notes)


def _busiest(workers: list[int], port: int) -> int:
    """The worker holding the most client connections: the kernel may hand all of them to one worker, and killing
    the idle one would cut nothing."""
    def held(pid: int) -> int:
        try:
            return sum(1 for c in psutil.Process(pid).net_connections(kind="tcp")
                       if c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == port)
        except psutil.Error:
            return 0
    return max(workers, key=held)


def test_kill_9_of_a_worker_mid_write_loses_nothing_acknowledged(tmp_path, database_url):  # noqa: F811
    url = database_url
    with Workers(tmp_path / "srv", workers=2, corpus_dir=CASES_DIR, database_url=url,
                 env={"LABOR_RATE_LIMIT_PER_MINUTE": "0"}) as server:
        before = server.worker_pids()
        with Writers(server.url) as writers:
            deadline = time.monotonic() + 60
            while _acknowledged_writes(writers) < 40:  # both workers busy writing
                assert time.monotonic() < deadline, "no writes acknowledged"
                time.sleep(0.1)
            victim = _busiest(before, server.port)
            os.kill(victim, signal.SIGKILL)
            at_kill = _acknowledged_writes(writers)
            while _acknowledged_writes(writers) < at_kill + 40:  # the other worker (and then a fresh one) go on
                assert time.monotonic() < deadline, "writes stopped after the kill"
                time.sleep(0.1)
        # the supervisor replaces the dead worker; the server answers as before
        deadline = time.monotonic() + 60
        while len(server.worker_pids()) < 2 or victim in server.worker_pids():
            assert time.monotonic() < deadline, f"the dead worker was not replaced: {server.worker_pids()}"
            time.sleep(0.3)
        assert httpx.get(server.url + "/healthz", timeout=10).status_code == 200

    desk = CaseDesk(url, auto_migrate=False)
    staff = Actor.staff("核对", ORGANISATION)
    with desk.db.read() as session:
        codes = set(session.execute(select(CaseRow.code)).scalars())
        note_rows = session.execute(select(func.count(NoteRow.id))).scalar_one()
        note_events = session.execute(select(func.count(EventRow.id)).where(EventRow.kind == "note_added")).scalar_one()
    # the kill cut the connections the dead worker held: writes mid-way
    assert writers.broken >= 1
    # nothing acknowledged is lost
    assert set(writers.cases) <= codes
    stored_notes = {(code, note.text) for code in {c for c, _ in writers.notes}
                    for note in desk.get_case(code, staff).notes}
    assert set(writers.notes) <= stored_notes
    # nothing half-written: every note has its event and every event its note; every chain (and its head) verifies
    assert note_rows == note_events
    report = desk.verify()
    assert report.ok, report.problems
    assert report.cases == len(codes)
    desk.db.dispose()

