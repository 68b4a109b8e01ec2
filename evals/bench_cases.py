"""Load on the case desk: many clients opening cases and appending events for N seconds; then the events stored are
counted against the events acknowledged (they must be equal) and the chains verified.

Two modes:

- ``--mode http`` (issue 13 §9): ``labor serve --api-only --workers 2`` on a loopback port, 32 clients over HTTP
  (``POST /v1/cases``, then ``POST /v1/cases/{code}/notes``) with a staff key; the rate limit is on and counted in
  the case database (high enough never to refuse, so every request pays for the shared count)::

      python -m evals.bench_cases --mode http --seconds 60
      python -m evals.bench_cases --mode http --seconds 60 --database-url postgresql+psycopg://…

- ``--mode direct``: the storage alone, ``CaseDesk`` in several processes without the server.

The SQLite file goes to a temp folder; a PostgreSQL database or schema should be empty (tables are created there).
An error is any refused or failed request (a 5xx, a 4xx, a broken connection): the target is 0.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

STAFF_KEY = "bench-staff-key"
ORGANISATION = "本会"
NEW_CASE_EVERY = 25  # writes per case before a client opens the next one


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Workers:
    """``labor serve --api-only --workers N`` on a free loopback port, in a data folder of its own; a context
    manager that waits for ``/healthz`` and stops the server (and its workers) on exit."""

    def __init__(self, data_dir: Path, *, workers: int = 2, database_url: str | None = None,
                 corpus_dir: Path | None = None, env: dict[str, str] | None = None):
        self.data_dir, self.workers, self.port = Path(data_dir), workers, free_port()
        clean = {k: v for k, v in os.environ.items() if not k.startswith("LABOR_")}
        clean.update({"LABOR_DATA_DIR": str(self.data_dir), "LABOR_RETRIEVAL_MODE": "lexical",
                      "LABOR_API_KEYS": f"{STAFF_KEY}:staff@{ORGANISATION}", "LABOR_LOG_LEVEL": "warning",
                      "LABOR_CASE_ORGANISATION": ORGANISATION,
                      "LABOR_CORPUS_DIRS": str(corpus_dir or _default_corpus())})
        if database_url:
            clean["LABOR_DATABASE_URL"] = database_url
        clean.update(env or {})
        self.env = clean
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Workers:
        import httpx

        self.data_dir.mkdir(parents=True, exist_ok=True)
        labor = str(Path(sys.executable).with_name("labor"))
        self.log = open(self.data_dir / "server.log", "w")  # noqa: SIM115  (closed in __exit__)
        self.proc = subprocess.Popen([labor, "serve", "--api-only", "--workers", str(self.workers), "--port",
                                      str(self.port)], cwd=self.data_dir, env=self.env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 180
        while len(self.worker_pids()) < self.workers or not self._healthy(httpx):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("server did not start:\n" + (self.data_dir / "server.log").read_text())
            time.sleep(0.3)
        return self

    def _healthy(self, httpx) -> bool:
        try:
            return httpx.get(self.url + "/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def worker_pids(self) -> list[int]:
        """The worker processes (uvicorn starts them with multiprocessing's spawn; its resource tracker is none)."""
        if self.proc is None:
            return []
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            except (OSError, IndexError, ValueError):
                continue
            if ppid == self.proc.pid and "multiprocessing" in cmdline and "resource_tracker" not in cmdline:
                pids.append(int(entry.name))
        return sorted(pids)

    def __exit__(self, *_exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()
        self.log.close()


def _default_corpus() -> Path:
    """A small corpus so the server starts in seconds: the bench loads the desk, not retrieval."""
    return Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "cases"


# ---- over HTTP
def http_client_loop(url: str, seconds: float, n: int, tally: dict, lock: threading.Lock) -> None:
    """One client: open a case, add notes to it, a new case every NEW_CASE_EVERY writes; each 201 is one event."""
    import httpx

    headers = {"Authorization": f"Bearer {STAFF_KEY}"}
    deadline = time.monotonic() + seconds
    code, writes = None, 0
    with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                if code is None or writes % NEW_CASE_EVERY == 0:
                    r = client.post("/v1/cases", json={"source": "api", "summary": f"客户端{n}：拖欠工资"})
                    new_code = r.json().get("code") if r.status_code == 201 else None
                else:
                    r = client.post(f"/v1/cases/{code}/notes", json={"text": f"客户端{n}的第{writes}条备注"})
                    new_code = code
            except httpx.HTTPError as exc:
                with lock:
                    tally["errors"].append(type(exc).__name__)
                continue
            if r.status_code != 201:
                with lock:
                    tally["errors"].append(str(r.status_code))
                continue
            code, writes = new_code, writes + 1
            with lock:
                tally["acked"] += 1
                tally["latencies"].append(time.perf_counter() - start)


def run_http(database_url: str | None, workers: int, clients: int, seconds: float, data_dir: Path) -> dict:
    from assistant.cases import CaseDesk
    from assistant.cases.db import sqlite_url

    url = database_url or sqlite_url(data_dir / "cases.sqlite3")
    env = {"LABOR_RATE_LIMIT_PER_MINUTE": str(10**7), "LABOR_RATE_LIMIT_STORE": "database"}
    with Workers(data_dir, workers=workers, database_url=database_url, env=env) as server:
        desk = CaseDesk(url)
        before = desk.count_events()
        tally: dict = {"acked": 0, "errors": [], "latencies": []}
        lock = threading.Lock()
        threads = [threading.Thread(target=http_client_loop, args=(server.url, seconds, i, tally, lock))
                   for i in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.perf_counter() - started
    stored = desk.count_events() - before
    report = desk.verify()
    desk.db.dispose()
    return _figures("http", url, workers, clients, seconds, tally["acked"], stored, tally["errors"],
                    tally["latencies"], report, took)


# ---- the storage alone
def _worker(url: str, clients: int, seconds: float, out) -> None:
    from assistant.cases import Actor, CaseDesk, CaseIntake

    desk = CaseDesk(url, auto_migrate=False)
    staff = Actor.staff("bench", ORGANISATION)
    acked, errors, latencies = [0], [], []
    lock = threading.Lock()

    def client(n: int) -> None:
        deadline = time.monotonic() + seconds
        code, writes = None, 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                if code is None or writes % NEW_CASE_EVERY == 0:
                    code = desk.open_case(CaseIntake(source="staff", summary=f"客户端{n}"), staff).code
                else:
                    desk.add_note(code, staff, f"客户端{n}的备注")
                writes += 1
            except Exception as exc:  # counted, not raised: the figure is how many
                with lock:
                    errors.append(type(exc).__name__)
                continue
            with lock:
                acked[0] += 1  # each acknowledged write is exactly one event
                latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put({"acked": acked[0], "errors": errors, "latencies": latencies})


def run(url: str, processes: int, clients: int, seconds: float) -> dict:
    from assistant.cases import CaseDesk

    desk = CaseDesk(url)
    before = desk.count_events()
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(url, clients // processes, seconds, out)) for _ in range(processes)]
    started = time.perf_counter()
    for p in procs:
        p.start()
    results = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join()
    took = time.perf_counter() - started
    stored = desk.count_events() - before
    report = desk.verify()
    return _figures("direct", url, processes, clients, seconds, sum(r["acked"] for r in results), stored,
                    [e for r in results for e in r["errors"]], [x for r in results for x in r["latencies"]],
                    report, took)


def _figures(mode: str, url: str, processes: int, clients: int, seconds: float, acked: int, stored: int,
             errors: list[str], latencies: list[float], report, took: float) -> dict:
    lat = sorted(latencies)
    kinds: dict[str, int] = {}
    for e in errors:
        kinds[e] = kinds.get(e, 0) + 1
    return {"mode": mode, "database": url.split(":", 1)[0], "processes": processes, "clients": clients,
            "seconds": seconds, "acknowledged": acked, "stored": stored, "equal": acked == stored,
            "errors": len(errors), "error_kinds": kinds, "writes_per_second": round(acked / max(took, seconds), 1),
            "p50_ms": round(lat[len(lat) // 2] * 1000, 1) if lat else None,
            "p95_ms": round(lat[int(len(lat) * 0.95)] * 1000, 1) if lat else None,
            "chains_ok": report.ok, "cases": report.cases}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=("http", "direct"), default="http")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--processes", type=int, default=2, help="server workers (http) or writer processes")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="labor-bench-cases-"))
    if args.mode == "http":
        figures = run_http(args.database_url, args.processes, args.clients, args.seconds, folder)
    else:
        url = args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
        figures = run(url, args.processes, args.clients, args.seconds)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
