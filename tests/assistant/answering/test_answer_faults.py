"""The endpoint down, slow, returning garbage, cut mid-stream: the worker still gets the offline answer, with a notice.

The HTTP path uses the real OpenAI client against a loopback server; the chain path uses the fake chat model.
"""

from __future__ import annotations

import re

import pytest

from assistant.answering.models import OFFLINE_LABEL
from tests.assistant.answering.conftest import http_service

QUESTION = "老板三个月没发工资，我想辞职，还能要到补偿吗？"
REPLY = ("可以要求经济补偿。根据《劳动合同法》第三十八条，用人单位未及时足额支付劳动报酬的，劳动者可以解除劳动合同；"
         "依照劳动合同法第四十六条，单位应当支付经济补偿。建议保留工资流水，拨打 12333 投诉或申请仲裁。")


def run(service, question=QUESTION, history=None):
    events = list(service.ask_stream(question, history))
    assert [e.type for e in events].count("final") == 1 and events[-1].type == "final"
    return events, events[-1]


def assert_offline_with_notice(final, *, notice: str):
    a = final.answer
    assert a.mode == "offline"
    assert OFFLINE_LABEL in a.answer and "## 法律依据" in a.answer
    assert notice in a.answer and any(notice in w for w in a.warnings)
    assert a.citations and all(c.verified for c in a.citations)


# ---------------------------------------------------------------- HTTP, loopback server
def test_http_streaming_answer(assistant, openai_server):
    openai_server.reply = REPLY
    events, final = run(http_service(assistant, openai_server))
    assert final.answer.mode == "llm" and re.sub(r"\[\d\]", "", final.answer.answer) == REPLY  # REPLY + markers
    assert len([e for e in events if e.type == "token"]) > 3  # it really streamed
    assert openai_server.requests[-1]["stream"] is True
    assert openai_server.requests[-1]["messages"][0]["role"] == "system"


def test_http_non_streaming_condense_then_streaming_answer(assistant, openai_server):
    condensed = "公司一直没签劳动合同，我离职后还能要求二倍工资吗？"
    openai_server.reply = lambda messages: condensed if "最新追问" in messages[-1]["content"] else REPLY
    history = [{"role": "user", "content": "公司一直不跟我签劳动合同，已经干了八个月了"},
               {"role": "assistant", "content": "你可以要求二倍工资。"}]
    _, final = run(http_service(assistant, openai_server), "那我离职了还能要吗？", history)
    # condensing and reading the case facts are plain requests; only the answer streams
    assert [bool(r.get("stream")) for r in openai_server.requests] == [False, False, True]
    assert final.answer.question == condensed and final.answer.mode == "llm"


@pytest.mark.parametrize("fault, notice", [
    ("down", "语言模型服务"),
    ("error500", "语言模型服务"),
    ("garbage_body", "语言模型服务"),
    ("garbage_text", "无法识别"),
    ("empty", "无法识别"),
    ("cut", "中途断开"),
])
def test_http_faults_fall_back_to_the_offline_answer(assistant, openai_server, fault, notice):
    openai_server.reply = REPLY
    openai_server.fault = fault
    _, final = run(http_service(assistant, openai_server))
    assert_offline_with_notice(final, notice=notice)


def test_http_cut_after_tokens_were_shown_replaces_the_stream(assistant, openai_server):
    openai_server.reply = REPLY
    openai_server.fault = "cut"
    openai_server.cut_after = 10
    events, final = run(http_service(assistant, openai_server))
    assert any(e.type == "token" for e in events[:-1])
    assert final.replaces_stream
    assert_offline_with_notice(final, notice="中途断开")


def test_http_slow_endpoint_times_out(assistant, openai_server):
    openai_server.reply = REPLY
    openai_server.delay = 1.5
    _, final = run(http_service(assistant, openai_server, llm_timeout=0.3))
    assert_offline_with_notice(final, notice="超时")


def test_http_stream_that_stalls_between_chunks_times_out(assistant, openai_server):
    openai_server.reply = REPLY
    openai_server.chunk_delay = 1.0  # the headers and the first (empty) chunk arrive, then nothing for a second
    _, final = run(http_service(assistant, openai_server, llm_timeout=0.3))
    assert_offline_with_notice(final, notice="超时")


def test_http_retries_a_failing_endpoint_before_giving_up(assistant, openai_server):
    openai_server.fault = "down"
    _, final = run(http_service(assistant, openai_server, llm_max_retries=2))
    assert len(openai_server.requests) == 3
    assert final.answer.mode == "offline"


def test_endpoint_down_while_condensing_skips_the_model_for_the_answer(assistant, openai_server):
    openai_server.fault = "down"
    history = [{"role": "user", "content": "公司一直不跟我签劳动合同"}]
    _, final = run(http_service(assistant, openai_server), "那我离职了还能要吗？", history)
    assert len(openai_server.requests) == 1  # one failed call, not one per step
    assert final.answer.mode == "offline" and "签劳动合同" in final.answer.question


# ---------------------------------------------------------------- the chain with a fake model
def test_model_raising_before_the_first_token(llm_service):
    service, _ = llm_service(REPLY, fail_on_call=True)
    events, final = run(service)
    assert not final.replaces_stream
    assert_offline_with_notice(final, notice="无法连接")
    assert "".join(e.text for e in events[:-1]) == final.answer.answer


def test_model_dropping_mid_stream(llm_service):
    service, _ = llm_service(REPLY, fail_after_chars=30)
    events, final = run(service)
    shown = "".join(e.text for e in events[:-1])
    # what was shown before the drop was the model's own verified text (with the markers of its articles)
    assert shown and re.sub(r"\[\d\]", "", shown) in REPLY
    assert final.replaces_stream
    assert_offline_with_notice(final, notice="中途断开")


def test_model_returning_noise(llm_service):
    service, _ = llm_service("asdf qwer zxcv 1234 !!!! ???? #### $$$$ %%%% ^^^^ &&&& ****")
    events, final = run(service)
    streamed = "".join(e.text for e in events if e.type == "token")
    assert not final.replaces_stream and "asdf" not in streamed  # the noise never reached the user
    assert streamed == final.answer.answer  # only the offline answer streamed, section by section
    assert_offline_with_notice(final, notice="无法识别")


# ---------------------------------------------------------------- a total deadline and bounded concurrency
def test_http_trickling_answer_is_cut_at_the_deadline(assistant, openai_server):
    openai_server.reply = REPLY
    openai_server.chunk_chars, openai_server.chunk_delay = 1, 0.3  # each read well under the per-read timeout
    service = http_service(assistant, openai_server, llm_timeout=5.0, answer_deadline_seconds=1.0)
    events, final = run(service)
    assert_offline_with_notice(final, notice="超时")
    shown = "".join(e.text for e in events[:-1] if e.type == "token")
    # cut near one second in (the whole answer's second: the offline answer may then stream in full), not after
    # the whole trickle
    assert REPLY[: len(REPLY) // 2] not in shown


def test_no_free_model_slot_answers_offline_with_a_notice(assistant, openai_server):
    from assistant.llm import _slots_for

    openai_server.reply = REPLY
    service = http_service(assistant, openai_server, max_concurrent_llm=1)
    slots = _slots_for(1)
    assert slots.acquire(timeout=1)  # another answer holds the only slot
    try:
        _, final = run(service)
    finally:
        slots.release()
    assert_offline_with_notice(final, notice="繁忙")
    assert openai_server.requests == []  # the endpoint was never called beyond the limit
