"""The web page's backend passes the API's access and rate check (issue 16 item 5): with anonymous access off the
page's Gradio endpoints answer only a caller with a key, and one per-minute limit counts both front doors.

Driven through Gradio's own HTTP endpoints (``/ui/gradio_api/call/<name>``), the way the page and any script
reach them, over the real app and Assistant."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tests.assistant.api.conftest import PUBLIC_KEY, api_settings

QUESTION = "加班费怎么算"


@pytest.fixture
def page(assistant, tmp_path):
    """``page(**api_settings)`` → a TestClient over the app with the web page mounted (queue running)."""
    from assistant.api.server import create_server_app

    clients = []

    def make(**overrides) -> TestClient:
        app = create_server_app(assistant, api_settings=api_settings(tmp_path, **overrides))
        client = TestClient(app).__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def call(client: TestClient, name: str, data: list, headers: dict | None = None) -> list:
    """Run one Gradio event over HTTP; its last output (what the page would show)."""
    started = client.post(f"/ui/gradio_api/call/{name}", json={"data": data}, headers=headers or {})
    assert started.status_code == 200, started.text
    stream = client.get(f"/ui/gradio_api/call/{name}/{started.json()['event_id']}", headers=headers or {})
    events = [line.removeprefix("data: ") for line in stream.text.splitlines() if line.startswith("data: ")]
    assert events, stream.text
    return json.loads(events[-1])


def bubble(output: list) -> str:
    content = output[1][-1]["content"]
    return "".join(p.get("text", "") for p in content) if isinstance(content, list) else content


def ask(client: TestClient, key: str = "", headers: dict | None = None) -> list:
    # respond's inputs: question, chat, case (state), answers (state), 访问密钥
    return call(client, "respond", [QUESTION, [], None, {}, key], headers)


def test_with_anonymous_access_off_the_page_answers_only_a_caller_with_a_key(page):
    client = page(allow_anonymous=False)
    refused = ask(client)
    assert "访问密钥" in bubble(refused) and "条文已核对" not in json.dumps(refused, ensure_ascii=False)
    assert client.post("/v1/search", json={"query": QUESTION}).status_code == 401, "the API says the same"

    by_header = ask(client, headers={"X-API-Key": PUBLIC_KEY})
    assert "条文已核对" in by_header[2], "the citations panel of a real answer"
    typed = ask(client, key=PUBLIC_KEY)
    assert "条文已核对" in typed[2]
    wrong = ask(client, key="not-a-key")
    assert bubble(wrong) == "访问密钥不对，请检查后再试。"


def test_the_calculator_and_the_law_search_are_behind_the_same_door(page):
    client = page(allow_anonymous=False)
    found = call(client, "search", ["", "劳动合同法第三十八条"])
    assert "访问密钥" in found[0] and "劳动合同法第三十八条" not in found[0]
    found = call(client, "search", [PUBLIC_KEY, "劳动合同法第三十八条"])
    assert found[0].startswith("**1. 劳动合同法第三十八条**")


def test_one_rate_limit_counts_questions_on_the_page_and_calls_to_the_api(page):
    client = page(rate_limit_per_minute=3)
    assert client.post("/v1/search", json={"query": QUESTION}).status_code == 200
    assert "条文已核对" in ask(client)[2]
    assert "条文已核对" in ask(client)[2]
    limited = ask(client)
    assert "请求过于频繁" in bubble(limited) and "每分钟最多 3 次" in bubble(limited)
    assert client.post("/v1/search", json={"query": QUESTION}).status_code == 429, "the API counted the page's calls"


def test_keys_guessed_on_the_page_spend_the_same_wrong_key_budget_as_the_api(page):
    client = page(allow_anonymous=False, rate_limit_per_minute=3)
    for guess in ("guess-1", "guess-2", "guess-3"):
        assert "访问密钥不对" in call(client, "search", [guess, "劳动合同法第三十八条"])[0]
    blocked = call(client, "search", [PUBLIC_KEY, "劳动合同法第三十八条"])
    assert "密钥错误次数过多" in blocked[0], "the right key too, once the address has guessed its fill"
    api = client.post("/v1/search", json={"query": QUESTION}, headers={"X-API-Key": PUBLIC_KEY})
    assert api.status_code == 429 and "密钥错误次数过多" in api.json()["error"]["message"], "the API counted them"
