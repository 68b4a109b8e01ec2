"""``kill -9`` of ``labor serve`` in the middle of a request — a streamed answer from a trickling model, an upload
being built into the index — leaves no process behind and the port free; the server restarted on the same port
answers at once from the same complete build, and the next upload is ingested."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from assistant import Assistant
from tests.conftest import LAWS_DIR, make_settings
from tests.fakes.fixtures import openai_server  # noqa: F401  (the loopback OpenAI-compatible fake)
from tests.faults.processes import (
    build_is_complete,
    free_port,
    kill_9,
    labor_env,
    port_is_free,
    start,
    unfinished_builds,
    wait_until,
    write_law,
)

pytestmark = [pytest.mark.faults, pytest.mark.slow, pytest.mark.server]
STAFF = {"Authorization": "Bearer staff-key-for-faults"}
QUESTION = "老板三个月没发工资，我想辞职，还能要到补偿吗？"
REPLY = "根据《劳动合同法》第三十八条，用人单位未及时足额支付劳动报酬的，劳动者可以解除劳动合同。" * 4


class Served:
    """A ``labor serve --api-only`` process over a data folder, on a port of its own."""

    def __init__(self, tmp_path: Path, data_dir: Path, port: int, **env: str) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.env = labor_env(data_dir, LABOR_PORT=str(port), LABOR_API_KEYS="staff-key-for-faults:staff",
                             LABOR_RATE_LIMIT_PER_MINUTE="0", LABOR_LOG_LEVEL="warning", **env)
        self.cwd = tmp_path

    def start(self):
        self.proc = start(["serve", "--api-only"], self.env, cwd=self.cwd)
        wait_until(self.proc, self._ready, "the server answered /readyz", timeout=90)
        return self.proc

    def _ready(self) -> bool:
        try:
            return httpx.get(self.url + "/readyz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False


@pytest.fixture
def built(tmp_path):
    settings = make_settings(tmp_path / "data")
    Assistant(settings).ingest([write_law(tmp_path / "small")])
    return settings


def _serves_the_same_build(server: Served, settings, before: str) -> None:
    """The restarted server answers at once, from the build that was current before the kill, complete."""
    started = time.monotonic()
    hits = httpx.post(server.url + "/v1/search", json={"query": "按月支付工资", "k": 3}, timeout=30).json()["hits"]
    assert hits and hits[0]["id"].startswith("示例法#"), hits
    assert time.monotonic() - started < 5
    store = Assistant(settings).store
    assert store.current_name() == before
    assert build_is_complete(store.builds / before, Assistant(settings).stats()["provisions"])


def _kept_batches(uploads: Path) -> list[Path]:
    return [p for p in uploads.iterdir() if p.name != ".incoming"] if uploads.is_dir() else []


def test_kill_9_of_the_server_mid_stream(tmp_path, built, openai_server):  # noqa: F811
    openai_server.reply = REPLY
    openai_server.chunk_chars, openai_server.chunk_delay = 4, 0.2  # a 9 s stream: the kill lands inside it
    port = free_port()
    server = Served(tmp_path, built.data_dir, port, LABOR_LLM_BASE_URL=openai_server.base_url,
                    LABOR_LLM_MODEL=openai_server.model, LABOR_LLM_API_KEY="test-key", LABOR_LLM_TIMEOUT="5",
                    LABOR_FACTS_BY_MODEL="false")
    before = Assistant(built).store.current_name()
    proc = server.start()
    events: list[str] = []
    client_error: list[BaseException] = []

    def read_stream() -> None:
        try:
            with httpx.stream("POST", server.url + "/v1/ask", json={"question": QUESTION, "stream": True},
                              timeout=30) as r:
                for line in r.iter_lines():
                    if line.startswith("event:"):
                        events.append(line[6:].strip())
        except httpx.HTTPError as exc:
            client_error.append(exc)

    reader = threading.Thread(target=read_stream)
    reader.start()
    try:
        wait_until(proc, lambda: "token" in events, "the answer was streaming", timeout=60)
    finally:
        survivors = kill_9(proc)
    reader.join(timeout=10)

    assert not reader.is_alive(), "the client was left waiting on a dead server"
    assert "final" not in events and client_error, "the client learns the answer broke off"
    assert not survivors, f"processes outlived the server: {survivors}"
    assert port_is_free(port), "nothing listens on the port any more"
    deadline = time.monotonic() + 5
    while len(openai_server.served) < len(openai_server.requests) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(openai_server.served) == len(openai_server.requests), "the model's stream ended with the server"

    proc = Served(tmp_path, built.data_dir, port).start()
    try:
        _serves_the_same_build(server, built, before)
    finally:
        assert not kill_9(proc)


def test_kill_9_of_the_server_mid_upload_ingest(tmp_path, built):
    port = free_port()
    server = Served(tmp_path, built.data_dir, port)
    store = Assistant(built).store
    before = store.current_name()
    proc = server.start()
    files = [("files", (p.name, p.read_bytes(), "text/markdown")) for p in sorted(LAWS_DIR.glob("*.md"))]
    assert len(files) >= 20

    def upload() -> None:
        try:
            httpx.post(server.url + "/v1/ingest", files=files, data={"category": "law"}, headers=STAFF, timeout=60)
        except httpx.HTTPError:
            pass  # the server died under it, as intended

    uploader = threading.Thread(target=upload)
    uploader.start()
    try:
        wait_until(proc, lambda: any((store.builds / b / "provisions.sqlite").exists()
                                     for b in unfinished_builds(store.builds)), "the upload was being built")
    finally:
        survivors = kill_9(proc)
    uploader.join(timeout=10)
    assert not survivors and port_is_free(port)
    uploads = built.data_dir / "uploads"
    assert not _kept_batches(uploads), "a killed upload is never kept as a batch"

    proc = server.start()
    try:
        _serves_the_same_build(server, built, before)
        # the next upload is built, and the killed build's folder is gone
        r = httpx.post(server.url + "/v1/ingest", files=files[:3], data={"category": "law"}, headers=STAFF,
                       timeout=60)
        assert r.status_code == 200, r.text[:300]
    finally:
        assert not kill_9(proc)
    assert not unfinished_builds(store.builds)
    # the killed upload's staged files were swept by the next upload: only the next upload's batch is kept
    [kept] = _kept_batches(uploads)
    assert len([p for p in kept.iterdir() if p.suffix == ".md"]) == 3
    assert not list((uploads / ".incoming").iterdir())
    assert store.current_name() != before
    after = Assistant(built)
    assert build_is_complete(store.builds / store.current_name(), after.stats()["provisions"])
    assert after.provision("示例法", "1") is not None
