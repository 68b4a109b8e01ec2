"""The API under faults: liveness never queues behind answers, and a model that trickles is cut at the deadline."""

from __future__ import annotations

import inspect

from tests.assistant.answering.test_answer_faults import REPLY


def test_healthz_is_answered_on_the_event_loop_not_in_the_thread_pool(client):
    # A sync endpoint runs in the shared thread pool, where 40 trickling answers used to leave it waiting.
    from assistant.api.routers.health import healthz

    assert inspect.iscoroutinefunction(healthz)
    assert client.get("/healthz").json() == {"status": "ok"}


def test_ask_with_a_trickling_model_ends_at_the_deadline_with_the_offline_answer(assistant, openai_server, tmp_path):
    from assistant import Assistant

    openai_server.reply = REPLY
    openai_server.chunk_chars, openai_server.chunk_delay = 1, 0.3
    slow = Assistant(assistant.settings.model_copy(update={**openai_server.settings_update(), "llm_timeout": 5.0,
                                                           "answer_deadline_seconds": 1.0}))
    from fastapi.testclient import TestClient

    from assistant.api import create_app
    from tests.assistant.api.conftest import api_settings

    client = TestClient(create_app(slow, api_settings=api_settings(tmp_path)))
    r = client.post("/v1/ask", json={"question": "老板三个月没发工资，我想辞职，还能要到补偿吗？"})
    assert r.status_code == 200
    body = r.json()
    assert body["mode"] == "offline" and any("超时" in w for w in body["warnings"])
