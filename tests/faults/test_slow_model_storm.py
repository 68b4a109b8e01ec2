"""The slow-model storm: many concurrent questions while the language model trickles one character at a time.
Bounded by LABOR_MAX_CONCURRENT_LLM and LABOR_ANSWER_DEADLINE_SECONDS, every question gets an answer or a typed
503 in time, nothing hangs, and liveness and search keep answering within a second — behind a real server."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from assistant import Assistant
from assistant.api import create_app
from tests.assistant.api.conftest import RunningServer, api_settings
from tests.fakes.fixtures import openai_server  # noqa: F401  (the loopback OpenAI-compatible fake)

pytestmark = [pytest.mark.slow, pytest.mark.server, pytest.mark.faults]
QUESTIONS = 40
DEADLINE_S = 2.0
IN_FLIGHT = 4
QUESTION = "老板三个月没发工资，我想辞职，还能要到补偿吗？"


async def _storm(url: str) -> tuple[list[tuple[int, float, dict]], list[float], list[float]]:
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=httpx.Limits(max_connections=QUESTIONS + 8)) as c:
        async def ask() -> tuple[int, float, dict]:
            start = time.perf_counter()
            r = await c.post("/v1/ask", json={"question": QUESTION})
            body = r.json()
            if r.status_code == 503:
                body["retry_after"] = r.headers.get("retry-after")
            return r.status_code, time.perf_counter() - start, body

        async def probe(path: str, **kwargs) -> list[float]:
            took = []
            await asyncio.sleep(0.3)  # the storm is under way
            for _ in range(8):
                start = time.perf_counter()
                r = await (c.post(path, **kwargs) if kwargs else c.get(path))
                took.append(time.perf_counter() - start)
                assert r.status_code == 200, (path, r.status_code, r.text[:200])
                await asyncio.sleep(0.25)
            return took

        results = await asyncio.gather(*(ask() for _ in range(QUESTIONS)), probe("/healthz"),
                                       probe("/v1/search", json={"query": "加班费怎么算", "k": 3}))
    return list(results[:QUESTIONS]), results[QUESTIONS], results[QUESTIONS + 1]


def _most_at_once(served: list[tuple[float, float]], hang_up_lag: float = 0.05) -> int:
    """The most requests the model served at one instant; each end is moved ``hang_up_lag`` earlier, the time the
    fake takes to notice a client that hung up (a freed slot may start the next call within it)."""
    edges = sorted([(start, 1) for start, _ in served] + [(end - hang_up_lag, -1) for _, end in served])
    most = now = 0
    for _, step in edges:
        now += step
        most = max(most, now)
    return most


def test_a_storm_of_questions_to_a_trickling_model(assistant, openai_server, tmp_path):  # noqa: F811
    openai_server.reply = "根据《劳动合同法》第三十八条，用人单位未及时足额支付劳动报酬的，劳动者可以解除劳动合同。" * 4
    openai_server.chunk_chars, openai_server.chunk_delay = 1, 0.5  # far slower than the deadline allows
    settings = assistant.settings.model_copy(update={**openai_server.settings_update(timeout=5.0),
                                                     "answer_deadline_seconds": DEADLINE_S,
                                                     "max_concurrent_llm": IN_FLIGHT})
    app = create_app(Assistant(settings), api_settings=api_settings(tmp_path))
    with RunningServer(app) as server:
        httpx.post(server.url + "/v1/search", json={"query": "加班费"}, timeout=30)  # index open and warm
        started = time.perf_counter()
        answers, health, search = asyncio.run(_storm(server.url))
        total = time.perf_counter() - started

    statuses = [status for status, _, _ in answers]
    assert all(s == 200 or s == 503 for s in statuses), statuses
    for status, _, body in answers:
        if status == 503:  # answers full (LABOR_MAX_CONCURRENT_ANSWERS): told at once, with when to retry
            assert body["error"]["code"] == "busy" and body["retry_after"] and "稍后" in body["error"]["message"]
        else:
            assert body["answer"] and body["mode"] in ("llm", "offline")
    cut = [b for s, _, b in answers if s == 200 and any("超时" in w for w in b.get("warnings", []))]
    assert cut, "the answers that reached the trickling model were cut at the deadline"
    slowest = max(took for _, took, _ in answers)
    assert slowest < DEADLINE_S + 10, f"an answer took {slowest:.1f} s"
    assert max(health) < 1.0, f"/healthz took {max(health):.2f} s during the storm"
    assert max(search) < 1.0, f"search took {max(search):.2f} s during the storm"
    assert total < DEADLINE_S + 20
    assert 1 <= _most_at_once(openai_server.served) <= IN_FLIGHT, "model calls in flight are bounded"
