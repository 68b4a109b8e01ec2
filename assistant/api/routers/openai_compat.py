"""OpenAI-compatible chat completions, so any OpenAI client or chat front end can use the assistant as a model.

Citations are not lost on the way (a common failing of such endpoints): every response carries the extension fields
``citations`` (each with its article text and ``verified`` state) and ``labor_assistant`` (mode, guides, warnings,
disclaimer, suggested actions). In streaming mode they arrive in the last chunk, the one with ``finish_reason``.
"""

from __future__ import annotations

import functools
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from assistant.answering.models import AnswerEvent
from assistant.api.deps import ApiSettingsDep, AssistantDep, MetricsDep, PublicCaller, check_facts, check_question
from assistant.api.errors import InvalidInput, stream_error
from assistant.api.schemas import ERROR_RESPONSES, ChatCompletion, ChatCompletionRequest, OpenAIMessage
from assistant.api.sse import SSE_HEADERS, SSE_MEDIA_TYPE, EventSourceResponse, sse, sse_raw
from assistant.serialize import answer_dict

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["OpenAI 兼容"], responses=ERROR_RESPONSES)

MODEL_NAME = "labor-assistant"


def _text(message: OpenAIMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    if isinstance(message.content, list):
        return "".join(str(p.get("text", "")) for p in message.content if p.get("type") in (None, "text"))
    return ""


def split_conversation(messages: list[OpenAIMessage]) -> tuple[str, list[dict[str, str]]]:
    """The last user message is the question; earlier user/assistant turns are the history.

    System messages from the caller are ignored on purpose: the assistant's own instructions cannot be replaced
    through the API.
    """
    turns = [(m.role, _text(m)) for m in messages if m.role in ("user", "assistant")]
    if not turns or turns[-1][0] != "user":
        raise InvalidInput("messages 的最后一条必须是用户（user）的提问", field="messages")
    history = [{"role": role, "content": text} for role, text in turns[:-1] if text.strip()]
    return turns[-1][1], history


def _extensions(data: dict[str, Any]) -> dict[str, Any]:
    return {"citations": data["citations"],
            "labor_assistant": {k: data.get(k) for k in ("mode", "guides", "warnings", "disclaimer",
                                                         "suggested_actions", "facts")}}


@router.post("/chat/completions", response_model=ChatCompletion, summary="OpenAI 兼容的对话接口（可流式）",
             description=__doc__, responses={200: {"content": {"application/json": {}, SSE_MEDIA_TYPE: {}}}})
async def chat_completions(body: ChatCompletionRequest, assistant: AssistantDep, settings: ApiSettingsDep,
                           metrics: MetricsDep, _: PublicCaller):
    question, history = split_conversation(body.messages)
    question = check_question(question, settings, field="messages")
    facts = check_facts(body.facts)
    model = body.model or MODEL_NAME
    completion_id = "chatcmpl-" + uuid.uuid4().hex[:24]
    created = int(time.time())
    if body.stream:
        events = functools.partial(assistant.ask_stream, question, history=history, facts=facts)
        chunks = _chunks(events, completion_id, created, model, metrics)
        return EventSourceResponse(chunks, headers=SSE_HEADERS)
    answer = await run_in_threadpool(assistant.ask, question, history=history, facts=facts)
    metrics.count("answer", answer.mode)
    data = answer_dict(answer)
    return {"id": completion_id, "object": "chat.completion", "created": created, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": data["answer"]},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": len(question), "completion_tokens": len(data["answer"]),
                      "total_tokens": len(question) + len(data["answer"])},
            **_extensions(data)}


def _chunks(events: Callable[[], Iterator[AnswerEvent]], completion_id: str, created: int, model: str,
            metrics) -> Iterator[bytes]:
    def chunk(delta: dict, finish: str | None = None, **extra) -> bytes:
        return sse({"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra})

    yield chunk({"role": "assistant", "content": ""})
    streamed: list[str] = []
    try:
        for event in events():
            if event.type == "token":
                if event.text:
                    streamed.append(event.text)
                    yield chunk({"content": event.text})
            elif event.answer is not None:
                metrics.count("answer", event.answer.mode)
                data = answer_dict(event.answer)
                if not streamed and data["answer"]:  # an answer composed without a model arrives whole
                    yield chunk({"content": data["answer"]})
                elif event.replaces_stream and data["answer"]:
                    # Deltas cannot be taken back: the model broke off, so the offline answer follows, marked.
                    yield chunk({"content": "\n\n——（语言模型中断，以下是不依赖语言模型整理的回答）——\n\n" + data["answer"]})
                ext = _extensions(data)
                ext["labor_assistant"]["answer"] = data["answer"]  # the verified text, which may differ from tokens
                yield chunk({}, "stop", **ext)
                break
        else:
            yield chunk({"content": "\n\n（回答没有正常结束，请重试）"}, "stop")
    except Exception as exc:
        # OpenAI's own convention for a failure mid-stream: a chunk holding only ``error``; its clients raise
        # APIError with the message (the openai package does), so a failed answer is never taken as a short one.
        log.error("chat completion stream failed: %s", type(exc).__name__)
        metrics.count("answer", "error")
        yield sse(stream_error(exc))
    yield sse_raw("[DONE]")


@router.get("/models", summary="OpenAI 兼容：可用模型列表")
def list_models(_: PublicCaller) -> dict:
    return {"object": "list", "data": [{"id": MODEL_NAME, "object": "model", "created": 0, "owned_by": MODEL_NAME}]}
