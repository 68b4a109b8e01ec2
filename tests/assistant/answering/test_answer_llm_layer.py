"""The LLM layer: model from settings (or none), prompts as files, the character budget, the HTTP client."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.llm import (
    ContextBudget,
    PromptNotFoundError,
    build_chat_model,
    load_prompt,
    render_prompt,
    take_within,
)


def test_no_endpoint_configured_means_no_model():
    assert build_chat_model(Settings(_env_file=None, llm_base_url=None, llm_model=None)) is None
    # a base URL without a model name is not enough either
    assert build_chat_model(Settings(_env_file=None, llm_base_url="http://127.0.0.1:9/v1", llm_model=None)) is None


def test_model_follows_the_settings():
    settings = Settings(_env_file=None, llm_base_url="http://127.0.0.1:11434/v1", llm_model="qwen2.5:7b",
                        llm_timeout=7.5, llm_max_retries=4, llm_temperature=0.1)
    model = build_chat_model(settings)
    assert model.model_name == "qwen2.5:7b"
    assert model.openai_api_base == "http://127.0.0.1:11434/v1"
    assert model.request_timeout == 7.5 and model.max_retries == 4 and model.temperature == 0.1
    # local servers need no key; the client still gets a placeholder instead of failing
    assert model.openai_api_key.get_secret_value()


def test_non_streaming_call_reaches_the_loopback_server(openai_server):
    openai_server.reply = "你好，我可以解答劳动权益问题。"
    settings = Settings(_env_file=None, **openai_server.settings_update())
    model = build_chat_model(settings, streaming=False)
    assert model.invoke("你好").content == "你好，我可以解答劳动权益问题。"
    request = openai_server.requests[-1]
    assert request["model"] == "fake-model" and not request.get("stream")


def test_streaming_call_arrives_in_pieces(openai_server):
    openai_server.reply = "根据《劳动合同法》第三十八条，你可以解除劳动合同。"
    openai_server.chunk_chars = 5
    model = build_chat_model(Settings(_env_file=None, **openai_server.settings_update()))
    pieces = [c.content for c in model.stream("问题") if c.content]
    assert len(pieces) > 3
    assert "".join(pieces) == openai_server.reply
    assert openai_server.requests[-1]["stream"] is True


def test_every_prompt_the_pipeline_uses_is_a_file():
    for name in ("answer_system", "answer_user", "condense"):
        assert len(load_prompt(name)) > 50
    with pytest.raises(PromptNotFoundError):
        load_prompt("no_such_prompt")
    with pytest.raises(PromptNotFoundError):
        load_prompt("../pyproject")


def test_prompt_slots_are_filled_once_and_values_stay_inert():
    out = render_prompt("问：{{question}} 资料：{{provisions}}", question="{{provisions}}", provisions="X")
    assert out == "问：{{provisions}} 资料：X"
    with pytest.raises(KeyError):
        render_prompt("{{question}}")


def test_budget_counts_characters_and_leaves_room_for_the_reply():
    budget = ContextBudget(total=10000)
    history, provisions = budget.split(fixed_chars=1500, history_chars=50000)
    assert history + provisions + 1500 <= 7500  # a quarter stays free for the reply
    assert history <= provisions
    history, provisions = budget.split(fixed_chars=1500, history_chars=100)
    assert history == 100


def test_take_within_cuts_the_first_text_that_does_not_fit():
    kept = take_within(["甲" * 50, "乙" * 100, "丙" * 10], 120, min_piece=20)
    assert kept[0] == "甲" * 50
    assert kept[1].startswith("乙") and kept[1].endswith("…") and len(kept[1]) == 70
    assert len(kept) == 2
