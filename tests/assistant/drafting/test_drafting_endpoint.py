"""The drafting model steps through the real client (langchain-openai) against a loopback OpenAI-compatible
server: what a configured deployment does, faults included."""

import json

import pytest

from assistant.drafting import draft
from assistant.llm import build_chat_model
from tests.assistant.drafting.conftest import TODAY, docx_text
from tests.conftest import make_settings
from tests.fakes.fixtures import openai_server  # noqa: F401  (fixture)

STORY = "我叫王小明，2021年3月1日入职，月薪6500元，公司拖欠3个月工资共计19500元。"
FIELDS = json.dumps({"fields": {"employment.hire_date": {"value": "2021-03-01", "quote": "2021年3月1日入职"},
                                "event.unpaid_amount": {"value": "19500", "quote": "拖欠3个月工资共计19500元"}}},
                    ensure_ascii=False)
FACTS = "申请人于2021年3月1日入职被申请人。被申请人拖欠申请人工资共计19500元。依据《中华人民共和国劳动合同法》第三十条，被申请人应当及时足额支付劳动报酬。"


def _route(messages):
    return FIELDS if "信息提取" in messages[0]["content"] else FACTS


@pytest.mark.server
@pytest.mark.parametrize("streaming", [True, False])
def test_configured_endpoint_extracts_and_drafts(openai_server, tmp_path, streaming, assistant):  # noqa: F811
    openai_server.reply = _route
    settings = make_settings(tmp_path, **openai_server.settings_update())
    model = build_chat_model(settings, streaming=streaming)
    d = draft("arbitration_application", {}, STORY, chat_model=model, resolve=assistant.provision_by_id,
              today=TODAY)
    assert d.drafted_by == "model"
    assert {e.field for e in d.extracted if e.by == "llm"} == {"hire_date", "unpaid_wages"}
    assert "被申请人拖欠申请人工资共计19500元" in docx_text(d.docx)
    assert next(c for c in d.citations if c.id == "劳动合同法#30").verified
    assert len(openai_server.requests) == 2


@pytest.mark.server
@pytest.mark.parametrize("fault", ["down", "garbage_body", "garbage_text", "empty"])
def test_endpoint_faults_fall_back_to_the_offline_draft(openai_server, tmp_path, fault):  # noqa: F811
    openai_server.reply = _route
    openai_server.fault = fault
    settings = make_settings(tmp_path, **openai_server.settings_update(timeout=3.0))
    d = draft("arbitration_application", {"hire_date": "2021-03-01"}, STORY,
              chat_model=build_chat_model(settings, streaming=False), today=TODAY)
    text = docx_text(d.docx)
    assert "劳动人事争议仲裁申请书" in text
    assert d.drafted_by == "rules" and any("模型" in w for w in d.warnings)
    assert "申请人于2021年3月1日入职被申请人" in text
    assert "zzqx" not in text and "\x00" not in text
