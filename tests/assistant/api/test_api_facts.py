"""The case facts through the HTTP API: returned with every answer, corrected by ``facts``, refused by name."""

from __future__ import annotations

from tests.assistant.api.sse_parse import parse_sse

HISTORY = [{"role": "user", "content": "公司突然把我辞退了，没有任何理由"}, {"role": "assistant", "content": "……"}]
FOLLOW_UP = "我干了3年，月薪5000，能拿多少？"


def test_ask_returns_the_facts_it_used_and_takes_corrections(client):
    r = client.post("/v1/ask", json={"question": FOLLOW_UP, "history": HISTORY})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["facts"]["event"]["termination"] == "unlawful_dismissal"
    assert body["facts"]["pay"]["monthly_wage"] in ("5000", 5000)
    assert "30000.00" in body["answer"]
    fixed = client.post("/v1/ask", json={"question": FOLLOW_UP, "history": HISTORY,
                                         "facts": {"pay.monthly_wage": "6,000元"}}).json()
    assert "36000.00" in fixed["answer"]
    assert fixed["facts"]["sources"]["pay.monthly_wage"]["by"] == "user"


def test_a_bad_correction_is_a_422_naming_the_fact(client):
    r = client.post("/v1/ask", json={"question": FOLLOW_UP, "facts": {"worker.salary": "8000"}})
    assert r.status_code == 422
    error = r.json()["error"]
    assert "worker.salary" in error.get("field", "") + error["message"]
    r = client.post("/v1/ask", json={"question": FOLLOW_UP, "stream": True, "facts": {"pay.monthly_wage": "很多"}})
    assert r.status_code == 422 and "金额" in r.json()["error"]["message"]  # refused before any event


def test_the_streamed_final_event_carries_the_facts(client):
    with client.stream("POST", "/v1/ask", json={"question": FOLLOW_UP, "history": HISTORY, "stream": True}) as r:
        events = parse_sse("".join(r.iter_text()))
    final = [data for name, data in events if name == "final"][-1]
    assert final["facts"]["event"]["termination"] == "unlawful_dismissal"


def test_the_openai_compatible_endpoint_reads_the_conversation_and_returns_the_facts(client):
    messages = [*HISTORY, {"role": "user", "content": FOLLOW_UP}]
    body = client.post("/v1/chat/completions", json={"model": "x", "messages": messages}).json()
    assert "30000.00" in body["choices"][0]["message"]["content"]
    assert body["labor_assistant"]["facts"]["employment"]["service_months"] == 36
    fixed = client.post("/v1/chat/completions", json={"messages": messages, "facts": {"pay.monthly_wage": "6000"}})
    assert "36000.00" in fixed.json()["choices"][0]["message"]["content"]


STORY = "我2021年3月15日进的北京恒达物流有限公司，月薪8000，2026年10月8日公司没有任何理由把我辞退了"


def test_a_document_is_drafted_from_the_corrected_case(client):
    plain = client.post("/v1/documents/arbitration_application", json={"narrative": STORY}).json()
    assert "2021年3月15日" in plain["markdown"]
    fixed = client.post("/v1/documents/arbitration_application",
                        json={"narrative": STORY, "facts": {"employment.hire_date": "2020-03-15"}}).json()
    assert "2020年3月15日" in fixed["markdown"] and "2021年3月15日" not in fixed["markdown"]
    assert "月工资8,000.00元" in fixed["markdown"]  # the rest of the story is still read


def test_a_bad_correction_to_a_document_is_a_422_naming_the_fact(client):
    r = client.post("/v1/documents/arbitration_application",
                    json={"narrative": STORY, "facts": {"employment.hire_date": "去年"}})
    assert r.status_code == 422 and r.json()["error"]["field"] == "facts.employment.hire_date"
