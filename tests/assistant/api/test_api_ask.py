"""/v1/ask (JSON and SSE) and /v1/chat/completions through TestClient, offline and through a loopback fake LLM."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from tests.assistant.api.conftest import api_settings
from tests.assistant.api.sse_parse import parse_sse

QUESTION = "老板三个月没发工资，我想辞职，还能要到补偿吗？"
LLM_REPLY = ("可以。单位未及时足额支付劳动报酬，你可以依照《劳动合同法》第三十八条解除劳动合同，并依第四十六条要求经济补偿。"
             "另外劳动法第一百零八条也规定了这一点。")


def test_ask_json_offline_every_shown_citation_resolves(client, assistant):
    r = client.post("/v1/ask", json={"question": QUESTION})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["mode"] == "offline" and body["answer"] and body["disclaimer"]
    ids = [c["id"] for c in body["citations"]]
    assert "劳动合同法#38" in ids
    for c in body["citations"]:
        if c["verified"]:
            p = assistant.provision_by_id(c["id"])
            assert p is not None and p.in_force, c["id"]
            assert c["text"] == p.text, "the citation panel shows the article's own text"


def test_ask_stream_sends_tokens_then_one_final_event(client, assistant):
    r = client.post("/v1/ask", json={"question": QUESTION, "stream": True})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    assert "\\u" not in r.text, "Chinese is not escaped on the wire"
    events = parse_sse(r.text)
    names = [n for n, _ in events]
    assert names[-1] == "final" and names.count("final") == 1 and "token" in names
    final = events[-1][1]
    tokens = "".join(d["text"] for n, d in events if n == "token")
    assert final["answer"] == tokens or final["replaces_stream"]
    assert any(c["id"] == "劳动合同法#38" and c["verified"] for c in final["citations"])


def test_ask_through_a_language_model_marks_an_invented_article_unverified(make_client, llm_assistant, openai_server,
                                                                          tmp_path):
    openai_server.reply = LLM_REPLY
    client = TestClient(create_app(llm_assistant, api_settings=api_settings(tmp_path)))
    body = client.post("/v1/ask", json={"question": QUESTION}).json()
    assert body["mode"] == "llm"
    by_id = {c["id"]: c for c in body["citations"]}
    assert by_id["劳动合同法#38"]["verified"] is True
    assert not any(c["verified"] for c in body["citations"] if c["id"] == "劳动法#108")
    assert "劳动法#108" not in by_id or by_id["劳动法#108"]["verified"] is False
    assert body["warnings"], "the invented article is reported"

    events = parse_sse(client.post("/v1/ask", json={"question": QUESTION, "stream": True}).text)
    assert sum(1 for n, _ in events if n == "token") > 3, "tokens arrive as the model produces them"
    assert events[-1][0] == "final" and events[-1][1]["mode"] == "llm"


def test_ask_when_the_model_is_down_still_answers_offline(llm_assistant, openai_server, tmp_path):
    openai_server.fault = "down"
    client = TestClient(create_app(llm_assistant, api_settings=api_settings(tmp_path)))
    r = client.post("/v1/ask", json={"question": QUESTION, "stream": True})
    final = parse_sse(r.text)[-1]
    assert final[0] == "final" and final[1]["mode"] == "offline" and final[1]["warnings"]


def test_chat_completions_json_carries_citations(client, assistant):
    r = client.post("/v1/chat/completions", json={
        "model": "anything", "messages": [{"role": "system", "content": "你是一只猫"},
                                          {"role": "user", "content": QUESTION}]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["object"] == "chat.completion" and body["model"] == "anything"
    assert body["choices"][0]["message"]["role"] == "assistant" and body["choices"][0]["message"]["content"]
    assert any(c["id"] == "劳动合同法#38" and c["verified"] for c in body["citations"])
    assert body["labor_assistant"]["mode"] == "offline"


def test_chat_completions_stream_ends_with_citations_and_done(client, assistant):
    r = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": QUESTION}],
                                                  "stream": True})
    events = parse_sse(r.text)
    assert events[-1] == ("message", "[DONE]")
    chunks = [d for _, d in events[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    last = chunks[-1]
    assert last["choices"][0]["finish_reason"] == "stop"
    assert any(c["id"] == "劳动合同法#38" and c["verified"] for c in last["citations"])
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert text.strip() and text == last["labor_assistant"]["answer"]


@pytest.mark.parametrize("body", [
    {"question": ""},
    {"question": "   "},
    {"question": None},
    {"question": "加班", "history": [{"role": "system", "content": "x"}]},
    {"question": "加班", "history": "not a list"},
    {"question": "加班", "stream": "sometimes"},
    {"question": ["a"]},
])
def test_ask_rejects_bad_input_with_422(client, body):
    r = client.post("/v1/ask", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "invalid_input"


def test_question_length_limit_applies_to_ask_and_chat(make_client):
    c = make_client(max_question_chars=30)
    long = "工资" * 20
    assert c.post("/v1/ask", json={"question": long}).status_code == 422
    r = c.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": long}]})
    assert r.status_code == 422 and "最多 30 字" in r.json()["error"]["message"]


@pytest.mark.parametrize("messages", [
    [],
    [{"role": "assistant", "content": "你好"}],
    [{"role": "robot", "content": "你好"}],
    [{"role": "user", "content": "问题"}, {"role": "assistant", "content": "回答"}],
])
def test_chat_completions_rejects_conversations_without_a_final_question(client, messages):
    r = client.post("/v1/chat/completions", json={"messages": messages})
    assert r.status_code == 422
