"""Answers: JSON, or Server-Sent Events (token events, then one final event carrying the whole answer)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from assistant.api.deps import ApiSettingsDep, AssistantDep, MetricsDep, PublicCaller, check_question, facade_method
from assistant.api.schemas import ERROR_RESPONSES, AnswerOut, AskRequest
from assistant.api.serialize import answer_dict, replaces_stream, stream_event
from assistant.api.sse import SSE_HEADERS, SSE_MEDIA_TYPE, sse

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["咨询"], responses=ERROR_RESPONSES)

STREAM_DOC = """\
`stream: true` 时返回 `text/event-stream`：

- `event: token`，`data: {"text": "…"}` —— 回答正文的片段，按顺序拼接；
- `event: notice`，`data: {"text": "…"}` —— 过程提示（如语言模型不可用、改用离线回答）；
- `event: final`，`data: {回答对象}` —— 最后一个事件，字段与非流式 JSON 回答相同（含 citations 与 verified 状态），
  另有 `replaces_stream`：为 true 时（语言模型中途失败、改用离线回答）应以 final 中的 answer 替换已显示的片段；
- `event: error`，`data: {"error": {"code", "message"}}` —— 出错时代替 final。
"""


@router.post("/ask", response_model=AnswerOut, summary="咨询：回答一个劳动法律问题（可流式）",
             description=STREAM_DOC,
             responses={200: {"content": {"application/json": {}, SSE_MEDIA_TYPE: {}}}})
async def ask(body: AskRequest, assistant: AssistantDep, settings: ApiSettingsDep, metrics: MetricsDep,
              _: PublicCaller):
    question = check_question(body.question, settings)
    history = [turn.model_dump() for turn in body.history]
    if body.stream:
        ask_stream = facade_method(assistant, "ask_stream", "流式回答")
        return StreamingResponse(_answer_events(ask_stream, question, history, metrics),
                                 media_type=SSE_MEDIA_TYPE, headers=SSE_HEADERS)
    ask_once = facade_method(assistant, "ask", "咨询回答")
    answer = await run_in_threadpool(ask_once, question, history=history)
    data = answer_dict(answer)
    metrics.count("answer", data.get("mode", "unknown"))
    return data


def _answer_events(ask_stream, question: str, history: list[dict[str, Any]], metrics) -> Iterator[bytes]:
    """Runs in a worker thread (Starlette iterates sync generators there), so a slow model never blocks the loop."""
    try:
        for item in ask_stream(question, history=history):
            kind, payload = stream_event(item)
            if kind == "token":
                if payload:
                    yield sse({"text": payload}, event="token")
            elif kind == "final":
                data = answer_dict(payload)
                data["replaces_stream"] = bool(replaces_stream(item))
                metrics.count("answer", data.get("mode", "unknown"))
                yield sse(data, event="final")
                return
            else:
                yield sse({"text": payload}, event="notice")
        yield sse({"error": {"code": "incomplete", "message": "回答没有正常结束，请重试"}}, event="error")
    except Exception as exc:  # the stream has started: the error must travel as an event, not a status code
        log.error("answer stream failed: %s", type(exc).__name__)
        metrics.count("answer", "error")
        yield sse({"error": {"code": "internal_error", "message": "生成回答时出错，请稍后再试"}}, event="error")
