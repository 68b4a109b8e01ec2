"""Answers: JSON, or Server-Sent Events (token events, then one final event carrying the whole answer)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from assistant.answering.models import AnswerEvent
from assistant.api.deps import ApiSettingsDep, AssistantDep, MetricsDep, PublicCaller, check_facts, check_question
from assistant.api.errors import stream_error
from assistant.api.schemas import ERROR_RESPONSES, AnswerOut, AskRequest
from assistant.api.sse import SSE_HEADERS, SSE_MEDIA_TYPE, EventSourceResponse, sse
from assistant.serialize import answer_dict

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["咨询"], responses=ERROR_RESPONSES)

STREAM_DOC = """\
`stream: true` 时返回 `text/event-stream`：

- `event: token`，`data: {"text": "…"}` —— 回答正文的片段，按顺序拼接；
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
    facts = check_facts(body.facts)
    if body.stream:
        events = functools.partial(assistant.ask_stream, question, history=history, facts=facts)
        return EventSourceResponse(_answer_events(events, metrics), headers=SSE_HEADERS)
    answer = await run_in_threadpool(assistant.ask, question, history=history, facts=facts)
    metrics.count("answer", answer.mode)
    return answer_dict(answer)


def _answer_events(events: Callable[[], Iterator[AnswerEvent]], metrics) -> Iterator[bytes]:
    """Runs in a worker thread (Starlette iterates sync generators there), so a slow model never blocks the loop."""
    try:
        for event in events():
            if event.type == "token":
                if event.text:
                    yield sse({"text": event.text}, event="token")
            elif event.answer is not None:
                metrics.count("answer", event.answer.mode)
                yield sse({**answer_dict(event.answer), "replaces_stream": event.replaces_stream}, event="final")
                return
        yield sse({"error": {"code": "incomplete", "message": "回答没有正常结束，请重试"}}, event="error")
    except Exception as exc:  # the stream has started: the error must travel as an event, not a status code
        log.error("answer stream failed: %s", type(exc).__name__)
        metrics.count("answer", "error")
        yield sse(stream_error(exc), event="error")
