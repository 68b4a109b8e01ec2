"""Load on the case desk's storage: several processes, many clients, opening cases and appending events for N
seconds; then the events stored are counted against the events acknowledged (they must be equal) and the chains
verified. Run: ``python -m evals.bench_cases --seconds 60`` (SQLite file in a temp folder), or with
``--database-url postgresql+psycopg://…`` (an empty database or schema; tables are created there)."""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import tempfile
import threading
import time
from pathlib import Path


def _worker(url: str, clients: int, seconds: float, out) -> None:
    from assistant.cases import Actor, CaseDesk, CaseIntake

    desk = CaseDesk(url, auto_migrate=False)
    staff = Actor.staff("bench", "本会")
    acked, errors, latencies = [0], [], []
    lock = threading.Lock()

    def client(n: int) -> None:
        deadline = time.monotonic() + seconds
        code, writes = None, 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                if code is None or writes % 25 == 0:  # a new case now and then; notes on it in between
                    code = desk.open_case(CaseIntake(source="staff", summary=f"客户端{n}"), staff).code
                else:
                    desk.add_note(code, staff, f"客户端{n}的备注")
                writes += 1
                done = 1  # each acknowledged write is exactly one event
            except Exception as exc:  # counted, not raised: the figure is how many
                with lock:
                    errors.append(type(exc).__name__)
                continue
            with lock:
                acked[0] += done
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
    for p in procs:
        p.start()
    results = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join()
    stored = desk.count_events() - before
    report = desk.verify()
    lat = sorted(x for r in results for x in r["latencies"])
    acked = sum(r["acked"] for r in results)
    return {"database": url.split(":", 1)[0], "processes": processes, "clients": clients, "seconds": seconds,
            "acknowledged": acked, "stored": stored, "equal": acked == stored,
            "errors": sum(len(r["errors"]) for r in results), "writes_per_second": round(acked / seconds, 1),
            "p50_ms": round(lat[len(lat) // 2] * 1000, 1) if lat else None,
            "p95_ms": round(lat[int(len(lat) * 0.95)] * 1000, 1) if lat else None,
            "chains_ok": report.ok, "cases": report.cases}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    print(json.dumps(run(url, args.processes, args.clients, args.seconds), ensure_ascii=False))


if __name__ == "__main__":
    main()
