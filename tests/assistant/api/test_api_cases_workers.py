"""``labor serve --workers 2``: two real processes over one index and one case database, and the rate limits count
in that database, so a caller gets no more across both workers than from one. Which worker serves a connection is
read from /proc (the process holding the server's end of the socket), so the test knows it reached both."""

from __future__ import annotations

import http.client
import json
from pathlib import Path

import pytest

from evals.bench_cases import Workers
from tests.conftest import CASES_DIR

pytestmark = [pytest.mark.server, pytest.mark.slow]
LIMIT = 6
CALC = ("/v1/calculate/economic_compensation", {"monthly_wage": 8000, "service_months": 48})


def _socket_inodes(port: int, client_port: int) -> set[str]:
    """The inode of the server's end of the loopback connection from ``client_port`` to ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote = int(fields[1].rsplit(":", 1)[1], 16), int(fields[2].rsplit(":", 1)[1], 16)
            if local == port and remote == client_port:
                found.add(fields[9])
    return found


def _owner(pids: list[int], port: int, client_port: int) -> int | None:
    wanted = {f"socket:[{inode}]" for inode in _socket_inodes(port, client_port)}
    for pid in pids:
        try:
            fds = list(Path(f"/proc/{pid}/fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                if str(fd.readlink()) in wanted:
                    return pid
            except OSError:
                continue
    return None


def _connections_to_both(server: Workers) -> dict[int, http.client.HTTPConnection]:
    """One kept-alive connection served by each worker (connections are opened until both have taken one)."""
    pids = server.worker_pids()
    by_worker: dict[int, http.client.HTTPConnection] = {}
    spare = []
    for _ in range(40):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("GET", "/healthz")  # the worker that answers holds the connection from now on
        assert conn.getresponse().read() == b'{"status":"ok"}'
        owner = _owner(pids, server.port, conn.sock.getsockname()[1])
        if owner is not None and owner not in by_worker:
            by_worker[owner] = conn
        else:
            spare.append(conn)
        if len(by_worker) == 2:
            break
    for conn in spare:
        conn.close()
    assert len(by_worker) == 2, f"both workers should take connections: {sorted(by_worker)} of {pids}"
    return by_worker


def _post(conn: http.client.HTTPConnection, path: str, body: dict, headers: dict | None = None):
    conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json", **(headers or {})})
    response = conn.getresponse()
    return response.status, dict(response.getheaders()), json.loads(response.read() or b"{}")


def test_the_rate_limit_holds_across_two_workers(tmp_path):
    with Workers(tmp_path / "srv", workers=2, corpus_dir=CASES_DIR,
                 env={"LABOR_RATE_LIMIT_PER_MINUTE": str(LIMIT)}) as server:
        first, second = _connections_to_both(server).values()
        # half the minute's allowance through each worker: all served
        for conn in (first, second):
            for _ in range(LIMIT // 2):
                status, _, body = _post(conn, *CALC)
                assert status == 200 and body["amount"] == "32000.00", body
        # counted per process, each worker would still have half its allowance; counted together, none is left
        for conn in (first, second):
            status, headers, body = _post(conn, *CALC)
            assert status == 429, body
            assert body["error"]["code"] == "rate_limited" and f"每分钟最多 {LIMIT} 次" in body["error"]["message"]
            assert 1 <= int(headers["retry-after"]) <= 61


def test_the_wrong_key_budget_holds_across_two_workers(tmp_path):
    with Workers(tmp_path / "srv", workers=2, corpus_dir=CASES_DIR,
                 env={"LABOR_RATE_LIMIT_PER_MINUTE": str(LIMIT)}) as server:
        first, second = _connections_to_both(server).values()
        for conn in (first, second):
            for n in range(LIMIT // 2):
                status, _, _ = _post(conn, *CALC, headers={"X-API-Key": f"guess-{n}"})
                assert status == 401
        # the budget is spent across both: the next key is refused before it is looked at, on either worker
        for conn in (first, second):
            status, headers, body = _post(conn, *CALC, headers={"Authorization": "Bearer bench-staff-key"})
            assert status == 429 and "密钥错误次数过多" in body["error"]["message"], body
            assert int(headers["retry-after"]) >= 1
        # anonymous requests are left to the caller limit: still served
        assert _post(first, *CALC)[0] == 200
