"""LABOR_ANSWER_DEADLINE_SECONDS bounds the whole answer, not each model call: an answer reads the case with the
model, then streams the answer, and a model slow at each step (every call under the deadline on its own) used to
get the sum of the calls. Behind the loopback OpenAI-compatible fake; JSON and streamed answers."""

from __future__ import annotations

import logging
import time

import pytest

from assistant import Assistant
from tests.fakes.fixtures import openai_server  # noqa: F401  (the loopback OpenAI-compatible fake)

pytestmark = [pytest.mark.faults]
DEADLINE_S = 2.0
FIRST_BYTE_S = 1.5  # each call waits this long before its first byte: under the deadline alone, not twice
QUESTION = "老板三个月没发工资，我想辞职，还能要到补偿吗？"
REPLY = "根据《劳动合同法》第三十八条，用人单位未及时足额支付劳动报酬的，劳动者可以解除劳动合同。" * 3


@pytest.fixture
def slow_model(assistant, openai_server):  # noqa: F811  (the imported fixture)
    openai_server.reply = REPLY
    settings = assistant.settings.model_copy(update={**openai_server.settings_update(timeout=5.0),
                                                     "answer_deadline_seconds": DEADLINE_S, "facts_by_model": True})
    slow = Assistant(settings)
    # The first answer of a process imports the answer chain and opens the index: a prompt model, so that warm-up
    # is not what the timed answers below measure.
    assert slow.ask(QUESTION).mode == "llm"
    openai_server.requests.clear()
    openai_server.delay = FIRST_BYTE_S
    openai_server.chunk_chars, openai_server.chunk_delay = 2, 0.2
    return slow


def test_a_json_answer_spends_one_deadline_over_all_its_model_calls(slow_model, openai_server):  # noqa: F811
    started = time.monotonic()
    answer = slow_model.ask(QUESTION)
    took = time.monotonic() - started

    assert len(openai_server.requests) >= 2, "the case read by the model, then the answer: two calls in a row"
    assert took < DEADLINE_S + 1.0, f"{took:.1f} s: the calls' deadlines were added up"
    assert answer.mode == "offline" and any("超时" in w for w in answer.warnings), answer.warnings
    assert "第三十八条" in answer.answer


def test_a_streamed_answer_spends_the_same_deadline(slow_model, openai_server):  # noqa: F811
    started = time.monotonic()
    events = list(slow_model.ask_stream(QUESTION))
    took = time.monotonic() - started

    final = events[-1].answer
    assert final is not None and final.mode == "offline" and any("超时" in w for w in final.warnings)
    assert len(openai_server.requests) >= 2
    assert took < DEADLINE_S + 1.0, f"{took:.1f} s"


def test_each_answer_gets_a_deadline_of_its_own(slow_model, openai_server):  # noqa: F811
    openai_server.delay = 0.0
    openai_server.chunk_chars, openai_server.chunk_delay = 40, 0.0
    time.sleep(DEADLINE_S + 0.2)  # longer than one deadline since the assistant's first answer
    assert slow_model.ask(QUESTION).mode == "llm", "a deadline is per answer, not per assistant"
    streamed = list(slow_model.ask_stream(QUESTION))
    assert streamed[-1].answer is not None and streamed[-1].answer.mode == "llm"


def test_a_silent_model_retried_by_its_client_still_ends_at_the_deadline(assistant, openai_server):  # noqa: F811
    # The client retries a request that timed out, with the same timeout: each attempt gets its share of what is
    # left, or the retry alone would run a whole timeout past the deadline.
    settings = assistant.settings.model_copy(update={**openai_server.settings_update(timeout=5.0, max_retries=1),
                                                     "answer_deadline_seconds": DEADLINE_S, "facts_by_model": False})
    silent = Assistant(settings)
    openai_server.reply = REPLY
    assert silent.ask(QUESTION).mode == "llm"  # warm: imports and the index are not what is timed
    openai_server.requests.clear()
    openai_server.delay = DEADLINE_S * 3  # no byte before the deadline, nor before a retry's

    started = time.monotonic()
    answer = silent.ask(QUESTION)
    took = time.monotonic() - started

    assert len(openai_server.requests) == 2, "the first attempt and the client's one retry"
    assert took < DEADLINE_S + 1.0, f"{took:.1f} s"
    assert answer.mode == "offline" and any("超时" in w for w in answer.warnings), answer.warnings


def test_a_stream_cut_off_at_the_deadline_logs_no_warning(assistant, openai_server, caplog):  # noqa: F811
    # A trickling model cut off at the deadline is the expected path: one info line, no warning, no traceback.
    settings = assistant.settings.model_copy(update={**openai_server.settings_update(timeout=5.0),
                                                     "answer_deadline_seconds": DEADLINE_S, "facts_by_model": False})
    trickling = Assistant(settings)
    openai_server.reply = REPLY
    assert trickling.ask(QUESTION).mode == "llm"  # warm: imports and the index are not what is timed
    openai_server.chunk_chars, openai_server.chunk_delay = 2, 0.2  # tokens keep coming, each in time, past the end

    caplog.clear()
    with caplog.at_level(logging.INFO):
        answer = trickling.ask(QUESTION)
        events = list(trickling.ask_stream(QUESTION))

    assert answer.mode == "offline" and any("超时" in w for w in answer.warnings), answer.warnings
    assert events[-1].answer is not None and events[-1].answer.mode == "offline"
    loud = [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING]
    assert not loud, loud
    assert not any(r.exc_info for r in caplog.records), "no traceback for a deadline"
    cut = [r for r in caplog.records if "llm_deadline" in r.getMessage() or "超时" in r.getMessage()]
    assert 1 <= len(cut) <= 2, [r.getMessage() for r in caplog.records]  # one line per answer
