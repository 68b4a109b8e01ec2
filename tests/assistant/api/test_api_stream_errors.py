"""A streamed answer that fails carries the same typed error as the JSON route: code and Chinese message."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant import Assistant
from assistant.api import ApiSettings, create_app
from tests.assistant.api.sse_parse import parse_sse

QUESTION = "加班费怎么算"
CHAT = {"messages": [{"role": "user", "content": QUESTION}]}


@pytest.fixture
def no_index(fresh_settings, tmp_path) -> TestClient:
    """The API over a data folder where nothing was ever ingested."""
    return TestClient(create_app(Assistant(fresh_settings),
                                 api_settings=ApiSettings(_env_file=None, feedback_db=tmp_path / "f.sqlite3")))


def test_streamed_ask_without_an_index_sends_index_not_found_like_the_json_route(no_index):
    plain = no_index.post("/v1/ask", json={"question": QUESTION})
    assert plain.status_code == 503
    expected = plain.json()["error"]
    assert expected["code"] == "index_not_found"

    streamed = no_index.post("/v1/ask", json={"question": QUESTION, "stream": True})
    events = parse_sse(streamed.text)
    assert [name for name, _ in events] == ["error"]
    error = events[0][1]["error"]
    assert error == expected
    assert "法规库" in error["message"] and "labor ingest" in error["message"]


def test_streamed_chat_completion_without_an_index_sends_the_typed_error_chunk(no_index):
    plain = no_index.post("/v1/chat/completions", json=CHAT)
    assert plain.status_code == 503 and plain.json()["error"]["code"] == "index_not_found"

    events = parse_sse(no_index.post("/v1/chat/completions", json={**CHAT, "stream": True}).text)
    assert events[-1] == ("message", "[DONE]")
    errors = [data["error"] for _, data in events if isinstance(data, dict) and "error" in data]
    assert errors == [plain.json()["error"]]
    no_text = [data for _, data in events if isinstance(data, dict) and "choices" in data
               and data["choices"][0]["delta"].get("content")]
    assert not no_text, "a failure is not passed off as a (short) answer"


def test_the_openai_client_raises_with_the_chinese_message_when_the_stream_fails(no_index):
    import openai

    client = openai.OpenAI(base_url="http://testserver/v1", api_key="change-me-app", max_retries=0,
                           http_client=no_index)
    stream = client.chat.completions.create(model="labor-assistant", messages=CHAT["messages"], stream=True)
    with pytest.raises(openai.APIError) as raised:
        for _ in stream:
            pass
    assert "法规库" in raised.value.message
    assert raised.value.body["code"] == "index_not_found"
